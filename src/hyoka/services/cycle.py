"""The next cycle: from a published report, the draft of the same measure's next evaluation.

What a ministry keeps from one cycle to the next is the measure itself and the yardsticks it set
for it; what it must write anew is everything that reports on the new window. So the draft
carries the identity (ministry, report code, measure number, title, bureau), the 施策目標, the
個別分野 with their 施策の概要 and 関連する内閣の重要政策, and each indicator's definition (id, name,
kind, direction, main flag, notes, 出典, series, 中期目標); the 基準値 of a quantitative indicator
becomes its last actuals. The new window's years (a 参考指標's years moved on by one) are there
with empty cells (targets, actuals, progress, grades) to be filled; the judgment, the analysis,
the next steps, the sources, the notes and the expert opinions are emptied. The old report's
次期目標等への反映の方向性 is returned
beside the draft as the brief for the new targets, never written into the draft's fields.

The budget table keeps the years of the new window the old report knew (their numbers as
published: a year still in progress then has only its 当初予算), and adds the new evaluation
year's row with empty cells: its numbers are the ministry's to enter. The 調書 keeps its rows
(会計 / 組織・勘定 / 項 / 事項) with every amount emptied, for the next budget request.

``pre_analysis_draft`` drafts the other document of the next cycle from the same published 評価書:
the 事前分析表 (``kind`` 事前分析表) for the next fiscal year. The 施策目標 become its 達成すべき目標,
the 個別分野's 施策の概要 its 施策の概要 (when the measure has no outline of its own), each indicator
keeps its definition and 目標値/目標年度 (中期目標), with its 基準値/基準年度 taken from the latest
year whose actuals are all there, and a year of targets to fill; the 達成手段 are carried with the
next fiscal year added empty. The 基準値 is hyoka's choice, not the ministry's writing, so each such
value carries ``inferred_from`` (which report and year it came from), and the official layout prints
it with a ※ and a note (docs/publication.md).

A pure function over the model: no IO, no Django. See docs/cycle.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hyoka.core import (
    AchievementMeans,
    Area,
    Budget,
    BudgetSheet,
    BudgetSheetAmounts,
    BudgetSheetLine,
    BudgetSheetSection,
    BudgetYear,
    Cell,
    CellStatus,
    DocumentKind,
    EvaluationReport,
    Indicator,
    IndicatorKind,
    IndicatorYear,
    MeansYear,
    Paragraph,
    ReferenceIndicator,
    ReferenceYear,
    SeriesValue,
    SummaryEntry,
    format_fiscal_year,
)

__all__ = ["MAX_TARGET_YEARS", "NextCycle", "cycle_briefs", "new_window", "next_cycle", "pre_analysis_draft"]

MAX_TARGET_YEARS = 5
"""A 事前分析表 draft has a column of 年度ごとの目標値 for each year from the next fiscal year to the
indicator's 目標年度, at most this many (the next fiscal year alone when no 目標年度 is stated)."""


@dataclass(frozen=True, slots=True)
class NextCycle:
    """The draft and its briefs: per indicator id, the old report's 次期目標等への反映の方向性
    (【測定指標】), and per area number, the measure's (【施策】)."""

    draft: EvaluationReport
    briefs: dict[str, list[Paragraph]] = field(default_factory=dict)
    area_briefs: dict[int, list[Paragraph]] = field(default_factory=dict)


def new_window(report: EvaluationReport) -> list[int]:
    """The window shifted by one year (2017–2019 → 2018–2020). A report without a window
    evaluates the three years before its evaluation year, as MOFA's reports do."""
    if report.window:
        return [year + 1 for year in report.window]
    last = report.evaluation_year
    return [last - 2, last - 1, last]


