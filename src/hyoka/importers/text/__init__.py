"""The text importer: PDF-extracted text of a 政策評価書 (and its 調書) → EvaluationReport.

A pipeline of small steps, each its own module: decode → normalise → remove page debris
(join cut sentences) → segment into blocks → parse tables → parse each block → assemble.
Every line the parsers do not place is reported (H901), never dropped.
"""

from __future__ import annotations

from hyoka.core import Issue
from hyoka.importers.result import ImportResult
from hyoka.importers.text.assemble import assemble
from hyoka.importers.text.debris import join_cut_lines
from hyoka.importers.text.normalise import normalise_lines

__all__ = ["import_text"]


def import_text(
    text: str,
    *,
    name: str = "<input>",
    encoding: str | None = None,
    decode_findings: list[Issue] | None = None,
) -> ImportResult:
    lines = join_cut_lines(normalise_lines(text))
    report, findings = assemble(lines, name=name)
    return ImportResult(
        report=report,
        findings=[*(decode_findings or []), *findings],
        encoding=encoding,
        source_format="text",
    )
