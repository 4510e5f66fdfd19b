"""The bundled sample (外務省 令和2年度 施策I-2 北米地域外交), imported: exact values, field by field.

Every value below was read off the sample text by hand; a change in any of them is a regression of
the importer (or a change of the sample, which then needs these values rechecked).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest

from hyoka.core import (
    AccountType,
    Area,
    BudgetSheet,
    BudgetYear,
    Cell,
    CellStatus,
    EvaluationReport,
    Indicator,
    IndicatorKind,
    SectionKind,
    SeriesValue,
    Severity,
    Tier,
)
from hyoka.importers import ImportResult

# --- helpers -------------------------------------------------------------------------------------


def value(cell: Cell) -> Decimal:
    assert cell.status is CellStatus.VALUE, cell
    assert cell.value is not None
    return cell.value


def is_empty(cell: Cell) -> bool:
    return cell.status is CellStatus.EMPTY and cell.value is None


def series_numbers(values: list[SeriesValue]) -> dict[str | None, Decimal]:
    return {v.series: value(v.value) for v in values}


def resolve(report: EvaluationReport, pointer: str) -> Any:
    """A JSON pointer (RFC 6901) into the report's JSON form."""
    node: Any = report.model_dump(mode="json")
    for part in pointer.split("/")[1:]:
        key = part.replace("~1", "/").replace("~0", "~")
        node = node[int(key)] if isinstance(node, list) else node[key]
    return node


@pytest.fixture(scope="module")
def report(sample_result: ImportResult) -> EvaluationReport:
    return sample_result.report


@pytest.fixture(scope="module")
def sheet(report: EvaluationReport) -> BudgetSheet:
    assert report.budget_sheet is not None
    return report.budget_sheet


def area(report: EvaluationReport, number: int) -> Area:
    (found,) = [a for a in report.areas if a.number == number]
    return found


def budget_year(report: EvaluationReport, year: int) -> BudgetYear:
    (found,) = [y for y in report.budget.years if y.fiscal_year == year]
    return found


# --- the import as a whole -----------------------------------------------------------------------


def test_read_as_utf8_text(sample_result: ImportResult) -> None:
    assert sample_result.encoding == "utf-8"
    assert sample_result.source_format == "text"


def test_findings_are_exactly_these(sample_result: ImportResult) -> None:
    """The multiset of finding codes: any new finding (or one gone) is a change to look at."""
    assert Counter(f.code for f in sample_result.findings) == Counter({"H904": 2, "H902": 1})
    assert not [f for f in sample_result.findings if f.code == "H901"], "every line is placed"


def test_h904_short_years_of_the_budget_sheet(sample_result: ImportResult) -> None:
    h904 = [f for f in sample_result.findings if f.code == "H904"]
    assert [(f.location, f.input, f.context) for f in h904] == [
        ("/budget_sheet/current_year", "2年度", {"era": "令和", "fiscal_year": 2020}),
        ("/budget_sheet/next_year", "3年度", {"era": "令和", "fiscal_year": 2021}),
    ]
    assert all(f.severity is Severity.INFO for f in h904)
    assert [resolve(sample_result.report, f.location) for f in h904] == [2020, 2021]
    # the year read, written the one way (core.fiscal_year_label): never a bare 「2020年度」 or 「FY2020」
    assert [(f.message, f.message_en) for f in h904] == [
        (
            "「2年度」は元号がないため、文書の元号(令和)で令和2年度 (2020年度)と読みました。",
            "'2年度' names no era; read in the document's era (Reiwa) as FY2020 (Reiwa 2).",
        ),
        (
            "「3年度」は元号がないため、文書の元号(令和)で令和3年度 (2021年度)と読みました。",
            "'3年度' names no era; read in the document's era (Reiwa) as FY2021 (Reiwa 3).",
        ),
    ]


def test_json_round_trip(report: EvaluationReport) -> None:
    text = report.model_dump_json()
    assert EvaluationReport.model_validate_json(text) == report


# --- header --------------------------------------------------------------------------------------


def test_header(report: EvaluationReport) -> None:
    assert report.ministry == "外務省"
    assert report.report_code == "外務省 1-I-2"
    assert report.measure_number == "I-2"
    assert report.title == "北米地域外交"
    assert report.evaluation_year == 2020
    assert report.window == [2017, 2018, 2019]
    assert report.bureau == "北米局"
    assert report.evaluated_on == "2020-09"


def test_objectives(report: EvaluationReport) -> None:
    assert [o.number for o in report.objectives] == ["1", "2"]
    assert [len(o.children) for o in report.objectives] == [3, 2]
    assert [c.number for c in report.objectives[0].children] == ["(1)", "(2)", "(3)"]
    assert [c.number for c in report.objectives[1].children] == ["(1)", "(2)"]
    assert (
        report.objectives[0].text == "我が国外交の基軸である日米同盟関係の更なる強化のため、以下を実施する。"
    )
    assert report.objectives[1].children[1].text == (
        "日加の持続可能な経済成長に資する各種の政策分野での協調を推進する。"
    )


