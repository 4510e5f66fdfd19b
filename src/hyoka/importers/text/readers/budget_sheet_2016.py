"""The 平成2x 政策評価調書（個別票1）, with its 個別票2 where it follows (layout ``budget-sheet-2016``).

The form: 政策名, 評価方式, 政策目標の達成度合い, 番号, and 予算の状況 — 当初予算, 補正予算, 繰越し等, 計
and 執行額 (千円) for the three past years and the current one (25年度 … 28年度), with the next year's
概算要求額 beside the current year's 当初予算. PDF extraction gives it one cell a line (or the whole
table on one line): the labels first, the year headers apart from the values, then the values row by
row, and the current year's 当初予算 and the 概算要求額 often after the label 「29年度概算要求額」.

A value is put in a cell only when the values' layout decides it: the run of values is cut into the
form's rows (each with a value for every past year, or for the current year too, or — a row of blank
cells dropped — none), and a cut is kept only when 計 = 当初予算 + 補正予算 + 繰越し等 and 執行額 ≤ 計
hold for every past year. A cell gets the value every kept cut gives it; the other values stay out of
the model and are reported (H902) with the text kept. The two values printed apart after the 概算要求額
label (the current year's 当初予算 and the 概算要求額) are placed only when the 個別票2 that follows
confirms them by its sums; otherwise they are reported too.

The sheet names no ministry and no 施策 number (its 番号 is the sheet's): both are left empty (H906).
Bare years (「25年度」) are read in the document's era (the era its text names) and reported (H904).
One report holds one policy: a second 個別票1 in the same text is reported (H901) with its text.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from hyoka.core import (
    AccountType,
    AmountError,
    Budget,
    BudgetSheet,
    BudgetSheetLine,
    BudgetYear,
    Cell,
    EvaluationReport,
    Issue,
    format_fiscal_year,
    parse_number,
)
from hyoka.core.i18n import gettext_noop
from hyoka.core.numbering import CIRCLED, DIGIT
from hyoka.core.wareki import era_year_regex
from hyoka.importers.errors import not_a_report
from hyoka.importers.layout import Layout
from hyoka.importers.text.assemble import budget_sheet_report
from hyoka.importers.text.cells import cell
from hyoka.importers.text.context import ImportContext, span_of
from hyoka.importers.text.normalise import Line
from hyoka.importers.text.segment import document_era
from hyoka.importers.text.years import read_fiscal_year

__all__ = ["read"]

# --- tokens ------------------------------------------------------------------------------------------

_ROW_LABELS = ("当初予算(千円)", "補正予算(千円)", "繰越し等(千円)", "計(千円)", "執行額(千円)")
_LABELS = (
    "【政策ごとの予算額等】",
    "【政策ごとの予算額】",
    "政策目標の達成度合い",
    "政策評価結果の概算要求",
    "への反映状況",
    "政策名",
    "評価方式",
    "番号",
    *_ROW_LABELS,
)
_STRUCTURE = re.compile(
    r"(?P<sheet>政策評価調書\(個別票(?P<form>[0-9]+)\))"
    r"|(?P<attachment>別紙[0-9]+(?:-[0-9]+)*)"
    rf"|(?P<request>(?P<request_year>{era_year_regex(era='request_era', optional_era=True)}年度)概算要求額)"
    rf"|(?P<year>{era_year_regex(era='year_era', optional_era=True)}年度)"
    "|(?P<label>" + "|".join(re.escape(label) for label in _LABELS) + ")"
)
_AMOUNT = r"(?:[△▲] ?|-)?[0-9]{1,3}(?:,[0-9]{3})+|(?:[△▲] ?|-)?[0-9]+"
_VALUE = re.compile(
    rf"(?<!\S)(?:(?P<number>(?:{DIGIT}-)?{CIRCLED})|(?P<bracket><[^<>]*>)|(?P<amount>{_AMOUNT}))"
    r"(?=\s|$|[^\x00-\x7f])"
)
_METHOD = "(?:総合|実績|事業)(?:・(?:総合|実績|事業))*(?:評価)?(?:方式)?"
_METHOD_AT_END = re.compile(f"^(?P<name>.*?)(?P<method>{_METHOD})$")
_VERTICAL_LABEL = "予算の状況"
_ITEM = re.compile(
    r"(?P<account>一般|特別)[^0-9●]*?"
    r"(?P<current>[0-9]{1,3}(?:,[0-9]{3})*)\s(?P<request>[0-9]{1,3}(?:,[0-9]{3})*)\s?●"
)


@dataclass(eq=False)
class _Token:
    """A cell of the extracted form: a label, a year header, a value or a text, and its line."""

    kind: str
    text: str
    line: Line
    detail: str = ""
    """a sheet heading's 個別票 number; a 概算要求額 label's year (「29年度」)"""


def _split_values(segment: str, line: Line) -> list[_Token]:
    """The text between two labels: values (amounts, 番号, <…>) set apart by spaces, and texts."""
    tokens: list[_Token] = []
    at = 0
    for match in _VALUE.finditer(segment):
        before = segment[at : match.start()].strip()
        if before:
            tokens.append(_Token("text", before, line))
        kind = match.lastgroup or "amount"
        tokens.append(_Token(kind, match.group(0), line))
        at = match.end()
    rest = segment[at:].strip()
    if rest:
        tokens.append(_Token("text", rest, line))
    return tokens


def _tokens(lines: Sequence[Line]) -> list[_Token]:
    """Every line cut into the form's cells. A line is one cell, except where extraction flattened
    the table (the whole sheet on one line): the labels cut it, and the values are set apart by
    spaces. A year with its era (「平成27年度」) is running text, not a column header, unless it is a
    line of its own."""
    tokens: list[_Token] = []
    for line in lines:
        text = line.text.replace("\t", " ").strip()
        if not text:
            continue
        at = 0
        for match in _STRUCTURE.finditer(text):
            kind = match.lastgroup or "label"  # the outer group: sheet, attachment, request, year, label
            named = bool(match.group("year_era") or match.group("request_era"))
            if named and match.group(0) != text:
                continue
            tokens.extend(_split_values(text[at : match.start()], line))
            detail = match.group("request_year") if kind == "request" else match.group("form")
            tokens.append(_Token(kind, match.group(0), line, detail=detail or ""))
            at = match.end()
        tokens.extend(_split_values(text[at:], line))
    return tokens


# --- the grid of values ------------------------------------------------------------------------------

_ROWS = ("initial", "supplementary", "carryover", "total", "executed")
_ROW_NAMES = {
    "initial": "当初予算",
    "supplementary": "補正予算",
    "carryover": "繰越し等",
    "total": "計",
    "executed": "執行額",
    "request": "概算要求額",
}

_Slot = tuple[str, int]
"""A cell of the form: (row, year index); the 概算要求額 is ("request", -1)."""
_REQUEST: _Slot = ("request", -1)


@dataclass
class _Amount:
    raw: str
    value: Decimal
    token: _Token


@dataclass
class _Grid:
    """What the values decide: the cells placed, the values left and why."""

    placed: dict[_Slot, _Amount] = field(default_factory=dict)
    pair: list[_Amount] = field(default_factory=list)
    left: list[_Amount] = field(default_factory=list)
    candidates: set[_Slot] = field(default_factory=set)
    cuts: int = 0


def _parse_amount(token: _Token) -> _Amount | None:
    try:
        return _Amount(token.text, parse_number(token.text), token)
    except AmountError:
        return None


def _cuts(values: list[_Amount], past: int, has_request: bool) -> list[tuple[dict[_Slot, _Amount], bool]]:
    """Every way to cut the run of values into the form's rows that its arithmetic confirms, each
    with whether the current year's 当初予算 and the 概算要求額 are the two values left at the end."""
    full = past + 1
    kept: list[tuple[dict[_Slot, _Amount], bool]] = []
    for counts in itertools.product((past, full), (0, past, full), (0, past, full), (past, full), (past,)):
        if counts[0] != full and full in counts[1:]:
            continue  # a current-year value in a later row but none in 当初予算: not this form
        rest = len(values) - sum(counts)
        open_slots: list[_Slot] = ([("initial", past)] if counts[0] != full else []) + (
            [_REQUEST] if has_request else []
        )
        if rest < 0 or rest > len(open_slots):
            continue
        rows: dict[str, list[_Amount]] = {}
        at = 0
        for row, count in zip(_ROWS, counts, strict=True):
            rows[row] = values[at : at + count]
            at += count
        trailing = values[at:]

        def amount(row: str, year: int, rows: dict[str, list[_Amount]] = rows) -> Decimal:
            cells = rows[row]
            return cells[year].value if year < len(cells) else Decimal(0)

        def adds_up(year: int) -> bool:
            return amount("total", year) == (
                amount("initial", year) + amount("supplementary", year) + amount("carryover", year)
            )

        confirmed = all(adds_up(y) and amount("executed", y) <= amount("total", y) for y in range(past))
        if len(rows["total"]) == full:
            confirmed = confirmed and adds_up(past)
        if not confirmed:
            continue
        slots: dict[_Slot, _Amount] = {
            (row, year): value for row, cells in rows.items() for year, value in enumerate(cells)
        }
        if len(trailing) == len(open_slots):
            slots.update(zip(open_slots, trailing, strict=True))
        kept.append((slots, len(trailing) == 2))
    return kept


