"""`manage.py hyoka_public_pages`: render the public pages of every published report ahead of
visitors (after an upgrade changed the code's fingerprint, or after a bulk load), so the first
visitor of each report is served from the stored page as well."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hyoka.web.reports.models import Report
from hyoka.web.reports.public_pages import page_names, render_public_pages

BATCH = 200


class Command(BaseCommand):
    help = "Render and store the public pages of the published reports (all, or the given ids)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("ids", nargs="*", type=int, help="report ids (default: every published report)")
        parser.add_argument(
            "--page",
            action="append",
            choices=page_names(),
            help="only this page (repeatable; default: every page, the official layout draws charts: ~0.4 s)",
        )
        parser.add_argument(
            "--stale",
            action="store_true",
            help="only pages not stored yet for the published revision and this code",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        wanted = Report.objects.exclude(published_revision=None)
        if options["ids"]:
            wanted = wanted.filter(pk__in=options["ids"])
        ids = list(wanted.order_by("pk").values_list("pk", flat=True))
        started = time.perf_counter()
        stored = 0
        for start in range(0, len(ids), BATCH):
            stored += render_public_pages(
                ids[start : start + BATCH], options["page"], stale_only=options["stale"]
            )
            if options["verbosity"] > 1:
                self.stderr.write(f"{min(start + BATCH, len(ids))}/{len(ids)} reports")
        seconds = time.perf_counter() - started
        self.stdout.write(f"{stored} pages of {len(ids)} published reports rendered in {seconds:.1f} s")
