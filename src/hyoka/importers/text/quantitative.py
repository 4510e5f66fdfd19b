"""Build quantitative indicators and 参考指標 from their tables, resolving damaged rows (H902)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from hyoka.core import (
    Cell,
    CellStatus,
    Indicator,
    IndicatorKind,
    Paragraph,
    RecordedGrade,
    ReferenceIndicator,
    SeriesValue,
    fiscal_year_label,
    format_fiscal_year,
)
from hyoka.core.i18n import gettext_noop, pgettext_en, pgettext_noop
from hyoka.importers.text.context import ImportContext, span_of
from hyoka.importers.text.indicator_table import (
    IndicatorTable,
    Slot,
    parse_indicator_table,
    parse_reference_table,
    place,
    series_values,
    target_direction,
)
from hyoka.importers.text.narrative_values import align_cells, stated_values
from hyoka.importers.text.normalise import Line

__all__ = ["quantitative_indicator", "quantitative_reference"]

_GRADE = re.compile(r"^[a-zA-Z]{1,2}$")


_SLOT = "quantitative.slot"
"""The msgctxt of a value cell's name (「令和元年度目標値」 as the table heads it, "FY2019 (Reiwa 1) target")
in H902."""
_SLOT_TEXT = {"target": pgettext_noop(_SLOT, "{era}目標値"), "actual": pgettext_noop(_SLOT, "{era}実績値")}


def _slot_ja(slot: Slot) -> str:
    return _SLOT_TEXT[slot.what].format(era=format_fiscal_year(slot.year))


def _slot_en(slot: Slot) -> str:
    return pgettext_en(_SLOT, _SLOT_TEXT[slot.what], year=fiscal_year_label(slot.year, "en"))


def _values_text(values: Sequence[SeriesValue]) -> str:
    return " ".join(f"{v.series or ''}{v.value.raw}" for v in values)


def _blank(table: IndicatorTable, raw: Sequence[str], row: Line) -> list[SeriesValue]:
    """An empty cell at the end of a row that fits its header (the latest actuals not yet known; the
    grade cell holds a grade or nothing, so no value moved into it): empty in every series, in the
    unit of the row's other values. A blank before a value is a cell lost in extraction (H902)."""
    filled = [text for text in raw if text]
    unit = "%" if filled and all("%" in text for text in filled) else None
    keys: list[str | None] = [s.key for s in table.series] or [None]
    blank = Cell(status=CellStatus.EMPTY, unit=unit)
    return [SeriesValue(series=key, value=blank, source=span_of([row])) for key in keys]


