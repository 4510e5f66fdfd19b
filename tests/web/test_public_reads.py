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


def test_the_judgment_filter_reads_the_published_judgment_for_the_public(
    corrected: Report, people: dict[str, Any], sample_model: EvaluationReport
) -> None:
    draft = sample_model.model_copy(deep=True)
    draft.judgment.label = "目標達成"
    storage.save_revision(corrected.pk, 2, draft, people["editor"], "判定の訂正")
    report = Report.objects.get(pk=corrected.pk)
    assert (report.judgment, report.published_judgment) == ("目標達成", "相当程度進展あり")
    link = f'href="/reports/{corrected.pk}/"'
    public = Client()
    listed = public.get("/", {"judgment": "相当程度進展あり"}).content.decode()
    assert link in listed  # filtered on what the public reads, not on the correction in progress
    assert '<option value="目標達成"' not in listed and '<option value="相当程度進展あり" selected>' in listed
    # 目標達成 is not a choice the public is offered: the filter is refused, not applied
    refused = public.get("/", {"judgment": "目標達成"})
    assert refused.context["form"].errors["judgment"] == [
        "正しく選択してください。 目標達成 は候補にありません。"
    ]
    reviewer = Client()
    reviewer.force_login(people["reviewer"])
    mine = reviewer.get("/", {"judgment": "目標達成"}).content.decode()
    assert link in mine and '<option value="相当程度進展あり"' not in mine
