"""Japanese full-text search over the reports' narratives (``SearchText``), as docs/search.md says.

What a query means (``parse_query``): it is folded as the stored text is (``folding.fold``: NFKC,
so ＴＰＰ finds TPP and ｶﾅﾀﾞ finds カナダ) and split on white space into terms; a report must match
every term (AND). A term that names a fiscal year (令和2年度, R2, 2020, 2020年度) selects the reports
of that evaluation year (several years: any of them). Any other term is a literal substring (quotes,
``*``, ``%``, ``_`` and SQL have no special meaning) of the report's search text, or of its
ministry's or bureau's name (北米局 finds the reports of 北米局).

How the text is matched, the same on both databases:

* SQLite: the FTS5 table ``reports_search_fts`` with the trigram tokenizer (migration 0002). A
  trigram index matches terms of 3 characters or more directly. A 2-character term (日米) is found
  through the index's vocabulary (``…_vocab``, migration 0006): a text contains 日米 exactly when
  one of its trigrams begins with 日米 (the stored text ends with a line break, so a term at its
  very end has one too), so the term becomes the FTS query 「"日米a" OR "日米b" OR …」 over the
  trigrams the vocabulary lists. 1-character terms fall back to a LIKE over ``SearchText.text``.
  The FTS query runs once per search; the count and the page read its result.
* PostgreSQL: ``ILIKE '%term%'`` over ``SearchText.text``, which the pg_trgm GIN index
  (``gin_trgm_ops``) serves for terms of 3 characters or more; shorter ones are the same ILIKE
  without the index. (Django's ``icontains`` writes ``UPPER(text) LIKE UPPER(…)``, which that
  index cannot serve, hence an explicit ILIKE.)

``snippets`` gives each found report a short passage of its text with the terms marked
(``<mark>``, everything else escaped), read with one query for a page of results.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import BooleanField, F, Func, IntegerField, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Greatest, Lower, StrIndex, Substr
from django.db.models.lookups import In
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from hyoka.web.reports.folding import fold, term_year
from hyoka.web.reports.models import Bureau, Ministry, PublishedSearchText, Report, SearchText

__all__ = [
    "MAX_QUERY_CHARS",
    "MIN_INDEXED_CHARS",
    "SNIPPET_AFTER",
    "SNIPPET_BEFORE",
    "SearchQuery",
    "parse_query",
    "search_reports",
    "search_terms",
    "search_visible",
    "snippet",
    "snippets",
]

MIN_INDEXED_CHARS = 3
"""A trigram index serves terms of at least this many characters."""
MIN_NAME_CHARS = 2
"""A term this long or longer also finds the reports of the ministries and bureaus it names."""
MAX_QUERY_CHARS = 200
"""Longer queries are cut: a search box is not a document upload."""
MAX_VOCABULARY_TRIGRAMS = 3000
"""A 2-character term that begins more distinct trigrams than this (no real pair does: about
50 on 10,000 reports) is matched with LIKE rather than an FTS query of that many alternatives."""
WALK_ABOVE = 500
"""From this many text matches on, a page is read by walking the reports newest first (``_in_ids``)."""
SNIPPET_BEFORE = 30
SNIPPET_AFTER = 70
"""A snippet: this many characters of the text before the first term found, and after its start."""
SNIPPET_TERMS = 4
"""A snippet is looked for around the first of this many text terms found (the first that is)."""


@dataclass(frozen=True)
class SearchQuery:
    """A query as the search reads it: its text terms (folded) and the fiscal years it names."""

    terms: tuple[str, ...]
    years: tuple[int, ...]

    def __bool__(self) -> bool:
        return bool(self.terms or self.years)


def search_terms(q: str) -> list[str]:
    """The terms of a query: folded (NFKC), split on white space (full-width too), control
    characters dropped, duplicates removed, cut to ``MAX_QUERY_CHARS``."""
    text = "".join(" " if unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp"} else ch for ch in q)
    return list(dict.fromkeys(fold(text[:MAX_QUERY_CHARS]).split()))


def parse_query(q: str) -> SearchQuery:
    """The text terms and the fiscal years of a query: 「ＴＰＰ 令和2年度」 → (TPP,), (2020,)."""
    terms: list[str] = []
    years: list[int] = []
    for term in search_terms(q):
        year = term_year(term)
        if year is None:
            terms.append(term)
        elif year not in years:
            years.append(year)
    return SearchQuery(tuple(terms), tuple(years))


def _fts_phrase(term: str) -> str:
    """One term as an FTS5 phrase: in double quotes, a double quote written twice."""
    return '"' + term.replace('"', '""') + '"'


@dataclass(frozen=True)
class _Pair:
    """What the trigram index knows of a 2-character term: the indexed trigrams that begin with
    it (None: too many for one query), and whether one of them is in every indexed text."""

    trigrams: list[str] | None
    everywhere: bool


_VOCABULARY: OrderedDict[tuple[str, str], tuple[Any, _Pair]] = OrderedDict()
"""Recent 2-character terms, per table, with the newest ``Report.updated_at`` they were read at
(this process's; at most ``VOCABULARY_MEMO`` terms)."""
VOCABULARY_MEMO = 2000


def _pair(table: str, term: str) -> _Pair:
    """The indexed trigrams of ``table`` that begin with the 2-character ``term`` (none: no text
    contains it). The trigram tokenizer folds case; so does the lookup.

    The vocabulary table counts each trigram's documents as it lists it (5 ms for a pair as common
    as 協力), so what it says is kept until a report changes: any save, publication or withdrawal
    moves the newest ``updated_at``. A trigram whose last text was deleted meanwhile only makes the
    FTS query ask for something no text holds (the list is never short of one); ``everywhere``,
    read with the number of indexed texts, is then false at worst, never wrongly true."""
    folded = term.lower()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(updated_at) FROM {Report._meta.db_table}")
        stamp = cursor.fetchone()[0]
        kept = _VOCABULARY.get((table, folded))
        if kept is not None and kept[0] == stamp:
            _VOCABULARY.move_to_end((table, folded))
            return kept[1]
        cursor.execute(
            f"SELECT term, doc FROM {table}_vocab WHERE term >= %s AND term < %s LIMIT %s",
            [folded, folded + "\U0010ffff", MAX_VOCABULARY_TRIGRAMS + 1],
        )
        rows = cursor.fetchall()
        cursor.execute(f"SELECT COUNT(*) FROM {table}_docsize")
        texts = cursor.fetchone()[0]
    found = _Pair(
        None if len(rows) > MAX_VOCABULARY_TRIGRAMS else [row[0] for row in rows],
        texts > 0 and any(doc == texts for _term, doc in rows),
    )
    _VOCABULARY[(table, folded)] = (stamp, found)
    while len(_VOCABULARY) > VOCABULARY_MEMO:
        _VOCABULARY.popitem(last=False)
    return found


def _like_pattern(term: str) -> str:
    """``%term%`` for LIKE/ILIKE with ``\\`` as escape: the term's own ``\\ % _`` are literal."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class _ILike(Func):
    """``lhs ILIKE pattern`` (PostgreSQL): case-insensitive, and served by a gin_trgm_ops index."""

    arg_joiner = " ILIKE "
    template = "%(expressions)s"
    output_field = BooleanField()


def _named(terms: Iterable[str]) -> dict[str, Q]:
    """For each term of 2 characters or more that is part of a ministry's or a bureau's name
    (folded, case ignored), the reports of those ministries and bureaus (one character, 「局」 or
    「省」, would name them all). The two tables are small (tens of rows)."""
    wanted = [t for t in terms if len(t) >= MIN_NAME_CHARS]
    if not wanted:
        return {}
    ministries = [(pk, fold(name).casefold()) for pk, name in Ministry.objects.values_list("pk", "name")]
    bureaus = [(pk, fold(name).casefold()) for pk, name in Bureau.objects.values_list("pk", "name")]
    found: dict[str, Q] = {}
    for term in wanted:
        key = term.casefold()
        in_ministries = [pk for pk, name in ministries if key in name]
        in_bureaus = [pk for pk, name in bureaus if key in name]
        if in_ministries or in_bureaus:
            found[term] = Q(ministry_id__in=in_ministries) | Q(bureau_id__in=in_bureaus)
    return found


def _fts_ids(table: str, expression: str) -> list[int]:
    """The report ids (FTS rowids) matching an FTS5 expression, read once: the count and the page
    then filter on them instead of running the match twice."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [expression])
        return [row[0] for row in cursor.fetchall()]


def _in_ids(ids: list[int]) -> Q:
    """``pk IN ids`` as one parameter (a JSON array read by ``json_each``), however many ids: a
    parameter per id would make a statement of thousands of placeholders.

    Many ids (a common word, found in most reports) are tested as ``pk + 0 IN …``, which SQLite
    cannot answer from the primary key: it then walks the list's ``(updated_at, id)`` index, newest
    first, and stops at the page's last row, instead of fetching every match and sorting them
    (8,000 matches: about 10 ms → 1 ms). Few ids are fetched by key."""
    subquery: Any = RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])
    if len(ids) < WALK_ABOVE:
        return Q(pk__in=subquery)
    return Q(In(F("pk") + Value(0), subquery))


