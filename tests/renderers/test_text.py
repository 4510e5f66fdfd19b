"""render_text: the report as PDF-extracted text, read back by the text importer to the same report.

The contract is the round trip: importing the rendered text gives the report again, every field
equal but the source spans and ``inferred_from`` (provenance), and the importer reports nothing.
Variations are built from the sample's model; a hypothesis test puts random numbers in the tables.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from hyoka.cli.main import app
from hyoka.core import (
    AccountType,
    Area,
    BudgetSheetItem,
    BudgetSheetLine,
    BudgetSheetSection,
    BudgetYear,
    CabinetPolicy,
    Cell,
    CellStatus,
    Direction,
    EvaluationReport,
    ExpertOpinion,
    Indicator,
    IndicatorAnalysis,
    IndicatorKind,
    IndicatorNextSteps,
    IndicatorYear,
    MeansCitation,
    MidTermTarget,
    NextSteps,
    Paragraph,
    RecordedGrade,
    ReferenceIndicator,
    ReferenceYear,
    SectionKind,
    Series,
    SeriesValue,
    SourceEntry,
    SummaryEntry,
    format_fiscal_year,
    parse_number,
)
from hyoka.importers import ImportResult, import_bytes
from hyoka.importers.text.years import parse_year_list
from hyoka.renderers.text import render_text
from hyoka.services import render_report

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "mofa-r2-I-2-hokubei.txt"
PROVENANCE = frozenset({"source", "inferred_from"})


def _content(value: Any) -> Any:
    """The model's JSON without provenance (source spans, inferred_from)."""
    if isinstance(value, dict):
        return {k: _content(v) for k, v in value.items() if k not in PROVENANCE}
    if isinstance(value, list):
        return [_content(v) for v in value]
    return value


def round_trip(report: EvaluationReport) -> ImportResult:
    """Render, import, and assert the contract: the same report and no importer findings."""
    result = import_bytes(render_text(report).encode("utf-8"), name="rendered.txt")
    assert [(f.code, f.location, f.input) for f in result.findings] == []
    assert _content(result.report.model_dump(mode="json")) == _content(report.model_dump(mode="json"))
    return result


@pytest.fixture
def sample(sample_result: ImportResult) -> EvaluationReport:
    return sample_result.report.model_copy(deep=True)


# --- the sample ---------------------------------------------------------------------------------


def test_sample_round_trips_exactly(sample: EvaluationReport) -> None:
    result = round_trip(sample)
    assert result.report.indicator("1-5").years[2].actuals[0].value.value == Decimal(85)
    assert result.report.budget_sheet is not None


def test_rendered_sample_has_the_sample_layout(sample: EvaluationReport) -> None:
    lines = render_text(sample).split("\n")
    assert lines[:5] == ["政策評価調書（個別票）", "", "【政策ごとの予算額】", "", lines[4]]
    assert lines[4] == "政策名\t北米地域外交\t\t\t番号\t②\t\t\t\t"
    assert "\t会計\t組織／勘定\t項\t事項\t\t令和2年度 当初予算額\t\t令和3年度 概算要求額\t" in lines
    assert "\t小 計\t\t\t\t一般会計\t651,705\t\t572,198\t" in lines
    assert "\t\t繰越し等(c)\t0\t0\t△14\t" in lines
    table = lines.index(
        "測定指標1-5 米国における対日世論調査の結果(日本を友邦として信頼できると肯定的に回答した割合)"
        + "\t" * 8
    )
    assert lines[table + 2].split("\t")[1:] == [
        "中期目標値",
        "平成 29 年度",
        "",
        "平成 30 年度",
        "",
        "令和元年度",
        "",
        "平成29・30・令和元年度目標の達成状況",
    ]
    assert lines[table + 6] == "\t—\t①76% ②86%\t①87% ②86%\t①84% ②88%\t①82% ②90%\t①84% ②89%\t①85% ②89%\tb"
    assert "平成29・30・令和元年度目標の達成状況： b" in lines
    assert "【測定指標1-3日米二国間会談数(首脳・外相レベル)(電話会談含む)】" in lines
    breaks = [i for i, line in enumerate(lines) if line == "-----------------\t---"]
    assert len(breaks) == 13
    cut = [i for i in breaks if not lines[i - 2].endswith(("。", ")", "】", "目標")) and lines[i - 2]]
    assert cut, "a page break cuts a sentence somewhere, as PDF extraction does"


