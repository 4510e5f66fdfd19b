"""The REST API (django-ninja), mounted at /api/; OpenAPI at /api/openapi.json. See docs/api.md.

Clients send ``Authorization: Bearer TOKEN`` (``hyoka.web.auth``); the browser uses its session
(CSRF-checked on writes). Reads are open to everyone for published reports. Who may do what is
``hyoka.web.reports.permissions``; saving and the workflow are ``hyoka.web.reports.storage``;
importing, checking and rendering are ``hyoka.services``. This module only translates HTTP.

Every error is ``{"detail": 一行の説明, "findings": [...]}``: ``findings`` holds the document
findings (the ``Issue`` record) when there are any, request validation problems (422) in the same
shape with ``"code": null``, and is empty for plain HTTP errors (401, 403, 404, 413, …).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import wraps
from typing import Annotated, Any, Literal

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.cache import patch_vary_headers
from django.utils.http import content_disposition_header
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.renderers import JSONRenderer
from pydantic import StringConstraints

from hyoka.core import EvaluationReport, Issue, Severity, SourceSpan
from hyoka.services import NotAReportError, RenderError, import_data, render_report, safe_filename
from hyoka.services.model_checks import check_report_result
from hyoka.web.auth import READ, WRITE, caller
from hyoka.web.reports import carry_forward as carry
from hyoka.web.reports import storage
from hyoka.web.reports.across_years import history_to_json, measure_view
from hyoka.web.reports.models import Report, Revision, Role, Status
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
from hyoka.web.reports.views import portfolio as dashboards

__all__ = ["api"]


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


api = NinjaAPI(
    title="hyoka API",
    version="1",
    description="政策評価書の検索・取込・編集・ワークフロー・検査・出力。docs/api.md を参照。",
    urls_namespace="api",
    renderer=JapaneseJSONRenderer(),
    docs_decorator=_openapi_unescaped,
)

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
    q: str = Field("", max_length=200, description="日本語全文検索（物語部分）")
    ministry: str = Field("", max_length=100, description="府省名（完全一致）")
    fiscal_year: int | None = Field(None, description="評価年度（西暦。令和2年度 → 2020）")
    status: Status | None = Field(None, description="ワークフローの状態")
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0)


class RevisionQuery(Schema):
    revision: int | None = Field(None, ge=1, description="版番号（省略時は読める最新の版）")


class ReportSummary(Schema):
    id: int
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


Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class RevisionIn(Schema):
    base_revision: int = Field(ge=1, description="the revision the edit started from")
    reason: Reason
    report: EvaluationReport


class RevisionOut(Schema):
    id: int
    revision: int
    status: Status


class TransitionIn(Schema):
    action: Literal["submit", "return", "approve", "publish"]
    comment: str = Field("", max_length=5000)


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
    """An error response: status, one-line detail, document findings and extra fields."""

    def __init__(self, status: int, detail: str, findings: Sequence[Issue] = (), **extra: Any) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = _one_line(detail)
        self.findings = list(findings)
        self.extra = extra


def _json(request: HttpRequest, payload: Any, status: int = 200) -> HttpResponse:
    """A response built from JSON-ready data (no second validation of a whole report)."""
    response = api.create_response(request, payload, status=status)
    patch_vary_headers(response, ["Authorization", "Cookie"])  # what is visible depends on who asks
    return response


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _error(request: HttpRequest, status: int, detail: str, findings: list[dict[str, Any]]) -> HttpResponse:
    return _json(request, {"detail": _one_line(detail), "findings": findings}, status=status)


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    payload = {
        "detail": exc.detail,
        "findings": [f.model_dump(mode="json") for f in exc.findings],
        **exc.extra,
    }
    return _json(request, payload, status=exc.status)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = _error(request, 401, "認証が必要です（Authorization: Bearer トークン、またはログイン）", [])
    response["WWW-Authenticate"] = 'Bearer realm="hyoka"'
    return response


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, str(exc), [])


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, "見つかりません", [])


def _pointer(parts: Sequence[Any]) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """422: each pydantic problem as a finding with no code, located by a JSON pointer."""
    findings = []
    for error in exc.errors:
        source, *rest = error.get("loc") or ("body",)
        if source == "body" and rest:
            rest = rest[1:]  # the operation's body parameter
        findings.append(
            {
                "code": None,
                "severity": Severity.ERROR.value,
                "location": _pointer(rest),
                "lines": None,
                "message": f"入力が正しくありません: {error.get('msg', '')}",
                "message_en": f"invalid input: {error.get('msg', '')}",
                "input": None,
                "context": {"in": source, "type": error.get("type", "")},
            }
        )
    first = findings[0] if findings else {"location": "", "message_en": ""}
    where = first["location"] or "/"
    detail = f"入力が正しくありません（{len(findings)} 件。最初は {where}: {first['message_en']}）"
    return _error(request, 422, detail, findings)


ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
READ_ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
OPTIONAL_AUTH: dict[str, Any] = {"security": [{}]}
"""OpenAPI: reads may also be made without credentials (published reports only)."""

# --- helpers -------------------------------------------------------------------------------------


def _report(user: Any, report_id: int) -> Report:
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


_ACTION_LABELS = {"edit": "編集", "submit": "提出", "return": "差戻し", "approve": "承認", "publish": "公表"}


def _forbid(user: Any, action: Action, report: Report) -> None:
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
    if filters.ministry:
        reports = reports.filter(ministry__name=filters.ministry)
    if filters.fiscal_year is not None:
        reports = reports.filter(evaluation_year=filters.fiscal_year)
    if filters.status is not None:
        reports = reports.filter(status=filters.status)
    reports = reports.select_related("ministry", "bureau", "current_revision", "published_revision").defer(
        "current_revision__data", "published_revision__data"
    )
    reports = search_visible(
        filters.q, reports, current_scope(user)
    )  # every term of q, most recently updated first
    items = []
    for report in reports[filters.offset : filters.offset + filters.limit]:
        revision = _readable_revision(user, report, None)
        items.append(
            {
                "id": report.pk,
                "ministry": report.ministry.name,
                "bureau": report.bureau.name if report.bureau else None,
                "measure_number": report.measure_number,
                "evaluation_year": report.evaluation_year,
                "title": report.title if sees_current(user, report) else report.published_title,
                "judgment": report.judgment if sees_current(user, report) else report.published_judgment,
                "status": _shown_status(user, report),
                "revision": revision.number,
                "updated_at": report.updated_at.isoformat(),
            }
        )
    return _json(request, {"count": reports.count(), "items": items})


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
    response={201: ImportOut, 413: ErrorOut, **ERRORS},
    openapi_extra=_MULTIPART_FILE,
    tags=["reports"],
)
def import_report(request: HttpRequest) -> HttpResponse:
    """Create a report from an uploaded file (multipart field ``file``); the caller must be an editor
    of the document's ministry (or an admin). The report goes to the editor's bureau."""
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
    try:
        imported = import_data(data, name=name)
    except NotAReportError as exc:
        raise ApiError(422, f"評価書として読み込めません: {exc}") from None
    model = imported.report
    if not can_import(user, model.ministry):
        raise ApiError(403, f"{model.ministry} の評価書を取り込む権限がありません")
    m = membership(user)
    is_editor = role(user) == str(Role.EDITOR)
    bureau = m.bureau.name if is_editor and m is not None and m.bureau is not None else None
    with transaction.atomic():
        report = storage.create_report(model, user, reason=f"取込: {name}", bureau=bureau)
        storage.rebuild_projections(report, model, imported.findings)  # the import findings too
    findings = [f.model_dump(mode="json") for f in imported.findings]
    return _json(request, {"id": report.pk, "revision": 1, "findings": findings}, status=201)


@api.get(
    "/reports/{id}",
    auth=READ,
    response={200: ReportOut, **READ_ERRORS},
    openapi_extra=OPTIONAL_AUTH,
    tags=["reports"],
)
def get_report(request: HttpRequest, id: int, version: Query[RevisionQuery]) -> HttpResponse:
    """The report as of its newest revision the caller may read, or of ``?revision=``."""
    user = caller(request)
    report = _report(user, id)
    found = _readable_revision(user, report, version.revision)
    model = storage.load(found)
    payload = {
        "id": report.pk,
        "revision": found.number,
        "status": _shown_status(user, report),
        "report": model.model_dump(mode="json"),
    }
    return _json(request, payload)


@api.post(
    "/reports/{id}/revisions",
    auth=WRITE,
    response={201: RevisionOut, 409: ConflictOut, **ERRORS},
    tags=["reports"],
)
def save_revision(request: HttpRequest, id: int, payload: RevisionIn) -> HttpResponse:
    """Save an edited report on top of ``base_revision``; 409 (nothing written) when that is stale."""
    user = caller(request)
    report = _report(user, id)
    _forbid(user, Action.EDIT, report)
    if payload.report.ministry != report.ministry.name:
        raise ApiError(422, f"府省は変更できません（{report.ministry.name}）")
    try:
        saved = storage.save_revision(report.pk, payload.base_revision, payload.report, user, payload.reason)
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
    return _json(request, {"id": report.pk, "revision": saved.number, "status": report.status}, status=201)


@api.post(
    "/reports/{id}/transitions",
    auth=WRITE,
    response={200: TransitionOut, 409: ErrorOut, **ERRORS},
    tags=["reports"],
)
def transition(request: HttpRequest, id: int, payload: TransitionIn) -> HttpResponse:
    """Move the report through the workflow: submit, return, approve, publish."""
    user = caller(request)
    report = _report(user, id)
    _forbid(user, Action(payload.action), report)
    try:
        record = storage.transition(report.pk, payload.action, user, payload.comment)
    except storage.TransitionError as exc:
        raise ApiError(409, f"状態を変えられません: {exc}") from None
    return _json(
        request,
        {
            "id": report.pk,
            "action": record.action,
            "from_status": record.from_status,
            "status": record.to_status,
            "revision": record.revision.number,
            "actor": user.get_username(),
            "at": record.at.isoformat(),
            "comment": record.comment,
        },
    )


@api.get(
    "/reports/{id}/check",
    auth=READ,
    response={200: CheckOut, **READ_ERRORS},
    openapi_extra=OPTIONAL_AUTH,
    tags=["reports"],
)
def check(request: HttpRequest, id: int, version: Query[RevisionQuery]) -> HttpResponse:
    """The rules on the report: findings and grade proposals, as ``hyoka check --format json``."""
    user = caller(request)
    report = _report(user, id)
    model = storage.load(_readable_revision(user, report, version.revision))
    return _json(request, check_report_result(model).to_json())


_EXPORT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "application/zip",
    "json": "application/json",
}


@api.get(
    "/reports/{id}/export.{fmt}",
    auth=READ,
    response={200: None, 503: ErrorOut, **READ_ERRORS},
    openapi_extra={
        **OPTIONAL_AUTH,
        "responses": {
            200: {
                "description": "the file (csv: a zip of indicators.csv, budget.csv, budget_sheet.csv)",
                "content": {
                    media: {"schema": {"type": "string", "format": "binary"}}
                    for media in _EXPORT_TYPES.values()
                },
            }
        },
    },
    tags=["reports"],
)
def export(
    request: HttpRequest,
    id: int,
    fmt: Literal["pdf", "xlsx", "csv", "json"],
    version: Query[RevisionQuery],
) -> HttpResponse:
    """The report as a file: PDF (official layout), Excel, CSV (zip of the three tables) or JSON."""
    user = caller(request)
    report = _report(user, id)
    model = storage.load(_readable_revision(user, report, version.revision))
    try:
        output = render_report(model, fmt)
    except RenderError as exc:
        raise ApiError(503, f"出力できません: {exc}") from None
    body = output.zip_bytes() if isinstance(output.data, dict) else output.data
    media_type = _EXPORT_TYPES[fmt]
    if fmt == "json":
        media_type += "; charset=utf-8"
    response = HttpResponse(body, content_type=media_type)
    response["Content-Disposition"] = content_disposition_header(True, output.suggested_name)
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
def next_cycle(request: HttpRequest, id: int) -> HttpResponse:
    """Create the next cycle's draft of a published report (an editor of its bureau, a reviewer of
    its ministry, an admin); 409 when it is not published or the next year's report exists."""
    user = caller(request)
    report = _report(user, id)
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
    return _json(request, {"id": created.pk, "revision": 1}, status=201)


@api.get(
    "/reports/{id}/across-years",
    auth=READ,
    response={200: AcrossYearsOut, **READ_ERRORS},
    openapi_extra=OPTIONAL_AUTH,
    tags=["reports"],
)
def across_years(request: HttpRequest, id: int) -> HttpResponse:
    """The measure of this report across years: its reports the caller may read, each indicator's
    series (the later report's value where windows overlap), conflicts, grades and hand links."""
    user = caller(request)
    report = _report(user, id)
    return _json(request, history_to_json(measure_view(user, report)))


# --- the portfolio: dashboards and the target audit (docs/portfolio.md) --------------------------


class PortfolioQuery(Schema):
    ministry: str = Field("", max_length=100, description="府省名（完全一致。省略時はすべて）")
    fiscal_year: int | None = Field(None, ge=1868, le=2200, description="評価年度（西暦。省略時はすべて）")
    limit: int = Field(20, ge=0, le=200, description="各一覧に含める件数（先頭から）")


class PortfolioListQuery(Schema):
    ministry: str = Field("", max_length=100, description="府省名（完全一致）")
    fiscal_year: int | None = Field(None, ge=1868, le=2200, description="評価年度（西暦）")
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0)


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
    return _json(request, data)


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
    return _json(request, data)
