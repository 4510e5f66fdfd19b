"""Migration 0009 (schema 2 of the model, issue 14): stored version 1 revisions are rewritten to
version 2 with their content unchanged, reports get their document kind, and indicator ids as
written in any ministry's numbering fit their column. Run on the real database (SQLite or
PostgreSQL) through Django's migration executor, backwards to 0008 and forwards again."""

from __future__ import annotations

import pytest

from .migrating import migrate as _migrate
from .migrating import migrate_to_latest

BEFORE = [("reports", "0008_rendered_file")]
AFTER = [("reports", "0009_schema_2")]


@pytest.mark.django_db(transaction=True)
def test_version_1_revisions_become_version_2_with_their_content_kept() -> None:
    old = _migrate(BEFORE)
    Ministry = old.get_model("reports", "Ministry")
    Report = old.get_model("reports", "Report")
    Revision = old.get_model("reports", "Revision")
    ministry = Ministry.objects.create(name="外務省")
    v1 = {
        "schema_version": "1",
        "ministry": "外務省",
        "measure_number": "I-2",
        "title": "北米地域外交",
        "evaluation_year": 2020,
        "window": [2018, 2019, 2020],
    }
    sheet = {**v1, "schema_version": "1", "kind": "政策評価調書", "measure_number": "I-3"}
    reports = []
    for data in (v1, sheet):
        report = Report.objects.create(
            ministry=ministry,
            measure_number=data["measure_number"],
            evaluation_year=2020,
            title="北米地域外交",
        )
        revision = Revision.objects.create(report=report, number=1, reason="取込", data=data)
        Report.objects.filter(pk=report.pk).update(current_revision=revision)
        reports.append(report.pk)
    try:
        new = _migrate(AFTER)
        Report = new.get_model("reports", "Report")
        Revision = new.get_model("reports", "Revision")
        stored = [Revision.objects.get(report_id=pk).data for pk in reports]
        assert stored[0] == {**v1, "schema_version": "2"}
        assert stored[1] == {**sheet, "schema_version": "2"}
        assert [Report.objects.get(pk=pk).kind for pk in reports] == ["評価書", "政策評価調書"]
        IndicatorFact = new.get_model("reports", "IndicatorFact")
        fact = IndicatorFact.objects.create(
            report_id=reports[0], indicator_id="達成目標1-指標3（参考）Ⅰ-9-1-1", name="x", kind="quantitative"
        )
        assert IndicatorFact.objects.get(pk=fact.pk).indicator_id == "達成目標1-指標3（参考）Ⅰ-9-1-1"
    finally:
        migrate_to_latest()