def test_render_text_is_fast_enough_for_a_corpus(sample: EvaluationReport) -> None:
    """Not a timing test: the text is rendered from the model alone, the same on every call."""
    assert render_text(sample) == render_text(sample.model_copy(deep=True))


# --- variations built from the sample ---------------------------------------------------------


def _value(text: str) -> Cell:
    unit = "%" if text.endswith("%") else None
    if text in ("-", "—"):
        return Cell(status=CellStatus.NOTHING_TO_REPORT, raw=text)
    return Cell(status=CellStatus.VALUE, value=parse_number(text), unit=unit, raw=text)


def _series_values(texts: str, keys: list[str]) -> list[SeriesValue]:
    values = texts.split()
    if not keys:
        return [SeriesValue(value=_value(values[0]))]
    assert [text[0] for text in values] == keys
    return [SeriesValue(series=key, value=_value(text[1:])) for key, text in zip(keys, values, strict=True)]


def quantitative(
    indicator_id: str,
    name: str,
    rows: list[tuple[int, str, str]],
    *,
    series: list[Series] | None = None,
    direction: Direction = Direction.HIGHER,
    main: bool = False,
    grade: str = "a",
    mid: str = "—",
    mid_year: str | None = "--年度",
    notes: list[str] | None = None,
    data_source: str | None = None,
) -> Indicator:
    """A quantitative indicator; ``rows``: (fiscal year, targets, actuals), as 「①76% ②86%」 or 「18」."""
    keys = [s.key for s in series or []]
    years = [
        IndicatorYear(fiscal_year=year, targets=_series_values(t, keys), actuals=_series_values(a, keys))
        for year, t, a in rows
    ]
    if direction is Direction.WITHIN_RANGE:
        for year in years:
            for target in year.targets:
                assert target.value.value is not None
                target.upper = _value(str(target.value.value + 10) + ("%" if target.value.unit else ""))
    mid_values = _series_values(mid, []) if mid else []
    return Indicator(
        id=indicator_id,
        name=name,
        is_main=main,
        kind=IndicatorKind.QUANTITATIVE,
        direction=direction,
        notes=notes or [],
        data_source=data_source,
        series=series or [],
        mid_term_target=MidTermTarget(
            target_year_text=mid_year,
            target_year=2023 if mid_year == "令和5年度" else None,
            values=mid_values,
        ),
        years=years,
        recorded_grade=RecordedGrade(letter=grade, window=[year for year, _, _ in rows]),
    )


def _summarise(report: EvaluationReport, area: Area) -> None:
    for indicator in area.indicators:
        report.results_summary.append(
            SummaryEntry(
                area_number=area.number,
                area_title=area.title,
                indicator_id=indicator.id,
                name=indicator.name,
                is_main=indicator.is_main,
                recorded_grade=indicator.recorded_grade.letter if indicator.recorded_grade else None,
            )
        )


def one_area(report: EvaluationReport) -> None:
    report.areas = report.areas[:1]
    report.results_summary = [e for e in report.results_summary if e.area_number == 1]


def area_with_six_indicators(report: EvaluationReport) -> None:
    window = report.window
    three = [Series(key="①", name="全体"), Series(key="②", name="若年層"), Series(key="③", name="高齢層")]
    area = Area(
        number=4,
        title="北米地域との人的交流の推進",
        outline=[Paragraph(label="1", text="招へい・派遣事業を実施する。")],
        indicators=[
            quantitative(
                "4-1",
                "招へい者数",
                list(zip(window, ["1,200", "1,300", "1,400"], ["1,220", "1,076", "773"], strict=True)),
            ),
            quantitative(
                "4-2",
                "派遣者数(目標は範囲)",
                list(zip(window, ["400", "350", "300"], ["409", "346", "208"], strict=True)),
                direction=Direction.WITHIN_RANGE,
                grade="c",
            ),
            quantitative(
                "4-3",
                "訪日米国人旅行者数(万人)",
                list(zip(window, ["130.5", "140", "150"], ["137.5", "152.6", "172.4"], strict=True)),
                notes=["日本政府観光局の推計値。"],
                data_source="日本政府観光局「訪日外客統計」",
            ),
            quantitative(
                "4-4",
                "対日理解度調査(三つの層)",
                list(
                    zip(
                        window,
                        ["①70% ②60% ③50%"] * 3,
                        ["①71% ②61% ③49%", "①72% ②58% ③52%", "①73.5% ②62% ③51%"],
                        strict=True,
                    )
                ),
                series=three,
                mid="-",
            ),
            quantitative(
                "4-5",
                "査証発給に要した平均日数",
                list(zip(window, ["30", "28", "25"], ["31", "27", "24"], strict=True)),
                direction=Direction.LOWER,
                main=True,
                mid="20",
                mid_year="令和5年度",
            ),
            quantitative(
                "4-6",
                "交流事業の満足度",
                list(zip(window, ["80%", "80%", "85%"], ["82%", "79%", "88%"], strict=True)),
                direction=Direction.AT_LEAST,
            ),
        ],
        reference_indicators=[
            ReferenceIndicator(
                name="在米日系企業数",
                notes=["各年10月1日現在。"],
                years=[
                    ReferenceYear(fiscal_year=year, actuals=[SeriesValue(value=_value(text))])
                    for year, text in zip(window, ["8,929", "8,964", "9,044"], strict=True)
                ],
            )
        ],
    )
    report.areas.append(area)
    _summarise(report, area)


