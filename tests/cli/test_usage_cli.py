"""Option and argument errors: one line ``hyoka: error: …`` in the chosen language, exit status 2
(``hyoka.cli.usage``), never click's English usage box."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from hyoka.cli.main import app
from hyoka.cli.messages import Lang
from hyoka.cli.usage import args_lang

from .helpers import hyoka, one_line

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "mofa-r2-I-2-hokubei.txt"
S = str(SAMPLE)

CASES = [
    (
        ("render", S, "--to", "docx"),
        "--to に docx は指定できません（指定できる値: html, pdf, xlsx, csv, json, text）。"
        "使い方: hyoka render --help",
        "--to cannot be docx (one of: html, pdf, xlsx, csv, json, text) (usage: hyoka render --help)",
    ),
    (
        ("users", "create", "x", "--role", "boss"),
        "--role に boss は指定できません（指定できる値: viewer, editor, reviewer, expert, admin）。"
        "使い方: hyoka users create --help",
        "--role cannot be boss (one of: viewer, editor, reviewer, expert, admin) "
        "(usage: hyoka users create --help)",
    ),
    (
        ("users", "create", "x"),
        "--role を指定してください（指定できる値: viewer, editor, reviewer, expert, admin）。"
        "使い方: hyoka users create --help",
        "--role is required (one of: viewer, editor, reviewer, expert, admin) "
        "(usage: hyoka users create --help)",
    ),
    (
        ("check", S, "--format", "xml"),
        "--format に xml は指定できません（指定できる値: text, json）。使い方: hyoka check --help",
        "--format cannot be xml (one of: text, json) (usage: hyoka check --help)",
    ),
    (
        ("import",),
        "FILE を指定してください。使い方: hyoka import --help",
        "FILE is missing (usage: hyoka import --help)",
    ),
    (
        ("import", S, "--jbos", "2"),
        "--jbos というオプションはありません（似たもの: --jobs）。使い方: hyoka import --help",
        "there is no option --jbos (similar: --jobs) (usage: hyoka import --help)",
    ),
    (
        ("import", S, "--nothing-like-it"),
        "--nothing-like-it というオプションはありません。使い方: hyoka import --help",
        "there is no option --nothing-like-it (usage: hyoka import --help)",
    ),
    (
        ("import", S, "--into", "x", "--jobs", "0"),
        "--jobs/-j には 1 以上を指定してください（0 が指定されました）。使い方: hyoka import --help",
        "--jobs/-j must be 1 or more, not 0 (usage: hyoka import --help)",
    ),
    (
        ("serve", "--port", "70000"),
        "--port には 65535 以下を指定してください（70000 が指定されました）。使い方: hyoka serve --help",
        "--port must be 65535 or less, not 70000 (usage: hyoka serve --help)",
    ),
    (
        ("import", S, "--jobs", "many"),
        "--jobs/-j には整数を指定してください（many は整数ではありません）。使い方: hyoka import --help",
        "--jobs/-j must be a whole number, not many (usage: hyoka import --help)",
    ),
    (
        ("import", S, "--issues=yes"),
        "--issues は値をとりません",
        "--issues takes no value",
    ),
    (
        ("improt", S),
        "improt というコマンドはありません（似たもの: import）。使い方: hyoka --help",
        "there is no command improt (similar: import) (usage: hyoka --help)",
    ),
    (
        ("users", "delete", "x"),
        "delete というコマンドはありません。使い方: hyoka users --help",
        "there is no command delete (usage: hyoka users --help)",
    ),
    (
        ("check", S, "extra", "more"),
        "余分な引数があります: extra more。使い方: hyoka check --help",
        "unexpected extra arguments: extra more (usage: hyoka check --help)",
    ),
    (
        ("corpus", "generate", "/nonexistent/out", "--format", "pdf"),
        "--format に pdf は指定できません（指定できる値: text, json）。使い方: hyoka corpus generate --help",
        "--format cannot be pdf (one of: text, json) (usage: hyoka corpus generate --help)",
    ),
    (
        ("report", "portfolio", "--format", "csv"),
        "--format に csv は指定できません（指定できる値: table, json）。"
        "使い方: hyoka report portfolio --help",
        "--format cannot be csv (one of: table, json) (usage: hyoka report portfolio --help)",
    ),
]


@pytest.mark.parametrize(("args", "japanese", "english"), CASES, ids=lambda v: " ".join(v)[:40])
def test_an_option_error_is_one_line_in_the_chosen_language(
    args: tuple[str, ...], japanese: str, english: str
) -> None:
    done = hyoka(*args)
    assert (done.returncode, done.stdout) == (2, "")
    assert one_line(done.stderr) == f"hyoka: error: {japanese}"
    done = hyoka(*args, "--lang", "en")
    assert (done.returncode, done.stdout) == (2, "")
    assert one_line(done.stderr) == f"hyoka: error: {english}"


def test_the_language_comes_from_hyoka_lang_when_no_lang_is_given() -> None:
    done = hyoka("render", SAMPLE, "--to", "docx", env={"HYOKA_LANG": "en"})
    assert one_line(done.stderr).startswith("hyoka: error: --to cannot be docx ")


def test_a_bad_lang_itself_is_said_in_the_default_language() -> None:
    done = hyoka("import", SAMPLE, "--lang", "fr")
    assert (done.returncode, done.stdout) == (2, "")
    assert one_line(done.stderr) == (
        "hyoka: error: --lang に fr は指定できません（指定できる値: ja, en）。使い方: hyoka import --help"
    )


def test_lang_is_read_from_the_command_line_before_the_options_are() -> None:
    assert args_lang(["import", "--lang", "en"]) is Lang.EN
    assert args_lang(["import", "--lang=en"]) is Lang.EN
    assert args_lang(["import", "--lang", "xx"]) is Lang.JA
    assert args_lang(["import", "--", "--lang", "en"]) is Lang.JA


def test_no_english_in_a_japanese_option_error() -> None:
    """Not click's words: no ``Usage:``, ``Error:``, ``Invalid value``, ``Missing``."""
    for args, _, _ in CASES:
        done = hyoka(*args)
        for word in ("Usage", "Error", "Invalid", "Missing", "No such", "Try "):
            assert word not in done.stderr, (args, done.stderr)


