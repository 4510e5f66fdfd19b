"""URL routes: the pages, the REST API under /api/ (its Swagger UI at /api/docs, with Swagger's files
served from here), and /healthz (a liveness probe).

The error pages are the site's own (templates ``403.html``, ``404.html``, ``500.html``: the layout,
its navigation, the chosen language). ``handler403`` logs a refusal as one line; ``handler500``
renders its page without the request's context and without the database, which may be what
failed."""

import logging
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader
from django.urls import include, path
from django.utils.log import log_response
from django.utils.translation import get_language
from django.views.defaults import page_not_found, permission_denied

from hyoka.web.api import SWAGGER_VERSION, api, swagger_file
from hyoka.web.api_workflow import router as workflow_router


def healthz(request: HttpRequest) -> HttpResponse:
    """``ok``: the app is up (no database query; load balancers and the benchmarks use it)."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


def forbidden(request: HttpRequest, exception: Any) -> HttpResponse:
    """Django's 403 page, logged here as one warning line without a traceback.

    A view refuses with ``raise PermissionDenied``; Django's ``response_for_exception`` would log that
    with the exception as ``exc_info`` (a full traceback for an expected answer). ``log_response``
    marks the response as logged, so Django does not log it a second time."""
    response = permission_denied(request, exception)
    log_response("Forbidden (Permission denied): %s", request.path, response=response, request=request)
    return response


def not_found(request: HttpRequest, exception: Any) -> HttpResponse:
    """The site's 404 page (``404.html``, in the layout with its navigation)."""
    return page_not_found(request, exception)


SERVER_ERROR_TEXT = "500 Internal Server Error / サーバーでエラーが発生しました"
"""The answer when even the 500 page cannot be rendered."""


def server_error(request: HttpRequest) -> HttpResponse:
    """The site's 500 page: ``500.html`` rendered from the active language only (no request
    context, no context processor, no database query), or one line of text if that fails too."""
    try:
        body = loader.get_template("500.html").render({"lang": get_language() or "ja"})
    except Exception:
        logging.getLogger(__name__).exception("the 500 page could not be rendered")
        return HttpResponseServerError(SERVER_ERROR_TEXT, content_type="text/plain; charset=utf-8")
    return HttpResponseServerError(body)


api.add_router("", workflow_router)  # before api.urls (api_workflow builds on api.py, so it is added here)

handler403 = forbidden
handler404 = not_found
handler500 = server_error

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path(f"api/docs/static/{SWAGGER_VERSION}/<str:name>", swagger_file, name="api-docs-file"),
    path("api/", api.urls),
    path("", include("hyoka.web.reports.urls")),
]
