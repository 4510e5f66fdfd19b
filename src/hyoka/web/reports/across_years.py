"""A measure across years in the workspace: which reports a person sees side by side, the hand
links between their indicators, and the history (``hyoka.analytics.measure_history``) built
from them. The page view and the API share this module.

Who sees which report, as everywhere else (``permissions``): the public reads the published
revision of the published reports; a signed-in person also reads the current revision of the
reports in their role's scope. Who may link or unlink indicators: the editors and reviewers of
the measure's ministry, and admins.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from hyoka.analytics import (
    HandLink,
    IndicatorHistory,
    MeasureHistory,
    MeasureReport,
    measure_history,
)
from hyoka.web.reports import storage
from hyoka.web.reports.models import IndicatorLink, Report, Revision, Role
from hyoka.web.reports.permissions import membership, role, sees_current, visible_reports
from hyoka.web.reports.shown import matches, shown

__all__ = [
    "LinkError",
    "MeasureView",
    "add_link",
    "history_to_json",
    "may_link",
    "measure_view",
    "remove_link",
]


class LinkError(Exception):
    """A link that cannot be made (the message says why, in Japanese)."""


@dataclass(slots=True)
class MeasureView:
    """The reports of one measure a person sees, the revision read of each, the links among
    them and the history."""

    reports: dict[int, Report]
    revisions: dict[int, Revision]
    links: list[IndicatorLink]
    history: MeasureHistory


def may_link(user: Any, report: Report) -> bool:
    r = role(user)
    if r == Role.ADMIN:
        return True
    m = membership(user)
    return (
        r in (Role.EDITOR, Role.REVIEWER)
        and m is not None
        and m.ministry_id is not None
        and m.ministry_id == report.ministry_id
    )


def _revision(user: Any, report: Report) -> Revision | None:
    if sees_current(user, report):
        return report.current_revision
    return report.published_revision


def measure_view(user: Any, report: Report) -> MeasureView:
    """The measure of ``report`` (its ministry and measure number) as ``user`` sees it: the
    measure number as the user may know it (the published one outside their scope), and the
    reports whose measure number, as the user may know it, is that one."""
    measure = shown(user, report).measure_number
    found = (
        visible_reports(user)
        .filter(matches(user, "measure_number", measure), ministry_id=report.ministry_id)
        .select_related("ministry", "bureau", "current_revision", "published_revision")
        .order_by("evaluation_year", "pk")
    )
    reports: dict[int, Report] = {}
    revisions: dict[int, Revision] = {}
    for r in found:
        revision = _revision(user, r)
        if revision is not None:
            reports[r.pk] = r
            revisions[r.pk] = revision
    models = [MeasureReport(pk, storage.load(rev)) for pk, rev in revisions.items()]
    # a revision that names another measure than its report's row (not expected) stays out
    wanted = (report.ministry.name, measure)
    models = [m for m in models if (m.report.ministry, m.report.measure_number) == wanted]
    kept = {m.key for m in models}
    links = list(
        IndicatorLink.objects.filter(earlier_id__in=kept, later_id__in=kept).order_by("created_at", "pk")
    )
    hand = [HandLink(k.earlier_id, k.earlier_indicator, k.later_id, k.later_indicator) for k in links]
    return MeasureView(
        reports={pk: reports[pk] for pk in kept},
        revisions={pk: revisions[pk] for pk in kept},
        links=links,
        history=measure_history(models, hand),
    )


@transaction.atomic
def add_link(
    view: MeasureView, user: Any, earlier: int, earlier_indicator: str, later: int, later_indicator: str
) -> IndicatorLink:
    """Link an indicator of one report to one of the next report in ``view``; LinkError says
    what is wrong. Each indicator is linked at most once on each side."""
    keys = [r.key for r in view.history.reports]
    if earlier not in keys or later not in keys:
        raise LinkError(_("指定した評価書はこの施策の評価書ではないか、閲覧できません。"))
    if keys.index(later) != keys.index(earlier) + 1:
        raise LinkError(_("結び付けられるのは、続く年度の評価書の指標どうしだけです。"))
    by_key = {r.key: r.report for r in view.history.reports}
    if earlier_indicator not in {i.id for i in by_key[earlier].indicators()}:
        raise LinkError(_("前の評価書に測定指標 %(id)s はありません。") % {"id": earlier_indicator})
    if later_indicator not in {i.id for i in by_key[later].indicators()}:
        raise LinkError(_("後の評価書に測定指標 %(id)s はありません。") % {"id": later_indicator})
    taken = IndicatorLink.objects.filter(earlier_id=earlier, later_id=later)
    if taken.filter(earlier_indicator=earlier_indicator).exists():
        raise LinkError(
            _("前の評価書の測定指標 %(id)s はすでに結び付けられています。") % {"id": earlier_indicator}
        )
    if taken.filter(later_indicator=later_indicator).exists():
        raise LinkError(
            _("後の評価書の測定指標 %(id)s はすでに結び付けられています。") % {"id": later_indicator}
        )
    try:
        with transaction.atomic():
            return IndicatorLink.objects.create(
                earlier_id=earlier,
                earlier_indicator=earlier_indicator,
                later_id=later,
                later_indicator=later_indicator,
                author=user,
            )
    except IntegrityError:
        raise LinkError(
            _("前の評価書の測定指標 %(id)s はすでに結び付けられています。") % {"id": earlier_indicator}
        ) from None


def remove_link(view: MeasureView, link_id: int) -> IndicatorLink:
    """Remove one of the links shown in ``view``; LinkError when it is not one of them."""
    for link in view.links:
        if link.pk == link_id:
            link.delete()
            return link
    raise LinkError(_("指定した結び付けはこの施策にありません。"))


# --- JSON (the API) ----------------------------------------------------------------------------------


def _num(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _indicator_json(ind: IndicatorHistory) -> dict[str, Any]:
    return {
        "id": ind.indicator_id,
        "name": ind.name,
        "kind": ind.kind,
        "is_main": ind.is_main,
        "members": [
            {
                "report": m.report,
                "indicator_id": m.indicator_id,
                "name": m.name,
                "matched_by": m.matched_by.value if m.matched_by else None,
            }
            for m in ind.members
        ],
        "series": [{"key": key, "name": name, "unit": ind.units.get(key)} for key, name in ind.series],
        "points": [
            {
                "fiscal_year": fy,
                "series": series,
                "target": _num(p.target),
                "actual": _num(p.actual),
                "target_from": p.target_from,
                "actual_from": p.actual_from,
            }
            for (fy, series), p in sorted(ind.points.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))
        ],
        "conflicts": [
            {
                "fiscal_year": c.fiscal_year,
                "series": c.series,
                "row": c.row,
                "values": [{"report": r, "value": _num(v)} for r, v in c.values],
            }
            for c in ind.conflicts
        ],
        "grades": [{"report": r, "grade": g} for r, g in ind.grades.items()],
    }


def history_to_json(view: MeasureView) -> dict[str, Any]:
    """The measure across years as the API gives it (docs/api.md)."""
    history = view.history
    first = history.reports[0].report if history.reports else None
    return {
        "ministry": first.ministry if first else None,
        "measure_number": first.measure_number if first else None,
        "reports": [
            {
                "id": r.key,
                "evaluation_year": r.report.evaluation_year,
                "title": r.report.title,
                "revision": view.revisions[r.key].number,
                "window": r.report.window,
                "judgment": {
                    "tier": r.report.judgment.tier.value if r.report.judgment.tier else None,
                    "label": r.report.judgment.label,
                    "letter": r.report.judgment.letter,
                    "monitoring_only": r.report.judgment.monitoring_only,
                },
            }
            for r in history.reports
        ],
        "indicators": [_indicator_json(ind) for ind in history.indicators],
        "unmatched": [
            {
                "earlier": g.earlier,
                "later": g.later,
                "ended": [{"id": i, "name": n} for i, n in g.ended],
                "started": [{"id": i, "name": n} for i, n in g.started],
            }
            for g in history.gaps
        ],
        "links": [
            {
                "id": k.pk,
                "earlier": k.earlier_id,
                "earlier_indicator": k.earlier_indicator,
                "later": k.later_id,
                "later_indicator": k.later_indicator,
                "used": HandLink(k.earlier_id, k.earlier_indicator, k.later_id, k.later_indicator)
                not in history.ignored_links,
            }
            for k in view.links
        ],
    }
