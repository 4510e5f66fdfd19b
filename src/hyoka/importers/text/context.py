"""The state one import carries through its steps: findings, consumed lines, the document's era."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from hyoka.core import Issue, Severity, SourceSpan
from hyoka.importers.text.normalise import Line

__all__ = ["ImportContext", "span_of"]


def span_of(lines: Iterable[Line]) -> SourceSpan | None:
    items = list(lines)
    if not items:
        return None
    return SourceSpan(first=min(x.first for x in items), last=max(x.last for x in items))


@dataclass
class ImportContext:
    """Collects findings and remembers which lines a parser used, so none is dropped unseen."""

    name: str
    default_era: str = "令和"
    findings: list[Issue] = field(default_factory=list)
    used: set[int] = field(default_factory=set)

    def use(self, *lines: Line) -> None:
        for line in lines:
            self.used.add(line.first)

    def use_all(self, lines: Iterable[Line]) -> None:
        for line in lines:
            self.used.add(line.first)

    def report(
        self,
        code: str,
        severity: Severity,
        location: str,
        lines: Iterable[Line],
        message: str,
        message_en: str,
        *,
        input: str | None = None,
        context: dict[str, Any] | None = None,
    ) -> None:
        self.findings.append(
            Issue(
                code=code,
                severity=severity,
                location=location,
                lines=span_of(lines),
                message=message,
                message_en=message_en,
                input=input,
                context=context or {},
            )
        )
