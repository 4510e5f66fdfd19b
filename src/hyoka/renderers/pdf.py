"""The report as PDF: the HTML of ``hyoka.renderers.html`` laid out by WeasyPrint (A4, page
numbers, table headers repeated across pages, fonts embedded as subsets)."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from hyoka.core import EvaluationReport, Issue
from hyoka.renderers.html import ReportCharts, render_report_html

__all__ = ["html_to_pdf", "render_report_pdf"]


def html_to_pdf(html: str) -> bytes:
    import weasyprint

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    pdf = weasyprint.HTML(string=html).write_pdf()
    assert pdf is not None
    return bytes(pdf)


def render_report_pdf(
    report: EvaluationReport,
    *,
    findings: Sequence[Issue] = (),
    proposals: Mapping[str, Any] | None = None,
    charts: ReportCharts | None = None,
    review: bool = False,
    lang: str = "ja",
) -> bytes:
    html = render_report_html(
        report, findings=findings, proposals=proposals, charts=charts, review=review, lang=lang
    )
    return html_to_pdf(html)
