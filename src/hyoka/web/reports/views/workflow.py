"""The workflow: submitting, reviewing, publishing and withdrawing (the transitions, with their
confirmation step), sharing with the advisory group, the experts' opinions, and an admin's
deletion of a report never published.

Every step ends on the report's page with a message saying what happened (the page the step was
pressed on, an edit form say, may no longer be the person's to use). Publishing, withdrawing and
submitting with open errors first show a confirmation step (a page; no JavaScript needed)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hyoka.web.reports import storage
from hyoka.web.reports.display import STATUS_LABELS, lang
from hyoka.web.reports.finding_table import finding_table
from hyoka.web.reports.forms import ACTION_LABELS, DeleteForm, OpinionForm, TransitionForm
from hyoka.web.reports.models import Report, Status
from hyoka.web.reports.permissions import Action
from hyoka.web.reports.views.common import (
    current_revision,
    open_errors,
    require,
    trail_report,
    transition_rows,
    visible_report,
    workflow_actions,
)

CONFIRMED_ALWAYS = ("publish", "withdraw")
"""The steps that always ask for a confirmation first."""


def _to_report(report: Report) -> HttpResponse:
    return redirect("report-detail", pk=report.pk)


@login_required
@require_http_methods(["GET", "POST"])
def add_opinion(request: HttpRequest, pk: int) -> HttpResponse:
    """An expert adds an opinion: a new revision with the opinion appended; the report's status
    does not change (``storage.add_opinion``)."""
    report = visible_report(request, pk)
    require(request, Action.ADD_OPINION, report)
    current = current_revision(report)
    model = storage.load(current)
    status = 200
    if request.method == "POST":
        form = OpinionForm(model, request.POST, base_revision=current.number)
        if form.is_valid() and form.cleaned_data["text"].strip():
            try:
                storage.add_opinion(report.pk, form.cleaned_data["text"].strip(), request.user)
            except storage.NotStorable as refused:
                form.add_error(None, refused.text(lang()))
                status = 422
            else:
                messages.success(
                    request,
                    _("所見を追加しました。評価書の状態（%(status)s）は変わりません。")
                    % {"status": STATUS_LABELS[Status(report.status)]},
                )
                return _to_report(report)
        else:
            status = 400
    else:
        form = OpinionForm(model, base_revision=current.number)
    context = {"report": report, "current": current, "form": form, "opinions": model.expert_opinions}
    return render(request, "reports/opinion.html", context, status=status)


def _confirmation(
    request: HttpRequest, report: Report, form: TransitionForm, action: str, status: int = 200
) -> HttpResponse:
    """The confirmation step of ``action``: what it does, the open errors for a submission, and a
    button that sends the same step again, confirmed."""
    context = {
        "report": report,
        "action": action,
        "label": ACTION_LABELS[action],
        "comment": form.data.get("comment", ""),
        "errors": finding_table(open_errors(report), storage.load(report.current_revision))
        if action == "submit"
        else [],
        "transition_form": form,
    }
    return render(request, "reports/transition_confirm.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def transition(request: HttpRequest, pk: int) -> HttpResponse:
    """The workflow buttons: submit, return (with a comment), approve, publish, withdraw; and the
    trail of the workflow (for those who work on the report only, like the history)."""
    report = trail_report(request, pk)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in ACTION_LABELS:
            return HttpResponseBadRequest()
        require(request, Action(action), report)
        form = TransitionForm(request.POST)
        if form.is_valid():
            comment = form.cleaned_data["comment"].strip()
            confirmed = form.cleaned_data["confirmed"]
            asks = action in CONFIRMED_ALWAYS or (action == "submit" and open_errors(report))
            if asks and not confirmed and storage.movable(report, action):
                return _confirmation(request, report, form, action)
            label = ACTION_LABELS[action]
            try:
                storage.transition(report.pk, action, request.user, comment)
            except storage.TransitionError as exc:
                messages.error(
                    request,
                    _("「%(action)s」できませんでした: %(reason)s") % {"action": label, "reason": exc},
                )
            else:
                messages.success(request, _("「%(action)s」しました。") % {"action": label})
            return _to_report(report)
        if action in CONFIRMED_ALWAYS and request.POST.get("confirmed"):
            return _confirmation(request, report, form, action, status=400)
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


@login_required
@require_POST
def share(request: HttpRequest, pk: int) -> HttpResponse:
    """A reviewer shares the report with the advisory group (``share=1``) or stops (``share=0``)."""
    report = visible_report(request, pk)
    require(request, Action.SHARE, report)
    wanted = request.POST.get("share")
    if wanted not in ("0", "1"):
        return HttpResponseBadRequest()
    try:
        storage.share(report.pk, request.user, wanted == "1")
    except storage.TransitionError as exc:
        messages.error(request, str(exc))
    else:
        if wanted == "1":
            messages.success(request, _("政策評価アドバイザー・グループ（有識者）と共有しました。"))
        else:
            messages.success(request, _("有識者との共有を解除しました。"))
    return _to_report(report)


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    """An admin deletes a report never published, after a confirmation page with the reason; the
    deletion is kept in the deletion log (``storage.delete_report``)."""
    report = visible_report(request, pk)
    require(request, Action.DELETE, report)
    status = 200
    if request.method == "POST":
        form = DeleteForm(request.POST)
        if form.is_valid():
            title = report.title
            try:
                storage.delete_report(report.pk, request.user, form.cleaned_data["reason"])
            except storage.TransitionError as exc:
                form.add_error(None, str(exc))
                status = 409
            else:
                messages.success(
                    request, _("「%(title)s」を削除しました。削除の記録は残ります。") % {"title": title}
                )
                return redirect("report-list")
        else:
            status = 400
    else:
        form = DeleteForm()
    context = {"report": report, "form": form, "deletable": report.published_revision_id is None}
    return render(request, "reports/delete.html", context, status=status)
