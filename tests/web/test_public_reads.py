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


@pytest.fixture
def moved(corrected: Report, people: dict[str, Any], sample_model: EvaluationReport) -> Report:
    """A correction in progress that changes the measure number and the evaluation year too."""
    draft = sample_model.model_copy(deep=True)
    draft.title = "訂正中の題名"
    draft.measure_number = "IX-9"
    draft.evaluation_year = 2031
    storage.save_revision(corrected.pk, 2, draft, people["editor"], "施策番号と年度の訂正")
    report = Report.objects.get(pk=corrected.pk)
    assert (report.measure_number, report.evaluation_year) == ("IX-9", 2031)
    assert (report.published_measure_number, report.published_evaluation_year) == ("I-2", 2020)
    return report


def _listed(page: str, report: Report) -> bool:
    return f'href="/reports/{report.pk}/"' in page


def test_the_list_shows_and_filters_the_published_measure_and_year(
    moved: Report, people: dict[str, Any]
) -> None:
    public = Client()
    page = public.get("/").content.decode()
    assert _listed(page, moved)
    assert "<td>I-2</td>" in page and "IX-9" not in page
    assert "令和2年度" in page and "令和13年度" not in page and "訂正中の題名" not in page
    assert '<option value="2031"' not in page and '<option value="2020">' in page
    assert _listed(public.get("/", {"fiscal_year": "2020"}).content.decode(), moved)
    refused = public.get("/", {"fiscal_year": "2031"})
    assert refused.context["form"].errors["fiscal_year"] == [
        "正しく選択してください。 2031 は候補にありません。"
    ]
    # someone of another ministry is offered every status: the correction's is not the report's
    other = Client()
    other.force_login(people["editor_other_ministry"])
    assert not _listed(other.get("/", {"status": "draft"}).content.decode(), moved)
    assert _listed(other.get("/", {"status": "published"}).content.decode(), moved)
    assert other.get("/", {"fiscal_year": "2031"}).context["form"].errors["fiscal_year"] == [
        "正しく選択してください。 2031 は候補にありません。"
    ]
    # those who work on it see and filter on the correction
    editor = Client()
    editor.force_login(people["editor"])
    mine = editor.get("/", {"fiscal_year": "2031", "status": "draft"}).content.decode()
    assert _listed(mine, moved) and "<td>IX-9</td>" in mine and "訂正中の題名" in mine
    assert not _listed(editor.get("/", {"status": "published"}).content.decode(), moved)


def test_the_api_lists_and_filters_the_published_metadata(moved: Report, people: dict[str, Any]) -> None:
    public = Client()
    rows = public.get("/api/reports").json()["items"]
    assert [(r["measure_number"], r["evaluation_year"], r["title"], r["status"]) for r in rows] == [
        ("I-2", 2020, "北米地域外交", "published")
    ]
    assert public.get("/api/reports", {"fiscal_year": 2031}).json()["count"] == 0
    assert public.get("/api/reports", {"fiscal_year": 2020}).json()["count"] == 1
    assert public.get("/api/reports", {"status": "draft"}).json()["count"] == 0
    assert public.get("/api/reports", {"status": "published"}).json()["count"] == 1
    editor = Client()
    editor.force_login(people["editor"])
    mine = editor.get("/api/reports", {"fiscal_year": 2031, "status": "draft"}).json()["items"]
    assert [(r["measure_number"], r["evaluation_year"], r["title"]) for r in mine] == [
        ("IX-9", 2031, "訂正中の題名")
    ]


def test_the_measure_across_years_reads_the_published_measure(moved: Report, people: dict[str, Any]) -> None:
    page = Client().get(f"/reports/{moved.pk}/across-years/").content.decode()
    assert "外務省 I-2 北米地域外交" in page and "北米地域外交（令和2年度 (2020年度)）" in page
    assert "IX-9" not in page and "訂正中の題名" not in page and "令和13年度" not in page
    body = Client().get(f"/api/reports/{moved.pk}/across-years").json()
    assert (body["measure_number"], [(r["evaluation_year"], r["title"]) for r in body["reports"]]) == (
        "I-2",
        [(2020, "北米地域外交")],
    )


def test_the_portfolio_counts_the_published_year(moved: Report) -> None:
    body = Client().get("/api/portfolio").json()
    assert body["years"] == [2020]
