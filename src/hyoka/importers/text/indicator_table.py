"""Quantitative indicator tables and 参考指標 tables: header rows → years × (target, actual) × series."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from hyoka.core import (
    Cell,
    Direction,
    EraYearError,
    IndicatorYear,
    MidTermTarget,
    ReferenceYear,
    Series,
    SeriesValue,
    parse_era_year,
)
from hyoka.core.i18n import gettext_noop
from hyoka.core.numbering import CIRCLED, CIRCLED_RANGE
from hyoka.core.workbook import DIRECTION_LABELS
from hyoka.importers.text.cells import SERIES_VALUE, cell, row_cells
from hyoka.importers.text.context import ImportContext, span_of
from hyoka.importers.text.normalise import Line

__all__ = [
    "IndicatorTable",
    "Slot",
    "mid_term_year",
    "parse_indicator_table",
    "parse_reference_table",
    "place",
    "series_values",
    "target_direction",
]

_SERIES_NAME = re.compile(rf"({CIRCLED})([^{CIRCLED_RANGE}()]+?)(?=\s*[{CIRCLED_RANGE}(]|\s*$)")
_SOURCE = re.compile(rf"\(出典:(.*?)\)(?=\s|$|{CIRCLED})")
_NOTE = re.compile(r"\(注\)\s*(.*)$")
_BOUND = re.compile(r"^(?P<low>.+?)\s*(?:(?P<mark>以下|以上)|[~〜]\s*(?P<high>.+))$")
"""A target written with its direction: 「30以下」 (lower is better), 「90%以上」 (at least),
「80~90」 (within a range)."""
_MARKS = {"以下": Direction.LOWER, "以上": Direction.AT_LEAST}

Marks = list[tuple[Direction, str]]
"""The direction each marked target cell states, with the cell's text."""


@dataclass(frozen=True)
class Slot:
    """One numeric cell of the table: a fiscal year and target or actual."""

    year: int
    what: str  # "target" | "actual"


@dataclass
class IndicatorTable:
    notes: list[str] = field(default_factory=list)
    data_source: str | None = None
    series: list[Series] = field(default_factory=list)
    mid_term: MidTermTarget | None = None
    slots: list[Slot] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)
    expected_cells: int = 0
    grade: str | None = None
    row: Line | None = None
    lines: list[Line] = field(default_factory=list)
    marks: Marks = field(default_factory=list)
    start: int = 2
    """the column of the first year's 年度目標値"""
    baseline: list[SeriesValue] = field(default_factory=list)
    baseline_year: int | None = None


def _value(
    text: str, ctx: ImportContext, line: Line, location: str, marks: Marks | None
) -> tuple[Cell, Cell | None]:
    """A value, and for a target (``marks`` given) the upper bound of a range; its direction goes
    to ``marks``."""
    text = text.strip()
    upper: Cell | None = None
    if marks is not None and (match := _BOUND.match(text)):
        mark, high = match.group("mark"), match.group("high")
        marks.append((_MARKS[mark] if mark else Direction.WITHIN_RANGE, text))
        text = match.group("low")
        if high is not None:
            upper = cell(high.strip(), ctx, line, location, "%" if "%" in high else None)
    return cell(text, ctx, line, location, "%" if "%" in text else None), upper


def series_values(
    text: str, ctx: ImportContext, line: Line, location: str, marks: Marks | None = None
) -> list[SeriesValue]:
    """「①76% ②86%」→ two SeriesValues; a plain 「18」→ one without series. For a target cell
    (``marks`` given) a direction written after the number (「30以下」「80~90」) is read too."""
    text = text.strip()
    found = SERIES_VALUE.findall(text)
    span = span_of([line])
    pairs = found if found else [(None, text)]
    values = []
    for key, value_text in pairs:
        value, upper = _value(value_text, ctx, line, location, marks)
        values.append(SeriesValue(series=key, value=value, upper=upper, source=span))
    return values


_DIRECTION_EN = {
    Direction.HIGHER: "higher is better",
    Direction.LOWER: "lower is better",
    Direction.WITHIN_RANGE: "within a range",
    Direction.AT_LEAST: "at least the target",
}
"""A direction in an English sentence (the Japanese: ``hyoka.core.workbook.DIRECTION_LABELS``)."""


def target_direction(table: IndicatorTable, ctx: ImportContext, location: str) -> Direction:
    """The direction the targets state (higher is better when none does); a target stating
    another direction than the first is reported (H905) and read as the first says."""
    if not table.marks:
        return Direction.HIGHER
    direction = table.marks[0][0]
    for other, text in table.marks[1:]:
        if other is not direction:
            ctx.report(
                "H905",
                location,
                [table.row] if table.row is not None else [],
                gettext_noop(
                    "目標値「{text}」の書き方が示す方向({stated})が、最初の目標値の方向({direction})と"
                    "異なります。方向は{direction}として読み込みました。"
                ),
                text=text,
                stated=DIRECTION_LABELS[other],
                direction=DIRECTION_LABELS[direction],
                stated_en=_DIRECTION_EN[other],
                direction_en=_DIRECTION_EN[direction],
                input=text,
                context={"direction": direction.value, "stated": other.value},
            )
    return direction


