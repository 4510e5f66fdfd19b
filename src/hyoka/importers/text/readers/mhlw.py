"""厚生労働省's 実績評価書 of the 令和 form (layout ``mhlw-jisseki``, docs/layouts.md).

What it reads, in document order:

* the **page banner** a mirror site puts on every page (「よむ、つかう、まなぶ。」 … 「テキストをコピーして
  …ご確認ください。」, ``text/mirror.py``): recognised and consumed as page debris, one H907 per run with its
  text kept; its title line (「資料1-1_実績評価書案(施策目標Ⅰ-1-1) (4ページ)」) gives the page number,
  and the measure number when the body has no 「施策目標Ⅰ-1-1 …」 heading (H906 says so). A banner that
  the debris step glued to the cut sentence ending the page before is split off first.
* the **measure heading** 「施策目標Ⅰ-1-1 title」 (number as normalised: 「I-1-1」).
* the **budget table** 施策の予算額・執行額等, one cell per line: year headers (in any order: the form's
  columns run in ascending fiscal year, so the values are read in that order and an H902 says the
  headers were out of order), 当初予算(a) … 執行額(千円、d) and 執行率. A row with fewer values than years
  is placed from the left (the current year has no 繰越し等, 合計 or 執行額 yet) only when a+b+c = 合計 and
  執行額 ÷ 合計 = the printed 執行率 (±0.1 points) confirm every placed column; otherwise H902 with the
  text kept. 執行率 is derived: it is checked, never stored.
* **達成目標**: 「達成目標1について」 (the goal of the rows after it), its title on the next line when that
  line is no other cell's label, or from 「【達成目標1:title】」 in the 判定理由. Each goal is an ``Area``;
  an indicator whose goal the excerpt does not show (pages missing before it) goes to area 0 (H906).
* **測定指標 rows**, where the name cell (「指標3」 / 「歯科健診を実施している自治」 / … / 「体数」 /
  「(アウトプット)」) is interleaved line by line with the cells 指標の選定理由 and 目標値(水準・目標年度)の
  設定の根拠: the id as written (「指標3」: the document names its indicators so), the name joined from the
  narrow lines of the name cell, the type as a note. The other cells' text cannot be told apart line by
  line, so it is kept in one H902 per row, never assigned. A row whose 「指標N」 is not in the excerpt
  makes no indicator: H902 with its name and text.
* the **judgment**: 「目標達成度合いの測定結果(各行政機関共通区分) ③【相当程度進展あり】」 → ``judgment``;
  「(判定結果) B【目標達成に向けて進展あり】」 → ``other_judgments`` (legend 「厚生労働省 総合判定」) with the
  (判定理由) text as its rationale; each 「・ 指標1については、…「△」(概ね達成)と評価した。」 records the
  indicator's grade (△) for the window (``recorded_grade``; the year is not printed, so no
  ``IndicatorYear.mark``); 「(有効性の評価)」 bullets per indicator → that indicator's analysis.

The evaluation year is the budget table's last year (the year the evaluation is made); without a
table, the year after the latest fiscal year the text names (the window's last year), said in H906.
A text with no fiscal year at all is refused. Cabinet policies (施策に関係する内閣の重要政策) are not
read: their cells are interleaved with the 達成目標 heading and the report has no measure-level field
for them; they are reported (H901) with their text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from hyoka.core import (
    AmountError,
    Area,
    Budget,
    BudgetYear,
    Cell,
    EraYearError,
    EvaluationReport,
    Indicator,
    IndicatorAnalysis,
    IndicatorKind,
    Issue,
    Judgment,
    Paragraph,
    RecordedGrade,
    Tier,
    format_fiscal_year,
    parse_era_year,
    parse_number,
)
from hyoka.core.i18n import gettext_noop
from hyoka.core.numbering import CIRCLED, DIGIT, INDICATOR_ID, sort_key
from hyoka.core.wareki import era_year_regex, western_year
from hyoka.importers.errors import not_a_report
from hyoka.importers.layout import Layout
from hyoka.importers.text.assemble import MinistryAbsent, finish_report, ministry_or_layout
from hyoka.importers.text.cells import cell
from hyoka.importers.text.context import ImportContext, span_of
from hyoka.importers.text.evaluation_sheet import BUDGET_ROWS
from hyoka.importers.text.mirror import MIRROR_FIRST, is_mirror_line, mirror_end, skip_mirror
from hyoka.importers.text.normalise import Line
from hyoka.importers.text.segment import document_era

__all__ = ["read"]

OWN_LEGEND = "厚生労働省 総合判定"
"""``Judgment.legend`` of 厚生労働省's own scale (the ``mhlw`` rule profile's ``own_scale``)."""

# --- the mirror's page banner (text/mirror.py) ------------------------------------------------------

_BANNER_TITLE = re.compile(rf"^資料.*?\(施策目標({INDICATOR_ID})\) ?\(({DIGIT})ページ\)$")
_BANNER_PAGE = re.compile(rf"\(({DIGIT})ページ\)$")

# --- headings, labels and cells ------------------------------------------------------------------------

_HEADING = re.compile(rf"^施策目標\s*({INDICATOR_ID})\s+(\S.*)$")
_GOAL = re.compile(rf"^達成目標({DIGIT})について$")
_GOAL_TITLED = re.compile(rf"^【達成目標({DIGIT}):(.+)】$")
_INDICATOR = re.compile(rf"^(指標{DIGIT})$")
_TYPE = re.compile(r"^\((アウトカム|アウトプット)\)$")
_TARGET_LABEL = "目標値(水準・目標年"
_LABELS = (
    "指標の選定理由",
    "度)の設定の根拠",
    "測定指標",
    "年月日",
    "関係部分(概要・記載箇所)",
    "施政方針演説等の名称",
    "施策に関係する内閣の重",
    "のうち主なもの)",
    "区分",
)
_NAME_WIDTH = 16
"""The name cell is narrow: its lines are at most this long; the other cells' lines are longer."""
_DATE = re.compile(rf"^{era_year_regex()}年[0-9]{{1,2}}月[0-9]{{1,2}}日$")
_ANY_FISCAL_YEAR = re.compile(rf"{era_year_regex(era='era', number='number', digits='+')}年度")

