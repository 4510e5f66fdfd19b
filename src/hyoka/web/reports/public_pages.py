"""A published report's public pages, kept rendered: the page an anonymous visitor gets for a
report and its official layout depend only on the published revision (it never changes) and on
the code, so they are rendered when the report is published and stored as ``PublicPage`` rows.
Serving one is a single indexed read instead of loading, validating and rendering the revision's
JSON (about 7 ms of CPU, too much for the report page's speed target with 10,000 reports).

A stored page is used only while its revision is the report's published revision and its
fingerprint is the running code's (every file of the ``hyoka`` package: templates, translations,
code); otherwise the page is rendered as usual and stored again. ``manage.py hyoka_public_pages``
renders every published report's pages ahead (after an upgrade, or a bulk load).

The pages are rendered by their own functions (``report_pages.PUBLIC_PAGES``, by URL name), which
the views call too: ahead of visitors for ``Reader.anonymous`` without any request. A publication
reaches this module through the ``report_published`` signal (``on_report_published``, connected in
``ReportsConfig.ready``), a withdrawal through ``report_withdrawn`` (``on_report_withdrawn``, which
deletes them); storage never calls it.
"""

from __future__ import annotations

import inspect
import json
import logging
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language

from hyoka.web.reports.code_version import fingerprint, keep_rendered
from hyoka.web.reports.models import PublicPage, RenderedFile, Report
from hyoka.web.reports.report_pages import PUBLIC_PAGES, Reader

__all__ = [
    "AT_PUBLICATION",
    "fingerprint",
    "on_publication",
    "on_report_published",
    "on_report_withdrawn",
    "page_names",
    "public_page",
    "render_public_pages",
]

log = logging.getLogger(__name__)

_URL_NAMES = {kind.name: url_name for url_name, kind in PUBLIC_PAGES.items()}
"""Page name → URL name."""


def _anonymous_get(request: HttpRequest) -> bool:
    return request.method == "GET" and not request.GET and not request.user.is_authenticated


def _published_revision_id(pk: int) -> int | None:
    return Report.objects.filter(pk=pk).values_list("published_revision", flat=True).first()


def _store(pk: int, name: str, lang: str, revision_id: int, response: HttpResponse) -> None:
    """Keep ``response`` as the page; a concurrent store of the same page or a busy database only
    means the next visitor renders it again, so neither is an error for this visitor."""
    keep_rendered(
        PublicPage.objects,
        f"public page {pk}/{name}/{lang}",
        {"revision_id": revision_id, "headers": dict(response.headers.items()), "body": response.content},
        report_id=pk,
        page=name,
        lang=lang,
    )


def _keep(pk: int, name: str, before: int | None, response: HttpResponse) -> None:
    """Store ``response`` when it is the page of the published revision ``before`` and that is
    still the report's published revision (no publication happened while it was rendered)."""
    if (
        before is not None
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and _published_revision_id(pk) == before
    ):
        _store(pk, name, get_language() or settings.LANGUAGE_CODE, before, response)


_STORED_SQL = f"""
    SELECT page.headers, page.body
      FROM {PublicPage._meta.db_table} page
      JOIN {Report._meta.db_table} report ON report.id = page.report_id
     WHERE page.report_id = %s AND page.page = %s AND page.lang = %s AND page.fingerprint = %s
       AND page.revision_id = report.published_revision_id
"""
"""One indexed read (the unique report/page/lang index). Written out rather than built by the ORM:
on this path, building the query cost as much as running it."""


def _stored(pk: int, name: str, lang: str) -> tuple[dict[str, str], bytes] | None:
    with connection.cursor() as cursor:
        cursor.execute(_STORED_SQL, [pk, name, lang, fingerprint()])
        row = cursor.fetchone()
    if row is None:
        return None
    headers, body = row
    return (json.loads(headers) if isinstance(headers, str) else headers), bytes(body)


View = Callable[..., HttpResponse]


