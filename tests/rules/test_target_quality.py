"""H5 target quality: the exact findings on the sample (docs/rules.md §5, each checked by hand against
the tables), and hand-built indicators for the directions and the edge cases."""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest

from hyoka.core import (
    Area,
    Cell,
    CellStatus,
    Direction,
    EvaluationReport,
    Indicator,
    IndicatorKind,
    IndicatorYear,
    Issue,
    MidTermTarget,
    SeriesValue,
)
from hyoka.importers import ImportResult
from hyoka.rules.checks import check_target_quality
from hyoka.rules.codes import code
from hyoka.rules.profile import RuleProfile, load_profile, parse_profile


@pytest.fixture(scope="module")
def profile() -> RuleProfile:
    return load_profile()


@pytest.fixture
def report(sample_result: ImportResult) -> EvaluationReport:
    return sample_result.report.model_copy(deep=True)


def run(report: EvaluationReport, profile: RuleProfile) -> list[Issue]:
    issues = check_target_quality(report, profile)
    for issue in issues:
        assert issue.severity is code(issue.code).severity
        assert issue.message and issue.message_en
        issue.model_dump_json()
    return issues


# --- the sample ----------------------------------------------------------------------------------
# 1-3: targets 18 / 30 / 30, actuals 41 / 30 / 26
# 1-4: targets  5 /  7 /  7, actuals 10 /  8 /  7
# 1-5: ① targets 76 / 84 / 84, actuals 87 / 82 / 85;  ② targets 86 / 88 / 89, actuals 86 / 90 / 89


def test_sample_findings_exactly(report: EvaluationReport, profile: RuleProfile) -> None:
    found = {
        (i.code, i.location, i.lines.first if i.lines else None, i.context.get("fiscal_year"))
        for i in run(report, profile)
    }
    assert found == {
        # softened: 30 after 41; 7 after 10; 7 after 8; ① 84 after 87; ② 89 after 90
        ("H501", "/areas/0/indicators/2/years/1/targets/0", 339, 2018),
        ("H501", "/areas/0/indicators/3/years/1/targets/0", 344, 2018),
        ("H501", "/areas/0/indicators/3/years/2/targets/0", 344, 2019),
        ("H501", "/areas/0/indicators/4/years/1/targets/0", 349, 2018),
        ("H501", "/areas/0/indicators/4/years/2/targets/1", 349, 2019),
        # far above: 41 ≥ 1.5 × 18; 10 ≥ 1.5 × 5
        ("H503", "/areas/0/indicators/2/years/0/actuals/0", 339, 2017),
        ("H503", "/areas/0/indicators/3/years/0/actuals/0", 344, 2017),
        # main indicators without a numeric target
        ("H504", "/areas/0/indicators/0", 89, None),
        ("H504", "/areas/1/indicators/0", 476, None),
        ("H504", "/areas/2/indicators/0", 787, None),
        ("H504", "/areas/2/indicators/1", 856, None),
    }


def test_sample_values(report: EvaluationReport, profile: RuleProfile) -> None:
    issues = run(report, profile)
    h501 = [
        (
            i.context["indicator_id"],
            i.context["series"],
            i.context["fiscal_year"],
            i.context["target"],
            i.context["previous_actual"],
        )
        for i in issues
        if i.code == "H501"
    ]
    assert h501 == [
        ("1-3", None, 2018, 30, 41),
        ("1-4", None, 2018, 7, 10),
        ("1-4", None, 2019, 7, 8),
        ("1-5", "①", 2018, 84, 87),
        ("1-5", "②", 2019, 89, 90),
    ]
    h503 = [i.context for i in issues if i.code == "H503"]
    assert h503 == [
        {
            "indicator_id": "1-3",
            "series": None,
            "fiscal_year": 2017,
            "direction": "higher",
            "target": 18,
            "actual": 41,
            "ratio": 2.278,
            "threshold": 1.5,
            "target_location": "/areas/0/indicators/2/years/0/targets/0",
        },
        {
            "indicator_id": "1-4",
            "series": None,
            "fiscal_year": 2017,
            "direction": "higher",
            "target": 5,
            "actual": 10,
            "ratio": 2.0,
            "threshold": 1.5,
            "target_location": "/areas/0/indicators/3/years/0/targets/0",
        },
    ]
    h504 = [(i.context["indicator_id"], i.context["kind"]) for i in issues if i.code == "H504"]
    assert h504 == [
        ("1-1", "qualitative"),
        ("2-1", "qualitative"),
        ("3-1", "qualitative"),
        ("3-2", "qualitative"),
    ]
    first = next(i for i in issues if i.code == "H501")
    assert first.message == (
        "測定指標1-3の平成30年度 (2018年度)の目標値30が、前年度である平成29年度 (2017年度)の実績値41を"
        "下回っています。"
    )
    assert first.message_en == (
        "Indicator 1-3: the FY2018 (Heisei 30) target 30 is below the actual 41 of the previous year, "
        "FY2017 (Heisei 29)."
    )
    assert first.context["previous_actual_location"] == "/areas/0/indicators/2/years/0/actuals/0"


