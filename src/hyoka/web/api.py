"""The REST API (django-ninja), mounted at /api/; OpenAPI at /api/openapi.json. See docs/api.md.

Clients send ``Authorization: Bearer TOKEN`` (``hyoka.web.auth``); the browser uses its session
(CSRF-checked on writes). Reads are open to everyone for published reports. Who may do what is
``hyoka.web.reports.permissions``; saving and the workflow are ``hyoka.web.reports.storage``;
importing, checking and rendering are ``hyoka.services``. This module only translates HTTP.

Every error is ``{"detail": 一行の説明, "findings": [...]}``: ``findings`` holds the document
findings (the ``Issue`` record) when there are any, request validation problems (422) in the same
shape with ``"code": null``, and is empty for plain HTTP errors (400, 401, 403, 404, 413, …).
``detail`` and each finding's ``message`` are Japanese; ``message_en`` carries the English.

Request bodies are read by ``BoundedJSONParser``: a body that is not UTF-8 JSON, or nests deeper than
``MAX_JSON_DEPTH``, is a 400 before ``json.loads`` runs (no recursion on hostile input); a body over
``DATA_UPLOAD_MAX_MEMORY_SIZE`` is a 413. Every integer parameter is bounded in the schema (ids by
the 64-bit key, revisions and offsets by 2**31-1, years by 1868–2200), so no value reaches the
database as an overflow; no text may hold U+0000; and what a save writes into columns of limited
size (a cell's number, the title, an indicator's id, …) is bounded in the OpenAPI document and
checked (``HyokaAPI``, ``_beyond_storage``), so that PostgreSQL refuses nothing SQLite would store.

``/api/docs`` is Swagger UI served from django-ninja's own files (same origin, so the site's
Content-Security-Policy holds).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import cache, wraps
from importlib import resources
from typing import TYPE_CHECKING, Annotated, Any, Literal

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.html import escape
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET
from ninja import Field, NinjaAPI, Query, Schema
from ninja import __version__ as ninja_version
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.docs import Swagger
from ninja.params import functions as params
from ninja.parser import Parser
from ninja.renderers import JSONRenderer
from pydantic import ConfigDict, StringConstraints

from hyoka.core import DocumentKind, EvaluationReport, Issue, Severity, SourceSpan
from hyoka.core.i18n import gettext_en, gettext_noop
from hyoka.rules.places import field_name_at
from hyoka.services import (
    MAX_JSON_DEPTH,
    LimitExceeded,
    NotAReportError,
    RenderError,
    check_report_result,
    import_upload,
    json_depth,
    render_formats,
    safe_filename,
)
from hyoka.web.auth import READ, WRITE, caller
from hyoka.web.reports import carry_forward as carry
from hyoka.web.reports import storable, storage
from hyoka.web.reports.across_years import history_to_json, measure_view
from hyoka.web.reports.downloads import download
from hyoka.web.reports.folding import FIRST_YEAR, LAST_YEAR
from hyoka.web.reports.models import Report, Revision, Role, Status, Transition
from hyoka.web.reports.permissions import (
    Action,
    can,
    can_import,
    can_see,
    current_scope,
    membership,
    role,
    sees_current,
    visible_reports,
)
from hyoka.web.reports.search import search_visible
from hyoka.web.reports.shown import matches, shown, status_is
from hyoka.web.reports.storable import MAX_CELL_VALUE, STORED_MAX_LENGTH
from hyoka.web.reports.views import portfolio as dashboards

__all__ = ["ApiError", "api", "forbid", "json_response", "report_or_404", "transition_json"]


class JapaneseJSONRenderer(JSONRenderer):
    """UTF-8 JSON with Japanese written as is (not ``\\u``-escaped)."""

    json_dumps_params = {"ensure_ascii": False}


def _openapi_unescaped(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """ninja serves /openapi.json with Japanese escaped; write it as is, like every other response."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.get("Content-Type", "").startswith("application/json"):
            document = json.loads(response.content)
            response.content = json.dumps(document, ensure_ascii=False).encode("utf-8")
            response["Content-Type"] = "application/json; charset=utf-8"
        return response

    return wrapped


# --- request bodies ------------------------------------------------------------------------------


