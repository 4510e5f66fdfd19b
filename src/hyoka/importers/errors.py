"""The importers' one documented error."""

from __future__ import annotations

__all__ = ["NotAReportError"]


class NotAReportError(ValueError):
    """The input is not an evaluation report hyoka can read: empty, binary, undecodable, or
    another kind of document. The message is one line that says what is wrong and where."""

    def __init__(self, message: str, *, where: str | None = None) -> None:
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)
