"""The sections a report is edited by: each section's form, and which sections a report has.

Every field a person writes is in one section (docs/workspace.md). A 事前分析表 is not judged, so it
has no 評価結果 section unless it holds a judgment; the 達成手段 table is shown for a 事前分析表 and for
any report that has one, the 政策評価調書 for a 調書 and for any report that carries one
(docs/model.md)."""

from __future__ import annotations

from typing import Any

from hyoka.core import DocumentKind, EvaluationReport
from hyoka.web.reports.areas_form import AreasForm
from hyoka.web.reports.budget_sheet_form import BudgetSheetForm
from hyoka.web.reports.forms import (
    SECTIONS,
    AnalysisForm,
    BudgetForm,
    NextStepsForm,
    ObjectivesForm,
    OpinionsForm,
    SectionForm,
)
from hyoka.web.reports.indicators_form import IndicatorsForm
from hyoka.web.reports.judgment_form import JudgmentForm
from hyoka.web.reports.means_form import MeansForm
from hyoka.web.reports.overview_form import OverviewForm

__all__ = ["FORMS", "section_form", "sections_for"]

FORMS: dict[str, type[SectionForm]] = {
    form.section: form
    for form in (
        OverviewForm,
        ObjectivesForm,
        BudgetForm,
        AreasForm,
        IndicatorsForm,
        JudgmentForm,
        MeansForm,
        BudgetSheetForm,
        AnalysisForm,
        NextStepsForm,
        OpinionsForm,
    )
}


def section_form(section: str) -> type[SectionForm]:
    """The form class of a section (KeyError for an unknown one)."""
    return FORMS[section]


def _has(model: EvaluationReport, section: str) -> bool:
    pre_analysis = model.kind is DocumentKind.PRE_ANALYSIS
    if section == "judgment":
        judgment = model.judgment
        written = judgment.label or judgment.tier or judgment.rationale or model.other_judgments
        return not pre_analysis or bool(written)
    if section == "means":
        return pre_analysis or bool(model.means)
    if section == "budget_sheet":
        return model.kind is DocumentKind.BUDGET_SHEET or model.budget_sheet is not None
    return True


def sections_for(model: EvaluationReport) -> list[tuple[str, Any]]:
    """The sections of this report, with their headings, in the editor's order."""
    return [(key, label) for key, label in SECTIONS.items() if key in FORMS and _has(model, key)]
