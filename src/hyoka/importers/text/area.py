"""One 個別分野 block: outline, cabinet policies, indicators, analysis, next steps, sources."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from hyoka.core import (
    Area,
    CabinetPolicy,
    EraYearError,
    Indicator,
    IndicatorAnalysis,
    IndicatorKind,
    IndicatorNextSteps,
    IndicatorYear,
    MidTermTarget,
    NextSteps,
    Paragraph,
    RecordedGrade,
    SourceEntry,
)
from hyoka.core.numbering import MOFA_INDICATOR_ID
from hyoka.core.wareki import ERA, era_year_regex, western_year
from hyoka.importers.text.context import ImportContext, span_of
from hyoka.importers.text.indicator_table import mid_term_year
from hyoka.importers.text.normalise import Line
from hyoka.importers.text.paragraphs import parse_paragraphs, strip_bullet
from hyoka.importers.text.quantitative import quantitative_indicator, quantitative_reference
from hyoka.importers.text.years import parse_year_list

__all__ = ["AreaParts", "parse_area", "split_area"]

AREA_HEADING = re.compile(r"^個別分野([0-9]+)\s*(.+)$")
_INDICATOR = re.compile(rf"^測定指標\s*({MOFA_INDICATOR_ID})\s*(.*?)\s*(\*)?$")
_REFERENCE = re.compile(r"^参考指標\s*:\s*(.*)$")
_MID_TERM = re.compile(r"^中期目標\s*\((.*)\)$")
_YEAR_TARGET = re.compile(rf"^({era_year_regex(digits='+')})年度目標$")
_GRADE = re.compile(rf"^({ERA}(?:[0-9元・]|{ERA})+年度)目標の達成状況\s*:\s*([a-zA-Z]+)$")
_ANALYSIS_ENTRY = re.compile(rf"^【測定指標\s*({MOFA_INDICATOR_ID})\s*(.*?)】$")
_NEXT_ENTRY = re.compile(rf"^({MOFA_INDICATOR_ID})\s*(.*)$")
_URL = re.compile(r"^\(<?(https?://[^>)\s]+)>?\)$")
_DATE = re.compile(
    rf"\({era_year_regex(era='era', number='number', digits='+')}年([0-9]{{1,2}})月([0-9]{{1,2}})日\)"
)
_SECTIONS = (
    "施策の概要",
    "関連する内閣の重要政策",
    "評価結果",
    "施策の分析",
    "次期目標等への反映の方向性",
    "作成にあたって使用した資料その他の情報",
)


def _is_heading(line: Line) -> str | None:
    text = line.cells[0]
    for name in _SECTIONS:
        if text.startswith(name):
            return name
    if _INDICATOR.match(text):
        return "測定指標"
    if _REFERENCE.match(text):
        return "参考指標"
    return None


AreaParts = list[tuple[str, list[Line]]]


def split_area(lines: Sequence[Line]) -> AreaParts:
    """Cut the area into (heading, lines) parts; each part starts with its heading line."""
    parts: AreaParts = []
    for line in lines:
        kind = _is_heading(line)
        if kind is not None or not parts:
            parts.append((kind or "", [line]))
        else:
            parts[-1][1].append(line)
    return parts


def _date(text: str) -> dt.date | None:
    matches = _DATE.findall(text)
    if not matches:
        return None
    era, number, month, day = matches[-1]
    try:
        return dt.date(western_year(era, number), int(month), int(day))
    except (ValueError, EraYearError):
        return None


def _era_year(text: str) -> int | None:
    """「平成29」→ 2017; None for an era year that cannot be (令和0, 平成290)."""
    try:
        return western_year(text[:2], text[2:])
    except EraYearError:
        return None


def _cabinet_policies(lines: Sequence[Line], ctx: ImportContext) -> list[CabinetPolicy]:
    policies: list[CabinetPolicy] = []
    for line in lines:
        ctx.use(line)
        body = strip_bullet(line.text)
        if line.text.lstrip("- ").startswith("・") or not policies:
            name = _DATE.sub("", body).strip()
            policies.append(CabinetPolicy(name=name, date=_date(body), source=span_of([line])))
        else:
            last = policies[-1]
            last.section = f"{last.section} {body}" if last.section else body
            last.source = span_of([line]).join(last.source) if span_of([line]) else last.source  # type: ignore[union-attr]
    return policies


def _sources(lines: Sequence[Line], ctx: ImportContext) -> list[SourceEntry]:
    entries: list[SourceEntry] = []
    publisher: str | None = None
    group_has_entries = True
    for line in lines:
        ctx.use(line)
        text = line.text.strip()
        if match := _URL.match(text):
            if entries and entries[-1].url is None:
                entries[-1].url = match.group(1)
                entries[-1].source = span_of([line]).join(entries[-1].source)  # type: ignore[union-attr]
            continue
        if text.startswith(("-", "・")):
            if not group_has_entries and publisher:
                entries.append(SourceEntry(title=publisher, date=_date(publisher), source=span_of([line])))
            publisher = strip_bullet(text)
            group_has_entries = False
            continue
        entries.append(SourceEntry(publisher=publisher, title=text, date=_date(text), source=span_of([line])))
        group_has_entries = True
    if not group_has_entries and publisher:
        entries.append(SourceEntry(title=publisher, date=_date(publisher), source=span_of(lines[-1:])))
    return entries


def _qualitative(
    lines: Sequence[Line], ctx: ImportContext
) -> tuple[MidTermTarget | None, list[IndicatorYear], RecordedGrade | None]:
    mid: MidTermTarget | None = None
    years: list[IndicatorYear] = []
    grade: RecordedGrade | None = None
    bucket: list[Line] = []
    state = ""

    def flush() -> None:
        nonlocal bucket
        if state == "mid" and mid is not None:
            mid.text = "\n".join(strip_bullet(x.text) for x in bucket) or None
            ctx.use_all(bucket)
            mid.source = span_of([*bucket]) or mid.source
        elif state == "target" and years:
            years[-1].target_text = parse_paragraphs(bucket, ctx)
        elif state == "progress" and years:
            years[-1].progress = parse_paragraphs(bucket, ctx)
        bucket = []

    for line in lines[1:]:
        text = line.text.strip()
        if match := _MID_TERM.match(text):
            flush()
            ctx.use(line)
            label = match.group(1)
            mid = MidTermTarget(
                target_year_text=label or None, target_year=mid_term_year(label), source=span_of([line])
            )
            state = "mid"
        elif (match := _YEAR_TARGET.match(text)) and (year := _era_year(match.group(1))) is not None:
            flush()
            ctx.use(line)
            years.append(IndicatorYear(fiscal_year=year, source=span_of([line])))
            state = "target"
        elif text.startswith("施策の進捗状況"):
            flush()
            ctx.use(line)
            state = "progress"
        elif match := _GRADE.match(text):
            flush()
            ctx.use(line)
            try:
                window = parse_year_list(match.group(1), ctx.default_era)
            except EraYearError:
                window = []
            grade = RecordedGrade(letter=match.group(2), window=window, source=span_of([line]))
            state = ""
        else:
            bucket.append(line)
    flush()
    for record in years:
        for paragraph in record.target_text + record.progress:
            if paragraph.source is not None:
                record.source = paragraph.source.join(record.source)
    return mid, years, grade


def _entries(
    lines: Sequence[Line], ctx: ImportContext, pattern: re.Pattern[str], ids: set[str]
) -> tuple[list[Line], list[tuple[str, str, Line, list[Line]]]]:
    """The lines before the first entry, and each entry (id, heading, heading line, body) under a
    heading of ``pattern`` naming an indicator of ``ids``. The text under a heading of an indicator
    the area does not hold is no entry's: left unplaced (H901), never added to the entry before."""
    lead: list[Line] = []
    entries: list[tuple[str, str, Line, list[Line]]] = []
    elsewhere = False  # under the heading of an indicator the area does not hold
    for line in lines:
        match = pattern.match(line.text.strip())
        if match:
            elsewhere = match.group(1) not in ids
            if not elsewhere:
                ctx.use(line)
                entries.append((match.group(1), match.group(0), line, []))
                continue
        if elsewhere:
            continue  # neither the previous indicator's text nor placed: reported as H901, kept
        if entries:
            entries[-1][3].append(line)
        else:
            lead.append(line)
    return lead, entries


