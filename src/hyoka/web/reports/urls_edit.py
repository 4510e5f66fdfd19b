"""Routes of the writing pages: import, editing by section, opinions, workflow (sharing and deleting
too, and the admins' log of deletions), history, diffs, comments."""

from django.urls import path

from hyoka.web.reports import converters  # noqa: F401  (registers <id:…>)
from hyoka.web.reports.views import deletions, edit, importing, trail, workflow

urlpatterns = [
    path("reports/import/", importing.import_upload, name="report-import"),
    path("reports/import/preview/<slug:token>/", importing.import_preview, name="report-import-preview"),
    path("reports/import/save/", importing.import_save, name="report-import-save"),
    path("reports/deletions/", deletions.deletion_log, name="deletion-log"),
    path("reports/deletions/<int:pk>/document.json", deletions.deletion_document, name="deletion-document"),
    path("reports/<id:pk>/edit/", edit.edit_index, name="report-edit-index"),
    path("reports/<id:pk>/edit/<slug:section>/", edit.edit_section, name="report-edit"),
    path("reports/<id:pk>/opinion/", workflow.add_opinion, name="report-opinion"),
    path("reports/<id:pk>/transition/", workflow.transition, name="report-transition"),
    path("reports/<id:pk>/share/", workflow.share, name="report-share"),
    path("reports/<id:pk>/delete/", workflow.delete, name="report-delete"),
    path(
        "reports/<id:pk>/findings/<int:finding>/resolve/", edit.resolve_finding, name="report-finding-resolve"
    ),
    path("reports/<id:pk>/history/", trail.history, name="report-history"),
    path("reports/<id:pk>/diff/", trail.diff, name="report-diff"),
    path("reports/<id:pk>/comments/", trail.comments, name="report-comments"),
]
