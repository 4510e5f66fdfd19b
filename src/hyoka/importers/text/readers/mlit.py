"""国土交通省 政策チェックアップ: the 施策目標個票 (layout ``mlit-checkup``, docs/layouts.md).

A 施策目標個票 names its 施策目標 and its code 「施策目標個票(国土交通省22-③)」 (the ministry, the
check-up's year, the 施策目標's number), its 概要, its 評価 on the ministry's own scale
(「おおむね順調である」) and the 業績指標 tables: a header row 「初期値 実績値 評価 目標値」 over the
years (the 初期値's year, the 実績値 years, the 目標値's year), then per indicator its 初期値, its
実績値, its 評価 mark (「A-2」, 「B」) and its 目標値, sometimes with a 年度ごとの目標値 row.

The sheets hyoka has met come as PDF text flattened to one line, in two orders:

* **labels with their values** (平成22年度): 「業績指標 NAME 初期値実績値評価目標値 19年度 … 24年度
  50,997ha … A-2 約70,000ha 年度ごとの目標値 - - - - -」, a table's own items 「①NAME」 before their row;
* **values first, labels after** (the check-up published in 令和元年): every table's header and rows,
  then the labels 「15公共施設等のバリアフリー化率等 ①… ⑤都市公園における(ⅰ)…、(ⅱ)…、(ⅲ)…」 in a
  scrambled order. The rows are matched to the labels only when each table has as many rows as
  labelled items (the items in their numbering order, a table's sub-items (ⅰ)(ⅱ)(ⅲ) one row each),
  and the tables as many as the headers, in their numbers' order; otherwise nothing is placed (H902).

Nothing is guessed: a row with more or fewer values than its header (「90 9%」, a decimal point lost)
is not placed (H902); 「約70%」, 「77%(暫定値)」 and 「集計中」 are not numbers (H905, the cell empty with its
text kept); values that belong to no indicator (a page's banner, a 年度ごとの目標値 row without its
label) are reported with their text (H902); every other text not placed is reported (H901).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from hyoka.core import (
    AmountError,
    Area,
    Cell,
    DocumentKind,
    EraYearError,
    EvaluationReport,
    Indicator,
    IndicatorKind,
    IndicatorYear,
    Issue,
    Judgment,
    MidTermTarget,
    Objective,
    RecordedGrade,
    SeriesValue,
    Tier,
    format_fiscal_year,
    parse_cell,
    parse_era_year,
)
from hyoka.core.i18n import gettext_noop
from hyoka.core.numbering import CIRCLED, DIGIT, PAREN_ROMAN
from hyoka.core.wareki import era_year_regex
from hyoka.importers.errors import not_a_report, validated
from hyoka.importers.layout import Layout
from hyoka.importers.text.assemble import MinistryAbsent, ministry_or_layout, report_unplaced
from hyoka.importers.text.cells import cell
from hyoka.importers.text.context import ImportContext, span_of
from hyoka.importers.text.normalise import Line
from hyoka.importers.text.segment import document_era

__all__ = ["read"]

JUDGMENT_LEGEND = "国土交通省 施策目標の評価"
"""The legend of the ministry's own 評価 of a 施策目標 (「順調である」「おおむね順調である」…)."""

# --- the cells of a 業績指標 row ----------------------------------------------------------------------

