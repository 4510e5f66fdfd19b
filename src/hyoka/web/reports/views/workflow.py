"""The workflow: submitting, reviewing, publishing (the transitions) and the experts' opinions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hyoka.web.reports import storage
from hyoka.web.reports.display import lang
from hyoka.web.reports.forms import (
    ACTION_LABELS,
    OpinionForm,
    TransitionForm,
)
from hyoka.web.reports.models import Revision
from hyoka.web.reports.permissions import Action
from hyoka.web.reports.views.common import (
    conflict_message,
    current_revision,
    require,
    safe_next,
    trail_report,
    transition_rows,
    visible_report,
    workflow_actions,
)

OPINION_REASON = "有識者の所見を追加"


@login_required
@require_http_methods(["GET", "POST"])
def add_opinion(request: HttpRequest, pk: int) -> HttpResponse:
    """An expert adds an opinion: a new revision with the opinion appended."""
    report = visible_report(request, pk)
    require(request, Action.ADD_OPINION, report)
    current = current_revision(report)
    model = storage.load(current)
    conflict: Revision | None = None
    status = 200
    if request.method == "POST":
        # appending commutes with any other change, so it is applied to the latest revision
        form = OpinionForm(model, request.POST, base_revision=current.number)
        if form.is_valid() and (changed := form.apply()) is not None:
            try:
                storage.save_revision(report.pk, current.number, changed, request.user, OPINION_REASON)
            except storage.NotStorable as refused:
                form.add_error(None, refused.text(lang()))
                status = 422
            except storage.StaleRevision as stale:
                conflict = stale.current
                status = 409
            else:
                messages.success(request, _("所見を追加しました。"))
                return redirect("report-opinion", pk=report.pk)
        else:
            status = 400
    else:
        form = OpinionForm(model, base_revision=current.number)
    context = {
        "report": report,
        "current": current,
        "form": form,
        "opinions": model.expert_opinions,
        "conflict": conflict,
        "conflict_message": conflict_message(conflict) if conflict else "",
    }
    return render(request, "reports/opinion.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def transition(request: HttpRequest, pk: int) -> HttpResponse:
    """The workflow buttons: submit, return (with a comment), approve, publish; and the trail of
    the workflow (for those who work on the report only, like the history)."""
    report = trail_report(request, pk)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in ACTION_LABELS:
            return HttpResponseBadRequest()
        require(request, Action(action), report)
        form = TransitionForm(request.POST)
        if form.is_valid():
            label = ACTION_LABELS[action]
            try:
                storage.transition(report.pk, action, request.user, form.cleaned_data["comment"].strip())
            except storage.TransitionError as exc:
                messages.error(
                    request,
                    _("「%(action)s」できませんでした: %(reason)s") % {"action": label, "reason": exc},
                )
            else:
                messages.success(request, _("「%(action)s」しました。") % {"action": label})
            return redirect(safe_next(request, reverse("report-history", args=[report.pk])))
        status = 400
    else:
        form = TransitionForm()
        status = 200
    context = {
        "report": report,
        "transition_form": form,
        "workflow_actions": workflow_actions(request, report),
        "transitions": transition_rows(report),
    }
    return render(request, "reports/transition.html", context, status=status)
