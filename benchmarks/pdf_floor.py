"""The floor of the sample's PDF: the same text laid out by WeasyPrint as plain paragraphs.

    .venv/bin/python benchmarks/pdf_floor.py            # medians of 5 rounds, side by side
    .venv/bin/python benchmarks/pdf_floor.py --runs 9

The official PDF (``render_report(report, "pdf")``: the four charts, the HTML, WeasyPrint) is
compared with what WeasyPrint needs to lay out the same amount of Japanese text and nothing else:

* ``plain_html(report)`` — every text of the official HTML (``render_report_html``), one ``<p>`` per
  paragraph, heading and table row (a row's cells joined by spaces), escaped; no table, no chart,
  no class, no bold, no justification. The texts the charts draw (titles, tick and bar labels,
  legends: 81 texts, 383 of the sample's 52,000 characters; about 0.01 s more as one paragraph a
  chart) are not in it: the charts are images, and drawing them is the official render's cost.
* ``plain_layout(report)`` — that HTML laid out by ``hyoka.renderers.pdf.html_to_pdf``, the
  official PDF's own WeasyPrint call (the same font configuration, options and pause of the
  garbage collector), with the official CSS's ``@page`` (A4, margins, page numbers), font family,
  size and line height.
* ``measure(runs)`` — both timed side by side, interleaved (one plain, one official, …) so that
  a busy machine slows both alike, after one warm-up call each: the medians of the wall-clock
  times and their ratio (``plain_s``, ``official_s``, ``ratio``), the same for CPU time
  (``plain_cpu_s``, ``official_cpu_s``, ``cpu_ratio``: what other work on the machine changes
  least), every timing, the pages of each PDF and the characters of text.

``benchmarks/run.py`` may import ``plain_layout`` and ``measure`` (this file has no side effect
on import).
"""

from __future__ import annotations

import argparse
import html as html_lib
import statistics
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hyoka.core import EvaluationReport

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "mofa-r2-I-2-hokubei.txt"

PLAIN_CSS = """
@page {
  size: A4;
  margin: 16mm 14mm 16mm 14mm;
  @bottom-center { content: counter(page) " / " counter(pages); color: #777; font-size: 8pt; }
}
html { font-family: "Noto Sans CJK JP", "Noto Sans JP", sans-serif; font-size: 9.5pt; color: #000; }
body { margin: 0; line-height: 1.45; }
p { margin: 0.6em 0; }
"""
"""The official ``@page`` and font rules (``hyoka/renderers/templates/report.css``), nothing else."""

_BLOCKS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section", "figure", "div", "li", "ul", "body"}
)
_CELLS = frozenset({"td", "th"})
_SKIPPED = frozenset({"head", "style", "title", "script", "svg"})


