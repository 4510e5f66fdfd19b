"""H2 arithmetic checks: the budget table (百万円) and the 調書 (千円).

* H201 合計(a+b+c) ≠ 当初予算(a) + 補正予算(b) + 繰越し等(c);
* H202 執行額 > 合計; H203 執行率 (執行額 ÷ 合計) below ``thresholds.low_execution``;
* H204 a 調書 小計 ≠ the sum of its section's items of that account type;
* H205 a 調書 合計 ≠ the sum of the sections' 小計 of that account type;
* H206 the 調書's current initial budget ≠ the report's 当初予算 of that year, after rounding.

Arithmetic is exact (Decimal, on ``Cell.value``). A cell that is not a value is not a number: it
is never read as 0. 「の内数」 amounts (the ``*_inclusive`` cells) are never added.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from hyoka.core import (
    AccountType,
    BudgetSheet,
    BudgetSheetAmounts,
    BudgetSheetLine,
    BudgetYear,
    Cell,
    CellStatus,
    EvaluationReport,
    Issue,
    SourceSpan,
    format_fiscal_year,
)
from hyoka.rules.findings import finding
from hyoka.rules.profile import RuleProfile

__all__ = ["check_arithmetic"]

_COLUMNS: dict[str, tuple[str, str]] = {
    "current_initial": ("当初予算額", "current initial budget"),
    "next_request": ("概算要求額", "next year's request"),
}
_UNIT_YEN = {"円": 1, "千円": 1_000, "百万円": 1_000_000, "億円": 100_000_000}


def check_arithmetic(report: EvaluationReport, profile: RuleProfile) -> list[Issue]:
    issues: list[Issue] = []
    low = Decimal(str(profile.thresholds.low_execution))
    unit = report.budget.unit
    for y, year in enumerate(report.budget.years):
        issues += _budget_year(f"/budget/years/{y}", year, unit, low)
    sheet = report.budget_sheet
    if sheet is not None:
        issues += _subtotals(sheet)
        issues += _totals(sheet)
        issues += _sheet_vs_budget(report, sheet, Decimal(str(profile.thresholds.budget_rounding)))
    return issues


# --- numbers -------------------------------------------------------------------------------------


def _num(value: Decimal) -> int | float:
    """A Decimal for a finding's context (as the model writes it to JSON)."""
    return int(value) if value == value.to_integral_value() else float(value)


def _ja(value: Decimal) -> str:
    """651705 → 「651,705」, -14 → 「△14」 (as the reports print them)."""
    return f"△{-value:,}" if value < 0 else f"{value:,}"


def _en(value: Decimal) -> str:
    return f"{value:,}"


def _value(cell: Cell) -> Decimal | None:
    return cell.value if cell.status is CellStatus.VALUE else None


def _unreadable(cell: Cell) -> bool:
    """Text that was not a number (H905 at import): its amount is unknown, not absent."""
    return cell.status is CellStatus.EMPTY and bool(cell.raw.strip())


# --- H201, H202, H203 ----------------------------------------------------------------------------


def _budget_year(pointer: str, year: BudgetYear, unit: str, low: Decimal) -> list[Issue]:
    issues: list[Issue] = []
    era = format_fiscal_year(year.fiscal_year)
    initial, supplementary, carryover = (
        _value(year.initial),
        _value(year.supplementary),
        _value(year.carryover),
    )
    total, executed = _value(year.total), _value(year.executed)

    if initial is not None and supplementary is not None and carryover is not None and total is not None:
        expected = initial + supplementary + carryover
        if total != expected:
            issues.append(
                finding(
                    "H201",
                    f"{pointer}/total",
                    f"{era}の予算の合計(a+b+c) {_ja(total)}{unit}が、当初予算(a) {_ja(initial)}・"
                    f"補正予算(b) {_ja(supplementary)}・繰越し等(c) {_ja(carryover)}の和 "
                    f"{_ja(expected)}{unit}と一致しません。",
                    f"The total budget for {era} (FY{year.fiscal_year}), {_en(total)} {unit}, differs from "
                    f"initial {_en(initial)} + supplementary {_en(supplementary)} + carryover "
                    f"{_en(carryover)} = {_en(expected)} {unit}.",
                    at=year,
                    input=year.total.raw or None,
                    context={
                        "fiscal_year": year.fiscal_year,
                        "unit": unit,
                        "initial": _num(initial),
                        "supplementary": _num(supplementary),
                        "carryover": _num(carryover),
                        "total": _num(total),
                        "expected": _num(expected),
                    },
                )
            )

    if total is None or executed is None:
        return issues
    if executed > total:
        issues.append(
            finding(
                "H202",
                f"{pointer}/executed",
                f"{era}の執行額 {_ja(executed)}{unit}が予算の合計 {_ja(total)}{unit}を超えています。",
                f"The amount executed in {era} (FY{year.fiscal_year}), {_en(executed)} {unit}, exceeds "
                f"the total budget of {_en(total)} {unit}.",
                at=year,
                input=year.executed.raw or None,
                context={
                    "fiscal_year": year.fiscal_year,
                    "unit": unit,
                    "executed": _num(executed),
                    "total": _num(total),
                },
            )
        )
    elif total > 0 and executed / total < low:
        rate = executed / total
        issues.append(
            finding(
                "H203",
                f"{pointer}/executed",
                f"{era}の執行率が{rate:.1%}(執行額 {_ja(executed)}{unit} ÷ 合計 {_ja(total)}{unit})で、"
                f"{low:.0%}を下回っています。",
                f"The execution rate in {era} (FY{year.fiscal_year}) is {rate:.1%} (executed "
                f"{_en(executed)} {unit} of a total {_en(total)} {unit}), below {low:.0%}.",
                at=year,
                input=year.executed.raw or None,
                context={
                    "fiscal_year": year.fiscal_year,
                    "unit": unit,
                    "executed": _num(executed),
                    "total": _num(total),
                    "rate": float(round(rate, 4)),
                    "threshold": float(low),
                },
            )
        )
    return issues