def next_cycle(report: EvaluationReport) -> NextCycle:
    """The next cycle's draft of ``report``, with the briefs for its new targets."""
    window = new_window(report)
    year = report.evaluation_year + 1
    draft = EvaluationReport(
        ministry=report.ministry,
        report_code=report.report_code,
        measure_number=report.measure_number,
        title=report.title,
        evaluation_year=year,
        window=window,
        objectives=[o.model_copy(deep=True) for o in report.objectives],
        budget=_budget(report.budget, window, year),
        results_summary=[_summary_entry(entry) for entry in report.results_summary],
        bureau=report.bureau,
        areas=[_area(area, window) for area in report.areas],
        budget_sheet=_budget_sheet(report.budget_sheet) if report.budget_sheet is not None else None,
    )
    # the draft is a new document: no span points into the old one's lines
    clean = EvaluationReport.model_validate(_without_sources(draft.model_dump()))
    briefs, area_briefs = cycle_briefs(report)
    return NextCycle(draft=clean, briefs=briefs, area_briefs=area_briefs)


def pre_analysis_draft(report: EvaluationReport) -> NextCycle:
    """The 事前分析表 of ``report``'s measure for the next fiscal year, with the same briefs as
    ``next_cycle`` (the old report's 次期目標等への反映の方向性, for the new targets)."""
    year = report.evaluation_year + 1
    source = f"{format_fiscal_year(report.evaluation_year)}政策評価書"
    outline = report.outline or [p for area in report.areas for p in area.outline]
    draft = EvaluationReport(
        kind=DocumentKind.PRE_ANALYSIS,
        ministry=report.ministry,
        report_code=report.report_code,
        measure_number=report.measure_number,
        title=report.title,
        evaluation_year=year,
        objectives=[o.model_copy(deep=True) for o in report.objectives],
        outline=[p.model_copy(deep=True) for p in outline],
        budget=_budget(report.budget, new_window(report), year),
        bureau=report.bureau,
        areas=[
            Area(
                number=area.number,
                title=area.title,
                cabinet_policies=[c.model_copy(deep=True) for c in area.cabinet_policies],
                indicators=[_planned_indicator(ind, year, source) for ind in area.indicators],
            )
            for area in report.areas
        ],
        means=[_planned_means(entry, year, report.means_unit) for entry in report.means],
        means_unit=report.means_unit,
    )
    clean = EvaluationReport.model_validate(_without_sources(draft.model_dump()))
    briefs, area_briefs = cycle_briefs(report)
    return NextCycle(draft=clean, briefs=briefs, area_briefs=area_briefs)


def cycle_briefs(report: EvaluationReport) -> tuple[dict[str, list[Paragraph]], dict[int, list[Paragraph]]]:
    """The briefs for the next cycle's targets: per indicator id and per area number, the
    report's 次期目標等への反映の方向性 (copies: the caller may change them)."""
    briefs = {
        steps.indicator_id: [p.model_copy(deep=True) for p in steps.paragraphs]
        for area in report.areas
        for steps in area.next_steps.indicators
    }
    area_briefs = {
        area.number: [p.model_copy(deep=True) for p in area.next_steps.measure]
        for area in report.areas
        if area.next_steps.measure
    }
    return briefs, area_briefs


# --- parts ---------------------------------------------------------------------------------------


def _without_sources(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _without_sources(v) for k, v in data.items() if k != "source"}
    if isinstance(data, list):
        return [_without_sources(v) for v in data]
    return data


def _empty(unit: str | None) -> Cell:
    return Cell(status=CellStatus.EMPTY, unit=unit)


def _summary_entry(entry: SummaryEntry) -> SummaryEntry:
    return entry.model_copy(update={"recorded_grade": None})


def _area(area: Area, window: list[int]) -> Area:
    return Area(
        number=area.number,
        title=area.title,
        outline=[p.model_copy(deep=True) for p in area.outline],
        cabinet_policies=[c.model_copy(deep=True) for c in area.cabinet_policies],
        indicators=[_indicator(ind, window) for ind in area.indicators],
        reference_indicators=[_reference(ref, window) for ref in area.reference_indicators],
    )


