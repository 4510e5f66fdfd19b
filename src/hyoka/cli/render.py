"""How the command shows things to a person: findings as lines, the summary as rich tables.

Every value from a document goes into a ``Text`` (never rich markup), so 「[注]」 stays as written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from hyoka.cli.messages import Lang, one_line, t
from hyoka.core import CellStatus, Severity, format_fiscal_year

if TYPE_CHECKING:
    from rich.console import Console

    from hyoka.core import Cell, Issue
    from hyoka.services import CheckOutcome, Summary

__all__ = [
    "check_lines",
    "finding_line",
    "one_line",
    "render_check",
    "render_findings",
    "render_summary",
    "source_excerpt",
    "written_line",
]

SOURCE_LINES = 3
"""At most this many source lines under a finding."""
SOURCE_WIDTH = 120
"""Each source line cut at this many characters (tabs expanded first)."""


def finding_line(issue: Issue, lang: Lang, *, file: str | None = None) -> str:
    """``FILE:LINES: CODE severity LOCATION: message`` (lines and file left out when unknown)."""
    where = file or ""
    if issue.lines is not None:
        where = f"{where}:{issue.lines}" if where else f"{t('lines', lang)} {issue.lines}"
    prefix = f"{where}: " if where else ""
    location = issue.location or "/"
    return one_line(f"{prefix}{issue.code} {t(issue.severity.value, lang)} {location}: {issue.text(lang)}")


def _year(year: int | None) -> str:
    return f"{format_fiscal_year(year)} ({year})" if year is not None else "-"


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
        ("evaluation_year", _year(summary.evaluation_year)),
        ("window", "・".join(format_fiscal_year(y) for y in summary.window) or "-"),
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
            Text(_year(line.fiscal_year)), _cell(line.initial), _cell(line.total), _cell(line.executed)
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
    current = format_fiscal_year(summary.sheet_current_year) if summary.sheet_current_year else ""
    following = format_fiscal_year(summary.sheet_next_year) if summary.sheet_next_year else ""
    table.add_column(t("current_initial", lang, year=current).strip(), justify="right")
    table.add_column(t("next_request", lang, year=following).strip(), justify="right")
    for line in summary.sheet_totals:
        table.add_row(Text(line.account_type), _cell(line.current_initial), _cell(line.next_request))
    return table


def render_findings(
    console: Console, findings: Iterable[Issue], lang: Lang, *, file: str | None = None
) -> None:
    """The findings grouped by severity (errors first), one line each."""
    items = list(findings)
    console.print(Text(t("findings", lang, count=len(items)), style="bold"))
    if not items:
        console.print(Text(t("no_findings", lang)))
        return
    for severity in Severity:
        group = [issue for issue in items if issue.severity is severity]
        if not group:
            continue
        console.print(Text(f"{t(severity.value, lang)} ({len(group)})", style="bold"))
        for issue in group:
            console.print(Text("  " + finding_line(issue, lang, file=file)), soft_wrap=True)


def render_summary(console: Console, summary: Summary, findings: Iterable[Issue], lang: Lang) -> None:
    console.print(Text(f"{summary.measure_number} {summary.title}", style="bold"))
    for part in (_header(summary, lang), _judgment(summary, lang), _budget(summary, lang)):
        console.print(part)
    console.print()
    console.print(_indicators(summary, lang))
    console.print()
    console.print(_sheet(summary, lang))
    console.print()
    render_findings(console, findings, lang)


# --- hyoka check --------------------------------------------------------------------------------


def _cut(text: str) -> str:
    text = one_line(text.rstrip().expandtabs(4))
    return text if len(text) <= SOURCE_WIDTH else text[:SOURCE_WIDTH] + "…"


def source_excerpt(outcome: CheckOutcome, issue: Issue, lang: Lang) -> list[str]:
    """The source lines a finding points at, indented, with their numbers: at most SOURCE_LINES
    lines, each cut at SOURCE_WIDTH characters; nothing for a document without source lines."""
    span = issue.lines
    shown = outcome.source(span, limit=SOURCE_LINES)
    if span is None or not shown:
        return []
    width = len(str(shown[-1][0]))
    lines = [f"    {number:>{width}} | {_cut(text)}" for number, text in shown]
    hidden = min(span.last, len(outcome.source_lines)) - span.first + 1 - len(shown)
    if hidden > 0:
        lines.append(f"    {' ' * width} | {t('more_lines', lang, count=hidden)}")
    return lines


def check_lines(outcome: CheckOutcome, issue: Issue, lang: Lang) -> list[str]:
    """A finding of ``hyoka check``: its line ``FILE:LINES: CODE severity LOCATION: message``, then
    the source lines of an imported text document. For a JSON report the line numbers (of the
    text it was once imported from) are left out: they are not lines of that file."""
    shown = issue if outcome.source_lines else issue.model_copy(update={"lines": None})
    return [finding_line(shown, lang, file=outcome.name), *source_excerpt(outcome, issue, lang)]


def _grade(letter: str | None) -> Text:
    return Text(letter or "-", justify="center")


def _tier(label: str | None, letter: str | None) -> str:
    if label is None and letter is None:
        return "-"
    return f"{label or '-'} ({letter})" if letter else f"{label}"


def _proposals(outcome: CheckOutcome, lang: Lang) -> Table:
    table = Table(title=t("proposals", lang, profile=outcome.profile), title_justify="left")
    table.add_column(t("indicator_id", lang))
    table.add_column(t("recorded", lang), justify="center")
    table.add_column(t("proposed", lang), justify="center")
    table.add_column(t("differs", lang), justify="center")
    for key, proposal in outcome.result.indicators.items():
        if proposal.kind != "quantitative":
            continue
        recorded, proposed = proposal.recorded, proposal.proposed
        differs = recorded is not None and proposed is not None and recorded != proposed
        table.add_row(Text(key), _grade(recorded), _grade(proposed), Text("≠" if differs else ""))
    judgment = outcome.result.judgment
    tier = judgment.proposed
    label = judgment.recorded_label
    table.add_section()
    table.add_row(
        Text(t("judgment", lang)),
        Text(_tier(label, judgment.recorded_letter)),
        Text(_tier(tier.label, tier.letter) if tier else "-"),
        Text("≠" if tier is not None and label is not None and tier.label != label else ""),
    )
    return table


def render_check(console: Console, outcome: CheckOutcome, lang: Lang) -> None:
    """``hyoka check`` as text: the findings grouped by severity (errors, warnings, info; import
    findings first in each), each with its source lines; the proposals; a count line."""
    findings = outcome.findings
    for severity in Severity:
        group = [issue for issue in findings if issue.severity is severity]
        if not group:
            continue
        console.print(Text(f"{t(severity.value, lang)} ({len(group)})", style="bold"))
        for issue in group:
            for line in check_lines(outcome, issue, lang):
                console.print(Text(line), soft_wrap=True)
        console.print()
    if outcome.imported.layout is not None:
        console.print(Text(t("layout_used", lang, layout=outcome.imported.layout)), soft_wrap=True)
        console.print()
    console.print(_proposals(outcome, lang))
    console.print()
    counts = outcome.counts()
    console.print(Text(t("check_counts", lang, total=len(findings), **counts), style="bold"), soft_wrap=True)


# --- hyoka render -------------------------------------------------------------------------------


def written_line(paths: Sequence[Path], lang: Lang, *, shown: int | None = None) -> str:
    """``wrote OUT`` (every file written, comma-separated), with the count of findings shown in a
    review render."""
    out = ", ".join(str(path) for path in paths)
    if shown is None:
        return one_line(t("written", lang, out=out))
    return one_line(t("written_review", lang, out=out, count=shown))