def json_too_deep(body: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether a request body's arrays and objects nest deeper than ``limit`` (``json_depth``: the
    importer's scanner, brackets outside strings, no parsing and so no recursion)."""
    return json_depth(body) > limit


def _no_constant(name: str) -> Any:
    raise ValueError(name)


NO_NUL = r"^[^\x00]*$"
"""The pattern of every text parameter: no U+0000, which PostgreSQL cannot store (text or jsonb)."""
SPACE = r"\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
"""The characters ``str.strip()`` removes (``str.isspace``), spelled alike in Python, ECMAScript
(OpenAPI) and Rust (pydantic): a reason made of them only is blank."""
NOT_BLANK = rf"[^\x00{SPACE}]"
"""A character of a text that is not blank (searched for: JSON Schema patterns are not anchored)."""
NOT_BLANK_TEXT = rf"^[^\x00]*{NOT_BLANK}[^\x00]*$"
"""The pattern of a text parameter that must not be blank (a reason), without U+0000."""


def _first_nul(data: Any) -> list[Any] | None:
    """The path to the first key or string of the JSON value that holds U+0000 (None: there is none)."""
    stack: list[tuple[list[Any], Any]] = [([], data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if "\x00" in value:
                return path
        elif isinstance(value, dict):
            for key, item in reversed(value.items()):
                if "\x00" in key:
                    return [*path, key]
                stack.append(([*path, key], item))
        elif isinstance(value, list):
            stack.extend(([*path, i], item) for i, item in reversed(list(enumerate(value))))
    return None


class BoundedJSONParser(Parser):
    """Request bodies: UTF-8 JSON (RFC 8259), nested at most ``MAX_JSON_DEPTH`` levels, without
    NaN or Infinity; anything else is a 400 in the error shape. JSON that is not an object, or that
    holds U+0000 in a string (PostgreSQL cannot store it; SQLite could, so both refuse it alike), is
    a 422 located at the string (ninja wraps what a parser raises in an ``HttpError(400)``;
    ``_http_error`` answers with the ``ApiError`` or ``ValidationError`` inside)."""

    def parse_body(self, request: HttpRequest) -> Any:
        body = request.body
        if json_too_deep(body):
            raise ApiError(400, f"本文の JSON の入れ子が深すぎます（上限 {MAX_JSON_DEPTH} 段）")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ApiError(400, f"本文が UTF-8 ではありません（{exc.start + 1} バイト目）") from None
        try:
            data = json.loads(text, parse_constant=_no_constant)
        except json.JSONDecodeError as exc:
            raise ApiError(400, f"本文を JSON として読めません（{exc.lineno} 行 {exc.colno} 列）") from None
        except ValueError:  # NaN, Infinity, or an integer of more than 4300 digits
            raise ApiError(
                400, "本文の JSON に扱えない数があります（NaN、Infinity、桁数の多すぎる整数）"
            ) from None
        if not isinstance(data, dict):  # every body of this API is an object (ninja would misreport it)
            raise ValidationError(
                [{"loc": ("body",), "msg": "Input should be an object", "type": "model_type"}]
            )
        # JSON writes a NUL only as the escape \u0000 (a raw one is not JSON): look for it only then
        nul = _first_nul(data) if b"\\u0000" in body else None
        if nul is not None:  # "payload": the operation's body parameter, as in ninja's locations
            msg = "String should not contain U+0000 (NUL)"
            raise ValidationError([{"loc": ("body", "payload", *nul), "msg": msg, "type": "string_nul"}])
        return data


# --- /api/docs: Swagger UI from the app itself -------------------------------------------------------

SWAGGER_FILES = {
    "swagger-ui.css": "text/css; charset=utf-8",
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui-init.js": "text/javascript; charset=utf-8",
    "favicon.svg": "image/svg+xml",
    "favicon.png": "image/png",
}
"""The files of django-ninja's Swagger UI that /api/docs loads, served by ``swagger_file``."""
SWAGGER_VERSION = ninja_version
"""Part of the files' URLs (``/api/docs/static/<version>/<name>``): cacheable for a year."""


@cache
def _swagger_bytes(name: str) -> bytes:
    return resources.files("ninja").joinpath(f"static/ninja/{name}").read_bytes()


@require_GET
def swagger_file(request: HttpRequest, name: str) -> HttpResponse:
    """One of ``SWAGGER_FILES`` (gunicorn serves no static files, and the CSP allows no CDN)."""
    media_type = SWAGGER_FILES.get(name)
    if media_type is None:
        raise Http404
    response = HttpResponse(_swagger_bytes(name), content_type=media_type)
    patch_cache_control(response, public=True, max_age=31_536_000, immutable=True)
    return response


class SameOriginSwagger(Swagger):
    """django-ninja's Swagger page with every script and style from this app (``swagger_file``):
    no CDN, no inline script, so it works under the site's Content-Security-Policy. The session's
    CSRF token is handed to Swagger UI, which sends it as ``X-CSRFToken`` on "Try it out"."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        def static(name: str) -> str:
            return escape(reverse("api-docs-file", args=[name]))

        config = {**self.settings, "url": self.get_openapi_url(api, kwargs), "validatorUrl": None}
        config_json = json.dumps(config, ensure_ascii=False).replace("<", "\\u003c")
        html = (
            '<!DOCTYPE html>\n<html lang="ja">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(api.title)}</title>\n"
            f'<link rel="stylesheet" href="{static("swagger-ui.css")}">\n'
            f'<link rel="icon" href="{static("favicon.svg")}" type="image/svg+xml">\n'
            f'<link rel="icon" href="{static("favicon.png")}" type="image/png">\n'
            "</head>\n"
            f'<body data-csrf-token="{escape(get_token(request))}" data-api-csrf="true">\n'
            f'<script type="application/json" id="swagger-settings">{config_json}</script>\n'
            '<div id="swagger-ui"></div>\n'
            f'<script src="{static("swagger-ui-bundle.js")}"></script>\n'
            f'<script src="{static("swagger-ui-init.js")}"></script>\n'
            "</body>\n</html>\n"
        )
        return HttpResponse(html, content_type="text/html; charset=utf-8")


# --- what the workspace can store, beyond the document model (``storable``) ---------------------


class HyokaAPI(NinjaAPI):
    """The API, whose OpenAPI document also states what the workspace can store beyond the document
    model (``save_revision`` checks it, ``_beyond_storage``): ``STORED_MAX_LENGTH`` as ``maxLength``
    and ``MAX_CELL_VALUE`` as the bounds of ``Cell.value``."""

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema["components"]["schemas"]
        for option in components["Cell"]["properties"]["value"]["anyOf"]:
            if option.get("type") == "number":
                option.update(exclusiveMinimum=-MAX_CELL_VALUE, exclusiveMaximum=MAX_CELL_VALUE)
        for (component, field), limit in STORED_MAX_LENGTH.items():
            prop = components[component]["properties"][field]
            for option in prop.get("anyOf", [prop]):
                if option.get("type") == "string":
                    option["maxLength"] = min(limit, option.get("maxLength", limit))
        return schema


def _beyond_storage(report: EvaluationReport) -> list[dict[str, Any]]:
    """The values of the report the workspace cannot store (``storable.problems``), as pydantic
    reports validation problems (so the 422 lists them like any other), in document order."""
    found = []
    for problem in storable.problems(report):
        error: dict[str, Any] = {"loc": ("body", "payload", "report", *problem.path), "type": problem.kind}
        if problem.kind == "cell_too_large":
            error["msg"] = f"Input should be less than {MAX_CELL_VALUE} in absolute value"
            error["ctx"] = {"limit": MAX_CELL_VALUE}
        elif problem.kind == "string_too_long":
            error["msg"] = f"String should have at most {problem.limit} characters"
            error["ctx"] = {"max_length": problem.limit}
        else:
            error["msg"] = "String should not contain U+0000 (NUL)"
        found.append(error)
    return found


api = HyokaAPI(
    title="hyoka API",
    version="1",
    description="政策評価書の検索・取込・編集・ワークフロー・検査・出力。docs/api.md を参照。",
    urls_namespace="api",
    renderer=JapaneseJSONRenderer(),
    parser=BoundedJSONParser(),
    docs=SameOriginSwagger(),
    docs_decorator=_openapi_unescaped,
)

MAX_ID = 2**63 - 1
"""The largest report id (a 64-bit key): ids outside 1..MAX_ID are a 422, never a database overflow."""
MAX_INT32 = 2**31 - 1
"""The bound of revision numbers and offsets (32-bit columns; an offset past every report is harmless)."""
ReportId = Annotated[int, params.Path(ge=1, le=MAX_ID, description="評価書の番号")]

# --- schemas -------------------------------------------------------------------------------------


class Finding(Schema):
    """The ``Issue`` record; ``code`` is null for a request validation problem (no document finding)."""

    code: str | None = Field(description="H-code of a document finding (docs/findings/); null otherwise")
    severity: Severity
    location: str = Field(description="JSON pointer (into the report, or into the request body for a 422)")
    lines: SourceSpan | None = None
    message: str
    message_en: str
    input: str | None = None
    context: dict[str, Any] = Field(default_factory=dict)


class ErrorOut(Schema):
    detail: str = Field(description="one line")
    findings: list[Finding]


class ConflictOut(ErrorOut):
    current_revision: int
    author: str | None
    created_at: datetime


class ReportFilters(Schema):
    q: str = Field(
        "",
        max_length=200,
        pattern=NO_NUL,
        description="日本語全文検索（物語部分、府省名・部局名。全角・半角は区別しない。"
        "令和2年度・R2・2020 などの年度は評価年度で絞り込む）",
    )
    kind: DocumentKind | None = Field(None, description="文書の種類（評価書・政策評価調書・事前分析表）")
    ministry: str = Field("", max_length=100, pattern=NO_NUL, description="府省名（完全一致）")
    fiscal_year: int | None = Field(
        None, ge=FIRST_YEAR, le=LAST_YEAR, description="評価年度（西暦。令和2年度 → 2020）"
    )
    status: Status | None = Field(None, description="ワークフローの状態")
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=MAX_INT32)


class RevisionQuery(Schema):
    revision: int | None = Field(None, ge=1, le=MAX_INT32, description="版番号（省略時は読める最新の版）")


class ReportSummary(Schema):
    id: int
    kind: DocumentKind = Field(description="文書の種類")
    ministry: str
    bureau: str | None
    measure_number: str
    evaluation_year: int
    title: str
    judgment: str
    status: Status
    revision: int = Field(description="the newest revision the caller may read")
    updated_at: datetime


class ReportList(Schema):
    count: int
    items: list[ReportSummary]


class ReportOut(Schema):
    id: int
    revision: int
    status: Status
    report: EvaluationReport


class ImportOut(Schema):
    id: int
    revision: int
    findings: list[Issue] = Field(description="what the importer found (H9)")


class ImportQuery(Schema):
    existing: Literal["refuse", "revise"] = Field(
        "refuse",
        description=(
            "同じ府省・施策番号・評価年度・種類の文書が既にあるとき: refuse（既定）は 409、"
            "revise はその評価書の新しい版として保存する（その評価書の編集権限が必要）"
        ),
    )


class DuplicateOut(ErrorOut):
    existing: int | None = Field(description="the stored report of that measure and year (null: not visible)")


Reason = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000, pattern=NOT_BLANK_TEXT)]
"""A revision's reason: stored without its outer blanks. Blank means ``str.isspace`` (「\\f」 too), and the
schema says so with ``NOT_BLANK_TEXT``, so that a client that follows the schema is never refused."""


class RevisionIn(Schema):
    base_revision: int = Field(ge=1, le=MAX_INT32, description="the revision the edit started from")
    reason: Reason
    report: EvaluationReport


class RevisionOut(Schema):
    id: int
    revision: int
    status: Status


class TransitionIn(Schema):
    """A workflow step; ``return`` and ``withdraw`` (公表取消) need their reason as the comment."""

    model_config = ConfigDict(
        json_schema_extra={
            "if": {"properties": {"action": {"enum": list(storage.NEEDS_COMMENT)}}, "required": ["action"]},
            "then": {"required": ["comment"], "properties": {"comment": {"pattern": NOT_BLANK}}},
        }
    )

    action: Literal["submit", "return", "approve", "publish", "withdraw"]
    comment: str = Field(
        "", max_length=5000, pattern=NO_NUL, description="差戻しと公表取消では必須（その理由）"
    )


class TransitionOut(Schema):
    id: int
    action: str
    from_status: Status
    status: Status
    revision: int
    actor: str
    at: datetime
    comment: str


class CheckOut(Schema):
    """``hyoka check --format json``: the rules' findings and the grade proposals."""

    profile: str
    findings: list[Issue]
    proposals: dict[str, Any]


# --- errors --------------------------------------------------------------------------------------


class ApiError(Exception):
    """An error response: status, one-line detail, findings (document findings, or ``Finding``-shaped
    dicts with a null code) and extra fields."""

    def __init__(
        self, status: int, detail: str, findings: Sequence[Issue | dict[str, Any]] = (), **extra: Any
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = _one_line(detail)
        self.findings = list(findings)
        self.extra = extra


def json_response(request: HttpRequest, payload: Any, status: int = 200) -> HttpResponse:
    """A response built from JSON-ready data (no second validation of a whole report)."""
    response = api.create_response(request, payload, status=status)
    patch_vary_headers(response, ["Authorization", "Cookie"])  # what is visible depends on who asks
    return response


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _error(request: HttpRequest, status: int, detail: str, findings: list[dict[str, Any]]) -> HttpResponse:
    return json_response(request, {"detail": _one_line(detail), "findings": findings}, status=status)


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    payload = {
        "detail": exc.detail,
        "findings": [f.model_dump(mode="json") if isinstance(f, Issue) else f for f in exc.findings],
        **exc.extra,
    }
    return json_response(request, payload, status=exc.status)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = _error(request, 401, "認証が必要です（Authorization: Bearer トークン、またはログイン）", [])
    response["WWW-Authenticate"] = 'Bearer realm="hyoka"'
    return response


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if isinstance(exc.__cause__, ApiError):  # the parser refused the body; ninja wrapped it in a 400
        return _api_error(request, exc.__cause__)
    if isinstance(exc.__cause__, ValidationError):  # the body is JSON but not an object
        return _invalid(request, exc.__cause__)
    return _error(request, exc.status_code, str(exc), [])


@api.exception_handler(RequestDataTooBig)
def _body_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    """A body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (raised by ninja's first read of ``request.body``)."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return _error(request, 413, f"本文が大きすぎます（上限 {limit} バイト）", [])


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, "見つかりません", [])


def _pointer(parts: Sequence[Any]) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


_MESSAGES_JA = {
    "missing": "必須です",
    "extra_forbidden": "この項目はありません",
    "int_parsing": "整数でなければなりません",
    "int_type": "整数でなければなりません",
    "int_from_float": "整数でなければなりません",
    "float_parsing": "数でなければなりません",
    "float_type": "数でなければなりません",
    "decimal_parsing": "数でなければなりません",
    "decimal_type": "数でなければなりません",
    "finite_number": "有限の数でなければなりません",
    "string_type": "文字列でなければなりません",
    "string_unicode": "文字列でなければなりません",
    "bool_parsing": "true か false でなければなりません",
    "bool_type": "true か false でなければなりません",
    "none_required": "null でなければなりません",
    "list_type": "配列でなければなりません",
    "tuple_type": "配列でなければなりません",
    "dict_type": "オブジェクトでなければなりません",
    "model_type": "オブジェクトでなければなりません",
    "model_attributes_type": "オブジェクトでなければなりません",
    "date_type": "日付（YYYY-MM-DD）でなければなりません",
    "date_parsing": "日付（YYYY-MM-DD）でなければなりません",
    "date_from_datetime_parsing": "日付（YYYY-MM-DD）でなければなりません",
    "datetime_type": "日時（ISO 8601）でなければなりません",
    "datetime_parsing": "日時（ISO 8601）でなければなりません",
    "datetime_from_date_parsing": "日時（ISO 8601）でなければなりません",
    "greater_than": "{gt} より大きくなければなりません",
    "greater_than_equal": "{ge} 以上でなければなりません",
    "less_than": "{lt} 未満でなければなりません",
    "less_than_equal": "{le} 以下でなければなりません",
    "multiple_of": "{multiple_of} の倍数でなければなりません",
    "string_too_short": "{min_length} 文字以上でなければなりません",
    "string_too_long": "{max_length} 文字以下でなければなりません",
    "too_short": "{min_length} 個以上でなければなりません",
    "too_long": "{max_length} 個以下でなければなりません",
    "string_pattern_mismatch": "形式が正しくありません（{pattern}）",
    "literal_error": "次のいずれかでなければなりません: {expected}",
    "enum": "次のいずれかでなければなりません: {expected}",
    "decimal_max_digits": "桁数が多すぎます（{max_digits} 桁まで）",
    "decimal_max_places": "小数の桁数が多すぎます（{decimal_places} 桁まで）",
    "value_error": "値が規則に合いません",
    "assertion_error": "値が規則に合いません",
    "json_invalid": "JSON として読めません",
    "string_nul": "NUL 文字（U+0000）は使えません",
    "string_blank": "空白以外の文字が必要です（NUL 文字（U+0000）は使えません）",
    "cell_too_large": "絶対値が {limit} 未満でなければなりません",
}


_INVALID_INPUT = gettext_noop("入力が正しくありません: {problem}")
"""A pydantic problem's English (``message_en``): its own English ``msg`` in this frame."""


def _message_ja(error: dict[str, Any]) -> str:
    """pydantic's problem in Japanese (its English ``msg`` goes to ``message_en``)."""
    kind = str(error.get("type", ""))
    pattern = (error.get("ctx") or {}).get("pattern")
    if kind == "string_pattern_mismatch" and pattern == NO_NUL:
        kind = "string_nul"
    elif kind == "string_pattern_mismatch" and pattern == NOT_BLANK_TEXT:
        kind = "string_blank"  # ninja drops the input: the message names both
    template = _MESSAGES_JA.get(kind)
    if template is None:
        return f"値が正しくありません（{kind}）"
    context = dict(error.get("ctx") or {})
    if isinstance(context.get("expected"), str):  # "'a', 'b' or 'c'" → "'a', 'b', 'c'"
        context["expected"] = re.sub(r"'\s+or\s+'", "', '", context["expected"])
    try:
        return template.format(**context)
    except (KeyError, IndexError):
        return template.split("{", 1)[0].rstrip("（: ")


_REQUEST_FIELDS = {
    "base_revision": "元の版番号",
    "reason": "理由",
    "shared": "有識者との共有",
    "report": "文書",
    "action": "操作",
    "comment": "コメント",
    "revision": "版番号",
    "existing": "既存の文書の扱い",
    "q": "検索語",
    "kind": "文書の種類",
    "ministry": "府省名",
    "fiscal_year": "評価年度",
    "status": "状態",
    "limit": "件数",
    "offset": "開始位置",
    "id": "評価書の番号",
    "fmt": "出力形式",
}
"""The request's own fields in Japanese, as the API's descriptions name them (docs/api.md)."""


def _field_label(parts: Sequence[Any]) -> str:
    """The field by its Japanese name with the name the request spells it by, and the pointer when
    it is nested: 「理由（reason）」, 「評価実施年度（/report/evaluation_year）」 (a report's
    fields as findings name them, ``rules.places.field_name_at``); 「本文」 for the whole body."""
    names = [p for p in parts if isinstance(p, str)]
    if not names:
        return _pointer(parts) or "本文"
    if len(parts) == 1:
        japanese = _REQUEST_FIELDS.get(names[0])
        return f"{japanese}（{names[0]}）" if japanese else names[0]
    nested = field_name_at(parts[1:]) if parts[0] == "report" else None
    return f"{nested or names[-1]}（{_pointer(parts)}）"


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """422: each pydantic problem as a finding with no code, located by a JSON pointer; ``detail``
    names the first problem's field and says what is wrong, in Japanese."""
    findings = []
    labels = []
    for error in exc.errors:
        source, *rest = error.get("loc") or ("body",)
        if source == "body" and rest:
            rest = rest[1:]  # the operation's body parameter
        labels.append(_field_label(rest))
        findings.append(
            {
                "code": None,
                "severity": Severity.ERROR.value,
                "location": _pointer(rest),
                "lines": None,
                "message": _message_ja(error),
                "message_en": gettext_en(_INVALID_INPUT, problem=error.get("msg", "")),
                "input": None,
                "context": {"in": source, "type": error.get("type", "")},
            }
        )
    if not findings:
        return _error(request, 422, "入力が正しくありません", [])
    first = f"{labels[0]}: {findings[0]['message']}"
    return _error(request, 422, f"入力が正しくありません（{len(findings)} 件。最初は {first}）", findings)


ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
BODY_ERRORS: dict[int, type[Schema]] = {400: ErrorOut, 413: ErrorOut}
"""A JSON body that is not UTF-8 JSON, nests too deep (400) or is too large (413)."""
READ_ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
OPTIONAL_AUTH: dict[str, Any] = {"security": [{}]}
"""OpenAPI: reads may also be made without credentials (published reports only)."""

# --- helpers -------------------------------------------------------------------------------------


def report_or_404(user: Any, report_id: int) -> Report:
    """The report, or 404 when it does not exist for this user."""
    report: Report | None = Report.objects.select_related("ministry", "bureau").filter(pk=report_id).first()
    if report is None or not can_see(user, report):
        raise Http404
    return report


def _readable_revision(user: Any, report: Report, number: int | None) -> Revision:
    """The revision asked for (the newest readable one when ``number`` is None): any revision for
    those who may view the report; only the published one for everyone else; else 404."""
    if sees_current(user, report):
        current: Revision | None = report.current_revision
        if number is None and current is not None:
            return current
        found: Revision | None = Revision.objects.filter(report=report, number=number).first()
        if found is None:
            raise Http404
        return found
    published: Revision | None = report.published_revision
    if published is None or (number is not None and number != published.number):
        raise Http404
    return published


def _shown_status(user: Any, report: Report) -> str:
    """The workflow status, as far as the caller may know it (published, for public readers)."""
    return str(report.status) if sees_current(user, report) else str(Status.PUBLISHED)


_ACTION_LABELS = {
    "edit": "編集",
    "submit": "提出",
    "return": "差戻し",
    "approve": "承認",
    "publish": "公表",
    "withdraw": "公表取消",
    "share": "有識者と共有",
    "delete": "削除",
}


def forbid(user: Any, action: Action, report: Report) -> None:
    """403 unless the caller may do ``action`` on the report in its current status."""
    if not can(user, action, report):
        label = _ACTION_LABELS.get(action.value, action.value)
        raise ApiError(403, f"この評価書（状態: {report.get_status_display()}）を{label}する権限がありません")


# --- endpoints -----------------------------------------------------------------------------------


@api.get(
    "/reports",
    auth=READ,
    response={200: ReportList, **READ_ERRORS},
    openapi_extra=OPTIONAL_AUTH,
    tags=["reports"],
)
def list_reports(
    request: HttpRequest,
    filters: Query[ReportFilters],
) -> HttpResponse:
    """Reports the caller may see (everyone: the published ones), most recently updated first."""
    user = caller(request)
    reports = visible_reports(user)
    if filters.kind is not None:
        reports = reports.filter(kind=filters.kind.value)
    if filters.ministry:
        reports = reports.filter(ministry__name=filters.ministry)
    if filters.fiscal_year is not None:
        reports = reports.filter(matches(user, "evaluation_year", filters.fiscal_year))
    if filters.status is not None:
        reports = reports.filter(status_is(user, filters.status))
    reports = reports.select_related("ministry", "bureau", "current_revision", "published_revision").defer(
        "current_revision__data", "published_revision__data"
    )
    reports = search_visible(
        filters.q, reports, current_scope(user)
    )  # every term of q, most recently updated first
    items = []
    for report in reports[filters.offset : filters.offset + filters.limit]:
        revision = _readable_revision(user, report, None)
        known = shown(user, report)
        items.append(
            {
                "id": report.pk,
                "kind": report.kind,
                "ministry": report.ministry.name,
                "bureau": report.bureau.name if report.bureau else None,
                "measure_number": known.measure_number,
                "evaluation_year": known.evaluation_year,
                "title": known.title,
                "judgment": known.judgment,
                "status": known.status,
                "revision": revision.number,
                "updated_at": report.updated_at.isoformat(),
            }
        )
    return json_response(request, {"count": reports.count(), "items": items})


_MULTIPART_FILE = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": "PDF-extracted text, PDF, hyoka xlsx or hyoka JSON",
                        }
                    },
                }
            }
        },
    }
}
_MULTIPART_OVERHEAD = 64 * 1024


