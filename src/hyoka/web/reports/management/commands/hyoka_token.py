"""`hyoka token NAME`: a new API token for a user, printed once on stdout (only its SHA-256 is kept)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hyoka.web.reports.tokens import create_token


class Command(BaseCommand):
    help = "Make an API token for a user and print it (shown once; only its hash is stored)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name")

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["name"]
        user = get_user_model().objects.filter(username=name).first()
        if user is None:
            raise CommandError(f"no user named {name!r} (create one with `hyoka users create`)")
        if not user.is_active:
            raise CommandError(f"the user {name!r} is inactive; an inactive user's token is refused")
        self.stdout.write(create_token(user))
