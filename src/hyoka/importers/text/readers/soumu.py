"""総務省's 主要な政策に係る評価書 in the standard 目標管理型 様式 (layout ``soumu``, docs/layouts.md).

The report's title line (「平成26年度主要な政策に係る評価書(モニタリング)」) gives the evaluation year and
whether the year is only monitored; its code line (「(総務省25-②)」) the ministry; 「政策2:適正な行政管理の
実施」 the 政策's number and title; the two texts after it 政策の概要 and 基本目標【達成すべき目標】; and the
table 政策の予算額・執行額等 the budget by year.

The budget table is the damaged part of the extracted text: its year headers come out of order and
apart from the numbers (「26年度」「25年度」 before them, 「24年度」「23年度」 much later), its row labels are
mixed in with the values (「当初予算(a)」 and 「執行額(千円)」 printed after everything else) and a row's
empty cells are simply missing. A row is placed only where its columns can be determined: a row
with one value per column is read from the left; a shorter row, or a run of numbers that holds two
rows, is placed only where exactly one placement makes 当初(a)+補正(b)+繰越し等(c) = 合計 in every column
(and prints 合計 wherever its three parts are printed). Whatever the arithmetic cannot place is left
empty and reported (H902, the numbers kept in ``input``), never assigned by guesswork.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from hyoka.core import (
    Budget,
    BudgetYear,
    EvaluationReport,
    Issue,
    Judgment,
    Objective,
    Paragraph,
    format_fiscal_year,
)
from hyoka.core.i18n import gettext_noop
from hyoka.core.numbering import DIGIT
from hyoka.core.wareki import EraYearError, era_year_regex, parse_era_year, western_year
from hyoka.importers.errors import not_a_report
from hyoka.importers.layout import Layout
from hyoka.importers.text.assemble import MinistryAbsent, finish_report, ministry_or_layout, report_unplaced
from hyoka.importers.text.cells import cell
from hyoka.importers.text.context import ImportContext, span_of
from hyoka.importers.text.normalise import Line
from hyoka.importers.text.segment import document_era

__all__ = ["read"]

_TITLE = re.compile(
    rf"(?P<year>{era_year_regex(era='era', number='number', digits='+')})年度"
    r"(?P<form>主要な政策に係る評価書|政策評価書)(?:\((?P<monitoring>モニタリング)\))?"
)
_CODE = re.compile(rf"^\((?P<ministry>\D+?)\s*(?P<code>{DIGIT}-\S+)\)$")
_ANY_ERA = re.compile(era_year_regex(era="era", digits="+") + "年")
_BARE_YEAR = re.compile(rf"^{era_year_regex(optional_era=True, digits='+')}年度$")
_NUMBER = re.compile(r"^[-△▲−]?\s*[0-9][0-9,]*(?:\.[0-9]+)?$")
_UNIT = re.compile(r"\((千円|百万円|億円)\)")

_FORM_LABELS = frozenset({"政策名", "(※1)", "政策の概要", "基本目標", "【達成すべき目標】", "分野"})
"""The left-hand labels of the standard form's first rows, printed before their values."""
_TABLE_LABELS = frozenset({"区分", "予算の", "状況(千円)", "状況(百万円)", "政策の予算額・執行額等"})
"""The budget table's title and header cells."""
_ROWS = ("initial", "supplementary", "carryover", "total", "executed")
_ROW_LABELS = (
    re.compile(r"^当初予算\(a\)$"),
    re.compile(r"^補正予算\(b\)$"),
    re.compile(r"^繰越し?等\(c\)$"),
    re.compile(r"^合計\(a\+b\+c\)$"),
    re.compile(r"^執行額(?:\((?:千円|百万円|億円)\))?$"),
)
_ROW_NAMES = ("当初予算(a)", "補正予算(b)", "繰越し等(c)", "合計(a+b+c)", "執行額")
_MAX_COLUMNS = 8
_MAX_PLACEMENTS = 100_000
"""More placements than this to try: the table is read only where a row has one value per column."""
_NO_MINISTRY = MinistryAbsent(
    from_layout=gettext_noop(
        "府省名の行(「(総務省25-②)」)がありません。様式「{layout}」の府省「{ministry}」としました。"
    ),
    empty=gettext_noop("府省名の行(「(総務省25-②)」)がありません。府省名は空欄です。"),
)
"""The code line names the ministry (「(総務省25-②)」)."""


