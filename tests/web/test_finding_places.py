"""The findings tables name each finding's place in the reader's words (「測定指標1-4 達成状況」), not
its JSON pointer, with the severity as 誤り/注意/参考, and a legend of the grade letters."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from hyoka.web.reports.models import FindingFact, Report

from .editing import client_for, edit_url, text
from .test_pages_edit import sample_upload

pytestmark = pytest.mark.django_db


def _findings_table(html: str) -> str:
    start = html.index('<table class="findings">')
    return html[start : html.index("</table>", start)]


def test_the_edit_pages_findings_name_their_places(sample_report: Report, people: dict[str, Any]) -> None:
    assert FindingFact.objects.filter(
        report=sample_report, location="/areas/0/indicators/3/recorded_grade"
    ).exists()
    page = client_for(people["editor"]).get(edit_url(sample_report, "indicators"))
    html = page.content.decode()
    table = _findings_table(html)
    assert "<td>測定指標1-4 達成状況</td>" in table
    assert "<td>測定指標1-5 年度目標値（令和元年度 (2019年度)、②有識者の部）</td>" in table
    assert "/areas/" not in table
    assert "<td>注意</td>" in table and "<td>参考</td>" in table
    rows = [(r.code, r.place, r.severity_label) for r in page.context["findings"]][:2]
    assert rows == [("H301", "測定指標1-4 達成状況", "注意"), ("H504", "測定指標1-1", "参考")]
    legend = html[html.index('<dl class="grade-legend"') :]
    assert "<dt>s</dt><dd>目標超過達成</dd><dt>a</dt><dd>目標達成</dd>" in legend.replace("\n", "")


def test_in_english_the_places_and_severities_are_english(
    sample_report: Report, people: dict[str, Any]
) -> None:
    client = client_for(people["editor"])
    client.cookies["django_language"] = "en"
    page = client.get(edit_url(sample_report, "indicators"), HTTP_ACCEPT_LANGUAGE="en")
    table = _findings_table(page.content.decode())
    assert "<td>Indicator 1-4, achievement</td>" in table
    assert "<td>Warning</td>" in table
    assert "測定指標" not in table and "/areas/" not in table


def test_the_report_page_groups_by_severity_named_in_words(
    sample_report: Report, people: dict[str, Any]
) -> None:
    page = client_for(people["reviewer"]).get(reverse("report-detail", args=[sample_report.pk]))
    html = text(page)
    assert "注意（" in html and "参考（" in html
    assert [g.label for g in page.context["finding_groups"]] == ["注意", "参考"]
    assert page.context["finding_groups"][0].rows[0].place == "測定指標1-4 達成状況"
    assert html.count('class="grade-legend"') == 1


def test_the_rules_reasons_are_in_the_pages_language(sample_report: Report, people: dict[str, Any]) -> None:
    client = client_for(people["reviewer"])
    report_page = text(client.get(reverse("report-detail", args=[sample_report.pk])))
    assert "全年度で目標を達成（判定方法: 全年度）" in report_page
    assert "主要な指標が「b」以上（重み付きの割合 1.00）" in report_page
    assert "all_years" not in report_page and "weighted share" not in report_page
    indicator_page = text(client.get(reverse("indicator-detail", args=[sample_report.pk, "1-4"])))
    assert "全年度で目標を達成（判定方法: 全年度）" in indicator_page
    client.cookies["django_language"] = "en"
    english = text(client.get(reverse("indicator-detail", args=[sample_report.pk, "1-4"])))
    assert "The target was achieved in every year (method: every year of the window)" in english


def test_the_import_preview_names_places(people: dict[str, Any]) -> None:
    client = client_for(people["editor"])
    uploaded = client.post(reverse("report-import"), {"file": sample_upload()})
    preview = client.get(uploaded["Location"])
    rows = [(stage, f.code, f.severity_label, f.place) for stage, f in preview.context["findings"]]
    assert ("import", "H902", "注意", "測定指標1-5") in rows
    assert ("rules", "H301", "注意", "測定指標1-4 達成状況") in rows
    assert "/areas/" not in text(preview)
