"""H2 arithmetic checks: the sample is consistent (no finding); each planted error is found exactly once,
with its code, location, source lines and values, and nothing else; blanks are never read as 0 and
「の内数」 amounts are never added."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hyoka.core import (
    AccountType,
    Budget,
    BudgetSheet,
    BudgetSheetItem,
    BudgetSheetLine,
    BudgetSheetSection,
    BudgetYear,
    Cell,
    CellStatus,
    EvaluationReport,
    Issue,
    SectionKind,
    Severity,
    parse_cell,
)
from hyoka.importers import ImportResult
from hyoka.rules.checks import check_arithmetic
from hyoka.rules.codes import code
from hyoka.rules.profile import RuleProfile, load_profile

Brief = tuple[str, str, tuple[int, int] | None, dict[str, Any]]


@pytest.fixture(scope="module")
def profile() -> RuleProfile:
    return load_profile()


@pytest.fixture
def report(sample_result: ImportResult) -> EvaluationReport:
    """A fresh deep copy of the imported sample for each test to break."""
    return sample_result.report.model_copy(deep=True)


def sheet_of(report: EvaluationReport) -> BudgetSheet:
    assert report.budget_sheet is not None
    return report.budget_sheet


def brief(issue: Issue) -> Brief:
    lines = (issue.lines.first, issue.lines.last) if issue.lines is not None else None
    return issue.code, issue.location, lines, issue.context


def run(report: EvaluationReport, profile: RuleProfile) -> list[Brief]:
    issues = check_arithmetic(report, profile)
    for issue in issues:
        assert issue.severity is code(issue.code).severity
        assert issue.message and issue.message_en
        issue.model_dump_json()  # JSON-serialisable context
    return [brief(i) for i in issues]


# --- the sample ----------------------------------------------------------------------------------


def test_sample_is_consistent(sample_result: ImportResult, profile: RuleProfile) -> None:
    """370 / 678 / 671 (685 + 0 − 14), executed below total; 274,346 + 377,359 = 651,705 and
    230,045 + 342,153 = 572,198; 651,705千円 ≈ 652百万円 (difference 0.295 ≤ 0.5)."""
    assert check_arithmetic(sample_result.report, profile) == []


def test_check_does_not_change_the_report(sample_result: ImportResult, profile: RuleProfile) -> None:
    before = sample_result.report.model_dump_json()
    check_arithmetic(sample_result.report, profile)
    assert sample_result.report.model_dump_json() == before


# --- H201, H202, H203 on the sample --------------------------------------------------------------


def test_h201_wrong_total(report: EvaluationReport, profile: RuleProfile) -> None:
    """令和元年度 合計 672 instead of 685 + 0 + (△14) = 671. Executed 532 of 672 is still no H203."""
    report.budget.years[2].total = Cell.of(672)
    assert run(report, profile) == [
        (
            "H201",
            "/budget/years/2/total",
            (36, 41),
            {
                "fiscal_year": 2019,
                "unit": "百万円",
                "initial": 685,
                "supplementary": 0,
                "carryover": -14,
                "total": 672,
                "expected": 671,
            },
        )
    ]
    issue = check_arithmetic(report, profile)[0]
    assert issue.severity is Severity.ERROR
    assert issue.input == "672"
    assert issue.message == (
        "令和元年度 (2019年度)の予算の合計(a+b+c) 672百万円が、当初予算(a) 685・補正予算(b) 0・"
        "繰越し等(c) △14の和 671百万円と一致しません。"
    )
    assert issue.message_en == (
        "The total budget for FY2019 (Reiwa 1), 672 百万円, differs from initial 685 + supplementary 0 + "
        "carryover -14 = 671 百万円."
    )


def test_h201_carryover_sign_lost(report: EvaluationReport, profile: RuleProfile) -> None:
    """△14 read as 14: 685 + 0 + 14 = 699 ≠ 671."""
    report.budget.years[2].carryover = Cell.of(14)
    assert run(report, profile)[0][3]["expected"] == 699
    assert [b[:2] for b in run(report, profile)] == [("H201", "/budget/years/2/total")]


def test_h202_executed_above_total(report: EvaluationReport, profile: RuleProfile) -> None:
    report.budget.years[0].executed = Cell.of(400)
    assert run(report, profile) == [
        (
            "H202",
            "/budget/years/0/executed",
            (36, 41),
            {"fiscal_year": 2017, "unit": "百万円", "executed": 400, "total": 370},
        )
    ]


def test_h203_low_execution(report: EvaluationReport, profile: RuleProfile) -> None:
    """300 of 678 = 44.2% < 50%."""
    report.budget.years[1].executed = Cell.of(300)
    assert run(report, profile) == [
        (
            "H203",
            "/budget/years/1/executed",
            (36, 41),
            {
                "fiscal_year": 2018,
                "unit": "百万円",
                "executed": 300,
                "total": 678,
                "rate": 0.4425,
                "threshold": 0.5,
            },
        )
    ]
    assert check_arithmetic(report, profile)[0].severity is Severity.WARNING


# --- H204, H205, H206 on the sample --------------------------------------------------------------


def test_h204_item_changed(report: EvaluationReport, profile: RuleProfile) -> None:
    """外務本省 274,346 → 274,000: the 一般会計 小計 651,705 no longer adds up (274,000 + 377,359 =
    651,359). Only H204: the 小計 and 合計 are unchanged, so 合計 = Σ 小計 still holds (no H205), and the
    調書's 651,705千円 still matches 652百万円 (no H206). The 概算要求額 column is untouched."""
    sheet_of(report).sections[0].items[0].current_initial = Cell.of(274000)
    assert run(report, profile) == [
        (
            "H204",
            "/budget_sheet/sections/0/subtotals/0",
            (14, 15),
            {
                "account_type": "一般会計",
                "column": "current_initial",
                "unit": "千円",
                "subtotal": 651705,
                "items_sum": 651359,
                "items": [274000, 377359],
            },
        )
    ]
    assert check_arithmetic(report, profile)[0].input == "651,705"


