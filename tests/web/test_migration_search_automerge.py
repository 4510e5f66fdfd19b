"""Migration 0015: SQLite's FTS5 search tables merge in larger steps (``automerge`` 8), and back to
FTS5's default (PostgreSQL has no FTS5: the test is SQLite's). Run on the real database through
Django's migration executor; the setting is read back from each table's ``_config`` row."""

from __future__ import annotations

import pytest
from django.db import connection

from .migrating import migrate, migrate_to_latest

TABLES = ("reports_search_fts", "reports_search_fts_published")


def _automerge() -> dict[str, object]:
    with connection.cursor() as cursor:
        found: dict[str, object] = {}
        for table in TABLES:
            cursor.execute(f"SELECT v FROM {table}_config WHERE k = 'automerge'")
            row = cursor.fetchone()
            found[table] = row[0] if row else None
        return found


@pytest.mark.django_db(transaction=True)
def test_search_tables_merge_in_larger_steps() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("FTS5 is SQLite's; PostgreSQL's trigram indexes have no automerge")
    try:
        assert _automerge() == {table: 8 for table in TABLES}
        migrate([("reports", "0014_search_pending_list")])
        assert _automerge() == {table: 4 for table in TABLES}
    finally:
        migrate_to_latest()
    assert _automerge() == {table: 8 for table in TABLES}
