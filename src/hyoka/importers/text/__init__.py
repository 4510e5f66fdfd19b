"""The text importer: PDF-extracted text of a 政策評価書, a 調書 or a 事前分析表 → EvaluationReport.

A pipeline of small steps, each its own module: decode → normalise → remove page debris
(join cut sentences) → choose the layout (docs/layouts.md) → segment into blocks → parse tables
→ parse each block → assemble. The layout's reader does the last three. Every line the parsers
do not place is reported (H901), never dropped.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence

from hyoka.core import EvaluationReport, Issue
from hyoka.core.i18n import gettext_noop
from hyoka.importers.errors import NotAReportError, not_a_report
from hyoka.importers.layout import Layout, LayoutError, Reader, choose_layout
from hyoka.importers.result import ImportResult
from hyoka.importers.text.assemble import assemble, assemble_budget_sheet
from hyoka.importers.text.debris import join_cut_lines
from hyoka.importers.text.normalise import Line, normalise_lines

__all__ = ["NO_BLOCK", "READERS", "import_text"]

NO_BLOCK = gettext_noop(
    "評価書・政策評価調書・事前分析表として読める部分がありません（どのレイアウトの見出しも見つかりません）"
)
"""The refusal of a text that holds no block at all (issue 14: refused in one line, exit 2)."""

READERS: dict[Reader, Callable[..., tuple[EvaluationReport, list[Issue]]] | str] = {
    Reader.MOFA: assemble,
    Reader.BUDGET_SHEET: assemble_budget_sheet,
    Reader.BUDGET_SHEET_2016: "hyoka.importers.text.readers.budget_sheet_2016:read",
    Reader.MHLW: "hyoka.importers.text.readers.mhlw:read",
    Reader.MLIT: "hyoka.importers.text.readers.mlit:read",
    Reader.SOUMU: "hyoka.importers.text.readers.soumu:read",
    Reader.MEXT: "hyoka.importers.text.readers.mext:read",
    Reader.PRE_ANALYSIS: "hyoka.importers.text.readers.pre_analysis:read",
}
"""Each reader (``Layout.reader``): a function of the document's lines, its name and the layout,
or the ``module:function`` it is imported from when first used (a reader nobody's document needs
costs nothing)."""


def _read(lines: Sequence[Line], *, name: str, layout: Layout) -> tuple[EvaluationReport, list[Issue]]:
    reader = READERS[layout.reader]
    if isinstance(reader, str):
        module, function = reader.split(":")
        reader = getattr(importlib.import_module(module), function)
        READERS[layout.reader] = reader
    return reader(lines, name=name, layout=layout)


def import_text(
    text: str,
    *,
    name: str = "<input>",
    encoding: str | None = None,
    decode_findings: list[Issue] | None = None,
    layout: str | None = None,
) -> ImportResult:
    """Read the text with the layout named ``layout``, or the one its lines match best."""
    lines = join_cut_lines(normalise_lines(text))
    try:
        chosen = choose_layout([line.text for line in lines], layout)
    except LayoutError as exc:
        raise NotAReportError(exc.message, message_en=exc.message_en, where=name) from None
    if chosen is None:
        raise not_a_report(NO_BLOCK, where=name)  # no marker of any layout (docs/layouts.md) is in the text
    report, findings = _read(lines, name=name, layout=chosen.layout)
    return ImportResult(
        report=report,
        findings=[*(decode_findings or []), *findings],
        encoding=encoding,
        source_format="text",
        layout=chosen.layout.name,
    )
