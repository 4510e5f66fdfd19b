"""The report (and its 調書) as the text one gets by extracting a ministry's PDF.

MOFA's layout, as in ``samples/mofa-r2-I-2-hokubei.txt``: the 調書 table first, the report header,
the evaluation sheet as tab-separated table rows, then each 個別分野 with its headed sections,
【測定指標】 blocks, indicator tables with ①② series, 和暦 years, △ negatives, 「-」 cells and
「の内数」 rows; blank lines between blocks and page-break debris (「-----	---」), a page break
sometimes cutting a sentence in two as extraction does.

Why: the synthetic corpus is written with this function and read back by the text importer, so
the contract is the round trip — ``import_bytes(render_text(r).encode()).report`` equals ``r`` in
every field but the source spans and ``inferred_from``, with no importer findings. The writer
therefore writes only what the importer reads back to the same value: text is written as stored
(already normalised), a line that would read as a heading is written behind a list bullet, and a
page break goes only where the importer's joining of cut lines restores the line exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from hyoka.core import (
    AmountError,
    Area,
    BudgetSheet,
    BudgetSheetAmounts,
    BudgetSheetLine,
    Cell,
    CellStatus,
    Direction,
    EvaluationReport,
    Indicator,
    IndicatorKind,
    MidTermTarget,
    Objective,
    Paragraph,
    ReferenceIndicator,
    SeriesValue,
    SourceEntry,
    format_fiscal_year,
    parse_cell,
)
from hyoka.core.numbering import DIGIT
from hyoka.core.page_break import HEADING_WIDTH, continues_after_break
from hyoka.core.wareki import ERA, format_era_date, format_year_list

__all__ = ["render_text"]

PAGE_LINES = 42
"""Lines of text between two page breaks (a printed A4 page of the evaluation report)."""
_DEBRIS = "-----------------\t---"
_BUDGET_LABELS = (
    ("initial", "当初予算(a)"),
    ("supplementary", "補正予算(b)"),
    ("carryover", "繰越し等(c)"),
    ("total", "合計(a+b+c)"),
)
_DIRECTION_MARKS = {Direction.LOWER: "以下", Direction.AT_LEAST: "以上"}

# --- what the importer would take for structure -------------------------------------------------
# A paragraph (or mid-term target line, expert opinion, cabinet policy section) whose text starts
# like one of these would be read as a heading or a table label; behind a bullet 「- 」 it is text.
_STRUCTURE = re.compile(
    r"^(?:施策の概要|関連する内閣の重要政策|評価結果|施策の分析|次期目標等|作成にあたって|個別分野\s*[0-9]"
    r"|測定指標|参考指標|中期目標|施策の進捗状況|担当部局名|施策名|施策目標|施策の予算額|学識経験|政策評価調書"
    rf"|【|施策\s*[IVX]|\((?:注|※|出典|<?https?:)|{ERA}(?:[0-9元・]|{ERA})*年度"
    rf"|{DIGIT}\s*-\s*{DIGIT}|[-・]|https?:)"
)

_CUTTABLE = re.compile(r"[\u3041-\u309f\u30a1-\u30fa\u4e00-\u9fff]")
"""Kana and ideographs: a cut between two of them reads back without a space either side."""
_NUMERALS = "一二三四五六七八九十"


def _cut(line: str) -> int | None:
    """Where a page break may cut ``line`` so that the importer joins the two halves again."""
    if "\t" in line or len(line) < 2 * HEADING_WIDTH:
        return None
    for k in range(len(line) * 3 // 5, len(line) - 10):
        if not (_CUTTABLE.match(line[k - 1]) and _CUTTABLE.match(line[k]) and _CUTTABLE.match(line[k + 1])):
            continue
        if line[k] in _NUMERALS:
            continue
        if continues_after_break(line[:k], line[k:]):
            return k
    return None


def _lay_out(lines: Sequence[str]) -> str:
    """Blank lines where they cannot join two lines, and a page break every ``PAGE_LINES`` lines."""
    out: list[str] = []
    since_break = 0
    for index, line in enumerate(lines):
        nxt = lines[index + 1] if index + 1 < len(lines) else None
        if since_break >= PAGE_LINES and (k := _cut(line)) is not None:
            out.extend((line[:k], "", _DEBRIS, "", line[k:]))
            since_break = 0
        else:
            out.append(line)
        since_break += 1
        if nxt is None or continues_after_break(out[-1], nxt):
            continue
        if since_break >= PAGE_LINES and "\t" not in line and _cut(nxt) is None:
            out.extend(("", _DEBRIS, ""))
            since_break = 0
        else:
            out.append("")
    return "\n".join(out) + "\n"


# --- values ----------------------------------------------------------------------------------------


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text


def _number(value: Decimal, *, triangle: bool, groups: bool) -> str:
    magnitude = abs(value)
    text = f"{magnitude:,f}" if groups else _plain(magnitude)
    if value < 0:
        return ("△" if triangle else "-") + text
    return text


def _reads_back(text: str, cell: Cell, *, percent: bool | None) -> bool:
    try:
        parsed = parse_cell(text)
    except AmountError:
        return False
    if percent is not None and ("%" in text) != percent:
        return False
    return parsed.status is cell.status and parsed.value == cell.value


def _cell(cell: Cell | None, *, triangle: bool = False, groups: bool = False, indicator: bool = False) -> str:
    """A cell as printed: its raw text when that reads back to it, else the value written out."""
    if cell is None:
        return ""
    percent = (cell.unit == "%") if indicator else None
    if cell.raw and _reads_back(cell.raw, cell, percent=percent):
        return cell.raw
    if cell.status is CellStatus.EMPTY:
        return ""
    if cell.status is CellStatus.NOTHING_TO_REPORT:
        return "-"
    assert cell.value is not None
    text = _number(cell.value, triangle=triangle, groups=groups)
    return text + "%" if indicator and cell.unit == "%" else text


def _values(values: Sequence[SeriesValue], direction: Direction | None = None) -> str:
    """「①76% ②86%」, or 「18」 for one value without a series; a target carries its direction.
    A cell blank in every series is printed blank."""
    if all(value.value.status is CellStatus.EMPTY and not value.value.raw for value in values):
        return ""
    parts = []
    for value in values:
        text = _cell(value.value, indicator=True)
        if direction is not None and value.value.is_value:
            if direction is Direction.WITHIN_RANGE and value.upper is not None:
                text = f"{text}～{_cell(value.upper, indicator=True)}"
            else:
                text += _DIRECTION_MARKS.get(direction, "")
        parts.append(f"{value.series or ''}{text}")
    return " ".join(parts)


def _fy(year: int) -> str:
    """「令和 2 年度」: a fiscal year with the spaces PDF extraction puts around its digits."""
    return re.sub(r"([0-9]+)", r" \1 ", format_fiscal_year(year))


def _year_list(years: Sequence[int]) -> str:
    """[2017, 2018, 2019] → 「平成29・30・令和元年度」: the era is named where it changes."""
    return format_year_list(years) or "年度"


def _era_date(day: date) -> str:
    return format_era_date(day)


def _text(text: str) -> str:
    """A line of running text; behind a bullet when it would otherwise read as structure."""
    return f"- {text}" if _STRUCTURE.match(text) else text


# --- the document ----------------------------------------------------------------------------------


def _paragraphs(paragraphs: Iterable[Paragraph]) -> list[str]:
    lines = []
    for paragraph in paragraphs:
        if paragraph.label:
            lines.append(f"{paragraph.label} {paragraph.text}")
        else:
            lines.append(_text(paragraph.text))
    return lines


def _inclusive_row(amounts: BudgetSheetAmounts) -> str | None:
    """The 「<…>の内数」 row under an item or line, unless it never had one."""
    cells = (amounts.current_initial_inclusive, amounts.next_request_inclusive)
    if all(c == Cell.empty() for c in cells):
        return None
    current, following = (_cell(c, groups=True) for c in cells)
    return f"\t\t\t\t\t\t<{current}\t>の内数\t<{following}\t>の内数"


def _sheet_lines(label: str, lines: Sequence[BudgetSheetLine]) -> list[str]:
    out = []
    for index, line in enumerate(lines):
        first, second = (label, "") if label == "合 計" else ("", label)
        if index:
            first = second = ""
        current, following = _cell(line.current_initial, groups=True), _cell(line.next_request, groups=True)
        out.append(f"{first}\t{second}\t\t\t\t{line.account_type.value}\t{current}\t\t{following}\t")
        if (row := _inclusive_row(line)) is not None:
            out.append(row)
    return out


def _budget_sheet(sheet: BudgetSheet) -> list[str]:
    current = f"{format_fiscal_year(sheet.current_year)} " if sheet.current_year else ""
    following = f"{format_fiscal_year(sheet.next_year)} " if sheet.next_year else ""
    out = [
        "政策評価調書（個別票）",
        "【政策ごとの予算額】",
        f"政策名\t{sheet.policy_name}\t\t\t番号\t{sheet.number or ''}\t\t\t\t",
        f"評価方式\t{sheet.evaluation_method or ''}\t\t"
        f"政策目標の達成度合い\t{sheet.achievement or ''}\t\t\t\t\t",
        f"({sheet.unit})\t\t\t\t\t\t\t\t\t",
        "\t予算科目\t\t\t\t他に記載のある 個別票の番号\t予算額\t\t\t",
        f"\t会計\t組織／勘定\t項\t事項\t\t{current}当初予算額\t\t{following}概算要求額\t",
    ]
    for section in sheet.sections:
        label = section.label
        if not section.items:
            out.append(f"{label}\t\t\t\t\t\t\t\t\t")
        for index, item in enumerate(section.items):
            first = label if index == 0 else ""
            amounts = (_cell(item.current_initial, groups=True), _cell(item.next_request, groups=True))
            out.append(
                f"{first}\t{item.account}\t{item.organization}\t{item.item}\t{item.sub_item}"
                f"\t{item.other_sheet_ref or ''}\t{amounts[0]}\t\t{amounts[1]}\t"
            )
            if (row := _inclusive_row(item)) is not None:
                out.append(row)
        out.extend(_sheet_lines("小 計", section.subtotals))
    out.extend(_sheet_lines("合 計", sheet.totals))
    return out


def _header(report: EvaluationReport) -> list[str]:
    measure = report.measure_number.replace("-", " - ")
    code = (report.report_code or "").removeprefix(report.ministry).strip().replace("-", " - ")
    return [
        f"施策 {measure} {report.title}",
        f"{_fy(report.evaluation_year).strip()}政策評価書",
        f"({report.ministry} {code})",
    ]


def _objectives(objectives: Sequence[Objective]) -> str:
    parts = []
    for objective in objectives:
        parts.append(f"{objective.number} {objective.text}" if objective.number else objective.text)
        parts.extend(f"{child.number} {child.text}" for child in objective.children)
    return " ".join(parts)


def _budget(report: EvaluationReport) -> list[str]:
    budget = report.budget
    if not budget.years:
        return []
    unit = budget.unit
    years = budget.years
    out = ["施策の予算額・執行額等\t区分\t\t" + "\t".join(_fy(y.fiscal_year) for y in years)]
    for index, (key, label) in enumerate(_BUDGET_LABELS):
        lead = f"\t予算の状況 ({unit})" if index == 0 else "\t"
        cells = "\t".join(_cell(getattr(y, key), triangle=True) for y in years)
        out.append(f"{lead}\t{label}\t{cells}")
    out.append(f"執行額({unit})\t\t" + "\t".join(_cell(y.executed, triangle=True) for y in years))
    return out


def _evaluation_sheet(report: EvaluationReport) -> list[str]:
    out = [f"施策名 (※)\t{report.title}\t\t\t\t\t", f"施策目標\t{_objectives(report.objectives)}\t\t\t\t\t"]
    out.extend(_budget(report))
    notes = list(report.notes)
    while notes and notes[0].mark == "※":
        out.append(f"(※){notes.pop(0).text}")
    judgment = report.judgment
    cells = ["目標達成度の測定の結果"]
    if judgment.label:
        letter = f" ({judgment.letter})" if judgment.letter else ""
        cells.append(f"({judgment.legend}) {judgment.label}{letter}")
    if judgment.rationale is not None:
        cells.append(f"(判断根拠) {judgment.rationale}")
    note = " (注 1)" if any(n.mark == "注1" for n in report.notes) else ""
    out.append(f"評価結果{note}\t" + "\t".join(cells) + "\t")
    out.extend(_summary(report))
    out.extend(f"({n.mark.replace('注', '注 ')}) {n.text}".replace("(注 )", "(注)") for n in notes)
    group = report.expert_opinions.group
    out.append("学識経験を有する者の知見の活用\t" + (f"({group})" if group else ""))
    out.extend(f"- ・{opinion.text}" for opinion in report.expert_opinions.opinions)
    when = ""
    if report.evaluated_on:
        year, month = (int(x) for x in report.evaluated_on.split("-"))
        when = format_era_date(date(year, month, 1), with_day=False)
    out.append(f"担当部局名\t{report.bureau or ''}\t政策評価 実施時期\t{when}")
    return out


def _summary(report: EvaluationReport) -> list[str]:
    if not report.results_summary and not report.window:
        return []
    note = "(注 2)" if any(n.mark == "注2" for n in report.notes) else ""
    head = f"\t測定指標の{_year_list(report.window) if report.window else ''}目標の達成状況{note}"
    out = []
    area: tuple[int | None, str | None] = (None, None)
    for entry in report.results_summary:
        if (entry.area_number, entry.area_title) != area and entry.area_number is not None:
            area = (entry.area_number, entry.area_title)
            title = f" {entry.area_title}" if entry.area_title else ""
            out.append(f"{head}\t個別分野 {entry.area_number}{title}\t\t")
            head = "\t"
        elif head != "\t":
            out.append(f"{head}\t\t\t")
            head = "\t"
        star = "* " if entry.is_main else ""
        grade = f"\t{entry.recorded_grade}" if entry.recorded_grade else "\t"
        out.append(f"\t\t{star}{entry.indicator_id.replace('-', ' - ')}\t{entry.name}{grade}")
    if head != "\t":
        out.append(f"{head}\t\t\t")
    return out


def _describe(data_source: str | None, series_names: str, notes: Sequence[str]) -> str:
    """The description cell of an indicator table: source, series and notes."""
    parts = []
    if data_source is not None:
        parts.append(f"(出典:{data_source})")
    if series_names:
        parts.append(series_names)
        parts.extend(f"(注){note}" for note in notes)
    elif len(notes) == 1:
        parts.append(f"(注){notes[0]}")
    elif notes:
        parts.append(notes[0])
        parts.extend(f"(注){note}" for note in notes[1:])
    return " ".join(parts)


def _series_names(indicator: Indicator | ReferenceIndicator) -> str:
    return " ".join(f"{s.key}{s.name}" for s in indicator.series)


def _mid_term(mid: MidTermTarget | None, direction: Direction) -> tuple[str, str]:
    if mid is None:
        return "", ""
    return mid.target_year_text or "", _values(mid.values, direction)


def _quantitative(indicator: Indicator) -> list[str]:
    star = " *" if indicator.is_main else ""
    years = indicator.years
    window = indicator.recorded_grade.window if indicator.recorded_grade else [y.fiscal_year for y in years]
    description = _describe(indicator.data_source, _series_names(indicator), indicator.notes)
    mid_year, mid_values = _mid_term(indicator.mid_term_target, indicator.direction)
    header = [description, "中期目標値"]
    labels = ["", mid_year]
    row = ["", mid_values]
    if indicator.baseline or indicator.baseline_year is not None:
        header.insert(1, "基準値")
        labels.insert(1, _fy(indicator.baseline_year).strip() if indicator.baseline_year else "")
        row.insert(1, _values(indicator.baseline))
    width = len(header) + 1 + 2 * len(years)
    for year in years:
        header.extend((_fy(year.fiscal_year), ""))
        labels.extend(("年度目標値", "実績値"))
        row.extend((_values(year.targets, indicator.direction), _values(year.actuals)))
    header.append(f"{_year_list(sorted(window))}目標の達成状況" if window else "目標の達成状況")
    labels.append("")
    row.append(indicator.recorded_grade.letter if indicator.recorded_grade else "")
    out = [
        f"測定指標{indicator.id} {indicator.name}{star}" + "\t" * (width - 1),
        "\t".join(header),
        "\t".join(labels),
        "\t".join(row),
    ]
    if any(year.target_text or year.progress for year in years):
        out.extend(_yearly_text(indicator))
    return out


def _yearly_text(indicator: Indicator) -> list[str]:
    """Each year's 年度目標 and 施策の進捗状況・実績 (under a table: the years with either)."""
    out = []
    for year in indicator.years:
        if indicator.kind is IndicatorKind.QUANTITATIVE and not (year.target_text or year.progress):
            continue
        out.append(f"{_fy(year.fiscal_year).strip()}目標")
        out.extend(_paragraphs(year.target_text))
        out.append("施策の進捗状況・実績")
        out.extend(_paragraphs(year.progress))
    return out