# --- budget (施策の予算額・執行額等, 百万円) ------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "initial", "supplementary", "carryover", "total", "executed"),
    [
        (2017, 370, 0, 0, 370, 326),
        (2018, 678, 0, 0, 678, 544),
        (2019, 685, 0, -14, 671, 532),
    ],
)
def test_budget_years_with_values(
    report: EvaluationReport,
    year: int,
    initial: int,
    supplementary: int,
    carryover: int,
    total: int,
    executed: int,
) -> None:
    record = budget_year(report, year)
    assert value(record.initial) == Decimal(initial)
    assert value(record.supplementary) == Decimal(supplementary)
    assert value(record.carryover) == Decimal(carryover)
    assert value(record.total) == Decimal(total)
    assert value(record.executed) == Decimal(executed)


def test_budget(report: EvaluationReport) -> None:
    assert report.budget.unit == "百万円"
    assert [y.fiscal_year for y in report.budget.years] == [2017, 2018, 2019, 2020]
    assert budget_year(report, 2019).carryover.raw == "△14"
    assert budget_year(report, 2019).carryover.unit == "百万円"


def test_budget_2020_has_only_its_initial_budget(report: EvaluationReport) -> None:
    record = budget_year(report, 2020)
    assert value(record.initial) == Decimal(652)
    for cell in (record.supplementary, record.carryover, record.total, record.executed):
        assert cell.status is CellStatus.EMPTY  # empty, not 0 and not 「-」
        assert cell.value is None


# --- 調書 (budget sheet, 千円) ---------------------------------------------------------------------


def test_budget_sheet_fields(sheet: BudgetSheet) -> None:
    assert sheet.policy_name == "北米地域外交"
    assert sheet.number == "②"
    assert sheet.evaluation_method == "総合・実績・事業"
    assert sheet.achievement == "相当程度進展あり"
    assert sheet.unit == "千円"
    assert sheet.current_year == 2020
    assert sheet.next_year == 2021


def test_budget_sheet_evaluated_section(sheet: BudgetSheet) -> None:
    assert [s.kind for s in sheet.sections] == [SectionKind.EVALUATED, SectionKind.NOT_EVALUATED]
    evaluated = sheet.sections[0]
    assert [
        (i.account, i.organization, i.item, i.sub_item, value(i.current_initial), value(i.next_request))
        for i in evaluated.items
    ] == [
        ("一般", "外務本省", "地域別外交費", "北米地域外交に必要な経費", Decimal(274346), Decimal(230045)),
        ("一般", "在外公館", "地域別外交費", "北米地域外交に必要な経費", Decimal(377359), Decimal(342153)),
    ]
    assert all(i.other_sheet_ref is None for i in evaluated.items)
    general, special = evaluated.subtotals
    assert general.account_type is AccountType.GENERAL
    assert value(general.current_initial) == Decimal(651705)
    assert value(general.next_request) == Decimal(572198)
    assert special.account_type is AccountType.SPECIAL
    assert is_empty(special.current_initial)
    assert is_empty(special.next_request)


def test_budget_sheet_not_evaluated_section_has_no_items(sheet: BudgetSheet) -> None:
    not_evaluated = sheet.sections[1]
    assert not_evaluated.items == []
    assert [line.account_type for line in not_evaluated.subtotals] == [
        AccountType.GENERAL,
        AccountType.SPECIAL,
    ]
    assert all(
        is_empty(line.current_initial) and is_empty(line.next_request) for line in not_evaluated.subtotals
    )


def test_budget_sheet_totals(sheet: BudgetSheet) -> None:
    general, special = sheet.totals
    assert general.account_type is AccountType.GENERAL
    assert value(general.current_initial) == Decimal(651705)
    assert value(general.next_request) == Decimal(572198)
    assert special.account_type is AccountType.SPECIAL
    assert is_empty(special.current_initial)
    assert is_empty(special.next_request)


def test_budget_sheet_inclusive_cells_are_empty_and_kept_apart(sheet: BudgetSheet) -> None:
    """「< >の内数」 lines are blank in the sample: empty, and never added into 小計 or 合計."""
    lines = [
        *[item for section in sheet.sections for item in section.items],
        *[line for section in sheet.sections for line in section.subtotals],
        *sheet.totals,
    ]
    for line in lines:
        assert is_empty(line.current_initial_inclusive), line
        assert is_empty(line.next_request_inclusive), line
    items = sheet.sections[0].items
    assert sum(value(i.current_initial) for i in items) == value(
        sheet.sections[0].subtotals[0].current_initial
    )
    assert sum(value(i.next_request) for i in items) == value(sheet.sections[0].subtotals[0].next_request)


