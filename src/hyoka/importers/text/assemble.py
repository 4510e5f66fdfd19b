"""Step 7: put the parsed blocks together into an EvaluationReport, and report what was left."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from hyoka.core import (
    Budget,
    BudgetSheet,
    DocumentKind,
    EvaluationReport,
    Issue,
    Judgment,
    RecordedGrade,
    Tier,
    format_fiscal_year,
)
from hyoka.core.i18n import gettext_noop
from hyoka.importers.errors import not_a_report, validated
from hyoka.importers.layout import Layout
from hyoka.importers.text.area import parse_area
from hyoka.importers.text.budget_sheet import parse_budget_sheet
from hyoka.importers.text.context import ImportContext, span_of
from hyoka.importers.text.evaluation_sheet import (
    EvaluationSheet,
    Header,
    parse_evaluation_sheet,
    parse_header,
)
from hyoka.importers.text.normalise import Line
from hyoka.importers.text.segment import document_era, segment

__all__ = [
    "MinistryAbsent",
    "assemble",
    "assemble_budget_sheet",
    "budget_sheet_report",
    "finish_report",
    "ministry_or_layout",
    "report_unplaced",
]


def report_unplaced(lines: Sequence[Line], ctx: ImportContext) -> None:
    """H901 for each run of consecutive lines no parser used."""
    run: list[Line] = []

    def flush() -> None:
        if run:
            text = "\n".join(line.text for line in run)
            ctx.report(
                "H901",
                "",
                run,
                gettext_noop(
                    "どの項目にも当てはまらない記載があります({span}行目)。内容はこの指摘に保存しました。"
                ),
                input=text,
                span=str(span_of(run)),
            )
            run.clear()

    for line in lines:
        if line.first in ctx.used:
            flush()
        else:
            run.append(line)
    flush()


def finish_report(
    lines: Sequence[Line],
    ctx: ImportContext,
    build: Callable[[], EvaluationReport],
    *,
    what: str = gettext_noop("本文から正しい評価書を組み立てられません"),
) -> tuple[EvaluationReport, list[Issue]]:
    """The end every reader shares: the report ``build`` makes from what was read (a value the model
    refuses is the document's error, ``validated``, with ``what`` the kind of document), then each
    run of lines no part was read from (H901), and the findings."""
    report = validated(build, what=what, where=ctx.name)
    report_unplaced(lines, ctx)
    return report, ctx.findings


class MinistryAbsent(NamedTuple):
    """What a reader says (H906) when its document names no ministry, in the words of the line its
    documents print: ``from_layout`` when the layout's ministry is taken (``{layout}``,
    ``{ministry}``), ``empty`` when the ministry is left empty (both msgids, ``gettext_noop``)."""

    from_layout: str
    empty: str


_NO_MINISTRY_ON_BUDGET_SHEET = MinistryAbsent(
    from_layout=gettext_noop(
        "政策評価調書には府省名がありません。様式「{layout}」の府省「{ministry}」としました。"
    ),
    empty=gettext_noop("政策評価調書には府省名がありません。府省名は空欄です。"),
)
"""A 政策評価調書 never names its ministry (its 番号 is the sheet's, not a ministry's code)."""


def ministry_or_layout(named: str | None, layout: Layout, ctx: ImportContext, absent: MinistryAbsent) -> str:
    """The ministry the document names (``named``); else its layout's, else none: every reader
    decides it so, and says which (H906, ``absent``)."""
    if named:
        return named
    if layout.ministry is not None:
        ctx.absent("/ministry", absent.from_layout, layout=layout.title, ministry=layout.ministry)
        return layout.ministry
    ctx.absent("/ministry", absent.empty)
    return ""


def budget_sheet_report(
    lines: Sequence[Line],
    ctx: ImportContext,
    layout: Layout,
    sheet: Callable[[], BudgetSheet],
    *,
    year: int,
    budget: Budget | None = None,
) -> tuple[EvaluationReport, list[Issue]]:
    """A 政策評価調書 read on its own (filed with the budget request), whichever 様式 it is on: the
    sheet ``sheet`` makes, its policy name as the title, ``year`` (its 当初予算額's) as the year, its
    judgment from its 政策目標の達成度合い (``_budget_sheet_judgment``), the layout's ministry (a 調書
    names none) and H906 for the 評価書's parts a 調書 does not hold."""
    ministry = ministry_or_layout(None, layout, ctx, _NO_MINISTRY_ON_BUDGET_SHEET)
    ctx.absent(
        "/measure_number",
        gettext_noop(
            "政策評価調書だけの文書です。施策番号と評価書の各欄(施策目標、測定指標、評価結果)はありません。"
        ),
    )

    def build() -> EvaluationReport:
        made = sheet()
        return EvaluationReport(
            kind=DocumentKind.BUDGET_SHEET,
            ministry=ministry,
            measure_number="",
            title=made.policy_name,
            evaluation_year=year,
            budget=budget if budget is not None else Budget(),
            judgment=_budget_sheet_judgment(made.achievement),
            budget_sheet=made,
            source=span_of(lines),
        )

    return finish_report(
        lines, ctx, build, what=gettext_noop("本文から正しい政策評価調書を組み立てられません")
    )


