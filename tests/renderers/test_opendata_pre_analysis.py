"""Open data of a 事前分析表: indicators.csv has a row for every indicator (with no year yet: one per
series, blank year) carrying its 基準値 and 目標値, and means.csv the 達成手段; for the real 厚生労働省
事前分析表 (samples/real/mhlw-r7-jizen-I-5-1.txt and its .expected.toml) and the next cycle's draft of
the sample (its 基準値 carried from the 評価書, with where it came from)."""

from __future__ import annotations

import csv
import io
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from hyoka.core import Cell, EvaluationReport, MeansYear
from hyoka.importers import ImportResult, import_bytes
from hyoka.renderers.opendata import (
    CSV_FILES,
    MEANS_COLUMNS,
    columns_csv,
    csv_tables,
    indicators_csv,
    means_csv,
)
from hyoka.services.cycle import pre_analysis_draft

REAL = Path(__file__).resolve().parents[2] / "samples" / "real"
JIZEN = "mhlw-r7-jizen-I-5-1"
CARRIED = "令和2年度政策評価書の令和元年度実績値"
PLAN = (
    "baseline",
    "baseline_status",
    "baseline_inferred_from",
    "baseline_year",
    "baseline_year_ja",
    "final_target",
    "final_target_status",
    "final_target_year_text",
)


