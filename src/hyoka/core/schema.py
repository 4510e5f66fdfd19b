"""The published JSON Schema of the document model (written to docs/schema/ by a test)."""

from __future__ import annotations

import json
from typing import Any

from hyoka.core.report import EvaluationReport

__all__ = ["report_schema", "report_schema_json"]


def report_schema() -> dict[str, Any]:
    schema = EvaluationReport.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://hyoka.example/schema/evaluation-report.json"
    return schema


def report_schema_json() -> str:
    return json.dumps(report_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
