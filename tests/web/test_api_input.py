"""Hostile and out-of-range input to the API: bodies that are not JSON, nested too deep, too large;
integers past what the database holds; validation messages in Japanese; the Cell rule in the schema.
Each answer is the API's one error shape with an exact Japanese ``detail``."""

from __future__ import annotations

import json
import time
from typing import Any

import jsonschema_rs
import pytest
from django.test import Client

from hyoka.core import EvaluationReport
from hyoka.web.api import MAX_JSON_DEPTH, NOT_BLANK_TEXT, json_too_deep
from hyoka.web.auth import create_token
from hyoka.web.reports.models import Report, Revision

pytestmark = pytest.mark.django_db

JSON_TYPE = "application/json; charset=utf-8"


@pytest.fixture
def admin(people: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {create_token(people['admin'])}"}


def post(client: Client, url: str, body: bytes | str, headers: dict[str, str]) -> Any:
    return client.post(url, data=body, content_type="application/json", headers=headers)


def error(response: Any, status: int) -> dict[str, Any]:
    assert (response.status_code, response["Content-Type"]) == (status, JSON_TYPE), response.content
    body: dict[str, Any] = response.json()
    return body


# --- bodies ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (b"action=submit", "本文を JSON として読めません（1 行 1 列）"),
        (b'{"action": "submit",\n "comment": }', "本文を JSON として読めません（2 行 13 列）"),
        (b"\x00", "本文を JSON として読めません（1 行 1 列）"),
        (b'{"action": "\xff"}', "本文が UTF-8 ではありません（13 バイト目）"),
        (
            b'{"action": "submit", "comment": NaN}',
            "本文の JSON に扱えない数があります（NaN、Infinity、桁数の多すぎる整数）",
        ),
        (
            b'{"action": ' + b"9" * 5000 + b"}",
            "本文の JSON に扱えない数があります（NaN、Infinity、桁数の多すぎる整数）",
        ),
    ],
)
def test_a_body_that_is_not_json_is_400_in_japanese(
    client: Client, sample_report: Report, admin: dict[str, str], body: bytes, detail: str
) -> None:
    response = post(client, f"/api/reports/{sample_report.pk}/transitions", body, admin)
    assert error(response, 400) == {"detail": detail, "findings": []}
    assert Report.objects.get(pk=sample_report.pk).status == "draft"


def test_json_nested_100000_levels_is_400_without_recursion(
    client: Client, sample_report: Report, admin: dict[str, str]
) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    for url, body in [
        ("transitions", deep),
        ("transitions", '{"action": ' + deep + "}"),
        ("revisions", '{"base_revision": 1, "reason": "x", "report": {"title": ' + deep + "}}"),
        ("revisions", '{"a":' * 100_000 + "1" + "}" * 100_000),
    ]:
        response = post(client, f"/api/reports/{sample_report.pk}/{url}", body, admin)
        assert error(response, 400) == {
            "detail": "本文の JSON の入れ子が深すぎます（上限 64 段）",
            "findings": [],
        }
    assert Revision.objects.filter(report=sample_report).count() == 1


def test_the_depth_bound_is_exact(client: Client, sample_report: Report, admin: dict[str, str]) -> None:
    url = f"/api/reports/{sample_report.pk}/transitions"
    inner = MAX_JSON_DEPTH - 1  # the body's object is the first level
    at_bound = post(client, url, '{"action": ' + "[" * inner + "]" * inner + "}", admin)
    assert error(at_bound, 422)["detail"] == (
        "入力が正しくありません（1 件。最初は 操作（action）: 次のいずれかでなければなりません: "
        "'submit', 'return', 'approve', 'publish', 'withdraw'）"
    )
    over = post(client, url, '{"action": ' + "[" * (inner + 1) + "]" * (inner + 1) + "}", admin)
    assert error(over, 400)["detail"] == "本文の JSON の入れ子が深すぎます（上限 64 段）"


def test_json_too_deep_reads_brackets_outside_strings_only() -> None:
    assert json_too_deep(b"[" * 65 + b"]" * 65)
    assert not json_too_deep(b"[" * 64 + b"]" * 64)
    assert not json_too_deep(b'{"a": "' + b"[{" * 1000 + b'"}')
    assert not json_too_deep(b'["\\"' + b"[" * 1000 + b'", "\\\\"]')
    assert json_too_deep(b'["\\\\"' + b", [" * 65 + b"]" * 66)
    assert not json_too_deep(b"[]" * 1_000_000)
    start = time.perf_counter()
    assert json_too_deep(b"[" * 10_000_000)  # stops at the first level too deep
    assert time.perf_counter() - start < 1


