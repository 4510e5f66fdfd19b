"""A report cut out of a measure's history for one evaluation year, with its grades recorded.

The report shows the window (the three fiscal years before the evaluation year), the budget of
those years and the evaluation year's initial budget, the 調書 of the evaluation year, and every
narrative block of MOFA's layout. The recorded grades and the judgment are those a careful person
records from the numbers (``recording.py``); the result has no finding under the default profile.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from hyoka.core import (
    AccountType,
    Area,
    Budget,
    BudgetSheet,
    BudgetSheetItem,
    BudgetSheetLine,
    BudgetSheetSection,
    BudgetYear,
    CabinetPolicy,
    Cell,
    CellStatus,
    EvaluationReport,
    ExpertOpinion,
    ExpertOpinions,
    Indicator,
    IndicatorAnalysis,
    IndicatorKind,
    IndicatorNextSteps,
    IndicatorYear,
    Judgment,
    MidTermTarget,
    NextSteps,
    Note,
    Objective,
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
)
from hyoka.corpus.history import AreaHistory, IndicatorHistory, MeasureHistory, SheetPlan
from hyoka.corpus.narrative import amount, analysis_paragraphs, progress_paragraphs, window_label
from hyoka.corpus.portfolio import rng_for
from hyoka.corpus.recording import record_grades
from hyoka.corpus.seeds import Seeds
from hyoka.rules import RuleProfile

__all__ = [
    "BuiltReport",
    "build_report",
    "narrative_seed",
    "number_cell",
    "record",
    "rewrite_narrative",
    "write_rationale",
]

_BUDGET_UNIT = "百万円"
_SHEET_UNIT = "千円"


@dataclass
class BuiltReport:
    """A generated report and what it was made from (the plantings need both)."""

    report: EvaluationReport
    history: MeasureHistory
    year: int

    def indicator_history(self, indicator_id: str) -> IndicatorHistory:
        for area in self.history.areas:
            for ind in area.indicators:
                if ind.id == indicator_id:
                    return ind
        raise KeyError(indicator_id)


# --- cells ---------------------------------------------------------------------------------------


def number_cell(value: Decimal, unit: str | None) -> Cell:
    """A table number as printed: 「1,220」, 「85%」 (a percentage carries its unit)."""
    raw = f"{amount(value)}%" if unit == "%" else amount(value)
    return Cell(status=CellStatus.VALUE, value=value, unit=unit, raw=raw)


def _money(value: int | None, unit: str, *, empty_unit: str | None = None) -> Cell:
    if value is None:
        return Cell(status=CellStatus.EMPTY, unit=empty_unit, raw="")
    raw = f"△{-value:,}" if value < 0 else f"{value:,}"
    return Cell(status=CellStatus.VALUE, value=Decimal(value), unit=unit, raw=raw)


# --- narrative blocks ------------------------------------------------------------------------------


def _paragraphs(texts: tuple[str, ...] | list[str], *, labelled: bool = False) -> list[Paragraph]:
    return [Paragraph(label=str(k + 1) if labelled else None, text=t) for k, t in enumerate(texts)]


def _main_mark(indicator: IndicatorHistory) -> str:
    return "*" if indicator.is_main else ""


def rewrite_narrative(built: BuiltReport, profile: RuleProfile, seeds: Seeds, indicator_id: str) -> None:
    """Write a quantitative indicator's progress and analysis text again from its current numbers."""
    report, history = built.report, built.history
    for area in report.areas:
        for indicator in area.indicators:
            if indicator.id != indicator_id:
                continue
            ind_history = built.indicator_history(indicator_id)
            for year in indicator.years:
                year.progress = progress_paragraphs(
                    indicator, ind_history, year, history.texts, narrative_seed(built)
                )
            paragraphs = analysis_paragraphs(
                indicator,
                ind_history,
                report.window,
                profile,
                history.texts,
                seeds.common,
                narrative_seed(built),
            )
            for analysis in area.analysis:
                if analysis.indicator_id == indicator_id:
                    analysis.paragraphs = paragraphs


def narrative_seed(built: BuiltReport) -> int:
    """The seed of the text written from a report's numbers (the same text when it is written again)."""
    return built.history.plan.seed * 10_000 + built.year


