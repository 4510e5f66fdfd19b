"""The limits on input: every bound of the importers and of the model refuses a hostile file with a
``LimitExceeded`` (the exact message, dimension, value and maximum) before the expensive work, and
docs/operations.md lists every limit with its value.

The hostile files are made here, small: an xlsx written with zipfile by hand (a cell in column XFD,
200,000 rows, a member that inflates past the bounds, a header that lies), a PDF written by hand (2,000
pages, a page too dense, a page that inflates), JSON nested 100,000 deep, a window of 60,000 years.
"""

from __future__ import annotations

import io
import json
import re
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest

from hyoka.core import (
    MAX_AREAS,
    MAX_ENTRIES,
    MAX_INDICATORS,
    MAX_NAME_CHARS,
    MAX_OBJECTIVE_DEPTH,
    MAX_PARAGRAPHS,
    MAX_SERIES,
    MAX_TEXT_CHARS,
    MAX_YEARS,
    EvaluationReport,
    report_schema,
)
from hyoka.importers import LimitExceeded, NotAReportError, import_bytes, import_json, json_report, pdf, xlsx
from hyoka.importers.json_report import MAX_JSON_BYTES, MAX_JSON_DEPTH, json_depth

ROOT = Path(__file__).resolve().parents[2]
OPERATIONS = ROOT / "docs" / "operations.md"


def refused(data: bytes, name: str) -> LimitExceeded:
    with pytest.raises(LimitExceeded) as raised:
        import_bytes(data, name=name)
    return raised.value


def fields(exc: LimitExceeded) -> tuple[str, int | None, int, str | None]:
    return exc.limit, exc.value, exc.maximum, exc.where


# --- hostile files ---------------------------------------------------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006"


def xlsx_parts(sheet_xml: bytes, *, sheets: int = 1) -> dict[str, bytes]:
    """The parts of a minimal workbook whose sheets (「評価書」, 「S2」, …) all are ``sheet_xml``."""
    names = ["評価書", *(f"S{i}" for i in range(2, sheets + 1))]
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        f'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, sheets + 1)
    )
    parts = {
        "[Content_Types].xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{_PKG}/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f"{overrides}</Types>"
        ).encode(),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ).encode(),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
            + "".join(f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, 1))
            + "</sheets></workbook>"
        ).encode(),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}/relationships">'
            + "".join(
                f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                for i in range(1, sheets + 1)
            )
            + "</Relationships>"
        ).encode(),
    }
    for i in range(1, sheets + 1):
        parts[f"xl/worksheets/sheet{i}.xml"] = sheet_xml
    return parts


def zip_bytes(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def sheet(rows: str, dimension: str = "A1:C3") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}"><dimension ref="{dimension}"/>'
        f"<sheetData>{rows}</sheetData></worksheet>"
    ).encode()


def xfd_rows(count: int) -> bytes:
    """One number in column XFD on each of ``count`` rows (the workbook of the issue: 980 kB)."""
    rows = "".join(f'<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>' for r in range(1, count + 1))
    return zip_bytes(xlsx_parts(sheet(rows, "A1:XFD1048576")))


def pdf_bytes(
    pages: int, content: bytes = b"BT /F1 12 Tf 72 720 Td (x) Tj ET", *, flate: bool = False
) -> bytes:
    """A PDF of ``pages`` pages that all draw ``content`` (one stream, shared), written by hand."""
    stream = zlib.compress(content, 9) if flate else content
    head = f"<< /Length {len(stream)}{' /Filter /FlateDecode' if flate else ''} >>\nstream\n".encode()
    kids = " ".join(f"{5 + i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        head + stream + b"\nendstream",
    ]
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
        b" /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    )
    objects += [page] * pages
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def sample_json(sample_bytes: bytes, **changes: Any) -> bytes:
    data = json.loads(import_bytes(sample_bytes).report.model_dump_json())
    data.update(changes)
    return json.dumps(data, ensure_ascii=False).encode()