def test_a_body_over_the_limit_is_413(
    client: Client, sample_report: Report, admin: dict[str, str], settings: Any
) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    body = json.dumps({"action": "submit", "comment": "あ" * 100}, ensure_ascii=False)
    response = post(client, f"/api/reports/{sample_report.pk}/transitions", body, admin)
    assert error(response, 413) == {"detail": "本文が大きすぎます（上限 100 バイト）", "findings": []}
    assert Report.objects.get(pk=sample_report.pk).status == "draft"


def test_every_operation_with_a_json_body_declares_400_and_413(client: Client) -> None:
    doc = client.get("/api/openapi.json").json()
    with_json_body = {
        (path, method): operation["responses"]
        for path, item in doc["paths"].items()
        for method, operation in item.items()
        if "application/json" in operation.get("requestBody", {}).get("content", {})
    }
    assert set(with_json_body) == {
        ("/api/reports/{id}/revisions", "post"),
        ("/api/reports/{id}/transitions", "post"),
        ("/api/reports/{id}/sharing", "post"),
    }
    error_out = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
    for responses in with_json_body.values():
        assert responses["400"]["content"] == error_out
        assert responses["413"]["content"] == error_out


# --- integers bounded before the database ----------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "params", "detail"),
    [
        (
            "/api/reports",
            {"offset": 9223372036854775808},
            "入力が正しくありません（1 件。最初は 開始位置（offset）: 2147483647 以下でなければなりません）",
        ),
        (
            "/api/reports",
            {"fiscal_year": 10**20},
            "入力が正しくありません（1 件。最初は 評価年度（fiscal_year）: 2200 以下でなければなりません）",
        ),
        (
            "/api/reports/9223372036854775808",
            {},
            "入力が正しくありません（1 件。"
            "最初は 評価書の番号（id）: 9223372036854775807 以下でなければなりません）",
        ),
        (
            "/api/reports/0/check",
            {},
            "入力が正しくありません（1 件。最初は 評価書の番号（id）: 1 以上でなければなりません）",
        ),
        (
            "/api/reports/1/export.json",
            {"revision": 2**31},
            "入力が正しくありません（1 件。最初は 版番号（revision）: 2147483647 以下でなければなりません）",
        ),
        (
            "/api/portfolio/audit/budget",
            {"offset": 2**63},
            "入力が正しくありません（1 件。最初は 開始位置（offset）: 2147483647 以下でなければなりません）",
        ),
        (
            "/api/reports/99999999999999999999/across-years",
            {},
            "入力が正しくありません（1 件。"
            "最初は 評価書の番号（id）: 9223372036854775807 以下でなければなりません）",
        ),
    ],
)
def test_integers_past_the_bounds_are_422_even_anonymously(
    client: Client, url: str, params: dict[str, Any], detail: str
) -> None:
    body = error(client.get(url, params), 422)
    assert body["detail"] == detail
    assert [(f["code"], f["severity"], f["context"]["type"]) for f in body["findings"]] == [
        (None, "error", "less_than_equal" if "以下" in detail else "greater_than_equal")
    ]


def test_every_integer_parameter_is_bounded_in_the_schema(client: Client) -> None:
    doc = client.get("/api/openapi.json").json()
    unbounded = []
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            for parameter in operation.get("parameters", []):
                schemas = parameter["schema"].get("anyOf", [parameter["schema"]])
                for schema in schemas:
                    if schema.get("type") == "integer" and not {"minimum", "maximum"} <= set(schema):
                        unbounded.append((method, path, parameter["name"]))
    assert unbounded == []
    base = doc["components"]["schemas"]["RevisionIn"]["properties"]["base_revision"]
    assert (base["minimum"], base["maximum"]) == (1, 2**31 - 1)


def test_a_base_revision_past_the_bound_is_422(
    client: Client, sample_report: Report, admin: dict[str, str], sample_model: EvaluationReport
) -> None:
    payload = {"base_revision": 2**63, "reason": "修正", "report": sample_model.model_dump(mode="json")}
    response = post(client, f"/api/reports/{sample_report.pk}/revisions", json.dumps(payload), admin)
    assert error(response, 422)["detail"] == (
        "入力が正しくありません（1 件。"
        "最初は 元の版番号（base_revision）: 2147483647 以下でなければなりません）"
    )


# --- validation messages ---------------------------------------------------------------------------


