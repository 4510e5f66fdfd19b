"""The 403, 404 and 500 pages are the site's own, as in production (DEBUG=False): the layout with
its navigation, ``<html lang="ja">``, Japanese by default and English when chosen; the 500 page is
rendered without the request's context and without the database."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import include, path

from hyoka.web import urls as site_urls
from hyoka.web.reports.models import Report

pytestmark = pytest.mark.django_db


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


# this module is the URLconf of the tests marked with it: the site, plus a view that fails
urlpatterns = [path("boom/", boom), path("", include(site_urls))]
handler403 = site_urls.handler403
handler404 = site_urls.handler404
handler500 = site_urls.handler500


@pytest.fixture(autouse=True)
def _production(settings: Any) -> None:
    settings.DEBUG = False


def _english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def test_404_in_the_layout(people: dict[str, Any]) -> None:
    response = Client().get("/reports/999/")
    page = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="ja">' in page and "<title>ページが見つかりません — hyoka</title>" in page
    assert 'class="brand">hyoka 政策評価</a>' in page and 'href="/login/"' in page
    assert "お探しのページは存在しないか、あなたには表示できません。" in page
    english = _english(Client()).get("/reports/999/").content.decode()
    assert '<html lang="en">' in english and "ページが見つかりません" not in english
    assert "Page not found" in english


def test_403_in_the_layout_and_logged_once(
    sample_report: Report, people: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    client = Client()
    client.force_login(people["editor"])
    with caplog.at_level("WARNING", logger="django.request"):
        response = client.post(f"/reports/{sample_report.pk}/transition/", {"action": "approve"})
    page = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="ja">' in page and "この操作は許可されていません" in page
    assert "ログアウト" in page and "403 Forbidden" not in page
    assert [(r.levelname, r.getMessage(), r.exc_info) for r in caplog.records] == [
        ("WARNING", f"Forbidden (Permission denied): /reports/{sample_report.pk}/transition/", None)
    ]
    client.cookies["django_language"] = "en"
    english = client.post(f"/reports/{sample_report.pk}/transition/", {"action": "approve"}).content.decode()
    assert '<html lang="en">' in english and "この操作は許可されていません" not in english


@pytest.mark.urls(__name__)
def test_500_without_request_context_or_database() -> None:
    client = Client(raise_request_exception=False)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/boom/")
    page = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="ja">' in page and "<h1>サーバーでエラーが発生しました</h1>" in page
    assert 'class="brand">hyoka 政策評価</a>' in page
    assert len(queries) == 0
    english = _english(Client(raise_request_exception=False)).get("/boom/").content.decode()
    assert '<html lang="en">' in english and "サーバーでエラーが発生しました" not in english


def test_500_falls_back_to_a_line_of_text(settings: Any) -> None:
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [], "APP_DIRS": False, "OPTIONS": {}}]
    response = site_urls.server_error(HttpRequest())
    assert (response.status_code, response.content.decode()) == (500, site_urls.SERVER_ERROR_TEXT)
