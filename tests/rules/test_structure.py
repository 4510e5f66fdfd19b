"""H1 structure checks: the sample is consistent (no finding); each planted error is found exactly once,
with its code, location, source lines and values, and nothing else."""

from __future__ import annotations

from typing import Any

import pytest

from hyoka.core import (
    Area,
    Budget,
    BudgetYear,
    Cell,
    CellStatus,
    DocumentKind,
    EvaluationReport,
    Indicator,
    IndicatorKind,
    IndicatorYear,
    Issue,
    Judgment,
    Paragraph,
    RecordedGrade,
    SeriesValue,
    Severity,
    SummaryEntry,
    Tier,
)
from hyoka.importers import ImportResult
from hyoka.rules.checks import check_grades, check_structure
from hyoka.rules.codes import code
from hyoka.rules.profile import RuleProfile, load_profile


@pytest.fixture(scope="module")
def profile() -> RuleProfile:
    return load_profile()


@pytest.fixture
def report(sample_result: ImportResult) -> EvaluationReport:
    """A fresh deep copy of the imported sample for each test to break."""
    return sample_result.report.model_copy(deep=True)


def brief(issue: Issue) -> tuple[str, str, tuple[int, int] | None, dict[str, Any]]:
    lines = (issue.lines.first, issue.lines.last) if issue.lines is not None else None
    return issue.code, issue.location, lines, issue.context


def run(report: EvaluationReport, profile: RuleProfile) -> list[tuple[str, str, tuple[int, int] | None, Any]]:
    issues = check_structure(report, profile)
    for issue in issues:
        assert issue.severity is code(issue.code).severity
        assert issue.message and issue.message_en
        issue.model_dump_json()  # JSON-serialisable context
    return [brief(i) for i in issues]


# --- the sample ----------------------------------------------------------------------------------


def test_sample_is_consistent(sample_result: ImportResult, profile: RuleProfile) -> None:
    assert check_structure(sample_result.report, profile) == []


def test_check_does_not_change_the_report(sample_result: ImportResult, profile: RuleProfile) -> None:
    before = sample_result.report.model_dump_json()
    check_structure(sample_result.report, profile)
    assert sample_result.report.model_dump_json() == before


# --- H101 ----------------------------------------------------------------------------------------


def test_h101_judgment_missing(report: EvaluationReport, profile: RuleProfile) -> None:
    report.judgment = Judgment(source=report.judgment.source)
    assert run(report, profile) == [("H101", "/judgment", (45, 45), {"block": "judgment"})]


def test_h101_monitoring_only_is_not_missing(report: EvaluationReport, profile: RuleProfile) -> None:
    report.judgment = Judgment(monitoring_only=True)
    assert run(report, profile) == []


def test_h101_a_label_without_a_tier_is_not_missing(report: EvaluationReport, profile: RuleProfile) -> None:
    """A label outside the 5 tiers (another legend) is recorded: it is H3's business, not a missing block."""
    report.judgment = Judgment(label="おおむね達成", letter=None)
    assert run(report, profile) == []


def test_h101_summary_missing_is_one_finding(report: EvaluationReport, profile: RuleProfile) -> None:
    """Not one H102 per indicator on top: the whole block is missing, and that is said once."""
    report.results_summary = []
    assert run(report, profile) == [("H101", "/results_summary", (3, 964), {"block": "results_summary"})]


def test_h101_areas_missing_is_one_finding(report: EvaluationReport, profile: RuleProfile) -> None:
    report.areas = []
    assert run(report, profile) == [("H101", "/areas", (3, 964), {"block": "areas"})]


def test_h101_areas_without_indicators(report: EvaluationReport, profile: RuleProfile) -> None:
    for area in report.areas:
        area.indicators = []
    assert run(report, profile) == [("H101", "/areas", (3, 964), {"block": "indicators"})]


def test_h101_budget_missing(report: EvaluationReport, profile: RuleProfile) -> None:
    report.budget.years = []
    assert run(report, profile) == [("H101", "/budget/years", (36, 41), {"block": "budget"})]