# --- H204, H205 ----------------------------------------------------------------------------------


def _account_type(account: str) -> AccountType | None:
    """The 会計 of a 調書 item: 「一般」 → 一般会計; 「特別」 or a named special account
    (「…特別会計」) → 特別会計; anything else belongs to neither line."""
    text = "".join(account.split())
    if text.startswith("一般"):
        return AccountType.GENERAL
    if "特別" in text:
        return AccountType.SPECIAL
    return None


def _cell(amounts: BudgetSheetAmounts, column: str) -> Cell:
    return amounts.current_initial if column == "current_initial" else amounts.next_request


@dataclass(frozen=True, slots=True)
class _Sum:
    """The values present among some cells and their sum."""

    total: Decimal
    parts: list[Decimal]


def _sum(cells: Sequence[Cell]) -> _Sum | None:
    """Blanks (empty, 「-」) add nothing; None when a cell is unreadable (its amount is unknown)."""
    if any(_unreadable(c) for c in cells):
        return None
    parts = [c.value for c in cells if c.status is CellStatus.VALUE and c.value is not None]
    return _Sum(sum(parts, Decimal(0)), parts)


def _compare(line: Cell, parts: _Sum) -> Decimal | None:
    """The expected amount when ``line`` disagrees with ``parts``, else None.

    A line with a value must equal the sum of the values present (of no values: 0). A line with no
    value (empty or 「-」) is wrong only when the parts add up to something other than 0."""
    if _unreadable(line):
        return None
    stated = _value(line)
    if stated is None:
        return parts.total if parts.parts and parts.total != 0 else None
    return parts.total if stated != parts.total else None


def _mismatch(
    ja: tuple[str, str],
    en: tuple[str, str],
    column: tuple[str, str],
    stated: Decimal | None,
    expected: Decimal,
    unit: str,
) -> tuple[str, str]:
    """The messages of H204 and H205: (line, parts) in each language, the column, the amounts."""
    (line_ja, parts_ja), (line_en, parts_en), (col_ja, col_en) = ja, en, column
    if stated is None:
        return (
            f"{line_ja}の{col_ja}の記載がありませんが、{parts_ja}の和は{_ja(expected)}{unit}です。",
            f"{line_en}: the {col_en} is not stated, but the {parts_en} add up to {_en(expected)} {unit}.",
        )
    return (
        f"{line_ja}の{col_ja} {_ja(stated)}{unit}が、{parts_ja}の和 {_ja(expected)}{unit}と一致しません。",
        f"{line_en}: the {col_en} is {_en(stated)} {unit}, but the {parts_en} add up to "
        f"{_en(expected)} {unit}.",
    )


def _line_vs_parts(
    code: str,
    pointer: str,
    line: BudgetSheetLine,
    parts: Sequence[BudgetSheetAmounts],
    sheet: BudgetSheet,
    names: tuple[tuple[str, str], tuple[str, str], tuple[str, str]],
) -> list[Issue]:
    """A 小計 or 合計 line against the sum of its parts, column by column (「の内数」 never added).

    ``names``: (the line ja, en), (the parts ja, en), and the context keys (line, parts)."""
    (line_ja, line_en), (part_ja, part_en), (line_key, parts_key) = names
    issues: list[Issue] = []
    for column, (col_ja, col_en) in _COLUMNS.items():
        summed = _sum([_cell(part, column) for part in parts])
        if summed is None:
            continue
        cell = _cell(line, column)
        expected = _compare(cell, summed)
        if expected is None:
            continue
        stated = _value(cell)
        message_ja, message_en = _mismatch(
            (line_ja, part_ja), (line_en, part_en), (col_ja, col_en), stated, expected, sheet.unit
        )
        issues.append(
            finding(
                code,
                pointer,
                message_ja,
                message_en,
                at=line,
                input=cell.raw or None,
                context={
                    "account_type": line.account_type.value,
                    "column": column,
                    "unit": sheet.unit,
                    line_key: _num(stated) if stated is not None else None,
                    f"{parts_key}_sum": _num(expected),
                    parts_key: [_num(p) for p in summed.parts],
                },
            )
        )
    return issues


