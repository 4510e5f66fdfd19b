"""The reading pages: list with filters and search, a report, an indicator, downloads, login with
throttling, the language switch, and what every page must carry (lang, main, labels, CSP)."""

from __future__ import annotations

import io
import json
import zipfile
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from hyoka.core import EvaluationReport, Tier
from hyoka.web.reports import storage
from hyoka.web.reports.models import Bureau, Report, Status

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Login throttling counts in the cache: every test starts with no failed attempts."""
    cache.clear()


def _publish(report: Report, people: dict[str, Any]) -> Report:
    storage.transition(report.pk, "submit", people["editor"])
    storage.transition(report.pk, "approve", people["reviewer"])
    storage.transition(report.pk, "publish", people["reviewer"])
    return Report.objects.get(pk=report.pk)


@pytest.fixture
def published(people: dict[str, Any], sample_model: EvaluationReport, sample_report: Report) -> Report:
    """The next year's report of the same measure, published; its judgment is 目標達成."""
    model = sample_model.model_copy(deep=True)
    model.evaluation_year = 2021
    model.title = "北米地域外交（次年度）"
    model.judgment.tier = Tier.ACHIEVED
    model.judgment.label = "目標達成"
    model.judgment.letter = "A"
    return _publish(storage.create_report(model, people["editor"], "次年度"), people)


def _link(report: Report) -> str:
    return f'href="{reverse("report-detail", args=[report.pk])}"'


def _page(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


# --- the list ------------------------------------------------------------------------------------


def test_anonymous_sees_only_published_reports(
    client: Client, sample_report: Report, published: Report
) -> None:
    html = _page(client, "/")
    assert _link(published) in html
    assert _link(sample_report) not in html
    assert "1件の評価書" in html
    assert '<option value="published">公表済</option>' in html
    assert 'value="draft"' not in html  # no status the reader may not see


def test_anonymous_gets_404_for_a_draft(client: Client, sample_report: Report) -> None:
    pk = sample_report.pk
    for url in (
        reverse("report-detail", args=[pk]),
        reverse("report-official", args=[pk]),
        reverse("report-download", args=[pk, "json"]),
        reverse("indicator-detail", args=[pk, "1-3"]),
    ):
        assert client.get(url).status_code == 404, url


def test_the_editor_sees_their_draft(
    client: Client, people: dict[str, Any], sample_report: Report, published: Report
) -> None:
    client.force_login(people["editor"])
    html = _page(client, "/")
    assert _link(sample_report) in html
    assert _link(published) in html
    assert "2件の評価書" in html
    assert "作成中" in html
    assert _page(client, reverse("report-detail", args=[sample_report.pk])).count("北米地域外交") >= 1


def test_another_bureau_does_not_see_the_draft(
    client: Client, people: dict[str, Any], sample_report: Report
) -> None:
    client.force_login(people["editor_other_bureau"])
    assert _link(sample_report) not in _page(client, "/")
    assert client.get(reverse("report-detail", args=[sample_report.pk])).status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=draft", {"draft"}),
        ("status=published", {"published"}),
        ("fiscal_year=2020", {"draft"}),
        ("fiscal_year=2021", {"published"}),
        ("judgment=目標達成", {"published"}),
        ("judgment=相当程度進展あり", {"draft"}),
        ("q=日米安保", {"draft", "published"}),
        ("q=次年度", {"published"}),
        ("q=日米&fiscal_year=2020", {"draft"}),
        ("q=存在しない語", set()),
        ("fiscal_year=abc", {"draft", "published"}),  # an invalid filter is reported, not applied
    ],
)
def test_list_filters(
    client: Client,
    people: dict[str, Any],
    sample_report: Report,
    published: Report,
    query: str,
    expected: set[str],
) -> None:
    client.force_login(people["editor"])
    html = _page(client, "/?" + query)
    shown = {name for name, r in (("draft", sample_report), ("published", published)) if _link(r) in html}
    assert shown == expected


