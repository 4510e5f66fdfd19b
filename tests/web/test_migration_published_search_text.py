"""Migration 0013: the public's search text moves to a table of its own (``PublishedSearchText``),
as it was, and back. Run on the real database (SQLite or PostgreSQL) through Django's migration
executor, backwards to 0012 and forwards again; on PostgreSQL the new table has its trigram index."""

from __future__ import annotations

import pytest
from django.db import connection

from .migrating import migrate, migrate_to_latest

BEFORE = [("reports", "0012_search_folding")]
AFTER = [("reports", "0013_published_search_text")]


def _indexes(table: str) -> list[str]:
    with connection.cursor() as cursor:
        return sorted(
            name
            for name, info in connection.introspection.get_constraints(cursor, table).items()
            if info["index"] and name.endswith("_trgm")
        )


@pytest.mark.django_db(transaction=True)
def test_published_texts_move_to_their_table_and_back() -> None:
    old = migrate(BEFORE)
    Ministry = old.get_model("reports", "Ministry")
    Report = old.get_model("reports", "Report")
    SearchText = old.get_model("reports", "SearchText")
    ministry = Ministry.objects.create(name="外務省")
    texts = {"I-2": ("北米地域外交 改訂中\n", "北米地域外交\n"), "I-3": ("欧州地域外交\n", "")}
    ids = {}
    for measure, (text, published) in texts.items():
        report = Report.objects.create(
            ministry=ministry, measure_number=measure, evaluation_year=2020, title="x"
        )
        SearchText.objects.create(report=report, text=text, published_text=published)
        ids[measure] = report.pk
    try:
        new = migrate(AFTER)
        current = new.get_model("reports", "SearchText")
        public = new.get_model("reports", "PublishedSearchText")
        assert sorted(current.objects.values_list("report_id", "text")) == [
            (ids["I-2"], "北米地域外交 改訂中\n"),
            (ids["I-3"], "欧州地域外交\n"),
        ]
        assert list(public.objects.values_list("report_id", "text")) == [(ids["I-2"], "北米地域外交\n")]
        if connection.vendor == "postgresql":
            assert _indexes("reports_searchtext") == ["reports_searchtext_trgm"]
            assert _indexes("reports_publishedsearchtext") == ["reports_publishedsearchtext_trgm"]
        back = migrate(BEFORE)
        SearchText = back.get_model("reports", "SearchText")
        assert sorted(SearchText.objects.values_list("report_id", "text", "published_text")) == [
            (ids["I-2"], "北米地域外交 改訂中\n", "北米地域外交\n"),
            (ids["I-3"], "欧州地域外交\n", ""),
        ]
    finally:
        migrate_to_latest()