def _series_keys(ind: Indicator | ReferenceIndicator) -> list[str | None]:
    """The indicator's series marks in order (None for a single series), from its definition
    and, failing that, from the values it holds."""
    keys: list[str | None] = [s.key for s in ind.series]
    for year in ind.years:
        values = [*year.targets, *year.actuals] if isinstance(year, IndicatorYear) else year.actuals
        for value in values:
            if value.series not in keys:
                keys.append(value.series)
    return keys or [None]


def _units(ind: Indicator | ReferenceIndicator) -> dict[str | None, str | None]:
    """Each series' unit, as its last value wrote it."""
    units: dict[str | None, str | None] = {}
    for year in ind.years:
        values = [*year.targets, *year.actuals] if isinstance(year, IndicatorYear) else year.actuals
        for value in values:
            if value.value.unit is not None:
                units[value.series] = value.value.unit
    return units


def _baseline(ind: Indicator, keys: list[str | None]) -> tuple[list[SeriesValue], int | None]:
    """The last year in which every series has an actual value, and those values; the old
    baseline when no year has them all (a baseline is one year's values)."""
    for year in sorted(ind.years, key=lambda y: y.fiscal_year, reverse=True):
        found = {v.series: v.value for v in year.actuals if v.value.is_value}
        if all(key in found for key in keys):
            return [SeriesValue(series=key, value=found[key]) for key in keys], year.fiscal_year
    return [v.model_copy(deep=True) for v in ind.baseline], ind.baseline_year


def _indicator(ind: Indicator, window: list[int]) -> Indicator:
    years: list[IndicatorYear]
    baseline: list[SeriesValue] = []
    baseline_year: int | None = None
    if ind.kind is IndicatorKind.QUANTITATIVE:
        keys = _series_keys(ind)
        units = _units(ind)
        baseline, baseline_year = _baseline(ind, keys)
        years = [
            IndicatorYear(
                fiscal_year=fy,
                targets=[SeriesValue(series=key, value=_empty(units.get(key))) for key in keys],
                actuals=[SeriesValue(series=key, value=_empty(units.get(key))) for key in keys],
            )
            for fy in window
        ]
    else:
        years = [IndicatorYear(fiscal_year=fy) for fy in window]
    return Indicator(
        **_definition(ind),
        baseline=baseline,
        baseline_year=baseline_year,
        years=years,
    )


def _reference(ref: ReferenceIndicator, window: list[int]) -> ReferenceIndicator:
    """The definition, and the span of years it showed moved on by one, every cell empty."""
    keys = _series_keys(ref)
    units = _units(ref)
    years = sorted({y.fiscal_year + 1 for y in ref.years}) or window
    return ReferenceIndicator(
        name=ref.name,
        notes=list(ref.notes),
        data_source=ref.data_source,
        series=[s.model_copy(deep=True) for s in ref.series],
        years=[
            ReferenceYear(
                fiscal_year=fy,
                actuals=[SeriesValue(series=key, value=_empty(units.get(key))) for key in keys],
            )
            for fy in years
        ],
    )


def _budget(budget: Budget, window: list[int], year: int) -> Budget:
    """The window's years as the old report had them, and the new evaluation year empty."""
    kept = [y.model_copy(deep=True) for y in budget.years if y.fiscal_year in window]
    known = {y.fiscal_year for y in kept}
    unit = budget.unit
    added = [
        BudgetYear(
            fiscal_year=fy,
            initial=_empty(unit),
            supplementary=_empty(unit),
            carryover=_empty(unit),
            total=_empty(unit),
            executed=_empty(unit),
        )
        for fy in [*window, year]
        if fy not in known
    ]
    return Budget(unit=unit, years=sorted([*kept, *added], key=lambda y: y.fiscal_year))


