"""Routes of the writing pages: import, editing by section, opinions, workflow, history, diffs, comments."""

from django.urls import path

from hyoka.web.reports.views import edit

urlpatterns = [
    path("reports/import/", edit.import_upload, name="report-import"),
    path("reports/import/preview/<slug:token>/", edit.import_preview, name="report-import-preview"),
    path("reports/import/save/", edit.import_save, name="report-import-save"),
    path("reports/<int:pk>/edit/", edit.edit_index, name="report-edit-index"),
    path("reports/<int:pk>/edit/<slug:section>/", edit.edit_section, name="report-edit"),
    path("reports/<int:pk>/opinion/", edit.add_opinion, name="report-opinion"),
    path("reports/<int:pk>/transition/", edit.transition, name="report-transition"),
    path("reports/<int:pk>/history/", edit.history, name="report-history"),
    path("reports/<int:pk>/diff/", edit.diff, name="report-diff"),
    path("reports/<int:pk>/comments/", edit.comments, name="report-comments"),
]