_EVERYWHERE = "*"
"""``_sqlite_text``: the term is in every indexed text."""


def _sqlite_text(term: str, table: str) -> str | bool:
    """How SQLite matches one text term: an FTS5 expression; ``_EVERYWHERE`` when a trigram of the
    pair is in every indexed text (no doclist to merge: the match is every row of the index); True
    for a LIKE over the text (one character, or a pair beginning too many trigrams); False when no
    text can contain it."""
    if len(term) >= MIN_INDEXED_CHARS:
        return _fts_phrase(term)
    if len(term) != 2:
        return True
    pair = _pair(table, term)
    if pair.trigrams == []:
        return False
    if pair.everywhere:
        return _EVERYWHERE
    if pair.trigrams:
        return "(" + " OR ".join(_fts_phrase(t) for t in pair.trigrams) + ")"
    return True


def _indexed(table: str) -> Q:
    """Every report with a row in the FTS table (its ``_docsize`` shadow table: one small row a
    text), tested as ``pk + 0 IN …`` as many ids are (``_in_ids``)."""
    subquery: Any = RawSQL(f"SELECT id FROM {table}_docsize", [])
    return Q(In(F("pk") + Value(0), subquery))


def _text_conditions(terms: tuple[str, ...], field: str, table: str) -> list[Q] | None:
    """One condition per text term (its text, or its ministry's or bureau's name); None when some
    term can match no report at all."""
    named = _named(terms)
    conditions: list[Q] = []
    if connection.vendor == "sqlite":
        together: list[str] = []
        everywhere = False
        for term in terms:
            how = _sqlite_text(term, table)
            if term in named:
                if how is True:
                    conditions.append(named[term] | Q(**{f"{field}__icontains": term}))
                elif how == _EVERYWHERE:
                    conditions.append(named[term] | _indexed(table))
                elif how:
                    conditions.append(named[term] | _in_ids(_fts_ids(table, str(how))))
                else:
                    conditions.append(named[term])
            elif how is False:
                return None
            elif how is True:
                conditions.append(Q(**{f"{field}__icontains": term}))
            elif how == _EVERYWHERE:
                everywhere = True
            else:
                together.append(str(how))
        if together:
            # the terms no name holds: one FTS query for all of them (a term in every text adds
            # nothing to it)
            conditions.append(_in_ids(_fts_ids(table, " AND ".join(together))))
        elif everywhere:
            conditions.append(_indexed(table))
    elif connection.vendor == "postgresql":
        for term in terms:
            text = Q(_ILike(F(field), Value(_like_pattern(term))))
            conditions.append(named[term] | text if term in named else text)
    else:  # any other database: a plain substring match, no index
        for term in terms:
            text = Q(**{f"{field}__icontains": term})
            conditions.append(named[term] | text if term in named else text)
    return conditions