def parse(text: str, table: str) -> list[dict[str, str]]:
    """A table as written (BOM, CRLF only), its Japanese header mapped to the keys by columns.csv."""
    assert text.startswith("\ufeff") and text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    keys = {
        title: key
        for file, title, key in csv.reader(io.StringIO(columns_csv()[1:], newline=""))
        if file == table
    }
    header = [keys[title] for title in rows[0]]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def pick(rows: list[dict[str, str]], *columns: str) -> list[tuple[str, ...]]:
    return [tuple(row[c] for c in columns) for row in rows]


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    return tomllib.loads((REAL / f"{JIZEN}.expected.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def jizen() -> EvaluationReport:
    return import_bytes((REAL / f"{JIZEN}.txt").read_bytes(), name=f"{JIZEN}.txt").report


@pytest.fixture(scope="module")
def draft(sample_result: ImportResult) -> EvaluationReport:
    return pre_analysis_draft(sample_result.report).draft


def test_the_tables_include_means(jizen: EvaluationReport) -> None:
    assert CSV_FILES == ("indicators.csv", "budget.csv", "budget_sheet.csv", "means.csv", "columns.csv")
    tables = csv_tables(jizen)
    assert list(tables) == list(CSV_FILES)
    assert tables["means.csv"] == means_csv(jizen)
    dictionary = list(csv.reader(io.StringIO(columns_csv()[1:], newline="")))
    assert [(t, k) for f, t, k in dictionary if f == "means.csv"] == [
        ("施策番号", "measure_number"),
        ("評価書番号", "report_code"),
        ("評価年度", "evaluation_year"),
        ("文書の種類", "document_kind"),
        ("達成手段番号", "means_number"),
        ("達成手段の名称", "means_name"),
        ("開始年度", "means_started"),
        ("年度", "fiscal_year"),
        ("年度（和暦）", "fiscal_year_ja"),
        ("単位", "unit"),
        ("予算額", "means_budget"),
        ("執行額", "executed"),
        ("予算額の状態", "means_budget_status"),
        ("執行額の状態", "executed_status"),
        ("関連する指標", "means_indicators"),
        ("行政事業レビュー事業番号", "review_number"),
        ("達成手段の概要等", "means_outline"),
        ("達成手段の注記", "means_notes"),
    ]
    assert len(MEANS_COLUMNS) == 18


def test_real_indicators_have_rows(jizen: EvaluationReport, expected: dict[str, Any]) -> None:
    rows = parse(indicators_csv(jizen), "indicators.csv")
    assert pick(
        rows,
        "measure_number",
        "evaluation_year",
        "document_kind",
        "area",
        "indicator_id",
        "indicator_name",
        "is_main",
        "fiscal_year",
        "series",
        "target",
        "target_status",
    ) == [
        ("", "2025", "事前分析表", "1", "④", "予防接種の接種率(麻しん)", "true", "", "", "", ""),
        ("", "2025", "事前分析表", "1", "⑤", "予防接種の接種率(風しん)", "true", "", "", "", ""),
    ]
    assert [(r["indicator_id"], r["indicator_name"]) for r in rows] == [
        (i["id"], i["name"]) for i in expected["indicators"]
    ]
    # the importer leaves their 基準値 and 目標値 empty (expected.toml), so no status: no cell at all
    assert {pick([r], *PLAN)[0] for r in rows} == {("",) * len(PLAN)}


def test_real_means_rows(jizen: EvaluationReport, expected: dict[str, Any]) -> None:
    rows = parse(means_csv(jizen), "means.csv")
    outline_33 = next(m["outline"] for m in expected["means"] if m["number"] == "(33)")
    assert pick(
        rows,
        "document_kind",
        "means_number",
        "means_name",
        "means_started",
        "fiscal_year",
        "unit",
        "means_budget",
        "means_budget_status",
        "review_number",
    ) == [
        ("事前分析表", "(33)", "国立健康危機管理研究機構運営費交付金", "令和7年度", "", "", "", "", "020280"),
        (
            "事前分析表",
            "(34)",
            "国立健康危機管理研究機構施設周辺安全対策等事業費補助金",
            "令和7年度",
            "",
            "",
            "",
            "",
            "",
        ),
        ("事前分析表", "(35)", "予防接種事故救済給付費", "昭和46年度", "", "", "", "", ""),
    ]
    assert rows[0]["means_outline"] == outline_33
    assert rows[1]["means_outline"].startswith(expected["means"][2]["outline_starts"])
    assert rows[2]["means_outline"] == ""
    hand_read = {m["number"]: (m["name"], m["started"]) for m in expected["means"]}
    assert all(hand_read[r["means_number"]] == (r["means_name"], r["means_started"]) for r in rows)


def test_means_amounts_by_year(jizen: EvaluationReport) -> None:
    report = jizen.model_copy(deep=True)
    report.means[0].years = [
        MeansYear(
            fiscal_year=2024, budget=Cell.of(Decimal("13.6"), "億円"), executed=Cell.of(Decimal("-2"), "億円")
        ),
        MeansYear(fiscal_year=2025, budget=Cell.of(Decimal("4.7"), "億円")),
    ]
    report.means[0].indicators = ["④", "⑤"]
    report.means[1].notes = ["注1", "=注2"]
    rows = parse(means_csv(report), "means.csv")
    assert pick(
        rows,
        "means_number",
        "fiscal_year",
        "fiscal_year_ja",
        "unit",
        "means_budget",
        "executed",
        "means_budget_status",
        "executed_status",
        "means_indicators",
    ) == [
        ("(33)", "2024", "令和6年度", "億円", "13.6", "-2", "value", "value", "④、⑤"),
        ("(33)", "2025", "令和7年度", "億円", "4.7", "", "value", "empty", "④、⑤"),
        ("(34)", "", "", "", "", "", "", "", ""),
        ("(35)", "", "", "", "", "", "", "", ""),
    ]
    assert rows[2]["means_notes"] == "注1\r\n=注2"  # a line break inside a field is CRLF too


def carried(indicator_id: str, series: str, unit: str, baseline: str) -> tuple[str, ...]:
    """A row of the draft for 2021 (令和3年度): no 年度目標 yet, the 基準値 carried from the 評価書's
    2019 actual, the 最終目標 「-」 (nothing to report) with its 目標年度 「--年度」 (formula-guarded)."""
    return (
        indicator_id,
        "2021",
        "令和3年度",
        series,
        unit,
        "empty",
        baseline,
        "value",
        CARRIED,
        "2019",
        "令和元年度",
        "",
        "nothing_to_report",
        "'--年度",
    )


def test_carried_baseline_says_where_it_came_from(draft: EvaluationReport) -> None:
    rows = parse(indicators_csv(draft), "indicators.csv")
    assert {r["document_kind"] for r in rows} == {"事前分析表"}
    plan = [r for r in rows if r["indicator_id"] in ("1-3", "1-5")]
    assert pick(
        plan, "indicator_id", "fiscal_year", "fiscal_year_ja", "series", "unit", "target_status", *PLAN
    ) == [carried("1-3", "", "", "26"), carried("1-5", "①", "%", "85"), carried("1-5", "②", "%", "89")]
    first = next(r for r in rows if r["indicator_id"] == "1-1")
    assert first["kind"] == "qualitative"
    assert first["final_target_text"].startswith(
        "我が国の外交・安全保障の基軸である日米同盟を引き続き強化する。\r\n"
    )
    assert (first["final_target_year_text"], first["baseline"], first["baseline_status"]) == (
        "一年度",
        "",
        "",
    )


def test_the_evaluations_baseline_and_target_are_in_its_rows(sample_result: ImportResult) -> None:
    rows = parse(indicators_csv(sample_result.report), "indicators.csv")
    assert {r["document_kind"] for r in rows} == {"評価書"}
    assert len(rows) == 30  # unchanged: a row per indicator x year x series
    one_five = [r for r in rows if r["indicator_id"] == "1-5" and r["fiscal_year"] == "2019"]
    # 1-5's 目標値 「—」 is the whole indicator's: shown on each series' row
    assert pick(one_five, "series", "actual", "actual_inferred_from", "final_target_status") == [
        ("①", "85", "施策の分析", "nothing_to_report"),
        ("②", "89", "施策の分析", "nothing_to_report"),
    ]
