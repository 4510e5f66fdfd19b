"""The 事前分析表's sheets of the Excel workbook: 「基準値・目標値」 (each 測定指標 with its 基準値 and
基準年度, 目標値 and 目標年度, 年度ごとの目標値 and the reasons for them) and 「達成手段」 (name,
予算額 and 執行額 by year, 関連する指標, 行政事業レビュー事業番号, outline).

They are written for people to read: the importer takes these values from the 「JSON」 sheet
(docs/excel-template.md). A value hyoka supplied (a 基準値 the next cycle carried from the last
評価書) is marked as in HTML and PDF: the number in hyoka's colour with a 「※」, and the column
「hyoka が補った値」 saying where it came from (docs/publication.md, "Values hyoka supplied").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hyoka.core import (
    AchievementMeans,
    DocumentKind,
    EvaluationReport,
    Indicator,
    IndicatorKind,
    SeriesValue,
    format_fiscal_year,
)
from hyoka.core.narrative import Paragraph
from hyoka.renderers.series import find, of_series, series_keys
from hyoka.renderers.xlsx_cells import (
    AMOUNT,
    CODE,
    HEAD,
    INFERRED,
    INFERRED_TEXT,
    PLAIN,
    TEXT,
    TITLE,
    column_letter,
    print_setup,
    set_widths,
    write_amount,
    write_text,
)

__all__ = [
    "MEANS_HEADER",
    "PLAN_HEADER",
    "PLAN_TAIL",
    "has_means",
    "has_plan",
    "inferred_note",
    "means_sheet",
    "plan_sheet",
]

PLAN_HEADER: tuple[str, ...] = (
    "個別分野",
    "指標ID",
    "指標名",
    "主要",
    "系列",
    "系列名",
    "基準値",
    "基準年度",
    "目標値",
    "目標値(上限)",
    "目標年度",
)
"""the columns before 年度ごとの目標値 (one column per fiscal year follows them)"""

PLAN_TAIL: tuple[str, ...] = (
    "単位",
    "出典",
    "測定指標の選定理由及び目標値(水準・目標年度)の設定の根拠",
    "hyoka が補った値",
)
"""the columns after 年度ごとの目標値"""

MEANS_HEADER: tuple[str, ...] = ("番号", "達成手段の名称", "開始年度")
"""the columns before the years (予算額 and 執行額 for each fiscal year follow them)"""

MEANS_TAIL: tuple[str, ...] = ("関連する指標", "行政事業レビュー事業番号", "達成手段の概要等", "注")

_HEADER_ROW = 2
_FIRST_ROW = 4


def inferred_note(what: str, source: str) -> str:
    """「基準値※: hyoka が「…」から補った値です（府省の表には記載がありません）。」"""
    return f"{what}※: hyoka が「{source}」から補った値です（府省の表には記載がありません）。"


def has_plan(report: EvaluationReport) -> bool:
    """A 事前分析表, or a report whose indicators state a 基準値 or 目標値."""
    return report.kind is DocumentKind.PRE_ANALYSIS or any(
        ind.baseline or ind.baseline_year is not None or ind.mid_term_target is not None
        for ind in report.indicators()
    )


def has_means(report: EvaluationReport) -> bool:
    """A 事前分析表 (whose form has the table even when empty), or a report that lists 達成手段."""
    return report.kind is DocumentKind.PRE_ANALYSIS or bool(report.means)


def _paragraphs(paragraphs: Sequence[Paragraph]) -> str | None:
    return "\n".join(f"{p.label} {p.text}" if p.label else p.text for p in paragraphs) or None


def _value(ws: Any, row: int, col: int, value: SeriesValue | None, notes: list[str], what: str) -> None:
    """A number of the table; one hyoka supplied in hyoka's colour with its ※, noted in ``notes``."""
    if value is not None and value.inferred_from:
        write_amount(ws, row, col, value.value, INFERRED)
        notes.append(inferred_note(what, value.inferred_from))
    else:
        write_amount(ws, row, col, value.value if value is not None else None, AMOUNT)


def _unit(indicator: Indicator, key: str | None) -> str | None:
    goal = indicator.mid_term_target.values if indicator.mid_term_target else []
    for value in (*indicator.baseline, *goal, *(v for y in indicator.years for v in y.targets)):
        if value.series == key and value.value.unit:
            return value.value.unit
    return None


