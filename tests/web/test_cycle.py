"""The next cycle in the workspace: 「次期の評価書を作成」 on a published report's page and
``POST /api/reports/{id}/next-cycle`` — who may, the draft's exact content, refusals, the briefs
beside the new targets."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hyoka.core import EvaluationReport
from hyoka.services.cycle import next_cycle
from hyoka.web.auth import create_token
from hyoka.web.reports import storage
from hyoka.web.reports.models import IndicatorFact, Report, Revision, Status

pytestmark = pytest.mark.django_db

REASON = "外務省 1-I-2 北米地域外交（令和2年度 (2020年度)） から次期の案を作成"


def _publish(report: Report, people: dict[str, Any]) -> Report:
    storage.transition(report.pk, "submit", people["editor"])
    storage.transition(report.pk, "approve", people["reviewer"])
    storage.transition(report.pk, "publish", people["reviewer"])
    report.refresh_from_db()
    return report


@pytest.fixture
def published(people: dict[str, Any], sample_report: Report) -> Report:
    return _publish(sample_report, people)


def _post(client: Client, report: Report, user: Any | None) -> Any:
    if user is not None:
        client.force_login(user)
    return client.post(reverse("report-next-cycle", args=[report.pk]))


def _messages(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


# --- creating the draft ----------------------------------------------------------------------------


def test_an_editor_of_the_bureau_creates_the_draft_with_the_carried_content(
    client: Client, people: dict[str, Any], published: Report, sample_model: EvaluationReport
) -> None:
    response = _post(client, published, people["editor"])
    draft = Report.objects.exclude(pk=published.pk).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("report-edit", kwargs={"pk": draft.pk, "section": "indicators"})
    assert (draft.status, draft.carried_from_id, draft.evaluation_year) == (Status.DRAFT, published.pk, 2021)
    assert (draft.ministry.name, draft.bureau.name, draft.measure_number) == ("外務省", "北米局", "I-2")
    assert draft.published_revision is None
    revisions = list(Revision.objects.filter(report=draft).values_list("number", "reason", "author"))
    assert revisions == [(1, REASON, people["editor"].pk)]
    assert storage.load(draft.current_revision) == next_cycle(sample_model).draft
    # the projections are the draft's: the new window, no numbers yet
    years = sorted(set(IndicatorFact.objects.filter(report=draft).values_list("fiscal_year", flat=True)))
    assert years == [2018, 2019, 2020]
    assert not IndicatorFact.objects.filter(report=draft, target__isnull=False).exists()
    assert not IndicatorFact.objects.filter(report=draft, actual__isnull=False).exists()
    follow = client.get(response["Location"])
    assert "次期の評価書の案を作成しました（版 1）。" in follow.content.decode()


def test_the_draft_comes_from_the_published_revision_not_a_correction(
    client: Client, people: dict[str, Any], published: Report, sample_model: EvaluationReport
) -> None:
    corrected = sample_model.model_copy(update={"title": "北米地域外交（訂正中）"})
    storage.save_revision(published.pk, 1, corrected, people["editor"], "訂正")
    _post(client, published, people["reviewer"])
    draft = Report.objects.exclude(pk=published.pk).get()
    assert draft.title == "北米地域外交"
    assert Revision.objects.get(report=draft).reason == REASON


@pytest.mark.parametrize("who", ["reviewer", "admin"])
def test_a_reviewer_and_an_admin_may_create_it_too(
    client: Client, people: dict[str, Any], published: Report, who: str
) -> None:
    response = _post(client, published, people[who])
    draft = Report.objects.exclude(pk=published.pk).get()
    # a reviewer does not edit drafts: the draft's page; an admin edits
    expected = (
        reverse("report-detail", args=[draft.pk])
        if who == "reviewer"
        else reverse("report-edit", kwargs={"pk": draft.pk, "section": "indicators"})
    )
    assert response.status_code == 302 and response["Location"] == expected
    assert draft.bureau.name == "北米局"


@pytest.mark.parametrize(
    "who", ["editor_other_bureau", "editor_other_ministry", "reviewer_other_ministry", "expert", "viewer"]
)
def test_others_who_see_the_published_report_get_403(
    client: Client, people: dict[str, Any], published: Report, who: str
) -> None:
    assert _post(client, published, people[who]).status_code == 403
    assert Report.objects.count() == 1


def test_anonymous_is_sent_to_login_and_get_is_refused(
    client: Client, people: dict[str, Any], published: Report
) -> None:
    response = _post(client, published, None)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(people["editor"])
    assert client.get(reverse("report-next-cycle", args=[published.pk])).status_code == 405
    assert Report.objects.count() == 1


def test_a_draft_is_refused_and_hidden_from_other_ministries(
    client: Client, people: dict[str, Any], sample_report: Report
) -> None:
    response = _post(client, sample_report, people["editor"])
    assert response.status_code == 302 and response["Location"] == reverse(
        "report-detail", args=[sample_report.pk]
    )
    assert _messages(client.get(response["Location"])) == [
        "公表されていない評価書からは次期の評価書を作成できません。"
    ]
    assert Report.objects.count() == 1
    client.logout()
    assert _post(client, sample_report, people["reviewer_other_ministry"]).status_code == 404


def test_a_second_draft_is_refused_with_a_link_to_the_first(
    client: Client, people: dict[str, Any], published: Report
) -> None:
    _post(client, published, people["editor"])
    first = Report.objects.exclude(pk=published.pk).get()
    response = _post(client, published, people["reviewer"])
    assert response.status_code == 302 and response["Location"] == reverse(
        "report-detail", args=[published.pk]
    )
    page = client.get(response["Location"]).content.decode()
    link = f'<a href="/reports/{first.pk}/">I-2 北米地域外交（令和3年度 (2021年度)）</a>'
    assert f"この施策の次の年度の評価書はすでにあります。 {link}" in page
    assert Report.objects.count() == 2


# --- the button and the briefs ------------------------------------------------------------------------


def test_the_button_is_shown_to_those_who_may_press_it(
    client: Client, people: dict[str, Any], published: Report
) -> None:
    url = reverse("report-detail", args=[published.pk])
    button = "次期の評価書を作成</button>"
    assert button not in client.get(url).content.decode()
    for who, shown in (
        ("viewer", False),
        ("expert", False),
        ("editor_other_bureau", False),
        ("reviewer", True),
    ):
        client.force_login(people[who])
        assert (button in client.get(url).content.decode()) is shown, who
    client.force_login(people["editor"])
    assert button in client.get(url).content.decode()
    _post(client, published, people["editor"])
    draft = Report.objects.exclude(pk=published.pk).get()
    page = client.get(url).content.decode()
    assert button not in page
    assert f'<a href="/reports/{draft.pk}/">I-2 北米地域外交（令和3年度 (2021年度)）</a>' in page


def test_the_indicator_form_shows_each_brief_once_beside_the_new_targets(
    client: Client, people: dict[str, Any], published: Report, sample_model: EvaluationReport
) -> None:
    _post(client, published, people["editor"])
    draft = Report.objects.exclude(pk=published.pk).get()
    page = client.get(
        reverse("report-edit", kwargs={"pk": draft.pk, "section": "indicators"})
    ).content.decode()
    asides = re.findall(r'<aside class="brief">(.*?)</aside>', page, flags=re.S)
    assert len(asides) == 9
    steps = {s.indicator_id: s for a in sample_model.areas for s in a.next_steps.indicators}
    first = steps["1-3"].paragraphs[0].text
    assert first.startswith("日米政府間での共通の諸課題に関する緊密な協議をハイレベルで維持")
    # the brief of 1-3 sits in 1-3's first fieldset (平成30年度), just before its target field
    fieldset = page[page.index("1-3 日米二国間会談数") :]
    assert fieldset.index(first[:30]) < fieldset.index('name="ind_1-3_2018_target_0"')
    assert page.count(first[:30]) == 1
    only = client.get(
        reverse("report-edit", kwargs={"pk": draft.pk, "section": "indicators"}) + "?indicator=2-2"
    ).content.decode()
    assert len(re.findall(r'<aside class="brief">', only)) == 1
    assert steps["2-2"].paragraphs[3].text[:30] in only
    # a report not carried from another has no briefs
    source_page = client.get(reverse("report-edit", kwargs={"pk": published.pk, "section": "indicators"}))
    assert '<aside class="brief">' not in source_page.content.decode()


# --- the API ------------------------------------------------------------------------------------------


def _api(client: Client, report: Report, user: Any | None) -> Any:
    headers = {"Authorization": f"Bearer {create_token(user)}"} if user is not None else {}
    return client.post(f"/api/reports/{report.pk}/next-cycle", headers=headers)


def test_api_creates_the_draft_then_409_with_the_existing_id(
    client: Client, people: dict[str, Any], published: Report
) -> None:
    response = _api(client, published, people["editor"])
    draft = Report.objects.exclude(pk=published.pk).get()
    assert response.status_code == 201
    assert response.json() == {"id": draft.pk, "revision": 1}
    assert draft.carried_from_id == published.pk
    again = _api(client, published, people["admin"])
    assert again.status_code == 409
    assert again.json() == {
        "detail": "この施策の次の年度の評価書はすでにあります",
        "findings": [],
        "existing": draft.pk,
    }


def test_api_refusals(client: Client, people: dict[str, Any], sample_report: Report) -> None:
    assert _api(client, sample_report, None).status_code == 401
    assert _api(client, sample_report, people["reviewer_other_ministry"]).status_code == 404
    not_published = _api(client, sample_report, people["editor"])
    assert not_published.status_code == 409
    assert not_published.json() == {
        "detail": "公表されていない評価書からは次期の評価書を作成できません",
        "findings": [],
        "existing": None,
    }
    published = _publish(sample_report, people)
    forbidden = _api(client, published, people["viewer"])
    assert forbidden.status_code == 403
    assert forbidden.json()["detail"] == "この評価書から次期の評価書を作成する権限がありません"
    assert Report.objects.count() == 1


# --- the 事前分析表 of the next fiscal year ------------------------------------------------------------


def test_the_next_pre_analysis_is_drafted_on_request(
    client: Client, people: dict[str, Any], published: Report, sample_model: EvaluationReport
) -> None:
    from hyoka.services.cycle import pre_analysis_draft

    client.force_login(people["editor"])
    page = client.get(reverse("report-detail", args=[published.pk])).content.decode()
    assert 'name="document" value="事前分析表">次年度の事前分析表を作成</button>' in page
    response = client.post(reverse("report-next-cycle", args=[published.pk]), {"document": "事前分析表"})
    draft = Report.objects.exclude(pk=published.pk).get()
    assert response.status_code == 302
    assert (draft.kind, draft.evaluation_year, draft.carried_from_id) == ("事前分析表", 2021, published.pk)
    model = storage.load(draft.current_revision)
    assert model == pre_analysis_draft(sample_model).draft
    baseline = model.indicator("1-3").baseline
    assert [(v.value.value, v.inferred_from) for v in baseline] == [
        (26, "令和2年度政策評価書の令和元年度実績値")
    ]
    reasons = list(Revision.objects.filter(report=draft).values_list("reason", flat=True))
    assert reasons == ["外務省 1-I-2 北米地域外交（令和2年度 (2020年度)） から次年度の事前分析表の案を作成"]
    follow = client.get(response["Location"]).content.decode()
    assert "次年度の事前分析表の案を作成しました（版 1）。" in follow


def test_an_unknown_document_choice_is_refused(
    client: Client, people: dict[str, Any], published: Report
) -> None:
    client.force_login(people["editor"])
    response = client.post(
        reverse("report-next-cycle", args=[published.pk]), {"document": "調書"}, follow=True
    )
    assert "作成する文書の種類を選んでください（次年度の評価書または事前分析表）。" in _messages(response)
    assert Report.objects.count() == 1


def test_the_next_report_and_pre_analysis_stand_side_by_side(
    client: Client, people: dict[str, Any], published: Report
) -> None:
    """One document of each kind per measure and year: both drafts of the next cycle are made, and
    the page then links each instead of its button; a second of either kind is refused."""
    client.force_login(people["editor"])
    url = reverse("report-next-cycle", args=[published.pk])
    for document in ("評価書", "事前分析表"):
        assert client.post(url, {"document": document}).status_code == 302
    drafts = Report.objects.exclude(pk=published.pk).order_by("pk")
    assert [(d.kind, d.evaluation_year) for d in drafts] == [("評価書", 2021), ("事前分析表", 2021)]
    page = client.get(reverse("report-detail", args=[published.pk])).content.decode()
    assert "次期の評価書を作成</button>" not in page and "次年度の事前分析表を作成</button>" not in page
    for draft, said in zip(drafts, ("次の年度の評価書", "次年度の事前分析表"), strict=True):
        link = f'<a href="/reports/{draft.pk}/">I-2 北米地域外交（令和3年度 (2021年度)）</a>'
        assert f"この施策の{said}はすでにあります: {link}" in page
    again = client.post(url, {"document": "事前分析表"}, follow=True)
    assert "この施策の次年度の事前分析表はすでにあります。" in again.content.decode()
    assert Report.objects.count() == 3
