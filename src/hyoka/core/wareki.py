"""Japanese era years (和暦) both ways, and fiscal years (年度).

A fiscal year is stored as the Western year in which it starts (April–March):
令和元年度 → 2019. 平成31年度 and 令和元年度 are the same fiscal year: both read as
2019, and 2019 is written 令和元年度, as the government writes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

__all__ = [
    "ERAS",
    "Era",
    "EraYearError",
    "era_of",
    "format_fiscal_year",
    "parse_era_year",
    "to_era",
    "to_western",
]


@dataclass(frozen=True, slots=True)
class Era:
    """One era: its name and the day it began."""

    name: str
    start: date

    @property
    def offset(self) -> int:
        """Western year = offset + era year (元年 = 1)."""
        return self.start.year - 1


ERAS: tuple[Era, ...] = (
    Era("明治", date(1868, 10, 23)),
    Era("大正", date(1912, 7, 30)),
    Era("昭和", date(1926, 12, 25)),
    Era("平成", date(1989, 1, 8)),
    Era("令和", date(2019, 5, 1)),
)

_BY_NAME = {era.name: era for era in ERAS}
MAX_ERA_YEAR = 99
"""Era years past this are misreadings (the longest era, 昭和, reached 64)."""
_ERA_YEAR = re.compile(r"^\s*(明治|大正|昭和|平成|令和)?\s*(元|[0-9０-９]{1,3})\s*年(度)?\s*$")


class EraYearError(ValueError):
    """An era year that does not exist or cannot be read."""


def to_western(era: str, year: int) -> int:
    """平成29 → 2017. Years past an era's end (平成31) are accepted: documents use them."""
    try:
        found = _BY_NAME[era]
    except KeyError:
        raise EraYearError(f"unknown era {era!r}") from None
    if year < 1:
        raise EraYearError(f"{era}{year}年: an era year starts at 元年 (1)")
    if year > MAX_ERA_YEAR:
        raise EraYearError(f"{era}{year}年: no era has lasted {year} years")
    return found.offset + year


def era_of(day: date) -> Era:
    """The era in force on a day."""
    if day < ERAS[0].start:
        raise EraYearError(f"{day.isoformat()} is before 明治")
    current = ERAS[0]
    for era in ERAS:
        if day >= era.start:
            current = era
    return current


def to_era(year: int) -> tuple[str, int]:
    """2019 → ("令和", 1), 1988 → ("昭和", 63). A year, calendar or fiscal, is named by the
    era in force at the end of the calendar year, as government documents name them
    (令和元年度 for FY2019 although 1 April 2019 was still 平成)."""
    era = era_of(date(year, 12, 31))
    return era.name, year - era.offset


def format_fiscal_year(year: int) -> str:
    """2019 → 令和元年度, 2017 → 平成29年度."""
    era, n = to_era(year)
    return f"{era}{'元' if n == 1 else n}年度"


def parse_era_year(text: str, *, default_era: str | None = None) -> int:
    """「平成 29 年度」「令和元年」「2年度」(with default_era) → Western year.

    A short year without an era ("2年度") takes ``default_era``, the era of the
    document it appears in; without one it is an error, never a guess.
    """
    match = _ERA_YEAR.match(text)
    if match is None:
        raise EraYearError(f"not an era year: {text!r}")
    era, number, _ = match.groups()
    era = era or default_era
    if era is None:
        raise EraYearError(f"{text!r} names no era and none is known from the document")
    year = 1 if number == "元" else int(number.translate(_FULLWIDTH_DIGITS))
    return to_western(era, year)


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
