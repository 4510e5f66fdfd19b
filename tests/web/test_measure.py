"""A measure across years in the workspace: the page and ``GET /api/reports/{id}/across-years`` —
who sees which reports, one series per indicator with conflicts, hand links made and removed."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hyoka.core import EvaluationReport, SeriesValue, parse_cell
from hyoka.services.cycle import next_cycle
from hyoka.web.auth import create_token
from hyoka.web.reports import storage
from hyoka.web.reports.models import IndicatorLink, Report

pytestmark = pytest.mark.django_db

YEARS = (("平成29年度", 2017), ("平成30年度", 2018), ("令和元年度", 2019), ("令和2年度", 2020))
"""The fiscal years of 1-4's table, as the page writes them with the Western year."""

RENAMED = "日米首脳・外相会談数"


def _publish(report: Report, people: dict[str, Any]) -> Report:
    storage.transition(report.pk, "submit", people["editor"])
    storage.transition(report.pk, "approve", people["reviewer"])
    storage.transition(report.pk, "publish", people["reviewer"])
    report.refresh_from_db()
    return report


def _numbers(model: EvaluationReport, ind_id: str, rows: dict[int, tuple[str, str]]) -> None:
    for year in model.indicator(ind_id).years:
        if year.fiscal_year in rows:
            target, actual = rows[year.fiscal_year]
            year.targets = [SeriesValue(value=parse_cell(target))]
            year.actuals = [SeriesValue(value=parse_cell(actual))]


@pytest.fixture
def measure(
    people: dict[str, Any], sample_report: Report, sample_model: EvaluationReport
) -> dict[str, Report]:
    """令和2年度 (the sample, published) and 令和3年度 (its next cycle, a draft of 北米局): 1-3
    renamed, 1-4 with numbers (its 令和元年度 actual told as 6, the sample said 7); and a report of
    another ministry with the same measure number."""
    first = _publish(sample_report, people)
    draft = next_cycle(sample_model).draft
    draft.indicator("1-3").name = RENAMED
    _numbers(draft, "1-4", {2018: ("7", "8"), 2019: ("7", "6"), 2020: ("8", "9")})
    second = storage.create_report(draft, people["editor"], "次期")
    other = sample_model.model_copy(
        update={"ministry": "財務省", "evaluation_year": 2021, "bureau": "主計局"}
    )
    storage.create_report(other, people["admin"], "他府省")
    return {"first": first, "second": second}


def _page(client: Client, report: Report, user: Any | None = None) -> tuple[int, str]:
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("measure-across-years", args=[report.pk]))
    return response.status_code, response.content.decode()


def _table(page: str, heading: str) -> list[list[str]]:
    """The rows (header cell, then the cells' text) of the indicator table under ``heading``."""
    section = page[page.index(heading) :]
    section = section[: section.index("</table>")]
    rows = []
    for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", section, flags=re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, flags=re.S)
        rows.append([re.sub(r"<[^>]+>", "", c).strip() for c in cells])
    return rows


# --- the page ------------------------------------------------------------------------------------------


def test_the_public_sees_the_published_report_only(client: Client, measure: dict[str, Report]) -> None:
    status, page = _page(client, measure["first"])
    assert status == 200
    assert f'href="/reports/{measure["first"].pk}/"' in page
    assert f'href="/reports/{measure["second"].pk}/"' not in page
    assert _table(page, "1-4 日加二国間会談数")[1:] == [
        ["目標値", "5", "7", "7"],
        ["実績値", "10", "8", "7"],
    ]
    assert "すべての測定指標が続く年度の評価書と対応しています。" in page
    assert 'name="earlier_indicator"' not in page
    assert _page(client, measure["second"])[0] == 404


def test_the_public_page_is_cached_until_a_report_changes(
    client: Client, people: dict[str, Any], measure: dict[str, Report], sample_model: EvaluationReport
) -> None:
    first = _page(client, measure["first"])[1]
    with CaptureQueriesContext(connection) as queries:
        assert _page(client, measure["first"])[1] == first
    assert len(queries) == 1  # the newest-change stamp; the page itself comes from the cache
    changed = sample_model.model_copy(deep=True)
    changed.title = "北米地域外交（訂正）"
    storage.save_revision(measure["first"].pk, 1, changed, people["editor"], "題名の訂正")
    for action, who in (("submit", "editor"), ("approve", "reviewer"), ("publish", "reviewer")):
        storage.transition(measure["first"].pk, action, people[who])
    assert "北米地域外交（訂正）" in _page(client, measure["first"])[1]


