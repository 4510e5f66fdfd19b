"""hyoka benchmarks: time named workloads in process, print a table, rewrite docs/performance.md.

    make bench                               # all benchmarks, rewrites docs/performance.md
    .venv/bin/python benchmarks/run.py --no-write --only import_sample
    .venv/bin/python benchmarks/run.py --no-write --only 'import_*'   # the imports only
    .venv/bin/python benchmarks/run.py --check   # exit 1 when a median misses its target

Each benchmark is a ``Benchmark`` in ``BENCHMARKS``: a name, what it measures, a ``setup`` that
prepares the input once and returns the function to time, and an optional target for the median.
Add one by appending to the list.
"""

from __future__ import annotations

import argparse
import datetime as dt
import fnmatch
import gc
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from baseline import Comparison  # benchmarks/baseline.py
    from hyoka.core import EvaluationReport

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
    warmup: int | None = None
    """Warm-up calls for this benchmark (None: the ``--warmup`` option); for slow ones such as the PDF."""
    runs: int | None = None
    """Timed calls for this benchmark (None: the ``--runs`` option)."""
    floor: str | None = None
    """The benchmark (by name) that is this one's floor: the least the same work could cost on this
    machine, measured in the same run; the report gives the ratio, which a noisy machine does not
    move as much as the figure itself."""


class SkipBenchmark(Exception):
    """Raised by a setup when the benchmark cannot run in this tree (e.g. a module not written yet);
    the benchmark is listed as skipped, with the reason."""


def _import_sample() -> Callable[[], object]:
    from hyoka.importers import import_bytes

    data = SAMPLE.read_bytes()
    return lambda: import_bytes(data, name=SAMPLE.name)


def _import_real(path: Path) -> Callable[[], Callable[[], object]]:
    """The import of one real document (samples/real): a refused one (it holds no block) is timed
    up to its refusal, which is what a person waits for."""

    def setup() -> Callable[[], object]:
        from hyoka.importers import NotAReportError, import_bytes

        data = path.read_bytes()

        def call() -> object:
            try:
                return import_bytes(data, name=path.name)
            except NotAReportError as exc:
                return exc

        return call

    return setup


REAL_DOCUMENTS = sorted((ROOT / "samples" / "real").glob("*.txt"))
"""The real documents of other ministries' forms (samples/real, issue 14), each a benchmark."""


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


def _sample_report() -> EvaluationReport:
    from hyoka.importers import import_bytes

    return import_bytes(SAMPLE.read_bytes(), name=SAMPLE.name).report


def _render_charts_sample() -> Callable[[], object]:
    from hyoka.services import report_charts

    report = _sample_report()
    return lambda: report_charts(report)


def _render_html_sample() -> Callable[[], object]:
    from hyoka.renderers.html import render_report_html
    from hyoka.services import report_charts

    report = _sample_report()
    charts = report_charts(report)  # drawn once, not timed
    return lambda: render_report_html(report, charts=charts)


def _render_pdf_sample() -> Callable[[], object]:
    from hyoka.renderers.pdf import render_report_pdf
    from hyoka.services import report_charts

    report = _sample_report()

    def render() -> bytes:
        return render_report_pdf(report, charts=report_charts(report))

    return render


def _plain_pdf_layout() -> Callable[[], object]:
    from pdf_floor import plain_layout  # benchmarks/pdf_floor.py

    report = _sample_report()
    return lambda: plain_layout(report)


def _render_xlsx_sample() -> Callable[[], object]:
    try:
        from hyoka.renderers.xlsx import render_report_xlsx
    except ImportError as exc:
        raise SkipBenchmark(f"hyoka.renderers.xlsx is not importable yet ({exc})") from None
    from hyoka.rules import check_report

    report = _sample_report()
    proposals = check_report(report).to_json()["proposals"]
    return lambda: render_report_xlsx(report, proposals=proposals)


