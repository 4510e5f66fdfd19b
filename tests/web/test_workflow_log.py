"""Every change of a report's status has its ``Transition`` row (docs/workspace.md, Workflow): each
workflow step, a correction that puts the report back to draft, a withdrawal; sharing and an
opinion are logged too, without changing the status. The comments are attached to a section or an
indicator chosen from a list and shown beside it; the latest return reason heads the editor's
page."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hyoka.core import EvaluationReport
from hyoka.web.reports import storage
from hyoka.web.reports.models import Comment, Report, Status, Transition

pytestmark = pytest.mark.django_db

RETURN_REASON = "1-4 の評定の根拠を施策の分析に書き添えてください。"


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _edit(report_id: int, user: Any, title: str) -> None:
    report = Report.objects.get(pk=report_id)
    assert report.current_revision is not None
    model: EvaluationReport = storage.load(report.current_revision)
    model.title = title
    storage.save_revision(report_id, report.current_revision.number, model, user, f"題名を{title}に")


def test_every_status_change_has_its_log_row(sample_report: Report, people: dict[str, Any]) -> None:
    pk = sample_report.pk
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("edit a draft", lambda: _edit(pk, people["editor"], "下書き")),
        ("submit", lambda: storage.transition(pk, "submit", people["editor"])),
        ("share", lambda: storage.share(pk, people["reviewer"], True)),
        ("opinion", lambda: storage.add_opinion(pk, "所見", people["expert"])),
        ("return", lambda: storage.transition(pk, "return", people["reviewer"], RETURN_REASON)),
        ("edit returned", lambda: _edit(pk, people["editor"], "差戻し後")),
        ("submit", lambda: storage.transition(pk, "submit", people["editor"])),
        ("admin edits submitted", lambda: _edit(pk, people["admin"], "管理者の修正")),
        ("submit", lambda: storage.transition(pk, "submit", people["editor"])),
        ("approve", lambda: storage.transition(pk, "approve", people["reviewer"])),
        ("opinion", lambda: storage.add_opinion(pk, "承認後の所見", people["expert"])),
        ("admin edits approved", lambda: _edit(pk, people["admin"], "承認後の修正")),
        ("submit", lambda: storage.transition(pk, "submit", people["editor"])),
        ("approve", lambda: storage.transition(pk, "approve", people["reviewer"])),
        ("publish", lambda: storage.transition(pk, "publish", people["reviewer"])),
        ("unshare", lambda: storage.share(pk, people["reviewer"], False)),
        ("correct", lambda: _edit(pk, people["editor"], "公表後の訂正")),
        ("submit", lambda: storage.transition(pk, "submit", people["editor"])),
        ("approve", lambda: storage.transition(pk, "approve", people["reviewer"])),
        ("publish", lambda: storage.transition(pk, "publish", people["reviewer"])),
        ("withdraw", lambda: storage.transition(pk, "withdraw", people["admin"], "取消")),
    ]
    changes = 0
    for name, step in steps:
        before_status = Report.objects.get(pk=pk).status
        before_rows = Transition.objects.filter(report_id=pk).count()
        step()
        after_status = Report.objects.get(pk=pk).status
        rows = list(Transition.objects.filter(report_id=pk).order_by("id"))[before_rows:]
        if after_status != before_status:
            changes += 1
            assert [(r.from_status, r.to_status) for r in rows] == [(before_status, after_status)], name
        else:  # logged steps that change no status: one row from the status to itself
            assert [(r.from_status, r.to_status) for r in rows] in ([], [(before_status, before_status)]), (
                name
            )
    # the chain of rows accounts for every status the report had, in order
    rows = list(Transition.objects.filter(report_id=pk).order_by("id"))
    assert rows[0].from_status == Status.DRAFT and rows[-1].to_status == Report.objects.get(pk=pk).status
    assert all(a.to_status == b.from_status for a, b in pairwise(rows))
    assert sum(r.from_status != r.to_status for r in rows) == changes == 15
    assert [r.action for r in rows] == [
        "submit",
        "share",
        "opinion",
        "return",
        "submit",
        "edit",
        "submit",
        "approve",
        "opinion",
        "edit",
        "submit",
        "approve",
        "publish",
        "unshare",
        "edit",
        "submit",
        "approve",
        "publish",
        "withdraw",
    ]


def test_the_trail_names_every_step_in_japanese(sample_report: Report, people: dict[str, Any]) -> None:
    storage.share(sample_report.pk, people["reviewer"], True)
    storage.add_opinion(sample_report.pk, "所見", people["expert"])
    page = client_for(people["reviewer"]).get(reverse("report-transition", args=[sample_report.pk]))
    html = page.content.decode()
    assert "<td>有識者と共有</td><td>作成中 → 作成中</td><td>reviewer</td>" in html
    assert "<td>所見を追加</td><td>作成中 → 作成中</td><td>expert</td>" in html


# --- comments and the return reason -----------------------------------------------------------------


def test_comments_are_on_a_section_or_indicator_chosen_from_a_list_and_shown_beside_it(
    sample_report: Report, people: dict[str, Any]
) -> None:
    reviewer = client_for(people["reviewer"])
    url = reverse("report-comments", args=[sample_report.pk])
    form = reviewer.get(url).content.decode()
    assert (
        '<option value="indicator:1-4">測定指標1-4 日加二国間会談数(首脳・外相レベル)(電話会談含む)</option>'
        in form
    )
    assert '<option value="budget">施策の予算額・執行額等</option>' in form
    assert "JSON" not in form
    assert reviewer.post(url, {"section": "indicator:1-4", "text": "1-4 の評定の根拠は？"}).status_code == 302
    assert reviewer.post(url, {"section": "budget", "text": "執行率の説明を"}).status_code == 302
    assert [c.section for c in Comment.objects.all()] == ["indicator:1-4", "budget"]

    editor = client_for(people["editor"])
    report_page = editor.get(f"/reports/{sample_report.pk}/").content.decode()
    assert "測定指標1-4 日加二国間会談数" in report_page and "1-4 の評定の根拠は？" in report_page
    # each thread links to its place in the report shown on the same page
    assert '<a href="#indicator-1-1-4">測定指標1-4 日加二国間会談数' in report_page
    assert 'id="indicator-1-1-4"' in report_page
    assert '<a href="#budget">施策の予算額・執行額等</a>' in report_page and 'id="budget"' in report_page
    indicators = editor.get(reverse("report-edit", args=[sample_report.pk, "indicators"])).content.decode()
    beside = indicators.split('id="section-comments-heading"', 1)[1].split("</aside>", 1)[0]
    assert "1-4 の評定の根拠は？" in beside and "執行率の説明を" not in beside
    budget = editor.get(reverse("report-edit", args=[sample_report.pk, "budget"])).content.decode()
    assert "執行率の説明を" in budget and "1-4 の評定の根拠は？" not in budget
    # the public page carries none of it
    storage.transition(sample_report.pk, "submit", people["editor"])
    storage.transition(sample_report.pk, "approve", people["reviewer"])
    storage.transition(sample_report.pk, "publish", people["reviewer"])
    assert "1-4 の評定の根拠は？" not in Client().get(f"/reports/{sample_report.pk}/").content.decode()


def test_the_return_reason_heads_the_editors_pages(sample_report: Report, people: dict[str, Any]) -> None:
    storage.transition(sample_report.pk, "submit", people["editor"])
    storage.transition(sample_report.pk, "return", people["reviewer"], "古い理由")
    storage.transition(sample_report.pk, "submit", people["editor"])
    storage.transition(sample_report.pk, "return", people["reviewer"], RETURN_REASON)
    editor = client_for(people["editor"])
    edit = editor.get(reverse("report-edit", args=[sample_report.pk, "objectives"])).content.decode()
    main = edit.split('<main id="main">', 1)[1]
    assert main.index("差戻しの理由") < main.index("<form")
    assert RETURN_REASON in main and "古い理由" not in main
    assert RETURN_REASON in editor.get(f"/reports/{sample_report.pk}/").content.decode()
    storage.transition(sample_report.pk, "submit", people["editor"])
    assert "差戻しの理由" not in editor.get(f"/reports/{sample_report.pk}/").content.decode()
