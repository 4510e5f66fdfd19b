"""The REST API end to end through Django's test client: auth, visibility, import, revisions with
optimistic locking, the workflow, checks and exports, and the error shape."""

from __future__ import annotations

import io
import json
import logging
import re
import zipfile
from typing import Any

import pytest
from django.test import Client

from hyoka.core import EvaluationReport
from hyoka.services import check_report_result
from hyoka.web.api import SWAGGER_VERSION
from hyoka.web.auth import create_token, digest
from hyoka.web.reports import storage
from hyoka.web.reports.middleware import POLICY
from hyoka.web.reports.models import ApiToken, FindingFact, Report, Revision

pytestmark = pytest.mark.django_db

SAMPLE_NAME = "mofa-r2-I-2-hokubei.txt"


def bearer(user: Any) -> dict[str, str]:
    return {"Authorization": f"Bearer {create_token(user)}"}


def post_json(client: Client, url: str, payload: Any, headers: dict[str, str] | None = None) -> Any:
    return client.post(url, data=json.dumps(payload), content_type="application/json", headers=headers or {})


def upload(
    client: Client, data: bytes, name: str = SAMPLE_NAME, headers: dict[str, str] | None = None
) -> Any:
    stream = io.BytesIO(data)
    stream.name = name
    return client.post("/api/reports/import", {"file": stream}, headers=headers or {})


def publish(report: Report, people: dict[str, Any]) -> None:
    storage.transition(report.pk, "submit", people["editor"])
    storage.transition(report.pk, "approve", people["reviewer"])
    storage.transition(report.pk, "publish", people["reviewer"])