def parse_area(lines: Sequence[Line], ctx: ImportContext, index: int) -> Area:
    """Parse one 個別分野. The analysis is read first: a damaged indicator table is resolved
    against the values its analysis states."""
    heading = AREA_HEADING.match(lines[0].text)
    if heading is None:
        raise ValueError("an area starts with its 個別分野 heading")
    ctx.use(lines[0])
    area = Area(number=int(heading.group(1)), title=heading.group(2).strip(), source=span_of(lines))
    parts = split_area(lines[1:])
    ids = {
        m.group(1) for kind, part in parts if kind == "測定指標" if (m := _INDICATOR.match(part[0].cells[0]))
    }
    for kind, part in parts:
        if kind == "施策の分析":
            ctx.use(part[0])
            for indicator_id, title, line, body in _entries(part[1:], ctx, _ANALYSIS_ENTRY, ids)[1]:
                area.analysis.append(
                    IndicatorAnalysis(
                        indicator_id=indicator_id,
                        heading=title.strip("【】"),
                        paragraphs=parse_paragraphs(body, ctx),
                        source=span_of([line, *body]),
                    )
                )
    analysis = {entry.indicator_id: entry.paragraphs for entry in area.analysis}
    for kind, part in parts:
        head = part[0]
        if kind == "施策の概要":
            ctx.use(head)
            area.outline = parse_paragraphs(part[1:], ctx)
        elif kind == "関連する内閣の重要政策":
            ctx.use(head)
            area.cabinet_policies = _cabinet_policies(part[1:], ctx)
        elif kind == "測定指標":
            pointer = f"/areas/{index}/indicators/{len(area.indicators)}"
            area.indicators.append(_indicator(part, ctx, analysis, pointer))
        elif kind == "参考指標":
            match = _REFERENCE.match(head.cells[0])
            name = match.group(1) if match else head.text
            pointer = f"/areas/{index}/reference_indicators/{len(area.reference_indicators)}"
            area.reference_indicators.append(quantitative_reference(name, part, ctx, pointer))
        elif kind == "評価結果":
            ctx.use(head)
        elif kind == "次期目標等への反映の方向性":
            ctx.use(head)
            area.next_steps = _next_steps(part[1:], ctx, ids)
        elif kind == "作成にあたって使用した資料その他の情報":
            ctx.use(head)
            area.sources = _sources(part[1:], ctx)
    return area