# --- indicators ------------------------------------------------------------------------------------


def _quantitative(ind: IndicatorHistory, window: list[int]) -> Indicator:
    seed = ind.quantitative
    unit = "%" if seed.is_percent else None
    years = []
    for fy in window:
        targets, actuals = [], []
        for key, point in ind.points[fy].items():
            upper = number_cell(point.upper, unit) if point.upper is not None else None
            targets.append(SeriesValue(series=key, value=number_cell(point.target, unit), upper=upper))
            actuals.append(SeriesValue(series=key, value=number_cell(point.actual, unit)))
        years.append(IndicatorYear(fiscal_year=fy, targets=targets, actuals=actuals))
    if ind.mid_term is not None:
        value, target_year = ind.mid_term
        mid_term = MidTermTarget(
            target_year=target_year,
            target_year_text=format_fiscal_year(target_year),
            values=[SeriesValue(value=number_cell(value, unit))],
        )
    else:
        nothing = Cell(status=CellStatus.NOTHING_TO_REPORT, raw="—")
        mid_term = MidTermTarget(target_year_text="--年度", values=[SeriesValue(value=nothing)])
    return Indicator(
        id=ind.id,
        name="",
        is_main=ind.is_main,
        kind=IndicatorKind.QUANTITATIVE,
        direction=ind.direction,
        notes=list(ind.notes),
        data_source=ind.data_source,
        series=[Series(key=key, name=name) for key, name in ind.series],
        mid_term_target=mid_term,
        baseline=[SeriesValue(series=k, value=number_cell(v, unit)) for k, v in ind.baseline.items()],
        baseline_year=ind.baseline_year,
        years=years,
    )


def _qualitative(ind: IndicatorHistory, window: list[int], year: int) -> Indicator:
    years = []
    for fy in window:
        progress = _paragraphs(ind.progress[fy])
        if fy in ind.breakdowns:
            progress.append(Paragraph(text=ind.breakdowns[fy].text()))
        years.append(
            IndicatorYear(fiscal_year=fy, target_text=_paragraphs(ind.targets_text[fy]), progress=progress)
        )
    return Indicator(
        id=ind.id,
        name="",
        is_main=ind.is_main,
        kind=IndicatorKind.QUALITATIVE,
        mid_term_target=MidTermTarget(text=ind.mid_term_text),
        years=years,
        recorded_grade=RecordedGrade(letter=ind.grades[year], window=list(window)),
    )


def _area(
    built: BuiltReport, area: AreaHistory, window: list[int], profile: RuleProfile, seeds: Seeds
) -> Area:
    history, year = built.history, built.year
    plan, texts = history.plan, history.texts
    rng = rng_for(plan.seed, "area", area.number, year)
    indicators: list[Indicator] = []
    analysis: list[IndicatorAnalysis] = []
    steps: list[IndicatorNextSteps] = []
    for ind in area.indicators:
        model = (
            _quantitative(ind, window)
            if ind.kind is IndicatorKind.QUANTITATIVE
            else _qualitative(ind, window, year)
        )
        model.name = ind.names[year]
        indicators.append(model)
        heading = f"{ind.id}{model.name}{_main_mark(ind)}"
        if ind.kind is IndicatorKind.QUALITATIVE:
            paragraphs = [
                Paragraph(
                    text=texts.fill(rng.choice(seeds.common.qualitative_analysis), rng, area=area.title)
                ),
                Paragraph(text=texts.fill(rng.choice(seeds.common.analysis_close), rng, area=area.title)),
            ]
        else:
            paragraphs = []  # written from the numbers once the grades are recorded (rewrite_narrative)
        analysis.append(
            IndicatorAnalysis(indicator_id=ind.id, heading=f"測定指標{heading}", paragraphs=paragraphs)
        )
        step = texts.fill(rng.choice(seeds.common.indicator_next_steps), rng, area=area.title)
        steps.append(
            IndicatorNextSteps(indicator_id=ind.id, heading=heading, paragraphs=[Paragraph(text=step)])
        )
    measure_steps = [
        texts.fill(t, rng, area=area.title)
        for t in rng.sample(list(seeds.common.measure_next_steps), rng.randint(1, 2))
    ]
    references = [
        ReferenceIndicator(
            name=ref.name,
            years=[
                ReferenceYear(fiscal_year=fy, actuals=[SeriesValue(value=number_cell(ref.values[fy], None))])
                for fy in [window[0] - 1, *window]
            ],
        )
        for ref in area.references
    ]
    cabinet = []
    for kind, offset in area.cabinet:
        if kind.endswith("演説"):
            session = 190 + 2 * (year - 1 - 2016) + offset
            cabinet.append(
                CabinetPolicy(name=f"第{session}回国会{kind}", date=dt.date(year - 1, 1, 20 + offset))
            )
        else:
            cabinet.append(
                CabinetPolicy(name=f"{kind}{year - 1 - offset}", date=dt.date(year - 1 - offset, 6, 15))
            )
    base = f"{seeds.url_base}/{plan.ministry.slug}/{plan.number}"
    sources = [
        SourceEntry(publisher=f"{plan.ministry.name}ホームページ", title=title, url=f"{base}/{code}.html")
        for title, code in area.sources
    ]
    return Area(
        number=area.number,
        title=area.title,
        outline=_paragraphs(area.outline, labelled=True),
        cabinet_policies=cabinet,
        indicators=indicators,
        reference_indicators=references,
        analysis=analysis,
        next_steps=NextSteps(measure=_paragraphs(measure_steps), indicators=steps),
        sources=sources,
    )


