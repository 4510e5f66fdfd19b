"""Indicator grade proposals (docs/rules.md §2) on small hand-built indicators: rates (Decimal,
4 places, as the trace has them), verdicts per year and series, the window letter and the rule that
decided; then the sample's quantitative indicators."""

from __future__ import annotations

from decimal import Decimal

import pytest

from hyoka.core import (
    Area,
    Cell,
    Direction,
    EvaluationReport,
    Indicator,
    IndicatorKind,
    IndicatorYear,
    RecordedGrade,
    ReferenceIndicator,
    ReferenceYear,
    SeriesValue,
    parse_cell,
)
from hyoka.importers import ImportResult
from hyoka.rules.checks.grades import check_grades, propose_all
from hyoka.rules.grading import IndicatorProposal, Verdict, propose_indicator_grade
from hyoka.rules.profile import RuleProfile, load_profile

Num = int | str
Values = Num | dict[str, Num] | None
SeriesRow = tuple[str | None, Decimal | None, Verdict]
YearRow = tuple[int, Verdict, list[SeriesRow]]

WINDOW = [2017, 2018, 2019]
S, A, B, C, D = "s", "a", "b", "c", "d"
EXC, ACH, NEAR = Verdict.EXCEEDED, Verdict.ACHIEVED, Verdict.NEAR
PROG, BELOW, REGR, NONE = Verdict.PROGRESSING, Verdict.BELOW_NEAR, Verdict.REGRESSING, Verdict.NO_DATA


@pytest.fixture(scope="module")
def profile() -> RuleProfile:
    return load_profile()


def values(v: Values) -> list[SeriesValue]:
    if v is None:
        return []
    if isinstance(v, dict):
        return [SeriesValue(series=key, value=Cell.of(x)) for key, x in v.items()]
    return [SeriesValue(value=Cell.of(v))]


def year(fiscal_year: int, target: Values, actual: Values) -> IndicatorYear:
    return IndicatorYear(fiscal_year=fiscal_year, targets=values(target), actuals=values(actual))


def quant(
    *years: IndicatorYear,
    direction: Direction = Direction.HIGHER,
    baseline: Values = None,
    grade: str | None = None,
    indicator_id: str = "1-1",
) -> Indicator:
    return Indicator(
        id=indicator_id,
        name="測定指標",
        kind=IndicatorKind.QUANTITATIVE,
        direction=direction,
        baseline=values(baseline),
        years=list(years),
        recorded_grade=None if grade is None else RecordedGrade(letter=grade, window=WINDOW),
    )


def window_of(
    *pairs: tuple[Values, Values],
    direction: Direction = Direction.HIGHER,
    baseline: Values = None,
    grade: str | None = None,
    indicator_id: str = "1-1",
) -> Indicator:
    """One year per (target, actual) pair, 2017 onwards."""
    years = [year(2017 + n, t, a) for n, (t, a) in enumerate(pairs)]
    return quant(*years, direction=direction, baseline=baseline, grade=grade, indicator_id=indicator_id)


def rows(proposal: IndicatorProposal) -> list[YearRow]:
    return [
        (y.fiscal_year, y.verdict, [(s.series, s.rate, s.verdict) for s in y.series]) for y in proposal.trace
    ]


def d(text: str) -> Decimal:
    return Decimal(text)


def propose(indicator: Indicator, profile: RuleProfile, window: list[int] = WINDOW) -> IndicatorProposal:
    return propose_indicator_grade(indicator, window, profile)


# --- higher is better: the five letters of the window --------------------------------------------


def test_s_every_year_exceeded(profile: RuleProfile) -> None:
    p = propose(window_of((10, 12), (10, 15), (20, 30)), profile)
    assert (p.proposed, p.rule, p.kind) == (S, "all_years: every year exceeded", "quantitative")
    assert rows(p) == [
        (2017, EXC, [(None, d("1.2"), EXC)]),  # exactly 1.20 is exceeded
        (2018, EXC, [(None, d("1.5"), EXC)]),
        (2019, EXC, [(None, d("1.5"), EXC)]),
    ]


