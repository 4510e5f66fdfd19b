"""Who may do what with a report: one function per question, used by every page and endpoint.

Roles (RULES of the workspace): a viewer (or anyone) reads published reports; an editor writes
the drafts of their own bureau and submits them; a reviewer (the ministry's evaluation office)
reads all of the ministry, comments, returns, approves, publishes and shares with the advisory
group; an expert comments on reports shared with the advisory group and adds an opinion; an admin
may do everything, and alone withdraws a publication or deletes a report never published.
Whether the report's state allows a step at all (an admin may do any step, but a draft cannot be
published) is the workflow's question (``storage.movable``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.db.models import Q, QuerySet

from hyoka.web.reports.models import Membership, Report, Role, Status

__all__ = ["Action", "can", "can_import", "can_see", "membership", "role", "visible_reports"]


class Action(StrEnum):
    VIEW = "view"
    EDIT = "edit"
    SUBMIT = "submit"
    RETURN = "return"
    APPROVE = "approve"
    PUBLISH = "publish"
    COMMENT = "comment"
    ADD_OPINION = "add_opinion"
    SHARE = "share"
    """Share the report with the advisory group (政策評価アドバイザー・グループ), or stop sharing it."""
    WITHDRAW = "withdraw"
    """Withdraw a publication (公表取消): admins only."""
    DELETE = "delete"
    """Delete a report that was never published (its record kept in a ``DeletionLog``): admins only."""
    TRAIL = "trail"
    """Read the internal trail: every revision (drafts before and after publication), the diffs
    between them, the workflow history with its return comments, authors and reasons. Only those
    who work on the report (``sees_current``); everyone else reads the published revision only."""


def membership(user: Any) -> Membership | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    try:
        found: Membership = user.membership
    except Membership.DoesNotExist:
        return None
    return found


def role(user: Any) -> str | None:
    m = membership(user)
    if user is not None and getattr(user, "is_superuser", False):
        return str(Role.ADMIN)
    return m.role if m else None


def _same_ministry(m: Membership, report: Report) -> bool:
    return m.ministry_id is not None and m.ministry_id == report.ministry_id


def _own_bureau(m: Membership, report: Report) -> bool:
    return _same_ministry(m, report) and m.bureau_id is not None and m.bureau_id == report.bureau_id


def can_see(user: Any, report: Report) -> bool:
    """Whether the report exists for this user at all (else 404: existence must not leak)."""
    if report.published_revision_id is not None:
        return True
    return can(user, Action.VIEW, report)


def current_scope(user: Any) -> Q:
    """The reports whose current revision (drafts included) this user works on: their role's
    scope. Everyone reads the published revision of a published report besides."""
    r = role(user)
    if r == Role.ADMIN:
        return Q()
    m = membership(user)
    if m is not None and m.ministry_id is not None:
        if r == Role.EDITOR and m.bureau_id is not None:
            return Q(ministry_id=m.ministry_id, bureau_id=m.bureau_id)
        if r == Role.REVIEWER:
            return Q(ministry_id=m.ministry_id)
        if r == Role.EXPERT:
            return Q(ministry_id=m.ministry_id, shared_with_experts=True)
    return Q(pk__in=[])


def sees_current(user: Any, report: Report) -> bool:
    """Whether the user reads the report's current revision (else only its published one); the
    same scope as ``current_scope``, without a query."""
    r = role(user)
    if r == Role.ADMIN:
        return True
    m = membership(user)
    if m is None or not _same_ministry(m, report):
        return False
    if r == Role.EDITOR:
        return _own_bureau(m, report)
    if r == Role.EXPERT:
        return report.shared_with_experts
    return r == Role.REVIEWER


def visible_reports(user: Any) -> QuerySet[Report]:
    """Every report that ``can_see`` lets this user see, as a queryset (for lists and search)."""
    reports = Report.objects.all()
    if role(user) == Role.ADMIN:
        return reports
    return reports.filter(current_scope(user) | Q(published_revision__isnull=False))


def can_import(user: Any, ministry: str) -> bool:
    """Whether the user may create a report of ``ministry`` (by its name) by import: an editor of
    that ministry (the report goes to the editor's bureau), or an admin."""
    r = role(user)
    if r == Role.ADMIN:
        return True
    m = membership(user)
    return r == Role.EDITOR and m is not None and m.ministry is not None and m.ministry.name == ministry


def can(user: Any, action: Action, report: Report) -> bool:
    r = role(user)
    if r == Role.ADMIN:
        return True
    m = membership(user)
    if action is Action.TRAIL:
        return sees_current(user, report)
    if action is Action.VIEW:
        if report.published_revision_id is not None and report.status == Status.PUBLISHED:
            return True
        if m is None:
            return False
        if r == Role.EDITOR:
            return _own_bureau(m, report)
        if r == Role.REVIEWER:
            return _same_ministry(m, report)
        if r == Role.EXPERT:
            return _same_ministry(m, report) and report.shared_with_experts
        return False
    if m is None:
        return False
    if r == Role.EDITOR:
        if action is Action.EDIT:
            return _own_bureau(m, report) and report.status in (
                Status.DRAFT,
                Status.RETURNED,
                Status.PUBLISHED,
            )
        if action is Action.SUBMIT:
            return _own_bureau(m, report) and report.status in (Status.DRAFT, Status.RETURNED)
        if action is Action.COMMENT:
            return _own_bureau(m, report)
        return False
    if r == Role.REVIEWER:
        if action in (Action.COMMENT, Action.SHARE):
            return _same_ministry(m, report)
        if action is Action.RETURN:
            return _same_ministry(m, report) and report.status in (Status.SUBMITTED, Status.APPROVED)
        if action is Action.APPROVE:
            return _same_ministry(m, report) and report.status == Status.SUBMITTED
        if action is Action.PUBLISH:
            return _same_ministry(m, report) and report.status == Status.APPROVED
        return False
    if r == Role.EXPERT:
        if action in (Action.COMMENT, Action.ADD_OPINION):
            return _same_ministry(m, report) and report.shared_with_experts
        return False
    return False