def test_h204_next_request_checked_separately(report: EvaluationReport, profile: RuleProfile) -> None:
    sheet_of(report).sections[0].items[1].next_request = Cell.of(342154)
    assert run(report, profile) == [
        (
            "H204",
            "/budget_sheet/sections/0/subtotals/0",
            (14, 15),
            {
                "account_type": "一般会計",
                "column": "next_request",
                "unit": "千円",
                "subtotal": 572198,
                "items_sum": 572199,
                "items": [230045, 342154],
            },
        )
    ]


def test_h204_subtotal_changed_also_breaks_the_total(report: EvaluationReport, profile: RuleProfile) -> None:
    """小計 651,705 → 651,706: it no longer matches its items (H204), and the 合計 651,705 no longer
    matches Σ 小計 (H205). The 合計 itself is unchanged, so H206 stays quiet."""
    sheet_of(report).sections[0].subtotals[0].current_initial = Cell.of(651706)
    assert run(report, profile) == [
        (
            "H204",
            "/budget_sheet/sections/0/subtotals/0",
            (14, 15),
            {
                "account_type": "一般会計",
                "column": "current_initial",
                "unit": "千円",
                "subtotal": 651706,
                "items_sum": 651705,
                "items": [274346, 377359],
            },
        ),
        (
            "H205",
            "/budget_sheet/totals/0",
            (23, 24),
            {
                "account_type": "一般会計",
                "column": "current_initial",
                "unit": "千円",
                "total": 651705,
                "subtotals_sum": 651706,
                "subtotals": [651706],
            },
        ),
    ]


def test_h205_total_next_request_changed(report: EvaluationReport, profile: RuleProfile) -> None:
    """合計 概算要求額 572,198 → 572,199: H205 only (H206 compares the current initial budget)."""
    sheet_of(report).totals[0].next_request = Cell.of(572199)
    assert run(report, profile) == [
        (
            "H205",
            "/budget_sheet/totals/0",
            (23, 24),
            {
                "account_type": "一般会計",
                "column": "next_request",
                "unit": "千円",
                "total": 572199,
                "subtotals_sum": 572198,
                "subtotals": [572198],
            },
        )
    ]


