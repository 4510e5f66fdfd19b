"""Carrying a published report forward: its next cycle's draft stored as a new report.

The draft is ``hyoka.services.cycle`` of the source's *published* revision (a correction in
progress is not what was published, so it is not what the next cycle starts from). The new report
is a draft of the same ministry and bureau, with ``carried_from`` set and revision 1's reason
「<source> から次期の案を作成」. The page view and the API share this module; they differ only in
how they say no.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from hyoka.core import DocumentKind, EvaluationReport, Paragraph, fiscal_year_label
from hyoka.services import cycle_briefs, next_cycle, pre_analysis_draft
from hyoka.web.reports import storage
from hyoka.web.reports.models import Report, Role
from hyoka.web.reports.permissions import can_see, role, sees_current

__all__ = [
    "AlreadyCarried",
    "CarryError",
    "NotPublished",
    "briefs_for",
    "carry_forward",
    "may_carry_forward",
    "next_report",
    "source_label",
]


class CarryError(Exception):
    """The report cannot be carried forward (nothing was written)."""


class NotPublished(CarryError):
    def __init__(self, report: Report) -> None:
        self.report = report
        super().__init__(f"report {report.pk} is not published")


class AlreadyCarried(CarryError):
    """A document of the kind asked for, of the same ministry, measure and next year, exists already."""

    def __init__(self, existing: Report) -> None:
        self.existing = existing
        super().__init__(f"report {existing.pk} is the next year's report of this measure")


def may_carry_forward(user: Any, report: Report) -> bool:
    """An editor of the report's bureau, a reviewer of its ministry, or an admin: those who write
    and review the measure's evaluations, that is who works on the report (``sees_current``) but
    an expert, who reads it to advise."""
    return role(user) != Role.EXPERT and sees_current(user, report)


def source_label(model: EvaluationReport) -> str:
    """「外務省 1-I-2 北米地域外交（令和2年度 (2020年度)）」: the source report as people name it, in
    Japanese (it is stored as the new revision's reason)."""
    code = model.report_code or f"{model.ministry} {model.measure_number}"
    return f"{code} {model.title}（{fiscal_year_label(model.evaluation_year)}）"


def next_report(
    report: Report, evaluation_year: int | None = None, kind: str = DocumentKind.EVALUATION
) -> Report | None:
    """The document of ``kind`` of the same ministry and measure for the year after ``report``'s (or
    after ``evaluation_year``), if one exists: the next 評価書 and the next 事前分析表 are apart."""
    year = (evaluation_year if evaluation_year is not None else report.evaluation_year) + 1
    found: Report | None = (
        Report.objects.filter(
            ministry_id=report.ministry_id,
            measure_number=report.measure_number,
            evaluation_year=year,
            kind=str(kind),
        )
        .order_by("pk")
        .first()
    )
    return found


@transaction.atomic
def carry_forward(report_id: int, user: Any, *, pre_analysis: bool = False) -> Report:
    """Create the next cycle's draft of a published report: the next year's 評価書, or with
    ``pre_analysis`` the next fiscal year's 事前分析表 (``hyoka.services.pre_analysis_draft``).
    Raises NotPublished or AlreadyCarried; the caller checks ``may_carry_forward`` first."""
    source = (
        # only the report's own row is locked (PostgreSQL refuses FOR UPDATE on the nullable side
        # of the outer joins that bring its bureau and published revision)
        Report.objects.select_for_update(of=("self",))
        .select_related("bureau", "published_revision")
        .get(pk=report_id)
    )
    if source.published_revision is None:
        raise NotPublished(source)
    model = storage.load(source.published_revision)
    kind = DocumentKind.PRE_ANALYSIS if pre_analysis else DocumentKind.EVALUATION
    existing = next_report(source, model.evaluation_year, kind)
    if existing is not None:
        raise AlreadyCarried(existing)
    draft = (pre_analysis_draft(model) if pre_analysis else next_cycle(model)).draft
    bureau = source.bureau.name if source.bureau is not None else None
    try:
        created = storage.create_report(
            draft,
            user,
            f"{source_label(model)} から次年度の事前分析表の案を作成"
            if pre_analysis
            else f"{source_label(model)} から次期の案を作成",
            bureau=bureau,
        )
    except storage.DuplicateReport as exc:  # the next year's report, under the published measure number
        raise AlreadyCarried(exc.existing) from None
    created.carried_from = source
    created.save(update_fields=["carried_from"])
    return created


def briefs_for(report: Report, user: Any) -> dict[str, list[Paragraph]]:
    """Per indicator id, the brief for its new targets: the 次期目標等への反映の方向性 of the
    published revision of the report this one was carried from (empty when there is none, or
    when the user may not see that report)."""
    source = report.carried_from
    if source is None or source.published_revision is None or not can_see(user, source):
        return {}
    briefs, _areas = cycle_briefs(storage.load(source.published_revision))
    return briefs
