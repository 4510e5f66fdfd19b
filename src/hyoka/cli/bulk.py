"""``hyoka import DIR… --into DATABASE``: many reports into the web workspace's database.

The cli layer never imports Django, so the import runs in a child process,
``python -m django hyoka_bulk_import … --settings=hyoka.web.settings`` (``hyoka.web.reports.bulk``:
a pool of workers parses and checks, the child stores in batches), with ``DATABASE_URL`` or
``HYOKA_DATA_DIR`` set from ``--into``. The child reports on its standard output, one JSON object
a line; this module turns that into a progress bar (a plain line every few files when standard
error is not a terminal), one line per failed file and a summary, in Japanese or English.

Ctrl-C or SIGTERM: the child commits what is ready and stops; running the same command again
resumes (files already stored are skipped by the SHA-256 of their contents).
"""

from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import IO, Any
from urllib.parse import urlsplit

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from hyoka.cli.guard import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK
from hyoka.cli.messages import Lang, one_line, t
from hyoka.cli.server import SETTINGS, ServerError, child_env, database_label, error_detail

__all__ = ["BULK_COMMAND", "database_environment", "import_into"]

BULK_COMMAND = "hyoka_bulk_import"
SQLITE_NAME = "hyoka.sqlite3"
"""The database file in a data directory (``hyoka.web.settings``)."""
URL_SCHEMES = ("sqlite", "postgres", "postgresql")

EXIT_FAILED = EXIT_FINDINGS
"""Some files failed (the others were stored)."""
EXIT_USAGE = EXIT_BAD_INPUT