def test_h205_total_current_initial_changed(report: EvaluationReport, profile: RuleProfile) -> None:
    """合計 当初予算額 651,705 → 650,705: H205, and as a consequence H206 — 650.705百万円 is 1.295 off
    the report's 652百万円, more than the 0.5 allowed for rounding."""
    sheet_of(report).totals[0].current_initial = Cell.of(650705)
    assert run(report, profile) == [
        (
            "H205",
            "/budget_sheet/totals/0",
            (23, 24),
            {
                "account_type": "一般会計",
                "column": "current_initial",
                "unit": "千円",
                "total": 650705,
                "subtotals_sum": 651705,
                "subtotals": [651705],
            },
        ),
        (
            "H206",
            "/budget_sheet/totals",
            (23, 24),
            {
                "fiscal_year": 2020,
                "sheet_total": 650705,
                "sheet_unit": "千円",
                "sheet_total_converted": 650.705,
                "report_initial": 652,
                "report_unit": "百万円",
                "difference": -1.295,
                "tolerance": 0.5,
                "report_location": "/budget/years/3/initial",
                "account_types": ["一般会計"],
            },
        ),
    ]


def test_h206_report_initial_changed(report: EvaluationReport, profile: RuleProfile) -> None:
    """令和2年度 当初予算 652 → 662: the 調書 is consistent in itself; only H206."""
    report.budget.years[3].initial = Cell.of(662)
    (only,) = run(report, profile)
    assert only[:3] == ("H206", "/budget_sheet/totals", (23, 24))
    assert only[3]["difference"] == -10.295
    assert only[3]["report_initial"] == 662
    (issue,) = check_arithmetic(report, profile)
    assert issue.message == (
        "調書の令和2年度 (2020年度)当初予算額の合計 651,705千円(651.705百万円)が、"
        "評価書の令和2年度 (2020年度)当初予算 662百万円と一致しません(差 △10.295百万円、許容 0.5百万円)。"
    )
    assert issue.message_en == (
        "The 調書's initial budget for FY2020 (Reiwa 2), 651,705 千円 (651.705 百万円), differs from the "
        "report's initial budget of 662 百万円 by -10.295 百万円 (tolerance 0.5 百万円)."
    )


def test_h206_consistent_sheet_far_from_the_report(report: EvaluationReport, profile: RuleProfile) -> None:
    """Item, 小計 and 合計 all raised by 10,000千円 together: the 調書 adds up, but 661.705 ≠ 652."""
    sheet = sheet_of(report)
    sheet.sections[0].items[0].current_initial = Cell.of(284346)
    sheet.sections[0].subtotals[0].current_initial = Cell.of(661705)
    sheet.totals[0].current_initial = Cell.of(661705)
    assert [b[:3] for b in run(report, profile)] == [("H206", "/budget_sheet/totals", (23, 24))]


@pytest.mark.parametrize(
    ("initial", "found"),
    [
        ("651", True),
        ("651.3", False),
        ("651.2", True),
        ("652.2", False),
        ("652.205", False),
        ("652.21", True),
    ],
)
def test_h206_rounding_tolerance(
    report: EvaluationReport, profile: RuleProfile, initial: str, found: bool
) -> None:
    """651.705 against the report's figure: a difference of at most 0.5 (百万円) is rounding."""
    report.budget.years[3].initial = Cell.of(Decimal(initial))
    assert bool(run(report, profile)) is found


def test_h206_skipped_without_a_comparable_year(report: EvaluationReport, profile: RuleProfile) -> None:
    report.budget.years[3].initial = Cell(status=CellStatus.NOTHING_TO_REPORT, raw="-")
    assert run(report, profile) == []
    report.budget.years[3].initial = Cell.of(999)
    sheet_of(report).current_year = None
    assert run(report, profile) == []
    sheet_of(report).current_year = 2021  # no 令和3年度 column in the budget table
    assert run(report, profile) == []


def test_h206_unknown_unit_is_not_compared(report: EvaluationReport, profile: RuleProfile) -> None:
    report.budget.years[3].initial = Cell.of(999)
    report.budget.unit = "百万ドル"
    assert run(report, profile) == []


# --- hand-built: the budget table ----------------------------------------------------------------


def budget_report(*years: BudgetYear, sheet: BudgetSheet | None = None) -> EvaluationReport:
    return EvaluationReport(
        ministry="外務省",
        measure_number="I-2",
        title="北米地域外交",
        evaluation_year=2020,
        budget=Budget(years=list(years)),
        budget_sheet=sheet,
    )


