"""Schema 2 of the document model (docs/model.md): every stored revision is rewritten to say
``"schema_version": "2"`` (version 1 documents are version 2 documents with every new part empty,
so nothing else changes); reports get their document kind; indicator ids as written in any
ministry's numbering are longer than the old ``1-3`` form, so their column widens."""

from django.db import migrations, models

CURRENT = "2"


def upgrade(apps, schema_editor):
    Report = apps.get_model("reports", "Report")
    Revision = apps.get_model("reports", "Revision")
    old = Revision.objects.exclude(data__schema_version=CURRENT)
    for revision in old.only("pk", "data").iterator(chunk_size=500):
        data = dict(revision.data)
        data["schema_version"] = CURRENT
        Revision.objects.filter(pk=revision.pk).update(data=data)
    for report in (
        Report.objects.filter(current_revision__isnull=False)
        .only("pk", "current_revision_id")
        .iterator(chunk_size=500)
    ):
        data = Revision.objects.values_list("data", flat=True).get(pk=report.current_revision_id)
        kind = str(data.get("kind") or "評価書")[:16]
        if kind != "評価書":
            Report.objects.filter(pk=report.pk).update(kind=kind)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0008_rendered_file"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="kind",
            field=models.CharField(default="評価書", max_length=16),
        ),
        migrations.AlterField(
            model_name="indicatorfact",
            name="indicator_id",
            field=models.CharField(max_length=64),
        ),
        migrations.RunPython(upgrade, migrations.RunPython.noop),
    ]
