"""`make run`: the sample as a published report and one demo person per role (idempotent)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from hyoka.services import import_data
from hyoka.web.reports import storage
from hyoka.web.reports.models import Bureau, Membership, Ministry, Report, Role

DEMO_PASSWORD = "hyoka-demo-2026"
DEMO_PEOPLE = [
    ("editor", Role.EDITOR, "外務省", "北米局"),
    ("reviewer", Role.REVIEWER, "外務省", None),
    ("expert", Role.EXPERT, "外務省", None),
    ("viewer", Role.VIEWER, "外務省", None),
    ("admin", Role.ADMIN, None, None),
]


class Command(BaseCommand):
    help = "Load the bundled sample (published) and demo users; print the logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("sample", type=Path)

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        for name, role, ministry_name, bureau_name in DEMO_PEOPLE:
            if User.objects.filter(username=name).exists():
                continue
            user = User.objects.create_user(name, password=DEMO_PASSWORD, is_superuser=role == Role.ADMIN)
            ministry = Ministry.objects.get_or_create(name=ministry_name)[0] if ministry_name else None
            bureau = (
                Bureau.objects.get_or_create(ministry=ministry, name=bureau_name)[0] if bureau_name else None
            )
            Membership.objects.create(user=user, role=role, ministry=ministry, bureau=bureau)
        sample: Path = options["sample"]
        result = import_data(sample.read_bytes(), name=sample.name)
        model = result.report
        if not Report.objects.filter(
            measure_number=model.measure_number, evaluation_year=model.evaluation_year
        ).exists():
            editor, reviewer = User.objects.get(username="editor"), User.objects.get(username="reviewer")
            report = storage.create_report(model, editor, f"取込: {sample.name}")
            for action, who in (("submit", editor), ("approve", reviewer), ("publish", reviewer)):
                storage.transition(report.pk, action, who)
        self.stdout.write(f"demo logins (password for all: {DEMO_PASSWORD}):")
        for name, role, ministry_name, bureau_name in DEMO_PEOPLE:
            scope = " ".join(x for x in (ministry_name, bureau_name) if x) or "all"
            self.stdout.write(f"  {name:<9} {cast(Any, role).label} ({scope})")