def test_h101_empty_report_names_every_block(profile: RuleProfile) -> None:
    report = EvaluationReport(
        ministry="外務省",
        measure_number="I-2",
        title="北米地域外交",
        evaluation_year=2020,
        window=[2017, 2018],
    )
    assert run(report, profile) == [
        ("H101", "/judgment", None, {"block": "judgment"}),
        ("H101", "/results_summary", None, {"block": "results_summary"}),
        ("H101", "/areas", None, {"block": "areas"}),
        ("H101", "/budget/years", None, {"block": "budget"}),
    ]
    issue = check_structure(report, profile)[0]
    assert issue.severity is Severity.ERROR
    assert issue.message == "目標達成度の測定の結果(各行政機関共通区分)の記載がありません。"


# --- H102 ----------------------------------------------------------------------------------------


def test_h102_indicator_removed_from_its_area(report: EvaluationReport, profile: RuleProfile) -> None:
    """1-4 is gone from area 1: its summary row (line 50) points at nothing."""
    removed = report.areas[0].indicators.pop(3)
    assert removed.id == "1-4"
    assert run(report, profile) == [
        (
            "H102",
            "/results_summary/3",
            (50, 50),
            {"indicator_id": "1-4", "name": report.results_summary[3].name},
        )
    ]
    assert check_structure(report, profile)[0].input == "1-4"


def test_h102_indicator_missing_from_the_summary(report: EvaluationReport, profile: RuleProfile) -> None:
    removed = report.results_summary.pop(6)
    assert removed.indicator_id == "2-2"
    name = report.areas[1].indicators[1].name
    assert run(report, profile) == [
        ("H102", "/areas/1/indicators/1", (610, 673), {"indicator_id": "2-2", "name": name})
    ]


def test_h102_summary_id_mistyped(report: EvaluationReport, profile: RuleProfile) -> None:
    """A summary row with a wrong id is two findings: the row matches no indicator, and 3-2 has no row."""
    report.results_summary[8].indicator_id = "3-3"
    summary_name = report.results_summary[8].name
    indicator_name = report.areas[2].indicators[1].name
    assert run(report, profile) == [
        ("H102", "/results_summary/8", (57, 57), {"indicator_id": "3-3", "name": summary_name}),
        ("H102", "/areas/2/indicators/1", (856, 898), {"indicator_id": "3-2", "name": indicator_name}),
    ]


# --- H103, H104 ----------------------------------------------------------------------------------


def test_h103_summary_grade_changed(report: EvaluationReport, profile: RuleProfile) -> None:
    report.results_summary[3].recorded_grade = "a"
    assert run(report, profile) == [
        (
            "H103",
            "/results_summary/3",
            (50, 50),
            {
                "indicator_id": "1-4",
                "summary_grade": "a",
                "section_grade": "b",
                "indicator": "/areas/0/indicators/3",
            },
        )
    ]
    issue = check_structure(report, profile)[0]
    assert issue.input == "a"
    assert issue.message == "測定指標1-4の達成状況が、総括表では「a」、個別分野では「b」で異なります。"


def test_h103_section_grade_changed(report: EvaluationReport, profile: RuleProfile) -> None:
    """The location is the summary row either way; the section's grade is in the context."""
    section = report.areas[1].indicators[0]
    assert section.recorded_grade is not None
    section.recorded_grade = RecordedGrade(letter="a", window=[2017, 2018, 2019])
    assert run(report, profile) == [
        (
            "H103",
            "/results_summary/5",
            (53, 53),
            {
                "indicator_id": "2-1",
                "summary_grade": "s",
                "section_grade": "a",
                "indicator": "/areas/1/indicators/0",
            },
        )
    ]


def test_h103_needs_both_grades(report: EvaluationReport, profile: RuleProfile) -> None:
    """A grade absent on one side is not a disagreement here (a missing grade is H3's)."""
    report.results_summary[0].recorded_grade = None
    report.areas[0].indicators[1].recorded_grade = None
    assert run(report, profile) == []


def test_h104_summary_is_main_flipped(report: EvaluationReport, profile: RuleProfile) -> None:
    report.results_summary[1].is_main = True
    assert run(report, profile) == [
        (
            "H104",
            "/results_summary/1",
            (48, 48),
            {
                "indicator_id": "1-2",
                "summary_is_main": True,
                "section_is_main": False,
                "indicator": "/areas/0/indicators/1",
            },
        )
    ]