def database_environment(database: str, environ: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a Django child that works on ``database``: a URL (``sqlite:///…``,
    ``postgresql://…``) becomes ``DATABASE_URL``; anything else is a data directory (what
    ``HYOKA_DATA_DIR`` names, holding ``hyoka.sqlite3``) and a ``DATABASE_URL`` inherited from the
    environment is dropped so that it cannot win. A SQLite database that does not exist yet is a
    ServerError (``needs_migrate``), so that nothing creates an empty file by accident."""
    env = dict(os.environ if environ is None else environ)
    if "://" in database:
        scheme = urlsplit(database).scheme.lower()
        if scheme not in URL_SCHEMES:
            raise ServerError("database_bad_url", database=database)
        if scheme == "sqlite":
            name = database.split("://", 1)[1][1:]
            if name != ":memory:" and not Path(name).is_file():
                raise ServerError("needs_migrate_at", db=name)
        env["DATABASE_URL"] = database
        return env
    data_dir = Path(database)
    if not data_dir.is_dir():
        raise ServerError("data_dir_missing", path=database)
    if not (data_dir / SQLITE_NAME).is_file():
        raise ServerError("needs_migrate_at", db=data_dir.resolve() / SQLITE_NAME)
    env["HYOKA_DATA_DIR"] = str(data_dir.resolve())
    env.pop("DATABASE_URL", None)
    return env


@dataclass
class _Counts:
    stored: int = 0
    skipped: int = 0
    failed: int = 0

    @property
    def done(self) -> int:
        return self.stored + self.skipped + self.failed


class _Display:
    """The progress: a rich bar on a terminal, else a plain line every ``step`` files."""

    def __init__(self, console: Console, lang: Lang) -> None:
        self.console = console
        self.lang = lang
        self.progress: Progress | None = None
        self.task: TaskID | None = None
        self.pages_task: TaskID | None = None
        self.pages_tenth = 0
        self.total = 0
        self.step = 1
        self.started = time.perf_counter()
        self.counts = _Counts()

    def start(self, total: int) -> None:
        self.total = total
        self.step = max(1, min(100, math.ceil(total / 10)))
        if self.console.is_terminal:
            self.progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=self.console,
            )
            self.progress.start()
            self.task = self.progress.add_task(t("importing", self.lang), total=total, rate="")

    def line(self, text: str) -> None:
        self.console.print(one_line(text), markup=False, highlight=False, emoji=False, soft_wrap=True)

    def file(self, event: dict[str, Any]) -> None:
        outcome = event.get("outcome")
        if outcome == "stored":
            self.counts.stored += 1
        elif outcome == "skipped":
            self.counts.skipped += 1
        else:
            self.counts.failed += 1
            message = event.get("message_en" if self.lang is Lang.EN else "message", "")
            self.line(f"hyoka: error: {event.get('path')}: {message}")
        done = self.counts.done
        if self.progress is not None and self.task is not None:
            rate = t("rate", self.lang, rate=self.rate())
            self.progress.update(self.task, completed=done, rate=rate)
        elif done % self.step == 0 or done == self.total:
            self.line(
                t(
                    "bulk_progress",
                    self.lang,
                    done=done,
                    total=self.total,
                    stored=self.counts.stored,
                    skipped=self.counts.skipped,
                    failed=self.counts.failed,
                )
            )

    def pages(self, event: dict[str, Any]) -> None:
        """The public pages of the published reports, rendered after the files are stored: a second
        bar, or a line at each tenth."""
        done, total = int(event["done"]), int(event["total"])
        if self.progress is not None:
            if self.pages_task is None:
                label = t("rendering_pages", self.lang)
                self.pages_task = self.progress.add_task(label, total=total, rate="")
            self.progress.update(self.pages_task, completed=done)
            return
        tenth = done * 10 // max(total, 1)
        if tenth > self.pages_tenth:
            self.pages_tenth = tenth
            self.line(t("pages_progress", self.lang, done=done, total=total))

    def rate(self) -> float:
        handled = self.counts.stored + self.counts.failed
        return handled / max(time.perf_counter() - self.started, 1e-9)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


def _argv(
    paths: Sequence[Path], *, publish: bool, user: str | None, bureau: str | None, jobs: int | None
) -> list[str]:
    options = [f"--settings={SETTINGS}"]
    if publish:
        options.append("--publish")
    if user is not None:
        options += ["--user", user]
    if bureau is not None:
        options += ["--bureau", bureau]
    if jobs is not None:
        options += ["--jobs", str(jobs)]
    return [sys.executable, "-m", "django", BULK_COMMAND, *options, "--", *map(str, paths)]


def _events(stream: IO[str]) -> Iterator[dict[str, Any]]:
    """The child's JSON lines (anything else a library may print on its stdout is ignored)."""
    for raw in iter(stream.readline, ""):
        line = raw.strip()
        if not line.startswith("{"):
            continue
        try:
            event = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(event, dict):
            yield event


def import_into(
    paths: Sequence[Path],
    database: str,
    *,
    publish: bool = False,
    user: str | None = None,
    bureau: str | None = None,
    jobs: int | None = None,
    lang: Lang = Lang.JA,
) -> int:
    """Run the bulk import and show it; the exit status (0 all stored or skipped, 1 some files
    failed, 2 the run could not start, 3 the child failed unexpectedly, 130 interrupted)."""
    env = database_environment(database, child_env())
    console = Console(stderr=True, highlight=False)
    display = _Display(console, lang)
    summary: dict[str, Any] | None = None
    error: dict[str, Any] | None = None
    with tempfile.TemporaryFile() as stderr:
        sys.stdout.flush()
        child = subprocess.Popen(
            _argv(paths, publish=publish, user=user, bureau=bureau, jobs=jobs),
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            encoding="utf-8",
            errors="replace",
        )

        def forward(signum: int, frame: FrameType | None) -> None:
            if child.poll() is None:
                child.send_signal(signum)

        previous = {s: signal.signal(s, forward) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            assert child.stdout is not None
            for event in _events(child.stdout):
                kind = event.get("event")
                if kind == "start":
                    display.start(int(event["total"]))
                elif kind == "file":
                    display.file(event)
                elif kind == "pages":
                    display.pages(event)
                elif kind == "done":
                    summary = event
                elif kind == "error":
                    error = event
            returncode = child.wait()
        finally:
            display.stop()
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        stderr.seek(0)
        child_stderr = stderr.read().decode("utf-8", errors="replace")
    if error is not None:
        message = error.get("message_en" if lang is Lang.EN else "message", "")
        display.line(f"hyoka: error: {message}")
        return EXIT_USAGE
    if summary is None:
        detail = error_detail(child_stderr) or f"exit status {returncode}"
        if returncode < 0 or returncode == EXIT_INTERRUPTED:
            display.line(f"hyoka: {t('bulk_killed', lang, detail=detail)}")
            return EXIT_INTERRUPTED
        display.line(f"hyoka: internal error: {BULK_COMMAND}: {detail}")
        return EXIT_INTERNAL
    seconds = time.perf_counter() - display.started
    handled = int(summary["stored"]) + int(summary["failed"])
    values = {
        "total": summary["total"],
        "stored": summary["stored"],
        "skipped": summary["skipped"],
        "failed": summary["failed"],
        "seconds": f"{seconds:.1f}",
        "rate": f"{handled / max(seconds, 1e-9):.1f}",
        "db": database_label(env),
    }
    if summary.get("interrupted"):
        display.line(t("bulk_interrupted", lang, **values))
        return EXIT_INTERRUPTED
    display.line(t("bulk_done", lang, **values))
    if summary.get("pages"):
        display.line(t("pages_done", lang, pages=summary["pages"]))
    return EXIT_FAILED if int(summary["failed"]) else EXIT_OK
