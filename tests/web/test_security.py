"""Django's protections, checked: ``check --deploy`` clean with the production settings, CSRF on
session writes, the Content-Security-Policy on pages and API, secure cookies and HSTS in
production, and no secret in the repository."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_SETTINGS = [
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER",
]
"""The settings HYOKA_PRODUCTION=1 sets, which ``production`` applies to this process."""
ALSO_READ = ["DEBUG", "ALLOWED_HOSTS", "HYOKA_PROXY_COUNT", "CACHES"]


def _env(data_dir: Path, *, production: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HYOKA_", "DJANGO_"))}
    env["HYOKA_DATA_DIR"] = str(data_dir)
    env["DJANGO_SETTINGS_MODULE"] = "hyoka.web.settings"
    if production:
        env |= {
            "HYOKA_PRODUCTION": "1",
            "HYOKA_SECRET_KEY": secrets.token_urlsafe(50),
            "HYOKA_ALLOWED_HOSTS": "example.org",
            # behind one load balancer, the throttling counters shared (docs/operations.md)
            "HYOKA_PROXY_COUNT": "1",
            "HYOKA_CACHE": "database",
        }
    return env


def _python(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def production_settings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What ``hyoka.web.settings`` says with HYOKA_PRODUCTION=1, read in a fresh interpreter."""
    env = _env(tmp_path_factory.mktemp("production"), production=True)
    names = json.dumps(PRODUCTION_SETTINGS + ALSO_READ)
    code = f"import json, hyoka.web.settings as s; print(json.dumps({{n: getattr(s, n) for n in {names}}}))"
    result = _python(env, "-c", code)
    assert result.returncode == 0, result.stderr
    values: dict[str, Any] = json.loads(result.stdout)
    return values


# --- deployment checklist --------------------------------------------------------------------


