"""The cells of hyoka's Excel workbook: its named styles and the writers of text, numbers and
amounts, shared by the sheets of ``hyoka.renderers.xlsx`` and ``hyoka.renderers.xlsx_plan``.

A value hyoka supplied (``SeriesValue.inferred_from``) is written as the number it is, in the colour
of hyoka's notes (#1f4e79) with a 「※」 in its display format (``INFERRED``): the cell stays a number
for Excel and for the importer, and is never shown as if the ministry had written it
(docs/publication.md, "Values hyoka supplied").
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side  # type: ignore[import-untyped]

from hyoka.core import Cell, CellStatus

__all__ = [
    "AMOUNT",
    "CODE",
    "DECIMAL",
    "HEAD",
    "INCLUSIVE",
    "INFERRED",
    "INFERRED_COLOR",
    "INFERRED_DECIMAL",
    "INFERRED_TEXT",
    "PLAIN",
    "RATE",
    "TEXT",
    "TITLE",
    "YEAR",
    "column_letter",
    "named_styles",
    "print_setup",
    "set_widths",
    "write_amount",
    "write_number",
    "write_text",
]

_FONT = "ＭＳ Ｐゴシック"
_AMOUNT_FORMAT = "#,##0;△#,##0"
_DECIMAL_FORMAT = "#,##0.0##;△#,##0.0##"
_INCLUSIVE_FORMAT = '"<"#,##0">";"<△"#,##0">"'
_RATE_FORMAT = "0.0%"
_YEAR_FORMAT = "0"
_INFERRED_FORMAT = '#,##0"※";△#,##0"※"'
_INFERRED_DECIMAL_FORMAT = '#,##0.0##"※";△#,##0.0##"※"'
INFERRED_COLOR = "1F4E79"
"""the colour of hyoka's notes and marks, as in HTML and PDF (report.css ``.inferred``)"""

# named styles (one object each per workbook)
TITLE = "hyoka-title"
HEAD = "hyoka-head"
TEXT = "hyoka-text"
PLAIN = "hyoka-plain"
AMOUNT = "hyoka-amount"
DECIMAL = "hyoka-decimal"
INCLUSIVE = "hyoka-inclusive"
RATE = "hyoka-rate"
YEAR = "hyoka-year"
CODE = "hyoka-code"
INFERRED = "hyoka-inferred"
INFERRED_DECIMAL = "hyoka-inferred-decimal"
INFERRED_TEXT = "hyoka-inferred-text"


def named_styles() -> list[NamedStyle]:
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    font = Font(name=_FONT, size=10)
    wrap = Alignment(vertical="center", wrap_text=True)
    right = Alignment(horizontal="right", vertical="center")

    inferred = Font(name=_FONT, size=10, color=INFERRED_COLOR)

    def numeric(name: str, number_format: str, face: Font = font) -> NamedStyle:
        return NamedStyle(name=name, font=face, border=border, alignment=right, number_format=number_format)

    return [
        NamedStyle(name=TITLE, font=Font(name=_FONT, size=14, bold=True)),
        NamedStyle(
            name=HEAD,
            font=Font(name=_FONT, size=10, bold=True),
            border=border,
            fill=PatternFill("solid", fgColor="D9D9D9"),
            alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
        ),
        NamedStyle(name=TEXT, font=font, border=border, alignment=wrap),
        NamedStyle(name=PLAIN, font=font),
        numeric(AMOUNT, _AMOUNT_FORMAT),
        numeric(DECIMAL, _DECIMAL_FORMAT),
        numeric(INCLUSIVE, _INCLUSIVE_FORMAT),
        numeric(RATE, _RATE_FORMAT),
        numeric(YEAR, _YEAR_FORMAT),
        NamedStyle(name=CODE, font=font, border=border, alignment=wrap, number_format="@"),
        numeric(INFERRED, _INFERRED_FORMAT, inferred),
        numeric(INFERRED_DECIMAL, _INFERRED_DECIMAL_FORMAT, inferred),
        NamedStyle(name=INFERRED_TEXT, font=inferred, border=border, alignment=wrap),
    ]


def write_text(ws: Any, row: int, col: int, value: str | None, style: str = TEXT) -> None:
    """A text cell: control characters Excel cannot store are dropped, and a leading 「=」 stays text."""
    cell = ws.cell(row=row, column=col)
    if value:
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if cell.data_type == "f":
            cell.data_type = "s"
    cell.style = style


def write_number(ws: Any, row: int, col: int, value: Decimal | int | float | None, style: str) -> None:
    cell = ws.cell(row=row, column=col)
    if value is not None:
        if isinstance(value, Decimal):
            value = int(value) if value == value.to_integral_value() else float(value)
        cell.value = value
        if isinstance(value, float) and not value.is_integer():
            style = {AMOUNT: DECIMAL, INFERRED: INFERRED_DECIMAL}.get(style, style)
    cell.style = style


def write_amount(ws: Any, row: int, col: int, cell: Cell | None, style: str = AMOUNT) -> None:
    """A Cell: a number as a number; 「-」 (nothing to report) and unreadable text as their text."""
    if cell is None or (cell.status is CellStatus.EMPTY and not cell.raw.strip()):
        write_number(ws, row, col, None, style)
    elif cell.status is CellStatus.VALUE:
        write_number(ws, row, col, cell.value, style)
    else:
        write_text(ws, row, col, cell.raw.strip() or "-", style)


def print_setup(ws: Any, *, title_rows: str | None = None) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        ws.print_title_rows = title_rows


def set_widths(ws: Any, widths: Sequence[float]) -> None:
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[column_letter(index)].width = width


def column_letter(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
