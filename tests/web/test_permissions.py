"""The role × action matrix of permissions.can, for every workflow status, including people of
another bureau and another ministry. Pages and API endpoints ask these same questions."""

from __future__ import annotations

from typing import Any

import pytest

from hyoka.web.reports.models import Report, Status
from hyoka.web.reports.permissions import Action, can, can_see

pytestmark = pytest.mark.django_db

A = Action
# Expected actions per (person, status). The report belongs to 外務省 北米局 and is not shared with experts
# unless the test says so.
EXPECTED: dict[str, dict[str, set[Action]]] = {
    "editor": {
        Status.DRAFT: {A.VIEW, A.TRAIL, A.EDIT, A.SUBMIT, A.COMMENT},
        Status.SUBMITTED: {A.VIEW, A.TRAIL, A.COMMENT},
        Status.RETURNED: {A.VIEW, A.TRAIL, A.EDIT, A.SUBMIT, A.COMMENT},
        Status.APPROVED: {A.VIEW, A.TRAIL, A.COMMENT},
        Status.PUBLISHED: {A.VIEW, A.TRAIL, A.EDIT, A.COMMENT},
    },
    "editor_other_bureau": {s: ({A.VIEW} if s == Status.PUBLISHED else set()) for s in Status},
    "editor_other_ministry": {s: ({A.VIEW} if s == Status.PUBLISHED else set()) for s in Status},
    "reviewer": {
        Status.DRAFT: {A.VIEW, A.TRAIL, A.COMMENT, A.SHARE},
        Status.SUBMITTED: {A.VIEW, A.TRAIL, A.COMMENT, A.SHARE, A.RETURN, A.APPROVE},
        Status.RETURNED: {A.VIEW, A.TRAIL, A.COMMENT, A.SHARE},
        Status.APPROVED: {A.VIEW, A.TRAIL, A.COMMENT, A.SHARE, A.RETURN, A.PUBLISH},
        Status.PUBLISHED: {A.VIEW, A.TRAIL, A.COMMENT, A.SHARE},
    },
    "reviewer_other_ministry": {s: ({A.VIEW} if s == Status.PUBLISHED else set()) for s in Status},
    "expert": {s: ({A.VIEW} if s == Status.PUBLISHED else set()) for s in Status},
    "viewer": {s: ({A.VIEW} if s == Status.PUBLISHED else set()) for s in Status},
    "anonymous": {s: ({A.VIEW} if s == Status.PUBLISHED else set()) for s in Status},
    "admin": {s: set(Action) for s in Status},
}


def _at(report: Report, status: str) -> Report:
    report.status = status
    report.published_revision = report.current_revision if status == Status.PUBLISHED else None
    report.save()
    return report


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("person", list(EXPECTED))
def test_matrix(person: str, status: str, people: dict[str, Any], sample_report: Report) -> None:
    from django.contrib.auth.models import AnonymousUser

    user = AnonymousUser() if person == "anonymous" else people[person]
    report = _at(sample_report, status)
    allowed = {action for action in Action if can(user, action, report)}
    assert allowed == EXPECTED[person][status]
    assert can_see(user, report) == (A.VIEW in EXPECTED[person][status])


@pytest.mark.parametrize("status", list(Status))
def test_expert_on_a_shared_report(status: str, people: dict[str, Any], sample_report: Report) -> None:
    report = _at(sample_report, status)
    report.shared_with_experts = True
    report.save()
    assert {a for a in Action if can(people["expert"], a, report)} == {
        A.VIEW,
        A.TRAIL,
        A.COMMENT,
        A.ADD_OPINION,
    }
    other = people["reviewer_other_ministry"]
    assert {a for a in Action if can(other, a, report)} == ({A.VIEW} if status == Status.PUBLISHED else set())