def _describe(text: str) -> tuple[str | None, list[Series], list[str]]:
    source = None
    if match := _SOURCE.search(text):
        source = match.group(1).strip()
        text = text[: match.start()] + text[match.end() :]
    notes: list[str] = []
    if match := _NOTE.search(text):
        notes.append(match.group(1).strip())
        text = text[: match.start()]
    series = [Series(key=key, name=name.strip()) for key, name in _SERIES_NAME.findall(text)]
    if not series and text.strip():
        notes.insert(0, text.strip())
    return source, series, notes


def mid_term_year(text: str | None) -> int | None:
    """「令和5年度」 in 中期目標(令和5年度) → 2023; a year not stated (「--年度」「一年度」) → None."""
    try:
        return parse_era_year(text) if text else None
    except EraYearError:
        return None


def _years(cells: list[str], ctx: ImportContext) -> list[tuple[int, int]]:
    found = []
    for index, text in enumerate(cells):
        try:
            found.append((index, parse_era_year(text, default_era=ctx.default_era)))
        except EraYearError:
            continue
    return found


def _column(header: list[str], label: str) -> int | None:
    return header.index(label) if label in header else None


def parse_indicator_table(lines: Sequence[Line], ctx: ImportContext, pointer: str) -> IndicatorTable:
    """lines[0] is the 測定指標 title row; then the header rows and one data row. The columns are
    found from the header: an optional 基準値 (baseline) column, 中期目標値, then the years."""
    table = IndicatorTable(lines=list(lines))
    ctx.use_all(lines)
    header = row_cells(lines[1]) if len(lines) > 1 else []
    if header:
        table.data_source, table.series, table.notes = _describe(header[0])
    years = _years(header, ctx)
    table.slots = [Slot(year, what) for _, year in years for what in ("target", "actual")]
    table.expected_cells = len(header)
    base_col = _column(header, "基準値")
    mid_col = _column(header, "中期目標値") or 1
    table.start = years[0][0] if years else mid_col + 1
    mid_year_text = None
    base_year_text = None
    for line in lines[2:]:
        cells = row_cells(line)
        if any(c in ("年度目標値", "実績値") for c in cells):
            mid_year_text = cells[mid_col] if len(cells) > mid_col else None
            base_year_text = cells[base_col] if base_col is not None and len(cells) > base_col else None
            continue
        table.row = line
        table.cells = cells
    if table.row is not None:
        row = table.cells
        mid_text = row[mid_col] if len(row) > mid_col else ""
        location = f"{pointer}/mid_term_target"
        table.mid_term = MidTermTarget(
            target_year_text=mid_year_text or None,
            target_year=mid_term_year(mid_year_text),
            values=series_values(mid_text, ctx, table.row, location, table.marks) if mid_text else [],
            source=span_of([table.row]),
        )
        if base_col is not None and len(row) > base_col and row[base_col]:
            table.baseline = series_values(row[base_col], ctx, table.row, f"{pointer}/baseline")
        table.baseline_year = mid_term_year(base_year_text)
        end = table.start + len(table.slots)
        if len(row) > end and row[end]:
            table.grade = row[end]
    return table


def place(table: IndicatorTable, values: dict[Slot, list[SeriesValue]]) -> list[IndicatorYear]:
    years: dict[int, IndicatorYear] = {}
    for slot in table.slots:
        record = years.setdefault(
            slot.year, IndicatorYear(fiscal_year=slot.year, source=span_of(table.lines))
        )
        target = record.targets if slot.what == "target" else record.actuals
        target.extend(values.get(slot, []))
    return list(years.values())


def parse_reference_table(
    lines: Sequence[Line], ctx: ImportContext, pointer: str
) -> tuple[str | None, list[Series], list[str], list[ReferenceYear]]:
    """参考指標: a description cell with 実績値, a row of years, and one row per series."""
    if not lines:
        return None, [], [], []
    ctx.use_all(lines)
    source, series, notes = _describe(row_cells(lines[0])[0])
    years: list[tuple[int, int]] = []
    result: dict[int, ReferenceYear] = {}
    for line in lines[1:]:
        cells = row_cells(line)
        found = _years(cells, ctx)
        if found:
            years = found
            continue
        for index, year in years:
            if index < len(cells) and cells[index]:
                record = result.setdefault(year, ReferenceYear(fiscal_year=year, source=span_of([line])))
                record.actuals.extend(series_values(cells[index], ctx, line, f"{pointer}/years"))
                record.source = (record.source or span_of([line])).join(span_of([line]))  # type: ignore[union-attr]
    return source, series, notes, [result[year] for _, year in years if year in result]
