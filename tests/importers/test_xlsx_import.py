"""The Excel workbook read back: sample → xlsx → import gives the direct import's report; edits win;
bad cells are findings, not crashes; other files are NotAReportError."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import openpyxl
import pytest

from hyoka.core import Cell, CellStatus, EvaluationReport, IndicatorKind, SectionKind, Severity
from hyoka.importers import ImportResult, NotAReportError, import_bytes
from hyoka.importers.xlsx import import_xlsx
from hyoka.renderers.xlsx import render_report_xlsx
from hyoka.rules.engine import check_report

# --- helpers -------------------------------------------------------------------------------------


def cell_projection(cell: Cell) -> tuple[str, Decimal | None]:
    return cell.status.value, cell.value


def projections(report: EvaluationReport) -> dict[str, Any]:
    """What a workbook filled by hand must give back: indicators, grades, budget and 調書 figures."""
    indicators = [
        (
            ind.id,
            ind.name,
            ind.is_main,
            ind.kind,
            ind.direction,
            [(s.key, s.name) for s in ind.series],
            [
                (
                    year.fiscal_year,
                    sorted((v.series or "", cell_projection(v.value)) for v in year.targets),
                    sorted((v.series or "", cell_projection(v.value)) for v in year.actuals),
                )
                for year in ind.years
            ],
        )
        for ind in report.indicators()
    ]
    grades = {
        ind.id: ind.recorded_grade.letter if ind.recorded_grade else None for ind in report.indicators()
    }
    budget = [
        (
            y.fiscal_year,
            *(
                cell_projection(getattr(y, f))
                for f in ("initial", "supplementary", "carryover", "total", "executed")
            ),
        )
        for y in report.budget.years
    ]
    sheet = report.budget_sheet
    assert sheet is not None

    def amounts(line: Any) -> tuple[Any, ...]:
        return tuple(
            cell_projection(getattr(line, f))
            for f in (
                "current_initial",
                "next_request",
                "current_initial_inclusive",
                "next_request_inclusive",
            )
        )

    budget_sheet = (
        (sheet.policy_name, sheet.number, sheet.evaluation_method, sheet.achievement, sheet.unit),
        (sheet.current_year, sheet.next_year),
        [
            (
                s.kind,
                s.label,
                [
                    (i.account, i.organization, i.item, i.sub_item, i.other_sheet_ref, amounts(i))
                    for i in s.items
                ],
                [(t.account_type, amounts(t)) for t in s.subtotals],
            )
            for s in sheet.sections
        ],
        [(t.account_type, amounts(t)) for t in sheet.totals],
    )
    header = (
        report.ministry,
        report.report_code,
        report.measure_number,
        report.title,
        report.evaluation_year,
        report.window,
        report.bureau,
        report.evaluated_on,
        report.judgment.tier,
        report.judgment.label,
        report.judgment.letter,
        report.judgment.rationale,
    )
    return {
        "indicators": indicators,
        "grades": grades,
        "budget": budget,
        "budget_sheet": budget_sheet,
        "header": header,
    }


def edit(data: bytes, change: Callable[[Any], None]) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(data))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def without_json(book: Any) -> None:
    del book["JSON"]


def indicator_row(ws: Any, indicator_id: str, year: int, series: str | None = None) -> int:
    for row in range(2, ws.max_row + 1):
        if (ws.cell(row, 2).value, ws.cell(row, 7).value, ws.cell(row, 9).value) == (
            indicator_id,
            year,
            series,
        ):
            return row
    raise AssertionError((indicator_id, year, series))


@pytest.fixture(scope="module")
def direct(sample_result: ImportResult) -> EvaluationReport:
    return sample_result.report


@pytest.fixture(scope="module")
def workbook(direct: EvaluationReport) -> bytes:
    return render_report_xlsx(direct, proposals=check_report(direct).to_json()["proposals"])


@pytest.fixture(scope="module")
def by_hand(workbook: bytes) -> bytes:
    """The workbook as a ministry fills it from the template: no JSON sheet."""
    return edit(workbook, without_json)


# --- round trips -----------------------------------------------------------------------------------


def test_round_trip_with_json_is_the_direct_import(workbook: bytes, direct: EvaluationReport) -> None:
    result = import_xlsx(workbook, name="sample.xlsx")
    assert result.source_format == "xlsx"
    assert result.encoding is None
    assert result.findings == []
    assert result.report == direct
    assert result.report.model_dump_json() == direct.model_dump_json()


def test_import_bytes_dispatches_xlsx(workbook: bytes, direct: EvaluationReport) -> None:
    result = import_bytes(workbook, name="sample.xlsx")
    assert result.source_format == "xlsx"
    assert result.report == direct


def test_round_trip_by_hand_gives_the_same_figures(by_hand: bytes, direct: EvaluationReport) -> None:
    result = import_xlsx(by_hand, name="by-hand.xlsx")
    assert result.findings == []
    got, want = projections(result.report), projections(direct)
    for key in want:
        assert got[key] == want[key], key


def test_by_hand_leaves_narratives_empty_and_builds_the_summary(by_hand: bytes) -> None:
    report = import_xlsx(by_hand, name="by-hand.xlsx").report
    assert report.objectives == []
    assert [a.outline for a in report.areas] == [[], [], []]
    assert [(a.number, a.title) for a in report.areas] == [
        (1, "北米諸国との政治分野での協力推進"),
        (2, "北米諸国との経済分野での協力推進"),
        (3, "米国との安全保障分野での協力推進"),
    ]
    assert [(e.indicator_id, e.is_main, e.recorded_grade) for e in report.results_summary][:2] == [
        ("1-1", True, "b"),
        ("1-2", False, "b"),
    ]
    assert report.indicator("1-5").recorded_grade is not None
    assert report.indicator("1-5").recorded_grade.window == [2017, 2018, 2019]
    assert report.indicator("1-1").kind is IndicatorKind.QUALITATIVE


def test_by_hand_reports_pass_the_rules(by_hand: bytes) -> None:
    findings = check_report(import_xlsx(by_hand, name="by-hand.xlsx").report).findings
    assert not [f for f in findings if f.code in ("H102", "H103", "H104")]


# --- edits win ------------------------------------------------------------------------------------


@pytest.mark.parametrize("keep_json", [True, False], ids=["with-json", "by-hand"])
def test_edited_actual_is_read(workbook: bytes, direct: EvaluationReport, keep_json: bool) -> None:
    def change(book: Any) -> None:
        ws = book["指標データ"]
        ws.cell(indicator_row(ws, "1-3", 2019), 12).value = 28
        if not keep_json:
            without_json(book)

    result = import_xlsx(edit(workbook, change), name="edited.xlsx")
    assert result.findings == []
    actual = result.report.indicator("1-3").years[2].actuals[0]
    assert (actual.series, actual.value.status, actual.value.value) == (None, CellStatus.VALUE, Decimal(28))
    if keep_json:
        # everything else is the JSON's, exactly
        expected = direct.model_copy(deep=True)
        expected.indicator("1-3").years[2].actuals[0].value = Cell(
            status=CellStatus.VALUE, value=Decimal(28), raw="28"
        )
        assert result.report == expected


def test_edited_series_target_drops_the_inference_mark(workbook: bytes) -> None:
    def change(book: Any) -> None:
        ws = book["指標データ"]
        ws.cell(indicator_row(ws, "1-5", 2019, "②"), 12).value = 91.5

    report = import_xlsx(edit(workbook, change), name="edited.xlsx").report
    first, second = report.indicator("1-5").years[2].actuals
    assert (first.value.value, first.inferred_from) == (Decimal(85), "施策の分析")
    assert (second.value.value, second.value.unit, second.inferred_from) == (Decimal("91.5"), "%", None)


def test_edited_grade_and_budget_and_sheet_amounts(workbook: bytes) -> None:
    def change(book: Any) -> None:
        ws = book["指標データ"]
        for year in (2017, 2018, 2019):
            ws.cell(indicator_row(ws, "1-3", year), 15).value = "a"
        book["予算"]["E3"].value = 700  # FY2019 当初予算(a)
        book["予算"]["F7"].value = 600  # FY2020 執行額
        book["調書"]["G8"].value = 300000
        book["調書"]["I11"].value = "<1,234>の内数"  # typed as text in the 小計's の内数 row

    report = import_xlsx(edit(workbook, change), name="edited.xlsx").report
    grade = report.indicator("1-3").recorded_grade
    assert grade is not None
    assert (grade.letter, grade.window) == ("a", [2017, 2018, 2019])
    assert next(e for e in report.results_summary if e.indicator_id == "1-3").recorded_grade == "a"
    assert report.budget.years[2].initial.value == Decimal(700)
    assert (report.budget.years[3].executed.value, report.budget.years[3].executed.unit) == (
        Decimal(600),
        "百万円",
    )
    sheet = report.budget_sheet
    assert sheet is not None
    assert sheet.sections[0].items[0].current_initial.value == Decimal(300000)
    assert sheet.sections[0].subtotals[0].next_request_inclusive.value == Decimal(1234)
    assert sheet.sections[0].items[1].current_initial.raw == "377,359"  # unchanged: the JSON's cell


def test_added_year_and_unknown_indicator(workbook: bytes) -> None:
    def change(book: Any) -> None:
        ws = book["指標データ"]
        ws.append(["", "1-3", "", "", "", "", 2020, "", None, None, 30, 31])
        ws.append(["", "9-9", "", "", "", "", 2020, "", None, None, 1, 2])

    result = import_xlsx(edit(workbook, change), name="edited.xlsx")
    year = result.report.indicator("1-3").years[3]
    assert year.fiscal_year == 2020
    assert (year.targets[0].value.value, year.actuals[0].value.value) == (Decimal(30), Decimal(31))
    assert [(f.code, f.severity, f.context) for f in result.findings] == [
        ("H901", Severity.WARNING, {"sheet": "指標データ", "row": 33})
    ]
    assert "9-9" in result.findings[0].message


# --- bad cells -------------------------------------------------------------------------------------


@pytest.mark.parametrize("keep_json", [True, False], ids=["with-json", "by-hand"])
def test_text_in_a_number_cell_is_h905(workbook: bytes, keep_json: bool) -> None:
    def change(book: Any) -> None:
        book["指標データ"]["L10"].value = "集計中"  # 1-3, FY2019 実績値
        book["予算"]["C3"].value = "約370"
        book["調書"]["I9"].value = True
        if not keep_json:
            without_json(book)

    result = import_xlsx(edit(workbook, change), name="edited.xlsx")
    found = [(f.code, f.severity, f.location, f.input, f.context) for f in result.findings]
    assert found == [
        ("H905", Severity.WARNING, "/budget/years/0/initial", "約370", {"sheet": "予算", "cell": "C3"}),
        (
            "H905",
            Severity.WARNING,
            "/budget_sheet/sections/0/items/1/next_request",
            "True",
            {"sheet": "調書", "cell": "I9"},
        ),
        (
            "H905",
            Severity.WARNING,
            "/areas/0/indicators/2/years/2/actuals",
            "集計中",
            {"sheet": "指標データ", "cell": "L10"},
        ),
    ]
    assert "「指標データ」シートのL10" in result.findings[2].message
    report = result.report
    assert report.indicator("1-3").years[2].actuals[0].value == Cell(status=CellStatus.EMPTY, raw="集計中")
    assert report.budget.years[0].initial.status is CellStatus.EMPTY
    assert report.budget_sheet is not None
    assert report.budget_sheet.sections[0].items[1].next_request.status is CellStatus.EMPTY


def test_unreadable_text_survives_a_second_round_trip(workbook: bytes) -> None:
    def change(book: Any) -> None:
        book["指標データ"]["L10"].value = "集計中"

    once = import_xlsx(edit(workbook, change), name="once.xlsx")
    twice = import_xlsx(render_report_xlsx(once.report), name="twice.xlsx")
    assert twice.report == once.report
    assert [f.context for f in twice.findings] == [{"sheet": "指標データ", "cell": "L10"}]


def test_invalid_json_sheet_falls_back_to_the_sheets(workbook: bytes, direct: EvaluationReport) -> None:
    def change(book: Any) -> None:
        book["JSON"]["A1"].value = '{"broken": '

    result = import_xlsx(edit(workbook, change), name="edited.xlsx")
    assert [(f.code, f.context) for f in result.findings] == [
        ("H901", {"sheet": "JSON", "row": 1, "cell": "A1"})
    ]
    assert projections(result.report)["indicators"] == projections(direct)["indicators"]
    assert result.report.objectives == []


def test_unknown_rows_and_sheets_are_h901(by_hand: bytes) -> None:
    def change(book: Any) -> None:
        book["評価書"].append(["備考", "手で追加した行"])
        book.create_sheet("メモ")["B2"] = "確認済み"
        book["指標データ"].append(["", "一の三", "", "", "", "", 2019])

    result = import_xlsx(edit(by_hand, change), name="edited.xlsx")
    assert [(f.code, f.context, f.input) for f in result.findings] == [
        ("H901", {"sheet": "評価書", "row": 12}, "備考\t手で追加した行"),
        ("H901", {"sheet": "指標データ", "row": 32}, "\t一の三\t\t\t\t\t2019"),
        ("H901", {"sheet": "メモ", "row": 1}, "\t確認済み"),
    ]


# --- not our workbook ----------------------------------------------------------------------------


def zip_of(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for path, content in files.items():
            archive.writestr(path, content)
    return out.getvalue()


def blank_workbook() -> bytes:
    book = openpyxl.Workbook()
    book.active["A1"] = "売上"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            zip_of({"readme.txt": b"hello"}),
            (
                "Excel ブック（xlsx）ではありません: xl/workbook.xml のない ZIP アーカイブです",
                "not an Excel workbook (xlsx): a ZIP archive without xl/workbook.xml",
            ),
        ),
        (
            b"PK\x03\x04" + b"\x00" * 60,
            (
                "Excel ブック（xlsx）ではありません: ZIP アーカイブが壊れています",
                "not an Excel workbook (xlsx): a damaged ZIP archive (File is not a zip file)",
            ),
        ),
        (
            blank_workbook(),
            (
                "hyoka のひな形ではない Excel ブックです: "
                "シート「評価書」も「JSON」もありません（シート: Sheet）",
                "an Excel workbook that is not hyoka's template: "
                "no sheet 「評価書」 or 「JSON」 (sheets: Sheet)",
            ),
        ),
    ],
    ids=["random-zip", "damaged-zip", "other-workbook"],
)
def test_not_a_report(data: bytes, message: tuple[str, str]) -> None:
    for reader in (import_xlsx, import_bytes):
        with pytest.raises(NotAReportError) as caught:
            reader(data, name="in.xlsx")
        assert (str(caught.value), caught.value.text("en")) == (
            f"in.xlsx: {message[0]}",
            f"in.xlsx: {message[1]}",
        )


def test_truncated_workbook(workbook: bytes) -> None:
    with pytest.raises(NotAReportError, match=r"^cut\.xlsx: Excel ブック（xlsx）ではありません"):
        import_xlsx(workbook[: len(workbook) // 2], name="cut.xlsx")


def test_not_xlsx_bytes() -> None:
    with pytest.raises(NotAReportError, match="ZIP アーカイブではありません"):
        import_xlsx(b"%PDF-1.4", name="x.pdf")


def test_missing_required_header_names_the_field(by_hand: bytes) -> None:
    def change(book: Any) -> None:
        book["評価書"]["B4"].value = None  # 施策番号

    with pytest.raises(NotAReportError, match="シート「評価書」: 「施策番号」の値がありません（B4）"):
        import_xlsx(edit(by_hand, change), name="in.xlsx")


def test_bad_fiscal_year_names_the_cell(by_hand: bytes) -> None:
    def change(book: Any) -> None:
        book["評価書"]["B6"].value = "来年度"

    with pytest.raises(NotAReportError, match="シート「評価書」のセル B6: 「来年度」は年度ではありません"):
        import_xlsx(edit(by_hand, change), name="in.xlsx")


def test_missing_column_names_the_column(workbook: bytes) -> None:
    def change(book: Any) -> None:
        book["指標データ"]["L1"].value = "実績"

    with pytest.raises(NotAReportError, match="シート「指標データ」の 1 行目: 「実績値」の列がありません"):
        import_xlsx(edit(workbook, change), name="in.xlsx")


def test_no_sheet_header_row(by_hand: bytes) -> None:
    def change(book: Any) -> None:
        book["調書"]["B7"].value = None

    with pytest.raises(NotAReportError, match="シート「調書」: 見出しの行がありません"):
        import_xlsx(edit(by_hand, change), name="in.xlsx")


# --- a template filled by hand ---------------------------------------------------------------------


def test_minimal_hand_filled_workbook() -> None:
    """The sheets typed by a person: era years, western years, text numbers, a new 調書 with の内数."""
    book = openpyxl.Workbook()
    header = book.active
    header.title = "評価書"
    for row in (
        ["項目", "内容", "記号"],
        ["府省", "外務省"],
        ["施策番号", "II-1"],
        ["施策名", "中南米地域外交"],
        ["評価年度", 2021],
        ["対象年度", "令和元年度、2020、令和2年度"],
        ["政策評価実施時期", "2021-08"],
        ["目標達成度の測定の結果", "目標達成", "A"],
    ):
        header.append(row)
    budget = book.create_sheet("予算")
    budget.append(["区分", None, "令和元年度", "令和2年度"])
    budget.append(["予算の状況(千円)", "当初予算(a)", 100, "1,200"])
    budget.append([None, "繰越し等(c)", "△5", "-"])
    data = book.create_sheet("指標データ")
    data.append(
        [
            "指標ID",
            "指標名",
            "年度(和暦)",
            "系列",
            "系列名",
            "目標値",
            "実績値",
            "単位",
            "達成状況(記録)",
            "主要",
        ]
    )
    data.append(["1-1", "訪問数", "令和元年度", None, None, 10, 12, "回", "a", "*"])
    data.append(["1-1", "訪問数", "令和2年度", None, None, 10, "", "回", "a", "*"])
    data.append(["1-2", "満足度", "令和2年度", "①", "一般", "80%", "82.5%", "%", None])
    sheet = book.create_sheet("調書")
    sheet.append(["政策評価調書（個別票）"])
    sheet.append(["政策名", "中南米地域外交", None, None, None, "番号", "③"])
    sheet.append(["(千円)"])
    sheet.append(["区分", "予算科目"])
    sheet.append(
        [None, "会計", "組織／勘定", "項", "事項", None, "令和3年度当初予算額", None, "令和4年度概算要求額"]
    )
    sheet.append(
        ["政策評価の対象となっているもの", "一般", "外務本省", "地域別外交費", "経費", 5, 1000, None, 1100]
    )
    sheet.append([None, None, None, None, None, None, "<20>", "の内数"])
    sheet.append([None, "小 計", None, None, None, "一般会計", 1000, None, 1100])
    sheet.append(["合　計", None, None, None, None, "一般会計", 1000, None, 1100])
    out = io.BytesIO()
    book.save(out)

    result = import_bytes(out.getvalue(), name="hand.xlsx")
    assert result.findings == []
    report = result.report
    assert (report.ministry, report.measure_number, report.title, report.evaluation_year) == (
        "外務省",
        "II-1",
        "中南米地域外交",
        2021,
    )
    assert report.window == [2019, 2020, 2020]
    assert report.evaluated_on == "2021-08"
    assert (report.judgment.tier, report.judgment.letter) == ("目標達成", "A")
    assert report.budget.unit == "千円"
    assert [
        (y.fiscal_year, y.initial.value, y.carryover.status, y.carryover.value) for y in report.budget.years
    ] == [
        (2019, Decimal(100), CellStatus.VALUE, Decimal(-5)),
        (2020, Decimal(1200), CellStatus.NOTHING_TO_REPORT, None),
    ]
    first, second = report.indicators()
    assert (first.id, first.name, first.is_main, first.kind, report.areas[0].number) == (
        "1-1",
        "訪問数",
        True,
        IndicatorKind.QUANTITATIVE,
        1,
    )
    assert [
        (y.fiscal_year, [v.value.value for v in y.targets], [v.value.value for v in y.actuals])
        for y in first.years
    ] == [
        (2019, [Decimal(10)], [Decimal(12)]),
        (2020, [Decimal(10)], []),
    ]
    assert first.recorded_grade is not None and first.recorded_grade.letter == "a"
    assert [(s.key, s.name) for s in second.series] == [("①", "一般")]
    assert second.years[0].actuals[0].value == Cell(
        status=CellStatus.VALUE, value=Decimal("82.5"), unit="%", raw="82.5%"
    )
    assert second.recorded_grade is None
    sheet_model = report.budget_sheet
    assert sheet_model is not None
    assert (sheet_model.policy_name, sheet_model.number, sheet_model.current_year, sheet_model.next_year) == (
        "中南米地域外交",
        "③",
        2021,
        2022,
    )
    (section,) = sheet_model.sections
    assert section.kind is SectionKind.EVALUATED
    (item,) = section.items
    assert (item.sub_item, item.other_sheet_ref, item.current_initial.value) == ("経費", "5", Decimal(1000))
    assert item.current_initial_inclusive.value == Decimal(20)
    assert [(t.account_type.value, t.next_request.value) for t in sheet_model.totals] == [
        ("一般会計", Decimal(1100))
    ]
    assert [(t.account_type.value, t.current_initial.value) for t in section.subtotals] == [
        ("一般会計", Decimal(1000))
    ]