def assert_error(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json; charset=utf-8"
    body: dict[str, Any] = response.json()
    assert isinstance(body["detail"], str)
    assert "\n" not in body["detail"]
    assert isinstance(body["findings"], list)
    return body


# --- OpenAPI ---------------------------------------------------------------------------------------


def test_openapi_document_lists_every_endpoint(client: Client) -> None:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    doc = response.json()
    operations = {(path, method) for path, item in doc["paths"].items() for method in item}
    assert operations == {
        ("/api/reports", "get"),
        ("/api/reports/import", "post"),
        ("/api/reports/{id}", "get"),
        ("/api/reports/{id}", "delete"),
        ("/api/reports/{id}/revisions", "post"),
        ("/api/reports/{id}/transitions", "post"),
        ("/api/reports/{id}/sharing", "post"),
        ("/api/reports/{id}/check", "get"),
        ("/api/reports/{id}/export.{fmt}", "get"),
        ("/api/reports/{id}/next-cycle", "post"),
        ("/api/reports/{id}/across-years", "get"),
        ("/api/portfolio", "get"),
        ("/api/portfolio/audit/{kind}", "get"),
    }
    assert all("422" in item[method]["responses"] for path, item in doc["paths"].items() for method in item)
    revisions = doc["paths"]["/api/reports/{id}/revisions"]["post"]
    assert set(revisions["responses"]) == {"201", "400", "401", "403", "404", "409", "413", "422"}
    transitions = doc["paths"]["/api/reports/{id}/transitions"]["post"]
    assert set(transitions["responses"]) == {"200", "400", "401", "403", "404", "409", "413", "422"}
    assert revisions["security"] == [{"BearerToken": []}, {"SessionCookie": []}]
    assert doc["paths"]["/api/reports"]["get"]["security"] == [{"BearerToken": []}, {"SessionCookie": []}, {}]
    assert doc["components"]["securitySchemes"]["BearerToken"] == {"type": "http", "scheme": "bearer"}
    upload_body = doc["paths"]["/api/reports/import"]["post"]["requestBody"]["content"]
    assert upload_body["multipart/form-data"]["schema"]["required"] == ["file"]
    export = doc["paths"]["/api/reports/{id}/export.{fmt}"]["get"]["parameters"]
    assert next(p for p in export if p["name"] == "fmt")["schema"]["enum"] == [
        "html",
        "pdf",
        "xlsx",
        "csv",
        "json",
        "text",
    ]
    exported = doc["paths"]["/api/reports/{id}/export.{fmt}"]["get"]["responses"]["200"]["content"]
    binary = {"schema": {"type": "string", "format": "binary"}}
    assert exported == {
        "text/html": {"schema": {"type": "string"}},
        "text/plain": {"schema": {"type": "string"}},
        "application/pdf": binary,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": binary,
        "application/zip": binary,
        "application/json": {"schema": {"$ref": "#/components/schemas/EvaluationReport"}},
    }
    assert "EvaluationReport" in doc["components"]["schemas"]
    assert "日本語全文検索".encode() in response.content  # ensure_ascii off


# --- list and search -------------------------------------------------------------------------------


def test_search_finds_the_sample_once_published_and_anonymous_sees_no_draft(
    client: Client, sample_report: Report, people: dict[str, Any]
) -> None:
    assert client.get("/api/reports", {"q": "日米"}).json() == {"count": 0, "items": []}
    assert client.get("/api/reports").json()["count"] == 0

    mine = client.get("/api/reports", {"q": "日米"}, headers=bearer(people["editor"])).json()
    assert [(i["id"], i["status"], i["revision"]) for i in mine["items"]] == [(sample_report.pk, "draft", 1)]

    publish(sample_report, people)
    response = client.get("/api/reports", {"q": "日米"})
    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "items": [
            {
                "id": sample_report.pk,
                "kind": "評価書",
                "ministry": "外務省",
                "bureau": "北米局",
                "measure_number": "I-2",
                "evaluation_year": 2020,
                "title": "北米地域外交",
                "judgment": sample_report.judgment,
                "status": "published",
                "revision": 1,
                "updated_at": Report.objects.get(pk=sample_report.pk).updated_at.isoformat(),
            }
        ],
    }
    assert "北米地域外交".encode() in response.content  # Japanese written as is
    assert client.get("/api/reports", {"q": "存在しない語句"}).json()["count"] == 0
    assert client.get("/api/reports", {"q": "日米安保 北米"}).json()["count"] == 1
    assert client.get("/api/reports", {"q": "日米安保 存在しない語句"}).json()["count"] == 0
    # what people type: full-width, half-width kana, a year in any writing, a bureau's name
    for q in ("ＴＰＰ", "ｶﾅﾀﾞ", "令和2年度", "R2 日米", "2020年度", "北米局"):
        assert client.get("/api/reports", {"q": q}).json()["count"] == 1, q
    assert client.get("/api/reports", {"q": "令和元年度 日米"}).json()["count"] == 0
    assert client.get("/api/reports", {"ministry": "財務省"}).json()["count"] == 0
    assert client.get("/api/reports", {"ministry": "外務省", "fiscal_year": 2020}).json()["count"] == 1
    assert client.get("/api/reports", {"fiscal_year": 2019}).json()["count"] == 0
    assert client.get("/api/reports", {"status": "draft"}).json()["count"] == 0
    assert client.get("/api/reports", {"status": "published"}).json()["count"] == 1


def test_list_shows_drafts_by_scope(client: Client, sample_report: Report, people: dict[str, Any]) -> None:
    seen = {
        name: client.get("/api/reports", headers=bearer(user)).json()["count"]
        for name, user in people.items()
    }
    assert seen == {
        "editor": 1,
        "editor_other_bureau": 0,
        "reviewer": 1,
        "expert": 0,
        "viewer": 0,
        "admin": 1,
        "editor_other_ministry": 0,
        "reviewer_other_ministry": 0,
    }


def test_bad_query_parameters_are_422_in_the_error_shape(client: Client) -> None:
    body = assert_error(client.get("/api/reports", {"fiscal_year": "令和2", "limit": 0}), 422)
    assert [(f["code"], f["location"], f["context"]["in"]) for f in body["findings"]] == [
        (None, "/fiscal_year", "query"),
        (None, "/limit", "query"),
    ]


# --- auth ------------------------------------------------------------------------------------------


