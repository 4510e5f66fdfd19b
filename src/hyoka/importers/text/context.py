"""The state one import carries through its steps: findings, consumed lines, the document's era."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from hyoka.core import Issue, SourceSpan
from hyoka.core.i18n import gettext_en
from hyoka.core.import_codes import import_severity
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
        location: str,
        lines: Iterable[Line],
        message: str | Sequence[str],
        *,
        input: str | None = None,
        context: dict[str, Any] | None = None,
        **values: object,
    ) -> None:
        """A finding: ``message`` is the Japanese template (a msgid marked with ``gettext_noop``)
        filled in with ``values``, its English the catalog's, filled in with the same ``values``
        (as ``hyoka.rules.findings.finding``). A message of several sentences chosen in code is a
        sequence of templates: joined as they are in Japanese, with a space in English. The severity
        is the code's (``hyoka.core.import_codes``): one code, one severity."""
        templates = [message] if isinstance(message, str) else list(message)
        self.findings.append(
            Issue(
                code=code,
                severity=import_severity(code),
                location=location,
                lines=span_of(lines),
                message="".join(t.format(**values) if values else t for t in templates),
                message_en=" ".join(gettext_en(t, **values) for t in templates),
                input=input,
                context=context or {},
            )
        )

    def absent(self, location: str, template: str, **values: Any) -> None:
        """H906: a part of the document is not there (``location``, the field left empty or read
        from elsewhere); every reader reports it this way (docs/findings/H906.md)."""
        self.report("H906", location, [], template, context={"absent": location}, **values)
