"""Table cells: numbers as printed in the reports, with the three kinds of blank kept apart.

A cell is a number (``value``), "nothing to report" (「-」「—」「－」), or empty. 「0」 is a
number. △ and ▲ mark negatives; 1,234 has comma groups; digits may be full-width or spaced
by PDF extraction (「1 2 3」 stays a problem to report, 「6 5 2」 is never read as 652).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, PlainSerializer, WithJsonSchema

from hyoka.core.limits import Name, Text

__all__ = [
    "AmountError",
    "Cell",
    "CellStatus",
    "Number",
    "parse_cell",
    "parse_number",
]


def _number_to_json(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


Number = Annotated[
    Decimal,
    PlainSerializer(_number_to_json, when_used="json"),
    WithJsonSchema({"type": "number"}),
]
"""An exact decimal that is written to JSON as a plain number."""


class CellStatus(StrEnum):
    VALUE = "value"
    NOTHING_TO_REPORT = "nothing_to_report"
    EMPTY = "empty"


class AmountError(ValueError):
    """Text that is not a number."""


class Cell(BaseModel):
    """One numeric table cell: its status, its value when it has one, and the text it came from."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        # The rule of model_post_init, in the JSON Schema: a value exactly when the status is "value".
        json_schema_extra={
            "oneOf": [
                {
                    "properties": {"status": {"const": "value"}, "value": {"type": "number"}},
                    "required": ["status", "value"],
                },
                {
                    "properties": {
                        "status": {"enum": ["nothing_to_report", "empty"]},
                        "value": {"type": "null"},
                    },
                    "required": ["status"],
                },
            ]
        },
    )

    status: CellStatus
    value: Number | None = None
    unit: Name | None = None
    raw: Text = ""

    @classmethod
    def of(cls, value: int | str | Decimal, unit: str | None = None) -> Cell:
        return cls(status=CellStatus.VALUE, value=Decimal(value), unit=unit, raw=str(value))

    @classmethod
    def empty(cls) -> Cell:
        return cls(status=CellStatus.EMPTY)

    @property
    def is_value(self) -> bool:
        return self.status is CellStatus.VALUE

    def model_post_init(self, context: Any, /) -> None:
        if (self.status is CellStatus.VALUE) != (self.value is not None):
            raise ValueError("a cell has a value exactly when its status is 'value'")


_NOTHING = frozenset({"-", "—", "－", "―", "‐", "−", "ー", "--", "──", "―――"})
_NEGATIVE_MARKS = ("△", "▲", "-", "−", "－")
_NUMBER = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")
_FULLWIDTH = str.maketrans("０１２３４５６７８９，．％－", "0123456789,.%-")


def parse_number(text: str) -> Decimal:
    """「△14」→ -14, 「1,220」→ 1220, 「８５％」→ 85. Raises AmountError otherwise."""
    s = text.translate(_FULLWIDTH).strip()
    sign = 1
    for mark in _NEGATIVE_MARKS:
        if s.startswith(mark) and len(s) > len(mark):
            sign = -1
            s = s[len(mark) :].strip()
            break
    if s.endswith("%"):
        s = s[:-1].strip()
    if not _NUMBER.match(s):
        raise AmountError(f"not a number: {text!r}")
    try:
        value = Decimal(s.replace(",", ""))
        return value.copy_negate() if sign < 0 else value
    except InvalidOperation:  # pragma: no cover - the pattern above admits only decimals
        raise AmountError(f"not a number: {text!r}") from None


def parse_cell(text: str | None, unit: str | None = None) -> Cell:
    """A table cell as printed → Cell. Empty and 「-」 are kept apart; bad text raises AmountError."""
    raw = (text or "").strip()
    if not raw:
        return Cell(status=CellStatus.EMPTY, unit=unit, raw="")
    if raw.translate(_FULLWIDTH) in _NOTHING:
        return Cell(status=CellStatus.NOTHING_TO_REPORT, unit=unit, raw=raw)
    return Cell(status=CellStatus.VALUE, value=parse_number(raw), unit=unit, raw=raw)
