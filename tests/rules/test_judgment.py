"""The overall judgment proposal (docs/rules.md §3) from indicator grades: the recorded grade where
present, else the proposal; main indicators and their weights; monitoring-only years."""

from __future__ import annotations

from importlib import resources

import pytest

from hyoka.core import (
    Area,
    Cell,
    EvaluationReport,
    Indicator,
    IndicatorKind,
    IndicatorYear,
    Judgment,
    RecordedGrade,
    SeriesValue,
    Tier,
)
from hyoka.importers import ImportResult
from hyoka.rules.checks.grades import propose_all
from hyoka.rules.judgment import JudgmentProposal, propose_judgment
from hyoka.rules.profile import DEFAULT_PROFILE, RuleProfile, load_profile, parse_profile

WINDOW = [2017, 2018, 2019]


@pytest.fixture(scope="module")
def profile() -> RuleProfile:
    return load_profile()


def qualitative(indicator_id: str, letter: str | None, *, main: bool = False) -> Indicator:
    return Indicator(
        id=indicator_id,
        name=f"指標{indicator_id}",
        is_main=main,
        kind=IndicatorKind.QUALITATIVE,
        recorded_grade=None if letter is None else RecordedGrade(letter=letter, window=WINDOW),
    )


def achieved_every_year(indicator_id: str, letter: str | None, *, main: bool = False) -> Indicator:
    """A quantitative indicator whose numbers propose a (target 10, actual 10 every year)."""
    return Indicator(
        id=indicator_id,
        name=f"指標{indicator_id}",
        is_main=main,
        kind=IndicatorKind.QUANTITATIVE,
        years=[
            IndicatorYear(
                fiscal_year=fy,
                targets=[SeriesValue(value=Cell.of(10))],
                actuals=[SeriesValue(value=Cell.of(10))],
            )
            for fy in WINDOW
        ],
        recorded_grade=None if letter is None else RecordedGrade(letter=letter, window=WINDOW),
    )


def report_of(*indicators: Indicator, judgment: Judgment | None = None) -> EvaluationReport:
    return EvaluationReport(
        ministry="外務省",
        measure_number="I-2",
        title="北米",
        evaluation_year=2020,
        window=WINDOW,
        judgment=judgment or Judgment(tier=Tier.SUBSTANTIAL_PROGRESS, label="相当程度進展あり", letter="B"),
        areas=[Area(number=1, title="政治", indicators=list(indicators))],
    )


def judge(report: EvaluationReport, profile: RuleProfile) -> JudgmentProposal:
    proposals, judgment = propose_all(report, profile)
    assert propose_judgment(report, proposals, profile) == judgment
    return judgment


def outcome(j: JudgmentProposal) -> tuple[str | None, str | None, str]:
    return (None, None, j.rule) if j.proposed is None else (j.proposed.label, j.proposed.letter, j.rule)


def profile_with(share: str, weights: dict[str, str]) -> RuleProfile:
    text = (
        resources.files("hyoka.rules.profiles")
        .joinpath(f"{DEFAULT_PROFILE}.toml")
        .read_text(encoding="utf-8")
    )
    text = text.replace("main_share_for_substantial = 1.0", f"main_share_for_substantial = {share}", 1)
    assert text.rstrip().endswith("[judgment.weights]")
    text += "".join(f'"{key}" = {value}\n' for key, value in weights.items())
    return parse_profile(text)


# --- the four rules ------------------------------------------------------------------------------


def test_every_a_or_s_with_every_main_s_is_exceeded(profile: RuleProfile) -> None:
    report = report_of(
        qualitative("1-1", "s", main=True), qualitative("1-2", "a"), qualitative("2-1", "s", main=True)
    )
    assert outcome(judge(report, profile)) == ("目標超過達成", "S", "every indicator a or s, every main s")


def test_every_a_or_s_is_achieved(profile: RuleProfile) -> None:
    report = report_of(
        qualitative("1-1", "s", main=True), qualitative("1-2", "s"), qualitative("2-1", "a", main=True)
    )
    assert outcome(judge(report, profile)) == ("目標達成", "A", "every indicator a or s")


def test_a_main_d_is_not_progressing(profile: RuleProfile) -> None:
    report = report_of(
        qualitative("1-1", "d", main=True), qualitative("1-2", "s"), qualitative("2-1", "b", main=True)
    )
    assert outcome(judge(report, profile)) == ("目標に向かっていない", "D", "a main indicator is d")


def test_a_non_main_d_does_not_decide(profile: RuleProfile) -> None:
    report = report_of(
        qualitative("1-1", "b", main=True), qualitative("1-2", "d"), qualitative("2-1", "a", main=True)
    )
    assert outcome(judge(report, profile)) == (
        "相当程度進展あり",
        "B",
        "main indicators b or better (weighted share 1.00)",
    )


def test_every_main_b_or_better_is_substantial(profile: RuleProfile) -> None:
    report = report_of(
        qualitative("1-1", "b", main=True), qualitative("1-2", "c"), qualitative("2-1", "s", main=True)
    )
    assert outcome(judge(report, profile)) == (
        "相当程度進展あり",
        "B",
        "main indicators b or better (weighted share 1.00)",
    )


def test_a_main_c_is_limited(profile: RuleProfile) -> None:
    report = report_of(
        qualitative("1-1", "b", main=True), qualitative("1-2", "a"), qualitative("2-1", "c", main=True)
    )
    assert outcome(judge(report, profile)) == (
        "進展が大きくない",
        "C",
        "main indicators b or better only in part (weighted share 0.50)",
    )


