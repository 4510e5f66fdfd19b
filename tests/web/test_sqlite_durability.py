"""The SQLite connection's commit durability: ``synchronous=NORMAL`` in WAL mode by default, FULL or
EXTRA by ``HYOKA_SQLITE_SYNCHRONOUS``, and any other value refused when the settings load
(docs/operations.md, "Concurrent writes")."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

SYNCHRONOUS = {"0": "OFF", "1": "NORMAL", "2": "FULL", "3": "EXTRA"}


def _pragmas(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = (
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "c = connection.cursor()\n"
        "mode = c.execute('PRAGMA journal_mode').fetchone()[0]\n"
        "print(mode, c.execute('PRAGMA synchronous').fetchone()[0])\n"
    )
    environ = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environ.update({"DJANGO_SETTINGS_MODULE": "hyoka.web.settings", **env})
    command = [sys.executable, "-c", code]
    return subprocess.run(command, env=environ, capture_output=True, text=True, check=False)


def test_the_test_database_commits_with_synchronous_normal() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("a setting of SQLite's")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        assert SYNCHRONOUS[str(cursor.fetchone()[0])] == "NORMAL"


@pytest.mark.parametrize(("value", "expected"), [(None, "wal 1"), ("full", "wal 2"), ("EXTRA", "wal 3")])
def test_the_server_database_mode_follows_the_setting(tmp_path, value: str | None, expected: str) -> None:
    env = {"HYOKA_DATA_DIR": str(tmp_path)}
    if value is not None:
        env["HYOKA_SQLITE_SYNCHRONOUS"] = value
    done = _pragmas(env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == expected


def test_an_unknown_value_stops_the_settings_with_a_japanese_error(tmp_path) -> None:
    done = _pragmas({"HYOKA_DATA_DIR": str(tmp_path), "HYOKA_SQLITE_SYNCHRONOUS": "off"})
    assert done.returncode == 1
    assert "HYOKA_SQLITE_SYNCHRONOUS は NORMAL、FULL、EXTRA のいずれかです（'OFF'）" in done.stderr