def test_a_every_year_achieved(profile: RuleProfile) -> None:
    p = propose(window_of((10, 10), (10, 13), (7, 8)), profile)
    assert (p.proposed, p.rule) == (A, "all_years: every year achieved")
    assert rows(p) == [
        (2017, ACH, [(None, d("1"), ACH)]),
        (2018, EXC, [(None, d("1.3"), EXC)]),
        (2019, ACH, [(None, d("1.1429"), ACH)]),
    ]


def test_b_every_year_at_least_near(profile: RuleProfile) -> None:
    p = propose(window_of((10, 8), (10, 12), (30, 26)), profile)
    assert (p.proposed, p.rule) == (B, "all_years: every year at least near")
    assert rows(p) == [
        (2017, NEAR, [(None, d("0.8"), NEAR)]),  # exactly 0.80 is near
        (2018, EXC, [(None, d("1.2"), EXC)]),
        (2019, NEAR, [(None, d("0.8667"), NEAR)]),
    ]


def test_just_below_near_is_not_near(profile: RuleProfile) -> None:
    p = propose(window_of((10000, 7999), (10000, 10000), (10000, 10000)), profile)
    assert rows(p)[0] == (2017, BELOW, [(None, d("0.7999"), BELOW)])
    assert p.proposed == C  # a year below near; 2019's 10000 is better than 2017's 7999


def test_c_below_near_and_improving(profile: RuleProfile) -> None:
    p = propose(window_of((10, 5), (10, 6), (10, 7)), profile)
    assert (p.proposed, p.rule) == (
        C,
        "all_years: below near, the last year better than the first (or the baseline)",
    )
    assert rows(p) == [
        (2017, BELOW, [(None, d("0.5"), BELOW)]),  # nothing to compare against
        (2018, PROG, [(None, d("0.6"), PROG)]),  # better than 2017's 5
        (2019, PROG, [(None, d("0.7"), PROG)]),
    ]
    assert p.trace[1].series[0].note == "compared with 5"


def test_d_below_near_and_moving_away(profile: RuleProfile) -> None:
    p = propose(window_of((10, 7), (10, 6), (10, 5)), profile)
    assert (p.proposed, p.rule) == (D, "all_years: below near and not improving")
    assert rows(p) == [
        (2017, BELOW, [(None, d("0.7"), BELOW)]),
        (2018, REGR, [(None, d("0.6"), REGR)]),
        (2019, REGR, [(None, d("0.5"), REGR)]),
    ]


def test_proposal_json_shape(profile: RuleProfile) -> None:
    p = propose(window_of((10, 12), (10, 10), (10, 9), grade=B), profile)
    assert p.to_json() == {
        "proposed": "b",
        "recorded": "b",
        "trace": {
            "kind": "quantitative",
            "rule": "all_years: every year at least near",
            "years": [
                {
                    "fiscal_year": 2017,
                    "verdict": "exceeded",
                    "series": [
                        {
                            "series": None,
                            "target": 10,
                            "actual": 12,
                            "rate": 1.2,
                            "verdict": "exceeded",
                            "note": "",
                        }
                    ],
                },
                {
                    "fiscal_year": 2018,
                    "verdict": "achieved",
                    "series": [
                        {
                            "series": None,
                            "target": 10,
                            "actual": 10,
                            "rate": 1,
                            "verdict": "achieved",
                            "note": "",
                        }
                    ],
                },
                {
                    "fiscal_year": 2019,
                    "verdict": "near",
                    "series": [
                        {
                            "series": None,
                            "target": 10,
                            "actual": 9,
                            "rate": 0.9,
                            "verdict": "near",
                            "note": "",
                        }
                    ],
                },
            ],
        },
    }


# --- other directions ----------------------------------------------------------------------------


def test_lower_is_better_inverts_the_rate(profile: RuleProfile) -> None:
    p = propose(window_of((10, 8), (10, 8), (10, 8), direction=Direction.LOWER), profile)
    assert (p.proposed, p.rule) == (S, "all_years: every year exceeded")
    assert rows(p)[0] == (2017, EXC, [(None, d("1.25"), EXC)])


