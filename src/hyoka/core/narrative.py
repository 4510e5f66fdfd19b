"""Running text: paragraphs with the enumerator they carried and their nesting level."""

from __future__ import annotations

from pydantic import Field

from hyoka.core.base import FiscalYear, Record
from hyoka.core.limits import MAX_ENTRIES, MAX_YEARS, Name, Text

__all__ = ["MeansCitation", "Paragraph"]


class MeansCitation(Record):
    """The 達成手段 an analysis cites at its end:
    「(平成29・30・令和元年度：北米諸国との政治分野での協力推進(達成手段①))」."""

    years: list[FiscalYear] = Field(default_factory=list, max_length=MAX_YEARS)
    name: Name
    means_number: Name | None = Field(default=None, description="e.g. ① or 平成29年度達成手段③")
    raw: Text


class Paragraph(Record):
    """One paragraph or list item. ``label`` is its enumerator (1, (1), ア, ①) without the bullet;
    ``level`` its depth in the list (0 = top)."""

    label: Name | None = None
    level: int = Field(default=0, ge=0)
    text: Text
    means: list[MeansCitation] = Field(
        default_factory=list, max_length=MAX_ENTRIES, description="達成手段 cited at its end"
    )
