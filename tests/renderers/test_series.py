"""hyoka.renderers.series: the one reading of an indicator's series that the CSV, the workbooks and
the charts share."""

from __future__ import annotations

from hyoka.core import Cell, Indicator, IndicatorKind, IndicatorYear, MidTermTarget, Series, SeriesValue
from hyoka.renderers.series import find, of_series, series_keys


def _indicator() -> Indicator:
    return Indicator(
        id="1-1",
        name="利用者数",
        kind=IndicatorKind.QUANTITATIVE,
        series=[Series(key="①", name="一般の部")],
        years=[
            IndicatorYear(
                fiscal_year=2020,
                targets=[
                    SeriesValue(series="①", value=Cell.of(10)),
                    SeriesValue(series="②", value=Cell.of(20)),
                ],
                actuals=[SeriesValue(series="③", value=Cell.of(30))],
            )
        ],
        baseline=[SeriesValue(series="④", value=Cell.of(5)), SeriesValue(value=Cell.of(1))],
        mid_term_target=MidTermTarget(values=[SeriesValue(series="⑤", value=Cell.of(50))]),
    )


def test_series_keys_in_order_declared_then_years_then_baseline_and_goal() -> None:
    # the whole indicator's 基準値 (no series) adds no key of its own
    assert series_keys(_indicator()) == ["①", "②", "③", "④", "⑤"]


def test_series_keys_of_a_plan_leave_out_the_actuals() -> None:
    assert series_keys(_indicator(), actuals=False) == ["①", "②", "④", "⑤"]


def test_series_keys_of_an_indicator_without_series() -> None:
    plain = Indicator(id="2", name="件数", kind=IndicatorKind.QUANTITATIVE)
    assert series_keys(plain) == [None]


def test_find_and_of_series() -> None:
    baseline = _indicator().baseline
    assert find(baseline, "④") is baseline[0]
    assert find(baseline, "①") is None
    # a series without its own 基準値 takes the whole indicator's
    assert of_series(baseline, "①") is baseline[1]
    assert of_series(baseline, "④") is baseline[0]
