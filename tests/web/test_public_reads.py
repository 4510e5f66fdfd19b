"""The public reads the published revision only: a correction in progress does not leak through
the list, the search or the API (title, judgment, text, older revisions)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hyoka.core import EvaluationReport
from hyoka.web.reports import storage
from hyoka.web.reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def corrected(sample_report: Report, people: dict[str, Any], sample_model: EvaluationReport) -> Report:
    for action, who in (("submit", "editor"), ("approve", "reviewer"), ("publish", "reviewer")):
        storage.transition(sample_report.pk, action, people[who])
    draft = sample_model.model_copy(deep=True)
    draft.title = "訂正中の題名"
    draft.areas[0].outline[0].text = "秘匿中の訂正語句を含む概要"
    storage.save_revision(sample_report.pk, 1, draft, people["editor"], "公表後の訂正")
    return Report.objects.get(pk=sample_report.pk)


def test_anonymous_list_and_search_show_the_published_revision(corrected: Report) -> None:
    client = Client()
    listing = client.get("/").content.decode()
    assert "北米地域外交" in listing and "訂正中の題名" not in listing
    found = client.get("/", {"q": "日米安保"}).content.decode()
    assert f"/reports/{corrected.pk}/" in found
    assert f"/reports/{corrected.pk}/" not in client.get("/", {"q": "秘匿中の訂正語句"}).content.decode()


def test_the_editor_searches_the_correction(corrected: Report, people: dict[str, Any]) -> None:
    client = Client()
    client.force_login(people["editor"])
    page = client.get("/", {"q": "秘匿中の訂正語句"}).content.decode()
    assert f"/reports/{corrected.pk}/" in page and "訂正中の題名" in page


def test_api_public_reads(corrected: Report) -> None:
    client = Client()
    items = client.get("/api/reports", {"q": "秘匿中の訂正語句"}).json()
    assert items["items"] == [] if isinstance(items, dict) else items == []
    listed = client.get("/api/reports").json()
    rows = listed["items"] if isinstance(listed, dict) else listed
    assert [(r["title"], r["status"], r["revision"]) for r in rows] == [("北米地域外交", "published", 1)]
    assert client.get(f"/api/reports/{corrected.pk}", {"revision": 2}).status_code == 404
    body = client.get(f"/api/reports/{corrected.pk}").json()
    assert (body["revision"], body["report"]["title"]) == (1, "北米地域外交")
