"""国土交通省's 政策チェックアップ 施策目標個票 (layout mlit-checkup): samples/real/mlit-h22-checkup-22-3.txt
and samples/real/mlit-r1-checkup-barrierfree.txt, both flattened to one line by PDF extraction, values
read by hand from the text. Nothing the text does not decide is placed: 「約70%」, 「77%(暫定値)」 and
「集計中」 are no numbers (H905, the cell empty with its text kept), the banner 「90 9% 88 3% …」 belongs to
no indicator and keeps its text in an H902."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

from hyoka.core import Cell, CellStatus, DocumentKind, Indicator, IndicatorKind, Issue
from hyoka.importers import import_bytes, import_text
from hyoka.importers.result import ImportResult
from hyoka.services import check_file

REAL = Path(__file__).resolve().parents[3] / "samples" / "real"
H22 = REAL / "mlit-h22-checkup-22-3.txt"
R1 = REAL / "mlit-r1-checkup-barrierfree.txt"
SAMPLE = REAL.parent / "mofa-r2-I-2-hokubei.txt"

Value = Decimal | str | None
"""A cell as the tests write it: its number, 「-」 for nothing to report, or (empty) its text as written."""


def _import(path: Path) -> ImportResult:
    return import_bytes(path.read_bytes(), name=path.name)


def _cell(cell: Cell) -> Value:
    if cell.status is CellStatus.VALUE:
        return cell.value
    if cell.status is CellStatus.NOTHING_TO_REPORT:
        return "-"
    return f"empty:{cell.raw}"


def _row(indicator: Indicator) -> tuple[object, ...]:
    """(初期値, 初期値の年度, actuals by year, 評価, 目標値 as written, its year, its value)."""
    target = indicator.mid_term_target
    assert target is not None
    assert indicator.recorded_grade is not None
    return (
        _cell(indicator.baseline[0].value),
        indicator.baseline_year,
        {year.fiscal_year: _cell(year.actuals[0].value) for year in indicator.years},
        indicator.recorded_grade.letter,
        target.text,
        target.target_year,
        _cell(target.values[0].value),
    )


def _codes(findings: list[Issue]) -> dict[str, int]:
    return dict(sorted(Counter(f.code for f in findings).items()))


def _inputs(result: ImportResult, code: str) -> list[str | None]:
    return [f.input for f in result.findings if f.code == code]


def D(text: str) -> Decimal:
    return Decimal(text)


# --- 平成22年度 (国土交通省22-③) -----------------------------------------------------------------------


def test_h22_sheet_with_its_labels_before_the_values() -> None:
    result = _import(H22)
    report = result.report
    assert result.layout == "mlit-checkup"
    assert report.kind is DocumentKind.EVALUATION
    assert (report.ministry, report.report_code, report.measure_number, report.title) == (
        "国土交通省",
        "国土交通省 22-③",
        "③",
        "総合的なバリアフリー化を推進する",
    )
    # the check-up is named by the year of the 実績値 it measures (the code's 22, the last column 22年度)
    # and made the year after: the evaluation year is 平成23年度, as 外務省1-I-2 is in the 令和2年度 評価書
    assert report.evaluation_year == 2011
    assert [o.text for o in report.objectives] == [
        "高齢者、障害者を含むすべての人々が安心して生活することができるよう、一体的・総合的なバリアフリー化等を推進する。"
    ]
    # 「おおむね順調である」 is 国土交通省's own scale: never mapped to the shared five tiers
    assert report.judgment.tier is None
    assert [(j.legend, j.label, j.letter) for j in report.other_judgments] == [
        ("国土交通省 施策目標の評価", "おおむね順調である", None)
    ]
    rationale = report.other_judgments[0].rationale or ""
    assert rationale.startswith("バリアフリー化については、旅客施設、建築物等の整備に対する補助等の支援、")
    assert rationale.endswith("基本構想作成の更なる促進等により、バリアフリー化を推進する。")
    assert report.budget.years == []

    assert [(a.number, a.title) for a in report.areas] == [
        (1, "主要な駅などを中心に連続したバリアフリー化を行う重点整備地区の総面積"),
        (2, "公共施設等のバリアフリー化率"),
    ]
    # the sheet writes no 業績指標 numbers: the ids are the tables' order, said in an H906
    indicators = report.indicators()
    assert [(i.id, i.name, i.is_main, i.kind) for i in indicators] == [
        (
            "業績指標1",
            "主要な駅などを中心に連続したバリアフリー化を行う重点整備地区の総面積",
            False,
            IndicatorKind.QUANTITATIVE,
        ),
        ("業績指標2①", "特定道路におけるバリアフリー化率", False, IndicatorKind.QUANTITATIVE),
    ]
    area, road = indicators
    assert _row(area) == (
        D("50997"),
        2007,
        {2006: D("48663"), 2007: D("50997"), 2008: D("55412"), 2009: D("64105"), 2010: D("65111")},
        "A-2",
        "約70,000ha",
        2012,
        "empty:約70,000ha",
    )
    assert area.baseline[0].value.unit == "ha"
    assert area.mid_term_target is not None and area.mid_term_target.target_year_text == "24年度"
    # 年度ごとの目標値 「- - - - -」: nothing to report in each 実績値 year
    assert [[_cell(t.value) for t in year.targets] for year in area.years] == [["-"]] * 5
    # the 目標値's year inside its cell 「約75%(24年度)」; 「77%(暫定値)」 is not a number
    assert _row(road) == (
        D("51"),
        2007,
        {2006: "-", 2007: D("51"), 2008: D("60"), 2009: D("68"), 2010: "empty:77%(暫定値)"},
        "A-2",
        "約75%(24年度)",
        2012,
        "empty:約75%",
    )
    assert all(year.targets == [] for year in road.years)

    assert _codes(result.findings) == {"H901": 2, "H902": 1, "H905": 3, "H906": 3}
    assert _inputs(result, "H905") == ["約70,000ha", "77%(暫定値)", "約75%"]
    # decimal points lost in the banner of the page before: never read as 90.9, kept as written
    banner = next(f for f in result.findings if f.code == "H902")
    assert banner.input == "90 9% 88 3% 90 9% 92 9% 94 7%集計中100%(22年度)"
    assert banner.context["cells"][:3] == ["90", "9%", "88"]
    assert sorted(i or "" for i in _inputs(result, "H901")) == ["Top Banner", "②"]
    assert [f.location for f in result.findings if f.code == "H906"] == [
        "/areas",
        "/evaluation_year",
        "/judgment",
    ]
    said = next(f for f in result.findings if f.location == "/evaluation_year")
    assert (said.message, said.message_en) == (
        "評価を行う年度の記載がありません。番号「(国土交通省22-③)」の年度(実績値の年度)"
        "平成22年度 (2010年度)の翌年度の平成23年度 (2011年度)と読みました。",
        "The year the evaluation is made in is not stated. Read as 平成23年度 (2011年度), the year after "
        "平成22年度 (2010年度), the year of the code 「(国土交通省22-③)」 (the year of the 実績値).",
    )


def test_h22_check_runs_with_the_default_profile() -> None:
    outcome = check_file(H22)
    assert outcome.profile == "mofa-2020"
    assert _codes(outcome.findings) == {"H101": 3, "H303": 2, "H901": 2, "H902": 1, "H905": 3, "H906": 3}


# --- the check-up published in 令和元年 (業績指標15, 16) ------------------------------------------------

R1_INDICATORS = [
    ("15①", "特定道路におけるバリアフリー化率", True),
    (
        "15②",
        "全ての一定の旅客施設の1日当たり平均利用者数に占める段差解消された一定の旅客施設の1日当たり平均利用者数の割合",
        True,
    ),
    ("15③", "ホームドアの整備駅数", False),
    ("15④", "不特定多数の者等が利用する一定の建築物のバリアフリー化率", False),
    ("15⑤(i)", "都市公園における園路及び広場のバリアフリー化率", True),
    ("15⑤(ii)", "都市公園における駐車場のバリアフリー化率", False),
    ("15⑤(iii)", "都市公園における便所のバリアフリー化率", False),
    ("15⑥", "特定路外駐車場のバリアフリー化率", True),
    ("16①", "鉄軌道車両のバリアフリー化率", True),
    ("16②", "乗合バス車両(適用除外認定車両を除く。)におけるノンステップバスの導入率", True),
    ("16③", "適用除外認定を受けた乗合バス車両におけるリフト付きバス又はスロープ付きバスの導入率", True),
]

TALLY = "empty:集計中"


def _years(*values: Value) -> dict[int, Value]:
    """The 実績値 of 平成26–30年度 (2014–2018)."""
    return dict(zip(range(2014, 2019), values, strict=True))


R1_ROWS: dict[str, tuple[object, ...]] = {
    "15①": (D("83"), 2013, _years(D("85"), D("86"), D("88"), D("89"), D("89")), "B", "100%", 2020, D("100")),
    "15②": (
        "empty:約91%",
        2013,
        _years("empty:約91%", "empty:約92%", "empty:約93%", "empty:約95%", TALLY),
        "B",
        "100%",
        2020,
        D("100"),
    ),
    "15③": (
        D("583"),
        2013,
        _years(D("615"), D("665"), D("686"), D("725"), D("783")),
        "A",
        "800駅",
        2020,
        D("800"),
    ),
    "15④": (
        "empty:約54%",
        2013,
        _years(D("55"), D("56"), D("58"), D("59"), TALLY),
        "A",
        "約60%",
        2020,
        "empty:約60%",
    ),
    "15⑤(i)": (
        D("49"),
        2013,
        _years(D("49"), D("49"), D("51"), "empty:約51%", TALLY),
        "B",
        "60%",
        2020,
        D("60"),
    ),
    "15⑤(ii)": (
        D("44"),
        2013,
        _years(D("45"), D("46"), D("47"), "empty:約48%", TALLY),
        "B",
        "60%",
        2020,
        D("60"),
    ),
    "15⑤(iii)": (
        D("34"),
        2013,
        _years(D("34"), D("35"), D("35"), "empty:約35%", TALLY),
        "B",
        "45%",
        2020,
        D("45"),
    ),
    "15⑥": (
        D("53.5"),
        2013,
        _years(D("56.1"), D("57.8"), D("60.5"), D("62.7"), TALLY),
        "A",
        "約70%",
        2020,
        "empty:約70%",
    ),
    "16①": (
        D("60"),
        2013,
        _years(D("62"), D("65.2"), D("67.7"), D("71.2"), TALLY),
        "A",
        "約70%",
        2020,
        "empty:約70%",
    ),
    "16②": (
        D("43.9"),
        2013,
        _years(D("47"), D("50.1"), D("53.3"), D("56.4"), TALLY),
        "A",
        "約70%",
        2020,
        "empty:約70%",
    ),
    "16③": (
        D("3.9"),
        2013,
        _years(D("5.7"), D("5.9"), D("5.8"), D("5.9"), TALLY),
        "B",
        "約25%",
        2020,
        "empty:約25%",
    ),
}


def test_r1_sheet_with_all_values_before_the_labels() -> None:
    result = _import(R1)
    report = result.report
    assert result.layout == "mlit-checkup"
    assert report.kind is DocumentKind.EVALUATION
    # the excerpt has no code line and no 施策目標: the ministry is the layout's, said in an H906
    assert (report.ministry, report.report_code, report.measure_number, report.title) == (
        "国土交通省",
        None,
        "",
        "",
    )
    # no year but the tables': the last 実績値 year H30年度 names the check-up, made the year after (H906)
    assert report.evaluation_year == 2019
    assert report.judgment.tier is None and report.other_judgments == []
    assert report.objectives == []

    assert [(a.number, a.title) for a in report.areas] == [
        (15, "公共施設等のバリアフリー化率等"),
        (16, "車両等のバリアフリー化率"),
    ]
    indicators = report.indicators()
    assert [(i.id, i.name, i.is_main) for i in indicators] == R1_INDICATORS
    assert {i.id: _row(i) for i in indicators} == R1_ROWS
    assert all(i.kind is IndicatorKind.QUANTITATIVE for i in indicators)
    assert all(year.targets == [] for i in indicators for year in i.years)
    units = {i.id: i.baseline[0].value.unit for i in indicators if i.baseline[0].value.is_value}
    assert units["15③"] == "駅" and units["15①"] == "%"
    assert report.indicator("15③").mid_term_target is not None
    assert report.indicator("15③").mid_term_target.target_year_text == "R2年度"  # type: ignore[union-attr]

    assert _codes(result.findings) == {"H901": 5, "H902": 1, "H905": 23, "H906": 5}
    assert sorted(f.location for f in result.findings if f.code == "H906") == [
        "/evaluation_year",
        "/judgment",
        "/measure_number",
        "/ministry",
        "/title",
    ]
    # the 年度ごとの目標値 row after table 15's rows: its indicator is not in the text
    assert _inputs(result, "H902") == ["- - - - -"]
    assert Counter(_inputs(result, "H905")) == Counter(
        {"集計中": 9, "約91%": 2, "約92%": 1, "約93%": 1, "約95%": 1, "約54%": 1, "約60%": 1, "約51%": 1}
        | {"約48%": 1, "約35%": 1, "約70%": 3, "約25%": 1}
    )
    unplaced = _inputs(result, "H901")
    assert "(④は29年度)" in unplaced  # a note of the header: 表16 has no ④ in the excerpt
    assert any(i and i.startswith("施策目標個票- mlit.go.jp") for i in unplaced)  # the mirror's title


def test_r1_check_runs_with_the_default_profile() -> None:
    outcome = check_file(R1)
    assert outcome.profile == "mofa-2020"
    assert _codes(outcome.findings) == {
        "H101": 3,
        "H303": 11,
        "H504": 4,
        "H901": 5,
        "H902": 1,
        "H905": 23,
        "H906": 5,
    }


# --- what the reader does not guess -----------------------------------------------------------------


def test_a_row_with_a_lost_decimal_point_is_not_placed() -> None:
    text = (
        "施策目標個票(国土交通省22-③)施策目標X 業績指標Y 初期値実績値評価目標値 19年度 20年度 21年度 "
        + "90 9% 88 3% A 95%"
    )
    result = import_text(text, name="t.txt", layout="mlit-checkup")
    (indicator,) = result.report.indicators()
    assert (indicator.id, indicator.name, indicator.baseline, indicator.years) == ("業績指標1", "Y", [], [])
    h902 = [f for f in result.findings if f.code == "H902"]
    assert [f.input for f in h902] == ["90 9% 88 3% A95%"]  # normalised: 「A 95」 joined


def test_items_of_a_values_first_table_are_not_matched_when_the_counts_differ() -> None:
    text = "初期値目標値 H25年度 H26年度 R2年度 1% 2% A 3% 4% 5% B 6% 15表 ①一 ②二 ③三"
    result = import_text(text, name="t.txt", layout="mlit-checkup")
    assert [(i.id, i.name, i.baseline) for i in result.report.indicators()] == [
        ("15①", "一", []),
        ("15②", "二", []),
        ("15③", "三", []),
    ]
    assert [f.context.get("items") for f in result.findings if f.code == "H902"] == [["15①", "15②", "15③"]]


# --- detection ----------------------------------------------------------------------------------------


def test_detection_leaves_the_other_forms_alone() -> None:
    assert _import(SAMPLE).layout == "mofa-2020"
    head = "".join(SAMPLE.read_text("utf-8").splitlines(keepends=True)[:27])
    assert import_bytes(head.encode(), name="chousho.txt").layout == "budget-sheet"