_NUMBER = r"[△▲-]?[0-9][0-9,]*+(?:\.[0-9]++)?+"
_UNIT = r"(?:%|[a-z]++|(?:(?!集計中|約|年度)[\u3040-\u30ff\u4e00-\u9fff]){1,3}+)"
"""A unit written after a number: 「%」, 「ha」, 「駅」 (never 約 or 集計中, which start the next cell)."""
_VALUE = rf"(?>約?{_NUMBER}{_UNIT}?+(?:\([^()\n]*+\))?+|集計中|[-—―−](?![0-9]))"
"""One value cell as the flattened text writes it: 「50,997ha」, 「約91%」, 「77%(暫定値)」,
「約75%(24年度)」, 「集計中」, 「-」. Atomic, as every run of them below is possessive: a run of digits is
read one way only, so a long run without a mark costs one pass, never a search of its splits."""
_MARK = r"(?<![A-Za-z])[A-Z](?:-[0-9])?(?![A-Za-z])"
"""The 評価 of an indicator: 「A」, 「B」, 「A-2」."""
_VALUE_TOKEN = re.compile(_VALUE)
_RUN = re.compile(rf"(?<![0-9,.約])(?:{_VALUE}\s*+)++")
_VALUE_RUN = re.compile(rf"\s*+(?:{_VALUE}\s*+)++")
_TAIL = re.compile(rf"(?P<mark>{_MARK})\s*(?P<target>{_VALUE})")
"""After a run of 初期値 and 実績値 (as many as the header's years): the 評価 mark and the 目標値."""
_AMOUNT = re.compile(rf"(?P<number>{_NUMBER})(?P<unit>{_UNIT})?+")
_YEAR = rf"{era_year_regex(optional_era=True, abbreviated=True)}年度"
_YEAR_TOKEN = re.compile(_YEAR)
_TARGET_YEAR = re.compile(rf"^(?P<value>.+?)\((?P<year>{_YEAR})\)$")
"""A 目標値 with its year in the cell: 「約75%(24年度)」."""
_NOTE = re.compile(r"\([^()\n]*\)")
_HEADER = re.compile(rf"初期値(?:実績値)?(?:評価)?目標値(?P<years>(?:\s*(?:{_YEAR}|\([^()\n]*\)))+)")
_YEARLY = re.compile(rf"年度ごとの目標値\s*+(?P<values>(?:{_VALUE}\s*+)++)")

# --- the sheet's parts --------------------------------------------------------------------------------

_CODE = re.compile(
    r"(?:施策目標個票\s*)?\((?P<ministry>[^()0-9\s]+?)\s*(?P<year>[0-9]{1,2})-(?P<number>[^()\s]+)\)"
)
_NO_MINISTRY = MinistryAbsent(
    from_layout=gettext_noop(
        "府省名(「施策目標個票(国土交通省22-③)」の行)がありません。様式「{layout}」の府省「{ministry}」としました。"
    ),
    empty=gettext_noop("府省名(「施策目標個票(国土交通省22-③)」の行)がありません。府省名は空欄です。"),
)
"""The code line names the ministry."""
_PARTS = re.compile(
    "施策目標の概要及び達成すべき目標|施策目標の評価、達成状況及び今後の方向性|"
    "施策目標の達成状況及び今後の方向性|施策目標の評価"
)
_TITLE = re.compile(r"\s*施策目標(?![の個])")
_INDICATORS = "業績指標"
_QUOTED = re.compile(r"^「(.+)」$")

# --- the labels of a values-first sheet ---------------------------------------------------------------

_PROSE = re.compile(r"年度ごとの目標値|\(判断根拠\)|次期目標等への反映の方向性|評価結果")
"""The sheet's other labels, between which the 業績指標 labels are found in a values-first sheet."""
_SUB_ITEM = re.compile(PAREN_ROMAN)
"""A sub-item of a 業績指標 item: 「(ⅰ)」 (「(i)」 after NFKC)."""
_MARKER = re.compile(
    rf"(?P<circled>{CIRCLED})|(?:(?<=\s)|(?<=\*)|^)(?P<table>{DIGIT})(?=[^\s0-9%.,年])"
    rf"|(?:(?<=\s)|^)(?P<sub>{PAREN_ROMAN})(?=\s|$)"
)


@dataclass
class _Doc:
    """The document's lines joined into one text, each character traced to its line, and the
    characters a part was read from."""

    lines: Sequence[Line]
    text: str = ""
    starts: list[int] = field(default_factory=list)
    taken: bytearray = field(default_factory=bytearray)

    def __post_init__(self) -> None:
        offset = 0
        for line in self.lines:
            self.starts.append(offset)
            offset += len(line.text) + 1
        self.text = "\n".join(line.text for line in self.lines)
        self.taken = bytearray(len(self.text))

    def line_at(self, offset: int) -> Line:
        return self.lines[max(0, bisect.bisect_right(self.starts, offset) - 1)]

    def lines_of(self, start: int, end: int) -> list[Line]:
        first = bisect.bisect_right(self.starts, start) - 1
        last = bisect.bisect_right(self.starts, max(start, end - 1)) - 1
        return list(self.lines[max(0, first) : last + 1])

    def take(self, start: int, end: int) -> None:
        self.taken[start:end] = b"\x01" * (end - start)

    def fragments(self) -> Iterator[tuple[int, int]]:
        """The runs of text no part was read from, one line at a time, without their spaces."""
        for match in re.finditer(r"[^\n]+", self.text):
            start = match.start()
            for offset in range(match.start(), match.end() + 1):
                if offset == match.end() or self.taken[offset]:
                    piece = self.text[start:offset]
                    if piece.strip():
                        lead = len(piece) - len(piece.lstrip())
                        yield start + lead, start + len(piece.rstrip())
                    start = offset + 1