def _plan_years(report: EvaluationReport) -> list[int]:
    return sorted({y.fiscal_year for ind in report.indicators() for y in ind.years})


def _plan_row(
    ws: Any, row: int, area_label: str, indicator: Indicator, key: str | None, years: list[int]
) -> bool:
    """One indicator × series; True when a value in it is hyoka's."""
    qualitative = indicator.kind is IndicatorKind.QUALITATIVE
    goal = indicator.mid_term_target
    names = {s.key: s.name for s in indicator.series}
    notes: list[str] = []
    write_text(ws, row, 1, area_label)
    write_text(ws, row, 2, indicator.id, CODE)
    write_text(ws, row, 3, indicator.name)
    write_text(ws, row, 4, "*" if indicator.is_main else None)
    write_text(ws, row, 5, key, CODE)
    write_text(ws, row, 6, names.get(key) if key is not None else None)
    baseline = None if qualitative else of_series(indicator.baseline, key)
    _value(ws, row, 7, baseline, notes, "基準値")
    if indicator.baseline_year is not None:
        marked = any(v.inferred_from for v in indicator.baseline)
        write_text(
            ws,
            row,
            8,
            format_fiscal_year(indicator.baseline_year) + ("※" if marked else ""),
            INFERRED_TEXT if marked else TEXT,
        )
    else:
        write_text(ws, row, 8, None)
    final = None if qualitative or goal is None else of_series(goal.values, key)
    if final is None and goal is not None and goal.text and not goal.values:
        write_text(ws, row, 9, goal.text)
    else:
        _value(ws, row, 9, final, notes, "目標値")
    write_amount(ws, row, 10, final.upper if final is not None else None)
    goal_year = None
    if goal is not None:
        goal_year = goal.target_year_text or (
            format_fiscal_year(goal.target_year) if goal.target_year is not None else None
        )
    write_text(ws, row, 11, goal_year)
    col = len(PLAN_HEADER) + 1
    by_year = {y.fiscal_year: y for y in indicator.years}
    shown: list[int | None] = [*years] or [None]
    for fiscal_year in shown:
        year = by_year.get(fiscal_year) if fiscal_year is not None else None
        target = None if qualitative or year is None else find(year.targets, key)
        if target is None and year is not None and year.target_text:
            write_text(ws, row, col, _paragraphs(year.target_text))
        elif fiscal_year is not None:
            _value(ws, row, col, target, notes, f"{format_fiscal_year(fiscal_year)}目標値")
        else:
            write_text(ws, row, col, None)
        col += 1
    write_text(ws, row, col, None if qualitative else _unit(indicator, key))
    write_text(ws, row, col + 1, indicator.data_source)
    write_text(ws, row, col + 2, _paragraphs(indicator.selection_reason))
    write_text(ws, row, col + 3, "\n".join(dict.fromkeys(notes)) or None, INFERRED_TEXT if notes else TEXT)
    return bool(notes)


def _header_rows(ws: Any, last: int, labels: Sequence[str]) -> None:
    """The two header rows, styled up to column ``last``, with ``labels`` from column A on."""
    for col in range(1, last + 1):
        write_text(ws, _HEADER_ROW, col, None, HEAD)
        write_text(ws, _HEADER_ROW + 1, col, None, HEAD)
    _tall_labels(ws, labels, 1)


def _tall_labels(ws: Any, labels: Sequence[str], first: int) -> None:
    """``labels`` from column ``first`` on, each over both header rows (the columns without a
    second-row heading)."""
    for col, label in enumerate(labels, start=first):
        write_text(ws, _HEADER_ROW, col, label, HEAD)
        ws.merge_cells(start_row=_HEADER_ROW, start_column=col, end_row=_HEADER_ROW + 1, end_column=col)


