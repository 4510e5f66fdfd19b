"""Routes of the cycle: a measure across years (with its hand links) and the next cycle's draft."""

from django.urls import path

from hyoka.web.reports import converters  # noqa: F401  (registers <id:…>)
from hyoka.web.reports.views import cycle, measure

urlpatterns = [
    path("reports/<id:pk>/across-years/", measure.across_years, name="measure-across-years"),
    path("reports/<id:pk>/across-years/links/", measure.link_add, name="measure-link-add"),
    path(
        "reports/<id:pk>/across-years/links/<id:link_id>/delete/",
        measure.link_remove,
        name="measure-link-remove",
    ),
    path("reports/<id:pk>/next-cycle/", cycle.next_cycle, name="report-next-cycle"),
]