@api.post(
    "/reports/import",
    auth=WRITE,
    response={201: ImportOut, 409: DuplicateOut, 413: ErrorOut, **ERRORS},
    openapi_extra=_MULTIPART_FILE,
    tags=["reports"],
)
def import_report(request: HttpRequest, options: Query[ImportQuery]) -> HttpResponse:
    """Create a report from an uploaded file (multipart field ``file``); the caller must be an editor
    of the document's ministry (or an admin). The report goes to the editor's bureau. When a report
    of the same ministry, measure and evaluation year is stored: 409 (nothing written), or with
    ``?existing=revise`` a new revision of that report (docs/workspace.md)."""
    user = caller(request)
    if role(user) not in (str(Role.EDITOR), str(Role.ADMIN)):
        raise ApiError(403, "取込は作成者（または管理者）だけができます")
    limit = settings.HYOKA_MAX_UPLOAD
    too_large = ApiError(413, f"ファイルが大きすぎます（上限 {limit} バイト）")
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > limit + _MULTIPART_OVERHEAD:
        raise too_large
    try:
        upload = request.FILES.get("file")
    except RequestDataTooBig:
        raise too_large from None
    except MultiPartParserError as exc:
        raise ApiError(422, f"multipart/form-data として読めません: {exc}") from None
    if upload is None:
        raise ApiError(422, "multipart/form-data のフィールド file がありません")
    if upload.size is not None and upload.size > limit:
        raise too_large
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise too_large
    name = safe_filename(upload.name or "", fallback="upload")
    try:  # in a child process, within the time and memory budget (docs/operations.md)
        imported = import_upload(
            data,
            name=name,
            seconds=settings.HYOKA_IMPORT_SECONDS,
            memory_bytes=settings.HYOKA_IMPORT_MEMORY_MB * 1024 * 1024,
        )
    except LimitExceeded as exc:
        raise ApiError(413, exc.text("ja")) from None
    except NotAReportError as exc:
        raise ApiError(422, f"評価書として読み込めません: {exc}") from None
    model = imported.report
    if not can_import(user, model.ministry):
        raise ApiError(403, f"{model.ministry} の評価書を取り込む権限がありません")
    m = membership(user)
    is_editor = role(user) == str(Role.EDITOR)
    bureau = m.bureau.name if is_editor and m is not None and m.bureau is not None else None
    reason = f"取込: {name}"
    findings = [f.model_dump(mode="json") for f in imported.findings]
    if options.existing == "revise":
        existing = storage.same_report(
            model.ministry, model.measure_number, model.evaluation_year, model.kind
        )
        if existing is not None:
            return _import_as_revision(request, user, existing, imported, reason)
    try:
        with transaction.atomic():
            report = storage.create_report(
                model, user, reason=reason, bureau=bureau, findings=imported.findings
            )  # the import findings go into the projections with the rules' own
    except storage.NotStorable as exc:
        raise _not_storable(exc) from None
    except storage.DuplicateReport as exc:
        shown_id = exc.existing.pk if can_see(user, exc.existing) else None
        raise ApiError(
            409,
            "同じ府省・施策番号・評価年度・種類の文書が既にあります。"
            "その評価書の新しい版にするには ?existing=revise を付けて送り直してください",
            existing=shown_id,
        ) from None
    return json_response(request, {"id": report.pk, "revision": 1, "findings": findings}, status=201)


