"""SQLite: the FTS5 search tables merge their segments in larger steps (``automerge`` 8, FTS5's
default is 4).

A save replaces its report's row of ``reports_search_fts`` (about 18,000 characters of narrative in
the write benchmark's corpus): FTS5 writes the new row's trigrams as a small segment and, with
``automerge`` 4, merges four segments of a level as soon as they exist, so one save rewrote about
1.7 MB of index pages (measured on a copy of the 10,000-report corpus, the commit then took ~15 ms
of the save, inside SQLite's single write lock). With 8, the merges come half as often for about
0.6 MB a save, and a search reads a few more segments (docs/performance.md, "Writes" and "Web").
The setting is kept in each table's ``_config`` row, so it lasts across connections. PostgreSQL
(pg_trgm GIN indexes) has no such setting: nothing to do there.
"""

from django.db import migrations

TABLES = ("reports_search_fts", "reports_search_fts_published")
AUTOMERGE = 8
FTS5_DEFAULT = 4


def _automerge(schema_editor, value: int) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    for table in TABLES:
        schema_editor.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('automerge', {value})")


def larger_merges(apps, schema_editor):
    _automerge(schema_editor, AUTOMERGE)


def default_merges(apps, schema_editor):
    _automerge(schema_editor, FTS5_DEFAULT)


class Migration(migrations.Migration):
    dependencies = [("reports", "0014_search_pending_list")]
    operations = [migrations.RunPython(larger_merges, default_merges)]