def _grid(values: list[_Amount], past: int, has_request: bool) -> _Grid:
    """The cells every confirmed cut agrees on; the values no cell is sure of are left."""
    cuts = _cuts(values, past, has_request)
    grid = _Grid(cuts=len(cuts))
    if not cuts:
        grid.left = list(values)
        return grid
    slot_sets = [set(slots) for slots, _ in cuts]
    for slot in set.intersection(*slot_sets):
        if len({slots[slot].raw for slots, _ in cuts}) == 1:
            grid.placed[slot] = cuts[0][0][slot]
    grid.candidates = set.union(*slot_sets) - set(grid.placed)
    # the current year's 当初予算 and the 概算要求額 printed apart, after every row: two values for
    # two cells whose order the extraction does not show; they wait for the 個別票2 to confirm them
    current: _Slot = ("initial", past)
    if all(pair for _, pair in cuts) and current in grid.placed and _REQUEST in grid.placed:
        grid.pair = [grid.placed.pop(current), grid.placed.pop(_REQUEST)]
    left = Counter(v.raw for v in values)
    left.subtract(v.raw for v in [*grid.placed.values(), *grid.pair])
    for value in values:
        if left[value.raw] > 0:
            grid.left.append(value)
            left[value.raw] -= 1
    return grid


# --- one sheet ---------------------------------------------------------------------------------------