def _not_storable(exc: storage.NotStorable) -> ApiError:
    """422 for an imported report the workspace cannot store: each value as a finding with no code."""
    findings: list[dict[str, Any]] = [
        {
            "code": None,
            "severity": Severity.ERROR.value,
            "location": _pointer(problem.path),
            "lines": None,
            "message": problem.message,
            "message_en": problem.message_en,
            "input": None,
            "context": {"type": problem.kind, "limit": problem.limit},
        }
        for problem in exc.problems
    ]
    return ApiError(422, f"この評価書は保存できません: {exc.message}", findings)


def _import_as_revision(
    request: HttpRequest, user: Any, existing: Report, imported: Any, reason: str
) -> HttpResponse:
    """``?existing=revise``: the file becomes a new revision of the stored report of its ministry,
    measure and year, on top of its current revision; the caller must be allowed to edit it."""
    if not can_see(user, existing):
        raise ApiError(
            409, "同じ府省・施策番号・評価年度・種類の文書が既にありますが、閲覧できません", existing=None
        )
    forbid(user, Action.EDIT, existing)
    assert existing.current_revision is not None
    base = existing.current_revision.number
    try:
        saved = storage.save_revision(
            existing.pk, base, imported.report, user, reason, findings=imported.findings
        )
    except storage.NotStorable as exc:
        raise _not_storable(exc) from None
    except storage.StaleRevision as exc:
        raise ApiError(
            409, f"保存中に版 {exc.current.number} が保存されました。送り直してください", existing=existing.pk
        ) from None
    findings = [f.model_dump(mode="json") for f in imported.findings]
    return json_response(
        request, {"id": existing.pk, "revision": saved.number, "findings": findings}, status=201
    )