# --- JSON: nesting depth and size ------------------------------------------------------------------


def test_json_nested_100000_deep_is_refused_by_its_depth_not_a_recursion_error() -> None:
    deep = b'{"a":' * 100_000 + b"1" + b"}" * 100_000
    exc = refused(deep, "deep.json")
    assert fields(exc) == ("json_depth", 100_000, MAX_JSON_DEPTH, "deep.json")
    assert str(exc) == "deep.json: JSON の入れ子が深すぎます（100,000 段、上限 64 段）"
    assert exc.text("en") == "deep.json: JSON nested too deeply (100,000 levels, limit 64)"
    assert isinstance(exc, NotAReportError)


def test_arrays_nested_in_a_report_are_refused_too() -> None:
    deep = '{"measure_number": "I-2", "window": ' + "[" * 65 + "]" * 65 + "}"
    with pytest.raises(LimitExceeded) as raised:
        import_json(deep, name="r.json")
    assert fields(raised.value) == ("json_depth", 66, 64, "r.json")


def test_depth_counts_only_brackets_outside_strings() -> None:
    assert json_depth('{"a": [1, {"b": "[[[{{{"}], "c": "\\"[["}') == 3
    assert json_depth("[]") == 1
    assert json_depth('"x"') == 0
    assert json_depth('{"a": ' * 64 + "1" + "}" * 64) == MAX_JSON_DEPTH


def test_json_larger_than_its_limit_is_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_report.json, "loads", lambda *a, **k: pytest.fail("parsed"))
    text = '{"measure_number": "I-2", "title": "' + "a" * MAX_JSON_BYTES + '"}'
    with pytest.raises(LimitExceeded) as raised:
        import_json(text, name="big.json")
    size = len(text.encode())
    assert size == MAX_JSON_BYTES + 38
    assert fields(raised.value) == ("json_bytes", size, 8 * 1024 * 1024, "big.json")
    assert str(raised.value) == f"big.json: JSON が大きすぎます（{size:,} バイト、上限 8,388,608 バイト）"


# --- the model's bounds, met through the JSON import ------------------------------------------------


def test_a_window_of_60000_years_is_refused(sample_bytes: bytes) -> None:
    exc = refused(sample_json(sample_bytes, window=[2019] * 60_000), "window.json")
    assert fields(exc) == ("list_length", 60_000, MAX_YEARS, "window.json")
    assert str(exc) == "window.json: /window の要素が多すぎます（60,000 個、上限 50 個）"
    assert exc.text("en") == "window.json: too many entries in /window (60,000, limit 50)"


def test_a_window_of_15000_years_is_refused_and_one_of_50_is_read(sample_bytes: bytes) -> None:
    exc = refused(sample_json(sample_bytes, window=[2019] * 15_000), "window.json")
    assert (exc.limit, exc.value, exc.maximum) == ("list_length", 15_000, 50)
    assert import_bytes(sample_json(sample_bytes, window=[2019] * 50)).report.window == [2019] * 50


def test_a_list_deep_in_the_report_names_its_place(sample_bytes: bytes) -> None:
    data = json.loads(sample_json(sample_bytes))
    data["areas"][0]["indicators"][1]["years"][0]["progress"] = [{"text": "x"}] * (MAX_PARAGRAPHS + 1)
    exc = refused(json.dumps(data).encode(), "p.json")
    assert (
        str(exc)
        == "p.json: /areas/0/indicators/1/years/0/progress の要素が多すぎます（1,001 個、上限 1,000 個）"
    )


def test_a_text_longer_than_its_limit_is_refused(sample_bytes: bytes) -> None:
    exc = refused(sample_json(sample_bytes, title="題" * (MAX_NAME_CHARS + 1)), "t.json")
    assert fields(exc) == ("text_length", 10_001, 10_000, "t.json")
    assert str(exc) == "t.json: /title の文字列が長すぎます（10,001 文字、上限 10,000 文字）"
    assert exc.text("en") == "t.json: text too long in /title (10,001 characters, limit 10,000 characters)"


