"""The report page as the report itself (sections, table of contents, charts, values hyoka inferred
marked), the indicator page (its chart, outline numbers kept, no number table for a qualitative
indicator), years written one way, and what every page carries: breadcrumbs, the footer (terms
of use, accessibility statement, contact) and ``lang="ja"`` on Japanese text in the English UI."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse
from django.utils import translation

from hyoka.core import Budget, DocumentKind, EvaluationReport, Judgment, JudgmentOrigin
from hyoka.services import RenderError
from hyoka.web.reports import charts, report_content, storage
from hyoka.web.reports.code_version import fingerprint
from hyoka.web.reports.display import year_label
from hyoka.web.reports.models import Report
from hyoka.web.reports.site import contact

pytestmark = pytest.mark.django_db


def _publish(report: Report, people: dict[str, Any]) -> Report:
    for action, who in (("submit", "editor"), ("approve", "reviewer"), ("publish", "reviewer")):
        storage.transition(report.pk, action, people[who])
    return Report.objects.get(pk=report.pk)


@pytest.fixture
def published(people: dict[str, Any], sample_report: Report) -> Report:
    return _publish(sample_report, people)


def _get(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# --- years ---------------------------------------------------------------------------------------


def test_a_year_is_written_one_way() -> None:
    with translation.override("ja"):
        assert [year_label(2020), year_label(2019), year_label(2017)] == [
            "令和2年度 (2020年度)",
            "令和元年度 (2019年度)",
            "平成29年度 (2017年度)",
        ]
        assert year_label(None) == ""
        assert report_content.year_label_list([2017, 2018, 2019]) == "平成29・30・令和元年度 (2017–2019年度)"
    with translation.override("en"):
        assert [year_label(2020), year_label(2019), year_label(2017)] == [
            "FY2020 (Reiwa 2)",
            "FY2019 (Reiwa 1)",
            "FY2017 (Heisei 29)",
        ]
        assert report_content.year_label_list([2017, 2018, 2019]) == "FY2017–2019 (Heisei 29 – Reiwa 1)"
        assert report_content.year_label_list([2014, 2015, 2016]) == "FY2014–2016 (Heisei 26–28)"
        assert report_content.year_label_list([2020]) == "FY2020 (Reiwa 2)"


# --- the report page -----------------------------------------------------------------------------


def test_the_report_page_is_the_report_itself(client: Client, published: Report) -> None:
    html = _get(client, reverse("report-detail", args=[published.pk]))
    assert "<iframe" not in html
    # the table of contents, down to each indicator
    assert '<nav class="toc" aria-labelledby="toc-heading">' in html
    for anchor in (
        "objectives",
        "budget",
        "results",
        "experts",
        "area-1",
        "indicator-1-1-3",
        "area-1-analysis",
    ):
        assert f'<li><a href="#{anchor}"' in html, anchor
        assert f'id="{anchor}"' in html, anchor
    # the sections
    assert '<span class="para-label">(1)</span> 日米が直面する政治' in html
    assert (
        '<tr><th scope="row" class="year">令和元年度 (2019年度)</th>'
        '<td class="num">685</td><td class="num">0</td>'
        '<td class="num">△14</td><td class="num">671</td><td class="num">532</td></tr>'
    ) in html
    # the 調書: its lines with their amounts, subtotals and totals
    assert (
        "<td>一般</td><td>外務本省</td><td>地域別外交費</td><td>北米地域外交に必要な経費</td>"
        '<td class="num">274,346</td><td class="num">230,045</td></tr>'
    ) in html
    assert (
        '<tr><th scope="row">合計</th><td>一般会計</td><td></td><td></td><td></td>'
        '<td class="num">651,705</td><td class="num">572,198</td></tr>'
    ) in html
    assert "<dd>相当程度進展あり</dd>" in html  # the meta list
    assert "主要な測定指標がおおむね目標に近い実績を示したことから、左記のとおり判定した。" in html
    assert "外務省政策評価アドバイザー・グループ・メンバーの所見" in html
    assert '<h3 id="area-1-analysis">施策の分析</h3>' in html
    assert (
        '<li>第198回国会施政方針演説（<time datetime="2019-01-28">平成31年1月28日 (2019年1月28日)</time>）'
        in html
    )
    assert '<h3 id="area-1-next">次期目標等への反映の方向性</h3>' in html
    # charts: the budget's and one per quantitative indicator, as images of this revision
    query = f"?revision={published.published_revision.number}&amp;v={fingerprint()[:12]}"
    budget = reverse("report-chart-budget", args=[published.pk])
    assert html.count('<figure class="chart"><img src="') == 4
    assert f'<img src="{budget}{query}" alt="予算額・執行額の推移のグラフ" loading="lazy"' in html
    chart = reverse("indicator-chart", args=[published.pk, "1-3"])
    alt = "測定指標1-3 日米二国間会談数(首脳・外相レベル)(電話会談含む) のグラフ"
    assert f'<img src="{chart}{query}" alt="{alt}"' in html
    assert "<svg" not in html
    # the downloads and the official layout, as a link
    for fmt in ("pdf", "xlsx", "csv", "json"):
        assert f'href="{reverse("report-download", args=[published.pk, fmt])}"' in html
    assert f'<a href="{reverse("report-official", args=[published.pk])}">公式様式で開く</a>' in html


def test_values_hyoka_inferred_are_marked(client: Client, published: Report) -> None:
    note = "hyoka が補った値：表になく、「施策の分析」の記述から読み取った値です。"
    for url in (
        reverse("report-detail", args=[published.pk]),
        reverse("indicator-detail", args=[published.pk, "1-5"]),
    ):
        html = _get(client, url)
        assert (
            f'<span class="sv">① 85%<abbr class="inferred" title="{note}">※'
            '<span class="sr">（hyoka が補った値）</span></abbr></span>'
        ) in html, url
        assert f'<li><span class="inferred" aria-hidden="true">※</span> {note}</li>' in html, url
        assert '<span class="sv">① 87%</span>' in html  # what the ministry wrote: no mark


def test_a_derived_judgment_is_marked(
    client: Client, people: dict[str, Any], sample_model: EvaluationReport
) -> None:
    model = sample_model.model_copy(deep=True)
    model.judgment.origin = JudgmentOrigin.DERIVED
    report = storage.create_report(model, people["editor"], "換算")
    client.force_login(people["editor"])
    html = _get(client, reverse("report-detail", args=[report.pk]))
    assert "※ hyoka が補った値：府省独自の区分から、規則の対応表で導いた区分です。" in html


def test_a_budget_sheet_alone_shows_what_it_holds(
    client: Client, people: dict[str, Any], sample_model: EvaluationReport
) -> None:
    model = sample_model.model_copy(deep=True)
    model.kind = DocumentKind.BUDGET_SHEET
    model.judgment = Judgment()
    model.results_summary, model.notes, model.areas, model.objectives = [], [], [], []
    model.budget = Budget()
    report = storage.create_report(model, people["editor"], "調書")
    client.force_login(people["editor"])
    html = _get(client, reverse("report-detail", args=[report.pk]))
    assert '<li><a href="#budget-sheet">政策評価調書（個別票）</a></li>' in html
    assert 'id="results"' not in html and 'id="budget"' not in html and "<figure" not in html


def test_the_report_page_draws_no_chart(
    client: Client, published: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page links its charts; drawing them (about 0.1 s each) waits for their own requests, so
    a publication, which stores the page, stays quick."""

    def refuse(*args: Any) -> Any:
        raise AssertionError("a chart drawn for the page")

    monkeypatch.setattr(charts, "report_chart", refuse)
    for lang in ("ja", "en"):
        client.get(f"/lang/{lang}/")
        page = _get(client, reverse("report-detail", args=[published.pk]))
        assert page.count('<figure class="chart">') == 4
    assert _get(client, reverse("indicator-detail", args=[published.pk, "1-3"])).count("<img src=") == 1


