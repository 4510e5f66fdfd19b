"""A published report's public pages are rendered at publication and served from the stored
rendering to anonymous visitors, and only while that rendering is of the published revision and of
the running code."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from hyoka.core import EvaluationReport
from hyoka.web.reports import storage
from hyoka.web.reports.models import PublicPage, Report
from hyoka.web.reports.public_pages import fingerprint

pytestmark = pytest.mark.django_db


def _publish(report: Report, people: dict[str, Any], capture: Any) -> None:
    with capture(execute=True):
        for action, who in (("submit", "editor"), ("approve", "reviewer"), ("publish", "reviewer")):
            storage.transition(report.pk, action, people[who])


@pytest.fixture
def published(
    sample_report: Report, people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> Report:
    _publish(sample_report, people, django_capture_on_commit_callbacks)
    return Report.objects.get(pk=sample_report.pk)


def _pages(report: Report) -> list[tuple[str, str, int, str]]:
    return sorted(
        PublicPage.objects.filter(report=report).values_list(
            "page", "lang", "revision__number", "fingerprint"
        )
    )


def test_publication_renders_the_report_page_in_each_language(published: Report) -> None:
    assert _pages(published) == [("detail", "en", 1, fingerprint()), ("detail", "ja", 1, fingerprint())]


def test_the_official_layout_is_stored_at_its_first_visit(published: Report) -> None:
    first = Client().get(f"/reports/{published.pk}/official.html")
    assert first.status_code == 200
    assert [p[:2] for p in _pages(published)] == [("detail", "en"), ("detail", "ja"), ("official", "ja")]
    PublicPage.objects.filter(page="official").update(body=b"<p>stored</p>")
    assert Client().get(f"/reports/{published.pk}/official.html").content == b"<p>stored</p>"


def test_the_stored_page_is_the_page_a_visitor_would_get(published: Report) -> None:
    call_command("hyoka_public_pages", stdout=StringIO())
    stored = {
        (p.page, p.lang): (bytes(p.body), p.headers) for p in PublicPage.objects.filter(report=published)
    }
    PublicPage.objects.all().delete()
    client = Client()
    live = client.get(f"/reports/{published.pk}/")
    assert live.content == stored[("detail", "ja")][0]
    assert "<h1>北米地域外交</h1>" in live.content.decode()
    official = client.get(f"/reports/{published.pk}/official.html")
    assert official.content == stored[("official", "ja")][0]
    assert (
        stored[("official", "ja")][1]["Content-Security-Policy"]
        == official.headers["Content-Security-Policy"]
    )
    assert stored[("official", "ja")][1]["Cache-Control"] == "private"
    # the visits stored the pages again
    assert [p[:2] for p in _pages(published)] == [("detail", "ja"), ("official", "ja")]


def test_anonymous_visitors_are_served_the_stored_page(published: Report) -> None:
    PublicPage.objects.filter(report=published, page="detail", lang="ja").update(body=b"<p>stored</p>")
    client = Client()
    response = client.get(f"/reports/{published.pk}/")
    assert response.content == b"<p>stored</p>"
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    english = client.get(f"/reports/{published.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Downloads" in english.content.decode()


def test_signed_in_people_and_older_revisions_are_not_served_from_it(
    published: Report, people: dict[str, Any]
) -> None:
    PublicPage.objects.filter(report=published).update(body=b"<p>stored</p>")
    reviewer = Client()
    reviewer.force_login(people["reviewer"])
    assert "<h1>北米地域外交</h1>" in reviewer.get(f"/reports/{published.pk}/").content.decode()
    anonymous = Client()
    assert "<h1>北米地域外交</h1>" in anonymous.get(f"/reports/{published.pk}/?revision=1").content.decode()


def test_a_correction_is_served_once_published_and_not_before(
    published: Report,
    people: dict[str, Any],
    sample_model: EvaluationReport,
    django_capture_on_commit_callbacks: Any,
) -> None:
    draft = sample_model.model_copy(deep=True)
    draft.title = "訂正後の題名"
    storage.save_revision(published.pk, 1, draft, people["editor"], "公表後の訂正")
    client = Client()
    page = client.get(f"/reports/{published.pk}/").content.decode()
    assert "<h1>北米地域外交</h1>" in page and "訂正後の題名" not in page
    _publish(published, people, django_capture_on_commit_callbacks)
    page = client.get(f"/reports/{published.pk}/").content.decode()
    assert "<h1>訂正後の題名</h1>" in page
    assert [p[:3] for p in _pages(published)] == [("detail", "en", 2), ("detail", "ja", 2)]


def test_a_page_from_other_code_is_rendered_again(published: Report) -> None:
    PublicPage.objects.filter(report=published).update(fingerprint="0" * 64, body=b"<p>old code</p>")
    response = Client().get(f"/reports/{published.pk}/")
    assert "<h1>北米地域外交</h1>" in response.content.decode()
    row = PublicPage.objects.get(report=published, page="detail", lang="ja")
    assert (row.fingerprint, bytes(row.body)) == (fingerprint(), response.content)


def test_unpublished_reports_have_no_public_page(sample_report: Report) -> None:
    assert Client().get(f"/reports/{sample_report.pk}/").status_code == 404
    assert PublicPage.objects.count() == 0


def test_the_command_renders_every_published_report(published: Report, sample_report: Report) -> None:
    PublicPage.objects.all().delete()
    out = StringIO()
    call_command("hyoka_public_pages", stdout=out)
    assert out.getvalue().startswith("4 pages of 1 published reports rendered in ")
    assert len(_pages(published)) == 4
    PublicPage.objects.all().delete()
    call_command("hyoka_public_pages", str(published.pk), "--page", "detail", stdout=out)
    assert [p[:2] for p in _pages(published)] == [("detail", "en"), ("detail", "ja")]
    PublicPage.objects.filter(lang="en").update(fingerprint="0" * 64)
    stale = StringIO()
    call_command("hyoka_public_pages", "--stale", stdout=stale)
    assert stale.getvalue().startswith("3 pages of 1 published reports rendered in ")
    assert len(_pages(published)) == 4


def test_the_page_stored_at_publication_is_the_report_itself(published: Report) -> None:
    """Rendered without a request (``Reader``): the breadcrumbs come from its path, the charts and
    the report's sections are in it, as in the page a visitor gets."""
    stored = {
        p.lang: bytes(p.body).decode() for p in PublicPage.objects.filter(report=published, page="detail")
    }
    ja, en = stored["ja"], stored["en"]
    assert '<span aria-current="page">北米地域外交（令和2年度 (2020年度)）</span>' in ja
    assert '<span aria-current="page" lang="ja">北米地域外交（FY2020 (Reiwa 2)）</span>' in en
    for page in (ja, en):
        assert page.count('<figure class="chart"><img src="') == 4
        assert '<nav class="toc" aria-labelledby="toc-heading">' in page
        assert '<footer class="site"' in page
    assert Client().get(f"/reports/{published.pk}/").content.decode() == ja
