"""Routes of the reading pages: the list, a report, its official layout and downloads, an
indicator across years; logging in and out, the language switch and the stylesheet; the terms of
use and the accessibility statement."""

from django.urls import path
from django.views.i18n import set_language

from hyoka.web.reports import converters  # noqa: F401  (registers <id:…> and <indicator:…>)
from hyoka.web.reports.views import about, account, browse

urlpatterns = [
    path("", browse.report_list, name="report-list"),
    path("reports/<id:pk>/", browse.report_detail, name="report-detail"),
    path("reports/<id:pk>/official.html", browse.report_official, name="report-official"),
    path("reports/<id:pk>/download.<str:fmt>", browse.report_download, name="report-download"),
    path(
        "reports/<id:pk>/indicators/<indicator:indicator_id>/",
        browse.indicator_detail,
        name="indicator-detail",
    ),
    path("reports/<id:pk>/charts/budget.svg", browse.report_chart, name="report-chart-budget"),
    path(
        "reports/<id:pk>/indicators/<indicator:indicator_id>/chart.svg",
        browse.report_chart,
        name="indicator-chart",
    ),
    path("terms/", about.terms, name="terms"),
    path("accessibility/", about.accessibility, name="accessibility"),
    path("login/", account.login, name="login"),
    path("logout/", account.logout, name="logout"),
    path("i18n/setlang/", set_language, name="set-language"),
    path("lang/<str:code>/", account.language, name="language"),
    path(f"static/hyoka.{browse.CSS_VERSION}.css", browse.stylesheet, name="hyoka-css"),
]
