"""厚生労働省 事前分析表 (令和7年度) and 消費者庁 事前分析表 (平成23・25年度) read through detection,
with the values read by hand from samples/real/mhlw-r7-jizen-*.txt and caa-h2x-jizen-1.txt (see their
.expected.toml)."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest

from hyoka.core import DocumentKind
from hyoka.importers import import_bytes
from hyoka.importers.result import ImportResult
from hyoka.renderers.html import render_report_html
from hyoka.renderers.pdf import render_report_pdf

REAL = Path(__file__).resolve().parents[3] / "samples" / "real"
SAMPLE = Path(__file__).resolve().parents[3] / "samples" / "mofa-r2-I-2-hokubei.txt"


def _import(name: str) -> ImportResult:
    path = REAL / name
    return import_bytes(path.read_bytes(), name=str(path))


def _absent(result: ImportResult, location: str) -> bool:
    return any(f.code == "H906" and f.location == location for f in result.findings)


def _h906(result: ImportResult) -> list[tuple[str, str]]:
    return [(f.location, f.message) for f in result.findings if f.code == "H906"]


def _no_label(part: str) -> str:
    return f"この文書には「{part}」の欄(見出し)がありません。空欄のままです。"


def _no_text(part: str, line: int) -> str:
    return (
        f"「{part}」の欄({line}行目)はありますが、その記載を行の順序から読み取れません"
        "(欄が空か、記載が別の位置にあります)。空欄のままです。"
    )


def _kept(result: ImportResult, code: str, text: str) -> bool:
    return any(f.code == code and f.input is not None and text in f.input for f in result.findings)


def test_mhlw_r7_jizen_I_5_2() -> None:
    result = _import("mhlw-r7-jizen-I-5-2.txt")
    report = result.report
    assert result.layout == "pre-analysis"
    assert report.kind is DocumentKind.PRE_ANALYSIS
    assert report.ministry == "厚生労働省"
    assert report.report_code == "厚生労働省7(I-5-2)"
    assert report.measure_number == "I-5-2"
    assert report.title == "感染症による健康危機発生時に迅速かつ適切に対処する体制を整備すること"
    assert report.evaluation_year == 2025
    assert report.bureau == "健康・生活衛生局感染症対策部感染症対策課、大臣官房厚生科学課"
    assert report.responsible == "感染症対策課長荒木裕人、厚生科学課長眞鍋肇"
    assert [p.text for p in report.outline] == [
        "本施策は、次の項目を柱に実施している。",
        "・厚生労働省における感染症による健康危機発生時における、迅速かつ適切に対処する健康危機管理体制の整備",
    ]
    assert report.objectives == [] and report.target_rationale == [] and report.planned_evaluation is None
    assert report.indicators() == []
    assert len(report.means) == 1
    means = report.means[0]
    assert means.number == "(1)"
    assert means.name == "健康危機管理体制の整備"
    assert means.started == "平成10年度"
    assert means.indicators == ["1"]
    assert means.review_number == "002353"
    assert means.years == []
    assert len(means.outline) == 1
    assert means.outline[0].text.startswith("医薬品、食中毒、感染症、飲料水等により生じる")
    assert means.outline[0].text.endswith("省内における健康危機管理に対する体制整備に資する。")
    # Page 1 is cut in 施策を取り巻く現状: no label of 達成すべき目標, 目標設定の考え方・根拠, 測定指標…
    assert _h906(result) == [
        ("/objectives", _no_label("達成すべき目標")),
        ("/target_rationale", _no_label("目標設定の考え方・根拠")),
        ("/areas/0/indicators", _no_label("測定指標")),
        ("/planned_evaluation", _no_label("政策評価実施予定時期")),
    ]
    english = {f.location: f.message_en for f in result.findings if f.code == "H906"}
    assert english["/objectives"] == (
        'The document has no "達成すべき目標" (its label is not in the text). It is left empty.'
    )
    # What is not placed is kept: the policy hierarchy, the 根拠法令 cut by the page, the next 達成手段.
    assert _kept(result, "H901", "基本目標I:安心・信頼してかかれる医療の確保")
    assert _kept(result, "H901", "○根拠法令等")
    assert _kept(result, "H901", "・ 感染症に関する情報を全国規模で迅速に収集し")
    assert _kept(result, "H902", "-")


def test_mhlw_r7_jizen_I_5_1() -> None:
    result = _import("mhlw-r7-jizen-I-5-1.txt")
    report = result.report
    assert result.layout == "pre-analysis"
    assert report.kind is DocumentKind.PRE_ANALYSIS
    # Page 1 is not in the file: the ministry is the layout's, the year the 当年度予算額 column's.
    assert report.ministry == "厚生労働省" and _absent(result, "/ministry")
    assert report.evaluation_year == 2025 and _absent(result, "/evaluation_year")
    assert report.measure_number == "" and _absent(result, "/measure_number")
    assert report.title == "" and _absent(result, "/title")
    assert report.bureau is None and report.responsible is None and report.outline == []
    assert report.objectives == [] and report.target_rationale == [] and report.planned_evaluation is None
    assert [location for location, _ in _h906(result)] == [
        "/evaluation_year",
        "/ministry",
        "/measure_number",
        "/title",
        "/bureau",
        "/responsible",
        "/outline",
        "/objectives",
        "/target_rationale",
        "/planned_evaluation",
    ]
    assert dict(_h906(result))["/outline"] == _no_label("施策の概要")
    indicators = report.indicators()
    assert [(i.id, i.name, i.is_main, i.data_source, i.notes) for i in indicators] == [
        ("④", "予防接種の接種率(麻しん)", True, "予防接種課調べ", ["達成目標2", "アウトプット"]),
        ("⑤", "予防接種の接種率(風しん)", True, "予防接種課調べ", ["達成目標2", "アウトプット"]),
    ]
    for indicator in indicators:  # 94.5% / 94.8% / 平成19年度 ×2: which cell is whose is not decided
        assert indicator.baseline == [] and indicator.baseline_year is None
        assert indicator.mid_term_target is None and indicator.years == []
    assert _kept(result, "H902", "94.5%\n94.8%")
    assert [(m.number, m.name, m.started, m.review_number) for m in report.means] == [
        ("(33)", "国立健康危機管理研究機構運営費交付金", "令和7年度", "020280"),
        ("(34)", "国立健康危機管理研究機構施設周辺安全対策等事業費補助金", "令和7年度", None),
        ("(35)", "予防接種事故救済給付費", "昭和46年度", None),
    ]
    assert [p.text for p in report.means[0].outline] == [
        "世界の感染症対策を牽引する「感染症総合サイエンスセンター」を目指すとともに、これらを担う専門人材の育成等を行う。"
    ]
    assert report.means[1].outline[0].text.startswith("感染症の予防及び感染症の患者に対する医療に関する法律")
    assert all(m.years == [] and m.indicators == [] for m in report.means)
    assert report.means_unit == "億円"
    # Amounts, and numbers not next to their names, are kept in findings, never assigned.
    for text in ("4.8億円\n4.8億円", "12.6億円", "13.6億円", "4.7億円", "(18)", "(2)\n(3)", "①"):
        assert _kept(result, "H902", text), text
    for text in ("結核研究所補助", "感染症危機管理費", "人口1,000人あたりの一日抗菌薬使", "関連002964"):
        assert _kept(result, "H901", text), text


def test_sample_and_its_chousho_keep_their_layouts() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    assert import_bytes(text.encode(), name="sample").layout == "mofa-2020"
    head = "\n".join(text.splitlines()[:27])
    assert import_bytes(head.encode(), name="chousho").layout == "budget-sheet"


def test_year_missing_everywhere_is_refused() -> None:
    from hyoka.importers.errors import NotAReportError

    text = "資料2ー1事前分析表(案)(施策目標I-5-1)\n達成手段1\n(1)\n健康危機管理体制の整備\n(平成10年度)\n"
    with pytest.raises(NotAReportError):
        import_bytes(text.encode(), name="no-year")


# A constructed page, not a published one: the header of mhlw-r7-jizen-I-5-2.txt followed by the parts its
# excerpt does not reach, one cell a line in the order of the standard 様式 as hyoka lays out its own
# 事前分析表 (renderers/templates/_pre_analysis.html: 施策名 | 担当部局名, 施策の概要 | 作成責任者名,
# 達成すべき目標 | 政策評価実施予定時期, 目標設定の考え方・根拠). The texts of those parts are made up.
_STANDARD = """令和7年度実施施策に係る政策評価の事前分析表
(厚生労働省7(Ⅰ-5-2))
施策名
感染症による健康危機発生時に迅速かつ適切に対処する体制を整備すること(施策目標Ⅰ-5-2)
担当部局名
健康・生活衛生局感染症対策部感染
症対策課
施策の概要
本施策は、次の項目を柱に実施している。
・健康危機管理体制の整備
作成責任者名
感染症対策課長 荒木 裕人、厚生科学課長 眞鍋 肇
達成すべき目標
感染症による健康危機発生時に迅速かつ適切に対処する体制を整備する。
政策評価実施予定時期
令和9年8月
目標設定の考え方・根拠
「厚生労働省健康危機管理基本指針」に基づき、
省内の体制を整備する。
・国際会議を通じて各国と連携する。
達成手段1
(1)
健康危機管理体制の整備
(平成10年度)
"""


def test_parts_after_their_labels_are_read() -> None:
    result = import_bytes(_STANDARD.encode(), name="standard")
    report = result.report
    assert result.layout == "pre-analysis"
    assert report.bureau == "健康・生活衛生局感染症対策部感染症対策課"
    assert report.responsible == "感染症対策課長荒木裕人、厚生科学課長眞鍋肇"
    assert [p.text for p in report.outline] == [
        "本施策は、次の項目を柱に実施している。",
        "・健康危機管理体制の整備",
    ]
    assert [(o.number, o.text, o.children) for o in report.objectives] == [
        (None, "感染症による健康危機発生時に迅速かつ適切に対処する体制を整備する。", [])
    ]
    assert [p.text for p in report.target_rationale] == [
        "「厚生労働省健康危機管理基本指針」に基づき、省内の体制を整備する。",
        "・国際会議を通じて各国と連携する。",
    ]
    assert report.planned_evaluation == "令和9年8月"
    assert [(m.number, m.name, m.started) for m in report.means] == [
        ("(1)", "健康危機管理体制の整備", "平成10年度")
    ]
    # Only the 測定指標 is absent; every line is placed.
    assert _h906(result) == [("/areas/0/indicators", _no_label("測定指標"))]
    assert [f.code for f in result.findings if f.code in {"H901", "H902"}] == []


def test_a_cell_joined_to_its_label_is_read() -> None:
    """Spaces are removed between Japanese words, so a label and its one-line cell become one line."""
    text = _STANDARD.replace(
        "担当部局名\n健康・生活衛生局感染症対策部感染\n症対策課", "担当部局名 大臣官房厚生科学課"
    )
    text = text.replace("作成責任者名\n", "作成責任者名 ").replace("施策の概要\n", "施策の概要 ")
    text = text.replace("達成すべき目標\n", "達成すべき目標 ").replace(
        "政策評価実施予定時期\n", "政策評価実施予定時期 "
    )
    result = import_bytes(text.encode(), name="joined")
    report = result.report
    assert report.bureau == "大臣官房厚生科学課"
    assert report.responsible == "感染症対策課長荒木裕人、厚生科学課長眞鍋肇"
    assert [p.text for p in report.outline] == [
        "本施策は、次の項目を柱に実施している。",
        "・健康危機管理体制の整備",
    ]
    assert [o.text for o in report.objectives] == [
        "感染症による健康危機発生時に迅速かつ適切に対処する体制を整備する。"
    ]
    assert report.planned_evaluation == "令和9年8月"
    assert _h906(result) == [("/areas/0/indicators", _no_label("測定指標"))]
    assert [f.code for f in result.findings if f.code in {"H901", "H902"}] == []


def test_a_label_with_no_text_after_it_is_said_so() -> None:
    """The label is there but the next line is another label (or no date follows 予定時期): H906 names the
    label's line; what follows stays for the other parts, an unread line is kept (H901)."""
    text = _STANDARD.replace("本施策は、次の項目を柱に実施している。\n・健康危機管理体制の整備\n", "")
    text = text.replace("感染症による健康危機発生時に迅速かつ適切に対処する体制を整備する。\n", "")
    text = text.replace("令和9年8月", "未定")
    result = import_bytes(text.encode(), name="empty cells")
    report = result.report
    assert report.outline == [] and report.objectives == [] and report.planned_evaluation is None
    assert report.responsible == "感染症対策課長荒木裕人、厚生科学課長眞鍋肇"
    assert [p.text for p in report.target_rationale] == [
        "「厚生労働省健康危機管理基本指針」に基づき、省内の体制を整備する。",
        "・国際会議を通じて各国と連携する。",
    ]
    assert _h906(result) == [
        ("/outline", _no_text("施策の概要", 8)),
        ("/objectives", _no_text("達成すべき目標", 11)),
        ("/areas/0/indicators", _no_label("測定指標")),
        ("/planned_evaluation", _no_text("政策評価実施予定時期", 12)),
    ]
    assert [(f.code, f.input) for f in result.findings if f.code in {"H901", "H902"}] == [("H901", "未定")]


