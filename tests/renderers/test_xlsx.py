"""The Excel workbook of the sample: sheets, layout, numbers as numbers, the JSON sheet, safe sheet names."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from typing import Any

import openpyxl
import pytest

from hyoka.core import Cell, CellStatus, EvaluationReport
from hyoka.core.workbook import INDICATOR_COLUMNS
from hyoka.importers import ImportResult
from hyoka.renderers.xlsx import (
    JSON_CHUNK,
    _chunks,
    render_report_xlsx,
    sheet_title,
)
from hyoka.rules.engine import check_report

AMOUNT = "#,##0;△#,##0"
FORBIDDEN = set("[]:*?/\\")


def load(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.fixture(scope="module")
def report(sample_result: ImportResult) -> EvaluationReport:
    return sample_result.report


@pytest.fixture(scope="module")
def proposals(report: EvaluationReport) -> dict[str, Any]:
    return check_report(report).to_json()["proposals"]


@pytest.fixture(scope="module")
def book(report: EvaluationReport, proposals: dict[str, Any]) -> Any:
    return load(render_report_xlsx(report, proposals=proposals))


def values(ws: Any, row: int) -> list[Any]:
    return [c.value for c in ws[row]]


def assert_number(cell: Any, expected: int | float, number_format: str = AMOUNT) -> None:
    assert cell.value == expected, cell.coordinate
    assert cell.data_type == "n", cell.coordinate
    assert cell.number_format == number_format, cell.coordinate


def indicator_row(ws: Any, indicator_id: str, year: int, series: str | None = None) -> int:
    for row in range(2, ws.max_row + 1):
        if (ws.cell(row, 2).value, ws.cell(row, 7).value, ws.cell(row, 9).value) == (
            indicator_id,
            year,
            series,
        ):
            return row
    raise AssertionError((indicator_id, year, series))


# --- the workbook --------------------------------------------------------------------------------


def test_sheets_in_order(book: Any) -> None:
    assert book.sheetnames == ["調書", "予算", "指標データ", "基準値・目標値", "評価書", "JSON"]


def test_every_sheet_prints_a4_landscape(book: Any) -> None:
    for ws in book.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True, ws.title


def test_header_rows_frozen_and_columns_sized(book: Any) -> None:
    assert book["調書"].freeze_panes == "A8"
    assert book["予算"].freeze_panes == "C3"
    assert book["指標データ"].freeze_panes == "D2"
    assert book["評価書"].freeze_panes == "A2"
    assert book["調書"].column_dimensions["E"].width == 30
    assert book["指標データ"].column_dimensions["C"].width == 40
    assert book["調書"].print_title_rows == "$6:$7"


# --- 調書 -----------------------------------------------------------------------------------------


def test_sheet_header(book: Any) -> None:
    ws = book["調書"]
    assert ws["A1"].value == "政策評価調書（個別票）"
    assert (ws["A3"].value, ws["B3"].value, ws["F3"].value, ws["G3"].value) == (
        "政策名",
        "北米地域外交",
        "番号",
        "②",
    )
    assert (ws["A4"].value, ws["B4"].value) == ("評価方式", "総合・実績・事業")
    assert (ws["F4"].value, ws["G4"].value) == ("政策目標の達成度合い", "相当程度進展あり")
    assert ws["A5"].value == "(千円)"
    assert values(ws, 6) == [
        "区分",
        "予算科目",
        None,
        None,
        None,
        "他に記載のある個別票の番号",
        "予算額",
        None,
        None,
        None,
    ]
    assert values(ws, 7)[1:9] == [
        "会計",
        "組織／勘定",
        "項",
        "事項",
        None,
        "令和2年度当初予算額",
        None,
        "令和3年度概算要求額",
    ]
    assert "B6:E6" in {str(r) for r in ws.merged_cells.ranges}


def test_sheet_items_subtotals_and_totals(book: Any) -> None:
    ws = book["調書"]
    assert values(ws, 8)[:6] == [
        "政策評価の対象となっているもの",
        "一般",
        "外務本省",
        "地域別外交費",
        "北米地域外交に必要な経費",
        None,
    ]
    assert_number(ws["G8"], 274346)
    assert_number(ws["I8"], 230045)
    assert values(ws, 9)[1:3] == ["一般", "在外公館"]
    assert_number(ws["G9"], 377359)
    assert_number(ws["I9"], 342153)
    assert (ws["B10"].value, ws["F10"].value) == ("小計", "一般会計")
    assert_number(ws["G10"], 651705)
    assert_number(ws["I10"], 572198)
    assert values(ws, 11) == [None] * 7 + ["の内数", None, "の内数"]
    assert (ws["F12"].value, ws["G12"].value, ws["I12"].value) == ("特別会計", None, None)
    assert ws["A14"].value == "政策評価の対象となっていないが、ある政策に属すると整理できるもの"
    assert (ws["B15"].value, ws["F15"].value, ws["G15"].value) == ("小計", "一般会計", None)
    assert (ws["A19"].value, ws["F19"].value) == ("合計", "一般会計")
    assert_number(ws["G19"], 651705)
    assert_number(ws["I19"], 572198)
    assert (ws["F21"].value, ws["H22"].value, ws["J22"].value) == ("特別会計", "の内数", "の内数")
    assert ws.max_row == 22


def test_inclusive_amounts_are_numbers_shown_as_inclusive(report: EvaluationReport) -> None:
    changed = report.model_copy(deep=True)
    assert changed.budget_sheet is not None
    changed.budget_sheet.totals[1].current_initial_inclusive = Cell.of(1234, "千円")
    changed.budget_sheet.sections[0].items[0].next_request_inclusive = Cell.of(99, "千円")
    ws = load(render_report_xlsx(changed))["調書"]
    # an item with an の内数 amount gets its own の内数 row below it, so the rows below move by one
    assert_number(ws["G23"], 1234, '"<"#,##0">";"<△"#,##0">"')
    assert (ws["F22"].value, ws["H23"].value) == ("特別会計", "の内数")
    assert (ws["B9"].value, ws["I9"].value, ws["J9"].value) == (None, 99, "の内数")
    assert ws["B10"].value == "一般"


def test_japanese_font(book: Any) -> None:
    assert book["調書"]["G8"].font.name == "ＭＳ Ｐゴシック"
    assert book["指標データ"]["C2"].font.name == "ＭＳ Ｐゴシック"


# --- 予算 -----------------------------------------------------------------------------------------


def test_budget_sheet(book: Any) -> None:
    ws = book["予算"]
    assert ws["A1"].value == "施策の予算額・執行額等"
    assert values(ws, 2) == ["区分", None, "平成29年度", "平成30年度", "令和元年度", "令和2年度"]
    assert [ws.cell(r, 2).value for r in range(3, 8)] == [
        "当初予算(a)",
        "補正予算(b)",
        "繰越し等(c)",
        "合計(a+b+c)",
        None,
    ]
    assert (ws["A3"].value, ws["A7"].value) == ("予算の状況(百万円)", "執行額(百万円)")
    for coordinate, expected in {
        "C3": 370,
        "D3": 678,
        "E3": 685,
        "F3": 652,
        "E5": -14,
        "E6": 671,
        "E7": 532,
    }.items():
        assert_number(ws[coordinate], expected)
    assert_number(ws["C4"], 0)
    # FY2020 has only its initial budget: the other cells are empty, not zero
    assert [ws.cell(r, 6).value for r in range(4, 8)] == [None, None, None, None]


# --- 指標データ -------------------------------------------------------------------------------------


def test_indicator_header_and_row_count(book: Any) -> None:
    ws = book["指標データ"]
    assert tuple(values(ws, 1)) == INDICATOR_COLUMNS
    # 8 single-series indicators x 3 years + 1-5 with two series x 3 years
    assert ws.max_row == 1 + 8 * 3 + 6
    assert ws.auto_filter.ref == "A1:P31"


def test_indicator_row_with_proposals(book: Any) -> None:
    ws = book["指標データ"]
    row = indicator_row(ws, "1-3", 2019)
    assert row == 10
    assert values(ws, row)[:10] == [
        "1 北米諸国との政治分野での協力推進",
        "1-3",
        "日米二国間会談数(首脳・外相レベル)(電話会談含む)",
        None,
        "定量",
        "高いほど良い",
        2019,
        "令和元年度",
        None,
        None,
    ]
    assert_number(ws.cell(row, 7), 2019, "0")
    assert_number(ws.cell(row, 11), 30)
    assert_number(ws.cell(row, 12), 26)
    assert_number(ws.cell(row, 14), 0.8667, "0.0%")
    assert values(ws, row)[12] is None
    assert values(ws, row)[14:] == ["b", "b"]


def test_indicator_rows_per_series(book: Any) -> None:
    ws = book["指標データ"]
    first = indicator_row(ws, "1-5", 2018, "①")
    second = indicator_row(ws, "1-5", 2018, "②")
    assert second == first + 1
    assert values(ws, first)[8:] == ["①", "一般の部", 84, 82, "%", 0.9762, "b", "b"]
    assert values(ws, second)[8:] == ["②", "有識者の部", 88, 90, "%", 1.0227, "b", "b"]


def test_proposed_grade_differs_from_recorded(book: Any) -> None:
    ws = book["指標データ"]
    row = indicator_row(ws, "1-4", 2017)
    assert values(ws, row)[14:] == ["b", "a"]


def test_qualitative_rows_have_no_numbers(book: Any) -> None:
    ws = book["指標データ"]
    row = indicator_row(ws, "2-1", 2018)
    assert values(ws, row)[:8] == [
        "2 北米諸国との経済分野での協力推進",
        "2-1",
        "米国との経済分野での協調の深化",
        "*",
        "定性",
        "高いほど良い",
        2018,
        "平成30年度",
    ]
    assert values(ws, row)[10:] == [None, None, None, None, "s", None]


def test_rate_computed_without_proposals(report: EvaluationReport) -> None:
    ws = load(render_report_xlsx(report))["指標データ"]
    row = indicator_row(ws, "1-3", 2019)
    assert_number(ws.cell(row, 14), 0.8667, "0.0%")
    assert ws.cell(row, 16).value is None
    row = indicator_row(ws, "1-4", 2017)
    assert ws.cell(row, 14).value == 2


def test_nothing_to_report_and_unreadable_cells_stay_text(report: EvaluationReport) -> None:
    changed = report.model_copy(deep=True)
    year = changed.indicator("1-3").years[2]
    year.targets[0].value = Cell(status=CellStatus.NOTHING_TO_REPORT, raw="—")
    year.actuals[0].value = Cell(status=CellStatus.EMPTY, raw="集計中")
    ws = load(render_report_xlsx(changed))["指標データ"]
    row = indicator_row(ws, "1-3", 2019)
    assert (ws.cell(row, 11).value, ws.cell(row, 12).value) == ("—", "集計中")
    assert ws.cell(row, 14).value is None


def test_decimal_values_keep_their_decimals(report: EvaluationReport) -> None:
    changed = report.model_copy(deep=True)
    changed.indicator("1-5").years[0].actuals[0].value = Cell.of(Decimal("87.5"), "%")
    ws = load(render_report_xlsx(changed))["指標データ"]
    assert_number(ws.cell(indicator_row(ws, "1-5", 2017, "①"), 12), 87.5, "#,##0.0##;△#,##0.0##")


# --- 評価書 and JSON ------------------------------------------------------------------------------


def test_report_sheet(book: Any) -> None:
    ws = book["評価書"]
    assert [tuple(c.value for c in row) for row in ws.iter_rows()] == [
        ("項目", "内容", "記号"),
        ("府省", "外務省", None),
        ("評価書番号", "外務省 1-I-2", None),
        ("施策番号", "I-2", None),
        ("施策名", "北米地域外交", None),
        ("評価年度", "令和2年度", None),
        ("対象年度", "平成29年度、平成30年度、令和元年度", None),
        ("担当部局名", "北米局", None),
        ("政策評価実施時期", "令和2年9月", None),
        ("目標達成度の測定の結果", "相当程度進展あり", "B"),
        ("判断根拠", "主要な測定指標がおおむね目標に近い実績を示したことから、左記のとおり判定した。", None),
    ]


def test_json_sheet_holds_the_whole_report(book: Any, report: EvaluationReport) -> None:
    ws = book["JSON"]
    chunks = [row[0].value for row in ws.iter_rows()]
    assert len(chunks) == 4
    assert all(len(c) <= JSON_CHUNK for c in chunks)
    assert all(ws.cell(r, 1).data_type == "s" for r in range(1, 5))
    text = "".join(chunks)
    assert text == report.model_dump_json()
    assert EvaluationReport.model_validate(json.loads(text)) == report


def test_chunks_count_utf16_units() -> None:
    text = "a" * 5 + "𠮷" * 4 + "b"
    assert _chunks(text, size=4) == ["aaaa", "a𠮷", "𠮷𠮷", "𠮷b"]
    assert _chunks(text, size=3) == ["aaa", "aa", "𠮷", "𠮷", "𠮷", "𠮷b"]
    assert _chunks("x" * 9, size=4) == ["xxxx", "xxxx", "x"]
    assert "".join(_chunks(text, size=3)) == text


# --- sheet names and unsafe text -------------------------------------------------------------------


def test_sheet_title_sanitised() -> None:
    assert sheet_title("北米/地域[外交]:a*b?c\\d") == "北米_地域_外交__a_b_c_d"
    assert sheet_title("'引用'") == "引用"
    assert len(sheet_title("長" * 40)) == 31
    assert sheet_title("[]") == "__"
    assert sheet_title("") == "Sheet"


def test_unsafe_titles_give_valid_workbook(report: EvaluationReport) -> None:
    changed = report.model_copy(
        deep=True, update={"title": "北米/地域[外交]:*?\\" + "長" * 40, "measure_number": "I/2[a]"}
    )
    changed.indicator("1-1").name = '=HYPERLINK("http://example.com")'
    changed.areas[0].title = "政治\x01分野"
    book = load(render_report_xlsx(changed))
    for name in book.sheetnames:
        assert not FORBIDDEN & set(name)
        assert 0 < len(name) <= 31
    ws = book["指標データ"]
    assert ws["C2"].value == '=HYPERLINK("http://example.com")'
    assert ws["C2"].data_type == "s"
    assert ws["A2"].value == "1 政治分野"
    assert book["評価書"]["B5"].value == changed.title


def test_a_report_without_budget_sheet_or_indicators(report: EvaluationReport) -> None:
    bare = EvaluationReport(ministry="外務省", measure_number="I-9", title="空", evaluation_year=2020)
    book = load(render_report_xlsx(bare))
    assert book["調書"]["B3"].value == "空"
    assert book["調書"].max_row == 7
    assert book["指標データ"].max_row == 1
    assert values(book["予算"], 2) == ["区分", None]
