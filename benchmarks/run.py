"""hyoka benchmarks: time named workloads in process, print a table, rewrite docs/performance.md.

    make bench                               # all benchmarks, rewrites docs/performance.md
    .venv/bin/python benchmarks/run.py --no-write --only import_sample
    .venv/bin/python benchmarks/run.py --check   # exit 1 when a median misses its target

Each benchmark is a ``Benchmark`` in ``BENCHMARKS``: a name, what it measures, a ``setup`` that
prepares the input once and returns the function to time, and an optional target for the median.
Add one by appending to the list.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import math
import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "mofa-r2-I-2-hokubei.txt"
REPORT = ROOT / "docs" / "performance.md"
TARGET_MACHINE = "our 2-core machines"


@dataclass(frozen=True)
class Benchmark:
    name: str
    description: str
    setup: Callable[[], Callable[[], object]]
    """Prepares the input (not timed) and returns the call to time."""
    target_ms: float | None = None
    """The median must not exceed this, in milliseconds (None: measured, no target yet)."""


def _import_sample() -> Callable[[], object]:
    from hyoka.importers import import_bytes

    data = SAMPLE.read_bytes()
    return lambda: import_bytes(data, name=SAMPLE.name)


def _import_sample_json() -> Callable[[], object]:
    from hyoka.importers import import_bytes

    data = import_bytes(SAMPLE.read_bytes(), name=SAMPLE.name).report.model_dump_json().encode("utf-8")
    return lambda: import_bytes(data, name="sample.json")


def _check_sample() -> Callable[[], object]:
    from hyoka.importers import import_bytes
    from hyoka.rules import check_report, load_profile

    report = import_bytes(SAMPLE.read_bytes(), name=SAMPLE.name).report
    profile = load_profile()
    return lambda: check_report(report, profile)


BENCHMARKS: list[Benchmark] = [
    Benchmark(
        "import_sample",
        f"`import_bytes` of the sample text ({SAMPLE.name}): decode, parse, findings",
        _import_sample,
        target_ms=50.0,
    ),
    Benchmark(
        "import_sample_json",
        "`import_bytes` of the sample as hyoka JSON (read back and validate)",
        _import_sample_json,
    ),
    Benchmark(
        "check_sample",
        "`check_report` on the imported sample with the mofa-2020 profile (loaded once): "
        "proposals and every check",
        _check_sample,
        target_ms=20.0,
    ),
]


@dataclass(frozen=True)
class Result:
    benchmark: Benchmark
    runs: int
    median_ms: float
    p95_ms: float
    min_ms: float
    peak_bytes: int

    @property
    def status(self) -> str:
        target = self.benchmark.target_ms
        if target is None:
            return "no target"
        return "meets target" if self.median_ms <= target else "MISSES target"


def _percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def _peak_memory(call: Callable[[], object]) -> int:
    """Peak bytes Python allocated during one call (tracemalloc traces only what is allocated after it
    starts, so memory held before the call is not counted)."""
    gc.collect()
    tracemalloc.start()
    try:
        call()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak


def measure(benchmark: Benchmark, *, warmup: int, runs: int) -> Result:
    call = benchmark.setup()
    for _ in range(warmup):
        call()
    times_ms: list[float] = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        call()
        times_ms.append((time.perf_counter_ns() - start) / 1e6)
    times_ms.sort()
    return Result(
        benchmark=benchmark,
        runs=runs,
        median_ms=statistics.median(times_ms),
        p95_ms=_percentile(times_ms, 0.95),
        min_ms=times_ms[0],
        peak_bytes=_peak_memory(call),
    )


# --- the machine ---------------------------------------------------------------------------------


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            key, _, value = line.partition(":")
            if key.strip() in ("model name", "Hardware", "cpu model") and value.strip():
                return value.strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def _cores() -> str:
    logical = os.cpu_count() or 0
    try:
        usable = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        usable = logical
    return f"{usable}" if usable == logical else f"{usable} usable of {logical}"


def _commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{out} (with uncommitted changes)" if dirty else out


def machine() -> dict[str, str]:
    return {
        "platform": platform.platform(),
        "CPU": _cpu_model(),
        "cores": _cores(),
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "commit": _commit(),
    }


# --- output --------------------------------------------------------------------------------------

COLUMNS = ("benchmark", "median", "p95", "min", "peak memory", "target (median)", "status")


def _row(result: Result) -> tuple[str, ...]:
    target = result.benchmark.target_ms
    return (
        result.benchmark.name,
        f"{result.median_ms:.1f} ms",
        f"{result.p95_ms:.1f} ms",
        f"{result.min_ms:.1f} ms",
        f"{result.peak_bytes / 2**20:.1f} MiB",
        f"≤ {target:g} ms" if target is not None else "—",
        result.status,
    )


def table(results: list[Result]) -> str:
    rows = [COLUMNS, *(_row(r) for r in results)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def markdown(results: list[Result], info: dict[str, str], *, warmup: int, runs: int, today: dt.date) -> str:
    out = [
        "# Performance",
        "",
        "Generated by `make bench` (`benchmarks/run.py`); do not edit by hand, run it again. See",
        "[benchmarks/README.md](../benchmarks/README.md).",
        "",
        f"Measured on {today.isoformat()}.",
        "",
        "## Machine",
        "",
        "| | |",
        "| --- | --- |",
        *(f"| {key} | {value} |" for key, value in info.items()),
        "",
        "## Results",
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "| " + " | ".join("---" for _ in COLUMNS) + " |",
        *("| " + " | ".join(_row(r)) + " |" for r in results),
        "",
        "| benchmark | what it measures |",
        "| --- | --- |",
        *(f"| {r.benchmark.name} | {r.benchmark.description} |" for r in results),
        "",
        "## Targets",
        "",
        f"Import of the sample report: **≤ 50 ms median** on {TARGET_MACHINE}; checking the imported",
        "sample (`check_report`, proposals and every check): **≤ 20 ms median**. A figure measured on",
        "other hardware is indicative only; compare on the target machine before drawing conclusions.",
        "",
        "## Method",
        "",
        f"In process, one benchmark after another: the input is prepared once, then {warmup} warm-up",
        f"calls, then {runs} timed calls (`time.perf_counter_ns`, garbage collector on, as in real use).",
        "Median, p95 (nearest rank) and minimum are of those calls. Peak memory is that of one further",
        "call traced by `tracemalloc`: what Python allocated during the call (memory held before it is",
        "not counted). Tracing slows that call, so it is never timed.",
        "",
    ]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--only", action="append", metavar="NAME", help="run only this benchmark (repeatable)"
    )
    parser.add_argument("--warmup", type=int, default=5, help="warm-up calls (default 5)")
    parser.add_argument("--runs", type=int, default=50, help="timed calls (default 50)")
    parser.add_argument("--no-write", action="store_true", help=f"do not rewrite {REPORT.relative_to(ROOT)}")
    parser.add_argument("--output", type=Path, default=REPORT, help="where to write the markdown report")
    parser.add_argument("--check", action="store_true", help="exit 1 when a median misses its target")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    args = parser.parse_args(argv)

    if args.list:
        for b in BENCHMARKS:
            target = f"≤ {b.target_ms:g} ms" if b.target_ms is not None else "no target"
            print(f"{b.name:24} {target:12} {b.description}")
        return 0
    known = {b.name for b in BENCHMARKS}
    unknown = sorted(set(args.only or []) - known)
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")
    selected = [b for b in BENCHMARKS if not args.only or b.name in args.only]

    results = []
    for benchmark in selected:
        print(f"running {benchmark.name} ({args.warmup} warm-up, {args.runs} runs) …", file=sys.stderr)
        results.append(measure(benchmark, warmup=args.warmup, runs=args.runs))
    info = machine()
    print()
    for key, value in info.items():
        print(f"{key:9} {value}")
    print()
    print(table(results))

    if not args.no_write:
        text = markdown(results, info, warmup=args.warmup, runs=args.runs, today=dt.date.today())
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
        print(f"\nwrote {args.output}", file=sys.stderr)
    missed = [r.benchmark.name for r in results if r.status == "MISSES target"]
    if missed and args.check:
        print(f"missed target: {', '.join(missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
