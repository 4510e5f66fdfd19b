"""The published revision's measure number and evaluation year, kept beside the current ones so
that everything public reads the published revision only (a correction in progress may change
both). Filled for the reports published before this migration from their published revision."""

from django.db import migrations, models


def fill(apps, schema_editor):
    Report = apps.get_model("reports", "Report")
    Revision = apps.get_model("reports", "Revision")
    published = Report.objects.filter(published_revision__isnull=False)
    for report in published.only("pk", "published_revision_id").iterator(chunk_size=500):
        data = Revision.objects.values_list("data", flat=True).get(pk=report.published_revision_id)
        Report.objects.filter(pk=report.pk).update(
            published_measure_number=str(data.get("measure_number", ""))[:32],
            published_evaluation_year=data.get("evaluation_year"),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0006_search_pairs"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="published_measure_number",
            field=models.CharField(blank=True, default="", max_length=32),
        ),
        migrations.AddField(
            model_name="report",
            name="published_evaluation_year",
            field=models.IntegerField(blank=True, null=True),
        ),
        migrations.AddIndex(
            model_name="report",
            index=models.Index(
                fields=["ministry", "published_measure_number", "published_evaluation_year"],
                name="report_published_measure_idx",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
