"""Every field a person writes is editable in its section (issue 11): the recorded grades (達成状況)
with the rules' proposal beside them, the judgment and its 判断根拠, the ministry's own scale, the
report's names, the 事前分析表's fields, the 達成手段 table, per-year marks and 達成率. Each test edits
through the form as a browser submits it and asserts the stored revision's exact values."""

from __future__ import annotations

from decimal import Decimal
from html import escape
from typing import Any

import pytest

from hyoka.core import (
    AchievementMeans,
    Area,
    Cell,
    DocumentKind,
    EvaluationReport,
    Indicator,
    IndicatorKind,
    IndicatorYear,
    JudgmentOrigin,
    MeansYear,
    Paragraph,
    ReferenceIndicator,
    ReferenceYear,
    SeriesValue,
    Tier,
)
from hyoka.web.reports import storage
from hyoka.web.reports.diff import Change, diff_models
from hyoka.web.reports.models import FindingFact, Report, Revision

from .editing import client_for, edit_url, page_form, section_page, text
from .test_pages_edit import messages_of

pytestmark = pytest.mark.django_db


def current(report: Report) -> EvaluationReport:
    fresh = Report.objects.get(pk=report.pk)
    assert fresh.current_revision is not None
    return storage.load(fresh.current_revision)


def document(report: Report, number: int) -> dict[str, Any]:
    return storage.load(Revision.objects.get(report=report, number=number)).model_dump(mode="json")


def codes(report: Report) -> list[tuple[str, str]]:
    return list(FindingFact.objects.filter(report=report).order_by("id").values_list("code", "location"))


# --- 達成状況 --------------------------------------------------------------------------------------


def test_the_recorded_grade_is_edited_beside_the_proposal_and_h301_goes(
    sample_report: Report, people: dict[str, Any]
) -> None:
    assert ("H301", "/areas/0/indicators/3/recorded_grade") in codes(sample_report)
    edit = section_page(client_for(people["editor"]), sample_report, "indicators", "?indicator=1-4")
    page = edit.get()
    html = text(page)
    form = page_form(html)
    assert form["ind_1-4_grade"] == "b"
    beside = page.context["form"].besides["ind_1-4_grade"]
    assert (beside.proposed, beside.reason, beside.differs) == (
        "a",
        "全年度で目標を達成（判定方法: 全年度）: "
        "平成29年度 (2017年度) 目標超過、平成30年度 (2018年度) 目標達成、令和元年度 (2019年度) 目標達成",
        True,
    )
    assert '規則による提案: a</strong> <span class="badge">記録と異なります</span>' in html
    assert '<option value="a">a（目標達成）</option>' in html

    response = edit.post({"ind_1-4_grade": "a", "reason": "数値に合わせて達成状況を訂正"}, form)
    assert response.status_code == 302
    revision = Revision.objects.get(report=sample_report, number=2)
    assert (revision.reason, revision.author) == ("数値に合わせて達成状況を訂正", people["editor"])
    # the indicator's grade and the summary table's row of 1-4 change together, nothing else
    assert diff_models(document(sample_report, 1), document(sample_report, 2)) == [
        Change("/results_summary/3/recorded_grade", "b", "a"),
        Change("/areas/0/indicators/3/recorded_grade/letter", "b", "a"),
    ]
    model = current(sample_report)
    grade = model.indicator("1-4").recorded_grade
    assert grade is not None and (grade.letter, grade.window) == ("a", [2017, 2018, 2019])
    assert [f for f in codes(sample_report) if f[0] in ("H301", "H103")] == []

    after = edit.get()
    assert after.context["form"].besides["ind_1-4_grade"].differs is False
    assert "記録と異なります" not in text(after)


