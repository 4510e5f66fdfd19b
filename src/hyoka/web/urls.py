"""URL routes: the pages, the REST API under /api/, and /healthz (a liveness probe)."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from hyoka.web.api import api


def healthz(request: HttpRequest) -> HttpResponse:
    """``ok``: the app is up (no database query; load balancers and the benchmarks use it)."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/", api.urls),
    path("", include("hyoka.web.reports.urls")),
]