def qualitative_main_indicator(report: EvaluationReport) -> None:
    """A qualitative main indicator with a mid-term target year, labelled paragraphs and 達成手段."""
    window = report.window
    years = [
        IndicatorYear(
            fiscal_year=year,
            target_text=[
                Paragraph(label="1", text="日系人リーダーの招へいを実施する。"),
                Paragraph(label="(1)", level=1, text="在米日系人リーダーを招へいする。"),
                Paragraph(level=2, text="招へい者と各界関係者との意見交換を行う。"),
                Paragraph(label="2", text="若手教員を米国に派遣する。"),
            ],
            progress=[Paragraph(text=f"{format_year(year)}は、日系人リーダー10名を招へいした。")],
        )
        for year in window
    ]
    citation = "(平成29・30・令和元年度:北米地域との人的交流の推進(達成手段①))"
    analysis = paragraph_with_means(f"日系人との交流は着実に進展した。{citation}", citation)
    area = Area(
        number=len(report.areas) + 1,
        title="日系人との連携強化",
        outline=[Paragraph(label="1", text="在米日系人との交流事業を実施する。")],
        indicators=[
            Indicator(
                id=f"{len(report.areas) + 1}-1",
                name="日系人との連携の強化",
                is_main=True,
                kind=IndicatorKind.QUALITATIVE,
                mid_term_target=MidTermTarget(
                    text="日系人との重層的な関係を築く。\n施策の概要に掲げた事業を継続する。",
                    target_year=2023,
                    target_year_text="令和5年度",
                ),
                years=years,
                recorded_grade=RecordedGrade(letter="a", window=list(window)),
            )
        ],
    )
    indicator = area.indicators[0]
    area.analysis.append(
        IndicatorAnalysis(
            indicator_id=indicator.id,
            heading=f"測定指標{indicator.id}{indicator.name}*",
            paragraphs=[analysis],
        )
    )
    area.next_steps = NextSteps(
        measure=[Paragraph(text="施策目標は妥当であり、今後とも同目標を維持する。")],
        indicators=[
            IndicatorNextSteps(
                indicator_id=indicator.id,
                heading=f"{indicator.id}{indicator.name}*",
                paragraphs=[Paragraph(text="測定指標は適切であり、引き続き交流事業を継続する。")],
            )
        ],
    )
    area.sources = [
        SourceEntry(
            publisher="外務省ホームページ",
            title="日系人との交流",
            url="https://www.mofa.go.jp/mofaj/na/nikkei.html",
        ),
        SourceEntry(
            publisher="外務省ホームページ", title="招へい事業(令和元年10月1日)", date=dt.date(2019, 10, 1)
        ),
        SourceEntry(title="令和2年版外交青書(外交青書2020)"),
    ]
    area.cabinet_policies = [
        CabinetPolicy(
            name="第201回国会外交演説", date=dt.date(2020, 1, 20), section="三 地球儀を俯瞰する外交"
        )
    ]
    report.areas.append(area)
    _summarise(report, area)


def format_year(year: int) -> str:
    return format_fiscal_year(year)


def paragraph_with_means(text: str, raw: str) -> Paragraph:
    years, name = raw.removeprefix("(").split(":", 1)
    name, number = name.removesuffix("))").split("(")
    return Paragraph(
        text=text,
        means=[MeansCitation(years=parse_year_list(years), name=name, means_number=number, raw=raw)],
    )


