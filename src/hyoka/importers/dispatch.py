"""Pick the importer for a file's bytes by their content, not by the file name."""

from __future__ import annotations

from hyoka.core.i18n import gettext_noop
from hyoka.importers.errors import not_a_report
from hyoka.importers.json_report import import_json
from hyoka.importers.result import ImportResult
from hyoka.importers.text import import_text
from hyoka.importers.text.decode import decode

__all__ = ["import_bytes"]


def import_bytes(data: bytes, *, name: str = "<input>", layout: str | None = None) -> ImportResult:
    """Read a report from bytes, by their content: PDF, our Excel workbook, our JSON (it starts
    with ``{``), otherwise PDF-extracted text. ``layout`` names the layout a PDF or a text is read
    with (docs/layouts.md; detected when None); hyoka's own Excel and JSON have no layout to choose.

    The PDF and Excel importers are imported here, when such a file comes: reading text or JSON
    does not pay for openpyxl (and numpy) or the PDF importer."""
    if not data.strip():
        raise not_a_report(gettext_noop("ファイルが空です"), where=name)
    if data.startswith(b"%PDF"):
        from hyoka.importers.pdf import import_pdf

        return import_pdf(data, name=name, layout=layout)
    if data.startswith(b"PK\x03\x04"):  # a ZIP archive: our Excel workbook, or not a report
        from hyoka.importers.xlsx import import_xlsx

        return import_xlsx(data, name=name)
    text, encoding, findings = decode(data, name=name)
    if text.lstrip("\ufeff \t\r\n").startswith("{"):
        return import_json(text, name=name)
    return import_text(text, name=name, encoding=encoding, decode_findings=findings, layout=layout)