def test_without_main_indicators_every_indicator_counts(profile: RuleProfile) -> None:
    assert (
        outcome(judge(report_of(qualitative("1-1", "s"), qualitative("1-2", "s")), profile))[0]
        == "目標超過達成"
    )
    assert outcome(judge(report_of(qualitative("1-1", "b"), qualitative("1-2", "c")), profile)) == (
        "進展が大きくない",
        "C",
        "main indicators b or better only in part (weighted share 0.50)",
    )


# --- which grade is used -------------------------------------------------------------------------


def test_recorded_grade_is_preferred_over_the_proposal(profile: RuleProfile) -> None:
    report = report_of(achieved_every_year("1-1", "b", main=True), achieved_every_year("1-2", None))
    proposals, _ = propose_all(report, profile)
    assert proposals["1-1"].proposed == "a"
    j = judge(report, profile)
    assert outcome(j) == ("相当程度進展あり", "B", "main indicators b or better (weighted share 1.00)")
    assert j.indicators == [
        {"id": "1-1", "main": True, "grade": "b", "from": "recorded", "weight": 1.0},
        {"id": "1-2", "main": False, "grade": "a", "from": "proposed", "weight": 0.0},
    ]


def test_proposal_is_used_without_a_record(profile: RuleProfile) -> None:
    report = report_of(achieved_every_year("1-1", None, main=True), qualitative("1-2", "a"))
    assert outcome(judge(report, profile)) == ("目標達成", "A", "every indicator a or s")


def test_letters_outside_the_legend_and_ungraded_indicators_are_left_out(profile: RuleProfile) -> None:
    report = report_of(
        qualitative("1-1", "X", main=True),
        qualitative("1-2", None, main=True),
        qualitative("2-1", "a", main=True),
    )
    j = judge(report, profile)
    assert outcome(j) == ("目標達成", "A", "every indicator a or s")
    assert [(e["id"], e["grade"]) for e in j.indicators] == [("1-1", "X"), ("1-2", None), ("2-1", "a")]


def test_no_graded_indicator(profile: RuleProfile) -> None:
    report = report_of(qualitative("1-1", None, main=True))
    assert outcome(judge(report, profile)) == (None, None, "no graded indicator")


def test_monitoring_only_has_no_proposal(profile: RuleProfile) -> None:
    report = report_of(qualitative("1-1", "d", main=True), judgment=Judgment(monitoring_only=True))
    j = judge(report, profile)
    assert outcome(j) == (None, None, "monitoring only: no judgment")
    assert (j.recorded_label, j.recorded_letter) == (None, None)
    assert j.to_json() == {
        "proposed": None,
        "recorded": {"label": None, "letter": None},
        "trace": {"rule": "monitoring only: no judgment", "indicators": []},
    }


# --- weights -------------------------------------------------------------------------------------


def weighted_report() -> EvaluationReport:
    return report_of(
        qualitative("1-1", "b", main=True), qualitative("1-2", "c", main=True), qualitative("2-1", "a")
    )


def test_weights_with_a_lower_share_for_substantial() -> None:
    profile = profile_with("0.6", {"1-1": "2.0"})
    assert profile.judgment.weights == {"1-1": 2.0}
    j = judge(weighted_report(), profile)
    assert outcome(j) == ("相当程度進展あり", "B", "main indicators b or better (weighted share 0.67)")
    assert [e["weight"] for e in j.indicators] == [2.0, 1.0, 0.0]


def test_the_same_weights_with_the_default_share() -> None:
    profile = profile_with("1.0", {"1-1": "2.0"})
    assert outcome(judge(weighted_report(), profile)) == (
        "進展が大きくない",
        "C",
        "main indicators b or better only in part (weighted share 0.67)",
    )


def test_weight_on_the_missed_indicator() -> None:
    profile = profile_with("0.6", {"1-2": "3"})
    assert outcome(judge(weighted_report(), profile)) == (
        "進展が大きくない",
        "C",
        "main indicators b or better only in part (weighted share 0.25)",
    )


def test_a_weighted_main_d_still_decides() -> None:
    profile = profile_with("0.5", {"1-1": "10"})
    report = report_of(qualitative("1-1", "b", main=True), qualitative("1-2", "d", main=True))
    assert outcome(judge(report, profile))[0] == "目標に向かっていない"


def test_all_zero_weights_fall_back_to_counting() -> None:
    """Main indicators all weighted 0: the share is counted unweighted (both b → 1.00), not 0."""
    profile = profile_with("1.0", {"1-1": "0", "1-2": "0"})
    report = report_of(
        qualitative("1-1", "b", main=True), qualitative("1-2", "b", main=True), qualitative("2-1", "c")
    )
    assert outcome(judge(report, profile)) == (
        "相当程度進展あり",
        "B",
        "main indicators b or better (weighted share 1.00)",
    )


# --- the sample ----------------------------------------------------------------------------------


def test_sample_judgment(sample_result: ImportResult, profile: RuleProfile) -> None:
    j = judge(sample_result.report, profile)
    assert outcome(j) == ("相当程度進展あり", "B", "main indicators b or better (weighted share 1.00)")
    assert (j.recorded_label, j.recorded_letter) == ("相当程度進展あり", "B")
    assert [(e["id"], e["main"], e["grade"], e["from"]) for e in j.indicators] == [
        ("1-1", True, "b", "recorded"),
        ("1-2", False, "b", "recorded"),
        ("1-3", False, "b", "recorded"),
        ("1-4", False, "b", "recorded"),
        ("1-5", False, "b", "recorded"),
        ("2-1", True, "s", "recorded"),
        ("2-2", False, "b", "recorded"),
        ("3-1", True, "b", "recorded"),
        ("3-2", True, "b", "recorded"),
    ]
    assert j.to_json()["proposed"] == {"label": "相当程度進展あり", "letter": "B"}
