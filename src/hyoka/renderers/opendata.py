"""Open data: the report as JSON, and its indicators, budget, 調書 and 達成手段 as CSV tables.

CSV files are UTF-8 with a byte order mark (so that Excel opens them as Japanese, not as CP932
mojibake) and CRLF line ends (RFC 4180), written with the ``csv`` module. Numbers are written
plainly: no thousands separators, a minus sign for negatives (「△14」 → ``-14``), decimals as
printed. Every amount has a status column beside it, which keeps 「空欄」 (``empty``) and 「-」
(``nothing_to_report``) apart; a blank status means there is no cell at all.

Formula injection: a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return gets a leading apostrophe, so that a spreadsheet shows it as text instead of running it.
Number cells are never changed.

The header row names each column in Japanese; ``columns.csv`` (``columns_csv``) gives each one's
English key (``csv_columns``). The columns are documented in ``docs/open-data.md``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from hyoka.core import (
    AchievementMeans,
    BudgetSheetAmounts,
    BudgetSheetItem,
    BudgetSheetLine,
    Cell,
    EvaluationReport,
    Indicator,
    IndicatorKind,
    IndicatorYear,
    Review,
    format_fiscal_year,
)
from hyoka.renderers.csv_columns import COLUMNS_FILE, column_rows, titles
from hyoka.renderers.series import find, of_series, series_keys

__all__ = [
    "BUDGET_COLUMNS",
    "BUDGET_SHEET_COLUMNS",
    "CSV_FILES",
    "INDICATOR_COLUMNS",
    "MEANS_COLUMNS",
    "budget_csv",
    "budget_sheet_csv",
    "columns_csv",
    "csv_tables",
    "indicators_csv",
    "means_csv",
    "report_json",
]

BOM = "\ufeff"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

_REPORT_COLUMNS = ("measure_number", "report_code", "evaluation_year", "document_kind")

INDICATOR_COLUMNS = (
    *_REPORT_COLUMNS,
    "area",
    "area_title",
    "indicator_id",
    "indicator_name",
    "is_main",
    "kind",
    "direction",
    "fiscal_year",
    "fiscal_year_ja",
    "series",
    "series_name",
    "target",
    "target_upper",
    "actual",
    "unit",
    "target_status",
    "actual_status",
    "target_inferred_from",
    "actual_inferred_from",
    "baseline",
    "baseline_status",
    "baseline_inferred_from",
    "baseline_year",
    "baseline_year_ja",
    "final_target",
    "final_target_upper",
    "final_target_status",
    "final_target_inferred_from",
    "final_target_text",
    "final_target_year",
    "final_target_year_ja",
    "final_target_year_text",
    "rate",
    "grade_recorded",
    "grade_proposed",
)

_BUDGET_FIELDS = ("initial", "supplementary", "carryover", "total", "executed")
BUDGET_COLUMNS = (
    *_REPORT_COLUMNS,
    "fiscal_year",
    "fiscal_year_ja",
    "unit",
    *_BUDGET_FIELDS,
    *(f"{name}_status" for name in _BUDGET_FIELDS),
)

_SHEET_AMOUNTS = ("current_initial", "current_initial_inclusive", "next_request", "next_request_inclusive")
BUDGET_SHEET_COLUMNS = (
    *_REPORT_COLUMNS,
    "section",
    "section_label",
    "line_type",
    "account",
    "organization",
    "item",
    "sub_item",
    "other_sheet_ref",
    "account_type",
    "current_year",
    "current_initial",
    "current_initial_inclusive",
    "next_year",
    "next_request",
    "next_request_inclusive",
    "unit",
    *(f"{name}_status" for name in _SHEET_AMOUNTS),
)

MEANS_COLUMNS = (
    *_REPORT_COLUMNS,
    "means_number",
    "means_name",
    "means_started",
    "fiscal_year",
    "fiscal_year_ja",
    "unit",
    "means_budget",
    "executed",
    "means_budget_status",
    "executed_status",
    "means_indicators",
    "review_number",
    "means_outline",
    "means_notes",
)

CSV_FILES = ("indicators.csv", "budget.csv", "budget_sheet.csv", "means.csv", COLUMNS_FILE)


# ---------------------------------------------------------------------------------------------------------
# cells


class _Number(str):
    """A cell already written as a number: never prefixed by the formula guard."""

    __slots__ = ()


def _number(value: Decimal | int | float | None) -> str:
    """-14 → ``-14``, 1234567 → ``1234567``, 2.2778 → ``2.2778``, None → ``""``; never an exponent."""
    if value is None or isinstance(value, bool):
        return ""
    dec = value if isinstance(value, Decimal) else Decimal(str(value))
    if dec == 0:
        return _Number("0")
    return _Number(format(dec, "f"))


def _text(value: object) -> str:
    """A text cell, guarded against formula injection; None → ``""``."""
    if value is None:
        return ""
    if isinstance(value, _Number):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if "\n" in text or "\r" in text:
        # a line break inside a field is CRLF too, so the file has one kind of line end (RFC 4180)
        text = "\r\n".join(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _cell_value(cell: Cell | None) -> str:
    return _number(cell.value) if cell is not None else ""


def _cell_status(cell: Cell | None) -> str:
    return cell.status.value if cell is not None else ""


def _write(columns: Sequence[str], rows: Iterable[Sequence[object]], *, header: bool = True) -> str:
    """A table: its header row the columns' Japanese titles (``csv_columns``; ``header`` False: the
    columns as given), then the rows."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(titles(columns) if header else columns)
    for row in rows:
        if len(row) != len(columns):  # pragma: no cover - a programming error
            raise AssertionError(f"row of {len(row)} cells for {len(columns)} columns")
        writer.writerow([_text(cell) for cell in row])
    return buffer.getvalue()


