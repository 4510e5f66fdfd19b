"""Search folding (docs/search.md): the stored search texts become NFKC, as every query is folded
(ＴＰＰ finds TPP, ｶﾅﾀﾞ finds カナダ), and SQLite's FTS5 tables are built again from them. Texts
already folded are left as they are; nothing else changes. Backwards: nothing to undo (a folded text
is what a search of the older code finds less in, never loses a report)."""

import unicodedata

from django.db import migrations

BATCH = 500


def _fold(text):
    # the rule of hyoka.web.reports.folding.fold, written out: a migration keeps the rule of its day
    return unicodedata.normalize("NFKC", text)


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    changed = 0
    last = 0
    with connection.cursor() as cursor:
        while True:
            cursor.execute(
                "SELECT id, text, published_text FROM reports_searchtext WHERE id > %s ORDER BY id LIMIT %s",
                [last, BATCH],
            )
            rows = cursor.fetchall()
            if not rows:
                break
            last = rows[-1][0]
            updates = [
                (_fold(text), _fold(published), pk)
                for pk, text, published in rows
                if _fold(text) != text or _fold(published) != published
            ]
            if updates:
                cursor.executemany(
                    "UPDATE reports_searchtext SET text = %s, published_text = %s WHERE id = %s", updates
                )
                changed += len(updates)
        if connection.vendor != "sqlite" or not changed:
            return
        # built again rather than updated row by row: deleting an FTS5 row unindexes it, which takes
        # as long as indexing it (as in 0006_search_pairs)
        for table, rows_sql in (
            ("reports_search_fts", "SELECT report_id, text, report_id FROM reports_searchtext"),
            (
                "reports_search_fts_published",
                "SELECT s.report_id, s.published_text, s.report_id FROM reports_searchtext s "
                "JOIN reports_report r ON r.id = s.report_id WHERE r.published_revision_id IS NOT NULL",
            ),
        ):
            cursor.execute(f"DROP TABLE IF EXISTS {table}_vocab")
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
            cursor.execute(
                f"CREATE VIRTUAL TABLE {table} USING fts5(text, report_id UNINDEXED, tokenize='trigram')"
            )
            cursor.execute(f"INSERT INTO {table} (rowid, text, report_id) {rows_sql}")
            cursor.execute(f"CREATE VIRTUAL TABLE {table}_vocab USING fts5vocab({table}, row)")


class Migration(migrations.Migration):
    dependencies = [("reports", "0011_workflow_log")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
