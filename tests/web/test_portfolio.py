"""The portfolio dashboard, its lists and its API on a small database of sample variations: exact
counts, every list leading to the report, and who sees what (no draft number on the public
dashboard; another ministry's drafts not on a reviewer's)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from hyoka.core import Cell, EvaluationReport, SeriesValue
from hyoka.web.reports import storage
from hyoka.web.reports.models import Ministry, Report
from hyoka.web.reports.views import portfolio as portfolio_views

pytestmark = pytest.mark.django_db


def variant(
    model: EvaluationReport,
    *,
    year: int | None = None,
    measure: str | None = None,
    title: str | None = None,
    ministry: str | None = None,
    judgment: str | None = None,
    targets: dict[tuple[str, int], int] | None = None,
    actuals: dict[tuple[str, int], int] | None = None,
) -> EvaluationReport:
    """The sample with other identity, judgment or single-series numbers."""
    m = model.model_copy(deep=True)
    if year is not None:
        m.evaluation_year = year
    if measure is not None:
        m.measure_number = measure
    if title is not None:
        m.title = title
    if ministry is not None:
        m.ministry = ministry
    if judgment is not None:
        m.judgment = m.judgment.model_copy(update={"label": judgment})
    for field, values in (("targets", targets or {}), ("actuals", actuals or {})):
        for (indicator_id, fiscal_year), value in values.items():
            [found] = [y for y in m.indicator(indicator_id).years if y.fiscal_year == fiscal_year]
            setattr(found, field, [SeriesValue(series=None, value=Cell.of(value))])
    return m


def publish(report: Report, people: dict[str, Any]) -> None:
    for action, who in (("submit", "editor"), ("approve", "reviewer"), ("publish", "reviewer")):
        storage.transition(report.pk, action, people[who])


@pytest.fixture
def portfolio(people: dict[str, Any], sample_model: EvaluationReport) -> dict[str, Report]:
    """A: the sample (外務省 I-2, 2020), published. B: the same measure's 2019 report with a higher
    2018 target for 1-3 (35), published. D: 外務省 I-3 (2020), published, then corrected in a
    draft whose 1-3 misses twice. C: a 財務省 draft whose 1-3 is far above target in 2019."""
    editor = people["editor"]
    a = storage.create_report(sample_model, editor, "取込")
    publish(a, people)
    b = storage.create_report(
        variant(sample_model, year=2019, judgment="目標達成", targets={("1-3", 2018): 35}), editor, "取込"
    )
    publish(b, people)
    d_model = variant(sample_model, measure="I-3", title="中南米地域外交")
    d = storage.create_report(d_model, editor, "取込")
    publish(d, people)
    correction = variant(d_model, judgment="進展が大きくない", actuals={("1-3", 2018): 20, ("1-3", 2019): 10})
    storage.save_revision(d.pk, 1, correction, editor, "実績の訂正")
    c_model = variant(
        sample_model, ministry="財務省", measure="V-1", title="財政の健全化", actuals={("1-3", 2019): 90}
    )
    c = storage.create_report(c_model, people["editor_other_ministry"], "取込", bureau="主計局")
    return {"A": a, "B": b, "C": c, "D": d}


def api(client: Client, path: str = "/api/portfolio", **params: Any) -> dict[str, Any]:
    response = client.get(path, {"limit": 50, **params})
    assert response.status_code == 200, response.content
    data: dict[str, Any] = response.json()
    return data


def as_user(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def counts(data: dict[str, Any]) -> dict[str, int]:
    return {kind: data["audit"][kind]["count"] for kind in data["audit"]}


def entries(data: dict[str, Any], kind: str) -> list[tuple[int, str, str | None]]:
    return [
        (e["report"]["id"], e["indicator_id"], e["earlier_report"] and e["earlier_report"]["id"])
        for e in data["audit"][kind]["entries"]
    ]


# --- who sees what -----------------------------------------------------------------------------------


def test_the_public_sees_published_judgments_and_published_numbers_only(portfolio: dict[str, Report]) -> None:
    a, b, d = portfolio["A"], portfolio["B"], portfolio["D"]
    data = api(Client())
    assert data["ministries"] == ["外務省"] and data["years"] == [2019, 2020]
    # D counts with its published judgment; C (a draft) not at all
    assert [(r["ministry"], r["evaluation_year"], r["total"]) for r in data["judgments"]["rows"]] == [
        ("外務省", 2019, 1),
        ("外務省", 2020, 2),
    ]
    assert data["judgments"]["rows"][1]["counts"]["相当程度進展あり"] == 2
    assert data["judgments"]["rows"][0]["counts"]["目標達成"] == 1
    # numbers only of A and B: D is being corrected, so its facts are the draft's
    assert [(r["evaluation_year"], r["graded"], r["disagreements"]) for r in data["grades"]["rows"]] == [
        (2019, 3, 1),
        (2020, 3, 1),
    ]
    assert [(x["report"]["id"], x["indicator_id"]) for x in data["grades"]["disagreements"]] == [
        (b.pk, "1-4"),
        (a.pk, "1-4"),
    ]
    assert [(r["report"]["id"], r["fiscal_year"], r["rate"]) for r in data["budget"]["lowest"]] == [
        (b.pk, 2019, 0.7928),
        (a.pk, 2019, 0.7928),
    ]
    assert counts(data) == {"softened": 2, "repeated_misses": 1, "far_above": 0, "main_without_numbers": 8}
    # B misses its 1-3 targets in 2018 (30 < 35) and 2019 (26 < 30)
    assert [(e[0], e[1]) for e in entries(data, "repeated_misses")] == [(b.pk, "1-3")]
    # within B (35 in 2018, then 30), and A's 2018 target (30) against B's for the same year (35)
    assert sorted(entries(data, "softened")) == sorted([(b.pk, "1-3", None), (a.pk, "1-3", b.pk)])
    assert d.pk not in {e["report"]["id"] for kind in data["audit"] for e in data["audit"][kind]["entries"]}


def test_a_viewer_sees_what_the_public_sees(portfolio: dict[str, Report], people: dict[str, Any]) -> None:
    assert api(as_user(people["viewer"])) == api(Client())


def test_the_editor_sees_the_draft_correction_of_their_bureau(
    portfolio: dict[str, Report], people: dict[str, Any]
) -> None:
    d = portfolio["D"]
    data = api(as_user(people["editor"]))
    assert data["ministries"] == ["外務省"]
    assert data["judgments"]["rows"][1]["counts"]["進展が大きくない"] == 1
    assert data["judgments"]["rows"][1]["counts"]["相当程度進展あり"] == 1
    [run] = [e for e in data["audit"]["repeated_misses"]["entries"] if e["report"]["id"] == d.pk]
    assert run["indicator_id"] == "1-3"
    assert run["years"] == [
        {"fiscal_year": 2018, "target": 30, "actual": 20},
        {"fiscal_year": 2019, "target": 30, "actual": 10},
    ]
    assert run["url"] == f"/reports/{d.pk}/indicators/1-3/"


def test_a_reviewer_never_sees_another_ministrys_drafts(
    portfolio: dict[str, Report], people: dict[str, Any]
) -> None:
    c = portfolio["C"]
    mofa = api(as_user(people["reviewer"]))
    assert mofa["ministries"] == ["外務省"]
    assert counts(mofa)["far_above"] == 0
    assert counts(mofa)["repeated_misses"] == 2  # B's, and the 外務省 draft correction D in their scope
    mof = api(as_user(people["reviewer_other_ministry"]))
    assert mof["ministries"] == ["外務省", "財務省"]
    assert [(e["report"]["id"], e["ratio"]) for e in mof["audit"]["far_above"]["entries"]] == [(c.pk, 3)]
    assert counts(mof)["repeated_misses"] == 1  # B's only: 外務省's draft correction is not theirs


def test_an_admin_sees_every_current_revision(portfolio: dict[str, Report], people: dict[str, Any]) -> None:
    data = api(as_user(people["admin"]))
    assert [(r["ministry"], r["evaluation_year"], r["total"]) for r in data["judgments"]["rows"]] == [
        ("外務省", 2019, 1),
        ("外務省", 2020, 2),
        ("財務省", 2020, 1),
    ]
    assert data["judgments"]["total"]["total"] == 4
    assert data["budget"]["total"]["reports"] == 4
    assert counts(data) == {"softened": 2, "repeated_misses": 2, "far_above": 1, "main_without_numbers": 16}


# --- the pages ---------------------------------------------------------------------------------------


def test_public_dashboard_page(portfolio: dict[str, Report]) -> None:
    a = portfolio["A"]
    page = Client().get("/portfolio/").content.decode()
    assert "<h1>ダッシュボード</h1>" in page
    assert "公表済みの評価書だけを集計しています" in page
    assert "財務省" not in page and "財政の健全化" not in page
    mofa = Ministry.objects.get(name="外務省").pk
    # one row per ministry, which opens the dashboard on its years; a count opens the report list
    assert "<caption>府省別の評価書の数（判定の区分ごと）</caption>" in page
    assert f'<th scope="row"><a href="/portfolio/?ministry={mofa}">外務省</a></th>' in page
    assert f'<a href="/?ministry={mofa}&amp;judgment=相当程度進展あり">2</a>' in page
    listed = Client().get(f"/?ministry={mofa}&judgment=相当程度進展あり").content.decode()
    assert "2件の評価書" in listed  # the link's list: A and D, by their published judgment
    assert f'<td class="num"><a href="/?ministry={mofa}">3</a></td>' in page
    assert f'href="/reports/{a.pk}/indicators/1-4/"' in page  # a disagreement leads to the indicator
    assert 'href="/portfolio/softened/"' in page
    assert '<span class="bar" style="width: 33.3%"></span></span>33.3%' in page  # 2 of 6 graded


def test_a_ministry_opens_on_its_years(portfolio: dict[str, Report]) -> None:
    mofa = Ministry.objects.get(name="外務省").pk
    page = Client().get("/portfolio/", {"ministry": mofa}).content.decode()
    assert "<caption>評価年度別の評価書の数（判定の区分ごと）</caption>" in page
    assert (
        '<th scope="row">令和元年度 (2019年度)</th>' in page
        and '<th scope="row">令和2年度 (2020年度)</th>' in page
    )
    assert f'<td class="num"><a href="/?ministry={mofa}&amp;fiscal_year=2019">1</a></td>' in page
    assert f'href="/portfolio/grades/?ministry={mofa}&amp;fiscal_year=2020"' in page


def test_signed_in_dashboard_names_the_scope(portfolio: dict[str, Report], people: dict[str, Any]) -> None:
    page = as_user(people["reviewer_other_ministry"]).get("/portfolio/").content.decode()
    assert "担当する評価書は作成中の版も含めて集計し" in page
    assert "財政の健全化" in page  # their draft, far above target


def test_filters_by_ministry_and_year(portfolio: dict[str, Report], people: dict[str, Any]) -> None:
    b = portfolio["B"]
    mofa = Ministry.objects.get(name="外務省").pk
    page = Client().get("/portfolio/", {"ministry": mofa, "fiscal_year": 2019}).content.decode()
    assert f'href="/reports/{b.pk}/indicators/1-3/"' in page
    assert f'href="/reports/{portfolio["A"].pk}/' not in page
    assert 'href="/portfolio/softened/?ministry=' in page
    bad = Client().get("/portfolio/", {"fiscal_year": "二〇一九"})
    assert bad.status_code == 200 and "error" in bad.content.decode()


def test_an_audit_list_pages(portfolio: dict[str, Report], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(portfolio_views, "PAGE_SIZE", 3)
    client = Client()
    first = client.get("/portfolio/main_without_numbers/").content.decode()
    assert "<h1>数値目標のない主要な指標</h1>" in first
    assert "8 件" in first and "1 / 3 ページ" in first
    assert first.count("定性的な指標</td>") == 3
    assert 'href="?page=2" rel="next"' in first
    last = client.get("/portfolio/main_without_numbers/", {"page": 3}).content.decode()
    assert last.count("定性的な指標</td>") == 2 and "3 / 3 ページ" in last


def test_every_list_page_answers(portfolio: dict[str, Report]) -> None:
    client = Client()
    a = portfolio["A"]
    for kind in ("softened", "repeated_misses", "far_above", "main_without_numbers", "grades", "budget"):
        assert client.get(f"/portfolio/{kind}/").status_code == 200, kind
    assert f'href="/reports/{a.pk}/"' in client.get("/portfolio/budget/").content.decode()
    assert client.get("/portfolio/nothing/").status_code == 404


def test_english(portfolio: dict[str, Report]) -> None:
    client = Client()
    client.get("/lang/en/")
    page = client.get("/portfolio/").content.decode()
    assert "<h1>Dashboard</h1>" in page and "FY2019" in page
    assert "Softened targets" in page


def test_a_publication_changes_the_public_dashboard(
    portfolio: dict[str, Report], people: dict[str, Any]
) -> None:
    client = Client()
    assert "財務省" not in client.get("/portfolio/").content.decode()
    c = portfolio["C"]
    for action, who in (("submit", "editor_other_ministry"), ("approve", "reviewer_other_ministry")):
        storage.transition(c.pk, action, people[who])
    storage.transition(c.pk, "publish", people["reviewer_other_ministry"])
    assert "財政の健全化" in client.get("/portfolio/").content.decode()
    assert counts(api(client))["far_above"] == 1


# --- the API ---------------------------------------------------------------------------------------------


def test_api_filters_and_limits(portfolio: dict[str, Report]) -> None:
    client = Client()
    data = api(client, ministry="外務省", fiscal_year=2020, limit=1)
    assert data["filters"] == {"ministry": "外務省", "evaluation_year": 2020}
    assert data["audit"]["main_without_numbers"]["count"] == 4
    assert len(data["audit"]["main_without_numbers"]["entries"]) == 1
    assert api(client, ministry="存在しない省")["judgments"]["rows"] == []


def test_api_one_list_with_offset(portfolio: dict[str, Report]) -> None:
    a, b = portfolio["A"], portfolio["B"]
    data = api(Client(), "/api/portfolio/audit/softened", limit=1, offset=1)
    assert data["count"] == 2 and len(data["items"]) == 1
    whole = api(Client(), "/api/portfolio/audit/softened")
    found = {(i["report"]["id"], i["years"][0]["target"], i["years"][1]["target"]) for i in whole["items"]}
    assert found == {(b.pk, 35, 30), (a.pk, 35, 30)}
    grades = api(Client(), "/api/portfolio/audit/grades")
    assert [(i["report"]["id"], i["recorded"], i["proposed"]) for i in grades["items"]] == [
        (b.pk, "b", "a"),
        (a.pk, "b", "a"),
    ]


def test_api_errors_have_the_documented_shape(portfolio: dict[str, Report]) -> None:
    client = Client()
    bad_kind = client.get("/api/portfolio/audit/everything")
    assert bad_kind.status_code == 422
    body = bad_kind.json()
    assert body["findings"][0]["location"] == "/kind" and body["findings"][0]["code"] is None
    bad_year = client.get("/api/portfolio", {"fiscal_year": "R2"})
    assert bad_year.status_code == 422 and bad_year.json()["findings"][0]["location"] == "/fiscal_year"
    too_many = client.get("/api/portfolio", {"limit": 201})
    assert too_many.status_code == 422 and too_many.json()["findings"][0]["location"] == "/limit"


def test_budget_rate_is_exact(portfolio: dict[str, Report]) -> None:
    [row] = [r for r in api(Client())["budget"]["rows"] if r["evaluation_year"] == 2020]
    assert row["mean_rate"] == float((Decimal(532) / Decimal(671)).quantize(Decimal("0.0001")))


RULE = "規則による提案：数値のある測定指標について、評価対象の各年度の実績を目標値と比べ"


def test_the_grade_panel_explains_the_rule_and_links_the_finding(portfolio: dict[str, Report]) -> None:
    client = Client()
    for path in ("/portfolio/", "/portfolio/grades/"):
        page = client.get(path).content.decode()
        rule = page.split('<p class="rule">', 1)[1].split("</p>", 1)[0]
        assert rule.startswith(RULE), path
        assert '<a href="/findings/H301/">指摘 H301 の説明</a>' in rule, path
    finding = client.get("/findings/H301/")
    assert finding.status_code == 200
    assert "<h1>H301 記録された達成状況が規則による提案と異なる</h1>" in finding.content.decode()
    assert '<p class="rule">' not in client.get("/portfolio/budget/").content.decode()