def _report_cells(report: EvaluationReport) -> tuple[object, ...]:
    return (report.measure_number, report.report_code, report.evaluation_year, report.kind.value)


# ---------------------------------------------------------------------------------------------------------
# indicators


def _review(review: Review | Mapping[str, Any] | None) -> Review | None:
    """The review; a mapping (the rules' JSON, as callers passed before ``Review`` existed) is read by
    ``Review``: the whole ``CheckResult.to_json()``, its ``proposals`` object, or its ``indicators``."""
    if review is None or isinstance(review, Review):
        return review
    if not review:
        return None
    if isinstance(review.get("proposals"), Mapping):
        return Review.from_check_json(review)
    if isinstance(review.get("indicators"), Mapping):
        return Review.from_proposals(review)
    return Review.from_proposals({"indicators": review})


def _plan_cells(indicator: Indicator, key: str | None, qualitative: bool) -> tuple[object, ...]:
    """The 事前分析表's columns of one series: 基準値 and its year, 目標値 and its 目標年度 (the
    中期目標), each number with its status and, when hyoka supplied it, where it came from."""
    goal = indicator.mid_term_target
    baseline = None if qualitative else of_series(indicator.baseline, key)
    final = None if qualitative or goal is None else of_series(goal.values, key)
    goal_year = goal.target_year if goal is not None else None
    return (
        _cell_value(baseline.value) if baseline else "",
        _cell_status(baseline.value) if baseline else "",
        baseline.inferred_from if baseline else None,
        indicator.baseline_year,
        format_fiscal_year(indicator.baseline_year) if indicator.baseline_year is not None else None,
        _cell_value(final.value) if final else "",
        _cell_value(final.upper) if final else "",
        _cell_status(final.value) if final else "",
        final.inferred_from if final else None,
        goal.text if goal is not None else None,
        goal_year,
        format_fiscal_year(goal_year) if goal_year is not None else None,
        goal.target_year_text if goal is not None else None,
    )


def _unit(indicator: Indicator, key: str | None) -> str | None:
    """The unit of a series as its 基準値 or 目標値 cell names it (for a row without that year's cells)."""
    goal = indicator.mid_term_target.values if indicator.mid_term_target else []
    for value in (*indicator.baseline, *goal):
        if value.series == key and value.value.unit:
            return value.value.unit
    return None


