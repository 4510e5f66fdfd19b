"""A measure across years: its reports side by side, one table per indicator (fiscal years as
columns, target and actual rows, the grade each report recorded), the judgments by year, and —
for the ministry's editors and reviewers — the hand links between indicators that were renamed.

Which reports appear is ``across_years.measure_view``: the published ones for the public, the
person's scope besides for those signed in, as on every other page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from hyoka.analytics import HandLink, IndicatorHistory, MatchedBy
from hyoka.web.reports.across_years import (
    LinkError,
    MeasureView,
    add_link,
    may_link,
    measure_view,
    remove_link,
)
from hyoka.web.reports.display import judgment_label, number_text, status_label, year_label
from hyoka.web.reports.models import Report
from hyoka.web.reports.permissions import can_see
from hyoka.web.reports.public_cache import public_cache
from hyoka.web.reports.shown import shown

__all__ = ["across_years", "link_add", "link_remove"]

MATCHED_BY = {
    MatchedBy.ID_AND_NAME: gettext_lazy("番号と名称が同じ"),
    MatchedBy.NAME: gettext_lazy("名称が同じ（番号が変更）"),
    MatchedBy.LINK: gettext_lazy("手動の結び付け"),
}


def _report(request: HttpRequest, pk: int) -> Report:
    report: Report | None = Report.objects.select_related("ministry", "bureau").filter(pk=pk).first()
    if report is None or not can_see(request.user, report):
        raise Http404
    return report


def _cells(view: MeasureView, ind: IndicatorHistory, years: list[int]) -> list[dict[str, Any]]:
    """The table's rows: for each series a target row and an actual row, a cell per year; none
    for an indicator without numbers (a qualitative one)."""
    if not ind.points:
        return []
    conflicts = {(c.fiscal_year, c.series, c.row): c for c in ind.conflicts}
    names = {r.key: year_label(r.report.evaluation_year) for r in view.history.reports}
    rows = []
    for key, name in ind.series:
        label = f"{key} {name}".strip() if key else ""
        unit = ind.units.get(key)
        for row, title in (("target", _("目標値")), ("actual", _("実績値"))):
            cells = []
            for fy in years:
                point = ind.point(fy, key)
                value = point.target if row == "target" else point.actual
                source = point.target_from if row == "target" else point.actual_from
                conflict = conflicts.get((fy, key, row))
                cells.append(
                    {
                        "text": number_text(value, unit),
                        "source": names.get(source, "") if source is not None else "",
                        "conflict": (
                            "、".join(f"{names[r]}: {number_text(v, unit)}" for r, v in conflict.values)
                            if conflict
                            else ""
                        ),
                    }
                )
            rows.append({"label": f"{title} {label}".strip(), "cells": cells})
    return rows


def _context(request: HttpRequest, report: Report, view: MeasureView) -> dict[str, Any]:
    history = view.history
    names = {r.key: year_label(r.report.evaluation_year) for r in history.reports}
    years = history.fiscal_years
    columns = [
        {
            "pk": r.key,
            "year": names[r.key],
            "title": r.report.title,
            "revision": view.revisions[r.key].number,
            "judgment": judgment_label(r.report.judgment.label)
            or (_("モニタリング") if r.report.judgment.monitoring_only else ""),
            "rationale": r.report.judgment.rationale or "",
            "status": status_label(request.user, view.reports[r.key]),
            "current": r.key == report.pk,
        }
        for r in history.reports
    ]
    indicators = [
        {
            "anchor": f"r{ind.members[-1].report}-{ind.indicator_id}",
            "anchors": [f"r{m.report}-{m.indicator_id}" for m in ind.members],
            "id": ind.indicator_id,
            "name": ind.name,
            "is_main": ind.is_main,
            "members": [
                {
                    "year": names[m.report],
                    "pk": m.report,
                    "id": m.indicator_id,
                    "name": m.name,
                    "how": MATCHED_BY.get(m.matched_by, "") if m.matched_by else "",
                }
                for m in ind.members
            ],
            "rows": _cells(view, ind, years),
            "grades": [(names[r], g or "—") for r, g in ind.grades.items()],
            "conflicts": len(ind.conflicts),
        }
        for ind in history.indicators
    ]
    linker = request.user.is_authenticated and may_link(request.user, report)
    ignored = set(history.ignored_links)
    known = shown(request.user, report)
    return {
        "report": report,
        "report_title": known.title,
        "report_year": year_label(known.evaluation_year),
        "title": history.reports[-1].report.title if history.reports else known.title,
        "ministry": report.ministry.name,
        "measure_number": known.measure_number,
        "columns": columns,
        "years": [year_label(y) for y in years],
        "indicators": indicators,
        "gaps": [
            {
                "earlier": g.earlier,
                "later": g.later,
                "from": names[g.earlier],
                "to": names[g.later],
                "ended": g.ended,
                "started": g.started,
            }
            for g in history.gaps
        ],
        "links": [
            {
                "pk": k.pk,
                "from": names.get(k.earlier_id, ""),
                "to": names.get(k.later_id, ""),
                "earlier": k.earlier_indicator,
                "later": k.later_indicator,
                "ignored": HandLink(k.earlier_id, k.earlier_indicator, k.later_id, k.later_indicator)
                in ignored,
            }
            for k in view.links
        ],
        "may_link": linker,
    }


@require_GET
@public_cache
def across_years(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    view = measure_view(request.user, report)
    return render(request, "reports/cycle/across_years.html", _context(request, report, view))


def _linker(request: HttpRequest, pk: int) -> tuple[Report, MeasureView]:
    report = _report(request, pk)
    if not may_link(request.user, report):
        raise PermissionDenied
    return report, measure_view(request.user, report)


def _link_changed(request: HttpRequest, report: Report, change: Callable[[], str]) -> HttpResponse:
    """Make a change to the hand links (``change`` returns what it did, in words) and go back to the
    page across the years, which says what was done, or why it was not (``LinkError``)."""
    try:
        done = change()
    except LinkError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("measure-across-years", report.pk)


@login_required
@require_POST
def link_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Link an unmatched indicator of one report to one of the next report."""
    report, view = _linker(request, pk)
    try:
        earlier = int(request.POST.get("earlier", ""))
        later = int(request.POST.get("later", ""))
    except ValueError:
        return HttpResponseBadRequest()
    earlier_indicator = request.POST.get("earlier_indicator", "").strip()
    later_indicator = request.POST.get("later_indicator", "").strip()

    def change() -> str:
        add_link(view, request.user, earlier, earlier_indicator, later, later_indicator)
        return _("測定指標 %(a)s を次の年度の %(b)s に結び付けました。") % {
            "a": earlier_indicator,
            "b": later_indicator,
        }

    return _link_changed(request, report, change)


@login_required
@require_POST
def link_remove(request: HttpRequest, pk: int, link_id: int) -> HttpResponse:
    report, view = _linker(request, pk)

    def change() -> str:
        link = remove_link(view, link_id)
        return _("測定指標 %(a)s と %(b)s の結び付けを外しました。") % {
            "a": link.earlier_indicator,
            "b": link.later_indicator,
        }

    return _link_changed(request, report, change)