@dataclass
class _Sheet:
    tokens: list[_Token]
    second: list[_Token] = field(default_factory=list)
    """The 個別票2 that follows, if any."""


def _sheets(tokens: list[_Token]) -> tuple[list[_Token], list[_Sheet]]:
    """The tokens before the first sheet, and each 個別票1 with the 個別票2 after it. An attachment
    label (別紙10-3) starts the sheet it heads; a heading repeated with nothing between (a mirror's
    page title) is the same sheet."""
    starts = [i for i, t in enumerate(tokens) if t.kind == "sheet"]
    if not starts:
        return tokens, []
    bounds = []
    for i in starts:
        begin = i - 1 if i > 0 and tokens[i - 1].kind == "attachment" else i
        bounds.append((begin, i))
    before = tokens[: bounds[0][0]]
    sheets: list[_Sheet] = []
    pending: list[_Token] = []
    for index, (begin, head) in enumerate(bounds):
        end = bounds[index + 1][0] if index + 1 < len(bounds) else len(tokens)
        part = tokens[begin:end]
        if end - head == 1 and index + 1 < len(bounds):
            pending.extend(part)  # a heading alone: the next sheet's
            continue
        if tokens[head].detail != "2":
            sheets.append(_Sheet(pending + part))
        elif sheets:
            sheets[-1].second.extend(pending + part)
        # a 個別票2 with no 個別票1 before it is no sheet of this reader: its lines are reported
        pending = []
    return before, sheets


