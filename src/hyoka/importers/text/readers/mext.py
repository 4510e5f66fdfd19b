"""文部科学省's 実績評価 web pages of the 平成20年代 (layout ``mext-jisseki``, docs/layouts.md).

A page holds one 施策目標 (「施策目標1-1 教育改革に関する基本的な政策の推進等」) or one 政策目標
with its 施策 (「政策目標3 …」 and 「○義務教育に必要な教職員の確保(施策3‐1)S」), the year it reports
on (「平成19年度の状況と総合評価結果」, 「20年度の施策状況と評価」), and letters on 文部科学省's own scale
S/A/B/C: one per 達成目標 on its heading line (「達成目標1‐1‐1 A」), one per 施策 glued to its id,
and the 総合評価 (「総合評価 S」).

The letters are 文部科学省's scale, not the shared five tiers (the pages never map them): the 総合評価 is
kept in ``other_judgments`` with the legend 「文部科学省 総合評価」, and each 達成目標 or 施策 is an
indicator (qualitative) with its letter as the recorded grade for the year reported on. Ids are kept
as written, with the U+2010 hyphen the pages print (「達成目標1‐1‐1」, 「施策3‐1」); they are recognised
with the one numbering pattern (``hyoka.core.numbering.INDICATOR_ID``). The scale's definition
(評価の判断基準) and 備考 are kept as notes. The pages state no evaluation year: it is the year after the
one reported on, said so (H906). A page names no ministry: the layout's (H906).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from hyoka.core import (
    Area,
    CabinetPolicy,
    EraYearError,
    EvaluationReport,
    Indicator,
    IndicatorKind,
    IndicatorYear,
    Issue,
    Judgment,
    NextSteps,
    Note,
    Objective,
    Paragraph,
    RecordedGrade,
    format_fiscal_year,
    parse_era_year,
)
from hyoka.core.i18n import gettext_noop
from hyoka.core.numbering import INDICATOR_ID
from hyoka.core.wareki import era_year_regex, western_year
from hyoka.importers.errors import not_a_report
from hyoka.importers.layout import Layout
from hyoka.importers.text.assemble import MinistryAbsent, finish_report, ministry_or_layout
from hyoka.importers.text.context import ImportContext, span_of
from hyoka.importers.text.normalise import Line
from hyoka.importers.text.segment import document_era

__all__ = ["read"]

LEGEND = "文部科学省 総合評価"
"""The legend of the 総合評価 in ``other_judgments``: 文部科学省's own scale S/A/B/C."""
_LETTER = "[SABC]"
_HYPHEN = "\u2010"
_ID = re.compile(INDICATOR_ID)
_ANY_ERA = re.compile(era_year_regex(era="era", digits="+") + "年")
_YEAR = era_year_regex(optional_era=True, digits="+") + "年度"
_STATUS = re.compile(rf"^(?P<year>{_YEAR})の(?:施策)?状況と(?:総合)?評価(?:結果)?$")
_NEXT = re.compile(rf"^(?P<year>{_YEAR})以降の政策への反映方針$")
_MEASURE = re.compile(r"^(?P<word>施策目標|政策目標)(?P<rest>.+)$")
_GOAL = re.compile(rf"^達成目標(?P<rest>.+?)\s*(?P<letter>{_LETTER})$")
_SUB_MEASURE = re.compile(rf"^○?(?P<name>.+?)\((?P<word>施策)(?P<rest>[^()]+)\)\s*(?P<letter>{_LETTER})$")
_OVERALL = re.compile(rf"^総合評価\s*(?P<letter>{_LETTER})$")
_DATE = re.compile(
    rf"{era_year_regex(era='e', number='n', digits='+')}年"
    r"(?P<month>[0-9]{1,2})月(?P<day>[0-9]{1,2})日"
)
_POLICY = re.compile(r"^○(?P<name>[^:]+?)(?:\((?P<date>[^()]*日)\))?:(?P<section>.+)$")
_BULLETS = "•・"
_BASE_YEARS = re.compile(r"^\(基準年度:.*\)$")
"""「(基準年度:毎年度・達成年度:毎年度)」 under the heading: not the objective; left unplaced (H901)."""

_SECTIONS = {
    "主管課(課長名)": "bureau",
    "評価の判断基準": "criteria",
    "概要": "outline",
    "関連する政府等の方針(主なもの)": "policies",
    "備考": "remarks",
}
"""The pages' labels the reader reads the block of; others (関係課, お問合せ先) are left unplaced (H901)."""
_OTHER_LABELS = frozenset({"関係課(課長名)", "お問合せ先"})
_NO_MINISTRY = MinistryAbsent(
    from_layout=gettext_noop("府省名の記載がありません。様式「{layout}」の府省「{ministry}」としました。"),
    empty=gettext_noop("府省名の記載がありません。府省名は空欄です。"),
)
"""A page never names its ministry."""


