"""Pick the importer for a file's bytes by their content, not by the file name."""

from __future__ import annotations

from hyoka.importers.errors import NotAReportError
from hyoka.importers.json_report import import_json
from hyoka.importers.result import ImportResult
from hyoka.importers.text import import_text
from hyoka.importers.text.decode import decode

__all__ = ["import_bytes"]


def import_bytes(data: bytes, *, name: str = "<input>") -> ImportResult:
    """Read a report from bytes: our JSON when it starts with ``{``, otherwise PDF-extracted text."""
    if not data.strip():
        raise NotAReportError("the file is empty", where=name)
    if data.startswith(b"%PDF"):
        raise NotAReportError("PDF files are not read yet: extract the text first (pdftotext)", where=name)
    text, encoding, findings = decode(data, name=name)
    if text.lstrip("\ufeff \t\r\n").startswith("{"):
        return import_json(text, name=name)
    return import_text(text, name=name, encoding=encoding, decode_findings=findings)
