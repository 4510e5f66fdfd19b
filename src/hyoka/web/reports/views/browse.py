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

from django import forms
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Max, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET

from hyoka.core import EvaluationReport, Indicator
from hyoka.services import RenderError, check_report_result, safe_filename
from hyoka.web.reports import storage
from hyoka.web.reports.display import (
    STATUS_LABELS,
    cell_text,
    judgment_label,
    lang,
    number_text,
    status_label,
    year_label,
)
from hyoka.web.reports.downloads import download, download_formats
from hyoka.web.reports.models import (
    Bureau,
    IndicatorFact,
    Ministry,
    Report,
    Revision,
    Role,
    Status,
)
from hyoka.web.reports.permissions import (
    Action,
    can,
    can_see,
    current_scope,
    membership,
    role,
    sees_current,
    visible_reports,
)
from hyoka.web.reports.public_cache import PUBLIC_PAGE_SECONDS, public_cache
from hyoka.web.reports.public_pages import public_page
from hyoka.web.reports.report_pages import Reader, official_page, report_page
from hyoka.web.reports.search import MAX_QUERY_CHARS, search_visible
from hyoka.web.reports.shown import matches, shown, status_is

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

PAGE_SIZE = 50

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


def _choices(first: Any, pairs: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    return [("", first), *pairs]


class ReportFilterForm(forms.Form):
    """The list's filters (GET). Choices are built from the reports the user may see."""

    q = forms.CharField(
        label=_("検索語"),
        required=False,
        max_length=MAX_QUERY_CHARS,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    ministry = forms.TypedChoiceField(label=_("府省"), required=False, coerce=int, empty_value=None)
    fiscal_year = forms.TypedChoiceField(label=_("評価年度"), required=False, coerce=int, empty_value=None)
    judgment = forms.ChoiceField(label=_("目標達成度"), required=False)
    bureau = forms.TypedChoiceField(label=_("担当部局"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("状況"), required=False)

    def __init__(self, data: Any, *, user: Any, visible: QuerySet[Report], statuses: list[str]) -> None:
        super().__init__(data, label_suffix="")
        every = _("すべて")
        choices = _filter_choices(user, visible)
        self.fields["ministry"].choices = _choices(every, choices["ministry"])
        self.fields["fiscal_year"].choices = _choices(
            every, [(y, year_label(y)) for y in choices["fiscal_year"]]
        )
        self.fields["judgment"].choices = _choices(
            every, [(j, judgment_label(j)) for j in choices["judgment"]]
        )
        self.fields["bureau"].choices = _choices(every, choices["bureau"])
        self.fields["status"].choices = _choices(every, [(s, STATUS_LABELS[Status(s)]) for s in statuses])


def _filter_choices(user: Any, visible: QuerySet[Report]) -> dict[str, list[Any]]:
    """The values the filters offer: those of the reports the user may see. Four DISTINCT queries
    over every visible report (about 15 ms with 10,000), so kept in the cache per scope until any
    report changes (the key holds the newest ``updated_at``, as the public page cache does)."""
    m = membership(user)
    scope_key = f"{m.role}:{m.ministry_id}:{m.bureau_id}" if m is not None else "public"
    stamp = Report.objects.aggregate(newest=Max("updated_at"))["newest"]
    key = f"hyoka:filter-choices:{scope_key}:{stamp.isoformat() if stamp else '-'}"
    cached: dict[str, list[Any]] | None = cache.get(key)
    if cached is not None:
        return cached
    ministries = Ministry.objects.filter(reports__in=visible).distinct().order_by("name")
    if role(user) == Role.ADMIN:
        current, published = visible, visible.none()
    else:
        scope = current_scope(user)
        current, published = visible.filter(scope), visible.exclude(scope)
    # outside the scope, the published revision's year and judgment (a correction in progress
    # must not add its values to the public's choices)
    years = set(current.values_list("evaluation_year", flat=True).distinct())
    years |= set(published.values_list("published_evaluation_year", flat=True).distinct())
    current_labels = current.exclude(judgment="").values_list("judgment", flat=True).distinct()
    published_labels = (
        published.exclude(published_judgment="").values_list("published_judgment", flat=True).distinct()
    )
    bureaus = (
        Bureau.objects.filter(reports__in=visible)
        .select_related("ministry")
        .distinct()
        .order_by("ministry__name", "name")
    )
    choices: dict[str, list[Any]] = {
        "ministry": [(ministry.pk, ministry.name) for ministry in ministries],
        "fiscal_year": sorted((y for y in years if y is not None), reverse=True),
        "judgment": sorted(set(current_labels) | set(published_labels)),
        "bureau": [(b.pk, f"{b.ministry.name} {b.name}") for b in bureaus],
    }
    cache.set(key, choices, PUBLIC_PAGE_SECONDS)
    return choices


def _statuses(user: Any) -> list[str]:
    """The statuses a user may see: public readers see published reports only."""
    if role(user) in (None, str(Role.VIEWER)):
        return [str(Status.PUBLISHED)]
    return [str(s) for s in Status.values]


@require_GET
@public_cache
def report_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    visible = visible_reports(user)
    form = ReportFilterForm(request.GET or None, user=user, visible=visible, statuses=_statuses(user))
    reports = visible
    q = ""
    if form.is_bound:
        form.is_valid()  # an invalid filter is shown with its error and not applied
        data = form.cleaned_data
        q = data.get("q") or ""
        if data.get("ministry") is not None:
            reports = reports.filter(ministry_id=data["ministry"])
        if data.get("fiscal_year") is not None:
            reports = reports.filter(matches(user, "evaluation_year", data["fiscal_year"]))
        if data.get("judgment"):
            reports = reports.filter(matches(user, "judgment", data["judgment"]))
        if data.get("bureau") is not None:
            reports = reports.filter(bureau_id=data["bureau"])
        if data.get("status"):
            reports = reports.filter(status_is(user, data["status"]))
    reports = search_visible(q, reports, current_scope(user)).select_related("ministry", "bureau")
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = []
    for r in page.object_list:
        known = shown(user, r)
        rows.append(
            {
                "report": r,
                "measure_number": known.measure_number,
                "title": known.title,
                "year": year_label(known.evaluation_year),
                "judgment": judgment_label(known.judgment),
                "status": status_label(user, r),
            }
        )
    return render(request, "reports/list.html", {"form": form, "page": page, "rows": rows, "q": q})


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
    """The report in the official layout (``report_pages.official_page``), shown in the report
    page's iframe; ``?review=1`` adds the findings and proposals for those who work on it."""
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


def _series_names(ind: Indicator) -> dict[str, str]:
    return {s.key: f"{s.key} {s.name}" for s in ind.series}


def _indicator_rows(ind: Indicator, model: EvaluationReport) -> tuple[list[dict[str, Any]], Any]:
    """One row per fiscal year × series: target, actual and the rules' verdict for that year."""
    proposal = check_report_result(model).indicators.get(ind.id)
    verdicts: dict[tuple[int, str], str] = {}
    if proposal is not None:
        for traced in proposal.trace:
            for s in traced.series:
                verdicts[(traced.fiscal_year, s.series or "")] = str(
                    VERDICT_LABELS.get(s.verdict.value, s.verdict)
                )
    names = _series_names(ind)
    rows = []
    for year in ind.years:
        targets = {v.series or "": v.value for v in year.targets}
        actuals = {v.series or "": v.value for v in year.actuals}
        for key in dict.fromkeys([*targets, *actuals]) or [""]:
            rows.append(
                {
                    "year": year_label(year.fiscal_year),
                    "series": names.get(key, key),
                    "target": cell_text(targets.get(key)),
                    "actual": cell_text(actuals.get(key)),
                    "verdict": verdicts.get((year.fiscal_year, key), ""),
                }
            )
    return rows, proposal


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
            ],
        }
        for r in others
        if r.pk in by_report
    ]


