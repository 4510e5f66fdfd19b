"""The 政策評価調書（個別票）block: header fields, item rows, 小計 and 合計 with their 「の内数」 lines."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from hyoka.core import (
    AccountType,
    BudgetSheet,
    BudgetSheetItem,
    BudgetSheetLine,
    BudgetSheetSection,
    SectionKind,
)
from hyoka.core.wareki import era_year_regex
from hyoka.importers.text.cells import cell, row_cells
from hyoka.importers.text.context import ImportContext, span_of
from hyoka.importers.text.normalise import Line
from hyoka.importers.text.years import read_fiscal_year

__all__ = ["parse_budget_sheet"]

_SHORT_YEAR = re.compile(rf"^({era_year_regex(optional_era=True)}年度)")
_INCLUSIVE = "の内数"


def _year(text: str, ctx: ImportContext, line: Line, location: str) -> int | None:
    match = _SHORT_YEAR.match(text)
    if match is None:
        return None
    return read_fiscal_year(match.group(1), line, ctx, location)


def _section_kind(label: str) -> SectionKind:
    return SectionKind.NOT_EVALUATED if "なっていない" in label else SectionKind.EVALUATED


def parse_budget_sheet(lines: Sequence[Line], ctx: ImportContext) -> BudgetSheet | None:
    """Parse the 調書 block; columns are found from its header row (当初予算額 / 概算要求額)."""
    fields: dict[str, str] = {}
    current_col, next_col, ref_col = 6, 8, 5
    current_year: int | None = None
    next_year: int | None = None
    sections: list[BudgetSheetSection] = []
    totals: list[BudgetSheetLine] = []
    target: list[BudgetSheetLine] | None = None
    last_line: BudgetSheetLine | BudgetSheetItem | None = None
    unit = "千円"
    for line in lines:
        cells = row_cells(line)
        first = cells[0]
        if first.startswith("政策評価調書") or first.startswith("【政策ごとの予算額】"):
            ctx.use(line)
            continue
        if first in ("政策名", "評価方式"):
            ctx.use(line)
            for key, value in itertools.pairwise(cells):
                if key in ("政策名", "番号", "評価方式", "政策目標の達成度合い") and value:
                    fields[key] = value
            continue
        if re.fullmatch(r"\((千円|百万円)\)", first):
            unit = first[1:-1]
            ctx.use(line)
            continue
        if any("予算科目" in c for c in cells):
            ctx.use(line)
            continue
        if any("当初予算額" in c for c in cells):
            ctx.use(line)
            for index, text in enumerate(cells):
                if "当初予算額" in text:
                    current_col = index
                    current_year = _year(text, ctx, line, "/budget_sheet/current_year")
                elif "概算要求額" in text:
                    next_col = index
                    next_year = _year(text, ctx, line, "/budget_sheet/next_year")
            ref_col = current_col - 1
            continue
        padded = cells + [""] * (max(current_col, next_col) + 2 - len(cells))
        if first.startswith("政策評価の対象"):
            sections.append(
                BudgetSheetSection(kind=_section_kind(first), label=first, source=span_of([line]))
            )
            ctx.use(line)
            target = sections[-1].subtotals
        if padded[current_col].startswith("<") and padded[current_col + 1].endswith(_INCLUSIVE):
            ctx.use(line)
            if last_line is not None:
                where = "/budget_sheet"
                last_line.current_initial_inclusive = cell(padded[current_col][1:], ctx, line, where, unit)
                last_line.next_request_inclusive = cell(
                    padded[next_col][1:] if padded[next_col].startswith("<") else "", ctx, line, where, unit
                )
                last_line.source = (last_line.source or span_of([line])).join(span_of([line]))  # type: ignore[union-attr]
            continue
        account = next(
            (c for c in padded if c in (AccountType.GENERAL.value, AccountType.SPECIAL.value)), None
        )
        label_cell = padded[1] if len(padded) > 1 else ""
        if first == "合計" or label_cell == "合計":
            target = totals
        elif label_cell == "小計" and sections:
            target = sections[-1].subtotals
        if account is not None and target is not None:
            ctx.use(line)
            total_line = BudgetSheetLine(
                account_type=AccountType(account),
                current_initial=cell(padded[current_col], ctx, line, "/budget_sheet", unit),
                next_request=cell(padded[next_col], ctx, line, "/budget_sheet", unit),
                source=span_of([line]),
            )
            target.append(total_line)
            last_line = total_line
            continue
        if sections and len(cells) > 4 and padded[1] and padded[2]:
            ctx.use(line)
            index = len(sections[-1].items)
            where = f"/budget_sheet/sections/{len(sections) - 1}/items/{index}"
            item = BudgetSheetItem(
                account=padded[1],
                organization=padded[2],
                item=padded[3],
                sub_item=padded[4],
                other_sheet_ref=padded[ref_col] or None,
                current_initial=cell(padded[current_col], ctx, line, where + "/current_initial", unit),
                next_request=cell(padded[next_col], ctx, line, where + "/next_request", unit),
                source=span_of([line]),
            )
            sections[-1].items.append(item)
            last_line = item
    if "政策名" not in fields:
        return None
    return BudgetSheet(
        policy_name=fields["政策名"],
        number=fields.get("番号"),
        evaluation_method=fields.get("評価方式"),
        achievement=fields.get("政策目標の達成度合い"),
        unit=unit,
        current_year=current_year,
        next_year=next_year,
        sections=sections,
        totals=totals,
        source=span_of(lines),
    )
