"""Step 5 helpers: table cells → typed values, reporting what is not a number (H905)."""

from __future__ import annotations

import re

from hyoka.core import AmountError, Cell, CellStatus, parse_cell
from hyoka.core.i18n import gettext_noop
from hyoka.core.numbering import CIRCLED, CIRCLED_RANGE
from hyoka.importers.text.context import ImportContext
from hyoka.importers.text.normalise import Line

__all__ = ["SERIES_VALUE", "cell", "row_cells"]

SERIES_VALUE = re.compile(rf"({CIRCLED})\s*([^{CIRCLED_RANGE}]+)")


def row_cells(line: Line) -> list[str]:
    return [c.strip() for c in line.text.split("\t")]


def cell(text: str, ctx: ImportContext, line: Line, location: str, unit: str | None = None) -> Cell:
    """Parse a numeric cell; text that is not a number becomes an H905 finding and an empty cell."""
    try:
        return parse_cell(text, unit)
    except AmountError:
        ctx.report(
            "H905",
            location,
            [line],
            gettext_noop("数値であるべき欄に数値でない値「{text}」があります。空欄として読み込みました。"),
            text=text,
            input=text,
        )
        return Cell(status=CellStatus.EMPTY, unit=unit, raw=text)
