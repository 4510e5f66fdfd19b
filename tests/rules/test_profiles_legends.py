"""Legends of any length with 達成率 cut-offs as data, percentage indicators compared in points,
a ministry's own judgment scale beside the shared tiers, and the bundled profiles (mhlw, soumu)."""

from __future__ import annotations

from decimal import Decimal
from importlib import resources

import pytest

from hyoka.core import (
    Area,
    Cell,
    Direction,
    EvaluationReport,
    Indicator,
    IndicatorKind,
    IndicatorYear,
    Judgment,
    JudgmentOrigin,
    RecordedGrade,
    SeriesValue,
    Tier,
    parse_cell,
)
from hyoka.rules import check_report
from hyoka.rules.grading import Verdict, is_percentage, propose_indicator_grade
from hyoka.rules.judgment import propose_judgment
from hyoka.rules.profile import ProfileError, RuleProfile, load_profile, parse_profile
from hyoka.services import bundled_profiles, resolve_profile

WINDOW = [2017, 2018, 2019]

COMMON = """
[[tiers]]
rank = 1
label = "目標超過達成"
letter = "S"
indicator_letter = "{t1}"

[[tiers]]
rank = 2
label = "目標達成"
letter = "A"
indicator_letter = "{t2}"

[[tiers]]
rank = 3
label = "相当程度進展あり"
letter = "B"
indicator_letter = "{t3}"

[[tiers]]
rank = 4
label = "進展が大きくない"
letter = "C"
indicator_letter = "{t4}"

[[tiers]]
rank = 5
label = "目標に向かっていない"
letter = "D"
indicator_letter = "{t5}"

[thresholds]
exceeded = 1.20
achieved = 1.00
near = 0.80
far_above = 1.50
low_execution = 0.50
budget_rounding = 0.5
{points}
[window]
strategy = "{strategy}"
"""


def grade(
    letter: str, rate: float | None = None, points: float | None = None, unmeasured: bool = False
) -> str:
    lines = ["[[legend.grades]]", f'letter = "{letter}"', f'meaning = "{letter}の意味"']
    if rate is not None:
        lines.append(f"rate_at_least = {rate}")
    if points is not None:
        lines.append(f"points_at_least = {points}")
    if unmeasured:
        lines.append("not_measured = true")
    return "\n".join(lines) + "\n\n"


def profile_of(
    grades: str,
    tiers: tuple[str, str, str, str, str],
    *,
    strategy: str = "all_years",
    points: str = "",
    extra: str = "",
) -> RuleProfile:
    t1, t2, t3, t4, t5 = tiers
    text = (
        'name = "test"\ntitle = "test"\n\n'
        + grades
        + COMMON.format(t1=t1, t2=t2, t3=t3, t4=t4, t5=t5, points=points, strategy=strategy)
    )
    return parse_profile(text + extra, source="test.toml")


def error_of(grades: str, tiers: tuple[str, str, str, str, str], **kwargs: str) -> str:
    with pytest.raises(ProfileError) as info:
        profile_of(grades, tiers, **kwargs)
    message = str(info.value)
    assert message.startswith("test.toml: ")
    assert "\n" not in message
    return message


THREE = grade("○", 100) + grade("△", 80) + grade("×")
FOUR = grade("◎", 120) + grade("○", 100) + grade("△", 80) + grade("×") + grade("-", unmeasured=True)
FIVE = grade("S", 120) + grade("A", 100) + grade("B", 80) + grade("C") + grade("D")


def indicator(
    *pairs: tuple[str, str], name: str = "会談数", ident: str = "1-1", main: bool = False
) -> Indicator:
    return Indicator(
        id=ident,
        name=name,
        is_main=main,
        kind=IndicatorKind.QUANTITATIVE,
        years=[
            IndicatorYear(
                fiscal_year=2017 + n,
                targets=[SeriesValue(value=parse_cell(target))],
                actuals=[SeriesValue(value=parse_cell(actual))],
            )
            for n, (target, actual) in enumerate(pairs)
        ],
    )


# --- legends of any length -----------------------------------------------------------------------


