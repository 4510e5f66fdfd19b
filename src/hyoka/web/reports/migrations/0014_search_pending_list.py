"""PostgreSQL: the trigram indexes' pending lists kept small (256 kB instead of the server's 4 MB).

A save rewrites its report's row of ``reports_searchtext``, so every trigram of its text goes into
the GIN indexes' pending list; the save that fills the list merges it into the index and waits for
that. With 4 MB that wait was a few hundred milliseconds once in a few dozen saves, the tail of the
write benchmark (docs/performance.md, "Writes"); a small list is merged more often and briefly.
SQLite (FTS5) has no such list: nothing to do there.
"""

from django.db import migrations

INDEXES = ("reports_searchtext_trgm", "reports_publishedsearchtext_trgm")
LIMIT_KB = 32768


def limit(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index in INDEXES:
            schema_editor.execute(f"ALTER INDEX {index} SET (gin_pending_list_limit = {LIMIT_KB})")


def unlimit(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index in INDEXES:
            schema_editor.execute(f"ALTER INDEX {index} RESET (gin_pending_list_limit)")


class Migration(migrations.Migration):
    dependencies = [("reports", "0013_published_search_text")]
    operations = [migrations.RunPython(limit, unlimit)]
