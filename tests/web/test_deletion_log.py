"""The deletion log (issue 11): admins read every draft an admin deleted, newest first — when, who,
what report, its title, state, revision count and reason — and download its last document as JSON,
which imports again (nothing written is lost). Others get 403, anonymous visitors the login page;
the page sits in the site's layout, in Japanese or English."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hyoka.core import EvaluationReport
from hyoka.importers import import_bytes
from hyoka.web.reports import storage
from hyoka.web.reports.models import DeletionLog, Report

from .test_report_content import _UnmarkedJapanese

pytestmark = pytest.mark.django_db

LOG = "/reports/deletions/"


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def deletions(
    people: dict[str, Any], sample_report: Report, sample_model: EvaluationReport
) -> list[DeletionLog]:
    """Two deletions: the sample (submitted, 2 revisions) on 1 April, then a later draft of 財務省
    (1 revision) on 2 April; the second is the newest."""
    model = storage.load(sample_report.current_revision)
    model.title = "北米地域外交（案）"
    storage.save_revision(sample_report.pk, 1, model, people["editor"], "題名")
    storage.transition(sample_report.pk, "submit", people["editor"])
    first = storage.delete_report(sample_report.pk, people["admin"], "重複して取り込んだため")
    other = sample_model.model_copy(deep=True)
    other.ministry, other.bureau, other.measure_number = "財務省", "主計局", "II-1"
    other.title, other.evaluation_year = "予算の適正な執行", 2019
    second_report = storage.create_report(other, people["editor_other_ministry"], "初回取込")
    second = storage.delete_report(second_report.pk, people["admin"], "誤った府省で作成した\n作り直します")
    DeletionLog.objects.filter(pk=first.pk).update(at=datetime(2026, 4, 1, 1, 30, tzinfo=UTC))
    DeletionLog.objects.filter(pk=second.pk).update(at=datetime(2026, 4, 2, 9, 5, tzinfo=UTC))
    return [first, second]


def test_only_admins_read_the_log(people: dict[str, Any], deletions: list[DeletionLog]) -> None:
    document = reverse("deletion-document", args=[deletions[0].pk])
    assert reverse("deletion-log") == LOG
    for url in (LOG, document):
        anonymous = Client().get(url)
        assert anonymous.status_code == 302 and anonymous["Location"].startswith(f"{reverse('login')}?next=")
        for name in ("editor", "reviewer", "expert", "viewer", "reviewer_other_ministry"):
            assert client_for(people[name]).get(url).status_code == 403, (name, url)
        assert client_for(people["admin"]).get(url).status_code == 200
    assert client_for(people["admin"]).get(reverse("deletion-document", args=[999])).status_code == 404


def _rows(html: str) -> list[str]:
    body = html.split("<tbody>")[1].split("</tbody>", maxsplit=1)[0]
    return [row.strip() for row in body.split("</tr>") if row.strip()]


def test_the_log_lists_the_deletions_newest_first(
    people: dict[str, Any], deletions: list[DeletionLog]
) -> None:
    html = client_for(people["admin"]).get(LOG).content.decode()
    assert "<title>削除の記録 — hyoka</title>" in html and "<h1>削除の記録</h1>" in html
    assert '<p role="status">2 件</p>' in html
    headers = html.split("<thead>")[1].split("</thead>")[0]
    assert headers.count('<th scope="col">') == 8
    for header in (
        "削除日時",
        "削除した人",
        "府省・施策番号・評価年度",
        "題名",
        "状態",
        "版数",
        "理由",
        "最新の版",
    ):
        assert f'<th scope="col">{header}</th>' in headers
    newest, oldest = _rows(html)
    assert newest == (
        "<tr>\n"
        '      <td><time datetime="2026-04-02T18:05:00+09:00">2026-04-02 18:05</time></td>\n'
        "      <td>admin</td>\n"
        "      <td><span>財務省 主計局</span> II-1<br>令和元年度 (2019年度)</td>\n"
        '      <th scope="row">予算の適正な執行</th>\n'
        "      <td>作成中</td>\n"
        '      <td class="num">1</td>\n'
        "      <td>誤った府省で作成した<br>作り直します</td>\n"
        f'      <td><a href="/reports/deletions/{deletions[1].pk}/document.json" download>'
        f"JSON（評価書 #{deletions[1].report_id}）</a></td>"
    )
    assert "<td>2026-04-01" not in oldest and '<time datetime="2026-04-01T10:30:00+09:00">' in oldest
    assert "<td><span>外務省 北米局</span> I-2<br>令和2年度 (2020年度)</td>" in oldest
    assert '<th scope="row">北米地域外交（案）</th>' in oldest
    assert "<td>提出済</td>" in oldest and '<td class="num">2</td>' in oldest
    assert "<td>重複して取り込んだため</td>" in oldest


def test_the_kept_document_downloads_as_json_and_imports_again(
    people: dict[str, Any], deletions: list[DeletionLog]
) -> None:
    log = deletions[0]
    response = client_for(people["admin"]).get(reverse("deletion-document", args=[log.pk]))
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert (
        response["Content-Disposition"] == f'attachment; filename="deleted-report-{log.report_id}-2020.json"'
    )
    assert json.loads(response.content) == log.data
    again = import_bytes(response.content, name="deleted.json").report
    assert (again.ministry, again.measure_number, again.evaluation_year, again.title) == (
        "外務省",
        "I-2",
        2020,
        "北米地域外交（案）",
    )


def test_admins_find_the_log_in_the_navigation(people: dict[str, Any], sample_report: Report) -> None:
    link = f'<a href="{LOG}">削除の記録</a>'
    admin = client_for(people["admin"])
    assert link in admin.get("/").content.decode()
    delete_page = admin.get(reverse("report-delete", args=[sample_report.pk])).content.decode()
    assert f'<a href="{LOG}">削除の記録を見る</a>' in delete_page
    for name in ("editor", "reviewer"):
        assert link not in client_for(people[name]).get("/").content.decode()
    assert link not in Client().get("/").content.decode()
    empty = admin.get(LOG).content.decode()
    assert "<p>削除された評価書はありません。</p>" in empty and "<table" not in empty


def test_the_log_in_english(people: dict[str, Any], deletions: list[DeletionLog]) -> None:
    admin = client_for(people["admin"])
    admin.get("/lang/en/")
    html = admin.get(LOG).content.decode()
    assert '<html lang="en">' in html and "<h1>Deletion log</h1>" in html
    crumbs = html.split('<nav class="breadcrumbs"')[1].split("</nav>")[0]
    assert '<li><a href="/">Home</a></li><li><span aria-current="page">Deletion log</span></li>' in crumbs
    assert '<a href="/reports/deletions/">Deletion log</a>' in html
    assert '<span class="who">admin (Administrator)</span>' in html
    newest, oldest = _rows(html)
    assert '<td><span lang="ja">財務省 主計局</span> II-1<br>FY2019 (Reiwa 1)</td>' in newest
    assert '<th scope="row" lang="ja">予算の適正な執行</th>' in newest and "<td>Draft</td>" in newest
    assert "JSON (report #" in newest and "<td>Submitted</td>" in oldest
    for header in (
        "Deleted at",
        "Deleted by",
        "Ministry, measure number, evaluation year",
        "Title",
        "Revisions",
    ):
        assert f'<th scope="col">{header}</th>' in html
    parser = _UnmarkedJapanese()
    parser.feed(html)
    assert parser.found == []