def test_three_grade_legend() -> None:
    profile = profile_of(THREE, ("○", "○", "△", "×", "×"))
    assert profile.legend.letters == ["○", "△", "×"]
    assert [g.rate_at_least for g in profile.legend.rungs] == [100, 80]
    assert profile.legend.not_measured is None
    met = propose_indicator_grade(indicator(("10", "13"), ("10", "10"), ("10", "11")), WINDOW, profile)
    assert (met.proposed, met.rule) == ("○", "all_years: every year ○ or better")
    close = propose_indicator_grade(indicator(("10", "13"), ("10", "9"), ("10", "11")), WINDOW, profile)
    assert (close.proposed, close.rule) == ("△", "all_years: every year △ or better")
    assert [t.series[0].grade for t in close.trace] == ["○", "△", "○"]
    far = propose_indicator_grade(indicator(("10", "5"), ("10", "6"), ("10", "7")), WINDOW, profile)
    assert (far.proposed, far.rule) == (
        "×",
        "all_years: below every cut-off, the last year better than the first (or the baseline)",
    )


def test_four_grades_and_a_not_measured_mark() -> None:
    profile = profile_of(FOUR, ("◎", "○", "△", "×", "×"))
    assert profile.legend.letters == ["◎", "○", "△", "×", "-"]
    assert profile.legend.not_measured == "-"
    assert [g.letter for g in profile.legend.below] == ["×"]
    top = propose_indicator_grade(indicator(("10", "12"), ("10", "15"), ("10", "12")), WINDOW, profile)
    assert top.proposed == "◎"
    assert [t.verdict for t in top.trace] == [Verdict.EXCEEDED] * 3
    nothing = propose_indicator_grade(indicator(("10", "-"), ("10", ""), ("", "5")), WINDOW, profile)
    assert (nothing.proposed, nothing.rule) == (
        "-",
        "no year with a target and an actual",
    )


def test_five_grades_with_cut_offs_agree_with_the_mofa_ladder() -> None:
    cut_offs = profile_of(FIVE, ("S", "A", "B", "C", "D"))
    mofa = load_profile()
    cases = [
        (("10", "12"), ("10", "13"), ("10", "12")),
        (("10", "11"), ("10", "10"), ("10", "12")),
        (("10", "9"), ("10", "8"), ("10", "15")),
        (("10", "5"), ("10", "6"), ("10", "7")),
        (("10", "7"), ("10", "6"), ("10", "5")),
    ]
    for pairs in cases:
        ours = propose_indicator_grade(indicator(*pairs), WINDOW, cut_offs).proposed
        theirs = propose_indicator_grade(indicator(*pairs), WINDOW, mofa).proposed
        assert ours is not None and theirs is not None
        assert ours.lower() == theirs, pairs


def test_majority_and_final_year_with_cut_offs() -> None:
    pairs = (("10", "13"), ("10", "12"), ("10", "7"))
    majority = propose_indicator_grade(
        indicator(*pairs), WINDOW, profile_of(FIVE, ("S", "A", "B", "C", "D"), strategy="majority")
    )
    assert (majority.proposed, majority.rule) == ("S", "majority: 2 of 3 years S or better")
    final = propose_indicator_grade(
        indicator(*pairs), WINDOW, profile_of(FIVE, ("S", "A", "B", "C", "D"), strategy="final_year")
    )
    assert (final.proposed, final.rule) == ("D", "final_year: 2019 below every cut-off (regressing)")


def test_legacy_legend_is_filled_in_as_grades() -> None:
    legend = load_profile().legend
    assert [g.letter for g in legend.grades] == ["s", "a", "b", "c", "d"]
    assert legend.grades[0].meaning == "目標超過達成"
    assert legend.rungs == [] and legend.below == [] and legend.not_measured is None


# --- validation: one line, the file and the key ---------------------------------------------------


TIERS4 = ("◎", "○", "△", "×", "×")


def test_cut_offs_must_decrease() -> None:
    message = error_of(grade("◎", 100) + grade("○", 120) + grade("×"), ("◎", "○", "○", "×", "×"))
    assert "legend.grades.1.rate_at_least: cut-offs must decrease from the best grade down" in message


def test_cut_offs_come_first() -> None:
    message = error_of(grade("◎") + grade("○", 100) + grade("×"), ("◎", "○", "○", "×", "×"))
    assert "legend.grades.0.rate_at_least" in message
    assert "come first" in message


