"""What every planting works with: the report being changed and the helpers several families share.

``_Context`` carries the built report, the rule profile, the seeds, the one random generator every
planting draws from (so the order of draws decides the corpus) and the indicators already taken (no
indicator gets two plantings). ``PlantedError`` is what a planting records for the manifest: the
family, code and location the checker should report. The helpers find free indicators, read and set
table values, make the typing mistakes people make on a number, and re-record the grade, text and
judgment after a number changed — the way a person carries a change through.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from hyoka.core import (
    Direction,
    Indicator,
    IndicatorKind,
    SeriesValue,
)
from hyoka.corpus.build import (
    BuiltReport,
    number_cell,
    rewrite_narrative,
    write_rationale,
)
from hyoka.corpus.recording import record_grade, record_judgment
from hyoka.corpus.seeds import Seeds
from hyoka.rules import RuleProfile


@dataclass(frozen=True)
class PlantedError:
    """What was planted and what the checker should report: family, code and location."""

    family: str
    code: str
    location: str
    kind: str
    description: str
    detail: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "family": self.family,
            "code": self.code,
            "location": self.location,
            "kind": self.kind,
            "description": self.description,
            "detail": self.detail,
        }


@dataclass
class _Context:
    built: BuiltReport
    profile: RuleProfile
    seeds: Seeds
    rng: random.Random
    taken: set[str]
    """indicator ids that already carry a planting"""

    @property
    def report(self) -> Any:
        return self.built.report


Planter = Callable[[_Context], PlantedError | None]


# --- helpers -------------------------------------------------------------------------------------


def _digits_changed(value: int, rng: random.Random) -> list[int]:
    """Typing mistakes on a number: two neighbouring digits swapped, a digit one off, a digit dropped."""
    text = str(abs(value))
    sign = -1 if value < 0 else 1
    out: set[int] = set()
    for i in range(len(text) - 1):
        if text[i] != text[i + 1]:
            swapped = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
            if not swapped.startswith("0"):
                out.add(sign * int(swapped))
    for i, ch in enumerate(text):
        for d in (int(ch) - 1, int(ch) + 1):
            if 0 <= d <= 9 and not (i == 0 and d == 0):
                out.add(sign * int(text[:i] + str(d) + text[i + 1 :]))
    out.discard(value)
    choices = sorted(out)
    rng.shuffle(choices)
    return choices


def _indicators(report: Any) -> list[tuple[str, int, int, Indicator]]:
    """(pointer, area index, indicator index, indicator) for every indicator."""
    return [
        (f"/areas/{a}/indicators/{i}", a, i, ind)
        for a, area in enumerate(report.areas)
        for i, ind in enumerate(area.indicators)
    ]


def _summary_index(report: Any, indicator_id: str) -> int | None:
    return next((s for s, e in enumerate(report.results_summary) if e.indicator_id == indicator_id), None)


def _value(values: list[SeriesValue], key: str | None) -> Decimal | None:
    for sv in values:
        if sv.series == key and sv.value.is_value:
            return sv.value.value
    return None


def _set(values: list[SeriesValue], key: str | None, value: Decimal, unit: str | None) -> int:
    for k, sv in enumerate(values):
        if sv.series == key:
            sv.value = number_cell(value, unit)
            return k
    raise KeyError(key)


def _regrade(ctx: _Context, indicator: Indicator) -> None:
    """After a number changed: the grade, the text written from the numbers, the judgment and its wording."""
    record_grade(ctx.report, indicator, ctx.profile)
    rewrite_narrative(ctx.built, ctx.profile, ctx.seeds, indicator.id)
    record_judgment(ctx.report, ctx.profile)
    write_rationale(ctx.built, ctx.seeds)


def _quantum(indicator: Indicator, ctx: _Context) -> Decimal:
    decimals = ctx.built.indicator_history(indicator.id).quantitative.decimals
    return Decimal(1) if decimals == 0 else Decimal("0.1")


def _unit(indicator: Indicator, ctx: _Context) -> str | None:
    return "%" if ctx.built.indicator_history(indicator.id).quantitative.is_percent else None


def _free_quantitative(ctx: _Context) -> list[tuple[str, int, int, Indicator]]:
    return [
        entry
        for entry in _indicators(ctx.report)
        if entry[3].kind is IndicatorKind.QUANTITATIVE and entry[3].id not in ctx.taken
    ]


def _series_keys(indicator: Indicator) -> list[str | None]:
    return [s.key for s in indicator.series] or [None]


def _missed(target: Decimal | None, actual: Decimal | None, direction: Direction) -> bool:
    if target is None or actual is None:
        return False
    return actual > target if direction is Direction.LOWER else actual < target


def _json(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