def test_lower_is_better_near_and_below(profile: RuleProfile) -> None:
    p = propose(window_of((10, 12), (10, 20), (10, 15), direction=Direction.LOWER), profile)
    assert rows(p) == [
        (2017, NEAR, [(None, d("0.8333"), NEAR)]),
        (2018, REGR, [(None, d("0.5"), REGR)]),  # 20 is worse than 12 when lower is better
        (2019, PROG, [(None, d("0.6667"), PROG)]),  # 15 is better than 20
    ]
    assert p.proposed == D  # 15 is worse than 2017's 12


def test_lower_is_better_improving_is_c(profile: RuleProfile) -> None:
    p = propose(window_of((10, 20), (10, 16), (10, 14), direction=Direction.LOWER), profile)
    assert [y.verdict for y in p.trace] == [BELOW, PROG, PROG]
    assert p.proposed == C


def test_at_least_is_never_exceeded(profile: RuleProfile) -> None:
    p = propose(window_of((10, 50), (10, 12), (10, 10), direction=Direction.AT_LEAST), profile)
    assert (p.proposed, p.rule) == (A, "all_years: every year achieved")
    assert rows(p) == [
        (2017, ACH, [(None, d("5"), ACH)]),
        (2018, ACH, [(None, d("1.2"), ACH)]),
        (2019, ACH, [(None, d("1"), ACH)]),
    ]


def test_at_least_below_the_level(profile: RuleProfile) -> None:
    p = propose(window_of((10, 9), (10, 10), (10, 11), direction=Direction.AT_LEAST), profile)
    assert p.proposed == B
    assert rows(p)[0] == (2017, NEAR, [(None, d("0.9"), NEAR)])


def ranged(fiscal_year: int, low: Num, high: Num, actual: Num) -> IndicatorYear:
    return IndicatorYear(
        fiscal_year=fiscal_year,
        targets=[SeriesValue(value=Cell.of(low), upper=Cell.of(high))],
        actuals=[SeriesValue(value=Cell.of(actual))],
    )


def test_within_range(profile: RuleProfile) -> None:
    ind = quant(
        ranged(2017, 10, 20, 15),
        ranged(2018, 10, 20, 9),
        ranged(2019, 10, 20, 25),
        direction=Direction.WITHIN_RANGE,
    )
    p = propose(ind, profile)
    assert rows(p) == [
        (2017, ACH, [(None, d("1"), ACH)]),  # inside the range: achieved, never exceeded
        (2018, NEAR, [(None, d("0.9"), NEAR)]),  # 9 / 10
        (2019, NEAR, [(None, d("0.8"), NEAR)]),  # 20 / 25
    ]
    assert [s.note for y in p.trace for s in y.series] == [
        "within the range",
        "below the range",
        "above the range",
    ]
    assert (p.proposed, p.rule) == (B, "all_years: every year at least near")


def test_within_range_bounds_are_inside(profile: RuleProfile) -> None:
    ind = quant(
        ranged(2017, 10, 20, 10),
        ranged(2018, 10, 20, 20),
        ranged(2019, 10, 20, 10),
        direction=Direction.WITHIN_RANGE,
    )
    p = propose(ind, profile)
    assert [y.verdict for y in p.trace] == [ACH, ACH, ACH]
    assert p.proposed == A


def test_within_range_moving_further_above_is_regressing(profile: RuleProfile) -> None:
    """Range 10–20: 30, then 40, then 50 move away from the range; higher is not better here."""
    ind = quant(
        ranged(2017, 10, 20, 30),
        ranged(2018, 10, 20, 40),
        ranged(2019, 10, 20, 50),
        direction=Direction.WITHIN_RANGE,
    )
    p = propose(ind, profile)
    assert [s.rate for y in p.trace for s in y.series] == [d("0.6667"), d("0.5"), d("0.4")]
    assert [y.verdict for y in p.trace] == [BELOW, REGR, REGR]
    assert p.proposed == D


