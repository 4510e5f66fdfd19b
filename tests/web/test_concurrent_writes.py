"""Ten busy editors at once against the default set-up: the real app under gunicorn (2 workers),
real HTTP through the API, real concurrency. Every write waits for the database's lock and answers
2xx or 409, never 500 (docs/operations.md, "Concurrent writes").

On SQLite the server gets a data directory of its own; in the PostgreSQL run (``DATABASE_URL``
set) a database of its own on the same server, dropped afterwards.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "mofa-r2-I-2-hokubei.txt"
WRITERS = 10
SAVES_EACH = 5
RACERS = 20
ROUNDS = 3
START_TIMEOUT = 60.0
REQUEST_TIMEOUT = 120.0

# One script run by ``python -m django shell``: WRITERS editors of 外務省 北米局 and a reviewer,
# an API token each, printed as JSON.
_PEOPLE_SCRIPT = """
import json
from django.contrib.auth.models import User
from hyoka.web.auth import create_token
from hyoka.web.reports.models import Bureau, Membership, Ministry, Role
ministry = Ministry.objects.get_or_create(name="外務省")[0]
bureau = Bureau.objects.get_or_create(ministry=ministry, name="北米局")[0]
tokens = {}
for name, role in [*[(f"editor{i}", Role.EDITOR) for i in range(%(writers)d)], ("reviewer", Role.REVIEWER)]:
    user = User.objects.create_user(name)
    Membership.objects.create(
        user=user, role=role, ministry=ministry, bureau=bureau if role == Role.EDITOR else None
    )
    tokens[name] = create_token(user)
