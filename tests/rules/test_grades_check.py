"""H3 grade checks (H301–H306) on small hand-built reports, each finding with its code, location and values;
then the sample, which has exactly one: H301 on 1-4."""

from __future__ import annotations

from typing import Any

import pytest

from hyoka.core import (
    Area,
    Cell,
    EvaluationReport,
    Indicator,
    IndicatorKind,
    IndicatorYear,
    Issue,
    Judgment,
    RecordedGrade,
    SeriesValue,
    Severity,
    SourceSpan,
    SummaryEntry,
    Tier,
)
from hyoka.importers import ImportResult
from hyoka.rules.checks import check_grades
from hyoka.rules.codes import code
from hyoka.rules.profile import RuleProfile, load_profile

WINDOW = [2017, 2018, 2019]
Brief = tuple[str, str, dict[str, Any]]


@pytest.fixture(scope="module")
def profile() -> RuleProfile:
    return load_profile()


def grade(letter: str, line: int | None = None) -> RecordedGrade:
    return RecordedGrade(letter=letter, window=WINDOW, source=None if line is None else SourceSpan.line(line))


def quantitative(
    indicator_id: str, pairs: list[tuple[int, int | None]], letter: str | None, *, main: bool = False
) -> Indicator:
    """One year per (target, actual), 2017 onwards; an actual of None leaves the year without one."""
    return Indicator(
        id=indicator_id,
        name=f"指標{indicator_id}",
        is_main=main,
        kind=IndicatorKind.QUANTITATIVE,
        years=[
            IndicatorYear(
                fiscal_year=2017 + n,
                targets=[SeriesValue(value=Cell.of(target))],
                actuals=[] if actual is None else [SeriesValue(value=Cell.of(actual))],
            )
            for n, (target, actual) in enumerate(pairs)
        ],
        recorded_grade=None if letter is None else grade(letter),
    )


def qualitative(indicator_id: str, letter: str | None, *, main: bool = False) -> Indicator:
    return Indicator(
        id=indicator_id,
        name=f"指標{indicator_id}",
        is_main=main,
        kind=IndicatorKind.QUALITATIVE,
        recorded_grade=None if letter is None else grade(letter),
    )


B_JUDGMENT = Judgment(tier=Tier.SUBSTANTIAL_PROGRESS, label="相当程度進展あり", letter="B")


def report_of(
    *areas: list[Indicator], judgment: Judgment = B_JUDGMENT, summary: list[SummaryEntry] | None = None
) -> EvaluationReport:
    return EvaluationReport(
        ministry="外務省",
        measure_number="I-2",
        title="北米",
        evaluation_year=2020,
        window=WINDOW,
        judgment=judgment,
        results_summary=summary or [],
        areas=[Area(number=n + 1, title=f"分野{n + 1}", indicators=inds) for n, inds in enumerate(areas)],
    )


def findings(report: EvaluationReport, profile: RuleProfile) -> list[Issue]:
    before = report.model_dump_json()
    issues = check_grades(report, profile)
    assert report.model_dump_json() == before  # checking never changes the report
    for issue in issues:
        assert issue.severity is code(issue.code).severity
        assert issue.message
        assert issue.message_en
        issue.model_dump_json()
    return issues


def run(report: EvaluationReport, profile: RuleProfile) -> list[Brief]:
    return [(i.code, i.location, i.context) for i in findings(report, profile)]


# --- a consistent report -------------------------------------------------------------------------


def consistent() -> EvaluationReport:
    return report_of(
        [qualitative("1-1", "b", main=True), quantitative("1-2", [(5, 10), (7, 8), (7, 7)], "a")],
        [qualitative("2-1", "b", main=True)],
    )


def test_consistent_report_has_no_finding(profile: RuleProfile) -> None:
    assert run(consistent(), profile) == []


# --- H301 ----------------------------------------------------------------------------------------


def test_h301_recorded_differs_from_proposed(profile: RuleProfile) -> None:
    report = report_of(
        [qualitative("1-1", "b", main=True)],
        [qualitative("2-1", "b", main=True), quantitative("2-2", [(5, 10), (7, 8), (7, 7)], "b")],
    )
    report.indicator("2-2").recorded_grade = grade("b", line=50)
    issues = findings(report, profile)
    assert [(i.code, i.location, i.context) for i in issues] == [
        (
            "H301",
            "/areas/1/indicators/1/recorded_grade",
            {"recorded": "b", "proposed": "a", "rule": "all_years: every year achieved"},
        )
    ]
    (issue,) = issues
    assert issue.severity is Severity.WARNING
    assert issue.input == "b"
    assert issue.lines == SourceSpan.line(50)
    assert "令和元年度" in issue.message