_SHARED = re.compile(rf"^目標達成度合いの測定結果.*?({CIRCLED})【([^】]+)】")
_OWN = re.compile(r"^(?:総合判定)?\s*\(判定結果\)\s*([ABC])【([^】]+)】")
_SECTION = re.compile(r"^\(([^()]+)\)$")
_BULLET_INDICATOR = re.compile(rf"^・\s*(指標{DIGIT})について")
_MARK = re.compile(r"「([◎○〇△×-])」\(([^)]*)\)と評価")
_RANKS = {chr(0x2460 + rank): tier for rank, tier in enumerate(Tier)}
"""①–⑤ → the shared tiers, in the order ``Tier`` lists them (目標超過達成 first)."""
_NO_MINISTRY = MinistryAbsent(
    from_layout=gettext_noop("本文に府省名がありません。様式「{layout}」の府省「{ministry}」としました。"),
    empty=gettext_noop("本文に府省名がありません。府省名は空欄です。"),
)
"""The text never names its ministry."""

_BUDGET_START = "施策の予算額・執行額等"
_RATE_ROW = "執行率"
_BUDGET_SIDE_LABELS = ("予算の", "状況", "(千円)", "(百万円)")
_RATE_TOLERANCE = Decimal("0.1")


@dataclass
class _Row:
    """A 測定指標 row being read: its id (None when the excerpt lacks it), the name cell's lines,
    and the other cells' lines."""

    indicator_id: str | None
    goal: int | None
    name: list[str] = field(default_factory=list)
    own: list[Line] = field(default_factory=list)
    other: list[Line] = field(default_factory=list)
    kind_note: str | None = None


@dataclass
class _Found:
    """An indicator as read: its goal, and what the rows and the judgment text say of it."""

    goal: int | None
    name: str = ""
    notes: list[str] = field(default_factory=list)
    grade: RecordedGrade | None = None
    analysis: list[IndicatorAnalysis] = field(default_factory=list)
    source: list[Line] = field(default_factory=list)


# --- the budget table -----------------------------------------------------------------------------------


def _rate(text: str) -> Decimal | None:
    try:
        return parse_number(text)
    except AmountError:
        return None


