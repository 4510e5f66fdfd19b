"""The 平成2x 政策評価調書（個別票1） (layout budget-sheet-2016): samples/real/
mofa-h28-chousho-I-2-hokubei.txt, mofa-h28-chousho-I-3-chunanbei.txt and cao-fsc-h28-chousho-12.txt,
values read by hand from the text (their .expected.toml say where the hand reading and the reader
part: a value the text does not place in one cell is left empty and reported, never guessed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hyoka.core import AccountType, CellStatus, DocumentKind, Issue, Tier
from hyoka.importers import import_bytes
from hyoka.importers.result import ImportResult
from hyoka.services import check_file

REAL = Path(__file__).resolve().parents[3] / "samples" / "real"
HOKUBEI = REAL / "mofa-h28-chousho-I-2-hokubei.txt"
CHUNANBEI = REAL / "mofa-h28-chousho-I-3-chunanbei.txt"
FSC = REAL / "cao-fsc-h28-chousho-12.txt"
SAMPLE = REAL.parent / "mofa-r2-I-2-hokubei.txt"

Row = tuple[int, int | None, int | None, int | None, int | None, int | None]


def _import(path: Path) -> ImportResult:
    return import_bytes(path.read_bytes(), name=path.name)


def _value(cell: object) -> int | None:
    value = getattr(cell, "value", None)
    return None if value is None else int(value)


def _rows(result: ImportResult) -> list[Row]:
    return [
        (
            year.fiscal_year,
            _value(year.initial),
            _value(year.supplementary),
            _value(year.carryover),
            _value(year.total),
            _value(year.executed),
        )
        for year in result.report.budget.years
    ]


def _findings(result: ImportResult, code: str) -> list[Issue]:
    return [f for f in result.findings if f.code == code]


def _common(result: ImportResult, title: str) -> None:
    report = result.report
    assert result.layout == "budget-sheet-2016"
    assert (report.kind, report.ministry, report.measure_number, report.title, report.evaluation_year) == (
        DocumentKind.BUDGET_SHEET,
        "",
        "",
        title,
        2016,
    )
    assert report.budget.unit == "千円"
    sheet = report.budget_sheet
    assert sheet is not None
    assert (sheet.policy_name, sheet.evaluation_method, sheet.unit, sheet.current_year, sheet.next_year) == (
        title,
        "総合・実績・事業",
        "千円",
        2016,
        2017,
    )
    absent = {f.location for f in _findings(result, "H906")}
    assert {"/ministry", "/measure_number"} <= absent
    # the bare years 25年度 … 28年度 and 29年度 are read in 平成, the era the text names, and said so
    eras = [(f.input, f.context["era"], f.context["fiscal_year"]) for f in _findings(result, "H904")]
    assert eras[:5] == [
        ("25年度", "平成", 2013),
        ("26年度", "平成", 2014),
        ("27年度", "平成", 2015),
        ("28年度", "平成", 2016),
        ("29年度", "平成", 2017),
    ]


def test_mofa_h28_hokubei() -> None:
    result = _import(HOKUBEI)
    _common(result, "北米地域外交")
    sheet = result.report.budget_sheet
    assert sheet is not None
    assert (sheet.number, sheet.achievement) == (
        "②",
        "今年度はモニタリングのみのため,5段階達成度は記載できない",
    )
    assert (result.report.judgment.tier, result.report.judgment.monitoring_only) == (None, True)
    assert _rows(result) == [
        (2013, 297427, -107, 0, 297320, 291175),
        (2014, 275593, 0, 0, 275593, 261772),
        (2015, 512712, 0, 0, 512712, 463300),
        (2016, None, None, None, None, None),
    ]
    assert result.report.budget.years[0].supplementary.raw == "△ 107"
    # 506,335 and 496,768, printed after the label 29年度概算要求額: 28年度当初予算 and 29年度概算要求額
    # in some order the text does not confirm (no 個別票2 follows): kept in the finding, not placed
    assert sheet.totals == []
    [pair] = [f for f in _findings(result, "H902") if f.location == "/budget_sheet"]
    assert pair.input == "506,335 496,768"
    assert pair.context["years"] == [2016, 2017]
    # the mirror's title line and the 反映状況 text are not in the model, kept in H901
    assert [f.lines.first if f.lines else None for f in _findings(result, "H901")] == [1, 47]


def test_mofa_h28_chunanbei() -> None:
    result = _import(CHUNANBEI)
    _common(result, "中南米地域外交")
    sheet = result.report.budget_sheet
    assert sheet is not None
    # the whole table on one line: the name and the method run together (中南米地域外交総合・実績・事業)
    assert (sheet.number, sheet.achievement) == (
        "③",
        "今年度はモニタリングのみのため,5段階達成度は記載できない",
    )
    assert result.report.judgment.monitoring_only is True
    # 89,388 and 96,232: confirmed by the 個別票2 (86,388 + 3,000 and 89,201 + 7,031, both 一般)
    assert _rows(result) == [
        (2013, 72543, 0, 0, 72543, 58938),
        (2014, 73788, 0, 0, 73788, 64963),
        (2015, 95474, 0, 0, 95474, 71822),
        (2016, 89388, None, None, None, None),
    ]
    [total] = sheet.totals
    assert (total.account_type, _value(total.current_initial), _value(total.next_request)) == (
        AccountType.GENERAL,
        89388,
        96232,
    )
    assert _findings(result, "H902") == []
    unread = [f for f in _findings(result, "H901") if f.location == "/budget_sheet/sections"]
    assert len(unread) == 1 and unread[0].input is not None
    assert "中南米地域外交に必要な経費86,388 89,201" in unread[0].input
    prose = [f for f in _findings(result, "H901") if f.location == ""]
    assert len(prose) == 1 and (prose[0].input or "").startswith("平成29年度の予算要求では")


def test_cao_fsc_h28_sheet_12() -> None:
    result = _import(FSC)
    _common(result, "食品健康影響評価技術研究の推進")
    report = result.report
    sheet = report.budget_sheet
    assert sheet is not None
    assert (sheet.number, sheet.achievement) == ("12-①", "相当程度進展あり")
    assert (report.judgment.tier, report.judgment.label) == (Tier.SUBSTANTIAL_PROGRESS, "相当程度進展あり")
    # seven values (-64 0 0 0 0 0 0) for 補正予算 and 繰越し等: the 25–27年度 cells are the same either
    # way; the seventh (28年度's 補正予算 or 繰越し等) is not placed
    assert _rows(result) == [
        (2013, 190272, -64, 0, 190208, 184184),
        (2014, 194400, 0, 0, 194400, 187602),
        (2015, 194400, 0, 0, 194400, 186458),
        (2016, 194260, None, None, None, None),
    ]
    assert report.budget.years[3].supplementary.status is CellStatus.EMPTY
    h902 = {f.input: f for f in _findings(result, "H902")}
    assert set(h902) == {"0", "<0> <0> <0>"}
    assert h902["0"].context["candidates"] == ["平成28年度補正予算", "平成28年度繰越し等"]
    # 216,850 is the 29年度概算要求額 (the one cell left), but no 会計 is named: kept in a finding
    assert sheet.totals == []
    request = [f for f in _findings(result, "H901") if f.location == "/budget_sheet/totals"]
    assert [f.input for f in request] == ["216,850"]
    # the second sheet (12-②) is another policy: reported with its text, not read into this report
    [second] = [f for f in _findings(result, "H901") if f.location == "/budget_sheet"]
    assert second.lines is not None and (second.lines.first, second.lines.last) == (52, 95)
    assert "食品安全の確保に必要な総合的施策の推進" in second.message
    assert "12-②" in second.message


def test_the_second_fsc_sheet_alone_leaves_the_unconfirmed_rows_empty() -> None:
    """12-② on its own: three negatives (-65 -17 -36) and no 繰越し等 values; whether they are 補正予算
    or 繰越し等 the text does not say (a blank row is dropped), so both rows stay empty."""
    lines = FSC.read_text(encoding="utf-8").splitlines(keepends=True)[51:]
    result = import_bytes("".join(lines).encode("utf-8"), name="12-2")
    assert result.layout == "budget-sheet-2016"
    assert result.report.title == "食品安全の確保に必要な総合的施策の推進"
    # (this excerpt names no era: its bare years are read in document_era's default and reported)
    assert [row[1:] for row in _rows(result)] == [
        (26823, None, None, 26758, 19856),
        (27022, None, None, 27005, 24738),
        (26751, None, None, 26715, 23695),
        (None, None, None, None, None),
    ]
    inputs = [f.input for f in _findings(result, "H902")]
    assert "-65 -17 -36" in inputs and "25,330 45,983" in inputs


@pytest.mark.parametrize(
    ("path", "profile"),
    [(HOKUBEI, "mofa-2020"), (CHUNANBEI, "mofa-2020"), (FSC, "soumu")],
)
def test_checks_run(path: Path, profile: str) -> None:
    outcome = check_file(path, profile)
    assert outcome.imported.layout == "budget-sheet-2016"


def test_the_sample_is_still_detected_as_its_own_layouts() -> None:
    assert import_bytes(SAMPLE.read_bytes(), name=SAMPLE.name).layout == "mofa-2020"
    head = "".join(SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)[:27])
    assert import_bytes(head.encode("utf-8"), name="chousho").layout == "budget-sheet"