def budget_with_supplementary_and_carryover(report: EvaluationReport) -> None:
    unit = report.budget.unit

    def cell(text: str) -> Cell:
        if not text:
            return Cell(status=CellStatus.EMPTY, unit=unit)
        return Cell(status=CellStatus.VALUE, value=parse_number(text), unit=unit, raw=text)

    rows = [
        ("1,370", "120", "△35", "1,455", "1,298.5"),
        ("1,678", "0", "35", "1,713", "1,544"),
        ("685", "214.3", "△14", "885.3", "832"),
        ("652", "", "", "", ""),
    ]
    for year, (initial, supplementary, carryover, total, executed) in zip(
        report.budget.years, rows, strict=True
    ):
        year.initial, year.supplementary, year.carryover = cell(initial), cell(supplementary), cell(carryover)
        year.total, year.executed = cell(total), cell(executed)


def shift_years(report: EvaluationReport, by: int) -> None:
    """Every fiscal year of the report moved by ``by`` (the narrative text keeps its own years)."""
    report.evaluation_year += by
    report.window = [y + by for y in report.window]
    year, month = report.evaluated_on.split("-")  # type: ignore[union-attr]
    report.evaluated_on = f"{int(year) + by}-{month}"
    for budget_year in report.budget.years:
        budget_year.fiscal_year += by
    if report.budget_sheet is not None:
        report.budget_sheet.current_year += by  # type: ignore[operator]
        report.budget_sheet.next_year += by  # type: ignore[operator]
    for area in report.areas:
        for indicator in area.indicators:
            for record in indicator.years:
                record.fiscal_year += by
            if indicator.recorded_grade is not None:
                indicator.recorded_grade.window = [y + by for y in indicator.recorded_grade.window]
        for reference in area.reference_indicators:
            for ref_year in reference.years:
                ref_year.fiscal_year += by


def window_2021_2023(report: EvaluationReport) -> None:
    shift_years(report, 4)


def window_2016_2018(report: EvaluationReport) -> None:
    shift_years(report, -1)


def sheet_with_inclusive_rows(report: EvaluationReport) -> None:
    """A 調書 with 「の内数」 rows, a special account, an item in the second section and a reference."""
    sheet = report.budget_sheet
    assert sheet is not None

    def amount(text: str) -> Cell:
        return Cell(status=CellStatus.VALUE, value=parse_number(text), unit="千円", raw=text)

    def empty() -> Cell:
        return Cell(status=CellStatus.EMPTY, unit="千円")

    evaluated = sheet.sections[0]
    evaluated.items.append(
        BudgetSheetItem(
            account="一般",
            organization="独立行政法人国際交流基金運営費",
            item="独立行政法人国際交流基金運営費",
            sub_item="独立行政法人国際交流基金運営費交付金に必要な経費",
            current_initial=amount("12,345,678"),
            next_request=amount("12,000,000"),
            current_initial_inclusive=amount("12,345,678"),
            next_request_inclusive=amount("12,000,000"),
        )
    )
    evaluated.subtotals[0].current_initial_inclusive = amount("12,345,678")
    evaluated.subtotals[0].next_request_inclusive = amount("12,000,000")
    other = sheet.sections[1]
    other.items.append(
        BudgetSheetItem(
            account="特別",
            organization="東日本大震災復興",
            item="復興政策費",
            sub_item="北米地域との交流に必要な経費",
            other_sheet_ref="⑤",
            current_initial=amount("1,500"),
            next_request=Cell(status=CellStatus.NOTHING_TO_REPORT, unit="千円", raw="-"),
        )
    )
    other.subtotals[1] = BudgetSheetLine(
        account_type=AccountType.SPECIAL,
        current_initial=amount("1,500"),
        next_request=Cell(status=CellStatus.NOTHING_TO_REPORT, unit="千円", raw="-"),
        current_initial_inclusive=empty(),
        next_request_inclusive=empty(),
    )
    sheet.totals[0].current_initial_inclusive = amount("12,345,678")
    sheet.totals[1].current_initial = amount("1,500")
    assert [s.kind for s in sheet.sections] == [SectionKind.EVALUATED, SectionKind.NOT_EVALUATED]
    assert isinstance(sheet.sections[0], BudgetSheetSection)


def without_the_area_note(report: EvaluationReport) -> None:
    """No (※) note: the 評価結果 row follows the budget table directly."""
    report.notes = [note for note in report.notes if note.mark != "※"]


def added_budget_year(report: EvaluationReport) -> None:
    report.budget.years.insert(
        0,
        BudgetYear(
            fiscal_year=2016,
            **{
                k: Cell.of(v, "百万円")
                for k, v in (
                    ("initial", 300),
                    ("supplementary", 0),
                    ("carryover", 0),
                    ("total", 300),
                    ("executed", 250),
                )
            },
        ),
    )


