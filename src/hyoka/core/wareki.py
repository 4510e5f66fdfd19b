"""Japanese era years (和暦) both ways, and fiscal years (年度); the one home of era patterns.

A fiscal year is stored as the Western year in which it starts (April–March):
令和元年度 → 2019. 平成31年度 and 令和元年度 are the same fiscal year: both read as
2019, and 2019 is written 令和元年度, as the government writes it.

Every regular expression in hyoka that matches an era year is built here (``ERA``,
``era_year_regex``): the era table below is the only list of eras, so every importer, check and
renderer accepts the same eras. ``tests/core/test_era.py`` keeps any other module from spelling out
its own alternation of era names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

__all__ = [
    "ERA",
    "ERAS",
    "ERA_ABBREVIATED",
    "ERA_NAMES",
    "Era",
    "EraYearError",
    "era_named",
    "era_of",
    "era_prefix",
    "era_year_number",
    "era_year_regex",
    "fiscal_year_label",
    "format_era_date",
    "format_era_initial",
    "format_fiscal_year",
    "format_year_list",
    "parse_era_year",
    "to_era",
    "to_western",
    "western_year",
]


@dataclass(frozen=True, slots=True)
class Era:
    """One era: its name, the day it began, its one-letter initial (R for 令和) and its name in
    the Latin alphabet (Reiwa), as the English pages write it."""

    name: str
    start: date
    initial: str
    romaji: str

    @property
    def offset(self) -> int:
        """Western year = offset + era year (元年 = 1)."""
        return self.start.year - 1

    @property
    def abbreviation(self) -> str:
        """The one-character abbreviation: 令 for 令和 (「令2年度」)."""
        return self.name[0]


ERAS: tuple[Era, ...] = (
    Era("明治", date(1868, 10, 23), "M", "Meiji"),
    Era("大正", date(1912, 7, 30), "T", "Taisho"),
    Era("昭和", date(1926, 12, 25), "S", "Showa"),
    Era("平成", date(1989, 1, 8), "H", "Heisei"),
    Era("令和", date(2019, 5, 1), "R", "Reiwa"),
)
ERA_NAMES: tuple[str, ...] = tuple(era.name for era in ERAS)
"""明治 … 令和, oldest first (``ERA_NAMES.index`` orders eras)."""

_BY_NAME = {era.name: era for era in ERAS}
_BY_ABBREVIATION = {key: era for era in ERAS for key in (era.abbreviation, era.initial)}
MAX_ERA_YEAR = 99
"""Era years past this are misreadings (the longest era, 昭和, reached 64)."""

ERA = "(?:" + "|".join(ERA_NAMES) + ")"
"""Regex: an era written in full (明治|大正|昭和|平成|令和). Running text uses only this form: an
abbreviation (「大2年」 in 「最大2年」) is too easily found by accident."""
ERA_ABBREVIATED = (
    "(?:" + "|".join(ERA_NAMES) + "|[" + "".join(e.abbreviation + e.initial for e in ERAS) + "])"
)
"""Regex: an era in full or abbreviated (令, R): for a whole cell or field, never for running text."""
_ERA_NUMBER = "元|[0-9{digits}]{quantifier}"


def era_year_regex(
    *,
    era: str | None = None,
    number: str | None = None,
    optional_era: bool = False,
    abbreviated: bool = False,
    fullwidth: bool = False,
    digits: str = "{1,2}",
) -> str:
    """A regex fragment for an era and its year number, without 年: 「令和2」「平成元」.

    ``era`` and ``number`` name capturing groups (None: not captured); ``optional_era`` also takes a
    bare number (「2」, read in the document's era by the caller); ``abbreviated`` takes 令/R too;
    ``fullwidth`` takes ２ as well as 2 (text normalised with NFKC needs neither); ``digits`` is the
    quantifier of the number's digits.
    """
    era_part = ERA_ABBREVIATED if abbreviated else ERA
    if era is not None:
        era_part = f"(?P<{era}>{era_part})"
    if optional_era:
        era_part += "?"
    number_part = _ERA_NUMBER.format(digits="０-９" if fullwidth else "", quantifier=digits)
    number_part = f"(?P<{number}>{number_part})" if number is not None else f"(?:{number_part})"
    return era_part + number_part


_ERA_YEAR = re.compile(
    rf"^{era_year_regex(era='era', number='number', optional_era=True, abbreviated=True, digits='{1,3}')}"
    r"年(度)?$"
)
_SPACES = re.compile(r"\s+")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


class EraYearError(ValueError):
    """An era year that does not exist or cannot be read."""


def era_named(name: str) -> Era:
    """The era a name or abbreviation stands for: 「令和」「令」「R」 → 令和."""
    found = _BY_NAME.get(name) or _BY_ABBREVIATION.get(name)
    if found is None:
        raise EraYearError(f"unknown era {name!r}")
    return found


def to_western(era: str, year: int) -> int:
    """平成29 → 2017 (also 「平」「H」 for 平成). Years past an era's end (平成31) are accepted:
    documents use them."""
    found = era_named(era)
    if year < 1:
        raise EraYearError(f"{era}{year}年: an era year starts at 元年 (1)")
    if year > MAX_ERA_YEAR:
        raise EraYearError(f"{era}{year}年: no era has lasted {year} years")
    return found.offset + year


def era_year_number(number: str) -> int:
    """An era year's number as written: 「元」 → 1, 「29」「２９」 → 29."""
    if number == "元":
        return 1
    digits = number.translate(_FULLWIDTH_DIGITS)
    if not digits.isascii() or not digits.isdigit():
        raise EraYearError(f"not an era year number: {number!r}")
    return int(digits)


def western_year(era: str, number: str) -> int:
    """An era and its year number as a regex captured them: (「令和」, 「元」) → 2019."""
    return to_western(era, era_year_number(number))


def era_prefix(text: str) -> str | None:
    """The era (its full name) a text starts with: 「令和2年度」「令2年度」「R2年度」 → 令和; a bare
    「2年度」 → None."""
    text = unicodedata.normalize("NFKC", text).lstrip()
    if text[:2] in _BY_NAME:
        return text[:2]
    if text[:1] in _BY_ABBREVIATION and (text[1:2].isdigit() or text[1:2] == "元"):
        return _BY_ABBREVIATION[text[:1]].name
    return None


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


def _number(n: int) -> str:
    return "元" if n == 1 else str(n)


def format_fiscal_year(year: int) -> str:
    """2019 → 令和元年度, 2017 → 平成29年度."""
    era, n = to_era(year)
    return f"{era}{_number(n)}年度"


def fiscal_year_label(year: int, lang: str = "ja") -> str:
    """A fiscal year as people read it, the one way every page, message and place writes it: the
    era year with the Western year beside it, 2019 → 「令和元年度 (2019年度)」; with ``lang`` "en",
    「FY2019 (Reiwa 1)」. ``format_fiscal_year`` alone is the documents' own form (the official
    layouts, the text the importers read)."""
    if lang.startswith("en"):
        era, n = to_era(year)
        return f"FY{year} ({_BY_NAME[era].romaji} {n})"
    return f"{format_fiscal_year(year)} ({year}年度)"


def fiscal_year_span_en(years: Sequence[int]) -> str:
    """A window of years in English, with its eras as ``fiscal_year_label`` gives one year:
    [2017, 2018, 2019] → 「FY2017–2019 (Heisei 29 – Reiwa 1)」, [2014, 2015, 2016] →
    「FY2014–2016 (Heisei 26–28)」, [2020] → 「FY2020 (Reiwa 2)」; [] → 「」."""
    if not years:
        return ""
    first, last = years[0], years[-1]
    if first == last:
        return fiscal_year_label(first, "en")
    (era_a, a), (era_b, b) = to_era(first), to_era(last)
    eras = (
        f"{_BY_NAME[era_a].romaji} {a}–{b}"
        if era_a == era_b
        else f"{_BY_NAME[era_a].romaji} {a} – {_BY_NAME[era_b].romaji} {b}"
    )
    return f"FY{first}–{last} ({eras})"


def format_era_initial(year: int) -> str:
    """2020 → 「R2」, 2017 → 「H29」: the era's initial and the year number (令和元年 → 「R1」)."""
    era, n = to_era(year)
    return f"{_BY_NAME[era].initial}{n}"


def format_year_list(years: Iterable[int]) -> str:
    """[2017, 2018, 2019] → 「平成29・30・令和元年度」: the era named where it changes; [] → 「」."""
    parts: list[str] = []
    last_era = None
    for year in years:
        era, n = to_era(year)
        parts.append(_number(n) if era == last_era else f"{era}{_number(n)}")
        last_era = era
    return "・".join(parts) + "年度" if parts else ""


def format_era_date(day: date, *, with_day: bool = True) -> str:
    """2019-05-01 → 「令和元年5月1日」 (``with_day=False``: 「令和元年5月」), in the era of that day."""
    era = era_of(day)
    text = f"{era.name}{_number(day.year - era.offset)}年{day.month}月"
    return f"{text}{day.day}日" if with_day else text


def parse_era_year(text: str, *, default_era: str | None = None) -> int:
    """「平成29年度」「令和元年」「令和２年度」「平 成 2 4 年 度」「R2年度」「令2年」 → Western year;
    「2年度」 with ``default_era``.

    Spaces anywhere (PDF extraction spaces characters out) and full-width digits are read. A short
    year without an era (「2年度」) takes ``default_era``, the era of the document it appears in;
    without one it is an error, never a guess.
    """
    match = _ERA_YEAR.match(_SPACES.sub("", unicodedata.normalize("NFKC", text)))
    if match is None:
        raise EraYearError(f"not an era year: {text!r}")
    era = match.group("era") or default_era
    if era is None:
        raise EraYearError(f"{text!r} names no era and none is known from the document")
    return to_western(era, era_year_number(match.group("number")))
