"""Fixtures for the end-to-end tests: the real app as a subprocess, and Debian's chromium.

``app_server`` builds a throw-away instance (one per test) the way an operator would: a temporary
``HYOKA_DATA_DIR`` (SQLite), ``python -m django migrate``, the people made with
``python -m django hyoka_users create`` (password from ``HYOKA_PASSWORD``), then
``gunicorn hyoka.web.wsgi:application`` with 2 workers on a free loopback port. It yields the base
URL and stops the server on teardown.

``browser`` is Debian's chromium (``/usr/bin/chromium``) driven by playwright; the browsers that
``playwright install`` downloads are never used. Screenshots go to ``test-artifacts/e2e/<test>/``
(gitignored), numbered in the order they were taken; a failing test also leaves a screenshot of
every page it had open.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "mofa-r2-I-2-hokubei.txt"
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "e2e-" + secrets.token_urlsafe(12)
"""Everyone's password in the throw-away instance (made per run, never stored)."""
PEOPLE: dict[str, tuple[str, str | None, str | None]] = {
    # name: (role, ministry, bureau)
    "editor": ("editor", "外務省", "北米局"),
    "reviewer": ("reviewer", "外務省", None),
    "expert": ("expert", "外務省", None),  # the ministry's advisory group (政策評価アドバイザー・グループ)
    "admin": ("admin", None, None),
}
START_TIMEOUT = 60.0
"""Seconds the server may take to answer after gunicorn starts."""
COMMAND_TIMEOUT = 180.0
WIDTHS = ((1280, 900), (390, 844))
"""The viewports of ``Screenshots.both``: a desktop and a phone."""


def chromium_missing_reason() -> str | None:
    """Why the e2e tests are skipped here, or None when they must run. In CI (``CI`` set) they
    always run: a missing browser is then a failure, not a skip."""
    if CHROMIUM.exists() or os.environ.get("CI"):
        return None
    return f"{CHROMIUM} is missing (Debian's chromium package); the e2e tests run in CI"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip the e2e tests, with the reason, only where chromium is missing outside CI."""
    reason = chromium_missing_reason()
    if reason is None:
        return
    for item in items:
        if item.get_closest_marker("e2e") is not None:
            item.add_marker(pytest.mark.skip(reason=reason))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _server_env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("DATABASE_URL", "HYOKA_PRODUCTION", "HYOKA_DEBUG", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)  # a SQLite instance of its own, plain HTTP, whatever the shell says
    env.update(
        {
            "HYOKA_DATA_DIR": str(data_dir),
            "HYOKA_SECRET_KEY": secrets.token_urlsafe(50),
            "HYOKA_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def _django(env: dict[str, str], *args: str, extra_env: dict[str, str] | None = None) -> None:
    command = [sys.executable, "-m", "django", *args, "--settings=hyoka.web.settings"]
    done = subprocess.run(
        command,
        cwd=ROOT,
        env={**env, **(extra_env or {})},
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(
            f"{' '.join(command[1:])} exited with {done.returncode}:\n{done.stdout}\n{done.stderr}",
            pytrace=False,
        )


def _log_tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    last = "no answer yet"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited with {process.returncode}:\n{_log_tail(log)}", pytrace=False)
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
                last = f"HTTP {response.status}"
        except (urllib.error.URLError, OSError) as exc:
            last = str(exc)
        time.sleep(0.2)
    pytest.fail(
        f"{url} did not answer within {START_TIMEOUT:.0f} s ({last}):\n{_log_tail(log)}", pytrace=False
    )


@contextmanager
def serve(data_dir: Path, env: dict[str, str], ready: str = "/login/") -> Iterator[str]:
    """The app of ``data_dir`` under gunicorn (2 workers) on a free loopback port, until the block
    ends; yields its base URL (no trailing slash) once ``ready`` answers 200. Every e2e server is
    started this way; its log is ``data_dir/gunicorn.log`` (its tail printed at the end)."""
    port = _free_port()
    log = data_dir / "gunicorn.log"
    command = [sys.executable, "-m", "gunicorn", "hyoka.web.wsgi:application", "-b", f"127.0.0.1:{port}"]
    # as `hyoka serve` does: gunicorn's control socket is one per user, and a second server
    # (another test run, a benchmark) would fight over it
    command += ["-w", "2", "--timeout", "120", "--no-control-socket"]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(f"{base}{ready}", process, log)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)
        print(_log_tail(log, 5))


@pytest.fixture(scope="session")
def password() -> str:
    """The password of everyone in ``app_server``."""
    return PASSWORD


@pytest.fixture(scope="session")
def sample() -> Path:
    """The bundled sample report (text)."""
    return SAMPLE


@pytest.fixture
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real app under gunicorn on a free loopback port, with the people of ``PEOPLE`` (an
    editor of 外務省 北米局, a reviewer and an expert of 外務省, an admin); yields its base URL (no
    trailing slash). One per test: each journey imports the sample, and a second import of the
    same report is refused (one report per ministry, measure and year)."""
    data_dir = tmp_path_factory.mktemp("hyoka-data")
    env = _server_env(data_dir)
    _django(env, "migrate", "--no-input")
    for name, (role, ministry, bureau) in PEOPLE.items():
        args = ["hyoka_users", "create", name, "--role", role]
        if ministry:
            args += ["--ministry", ministry]
        if bureau:
            args += ["--bureau", bureau]
        _django(env, *args, extra_env={"HYOKA_PASSWORD": PASSWORD})
    with serve(data_dir, env) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's chromium, headless, driven by playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package", pytrace=False)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            launched.close()


