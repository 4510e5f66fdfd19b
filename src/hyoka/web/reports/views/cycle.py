"""The next cycle from the report page: 「次期の評価書を作成」 creates the draft of the measure's
next evaluation from a published report (``carry_forward``) and opens it for editing.

404 when the report must not be seen at all, 403 when it may be seen but not carried forward by
this person; a report that is not published, or whose next year's report exists already, is
refused with a message on the report page (and a link to the existing report).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hyoka.web.reports.carry_forward import AlreadyCarried, NotPublished, carry_forward, may_carry_forward
from hyoka.web.reports.models import Report
from hyoka.web.reports.permissions import Action, can, can_see

__all__ = ["next_cycle"]


@login_required
@require_POST
def next_cycle(request: HttpRequest, pk: int) -> HttpResponse:
    """POST: create the next cycle's draft and go to its editing page (its indicators, where the
    briefs are shown), or to its report page for a reviewer, who does not edit."""
    report = Report.objects.select_related("ministry", "bureau").filter(pk=pk).first()
    if report is None or not can_see(request.user, report):
        raise Http404
    if not may_carry_forward(request.user, report):
        raise PermissionDenied
    try:
        created = carry_forward(report.pk, request.user)
    except NotPublished:
        messages.error(request, _("公表されていない評価書からは次期の評価書を作成できません。"))
        return redirect("report-detail", report.pk)
    except AlreadyCarried as exc:
        existing = exc.existing
        if can_see(request.user, existing):
            messages.error(
                request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    _("この施策の次の年度の評価書はすでにあります。"),
                    reverse("report-detail", args=[existing.pk]),
                    f"{existing.measure_number} {existing.title}（{existing.evaluation_year}）",
                ),
            )
        else:
            messages.error(
                request,
                _("この施策の次の年度の評価書はすでにあります（閲覧の権限がありません）。"),
            )
        return redirect("report-detail", report.pk)
    messages.success(
        request,
        _(
            "次期の評価書の案を作成しました（版 1）。"
            "年度目標を、前期の「次期目標等への反映の方向性」を見ながら記入してください。"
        ),
    )
    if can(request.user, Action.EDIT, created):
        return redirect("report-edit", pk=created.pk, section="indicators")
    return redirect("report-detail", created.pk)
