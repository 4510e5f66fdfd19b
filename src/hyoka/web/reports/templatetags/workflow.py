"""The workflow beside a report, for the pages that show one (the report page, the edit pages, the
start page), each from one ``{% include %}``:

* ``{% report_workflow report as wf %}`` — what this person may do with the report in its state
  (the workflow buttons, sharing with the advisory group, an opinion, deleting), the latest return
  reason while it is returned, and the comments by what they are on;
* ``{% section_comments report section as threads %}`` — the comments on one section (its
  indicators included), for that section's edit page;
* ``{% shared_with_me as reports %}`` — for an expert, the reports shared with the advisory group
  (「意見を求められている評価書」).

Nothing is shown to a person who does not work on the report (``Action.TRAIL``): the public page
rendered ahead for anonymous visitors carries none of it."""

from __future__ import annotations

from typing import Any

from django import template

from hyoka.core import EvaluationReport
from hyoka.web.reports import commenting, storage
from hyoka.web.reports.display import STATUS_LABELS, year_label
from hyoka.web.reports.models import Comment, Report, Role, Status
from hyoka.web.reports.permissions import Action, can, current_scope, role
from hyoka.web.reports.views.common import allowed_actions, return_reason

register = template.Library()


def _user(context: Any) -> Any:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return user if user is not None and user.is_authenticated else None


def _model(context: Any, report: Report) -> EvaluationReport | None:
    model = context.get("model")
    if isinstance(model, EvaluationReport):
        return model
    return storage.load(report.current_revision) if report.current_revision is not None else None


def _threads(report: Report, comments: list[Comment], model: EvaluationReport | None) -> list[dict[str, Any]]:
    threads: dict[str, list[Comment]] = {}
    for comment in comments:
        threads.setdefault(comment.section, []).append(comment)
    return [
        {
            "target": target,
            "label": commenting.target_label(target, model),
            "anchor": commenting.anchor(target, model),
            "comments": found,
        }
        for target, found in threads.items()
    ]


@register.simple_tag(takes_context=True)
def report_workflow(context: Any, report: Report) -> dict[str, Any]:
    user = _user(context)
    if user is None or not can(user, Action.TRAIL, report):
        return {"works": False}
    may_comment = can(user, Action.COMMENT, report)
    comments = list(report.comments.select_related("author")) if may_comment else []
    return {
        "works": True,
        "actions": allowed_actions(user, report),
        "may_share": can(user, Action.SHARE, report),
        "shared": report.shared_with_experts,
        "may_opinion": can(user, Action.ADD_OPINION, report),
        "may_comment": may_comment,
        "may_delete": can(user, Action.DELETE, report) and report.published_revision_id is None,
        "returned": return_reason(report),
        "threads": _threads(report, comments, _model(context, report) if comments else None),
    }


@register.simple_tag(takes_context=True)
def section_comments(context: Any, report: Report, section: str) -> list[dict[str, Any]]:
    user = _user(context)
    if user is None or not can(user, Action.COMMENT, report):
        return []
    found = [
        c for c in report.comments.select_related("author") if commenting.section_of(c.section) == section
    ]
    return _threads(report, found, _model(context, report) if found else None)


@register.simple_tag(takes_context=True)
def return_of(context: Any, report: Report) -> Any:
    """The latest return (reason, who, when) while the report is returned, for those who work on it."""
    user = _user(context)
    if user is None or not can(user, Action.TRAIL, report):
        return None
    return return_reason(report)


@register.simple_tag(takes_context=True)
def shared_with_me(context: Any) -> list[Report] | None:
    """None for anyone but an expert (the section is not shown), else their reports to review."""
    user = _user(context)
    if user is None or role(user) != Role.EXPERT:
        return None
    return list(
        Report.objects.filter(current_scope(user), shared_with_experts=True)
        .select_related("ministry", "bureau")
        .order_by("-updated_at", "-id")
    )


@register.filter
def status_name(report: Report) -> str:
    """The report's workflow status in the active language (「承認済」, "Approved")."""
    return str(STATUS_LABELS.get(Status(report.status), report.status))


@register.filter
def year_name(year: int | None) -> str:
    """An evaluation year as every page writes it (``display.year_label``)."""
    return year_label(year)