def test_h301_proposal_below_the_record(profile: RuleProfile) -> None:
    report = report_of(
        [qualitative("1-1", "b", main=True), quantitative("1-2", [(10, 5), (10, 6), (10, 7)], "a")]
    )
    assert run(report, profile) == [
        (
            "H301",
            "/areas/0/indicators/1/recorded_grade",
            {
                "recorded": "a",
                "proposed": "c",
                "rule": "all_years: below near, the last year better than the first (or the baseline)",
            },
        )
    ]


def test_no_h301_when_equal(profile: RuleProfile) -> None:
    report = report_of(
        [qualitative("1-1", "b", main=True), quantitative("1-2", [(30, 41), (30, 30), (30, 26)], "b")]
    )
    assert run(report, profile) == []


def test_no_h301_without_a_proposal(profile: RuleProfile) -> None:
    report = report_of([qualitative("1-1", "c", main=True)])  # qualitative: nothing to compare
    report.judgment = Judgment(tier=Tier.LIMITED_PROGRESS, label="進展が大きくない", letter="C")
    assert run(report, profile) == []


# --- H302 ----------------------------------------------------------------------------------------


def test_h302_recorded_judgment_differs(profile: RuleProfile) -> None:
    judgment = Judgment(tier=Tier.ACHIEVED, label="目標達成", letter="A", source=SourceSpan.line(45))
    report = report_of([qualitative("1-1", "b", main=True), qualitative("1-2", "a")], judgment=judgment)
    issues = findings(report, profile)
    assert [(i.code, i.location, i.context) for i in issues] == [
        (
            "H302",
            "/judgment",
            {
                "recorded": "目標達成",
                "proposed": "相当程度進展あり",
                "rule": "main indicators b or better (weighted share 1.00)",
            },
        )
    ]
    assert issues[0].lines == SourceSpan.line(45)
    assert issues[0].input == "目標達成"
    assert issues[0].severity is Severity.WARNING


def test_no_h302_when_the_labels_agree(profile: RuleProfile) -> None:
    report = report_of([qualitative("1-1", "b", main=True), qualitative("1-2", "a")])
    assert run(report, profile) == []


def test_no_h302_for_a_monitoring_year(profile: RuleProfile) -> None:
    report = report_of([qualitative("1-1", "d", main=True)], judgment=Judgment(monitoring_only=True))
    assert run(report, profile) == []


# --- H303 ----------------------------------------------------------------------------------------


LEGEND = ["s", "a", "b", "c", "d"]


def test_h303_indicator_letter_outside_the_legend(profile: RuleProfile) -> None:
    report = report_of(
        [qualitative("1-1", "b", main=True), quantitative("1-2", [(5, 10), (7, 8), (7, 7)], "B")]
    )
    issues = findings(report, profile)
    assert [(i.code, i.location, i.context, i.input) for i in issues] == [
        ("H303", "/areas/0/indicators/1/recorded_grade", {"legend": LEGEND}, "B")
    ]  # and no H301 for the same grade
    assert issues[0].severity is Severity.ERROR


def test_h303_summary_letter_outside_the_legend(profile: RuleProfile) -> None:
    summary = [
        SummaryEntry(indicator_id="1-1", name="指標1-1", is_main=True, recorded_grade="b"),
        SummaryEntry(indicator_id="1-2", name="指標1-2", recorded_grade="ｂ"),
    ]
    report = report_of([qualitative("1-1", "b", main=True), qualitative("1-2", "b")], summary=summary)
    issues = findings(report, profile)
    assert [(i.code, i.location, i.context, i.input) for i in issues] == [
        ("H303", "/results_summary/1/recorded_grade", {"legend": LEGEND}, "ｂ")
    ]


def test_h303_judgment_letter_outside_the_tiers(profile: RuleProfile) -> None:
    judgment = Judgment(tier=Tier.SUBSTANTIAL_PROGRESS, label="相当程度進展あり", letter="X")
    report = report_of([qualitative("1-1", "b", main=True)], judgment=judgment)
    issues = findings(report, profile)
    assert [(i.code, i.location, i.context, i.input) for i in issues] == [
        ("H303", "/judgment/letter", {}, "X")
    ]
    assert "S・A・B・C・D" in issues[0].message  # and no H304 for the same letter


# --- H304 ----------------------------------------------------------------------------------------


def test_h304_label_and_letter_disagree(profile: RuleProfile) -> None:
    judgment = Judgment(tier=Tier.SUBSTANTIAL_PROGRESS, label="相当程度進展あり", letter="A")
    report = report_of([qualitative("1-1", "b", main=True)], judgment=judgment)
    issues = findings(report, profile)
    assert [(i.code, i.location, i.context, i.input) for i in issues] == [
        (
            "H304",
            "/judgment",
            {"label": "相当程度進展あり", "letter": "A", "expected_letter": "B"},
            "相当程度進展あり (A)",
        )
    ]
    assert issues[0].severity is Severity.ERROR


