"""Every ``hyoka`` command runs its body in the one scaffold, ``hyoka.cli.guard``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hyoka.cli import guard
from hyoka.cli.main import app
from hyoka.cli.messages import Lang

COMMANDS = {
    "import": ["import", "{file}"],
    "summary": ["summary", "{file}"],
    "check": ["check", "{file}"],
    "render": ["render", "{file}", "--to", "json"],
    "next-cycle": ["next-cycle", "{file}"],
    "migrate": ["migrate"],
    "serve": ["serve"],
    "users create": ["users", "create", "someone", "--role", "viewer"],
    "token": ["token", "someone"],
    "report portfolio": ["report", "portfolio"],
    "corpus generate": ["corpus", "generate", "{out}"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_runs_in_the_guard(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Lang] = []

    def recorder(lang: Lang, body: Callable[[], int], **_: object) -> int:
        seen.append(lang)
        return 42  # the body is not run: nothing is read, started or written

    monkeypatch.setattr(guard, "guarded", recorder)
    args = [a.format(file=tmp_path / "r.txt", out=tmp_path / "corpus") for a in COMMANDS[command]]
    result = CliRunner().invoke(app, [*args, "--lang", "en"])
    assert (result.exit_code, seen) == (42, [Lang.EN]), result.output


def test_the_user_s_errors_are_one_line_and_2(capsys: pytest.CaptureFixture[str]) -> None:
    from hyoka.services import InputError

    def body() -> int:
        raise InputError("ファイルがありません", message_en="no such file", where="x.txt")

    assert guard.guarded(Lang.EN, body) == guard.EXIT_BAD_INPUT
    assert capsys.readouterr().err == "hyoka: error: x.txt: no such file\n"


def test_an_extra_error_of_a_command_is_the_user_s(capsys: pytest.CaptureFixture[str]) -> None:
    class Mine(ValueError):
        def text(self, lang: str) -> str:
            return f"mine in {lang}"

    def body() -> int:
        raise Mine("x")

    assert guard.guarded(Lang.JA, body, extra=(Mine,)) == guard.EXIT_BAD_INPUT
    assert capsys.readouterr().err == "hyoka: error: mine in ja\n"


def test_anything_else_is_internal_and_3(capsys: pytest.CaptureFixture[str]) -> None:
    def body() -> int:
        raise RuntimeError("line one\nline two")

    assert guard.guarded(Lang.JA, body) == guard.EXIT_INTERNAL
    assert capsys.readouterr().err == "hyoka: internal error: RuntimeError: line one\\nline two\n"


def test_interrupted_is_130() -> None:
    def body() -> int:
        raise KeyboardInterrupt

    assert guard.guarded(Lang.JA, body) == guard.EXIT_INTERRUPTED


def test_the_cli_modules_do_not_import_main() -> None:
    """The scaffold is guard's: cycle, corpus and portfolio do not reach back into main."""
    import hyoka.cli.corpus
    import hyoka.cli.cycle
    import hyoka.cli.portfolio

    for module in (hyoka.cli.cycle, hyoka.cli.corpus, hyoka.cli.portfolio):
        source = Path(module.__file__ or "").read_text(encoding="utf-8")
        assert "hyoka.cli.main" not in source, module.__name__
        assert module.run is guard.run  # type: ignore[attr-defined]
