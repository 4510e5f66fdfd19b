"""H503 for percentage indicators (issue 14): percentage points, not the ratio, when the profile gives
``thresholds.far_above_points`` (mhlw and soumu: 10); a profile without it (mofa-2020) keeps the ratio."""

from __future__ import annotations

from hyoka.core import (
    Area,
    Cell,
    Direction,
    EvaluationReport,
    Indicator,
    IndicatorKind,
    IndicatorYear,
    Issue,
    SeriesValue,
)
from hyoka.rules.checks.target_quality import check_target_quality
from hyoka.rules.profile import RuleProfile, load_profile


def percent(target: int, actual: int, direction: Direction = Direction.HIGHER) -> Indicator:
    return Indicator(
        id="1-5",
        name="世論調査で日米関係を良好と答えた人の割合",
        kind=IndicatorKind.QUANTITATIVE,
        direction=direction,
        years=[
            IndicatorYear(
                fiscal_year=2019,
                targets=[SeriesValue(value=Cell.of(target, "%"))],
                actuals=[SeriesValue(value=Cell.of(actual, "%"))],
            )
        ],
    )


def h503(indicator: Indicator, profile: RuleProfile) -> list[Issue]:
    report = EvaluationReport(
        ministry="外務省",
        measure_number="I-2",
        title="t",
        evaluation_year=2020,
        areas=[Area(number=1, title="a", indicators=[indicator])],
    )
    return [i for i in check_target_quality(report, profile) if i.code == "H503"]


def test_the_profiles_point_cut_off() -> None:
    assert load_profile("mofa-2020").thresholds.far_above_points is None
    assert load_profile("mhlw").thresholds.far_above_points == 10
    assert load_profile("soumu").thresholds.far_above_points == 10


def test_86_against_84_is_not_far_above_in_any_profile() -> None:
    # mofa-2020: the ratio 86 ÷ 84 = 1.024 < 1.50; mhlw: +2 points < 10
    for name in ("mofa-2020", "mhlw", "soumu"):
        assert h503(percent(84, 86), load_profile(name)) == []


def test_a_small_target_far_above_by_ratio_but_not_by_points() -> None:
    # 16 % against 10 %: 1.6 × the target (mofa-2020's ratio), but only +6 points (< 10 under mhlw)
    (issue,) = h503(percent(10, 16), load_profile("mofa-2020"))
    assert issue.context["ratio"] == 1.6
    assert issue.message_en == (
        "Indicator 1-5: the FY2019 (Reiwa 1) actual 16% is at or above 1.5 × the target 10%. "
        "Was the target set too low?"
    )
    assert h503(percent(10, 16), load_profile("mhlw")) == []


def test_far_above_in_points() -> None:
    (issue,) = h503(percent(60, 75), load_profile("mhlw"))
    assert issue.message == (
        "測定指標1-5の令和元年度 (2019年度)の実績値75%が目標値60%を15ポイント上回っています(10ポイント以上)。"
        "目標が低すぎなかったか確認してください。"
    )
    assert issue.message_en == (
        "Indicator 1-5: the FY2019 (Reiwa 1) actual 75% is 15 percentage points above the target 60% "
        "(at or above 10 points). Was the target set too low?"
    )
    assert issue.context == {
        "indicator_id": "1-5",
        "series": None,
        "fiscal_year": 2019,
        "direction": "higher",
        "target": 60,
        "actual": 75,
        "points": 15,
        "threshold_points": 10,
        "target_location": "/areas/0/indicators/0/years/0/targets/0",
    }
    # exactly at the cut-off is far above; one point short is not
    assert len(h503(percent(60, 70), load_profile("mhlw"))) == 1
    assert h503(percent(60, 69), load_profile("mhlw")) == []


def test_lower_is_better_in_points() -> None:
    (issue,) = h503(percent(30, 18, Direction.LOWER), load_profile("soumu"))
    assert issue.context["points"] == 12
    assert issue.message_en == (
        "Indicator 1-5: the FY2019 (Reiwa 1) actual 18% is 12 percentage points below the target 30% "
        "(at or above 10 points). Was the target set too low?"
    )
    assert h503(percent(30, 21, Direction.LOWER), load_profile("soumu")) == []


def test_a_count_is_still_compared_as_a_ratio() -> None:
    count = Indicator(
        id="1-3",
        name="日米二国間会談数",
        kind=IndicatorKind.QUANTITATIVE,
        years=[
            IndicatorYear(
                fiscal_year=2017,
                targets=[SeriesValue(value=Cell.of(18, "回"))],
                actuals=[SeriesValue(value=Cell.of(41, "回"))],
            )
        ],
    )
    (issue,) = h503(count, load_profile("mhlw"))
    assert issue.context["ratio"] == 2.278
