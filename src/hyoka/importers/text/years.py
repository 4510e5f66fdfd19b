"""Era years as running text writes them.

「平成29・30・令和元年度」 and 「平成29年度、平成30年度及び令和元年度」 both name 2017–2019.
"""

from __future__ import annotations

import re

from hyoka.core import EraYearError
from hyoka.core.wareki import era_year_regex, western_year

__all__ = ["parse_year_list"]

_TOKEN = re.compile(era_year_regex(era="era", number="number", optional_era=True))


def parse_year_list(text: str, default_era: str | None = None) -> list[int]:
    """「平成29・30・令和元年度」→ [2017, 2018, 2019]; an era carries over to the numbers after it."""
    years: list[int] = []
    era = default_era
    for token_era, number in _TOKEN.findall(text):
        era = token_era or era
        if era is None:
            raise EraYearError(f"no era for {number} in {text!r}")
        years.append(western_year(era, number))
    return years