def _budget(lines: Sequence[Line], ctx: ImportContext, unit_default: str) -> tuple[Budget, set[int]]:
    """The budget table, one cell per line, and the indices of the lines it used."""
    start = next((i for i, line in enumerate(lines) if line.text == _BUDGET_START), None)
    if start is None:
        return Budget(unit=unit_default), set()
    used = {start}
    if start > 0 and lines[start - 1].text == "区分":
        used.add(start - 1)
    headers: list[tuple[int, Line]] = []
    rows: dict[str, tuple[Line, list[Line]]] = {}
    rates: list[Line] = []
    current: list[Line] | None = None
    unit = unit_default
    i = start + 1
    while i < len(lines):
        line = lines[i]
        text = line.text
        label = next((key for key in BUDGET_ROWS if text.startswith(key)), None)
        if label is not None:
            current = []
            rows[BUDGET_ROWS[label]] = (line, current)
        elif text.startswith(_RATE_ROW):
            current = rates
        elif current is None and not rows:
            try:
                headers.append((parse_era_year(text, default_era=ctx.default_era), line))
            except EraYearError:
                break
        elif text in _BUDGET_SIDE_LABELS:
            current = None
        elif current is not None and _rate(text) is not None:
            current.append(line)
        else:
            break
        if unit_match := re.search(r"\((千円|百万円)", text):
            unit = unit_match.group(1)
        used.add(i)
        i += 1
    if not headers:
        return Budget(unit=unit), set()
    order = [year for year, _ in headers]
    years = sorted(order)
    header_lines = [line for _, line in headers]
    if order != years:
        ctx.report(
            "H902",
            "/budget",
            header_lines,
            gettext_noop(
                "予算表の年度の見出しが年度順に並んでいません({order})。様式の列は年度の昇順なので、"
                "各行の値を{first}から順に読みました。"
            ),
            order="、".join(format_fiscal_year(y) for y in order),
            first=format_fiscal_year(years[0]),
            input="\n".join(line.text for line in header_lines),
            context={"header_order": order, "years": years},
        )
    values: dict[str, list[Cell]] = {}
    for key, (_, cells) in rows.items():
        values[key] = [cell(c.text, ctx, c, f"/budget/years/{n}/{key}", unit) for n, c in enumerate(cells)]
    placed = _confirmed(values, [_rate(line.text) for line in rates], len(years))
    budget_years = []
    for n, year in enumerate(years):
        row_values = {key: cells[n] for key, cells in values.items() if key in placed and n < len(cells)}
        budget_years.append(
            BudgetYear(fiscal_year=year, source=span_of(lines[s] for s in used), **row_values)
        )
    for key, (label_line, cells) in rows.items():
        if key in placed:
            continue
        ctx.report(
            "H902",
            "/budget",
            [label_line, *cells],
            gettext_noop(
                "予算表の行「{label}」の値の数({count})が年度の数({years})と一致せず、"
                "どの年度の値か決められません。値は読み込まず、この指摘に保存しました。"
            ),
            label=label_line.text,
            count=len(cells),
            years=len(years),
            input="\n".join(line.text for line in [label_line, *cells]),
            context={"cells": [c.text for c in cells], "years": years},
        )
    return Budget(unit=unit, years=budget_years, source=span_of(lines[s] for s in used)), used


def _confirmed(values: dict[str, list[Cell]], rates: list[Decimal | None], width: int) -> set[str]:
    """The rows whose values can be placed from the left: a full row; a short row only when every
    column it fills is confirmed by a+b+c = 合計 (繰越し等, 合計) or 執行額 ÷ 合計 = 執行率 (執行額)."""

    def number(key: str, n: int) -> Decimal | None:
        cells = values.get(key, [])
        return cells[n].value if n < len(cells) and cells[n].is_value else None

    def sums(n: int) -> bool:
        parts = [number(k, n) for k in ("initial", "supplementary", "carryover", "total")]
        if any(p is None for p in parts):
            return False
        a, b, c, total = (p for p in parts if p is not None)
        return a + b + c == total

    def rate(n: int) -> bool:
        executed, total = number("executed", n), number("total", n)
        printed = rates[n] if n < len(rates) else None
        if executed is None or total is None or printed is None or total == 0:
            return False
        return abs(executed / total * 100 - printed) <= _RATE_TOLERANCE

    placed: set[str] = set()
    for key, cells in values.items():
        if len(cells) == width:
            placed.add(key)
        elif len(cells) < width:
            checks = rate if key == "executed" else sums
            if key in {"carryover", "total", "executed"} and all(checks(n) for n in range(len(cells))):
                placed.add(key)
    return placed