def test_a_grade_below_every_cut_off_is_needed() -> None:
    message = error_of(grade("○", 100) + grade("△", 80), ("○", "○", "△", "△", "△"))
    assert "legend.grades: after the grades with a cut-off" in message
    assert "(found 0)" in message


def test_points_on_every_rung_or_none() -> None:
    message = error_of(grade("◎", 120, 5) + grade("○", 100) + grade("×"), ("◎", "○", "○", "×", "×"))
    assert "legend.grades.1.points_at_least: give points_at_least on every grade with a cut-off" in message


def test_not_measured_is_last_and_not_a_tier() -> None:
    message = error_of(grade("-", unmeasured=True) + THREE, ("○", "○", "△", "×", "×"))
    assert "legend.grades.0.not_measured: the 'not measured' grade must be the last" in message
    message = error_of(FOUR, ("◎", "○", "△", "×", "-"))
    assert "tiers.4.indicator_letter: '-' means 'not measured', not a tier" in message


def test_both_forms_of_legend_is_an_error() -> None:
    message = error_of('[legend]\nletters = ["a", "b"]\n\n' + THREE, ("○", "○", "△", "×", "×"))
    assert "legend: give either letters and meanings, or [[legend.grades]], not both" in message


def test_unknown_grade_key_is_named() -> None:
    message = error_of(THREE.replace("rate_at_least = 100", "rate_at_lest = 100"), ("○", "○", "△", "×", "×"))
    assert "legend.grades.0.rate_at_lest: Extra inputs are not permitted" in message


def test_point_thresholds_come_together_and_in_order() -> None:
    message = error_of(FIVE, ("S", "A", "B", "C", "D"), points="exceeded_points = 5\n")
    assert "thresholds: give exceeded_points and near_points together" in message
    message = error_of(FIVE, ("S", "A", "B", "C", "D"), points="exceeded_points = -5\nnear_points = 5\n")
    assert "near_points <= achieved_points <= exceeded_points" in message


# --- percentage indicators: percentage points, not ratios -----------------------------------------


def test_which_indicators_are_percentages() -> None:
    profile = load_profile()
    assert is_percentage(indicator(("84%", "86%")), profile)  # the cells say %
    assert is_percentage(indicator(("84", "86"), name="就職率"), profile)  # the name says 率
    assert is_percentage(indicator(("84", "86"), name="肯定的な回答の割合"), profile)
    assert not is_percentage(indicator(("84", "86"), name="会談数"), profile)
    in_people = Indicator(
        id="1-1",
        name="受診率の対象者数",
        kind=IndicatorKind.QUANTITATIVE,
        years=[
            IndicatorYear(
                fiscal_year=2017,
                targets=[SeriesValue(value=Cell.of(84, unit="人"))],
                actuals=[SeriesValue(value=Cell.of(86, unit="人"))],
            )
        ],
    )
    assert not is_percentage(in_people, profile)  # a cell in another unit wins over the name


POINTS = "exceeded_points = 2\nachieved_points = 0\nnear_points = -5\n"


def test_86_against_84_can_be_exceeded_in_points() -> None:
    ind = indicator(("84%", "86%"))
    by_points = profile_of(FIVE, ("S", "A", "B", "C", "D"), points=POINTS)
    series = propose_indicator_grade(ind, [2017], by_points).trace[0].series[0]
    # legacy thresholds with point cut-offs
    legacy = parse_profile(
        resources.files("hyoka.rules.profiles")
        .joinpath("mofa-2020.toml")
        .read_text(encoding="utf-8")
        .replace("budget_rounding = 0.5", "budget_rounding = 0.5\n" + POINTS, 1)
    )
    legacy_series = propose_indicator_grade(ind, [2017], legacy).trace[0].series[0]
    assert (legacy_series.points, legacy_series.rate, legacy_series.verdict) == (
        Decimal(2),
        None,
        Verdict.EXCEEDED,
    )
    assert legacy_series.note == "percentage points: +2"
    assert propose_indicator_grade(ind, [2017], legacy).proposed == "s"
    # a legend with point cut-offs per grade: +2 points is not +5 (◎ in mhlw) but is ○
    mhlw = propose_indicator_grade(ind, [2017], load_profile("mhlw")).trace[0].series[0]
    assert (mhlw.points, mhlw.grade, mhlw.verdict) == (Decimal(2), "○", Verdict.ACHIEVED)
    assert series.verdict is Verdict.ACHIEVED  # FIVE has rates only: points come from the grades
    # as a ratio (mofa-2020, no point cut-offs) 86 ÷ 84 = 1.0238 can never reach 1.20
    ratio = propose_indicator_grade(ind, [2017], load_profile()).trace[0].series[0]
    assert (ratio.rate, ratio.points, ratio.verdict) == (Decimal("1.0238"), None, Verdict.ACHIEVED)


