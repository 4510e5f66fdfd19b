"""Our own JSON (the model as ``hyoka import`` writes it) → EvaluationReport, validated by core."""

from __future__ import annotations

import json

from pydantic import ValidationError

from hyoka.core import EvaluationReport
from hyoka.importers.errors import NotAReportError, invalid_report
from hyoka.importers.result import ImportResult

__all__ = ["import_json"]


def import_json(text: str, *, name: str = "<input>") -> ImportResult:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NotAReportError(
            f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}", where=name
        ) from None
    if not isinstance(data, dict) or "measure_number" not in data:
        raise NotAReportError("JSON that is not an evaluation report (no measure_number)", where=name)
    try:
        report = EvaluationReport.model_validate(data)
    except ValidationError as exc:
        raise invalid_report(exc, what="invalid report", where=name) from None
    return ImportResult(report=report, findings=[], encoding="utf-8", source_format="json")