def year(initial: str, supplementary: str, carryover: str, total: str, executed: str = "") -> BudgetYear:
    return BudgetYear(
        fiscal_year=2019,
        initial=parse_cell(initial),
        supplementary=parse_cell(supplementary),
        carryover=parse_cell(carryover),
        total=parse_cell(total),
        executed=parse_cell(executed),
    )


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (("685", "0", "△14", "671"), None),
        (("685", "0", "▲14", "671"), None),
        (("685", "0", "△14", "699"), 671),
        (("685", "0", "14", "671"), 699),
        (("0", "0", "0", "0"), None),
        (("0", "0", "0", "1"), 0),
        (("1,000", "200", "△1,200", "0"), None),
    ],
)
def test_h201_negatives_and_zeros(
    profile: RuleProfile, cells: tuple[str, str, str, str], expected: int | None
) -> None:
    found = run(budget_report(year(*cells)), profile)
    if expected is None:
        assert found == []
    else:
        assert [(b[0], b[1], b[3]["expected"]) for b in found] == [
            ("H201", "/budget/years/0/total", expected)
        ]


BLANKS = {
    "empty": Cell.empty(),
    "nothing to report": parse_cell("-"),
    "dash": parse_cell("—"),
    "unreadable (H905)": Cell(status=CellStatus.EMPTY, raw="集計中"),
}


@pytest.mark.parametrize("blank", BLANKS.values(), ids=BLANKS.keys())
@pytest.mark.parametrize("field", ["initial", "supplementary", "carryover", "total"])
def test_h201_a_blank_is_never_0(profile: RuleProfile, blank: Cell, field: str) -> None:
    """A blank anywhere in 685 + 0 + 0 = 685 (or = 999): were it read as 0, the first would pass and the
    second fail, or the reverse. A blank is not a number: the sum is not checked either way."""
    for total in ("685", "999"):
        y = year("685", "0", "0", total)
        setattr(y, field, blank)
        assert run(budget_report(y), profile) == []


def test_h201_zero_is_a_number(profile: RuleProfile) -> None:
    """「0」 is a value: 685 + 0 + 0 ≠ 999 is checked."""
    found = run(budget_report(year("685", "0", "0", "999")), profile)
    assert [(b[0], b[3]["supplementary"], b[3]["expected"]) for b in found] == [("H201", 0, 685)]


def test_h202_h203_need_values(profile: RuleProfile) -> None:
    assert run(budget_report(year("370", "0", "0", "370", "")), profile) == []
    assert run(budget_report(year("370", "0", "0", "370", "-")), profile) == []
    assert run(budget_report(year("370", "0", "0", "", "400")), profile) == []
    # a total of 0 has no execution rate (no division by zero), and 0 executed of 0 is not above it
    assert run(budget_report(year("0", "0", "0", "0", "0")), profile) == []


def test_h203_threshold_is_strict(profile: RuleProfile) -> None:
    """Exactly 50% is not below 50%; 49.9% is."""
    assert run(budget_report(year("1000", "0", "0", "1000", "500")), profile) == []
    found = run(budget_report(year("1000", "0", "0", "1000", "499")), profile)
    assert [(b[0], b[3]["rate"]) for b in found] == [("H203", 0.499)]


def test_h203_negative_total_has_no_rate(profile: RuleProfile) -> None:
    """A total of △5 with 0 executed: no rate (total ≤ 0); 0 > △5 is executed above total."""
    found = run(budget_report(year("0", "0", "△5", "△5", "0")), profile)
    assert [b[:2] for b in found] == [("H202", "/budget/years/0/executed")]


# --- hand-built: the 調書 ------------------------------------------------------------------------


def item(current: str, request: str = "", account: str = "一般", current_incl: str = "") -> BudgetSheetItem:
    return BudgetSheetItem(
        account=account,
        organization="外務本省",
        item="地域別外交費",
        sub_item="北米地域外交に必要な経費",
        current_initial=parse_cell(current),
        next_request=parse_cell(request),
        current_initial_inclusive=parse_cell(current_incl),
    )


def line(account: AccountType, current: str, request: str = "", current_incl: str = "") -> BudgetSheetLine:
    return BudgetSheetLine(
        account_type=account,
        current_initial=parse_cell(current),
        next_request=parse_cell(request),
        current_initial_inclusive=parse_cell(current_incl),
    )


G, S = AccountType.GENERAL, AccountType.SPECIAL


