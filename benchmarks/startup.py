"""How fast the ``hyoka`` command starts, as whole processes: what a person at the terminal waits for.

    .venv/bin/python benchmarks/startup.py                  # 15 runs of each, a table
    .venv/bin/python benchmarks/startup.py --runs 30
    .venv/bin/python benchmarks/startup.py --update-docs    # and rewrite docs/performance.md's "Start-up"

Each command is run as a fresh process ``runs`` times, in turns (one run of each, then the next
round), after one warm-up round (so the file cache is warm for all of them alike); the table gives
the median wall-clock time and its ratio to two floors measured in the same run: the bare
interpreter (``python -c pass``) and the command's framework (``python -c "import typer"``). The
commands are run through the console script ``.venv/bin/hyoka``, as a person runs them:

* ``hyoka --help``;
* ``hyoka import SAMPLE -o OUT`` (the bundled PDF-extracted text, written to a temporary file);
* ``hyoka check SAMPLE`` (exit status 0, or 1 when the sample has findings of severity error).

Two more rows show what typer itself costs beyond ``import typer``, with a two-command typer app:
its ``--help`` (typer imports rich and markdown-it to draw help) and one command run (typer imports
pydantic to convert the arguments). They are the floors under ``hyoka --help`` and ``hyoka import``.

The goals (issue "Speed a person feels"): ``--help`` ≤ 2× and ``import`` ≤ 3× the start of
``import typer``. Like every benchmark this measures; it does not pass or fail.

Each row also gives the median CPU time of the process (user + system, from ``wait4``): on a shared
machine the wall clock also counts the time other processes held the cores, CPU time much less so.
``--update-docs`` puts the table in docs/performance.md's "Start-up" section (as ``make bench``
writes it, ``run.startup_markdown``) and leaves the rest of the file as it is.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "mofa-r2-I-2-hokubei.txt"
BIN = ROOT / ".venv" / "bin"
"""The project's interpreter and its console script ``hyoka``, as a person runs them."""
PYTHON = BIN / "python"
HYOKA = BIN / "hyoka"
DEFAULT_RUNS = 15
REPORT = ROOT / "docs" / "performance.md"

__all__ = ["measure", "table", "update_docs", "with_section"]


@dataclass(frozen=True)
class Command:
    name: str
    argv: list[str]
    floors: tuple[str, ...] = ()
    """the names of the commands this one is compared with"""
    ok: tuple[int, ...] = (0,)
    """the exit statuses that mean it ran as expected"""


_BARE = "python -c pass"
_TYPER = 'python -c "import typer"'

_TYPER_APP = '''
import typer

app = typer.Typer(no_args_is_help=True, add_completion=False)


@app.command()
def first(name: str) -> None:
    """The first command."""


@app.command()
def second(name: str) -> None:
    """The second command."""


app()
'''
"""A minimal typer app, to show what typer costs beyond its import."""


def commands(folder: Path) -> list[Command]:
    """What is timed: the two floors, typer's own cost with a minimal app, then the three hyoka
    commands (``hyoka import`` writes into ``folder``, where the minimal app is written too)."""
    python, hyoka = str(PYTHON), str(HYOKA)
    floors = (_TYPER, _BARE)
    app = folder / "typer_app.py"
    app.write_text(_TYPER_APP, encoding="utf-8")
    return [
        Command(_BARE, [python, "-c", "pass"]),
        Command(_TYPER, [python, "-c", "import typer"], (_BARE,)),
        Command("typer app --help", [python, str(app), "--help"], floors),
        Command("typer app first NAME", [python, str(app), "first", "x"], floors),
        Command("hyoka --help", [hyoka, "--help"], floors),
        Command(
            "hyoka import SAMPLE", [hyoka, "import", str(SAMPLE), "-o", str(folder / "report.json")], floors
        ),
        Command("hyoka check SAMPLE", [hyoka, "check", str(SAMPLE)], floors, ok=(0, 1)),
    ]


def _environment() -> dict[str, str]:
    """The caller's environment without the ``PYTHON…`` variables (``PYTHONDONTWRITEBYTECODE`` would
    make every run compile hyoka again, ``PYTHONPATH`` could put other code first,
    ``PYTHONPROFILEIMPORTTIME`` would print and slow it), with a fixed language and terminal width."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update({"HYOKA_LANG": "ja", "COLUMNS": "100", "TERM": "dumb"})
    return env


def _run(command: Command, env: dict[str, str]) -> tuple[float, float]:
    """One run: its wall-clock and CPU (user + system) time, in seconds. Raises RuntimeError when
    the command fails."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(command.argv, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode not in command.ok:
            errors.seek(0)
            stderr = errors.read().decode("utf-8", "replace").strip()
            raise RuntimeError(f"{command.name}: exit status {child.returncode}: {stderr}")
    return elapsed, usage.ru_utime + usage.ru_stime


