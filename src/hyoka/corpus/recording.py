"""The grades and the judgment a careful person records from a generated report's numbers.

Written from docs/rules.md §2–§3 and the profile's thresholds, independently of ``hyoka.rules``: the
generator records grades with this module, and the checker proposes grades with its own code, so
a clean corpus with no H301/H302 finding is evidence that both read the rules the same way (and a
disagreement is a bug in one of them, not a tautology). Only the ``all_years`` window strategy is
implemented: the generator refuses a profile with another one.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum

from hyoka.core import (
    Direction,
    EvaluationReport,
    Indicator,
    IndicatorKind,
    RecordedGrade,
    SeriesValue,
    Tier,
)
from hyoka.rules import RuleProfile

__all__ = [
    "Level",
    "WindowGrade",
    "YearGrade",
    "grade_indicator",
    "record_grade",
    "record_grades",
    "record_judgment",
    "tier_for",
]


class Level(IntEnum):
    """A year's verdict, best first (docs/rules.md §2)."""

    EXCEEDED = 0
    ACHIEVED = 1
    NEAR = 2
    PROGRESSING = 3
    BELOW_NEAR = 4
    REGRESSING = 5


@dataclass(frozen=True)
class SeriesGrade:
    series: str | None
    target: Decimal
    upper: Decimal | None
    actual: Decimal
    level: Level


@dataclass(frozen=True)
class YearGrade:
    fiscal_year: int
    series: tuple[SeriesGrade, ...]

    @property
    def level(self) -> Level:
        return max(s.level for s in self.series)


@dataclass(frozen=True)
class WindowGrade:
    letter: str | None
    years: tuple[YearGrade, ...]


def _number(sv: SeriesValue | None) -> Decimal | None:
    return sv.value.value if sv is not None and sv.value.is_value else None


def _upper(sv: SeriesValue) -> Decimal | None:
    return sv.upper.value if sv.upper is not None and sv.upper.is_value else None


def _gap(value: Decimal, low: Decimal, high: Decimal) -> Decimal:
    if value < low:
        return low - value
    return value - high if value > high else Decimal(0)


def _improves(actual: Decimal, than: Decimal, direction: Direction, low: Decimal, high: Decimal) -> bool:
    if direction is Direction.WITHIN_RANGE:
        return _gap(actual, low, high) < _gap(than, low, high)
    return actual < than if direction is Direction.LOWER else actual > than


def _level(
    target: SeriesValue, actual: Decimal, before: Decimal | None, direction: Direction, profile: RuleProfile
) -> Level:
    """One series in one year: the rate against the thresholds, else the comparison with ``before``."""
    t = profile.thresholds
    goal = _number(target)
    assert goal is not None
    high = _upper(target) if direction is Direction.WITHIN_RANGE else None
    high = goal if high is None else high
    capped = direction in (Direction.AT_LEAST, Direction.WITHIN_RANGE)
    rate: Decimal | None
    if direction is Direction.WITHIN_RANGE:
        if goal <= actual <= high:
            rate = Decimal(1)
        elif actual < goal:
            rate = actual / goal if goal > 0 else None
        else:
            rate = high / actual if actual > 0 else None
    elif direction is Direction.LOWER:
        rate = goal / actual if actual > 0 and goal >= 0 else None
        if actual == 0 and goal > 0:
            return Level.EXCEEDED
    else:
        rate = actual / goal if goal > 0 else None
    if rate is None:
        met = actual <= goal if direction is Direction.LOWER else actual >= goal
        if met:
            return Level.ACHIEVED
    else:
        if rate >= Decimal(str(t.exceeded)) and not capped:
            return Level.EXCEEDED
        if rate >= Decimal(str(t.achieved)):
            return Level.ACHIEVED
        if rate >= Decimal(str(t.near)):
            return Level.NEAR
    if before is None:
        return Level.BELOW_NEAR
    better = _improves(actual, before, direction, goal, high)
    return Level.PROGRESSING if better else Level.REGRESSING


def _series_keys(targets: list[SeriesValue], actuals: list[SeriesValue]) -> list[str | None]:
    return list(dict.fromkeys([sv.series for sv in targets] + [sv.series for sv in actuals]))


