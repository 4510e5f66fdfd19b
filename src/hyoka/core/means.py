"""達成手段: the programmes through which a measure works, each with its budget by year.

The 事前分析表 and many ministries' 評価書 list them as a table of their own (name, 予算額 and
執行額 by year, 関連する指標, 行政事業レビュー事業番号, an outline). The analysis text cites them
at the end of a paragraph (「(達成手段1)」, 「(達成手段①)」: ``MeansCitation``); ``resolve``
finds the entry a citation names, so a reader can go from the sentence to the money.
See docs/model.md, "達成手段".
"""

from __future__ import annotations

import unicodedata

from pydantic import Field

from hyoka.core.amounts import Cell
from hyoka.core.base import FiscalYear, Record
from hyoka.core.limits import MAX_ENTRIES, MAX_INDICATORS, MAX_PARAGRAPHS, MAX_YEARS, Name
from hyoka.core.narrative import MeansCitation, Paragraph

__all__ = ["AchievementMeans", "MeansYear", "means_key", "resolve_citation"]

_CIRCLED = {chr(0x2460 + i): str(i + 1) for i in range(20)}
"""①..⑳ → 1..20: the circled numbers some ministries number their 達成手段 with."""


class MeansYear(Record):
    """One fiscal year of a 達成手段: its budget (予算額, or the request for a year not yet begun)
    and what was executed (執行額), in the unit of the report's ``means_unit``."""

    fiscal_year: FiscalYear
    budget: Cell = Field(default_factory=Cell.empty, description="予算額 (当初予算額, or 要求額)")
    executed: Cell = Field(default_factory=Cell.empty, description="執行額")


class AchievementMeans(Record):
    """One 達成手段 as the document lists it."""

    number: Name | None = Field(default=None, description="as written: 1, ①, (1), 達成手段1")
    name: Name = Field(description="達成手段の名称 (事業名)")
    years: list[MeansYear] = Field(default_factory=list, max_length=MAX_YEARS)
    indicators: list[Name] = Field(
        default_factory=list, max_length=MAX_INDICATORS, description="関連する指標: indicator ids as written"
    )
    review_number: Name | None = Field(default=None, description="行政事業レビュー事業番号")
    started: Name | None = Field(default=None, description="開始年度 as written (e.g. 平成20年度)")
    outline: list[Paragraph] = Field(
        default_factory=list, max_length=MAX_PARAGRAPHS, description="達成手段の概要等"
    )
    notes: list[Name] = Field(default_factory=list, max_length=MAX_ENTRIES)


def means_key(number: str) -> str:
    """The number a 達成手段 is known by, whatever way it is written: 「達成手段１」, 「(1)」, 「①」
    and 「1」 are all ``"1"``; a number with a year prefix (「平成29年度達成手段③」) keeps only
    the number after 達成手段."""
    text = unicodedata.normalize("NFKC", "".join(_CIRCLED.get(ch, ch) for ch in number))
    if "達成手段" in text:
        text = text.rsplit("達成手段", 1)[1]
    return text.strip().strip("()（）[]【】").strip()


def resolve_citation(citation: MeansCitation, means: list[AchievementMeans]) -> AchievementMeans | None:
    """The 達成手段 a citation names: by its number when it has one, else by its exact name;
    None when the document's table has no such entry (the rules report that)."""
    if citation.means_number is not None:
        key = means_key(citation.means_number)
        for entry in means:
            if entry.number is not None and means_key(entry.number) == key:
                return entry
    for entry in means:
        if entry.name == citation.name:
            return entry
    return None
