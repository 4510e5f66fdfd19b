"""The internal trail of a report: its history, diffs between revisions, and comments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hyoka.web.reports import commenting, storage
from hyoka.web.reports.diff import field_changes
from hyoka.web.reports.forms import (
    CommentForm,
    DiffForm,
)
from hyoka.web.reports.models import Comment, Revision
from hyoka.web.reports.permissions import Action
from hyoka.web.reports.views.common import (
    current_revision,
    require,
    trail_report,
    transition_rows,
    visible_report,
    workflow_actions,
)


@login_required
def history(request: HttpRequest, pk: int) -> HttpResponse:
    report = trail_report(request, pk)
    revisions = list(report.revisions.select_related("author").order_by("-number"))
    context = {
        "report": report,
        "revisions": revisions,
        "transitions": transition_rows(report),
        "diff_form": DiffForm(initial={"a": max(1, revisions[0].number - 1), "b": revisions[0].number}),
        "numbers": [r.number for r in revisions],
        "workflow_actions": workflow_actions(request, report),
    }
    return render(request, "reports/history.html", context)


@login_required
def diff(request: HttpRequest, pk: int) -> HttpResponse:
    """Field-level changes between two revisions (?a=1&b=2; by default the last change)."""
    report = trail_report(request, pk)
    latest = current_revision(report).number
    form = DiffForm(request.GET or {"a": max(1, latest - 1), "b": latest})
    numbers = list(report.revisions.order_by("-number").values_list("number", flat=True))
    if not form.is_valid():
        return render(
            request, "reports/diff.html", {"report": report, "form": form, "numbers": numbers}, status=400
        )
    old = get_object_or_404(
        Revision.objects.select_related("author"), report=report, number=form.cleaned_data["a"]
    )
    new = get_object_or_404(
        Revision.objects.select_related("author"), report=report, number=form.cleaned_data["b"]
    )
    changes = field_changes(storage.load(old), storage.load(new))
    context = {"report": report, "form": form, "numbers": numbers, "old": old, "new": new, "changes": changes}
    return render(request, "reports/diff.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def comments(request: HttpRequest, pk: int) -> HttpResponse:
    """Comment threads by what they are on (the whole report, a section, an indicator: chosen from
    a list of the report's own names, ``commenting.targets``), and a form to add one."""
    report = visible_report(request, pk)
    require(request, Action.COMMENT, report)
    model = storage.load(current_revision(report))
    choices = commenting.targets(model)
    status = 200
    if request.method == "POST":
        form = CommentForm(request.POST, targets=choices)
        if form.is_valid():
            comment = Comment.objects.create(
                report=report,
                section=form.target,
                author=request.user,
                text=form.cleaned_data["text"].strip(),
            )
            messages.success(request, _("コメントを追加しました。"))
            return redirect(f"{request.path}#comment-{comment.pk}")
        status = 400
    else:
        wanted = request.GET.get("section", commenting.GENERAL)
        form = CommentForm(
            initial={"section": wanted if wanted in dict(choices) else commenting.GENERAL}, targets=choices
        )
    threads: dict[str, list[Comment]] = {}
    for comment in report.comments.select_related("author"):
        threads.setdefault(comment.section, []).append(comment)
    context = {
        "report": report,
        "form": form,
        "threads": [
            {"section": s, "label": commenting.target_label(s, model), "comments": c}
            for s, c in threads.items()
        ],
    }
    return render(request, "reports/comments.html", context, status=status)