def test_h104_section_is_main_dropped(report: EvaluationReport, profile: RuleProfile) -> None:
    report.areas[2].indicators[1].is_main = False
    assert run(report, profile) == [
        (
            "H104",
            "/results_summary/8",
            (57, 57),
            {
                "indicator_id": "3-2",
                "summary_is_main": True,
                "section_is_main": False,
                "indicator": "/areas/2/indicators/1",
            },
        )
    ]


# --- H105 ----------------------------------------------------------------------------------------


def test_h105_progress_emptied(report: EvaluationReport, profile: RuleProfile) -> None:
    report.areas[0].indicators[1].years[2].progress = []
    assert run(report, profile) == [
        (
            "H105",
            "/areas/0/indicators/1/years/2",
            (292, 332),
            {"indicator_id": "1-2", "fiscal_year": 2019, "kind": "qualitative", "missing": ["progress"]},
        )
    ]
    (issue,) = check_structure(report, profile)
    assert issue.message == "測定指標1-2の令和元年度 (2019年度)に施策の進捗状況・実績の記載がありません。"
    assert issue.message_en == "Indicator 1-2 has no progress for FY2019 (Reiwa 1)."


def test_h105_blank_paragraphs_are_empty(report: EvaluationReport, profile: RuleProfile) -> None:
    year = report.areas[2].indicators[0].years[0]
    year.target_text = [Paragraph(text="  ")]
    year.progress = []
    assert run(report, profile) == [
        (
            "H105",
            "/areas/2/indicators/0/years/0",
            (793, 812),
            {
                "indicator_id": "3-1",
                "fiscal_year": 2017,
                "kind": "qualitative",
                "missing": ["target", "progress"],
            },
        )
    ]


def test_h105_year_removed(report: EvaluationReport, profile: RuleProfile) -> None:
    """A window year with no entry at all: the location is the indicator."""
    del report.areas[1].indicators[1].years[1]
    assert run(report, profile) == [
        (
            "H105",
            "/areas/1/indicators/1",
            (610, 673),
            {"indicator_id": "2-2", "fiscal_year": 2018, "kind": "qualitative", "missing": ["year"]},
        )
    ]


def test_h105_quantitative_target_not_a_value(report: EvaluationReport, profile: RuleProfile) -> None:
    """1-3's 平成30年度 target 「—」 (nothing to report) or empty: no target, never a target of 0."""
    year = report.areas[0].indicators[2].years[1]
    year.targets = [SeriesValue(value=Cell(status=CellStatus.NOTHING_TO_REPORT, raw="—"))]
    expected = [
        (
            "H105",
            "/areas/0/indicators/2/years/1",
            (336, 339),
            {"indicator_id": "1-3", "fiscal_year": 2018, "kind": "quantitative", "missing": ["target"]},
        )
    ]
    assert run(report, profile) == expected
    year.targets = []
    assert run(report, profile) == expected
    year.targets = [SeriesValue(value=Cell.of(0))]
    assert run(report, profile) == []


def test_h105_one_series_with_a_target_is_enough(report: EvaluationReport, profile: RuleProfile) -> None:
    year = report.areas[0].indicators[4].years[0]
    year.targets = [year.targets[0], SeriesValue(series="②", value=Cell.empty())]
    assert run(report, profile) == []


def test_h105_years_outside_the_window_are_not_checked(
    report: EvaluationReport, profile: RuleProfile
) -> None:
    report.window = [2018]
    report.areas[0].indicators[0].years[0].progress = []  # 平成29年度, outside the window now
    assert run(report, profile) == []
    report.window = []
    assert run(report, profile) == []


# --- a small hand-built report -------------------------------------------------------------------