@api.get(
    "/reports/{id}",
    auth=READ,
    response={200: ReportOut, **READ_ERRORS},
    openapi_extra=OPTIONAL_AUTH,
    tags=["reports"],
)
def get_report(request: HttpRequest, id: ReportId, version: Query[RevisionQuery]) -> HttpResponse:
    """The report as of its newest revision the caller may read, or of ``?revision=``."""
    user = caller(request)
    report = report_or_404(user, id)
    found = _readable_revision(user, report, version.revision)
    payload = {
        "id": report.pk,
        "revision": found.number,
        "status": _shown_status(user, report),
        "report": storage.load_json(found),
    }
    return json_response(request, payload)


@api.post(
    "/reports/{id}/revisions",
    auth=WRITE,
    response={201: RevisionOut, 409: ConflictOut, **BODY_ERRORS, **ERRORS},
    tags=["reports"],
)
def save_revision(request: HttpRequest, id: ReportId, payload: RevisionIn) -> HttpResponse:
    """Save an edited report on top of ``base_revision``; 409 (nothing written) when that is stale."""
    problems = _beyond_storage(payload.report)
    if problems:  # validation problems: answered before who may do what, as pydantic's are
        raise ValidationError(problems)
    user = caller(request)
    report = report_or_404(user, id)
    forbid(user, Action.EDIT, report)
    if payload.report.ministry != report.ministry.name:
        raise ApiError(422, f"府省は変更できません（{report.ministry.name}）")
    try:  # what the workspace cannot store was answered above: storage does not walk the report again
        saved = storage.save_revision(
            report.pk, payload.base_revision, payload.report, user, payload.reason, storable_checked=True
        )
    except storage.StaleRevision as exc:
        current = exc.current
        author = current.author.get_username() if current.author else None
        raise ApiError(
            409,
            f"基にした版 {payload.base_revision} は古くなっています: 版 {current.number} が "
            f"{current.created_at.isoformat()} に {author or '不明'} によって保存されています",
            current_revision=current.number,
            author=author,
            created_at=current.created_at.isoformat(),
        ) from None
    report.refresh_from_db(fields=["status"])
    return json_response(
        request, {"id": report.pk, "revision": saved.number, "status": report.status}, status=201
    )