def test_ministry_and_bureau_filters(
    client: Client, people: dict[str, Any], sample_report: Report, published: Report
) -> None:
    europe = Bureau.objects.get(name="欧州局")
    mof = Bureau.objects.get(name="主計局")
    in_europe = Report.objects.create(
        ministry=europe.ministry,
        bureau=europe,
        measure_number="I-3",
        evaluation_year=2020,
        title="欧州地域外交",
    )
    in_mof = Report.objects.create(
        ministry=mof.ministry, bureau=mof, measure_number="1", evaluation_year=2020, title="予算の執行"
    )
    client.force_login(people["admin"])
    everything = {"draft": sample_report, "published": published, "europe": in_europe, "mof": in_mof}

    def shown(query: str) -> set[str]:
        html = _page(client, "/?" + query)
        return {name for name, r in everything.items() if _link(r) in html}

    assert shown("") == set(everything)
    assert shown(f"bureau={europe.pk}") == {"europe"}
    assert shown(f"ministry={mof.ministry_id}") == {"mof"}
    assert shown(f"ministry={europe.ministry_id}&bureau={sample_report.bureau_id}") == {"draft", "published"}
    html = _page(client, "/?ministry=999999")
    assert 'class="error"' in html  # not a choice: the filter says so and is not applied
    assert shown("ministry=999999") == set(everything)


def test_the_list_has_its_columns_and_pages_by_fifty(
    client: Client, people: dict[str, Any], sample_report: Report
) -> None:
    Report.objects.bulk_create(
        Report(
            ministry=sample_report.ministry,
            bureau=sample_report.bureau,
            measure_number=f"X-{n}",
            evaluation_year=2020,
            title=f"試験施策{n}",
            status=Status.DRAFT,
        )
        for n in range(55)
    )
    client.force_login(people["editor"])
    first = _page(client, "/?status=draft")
    headers = ["府省", "施策", "施策名", "評価年度", "目標達成度", "状況", "更新"]
    assert [f'<th scope="col">{h}</th>' in first for h in headers] == [True] * 7
    assert first.count('<th scope="row">') == 50
    assert "56件の評価書" in first
    assert 'href="?status=draft&amp;page=2"' in first
    second = _page(client, "/?status=draft&page=2")
    assert second.count('<th scope="row">') == 6
    assert 'rel="prev"' in second and 'rel="next"' not in second


# --- a report ------------------------------------------------------------------------------------


def test_the_report_page_for_its_editor(
    client: Client, people: dict[str, Any], sample_report: Report
) -> None:
    client.force_login(people["editor"])
    html = _page(client, reverse("report-detail", args=[sample_report.pk]))
    assert "<h1>北米地域外交</h1>" in html
    assert "<dd>相当程度進展あり</dd>" in html
    assert "<td>H301</td>" in html
    assert "測定指標1-4の達成状況は「b」と記録されていますが、数値からの提案は「a」です" in html
    assert html.index('id="findings-warning"') < html.index('id="findings-info"')  # grouped by severity
    official = reverse("report-official", args=[sample_report.pk])
    assert f'<a href="{official}?review=1">公式様式で開く</a>' in html
    assert "<iframe" not in html
    for fmt in ("pdf", "xlsx", "csv", "json"):
        assert f'href="{reverse("report-download", args=[sample_report.pk, fmt])}"' in html
    assert 'href="{}"'.format(reverse("indicator-detail", args=[sample_report.pk, "1-3"])) in html
    assert '<tr class="differs">' in html  # 1-4: recorded b, proposed a


def test_the_public_sees_no_findings_and_no_history(client: Client, published: Report) -> None:
    html = _page(client, reverse("report-detail", args=[published.pk]))
    assert "<h1>北米地域外交（次年度）</h1>" in html
    assert "H301" not in html
    assert "状況の履歴" not in html
    assert "?review=1" not in html


