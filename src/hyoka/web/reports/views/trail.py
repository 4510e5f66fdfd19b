"""The internal trail of a report: its history, diffs between revisions, and comments."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hyoka.web.reports import storage
from hyoka.web.reports.diff import ABSENT, diff_models
from hyoka.web.reports.forms import (
    SECTIONS,
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


def _document(revision: Revision) -> dict[str, Any]:
    """A revision's JSON in the model's field order (PostgreSQL's jsonb does not keep key order)."""
    return storage.load(revision).model_dump(mode="json")


def _shown(value: Any) -> str:
    if value is ABSENT:
        return str(_("（なし）"))
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, indent=1 if isinstance(value, dict | list) else None)


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
    changes = [
        {
            "path": c.path,
            "where": c.where,
            "old": _shown(c.old),
            "new": _shown(c.new),
            "added": c.added,
            "removed": c.removed,
        }
        for c in diff_models(_document(old), _document(new))
    ]
    context = {"report": report, "form": form, "numbers": numbers, "old": old, "new": new, "changes": changes}
    return render(request, "reports/diff.html", context)


def _section_label(section: str) -> str:
    if section == "general":
        return str(_("全体"))
    return str(SECTIONS.get(section, section))


@login_required
@require_http_methods(["GET", "POST"])
def comments(request: HttpRequest, pk: int) -> HttpResponse:
    """Comment threads by section (a named section or a JSON pointer), and a form to add one."""
    report = visible_report(request, pk)
    require(request, Action.COMMENT, report)
    status = 200
    if request.method == "POST":
        form = CommentForm(request.POST)
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
        initial_section = request.GET.get("section", "general")
        if initial_section.startswith("/"):
            form = CommentForm(initial={"pointer": initial_section})
        else:
            form = CommentForm(initial={"section": initial_section})
    threads: dict[str, list[Comment]] = {}
    for comment in report.comments.select_related("author"):
        threads.setdefault(comment.section, []).append(comment)
    context = {
        "report": report,
        "form": form,
        "threads": [{"section": s, "label": _section_label(s), "comments": c} for s, c in threads.items()],
    }
    return render(request, "reports/comments.html", context, status=status)
