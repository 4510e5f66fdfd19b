"""Japanese full-text search over the reports' narratives (``SearchText``), as docs/design.md says.

* SQLite: the FTS5 table ``reports_search_fts`` with the trigram tokenizer (migration 0002). A
  trigram index matches terms of 3 characters or more directly. A 2-character term (日米) is found
  through the index's vocabulary (``…_vocab``, migration 0006): a text contains 日米 exactly when
  one of its trigrams begins with 日米 (the stored text ends with a line break, so a term at its
  very end has one too), so the term becomes the FTS query 「"日米a" OR "日米b" OR …」 over the
  trigrams the vocabulary lists. 1-character terms fall back to a LIKE over ``SearchText.text``.
* PostgreSQL: ``ILIKE '%term%'`` over ``SearchText.text``, which the pg_trgm GIN index
  (``gin_trgm_ops``) serves for terms of 3 characters or more; shorter ones are the same ILIKE
  without the index. (Django's ``icontains`` writes ``UPPER(text) LIKE UPPER(…)``, which that
  index cannot serve, hence an explicit ILIKE.)

A query is split on white space into terms; a report must contain every term (AND). Each term is
matched as a literal substring: quotes, ``*``, ``%``, ``_`` and SQL have no special meaning.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.db import connection
from django.db.models import BooleanField, F, Func, Q, QuerySet, Value
from django.db.models.expressions import RawSQL

from hyoka.web.reports.models import Report

__all__ = ["MAX_QUERY_CHARS", "MIN_INDEXED_CHARS", "search_reports", "search_terms", "search_visible"]

MIN_INDEXED_CHARS = 3
"""A trigram index serves terms of at least this many characters."""
MAX_QUERY_CHARS = 200
"""Longer queries are cut: a search box is not a document upload."""
MAX_VOCABULARY_TRIGRAMS = 3000
"""A 2-character term that begins more distinct trigrams than this (no real pair does: about
50 on 10,000 reports) is matched with LIKE rather than an FTS query of that many alternatives."""


def search_terms(q: str) -> list[str]:
    """The terms of a query: split on white space (full-width too), control characters dropped,
    duplicates removed, cut to ``MAX_QUERY_CHARS``."""
    text = "".join(" " if unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp"} else ch for ch in q)
    return list(dict.fromkeys(text[:MAX_QUERY_CHARS].split()))


def _fts_phrase(term: str) -> str:
    """One term as an FTS5 phrase: in double quotes, a double quote written twice."""
    return '"' + term.replace('"', '""') + '"'


def _pair_trigrams(table: str, term: str) -> list[str] | None:
    """The indexed trigrams of ``table`` that begin with the 2-character ``term`` (none: no text
    contains it), or None when there are too many for one query. The trigram tokenizer folds
    case; so does the lookup."""
    folded = term.lower()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT term FROM {table}_vocab WHERE term >= %s AND term < %s LIMIT %s",
            [folded, folded + "\U0010ffff", MAX_VOCABULARY_TRIGRAMS + 1],
        )
        trigrams = [row[0] for row in cursor.fetchall()]
    return None if len(trigrams) > MAX_VOCABULARY_TRIGRAMS else trigrams


def _like_pattern(term: str) -> str:
    """``%term%`` for LIKE/ILIKE with ``\\`` as escape: the term's own ``\\ % _`` are literal."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class _ILike(Func):
    """``lhs ILIKE pattern`` (PostgreSQL): case-insensitive, and served by a gin_trgm_ops index."""

    arg_joiner = " ILIKE "
    template = "%(expressions)s"
    output_field = BooleanField()


def search_reports(q: str, queryset: QuerySet[Report], *, published: bool = False) -> QuerySet[Report]:
    """The reports of ``queryset`` whose narratives contain every term of ``q``, newest update
    first; ``published`` searches the published revisions' text (what the public reads). An
    empty query gives ``queryset`` itself (in the same order)."""
    terms = search_terms(q)
    if not terms:
        return queryset.order_by("-updated_at", "-pk")
    field = "search_text__published_text" if published else "search_text__text"
    table = "reports_search_fts_published" if published else "reports_search_fts"
    found = queryset
    if connection.vendor == "sqlite":
        matches: list[str] = []
        scanned: list[str] = []
        for term in terms:
            trigrams = _pair_trigrams(table, term) if len(term) == 2 else None
            if len(term) >= MIN_INDEXED_CHARS:
                matches.append(_fts_phrase(term))
            elif trigrams == []:
                return found.none()
            elif trigrams:
                matches.append("(" + " OR ".join(_fts_phrase(t) for t in trigrams) + ")")
            else:
                scanned.append(term)
        if matches:
            # the rowid is the report's id: reading it needs no row of the (long) text itself
            ids: Any = RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [" AND ".join(matches)])
            found = found.filter(pk__in=ids)
        for term in scanned:
            found = found.filter(**{f"{field}__icontains": term})
    elif connection.vendor == "postgresql":
        for term in terms:
            found = found.filter(_ILike(F(field), Value(_like_pattern(term))))
    else:  # any other database: a plain substring match, no index
        for term in terms:
            found = found.filter(**{f"{field}__icontains": term})
    return found.order_by("-updated_at", "-pk")


def search_visible(q: str, queryset: QuerySet[Report], scope: Q) -> QuerySet[Report]:
    """Search as a user sees: the current text of the reports in their ``scope`` (their role's
    drafts), the published text of every other published report."""
    if not search_terms(q):
        return queryset.order_by("-updated_at", "-pk")
    current = search_reports(q, queryset.filter(scope)).values("pk")
    public = search_reports(
        q, queryset.filter(published_revision__isnull=False).exclude(scope), published=True
    )
    return queryset.filter(Q(pk__in=current) | Q(pk__in=public.values("pk"))).order_by("-updated_at", "-pk")
