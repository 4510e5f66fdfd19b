"""Bulk import: many report files into the database at once, as a ministry loads its archive.

Each file is read, imported and checked in a pool of worker processes (parsing is the costly part
and needs no database); the main process stores the results in small batches, each file in its own
savepoint inside a batch transaction, exactly as a web upload stores one: revision 1, the
projections with the import's and the rules' findings, the search text (and with ``publish`` the
submit, approve and publish transitions). The rules' result computed in the worker is handed to
``storage`` so they never run twice.

Resuming: a file is known by the SHA-256 of its bytes. ``ImportedFile`` is written in the same
transaction as the report, so after an interruption (Ctrl-C, SIGTERM, a crash, a power cut) a
file is either stored with its ``ImportedFile`` row or not at all; running the import again skips
the stored ones and does the rest. Nothing is stored twice, nothing is lost.

A file that cannot be stored (unreadable, not a report, a report already stored from another file,
a value too long for its column) is reported with its reason and skipped; the batch goes on.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.db import DatabaseError, connection, connections, transaction
from django.db.migrations.executor import MigrationExecutor

from hyoka.core.i18n import bilingual, gettext_noop
from hyoka.services import (
    InputError,
    NotAReportError,
    check_report_result,
    import_data,
    read_input,
)
from hyoka.web.reports import public_pages, storage
from hyoka.web.reports.models import ImportedFile, Report
from hyoka.web.reports.storage import NewReport

__all__ = [
    "IMPORTABLE_SUFFIXES",
    "SYSTEM_USER",
    "BulkError",
    "BulkImport",
    "FileEvent",
    "Outcome",
    "Prepared",
    "Problem",
    "SourceFile",
    "Summary",
    "find_files",
    "pending_migrations",
    "prepare",
    "render_pages",
    "resolve_user",
    "usable_cores",
]

log = logging.getLogger(__name__)

IMPORTABLE_SUFFIXES = frozenset({".txt", ".pdf", ".xlsx", ".json"})
"""What a directory walk picks up (files named on the command line are imported whatever their name)."""
SKIPPED_NAMES = frozenset({"manifest.json"})
"""A corpus directory's manifest (``hyoka corpus generate``) is not a report."""
SYSTEM_USER = "hyoka-import"
"""The author recorded when no ``--user`` is given: an account made on demand that cannot log in."""
BATCH_FILES = 25
BATCH_SECONDS = 1.0
"""A batch transaction is committed after this many files or this many seconds, whichever first:
few commits (each one a disk sync on SQLite), never a transaction held for the whole run."""
IN_FLIGHT_PER_JOB = 16
"""Files handed to each worker ahead: enough to keep it busy while the main process writes a batch,
few enough to bound the memory (a prepared report is about 0.3 MB)."""
POLL_SECONDS = 0.2
"""How often the main process looks for a stop request while it waits for the workers."""
DIGEST_QUERY_CHUNK = 500
PUBLISH_COMMENT = "一括取り込み（公表済みの評価書）"
PAGES_CHUNK = 10
"""Published reports whose pages one worker task renders."""


class BulkError(Exception):
    """The run cannot start (no files, an unknown user, a database that is not migrated or not
    reachable): one line in Japanese and in English, and the exit status is 2. Made with ``of``:
    the English is the catalog's (docs/architecture.md, "Translation")."""

    def __init__(self, code: str, message: str, message_en: str) -> None:
        super().__init__(message_en)
        self.code = code
        self.message = message
        self.message_en = message_en

    @classmethod
    def of(cls, code: str, text: str, /, **values: object) -> BulkError:
        """``text`` is the Japanese template (a msgid marked with ``gettext_noop``), filled in with
        ``values``; the English is the catalog's of the same template."""
        return cls(code, *bilingual(text, **values))


@dataclass(frozen=True)
class Problem:
    """Why a file was not stored (or was skipped), in Japanese and English; made with ``of`` (the
    English is the catalog's), or from an error that carries both texts."""

    message: str
    message_en: str

    @classmethod
    def of(cls, text: str, /, **values: object) -> Problem:
        """``text`` is the Japanese template (a msgid marked with ``gettext_noop``), filled in with
        ``values`` (one that reads differently in English given again as ``<name>_en``)."""
        return cls(*bilingual(text, **values))


