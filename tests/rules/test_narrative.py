"""H4 narrative checks: the sample's text is consistent (no finding); each planted error is found
exactly once, with its code, location, source lines and values; hand-built texts cover the shapes
that must not be read as a breakdown."""

from __future__ import annotations

from typing import Any

import pytest

from hyoka.core import (
    Area,
    Cell,
    CellStatus,
    EvaluationReport,
    ExpertOpinion,
    ExpertOpinions,
    Indicator,
    IndicatorAnalysis,
    IndicatorKind,
    IndicatorYear,
    Issue,
    Paragraph,
    Series,
    SeriesValue,
)
from hyoka.importers import ImportResult
from hyoka.rules.checks import check_narrative
from hyoka.rules.checks.narrative import narrative_texts
from hyoka.rules.codes import code
from hyoka.rules.profile import RuleProfile, load_profile

KAKEHASHI = "/areas/0/indicators/1/years/0/progress/5"  # 「…招へい1,220名(米国1,100名、カナダ120名)…」
ANALYSIS_1_3 = "/areas/0/analysis/2/paragraphs/0"  # 「…目標値18回の倍以上の41回の…」
ANALYSIS_1_4 = "/areas/0/analysis/3/paragraphs/0"  # 「…会談数は10回…」
ANALYSIS_1_5_FY2018 = "/areas/0/analysis/4/paragraphs/1"


@pytest.fixture(scope="module")
def profile() -> RuleProfile:
    return load_profile()


@pytest.fixture
def report(sample_result: ImportResult) -> EvaluationReport:
    """A fresh deep copy of the imported sample for each test to break."""
    return sample_result.report.model_copy(deep=True)


def brief(issue: Issue) -> tuple[str, str, tuple[int, int] | None, dict[str, Any]]:
    lines = (issue.lines.first, issue.lines.last) if issue.lines is not None else None
    return issue.code, issue.location, lines, issue.context


def run(report: EvaluationReport, profile: RuleProfile) -> list[tuple[str, str, tuple[int, int] | None, Any]]:
    issues = check_narrative(report, profile)
    for issue in issues:
        assert issue.severity is code(issue.code).severity
        assert issue.message and issue.message_en
        issue.model_dump_json()  # JSON-serialisable context
    return [brief(i) for i in issues]


def paragraph_at(report: EvaluationReport, pointer: str) -> Paragraph:
    node: Any = report
    for part in pointer.strip("/").split("/"):
        node = node[int(part)] if part.isdigit() else getattr(node, part)
    assert isinstance(node, Paragraph)
    return node


def replace_in(report: EvaluationReport, pointer: str, old: str, new: str) -> None:
    paragraph = paragraph_at(report, pointer)
    assert old in paragraph.text, f"{pointer} does not hold {old!r}"
    paragraph.text = paragraph.text.replace(old, new, 1)


def set_actual(
    report: EvaluationReport, area: int, indicator: int, year: int, index: int, cell: Cell
) -> None:
    values = report.areas[area].indicators[indicator].years[year].actuals
    values[index] = values[index].model_copy(update={"value": cell})


# --- the sample ----------------------------------------------------------------------------------


def test_the_sample_has_no_narrative_finding(report: EvaluationReport, profile: RuleProfile) -> None:
    assert run(report, profile) == []


def test_every_paragraph_and_opinion_is_read(report: EvaluationReport) -> None:
    pointers = [pointer for pointer, _, _ in narrative_texts(report)]
    assert len(pointers) == len(set(pointers))
    assert KAKEHASHI in pointers and ANALYSIS_1_4 in pointers
    assert "/areas/0/outline/0" in pointers
    assert "/areas/0/indicators/0/years/0/target_text/0" in pointers
    assert "/areas/0/next_steps/measure/0" in pointers
    assert "/areas/0/next_steps/indicators/0/paragraphs/0" in pointers
    assert "/expert_opinions/opinions/5" in pointers
    for pointer, _, text in narrative_texts(report):
        if not pointer.startswith("/expert_opinions"):
            assert paragraph_at(report, pointer).text == text


# --- H401 planted in the sample --------------------------------------------------------------------


def test_h401_parenthetical_breakdown(report: EvaluationReport, profile: RuleProfile) -> None:
    replace_in(report, KAKEHASHI, "招へい1,220名", "招へい1,230名")
    assert run(report, profile) == [
        (
            "H401",
            KAKEHASHI,
            (235, 235),
            {"kind": "parenthetical", "total": 1230, "parts": [1100, 120], "sum": 1220, "unit": "名"},
        )
    ]
    issue = check_narrative(report, profile)[0]
    assert issue.input == "1,230名(米国1,100名、カナダ120名)"
    assert "1,230名" in issue.message and "1,220名" in issue.message