def _budget_sheet_judgment(achievement: str | None) -> Judgment:
    """The judgment a 調書's 政策目標の達成度合い states: the shared tier it names (「相当程度進展あり」), a
    monitoring year when it says so (「今年度はモニタリングのみのため、5段階達成度は記載できない」), else
    none."""
    tier = next((t for t in Tier if t.value == achievement), None)
    if tier is not None:
        return Judgment(tier=tier, label=achievement)
    return Judgment(monitoring_only="モニタリングのみ" in (achievement or ""))


_NO_MINISTRY_LINE = MinistryAbsent(
    from_layout=gettext_noop(
        "府省名の行(「(外務省1-I-2)」)がありません。様式「{layout}」の府省「{ministry}」としました。"
    ),
    empty=gettext_noop("府省名の行(「(外務省1-I-2)」)がありません。府省名は空欄です。"),
)
"""The standard form's: its code line names the ministry (「(外務省1-I-2)」)."""


def _grades_from_summary(report: EvaluationReport, sheet: EvaluationSheet) -> None:
    """Table indicators often lose their grade cell in extraction; the results summary records it."""
    by_id = {entry.indicator_id: entry for entry in sheet.summary}
    for indicator in report.indicators():
        entry = by_id.get(indicator.id)
        if indicator.recorded_grade is None and entry is not None and entry.recorded_grade:
            indicator.recorded_grade = RecordedGrade(
                letter=entry.recorded_grade, window=list(report.window), source=entry.source
            )


def _inferred_year(
    header: Header, sheet: EvaluationSheet, budget_sheet: BudgetSheet | None
) -> tuple[int, str] | None:
    """The evaluation year a report without its header line still shows: the last year of its
    budget table (施策の予算額・執行額等 ends with the evaluation year), else the year after its
    window, else its 調書's current year; with the Japanese name of where it was read."""
    if header.evaluation_year is not None:
        return header.evaluation_year, ""
    if sheet.budget.years:
        return max(year.fiscal_year for year in sheet.budget.years), "施策の予算額・執行額等"
    if sheet.window:
        return max(sheet.window) + 1, "評価の対象年度"
    if budget_sheet is not None and budget_sheet.current_year is not None:
        return budget_sheet.current_year, "政策評価調書"
    return None


