"""The report as an Excel workbook (openpyxl): the 調書, the budget, the indicator data, the
事前分析表's 基準値・目標値 and 達成手段 (``xlsx_plan``) and the header.

The workbook is also hyoka's input template (``hyoka.importers.xlsx`` reads it back), so every
number is written as a number (with a display format, never as text) and every sheet keeps the
layout the importer expects; ``docs/excel-template.md`` describes it. The 「JSON」 sheet carries the
whole report, so a round trip restores the narrative fields exactly.

Speed: one ``NamedStyle`` per kind of cell, registered once per workbook and assigned by name; no
style object is created per cell.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped]

from hyoka.core import (
    BudgetSheet,
    BudgetSheetAmounts,
    CellStatus,
    Direction,
    DocumentKind,
    EvaluationReport,
    Indicator,
    SeriesValue,
    format_fiscal_year,
    to_era,
)
from hyoka.core.workbook import (
    BUDGET_SHEET,
    DIRECTION_LABELS,
    INDICATOR_COLUMNS,
    INDICATOR_SHEET,
    JSON_SHEET,
    KIND_LABELS,
    MEANS_SHEET,
    PLAN_SHEET,
    REPORT_SHEET,
    SHEET_SHEET,
)
from hyoka.renderers.series import find
from hyoka.renderers.xlsx_cells import (
    AMOUNT,
    CODE,
    HEAD,
    INCLUSIVE,
    INFERRED,
    PLAIN,
    RATE,
    TITLE,
    YEAR,
    named_styles,
    print_setup,
    set_widths,
    write_amount,
    write_number,
    write_text,
)
from hyoka.renderers.xlsx_plan import has_means, has_plan, means_sheet, plan_sheet

__all__ = ["JSON_CHUNK", "render_report_xlsx", "sheet_title"]


JSON_CHUNK = 32_000
"""Characters (UTF-16 code units, as Excel counts them) per cell of the 「JSON」 sheet; Excel's
limit is 32,767."""

_FORBIDDEN_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


def sheet_title(text: str, *, fallback: str = "Sheet") -> str:
    """A valid Excel sheet name: none of []:*?/\\ , no leading or trailing apostrophe, ≤ 31 characters."""
    cleaned = _FORBIDDEN_IN_SHEET_NAME.sub("_", ILLEGAL_CHARACTERS_RE.sub("", text)).strip().strip("'")
    return cleaned[:31].strip() or fallback


# --- 調書 -----------------------------------------------------------------------------------------


def _year_label(year: int | None, what: str) -> str:
    return f"{format_fiscal_year(year)}{what}" if year is not None else what


def _amount_rows(ws: Any, row: int, line: BudgetSheetAmounts, *, always_inclusive: bool) -> int:
    """The amounts of an item or a 小計/合計 line (G, I) and, when wanted, its 「の内数」 row below."""
    write_amount(ws, row, 7, line.current_initial)
    write_text(ws, row, 8, None)
    write_amount(ws, row, 9, line.next_request)
    write_text(ws, row, 10, None)
    inclusive = (line.current_initial_inclusive, line.next_request_inclusive)
    if not always_inclusive and all(c.status is CellStatus.EMPTY and not c.raw for c in inclusive):
        return row + 1
    row += 1
    for col in range(1, 7):
        write_text(ws, row, col, None)
    write_amount(ws, row, 7, line.current_initial_inclusive, INCLUSIVE)
    write_text(ws, row, 8, "の内数")
    write_amount(ws, row, 9, line.next_request_inclusive, INCLUSIVE)
    write_text(ws, row, 10, "の内数")
    return row + 1


def _field_row(ws: Any, row: int, *fields: tuple[str, str | None]) -> None:
    """Two label–value pairs of the 調書's head (A–E and F–J), each value merged over four columns."""
    for first, (label, value) in zip((1, 6), fields, strict=True):
        write_text(ws, row, first, label, HEAD)
        write_text(ws, row, first + 1, value)
        for col in range(first + 2, first + 5):
            write_text(ws, row, col, None)
        ws.merge_cells(start_row=row, start_column=first + 1, end_row=row, end_column=first + 4)


