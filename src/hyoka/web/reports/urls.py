"""Page routes: reading (browse) and writing (edit), each in its own module."""

from django.urls import include, path

urlpatterns = [
    path("", include("hyoka.web.reports.urls_browse")),
    path("", include("hyoka.web.reports.urls_edit")),
    path("", include("hyoka.web.reports.urls_portfolio")),
    path("", include("hyoka.web.reports.urls_measure")),
    path("", include("hyoka.web.reports.urls_findings")),
]