@dataclass
class _Read:
    """A sheet as read: its fields, its budget, and the tokens it placed."""

    policy_name: str = ""
    number: str | None = None
    method: str | None = None
    achievement: str | None = None
    years: list[int] = field(default_factory=list)
    current_year: int | None = None
    next_year: int | None = None
    budget: Budget = field(default_factory=lambda: Budget(unit="千円"))
    totals: list[BudgetSheetLine] = field(default_factory=list)
    request: _Amount | None = None
    request_label: str = ""
    used: set[int] = field(default_factory=set)


def _fields(header: list[_Token], read: _Read, second_name: str | None) -> None:
    """政策名, 評価方式 and 政策目標の達成度合い from the texts before the values. The 評価方式 is told
    by its words (総合・実績・事業), the 政策名 is the other text before the 達成度合い label, the
    達成度合い the texts after it; the letters of the vertical label 予算の状況 are set aside."""
    texts = [t for t in header if t.kind == "text"]
    wanted = _VERTICAL_LABEL
    letters: list[_Token] = []
    for token in texts:
        at = sum(len(t.text) for t in letters)
        if at < len(wanted) and wanted.startswith(token.text, at):
            letters.append(token)
    if "".join(t.text for t in letters) == wanted:
        read.used.update(id(t) for t in letters)
    texts = [t for t in texts if id(t) not in read.used]
    label_at = next((i for i, t in enumerate(header) if t.text == "政策目標の達成度合い"), len(header))
    names: list[_Token] = []
    achievement: list[_Token] = []
    for token in texts:
        (names if header.index(token) < label_at else achievement).append(token)
    for token in names:
        match = _METHOD_AT_END.match(token.text)
        if match is None:
            continue
        name = match.group("name")
        if name and second_name is not None and name != second_name:
            continue  # the name and the method run together, but not as the 個別票2 names it
        read.method = match.group("method")
        read.used.add(id(token))
        if name:
            read.policy_name = name
        break
    rest = [t for t in names if id(t) not in read.used]
    if not read.policy_name and len(rest) == 1:
        read.policy_name = rest[0].text
        read.used.add(id(rest[0]))
    if achievement:
        read.achievement = "".join(t.text for t in achievement)
        read.used.update(id(t) for t in achievement)


def _second_sheet(tokens: list[_Token]) -> tuple[str | None, list[tuple[str, Decimal, Decimal]]]:
    """The 個別票2's 政策名 and its 予算科目 rows' (会計, first amount, second amount)."""
    name = None
    for before, token in itertools.pairwise(tokens):
        if before.text == "政策名" and token.kind == "text":
            name = token.text
            break
    joined = " ".join(t.text for t in tokens)
    items = [
        (
            m.group("account"),
            Decimal(m.group("current").replace(",", "")),
            Decimal(m.group("request").replace(",", "")),
        )
        for m in _ITEM.finditer(joined)
    ]
    return name, items