print(json.dumps(tokens))
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def _database(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The server's environment: a fresh SQLite data directory, or (when the suite runs on
    PostgreSQL) a fresh database on the same server, dropped afterwards."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HYOKA_", "DJANGO_", "GUNICORN_"))}
    env.pop("DATABASE_URL", None)
    env.update(
        {
            "HYOKA_DATA_DIR": str(tmp_path / "data"),
            "HYOKA_SECRET_KEY": secrets.token_urlsafe(50),
            "HYOKA_ALLOWED_HOSTS": "127.0.0.1",
            "PYTHONUNBUFFERED": "1",
        }
    )
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield env
        return
    import psycopg

    name = f"hyoka_load_{secrets.token_hex(4)}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        env["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + name
        yield env
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _django(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "django", *args, "--settings=hyoka.web.settings"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"{args}: {done.stdout}\n{done.stderr}"
    return done.stdout


@dataclass
class Server:
    base: str
    tokens: dict[str, str]
    log: Path
    env: dict[str, str]
    """The server's environment (its database), for commands run beside it."""

    def call(self, method: str, path: str, token: str, body: Any = None) -> tuple[int, Any]:
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Authorization", f"Bearer {token}")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            raw = exc.read()
            try:
                return exc.code, json.loads(raw)
            except ValueError:
                return exc.code, raw.decode("utf-8", "replace")

    def upload(self, token: str, name: str, content: bytes) -> tuple[int, Any]:
        boundary = secrets.token_hex(8)
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n"
            ).encode()
            + content
            + f"\r\n--{boundary}--\r\n".encode()
        )
        request = urllib.request.Request(self.base + "/api/reports/import", data=body, method="POST")
        request.add_header("Authorization", f"Bearer {token}")
        request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
        try:
            with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace")

    def log_tail(self) -> str:
        return "\n".join(self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-60:])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The app as ``hyoka serve`` runs it by default (gunicorn, 2 sync workers), migrated, with
    WRITERS editors and a reviewer holding API tokens."""
    tmp_path = tmp_path_factory.mktemp("load")
    with _database(tmp_path) as env:
        _django(env, "migrate", "--no-input")
        printed = _django(env, "shell", "--no-imports", "-c", _PEOPLE_SCRIPT % {"writers": WRITERS})
        tokens = json.loads(printed.strip().splitlines()[-1])
        port = _free_port()
        log = tmp_path / "gunicorn.log"
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "hyoka.web.wsgi:application",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "--timeout",
            "120",
            "--no-control-socket",
        ]
        with log.open("wb") as out:
            process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        found = Server(f"http://127.0.0.1:{port}", tokens, log, env)
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while True:
                try:
                    with urllib.request.urlopen(found.base + "/healthz", timeout=2):
                        break
                except (urllib.error.URLError, OSError):
                    if process.poll() is not None or time.monotonic() > deadline:
                        pytest.fail(f"gunicorn did not start:\n{found.log_tail()}", pytrace=False)
                    time.sleep(0.2)
            yield found
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=20)


def _sample_json() -> dict[str, Any]:
    from hyoka.importers import import_bytes

    result: dict[str, Any] = import_bytes(SAMPLE.read_bytes(), name=SAMPLE.name).report.model_dump(
        mode="json"
    )
    return result


def _together(count: int, work: Callable[[int], Any]) -> list[Any]:
    """``work(i)`` for i in range(count), each in its own thread, released at the same moment."""
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = work(i)
        except Exception as exc:  # an exception is a result too: the assertions show it
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.fixture(scope="module")
def reports(server: Server) -> list[int]:
    """WRITERS reports of 外務省 北米局 (the sample under other measure numbers), imported at once."""
    base = _sample_json()

    def upload(i: int) -> tuple[int, Any]:
        document = {**base, "measure_number": f"Z-{i + 1}", "title": f"負荷試験の施策{i + 1}"}
        content = json.dumps(document, ensure_ascii=False).encode("utf-8")
        return server.upload(server.tokens[f"editor{i}"], f"load-{i}.json", content)

    results = _together(WRITERS, upload)
    assert [status for status, _ in results] == [201] * WRITERS, server.log_tail()
    return [body["id"] for _, body in results]


def _edit(server: Server, token: str, report_id: int, marker: str) -> tuple[int, Any]:
    """Read the report, change its judgment's 判断根拠, save it on the revision read."""
    status, body = server.call("GET", f"/api/reports/{report_id}", token)
    assert status == 200, body
    document = body["report"]
    document["judgment"]["rationale"] = marker
    return server.call(
        "POST",
        f"/api/reports/{report_id}/revisions",
        token,
        {"base_revision": body["revision"], "reason": marker, "report": document},
    )


def test_ten_writers_on_ten_reports_all_succeed(server: Server, reports: list[int]) -> None:
    def writer(i: int) -> list[int]:
        return [
            _edit(server, server.tokens[f"editor{i}"], reports[i], f"編集者{i}の保存{n}")[0]
            for n in range(SAVES_EACH)
        ]

    statuses = _together(WRITERS, writer)
    assert statuses == [[201] * SAVES_EACH] * WRITERS, server.log_tail()
    # the history is whole: revisions 1 … 1 + SAVES_EACH, each the save it says it is
    for i, report_id in enumerate(reports):
        token = server.tokens[f"editor{i}"]
        status, body = server.call("GET", f"/api/reports/{report_id}", token)
        assert (status, body["revision"]) == (200, 1 + SAVES_EACH)
        for n in range(SAVES_EACH):
            status, body = server.call("GET", f"/api/reports/{report_id}?revision={n + 2}", token)
            assert (status, body["report"]["judgment"]["rationale"]) == (200, f"編集者{i}の保存{n}")