def measure(runs: int = DEFAULT_RUNS) -> list[dict[str, Any]]:
    """Time each command ``runs`` times as a whole process (after one warm-up round) and return one
    row per command: ``name``, ``median_ms``, ``min_ms``, ``cpu_median_ms``, ``runs``, and
    ``ratios``: the median over the median of each floor it is compared with, by the floor's name
    (``import typer`` for the hyoka commands, then the bare interpreter)."""
    if runs < 1:
        raise ValueError("runs must be at least 1")
    env = _environment()
    with tempfile.TemporaryDirectory(prefix="hyoka-startup-") as tmp:
        timed = commands(Path(tmp))
        times: dict[str, list[float]] = {c.name: [] for c in timed}
        cpu: dict[str, list[float]] = {c.name: [] for c in timed}
        for command in timed:  # warm-up: the file cache, the bytecode
            _run(command, env)
        for _ in range(runs):  # in turns, so that a busy moment is shared by all
            for command in timed:
                wall, used = _run(command, env)
                times[command.name].append(wall)
                cpu[command.name].append(used)
    medians = {name: statistics.median(values) for name, values in times.items()}
    return [
        {
            "name": c.name,
            "median_ms": round(medians[c.name] * 1000, 1),
            "min_ms": round(min(times[c.name]) * 1000, 1),
            "cpu_median_ms": round(statistics.median(cpu[c.name]) * 1000, 1),
            "runs": runs,
            "ratios": {floor: round(medians[c.name] / medians[floor], 2) for floor in c.floors},
        }
        for c in timed
    ]


def table(rows: list[dict[str, Any]]) -> str:
    """The rows as a plain-text table."""
    header = ("command", "median", "min", "× import typer", "× bare python", "CPU median")
    lines = [
        (
            row["name"],
            f"{row['median_ms']:.1f} ms",
            f"{row['min_ms']:.1f} ms",
            f"{row['ratios'][_TYPER]:.2f}" if _TYPER in row["ratios"] else "",
            f"{row['ratios'][_BARE]:.2f}" if _BARE in row["ratios"] else "",
            f"{row['cpu_median_ms']:.1f} ms",
        )
        for row in rows
    ]
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *lines, strict=True)]
    out = [
        "  ".join(cell.ljust(width) for cell, width in zip(header, widths, strict=True)),
        "  ".join("-" * width for width in widths),
    ]
    out += ["  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)) for line in lines]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time the hyoka command's start as whole processes.")
    parser.add_argument(
        "--runs", type=int, default=DEFAULT_RUNS, help=f"runs of each (default {DEFAULT_RUNS})"
    )
    parser.add_argument(
        "--update-docs",
        action="store_true",
        help=f"rewrite the Start-up section of {REPORT.relative_to(ROOT)} (the rest is kept)",
    )
    args = parser.parse_args(argv)
    if not HYOKA.exists():
        print(f"startup: {HYOKA} not found: install hyoka in the project's .venv first", file=sys.stderr)
        return 2
    rows = measure(args.runs)
    print(table(rows))
    print(f"\n(median of {args.runs} whole-process runs each, in turns; {PYTHON})")
    if args.update_docs:
        update_docs(rows)
        print(f"wrote the Start-up section of {REPORT}", file=sys.stderr)
    return 0


def with_section(text: str, section: list[str]) -> str:
    """``text`` (a Markdown document) with its ``## Start-up`` section, up to the next ``## ``
    heading, replaced by ``section``; appended at the end when there is none."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip() == "## Start-up"), None)
    if start is None:
        return text.rstrip("\n") + "\n\n" + "\n".join(section).rstrip("\n") + "\n"
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    return "\n".join([*lines[:start], *section, *lines[end:]]) + "\n"


def update_docs(rows: list[dict[str, Any]]) -> None:
    """Put ``rows`` in docs/performance.md's Start-up section, as ``make bench`` writes it."""
    from run import startup_markdown  # benchmarks/run.py: one layout of the section

    REPORT.write_text(
        with_section(REPORT.read_text(encoding="utf-8"), startup_markdown(rows)), encoding="utf-8"
    )


if __name__ == "__main__":
    sys.exit(main())
