"""The public's search text in a table of its own (``PublishedSearchText``), out of ``SearchText``.

On PostgreSQL a save rewrote the report's ``SearchText`` row, and with it put every trigram of the
published text into its GIN index again, although that text had not changed: half the index work of
a save of a published report's correction (docs/performance.md, "Writes"). The texts are moved as
they are; SQLite's FTS5 tables (built from the texts) are unchanged.
"""

from django.db import migrations, models

BATCH = 500


def move(apps, schema_editor):
    SearchText = apps.get_model("reports", "SearchText")
    PublishedSearchText = apps.get_model("reports", "PublishedSearchText")
    rows = SearchText.objects.exclude(published_text="").values_list("report_id", "published_text")
    batch = []
    for report_id, text in rows.iterator(chunk_size=BATCH):
        batch.append(PublishedSearchText(report_id=report_id, text=text))
        if len(batch) == BATCH:
            PublishedSearchText.objects.bulk_create(batch)
            batch = []
    PublishedSearchText.objects.bulk_create(batch)


def move_back(apps, schema_editor):
    SearchText = apps.get_model("reports", "SearchText")
    PublishedSearchText = apps.get_model("reports", "PublishedSearchText")
    for row in PublishedSearchText.objects.iterator(chunk_size=BATCH):
        SearchText.objects.filter(report_id=row.report_id).update(published_text=row.text)


def index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS reports_publishedsearchtext_trgm ON reports_publishedsearchtext "
            "USING gin (text gin_trgm_ops)"
        )


def unindex(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS reports_publishedsearchtext_trgm")


def old_index(apps, schema_editor):
    """Backwards, once the column is back: its index as migration 0003 made it."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS reports_searchtext_published_trgm ON reports_searchtext "
            "USING gin (published_text gin_trgm_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [("reports", "0012_search_folding")]
    operations = [
        migrations.CreateModel(
            name="PublishedSearchText",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("text", models.TextField()),
                (
                    "report",
                    models.OneToOneField(
                        on_delete=models.deletion.CASCADE,
                        related_name="published_search_text",
                        to="reports.report",
                    ),
                ),
            ],
        ),
        migrations.RunPython(move, move_back),
        migrations.RunPython(migrations.RunPython.noop, old_index),
        # dropping the column drops its trigram index (PostgreSQL) with it
        migrations.RemoveField(model_name="searchtext", name="published_text"),
        migrations.RunPython(index, unindex),
    ]