def test_validation_details_are_japanese_and_name_the_field(
    client: Client, sample_report: Report, admin: dict[str, str], sample_model: EvaluationReport
) -> None:
    query = error(client.get("/api/reports", {"fiscal_year": "令和2"}), 422)
    assert (
        query["detail"]
        == "入力が正しくありません（1 件。最初は 評価年度（fiscal_year）: 整数でなければなりません）"
    )
    assert query["findings"] == [
        {
            "code": None,
            "severity": "error",
            "location": "/fiscal_year",
            "lines": None,
            "message": "整数でなければなりません",
            "message_en": (
                "invalid input: Input should be a valid integer, unable to parse string as an integer"
            ),
            "input": None,
            "context": {"in": "query", "type": "int_parsing"},
        }
    ]

    data = sample_model.model_dump(mode="json")
    data["budget_sheet"]["totals"][0]["next_request"] = {"status": "empty", "value": 5}
    data["extra"] = 1
    payload = {"base_revision": 1, "reason": "修正", "report": data}
    body = error(post(client, f"/api/reports/{sample_report.pk}/revisions", json.dumps(payload), admin), 422)
    assert body["detail"] == (
        "入力が正しくありません（2 件。最初は 概算要求額（/report/budget_sheet/totals/0/next_request）: "
        "値が規則に合いません）"
    )
    assert [(f["location"], f["message"], f["context"]["type"]) for f in body["findings"]] == [
        ("/report/budget_sheet/totals/0/next_request", "値が規則に合いません", "value_error"),
        ("/report/extra", "この項目はありません", "extra_forbidden"),
    ]

    missing = error(post(client, f"/api/reports/{sample_report.pk}/transitions", "{}", admin), 422)
    assert missing["detail"] == "入力が正しくありません（1 件。最初は 操作（action）: 必須です）"
    not_object = error(post(client, f"/api/reports/{sample_report.pk}/transitions", "[]", admin), 422)
    assert (
        not_object["detail"]
        == "入力が正しくありません（1 件。最初は 本文: オブジェクトでなければなりません）"
    )


# --- the Cell rule in the published schema ---------------------------------------------------------


def test_the_cell_rule_is_in_the_openapi_schema(client: Client) -> None:
    doc = client.get("/api/openapi.json").json()
    cell = jsonschema_rs.validator_for({"$ref": "#/components/schemas/Cell", "components": doc["components"]})
    assert cell.is_valid({"status": "value", "value": 0})
    assert cell.is_valid({"status": "empty"})
    assert cell.is_valid({"status": "nothing_to_report", "value": None, "raw": "-"})
    assert not cell.is_valid({"status": "value"})
    assert not cell.is_valid({"status": "value", "value": None})
    assert not cell.is_valid({"status": "empty", "value": 1})
    assert not cell.is_valid({"status": "nothing_to_report", "value": 0})


# --- U+0000, which PostgreSQL cannot store -----------------------------------------------------------


def test_nul_in_a_text_is_422_on_every_database(
    client: Client, sample_report: Report, admin: dict[str, str], sample_model: EvaluationReport
) -> None:
    data = sample_model.model_dump(mode="json")
    data["areas"][0]["title"] = "北米\x00地域"
    payload = {"base_revision": 1, "reason": "修正", "report": data}
    body = error(post(client, f"/api/reports/{sample_report.pk}/revisions", json.dumps(payload), admin), 422)
    assert body["detail"] == (
        "入力が正しくありません（1 件。最初は 分野名（/report/areas/0/title）: "
        "NUL 文字（U+0000）は使えません）"
    )
    assert [(f["location"], f["message"], f["message_en"], f["context"]) for f in body["findings"]] == [
        (
            "/report/areas/0/title",
            "NUL 文字（U+0000）は使えません",
            "invalid input: String should not contain U+0000 (NUL)",
            {"in": "body", "type": "string_nul"},
        )
    ]
    transitions = f"/api/reports/{sample_report.pk}/transitions"
    comment = error(
        post(client, transitions, json.dumps({"action": "submit", "comment": "a\x00"}), admin), 422
    )
    assert (
        comment["detail"]
        == "入力が正しくありません（1 件。最初は コメント（comment）: NUL 文字（U+0000）は使えません）"
    )
    key = error(post(client, transitions, json.dumps({"action": "submit", "\x00": 1}), admin), 422)
    assert key["findings"][0]["location"] == "/\x00"
    assert Revision.objects.filter(report=sample_report).count() == 1
    assert Report.objects.get(pk=sample_report.pk).status == "draft"

    for url in ("/api/reports", "/api/portfolio", "/api/portfolio/audit/budget"):
        query = error(client.get(url, {"ministry": "外務\x00省"}), 422)
        assert query["detail"] == (
            "入力が正しくありません（1 件。最初は 府省名（ministry）: NUL 文字（U+0000）は使えません）"
        )