@api.post(
    "/reports/{id}/transitions",
    auth=WRITE,
    response={200: TransitionOut, 409: ErrorOut, **BODY_ERRORS, **ERRORS},
    tags=["reports"],
)
def transition(request: HttpRequest, id: ReportId, payload: TransitionIn) -> HttpResponse:
    """Move the report through the workflow: submit, return, approve, publish, and withdraw a
    publication (公表取消, admins only); return and withdraw need the reason as the comment."""
    if payload.action in storage.NEEDS_COMMENT and not re.search(NOT_BLANK, payload.comment):
        raise ValidationError(  # the schema's if/then: a validation problem, answered first
            [
                {
                    "loc": ("body", "payload", "comment"),
                    "msg": "Field required (the reason of return and withdraw)",
                    "type": "missing",
                }
            ]
        )
    user = caller(request)
    report = report_or_404(user, id)
    forbid(user, Action(payload.action), report)
    try:
        record = storage.transition(report.pk, payload.action, user, payload.comment)
    except storage.TransitionError as exc:
        raise ApiError(409, f"状態を変えられません: {exc}") from None
    return json_response(request, transition_json(report.pk, record, user))


def transition_json(report_id: int, record: Transition, user: Any) -> dict[str, Any]:
    """A logged workflow step (``Transition``) as ``TransitionOut``."""
    return {
        "id": report_id,
        "action": record.action,
        "from_status": record.from_status,
        "status": record.to_status,
        "revision": record.revision.number,
        "actor": user.get_username(),
        "at": record.at.isoformat(),
        "comment": record.comment,
    }