def test_a_grade_can_be_removed_and_a_letter_outside_the_legend_is_kept(
    sample_report: Report, people: dict[str, Any]
) -> None:
    edit = section_page(client_for(people["editor"]), sample_report, "indicators", "?indicator=1-3")
    form = edit.form()
    assert edit.post({"ind_1-3_grade": "", "reason": "未確定"}, form).status_code == 302
    model = current(sample_report)
    assert model.indicator("1-3").recorded_grade is None
    assert [e.recorded_grade for e in model.results_summary if e.indicator_id == "1-3"] == [None]
    # a letter that is not in the legend is refused by the choice list, nothing saved
    refused = edit.post({"ind_1-3_grade": "z", "reason": "誤入力"}, form)
    assert refused.status_code == 400
    assert list(refused.context["form"].errors) == ["ind_1-3_grade"]
    assert Revision.objects.filter(report=sample_report).count() == 2


def test_name_main_flag_and_source_of_an_indicator(sample_report: Report, people: dict[str, Any]) -> None:
    edit = section_page(client_for(people["editor"]), sample_report, "indicators", "?indicator=1-3")
    form = edit.form()
    assert (form["ind_1-3_main"], form["ind_1-3_source"]) == ("0", "")
    response = edit.post(
        {
            "ind_1-3_name": "日米・日加の首脳・外相会談数",
            "ind_1-3_main": "1",
            "ind_1-3_source": "外務省調べ",
            "reason": "指標の整理",
        },
        form,
    )
    assert response.status_code == 302
    model = current(sample_report)
    ind = model.indicator("1-3")
    assert (ind.name, ind.is_main, ind.data_source) == ("日米・日加の首脳・外相会談数", True, "外務省調べ")
    assert [e.is_main for e in model.results_summary if e.indicator_id == "1-3"] == [True]
    blank = edit.post({"ind_1-3_name": " ", "reason": "x"})
    assert blank.status_code == 400
    assert blank.context["form"].errors["ind_1-3_name"] == ["測定指標名を入力してください。"]


# --- 評価結果 ------------------------------------------------------------------------------------


def test_the_judgment_and_its_rationale_are_edited_beside_the_proposal(
    sample_report: Report, people: dict[str, Any]
) -> None:
    edit = section_page(client_for(people["editor"]), sample_report, "judgment")
    page = edit.get()
    assert page.status_code == 200
    form = page_form(text(page))
    assert (form["jd_tier"], form["jd_monitoring"], form["jd_rationale"]) == (
        "相当程度進展あり",
        "0",
        "主要な測定指標がおおむね目標に近い実績を示したことから、左記のとおり判定した。",
    )
    beside = page.context["form"].besides["jd_tier"]
    assert (beside.proposed, beside.differs) == ("相当程度進展あり（B）", False)
    assert beside.reason == (
        "主要な指標が「b」以上（重み付きの割合 1.00）。各指標の達成状況: 1-1* b、1-2 b、1-3 b、1-4 b、1-5 b、"
        "2-1* s、2-2 b、3-1* b、3-2* b"
    )
    assert escape(beside.reason) in text(page)

    rationale = "全ての主要な測定指標で目標を達成したため。"
    response = edit.post({"jd_tier": "目標達成", "jd_rationale": rationale, "reason": "判定を見直し"}, form)
    assert response.status_code == 302
    assert diff_models(document(sample_report, 1), document(sample_report, 2)) == [
        Change("/judgment/tier", "相当程度進展あり", "目標達成"),
        Change("/judgment/label", "相当程度進展あり", "目標達成"),
        Change("/judgment/letter", "B", "A"),
        Change(
            "/judgment/rationale",
            "主要な測定指標がおおむね目標に近い実績を示したことから、左記のとおり判定した。",
            rationale,
        ),
    ]
    judgment = current(sample_report).judgment
    assert (judgment.tier, judgment.label, judgment.letter, judgment.rationale, judgment.origin) == (
        Tier.ACHIEVED,
        "目標達成",
        "A",
        rationale,
        JudgmentOrigin.DOCUMENT,
    )
    assert Report.objects.get(pk=sample_report.pk).judgment == "目標達成"
    # the rules now say the recorded judgment differs from their proposal
    assert [f for f in codes(sample_report) if f[0] in ("H301", "H302")] == [
        ("H301", "/areas/0/indicators/3/recorded_grade"),
        ("H302", "/judgment"),
    ]
    shown = edit.get()
    assert shown.context["form"].besides["jd_tier"].differs is True


