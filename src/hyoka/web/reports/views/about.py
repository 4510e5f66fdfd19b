"""The site's own pages: the terms of use of the data (政府標準利用規約（第2.0版）, compatible with
CC BY 4.0, and how to cite a report) and the accessibility statement (the target, what was tested,
the known limits). Linked from every page's footer (``reports/site.py``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hyoka.web.reports.public_cache import public_cache
from hyoka.web.reports.site import contact

__all__ = ["accessibility", "terms"]


@require_GET
@public_cache
def terms(request: HttpRequest) -> HttpResponse:
    return render(request, "site/terms.html", {"contact": contact()})


@require_GET
@public_cache
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "site/accessibility.html", {"contact": contact()})
