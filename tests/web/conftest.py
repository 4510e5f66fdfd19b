"""Fixtures for the web tests: ministries, a person per role, and the sample as a stored report.

The same tests run on SQLite (default) and on PostgreSQL (``DATABASE_URL=postgres://…``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hyoka.core import EvaluationReport
from hyoka.importers import import_bytes

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "mofa-r2-I-2-hokubei.txt"
PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    """PBKDF2 is slow on purpose; tests need many users, not password security."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with no cached public page and no login-throttle counters."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _site_language() -> Any:
    """Each test starts in the site's language (Japanese): a request of an earlier test leaves its
    language active in the thread (LocaleMiddleware activates it and nothing deactivates it)."""
    from django.conf import settings as django_settings
    from django.utils import translation

    with translation.override(django_settings.LANGUAGE_CODE):
        yield


@pytest.fixture(scope="session")
def sample_model() -> EvaluationReport:
    return import_bytes(SAMPLE.read_bytes(), name=SAMPLE.name).report


@pytest.fixture
def make_user(db: Any) -> Callable[..., Any]:
    """make_user("editor", ministry="外務省", bureau="北米局") → a User with that membership."""
    from django.contrib.auth.models import User

    from hyoka.web.reports.models import Bureau, Membership, Ministry

    def make(
        role: str, ministry: str | None = "外務省", bureau: str | None = None, name: str | None = None
    ) -> Any:
        user = User.objects.create_user(name or f"{role}-{ministry}-{bureau}", password=PASSWORD)
        m = Ministry.objects.get_or_create(name=ministry)[0] if ministry else None
        b = Bureau.objects.get_or_create(ministry=m, name=bureau)[0] if (m and bureau) else None
        Membership.objects.create(user=user, role=role, ministry=m, bureau=b)
        return user

    return make


@pytest.fixture
def people(make_user: Callable[..., Any]) -> dict[str, Any]:
    """One person per role in 外務省 (the editor in 北米局), and their peers in 財務省."""
    return {
        "editor": make_user("editor", "外務省", "北米局", "editor"),
        "editor_other_bureau": make_user("editor", "外務省", "欧州局", "editor-europe"),
        "reviewer": make_user("reviewer", "外務省", None, "reviewer"),
        "expert": make_user("expert", "外務省", None, "expert"),
        "viewer": make_user("viewer", "外務省", None, "viewer"),
        "admin": make_user("admin", None, None, "admin"),
        "editor_other_ministry": make_user("editor", "財務省", "主計局", "editor-mof"),
        "reviewer_other_ministry": make_user("reviewer", "財務省", None, "reviewer-mof"),
    }


@pytest.fixture
def sample_report(people: dict[str, Any], sample_model: EvaluationReport) -> Any:
    """The sample stored as a draft by the 北米局 editor (revision 1)."""
    from hyoka.web.reports import storage

    return storage.create_report(sample_model, people["editor"], "初回取込")