def test_monitoring_only_and_no_judgment(sample_report: Report, people: dict[str, Any]) -> None:
    edit = section_page(client_for(people["editor"]), sample_report, "judgment")
    response = edit.post({"jd_tier": "", "jd_monitoring": "1", "reason": "モニタリング年度"})
    assert response.status_code == 302
    judgment = current(sample_report).judgment
    assert (judgment.tier, judgment.label, judgment.letter, judgment.monitoring_only) == (
        None,
        None,
        None,
        True,
    )
    beside = edit.get().context["form"].besides["jd_tier"]
    assert (beside.proposed, beside.reason) == ("—", "モニタリングのみの年度のため、判定しません")


def test_a_ministrys_own_scale_is_edited_added_and_removed(
    sample_report: Report, people: dict[str, Any]
) -> None:
    edit = section_page(client_for(people["editor"]), sample_report, "judgment")
    added = edit.post(
        {
            "oj_0_legend": "外務省 独自区分",
            "oj_0_letter": "B",
            "oj_0_label": "おおむね達成",
            "reason": "独自区分を追加",
        }
    )
    assert added.status_code == 302
    [other] = current(sample_report).other_judgments
    assert (other.legend, other.letter, other.label, other.rationale, other.origin) == (
        "外務省 独自区分",
        "B",
        "おおむね達成",
        None,
        JudgmentOrigin.DOCUMENT,
    )
    form = edit.form()
    assert (form["oj_0_letter"], form["oj_1_legend"]) == ("B", "")
    missing = edit.post({"oj_1_letter": "A", "reason": "x"}, form)
    assert missing.status_code == 400
    assert missing.context["form"].errors["oj_1_legend"] == ["区分の名称を入力してください。"]
    removed = edit.post({"oj_0_legend": "", "reason": "独自区分を削除"}, form)
    assert removed.status_code == 302, removed.context["form"].errors
    assert current(sample_report).other_judgments == []


# --- 基本情報 ------------------------------------------------------------------------------------


def test_overview_fields_and_notes(sample_report: Report, people: dict[str, Any]) -> None:
    edit = section_page(client_for(people["editor"]), sample_report, "overview")
    form = edit.form()
    assert (form["ov_title"], form["ov_measure"], form["ov_year"], form["ov_window"]) == (
        "北米地域外交",
        "I-2",
        "2020",
        "2017, 2018, 2019",
    )
    assert "ov_responsible" not in form  # a 評価書 without the 事前分析表's fields
    assert (form["note_1_mark"], form["note_3_mark"], form["note_3_text"]) == ("注1", "", "")
    response = edit.post(
        {
            "ov_title": "北米地域との外交",
            "ov_window": "2017、2018 2019",
            "ov_evaluated": "2020-08",
            "note_3_mark": "(注3)",
            "note_3_text": "会談数には電話会談を含む。",
            "reason": "表題の修正",
        },
        form,
    )
    assert response.status_code == 302
    model = current(sample_report)
    assert (model.title, model.window, model.evaluated_on) == (
        "北米地域との外交",
        [2017, 2018, 2019],
        "2020-08",
    )
    assert [(n.mark, n.text) for n in model.notes][-1] == ("(注3)", "会談数には電話会談を含む。")
    assert Report.objects.get(pk=sample_report.pk).title == "北米地域との外交"

    bad = edit.post({"ov_window": "2017, R1", "ov_evaluated": "2020/8", "reason": "x"})
    assert bad.status_code == 400
    assert bad.context["form"].errors == {
        "ov_window": ["「R1」は西暦の年度として読めません（例: 2017, 2018, 2019）。"],
        "ov_evaluated": ["「年-月」の形で入力してください（例: 2020-08）。"],
    }


