"""The help is in the command's words: click's own ``--help`` line ("Show this message and exit.")
is English, so every group and command says it as ``--version`` does (hyoka.cli.usage)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from hyoka.cli.main import app

runner = CliRunner(env={"HYOKA_LANG": None})


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["check", "--help"],
        ["users", "--help"],
        ["users", "create", "--help"],
        ["corpus", "generate", "--help"],
    ],
)
def test_the_help_option_is_described_in_japanese(args: list[str]) -> None:
    done = runner.invoke(app, args)
    assert done.exit_code == 0
    lines = [line.split() for line in done.stdout.splitlines() if line.strip().startswith("--help")]
    assert lines == [["--help", "この説明を表示して終了する"]]
    assert "Show this message" not in done.stdout