def baseline_and_yearly_text(report: EvaluationReport) -> None:
    """A 基準値 column (one series, and two), and 年度目標 / 進捗 text under a table."""
    meetings = report.indicator("1-3")
    meetings.baseline = [SeriesValue(value=_value("35"))]
    meetings.baseline_year = 2016
    meetings.years[1].target_text = [Paragraph(text="首脳・外相会談を30回行う。")]
    meetings.years[1].progress = [Paragraph(label="1", text="首脳会談を13回、外相会談を16回行った。")]
    survey = report.indicator("1-5")
    survey.baseline = _series_values("①80% ②85%", ["①", "②"])
    survey.baseline_year = 2016
    qualitative = report.indicator("1-2").mid_term_target
    assert qualitative is not None
    qualitative.target_year_text = None


def blank_latest_actuals(report: EvaluationReport) -> None:
    """The last year's actual not known yet: blank, in one series and in two (in per cent)."""
    report.indicator("1-3").years[2].actuals = [SeriesValue(value=Cell(status=CellStatus.EMPTY))]
    blank = Cell(status=CellStatus.EMPTY, unit="%")
    report.indicator("1-5").years[2].actuals = [SeriesValue(series=k, value=blank) for k in ("①", "②")]


LOOKS_LIKE_STRUCTURE = [
    "施策の概要に掲げた事業を実施した。",
    "測定指標1-2は順調に推移した。",
    "令和元年度目標",
    "【施策】を継続する。",
    "1-2の指標は適切である。",
    "個別分野2の取組と連携した。",
    "(注)数値は速報値である。",
    "評価結果を踏まえて見直す。",
    "中期目標(令和5年度)の達成に向け努める。",
    "施策の進捗状況・実績を確認した。",
    "平成29・30・令和元年度目標の達成状況: b",
    "参考指標:対日世論調査",
    "担当部局名を変更した。",
    "施策名を改めた。",
    "https://example.jp/を参照。",
    "政策評価調書を作成した。",
    "施策I-2の評価を行った。",
    "(外務省1-I-2)",
    "令和2年度政策評価書",
]


def text_that_reads_like_structure(report: EvaluationReport) -> None:
    """Running text that starts like a heading, a table label or a header line stays running text."""
    area = report.areas[0]
    area.outline = [Paragraph(text=text) for text in LOOKS_LIKE_STRUCTURE]
    area.indicators[0].years[0].progress = [Paragraph(text=text) for text in LOOKS_LIKE_STRUCTURE]
    area.analysis[0].paragraphs += [Paragraph(text=text) for text in LOOKS_LIKE_STRUCTURE]
    area.next_steps.measure += [Paragraph(text=text) for text in LOOKS_LIKE_STRUCTURE]
    area.next_steps.indicators[0].paragraphs += [Paragraph(text=text) for text in LOOKS_LIKE_STRUCTURE]
    report.expert_opinions.opinions += [ExpertOpinion(text=text) for text in LOOKS_LIKE_STRUCTURE]
    mid = area.indicators[0].mid_term_target
    assert mid is not None and mid.text is not None
    mid.text += "\n" + "\n".join(LOOKS_LIKE_STRUCTURE)
    area.cabinet_policies[0].section = LOOKS_LIKE_STRUCTURE[0]
    area.cabinet_policies[1].section = LOOKS_LIKE_STRUCTURE[9]


VARIATIONS: dict[str, Callable[[EvaluationReport], None]] = {
    "one area only": one_area,
    "an added area with six indicators": area_with_six_indicators,
    "a qualitative main indicator": qualitative_main_indicator,
    "budget with supplementary and carry-over": budget_with_supplementary_and_carryover,
    "window 2021-2023 (令和3-5)": window_2021_2023,
    "window 2016-2018 (平成28-30)": window_2016_2018,
    "調書 with の内数 rows": sheet_with_inclusive_rows,
    "no (※) note": without_the_area_note,
    "five budget years": added_budget_year,
    "baselines and text under a table": baseline_and_yearly_text,
    "blank latest actuals": blank_latest_actuals,
    "text that reads like structure": text_that_reads_like_structure,
}


@pytest.mark.parametrize("name", list(VARIATIONS))
def test_variation_round_trips(sample: EvaluationReport, name: str) -> None:
    VARIATIONS[name](sample)
    round_trip(sample)