def _sheet_sheet(ws: Any, sheet: BudgetSheet | None, report: EvaluationReport) -> None:
    policy = sheet.policy_name if sheet else report.title
    write_text(ws, 1, 1, "政策評価調書（個別票）", TITLE)
    write_text(ws, 2, 1, "【政策ごとの予算額】", PLAIN)
    _field_row(ws, 3, ("政策名", policy), ("番号", sheet.number if sheet else None))
    _field_row(
        ws,
        4,
        ("評価方式", sheet.evaluation_method if sheet else None),
        ("政策目標の達成度合い", sheet.achievement if sheet else None),
    )
    write_text(ws, 5, 1, f"({sheet.unit if sheet else '千円'})", PLAIN)
    for col in range(1, 11):
        write_text(ws, 6, col, None, HEAD)
        write_text(ws, 7, col, None, HEAD)
    write_text(ws, 6, 1, "区分", HEAD)
    write_text(ws, 6, 2, "予算科目", HEAD)
    write_text(ws, 6, 6, "他に記載のある個別票の番号", HEAD)
    write_text(ws, 6, 7, "予算額", HEAD)
    for col, label in enumerate(("会計", "組織／勘定", "項", "事項"), start=2):
        write_text(ws, 7, col, label, HEAD)
    write_text(ws, 7, 7, _year_label(sheet.current_year if sheet else None, "当初予算額"), HEAD)
    write_text(ws, 7, 9, _year_label(sheet.next_year if sheet else None, "概算要求額"), HEAD)
    for cells in ("A6:A7", "B6:E6", "F6:F7", "G6:J6", "G7:H7", "I7:J7"):
        ws.merge_cells(cells)
    row = 8
    for section in sheet.sections if sheet else []:
        first = row
        write_text(ws, row, 1, section.label)
        if not section.items:
            for col in range(2, 7):
                write_text(ws, row, col, None)
            row = _amount_rows(ws, row, BudgetSheetAmounts(), always_inclusive=False)
        for item in section.items:
            if row != first:
                write_text(ws, row, 1, None)
            for col, value in enumerate(
                (item.account, item.organization, item.item, item.sub_item, item.other_sheet_ref), start=2
            ):
                write_text(ws, row, col, value)
            row = _amount_rows(ws, row, item, always_inclusive=False)
        for index, line in enumerate(section.subtotals):
            write_text(ws, row, 1, None)
            write_text(ws, row, 2, "小計" if index == 0 else None)
            for col in (3, 4, 5):
                write_text(ws, row, col, None)
            write_text(ws, row, 6, line.account_type.value)
            row = _amount_rows(ws, row, line, always_inclusive=True)
        if row - 1 > first:
            ws.merge_cells(start_row=first, start_column=1, end_row=row - 1, end_column=1)
    if sheet and sheet.totals:
        first = row
        for line in sheet.totals:
            write_text(ws, row, 1, "合計" if row == first else None)
            for col in range(2, 6):
                write_text(ws, row, col, None)
            write_text(ws, row, 6, line.account_type.value)
            row = _amount_rows(ws, row, line, always_inclusive=True)
        ws.merge_cells(start_row=first, start_column=1, end_row=row - 1, end_column=1)
    set_widths(ws, (24, 8, 14, 18, 30, 14, 14, 7, 14, 7))
    ws.freeze_panes = "A8"
    print_setup(ws, title_rows="6:7")


# --- 予算 -----------------------------------------------------------------------------------------

_BUDGET_ROWS: tuple[tuple[str, str, str], ...] = (
    ("予算の状況", "当初予算(a)", "initial"),
    ("", "補正予算(b)", "supplementary"),
    ("", "繰越し等(c)", "carryover"),
    ("", "合計(a+b+c)", "total"),
    ("執行額", "", "executed"),
)


def _budget_sheet(ws: Any, report: EvaluationReport) -> None:
    budget = report.budget
    years = budget.years
    write_text(ws, 1, 1, "施策の予算額・執行額等", TITLE)
    write_text(ws, 2, 1, "区分", HEAD)
    write_text(ws, 2, 2, None, HEAD)
    ws.merge_cells("A2:B2")
    for col, year in enumerate(years, start=3):
        write_text(ws, 2, col, format_fiscal_year(year.fiscal_year), HEAD)
    for row, (group, label, attr) in enumerate(_BUDGET_ROWS, start=3):
        write_text(ws, row, 1, f"{group}({budget.unit})" if group else None)
        write_text(ws, row, 2, label or None)
        for col, year in enumerate(years, start=3):
            write_amount(ws, row, col, getattr(year, attr))
    ws.merge_cells("A3:A6")
    set_widths(ws, (20, 14, *(12 for _ in years)))
    ws.freeze_panes = "C3"
    print_setup(ws)