def _read_sheet(sheet: _Sheet, ctx: ImportContext) -> _Read:
    tokens = sheet.tokens
    read = _Read()
    for token in tokens:
        if token.kind in ("sheet", "attachment", "label"):
            read.used.add(id(token))
    first_value = next((i for i, t in enumerate(tokens) if t.kind == "amount"), len(tokens))
    header = tokens[:first_value]
    # the values run on to the first text after them (the 反映状況 prose)
    end = next((i for i in range(first_value, len(tokens)) if tokens[i].kind == "text"), len(tokens))
    region = tokens[first_value:end]
    second_name, items = _second_sheet(sheet.second) if sheet.second else (None, [])
    _fields(header, read, second_name)
    number = next((t for t in tokens if t.kind == "number"), None)
    if number is not None:
        read.number = number.text
        read.used.add(id(number))
    for token in (t for t in header if t.kind == "year"):
        year = read_fiscal_year(token.text, token.line, ctx, f"/budget/years/{len(read.years)}/fiscal_year")
        if year is not None:
            read.years.append(year)
            read.used.add(id(token))
    request = next((t for t in tokens if t.kind == "request"), None)
    if request is not None:
        read.request_label = request.text
        read.next_year = read_fiscal_year(request.detail, request.line, ctx, "/budget_sheet/next_year")
        read.used.add(id(request))
    if read.next_year is not None:
        read.current_year = read.next_year - 1
    elif read.years:
        read.current_year = max(read.years)
    if read.current_year is None:
        return read
    years = [*sorted(y for y in set(read.years) if y < read.current_year), read.current_year]
    amounts = [a for t in region if t.kind == "amount" and (a := _parse_amount(t)) is not None]
    grid = _grid(amounts, len(years) - 1, read.next_year is not None)
    _place(read, grid, years, amounts, ctx)
    read.used.update(id(t) for t in region if t.kind in ("amount", "bracket"))
    brackets = [t for t in region if t.kind == "bracket"]
    if brackets:
        shown = " ".join(t.text for t in brackets)
        ctx.report(
            "H902",
            "/budget",
            [t.line for t in brackets],
            gettext_noop(
                "予算の状況の括弧つきの値「{values}」は、様式のどの行の値か文書からは分かりません。"
                "値はこの指摘に保存しました。"
            ),
            values=shown,
            input=shown,
            context={"cells": [t.text for t in brackets]},
        )
    _confirm_pair(read, grid, years, items, ctx)
    return read


def _slot_name(slot: _Slot, years: list[int]) -> str:
    row, year = slot
    if slot == _REQUEST:
        return f"{format_fiscal_year(years[-1] + 1)}概算要求額"
    return f"{format_fiscal_year(years[year])}{_ROW_NAMES[row]}"


def _slot_order(slot: _Slot) -> tuple[int, int]:
    return ((*_ROWS, "request").index(slot[0]), slot[1])


def _place(read: _Read, grid: _Grid, years: list[int], amounts: list[_Amount], ctx: ImportContext) -> None:
    """The placed values into the budget; H902 for the values no cell is sure of."""
    budget_years = []
    for index, fiscal_year in enumerate(years):
        cells: dict[str, Cell] = {}
        for row in _ROWS:
            amount = grid.placed.get((row, index))
            if amount is not None:
                cells[row] = cell(amount.raw, ctx, amount.token.line, f"/budget/years/{index}/{row}", "千円")
        budget_years.append(BudgetYear(fiscal_year=fiscal_year, **cells))
    read.budget = Budget(unit="千円", years=budget_years)
    read.request = grid.placed.get(_REQUEST)
    if not grid.left:
        return
    shown = " ".join(a.raw for a in grid.left)
    if grid.cuts == 0:
        ctx.report(
            "H902",
            "/budget",
            [a.token.line for a in amounts],
            gettext_noop(
                "予算の状況の値{count}個は、様式の行(当初予算・補正予算・繰越し等・計・執行額)と年度({years})の"
                "どの並べ方でも計=当初予算+補正予算+繰越し等(執行額は計以下)が成り立たず、どの欄の値か決められ"
                "ません。空欄とし、値はこの指摘に保存しました。"
            ),
            count=len(grid.left),
            years="・".join(format_fiscal_year(y) for y in years),
            input=shown,
            context={"cells": [a.raw for a in grid.left], "years": years},
        )
        return
    candidates = [_slot_name(s, years) for s in sorted(grid.candidates, key=_slot_order)]
    ctx.report(
        "H902",
        "/budget",
        [a.token.line for a in amounts],
        gettext_noop(
            "予算の状況の値「{values}」は、どの欄の値か決まりません(候補の欄: {cells})。"
            "計=当初予算+補正予算+繰越し等が成り立つ並べ方が{cuts}通りあり、それぞれで欄が異なります。"
            "空欄とし、値はこの指摘に保存しました。"
        ),
        values=shown,
        cells="、".join(candidates),
        cuts=grid.cuts,
        input=shown,
        context={"cells": [a.raw for a in grid.left], "years": years, "candidates": candidates},
    )