def test_68_against_84_is_not_near_in_points() -> None:
    ind = indicator(("84%", "68%"))
    ratio = propose_indicator_grade(ind, [2017], load_profile()).trace[0].series[0]
    assert (ratio.rate, ratio.verdict) == (Decimal("0.8095"), Verdict.NEAR)  # the ratio's mistake
    for profile in (load_profile("mhlw"), load_profile("soumu")):
        series = propose_indicator_grade(ind, [2017], profile).trace[0].series[0]
        assert (series.points, series.rate, series.grade) == (Decimal(-16), None, None)
        assert series.verdict is Verdict.BELOW_NEAR
    assert propose_indicator_grade(ind, [2017], load_profile("mhlw")).proposed == "×"


def test_points_respect_direction() -> None:
    lower = indicator(("10%", "8%")).model_copy(update={"direction": Direction.LOWER})
    series = propose_indicator_grade(lower, [2017], load_profile("mhlw")).trace[0].series[0]
    assert (series.points, series.grade) == (Decimal(2), "○")
    at_least = indicator(("50%", "90%")).model_copy(update={"direction": Direction.AT_LEAST})
    capped = propose_indicator_grade(at_least, [2017], load_profile("mhlw")).trace[0].series[0]
    assert (capped.points, capped.grade, capped.verdict) == (Decimal(40), "○", Verdict.ACHIEVED)


def test_points_in_the_json_trace() -> None:
    p = propose_indicator_grade(indicator(("84%", "68%")), [2017], load_profile("mhlw"))
    series = p.to_json()["trace"]["years"][0]["series"][0]
    assert series["points"] == -16
    assert "grade" not in series
    assert series["rate"] is None
    top = propose_indicator_grade(indicator(("84%", "90%")), [2017], load_profile("mhlw"))
    assert top.to_json()["trace"]["years"][0]["series"][0]["grade"] == "◎"


# --- a ministry's own scale beside the shared tiers -----------------------------------------------


def report_of(
    *indicators: Indicator, judgment: Judgment | None = None, others: list[Judgment] | None = None
) -> EvaluationReport:
    return EvaluationReport(
        ministry="厚生労働省",
        measure_number="I-1-1",
        title="テスト",
        evaluation_year=2020,
        window=WINDOW,
        areas=[Area(number=1, title="分野", indicators=list(indicators))],
        judgment=judgment or Judgment(),
        other_judgments=others or [],
    )


def test_own_scale_mapping() -> None:
    profile = load_profile("mhlw")
    assert {name: [(g.letter, g.tiers) for g in grades] for name, grades in profile.own_scales().items()} == {
        "厚生労働省 総合判定": [("A", [1, 2]), ("B", [3, 4]), ("C", [5])]
    }
    assert [profile.own_grade("厚生労働省 総合判定", rank).letter for rank in range(1, 6)] == [
        "A",
        "A",
        "B",
        "B",
        "C",
    ]


