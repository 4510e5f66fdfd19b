"""The published JSON Schema (docs/schema/) is the one the model produces.

Regenerate it after a model change with ``HYOKA_UPDATE_SCHEMA=1 .venv/bin/pytest tests/core/test_schema.py``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from hyoka.core import report_schema, report_schema_json

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "schema" / "evaluation-report.schema.json"


def test_published_schema_is_current() -> None:
    expected = report_schema_json()
    if os.environ.get("HYOKA_UPDATE_SCHEMA") == "1":
        SCHEMA_PATH.write_text(expected, encoding="utf-8", newline="\n")
    published = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.exists() else ""
    hint = "run HYOKA_UPDATE_SCHEMA=1 .venv/bin/pytest tests/core/test_schema.py"
    assert published == expected, f"{SCHEMA_PATH.name} is out of date: {hint}"


def test_schema_is_json_with_its_identity() -> None:
    schema = json.loads(report_schema_json())
    assert schema == report_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "EvaluationReport"
    assert schema["required"] == ["ministry", "measure_number", "title", "evaluation_year"]


def test_schema_writes_amounts_as_numbers_and_forbids_extra_fields() -> None:
    defs = report_schema()["$defs"]
    assert defs["Cell"]["properties"]["value"]["anyOf"] == [{"type": "number"}, {"type": "null"}]
    assert defs["Cell"]["additionalProperties"] is False
    assert defs["Indicator"]["additionalProperties"] is False
    assert report_schema()["additionalProperties"] is False
