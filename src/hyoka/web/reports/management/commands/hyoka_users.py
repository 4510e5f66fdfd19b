"""`hyoka users create NAME --role ROLE --ministry M [--bureau B]`: a person and their role."""

from __future__ import annotations

import os
import secrets
from typing import Any, cast

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from hyoka.web.reports.models import Bureau, Membership, Ministry, Role


class Command(BaseCommand):
    help = "Create a user with a role scoped to a ministry (and a bureau for editors)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["create"])
        parser.add_argument("name")
        parser.add_argument("--role", required=True, choices=[r.value for r in cast(Any, Role)])
        parser.add_argument("--ministry", default=None)
        parser.add_argument("--bureau", default=None)

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        name, role = options["name"], options["role"]
        if User.objects.filter(username=name).exists():
            raise CommandError(f"a user named {name!r} already exists")
        if role != Role.ADMIN and not options["ministry"]:
            raise CommandError(f"--ministry is required for the role {role}")
        if role == Role.EDITOR and not options["bureau"]:
            raise CommandError(
                "--bureau is required for an editor (editors write their own bureau's reports)"
            )
        password = os.environ.get("HYOKA_PASSWORD") or secrets.token_urlsafe(12)
        user = User.objects.create_user(name, password=password, is_superuser=role == Role.ADMIN)
        ministry = (
            Ministry.objects.get_or_create(name=options["ministry"])[0] if options["ministry"] else None
        )
        bureau = (
            Bureau.objects.get_or_create(ministry=ministry, name=options["bureau"])[0]
            if ministry and options["bureau"]
            else None
        )
        Membership.objects.create(user=user, role=role, ministry=ministry, bureau=bureau)
        shown = "(HYOKA_PASSWORD)" if os.environ.get("HYOKA_PASSWORD") else password
        self.stdout.write(f"created {name}: role {role}, ministry {ministry or '-'}, bureau {bureau or '-'}")
        self.stdout.write(f"password: {shown}")