def grade_indicator(indicator: Indicator, window: list[int], profile: RuleProfile) -> WindowGrade:
    """The letter for a quantitative indicator over ``window`` (None: no year with both numbers)."""
    if profile.window.strategy.value != "all_years":
        raise ValueError(
            f"the corpus generator records grades by all_years only, not {profile.window.strategy}"
        )
    baseline = {sv.series: _number(sv) for sv in indicator.baseline}
    previous: dict[str | None, Decimal] = {}
    years: list[YearGrade] = []
    for year in sorted(indicator.years, key=lambda y: y.fiscal_year):
        targets = {sv.series: sv for sv in year.targets}
        actuals = {sv.series: _number(sv) for sv in year.actuals}
        if not window or year.fiscal_year in window:
            graded: list[SeriesGrade] = []
            for key in _series_keys(year.targets, year.actuals):
                target, actual = targets.get(key), actuals.get(key)
                goal = _number(target)
                if target is None or goal is None or actual is None:
                    continue
                base = baseline.get(key)
                before = base if base is not None else previous.get(key)
                level = _level(target, actual, before, indicator.direction, profile)
                graded.append(SeriesGrade(key, goal, _upper(target), actual, level))
            if graded:
                years.append(YearGrade(year.fiscal_year, tuple(graded)))
        previous.update({k: v for k, v in actuals.items() if v is not None})
    if not years:
        return WindowGrade(None, ())
    letters = profile.legend.letters
    levels = [y.level for y in years]
    if all(level is Level.EXCEEDED for level in levels):
        rank = 0
    elif all(level <= Level.ACHIEVED for level in levels):
        rank = 1
    elif all(level <= Level.NEAR for level in levels):
        rank = 2
    elif _improved(indicator, years):
        rank = 3
    else:
        rank = 4
    return WindowGrade(letters[min(rank, len(letters) - 1)], tuple(years))


def _improved(indicator: Indicator, years: list[YearGrade]) -> bool:
    """The last year better than the baseline (or the first year), in every series compared."""
    last = years[-1]
    if len(years) == 1 and not indicator.baseline:
        return last.level is Level.PROGRESSING
    baseline = {sv.series: _number(sv) for sv in indicator.baseline}
    first = {s.series: s.actual for s in years[0].series}
    compared = False
    for s in last.series:
        base = baseline.get(s.series)
        base = base if base is not None else first.get(s.series)
        if base is None:
            continue
        compared = True
        high = s.upper if s.upper is not None else s.target
        if not _improves(s.actual, base, indicator.direction, s.target, high):
            return False
    return compared


def tier_for(report: EvaluationReport, profile: RuleProfile) -> Tier:
    """docs/rules.md §3 from the recorded grades (the profile's weights on main indicators)."""
    letters = profile.legend.letters
    graded = [
        (ind.id, ind.is_main, ind.recorded_grade.letter)
        for ind in report.indicators()
        if ind.recorded_grade is not None and ind.recorded_grade.letter in letters
    ]
    if not graded:
        raise ValueError("a report without a graded indicator has no judgment")
    by_rank = {t.rank: t for t in profile.tiers}
    rank = letters.index
    a, b, d = (by_rank[r].indicator_letter for r in (2, 3, 5))
    weights = profile.judgment.weights
    main = [(i, weights.get(i, 1.0), letter) for i, is_main, letter in graded if is_main]
    main = main or [(i, 1.0, letter) for i, _, letter in graded]
    if all(rank(letter) <= rank(a) for _, _, letter in graded):
        best = by_rank[1].indicator_letter
        return Tier(by_rank[1].label if all(letter == best for *_, letter in main) else by_rank[2].label)
    if any(letter == d for *_, letter in main):
        return Tier(by_rank[5].label)
    weighted = sum(w for _, w, _ in main) > 0
    total = sum(w for _, w, _ in main) if weighted else float(len(main))
    good = sum((w if weighted else 1.0) for _, w, letter in main if rank(letter) <= rank(b))
    if good / total >= profile.judgment.main_share_for_substantial:
        return Tier(by_rank[3].label)
    return Tier(by_rank[4].label)


def record_grade(report: EvaluationReport, indicator: Indicator, profile: RuleProfile) -> None:
    """Record a quantitative indicator's grade from its numbers, in its section and the summary."""
    letter = grade_indicator(indicator, report.window, profile).letter
    indicator.recorded_grade = (
        None if letter is None else RecordedGrade(letter=letter, window=list(report.window))
    )
    for entry in report.results_summary:
        if entry.indicator_id == indicator.id:
            entry.recorded_grade = letter


def record_judgment(report: EvaluationReport, profile: RuleProfile, tier: Tier | None = None) -> None:
    """Record the judgment (label, letter; the 調書's 達成度合い too): ``tier``, else the one the
    recorded grades give."""
    tier = tier or tier_for(report, profile)
    letter = next(t.letter for t in profile.tiers if t.label == tier.value)
    judgment = report.judgment
    judgment.tier, judgment.label, judgment.letter = tier, tier.value, letter
    if report.budget_sheet is not None:
        report.budget_sheet.achievement = tier.value


def record_grades(report: EvaluationReport, profile: RuleProfile) -> None:
    """Record every quantitative indicator's grade (section and summary) and the judgment, in place.

    Qualitative indicators keep the grade the generator gave them: no rule proposes one."""
    for indicator in report.indicators():
        if indicator.kind is IndicatorKind.QUANTITATIVE:
            record_grade(report, indicator, profile)
        else:
            for entry in report.results_summary:
                if entry.indicator_id == indicator.id and indicator.recorded_grade is not None:
                    entry.recorded_grade = indicator.recorded_grade.letter
    record_judgment(report, profile)