# --- budget and 調書 ---------------------------------------------------------------------------------


def _budget(history: MeasureHistory, window: list[int], year: int) -> Budget:
    years = []
    for fy in window:
        point = history.budget[fy]
        years.append(
            BudgetYear(
                fiscal_year=fy,
                initial=_money(point.initial, _BUDGET_UNIT),
                supplementary=_money(point.supplementary, _BUDGET_UNIT),
                carryover=_money(point.carryover, _BUDGET_UNIT),
                total=_money(point.total, _BUDGET_UNIT),
                executed=_money(point.executed, _BUDGET_UNIT),
            )
        )
    empty = _money(None, _BUDGET_UNIT, empty_unit=_BUDGET_UNIT)
    years.append(
        BudgetYear(
            fiscal_year=year,
            initial=_money(history.budget[year].initial, _BUDGET_UNIT),
            supplementary=empty,
            carryover=empty,
            total=empty,
            executed=empty,
        )
    )
    return Budget(unit=_BUDGET_UNIT, years=years)


def _line(account_type: AccountType, current: list[int], request: list[int]) -> BudgetSheetLine:
    return BudgetSheetLine(
        account_type=account_type,
        current_initial=_money(sum(current) if current else None, _SHEET_UNIT, empty_unit=_SHEET_UNIT),
        next_request=_money(sum(request) if request else None, _SHEET_UNIT, empty_unit=_SHEET_UNIT),
        current_initial_inclusive=_money(None, _SHEET_UNIT, empty_unit=_SHEET_UNIT),
        next_request_inclusive=_money(None, _SHEET_UNIT, empty_unit=_SHEET_UNIT),
    )


def _sheet(history: MeasureHistory, sheet: SheetPlan, year: int) -> BudgetSheet:
    sections = []
    sums: dict[AccountType, tuple[list[int], list[int]]] = {t: ([], []) for t in AccountType}
    for kind, label in (
        (SectionKind.EVALUATED, "政策評価の対象となっているもの"),
        (SectionKind.NOT_EVALUATED, "政策評価の対象となっていないが、ある政策に属すると整理できるもの"),
    ):
        plans = [item for item in sheet.items if item.evaluated == (kind is SectionKind.EVALUATED)]
        items = [
            BudgetSheetItem(
                account=sheet.special_account.removesuffix("会計")
                if item.special and sheet.special_account
                else "一般",
                organization=item.organization,
                item=item.item,
                sub_item=item.sub_item,
                current_initial=_money(item.current, _SHEET_UNIT, empty_unit=_SHEET_UNIT),
                next_request=_money(item.request, _SHEET_UNIT, empty_unit=_SHEET_UNIT),
                current_initial_inclusive=_money(item.current_inclusive, _SHEET_UNIT),
                next_request_inclusive=_money(item.request_inclusive, _SHEET_UNIT),
            )
            for item in plans
        ]
        subtotals = []
        for account_type in AccountType:
            special = account_type is AccountType.SPECIAL
            mine = [i for i in plans if i.special == special and i.current is not None]
            current = [i.current for i in mine if i.current is not None]
            request = [i.request for i in mine if i.request is not None]
            subtotals.append(_line(account_type, current, request))
            if current:
                sums[account_type][0].append(sum(current))
            if request:
                sums[account_type][1].append(sum(request))
        sections.append(BudgetSheetSection(kind=kind, label=label, items=items, subtotals=subtotals))
    totals = [_line(t, *sums[t]) for t in AccountType]
    return BudgetSheet(
        policy_name=history.plan.title,
        number=sheet.number,
        evaluation_method=sheet.method,
        achievement=None,
        unit=_SHEET_UNIT,
        current_year=year,
        next_year=year + 1,
        sections=sections,
        totals=totals,
    )