def _qualitative(indicator: Indicator) -> list[str]:
    star = " *" if indicator.is_main else ""
    out = [f"測定指標 {indicator.id} {indicator.name}{star}"]
    mid = indicator.mid_term_target
    if mid is not None:
        out.append(f"中期目標({mid.target_year_text or ''})")
        out.extend(_text(line) for line in (mid.text or "").split("\n") if line)
    out.extend(_yearly_text(indicator))
    grade = indicator.recorded_grade
    if grade is not None and grade.window:
        out.append(f"{_year_list(grade.window)}目標の達成状況： {grade.letter}")
    return out


def _reference(reference: ReferenceIndicator) -> list[str]:
    years = reference.years
    description = _describe(reference.data_source, _series_names(reference), reference.notes)
    out = [
        f"参考指標：{reference.name}",
        f"{description}\t実績値" + "\t" * max(0, len(years) - 1),
        "\t" + "\t".join(_fy(y.fiscal_year) for y in years),
    ]
    keys: list[str | None] = []
    for year in years:
        for value in year.actuals:
            if value.series not in keys:
                keys.append(value.series)
    for key in keys:
        cells = []
        for year in years:
            found = [v for v in year.actuals if v.series == key]
            cells.append(_values(found))
        out.append("\t" + "\t".join(cells))
    return out


