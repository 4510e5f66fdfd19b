"""Web benchmarks: the app under gunicorn with a corpus of 10,000 reports, 20 concurrent clients.

    .venv/bin/python benchmarks/web.py               # build or reuse the corpus, measure, update docs
    .venv/bin/python benchmarks/web.py --no-write --duration 5 --only list --only trivial
    .venv/bin/python benchmarks/web.py --rebuild     # build the corpus again
    .venv/bin/python benchmarks/web.py --check       # exit 1 when a target is missed

The corpus (``benchmarks/corpus.py``) is built once into ``$TMPDIR/hyoka-bench-web-COUNT-SEED``
and reused while its manifest matches (the benchmark only reads: GET requests, no sessions). The
server is what ``hyoka serve`` runs: ``gunicorn hyoka.web.wsgi:application`` with sync workers,
2 × the usable cores, bound to 127.0.0.1 on a free port, access log on (to a file here).

Each scenario runs on its own: a warm-up, then ``--clients`` client threads (http.client; each
keeps its connection open when the server lets it: gunicorn's sync workers close it after each
response, so each request is a new loopback connection) send requests back to back for
``--duration`` seconds. Per scenario: requests, errors (anything but 200, or no answer), throughput,
and the latency p50, p95 (nearest rank) and maximum, measured by the client (connection and
queueing included). The figures and the machine go into the "Web" section of
``docs/performance.md``, which ``benchmarks/run.py`` keeps when it rewrites the file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import math
import os
import random
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from run import KEPT_SECTION, REPORT, ROOT, machine

SECTION_START = "<!-- web-benchmarks:start -->"
SECTION_END = "<!-- web-benchmarks:end -->"
"""The Web section of docs/performance.md lies between these (run.py's KEPT_SECTION keeps it)."""

CLIENTS = 20
DURATION_S = 20.0
WARMUP_S = 3.0
REQUEST_TIMEOUT_S = 30.0
START_TIMEOUT_S = 60.0
THROUGHPUT_SHARE = 0.5
"""Each page's throughput must be at least this share of the trivial view's."""
LIST_PAGES = 20
"""The list scenario asks for its pages 1 … LIST_PAGES (50 reports a page), at random."""
DASHBOARD_MINISTRIES = 12
DASHBOARD_YEARS = list(range(2015, 2025))
"""The corpus's 12 ministries (ids 1–12) and evaluation years, for the filtered dashboard."""
AUDIT_LISTS = ["softened", "repeated_misses", "far_above", "main_without_numbers", "grades", "budget"]
AUDIT_PAGES = 5


PAIRS = ["日米", "日英", "米国", "英国", "外交", "協力", "交流", "安保", "経済", "首脳", "会談", "対話"]
"""2-character terms of the uncached search scenario (all in the corpus's text)."""


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    target_p95_ms: float | None
    paths: Callable[[random.Random, list[int]], str]
    """A request path, given the client's random generator and the published reports' ids."""
    compare: bool = True
    """Whether its throughput is held against the trivial view's."""
    needs_pages: bool = False
    """Whether it reads the stored report pages, which ``prepare`` renders first (minutes)."""


SCENARIOS: list[Scenario] = [
    Scenario(
        "trivial",
        "`GET /healthz`: a view that returns 「ok」 (no query), through the same middleware",
        None,
        lambda rng, ids: "/healthz",
        compare=False,
    ),
    Scenario(
        "list",
        f"`GET /?page=N`, N random in 1–{LIST_PAGES}: the list of published reports (50 a page) "
        "with its filters",
        100.0,
        lambda rng, ids: f"/?page={rng.randint(1, LIST_PAGES)}",
    ),
    Scenario(
        "search_2chars",
        "`GET /?q=日米`: a 2-character term (through the trigram index's vocabulary)",
        100.0,
        lambda rng, ids: "/?q=" + urllib.parse.quote("日米"),
    ),
    Scenario(
        "search_uncached",
        "`GET /?q=PAIR&n=RANDOM`: a 2-character term among "
        f"{len(PAIRS)} (日米, 米国, 外交 …) with a parameter that makes every URL new, so the public-page "
        "cache never answers: what a new query costs, a page of 20 results with their passages "
        "(every request of the 20 clients is a page nobody asked before, so its throughput is not held "
        "against the trivial view's)",
        150.0,
        lambda rng, ids: f"/?q={urllib.parse.quote(rng.choice(PAIRS))}&n={rng.getrandbits(48)}",
        compare=False,
    ),
    Scenario(
        "search_trigram",
        "`GET /?q=フランス`: a term of 3 characters or more (the FTS5 trigram index)",
        100.0,
        lambda rng, ids: "/?q=" + urllib.parse.quote("フランス"),
    ),
    Scenario(
        "report",
        "`GET /reports/ID/`, ID a random published report, anonymous: the report page",
        150.0,
        lambda rng, ids: f"/reports/{rng.choice(ids)}/",
        needs_pages=True,
    ),
    Scenario(
        "dashboard",
        "`GET /portfolio/`, anonymous: the portfolio dashboard over every published report",
        100.0,
        lambda rng, ids: "/portfolio/",
    ),
    Scenario(
        "dashboard_filtered",
        f"`GET /portfolio/?ministry=M&fiscal_year=Y`, M random in 1–{DASHBOARD_MINISTRIES}, Y in "
        f"{DASHBOARD_YEARS[0]}–{DASHBOARD_YEARS[-1]}: the dashboard of one ministry and year",
        100.0,
        lambda rng, ids: (
            f"/portfolio/?ministry={rng.randint(1, DASHBOARD_MINISTRIES)}"
            f"&fiscal_year={rng.choice(DASHBOARD_YEARS)}"
        ),
    ),
    Scenario(
        "audit_list",
        f"`GET /portfolio/KIND/?page=N`, KIND one of the {len(AUDIT_LISTS)} portfolio lists, N random in "
        f"1–{AUDIT_PAGES}: a page of a target audit list",
        100.0,
        lambda rng, ids: f"/portfolio/{rng.choice(AUDIT_LISTS)}/?page={rng.randint(1, AUDIT_PAGES)}",
    ),
]


@dataclass
class Result:
    scenario: Scenario
    duration_s: float
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return len(self.latencies_ms) + self.errors

    @property
    def throughput(self) -> float:
        return len(self.latencies_ms) / self.duration_s if self.duration_s else 0.0

    def percentile(self, fraction: float) -> float:
        return percentile(self.latencies_ms, fraction)

    @property
    def max_ms(self) -> float:
        return max(self.latencies_ms, default=math.nan)


def percentile(latencies_ms: Iterable[float], fraction: float) -> float:
    """The nearest-rank percentile (``fraction`` 0.95: p95); NaN when there is no value."""
    values = sorted(latencies_ms)
    if not values:
        return math.nan
    return values[max(1, math.ceil(fraction * len(values))) - 1]


# --- the corpus and the server ---------------------------------------------------------------------


def corpus_dir(count: int, seed: int) -> Path:
    return Path(tempfile.gettempdir()) / f"hyoka-bench-web-{count}-{seed}"


def ensure_corpus(data_dir: Path, count: int, seed: int, *, rebuild: bool) -> dict[str, object]:
    """The corpus manifest; builds the corpus (in a subprocess) unless a matching one is there."""
    manifest_path = data_dir / "corpus.json"
    if not rebuild and manifest_path.exists():
        manifest: dict[str, object] = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest.get("count") == count and manifest.get("seed") == seed:
            print(f"reusing the corpus in {data_dir}", file=sys.stderr)
            return manifest
    if data_dir.exists():
        for path in data_dir.iterdir():
            if path.is_file():
                path.unlink()
    print(f"building a corpus of {count:,} reports in {data_dir} …", file=sys.stderr)
    command = [
        sys.executable,
        str(ROOT / "benchmarks" / "corpus.py"),
        "--data-dir",
        str(data_dir),
        "--count",
        str(count),
        "--seed",
        str(seed),
    ]
    subprocess.run(command, cwd=ROOT, env=_server_env(data_dir), check=True, stdout=subprocess.DEVNULL)
    built: dict[str, object] = json.loads(manifest_path.read_text(encoding="utf-8"))
    return built


def prepare(data_dir: Path, *, pages: bool = True) -> None:
    """What an operator does after an upgrade: migrate, and render the report pages that are not
    stored for this code yet (``hyoka_public_pages``: any change to the code makes them stale;
    about 2 minutes for 8,000 published reports, nothing when they are current). ``pages`` False:
    only migrate (no scenario selected reads a stored page)."""
    env = _server_env(data_dir)
    django = [sys.executable, "-m", "django"]
    settings = "--settings=hyoka.web.settings"
    subprocess.run([*django, "migrate", "--no-input", "-v", "0", settings], cwd=ROOT, env=env, check=True)
    if not pages:
        return
    print("rendering the report pages not stored for this code yet …", file=sys.stderr)
    subprocess.run(
        [*django, "hyoka_public_pages", "--page", "detail", "--stale", settings],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=sys.stderr,
    )


def _server_env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("DATABASE_URL", "HYOKA_PRODUCTION", "HYOKA_DEBUG", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    env.update(
        {
            "HYOKA_DATA_DIR": str(data_dir),
            "HYOKA_SECRET_KEY": secrets.token_urlsafe(50),
            "HYOKA_ALLOWED_HOSTS": "127.0.0.1",
        }
    )
    return env


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serve(data_dir: Path, workers: int, *, env: dict[str, str] | None = None) -> Iterator[tuple[str, int]]:
    """gunicorn on a free loopback port, as ``hyoka serve`` starts it; yields (host, port). ``env``:
    the server's environment (default: ``_server_env(data_dir)``, SQLite in ``data_dir``)."""
    port = _free_port()
    log = data_dir / "gunicorn.log"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "hyoka.web.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--error-logfile",
        "-",
        "--no-control-socket",
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env or _server_env(data_dir), stdout=out, stderr=out
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {process.returncode}; see {log}")
            try:
                status, _body = _get("127.0.0.1", port, "/healthz")
                if status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer within {START_TIMEOUT_S:.0f} s; see {log}")
            time.sleep(0.2)
        yield "127.0.0.1", port
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)


def _get(host: str, port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(host, port, timeout=REQUEST_TIMEOUT_S)
    try:
        conn.request("GET", path, headers={"Accept-Language": "ja"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


# --- the clients -----------------------------------------------------------------------------------


def _client(
    host: str,
    port: int,
    scenario: Scenario,
    ids: list[int],
    seed: int,
    deadline: float,
    result: Result,
    lock: threading.Lock,
) -> None:
    rng = random.Random(seed)
    latencies: list[float] = []
    errors: list[str] = []
    conn = http.client.HTTPConnection(host, port, timeout=REQUEST_TIMEOUT_S)
    headers = {"Accept-Language": "ja", "Connection": "keep-alive"}
    while time.perf_counter() < deadline:
        path = scenario.paths(rng, ids)
        start = time.perf_counter()
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            body = response.read()
            elapsed = (time.perf_counter() - start) * 1000
            if response.status == 200 and body:
                latencies.append(elapsed)
            else:
                errors.append(f"HTTP {response.status} for {path}")
            if response.will_close:
                conn.close()
        except (OSError, http.client.HTTPException) as exc:
            errors.append(f"{type(exc).__name__}: {exc} for {path}")
            conn.close()
    conn.close()
    with lock:
        result.latencies_ms += latencies
        result.errors += len(errors)
        result.error_samples += errors[: 5 - len(result.error_samples)]


def run_scenario(
    host: str, port: int, scenario: Scenario, ids: list[int], *, clients: int, duration: float, seed: int
) -> Result:
    lock = threading.Lock()
    start = time.perf_counter()
    deadline = start + duration
    result = Result(scenario, duration)
    threads = [
        threading.Thread(
            target=_client,
            args=(host, port, scenario, ids, seed * 1000 + n, deadline, result, lock),
            name=f"client-{n}",
            daemon=True,
        )
        for n in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration + REQUEST_TIMEOUT_S + 10)
    # the last requests end a little after the deadline: count the time they took
    result.duration_s = max(duration, time.perf_counter() - start)
    return result


# --- output ----------------------------------------------------------------------------------------


def _ms(value: float) -> str:
    return "—" if math.isnan(value) else f"{value:.0f} ms" if value >= 10 else f"{value:.1f} ms"


def verdicts(results: list[Result]) -> dict[str, list[str]]:
    """Per scenario, the targets it misses (empty when it meets them all)."""
    trivial = next((r for r in results if r.scenario.name == "trivial"), None)
    missed: dict[str, list[str]] = {}
    for r in results:
        misses = []
        if r.errors:
            misses.append(f"{r.errors} errors")
        target = r.scenario.target_p95_ms
        if target is not None and not r.percentile(0.95) <= target:
            misses.append(f"p95 > {target:g} ms")
        if (
            r.scenario.compare
            and trivial is not None
            and r.throughput < THROUGHPUT_SHARE * trivial.throughput
        ):
            misses.append(f"throughput < {THROUGHPUT_SHARE:g} × trivial")
        missed[r.scenario.name] = misses
    return missed


COLUMNS = (
    "scenario",
    "requests",
    "errors",
    "req/s",
    "vs trivial",
    "p50",
    "p95",
    "max",
    "target p95",
    "status",
)


def _status(result: Result, misses: list[str]) -> str:
    if misses:
        return "MISSES: " + "; ".join(misses)
    informational = result.scenario.target_p95_ms is None and not result.scenario.compare
    return "no errors (no target)" if informational and result.scenario.name != "trivial" else "meets targets"


def rows(results: list[Result]) -> list[tuple[str, ...]]:
    trivial = next((r for r in results if r.scenario.name == "trivial"), None)
    missed = verdicts(results)
    out = []
    for r in results:
        share = (
            f"{r.throughput / trivial.throughput:.2f}"
            if trivial is not None and trivial.throughput and r.scenario.compare
            else "—"
        )
        target = r.scenario.target_p95_ms
        out.append(
            (
                r.scenario.name,
                f"{r.requests:,}",
                str(r.errors),
                f"{r.throughput:.1f}",
                share,
                _ms(r.percentile(0.50)),
                _ms(r.percentile(0.95)),
                _ms(r.max_ms),
                f"≤ {target:g} ms" if target is not None else "—",
                _status(r, missed[r.scenario.name]),
            )
        )
    return out


def table(results: list[Result]) -> str:
    body = [COLUMNS, *rows(results)]
    widths = [max(len(row[i]) for row in body) for i in range(len(COLUMNS))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in body]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown(
    results: list[Result],
    info: dict[str, str],
    manifest: dict[str, object],
    *,
    workers: int,
    clients: int,
    duration: float,
    warmup: float,
    today: dt.date,
) -> str:
    db_bytes = manifest.get("database_bytes")
    db_size = f"{int(db_bytes) / 2**30:.1f} GiB" if isinstance(db_bytes, int) else "—"
    timings = manifest.get("timings") or {}
    build_s = sum(float(v) for v in timings.values()) if isinstance(timings, dict) else math.nan
    count = int(str(manifest.get("count", 0)))
    chars = int(str(manifest.get("search_chars", 0)))
    out = [
        SECTION_START,
        "## Web",
        "",
        "Generated by `benchmarks/web.py` (kept as is by `make bench`; run `benchmarks/web.py` again to",
        "update it). See [benchmarks/README.md](../benchmarks/README.md#web).",
        "",
        f"Measured on {today.isoformat()}: " + ", ".join(f"{k} {v}" for k, v in info.items()) + ".",
        "",
        f"**Corpus**: {count:,} reports generated from the sample by `benchmarks/corpus.py` (seed "
        f"{manifest.get('seed')}), {int(str(manifest.get('published', 0))):,} of them published; narratives "
        f"{chars / max(count, 1) / 1000:.1f} thousand characters a report on average (the sample has 45); "
        f"{manifest.get('database')} database of {db_size}, built in {build_s:.0f} s.",
        "",
        f"**Load**: gunicorn, {workers} sync workers (2 × {usable_cores()} usable cores), on 127.0.0.1; "
        f"{clients} client threads on the same machine send requests back to back, anonymous, for "
        f"{duration:g} s per scenario after {warmup:g} s of warm-up. Latency is measured by the client "
        "(connection and queueing included); p95 is the nearest rank.",
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "| " + " | ".join("---" for _ in COLUMNS) + " |",
        *("| " + " | ".join(row) + " |" for row in rows(results)),
        "",
        "| scenario | what it requests |",
        "| --- | --- |",
        *(f"| {r.scenario.name} | {r.scenario.description} |" for r in results),
        "",
        "**Targets**: list and search p95 ≤ 100 ms, report page and a new (uncached) search p95 ≤ 150 ms,",
        f"at {clients} concurrent clients on loopback with 0 errors; each page's throughput at least half",
        "the trivial view's (not the uncached search's: each of its requests is a page nobody asked before).",
        "Where the time goes and what would meet the targets: "
        "[benchmarks/README.md](../benchmarks/README.md#findings).",
        "",
        SECTION_END,
    ]
    return "\n".join(out) + "\n"


def splice(document: str, section: str) -> str:
    """``document`` with its Web section replaced by ``section`` (appended when it has none)."""
    if KEPT_SECTION.search(document):
        return KEPT_SECTION.sub(lambda _m: section, document, count=1)
    return document.rstrip("\n") + "\n\n" + section


# --- main ------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=10_000, help="reports in the corpus (default 10,000)")
    parser.add_argument("--seed", type=int, default=2026, help="corpus and client seed (default 2026)")
    parser.add_argument("--data-dir", type=Path, help="the corpus's data directory (default: in $TMPDIR)")
    parser.add_argument("--rebuild", action="store_true", help="build the corpus even if one matches")
    parser.add_argument(
        "--clients", type=int, default=CLIENTS, help=f"concurrent clients (default {CLIENTS})"
    )
    parser.add_argument(
        "--duration", type=float, default=DURATION_S, help="seconds per scenario (default 20)"
    )
    parser.add_argument(
        "--warmup", type=float, default=WARMUP_S, help="warm-up seconds per scenario (default 3)"
    )
    parser.add_argument("--workers", type=int, help="gunicorn workers (default 2 × usable cores)")
    parser.add_argument("--only", action="append", metavar="NAME", help="run only this scenario (repeatable)")
    parser.add_argument("--no-write", action="store_true", help="do not update docs/performance.md")
    parser.add_argument("--output", type=Path, default=REPORT, help="the markdown file to update")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    known = [s.name for s in SCENARIOS]
    unknown = sorted(set(args.only or []) - set(known))
    if unknown:
        parser.error(f"unknown scenario(s): {', '.join(unknown)} (known: {', '.join(known)})")
    if args.clients < 1 or args.duration <= 0 or args.warmup < 0 or args.count < 1:
        parser.error("--clients, --duration and --count must be positive, --warmup not negative")
    # the trivial view is the yardstick of the throughput target: always measured
    selected = [s for s in SCENARIOS if not args.only or s.name in args.only or s.name == "trivial"]
    workers = args.workers or 2 * usable_cores()
    data_dir = args.data_dir or corpus_dir(args.count, args.seed)

    manifest = ensure_corpus(data_dir, args.count, args.seed, rebuild=args.rebuild)
    prepare(data_dir, pages=any(s.needs_pages for s in selected))
    ids = [int(i) for i in manifest["published_ids"]]  # type: ignore[attr-defined]
    if not ids:
        raise SystemExit("the corpus has no published report")
    results = []
    with serve(data_dir, workers) as (host, port):
        for n, scenario in enumerate(selected):
            print(
                f"{scenario.name}: {args.warmup:g} s warm-up, {args.clients} clients × {args.duration:g} s …",
                file=sys.stderr,
            )
            if args.warmup:
                run_scenario(
                    host, port, scenario, ids, clients=args.clients, duration=args.warmup, seed=args.seed - n
                )
            result = run_scenario(
                host, port, scenario, ids, clients=args.clients, duration=args.duration, seed=args.seed + n
            )
            for sample in result.error_samples:
                print(f"  error: {sample}", file=sys.stderr)
            results.append(result)
    info = machine()
    print()
    for key, value in info.items():
        print(f"{key:9} {value}")
    print()
    print(table(results))
    if not args.no_write:
        section = markdown(
            results,
            info,
            manifest,
            workers=workers,
            clients=args.clients,
            duration=args.duration,
            warmup=args.warmup,
            today=dt.date.today(),
        )
        old = args.output.read_text(encoding="utf-8") if args.output.exists() else "# Performance\n"
        args.output.write_text(splice(old, section), encoding="utf-8")
        print(f"\nupdated the Web section of {args.output}", file=sys.stderr)
    missed = [name for name, misses in verdicts(results).items() if misses]
    if missed and args.check:
        print(f"missed targets: {', '.join(missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