def test_the_editor_sees_both_years_with_the_later_value_and_the_conflict(
    client: Client, people: dict[str, Any], measure: dict[str, Report]
) -> None:
    status, page = _page(client, measure["second"], people["editor"])
    assert status == 200
    years = _table(page, "評価書と目標達成度の推移")
    assert [row[0] for row in years[1:]] == ["令和2年度 (2020年度)", "令和3年度 (2021年度)"]
    assert [row[3] for row in years[1:]] == ["相当程度進展あり", "—"]
    assert _table(page, "1-4 日加二国間会談数") == [
        ["年度", *(f"{era} ({year}年度)" for era, year in YEARS)],
        ["目標値", "5", "7", "7", "8"],
        ["実績値", "10", "8", "6 ⚠評価書により異なる: 令和2年度 (2020年度): 7、令和3年度 (2021年度): 6", "9"],
    ]
    recorded = (
        "記録された評定: 令和2年度 (2020年度) <strong>b</strong> ／ 令和3年度 (2021年度) <strong>—</strong>"
    )
    assert recorded in page
    # the draft's empty cells leave the sample's numbers of 1-3 in place
    assert _table(page, "1-3 日米二国間会談数")[1:] == [
        ["目標値", "18", "30", "30", ""],
        ["実績値", "41", "30", "26", ""],
    ]
    assert "令和2年度 (2020年度)のみ: 1-3 日米二国間会談数" in page
    assert f"令和3年度 (2021年度)から: 1-3 {RENAMED}" in page
    assert 'name="earlier_indicator"' in page
    # the other ministry's I-2 is another measure
    assert "財務省" not in page


def test_a_reviewer_of_another_ministry_sees_the_published_report_only(
    client: Client, people: dict[str, Any], measure: dict[str, Report]
) -> None:
    status, page = _page(client, measure["first"], people["reviewer_other_ministry"])
    assert status == 200
    assert f'href="/reports/{measure["second"].pk}/"' not in page
    assert 'name="earlier_indicator"' not in page


def test_the_report_and_indicator_pages_link_to_it(client: Client, measure: dict[str, Report]) -> None:
    pk = measure["first"].pk
    report_page = client.get(reverse("report-detail", args=[pk])).content.decode()
    assert f'<a href="/reports/{pk}/across-years/">この施策を年度をまたいで比較する</a>' in report_page
    indicator_page = client.get(reverse("indicator-detail", args=[pk, "1-4"])).content.decode()
    assert f'href="/reports/{pk}/across-years/#r{pk}-1-4"' in indicator_page
    _status, page = _page(client, measure["first"])
    assert f'<span id="r{pk}-1-4"></span>' in page


# --- hand links ----------------------------------------------------------------------------------------


def _link(client: Client, report: Report, earlier: Report, later: Report, a: str, b: str) -> Any:
    return client.post(
        reverse("measure-link-add", args=[report.pk]),
        {"earlier": earlier.pk, "earlier_indicator": a, "later": later.pk, "later_indicator": b},
    )


def test_an_editor_links_the_renamed_indicator_and_removes_the_link(
    client: Client, people: dict[str, Any], measure: dict[str, Report]
) -> None:
    first, second = measure["first"], measure["second"]
    client.force_login(people["editor"])
    response = _link(client, first, first, second, "1-3", "1-3")
    assert response.status_code == 302 and response["Location"] == reverse(
        "measure-across-years", args=[first.pk]
    )
    link = IndicatorLink.objects.get()
    assert (link.earlier_id, link.earlier_indicator, link.later_id, link.later_indicator, link.author_id) == (
        first.pk,
        "1-3",
        second.pk,
        "1-3",
        people["editor"].pk,
    )
    page = client.get(response["Location"]).content.decode()
    assert "測定指標 1-3 を次の年度の 1-3 に結び付けました。" in page
    assert f'<h3 id="r{second.pk}-1-3-h">1-3 {RENAMED}</h3>' in page
    assert "令和3年度 (2021年度) 1-3</a>（手動の結び付け）" in page
    assert "すべての測定指標が続く年度の評価書と対応しています。" in page
    remove = client.post(reverse("measure-link-remove", args=[first.pk, link.pk]))
    assert remove.status_code == 302
    assert IndicatorLink.objects.count() == 0
    assert "令和2年度 (2020年度)のみ: 1-3" in client.get(remove["Location"]).content.decode()


def test_links_that_cannot_be_made_are_refused_with_a_reason(
    client: Client, people: dict[str, Any], measure: dict[str, Report]
) -> None:
    first, second = measure["first"], measure["second"]
    client.force_login(people["reviewer"])

    def refused(a: str, b: str, earlier: Report = first, later: Report = second) -> str:
        response = _link(client, first, earlier, later, a, b)
        return next(str(m) for m in client.get(response["Location"]).context["messages"])

    assert refused("9-9", "1-3") == "前の評価書に測定指標 9-9 はありません。"
    assert refused("1-3", "9-9") == "後の評価書に測定指標 9-9 はありません。"
    assert (
        refused("1-3", "1-3", earlier=second, later=first)
        == "結び付けられるのは、続く年度の評価書の指標どうしだけです。"
    )
    assert IndicatorLink.objects.count() == 0
    assert refused("1-3", "1-3") == "測定指標 1-3 を次の年度の 1-3 に結び付けました。"
    assert refused("1-3", "1-4") == "前の評価書の測定指標 1-3 はすでに結び付けられています。"
    assert refused("1-4", "1-3") == "後の評価書の測定指標 1-3 はすでに結び付けられています。"
    assert IndicatorLink.objects.count() == 1
    assert client.post(reverse("measure-link-add", args=[first.pk]), {"earlier": "x"}).status_code == 400


