"""The advisory group (政策評価アドバイザー・グループ): a reviewer shares a report with the experts and
stops sharing it from the report page (each logged); the expert finds the shared reports on their
start page and adds an opinion, which never changes the report's status."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hyoka.core import EvaluationReport
from hyoka.web.reports import storage
from hyoka.web.reports.models import Report, Revision, Status, Transition

pytestmark = pytest.mark.django_db

OPINION = "日加協力の成果が具体的に示されている。"


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def messages_of(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def share(user: Any, report: Report, value: str) -> Any:
    return client_for(user).post(reverse("report-share", args=[report.pk]), {"share": value}, follow=True)


def test_a_reviewer_shares_and_unshares_from_the_report_page(
    sample_report: Report, people: dict[str, Any]
) -> None:
    page = client_for(people["reviewer"]).get(f"/reports/{sample_report.pk}/").content.decode()
    assert f'action="{reverse("report-share", args=[sample_report.pk])}"' in page
    assert '<input type="hidden" name="share" value="1"><button type="submit">有識者と共有</button>' in page
    expert = client_for(people["expert"])
    assert expert.get(f"/reports/{sample_report.pk}/").status_code == 404

    response = share(people["reviewer"], sample_report, "1")
    assert response.redirect_chain == [(f"/reports/{sample_report.pk}/", 302)]
    assert messages_of(response) == ["政策評価アドバイザー・グループ（有識者）と共有しました。"]
    assert Report.objects.get(pk=sample_report.pk).shared_with_experts
    assert expert.get(f"/reports/{sample_report.pk}/").status_code == 200

    assert messages_of(share(people["reviewer"], sample_report, "1")) == ["すでに有識者と共有しています。"]
    assert messages_of(share(people["reviewer"], sample_report, "0")) == ["有識者との共有を解除しました。"]
    assert expert.get(f"/reports/{sample_report.pk}/").status_code == 404
    assert [(t.action, t.from_status, t.to_status, t.actor.username) for t in Transition.objects.all()] == [
        ("share", "draft", "draft", "reviewer"),
        ("unshare", "draft", "draft", "reviewer"),
    ]


@pytest.mark.parametrize("who", ["editor", "expert", "viewer"])
def test_only_reviewers_and_admins_share(who: str, sample_report: Report, people: dict[str, Any]) -> None:
    Report.objects.filter(pk=sample_report.pk).update(shared_with_experts=who == "expert")
    response = client_for(people[who]).post(reverse("report-share", args=[sample_report.pk]), {"share": "1"})
    assert response.status_code == (404 if who == "viewer" else 403)
    assert share(people["admin"], sample_report, "0" if who == "expert" else "1").status_code == 200


def test_the_expert_finds_the_shared_reports_on_the_start_page(
    sample_report: Report, people: dict[str, Any], make_user: Any, sample_model: EvaluationReport
) -> None:
    expert = client_for(people["expert"])
    start = expert.get("/").content.decode()
    assert "意見を求められている評価書" in start and "いま意見を求められている評価書はありません。" in start
    storage.share(sample_report.pk, people["reviewer"], True)
    # a report of another ministry shared with its own experts is not this expert's
    other = sample_model.model_copy(update={"ministry": "財務省"}, deep=True)
    other_report = storage.create_report(other, people["editor_other_ministry"], "取込")
    storage.share(other_report.pk, people["reviewer_other_ministry"], True)
    start = expert.get("/").content.decode()
    section = start.split("意見を求められている評価書", 1)[1].split("</section>", 1)[0]
    assert f'href="/reports/{sample_report.pk}/"' in section
    assert f'href="{reverse("report-opinion", args=[sample_report.pk])}"' in section
    assert f"/reports/{other_report.pk}/" not in section
    # nobody else has the section
    for who in ("reviewer", "editor"):
        assert "意見を求められている評価書" not in client_for(people[who]).get("/").content.decode()
    assert "意見を求められている評価書" not in Client().get("/").content.decode()


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.APPROVED, Status.PUBLISHED])
def test_an_opinion_never_changes_the_status(
    status: str, sample_report: Report, people: dict[str, Any]
) -> None:
    """It used to put an approved report back to 作成中, with no log entry."""
    steps = {"submit": "editor", "approve": "reviewer", "publish": "reviewer"}
    for action, who in steps.items():
        storage.transition(sample_report.pk, action, people[who])
        if storage.ACTIONS[action][1] == status:
            break
    storage.share(sample_report.pk, people["reviewer"], True)
    before = Report.objects.get(pk=sample_report.pk)
    response = client_for(people["expert"]).post(
        reverse("report-opinion", args=[sample_report.pk]),
        {"base_revision": "1", "text": OPINION},
        follow=True,
    )
    assert response.redirect_chain == [(f"/reports/{sample_report.pk}/", 302)]
    label = {"submitted": "提出済", "approved": "承認済", "published": "公表済"}[status]
    assert messages_of(response) == [f"所見を追加しました。評価書の状態（{label}）は変わりません。"]
    after = Report.objects.get(pk=sample_report.pk)
    assert (after.status, after.published_revision_id) == (status, before.published_revision_id)
    revision = Revision.objects.get(report=sample_report, number=2)
    assert after.current_revision_id == revision.pk
    assert storage.load(revision).expert_opinions.opinions[-1].text == OPINION
    last = Transition.objects.filter(report=sample_report).last()
    assert last is not None
    assert (last.action, last.from_status, last.to_status, last.revision_id, last.actor) == (
        "opinion",
        status,
        status,
        revision.pk,
        people["expert"],
    )
    if status == Status.PUBLISHED:  # the public keeps the published revision until the next one
        body = Client().get(f"/api/reports/{sample_report.pk}").json()
        assert body["revision"] == 1
        assert OPINION not in json.dumps(body, ensure_ascii=False)
        assert OPINION in json.dumps(revision.data, ensure_ascii=False)
