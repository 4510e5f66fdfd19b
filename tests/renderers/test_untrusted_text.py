"""Untrusted text stays text: markup in a report's narrative, title, expert opinion, source URL and
indicator name is shown as visible text in the HTML and in the PDF, never run or interpreted."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from hyoka.core import EvaluationReport
from hyoka.importers import ImportResult
from hyoka.importers.pdf import pdf_to_text
from hyoka.renderers.charts import budget_chart, indicator_chart
from hyoka.renderers.html import ReportCharts, render_report_html
from hyoka.renderers.pdf import render_report_pdf

SCRIPT = "<script>alert(1)</script>"
BOLD = "<b>x</b>"
PAYLOAD = f"{SCRIPT}{BOLD}"


@pytest.fixture(scope="module")
def hostile(sample_result: ImportResult) -> EvaluationReport:
    """The sample with the payload in a paragraph, the title, an expert opinion, a source URL and
    the name of indicator 1-3 (which has a chart)."""
    report = sample_result.report.model_copy(deep=True)
    report.title = f"北米地域外交{PAYLOAD}"
    area = report.areas[0]
    area.outline[0].text = f"概要{PAYLOAD}"
    report.expert_opinions.opinions[0].text = f"所見{PAYLOAD}"
    area.sources[0].url = f"https://www.mofa.go.jp/{PAYLOAD}"
    indicator = area.indicators[2]
    assert indicator.id == "1-3"
    indicator.name = PAYLOAD
    return report


@pytest.fixture(scope="module")
def charts(hostile: EvaluationReport) -> ReportCharts:
    indicators = {
        ind.id: svg for area in hostile.areas for ind in area.indicators if (svg := indicator_chart(ind))
    }
    return ReportCharts(budget=budget_chart(hostile.budget), indicators=indicators)


@pytest.fixture(scope="module")
def html(hostile: EvaluationReport, charts: ReportCharts) -> str:
    return render_report_html(hostile, charts=charts)


@pytest.fixture(scope="module")
def pdf(hostile: EvaluationReport, charts: ReportCharts) -> bytes:
    return render_report_pdf(hostile, charts=charts)


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_escapes_the_markup(html: str) -> None:
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert not re.search(r"<script", html, re.IGNORECASE)
    assert BOLD not in html


def test_html_has_no_script_or_b_element(html: str) -> None:
    parser = Tags()
    parser.feed(html)
    assert "script" not in parser.tags
    assert "b" not in parser.tags


@pytest.mark.parametrize(
    "visible",
    [
        f"北米地域外交{PAYLOAD}",  # the title (<title>, the header, 施策名)
        f"概要{PAYLOAD}",
        f"所見{PAYLOAD}",
        f"(https://www.mofa.go.jp/{PAYLOAD})",
        f"測定指標1-3 {PAYLOAD}",
    ],
)
def test_html_shows_the_markup_as_text(html: str, visible: str) -> None:
    parser = Tags()
    parser.feed(html)
    assert visible in "".join(parser.text)


def test_title_element_is_text(html: str) -> None:
    title = html[html.index("<title>") : html.index("</title>")]
    assert (
        title == "<title>外務省 1-I-2 北米地域外交&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;"
        " 令和2年度政策評価書"
    )


def test_chart_text_is_escaped(charts: ReportCharts) -> None:
    svg = charts.indicators["1-3"]
    assert "<script" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg


def _pdf_text(pdf: bytes) -> str:
    """The PDF's text read cell by cell (a plain page text interleaves the columns of a table)."""
    return pdf_to_text(pdf)


def test_pdf_shows_the_markup_literally(pdf: bytes) -> None:
    text = _pdf_text(pdf)
    joined = re.sub(r"\s+", "", text)
    assert SCRIPT in text
    for visible in (
        f"北米地域外交{PAYLOAD}",
        f"概要{PAYLOAD}",
        f"所見{PAYLOAD}",
        f"(https://www.mofa.go.jp/{PAYLOAD})",
        f"測定指標1-3{PAYLOAD}",
    ):
        assert visible.replace(" ", "") in joined, visible
    assert joined.count(SCRIPT) >= 6


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")
def test_pdftotext_shows_the_markup_literally(pdf: bytes, tmp_path: Path) -> None:
    path = tmp_path / "hostile.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout
    assert SCRIPT in text
    assert BOLD in text


def test_pdf_has_no_javascript(pdf: bytes) -> None:
    assert b"/JavaScript" not in pdf
    assert b"/OpenAction" not in pdf
