"""The writing pages through the Django test client: import by upload, editing by section with
optimistic locking, expert opinions, the workflow buttons, history and diffs, and comments."""

from __future__ import annotations

import re
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from hyoka.core import EvaluationReport
from hyoka.services import NotAReportError, import_data
from hyoka.web.reports import storage
from hyoka.web.reports.models import Comment, FindingFact, IndicatorFact, Report, Revision, Status
from hyoka.web.reports.views import importing as import_views

from .editing import client_for, edit_url, page_form, text

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "mofa-r2-I-2-hokubei.txt"

ACTUAL_1_3_2019 = "ind_1-3_2019_actual_0"
POINTER_1_3_2019 = "/areas/0/indicators/2/years/2/actuals/0/value/value"


# --- helpers -------------------------------------------------------------------------------------


def sample_upload(name: str = SAMPLE.name) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, SAMPLE.read_bytes(), content_type="text/plain")


def revision_count(report: Report) -> int:
    return Revision.objects.filter(report=report).count()


def fact(report: Report, indicator: str, year: int) -> IndicatorFact:
    return IndicatorFact.objects.get(report=report, indicator_id=indicator, fiscal_year=year)


def messages_of(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


# --- import ------------------------------------------------------------------------------------------


def test_upload_preview_then_save(people: dict[str, Any]) -> None:
    client = client_for(people["editor"])
    assert client.get(reverse("report-import")).status_code == 200

    uploaded = client.post(reverse("report-import"), {"file": sample_upload()})
    assert uploaded.status_code == 302
    preview = client.get(uploaded["Location"])
    assert preview.status_code == 200
    page = text(preview)
    # the summary, and every finding (the importer's and the rules'), before anything is saved
    for expected in (
        "北米地域外交",
        "I-2",
        "2020年度",
        "規則による提案: 相当程度進展あり（B）",
        "日米二国間会談数",
        "671",
        "H902",
        "H301",
    ):
        assert expected in page, expected
    assert Report.objects.count() == 0

    saved = client.post(reverse("report-import-save"), page_form(page, "token") | {"save": "1"})
    report = Report.objects.get()
    assert saved.status_code == 302
    assert saved["Location"] == reverse("report-detail", args=[report.pk])
    revision = Revision.objects.get(report=report)
    assert (revision.number, revision.reason, revision.author) == (
        1,
        f"取込: {SAMPLE.name}",
        people["editor"],
    )
    assert (report.ministry.name, report.bureau.name if report.bureau else None) == ("外務省", "北米局")
    codes = set(FindingFact.objects.filter(report=report).values_list("code", flat=True))
    assert {"H902", "H904", "H301"} <= codes  # the import findings are kept with the rules'

    # the preview is used up: saving again saves nothing more
    again = client.post(reverse("report-import-save"), page_form(page, "token") | {"save": "1"})
    assert again.status_code == 302 and again["Location"] == reverse("report-import")
    assert Report.objects.count() == 1


def test_a_file_that_is_not_a_report_shows_the_importers_one_line_message(people: dict[str, Any]) -> None:
    data = "これは議事メモです。\n政策評価書ではありません。\n".encode()
    with pytest.raises(NotAReportError) as raised:
        import_data(data, name="memo.txt")
    client = client_for(people["editor"])
    response = client.post(
        reverse("report-import"), {"file": SimpleUploadedFile("memo.txt", data, content_type="text/plain")}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [str(raised.value)]
    assert escape(str(raised.value)) in text(response)
    assert Report.objects.count() == 0


def test_upload_over_the_size_limit_is_refused(people: dict[str, Any], settings: Any) -> None:
    settings.HYOKA_MAX_UPLOAD = 1000
    response = client_for(people["editor"]).post(reverse("report-import"), {"file": sample_upload()})
    assert response.status_code == 400
    assert "ファイルが大きすぎます" in response.context["form"].errors["file"][0]


def test_import_of_another_ministrys_report_is_a_form_error(people: dict[str, Any]) -> None:
    response = client_for(people["editor_other_ministry"]).post(
        reverse("report-import"), {"file": sample_upload()}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "この報告書の府省（外務省）はあなたの所属府省（財務省）と異なるため取り込めません。"
    ]
    assert Report.objects.count() == 0


@pytest.mark.parametrize("who", ["reviewer", "expert", "viewer"])
def test_only_editors_and_admins_import(people: dict[str, Any], who: str) -> None:
    client = client_for(people[who])
    assert client.get(reverse("report-import")).status_code == 403
    assert client.post(reverse("report-import"), {"file": sample_upload()}).status_code == 403


def test_anonymous_is_sent_to_login() -> None:
    response = Client().get(reverse("report-import"))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_a_preview_too_large_for_the_session_is_saved_by_choosing_the_file_again(
    people: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(import_views, "PENDING_MAX_CHARS", 1000)
    client = client_for(people["admin"])
    preview = client.post(reverse("report-import"), {"file": sample_upload()})
    assert preview.status_code == 200
    assert "もう一度同じファイルを選んでください" in text(preview)
    form = page_form(text(preview), "digest")
    assert form["token"] == ""

    other = SimpleUploadedFile(
        "other.json",
        EvaluationReport(ministry="外務省", measure_number="I-9", title="別の施策", evaluation_year=2020)
        .model_dump_json()
        .encode(),
    )
    switched = client.post(reverse("report-import-save"), form | {"save": "1", "file": other})
    assert switched.status_code == 200
    assert "選んだファイルはプレビューしたファイルと異なります" in text(switched)
    assert Report.objects.count() == 0

    saved = client.post(reverse("report-import-save"), form | {"save": "1", "file": sample_upload()})
    assert saved.status_code == 302
    assert Report.objects.get().title == "北米地域外交"


# --- editing -------------------------------------------------------------------------------------


def test_edit_an_actual_through_the_indicators_form(sample_report: Report, people: dict[str, Any]) -> None:
    client = client_for(people["editor"])
    page = client.get(edit_url(sample_report, "indicators"))
    assert page.status_code == 200
    form = page_form(text(page))
    assert (form["base_revision"], form[ACTUAL_1_3_2019]) == ("1", "26")

    response = client.post(
        edit_url(sample_report, "indicators"),
        form | {ACTUAL_1_3_2019: "28", "reason": "令和元年度の実績を確定値に更新"},
    )
    assert response.status_code == 302
    assert revision_count(sample_report) == 2
    revision = Revision.objects.get(report=sample_report, number=2)
    assert (revision.reason, revision.author, revision.parent_id) == (
        "令和元年度の実績を確定値に更新",
        people["editor"],
        sample_report.current_revision_id,
    )
    assert fact(sample_report, "1-3", 2019).actual == Decimal(28)
    # the whole form went back and only the one value changed
    old = storage.load(Revision.objects.get(report=sample_report, number=1)).model_dump(mode="json")
    from hyoka.web.reports.diff import Change, diff_models

    assert diff_models(old, storage.load(revision).model_dump(mode="json")) == [
        Change(POINTER_1_3_2019, 26, 28),
        Change("/areas/0/indicators/2/years/2/actuals/0/value/raw", "26", "28"),
    ]

    shown = client.get(response["Location"])
    assert "版 2 を保存しました" in " ".join(messages_of(shown))
    findings = [f.code for f in shown.context["findings"]] + [f.code for f in shown.context["other_findings"]]
    assert findings == list(
        FindingFact.objects.filter(report=sample_report).order_by("id").values_list("code", flat=True)
    )
    assert "H301" in text(shown)


def test_numbers_as_printed_are_read(sample_report: Report, people: dict[str, Any]) -> None:
    client = client_for(people["editor"])
    form = page_form(text(client.get(edit_url(sample_report, "budget"))))
    assert (form["budget_2019_carryover"], form["budget_2020_total"]) == ("△14", "")
    response = client.post(
        edit_url(sample_report, "budget"),
        form
        | {
            "budget_2019_carryover": "△15",
            "budget_2019_total": "1,234",
            "budget_2020_supplementary": "-",
            "reason": "補正",
        },
    )
    assert response.status_code == 302
    year = storage.load(Report.objects.get(pk=sample_report.pk).current_revision).budget.years  # type: ignore[arg-type]
    y2019, y2020 = year[2], year[3]
    assert (y2019.carryover.value, y2019.carryover.raw, y2019.total.value) == (
        Decimal(-15),
        "△15",
        Decimal(1234),
    )
    assert (y2020.supplementary.status.value, y2020.supplementary.raw) == ("nothing_to_report", "-")
    assert y2019.carryover.unit == "百万円"


def test_a_value_that_is_not_a_number_is_an_error_on_its_field(
    sample_report: Report, people: dict[str, Any]
) -> None:
    client = client_for(people["editor"])
    form = page_form(text(client.get(edit_url(sample_report, "indicators"))))
    response = client.post(
        edit_url(sample_report, "indicators"), form | {ACTUAL_1_3_2019: "abc", "reason": "誤入力"}
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert list(errors) == [ACTUAL_1_3_2019]
    message = "「abc」は数値として読めません（例: 1,234 ／ △14 ／ 84% ／ 該当なしは「-」 ／ 空欄）"
    assert errors[ACTUAL_1_3_2019] == [message]
    page = text(response)
    assert (
        f'<p id="id_{ACTUAL_1_3_2019}-error" class="error">1-3 2019年度 実績値: {escape(message)}</p>' in page
    )
    assert 'aria-invalid="true"' in page
    assert page_form(page)[ACTUAL_1_3_2019] == "abc"  # the input is kept
    assert revision_count(sample_report) == 1
    assert fact(sample_report, "1-3", 2019).actual == Decimal(26)


def test_a_reason_is_required(sample_report: Report, people: dict[str, Any]) -> None:
    client = client_for(people["editor"])
    form = page_form(text(client.get(edit_url(sample_report, "indicators"))))
    response = client.post(
        edit_url(sample_report, "indicators"), form | {ACTUAL_1_3_2019: "28", "reason": " "}
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["reason"]
    assert "変更理由: このフィールドは必須です。" in text(response)
    assert revision_count(sample_report) == 1


def test_a_stale_base_keeps_the_input_and_names_the_newer_revision(
    sample_report: Report, people: dict[str, Any]
) -> None:
    client = client_for(people["editor"])
    form = page_form(text(client.get(edit_url(sample_report, "indicators"))))
    # meanwhile an administrator corrects the 2018 actual of 1-3
    newer = storage.load(sample_report.current_revision)  # type: ignore[arg-type]
    newer.indicator("1-3").years[1].actuals[0] = (
        newer.indicator("1-3")
        .years[1]
        .actuals[0]
        .model_copy(
            update={
                "value": newer.indicator("1-3")
                .years[1]
                .actuals[0]
                .value.model_copy(update={"value": Decimal(31), "raw": "31"})
            }
        )
    )
    revision2 = storage.save_revision(sample_report.pk, 1, newer, people["admin"], "平成30年度の実績を訂正")

    response = client.post(
        edit_url(sample_report, "indicators"), form | {ACTUAL_1_3_2019: "28", "reason": "確定値"}
    )
    assert response.status_code == 409
    assert revision_count(sample_report) == 2
    page = text(response)
    when = response.context["conflict_message"]
    assert "admin" in when and "版 2" in when
    from django.utils import timezone

    assert timezone.localtime(revision2.created_at).strftime("%Y-%m-%d %H:%M:%S") in when
    assert escape(when) in page
    kept = page_form(page)
    # the person's input is kept; the field they did not touch takes the newer value; the base moves on
    assert (kept[ACTUAL_1_3_2019], kept["ind_1-3_2018_actual_0"], kept["base_revision"], kept["reason"]) == (
        "28",
        "31",
        "2",
        "確定値",
    )
    assert "新しい版で変更されていたため、新しい版の値にしました。" in page

    # saving again keeps both changes
    again = client.post(edit_url(sample_report, "indicators"), kept)
    assert again.status_code == 302
    assert revision_count(sample_report) == 3
    assert (fact(sample_report, "1-3", 2018).actual, fact(sample_report, "1-3", 2019).actual) == (31, 28)


def test_a_conflict_on_the_same_field_shows_the_newer_value(
    sample_report: Report, people: dict[str, Any]
) -> None:
    client = client_for(people["editor"])
    form = page_form(text(client.get(edit_url(sample_report, "indicators") + "?indicator=1-3")))
    assert sorted(k for k in form if k.startswith("ind_")) == sorted(
        [
            f"ind_1-3_{f}"
            for f in (
                *("name", "main", "source", "kind", "direction", "notes", "baseline_year", "baseline_0"),
                *("mid_text", "mid_year", "mid_0", "grade"),
            )
        ]
        + [
            f"ind_1-3_{y}_{f}"
            for y in (2017, 2018, 2019)
            for f in ("target_text", "target_0", "actual_0", "progress")
        ]
    )
    client_for(people["admin"]).post(
        edit_url(sample_report, "indicators") + "?indicator=1-3",
        form | {ACTUAL_1_3_2019: "27", "reason": "速報値"},
    )
    response = client.post(
        edit_url(sample_report, "indicators") + "?indicator=1-3",
        form | {ACTUAL_1_3_2019: "28", "reason": "確定値"},
    )
    assert response.status_code == 409
    assert page_form(text(response))[ACTUAL_1_3_2019] == "28"
    assert "新しい版の値:「27」（あなたの入力を残しています）" in text(response)
    assert fact(sample_report, "1-3", 2019).actual == 27


def test_nothing_changed_saves_nothing(sample_report: Report, people: dict[str, Any]) -> None:
    client = client_for(people["editor"])
    sections = [key for key, _label in client.get(edit_url(sample_report, "overview")).context["sections"]]
    assert sections == [
        *("overview", "objectives", "budget", "areas", "indicators", "judgment", "budget_sheet"),
        *("analysis", "next_steps", "opinions"),
    ]
    for section in sections:
        form = page_form(text(client.get(edit_url(sample_report, section))))
        response = client.post(edit_url(sample_report, section), form | {"reason": "確認のみ"})
        assert response.status_code == 200, section
        assert "変更がないため、保存しませんでした。" in " ".join(messages_of(response))
    assert revision_count(sample_report) == 1


def test_objectives_text_and_nesting(sample_report: Report, people: dict[str, Any]) -> None:
    client = client_for(people["editor"])
    form = page_form(text(client.get(edit_url(sample_report, "objectives"))))
    assert (form["obj_0_number"], form["obj_1_level"], form["obj_1_number"], form["obj_8_text"]) == (
        "1",
        "1",
        "(1)",
        "",
    )
    changes = {
        "obj_3_text": "日米安保体制の信頼性を向上する。",
        "obj_8_level": "1",
        "obj_8_number": "(3)",
        "obj_8_text": "日加の安全保障協力を推進する。",
        "reason": "目標の追加",
    }
    assert client.post(edit_url(sample_report, "objectives"), form | changes).status_code == 302
    model = storage.load(Report.objects.get(pk=sample_report.pk).current_revision)  # type: ignore[arg-type]
    assert model.objectives[0].children[2].text == "日米安保体制の信頼性を向上する。"
    assert [(c.number, c.text) for c in model.objectives[1].children][-1] == (
        "(3)",
        "日加の安全保障協力を推進する。",
    )

    bad = client.post(edit_url(sample_report, "objectives"), form | {"obj_0_level": "2", "reason": "x"})
    assert bad.status_code == 400
    assert list(bad.context["form"].errors) == ["obj_0_level"]


def test_opinions_section_edits_and_deletes(sample_report: Report, people: dict[str, Any]) -> None:
    client = client_for(people["editor"])
    form = page_form(text(client.get(edit_url(sample_report, "opinions"))))
    assert (
        client.post(
            edit_url(sample_report, "opinions"), form | {"op_5": "", "reason": "重複を削除"}
        ).status_code
        == 302
    )
    model = storage.load(Report.objects.get(pk=sample_report.pk).current_revision)  # type: ignore[arg-type]
    assert len(model.expert_opinions.opinions) == 5


def test_progress_text_keeps_numbering_of_unchanged_paragraphs(
    sample_report: Report, people: dict[str, Any]
) -> None:
    client = client_for(people["editor"])
    form = page_form(text(client.get(edit_url(sample_report, "indicators") + "?indicator=1-1")))
    lines = form["ind_1-1_2019_progress"].splitlines()
    lines[1] = "令和元年度は、首脳間で11回の会談を行った。"
    response = client.post(
        edit_url(sample_report, "indicators") + "?indicator=1-1",
        form | {"ind_1-1_2019_progress": "\r\n".join(lines), "reason": "要約"},
    )
    assert response.status_code == 302
    model = storage.load(Report.objects.get(pk=sample_report.pk).current_revision)  # type: ignore[arg-type]
    progress = model.indicator("1-1").years[2].progress
    assert [(p.label, p.level, p.text) for p in progress[:2]] == [
        ("1", 0, "日米間の協力関係の進展"),
        (None, 1, "令和元年度は、首脳間で11回の会談を行った。"),
    ]


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("reviewer", 403),
        ("expert", 404),
        ("viewer", 404),
        ("editor_other_bureau", 404),
        ("editor_other_ministry", 404),
    ],
)
def test_who_may_not_edit(sample_report: Report, people: dict[str, Any], who: str, status: int) -> None:
    client = client_for(people[who])
    assert client.get(edit_url(sample_report, "indicators")).status_code == status
    assert (
        client.post(
            edit_url(sample_report, "indicators"), {"base_revision": "1", "reason": "x", ACTUAL_1_3_2019: "1"}
        ).status_code
        == status
    )
    assert revision_count(sample_report) == 1


def test_a_submitted_report_is_not_editable_and_unknown_sections_do_not_exist(
    sample_report: Report, people: dict[str, Any]
) -> None:
    client = client_for(people["editor"])
    assert client.get(edit_url(sample_report, "title")).status_code == 404
    storage.transition(sample_report.pk, "submit", people["editor"])
    assert client.get(edit_url(sample_report, "budget")).status_code == 403


def test_a_correction_of_a_published_report_goes_back_to_draft(
    sample_report: Report, people: dict[str, Any]
) -> None:
    for action, who in (("submit", "editor"), ("approve", "reviewer"), ("publish", "reviewer")):
        storage.transition(sample_report.pk, action, people[who])
    client = client_for(people["editor"])
    form = page_form(text(client.get(edit_url(sample_report, "indicators"))))
    response = client.post(
        edit_url(sample_report, "indicators"),
        form | {ACTUAL_1_3_2019: "28", "reason": "公表後の訂正"},
        follow=True,
    )
    assert "状態は「作成中」に戻りました。" in " ".join(messages_of(response))
    report = Report.objects.get(pk=sample_report.pk)
    assert (report.status, report.published_revision.number if report.published_revision else None) == (
        "draft",
        1,
    )


# --- expert opinions -------------------------------------------------------------------------------


def test_an_expert_adds_a_seventh_opinion(sample_report: Report, people: dict[str, Any]) -> None:
    client = client_for(people["expert"])
    url = reverse("report-opinion", args=[sample_report.pk])
    assert client.get(url).status_code == 404  # not shared with the experts yet
    Report.objects.filter(pk=sample_report.pk).update(shared_with_experts=True)
    form = page_form(text(client.get(url)))
    response = client.post(url, form | {"text": "日加協力の成果が具体的に示されている。"})
    assert response.status_code == 302
    revision = Revision.objects.get(report=sample_report, number=2)
    assert (revision.reason, revision.author) == ("有識者の所見を追加", people["expert"])
    opinions = storage.load(revision).expert_opinions.opinions
    assert len(opinions) == 7
    assert opinions[-1].text == "日加協力の成果が具体的に示されている。"
    assert client.post(url, form | {"text": ""}).status_code == 400
    assert revision_count(sample_report) == 2
    assert client_for(people["editor"]).get(url).status_code == 403


# --- workflow --------------------------------------------------------------------------------------


def test_workflow_buttons(sample_report: Report, people: dict[str, Any]) -> None:
    url = reverse("report-transition", args=[sample_report.pk])

    def press(who: str, action: str, comment: str = "") -> int:
        return int(client_for(people[who]).post(url, {"action": action, "comment": comment}).status_code)

    def status() -> str:
        return str(Report.objects.get(pk=sample_report.pk).status)

    assert press("editor_other_ministry", "submit") == 404
    assert press("viewer", "submit") == 404
    assert press("reviewer", "submit") == 403
    assert press("editor", "approve") == 403
    assert press("editor", "submit") == 302
    assert status() == Status.SUBMITTED
    assert press("editor", "submit") == 403
    assert press("reviewer", "return") == 400  # a return needs a comment
    assert status() == Status.SUBMITTED
    assert press("reviewer", "return", "1-4の評定を再確認してください") == 302
    assert status() == Status.RETURNED
    assert press("editor", "submit") == 302
    assert press("editor_other_bureau", "approve") == 404
    assert press("reviewer_other_ministry", "approve") == 404
    assert press("reviewer", "approve") == 302
    assert press("editor", "publish") == 403
    assert press("reviewer", "publish") == 200  # the confirmation step (tests/web/test_workflow_steps.py)
    assert status() == Status.APPROVED
    confirmed = {"action": "publish", "comment": "", "confirmed": "1"}
    assert client_for(people["reviewer"]).post(url, confirmed).status_code == 302
    assert status() == Status.PUBLISHED
    # published: readable by all, but the workflow page and its trail only by those who work on it
    assert press("editor_other_ministry", "publish") == 404
    assert press("editor_other_bureau", "return", "x") == 404
    assert press("editor", "frobnicate") == 400
    report = Report.objects.get(pk=sample_report.pk)
    assert [(t.action, t.actor.username, t.comment) for t in report.transitions.all()] == [
        ("submit", "editor", ""),
        ("return", "reviewer", "1-4の評定を再確認してください"),
        ("submit", "editor", ""),
        ("approve", "reviewer", ""),
        ("publish", "reviewer", ""),
    ]


def test_workflow_page_shows_the_buttons_allowed_and_a_refused_transition_is_a_message(
    sample_report: Report, people: dict[str, Any]
) -> None:
    url = reverse("report-transition", args=[sample_report.pk])
    page = client_for(people["editor"]).get(url)
    assert page.context["workflow_actions"] == [("submit", "提出")]
    assert 'name="action" value="submit"' in text(page)
    # an administrator may press any button; publishing a draft is refused by the workflow
    response = client_for(people["admin"]).post(url, {"action": "publish"}, follow=True)
    assert response.redirect_chain == [(reverse("report-detail", args=[sample_report.pk]), 302)]
    assert messages_of(response) == [
        "「公表」できませんでした: 状態が「作成中」の評価書にはこの操作を行えません。"
    ]
    assert Report.objects.get(pk=sample_report.pk).status == Status.DRAFT


# --- history and diff ----------------------------------------------------------------------------


def _edit_actual(report: Report, user: Any) -> None:
    client = client_for(user)
    form = page_form(text(client.get(edit_url(report, "indicators"))))
    assert (
        client.post(
            edit_url(report, "indicators"), form | {ACTUAL_1_3_2019: "28", "reason": "確定値に更新"}
        ).status_code
        == 302
    )


def test_history_lists_revisions_and_transitions(sample_report: Report, people: dict[str, Any]) -> None:
    _edit_actual(sample_report, people["editor"])
    storage.transition(sample_report.pk, "submit", people["editor"])
    response = client_for(people["reviewer"]).get(reverse("report-history", args=[sample_report.pk]))
    assert response.status_code == 200
    assert [(r.number, r.author.username, r.reason) for r in response.context["revisions"]] == [
        (2, "editor", "確定値に更新"),
        (1, "editor", "初回取込"),
    ]
    page = text(response)
    assert "確定値に更新" in page and "初回取込" in page
    assert f"{reverse('report-diff', args=[sample_report.pk])}?a=1&amp;b=2" in page
    assert "<td>提出</td><td>作成中 → 提出済</td><td>editor</td>" in page
    assert (
        client_for(people["editor_other_bureau"])
        .get(reverse("report-history", args=[sample_report.pk]))
        .status_code
        == 404
    )


def test_diff_shows_the_changed_actual(sample_report: Report, people: dict[str, Any]) -> None:
    _edit_actual(sample_report, people["editor"])
    client = client_for(people["reviewer"])
    url = reverse("report-diff", args=[sample_report.pk])
    response = client.get(url, {"a": 1, "b": 2})
    assert response.status_code == 200
    # one row for the one value changed, named as the reader names it, in numbers as shown
    assert [(c.place, c.old, c.new) for c in response.context["changes"]] == [
        ("測定指標1-3 実績値（令和元年度 (2019年度)）", "26", "28"),
    ]
    assert response.context["changes"][0].path == "/areas/0/indicators/2/years/2/actuals/0/value"
    page = text(response)
    assert (
        '<tr><th scope="row">測定指標1-3 実績値（令和元年度 (2019年度)）</th>\n'
        "      <td>26</td>\n      <td>28</td></tr>"
    ) in page
    assert "/areas/0" not in page  # no JSON pointer, no JSON object
    assert client.get(url).context["changes"] == response.context["changes"]  # by default: the last change
    assert client.get(url, {"a": 2, "b": 1}).context["changes"][0].new == "26"
    assert client.get(url, {"a": 1, "b": 9}).status_code == 404
    assert client.get(url, {"a": "x", "b": 2}).status_code == 400


# --- comments --------------------------------------------------------------------------------------


def test_comments_by_reviewer_and_by_expert_when_shared(
    sample_report: Report, people: dict[str, Any]
) -> None:
    url = reverse("report-comments", args=[sample_report.pk])
    reviewer = client_for(people["reviewer"])
    response = reviewer.post(url, {"section": "indicators", "text": "1-3の実績の出典を示してください。"})
    assert response.status_code == 302
    response = reviewer.post(url, {"section": "indicator:1-4", "text": "評定の根拠は？"})
    assert response.status_code == 302

    expert = client_for(people["expert"])
    assert expert.get(url).status_code == 404
    assert expert.post(url, {"section": "general", "text": "所見"}).status_code == 404
    Report.objects.filter(pk=sample_report.pk).update(shared_with_experts=True)
    assert expert.post(url, {"section": "analysis", "text": "分析が具体的です。"}).status_code == 302

    assert [(c.section, c.author.username) for c in Comment.objects.filter(report=sample_report)] == [
        ("indicators", "reviewer"),
        ("indicator:1-4", "reviewer"),
        ("analysis", "expert"),
    ]
    page = client_for(people["editor"]).get(url)
    assert [(t["section"], t["label"], len(t["comments"])) for t in page.context["threads"]] == [
        ("indicators", "測定指標", 1),
        ("indicator:1-4", "測定指標1-4 日加二国間会談数(首脳・外相レベル)(電話会談含む)", 1),
        ("analysis", "施策の分析", 1),
    ]
    assert "1-3の実績の出典を示してください。" in text(page)

    bad = reviewer.post(url, {"section": "/areas/0", "text": "x"})  # only the report's own targets
    assert bad.status_code == 400 and list(bad.context["form"].errors) == ["section"]
    assert client_for(people["viewer"]).get(url).status_code == 404
    assert (
        client_for(people["editor_other_ministry"]).post(url, {"section": "general", "text": "x"}).status_code
        == 404
    )
    assert Comment.objects.count() == 3


def test_every_page_labels_its_fields(sample_report: Report, people: dict[str, Any]) -> None:
    """Each visible input, select and textarea has a <label for> (keyboard and screen readers)."""
    client = client_for(people["admin"])
    urls = [
        edit_url(sample_report, s)
        for s in (
            *("overview", "objectives", "budget", "areas", "indicators", "judgment", "budget_sheet"),
            *("analysis", "next_steps", "opinions"),
        )
    ]
    urls += [
        reverse(n, args=[sample_report.pk])
        for n in ("report-opinion", "report-comments", "report-history", "report-transition", "report-diff")
    ]
    urls.append(reverse("report-import"))
    for url in urls:
        page = text(client.get(url))
        ids = set(
            re.findall(
                r'<(?:input|select|textarea)(?![^>]*type="(?:hidden|submit)")[^>]*\bid="([^"]+)"', page
            )
        )
        labelled = set(re.findall(r'<label for="([^"]+)"', page))
        assert ids and ids <= labelled, (url, ids - labelled)
