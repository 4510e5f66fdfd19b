"""H2 plantings (arithmetic): budget figures that do not add up (``rules/checks/arithmetic.py``).

A 合計(a+b+c) that does not add up (H201), 執行額 above the total (H202) or with a digit dropped
(H203), a 調書 row that breaks its 小計 (H204), a 調書 合計 that is not the sum of its 小計 (H205), the
report's initial budget no longer matching the 調書 (H206). H2 is planted last and touches only
money, so it never disturbs an earlier planting.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hyoka.core import (
    AccountType,
    Cell,
    CellStatus,
    format_fiscal_year,
)
from hyoka.corpus.planting.context import (
    PlantedError,
    _Context,
    _digits_changed,
)


def _budget_years(ctx: _Context) -> list[tuple[int, Any]]:
    return [
        (y, year)
        for y, year in enumerate(ctx.report.budget.years)
        if year.total.is_value and year.executed.is_value
    ]


def _money_cell(value: int, unit: str | None) -> Cell:
    raw = f"△{-value:,}" if value < 0 else f"{value:,}"
    return Cell(status=CellStatus.VALUE, value=Decimal(value), unit=unit, raw=raw)


def _int(cell: Cell) -> int:
    assert cell.value is not None
    return int(cell.value)


def _h201(ctx: _Context) -> PlantedError | None:
    """合計(a+b+c) that does not add up: a mistyped total, or one that left out b or c."""
    low = ctx.profile.thresholds.low_execution
    options = []
    for y, year in _budget_years(ctx):
        a, b, c = _int(year.initial), _int(year.supplementary), _int(year.carryover)
        executed = _int(year.executed)
        totals = [(v, "typo") for v in _digits_changed(a + b + c, ctx.rng)[:4]]
        totals += [(a + b, "carryover_left_out")] if c else []
        totals += [(a + c, "supplementary_left_out")] if b else []
        for total, kind in totals:
            if total != a + b + c and total > 0 and executed <= total and executed / total >= low:
                options.append((y, year, total, kind))
    if not options:
        return None
    y, year, total, kind = ctx.rng.choice(options)
    old = _int(year.total)
    year.total = _money_cell(total, year.total.unit)
    era = format_fiscal_year(year.fiscal_year)
    return PlantedError(
        "H2",
        "H201",
        f"/budget/years/{y}/total",
        f"budget_total_{kind}",
        f"{era}の予算の合計(a+b+c)を{old:,}ではなく{total:,}と記載した",
        {"fiscal_year": year.fiscal_year, "before": old, "after": total},
    )


def _h202(ctx: _Context) -> PlantedError | None:
    """執行額 above the total (the total and the amount executed mixed up, or a digit too many)."""
    options = _budget_years(ctx)
    if not options:
        return None
    y, year = ctx.rng.choice(options)
    total, old = _int(year.total), _int(year.executed)
    new = total + max(1, round(total * ctx.rng.uniform(0.01, 0.15)))
    year.executed = _money_cell(new, year.executed.unit)
    return PlantedError(
        "H2",
        "H202",
        f"/budget/years/{y}/executed",
        "executed_over_total",
        f"{format_fiscal_year(year.fiscal_year)}の執行額を予算の合計{total:,}を超える{new:,}と記載した",
        {"fiscal_year": year.fiscal_year, "before": old, "after": new},
    )


def _h203(ctx: _Context) -> PlantedError | None:
    """執行額 with its last digit dropped: an implausibly low execution rate."""
    low = ctx.profile.thresholds.low_execution
    options = [
        (y, year)
        for y, year in _budget_years(ctx)
        if _int(year.executed) >= 10 and (_int(year.executed) // 10) / _int(year.total) < low
    ]
    if not options:
        return None
    y, year = ctx.rng.choice(options)
    old = _int(year.executed)
    new = old // 10
    year.executed = _money_cell(new, year.executed.unit)
    return PlantedError(
        "H2",
        "H203",
        f"/budget/years/{y}/executed",
        "executed_digit_dropped",
        f"{format_fiscal_year(year.fiscal_year)}の執行額{old:,}の末尾の桁が落ち{new:,}となった",
        {"fiscal_year": year.fiscal_year, "before": old, "after": new},
    )


def _account(item: Any) -> AccountType:
    return AccountType.GENERAL if item.account.startswith("一般") else AccountType.SPECIAL


def _h204(ctx: _Context) -> PlantedError | None:
    """A 調書 row that breaks its 小計: a mistyped amount, or a 小計 (and 合計) that left a row out."""
    sheet = ctx.report.budget_sheet
    if sheet is None:
        return None
    options = []
    for s, section in enumerate(sheet.sections):
        for item in section.items:
            j = next(j for j, line in enumerate(section.subtotals) if line.account_type is _account(item))
            for column in ("current_initial", "next_request"):
                if getattr(item, column).is_value:
                    options.append(("typo", s, j, item, column))
        for j, line in enumerate(section.subtotals):
            rows = [i for i in section.items if _account(i) is line.account_type and i.next_request.is_value]
            if len(rows) >= 2:
                options.append(("row_left_out", s, j, ctx.rng.choice(rows), "next_request"))
    if not options:
        return None
    kind, s, j, item, column = ctx.rng.choice(options)
    cell = getattr(item, column)
    old = _int(cell)
    if kind == "typo":
        new = next(v for v in _digits_changed(old, ctx.rng) if v > 0)
        setattr(item, column, _money_cell(new, cell.unit))
        what = f"事項「{item.sub_item}」の{old:,}を{new:,}と誤記した"
    else:
        line = sheet.sections[s].subtotals[j]
        total = next(t for t in sheet.totals if t.account_type is line.account_type)
        for target in (line, total):
            target.next_request = _money_cell(_int(target.next_request) - old, target.next_request.unit)
        what = f"概算要求額の小計と合計から事項「{item.sub_item}」({old:,})を漏らした"
    return PlantedError(
        "H2",
        "H204",
        f"/budget_sheet/sections/{s}/subtotals/{j}",
        f"sheet_{kind}",
        f"調書で{what}",
        {"column": column, "amount": old},
    )


def _h205(ctx: _Context) -> PlantedError | None:
    """A 調書 合計 that is not the sum of its 小計 (a mistyped 概算要求額, or a small slip)."""
    sheet = ctx.report.budget_sheet
    if sheet is None:
        return None
    options = [(k, line) for k, line in enumerate(sheet.totals) if line.next_request.is_value]
    if not options:
        return None
    k, line = ctx.rng.choice(options)
    old = _int(line.next_request)
    new = next(v for v in _digits_changed(old, ctx.rng) if v > 0)
    line.next_request = _money_cell(new, line.next_request.unit)
    return PlantedError(
        "H2",
        "H205",
        f"/budget_sheet/totals/{k}",
        "sheet_total_typo",
        f"調書の合計({line.account_type.value})の概算要求額を{old:,}ではなく{new:,}と記載した",
        {"column": "next_request", "before": old, "after": new},
    )


def _h206(ctx: _Context) -> PlantedError | None:
    """The report's initial budget of the evaluation year mistyped: it no longer matches the 調書."""
    sheet = ctx.report.budget_sheet
    if sheet is None or sheet.current_year is None:
        return None
    thousand = sum(_int(t.current_initial) for t in sheet.totals if t.current_initial.is_value)
    tolerance = Decimal(str(ctx.profile.thresholds.budget_rounding))
    for year in ctx.report.budget.years:
        if year.fiscal_year == sheet.current_year and year.initial.is_value:
            old = _int(year.initial)
            for new in _digits_changed(old, ctx.rng):
                if new > 0 and abs(Decimal(thousand) / 1000 - new) > tolerance:
                    year.initial = _money_cell(new, year.initial.unit)
                    return PlantedError(
                        "H2",
                        "H206",
                        "/budget_sheet/totals",
                        "budget_initial_typo",
                        f"{format_fiscal_year(year.fiscal_year)}の当初予算を{old:,}ではなく{new:,}と記載した"
                        f"(調書は{thousand:,}千円)",
                        {"fiscal_year": year.fiscal_year, "before": old, "after": new, "sheet": thousand},
                    )
    return None
