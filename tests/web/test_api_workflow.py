"""The workspace's steps beyond editing, through the API (docs/api.md): an admin withdraws a
publication (公表取消) as a transition, a reviewer shares a report with the advisory group and stops,
an admin deletes a report never published; each with the pages' permission rule and log."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from hyoka.web.auth import create_token
from hyoka.web.reports import storage
from hyoka.web.reports.models import DeletionLog, PublicPage, Report, Revision, Status, Transition

pytestmark = pytest.mark.django_db


def bearer(user: Any) -> dict[str, str]:
    return {"Authorization": f"Bearer {create_token(user)}"}


def post_json(client: Client, url: str, payload: Any, headers: dict[str, str]) -> Any:
    return client.post(url, data=json.dumps(payload), content_type="application/json", headers=headers)


def answer(response: Any, status: int) -> Any:
    assert response.status_code == status, response.content
    return response.json()


def steps(report: Report) -> list[tuple[str, str, str, str, str]]:
    return [
        (t.action, t.from_status, t.to_status, t.actor.username, t.comment)
        for t in Transition.objects.filter(report_id=report.pk).order_by("pk")
    ]


@pytest.fixture
def published(
    sample_report: Report, people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> Report:
    """The sample published by the reviewer, its public pages stored (as after a real commit)."""
    with django_capture_on_commit_callbacks(execute=True):
        for action, who in (("submit", "editor"), ("approve", "reviewer"), ("publish", "reviewer")):
            storage.transition(sample_report.pk, action, people[who])
    return Report.objects.get(pk=sample_report.pk)


# --- 公表取消: POST /api/reports/{id}/transitions {"action": "withdraw"} ---------------------------


def test_an_admin_withdraws_a_publication(client: Client, published: Report, people: dict[str, Any]) -> None:
    assert PublicPage.objects.filter(report=published).count() == 2
    assert client.get(f"/reports/{published.pk}/").status_code == 200
    url = f"/api/reports/{published.pk}/transitions"

    body = answer(
        post_json(
            client, url, {"action": "withdraw", "comment": "誤った版を公表した"}, bearer(people["admin"])
        ),
        200,
    )

    assert body.pop("at")
    assert body == {
        "id": published.pk,
        "action": "withdraw",
        "from_status": "published",
        "status": "draft",
        "revision": 1,
        "actor": "admin",
        "comment": "誤った版を公表した",
    }
    report = Report.objects.get(pk=published.pk)
    assert (report.status, report.published_revision_id, report.published_title) == (Status.DRAFT, None, "")
    assert steps(published)[-1] == ("withdraw", "published", "draft", "admin", "誤った版を公表した")
    assert PublicPage.objects.filter(report=published).count() == 0
    public = Client()
    assert public.get(f"/reports/{published.pk}/").status_code == 404
    assert public.get(f"/api/reports/{published.pk}").status_code == 404
    assert public.get("/api/reports").json() == {"count": 0, "items": []}


def test_only_an_admin_withdraws_with_a_reason_and_only_a_publication(
    client: Client, sample_report: Report, published: Report, people: dict[str, Any]
) -> None:
    url = f"/api/reports/{published.pk}/transitions"
    step = {"action": "withdraw", "comment": "理由"}

    assert answer(post_json(client, url, step, bearer(people["reviewer"])), 403) == {
        "detail": "この評価書（状態: 公表済）を公表取消する権限がありません",
        "findings": [],
    }
    assert answer(post_json(client, url, step, bearer(people["editor"])), 403)["detail"] == (
        "この評価書（状態: 公表済）を公表取消する権限がありません"
    )
    blank = answer(
        post_json(client, url, {"action": "withdraw", "comment": " \u3000"}, bearer(people["admin"])), 422
    )
    assert blank["detail"] == "入力が正しくありません（1 件。最初は コメント（comment）: 必須です）"
    assert [(f["location"], f["message"], f["context"]) for f in blank["findings"]] == [
        ("/comment", "必須です", {"in": "body", "type": "missing"})
    ]
    assert answer(post_json(client, url, {"action": "withdraw"}, bearer(people["admin"])), 422)["detail"] == (
        "入力が正しくありません（1 件。最初は コメント（comment）: 必須です）"
    )
    assert Report.objects.get(pk=published.pk).status == Status.PUBLISHED

    answer(post_json(client, url, step, bearer(people["admin"])), 200)
    again = answer(post_json(client, url, step, bearer(people["admin"])), 409)  # now a draft
    assert again == {
        "detail": "状態を変えられません: 公表されていない評価書の公表は取り消せません。",
        "findings": [],
    }
    assert [s[0] for s in steps(published)] == ["submit", "approve", "publish", "withdraw"]


def test_a_draft_cannot_be_withdrawn(client: Client, sample_report: Report, people: dict[str, Any]) -> None:
    response = post_json(
        client,
        f"/api/reports/{sample_report.pk}/transitions",
        {"action": "withdraw", "comment": "理由"},
        bearer(people["admin"]),
    )
    assert answer(response, 409) == {
        "detail": "状態を変えられません: 公表されていない評価書の公表は取り消せません。",
        "findings": [],
    }
    assert steps(sample_report) == []


def test_a_return_needs_its_reason_too(client: Client, sample_report: Report, people: dict[str, Any]) -> None:
    storage.transition(sample_report.pk, "submit", people["editor"])
    url = f"/api/reports/{sample_report.pk}/transitions"
    refused = answer(post_json(client, url, {"action": "return"}, bearer(people["reviewer"])), 422)
    assert refused["detail"] == "入力が正しくありません（1 件。最初は コメント（comment）: 必須です）"
    assert Report.objects.get(pk=sample_report.pk).status == Status.SUBMITTED


# --- sharing with the advisory group: POST /api/reports/{id}/sharing ------------------------------


def test_a_reviewer_shares_and_unshares(
    client: Client, sample_report: Report, people: dict[str, Any]
) -> None:
    url = f"/api/reports/{sample_report.pk}/sharing"
    reviewer, expert = bearer(people["reviewer"]), bearer(people["expert"])
    read = f"/api/reports/{sample_report.pk}"
    assert client.get(read, headers=expert).status_code == 404

    shared = answer(post_json(client, url, {"shared": True}, reviewer), 200)
    assert shared["transition"].pop("at")
    assert shared == {
        "id": sample_report.pk,
        "shared": True,
        "transition": {
            "id": sample_report.pk,
            "action": "share",
            "from_status": "draft",
            "status": "draft",
            "revision": 1,
            "actor": "reviewer",
            "comment": "",
        },
    }
    seen = answer(client.get(read, headers=expert), 200)
    assert (seen["id"], seen["status"], seen["report"]["title"]) == (
        sample_report.pk,
        "draft",
        "北米地域外交",
    )
    # asking for what already is so: nothing changes, nothing is logged
    assert answer(post_json(client, url, {"shared": True}, reviewer), 200) == {
        "id": sample_report.pk,
        "shared": True,
        "transition": None,
    }

    unshared = answer(post_json(client, url, {"shared": False}, reviewer), 200)
    assert (unshared["shared"], unshared["transition"]["action"]) == (False, "unshare")
    assert client.get(read, headers=expert).status_code == 404
    assert not Report.objects.get(pk=sample_report.pk).shared_with_experts
    assert steps(sample_report) == [
        ("share", "draft", "draft", "reviewer", ""),
        ("unshare", "draft", "draft", "reviewer", ""),
    ]


def test_only_reviewers_of_the_ministry_and_admins_share(
    client: Client, sample_report: Report, people: dict[str, Any]
) -> None:
    url = f"/api/reports/{sample_report.pk}/sharing"
    assert answer(post_json(client, url, {"shared": True}, bearer(people["editor"])), 403) == {
        "detail": "この評価書（状態: 作成中）を有識者と共有する権限がありません",
        "findings": [],
    }
    assert answer(
        post_json(client, url, {"shared": True}, bearer(people["reviewer_other_ministry"])), 404
    ) == {
        "detail": "見つかりません",
        "findings": [],
    }
    assert client.post(url, data='{"shared": true}', content_type="application/json").status_code == 401
    for not_bool in ("yes", 1, None):
        refused = answer(post_json(client, url, {"shared": not_bool}, bearer(people["reviewer"])), 422)
        assert refused["detail"] == (
            "入力が正しくありません（1 件。"
            "最初は 有識者との共有（shared）: true か false でなければなりません）"
        )
    assert steps(sample_report) == []
    assert answer(post_json(client, url, {"shared": True}, bearer(people["admin"])), 200)["shared"] is True
    Report.objects.filter(pk=sample_report.pk).update(shared_with_experts=True)
    expert_refused = answer(post_json(client, url, {"shared": False}, bearer(people["expert"])), 403)
    assert expert_refused["detail"] == "この評価書（状態: 作成中）を有識者と共有する権限がありません"
    assert steps(sample_report) == [("share", "draft", "draft", "admin", "")]


# --- deletion: DELETE /api/reports/{id}?reason= ----------------------------------------------------


def test_an_admin_deletes_a_draft_and_the_deletion_is_logged(
    client: Client, sample_report: Report, people: dict[str, Any]
) -> None:
    model = storage.load(Revision.objects.get(report=sample_report, number=1))
    model.title = "北米地域外交（案）"
    storage.save_revision(sample_report.pk, 1, model, people["editor"], "題名")
    last = Revision.objects.get(report=sample_report, number=2).data
    admin = bearer(people["admin"])

    response = client.delete(f"/api/reports/{sample_report.pk}?reason=重複して取り込んだため", headers=admin)

    assert (response.status_code, response.content) == (204, b"")
    assert client.get(f"/api/reports/{sample_report.pk}", headers=admin).status_code == 404
    assert not Report.objects.filter(pk=sample_report.pk).exists()
    assert not Revision.objects.filter(report_id=sample_report.pk).exists()
    log = DeletionLog.objects.get()
    assert (
        log.report_id,
        log.ministry,
        log.bureau,
        log.title,
        log.status,
        log.revisions,
        log.actor,
        log.reason,
    ) == (
        sample_report.pk,
        "外務省",
        "北米局",
        "北米地域外交（案）",
        "draft",
        2,
        people["admin"],
        "重複して取り込んだため",
    )
    assert log.data == last
    again = client.delete(f"/api/reports/{sample_report.pk}?reason=x", headers=admin)
    assert answer(again, 404) == {"detail": "見つかりません", "findings": []}


def test_a_published_report_is_not_deleted(client: Client, published: Report, people: dict[str, Any]) -> None:
    response = client.delete(f"/api/reports/{published.pk}?reason=不要", headers=bearer(people["admin"]))
    assert answer(response, 409) == {
        "detail": "削除できません: 公表された評価書は削除できません。先に公表を取り消してください。",
        "findings": [],
    }
    assert Report.objects.filter(pk=published.pk).exists()
    assert DeletionLog.objects.count() == 0


def test_only_an_admin_deletes_and_only_with_a_reason(
    client: Client, sample_report: Report, people: dict[str, Any]
) -> None:
    url = f"/api/reports/{sample_report.pk}"
    for who in ("editor", "reviewer"):
        refused = answer(client.delete(f"{url}?reason=不要", headers=bearer(people[who])), 403)
        assert refused == {"detail": "この評価書（状態: 作成中）を削除する権限がありません", "findings": []}
    assert answer(client.delete(f"{url}?reason=不要", headers=bearer(people["expert"])), 404)["detail"] == (
        "見つかりません"
    )
    assert client.delete(f"{url}?reason=不要").status_code == 401
    admin = bearer(people["admin"])
    missing = answer(client.delete(url, headers=admin), 422)
    assert missing["detail"] == "入力が正しくありません（1 件。最初は 理由（reason）: 必須です）"
    assert [(f["location"], f["context"]) for f in missing["findings"]] == [
        ("/reason", {"in": "query", "type": "missing"})
    ]
    blank = answer(client.delete(f"{url}?reason=%E3%80%80%20", headers=admin), 422)  # 全角空白と空白だけ
    assert blank["detail"] == (
        "入力が正しくありません（1 件。最初は 理由（reason）: "
        "空白以外の文字が必要です（NUL 文字（U+0000）は使えません））"
    )
    assert [(f["location"], f["context"]) for f in blank["findings"]] == [
        ("/reason", {"in": "query", "type": "string_pattern_mismatch"})
    ]
    nul = answer(client.delete(f"{url}?reason=%00x", headers=admin), 422)
    assert nul["detail"] == blank["detail"]
    assert Report.objects.filter(pk=sample_report.pk).exists()
    assert DeletionLog.objects.count() == 0
