"""``{% next_cycle_state report as state %}``: whether the person may carry the report forward
(``state.allowed``) and the next year's report of the measure if it exists and they may see it
(``state.existing``) — for the report page's 「次期の評価書を作成」 button."""

from __future__ import annotations

from typing import Any

from django import template

from hyoka.web.reports.carry_forward import may_carry_forward, next_report
from hyoka.web.reports.models import Report
from hyoka.web.reports.permissions import can_see

register = template.Library()


@register.simple_tag(takes_context=True)
def next_cycle_state(context: Any, report: Report) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or report.published_revision_id is None:
        return {"allowed": False, "existing": None}
    if not may_carry_forward(user, report):
        return {"allowed": False, "existing": None}
    existing = next_report(report)
    return {
        "allowed": True,
        "existing": existing if existing is not None and can_see(user, existing) else None,
    }
