"""Write benchmark: 10 editors saving revisions at once through the REST API, on a corpus of 10,000
reports, on SQLite and on PostgreSQL, with the app under gunicorn as ``hyoka serve`` runs it.

    .venv/bin/python benchmarks/writes.py                    # both databases, update docs
    .venv/bin/python benchmarks/writes.py --no-write --duration 5 --database sqlite --only distinct
    .venv/bin/python benchmarks/writes.py --check            # exit 1 when a target is missed
    .venv/bin/python benchmarks/writes.py --wait-quiet 30    # on a shared machine: each scenario
                                                             # waits (≤ 30 min) for the others' work

**Corpus.** SQLite: the read benchmark's corpus (``benchmarks/web.py``: built once by
``benchmarks/corpus.py`` into ``$TMPDIR/hyoka-bench-web-COUNT-SEED`` and reused), *copied* into
``$TMPDIR/hyoka-bench-writes-COUNT-SEED/sqlite`` before every run, so the writes never reach the read
benchmark's corpus. PostgreSQL: a throw-away server (``scripts/postgres-test.sh start``, its cluster
kept in ``$TMPDIR/hyoka-bench-writes-COUNT-SEED/pg-cluster`` and stopped at the end) into which
``benchmarks/corpus.py`` loads the same corpus once (database ``hyoka_corpus``); every run writes to
a fresh copy of it (``CREATE DATABASE hyoka_writes TEMPLATE hyoka_corpus``). Without PostgreSQL
installed, that database is skipped with a warning.

**People.** Each of the ``--writers`` writers is an editor (role ``editor``) of one bureau with an
API token, and writes only the reports of that bureau it may edit (draft, returned or published):
distinct sets, so no two writers ever save the same report. For the race, as many editors of one
bureau all write the same report. The mixed scenario also has a reviewer of each writer's ministry.

**Scenarios**, one after another on one server, each with a warm-up and then ``--duration``
seconds: every writer thread (http.client) repeatedly reads a report (``GET /api/reports/{id}``),
changes one narrative field (the first objective's text) and saves a revision based on the revision
it read (``POST /api/reports/{id}/revisions``).

* ``distinct`` — each writer picks a report at random among its own.
* ``same_report`` — all writers on the same report: a save based on a revision someone else has
  replaced meanwhile gets 409, which is the correct answer (counted apart from 201).
* ``mixed`` — as ``distinct``, and after one save in ``SUBMIT_EVERY`` the writer submits the report
  (``POST /api/reports/{id}/transitions``, ``submit``) and its ministry's reviewer returns it
  (``return``), so it can be edited again.

Per scenario and database: the saves (POSTs of a revision), how many got 201 and 409, errors (any
other answer, to any request of the scenario, or none within 30 s), saves a second, and the latency
of the save (p50, p95 nearest rank, max, of every answered save), measured by the client, and the
CPU time other processes (not the benchmark's, not the server's) used meanwhile: on a shared machine,
figures taken beside other work are pessimistic (``--wait-quiet``). Target: 0 errors and
p95 ≤ 300 ms. The server's log lines other than its access log (Django's ``Internal Server Error``
and its traceback, gunicorn's warnings) are collected per scenario and printed, and the exceptions
go into the report. The figures go into the "Writes" section of
``docs/performance.md``, which ``benchmarks/run.py`` keeps when it rewrites the file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import glob
import http.client
import json
import math
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hyoka.cli.server import DEFAULT_WORKERS
from run import REPORT, ROOT, WRITES_SECTION, machine
from web import (
    REQUEST_TIMEOUT_S,
    _free_port,
    _ms,
    _server_env,
    corpus_dir,
    ensure_corpus,
    percentile,
    serve,
    usable_cores,
)

SECTION_START = "<!-- write-benchmarks:start -->"
SECTION_END = "<!-- write-benchmarks:end -->"
"""The "Writes" section of docs/performance.md lies between these (run.py's WRITES_SECTION keeps it)."""

WRITERS = 10
DURATION_S = 20.0
WARMUP_S = 3.0
TARGET_P95_MS = 300.0
SUBMIT_EVERY = 3
"""In the mixed scenario, one save in this many is followed by a submit and a return."""
PG_SCRIPT = ROOT / "scripts" / "postgres-test.sh"
PG_CORPUS_DB = "hyoka_corpus"
PG_WRITES_DB = "hyoka_writes"
_MARK = re.compile(r"［ベンチマーク[^］]*］$")
_PG_PROBLEM = re.compile(r"\b(ERROR|FATAL|PANIC|WARNING|DETAIL|STATEMENT):|deadlock")
_ACCESS_LINE = re.compile(r'^\d{1,3}(\.\d{1,3}){3} - \S+ \[[^]]*\] "')


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    race: bool = False
    """Every writer on the same report (else each on its own reports)."""
    workflow: bool = False
    """Submit and return after one save in SUBMIT_EVERY."""


SCENARIOS = [
    Scenario(
        "distinct",
        "each writer reads a report at random among its own (the editable reports of its bureau), "
        "changes the first objective's text and saves a revision based on the revision it read",
    ),
    Scenario(
        "same_report",
        "every writer reads and saves the same report (editors of its bureau): a save based on a "
        "revision someone else replaced meanwhile gets 409, the correct answer",
        race=True,
    ),
    Scenario(
        "mixed",
        f"as distinct, and after one save in {SUBMIT_EVERY} the writer submits the report "
        "(`POST …/transitions` submit) and a reviewer of its ministry returns it (return)",
        workflow=True,
    ),
]


@dataclass(frozen=True)
class Writer:
    name: str
    token: str
    reports: list[int]
    bureau: str = ""
    reviewer_token: str = ""


@dataclass
class People:
    writers: list[Writer]
    racers: list[Writer]
    race_report: int
    race_bureau: str


@dataclass
class Tally:
    """What the clients of one scenario saw."""

    saves_ms: list[float] = field(default_factory=list)
    """Latency of every answered save (201 or 409)."""
    created: int = 0
    conflicts: int = 0
    reads_ms: list[float] = field(default_factory=list)
    transitions_ms: list[float] = field(default_factory=list)
    transitions_ok: int = 0
    transition_conflicts: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    samples: list[str] = field(default_factory=list)

    def error(self, what: str, detail: str) -> None:
        self.errors[what] += 1
        if len(self.samples) < 5:
            self.samples.append(f"{what}: {detail}")

    def add(self, other: Tally) -> None:
        self.saves_ms += other.saves_ms
        self.created += other.created
        self.conflicts += other.conflicts
        self.reads_ms += other.reads_ms
        self.transitions_ms += other.transitions_ms
        self.transitions_ok += other.transitions_ok
        self.transition_conflicts += other.transition_conflicts
        self.errors.update(other.errors)
        self.samples += other.samples[: 5 - len(self.samples)]


@dataclass
class Result:
    database: str
    scenario: Scenario
    duration_s: float
    tally: Tally
    log: list[str] = field(default_factory=list)
    """The server's log lines of the scenario other than its access log (and 409 warnings)."""
    other_cpu_s: float = math.nan
    """CPU time used meanwhile by processes outside the benchmark (other work on the machine)."""

    @property
    def other_load(self) -> float:
        """``other_cpu_s`` as a share of the machine's usable cores over the scenario."""
        return self.other_cpu_s / (self.duration_s * usable_cores()) if self.duration_s else math.nan

    @property
    def saves(self) -> int:
        return len(self.tally.saves_ms) + self.tally.errors["save"]

    @property
    def errors(self) -> int:
        return sum(self.tally.errors.values())

    @property
    def rate(self) -> float:
        return self.tally.created / self.duration_s if self.duration_s else 0.0

    def p(self, fraction: float) -> float:
        return percentile(self.tally.saves_ms, fraction)

    @property
    def misses(self) -> list[str]:
        out = []
        if self.errors:
            out.append(f"{self.errors} errors")
        if not self.p(0.95) <= TARGET_P95_MS:
            out.append(f"p95 > {TARGET_P95_MS:g} ms")
        if not self.tally.created:
            out.append("no save succeeded")
        return out

    @property
    def exceptions(self) -> Counter[str]:
        """The exceptions in the server's log, counted: the last line of each traceback (of a chain of
        tracebacks, the last one's: the exception that reached Django)."""
        found: Counter[str] = Counter()
        current = ""
        in_traceback = False
        for line in self.log:
            if line.startswith("Traceback (most recent call last)"):
                in_traceback = True
            elif in_traceback:
                if not line.startswith((" ", "\t")):
                    current, in_traceback = line.strip(), False
            elif line.startswith(("The above exception was", "During handling of the above exception")):
                current = ""  # the chained traceback below ends with the exception that propagated
            elif current:
                found[current] += 1
                current = ""
        if current:
            found[current] += 1
        return found


# --- the clients -----------------------------------------------------------------------------------


class _Client:
    """One writer's HTTP connection (reopened when gunicorn closes it after a response)."""

    def __init__(self, host: str, port: int) -> None:
        self.conn = http.client.HTTPConnection(host, port, timeout=REQUEST_TIMEOUT_S)

    def call(self, method: str, path: str, token: str, body: Any = None) -> tuple[int, bytes, float]:
        headers = {"Authorization": f"Bearer {token}", "Accept-Language": "ja", "Connection": "keep-alive"}
        data = None
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            headers["Content-Type"] = "application/json"
        start = time.perf_counter()
        try:
            self.conn.request(method, path, body=data, headers=headers)
            response = self.conn.getresponse()
            payload = response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            raise
        elapsed = (time.perf_counter() - start) * 1000
        if response.will_close:
            self.conn.close()
        return response.status, payload, elapsed

    def close(self) -> None:
        self.conn.close()


def _detail(status: int, body: bytes) -> str:
    text = " ".join(body.decode("utf-8", "replace").split())
    return f"HTTP {status} {text[:200]}"


def edit(report: dict[str, Any], note: str) -> None:
    """Change one narrative field: the first objective's text (else the judgment's rationale) gets
    ``note`` at its end, in place of the note of an earlier save."""
    objectives = report.get("objectives") or []
    holder, key = (objectives[0], "text") if objectives else (report["judgment"], "rationale")
    text = _MARK.sub("", holder.get(key) or "")
    holder[key] = f"{text}［ベンチマーク {note}］"


def _writer(
    host: str,
    port: int,
    scenario: Scenario,
    writer: Writer,
    seed: int,
    deadline: float,
    total: Tally,
    lock: threading.Lock,
) -> None:
    rng = random.Random(seed)
    tally = Tally()
    client = _Client(host, port)
    saves = 0
    while time.perf_counter() < deadline:
        report_id = rng.choice(writer.reports)
        path = f"/api/reports/{report_id}"
        try:
            status, body, elapsed = client.call("GET", path, writer.token)
        except (OSError, http.client.HTTPException) as exc:
            tally.error("read", f"{type(exc).__name__}: {exc} for GET {path}")
            continue
        if status != 200:
            tally.error("read", f"{_detail(status, body)} for GET {path}")
            continue
        tally.reads_ms.append(elapsed)
        read = json.loads(body)
        report = read["report"]
        edit(report, f"{writer.name} {saves}")
        saves += 1
        payload = {
            "base_revision": read["revision"],
            "reason": f"ベンチマーク: {scenario.name}, {writer.name}",
            "report": report,
        }
        try:
            status, body, elapsed = client.call("POST", f"{path}/revisions", writer.token, payload)
        except (OSError, http.client.HTTPException) as exc:
            tally.error("save", f"{type(exc).__name__}: {exc} for POST {path}/revisions")
            continue
        if status == 201:
            tally.created += 1
            tally.saves_ms.append(elapsed)
        elif status == 409:
            tally.conflicts += 1
            tally.saves_ms.append(elapsed)
            continue
        else:
            tally.error("save", f"{_detail(status, body)} for POST {path}/revisions")
            continue
        if not scenario.workflow or saves % SUBMIT_EVERY:
            continue
        for action, token in (("submit", writer.token), ("return", writer.reviewer_token)):
            step = {"action": action, "comment": f"ベンチマーク: {writer.name}"}
            try:
                status, body, elapsed = client.call("POST", f"{path}/transitions", token, step)
            except (OSError, http.client.HTTPException) as exc:
                tally.error("transition", f"{type(exc).__name__}: {exc} for {action} {path}")
                break
            if status in (200, 409):
                tally.transitions_ms.append(elapsed)
                if status == 200:
                    tally.transitions_ok += 1
                else:
                    tally.transition_conflicts += 1
                    break
            else:
                tally.error("transition", f"{_detail(status, body)} for {action} {path}")
                break
    client.close()
    with lock:
        total.add(tally)


def run_scenario(
    host: str, port: int, scenario: Scenario, people: People, *, duration: float, seed: int
) -> tuple[Tally, float]:
    """The scenario's writers for ``duration`` seconds; what they saw, and the time it took."""
    writers = (
        [Writer(r.name, r.token, [people.race_report]) for r in people.racers]
        if scenario.race
        else people.writers
    )
    total = Tally()
    lock = threading.Lock()
    start = time.perf_counter()
    deadline = start + duration
    threads = [
        threading.Thread(
            target=_writer,
            args=(host, port, scenario, writer, seed * 1000 + n, deadline, total, lock),
            name=f"writer-{n}",
            daemon=True,
        )
        for n, writer in enumerate(writers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration + 3 * REQUEST_TIMEOUT_S + 10)
    # the last saves end a little after the deadline: count the time they took
    return total, max(duration, time.perf_counter() - start)


# --- the databases ---------------------------------------------------------------------------------


class Unavailable(Exception):
    """This database cannot be measured here (PostgreSQL not installed)."""


@dataclass
class Database:
    name: str
    """"SQLite" or "PostgreSQL"."""
    version: str
    env: dict[str, str]
    """The server's environment."""
    data_dir: Path
    manifest: dict[str, Any]
    corpus: str
    """How the corpus came to be there (markdown)."""
    server_log: Path | None = None
    """The database server's own log (PostgreSQL)."""
    server_pid_file: Path | None = None
    """The database server's pid file (PostgreSQL's postmaster.pid): its processes are the benchmark's."""


def work_dir(count: int, seed: int) -> Path:
    return Path(tempfile.gettempdir()) / f"hyoka-bench-writes-{count}-{seed}"


def _build_seconds(manifest: dict[str, Any]) -> float:
    timings = manifest.get("timings") or {}
    return sum(float(v) for v in timings.values()) if isinstance(timings, dict) else math.nan


@contextmanager
def sqlite_database(count: int, seed: int, *, rebuild: bool, keep: bool) -> Iterator[Database]:
    """A copy of the read benchmark's corpus (built first if needed), removed afterwards."""
    source = corpus_dir(count, seed)
    manifest = ensure_corpus(source, count, seed, rebuild=rebuild)
    data = work_dir(count, seed) / "sqlite"
    data.mkdir(parents=True, exist_ok=True)
    for old in data.glob("hyoka.sqlite3*"):
        old.unlink()
    print(f"copying the corpus from {source} to {data} …", file=sys.stderr)
    start = time.perf_counter()
    size = 0
    for path in sorted(source.glob("hyoka.sqlite3*")):
        shutil.copyfile(path, data / path.name)
        size += path.stat().st_size
    copy_s = time.perf_counter() - start
    print(f"  copied {size / 2**30:.1f} GiB in {copy_s:.0f} s", file=sys.stderr)
    corpus = (
        f"the read benchmark's corpus (`benchmarks/web.py`, built by `benchmarks/corpus.py` in "
        f"{_build_seconds(manifest):.0f} s), copied before the run ({size / 2**30:.1f} GiB, {copy_s:.0f} s)"
    )
    try:
        yield Database("SQLite", sqlite3.sqlite_version, _server_env(data), data, manifest, corpus)
    finally:
        if not keep:
            for path in data.glob("hyoka.sqlite3*"):
                path.unlink()


def _pg_bin() -> str | None:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: [int(x) for x in re.findall(r"\d+", p)]
    )
    return found[-1] if found else None


def _pg_url(url: str, database: str) -> str:
    return url.rsplit("/", 1)[0] + "/" + database


def _pg_execute(url: str, *statements: str) -> list[Any]:
    import psycopg

    rows: list[Any] = []
    with psycopg.connect(url, autocommit=True) as conn:
        for statement in statements:
            cursor = conn.execute(statement)  # type: ignore[arg-type,unused-ignore]  # fixed statements
            rows.append(cursor.fetchall() if cursor.description else None)
    return rows


@contextmanager
def postgres_database(count: int, seed: int, *, rebuild: bool, keep: bool) -> Iterator[Database]:
    """A throw-away PostgreSQL server (scripts/postgres-test.sh) with the corpus loaded once (kept in
    its cluster between runs); the run writes to a fresh copy of it. The server is stopped after."""
    if _pg_bin() is None:
        raise Unavailable("PostgreSQL is not installed (as root: scripts/system-deps.sh --test)")
    work = work_dir(count, seed)
    cluster, data = work / "pg-cluster", work / "pg-data"
    work.mkdir(parents=True, exist_ok=True)
    data.mkdir(exist_ok=True)
    env = {**os.environ, "PGPORT": str(_free_port())}
    started = subprocess.run(
        ["bash", str(PG_SCRIPT), "start", str(cluster)], env=env, capture_output=True, text=True, check=False
    )
    if started.returncode != 0:
        raise RuntimeError(f"postgres-test.sh start failed: {started.stderr.strip()}")
    admin = started.stdout.strip().splitlines()[-1]
    try:
        version = _pg_execute(admin, "SHOW server_version")[0][0][0]
        manifest_path = data / "corpus.json"
        manifest: dict[str, Any] = {}
        if manifest_path.exists():
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        exists = _pg_execute(admin, f"SELECT 1 FROM pg_database WHERE datname = '{PG_CORPUS_DB}'")[0]
        if rebuild or not exists or manifest.get("count") != count or manifest.get("seed") != seed:
            manifest_path.unlink(missing_ok=True)
            _pg_execute(
                admin,
                f"DROP DATABASE IF EXISTS {PG_CORPUS_DB} WITH (FORCE)",
                f"CREATE DATABASE {PG_CORPUS_DB}",
            )
            print(f"loading a corpus of {count:,} reports into PostgreSQL {version} …", file=sys.stderr)
            command = [
                sys.executable,
                str(ROOT / "benchmarks" / "corpus.py"),
                "--data-dir",
                str(data),
                "--count",
                str(count),
                "--seed",
                str(seed),
            ]
            load_env = {**_server_env(data), "DATABASE_URL": _pg_url(admin, PG_CORPUS_DB)}
            start = time.perf_counter()
            subprocess.run(command, cwd=ROOT, env=load_env, check=True, stdout=subprocess.DEVNULL)
            wall = time.perf_counter() - start
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            manifest["wall_s"] = round(wall, 1)
            manifest_path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
            print(f"  loaded in {wall:.0f} s", file=sys.stderr)
        else:
            print(f"reusing the corpus in PostgreSQL ({cluster})", file=sys.stderr)
        start = time.perf_counter()
        _pg_execute(
            admin,
            f"DROP DATABASE IF EXISTS {PG_WRITES_DB} WITH (FORCE)",
            f"CREATE DATABASE {PG_WRITES_DB} TEMPLATE {PG_CORPUS_DB}",
        )
        copy_s = time.perf_counter() - start
        size = _pg_execute(admin, f"SELECT pg_database_size('{PG_WRITES_DB}')")[0][0][0]
        corpus = (
            f"the same corpus loaded by `benchmarks/corpus.py` (`DATABASE_URL`) in "
            f"{float(manifest.get('wall_s', _build_seconds(manifest))):.0f} s, once, then copied before the "
            f"run (`CREATE DATABASE … TEMPLATE`, {size / 2**30:.1f} GiB, {copy_s:.0f} s); the server is "
            "`scripts/postgres-test.sh`'s throw-away one (loopback, `fsync=off`, otherwise defaults)"
        )
        server_env = {**_server_env(data), "DATABASE_URL": _pg_url(admin, PG_WRITES_DB)}
        yield Database(
            "PostgreSQL",
            version,
            server_env,
            data,
            manifest,
            corpus,
            server_log=cluster / "server.log",
            server_pid_file=cluster / "postmaster.pid",
        )
        if not keep:
            _pg_execute(admin, f"DROP DATABASE IF EXISTS {PG_WRITES_DB} WITH (FORCE)")
    finally:
        stopped = subprocess.run(["bash", str(PG_SCRIPT), "stop", str(cluster)], check=False)
        if stopped.returncode != 0:
            print(f"could not stop the PostgreSQL server in {cluster}", file=sys.stderr)


DATABASES: dict[str, Callable[..., Any]] = {"sqlite": sqlite_database, "postgresql": postgres_database}


# --- set-up ----------------------------------------------------------------------------------------

_PEOPLE_SCRIPT = """
import json, random
from django.contrib.auth.models import User
from django.db.models import Count
from hyoka.web.auth import create_token
from hyoka.web.reports.models import Membership, Report, Role, Status

WRITERS, SEED = %(writers)d, %(seed)d
editable = Report.objects.filter(
    status__in=[Status.DRAFT, Status.RETURNED, Status.PUBLISHED], bureau__isnull=False
)
bureaus = list(
    editable.values("bureau", "bureau__name", "ministry", "ministry__name")
    .annotate(n=Count("id")).order_by("-n", "bureau")[:WRITERS]
)
rng = random.Random(SEED)


def person(name, role, ministry, bureau=None):
    user = User.objects.get_or_create(username=name)[0]
    Membership.objects.update_or_create(
        user=user, defaults={"role": role, "ministry_id": ministry, "bureau_id": bureau}
    )
    return create_token(user)


reviewers = {}
writers = []
for n in range(WRITERS):
    b = bureaus[n %% len(bureaus)]
    sharing = [i for i in range(WRITERS) if i %% len(bureaus) == n %% len(bureaus)]
    ids = sorted(editable.filter(bureau=b["bureau"]).values_list("id", flat=True))
    mine = ids[sharing.index(n)::len(sharing)]  # writers sharing a bureau split its reports
    if b["ministry"] not in reviewers:
        reviewers[b["ministry"]] = person(f"bench-reviewer-{b['ministry']}", Role.REVIEWER, b["ministry"])
    writers.append({
        "name": f"bench-editor-{n}",
        "token": person(f"bench-editor-{n}", Role.EDITOR, b["ministry"], b["bureau"]),
        "reports": mine,
        "bureau": f"{b['ministry__name']} {b['bureau__name']}",
        "reviewer_token": reviewers[b["ministry"]],
    })
first = bureaus[0]
racers = []
for n in range(WRITERS):
    token = person(f"bench-racer-{n}", Role.EDITOR, first["ministry"], first["bureau"])
    racers.append({"name": f"bench-racer-{n}", "token": token, "reports": []})
race = rng.choice(sorted(editable.filter(bureau=first["bureau"]).values_list("id", flat=True)))
race_bureau = f"{first['ministry__name']} {first['bureau__name']}"
found = {"writers": writers, "racers": racers, "race_report": race, "race_bureau": race_bureau}
print(json.dumps(found, ensure_ascii=False))
"""


def _django(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "django", *args, "--settings=hyoka.web.settings"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"django {args[0]} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def make_people(env: dict[str, str], writers: int, seed: int) -> People:
    """The writers (an editor of its own bureau each, a reviewer of its ministry) and the racers (editors
    of one bureau), each with an API token; which reports each may write."""
    script = _PEOPLE_SCRIPT % {"writers": writers, "seed": seed}
    printed = _django(env, "shell", "--no-imports", "-c", script)
    found = json.loads(printed.strip().splitlines()[-1])
    people = People(
        writers=[Writer(**w) for w in found["writers"]],
        racers=[Writer(**r) for r in found["racers"]],
        race_report=int(found["race_report"]),
        race_bureau=found["race_bureau"],
    )
    empty = [w.name for w in people.writers if not w.reports]
    if empty:
        raise RuntimeError(f"no report to write for {', '.join(empty)}: a larger --count is needed")
    return people


def _log_lines(path: Path, offset: int) -> list[str]:
    """The server's log from ``offset`` on, without its access log and Django's 409 warnings."""
    with path.open("rb") as log:
        log.seek(offset)
        text = log.read().decode("utf-8", "replace")
    return [
        line
        for line in text.splitlines()
        if line.strip() and not _ACCESS_LINE.match(line) and not line.startswith("Conflict: ")
    ]


def _size(path: Path | None) -> int:
    try:
        return path.stat().st_size if path is not None else 0
    except OSError:
        return 0


def _cpu_times() -> dict[int, tuple[int, float]]:
    """Every process's parent and the CPU time it has used (user + system, seconds), from /proc
    (empty where there is no /proc)."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    out: dict[int, tuple[int, float]] = {}
    try:
        entries = list(os.scandir("/proc"))
    except OSError:
        return out
    for entry in entries:
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text(encoding="utf-8", errors="replace")
            fields = stat[stat.rindex(")") + 2 :].split()
            out[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
        except (OSError, ValueError, IndexError):
            continue
    return out


def _descendants(times: dict[int, tuple[int, float]], roots: set[int]) -> set[int]:
    children: dict[int, list[int]] = {}
    for pid, (parent, _cpu) in times.items():
        children.setdefault(parent, []).append(pid)
    found: set[int] = set()
    stack = list(roots)
    while stack:
        pid = stack.pop()
        if pid not in found:
            found.add(pid)
            stack += children.get(pid, [])
    return found


class OtherLoad:
    """The CPU time that processes outside the benchmark (this process, its children — gunicorn and
    its workers — and the database server) use over a window: other work on a shared machine, which
    slows the benchmark. Processes that start and end within the window are missed."""

    def __init__(self, db: Database) -> None:
        self.roots = {os.getpid()}
        try:
            if db.server_pid_file is not None:
                self.roots.add(int(db.server_pid_file.read_text(encoding="utf-8").split()[0]))
        except (OSError, ValueError, IndexError):
            pass
        self.before = _cpu_times()

    def seconds(self) -> float:
        after = _cpu_times()
        if not after:
            return math.nan
        ours = _descendants(self.before, self.roots) | _descendants(after, self.roots)
        return sum(
            max(0.0, cpu - self.before.get(pid, (0, 0.0))[1])
            for pid, (_parent, cpu) in after.items()
            if pid not in ours
        )


QUIET_LOAD = 0.1
"""``--wait-quiet``: other work below this share of the cores counts as a quiet machine."""


def wait_quiet(db: Database, limit_s: float) -> None:
    """Wait (at most ``limit_s``) until other work on the machine uses less than QUIET_LOAD of its
    cores over 5 seconds, so that a scenario does not share the cores with, say, a test run."""
    deadline = time.monotonic() + limit_s
    while True:
        others = OtherLoad(db)
        time.sleep(5)
        load = others.seconds() / (5 * usable_cores())
        if math.isnan(load) or load < QUIET_LOAD:
            return
        if time.monotonic() > deadline:
            print(
                f"  the machine is still busy ({_share(load)} other work): measuring anyway", file=sys.stderr
            )
            return
        print(f"  waiting for a quiet machine ({_share(load)} other work) …", file=sys.stderr)


# --- output ----------------------------------------------------------------------------------------

COLUMNS = (
    "database",
    "scenario",
    "saves",
    "201",
    "409",
    "errors",
    "201/s",
    "p50",
    "p95",
    "max",
    "GET p95",
    "other load",
    "target p95",
    "status",
)


def _share(value: float) -> str:
    return "—" if math.isnan(value) else f"{value:.0%}"


def rows(results: list[Result]) -> list[tuple[str, ...]]:
    return [
        (
            r.database,
            r.scenario.name,
            f"{r.saves:,}",
            f"{r.tally.created:,}",
            f"{r.tally.conflicts:,}",
            str(r.errors),
            f"{r.rate:.1f}",
            _ms(r.p(0.50)),
            _ms(r.p(0.95)),
            _ms(max(r.tally.saves_ms, default=math.nan)),
            _ms(percentile(r.tally.reads_ms, 0.95)),
            _share(r.other_load),
            f"≤ {TARGET_P95_MS:g} ms",
            ("MISSES: " + "; ".join(r.misses)) if r.misses else "meets targets",
        )
        for r in results
    ]


TRANSITION_COLUMNS = ("database", "transitions", "200", "409", "p50", "p95", "max")


def transition_rows(results: list[Result]) -> list[tuple[str, ...]]:
    return [
        (
            r.database,
            f"{len(r.tally.transitions_ms) + r.tally.errors['transition']:,}",
            f"{r.tally.transitions_ok:,}",
            f"{r.tally.transition_conflicts:,}",
            _ms(percentile(r.tally.transitions_ms, 0.50)),
            _ms(percentile(r.tally.transitions_ms, 0.95)),
            _ms(max(r.tally.transitions_ms, default=math.nan)),
        )
        for r in results
        if r.scenario.workflow
    ]


def table(columns: tuple[str, ...], body: list[tuple[str, ...]]) -> str:
    every = [columns, *body]
    widths = [max(len(row[i]) for row in every) for i in range(len(columns))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in every]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _markdown_table(columns: tuple[str, ...], body: list[tuple[str, ...]]) -> list[str]:
    return [
        "| " + " | ".join(columns) + " |",
        "| " + " | ".join("---" for _ in columns) + " |",
        *("| " + " | ".join(row) + " |" for row in body),
    ]


def markdown(
    results: list[Result],
    databases: list[Database],
    skipped: dict[str, str],
    people: dict[str, People],
    info: dict[str, str],
    *,
    workers: int,
    writers: int,
    duration: float,
    warmup: float,
    today: dt.date,
) -> str:
    any_people = next(iter(people.values()), None)
    sets = (
        f"{min(len(w.reports) for w in any_people.writers)}–{max(len(w.reports) for w in any_people.writers)}"
        if any_people
        else "—"
    )
    out = [
        SECTION_START,
        "## Writes",
        "",
        "Generated by `benchmarks/writes.py` (also run by `make bench`); do not edit by hand. See",
        "[benchmarks/README.md](../benchmarks/README.md#writes).",
        "",
        f"Measured on {today.isoformat()}: " + ", ".join(f"{k} {v}" for k, v in info.items()) + ".",
        "",
    ]
    for db in databases:
        count = int(db.manifest.get("count", 0))
        published = int(db.manifest.get("published", 0))
        out.append(f"**{db.name} {db.version}**: {count:,} reports ({published:,} published), {db.corpus}.")
        out.append("")
    for name, reason in skipped.items():
        out += [f"**{name}**: not measured: {reason}.", ""]
    if any_people is not None:
        out += [
            f"**Writers**: {writers} editors (role `editor`, an API token each), each of its own bureau and "
            f"writing only that bureau's reports it may edit (draft, returned or published: {sets} reports "
            f"a writer), so no two writers share a report; in `same_report`, {writers} editors of one "
            f"bureau ({any_people.race_bureau}) all write one report; in `mixed`, a reviewer of each "
            "writer's ministry returns what the writer submits.",
            "",
        ]
    out += [
        f"**Load**: gunicorn, {workers} sync workers (`hyoka serve`'s default, the default set-up), on "
        f"127.0.0.1, as `hyoka serve` runs it; {writers} writer threads on the same machine, each "
        "repeatedly reading a report (`GET /api/reports/{id}`), changing one narrative field and saving a "
        "revision based on the revision it read (`POST /api/reports/{id}/revisions`), back to back, for "
        f"{duration:g} s per scenario after {warmup:g} s of warm-up. *saves*: the POSTs of a revision; "
        "*errors*: any answer other than 2xx or 409 (500 included) to any request, or none within "
        f"{REQUEST_TIMEOUT_S:g} s; *201/s*: saved revisions a second; p50, p95 (nearest rank) and max: "
        "latency of every answered save (201 and 409), measured by the client (connection and queueing "
        "included); *GET p95*: the reads' latency; *other load*: the CPU time that processes outside "
        "the benchmark (other work on this shared machine) used during the scenario, as a share of the "
        f"{usable_cores()} cores: where it is high, the figures are pessimistic.",
        "",
        *_markdown_table(COLUMNS, rows(results)),
        "",
        "| scenario | what the writers do |",
        "| --- | --- |",
        *(f"| {s.name} | {s.description} |" for s in SCENARIOS if any(r.scenario is s for r in results)),
        "",
    ]
    transitions = transition_rows(results)
    if transitions:
        out += [
            "Workflow transitions of the mixed scenario (`POST /api/reports/{id}/transitions`, submit and "
            "return; no target):",
            "",
            *_markdown_table(TRANSITION_COLUMNS, transitions),
            "",
        ]
    failures = [r for r in results if r.errors or r.exceptions]
    if failures:
        out += ["**Errors seen** (the exceptions in the server's log):", ""]
        for r in failures:
            kinds = ", ".join(f"{n} {what}" for what, n in sorted(r.tally.errors.items()))
            out.append(f"* {r.database}, {r.scenario.name}: {r.errors} errors ({kinds or 'none'})")
            for exception, n in r.exceptions.most_common(5):
                out.append(f"  * {n} × `{exception}`")
        out.append("")
    out += [
        f"**Targets**: 0 errors and save p95 ≤ {TARGET_P95_MS:g} ms, with {writers} writers at once on the "
        "target machine (2 cores), on SQLite and on PostgreSQL.",
        "",
        SECTION_END,
        "",
    ]
    return "\n".join(out)


def write_section(text: str, path: Path) -> None:
    try:
        document = path.read_text(encoding="utf-8")
    except OSError:
        document = "# Performance\n"
    if WRITES_SECTION.search(document):
        document = WRITES_SECTION.sub(lambda _m: text, document, count=1)
    else:
        document = document.rstrip("\n") + "\n\n" + text
    path.write_text(document, encoding="utf-8")


# --- main ------------------------------------------------------------------------------------------


def measure(
    db: Database, selected: list[Scenario], args: argparse.Namespace, workers: int
) -> tuple[People, list[Result]]:
    _django(db.env, "migrate", "--no-input", "-v", "0")
    people = make_people(db.env, args.writers, args.seed)
    sizes = sorted(len(w.reports) for w in people.writers)
    print(
        f"{db.name}: {len(people.writers)} writers with {sizes[0]}–{sizes[-1]} reports each; "
        f"race on report {people.race_report} ({people.race_bureau})",
        file=sys.stderr,
    )
    results = []
    log = db.data_dir / "gunicorn.log"
    with serve(db.data_dir, workers, env=db.env) as (host, port):
        for n, scenario in enumerate(selected):
            print(
                f"{db.name} {scenario.name}: {args.warmup:g} s warm-up, "
                f"{args.writers} writers × {args.duration:g} s …",
                file=sys.stderr,
            )
            if args.wait_quiet:
                wait_quiet(db, args.wait_quiet * 60)
            offset, db_offset = _size(log), _size(db.server_log)
            if args.warmup:
                run_scenario(host, port, scenario, people, duration=args.warmup, seed=args.seed - n)
            others = OtherLoad(db)
            tally, elapsed = run_scenario(
                host, port, scenario, people, duration=args.duration, seed=args.seed + n
            )
            result = Result(db.name, scenario, elapsed, tally, _log_lines(log, offset), others.seconds())
            print(f"  other work on the machine meanwhile: {_share(result.other_load)}", file=sys.stderr)
            for sample in tally.samples:
                print(f"  error: {sample}", file=sys.stderr)
            for line in result.log[:200]:
                print(f"  server: {line}", file=sys.stderr)
            if db.server_log is not None and _size(db.server_log) > db_offset:
                # the database server's errors (PostgreSQL's log: ERROR, FATAL, deadlocks …)
                lines = [line for line in _log_lines(db.server_log, db_offset) if _PG_PROBLEM.search(line)]
                for line in lines[:50]:
                    print(f"  {db.name}: {line}", file=sys.stderr)
            results.append(result)
    return people, results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=10_000, help="reports in the corpus (default 10,000)")
    parser.add_argument("--seed", type=int, default=2026, help="corpus and writer seed (default 2026)")
    parser.add_argument("--writers", type=int, default=WRITERS, help=f"writers (default {WRITERS})")
    parser.add_argument(
        "--duration", type=float, default=DURATION_S, help=f"seconds per scenario (default {DURATION_S:g})"
    )
    parser.add_argument(
        "--warmup", type=float, default=WARMUP_S, help=f"warm-up seconds per scenario (default {WARMUP_S:g})"
    )
    parser.add_argument(
        "--workers", type=int, help=f"gunicorn workers (default {DEFAULT_WORKERS}, as `hyoka serve`)"
    )
    parser.add_argument(
        "--database",
        action="append",
        choices=sorted(DATABASES),
        help="measure only this database (repeatable; default: both)",
    )
    parser.add_argument("--only", action="append", metavar="NAME", help="run only this scenario (repeatable)")
    parser.add_argument(
        "--wait-quiet",
        type=float,
        default=0,
        metavar="MINUTES",
        help="before each scenario, wait up to MINUTES until other work on the machine is under "
        f"{QUIET_LOAD * 100:.0f} %% of its cores (default 0: do not wait)",
    )
    parser.add_argument("--rebuild", action="store_true", help="build the corpora again")
    parser.add_argument("--keep", action="store_true", help="keep the written copies of the corpus")
    parser.add_argument("--no-write", action="store_true", help=f"do not update {REPORT.relative_to(ROOT)}")
    parser.add_argument("--output", type=Path, default=REPORT, help="the markdown file to update")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    known = [s.name for s in SCENARIOS]
    unknown = sorted(set(args.only or []) - set(known))
    if unknown:
        parser.error(f"unknown scenario(s): {', '.join(unknown)} (known: {', '.join(known)})")
    if args.writers < 1 or args.duration <= 0 or args.warmup < 0 or args.count < 1:
        parser.error("--writers, --duration and --count must be positive, --warmup not negative")
    selected = [s for s in SCENARIOS if not args.only or s.name in args.only]
    workers = args.workers or DEFAULT_WORKERS

    results: list[Result] = []
    databases: list[Database] = []
    people: dict[str, People] = {}
    skipped: dict[str, str] = {}
    for key in args.database or list(DATABASES):
        try:
            with DATABASES[key](args.count, args.seed, rebuild=args.rebuild, keep=args.keep) as db:
                databases.append(db)
                people[db.name], measured = measure(db, selected, args, workers)
                results += measured
        except Unavailable as exc:
            name = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[key]
            skipped[name] = str(exc)
            print(f"\n*** {name} NOT measured: {exc} ***\n", file=sys.stderr)
    info = machine()
    print()
    for key, value in info.items():
        print(f"{key:9} {value}")
    print()
    print(table(COLUMNS, rows(results)))
    transitions = transition_rows(results)
    if transitions:
        print()
        print(table(TRANSITION_COLUMNS, transitions))
    for r in results:
        for exception, n in r.exceptions.most_common():
            print(f"{r.database} {r.scenario.name}: {n} × {exception}", file=sys.stderr)
    if not args.no_write:
        text = markdown(
            results,
            databases,
            skipped,
            people,
            info,
            workers=workers,
            writers=args.writers,
            duration=args.duration,
            warmup=args.warmup,
            today=dt.date.today(),
        )
        write_section(text, args.output)
        print(f"\nupdated the Writes section of {args.output}", file=sys.stderr)
    missed = [f"{r.database} {r.scenario.name}" for r in results if r.misses]
    if missed and args.check:
        print(f"missed targets: {', '.join(missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