# --- 指標データ -------------------------------------------------------------------------------------


def _series_keys(
    indicator: Indicator, targets: Sequence[SeriesValue], actuals: Sequence[SeriesValue]
) -> list[str | None]:
    keys: list[str | None] = [s.key for s in indicator.series]
    for value in (*targets, *actuals):
        if value.series not in keys:
            keys.append(value.series)
    return keys or [None]


def _rate(
    indicator: Indicator,
    year: int | None,
    key: str | None,
    target: SeriesValue | None,
    actual: SeriesValue | None,
    proposal: Mapping[str, Any] | None,
) -> Decimal | float | int | None:
    """From the proposal's trace when there is one; else actual ÷ target for higher-is-better."""
    if proposal is not None:
        for traced_year in proposal.get("trace", {}).get("years", []):
            if traced_year.get("fiscal_year") != year:
                continue
            for series in traced_year.get("series", []):
                if series.get("series") == key:
                    rate = series.get("rate")
                    return rate if isinstance(rate, int | float) else None
        return None
    if indicator.direction not in (Direction.HIGHER, Direction.AT_LEAST) or target is None or actual is None:
        return None
    goal, done = target.value.value, actual.value.value
    if goal is None or done is None or goal <= 0:
        return None
    return round(done / goal, 4)


def _style(value: SeriesValue | None) -> str:
    """A value hyoka supplied in hyoka's colour with its ※ (``xlsx_cells``); any other as an amount."""
    return INFERRED if value is not None and value.inferred_from else AMOUNT


def _indicator_sheet(ws: Any, report: EvaluationReport, proposals: Mapping[str, Any]) -> None:
    for col, label in enumerate(INDICATOR_COLUMNS, start=1):
        write_text(ws, 1, col, label, HEAD)
    by_id: Mapping[str, Any] = proposals.get("indicators") or {}
    row = 2
    for area in report.areas:
        area_label = f"{area.number} {area.title}"
        for indicator in area.indicators:
            proposal = by_id.get(indicator.id)
            proposed = proposal.get("proposed") if proposal is not None else None
            recorded = indicator.recorded_grade.letter if indicator.recorded_grade else None
            years: list[tuple[int | None, list[SeriesValue], list[SeriesValue]]] = [
                (y.fiscal_year, y.targets, y.actuals) for y in indicator.years
            ] or [(None, [], [])]
            names = {s.key: s.name for s in indicator.series}
            for fiscal_year, targets, actuals in years:
                for key in _series_keys(indicator, targets, actuals):
                    target, actual = find(targets, key), find(actuals, key)
                    unit = (target.value.unit if target else None) or (actual.value.unit if actual else None)
                    write_text(ws, row, 1, area_label)
                    write_text(ws, row, 2, indicator.id, CODE)
                    write_text(ws, row, 3, indicator.name)
                    write_text(ws, row, 4, "*" if indicator.is_main else None)
                    write_text(ws, row, 5, KIND_LABELS[indicator.kind])
                    write_text(ws, row, 6, DIRECTION_LABELS[indicator.direction])
                    write_number(ws, row, 7, fiscal_year, YEAR)
                    write_text(ws, row, 8, format_fiscal_year(fiscal_year) if fiscal_year else None)
                    write_text(ws, row, 9, key, CODE)
                    write_text(ws, row, 10, names.get(key) if key else None)
                    write_amount(ws, row, 11, target.value if target else None, _style(target))
                    write_amount(ws, row, 12, actual.value if actual else None, _style(actual))
                    write_text(ws, row, 13, unit)
                    rate = _rate(indicator, fiscal_year, key, target, actual, proposal if proposals else None)
                    write_number(ws, row, 14, rate, RATE)
                    write_text(ws, row, 15, recorded)
                    write_text(ws, row, 16, proposed if isinstance(proposed, str) else None)
                    row += 1
    set_widths(ws, (26, 8, 40, 6, 6, 12, 7, 12, 6, 14, 10, 10, 6, 9, 10, 10))
    ws.freeze_panes = "D2"
    ws.auto_filter.ref = f"A1:P{max(row - 1, 1)}"
    print_setup(ws, title_rows="1:1")


# --- 評価書 ---------------------------------------------------------------------------------------


def _window_text(years: Sequence[int]) -> str:
    return "、".join(format_fiscal_year(y) for y in years)


def _year_month_text(value: str | None) -> str | None:
    if not value:
        return None
    year, month = (int(part) for part in value.split("-"))
    era, n = to_era(year)
    return f"{era}{'元' if n == 1 else n}年{month}月"


