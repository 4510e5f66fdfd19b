"""Revisions, optimistic locking, the workflow and the projections, on the real database."""

from __future__ import annotations

from typing import Any

import pytest

from hyoka.core import EvaluationReport
from hyoka.web.reports import storage
from hyoka.web.reports.models import FindingFact, IndicatorFact, Report, Revision, SearchText, Status

pytestmark = pytest.mark.django_db


def test_create_stores_revision_one_and_projections(sample_report: Report) -> None:
    assert sample_report.current_revision is not None
    assert sample_report.current_revision.number == 1
    assert (sample_report.ministry.name, sample_report.bureau.name if sample_report.bureau else None) == (
        "外務省",
        "北米局",
    )
    assert sample_report.status == Status.DRAFT
    facts = IndicatorFact.objects.filter(report=sample_report, indicator_id="1-3").order_by("fiscal_year")
    assert [(f.fiscal_year, f.target, f.actual, f.recorded_grade, f.proposed_grade) for f in facts] == [
        (2017, 18, 41, "b", "b"),
        (2018, 30, 30, "b", "b"),
        (2019, 30, 26, "b", "b"),
    ]
    assert FindingFact.objects.filter(report=sample_report, code="H301").count() == 1
    assert "日米安保" in SearchText.objects.get(report=sample_report).text


def test_stale_base_gets_a_conflict_and_writes_nothing(
    sample_report: Report, people: dict[str, Any], sample_model: EvaluationReport
) -> None:
    storage.save_revision(sample_report.pk, 1, sample_model, people["editor"], "修正1")
    changed = sample_model.model_copy(deep=True)
    changed.title = "別の題名"
    with pytest.raises(storage.StaleRevision) as raised:
        storage.save_revision(sample_report.pk, 1, changed, people["admin"], "古い版に基づく修正")
    assert raised.value.current.number == 2
    assert raised.value.current.author == people["editor"]
    assert Revision.objects.filter(report=sample_report).count() == 2
    assert Report.objects.get(pk=sample_report.pk).title == "北米地域外交"


def test_workflow_and_published_correction(
    sample_report: Report, people: dict[str, Any], sample_model: EvaluationReport
) -> None:
    storage.transition(sample_report.pk, "submit", people["editor"])
    storage.transition(sample_report.pk, "return", people["reviewer"], "1-4の評定を再確認してください")
    storage.transition(sample_report.pk, "submit", people["editor"])
    storage.transition(sample_report.pk, "approve", people["reviewer"])
    storage.transition(sample_report.pk, "publish", people["reviewer"])
    report = Report.objects.get(pk=sample_report.pk)
    assert report.status == Status.PUBLISHED
    assert report.published_revision_id == report.current_revision_id
    trail = [(t.action, t.from_status, t.to_status, t.actor.username) for t in report.transitions.all()]
    assert trail == [
        ("submit", "draft", "submitted", "editor"),
        ("return", "submitted", "returned", "reviewer"),
        ("submit", "returned", "submitted", "editor"),
        ("approve", "submitted", "approved", "reviewer"),
        ("publish", "approved", "published", "reviewer"),
    ]
    assert report.transitions.all()[1].comment == "1-4の評定を再確認してください"
    storage.save_revision(report.pk, 1, sample_model, people["editor"], "公表後の訂正")
    report.refresh_from_db()
    assert (report.status, report.current_revision.number, report.published_revision.number) == (
        "draft",
        2,
        1,
    )
    with pytest.raises(storage.TransitionError):
        storage.transition(report.pk, "publish", people["reviewer"])


def test_load_json_is_the_stored_document_or_its_current_version(sample_report: Report) -> None:
    """The API gives a revision's JSON without reading and writing it again when it is in the
    current schema version; a version 1 document is given as version 2, as ``load`` reads it."""
    revision = sample_report.current_revision
    assert revision is not None
    assert storage.load_json(revision) is revision.data
    assert storage.load_json(revision) == storage.load(revision).model_dump(mode="json")
    old = Revision(data={**revision.data, "schema_version": "1"})
    assert storage.load_json(old) == {**revision.data, "schema_version": "2"}