def _id_as_written(text: str) -> str | None:
    """The id ``text`` starts with, as written (「1‐1‐1」 with U+2010 stays so), recognised by the one
    numbering pattern; None when it starts with none or has more after it."""
    match = _ID.fullmatch(text.replace(_HYPHEN, "-"))
    return text[: match.end()] if match else None


def _unbullet(text: str) -> str:
    return text.lstrip(_BULLETS + " ").strip()


@dataclass
class _Item:
    """A 達成目標 or a 施策 with its letter: the lines of its statement and of its results."""

    id: str
    letter: str
    heading: Line
    name: str = ""
    statement: list[Line] = field(default_factory=list)
    results: list[tuple[Line, int]] = field(default_factory=list)


@dataclass
class _Page:
    measure_number: str | None = None
    title: str | None = None
    window_year: int | None = None
    window_line: str = ""
    next_year: int | None = None
    bureau: str | None = None
    overall: str | None = None
    objectives: list[Objective] = field(default_factory=list)
    outline: list[Paragraph] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    items: list[_Item] = field(default_factory=list)
    policies: list[CabinetPolicy] = field(default_factory=list)
    next_steps: list[Paragraph] = field(default_factory=list)


def _year(text: str, ctx: ImportContext) -> int | None:
    try:
        return parse_era_year(text, default_era=ctx.default_era)
    except EraYearError:
        return None


def _policy(text: str) -> CabinetPolicy | None:
    match = _POLICY.match(text)
    if match is None:
        return None
    day: dt.date | None = None
    if match.group("date") and (found := _DATE.fullmatch(match.group("date"))):
        try:
            day = dt.date(
                western_year(found.group("e"), found.group("n")),
                int(found.group("month")),
                int(found.group("day")),
            )
        except (ValueError, EraYearError):
            return None
    elif match.group("date"):
        return None
    return CabinetPolicy(name=match.group("name").strip(), date=day, section=match.group("section").strip())


def _scan(lines: Sequence[Line], ctx: ImportContext) -> _Page:
    page = _Page()
    section: str | None = None
    item: _Item | None = None
    block: list[Line] = []

    def close() -> None:
        """End a labelled block: its lines become what its label says."""
        if not block:
            return
        texts = [_unbullet(line.text) for line in block]
        if section == "bureau" and len(block) == 1:
            page.bureau = texts[0]
        elif section == "criteria":
            page.notes.append(Note(mark="評価の判断基準", text=" ".join(texts)))
        elif section == "remarks":
            page.notes.append(Note(mark="備考", text=" ".join(texts)))
        elif section == "outline":
            page.outline.extend(Paragraph(text=text) for text in texts)
        elif section == "objective":
            page.objectives.append(Objective(text="".join(texts)))
        elif section == "next":
            page.next_steps.extend(Paragraph(text=text) for text in texts)
        elif section == "policies":
            policies = [_policy(line.text) for line in block]
            if any(policy is None for policy in policies):
                return
            page.policies.extend(policy for policy in policies if policy is not None)
        else:
            return
        ctx.use_all(block)

    for line in lines:
        text = line.text
        if not text:
            continue
        if page.measure_number is None and (match := _MEASURE.match(text)):
            rest = match.group("rest")
            number = next(
                (n for end in range(len(rest), 0, -1) if (n := _id_as_written(rest[:end])) is not None), None
            )
            if number is not None:
                page.measure_number = number
                page.title = rest[len(number) :].strip()
                ctx.use(line)
                close()
                section, block, item = "objective", [], None
                continue
        if text in _SECTIONS or text in _OTHER_LABELS:
            close()
            section, block, item = _SECTIONS.get(text), [], None
            if section is not None:
                ctx.use(line)
            continue
        if (match := _STATUS.match(text)) and (year := _year(match.group("year"), ctx)) is not None:
            close()
            page.window_year, page.window_line = year, text
            ctx.use(line)
            section, block, item = "status", [], None
            continue
        if (match := _NEXT.match(text)) and (year := _year(match.group("year"), ctx)) is not None:
            close()
            page.next_year = year
            ctx.use(line)
            section, block, item = "next", [], None
            continue
        if section in ("status", "goal") and (match := _OVERALL.match(text)):
            page.overall = match.group("letter")
            ctx.use(line)
            continue
        if section in ("status", "goal") and (match := _GOAL.match(text)):
            number = _id_as_written(match.group("rest"))
            if number is not None:
                item = _Item(id=f"達成目標{number}", letter=match.group("letter"), heading=line)
                page.items.append(item)
                section = "goal"
                continue
        if section in ("status", "goal") and (match := _SUB_MEASURE.match(text)):
            number = _id_as_written(match.group("rest"))
            if number is not None:
                item = _Item(
                    id=f"{match.group('word')}{number}",
                    letter=match.group("letter"),
                    heading=line,
                    name=match.group("name").strip(),
                )
                page.items.append(item)
                section = "goal"
                continue
        if section == "goal" and item is not None:
            if line.indent > 0 and not item.results and not item.name:
                item.statement.append(line)
            else:
                # under a 達成目標, an unindented line is an item's title and its paragraphs are indented
                item.results.append((line, 1 if line.indent > 0 and not item.name else 0))
            continue
        if section is not None and section not in ("status", "goal") and not _BASE_YEARS.match(text):
            block.append(line)
    close()
    return page