def test_mhlw_judgment_with_its_own_scale() -> None:
    # the published example: the main indicator ○, another ×  → ③, 総合判定 B
    report = report_of(
        indicator(("10", "11"), ident="1", main=True),
        indicator(("84%", "68%"), ident="10"),
        judgment=Judgment(tier=Tier.SUBSTANTIAL_PROGRESS, label="相当程度進展あり", letter="③"),
        others=[Judgment(legend="厚生労働省 総合判定", letter="A", label="目標達成")],
    )
    profile = load_profile("mhlw")
    result = check_report(report, profile)
    j = result.judgment
    assert j.proposed is not None and (j.proposed.rank, j.proposed.letter) == (3, "③")
    assert [(i.indicator_id, i.proposed) for i in result.indicators.values()] == [("1", "○"), ("10", "×")]
    (own,) = j.own_scales
    assert own.to_json() == {
        "legend": "厚生労働省 総合判定",
        "source": "https://www.mhlw.go.jp/stf/shingi2/newpage_00152.html",
        "proposed": {"letter": "B", "label": "達成に向けて進展あり", "origin": "derived", "from_tier": 3},
        "recorded": {"letter": "A", "label": "目標達成", "origin": "document"},
        "recorded_agrees": False,  # ③ maps to B unless a person judged external factors
    }
    shape = result.to_json()["proposals"]
    assert set(shape) == {"indicators", "judgment"}
    assert shape["judgment"]["proposed"] == {"label": "相当程度進展あり", "letter": "③"}
    assert shape["judgment"]["own_scales"][0]["proposed"]["origin"] == "derived"


def test_own_scale_recorded_is_derived_from_the_recorded_tier() -> None:
    report = report_of(
        indicator(("10", "12"), ident="1", main=True),
        judgment=Judgment(tier=Tier.ACHIEVED, label="目標達成", letter="②"),
    )
    (own,) = propose_judgment(report, {}, load_profile("mhlw")).own_scales
    assert own.recorded is not None
    assert (own.recorded.letter, own.recorded.origin, own.recorded.from_rank) == (
        "A",
        JudgmentOrigin.DERIVED,
        2,
    )
    assert own.recorded_agrees is None


def test_mhlw_main_indicator_at_cross_is_limited_progress_not_moving_away() -> None:
    report = report_of(
        indicator(("10", "12"), ident="1", main=True, name="a").model_copy(
            update={"recorded_grade": RecordedGrade(letter="×")}
        ),
        indicator(("10", "12"), ident="2", main=True, name="b").model_copy(
            update={"recorded_grade": RecordedGrade(letter="○")}
        ),
    )
    j = propose_judgment(report, {}, load_profile("mhlw"))
    assert j.proposed is not None and j.proposed.rank == 4
    assert j.own_scales[0].proposed is not None and j.own_scales[0].proposed.letter == "B"


def test_not_measured_never_enters_the_judgment() -> None:
    report = report_of(
        indicator(("10", "12"), ident="1", main=True).model_copy(
            update={"recorded_grade": RecordedGrade(letter="○")}
        ),
        indicator(("10", "12"), ident="2", main=True).model_copy(
            update={"recorded_grade": RecordedGrade(letter="-")}
        ),
    )
    j = propose_judgment(report, {}, load_profile("mhlw"))
    assert j.proposed is not None and j.proposed.rank == 2


def test_own_scale_must_map_every_tier_once() -> None:
    extra = '\n[[own_scale]]\nlegend = "X"\nletter = "A"\nlabel = "a"\ntiers = [1, 2]\n'
    message = error_of(FIVE, ("S", "A", "B", "C", "D"), extra=extra)
    assert "own_scale: the scale 'X' must map each shared tier (ranks 1 to 5) once, not [1, 2]" in message


def test_no_own_scale_keeps_the_json_as_it_was() -> None:
    j = propose_judgment(report_of(indicator(("10", "12"), main=True)), {}, load_profile())
    assert set(j.to_json()) == {"proposed", "recorded", "trace"}


# --- the bundled profiles -------------------------------------------------------------------------


def test_every_bundled_profile_loads_and_cites_its_source() -> None:
    names = bundled_profiles()
    assert {"mofa-2020", "mhlw", "soumu"} <= set(names)
    for name in names:
        profile = load_profile(name)
        assert profile.name == name
        assert resolve_profile(name) == profile  # `hyoka check --profile NAME`
        assert profile.source is not None and profile.source.startswith("https://"), name
        assert profile.source_note and profile.source_note.strip(), name


def test_unknown_profile_lists_the_bundled_ones() -> None:
    with pytest.raises(ProfileError) as info:
        resolve_profile("nope")
    assert f"(bundled: {', '.join(bundled_profiles())};" in str(info.value)
    assert "mhlw" in str(info.value) and "soumu" in str(info.value)
