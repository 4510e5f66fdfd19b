"""Every way in refuses, with the same reason and before writing anything, what the workspace
cannot store beyond the document model: a text longer than its column, a number too large for
the decimal columns, a NUL character (PostgreSQL stores none). On PostgreSQL these used to end in a
500 on the import, the edit pages and the API."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from hyoka.core import EvaluationReport
from hyoka.web.auth import create_token
from hyoka.web.reports import storage
from hyoka.web.reports.models import Report, Revision
from hyoka.web.reports.storable import MAX_CELL_VALUE, problems

pytestmark = pytest.mark.django_db

LONG_TITLE = "北米" * 150 + "外交"  # 302 characters


def _json_file(model: EvaluationReport) -> bytes:
    return json.dumps(model.model_dump(mode="json"), ensure_ascii=False).encode("utf-8")


def test_the_problems_of_a_report(sample_model: EvaluationReport) -> None:
    model = sample_model.model_copy(deep=True)
    model.title = LONG_TITLE
    model.areas[0].outline[0].text = "概要\x00"
    model.budget.years[0].initial = model.budget.years[0].initial.model_copy(
        update={"value": Decimal(MAX_CELL_VALUE)}
    )
    found = problems(model)
    assert [(p.path, p.kind, p.limit) for p in found] == [
        (("title",), "string_too_long", 300),
        (("budget", "years", 0, "initial", "value"), "cell_too_large", MAX_CELL_VALUE),
        (("areas", 0, "outline", 0, "text"), "string_nul", None),
    ]
    assert [p.message for p in found] == [
        f"施策名が長すぎます（{LONG_TITLE[:20]}…: 302 文字、上限 300 文字）",
        "数値が大きすぎます（100,000,000,000,000,000。絶対値は 10 の 17 乗未満）",
        "NUL 文字（U+0000）は保存できません（/areas/0/outline/0/text）",
    ]
    assert problems(sample_model) == []


def test_storage_writes_nothing_it_cannot_store(
    sample_report: Report, sample_model: EvaluationReport, people: dict[str, Any]
) -> None:
    model = sample_model.model_copy(deep=True)
    model.areas[0].indicators[0].id = "1-" + "1234567890" * 6 + "123"  # 65 characters, the column has 64
    with pytest.raises(storage.NotStorable) as refused:
        storage.save_revision(sample_report.pk, 1, model, people["editor"], "長い番号")
    assert str(refused.value) == "測定指標の番号が長すぎます（1-123456789012345678…: 65 文字、上限 64 文字）"
    assert Revision.objects.count() == 1
    other = model.model_copy(update={"evaluation_year": 2030})
    with pytest.raises(storage.NotStorable):
        storage.create_report(other, people["editor"], "長い番号")
    assert Report.objects.count() == 1


def test_the_api_import_answers_422(people: dict[str, Any], sample_model: EvaluationReport) -> None:
    model = sample_model.model_copy(update={"title": LONG_TITLE})
    stream = io.BytesIO(_json_file(model))
    stream.name = "long.json"
    headers = {"Authorization": f"Bearer {create_token(people['editor'])}"}
    response = Client().post("/api/reports/import", {"file": stream}, headers=headers)
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == (
        f"この評価書は保存できません: 施策名が長すぎます（{LONG_TITLE[:20]}…: 302 文字、上限 300 文字）"
    )
    assert [(f["code"], f["location"]) for f in body["findings"]] == [(None, "/title")]
    assert Report.objects.count() == 0


def test_the_import_page_refuses_it_before_the_preview(
    people: dict[str, Any], sample_model: EvaluationReport
) -> None:
    model = sample_model.model_copy(update={"title": LONG_TITLE})
    client = Client()
    client.force_login(people["editor"])
    upload = SimpleUploadedFile("long.json", _json_file(model), content_type="application/json")
    response = client.post(reverse("report-import"), {"file": upload})
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        f"施策名が長すぎます（{LONG_TITLE[:20]}…: 302 文字、上限 300 文字）"
    ]
    assert Report.objects.count() == 0