def test_objectives_nested_past_their_depth_are_refused(sample_bytes: bytes) -> None:
    objective: dict[str, Any] = {"text": "最も内側"}
    for _ in range(MAX_OBJECTIVE_DEPTH):
        objective = {"text": "目標", "children": [objective]}
    exc = refused(sample_json(sample_bytes, objectives=[objective]), "o.json")
    assert fields(exc) == ("objective_depth", 9, 8, "o.json")
    assert str(exc) == "o.json: 施策目標の入れ子が深すぎます（9 段、上限 8 段）"


def test_the_schema_publishes_the_bounds() -> None:
    schema = report_schema()
    assert schema["properties"]["window"]["maxItems"] == MAX_YEARS == 50
    assert schema["properties"]["areas"]["maxItems"] == MAX_AREAS == 100
    assert schema["$defs"]["Area"]["properties"]["indicators"]["maxItems"] == MAX_INDICATORS == 200
    assert schema["$defs"]["Indicator"]["properties"]["series"]["maxItems"] == MAX_SERIES == 20
    assert schema["$defs"]["Paragraph"]["properties"]["text"]["maxLength"] == MAX_TEXT_CHARS == 100_000
    assert schema["properties"]["title"]["maxLength"] == MAX_NAME_CHARS == 10_000
    assert schema["properties"]["notes"]["maxItems"] == MAX_ENTRIES == 1_000

    def lists(node: Any, path: str) -> list[str]:
        """Every array of the schema without a maxItems."""
        found = []
        if isinstance(node, dict):
            if node.get("type") == "array" and "maxItems" not in node:
                found.append(path)
            for key, value in node.items():
                found += lists(value, f"{path}/{key}")
        return found

    assert lists(schema, "") == []


def test_the_bounds_hold_for_assignment_too() -> None:
    report = EvaluationReport(ministry="外務省", measure_number="I-2", title="t", evaluation_year=2020)
    with pytest.raises(ValueError, match="at most 50 items"):
        report.window = [2019] * 51


# --- xlsx: the archive ------------------------------------------------------------------------------


def test_a_cell_in_column_xfd_on_200000_rows_is_refused_before_openpyxl_reads_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = xfd_rows(200_000)
    assert len(data) < 1_500_000
    monkeypatch.setattr(xlsx, "load_workbook", lambda *a, **k: pytest.fail("openpyxl was called"))
    exc = refused(data, "xfd.xlsx")
    assert fields(exc) == ("sheet_rows", 20_001, 20_000, "xfd.xlsx")
    assert str(exc) == "xfd.xlsx: Excel（xlsx）の xl/worksheets/sheet1.xml の行が多すぎます（上限 20,000 行）"


def test_one_cell_in_column_xfd_is_refused_by_its_column() -> None:
    exc = refused(xfd_rows(1), "wide.xlsx")
    assert fields(exc) == ("sheet_columns", 16_384, 256, "wide.xlsx")
    assert str(exc) == "wide.xlsx: 「評価書」シートの列が多すぎます（16,384 列、上限 256 列）"
    assert exc.text("en") == "wide.xlsx: too many columns in sheet '評価書' (16,384, limit 256)"


def test_a_row_far_down_is_refused_by_its_row() -> None:
    data = zip_bytes(xlsx_parts(sheet('<row r="1048576"><c r="A1048576"><v>1</v></c></row>')))
    exc = refused(data, "tall.xlsx")
    assert fields(exc) == ("sheet_rows", 20_001, 20_000, "tall.xlsx")
    assert str(exc) == "tall.xlsx: 「評価書」シートの行が多すぎます（上限 20,000 行）"


def test_too_many_cells_in_one_row_as_written() -> None:
    row = "<row>" + "<c><v>1</v></c>" * 257 + "</row>"
    exc = refused(zip_bytes(xlsx_parts(sheet(row))), "row.xlsx")
    assert fields(exc) == ("sheet_columns", 257, 256, "row.xlsx")
    assert (
        str(exc)
        == "row.xlsx: Excel（xlsx）の xl/worksheets/sheet1.xml の一行のセルが多すぎます（上限 256 列）"
    )


