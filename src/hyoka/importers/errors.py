"""The importers' one documented error."""

from __future__ import annotations

from pydantic import ValidationError

__all__ = ["LimitExceeded", "NotAReportError", "invalid_report"]


class NotAReportError(ValueError):
    """The input is not an evaluation report hyoka can read: empty, binary, undecodable, or
    another kind of document. The message is one line that says what is wrong and where."""

    def __init__(self, message: str, *, where: str | None = None) -> None:
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)


def invalid_report(exc: ValidationError, *, what: str, where: str) -> NotAReportError:
    """The first validation problem as one line: its JSON pointer and message, and how many in all."""
    first = exc.errors()[0]
    path = "/" + "/".join(str(p) for p in first["loc"])
    return NotAReportError(
        f"{what} at {path}: {first['msg']} ({exc.error_count()} problem(s) in all)", where=where
    )


class LimitExceeded(NotAReportError):
    """The input is larger than hyoka reads, in one of its dimensions (uncompressed size, sheet
    rows or columns, pages, list lengths, nesting depth) or in the time or memory its reading
    takes. The limits are documented in docs/operations.md ("Limits on input").

    ``limit`` names the dimension (``pages``, ``sheet_cells``, ``depth``, ``seconds``, …), ``value``
    is what the input has (or a lower bound of it) and ``maximum`` what hyoka accepts. ``message``
    is Japanese, ``message_en`` English; ``str()`` is the Japanese one-line message with ``where``."""

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
        self.message = message
        self.message_en = message_en
        self.limit = limit
        self.value = value
        self.maximum = maximum
        super().__init__(message, where=where)

    def text(self, lang: str = "ja") -> str:
        """The one-line message in ``lang`` (ja or en), with ``where`` first."""
        message = self.message_en if lang == "en" else self.message
        return f"{self.where}: {message}" if self.where else message
