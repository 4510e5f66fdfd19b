"""URL path converters: a row id in a page's path is a whole number the database can hold (1 to
2^63−1, a 64-bit key); anything longer is no page (404), never an overflow in the query (500)."""

from __future__ import annotations

from django.urls import register_converter

__all__ = ["MAX_ID", "RowId"]

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
