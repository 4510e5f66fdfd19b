"""The 事前分析表 of the next fiscal year drafted from the sample's published 評価書: what is carried,
what is taken from the latest actuals (and marked as hyoka's), what is left to fill."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from hyoka.core import AchievementMeans, DocumentKind, EvaluationReport, MeansYear, MidTermTarget, Paragraph
from hyoka.core.amounts import Cell
from hyoka.importers import ImportResult
from hyoka.services import pre_analysis_draft
from hyoka.services.cycle import MAX_TARGET_YEARS


def _facts(value: Any) -> Any:
    """A model's JSON without its source spans (the draft is a new document: it has none)."""
    if isinstance(value, dict):
        return {k: _facts(v) for k, v in value.items() if k != "source"}
    if isinstance(value, list):
        return [_facts(v) for v in value]
    return value


@pytest.fixture(scope="module")
def report(sample_result: ImportResult) -> EvaluationReport:
    return sample_result.report


@pytest.fixture(scope="module")
def draft(report: EvaluationReport) -> EvaluationReport:
    return pre_analysis_draft(report).draft


def test_kind_year_and_identity(draft: EvaluationReport) -> None:
    assert draft.kind is DocumentKind.PRE_ANALYSIS
    assert (draft.ministry, draft.report_code, draft.measure_number, draft.title) == (
        "外務省",
        "外務省 1-I-2",
        "I-2",
        "北米地域外交",
    )
    assert (draft.evaluation_year, draft.window, draft.bureau) == (2021, [], "北米局")
    assert draft.judgment.tier is None and draft.results_summary == []


def test_objectives_become_the_goals_and_the_areas_outline_the_outline(
    report: EvaluationReport, draft: EvaluationReport
) -> None:
    assert _facts([o.model_dump() for o in draft.objectives]) == _facts(
        [o.model_dump() for o in report.objectives]
    )
    assert len(draft.objectives) == 2
    assert [p.text for p in draft.outline] == [p.text for a in report.areas for p in a.outline]
    assert draft.outline[0].text.startswith("日米・日加政府間(首脳・外相レベルを含む)での共通の諸課題")
    assert all(p.source is None for p in draft.outline)


def test_baseline_from_the_latest_actuals_marked_as_inferred(draft: EvaluationReport) -> None:
    ind = draft.indicator("1-5")
    assert ind.baseline_year == 2019
    assert [(v.series, v.value.value, v.value.unit) for v in ind.baseline] == [
        ("①", Decimal(85), "%"),
        ("②", Decimal(89), "%"),
    ]
    assert {v.inferred_from for v in ind.baseline} == {"令和2年度政策評価書の令和元年度実績値"}
    assert draft.indicator("1-3").baseline[0].value.value == 26
    assert draft.indicator("1-1").baseline == []  # qualitative: no 基準値


def test_targets_to_fill_for_the_next_fiscal_year(report: EvaluationReport, draft: EvaluationReport) -> None:
    ind = draft.indicator("1-5")
    assert [y.fiscal_year for y in ind.years] == [2021]
    assert [(v.series, v.value.is_value) for v in ind.years[0].targets] == [("①", False), ("②", False)]
    assert ind.years[0].actuals == []
    old = report.indicator("1-5").mid_term_target
    assert ind.mid_term_target is not None and old is not None
    assert _facts(ind.mid_term_target.model_dump()) == _facts(old.model_dump())
    assert [y.fiscal_year for y in draft.indicator("1-1").years] == [2021]


def test_years_run_to_the_target_year_at_most_five(report: EvaluationReport) -> None:
    areas = report.model_copy(deep=True).areas
    ind = areas[0].indicators[2]
    ind.mid_term_target = MidTermTarget(target_year=2023)
    other = areas[0].indicators[3]
    other.mid_term_target = MidTermTarget(target_year=2040)
    changed = report.model_copy(update={"areas": areas})
    draft = pre_analysis_draft(changed).draft
    assert [y.fiscal_year for y in draft.indicator(ind.id).years] == [2021, 2022, 2023]
    assert len(draft.indicator(other.id).years) == MAX_TARGET_YEARS


def test_means_are_carried_with_the_next_year_to_fill(report: EvaluationReport) -> None:
    means = AchievementMeans(
        number="1",
        name="日米交流事業",
        years=[MeansYear(fiscal_year=2020, budget=Cell.of(Decimal(120), unit="百万円"))],
        indicators=["1-2"],
        review_number="0123",
        outline=[Paragraph(text="交流を行う。")],
    )
    draft = pre_analysis_draft(report.model_copy(update={"means": [means]})).draft
    (carried,) = draft.means
    assert (carried.name, carried.indicators, carried.review_number) == ("日米交流事業", ["1-2"], "0123")
    assert [(y.fiscal_year, y.budget.value) for y in carried.years] == [(2020, 120), (2021, None)]