def test_too_many_cells_in_the_workbook() -> None:
    rows = "".join(f'<row r="{r}">' + "<c/>" * 200 + "</row>" for r in range(1, 2_502))
    exc = refused(zip_bytes(xlsx_parts(sheet(rows))), "cells.xlsx")
    assert fields(exc) == ("cells", 500_001, 500_000, "cells.xlsx")
    assert str(exc) == "cells.xlsx: Excel（xlsx）のセルが多すぎます（500,001 個以上、上限 500,000 個）"


def test_too_many_sheets() -> None:
    exc = refused(zip_bytes(xlsx_parts(sheet(""), sheets=51)), "sheets.xlsx")
    assert fields(exc) == ("sheets", 51, 50, "sheets.xlsx")
    assert str(exc) == "sheets.xlsx: Excel（xlsx）のシートが多すぎます（51 枚、上限 50 枚）"


def test_too_many_xml_elements() -> None:
    parts = xlsx_parts(sheet(""))
    parts["xl/styles.xml"] = (
        f'<styleSheet xmlns="{_MAIN}"><cellXfs>'.encode() + b"<xf/>" * 1_000_000 + b"</cellXfs></styleSheet>"
    )
    exc = refused(zip_bytes(parts), "styles.xlsx")
    assert (exc.limit, exc.maximum, exc.where) == ("xml_elements", 1_000_000, "styles.xlsx")
    assert exc.value is not None and exc.value > 1_000_000
    assert str(exc) == (
        f"styles.xlsx: Excel（xlsx）の XML 要素が多すぎます（{exc.value:,} 個以上、上限 1,000,000 個）"
    )


def test_too_many_files_in_the_archive() -> None:
    parts = xlsx_parts(sheet(""))
    parts.update({f"xl/media/{i}.bin": b"" for i in range(500)})
    exc = refused(zip_bytes(parts), "files.xlsx")
    assert fields(exc) == ("entries", 505, 500, "files.xlsx")
    assert str(exc) == "files.xlsx: Excel（xlsx）の中のファイルが多すぎます（505 個、上限 500 個）"


