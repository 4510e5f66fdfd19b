"""The Excel workbook of a 事前分析表: the 「基準値・目標値」 and 「達成手段」 sheets, read back with
openpyxl, for the real 厚生労働省 事前分析表 (samples/real/mhlw-r7-jizen-I-5-1.txt, values from its
.expected.toml) and for the next cycle's draft of the sample (its 基準値 carried from the 評価書,
marked as hyoka's); the round trip with and without the 「JSON」 sheet."""

from __future__ import annotations

import io
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from hyoka.core import AchievementMeans, Cell, DocumentKind, EvaluationReport, MeansYear
from hyoka.core.narrative import Paragraph
from hyoka.importers import ImportResult, import_bytes
from hyoka.importers.xlsx import import_xlsx
from hyoka.renderers.xlsx import render_report_xlsx
from hyoka.services.cycle import pre_analysis_draft

REAL = Path(__file__).resolve().parents[2] / "samples" / "real"
JIZEN = "mhlw-r7-jizen-I-5-1"
INFERRED_FORMAT = '#,##0"※";△#,##0"※"'
AMOUNT = "#,##0;△#,##0"
HYOKA_BLUE = "001F4E79"
PLAN_HEADER = [
    "個別分野",
    "指標ID",
    "指標名",
    "主要",
    "系列",
    "系列名",
    "基準値",
    "基準年度",
    "目標値",
    "目標値(上限)",
    "目標年度",
    "年度ごとの目標値",
]
PLAN_TAIL = ["単位", "出典", "測定指標の選定理由及び目標値(水準・目標年度)の設定の根拠", "hyoka が補った値"]
CARRIED = "令和2年度政策評価書の令和元年度実績値"