# --- the report ----------------------------------------------------------------------------------------


_NOTE_AREAS = (
    "本施策は、個別分野を設定しており、「施策の概要」、「関連する内閣の重要政策」、「測定指標」、「評価結果」"
    "(「施策の分析」及び「次期目標等への反映の方向性」)及び「作成にあたって使用した資料その他の情報」については、"
    "関連個別分野の該当欄に記入した。"
)
_NOTE_RESULTS = (
    "評価結果については、各個別分野の「評価結果」-「施策の分析」及び「次期目標等への反映の方向性」欄の記載を"
    "併せて参照願いたい。"
)


def build_report(history: MeasureHistory, year: int, profile: RuleProfile, seeds: Seeds) -> BuiltReport:
    """The clean report of ``history`` for evaluation year ``year`` (no finding under ``profile``)."""
    plan = history.plan
    window = list(range(year - history.window, year))
    label = window_label(window)
    report = EvaluationReport(
        ministry=plan.ministry.name,
        report_code=f"{plan.ministry.name} {plan.policy}-{plan.number}",
        measure_number=plan.number,
        title=plan.title,
        evaluation_year=year,
        window=window,
        objectives=[
            Objective(
                number=str(k + 1),
                text=text,
                children=[Objective(number=f"({j + 1})", text=child) for j, child in enumerate(children)],
            )
            for k, (text, children) in enumerate(history.objectives)
        ],
        budget=_budget(history, window, year),
        judgment=Judgment(),
        notes=[
            Note(mark="※", text=_NOTE_AREAS),
            Note(mark="注1", text=_NOTE_RESULTS),
            Note(
                mark="注2",
                text=f"「測定指標の{label}目標の達成状況」欄には、各個別分野の測定指標の名称及び{label}目標の達成状況を"
                "列挙した。「*」印は、該当する測定指標が主要な測定指標であることを示している。",
            ),
        ],
        expert_opinions=ExpertOpinions(
            group=plan.ministry.expert_group,
            opinions=[ExpertOpinion(text=t) for t in history.expert_opinions[year]],
        ),
        bureau=plan.bureau,
        evaluated_on=f"{year}-{history.evaluated_month[year]:02d}",
        budget_sheet=_sheet(history, history.sheets[year], year),
    )
    built = BuiltReport(report, history, year)
    report.areas = [_area(built, area, window, profile, seeds) for area in history.areas]
    report.results_summary = [
        SummaryEntry(
            area_number=area.number,
            area_title=area.title,
            indicator_id=ind.id,
            name=ind.name,
            is_main=ind.is_main,
        )
        for area in report.areas
        for ind in area.indicators
    ]
    record(built, profile, seeds)
    for ind in report.indicators():
        if ind.kind is IndicatorKind.QUANTITATIVE:
            rewrite_narrative(built, profile, seeds, ind.id)
    return built


def record(built: BuiltReport, profile: RuleProfile, seeds: Seeds) -> None:
    """Record the grades and the judgment from the numbers, with the tier's rationale."""
    record_grades(built.report, profile)
    write_rationale(built, seeds)


def write_rationale(built: BuiltReport, seeds: Seeds) -> None:
    """判断根拠: the recorded tier's wording."""
    tier = built.report.judgment.tier
    assert tier is not None
    texts = seeds.common.rationale[tier.value]
    built.report.judgment.rationale = texts[built.history.rationale[built.year] % len(texts)]
