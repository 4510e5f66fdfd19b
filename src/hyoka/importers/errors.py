"""The importers' one documented error."""

from __future__ import annotations

from pydantic import ValidationError

__all__ = ["NotAReportError", "invalid_report"]


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
