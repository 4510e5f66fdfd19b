"""Migration 0012 (search folding, issue 11): the search texts stored before are folded (NFKC) as
every query is, and SQLite's FTS5 tables are built again from them, so ＴＰＰ stored in full width is
found as TPP. Run on the real database (SQLite or PostgreSQL) through Django's migration executor,
backwards to 0011 and forwards again."""

from __future__ import annotations

import pytest
from django.db import connection

from .migrating import migrate as _migrate
from .migrating import migrate_to_latest

BEFORE = [("reports", "0011_workflow_log")]
AFTER = [("reports", "0012_search_folding")]


def _fts(table: str, term: str) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [f'"{term}"'])
        return sorted(row[0] for row in cursor.fetchall())


@pytest.mark.django_db(transaction=True)
def test_stored_texts_are_folded_and_indexed_again() -> None:
    old = _migrate(BEFORE)
    Ministry = old.get_model("reports", "Ministry")
    Report = old.get_model("reports", "Report")
    SearchText = old.get_model("reports", "SearchText")
    ministry = Ministry.objects.create(name="外務省")
    texts = {
        "I-2": ("北米地域外交\nＴＰＰ１１とｶﾅﾀﾞ\n", "北米地域外交\nＴＰＰ\n"),
        "I-3": ("欧州地域外交\nTPP\n", ""),  # already folded: left as it is
    }
    ids = {}
    for measure, (text, published) in texts.items():
        report = Report.objects.create(
            ministry=ministry, measure_number=measure, evaluation_year=2020, title="x"
        )
        SearchText.objects.create(report=report, text=text, published_text=published)
        ids[measure] = report.pk
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(
                    "INSERT INTO reports_search_fts (rowid, text, report_id) VALUES (%s, %s, %s)",
                    [report.pk, text, report.pk],
                )
    try:
        if connection.vendor == "sqlite":
            assert _fts("reports_search_fts", "TPP") == [ids["I-3"]]
        new = _migrate(AFTER)
        SearchText = new.get_model("reports", "SearchText")
        stored = {m: SearchText.objects.get(report_id=pk) for m, pk in ids.items()}
        assert (stored["I-2"].text, stored["I-2"].published_text) == (
            "北米地域外交\nTPP11とカナダ\n",
            "北米地域外交\nTPP\n",
        )
        assert (stored["I-3"].text, stored["I-3"].published_text) == ("欧州地域外交\nTPP\n", "")
        if connection.vendor == "sqlite":
            assert _fts("reports_search_fts", "TPP") == sorted(ids.values())
            assert _fts("reports_search_fts", "カナダ") == [ids["I-2"]]
            with connection.cursor() as cursor:
                cursor.execute("SELECT term FROM reports_search_fts_vocab WHERE term = %s", ["カナダ"])
                assert cursor.fetchall() == [("カナダ",)]
    finally:
        migrate_to_latest()
