"""A revision's charts in the workspace's pages: linked, each drawn at its own request.

The report page and the indicator page show the renderers' SVG charts (``services.report_chart``)
as images whose addresses name the report, the revision and the code's fingerprint
(``?revision=N&v=…``): the page itself is rendered without drawing a chart, so a publication
(which stores the report page for the public, ``public_pages``) and the first visit stay quick,
and the browser fetches the charts side by side. A chart drawn is kept in the cache for its
revision and code (neither changes what it shows). The official layout (``official.html``, the
PDF) still carries its charts inside the document, as the ministry's layout does.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from hyoka.core import EvaluationReport
from hyoka.services import chart_plan, chart_problem, report_chart
from hyoka.web.reports.code_version import fingerprint
from hyoka.web.reports.display import lang

__all__ = ["CHART_SECONDS", "ChartLinks", "chart_image", "chart_links", "chart_svg"]

CHART_SECONDS = 86_400
"""How long a drawn chart stays in the cache (it never changes for a revision and code)."""


@dataclass(frozen=True)
class ChartLinks:
    """The addresses of a revision's charts: the budget chart's ("" without one) and each charted
    indicator's (by id)."""

    budget: str = ""
    indicators: dict[str, str] = field(default_factory=dict)


def _query(revision_number: int) -> str:
    return f"?revision={revision_number}&v={fingerprint()[:12]}"


def chart_links(report_pk: int, revision_number: int, model: EvaluationReport) -> tuple[ChartLinks, str]:
    """The revision's chart addresses (nothing drawn), and an error text in the reader's language
    when this machine cannot draw charts (no Japanese font: the page shows the tables alone)."""
    problem = chart_problem()
    if problem is not None:
        return ChartLinks(), problem.text(lang())
    plan = chart_plan(model)
    query = _query(revision_number)
    return (
        ChartLinks(
            budget=reverse("report-chart-budget", args=[report_pk]) + query if plan.budget else "",
            indicators={
                indicator_id: reverse("indicator-chart", args=[report_pk, indicator_id]) + query
                for indicator_id in plan.indicators
            },
        ),
        "",
    )


def chart_image(url: str, label: str) -> SafeString:
    """The chart at ``url`` as an image named ``label`` for assistive technology (the table beside
    it holds the same numbers), loaded when it nears the screen (the stylesheet keeps its place,
    16:7 like the renderers' charts, so the page does not move as charts arrive)."""
    return mark_safe(f'<img src="{escape(url)}" alt="{escape(label)}" loading="lazy" decoding="async">')


def chart_svg(revision_pk: int, load: Callable[[], EvaluationReport], indicator_id: str | None) -> str | None:
    """One chart of the revision as SVG (the budget's, or the indicator's), from the cache or
    drawn and kept; None when it has none. RenderError when no Japanese font is installed. The
    document is read (``load``) only to draw: a page's charts, fetched side by side, each find
    theirs in the cache without validating the whole report again."""
    # an indicator id may hold any character; the cache's keys take only some
    name = "budget" if indicator_id is None else hashlib.sha256(indicator_id.encode()).hexdigest()[:16]
    key = f"hyoka:chart:{revision_pk}:{fingerprint()}:{name}"
    kept = cache.get(key)
    if isinstance(kept, str):
        return kept or None
    svg = report_chart(load(), indicator_id)
    cache.set(key, svg or "", CHART_SECONDS)
    return svg