@pytest.mark.parametrize("who", ["viewer", "expert", "editor_other_ministry", "reviewer_other_ministry"])
def test_only_the_ministrys_editors_and_reviewers_link(
    client: Client, people: dict[str, Any], measure: dict[str, Report], who: str
) -> None:
    first, second = measure["first"], measure["second"]
    client.force_login(people[who])
    assert _link(client, first, first, second, "1-3", "1-3").status_code == 403
    assert IndicatorLink.objects.count() == 0


def test_anonymous_links_go_to_login(client: Client, measure: dict[str, Report]) -> None:
    first, second = measure["first"], measure["second"]
    response = _link(client, first, first, second, "1-3", "1-3")
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert IndicatorLink.objects.count() == 0


# --- the API -------------------------------------------------------------------------------------------


def _api(client: Client, report: Report, user: Any | None = None) -> Any:
    headers = {"Authorization": f"Bearer {create_token(user)}"} if user is not None else {}
    return client.get(f"/api/reports/{report.pk}/across-years", headers=headers)


def test_api_public_and_signed_in_views(
    client: Client, people: dict[str, Any], measure: dict[str, Report]
) -> None:
    first, second = measure["first"], measure["second"]
    public = _api(client, first).json()
    assert [r["id"] for r in public["reports"]] == [first.pk]
    assert public["reports"][0]["judgment"] == {
        "tier": "相当程度進展あり",
        "label": "相当程度進展あり",
        "letter": "B",
        "monitoring_only": False,
    }
    assert _api(client, second).status_code == 404
    body = _api(client, first, people["editor"]).json()
    assert (body["ministry"], body["measure_number"]) == ("外務省", "I-2")
    assert [(r["id"], r["evaluation_year"], r["window"]) for r in body["reports"]] == [
        (first.pk, 2020, [2017, 2018, 2019]),
        (second.pk, 2021, [2018, 2019, 2020]),
    ]
    canada = next(i for i in body["indicators"] if i["id"] == "1-4")
    assert [(m["report"], m["matched_by"]) for m in canada["members"]] == [
        (first.pk, None),
        (second.pk, "id_and_name"),
    ]
    assert [
        (p["fiscal_year"], p["target"], p["actual"], p["target_from"], p["actual_from"])
        for p in canada["points"]
    ] == [
        (2017, 5, 10, first.pk, first.pk),
        (2018, 7, 8, second.pk, second.pk),
        (2019, 7, 6, second.pk, second.pk),
        (2020, 8, 9, second.pk, second.pk),
    ]
    assert canada["conflicts"] == [
        {
            "fiscal_year": 2019,
            "series": None,
            "row": "actual",
            "values": [{"report": first.pk, "value": 7}, {"report": second.pk, "value": 6}],
        }
    ]
    assert canada["grades"] == [{"report": first.pk, "grade": "b"}, {"report": second.pk, "grade": None}]
    survey = next(i for i in body["indicators"] if i["id"] == "1-5")
    assert survey["series"] == [
        {"key": "①", "name": "一般の部", "unit": "%"},
        {"key": "②", "name": "有識者の部", "unit": "%"},
    ]
    assert body["unmatched"] == [
        {
            "earlier": first.pk,
            "later": second.pk,
            "ended": [{"id": "1-3", "name": "日米二国間会談数(首脳・外相レベル)(電話会談含む)"}],
            "started": [{"id": "1-3", "name": RENAMED}],
        }
    ]
    assert len(body["indicators"]) == 10
    assert body["links"] == []


def test_api_shows_the_links(client: Client, people: dict[str, Any], measure: dict[str, Report]) -> None:
    first, second = measure["first"], measure["second"]
    link = IndicatorLink.objects.create(
        earlier=first, earlier_indicator="1-3", later=second, later_indicator="1-3", author=people["reviewer"]
    )
    body = _api(client, second, people["reviewer"]).json()
    assert body["unmatched"] == []
    assert len(body["indicators"]) == 9
    renamed = next(i for i in body["indicators"] if i["name"] == RENAMED)
    assert [m["matched_by"] for m in renamed["members"]] == [None, "link"]
    assert body["links"] == [
        {
            "id": link.pk,
            "earlier": first.pk,
            "earlier_indicator": "1-3",
            "later": second.pk,
            "later_indicator": "1-3",
            "used": True,
        }
    ]
    # the public does not see the draft, nor the link that needs it
    assert _api(client, first).json()["links"] == []


def test_the_page_in_english(client: Client, people: dict[str, Any], measure: dict[str, Report]) -> None:
    client.get("/lang/en/")
    status, page = _page(client, measure["second"], people["editor"])
    assert status == 200
    assert "<h1>Across years: 外務省 I-2 北米地域外交</h1>" in page
    assert "only in FY2020 (Reiwa 2): 1-3" in page
    assert "reports disagree: FY2020 (Reiwa 2): 7、FY2021 (Reiwa 3): 6" in page
    assert "The reports disagree on 1 value (the later report's is shown)." in page
