from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "hyoka.web.reports"
    label = "reports"
    verbose_name = "評価書"
