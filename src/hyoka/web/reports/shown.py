"""What a person may know of a report's metadata, and how to filter on it.

Those who work on a report (its role scope, ``permissions.current_scope``) know its current
title, measure number, evaluation year, judgment and status; everyone else knows the published
revision's only, so a correction in progress (a new draft of a published report, which may change
all of these) leaks nothing through a list, a filter, the API or the measure across years. Every
page and endpoint that shows or filters on these fields asks this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from hyoka.web.reports.models import Report, Role, Status
from hyoka.web.reports.permissions import current_scope, role, sees_current

__all__ = ["FIELDS", "Shown", "matches", "shown", "status_is"]

FIELDS = {
    "title": "published_title",
    "measure_number": "published_measure_number",
    "evaluation_year": "published_evaluation_year",
    "judgment": "published_judgment",
}
"""Each field a person may filter on, and the column holding its published value."""


@dataclass(frozen=True)
class Shown:
    """A report's metadata as one person may know it."""

    title: str
    measure_number: str
    evaluation_year: int
    judgment: str
    status: str


def shown(user: Any, report: Report) -> Shown:
    """The current values for those who work on the report, the published ones for the rest."""
    if sees_current(user, report):
        return Shown(
            report.title, report.measure_number, report.evaluation_year, report.judgment, report.status
        )
    year = report.published_evaluation_year
    return Shown(
        report.published_title,
        report.published_measure_number,
        year if year is not None else report.evaluation_year,
        report.published_judgment,
        str(Status.PUBLISHED),
    )


def matches(user: Any, field: str, value: Any) -> Q:
    """The reports whose ``field`` (a key of FIELDS), as ``user`` may know it, is ``value``."""
    published = FIELDS[field]
    if role(user) == Role.ADMIN:
        return Q(**{field: value})
    scope = current_scope(user)
    return (scope & Q(**{field: value})) | (~scope & Q(**{published: value}))


def status_is(user: Any, status: str) -> Q:
    """The reports whose workflow status, as ``user`` may know it, is ``status``: outside their
    scope every visible report is published, whatever its correction's status."""
    if role(user) == Role.ADMIN:
        return Q(status=status)
    scope = current_scope(user)
    if status == Status.PUBLISHED:
        return (scope & Q(status=status)) | (~scope & Q(published_revision__isnull=False))
    return scope & Q(status=status)