def bomb(parts: dict[str, bytes], name: str, size: int) -> bytes:
    """``parts`` and a member ``name`` of ``size`` zero bytes (it compresses a thousandfold)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
        with archive.open(name, "w", force_zip64=True) as member:
            block = bytes(1024 * 1024)
            for _ in range(size // len(block)):
                member.write(block)
    return buffer.getvalue()


def test_a_member_that_inflates_past_its_limit_is_refused_by_the_archive_directory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = bomb(xlsx_parts(sheet("")), "xl/media/bomb.bin", 17 * 1024 * 1024)
    assert len(data) < 100_000
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *a, **k: pytest.fail("a member was read"))
    exc = refused(data, "bomb.xlsx")
    assert fields(exc) == ("entry_bytes", 17 * 1024 * 1024, 16 * 1024 * 1024, "bomb.xlsx")
    assert str(exc) == (
        "bomb.xlsx: Excel（xlsx）の中の xl/media/bomb.bin が展開すると大きすぎます"
        "（17,825,792 バイト以上、上限 16,777,216 バイト）"
    )


def test_members_that_inflate_past_the_total_are_refused() -> None:
    parts = xlsx_parts(sheet(""))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
        for i in range(5):
            archive.writestr(f"xl/media/{i}.bin", bytes(15 * 1024 * 1024))
    exc = refused(buffer.getvalue(), "total.xlsx")
    declared = 5 * 15 * 1024 * 1024 + sum(len(d) for d in parts.values())
    assert fields(exc) == ("uncompressed_bytes", declared, 64 * 1024 * 1024, "total.xlsx")


def lie(data: bytes, member: str, size: int) -> bytes:
    """``data`` with the uncompressed size of ``member`` declared as ``size`` (local header and
    central directory), a ZIP whose header lies."""
    out = bytearray(data)
    name = member.encode()
    local = out.find(b"PK\x03\x04")
    while local >= 0:
        name_len = struct.unpack_from("<H", out, local + 26)[0]
        if out[local + 30 : local + 30 + name_len] == name:
            struct.pack_into("<I", out, local + 22, size)
        local = out.find(b"PK\x03\x04", local + 4)
    central = out.find(b"PK\x01\x02")
    while central >= 0:
        name_len = struct.unpack_from("<H", out, central + 28)[0]
        if out[central + 46 : central + 46 + name_len] == name:
            struct.pack_into("<I", out, central + 24, size)
        central = out.find(b"PK\x01\x02", central + 4)
    return bytes(out)


def test_a_member_whose_header_lies_about_its_size_is_read_no_further_than_declared() -> None:
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>1</v></c></row>' for r in range(1, 300_000))
    parts = xlsx_parts(sheet(rows))
    data = lie(zip_bytes(parts), "xl/worksheets/sheet1.xml", 4096)
    with pytest.raises(NotAReportError) as raised:
        import_bytes(data, name="lie.xlsx")
    assert not isinstance(raised.value, LimitExceeded)
    assert (str(raised.value), raised.value.text("en")) == (
        "lie.xlsx: Excel ブック（xlsx）ではありません: ZIP アーカイブが壊れています",
        "lie.xlsx: not an Excel workbook (xlsx): a damaged ZIP archive "
        "(Bad CRC-32 for file 'xl/worksheets/sheet1.xml')",
    )


def test_our_own_workbook_is_far_within_the_bounds(sample_result: Any) -> None:
    from hyoka.renderers.xlsx import render_report_xlsx

    data = render_report_xlsx(sample_result.report)
    assert import_bytes(data, name="ours.xlsx").report == sample_result.report


# --- PDF --------------------------------------------------------------------------------------------


def test_a_pdf_of_2000_pages_is_refused_before_its_pages_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "_page_blocks", lambda page: pytest.fail("a page was read"))
    exc = refused(pdf_bytes(2_000), "long.pdf")
    assert fields(exc) == ("pages", 2_000, 200, "long.pdf")
    assert str(exc) == "long.pdf: PDF のページが多すぎます（2,000 ページ、上限 200 ページ）"
    assert exc.text("en") == "long.pdf: too many pages in the PDF (2,000, limit 200)"


def test_a_page_too_dense_is_refused_before_its_tables_are_searched(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "_page_blocks", lambda page: pytest.fail("the tables were searched"))
    content = b"BT /F1 1 Tf 10 10 Td (" + b"a" * 20_001 + b") Tj ET"
    exc = refused(pdf_bytes(1, content), "dense.pdf")
    assert fields(exc) == ("page_chars", 20_001, 20_000, "dense.pdf")
    assert str(exc) == "dense.pdf: PDF の 1 ページ目の文字が多すぎます（20,001 文字、上限 20,000 文字）"


def test_a_page_with_too_many_lines_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "_page_blocks", lambda page: pytest.fail("the tables were searched"))
    content = b"0 G 1 w\n" + b"10 10 m 20 20 l S\n" * 5_001
    exc = refused(pdf_bytes(1, content), "lines.pdf")
    assert fields(exc) == ("page_objects", 5_001, 5_000, "lines.pdf")
    assert str(exc) == "lines.pdf: PDF の 1 ページ目の図形が多すぎます（5,001 個、上限 5,000 個）"


def test_a_page_that_inflates_past_its_limit_is_refused_while_inflating() -> None:
    content = b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n" + b" " * (16 * 1024 * 1024)
    data = pdf_bytes(1, content, flate=True)
    assert len(data) < 100_000
    exc = refused(data, "inflate.pdf")
    assert fields(exc) == ("page_content_bytes", 16 * 1024 * 1024 + 1, 16 * 1024 * 1024, "inflate.pdf")
    assert str(exc) == (
        "inflate.pdf: PDF の 1 ページ目の内容が展開すると大きすぎます"
        "（16,777,217 バイト以上、上限 16,777,216 バイト）"
    )


def test_each_page_is_closed_before_the_next_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    import pdfplumber.page

    events: list[tuple[str, int]] = []
    read, close = pdf._page_blocks, pdfplumber.page.Page.close

    def reading(page: Any) -> Any:
        events.append(("read", page.page_number))
        return read(page)

    def closing(page: Any) -> None:
        events.append(("close", page.page_number))
        close(page)

    monkeypatch.setattr(pdf, "_page_blocks", reading)
    monkeypatch.setattr(pdfplumber.page.Page, "close", closing)
    assert pdf.pdf_to_text(pdf_bytes(3)) == "x\n\nx\n\nx"
    assert events[:6] == [("read", 1), ("close", 1), ("read", 2), ("close", 2), ("read", 3), ("close", 3)]


# --- the list in docs/operations.md ------------------------------------------------------------------

LIMITS = {
    "MAX_JSON_BYTES": json_report.MAX_JSON_BYTES,
    "MAX_JSON_DEPTH": json_report.MAX_JSON_DEPTH,
    "MAX_XLSX_ENTRIES": xlsx.MAX_XLSX_ENTRIES,
    "MAX_XLSX_ENTRY_BYTES": xlsx.MAX_XLSX_ENTRY_BYTES,
    "MAX_XLSX_BYTES": xlsx.MAX_XLSX_BYTES,
    "MAX_XLSX_ELEMENTS": xlsx.MAX_XLSX_ELEMENTS,
    "MAX_XLSX_SHEETS": xlsx.MAX_XLSX_SHEETS,
    "MAX_SHEET_ROWS": xlsx.MAX_SHEET_ROWS,
    "MAX_SHEET_COLUMNS": xlsx.MAX_SHEET_COLUMNS,
    "MAX_XLSX_CELLS": xlsx.MAX_XLSX_CELLS,
    "MAX_PDF_PAGES": pdf.MAX_PDF_PAGES,
    "MAX_PDF_PAGE_CHARS": pdf.MAX_PDF_PAGE_CHARS,
    "MAX_PDF_PAGE_OBJECTS": pdf.MAX_PDF_PAGE_OBJECTS,
    "MAX_PDF_PAGE_CONTENT_BYTES": pdf.MAX_PDF_PAGE_CONTENT_BYTES,
    "MAX_AREAS": MAX_AREAS,
    "MAX_INDICATORS": MAX_INDICATORS,
    "MAX_YEARS": MAX_YEARS,
    "MAX_SERIES": MAX_SERIES,
    "MAX_PARAGRAPHS": MAX_PARAGRAPHS,
    "MAX_ENTRIES": MAX_ENTRIES,
    "MAX_OBJECTIVE_DEPTH": MAX_OBJECTIVE_DEPTH,
    "MAX_TEXT_CHARS": MAX_TEXT_CHARS,
    "MAX_NAME_CHARS": MAX_NAME_CHARS,
}


def shown(value: int) -> str:
    mib = 1024 * 1024
    return f"{value // mib} MiB" if value >= mib and value % mib == 0 else f"{value:,}"


def test_operations_lists_every_limit_with_its_value() -> None:
    text = OPERATIONS.read_text("utf-8")
    section = text.split("## Limits on input", 1)[1].split("\n## ", 1)[0]
    rows = {
        name: line
        for line in section.splitlines()
        if line.startswith("|")
        for name in re.findall(r"`(MAX_[A-Z_]+)`", line)
    }
    for name, value in LIMITS.items():
        assert name in rows, f"{name} is not in docs/operations.md"
        assert f"| {shown(value)} |" in rows[name], (name, shown(value), rows[name])
    assert set(rows) - set(LIMITS) <= {"MAX_INPUT_BYTES"}
