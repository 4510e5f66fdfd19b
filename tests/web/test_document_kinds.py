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
