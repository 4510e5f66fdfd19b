"""The report and its 調書 as HTML in the official layout (the same HTML feeds the PDF).

Jinja2 with autoescape: every narrative is text, never markup. Charts are SVG strings made
by ``hyoka.renderers.charts`` and embedded as they are (matplotlib escapes their text): inline
``<svg>`` in the HTML page, or, for the PDF, ``<img>`` of the same SVG as a data URL
(``chart_images=True``), which WeasyPrint draws the same, without putting every element of the
chart through the page's CSS cascade.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from hyoka.core import (
    Cell,
    CellStatus,
    EvaluationReport,
    Issue,
    ReferenceIndicator,
    SeriesValue,
    SourceEntry,
    SummaryEntry,
    format_fiscal_year,
    to_era,
)
from hyoka.core.wareki import format_era_date, format_year_list

__all__ = ["ReportCharts", "amount", "render_report_html", "window_label"]


@dataclass
class ReportCharts:
    """SVG charts to embed: the budget chart and one per quantitative indicator (by id)."""

    budget: str | None = None
    indicators: dict[str, str] = field(default_factory=dict)


def amount(cell: Cell | None) -> str:
    """274346 → 「274,346」, −14 → 「△14」, nothing to report → 「-」, empty → 「」."""
    if cell is None or cell.status is CellStatus.EMPTY:
        return ""
    if cell.status is CellStatus.NOTHING_TO_REPORT:
        return cell.raw or "-"
    value = cell.value
    assert value is not None
    magnitude = f"{abs(value):,}" if value == value.to_integral_value() else f"{abs(value):,f}"
    suffix = "%" if cell.unit == "%" else ""
    return f"{'△' if value < 0 else ''}{magnitude}{suffix}"


def window_label(years: Sequence[int]) -> str:
    """[2017, 2018, 2019] → 「平成29・30・令和元年度」: the era written once per run."""
    return format_year_list(years)


def _short_year(year: int | None) -> str:
    if year is None:
        return ""
    _, n = to_era(year)
    return f"{'元' if n == 1 else n}年度"


def _date_ja(day: dt.date) -> str:
    return format_era_date(day)


def _year_month(value: str | None) -> str:
    if not value:
        return ""
    return format_era_date(dt.date(int(value[:4]), int(value[5:7]), 28), with_day=False)


def _series_text(values: Sequence[SeriesValue], only: str | None = None) -> Markup:
    """「①76% ②86%」: each series value kept on one line (a cell may wrap only between series)."""
    shown = [v for v in values if only is None or v.series == only]
    return Markup(" ").join(
        Markup('<span class="sv">{}</span>').format(f"{v.series or ''}{amount(v.value) or v.value.raw}")
        for v in shown
    )


def _reference_series(ref: ReferenceIndicator) -> list[str | None]:
    keys: list[str | None] = [s.key for s in ref.series]
    if not keys:
        keys = list(dict.fromkeys(v.series for y in ref.years for v in y.actuals))
    return keys


@dataclass
class _SourceGroup:
    publisher: str | None
    entries: list[SourceEntry]


def _source_groups(sources: Sequence[SourceEntry]) -> list[_SourceGroup]:
    groups: list[_SourceGroup] = []
    for source in sources:
        if groups and groups[-1].publisher == source.publisher and source.publisher is not None:
            groups[-1].entries.append(source)
        else:
            groups.append(_SourceGroup(source.publisher, [source]))
    return groups


@dataclass
class _SummaryRow:
    entry: SummaryEntry
    area: str | None
    proposed: str | None


def _summary_rows(report: EvaluationReport, proposals: Mapping[str, Any]) -> list[_SummaryRow]:
    rows: list[_SummaryRow] = []
    last_area: int | None = None
    for entry in report.results_summary:
        area = None
        if entry.area_number != last_area and entry.area_number is not None:
            area = f"個別分野{entry.area_number} {entry.area_title or ''}".strip()
            last_area = entry.area_number
        proposal = proposals.get("indicators", {}).get(entry.indicator_id, {})
        rows.append(_SummaryRow(entry, area, proposal.get("proposed")))
    return rows


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("hyoka.renderers", "templates"),
        autoescape=select_autoescape(["html"], default_for_string=True),
        trim_blocks=False,
        lstrip_blocks=False,
    )
    env.globals.update(
        amount=amount,
        fy=format_fiscal_year,
        window_label=window_label,
        short_year=_short_year,
        date_ja=_date_ja,
        year_month=_year_month,
        series_text=_series_text,
        reference_series=_reference_series,
        source_groups=_source_groups,
    )
    return env


@cache
def _css() -> str:
    return resources.files("hyoka.renderers").joinpath("templates/report.css").read_text(encoding="utf-8")


_SEVERITY_JA = {"error": "エラー", "warning": "警告", "info": "情報"}


def _inline_svg(svg: str) -> Markup:
    return Markup(svg)


def _svg_image(svg: str) -> Markup:
    """The chart as ``<img>`` of an SVG data URL (base64: nothing in it needs escaping)."""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return Markup(f'<img src="data:image/svg+xml;base64,{data}" alt="">')


def render_report_html(
    report: EvaluationReport,
    *,
    findings: Sequence[Issue] = (),
    proposals: Mapping[str, Any] | None = None,
    charts: ReportCharts | None = None,
    review: bool = False,
    lang: str = "ja",
    chart_images: bool = False,
) -> str:
    """The report as one self-contained HTML page. ``review`` shows the findings and the rules'
    proposals beside the numbers they are about (pass them from ``hyoka check``).

    ``chart_images`` embeds each chart as ``<img>`` of its SVG (a data URL) instead of inline
    ``<svg>``: for the PDF, which looks the same either way and is faster to make this way."""
    proposals = proposals or {}
    judgment = proposals.get("judgment", {}).get("proposed")

    def findings_at(prefix: str) -> list[Issue]:
        return [f for f in findings if f.location == prefix or f.location.startswith(prefix + "/")]

    def t(ja: str, en: str) -> str:
        return en if lang == "en" else ja

    def severity_label(severity: str) -> str:
        return severity if lang == "en" else _SEVERITY_JA.get(severity, severity)

    rows = _summary_rows(report, proposals)
    template = _environment().get_template("report.html")
    return template.render(
        report=report,
        findings=list(findings),
        findings_at=findings_at,
        review=review,
        lang=lang,
        t=t,
        severity_label=severity_label,
        css=_css(),
        charts=charts or ReportCharts(),
        chart=_svg_image if chart_images else _inline_svg,
        summary_rows=rows,
        summary_span=len(rows) + sum(1 for n, row in enumerate(rows) if row.area and n > 0),
        judgment_proposal=f"{judgment['label']} ({judgment['letter']})" if judgment else None,
    )