def test_racing_saves_on_one_report_have_exactly_one_winner(server: Server, reports: list[int]) -> None:
    report_id = reports[0]
    token = server.tokens["editor0"]
    _, first = server.call("GET", f"/api/reports/{report_id}", token)
    start = first["revision"]
    document = first["report"]
    for round_ in range(ROUNDS):
        base = start + round_

        def racer(k: int, base: int = base, round_: int = round_) -> tuple[int, Any]:
            edited = json.loads(json.dumps(document))
            edited["judgment"]["rationale"] = f"第{round_}回の競争者{k}"
            return server.call(
                "POST",
                f"/api/reports/{report_id}/revisions",
                server.tokens[f"editor{k % WRITERS}"],
                {"base_revision": base, "reason": f"競争{round_}-{k}", "report": edited},
            )

        results = _together(RACERS, racer)
        counts = Counter(status for status, _ in results)
        assert counts == Counter({201: 1, 409: RACERS - 1}), (counts, server.log_tail())
        winner = next(k for k, (status, _) in enumerate(results) if status == 201)
        assert results[winner][1]["revision"] == base + 1
        for status, body in results:
            if status == 409:
                assert body["current_revision"] == base + 1
        status, body = server.call("GET", f"/api/reports/{report_id}?revision={base + 1}", token)
        assert (status, body["report"]["judgment"]["rationale"]) == (200, f"第{round_}回の競争者{winner}")
    status, body = server.call("GET", f"/api/reports/{report_id}?revision={start + ROUNDS + 1}", token)
    assert status == 404


def test_racing_transitions_move_the_report_once(server: Server, reports: list[int]) -> None:
    report_id = reports[1]

    def submit(k: int) -> tuple[int, Any]:
        return server.call(
            "POST", f"/api/reports/{report_id}/transitions", server.tokens[f"editor{k}"], {"action": "submit"}
        )

    results = _together(WRITERS, submit)
    counts = Counter(status for status, _ in results)
    assert counts[200] == 1 and counts[200] + counts[403] + counts[409] == WRITERS, (
        counts,
        server.log_tail(),
    )
    status, body = server.call("GET", f"/api/reports/{report_id}", server.tokens["reviewer"])
    assert (status, body["status"]) == (200, "submitted")


def test_a_bulk_import_beside_busy_editors(server: Server, reports: list[int], tmp_path: Path) -> None:
    """A bulk import writes batch after batch into the live database while the editors save:
    every save and every file gets through."""
    returned = server.call(
        "POST",
        f"/api/reports/{reports[1]}/transitions",
        server.tokens["reviewer"],
        {"action": "return", "comment": "編集を続けてください"},
    )
    assert returned[0] == 200, returned  # submitted by the test before: editable again
    corpus = tmp_path / "corpus"
    generated = subprocess.run(
        [
            sys.executable,
            "-m",
            "hyoka.cli",
            "corpus",
            "generate",
            "--reports",
            "60",
            "--seed",
            "7",
            str(corpus),
        ],
        env=server.env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert generated.returncode == 0, generated.stderr
    files = sorted(p for p in corpus.rglob("*.txt"))
    assert len(files) == 60
    database = server.env.get("DATABASE_URL") or server.env["HYOKA_DATA_DIR"]
    bulk = subprocess.Popen(
        [sys.executable, "-m", "hyoka.cli", "import", *map(str, files), "--into", database, "--jobs", "2"],
        env=server.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:

        def writer(i: int) -> list[int]:
            saved = []
            while bulk.poll() is None or len(saved) < SAVES_EACH:
                saved.append(
                    _edit(server, server.tokens[f"editor{i}"], reports[i], f"一括取込中の保存{len(saved)}")[0]
                )
            return saved

        statuses = _together(WRITERS, writer)
        out, err = bulk.communicate(timeout=300)
    finally:
        if bulk.poll() is None:
            bulk.kill()
            bulk.wait()
    assert bulk.returncode == 0, err
    for saved in statuses:
        assert set(saved) == {201}, (saved, server.log_tail())
    assert sum(len(saved) for saved in statuses) >= WRITERS * SAVES_EACH
    counted = _django(
        server.env,
        "shell",
        "--no-imports",
        "-c",
        "from hyoka.web.reports.models import Report; print(Report.objects.count())",
    )
    assert counted.strip().splitlines()[-1] == str(WRITERS + 60), out
