"""Values that running text states for a fiscal year: 「一般の部で85%(目標値84%)」「目標値(5回)」.

Used by the importer to place the cells of a damaged table row, and by the rules to compare
the narrative with the table (H402). A sentence belongs to the first fiscal year it names,
else to the year of the sentence before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from hyoka.core.indicator import Series
from hyoka.core.narrative import Paragraph
from hyoka.core.wareki import EraYearError, era_year_regex, western_year

__all__ = ["StatedValue", "stated_values"]

_YEAR = re.compile(rf"{era_year_regex(era='era', number='number')}年度")
_NUM = r"([0-9][0-9,]*(?:\.[0-9]+)?)"
_UNIT = r"(%|回|件|名|人)"
_TARGET = re.compile(rf"目標値\(?{_NUM}{_UNIT}\)?")
_ACTUAL_COUNT = re.compile(rf"(?:数|実績値?)は{_NUM}{_UNIT}")
# 「目標値18回の倍以上の41回の…会談」: an actual stated by comparison with the target.
_ACTUAL_AFTER_TARGET = re.compile(rf"目標値\(?{_NUM}{_UNIT}\)?の[^、。()0-9]*?の{_NUM}{_UNIT}")


@dataclass(frozen=True, slots=True)
class StatedValue:
    year: int
    what: str  # "target" | "actual"
    series: str  # series key (①) or "" for a single-series indicator
    value: Decimal
    unit: str
    sentence: str


def _year_of(sentence: str) -> int | None:
    match = _YEAR.search(sentence)
    if match is None:
        return None
    try:
        return western_year(match.group("era"), match.group("number"))
    except EraYearError:
        return None


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _sentences(paragraphs: Iterable[Paragraph]) -> Iterable[str]:
    for paragraph in paragraphs:
        for sentence in paragraph.text.split("。"):
            if sentence.strip():
                yield sentence


def stated_values(paragraphs: Sequence[Paragraph], series: Sequence[Series]) -> list[StatedValue]:
    """Per series: 「{name}でN%」(actual), 「{name}でN%(目標値M%)」, 「{name}では目標値(M%)」.
    Without series: 「目標値(N回)」 / 「目標値N回」 (target), 「…数はN回」 and 「目標値N回の倍以上のM回の」
    (actual)."""
    found: list[StatedValue] = []
    year: int | None = None
    for sentence in _sentences(paragraphs):
        year = _year_of(sentence) or year
        if year is None:
            continue
        if series:
            for s in series:
                name = re.escape(s.name.strip())
                for m in re.finditer(rf"{name}で{_NUM}%(?:\(目標値{_NUM}%\))?", sentence):
                    found.append(StatedValue(year, "actual", s.key, _number(m.group(1)), "%", sentence))
                    if m.group(2):
                        found.append(StatedValue(year, "target", s.key, _number(m.group(2)), "%", sentence))
                for m in re.finditer(rf"{name}では目標値\({_NUM}%\)", sentence):
                    found.append(StatedValue(year, "target", s.key, _number(m.group(1)), "%", sentence))
            continue
        for m in _TARGET.finditer(sentence):
            found.append(StatedValue(year, "target", "", _number(m.group(1)), m.group(2), sentence))
        for m in _ACTUAL_COUNT.finditer(sentence):
            found.append(StatedValue(year, "actual", "", _number(m.group(1)), m.group(2), sentence))
        for m in _ACTUAL_AFTER_TARGET.finditer(sentence):
            if m.group(4) == m.group(2):
                found.append(StatedValue(year, "actual", "", _number(m.group(3)), m.group(4), sentence))
    return found