class _TextBlocks(HTMLParser):
    """The texts of an HTML page as paragraphs: a block element (p, h1–h6, tr, …) starts and
    ends one; table cells in a row are joined by a space; ``head``, ``style`` and ``svg`` are
    skipped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._skipping = 0

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append(text)
        self._current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag in _BLOCKS:
            self._flush()
        elif tag in _CELLS:
            self._current.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def text_blocks(html: str) -> list[str]:
    """The paragraphs of text of ``html`` (see ``_TextBlocks``)."""
    parser = _TextBlocks()
    parser.feed(html)
    parser.close()
    return parser.blocks


def plain_html(report: EvaluationReport) -> str:
    """Every text of the report's official HTML as plain paragraphs, with the official page and
    font rules (``PLAIN_CSS``)."""
    from hyoka.renderers.html import render_report_html

    paragraphs = "\n".join(
        f"<p>{html_lib.escape(text)}</p>" for text in text_blocks(render_report_html(report))
    )
    return (
        '<!DOCTYPE html>\n<html lang="ja">\n<head>\n<meta charset="utf-8">\n'
        f"<style>{PLAIN_CSS}</style>\n</head>\n<body>\n{paragraphs}\n</body>\n</html>\n"
    )


def plain_layout(report: EvaluationReport) -> bytes:
    """The floor: the report's text (``plain_html``) laid out by the official PDF's WeasyPrint call."""
    from hyoka.renderers.pdf import html_to_pdf

    return html_to_pdf(plain_html(report))


def official_pdf(report: EvaluationReport) -> bytes:
    """The official PDF, as a person gets it: the charts drawn, the HTML, WeasyPrint."""
    from hyoka.services import render_report

    data = render_report(report, "pdf").data
    assert isinstance(data, bytes)
    return data


def sample_report() -> EvaluationReport:
    from hyoka.importers import import_bytes

    return import_bytes(SAMPLE.read_bytes(), name=SAMPLE.name).report


def _pages(pdf: bytes) -> int:
    import io

    import pdfplumber  # the PDF importer's reader, a project dependency

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


def measure(runs: int = 5, report: EvaluationReport | None = None) -> dict[str, Any]:
    """Time the plain layout and the official PDF of ``report`` (default: the sample) side by side:
    one warm-up call each, then ``runs`` rounds of one plain layout and one official render.

    Returns the medians in seconds, wall clock (``plain_s``, ``official_s``, ``ratio`` = official /
    plain) and CPU time (``plain_cpu_s``, ``official_cpu_s``, ``cpu_ratio``), every wall-clock
    timing (``plain_runs``, ``official_runs``), the pages of each PDF and the characters of text.
    """
    if runs < 1:
        raise ValueError("runs must be at least 1")
    report = report if report is not None else sample_report()
    plain_pdf = plain_layout(report)
    official = official_pdf(report)
    wall: dict[str, list[float]] = {"plain": [], "official": []}
    cpu: dict[str, list[float]] = {"plain": [], "official": []}
    for _ in range(runs):
        for name, call in (("plain", plain_layout), ("official", official_pdf)):
            start, start_cpu = time.perf_counter(), time.process_time()
            call(report)
            wall[name].append(time.perf_counter() - start)
            cpu[name].append(time.process_time() - start_cpu)
    plain_s, official_s = statistics.median(wall["plain"]), statistics.median(wall["official"])
    plain_cpu, official_cpu = statistics.median(cpu["plain"]), statistics.median(cpu["official"])
    from hyoka.renderers.html import render_report_html

    return {
        "runs": runs,
        "plain_s": plain_s,
        "official_s": official_s,
        "ratio": official_s / plain_s,
        "plain_cpu_s": plain_cpu,
        "official_cpu_s": official_cpu,
        "cpu_ratio": official_cpu / plain_cpu,
        "plain_runs": wall["plain"],
        "official_runs": wall["official"],
        "plain_pages": _pages(plain_pdf),
        "official_pages": _pages(official),
        "characters": sum(len(text) for text in text_blocks(render_report_html(report))),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5, help="timed rounds (default 5)")
    args = parser.parse_args(argv)
    result = measure(args.runs)
    print(
        f"text: {result['characters']:,} characters; pages: plain {result['plain_pages']}, "
        f"official {result['official_pages']}"
    )
    print(f"plain layout   median {result['plain_s']:.3f} s  runs {_seconds(result['plain_runs'])}")
    print(f"official PDF   median {result['official_s']:.3f} s  runs {_seconds(result['official_runs'])}")
    print(f"ratio          {result['ratio']:.2f} (official / plain; target ≤ 2)")
    print(
        f"CPU time       plain {result['plain_cpu_s']:.3f} s, official {result['official_cpu_s']:.3f} s, "
        f"ratio {result['cpu_ratio']:.2f} (what a busy machine changes least)"
    )
    return 0


def _seconds(values: list[float]) -> str:
    return " ".join(f"{v:.3f}" for v in values)


if __name__ == "__main__":
    sys.exit(main())
