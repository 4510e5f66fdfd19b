"""A partial document is read for what it holds (issue 14): the sample's 調書 alone is a 調書, the
sample without its header is the report with H906 for each absent part, the sample cut short is
the part that is there; only a text with no block at all is refused. Values read by hand from
samples/mofa-r2-I-2-hokubei.txt (lines 1–26: the 調書; 28, 30, 32: the header)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from hyoka.core import DocumentKind, Tier
from hyoka.importers import NotAReportError, import_bytes, import_text
from hyoka.importers.layout import bundled_layouts

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "mofa-r2-I-2-hokubei.txt"
LINES = SAMPLE.read_text(encoding="utf-8").split("\n")
HEADER = {27, 29, 31}
"""The header lines (0-based): 「施策 I - 2 北米地域外交」, 「令和 2 年度政策評価書」,
「(外務省 1 - I - 2)」."""


def _text(lines: list[str]) -> bytes:
    return "\n".join(lines).encode("utf-8")


def test_the_sample_is_read_with_the_mofa_2020_layout() -> None:
    result = import_bytes(SAMPLE.read_bytes(), name=SAMPLE.name)
    assert (result.layout, result.report.kind, result.report.measure_number) == (
        "mofa-2020",
        DocumentKind.EVALUATION,
        "I-2",
    )
    assert [f.code for f in result.findings if f.code == "H906"] == []


def test_the_samples_budget_sheet_alone_is_a_budget_sheet() -> None:
    result = import_bytes(_text(LINES[:27]), name="chousho.txt")
    report = result.report
    assert result.layout == "budget-sheet"
    assert (report.kind, report.ministry, report.measure_number, report.title, report.evaluation_year) == (
        DocumentKind.BUDGET_SHEET,
        "",
        "",
        "北米地域外交",
        2020,
    )
    assert (report.judgment.tier, report.judgment.label) == (Tier.SUBSTANTIAL_PROGRESS, "相当程度進展あり")
    sheet = report.budget_sheet
    assert sheet is not None
    assert (sheet.number, sheet.unit, sheet.current_year) == ("②", "千円", 2020)
    items = sheet.sections[0].items
    assert [(i.organization, i.current_initial.value, i.next_request.value) for i in items] == [
        ("外務本省", Decimal(274346), Decimal(230045)),
        ("在外公館", Decimal(377359), Decimal(342153)),
    ]
    assert [(t.account_type.value, t.current_initial.value, t.next_request.value) for t in sheet.totals] == [
        ("一般会計", Decimal(651705), Decimal(572198)),
        ("特別会計", None, None),
    ]
    absent = [(f.location, f.message, f.message_en) for f in result.findings if f.code == "H906"]
    assert absent == [
        (
            "/ministry",
            "政策評価調書には府省名がありません。府省名は空欄です。",
            "A 政策評価調書 does not name its ministry; the ministry is left empty.",
        ),
        (
            "/measure_number",
            "政策評価調書だけの文書です。施策番号と評価書の各欄(施策目標、測定指標、評価結果)はありません。",
            "The document is a 政策評価調書 only: it has no measure number and none of the 評価書's parts "
            "(施策目標, 測定指標, 評価結果).",
        ),
    ]
    assert [f.code for f in result.findings if f.code == "H901"] == []


def test_a_budget_sheet_in_a_monitoring_year_keeps_it() -> None:
    """A 調書 whose 政策目標の達成度合い says 「モニタリングのみ」 (as the 平成28年度 調書 of
    samples/real/mofa-h28-chousho-I-2-hokubei.txt do) is a monitoring year, whichever 様式 it is on."""
    written = "今年度はモニタリングのみのため、5段階達成度は記載できない"
    lines = [line.replace("相当程度進展あり", written) for line in LINES[:27]]
    result = import_bytes(_text(lines), name="chousho.txt")
    report = result.report
    assert result.layout == "budget-sheet"
    assert report.budget_sheet is not None
    assert report.budget_sheet.achievement == written
    judgment = report.judgment
    assert (judgment.tier, judgment.label, judgment.monitoring_only) == (None, None, True)


def test_the_sample_without_its_header_is_the_report_with_each_absent_part_reported() -> None:
    result = import_bytes(_text([line for n, line in enumerate(LINES) if n not in HEADER]), name="nohead.txt")
    report = result.report
    assert result.layout == "mofa-2020"
    assert (report.kind, report.ministry, report.measure_number, report.title, report.evaluation_year) == (
        DocumentKind.EVALUATION,
        "外務省",
        "",
        "北米地域外交",
        2020,
    )
    assert (len(report.areas), len(report.indicators()), report.judgment.tier) == (
        3,
        9,
        Tier.SUBSTANTIAL_PROGRESS,
    )
    absent = [(f.location, f.message) for f in result.findings if f.code == "H906"]
    assert absent == [
        (
            "/evaluation_year",
            "評価年度の行(「令和2年度政策評価書」)がありません。"
            "施策の予算額・執行額等から令和2年度 (2020年度)と読みました。",
        ),
        ("/measure_number", "施策番号の行(「施策I-2」)がありません。施策番号は空欄です。"),
        (
            "/ministry",
            "府省名の行(「(外務省1-I-2)」)がありません。"
            "様式「外務省 政策評価書（目標管理型、令和2年度の様式）」の府省「外務省」としました。",
        ),
    ]


def test_the_sample_cut_short_is_the_part_that_is_there() -> None:
    result = import_bytes(_text(LINES[:200]), name="cut.txt")
    report = result.report
    assert (result.layout, report.measure_number, report.evaluation_year, report.ministry) == (
        "mofa-2020",
        "I-2",
        2020,
        "外務省",
    )
    assert [area.title for area in report.areas] == ["北米諸国との政治分野での協力推進"]


def test_a_forced_layout_reads_what_its_reader_reads_and_keeps_the_rest_in_findings() -> None:
    result = import_text(SAMPLE.read_text(encoding="utf-8"), name=SAMPLE.name, layout="budget-sheet")
    assert (result.layout, result.report.kind, result.report.title) == (
        "budget-sheet",
        DocumentKind.BUDGET_SHEET,
        "北米地域外交",
    )
    kept = [f for f in result.findings if f.code == "H901"]
    assert [(f.lines.first, f.lines.last) for f in kept if f.lines is not None] == [(28, len(LINES))]
    assert kept[0].input is not None
    assert kept[0].input.startswith("施策I-2北米地域外交\n令和2年度政策評価書\n(外務省1-I-2)")


def test_a_text_with_no_block_is_refused_in_one_line() -> None:
    with pytest.raises(NotAReportError) as caught:
        import_bytes("議事録\n開会の挨拶\n".encode(), name="minutes.txt")
    assert (str(caught.value), caught.value.text("en")) == (
        "minutes.txt: 評価書・政策評価調書・事前分析表として読める部分がありません"
        "（どのレイアウトの見出しも見つかりません）",
        "minutes.txt: no 評価書, 政策評価調書 or 事前分析表 found (no heading of any layout)",
    )


def test_an_unknown_layout_is_refused_naming_the_layouts() -> None:
    with pytest.raises(NotAReportError) as caught:
        import_bytes(SAMPLE.read_bytes(), name=SAMPLE.name, layout="mhlw-1999")
    layouts = ", ".join(bundled_layouts())
    assert (str(caught.value), caught.value.text("en")) == (
        f"{SAMPLE.name}: 「mhlw-1999」という名前のレイアウトはありません（レイアウト: {layouts}）",
        f"{SAMPLE.name}: no layout named 'mhlw-1999' (layouts: {layouts})",
    )
