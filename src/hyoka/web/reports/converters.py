"""URL path converters: a row id in a page's path is a whole number the database can hold (1 to
2^63−1, a 64-bit key); anything longer is no page (404), never an overflow in the query (500). An
indicator id is any text the model accepts (docs/model.md), a 「/」 included: a route that could not
spell one would break the whole report page (500) for a ministry that numbers 「1/2」."""

from __future__ import annotations

from django.urls import register_converter

__all__ = ["MAX_ID", "IndicatorId", "RowId"]

MAX_ID = 2**63 - 1


class RowId:
    """``<id:pk>``: 1 … 2^63−1 (at most 19 digits, checked again against the bound)."""

    regex = "[1-9][0-9]{0,18}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError(value)  # Django's resolver: this pattern does not match
        return number

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(RowId, "id")


class IndicatorId:
    """``<indicator:indicator_id>``: the id as written, 「/」 included (Django's ``path`` pattern); the
    routes that use it end in a fixed part (「/」, 「/chart.svg」), which tells where the id stops."""

    regex = ".+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(IndicatorId, "indicator")