def _indicators(page: _Page, ctx: ImportContext) -> list[Indicator]:
    indicators: list[Indicator] = []
    for item in page.items:
        name = item.name or "".join(line.text for line in item.statement)
        years: list[IndicatorYear] = []
        window = [page.window_year] if page.window_year is not None else []
        if page.window_year is not None and item.results:
            progress = [Paragraph(text=_unbullet(line.text), level=level) for line, level in item.results]
            years.append(IndicatorYear(fiscal_year=page.window_year, progress=progress))
            ctx.use_all(line for line, _ in item.results)
        ctx.use(item.heading)
        ctx.use_all(item.statement)
        indicators.append(
            Indicator(
                id=item.id,
                name=name,
                kind=IndicatorKind.QUALITATIVE,
                years=years,
                recorded_grade=RecordedGrade(letter=item.letter, window=window),
            )
        )
    return indicators


def read(lines: Sequence[Line], *, name: str, layout: Layout) -> tuple[EvaluationReport, list[Issue]]:
    """A 文部科学省 実績評価 page; H906 for each part the text does not hold."""
    ctx = ImportContext(name=name, default_era=document_era(lines))
    page = _scan(lines, ctx)
    if page.window_year is not None:
        evaluation_year = page.window_year + 1
        where = page.window_line
    elif page.next_year is not None:
        evaluation_year, where = page.next_year, f"{format_fiscal_year(page.next_year)}以降の政策への反映方針"
    else:
        raise not_a_report(
            gettext_noop(
                "年度が書かれていません（「平成19年度の状況と総合評価結果」も「21年度以降の政策への反映方針」もありません）"
            ),
            where=name,
        )
    ctx.absent(
        "/evaluation_year",
        gettext_noop("評価年度の記載がありません。「{where}」から{year}と読みました。"),
        where=where,
        year=f"{format_fiscal_year(evaluation_year)} ({evaluation_year}年度)",
    )
    ministry = ministry_or_layout(None, layout, ctx, _NO_MINISTRY)
    if page.measure_number is None:
        ctx.absent(
            "/measure_number",
            gettext_noop("施策目標・政策目標の見出し(「施策目標1-1 …」)がありません。番号と名称は空欄です。"),
        )
    other_judgments = [Judgment(legend=LEGEND, letter=page.overall)] if page.overall else []
    if page.overall is None:
        ctx.absent(
            "/other_judgments",
            gettext_noop("総合評価(「総合評価 S」)がありません。総合評価は空欄です。"),
        )
    ctx.absent(
        "/judgment",
        gettext_noop(
            "各行政機関共通区分の判定はありません(文部科学省の評価はS・A・B・Cの独自の区分で、共通区分に対応付けていません)。"
        ),
    )
    indicators = _indicators(page, ctx)
    areas: list[Area] = []
    if indicators or page.policies or page.next_steps:
        areas.append(
            Area(
                number=1,
                title=page.title or "",
                indicators=indicators,
                cabinet_policies=page.policies,
                next_steps=NextSteps(measure=page.next_steps),
            )
        )
    if not indicators:
        ctx.absent("/areas", gettext_noop("達成目標・施策の評価がありません。測定指標は空欄です。"))
    return finish_report(
        lines,
        ctx,
        lambda: EvaluationReport(
            ministry=ministry,
            measure_number=page.measure_number or "",
            title=page.title or "",
            evaluation_year=evaluation_year,
            window=[page.window_year] if page.window_year is not None else [],
            objectives=page.objectives,
            outline=page.outline,
            judgment=Judgment(),
            other_judgments=other_judgments,
            notes=page.notes,
            bureau=page.bureau,
            areas=areas,
            source=span_of(lines),
        ),
    )
