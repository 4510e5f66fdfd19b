"""``hyoka_bulk_import PATH… [--publish] [--user NAME] [--bureau B] [--jobs N]``: the engine of
``hyoka import DIR --into DATABASE`` (``hyoka.web.reports.bulk``).

Its standard output is one JSON object a line, for the ``hyoka`` command to show (progress bar,
messages in Japanese or English): ``{"event": "start", "total", "jobs"}``, then one
``{"event": "file", "path", "outcome": "stored|skipped|failed", "report"?, "message"?,
"message_en"?}`` per file, with ``--publish`` then ``{"event": "pages", "done", "total"}`` as the
published reports' public pages are rendered, then ``{"event": "done", "total", "stored",
"skipped", "failed", "seconds", "interrupted", "pages"}``; or ``{"event": "error", "code",
"message", "message_en"}`` when the run cannot start. Exit status: 0 nothing failed, 1 some files
failed, 2 the run could not start, 130 stopped by SIGINT or SIGTERM (after committing what was
ready; running again resumes)."""

from __future__ import annotations

import json
import signal
import sys
import threading
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hyoka.core.i18n import gettext_noop
from hyoka.web.reports.bulk import (
    BulkError,
    BulkImport,
    FileEvent,
    find_files,
    pending_migrations,
    resolve_user,
)

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class Command(BaseCommand):
    help = "Import report files (directories are walked) into the database; JSON lines on stdout."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--publish", action="store_true", help="store them as published reports")
        parser.add_argument("--user", default=None, help="the author recorded (default: hyoka-import)")
        parser.add_argument(
            "--bureau", default=None, help="the bureau of every report (default: the document's)"
        )
        parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: usable cores)")

    def _emit(self, data: dict[str, Any]) -> None:
        sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
        sys.stdout.flush()

    def handle(self, *args: Any, **options: Any) -> None:
        stop = threading.Event()

        def request_stop(signum: int, frame: FrameType | None) -> None:
            stop.set()

        previous = {s: signal.signal(s, request_stop) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            code = self._run(options, stop)
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        if code:
            sys.exit(code)

    def _run(self, options: dict[str, Any], stop: threading.Event) -> int:
        jobs = options["jobs"]
        try:
            if jobs is not None and jobs < 1:
                raise BulkError.of("bad_jobs", gettext_noop("--jobs は 1 以上です"))
            files = find_files(options["paths"])
            if not files:
                raise BulkError.of(
                    "no_files", gettext_noop("取り込むファイルがありません（.txt、.pdf、.xlsx、.json）")
                )
            if pending_migrations():
                raise BulkError.of(
                    "needs_migrate",
                    gettext_noop(
                        "データベースのマイグレーションが済んでいません。"
                        "先に `hyoka migrate` を実行してください"
                    ),
                )
            user = resolve_user(options["user"])
        except BulkError as exc:
            self._emit(
                {"event": "error", "code": exc.code, "message": exc.message, "message_en": exc.message_en}
            )
            return EXIT_USAGE

        def on_event(event: FileEvent) -> None:
            self._emit(event.to_json())

        def on_pages(done: int, total: int) -> None:
            self._emit({"event": "pages", "done": done, "total": total})

        run = BulkImport(
            files,
            user=user,
            publish=options["publish"],
            bureau=options["bureau"],
            jobs=jobs,
            on_event=on_event,
            on_pages=on_pages,
            should_stop=stop.is_set,
        )
        self._emit({"event": "start", "total": len(files), "jobs": run.jobs})
        summary = run.run()
        self._emit(summary.to_json())
        if summary.interrupted:
            return EXIT_INTERRUPTED
        return EXIT_FAILED if summary.failed else 0