def test_h401_second_breakdown_in_the_same_paragraph(report: EvaluationReport, profile: RuleProfile) -> None:
    replace_in(report, KAKEHASHI, "カナダ38名", "カナダ39名")
    assert run(report, profile) == [
        (
            "H401",
            KAKEHASHI,
            (235, 235),
            {"kind": "parenthetical", "total": 409, "parts": [371, 39], "sum": 410, "unit": "名"},
        )
    ]


def test_h401_sentence_total_of_meetings(report: EvaluationReport, profile: RuleProfile) -> None:
    replace_in(report, ANALYSIS_1_4, "会談数は10回", "会談数は11回")
    found = run(report, profile)
    assert found[0] == (
        "H401",
        ANALYSIS_1_4,
        (375, 375),
        {"kind": "sentence", "total": 11, "parts": [4, 6], "sum": 10, "unit": "回"},
    )
    # the same sentence now also disagrees with the table (10): that is H402, and only that
    assert [f[:2] for f in found[1:]] == [("H402", ANALYSIS_1_4)]
    assert found[1][3]["stated"] == 11 and found[1][3]["table"] == 10


def test_h401_sentence_item_changed(report: EvaluationReport, profile: RuleProfile) -> None:
    replace_in(report, ANALYSIS_1_4, "外相会談を6回", "外相会談を5回")
    assert run(report, profile) == [
        (
            "H401",
            ANALYSIS_1_4,
            (375, 375),
            {"kind": "sentence", "total": 10, "parts": [4, 5], "sum": 9, "unit": "回"},
        )
    ]


def test_h401_subset_in_parentheses_is_not_a_breakdown(
    report: EvaluationReport, profile: RuleProfile
) -> None:
    # 「(うち3回は電話会談)」 is a subset of the 4: changing it breaks no sum
    replace_in(report, ANALYSIS_1_4, "うち3回は電話会談", "うち9回は電話会談")
    assert run(report, profile) == []


# --- H401 hand-built -------------------------------------------------------------------------------


def text_report(*texts: str, opinions: tuple[str, ...] = ()) -> EvaluationReport:
    return EvaluationReport(
        ministry="外務省",
        measure_number="I-2",
        title="北米地域外交",
        evaluation_year=2020,
        areas=[Area(number=1, title="分野", outline=[Paragraph(text=t) for t in texts])],
        expert_opinions=ExpertOpinions(opinions=[ExpertOpinion(text=t) for t in opinions]),
    )


def h401(*texts: str) -> list[tuple[str, dict[str, Any]]]:
    issues = check_narrative(text_report(*texts), load_profile())
    assert all(i.code == "H401" for i in issues)
    return [(i.location, i.context) for i in issues]


@pytest.mark.parametrize(
    "text",
    [
        "招へい1,220名(米国1,100名、カナダ120名)を実施した。",
        "派遣10名(米国7名(うち学生2名)、カナダ3名)を実施した。",
        "招へい1,220名(米国1,100名及びカナダ120名)を実施した。",
        "招へい1,220名(内訳:米国1,100名、カナダ120名)を実施した。",
        "招へい1,220名(米国1,100名、カナダ120名、うち学生50名)を実施した。",
        "首脳会談を4回、外相会談を6回行い、会談数は10回となった。",
        "首脳会談を4回(うち3回は電話会談)、外相会談を6回行い、計10回となった。",
        "A事業3件、B事業4件の計7件を実施した。",
        "A事業3件、B事業4件、計7件を実施した。",
    ],
)
def test_consistent_totals_give_nothing(text: str) -> None:
    assert h401(text) == []


@pytest.mark.parametrize(
    ("text", "context"),
    [
        (
            "派遣10名(米国8名(うち学生2名)、カナダ3名)を実施した。",
            {"kind": "parenthetical", "total": 10, "parts": [8, 3], "sum": 11, "unit": "名"},
        ),
        (
            "招へい1,220名(米国1,100名、カナダ110名、うち学生50名)を実施した。",
            {"kind": "parenthetical", "total": 1220, "parts": [1100, 110], "sum": 1210, "unit": "名"},
        ),
        (
            "首脳会談を4回、外相会談を6回行い、合計11回となった。",
            {"kind": "sentence", "total": 11, "parts": [4, 6], "sum": 10, "unit": "回"},
        ),
        (
            "A事業3件、B事業4件の計8件を実施した。",
            {"kind": "list", "total": 8, "parts": [3, 4], "sum": 7, "unit": "件"},
        ),
        (
            "予算1.5億円(A事業0.7億円、B事業0.9億円)を計上した。",
            {"kind": "parenthetical", "total": 1.5, "parts": [0.7, 0.9], "sum": 1.6, "unit": "億円"},
        ),
    ],
)
def test_inconsistent_totals_are_found(text: str, context: dict[str, Any]) -> None:
    assert h401(text) == [("/areas/0/outline/0", context)]


