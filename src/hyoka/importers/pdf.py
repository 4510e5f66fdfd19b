"""PDF → the text pipeline: pdfplumber reads each page, rebuilds table rows as tab-separated
cells, joins the lines a paragraph was wrapped into, and hands the text to ``import_text``.

Only black text is read: page numbers, chart labels and review notes are drawn in other
colours by our renderer, and running headers in other documents usually are too.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hyoka.importers.errors import NotAReportError
from hyoka.importers.result import ImportResult
from hyoka.importers.text import import_text

__all__ = ["import_pdf", "pdf_to_text"]

_ITEM_START = re.compile(r"^(?:[・*【]|\([0-9]+\)|\([ア-ン]\)|[0-9]+ |[ア-ン] |[\u2460-\u2473])")
_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3}


@dataclass(frozen=True)
class _Block:
    top: float
    lines: list[str]


def _black(colour: Any) -> bool:
    if colour is None:
        return True
    values = colour if isinstance(colour, (list, tuple)) else [colour]
    if not all(isinstance(v, (int, float)) for v in values):
        return False  # a pattern or a named colour space: not plain black
    if len(values) == 4:  # CMYK: black is (0, 0, 0, 1)
        return float(values[3]) > 0.9 and max(float(v) for v in values[:3]) < 0.1
    return all(float(v) < 0.1 for v in values)


def _is_black(obj: dict[str, Any]) -> bool:
    """Black text, and the black rules of tables; everything else (charts, page numbers,
    coloured notes) is left out."""
    kind = obj.get("object_type")
    if kind == "char":
        return _black(obj.get("non_stroking_color"))
    if kind in ("line", "rect", "curve"):
        return bool(obj.get("stroke", True)) and _black(obj.get("stroking_color"))
    return True


def _join_cell(text: str | None) -> str:
    """Lines of one table cell → one string: Japanese wraps join without a space, a new item
    (「・」, 「(1)」) or a line after 「。」 gets one."""
    if not text:
        return ""
    out = ""
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if out and _ITEM_START.match(line):
            out += " " + line
        else:
            out += line
    return out


def _paragraphs(lines: Sequence[dict[str, Any]], right: float) -> list[str]:
    """Join a paragraph's wrapped lines: a line continues the one before when that one ran to
    (nearly) the right edge and no paragraph gap lies between them."""
    out: list[str] = []
    previous: dict[str, Any] | None = None
    for line in lines:
        text = str(line["text"]).strip()
        if not text:
            continue
        if previous is not None and out and _continues(previous, line, right) and not _ITEM_START.match(text):
            out[-1] += text
        else:
            out.append(text)
        previous = line
    return out


def _continues(previous: dict[str, Any], line: dict[str, Any], right: float) -> bool:
    size = _size(previous)
    full = float(previous["x1"]) >= right - 3.0 * size
    close = float(line["top"]) - float(previous["bottom"]) < 0.75 * size
    return full and close


def _page_blocks(page: Any) -> list[_Block]:
    page = page.filter(_is_black)
    tables = page.find_tables(_TABLE_SETTINGS)
    blocks = [
        _Block(float(t.bbox[1]), ["\t".join(_join_cell(c) for c in row) for row in t.extract()])
        for t in tables
    ]
    boxes = [t.bbox for t in tables]

    def outside(obj: dict[str, Any]) -> bool:
        x = (float(obj["x0"]) + float(obj["x1"])) / 2
        y = (float(obj["top"]) + float(obj["bottom"])) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    rest = page.filter(outside)
    lines = rest.extract_text_lines(return_chars=True)
    right = max((float(line["x1"]) for line in lines), default=float(page.width))
    group: list[dict[str, Any]] = []
    for line in lines:
        if group and float(line["top"]) - float(group[-1]["bottom"]) > 2.2 * _size(group[-1]):
            blocks.append(_Block(float(group[0]["top"]), _paragraphs(group, right)))
            group = []
        group.append(line)
    if group:
        blocks.append(_Block(float(group[0]["top"]), _paragraphs(group, right)))
    # a table must not be split by text lines that lie between two text blocks
    return sorted(blocks, key=lambda b: b.top)


def _size(line: dict[str, Any]) -> float:
    chars = line.get("chars") or [{}]
    return float(chars[0].get("size", 10))


def pdf_to_text(data: bytes) -> str:
    """The PDF as text in the form the text importer reads (tables as tab-separated rows)."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    pages: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                lines = [line for block in _page_blocks(page) for line in block.lines]
                pages.append("\n".join(lines))
    except PDFSyntaxError as exc:
        raise NotAReportError(f"not a readable PDF: {exc}") from None
    return "\n\n".join(pages)


def import_pdf(data: bytes, *, name: str = "<input>") -> ImportResult:
    try:
        text = pdf_to_text(data)
    except NotAReportError as exc:
        raise NotAReportError(str(exc), where=name) from None
    except Exception as exc:  # pdfminer raises many kinds for damaged files
        raise NotAReportError(f"not a readable PDF ({type(exc).__name__}: {exc})", where=name) from None
    if not text.strip():
        raise NotAReportError("the PDF has no text (a scanned image?): it cannot be read", where=name)
    result = import_text(text, name=name)
    return ImportResult(report=result.report, findings=result.findings, encoding=None, source_format="pdf")
