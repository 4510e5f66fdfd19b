"""The one finding record (``Issue``) used by importers, validation, rules and API errors.

Every ``code`` has a page under ``docs/findings/``. Messages are Japanese with an English
equivalent, so a user interface can show either without a translation table of its own.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from hyoka.core.source import SourceSpan

__all__ = ["Issue", "Severity"]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Issue(BaseModel):
    """A finding: what (code, message), how bad (severity), where (path, lines), with what values."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=r"^H[0-9]{3}$", description="stable code, e.g. H901; see docs/findings/")
    severity: Severity
    location: str = Field(description="JSON pointer into the report, e.g. /areas/0/indicators/2")
    lines: SourceSpan | None = Field(default=None, description="source line span of an imported document")
    message: str = Field(description="日本語の説明")
    message_en: str = Field(description="the same in English")
    input: str | None = Field(default=None, description="the text or value that caused the finding")
    context: dict[str, Any] = Field(default_factory=dict, description="the values involved")

    def text(self, lang: str = "ja") -> str:
        return self.message_en if lang == "en" else self.message