@dataclass(frozen=True)
class SourceFile:
    path: str
    """Where to read it (absolute)."""
    name: str
    """How it is shown and recorded: relative to the directory given, or the path as given."""


class Outcome(StrEnum):
    STORED = "stored"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass(frozen=True)
class FileEvent:
    """What became of one file; reported once the batch it belongs to is committed."""

    name: str
    outcome: Outcome
    report_id: int | None = None
    problem: Problem | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"event": "file", "path": self.name, "outcome": self.outcome.value}
        if self.report_id is not None:
            data["report"] = self.report_id
        if self.problem is not None:
            data["message"] = self.problem.message
            data["message_en"] = self.problem.message_en
        return data


@dataclass
class Summary:
    total: int
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    pages: int = 0
    """Public pages rendered for the reports published (``publish``)."""

    @property
    def done(self) -> int:
        return self.stored + self.skipped + self.failed

    def to_json(self) -> dict[str, Any]:
        return {
            "event": "done",
            "total": self.total,
            "stored": self.stored,
            "skipped": self.skipped,
            "failed": self.failed,
            "seconds": round(self.seconds, 3),
            "interrupted": self.interrupted,
            "pages": self.pages,
        }


@dataclass
class Prepared:
    """A file read, imported and checked in a worker: what the main process needs to store it."""

    source: SourceFile
    digest: str = ""
    new: NewReport | None = None
    """Revision 1 and its projections, ready to store (None when the file has a ``problem``)."""
    problem: Problem | None = None


# --- finding the files ---------------------------------------------------------------------------


def _walk(root: Path) -> Iterator[Path]:
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name in SKIPPED_NAMES:
                continue
            path = Path(directory) / name
            if path.suffix.lower() in IMPORTABLE_SUFFIXES and path.is_file():
                yield path


def find_files(roots: Sequence[str | Path]) -> list[SourceFile]:
    """The files to import: each directory walked recursively (importable suffixes only; hidden
    files and directories and ``manifest.json`` left out), each file named as given. A path that
    does not exist is a BulkError; a file reached twice is listed once."""
    found: list[SourceFile] = []
    seen: set[str] = set()
    for root in roots:
        base = Path(root)
        if base.is_dir():
            candidates = [(p, p.relative_to(base).as_posix()) for p in _walk(base)]
        elif base.exists():
            candidates = [(base, str(root))]
        else:
            raise BulkError.of(
                "no_such_path", gettext_noop("{root}: ファイルもディレクトリもありません"), root=root
            )
        for path, name in candidates:
            absolute = str(path.resolve())
            if absolute not in seen:
                seen.add(absolute)
                found.append(SourceFile(absolute, name))
    return found


def usable_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


# --- the workers: read, import, check ------------------------------------------------------------


def _not_a_report(exc: NotAReportError) -> Problem:
    """The importer's own line (without the file's name, which the event names), in each language;
    a file past one of the limits on input (``LimitExceeded``) alike."""
    return Problem.of(
        gettext_noop("評価書として読み込めません: {problem}"), problem=exc.message, problem_en=exc.message_en
    )


def prepare(source: SourceFile, bureau: str | None = None) -> Prepared:
    """Read, import and check one file and compute what storing it writes (in a worker process:
    only the inserts are left to the main process). Never raises: a file that cannot be imported
    comes back with its ``problem``."""
    prepared = Prepared(source)
    try:
        data = read_input(Path(source.path))
    except InputError as exc:
        prepared.problem = Problem(exc.message, exc.message_en)
        return prepared
    prepared.digest = hashlib.sha256(data).hexdigest()
    try:
        result = import_data(data, name=source.name)
        checked = check_report_result(result.report)
        prepared.new = storage.new_report(
            result.report, f"一括取り込み: {source.name}", bureau, findings=result.findings, checked=checked
        )
    except NotAReportError as exc:
        prepared.problem = _not_a_report(exc)
        return prepared
    except storage.NotStorable as exc:  # a value longer than its column, …: what the workspace refuses
        prepared.problem = Problem(exc.message, exc.message_en)
        return prepared
    except Exception as exc:  # a defect in an importer or a rule must not stop the batch
        detail = f"{type(exc).__name__}: {exc}".splitlines()[0]
        prepared.problem = Problem.of(gettext_noop("内部エラーで読み込めません（{detail}）"), detail=detail)
    return prepared