def _row_of(text: str) -> int | None:
    return next((i for i, pattern in enumerate(_ROW_LABELS) if pattern.match(text)), None)


# --- the budget table ----------------------------------------------------------------------------------


@dataclass
class _Run:
    """Consecutive number lines, and the rows they may belong to (``first``..``last``)."""

    lines: list[Line]
    first: int
    last: int = -1
    anchored: bool = False

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)


@dataclass
class _Table:
    years: list[int] = field(default_factory=list)
    unit: str | None = None
    runs: list[_Run] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)


def _table(lines: Sequence[Line], ctx: ImportContext) -> _Table | None:
    """The budget table's lines: its block (from its title or header to the last number run) and
    the year headers and row labels the extraction put elsewhere (a cluster of bare 「N年度」 lines and
    row labels with no numbers after them)."""
    start = next((i for i, line in enumerate(lines) if line.text in _TABLE_LABELS), None)
    if start is None:
        return None
    table = _Table()
    end = start
    for i in range(start, len(lines)):
        text = lines[i].text
        in_table = not text or text in _TABLE_LABELS or _NUMBER.match(text) or _BARE_YEAR.match(text)
        if in_table or _row_of(text) is not None:
            end = i
        else:
            break
    block = list(lines[start : end + 1])
    detached: list[Line] = []
    for i in range(end + 1, len(lines)):
        if _row_of(lines[i].text) is None:
            continue
        j = i
        while j > end + 1 and (_BARE_YEAR.match(lines[j - 1].text) or _row_of(lines[j - 1].text) is not None):
            j -= 1
        detached.extend(line for line in lines[j : i + 1] if line not in detached)
    table.lines = [line for line in [*block, *detached] if line.text]
    years: set[int] = set()
    for line in table.lines:
        if _BARE_YEAR.match(line.text):
            try:
                years.add(parse_era_year(line.text, default_era=ctx.default_era))
            except EraYearError:
                continue
        if unit := _UNIT.search(line.text):
            table.unit = unit.group(1)
    table.years = sorted(years)
    # runs of numbers, each anchored to the row label just before it (if any)
    label: int | None = None
    current: _Run | None = None
    for line in block:
        if not line.text:
            continue
        if _NUMBER.match(line.text):
            if current is None:
                current = _Run(lines=[], first=label if label is not None else -1, anchored=label is not None)
                table.runs.append(current)
            current.lines.append(line)
            label = None
            continue
        current = None
        label = _row_of(line.text)
    cursor = 0
    for run in table.runs:
        if not run.anchored:
            run.first = cursor
        cursor = run.first + 1
    for index, run in enumerate(table.runs):
        after = table.runs[index + 1] if index + 1 < len(table.runs) else None
        run.last = max((after.first - 1) if after is not None else len(_ROWS) - 1, run.first)
    return table


def _injections(count: int, columns: int) -> list[tuple[int, ...]]:
    """The ways ``count`` values, in order, can sit in ``columns`` columns."""
    return list(itertools.combinations(range(columns), count)) if count <= columns else []


