"""Importers: documents in their published forms → ``hyoka.core.EvaluationReport``.

``import_bytes`` reads a PDF, our Excel workbook, our JSON or PDF-extracted text and returns an
``ImportResult``; for input that is not such a report it raises ``NotAReportError`` and nothing
else.

``import_pdf`` and ``import_xlsx`` are imported when first used (PEP 562; ``import_bytes`` does
the same), so that reading text or JSON does not load the Excel reader (openpyxl, and numpy
through it) or the PDF importer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hyoka.importers.dispatch import import_bytes
from hyoka.importers.errors import LimitExceeded, NotAReportError
from hyoka.importers.json_report import import_json
from hyoka.importers.result import ImportResult
from hyoka.importers.text import import_text
from hyoka.lazy import lazy_names

if TYPE_CHECKING:
    from hyoka.importers.pdf import import_pdf
    from hyoka.importers.xlsx import import_xlsx

__all__ = [
    "ImportResult",
    "LimitExceeded",
    "NotAReportError",
    "import_bytes",
    "import_json",
    "import_pdf",
    "import_text",
    "import_xlsx",
]

__getattr__, __dir__ = lazy_names(
    globals(), {"import_pdf": "hyoka.importers.pdf", "import_xlsx": "hyoka.importers.xlsx"}
)
