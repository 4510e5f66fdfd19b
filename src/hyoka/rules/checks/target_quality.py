"""H5 target quality: were the targets set to be met, or set to be easy?

Per quantitative indicator and per series, reading the direction stored on the indicator
(``higher`` is the default; ``at_least`` reads like ``higher``; ``lower`` inverts above and below;
``within_range`` has no single "better" side, so H501–H503 do not apply to it):

* H501 — softened target: year N's target is worse than year N-1's actual (higher is better:
  target < previous actual).
* H502 — a target left unchanged after repeated misses: year N's target equals year N-1's, and two
  consecutive years missed their targets: N-2 and N-1 when both have a target and an actual,
  otherwise N-1 and N.
* H503 — an actual far above its target: actual ≥ ``thresholds.far_above`` × target (lower is
  better: actual × far_above ≤ target). A target of zero or below gives no ratio and is not read.
  A percentage indicator (``hyoka.rules.grading.is_percentage``) is compared in percentage points
  when the profile gives ``thresholds.far_above_points``: actual − target ≥ far_above_points
  (lower is better: target − actual), a target of zero included.
* H504 — a main indicator (*) without a numeric target in any year, quantitative or not.

Every comparison is exact (Decimal); a missing or non-numeric cell is never read as zero.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from hyoka.core import (
    Direction,
    EvaluationReport,
    Indicator,
    IndicatorKind,
    IndicatorYear,
    Issue,
    SeriesValue,
    Severity,
)
from hyoka.core.i18n import gettext_noop
from hyoka.rules.findings import finding
from hyoka.rules.grading import is_percentage
from hyoka.rules.paths import indicators
from hyoka.rules.profile import RuleProfile
from hyoka.rules.reasons import year_values
from hyoka.rules.registry import declare

__all__ = ["CODES", "check_target_quality"]

CODES = declare(
    "H5",
    ("H501", Severity.WARNING, gettext_noop("目標値が前年度の実績を下回っている")),
    ("H502", Severity.WARNING, gettext_noop("未達が続いても目標値が変わらない")),
    ("H503", Severity.INFO, gettext_noop("実績が目標を大きく上回っている")),
    ("H504", Severity.INFO, gettext_noop("主要な指標に数値目標がない")),
)
"""The codes this family emits (``hyoka.rules.codes.CODES`` gathers every family's)."""

_RATIO_PLACES = Decimal("0.001")


@dataclass(frozen=True, slots=True)
class _Value:
    """One number of one series in one year: where it is and what it is."""

    pointer: str
    record: SeriesValue
    value: Decimal

    @property
    def shown(self) -> str:
        """「84%」「30」: the number as printed, with its unit when the cell has one."""
        return f"{self.value:,}{self.record.value.unit or ''}"


@dataclass(frozen=True, slots=True)
class _Year:
    fiscal_year: int
    pointer: str
    record: IndicatorYear
    target: _Value | None
    actual: _Value | None


def _json_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _find(values: Sequence[SeriesValue], series: str | None, pointer: str) -> _Value | None:
    for index, value in enumerate(values):
        if value.series == series and value.value.value is not None:
            return _Value(f"{pointer}/{index}", value, value.value.value)
    return None


def _series_keys(indicator: Indicator) -> list[str | None]:
    """The indicator's series in table order, then any series only the values name; [None] if none."""
    keys: list[str | None] = [s.key for s in indicator.series]
    for year in indicator.years:
        for value in [*year.targets, *year.actuals]:
            if value.series not in keys and (value.series is not None or not indicator.series):
                keys.append(value.series)
    return keys or [None]


def _years(pointer: str, indicator: Indicator, series: str | None) -> dict[int, _Year]:
    years: dict[int, _Year] = {}
    for y, year in enumerate(indicator.years):
        at = f"{pointer}/years/{y}"
        years[year.fiscal_year] = _Year(
            year.fiscal_year,
            at,
            year,
            _find(year.targets, series, f"{at}/targets"),
            _find(year.actuals, series, f"{at}/actuals"),
        )
    return years


def _better_or_equal(a: Decimal, b: Decimal, direction: Direction) -> bool:
    """Is ``a`` at least as good as ``b``?"""
    return a <= b if direction is Direction.LOWER else a >= b


def _missed(year: _Year | None, direction: Direction) -> bool | None:
    """True/False when the year has both numbers, None when it cannot be told."""
    if year is None or year.target is None or year.actual is None:
        return None
    return not _better_or_equal(year.actual.value, year.target.value, direction)


def _label(indicator: Indicator, series: str | None) -> dict[str, str]:
    """The values naming an indicator's series in the messages: ``{indicator}{series}`` in
    Japanese (「測定指標1-5①」), ``{indicator}{series_en}`` in English ("Indicator 1-5 ①")."""
    return {"indicator": indicator.id, "series": series or "", "series_en": f" {series}" if series else ""}


_H501 = {
    False: gettext_noop(
        "測定指標{indicator}{series}の{era}の目標値{target}が、前年度である{previous_era}の実績値{previous_actual}を下回っています。"
    ),
    True: gettext_noop(
        "測定指標{indicator}{series}の{era}の目標値{target}が、前年度である{previous_era}の実績値{previous_actual}を上回っています。"
    ),
}
"""H501's message, by whether lower is better."""

_H503 = {
    False: gettext_noop(
        "測定指標{indicator}{series}の{era}の実績値{actual}が目標値{target}の{far_above}倍以上です。"
        "目標が低すぎなかったか確認してください。"
    ),
    True: gettext_noop(
        "測定指標{indicator}{series}の{era}の実績値{actual}が目標値{target}の1/{far_above}以下です。"
        "目標が低すぎなかったか確認してください。"
    ),
}
"""H503's message (the ratio), by whether lower is better."""

_H503_POINTS = {
    False: gettext_noop(
        "測定指標{indicator}{series}の{era}の実績値{actual}が目標値{target}を{points}ポイント上回っています"
        "({far_above_points}ポイント以上)。目標が低すぎなかったか確認してください。"
    ),
    True: gettext_noop(
        "測定指標{indicator}{series}の{era}の実績値{actual}が目標値{target}を{points}ポイント下回っています"
        "({far_above_points}ポイント以上)。目標が低すぎなかったか確認してください。"
    ),
}
"""H503's message for a percentage indicator compared in points, by whether lower is better."""


def _base_context(indicator: Indicator, series: str | None, year: _Year) -> dict[str, object]:
    return {
        "indicator_id": indicator.id,
        "series": series,
        "fiscal_year": year.fiscal_year,
        "direction": indicator.direction.value,
    }


def _year_values(indicator: Indicator, series: str | None, year: _Year) -> dict[str, object]:
    """The values every H50x message names its year's series by: indicator, series and year."""
    return {
        **_label(indicator, series),
        **year_values("era", year.fiscal_year),
    }


def _target_finding(
    code: str,
    message: str,
    indicator: Indicator,
    series: str | None,
    year: _Year,
    target: _Value,
    values: dict[str, object],
    context: dict[str, object],
) -> Issue:
    """A finding on one year's target (H501, H502): it points at the target, quotes it as
    written and carries it in its context, after the values and context every H50x has."""
    return finding(
        code,
        target.pointer,
        message,
        **_year_values(indicator, series, year),
        target=target.shown,
        **values,
        at=target.record,
        input=target.record.value.raw or None,
        context={**_base_context(indicator, series, year), "target": _json_number(target.value), **context},
    )


def _with_previous(years: dict[int, _Year]) -> Iterator[tuple[int, _Year, _Value, _Year]]:
    """Each year that has a target and a year before it, in order (H501 and H502 compare the two):
    the fiscal year, the year, its target and the year before."""
    for fy in sorted(years):
        year, previous = years[fy], years.get(fy - 1)
        if year.target is not None and previous is not None:
            yield fy, year, year.target, previous


def _h501(indicator: Indicator, series: str | None, years: dict[int, _Year]) -> list[Issue]:
    issues: list[Issue] = []
    direction = indicator.direction
    for fy, year, target, previous in _with_previous(years):
        if previous.actual is None:
            continue
        before = previous.actual.value
        if _better_or_equal(target.value, before, direction):
            continue
        issues.append(
            _target_finding(
                "H501",
                _H501[direction is Direction.LOWER],
                indicator,
                series,
                year,
                target,
                {
                    **year_values("previous_era", fy - 1),
                    "previous_actual": previous.actual.shown,
                },
                {
                    "previous_year": fy - 1,
                    "previous_actual": _json_number(before),
                    "previous_actual_location": previous.actual.pointer,
                },
            )
        )
    return issues


def _h502(indicator: Indicator, series: str | None, years: dict[int, _Year]) -> list[Issue]:
    issues: list[Issue] = []
    direction = indicator.direction
    for fy, year, target, previous in _with_previous(years):
        if previous.target is None or target.value != previous.target.value:
            continue
        before = years.get(fy - 2)
        pair = (before, previous) if _missed(before, direction) is not None else (previous, year)
        if not all(_missed(y, direction) for y in pair):
            continue
        missed = [y for y in pair if y is not None]
        first, second = missed  # both years of the pair (a year that cannot be told is no miss)
        issues.append(
            _target_finding(
                "H502",
                gettext_noop(
                    "測定指標{indicator}{series}の{era}の目標値{target}は前年度と同じですが、"
                    "{first_era}・{second_era}はいずれも目標に届いていません。"
                ),
                indicator,
                series,
                year,
                target,
                {
                    **year_values("first_era", first.fiscal_year),
                    **year_values("second_era", second.fiscal_year),
                },
                {
                    "missed": [
                        {
                            "fiscal_year": y.fiscal_year,
                            "target": _json_number(y.target.value),
                            "actual": _json_number(y.actual.value),
                        }
                        for y in missed
                        if y.target is not None and y.actual is not None
                    ],
                },
            )
        )
    return issues


def _ratio(numerator: Decimal, denominator: Decimal) -> float | None:
    if denominator == 0:
        return None
    return float((numerator / denominator).quantize(_RATIO_PLACES, rounding=ROUND_HALF_EVEN))


def _h503(
    indicator: Indicator,
    series: str | None,
    years: dict[int, _Year],
    far_above: Decimal,
    far_above_points: Decimal | None = None,
) -> list[Issue]:
    """``far_above_points``: given for a percentage indicator when the profile has that cut-off;
    then the margin is actual − target in percentage points (target − actual when lower is better)."""
    issues: list[Issue] = []
    lower = indicator.direction is Direction.LOWER
    for fy in sorted(years):
        year = years[fy]
        if year.target is None or year.actual is None:
            continue
        target, actual = year.target.value, year.actual.value
        context: dict[str, object] = {
            **_base_context(indicator, series, year),
            "target": _json_number(target),
            "actual": _json_number(actual),
        }
        values: dict[str, object] = {
            **_year_values(indicator, series, year),
            "actual": year.actual.shown,
            "target": year.target.shown,
        }
        if far_above_points is not None:
            points = target - actual if lower else actual - target
            if points < far_above_points:
                continue
            message = _H503_POINTS[lower]
            values |= {
                "points": f"{_json_number(points):,}",
                "far_above_points": f"{_json_number(far_above_points):,}",
            }
            context |= {"points": _json_number(points), "threshold_points": _json_number(far_above_points)}
        else:
            if target <= 0 or actual < 0:
                continue  # no meaningful ratio with a zero or negative target
            far = actual * far_above <= target if lower else actual >= far_above * target
            if not far:
                continue
            message = _H503[lower]
            values["far_above"] = far_above
            context |= {
                "ratio": _ratio(target, actual) if lower else _ratio(actual, target),
                "threshold": float(far_above),
            }
        context["target_location"] = year.target.pointer
        issues.append(
            finding(
                "H503",
                year.actual.pointer,
                message,
                **values,
                at=year.actual.record,
                input=year.actual.record.value.raw or None,
                context=context,
            )
        )
    return issues


def _has_numeric_target(indicator: Indicator) -> bool:
    values = [v for year in indicator.years for v in year.targets]
    if indicator.mid_term_target is not None:
        values.extend(indicator.mid_term_target.values)
    return any(v.value.value is not None for v in values)


def _h504(pointer: str, indicator: Indicator) -> list[Issue]:
    if not indicator.is_main or _has_numeric_target(indicator):
        return []
    qualitative = indicator.kind is IndicatorKind.QUALITATIVE
    return [
        finding(
            "H504",
            pointer,
            gettext_noop(
                "主要な測定指標{indicator}「{indicator_name}」に数値目標がありません(定性的な指標)。"
            )
            if qualitative
            else gettext_noop("主要な測定指標{indicator}「{indicator_name}」に数値目標がありません。"),
            indicator=indicator.id,
            indicator_name=indicator.name,
            at=indicator,
            context={"indicator_id": indicator.id, "kind": indicator.kind.value},
        )
    ]


def check_target_quality(report: EvaluationReport, profile: RuleProfile) -> list[Issue]:
    far_above = Decimal(str(profile.thresholds.far_above))
    given_points = profile.thresholds.far_above_points
    issues: list[Issue] = []
    for pointer, indicator in indicators(report):
        issues.extend(_h504(pointer, indicator))
        if indicator.kind is not IndicatorKind.QUANTITATIVE or indicator.direction is Direction.WITHIN_RANGE:
            continue
        points = (
            Decimal(str(given_points))
            if given_points is not None and is_percentage(indicator, profile)
            else None
        )
        for series in _series_keys(indicator):
            years = _years(pointer, indicator, series)
            issues.extend(_h501(indicator, series, years))
            issues.extend(_h502(indicator, series, years))
            issues.extend(_h503(indicator, series, years, far_above, points))
    return issues