def _run_options(run: _Run, columns: int) -> list[list[tuple[int, int, int]]]:
    """Every placement of a run's values: (row, column, index of the value) triples ([] when there
    are none, or too many to try)."""
    rows = list(range(run.first, min(run.last, len(_ROWS) - 1) + 1))
    count = len(run.lines)
    options: list[list[tuple[int, int, int]]] = []

    def split(rows_left: list[int], offset: int) -> Iterator[list[tuple[int, int]]]:
        if len(rows_left) == 1:
            if count - offset <= columns:
                yield [(rows_left[0], count - offset)]
            return
        for size in range(0, min(columns, count - offset) + 1):
            for rest in split(rows_left[1:], offset + size):
                yield [(rows_left[0], size), *rest]

    for sizes in split(rows, 0):
        per_row: list[list[list[tuple[int, int, int]]]] = []
        offset = 0
        for row, size in sizes:
            per_row.append(
                [
                    [(row, col, offset + k) for k, col in enumerate(cols)]
                    for cols in _injections(size, columns)
                ]
            )
            offset += size
        for combo in itertools.product(*per_row):
            options.append([triple for part in combo for triple in part])
            if len(options) > _MAX_PLACEMENTS:
                return []
    return options


def _consistent(grid: dict[tuple[int, int], Decimal], columns: int) -> bool:
    """当初+補正+繰越し等 = 合計 in every column with a 合計, and a 合計 wherever its three parts are."""
    for col in range(columns):
        parts = [grid.get((row, col)) for row in range(3)]
        total = grid.get((3, col))
        if total is None:
            if all(part is not None for part in parts):
                return False
            continue
        if parts[0] is None or sum((p for p in parts if p is not None), Decimal(0)) != total:
            return False
    return True


def _solutions(table: _Table, numeric: list[list[Decimal]]) -> list[dict[tuple[int, int], tuple[int, int]]]:
    """Every placement of all runs (cell → (run, index of the value)) that is consistent; [] when
    none is, or when the text allows too many to try."""
    columns = len(table.years)
    per_run = [_run_options(run, columns) for run in table.runs]
    if any(not options for options in per_run) or _product(len(o) for o in per_run) > _MAX_PLACEMENTS:
        return []
    solutions: list[dict[tuple[int, int], tuple[int, int]]] = []
    for combo in itertools.product(*per_run):
        placed: dict[tuple[int, int], tuple[int, int]] = {}
        for number, option in enumerate(combo):
            for row, col, index in option:
                placed[(row, col)] = (number, index)
        if len(placed) != sum(len(option) for option in combo):
            continue  # two runs in one cell
        grid = {key: numeric[number][index] for key, (number, index) in placed.items()}
        if _consistent(grid, columns):
            solutions.append(placed)
    return solutions


def _product(counts: Iterator[int] | Sequence[int]) -> int:
    total = 1
    for count in counts:
        total *= count
    return total


def _budget(table: _Table, ctx: ImportContext, unit: str) -> Budget:
    """Place each run's values in the table's cells where the text determines them (see the module)."""
    columns = len(table.years)
    budget_years = [BudgetYear(fiscal_year=year) for year in table.years]
    cells = [[cell(line.text, ctx, line, "/budget", unit) for line in run.lines] for run in table.runs]
    numeric = [[c.value if c.value is not None else Decimal(0) for c in run] for run in cells]
    solutions = _solutions(table, numeric) if 0 < columns <= _MAX_COLUMNS else []
    decided: dict[tuple[int, int], tuple[int, int]] = {}
    if solutions:
        for key in {key for solution in solutions for key in solution}:
            found = {solution.get(key) for solution in solutions}
            if len(found) == 1 and (value := found.pop()) is not None:
                decided[key] = value
    else:  # no placement adds up: only a row with one value per column is read (from the left)
        for number, run in enumerate(table.runs):
            if run.first == run.last and len(run.lines) == columns:
                decided.update({(run.first, col): (number, col) for col in range(columns)})
    for number, run in enumerate(table.runs):
        ctx.use_all(run.lines)
        mine = {key: value for key, value in decided.items() if value[0] == number}
        for (row, col), (_, index) in mine.items():
            budget_years[col] = budget_years[col].model_copy(update={_ROWS[row]: cells[number][index]})
        placed = {index for _, index in mine.values()}
        unresolved = [line for index, line in enumerate(run.lines) if index not in placed]
        if unresolved or not (run.first == run.last and len(run.lines) == columns):
            _report_run(ctx, run, table.years, mine, unresolved)
    return Budget(unit=unit, years=budget_years)