# --- the reader -----------------------------------------------------------------------------------------


def read(lines: Sequence[Line], *, name: str, layout: Layout) -> tuple[EvaluationReport, list[Issue]]:
    """A 厚生労働省 実績評価書 (or pages of one) → EvaluationReport; see the module's docstring."""
    ctx = ImportContext(name=name, default_era=document_era(lines))
    budget, budget_used = _budget(lines, ctx, layout.unit)
    for index in budget_used:
        ctx.use(lines[index])

    measure_number: str | None = None
    title = ""
    banner_number: tuple[str, str] | None = None
    goals: dict[int, str] = {}
    goal_lines: dict[int, Line] = {}
    for line in lines:
        if match := _GOAL_TITLED.match(line.text):
            goals.setdefault(int(match.group(1)), match.group(2))
    found: dict[str, _Found] = {}
    judgment = Judgment()
    own: Judgment | None = None
    unknown_goal: list[str] = []
    mixed: list[tuple[str, list[Line]]] = []

    def indicator(indicator_id: str, goal: int | None) -> _Found:
        entry = found.get(indicator_id)
        if entry is None:
            entry = found[indicator_id] = _Found(goal=goal)
        elif entry.goal is None and goal is not None:
            entry.goal = goal
        return entry

    def finish(row: _Row | None) -> None:
        if row is None:
            return
        if row.indicator_id is None and not row.name:
            return  # nothing of a row: its lines stay unplaced (H901)
        joined = "".join(row.name)
        if row.indicator_id is not None:
            entry = indicator(row.indicator_id, row.goal)
            entry.name = entry.name or joined
            if row.kind_note:
                entry.notes.append(row.kind_note)
            entry.source.extend(row.own)
            if row.goal is None:
                unknown_goal.append(row.indicator_id)
        ctx.use_all(row.own)
        if row.other or row.indicator_id is None:
            ctx.use_all(row.other)
            if row.indicator_id is None:
                ctx.report(
                    "H902",
                    "",
                    [*row.own, *row.other],
                    gettext_noop(
                        "測定指標の行に指標番号(「指標1」)がありません(名称「{name}」)。指標として読み込まず、"
                        "行の記載はこの指摘に保存しました。"
                    ),
                    name=joined,
                    input="\n".join(
                        line.text for line in sorted([*row.own, *row.other], key=lambda x: x.first)
                    ),
                    context={"name": joined},
                )
            else:
                mixed.append((row.indicator_id, row.other))

    goal: int | None = None
    last_page: int | None = None
    pending: list[Line] = []
    row: _Row | None = None
    section: str | None = None  # a judgment section: 判定理由, 有効性の評価, …
    bullet: tuple[str, list[Line]] | None = None
    reasons: list[Line] = []

    def end_bullet() -> None:
        nonlocal bullet
        if bullet is None:
            return
        indicator_id, bullet_lines = bullet
        text = "".join(line.text for line in bullet_lines)
        entry = indicator(indicator_id, goal)
        if section == "判定理由":
            if (mark := _MARK.search(text)) is not None:
                entry.grade = RecordedGrade(letter=mark.group(1), source=span_of(bullet_lines))
        else:
            entry.analysis.append(
                IndicatorAnalysis(
                    indicator_id=indicator_id,
                    heading=section or "",
                    paragraphs=[
                        Paragraph(text=text.removeprefix("・").strip(), source=span_of(bullet_lines))
                    ],
                    source=span_of(bullet_lines),
                )
            )
        ctx.use_all(bullet_lines)
        bullet = None

    def anchor() -> None:
        nonlocal row, pending
        finish(row)
        row = None
        pending = []

    i = 0
    while i < len(lines):
        line = lines[i]
        text = line.text
        if line.first in ctx.used:
            i += 1
            continue
        if text == MIRROR_FIRST:
            end_bullet()
            anchor()
            end = mirror_end(lines, i)
            banner = list(lines[i:end])
            page = next((int(m.group(1)) for b in banner if (m := _BANNER_PAGE.search(b.text))), None)
            for b in banner:
                if (m := _BANNER_TITLE.match(b.text)) and banner_number is None:
                    banner_number = (m.group(1), b.text)
            if page is not None and last_page is not None and page != last_page + 1:
                goal = None  # pages are missing: the goal of the rows that follow is not shown
            last_page = page if page is not None else last_page
            skip_mirror(ctx, banner)
            i = end
            continue
        if measure_number is None and (match := _HEADING.match(text)):
            measure_number, title = match.group(1), match.group(2).strip()
            ctx.use(line)
        elif match := _SHARED.match(text):
            end_bullet()
            anchor()
            label = match.group(2)
            tier = Tier(label) if label in {t.value for t in Tier} else _RANKS.get(match.group(1))
            judgment = Judgment(tier=tier, label=label, letter=match.group(1), source=span_of([line]))
            ctx.use(line)
            section = "測定結果"
        elif match := _OWN.match(text):
            end_bullet()
            anchor()
            own = Judgment(
                legend=OWN_LEGEND, letter=match.group(1), label=match.group(2), source=span_of([line])
            )
            ctx.use(line)
        elif (match := _SECTION.match(text)) and section is not None:
            end_bullet()
            section = match.group(1)
            if section == "判定理由":
                reasons.append(line)
            ctx.use(line)
        elif section is not None and (match := _GOAL_TITLED.match(text)):
            end_bullet()
            goal = int(match.group(1))
            if section == "判定理由":
                reasons.append(line)
            ctx.use(line)
        elif section is not None and (match := _BULLET_INDICATOR.match(text)):
            end_bullet()
            bullet = (match.group(1), [line])
            if section == "判定理由":
                reasons.append(line)
        elif section is not None and bullet is not None and not text.startswith(("・", "【", "(")):
            bullet[1].append(line)
            if section == "判定理由":
                reasons.append(line)
        elif section is not None:
            end_bullet()  # a paragraph of the section that is about no indicator: left unplaced
        elif match := _GOAL.match(text):
            anchor()
            goal = int(match.group(1))
            goal_lines.setdefault(goal, line)
            ctx.use(line)
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if (
                nxt is not None
                and goal not in goals
                and not _is_label(nxt.text)
                and not _INDICATOR.match(nxt.text)
                and nxt.text != MIRROR_FIRST
            ):
                goals[goal] = nxt.text
                ctx.use(nxt)
                i += 1
        elif goal is not None and goals.get(goal) == text:
            anchor()  # the goal's title cell, also written in 【達成目標N:title】
            ctx.use(line)
        elif match := _INDICATOR.match(text):
            finish(row)
            row = _Row(indicator_id=match.group(1), goal=goal, own=[line], other=list(pending))
            pending = []
        elif row is not None and (match := _TYPE.match(text)):
            row.kind_note = text
            row.own.append(line)
            finish(row)
            row = None
        elif _TARGET_LABEL in text:
            prefix, _, _ = text.partition(_TARGET_LABEL)
            if row is None and prefix and len(prefix) <= _NAME_WIDTH:
                row = _Row(indicator_id=None, goal=goal, other=list(pending))
                pending = []
            if row is not None:
                if prefix and len(prefix) <= _NAME_WIDTH:
                    row.name.append(prefix)
                row.other.append(line)
            else:
                pending.append(line)
        elif row is not None and _is_name_part(text):
            row.name.append(text)
            row.own.append(line)
        elif row is not None:
            row.other.append(line)
        else:
            pending.append(line)
        i += 1
    end_bullet()
    finish(row)

    # --- the report ---------------------------------------------------------------------------------
    if measure_number is None and banner_number is not None:
        measure_number = banner_number[0]
        ctx.absent(
            "/measure_number",
            gettext_noop(
                "本文に施策目標の見出し(「施策目標Ⅰ-1-1 …」)がありません。施策番号は、掲載サイトの資料名"
                "「{banner}」から{number}と読みました。"
            ),
            banner=banner_number[1],
            number=measure_number,
        )
    elif measure_number is None:
        ctx.absent(
            "/measure_number",
            gettext_noop("施策目標の見出し(「施策目標Ⅰ-1-1 …」)がありません。施策番号は空欄です。"),
        )
    if not title:
        ctx.absent("/title", gettext_noop("施策目標名がありません。施策名は空欄です。"))
    ministry = ministry_or_layout(None, layout, ctx, _NO_MINISTRY)
    evaluation_year = _evaluation_year(lines, budget, ctx, name)
    if reasons and own is not None:
        own.rationale = "\n".join(line.text for line in reasons)
    if judgment.tier is None and judgment.label is None:
        ctx.absent(
            "/judgment",
            gettext_noop("目標達成度合いの測定結果(各行政機関共通区分)がありません。判定は空欄です。"),
        )
    areas = _areas(goals, set(goal_lines), found, ctx)
    where = {
        ind.id: f"/areas/{a}/indicators/{k}"
        for a, area in enumerate(areas)
        for k, ind in enumerate(area.indicators)
    }
    for indicator_id, other in mixed:
        ctx.report(
            "H902",
            where[indicator_id],
            other,
            gettext_noop(
                "{indicator}の行では、指標の選定理由と目標値(水準・目標年度)の設定の根拠の欄が行ごとに"
                "混ざっていて、どの欄の記載か決められません。記載はこの指摘に保存しました。"
            ),
            indicator=indicator_id,
            input="\n".join(line.text for line in other),
            context={"indicator": indicator_id},
        )
    for indicator_id in unknown_goal:
        ctx.absent(
            where[indicator_id],
            gettext_noop(
                "{indicator}の達成目標はこの文書にありません(前のページが欠けています)。達成目標0の下に置きました。"
            ),
            indicator=indicator_id,
        )
    return finish_report(
        lines,
        ctx,
        lambda: EvaluationReport(
            kind=layout.kinds[0],
            ministry=ministry,
            measure_number=measure_number or "",
            title=title,
            evaluation_year=evaluation_year,
            budget=budget,
            judgment=judgment,
            other_judgments=[own] if own is not None else [],
            areas=areas,
            source=span_of(lines),
        ),
    )