def sheet(*sections: BudgetSheetSection, totals: list[BudgetSheetLine] | None = None) -> BudgetSheet:
    return BudgetSheet(
        policy_name="北米地域外交", current_year=2020, sections=list(sections), totals=totals or []
    )


def section(items: list[BudgetSheetItem], *subtotals: BudgetSheetLine) -> BudgetSheetSection:
    return BudgetSheetSection(
        kind=SectionKind.EVALUATED,
        label="政策評価の対象となっているもの",
        items=items,
        subtotals=list(subtotals),
    )


def sheet_findings(profile: RuleProfile, s: BudgetSheet) -> list[tuple[str, str, Any]]:
    return [
        (b[0], b[1], (b[3]["column"], b[3].get("items_sum", b[3].get("subtotals_sum"))))
        for b in run(budget_report(sheet=s), profile)
    ]


def test_h204_section_with_no_items(profile: RuleProfile) -> None:
    """No items: a 小計 of 100 counts something that is not there; 0, 「-」 or empty is fine."""
    assert sheet_findings(profile, sheet(section([], line(G, "100")))) == [
        ("H204", "/budget_sheet/sections/0/subtotals/0", ("current_initial", 0))
    ]
    for blank in ("0", "-", ""):
        assert sheet_findings(profile, sheet(section([], line(G, blank, blank)))) == []


def test_h204_missing_subtotal(profile: RuleProfile) -> None:
    """Items adding up to 300 under a 小計 left empty or 「-」: the 小計 is missing. Items adding up to 0
    under an empty 小計 are fine."""
    for blank in ("", "-"):
        found = run(budget_report(sheet=sheet(section([item("100"), item("200")], line(G, blank)))), profile)
        assert found == [
            (
                "H204",
                "/budget_sheet/sections/0/subtotals/0",
                None,
                {
                    "account_type": "一般会計",
                    "column": "current_initial",
                    "unit": "千円",
                    "subtotal": None,
                    "items_sum": 300,
                    "items": [100, 200],
                },
            )
        ]
    assert sheet_findings(profile, sheet(section([item("0"), item("-")], line(G, "")))) == []
    assert sheet_findings(profile, sheet(section([item("△100"), item("100")], line(G, "")))) == []


def test_h204_item_blanks_are_not_added(profile: RuleProfile) -> None:
    """An item with 「-」 or an empty cell adds nothing: it is not an amount (it is not read as 0 either —
    the sum is the sum of the values present)."""
    s = sheet(section([item("100", "-"), item("-", "50"), item("", "")], line(G, "100", "50")))
    assert sheet_findings(profile, s) == []


def test_h204_unreadable_item_skips_the_sum(profile: RuleProfile) -> None:
    """A cell that was not a number at import (H905, kept as empty with its text) has an unknown amount:
    the sum it takes part in is not checked; the other column still is."""
    unreadable = item("100", "10")
    unreadable = unreadable.model_copy(
        update={"current_initial": Cell(status=CellStatus.EMPTY, raw="集計中")}
    )
    s = sheet(section([unreadable, item("200", "20")], line(G, "999", "31")))
    assert sheet_findings(profile, s) == [
        ("H204", "/budget_sheet/sections/0/subtotals/0", ("next_request", 30))
    ]


def test_h204_inclusive_amounts_are_never_added(profile: RuleProfile) -> None:
    """「<5,000,000>の内数」: a share of a larger item counted elsewhere. It is not in the 小計 …"""
    items = [item("274,346", "230,045"), item("", "", current_incl="5,000,000"), item("377,359", "342,153")]
    good = sheet(
        section(items, line(G, "651,705", "572,198", current_incl="5,000,000")),
        totals=[line(G, "651,705", "572,198", current_incl="5,000,000")],
    )
    assert sheet_findings(profile, good) == []
    # … and a 小計 (or 合計) that added it is wrong
    bad = sheet(section(items, line(G, "5,651,705", "572,198")), totals=[line(G, "5,651,705", "572,198")])
    assert sheet_findings(profile, bad) == [
        ("H204", "/budget_sheet/sections/0/subtotals/0", ("current_initial", 651705))
    ]