def _chart(client: Client, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def test_a_chart_is_served_as_svg_once_drawn(
    client: Client, published: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    number = published.published_revision.number
    budget = reverse("report-chart-budget", args=[published.pk]) + f"?revision={number}"
    indicator = reverse("indicator-chart", args=[published.pk, "1-3"]) + f"?revision={number}"
    first = _chart(client, budget)
    assert first["Content-Type"] == "image/svg+xml"
    assert first["Cache-Control"] == "public, max-age=3600"
    svg = first.content.decode()
    assert svg.startswith("<?xml") and ">施策の予算額・執行額</text>" in svg
    drawn = _chart(client, indicator).content
    assert ">測定指標1-3 日米二国間会談数" in drawn.decode()

    def refuse(*args: Any) -> Any:
        raise AssertionError("a chart drawn again")

    monkeypatch.setattr(charts, "report_chart", refuse)
    monkeypatch.setattr(storage, "load", refuse)  # nor is the document read again to find it
    assert _chart(client, budget).content == first.content  # from the cache
    assert _chart(client, indicator).content == drawn


def test_a_chart_is_shown_to_those_who_may_read_its_revision(
    client: Client, people: dict[str, Any], published: Report
) -> None:
    """A visitor gets the published revision's charts only; a chart a revision lacks is a 404."""
    number = published.published_revision.number
    budget = reverse("report-chart-budget", args=[published.pk])
    assert client.get(f"{budget}?revision={number + 1}").status_code == 404
    assert client.get(reverse("indicator-chart", args=[published.pk, "9-9"])).status_code == 404
    qualitative = reverse("indicator-chart", args=[published.pk, "1-1"])
    assert client.get(qualitative).status_code == 404
    client.force_login(people["editor"])
    response = client.get(f"{budget}?revision={number}")
    assert (response.status_code, response["Cache-Control"]) == (200, "private, max-age=3600")


def test_without_a_japanese_font_the_page_says_why(
    client: Client, published: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_font() -> RenderError:
        return RenderError("グラフに使う日本語フォントがありません（x）", message_en="no Japanese font (x)")

    monkeypatch.setattr(charts, "chart_problem", no_font)
    html = _get(client, reverse("report-detail", args=[published.pk]))
    assert "グラフを表示できません: グラフに使う日本語フォントがありません（x）" in html
    assert "<figure" not in html
    assert "測定指標1-3の目標値と実績値" in html  # the numbers still are there

    def no_chart(*args: Any) -> Any:
        raise no_font()

    monkeypatch.setattr(charts, "report_chart", no_chart)
    chart = client.get(reverse("report-chart-budget", args=[published.pk]))
    assert (chart.status_code, chart.content.decode()) == (503, "グラフに使う日本語フォントがありません（x）")


# --- the indicator page --------------------------------------------------------------------------


def test_a_paragraph_keeps_its_number(client: Client, published: Report) -> None:
    """The sample's 「(1) 及び(2) 平成29年度は…」: the paragraph's label is (1), its text starts
    with 及び(2); the page once showed the text alone (「及び(2)平成29年度は…」)."""
    for url in (
        reverse("indicator-detail", args=[published.pk, "1-1"]),
        reverse("report-detail", args=[published.pk]),
    ):
        html = _get(client, url)
        assert '<p class="para lv1"><span class="para-label">(1)</span> 及び(2)平成29年度は' in html, url
        assert ">及び(2)平成29年度は" not in html, url


def test_a_qualitative_indicator_has_no_number_table(client: Client, published: Report) -> None:
    html = _get(client, reverse("indicator-detail", args=[published.pk, "1-1"]))
    assert "定性的な指標" in html
    assert "年度ごとの目標値と実績値" not in html
    assert '<table class="numbers">' not in html and "<figure" not in html
    assert "<h3>平成29年度 (2017年度)</h3>" in html
    report = _get(client, reverse("report-detail", args=[published.pk]))
    section = report[report.index('id="indicator-1-1-1"') : report.index('id="indicator-1-1-2"')]
    assert "<table" not in section


# --- every page: breadcrumbs, footer, lang --------------------------------------------------------


def _crumbs(html: str) -> str:
    start = html.index('<nav class="breadcrumbs"')
    return html[start : html.index("</nav>", start)]


def test_breadcrumbs(client: Client, people: dict[str, Any], published: Report) -> None:
    top = '<li><a href="/">トップ</a></li>'
    url = reverse("report-detail", args=[published.pk])
    report = f'<li><a href="{url}">北米地域外交（令和2年度 (2020年度)）</a></li>'
    assert '<span aria-current="page">トップ</span>' in _crumbs(_get(client, "/"))
    assert top + '<li><span aria-current="page">北米地域外交（令和2年度 (2020年度)）</span></li>' in _crumbs(
        _get(client, reverse("report-detail", args=[published.pk]))
    )
    assert top + report + '<li><span aria-current="page">測定指標1-3</span></li>' in _crumbs(
        _get(client, reverse("indicator-detail", args=[published.pk, "1-3"]))
    )
    for name, text in (
        ("login", "ログイン"),
        ("terms", "利用規約とデータの引用"),
        ("accessibility", "アクセシビリティ方針"),
        ("portfolio", "ダッシュボード"),
    ):
        assert top + f'<li><span aria-current="page">{text}</span></li>' in _crumbs(
            _get(client, reverse(name))
        )
    client.force_login(people["editor"])
    for args, text in (
        (["report-history", published.pk], "履歴"),
        (["report-comments", published.pk], "コメント"),
        (["report-edit", published.pk, "overview"], "編集"),
    ):
        html = _get(client, reverse(args[0], args=args[1:]))
        assert top + report + f'<li><span aria-current="page">{text}</span></li>' in _crumbs(html), text


def test_every_page_has_the_footer(client: Client, people: dict[str, Any], published: Report) -> None:
    pages = [
        "/",
        reverse("report-detail", args=[published.pk]),
        reverse("indicator-detail", args=[published.pk, "1-3"]),
        reverse("portfolio"),
        reverse("login"),
        reverse("terms"),
        reverse("accessibility"),
    ]
    for url in pages:
        html = _get(client, url)
        footer = html[html.index('<footer class="site"') :]
        assert '<a href="/terms/">利用規約（政府標準利用規約（第2.0版）・CC BY 4.0 互換）</a>' in footer, url
        assert '<a href="/accessibility/">アクセシビリティ方針</a>' in footer, url
        assert 'お問い合わせ: <a href="mailto:webmaster@localhost">webmaster@localhost</a>' in footer, url


def test_the_contact_is_the_operators(client: Client, settings: Any) -> None:
    settings.HYOKA_CONTACT = "hyoka@example.go.jp"
    assert contact().href == "mailto:hyoka@example.go.jp"
    assert 'お問い合わせ: <a href="mailto:hyoka@example.go.jp">hyoka@example.go.jp</a>' in _get(
        client, "/terms/"
    )
    settings.HYOKA_CONTACT = "https://example.go.jp/contact/"
    assert (contact().href, contact().text) == ("https://example.go.jp/contact/", "example.go.jp/contact")
    settings.HYOKA_CONTACT = ""
    settings.ALLOWED_HOSTS = ["127.0.0.1", "hyoka.example.jp", "testserver"]
    assert contact().href == "mailto:webmaster@hyoka.example.jp"
    settings.HYOKA_CONTACT = "javascript:alert(1)"
    with pytest.raises(ImproperlyConfigured, match="neither an e-mail address nor an http"):
        contact()


def test_the_terms_and_accessibility_pages(client: Client) -> None:
    terms = _get(client, reverse("terms"))
    assert "政府標準利用規約（第2.0版）に準拠して提供します" in terms
    assert '<a href="https://creativecommons.org/licenses/by/4.0/legalcode.ja">' in terms
    assert "出典：外務省「令和2年度 政策評価書 施策I-2 北米地域外交」" in terms
    assert '<p class="example" lang="en">Source: Ministry of Foreign Affairs of Japan' in terms
    a11y = _get(client, reverse("accessibility"))
    assert "JIS X 8341-3:2016 の適合レベル AA を目標にしています" in a11y
    assert "幅 390 px（スマートフォン）と 1280 px" in a11y
    assert "コントラスト比 3:1 以上" in a11y
    assert '<h2 id="a11y-limits">わかっている制約</h2>' in a11y


def test_japanese_text_is_marked_in_the_english_ui(client: Client, published: Report) -> None:
    client.get("/lang/en/")
    html = _get(client, reverse("report-detail", args=[published.pk]))
    assert '<html lang="en">' in html
    assert '<h1 lang="ja">北米地域外交</h1>' in html
    assert '<h2 id="toc-heading">Contents</h2>' in html
    assert '<li><a href="#area-1">Area 1 <span lang="ja">北米諸国との政治分野での協力推進</span></a>' in html
    assert '<p class="para lv1" lang="ja"><span class="para-label">(1)</span> 及び(2)' in html
    assert '<span aria-current="page" lang="ja">北米地域外交（FY2020 (Reiwa 2)）</span>' in html
    assert "<dt>Evaluation year</dt><dd>FY2020 (Reiwa 2)</dd>" in html
    indicator = _get(client, reverse("indicator-detail", args=[published.pk, "1-3"]))
    assert '<span lang="ja">日米二国間会談数' in indicator
    # the site's own words are English, the link to the Japanese pages is marked as Japanese
    home = _get(client, "/")
    assert 'class="brand">hyoka Policy evaluation</a>' in home
    assert '<a href="/lang/ja/?next=/" lang="ja">日本語</a>' in home


class _UnmarkedJapanese(HTMLParser):
    """Japanese text outside any element marked ``lang="ja"`` (the <title> and charts aside)."""

    VOID = frozenset({"br", "meta", "link", "input", "img", "hr", "wbr", "col", "source"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        tags = [t for t, _ in self.stack]
        if "title" in tags or "svg" in tags or not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", data):
            return
        lang = next((lang for _, lang in reversed(self.stack) if lang), None)
        if lang != "ja":
            self.found.append(data.strip())


def test_the_english_public_pages_mark_every_japanese_text(client: Client, published: Report) -> None:
    client.get("/lang/en/")
    for url in (
        reverse("report-detail", args=[published.pk]),
        reverse("indicator-detail", args=[published.pk, "1-5"]),
        reverse("indicator-detail", args=[published.pk, "1-1"]),
        reverse("terms"),
        reverse("accessibility"),
    ):
        parser = _UnmarkedJapanese()
        parser.feed(_get(client, url))
        assert parser.found == [], url


def test_the_stylesheet_has_a_visible_focus_ring_and_scroll_boxes(client: Client) -> None:
    css = client.get(reverse("hyoka-css")).content.decode()
    assert ":focus-visible { outline: 3px solid #0b3d91; outline-offset: 2px; }" in css
    assert "header.site :focus-visible, footer.site :focus-visible { outline-color: #ffd166; }" in css
    assert ".table-scroll { overflow-x: auto;" in css
