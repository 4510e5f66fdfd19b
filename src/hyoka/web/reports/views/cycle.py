"""The next cycle from the report page: 「作成」 creates, from a published report, the draft of the
measure's next document (``carry_forward``) and opens it for editing: the person chooses
「次年度の評価書」 (``document=評価書``, the default) or 「次年度の事前分析表」 (``document=事前分析表``).

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
from hyoka.web.reports.display import year_label
from hyoka.web.reports.models import Report
from hyoka.web.reports.permissions import Action, can, can_see

__all__ = ["DOCUMENTS", "next_cycle"]

DOCUMENTS = ("評価書", "事前分析表")
"""What the next cycle's draft may be (the form's ``document``): the next year's 評価書 or 事前分析表."""


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
    document = request.POST.get("document", DOCUMENTS[0])
    if document not in DOCUMENTS:
        messages.error(request, _("作成する文書の種類を選んでください（次年度の評価書または事前分析表）。"))
        return redirect("report-detail", report.pk)
    pre_analysis = document == DOCUMENTS[1]
    try:
        created = carry_forward(report.pk, request.user, pre_analysis=pre_analysis)
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
                    _("この施策の次年度の事前分析表はすでにあります。")
                    if pre_analysis
                    else _("この施策の次の年度の評価書はすでにあります。"),
                    reverse("report-detail", args=[existing.pk]),
                    f"{existing.measure_number} {existing.title}（{year_label(existing.evaluation_year)}）",
                ),
            )
        else:
            messages.error(
                request,
                _("この施策の次年度の事前分析表はすでにあります（閲覧の権限がありません）。")
                if pre_analysis
                else _("この施策の次の年度の評価書はすでにあります（閲覧の権限がありません）。"),
            )
        return redirect("report-detail", report.pk)
    if pre_analysis:
        messages.success(
            request,
            _(
                "次年度の事前分析表の案を作成しました（版 1）。基準値は直近の実績値から hyoka が補った値です"
                "（※印）。年度ごとの目標値と選定理由を記入してください。"
            ),
        )
    else:
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
