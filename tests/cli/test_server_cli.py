"""``hyoka migrate``, ``serve``, ``users create`` and ``token``: the helpers in ``hyoka.cli.server``,
the commands through CliRunner with the child processes stubbed, and the whole round as real
processes on a temporary ``HYOKA_DATA_DIR`` (migrate, a user, a token, gunicorn answering)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hyoka.cli import server
from hyoka.cli.main import UserRole, app
from hyoka.cli.server import ChildResult, ServerError

TOKEN = re.compile(r"[A-Za-z0-9_-]{40,}")
WAIT_SECONDS = 60


# --- helpers of hyoka.cli.server ------------------------------------------------------------


def test_roles_are_the_models_roles() -> None:
    from hyoka.web.reports.models import Role

    assert [r.value for r in UserRole] == [str(r) for r in Role]


@pytest.mark.parametrize(
    ("stderr", "expected"),
    [
        ("CommandError: no user named 'x'\n", "no user named 'x'"),
        (
            'Traceback (most recent call last):\n  File "x.py", line 1, in <module>\n'
            "    raise OperationalError(msg)\n"
            "django.db.utils.OperationalError: connection failed: refused\n\tIs the server running?\n",
            "OperationalError: connection failed: refused Is the server running?",
        ),
        (
            "usage: __main__.py hyoka_users [-h] ...\n"
            "__main__.py hyoka_users: error: argument --role: invalid choice: 'boss'\n",
            "argument --role: invalid choice: 'boss'",
        ),
        ("something odd\n  happened here\n", "happened here"),
        ("", ""),
    ],
)
def test_error_detail_is_one_line(stderr: str, expected: str) -> None:
    assert server.error_detail(stderr) == expected


def test_database_label_hides_the_password(tmp_path: Path) -> None:
    env = {"DATABASE_URL": "postgres://hyoka:s3cret@db.example.org:5432/hyoka"}
    assert server.database_label(env) == "postgres://hyoka@db.example.org:5432/hyoka"
    assert server.database_label({"HYOKA_DATA_DIR": str(tmp_path)}) == str(
        tmp_path.resolve() / "hyoka.sqlite3"
    )


def test_gunicorn_command_line() -> None:
    argv = server.gunicorn_argv("::1", 9000, 3)
    assert argv[:4] == [sys.executable, "-m", "gunicorn", "hyoka.web.wsgi:application"]
    assert argv[argv.index("--bind") + 1] == "[::1]:9000"
    assert argv[argv.index("--workers") + 1] == "3"
    assert argv[argv.index("--access-logfile") + 1] == "-"
    assert server.runserver_argv("127.0.0.1", 8000)[3:5] == ["runserver", "127.0.0.1:8000"]
    assert server.django_argv("migrate")[-1] == "--settings=hyoka.web.settings"


def test_child_environment_passes_through(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HYOKA_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", "postgres://h@127.0.0.1:1/x")
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "someone.else")
    env = server.child_env()
    assert env["HYOKA_DATA_DIR"] == str(tmp_path)
    assert env["DATABASE_URL"] == "postgres://h@127.0.0.1:1/x"
    assert env["DJANGO_SETTINGS_MODULE"] == "hyoka.web.settings"


def test_a_taken_port_is_one_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ServerError) as caught:
            server.check_port("127.0.0.1", port)
    assert caught.value.key == "port_in_use"
    assert f"127.0.0.1:{port}" in str(caught.value)


# --- the commands, children stubbed ---------------------------------------------------------


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, ...]] = []
        self.exec_argv: list[str] | None = None
        self.exec_env: dict[str, str] | None = None


@pytest.fixture
def stubbed(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    """No child runs: ``migrate --check`` says "up to date", exec is recorded."""
    record = Recorder()

    def run_django(command: str, *args: str, stream_stdout: bool = False) -> ChildResult:
        record.calls.append((command, *args))
        return ChildResult(0, "", "")

    def exec_server(argv: list[str], env: dict[str, str]) -> None:
        record.exec_argv, record.exec_env = list(argv), env

    monkeypatch.setattr(server, "run_django", run_django)
    monkeypatch.setattr(server, "exec_server", exec_server)
    monkeypatch.setattr(server, "check_port", lambda host, port: None)
    return record


def test_serve_checks_migrations_then_execs_gunicorn(stubbed: Recorder) -> None:
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--port", "8123", "--workers", "4"])
    assert result.exit_code == 0, result.output
    assert stubbed.calls == [("migrate", "--check", "--verbosity=0")]
    assert stubbed.exec_argv is not None and stubbed.exec_env is not None
    assert stubbed.exec_argv[2:4] == ["gunicorn", "hyoka.web.wsgi:application"]
    assert "0.0.0.0:8123" in stubbed.exec_argv
    assert stubbed.exec_argv[stubbed.exec_argv.index("--workers") + 1] == "4"
    assert stubbed.exec_env["DJANGO_SETTINGS_MODULE"] == "hyoka.web.settings"


def test_serve_dev_uses_runserver(stubbed: Recorder) -> None:
    result = CliRunner().invoke(app, ["serve", "--dev", "--port", "8124"])
    assert result.exit_code == 0, result.output
    assert stubbed.exec_argv is not None
    assert stubbed.exec_argv[2:5] == ["django", "runserver", "127.0.0.1:8124"]
    assert "runserver" in result.output


def test_serve_refuses_unapplied_migrations(stubbed: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(server, "run_django", lambda *a, **k: ChildResult(1, "", ""))
    result = CliRunner().invoke(app, ["serve", "--lang", "en"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "hyoka: error: the database needs migrating: run `hyoka migrate` first"
    ]
    assert stubbed.exec_argv is None


def test_a_failing_child_is_one_line(stubbed: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    crash = "Traceback (most recent call last):\n  ...\ndjango.db.utils.OperationalError: refused\n"
    monkeypatch.setattr(server, "run_django", lambda *a, **k: ChildResult(1, "", crash))
    result = CliRunner().invoke(app, ["serve", "--lang", "en"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "hyoka: error: migrate --check failed: OperationalError: refused"
    ]


def test_migrate_makes_the_shared_cache_table(stubbed: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HYOKA_CACHE", raising=False)
    assert CliRunner().invoke(app, ["migrate"]).exit_code == 0
    assert stubbed.calls == [("migrate", "--no-input")]
    stubbed.calls.clear()
    monkeypatch.setenv("HYOKA_CACHE", "database")
    assert CliRunner().invoke(app, ["migrate"]).exit_code == 0
    assert stubbed.calls == [("migrate", "--no-input"), ("createcachetable",)]


def test_users_create_passes_its_options(stubbed: Recorder) -> None:
    result = CliRunner().invoke(
        app, ["users", "create", "ed", "--role", "editor", "--ministry", "外務省", "--bureau", "北米局"]
    )
    assert result.exit_code == 0, result.output
    assert stubbed.calls == [
        ("hyoka_users", "create", "ed", "--role", "editor", "--ministry", "外務省", "--bureau", "北米局")
    ]


# --- the real thing: child processes on a temporary data directory ---------------------------


def _env(data_dir: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("HYOKA_", "DJANGO_", "GUNICORN_")) and k != "DATABASE_URL"
    }
    env["HYOKA_DATA_DIR"] = str(data_dir)
    return env


def _hyoka(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hyoka.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def _serving(env: dict[str, str], port: int, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """``hyoka serve`` in its own process group; always stopped (SIGTERM, then SIGKILL)."""
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "hyoka.cli", "serve", "--port", str(port), "--workers", "1"],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            yield process
        finally:
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=20)


def _get(url: str, headers: dict[str, str] | None = None) -> Any:
    return urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=10)


def _wait_until_up(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"hyoka serve exited ({process.returncode}):\n{log.read_text(errors='replace')}")
        try:
            with _get(url):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.25)
    pytest.fail(f"hyoka serve did not answer within {WAIT_SECONDS}s:\n{log.read_text(errors='replace')}")


def test_migrate_users_token_and_serve(tmp_path: Path) -> None:
    env = _env(tmp_path / "data")

    before = _hyoka(env, "serve", "--port", str(_free_port()))
    assert before.returncode == 2, before.stderr
    assert before.stdout == ""
    lines = before.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("hyoka: error: ")
    assert "hyoka migrate" in lines[0]

    migrated = _hyoka(env, "migrate")
    assert migrated.returncode == 0, migrated.stderr
    assert "Applying reports.0001_initial... OK" in migrated.stdout
    assert (tmp_path / "data" / "hyoka.sqlite3").is_file()

    created = _hyoka(
        env, "users", "create", "ed", "--role", "editor", "--ministry", "外務省", "--bureau", "北米局"
    )
    assert created.returncode == 0, created.stderr
    lines = created.stdout.splitlines()
    assert lines[0] == "利用者 ed を作成しました（役割 editor、府省 外務省、部局 北米局）"
    assert lines[1].startswith("パスワード: ") and len(lines) == 2

    again = _hyoka(
        env, "users", "create", "ed", "--role", "editor", "--ministry", "外務省", "--bureau", "北米局"
    )
    assert (again.returncode, again.stdout) == (2, "")
    assert again.stderr == "hyoka: error: 利用者 ed はすでにあります\n"

    issued = _hyoka(env, "token", "ed")
    assert issued.returncode == 0, issued.stderr
    token = issued.stdout.strip()
    assert TOKEN.fullmatch(token), issued.stdout

    unknown = _hyoka(env, "token", "nobody")
    assert unknown.returncode == 2
    assert unknown.stdout == ""
    assert unknown.stderr == (
        "hyoka: error: 利用者 nobody はいません（hyoka users create で作成してください）\n"
    )
    assert "Traceback" not in unknown.stderr

    port = _free_port()
    log = tmp_path / "serve.log"
    with _serving(env, port, log) as process:
        _wait_until_up(process, f"http://127.0.0.1:{port}/", log)
        with _get(f"http://127.0.0.1:{port}/") as page:
            assert page.status == 200
            assert "default-src 'self'" in page.headers["Content-Security-Policy"]
        with _get(f"http://127.0.0.1:{port}/api/reports", {"Authorization": f"Bearer {token}"}) as api:
            assert api.status == 200
            assert "Content-Security-Policy" in api.headers
            json.loads(api.read())
        with pytest.raises(urllib.error.HTTPError) as refused:
            _get(f"http://127.0.0.1:{port}/api/reports", {"Authorization": "Bearer not-a-token"})
        assert refused.value.code == 401
    assert process.returncode is not None
    served = log.read_text(errors="replace")
    assert '"GET / HTTP/1.1" 200' in served  # the access log
