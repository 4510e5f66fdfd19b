"""The reading pages: the list with filters and search, a report (its official layout, findings,
proposals and workflow history), an indicator across years, the downloads, and the stylesheet.

Each view asks ``permissions`` who may see what (404 when a report must not be seen at all),
reads revisions through ``storage`` and renders through ``hyoka.services``; it holds no rule of
its own. Who sees what: those who work on the report (who may comment on it: its bureau's editors,
the ministry's reviewers, the experts it is shared with, admins) see the current revision, any
revision with ``?revision=N``, the rules' findings and proposals and the workflow history; everyone
else sees the published revision only.
"""

from __future__ import annotations

import hashlib
from importlib import resources
from typing import Any
from urllib.parse import quote

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET

from hyoka.core import Indicator, IndicatorKind
from hyoka.services import RenderError, check_report_result, safe_filename
from hyoka.web.reports import storage
from hyoka.web.reports.charts import chart_image, chart_links, chart_svg
from hyoka.web.reports.display import (
    lang,
    number_text,
    year_label,
)
from hyoka.web.reports.downloads import download, download_formats
from hyoka.web.reports.listing import PAGE_SIZE, list_context
from hyoka.web.reports.models import (
    IndicatorFact,
    Report,
    Revision,
)
from hyoka.web.reports.permissions import (
    Action,
    can,
    can_see,
    sees_current,
    visible_reports,
)
from hyoka.web.reports.public_cache import public_cache
from hyoka.web.reports.public_pages import public_page
from hyoka.web.reports.report_content import indicator_table, year_label_list
from hyoka.web.reports.report_pages import Reader, official_page, report_page

__all__ = [
    "CSS_VERSION",
    "PAGE_SIZE",
    "indicator_detail",
    "report_detail",
    "report_download",
    "report_list",
    "report_official",
    "stylesheet",
]


VERDICT_LABELS = {
    "exceeded": _("目標超過"),
    "achieved": _("目標達成"),
    "near": _("目標に近い"),
    "progressing": _("基準より改善"),
    "below_near": _("目標から遠い"),
    "regressing": _("後退"),
    "no_data": _("データなし"),
}

# --- small presentation helpers ------------------------------------------------------------------


# --- which report and which revision ---------------------------------------------------------


def _report(request: HttpRequest, pk: int) -> Report:
    """The report, or 404 when it does not exist for this user (existence must not leak)."""
    report: Report | None = Report.objects.select_related("ministry", "bureau").filter(pk=pk).first()
    if report is None or not can_see(request.user, report):
        raise Http404
    return report


def _revision(request: HttpRequest, report: Report) -> tuple[Revision, bool]:
    """The revision to show, and whether it was asked for with ``?revision=N``."""
    wanted = request.GET.get("revision", "").strip()
    number: int | None = None
    if wanted:
        if not wanted.isdigit() or len(wanted) > 9:
            raise Http404
        number = int(wanted)
    if _works_on(request, report):
        if number is None:
            found = report.current_revision
        else:
            found = Revision.objects.filter(report=report, number=number).first()
    else:
        found = report.published_revision
        if found is not None and number is not None and found.number != number:
            found = None
    if found is None:
        raise Http404
    return found, number is not None


def _works_on(request: HttpRequest, report: Report) -> bool:
    """Whether the user works on the report (their role's scope): they read its current revision,
    drafts included; everyone else reads only the published revision."""
    return sees_current(request.user, report)


# --- the list ------------------------------------------------------------------------------------


@require_GET
@public_cache
def report_list(request: HttpRequest) -> HttpResponse:
    """The list with its filters and search (``listing``: kinds, passages, the filters' HTML)."""
    return render(request, "reports/list.html", list_context(request))


# --- a report ------------------------------------------------------------------------------------


