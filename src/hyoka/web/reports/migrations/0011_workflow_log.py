"""The record of deleted reports (``DeletionLog``): a report an admin deletes keeps its trace."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0010_open_findings"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="DeletionLog",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("report_id", models.IntegerField()),
                ("ministry", models.CharField(max_length=100)),
                ("bureau", models.CharField(blank=True, default="", max_length=100)),
                ("measure_number", models.CharField(max_length=32)),
                ("evaluation_year", models.IntegerField()),
                ("title", models.CharField(max_length=300)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "作成中"),
                            ("submitted", "提出済"),
                            ("returned", "差戻し"),
                            ("approved", "承認済"),
                            ("published", "公表済"),
                        ],
                        max_length=16,
                    ),
                ),
                ("revisions", models.PositiveIntegerField()),
                ("data", models.JSONField()),
                ("at", models.DateTimeField(auto_now_add=True)),
                ("reason", models.TextField()),
                (
                    "actor",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={"ordering": ["at", "id"]},
        ),
    ]