def test_no_repeated_misses_in_the_sample(report: EvaluationReport, profile: RuleProfile) -> None:
    assert [i for i in run(report, profile) if i.code == "H502"] == []


def test_threshold_comes_from_the_profile(report: EvaluationReport, profile: RuleProfile) -> None:
    text = load_profile_text()
    assert "far_above = 1.50" in text
    strict = parse_profile(text.replace("far_above = 1.50", "far_above = 2.10"))
    far = [i.context["indicator_id"] for i in run(report, strict) if i.code == "H503"]
    assert far == ["1-3"]  # 41 ≥ 2.1 × 18 = 37.8; 10 < 2.1 × 5 = 10.5


def load_profile_text() -> str:
    return resources.files("hyoka.rules.profiles").joinpath("mofa-2020.toml").read_text(encoding="utf-8")


# --- hand-built ------------------------------------------------------------------------------------


def cell(value: int | str | None) -> Cell:
    if value is None:
        return Cell.empty()
    if value == "-":
        return Cell(status=CellStatus.NOTHING_TO_REPORT, raw="-")
    return Cell.of(value)


def indicator(
    rows: list[tuple[int, int | str | None, int | str | None]],
    direction: Direction = Direction.HIGHER,
    *,
    series: str | None = None,
    is_main: bool = False,
    kind: IndicatorKind = IndicatorKind.QUANTITATIVE,
) -> Indicator:
    return Indicator(
        id="1-1",
        name="指標",
        kind=kind,
        is_main=is_main,
        direction=direction,
        years=[
            IndicatorYear(
                fiscal_year=fy,
                targets=[SeriesValue(series=series, value=cell(t))],
                actuals=[SeriesValue(series=series, value=cell(a))],
            )
            for fy, t, a in rows
        ],
    )


def check(*indicators: Indicator) -> list[tuple[str, str, dict[str, Any]]]:
    report = EvaluationReport(
        ministry="外務省",
        measure_number="I-2",
        title="t",
        evaluation_year=2020,
        areas=[Area(number=1, title="a", indicators=list(indicators))],
    )
    return [(i.code, i.location, i.context) for i in run(report, load_profile())]


def codes(*indicators: Indicator) -> list[tuple[str, int | None]]:
    return [(c, ctx.get("fiscal_year")) for c, _, ctx in check(*indicators)]


def test_higher_is_better() -> None:
    assert codes(indicator([(2017, 10, 12), (2018, 11, 13), (2019, 13, 14)])) == [("H501", 2018)]


def test_equal_to_the_previous_actual_is_not_softened() -> None:
    assert codes(indicator([(2017, 10, 12), (2018, 12, 13)])) == []


def test_lower_is_better_inverts() -> None:
    # fewer is better: a target of 12 after an actual of 6 is softer; 6 against 10 is far better
    found = check(indicator([(2017, 10, 6), (2018, 12, 11), (2019, 7, 7)], Direction.LOWER))
    assert [(c, loc, ctx["fiscal_year"]) for c, loc, ctx in found] == [
        ("H501", "/areas/0/indicators/0/years/1/targets/0", 2018),
        ("H503", "/areas/0/indicators/0/years/0/actuals/0", 2017),
    ]
    assert found[0][2]["direction"] == "lower"
    assert found[1][2]["ratio"] == 1.667  # 10 / 6


