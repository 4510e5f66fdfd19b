"""The API's steps of the workspace beyond editing and the workflow's transitions: sharing a report
with the advisory group (政策評価アドバイザー・グループ) and deleting a report never published. The
withdrawal of a publication (公表取消) is a transition (``POST /api/reports/{id}/transitions``,
api.py). See docs/api.md; who may is ``hyoka.web.reports.permissions``, the steps themselves are
``hyoka.web.reports.storage``, as on the pages (``reports/views/workflow.py``).

``router`` holds what has a path of its own; the deletion is declared on ``api`` itself, because
``DELETE /reports/{id}`` shares its path with ``GET /reports/{id}``: Django sends every method of a
path to the view of the first router that has the path, so in a router of its own it would be a
405. ``hyoka.web.urls`` mounts ``router`` (importing this module) before it mounts ``api.urls``.
"""

from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from ninja import Field, Query, Router, Schema
from pydantic import StringConstraints

from hyoka.web.api import (
    BODY_ERRORS,
    ERRORS,
    NOT_BLANK_TEXT,
    ApiError,
    ErrorOut,
    ReportId,
    TransitionOut,
    api,
    forbid,
    json_response,
    report_or_404,
    transition_json,
)
from hyoka.web.auth import WRITE, caller
from hyoka.web.reports import storage
from hyoka.web.reports.permissions import Action

__all__ = ["router"]

router = Router(tags=["reports"])


class SharingIn(Schema):
    shared: bool = Field(strict=True, description="true: 有識者と共有する／false: 共有を解除する")


class SharingOut(Schema):
    id: int
    shared: bool = Field(description="whether the report is now shared with the advisory group")
    transition: TransitionOut | None = Field(
        description="the logged share or unshare step; null when the report already was so (nothing logged)"
    )


@router.post(
    "/reports/{id}/sharing",
    auth=WRITE,
    response={200: SharingOut, **BODY_ERRORS, **ERRORS},
)
def sharing(request: HttpRequest, id: ReportId, payload: SharingIn) -> HttpResponse:
    """Share the report with the advisory group (``{"shared": true}``) or stop (``false``): a
    reviewer of its ministry, or an admin. Logged as a ``share``/``unshare`` step that changes no
    status; asking for what already is so changes and logs nothing."""
    user = caller(request)
    report = report_or_404(user, id)
    forbid(user, Action.SHARE, report)
    try:
        record = storage.share(report.pk, user, payload.shared)
    except storage.TransitionError:  # it already is so (storage checked under the row's lock)
        return json_response(request, {"id": report.pk, "shared": payload.shared, "transition": None})
    step = transition_json(report.pk, record, user)
    return json_response(request, {"id": report.pk, "shared": payload.shared, "transition": step})


DeletionReason = Annotated[str, StringConstraints(max_length=2000, pattern=NOT_BLANK_TEXT)]
"""The reason of a deletion: not blank (the deletion log keeps it), at most 2000 characters, as on
the page (``forms.DeleteForm``)."""


class DeletionQuery(Schema):
    reason: DeletionReason = Field(description="削除の理由（必須。削除の記録に残る）")


@api.delete(
    "/reports/{id}",
    auth=WRITE,
    response={204: None, 409: ErrorOut, **ERRORS},
    tags=["reports"],
)
def delete_report(request: HttpRequest, id: ReportId, query: Query[DeletionQuery]) -> HttpResponse:
    """Delete a report that has no published revision (an admin only), with its revisions and
    trail; what it was, its last revision's document and the reason stay in the deletion log. A
    published report is withdrawn first (``withdraw``): 409."""
    user = caller(request)
    report = report_or_404(user, id)
    forbid(user, Action.DELETE, report)
    try:
        storage.delete_report(report.pk, user, query.reason)
    except storage.NotDeletable as exc:
        raise ApiError(409, f"削除できません: {exc}") from None
    response = HttpResponse(status=204)
    patch_vary_headers(response, ["Authorization", "Cookie"])
    return response