# --- judgment, results summary, notes, experts ----------------------------------------------------


def test_judgment(report: EvaluationReport) -> None:
    judgment = report.judgment
    assert judgment.tier is Tier.SUBSTANTIAL_PROGRESS
    assert judgment.tier == "相当程度進展あり"
    assert judgment.letter == "B"
    assert judgment.legend == "各行政機関共通区分"
    assert judgment.monitoring_only is False
    assert (
        judgment.rationale == "主要な測定指標がおおむね目標に近い実績を示したことから、左記のとおり判定した。"
    )


SUMMARY = [
    ("1-1", "b", True),
    ("1-2", "b", False),
    ("1-3", "b", False),
    ("1-4", "b", False),
    ("1-5", "b", False),
    ("2-1", "s", True),
    ("2-2", "b", False),
    ("3-1", "b", True),
    ("3-2", "b", True),
]


def test_results_summary(report: EvaluationReport) -> None:
    summary = report.results_summary
    assert [(e.indicator_id, e.recorded_grade, e.is_main) for e in summary] == SUMMARY
    assert {e.indicator_id for e in summary if e.is_main} == {"1-1", "2-1", "3-1", "3-2"}
    assert [e.area_number for e in summary] == [1, 1, 1, 1, 1, 2, 2, 3, 3]
    assert summary[2].name == "日米二国間会談数(首脳・外相レベル)(電話会談含む)"


def test_indicators_agree_with_the_summary(report: EvaluationReport) -> None:
    indicators = report.indicators()
    assert [
        (i.id, i.recorded_grade.letter if i.recorded_grade else None, i.is_main) for i in indicators
    ] == SUMMARY
    assert [i.name for i in indicators] == [e.name for e in report.results_summary]


def test_notes(report: EvaluationReport) -> None:
    assert [n.mark for n in report.notes] == ["※", "注1", "注2"]


def test_expert_opinions(report: EvaluationReport) -> None:
    experts = report.expert_opinions
    assert experts.group == "外務省政策評価アドバイザー・グループ・メンバーの所見"
    assert len(experts.opinions) == 6
    assert experts.opinions[0].text.startswith("日米首脳・外相間の協議・意思疎通が活発に行われ")
    assert experts.opinions[5].text.startswith(
        "個別分野3(米国との安全保障分野での協力推進)における参考指標として"
    )


def test_expert_opinion_cut_by_the_page_break_is_joined(report: EvaluationReport) -> None:
    opinion = report.expert_opinions.opinions[1]
    assert "他地域との外交を含めた日本外交全体の奥行きが問われている" in opinion.text
    assert opinion.text.endswith("各地域・各国との外交を評価する包括枠があるとよいのではないか。")
    assert opinion.source is not None
    assert (opinion.source.first, opinion.source.last) == (63, 66)


# --- areas ----------------------------------------------------------------------------------------


def test_areas(report: EvaluationReport) -> None:
    assert [(a.number, a.title) for a in report.areas] == [
        (1, "北米諸国との政治分野での協力推進"),
        (2, "北米諸国との経済分野での協力推進"),
        (3, "米国との安全保障分野での協力推進"),
    ]
    assert [[i.id for i in a.indicators] for a in report.areas] == [
        ["1-1", "1-2", "1-3", "1-4", "1-5"],
        ["2-1", "2-2"],
        ["3-1", "3-2"],
    ]


def test_cabinet_policies_of_area_1(report: EvaluationReport) -> None:
    policies = area(report, 1).cabinet_policies
    first = policies[0]
    assert first.name == "第198回国会施政方針演説"
    assert first.date == dt.date(2019, 1, 28)
    assert first.section is not None
    assert first.section.startswith("五")
    assert [(p.name, p.date) for p in policies[1:]] == [("第198回国会外交演説", dt.date(2019, 1, 28))]


def test_sources_of_area_1(report: EvaluationReport) -> None:
    sources = area(report, 1).sources
    assert "https://www.mofa.go.jp/mofaj/area/usa/index.html" in [s.url for s in sources]
    (usa,) = [s for s in sources if s.url == "https://www.mofa.go.jp/mofaj/area/usa/index.html"]
    assert (usa.publisher, usa.title) == ("外務省ホームページ", "アメリカ合衆国")


def test_page_cut_join_in_indicator_1_1_progress(report: EvaluationReport) -> None:
    indicator = report.indicator("1-1")
    assert indicator.kind is IndicatorKind.QUALITATIVE
    (fy2017,) = [y for y in indicator.years if y.fiscal_year == 2017]
    joined = [p for p in fy2017.progress if "必要性を改めて確認した。" in p.text]
    assert len(joined) == 1
    assert "あらゆる方法で圧力を最大限まで高めていく必要性を改めて確認した。" in joined[0].text