def search_reports(
    q: str | SearchQuery, queryset: QuerySet[Report], *, published: bool = False
) -> QuerySet[Report]:
    """The reports of ``queryset`` that match every term of ``q``, newest update first;
    ``published`` searches the published revisions' text and year (what the public reads). An
    empty query gives ``queryset`` itself (in the same order)."""
    query = q if isinstance(q, SearchQuery) else parse_query(q)
    found = queryset
    if query.years:
        year = "published_evaluation_year" if published else "evaluation_year"
        found = found.filter(**{f"{year}__in": query.years})
    if query.terms:
        field = "published_search_text__text" if published else "search_text__text"
        table = "reports_search_fts_published" if published else "reports_search_fts"
        conditions = _text_conditions(query.terms, field, table)
        if conditions is None:
            return found.none()
        for condition in conditions:
            found = found.filter(condition)
    return found.order_by("-updated_at", "-pk")


def _nobody(scope: Q) -> bool:
    """Whether a role scope holds no report at all (the public's: ``pk__in=[]``)."""
    return scope.children == [("pk__in", [])] and not scope.negated


def search_visible(q: str | SearchQuery, queryset: QuerySet[Report], scope: Q) -> QuerySet[Report]:
    """Search as a user sees: the current text of the reports in their ``scope`` (their role's
    drafts), the published text of every other published report."""
    query = q if isinstance(q, SearchQuery) else parse_query(q)
    if not query:
        return queryset.order_by("-updated_at", "-pk")
    public = search_reports(
        query, queryset.filter(published_revision__isnull=False).exclude(scope), published=True
    )
    if _nobody(scope):
        return public
    if not scope:  # everything in scope (an admin): the current text of every report
        return search_reports(query, queryset)
    current = search_reports(query, queryset.filter(scope)).values("pk")
    return queryset.filter(Q(pk__in=current) | Q(pk__in=public.values("pk"))).order_by("-updated_at", "-pk")


