"""URL routes: the pages, and the REST API under /api/."""

from django.urls import include, path

from hyoka.web.api import api

urlpatterns = [
    path("api/", api.urls),
    path("", include("hyoka.web.reports.urls")),
]