def _hand_built() -> EvaluationReport:
    qualitative = Indicator(
        id="1-1",
        name="協力の進展",
        is_main=True,
        kind=IndicatorKind.QUALITATIVE,
        years=[
            IndicatorYear(
                fiscal_year=2019, target_text=[Paragraph(text="目標")], progress=[Paragraph(text="実績")]
            )
        ],
        recorded_grade=RecordedGrade(letter="b", window=[2019]),
    )
    quantitative = Indicator(
        id="1-2",
        name="会談数",
        kind=IndicatorKind.QUANTITATIVE,
        years=[IndicatorYear(fiscal_year=2019, targets=[SeriesValue(value=Cell.of(0))])],
    )
    return EvaluationReport(
        ministry="外務省",
        measure_number="I-2",
        title="北米地域外交",
        evaluation_year=2020,
        window=[2019],
        budget=Budget(years=[BudgetYear(fiscal_year=2019)]),
        judgment=Judgment(tier=Tier.SUBSTANTIAL_PROGRESS, label="相当程度進展あり", letter="B"),
        results_summary=[
            SummaryEntry(indicator_id="1-1", name="協力の進展", is_main=True, recorded_grade="b"),
            SummaryEntry(indicator_id="1-2", name="会談数", recorded_grade="b"),
        ],
        areas=[Area(number=1, title="政治", indicators=[qualitative, quantitative])],
    )


def test_hand_built_consistent_report(profile: RuleProfile) -> None:
    """A target of 0 is a target; an empty budget year is H2's business, not a missing block; a grade
    recorded only in the summary is not a disagreement."""
    assert run(_hand_built(), profile) == []


def test_hand_built_without_lines(profile: RuleProfile) -> None:
    """A report that was not imported: findings carry no source lines."""
    report = _hand_built()
    report.results_summary[0].is_main = False
    report.results_summary[1].recorded_grade = "a"
    report.areas[0].indicators[1].recorded_grade = RecordedGrade(letter="b")
    report.areas[0].indicators[1].years = []
    assert run(report, profile) == [
        (
            "H104",
            "/results_summary/0",
            None,
            {
                "indicator_id": "1-1",
                "summary_is_main": False,
                "section_is_main": True,
                "indicator": "/areas/0/indicators/0",
            },
        ),
        (
            "H103",
            "/results_summary/1",
            None,
            {
                "indicator_id": "1-2",
                "summary_grade": "a",
                "section_grade": "b",
                "indicator": "/areas/0/indicators/1",
            },
        ),
        (
            "H105",
            "/areas/0/indicators/1",
            None,
            {"indicator_id": "1-2", "fiscal_year": 2019, "kind": "quantitative", "missing": ["year"]},
        ),
    ]


# --- H101 by kind of document ----------------------------------------------------------------------


def _emptied(report: EvaluationReport, kind: DocumentKind) -> EvaluationReport:
    """The sample as a document of ``kind`` with every block H101 looks for taken out."""
    return report.model_copy(
        update={
            "kind": kind,
            "judgment": Judgment(),
            "results_summary": [],
            "areas": [],
            "budget": Budget(years=[]),
        }
    )


@pytest.mark.parametrize(
    ("kind", "blocks"),
    [
        (DocumentKind.EVALUATION, ["judgment", "results_summary", "areas", "budget"]),
        (DocumentKind.PRE_ANALYSIS, ["areas"]),
        (DocumentKind.BUDGET_SHEET, ["budget"]),
    ],
)
def test_h101_asks_each_kind_only_for_the_blocks_it_has(
    report: EvaluationReport, profile: RuleProfile, kind: DocumentKind, blocks: list[str]
) -> None:
    found = [i for i in check_structure(_emptied(report, kind), profile) if i.code == "H101"]
    assert [i.context["block"] for i in found] == blocks


def test_a_pre_analysis_table_s_indicators_have_no_grade_to_miss(
    report: EvaluationReport, profile: RuleProfile
) -> None:
    """H306 (an indicator without a recorded grade) is a 評価書's: a 事前分析表 is written before."""
    for area in report.areas:
        for indicator in area.indicators:
            indicator.recorded_grade = None
    as_evaluation = [i.code for i in check_grades(report, profile)].count("H306")
    plan = report.model_copy(update={"kind": DocumentKind.PRE_ANALYSIS})
    assert (as_evaluation, [i.code for i in check_grades(plan, profile)].count("H306")) == (9, 0)