def test_no_h304_without_a_letter(profile: RuleProfile) -> None:
    judgment = Judgment(tier=Tier.SUBSTANTIAL_PROGRESS, label="相当程度進展あり")
    assert run(report_of([qualitative("1-1", "b", main=True)], judgment=judgment), profile) == []


# --- H305 ----------------------------------------------------------------------------------------


def test_h305_window_year_without_an_actual(profile: RuleProfile) -> None:
    report = report_of(
        [qualitative("1-1", "b", main=True), quantitative("1-2", [(5, 10), (7, None), (7, 7)], "a")]
    )
    issues = findings(report, profile)
    assert [(i.code, i.location, i.context) for i in issues] == [
        ("H305", "/areas/0/indicators/1", {"fiscal_year": 2018})
    ]
    assert issues[0].severity is Severity.WARNING


def test_h305_window_year_missing_altogether(profile: RuleProfile) -> None:
    report = report_of([qualitative("1-1", "b", main=True), quantitative("1-2", [(5, 10), (7, 8)], "a")])
    assert run(report, profile) == [("H305", "/areas/0/indicators/1", {"fiscal_year": 2019})]


def test_h305_every_year_without_an_actual(profile: RuleProfile) -> None:
    report = report_of(
        [qualitative("1-1", "b", main=True), quantitative("1-2", [(5, None), (7, None), (7, None)], "b")]
    )
    assert run(report, profile) == [("H305", "/areas/0/indicators/1", {"fiscal_year": fy}) for fy in WINDOW]


def test_no_h305_for_qualitative(profile: RuleProfile) -> None:
    assert run(report_of([qualitative("1-1", "b", main=True)]), profile) == []


def test_h305_message_names_the_year_the_one_way(profile: RuleProfile) -> None:
    """H3 messages give a fiscal year as every page does: 「令和元年度 (2019年度)」, and in English
    ``FY2019 (Reiwa 1)`` (no Japanese in the English message)."""
    report = report_of(
        [qualitative("1-1", "b", main=True), quantitative("1-2", [(5, 10), (7, 8), (7, None)], "a")]
    )
    (issue,) = findings(report, profile)
    assert issue.code == "H305"
    assert issue.message == "定量指標1-2に令和元年度 (2019年度)の実績値がありません。"
    assert issue.message_en == "Quantitative indicator 1-2 has no actual for FY2019 (Reiwa 1)."


# --- H306 ----------------------------------------------------------------------------------------


def test_h306_indicator_without_a_recorded_grade(profile: RuleProfile) -> None:
    report = report_of([qualitative("1-1", "b", main=True)], [qualitative("2-1", None)])
    issues = findings(report, profile)
    assert [(i.code, i.location, i.context) for i in issues] == [("H306", "/areas/1/indicators/0", {})]
    assert issues[0].severity is Severity.WARNING


def test_h306_quantitative_without_a_grade_is_not_h301(profile: RuleProfile) -> None:
    report = report_of(
        [qualitative("1-1", "b", main=True), quantitative("1-2", [(5, 10), (7, 8), (7, 7)], None)]
    )
    assert run(report, profile) == [("H306", "/areas/0/indicators/1", {})]


# --- the sample ----------------------------------------------------------------------------------


def test_sample_has_exactly_one_grade_finding(sample_result: ImportResult, profile: RuleProfile) -> None:
    issues = findings(sample_result.report, profile)
    assert [(i.code, i.location, i.context) for i in issues] == [
        (
            "H301",
            "/areas/0/indicators/3/recorded_grade",
            {"recorded": "b", "proposed": "a", "rule": "all_years: every year achieved"},
        )
    ]
    (issue,) = issues
    assert sample_result.report.indicator("1-4") is sample_result.report.areas[0].indicators[3]
    assert issue.lines == SourceSpan.line(50)
    assert issue.input == "b"
    assert issue.message == (
        "測定指標1-4の達成状況は「b」と記録されていますが、数値からの提案は「a」です"
        "(平成29年度 (2017年度) 目標超過、平成30年度 (2018年度) 目標達成、令和元年度 (2019年度) 目標達成)。"
    )
    assert issue.message_en == (
        "Indicator 1-4 is recorded 'b'; the numbers propose 'a' (FY2017 (Heisei 29) target exceeded, "
        "FY2018 (Heisei 30) target achieved, FY2019 (Reiwa 1) target achieved)."
    )