def public_page(url_name: str) -> Callable[[View], View]:
    """Serve the anonymous, query-less GET of the report page named ``url_name`` (a key of
    ``report_pages.PUBLIC_PAGES``) from its stored rendering, and store what the view renders when
    there is none; anything else (signed-in people, ``?revision=``) goes to the view as it is."""
    name = PUBLIC_PAGES[url_name].name

    def decorate(view: View) -> View:
        raw = inspect.unwrap(view)  # the view itself: a page stored here is not cached again

        @wraps(view)
        def wrapped(request: HttpRequest, pk: int) -> HttpResponse:
            if not _anonymous_get(request):
                return view(request, pk)
            stored = _stored(pk, name, get_language() or settings.LANGUAGE_CODE)
            if stored is not None:
                headers, body = stored
                return HttpResponse(body, headers=headers)
            before = _published_revision_id(pk)
            response = raw(request, pk)
            _keep(pk, name, before, response)
            return response

        return wrapped

    return decorate


AT_PUBLICATION = ("detail",)
"""The pages rendered when a report is published: the report page (about 8 ms a language). The
official layout draws its charts (about 0.4 s), so it is stored at its first visit instead, or by
``hyoka_public_pages``; a publication, single or in bulk, stays quick."""


def page_names() -> list[str]:
    """The names of the pages kept rendered for the public (``detail``, ``official``)."""
    return list(_URL_NAMES)


def render_public_pages(
    report_ids: Iterable[int], pages: Iterable[str] | None = None, *, stale_only: bool = False
) -> int:
    """Render and store the public pages (``pages``, default all; every language) of the given
    published reports; returns how many were stored. Reports that are not published are skipped;
    with ``stale_only``, so are pages already stored for the published revision and this code."""
    names = page_names() if pages is None else list(pages)
    unknown = sorted(set(names) - set(page_names()))
    if unknown:
        raise ValueError(f"unknown public pages {unknown}; known: {page_names()}")
    ids = list(report_ids)
    fresh: set[tuple[int, str, str]] = set()
    if stale_only:
        fresh = set(
            PublicPage.objects.filter(
                report_id__in=ids,
                fingerprint=fingerprint(),
                revision_id=F("report__published_revision_id"),
            ).values_list("report_id", "page", "lang")
        )

    stored = 0
    published = {
        report.pk: report
        for report in Report.objects.filter(pk__in=ids)
        .exclude(published_revision=None)
        .select_related("ministry", "bureau", "published_revision")
    }
    for pk in ids:
        report = published.get(pk)
        if report is None:
            continue
        revision = report.published_revision
        assert revision is not None
        for code, _label in settings.LANGUAGES:
            with translation.override(code):
                for name in names:
                    if (pk, name, code) in fresh:
                        continue
                    url_name = _URL_NAMES[name]
                    reader = Reader.anonymous(reverse(url_name, args=[pk]))
                    response = PUBLIC_PAGES[url_name].render(reader, report, revision)
                    _keep(pk, name, revision.pk, response)
                    stored += response.status_code == 200
    return stored


def on_publication(report_id: int) -> None:
    """After a publication commits: its pages rendered now, so the first visitor is served fast.
    A failure here must not turn a successful publication into an error: the page is then rendered
    at the first visit instead."""
    try:
        render_public_pages([report_id], AT_PUBLICATION)
    except Exception:
        log.exception("public pages of report %s not rendered at publication", report_id)


def on_report_published(sender: Any, *, report_id: int, bulk: bool = False, **kwargs: Any) -> None:
    """The receiver of ``signals.report_published``: the report's pages rendered once the
    publication commits (``on_publication``), unless it is one of a bulk import's (which renders
    them in parallel afterwards)."""
    if not bulk:
        transaction.on_commit(lambda: on_publication(report_id))


def on_report_withdrawn(sender: Any, *, report_id: int, revision_id: int, **kwargs: Any) -> None:
    """The receiver of ``signals.report_withdrawn``: the report's stored public pages and the files
    rendered from the revision that was published go at once, in the withdrawal's transaction (a
    stored page is served only for the published revision anyway, so none could be served after)."""
    PublicPage.objects.filter(report_id=report_id).delete()
    RenderedFile.objects.filter(revision_id=revision_id).delete()
