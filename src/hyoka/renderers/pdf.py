"""The report as PDF: the HTML of ``hyoka.renderers.html`` laid out by WeasyPrint (A4, page
numbers, table headers repeated across pages, fonts embedded as subsets).

What it costs (the sample, 34 pages, on our 2-core machines; ``benchmarks/pdf_floor.py`` compares
it with WeasyPrint laying out the same text as plain paragraphs):

* the charts go in as ``<img>`` of their SVG (``chart_images``), not inline ``<svg>``: the same
  drawing, without every element of the four charts going through the page's CSS cascade;
* the two label-and-text tables (施策名・施策目標, 学識経験を有する者の知見の活用) are laid
  out with ``table-layout: fixed`` (``table.fixed`` in ``report.css``), which gives them the
  widths the automatic layout gave: the automatic layout measured the min-content width of the
  text cell, which for Japanese text means one line per character, a layout per line, quadratic
  in the length (0.27 s for the sample's 1,141 characters of expert opinions);
* WeasyPrint runs with Python's cyclic garbage collector paused (``hyoka.renderers.collector``):
  0.2 s of full collections otherwise.

Tagged: the PDF is written as PDF/UA-1 (``pdf_variant="pdf/ua-1"``): a structure tree of the HTML's
headings, paragraphs, tables and figures (``/StructTreeRoot``, ``/MarkInfo /Marked true``), the
document's language from ``<html lang>`` (``/Lang (ja)``), its title from ``<title>`` shown as the
window title, and the PDF/UA identification in its XMP metadata. WeasyPrint tags what its layout
knows; it does not check the rest of PDF/UA (alternative texts are ours: each chart's ``alt``).

Fonts: WeasyPrint 70 subsets them with HarfBuzz (0.02 s a face for Noto Sans CJK); a shared
``FontConfiguration`` or an ``@font-face`` on the font file made no difference or was slower.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from hyoka.core import EvaluationReport, Issue
from hyoka.renderers.collector import collector_paused
from hyoka.renderers.html import ReportCharts, render_report_html

__all__ = ["PDF_VARIANT", "html_to_pdf", "render_report_pdf"]

PDF_VARIANT = "pdf/ua-1"
"""Tagged PDF with the PDF/UA-1 metadata, as far as WeasyPrint makes it (see above)."""


def html_to_pdf(html: str) -> bytes:
    """``html`` laid out by WeasyPrint as a tagged PDF (PDF/UA-1), with the collector paused
    (``hyoka.renderers.collector``)."""
    import weasyprint

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    with collector_paused():
        pdf = weasyprint.HTML(string=html).write_pdf(pdf_variant=PDF_VARIANT)
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
        report,
        findings=findings,
        proposals=proposals,
        charts=charts,
        review=review,
        lang=lang,
        chart_images=True,
    )
    return html_to_pdf(html)