def _report_sheet(ws: Any, report: EvaluationReport) -> None:
    judgment = report.judgment
    rows: list[tuple[str, str | None, str | None]] = [
        ("府省", report.ministry, None),
        ("評価書番号", report.report_code, None),
        ("施策番号", report.measure_number, None),
        ("施策名", report.title, None),
        ("評価年度", format_fiscal_year(report.evaluation_year), None),
        ("対象年度", _window_text(report.window) or None, None),
        ("担当部局名", report.bureau, None),
        ("政策評価実施時期", _year_month_text(report.evaluated_on), None),
        (
            "目標達成度の測定の結果",
            judgment.label or (judgment.tier.value if judgment.tier else None),
            judgment.letter,
        ),
        ("判断根拠", judgment.rationale, None),
    ]
    if report.kind is not DocumentKind.EVALUATION:
        rows.append(("文書の種類", report.kind.value, None))
    if report.kind is DocumentKind.PRE_ANALYSIS:
        rows += [
            ("作成責任者名", report.responsible, None),
            ("政策評価実施予定時期", report.planned_evaluation, None),
        ]
    for col, label in enumerate(("項目", "内容", "記号"), start=1):
        write_text(ws, 1, col, label, HEAD)
    for row, (key, value, extra) in enumerate(rows, start=2):
        write_text(ws, row, 1, key, HEAD)
        write_text(ws, row, 2, value)
        write_text(ws, row, 3, extra)
    set_widths(ws, (24, 80, 8))
    ws.freeze_panes = "A2"
    print_setup(ws)


# --- JSON -----------------------------------------------------------------------------------------


def _chunks(text: str, size: int = JSON_CHUNK) -> list[str]:
    """Pieces of at most ``size`` UTF-16 code units (a character past U+FFFF counts two)."""
    if text.isascii() or all(ord(c) <= 0xFFFF for c in text):
        return [text[i : i + size] for i in range(0, len(text), size)] or [""]
    chunks: list[str] = []
    start = units = 0
    for index, char in enumerate(text):
        width = 2 if ord(char) > 0xFFFF else 1
        if units + width > size:
            chunks.append(text[start:index])
            start, units = index, 0
        units += width
    chunks.append(text[start:])
    return chunks


def _json_sheet(ws: Any, report: EvaluationReport) -> None:
    for row, chunk in enumerate(_chunks(report.model_dump_json()), start=1):
        cell = ws.cell(row=row, column=1, value=chunk)
        if cell.data_type == "f":
            cell.data_type = "s"
    ws.column_dimensions["A"].width = 120
    print_setup(ws)


# --- the workbook ---------------------------------------------------------------------------------


def render_report_xlsx(report: EvaluationReport, *, proposals: Mapping[str, Any] | None = None) -> bytes:
    """The workbook: 調書, 予算, 指標データ, (基準値・目標値, 達成手段,) 評価書 and JSON; the sheets
    in brackets for a 事前分析表, and for another report that has their values (``xlsx_plan``).
    ``proposals`` is the ``proposals`` part of
    ``hyoka check``'s JSON (``{"indicators": {ID: {"proposed", "trace", …}}, …}``); with it the
    indicator sheet shows the proposed grades and the rates the rules computed."""
    proposals = proposals or {}
    if "proposals" in proposals and "indicators" not in proposals:
        proposals = proposals["proposals"] or {}
    book = Workbook()
    for style in named_styles():
        book.add_named_style(style)
    book.properties.title = ILLEGAL_CHARACTERS_RE.sub(
        "", f"{report.report_code or report.measure_number} {report.title}"
    )
    book.properties.creator = "hyoka"
    sheet_ws = book.active
    sheet_ws.title = sheet_title(SHEET_SHEET)
    _sheet_sheet(sheet_ws, report.budget_sheet, report)
    _budget_sheet(book.create_sheet(sheet_title(BUDGET_SHEET)), report)
    _indicator_sheet(book.create_sheet(sheet_title(INDICATOR_SHEET)), report, proposals)
    if has_plan(report):
        plan_sheet(book.create_sheet(sheet_title(PLAN_SHEET)), report)
    if has_means(report):
        means_sheet(book.create_sheet(sheet_title(MEANS_SHEET)), report)
    _report_sheet(book.create_sheet(sheet_title(REPORT_SHEET)), report)
    _json_sheet(book.create_sheet(sheet_title(JSON_SHEET)), report)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