def _indicator_rows(report: EvaluationReport, review: Review | None) -> Iterable[tuple[object, ...]]:
    for area in report.areas:
        for indicator in area.indicators:
            proposal = review.indicator(indicator.id) if review is not None else None
            recorded = indicator.recorded_grade.letter if indicator.recorded_grade else None
            proposed = proposal.proposed if proposal is not None else None
            names = {s.key: s.name for s in indicator.series}
            qualitative = indicator.kind is IndicatorKind.QUALITATIVE
            keys: list[str | None] = [None] if qualitative else series_keys(indicator)
            head = (
                *_report_cells(report),
                area.number,
                area.title,
                indicator.id,
                indicator.name,
                indicator.is_main,
                indicator.kind.value,
                indicator.direction.value,
            )
            # an indicator with no year yet (a 事前分析表 read in part) still has its rows
            years: list[IndicatorYear | None] = [*indicator.years] or [None]
            for year in years:
                for key in keys:
                    series = (key, names.get(key) if key is not None else None)
                    plan = _plan_cells(indicator, key, qualitative)
                    if year is None:
                        yield (
                            *head,
                            None,
                            None,
                            *series,
                            "",
                            "",
                            "",
                            _unit(indicator, key),
                            "",
                            "",
                            None,
                            None,
                            *plan,
                            "",
                            recorded,
                            proposed,
                        )
                        continue
                    target = None if qualitative else find(year.targets, key)
                    actual = None if qualitative else find(year.actuals, key)
                    target_cell = target.value if target else None
                    actual_cell = actual.value if actual else None
                    unit = (
                        (target_cell.unit if target_cell else None)
                        or (actual_cell.unit if actual_cell else None)
                        or _unit(indicator, key)
                    )
                    # A series with no cell in this year's table: the cell is there, and blank.
                    empty = Cell.empty()
                    yield (
                        *head,
                        year.fiscal_year,
                        format_fiscal_year(year.fiscal_year),
                        *series,
                        _cell_value(target_cell),
                        _cell_value(target.upper) if target else "",
                        _cell_value(actual_cell),
                        unit,
                        "" if qualitative else _cell_status(target_cell or empty),
                        "" if qualitative else _cell_status(actual_cell or empty),
                        target.inferred_from if target else None,
                        actual.inferred_from if actual else None,
                        *plan,
                        _number(proposal.rate(year.fiscal_year, key) if proposal is not None else None),
                        recorded,
                        proposed,
                    )


def indicators_csv(report: EvaluationReport, review: Review | Mapping[str, Any] | None = None) -> str:
    """A row per indicator x fiscal year x series (long format); an indicator without years (a
    事前分析表 read in part) has a row per series with a blank year. Every row carries its
    indicator's 基準値 and 目標値 (the 事前分析表's columns) for its series.

    ``review`` (``hyoka.core.Review``: the rules' proposals) fills ``rate`` and ``grade_proposed``;
    without it they are blank. The rules' JSON in the shape of ``CheckResult.to_json()`` (the whole
    result, its ``proposals`` object, or its ``indicators`` mapping) is still accepted and read as a
    ``Review``. A qualitative indicator has one row per year, with blank numbers and statuses.
    """
    return _write(INDICATOR_COLUMNS, _indicator_rows(report, _review(review)))


# ---------------------------------------------------------------------------------------------------------
# budget and 調書


def budget_csv(report: EvaluationReport) -> str:
    """施策の予算額・執行額等: a row per fiscal year."""
    rows = []
    for year in report.budget.years:
        cells = [getattr(year, name) for name in _BUDGET_FIELDS]
        rows.append(
            (
                *_report_cells(report),
                year.fiscal_year,
                format_fiscal_year(year.fiscal_year),
                report.budget.unit,
                *(_cell_value(c) for c in cells),
                *(_cell_status(c) for c in cells),
            )
        )
    return _write(BUDGET_COLUMNS, rows)