def _confirm_pair(
    read: _Read,
    grid: _Grid,
    years: list[int],
    items: list[tuple[str, Decimal, Decimal]],
    ctx: ImportContext,
) -> None:
    """The current year's 当初予算 and the 概算要求額 printed apart: placed when the 個別票2's rows
    add up to them, column by column; otherwise reported. The 概算要求額 goes into the 調書's 合計
    only when the 個別票2 names the 会計 of its rows."""
    current_year, next_year = format_fiscal_year(years[-1]), format_fiscal_year(years[-1] + 1)
    initial: _Amount | None = None
    if grid.pair:
        first, second = grid.pair
        sums = (sum((i[1] for i in items), Decimal(0)), sum((i[2] for i in items), Decimal(0)))
        if items and sums == (first.value, second.value):
            initial, read.request = first, second
            index = len(years) - 1
            read.budget.years[index] = read.budget.years[index].model_copy(
                update={
                    "initial": cell(
                        first.raw, ctx, first.token.line, f"/budget/years/{index}/initial", "千円"
                    )
                }
            )
        else:
            why = (
                gettext_noop("個別票2の予算科目の合計({sums})と一致しません。")
                if items
                else gettext_noop("合計で確かめられる個別票2がありません。")
            )
            ctx.report(
                "H902",
                "/budget_sheet",
                [first.token.line, second.token.line],
                [
                    gettext_noop(
                        "「{label}」の後の2つの値({first}、{second})は、{current}当初予算と{next}概算要求額の"
                        "欄から離れて抽出されており、どちらがどちらかを文書で確かめられません。"
                    ),
                    why,
                    gettext_noop(
                        "列の順に読めば当初予算{first}、概算要求額{second}です。空欄とし、値はこの指摘に保存しました。"
                    ),
                ],
                label=read.request_label,
                first=first.raw,
                second=second.raw,
                current=current_year,
                next=next_year,
                sums=f"{sums[0]:,}、{sums[1]:,}",
                input=f"{first.raw} {second.raw}",
                context={"cells": [first.raw, second.raw], "years": [years[-1], years[-1] + 1]},
            )
    request = read.request
    if request is None:
        return
    accounts = {i[0] for i in items}
    if initial is not None and len(accounts) == 1:
        read.totals = [
            BudgetSheetLine(
                account_type=AccountType.GENERAL if accounts == {"一般"} else AccountType.SPECIAL,
                current_initial=read.budget.years[-1].initial,
                next_request=cell(request.raw, ctx, request.token.line, "/budget_sheet/totals/0", "千円"),
                source=span_of([initial.token.line, request.token.line]),
            )
        ]
        return
    ctx.report(
        "H901",
        "/budget_sheet/totals",
        [request.token.line],
        gettext_noop(
            "{next}概算要求額({value}千円)は、会計(一般会計・特別会計)が書かれていないため、"
            "調書の合計欄(会計ごと)に置けません。値はこの指摘に保存しました。"
        ),
        next=next_year,
        value=request.raw,
        input=request.raw,
    )


# --- the document ------------------------------------------------------------------------------------


