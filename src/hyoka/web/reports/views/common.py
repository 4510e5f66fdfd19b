"""What the writing pages share: the report a person may see or change (404/403), its current
revision, the workflow buttons and trail (with the latest return reason), its findings by section,
and a safe redirect."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from hyoka.web.reports import storage
from hyoka.web.reports.display import ACTION_NAMES, STATUS_LABELS
from hyoka.web.reports.forms import ACTION_LABELS
from hyoka.web.reports.models import FindingFact, Report, Revision, Status, Transition
from hyoka.web.reports.permissions import Action, can, can_see

SECTION_LOCATIONS = {
    "objectives": re.compile(r"^/objectives(/|$)"),
    "budget": re.compile(r"^/budget(/|$)"),
    "indicators": re.compile(r"^/areas/\d+/indicators(/|$)"),
    "analysis": re.compile(r"^/areas/\d+/analysis(/|$)"),
    "next_steps": re.compile(r"^/areas/\d+/next_steps(/|$)"),
    "opinions": re.compile(r"^/expert_opinions(/|$)"),
    "overview": re.compile(
        r"^/(title|measure_number|report_code|evaluation_year|window|bureau|evaluated_on|responsible"
        r"|planned_evaluation|outline|target_rationale|notes)(/|$)"
    ),
    "judgment": re.compile(r"^/(judgment|other_judgments)(/|$)"),
    "means": re.compile(r"^/(means|means_unit)(/|$)"),
    "budget_sheet": re.compile(r"^/budget_sheet(/|$)"),
    "areas": re.compile(
        r"^/areas/\d+/(number|title|outline|cabinet_policies|reference_indicators|sources)(/|$)"
    ),
}


def visible_report(request: HttpRequest, pk: int) -> Report:
    """The report, or 404 when it does not exist for this person."""
    report: Report = get_object_or_404(
        Report.objects.select_related("ministry", "bureau", "current_revision__author"), pk=pk
    )
    if not can_see(request.user, report):
        raise Http404
    return report


def trail_report(request: HttpRequest, pk: int) -> Report:
    """The report whose internal trail (revisions, diffs, workflow history) this person reads, or
    404: for everyone else only the published revision exists (``Action.TRAIL``)."""
    report = visible_report(request, pk)
    if not can(request.user, Action.TRAIL, report):
        raise Http404
    return report


def require(request: HttpRequest, action: Action, report: Report) -> None:
    if not can(request.user, action, report):
        raise PermissionDenied


def current_revision(report: Report) -> Revision:
    revision: Revision | None = report.current_revision
    if revision is None:  # pragma: no cover - storage always sets it
        raise Http404
    return revision


def when(revision: Revision) -> str:
    return str(timezone.localtime(revision.created_at).strftime("%Y-%m-%d %H:%M:%S"))


def author_name(revision: Revision) -> str:
    return str(revision.author.get_username()) if revision.author else "?"


def conflict_message(newer: Revision) -> str:
    return str(
        _(
            "この報告書は、あなたが編集を始めた後に %(author)s さんが %(when)s に"
            "版 %(number)s として保存しています。"
            "あなたの入力は残してあります。印の付いた欄を確かめて、もう一度保存してください。"
        )
    ) % {"author": author_name(newer), "when": when(newer), "number": newer.number}


def allowed_actions(user: Any, report: Report) -> list[tuple[str, str]]:
    """The workflow buttons this person may press on this report in its state: their role allows
    the step (``permissions.can``) and the state does (``storage.movable``)."""
    return [
        (a, str(label))
        for a, label in ACTION_LABELS.items()
        if can(user, Action(a), report) and storage.movable(report, a)
    ]


def workflow_actions(request: HttpRequest, report: Report) -> list[tuple[str, str]]:
    """The workflow buttons this person may press on this report now."""
    return allowed_actions(request.user, report)


def transition_rows(report: Report) -> list[dict[str, Any]]:
    """The report's workflow trail, each step with its action's label and the statuses it went
    from and to, in the active language."""

    def status(value: str) -> str:
        return str(STATUS_LABELS[Status(value)]) if value in Status.values else value

    return [
        {
            "t": t,
            "label": str(ACTION_NAMES.get(t.action, t.action)),
            "from_status": status(t.from_status),
            "to_status": status(t.to_status),
        }
        for t in report.transitions.select_related("actor", "revision").defer("revision__data")
    ]


def return_reason(report: Report) -> Transition | None:
    """The latest return (its comment is the reason) while the report is returned, else None."""
    if report.status != Status.RETURNED:
        return None
    found: Transition | None = (
        report.transitions.filter(action="return").select_related("actor").order_by("-at", "-id").first()
    )
    return found


def open_errors(report: Report) -> list[FindingFact]:
    """The findings of severity error on the report's current revision (a submission with any
    asks for a confirmation and lists them)."""
    return list(FindingFact.objects.filter(report=report, severity="error").order_by("id"))


def finding_rows(report: Report, section: str | None = None) -> tuple[list[FindingFact], list[FindingFact]]:
    """The report's findings: those in the section first, then the others."""
    facts = list(FindingFact.objects.filter(report=report).order_by("id"))
    pattern = SECTION_LOCATIONS.get(section or "")
    if pattern is None:
        return facts, []
    return [f for f in facts if pattern.match(f.location)], [
        f for f in facts if not pattern.match(f.location)
    ]


def safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
