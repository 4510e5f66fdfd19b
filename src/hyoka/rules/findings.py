"""Making a finding: the code's severity as its family declared it (``hyoka.rules.registry``), the
location as a JSON pointer, for imported documents the source lines of the record it points at, and
the English message from the catalog (``hyoka.core.i18n``; docs/architecture.md, "Translation")."""

from __future__ import annotations

from typing import Any

from hyoka.core import Issue, Record, SourceSpan
from hyoka.core.i18n import gettext_en
from hyoka.core.numbering import indicator_reference
from hyoka.rules.registry import lookup

__all__ = ["finding"]


def finding(
    name: str,
    location: str,
    message: str,
    *,
    at: Record | SourceSpan | None = None,
    input: str | None = None,
    context: dict[str, Any] | None = None,
    **values: object,
) -> Issue:
    """``message`` is the Japanese template, a msgid of the catalog marked with ``gettext_noop``
    (``"測定指標{indicator}に…"``), filled in with ``values``; ``message_en`` is the catalog's English
    of the same template, filled in with the same ``values`` (a value that reads differently in
    English is passed twice, the English one under a name of its own, such as ``era_en``).
    There is no other way to give the English: it is always the catalog's. ``at`` is the record
    the finding is about (its source span becomes the lines). An ``indicator`` value (an id, said
    after 「測定指標」 in every template) is written as ``indicator_reference`` writes it."""
    lines = at.source if isinstance(at, Record) else at
    if isinstance(values.get("indicator"), str):
        values["indicator"] = indicator_reference(str(values["indicator"]))
    return Issue(
        code=name,
        severity=lookup(name).severity,
        location=location,
        lines=lines,
        message=message.format(**values) if values else message,
        message_en=gettext_en(message, **values),
        input=input,
        context=context or {},
    )
