"""URL routes: the pages, the REST API under /api/ (its Swagger UI at /api/docs, with Swagger's files
served from here), and /healthz (a liveness probe). ``handler403`` logs a refusal as one line."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.utils.log import log_response
from django.views.defaults import permission_denied

from hyoka.web.api import SWAGGER_VERSION, api, swagger_file


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


handler403 = forbidden

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path(f"api/docs/static/{SWAGGER_VERSION}/<str:name>", swagger_file, name="api-docs-file"),
    path("api/", api.urls),
    path("", include("hyoka.web.reports.urls")),
]
