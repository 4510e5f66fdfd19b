"""Every workflow step as a person takes it on the pages: it ends on the report's page with a
Japanese message (never on a page the person may no longer use); only the steps the person may take
in the report's state are offered; publishing, withdrawing and submitting with open errors ask for
a confirmation first; an admin withdraws a publication (the public pages, the search and the API
stop showing it) and deletes a report never published (kept in the deletion log)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hyoka.web.reports import storage
from hyoka.web.reports.models import (
    Comment,
    DeletionLog,
    FindingFact,
    PublicPage,
    RenderedFile,
    Report,
    Revision,
    Status,
    Transition,
)

pytestmark = pytest.mark.django_db

RETURN_REASON = "1-4 の評定の根拠を施策の分析に書き添えてください。"


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def messages_of(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def buttons(html: str) -> list[str]:
    """The workflow buttons of a page, by their value."""
    return re.findall(r'<button type="submit" name="action" value="([a-z]+)">', html)


def press(user: Any, report: Report, action: str, comment: str = "", *, confirmed: bool = False) -> Any:
    data = {"action": action, "comment": comment} | ({"confirmed": "1"} if confirmed else {})
    return client_for(user).post(reverse("report-transition", args=[report.pk]), data, follow=True)


def status_of(report: Report) -> str:
    return str(Report.objects.values_list("status", flat=True).get(pk=report.pk))


def landed(response: Any, report: Report) -> tuple[list[tuple[str, int]], int]:
    return response.redirect_chain, response.status_code


def test_each_step_lands_on_the_report_page_with_a_japanese_message(
    sample_report: Report, people: dict[str, Any]
) -> None:
    page = reverse("report-detail", args=[sample_report.pk])
    steps = [
        ("editor", "submit", "", False, "「提出」しました。", Status.SUBMITTED),
        ("reviewer", "return", RETURN_REASON, False, "「差戻し」しました。", Status.RETURNED),
        ("editor", "submit", "", False, "「提出」しました。", Status.SUBMITTED),
        ("reviewer", "approve", "", False, "「承認」しました。", Status.APPROVED),
        ("reviewer", "publish", "", True, "「公表」しました。", Status.PUBLISHED),
        ("admin", "withdraw", "公表資料の数値に誤り", True, "「公表取消」しました。", Status.DRAFT),
    ]
    for who, action, comment, confirmed, message, status in steps:
        response = press(people[who], sample_report, action, comment, confirmed=confirmed)
        assert (response.redirect_chain, response.status_code) == ([(page, 302)], 200), action
        assert messages_of(response) == [message]
        assert status_of(sample_report) == status


def test_submitting_from_the_edit_page_no_longer_ends_on_a_403(
    sample_report: Report, people: dict[str, Any]
) -> None:
    """The edit page's workflow form used to send the person back to the edit form, which an editor
    may not use once the report is submitted."""
    editor = client_for(people["editor"])
    edit = editor.get(reverse("report-edit", args=[sample_report.pk, "budget"])).content.decode()
    assert buttons(edit) == ["submit"]
    assert 'name="next"' not in edit
    response = editor.post(
        reverse("report-transition", args=[sample_report.pk]),
        {
            "action": "submit",
            "comment": "",
            "next": reverse("report-edit", args=[sample_report.pk, "budget"]),
        },
        follow=True,
    )
    assert response.redirect_chain == [(reverse("report-detail", args=[sample_report.pk]), 302)]
    assert response.status_code == 200 and messages_of(response) == ["「提出」しました。"]


def test_only_the_steps_the_person_may_take_in_this_state_are_offered(
    sample_report: Report, people: dict[str, Any]
) -> None:
    def offered(who: str) -> list[str]:
        return buttons(client_for(people[who]).get(f"/reports/{sample_report.pk}/").content.decode())

    assert (offered("editor"), offered("reviewer"), offered("admin")) == (["submit"], [], ["submit"])
    storage.transition(sample_report.pk, "submit", people["editor"])
    assert (offered("editor"), offered("reviewer"), offered("admin")) == (
        [],
        ["return", "approve"],
        ["return", "approve"],
    )
    storage.transition(sample_report.pk, "approve", people["reviewer"])
    assert (offered("editor"), offered("reviewer")) == ([], ["return", "publish"])
    storage.transition(sample_report.pk, "publish", people["reviewer"])
    assert (offered("editor"), offered("reviewer"), offered("admin")) == ([], [], ["withdraw"])
    # the edit page offers the same
    edit = client_for(people["admin"]).get(reverse("report-edit", args=[sample_report.pk, "budget"]))
    assert buttons(edit.content.decode()) == ["withdraw"]
    # sharing with the experts: the reviewer's control; deleting: the admin's, before publication
    reviewer_page = client_for(people["reviewer"]).get(f"/reports/{sample_report.pk}/").content.decode()
    assert (
        "有識者と共有" in reviewer_page
        and reverse("report-delete", args=[sample_report.pk]) not in reviewer_page
    )
    admin_page = client_for(people["admin"]).get(f"/reports/{sample_report.pk}/").content.decode()
    assert reverse("report-delete", args=[sample_report.pk]) not in admin_page  # published: withdraw first


def test_submitting_with_open_errors_asks_for_a_confirmation_listing_them(
    sample_report: Report, people: dict[str, Any]
) -> None:
    FindingFact.objects.create(
        report=sample_report,
        code="H101",
        severity="error",
        location="/budget/years/0/total",
        message="合計が内訳の和と一致しません",
        message_en="the total is not the sum",
    )
    FindingFact.objects.create(
        report=sample_report,
        code="H201",
        severity="warning",
        location="/",
        message="注意だけ",
        message_en="x",
    )
    response = press(people["editor"], sample_report, "submit")
    page = response.content.decode()
    assert (response.redirect_chain, response.status_code) == ([], 200)
    assert "未解決の誤りが1件あります。このまま提出しますか。" in page
    assert "合計が内訳の和と一致しません" in page and "注意だけ" not in page
    # the place in words and the severity's name, not a JSON pointer
    assert "<td>誤り</td><td>予算 平成29年度 (2017年度) 合計</td>" in page
    assert 'name="confirmed" value="1"' in page
    assert status_of(sample_report) == Status.DRAFT
    response = press(people["editor"], sample_report, "submit", confirmed=True)
    assert messages_of(response) == ["「提出」しました。"]
    assert status_of(sample_report) == Status.SUBMITTED


def test_without_open_errors_a_submission_needs_no_confirmation(
    sample_report: Report, people: dict[str, Any]
) -> None:
    FindingFact.objects.filter(report=sample_report, severity="error").delete()
    response = press(people["editor"], sample_report, "submit")
    assert messages_of(response) == ["「提出」しました。"]


def test_publishing_asks_for_a_confirmation(sample_report: Report, people: dict[str, Any]) -> None:
    storage.transition(sample_report.pk, "submit", people["editor"])
    storage.transition(sample_report.pk, "approve", people["reviewer"])
    response = press(people["reviewer"], sample_report, "publish")
    page = response.content.decode()
    assert response.status_code == 200 and "「公表」の確認" in page
    assert "公表すると、誰でも（ログインしていない人も）この版を読めるようになります。" in page
    assert status_of(sample_report) == Status.APPROVED
    assert press(people["reviewer"], sample_report, "publish", confirmed=True).status_code == 200
    assert status_of(sample_report) == Status.PUBLISHED


def test_a_refused_step_is_a_japanese_message_on_the_report_page(
    sample_report: Report, people: dict[str, Any]
) -> None:
    response = press(people["admin"], sample_report, "approve")
    assert messages_of(response) == [
        "「承認」できませんでした: 状態が「作成中」の評価書にはこの操作を行えません。"
    ]
    response = press(people["admin"], sample_report, "withdraw", "理由", confirmed=True)
    assert messages_of(response) == [
        "「公表取消」できませんでした: 公表されていない評価書の公表は取り消せません。"
    ]


# --- withdrawal and deletion -----------------------------------------------------------------------


@pytest.fixture
def published(
    sample_report: Report, people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> Report:
    with django_capture_on_commit_callbacks(execute=True):
        for action, who in (("submit", "editor"), ("approve", "reviewer"), ("publish", "reviewer")):
            storage.transition(sample_report.pk, action, people[who])
    return Report.objects.get(pk=sample_report.pk)


def test_only_an_admin_withdraws_and_a_withdrawal_needs_its_reason(
    published: Report, people: dict[str, Any]
) -> None:
    assert press(people["reviewer"], published, "withdraw", "x", confirmed=True).status_code == 403
    assert press(people["editor"], published, "withdraw", "x", confirmed=True).status_code == 403
    response = press(people["admin"], published, "withdraw", "", confirmed=True)
    assert (
        response.status_code == 400
        and "公表取消には理由をコメントに記入してください。" in response.content.decode()
    )
    assert status_of(published) == Status.PUBLISHED


def test_a_withdrawn_report_is_gone_from_the_public_pages_search_and_api(
    published: Report, people: dict[str, Any]
) -> None:
    public = Client()
    assert public.get(f"/reports/{published.pk}/").status_code == 200
    assert public.get(f"/reports/{published.pk}/download.json").status_code == 200
    assert f"/reports/{published.pk}/" in public.get("/", {"q": "日米"}).content.decode()
    assert PublicPage.objects.filter(report=published).count() == 2
    RenderedFile.objects.create(  # a kept download of the published revision (as a PDF is kept)
        revision_id=published.published_revision_id,
        format="pdf",
        lang="ja",
        fingerprint="f",
        name="x.pdf",
        media_type="application/pdf",
        body=b"%PDF",
    )

    confirm = press(people["admin"], published, "withdraw", "誤った版を公表した")
    assert "「公表取消」の確認" in confirm.content.decode() and status_of(published) == Status.PUBLISHED
    press(people["admin"], published, "withdraw", "誤った版を公表した", confirmed=True)

    report = Report.objects.get(pk=published.pk)
    assert (report.status, report.published_revision_id, report.published_title) == (Status.DRAFT, None, "")
    assert PublicPage.objects.filter(report=published).count() == 0
    assert RenderedFile.objects.filter(revision_id=published.published_revision_id).count() == 0
    assert public.get(f"/reports/{published.pk}/").status_code == 404
    assert public.get(f"/reports/{published.pk}/official.html").status_code == 404
    assert f"/reports/{published.pk}/" not in public.get("/", {"q": "日米"}).content.decode()
    assert public.get(f"/api/reports/{published.pk}").status_code == 404
    assert public.get("/api/reports").json()["count"] == 0
    last = Transition.objects.filter(report=published).last()
    assert last is not None
    assert (last.action, last.from_status, last.to_status, last.actor, last.comment) == (
        "withdraw",
        Status.PUBLISHED,
        Status.DRAFT,
        people["admin"],
        "誤った版を公表した",
    )
    # the bureau still works on it
    assert client_for(people["editor"]).get(f"/reports/{published.pk}/").status_code == 200


def test_withdrawing_during_a_correction_keeps_the_status(published: Report, people: dict[str, Any]) -> None:
    model = storage.load(published.current_revision)
    model.title = "訂正中の題名"
    storage.save_revision(published.pk, 1, model, people["editor"], "題名の訂正")
    storage.transition(published.pk, "submit", people["editor"])
    storage.transition(published.pk, "withdraw", people["admin"], "旧版の公表を取り消す")
    report = Report.objects.get(pk=published.pk)
    assert (report.status, report.published_revision_id) == (Status.SUBMITTED, None)


def test_an_admin_deletes_a_draft_and_the_deletion_is_logged(
    sample_report: Report, people: dict[str, Any]
) -> None:
    url = reverse("report-delete", args=[sample_report.pk])
    assert client_for(people["reviewer"]).get(url).status_code == 403
    assert client_for(people["editor"]).post(url, {"reason": "x"}).status_code == 403
    admin = client_for(people["admin"])
    page = admin.get(url).content.decode()
    assert "削除の理由" in page and "元に戻せません" in page
    assert admin.post(url, {"reason": ""}).status_code == 400
    model = storage.load(Revision.objects.get(report=sample_report, number=1))
    model.title = "北米地域外交（案）"
    storage.save_revision(sample_report.pk, 1, model, people["editor"], "題名")  # revisions have parents
    storage.add_opinion(sample_report.pk, "所見", people["expert"])
    storage.transition(sample_report.pk, "submit", people["editor"])
    Comment.objects.create(report=sample_report, section="budget", author=people["reviewer"], text="x")
    data = Revision.objects.get(report=sample_report, number=3).data
    response = admin.post(url, {"reason": "重複して取り込んだため"}, follow=True)
    assert response.redirect_chain == [(reverse("report-list"), 302)]
    assert messages_of(response) == ["「北米地域外交（案）」を削除しました。削除の記録は残ります。"]
    assert not Report.objects.filter(pk=sample_report.pk).exists()
    assert not Revision.objects.filter(report_id=sample_report.pk).exists()
    assert not Transition.objects.filter(report_id=sample_report.pk).exists()
    assert not Comment.objects.exists()
    [log] = DeletionLog.objects.all()
    assert (
        log.report_id,
        log.ministry,
        log.bureau,
        log.measure_number,
        log.evaluation_year,
        log.status,
        log.revisions,
        log.actor,
        log.reason,
    ) == (
        sample_report.pk,
        "外務省",
        "北米局",
        "I-2",
        2020,
        "submitted",
        3,
        people["admin"],
        "重複して取り込んだため",
    )
    assert log.data == data
    assert admin.get(f"/reports/{sample_report.pk}/").status_code == 404


def test_a_published_report_is_not_deleted(published: Report, people: dict[str, Any]) -> None:
    admin = client_for(people["admin"])
    url = reverse("report-delete", args=[published.pk])
    assert "先に公表を取り消してください。" in admin.get(url).content.decode()
    assert admin.post(url, {"reason": "不要"}).status_code == 409
    assert Report.objects.filter(pk=published.pk).exists() and not DeletionLog.objects.exists()


def test_the_steps_speak_english_when_chosen(sample_report: Report, people: dict[str, Any]) -> None:
    storage.transition(sample_report.pk, "submit", people["editor"])
    storage.transition(sample_report.pk, "approve", people["reviewer"])
    client = client_for(people["reviewer"])
    client.cookies["django_language"] = "en"
    page = client.get(f"/reports/{sample_report.pk}/").content.decode()
    assert "What you can do with this report" in page and "Share with the experts" in page
    assert "この評価書でできること" not in page and "有識者と共有" not in page
    confirm = client.post(reverse("report-transition", args=[sample_report.pk]), {"action": "publish"})
    body = confirm.content.decode()
    assert "<h1>Confirm: Publish</h1>" in body and "Cancel and go back to the report" in body
    assert "公表" not in body.split('<main id="main">', 1)[1].split("</main>", 1)[0].split("</h1>", 1)[1]
    done = client.post(
        reverse("report-transition", args=[sample_report.pk]),
        {"action": "publish", "confirmed": "1"},
        follow=True,
    )
    assert messages_of(done) == ["Done: Publish."]