def test_every_text_parameter_excludes_nul_in_the_schema(client: Client) -> None:
    doc = client.get("/api/openapi.json").json()
    texts = {
        (path, parameter["name"]): parameter["schema"].get("pattern")
        for path, item in doc["paths"].items()
        for operation in item.values()
        for parameter in operation.get("parameters", [])
        if parameter["schema"].get("type") == "string" and "enum" not in parameter["schema"]
    }
    assert texts == {
        ("/api/reports", "q"): "^[^\\x00]*$",
        ("/api/reports", "ministry"): "^[^\\x00]*$",
        ("/api/portfolio", "ministry"): "^[^\\x00]*$",
        ("/api/portfolio/audit/{kind}", "ministry"): "^[^\\x00]*$",
        ("/api/reports/{id}", "reason"): NOT_BLANK_TEXT,  # a deletion's reason: not blank either
    }
    schemas = doc["components"]["schemas"]
    assert schemas["RevisionIn"]["properties"]["reason"]["pattern"] == NOT_BLANK_TEXT  # not blank either
    assert schemas["TransitionIn"]["properties"]["comment"]["pattern"] == "^[^\\x00]*$"


# --- numbers the workspace can store ----------------------------------------------------------------


def test_a_cell_number_the_workspace_cannot_store_is_422(
    client: Client, sample_report: Report, admin: dict[str, str], sample_model: EvaluationReport
) -> None:
    url = f"/api/reports/{sample_report.pk}/revisions"
    data = sample_model.model_dump(mode="json")
    data["budget"]["years"][0]["initial"]["value"] = 10**17
    data["budget"]["years"][1]["total"]["value"] = -1e300
    payload = {"base_revision": 1, "reason": "修正", "report": data}
    body = error(post(client, url, json.dumps(payload), admin), 422)
    assert body["detail"] == (
        "入力が正しくありません（2 件。最初は 当初予算（/report/budget/years/0/initial/value）: "
        "絶対値が 100000000000000000 未満でなければなりません）"
    )
    assert [(f["location"], f["message_en"], f["context"]["type"]) for f in body["findings"]] == [
        (
            "/report/budget/years/0/initial/value",
            "invalid input: Input should be less than 100000000000000000 in absolute value",
            "cell_too_large",
        ),
        (
            "/report/budget/years/1/total/value",
            "invalid input: Input should be less than 100000000000000000 in absolute value",
            "cell_too_large",
        ),
    ]
    assert Revision.objects.filter(report=sample_report).count() == 1

    data["budget"]["years"][0]["initial"]["value"] = 10**17 - 1  # the largest: stored on every database
    data["budget"]["years"][1]["total"]["value"] = -(10**17 - 1)
    saved = post(client, url, json.dumps(payload), admin)
    assert (saved.status_code, saved.json()["revision"]) == (201, 2)

    doc = client.get("/api/openapi.json").json()
    assert doc["components"]["schemas"]["Cell"]["properties"]["value"]["anyOf"] == [
        {"type": "number", "exclusiveMinimum": -(10**17), "exclusiveMaximum": 10**17},
        {"type": "null"},
    ]


def test_a_text_longer_than_the_workspace_stores_is_422(
    client: Client, sample_report: Report, admin: dict[str, str], sample_model: EvaluationReport
) -> None:
    url = f"/api/reports/{sample_report.pk}/revisions"
    data = sample_model.model_dump(mode="json")
    data["title"] = "北" * 301
    data["areas"][0]["indicators"][4]["years"][0]["targets"][0]["series"] = "①" * 9
    payload = {"base_revision": 1, "reason": "修正", "report": data}
    body = error(post(client, url, json.dumps(payload), admin), 422)
    assert (
        body["detail"]
        == "入力が正しくありません（2 件。最初は 施策名（/report/title）: 300 文字以下でなければなりません）"
    )
    assert [(f["location"], f["message"], f["context"]["type"]) for f in body["findings"]] == [
        ("/report/title", "300 文字以下でなければなりません", "string_too_long"),
        (
            "/report/areas/0/indicators/4/years/0/targets/0/series",
            "8 文字以下でなければなりません",
            "string_too_long",
        ),
    ]
    assert Revision.objects.filter(report=sample_report).count() == 1

    data["title"] = "北" * 300
    data["areas"][0]["indicators"][4]["years"][0]["targets"][0]["series"] = "①" * 8
    saved = post(client, url, json.dumps(payload), admin)
    assert (saved.status_code, saved.json()["revision"]) == (201, 2)

    schemas = client.get("/api/openapi.json").json()["components"]["schemas"]
    declared = {
        (component, field): [
            o.get("maxLength") for o in prop.get("anyOf", [prop]) if o.get("type") == "string"
        ]
        for component, field in [
            ("EvaluationReport", "title"),
            ("EvaluationReport", "measure_number"),
            ("Judgment", "label"),
            ("Indicator", "id"),
            ("SeriesValue", "series"),
            ("RecordedGrade", "letter"),
        ]
        for prop in [schemas[component]["properties"][field]]
    }
    assert declared == {
        ("EvaluationReport", "title"): [300],
        ("EvaluationReport", "measure_number"): [32],
        ("Judgment", "label"): [32],
        ("Indicator", "id"): [64],
        ("SeriesValue", "series"): [8],
        ("RecordedGrade", "letter"): [8],
    }
