"""The web workspace from the shell: ``hyoka migrate``, ``hyoka serve``, ``hyoka users create``,
``hyoka token``.

The cli layer never imports Django (import-linter's "Nothing imports web" contract), so each of
these runs Django in a child process with the same interpreter:
``python -m django <command> --settings=hyoka.web.settings``, and the production server as
``python -m gunicorn hyoka.web.wsgi:application``. The environment passes through unchanged
(``HYOKA_DATA_DIR``, ``DATABASE_URL``, ``HYOKA_SECRET_KEY``, ``HYOKA_PRODUCTION``, …), so the child
sees the same database as the settings module would.

A child that fails becomes one line, ``hyoka: error: …`` (its traceback reduced to the exception's
message), raised here as :class:`ServerError`; ``hyoka serve`` refuses to start while migrations
are unapplied and tells to run ``hyoka migrate``.
"""

from __future__ import annotations

import errno
import os
import re
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hyoka.cli.messages import Lang, t

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "DEFAULT_WORKERS",
    "SETTINGS",
    "WSGI_APP",
    "ChildResult",
    "ServerError",
    "bind_address",
    "check_port",
    "child_env",
    "database_label",
    "django_argv",
    "error_detail",
    "exec_server",
    "gunicorn_argv",
    "migrate",
    "migrations_pending",
    "run_django",
    "runserver_argv",
    "token",
    "users_create",
]

SETTINGS = "hyoka.web.settings"
WSGI_APP = "hyoka.web.wsgi:application"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_WORKERS = 2