def test_moving_onto_another_reports_measure_and_year_is_refused(
    sample_report: Report, people: dict[str, Any], sample_model: EvaluationReport
) -> None:
    other = sample_model.model_copy(update={"measure_number": "I-3", "title": "欧州地域外交"})
    storage.create_report(other, people["editor"], "取込")
    edit = section_page(client_for(people["editor"]), sample_report, "overview")
    response = edit.post({"ov_measure": "I-3", "reason": "番号の訂正"})
    assert response.status_code == 409
    assert response.context["form"].non_field_errors() == [
        "外務省 の施策 I-3・評価年度 令和2年度 (2020年度) の評価書は既にあります（欧州地域外交）。"
    ]
    assert Revision.objects.filter(report=sample_report).count() == 1
    assert page_form(text(response))["ov_measure"] == "I-3"


# --- the 事前分析表: its fields and the 達成手段 table -----------------------------------------------


def _pre_analysis() -> EvaluationReport:
    years = [MeansYear(fiscal_year=2024, budget=Cell.of(120), executed=Cell.of(98))]
    return EvaluationReport(
        kind=DocumentKind.PRE_ANALYSIS,
        ministry="外務省",
        measure_number="I-2",
        title="北米地域外交",
        evaluation_year=2025,
        bureau="北米局",
        areas=[
            Area(
                number=1,
                title="北米",
                indicators=[
                    Indicator(
                        id="1-1",
                        name="会談数",
                        kind=IndicatorKind.QUANTITATIVE,
                        years=[IndicatorYear(fiscal_year=2024, mark="○", achievement_rate=Cell.of(95))],
                    )
                ],
            )
        ],
        means=[AchievementMeans(number="1", name="日米交流事業", years=years, indicators=["1-1"])],
    )


@pytest.fixture
def pre_analysis(people: dict[str, Any]) -> Report:
    return storage.create_report(_pre_analysis(), people["editor"], "取込")


def test_a_pre_analysis_table_has_its_sections(pre_analysis: Report, people: dict[str, Any]) -> None:
    client = client_for(people["editor"])
    edit = section_page(client, pre_analysis, "overview")
    page = edit.get()
    assert [key for key, _label in page.context["sections"]] == [
        "overview",
        "objectives",
        "budget",
        "areas",
        "indicators",
        "means",
        "analysis",
        "next_steps",
        "opinions",
    ]
    assert client.get(edit_url(pre_analysis, "judgment")).status_code == 404
    response = edit.post(
        {
            "ov_responsible": "北米局長 山田太郎",
            "ov_planned": "令和9年8月",
            "ov_outline": "北米との関係を強化する。\r\n交流を拡大する。",
            "ov_rationale": "首脳会談の回数を指標とする。",
            "reason": "事前分析表の記入",
        },
        page_form(text(page)),
    )
    assert response.status_code == 302
    model = current(pre_analysis)
    assert (model.responsible, model.planned_evaluation) == ("北米局長 山田太郎", "令和9年8月")
    assert [p.text for p in model.outline] == ["北米との関係を強化する。", "交流を拡大する。"]
    assert model.target_rationale == [Paragraph(text="首脳会談の回数を指標とする。")]


