"""Step 7: put the parsed blocks together into an EvaluationReport, and report what was left."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import ValidationError

from hyoka.core import EvaluationReport, Issue, RecordedGrade, Severity
from hyoka.importers.errors import NotAReportError, invalid_report
from hyoka.importers.text.area import parse_area
from hyoka.importers.text.budget_sheet import parse_budget_sheet
from hyoka.importers.text.context import ImportContext, span_of
from hyoka.importers.text.evaluation_sheet import EvaluationSheet, parse_evaluation_sheet, parse_header
from hyoka.importers.text.normalise import Line
from hyoka.importers.text.segment import document_era, segment

__all__ = ["assemble"]


def _unplaced(lines: Sequence[Line], ctx: ImportContext) -> None:
    """H901 for each run of consecutive lines no parser used."""
    run: list[Line] = []

    def flush() -> None:
        if run:
            text = "\n".join(line.text for line in run)
            ctx.report(
                "H901",
                Severity.WARNING,
                "",
                run,
                f"どの項目にも当てはまらない記載があります({span_of(run)}行目)。内容はこの指摘に保存しました。",
                f"Text that fits no field (line {span_of(run)}); it is kept in this finding.",
                input=text,
            )
            run.clear()

    for line in lines:
        if line.first in ctx.used:
            flush()
        else:
            run.append(line)
    flush()


def _grades_from_summary(report: EvaluationReport, sheet: EvaluationSheet) -> None:
    """Table indicators often lose their grade cell in extraction; the results summary records it."""
    by_id = {entry.indicator_id: entry for entry in sheet.summary}
    for indicator in report.indicators():
        entry = by_id.get(indicator.id)
        if indicator.recorded_grade is None and entry is not None and entry.recorded_grade:
            indicator.recorded_grade = RecordedGrade(
                letter=entry.recorded_grade, window=list(report.window), source=entry.source
            )


def assemble(lines: Sequence[Line], *, name: str) -> tuple[EvaluationReport, list[Issue]]:
    ctx = ImportContext(name=name, default_era=document_era(lines))
    blocks = segment(lines)
    header = parse_header(blocks.header, ctx)
    if header.measure_number is None and not blocks.areas and not blocks.evaluation:
        raise NotAReportError(
            "no 政策評価書 found (no 施策 heading, evaluation sheet or 個別分野)", where=name
        )
    budget_sheet = parse_budget_sheet(blocks.budget_sheet, ctx) if blocks.budget_sheet else None
    sheet = parse_evaluation_sheet(blocks.evaluation, ctx)
    areas = [parse_area(block, ctx, index) for index, block in enumerate(blocks.areas)]
    missing = [
        label
        for label, value in (
            ("施策番号 (施策 I-2)", header.measure_number),
            ("府省名 ((外務省 1-I-2))", header.ministry),
            ("評価年度 (令和2年度政策評価書)", header.evaluation_year),
        )
        if value is None
    ]
    if missing:
        raise NotAReportError("the report header lacks " + ", ".join(missing), where=name)
    try:
        report = EvaluationReport(
            ministry=header.ministry,
            report_code=header.report_code,
            measure_number=header.measure_number,
            title=sheet.title or header.title or "",
            evaluation_year=header.evaluation_year,
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
        )
    except ValidationError as exc:
        raise invalid_report(exc, what="the text does not make a valid report", where=name) from None
    _grades_from_summary(report, sheet)
    _unplaced(lines, ctx)
    return report, ctx.findings