def plan_sheet(ws: Any, report: EvaluationReport) -> None:
    """「基準値・目標値」: one row per 測定指標 × 系列, the 事前分析表's columns."""
    years = _plan_years(report)
    year_columns = max(len(years), 1)
    first_year = len(PLAN_HEADER) + 1
    last = len(PLAN_HEADER) + year_columns + len(PLAN_TAIL)
    write_text(ws, 1, 1, "測定指標（基準値・目標値）", TITLE)
    _header_rows(ws, last, PLAN_HEADER)
    write_text(ws, _HEADER_ROW, first_year, "年度ごとの目標値", HEAD)
    if year_columns > 1:
        ws.merge_cells(
            start_row=_HEADER_ROW,
            start_column=first_year,
            end_row=_HEADER_ROW,
            end_column=first_year + year_columns - 1,
        )
    for offset, year in enumerate(years):
        write_text(ws, _HEADER_ROW + 1, first_year + offset, format_fiscal_year(year), HEAD)
    _tall_labels(ws, PLAN_TAIL, first_year + year_columns)
    row = _FIRST_ROW
    any_inferred = False
    for area in report.areas:
        area_label = f"{area.number} {area.title}".strip()
        for indicator in area.indicators:
            for key in series_keys(indicator, actuals=False):
                any_inferred = _plan_row(ws, row, area_label, indicator, key, years) or any_inferred
                row += 1
    if any_inferred:
        write_text(
            ws,
            row + 1,
            1,
            "※ 青字で「※」を付けた値は hyoka が補った値です（府省の表には記載がありません）。"
            "どこから補ったかは「hyoka が補った値」の列にあります。",
            PLAIN,
        )
    set_widths(
        ws, (18, 8, 36, 6, 6, 12, 10, 12, 10, 10, 12, *(11 for _ in range(year_columns)), 6, 16, 48, 40)
    )
    ws.freeze_panes = f"D{_FIRST_ROW}"
    print_setup(ws, title_rows=f"{_HEADER_ROW}:{_HEADER_ROW + 1}")


def _means_years(means: Sequence[AchievementMeans]) -> list[int]:
    return sorted({y.fiscal_year for entry in means for y in entry.years})


def means_sheet(ws: Any, report: EvaluationReport) -> None:
    """「達成手段」: one row per 達成手段, its 予算額 and 執行額 in a pair of columns per fiscal year
    (in ``report.means_unit``)."""
    years = _means_years(report.means)
    pairs = max(len(years), 1)
    first_year = len(MEANS_HEADER) + 1
    last = len(MEANS_HEADER) + 2 * pairs + len(MEANS_TAIL)
    write_text(ws, 1, 1, "達成手段", TITLE)
    write_text(ws, 1, 3, f"(単位: {report.means_unit})", PLAIN)
    _header_rows(ws, last, MEANS_HEADER)
    for index in range(pairs):
        col = first_year + 2 * index
        write_text(ws, _HEADER_ROW, col, format_fiscal_year(years[index]) if years else None, HEAD)
        ws.merge_cells(start_row=_HEADER_ROW, start_column=col, end_row=_HEADER_ROW, end_column=col + 1)
        write_text(ws, _HEADER_ROW + 1, col, "予算額", HEAD)
        write_text(ws, _HEADER_ROW + 1, col + 1, "執行額", HEAD)
    tail = first_year + 2 * pairs
    _tall_labels(ws, MEANS_TAIL, tail)
    row = _FIRST_ROW
    for entry in report.means:
        write_text(ws, row, 1, entry.number, CODE)
        write_text(ws, row, 2, entry.name)
        write_text(ws, row, 3, entry.started)
        by_year = {y.fiscal_year: y for y in entry.years}
        for index in range(pairs):
            year = by_year.get(years[index]) if years else None
            col = first_year + 2 * index
            write_amount(ws, row, col, year.budget if year is not None else None)
            write_amount(ws, row, col + 1, year.executed if year is not None else None)
        write_text(ws, row, tail, "、".join(entry.indicators) or None, CODE)
        write_text(ws, row, tail + 1, entry.review_number, CODE)
        write_text(ws, row, tail + 2, _paragraphs(entry.outline))
        write_text(ws, row, tail + 3, "\n".join(entry.notes) or None)
        row += 1
    set_widths(ws, (8, 36, 12, *(11 for _ in range(2 * pairs)), 12, 14, 60, 24))
    ws.freeze_panes = f"C{_FIRST_ROW}"
    ws.auto_filter.ref = f"A{_HEADER_ROW + 1}:{column_letter(last)}{max(row - 1, _HEADER_ROW + 1)}"
    print_setup(ws, title_rows=f"{_HEADER_ROW}:{_HEADER_ROW + 1}")
