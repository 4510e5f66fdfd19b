"""The evaluation sheet (評価書 page 1): header, objectives, budget table, judgment, results
summary, notes, expert opinions, bureau and date."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from hyoka.core import (
    Budget,
    BudgetYear,
    Cell,
    EraYearError,
    ExpertOpinion,
    ExpertOpinions,
    Judgment,
    Note,
    Objective,
    SummaryEntry,
    Tier,
    parse_era_year,
)
from hyoka.core.i18n import gettext_noop
from hyoka.core.numbering import DIGIT, MOFA_INDICATOR_ID, PAREN_DIGIT, ROMAN
from hyoka.core.wareki import era_year_regex, western_year
from hyoka.importers.text.cells import cell, row_cells
from hyoka.importers.text.context import ImportContext, span_of
from hyoka.importers.text.normalise import Line
from hyoka.importers.text.paragraphs import strip_bullet
from hyoka.importers.text.years import parse_year_list

__all__ = ["BUDGET_ROWS", "EvaluationSheet", "parse_evaluation_sheet", "parse_header"]

_HEADER_MEASURE = re.compile(rf"^施策({ROMAN}-[0-9]+)(.*)$")
_HEADER_YEAR = re.compile(rf"^({era_year_regex(digits='+')}年度)政策評価書$")
_HEADER_CODE = re.compile(rf"^\((\S+?)([0-9]+-{ROMAN}-[0-9]+)\)$")
_OBJECTIVE_SPLIT = re.compile(rf"(?:^|(?<=。)\s+)({PAREN_DIGIT}|{DIGIT})\s*")
_JUDGMENT = re.compile(r"^(?:\((?P<legend>[^)]*)\))?\s*(?P<label>[^()]+?)\s*(?:\((?P<letter>[A-Za-z])\))?$")
"""「(各行政機関共通区分) 相当程度進展あり (B)」; a letter of the wrong case 「(b)」 is kept for the rules."""
_SUMMARY_ID = re.compile(rf"^(\*)?\s*({MOFA_INDICATOR_ID})$")
_AREA = re.compile(r"^個別分野([0-9]+)\s*(.*)$")
_NOTE = re.compile(r"^\((注\s*[0-9]*|※)\)\s*(.*)$")
_YEAR_MONTH = re.compile(rf"^{era_year_regex(era='era', number='number', digits='+')}年([0-9]{{1,2}})月")
BUDGET_ROWS = {
    "当初予算": "initial",
    "補正予算": "supplementary",
    "繰越し等": "carryover",
    "合計": "total",
    "執行額": "executed",
}
"""The rows of the 施策の予算額・執行額等 table by the label they start with, and the ``BudgetYear``
field each holds; every reader of that table (this sheet's, 厚生労働省's) reads its rows from here."""


def _in_budget(first: str) -> bool:
    """A row of the budget table starts empty or with a row label (執行額); the 評価結果 row right
    after the table (when no (※) note comes between) does not."""
    return not first or any(first.startswith(label) for label in BUDGET_ROWS)


@dataclass
class EvaluationSheet:
    title: str | None = None
    objectives: list[Objective] = field(default_factory=list)
    budget: Budget = field(default_factory=Budget)
    judgment: Judgment = field(default_factory=Judgment)
    summary: list[SummaryEntry] = field(default_factory=list)
    window: list[int] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    experts: ExpertOpinions = field(default_factory=ExpertOpinions)
    bureau: str | None = None
    evaluated_on: str | None = None


@dataclass
class Header:
    ministry: str | None = None
    report_code: str | None = None
    measure_number: str | None = None
    title: str | None = None
    evaluation_year: int | None = None


def parse_header(lines: Sequence[Line], ctx: ImportContext) -> Header:
    header = Header()
    for line in lines:
        text = line.text.strip()
        if match := _HEADER_MEASURE.match(text):
            header.measure_number, header.title = match.group(1), match.group(2).strip() or None
        elif match := _HEADER_YEAR.match(text):
            try:
                header.evaluation_year = parse_era_year(match.group(1))
            except EraYearError:
                continue
        elif match := _HEADER_CODE.match(text):
            header.ministry = match.group(1)
            header.report_code = f"{match.group(1)} {match.group(2)}"
        else:
            continue
        ctx.use(line)
    return header


def _objectives(text: str, line: Line) -> list[Objective]:
    """「1 … (1) … (2) … 2 … (1) …」 in one cell → nested objectives."""
    parts = _OBJECTIVE_SPLIT.split(text)
    roots: list[Objective] = []
    span = span_of([line])
    lead = parts[0].strip()
    if lead:
        roots.append(Objective(text=lead, source=span))
    for number, body in zip(parts[1::2], parts[2::2], strict=True):
        number = number.strip()
        objective = Objective(number=number, text=body.strip(), source=span)
        if number.startswith("(") and roots:
            roots[-1].children.append(objective)
        else:
            roots.append(objective)
    return roots


def _budget(lines: Sequence[Line], ctx: ImportContext) -> Budget:
    header = row_cells(lines[0])
    years: list[tuple[int, int]] = []
    for index, text in enumerate(header):
        try:
            years.append((index, parse_era_year(text, default_era=ctx.default_era)))
        except EraYearError:
            continue
    values: dict[int, dict[str, Cell]] = {year: {} for _, year in years}
    unit = "百万円"
    for line in lines[1:]:
        cells = row_cells(line)
        label_index = next(
            (i for i, c in enumerate(cells) if any(c.startswith(k) for k in BUDGET_ROWS)), None
        )
        if label_index is None:
            continue
        ctx.use(line)
        if unit_match := re.search(r"\((千円|百万円)\)", line.text):
            unit = unit_match.group(1)
        label = cells[label_index]
        key = next(v for k, v in BUDGET_ROWS.items() if label.startswith(k))
        row = cells[label_index + 1 :]
        while len(row) > len(years) and row and not row[0]:
            row = row[1:]
        while len(row) > len(years) and row and not row[-1]:
            row = row[:-1]
        if len(row) != len(years):
            ctx.report(
                "H902",
                "/budget",
                [line],
                gettext_noop("予算表の行「{label}」の値の数({count})が年度の数({years})と一致しません。"),
                label=label,
                count=len(row),
                years=len(years),
                input=line.text,
                context={"cells": row, "years": [y for _, y in years]},
            )
        for position, ((_, year), text) in enumerate(zip(years, row, strict=False)):
            values[year][key] = cell(text, ctx, line, f"/budget/years/{position}/{key}", unit)
    budget_years = [BudgetYear(fiscal_year=year, source=span_of(lines), **values[year]) for _, year in years]
    return Budget(unit=unit, years=budget_years, source=span_of(lines))


def _judgment(cells: list[str], line: Line) -> Judgment:
    judgment = Judgment(source=span_of([line]))
    for text in cells[1:]:
        if text.startswith("(判断根拠)"):
            judgment.rationale = text.removeprefix("(判断根拠)").strip()
        elif match := _JUDGMENT.match(text):
            if text.startswith("目標達成度") or not match.group("legend"):
                continue
            judgment.legend = match.group("legend")
            judgment.label = match.group("label").strip()
            judgment.letter = match.group("letter")
            if judgment.label in {t.value for t in Tier}:
                judgment.tier = Tier(judgment.label)
            judgment.monitoring_only = "モニタリング" in judgment.label
    return judgment


def _summary_row(cells: list[str], line: Line, area: tuple[int | None, str | None]) -> SummaryEntry | None:
    filled = [c for c in cells if c]
    if len(filled) < 2:
        return None
    match = _SUMMARY_ID.match(filled[0])
    if match is None:
        return None
    grade = filled[2] if len(filled) > 2 else None
    return SummaryEntry(
        area_number=area[0],
        area_title=area[1],
        indicator_id=match.group(2),
        name=filled[1],
        is_main=match.group(1) is not None,
        recorded_grade=grade,
        source=span_of([line]),
    )


def _experts(lines: Sequence[Line], ctx: ImportContext) -> ExpertOpinions:
    ctx.use_all(lines)
    first = row_cells(lines[0])
    text = " ".join(c for c in first[1:] if c)
    group = None
    if match := re.match(r"^\(([^)]*)\)\s*", text):
        group, text = match.group(1), text[match.end() :]
    opinions: list[ExpertOpinion] = []
    for piece in re.split(r"(?:^|\s)・", text):
        if piece.strip():
            opinions.append(ExpertOpinion(text=piece.strip(), source=span_of([lines[0]])))
    for line in lines[1:]:
        body = strip_bullet(line.text)
        if body:
            opinions.append(ExpertOpinion(text=body, source=span_of([line])))
    return ExpertOpinions(group=group, opinions=opinions, source=span_of(lines))


def _year_month(text: str) -> str | None:
    match = _YEAR_MONTH.match(text)
    if match is None:
        return None
    era, number, month = match.groups()
    try:
        year = western_year(era, number)
    except EraYearError:
        return None
    return f"{year:04d}-{int(month):02d}" if 1 <= int(month) <= 12 else None


def parse_evaluation_sheet(lines: Sequence[Line], ctx: ImportContext) -> EvaluationSheet:
    sheet = EvaluationSheet()
    area: tuple[int | None, str | None] = (None, None)
    index = 0
    while index < len(lines):
        line = lines[index]
        cells = row_cells(line)
        first = cells[0]
        if first.startswith("施策名"):
            ctx.use(line)
            sheet.title = next((c for c in cells[1:] if c), None)
        elif first == "施策目標":
            ctx.use(line)
            sheet.objectives = _objectives(" ".join(c for c in cells[1:] if c), line)
        elif first.startswith("施策の予算額"):
            end = index + 1
            while end < len(lines) and lines[end].is_table and _in_budget(row_cells(lines[end])[0]):
                end += 1
            ctx.use(line)
            sheet.budget = _budget(lines[index:end], ctx)
            index = end
            continue
        elif first.startswith("評価結果"):
            ctx.use(line)
            sheet.judgment = _judgment(cells, line)
        elif match := _NOTE.match(first):
            ctx.use(line)
            mark = match.group(1).replace(" ", "")
            sheet.notes.append(Note(mark=mark, text=match.group(2).strip(), source=span_of([line])))
        elif first.startswith("学識経験"):
            end = index + 1
            while end < len(lines) and not lines[end].text.startswith("担当部局名"):
                end += 1
            sheet.experts = _experts(lines[index:end], ctx)
            index = end
            continue
        elif first.startswith("担当部局名"):
            ctx.use(line)
            sheet.bureau = cells[1] if len(cells) > 1 and cells[1] else None
            if "政策評価実施時期" in cells:
                when = cells[cells.index("政策評価実施時期") + 1 :]
                sheet.evaluated_on = _year_month(when[0]) if when else None
        elif line.is_table:
            for text in cells:
                if text.startswith("測定指標の") and "達成状況" in text:
                    try:
                        sheet.window = parse_year_list(
                            text.split("の", 1)[1].split("目標")[0], ctx.default_era
                        )
                    except EraYearError:
                        sheet.window = []
                elif match := _AREA.match(text):
                    area = (int(match.group(1)), match.group(2).strip() or None)
            entry = _summary_row(cells, line, area)
            if entry is not None:
                sheet.summary.append(entry)
            if entry is not None or any(c.startswith(("測定指標の", "個別分野")) for c in cells):
                ctx.use(line)
        index += 1
    return sheet
