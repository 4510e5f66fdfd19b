"""Storage as docs/design.md says: a report is a document; each save is an immutable revision (the
full JSON of the model, validated by core) with author, time, reason and parent. Projection
tables are rebuilt from the current revision for queries; they are never the record."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    VIEWER = "viewer", "閲覧者"
    EDITOR = "editor", "作成者"
    REVIEWER = "reviewer", "評価担当(審査)"
    EXPERT = "expert", "有識者"
    ADMIN = "admin", "管理者"


class Status(models.TextChoices):
    DRAFT = "draft", "作成中"
    SUBMITTED = "submitted", "提出済"
    RETURNED = "returned", "差戻し"
    APPROVED = "approved", "承認済"
    PUBLISHED = "published", "公表済"


class Ministry(models.Model):
    name = models.CharField(max_length=100, unique=True)

    def __str__(self) -> str:
        return self.name


class Bureau(models.Model):
    ministry = models.ForeignKey(Ministry, on_delete=models.CASCADE, related_name="bureaus")
    name = models.CharField(max_length=100)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ministry", "name"], name="bureau_unique_in_ministry")]

    def __str__(self) -> str:
        return f"{self.ministry.name} {self.name}"


class Membership(models.Model):
    """A person's role, scoped to a ministry (and a bureau for editors)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.VIEWER)
    ministry = models.ForeignKey(Ministry, null=True, blank=True, on_delete=models.PROTECT)
    bureau = models.ForeignKey(Bureau, null=True, blank=True, on_delete=models.PROTECT)


class ApiToken(models.Model):
    """A bearer token for API clients; only its SHA-256 is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)


class Report(models.Model):
    ministry = models.ForeignKey(Ministry, on_delete=models.PROTECT, related_name="reports")
    bureau = models.ForeignKey(
        Bureau, null=True, blank=True, on_delete=models.PROTECT, related_name="reports"
    )
    kind = models.CharField(max_length=16, default="評価書")
    """The document kind of the current revision (評価書, 政策評価調書, 事前分析表)."""
    measure_number = models.CharField(max_length=32)
    evaluation_year = models.IntegerField()
    title = models.CharField(max_length=300)
    judgment = models.CharField(max_length=32, blank=True, default="")
    published_title = models.CharField(max_length=300, blank=True, default="")
    published_judgment = models.CharField(max_length=32, blank=True, default="")
    published_measure_number = models.CharField(max_length=32, blank=True, default="")
    published_evaluation_year = models.IntegerField(null=True, blank=True)
    """The published revision's title, judgment, measure and year: what the public (and anyone
    outside the report's scope) is shown and filters on while a correction is in progress."""
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    shared_with_experts = models.BooleanField(default=False)
    current_revision = models.ForeignKey(
        "Revision", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_revision = models.ForeignKey(
        "Revision", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_to"
    )
    """The published report this one's draft was carried forward from (the next cycle), if any."""
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["ministry", "evaluation_year"]),
            models.Index(fields=["ministry", "measure_number", "evaluation_year"], name="report_measure_idx"),
            models.Index(
                fields=["ministry", "published_measure_number", "published_evaluation_year"],
                name="report_published_measure_idx",
            ),
            models.Index(fields=["status"]),
            models.Index(fields=["judgment"]),
            # the lists' order (newest update first): walked in order, no sort of every visible report
            models.Index(fields=["updated_at", "id"], name="report_updated_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.ministry.name} {self.measure_number} {self.title} ({self.evaluation_year})"


class Revision(models.Model):
    """An immutable save: never updated, never deleted."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField()
    data = models.JSONField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="revision_number_unique")]
        ordering = ["report", "number"]


class Transition(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(max_length=16)
    from_status = models.CharField(max_length=16, choices=Status.choices)
    to_status = models.CharField(max_length=16, choices=Status.choices)
    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["report", "at", "id"]


class Comment(models.Model):
    """A comment thread entry on a section (a JSON pointer into the report)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="comments")
    section = models.CharField(max_length=200, default="")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "created_at", "id"]


# --- projections: rebuilt from a report's current revision ------------------------------------


