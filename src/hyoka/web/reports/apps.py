from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "hyoka.web.reports"
    label = "reports"
    verbose_name = "評価書"

    def ready(self) -> None:
        """Subscribe to what storage announces (``signals.py``): a publication renders the report's
        public pages (``public_pages.on_report_published``), a withdrawal deletes them
        (``public_pages.on_report_withdrawn``)."""
        from hyoka.web.reports import public_pages
        from hyoka.web.reports.models import Report
        from hyoka.web.reports.signals import report_published, report_withdrawn

        report_published.connect(
            public_pages.on_report_published, sender=Report, dispatch_uid="hyoka-public-pages"
        )
        report_withdrawn.connect(
            public_pages.on_report_withdrawn, sender=Report, dispatch_uid="hyoka-public-pages-withdrawn"
        )
