"""The English UI around the documents' Japanese (issue 11): the documents' own words (titles,
ministries' and bureaus' names, measure and indicator names, search passages) are marked
``lang="ja"`` in the English pages — the report list, its search results, the dashboard; the import
preview writes every year one way (令和2年度 (2020年度), FY2020 (Reiwa 2)); the 調書 table of the report
page says 小計 / 合計 (and the form's other words) in the reader's language, the ministry's 事項 as
written."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hyoka.web.reports import storage
from hyoka.web.reports.models import Ministry, Report

from .editing import client_for
from .test_pages_edit import sample_upload
from .test_report_content import _UnmarkedJapanese

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(people: dict[str, Any], sample_report: Report) -> Report:
    for action, who in (("submit", "editor"), ("approve", "reviewer"), ("publish", "reviewer")):
        storage.transition(sample_report.pk, action, people[who])
    return Report.objects.get(pk=sample_report.pk)


def _english(client: Client, url: str) -> str:
    client.get("/lang/en/")
    response = client.get(url)
    assert response.status_code == 200, url
    return str(response.content.decode())


def _unmarked(html: str) -> list[str]:
    parser = _UnmarkedJapanese()
    parser.feed(html)
    return parser.found


# --- lang="ja" ------------------------------------------------------------------------------------


def test_the_list_marks_the_documents_words_in_english(client: Client, published: Report) -> None:
    html = _english(client, "/")
    ministry = Ministry.objects.get(name="外務省").pk
    assert (
        f'<tr><td lang="ja">外務省<br><span class="muted">北米局</span></td><td>Evaluation report</td>'
        f'<td>I-2</td><th scope="row"><a href="/reports/{published.pk}/" lang="ja">北米地域外交</a></th>'
        "<td>FY2020 (Reiwa 2)</td><td>Substantial progress</td><td>Published</td>"
    ) in html
    assert f'<option value="{ministry}" lang="ja">外務省</option>' in html  # the filters' choices
    assert '<option value="" selected>All</option>' in html
    assert _unmarked(html) == []


def test_a_judgment_as_a_ministry_wrote_it_is_marked(
    client: Client, people: dict[str, Any], sample_model: Any, sample_report: Report
) -> None:
    """The five tiers are translated; another ministry's own label is its text, marked."""
    model = sample_model.model_copy(deep=True)
    model.ministry, model.bureau, model.measure_number = "厚生労働省", "医政局", "I-1-1"
    model.judgment.label, model.judgment.letter, model.judgment.tier = "おおむね順調に進展", "B", None
    report = storage.create_report(model, people["admin"], "取込")
    client.force_login(people["admin"])
    html = _english(client, "/")
    row = html.split(f'<a href="/reports/{report.pk}/"')[1].split("</tr>")[0]
    assert '<td>FY2020 (Reiwa 2)</td><td lang="ja">おおむね順調に進展</td><td>Draft</td>' in row
    assert '<option value="おおむね順調に進展" lang="ja">おおむね順調に進展</option>' in html
    assert '<option value="相当程度進展あり">Substantial progress</option>' in html
    assert _unmarked(html) == []


def test_search_results_mark_the_passage_and_a_japanese_term(client: Client, published: Report) -> None:
    html = _english(client, "/?q=北米")
    assert '<p role="status">1 report — containing "<span lang="ja">北米</span>"</p>' in html
    assert '<p class="snippet muted" lang="ja"><mark>北米</mark>地域外交 主要な測定指標が' in html
    assert _unmarked(html) == []
    latin = _english(client, "/?q=TPP")
    assert '— containing "TPP"</p>' in latin  # a term in Latin letters is not Japanese


def test_the_japanese_pages_carry_no_mark(client: Client, published: Report) -> None:
    for url in ("/", "/?q=北米", "/portfolio/"):
        html = client.get(url).content.decode()
        # the page is Japanese: only <html lang="ja"> and the link to the Japanese pages name it
        assert html.count('lang="ja"') == 2, url
    assert f'<a href="/reports/{published.pk}/">北米地域外交</a>' in client.get("/").content.decode()


def test_the_dashboard_marks_the_documents_words_in_english(client: Client, published: Report) -> None:
    html = _english(client, "/portfolio/")
    ministry = Ministry.objects.get(name="外務省").pk
    assert f'<tr><th scope="row" lang="ja"><a href="/portfolio/?ministry={ministry}">外務省</a></th>' in html
    assert (
        f'<tr><td><a href="/reports/{published.pk}/" lang="ja">外務省 I-2 北米地域外交</a><br>'
        '<span class="muted">FY2020 (Reiwa 2)</span></td>'
    ) in html
    assert (
        f'<a href="/reports/{published.pk}/indicators/1-4/">1-4 '
        '<span lang="ja">日加二国間会談数(首脳・外相レベル)(電話会談含む)</span></a>'
    ) in html
    assert f'<option value="{ministry}" lang="ja">外務省</option>' in html
    assert _unmarked(html) == []
    by_year = _english(client, f"/portfolio/?ministry={ministry}")
    assert '<tr><th scope="row">FY2020 (Reiwa 2)</th>' in by_year  # a year is the site's own words
    for kind in ("grades", "budget", "main_without_numbers", "far_above", "softened", "repeated_misses"):
        assert _unmarked(_english(client, f"/portfolio/{kind}/")) == [], kind


# --- the import preview's years -------------------------------------------------------------------