BENCHMARKS: list[Benchmark] = [
    Benchmark(
        "import_sample",
        f"`import_bytes` of the sample text ({SAMPLE.name}): decode, parse, findings",
        _import_sample,
        target_ms=50.0,
    ),
    *(
        Benchmark(
            f"import_real_{path.stem}",
            f"`import_bytes` of samples/real/{path.name} ({path.stat().st_size:,} bytes), "
            "layout detected; a refusal is timed up to the refusal",
            _import_real(path),
            target_ms=50.0,
        )
        for path in REAL_DOCUMENTS
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
    Benchmark(
        "render_charts_sample",
        "`report_charts` of the imported sample: the budget chart and the 3 indicator charts as SVG "
        "(matplotlib)",
        _render_charts_sample,
        warmup=2,
        runs=10,
    ),
    Benchmark(
        "render_html_sample",
        "`render_report_html` of the imported sample with its 4 charts already drawn (drawing them is "
        "`render_charts_sample`, not timed here)",
        _render_html_sample,
        target_ms=50.0,
    ),
    Benchmark(
        "plain_pdf_layout",
        "the floor of the PDF: every text of the sample's official HTML as plain paragraphs, laid out "
        "by the same WeasyPrint call, page and font (`benchmarks/pdf_floor.py`; no tables, no charts)",
        _plain_pdf_layout,
        warmup=1,
        runs=5,
    ),
    Benchmark(
        "render_pdf_sample",
        "the sample's PDF from the imported report: drawing the 4 charts and `render_report_pdf` "
        "(HTML, WeasyPrint layout, font subsetting), 34 A4 pages",
        _render_pdf_sample,
        target_ms=4000.0,
        warmup=1,
        runs=5,
        floor="plain_pdf_layout",
    ),
    Benchmark(
        "render_xlsx_sample",
        "`render_report_xlsx` of the imported sample with the rules' proposals (openpyxl, 5 sheets)",
        _render_xlsx_sample,
        target_ms=200.0,
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
    warmup: int = 0
    skipped: str | None = None
    """Why the benchmark did not run (its setup raised SkipBenchmark); None when it ran."""

    @property
    def status(self) -> str:
        if self.skipped is not None:
            return "skipped"
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
    warmup = benchmark.warmup if benchmark.warmup is not None else warmup
    runs = benchmark.runs if benchmark.runs is not None else runs
    try:
        call = benchmark.setup()
    except SkipBenchmark as exc:
        nan = math.nan
        return Result(benchmark, 0, nan, nan, nan, 0, warmup=0, skipped=str(exc))
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
        warmup=warmup,
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

COLUMNS = ("benchmark", "median", "× floor", "p95", "min", "peak memory", "target (median)", "status")


def _ms(value: float) -> str:
    return f"{value / 1000:.2f} s" if value >= 1000 else f"{value:.1f} ms"


def _target(target: float | None) -> str:
    if target is None:
        return "—"
    return f"≤ {target / 1000:g} s" if target >= 1000 else f"≤ {target:g} ms"


def _ratio(result: Result, medians: dict[str, float]) -> str:
    floor = result.benchmark.floor
    if floor is None or not medians.get(floor):
        return "—"
    return f"{result.median_ms / medians[floor]:.2f} × {floor}"


def _row(result: Result, medians: dict[str, float] | None = None) -> tuple[str, ...]:
    target = result.benchmark.target_ms
    if result.skipped is not None:
        return (result.benchmark.name, "—", "—", "—", "—", "—", _target(target), "skipped")
    return (
        result.benchmark.name,
        _ms(result.median_ms),
        _ratio(result, medians or {}),
        _ms(result.p95_ms),
        _ms(result.min_ms),
        f"{result.peak_bytes / 2**20:.1f} MiB",
        _target(target),
        result.status,
    )


def _medians(results: list[Result]) -> dict[str, float]:
    return {r.benchmark.name: r.median_ms for r in results if r.skipped is None}


def table(results: list[Result]) -> str:
    rows = [COLUMNS, *(_row(r, _medians(results)) for r in results)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def startup_markdown(rows: list[dict[str, object]]) -> list[str]:
    """The "Start-up" section: ``benchmarks/startup.py``'s whole-process figures with their floors."""
    from startup import _BARE, _TYPER  # benchmarks/startup.py

    def ratio(row: dict[str, object], floor: str) -> str:
        ratios = row["ratios"]
        assert isinstance(ratios, dict)
        return f"{ratios[floor]:.2f}" if floor in ratios else "—"

    runs = rows[0]["runs"] if rows else 0
    return [
        "## Start-up",
        "",
        "The `hyoka` command as a person meets it: whole processes (`benchmarks/startup.py`), the median of",
        f"{runs} runs of each, in turns, with the floors measured in the same run: the bare interpreter",
        '(`python -c pass`) and the command\'s framework (`python -c "import typer"`). Goals: `hyoka --help`',
        "≤ 2 × and `hyoka import SAMPLE` ≤ 3 × `import typer`.",
        "",
        "| command | median | min | × import typer | × bare python |",
        "| --- | --- | --- | --- | --- |",
        *(
            f"| `{row['name']}` | {row['median_ms']} ms | {row['min_ms']} ms | {ratio(row, _TYPER)} | "
            f"{ratio(row, _BARE)} |"
            for row in rows
        ),
        "",
    ]


def baseline_section(row: Comparison) -> list[str]:
    from baseline import markdown as baseline_markdown  # benchmarks/baseline.py

    return baseline_markdown(row)


def markdown(
    results: list[Result],
    info: dict[str, str],
    *,
    warmup: int,
    runs: int,
    today: dt.date,
    startup: list[dict[str, object]] | None = None,
    baseline: Comparison | None = None,
) -> str:
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
        *("| " + " | ".join(_row(r, _medians(results))) + " |" for r in results),
        "",
        "| benchmark | what it measures | warm-up + timed calls |",
        "| --- | --- | --- |",
        *(
            f"| {r.benchmark.name} | {r.benchmark.description} | "
            + (f"skipped: {r.skipped}" if r.skipped else f"{r.warmup} + {r.runs}")
            + " |"
            for r in results
        ),
        "",
        "`× floor`: the median over the median of the benchmark named, measured in the same run.",
        "",
        *(startup_markdown(startup) if startup else []),
        *(baseline_section(baseline) if baseline else []),
        "## Targets",
        "",
        f"Medians on {TARGET_MACHINE}: import of the sample report **≤ 50 ms**, and of each real document",
        "under `samples/real` **≤ 50 ms** (issue 14; a document refused because it holds no block is timed",
        "up to its refusal); checking the imported",
        "sample (`check_report`, proposals and every check) **≤ 20 ms**; its HTML (`render_report_html`,",
        "charts drawn beforehand) **≤ 50 ms**; its PDF (charts and `render_report_pdf`) **≤ 4 s**; its",
        "Excel workbook **≤ 200 ms**. A figure measured on other hardware is indicative only; compare on",
        "the target machine before drawing conclusions.",
        "",
        "## Method",
        "",
        f"In process, one benchmark after another: the input is prepared once, then {warmup} warm-up",
        f"calls, then {runs} timed calls (`time.perf_counter_ns`, garbage collector on, as in real use);",
        "slow benchmarks set fewer (the table above gives each one's counts). Median, p95 (nearest",
        "rank) and minimum are of those calls. Peak memory is that of one further call traced by",
        "`tracemalloc`: what Python allocated during the call (memory held before it is not counted).",
        "Tracing slows that call, so it is never timed.",
        "",
    ]
    return "\n".join(out)


KEPT_SECTION = re.compile(r"<!-- web-benchmarks:start -->.*?<!-- web-benchmarks:end -->\n?", re.S)
"""The "Web" section that ``benchmarks/web.py`` maintains in the report: carried over as is."""
BULK_IMPORT_SECTION = re.compile(
    r"<!-- bulk-import-benchmarks:start -->.*?<!-- bulk-import-benchmarks:end -->\n?", re.S
)
"""The "Bulk import" section that ``benchmarks/bulk_import.py`` maintains: carried over as is."""
WRITES_SECTION = re.compile(r"<!-- write-benchmarks:start -->.*?<!-- write-benchmarks:end -->\n?", re.S)
"""The "Writes" section that ``benchmarks/writes.py`` maintains: carried over as is."""


def with_kept_sections(text: str, path: Path) -> str:
    """``text`` followed by the sections other scripts maintain in ``path`` (see KEPT_SECTION)."""
    try:
        old = path.read_text(encoding="utf-8")
    except OSError:
        return text
    kept = [
        m.group(0).rstrip("\n") + "\n"
        for pattern in (KEPT_SECTION, BULK_IMPORT_SECTION, WRITES_SECTION)
        for m in pattern.finditer(old)
    ]
    return "\n".join([text.rstrip("\n") + "\n", *kept]) if kept else text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="run only this benchmark (repeatable; a shell-style pattern such as 'import_*' selects all "
        "it matches)",
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
            target = _target(b.target_ms) if b.target_ms is not None else "no target"
            print(f"{b.name:24} {target:12} {b.description}")
        return 0
    known = {b.name for b in BENCHMARKS} | {"startup", "baseline"}
    unknown = sorted(p for p in args.only or [] if not fnmatch.filter(known, p))
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")
    selected = [b for b in BENCHMARKS if not args.only or any(fnmatch.fnmatch(b.name, p) for p in args.only)]

    results = []
    for benchmark in selected:
        warmup = benchmark.warmup if benchmark.warmup is not None else args.warmup
        runs = benchmark.runs if benchmark.runs is not None else args.runs
        print(f"running {benchmark.name} ({warmup} warm-up, {runs} runs) …", file=sys.stderr)
        result = measure(benchmark, warmup=args.warmup, runs=args.runs)
        if result.skipped is not None:
            print(f"  skipped: {result.skipped}", file=sys.stderr)
        results.append(result)
    info = machine()
    print()
    for key, value in info.items():
        print(f"{key:9} {value}")
    print()
    print(table(results))
    startup_rows = None
    if not args.only or any(
        fnmatch.fnmatch("startup", p) for p in args.only
    ):  # the command's start as whole processes (startup.py)
        import startup

        print("running the start-up benchmark (whole processes) …", file=sys.stderr)
        startup_rows = startup.measure()
        print()
        print(startup.table(startup_rows))
    baseline_row = None
    if not args.only or any(
        fnmatch.fnmatch("baseline", p) for p in args.only
    ):  # the sample's import against the code before issue 14 (baseline.py)
        import baseline

        base = baseline.BASE_REVISION
        print(f"running the sample's import against {base} (fresh processes) …", file=sys.stderr)
        baseline_row = baseline.measure()
        print()
        print(baseline.table(baseline_row))

    if not args.no_write:
        text = markdown(
            results,
            info,
            warmup=args.warmup,
            runs=args.runs,
            today=dt.date.today(),
            startup=startup_rows,
            baseline=baseline_row,
        )
        text = with_kept_sections(text, args.output)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
        print(f"\nwrote {args.output}", file=sys.stderr)
    missed = [r.benchmark.name for r in results if r.status == "MISSES target"]
    quality = 0
    if not args.only:  # checker quality on a generated corpus: benchmarks/quality.py, docs/checker-quality.md
        extra = [*(["--no-write"] if args.no_write else []), *(["--check"] if args.check else [])]
        command = [sys.executable, str(ROOT / "benchmarks" / "quality.py"), *extra]
        quality = subprocess.run(command, check=False).returncode
        # bulk import of 1,000 generated reports: benchmarks/bulk_import.py, its section of the report
        command = [sys.executable, str(ROOT / "benchmarks" / "bulk_import.py"), *extra]
        quality |= subprocess.run(command, check=False).returncode
        # 10 editors saving at once on 10,000 reports, SQLite and PostgreSQL: benchmarks/writes.py
        command = [sys.executable, str(ROOT / "benchmarks" / "writes.py"), *extra]
        quality |= subprocess.run(command, check=False).returncode
    if missed and args.check:
        print(f"missed target: {', '.join(missed)}", file=sys.stderr)
        return 1
    return 1 if quality else 0


if __name__ == "__main__":
    sys.exit(main())