@pytest.mark.parametrize(
    "text",
    [
        # a subset introduced by うち: never added up
        "招へい1,220名(うち米国1,000名)を実施した。",
        "招へい1,220名(うち米国1,000名、カナダ100名)を実施した。",
        # approximate figures
        "約1,300名(米国1,100名、カナダ120名)を招へいした。",
        "1,300名(米国約1,100名、カナダ120名)を招へいした。",
        "1,300名(米国1,100名以上、カナダ120名)を招へいした。",
        # items in other units, percentages, per-item counts, labels with digits
        "1,300名(米国1,100名、カナダ120件)を招へいした。",
        "回答者1,000人(一般の部で87%、有識者の部で86%)",
        "30名(3か国から各10名)を招へいした。",
        "22名(平成29年度10名、平成30年度12名)を招へいした。",
        "計108件(平成29年3月~12月)の取組",
        "参加民間企業・機関(計12社)",
        # one item is not a breakdown
        "1,300名(米国1,100名)を招へいした。",
        # a count in the same unit that is neither an item nor the total: ambiguous
        "首脳会談を4回、次官級で3回、外相会談を6回行い、会談数は13回となった。",
        # the total of a subset
        "首脳会談を4回、外相会談を6回行い、そのうち電話会談の数は5回であった。",
        # two totals in one sentence
        "首脳会談を4回、外相会談を6回行い、会談数は10回、計12回となった。",
        # 累計 and 小計 are not the total of the list
        "A事業3件、B事業4件の累計20件を実施した。",
        # a clause, not a list
        "昨年度は20件、本年度はA事業3件、B事業4件の計7件を実施した。",
        # the sample's own sentences
        "首脳間で13回(電話会談を含む)、外相間で16回(電話会談を含む)の会談を行った。",
        "米国からPOW及びその家族ほか計10名を10月に招へいした。",
    ],
)
def test_ambiguous_structures_are_not_read(text: str) -> None:
    assert h401(text) == []


def test_h401_in_an_expert_opinion() -> None:
    report = text_report(opinions=("良い。", "招へい1,230名(米国1,100名、カナダ120名)は評価できる。"))
    issues = check_narrative(report, load_profile())
    assert [(i.code, i.location, i.context["total"]) for i in issues] == [
        ("H401", "/expert_opinions/opinions/1", 1230)
    ]


def test_h401_once_per_statement() -> None:
    assert (
        len(h401("招へい1,230名(米国1,100名、カナダ120名)。招へい1,230名(米国1,100名、カナダ120名)。")) == 1
    )


# --- H402 planted in the sample --------------------------------------------------------------------


def test_h402_actual_changed_in_the_table(report: EvaluationReport, profile: RuleProfile) -> None:
    set_actual(report, 0, 2, 0, 0, Cell.of(40))
    assert run(report, profile) == [
        (
            "H402",
            ANALYSIS_1_3,
            (369, 369),
            {
                "indicator_id": "1-3",
                "fiscal_year": 2017,
                "what": "actual",
                "series": None,
                "stated": 41,
                "table": 40,
                "unit": "回",
                "table_location": "/areas/0/indicators/2/years/0/actuals/0",
            },
        )
    ]


def test_h402_count_stated_as_the_number_of_meetings(report: EvaluationReport, profile: RuleProfile) -> None:
    set_actual(report, 0, 3, 0, 0, Cell.of(9))
    assert run(report, profile) == [
        (
            "H402",
            ANALYSIS_1_4,
            (375, 375),
            {
                "indicator_id": "1-4",
                "fiscal_year": 2017,
                "what": "actual",
                "series": None,
                "stated": 10,
                "table": 9,
                "unit": "回",
                "table_location": "/areas/0/indicators/3/years/0/actuals/0",
            },
        )
    ]


def test_h402_target_stated_in_the_text(report: EvaluationReport, profile: RuleProfile) -> None:
    values = report.areas[0].indicators[3].years[0].targets
    values[0] = values[0].model_copy(update={"value": Cell.of(6)})
    found = run(report, profile)
    assert [(f[0], f[1], f[3]["what"], f[3]["stated"], f[3]["table"]) for f in found] == [
        ("H402", ANALYSIS_1_4, "target", 5, 6)
    ]
    assert found[0][3]["table_location"] == "/areas/0/indicators/3/years/0/targets/0"