def _subtotals(sheet: BudgetSheet) -> list[Issue]:
    """H204: each section's 小計 of an account type against the items of that account type."""
    issues: list[Issue] = []
    for s, section in enumerate(sheet.sections):
        for j, line in enumerate(section.subtotals):
            items = [item for item in section.items if _account_type(item.account) is line.account_type]
            names = (
                (
                    f"調書「{section.label}」の小計({line.account_type.value})",
                    f"The 調書 subtotal ({line.account_type.value}) of section {section.label!r}",
                ),
                ("事項", "items"),
                ("subtotal", "items"),
            )
            issues += _line_vs_parts(
                "H204", f"/budget_sheet/sections/{s}/subtotals/{j}", line, items, sheet, names
            )
    return issues


def _totals(sheet: BudgetSheet) -> list[Issue]:
    """H205: each 合計 of an account type against the sections' 小計 of that account type."""
    issues: list[Issue] = []
    for k, line in enumerate(sheet.totals):
        subtotals = [
            sub
            for section in sheet.sections
            for sub in section.subtotals
            if sub.account_type is line.account_type
        ]
        names = (
            (f"調書の合計({line.account_type.value})", f"The 調書 total ({line.account_type.value})"),
            ("小計", "subtotals"),
            ("total", "subtotals"),
        )
        issues += _line_vs_parts("H205", f"/budget_sheet/totals/{k}", line, subtotals, sheet, names)
    return issues


# --- H206 ----------------------------------------------------------------------------------------


def _sheet_vs_budget(report: EvaluationReport, sheet: BudgetSheet, tolerance: Decimal) -> list[Issue]:
    if sheet.current_year is None:
        return []
    sheet_yen, report_yen = _UNIT_YEN.get(sheet.unit), _UNIT_YEN.get(report.budget.unit)
    if sheet_yen is None or report_yen is None:
        return []  # an amount in a unit we cannot convert is not compared
    lines = [line for line in sheet.totals if _value(line.current_initial) is not None]
    if not lines or any(_unreadable(line.current_initial) for line in sheet.totals):
        return []
    found = next(
        (
            (y, year, initial)
            for y, year in enumerate(report.budget.years)
            if year.fiscal_year == sheet.current_year and (initial := _value(year.initial)) is not None
        ),
        None,
    )
    if found is None:
        return []
    y, year, initial = found
    sheet_total = sum((line.current_initial.value or Decimal(0) for line in lines), Decimal(0))
    converted = sheet_total * sheet_yen / report_yen
    difference = converted - initial
    if abs(difference) <= tolerance:
        return []
    era = format_fiscal_year(year.fiscal_year)
    span: SourceSpan | None = None
    for line in lines:
        if line.source is not None:
            span = line.source.join(span)
    report_unit = report.budget.unit
    return [
        finding(
            "H206",
            "/budget_sheet/totals",
            f"調書の{era}当初予算額の合計 {_ja(sheet_total)}{sheet.unit}({_ja(converted)}{report_unit})が、"
            f"評価書の{era}当初予算 {_ja(initial)}{report_unit}と一致しません"
            f"(差 {_ja(difference)}{report_unit}、許容 {tolerance}{report_unit})。",
            f"The 調書's initial budget for {era} (FY{year.fiscal_year}), {_en(sheet_total)} {sheet.unit} "
            f"({_en(converted)} {report_unit}), differs from the report's initial budget of {_en(initial)} "
            f"{report_unit} by {_en(difference)} {report_unit} (tolerance {tolerance} {report_unit}).",
            at=span,
            input=None,
            context={
                "fiscal_year": year.fiscal_year,
                "sheet_total": _num(sheet_total),
                "sheet_unit": sheet.unit,
                "sheet_total_converted": _num(converted),
                "report_initial": _num(initial),
                "report_unit": report_unit,
                "difference": _num(difference),
                "tolerance": _num(tolerance),
                "report_location": f"/budget/years/{y}/initial",
                "account_types": [line.account_type.value for line in lines],
            },
        )
    ]
