"""Open data: the sample's indicators, budget and 調書 as CSV (exact rows, parsed back with the csv
module), the report as JSON, and the formula-injection guard."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

import pytest

from hyoka.core import (
    Area,
    Budget,
    BudgetYear,
    Cell,
    CellStatus,
    Direction,
    EvaluationReport,
    Indicator,
    IndicatorKind,
    IndicatorYear,
    RecordedGrade,
    Series,
    SeriesValue,
)
from hyoka.importers import ImportResult
from hyoka.renderers.csv_columns import titles
from hyoka.renderers.opendata import (
    budget_csv,
    budget_sheet_csv,
    columns_csv,
    csv_tables,
    indicators_csv,
    report_json,
)
from hyoka.rules.engine import check_report

INDICATOR_HEADER = [
    "measure_number",
    "report_code",
    "evaluation_year",
    "document_kind",
    "area",
    "area_title",
    "indicator_id",
    "indicator_name",
    "is_main",
    "kind",
    "direction",
    "fiscal_year",
    "fiscal_year_ja",
    "series",
    "series_name",
    "target",
    "target_upper",
    "actual",
    "unit",
    "target_status",
    "actual_status",
    "target_inferred_from",
    "actual_inferred_from",
    "baseline",
    "baseline_status",
    "baseline_inferred_from",
    "baseline_year",
    "baseline_year_ja",
    "final_target",
    "final_target_upper",
    "final_target_status",
    "final_target_inferred_from",
    "final_target_text",
    "final_target_year",
    "final_target_year_ja",
    "final_target_year_text",
    "rate",
    "grade_recorded",
    "grade_proposed",
]
BUDGET_HEADER = [
    "measure_number",
    "report_code",
    "evaluation_year",
    "document_kind",
    "fiscal_year",
    "fiscal_year_ja",
    "unit",
    "initial",
    "supplementary",
    "carryover",
    "total",
    "executed",
    "initial_status",
    "supplementary_status",
    "carryover_status",
    "total_status",
    "executed_status",
]
SHEET_HEADER = [
    "measure_number",
    "report_code",
    "evaluation_year",
    "document_kind",
    "section",
    "section_label",
    "line_type",
    "account",
    "organization",
    "item",
    "sub_item",
    "other_sheet_ref",
    "account_type",
    "current_year",
    "current_initial",
    "current_initial_inclusive",
    "next_year",
    "next_request",
    "next_request_inclusive",
    "unit",
    "current_initial_status",
    "current_initial_inclusive_status",
    "next_request_status",
    "next_request_inclusive_status",
]


def parse(text: str) -> tuple[list[str], list[dict[str, str]]]:
    """A CSV as written: BOM first, CRLF line ends; parsed back with the csv module."""
    assert text.startswith("\ufeff")
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    titles, body = rows[0], rows[1:]
    # the header row is in Japanese; columns.csv gives each title's English key
    keys = {title: key for _file, title, key in csv.reader(io.StringIO(columns_csv()[1:], newline=""))}
    header = [keys[title] for title in titles]
    assert all(len(row) == len(header) for row in body)
    return header, [dict(zip(header, row, strict=True)) for row in body]


def pick(rows: list[dict[str, str]], *columns: str) -> list[tuple[str, ...]]:
    return [tuple(row[c] for c in columns) for row in rows]


@pytest.fixture(scope="module")
def report(sample_result: ImportResult) -> EvaluationReport:
    return sample_result.report


@pytest.fixture(scope="module")
def proposals(report: EvaluationReport) -> dict[str, Any]:
    return check_report(report).to_json()["proposals"]


@pytest.fixture(scope="module")
def indicator_rows(report: EvaluationReport, proposals: dict[str, Any]) -> list[dict[str, str]]:
    header, rows = parse(indicators_csv(report, proposals))
    assert header == INDICATOR_HEADER
    return rows


# indicators.csv -------------------------------------------------------------------------------------------


def test_indicator_rows_are_indicator_by_year_by_series(indicator_rows: list[dict[str, str]]) -> None:
    counts = {}
    for row in indicator_rows:
        counts[row["indicator_id"]] = counts.get(row["indicator_id"], 0) + 1
    assert counts == {
        "1-1": 3,
        "1-2": 3,
        "1-3": 3,
        "1-4": 3,
        "1-5": 6,
        "2-1": 3,
        "2-2": 3,
        "3-1": 3,
        "3-2": 3,
    }
    assert {pick([r], "measure_number", "report_code", "evaluation_year")[0] for r in indicator_rows} == {
        ("I-2", "外務省 1-I-2", "2020")
    }


def test_indicator_1_3_rows_are_exact(indicator_rows: list[dict[str, str]]) -> None:
    rows = [r for r in indicator_rows if r["indicator_id"] == "1-3"]
    assert pick(
        rows,
        "area",
        "fiscal_year",
        "fiscal_year_ja",
        "series",
        "target",
        "actual",
        "target_status",
        "actual_status",
        "rate",
        "grade_recorded",
        "grade_proposed",
    ) == [
        ("1", "2017", "平成29年度", "", "18", "41", "value", "value", "2.2778", "b", "b"),
        ("1", "2018", "平成30年度", "", "30", "30", "value", "value", "1", "b", "b"),
        ("1", "2019", "令和元年度", "", "30", "26", "value", "value", "0.8667", "b", "b"),
    ]
    assert {
        (r["indicator_name"], r["is_main"], r["kind"], r["direction"], r["unit"], r["series_name"])
        for r in rows
    } == {("日米二国間会談数(首脳・外相レベル)(電話会談含む)", "false", "quantitative", "higher", "", "")}


def test_indicator_1_5_has_a_row_per_series(indicator_rows: list[dict[str, str]]) -> None:
    rows = [r for r in indicator_rows if r["indicator_id"] == "1-5"]
    assert pick(
        rows,
        "fiscal_year",
        "series",
        "series_name",
        "target",
        "actual",
        "unit",
        "rate",
        "actual_inferred_from",
    ) == [
        ("2017", "①", "一般の部", "76", "87", "%", "1.1447", ""),
        ("2017", "②", "有識者の部", "86", "86", "%", "1", ""),
        ("2018", "①", "一般の部", "84", "82", "%", "0.9762", ""),
        ("2018", "②", "有識者の部", "88", "90", "%", "1.0227", ""),
        ("2019", "①", "一般の部", "84", "85", "%", "1.0119", "施策の分析"),
        ("2019", "②", "有識者の部", "89", "89", "%", "1", "施策の分析"),
    ]


def test_qualitative_indicator_has_a_row_per_year_without_numbers(
    indicator_rows: list[dict[str, str]],
) -> None:
    rows = [r for r in indicator_rows if r["indicator_id"] == "2-1"]
    assert pick(rows, "fiscal_year", "kind", "is_main", "grade_recorded", "grade_proposed") == [
        ("2017", "qualitative", "true", "s", ""),
        ("2018", "qualitative", "true", "s", ""),
        ("2019", "qualitative", "true", "s", ""),
    ]
    blank = ("series", "target", "target_upper", "actual", "unit", "target_status", "actual_status", "rate")
    assert {pick([r], *blank)[0] for r in rows} == {("",) * len(blank)}


def test_proposals_are_optional_and_accepted_in_each_shape(
    report: EvaluationReport, proposals: dict[str, Any]
) -> None:
    expected = indicators_csv(report, proposals)
    full = check_report(report).to_json()
    assert indicators_csv(report, full) == expected
    assert indicators_csv(report, proposals["indicators"]) == expected

    _, rows = parse(indicators_csv(report))
    assert {(r["rate"], r["grade_proposed"]) for r in rows} == {("", "")}
    assert [r["grade_recorded"] for r in rows if r["indicator_id"] == "1-4"] == ["b", "b", "b"]


def test_missing_and_blank_cells_are_told_apart() -> None:
    indicator = Indicator(
        id="9-1",
        name="範囲の指標",
        kind=IndicatorKind.QUANTITATIVE,
        direction=Direction.WITHIN_RANGE,
        series=[Series(key="①", name="甲"), Series(key="②", name="乙")],
        years=[
            IndicatorYear(
                fiscal_year=2019,
                targets=[
                    SeriesValue(
                        series="①", value=Cell.of(Decimal("1.50"), "%"), upper=Cell.of(Decimal("2.5"), "%")
                    ),
                    SeriesValue(series="②", value=Cell(status=CellStatus.NOTHING_TO_REPORT, raw="-")),
                ],
                actuals=[SeriesValue(series="①", value=Cell.of(-3, "%"))],
            )
        ],
        recorded_grade=RecordedGrade(letter="c"),
    )
    report = _report(indicators=[indicator])
    _, rows = parse(indicators_csv(report))
    assert pick(
        rows,
        "series",
        "target",
        "target_upper",
        "actual",
        "unit",
        "target_status",
        "actual_status",
        "direction",
    ) == [
        ("①", "1.50", "2.5", "-3", "%", "value", "value", "within_range"),
        ("②", "", "", "", "", "nothing_to_report", "empty", "within_range"),
    ]


# budget.csv and budget_sheet.csv ---------------------------------------------------------------------------


def test_budget_rows_are_exact(report: EvaluationReport) -> None:
    header, rows = parse(budget_csv(report))
    assert header == BUDGET_HEADER
    assert [tuple(r.values())[4:] for r in rows] == [
        ("2017", "平成29年度", "百万円", "370", "0", "0", "370", "326", *("value",) * 5),
        ("2018", "平成30年度", "百万円", "678", "0", "0", "678", "544", *("value",) * 5),
        ("2019", "令和元年度", "百万円", "685", "0", "-14", "671", "532", *("value",) * 5),
        ("2020", "令和2年度", "百万円", "652", "", "", "", "", "value", "empty", "empty", "empty", "empty"),
    ]


def test_budget_nothing_to_report_and_large_numbers() -> None:
    report = _report(
        budget=Budget(
            unit="千円",
            years=[
                BudgetYear(
                    fiscal_year=2021,
                    initial=Cell.of(1234567),
                    supplementary=Cell(status=CellStatus.NOTHING_TO_REPORT, raw="-"),
                    carryover=Cell.of(Decimal("-1E+3")),
                    total=Cell.of(Decimal("1233567")),
                )
            ],
        )
    )
    _, rows = parse(budget_csv(report))
    assert pick(
        rows, "fiscal_year", "unit", "initial", "supplementary", "carryover", "total", "executed"
    ) == [
        ("2021", "千円", "1234567", "", "-1000", "1233567", ""),
    ]
    assert pick(rows, *(f"{name}_status" for name in ("initial", "supplementary", "carryover", "total"))) == [
        ("value", "nothing_to_report", "value", "value"),
    ]
    assert rows[0]["executed_status"] == "empty"


def test_budget_sheet_rows_are_exact(report: EvaluationReport) -> None:
    header, rows = parse(budget_sheet_csv(report))
    assert header == SHEET_HEADER
    columns = (
        "section",
        "line_type",
        "account",
        "organization",
        "account_type",
        "current_year",
        "current_initial",
        "next_year",
        "next_request",
        "unit",
        "current_initial_status",
        "current_initial_inclusive_status",
    )
    ev, nev = "evaluated", "not_evaluated"
    assert pick(rows, *columns) == [
        (ev, "item", "一般", "外務本省", "", "2020", "274346", "2021", "230045", "千円", "value", "empty"),
        (ev, "item", "一般", "在外公館", "", "2020", "377359", "2021", "342153", "千円", "value", "empty"),
        (ev, "subtotal", "", "", "一般会計", "2020", "651705", "2021", "572198", "千円", "value", "empty"),
        (ev, "subtotal", "", "", "特別会計", "2020", "", "2021", "", "千円", "empty", "empty"),
        (nev, "subtotal", "", "", "一般会計", "2020", "", "2021", "", "千円", "empty", "empty"),
        (nev, "subtotal", "", "", "特別会計", "2020", "", "2021", "", "千円", "empty", "empty"),
        ("", "total", "", "", "一般会計", "2020", "651705", "2021", "572198", "千円", "value", "empty"),
        ("", "total", "", "", "特別会計", "2020", "", "2021", "", "千円", "empty", "empty"),
    ]
    assert {(r["item"], r["sub_item"]) for r in rows if r["line_type"] == "item"} == {
        ("地域別外交費", "北米地域外交に必要な経費")
    }
    assert rows[0]["section_label"] == "政策評価の対象となっているもの"


def test_budget_sheet_without_sheet_is_only_the_header() -> None:
    text = budget_sheet_csv(_report())
    assert text == "\ufeff" + ",".join(titles(SHEET_HEADER)) + "\r\n"


def test_csv_tables_names_every_table(report: EvaluationReport, proposals: dict[str, Any]) -> None:
    tables = csv_tables(report, proposals)
    assert list(tables) == ["indicators.csv", "budget.csv", "budget_sheet.csv", "means.csv", "columns.csv"]
    assert tables["columns.csv"] == columns_csv()
    assert tables["indicators.csv"] == indicators_csv(report, proposals)
    assert tables["budget.csv"] == budget_csv(report)
    assert tables["budget_sheet.csv"] == budget_sheet_csv(report)
    assert tables["budget.csv"].encode("utf-8").startswith(b"\xef\xbb\xbf" + "施策番号,".encode())


# formula injection -----------------------------------------------------------------------------------------


def test_text_cells_that_look_like_formulas_get_an_apostrophe() -> None:
    indicator = Indicator(
        id="9-2",
        name='=HYPERLINK("http://evil.example","x")',
        kind=IndicatorKind.QUANTITATIVE,
        series=[Series(key="+1", name="-1+1"), Series(key="①", name="@SUM(A1)")],
        years=[
            IndicatorYear(
                fiscal_year=2019,
                targets=[SeriesValue(series="+1", value=Cell.of(-5))],
                actuals=[SeriesValue(series="①", value=Cell.of(-7), inferred_from="\tcmd")],
            )
        ],
        recorded_grade=RecordedGrade(letter="=1"),
    )
    report = _report(indicators=[indicator], area_title="+領域", measure_number="-I-2")
    _, rows = parse(indicators_csv(report))
    assert pick(rows, "indicator_name", "series", "series_name", "target", "actual", "grade_recorded") == [
        ('\'=HYPERLINK("http://evil.example","x")', "'+1", "'-1+1", "-5", "", "'=1"),
        ('\'=HYPERLINK("http://evil.example","x")', "①", "'@SUM(A1)", "", "-7", "'=1"),
    ]
    assert rows[1]["actual_inferred_from"] == "'\tcmd"
    assert {(r["area_title"], r["measure_number"]) for r in rows} == {("'+領域", "'-I-2")}


# report.json -----------------------------------------------------------------------------------------------


def test_report_json_is_the_model_pretty_and_stable(report: EvaluationReport) -> None:
    text = report_json(report)
    assert text == report.model_dump_json(indent=2) + "\n"
    assert text.endswith("}\n")
    assert '"title": "北米地域外交"' in text
    assert "\\u" not in text
    assert report_json(report) == text
    assert json.loads(text) == json.loads(report.model_dump_json())
    assert EvaluationReport.model_validate_json(text) == report
    carryover = json.loads(text)["budget"]["years"][2]["carryover"]
    assert carryover == {"status": "value", "value": -14, "unit": "百万円", "raw": "△14"}


# helpers ---------------------------------------------------------------------------------------------------


def _report(
    *,
    indicators: list[Indicator] | None = None,
    area_title: str = "分野",
    measure_number: str = "X-1",
    budget: Budget | None = None,
) -> EvaluationReport:
    return EvaluationReport(
        ministry="外務省",
        measure_number=measure_number,
        title="試験",
        evaluation_year=2020,
        budget=budget or Budget(),
        areas=[Area(number=1, title=area_title, indicators=indicators or [])],
    )


# the header in Japanese, the English keys in columns.csv (issue 11) -----------------------------------------


def test_the_headers_are_japanese_and_columns_csv_gives_their_english_keys(report: EvaluationReport) -> None:
    first_line = indicators_csv(report).split("\r\n", 1)[0]
    assert first_line.startswith(
        "\ufeff施策番号,評価書番号,評価年度,文書の種類,個別分野番号,個別分野名,測定指標番号,"
    )
    assert budget_csv(report).split("\r\n", 1)[0] == (
        "\ufeff施策番号,評価書番号,評価年度,文書の種類,年度,年度（和暦）,単位,当初予算(a),補正予算(b),繰越し等(c),"
        "合計(a+b+c),執行額,当初予算(a)の状態,補正予算(b)の状態,繰越し等(c)の状態,合計(a+b+c)の状態,執行額の状態"
    )
    dictionary = list(csv.reader(io.StringIO(columns_csv()[1:], newline="")))
    assert dictionary[0] == ["ファイル", "列名", "キー"]
    assert ["indicators.csv", "達成状況（提案）", "grade_proposed"] in dictionary
    assert ["budget_sheet.csv", "概算要求額（の内数）の状態", "next_request_inclusive_status"] in dictionary
    for name in ("indicators.csv", "budget.csv", "budget_sheet.csv", "means.csv"):
        rows = [row for row in dictionary[1:] if row[0] == name]
        assert len({title for _n, title, _k in rows}) == len(rows), name  # a title names one column