def _sources(entries: Sequence[SourceEntry]) -> list[str]:
    """Entries grouped under their publisher line 「・外務省ホームページ」, each title with its URL.

    An entry without a publisher is a bare title before the first publisher line, or a publisher
    line of its own after it (which can carry no URL: the importer would give it to the entry before).
    """
    out: list[str] = []
    publisher: str | None = None
    grouped = False
    for entry in entries:
        if entry.publisher is None and grouped:
            out.append(f"・{entry.title}")
            publisher = None
            continue
        if entry.publisher is not None and (entry.publisher != publisher or not grouped):
            out.append(f"・{entry.publisher}")
            publisher, grouped = entry.publisher, True
        out.append(entry.title)
        if entry.url is not None:
            out.append(f"(<{entry.url}>)" if len(out) % 2 else f"({entry.url})")
    return out


def _area(area: Area) -> list[str]:
    out = [f"個別分野 {area.number} {area.title}"]
    out.append("施策の概要")
    out.extend(_paragraphs(area.outline))
    out.append("関連する内閣の重要政策（施策方針演説等のうち主なもの）")
    for policy in area.cabinet_policies:
        when = f"({_era_date(policy.date)})" if policy.date else ""
        out.append(f"- ・ {policy.name}{when}")
        if policy.section:
            out.append(f"- {policy.section}" if _STRUCTURE.match(policy.section) else policy.section)
    for indicator in area.indicators:
        if indicator.kind is IndicatorKind.QUANTITATIVE:
            out.extend(_quantitative(indicator))
        else:
            out.extend(_qualitative(indicator))
    for reference in area.reference_indicators:
        out.extend(_reference(reference))
    out.append(f"評価結果(個別分野 {area.number})")
    out.append("施策の分析")
    for analysis in area.analysis:
        out.append(f"【{analysis.heading}】")
        out.extend(_paragraphs(analysis.paragraphs))
    out.append("次期目標等への反映の方向性")
    out.append("【施策(施策の必要性に関する分析を含む)】")
    out.extend(_paragraphs(area.next_steps.measure))
    out.append("【測定指標】")
    for steps in area.next_steps.indicators:
        out.append(steps.heading)
        out.extend(_paragraphs(steps.paragraphs))
    out.append("作成にあたって使用した資料その他の情報")
    out.extend(_sources(area.sources))
    return out


def render_text(report: EvaluationReport) -> str:
    """The report as PDF-extracted text in MOFA's layout (UTF-8 text with LF line ends)."""
    lines: list[str] = []
    if report.budget_sheet is not None:
        lines.extend(_budget_sheet(report.budget_sheet))
    lines.extend(_header(report))
    lines.extend(_evaluation_sheet(report))
    for area in report.areas:
        lines.extend(_area(area))
    return _lay_out(lines)