def test_selection_reason_mark_and_achievement_rate(pre_analysis: Report, people: dict[str, Any]) -> None:
    edit = section_page(client_for(people["editor"]), pre_analysis, "indicators")
    form = edit.form()
    assert (form["ind_1-1_reason"], form["ind_1-1_2024_mark"], form["ind_1-1_2024_rate"]) == ("", "○", "95")
    response = edit.post(
        {
            "ind_1-1_reason": "外交の進展を最もよく表すため。",
            "ind_1-1_2024_mark": "◎",
            "ind_1-1_2024_rate": "104.5",
            "reason": "達成率の確定",
        },
        form,
    )
    assert response.status_code == 302
    ind = current(pre_analysis).indicator("1-1")
    year = ind.years[0]
    assert [p.text for p in ind.selection_reason] == ["外交の進展を最もよく表すため。"]
    assert (year.mark, year.achievement_rate.value if year.achievement_rate else None) == (
        "◎",
        Decimal("104.5"),
    )
    bad = edit.post({"ind_1-1_2024_rate": "約9割", "reason": "x"})
    assert bad.status_code == 400 and list(bad.context["form"].errors) == ["ind_1-1_2024_rate"]


def test_the_means_table_edits_adds_and_removes_rows(pre_analysis: Report, people: dict[str, Any]) -> None:
    edit = section_page(client_for(people["editor"]), pre_analysis, "means")
    form = edit.form()
    assert (
        form["mn_0_name"],
        form["mn_0_2024_budget"],
        form["mn_0_2024_executed"],
        form["mn_0_indicators"],
    ) == (
        "日米交流事業",
        "120",
        "98",
        "1-1",
    )
    response = edit.post(
        {
            "mn_0_2024_executed": "101",
            "mn_0_review": "0123",
            "mn_1_number": "2",
            "mn_1_name": "日加交流事業",
            "mn_1_indicators": "1-1、1-2",
            "mn_1_started": "令和6年度",
            "reason": "達成手段の追加",
        },
        form,
    )
    assert response.status_code == 302
    means = current(pre_analysis).means
    assert [(m.number, m.name, m.indicators, m.review_number, m.started) for m in means] == [
        ("1", "日米交流事業", ["1-1"], "0123", None),
        ("2", "日加交流事業", ["1-1", "1-2"], None, "令和6年度"),
    ]
    assert [(y.fiscal_year, y.budget.value, y.executed.value) for y in means[0].years] == [
        (2024, Decimal(120), Decimal(101))
    ]
    assert means[1].years == []

    form = edit.form()
    nameless = edit.post({"mn_2_started": "令和7年度", "reason": "x"}, form)
    assert nameless.status_code == 400
    assert nameless.context["form"].errors["mn_2_name"] == ["達成手段の名称を入力してください。"]
    existing = edit.post({"means_new_year": "2024", "reason": "x"}, form)
    assert existing.status_code == 400
    assert existing.context["form"].errors["means_new_year"] == ["令和6年度 (2024年度)は既にあります。"]
    assert edit.post({"mn_0_name": "", "means_new_year": "2025", "reason": "整理"}, form).status_code == 302
    means = current(pre_analysis).means
    assert [(m.name, [y.fiscal_year for y in m.years]) for m in means] == [("日加交流事業", [2025])]
    assert "版 3 を保存しました" in " ".join(messages_of(edit.get()))