@dataclass
class Screenshots:
    """Numbered full-page screenshots in ``test-artifacts/e2e/<test>/``: ``01-editor-logged-in.png`` …
    ``both(page, step)`` takes the step at 1280 px and at 390 px wide (a phone)."""

    directory: Path
    taken: list[Path] = field(default_factory=list)
    pages: list[Any] = field(default_factory=list)
    """Every page opened through ``new_page`` (screenshotted when the test fails)."""

    def __call__(self, page: Any, step: str) -> Path:
        path = self.directory / f"{len(self.taken) + 1:02d}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        self.taken.append(path)
        return path

    def track(self, page: Any) -> Any:
        self.pages.append(page)
        return page

    def both(self, page: Any, step: str) -> None:
        for width, height in WIDTHS:
            page.set_viewport_size({"width": width, "height": height})
            self(page, f"{step}-{width}")
        page.set_viewport_size({"width": WIDTHS[0][0], "height": WIDTHS[0][1]})


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Keep each phase's report on the item, so fixtures can tell a failed test on teardown."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def screenshot(request: pytest.FixtureRequest) -> Screenshots:
    """screenshot(page, "step") saves the next numbered screenshot in the test's own directory (its
    old ones are removed first; another test's are kept)."""
    directory = ARTIFACTS / request.node.name
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob("*.png"):
        old.unlink()
    return Screenshots(directory)


@pytest.fixture
def new_page(
    request: pytest.FixtureRequest, browser: Any, screenshot: Screenshots
) -> Iterator[Callable[[], Any]]:
    """new_page() → a page in a fresh browser context (own cookies: one per person). When the
    test fails, every page still open is screenshotted before the contexts close."""
    contexts: list[Any] = []

    def make() -> Any:
        context = browser.new_context(
            accept_downloads=True, locale="ja-JP", viewport={"width": 1280, "height": 900}
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30_000)
        return screenshot.track(page)

    yield make
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        for index, page in enumerate(screenshot.pages, start=1):
            if page.is_closed():
                continue
            try:
                screenshot(page, f"failure-page{index}")
            except Exception as exc:  # the page may have gone with the failure
                print(f"could not screenshot page {index} after the failure: {exc}")
    for context in contexts:
        context.close()