def test_lower_is_better_near_threshold() -> None:
    # 7 × 1.5 = 10.5 > 10: not far enough; a target equal to the previous actual is not softer
    assert codes(indicator([(2017, 10, 7), (2018, 7, 9)], Direction.LOWER)) == []


def test_at_least_reads_like_higher() -> None:
    rows = [(2017, 10, 15), (2018, 11, 13)]
    assert (
        codes(indicator(rows, Direction.AT_LEAST))
        == codes(indicator(rows))
        == [("H501", 2018), ("H503", 2017)]
    )


def test_within_range_skips_h501_to_h503() -> None:
    assert codes(indicator([(2017, 10, 30), (2018, 5, 4), (2019, 5, 4)], Direction.WITHIN_RANGE)) == []


def test_a_single_year() -> None:
    assert codes(indicator([(2019, 10, 15)])) == [("H503", 2019)]
    assert codes(indicator([(2019, 10, 14)])) == []


def test_exactly_at_the_threshold_is_far_above() -> None:
    assert codes(indicator([(2019, 10, 15)])) == [("H503", 2019)]


def test_zero_target() -> None:
    # a zero target gives no ratio (no H503); a zero target after an actual of 5 is softened
    assert codes(indicator([(2017, 0, 3), (2018, 0, 5)])) == [("H501", 2018)]
    assert codes(indicator([(2017, 0, 0), (2018, 0, 0)])) == []


def test_zero_actual_when_lower_is_better() -> None:
    # no accidents against a target of 5: far better than the target
    found = check(indicator([(2019, 5, 0)], Direction.LOWER))
    assert [(c, ctx["ratio"]) for c, _, ctx in found] == [("H503", None)]


def test_missing_actual() -> None:
    # 2018 has no actual: 2019's target cannot be compared with it; nothing is read as zero
    assert codes(indicator([(2017, 10, 11), (2018, 12, None), (2019, 11, 12)])) == []
    assert codes(indicator([(2017, 10, 11), (2018, 12, "-"), (2019, 11, 12)])) == []


def test_missing_target() -> None:
    assert codes(indicator([(2017, None, 30), (2018, 20, 25)])) == [("H501", 2018)]


def test_a_gap_between_years_is_not_the_previous_year() -> None:
    assert codes(indicator([(2016, 10, 14), (2018, 12, 13)])) == []


def test_series_of_different_lengths() -> None:
    ind = Indicator(
        id="1-5",
        name="世論調査",
        kind=IndicatorKind.QUANTITATIVE,
        years=[
            IndicatorYear(
                fiscal_year=2017,
                targets=[SeriesValue(series="①", value=Cell.of(76))],
                actuals=[SeriesValue(series="①", value=Cell.of(87))],
            ),
            IndicatorYear(
                fiscal_year=2018,
                targets=[
                    SeriesValue(series="①", value=Cell.of(84)),
                    SeriesValue(series="②", value=Cell.of(88)),
                ],
                actuals=[
                    SeriesValue(series="①", value=Cell.of(82)),
                    SeriesValue(series="②", value=Cell.of(90)),
                ],
            ),
            IndicatorYear(
                fiscal_year=2019,
                targets=[SeriesValue(series="②", value=Cell.of(89))],
                actuals=[SeriesValue(series="②", value=Cell.of(89))],
            ),
        ],
    )
    found = check(ind)
    assert [(c, loc, ctx["series"], ctx["fiscal_year"]) for c, loc, ctx in found] == [
        ("H501", "/areas/0/indicators/0/years/1/targets/0", "①", 2018),
        ("H501", "/areas/0/indicators/0/years/2/targets/0", "②", 2019),
    ]