# 消費者庁's 事前分析表 of 平成23年度 and 平成25年度 (samples/real/caa-h2x-jizen-1.txt, values read by
# hand in their .expected.toml): the standard 様式's header with its labels, stacked before their cells,
# split over two lines (「政策評価」「実施予定時期」), or the whole sheet flattened to one line.
_POSITION = "(政策分野)消費者政策(政策)消費者政策の推進"


def _h901(result: ImportResult) -> list[tuple[int, int, str]]:
    return [
        (f.lines.first, f.lines.last, f.input or "")
        for f in result.findings
        if f.code == "H901" and f.lines is not None
    ]


def test_caa_h23_jizen_1() -> None:
    result = _import("caa-h23-jizen-1.txt")
    report = result.report
    assert result.layout == "pre-analysis"
    assert report.kind is DocumentKind.PRE_ANALYSIS
    assert (report.ministry, report.report_code, report.measure_number) == ("消費者庁", "消費者庁23-(1)", "1")
    assert report.evaluation_year == 2011
    assert report.title == "消費者政策の調整"
    assert report.bureau == "消費者政策課"  # not the 政策体系上の位置付け printed before it
    assert report.responsible == "消費者政策課長黒田岳士"
    assert report.planned_evaluation == "平成24年8月"  # label split: 政策評価 / 実施予定時期
    assert report.outline == [] and report.objectives == [] and report.target_rationale == []
    assert report.indicators() == [] and report.means == []
    # The two texts after the date are 施策の概要's and 達成すべき目標's, in an order that does not say which.
    assert _h906(result) == [
        ("/outline", _no_text("施策の概要", 69)),
        ("/objectives", _no_text("達成すべき目標", 70)),
        ("/target_rationale", _no_label("目標設定の考え方・根拠")),
        ("/areas/0/indicators", _no_label("測定指標")),
        ("/means", _no_label("達成手段")),
    ]
    unplaced = _h901(result)
    assert [(first, last) for first, last, _ in unplaced] == [(1, 1), (5, 64), (68, 68), (72, 72), (79, 80)]
    assert unplaced[2][2] == "政策体系上の位置付け" and unplaced[3][2] == _POSITION
    assert unplaced[4][2].startswith("消費者政策担当課長会議などの既存の枠組みの活用や、")
    assert unplaced[4][2].endswith("消費者の利益の擁護及び増進の観点から、関係行政機関の")
    assert [f.code for f in result.findings if f.code not in {"H901", "H906"}] == []