def _budget_sheet(sheet: BudgetSheet) -> BudgetSheet:
    """The 調書's rows for the next request, every amount empty; the years move on by one."""

    def line(old: BudgetSheetLine) -> BudgetSheetLine:
        return BudgetSheetLine(account_type=old.account_type, **_emptied(old))

    return BudgetSheet(
        policy_name=sheet.policy_name,
        number=sheet.number,
        evaluation_method=sheet.evaluation_method,
        unit=sheet.unit,
        current_year=sheet.current_year + 1 if sheet.current_year is not None else None,
        next_year=sheet.next_year + 1 if sheet.next_year is not None else None,
        sections=[
            BudgetSheetSection(
                kind=section.kind,
                label=section.label,
                items=[item.model_copy(update=_emptied(item), deep=True) for item in section.items],
                subtotals=[line(s) for s in section.subtotals],
            )
            for section in sheet.sections
        ],
        totals=[line(t) for t in sheet.totals],
    )


def _emptied(amounts: BudgetSheetAmounts) -> dict[str, Cell]:
    """The four amount cells of a row or line, empty, each keeping its unit."""
    return {name: _empty(getattr(amounts, name).unit) for name in _AMOUNTS}


_AMOUNTS = ("current_initial", "next_request", "current_initial_inclusive", "next_request_inclusive")


# --- the 事前分析表 draft ---------------------------------------------------------------------------


def _target_years(ind: Indicator, year: int) -> list[int]:
    """The years of 年度ごとの目標値: the next fiscal year up to the 目標年度 (at most
    ``MAX_TARGET_YEARS``), or the next fiscal year alone."""
    target = ind.mid_term_target.target_year if ind.mid_term_target else None
    last = min(target, year + MAX_TARGET_YEARS - 1) if target is not None and target > year else year
    return list(range(year, last + 1))


def _planned_indicator(ind: Indicator, year: int, source: str) -> Indicator:
    """The indicator as the 事前分析表 sets it: its definition and 目標値 carried, the 基準値 from the
    latest complete actuals (marked as hyoka's, with where it came from), the targets to fill."""
    baseline: list[SeriesValue] = []
    baseline_year: int | None = None
    years: list[IndicatorYear]
    if ind.kind is IndicatorKind.QUANTITATIVE:
        keys = _series_keys(ind)
        units = _units(ind)
        baseline, baseline_year = _baseline(ind, keys)
        if baseline_year is not None and baseline_year != ind.baseline_year:
            taken = f"{source}の{format_fiscal_year(baseline_year)}実績値"
            baseline = [v.model_copy(update={"inferred_from": taken}) for v in baseline]
        years = [
            IndicatorYear(
                fiscal_year=fy,
                targets=[SeriesValue(series=key, value=_empty(units.get(key))) for key in keys],
            )
            for fy in _target_years(ind, year)
        ]
    else:
        years = [IndicatorYear(fiscal_year=fy) for fy in _target_years(ind, year)]
    return Indicator(
        **_definition(ind),
        baseline=baseline,
        baseline_year=baseline_year,
        years=years,
        selection_reason=[p.model_copy(deep=True) for p in ind.selection_reason],
    )


def _planned_means(entry: AchievementMeans, year: int, unit: str) -> AchievementMeans:
    """A 達成手段 carried as published, with the next fiscal year's 予算額 to fill."""
    carried = entry.model_copy(deep=True)
    if all(y.fiscal_year != year for y in carried.years):
        carried.years = sorted(
            [*carried.years, MeansYear(fiscal_year=year, budget=_empty(unit), executed=_empty(unit))],
            key=lambda y: y.fiscal_year,
        )
    return carried


def _definition(ind: Indicator) -> dict[str, Any]:
    """What a next document carries of an indicator as it is: its definition, not its years."""
    return {
        "id": ind.id,
        "name": ind.name,
        "is_main": ind.is_main,
        "kind": ind.kind,
        "direction": ind.direction,
        "notes": list(ind.notes),
        "data_source": ind.data_source,
        "series": [s.model_copy(deep=True) for s in ind.series],
        "mid_term_target": ind.mid_term_target.model_copy(deep=True) if ind.mid_term_target else None,
    }
