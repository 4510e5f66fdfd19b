"""Import findings kept with their report until someone marks them resolved (``OpenFinding``).
Reports imported before this keep the import findings their projection still holds: those are
copied, as findings of the report's current revision."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def keep_existing(apps, schema_editor):
    FindingFact = apps.get_model("reports", "FindingFact")
    OpenFinding = apps.get_model("reports", "OpenFinding")
    Report = apps.get_model("reports", "Report")
    revisions = dict(
        Report.objects.filter(current_revision__isnull=False).values_list("pk", "current_revision_id")
    )
    rows = FindingFact.objects.filter(code__startswith="H9").order_by("report_id", "id")
    OpenFinding.objects.bulk_create(
        OpenFinding(
            report_id=f.report_id,
            revision_id=revisions[f.report_id],
            code=f.code,
            severity=f.severity,
            location=f.location,
            message=f.message,
            message_en=f.message_en,
        )
        for f in rows.iterator(chunk_size=1000)
        if f.report_id in revisions
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0009_schema_2"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="OpenFinding",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.CharField(max_length=8)),
                ("severity", models.CharField(max_length=8)),
                ("location", models.CharField(max_length=300)),
                ("message", models.TextField()),
                ("message_en", models.TextField()),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("resolved_at", models.DateTimeField(blank=True, null=True)),
                (
                    "report",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="open_findings",
                        to="reports.report",
                    ),
                ),
                (
                    "resolved_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "revision",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="reports.revision"
                    ),
                ),
            ],
            options={
                "ordering": ["report", "id"],
                "indexes": [models.Index(fields=["report", "resolved_at"], name="open_finding_report_idx")],
            },
        ),
        migrations.RunPython(keep_existing, migrations.RunPython.noop),
    ]
