"""H5 plantings (target quality): targets set too softly (``rules/checks/target_quality.py``).

A target lowered below last year's actual (H501), a target left unchanged after two missed years
(H502), an actual far above a target set too low (H503), a qualitative indicator made main (H504).
The grade, the text and the judgment follow the changed number, so the soft target is the only thing
wrong. H5 is planted first: later families never undo it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Literal

from hyoka.core import (
    Direction,
    Indicator,
    IndicatorKind,
    format_fiscal_year,
)
from hyoka.corpus.build import (
    write_rationale,
)
from hyoka.corpus.narrative import amount
from hyoka.corpus.planting.context import (
    PlantedError,
    _Context,
    _free_quantitative,
    _indicators,
    _json,
    _missed,
    _quantum,
    _regrade,
    _series_keys,
    _set,
    _summary_index,
    _unit,
    _value,
)
from hyoka.corpus.recording import record_judgment

_Candidate = tuple[str, Indicator, int, str | None, Decimal]
"""A value a planting may set: the indicator's pointer, the indicator, the year's index, the series
and the new value."""


@dataclass(frozen=True, slots=True)
class _Change:
    """The value a planting set, for its description: the indicator and series (「1-2①」), the year,
    the value before and after."""

    label: str
    era: str
    old: Decimal | None
    new: Decimal


def _plant_value(
    ctx: _Context,
    candidates: list[_Candidate],
    column: Literal["targets", "actuals"],
    code: str,
    kind: str,
    describe: Callable[[_Change], str],
) -> PlantedError | None:
    """Set one of the ``candidates``, drawn at random, in its year's ``column`` and carry the change
    through (grade, text, judgment): the H501–H503 plantings differ only in what they choose."""
    if not candidates:
        return None
    pointer, ind, y, key, new = ctx.rng.choice(candidates)
    year = ind.years[y]
    values = getattr(year, column)
    old = _value(values, key)
    k = _set(values, key, new, _unit(ind, ctx))
    _regrade(ctx, ind)
    ctx.taken.add(ind.id)
    change = _Change(f"{ind.id}{key or ''}", format_fiscal_year(year.fiscal_year), old, new)
    return PlantedError(
        "H5",
        code,
        f"{pointer}/years/{y}/{column}/{k}",
        kind,
        describe(change),
        {
            "indicator_id": ind.id,
            "fiscal_year": year.fiscal_year,
            "series": key,
            "before": _json(old),
            "after": _json(new),
        },
    )


def _h501(ctx: _Context) -> PlantedError | None:
    """A target lowered below the previous year's actual (the text follows the lowered target)."""
    candidates: list[_Candidate] = []
    for pointer, _a, _i, ind in _free_quantitative(ctx):
        if ind.direction is Direction.WITHIN_RANGE:
            continue
        q = _quantum(ind, ctx)
        for y in range(1, len(ind.years)):
            before, year = ind.years[y - 1], ind.years[y]
            after = ind.years[y + 1] if y + 1 < len(ind.years) else None
            for key in _series_keys(ind):
                prev_actual, prev_target = _value(before.actuals, key), _value(before.targets, key)
                actual = _value(year.actuals, key)
                if prev_actual is None or actual is None or prev_target is None:
                    continue
                if ind.direction is Direction.LOWER:
                    low, high = prev_actual + q, (actual * Decimal("1.5")) - q
                    new = (prev_actual * Decimal(str(ctx.rng.uniform(1.03, 1.2)))).quantize(q, ROUND_CEILING)
                else:
                    low, high = actual / Decimal("1.5") + q, prev_actual - q
                    new = (prev_actual * Decimal(str(ctx.rng.uniform(0.8, 0.97)))).quantize(q, ROUND_FLOOR)
                new = min(max(new, low.quantize(q, ROUND_CEILING)), high.quantize(q, ROUND_FLOOR))
                next_target = _value(after.targets, key) if after else None
                if low > high or new <= 0 or new in (prev_target, next_target):
                    continue
                candidates.append((pointer, ind, y, key, new))
    return _plant_value(
        ctx,
        candidates,
        "targets",
        "H501",
        "target_softened",
        lambda c: (
            f"測定指標{c.label}の{c.era}の目標値を{amount(c.old or Decimal(0))}から{amount(c.new)}に"
            "引き下げ、"
            "前年度の実績値を下回る目標とした"
        ),
    )