def test_caa_h25_jizen_1() -> None:
    result = _import("caa-h25-jizen-1.txt")
    report = result.report
    assert result.layout == "pre-analysis"
    assert report.kind is DocumentKind.PRE_ANALYSIS
    assert (report.ministry, report.report_code, report.measure_number) == ("消費者庁", "消費者庁25−(1)", "1")
    assert report.evaluation_year == 2013
    assert report.title == "消費者政策の企画、立案、推進及び調整"  # after the label 政策体系上の位置付け
    assert report.bureau == "消費者政策課"
    assert report.responsible == "消費者政策課長浅田英克"
    assert report.planned_evaluation == "平成26年8月"
    assert [p.text for p in report.outline] == [
        "消費者が安心して安全で豊かな消費生活を営むことができる社会の実現に資するため、消費者政策の計画的な推進を"
        "図るための5ヵ年計画である「消費者基本計画」の検証・評価及び見直しを行うなど、消費者の利益の擁護及び増進に"
        "関する基本的な政策並びに消費者の利益の擁護及び増進を図る上で必要な環境の整備に関する基本的な政策の企画・"
        "立案・推進等を行う。",
        "消費者政策の推進等について密接な連絡、情報交換、協議等を行うため、関係省庁による連絡会議を機動的に開催する"
        "など、消費者の利益の擁護及び増進の観点から",
    ]
    assert report.objectives == [] and report.target_rationale == []
    assert report.indicators() == [] and report.means == []
    assert _h906(result) == [
        ("/objectives", _no_label("達成すべき目標")),
        ("/target_rationale", _no_label("目標設定の考え方・根拠")),
        ("/areas/0/indicators", _no_label("測定指標")),
        ("/means", _no_label("達成手段")),
    ]
    # The one line is read in pieces; what no part holds is kept, piece by piece.
    unplaced = _h901(result)
    assert [(first, last) for first, last, _ in unplaced] == [(5, 5), (5, 5), (5, 5), (1, 4)]
    assert unplaced[0][2].startswith("平成25年度消費者庁政策評価事前分析表政策名:消費者政策の推進施策名:(1)")
    assert unplaced[0][2].endswith("(ページ数) 1 6 10 11 14 15 19 23 24 26")
    assert [text for _, _, text in unplaced[1:3]] == ["政策体系上の位置付け", _POSITION]
    assert unplaced[3][2] == "Comments\nDescription\nTranscript\n平成25年度消費者庁政策評価事前分析表"
    assert [f.code for f in result.findings if f.code not in {"H901", "H906"}] == []


@pytest.mark.parametrize(
    ("name", "values"),
    [
        (
            "caa-h23-jizen-1.txt",
            ["消費者政策の調整", "消費者政策課", "消費者政策課長黒田岳士", "平成24年8月"],
        ),
        (
            "caa-h25-jizen-1.txt",
            ["消費者政策の企画、立案、推進及び調整", "消費者政策課長浅田英克", "平成26年8月", "5ヵ年計画"],
        ),
    ],
)
def test_caa_jizen_renders_as_a_pre_analysis(name: str, values: list[str]) -> None:
    """The 事前分析表's own layout in HTML, and the hand-read values in the PDF read back."""
    report = _import(name).report
    html = render_report_html(report)
    assert "<th>担当部局名</th>" in html and "<th>政策評価実施予定時期</th>" in html
    assert "政策評価書</h1>" not in html
    with pdfplumber.open(io.BytesIO(render_report_pdf(report))) as document:
        text = "".join(page.extract_text() or "" for page in document.pages)
    flat = text.replace(" ", "").replace("\n", "")
    for value in [f"{report.evaluation_year - 1988}年度実施施策に係る政策評価の事前分析表", *values]:
        assert value in flat, value
