"""Every document kind is stored, listed and shown (issue 14): the sample's 調書 alone, imported as
a 政策評価調書, is stored with its kind, reaches the owner's list and page, and keeps its kind
across a new revision."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from hyoka.core import DocumentKind
from hyoka.importers import import_bytes

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "mofa-r2-I-2-hokubei.txt"


@pytest.fixture
def budget_sheet_report(people: dict[str, Any]) -> Any:
    from hyoka.web.reports import storage

    head = "\n".join(SAMPLE.read_text(encoding="utf-8").split("\n")[:27]).encode("utf-8")
    imported = import_bytes(head, name="chousho.txt")
    model = imported.report.model_copy(update={"ministry": "外務省"})
    return storage.create_report(model, people["editor"], "調書の取込", "北米局", findings=imported.findings)


def test_a_budget_sheet_is_stored_with_its_kind(budget_sheet_report: Any) -> None:
    from hyoka.web.reports.models import Report

    stored = Report.objects.get(pk=budget_sheet_report.pk)
    assert (stored.kind, stored.measure_number, stored.title, stored.evaluation_year) == (
        "政策評価調書",
        "",
        "北米地域外交",
        2020,
    )
    assert stored.current_revision.data["kind"] == "政策評価調書"
    assert stored.current_revision.data["schema_version"] == "2"


def test_the_owner_finds_the_budget_sheet_in_the_list_and_on_its_page(
    budget_sheet_report: Any, people: dict[str, Any]
) -> None:
    client = Client()
    client.force_login(people["editor"])
    listing = client.get("/")
    assert listing.status_code == 200
    assert f'href="/reports/{budget_sheet_report.pk}/"' in listing.content.decode()
    page = client.get(f"/reports/{budget_sheet_report.pk}/")
    assert page.status_code == 200
    assert "北米地域外交" in page.content.decode()


def test_a_new_revision_keeps_the_kind_the_document_has(
    budget_sheet_report: Any, sample_model: Any, people: dict[str, Any]
) -> None:
    from hyoka.web.reports import storage
    from hyoka.web.reports.models import Report

    storage.save_revision(budget_sheet_report.pk, 1, sample_model, people["editor"], "評価書を追加")
    assert Report.objects.get(pk=budget_sheet_report.pk).kind == DocumentKind.EVALUATION.value


# --- every kind in the lists, the search and the API (issue 11, issue 14) ---------------------------

PRE_ANALYSIS = SAMPLE.parent / "real" / "mhlw-r7-jizen-I-5-1.txt"


@pytest.fixture
def pre_analysis_report(people: dict[str, Any]) -> Any:
    """The 厚生労働省 事前分析表 of samples/real, stored as it imports (no title of its own: one is
    given, as an editor would)."""
    from hyoka.web.reports import storage

    imported = import_bytes(PRE_ANALYSIS.read_bytes(), name=PRE_ANALYSIS.name)
    model = imported.report.model_copy(update={"title": "ハンセン病対策の推進"})
    return storage.create_report(model, people["editor"], "事前分析表の取込", "医政局")


@pytest.fixture
def every_kind(sample_report: Any, budget_sheet_report: Any, pre_analysis_report: Any) -> dict[str, Any]:
    return {"評価書": sample_report, "政策評価調書": budget_sheet_report, "事前分析表": pre_analysis_report}


def _listed(client: Client, query: str) -> list[int]:
    import re

    page = client.get("/" + query)
    assert page.status_code == 200
    return [
        int(pk) for pk in re.findall(r'<th scope="row"><a href="/reports/(\d+)/">', page.content.decode())
    ]


def test_the_list_shows_each_report_with_its_kind(every_kind: dict[str, Any], people: dict[str, Any]) -> None:
    client = Client()
    client.force_login(people["admin"])
    html = client.get("/").content.decode()
    assert '<th scope="col">文書の種類</th>' in html
    for kind, report in every_kind.items():
        row = html.split(f'<a href="/reports/{report.pk}/">')[0].rsplit("<tr>", 1)[1]
        assert f"<td>{kind}</td>" in row
    assert '<select name="kind" id="id_kind"><option value="" selected>すべて</option>' in html
    assert '<option value="事前分析表">事前分析表</option>' in html


@pytest.mark.parametrize("kind", ["評価書", "政策評価調書", "事前分析表"])
def test_the_list_filters_by_kind(kind: str, every_kind: dict[str, Any], people: dict[str, Any]) -> None:
    client = Client()
    client.force_login(people["admin"])
    assert _listed(client, f"?kind={kind}") == [every_kind[kind].pk]
    html = client.get(f"/?kind={kind}").content.decode()
    assert f'<option value="{kind}" selected>{kind}</option>' in html


def test_the_kind_filter_and_the_search_together(every_kind: dict[str, Any], people: dict[str, Any]) -> None:
    client = Client()
    client.force_login(people["admin"])
    # the sample's title is in the 評価書 and in its 調書 cut from it
    assert sorted(_listed(client, "?q=北米地域外交")) == sorted(
        [every_kind["評価書"].pk, every_kind["政策評価調書"].pk]
    )
    assert _listed(client, "?q=北米地域外交&kind=政策評価調書") == [every_kind["政策評価調書"].pk]
    assert _listed(client, "?q=ハンセン病&kind=事前分析表") == [every_kind["事前分析表"].pk]
    assert _listed(client, "?q=ハンセン病&kind=評価書") == []


def test_an_unknown_kind_is_refused_with_its_error_and_not_applied(
    every_kind: dict[str, Any], people: dict[str, Any]
) -> None:
    client = Client()
    client.force_login(people["admin"])
    assert len(_listed(client, "?kind=報告書")) == 3
    assert 'aria-invalid="true"' in client.get("/?kind=報告書").content.decode()


def test_the_api_lists_and_filters_every_kind(every_kind: dict[str, Any], people: dict[str, Any]) -> None:
    client = Client()
    client.force_login(people["admin"])
    listed = client.get("/api/reports").json()
    assert {item["id"]: item["kind"] for item in listed["items"]} == {
        report.pk: kind for kind, report in every_kind.items()
    }
    for kind, report in every_kind.items():
        answer = client.get("/api/reports", {"kind": kind}).json()
        assert (answer["count"], [item["id"] for item in answer["items"]]) == (1, [report.pk])
    assert client.get("/api/reports", {"kind": "報告書"}).status_code == 422


def test_what_the_other_kinds_hold_is_searched(every_kind: dict[str, Any], people: dict[str, Any]) -> None:
    from hyoka.web.reports.models import SearchText

    client = Client()
    client.force_login(people["admin"])
    # a 達成手段 of the 事前分析表, a 事項 of the 調書: in no narrative, found all the same
    assert _listed(client, "?q=予防接種事故救済給付費") == [every_kind["事前分析表"].pk]
    assert _listed(client, "?q=外交に必要な経費&kind=政策評価調書") == [every_kind["政策評価調書"].pk]
    assert sorted(_listed(client, "?q=外交に必要な経費")) == sorted(
        [every_kind["評価書"].pk, every_kind["政策評価調書"].pk]  # the 評価書 holds its 調書 too
    )
    text = SearchText.objects.get(report=every_kind["事前分析表"]).text
    assert "国立健康危機管理研究機構運営費交付金\n" in text
