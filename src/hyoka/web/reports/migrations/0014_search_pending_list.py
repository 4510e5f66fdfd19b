"""PostgreSQL: the trigram indexes' pending lists 32 MB instead of the server's 4 MB.

A save rewrites its report's row of ``reports_searchtext``, so every trigram of its text goes into
the GIN indexes' pending list; the save that fills the list merges it into the index and waits for
that (the seconds-long maximum of the write benchmark, docs/performance.md, "Writes"). A larger list
is merged less often; a 256 kB list was tried and halved the benchmark's throughput (a merge every few
saves). SQLite (FTS5) has no such list: its merges are set in 0015.
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
