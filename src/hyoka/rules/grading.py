"""Grade proposals for quantitative indicators (docs/rules.md §2): rates and verdicts per year and
series, then a letter for the evaluation window by the profile's strategy, with the trace."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from hyoka.core import Cell, Direction, Indicator, IndicatorKind, SeriesValue
from hyoka.core.i18n import gettext_noop
from hyoka.rules import reasons
from hyoka.rules.profile import Grade, RuleProfile, WindowStrategy

__all__ = [
    "VERDICT_JA",
    "IndicatorProposal",
    "SeriesTrace",
    "Verdict",
    "YearTrace",
    "is_percentage",
    "propose_indicator_grade",
    "verdict_words",
]


class Verdict(StrEnum):
    EXCEEDED = "exceeded"
    ACHIEVED = "achieved"
    NEAR = "near"
    PROGRESSING = "progressing"
    BELOW_NEAR = "below_near"
    """below near, with nothing to compare against (no baseline, no previous actual)"""
    REGRESSING = "regressing"
    NO_DATA = "no_data"


VERDICT_JA = {
    Verdict.EXCEEDED: gettext_noop("目標超過"),
    Verdict.ACHIEVED: gettext_noop("目標達成"),
    Verdict.NEAR: gettext_noop("目標に近い"),
    Verdict.PROGRESSING: gettext_noop("基準より改善"),
    Verdict.BELOW_NEAR: gettext_noop("目標から遠い"),
    Verdict.REGRESSING: gettext_noop("後退"),
    Verdict.NO_DATA: gettext_noop("データなし"),
}
"""A year's verdict in words (msgids of the catalog: ``verdict_words(v).text(lang)`` in either language)."""


def verdict_words(verdict: Verdict) -> reasons.Reason:
    """A verdict in words, in the language asked: 「目標に近い」, "Near the target"."""
    return reasons.Reason(VERDICT_JA[verdict])


_ORDER = [
    Verdict.EXCEEDED,
    Verdict.ACHIEVED,
    Verdict.NEAR,
    Verdict.PROGRESSING,
    Verdict.BELOW_NEAR,
    Verdict.REGRESSING,
]


def _rank(verdict: Verdict) -> int:
    return _ORDER.index(verdict)


@dataclass(frozen=True)
class SeriesTrace:
    series: str | None
    target: Decimal | None
    actual: Decimal | None
    rate: Decimal | None
    verdict: Verdict
    note: str = ""
    target_upper: Decimal | None = None
    points: Decimal | None = None
    """percentage indicators compared in points: actual − target (direction-adjusted)"""
    grade: str | None = None
    """with a legend that has 達成率 cut-offs: the grade reached (None: below every cut-off)"""

    def to_json(self) -> dict[str, Any]:
        shape = {
            "series": self.series,
            "target": _num(self.target),
            "actual": _num(self.actual),
            "rate": _num(self.rate),
            "verdict": self.verdict.value,
            "note": self.note,
        }
        if self.target_upper is not None:
            shape["target_upper"] = _num(self.target_upper)
        if self.points is not None:
            shape["points"] = _num(self.points)
        if self.grade is not None:
            shape["grade"] = self.grade
        return shape


@dataclass(frozen=True)
class YearTrace:
    fiscal_year: int
    series: list[SeriesTrace]
    verdict: Verdict
    rung: int | None = None
    """with a legend that has cut-offs: the index of the worst series' grade (None: below, or no data)"""

    def to_json(self) -> dict[str, Any]:
        return {
            "fiscal_year": self.fiscal_year,
            "verdict": self.verdict.value,
            "series": [s.to_json() for s in self.series],
        }


@dataclass
class IndicatorProposal:
    indicator_id: str
    kind: str
    proposed: str | None
    recorded: str | None
    rule: str
    trace: list[YearTrace] = field(default_factory=list)
    reason: reasons.Reason | None = None
    """``rule`` in words, in either language (``reason.text(lang)``); set on every proposal the
    rules make."""

    def to_json(self) -> dict[str, Any]:
        return {
            "proposed": self.proposed,
            "recorded": self.recorded,
            "trace": {"kind": self.kind, "rule": self.rule, "years": [y.to_json() for y in self.trace]},
        }