def test_the_history_shows_the_transitions(client: Client, people: dict[str, Any], published: Report) -> None:
    client.force_login(people["reviewer"])
    html = _page(client, reverse("report-detail", args=[published.pk]))
    assert "<td>承認</td>" in html
    assert "<td>承認済 → 公表済</td>" in html
    assert "<td>reviewer</td>" in html


def test_the_official_layout_may_be_framed_by_our_pages_only(client: Client, published: Report) -> None:
    response = client.get(reverse("report-official", args=[published.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert "北米地域外交（次年度）" in response.content.decode()
    assert client.get("/")["X-Frame-Options"] == "DENY"


def test_readers_see_the_published_revision_editors_the_current_one(
    client: Client, people: dict[str, Any], sample_model: EvaluationReport, published: Report
) -> None:
    corrected = sample_model.model_copy(deep=True)
    corrected.evaluation_year = 2021
    corrected.title = "北米地域外交（訂正中）"
    storage.save_revision(published.pk, 1, corrected, people["editor"], "訂正")
    url = reverse("report-download", args=[published.pk, "json"])
    assert json.loads(client.get(url).content)["title"] == "北米地域外交（次年度）"
    assert client.get(url + "?revision=1").status_code == 200
    assert client.get(url + "?revision=2").status_code == 404
    assert client.get(url + "?revision=x").status_code == 404
    detail = _page(client, reverse("report-detail", args=[published.pk]))
    assert "<dd>公表済</dd>" in detail
    client.force_login(people["editor"])
    assert json.loads(client.get(url).content)["title"] == "北米地域外交（訂正中）"
    assert json.loads(client.get(url + "?revision=1").content)["title"] == "北米地域外交（次年度）"
    detail = _page(client, reverse("report-detail", args=[published.pk]) + "?revision=1")
    assert "<h1>北米地域外交（次年度）</h1>" in detail
    assert '<option value="1" selected>' in detail


# --- an indicator --------------------------------------------------------------------------------


def test_the_indicator_page(
    client: Client, people: dict[str, Any], sample_report: Report, published: Report
) -> None:
    client.force_login(people["editor"])
    html = _page(client, reverse("indicator-detail", args=[sample_report.pk, "1-3"]))
    assert "日米二国間会談数" in html
    cells = '<td class="num"><span class="sv">{}</span></td><td class="num"><span class="sv">{}</span></td>'
    cells += "<td>{}</td></tr>"
    rows = [
        '<tr><th scope="row" class="year">平成29年度 (2017年度)</th>' + cells.format(18, 41, "目標超過"),
        '<tr><th scope="row" class="year">平成30年度 (2018年度)</th>' + cells.format(30, 30, "目標達成"),
        '<tr><th scope="row" class="year">令和元年度 (2019年度)</th>' + cells.format(30, 26, "目標に近い"),
    ]
    assert [row in html for row in rows] == [True, True, True]
    chart = reverse("indicator-chart", args=[sample_report.pk, "1-3"])
    assert f'<figure class="chart"><img src="{chart}?revision=' in html
    assert 'alt="測定指標1-3 日米二国間会談数(首脳・外相レベル)(電話会談含む) のグラフ"' in html
    # the same measure's 1-3 in the 令和3年度 report, from the projection
    assert (
        f'href="{reverse("indicator-detail", args=[published.pk, "1-3"])}">令和3年度 (2021年度) '
        "<span>北米地域外交（次年度）</span>" in html
    )
    assert html.count('<td class="num">18</td><td class="num">41</td><td>b</td><td>b</td>') == 1
    assert client.get(reverse("indicator-detail", args=[sample_report.pk, "9-9"])).status_code == 404


def test_an_indicator_id_with_a_slash_has_its_page_and_chart(
    client: Client, people: dict[str, Any], sample_model: EvaluationReport
) -> None:
    """The model takes any id as written (「1/3」 too); the report page once failed (500) spelling it."""
    data = sample_model.model_dump(mode="json")
    data["areas"][0]["indicators"][2]["id"] = "1/3"
    report = storage.create_report(EvaluationReport.model_validate(data), people["editor"], "初回取込")
    client.force_login(people["editor"])
    detail = reverse("indicator-detail", args=[report.pk, "1/3"])
    assert detail == f"/reports/{report.pk}/indicators/1/3/"
    html = _page(client, reverse("report-detail", args=[report.pk]))
    assert f'<a href="{detail}">測定指標1/3のページ</a>' in html
    page = _page(client, detail)
    assert "<h1>測定指標1/3 <span>日米二国間会談数(首脳・外相レベル)(電話会談含む)</span></h1>" in page
    chart = reverse("indicator-chart", args=[report.pk, "1/3"])
    assert chart == f"/reports/{report.pk}/indicators/1/3/chart.svg"
    response = client.get(f"{chart}?revision=1")
    assert (response.status_code, response["Content-Type"]) == (200, "image/svg+xml")
    assert client.get(reverse("indicator-detail", args=[report.pk, "1"])).status_code == 404


def test_the_public_indicator_page_lists_no_draft(
    client: Client, sample_report: Report, published: Report
) -> None:
    html = _page(client, reverse("indicator-detail", args=[published.pk, "1-3"]))
    cells = '<td class="num"><span class="sv">18</span></td><td class="num"><span class="sv">41</span></td>'
    assert cells in html
    assert "他の年度の評価書はありません。" in html  # the 2020 report is a draft


# --- downloads -----------------------------------------------------------------------------------


def test_download_pdf(client: Client, published: Report) -> None:
    response = client.get(reverse("report-download", args=[published.pk, "pdf"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == (
        "attachment; filename=\"1-I-2_R3.pdf\"; filename*=utf-8''" + quote("外務省_1-I-2_R3.pdf", safe="")
    )


def test_a_pdf_download_is_kept_for_its_revision_and_code(
    client: Client, published: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The PDF of a revision is laid out once; the next download (any visitor) is the kept file,
    until the code changes (its fingerprint) or the revision does."""
    from hyoka.web.reports import downloads
    from hyoka.web.reports.models import RenderedFile

    url = reverse("report-download", args=[published.pk, "pdf"])
    first = client.get(url)
    kept = RenderedFile.objects.get()
    assert (kept.revision_id, kept.format, kept.lang, kept.name) == (
        published.published_revision_id,
        "pdf",
        "ja",
        "外務省_1-I-2_R3.pdf",
    )
    assert bytes(kept.body) == first.content

    def no_render(*args: object, **kwargs: object) -> None:
        raise AssertionError("rendered again")

    monkeypatch.setattr(downloads, "render_report", no_render)
    again = client.get(url)
    assert (again.content, again["Content-Type"]) == (first.content, "application/pdf")
    assert again["Content-Disposition"] == first["Content-Disposition"]
    exported = client.get(f"/api/reports/{published.pk}/export.pdf")  # the API's export too
    assert (exported.status_code, exported.content) == (200, first.content)
    # another version of the code renders it again (and keeps the new one)
    monkeypatch.undo()
    RenderedFile.objects.update(fingerprint="0" * 64, body=b"stale")
    assert client.get(url).content.startswith(b"%PDF")
    assert RenderedFile.objects.get().fingerprint != "0" * 64


def test_download_json_csv_xlsx(client: Client, published: Report) -> None:
    response = client.get(reverse("report-download", args=[published.pk, "json"]))
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(response.content)
    assert (data["measure_number"], data["evaluation_year"]) == ("I-2", 2021)
    assert response["Content-Disposition"].startswith('attachment; filename="1-I-2_R3.json"')
    response = client.get(reverse("report-download", args=[published.pk, "csv"]))
    assert response["Content-Type"] == "application/zip"
    assert sorted(zipfile.ZipFile(io.BytesIO(response.content)).namelist()) == [
        "budget.csv",
        "budget_sheet.csv",
        "columns.csv",
        "indicators.csv",
        "means.csv",
    ]
    assert response["Content-Disposition"].endswith(quote("外務省_1-I-2_R3.zip", safe=""))
    response = client.get(reverse("report-download", args=[published.pk, "xlsx"]))
    assert response.content.startswith(b"PK")
    assert client.get(f"/reports/{published.pk}/download.exe").status_code == 404


# --- login, logout, language, stylesheet ----------------------------------------------------------


def _login(client: Client, username: str, password: str) -> Any:
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_and_logout(client: Client, people: dict[str, Any]) -> None:
    response = _login(client, "editor", PASSWORD)
    assert (response.status_code, response["Location"]) == (302, "/")
    assert client.get(reverse("logout")).status_code == 405  # logging out is a POST
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_says_so(client: Client, people: dict[str, Any]) -> None:
    response = _login(client, "editor", "wrong-password")
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_login_throttling_per_user_name(client: Client, people: dict[str, Any]) -> None:
    for _ in range(5):
        assert _login(client, "editor", "wrong-password").status_code == 200
    response = _login(client, "editor", PASSWORD)
    assert response.status_code == 429
    assert response["Retry-After"] == "300"
    assert "ログインの失敗が続いたため" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "variants",
    [
        ["editor ", " editor", "editor\t", "EDITOR", "editor"],
        ["ｅｄｉｔｏｒ", "ｅｄｉｔｏｒ ", "Ｅｄｉｔｏｒ", "editor", "ＥＤＩＴＯＲ"],
    ],
)
def test_login_throttling_counts_every_spelling_of_the_name(
    people: dict[str, Any], variants: list[str]
) -> None:
    """The login reads 「editor 」 and 「ｅｄｉｔｏｒ」 as 「editor」 (spaces stripped, NFKC): so
    does the throttle, or each spelling would get five more attempts (from five addresses)."""
    for n, name in enumerate(variants):
        attacker = Client(REMOTE_ADDR=f"192.0.2.{n + 1}")
        assert _login(attacker, name, "wrong-password").status_code == 200
    response = _login(Client(REMOTE_ADDR="198.51.100.1"), "editor", PASSWORD)
    assert response.status_code == 429


def test_the_login_reads_the_names_the_throttle_counts(client: Client, people: dict[str, Any]) -> None:
    assert _login(client, "ｅｄｉｔｏｒ ", PASSWORD).status_code == 302


def test_login_throttling_per_address(client: Client, people: dict[str, Any]) -> None:
    for n in range(5):
        assert _login(client, f"nobody-{n}", "wrong-password").status_code == 200
    assert _login(client, "reviewer", PASSWORD).status_code == 429
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert _login(other, "reviewer", PASSWORD).status_code == 302


def test_behind_a_proxy_the_forwarded_address_counts(
    client: Client, people: dict[str, Any], settings: Any
) -> None:
    settings.HYOKA_PROXY_COUNT = 1
    attacker = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.9")
    for n in range(5):
        assert _login(attacker, f"nobody-{n}", "wrong-password").status_code == 200
    assert _login(attacker, "reviewer", PASSWORD).status_code == 429
    # another client behind the same load balancer (same REMOTE_ADDR) is not locked out
    someone = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert _login(someone, "reviewer", PASSWORD).status_code == 302


def test_a_success_clears_the_user_names_count(client: Client, people: dict[str, Any]) -> None:
    for _ in range(4):
        _login(client, "editor", "wrong-password")
    assert _login(client, "editor", PASSWORD).status_code == 302
    other = Client(REMOTE_ADDR="192.0.2.8")
    for _ in range(4):
        assert _login(other, "editor", "wrong-password").status_code == 200


def test_the_language_switch(client: Client, published: Report) -> None:
    response = client.post(reverse("set-language"), {"language": "en", "next": "/"})
    assert (response.status_code, response["Location"]) == (302, "/")
    html = _page(client, "/")
    assert '<html lang="en">' in html
    assert "<h1>Policy evaluation reports</h1>" in html
    assert '<th scope="col">Ministry</th>' in html
    html = _page(client, reverse("report-detail", args=[published.pk]))
    assert '<h2 id="downloads-heading">Downloads</h2>' in html
    assert "<dd>Target achieved</dd>" in html
    assert "<dd>FY2021 (Reiwa 3)</dd>" in html
    assert '<h1 lang="ja">北米地域外交（次年度）</h1>' in html
    client.post(reverse("set-language"), {"language": "ja", "next": "/"})
    assert "<h1>政策評価書の一覧</h1>" in _page(client, "/")


def test_the_stylesheet_is_served_with_a_long_cache(client: Client) -> None:
    url = reverse("hyoka-css")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/css; charset=utf-8"
    assert "max-age=31536000" in response["Cache-Control"] and "immutable" in response["Cache-Control"]
    assert b"header.site" in response.content
    assert f'<link rel="stylesheet" href="{url}">' in _page(client, "/")


# --- what every page carries ---------------------------------------------------------------------


class _Controls(HTMLParser):
    """The form controls of a page that need a label, the labels' targets, and landmarks."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str | None]] = []
        self.labelled: set[str] = set()
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.add(tag)
        if tag == "label" and a.get("for"):
            self.labelled.add(str(a["for"]))
        if tag in ("select", "textarea") or (
            tag == "input" and a.get("type", "text") not in ("hidden", "submit", "button")
        ):
            self.controls.append(a)

    def unlabelled(self) -> list[dict[str, str | None]]:
        return [c for c in self.controls if c.get("id") not in self.labelled and not c.get("aria-label")]


def test_every_page_is_accessible_and_has_a_csp(
    client: Client, people: dict[str, Any], sample_report: Report, published: Report
) -> None:
    pages = [
        "/",
        "/?q=日米&status=published",
        reverse("login"),
        reverse("report-detail", args=[published.pk]),
        reverse("indicator-detail", args=[published.pk, "1-3"]),
    ]
    editor = Client()
    editor.force_login(people["editor"])
    for who, c in (("anonymous", client), ("editor", editor)):
        for url in [*pages, reverse("report-detail", args=[sample_report.pk])] if who == "editor" else pages:
            response = c.get(url)
            assert response.status_code == 200, (who, url)
            assert "default-src 'self'" in response["Content-Security-Policy"], url
            html = response.content.decode()
            assert '<html lang="ja">' in html, url
            assert '<main id="main">' in html, url
            parser = _Controls()
            parser.feed(html)
            assert 'href="/lang/en/?next=' in html, url  # the language switch, a plain link
            assert parser.unlabelled() == [], (who, url)
            assert "h1" in parser.tags, url


def test_language_link_switches_and_stays_on_site(client: Client) -> None:
    response = client.get("/lang/en/", {"next": "/?q=日米"})
    assert (response.status_code, response["Location"]) == (302, "/?q=%E6%97%A5%E7%B1%B3")
    assert client.cookies["django_language"].value == "en"
    assert client.get("/lang/ja/", {"next": "https://evil.example/"})["Location"] == "/"
    assert client.get("/lang/xx/").status_code == 404


def test_public_pages_are_cached_until_a_report_changes(
    client: Client,
    people: dict[str, Any],
    sample_report: Report,
    published: Report,
    django_assert_num_queries: Any,
) -> None:
    first = client.get("/").content
    with django_assert_num_queries(1):  # the newest update time only
        assert client.get("/").content == first
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hyoka.web.reports import storage

    storage.transition(sample_report.pk, "submit", people["editor"])  # any change makes the cache stale
    with CaptureQueriesContext(connection) as after_change:
        client.get("/")
    assert len(after_change) > 1
    editor = Client()
    editor.force_login(people["editor"])
    editor.get("/")
    with CaptureQueriesContext(connection) as logged_in:
        assert editor.get("/").status_code == 200
    assert len(logged_in) > 1  # logged-in people are never served from the cache
