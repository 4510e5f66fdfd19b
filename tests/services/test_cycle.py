"""hyoka.services.cycle on the sample (MOFA's 令和2年度 report on I-2) and on small reports."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest

from hyoka.core import (
    Area,
    CellStatus,
    EvaluationReport,
    ExpertOpinions,
    Indicator,
    IndicatorKind,
    IndicatorYear,
    Judgment,
    NextSteps,
    Series,
    SeriesValue,
    format_fiscal_year,
    parse_cell,
)
from hyoka.importers import ImportResult
from hyoka.services import check_report_result
from hyoka.services.cycle import NextCycle, new_window, next_cycle

IDS = ["1-1", "1-2", "1-3", "1-4", "1-5", "2-1", "2-2", "3-1", "3-2"]
NAMES = {
    "1-1": "共通の諸課題における日米・日加両政府間の協力関係の進展",
    "1-2": "日米・日加間の相互理解の進展",
    "1-3": "日米二国間会談数(首脳・外相レベル)(電話会談含む)",
    "1-4": "日加二国間会談数(首脳・外相レベル)(電話会談含む)",
    "2-1": "米国との経済分野での協調の深化",
    "2-2": "カナダとの経済分野での協調の深化",
    "3-1": "日米安保体制の信頼性の向上のための施策の推進",
    "3-2": "在日米軍の安定的な駐留のための施策の進展",
}


@pytest.fixture(scope="module")
def sample(sample_result: ImportResult) -> EvaluationReport:
    return sample_result.report


@pytest.fixture(scope="module")
def cycle(sample: EvaluationReport) -> NextCycle:
    return next_cycle(sample)


def _plain(data: Any) -> Any:
    """A part of the model as JSON without its source spans."""
    if hasattr(data, "model_dump"):
        data = data.model_dump(mode="json")
    if isinstance(data, dict):
        return {k: _plain(v) for k, v in data.items() if k != "source"}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    return data


def _values(values: list[SeriesValue]) -> list[tuple[str | None, str, Decimal | None]]:
    return [(v.series, v.value.status.value, v.value.value) for v in values]


def test_the_next_evaluation_year_and_window(cycle: NextCycle) -> None:
    draft = cycle.draft
    assert draft.evaluation_year == 2021
    assert format_fiscal_year(draft.evaluation_year) == "令和3年度"
    assert draft.window == [2018, 2019, 2020]
    assert [format_fiscal_year(y) for y in draft.window] == ["平成30年度", "令和元年度", "令和2年度"]


def test_identity_and_objectives_carried(sample: EvaluationReport, cycle: NextCycle) -> None:
    draft = cycle.draft
    assert (draft.ministry, draft.report_code, draft.measure_number, draft.title, draft.bureau) == (
        "外務省",
        "外務省 1-I-2",
        "I-2",
        "北米地域外交",
        "北米局",
    )
    assert [o.text for o in draft.objectives] == [o.text for o in sample.objectives]
    assert len(draft.objectives) == len(sample.objectives) > 0


def test_areas_and_indicators_carried(sample: EvaluationReport, cycle: NextCycle) -> None:
    draft = cycle.draft
    assert [(a.number, a.title) for a in draft.areas] == [
        (1, "北米諸国との政治分野での協力推進"),
        (2, "北米諸国との経済分野での協力推進"),
        (3, "米国との安全保障分野での協力推進"),
    ]
    assert [ind.id for ind in draft.indicators()] == IDS
    for ind_id, name in NAMES.items():
        assert draft.indicator(ind_id).name == name
    assert draft.indicator("1-5").name == sample.indicator("1-5").name
    assert draft.indicator("1-5").name.startswith("米国における対日世論調査の結果(日本を友邦として信頼できる")
    assert [ind.id for ind in draft.indicators() if ind.is_main] == ["1-1", "2-1", "3-1", "3-2"]
    assert [ind.id for ind in draft.indicators() if ind.kind is IndicatorKind.QUANTITATIVE] == [
        "1-3",
        "1-4",
        "1-5",
    ]
    assert [(s.key, s.name) for s in draft.indicator("1-5").series] == [
        ("①", "一般の部"),
        ("②", "有識者の部"),
    ]
    assert draft.indicator("1-3").notes == ["副大統領を含む。"]
    for old, new in zip(sample.indicators(), draft.indicators(), strict=True):
        assert _plain(new.mid_term_target) == _plain(old.mid_term_target)
        assert new.direction == old.direction
    assert draft.indicator("3-2").mid_term_target.text == "在日米軍の再編に関する合意を着実に実施する。"  # type: ignore[union-attr]
    # outline and cabinet policies describe the area and are carried; their spans are not
    assert [[p.text for p in a.outline] for a in draft.areas] == [
        [p.text for p in a.outline] for a in sample.areas
    ]
    assert [len(a.cabinet_policies) for a in draft.areas] == [2, 2, 2]


def test_baselines_are_the_last_actuals(cycle: NextCycle) -> None:
    draft = cycle.draft
    assert _values(draft.indicator("1-3").baseline) == [(None, "value", Decimal(26))]
    assert draft.indicator("1-3").baseline_year == 2019
    assert _values(draft.indicator("1-4").baseline) == [(None, "value", Decimal(7))]
    assert draft.indicator("1-4").baseline_year == 2019
    assert _values(draft.indicator("1-5").baseline) == [
        ("①", "value", Decimal(85)),
        ("②", "value", Decimal(89)),
    ]
    assert [v.value.unit for v in draft.indicator("1-5").baseline] == ["%", "%"]
    assert draft.indicator("1-5").baseline_year == 2019
    # the sample's 令和元年度 actuals of 1-5 were read from the analysis; the baseline is a plain value
    assert [v.inferred_from for v in draft.indicator("1-5").baseline] == [None, None]
    for ind_id in ("1-1", "1-2", "2-1", "2-2", "3-1", "3-2"):
        assert draft.indicator(ind_id).baseline == []
        assert draft.indicator(ind_id).baseline_year is None


def test_the_new_window_is_empty(cycle: NextCycle) -> None:
    for ind in cycle.draft.indicators():
        assert [y.fiscal_year for y in ind.years] == [2018, 2019, 2020]
        assert ind.recorded_grade is None
        for year in ind.years:
            assert year.target_text == [] and year.progress == []
        if ind.kind is IndicatorKind.QUANTITATIVE:
            keys = ["①", "②"] if ind.id == "1-5" else [None]
            for year in ind.years:
                assert _values(year.targets) == [(k, "empty", None) for k in keys]
                assert _values(year.actuals) == [(k, "empty", None) for k in keys]
        else:
            assert all(y.targets == [] and y.actuals == [] for y in ind.years)
    assert [v.value.unit for v in cycle.draft.indicator("1-5").years[0].targets] == ["%", "%"]


def test_briefs_are_the_next_steps_per_indicator(sample: EvaluationReport, cycle: NextCycle) -> None:
    expected = {
        steps.indicator_id: [p.text for p in steps.paragraphs]
        for area in sample.areas
        for steps in area.next_steps.indicators
    }
    assert {k: [p.text for p in v] for k, v in cycle.briefs.items()} == expected
    assert {k: len(v) for k, v in cycle.briefs.items()} == {
        "1-1": 2,
        "1-2": 1,
        "1-3": 1,
        "1-4": 1,
        "1-5": 1,
        "2-1": 3,
        "2-2": 4,
        "3-1": 2,
        "3-2": 2,
    }
    assert cycle.briefs["1-3"][0].text.startswith(
        "日米政府間での共通の諸課題に関する緊密な協議をハイレベルで維持"
    )
    assert {k: len(v) for k, v in cycle.area_briefs.items()} == {1: 3, 2: 3, 3: 2}
    assert cycle.area_briefs[1][0].text.startswith(
        "日米両国は基本的価値及び戦略的利益を共有する同盟国である。"
    )


def test_nothing_else_is_carried(cycle: NextCycle) -> None:
    draft = cycle.draft
    assert draft.judgment == Judgment()
    assert draft.expert_opinions == ExpertOpinions()
    assert draft.evaluated_on is None
    assert draft.notes == []
    for area in draft.areas:
        assert area.analysis == []
        assert area.next_steps == NextSteps()
        assert area.sources == []
    assert [(e.indicator_id, e.is_main, e.recorded_grade) for e in draft.results_summary] == [
        (i, i in ("1-1", "2-1", "3-1", "3-2"), None) for i in IDS
    ]
    # the draft is a new document: no span points into the sample's lines
    assert '"source": {' not in json.dumps(draft.model_dump(mode="json"))
    assert cycle.briefs["1-1"][0].source is not None  # the briefs keep theirs: they quote the sample


def test_budget_keeps_the_window_years_and_adds_the_new_year_empty(cycle: NextCycle) -> None:
    years = cycle.draft.budget.years
    assert cycle.draft.budget.unit == "百万円"
    assert [y.fiscal_year for y in years] == [2018, 2019, 2020, 2021]

    def row(i: int) -> list[Decimal | None]:
        y = years[i]
        return [c.value for c in (y.initial, y.supplementary, y.carryover, y.total, y.executed)]

    assert row(0) == [678, 0, 0, 678, 544]
    assert row(1) == [685, 0, -14, 671, 532]
    assert row(2) == [652, None, None, None, None]
    assert row(3) == [None] * 5
    assert years[3].initial.status is CellStatus.EMPTY


def test_budget_sheet_rows_kept_amounts_emptied(cycle: NextCycle) -> None:
    sheet = cycle.draft.budget_sheet
    assert sheet is not None
    assert (sheet.current_year, sheet.next_year, sheet.achievement) == (2021, 2022, None)
    items = sheet.sections[0].items
    assert [(i.organization, i.item, i.sub_item) for i in items] == [
        ("外務本省", "地域別外交費", "北米地域外交に必要な経費"),
        ("在外公館", "地域別外交費", "北米地域外交に必要な経費"),
    ]
    lines = [*items, *(s for sec in sheet.sections for s in sec.subtotals), *sheet.totals]
    cells = [getattr(line, n) for line in lines for n in ("current_initial", "next_request")]
    assert {c.status for c in cells} == {CellStatus.EMPTY}
    assert items[0].current_initial.unit == "千円"


def test_the_draft_has_only_not_filled_in_findings(cycle: NextCycle) -> None:
    findings = check_report_result(cycle.draft).findings
    assert Counter((f.code, f.severity.value) for f in findings) == {
        ("H101", "error"): 1,  # the judgment: written at the end of the cycle
        ("H105", "warning"): 27,  # 9 indicators × 3 years without targets
        ("H305", "warning"): 9,  # 3 quantitative indicators × 3 years without actuals
        ("H306", "warning"): 9,  # no recorded grade yet
        ("H504", "info"): 4,  # the four main indicators are qualitative, as in the sample
    }
    assert [(f.code, f.location) for f in findings if f.severity.value == "error"] == [("H101", "/judgment")]


def test_json_round_trip(cycle: NextCycle) -> None:
    again = EvaluationReport.model_validate_json(cycle.draft.model_dump_json())
    assert again == cycle.draft


# --- small reports -------------------------------------------------------------------------------


def _year(fy: int, **actuals: str) -> IndicatorYear:
    return IndicatorYear(
        fiscal_year=fy,
        actuals=[
            SeriesValue(series=k.replace("s1", "①").replace("s2", "②"), value=parse_cell(v))
            for k, v in actuals.items()
        ],
    )


def _report(indicator: Indicator, window: list[int] | None = None) -> EvaluationReport:
    return EvaluationReport(
        ministry="総務省",
        measure_number="II-1",
        title="試験",
        evaluation_year=2022,
        window=window if window is not None else [2019, 2020, 2021],
        areas=[Area(number=1, title="分野", indicators=[indicator])],
    )


def test_baseline_is_the_last_year_every_series_has() -> None:
    ind = Indicator(
        id="1-1",
        name="調査",
        kind=IndicatorKind.QUANTITATIVE,
        series=[Series(key="①", name="一般"), Series(key="②", name="有識者")],
        years=[_year(2019, s1="50", s2="60"), _year(2020, s1="55", s2="-"), _year(2021, s1="58")],
    )
    draft = next_cycle(_report(ind)).draft
    assert _values(draft.indicator("1-1").baseline) == [
        ("①", "value", Decimal(50)),
        ("②", "value", Decimal(60)),
    ]
    assert draft.indicator("1-1").baseline_year == 2019


def test_an_old_baseline_stays_when_no_year_has_actuals() -> None:
    ind = Indicator(
        id="2-3",
        name="件数",
        kind=IndicatorKind.QUANTITATIVE,
        baseline=[SeriesValue(value=parse_cell("120"))],
        baseline_year=2015,
        years=[IndicatorYear(fiscal_year=2021, targets=[SeriesValue(value=parse_cell("130"))])],
    )
    draft = next_cycle(_report(ind)).draft
    assert _values(draft.indicator("2-3").baseline) == [(None, "value", Decimal(120))]
    assert draft.indicator("2-3").baseline_year == 2015
    assert [y.fiscal_year for y in draft.indicator("2-3").years] == [2020, 2021, 2022]


def test_a_report_without_a_window_takes_the_three_years_before() -> None:
    ind = Indicator(id="1-1", name="定性", kind=IndicatorKind.QUALITATIVE)
    report = _report(ind, window=[])
    assert new_window(report) == [2020, 2021, 2022]
    assert next_cycle(report).draft.window == [2020, 2021, 2022]
    assert next_cycle(report).briefs == {}
