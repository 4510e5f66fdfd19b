"""The corpus generator's one error: a corpus that cannot be made as asked, said in ja and en."""

from __future__ import annotations

__all__ = ["CorpusError"]


class CorpusError(ValueError):
    """Bad ``--plant``, an output directory that is not empty, too many reports, unusable seeds.

    ``str()`` is the Japanese message; ``text("en")`` the English one."""

    def __init__(self, message: str, message_en: str | None = None) -> None:
        self.message = message
        self.message_en = message_en or message
        super().__init__(message)

    def text(self, lang: str = "ja") -> str:
        return self.message_en if lang == "en" else self.message