def _report_run(
    ctx: ImportContext,
    run: _Run,
    years: list[int],
    placed: dict[tuple[int, int], tuple[int, int]],
    unresolved: list[Line],
) -> None:
    """H902 for a run whose values are not one per column: how they were placed, and which could not be."""
    alignment = {
        f"{years[col]}/{_ROWS[row]}": run.lines[index].text
        for (row, col), (_, index) in sorted(placed.items())
    }
    templates: list[str] = []
    if unresolved:
        templates.append(
            gettext_noop(
                "予算額・執行額の表の{rows}の値「{text}」のうち、「{unresolved}」はどの年度({years})の欄のものか"
                "文書から決められません。これらの欄は空欄とし、値はこの指摘に保存しました。"
            )
        )
        if placed:
            templates.append(
                gettext_noop(
                    "ほかの値は、当初予算(a)+補正予算(b)+繰越し等(c)=合計が各年度で成り立つ置き方が1通りだけなので、"
                    "その置き方で読みました。"
                )
            )
    else:
        templates.append(
            gettext_noop(
                "予算額・執行額の表の{rows}の値「{text}」は、各年度の欄に1つずつ並んでいません。"
                "当初予算(a)+補正予算(b)+繰越し等(c)=合計が各年度で成り立つ置き方が1通りだけなので、"
                "その置き方で読みました。"
            )
        )
    ctx.report(
        "H902",
        "/budget",
        run.lines,
        templates,
        input=run.text,
        context={
            "cells": [line.text for line in run.lines],
            "alignment": alignment,
            "unresolved": [line.text for line in unresolved],
        },
        rows="・".join(_ROW_NAMES[row] for row in range(run.first, run.last + 1)),
        text=run.text,
        unresolved=" ".join(line.text for line in unresolved),
        years="・".join(format_fiscal_year(year) for year in years),
    )


# --- the header and the first rows ---------------------------------------------------------------------


@dataclass
class _Header:
    evaluation_year: int | None = None
    monitoring: bool = False
    ministry: str | None = None
    report_code: str | None = None
    measure_number: str | None = None
    title: str | None = None
    title_index: int | None = None


def _leftover(ctx: ImportContext, line: Line, text: str) -> None:
    """Text on a line the reader used that is not the report's (a mirror's page title joined to the
    report's title line): reported as unplaced (H901), kept in the finding."""
    text = text.strip(" -")
    if text:
        report_unplaced([Line(text, line.first, line.last, line.indent)], ctx)


def _header(lines: Sequence[Line], ctx: ImportContext, layout: Layout) -> _Header:
    header = _Header()
    measure = re.compile(rf"^{re.escape(layout.measure_word)}(?P<number>{DIGIT})[::]\s*(?P<title>.+)$")
    for index, line in enumerate(lines):
        if header.evaluation_year is None and (match := _TITLE.search(line.text)):
            header.evaluation_year = western_year(match.group("era"), match.group("number"))
            header.monitoring = match.group("monitoring") is not None
            _leftover(ctx, line, line.text[: match.start()])
            _leftover(ctx, line, line.text[match.end() :])
            ctx.use(line)
        elif header.ministry is None and (match := _CODE.match(line.text)):
            header.ministry = match.group("ministry")
            header.report_code = f"{match.group('ministry')} {match.group('code')}"
            ctx.use(line)
        elif header.measure_number is None and (match := measure.match(line.text)):
            header.measure_number = match.group("number")
            header.title = match.group("title").strip()
            header.title_index = index
            ctx.use(line)
        elif line.text in _FORM_LABELS:
            ctx.use(line)
    return header


