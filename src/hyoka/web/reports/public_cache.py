"""Pages for the public, cached: what an anonymous visitor sees depends only on the published
reports, so a page is kept per URL and language until any report changes.

The key holds the newest ``Report.updated_at`` (one indexed query a request): a save, a
transition or a publication anywhere makes every cached page stale at once, in every worker,
whatever cache backend is configured. People who are logged in are never served from it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from hyoka.web.reports.models import Report

__all__ = ["PUBLIC_PAGE_SECONDS", "public_cache"]

PUBLIC_PAGE_SECONDS = 600


_NEWEST_SQL = f"SELECT MAX(updated_at) FROM {Report._meta.db_table}"
"""Written out: on a cached page, building this query with the ORM cost as much as the rest of the
request (the ``(updated_at, id)`` index answers it in one step)."""


def _key(request: HttpRequest) -> str:
    with connection.cursor() as cursor:
        cursor.execute(_NEWEST_SQL)
        (stamp,) = cursor.fetchone()
    raw = f"{request.get_full_path()}|{get_language()}|{stamp or '-'}"
    return "hyoka:public-page:" + hashlib.sha256(raw.encode("utf-8")).hexdigest()


def public_cache(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method != "GET" or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        key = _key(request)
        cached: HttpResponse | None = cache.get(key)
        if cached is not None:
            return cached
        response = view(request, *args, **kwargs)
        cacheable = (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not getattr(request, "META", {}).get("CSRF_COOKIE_NEEDS_UPDATE")
        )
        if cacheable:
            cache.set(key, response, PUBLIC_PAGE_SECONDS)
        return response

    return wrapped