def _worker_init() -> None:
    """Workers leave Ctrl-C to the main process, which stops them in order. On SQLite, their write
    transactions (the public pages, stored side by side) take the database's lock when they begin,
    waiting for it, instead of failing when another worker wrote since they began reading."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if connection.vendor == "sqlite":
        connection.settings_dict.setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"


def render_pages(report_ids: list[int]) -> int:
    """The public pages a publication renders (``public_pages.AT_PUBLICATION``) of these published
    reports, rendered and stored (in a worker, on its own database connection); how many were
    stored. A failure only means that they are rendered at their first visit instead, as after a
    publication in the workspace."""
    try:
        return public_pages.render_public_pages(report_ids, public_pages.AT_PUBLICATION)
    except Exception:
        log.exception("public pages of reports %s not rendered", report_ids)
        return 0


def _file_digest(path: str) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None  # the worker reports why it cannot be read


# --- the database side -----------------------------------------------------------------------------


def pending_migrations() -> bool:
    """Whether the database needs ``hyoka migrate``; a BulkError when it cannot be reached."""
    try:
        executor = MigrationExecutor(connection)
        return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    except DatabaseError as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise BulkError.of(
            "database_unreachable", gettext_noop("データベースに接続できません: {detail}"), detail=detail
        ) from None


def resolve_user(name: str | None) -> Any:
    """The author to record: the named account (which must exist), else the system account
    ``hyoka-import``, created on demand with no password (nobody can log in as it) and no role."""
    if name is not None:
        user = User.objects.filter(username=name).first()
        if user is None:
            raise BulkError.of(
                "unknown_user",
                gettext_noop("利用者 {name} はいません（hyoka users create で作成してください）"),
                name=name,
            )
        return user
    user, created = User.objects.get_or_create(username=SYSTEM_USER)
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _same_report(new: NewReport) -> int | None:
    """The id of a stored report of the same ministry, measure, evaluation year and kind, if any (the
    one rule of ``storage.same_report``: a bulk import refuses it)."""
    found = storage.same_report(new.ministry, new.measure_number, new.evaluation_year, new.kind)
    return found.pk if found is not None else None


def _already(report_id: int) -> Problem:
    return Problem.of(gettext_noop("既に取り込み済み（報告書 {report}）"), report=report_id)


class BulkImport:
    """One run: ``run()`` imports ``files`` and returns the summary; ``on_event`` hears of each
    file once its batch is committed; ``should_stop`` is asked between files (a signal sets it),
    and a stop ends the run after committing what is ready."""

    def __init__(
        self,
        files: Sequence[SourceFile],
        *,
        user: Any,
        publish: bool = False,
        bureau: str | None = None,
        jobs: int | None = None,
        on_event: Callable[[FileEvent], None] = lambda event: None,
        on_pages: Callable[[int, int], None] = lambda done, total: None,
        should_stop: Callable[[], bool] = lambda: False,
    ) -> None:
        self.files = list(files)
        self.user = user
        self.publish = publish
        self.bureau = bureau
        self.jobs = max(1, jobs or usable_cores())
        self.on_event = on_event
        self.on_pages = on_pages
        self.should_stop = should_stop
        self.summary = Summary(total=len(self.files))
        self._batch: list[Prepared] = []
        self._batch_started = 0.0
        self._order = {source.path: index for index, source in enumerate(self.files)}
        self._published: list[int] = []

    # -- the run ------------------------------------------------------------------------------

    def run(self) -> Summary:
        started = time.perf_counter()
        try:
            todo = self._skip_known()
            # the workers are forked without the database connection (closed first), which cannot be
            # done inside a caller's transaction: there, everything runs in this process
            if self.jobs == 1 or not todo or connection.in_atomic_block:
                self._run_here(todo)
                self._flush()
                self._render_here()
            else:
                connections.close_all()  # the workers open their own connections (pages)
                context = multiprocessing.get_context("fork") if os.name == "posix" else None
                with ProcessPoolExecutor(
                    max_workers=self.jobs, mp_context=context, initializer=_worker_init
                ) as pool:
                    self._run_pool(pool, todo)
                    self._flush()
                    self._render_pool(pool)
        finally:
            self.summary.interrupted = self.should_stop() and self.summary.done < self.summary.total
            self.summary.seconds = time.perf_counter() - started
        return self.summary

    def _skip_known(self) -> list[SourceFile]:
        """Files whose contents are already stored (an earlier run), or the same as a file before
        them in this run, are skipped without being parsed."""
        digests = {f.path: _file_digest(f.path) for f in self.files}
        known: dict[str, int] = {}
        wanted = sorted({d for d in digests.values() if d is not None})
        for start in range(0, len(wanted), DIGEST_QUERY_CHUNK):
            chunk = wanted[start : start + DIGEST_QUERY_CHUNK]
            known.update(ImportedFile.objects.filter(digest__in=chunk).values_list("digest", "report_id"))
        first: dict[str, str] = {}
        todo: list[SourceFile] = []
        for source in self.files:
            digest = digests[source.path]
            if digest is not None and digest in known:
                self._report(FileEvent(source.name, Outcome.SKIPPED, known[digest], _already(known[digest])))
            elif digest is not None and digest in first:
                other = first[digest]
                self._report(
                    FileEvent(
                        source.name,
                        Outcome.SKIPPED,
                        problem=Problem.of(gettext_noop("{other} と同じ内容です"), other=other),
                    )
                )
            else:
                if digest is not None:
                    first[digest] = source.name
                todo.append(source)
        return todo

    def _run_here(self, todo: list[SourceFile]) -> None:
        for source in todo:
            if self.should_stop():
                return
            self._add(prepare(source, self.bureau))
            if self._batch_due():
                self._flush()

    def _run_pool(self, pool: ProcessPoolExecutor, todo: list[SourceFile]) -> None:
        queue = iter(todo)
        pending: set[Future[Prepared]] = set()

        def refill() -> None:
            while not self.should_stop() and len(pending) < self.jobs * IN_FLIGHT_PER_JOB:
                source = next(queue, None)
                if source is None:
                    return
                pending.add(pool.submit(prepare, source, self.bureau))

        try:
            while True:
                refill()
                if not pending:
                    return
                done, pending = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
                for future in sorted(done, key=lambda f: self._order[f.result().source.path]):
                    self._add(future.result())
                if self.should_stop():
                    return
                if self._batch_due():
                    refill()  # the workers go on while this process writes
                    self._flush()
        finally:
            for future in pending:
                future.cancel()

    # -- the public pages of what was published -----------------------------------------------

    def _page_chunks(self) -> list[list[int]]:
        if self.should_stop():
            return []
        ids = self._published
        return [ids[start : start + PAGES_CHUNK] for start in range(0, len(ids), PAGES_CHUNK)]

    def _render_here(self) -> None:
        chunks = self._page_chunks()
        done = 0
        for chunk in chunks:
            if self.should_stop():
                return
            self.summary.pages += render_pages(chunk)
            done += len(chunk)
            self.on_pages(done, len(self._published))

    def _render_pool(self, pool: ProcessPoolExecutor) -> None:
        """The published reports' public pages, rendered by the workers side by side (each with its
        own database connection) once every file is stored."""
        pending = {pool.submit(render_pages, chunk): len(chunk) for chunk in self._page_chunks()}
        done = 0
        try:
            while pending:
                finished, _ = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
                for future in finished:
                    done += pending.pop(future)
                    self.summary.pages += future.result()
                    self.on_pages(done, len(self._published))
                if self.should_stop():
                    return
        finally:
            for future in pending:
                future.cancel()

    # -- storing ------------------------------------------------------------------------------

    def _add(self, prepared: Prepared) -> None:
        if not self._batch:
            self._batch_started = time.perf_counter()
        self._batch.append(prepared)

    def _batch_due(self) -> bool:
        return bool(self._batch) and (
            len(self._batch) >= BATCH_FILES or time.perf_counter() - self._batch_started >= BATCH_SECONDS
        )

    def _flush(self) -> None:
        """Store the batch in one transaction, then tell what became of each file. The files that
        can be stored go in with one statement per table; should the database refuse that (a
        value it rejects), they go in one at a time so that only the culprit fails."""
        if not self._batch:
            return
        batch = sorted(self._batch, key=lambda p: self._order[p.source.path])  # in the order of the files
        self._batch = []
        events: dict[int, FileEvent] = {}
        with transaction.atomic():
            ready: list[tuple[int, Prepared]] = []
            for index, prepared in enumerate(batch):
                refused = self._refusal(prepared, [p for _, p in ready])
                if refused is None:
                    ready.append((index, prepared))
                else:
                    events[index] = refused
            try:
                with transaction.atomic():
                    reports = self._write([p for _, p in ready])
                for (index, prepared), report in zip(ready, reports, strict=True):
                    events[index] = FileEvent(prepared.source.name, Outcome.STORED, report.pk)
            except DatabaseError:
                for index, prepared in ready:
                    events[index] = self._store_alone(prepared)
        for index in sorted(events):
            event = events[index]
            if self.publish and event.outcome is Outcome.STORED and event.report_id is not None:
                self._published.append(event.report_id)
            self._report(event)

    def _refusal(self, prepared: Prepared, ready: list[Prepared]) -> FileEvent | None:
        """Why this file is not stored (None: it can be): its problem, contents already stored,
        a value too long, or a report of the same ministry, measure and year already there (or
        earlier in this batch)."""
        name = prepared.source.name
        new = prepared.new
        if new is None or prepared.problem is not None:
            return FileEvent(name, Outcome.FAILED, problem=prepared.problem)
        stored = ImportedFile.objects.filter(digest=prepared.digest)
        known = stored.values_list("report_id", flat=True).first()
        if known is not None:  # stored meanwhile (another run on the same database)
            return FileEvent(name, Outcome.SKIPPED, known, _already(known))
        same = _same_report(new)
        if same is not None:
            return FileEvent(
                name,
                Outcome.FAILED,
                same,
                Problem.of(
                    gettext_noop(
                        "同じ府省・施策番号・評価年度・種類の文書が既にあります（報告書 {report}）。"
                        "修正は画面から新しい版として保存してください"
                    ),
                    report=same,
                ),
            )
        key = (new.ministry, new.measure_number, new.evaluation_year, new.kind)
        for other in ready:
            assert other.new is not None
            if (
                other.new.ministry,
                other.new.measure_number,
                other.new.evaluation_year,
                other.new.kind,
            ) == key:
                return FileEvent(
                    name,
                    Outcome.FAILED,
                    problem=Problem.of(
                        gettext_noop("{other} と同じ府省・施策番号・評価年度・種類の文書です"),
                        other=other.source.name,
                    ),
                )
        return None

    def _write(self, ready: list[Prepared]) -> list[Report]:
        """The reports, their ``ImportedFile`` rows and (``publish``) their transitions."""
        if not ready:
            return []
        reports = storage.create_reports([p.new for p in ready if p.new is not None], self.user)
        if self.publish:
            for report in reports:
                for action in ("submit", "approve", "publish"):
                    storage.transition(report.pk, action, self.user, PUBLISH_COMMENT, bulk=True)
        ImportedFile.objects.bulk_create(
            ImportedFile(digest=p.digest, path=p.source.path, report=report)
            for p, report in zip(ready, reports, strict=True)
        )
        return reports

    def _store_alone(self, prepared: Prepared) -> FileEvent:
        name = prepared.source.name
        try:
            with transaction.atomic():
                (report,) = self._write([prepared])
        except DatabaseError as exc:
            detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            return FileEvent(
                name,
                Outcome.FAILED,
                problem=Problem.of(gettext_noop("データベースに保存できません: {detail}"), detail=detail),
            )
        return FileEvent(name, Outcome.STORED, report.pk)

    def _report(self, event: FileEvent) -> None:
        if event.outcome is Outcome.STORED:
            self.summary.stored += 1
        elif event.outcome is Outcome.SKIPPED:
            self.summary.skipped += 1
        else:
            self.summary.failed += 1
        self.on_event(event)