def _outline_and_objectives(
    lines: Sequence[Line], ctx: ImportContext, header: _Header
) -> tuple[list[Paragraph], list[Objective]]:
    """政策の概要 and 基本目標【達成すべき目標】: the two texts between the 政策名 row and the budget
    table, each ending with 「。」 (the form prints them in that order). Read only when there are
    exactly two; otherwise left unplaced (H901)."""
    if header.title_index is None:
        return [], []
    blocks: list[list[Line]] = [[]]
    for line in lines[header.title_index + 1 :]:
        if not line.text:
            continue
        if line.text in _TABLE_LABELS or _row_of(line.text) is not None or line.first in ctx.used:
            break
        blocks[-1].append(line)
        if line.text.endswith("。"):
            blocks.append([])
    blocks = [block for block in blocks if block]
    if len(blocks) != 2 or not all(block[-1].text.endswith("。") for block in blocks):
        return [], []
    outline, objective = ("".join(line.text for line in block) for block in blocks)
    ctx.use_all(blocks[0])
    ctx.use_all(blocks[1])
    return [Paragraph(text=outline)], [Objective(text=objective)]


# --- the report ----------------------------------------------------------------------------------------


def read(lines: Sequence[Line], *, name: str, layout: Layout) -> tuple[EvaluationReport, list[Issue]]:
    """A 総務省 評価書 of the standard form; H906 for each part the text does not hold."""
    ctx = ImportContext(name=name, default_era=document_era(lines))
    header = _header(lines, ctx, layout)
    outline, objectives = _outline_and_objectives(lines, ctx, header)
    table = _table(lines, ctx)
    unit = layout.unit
    budget = Budget(unit=unit)
    if table is not None:
        unit = table.unit or layout.unit
        ctx.use_all(line for line in table.lines if not _NUMBER.match(line.text))
        budget = _budget(table, ctx, unit)
    else:
        ctx.absent("/budget", gettext_noop("政策の予算額・執行額等の表がありません。予算額は空欄です。"))
    evaluation_year = header.evaluation_year
    if evaluation_year is None:
        if not budget.years:
            raise not_a_report(
                gettext_noop(
                    "評価年度が書かれていません（「平成26年度主要な政策に係る評価書」の行も予算表もありません）"
                ),
                where=name,
            )
        evaluation_year = max(year.fiscal_year for year in budget.years)
        ctx.absent(
            "/evaluation_year",
            gettext_noop(
                "評価年度の行(「平成26年度主要な政策に係る評価書」)がありません。{where}から{year}と読みました。"
            ),
            where="政策の予算額・執行額等",
            year=f"{format_fiscal_year(evaluation_year)} ({evaluation_year}年度)",
        )
    ministry = ministry_or_layout(header.ministry, layout, ctx, _NO_MINISTRY)
    if header.measure_number is None:
        ctx.absent(
            "/measure_number",
            gettext_noop(
                "{word}名の行(「{word}2:適正な行政管理の実施」)がありません。番号と名称は空欄です。"
            ),
            word=layout.measure_word,
        )
    judgment = Judgment(monitoring_only=True) if header.monitoring else Judgment()
    if not header.monitoring:
        ctx.absent("/judgment", gettext_noop("目標達成度の区分(評価結果)がありません。判定は空欄です。"))
    ctx.absent(
        "/areas",
        gettext_noop("測定指標の表の行がありません。測定指標は空欄です。"),
    )
    return finish_report(
        lines,
        ctx,
        lambda: EvaluationReport(
            ministry=ministry,
            report_code=header.report_code,
            measure_number=header.measure_number or "",
            title=header.title or "",
            evaluation_year=evaluation_year,
            outline=outline,
            objectives=objectives,
            budget=budget,
            judgment=judgment,
            source=span_of(lines),
        ),
    )
