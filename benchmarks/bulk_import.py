"""Bulk import benchmark: ``hyoka import DIR --into DATA`` of 1,000 generated reports, timed as a
person runs it (the real command: its Django child, its workers), into a fresh migrated SQLite data
directory. Target: ≤ 60 s on our 2-core machines (issue 6).

    .venv/bin/python benchmarks/bulk_import.py              # 1,000 reports; import, then with --publish
    .venv/bin/python benchmarks/bulk_import.py --files 200 --no-write
    .venv/bin/python benchmarks/bulk_import.py --source sample   # copies of the sample (148 kB each)
    .venv/bin/python benchmarks/bulk_import.py --check      # exit 1 when the import misses its target

The reports come from ``hyoka corpus generate --reports N --seed S`` (PDF-extracted-style text, with
the default rates of planted errors), or with ``--source sample`` from copies of
``samples/mofa-r2-I-2-hokubei.txt`` each with its own measure number. Generating them and migrating
are not timed. Each run starts from an empty database: once plain (drafts), once ``--publish``
(published, with the public pages rendered). Per run: the wall time of the command, files a second,
the CPU time of the command and its children, and the machine's load average when it started (on
a shared machine other work slows the run). The figures go into the "Bulk import" section of
``docs/performance.md``, which ``benchmarks/run.py`` keeps when it rewrites the file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from run import BULK_IMPORT_SECTION, REPORT, ROOT, SAMPLE, machine

SECTION_START = "<!-- bulk-import-benchmarks:start -->"
SECTION_END = "<!-- bulk-import-benchmarks:end -->"
"""The "Bulk import" section of docs/performance.md lies between these (run.py keeps it)."""

TARGET_S = 60.0
DEFAULT_FILES = 1000
DEFAULT_SEED = 2026
HEADING = "施策 I - 2 北米地域外交"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


@dataclass(frozen=True)
class Run:
    name: str
    files: int
    stored: int
    exit_code: int
    wall_s: float
    cpu_s: float
    load: float

    @property
    def rate(self) -> float:
        return self.files / self.wall_s

    @property
    def status(self) -> str:
        if self.exit_code != 0 or self.stored != self.files:
            return f"FAILED (exit {self.exit_code}, {self.stored} of {self.files} stored)"
        if self.name != "import":
            return "no target"
        return "meets target" if self.wall_s <= TARGET_S else "MISSES target"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "HYOKA_LANG", "HYOKA_DEBUG"}}
    env.update(extra)
    return env


def _hyoka(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hyoka.cli", *map(str, args)],
        env=env or _env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def make_reports(out: Path, count: int, seed: int, source: str) -> str:
    """The input files; what they are, for the report."""
    if source == "corpus":
        done = _hyoka("corpus", "generate", "--reports", str(count), "--seed", str(seed), out)
        if done.returncode != 0:
            raise SystemExit(f"hyoka corpus generate failed: {done.stderr.strip()}")
        size = sum(p.stat().st_size for p in out.glob("*.txt")) / count / 1024
        return f"`hyoka corpus generate --reports {count} --seed {seed}` (text, {size:.0f} kB a report)"
    if count > len(ROMAN) * 100:
        raise SystemExit("--source sample makes at most 1,000 distinct reports (measures I-1 … X-100)")
    out.mkdir(parents=True)
    text = SAMPLE.read_text(encoding="utf-8")
    for index in range(count):
        measure = f"{ROMAN[index // 100]} - {index % 100 + 1}"
        (out / f"r{index:04d}.txt").write_text(text.replace(HEADING, f"施策 {measure} 北米地域外交"), "utf-8")
    size = SAMPLE.stat().st_size / 1024
    return f"{count} copies of `{SAMPLE.name}` ({size:.0f} kB), one measure number each"


def timed_import(name: str, inbox: Path, work: Path, count: int, extra: list[str]) -> Run:
    data = work / f"data-{name}"
    data.mkdir()
    migrated = _hyoka("migrate", env=_env(HYOKA_DATA_DIR=str(data)))
    if migrated.returncode != 0:
        raise SystemExit(f"hyoka migrate failed: {migrated.stderr.strip()}")
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = _hyoka("import", inbox, "--into", data, *extra)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    with sqlite3.connect(data / "hyoka.sqlite3") as db:
        stored = db.execute("SELECT COUNT(*) FROM reports_importedfile").fetchone()[0]
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
    return Run(name, count, stored, done.returncode, wall, cpu, load)


def _row(run: Run) -> tuple[str, ...]:
    return (
        run.name,
        str(run.files),
        f"{run.wall_s:.1f} s",
        f"{run.rate:.1f}",
        f"{run.cpu_s:.1f} s",
        f"{run.load:.2f}",
        f"≤ {TARGET_S:g} s" if run.name == "import" else "—",
        run.status,
    )


COLUMNS = ("run", "files", "wall", "files/s", "CPU", "load at start", "target", "status")


def table(runs: list[Run]) -> str:
    rows = [COLUMNS, *(_row(r) for r in runs)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def section(runs: list[Run], info: dict[str, str], inputs: str, jobs: str, today: dt.date) -> str:
    return "\n".join(
        [
            SECTION_START,
            "## Bulk import",
            "",
            "Generated by `benchmarks/bulk_import.py` (also run by `make bench`); do not edit by hand.",
            f"Measured on {today.isoformat()}: `hyoka import DIR --into DATA{jobs}` as a person runs it (the",
            "real command, its Django child and its workers) into a fresh migrated SQLite data directory;",
            "`import+publish` adds `--publish` (published reports, their public pages rendered). Generating",
            "the files and migrating are not timed. CPU is that of the command and all its processes; the",
            "load average says how busy the machine was when the run began (other work on a shared",
            "machine slows the run).",
            "",
            f"Input: {inputs}.",
            "",
            "| " + " | ".join(COLUMNS) + " |",
            "| " + " | ".join("---" for _ in COLUMNS) + " |",
            *("| " + " | ".join(_row(r)) + " |" for r in runs),
            "",
            "| | |",
            "| --- | --- |",
            *(f"| {key} | {value} |" for key, value in info.items()),
            "",
            SECTION_END,
            "",
        ]
    )


def write_section(text: str, path: Path) -> None:
    try:
        document = path.read_text(encoding="utf-8")
    except OSError:
        document = "# Performance\n"
    if BULK_IMPORT_SECTION.search(document):
        document = BULK_IMPORT_SECTION.sub(lambda _m: text, document, count=1)
    else:
        document = document.rstrip("\n") + "\n\n" + text
    path.write_text(document, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=DEFAULT_FILES, help="reports to import (default 1000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="the corpus seed (default 2026)")
    parser.add_argument("--source", choices=["corpus", "sample"], default="corpus")
    parser.add_argument("--jobs", type=int, default=None, help="hyoka import --jobs (default: its own)")
    parser.add_argument("--no-publish", action="store_true", help="skip the --publish run")
    parser.add_argument("--no-write", action="store_true", help=f"do not update {REPORT.relative_to(ROOT)}")
    parser.add_argument("--check", action="store_true", help="exit 1 when the import misses its target")
    args = parser.parse_args(argv)
    if args.files < 1:
        parser.error("--files must be at least 1")

    extra = ["--jobs", str(args.jobs)] if args.jobs else []
    with tempfile.TemporaryDirectory(prefix="hyoka-bench-bulk-") as tmp:
        work = Path(tmp)
        inbox = work / "in"
        print(f"making {args.files} reports ({args.source}) …", file=sys.stderr)
        inputs = make_reports(inbox, args.files, args.seed, args.source)
        runs = [timed_import("import", inbox, work, args.files, extra)]
        print(f"  import: {runs[0].wall_s:.1f} s", file=sys.stderr)
        if not args.no_publish:
            runs.append(timed_import("import+publish", inbox, work, args.files, [*extra, "--publish"]))
            print(f"  import+publish: {runs[1].wall_s:.1f} s", file=sys.stderr)
    info = machine()
    print()
    print(table(runs))
    if not args.no_write:
        jobs = f" --jobs {args.jobs}" if args.jobs else ""
        write_section(section(runs, info, inputs, jobs, dt.date.today()), REPORT)
        print(f"\nwrote the Bulk import section of {REPORT}", file=sys.stderr)
    failed = [r for r in runs if r.status.startswith("FAILED")]
    missed = [r for r in runs if r.status == "MISSES target"]
    if failed or (missed and args.check):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
