"""A document as HTML in its official layout (the same HTML feeds the PDF): the 評価書 with its
調書, the 調書 alone, or the 事前分析表, by ``EvaluationReport.kind`` (``templates/report.html``).

Values hyoka supplied rather than read from the document's table (``SeriesValue.inferred_from``,
a judgment with ``origin`` derived) are printed with a ※ and a note saying so, in a colour of their
own, never as if the ministry had written them (docs/publication.md).

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
    AchievementMeans,
    CabinetPolicy,
    Cell,
    CellStatus,
    DocumentKind,
    EvaluationReport,
    Indicator,
    IndicatorYear,
    Issue,
    Judgment,
    JudgmentOrigin,
    MeansYear,
    Paragraph,
    ReferenceIndicator,
    SeriesValue,
    SourceEntry,
    SummaryEntry,
    format_fiscal_year,
    to_era,
)
from hyoka.core.i18n import translate
from hyoka.core.wareki import format_era_date, format_year_list

__all__ = ["ReportCharts", "amount", "document_title", "render_report_html", "window_label"]


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
    """「①76% ②86%」: each series value kept on one line (a cell may wrap only between series).
    A value hyoka inferred is marked 「※」 in the colour of hyoka's notes (the note under the table
    says where it came from); the number stays black, so a PDF read back keeps it."""
    shown = [v for v in values if only is None or v.series == only]
    return Markup(" ").join(
        Markup('<span class="sv inferred-value">{}<span class="inferred mark">※</span></span>').format(
            _value_text(v)
        )
        if v.inferred_from
        else Markup('<span class="sv">{}</span>').format(_value_text(v))
        for v in shown
    )


def _value_text(value: SeriesValue) -> str:
    text = f"{value.series or ''}{amount(value.value) or value.value.raw or ''}"
    if value.upper is not None:
        text += f"〜{amount(value.upper)}"
    return text


def _inferred_sources(values: Sequence[SeriesValue]) -> list[str]:
    """Where the inferred values among ``values`` came from, each once, in order."""
    return list(dict.fromkeys(f"「{v.inferred_from}」" for v in values if v.inferred_from))


def _indicator_values(indicator: Indicator) -> list[SeriesValue]:
    """Every number of an indicator: 基準値, 目標値, and each year's targets and actuals."""
    found = [*indicator.baseline, *(indicator.mid_term_target.values if indicator.mid_term_target else [])]
    for year in indicator.years:
        found += [*year.targets, *year.actuals]
    return found


def _report_values(report: EvaluationReport) -> list[SeriesValue]:
    return [v for indicator in report.indicators() for v in _indicator_values(indicator)]


def _judgment_text(judgment: Judgment) -> Markup:
    """「相当程度進展あり (B)」; a judgment hyoka derived gets the ※ of hyoka's notes."""
    text = judgment.label or (judgment.tier.value if judgment.tier else "")
    if not text and judgment.monitoring_only:
        text = "モニタリング"
    if judgment.letter:
        text = f"{text} ({judgment.letter})" if text else judgment.letter
    if judgment.origin is JudgmentOrigin.DERIVED:
        return Markup('{}<span class="inferred mark">※</span>').format(text)
    return Markup("{}").format(text)


def _means_years(means: Sequence[AchievementMeans]) -> list[int]:
    return sorted({y.fiscal_year for entry in means for y in entry.years})


def _means_year(entry: AchievementMeans, year: int) -> MeansYear | None:
    return next((y for y in entry.years if y.fiscal_year == year), None)


def _indicator_years(report: EvaluationReport) -> list[int]:
    return sorted({y.fiscal_year for indicator in report.indicators() for y in indicator.years})


def _indicator_year(indicator: Indicator, year: int) -> IndicatorYear | None:
    return next((y for y in indicator.years if y.fiscal_year == year), None)


def _has_actuals(report: EvaluationReport) -> bool:
    return any(y.actuals or y.mark for indicator in report.indicators() for y in indicator.years)


def _indicator_rows(report: EvaluationReport) -> list[tuple[str, Indicator]]:
    """Every indicator with the JSON pointer its findings are at."""
    return [
        (f"/areas/{a}/indicators/{i}", indicator)
        for a, area in enumerate(report.areas)
        for i, indicator in enumerate(area.indicators)
    ]


def _cabinet_policies(report: EvaluationReport) -> list[CabinetPolicy]:
    return [policy for area in report.areas for policy in area.cabinet_policies]


def _area_outline(report: EvaluationReport) -> list[Paragraph]:
    """施策の概要 as the 個別分野 hold it, for a document with no outline of the whole measure."""
    return [p for area in report.areas for p in area.outline]


def document_title(report: EvaluationReport) -> str:
    """The title of the page and of the PDF (its metadata): the code, the measure and the kind."""
    code = report.report_code or f"{report.ministry} {report.measure_number}".strip()
    kind = {
        DocumentKind.EVALUATION: "政策評価書",
        DocumentKind.BUDGET_SHEET: "政策評価調書",
        DocumentKind.PRE_ANALYSIS: "事前分析表",
    }[report.kind]
    return " ".join(
        part for part in (code, report.title, f"{format_fiscal_year(report.evaluation_year)}{kind}") if part
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
        values=_series_text,
        inferred_sources=_inferred_sources,
        indicator_values=_indicator_values,
        report_values=_report_values,
        judgment_text=_judgment_text,
        means_years=_means_years,
        means_year=_means_year,
        indicator_years=_indicator_years,
        indicator_year=_indicator_year,
        report_has_actuals=_has_actuals,
        indicator_rows=_indicator_rows,
        cabinet_policies=_cabinet_policies,
        area_outline=_area_outline,
    )
    return env


@cache
def _css() -> str:
    return resources.files("hyoka.renderers").joinpath("templates/report.css").read_text(encoding="utf-8")


_SEVERITY_JA = {"error": "エラー", "warning": "警告", "info": "情報"}


def _inline_svg(svg: str, alt: str = "") -> Markup:
    return Markup(svg)


def _svg_image(svg: str, alt: str = "") -> Markup:
    """The chart as ``<img>`` of an SVG data URL (base64: nothing in it needs escaping), with its
    alternative text (the tagged PDF gives it to a screen reader)."""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return Markup('<img src="data:image/svg+xml;base64,{}" alt="{}">').format(data, alt)


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

    def tr(text: str, **values: object) -> str:
        return translate(text, lang, None, **values)

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
        tr=tr,
        document_title=document_title(report),
        severity_label=severity_label,
        css=_css(),
        charts=charts or ReportCharts(),
        chart=_svg_image if chart_images else _inline_svg,
        summary_rows=rows,
        summary_span=len(rows) + sum(1 for n, row in enumerate(rows) if row.area and n > 0),
        judgment_proposal=f"{judgment['label']} ({judgment['letter']})" if judgment else None,
    )