class IndicatorFact(models.Model):
    """One indicator × fiscal year × series of a report's current revision."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="indicator_facts")
    indicator_id = models.CharField(max_length=64)
    name = models.CharField(max_length=300)
    is_main = models.BooleanField(default=False)
    kind = models.CharField(max_length=16)
    direction = models.CharField(max_length=16, blank=True, default="")
    fiscal_year = models.IntegerField(null=True)
    series = models.CharField(max_length=8, blank=True, default="")
    target = models.DecimalField(max_digits=24, decimal_places=6, null=True)
    actual = models.DecimalField(max_digits=24, decimal_places=6, null=True)
    recorded_grade = models.CharField(max_length=8, blank=True, default="")
    proposed_grade = models.CharField(max_length=8, blank=True, default="")

    class Meta:
        indexes = [models.Index(fields=["indicator_id", "fiscal_year"])]


class BudgetFact(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="budget_facts")
    fiscal_year = models.IntegerField()
    initial = models.DecimalField(max_digits=24, decimal_places=6, null=True)
    total = models.DecimalField(max_digits=24, decimal_places=6, null=True)
    executed = models.DecimalField(max_digits=24, decimal_places=6, null=True)


class FindingFact(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="finding_facts")
    code = models.CharField(max_length=8)
    severity = models.CharField(max_length=8)
    location = models.CharField(max_length=300)
    message = models.TextField()
    message_en = models.TextField()


class OpenFinding(models.Model):
    """A finding of an import (H9: what the importer could not place, filled in or had to guess),
    kept with the report: the rules' findings are recomputed on every save, an import's cannot be,
    so it stays, shown to those who work on the report, until someone marks it resolved (who and
    when are kept; the row is never deleted). See ``kept_findings``."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="open_findings")
    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="+")
    """the revision the import made"""
    code = models.CharField(max_length=8)
    severity = models.CharField(max_length=8)
    location = models.CharField(max_length=300)
    message = models.TextField()
    message_en = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["report", "id"]
        indexes = [models.Index(fields=["report", "resolved_at"], name="open_finding_report_idx")]


class SearchText(models.Model):
    """All narratives of a report's current revision, for Japanese full-text search in the
    workspace (what the public searches is ``PublishedSearchText``)."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="search_text")
    text = models.TextField()


class PublishedSearchText(models.Model):
    """All narratives of a report's published revision: what the public searches. A row of its own,
    not a column beside ``SearchText.text``: on PostgreSQL a save rewrites the current text's row, and
    a row rewritten puts an entry for every trigram of every indexed column into the indexes again,
    so a published report's public text was indexed anew at each save of its correction
    (docs/performance.md, "Writes")."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="published_search_text")
    text = models.TextField()


# --- materialized pages, hand links, bulk imports ---------------------------------------------------


class PublicPage(models.Model):
    """A page of a published report as an anonymous visitor gets it, rendered when the report is
    published (and again on a miss): serving it is one indexed read instead of loading, validating
    and rendering the revision. Valid while ``revision`` is the report's published revision and
    ``fingerprint`` is the running code's (templates, translations, version)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="public_pages")
    page = models.CharField(max_length=16)
    lang = models.CharField(max_length=8)
    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="+")
    fingerprint = models.CharField(max_length=64)
    headers = models.JSONField(default=dict)
    body = models.BinaryField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "page", "lang"], name="public_page_unique"),
        ]


class RenderedFile(models.Model):
    """A download rendered from a revision (revisions never change): served again as long as
    ``fingerprint`` is the running code's, instead of laying the PDF out again (seconds)."""

    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="+")
    format = models.CharField(max_length=16)
    lang = models.CharField(max_length=8)
    fingerprint = models.CharField(max_length=64)
    name = models.CharField(max_length=255)
    media_type = models.CharField(max_length=100)
    body = models.BinaryField()
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["revision", "format", "lang"], name="rendered_file_unique"),
        ]


class IndicatorLink(models.Model):
    """A hand-made link between an indicator of one report and one of the next year's report of
    the same measure, when the indicator was renamed or renumbered (matching by id and name
    cannot see it)."""

    earlier = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    earlier_indicator = models.CharField(max_length=16)
    later = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    later_indicator = models.CharField(max_length=16)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["earlier", "earlier_indicator", "later"], name="indicator_link_unique"
            ),
        ]


class ImportedFile(models.Model):
    """A file a bulk import has stored (by content digest), so that running it again resumes:
    files already imported are skipped."""

    digest = models.CharField(max_length=64, unique=True)
    path = models.TextField()
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    imported_at = models.DateTimeField(auto_now_add=True)


class DeletionLog(models.Model):
    """The record of a report an admin deleted (it was never published): who, when, why, and the
    report's last revision, kept after the report, its revisions and its trail are gone
    (docs/workspace.md, Workflow)."""

    report_id = models.IntegerField()
    ministry = models.CharField(max_length=100)
    bureau = models.CharField(max_length=100, blank=True, default="")
    measure_number = models.CharField(max_length=32)
    evaluation_year = models.IntegerField()
    title = models.CharField(max_length=300)
    status = models.CharField(max_length=16, choices=Status.choices)
    revisions = models.PositiveIntegerField()
    """How many revisions the report had."""
    data = models.JSONField()
    """The last revision's document, so that nothing written is lost."""
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField()

    class Meta:
        ordering = ["at", "id"]
