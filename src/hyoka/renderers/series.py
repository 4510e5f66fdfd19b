"""An indicator's series (系列, docs/glossary.md) as the exports lay them out: a row per series,
and each series' value among a year's, the 基準値's or the 目標値's values. The open-data CSV
(docs/open-data.md), the Excel workbooks and the charts read the values this one way."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from hyoka.core import Indicator, SeriesValue

__all__ = ["find", "of_series", "series_keys"]


def find(values: Iterable[SeriesValue], key: str | None) -> SeriesValue | None:
    """The value of series ``key`` (None: the indicator's single series), if there is one."""
    return next((v for v in values if v.series == key), None)


def of_series(values: Sequence[SeriesValue], key: str | None) -> SeriesValue | None:
    """The value of series ``key``; else the one of the whole indicator (「—」 for every series)."""
    return find(values, key) or find(values, None)


def series_keys(indicator: Indicator, *, actuals: bool = True) -> list[str | None]:
    """The declared series in order, then any series found only in the values: the years' targets
    (and their actuals, unless ``actuals`` is False: a plan has no actuals to lay out), then the
    基準値 and the 目標値; [None] for none. A 基準値 or 目標値 of the whole indicator (no series) adds
    no row of its own: ``of_series`` gives it to every series."""
    keys: list[str | None] = [s.key for s in indicator.series]
    for year in indicator.years:
        for value in (*year.targets, *year.actuals) if actuals else year.targets:
            if value.series not in keys:
                keys.append(value.series)
    goal = indicator.mid_term_target.values if indicator.mid_term_target else []
    for value in (*indicator.baseline, *goal):
        if value.series is not None and value.series not in keys:
            keys.append(value.series)
    return keys or [None]