@require_GET
@public_cache
def indicator_detail(request: HttpRequest, pk: int, indicator_id: str) -> HttpResponse:
    report = _report(request, pk)
    revision, asked = _revision(request, report)
    model = storage.load(revision)
    try:
        ind = model.indicator(indicator_id)
    except KeyError:
        raise Http404 from None
    rows, proposal = _indicator_rows(ind, model)
    names = _series_names(ind)
    context = {
        "report": report,
        "model": model,
        "revision": revision,
        "revision_query": f"?revision={revision.number}" if asked else "",
        "indicator": ind,
        "rows": rows,
        "baseline": [(names.get(v.series or "", v.series or ""), cell_text(v.value)) for v in ind.baseline],
        "baseline_year": year_label(ind.baseline_year),
        "mid_term": ind.mid_term_target,
        "mid_term_values": [
            (names.get(v.series or "", v.series or ""), cell_text(v.value))
            for v in (ind.mid_term_target.values if ind.mid_term_target else [])
        ],
        "mid_term_year": year_label(ind.mid_term_target.target_year if ind.mid_term_target else None),
        "recorded": ind.recorded_grade.letter if ind.recorded_grade else "",
        "window": [year_label(y) for y in (ind.recorded_grade.window if ind.recorded_grade else [])],
        "proposed": (proposal.proposed if proposal else None) or "",
        "rule": proposal.rule if proposal else "",
        "texts": [
            {"year": year_label(y.fiscal_year), "targets": y.target_text, "progress": y.progress}
            for y in ind.years
            if y.target_text or y.progress
        ],
        "other_years": _other_years(request, report, indicator_id),
    }
    return render(request, "reports/indicator.html", context)


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
