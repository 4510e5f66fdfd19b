"""Routes of the portfolio: the dashboard and its lists (the target audit, grade disagreements,
budget execution rates)."""

from django.urls import path

from hyoka.web.reports.views import portfolio

urlpatterns = [
    path("portfolio/", portfolio.dashboard, name="portfolio"),
    path("portfolio/<slug:kind>/", portfolio.portfolio_list, name="portfolio-list"),
]
