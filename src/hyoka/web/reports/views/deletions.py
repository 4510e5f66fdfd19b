"""The deletion log (admins only): every draft an admin deleted, newest first — who, when, why,
what the report was — and each one's last document as JSON, so that nothing written is lost
(docs/workspace.md, Workflow)."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from hyoka.web.reports.display import STATUS_LABELS, year_label
from hyoka.web.reports.models import DeletionLog, Role, Status
from hyoka.web.reports.permissions import role

PAGE_SIZE = 50


def _require_admin(request: HttpRequest) -> None:
    """403 for anyone but an admin (who alone deletes, ``permissions.Action.DELETE``)."""
    if role(request.user) != Role.ADMIN:
        raise PermissionDenied


@login_required
@require_GET
def deletion_log(request: HttpRequest) -> HttpResponse:
    """The deletions, newest first, a page of ``PAGE_SIZE`` at a time."""
    _require_admin(request)
    logs = DeletionLog.objects.select_related("actor").defer("data").order_by("-at", "-id")
    page = Paginator(logs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {
            "log": log,
            "at": timezone.localtime(log.at),
            "year": year_label(log.evaluation_year),
            "status": str(STATUS_LABELS.get(Status(log.status), log.status))
            if log.status in Status.values
            else log.status,
        }
        for log in page.object_list
    ]
    return render(request, "reports/deletions.html", {"page": page, "rows": rows})


@login_required
@require_GET
def deletion_document(request: HttpRequest, pk: int) -> HttpResponse:
    """The deleted report's last document, as it was stored (our JSON: ``hyoka import`` and the
    import page read it back)."""
    _require_admin(request)
    log = get_object_or_404(DeletionLog, pk=pk)
    body = json.dumps(log.data, ensure_ascii=False, indent=2) + "\n"
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    name = f"deleted-report-{log.report_id}-{log.evaluation_year}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