def test_all_variations_together_round_trip(sample: EvaluationReport) -> None:
    """Five areas (the sample's three, six more indicators, a qualitative one), every table varied."""
    for name in (
        "an added area with six indicators",
        "a qualitative main indicator",
        "調書 with の内数 rows",
    ):
        VARIATIONS[name](sample)
    budget_with_supplementary_and_carryover(sample)
    without_the_area_note(sample)
    result = round_trip(sample)
    report = result.report
    assert len(report.areas) == 5
    assert [i.direction for i in report.areas[3].indicators] == [
        Direction.HIGHER,
        Direction.WITHIN_RANGE,
        Direction.HIGHER,
        Direction.HIGHER,
        Direction.LOWER,
        Direction.AT_LEAST,
    ]


def test_generated_corpus_reports_round_trip() -> None:
    """The synthetic corpus (clean reports and reports with planted errors of every family) is
    written with render_text and must read back the same."""
    from hyoka.corpus.generate import generate_reports

    rates = dict.fromkeys(("H1", "H2", "H3", "H4", "H5"), 1.0)
    generated = list(generate_reports(12, 3, rates))
    families = [sorted({planted.family for planted in report.planted}) for report in generated]
    assert families == [["H1", "H2", "H3", "H4", "H5"]] * 12
    for report in generated:
        round_trip(report.report)


# --- numbers ----------------------------------------------------------------------------------------

amounts = st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
rates = st.decimals(min_value=0, max_value=1000, places=1, allow_nan=False, allow_infinity=False)


def _printed(value: Decimal, *, triangle: bool = False, groups: bool = False, percent: bool = False) -> str:
    """How a table prints a number: 「△14」 for a negative budget amount, 「1,234」 with groups."""
    text = f"{abs(value):,f}" if groups else f"{abs(value):f}"
    sign = ("△" if triangle else "-") if value < 0 else ""
    return sign + text + ("%" if percent else "")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    budget=st.lists(amounts, min_size=5, max_size=5),
    sheet=st.lists(amounts.filter(lambda d: d >= 0), min_size=4, max_size=4),
    indicator=st.lists(amounts, min_size=6, max_size=6),
    survey=st.lists(rates, min_size=12, max_size=12),
)
def test_numbers_in_the_tables_round_trip_exactly(
    sample_result: ImportResult,
    budget: list[Decimal],
    sheet: list[Decimal],
    indicator: list[Decimal],
    survey: list[Decimal],
) -> None:
    report = sample_result.report.model_copy(deep=True)
    first = report.budget.years[0]
    for key, value in zip(
        ("initial", "supplementary", "carryover", "total", "executed"), budget, strict=True
    ):
        raw = _printed(value, triangle=True)
        setattr(first, key, Cell(status=CellStatus.VALUE, value=value, unit="百万円", raw=raw))
    assert report.budget_sheet is not None
    items = report.budget_sheet.sections[0].items
    for item, (current, following) in zip(items, (sheet[:2], sheet[2:]), strict=True):
        item.current_initial = Cell(
            status=CellStatus.VALUE, value=current, unit="千円", raw=_printed(current, groups=True)
        )
        item.next_request = Cell(
            status=CellStatus.VALUE, value=following, unit="千円", raw=_printed(following, groups=True)
        )
    numbers = iter(indicator)
    for record in report.indicator("1-3").years:
        for cell in (*record.targets, *record.actuals):
            number = next(numbers)
            cell.value = Cell(status=CellStatus.VALUE, value=number, raw=_printed(number))
    rates_ = iter(survey)
    for record in report.indicator("1-5").years:
        for cell in (*record.targets, *record.actuals):
            number = next(rates_)
            cell.value = Cell(
                status=CellStatus.VALUE, value=number, unit="%", raw=_printed(number, percent=True)
            )
    round_trip(report)


# --- the render format ----------------------------------------------------------------------------


def test_render_report_as_text(sample: EvaluationReport) -> None:
    output = render_report(sample, "text")
    assert (output.suggested_name, output.media_type) == ("外務省_1-I-2_R2.txt", "text/plain; charset=utf-8")
    assert output.data == render_text(sample).encode("utf-8")
    assert not output.is_binary


def test_hyoka_render_to_text_writes_the_text_to_stdout(sample: EvaluationReport) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "hyoka.cli", "render", str(SAMPLE), "--to", "text"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == render_text(sample)


def test_hyoka_render_infers_text_from_txt(tmp_path: Path, sample: EvaluationReport) -> None:
    out = tmp_path / "report.txt"
    runner = CliRunner()
    result = runner.invoke(app, ["render", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == render_text(sample)
