"""One report per ministry, measure and evaluation year, whatever the way in: a second import of
the same report is refused (409 on the API, a message on the page, a failed file in a bulk
import), or becomes a new revision of it when the person chooses so explicitly."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from hyoka.core import DocumentKind, EvaluationReport
from hyoka.web.reports import storage
from hyoka.web.reports.models import FindingFact, Report, Revision

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "mofa-r2-I-2-hokubei.txt"

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _preview(client: Client) -> tuple[str, dict[str, str]]:
    """Upload the sample; the preview page and its save form's hidden fields."""
    upload = SimpleUploadedFile(SAMPLE.name, SAMPLE.read_bytes(), content_type="text/plain")
    uploaded = client.post(reverse("report-import"), {"file": upload})
    assert uploaded.status_code == 302
    page = client.get(uploaded["Location"]).content.decode()
    fields = dict(re.findall(r'<input type="hidden" name="(token|digest)" value="([^"]*)"', page))
    return page, fields


def test_storage_refuses_a_second_report_of_the_same_measure_and_year(
    sample_report: Report, sample_model: EvaluationReport, people: dict[str, Any]
) -> None:
    with pytest.raises(storage.DuplicateReport) as refused:
        storage.create_report(sample_model, people["editor"], "二度目")
    assert refused.value.existing.pk == sample_report.pk
    assert Report.objects.count() == 1
    other_year = sample_model.model_copy(update={"evaluation_year": 2021})
    assert storage.create_report(other_year, people["editor"], "次年度").evaluation_year == 2021


def test_documents_of_another_kind_stand_beside_the_report(
    sample_report: Report, sample_model: EvaluationReport, people: dict[str, Any]
) -> None:
    """A measure's 評価書 and the 事前分析表 (or a 調書 filed alone) of the same measure and year are
    different documents: each is stored once, and only a second of the same kind is refused."""
    kinds = [DocumentKind.PRE_ANALYSIS, DocumentKind.BUDGET_SHEET]
    stored = [
        storage.create_report(sample_model.model_copy(update={"kind": kind}), people["editor"], str(kind))
        for kind in kinds
    ]
    assert [(r.kind, r.measure_number, r.evaluation_year) for r in stored] == [
        ("事前分析表", "I-2", 2020),
        ("政策評価調書", "I-2", 2020),
    ]
    with pytest.raises(storage.DuplicateReport) as refused:
        storage.create_report(sample_model.model_copy(update={"kind": kinds[0]}), people["editor"], "二度目")
    assert refused.value.existing.pk == stored[0].pk
    assert Report.objects.count() == 3
    assert storage.same_report("外務省", "I-2", 2020, "評価書") == sample_report


def test_the_page_refuses_a_new_report_and_offers_a_new_revision(
    sample_report: Report, people: dict[str, Any]
) -> None:
    client = _client(people["editor"])
    page, fields = _preview(client)
    assert "同じ府省・施策番号・評価年度・種類の文書が既にあります" in page
    assert f'<a href="/reports/{sample_report.pk}/">#{sample_report.pk} 北米地域外交</a>' in page
    assert f'name="revise" value="{sample_report.pk}"' in page and 'name="save"' not in page
    # a plain save (an old page, a hand-made request) is refused, nothing written
    refused = client.post(reverse("report-import-save"), fields | {"save": "1"})
    assert refused.status_code == 409
    assert [str(m) for m in refused.context["messages"]] == [
        "同じ府省・施策番号・評価年度・種類の文書が既にあるため、新しい文書としては保存できません。"
        "既存の評価書の新しい版として保存するか、取り消してください。"
    ]
    assert (Report.objects.count(), Revision.objects.count()) == (1, 1)
    # the explicit choice: a new revision of the stored report, with the import's findings kept
    revised = client.post(reverse("report-import-save"), fields | {"revise": str(sample_report.pk)})
    assert (revised.status_code, revised["Location"]) == (302, f"/reports/{sample_report.pk}/")
    revision = Revision.objects.get(report=sample_report, number=2)
    assert (revision.reason, revision.author) == (f"取込: {SAMPLE.name}", people["editor"])
    assert Report.objects.count() == 1
    codes = set(FindingFact.objects.filter(report=sample_report).values_list("code", flat=True))
    assert {"H902", "H904", "H301"} <= codes