def _h502(ctx: _Context) -> PlantedError | None:
    """After two missed years, the target left as it was (copied from the year before)."""
    candidates: list[_Candidate] = []
    for pointer, _a, _i, ind in _free_quantitative(ctx):
        if ind.direction is Direction.WITHIN_RANGE:
            continue
        d = ind.direction
        for y in range(1, len(ind.years)):
            for key in _series_keys(ind):
                maybe_t = [_value(yr.targets, key) for yr in ind.years]
                maybe_a = [_value(yr.actuals, key) for yr in ind.years]
                t = [v for v in maybe_t if v is not None]
                a = [v for v in maybe_a if v is not None]
                if len(t) != len(ind.years) or len(a) != len(ind.years) or t[y] == t[y - 1]:
                    continue
                copied = t[y - 1]
                if y >= 2:
                    ok = _missed(t[y - 2], a[y - 2], d) and _missed(t[y - 1], a[y - 1], d)
                else:
                    ok = _missed(t[y - 1], a[y - 1], d) and _missed(copied, a[y], d)
                    ok = ok and (len(t) < 3 or t[2] != copied)
                far = (
                    a[y] * Decimal("1.5") <= copied
                    if d is Direction.LOWER
                    else a[y] >= copied * Decimal("1.5")
                )
                if ok and not far:
                    candidates.append((pointer, ind, y, key, copied))
    return _plant_value(
        ctx,
        candidates,
        "targets",
        "H502",
        "target_unchanged",
        lambda c: (
            f"測定指標{c.label}は未達が続いたが、{c.era}の目標値を前年度と同じ{amount(c.new)}のまま据え置いた"
        ),
    )


def _h503(ctx: _Context) -> PlantedError | None:
    """An actual far above its target in the last year (a target set too low)."""
    candidates: list[_Candidate] = []
    for pointer, _a, _i, ind in _free_quantitative(ctx):
        if ind.direction is Direction.WITHIN_RANGE or not ind.years:
            continue
        q = _quantum(ind, ctx)
        y = len(ind.years) - 1
        for key in _series_keys(ind):
            target = _value(ind.years[y].targets, key)
            if target is None or target <= 0 or _value(ind.years[y].actuals, key) is None:
                continue
            factor = Decimal(str(ctx.rng.uniform(1.52, 1.9)))
            if ind.direction is Direction.LOWER:
                new = (target / factor).quantize(q, ROUND_FLOOR)
                if new <= 0 or new * Decimal("1.5") > target:
                    continue
            else:
                new = (target * factor).quantize(q, ROUND_CEILING)
                if _unit(ind, ctx) == "%" and new > 100:
                    continue
            candidates.append((pointer, ind, y, key, new))
    return _plant_value(
        ctx,
        candidates,
        "actuals",
        "H503",
        "actual_far_above",
        lambda c: (
            f"測定指標{c.label}の{c.era}の実績値が目標値の1.5倍以上({amount(c.new)})となる、低すぎる目標"
        ),
    )


def _h504(ctx: _Context) -> PlantedError | None:
    """A qualitative indicator made main (*): a main indicator without a numeric target."""
    candidates = [
        (pointer, a, ind)
        for pointer, a, _i, ind in _indicators(ctx.report)
        if ind.kind is IndicatorKind.QUALITATIVE and not ind.is_main and ind.id not in ctx.taken
    ]
    if not candidates:
        return None
    pointer, a, ind = ctx.rng.choice(candidates)
    ind.is_main = True
    s = _summary_index(ctx.report, ind.id)
    if s is not None:
        ctx.report.results_summary[s].is_main = True
    area = ctx.report.areas[a]
    for block in [*area.analysis, *area.next_steps.indicators]:
        if block.indicator_id == ind.id and not block.heading.endswith("*"):
            block.heading += "*"
    record_judgment(ctx.report, ctx.profile)
    write_rationale(ctx.built, ctx.seeds)
    ctx.taken.add(ind.id)
    return PlantedError(
        "H5",
        "H504",
        pointer,
        "main_without_number",
        f"定性的な測定指標{ind.id}を主要な測定指標(*)とした(数値目標がない)",
        {"indicator_id": ind.id},
    )