def _report_leftovers(tokens: list[_Token], used: set[int], ctx: ImportContext) -> None:
    """Lines all of whose cells were placed are used; a line with some cells placed is used too,
    and the rest of it reported (H901) with its text. Lines with none are left to
    ``report_unplaced``."""
    by_line: dict[int, list[_Token]] = {}
    for token in tokens:
        by_line.setdefault(token.line.first, []).append(token)
    for group in by_line.values():
        placed = [t for t in group if id(t) in used]
        if not placed:
            continue
        ctx.use(group[0].line)
        rest = [t.text for t in group if id(t) not in used]
        if rest:
            ctx.report(
                "H901",
                "",
                [group[0].line],
                gettext_noop(
                    "どの項目にも当てはまらない記載があります({span}行目)。内容はこの指摘に保存しました。"
                ),
                input=" ".join(rest),
                span=str(span_of([group[0].line])),
            )


def _extra_sheet(sheet: _Sheet, ctx: ImportContext) -> None:
    """A further 個別票1 in the same text: one report holds one policy; its text is kept."""
    scratch = ImportContext(name=ctx.name, default_era=ctx.default_era)
    read = _read_sheet(sheet, scratch)
    tokens = [*sheet.tokens, *sheet.second]
    lines = list({t.line.first: t.line for t in tokens}.values())
    ctx.use_all(lines)
    ctx.report(
        "H901",
        "/budget_sheet",
        lines,
        gettext_noop(
            "この文書にはもう1枚の政策評価調書(個別票1)があります(番号{number}、政策名「{policy}」、{span}行目)。"
            "1つの報告には1つの政策の調書だけを読み込みます。内容はこの指摘に保存しました。"
        ),
        number=read.number or "",
        policy=read.policy_name,
        span=str(span_of(lines)),
        input="\n".join(" ".join(t.text for t in tokens if t.line.first == line.first) for line in lines),
    )


def _second_unread(sheet: _Sheet, read: _Read, ctx: ImportContext) -> None:
    """The 個別票2's 予算科目 rows: extraction ran their cells together, so they are kept as text."""
    if not sheet.second:
        return
    ctx.report(
        "H901",
        "/budget_sheet/sections",
        list({t.line.first: t.line for t in sheet.second}.values()),
        gettext_noop(
            "政策評価調書(個別票2)の予算科目の行は、抽出で欄(会計・組織/勘定・項・事項)の区切りが失われているため"
            "読み込んでいません。内容はこの指摘に保存しました。"
        ),
        input=" ".join(t.text for t in sheet.second),
    )
    read.used.update(id(t) for t in sheet.second)


def read(lines: Sequence[Line], *, name: str, layout: Layout) -> tuple[EvaluationReport, list[Issue]]:
    """A 平成2x 政策評価調書 (個別票1, with its 個別票2) → a report of kind 政策評価調書."""
    ctx = ImportContext(name=name, default_era=document_era(lines))
    tokens = _tokens(lines)
    _, sheets = _sheets(tokens)
    if not sheets:
        raise not_a_report(gettext_noop("政策評価調書（個別票1）がありません"), where=name)
    sheet = sheets[0]
    found = _read_sheet(sheet, ctx)
    if found.current_year is None:
        raise not_a_report(
            gettext_noop("政策評価調書に年度が書かれていません（年度の列も概算要求額もありません）"),
            where=name,
        )
    _second_unread(sheet, found, ctx)
    _report_leftovers([*sheet.tokens, *sheet.second], found.used, ctx)
    for extra in sheets[1:]:
        _extra_sheet(extra, ctx)
    if not found.policy_name:
        ctx.absent("/title", gettext_noop("施策名がありません。施策名は空欄です。"))
    source = span_of(list({t.line.first: t.line for t in [*sheet.tokens, *sheet.second]}.values()))
    return budget_sheet_report(
        lines,
        ctx,
        layout,
        lambda: BudgetSheet(
            policy_name=found.policy_name,
            number=found.number,
            evaluation_method=found.method,
            achievement=found.achievement,
            unit="千円",
            current_year=found.current_year,
            next_year=found.next_year,
            totals=found.totals,
            source=source,
        ),
        year=found.current_year,
        budget=found.budget,
    )
