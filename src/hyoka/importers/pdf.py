"""PDF → the text pipeline: pdfplumber reads each page, rebuilds table rows as tab-separated
cells, joins the lines a paragraph was wrapped into, and hands the text to ``import_text``.

Only black text is read: page numbers, chart labels and review notes are drawn in other
colours by our renderer, and running headers in other documents usually are too.

A PDF is bounded before its pages are laid out (``LimitExceeded``): at most ``MAX_PDF_PAGES`` pages
(counted without reading them), and for each page at most ``MAX_PDF_PAGE_CONTENT_BYTES`` of drawing
instructions (decompressed, bounded while decompressing), ``MAX_PDF_PAGE_CHARS`` characters and
``MAX_PDF_PAGE_OBJECTS`` lines, rectangles, curves and images before its tables are searched. Each
page's layout is released as soon as the page is read.
"""

from __future__ import annotations

import io
import logging
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hyoka.core.i18n import gettext_noop
from hyoka.core.numbering import CIRCLED, DIGIT, KANA, PAREN_DIGIT, PAREN_KANA
from hyoka.importers.errors import LimitExceeded, NotAReportError, not_a_report
from hyoka.importers.result import ImportResult
from hyoka.importers.text import import_text

__all__ = [
    "MAX_PDF_PAGES",
    "MAX_PDF_PAGE_CHARS",
    "MAX_PDF_PAGE_CONTENT_BYTES",
    "MAX_PDF_PAGE_OBJECTS",
    "import_pdf",
    "pdf_to_text",
]

MAX_PDF_PAGES = 200
"""pages of a PDF (a report is 20 to 40; each takes about 70 ms to read)."""

MAX_PDF_PAGE_CHARS = 20_000
"""characters on one page (a dense page of ours has about 2,500)."""

MAX_PDF_PAGE_OBJECTS = 5_000
"""lines, rectangles, curves and images on one page (ours have at most about 300): the table search
compares them pairwise."""

MAX_PDF_PAGE_CONTENT_BYTES = 16 * 1024 * 1024
"""bytes of one page's drawing instructions, decompressed (ours have about 100 kB)."""

_ITEM_START = re.compile(rf"^(?:[・*【]|{PAREN_DIGIT}|{PAREN_KANA}|(?:{DIGIT}|{KANA}) |{CIRCLED})")
"""A line that starts an item: no wrapped line joins it. Narrower than ``numbering.ITEM_START`` (no
「一 」, 「1-3」 or unclosed 「(1」), as it always was: widening it would change how wrapped lines join."""
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


def _count_pages(data: bytes, name: str | None) -> None:
    """Refuse a PDF of more than MAX_PDF_PAGES pages, counting them without building them all."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    document = PDFDocument(PDFParser(io.BytesIO(data)))
    count = 0
    for _ in PDFPage.create_pages(document):
        count += 1
        if count > MAX_PDF_PAGES:
            tree = resolve1(document.catalog.get("Pages"))
            declared = resolve1(tree.get("Count")) if isinstance(tree, dict) else None
            if isinstance(declared, int) and declared > count:
                count = declared  # the page tree's own count, when it agrees that there are too many
            raise LimitExceeded.of(
                gettext_noop("PDF のページが多すぎます（{value:,} ページ、上限 {maximum} ページ）"),
                limit="pages",
                value=count,
                maximum=MAX_PDF_PAGES,
                where=name,
            )


def _check_contents(page: Any, name: str | None) -> None:
    """Refuse a page whose drawing instructions decompress to more than MAX_PDF_PAGE_CONTENT_BYTES
    (a compression bomb), decompressing at most that much."""
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1

    size = 0
    for ref in page.page_obj.contents:
        stream = resolve1(ref)
        if not isinstance(stream, PDFStream):
            continue
        raw = stream.rawdata if stream.rawdata is not None else (stream.data or b"")
        filters = stream.get_filters()
        if len(filters) == 1 and filters[0][0] in LITERALS_FLATE_DECODE and not stream.decipher:
            try:
                size += len(zlib.decompressobj().decompress(raw, MAX_PDF_PAGE_CONTENT_BYTES + 1 - size))
            except zlib.error:
                continue  # pdfminer reports (or repairs) it
        else:
            size += len(raw)
        if size > MAX_PDF_PAGE_CONTENT_BYTES:
            number = page.page_number
            raise LimitExceeded.of(
                gettext_noop(
                    "PDF の {page} ページ目の内容が展開すると大きすぎます"
                    "（{value:,} バイト以上、上限 {maximum:,} バイト）"
                ),
                limit="page_content_bytes",
                value=size,
                maximum=MAX_PDF_PAGE_CONTENT_BYTES,
                where=name,
                page=number,
            )


def _check_objects(page: Any, name: str | None) -> None:
    """Refuse a page with more than MAX_PDF_PAGE_CHARS characters or MAX_PDF_PAGE_OBJECTS other
    objects, before its tables are searched."""
    objects = page.objects
    number = page.page_number
    chars = len(objects.get("char", ()))
    if chars > MAX_PDF_PAGE_CHARS:
        raise LimitExceeded.of(
            gettext_noop("PDF の {page} ページ目の文字が多すぎます（{value:,} 文字、上限 {maximum:,} 文字）"),
            limit="page_chars",
            value=chars,
            maximum=MAX_PDF_PAGE_CHARS,
            where=name,
            page=number,
        )
    others = sum(len(v) for k, v in objects.items() if k != "char")
    if others > MAX_PDF_PAGE_OBJECTS:
        raise LimitExceeded.of(
            gettext_noop("PDF の {page} ページ目の図形が多すぎます（{value:,} 個、上限 {maximum:,} 個）"),
            limit="page_objects",
            value=others,
            maximum=MAX_PDF_PAGE_OBJECTS,
            where=name,
            page=number,
        )


def pdf_to_text(data: bytes, *, name: str | None = None) -> str:
    """The PDF as text in the form the text importer reads (tables as tab-separated rows).
    Raises LimitExceeded (with ``name`` as its ``where``) for a PDF past one of the limits."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    pages: list[str] = []
    try:
        _count_pages(data, name)
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                try:
                    _check_contents(page, name)
                    _check_objects(page, name)
                    lines = [line for block in _page_blocks(page) for line in block.lines]
                finally:
                    page.close()
                pages.append("\n".join(lines))
    except PDFSyntaxError as exc:
        raise not_a_report(gettext_noop("PDF として読めません"), detail=exc) from None
    return "\n\n".join(pages)


def import_pdf(data: bytes, *, name: str = "<input>", layout: str | None = None) -> ImportResult:
    try:
        text = pdf_to_text(data, name=name)
    except (LimitExceeded, MemoryError):
        raise
    except NotAReportError as exc:
        raise NotAReportError(exc.message, message_en=exc.message_en, where=name) from None
    except Exception as exc:  # pdfminer raises many kinds for damaged files
        raise not_a_report(
            gettext_noop("PDF として読めません"), where=name, detail=f"{type(exc).__name__}: {exc}"
        ) from None
    if not text.strip():
        raise not_a_report(
            gettext_noop("PDF に文字がありません（画像をスキャンした PDF？）。読み込めません"), where=name
        )
    result = import_text(text, name=name, layout=layout)
    return ImportResult(
        report=result.report,
        findings=result.findings,
        encoding=None,
        source_format="pdf",
        layout=result.layout,
    )