@require_GET
@public_page("report-detail")
@public_cache
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The report page (``report_pages.report_page``, which renders the stored public page too)."""
    report = _report(request, pk)
    revision, asked = _revision(request, report)
    return report_page(Reader.of(request), report, revision, asked=asked)


@require_GET
@xframe_options_sameorigin
@public_page("report-official")
@public_cache
def report_official(request: HttpRequest, pk: int) -> HttpResponse:
    """The report in the official layout (``report_pages.official_page``), linked from the
    report page; ``?review=1`` adds the findings and proposals for those who work on it."""
    report = _report(request, pk)
    revision, _asked = _revision(request, report)
    review = request.GET.get("review") == "1" and _works_on(request, report)
    return official_page(Reader.of(request), report, revision, review=review)


def _attachment(name: str) -> str:
    """``attachment`` with an ASCII fallback name and the UTF-8 name (RFC 6266 / 5987):
    「外務省_1-I-2_R2.pdf」 → ``filename="1-I-2_R2.pdf"; filename*=utf-8''%E5%A4%96…``."""
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    suffix = f".{ext}" if ext and ext.isascii() else ""
    ascii_name = safe_filename("".join(ch for ch in stem if ch.isascii()), suffix=suffix, fallback="report")
    return f"attachment; filename=\"{ascii_name}\"; filename*=utf-8''{quote(name, safe='')}"


@require_GET
def report_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The revision shown on the report page in a registered format (``download_formats``: PDF,
    Excel, the CSV tables as one zip, JSON, …)."""
    if fmt not in download_formats():
        raise Http404
    report = _report(request, pk)
    revision, _asked = _revision(request, report)
    language = lang()
    try:
        found = download(revision, fmt, language)
    except RenderError as exc:
        return HttpResponse(exc.text(language), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(found.data, content_type=found.media_type)
    response["Content-Disposition"] = _attachment(safe_filename(found.name))
    patch_cache_control(response, private=True)
    return response


# --- an indicator across years -------------------------------------------------------------------


def _verdicts(ind: Indicator, proposal: Any) -> dict[int, str]:
    """The rules' verdict for each fiscal year of ``ind``: 「目標達成」, or per series
    「① 目標達成 / ② 目標に近い」."""
    if proposal is None:
        return {}
    verdicts: dict[int, str] = {}
    for traced in proposal.trace:
        parts = [
            f"{s.series} {VERDICT_LABELS.get(s.verdict.value, s.verdict)}".strip()
            if s.series
            else str(VERDICT_LABELS.get(s.verdict.value, s.verdict))
            for s in traced.series
        ]
        verdicts[traced.fiscal_year] = " / ".join(parts)
    return verdicts


def _other_years(request: HttpRequest, report: Report, indicator_id: str) -> list[dict[str, Any]]:
    """The same measure's indicator in the ministry's other reports (other evaluation years), from
    the projection: only reports whose current revision the user may read."""
    others = [
        r
        for r in visible_reports(request.user)
        .filter(ministry_id=report.ministry_id, measure_number=report.measure_number)
        .exclude(pk=report.pk)
        .select_related("ministry", "bureau")
        .order_by("evaluation_year", "pk")
        if can(request.user, Action.VIEW, r)
    ]
    facts = IndicatorFact.objects.filter(report__in=others, indicator_id=indicator_id).order_by(
        "fiscal_year", "series", "id"
    )
    by_report: dict[int, list[IndicatorFact]] = {}
    for fact in facts:
        by_report.setdefault(fact.report_id, []).append(fact)
    return [
        {
            "report": r,
            "year": year_label(r.evaluation_year),
            "name": by_report[r.pk][0].name,
            "rows": [
                {
                    "year": year_label(f.fiscal_year),
                    "series": f.series,
                    "target": number_text(f.target),
                    "actual": number_text(f.actual),
                    "recorded": f.recorded_grade,
                    "proposed": f.proposed_grade,
                }
                for f in by_report[r.pk]
            ]
            if any(f.target is not None or f.actual is not None for f in by_report[r.pk])
            else [],  # a qualitative indicator: no number table
        }
        for r in others
        if r.pk in by_report
    ]


@require_GET
@public_cache
def indicator_detail(request: HttpRequest, pk: int, indicator_id: str) -> HttpResponse:
    """An indicator: its numbers year by year with the rules' verdicts and its chart (a
    quantitative one), its texts (a qualitative one: no number table), and the same indicator in
    the measure's other reports."""
    report = _report(request, pk)
    revision, asked = _revision(request, report)
    model = storage.load(revision)
    try:
        ind = model.indicator(indicator_id)
    except KeyError:
        raise Http404 from None
    proposal = check_report_result(model).indicators.get(ind.id)
    charts, chart_error = chart_links(report.pk, revision.number, model)
    chart = charts.indicators.get(ind.id)
    quantitative = ind.kind is IndicatorKind.QUANTITATIVE
    context = {
        "report": report,
        "model": model,
        "revision": revision,
        "revision_query": f"?revision={revision.number}" if asked else "",
        "indicator": ind,
        "quantitative": quantitative,
        "table": indicator_table(ind, _verdicts(ind, proposal)),
        "chart": chart_image(
            chart, gettext_now("測定指標%(id)s %(name)s のグラフ") % {"id": ind.id, "name": ind.name}
        )
        if chart
        else "",
        "chart_error": chart_error if quantitative else "",
        "recorded": ind.recorded_grade.letter if ind.recorded_grade else "",
        "window": year_label_list(ind.recorded_grade.window if ind.recorded_grade else []),
        "proposed": (proposal.proposed if proposal else None) or "",
        "rule": proposal.reason.text(lang()) if proposal and proposal.reason else "",
        "texts": [
            {"year": year_label(y.fiscal_year), "targets": y.target_text, "progress": y.progress}
            for y in ind.years
            if y.target_text or y.progress
        ],
        "other_years": _other_years(request, report, indicator_id),
    }
    return render(request, "reports/indicator.html", context)


CHART_MAX_AGE = 3_600
"""How long a browser may keep a chart without asking again: an hour, so a withdrawn publication
does not linger in caches for long (the address itself never shows other numbers)."""


@require_GET
def report_chart(request: HttpRequest, pk: int, indicator_id: str | None = None) -> HttpResponse:
    """One chart of a revision as SVG (the budget's, or ``indicator_id``'s), as the report page
    and the indicator page link it (``charts.chart_links``): visible to whoever may read that
    revision, 404 for a chart the revision does not have, 503 with a line of text when this
    machine cannot draw charts."""
    report = _report(request, pk)
    revision, _asked = _revision(request, report)
    try:
        svg = chart_svg(revision.pk, lambda: storage.load(revision), indicator_id)
    except RenderError as exc:
        return HttpResponse(exc.text(lang()), status=503, content_type="text/plain; charset=utf-8")
    if svg is None:
        raise Http404
    response = HttpResponse(svg, content_type="image/svg+xml")
    # its address names the revision and the code: the same bytes for as long as it is served
    if revision.pk == report.published_revision_id and not request.user.is_authenticated:
        patch_cache_control(response, public=True, max_age=CHART_MAX_AGE)
    else:
        patch_cache_control(response, private=True, max_age=CHART_MAX_AGE)
    return response


# --- the stylesheet ------------------------------------------------------------------------------

_CSS = resources.files("hyoka.web").joinpath("static/hyoka.css").read_bytes()
CSS_VERSION = hashlib.sha256(_CSS).hexdigest()[:12]
"""Part of the stylesheet's URL: a changed file gets a new URL, so it may be cached for a year."""


@require_GET
def stylesheet(request: HttpRequest) -> HttpResponse:
    """hyoka.css (gunicorn serves no static files), cacheable for a year under its versioned URL."""
    response = HttpResponse(_CSS, content_type="text/css; charset=utf-8")
    patch_cache_control(response, public=True, max_age=31_536_000, immutable=True)
    response["ETag"] = f'"{CSS_VERSION}"'
    return response