def _num(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _value(sv: SeriesValue | None) -> Decimal | None:
    return sv.value.value if sv is not None and sv.value.is_value else None


def _distance(value: Decimal, low: Decimal, high: Decimal) -> Decimal:
    return low - value if value < low else value - high if value > high else Decimal(0)


def _better(
    actual: Decimal, than: Decimal, direction: Direction, bounds: tuple[Decimal, Decimal] | None = None
) -> bool:
    """Direction-aware: lower, higher, or (within a range) closer to the range."""
    if direction is Direction.WITHIN_RANGE and bounds is not None:
        return _distance(actual, *bounds) < _distance(than, *bounds)
    return actual < than if direction is Direction.LOWER else actual > than


def _bounds(target: SeriesValue | None) -> tuple[Decimal, Decimal] | None:
    low = _value(target)
    if target is None or low is None:
        return None
    high = target.upper.value if target.upper is not None and target.upper.is_value else None
    return low, high if high is not None else low


def _by_level(rate: Decimal, profile: RuleProfile, *, cap_at_achieved: bool = False) -> Verdict | None:
    t = profile.thresholds
    if rate >= Decimal(str(t.exceeded)) and not cap_at_achieved:
        return Verdict.EXCEEDED
    if rate >= Decimal(str(t.achieved)):
        return Verdict.ACHIEVED
    if rate >= Decimal(str(t.near)):
        return Verdict.NEAR
    return None


def _by_points(points: Decimal, profile: RuleProfile) -> Verdict | None:
    """Percentage points against ``exceeded_points`` / ``achieved_points`` / ``near_points``."""
    t = profile.thresholds
    assert t.exceeded_points is not None and t.near_points is not None
    achieved = 0.0 if t.achieved_points is None else t.achieved_points
    if points >= Decimal(str(t.exceeded_points)):
        return Verdict.EXCEEDED
    if points >= Decimal(str(achieved)):
        return Verdict.ACHIEVED
    if points >= Decimal(str(t.near_points)):
        return Verdict.NEAR
    return None


def _rung_verdict(cut_off: float, par: float) -> Verdict:
    """The verdict a grade's cut-off stands for: above par (100 %, 0 points) exceeded, at par achieved,
    below par near."""
    return Verdict.EXCEEDED if cut_off > par else Verdict.ACHIEVED if cut_off == par else Verdict.NEAR


def _first_rung(value: Decimal, cut_offs: list[float]) -> int | None:
    return next((i for i, cut in enumerate(cut_offs) if value >= Decimal(str(cut))), None)


def _rate(target: SeriesValue, actual: Decimal, direction: Direction) -> tuple[Decimal | None, str]:
    """actual ÷ target, inverted when lower is better; None where a ratio means nothing."""
    low = _value(target)
    assert low is not None
    if direction is Direction.WITHIN_RANGE:
        high = target.upper.value if target.upper is not None and target.upper.is_value else low
        if high is None or low <= actual <= high:
            return Decimal(1), "within the range"
        if actual < low:
            return (actual / low if low > 0 else None), "below the range"
        return (high / actual if actual > 0 else None), "above the range"
    if direction is Direction.LOWER:
        if actual == 0:
            return None, "actual is zero (lower is better)"
        if low < 0 or actual < 0:
            return None, "negative value (lower is better): compared, not divided"
        return low / actual, ""
    if low == 0:
        return None, "target is zero: compared, not divided"
    if low < 0:
        return None, "negative target: compared, not divided"
    return actual / low, ""


def _points(target: SeriesValue, actual: Decimal, direction: Direction) -> Decimal:
    """actual − target in percentage points, positive when better (target − actual when lower is
    better; 0 within a range, else the distance to it, negative)."""
    low = _value(target)
    assert low is not None
    if direction is Direction.WITHIN_RANGE:
        high = target.upper.value if target.upper is not None and target.upper.is_value else low
        high = low if high is None else high
        return actual - low if actual < low else high - actual if actual > high else Decimal(0)
    return low - actual if direction is Direction.LOWER else actual - low


_PERCENT_TAILS = ("%", "％")


def _cells(indicator: Indicator) -> list[Cell]:
    values = [*indicator.baseline]
    for year in indicator.years:
        values += [*year.targets, *year.actuals]
    return [sv.value for sv in values] + [sv.upper for sv in values if sv.upper is not None]


def is_percentage(indicator: Indicator, profile: RuleProfile) -> bool:
    """An indicator measured in percent: a cell whose unit is a percent unit or whose text ends in
    %/％; or a name with a marker (「率」「割合」「％」「%」) and no cell in another unit
    (docs/profiles.md, "Percentage indicators")."""
    units = set(profile.percentages.units)
    cells = [c for c in _cells(indicator) if c.is_value]
    if any(c.unit in units or c.raw.strip().endswith(_PERCENT_TAILS) for c in cells):
        return True
    if any(c.unit and c.unit not in units for c in cells):
        return False
    return any(marker in indicator.name for marker in profile.percentages.name_markers)


def _uses_points(percent: bool, profile: RuleProfile) -> bool:
    legend = profile.legend
    return percent and (legend.uses_points if legend.rungs else profile.thresholds.uses_points)


def _series_verdict(
    key: str | None,
    target: SeriesValue | None,
    actual: Decimal | None,
    comparator: Decimal | None,
    direction: Direction,
    profile: RuleProfile,
    percent: bool = False,
) -> SeriesTrace:
    goal = _value(target)
    if actual is None:
        return SeriesTrace(key, goal, None, None, Verdict.NO_DATA, "no actual")
    if target is None or goal is None:
        return SeriesTrace(key, None, actual, None, Verdict.NO_DATA, "no target")
    capped = direction in (Direction.AT_LEAST, Direction.WITHIN_RANGE)
    rungs: list[Grade] = profile.legend.rungs
    rung: int | None = None
    points: Decimal | None = None
    rate: Decimal | None = None
    verdict: Verdict | None
    bounds = _bounds(target)
    if _uses_points(percent, profile):
        points = _points(target, actual, direction)
        effective = min(points, Decimal(0)) if capped else points
        note = f"percentage points: {_signed(points)}"
        if rungs:
            rung = _first_rung(effective, [g.points_at_least or 0.0 for g in rungs])
            verdict = None if rung is None else _rung_verdict(rungs[rung].points_at_least or 0.0, 0.0)
        else:
            verdict = _by_points(effective, profile)
    else:
        rate, note = _rate(target, actual, direction)
        if rate is None and direction is Direction.LOWER and actual == 0 and goal > 0:
            verdict = Verdict.EXCEEDED
        elif rate is None:
            met = actual <= goal if direction is Direction.LOWER else actual >= goal
            verdict = Verdict.ACHIEVED if met else None
        else:
            verdict = _by_level(rate, profile, cap_at_achieved=capped)
        if rungs:
            cut_offs = [g.rate_at_least or 0.0 for g in rungs]
            if rate is not None:
                percent_rate = (min(rate, Decimal(1)) if capped else rate) * 100
                rung = _first_rung(percent_rate, cut_offs)
            elif verdict is Verdict.EXCEEDED:
                rung = 0
            elif verdict is Verdict.ACHIEVED:
                rung = _first_rung(Decimal(100), cut_offs)
            verdict = None if rung is None else _rung_verdict(cut_offs[rung], 100.0)
    if verdict is None:
        if comparator is None:
            verdict = Verdict.BELOW_NEAR
        else:
            better = _better(actual, comparator, direction, bounds)
            verdict = Verdict.PROGRESSING if better else Verdict.REGRESSING
            note = (note + "; " if note else "") + f"compared with {comparator}"
    upper = bounds[1] if bounds is not None and direction is Direction.WITHIN_RANGE else None
    return SeriesTrace(
        key,
        goal,
        actual,
        None if rate is None else round(rate, 4),
        verdict,
        note,
        upper,
        points,
        None if rung is None else rungs[rung].letter,
    )


def _signed(value: Decimal) -> str:
    number = _num(value)
    return f"+{number}" if value > 0 else str(number)


def _year_traces(indicator: Indicator, window: list[int], profile: RuleProfile) -> list[YearTrace]:
    percent = is_percentage(indicator, profile)
    legend = profile.legend
    baseline = {sv.series: _value(sv) for sv in indicator.baseline}
    previous: dict[str | None, Decimal | None] = {}
    traces: list[YearTrace] = []
    for year in sorted(indicator.years, key=lambda y: y.fiscal_year):
        actuals = {sv.series: _value(sv) for sv in year.actuals}
        targets = {sv.series: sv for sv in year.targets}
        if year.fiscal_year in window or not window:
            keys = list(dict.fromkeys([*targets, *actuals]))
            series = [
                _series_verdict(
                    k,
                    targets.get(k),
                    actuals.get(k),
                    baseline.get(k) if baseline.get(k) is not None else previous.get(k),
                    indicator.direction,
                    profile,
                    percent,
                )
                for k in keys
            ]
            judged = [s.verdict for s in series if s.verdict is not Verdict.NO_DATA]
            verdict = max(judged, key=_rank) if judged else Verdict.NO_DATA
            graded = [s.grade for s in series if s.verdict is not Verdict.NO_DATA]
            rung = (
                max(legend.rank(g) for g in graded if g is not None)
                if graded and all(g is not None for g in graded)
                else None
            )
            traces.append(YearTrace(year.fiscal_year, series, verdict, rung))
        previous.update({k: v for k, v in actuals.items() if v is not None})
    return traces


def _improved(indicator: Indicator, judged: list[YearTrace]) -> bool:
    """The last judged year better than the first (or than the baseline), in every series."""
    last = judged[-1]
    if len(judged) == 1 and not indicator.baseline:
        return last.verdict is Verdict.PROGRESSING
    baseline = {sv.series: _value(sv) for sv in indicator.baseline}
    first = {s.series: s.actual for s in judged[0].series}
    compared = False
    for s in last.series:
        base = baseline.get(s.series) if baseline.get(s.series) is not None else first.get(s.series)
        if s.actual is None or base is None:
            continue
        compared = True
        bounds = None if s.target is None else (s.target, s.target_upper or s.target)
        if not _better(s.actual, base, indicator.direction, bounds):
            return False
    return compared


def _letter(level: int, profile: RuleProfile) -> str:
    """Position ``level`` (0 exceeded … 4 moving away) of the legend, clipped to its last ranked letter
    (the 'not measured' mark is never a rung)."""
    letters = [g.letter for g in profile.legend.grades if not g.not_measured]
    return letters[min(level, len(letters) - 1)]


def _by_rungs(
    indicator: Indicator, judged: list[YearTrace], profile: RuleProfile
) -> tuple[str, str, reasons.Reason]:
    """The window's letter with a legend that has 達成率 cut-offs: the best grade that every year
    (a majority; the last year) reached; below every cut-off, the first 'below' grade when improving,
    else the last."""
    legend = profile.legend
    rungs, below = legend.rungs, legend.below
    strategy = profile.window.strategy
    if strategy is WindowStrategy.FINAL_YEAR:
        last = judged[-1]
        if last.rung is not None:
            letter = rungs[last.rung].letter
            return (
                letter,
                f"final_year: {last.fiscal_year} {letter} ({last.verdict.value})",
                reasons.final_year_rung(last.fiscal_year, letter, verdict_words(last.verdict)),
            )
        letter = below[0].letter if last.verdict is Verdict.PROGRESSING else below[-1].letter
        return (
            letter,
            f"final_year: {last.fiscal_year} below every cut-off ({last.verdict.value})",
            reasons.final_year_below(last.fiscal_year, verdict_words(last.verdict)),
        )
    n = len(judged)
    need = n if strategy is WindowStrategy.ALL_YEARS else n // 2 + 1
    label = "every year" if strategy is WindowStrategy.ALL_YEARS else f"{need} of {n} years"
    for index, grade in enumerate(rungs):
        if sum(1 for t in judged if t.rung is not None and t.rung <= index) >= need:
            return (
                grade.letter,
                f"{strategy.value}: {label} {grade.letter} or better",
                reasons.rung_window(strategy.value, grade.letter, need=need, n=n),
            )
    if _improved(indicator, judged):
        return (
            below[0].letter,
            f"{strategy.value}: below every cut-off, the last year better than the first (or the baseline)",
            reasons.rung_window(strategy.value, None, need=need, n=n, improving=True),
        )
    return (
        below[-1].letter,
        f"{strategy.value}: below every cut-off and not improving",
        reasons.rung_window(strategy.value, None, need=need, n=n),
    )


def propose_indicator_grade(
    indicator: Indicator, window: list[int], profile: RuleProfile
) -> IndicatorProposal:
    recorded = indicator.recorded_grade.letter if indicator.recorded_grade else None
    if indicator.kind is IndicatorKind.QUALITATIVE:
        return IndicatorProposal(
            indicator.id,
            "qualitative",
            None,
            recorded,
            "qualitative: no proposal",
            reason=reasons.qualitative(),
        )
    traces = _year_traces(indicator, window, profile)
    judged = [t for t in traces if t.verdict is not Verdict.NO_DATA]
    if not judged:
        return IndicatorProposal(
            indicator.id,
            "quantitative",
            profile.legend.not_measured,
            recorded,
            "no year with a target and an actual",
            traces,
            reasons.no_judged_year(),
        )
    verdicts = [t.verdict for t in judged]
    strategy = profile.window.strategy
    n = len(judged)

    def share(at_least: Verdict) -> int:
        return sum(1 for v in verdicts if _rank(v) <= _rank(at_least))

    letter: str
    reason: reasons.Reason
    if profile.legend.rungs:
        letter, rule, reason = _by_rungs(indicator, judged, profile)
    elif strategy is WindowStrategy.FINAL_YEAR:
        final = verdicts[-1]
        level = min(_rank(final), 3) if final in _ORDER[:4] else (3 if final is Verdict.PROGRESSING else 4)
        rule = f"final_year: {judged[-1].fiscal_year} {final.value}"
        reason = reasons.final_year(judged[-1].fiscal_year, verdict_words(final))
        letter = _letter(level, profile)
    else:
        need = n if strategy is WindowStrategy.ALL_YEARS else n // 2 + 1
        label = "every year" if strategy is WindowStrategy.ALL_YEARS else f"{need} of {n} years"
        if share(Verdict.EXCEEDED) >= need:
            level, rule = 0, f"{strategy.value}: {label} exceeded"
        elif share(Verdict.ACHIEVED) >= need:
            level, rule = 1, f"{strategy.value}: {label} achieved"
        elif share(Verdict.NEAR) >= need:
            level, rule = 2, f"{strategy.value}: {label} at least near"
        elif _improved(indicator, judged):
            level, rule = (
                3,
                f"{strategy.value}: below near, the last year better than the first (or the baseline)",
            )
        else:
            level, rule = 4, f"{strategy.value}: below near and not improving"
        improving = level == 3
        reason = reasons.window(
            strategy.value, level if level < 3 else None, need=need, n=n, improving=improving
        )
        letter = _letter(level, profile)
    present = {t.fiscal_year for t in traces}
    skipped = sorted(
        [t.fiscal_year for t in traces if t.verdict is Verdict.NO_DATA]
        + [y for y in window if y not in present]
    )
    if skipped:
        rule += f" (no data: {', '.join(map(str, skipped))})"
    return IndicatorProposal(
        indicator.id, "quantitative", letter, recorded, rule, traces, reasons.with_no_data(reason, skipped)
    )