# --- zero, missing and negative values -----------------------------------------------------------


def test_zero_target_is_compared_not_divided(profile: RuleProfile) -> None:
    p = propose(window_of((0, 3), (0, 0), (10, 12)), profile)
    assert rows(p) == [
        (2017, ACH, [(None, None, ACH)]),
        (2018, ACH, [(None, None, ACH)]),
        (2019, EXC, [(None, d("1.2"), EXC)]),
    ]
    assert p.trace[0].series[0].note == "target is zero: compared, not divided"
    assert p.proposed == A


def test_zero_target_missed(profile: RuleProfile) -> None:
    p = propose(window_of((0, -2), (0, -1), (0, 0)), profile)
    assert rows(p) == [
        (2017, BELOW, [(None, None, BELOW)]),
        (2018, PROG, [(None, None, PROG)]),
        (2019, ACH, [(None, None, ACH)]),
    ]
    assert p.trace[1].series[0].note == "target is zero: compared, not divided; compared with -2"
    assert p.proposed == C  # 0 is better than -2


def test_zero_target_lower_is_better(profile: RuleProfile) -> None:
    p = propose(window_of((0, 0), (0, 5), (0, 4), direction=Direction.LOWER), profile)
    assert rows(p) == [
        (2017, ACH, [(None, None, ACH)]),
        (2018, REGR, [(None, d("0"), REGR)]),  # 0 / 5: no division by zero
        (2019, PROG, [(None, d("0"), PROG)]),
    ]
    assert p.trace[0].series[0].note == "actual is zero (lower is better)"


def test_zero_actual_higher_is_better(profile: RuleProfile) -> None:
    p = propose(window_of((10, 0)), profile)
    assert rows(p) == [(2017, BELOW, [(None, d("0"), BELOW)])]


def test_zero_actual_lower_is_better_exceeds(profile: RuleProfile) -> None:
    """Lower is better, target 10: an actual of 1 is exceeded (rate 10); 0 is better still, so it can't be
    a worse verdict than 1's."""
    one = propose(window_of((10, 1), direction=Direction.LOWER), profile, [2017])
    zero = propose(window_of((10, 0), direction=Direction.LOWER), profile, [2017])
    assert rows(one) == [(2017, EXC, [(None, d("10"), EXC)])]
    assert zero.trace[0].verdict is EXC
    assert zero.proposed == one.proposed == S


def test_missing_actual_and_target_are_no_data_and_named(profile: RuleProfile) -> None:
    ind = quant(
        year(2017, 10, 12),
        year(2018, 10, None),  # no actual
        IndicatorYear(
            fiscal_year=2019,
            targets=[SeriesValue(value=parse_cell("-"))],  # nothing to report
            actuals=[SeriesValue(value=Cell.of(30))],
        ),
    )
    p = propose(ind, profile)
    assert rows(p) == [
        (2017, EXC, [(None, d("1.2"), EXC)]),
        (2018, NONE, [(None, None, NONE)]),
        (2019, NONE, [(None, None, NONE)]),
    ]
    assert [s.note for y in p.trace for s in y.series] == ["", "no actual", "no target"]
    assert (p.trace[1].series[0].target, p.trace[2].series[0].actual) == (d("10"), d("30"))
    assert (p.proposed, p.rule) == (S, "all_years: every year exceeded (no data: 2018, 2019)")


def test_empty_actual_cell_is_no_data(profile: RuleProfile) -> None:
    ind = quant(
        year(2017, 10, 10),
        IndicatorYear(fiscal_year=2018, targets=values(10), actuals=[SeriesValue(value=Cell.empty())]),
        year(2019, 10, 10),
    )
    p = propose(ind, profile)
    assert [y.verdict for y in p.trace] == [ACH, NONE, ACH]
    assert (p.proposed, p.rule) == (A, "all_years: every year achieved (no data: 2018)")


