"""hyoka.analytics.measure_history: matching across years, overlapping windows, hand links, conflicts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from hyoka.analytics.measure_history import (
    Conflict,
    Gap,
    HandLink,
    MatchedBy,
    MeasureHistory,
    MeasureMismatchError,
    MeasureReport,
    Point,
    measure_history,
)
from hyoka.core import (
    Area,
    EvaluationReport,
    Indicator,
    IndicatorKind,
    IndicatorYear,
    Judgment,
    RecordedGrade,
    Series,
    SeriesValue,
    Tier,
    parse_cell,
)
from hyoka.importers import ImportResult
from hyoka.services.cycle import next_cycle

A, B, C = 11, 12, 13


def _values(text: str) -> list[SeriesValue]:
    """「10」 → one value; 「①50 ②60」 → one per series; 「」 → an empty cell."""
    if not text:
        return [SeriesValue(value=parse_cell(""))]
    if text[0] in "①②":
        return [SeriesValue(series=part[0], value=parse_cell(part[1:])) for part in text.split()]
    return [SeriesValue(value=parse_cell(text))]


def _quant(
    ind_id: str, name: str, rows: dict[int, tuple[str, str]], grade: str = "b", **kw: object
) -> Indicator:
    return Indicator(
        id=ind_id,
        name=name,
        kind=IndicatorKind.QUANTITATIVE,
        recorded_grade=RecordedGrade(letter=grade),
        years=[
            IndicatorYear(fiscal_year=fy, targets=_values(t), actuals=_values(a))
            for fy, (t, a) in rows.items()
        ],
        **kw,
    )


def _qual(ind_id: str, name: str, grade: str | None = "b") -> Indicator:
    return Indicator(
        id=ind_id,
        name=name,
        kind=IndicatorKind.QUALITATIVE,
        recorded_grade=RecordedGrade(letter=grade) if grade else None,
    )


def _report(year: int, tier: Tier | None, *indicators: Indicator, measure: str = "II-1") -> EvaluationReport:
    return EvaluationReport(
        ministry="総務省",
        measure_number=measure,
        title="行政評価の推進",
        evaluation_year=year,
        window=[year - 3, year - 2, year - 1],
        judgment=Judgment(tier=tier, label=tier.value if tier else None),
        areas=[Area(number=1, title="分野", indicators=list(indicators))],
    )


SERIES = [Series(key="①", name="一般"), Series(key="②", name="有識者")]

REPORT_A = _report(
    2020,
    Tier.ACHIEVED,
    _quant("1-1", "会議件数", {2017: ("10", "12"), 2018: ("11", "11"), 2019: ("12", "9")}),
    _quant("1-2", "満足度", {2018: ("①50 ②60", "①52 ②61"), 2019: ("①55 ②62", "①54 ②63")}, series=SERIES),
    _qual("1-3", "地方との連携"),
    _qual("2-1", "廃止される指標", grade="c"),
)
REPORT_B = _report(
    2021,
    Tier.SUBSTANTIAL_PROGRESS,
    _quant("1-1", "会議件数", {2018: ("11", "11"), 2019: ("12", "10"), 2020: ("13", "14")}, grade="a"),
    _qual("1-3", "地方公共団体との連携"),  # renamed: only a hand link matches it
    _quant(
        "1-4", "満足度", {2019: ("①55 ②62", "①54 ②63"), 2020: ("①56 ②64", "①57 ②64")}, series=SERIES
    ),  # renumbered: matched by name
    _qual("2-2", "新設の指標", grade=None),
)
REPORT_C = _report(
    2022,
    None,
    _quant("1-1", "会議件数", {2019: ("12", "10"), 2020: ("", "14"), 2021: ("14", "")}),
)


def _history(*links: HandLink) -> MeasureHistory:
    return measure_history(
        [MeasureReport(C, REPORT_C), MeasureReport(A, REPORT_A), MeasureReport(B, REPORT_B)], links
    )


def test_reports_in_year_order_and_the_judgments() -> None:
    history = _history()
    assert [r.key for r in history.reports] == [A, B, C]
    assert [(key, year, j.tier) for key, year, j in history.judgments] == [
        (A, 2020, Tier.ACHIEVED),
        (B, 2021, Tier.SUBSTANTIAL_PROGRESS),
        (C, 2022, None),
    ]
    assert history.fiscal_years == [2017, 2018, 2019, 2020, 2021]


def test_matching_by_id_and_name_and_by_name() -> None:
    history = _history()
    chains = [[(m.report, m.indicator_id, m.matched_by) for m in ind.members] for ind in history.indicators]
    assert chains == [
        [(A, "1-1", None), (B, "1-1", MatchedBy.ID_AND_NAME), (C, "1-1", MatchedBy.ID_AND_NAME)],
        [(A, "1-2", None), (B, "1-4", MatchedBy.NAME)],
        [(A, "1-3", None)],
        [(A, "2-1", None)],
        [(B, "1-3", None)],
        [(B, "2-2", None)],
    ]
    assert history.gaps == [
        Gap(
            A,
            B,
            ended=[("1-3", "地方との連携"), ("2-1", "廃止される指標")],
            started=[("1-3", "地方公共団体との連携"), ("2-2", "新設の指標")],
        ),
        Gap(
            B,
            C,
            ended=[("1-3", "地方公共団体との連携"), ("1-4", "満足度"), ("2-2", "新設の指標")],
            started=[],
        ),
    ]
    assert history.ignored_links == []


def test_a_hand_link_matches_a_renamed_indicator() -> None:
    link = HandLink(A, "1-3", B, "1-3")
    history = _history(link)
    renamed = next(ind for ind in history.indicators if ind.members[0].indicator_id == "1-3")
    assert [(m.report, m.indicator_id, m.name, m.matched_by) for m in renamed.members] == [
        (A, "1-3", "地方との連携", None),
        (B, "1-3", "地方公共団体との連携", MatchedBy.LINK),
    ]
    assert renamed.name == "地方公共団体との連携"
    assert renamed.grades == {A: "b", B: "b"}
    assert history.gaps[0] == Gap(A, B, ended=[("2-1", "廃止される指標")], started=[("2-2", "新設の指標")])
    assert len(history.indicators) == 5


def test_a_link_overrides_matching_by_name() -> None:
    # a person says 1-2 became 2-2 (not 1-4, which has the same name): the link wins
    history = _history(HandLink(A, "1-2", B, "2-2"))
    chain = next(ind for ind in history.indicators if ind.members[0].indicator_id == "1-2")
    assert [(m.report, m.indicator_id, m.matched_by) for m in chain.members] == [
        (A, "1-2", None),
        (B, "2-2", MatchedBy.LINK),
    ]
    assert [
        [m.indicator_id for m in ind.members] for ind in history.indicators if ind.members[0].report == B
    ] == [
        ["1-3"],
        ["1-4"],
    ]


def test_links_that_name_nothing_here_are_listed() -> None:
    links = [HandLink(A, "9-9", B, "1-3"), HandLink(A, "1-3", C, "1-1")]
    history = _history(*links)
    assert history.ignored_links == links
    assert [[m.indicator_id for m in ind.members] for ind in history.indicators][2] == ["1-3"]


def test_overlapping_windows_make_one_series_the_later_report_winning() -> None:
    meetings = _history().indicators[0]
    assert meetings.years == [2017, 2018, 2019, 2020, 2021]
    assert meetings.series == [(None, "")]
    assert meetings.point(2017, None) == Point(Decimal(10), Decimal(12), A, A)
    assert meetings.point(2018, None) == Point(Decimal(11), Decimal(11), B, B)
    assert meetings.point(2019, None) == Point(Decimal(12), Decimal(10), C, C)
    # C's empty 2020 target replaces nothing: B's stays
    assert meetings.point(2020, None) == Point(Decimal(13), Decimal(14), B, C)
    assert meetings.point(2021, None) == Point(Decimal(14), None, C, None)
    assert meetings.grades == {A: "b", B: "a", C: "b"}


def test_a_disagreement_between_reports_is_flagged() -> None:
    meetings = _history().indicators[0]
    assert meetings.conflicts == [
        Conflict(2019, None, "actual", ((A, Decimal(9)), (B, Decimal(10)), (C, Decimal(10)))),
    ]


def test_series_are_kept_apart() -> None:
    satisfaction = _history().indicators[1]
    assert satisfaction.series == [("①", "一般"), ("②", "有識者")]
    assert satisfaction.point(2018, "②") == Point(Decimal(60), Decimal(61), A, A)
    assert satisfaction.point(2019, "①") == Point(Decimal(55), Decimal(54), B, B)
    assert satisfaction.point(2020, "②") == Point(Decimal(64), Decimal(64), B, B)
    assert satisfaction.conflicts == []


def test_reports_of_another_measure_are_refused() -> None:
    other = _report(2021, None, measure="II-2")
    with pytest.raises(MeasureMismatchError, match="総務省 II-1, 総務省 II-2"):
        measure_history([MeasureReport(A, REPORT_A), MeasureReport(B, other)])


def test_one_report_and_none() -> None:
    single = measure_history([MeasureReport(A, REPORT_A)])
    assert [ind.indicator_id for ind in single.indicators] == ["1-1", "1-2", "1-3", "2-1"]
    assert single.gaps == []
    empty = measure_history([])
    assert (empty.reports, empty.indicators, empty.gaps) == ([], [], [])


def test_the_sample_and_its_next_cycle_draft(sample_result: ImportResult) -> None:
    sample = sample_result.report
    history = measure_history([MeasureReport(1, sample), MeasureReport(2, next_cycle(sample).draft)])
    assert [[(m.report, m.matched_by) for m in ind.members] for ind in history.indicators] == [
        [(1, None), (2, MatchedBy.ID_AND_NAME)]
    ] * 9
    assert history.gaps == []
    meetings = history.indicators[2]
    assert meetings.indicator_id == "1-3"
    # the draft's empty cells for 2018 and 2019 leave the sample's numbers in place
    assert [(fy, meetings.point(fy, None)) for fy in meetings.years] == [
        (2017, Point(Decimal(18), Decimal(41), 1, 1)),
        (2018, Point(Decimal(30), Decimal(30), 1, 1)),
        (2019, Point(Decimal(30), Decimal(26), 1, 1)),
    ]
    assert meetings.grades == {1: "b", 2: None}
    survey = history.indicators[4]
    assert survey.units == {"①": "%", "②": "%"}
    assert survey.point(2019, "②") == Point(Decimal(89), Decimal(89), 1, 1)
    assert all(ind.conflicts == [] for ind in history.indicators)
