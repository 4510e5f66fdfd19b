"""Our own JSON (the model as ``hyoka import`` writes it) → EvaluationReport, validated by core.

Before parsing, the text is bounded: at most ``MAX_JSON_BYTES`` (UTF-8) and nested at most
``MAX_JSON_DEPTH`` deep (a cheap scan of the brackets outside strings, so that a document nested
100,000 deep is refused instead of exhausting the parser's recursion). The model's own bounds
(list lengths, text lengths: ``hyoka.core.limits``) apply while validating. Every bound exceeded is a
``LimitExceeded``.
"""

from __future__ import annotations

import json
import re
from itertools import accumulate

from hyoka.core import EvaluationReport
from hyoka.core.i18n import gettext_noop
from hyoka.importers.errors import LimitExceeded, not_a_report, validated
from hyoka.importers.result import ImportResult

__all__ = ["MAX_JSON_BYTES", "MAX_JSON_DEPTH", "import_json", "json_depth"]

MAX_JSON_BYTES = 8 * 1024 * 1024
"""8 MiB of UTF-8: a report's JSON is about 100 kB."""

MAX_JSON_DEPTH = 64
"""arrays and objects nested in one another; a report's JSON is about 10 deep."""

_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_NOT_A_BRACKET = bytes(b for b in range(256) if b not in b"[]{}")
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


def json_depth(data: str | bytes) -> int:
    """How deeply the arrays and objects of a JSON text (or its UTF-8 bytes) are nested
    (``{"a": [1]}``: 2), counting only brackets outside strings, without parsing: no recursion
    whatever the nesting, at the speed of the regular expression engine. The one scanner of both
    the JSON importer and the API's request bodies."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    brackets = _STRING.sub(b"", raw).translate(None, _NOT_A_BRACKET)
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


def _check_size(text: str, name: str) -> None:
    size = len(text.encode("utf-8", "surrogatepass")) if len(text) * 4 > MAX_JSON_BYTES else len(text)
    if size > MAX_JSON_BYTES:
        raise LimitExceeded.of(
            gettext_noop("JSON が大きすぎます（{value:,} バイト、上限 {maximum:,} バイト）"),
            limit="json_bytes",
            value=size,
            maximum=MAX_JSON_BYTES,
            where=name,
        )
    depth = json_depth(text)
    if depth > MAX_JSON_DEPTH:
        raise LimitExceeded.of(
            gettext_noop("JSON の入れ子が深すぎます（{value:,} 段、上限 {maximum} 段）"),
            limit="json_depth",
            value=depth,
            maximum=MAX_JSON_DEPTH,
            where=name,
        )


def import_json(text: str, *, name: str = "<input>") -> ImportResult:
    _check_size(text, name)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise not_a_report(
            gettext_noop("JSON として読めません（{line} 行 {column} 列）"),
            where=name,
            line=exc.lineno,
            column=exc.colno,
            problem=exc.msg,
        ) from None
    if not isinstance(data, dict) or "measure_number" not in data:
        raise not_a_report(
            gettext_noop("評価書の JSON ではありません（measure_number がありません）"), where=name
        )
    report = validated(
        lambda: EvaluationReport.model_validate(data),
        what=gettext_noop("評価書として正しくありません"),
        where=name,
    )
    return ImportResult(report=report, findings=[], encoding="utf-8", source_format="json")
