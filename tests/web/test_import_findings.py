"""Import findings (H9) stay with the report after saves, shown to those who work on it, until
someone marks them resolved (issue 11): kept in ``OpenFinding``, put back into the projection on
every rebuild, resolved with who and when, and never shown outside the report's trail."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from hyoka.core import Issue, Severity
from hyoka.web.reports import storage
from hyoka.web.reports.models import FindingFact, OpenFinding, Report

from .editing import client_for, edit_url, page_form, text
from .test_pages_edit import ACTUAL_1_3_2019, messages_of, sample_upload

pytestmark = pytest.mark.django_db

IMPORT_FINDINGS = [
    ("H904", "/budget_sheet/current_year"),
    ("H904", "/budget_sheet/next_year"),
    ("H902", "/areas/0/indicators/4/years"),
]


def _upload(user: Any) -> Report:
    client = client_for(user)
    preview = client.get(client.post(reverse("report-import"), {"file": sample_upload()})["Location"])
    saved = client.post(reverse("report-import-save"), page_form(text(preview), "token") | {"save": "1"})
    assert saved.status_code == 302
    return Report.objects.get()


def _in_projection(report: Report) -> list[tuple[str, str]]:
    return list(
        FindingFact.objects.filter(report=report, code__startswith="H9")
        .order_by("code", "location")
        .values_list("code", "location")
    )


def _edit_actual(report: Report, user: Any, value: str) -> None:
    client = client_for(user)
    form = page_form(text(client.get(edit_url(report, "indicators") + "?indicator=1-3")))
    response = client.post(
        edit_url(report, "indicators") + "?indicator=1-3", form | {ACTUAL_1_3_2019: value, "reason": "確定値"}
    )
    assert response.status_code == 302


def test_import_findings_survive_saves_until_resolved(people: dict[str, Any]) -> None:
    report = _upload(people["editor"])
    kept = list(OpenFinding.objects.filter(report=report).values_list("code", "location", "resolved_at"))
    assert kept == [(code, location, None) for code, location in IMPORT_FINDINGS]
    assert _in_projection(report) == sorted(IMPORT_FINDINGS)

    _edit_actual(report, people["editor"], "28")
    _edit_actual(report, people["editor"], "29")
    assert _in_projection(report) == sorted(IMPORT_FINDINGS)  # a save recomputes the rules only
    assert OpenFinding.objects.filter(report=report).count() == 3

    # the editor sees them on the edit page, in words, with the button
    page = client_for(people["editor"]).get(edit_url(report, "indicators"))
    html = text(page)
    rows = [(r.finding.code, r.place, r.severity_label) for r in page.context["import_findings"]]
    assert rows == [
        ("H904", "政策評価調書 当初予算額の年度", "参考"),
        ("H904", "政策評価調書 概算要求額の年度", "参考"),
        ("H902", "測定指標1-5", "注意"),
    ]
    assert html.count(">解決済みにする</button>") == 3

    # the reviewer resolves the H902 from the report page; who and when are kept
    h902 = OpenFinding.objects.get(report=report, code="H902")
    reviewer = client_for(people["reviewer"])
    detail = reverse("report-detail", args=[report.pk])
    assert "取込時の指摘" in text(reviewer.get(detail))
    response = reviewer.post(
        reverse("report-finding-resolve", args=[report.pk, h902.pk]), {"next": detail}, follow=True
    )
    assert response.redirect_chain == [(detail, 302)]
    assert messages_of(response) == ["取込時の指摘 H902（測定指標1-5）を解決済みにしました。"]
    h902.refresh_from_db()
    assert h902.resolved_by == people["reviewer"] and h902.resolved_at is not None
    assert _in_projection(report) == sorted(IMPORT_FINDINGS[:2])
    assert "解決済み（reviewer、" in text(response)

    # a later save does not bring it back; pressing again changes nothing
    _edit_actual(report, people["editor"], "30")
    assert _in_projection(report) == sorted(IMPORT_FINDINGS[:2])
    again = reviewer.post(reverse("report-finding-resolve", args=[report.pk, h902.pk]), follow=True)
    assert messages_of(again) == ["この指摘は既に解決済みか、見つかりません。"]
    h902.refresh_from_db()
    assert h902.resolved_by == people["reviewer"]


@pytest.mark.parametrize(
    ("who", "status"),
    [("viewer", 404), ("editor_other_bureau", 404), ("editor_other_ministry", 404), ("expert", 403)],
)
def test_only_those_who_work_on_the_report_resolve(people: dict[str, Any], who: str, status: int) -> None:
    report = _upload(people["editor"])
    Report.objects.filter(pk=report.pk).update(shared_with_experts=True)
    finding = OpenFinding.objects.filter(report=report).first()
    assert finding is not None
    response = client_for(people[who]).post(reverse("report-finding-resolve", args=[report.pk, finding.pk]))
    assert response.status_code == status
    assert OpenFinding.objects.filter(report=report, resolved_at__isnull=False).count() == 0


def test_the_public_never_sees_them(people: dict[str, Any]) -> None:
    report = _upload(people["editor"])
    for action, who in (("submit", "editor"), ("approve", "reviewer"), ("publish", "reviewer")):
        storage.transition(report.pk, action, people[who])
    from django.test import Client

    page = text(Client().get(reverse("report-detail", args=[report.pk])))
    assert "取込時の指摘" not in page and "解決済みにする" not in page
    assert "取込時の指摘" in text(
        client_for(people["reviewer"]).get(reverse("report-detail", args=[report.pk]))
    )


def test_a_new_import_adds_its_findings_and_keeps_the_open_ones(
    sample_report: Report, people: dict[str, Any], sample_model: Any
) -> None:
    """The sample stored directly has no import findings; a file saved as a new revision brings
    its own, and the next one keeps both until resolved."""
    assert OpenFinding.objects.filter(report=sample_report).count() == 0
    first = Issue(
        code="H905",
        severity=Severity.WARNING,
        location="/areas/0/indicators/2",
        message="数値でない",
        message_en="x",
    )
    second = Issue(
        code="H901", severity=Severity.INFO, location="/objectives", message="未使用の行", message_en="y"
    )
    storage.save_revision(sample_report.pk, 1, sample_model, people["editor"], "再取込", findings=[first])
    storage.save_revision(
        sample_report.pk, 2, sample_model, people["editor"], "再取込", findings=[second, first]
    )
    kept = OpenFinding.objects.filter(report=sample_report).order_by("id")
    assert [(f.code, f.revision.number) for f in kept] == [("H905", 2), ("H901", 3), ("H905", 3)]
    assert _in_projection(sample_report) == [
        ("H901", "/objectives"),
        ("H905", "/areas/0/indicators/2"),
        ("H905", "/areas/0/indicators/2"),
    ]


@pytest.mark.django_db(transaction=True)
def test_migration_keeps_the_import_findings_of_stored_reports() -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([("reports", "0009_schema_2")])
    old = executor.loader.project_state([("reports", "0009_schema_2")]).apps
    Ministry, Report_, Revision, Fact = (
        old.get_model("reports", name) for name in ("Ministry", "Report", "Revision", "FindingFact")
    )
    ministry = Ministry.objects.create(name="外務省")
    report = Report_.objects.create(ministry=ministry, measure_number="I-2", evaluation_year=2020, title="t")
    revision = Revision.objects.create(report=report, number=1, reason="取込", data={})
    Report_.objects.filter(pk=report.pk).update(current_revision=revision)
    for code in ("H902", "H301"):
        Fact.objects.create(
            report=report, code=code, severity="warning", location="/x", message="m", message_en="e"
        )
    try:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate([("reports", "0010_open_findings")])
        new = executor.loader.project_state([("reports", "0010_open_findings")]).apps
        Open = new.get_model("reports", "OpenFinding")
        assert list(Open.objects.values_list("report_id", "revision_id", "code", "resolved_at")) == [
            (report.pk, revision.pk, "H902", None)
        ]
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