def _sheet_row(
    report: EvaluationReport,
    section: tuple[str, str] | None,
    line: BudgetSheetAmounts,
) -> tuple[object, ...]:
    sheet = report.budget_sheet
    assert sheet is not None
    item = line if isinstance(line, BudgetSheetItem) else None
    total_line = line if isinstance(line, BudgetSheetLine) else None
    line_type = "item" if item is not None else "subtotal" if section is not None else "total"
    cells = [getattr(line, name) for name in _SHEET_AMOUNTS]
    return (
        *_report_cells(report),
        section[0] if section else None,
        section[1] if section else None,
        line_type,
        item.account if item else None,
        item.organization if item else None,
        item.item if item else None,
        item.sub_item if item else None,
        item.other_sheet_ref if item else None,
        total_line.account_type.value if total_line else None,
        sheet.current_year,
        _cell_value(line.current_initial),
        _cell_value(line.current_initial_inclusive),
        sheet.next_year,
        _cell_value(line.next_request),
        _cell_value(line.next_request_inclusive),
        sheet.unit,
        *(_cell_status(c) for c in cells),
    )


def budget_sheet_csv(report: EvaluationReport) -> str:
    """政策評価調書: a row per line, in the sheet's order — each section's items, then its 小計
    lines; the 合計 lines last. Only the header when the report has no 調書."""
    rows: list[tuple[object, ...]] = []
    sheet = report.budget_sheet
    if sheet is not None:
        for section in sheet.sections:
            where = (section.kind.value, section.label)
            rows.extend(_sheet_row(report, where, item) for item in section.items)
            rows.extend(_sheet_row(report, where, line) for line in section.subtotals)
        rows.extend(_sheet_row(report, None, line) for line in sheet.totals)
    return _write(BUDGET_SHEET_COLUMNS, rows)


# ---------------------------------------------------------------------------------------------------------
# 達成手段


def _paragraphs(entry: AchievementMeans) -> str:
    return "\n".join(f"{p.label} {p.text}" if p.label else p.text for p in entry.outline)


def means_csv(report: EvaluationReport) -> str:
    """達成手段: a row per 達成手段 x fiscal year of its 予算額 and 執行額 (in ``report.means_unit``);
    one with no year has one row with a blank year. Only the header when the report lists none."""
    rows: list[tuple[object, ...]] = []
    for entry in report.means:
        described = (
            entry.number,
            entry.name,
            entry.started,
        )
        details = (
            "、".join(entry.indicators) or None,
            entry.review_number,
            _paragraphs(entry) or None,
            "\n".join(entry.notes) or None,
        )
        if not entry.years:
            rows.append((*_report_cells(report), *described, None, None, None, "", "", "", "", *details))
        for year in entry.years:
            rows.append(
                (
                    *_report_cells(report),
                    *described,
                    year.fiscal_year,
                    format_fiscal_year(year.fiscal_year),
                    report.means_unit,
                    _cell_value(year.budget),
                    _cell_value(year.executed),
                    _cell_status(year.budget),
                    _cell_status(year.executed),
                    *details,
                )
            )
    return _write(MEANS_COLUMNS, rows)


def csv_tables(report: EvaluationReport, review: Review | Mapping[str, Any] | None = None) -> dict[str, str]:
    """File name → contents of every CSV table (write them as UTF-8; the BOM is already in the text).
    ``review``: as for ``indicators_csv``."""
    return {
        "indicators.csv": indicators_csv(report, review),
        "budget.csv": budget_csv(report),
        "budget_sheet.csv": budget_sheet_csv(report),
        "means.csv": means_csv(report),
        COLUMNS_FILE: columns_csv(),
    }


def columns_csv() -> str:
    """``columns.csv``: every table's columns, file × Japanese title (the header) × English key."""
    tables = {
        "indicators.csv": INDICATOR_COLUMNS,
        "budget.csv": BUDGET_COLUMNS,
        "budget_sheet.csv": BUDGET_SHEET_COLUMNS,
        "means.csv": MEANS_COLUMNS,
    }
    return _write(("ファイル", "列名", "キー"), column_rows(tables), header=False)


# ---------------------------------------------------------------------------------------------------------
# JSON


def report_json(report: EvaluationReport) -> str:
    """The report as JSON: the data of ``report.model_dump_json()`` in the model's field order,
    indented by 2, non-ASCII written as is (UTF-8), one trailing newline. Same input, same bytes."""
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
