"""``{% next_cycle_state report as state %}``: whether the person may carry the report forward
(``state.allowed``) and, for each document of the next cycle, the one that exists already if they
may see it (``state.evaluation``: the next year's 評価書; ``state.pre_analysis``: the next fiscal
year's 事前分析表) — for the report page's 「次期の評価書を作成」「次年度の事前分析表を作成」 buttons."""

from __future__ import annotations

from typing import Any

from django import template

from hyoka.core import DocumentKind
from hyoka.web.reports.carry_forward import may_carry_forward, next_report
from hyoka.web.reports.models import Report
from hyoka.web.reports.permissions import can_see

register = template.Library()


@register.simple_tag(takes_context=True)
def next_cycle_state(context: Any, report: Report) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    refused = {"allowed": False, "evaluation": None, "pre_analysis": None}
    if user is None or not user.is_authenticated or report.published_revision_id is None:
        return refused
    if not may_carry_forward(user, report):
        return refused

    def shown(kind: DocumentKind) -> Report | None:
        existing = next_report(report, kind=kind)
        return existing if existing is not None and can_see(user, existing) else None

    return {
        "allowed": True,
        "evaluation": shown(DocumentKind.EVALUATION),
        "pre_analysis": shown(DocumentKind.PRE_ANALYSIS),
    }