def test_how_an_indicator_is_measured_kind_direction_series_baseline_and_mid_term(
    sample_report: Report, people: dict[str, Any]
) -> None:
    edit = section_page(client_for(people["editor"]), sample_report, "indicators", "?indicator=1-5")
    form = edit.form()
    assert (
        form["ind_1-5_kind"],
        form["ind_1-5_direction"],
        form["ind_1-5_series_0"],
        form["ind_1-5_series_1"],
        form["ind_1-5_mid_year"],
        form["ind_1-5_mid_2"],
    ) == ("quantitative", "higher", "一般の部", "有識者の部", "", "—")
    response = edit.post(
        {
            "ind_1-5_direction": "at_least",
            "ind_1-5_series_1": "有識者",
            "ind_1-5_baseline_year": "2016",
            "ind_1-5_baseline_0": "80%",
            "ind_1-5_mid_text": "対日世論調査で「信頼できる友邦」の割合を維持する。",
            "ind_1-5_mid_year": "2022",
            "ind_1-5_mid_0": "85%",
            "ind_1-5_notes": "「一般」は米国在住の18歳以上の市民約1,000人。",
            "reason": "指標の定義を整理",
        },
        form,
    )
    assert response.status_code == 302, response.context["form"].errors
    ind = current(sample_report).indicator("1-5")
    mid = ind.mid_term_target
    assert mid is not None
    assert (ind.direction.value, [s.name for s in ind.series], ind.baseline_year, ind.notes) == (
        "at_least",
        ["一般の部", "有識者"],
        2016,
        ["「一般」は米国在住の18歳以上の市民約1,000人。"],
    )
    assert [(v.series, v.value.value, v.value.raw) for v in ind.baseline] == [("①", Decimal(80), "80%")]
    assert (mid.text, mid.target_year, mid.target_year_text) == (
        "対日世論調査で「信頼できる友邦」の割合を維持する。",
        2022,
        None,
    )
    assert [(v.series, v.value.raw) for v in mid.values] == [(None, "—"), ("①", "85%")]


def test_a_changed_direction_changes_the_proposal_beside_the_grade(
    sample_report: Report, people: dict[str, Any]
) -> None:
    edit = section_page(client_for(people["editor"]), sample_report, "indicators", "?indicator=1-4")
    assert edit.post({"ind_1-4_direction": "lower", "reason": "少ないほどよい"}).status_code == 302
    beside = edit.get().context["form"].besides["ind_1-4_grade"]
    assert (beside.proposed, beside.differs) == ("c", True)
    assert current(sample_report).indicator("1-4").direction.value == "lower"


# --- 個別分野 --------------------------------------------------------------------------------------


def test_an_areas_title_policies_sources_and_reference_indicators(
    people: dict[str, Any], sample_model: EvaluationReport
) -> None:
    model = sample_model.model_copy(deep=True)
    model.areas[0].reference_indicators = [
        ReferenceIndicator(
            name="在米日本人数",
            years=[ReferenceYear(fiscal_year=2019, actuals=[SeriesValue(value=Cell.of(426000))])],
        )
    ]
    report = storage.create_report(model, people["editor"], "取込")
    edit = section_page(client_for(people["editor"]), report, "areas")
    form = edit.form()
    assert (form["area_0_title"], form["cp_0_0_date"], form["cp_0_2_name"], form["src_0_0_title"]) == (
        "北米諸国との政治分野での協力推進",
        "2019-01-28",
        "",
        "アメリカ合衆国",
    )
    assert form["ref_0_0_2019_0"] == "426000"
    response = edit.post(
        {
            "area_0_title": "北米諸国との政治協力",
            "cp_0_2_name": "第201回国会外交演説",
            "cp_0_2_date": "2020-01-20",
            "src_0_0_title": "",
            "ref_0_0_2019_0": "426,350",
            "ref_0_0_source": "海外在留邦人数調査統計",
            "reason": "個別分野の整理",
        },
        form,
    )
    assert response.status_code == 302, response.context["form"].errors
    area = current(report).areas[0]
    assert area.title == "北米諸国との政治協力"
    assert [(p.name, p.date.isoformat() if p.date else None) for p in area.cabinet_policies][-1] == (
        "第201回国会外交演説",
        "2020-01-20",
    )
    assert len(area.cabinet_policies) == 3
    assert area.sources == sample_model.areas[0].sources[1:]  # the first removed, the others as they were
    [ref] = area.reference_indicators
    assert (ref.data_source, ref.years[0].actuals[0].value.value) == (
        "海外在留邦人数調査統計",
        Decimal(426350),
    )
    assert [e.area_title for e in current(report).results_summary if e.area_number == 1][:1] == [
        "北米諸国との政治協力"
    ]
    bad = edit.post({"cp_0_3_date": "2020/1/20", "reason": "x"})
    assert bad.status_code == 400
    assert list(bad.context["form"].errors) == ["cp_0_3_date"]


