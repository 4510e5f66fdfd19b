"""What search folds, the same when a text is indexed and when a query is read (docs/search.md).

A search must find what people type: ＴＰＰ the TPP of the text, ｶﾅﾀﾞ its カナダ, 令和２年度 its
令和2年度. Both sides go through ``fold`` (Unicode NFKC: full-width letters and digits become ASCII,
half-width katakana full-width, ① becomes 1), so the stored search text (``SearchText``) is the
folded text and a query is folded before it is matched. Case is left to the databases (the FTS5
trigram tokenizer and PostgreSQL's ILIKE ignore it). Hiragana and katakana are *not* folded onto
each other: they spell different words (もの / モノ), and the snippet shows the stored text.

A query term that names a fiscal year (``term_year``: 令和2年度, 令和2年, R2, 令2, 2020, 2020年度)
is not looked for in the text: it selects the reports of that evaluation year.
"""

from __future__ import annotations

import re
import unicodedata

from hyoka.core.wareki import EraYearError, era_year_regex, western_year

__all__ = ["FIRST_YEAR", "LAST_YEAR", "fold", "term_year"]

FIRST_YEAR = 1868
LAST_YEAR = 2200
"""The fiscal years the workspace takes (the API, the forms); a 4-digit search term is read as a
fiscal year only within these."""

_ERA_TERM = re.compile(rf"^{era_year_regex(era='era', number='number', abbreviated=True)}(?:年度?)?$")
_WESTERN_TERM = re.compile(r"^(?P<year>[0-9]{4})(?:年度?)?$")


def fold(text: str) -> str:
    """``text`` as search stores and matches it: NFKC (ＴＰＰ → TPP, ｶﾅﾀﾞ → カナダ, ２ → 2)."""
    return unicodedata.normalize("NFKC", text)


def term_year(term: str) -> int | None:
    """The fiscal year a folded query term names, or None: 「令和2年度」「令和元年」「R2」「r2」「令2」
    → 2020 or 2019, 「2020」「2020年度」 → 2020; 「2年度」 (no era) and 「第2」 → None."""
    if term[:1].isascii():
        term = term[:1].upper() + term[1:]
    match = _ERA_TERM.match(term)
    if match is not None:
        try:
            return western_year(match.group("era"), match.group("number"))
        except EraYearError:
            return None
    match = _WESTERN_TERM.match(term)
    if match is not None and FIRST_YEAR <= int(match.group("year")) <= LAST_YEAR:
        return int(match.group("year"))
    return None