def _resolve(
    table: IndicatorTable, indicator_id: str, analysis: Sequence[Paragraph], ctx: ImportContext, pointer: str
) -> dict[Slot, list[SeriesValue]]:
    """Cells → slots. A row that fits its header is read by position; one that does not is
    placed by agreement with the values the analysis states, and the finding says how."""
    row = table.row
    if row is None:
        return {}
    location = f"{pointer}/years"
    end = table.start + len(table.slots)
    raw = table.cells[table.start : end]
    tail = table.cells[end] if len(table.cells) > end else ""
    fits = len(table.cells) == table.expected_cells and len(raw) == len(table.slots)
    written = len(raw) - len(list(itertools.takewhile(lambda text: not text, reversed(raw))))
    trailing_blanks = written > 0 and all(raw[:written])
    if fits and (all(raw) or (trailing_blanks and (not tail or _GRADE.match(tail)))):
        return {
            slot: series_values(text, ctx, row, location, table.marks if slot.what == "target" else None)
            if text
            else _blank(table, raw, row)
            for slot, text in zip(table.slots, raw, strict=True)
        }
    cells = table.cells[table.start : table.start + 1 + len(table.slots)]
    candidates = [c for c in cells if c and not _GRADE.match(c)]
    filled = [series_values(text, ctx, row, location, table.marks) for text in candidates]
    stated = stated_values(analysis, table.series)
    used, score, unique = align_cells(filled, table.slots, stated)
    placed = dict(zip(used, filled, strict=False))
    inferred: dict[Slot, list[SeriesValue]] = {}
    for slot in table.slots:
        if slot in placed:
            continue
        keys = [s.key for s in table.series] or [""]
        said = [(key, stated.get((slot, key))) for key in keys]
        if all(value is not None for _, value in said):
            inferred[slot] = [
                SeriesValue(
                    series=key or None,
                    value=Cell(status=CellStatus.VALUE, value=value, unit="%", raw=f"{value}%"),
                    inferred_from="施策の分析",
                    source=span_of([row]),
                )
                for key, value in said
            ]
    placed.update(inferred)
    missing = [slot for slot in table.slots if slot not in placed]
    sentences = [
        gettext_noop(
            "測定指標{indicator}の表の行は、見出しの{slots}つの値欄に対して値が{filled}つです"
            "(行の欄数{cells}、見出しの欄数{header_cells})。"
        ),
        gettext_noop("施策の分析に記載された値と照合して各値の年度と欄を決めました。")
        if unique and score > 0
        else gettext_noop(
            "施策の分析の記載では配置を決められないため、左から順に配置しました。確認してください。"
        ),
    ]
    if inferred:
        sentences.append(gettext_noop("欠けていた{inferred}は施策の分析の記載から補いました。"))
    if missing:
        sentences.append(gettext_noop("値が見つからない欄: {missing}。"))
    ctx.report(
        "H902",
        location,
        [row],
        sentences,
        indicator=indicator_id,
        slots=len(table.slots),
        filled=len(filled),
        cells=len(table.cells),
        header_cells=table.expected_cells,
        inferred="、".join(f"{_slot_ja(s)}({_values_text(v)})" for s, v in inferred.items()),
        inferred_en=", ".join(f"{_slot_en(s)} {_values_text(v)}" for s, v in inferred.items()),
        missing="、".join(_slot_ja(s) for s in missing),
        missing_en=", ".join(_slot_en(s) for s in missing),
        input=row.text,
        context={
            "cells": table.cells,
            "header_cells": table.expected_cells,
            "alignment": {f"{s.year}/{s.what}": _values_text(v) for s, v in placed.items()},
            "filled_from_analysis": {f"{s.year}/{s.what}": _values_text(v) for s, v in inferred.items()},
            "unresolved": [f"{s.year}/{s.what}" for s in missing],
            "agreement_score": score,
        },
    )
    return placed


def quantitative_indicator(
    indicator_id: str,
    name: str,
    is_main: bool,
    lines: Sequence[Line],
    ctx: ImportContext,
    analysis: Sequence[Paragraph],
    pointer: str,
) -> Indicator:
    """``pointer`` is the indicator's JSON pointer in the report, for the findings' locations."""
    table = parse_indicator_table(lines, ctx, pointer)
    values = _resolve(table, indicator_id, analysis, ctx, pointer)
    direction = target_direction(table, ctx, f"{pointer}/years")
    years = sorted({slot.year for slot in table.slots})
    grade = None
    if table.grade and table.row is not None:
        grade = RecordedGrade(letter=table.grade, window=years, source=span_of([table.row]))
    return Indicator(
        id=indicator_id,
        name=name,
        is_main=is_main,
        kind=IndicatorKind.QUANTITATIVE,
        direction=direction,
        notes=table.notes,
        data_source=table.data_source,
        series=table.series,
        mid_term_target=table.mid_term,
        baseline=table.baseline,
        baseline_year=table.baseline_year,
        years=place(table, values),
        recorded_grade=grade,
        source=span_of(lines),
    )


def quantitative_reference(
    name: str, lines: Sequence[Line], ctx: ImportContext, pointer: str
) -> ReferenceIndicator:
    ctx.use(lines[0])
    source, series, notes, years = parse_reference_table(lines[1:], ctx, pointer)
    return ReferenceIndicator(
        name=name, notes=notes, data_source=source, series=series, years=years, source=span_of(lines)
    )
