"""Common base for the document model: strict fields, a source span on every record."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from hyoka.core.source import SourceSpan

__all__ = ["FiscalYear", "Record", "YearMonth"]

FiscalYear = Annotated[int, Field(ge=1868, le=2200, description="Western year in which the 年度 starts")]
YearMonth = Annotated[str, Field(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$", description="YYYY-MM")]


class Record(BaseModel):
    """A part of a report. ``source`` is the line span it was imported from, if it was."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    source: SourceSpan | None = Field(default=None, description="lines of the imported document")