def load(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


def rows(ws: Any, first: int) -> list[tuple[Any, ...]]:
    return [tuple(c.value for c in row) for row in ws.iter_rows(min_row=first)]


def without_json(data: bytes) -> bytes:
    """The workbook as a ministry fills it from the template: no 「JSON」 sheet."""
    book = load(data)
    del book["JSON"]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    return tomllib.loads((REAL / f"{JIZEN}.expected.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def jizen() -> EvaluationReport:
    result = import_bytes((REAL / f"{JIZEN}.txt").read_bytes(), name=f"{JIZEN}.txt")
    assert result.report.kind is DocumentKind.PRE_ANALYSIS
    return result.report


@pytest.fixture(scope="module")
def jizen_book(jizen: EvaluationReport) -> Any:
    return load(render_report_xlsx(jizen))


@pytest.fixture(scope="module")
def draft(sample_result: ImportResult) -> EvaluationReport:
    return pre_analysis_draft(sample_result.report).draft


@pytest.fixture(scope="module")
def draft_book(draft: EvaluationReport) -> Any:
    return load(render_report_xlsx(draft))


# --- the real 事前分析表 ---------------------------------------------------------------------------


def test_a_pre_analysis_has_both_sheets(jizen_book: Any) -> None:
    assert jizen_book.sheetnames == [
        "調書",
        "予算",
        "指標データ",
        "基準値・目標値",
        "達成手段",
        "評価書",
        "JSON",
    ]


def test_real_indicators_in_the_plan_sheet(jizen_book: Any, expected: dict[str, Any]) -> None:
    ws = jizen_book["基準値・目標値"]
    assert ws["A1"].value == "測定指標（基準値・目標値）"
    assert [c.value for c in ws[2]] == [*PLAN_HEADER, *PLAN_TAIL]
    assert [c.value for c in ws[3]] == [None] * 16  # no year of 年度ごとの目標値 in the excerpt
    # the importer leaves 基準値, 目標値 and the years empty (expected.toml: 「H902 with the text kept」)
    assert rows(ws, 4) == [
        ("1", "④", "予防接種の接種率(麻しん)", "*", *[None] * 9, "予防接種課調べ", None, None),
        ("1", "⑤", "予防接種の接種率(風しん)", "*", *[None] * 9, "予防接種課調べ", None, None),
    ]
    hand_read = [(i["id"], i["name"], i["data_source"]) for i in expected["indicators"]]
    assert [(r[1], r[2], r[13]) for r in rows(ws, 4)] == hand_read
    assert ws.freeze_panes == "D4"
    assert ws.print_title_rows == "$2:$3"


def test_real_means_sheet(jizen_book: Any, expected: dict[str, Any]) -> None:
    ws = jizen_book["達成手段"]
    assert (ws["A1"].value, ws["C1"].value) == ("達成手段", "(単位: 億円)")
    assert [c.value for c in ws[2]] == [
        "番号",
        "達成手段の名称",
        "開始年度",
        None,
        None,
        "関連する指標",
        "行政事業レビュー事業番号",
        "達成手段の概要等",
        "注",
    ]
    assert [c.value for c in ws[3]] == [None, None, None, "予算額", "執行額", None, None, None, None]
    outline_33 = next(m["outline"] for m in expected["means"] if m["number"] == "(33)")
    assert rows(ws, 4) == [
        (
            "(33)",
            "国立健康危機管理研究機構運営費交付金",
            "令和7年度",
            None,
            None,
            None,
            "020280",
            outline_33,
            None,
        ),
        (
            "(34)",
            "国立健康危機管理研究機構施設周辺安全対策等事業費補助金",
            "令和7年度",
            None,
            None,
            None,
            None,
            "感染症の予防及び感染症の患者に対する医療に関する法律(平成10年法律第114号)により厳格な管理が"
            "求められている特定一種病原体等を取り扱う国立健康危機管理研究機構施設の周辺地域における安全対策"
            "施設等の整備を行うことにより、同施設周辺の安全対策や災害・事故対策及び避難対応の更なる強化を図る。",
            None,
        ),
        ("(35)", "予防接種事故救済給付費", "昭和46年度", None, None, None, None, None, None),
    ]
    hand_read = {m["number"]: (m["name"], m["started"]) for m in expected["means"]}
    for number, name, started, *_ in rows(ws, 4):
        assert hand_read[number] == (name, started)
    assert str(rows(ws, 5)[0][7]).startswith(expected["means"][2]["outline_starts"])


def test_the_report_sheet_names_the_kind(jizen_book: Any) -> None:
    assert rows(jizen_book["評価書"], 12) == [
        ("文書の種類", "事前分析表", None),
        ("作成責任者名", None, None),
        ("政策評価実施予定時期", None, None),
    ]


def test_real_round_trip_with_json(jizen: EvaluationReport) -> None:
    result = import_xlsx(render_report_xlsx(jizen), name="jizen.xlsx")
    assert result.findings == []  # 「④」 matches its indicator: no H901 for an id not like 1-3
    assert result.report == jizen


def test_real_round_trip_by_hand(jizen: EvaluationReport) -> None:
    result = import_xlsx(without_json(render_report_xlsx(jizen)), name="by-hand.xlsx")
    assert result.findings == []
    report = result.report
    assert report.kind is DocumentKind.PRE_ANALYSIS
    assert (report.ministry, report.measure_number, report.title, report.evaluation_year) == (
        "厚生労働省",
        "",
        "",
        2025,
    )
    assert [(i.id, i.name, i.is_main, i.data_source) for i in report.indicators()] == [
        ("④", "予防接種の接種率(麻しん)", True, "予防接種課調べ"),
        ("⑤", "予防接種の接種率(風しん)", True, "予防接種課調べ"),
    ]
    assert report.means_unit == "億円"
    assert [(m.number, m.name, m.started, m.review_number, m.outline) for m in report.means] == [
        (m.number, m.name, m.started, m.review_number, [Paragraph(text=p.text) for p in m.outline])
        for m in jizen.means
    ]


# --- the next cycle's draft: 基準値 carried from the 評価書, marked ------------------------------------


def test_a_carried_baseline_is_a_number_marked_as_hyokas(draft_book: Any) -> None:
    ws = draft_book["基準値・目標値"]
    assert [c.value for c in ws[3]][11] == "令和3年度"
    assert [(ws.cell(r, 2).value, ws.cell(r, 5).value) for r in range(4, 14)] == [
        ("1-1", None),
        ("1-2", None),
        ("1-3", None),
        ("1-4", None),
        ("1-5", "①"),
        ("1-5", "②"),
        ("2-1", None),
        ("2-2", None),
        ("3-1", None),
        ("3-2", None),
    ]
    for row, value in ((6, 26), (7, 7), (8, 85), (9, 89)):
        cell = ws.cell(row, 7)
        assert (cell.value, cell.data_type, cell.number_format) == (value, "n", INFERRED_FORMAT)
        assert cell.font.color.rgb == HYOKA_BLUE
        year = ws.cell(row, 8)
        assert (year.value, year.font.color.rgb) == ("令和元年度※", HYOKA_BLUE)
        assert ws.cell(row, 16).value == (
            f"基準値※: hyoka が「{CARRIED}」から補った値です（府省の表には記載がありません）。"
        )
    # the 目標値 the ministry wrote 「—」 stays its text, in black; the 目標年度 as written
    assert (ws["I6"].value, ws["I6"].font.color, ws["K6"].value) == ("—", None, "--年度")
    assert ws["L6"].value is None  # 令和3年度's target: to fill
    assert ws["L8"].number_format == AMOUNT
    assert ws["M8"].value == "%"
    assert ws["A15"].value.startswith("※ 青字で「※」を付けた値は hyoka が補った値です")


def test_a_value_the_ministry_wrote_is_not_marked(draft_book: Any) -> None:
    ws = draft_book["基準値・目標値"]
    assert ws["G4"].value is None and ws["P4"].value is None
    assert ws["K4"].value == "一年度"
    assert ws["I4"].value.startswith("我が国の外交・安全保障の基軸である日米同盟を引き続き強化する。")


def test_inferred_actuals_are_marked_in_the_indicator_sheet(sample_result: ImportResult) -> None:
    ws = load(render_report_xlsx(sample_result.report))["指標データ"]
    found = {
        (row[1].value, row[6].value, row[8].value): row[11]
        for row in ws.iter_rows(min_row=2)
        if row[1].value == "1-5"
    }
    for series, value in (("①", 85), ("②", 89)):  # read from 「施策の分析」 (H902)
        cell = found[("1-5", 2019, series)]
        assert (cell.value, cell.number_format, cell.font.color.rgb) == (value, INFERRED_FORMAT, HYOKA_BLUE)
    assert (found[("1-5", 2018, "①")].value, found[("1-5", 2018, "①")].number_format) == (82, AMOUNT)


def test_draft_round_trips(draft: EvaluationReport) -> None:
    result = import_xlsx(render_report_xlsx(draft), name="draft.xlsx")
    assert result.findings == []
    assert result.report == draft
    assert result.report.indicator("1-3").baseline[0].inferred_from == CARRIED


def test_draft_by_hand_reads_baseline_and_target_year(draft: EvaluationReport) -> None:
    result = import_xlsx(without_json(render_report_xlsx(draft)), name="by-hand.xlsx")
    assert result.findings == []
    report = result.report
    assert report.kind is DocumentKind.PRE_ANALYSIS
    got = report.indicator("1-5")
    assert [(v.series, v.value.value, v.inferred_from) for v in got.baseline] == [
        ("①", Decimal("85"), None),  # typed into the template, it is the person's value
        ("②", Decimal("89"), None),
    ]
    assert got.baseline_year == 2019
    assert got.mid_term_target is not None
    assert got.mid_term_target.target_year_text == "--年度"
    assert report.indicator("1-1").mid_term_target is not None
    assert report.indicator("1-1").mid_term_target.text == draft.indicator("1-1").mid_term_target.text  # type: ignore[union-attr]


# --- 達成手段 with amounts --------------------------------------------------------------------------


def _with_amounts(jizen: EvaluationReport) -> EvaluationReport:
    report = jizen.model_copy(deep=True)
    report.means[0].years = [
        MeansYear(
            fiscal_year=2024,
            budget=Cell.of(Decimal("13.6"), "億円"),
            executed=Cell.of(Decimal("12.9"), "億円"),
        ),
        MeansYear(fiscal_year=2025, budget=Cell.of(Decimal("4.7"), "億円")),
    ]
    report.means[0].indicators = ["④", "⑤"]
    report.means.append(AchievementMeans(number="(36)", name="=SUM(A1)", notes=["注1", "注2"]))
    return report


def test_means_amounts_are_numbers_by_year(jizen: EvaluationReport) -> None:
    report = _with_amounts(jizen)
    ws = load(render_report_xlsx(report))["達成手段"]
    assert [c.value for c in ws[2]][3:7] == ["令和6年度", None, "令和7年度", None]
    assert [c.value for c in ws[3]][3:7] == ["予算額", "執行額", "予算額", "執行額"]
    first = [c for c in ws[4]]
    assert [c.value for c in first[3:7]] == [13.6, 12.9, 4.7, None]
    assert [c.data_type for c in first[3:6]] == ["n", "n", "n"]
    assert first[3].number_format == "#,##0.0##;△#,##0.0##"
    assert (first[7].value, first[8].value) == ("④、⑤", "020280")
    last = [c.value for c in ws[7]]
    assert last[:2] == ["(36)", "=SUM(A1)"]
    assert ws.cell(7, 2).data_type == "s"  # a name that looks like a formula stays text
    assert last[10] == "注1\n注2"
    result = import_xlsx(render_report_xlsx(report), name="means.xlsx")
    assert result.findings == []
    assert result.report == report
    by_hand = import_xlsx(without_json(render_report_xlsx(report)), name="by-hand.xlsx").report
    assert [(y.fiscal_year, y.budget.value, y.executed.value) for y in by_hand.means[0].years] == [
        (2024, Decimal("13.6"), Decimal("12.9")),
        (2025, Decimal("4.7"), None),
    ]
    assert by_hand.means[0].indicators == ["④", "⑤"]
    assert (by_hand.means[3].name, by_hand.means[3].notes) == ("=SUM(A1)", ["注1", "注2"])


def test_an_evaluation_without_means_has_no_means_sheet(sample_result: ImportResult) -> None:
    names = load(render_report_xlsx(sample_result.report)).sheetnames
    assert "達成手段" not in names
    assert "基準値・目標値" in names  # its indicators state 中期目標


# --- the template filled by hand: bad cells are findings, never lost -------------------------------


def test_bad_cells_of_the_template_are_findings(draft: EvaluationReport) -> None:
    book = load(without_json(render_report_xlsx(draft)))
    plan = book["基準値・目標値"]
    plan["G6"] = "約26"  # 1-3's 基準値
    plan["H7"] = "昨年度"  # 1-4's 基準年度
    plan["B20"] = "9-9"
    plan["C20"] = "ない指標"
    book["評価書"]["B12"] = "報告書"  # 文書の種類
    out = io.BytesIO()
    book.save(out)
    result = import_xlsx(out.getvalue(), name="edited.xlsx")
    assert [(f.code, f.context, f.input, f.location) for f in result.findings] == [
        ("H901", {"sheet": "評価書", "row": 12, "cell": "B12"}, "文書の種類\t報告書\t", ""),
        (
            "H905",
            {"sheet": "基準値・目標値", "cell": "G6"},
            "約26",
            "/areas/0/indicators/2/baseline",
        ),
        ("H901", {"sheet": "基準値・目標値", "row": 7, "cell": "H7"}, "昨年度", ""),
        ("H901", {"sheet": "基準値・目標値", "row": 20}, "\t9-9\tない指標", ""),
    ]
    report = result.report
    assert report.kind is DocumentKind.EVALUATION  # the unreadable kind is not guessed
    assert report.indicator("1-3").baseline[0].value.raw == "約26"
    assert report.indicator("1-4").baseline_year is None