@dataclass
class _Token:
    text: str
    start: int


@dataclass
class _Row:
    start: int
    end: int
    values: list[_Token]
    mark: _Token
    target: _Token
    name: str = ""
    yearly: list[_Token] | None = None
    yearly_span: tuple[int, int] | None = None


@dataclass
class _Header:
    start: int
    end: int
    years: list[int]
    year_texts: list[str]
    notes: list[tuple[int, int]]
    rows: list[_Row] = field(default_factory=list)
    trailing: tuple[int, int] = (0, 0)


@dataclass
class _Item:
    """One labelled 業績指標 of a values-first sheet: its id, its name, whether it is main (*)."""

    id: str
    name: str
    is_main: bool


@dataclass
class _Table:
    number: int
    title: str = ""
    items: dict[int, tuple[str, int, int]] = field(default_factory=dict)
    """circled number → (its label text, start, end)"""


def _tokens(text: str, offset: int) -> list[_Token]:
    return [_Token(m.group(0), offset + m.start()) for m in _VALUE_TOKEN.finditer(text)]


class _Reader:
    def __init__(self, lines: Sequence[Line], name: str, layout: Layout) -> None:
        self.doc = _Doc(lines)
        self.ctx = ImportContext(name=name, default_era=document_era(lines))
        self.layout = layout
        self.name = name

    # --- cells ------------------------------------------------------------------------------------

    def value(self, token: _Token, location: str) -> Cell:
        """A number as written with its unit (「50,997ha」 → 50997 ha); anything else H905."""
        line = self.doc.line_at(token.start)
        if match := _AMOUNT.fullmatch(token.text):
            try:
                parsed = parse_cell(match["number"], match["unit"] or None)
            except AmountError:  # 「148,6634」: digits and commas that are not a number
                return cell(token.text, self.ctx, line, location)
            return parsed.model_copy(update={"raw": token.text})
        return cell(token.text, self.ctx, line, location)

    # --- the sheet's header parts -----------------------------------------------------------------

    def code(self) -> re.Match[str] | None:
        for pattern in self.layout.header_patterns:
            for found in pattern.finditer(self.doc.text):
                if match := _CODE.match(self.doc.text, found.start()):
                    self.doc.take(match.start(), match.end())
                    return match
        return None

    def parts(self, end: int, code: re.Match[str] | None) -> dict[str, str]:
        """The labelled parts before the 業績指標 (施策目標, 概要, 評価, 達成状況), each up to the next."""
        text = self.doc.text
        found: list[tuple[str, int, int]] = []
        seen: set[str] = set()
        for match in _PARTS.finditer(text, 0, end):
            if match.group(0) not in seen:
                seen.add(match.group(0))
                found.append((match.group(0), match.start(), match.end()))
        if code is not None and (title := _TITLE.match(text, code.end())) and title.end() <= end:
            found.append(("施策目標", title.start(), title.end()))
        found.sort(key=lambda part: part[1])
        parts: dict[str, str] = {}
        for index, (label, start, label_end) in enumerate(found):
            stop = found[index + 1][1] if index + 1 < len(found) else end
            content = text[label_end:stop].strip()
            self.doc.take(start, label_end)
            if content:
                parts[label] = content
                self.doc.take(label_end, stop)
        return parts

    # --- the 業績指標 tables ----------------------------------------------------------------------

    def headers(self) -> list[_Header]:
        text = self.doc.text
        found = list(_HEADER.finditer(text))
        headers: list[_Header] = []
        for index, match in enumerate(found):
            years_text = match.group("years")
            base = match.start("years")
            notes = [(base + m.start(), base + m.end()) for m in _NOTE.finditer(years_text)]
            bare = _NOTE.sub(lambda m: " " * len(m.group(0)), years_text)
            year_texts = [m.group(0) for m in _YEAR_TOKEN.finditer(bare)]
            try:
                years = [parse_era_year(t, default_era=self.ctx.default_era) for t in year_texts]
            except EraYearError:
                continue
            header = _Header(match.start(), match.end(), years, year_texts, notes)
            self.doc.take(match.start(), match.end())
            for start, end in notes:  # a note in the header is not read: reported with the leftovers
                self.doc.taken[start:end] = bytes(end - start)
            body_end = found[index + 1].start() if index + 1 < len(found) else len(text)
            self.rows(header, body_end)
            headers.append(header)
        return headers

    def next_row(self, pos: int, end: int) -> tuple[re.Match[str] | None, re.Match[str] | None]:
        """The first run of values after ``pos`` that a mark and a 目標値 follow: (the run, its tail)."""
        text = self.doc.text
        while (run := _RUN.search(text, pos, end)) is not None:
            if tail := _TAIL.match(text, run.end(), end):
                return run, tail
            pos = max(run.end(), pos + 1)
        return None, None

    def rows(self, header: _Header, end: int) -> None:
        """The rows after a header: each a run of values, the 評価 mark and the 目標値, in a sheet with
        labels before each row its item 「①NAME」, and its 年度ごとの目標値 when the label is there."""
        text = self.doc.text
        pos = header.end
        while True:
            match, tail = self.next_row(pos, end)
            if match is None or tail is None:
                break
            name = text[pos : match.start()].strip()
            if name and not re.match(CIRCLED, name):
                break
            values = _tokens(match.group(0), match.start())
            row = _Row(
                start=pos if name else match.start(),
                end=tail.end(),
                values=values,
                mark=_Token(tail.group("mark"), tail.start("mark")),
                target=_Token(tail.group("target"), tail.start("target")),
                name=name,
            )
            pos = tail.end()
            while pos < end and text[pos].isspace():
                pos += 1
            if yearly := _YEARLY.match(text, pos, end):
                row.yearly = _tokens(yearly.group("values"), yearly.start("values"))
                row.yearly_span = (yearly.start(), yearly.end())
                pos = yearly.end()
            header.rows.append(row)
        header.trailing = (pos, end)

    # --- one indicator ------------------------------------------------------------------------------

    def indicator(
        self, ident: str, name: str, is_main: bool, header: _Header, row: _Row | None, where: str
    ) -> Indicator:
        indicator = Indicator(id=ident, name=name, is_main=is_main, kind=IndicatorKind.QUANTITATIVE)
        if row is None:
            return indicator
        self.doc.take(row.start, row.end)
        actual_count = len(row.values) - 1
        if actual_count < 1 or len(header.years) not in (actual_count + 1, actual_count + 2):
            self.ctx.report(
                "H902",
                f"{where}/years",
                self.doc.lines_of(row.start, row.end),
                gettext_noop(
                    "業績指標{indicator}の行は、見出しの年度{years}つに対して初期値と実績値が{found}つです。"
                    "値の年度が決まらないため、この行の値は読み込んでいません。"
                ),
                indicator=ident,
                years=len(header.years),
                found=len(row.values),
                input=self.doc.text[row.start : row.end],
                context={"cells": [t.text for t in row.values], "years": header.year_texts},
            )
            return indicator
        base_year, actual_years = header.years[0], header.years[1 : 1 + actual_count]
        target_year = header.years[-1] if len(header.years) == actual_count + 2 else None
        target_year_text = header.year_texts[-1] if target_year is not None else None
        indicator.baseline = [SeriesValue(value=self.value(row.values[0], f"{where}/baseline"))]
        indicator.baseline_year = base_year
        targets = self.yearly(ident, row, actual_years, where)
        indicator.years = [
            IndicatorYear(
                fiscal_year=year,
                actuals=[SeriesValue(value=self.value(token, f"{where}/years/{index}/actuals"))],
                targets=[targets[index]] if targets else [],
            )
            for index, (year, token) in enumerate(zip(actual_years, row.values[1:], strict=True))
        ]
        indicator.recorded_grade = RecordedGrade(letter=row.mark.text)
        target_text = row.target.text
        value_token = row.target
        if found := _TARGET_YEAR.match(target_text):
            try:
                target_year = parse_era_year(found["year"], default_era=self.ctx.default_era)
                target_year_text = found["year"]
                value_token = _Token(found["value"], row.target.start)
            except EraYearError:
                pass
        indicator.mid_term_target = MidTermTarget(
            text=target_text,
            target_year=target_year,
            target_year_text=target_year_text,
            values=[SeriesValue(value=self.value(value_token, f"{where}/mid_term_target"))],
        )
        return indicator

    def yearly(self, ident: str, row: _Row, years: list[int], where: str) -> list[SeriesValue]:
        """The 年度ごとの目標値 of the 実績値 years, when the row has them, one per year."""
        if row.yearly is None or row.yearly_span is None:
            return []
        start, end = row.yearly_span
        self.doc.take(start, end)
        if len(row.yearly) != len(years):
            self.ctx.report(
                "H902",
                f"{where}/years",
                self.doc.lines_of(start, end),
                gettext_noop(
                    "業績指標{indicator}の年度ごとの目標値は、実績値の{years}年度に対して{found}つです。"
                    "目標値の年度が決まらないため、読み込んでいません。"
                ),
                indicator=ident,
                years=len(years),
                found=len(row.yearly),
                input=self.doc.text[start:end],
                context={"cells": [t.text for t in row.yearly]},
            )
            return []
        return [
            SeriesValue(value=self.value(token, f"{where}/years/{index}/targets"))
            for index, token in enumerate(row.yearly)
        ]

    # --- a sheet with its labels before the values -------------------------------------------------

    def labelled_areas(self, headers: list[_Header], region_start: int) -> list[Area]:
        """Each header with the name before it: 「NAME 初期値… ROW」 (one indicator) or
        「NAME 初期値… ①NAME ROW ②NAME ROW」 (a table of items)."""
        text = self.doc.text
        areas: list[Area] = []
        positional: list[str] = []
        seen: set[str] = set()
        start = region_start
        for position, header in enumerate(headers, start=1):
            title = text[start : header.start].strip()
            self.doc.take(start, header.start)
            written = re.match(rf"^({DIGIT})(?![0-9])\s*(.*)$", title)
            number = int(written.group(1)) if written else position
            title = written.group(2) if written else title
            base = str(number) if written else f"{_INDICATORS}{number}"
            where = f"/areas/{len(areas)}"
            indicators: list[Indicator] = []
            for row in header.rows:
                ident = f"{base}{row.name[0]}" if row.name else base
                if ident in seen:  # a second row with the same id: left for the leftovers (H901)
                    continue
                seen.add(ident)
                name, is_main = _name(row.name[1:] if row.name else title)
                if not written:
                    positional.append(ident)
                where_ind = f"{where}/indicators/{len(indicators)}"
                indicators.append(self.indicator(ident, name, is_main, header, row, where_ind))
            areas.append(Area(number=number, title=title.rstrip("*").strip(), indicators=indicators))
            start = header.trailing[0] if header is not headers[-1] else start
        if positional:
            self.ctx.absent(
                "/areas",
                gettext_noop("業績指標の番号がありません。表の順に{ids}としました。"),
                ids="、".join(positional),
            )
        return areas

    # --- a sheet with its values before the labels ---------------------------------------------------

    def values_first_areas(self, headers: list[_Header]) -> list[Area]:
        """All the headers and rows first, then the labels of every table, in any order."""
        start, end = headers[-1].trailing
        tables = self.tables(start, end)
        ordered = [tables[number] for number in sorted(tables)]
        items_of = [self.items(table) for table in ordered]
        matched = len(ordered) == len(headers)
        if not matched:
            self.ctx.report(
                "H902",
                "/areas",
                self.doc.lines_of(headers[0].start, end),
                gettext_noop(
                    "業績指標の表の見出しが{headers}つ、表の番号が{tables}つあります。"
                    "値の行がどの表のものか決まらないため、値は読み込んでいません。"
                ),
                headers=len(headers),
                tables=len(ordered),
                context={"tables": [table.number for table in ordered]},
            )
        areas: list[Area] = []
        for index, (table, items) in enumerate(zip(ordered, items_of, strict=True)):
            header = headers[index] if matched else None
            rows: list[_Row | None] = [None] * len(items)
            if header is not None and len(header.rows) == len(items):
                rows = list(header.rows)
            elif header is not None:
                self.ctx.report(
                    "H902",
                    f"/areas/{index}",
                    self.doc.lines_of(header.start, header.trailing[0]),
                    gettext_noop(
                        "業績指標の表{table}には値の行が{rows}行、業績指標が{items}つあります。"
                        "行と業績指標が対応しないため、この表の値は読み込んでいません。"
                    ),
                    table=table.number,
                    rows=len(header.rows),
                    items=len(items),
                    input=self.doc.text[header.start : header.trailing[0]],
                    context={"items": [item.id for item in items]},
                )
            where = f"/areas/{index}"
            indicators = [
                self.indicator(item.id, item.name, item.is_main, header, row, f"{where}/indicators/{i}")
                if header is not None
                else Indicator(
                    id=item.id, name=item.name, is_main=item.is_main, kind=IndicatorKind.QUANTITATIVE
                )
                for i, (item, row) in enumerate(zip(items, rows, strict=True))
            ]
            areas.append(Area(number=table.number, title=table.title, indicators=indicators))
        return areas

    def tables(self, start: int, end: int) -> dict[int, _Table]:
        """The labels after the values: 「15TITLE」 starts a table, 「①NAME」 an item of the table
        before it; an item that table already has, or one before any table, belongs to the one
        table it continues (⑥ after ⑤); an item no table continues is left (H901)."""
        text = self.doc.text
        tables: dict[int, _Table] = {}
        orphans: list[tuple[int, str, int, int]] = []
        subs: list[tuple[str, int, int]] = []
        bounds = [start, *[p for m in _PROSE.finditer(text, start, end) for p in (m.start(), m.end())], end]
        for seg_start, seg_end in zip(bounds[::2], bounds[1::2], strict=True):
            segment = text[seg_start:seg_end]
            lead = len(segment) - len(segment.lstrip())
            markers = list(_MARKER.finditer(segment.lstrip()))
            if not markers or markers[0].start() != 0:
                continue
            current: _Table | None = None
            for index, marker in enumerate(markers):
                piece_start = seg_start + lead + marker.start()
                piece_end = (
                    seg_start
                    + lead
                    + (markers[index + 1].start() if index + 1 < len(markers) else len(segment.lstrip()))
                )
                body = text[piece_start + len(marker.group(0)) : piece_end].strip()
                if marker.group("table"):
                    number = int(marker.group("table"))
                    current = tables.setdefault(number, _Table(number))
                    current.title = body.rstrip("*").strip()
                    self.doc.take(piece_start, piece_end)
                elif marker.group("circled"):
                    n = ord(marker.group("circled")) - 0x2460 + 1
                    if current is not None and n not in current.items:
                        current.items[n] = (body, piece_start, piece_end)
                    else:
                        orphans.append((n, body, piece_start, piece_end))
                else:
                    subs.append((marker.group("sub"), piece_start, piece_end))
        changed = True
        while orphans and changed:
            changed = False
            for orphan in list(orphans):
                n, body, piece_start, piece_end = orphan
                fits = [t for t in tables.values() if n not in t.items and (n - 1 in t.items)]
                if len(fits) == 1:
                    fits[0].items[n] = (body, piece_start, piece_end)
                    orphans.remove(orphan)
                    changed = True
        for table in tables.values():
            for _, piece_start, piece_end in table.items.values():
                self.doc.take(piece_start, piece_end)
        composite = {
            sub.group(0)
            for table in tables.values()
            for body, _, _ in table.items.values()
            for sub in _SUB_ITEM.finditer(body)
        }
        for key, piece_start, piece_end in subs:
            if key in composite:  # a sub-item's own row label 「(ⅱ)」: its name is in its item's label
                self.doc.take(piece_start, piece_end)
        return tables

    def items(self, table: _Table) -> list[_Item]:
        """A table's items in their numbering order; an item with sub-items 「⑤都市公園における(ⅰ)園路
        及び広場*、(ⅱ)駐車場、(ⅲ)便所のバリアフリー化率」 is one item per sub-item."""
        items: list[_Item] = []
        for n in sorted(table.items):
            body = table.items[n][0]
            circled = chr(0x2460 + n - 1)
            base = f"{table.number}{circled}"
            subs = list(_SUB_ITEM.finditer(body))
            if not subs:
                name, is_main = _name(body)
                items.append(_Item(base, name, is_main))
                continue
            prefix = body[: subs[0].start()].strip()
            parts = [
                body[sub.end() : subs[i + 1].start() if i + 1 < len(subs) else len(body)].strip()
                for i, sub in enumerate(subs)
            ]
            last = parts[-1]
            cut = last.find("の")
            suffix = last[cut:].rstrip("*").strip() if cut > 0 else ""
            if cut > 0:
                parts[-1] = last[:cut] + ("*" if last.rstrip().endswith("*") else "")
            for sub, part in zip(subs, parts, strict=True):
                own, is_main = _name(part.strip().rstrip("、,").strip())
                items.append(_Item(f"{base}{sub.group(0)}", f"{prefix}{own}{suffix}", is_main))
        return items

    # --- leftovers ------------------------------------------------------------------------------------

    def leftovers(self) -> None:
        """Values that belong to no indicator (H902) and every other text no part was read from (H901)."""
        doc = self.doc
        used_lines = {doc.line_at(i).first for i, flag in enumerate(doc.taken) if flag}
        for line in doc.lines:
            if line.first in used_lines:
                self.ctx.use(line)
        scratch = ImportContext(name=self.name, findings=self.ctx.findings)
        for start, end in doc.fragments():
            line = doc.line_at(start)
            if line.first not in used_lines:
                continue
            piece = doc.text[start:end]
            tokens = _tokens(piece, start)
            if len(tokens) >= 2 and _VALUE_RUN.fullmatch(piece):
                self.ctx.report(
                    "H902",
                    "/areas",
                    [line],
                    gettext_noop(
                        "どの業績指標のものか分からない値の並び「{text}」があります。値は読み込んでいません。"
                    ),
                    text=piece,
                    input=piece,
                    context={"cells": [t.text for t in tokens]},
                )
            else:
                report_unplaced([Line(piece, line.first, line.last, line.indent)], scratch)
        report_unplaced(doc.lines, self.ctx)

    # --- the report -----------------------------------------------------------------------------------

    def read(self) -> tuple[EvaluationReport, list[Issue]]:
        # a part past the model's bounds (a name too long) is the document's error
        report = validated(
            self.build, what=gettext_noop("本文から正しい評価書を組み立てられません"), where=self.name
        )
        self.leftovers()
        return report, self.ctx.findings

    def build(self) -> EvaluationReport:
        ctx, text = self.ctx, self.doc.text
        code = self.code()
        headers = self.headers()
        first = headers[0].start if headers else len(text)
        label = text.rfind(_INDICATORS, code.end() if code else 0, first)
        labels_first = label >= 0 and bool(text[label + len(_INDICATORS) : first].strip())
        region = label if labels_first else first
        parts = self.parts(region, code)
        if labels_first:
            self.doc.take(label, label + len(_INDICATORS))
        if not headers:
            areas: list[Area] = []
            ctx.absent("/areas", gettext_noop("業績指標の表(初期値・実績値・評価・目標値)がありません。"))
        elif labels_first:
            areas = self.labelled_areas(headers, label + len(_INDICATORS))
        else:
            areas = self.values_first_areas(headers)

        evaluation_year = self.evaluation_year(code, headers)
        ministry = ministry_or_layout(code["ministry"] if code else None, self.layout, ctx, _NO_MINISTRY)
        measure_number = code["number"] if code else ""
        if not measure_number:
            ctx.absent(
                "/measure_number",
                gettext_noop(
                    "施策目標個票の番号(「(国土交通省22-③)」)がありません。施策目標の番号は空欄です。"
                ),
            )
        title = parts.get("施策目標", "")
        if not title:
            ctx.absent("/title", gettext_noop("施策名がありません。施策名は空欄です。"))
        judgment, others = self.judgment(parts)
        objectives = (
            [Objective(text=parts["施策目標の概要及び達成すべき目標"])]
            if "施策目標の概要及び達成すべき目標" in parts
            else []
        )
        return EvaluationReport(
            kind=DocumentKind.EVALUATION,
            ministry=ministry,
            report_code=f"{code['ministry']} {code['year']}-{code['number']}" if code else None,
            measure_number=measure_number,
            title=title,
            evaluation_year=evaluation_year,
            objectives=objectives,
            judgment=judgment,
            other_judgments=others,
            areas=areas,
            source=span_of(self.doc.lines),
        )

    def evaluation_year(self, code: re.Match[str] | None, headers: list[_Header]) -> int:
        """The year the check-up is made in: the year after the one it measures. 国土交通省 names a
        check-up, and numbers its sheet 「(国土交通省22-③)」, by the year of the 実績値 it measures
        (平成22年度's sheet ends with 22年度's, provisional, values) and makes it the year after; the
        shared code's year is the measured year in every ministry (外務省 1-I-2 in the 令和2年度 評価書,
        総務省25-② in the 平成26年度 one), so hyoka's ``evaluation_year`` is that year + 1 here too.
        Without a code, the last 実績値 year of the tables is the measured year. Either way the sheet
        does not print the year it is made in: said with H906."""
        measured: int | None = None
        source = ""
        if code is not None:
            try:
                measured = parse_era_year(f"{code['year']}年度", default_era=self.ctx.default_era)
                source = f"({code['ministry']}{code['year']}-{code['number']})"
            except EraYearError:
                measured = None
        if measured is None:
            actual_years = [
                year
                for header in headers
                for row in header.rows[:1]
                for year in header.years[1 : len(row.values)]
            ]
            if not actual_years:
                raise not_a_report(
                    gettext_noop(
                        "施策目標個票に年度が書かれていません"
                        "（「(国土交通省22-③)」の番号も年度のある業績指標の表もありません）"
                    ),
                    where=self.name,
                )
            measured = max(actual_years)
            self.ctx.absent(
                "/evaluation_year",
                gettext_noop(
                    "評価年度(「施策目標個票(国土交通省22-③)」の年度)がありません。業績指標の実績値の最後の年度"
                    "{measured}の翌年度の{year}と読みました。"
                ),
                measured=f"{format_fiscal_year(measured)} ({measured}年度)",
                year=f"{format_fiscal_year(measured + 1)} ({measured + 1}年度)",
            )
        else:
            self.ctx.absent(
                "/evaluation_year",
                gettext_noop(
                    "評価を行う年度の記載がありません。番号「{number}」の年度(実績値の年度){measured}の翌年度の"
                    "{year}と読みました。"
                ),
                number=source,
                measured=f"{format_fiscal_year(measured)} ({measured}年度)",
                year=f"{format_fiscal_year(measured + 1)} ({measured + 1}年度)",
            )
        return measured + 1

    def judgment(self, parts: dict[str, str]) -> tuple[Judgment, list[Judgment]]:
        """The 施策目標の評価: one of the shared five tiers when it is one, else the ministry's own."""
        written = parts.get("施策目標の評価")
        rationale = parts.get("施策目標の達成状況及び今後の方向性")
        if written is None:
            self.ctx.absent("/judgment", gettext_noop("施策目標の評価がありません。評価は空欄です。"))
            return Judgment(), []
        label = match.group(1) if (match := _QUOTED.match(written)) else written
        tiers = {tier.value: tier for tier in Tier}
        if label in tiers:
            return Judgment(tier=tiers[label], label=label, rationale=rationale), []
        self.ctx.absent(
            "/judgment",
            gettext_noop(
                "施策目標の評価「{label}」は国土交通省の区分です。各行政機関共通区分の評価は文書にありません。"
            ),
            label=label,
        )
        return Judgment(), [Judgment(legend=JUDGMENT_LEGEND, label=label, rationale=rationale)]


def _name(text: str) -> tuple[str, bool]:
    """An indicator's name without its 「*」 (a main indicator), and whether it had one."""
    stripped = text.strip()
    return stripped.replace("*", "").strip(), "*" in stripped


def read(lines: Sequence[Line], *, name: str, layout: Layout) -> tuple[EvaluationReport, list[Issue]]:
    """A 施策目標個票 of 国土交通省's 政策チェックアップ (see the module's docstring)."""
    return _Reader(lines, name, layout).read()