# --- 政策評価調書 ----------------------------------------------------------------------------------


def test_the_budget_sheet_heading_items_and_totals(sample_report: Report, people: dict[str, Any]) -> None:
    edit = section_page(client_for(people["editor"]), sample_report, "budget_sheet")
    form = edit.form()
    assert (
        form["bs_policy_name"],
        form["bs_number"],
        form["bs_current_year"],
        form["bs_0_0_current_initial"],
    ) == (
        "北米地域外交",
        "②",
        "2020",
        "274,346",
    )
    response = edit.post(
        {
            "bs_evaluation_method": "実績評価方式",
            "bs_0_0_current_initial": "274,400",
            "bs_0_sub_0_current_initial": "651,759",
            "bs_total_0_current_initial": "651,759",
            "reason": "調書の訂正",
        },
        form,
    )
    assert response.status_code == 302, response.context["form"].errors
    sheet = current(sample_report).budget_sheet
    assert sheet is not None
    assert (
        sheet.evaluation_method,
        sheet.sections[0].items[0].current_initial.value,
        sheet.sections[0].subtotals[0].current_initial.value,
        sheet.totals[0].current_initial.value,
        sheet.totals[0].current_initial.unit,
    ) == ("実績評価方式", Decimal(274400), Decimal(651759), Decimal(651759), "千円")
    # the arithmetic of the sheet holds again: no H204/H205 on it
    assert [c for c, _where in codes(sample_report) if c in ("H204", "H205")] == []
    blank = edit.post({"bs_policy_name": "", "reason": "x"})
    assert blank.status_code == 400
    assert blank.context["form"].errors == {"bs_policy_name": ["この欄は空にできません。"]}


def test_in_english_the_fields_and_the_proposal_read_in_english(
    sample_report: Report, people: dict[str, Any]
) -> None:
    client = client_for(people["editor"])
    client.cookies["django_language"] = "en"
    page = client.get(edit_url(sample_report, "judgment"))
    html = text(page)
    assert '<label for="id_jd_tier">Judgment (the tiers shared by every ministry)</label>' in html
    beside = page.context["form"].besides["jd_tier"]
    assert beside.reason.startswith("Main indicators")
    assert beside.reason.endswith("1-5 b, 2-1* s, 2-2 b, 3-1* b, 3-2* b")
    assert "。" not in beside.reason and "、" not in beside.reason and "達成状況" not in beside.reason
    grade = client.get(edit_url(sample_report, "indicators") + "?indicator=1-4").context["form"].besides
    assert grade["ind_1-4_grade"].reason == (
        "The target was achieved in every year (method: every year of the window): "
        "FY2017 (Heisei 29) Target exceeded, FY2018 (Heisei 30) Target achieved, "
        "FY2019 (Reiwa 1) Target achieved"
    )


def test_the_budget_years_are_named_the_one_way(sample_report: Report, people: dict[str, Any]) -> None:
    """Each year of the budget table is a fieldset named as every page names a year."""
    page = text(section_page(client_for(people["editor"]), sample_report, "budget").get())
    legends = [part.split("</legend>")[0] for part in page.split("<legend>")[1:]]
    assert [legend for legend in legends if "年度 (" in legend] == [
        "平成29年度 (2017年度)",
        "平成30年度 (2018年度)",
        "令和元年度 (2019年度)",
        "令和2年度 (2020年度)",
    ]


def test_a_year_the_budget_already_has_is_named_the_one_way(
    sample_report: Report, people: dict[str, Any]
) -> None:
    edit = section_page(client_for(people["editor"]), sample_report, "budget")
    response = edit.post({"budget_new_year": "2019", "reason": "追加"}, edit.form())
    assert response.status_code == 400
    assert response.context["form"].errors["budget_new_year"] == ["令和元年度 (2019年度)は既にあります。"]