def _preview(people: dict[str, Any], language: str) -> str:
    client = client_for(people["editor"])
    client.get(f"/lang/{language}/")
    uploaded = client.post(reverse("report-import"), {"file": sample_upload()})
    assert uploaded.status_code == 302
    return str(client.get(uploaded["Location"]).content.decode())


def test_the_import_preview_writes_every_year_one_way(people: dict[str, Any]) -> None:
    page = _preview(people, "ja")
    assert (
        "<dt>評価年度</dt><dd>令和2年度 (2020年度)（対象: 平成29年度 (2017年度)、平成30年度 (2018年度)、"
        "令和元年度 (2019年度)）</dd>"
    ) in page
    budget = page.split("予算額・執行額")[1].split("</table>")[0]
    assert re.findall(r'<th scope="row">([^<]*)</th>', budget) == [
        "平成29年度 (2017年度)",
        "平成30年度 (2018年度)",
        "令和元年度 (2019年度)",
        "令和2年度 (2020年度)",
    ]
    summary = page.split("<h2>指摘")[0]
    assert re.findall(r"(?<!\()\d{4}年度", summary) == []  # no Western year alone
    assert "（89–202行）" in page


def test_the_import_preview_in_english(people: dict[str, Any]) -> None:
    page = _preview(people, "en")
    assert (
        "<dt>Evaluation year</dt><dd>FY2020 (Reiwa 2) (years evaluated: FY2017 (Heisei 29), "
        "FY2018 (Heisei 30), FY2019 (Reiwa 1))</dd>"
    ) in page
    budget = page.split("Budget and spending")[1].split("</table>")[0]
    assert re.findall(r'<th scope="row">([^<]*)</th>', budget) == [
        "FY2017 (Heisei 29)",
        "FY2018 (Heisei 30)",
        "FY2019 (Reiwa 1)",
        "FY2020 (Reiwa 2)",
    ]
    assert '<dt>Measure name</dt><dd lang="ja">北米地域外交</dd>' in page
    assert "Indicator 1-1 (lines 89–202)" in page and "行）" not in page
    assert "年度" not in page.split("<h2>Findings")[0].split("<main")[1]


# --- 小計 / 合計 ------------------------------------------------------------------------------------


def _sheet_rows(html: str) -> list[str]:
    table = html.split('id="budget-sheet-caption"')[1].split("</tbody>", maxsplit=1)[0]
    return re.findall(r"<tr>.*?</tr>", table.split("<tbody>")[1])


def test_the_budget_sheet_speaks_the_readers_language(client: Client, published: Report) -> None:
    url = reverse("report-detail", args=[published.pk])
    rows = _sheet_rows(client.get(url).content.decode())
    assert rows[2] == (
        '<tr><th scope="row">政策評価の対象となっているもの</th><td>小計</td><td>一般会計</td>'
        "<td></td><td></td>"
        '<td class="num">651,705</td><td class="num">572,198</td></tr>'
    )
    assert rows[6].startswith('<tr><th scope="row">合計</th><td>一般会計</td>')
    english = _sheet_rows(_english(client, url))
    assert english[0] == (
        '<tr><th scope="row">Covered by the policy evaluation</th><td lang="ja">一般</td>'
        '<td lang="ja">外務本省</td><td lang="ja">地域別外交費</td>'
        '<td lang="ja">北米地域外交に必要な経費</td>'
        '<td class="num">274,346</td><td class="num">230,045</td></tr>'
    )
    assert english[2] == (
        '<tr><th scope="row">Covered by the policy evaluation</th><td>Subtotal</td><td>General account</td>'
        '<td></td><td></td><td class="num">651,705</td><td class="num">572,198</td></tr>'
    )
    assert english[5].startswith(
        '<tr><th scope="row">Not covered by a policy evaluation, but belonging to a policy</th>'
        "<td>Subtotal</td><td>Special account</td>"
    )
    assert [row[: row.index("</td>") + 5] for row in english[6:]] == [
        '<tr><th scope="row">Total</th><td>General account</td>',
        '<tr><th scope="row">Total</th><td>Special account</td>',
    ]
    assert not any("小計" in row or "合計" in row for row in english)


def test_a_share_counted_elsewhere_reads_in_english(
    client: Client, people: dict[str, Any], sample_report: Report
) -> None:
    from decimal import Decimal

    from hyoka.core import Cell

    model = storage.load(sample_report.current_revision)
    assert model.budget_sheet is not None
    model.budget_sheet.sections[0].items[0].next_request_inclusive = Cell.of(Decimal(1234))
    storage.save_revision(sample_report.pk, 1, model, people["editor"], "内数")
    client.force_login(people["editor"])
    url = reverse("report-detail", args=[sample_report.pk])
    assert (
        '<td class="num">230,045 &lt;1,234&gt;の内数</td>' in _sheet_rows(client.get(url).content.decode())[0]
    )
    english = _sheet_rows(_english(client, url))[0]
    assert '<td class="num">230,045 part of &lt;1,234&gt;</td>' in english


# --- the trail's statuses ---------------------------------------------------------------------------


def test_the_history_names_statuses_in_english(people: dict[str, Any], published: Report) -> None:
    client = client_for(people["reviewer"])
    html = _english(client, reverse("report-history", args=[published.pk]))
    assert "<td>Draft → Submitted</td>" in html and "<td>Approved → Published</td>" in html
    assert "（FY2020 (Reiwa 2)）— Published</p>" in html
    client.get("/lang/ja/")
    japanese = client.get(reverse("report-history", args=[published.pk])).content.decode()
    assert "<td>作成中 → 提出済</td>" in japanese and "（令和2年度 (2020年度)）— 公表済</p>" in japanese
