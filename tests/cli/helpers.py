"""Running the real ``hyoka`` command in the CLI tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def hyoka(
    *args: str | Path, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real command; its environment without HYOKA_LANG / HYOKA_DEBUG unless given."""
    environment = {k: v for k, v in os.environ.items() if k not in {"HYOKA_LANG", "HYOKA_DEBUG"}}
    environment["COLUMNS"] = "200"
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "hyoka.cli", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def one_line(stderr: str) -> str:
    """The single line of ``stderr`` (failing if there is not exactly one)."""
    assert stderr.endswith("\n")
    assert stderr.count("\n") == 1, stderr
    return stderr[:-1]