def test_analysis_of_1_1_cites_means_1(report: EvaluationReport) -> None:
    (analysis,) = [a for a in area(report, 1).analysis if a.indicator_id == "1-1"]
    means = analysis.paragraphs[0].means
    assert len(means) == 1
    assert means[0].means_number == "達成手段①"
    assert means[0].name == "北米諸国との政治分野での協力推進"
    assert means[0].years == [2017, 2018, 2019]


# --- quantitative indicators ----------------------------------------------------------------------


def single_series(indicator: Indicator) -> tuple[list[Decimal], list[Decimal]]:
    targets, actuals = [], []
    for year in indicator.years:
        assert [v.series for v in year.targets + year.actuals] == [None, None]
        targets.append(value(year.targets[0].value))
        actuals.append(value(year.actuals[0].value))
    return targets, actuals


@pytest.mark.parametrize(
    ("indicator_id", "targets", "actuals"),
    [("1-3", [18, 30, 30], [41, 30, 26]), ("1-4", [5, 7, 7], [10, 8, 7])],
)
def test_single_series_quantitative(
    report: EvaluationReport, indicator_id: str, targets: list[int], actuals: list[int]
) -> None:
    indicator = report.indicator(indicator_id)
    assert indicator.kind is IndicatorKind.QUANTITATIVE
    assert [y.fiscal_year for y in indicator.years] == [2017, 2018, 2019]
    assert single_series(indicator) == ([Decimal(t) for t in targets], [Decimal(a) for a in actuals])


def test_indicator_1_5_two_series(report: EvaluationReport) -> None:
    indicator = report.indicator("1-5")
    assert indicator.kind is IndicatorKind.QUANTITATIVE
    assert [(s.key, s.name) for s in indicator.series] == [("①", "一般の部"), ("②", "有識者の部")]
    assert [y.fiscal_year for y in indicator.years] == [2017, 2018, 2019]
    assert [series_numbers(y.targets) for y in indicator.years] == [
        {"①": Decimal(76), "②": Decimal(86)},
        {"①": Decimal(84), "②": Decimal(88)},
        {"①": Decimal(84), "②": Decimal(89)},
    ]
    assert [series_numbers(y.actuals) for y in indicator.years] == [
        {"①": Decimal(87), "②": Decimal(86)},
        {"①": Decimal(82), "②": Decimal(90)},
        {"①": Decimal(85), "②": Decimal(89)},
    ]


def test_indicator_1_5_fy2019_actuals_come_from_the_analysis(report: EvaluationReport) -> None:
    years = {y.fiscal_year: y for y in report.indicator("1-5").years}
    assert [v.inferred_from for v in years[2019].actuals] == ["施策の分析", "施策の分析"]
    for year in (2017, 2018):
        assert [v.inferred_from for v in years[year].actuals] == [None, None]
    for year in (2017, 2018, 2019):
        assert [v.inferred_from for v in years[year].targets] == [None, None]


def test_h902_at_the_damaged_row_of_1_5(sample_result: ImportResult) -> None:
    (h902,) = [f for f in sample_result.findings if f.code == "H902"]
    assert h902.severity is Severity.WARNING
    assert h902.location == "/areas/0/indicators/4/years"
    indicator = resolve(sample_result.report, h902.location.removesuffix("/years"))
    assert indicator["id"] == "1-5"
    assert h902.lines is not None
    assert h902.lines.first == 349
    assert list(h902.context["filled_from_analysis"]) == ["2019/actual"]
    assert h902.context["unresolved"] == []
    assert h902.message.endswith("欠けていた令和元年度実績値(①85% ②89%)は施策の分析の記載から補いました。")
    assert h902.message_en.endswith(
        "Missing values were filled from the analysis: FY2019 (Reiwa 1) actual ①85% ②89%."
    )


def test_reference_indicator_of_area_3(report: EvaluationReport) -> None:
    (reference,) = area(report, 3).reference_indicators
    assert reference.name == "米国における対日世論調査の結果(日米安保条約を維持すべきとの回答の割合)"
    assert [s.key for s in reference.series] == ["①", "②"]
    assert [y.fiscal_year for y in reference.years] == [2016, 2017, 2018, 2019]
    assert [series_numbers(y.actuals) for y in reference.years] == [
        {"①": Decimal(82), "②": Decimal(86)},
        {"①": Decimal(68), "②": Decimal(87)},
        {"①": Decimal(69), "②": Decimal(95)},
        {"①": Decimal(73), "②": Decimal(93)},
    ]