@api.get(
    "/reports/{id}/check",
    auth=READ,
    response={200: CheckOut, **READ_ERRORS},
    openapi_extra=OPTIONAL_AUTH,
    tags=["reports"],
)
def check(request: HttpRequest, id: ReportId, version: Query[RevisionQuery]) -> HttpResponse:
    """The rules on the report: findings and grade proposals, as ``hyoka check --format json``."""
    user = caller(request)
    report = report_or_404(user, id)
    model = storage.load(_readable_revision(user, report, version.revision))
    return json_response(request, check_report_result(model).to_json())


_EXPORT_FORMATS = render_formats()
"""The formats of ``export.{fmt}``: every format of the registry (``hyoka.renderers.formats``) when
the API is defined, with the media type each is sent as (its ``file_media_type``)."""
_EXPORT_TYPES = {f.name: f.bare_media_type for f in _EXPORT_FORMATS}
if TYPE_CHECKING:
    ExportFormat = str
else:
    ExportFormat = Literal[tuple(_EXPORT_TYPES)]


def _export_content(fmt: str) -> dict[str, Any]:
    if fmt == "json":  # hyoka JSON is the report itself
        return {"schema": {"$ref": "#/components/schemas/EvaluationReport"}}
    if fmt in {f.name for f in _EXPORT_FORMATS if f.binary or f.several_files}:
        return {"schema": {"type": "string", "format": "binary"}}
    return {"schema": {"type": "string"}}


@api.get(
    "/reports/{id}/export.{fmt}",
    auth=READ,
    response={200: None, 503: ErrorOut, **READ_ERRORS},
    openapi_extra={
        **OPTIONAL_AUTH,
        "responses": {
            200: {
                "description": "the file, by fmt: "
                + ", ".join(f"{f.name} ({f.label_en}, {f.file_media_type})" for f in _EXPORT_FORMATS)
                + "; csv is a zip of indicators.csv, budget.csv, budget_sheet.csv (Japanese headers) "
                "and columns.csv (each column's English key), json the report as hyoka JSON",
                "content": {media: _export_content(fmt) for fmt, media in _EXPORT_TYPES.items()},
            }
        },
    },
    tags=["reports"],
)
def export(
    request: HttpRequest,
    id: ReportId,
    fmt: ExportFormat,
    version: Query[RevisionQuery],
) -> HttpResponse:
    """The report as a file in any registered format: HTML and PDF (official layout), Excel, CSV
    (zip of the three tables), JSON, text."""
    user = caller(request)
    report = report_or_404(user, id)
    revision = _readable_revision(user, report, version.revision)
    try:  # the PDF of a revision is laid out once and kept (downloads.py)
        found = download(revision, fmt, "ja")
    except RenderError as exc:
        raise ApiError(503, f"出力できません: {exc}") from None
    response = HttpResponse(found.data, content_type=found.media_type)
    response["Content-Disposition"] = content_disposition_header(True, found.name)
    patch_vary_headers(response, ["Authorization", "Cookie"])
    return response


# --- the next cycle and a measure across years (docs/cycle.md) -----------------------------------


class NextCycleOut(Schema):
    id: int = Field(description="the new draft report")
    revision: int


class ExistingOut(ErrorOut):
    existing: int | None = Field(description="the next year's report of the measure, when that is the reason")


class JudgmentOut(Schema):
    tier: str | None
    label: str | None
    letter: str | None
    monitoring_only: bool


class AcrossReportOut(Schema):
    id: int
    evaluation_year: int
    title: str
    revision: int = Field(description="the revision read (the published one for public readers)")
    window: list[int]
    judgment: JudgmentOut