def test_no_year_with_data(profile: RuleProfile) -> None:
    p = propose(window_of((10, None), (None, 5), (None, None)), profile)
    assert p.proposed is None
    assert p.rule == "no year with a target and an actual"
    assert [y.verdict for y in p.trace] == [NONE, NONE, NONE]


def test_window_year_without_a_record_is_named(profile: RuleProfile) -> None:
    """A window year the indicator has no entry for is as missing as one with no actual: the rule says so."""
    p = propose(window_of((10, 10), (10, 10)), profile)  # 2017 and 2018 only; the window ends in 2019
    assert p.proposed == A
    assert p.rule == "all_years: every year achieved (no data: 2019)"


def test_negative_target_higher_is_better(profile: RuleProfile) -> None:
    p = propose(window_of((-10, -5), (-10, -20), (-10, -15)), profile)
    assert rows(p) == [
        (2017, ACH, [(None, None, ACH)]),
        (2018, REGR, [(None, None, REGR)]),
        (2019, PROG, [(None, None, PROG)]),
    ]
    assert p.trace[0].series[0].note == "negative target: compared, not divided"
    assert p.proposed == D  # -15 is worse than 2017's -5


def test_negative_actual_against_positive_target(profile: RuleProfile) -> None:
    p = propose(window_of((10, -5), (10, -2), (10, 1)), profile)
    assert [s.rate for y in p.trace for s in y.series] == [d("-0.5"), d("-0.2"), d("0.1")]
    assert [y.verdict for y in p.trace] == [BELOW, PROG, PROG]
    assert p.proposed == C


def test_negative_values_lower_is_better(profile: RuleProfile) -> None:
    p = propose(window_of((-5, -8), (-5, -3), direction=Direction.LOWER), profile, [2017, 2018])
    # 2018: -3 misses -5 and is compared with 2017's -8: worse when lower is better
    assert rows(p) == [(2017, ACH, [(None, None, ACH)]), (2018, REGR, [(None, None, REGR)])]
    assert [s.note for y in p.trace for s in y.series] == [
        "negative value (lower is better): compared, not divided",
        "negative value (lower is better): compared, not divided; compared with -8",
    ]
    assert p.proposed == D


# --- a single year, years outside the window -----------------------------------------------------


def test_single_year(profile: RuleProfile) -> None:
    p = propose(quant(year(2019, 10, 12)), profile, [2019])
    assert (p.proposed, p.rule) == (S, "all_years: every year exceeded")
    assert rows(p) == [(2019, EXC, [(None, d("1.2"), EXC)])]


def test_single_year_below_near_without_comparison_is_d(profile: RuleProfile) -> None:
    p = propose(quant(year(2019, 10, 5)), profile, [2019])
    assert rows(p) == [(2019, BELOW, [(None, d("0.5"), BELOW)])]
    assert (p.proposed, p.rule) == (D, "all_years: below near and not improving")


def test_single_year_compared_with_the_year_before_the_window(profile: RuleProfile) -> None:
    p = propose(quant(year(2018, 10, 3), year(2019, 10, 5)), profile, [2019])
    assert rows(p) == [(2019, PROG, [(None, d("0.5"), PROG)])]  # 2018 is outside the window: not traced
    assert p.trace[0].series[0].note == "compared with 3"
    assert p.proposed == C


def test_years_outside_the_window_are_not_judged(profile: RuleProfile) -> None:
    p = propose(window_of((10, 1), (10, 10), (10, 10), (10, 10)), profile, [2018, 2019, 2020])
    assert [y.fiscal_year for y in p.trace] == [2018, 2019, 2020]
    assert p.proposed == A


# --- several series ------------------------------------------------------------------------------


def test_worst_series_decides_the_year(profile: RuleProfile) -> None:
    p = propose(
        window_of(
            ({"①": 76, "②": 86}, {"①": 87, "②": 86}),
            ({"①": 84, "②": 88}, {"①": 82, "②": 90}),
            ({"①": 84, "②": 89}, {"①": 85, "②": 89}),
        ),
        profile,
    )
    assert rows(p) == [
        (2017, ACH, [("①", d("1.1447"), ACH), ("②", d("1"), ACH)]),
        (2018, NEAR, [("①", d("0.9762"), NEAR), ("②", d("1.0227"), ACH)]),
        (2019, ACH, [("①", d("1.0119"), ACH), ("②", d("1"), ACH)]),
    ]
    assert p.proposed == B


