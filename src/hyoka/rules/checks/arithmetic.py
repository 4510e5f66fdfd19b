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
    Severity,
    SourceSpan,
)
from hyoka.core.i18n import gettext_noop, pgettext_en, pgettext_noop
from hyoka.rules.findings import finding
from hyoka.rules.profile import RuleProfile
from hyoka.rules.reasons import year_values
from hyoka.rules.registry import declare

__all__ = ["CODES", "check_arithmetic"]

CODES = declare(
    "H2",
    ("H201", Severity.ERROR, gettext_noop("予算の合計が内訳の和と一致しない")),
    ("H202", Severity.ERROR, gettext_noop("執行額が予算の合計を超えている")),
    ("H203", Severity.WARNING, gettext_noop("執行率が極端に低い")),
    ("H204", Severity.ERROR, gettext_noop("調書の小計が事項の和と一致しない")),
    ("H205", Severity.ERROR, gettext_noop("調書の合計が小計の和と一致しない")),
    ("H206", Severity.WARNING, gettext_noop("調書の当初予算額と評価書の予算額が一致しない")),
)
"""The codes this family emits (``hyoka.rules.codes.CODES`` gathers every family's)."""

_COLUMN = "arithmetic.column"
"""The msgctxt of the 調書's column names (their English in the catalog)."""
_COLUMNS: dict[str, str] = {
    "current_initial": pgettext_noop(_COLUMN, "当初予算額"),
    "next_request": pgettext_noop(_COLUMN, "概算要求額"),
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


def _amounts(**amounts: Decimal) -> dict[str, str]:
    """A finding's amounts as its messages print them: ``name`` in Japanese (「△14」), ``name_en``."""
    shown = {name: _ja(value) for name, value in amounts.items()}
    return shown | {f"{name}_en": _en(value) for name, value in amounts.items()}


def _value(cell: Cell) -> Decimal | None:
    return cell.value if cell.status is CellStatus.VALUE else None


def _unreadable(cell: Cell) -> bool:
    """Text that was not a number (H905 at import): its amount is unknown, not absent."""
    return cell.status is CellStatus.EMPTY and bool(cell.raw.strip())


# --- H201, H202, H203 ----------------------------------------------------------------------------


def _year_finding(
    code: str,
    location: str,
    message: str,
    year: BudgetYear,
    unit: str,
    cell: Cell,
    amounts: dict[str, Decimal],
    values: dict[str, object] | None = None,
    context: dict[str, object] | None = None,
) -> Issue:
    """A finding on one year of the budget table (H201–H203): the message names the year (``era``)
    and the unit and prints the amounts; the context carries the same year, unit and amounts (in
    this order, then ``context``), so that the three findings read and serialise alike."""
    return finding(
        code,
        location,
        message,
        **year_values("era", year.fiscal_year),
        unit=unit,
        **(values or {}),
        **_amounts(**amounts),
        at=year,
        input=cell.raw or None,
        context={
            "fiscal_year": year.fiscal_year,
            "unit": unit,
            **{name: _num(value) for name, value in amounts.items()},
            **(context or {}),
        },
    )


def _budget_year(pointer: str, year: BudgetYear, unit: str, low: Decimal) -> list[Issue]:
    issues: list[Issue] = []
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
                _year_finding(
                    "H201",
                    f"{pointer}/total",
                    gettext_noop(
                        "{era}の予算の合計(a+b+c) {total}{unit}が、当初予算(a) {initial}・"
                        "補正予算(b) {supplementary}・繰越し等(c) {carryover}の和 "
                        "{expected}{unit}と一致しません。"
                    ),
                    year,
                    unit,
                    year.total,
                    {
                        "initial": initial,
                        "supplementary": supplementary,
                        "carryover": carryover,
                        "total": total,
                        "expected": expected,
                    },
                )
            )

    if total is None or executed is None:
        return issues
    if executed > total:
        issues.append(
            _year_finding(
                "H202",
                f"{pointer}/executed",
                gettext_noop("{era}の執行額 {executed}{unit}が予算の合計 {total}{unit}を超えています。"),
                year,
                unit,
                year.executed,
                {"executed": executed, "total": total},
            )
        )
    elif total > 0 and executed / total < low:
        rate = executed / total
        issues.append(
            _year_finding(
                "H203",
                f"{pointer}/executed",
                gettext_noop(
                    "{era}の執行率が{rate:.1%}(執行額 {executed}{unit} ÷ 合計 {total}{unit})で、"
                    "{low:.0%}を下回っています。"
                ),
                year,
                unit,
                year.executed,
                {"executed": executed, "total": total},
                values={"rate": rate, "low": low},
                context={"rate": float(round(rate, 4)), "threshold": float(low)},
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


_MISMATCH = {
    ("H204", False): gettext_noop(
        "調書「{section}」の小計({account_type})の{column} {stated}{unit}が、"
        "事項の和 {expected}{unit}と一致しません。"
    ),
    ("H204", True): gettext_noop(
        "調書「{section}」の小計({account_type})の{column}の記載がありませんが、事項の和は{expected}{unit}です。"
    ),
    ("H205", False): gettext_noop(
        "調書の合計({account_type})の{column} {stated}{unit}が、小計の和 {expected}{unit}と一致しません。"
    ),
    ("H205", True): gettext_noop(
        "調書の合計({account_type})の{column}の記載がありませんが、小計の和は{expected}{unit}です。"
    ),
}
"""The messages of H204 (a section's 小計 against its items) and H205 (a 合計 against the 小計),
by (code, whether the line's amount is missing)."""


def _line_vs_parts(
    code: str,
    pointer: str,
    line: BudgetSheetLine,
    parts: Sequence[BudgetSheetAmounts],
    sheet: BudgetSheet,
    keys: tuple[str, str],
    section: str | None = None,
) -> list[Issue]:
    """A 小計 or 合計 line against the sum of its parts, column by column (「の内数」 never added).

    ``keys``: the context keys (line, parts); ``section``: the 小計's section label (H204)."""
    line_key, parts_key = keys
    issues: list[Issue] = []
    for column, column_ja in _COLUMNS.items():
        summed = _sum([_cell(part, column) for part in parts])
        if summed is None:
            continue
        cell = _cell(line, column)
        expected = _compare(cell, summed)
        if expected is None:
            continue
        stated = _value(cell)
        amounts = _amounts(expected=expected) | (_amounts(stated=stated) if stated is not None else {})
        issues.append(
            finding(
                code,
                pointer,
                _MISMATCH[code, stated is None],
                section=section,
                account_type=line.account_type.value,
                column=column_ja,
                column_en=pgettext_en(_COLUMN, column_ja),
                unit=sheet.unit,
                **amounts,
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
            issues += _line_vs_parts(
                "H204",
                f"/budget_sheet/sections/{s}/subtotals/{j}",
                line,
                items,
                sheet,
                ("subtotal", "items"),
                section.label,
            )
    return issues


def _totals(sheet: BudgetSheet) -> list[Issue]:
    """H205: each 合計 of an account type against the sections' 小計 of that account type. A sheet
    with no sections (a 個別票1 read without its 個別票2) is not compared: nothing says what its 合計
    should add up to."""
    issues: list[Issue] = []
    if not sheet.sections:
        return issues
    for k, line in enumerate(sheet.totals):
        subtotals = [
            sub
            for section in sheet.sections
            for sub in section.subtotals
            if sub.account_type is line.account_type
        ]
        issues += _line_vs_parts(
            "H205", f"/budget_sheet/totals/{k}", line, subtotals, sheet, ("total", "subtotals")
        )
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
    span: SourceSpan | None = None
    for line in lines:
        if line.source is not None:
            span = line.source.join(span)
    report_unit = report.budget.unit
    return [
        finding(
            "H206",
            "/budget_sheet/totals",
            gettext_noop(
                "調書の{era}当初予算額の合計 {sheet_total}{sheet_unit}({converted}{report_unit})が、"
                "評価書の{era}当初予算 {initial}{report_unit}と一致しません"
                "(差 {difference}{report_unit}、許容 {tolerance}{report_unit})。"
            ),
            **year_values("era", year.fiscal_year),
            sheet_unit=sheet.unit,
            report_unit=report_unit,
            tolerance=tolerance,
            **_amounts(sheet_total=sheet_total, converted=converted, initial=initial, difference=difference),
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
