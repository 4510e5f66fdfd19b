"""Making a finding: the code's severity from the registry, the location as a JSON pointer and,
for imported documents, the source lines of the record it points at."""

from __future__ import annotations

from typing import Any

from hyoka.core import Issue, Record, SourceSpan
from hyoka.rules.codes import code

__all__ = ["finding"]


def finding(
    name: str,
    location: str,
    message: str,
    message_en: str,
    *,
    at: Record | SourceSpan | None = None,
    input: str | None = None,
    context: dict[str, Any] | None = None,
) -> Issue:
    """``at`` is the record the finding is about (its source span becomes the finding's lines)."""
    lines = at.source if isinstance(at, Record) else at
    return Issue(
        code=name,
        severity=code(name).severity,
        location=location,
        lines=lines,
        message=message,
        message_en=message_en,
        input=input,
        context=context or {},
    )
