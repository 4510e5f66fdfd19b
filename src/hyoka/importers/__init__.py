"""Importers: documents in their published forms → ``hyoka.core.EvaluationReport``.

``import_bytes`` reads a PDF, our Excel workbook, our JSON or PDF-extracted text and returns an
``ImportResult``; for input that is not such a report it raises ``NotAReportError`` and nothing
else.
"""

from hyoka.importers.dispatch import import_bytes
from hyoka.importers.errors import LimitExceeded, NotAReportError
from hyoka.importers.json_report import import_json
from hyoka.importers.pdf import import_pdf
from hyoka.importers.result import ImportResult
from hyoka.importers.text import import_text
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