def test_h204_accounts_are_kept_apart(profile: RuleProfile) -> None:
    """一般 items add to the 一般会計 小計, 特別 (or a named 特別会計) items to the 特別会計 小計."""
    items = [
        item("100"),
        item("40", account="特別"),
        item("2", account="東日本大震災復興特別会計"),
        item("7"),
    ]
    assert sheet_findings(profile, sheet(section(items, line(G, "107"), line(S, "42")))) == []
    assert sheet_findings(profile, sheet(section(items, line(G, "149"), line(S, "42")))) == [
        ("H204", "/budget_sheet/sections/0/subtotals/0", ("current_initial", 107))
    ]
    assert sheet_findings(profile, sheet(section(items, line(G, "107"), line(S, "")))) == [
        ("H204", "/budget_sheet/sections/0/subtotals/1", ("current_initial", 42))
    ]


def test_h205_sums_subtotals_across_sections(profile: RuleProfile) -> None:
    evaluated = section([item("100", "10")], line(G, "100", "10"), line(S, ""))
    other = section([item("20", "2"), item("5", account="特別")], line(G, "20", "2"), line(S, "5"))
    totals = [line(G, "120", "12"), line(S, "5")]
    assert sheet_findings(profile, sheet(evaluated, other, totals=totals)) == []
    totals = [line(G, "100", "12"), line(S, "")]
    assert sheet_findings(profile, sheet(evaluated, other, totals=totals)) == [
        ("H205", "/budget_sheet/totals/0", ("current_initial", 120)),
        ("H205", "/budget_sheet/totals/1", ("current_initial", 5)),
    ]


def test_h205_all_blank_is_consistent(profile: RuleProfile) -> None:
    """The sample's 特別会計 lines: every 小計 and the 合計 empty. Nothing to add, nothing to report."""
    s = sheet(section([], line(S, "")), section([], line(S, "-")), totals=[line(S, "", "")])
    assert sheet_findings(profile, s) == []


def test_h205_a_total_without_sections_is_not_compared(profile: RuleProfile) -> None:
    """A 個別票1 read without its 個別票2 (mofa-h28-chousho-I-3-chunanbei): the 合計 89,388 has no 小計
    beside it; 「小計の和 0千円」 would be a finding about an absent table, not about the numbers."""
    assert sheet_findings(profile, sheet(totals=[line(G, "89,388", "96,232")])) == []


def test_h206_adds_general_and_special_totals(profile: RuleProfile) -> None:
    """The 調書's current initial budget is 一般会計 + 特別会計: 600,000 + 52,000千円 = 652百万円."""
    s = sheet(
        section([item("600,000"), item("52,000", account="特別")], line(G, "600,000"), line(S, "52,000")),
        totals=[line(G, "600,000"), line(S, "52,000")],
    )
    budget_year = BudgetYear(fiscal_year=2020, initial=Cell.of(652))
    assert run(budget_report(budget_year, sheet=s), profile) == []
    budget_year.initial = Cell.of(600)
    found = run(budget_report(budget_year, sheet=s), profile)
    assert [(b[0], b[1], b[3]["sheet_total"], b[3]["account_types"]) for b in found] == [
        ("H206", "/budget_sheet/totals", 652000, ["一般会計", "特別会計"])
    ]


# --- a property: consistent tables are never flagged ---------------------------------------------

amounts = st.integers(min_value=-(10**9), max_value=10**9)


@given(st.lists(amounts, max_size=6), st.lists(amounts, max_size=6), amounts, amounts, amounts)
def test_consistent_tables_are_never_flagged(
    current: list[int], request: list[int], initial: int, supplementary: int, carryover: int
) -> None:
    profile = load_profile()
    n = min(len(current), len(request))
    items = [item(str(c), str(r)) for c, r in zip(current[:n], request[:n], strict=True)]
    sub = line(G, str(sum(current[:n])), str(sum(request[:n])))
    total = line(G, str(sum(current[:n])), str(sum(request[:n])))
    s = sheet(section(items, sub), totals=[total])
    this_year = BudgetYear(
        fiscal_year=2020, initial=Cell.of(round(Decimal(sum(current[:n])) / 1000)), total=Cell.empty()
    )
    last_year = BudgetYear(
        fiscal_year=2019,
        initial=Cell.of(initial),
        supplementary=Cell.of(supplementary),
        carryover=Cell.of(carryover),
        total=Cell.of(initial + supplementary + carryover),
    )
    assert check_arithmetic(budget_report(last_year, this_year, sheet=s), profile) == []