# --- snippets -------------------------------------------------------------------------------------


def snippet(window: str, terms: Iterable[str], *, cut_before: bool, cut_after: bool) -> SafeString:
    """A passage as HTML: every occurrence of a term marked (case ignored), the rest escaped, line
    breaks as spaces, 「…」 where the passage was cut from a longer text."""
    wanted = sorted({t for t in terms if t}, key=len, reverse=True)
    text = window.replace("\r", " ").replace("\n", " ")
    parts: list[str] = ["…"] if cut_before else []
    if wanted:
        pattern = re.compile("|".join(re.escape(t) for t in wanted), re.IGNORECASE)
        position = 0
        for match in pattern.finditer(text):
            parts.append(escape(text[position : match.start()]))
            parts.append(f"<mark>{escape(match.group(0))}</mark>")
            position = match.end()
        parts.append(escape(text[position:]))
    else:
        parts.append(escape(text))
    if cut_after:
        parts.append("…")
    return mark_safe("".join(parts))


def _windows(
    texts: type[SearchText] | type[PublishedSearchText], ids: list[int], terms: tuple[str, ...]
) -> dict[int, SafeString]:
    """The snippets of the reports ``ids`` from their text in ``texts`` (the current revisions' or
    the published ones'), around the first of the terms found in it: one query, the database cuts
    the passages."""
    column = "text"
    if not ids or not terms:
        return {}
    names = [f"w{i}" for i in range(len(terms))]
    annotations: dict[str, Any] = {}
    for name, term in zip(names, terms, strict=True):
        # lower-casing 18,000 characters a text costs more than the search: only for a term with case
        cased = term.lower() != term.upper()
        haystack = Lower(F(column)) if cased else F(column)
        annotations[f"{name}_at"] = StrIndex(haystack, Value(term.lower() if cased else term))
        annotations[name] = Substr(
            F(column),
            Greatest(F(f"{name}_at") - SNIPPET_BEFORE, Value(1), output_field=IntegerField()),
            SNIPPET_BEFORE + SNIPPET_AFTER,
        )
    rows = (
        texts.objects.filter(report_id__in=ids)
        .annotate(**annotations)
        .values_list("report_id", *(f"{n}_at" for n in names), *names)
    )
    found: dict[int, SafeString] = {}
    for report_id, *values in rows:
        places, windows = values[: len(names)], values[len(names) :]
        for at, window in zip(places, windows, strict=True):
            if at:
                start = max(at - SNIPPET_BEFORE, 1)
                found[report_id] = snippet(
                    window,
                    terms,
                    cut_before=start > 1,
                    cut_after=len(window) == SNIPPET_BEFORE + SNIPPET_AFTER,
                )
                break
    return found


def snippets(q: str | SearchQuery, current: list[int], published: list[int]) -> dict[int, SafeString]:
    """For each found report, a passage of its text with the query's terms marked: ``current``
    the ids whose current text the user reads, ``published`` those read in their published text.
    A report found by its year or its bureau's name alone has none."""
    query = q if isinstance(q, SearchQuery) else parse_query(q)
    terms = query.terms[:SNIPPET_TERMS]
    return {**_windows(PublishedSearchText, published, terms), **_windows(SearchText, current, terms)}