class MemberOut(Schema):
    report: int
    indicator_id: str
    name: str
    matched_by: Literal["id_and_name", "name", "link"] | None = Field(description="null for the first")


class SeriesOut(Schema):
    key: str | None
    name: str
    unit: str | None


class PointOut(Schema):
    fiscal_year: int
    series: str | None
    target: float | None
    actual: float | None
    target_from: int | None = Field(description="the report the target shown comes from")
    actual_from: int | None


class ToldOut(Schema):
    report: int
    value: float


class ConflictValuesOut(Schema):
    fiscal_year: int
    series: str | None
    row: Literal["target", "actual"]
    values: list[ToldOut]


class GradeOut(Schema):
    report: int
    grade: str | None


class IndicatorAcrossOut(Schema):
    id: str
    name: str
    kind: str
    is_main: bool
    members: list[MemberOut]
    series: list[SeriesOut]
    points: list[PointOut]
    conflicts: list[ConflictValuesOut]
    grades: list[GradeOut]


class NamedIndicatorOut(Schema):
    id: str
    name: str


class UnmatchedOut(Schema):
    earlier: int
    later: int
    ended: list[NamedIndicatorOut]
    started: list[NamedIndicatorOut]


class LinkOut(Schema):
    id: int
    earlier: int
    earlier_indicator: str
    later: int
    later_indicator: str
    used: bool


class AcrossYearsOut(Schema):
    ministry: str | None
    measure_number: str | None
    reports: list[AcrossReportOut]
    indicators: list[IndicatorAcrossOut]
    unmatched: list[UnmatchedOut]
    links: list[LinkOut]


@api.post(
    "/reports/{id}/next-cycle",
    auth=WRITE,
    response={201: NextCycleOut, 409: ExistingOut, **ERRORS},
    tags=["reports"],
)
def next_cycle(request: HttpRequest, id: ReportId) -> HttpResponse:
    """Create the next cycle's draft of a published report (an editor of its bureau, a reviewer of
    its ministry, an admin); 409 when it is not published or the next year's report exists."""
    user = caller(request)
    report = report_or_404(user, id)
    if not carry.may_carry_forward(user, report):
        raise ApiError(403, "この評価書から次期の評価書を作成する権限がありません")
    try:
        created = carry.carry_forward(report.pk, user)
    except carry.NotPublished:
        raise ApiError(
            409, "公表されていない評価書からは次期の評価書を作成できません", existing=None
        ) from None
    except carry.AlreadyCarried as exc:
        shown = exc.existing.pk if can_see(user, exc.existing) else None
        raise ApiError(409, "この施策の次の年度の評価書はすでにあります", existing=shown) from None
    return json_response(request, {"id": created.pk, "revision": 1}, status=201)


@api.get(
    "/reports/{id}/across-years",
    auth=READ,
    response={200: AcrossYearsOut, **READ_ERRORS},
    openapi_extra=OPTIONAL_AUTH,
    tags=["reports"],
)
def across_years(request: HttpRequest, id: ReportId) -> HttpResponse:
    """The measure of this report across years: its reports the caller may read, each indicator's
    series (the later report's value where windows overlap), conflicts, grades and hand links."""
    user = caller(request)
    report = report_or_404(user, id)
    return json_response(request, history_to_json(measure_view(user, report)))


# --- the portfolio: dashboards and the target audit (docs/portfolio.md) --------------------------


class PortfolioQuery(Schema):
    ministry: str = Field(
        "", max_length=100, pattern=NO_NUL, description="府省名（完全一致。省略時はすべて）"
    )
    fiscal_year: int | None = Field(
        None, ge=FIRST_YEAR, le=LAST_YEAR, description="評価年度（西暦。省略時はすべて）"
    )
    limit: int = Field(20, ge=0, le=200, description="各一覧に含める件数（先頭から）")


class PortfolioListQuery(Schema):
    ministry: str = Field("", max_length=100, pattern=NO_NUL, description="府省名（完全一致）")
    fiscal_year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR, description="評価年度（西暦）")
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=MAX_INT32)


class PortfolioOut(Schema):
    """``Portfolio.to_json``: see docs/portfolio.md for every field."""

    filters: dict[str, Any]
    ministries: list[str]
    years: list[int]
    judgments: dict[str, Any] = Field(description="columns, rows per ministry × evaluation year, total")
    grades: dict[str, Any] = Field(description="rows, total, disagreements (first limit), count")
    budget: dict[str, Any] = Field(description="low_execution, rows, total, lowest (first limit), count")
    audit: dict[str, Any] = Field(description="per kind: count and entries (first limit)")


class PortfolioListOut(Schema):
    count: int
    items: list[dict[str, Any]] = Field(description="audit entries (or disagreements, execution rates)")


@api.get(
    "/portfolio",
    auth=READ,
    response={200: PortfolioOut, **READ_ERRORS},
    openapi_extra=OPTIONAL_AUTH,
    tags=["portfolio"],
)
def portfolio(request: HttpRequest, filters: Query[PortfolioQuery]) -> HttpResponse:
    """The dashboard's panels over the reports the caller may see (the public: published numbers only)."""
    scope = dashboards.scope_for(caller(request))
    data = dashboards.portfolio_json(scope, filters.ministry or None, filters.fiscal_year, filters.limit)
    return json_response(request, data)


@api.get(
    "/portfolio/audit/{kind}",
    auth=READ,
    response={200: PortfolioListOut, **READ_ERRORS},
    openapi_extra=OPTIONAL_AUTH,
    tags=["portfolio"],
)
def portfolio_list(
    request: HttpRequest,
    kind: Literal["softened", "repeated_misses", "far_above", "main_without_numbers", "grades", "budget"],
    filters: Query[PortfolioListQuery],
) -> HttpResponse:
    """One list of the portfolio, paged: an audit list, the grade disagreements or the execution rates."""
    scope = dashboards.scope_for(caller(request))
    data = dashboards.list_json(
        scope, kind, filters.ministry or None, filters.fiscal_year, filters.limit, filters.offset
    )
    return json_response(request, data)
