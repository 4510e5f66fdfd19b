"""The 事前分析表 reader: 施策名, 担当部局名, 作成責任者名, 施策の概要, 達成すべき目標,
目標設定の考え方・根拠, 政策評価実施予定時期, 測定指標 and 達成手段.

Made from 厚生労働省's 「令和7年度実施施策に係る政策評価の事前分析表」 (samples/real/mhlw-r7-jizen-*.txt:
the ministry's 資料 for its 政策評価に関する有識者会議 WG, as a mirror site's text), and tried on 消費者庁's
平成23・25年度 sheets of the standard 様式 (samples/real/caa-h2x-jizen-1.txt). The sheet is a wide table;
its text comes cell by cell, one cell a line, with the columns of several rows interleaved. Before reading,
a label wrapped in its cell (「政策評価」「実施予定時期」) is one line again, and a sheet flattened to one
line is cut at its title, code and labels (``_cut``; each piece read or reported by itself). The reader
then reads only what the order of the lines decides:

* the header: the fiscal year (「令和7年度実施施策に係る政策評価の事前分析表」), the ministry and the
  measure number (「(厚生労働省7(Ⅰ-5-2))」「(消費者庁23-(1))」), the 施策目標名 (the first cell
  after labels standing together), the 担当部局名 (never a 政策体系上の位置付け, 「(政策分野)…」) and
  the 作成責任者名;
* the 施策の概要 written above its label (the label is centred in its row, so its text comes first),
  else after it; a label's cell joined to it on one line once spaces are removed (「担当部局名健康局総務課」);
* 達成すべき目標, 目標設定の考え方・根拠 and 政策評価実施予定時期 wherever their labels are: the text on the
  label's line and the lines after it, up to the next label or table (the 予定時期: one line, a date);
* 測定指標 whose numbers (①, ④ ⑤) are followed at once by as many names, each ended by its kind
  (「(アウトカム)」「(アウトプット)」) and, before that, its source (「(予防接種課調べ)」);
* 達成手段 whose numbers (「(1)」) are followed at once by as many names, each ended by its 開始年度
  (「(平成10年度)」); with one 達成手段 in a run, the 関連する指標番号 after the header; the k-th
  outline paragraph of a run for its k-th 達成手段, and the 行政事業レビューシート予算事業ID right after an
  outline for that 達成手段.

Values whose column the order does not decide (基準値, 目標値 and their years, amounts in 億円, a name
not next to its number) are never assigned: they are reported (H902) with their text kept. Every other
line is placed, or reported as unplaced (H901). The mirror site's wrapper lines are skipped and counted.
A part not read is H906, saying whether its label is absent (a page not in the excerpt) or there with no
text the reader can place after it (docs/findings/H906.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from hyoka.core import (
    Area,
    DocumentKind,
    EvaluationReport,
    Indicator,
    IndicatorKind,
    Issue,
    Objective,
    Paragraph,
    format_fiscal_year,
)
from hyoka.core.i18n import gettext_noop
from hyoka.core.means import AchievementMeans
from hyoka.core.numbering import CIRCLED
from hyoka.core.wareki import era_year_regex, western_year
from hyoka.importers.errors import not_a_report
from hyoka.importers.layout import Layout
from hyoka.importers.text.assemble import MinistryAbsent, finish_report, ministry_or_layout, report_unplaced
from hyoka.importers.text.context import ImportContext, span_of
from hyoka.importers.text.mirror import MIRROR_FIRST, mirror_end, skip_mirror
from hyoka.importers.text.normalise import Line
from hyoka.importers.text.segment import document_era

__all__ = ["read"]

_YEAR = era_year_regex(era="era", number="number")
_TITLE_TEXT = rf"{_YEAR}年度(?:実施施策に係る)?(?:政策評価の?)?事前分析表"
_TITLE = re.compile(rf"^{_TITLE_TEXT}")
_TITLE_ANYWHERE = re.compile(_TITLE_TEXT)
_CODE_TEXT = r"\((?P<code>(?P<ministry>[^0-9()]+?)[0-9]+[-−‐]?\((?P<measure>[^()]+)\))\)"
_CODE = re.compile(rf"^{_CODE_TEXT}$")
"""The code line: 「(厚生労働省7(Ⅰ-5-2))」, 「(消費者庁23-(1))」 (a dash before the measure's bracket)."""
_MEASURE_SUFFIX = re.compile(r"^(?P<title>.+?)\((?:施策目標|施策)(?P<measure>[^()]+)\)$")
_CURRENT_BUDGET = re.compile(rf"^{_YEAR}年度予")
_GOAL = re.compile(r"^達成目標(?P<n>[0-9]+)について$")
_MEANS_HEAD = re.compile(r"^達成手段(?P<n>[0-9]+)$")
_INDICATOR_TABLE = re.compile(r"^測定指標(?:\(.*\))?$")
_CIRCLED_ID = re.compile(rf"^{CIRCLED}$")
_KIND = re.compile(r"^\((?P<kind>アウトカム|アウトプット)\)$")
_PAREN = re.compile(r"^\((?P<text>[^()]+)\)$")
_MEANS_NUMBER = re.compile(r"^\([0-9]+\)$")
_STARTED = re.compile(rf"^\((?P<started>{era_year_regex()}年度)\)$")
_REVIEW_ID = re.compile(r"^(?:関連)?[0-9]{6}$")
_BARE = re.compile(r"^(?:[0-9]+(?:[,、・][0-9]+)*|-)$")
_AMOUNT = re.compile(r"^[△▲-]?[0-9][0-9,.]*(?:億円|百万円|千円)$")
_VALUE = re.compile(
    rf"^\(?(?:[△▲-]?[0-9][0-9,.]*%?(?:以下|以上|未満)?|{era_year_regex()}年度?|-)\)?$"
    rf"|^\({era_year_regex()}年$|^度\)$|^\({era_year_regex()}年度\)$"
)
"""A table value: 「42」「94.5%」「7.0以下」「(15.0)」「平成27年度」「令和2年」「(平成25年」「度)」「-」."""
_ORGANISATION_END = re.compile(r"(?:課|室|局|部|官|庁|所|センター)$")
_PERSON = re.compile(r"(?:長|官|者)[^、。]{1,12}$")

_HEADER_CELLS = frozenset(
    {
        "基準値",
        "基準年度",
        "目標値",
        "目標年度",
        "年度ごとの目標値",
        "年度ごとの目標値(参考値)",
        "年度ごとの実績値",
        "予算額",
        "執行額",
        "算額",
        "関連する",
        "指標番号",
        "(開始年度)",
        "達成手段の概要、施策目標達成への寄与の内容等",
        "行政事業レビューシート予算事業ID",
        "行政事業レビュー事業番号",
        "※数字に○を付した指標は主要な指標",
    }
)
_YEAR_HEADER = re.compile(rf"^{era_year_regex()}年度(?:予(?:関連する)?)?$")
_ROW_LABELS = ("施策の概要", "施策を取り巻く現状", "施策実現のための課題")
_TITLE_LABELS = ("施策目標名(政策体系上の位置付け)", "施策目標名", "施策名")
_BUREAU = "担当部局名"
_RESPONSIBLE = "作成責任者名"
_OUTLINE = "施策の概要"
_PARTS = (
    ("/objectives", gettext_noop("達成すべき目標")),
    ("/target_rationale", gettext_noop("目標設定の考え方・根拠")),
    ("/planned_evaluation", gettext_noop("政策評価実施予定時期")),
)
"""The parts read from the text after their label (or on the label's line): the standard 様式's order."""
_LATER_LABELS = ("施策に関係する内閣の重要政策", "政策体系上の位置付け")
"""Labels of the standard 様式 that no field holds; a part's text ends before them."""
_PLANNED = re.compile(rf"^(?:{era_year_regex()}|[0-9]{{4}})年")
"""A 政策評価実施予定時期 as written: 「令和9年8月」「令和8年度」."""
_NO_MINISTRY = MinistryAbsent(
    from_layout=gettext_noop(
        "府省名の行(「(厚生労働省7(Ⅰ-5-2))」)がありません。様式「{layout}」の府省「{ministry}」としました。"
    ),
    empty=gettext_noop("府省名の行がありません。府省名は空欄です。"),
)
"""The code line names the ministry (「(厚生労働省7(Ⅰ-5-2))」)."""
_POSITION_ANYWHERE = re.compile(r"\(政策分野\)")
_POSITION = re.compile(rf"^{_POSITION_ANYWHERE.pattern}")
"""A 政策体系上の位置付け value as the standard 様式 writes it, 「(政策分野)消費者政策
(政策)消費者政策の推進」: no field holds it, and it is never a 担当部局名 or a 施策名 (it is kept, H901)."""
_HEADER_LABELS = (
    "施策目標名(政策体系上の位置付け)",
    *_TITLE_LABELS,
    _BUREAU,
    _RESPONSIBLE,
    _OUTLINE,
    *(label for _, label in _PARTS),
    *_LATER_LABELS,
)
"""The labels of the header, longest first where one holds another."""
_LABEL_ANYWHERE = re.compile("|".join(re.escape(label) for label in _HEADER_LABELS))
_CUT_AROUND = re.compile(rf"{_TITLE_TEXT}|{_CODE_TEXT}|{_LABEL_ANYWHERE.pattern}")
_FLATTENED = 3
"""A line holding this many different header labels is a table flattened to one line."""


@dataclass
class _Context(ImportContext):
    """The import's context, knowing each line read by itself: the pieces of a flattened line
    (``_cut``) share its number, so one piece read is not the others read."""

    read_ids: set[int] = field(default_factory=set)
    cut: dict[int, list[Line]] = field(default_factory=dict)
    """The pieces of each line cut, by its number."""

    def use(self, *lines: Line) -> None:
        self.use_all(lines)

    def use_all(self, lines: Iterable[Line]) -> None:
        for line in lines:
            self.read_ids.add(id(line))
            self.used.update(range(line.first, line.last + 1))

    def is_read(self, line: Line) -> bool:
        return id(line) in self.read_ids

    def report_unread_pieces(self) -> None:
        """H901 for each run of pieces of a cut line no part was read from, as for whole lines."""
        for number, pieces in self.cut.items():
            run: list[Line] = []
            for piece in [*pieces, None]:
                if piece is not None and not self.is_read(piece):
                    run.append(piece)
                    continue
                if run:
                    scratch = ImportContext(name=self.name, default_era=self.default_era)
                    report_unplaced(run, scratch)
                    self.findings.extend(scratch.findings)
                    run = []
            self.used.add(number)


def _join_split_labels(lines: Sequence[Line]) -> list[Line]:
    """A label wrapped in its cell comes as two lines (「担当」「部局名」, 「政策評価」「実施予定時期」): the
    two are one line when together they are a label of the header."""
    joined: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if i + 1 < len(lines) and line.text and line.text + lines[i + 1].text in _HEADER_LABELS:
            after = lines[i + 1]
            joined.append(Line(line.text + after.text, line.first, after.last, line.indent))
            i += 2
            continue
        joined.append(line)
        i += 1
    return joined


def _cut(line: Line, ctx: _Context) -> list[Line]:
    """A table flattened to one line (its labels and cells run together) in pieces: from the sheet's
    title on, a piece before and after each label, the title and the code, and before a 政策体系上の
    位置付け value. A line with fewer labels is left whole (a label and its cell on one line are
    read by ``_label_rest``)."""
    text = line.text
    title = _TITLE_ANYWHERE.search(text)
    start = title.start() if title else 0
    if len({m.group(0) for m in _LABEL_ANYWHERE.finditer(text, start)}) < _FLATTENED:
        return [line]
    bounds = {start}
    for match in _CUT_AROUND.finditer(text, start):
        bounds.update((match.start(), match.end()))
    bounds.update(m.start() for m in _POSITION_ANYWHERE.finditer(text, start))
    texts = [text[a:b].strip() for a, b in pairwise(sorted({0, *bounds, len(text)}))]
    pieces = [Line(piece, line.first, line.last, line.indent) for piece in texts if piece]
    ctx.cut[line.first] = pieces
    return pieces


@dataclass
class _Header:
    year: int | None = None
    ministry: str | None = None
    code: str | None = None
    measure: str | None = None
    title: str | None = None
    bureau: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    outline: list[Paragraph] = field(default_factory=list)
    current_budget_year: int | None = None
    labels: dict[str, Line] = field(default_factory=dict)
    """The label line of each header part the document has (``/bureau``, ``/responsible``, ``/outline``)."""


@dataclass
class _Part:
    """A part read after its label: the label's line, when the document has it, and the text read."""

    label: Line | None = None
    texts: list[str] = field(default_factory=list)


def _strip_mirror(lines: Sequence[Line], ctx: ImportContext) -> list[Line]:
    """The lines without the mirror site's wrapper on every page (``text/mirror.py``, one H907 each)."""
    kept: list[Line] = []
    i = 0
    while i < len(lines):
        if lines[i].text == MIRROR_FIRST:
            end = mirror_end(lines, i)
            skip_mirror(ctx, lines[i:end])
            i = end
            continue
        kept.append(lines[i])
        i += 1
    return kept


def _join(parts: Sequence[str]) -> str:
    """Cell lines wrapped inside one cell: joined without a space (Japanese text)."""
    return "".join(parts)


def _paragraphs(texts: Sequence[str]) -> list[Paragraph]:
    """Wrapped cell lines → paragraphs: a line starting with 「・」 or 「○」 starts a new one, and so
    does the text after 「。 」 (a cell flattened to one line keeps its paragraphs apart so)."""
    paragraphs: list[list[str]] = []
    for line in texts:
        for k, text in enumerate(re.split(r"(?<=。) ", line)):
            if not paragraphs or k > 0 or text.startswith(("・", "○")):
                paragraphs.append([text])
            else:
                paragraphs[-1].append(text)
    return [Paragraph(text=_join(parts)) for parts in paragraphs]


def _units(texts: Sequence[str]) -> list[str]:
    """Organisation names wrapped over lines: a unit ends at a line ending in 課, 室, 局 …"""
    units: list[str] = []
    run: list[str] = []
    for text in texts:
        run.append(text)
        if _ORGANISATION_END.search(text):
            units.append(_join(run))
            run = []
    if run:
        units.append(_join(run))
    return units


def _persons(text: str) -> list[str]:
    """「感染症対策課長荒木裕人」, or several joined by 「、」: each a title ending in 長, 官 or 者 and a
    short name; [] for a sentence (「。」) or any other line."""
    names = text.split("、")
    if "。" in text or not all(_PERSON.search(name) for name in names):
        return []
    return names


def _label_rest(text: str, label: str) -> str | None:
    """The text after ``label`` when the line starts with it (「政策評価実施予定時期令和9年8月」: the cell
    joined to its label once spaces are removed), "" for the label alone; None for another line."""
    if not text.startswith(label):
        return None
    return text[len(label) :].lstrip(": ")


def _is_label(text: str) -> bool:
    return (
        text in _ROW_LABELS
        or text.startswith((_BUREAU, _RESPONSIBLE, _OUTLINE))
        or text.startswith(tuple(label for _, label in _PARTS))
    )


def _table_starts(text: str) -> bool:
    return bool(_GOAL.match(text) or _MEANS_HEAD.match(text) or _INDICATOR_TABLE.match(text))


def _ends_part(text: str) -> bool:
    """A line that cannot be a part's text: another label, the title, a table's start or one of its cells."""
    return bool(
        _is_label(text)
        or text in _TITLE_LABELS
        or text.startswith(_LATER_LABELS)
        or _table_starts(text)
        or _TITLE.match(text)
        or _CODE.match(text)
        or text in _HEADER_CELLS
        or _CIRCLED_ID.match(text)
        or _MEANS_NUMBER.match(text)
    )


def _read_parts(lines: list[Line], ctx: ImportContext) -> tuple[dict[str, _Part], list[Line]]:
    """達成すべき目標, 目標設定の考え方・根拠 and 政策評価実施予定時期, wherever their labels are: each is the
    text on its label's line and the lines after it up to the next label or table (the 予定時期: one line
    that is a date, 「令和9年8月」). Returns the parts and the lines left for the header and the tables
    (the labels among them)."""
    parts = {location: _Part() for location, _ in _PARTS}
    taken: set[int] = set()  # the ids of the lines read (the pieces of a cut line share its number)
    n = len(lines)
    for i, line in enumerate(lines):
        if id(line) in taken:
            continue
        for location, label in _PARTS:
            rest = _label_rest(line.text, label)
            part = parts[location]
            if rest is None or part.label is not None:
                continue
            part.label = line
            run = [line]
            texts = [rest] if rest else []
            j = i + 1
            if location == "/planned_evaluation":
                if not texts and j < n and _PLANNED.match(lines[j].text):
                    texts.append(lines[j].text)
                    run.append(lines[j])
            else:
                while j < n and not _ends_part(lines[j].text):
                    if lines[j].text:
                        texts.append(lines[j].text)
                    run.append(lines[j])
                    j += 1
            part.texts = texts
            ctx.use_all(run)
            taken.update(id(x) for x in run[1:])  # the label stays: it ends the runs of the header
            break
    return parts, [line for line in lines if id(line) not in taken]


def _first_cell(lines: Sequence[Line], start: int) -> int | None:
    """The index of the first line from ``start`` that is a cell of the header, not a label, a
    position (「(政策分野)…」) or a table's start; None when there is none."""
    for j in range(start, len(lines)):
        text = lines[j].text
        if _table_starts(text):
            return None
        if not (
            _is_label(text)
            or text in _TITLE_LABELS
            or text.startswith(_LATER_LABELS)
            or _POSITION.match(text)
        ):
            return j
    return None


def _read_header(lines: list[Line], ctx: ImportContext) -> tuple[_Header, int]:
    """The header lines at the top, up to the first table; returns the index where the tables start.
    A label may have its cell's text on its own line (「担当部局名健康局総務課」 once spaces are removed)."""
    header = _Header()
    i = 0
    n = len(lines)

    def run_after(start: int) -> list[Line]:
        """The lines after ``start`` up to the next label or table."""
        run: list[Line] = []
        j = start + 1
        while j < n and not _is_label(lines[j].text) and not _table_starts(lines[j].text):
            run.append(lines[j])
            j += 1
        return run

    while i < n and not _table_starts(lines[i].text):
        line = lines[i]
        text = line.text
        if header.year is None and (match := _TITLE.match(text)):
            header.year = western_year(match.group("era"), match.group("number"))
            ctx.use(line)
        elif header.code is None and (match := _CODE.match(text)):
            header.code = match.group("code")
            header.ministry = match.group("ministry")
            header.measure = match.group("measure")
            ctx.use(line)
        elif text in _TITLE_LABELS and (j := _first_cell(lines, i + 1)) is not None:
            # Labels may stand together before their cells (「施策名」「政策体系上の位置付け」, then the
            # name): the name is the first line after them that is neither a label nor a position.
            ctx.use(line)
            i = j
            name = lines[i].text
            if match := _MEASURE_SUFFIX.match(name):
                header.title = match.group("title")
                header.measure = header.measure or match.group("measure")
            else:
                header.title = name
            ctx.use(lines[i])
        elif "/bureau" not in header.labels and (rest := _label_rest(text, _BUREAU)) is not None:
            header.labels["/bureau"] = line
            ctx.use(line)
            run = run_after(i)
            i += len(run)
            units = [x for x in run if not _POSITION.match(x.text)]  # a position is no organisation
            ctx.use_all(units)
            header.bureau = _units(([rest] if rest else []) + [x.text for x in units])
        elif "/responsible" not in header.labels and (rest := _label_rest(text, _RESPONSIBLE)) is not None:
            header.labels["/responsible"] = line
            ctx.use(line)
            if rest:
                header.responsible.extend(_persons(rest) or [rest])
            while i + 1 < n and (persons := _persons(lines[i + 1].text)):
                i += 1
                header.responsible.extend(persons)
                ctx.use(lines[i])
            # The 施策の概要 is written above its label (the label is centred in its row).
            run = run_after(i)
            j = i + len(run) + 1
            if run and j < n and lines[j].text == _OUTLINE and "/outline" not in header.labels:
                header.labels["/outline"] = lines[j]
                header.outline = _paragraphs([x.text for x in run])
                ctx.use_all(run)
                ctx.use(lines[j])
                i = j
        elif "/outline" not in header.labels and (rest := _label_rest(text, _OUTLINE)) is not None:
            header.labels["/outline"] = line
            run = run_after(i)
            i += len(run)
            ctx.use(line)
            header.outline = _paragraphs(([rest] if rest else []) + [x.text for x in run])
            ctx.use_all(run)
        elif text in ("施策を取り巻く現状", "施策実現のための課題"):
            # Its text follows the labels of the rows after it; which row a line is in cannot be told.
            ctx.use(line)
        i += 1
    return header, i


@dataclass
class _Run:
    """Consecutive lines of one kind in the table part."""

    lines: list[Line] = field(default_factory=list)


def _undetermined(ctx: ImportContext, lines: Sequence[Line], what: str) -> None:
    """H902: cells whose column the order of the lines does not decide; the text is kept."""
    if not lines:
        return
    ctx.use_all(lines)
    ctx.report(
        "H902",
        "",
        lines,
        gettext_noop(
            "{what}の欄がどの行・列のものか、行の順序からは決められません({span}行目)。値は入れず、記載をこの指摘に保存しました。"
        ),
        input="\n".join(line.text for line in lines),
        what=what,
        span=str(span_of(lines)),
    )


def _name_groups(lines: list[Line], start: int, end_pattern: re.Pattern[str]) -> tuple[list[list[Line]], int]:
    """Names wrapped over lines, each group ended by a line ``end_pattern`` matches; stops at the
    first line that cannot be part of a name (a value, a header cell, a number)."""
    groups: list[list[Line]] = []
    i = start
    while i < len(lines):
        if groups and _BARE.match(lines[i].text):
            i += 1  # a stray cell between two names (left for the H902 of the values)
            continue
        group: list[Line] = []
        j = i
        while j < len(lines) and not end_pattern.match(lines[j].text) and _nameish(lines[j].text):
            group.append(lines[j])
            j += 1
        if group and j < len(lines) and end_pattern.match(lines[j].text):
            group.append(lines[j])
            groups.append(group)
            i = j + 1
            continue
        break
    return groups, i


def _is_table_cell(text: str) -> bool:
    """A cell of the tables that is no text: a header cell, a bare number or 「-」, an amount, an
    indicator's or a 達成手段's number, a review id."""
    return bool(
        text in _HEADER_CELLS
        or _BARE.match(text)
        or _AMOUNT.match(text)
        or _CIRCLED_ID.match(text)
        or _MEANS_NUMBER.match(text)
        or _REVIEW_ID.match(text)
    )


def _nameish(text: str) -> bool:
    return not (_is_table_cell(text) or _YEAR_HEADER.match(text) or "。" in text or _VALUE.match(text))


def _indicator(number: Line, group: list[Line], goal: str | None) -> Indicator:
    kind_line = group[-1]
    body = group[:-1]
    source = None
    if len(body) > 1 and (match := _PAREN.match(body[-1].text)):
        source = match.group("text")
        body = body[:-1]
    kind = _KIND.match(kind_line.text)
    notes = [kind.group("kind")] if kind else []
    if goal:
        notes.insert(0, goal)
    return Indicator(
        id=number.text,
        name=_join([line.text for line in body]),
        is_main=bool(_CIRCLED_ID.match(number.text)),
        kind=IndicatorKind.QUANTITATIVE,
        data_source=source,
        notes=notes,
    )


def _run(lines: list[Line], i: int, belongs: Callable[[str], object]) -> tuple[list[Line], int]:
    """The line at ``i`` with the lines right after it that ``belongs`` to its run (true for their
    text), and the index of the run's last line."""
    run = [lines[i]]
    while i + 1 < len(lines) and belongs(lines[i + 1].text):
        i += 1
        run.append(lines[i])
    return run, i


def _read_tables(
    lines: list[Line], start: int, ctx: ImportContext
) -> tuple[list[Indicator], list[AchievementMeans], int | None]:
    """The 測定指標 and 達成手段 parts; returns the indicators, the 達成手段 and the 当年度予算額's year."""
    indicators: list[Indicator] = []
    means: list[AchievementMeans] = []
    current_year: int | None = None
    goal: str | None = None
    group: list[AchievementMeans] = []  # the 達成手段 of the current run
    outlines_in_group = 0
    header_seen = False
    i = start
    n = len(lines)
    while i < n:
        line = lines[i]
        text = line.text
        if match := _GOAL.match(text):
            goal = f"達成目標{match.group('n')}"
            ctx.use(line)
        elif _INDICATOR_TABLE.match(text) or text in _HEADER_CELLS or _YEAR_HEADER.match(text):
            if match := _CURRENT_BUDGET.match(text):
                current_year = western_year(match.group("era"), match.group("number"))
            if text in {"行政事業レビューシート予算事業ID", "指標番号"}:
                header_seen = True
            ctx.use(line)
        elif _MEANS_HEAD.match(text):
            ctx.use(line)
            group, outlines_in_group, header_seen = [], 0, False
        elif _CIRCLED_ID.match(text):
            numbers, i = _run(lines, i, _CIRCLED_ID.match)
            groups, after = _name_groups(lines, i + 1, _KIND)
            if len(groups) == len(numbers):
                for number, names in zip(numbers, groups, strict=True):
                    indicators.append(_indicator(number, names, goal))
                    ctx.use(number, *names)
                i = after
                continue
            _undetermined(ctx, numbers, gettext_noop("測定指標の番号"))
        elif _MEANS_NUMBER.match(text):
            numbers, i = _run(lines, i, _MEANS_NUMBER.match)
            groups, after = _name_groups(lines, i + 1, _STARTED)
            if len(groups) == len(numbers):
                group, outlines_in_group, header_seen = [], 0, False
                for number, names in zip(numbers, groups, strict=True):
                    started = _STARTED.match(names[-1].text)
                    entry = AchievementMeans(
                        number=number.text,
                        name=_join([x.text for x in names[:-1]]),
                        started=started.group("started") if started else None,
                    )
                    group.append(entry)
                    means.append(entry)
                    ctx.use(number, *names)
                i = after
                continue
            _undetermined(ctx, numbers, gettext_noop("達成手段の番号"))
        elif _BARE.match(text) and len(group) == 1 and outlines_in_group == 0 and header_seen:
            # 関連する指標番号 of the one 達成手段 of this run (「-」: none).
            if text != "-":
                group[0].indicators.extend(re.split(r"[,、・]", text))
            ctx.use(line)
        elif _is_prose(text) and group and outlines_in_group < len(group):
            run, i = _run(lines, i, _is_continuation)
            entry = group[outlines_in_group]
            entry.outline.extend(_paragraphs([x.text for x in run]))
            ctx.use_all(run)
            outlines_in_group += 1
            if i + 1 < n and _REVIEW_ID.match(lines[i + 1].text):
                i += 1
                entry.review_number = lines[i].text
                ctx.use(lines[i])
        elif _AMOUNT.match(text):
            run, i = _run(lines, i, _AMOUNT.match)
            _undetermined(ctx, run, gettext_noop("達成手段の予算額・執行額"))
        i += 1
    return indicators, means, current_year


def _is_prose(text: str) -> bool:
    """A line of running text (an outline), not a name or a value."""
    return "。" in text or "、" in text or len(text) > 30


def _is_continuation(text: str) -> bool:
    """A wrapped line of an outline paragraph (or a bullet of it)."""
    return not (_is_table_cell(text) or _GOAL.match(text) or _MEANS_HEAD.match(text))


def _amount_unit(lines: Sequence[Line]) -> str:
    """The unit the document writes its 達成手段 amounts in (「4.8億円」), else 百万円 (the default)."""
    for line in lines:
        if _AMOUNT.match(line.text):
            return next(unit for unit in ("億円", "百万円", "千円") if line.text.endswith(unit))
    return "百万円"


def _report_leftover_values(lines: Sequence[Line], ctx: _Context, start: int) -> None:
    """Values in the table part that no rule placed (基準値, 目標値, years …): H902, text kept."""
    run: list[Line] = []
    for line in lines[start:]:
        if ctx.is_read(line):
            if run:
                _undetermined(ctx, run, gettext_noop("表の値(数値・年度・「-」)"))
                run = []
            continue
        if _VALUE.match(line.text) or _STARTED.match(line.text):
            run.append(line)
        elif run:
            _undetermined(ctx, run, gettext_noop("表の値(数値・年度・「-」)"))
            run = []
    if run:
        _undetermined(ctx, run, gettext_noop("表の値(数値・年度・「-」)"))


_NO_LABEL = gettext_noop("この文書には「{part}」の欄(見出し)がありません。空欄のままです。")
"""H906 for a part whose label is not in the text (the page that holds it is not in an excerpt)."""
_NO_TEXT = gettext_noop(
    "「{part}」の欄({line}行目)はありますが、その記載を行の順序から読み取れません(欄が空か、記載が別の位置にあります)。空欄のままです。"
)
"""H906 for a part whose label is there but no text the reader can place follows it."""


def _first(lines: Sequence[Line], test: Callable[[str], bool]) -> Line | None:
    return next((line for line in lines if test(line.text)), None)


def read(lines: Sequence[Line], *, name: str, layout: Layout) -> tuple[EvaluationReport, list[Issue]]:
    """A 事前分析表 (docs/layouts.md, "The 事前分析表 reader")."""
    ctx = _Context(name=name, default_era=document_era(lines))
    body = [piece for line in _join_split_labels(_strip_mirror(lines, ctx)) for piece in _cut(line, ctx)]
    parts, body = _read_parts(body, ctx)
    header, table_start = _read_header(body, ctx)
    indicators, means, current_year = _read_tables(body, table_start, ctx)
    _report_leftover_values(body, ctx, table_start)

    year = header.year
    if year is None:
        if current_year is None:
            raise not_a_report(
                gettext_noop(
                    "事前分析表に年度が書かれていません（「令和X年度…事前分析表」の行も当年度予算額の列もありません）"
                ),
                where=name,
            )
        year = current_year
        ctx.absent(
            "/evaluation_year",
            gettext_noop(
                "事前分析表の年度の行(「令和7年度実施施策に係る政策評価の事前分析表」)がありません。達成手段の表の当年度予算額の欄から{year}と読みました。"
            ),
            year=f"{format_fiscal_year(year)} ({year}年度)",
        )
    ministry = ministry_or_layout(header.ministry, layout, ctx, _NO_MINISTRY)
    if header.measure is None:
        ctx.absent("/measure_number", gettext_noop("施策番号がありません。施策番号は空欄です。"))
    if header.title is None:
        ctx.absent("/title", gettext_noop("施策名(施策目標名)がありません。施策名は空欄です。"))
    objectives = [Objective(text=p.text) for p in _paragraphs(parts["/objectives"].texts)]
    target_rationale = _paragraphs(parts["/target_rationale"].texts)
    planned_evaluation = "".join(parts["/planned_evaluation"].texts) or None
    labels = {**header.labels, **{location: part.label for location, part in parts.items() if part.label}}
    if (found := _first(body, lambda text: bool(_INDICATOR_TABLE.match(text)))) is not None:
        labels["/areas/0/indicators"] = found
    if (found := _first(body, lambda text: bool(_MEANS_HEAD.match(text)))) is not None:
        labels["/means"] = found
    read_parts: dict[str, tuple[Sequence[object], str]] = {
        "/bureau": (header.bureau, gettext_noop("担当部局名")),
        "/responsible": (header.responsible, gettext_noop("作成責任者名")),
        "/outline": (header.outline, gettext_noop("施策の概要")),
        "/objectives": (objectives, gettext_noop("達成すべき目標")),
        "/target_rationale": (target_rationale, gettext_noop("目標設定の考え方・根拠")),
        "/areas/0/indicators": (indicators, gettext_noop("測定指標")),
        "/means": (means, gettext_noop("達成手段")),
        "/planned_evaluation": (
            [planned_evaluation] if planned_evaluation else [],
            gettext_noop("政策評価実施予定時期"),
        ),
    }
    for location, (found_values, label) in read_parts.items():
        if found_values:
            continue
        if (label_line := labels.get(location)) is None:
            ctx.absent(location, _NO_LABEL, part=label)
        else:
            ctx.absent(location, _NO_TEXT, part=label, line=str(label_line.first))
    areas = [Area(number=1, title=header.title or "", indicators=indicators)] if indicators else []
    ctx.report_unread_pieces()
    return finish_report(
        lines,
        ctx,
        lambda: EvaluationReport(
            kind=DocumentKind.PRE_ANALYSIS,
            ministry=ministry,
            report_code=header.code,
            measure_number=header.measure or "",
            title=header.title or "",
            evaluation_year=year,
            bureau="、".join(header.bureau) or None,
            responsible="、".join(header.responsible) or None,
            outline=header.outline,
            objectives=objectives,
            target_rationale=target_rationale,
            planned_evaluation=planned_evaluation,
            areas=areas,
            means=means,
            means_unit=_amount_unit(body),
            source=span_of(lines),
        ),
        what=gettext_noop("本文から正しい事前分析表を組み立てられません"),
    )
