"""PostgreSQL connections sort with ``work_mem`` 64 MB (``HYOKA_PG_WORK_MEM``), so the save that merges
the trigram index's pending list does it in one piece rather than sixteen (docs/operations.md,
"Concurrent writes"); a value that is not a memory size stops the settings with a Japanese error."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.db import connection

_SHOW = (
    "import django; django.setup()\n"
    "from django.conf import settings\n"
    "from django.db import connection\n"
    "print(settings.DATABASES['default']['OPTIONS']['options'])\n"
    "import sys\n"
    "if sys.argv[1:] == ['connect']:\n"
    "    c = connection.cursor(); c.execute('SHOW work_mem'); print(c.fetchone()[0])\n"
)


def _settings(env: dict[str, str], *, connect: bool = False) -> subprocess.CompletedProcess[str]:
    """The settings loaded in a fresh interpreter with ``env``: the connection options it would send,
    and with ``connect`` what the server says of ``work_mem``."""
    environ = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "HYOKA_PG_WORK_MEM")}
    environ.update({"DJANGO_SETTINGS_MODULE": "hyoka.web.settings", **env})
    return subprocess.run(
        [sys.executable, "-c", _SHOW, *(["connect"] if connect else [])],
        env=environ,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


@pytest.mark.django_db
def test_the_test_database_sorts_with_64_mb() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("a setting of PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SHOW work_mem")
        assert cursor.fetchone() == ("64MB",)


def test_the_setting_changes_it_and_keeps_the_url_s_options() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        # the settings alone (no connection): the option as it would be sent
        done = _settings(
            {"DATABASE_URL": "postgres://hyoka@127.0.0.1:1/x?options=-c%20statement_timeout%3D5000"}
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.splitlines() == ["-c statement_timeout=5000 -c work_mem=64MB"]
        return
    done = _settings({"DATABASE_URL": url, "HYOKA_PG_WORK_MEM": "16MB"}, connect=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1:] == ["16MB"]


@pytest.mark.parametrize("value", ["lots", "64 MB", "0MB", "64mb"])
def test_a_value_that_is_not_a_size_stops_the_settings(value: str) -> None:
    done = _settings({"DATABASE_URL": "postgres://hyoka@127.0.0.1:1/x", "HYOKA_PG_WORK_MEM": value})
    assert done.returncode == 1
    message = f"HYOKA_PG_WORK_MEM は 64MB のように数と単位（kB、MB、GB）で指定します（{value!r}）"
    assert message in done.stderr
