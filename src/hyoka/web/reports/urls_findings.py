"""Routes of the findings' pages: every finding code and each one's documentation."""

from django.urls import path

from hyoka.web.reports.views import findings

urlpatterns = [
    path("findings/", findings.finding_index, name="finding-index"),
    path("findings/<str:code>/", findings.finding_page, name="finding-page"),
]
