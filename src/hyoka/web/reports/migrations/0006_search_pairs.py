"""2-character search through the trigram index's vocabulary (SQLite): the vocabulary tables, and
the indexed texts ending with a line break (so a term at the very end of a text has a trigram)."""

from django.db import migrations

TABLES = ("reports_search_fts", "reports_search_fts_published")


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for column in ("text", "published_text"):
            cursor.execute(
                f"UPDATE reports_searchtext SET {column} = {column} || %s "
                f"WHERE {column} != '' AND {column} NOT LIKE %s",
                ["\n", "%\n"],
            )
        if connection.vendor != "sqlite":
            return
        # built again rather than emptied: deleting every row of an FTS5 table unindexes each one,
        # which takes as long as indexing it
        for table, rows in (
            ("reports_search_fts", "SELECT report_id, text, report_id FROM reports_searchtext"),
            (
                "reports_search_fts_published",
                "SELECT s.report_id, s.published_text, s.report_id FROM reports_searchtext s "
                "JOIN reports_report r ON r.id = s.report_id WHERE r.published_revision_id IS NOT NULL",
            ),
        ):
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
            cursor.execute(
                f"CREATE VIRTUAL TABLE {table} USING fts5(text, report_id UNINDEXED, tokenize='trigram')"
            )
            cursor.execute(f"INSERT INTO {table} (rowid, text, report_id) {rows}")
            cursor.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {table}_vocab USING fts5vocab({table}, row)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for table in TABLES:
            schema_editor.execute(f"DROP TABLE IF EXISTS {table}_vocab")


class Migration(migrations.Migration):
    dependencies = [("reports", "0005_portfolio")]

    operations = [migrations.RunPython(forwards, backwards)]
