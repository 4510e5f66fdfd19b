"""The portfolio panels and the target audit on hand-made rows: each rule in both directions, the
edge cases (a missing number, a zero target, a gap between years), exact values throughout."""

from __future__ import annotations

from decimal import Decimal

from hyoka.analytics.portfolio import (
    JUDGMENT_COLUMNS,
    BudgetRow,
    JudgmentCount,
    Portfolio,
    PortfolioThresholds,
    budget_execution,
    build_portfolio,
    grade_disagreement,
    judgments_by_ministry_year,
)
from hyoka.analytics.target_audit import (
    AuditKind,
    AuditThresholds,
    IndicatorRow,
    IndicatorSummary,
    ReportRef,
    YearValues,
    far_above_target,
    main_without_numbers,
    repeated_misses,
    softened_targets,
)
from hyoka.services import resolve_profile

FAR = Decimal("1.5")
MOFA_2019 = ReportRef(1, "外務省", "I-2", 2019, "北米地域外交")
MOFA_2020 = ReportRef(2, "外務省", "I-2", 2020, "北米地域外交")
MOFA_2021 = ReportRef(3, "外務省", "I-2", 2021, "北米地域外交")
MOF_2020 = ReportRef(4, "財務省", "V-1", 2020, "財政の健全化")


def d(value: str | int | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def row(
    report: ReportRef,
    year: int,
    target: str | int | None,
    actual: str | int | None,
    *,
    ind: str = "1-3",
    name: str = "日米会談数",
    direction: str = "higher",
    series: str = "",
    kind: str = "quantitative",
    main: bool = False,
    recorded: str = "",
    proposed: str = "",
) -> IndicatorRow:
    return IndicatorRow(
        report=report,
        indicator_id=ind,
        name=name,
        kind=kind,
        direction=direction,
        fiscal_year=year,
        series=series,
        target=d(target),
        actual=d(actual),
        is_main=main,
        recorded_grade=recorded,
        proposed_grade=proposed,
    )


def years(*triples: tuple[int, int | None, int | None]) -> tuple[YearValues, ...]:
    return tuple(YearValues(y, d(t), d(a)) for y, t, a in triples)


# --- softened targets ---------------------------------------------------------------------------


def test_softened_within_a_report_higher_is_better() -> None:
    rows = [row(MOFA_2020, 2017, 18, 41), row(MOFA_2020, 2018, 30, 30), row(MOFA_2020, 2019, 25, 26)]
    [entry] = softened_targets(rows)
    assert entry.kind is AuditKind.SOFTENED
    assert (entry.report, entry.indicator_id, entry.earlier_report) == (MOFA_2020, "1-3", None)
    assert entry.years == years((2018, 30, 30), (2019, 25, 26))


def test_softened_within_a_report_lower_is_better() -> None:
    rows = [
        row(MOFA_2020, 2017, 10, 9, direction="lower"),
        row(MOFA_2020, 2018, 8, 8, direction="lower"),
        row(MOFA_2020, 2019, 9, 7, direction="lower"),
    ]
    [entry] = softened_targets(rows)
    assert entry.years == years((2018, 8, 8), (2019, 9, 7))


def test_targets_kept_or_raised_are_not_softened() -> None:
    # the sample's 1-4 (5 / 7 / 7) and 1-3 (18 / 30 / 30): unchanged after a rise is not softening
    rows = [row(MOFA_2020, 2017 + i, t, None, ind="1-4") for i, t in enumerate([5, 7, 7])]
    rows += [row(MOFA_2020, 2017 + i, t, None) for i, t in enumerate([18, 30, 30])]
    assert softened_targets(rows) == ()


def test_softened_names_the_best_earlier_target_and_the_latest_year_that_set_it() -> None:
    rows = [row(MOFA_2020, 2016, 30, None), row(MOFA_2020, 2017, 30, None), row(MOFA_2020, 2018, None, 5)]
    rows.append(row(MOFA_2020, 2019, 20, None))
    [entry] = softened_targets(rows)
    assert entry.years == years((2017, 30, None), (2019, 20, None))


def test_softened_against_the_same_year_in_the_nearest_earlier_report() -> None:
    rows = [
        row(MOFA_2019, 2018, 40, None),
        row(MOFA_2020, 2018, 30, 31),
        row(MOFA_2021, 2018, 30, 31),  # equal to the nearest earlier report's (2020): not softened
    ]
    [entry] = softened_targets(rows)
    assert (entry.report, entry.earlier_report) == (MOFA_2020, MOFA_2019)
    assert entry.years == years((2018, 40, None), (2018, 30, 31))


def test_across_reports_lower_is_better() -> None:
    rows = [row(MOFA_2019, 2018, 5, None, direction="lower"), row(MOFA_2020, 2018, 6, 4, direction="lower")]
    [entry] = softened_targets(rows)
    assert (entry.report, entry.earlier_report, entry.direction) == (MOFA_2020, MOFA_2019, "lower")


def test_across_reports_needs_the_same_measure_indicator_and_series() -> None:
    other_measure = ReportRef(9, "外務省", "I-3", 2019, "中南米地域外交")
    rows = [
        row(other_measure, 2018, 40, None),
        row(MOF_2020, 2018, 30, None),
        row(MOFA_2019, 2018, 40, None, ind="1-4"),
        row(MOFA_2019, 2018, 40, None, series="①"),
        row(MOFA_2019, 2018, 40, None, name="日米首脳会談数"),
        row(MOFA_2020, 2018, 30, None),
    ]
    assert softened_targets(rows) == ()


def test_a_hand_link_joins_a_renamed_indicator() -> None:
    rows = [row(MOFA_2019, 2018, 40, None, ind="1-3", name="日米会談数")]
    rows.append(row(MOFA_2020, 2018, 30, None, ind="2-1", name="日米首脳・外相会談数"))
    assert softened_targets(rows) == ()
    [entry] = softened_targets(rows, links=[((1, "1-3"), (2, "2-1"))])
    assert (entry.report, entry.indicator_id, entry.earlier_report) == (MOFA_2020, "2-1", MOFA_2019)


def test_within_range_and_qualitative_indicators_are_not_audited_for_numbers() -> None:
    rows = [
        row(MOFA_2020, 2018, 30, 60, direction="within_range"),
        row(MOFA_2020, 2019, 20, 60, direction="within_range"),
        row(MOFA_2020, 2018, 30, 60, ind="2-1", kind="qualitative"),
        row(MOFA_2020, 2019, 20, 60, ind="2-1", kind="qualitative"),
    ]
    assert softened_targets(rows) == ()
    assert repeated_misses(rows) == ()
    assert far_above_target(rows, FAR) == ()


def test_softened_largest_relative_drop_first() -> None:
    rows = [row(MOFA_2020, 2018, 100, None), row(MOFA_2020, 2019, 90, None)]
    rows += [row(MOFA_2020, 2018, 10, None, ind="1-4"), row(MOFA_2020, 2019, 5, None, ind="1-4")]
    assert [e.indicator_id for e in softened_targets(rows)] == ["1-4", "1-3"]


# --- repeated misses -----------------------------------------------------------------------------


def test_three_consecutive_misses_are_one_run() -> None:
    rows = [row(MOFA_2020, 2017, 10, 8), row(MOFA_2020, 2018, 10, 9), row(MOFA_2020, 2019, 10, 9)]
    [entry] = repeated_misses(rows)
    assert entry.kind is AuditKind.REPEATED_MISSES
    assert entry.years == years((2017, 10, 8), (2018, 10, 9), (2019, 10, 9))


def test_meeting_the_target_exactly_is_not_a_miss() -> None:
    rows = [row(MOFA_2020, 2017, 10, 9), row(MOFA_2020, 2018, 10, 10), row(MOFA_2020, 2019, 10, 9)]
    assert repeated_misses(rows) == ()


def test_a_missing_actual_ends_a_run() -> None:
    rows = [row(MOFA_2020, 2017, 10, 8), row(MOFA_2020, 2018, 10, None), row(MOFA_2020, 2019, 10, 9)]
    assert repeated_misses(rows) == ()


def test_years_must_be_consecutive() -> None:
    rows = [row(MOFA_2020, 2016, 10, 8), row(MOFA_2020, 2018, 10, 8)]
    assert repeated_misses(rows) == ()


def test_misses_lower_is_better() -> None:
    rows = [
        row(MOFA_2020, 2017, 5, 6, direction="lower"),
        row(MOFA_2020, 2018, 5, 7, direction="lower"),
        row(MOFA_2020, 2019, 5, 4, direction="lower"),
    ]
    [entry] = repeated_misses(rows)
    assert entry.years == years((2017, 5, 6), (2018, 5, 7))


def test_misses_are_per_series_and_two_runs_of_one_series_are_two_entries() -> None:
    rows = [row(MOFA_2020, y, 50, a, series="①") for y, a in [(2015, 40), (2016, 45), (2017, 55)]]
    rows += [row(MOFA_2020, y, 50, a, series="①") for y, a in [(2018, 49), (2019, 48)]]
    rows += [row(MOFA_2020, y, 50, 60, series="②") for y in (2015, 2016)]
    found = repeated_misses(rows)
    assert [(e.series, [y.fiscal_year for y in e.years]) for e in found] == [
        ("①", [2015, 2016]),
        ("①", [2018, 2019]),
    ]
    assert repeated_misses(rows, min_years=3) == ()


# --- far above target ----------------------------------------------------------------------------


def test_far_above_at_the_threshold_in_the_last_year() -> None:
    rows = [row(MOFA_2020, 2018, 10, 11), row(MOFA_2020, 2019, 10, 15)]
    rows += [row(MOFA_2020, 2018, 10, 11, ind="1-4"), row(MOFA_2020, 2019, 10, "14.9", ind="1-4")]
    [entry] = far_above_target(rows, FAR)
    assert (entry.indicator_id, entry.years, entry.ratio) == ("1-3", years((2019, 10, 15)), Decimal("1.500"))


def test_only_the_last_measured_year_counts() -> None:
    # the sample's 1-3: 41 against 18 in 2017 (2.28 ×), but 26 against 30 in the last year
    sample = [row(MOFA_2020, 2017, 18, 41), row(MOFA_2020, 2018, 30, 30), row(MOFA_2020, 2019, 30, 26)]
    assert far_above_target(sample, FAR) == ()
    # a last year without an actual: the year before is the last measured one
    rows = [row(MOFA_2020, 2018, 10, 30, ind="1-4"), row(MOFA_2020, 2019, 12, None, ind="1-4")]
    [entry] = far_above_target(rows, FAR)
    assert (entry.years, entry.ratio) == (years((2018, 10, 30)), Decimal("3.000"))


def test_far_above_lower_is_better() -> None:
    rows = [
        row(MOFA_2020, 2019, 10, 6, direction="lower"),
        row(MOFA_2020, 2019, 10, 7, ind="1-4", direction="lower"),
        row(MOFA_2020, 2019, 10, 0, ind="1-5", direction="lower"),
    ]
    found = far_above_target(rows, FAR)
    assert [(e.indicator_id, e.ratio) for e in found] == [("1-5", None), ("1-3", Decimal("1.667"))]


def test_at_least_reads_like_higher_and_a_zero_target_gives_no_ratio() -> None:
    rows = [row(MOFA_2020, 2019, 10, 20, direction="at_least"), row(MOFA_2020, 2019, 0, 5, ind="1-4")]
    [entry] = far_above_target(rows, FAR)
    assert (entry.indicator_id, entry.ratio, entry.direction) == ("1-3", Decimal("2.000"), "at_least")


def test_the_threshold_comes_from_the_rule_profile() -> None:
    assert AuditThresholds.from_profile(resolve_profile()).far_above == Decimal("1.5")
    assert PortfolioThresholds.from_profile(resolve_profile()).low_execution == Decimal("0.5")


# --- main indicators without numbers --------------------------------------------------------------


def test_main_indicators_without_numbers() -> None:
    found = main_without_numbers(
        [
            IndicatorSummary(MOFA_2020, "1-1", "日米関係の強化", "qualitative", False),
            IndicatorSummary(MOFA_2020, "2-1", "会談数", "quantitative", False),
            IndicatorSummary(MOFA_2020, "3-1", "訪問者数", "quantitative", True),
        ]
    )
    assert [(e.indicator_id, e.reason, e.kind) for e in found] == [
        ("1-1", "qualitative", AuditKind.MAIN_WITHOUT_NUMBERS),
        ("2-1", "no_numeric_target", AuditKind.MAIN_WITHOUT_NUMBERS),
    ]


# --- grades, budget, judgments ------------------------------------------------------------------------


def test_grade_disagreement_counts_each_indicator_once() -> None:
    rows = [row(MOFA_2020, y, 5, 10, ind="1-4", recorded="b", proposed="a") for y in (2017, 2018, 2019)]
    rows += [row(MOFA_2020, 2019, 30, 26, recorded="B", proposed="b")]  # case does not matter
    rows += [row(MOFA_2020, 2019, 1, 1, ind="1-5", recorded="", proposed="a")]  # not graded
    rows += [row(MOF_2020, 2019, 1, 2, ind="1-1", main=True, recorded="s", proposed="a")]
    panel = grade_disagreement(rows)
    assert [(g.ministry, g.evaluation_year, g.graded, g.disagreements) for g in panel.rows] == [
        ("外務省", 2020, 2, 1),
        ("財務省", 2020, 1, 1),
    ]
    assert (panel.total.graded, panel.total.disagreements, panel.total.rate) == (
        3,
        2,
        Decimal(2) / Decimal(3),
    )
    # main indicators first
    assert [(x.report.id, x.indicator_id, x.recorded, x.proposed) for x in panel.disagreements] == [
        (4, "1-1", "s", "a"),
        (2, "1-4", "b", "a"),
    ]


def test_budget_rate_of_each_reports_latest_executed_year() -> None:
    rows = [
        BudgetRow(MOFA_2020, 2017, d(370), d(326)),
        BudgetRow(MOFA_2020, 2018, d(800), d(600)),
        BudgetRow(MOFA_2020, 2019, d(652), None),  # the budget not yet spent
        BudgetRow(MOFA_2019, 2018, d(1000), d(400)),
        BudgetRow(MOFA_2021, 2019, d(0), d(0)),  # no total: no rate
        BudgetRow(MOF_2020, 2019, d(200), d(190)),
    ]
    panel = budget_execution(rows)
    assert [(r.report.id, r.fiscal_year, r.rate) for r in panel.lowest] == [
        (1, 2018, Decimal("0.4")),
        (2, 2018, Decimal("0.75")),
        (4, 2019, Decimal("0.95")),
    ]
    assert [
        (g.ministry, g.evaluation_year, g.reports, g.mean, g.lowest, g.below_low) for g in panel.rows
    ] == [
        ("外務省", 2019, 1, Decimal("0.4"), Decimal("0.4"), 1),
        ("外務省", 2020, 1, Decimal("0.75"), Decimal("0.75"), 0),
        ("財務省", 2020, 1, Decimal("0.95"), Decimal("0.95"), 0),
    ]
    total = panel.total
    assert (total.reports, total.mean, total.lowest, total.below_low) == (
        3,
        Decimal("0.7"),
        Decimal("0.4"),
        1,
    )


def test_judgments_per_tier_other_and_none() -> None:
    table = judgments_by_ministry_year(
        [
            JudgmentCount("外務省", 2020, "相当程度進展あり", 3),
            JudgmentCount("外務省", 2020, "目標達成", 1),
            JudgmentCount("外務省", 2020, "相当な進展があった", 2),  # another vocabulary: never mapped
            JudgmentCount("外務省", 2019, "", 4),
            JudgmentCount("財務省", 2020, "目標超過達成", 5),
        ]
    )
    assert JUDGMENT_COLUMNS == (
        "目標超過達成",
        "目標達成",
        "相当程度進展あり",
        "進展が大きくない",
        "目標に向かっていない",
        "other",
        "none",
    )
    assert [(r.ministry, r.evaluation_year, r.counts, r.total) for r in table.rows] == [
        ("外務省", 2019, (0, 0, 0, 0, 0, 0, 4), 4),
        ("外務省", 2020, (0, 1, 3, 0, 0, 2, 0), 6),
        ("財務省", 2020, (5, 0, 0, 0, 0, 0, 0), 5),
    ]
    assert (table.total.counts, table.total.total) == ((5, 1, 3, 0, 0, 2, 4), 15)


# --- the portfolio, filtered, as JSON ----------------------------------------------------------------


def _portfolio() -> Portfolio:
    indicators = [
        row(MOFA_2019, 2018, 40, 20),
        row(MOFA_2020, 2018, 30, 20),
        row(MOFA_2020, 2019, 30, 25),
        row(MOF_2020, 2019, 10, 20, ind="1-1", recorded="b", proposed="s"),
    ]
    return build_portfolio(
        [JudgmentCount("外務省", 2019, "目標達成", 1), JudgmentCount("外務省", 2020, "目標達成", 1)],
        indicators,
        [IndicatorSummary(MOF_2020, "2-1", "財政の状況", "qualitative", False)],
        [BudgetRow(MOFA_2020, 2019, d(100), d(45)), BudgetRow(MOF_2020, 2019, d(100), d(90))],
    )


def test_filtering_keeps_comparisons_made_across_years() -> None:
    portfolio = _portfolio()
    assert portfolio.ministries == ("外務省", "財務省")
    assert portfolio.years == (2019, 2020)
    counts = portfolio.audit_counts()
    assert [counts[k] for k in AuditKind] == [1, 1, 1, 1]
    only = portfolio.filtered("外務省", 2020)
    [softened] = only.audit.softened
    assert (softened.report, softened.earlier_report) == (MOFA_2020, MOFA_2019)
    assert [len(only.audit.entries(k)) for k in AuditKind] == [1, 1, 0, 0]
    assert [(r.ministry, r.evaluation_year) for r in only.judgments.rows] == [("外務省", 2020)]
    assert only.judgments.total.total == 1
    assert (only.budget.total.reports, only.budget.total.below_low, only.grades.total.graded) == (1, 1, 0)


def test_panels_per_ministry_add_the_years_up() -> None:
    portfolio = build_portfolio(
        [JudgmentCount("外務省", 2019, "目標達成", 1), JudgmentCount("外務省", 2020, "目標達成", 2)],
        [
            row(MOFA_2019, 2018, 40, 20, recorded="b", proposed="a"),
            row(MOFA_2020, 2019, 1, 1, recorded="a", proposed="a"),
        ],
        [],
        [BudgetRow(MOFA_2019, 2018, d(100), d(40)), BudgetRow(MOFA_2020, 2019, d(100), d(80))],
    ).by_ministry()
    [judgments] = portfolio.judgments.rows
    assert (judgments.ministry, judgments.evaluation_year, judgments.count("目標達成")) == ("外務省", None, 3)
    [grades] = portfolio.grades.rows
    assert (grades.evaluation_year, grades.graded, grades.disagreements) == (None, 2, 1)
    [budget] = portfolio.budget.rows
    assert (budget.reports, budget.mean, budget.lowest, budget.below_low) == (
        2,
        Decimal("0.6"),
        Decimal("0.4"),
        1,
    )
    assert portfolio.budget.total.reports == 2 and len(portfolio.budget.lowest) == 2


def test_portfolio_json() -> None:
    data = _portfolio().filtered("財務省", None).to_json(limit=5)
    assert data["filters"] == {"ministry": "財務省", "evaluation_year": None}
    assert data["judgments"]["rows"] == []
    assert data["grades"]["total"] == {
        "ministry": None,
        "evaluation_year": None,
        "graded": 1,
        "disagreements": 1,
        "rate": 1.0,
    }
    assert data["budget"]["lowest"] == [
        {
            "report": {
                "id": 4,
                "ministry": "財務省",
                "measure_number": "V-1",
                "evaluation_year": 2020,
                "title": "財政の健全化",
            },
            "fiscal_year": 2019,
            "total": 100,
            "executed": 90,
            "rate": 0.9,
            "url": "/reports/4/",
        }
    ]
    assert data["audit"]["far_above"] == {
        "count": 1,
        "entries": [
            {
                "kind": "far_above",
                "report": {
                    "id": 4,
                    "ministry": "財務省",
                    "measure_number": "V-1",
                    "evaluation_year": 2020,
                    "title": "財政の健全化",
                },
                "indicator_id": "1-1",
                "name": "日米会談数",
                "series": "",
                "direction": "higher",
                "years": [{"fiscal_year": 2019, "target": 10, "actual": 20}],
                "earlier_report": None,
                "ratio": 2,
                "reason": "",
                "url": "/reports/4/indicators/1-1/",
            }
        ],
    }
    assert data["audit"]["main_without_numbers"]["entries"][0]["reason"] == "qualitative"