def test_h502_unchanged_after_two_misses() -> None:
    # 2017 and 2018 missed 10; 2019 keeps 10. With no 2016, 2018 is judged on 2017 and 2018.
    found = check(indicator([(2017, 10, 8), (2018, 10, 9), (2019, 10, 9)]))
    h502 = [(loc, ctx["fiscal_year"], ctx["missed"]) for c, loc, ctx in found if c == "H502"]
    assert h502 == [
        (
            "/areas/0/indicators/0/years/1/targets/0",
            2018,
            [
                {"fiscal_year": 2017, "target": 10, "actual": 8},
                {"fiscal_year": 2018, "target": 10, "actual": 9},
            ],
        ),
        (
            "/areas/0/indicators/0/years/2/targets/0",
            2019,
            [
                {"fiscal_year": 2017, "target": 10, "actual": 8},
                {"fiscal_year": 2018, "target": 10, "actual": 9},
            ],
        ),
    ]


def test_h502_message_names_the_years_the_one_way() -> None:
    """Every year of the message reads 「平成29年度 (2017年度)」, ``FY2017 (Heisei 29)`` in English."""
    report = EvaluationReport(
        ministry="外務省",
        measure_number="I-2",
        title="t",
        evaluation_year=2020,
        areas=[Area(number=1, title="a", indicators=[indicator([(2017, 10, 8), (2018, 10, 9)])])],
    )
    (issue,) = run(report, load_profile())
    assert issue.message == (
        "測定指標1-1の平成30年度 (2018年度)の目標値10は前年度と同じですが、"
        "平成29年度 (2017年度)・平成30年度 (2018年度)はいずれも目標に届いていません。"
    )
    assert issue.message_en == (
        "Indicator 1-1: the FY2018 (Heisei 30) target 10 is unchanged from the year before, though "
        "FY2017 (Heisei 29) and FY2018 (Heisei 30) both missed their targets."
    )


def test_h502_needs_two_misses_in_a_row() -> None:
    # 2017 met, 2018 missed: 2019's unchanged target follows one miss only
    assert codes(indicator([(2017, 10, 12), (2018, 12, 11), (2019, 12, 13)])) == []
    # 2016 met, 2017 and 2018 missed: 2018 (first year unchanged, judged on 2016/2017) is not flagged, 2019 is
    found = codes(indicator([(2016, 10, 12), (2017, 10, 8), (2018, 10, 9), (2019, 10, 11)]))
    assert [x for x in found if x[0] == "H502"] == [("H502", 2019)]


def test_h502_changed_target_is_not_flagged() -> None:
    assert codes(indicator([(2017, 10, 8), (2018, 9, 8), (2019, 8, 7)])) == []


def test_h502_lower_is_better() -> None:
    # fewer is better: 12 > 10 and 11 > 10 are misses
    found = codes(indicator([(2017, 10, 12), (2018, 10, 11), (2019, 10, 9)], Direction.LOWER))
    assert [x for x in found if x[0] == "H502"] == [("H502", 2018), ("H502", 2019)]


def test_h504_main_indicators() -> None:
    main_empty = indicator([(2019, None, 10)], is_main=True)
    assert check(main_empty) == [
        ("H504", "/areas/0/indicators/0", {"indicator_id": "1-1", "kind": "quantitative"})
    ]
    with_mid_term = main_empty.model_copy(
        update={"mid_term_target": MidTermTarget(values=[SeriesValue(value=Cell.of(20))])}
    )
    assert check(with_mid_term) == []
    assert check(indicator([(2019, 10, 10)], is_main=True)) == []
    assert check(indicator([(2019, None, None)], kind=IndicatorKind.QUALITATIVE)) == []
    qualitative_main = Indicator(id="1-1", name="協力の進展", kind=IndicatorKind.QUALITATIVE, is_main=True)
    assert check(qualitative_main) == [
        ("H504", "/areas/0/indicators/0", {"indicator_id": "1-1", "kind": "qualitative"})
    ]


def test_qualitative_indicators_get_no_h501_to_h503() -> None:
    assert codes(indicator([(2017, 10, 30), (2018, 5, 4)], kind=IndicatorKind.QUALITATIVE)) == []