def assemble(lines: Sequence[Line], *, name: str, layout: Layout) -> tuple[EvaluationReport, list[Issue]]:
    """A 評価書 from its blocks. A part that is absent (the header, the ministry, the title) is
    reported (H906) and left empty, never refused while a block is there; a document with only a
    調書 is read as a 調書 (``assemble_budget_sheet``)."""
    ctx = ImportContext(name=name, default_era=document_era(lines))
    blocks = segment(lines, layout)
    header = parse_header(blocks.header, ctx)
    if not blocks.areas and not blocks.evaluation:
        if blocks.budget_sheet and header.measure_number is None:
            return assemble_budget_sheet(lines, name=name, layout=layout)
        if not blocks.budget_sheet:  # a heading alone (a cover, a table of contents) holds no block
            raise not_a_report(
                gettext_noop(
                    "政策評価書として読める部分がありません（評価シート・個別分野・調書がありません）"
                ),
                where=name,
            )
    budget_sheet = parse_budget_sheet(blocks.budget_sheet, ctx) if blocks.budget_sheet else None
    sheet = parse_evaluation_sheet(blocks.evaluation, ctx)
    areas = [parse_area(block, ctx, index) for index, block in enumerate(blocks.areas)]
    year = _inferred_year(header, sheet, budget_sheet)
    if year is None:
        raise not_a_report(
            gettext_noop(
                "評価年度が書かれていません（「令和2年度政策評価書」の行・予算表・調書がありません）"
            ),
            where=name,
        )
    evaluation_year, year_from = year
    if year_from:
        ctx.absent(
            "/evaluation_year",
            gettext_noop(
                "評価年度の行(「令和2年度政策評価書」)がありません。{where}から{year}と読みました。"
            ),
            where=year_from,
            year=f"{format_fiscal_year(evaluation_year)} ({evaluation_year}年度)",
        )
    measure_number = header.measure_number or ""
    if header.measure_number is None:
        ctx.absent(
            "/measure_number",
            gettext_noop("施策番号の行(「施策I-2」)がありません。施策番号は空欄です。"),
        )
    ministry = ministry_or_layout(header.ministry, layout, ctx, _NO_MINISTRY_LINE)
    title = sheet.title or header.title or (budget_sheet.policy_name if budget_sheet else "") or ""
    if not title:
        ctx.absent("/title", gettext_noop("施策名がありません。施策名は空欄です。"))
    report, findings = finish_report(
        lines,
        ctx,
        lambda: EvaluationReport(
            ministry=ministry,
            report_code=header.report_code,
            measure_number=measure_number,
            title=title,
            evaluation_year=evaluation_year,
            window=sheet.window,
            objectives=sheet.objectives,
            budget=sheet.budget,
            judgment=sheet.judgment,
            results_summary=sheet.summary,
            notes=sheet.notes,
            expert_opinions=sheet.experts,
            bureau=sheet.bureau,
            evaluated_on=sheet.evaluated_on,
            areas=areas,
            budget_sheet=budget_sheet,
            source=span_of(lines),
        ),
    )
    _grades_from_summary(report, sheet)
    return report, findings


def assemble_budget_sheet(
    lines: Sequence[Line], *, name: str, layout: Layout
) -> tuple[EvaluationReport, list[Issue]]:
    """A 政策評価調書 on its own (filed with the budget request): the 調書's block, its policy name
    as the title, its current year (当初予算額の年度) as the year, and the shared tier when its
    政策目標の達成度合い is one. The measure number is not on a 調書 (its 番号 is the sheet's)."""
    ctx = ImportContext(name=name, default_era=document_era(lines))
    blocks = segment(lines, layout)
    sheet = parse_budget_sheet(blocks.budget_sheet or list(lines), ctx)
    if sheet is None:
        raise not_a_report(
            gettext_noop("政策評価調書として読める部分がありません（政策名・予算額の行がありません）"),
            where=name,
        )
    if sheet.current_year is None:
        raise not_a_report(
            gettext_noop("政策評価調書に年度が書かれていません（当初予算額の列がありません）"), where=name
        )
    return budget_sheet_report(lines, ctx, layout, lambda: sheet, year=sheet.current_year)