def _indicator(
    part: Sequence[Line], ctx: ImportContext, analysis: dict[str, list[Paragraph]], pointer: str
) -> Indicator:
    head = part[0]
    match = _INDICATOR.match(head.cells[0])
    if match is None:
        raise ValueError("an indicator part starts with its 測定指標 heading")
    indicator_id, name, star = match.groups()
    if head.is_table:
        end = next((i for i, line in enumerate(part) if not line.is_table), len(part))
        indicator = quantitative_indicator(
            indicator_id, name, star is not None, part[:end], ctx, analysis.get(indicator_id, []), pointer
        )
        if end < len(part):
            _yearly_text(indicator, [head, *part[end:]], ctx)
            indicator.source = span_of(part)
        return indicator
    ctx.use(head)
    mid, years, grade = _qualitative(part, ctx)
    return Indicator(
        id=indicator_id,
        name=name,
        is_main=star is not None,
        kind=IndicatorKind.QUALITATIVE,
        mid_term_target=mid,
        years=years,
        recorded_grade=grade,
        source=span_of(part),
    )


def _yearly_text(indicator: Indicator, part: Sequence[Line], ctx: ImportContext) -> None:
    """The 年度目標 and 施策の進捗状況・実績 written under an indicator's table, merged into its years."""
    _, years, grade = _qualitative(part, ctx)
    by_year = {record.fiscal_year: record for record in indicator.years}
    for record in years:
        own = by_year.get(record.fiscal_year)
        if own is None:
            indicator.years.append(record)
        else:
            own.target_text, own.progress = record.target_text, record.progress
            own.source = own.source.join(record.source) if own.source and record.source else own.source
    if indicator.recorded_grade is None:
        indicator.recorded_grade = grade


def _next_steps(lines: Sequence[Line], ctx: ImportContext, ids: set[str]) -> NextSteps:
    measure: list[Line] = []
    rest: list[Line] = []
    in_indicators = False
    for line in lines:
        text = line.text.strip()
        if text.startswith("【施策"):
            ctx.use(line)
            continue
        if text == "【測定指標】":
            ctx.use(line)
            in_indicators = True
            continue
        (rest if in_indicators else measure).append(line)
    _, entries = _entries(rest, ctx, _NEXT_ENTRY, ids)
    return NextSteps(
        measure=parse_paragraphs(measure, ctx),
        indicators=[
            IndicatorNextSteps(
                indicator_id=indicator_id,
                heading=title,
                paragraphs=parse_paragraphs(body, ctx),
                source=span_of([line, *body]),
            )
            for indicator_id, title, line, body in entries
        ],
        source=span_of(lines),
    )