def test_series_of_different_lengths(profile: RuleProfile) -> None:
    """② starts in 2018 and has no actual in 2019: each year takes the worst series it has."""
    p = propose(
        window_of(
            ({"①": 10}, {"①": 13}),
            ({"①": 10, "②": 20}, {"①": 12, "②": 17}),
            ({"①": 10, "②": 20}, {"①": 10}),
        ),
        profile,
    )
    assert rows(p) == [
        (2017, EXC, [("①", d("1.3"), EXC)]),
        (2018, NEAR, [("①", d("1.2"), EXC), ("②", d("0.85"), NEAR)]),
        (2019, ACH, [("①", d("1"), ACH), ("②", None, NONE)]),
    ]
    assert p.trace[2].series[1].note == "no actual"
    assert p.proposed == B


def test_below_near_series_is_compared_per_series(profile: RuleProfile) -> None:
    p = propose(
        window_of(
            ({"①": 10, "②": 10}, {"①": 5, "②": 10}),
            ({"①": 10, "②": 10}, {"①": 6, "②": 5}),
            ({"①": 10, "②": 10}, {"①": 7, "②": 6}),
        ),
        profile,
    )
    assert rows(p) == [
        (2017, BELOW, [("①", d("0.5"), BELOW), ("②", d("1"), ACH)]),
        (2018, REGR, [("①", d("0.6"), PROG), ("②", d("0.5"), REGR)]),
        (2019, PROG, [("①", d("0.7"), PROG), ("②", d("0.6"), PROG)]),
    ]
    assert p.proposed == D  # ② ends below its 2017 value: not better in every series


# --- baseline vs previous year -------------------------------------------------------------------


def test_baseline_is_the_comparison_when_given(profile: RuleProfile) -> None:
    p = propose(window_of((10, 5), (10, 6), (10, 5), baseline=4), profile)
    assert rows(p) == [
        (2017, PROG, [(None, d("0.5"), PROG)]),
        (2018, PROG, [(None, d("0.6"), PROG)]),
        (2019, PROG, [(None, d("0.5"), PROG)]),
    ]
    assert [s.note for y in p.trace for s in y.series] == ["compared with 4"] * 3
    assert p.proposed == C  # 2019's 5 is better than the baseline 4


def test_previous_year_is_the_comparison_without_baseline(profile: RuleProfile) -> None:
    p = propose(window_of((10, 5), (10, 6), (10, 5)), profile)
    assert rows(p) == [
        (2017, BELOW, [(None, d("0.5"), BELOW)]),
        (2018, PROG, [(None, d("0.6"), PROG)]),
        (2019, REGR, [(None, d("0.5"), REGR)]),
    ]
    assert [s.note for y in p.trace for s in y.series] == ["", "compared with 5", "compared with 6"]
    assert p.proposed == D  # 2019's 5 is not better than 2017's 5


def test_baseline_above_the_actuals(profile: RuleProfile) -> None:
    p = propose(window_of((10, 5), (10, 6), (10, 6), baseline=7), profile)
    assert [y.verdict for y in p.trace] == [REGR, REGR, REGR]
    assert p.proposed == D


def test_baseline_per_series(profile: RuleProfile) -> None:
    p = propose(window_of(({"①": 10, "②": 10}, {"①": 5, "②": 5}), baseline={"①": 4, "②": 6}), profile, [2017])
    assert rows(p) == [(2017, REGR, [("①", d("0.5"), PROG), ("②", d("0.5"), REGR)])]
    assert p.proposed == D


# --- what is not graded, and the record left alone -----------------------------------------------


