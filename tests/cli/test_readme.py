"""Every shell line of README.md works as written.

Each line of a ```sh block is one of: a ``make`` line (run with ``make -n``, which shows what it would
do without doing it: the target exists and the variables reach the command), ``source …`` (the file is
there), a ``hyoka`` command line without placeholders (run for real, in order, in a temporary
directory that sees the repository's samples), or a synopsis with placeholders (``FILE``, ``[…]``,
``a|b``) whose command exists and whose every option is one its ``--help`` lists.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from .helpers import hyoka

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
GROUPS = {"users", "report", "corpus"}
"""Commands whose second word is the command proper (``hyoka users create``)."""
PLACEHOLDER = re.compile(r"[\[|…]|^[A-Z][A-Z_]*/?$")
OPTION = re.compile(r"(?<![\w-])(--[a-z][a-z-]*|-[a-z])(?![\w-])")


def shell_lines() -> list[tuple[int, str]]:
    """(line number, command) for every line of the README's ```sh blocks, comments removed."""
    found: list[tuple[int, str]] = []
    inside = False
    for number, line in enumerate(README.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("```"):
            inside = line.strip() == "```sh" if not inside else False
            continue
        if inside:
            command = re.split(r"\s+#\s", line, maxsplit=1)[0].strip()
            if command:
                found.append((number, command))
    return found


def _is_synopsis(words: list[str]) -> bool:
    return any(PLACEHOLDER.search(word) for word in words)


def _command(words: list[str]) -> list[str]:
    """The command's own words after ``hyoka`` (``["users", "create"]``, ``["check"]``)."""
    return words[1:3] if words[1] in GROUPS else words[1:2]


LINES = shell_lines()
HYOKA_LINES = [(n, c) for n, c in LINES if c.startswith("hyoka ")]


def test_the_readme_has_the_lines_this_test_reads() -> None:
    commands = [c for _, c in LINES]
    assert "make run" in commands and "make test" in commands
    assert "hyoka render samples/mofa-r2-I-2-hokubei.txt --to pdf -o out/" in commands
    assert "hyoka import out/外務省_1-I-2_R2.pdf" in commands
    assert len(HYOKA_LINES) >= 15
    others = [c for c in commands if not c.startswith(("hyoka ", "make ", "PORT=", "source "))]
    assert others == []


def test_the_make_lines_do_what_they_say() -> None:
    """``make -n``: the target exists; ``PORT``/``HOST`` reach ``hyoka serve``, given as make
    variables or in the environment."""
    env = {k: v for k, v in os.environ.items() if k not in {"HOST", "PORT", "MAKEFLAGS", "MAKELEVEL"}}
    for _, command in LINES:
        words = shlex.split(command)
        assignments = {}
        while words and "=" in words[0] and not words[0].startswith("make"):
            key, _, value = words.pop(0).partition("=")
            assignments[key] = value
        if not words or words[0] != "make":
            continue
        done = subprocess.run(
            ["make", "-n", *words[1:]],
            cwd=ROOT,
            env={**env, **assignments},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, (command, done.stderr)
        if "run" in words:
            variables = {**assignments, **dict(w.split("=", 1) for w in words if "=" in w)}
            host, port = variables.get("HOST", "127.0.0.1"), variables.get("PORT", "8000")
            assert f"hyoka serve --host {host} --port {port}" in done.stdout, command


def test_source_lines_name_files_that_make_install_creates() -> None:
    sources = [c for _, c in LINES if c.startswith("source ")]
    assert sources == ["source .venv/bin/activate"]
    assert (ROOT / ".venv" / "bin" / "activate").is_file()


@pytest.fixture(scope="module")
def helps() -> dict[tuple[str, ...], str]:
    """Each command's ``--help``, once."""
    found: dict[tuple[str, ...], str] = {}
    for _, command in HYOKA_LINES:
        key = tuple(_command(shlex.split(command)))
        if key not in found:
            done = hyoka(*key, "--help")
            assert done.returncode == 0, (key, done.stderr)
            found[key] = done.stdout
    return found


@pytest.mark.parametrize(
    ("number", "command"), [line for line in HYOKA_LINES if _is_synopsis(line[1].split())]
)
def test_a_synopsis_names_a_command_and_its_options(
    number: int, command: str, helps: dict[tuple[str, ...], str]
) -> None:
    words = command.split()
    text = helps[tuple(_command(words))]
    listed = set(OPTION.findall(text))
    missing = [o for o in OPTION.findall(command) if o not in listed]
    assert missing == [], f"README.md:{number}: {command}"


def test_every_concrete_command_runs(tmp_path: Path) -> None:
    """In README order, in a directory that has the repository's samples/ and its own database."""
    (tmp_path / "samples").symlink_to(ROOT / "samples")
    env = {"HYOKA_DATA_DIR": str(tmp_path / "data")}
    ran = []
    for number, command in HYOKA_LINES:
        words = shlex.split(command)
        if _is_synopsis(words):
            continue
        done = hyoka(*words[1:], cwd=tmp_path, env=env)
        assert done.returncode == 0, f"README.md:{number}: {command}: {done.stderr}"
        ran.append(words[1])
    assert ran.count("render") == 2 and "import" in ran and "check" in ran
    assert (tmp_path / "out" / "外務省_1-I-2_R2.pdf").is_file()
    assert (tmp_path / "out" / "外務省_1-I-2_R2.html").is_file()
