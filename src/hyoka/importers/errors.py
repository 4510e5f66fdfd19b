"""The importers' one documented error."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import ValidationError

from hyoka.core.i18n import bilingual, gettext_en, gettext_noop

__all__ = ["LimitExceeded", "NotAReportError", "invalid_report", "not_a_report", "validated"]

_T = TypeVar("_T")


class NotAReportError(ValueError):
    """The input is not an evaluation report hyoka can read: empty, binary, undecodable, or
    another kind of document. The message is one line that says what is wrong and where.

    ``message`` is Japanese, ``message_en`` English (the catalog's, see ``not_a_report``);
    ``str()`` is the Japanese one-line message with ``where`` first, ``text(lang)`` either."""

    def __init__(self, message: str, *, message_en: str | None = None, where: str | None = None) -> None:
        self.message = message
        self.message_en = message if message_en is None else message_en
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)

    def text(self, lang: str = "ja") -> str:
        """The one-line message in ``lang`` (ja or en), with ``where`` first."""
        message = self.message_en if lang == "en" else self.message
        return f"{self.where}: {message}" if self.where else message

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled with its fields (the upload's child process sends it to its parent)."""
        return (_not_a_report, (type(self), self.message, self.message_en, self.where))


def _not_a_report(
    cls: type[NotAReportError], message: str, message_en: str, where: str | None
) -> NotAReportError:
    return cls(message, message_en=message_en, where=where)


def not_a_report(text: str, /, *, where: str | None = None, **values: object) -> NotAReportError:
    """A ``NotAReportError`` whose ``text`` is the Japanese template (a msgid marked with
    ``gettext_noop``) filled in with ``values``, its English the catalog's filled in with the same
    (``hyoka.core.i18n.bilingual``). A detail that exists only in English (a library's own error
    text) is passed as a value only the English template names."""
    message, message_en = bilingual(text, **values)
    return NotAReportError(message, message_en=message_en, where=where)


def invalid_report(exc: ValidationError, *, what: str, where: str, **values: object) -> NotAReportError:
    """The first validation problem as one line: its JSON pointer and message, and how many in all.
    ``what`` is a Japanese msgid (marked with ``gettext_noop``) filled in with ``values`` (the English
    of it with the same); pydantic's own description of the problem is English, so only the English
    line carries it. A value past one of the model's
    bounds (``hyoka.core.limits``: a list too long, a text too long, objectives nested too deeply)
    is a ``LimitExceeded`` instead."""
    errors = exc.errors(include_url=False, include_input=False)
    for error in errors:
        if error["type"] in ("too_long", "string_too_long", "objective_depth"):
            return _model_limit(exc, error, where=where)
    first = errors[0]
    path = "/" + "/".join(str(p) for p in first["loc"])
    return not_a_report(
        gettext_noop("{what}（{path} の値が正しくありません。問題は全部で {count} 件）"),
        where=where,
        what=what.format(**values) if values else what,
        what_en=gettext_en(what, **values),
        path=path,
        problem=first["msg"],
        count=exc.error_count(),
    )


def validated(build: Callable[[], _T], *, what: str, where: str, **values: object) -> _T:
    """What ``build`` makes from what an importer read; a value the model refuses is the input's
    fault, so it is this error (``invalid_report``: ``what``, ``where`` and ``values`` as there), not
    a crash."""
    try:
        return build()
    except ValidationError as exc:
        raise invalid_report(exc, what=what, where=where, **values) from None


def _model_limit(exc: ValidationError, error: Any, *, where: str) -> LimitExceeded:
    path = "/" + "/".join(str(p) for p in error["loc"])
    ctx = error.get("ctx") or {}
    if error["type"] == "objective_depth":
        depth, maximum = int(ctx["actual_depth"]), int(ctx["max_depth"])
        return LimitExceeded.of(
            gettext_noop("施策目標の入れ子が深すぎます（{value} 段、上限 {maximum} 段）"),
            limit="objective_depth",
            value=depth,
            maximum=maximum,
            where=where,
        )
    maximum = int(ctx["max_length"])
    if error["type"] == "too_long":
        count = int(ctx["actual_length"])
        return LimitExceeded.of(
            gettext_noop("{path} の要素が多すぎます（{value:,} 個、上限 {maximum:,} 個）"),
            limit="list_length",
            value=count,
            maximum=maximum,
            where=where,
            path=path,
        )
    value = _input_at(exc, error["loc"])
    length = len(value) if isinstance(value, str) else None
    return LimitExceeded.of(
        gettext_noop("{path} の文字列が長すぎます（上限 {maximum:,} 文字）")
        if length is None
        else gettext_noop("{path} の文字列が長すぎます（{value:,} 文字、上限 {maximum:,} 文字）"),
        limit="text_length",
        value=length,
        maximum=maximum,
        where=where,
        path=path,
    )


def _input_at(exc: ValidationError, loc: tuple[int | str, ...]) -> object:
    for error in exc.errors(include_url=False):
        if error["loc"] == loc:
            return error.get("input")
    return None


class LimitExceeded(NotAReportError):
    """The input is larger than hyoka reads, in one of its dimensions (uncompressed size, sheet
    rows or columns, pages, list lengths, nesting depth) or in the time or memory its reading
    takes. The limits are documented in docs/operations.md ("Limits on input").

    ``limit`` names the dimension (``pages``, ``sheet_cells``, ``depth``, ``seconds``, …), ``value``
    is what the input has (or a lower bound of it) and ``maximum`` what hyoka accepts. ``message``
    is Japanese, ``message_en`` English; ``str()`` is the Japanese one-line message with ``where``.
    Made with ``LimitExceeded.of`` (the English from the catalog)."""

    def __init__(
        self,
        message: str,
        *,
        message_en: str,
        limit: str,
        value: int | None,
        maximum: int,
        where: str | None = None,
    ) -> None:
        self.limit = limit
        self.value = value
        self.maximum = maximum
        super().__init__(message, message_en=message_en, where=where)

    @classmethod
    def of(
        cls,
        text: str,
        /,
        *,
        limit: str,
        value: int | None,
        maximum: int,
        where: str | None = None,
        **values: object,
    ) -> LimitExceeded:
        """``text`` is the Japanese template (a msgid marked with ``gettext_noop``), filled in with
        ``value``, ``maximum`` and ``values`` (``{maximum:,}``); ``message_en`` is the catalog's
        English of it, filled in with the same (``hyoka.core.i18n.bilingual``)."""
        message, message_en = bilingual(text, value=value, maximum=maximum, **values)
        return cls(message, message_en=message_en, limit=limit, value=value, maximum=maximum, where=where)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled with its fields (a child process sends it to its parent)."""
        return (
            _limit_exceeded,
            (self.message, self.message_en, self.limit, self.value, self.maximum, self.where),
        )


def _limit_exceeded(
    message: str, message_en: str, limit: str, value: int | None, maximum: int, where: str | None
) -> LimitExceeded:
    return LimitExceeded(
        message, message_en=message_en, limit=limit, value=value, maximum=maximum, where=where
    )