def test_check_deploy_is_clean_with_production_settings(tmp_path: Path) -> None:
    env = _env(tmp_path, production=True)
    result = _python(env, "-m", "django", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_does_flag_development_settings(tmp_path: Path) -> None:
    """The check above means something: without HYOKA_PRODUCTION it finds the missing settings."""
    result = _python(
        _env(tmp_path, production=False), "-m", "django", "check", "--deploy", "--fail-level", "WARNING"
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout  # no HSTS


def test_production_settings(production_settings: dict[str, Any]) -> None:
    assert production_settings["DEBUG"] is False
    assert production_settings["ALLOWED_HOSTS"] == ["example.org"]
    assert production_settings["SESSION_COOKIE_SECURE"] is True
    assert production_settings["CSRF_COOKIE_SECURE"] is True
    assert production_settings["SECURE_SSL_REDIRECT"] is True
    assert production_settings["SECURE_HSTS_SECONDS"] >= 31536000
    assert production_settings["HYOKA_PROXY_COUNT"] == 1
    assert production_settings["CACHES"]["default"]["BACKEND"].endswith("DatabaseCache")


# --- CSRF ------------------------------------------------------------------------------------


def test_session_post_without_csrf_token_is_refused(sample_report: Any, people: dict[str, Any]) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(people["editor"])
    for url, data in [
        (reverse("logout"), {}),
        (reverse("report-transition", args=[sample_report.pk]), {"action": "submit"}),
        (reverse("report-comments", args=[sample_report.pk]), {"body": "CSRF?"}),
        (f"/api/reports/{sample_report.pk}/transitions", {"action": "submit"}),
    ]:
        response = browser.post(url, data)
        assert response.status_code == 403, url
    # with the token, the same session may write: it was the token that was missing
    browser.get(reverse("report-list"))
    response = browser.post(reverse("logout"), {"csrfmiddlewaretoken": browser.cookies["csrftoken"].value})
    assert response.status_code == 302


def test_login_form_needs_the_csrf_token(people: dict[str, Any]) -> None:
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(reverse("login"), {"username": "editor", "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in browser.session


# --- Content-Security-Policy -----------------------------------------------------------------


def _assert_csp(response: Any) -> None:
    policy = response.headers.get("Content-Security-Policy", "")
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives.get("default-src") == ["'self'"], policy
    assert directives.get("script-src") == ["'self'"], policy
    assert directives.get("object-src") == ["'none'"], policy
    assert directives.get("frame-ancestors") == ["'none'"], policy
    assert "'unsafe-eval'" not in policy


def test_csp_on_pages(client: Client, sample_report: Any, people: dict[str, Any]) -> None:
    for url in (reverse("report-list"), reverse("login"), "/no-such-page/"):
        _assert_csp(client.get(url))
    client.force_login(people["editor"])
    for url in (
        reverse("report-detail", args=[sample_report.pk]),
        reverse("report-history", args=[sample_report.pk]),
        reverse("report-import"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_csp(response)


def test_csp_on_api_responses(client: Client, sample_report: Any) -> None:
    ok = client.get("/api/reports")
    assert ok.status_code == 200
    _assert_csp(ok)
    _assert_csp(client.get("/api/openapi.json"))
    _assert_csp(client.get("/api/reports/999999"))
    refused = client.post("/api/reports/1/transitions", {}, HTTP_AUTHORIZATION="Bearer nope")
    assert refused.status_code == 401
    _assert_csp(refused)


# --- production: HTTPS only, HSTS, secure cookies ----------------------------------------------


@pytest.fixture
def production(settings: Any, production_settings: dict[str, Any]) -> dict[str, Any]:
    """This process's settings switched to the production values (as the settings module sets
    them with HYOKA_PRODUCTION=1; ``SECURE_PROXY_SSL_HEADER`` comes back from JSON as a list)."""
    for name in PRODUCTION_SETTINGS:
        value = production_settings[name]
        setattr(settings, name, tuple(value) if isinstance(value, list) else value)
    return production_settings


def test_plain_http_is_redirected_to_https(client: Client, production: dict[str, Any]) -> None:
    response = client.get(reverse("report-list"))
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_hsts_on_https(client: Client, production: dict[str, Any]) -> None:
    response = client.get(reverse("report-list"), secure=True)
    assert response.status_code == 200
    hsts = response.headers["Strict-Transport-Security"]
    assert f"max-age={production['SECURE_HSTS_SECONDS']}" in hsts
    assert "includeSubDomains" in hsts
    # behind a TLS-terminating proxy that says so
    proxied = client.get(reverse("report-list"), HTTP_X_FORWARDED_PROTO="https")
    assert proxied.status_code == 200
    assert "Strict-Transport-Security" in proxied.headers
    api = client.get("/api/reports", secure=True)
    assert "Strict-Transport-Security" in api.headers


def test_cookies_are_secure_and_http_only(
    client: Client, production: dict[str, Any], people: dict[str, Any]
) -> None:
    client.get(reverse("login"), secure=True)
    assert client.cookies["csrftoken"]["secure"] is True
    response = client.post(reverse("login"), {"username": "editor", "password": PASSWORD}, secure=True)
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] is True
    assert session["httponly"] is True
    assert str(session["samesite"]).lower() in ("lax", "strict")


# --- secrets ---------------------------------------------------------------------------------

# ``SECRET_KEY = "…"`` / ``SECRET_KEY: '…'`` / ``SECRET_KEY=abc…`` with a literal value (a quoted
# string that is not a shell expansion, or a long bare word); Django's own insecure default prefix.
_LITERAL_SECRET = re.compile(
    r"""SECRET_KEY["']?\s*[:=]\s*(?:[rbuRBU]?(["'])(?!\$)[^"'\n]{8,}\1|[A-Za-z0-9+/_\-]{16,}(?![\w(.]))"""
)
_INSECURE = re.compile("django" + "-insecure-")


def test_no_secret_in_the_repository() -> None:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=False, stdin=subprocess.DEVNULL
    )
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    tracked = [name for name in listed.stdout.decode().split("\0") if name]
    assert tracked
    offenders: list[str] = []
    assignments: list[str] = []
    for name in tracked:
        path = ROOT / name
        if Path(name).name in ("secret_key", ".env") or name.startswith(".hyoka-data/"):
            offenders.append(f"{name}: a secret file is tracked")
            continue
        if not path.is_file() or path.stat().st_size > 2_000_000:
            continue
        data = path.read_bytes()
        if b"\0" in data[:4096]:
            continue
        text = data.decode("utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), 1):
            if _LITERAL_SECRET.search(line) or _INSECURE.search(line):
                offenders.append(f"{name}:{number}: {line.strip()}")
            if name.endswith(".py") and re.match(r"\s*SECRET_KEY\s*=", line):
                assignments.append(f"{name}: {line.strip()}")
    assert offenders == []
    # the one assignment: the loader (HYOKA_SECRET_KEY, else a generated file in the data directory)
    assert assignments == ["src/hyoka/web/settings.py: SECRET_KEY = _secret_key()"]


def test_generated_secret_key_is_private_and_kept(tmp_path: Path) -> None:
    env = _env(tmp_path, production=False)
    code = "import hyoka.web.settings as s; print(s.SECRET_KEY)"
    first, second = _python(env, "-c", code), _python(env, "-c", code)
    assert first.returncode == 0, first.stderr
    key_file = tmp_path / "secret_key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert first.stdout == second.stdout == key_file.read_text(encoding="utf-8").strip() + "\n"
    assert len(first.stdout.strip()) >= 50
