"""Era years as running text writes them.

「平成29・30・令和元年度」 and 「平成29年度、平成30年度及び令和元年度」 both name 2017–2019; 「25年度」 names
a year of the document's era.
"""

from __future__ import annotations

import re

from hyoka.core import EraYearError, parse_era_year
from hyoka.core.i18n import gettext_noop
from hyoka.core.wareki import era_named, era_prefix, era_year_regex, fiscal_year_label, western_year
from hyoka.importers.text.context import ImportContext
from hyoka.importers.text.normalise import Line

__all__ = ["parse_year_list", "read_fiscal_year"]

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


def read_fiscal_year(label: str, line: Line, ctx: ImportContext, location: str) -> int | None:
    """The year ``label`` names (「令和2年度」), None when it names none; a year written without its
    era (「25年度」) is read in the document's era and said so (H904, at ``location``, on ``line``)."""
    try:
        year = parse_era_year(label, default_era=ctx.default_era)
    except EraYearError:
        return None
    if era_prefix(label) is None:
        ctx.report(
            "H904",
            location,
            [line],
            gettext_noop("「{label}」は元号がないため、文書の元号({era})で{year}と読みました。"),
            label=label,
            era=ctx.default_era,
            era_en=era_named(ctx.default_era).romaji,
            year=fiscal_year_label(year),
            year_en=fiscal_year_label(year, "en"),
            input=label,
            context={"era": ctx.default_era, "fiscal_year": year},
        )
    return year
