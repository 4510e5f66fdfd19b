"""Reports as documents: create from an import, save a revision with optimistic locking,
move through the workflow, and rebuild the projections — all in transactions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import connection, transaction

from hyoka.core import Cell, EvaluationReport, Issue
from hyoka.services import CheckResult
from hyoka.services.model_checks import check_report_result
from hyoka.web.reports import public_pages
from hyoka.web.reports.models import (
    BudgetFact,
    Bureau,
    FindingFact,
    IndicatorFact,
    Ministry,
    Report,
    Revision,
    SearchText,
    Status,
    Transition,
)

__all__ = [
    "StaleRevision",
    "TransitionError",
    "create_report",
    "load",
    "rebuild_projections",
    "save_revision",
    "transition",
]

ACTIONS: dict[str, tuple[tuple[Any, ...], Any]] = {
    "submit": ((Status.DRAFT, Status.RETURNED), Status.SUBMITTED),
    "return": ((Status.SUBMITTED, Status.APPROVED), Status.RETURNED),
    "approve": ((Status.SUBMITTED,), Status.APPROVED),
    "publish": ((Status.APPROVED,), Status.PUBLISHED),
}


class StaleRevision(Exception):
    """A save based on a revision that is no longer the current one: nothing was written."""

    def __init__(self, current: Revision) -> None:
        self.current = current
        author = current.author.get_username() if current.author else "?"
        super().__init__(
            f"revision {current.number} by {author} at {current.created_at.isoformat()} is newer"
        )


class TransitionError(Exception):
    pass


def load(revision: Revision) -> EvaluationReport:
    return EvaluationReport.model_validate(revision.data)


def _ministry_and_bureau(report: EvaluationReport, bureau_name: str | None) -> tuple[Ministry, Bureau | None]:
    ministry, _ = Ministry.objects.get_or_create(name=report.ministry)
    name = bureau_name or report.bureau
    bureau = Bureau.objects.get_or_create(ministry=ministry, name=name)[0] if name else None
    return ministry, bureau


@transaction.atomic
def create_report(
    model: EvaluationReport,
    user: Any,
    reason: str,
    bureau: str | None = None,
    *,
    findings: list[Issue] | None = None,
    checked: CheckResult | None = None,
) -> Report:
    """Revision 1 of a new report; ``bureau`` (a name) overrides the document's 担当部局.
    ``findings`` (the import's) and ``checked`` (the rules' result, when already computed, as the
    bulk import does in its workers) go to ``rebuild_projections``."""
    ministry, bureau_row = _ministry_and_bureau(model, bureau)
    report = Report.objects.create(
        ministry=ministry,
        bureau=bureau_row,
        measure_number=model.measure_number,
        evaluation_year=model.evaluation_year,
        title=model.title,
        judgment=model.judgment.label or "",
    )
    revision = Revision.objects.create(
        report=report, number=1, author=user, reason=reason, data=model.model_dump(mode="json")
    )
    report.current_revision = revision
    report.save(update_fields=["current_revision"])
    rebuild_projections(report, model, findings, checked=checked)
    return report


@transaction.atomic
def save_revision(
    report_id: int, base_revision: int, model: EvaluationReport, user: Any, reason: str
) -> Revision:
    """Save ``model`` on top of revision ``base_revision``; StaleRevision when it is not current.

    A published report stays readable as published; its correction is a new draft revision.
    """
    report = Report.objects.select_for_update().get(pk=report_id)
    current = report.current_revision
    assert current is not None
    if current.number != base_revision:
        raise StaleRevision(current)
    revision = Revision.objects.create(
        report=report,
        number=current.number + 1,
        parent=current,
        author=user,
        reason=reason,
        data=model.model_dump(mode="json"),
    )
    report.current_revision = revision
    report.title = model.title
    report.judgment = model.judgment.label or ""
    report.measure_number = model.measure_number
    report.evaluation_year = model.evaluation_year
    if report.status in (Status.PUBLISHED, Status.APPROVED, Status.SUBMITTED):
        report.status = Status.DRAFT
    report.save()
    rebuild_projections(report, model)
    return revision


@transaction.atomic
def transition(report_id: int, action: str, user: Any, comment: str = "") -> Transition:
    report = Report.objects.select_for_update().get(pk=report_id)
    if action not in ACTIONS:
        raise TransitionError(f"unknown action {action!r}")
    sources, target = ACTIONS[action]
    if report.status not in sources:
        raise TransitionError(f"cannot {action} a report that is {report.status}")
    assert report.current_revision is not None
    record = Transition.objects.create(
        report=report,
        action=action,
        from_status=report.status,
        to_status=target,
        revision=report.current_revision,
        actor=user,
        comment=comment,
    )
    report.status = target
    if target == Status.PUBLISHED:
        _publish(report)
    report.save()
    return record


def _publish(report: Report) -> None:
    """The current revision becomes what the public reads: its title, judgment and search text."""
    report.published_revision = report.current_revision
    report.published_title = report.title
    report.published_judgment = report.judgment
    search, _ = SearchText.objects.get_or_create(report=report, defaults={"text": ""})
    search.published_text = search.text
    search.save(update_fields=["published_text"])
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM reports_search_fts_published WHERE rowid = %s", [report.pk])
            cursor.execute(
                "INSERT INTO reports_search_fts_published (rowid, text, report_id) VALUES (%s, %s, %s)",
                [report.pk, search.published_text, report.pk],
            )
    pk = report.pk
    transaction.on_commit(lambda: public_pages.on_publication(pk))


def _number(cell: Cell) -> Decimal | None:
    return cell.value if cell.is_value else None


def _narratives(model: EvaluationReport) -> str:
    parts: list[str] = [model.title, model.judgment.rationale or ""]
    parts += [o.text for o in model.objectives]
    parts += [o.text for o in model.expert_opinions.opinions]
    for area in model.areas:
        parts.append(area.title)
        parts += [p.text for p in area.outline]
        for ind in area.indicators:
            parts.append(ind.name)
            for year in ind.years:
                parts += [p.text for p in year.target_text + year.progress]
        for entry in area.analysis:
            parts += [p.text for p in entry.paragraphs]
        parts += [p.text for p in area.next_steps.measure]
        for steps in area.next_steps.indicators:
            parts += [p.text for p in steps.paragraphs]
    return "\n".join(p for p in parts if p)


def rebuild_projections(
    report: Report,
    model: EvaluationReport,
    findings: list[Issue] | None = None,
    *,
    checked: CheckResult | None = None,
) -> None:
    """The query tables for one report, from its current revision (and the rules' findings;
    ``checked``: the rules' result for ``model`` when the caller has it, so they do not run twice)."""
    result = checked if checked is not None else check_report_result(model)
    proposals = result.indicators
    IndicatorFact.objects.filter(report=report).delete()
    BudgetFact.objects.filter(report=report).delete()
    FindingFact.objects.filter(report=report).delete()
    facts: list[IndicatorFact] = []
    for ind in model.indicators():
        recorded = ind.recorded_grade.letter if ind.recorded_grade else ""
        proposed = proposals[ind.id].proposed if ind.id in proposals else None
        rows = 0
        for year in ind.years:
            targets = {v.series or "": _number(v.value) for v in year.targets}
            actuals = {v.series or "": _number(v.value) for v in year.actuals}
            for key in dict.fromkeys([*targets, *actuals]) or [""]:
                facts.append(
                    IndicatorFact(
                        report=report,
                        indicator_id=ind.id,
                        name=ind.name[:300],
                        is_main=ind.is_main,
                        kind=ind.kind.value,
                        direction=ind.direction.value,
                        fiscal_year=year.fiscal_year,
                        series=key,
                        target=targets.get(key),
                        actual=actuals.get(key),
                        recorded_grade=recorded,
                        proposed_grade=proposed or "",
                    )
                )
                rows += 1
        if rows == 0:
            facts.append(
                IndicatorFact(
                    report=report,
                    indicator_id=ind.id,
                    name=ind.name[:300],
                    is_main=ind.is_main,
                    kind=ind.kind.value,
                    direction=ind.direction.value,
                    fiscal_year=None,
                    recorded_grade=recorded,
                    proposed_grade=proposed or "",
                )
            )
    IndicatorFact.objects.bulk_create(facts)
    BudgetFact.objects.bulk_create(
        BudgetFact(
            report=report,
            fiscal_year=y.fiscal_year,
            initial=_number(y.initial),
            total=_number(y.total),
            executed=_number(y.executed),
        )
        for y in model.budget.years
    )
    FindingFact.objects.bulk_create(
        FindingFact(
            report=report,
            code=f.code,
            severity=f.severity.value,
            location=f.location[:300],
            message=f.message,
            message_en=f.message_en,
        )
        for f in [*(findings or []), *result.findings]
    )
    text = _narratives(model)
    SearchText.objects.update_or_create(report=report, defaults={"text": text})
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM reports_search_fts WHERE rowid = %s", [report.pk])
            cursor.execute(
                "INSERT INTO reports_search_fts (rowid, text, report_id) VALUES (%s, %s, %s)",
                [report.pk, text, report.pk],
            )
