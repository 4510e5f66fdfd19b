"""A report's own pages — the report page and its official layout — rendered from the report, the
revision shown and who reads it (a ``Reader``), by functions of their own. The report page shows
the report itself as HTML that reads on any screen (``report_content``: its sections, a table of
contents, the charts, values hyoka inferred marked); the official layout is a page of its own.

The views (``views/browse.py``) find the report and the revision a request may see and call these
functions; the stored public pages (``public_pages``) call the same functions for an anonymous
reader of the published revision, ahead of any visitor, without a request. ``PUBLIC_PAGES`` is the
registry of the pages kept rendered for the public, by URL name: the page's name (as stored in
``PublicPage.page`` and given to ``manage.py hyoka_public_pages --page``) and its renderer. This
module imports no view.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control

from hyoka.core import EvaluationReport
from hyoka.services import RenderError, check_report_result, render_report
from hyoka.web.reports import kept_findings, storage
from hyoka.web.reports.charts import chart_links
from hyoka.web.reports.display import (
    ACTION_NAMES,
    SEVERITY_LABELS,
    STATUS_LABELS,
    judgment_label,
    lang,
    status_label,
    year_label,
)
from hyoka.web.reports.downloads import download_links
from hyoka.web.reports.finding_table import finding_table
from hyoka.web.reports.models import FindingFact, Report, Revision, Status
from hyoka.web.reports.permissions import sees_current
from hyoka.web.reports.report_content import report_content

__all__ = [
    "OFFICIAL_POLICY",
    "PUBLIC_PAGES",
    "PageRenderer",
    "PublicPageKind",
    "Reader",
    "official_page",
    "report_page",
]

OFFICIAL_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'self'"
)
"""The official layout is one self-contained document (inline CSS and SVG): it loads nothing,
and only our own pages may frame it."""


@dataclass(frozen=True)
class Reader:
    """Who reads a page, at which address: all a report page depends on besides the report and the
    revision. ``request`` is the visitor's request when there is one (its messages and CSRF token
    then go into the page as on every page); a page rendered ahead for any anonymous visitor has
    none. In the templates it stands for ``request`` then: they read only its ``user`` and
    ``get_full_path()`` (the language links' ``next=``)."""

    user: Any
    path: str
    request: HttpRequest | None = None

    @classmethod
    def of(cls, request: HttpRequest) -> Reader:
        return cls(request.user, request.get_full_path(), request)

    @classmethod
    def anonymous(cls, path: str) -> Reader:
        """Any visitor who is not signed in, at ``path`` without a query."""
        return cls(AnonymousUser(), path)

    def get_full_path(self) -> str:
        return self.path


def _page(reader: Reader, template: str, context: dict[str, Any]) -> HttpResponse:
    """``template`` with ``context``, as ``django.shortcuts.render`` makes it: with the request's
    context processors when there is a request, else with what they give an anonymous visitor
    without messages (the user, no messages, the reader for ``request``)."""
    if reader.request is not None:
        return HttpResponse(render_to_string(template, context, reader.request))
    anonymous = {"request": reader, "user": reader.user, "messages": ()}
    return HttpResponse(render_to_string(template, {**anonymous, **context}))


# --- the report page -----------------------------------------------------------------------------


@dataclass
class _FindingGroup:
    severity: str
    label: str
    rows: list[Any]


def _finding_groups(report: Report, revision: Revision, model: EvaluationReport) -> list[_FindingGroup]:
    """The findings of the revision shown, grouped by severity (errors first): the projection for
    the current revision, the rules run again for any other."""
    rows: list[Any]
    if revision.pk == report.current_revision_id:
        rows = list(FindingFact.objects.filter(report=report).order_by("id"))
    else:
        rows = list(check_report_result(model).findings)
    groups = {s: _FindingGroup(s, str(SEVERITY_LABELS[s]), []) for s in ("error", "warning", "info")}
    for row in rows:
        severity = str(getattr(row.severity, "value", row.severity))
        groups.setdefault(severity, _FindingGroup(severity, severity, [])).rows.append(row)
    return [
        _FindingGroup(g.severity, g.label, finding_table(g.rows, model)) for g in groups.values() if g.rows
    ]


def _proposals(model: EvaluationReport) -> dict[str, Any]:
    """The rules' proposals: a grade per indicator (beside the recorded one) and the judgment."""
    result = check_report_result(model)
    indicators = []
    for ind in model.indicators():
        proposal = result.indicators.get(ind.id)
        recorded = ind.recorded_grade.letter if ind.recorded_grade else ""
        proposed = (proposal.proposed if proposal else None) or ""
        indicators.append(
            {
                "id": ind.id,
                "name": ind.name,
                "recorded": recorded,
                "proposed": proposed,
                "rule": proposal.reason.text(lang()) if proposal and proposal.reason else "",
                "differs": bool(recorded and proposed and recorded.lower() != proposed.lower()),
            }
        )
    judgment = result.judgment
    return {
        "indicators": indicators,
        "judgment_recorded": judgment_label(judgment.recorded_label),
        "judgment_proposed": judgment_label(judgment.proposed.label) if judgment.proposed else "",
        "judgment_rule": judgment.reason.text(lang()) if judgment.reason else "",
    }


def report_page(reader: Reader, report: Report, revision: Revision, *, asked: bool = False) -> HttpResponse:
    """The report page of ``revision`` (``asked``: chosen with ``?revision=N``). Those who work on
    the report (``permissions.sees_current``) also see its findings, the rules' proposals, the
    revisions and the workflow history."""
    model = storage.load(revision)
    reviews = sees_current(reader.user, report)
    charts, chart_error = chart_links(report.pk, revision.number, model)
    context: dict[str, Any] = {
        "report": report,
        "model": model,
        "revision": revision,
        "is_current": revision.pk == report.current_revision_id,
        "is_published": revision.pk == report.published_revision_id,
        "revision_query": f"?revision={revision.number}" if asked else "",
        "official_query": ("?review=1" if reviews else "")
        + (f"{'&' if reviews else '?'}revision={revision.number}" if asked else ""),
        "year": year_label(model.evaluation_year),
        "judgment": judgment_label(model.judgment.label),
        "status": status_label(reader.user, report),
        "downloads": download_links(lang()),
        "content": report_content(model, charts),
        "chart_error": chart_error,
        "works_on": reviews,
    }
    if reviews:
        context["finding_groups"] = _finding_groups(report, revision, model)
        context.update(kept_findings.page_context(reader.user, report))
        context["proposals"] = _proposals(model)
        context["revisions"] = (
            Revision.objects.filter(report=report).defer("data").select_related("author").order_by("-number")
        )
        context["transitions"] = [
            {
                "t": t,
                "action": ACTION_NAMES.get(t.action, t.action),
                "from": STATUS_LABELS.get(Status(t.from_status), t.from_status),
                "to": STATUS_LABELS.get(Status(t.to_status), t.to_status),
            }
            for t in report.transitions.select_related("actor", "revision").defer("revision__data")
        ]
    return _page(reader, "reports/report.html", context)


# --- the official layout -------------------------------------------------------------------------


def official_page(
    reader: Reader, report: Report, revision: Revision, *, review: bool = False
) -> HttpResponse:
    """``revision`` in the official layout (one self-contained HTML document), linked from the
    report page; ``review`` (for those who work on it) adds the findings and proposals. 503 with
    a line of text when it cannot be rendered."""
    model = storage.load(revision)
    language = lang()
    try:
        if review:
            result = check_report_result(model)
            output = render_report(
                model,
                "html",
                findings=result.findings,
                proposals=result.to_json()["proposals"],
                review=True,
                lang=language,
            )
        else:
            output = render_report(model, "html", lang=language)
    except RenderError as exc:
        return HttpResponse(exc.text(language), status=503, content_type="text/plain; charset=utf-8")
    assert isinstance(output.data, bytes)
    response = HttpResponse(output.data, content_type=output.media_type)
    response["Content-Security-Policy"] = OFFICIAL_POLICY
    patch_cache_control(response, private=True)
    return response


# --- the pages kept rendered for the public ------------------------------------------------------


class PageRenderer(Protocol):
    """A public page's renderer: the page of ``revision`` of ``report`` for ``reader``."""

    def __call__(self, reader: Reader, report: Report, revision: Revision) -> HttpResponse: ...


@dataclass(frozen=True)
class PublicPageKind:
    """A page kept rendered for the public: its name (``PublicPage.page``) and its renderer."""

    name: str
    render: PageRenderer


PUBLIC_PAGES: dict[str, PublicPageKind] = {
    "report-detail": PublicPageKind("detail", report_page),
    "report-official": PublicPageKind("official", official_page),
}
"""The pages kept rendered for the public, by URL name (each URL takes the report's id)."""
