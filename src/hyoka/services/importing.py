"""The import use case: a file → a report and its findings → JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from hyoka.core import EvaluationReport, Issue
from hyoka.importers import ImportResult, import_bytes
from hyoka.services.files import read_input

__all__ = ["files_findings_to_json", "findings_to_json", "import_data", "import_file", "report_to_json"]


def import_data(data: bytes, *, name: str, layout: str | None = None) -> ImportResult:
    """Read a report from bytes (a PDF, PDF-extracted text, our Excel or JSON) with the layout
    named ``layout`` or the detected one (docs/layouts.md). Raises NotAReportError."""
    return import_bytes(data, name=name, layout=layout)


def import_file(path: Path, *, layout: str | None = None) -> ImportResult:
    """Read the report in the file at ``path``.

    Raises InputError when the file cannot be read (missing, a directory, not permitted, too
    large) and NotAReportError when what it holds is not an evaluation report; both carry a
    one-line message that names the file.
    """
    return import_bytes(read_input(path), name=str(path), layout=layout)


def report_to_json(report: EvaluationReport) -> str:
    """The report as UTF-8 JSON (Japanese written as is, not \\u-escaped), ending in a newline.

    Importing this JSON gives the same report, and writing that again gives the same text.
    """
    return report.model_dump_json(indent=2) + "\n"


def _finding_dict(issue: Issue, file: str | None) -> dict[str, object]:
    data: dict[str, object] = issue.model_dump(mode="json")
    return {"file": file, **data} if file is not None else data


def findings_to_json(findings: Iterable[Issue], *, file: str | None = None) -> str:
    """``{"findings": [...]}`` as UTF-8 JSON ending in a newline. With ``file``, each finding
    also names the file it was made on (``"file"`` first)."""
    return files_findings_to_json([(file, findings)])


def files_findings_to_json(files: Iterable[tuple[str | None, Iterable[Issue]]]) -> str:
    """The findings of several files as one ``{"findings": [...]}``, each naming its file."""
    payload = {"findings": [_finding_dict(issue, file) for file, findings in files for issue in findings]}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