def test_tokens_are_stored_as_digests_and_bad_tokens_are_refused(
    client: Client, sample_report: Report, people: dict[str, Any]
) -> None:
    token = create_token(people["editor"])
    stored = ApiToken.objects.get(user=people["editor"])
    assert stored.digest == digest(token) != token
    assert stored.last_used_at is None
    response = client.get(f"/api/reports/{sample_report.pk}", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    stored.refresh_from_db()
    assert stored.last_used_at is not None

    bad = assert_error(client.get("/api/reports", headers={"Authorization": "Bearer nope"}), 401)
    assert bad["findings"] == []
    people["editor"].is_active = False
    people["editor"].save()
    response = client.get(f"/api/reports/{sample_report.pk}", headers={"Authorization": f"Bearer {token}"})
    assert_error(response, 401)


def test_anonymous_writes_are_401(client: Client, sample_report: Report, sample_bytes: bytes) -> None:
    url = f"/api/reports/{sample_report.pk}"
    responses = [
        upload(client, sample_bytes),
        post_json(client, f"{url}/transitions", {"action": "submit"}),
        post_json(client, f"{url}/revisions", {"base_revision": 1, "reason": "x", "report": {}}),
    ]
    for response in responses:
        assert_error(response, 401)
        assert response["WWW-Authenticate"] == 'Bearer realm="hyoka"'
    assert Report.objects.count() == 1
    assert Report.objects.get(pk=sample_report.pk).status == "draft"


def test_session_writes_need_the_csrf_token(sample_report: Report, people: dict[str, Any]) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(people["editor"])
    url = f"/api/reports/{sample_report.pk}"
    assert browser.get(url).status_code == 200
    refused = assert_error(post_json(browser, f"{url}/transitions", {"action": "submit"}), 403)
    assert "CSRF" in refused["detail"]
    assert Report.objects.get(pk=sample_report.pk).status == "draft"

    token = "x" * 32  # a CSRF secret, as the cookie the pages set
    browser.cookies["csrftoken"] = token
    accepted = post_json(browser, f"{url}/transitions", {"action": "submit"}, headers={"X-CSRFToken": token})
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["status"] == "submitted"


# --- import ----------------------------------------------------------------------------------------


def test_import_with_a_token_creates_revision_one_with_the_import_findings(
    client: Client, people: dict[str, Any], sample_bytes: bytes
) -> None:
    response = upload(client, sample_bytes, headers=bearer(people["editor"]))
    assert response.status_code == 201, response.content
    body = response.json()
    report = Report.objects.get()
    assert (body["id"], body["revision"]) == (report.pk, 1)
    assert [f["code"] for f in body["findings"]] == ["H904", "H904", "H902"]
    assert body["findings"][2]["location"] == "/areas/0/indicators/4/years"
    assert (report.ministry.name, report.bureau.name if report.bureau else None) == ("外務省", "北米局")
    revision = Revision.objects.get(report=report)
    assert (revision.number, revision.author, revision.reason) == (
        1,
        people["editor"],
        f"取込: {SAMPLE_NAME}",
    )
    stored = FindingFact.objects.filter(report=report, code__startswith="H9").order_by("id")
    assert [f.code for f in stored] == ["H904", "H904", "H902"]


def test_import_goes_to_the_editors_bureau(
    client: Client, people: dict[str, Any], sample_bytes: bytes
) -> None:
    response = upload(client, sample_bytes, headers=bearer(people["editor_other_bureau"]))
    assert response.status_code == 201, response.content
    assert Report.objects.get().bureau.name == "欧州局"


def test_import_refusals(client: Client, people: dict[str, Any], sample_bytes: bytes, settings: Any) -> None:
    body = assert_error(upload(client, sample_bytes, headers=bearer(people["viewer"])), 403)
    assert body["findings"] == []
    assert_error(upload(client, sample_bytes, headers=bearer(people["reviewer"])), 403)
    other = assert_error(upload(client, sample_bytes, headers=bearer(people["editor_other_ministry"])), 403)
    assert "外務省" in other["detail"]

    editor = bearer(people["editor"])
    junk = assert_error(upload(client, b"\x00\x01\x02" * 100, name="junk.bin", headers=editor), 422)
    assert junk == {
        "detail": "評価書として読み込めません: junk.bin: テキストではなくバイナリデータです",
        "findings": [],
    }
    missing = assert_error(client.post("/api/reports/import", {"other": "x"}, headers=editor), 422)
    assert "file" in missing["detail"]

    settings.HYOKA_MAX_UPLOAD = 1000
    too_large = assert_error(upload(client, sample_bytes, headers=editor), 413)
    assert too_large["detail"] == "ファイルが大きすぎます（上限 1000 バイト）"
    assert_error(upload(client, sample_bytes[:1001], headers=editor), 413)  # by the file's own size
    assert Report.objects.count() == 0


def test_admin_imports_into_the_documents_bureau(
    client: Client, people: dict[str, Any], sample_bytes: bytes
) -> None:
    response = upload(client, sample_bytes, headers=bearer(people["admin"]))
    assert response.status_code == 201, response.content
    assert Report.objects.get().bureau.name == "北米局"


# --- read ------------------------------------------------------------------------------------------


def test_get_by_id_and_by_revision(
    client: Client, sample_report: Report, people: dict[str, Any], sample_model: EvaluationReport
) -> None:
    url = f"/api/reports/{sample_report.pk}"
    editor = bearer(people["editor"])
    expected = {
        "id": sample_report.pk,
        "revision": 1,
        "status": "draft",
        "report": sample_model.model_dump(mode="json"),
    }
    response = client.get(url, headers=editor)
    assert response.status_code == 200
    assert response.json() == expected
    assert "北米地域外交".encode() in response.content
    assert {"Authorization", "Cookie"} <= {v.strip() for v in response["Vary"].split(",")}
    assert client.get(url, {"revision": 1}, headers=editor).json() == expected
    assert_error(client.get(url, {"revision": 2}, headers=editor), 404)
    assert_error(client.get(url, {"revision": 0}, headers=editor), 422)
    assert_error(client.get("/api/reports/999999", headers=editor), 404)


def test_a_draft_does_not_exist_for_those_who_may_not_see_it(
    client: Client, sample_report: Report, people: dict[str, Any]
) -> None:
    url = f"/api/reports/{sample_report.pk}"
    assert_error(client.get(url), 404)
    for name in ("viewer", "editor_other_bureau", "editor_other_ministry", "reviewer_other_ministry"):
        headers = bearer(people[name])
        assert_error(client.get(url, headers=headers), 404)
        assert_error(client.get(f"{url}/check", headers=headers), 404)
        assert_error(client.get(f"{url}/export.json", headers=headers), 404)
        assert_error(post_json(client, f"{url}/transitions", {"action": "approve"}, headers=headers), 404)
    assert client.get(url, headers=bearer(people["reviewer"])).status_code == 200


def test_the_public_reads_the_published_revision_while_a_correction_is_drafted(
    client: Client, sample_report: Report, people: dict[str, Any], sample_model: EvaluationReport
) -> None:
    publish(sample_report, people)
    corrected = sample_model.model_copy(deep=True)
    corrected.title = "北米地域外交（訂正中）"
    storage.save_revision(sample_report.pk, 1, corrected, people["editor"], "公表後の訂正")
    url = f"/api/reports/{sample_report.pk}"

    public = client.get(url).json()
    assert (public["revision"], public["status"], public["report"]["title"]) == (
        1,
        "published",
        "北米地域外交",
    )
    assert_error(client.get(url, {"revision": 2}), 404)
    assert client.get(f"{url}/export.json").json()["title"] == "北米地域外交"

    own = client.get(url, headers=bearer(people["editor"])).json()
    assert (own["revision"], own["status"], own["report"]["title"]) == (2, "draft", "北米地域外交（訂正中）")


# --- revisions -------------------------------------------------------------------------------------


def test_save_a_revision_then_a_stale_save_is_409_and_loses_nothing(
    client: Client, sample_report: Report, people: dict[str, Any], sample_model: EvaluationReport
) -> None:
    url = f"/api/reports/{sample_report.pk}"
    mine = sample_model.model_dump(mode="json")
    mine["title"] = "北米地域外交（修正）"
    saved = post_json(
        client,
        f"{url}/revisions",
        {"base_revision": 1, "reason": "題名の修正", "report": mine},
        headers=bearer(people["editor"]),
    )
    assert saved.status_code == 201, saved.content
    assert saved.json() == {"id": sample_report.pk, "revision": 2, "status": "draft"}

    theirs = sample_model.model_dump(mode="json")
    theirs["title"] = "古い版に基づく題名"
    stale = post_json(
        client,
        f"{url}/revisions",
        {"base_revision": 1, "reason": "古い版からの修正", "report": theirs},
        headers=bearer(people["admin"]),
    )
    body = assert_error(stale, 409)
    newer = Revision.objects.get(report=sample_report, number=2)
    assert (body["current_revision"], body["author"], body["created_at"]) == (
        2,
        "editor",
        newer.created_at.isoformat(),
    )
    assert "editor" in body["detail"]
    assert newer.created_at.isoformat() in body["detail"]

    after = client.get(url, headers=bearer(people["editor"])).json()
    assert (after["revision"], after["report"]["title"]) == (2, "北米地域外交（修正）")
    assert Revision.objects.filter(report=sample_report).count() == 2


def test_an_invalid_report_is_422_with_json_pointers(
    client: Client, sample_report: Report, people: dict[str, Any], sample_model: EvaluationReport
) -> None:
    data = sample_model.model_dump(mode="json")
    data["evaluation_year"] = "令和2年度"
    response = post_json(
        client,
        f"/api/reports/{sample_report.pk}/revisions",
        {"base_revision": 1, "reason": " ", "report": data},
        headers=bearer(people["editor"]),
    )
    body = assert_error(response, 422)
    assert [(f["code"], f["severity"], f["location"]) for f in body["findings"]] == [
        (None, "error", "/reason"),
        (None, "error", "/report/evaluation_year"),
    ]
    blank = "空白以外の文字が必要です（NUL 文字（U+0000）は使えません）"
    assert body["detail"] == f"入力が正しくありません（2 件。最初は 理由（reason）: {blank}）"
    assert [f["message"] for f in body["findings"]] == [blank, "整数でなければなりません"]
    assert body["findings"][1]["message_en"] == (
        "invalid input: Input should be a valid integer, unable to parse string as an integer"
    )
    assert Revision.objects.filter(report=sample_report).count() == 1


def test_a_blank_reason_is_refused_as_the_schema_says(
    client: Client, sample_report: Report, people: dict[str, Any], sample_model: EvaluationReport
) -> None:
    """Blank is what ``str.strip`` removes (a form feed too, as the contract test once sent): the schema's
    pattern says so, so a request the schema allows is never refused for its reason."""
    from hyoka.web.api import NOT_BLANK_TEXT

    url = f"/api/reports/{sample_report.pk}/revisions"
    schema = client.get("/api/openapi.json").json()["components"]["schemas"]["RevisionIn"]
    assert schema["properties"]["reason"]["pattern"] == NOT_BLANK_TEXT
    data = sample_model.model_dump(mode="json")
    for reason in ("\f", "\u3000 \x1c", "\x85"):
        body = assert_error(
            post_json(
                client,
                url,
                {"base_revision": 1, "reason": reason, "report": data},
                headers=bearer(people["editor"]),
            ),
            422,
        )
        assert [(f["location"], f["context"]["type"]) for f in body["findings"]] == [
            ("/reason", "string_pattern_mismatch")
        ]
    saved = post_json(
        client,
        url,
        {"base_revision": 1, "reason": "\f 修正 \u3000", "report": data},
        headers=bearer(people["editor"]),
    )
    assert saved.status_code == 201
    assert Revision.objects.get(report=sample_report, number=2).reason == "修正"


def test_revision_permissions(
    client: Client, sample_report: Report, people: dict[str, Any], sample_model: EvaluationReport
) -> None:
    url = f"/api/reports/{sample_report.pk}/revisions"
    payload = {"base_revision": 1, "reason": "修正", "report": sample_model.model_dump(mode="json")}
    assert_error(post_json(client, url, payload, headers=bearer(people["reviewer"])), 403)
    assert_error(post_json(client, url, payload, headers=bearer(people["editor_other_bureau"])), 404)
    other_ministry = dict(payload, report={**payload["report"], "ministry": "財務省"})
    assert_error(post_json(client, url, other_ministry, headers=bearer(people["editor"])), 422)
    storage.transition(sample_report.pk, "submit", people["editor"])
    submitted = assert_error(post_json(client, url, payload, headers=bearer(people["editor"])), 403)
    assert "提出済" in submitted["detail"]
    assert Revision.objects.filter(report=sample_report).count() == 1


# --- workflow --------------------------------------------------------------------------------------


def test_transitions_with_the_right_roles(
    client: Client, sample_report: Report, people: dict[str, Any]
) -> None:
    url = f"/api/reports/{sample_report.pk}/transitions"
    editor, reviewer = bearer(people["editor"]), bearer(people["reviewer"])

    def move(action: str, headers: dict[str, str], comment: str = "") -> Any:
        return post_json(client, url, {"action": action, "comment": comment}, headers=headers)

    assert_error(move("approve", reviewer), 403)  # a draft is not approved
    assert_error(move("submit", reviewer), 403)
    done = move("submit", editor)
    assert done.status_code == 200, done.content
    body = done.json()
    assert {
        k: body[k] for k in ("id", "action", "from_status", "status", "revision", "actor", "comment")
    } == {
        "id": sample_report.pk,
        "action": "submit",
        "from_status": "draft",
        "status": "submitted",
        "revision": 1,
        "actor": "editor",
        "comment": "",
    }
    assert_error(move("approve", editor), 403)
    assert_error(move("approve", bearer(people["expert"])), 404)
    assert_error(move("approve", bearer(people["reviewer_other_ministry"])), 404)
    returned = move("return", reviewer, "1-4の評定を再確認してください")
    assert (returned.json()["status"], returned.json()["comment"]) == (
        "returned",
        "1-4の評定を再確認してください",
    )
    assert move("submit", editor).json()["status"] == "submitted"
    assert move("approve", reviewer).json()["status"] == "approved"
    assert_error(move("publish", editor), 403)
    assert move("publish", reviewer).json()["status"] == "published"
    assert_error(move("publish", bearer(people["admin"])), 409)  # already published
    assert_error(move("archive", editor), 422)
    assert client.get(f"/api/reports/{sample_report.pk}").json()["status"] == "published"


# --- check and export ------------------------------------------------------------------------------


def test_check_is_what_hyoka_check_gives(
    client: Client, sample_report: Report, people: dict[str, Any], sample_model: EvaluationReport
) -> None:
    response = client.get(f"/api/reports/{sample_report.pk}/check", headers=bearer(people["editor"]))
    assert response.status_code == 200
    expected = json.loads(json.dumps(check_report_result(sample_model).to_json()))
    assert response.json() == expected
    assert [f["code"] for f in response.json()["findings"]].count("H301") == 1


def test_exports(
    client: Client, sample_report: Report, people: dict[str, Any], sample_model: EvaluationReport
) -> None:
    publish(sample_report, people)
    url = f"/api/reports/{sample_report.pk}/export"
    disposition = "attachment; filename*=utf-8''%E5%A4%96%E5%8B%99%E7%9C%81_1-I-2_R2"

    pdf = client.get(f"{url}.pdf")
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    assert pdf.content.startswith(b"%PDF")
    assert pdf["Content-Disposition"] == disposition + ".pdf"

    xlsx = client.get(f"{url}.xlsx")
    assert xlsx["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert xlsx.content.startswith(b"PK")
    assert xlsx["Content-Disposition"] == disposition + ".xlsx"

    csv = client.get(f"{url}.csv")
    assert (csv["Content-Type"], csv["Content-Disposition"]) == ("application/zip", disposition + ".zip")
    with zipfile.ZipFile(io.BytesIO(csv.content)) as archive:
        assert sorted(archive.namelist()) == [
            "budget.csv",
            "budget_sheet.csv",
            "columns.csv",
            "indicators.csv",
            "means.csv",
        ]
        assert archive.read("indicators.csv")

    exported = client.get(f"{url}.json")
    assert exported["Content-Type"] == "application/json; charset=utf-8"
    assert EvaluationReport.model_validate_json(exported.content) == sample_model

    assert_error(client.get(f"{url}.docx"), 422)


# --- logging of refusals -----------------------------------------------------------------------------


def test_a_403_is_logged_as_one_warning_line_without_a_traceback(
    client: Client, sample_report: Report, people: dict[str, Any], caplog: Any
) -> None:
    caplog.set_level(logging.INFO)
    page = Client()
    page.force_login(people["reviewer"])
    caplog.clear()
    assert page.get(f"/reports/{sample_report.pk}/edit/").status_code == 403  # PermissionDenied
    refused = post_json(
        client,
        f"/api/reports/{sample_report.pk}/transitions",
        {"action": "approve"},
        bearer(people["reviewer"]),
    )
    assert_error(refused, 403)
    assert [(r.name, r.levelname, r.getMessage(), r.exc_info, r.exc_text) for r in caplog.records] == [
        (
            "django.request",
            "WARNING",
            f"Forbidden (Permission denied): /reports/{sample_report.pk}/edit/",
            None,
            None,
        ),
        ("django.request", "WARNING", f"Forbidden: /api/reports/{sample_report.pk}/transitions", None, None),
    ]


# --- /api/docs -----------------------------------------------------------------------------------------


def test_the_api_docs_load_only_files_of_this_site(client: Client) -> None:
    page = client.get("/api/docs")
    assert (page.status_code, page["Content-Type"]) == (200, "text/html; charset=utf-8")
    assert page["Content-Security-Policy"] == POLICY
    html = page.content.decode()
    static = f"/api/docs/static/{SWAGGER_VERSION}"
    assert re.findall(r"<(?:script|link)\b[^>]*?\b(?:src|href)=\"([^\"]*)\"", html) == [
        f"{static}/swagger-ui.css",
        f"{static}/favicon.svg",
        f"{static}/favicon.png",
        f"{static}/swagger-ui-bundle.js",
        f"{static}/swagger-ui-init.js",
    ]
    # no inline script: every <script> loads a file, or is the settings' JSON data block
    scripts = re.findall(r"<script\b([^>]*)>", html)
    assert scripts == [
        ' type="application/json" id="swagger-settings"',
        f' src="{static}/swagger-ui-bundle.js"',
        f' src="{static}/swagger-ui-init.js"',
    ]
    settings = re.search(r'id="swagger-settings">(.*?)</script>', html, re.S)
    assert settings is not None
    assert json.loads(settings.group(1)) == {
        "layout": "BaseLayout",
        "deepLinking": True,
        "url": "/api/openapi.json",
        "validatorUrl": None,
    }
    expected = {
        "swagger-ui.css": "text/css; charset=utf-8",
        "favicon.svg": "image/svg+xml",
        "favicon.png": "image/png",
        "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
        "swagger-ui-init.js": "text/javascript; charset=utf-8",
    }
    for name, media_type in expected.items():
        served = client.get(f"{static}/{name}")
        assert (served.status_code, served["Content-Type"]) == (200, media_type)
        assert served["Cache-Control"] == "public, max-age=31536000, immutable"
        assert len(served.content) > 1000
    assert client.get(f"{static}/swagger-ui-bundle.js.map").status_code == 404
    assert client.get(f"{static}/redoc.standalone.js").status_code == 404  # only the files the page loads
