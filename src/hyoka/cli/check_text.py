"""``hyoka check`` as text, and a finding as one line, without rich.

``hyoka check`` is run often and its text is lines and one table: drawing them here, not with rich,
saves a person the 20 ms rich takes to load (docs/performance.md, "Start-up"). The table looks as
rich draws its default one (heavy head, one-space padding), measured in terminal cells (a full-width
character takes two), so the output is unchanged.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

from hyoka.cli.messages import Lang, one_line, t

if TYPE_CHECKING:
    from hyoka.core import EvaluationReport, Issue
    from hyoka.services import CheckOutcome

__all__ = ["box_table", "check_lines", "check_text", "finding_line", "source_excerpt"]

SOURCE_LINES = 3
"""At most this many source lines under a finding."""
SOURCE_WIDTH = 120
"""Each source line cut at this many characters (tabs expanded first)."""

LEFT, CENTER = "left", "center"


def finding_line(issue: Issue, lang: Lang, *, report: EvaluationReport, file: str | None = None) -> str:
    """``FILE:LINES: CODE severity PLACE: message`` (lines and file left out when unknown). The
    place is named as a person names it (「測定指標1-4 達成状況」, ``hyoka.rules.place_name``) in
    ``report``; the JSON output keeps the pointer. The rules are imported here, not at start-up:
    ``hyoka import`` of a clean document never needs them (docs/performance.md, "Start-up")."""
    from hyoka.rules import place_name, severity_name

    where = file or ""
    if issue.lines is not None:
        where = f"{where}:{issue.lines}" if where else f"{t('lines', lang)} {issue.lines}"
    prefix = f"{where}: " if where else ""
    location = place_name(report, issue.location, lang)
    severity = severity_name(issue.severity, lang)
    return one_line(f"{prefix}{issue.code} {severity} {location}: {issue.text(lang)}")


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
    line = finding_line(shown, lang, file=outcome.name, report=outcome.imported.report)
    return [line, *source_excerpt(outcome, issue, lang)]


# --- the proposals' table ------------------------------------------------------------------------


def cells(text: str) -> int:
    """The terminal cells ``text`` takes: two for a wide or full-width character."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, justify: str) -> str:
    room = width - cells(text)
    if justify == CENTER:
        left = room // 2
        return " " * left + text + " " * (room - left)
    return text + " " * room


def box_table(
    title: str, header: Sequence[str], justify: Sequence[str], sections: Sequence[Sequence[Sequence[str]]]
) -> list[str]:
    """A table as rich draws its default: the title on the left above it, a heavy header, light
    rows, a rule between ``sections`` (each a list of rows)."""
    rows = [row for section in sections for row in section]
    widths = [max(cells(text) for text in column) for column in zip(header, *rows, strict=True)]

    def line(left: str, fill: str, cross: str, right: str) -> str:
        return left + cross.join(fill * (w + 2) for w in widths) + right

    def row(values: Sequence[str], bar: str) -> str:
        padded = (_pad(v, w, j) for v, w, j in zip(values, widths, justify, strict=True))
        return bar + bar.join(f" {p} " for p in padded) + bar

    out = [title, line("┏", "━", "┳", "┓"), row(header, "┃"), line("┡", "━", "╇", "┩")]
    for index, section in enumerate(sections):
        if index:
            out.append(line("├", "─", "┼", "┤"))
        out += [row(values, "│") for values in section]
    out.append(line("└", "─", "┴", "┘"))
    return out


def _tier(label: str | None, letter: str | None) -> str:
    if label is None and letter is None:
        return "-"
    return f"{label or '-'} ({letter})" if letter else f"{label}"


def _proposals(outcome: CheckOutcome, lang: Lang) -> list[str]:
    indicators = []
    for key, proposal in outcome.result.indicators.items():
        if proposal.kind != "quantitative":
            continue
        recorded, proposed = proposal.recorded, proposal.proposed
        differs = recorded is not None and proposed is not None and recorded != proposed
        indicators.append([key, recorded or "-", proposed or "-", "≠" if differs else ""])
    judgment = outcome.result.judgment
    tier = judgment.proposed
    label = judgment.recorded_label
    overall = [
        t("judgment", lang),
        _tier(label, judgment.recorded_letter),
        _tier(tier.label, tier.letter) if tier else "-",
        "≠" if tier is not None and label is not None and tier.label != label else "",
    ]
    header = [t(key, lang) for key in ("indicator_id", "recorded", "proposed", "differs")]
    title = t("proposals", lang, profile=outcome.profile)
    return box_table(title, header, (LEFT, CENTER, CENTER, CENTER), [indicators, [overall]])


def check_text(outcome: CheckOutcome, lang: Lang) -> str:
    """``hyoka check`` as text: the findings grouped by severity (errors, warnings, info; import
    findings first in each), each with its source lines; the proposals; a count line."""
    from hyoka.core import Severity
    from hyoka.rules import severity_name

    findings = outcome.findings
    lines: list[str] = []
    for severity in Severity:
        group = [issue for issue in findings if issue.severity is severity]
        if not group:
            continue
        lines.append(f"{severity_name(severity, lang)} ({len(group)})")
        for issue in group:
            lines += check_lines(outcome, issue, lang)
        lines.append("")
    if outcome.imported.layout is not None:
        lines += [t("layout_used", lang, layout=outcome.imported.layout), ""]
    lines += [*_proposals(outcome, lang), ""]
    counts = outcome.counts()
    lines.append(t("check_counts", lang, total=len(findings), **counts))
    return "\n".join(lines) + "\n"
