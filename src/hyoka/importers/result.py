"""What an import returns: the report and every finding made while reading it."""

from __future__ import annotations

from dataclasses import dataclass, field

from hyoka.core import EvaluationReport, Issue

__all__ = ["ImportResult"]


@dataclass(frozen=True)
class ImportResult:
    report: EvaluationReport
    findings: list[Issue] = field(default_factory=list)
    encoding: str | None = None
    """the text encoding that was read (None for formats that carry their own)"""
    source_format: str = "text"
    """text | json | pdf | xlsx"""
    layout: str | None = None
    """the layout the document was read with (docs/layouts.md); None for hyoka's own JSON and Excel"""
