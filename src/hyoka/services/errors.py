"""The services' errors for files that cannot be read or written.

Both carry a Japanese message and its English equivalent (as ``hyoka.core.Issue`` does) and
the path they concern; ``str()`` is one line: ``<where>: <日本語の説明>``.
"""

from __future__ import annotations

__all__ = ["InputError", "OutputError"]


class _FileError(ValueError):
    def __init__(self, message: str, *, message_en: str, where: str) -> None:
        self.message = message
        self.message_en = message_en
        self.where = where
        super().__init__(f"{where}: {message}")

    def text(self, lang: str = "ja") -> str:
        """The one-line message in ``lang`` (ja or en), with the path first."""
        return f"{self.where}: {self.message_en if lang == 'en' else self.message}"


class InputError(_FileError):
    """A file that cannot be read at all: missing, a directory, not permitted, too large."""


class OutputError(_FileError):
    """A file or directory that cannot be written."""
