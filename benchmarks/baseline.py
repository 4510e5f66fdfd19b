"""The sample's import now against the code before issue 14, side by side on one machine.

    .venv/bin/python benchmarks/baseline.py                 # against BASE_REVISION, a table
    .venv/bin/python benchmarks/baseline.py --base REV      # against another revision

Issue 14 (every ministry's documents) let the importer detect layouts and read more kinds; its
acceptance asks that the sample's import be no more than 10 % slower than before. A figure from an
earlier day on another machine cannot tell (these machines differ by half), so this script checks
out ``BASE_REVISION`` (the last commit before that work) into a temporary git worktree and times
``import_bytes`` of the sample in fresh processes, the base's code and the working tree's in turns
(``rounds`` rounds; each process: 5 warm-up calls, then ``calls`` timed calls, the median). The
table gives each side's median of those medians and the working tree's over the base's.

Both sides run with this project's ``.venv`` (the base's ``src`` first on ``PYTHONPATH``); it needs
the repository's history (a clone, not an export). ``make bench`` runs it and writes the
"Against the code before issue 14" section of docs/performance.md (``markdown``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "mofa-r2-I-2-hokubei.txt"
BASE_REVISION = "29d209c"
"""The last commit before issue 14's model and layouts (1825c6b, "Model schema 2", follows it)."""
LIMIT = 1.10
"""Issue 14: the sample's import no more than 10 % slower than before."""

_CHILD = """
import statistics, sys, time
import hyoka
from hyoka.importers import import_bytes
data = open(sys.argv[1], "rb").read()
name = sys.argv[1].rsplit("/", 1)[-1]
calls = int(sys.argv[2])
for _ in range(5):
    import_bytes(data, name=name)
times = []
for _ in range(calls):
    start = time.perf_counter_ns()
    import_bytes(data, name=name)
    times.append(time.perf_counter_ns() - start)
print(hyoka.__file__)
print(statistics.median(times) / 1e6)
"""


def _median_ms(src: Path, calls: int) -> float:
    """One fresh process importing the sample with the code under ``src``: its median in ms."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(SAMPLE), str(calls)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"the import under {src} failed:\n{done.stderr.strip()}")
    module, median = done.stdout.split()
    if not Path(module).resolve().is_relative_to(src.resolve()):
        raise SystemExit(f"the import under {src} ran {module} instead")
    return float(median)


@dataclass(frozen=True)
class Comparison:
    """Each side's per-process medians (ms), taken in turns."""

    base: str
    calls: int
    base_runs: list[float]
    head_runs: list[float]

    @property
    def rounds(self) -> int:
        return len(self.base_runs)

    @property
    def base_ms(self) -> float:
        return statistics.median(self.base_runs)

    @property
    def head_ms(self) -> float:
        return statistics.median(self.head_runs)

    @property
    def ratio(self) -> float:
        return self.head_ms / self.base_ms

    @property
    def status(self) -> str:
        return "meets target" if self.ratio <= LIMIT else "misses target"


def measure(base: str = BASE_REVISION, *, rounds: int = 5, calls: int = 200) -> Comparison:
    """The base's and the working tree's medians (each the median of ``rounds`` processes)."""
    with tempfile.TemporaryDirectory(prefix="hyoka-baseline-") as tmp:
        tree = Path(tmp) / "base"
        added = subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", "--force", str(tree), base],
            capture_output=True,
            text=True,
            check=False,
        )
        if added.returncode != 0:
            raise SystemExit(f"git worktree add {base} failed: {added.stderr.strip()}")
        try:
            base_runs: list[float] = []
            head_runs: list[float] = []
            for _ in range(rounds):
                base_runs.append(_median_ms(tree / "src", calls))
                head_runs.append(_median_ms(ROOT / "src", calls))
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                capture_output=True,
                check=False,
            )
    return Comparison(base, calls, base_runs, head_runs)


def _ms(values: list[float]) -> str:
    return ", ".join(f"{v:.1f}" for v in values)


def table(row: Comparison) -> str:
    return "\n".join(
        [
            f"sample import, the median of {row.rounds} processes × {row.calls} calls",
            f"  base {row.base}: {row.base_ms:.1f} ms  ({_ms(row.base_runs)})",
            f"  working tree: {row.head_ms:.1f} ms  ({_ms(row.head_runs)})",
            f"  ratio {row.ratio:.3f} (target ≤ {LIMIT:.2f}): {row.status}",
        ]
    )


def markdown(row: Comparison) -> list[str]:
    """The "Against the code before issue 14" section of docs/performance.md."""
    return [
        "## Against the code before issue 14",
        "",
        f"The sample's import (`import_bytes`) with the code of {row.base} (the last commit before",
        "issue 14's layouts) and with this tree, in fresh processes taken in turns on this machine",
        f"(`benchmarks/baseline.py`: {row.rounds} processes each, {row.calls} timed calls a process).",
        f"Target: this tree ≤ {LIMIT:.2f} × the base.",
        "",
        "| code | median | each process's median (ms) |",
        "| --- | --- | --- |",
        f"| {row.base} | {row.base_ms:.1f} ms | {_ms(row.base_runs)} |",
        f"| this tree | {row.head_ms:.1f} ms | {_ms(row.head_runs)} |",
        "",
        f"Ratio {row.ratio:.3f}: {row.status}.",
        "",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--base", default=BASE_REVISION, help=f"the revision to compare with (default {BASE_REVISION})"
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--calls", type=int, default=200)
    args = parser.parse_args(argv)
    print(table(measure(args.base, rounds=args.rounds, calls=args.calls)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