def _is_label(text: str) -> bool:
    return text.startswith(_LABELS) or _TARGET_LABEL in text or bool(_DATE.match(text))


def _is_name_part(text: str) -> bool:
    """A line of the narrow name cell: short, not a label, not the end of a sentence of another cell."""
    return (
        len(text) <= _NAME_WIDTH
        and not _is_label(text)
        and not text.endswith(("。", "】", ")"))
        and not text.startswith(("・", "(", "【"))
    )


def _evaluation_year(lines: Sequence[Line], budget: Budget, ctx: ImportContext, name: str) -> int:
    """The budget table's last year; else the year after the latest fiscal year named (H906)."""
    if budget.years:
        return max(year.fiscal_year for year in budget.years)
    named = [
        western_year(m.group("era"), m.group("number"))
        for line in lines
        if not is_mirror_line(line.text)
        for m in _ANY_FISCAL_YEAR.finditer(line.text)
    ]
    if not named:
        raise not_a_report(
            gettext_noop("実績評価書に年度が書かれていません（予算表も「令和N年度」もありません）"),
            where=name,
        )
    latest = max(named)
    ctx.absent(
        "/evaluation_year",
        gettext_noop(
            "評価年度を示す予算表(施策の予算額・執行額等)がありません。本文が挙げる最も新しい年度{latest}の"
            "翌年度、{year}と読みました。"
        ),
        latest=format_fiscal_year(latest),
        year=f"{format_fiscal_year(latest + 1)} ({latest + 1}年度)",
    )
    return latest + 1


def _areas(goals: dict[int, str], seen: set[int], found: dict[str, _Found], ctx: ImportContext) -> list[Area]:
    """An area per 達成目標 (named, headed or holding an indicator), and area 0 for indicators whose
    goal the document does not show."""
    numbers = sorted({*goals, *seen, *(entry.goal for entry in found.values() if entry.goal is not None)})
    if any(entry.goal is None for entry in found.values()):
        numbers.append(0)
    areas: list[Area] = []
    for number in numbers:
        members = sorted((i for i, e in found.items() if (e.goal or 0) == number), key=sort_key)
        indicators = [
            Indicator(
                id=i,
                name=found[i].name,
                kind=IndicatorKind.QUANTITATIVE,
                notes=found[i].notes,
                recorded_grade=found[i].grade,
                source=span_of(found[i].source),
            )
            for i in members
        ]
        analysis = [a for i in members for a in found[i].analysis]
        title = goals.get(number, "")
        if number and not title:
            ctx.absent(
                f"/areas/{len(areas)}/title",
                gettext_noop("達成目標{number}の名称は、この文書から決められません。空欄です。"),
                number=number,
            )
        areas.append(Area(number=number, title=title, indicators=indicators, analysis=analysis))
    return areas