def test_the_help_still_shows_without_a_command() -> None:
    done = hyoka()
    assert done.returncode == 2
    assert done.stderr.startswith("Usage: hyoka [OPTIONS] COMMAND [ARGS]...")
    done = hyoka("users")
    assert done.returncode == 2
    assert done.stderr.startswith("Usage: hyoka users [OPTIONS] COMMAND [ARGS]...")
    done = hyoka("render", "--help")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("Usage: hyoka render [OPTIONS] {FILE}")


def test_cli_runner_sees_the_same_line() -> None:
    result = CliRunner().invoke(app, ["render", S, "--to", "docx", "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == (
        "hyoka: error: --to cannot be docx (one of: html, pdf, xlsx, csv, json, text) "
        "(usage: hyoka render --help)\n"
    )


@pytest.mark.parametrize(
    ("args", "japanese", "english"),
    [
        (
            ("--role", "editor"),
            "役割 editor には --ministry（府省）が必要です",
            "the role editor needs --ministry (the ministry)",
        ),
        (
            ("--role", "editor", "--ministry", "外務省"),
            "editor には --bureau（部局）が必要です（editor は自分の部局の評価書を書きます）",
            "an editor needs --bureau (editors write their own bureau's reports)",
        ),
    ],
)
def test_users_create_says_what_a_role_needs_before_asking_django(
    args: tuple[str, ...], japanese: str, english: str, tmp_path: Path
) -> None:
    env = {"HYOKA_DATA_DIR": str(tmp_path)}  # never migrated: refused before Django would be asked
    done = hyoka("users", "create", "x", *args, env=env)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"hyoka: error: {japanese}\n")
    done = hyoka("users", "create", "x", *args, "--lang", "en", env=env)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"hyoka: error: {english}\n")
