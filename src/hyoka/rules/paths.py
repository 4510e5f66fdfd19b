"""JSON pointers to the parts of a report, so every finding says exactly where it is."""

from __future__ import annotations

from collections.abc import Iterator

from hyoka.core import EvaluationReport, Indicator, IndicatorYear

__all__ = ["indicator_years", "indicators"]


def indicators(report: EvaluationReport) -> Iterator[tuple[str, Indicator]]:
    """(pointer, indicator) for every indicator of every area: ``/areas/0/indicators/2``."""
    for a, area in enumerate(report.areas):
        for i, indicator in enumerate(area.indicators):
            yield f"/areas/{a}/indicators/{i}", indicator


def indicator_years(pointer: str, indicator: Indicator) -> Iterator[tuple[str, IndicatorYear]]:
    for y, year in enumerate(indicator.years):
        yield f"{pointer}/years/{y}", year