def test_h402_message_names_the_year_the_one_way(report: EvaluationReport, profile: RuleProfile) -> None:
    """The year reads 「平成29年度 (2017年度)」 in Japanese and ``FY2017 (Heisei 29)`` in English (no
    Japanese in the English message)."""
    values = report.areas[0].indicators[3].years[0].targets
    values[0] = values[0].model_copy(update={"value": Cell.of(6)})
    (issue,) = check_narrative(report, profile)
    assert issue.message == "測定指標1-4の平成29年度 (2017年度)の目標値は、本文では5回ですが、表では6回です。"
    assert (
        issue.message_en
        == "Indicator 1-4, FY2017 (Heisei 29) target: the text states 5回, the table has 6回."
    )


def test_h402_percentage_of_a_series(report: EvaluationReport, profile: RuleProfile) -> None:
    set_actual(report, 0, 4, 1, 1, Cell.of(91, "%"))
    assert run(report, profile) == [
        (
            "H402",
            ANALYSIS_1_5_FY2018,
            (383, 383),
            {
                "indicator_id": "1-5",
                "fiscal_year": 2018,
                "what": "actual",
                "series": "②",
                "stated": 90,
                "table": 91,
                "unit": "%",
                "table_location": "/areas/0/indicators/4/years/1/actuals/1",
            },
        )
    ]


def test_h402_skips_values_inferred_from_the_text(report: EvaluationReport, profile: RuleProfile) -> None:
    # FY2019 actuals of 1-5 were filled from the analysis (85%, 89%): they are not compared
    actual = report.areas[0].indicators[4].years[2].actuals[0]
    assert actual.inferred_from is not None
    set_actual(report, 0, 4, 2, 0, Cell.of(70, "%"))
    assert report.areas[0].indicators[4].years[2].actuals[0].inferred_from is not None
    assert run(report, profile) == []


def test_h402_skips_an_empty_table_cell(report: EvaluationReport, profile: RuleProfile) -> None:
    set_actual(report, 0, 3, 0, 0, Cell(status=CellStatus.NOTHING_TO_REPORT, raw="-"))
    assert run(report, profile) == []


# --- H402 hand-built -------------------------------------------------------------------------------


def quantitative_report(
    progress: str, actual: SeriesValue, analysis: str | None = None, series: list[Series] | None = None
) -> EvaluationReport:
    indicator = Indicator(
        id="1-1",
        name="会談数",
        kind=IndicatorKind.QUANTITATIVE,
        series=series or [],
        years=[
            IndicatorYear(fiscal_year=2018, targets=[SeriesValue(value=Cell.of(5))], actuals=[]),
            IndicatorYear(
                fiscal_year=2019,
                progress=[Paragraph(text=progress)],
                targets=[SeriesValue(value=Cell.of(5))],
                actuals=[actual],
            ),
        ],
    )
    analyses = (
        []
        if analysis is None
        else [IndicatorAnalysis(indicator_id="1-1", heading="1-1", paragraphs=[Paragraph(text=analysis)])]
    )
    return EvaluationReport(
        ministry="外務省",
        measure_number="I-2",
        title="t",
        evaluation_year=2020,
        areas=[Area(number=1, title="a", indicators=[indicator], analysis=analyses)],
    )


def test_h402_progress_text_takes_the_year_it_is_written_for() -> None:
    report = quantitative_report("会談数は12回となった。", SeriesValue(value=Cell.of(11)))
    found = [brief(i) for i in check_narrative(report, load_profile())]
    assert [(f[0], f[1], f[3]["fiscal_year"], f[3]["stated"], f[3]["table"]) for f in found] == [
        ("H402", "/areas/0/indicators/0/years/1/progress/0", 2019, 12, 11)
    ]


def test_h402_a_year_named_in_the_text_wins() -> None:
    # the text speaks of FY2018, which has no actual in the table: nothing to compare
    report = quantitative_report("平成30年度の会談数は12回であった。", SeriesValue(value=Cell.of(11)))
    assert check_narrative(report, load_profile()) == []


def test_h402_unit_mismatch_is_not_compared() -> None:
    report = quantitative_report("会談数は12回となった。", SeriesValue(value=Cell.of(11, "%")))
    assert check_narrative(report, load_profile()) == []


def test_h402_in_the_analysis_and_the_table_agree() -> None:
    report = quantitative_report(
        "", SeriesValue(value=Cell.of(11)), analysis="令和元年度の会談数は11回であった。"
    )
    assert check_narrative(report, load_profile()) == []


def test_h402_qualitative_indicators_are_not_compared(report: EvaluationReport, profile: RuleProfile) -> None:
    replace_in(report, "/areas/0/indicators/0/years/1/progress/1", "首脳間で13回", "首脳間で14回")
    assert run(report, profile) == []
