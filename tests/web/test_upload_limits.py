"""The limits on input on the web: an upload past one of them is a 413 with a one-line JSON error on the
API and a form error (Japanese, or English when English is chosen) on the import page; an upload that
takes too long or too much memory is stopped by the budget (``HYOKA_IMPORT_SECONDS``,
``HYOKA_IMPORT_MEMORY_MB``) the same way. Nothing is stored."""

from __future__ import annotations

import io
import json
import time
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from hostile_files import DEEP, xfd_workbook
from hyoka.core import EvaluationReport
from hyoka.services import ImportResult
from hyoka.services import upload as upload_module
from hyoka.web.auth import create_token
from hyoka.web.reports.models import Report

pytestmark = pytest.mark.django_db


def window_json(model: EvaluationReport, years: int) -> bytes:
    data = json.loads(model.model_dump_json())
    data["window"] = [2019] * years
    return json.dumps(data, ensure_ascii=False).encode()


def api_upload(client: Client, user: Any, data: bytes, name: str) -> Any:
    stream = io.BytesIO(data)
    stream.name = name
    return client.post(
        "/api/reports/import", {"file": stream}, headers={"Authorization": f"Bearer {create_token(user)}"}
    )


def assert_413(response: Any, detail: str) -> None:
    assert response.status_code == 413, response.content
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == {"detail": detail, "findings": []}
    assert Report.objects.count() == 0


def test_the_budget_settings() -> None:
    assert (django_settings.HYOKA_IMPORT_SECONDS, django_settings.HYOKA_IMPORT_MEMORY_MB) == (20.0, 1536)


# --- the API -----------------------------------------------------------------------------------------


def test_api_json_nested_100000_deep_is_413(client: Client, people: dict[str, Any]) -> None:
    response = api_upload(client, people["editor"], DEEP, "deep.json")
    assert_413(response, "deep.json: JSON の入れ子が深すぎます（100,000 段、上限 64 段）")


def test_api_xlsx_with_a_cell_in_column_xfd_on_200000_rows_is_413(
    client: Client, people: dict[str, Any]
) -> None:
    response = api_upload(client, people["editor"], xfd_workbook(200_000), "xfd.xlsx")
    assert_413(
        response, "xfd.xlsx: Excel（xlsx）の xl/worksheets/sheet1.xml の行が多すぎます（上限 20,000 行）"
    )


def test_api_window_of_60000_years_is_413(
    client: Client, people: dict[str, Any], sample_model: EvaluationReport
) -> None:
    response = api_upload(client, people["editor"], window_json(sample_model, 60_000), "w.json")
    assert_413(response, "w.json: /window の要素が多すぎます（60,000 個、上限 50 個）")


def slow(data: bytes, *, name: str) -> ImportResult:
    time.sleep(30)
    raise AssertionError("not killed")


def test_api_upload_out_of_time_is_413(
    client: Client,
    people: dict[str, Any],
    sample_bytes: bytes,
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings.HYOKA_IMPORT_SECONDS = 0.5
    monkeypatch.setattr(upload_module, "import_bytes", slow)
    started = time.monotonic()
    response = api_upload(client, people["editor"], sample_bytes, "slow.txt")
    assert time.monotonic() - started < 5
    assert_413(response, "slow.txt: 読み込みが制限時間（0.5 秒）内に終わりませんでした")


def greedy(data: bytes, *, name: str) -> ImportResult:
    hoard = bytearray(512 * 1024 * 1024)
    raise AssertionError(f"allocated {len(hoard)}")


def test_api_upload_out_of_memory_is_413(
    client: Client,
    people: dict[str, Any],
    sample_bytes: bytes,
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings.HYOKA_IMPORT_MEMORY_MB = 64
    monkeypatch.setattr(upload_module, "import_bytes", greedy)
    response = api_upload(client, people["editor"], sample_bytes, "big.txt")
    assert_413(response, "big.txt: 読み込みに必要なメモリが上限（64 MiB）を超えました")


def test_api_upload_within_the_limits_is_stored(
    client: Client, people: dict[str, Any], sample_bytes: bytes
) -> None:
    response = api_upload(client, people["editor"], sample_bytes, "s.txt")
    assert response.status_code == 201, response.content
    assert [f["code"] for f in response.json()["findings"]] == ["H904", "H904", "H902"]
    assert Report.objects.count() == 1


# --- the import page ---------------------------------------------------------------------------------


def page_upload(user: Any, data: bytes, name: str, lang: str = "ja") -> Any:
    client = Client()
    client.force_login(user)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = lang
    return client.post(reverse("report-import"), {"file": SimpleUploadedFile(name, data)})


def test_import_page_shows_the_limit_in_japanese(people: dict[str, Any]) -> None:
    response = page_upload(people["editor"], DEEP, "deep.json")
    assert response.status_code == 400
    message = "deep.json: JSON の入れ子が深すぎます（100,000 段、上限 64 段）"
    assert response.context["form"].errors["file"] == [message]
    assert message in response.content.decode()
    assert Report.objects.count() == 0


def test_import_page_shows_the_limit_in_english(
    people: dict[str, Any], sample_model: EvaluationReport
) -> None:
    response = page_upload(people["editor"], window_json(sample_model, 15_000), "w.json", lang="en")
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "w.json: too many entries in /window (15,000, limit 50)"
    ]
    assert Report.objects.count() == 0


def test_import_page_out_of_time(
    people: dict[str, Any], sample_bytes: bytes, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.HYOKA_IMPORT_SECONDS = 0.5
    monkeypatch.setattr(upload_module, "import_bytes", slow)
    response = page_upload(people["editor"], sample_bytes, "slow.txt")
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "slow.txt: 読み込みが制限時間（0.5 秒）内に終わりませんでした"
    ]


# --- the bulk import ---------------------------------------------------------------------------------


def test_bulk_import_reports_a_limit_as_the_files_one_line_problem(tmp_path: Any) -> None:
    from hyoka.web.reports.bulk import Problem, SourceFile, prepare

    path = tmp_path / "deep.json"
    path.write_bytes(DEEP)
    prepared = prepare(SourceFile(str(path), "deep.json"))
    assert prepared.new is None
    assert prepared.problem == Problem(
        "評価書として読み込めません: JSON の入れ子が深すぎます（100,000 段、上限 64 段）",
        "not an evaluation report: JSON nested too deeply (100,000 levels, limit 64)",
    )
