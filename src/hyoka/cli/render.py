"""How the command shows things to a person: findings as lines, the summary as rich tables.

Every value from a document goes into a ``Text`` (never rich markup), so 「[注]」 stays as written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from hyoka.cli.check_text import (
    SOURCE_LINES,
    SOURCE_WIDTH,
    check_lines,
    check_text,
    finding_line,
    source_excerpt,
)
from hyoka.cli.messages import Lang, one_line, t
from hyoka.core import CellStatus, Severity, fiscal_year_label

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

    from hyoka.core import Cell, EvaluationReport, Issue
    from hyoka.services import CheckOutcome, Summary

__all__ = [
    "SOURCE_LINES",
    "SOURCE_WIDTH",
    "check_lines",
    "file_progress",
    "finding_line",
    "one_line",
    "render_check",
    "render_findings",
    "render_summary",
    "source_excerpt",
    "written_line",
]


def _year(year: int | None, lang: Lang) -> str:
    """令和2年度 (2020年度), FY2020 (Reiwa 2): every year the one way (``hyoka.core.fiscal_year_label``)."""
    return fiscal_year_label(year, lang.value) if year is not None else "-"


def _cell(cell: Cell) -> Text:
    if cell.status is CellStatus.VALUE and cell.value is not None:
        return Text(f"{cell.value:,}", justify="right")
    if cell.status is CellStatus.NOTHING_TO_REPORT:
        return Text(cell.raw or "-", justify="right")
    return Text("")


def _header(summary: Summary, lang: Lang) -> Table:
    table = Table(title=t("header", lang), show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column()
    rows: list[tuple[str, str]] = [
        ("ministry", summary.ministry),
        ("report_code", summary.report_code or "-"),
        ("measure", f"{summary.measure_number} {summary.title}"),
        ("evaluation_year", _year(summary.evaluation_year, lang)),
        ("window", ("、" if lang is Lang.JA else ", ").join(_year(y, lang) for y in summary.window) or "-"),
        ("bureau", summary.bureau or "-"),
        ("evaluated_on", summary.evaluated_on or "-"),
        ("areas", str(summary.area_count)),
        ("source", f"{summary.source_format}" + (f" ({summary.encoding})" if summary.encoding else "")),
    ]
    for key, value in rows:
        table.add_row(Text(t(key, lang)), Text(value))
    return table


def _judgment(summary: Summary, lang: Lang) -> Text:
    label = summary.judgment_label or "-"
    letter = f" ({summary.judgment_letter})" if summary.judgment_letter else ""
    return Text.assemble((f"{t('judgment', lang)}: ", "bold"), f"{label}{letter}")


def _budget(summary: Summary, lang: Lang) -> Table:
    table = Table(
        title=f"{t('budget', lang)}（{t('unit', lang, unit=summary.budget_unit)}）", title_justify="left"
    )
    table.add_column(t("fiscal_year", lang))
    for key in ("initial", "total", "executed"):
        table.add_column(t(key, lang), justify="right")
    for line in summary.budget_years:
        table.add_row(
            Text(_year(line.fiscal_year, lang)), _cell(line.initial), _cell(line.total), _cell(line.executed)
        )
    return table


def _indicators(summary: Summary, lang: Lang) -> Table:
    table = Table(title=t("indicators", lang), title_justify="left")
    for key in ("area", "indicator_id", "main", "kind", "name", "grade"):
        table.add_column(t(key, lang), overflow="fold")
    for ind in summary.indicators:
        table.add_row(
            Text(str(ind.area_number)),
            Text(ind.id),
            Text("*" if ind.is_main else ""),
            Text(t(ind.kind, lang)),
            Text(ind.name),
            Text(ind.grade or "-"),
        )
    return table


def _sheet(summary: Summary, lang: Lang) -> Table | Text:
    if not summary.has_budget_sheet:
        return Text(t("no_sheet", lang))
    unit = summary.sheet_unit or "千円"
    table = Table(title=f"{t('sheet', lang)}（{t('unit', lang, unit=unit)}）", title_justify="left")
    table.add_column(t("account_type", lang))
    current = _year(summary.sheet_current_year, lang) if summary.sheet_current_year else ""
    following = _year(summary.sheet_next_year, lang) if summary.sheet_next_year else ""
    table.add_column(t("current_initial", lang, year=current).strip(), justify="right")
    table.add_column(t("next_request", lang, year=following).strip(), justify="right")
    for line in summary.sheet_totals:
        table.add_row(Text(line.account_type), _cell(line.current_initial), _cell(line.next_request))
    return table


def render_findings(
    console: Console,
    findings: Iterable[Issue],
    lang: Lang,
    *,
    report: EvaluationReport,
    file: str | None = None,
) -> None:
    """The findings grouped by severity (errors first), one line each, their places named in
    ``report``."""
    from hyoka.rules import severity_name

    items = list(findings)
    console.print(Text(t("findings", lang, count=len(items)), style="bold"))
    if not items:
        console.print(Text(t("no_findings", lang)))
        return
    for severity in Severity:
        group = [issue for issue in items if issue.severity is severity]
        if not group:
            continue
        console.print(Text(f"{severity_name(severity, lang)} ({len(group)})", style="bold"))
        for issue in group:
            line = finding_line(issue, lang, file=file, report=report)
            console.print(Text("  " + line), soft_wrap=True)


def render_summary(
    console: Console, summary: Summary, findings: Iterable[Issue], lang: Lang, report: EvaluationReport
) -> None:
    console.print(Text(f"{summary.measure_number} {summary.title}", style="bold"))
    for part in (_header(summary, lang), _judgment(summary, lang), _budget(summary, lang)):
        console.print(part)
    console.print()
    console.print(_indicators(summary, lang))
    console.print()
    console.print(_sheet(summary, lang))
    console.print()
    render_findings(console, findings, lang, report=report)


# --- hyoka check --------------------------------------------------------------------------------


def render_check(console: Console, outcome: CheckOutcome, lang: Lang) -> None:
    """``hyoka check`` as text (``hyoka.cli.check_text``, which the command itself uses without rich)."""
    console.out(check_text(outcome, lang), end="", highlight=False)


# --- hyoka render -------------------------------------------------------------------------------


def written_line(paths: Sequence[Path], lang: Lang, *, shown: int | None = None) -> str:
    """``wrote OUT`` (every file written, comma-separated), with the count of findings shown in a
    review render."""
    out = ", ".join(str(path) for path in paths)
    if shown is None:
        return one_line(t("written", lang, out=out))
    return one_line(t("written_review", lang, out=out, count=shown))


def file_progress(console: Console, *, disable: bool = False) -> Progress:
    """The progress bar of a command that works through many files (``hyoka import --into``,
    ``hyoka corpus``): what it does, how far, how long, and the file at hand (as written: a file
    name is never rich markup)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[file]}", markup=False),
        console=console,
        disable=disable,
    )