def test_qualitative_gets_no_proposal(profile: RuleProfile) -> None:
    ind = Indicator(
        id="1-1",
        name="協力関係の進展",
        kind=IndicatorKind.QUALITATIVE,
        years=[IndicatorYear(fiscal_year=2017)],
        recorded_grade=RecordedGrade(letter="b"),
    )
    p = propose(ind, profile)
    assert (p.proposed, p.recorded, p.kind, p.rule, p.trace) == (
        None,
        "b",
        "qualitative",
        "qualitative: no proposal",
        [],
    )


def small_report() -> EvaluationReport:
    return EvaluationReport(
        ministry="外務省",
        measure_number="I-2",
        title="北米",
        evaluation_year=2020,
        window=WINDOW,
        areas=[
            Area(
                number=1,
                title="政治",
                indicators=[
                    window_of((5, 10), (7, 8), (7, 7), grade=B, indicator_id="1-4"),
                    window_of((10, 5), (10, 6), (10, 7), indicator_id="1-5"),
                ],
                reference_indicators=[
                    ReferenceIndicator(
                        name="訪日者数",
                        years=[ReferenceYear(fiscal_year=2017, actuals=[SeriesValue(value=Cell.of(100))])],
                    )
                ],
            )
        ],
    )


def test_reference_indicators_are_never_graded(profile: RuleProfile) -> None:
    report = small_report()
    proposals, judgment = propose_all(report, profile)
    assert list(proposals) == ["1-4", "1-5"]
    assert [entry["id"] for entry in judgment.indicators] == ["1-4", "1-5"]


def test_checking_never_changes_the_recorded_grade(profile: RuleProfile) -> None:
    report = small_report()
    before = report.model_dump_json()
    proposals, _ = propose_all(report, profile)
    issues = check_grades(report, profile)
    assert proposals["1-4"].proposed == A
    assert [i.code for i in issues] == ["H301", "H306"]
    assert report.model_dump_json() == before
    assert report.indicator("1-4").recorded_grade == RecordedGrade(letter="b", window=WINDOW)
    assert report.indicator("1-5").recorded_grade is None


# --- the sample ----------------------------------------------------------------------------------


def test_sample_proposals(sample_result: ImportResult, profile: RuleProfile) -> None:
    report = sample_result.report
    before = report.model_dump_json()
    proposals, _ = propose_all(report, profile)
    assert report.model_dump_json() == before
    assert {k: (p.proposed, p.recorded) for k, p in proposals.items()} == {
        "1-1": (None, "b"),
        "1-2": (None, "b"),
        "1-3": ("b", "b"),
        "1-4": ("a", "b"),
        "1-5": ("b", "b"),
        "2-1": (None, "s"),
        "2-2": (None, "b"),
        "3-1": (None, "b"),
        "3-2": (None, "b"),
    }
    assert rows(proposals["1-3"]) == [
        (2017, EXC, [(None, d("2.2778"), EXC)]),  # 41 / 18
        (2018, ACH, [(None, d("1"), ACH)]),  # 30 / 30
        (2019, NEAR, [(None, d("0.8667"), NEAR)]),  # 26 / 30
    ]
    assert proposals["1-3"].rule == "all_years: every year at least near"
    assert rows(proposals["1-4"]) == [
        (2017, EXC, [(None, d("2"), EXC)]),  # 10 / 5
        (2018, ACH, [(None, d("1.1429"), ACH)]),  # 8 / 7
        (2019, ACH, [(None, d("1"), ACH)]),  # 7 / 7
    ]
    assert proposals["1-4"].rule == "all_years: every year achieved"
    assert rows(proposals["1-5"]) == [
        (2017, ACH, [("①", d("1.1447"), ACH), ("②", d("1"), ACH)]),
        (2018, NEAR, [("①", d("0.9762"), NEAR), ("②", d("1.0227"), ACH)]),  # ① 82 / 84
        (2019, ACH, [("①", d("1.0119"), ACH), ("②", d("1"), ACH)]),
    ]
    assert proposals["1-5"].rule == "all_years: every year at least near"
    for key in ("1-1", "1-2", "2-1", "2-2", "3-1", "3-2"):
        assert proposals[key].rule == "qualitative: no proposal"
