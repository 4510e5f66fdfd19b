"""Import findings kept with the report (``OpenFinding``) until someone marks them resolved.

The rules' findings are recomputed from every revision; an import's (H9: a line no reader placed,
a value filled in from the analysis text, a year read without its era) cannot be, since the file is
not read again. So storage keeps them when a file makes a revision, and every rebuild of the
projections puts the open ones back beside the rules' findings: lists, dashboards and the report's
pages count and show them until a person who works on the report marks one resolved (who and when
are kept). See docs/workspace.md, "Import findings".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from hyoka.core import EvaluationReport, Issue
from hyoka.rules import place_name, severity_name
from hyoka.web.reports.display import lang
from hyoka.web.reports.models import FindingFact, OpenFinding, Report, Revision, Role
from hyoka.web.reports.permissions import Action, can, membership

__all__ = [
    "Row",
    "after_rebuild",
    "is_import_code",
    "keep_new",
    "kept",
    "may_resolve",
    "page_context",
    "place_of",
    "resolve",
]

FIELDS = ("code", "severity", "location", "message", "message_en")


def is_import_code(code: str) -> bool:
    """The importers' findings are the family H9 (docs/findings/README.md)."""
    return code.startswith("H9")


def _row(issue: Issue) -> dict[str, Any]:
    return {
        "code": issue.code,
        "severity": issue.severity.value,
        "location": issue.location[:300],
        "message": issue.message,
        "message_en": issue.message_en,
    }


def keep_new(made: Sequence[tuple[Report, Revision, Iterable[dict[str, Any]]]]) -> None:
    """Keep the import findings among the projection rows (``code``, ``severity``, ``location``,
    ``message``, ``message_en``) of each new revision, once: a revision's findings already kept
    are not kept again."""
    done = set(
        OpenFinding.objects.filter(revision__in=[revision for _r, revision, _rows in made]).values_list(
            "revision_id", flat=True
        )
    )
    OpenFinding.objects.bulk_create(
        OpenFinding(report=report, revision=revision, **{k: row[k] for k in FIELDS})
        for report, revision, rows in made
        if revision.pk not in done
        for row in rows
        if is_import_code(str(row["code"]))
    )


def after_rebuild(report: Report, findings: list[Issue] | None) -> None:
    """After the projection of ``report``'s current revision was rebuilt (with ``findings``, the
    import's, when a file made it): keep those, and put the report's other open import findings
    back into its projection."""
    current = report.current_revision
    assert current is not None
    if findings:
        keep_new([(report, current, [_row(f) for f in findings])])
    others = kept(report).filter(resolved_at__isnull=True)
    if findings:
        others = others.exclude(revision=current)
    FindingFact.objects.bulk_create(
        FindingFact(report=report, **{k: getattr(f, k) for k in FIELDS}) for f in others
    )


def kept(report: Report) -> QuerySet[OpenFinding]:
    """Every import finding of the report, open and resolved, oldest first."""
    return OpenFinding.objects.filter(report=report).select_related("resolved_by", "revision").order_by("id")


@transaction.atomic
def resolve(report: Report, finding_id: int, user: Any) -> OpenFinding | None:
    """Mark one open import finding of ``report`` resolved by ``user`` now, and take it out of the
    projection; None when the report has no such open finding (already resolved, or another's)."""
    finding = (
        OpenFinding.objects.select_for_update()
        .filter(report=report, pk=finding_id, resolved_at__isnull=True)
        .first()
    )
    if finding is None:
        return None
    finding.resolved_by = user
    finding.resolved_at = timezone.now()
    finding.save(update_fields=["resolved_by", "resolved_at"])
    fact = (
        FindingFact.objects.filter(report=report, **{k: getattr(finding, k) for k in FIELDS})
        .order_by("id")
        .first()
    )
    if fact is not None:
        fact.delete()
    return finding


# --- on the pages --------------------------------------------------------------------------------


def may_resolve(user: Any, report: Report) -> bool:
    """Who marks an import finding resolved: those who work on the report and answer for its
    content (its editors, its reviewers, admins), not the advisory group, who reads and comments."""
    m = membership(user)
    role = m.role if m is not None else None
    return can(user, Action.TRAIL, report) and (
        bool(getattr(user, "is_superuser", False)) or role in (Role.EDITOR, Role.REVIEWER, Role.ADMIN)
    )


@dataclass(frozen=True)
class Row:
    """An import finding as the pages list it: its place in words, its severity in the page's language."""

    finding: OpenFinding
    place: str
    severity_label: str


def place_of(report: Report, location: str) -> str:
    """A finding's location in words in the page's language, in the report's current revision."""
    assert report.current_revision is not None
    return place_name(EvaluationReport.model_validate(report.current_revision.data), location, lang())


def page_context(user: Any, report: Report) -> dict[str, Any]:
    """The report's import findings, open first, then resolved (who and when), for the pages of
    those who may read its trail (``Action.TRAIL``); nothing for anyone else."""
    if not can(user, Action.TRAIL, report):
        return {"import_findings": []}
    found = sorted(kept(report), key=lambda f: f.resolved_at is not None)
    model = (
        EvaluationReport.model_validate(report.current_revision.data)
        if found and report.current_revision is not None
        else None
    )
    language = lang()
    rows = [
        Row(
            f,
            place_name(model, f.location, language) if model is not None else f.location,
            severity_name(f.severity, language),
        )
        for f in found
    ]
    return {"import_findings": rows, "can_resolve": may_resolve(user, report)}
