"""What makes the PDF fast leaves it as it was: the charts drawn in one pass are ``savefig``'s bytes
and measure each text once; the PDF gets them as SVG images and still draws their text; the two
label-and-text tables keep a long unbreakable string on the page."""

from __future__ import annotations

import base64
import io
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pdfplumber
import pytest
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.textpath import TextToPath

from hyoka.core import EvaluationReport
from hyoka.importers import ImportResult
from hyoka.renderers import charts
from hyoka.renderers.charts import budget_chart, indicator_chart
from hyoka.renderers.html import ReportCharts, render_report_html
from hyoka.renderers.pdf import render_report_pdf
from hyoka.services import render_report, report_charts

A4_WIDTH_PT = 595.28
RIGHT_MARGIN_PT = 14 / 25.4 * 72  # report.css: @page margin 16mm 14mm


@pytest.fixture(scope="module")
def report(sample_result: ImportResult) -> EvaluationReport:
    return sample_result.report


@pytest.fixture(scope="module")
def sample_charts(report: EvaluationReport) -> ReportCharts:
    return report_charts(report)


def _sample_svgs(report: EvaluationReport) -> list[str | None]:
    return [
        budget_chart(report.budget),
        *(indicator_chart(report.indicator(i)) for i in ("1-3", "1-4", "1-5")),
    ]


def _savefig(fig: Figure, out: io.StringIO) -> None:
    fig.savefig(out, format="svg", metadata={"Date": None})


def test_charts_are_the_bytes_savefig_writes(
    report: EvaluationReport, monkeypatch: pytest.MonkeyPatch
) -> None:
    ours = _sample_svgs(report)
    monkeypatch.setattr(charts, "_Figure", Figure)
    monkeypatch.setattr(charts, "_SVGCanvas", FigureCanvasSVG)
    monkeypatch.setattr(charts, "_write_svg", _savefig)
    assert _sample_svgs(report) == ours
    assert all(svg is not None and svg.startswith("<?xml") for svg in ours)


@pytest.fixture
def measured(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """Every text matplotlib measures with FreeType while drawing, counted."""
    counts: Counter[str] = Counter()
    measure = TextToPath.get_text_width_height_descent

    def counting(self: TextToPath, s: str, prop: Any, ismath: Any) -> Any:
        counts[s] += 1
        return measure(self, s, prop, ismath)

    monkeypatch.setattr(TextToPath, "get_text_width_height_descent", counting)
    yield counts


def test_each_text_of_a_chart_is_measured_once(report: EvaluationReport, measured: Counter[str]) -> None:
    assert budget_chart(report.budget) is not None
    assert measured["執行率 88.1%"] == 1
    assert set(measured.values()) == {1}


def test_savefig_would_measure_the_texts_twice(
    report: EvaluationReport, measured: Counter[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(charts, "_write_svg", _savefig)
    assert budget_chart(report.budget) is not None
    assert measured["執行率 88.1%"] == 2


def test_the_pdf_html_has_the_charts_as_svg_images(
    report: EvaluationReport, sample_charts: ReportCharts
) -> None:
    html = render_report_html(report, charts=sample_charts, chart_images=True)
    assert "<svg" not in html
    image = (
        r'<figure class="chart"[^>]*><img src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]+)"></figure>'
    )
    found = re.findall(image, html)
    assert [alt for _, alt in found] == [
        "予算額・執行額の推移",
        "測定指標 1-3",
        "測定指標 1-4",
        "測定指標 1-5",
    ]
    sources = [source for source, _ in found]
    decoded = [base64.b64decode(s).decode("utf-8") for s in sources]
    assert decoded == [sample_charts.budget, *(sample_charts.indicators[i] for i in ("1-3", "1-4", "1-5"))]
    inline = render_report_html(report, charts=sample_charts)
    assert inline.count("<svg") == 4
    assert "data:image/svg+xml" not in inline


def test_the_label_and_text_tables_are_laid_out_fixed(report: EvaluationReport) -> None:
    html = render_report_html(report)
    fixed = re.findall(r'<table class="fixed">\n<tr><th class="label">([^<]+)</th>', html)
    assert fixed == ["施策名(※)", "学識経験を有する者の知見の活用"]


def _pages_text(pdf: bytes) -> tuple[int, str]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return len(document.pages), "".join(ch["text"] for page in document.pages for ch in page.chars)


def test_the_pdf_draws_the_charts_text(report: EvaluationReport) -> None:
    output = render_report(report, "pdf")
    assert isinstance(output.data, bytes)
    pages, text = _pages_text(output.data)
    assert pages == 34  # 33, and the note under 1-5's table on the values hyoka inferred moves a page
    for chart_only in ("執行率88.1%", "執行率80.2%", "執行率79.3%", "①一般の部目標値", "②有識者の部実績値"):
        assert chart_only in text, chart_only


def test_an_unbreakable_string_in_the_expert_opinions_stays_on_the_page(report: EvaluationReport) -> None:
    long = report.model_copy(deep=True)
    url = "https://www.mofa.go.jp/" + "a" * 160 + "/index.html"
    long.expert_opinions.opinions[0].text = f"参照: {url} の通り"
    with pdfplumber.open(io.BytesIO(render_report_pdf(long))) as document:
        page = next(p for p in document.pages if "学識経験" in "".join(ch["text"] for ch in p.chars))
        assert page.width == pytest.approx(A4_WIDTH_PT, abs=0.01)
        assert max(ch["x1"] for ch in page.chars) <= page.width - RIGHT_MARGIN_PT + 0.5
        text = "".join(ch["text"] for ch in page.chars)
    assert url in text
