"""`manage.py hyoka_search_text`: build the stored search texts again from the revisions.

What search reads of a report (``SearchText`` for its current revision, ``PublishedSearchText`` for
its published one, and SQLite's FTS5 tables built from them) is written at each save. When what goes
into it changes (docs/search.md: the folding, the parts of each document kind), the texts stored
before are rebuilt with this command; a report whose text is already what this code writes is left
as it is. About 5 ms a revision (read and validated), so some minutes for 10,000 reports. Restart the
web workers afterwards: each keeps what the index's vocabulary said (``search._pair``) until a report's
``updated_at`` moves, which a rebuild does not do.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction

from hyoka.web.reports.models import PublishedSearchText, Report, SearchText
from hyoka.web.reports.storage import load, search_text

BATCH = 200
TABLES = ("reports_search_fts", "reports_search_fts_published")


class Command(BaseCommand):
    help = "Rebuild the search texts of every report (or the given ids) from its revisions."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("ids", nargs="*", type=int, help="report ids (default: every report)")

    def handle(self, *args: Any, **options: Any) -> None:
        wanted = Report.objects.order_by("pk")
        if options["ids"]:
            wanted = wanted.filter(pk__in=options["ids"])
        ids = list(wanted.values_list("pk", flat=True))
        started = time.perf_counter()
        changed = 0
        for start in range(0, len(ids), BATCH):
            changed += self._rebuild(ids[start : start + BATCH])
            if options["verbosity"] > 1:
                self.stderr.write(f"{min(start + BATCH, len(ids))}/{len(ids)} reports")
        seconds = time.perf_counter() - started
        self.stdout.write(f"{changed} of {len(ids)} search texts rebuilt in {seconds:.1f} s")

    def _rebuild(self, ids: list[int]) -> int:
        reports = Report.objects.filter(pk__in=ids).select_related("current_revision", "published_revision")
        stored = {s.report_id: s for s in SearchText.objects.filter(report_id__in=ids)}
        public = {s.report_id: s for s in PublishedSearchText.objects.filter(report_id__in=ids)}
        changed = 0
        with transaction.atomic():
            for report in reports:
                if report.current_revision is None:
                    continue
                text = search_text(load(report.current_revision))
                if report.published_revision is None:
                    published = ""
                elif report.published_revision_id == report.current_revision_id:
                    published = text
                else:
                    published = search_text(load(report.published_revision))
                row = stored.get(report.pk) or SearchText(report=report)
                shown = public.get(report.pk)
                if row.pk is not None and (row.text, shown.text if shown else "") == (text, published):
                    continue
                row.text = text
                row.save()
                if published:
                    PublishedSearchText.objects.update_or_create(report=report, defaults={"text": published})
                elif shown is not None:
                    shown.delete()
                self._index(report.pk, text, published)
                changed += 1
        return changed

    @staticmethod
    def _index(pk: int, text: str, published: str) -> None:
        """SQLite's FTS5 rows of the report (PostgreSQL searches ``SearchText`` itself)."""
        if connection.vendor != "sqlite":
            return
        with connection.cursor() as cursor:
            for table in TABLES:
                cursor.execute(f"DELETE FROM {table} WHERE rowid = %s", [pk])
            cursor.execute(
                "INSERT INTO reports_search_fts (rowid, text, report_id) VALUES (%s, %s, %s)", [pk, text, pk]
            )
            if published:
                cursor.execute(
                    "INSERT INTO reports_search_fts_published (rowid, text, report_id) VALUES (%s, %s, %s)",
                    [pk, published, pk],
                )
