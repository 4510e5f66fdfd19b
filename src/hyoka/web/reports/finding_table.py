"""The findings as the pages list them: each one's place in words
(「測定指標1-4 達成状況（令和元年度 (2019年度)）」, ``hyoka.rules.places``, not its JSON pointer), its
severity named 誤り/注意/参考 (``hyoka.rules.codes.severity_name``) and its message, all in the page's
language.

A finding is either a stored projection row (``FindingFact``) or an ``Issue`` fresh from the rules;
its pointer is kept as data and named when it is shown, against the revision shown."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from hyoka.core import EvaluationReport, SourceSpan
from hyoka.rules import place_name, severity_name
from hyoka.web.reports.display import lang

__all__ = ["FindingRow", "finding_table"]


@dataclass(frozen=True)
class FindingRow:
    """One line of ``reports/findings.html``."""

    code: str
    severity: str
    """``error``, ``warning`` or ``info`` (the row's class)"""
    severity_label: str
    place: str
    location: str
    """the JSON pointer, kept for a link or a title"""
    message: str
    lines: SourceSpan | None = None
    """an imported document's source lines (a finding fresh from an import; stored rows have none)"""


def finding_table(findings: Iterable[Any], model: EvaluationReport) -> list[FindingRow]:
    """``findings`` (``FindingFact`` rows or ``Issue`` records) as rows, in the active language."""
    language = lang()
    rows = []
    for f in findings:
        severity = str(getattr(f.severity, "value", f.severity))
        rows.append(
            FindingRow(
                code=f.code,
                severity=severity,
                severity_label=severity_name(severity, language),
                place=place_name(model, f.location, language),
                location=f.location,
                message=f.message_en if language == "en" else f.message,
                lines=getattr(f, "lines", None),
            )
        )
    return rows