def test_a_new_revision_needs_the_right_to_edit_the_stored_report(
    sample_report: Report, people: dict[str, Any]
) -> None:
    """An editor of another bureau of the ministry may import 外務省 reports, but not revise a
    draft of 北米局 (which they cannot even see)."""
    client = _client(people["editor_other_bureau"])
    page, fields = _preview(client)
    assert "（閲覧できない評価書）" in page and "北米地域外交</a>" not in page
    assert 'name="revise"' not in page and 'name="save"' not in page
    assert client.post(reverse("report-import-save"), fields | {"save": "1"}).status_code == 409
    forced = client.post(reverse("report-import-save"), fields | {"revise": str(sample_report.pk)})
    assert forced.status_code == 403
    assert (Report.objects.count(), Revision.objects.count()) == (1, 1)


def _api_upload(user: Any, query: str = "") -> Any:
    from hyoka.web.auth import create_token

    stream = io.BytesIO(SAMPLE.read_bytes())
    stream.name = SAMPLE.name
    headers = {"Authorization": f"Bearer {create_token(user)}"}
    return Client().post(f"/api/reports/import{query}", {"file": stream}, headers=headers)


def test_the_api_refuses_a_second_import_or_makes_it_a_new_revision(
    sample_report: Report, people: dict[str, Any]
) -> None:
    refused = _api_upload(people["editor"])
    assert refused.status_code == 409
    assert refused.json() == {
        "detail": "同じ府省・施策番号・評価年度・種類の文書が既にあります。"
        "その評価書の新しい版にするには ?existing=revise を付けて送り直してください",
        "findings": [],
        "existing": sample_report.pk,
    }
    assert (Report.objects.count(), Revision.objects.count()) == (1, 1)
    revised = _api_upload(people["editor"], "?existing=revise")
    assert revised.status_code == 201
    assert (revised.json()["id"], revised.json()["revision"]) == (sample_report.pk, 2)
    assert Revision.objects.get(report=sample_report, number=2).reason == f"取込: {SAMPLE.name}"
    # with nothing stored, ?existing=revise simply creates the report
    Report.objects.filter(pk=sample_report.pk).update(evaluation_year=2019)
    created = _api_upload(people["editor"], "?existing=revise")
    assert (created.status_code, created.json()["revision"]) == (201, 1)
    assert Report.objects.count() == 2


def test_the_api_does_not_show_a_report_the_caller_cannot_see(
    sample_report: Report, people: dict[str, Any]
) -> None:
    refused = _api_upload(people["editor_other_bureau"])
    assert (refused.status_code, refused.json()["existing"]) == (409, None)
    forced = _api_upload(people["editor_other_bureau"], "?existing=revise")
    assert forced.status_code == 409
    assert (
        forced.json()["detail"] == "同じ府省・施策番号・評価年度・種類の文書が既にありますが、閲覧できません"
    )
    assert Revision.objects.count() == 1


def test_a_bulk_import_refuses_it_too(sample_report: Report, people: dict[str, Any], tmp_path: Path) -> None:
    from hyoka.web.reports.bulk import BulkImport, SourceFile

    copy = tmp_path / SAMPLE.name
    copy.write_bytes(SAMPLE.read_bytes())
    events: list[Any] = []
    BulkImport([SourceFile(str(copy), copy.name)], user=people["admin"], jobs=1, on_event=events.append).run()
    assert [(e.outcome.value, e.report_id) for e in events] == [("failed", sample_report.pk)]
    assert Report.objects.count() == 1