class ServerError(Exception):
    """A Django command or the server could not do what was asked; one line in either language."""

    def __init__(self, key: str, /, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values

    def text(self, lang: Lang) -> str:
        return t(self.key, lang, **self.values)

    def __str__(self) -> str:
        return self.text(Lang.EN)


@dataclass(frozen=True)
class ChildResult:
    returncode: int
    stdout: str
    stderr: str


# --- the child processes --------------------------------------------------------------------


def child_env() -> dict[str, str]:
    """This process's environment for a Django child: everything passes through; the settings
    module is always hyoka's, and Python's output is unbuffered (log lines appear at once)."""
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = SETTINGS
    env["PYTHONUNBUFFERED"] = "1"
    return env


def django_argv(command: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "django", command, *args, f"--settings={SETTINGS}"]


def run_django(command: str, *args: str, stream_stdout: bool = False) -> ChildResult:
    """Run ``django-admin <command> <args>``; stderr is always captured (a traceback is never shown
    as is), stdout captured too unless ``stream_stdout`` (then it goes straight to ours)."""
    sys.stdout.flush()
    completed = subprocess.run(
        django_argv(command, *args),
        env=child_env(),
        stdin=subprocess.DEVNULL,
        stdout=None if stream_stdout else subprocess.PIPE,
        stderr=subprocess.PIPE,
        check=False,
    )
    return ChildResult(
        completed.returncode,
        _decode(completed.stdout) if completed.stdout is not None else "",
        _decode(completed.stderr),
    )


def _decode(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


# patterns, compiled (and cached by ``re``) when a child has failed, not for every hyoka command
_EXCEPTION_LINE = r"^(?P<name>[A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt)):(?P<msg>.*)$"
_ARGPARSE_ERROR = r"^\S+(?: \S+)?: error: (?P<msg>.*)$"


def _exception_detail(stderr: str) -> str | None:
    """The message of the last exception in a traceback (``CommandError: x`` → ``x``;
    ``django.db.utils.OperationalError: x`` → ``OperationalError: x``, continuation lines joined),
    or an argparse complaint; None when stderr holds neither."""
    lines = [line.rstrip() for line in stderr.splitlines()]
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if match := re.match(_EXCEPTION_LINE, line):
            name = match["name"].rsplit(".", 1)[-1]
            rest = " ".join(part.strip() for part in [match["msg"], *lines[index + 1 :]] if part.strip())
            return rest if name == "CommandError" else f"{name}: {rest}".rstrip(": ")
        if match := re.match(_ARGPARSE_ERROR, line):
            return match["msg"].strip()
    return None


def error_detail(stderr: str) -> str:
    """The one thing a failed Django child said: the last exception's message or argparse's
    complaint, else the last line it wrote (empty when it wrote nothing)."""
    found = _exception_detail(stderr)
    if found is not None:
        return found
    meaningful = [line.strip() for line in stderr.splitlines() if line.strip()]
    return meaningful[-1] if meaningful else ""


_KNOWN_FAILURES = (
    (r"^a user named (?P<q>['\"])(?P<name>.*)(?P=q) already exists$", "user_exists"),
    (r"^no user named (?P<q>['\"])(?P<name>.*)(?P=q) ", "no_such_user"),
    (r"^the user (?P<q>['\"])(?P<name>.*)(?P=q) is inactive", "user_inactive"),
)
"""What ``hyoka_users`` and ``hyoka_token`` (Django, English) refuse for a person's reason, read
back into this command's messages, so that a Japanese line holds no English sentence."""


def _fail(what: str, result: ChildResult) -> ServerError:
    detail = error_detail(result.stderr) or f"exit status {result.returncode}"
    for pattern, key in _KNOWN_FAILURES:
        if match := re.match(pattern, detail):
            return ServerError(key, name=match["name"])
    return ServerError("django_failed", what=what, detail=detail)


def migrations_pending() -> bool:
    """``migrate --check``: False when the database is up to date, True when migrations are
    unapplied (exit 1 without an exception); anything else (no database server, a bad
    ``DATABASE_URL``) is a :class:`ServerError`."""
    result = run_django("migrate", "--check", "--verbosity=0")
    if result.returncode == 0:
        return False
    if result.returncode == 1 and _exception_detail(result.stderr) is None:
        return True
    raise _fail("migrate --check", result)


def _after_failure(what: str, result: ChildResult) -> ServerError:
    """A failed command on a database that was never migrated says so, not "no such table"."""
    try:
        pending = migrations_pending()
    except ServerError:
        pending = False
    return ServerError("needs_migrate") if pending else _fail(what, result)


# --- the commands ---------------------------------------------------------------------------


def database_label(environ: dict[str, str] | None = None) -> str:
    """Where the database is, for people: ``DATABASE_URL`` without its password, else the SQLite
    file under ``HYOKA_DATA_DIR`` (default ``./.hyoka-data``, as in ``hyoka.web.settings``)."""
    env = os.environ if environ is None else environ
    if url := env.get("DATABASE_URL"):
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(url)
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        netloc = f"{parts.username}@{host}" if parts.username else host
        if parts.port:
            netloc += f":{parts.port}"
        return urlunsplit((parts.scheme, netloc, parts.path, "", ""))
    data_dir = Path(env.get("HYOKA_DATA_DIR") or Path.cwd() / ".hyoka-data").resolve()
    return str(data_dir / "hyoka.sqlite3")


def migrate() -> str:
    """Apply the migrations (Django lists what it applies on stdout), and with HYOKA_CACHE=database
    create the cache table; the database's label."""
    result = run_django("migrate", "--no-input", stream_stdout=True)
    if result.returncode != 0:
        raise _fail("migrate", result)
    if result.stderr.strip():
        sys.stderr.write(result.stderr)
    if os.environ.get("HYOKA_CACHE") == "database":
        # the shared cache's table (login throttling); a no-op when it exists
        cache = run_django("createcachetable", stream_stdout=True)
        if cache.returncode != 0:
            raise _fail("createcachetable", cache)
    return database_label()


def users_create(name: str, role: str, ministry: str | None, bureau: str | None) -> str:
    """``hyoka_users create``; what it printed (the user and the password)."""
    args = ["create", name, "--role", role]
    if ministry is not None:
        args += ["--ministry", ministry]
    if bureau is not None:
        args += ["--bureau", bureau]
    result = run_django("hyoka_users", *args)
    if result.returncode != 0:
        raise _after_failure("users create", result)
    return result.stdout


def token(name: str) -> str:
    """``hyoka_token NAME``: a new API token for the user (stdout: the token and a newline)."""
    result = run_django("hyoka_token", name)
    if result.returncode != 0:
        raise _after_failure("token", result)
    return result.stdout


# --- hyoka serve ----------------------------------------------------------------------------


def bind_address(host: str, port: int) -> str:
    """``host:port`` as gunicorn and runserver read it (an IPv6 address in brackets)."""
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"{host}:{port}"


def check_port(host: str, port: int) -> None:
    """Fail early, in one line, when the address is taken or cannot be bound (gunicorn would
    retry for seconds and then print a page of log)."""
    import socket  # here, not for every hyoka command

    bare = host.strip("[]")
    try:
        infos = socket.getaddrinfo(bare, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise ServerError("bad_host", host=host, detail=exc.strerror or str(exc)) from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise ServerError("port_in_use", address=bind_address(host, port)) from None
            raise ServerError(
                "cannot_bind", address=bind_address(host, port), detail=exc.strerror or str(exc)
            ) from None


def gunicorn_argv(host: str, port: int, workers: int) -> list[str]:
    """gunicorn on ``host:port`` with ``workers`` processes, the access log on stdout. Other
    settings (``--timeout``, ``--forwarded-allow-ips``, …) come from ``GUNICORN_CMD_ARGS``, which
    gunicorn reads itself; these options win over it."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        WSGI_APP,
        "--bind",
        bind_address(host, port),
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--error-logfile",
        "-",
        # gunicorn's control socket (~/.gunicorn/gunicorn.ctl) is one per user: two servers on a
        # machine would fight over it, and hyoka does not use it.
        "--no-control-socket",
    ]


def runserver_argv(host: str, port: int) -> list[str]:
    return django_argv("runserver", bind_address(host, port))


def exec_server(argv: Sequence[str], env: dict[str, str]) -> None:
    """Replace this process with the server, so that signals (Ctrl-C, SIGTERM) reach it directly."""
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(argv[0], list(argv), env)
