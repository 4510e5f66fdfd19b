"""One measure across its years: the numbers and texts that its successive reports share.

A report of evaluation year E shows the fiscal years E-3…E-1 (and E's initial budget); the report of
E+1 shows E-2…E, so the years they share must read the same. Everything here is therefore drawn
once per measure, year by year, from the measure's own seed; ``build.py`` cuts a report out of it.

The numbers obey the rules as a careful ministry would (docs/rules.md, the default profile): a year's
target is never worse than the previous year's actual (no H501), a target is not repeated after a
missed year (no H502), an actual stays below 150 % of its target (no H503), main indicators have
numeric targets (no H504), budget totals add up, execution stays between 62 % and 97 %, and the
調書 (千円) agrees with the budget table (百万円) after rounding.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from hyoka.core import Direction, IndicatorKind
from hyoka.corpus.portfolio import MeasurePlan, rng_for
from hyoka.corpus.seeds import BreakdownSeed, DomainSeed, QualitativeSeed, QuantitativeSeed, Seeds

__all__ = [
    "SERIES_KEYS",
    "AreaHistory",
    "Breakdown",
    "BudgetPoint",
    "IndicatorHistory",
    "MeasureHistory",
    "Point",
    "ReferenceHistory",
    "SheetItemPlan",
    "SheetPlan",
    "Texts",
    "make_history",
]

SERIES_KEYS = ("①", "②", "③")
_BANDS = ((1.22, 1.45), (1.0, 1.17), (0.82, 0.97), (0.55, 0.78))
"""actual ÷ target drawn per year: exceeded, achieved, near, far below."""
_PERFORMANCE: dict[
    str, tuple[float, tuple[float, float, float, float], tuple[int, int], dict[str, float]]
] = {
    # how a measure fares: its weight, its indicators' tendencies (a band each, as _BANDS), the
    # bands a year may fall in, and the grades of its qualitative indicators
    "top": (0.25, (0.45, 0.55, 0.0, 0.0), (0, 1), {"s": 0.15, "a": 0.85}),
    "good": (0.35, (0.1, 0.5, 0.4, 0.0), (0, 2), {"a": 0.4, "b": 0.6}),
    "mixed": (0.28, (0.1, 0.3, 0.35, 0.25), (0, 3), {"a": 0.2, "b": 0.5, "c": 0.3}),
    "poor": (0.12, (0.0, 0.2, 0.3, 0.5), (1, 3), {"b": 0.3, "c": 0.5, "d": 0.2}),
}


class Texts:
    """Fills the seeds' templates: the measure's subject and title, a random activity and actor."""

    def __init__(self, plan: MeasurePlan, domain: DomainSeed) -> None:
        self.plan = plan
        self.domain = domain

    def fill(self, template: str, rng: random.Random, *, area: str = "") -> str:
        values = {
            "subject": self.plan.subject,
            "measure": self.plan.title,
            "area": area,
            "ministry": self.plan.ministry.name,
            "activity": rng.choice(self.domain.activities),
            "actor": rng.choice(self.domain.actors).format(subject=self.plan.subject),
        }
        return template.format(**values)


@dataclass(frozen=True)
class Point:
    """One series in one fiscal year: the target (the lower bound of a range), its upper bound, the actual."""

    target: Decimal
    actual: Decimal
    upper: Decimal | None = None


@dataclass(frozen=True)
class Breakdown:
    """A count stated with its parts, in one of the three shapes the narrative check reads (H401)."""

    form: str  # "parenthetical" | "list" | "sentence" | "explained" (the last one the check does not read)
    lead: str
    unit: str
    verb: str
    parts: tuple[tuple[str, int], ...]
    total: int

    def text(self) -> str:
        unit = self.unit
        items = [(label, f"{n:,}") for label, n in self.parts]
        total = f"{self.total:,}"
        if self.form == "parenthetical":
            inner = "、".join(f"{label}{n}{unit}" for label, n in items)
            return f"{self.lead}{total}{unit}({inner}){self.verb}。"
        if self.form == "list":
            listed = "、".join(f"{label}{n}{unit}" for label, n in items)
            return f"{self.lead}、{listed}の計{total}{unit}{self.verb}。"
        if self.form == "explained":
            listed = "、".join(f"{label}{n}{unit}" for label, n in items)
            return f"{self.lead}{total}{unit}{self.verb}。内訳は、{listed}である。"
        listed = "、".join(f"{label}を{n}{unit}" for label, n in items)
        return f"{self.lead}、{listed}実施し、その数は{total}{unit}となった。"


@dataclass
class IndicatorHistory:
    id: str
    kind: IndicatorKind
    names: dict[int, str]
    """the name in each evaluation year (a rename shows from its year on)"""
    is_main: bool
    seed: QuantitativeSeed | QualitativeSeed
    direction: Direction = Direction.HIGHER
    series: tuple[tuple[str, str], ...] = ()
    points: dict[int, dict[str | None, Point]] = field(default_factory=dict)
    baseline: dict[str | None, Decimal] = field(default_factory=dict)
    baseline_year: int | None = None
    mid_term: tuple[Decimal, int] | None = None
    mid_term_text: str | None = None
    notes: tuple[str, ...] = ()
    data_source: str | None = None
    progress_text: bool = False
    """quantitative: each year has a progress paragraph stating its numbers"""
    targets_text: dict[int, tuple[str, ...]] = field(default_factory=dict)
    progress: dict[int, tuple[str, ...]] = field(default_factory=dict)
    breakdowns: dict[int, Breakdown] = field(default_factory=dict)
    grades: dict[int, str] = field(default_factory=dict)
    """qualitative: the grade recorded in each evaluation year"""

    @property
    def quantitative(self) -> QuantitativeSeed:
        assert isinstance(self.seed, QuantitativeSeed)
        return self.seed


@dataclass
class ReferenceHistory:
    name: str
    unit: str
    values: dict[int, Decimal]


@dataclass
class AreaHistory:
    number: int
    title: str
    outline: tuple[str, ...]
    indicators: list[IndicatorHistory]
    references: list[ReferenceHistory]
    sources: tuple[tuple[str, str], ...]
    cabinet: tuple[tuple[str, int], ...]
    """(the policy's kind, its 国会 session offset) cited by this area"""


@dataclass(frozen=True)
class BudgetPoint:
    initial: int
    supplementary: int
    carryover: int
    executed: int

    @property
    def total(self) -> int:
        return self.initial + self.supplementary + self.carryover


@dataclass(frozen=True)
class SheetItemPlan:
    evaluated: bool
    special: bool
    organization: str
    item: str
    sub_item: str
    current: int | None
    request: int | None
    current_inclusive: int | None = None
    request_inclusive: int | None = None


@dataclass(frozen=True)
class SheetPlan:
    number: str
    method: str
    special_account: str | None
    items: tuple[SheetItemPlan, ...]


@dataclass
class MeasureHistory:
    plan: MeasurePlan
    texts: Texts
    window: int
    objectives: list[tuple[str, tuple[str, ...]]]
    areas: list[AreaHistory]
    budget: dict[int, BudgetPoint]
    sheets: dict[int, SheetPlan]
    expert_opinions: dict[int, tuple[str, ...]]
    evaluated_month: dict[int, int]
    rationale: dict[int, int]
    """per evaluation year, which of the tier's rationale templates is used"""
    cabinet_policies: tuple[str, ...] = ()
    performance: str = "mixed"
    """how the measure fares overall (a key of _PERFORMANCE): it shapes every indicator's numbers"""


# --- numbers ---------------------------------------------------------------------------------------


def _quantum(decimals: int) -> Decimal:
    return Decimal(1) if decimals == 0 else Decimal("0.1")


def _to(value: float | Decimal, q: Decimal, rounding: str) -> Decimal:
    return Decimal(str(value)).quantize(q, rounding=rounding)


def _band(rng: random.Random, tendency: int, limits: tuple[int, int]) -> tuple[float, float]:
    roll = rng.random()
    if roll < 0.65:
        index = tendency
    elif roll < 0.83:
        index = tendency - 1
    else:
        index = tendency + 1
    return _BANDS[min(max(index, limits[0]), limits[1])]


def _tendency(performance: str, rng: random.Random) -> tuple[int, tuple[int, int]]:
    _, weights, limits, _ = _PERFORMANCE[performance]
    return rng.choices(range(4), weights=weights)[0], limits


def _higher(
    years: list[int], seed: QuantitativeSeed, band: tuple[float, float], performance: str, rng: random.Random
) -> dict[int, Point]:
    """Higher is better (and at_least): target ≥ last actual, no repeated target after a miss."""
    q = _quantum(seed.decimals)
    cap = Decimal(100) if seed.is_percent else None
    tendency, limits = _tendency(performance, rng)
    low, high = band
    points: dict[int, Point] = {}
    target = actual = Decimal(0)
    for i, fy in enumerate(years):
        if i == 0:
            new = _to(rng.uniform(low, high), q, ROUND_CEILING)
        else:
            new = _to(
                max(float(actual) * rng.uniform(1.0, 1.05), float(target) * rng.uniform(0.98, 1.08)),
                q,
                ROUND_CEILING,
            )
            new = max(new, actual)
            if cap is not None:
                new = min(new, cap)
            if new == target and actual < target:
                new = _to((actual + target) / 2, q, ROUND_CEILING)
                new = actual if new == target else new
        target = max(new, q)
        lo, hi = _band(rng, tendency, limits)
        actual = _to(float(target) * rng.uniform(lo, hi), q, ROUND_HALF_UP)
        if cap is not None:
            actual = min(actual, cap)
        if actual >= target * Decimal("1.5"):
            actual = _to(target * Decimal("1.49"), q, ROUND_FLOOR)
        actual = max(actual, q)
        points[fy] = Point(target, actual)
    return points


def _lower(
    years: list[int], seed: QuantitativeSeed, band: tuple[float, float], performance: str, rng: random.Random
) -> dict[int, Point]:
    """Lower is better: target ≤ last actual, no repeated target after a miss."""
    q = _quantum(seed.decimals)
    tendency, limits = _tendency(performance, rng)
    low, high = band
    points: dict[int, Point] = {}
    target = actual = Decimal(0)
    for i, fy in enumerate(years):
        if i == 0:
            new = _to(rng.uniform(low, high), q, ROUND_HALF_UP)
        else:
            new = _to(
                min(float(actual) * rng.uniform(0.95, 1.0), float(target) * rng.uniform(0.92, 1.02)),
                q,
                ROUND_FLOOR,
            )
            new = min(max(new, q), actual)
            if new == target and actual > target:
                new = _to((actual + target) / 2, q, ROUND_FLOOR)
                new = actual if new == target else new
        target = max(new, q)
        lo, hi = _band(rng, tendency, limits)
        actual = max(_to(float(target) / rng.uniform(lo, hi), q, ROUND_HALF_UP), q)
        if actual * Decimal("1.5") <= target:
            actual = _to(target / Decimal("1.49"), q, ROUND_CEILING)
        points[fy] = Point(target, actual)
    return points


def _within(
    years: list[int], seed: QuantitativeSeed, low: float, performance: str, rng: random.Random
) -> dict[int, Point]:
    q = _quantum(seed.decimals)
    bottom = _to(low, q, ROUND_HALF_UP)
    top = bottom + seed.width
    inside = 1.0 if performance == "top" else 0.7
    points: dict[int, Point] = {}
    for fy in years:
        roll = rng.random()
        if roll < inside:
            actual = _to(rng.uniform(float(bottom), float(top)), q, ROUND_HALF_UP)
        elif roll < 0.9:
            actual = _to(float(bottom) * rng.uniform(0.85, 0.99), q, ROUND_HALF_UP)
        else:
            actual = _to(float(top) * rng.uniform(1.01, 1.06), q, ROUND_HALF_UP)
        if seed.is_percent:
            actual = min(actual, Decimal(100))
        points[fy] = Point(bottom, max(actual, q), top)
    return points


def _series_points(
    years: list[int], seed: QuantitativeSeed, performance: str, rng: random.Random, offset: float
) -> dict[int, Point]:
    low, high = seed.scale[0] * offset, seed.scale[1] * offset
    if seed.direction is Direction.WITHIN_RANGE:
        return _within(years, seed, rng.uniform(low, high), performance, rng)
    start = rng.uniform(low, high)
    band = (start, start * 1.05)
    if seed.direction is Direction.LOWER:
        return _lower(years, seed, band, performance, rng)
    return _higher(years, seed, band, performance, rng)


# --- indicators ------------------------------------------------------------------------------------


def _names(
    template: str, alt: str | None, plan: MeasurePlan, subject: str, rng: random.Random
) -> dict[int, str]:
    names: dict[int, str] = {}
    name = template.format(subject=subject)
    renamed = False
    for i, year in enumerate(plan.years):
        if i > 0 and alt is not None and not renamed and rng.random() < 0.3:
            name, renamed = alt.format(subject=subject), True
        names[year] = name
    return names


def _breakdown(seed: BreakdownSeed, rng: random.Random) -> Breakdown:
    count = rng.randint(2, min(4, len(seed.parts)))
    labels = rng.sample(list(seed.parts), count)
    scale = rng.choice((10, 50, 300, 2000))
    parts = tuple((label, rng.randint(max(1, scale // 10), scale)) for label in labels)
    forms: list[str] = ["parenthetical", "list", "explained", "sentence"]
    weights = [0.4, 0.25, 0.2, 0.15]
    if seed.unit not in ("回", "件"):
        forms, weights = forms[:3], weights[:3]  # 「…を120名実施し」 does not read
    form = rng.choices(forms, weights=weights)[0]
    return Breakdown(form, seed.lead, seed.unit, seed.verb, parts, sum(n for _, n in parts))


def _quantitative(
    ident: str,
    seed: QuantitativeSeed,
    subject: str,
    history: MeasureHistory,
    years: list[int],
    rng: random.Random,
) -> IndicatorHistory:
    plan = history.plan
    series = tuple(zip(SERIES_KEYS, seed.series, strict=False))
    keys: list[str | None] = [key for key, _ in series] or [None]
    performance = history.performance
    by_series = {key: _series_points(years, seed, performance, rng, rng.uniform(0.9, 1.1)) for key in keys}
    points = {fy: {key: by_series[key][fy] for key in keys} for fy in years}
    indicator = IndicatorHistory(
        id=ident,
        kind=IndicatorKind.QUANTITATIVE,
        names=_names(seed.name, seed.alt, plan, subject, rng),
        is_main=False,
        seed=seed,
        direction=seed.direction,
        series=series,
        points=points,
        progress_text=rng.random() < 0.5,
        data_source=f"{plan.ministry.name}調べ" if rng.random() < 0.4 else None,
        notes=("実績値は各年度末時点の数値。",) if rng.random() < 0.2 else (),
    )
    q = _quantum(seed.decimals)
    if seed.direction in (Direction.HIGHER, Direction.LOWER) and rng.random() < 0.25:
        factor = rng.uniform(0.75, 0.95) if seed.direction is Direction.HIGHER else rng.uniform(1.05, 1.3)
        indicator.baseline = {
            k: _to(float(points[years[0]][k].target) * factor, q, ROUND_HALF_UP) for k in keys
        }
        indicator.baseline_year = years[0] - 1
    if not series and seed.direction is not Direction.WITHIN_RANGE and rng.random() < 0.5:
        last = points[years[-1]][None].target
        factor = rng.uniform(1.05, 1.2) if seed.direction is not Direction.LOWER else rng.uniform(0.8, 0.95)
        value = _to(float(last) * factor, q, ROUND_HALF_UP)
        if seed.is_percent:
            value = min(value, Decimal(100))
        indicator.mid_term = (value, plan.years[-1] + rng.randint(1, 4))
    return indicator


def _qualitative(
    ident: str,
    seed: QualitativeSeed,
    subject: str,
    history: MeasureHistory,
    years: list[int],
    area: str,
    rng: random.Random,
) -> IndicatorHistory:
    plan, texts, domain = history.plan, history.texts, history.texts.domain
    indicator = IndicatorHistory(
        id=ident,
        kind=IndicatorKind.QUALITATIVE,
        names=_names(seed.name, seed.alt, plan, subject, rng),
        is_main=False,
        seed=seed,
        mid_term_text=texts.fill(rng.choice(domain.objectives), rng, area=area),
    )
    for fy in years:
        indicator.targets_text[fy] = tuple(
            texts.fill(t, rng, area=area)
            for t in rng.sample(list(seed.targets), rng.randint(1, len(seed.targets)))
        )
        count = rng.randint(1, min(2, len(seed.progress)))
        indicator.progress[fy] = tuple(
            texts.fill(t, rng, area=area) for t in rng.sample(list(seed.progress), count)
        )
        if domain.breakdowns and rng.random() < 0.45:
            indicator.breakdowns[fy] = _breakdown(rng.choice(domain.breakdowns), rng)
    grades = _PERFORMANCE[history.performance][3]
    for year in plan.years:
        indicator.grades[year] = rng.choices(list(grades), weights=list(grades.values()))[0]
    return indicator


def _area(
    number: int, history: MeasureHistory, years: list[int], used: set[tuple[str, str]], rng: random.Random
) -> AreaHistory:
    plan, texts, domain = history.plan, history.texts, history.texts.domain
    title = rng.choice(domain.areas).format(subject=plan.subject)
    count = rng.randint(2, 8)
    indicators: list[IndicatorHistory] = []
    subjects = [plan.subject, *(s for s in domain.subjects if s != plan.subject)]
    for i in range(1, count + 1):
        quantitative = rng.random() < 0.6
        seed: QuantitativeSeed | QualitativeSeed = (
            rng.choice(domain.quantitative) if quantitative else rng.choice(domain.qualitative)
        )
        subject = next((s for s in subjects if (seed.name, s) not in used), subjects[0])
        used.add((seed.name, subject))
        ident = f"{number}-{i}"
        if isinstance(seed, QuantitativeSeed):
            indicators.append(_quantitative(ident, seed, subject, history, years, rng))
        else:
            indicators.append(_qualitative(ident, seed, subject, history, years, title, rng))
    quantitative_ones = [ind for ind in indicators if ind.kind is IndicatorKind.QUANTITATIVE]
    if quantitative_ones and rng.random() < 0.75:
        for ind in rng.sample(
            quantitative_ones, 2 if len(quantitative_ones) > 2 and rng.random() < 0.2 else 1
        ):
            ind.is_main = True
    references: list[ReferenceHistory] = []
    if domain.references and rng.random() < 0.3:
        ref = rng.choice(domain.references)
        value = rng.uniform(*ref.scale)
        values: dict[int, Decimal] = {}
        for fy in [years[0] - 1, *years]:
            value *= rng.uniform(0.93, 1.08)
            values[fy] = _to(value, Decimal(1), ROUND_HALF_UP)
        references.append(ReferenceHistory(ref.name.format(subject=plan.subject), ref.unit, values))
    sources = tuple(
        (texts.fill(t, rng, area=title), f"{number}-{k + 1}")
        for k, t in enumerate(rng.sample([title, *domain.outline], rng.randint(1, 3)))
    )
    cabinet = tuple(
        (rng.choice(history.cabinet_policies), rng.randint(0, 1)) for _ in range(rng.choice((0, 1, 1, 2)))
    )
    outline = tuple(
        texts.fill(t, rng, area=title)
        for t in rng.sample(list(domain.outline), rng.randint(1, len(domain.outline)))
    )
    return AreaHistory(number, title, outline, indicators, references, sources, cabinet)


# --- budget and 調書 ---------------------------------------------------------------------------------


def _budget(years: list[int], rng: random.Random) -> dict[int, BudgetPoint]:
    initial = float(math.exp(rng.uniform(math.log(80), math.log(30000))))
    budget: dict[int, BudgetPoint] = {}
    for fy in years:
        initial = max(10.0, initial * rng.uniform(0.9, 1.12))
        a = round(initial)
        b = round(a * rng.uniform(0.02, 0.25)) if rng.random() < 0.2 else 0
        c = (
            round(a * rng.uniform(0.01, 0.12)) * (-1 if rng.random() < 0.5 else 1)
            if rng.random() < 0.3
            else 0
        )
        executed = round((a + b + c) * rng.uniform(0.62, 0.97))
        budget[fy] = BudgetPoint(a, b, c, executed)
    return budget


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    weights = [rng.uniform(0.3, 1.0) for _ in range(parts)]
    amounts = [math.floor(total * w / sum(weights)) for w in weights]
    amounts[0] += total - sum(amounts)
    return amounts


def _sheet(history: MeasureHistory, year: int, rng: random.Random) -> SheetPlan:
    plan, domain = history.plan, history.texts.domain
    total = history.budget[year].initial * 1000 + rng.randint(-499, 499)
    special_account = domain.special if domain.special and rng.random() < 0.15 else None
    special = round(total * rng.uniform(0.1, 0.4)) if special_account else 0
    general = total - special
    outside = round(general * rng.uniform(0.05, 0.25)) if rng.random() < 0.2 else 0
    items: list[SheetItemPlan] = []
    organizations = list(plan.ministry.organizations)

    def add(amount: int, parts: int, *, evaluated: bool, is_special: bool) -> None:
        for share in _split(amount, parts, rng):
            sub_item = f"{rng.choice([plan.title, *(a.title for a in history.areas)])}に必要な経費"
            items.append(
                SheetItemPlan(
                    evaluated=evaluated,
                    special=is_special,
                    organization=rng.choice(organizations),
                    item=rng.choice(domain.items),
                    sub_item=sub_item,
                    current=share,
                    request=round(share * rng.uniform(0.85, 1.2)),
                )
            )

    add(general - outside, rng.randint(1, 3), evaluated=True, is_special=False)
    if special:
        add(special, 1, evaluated=True, is_special=True)
    if rng.random() < 0.3:
        inclusive = rng.randint(1_000_000, 60_000_000)
        items.append(
            SheetItemPlan(
                evaluated=True,
                special=False,
                organization=rng.choice(organizations),
                item=rng.choice(domain.items),
                sub_item=f"{rng.choice(domain.items)}に必要な経費",
                current=None,
                request=None,
                current_inclusive=inclusive,
                request_inclusive=round(inclusive * rng.uniform(0.9, 1.1)),
            )
        )
    if outside:
        add(outside, rng.randint(1, 2), evaluated=False, is_special=False)
    number = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"[(int(plan.number.split("-")[1]) - 1) % 20]
    method = rng.choice(("総合・実績・事業", "実績評価方式", "総合・実績"))
    return SheetPlan(number, method, special_account, tuple(items))


# --- the measure ---------------------------------------------------------------------------------------


def make_history(plan: MeasurePlan, seeds: Seeds) -> MeasureHistory:
    """Everything the successive reports of ``plan`` share, drawn from the measure's own seed."""
    rng = rng_for(plan.seed, "history")
    window = seeds.window_years
    fiscal_years = list(range(plan.years[0] - window, plan.years[-1]))
    texts = Texts(plan, plan.domain)
    history = MeasureHistory(
        plan=plan,
        texts=texts,
        window=window,
        objectives=[],
        areas=[],
        budget=_budget(list(range(plan.years[0] - window, plan.years[-1] + 1)), rng),
        sheets={},
        expert_opinions={},
        evaluated_month={},
        rationale={},
        cabinet_policies=seeds.common.cabinet_policies,
    )
    names = list(_PERFORMANCE)
    history.performance = rng.choices(names, weights=[_PERFORMANCE[n][0] for n in names])[0]
    area_count = rng.choices((1, 2, 3, 4), weights=(0.3, 0.35, 0.25, 0.1))[0]
    used: set[tuple[str, str]] = set()
    history.areas = [_area(n, history, fiscal_years, used, rng) for n in range(1, area_count + 1)]
    objectives = rng.sample(list(plan.domain.objectives), rng.randint(1, len(plan.domain.objectives)))
    for k, template in enumerate(objectives):
        children = tuple(f"{a.title}を推進する。" for a in history.areas) if k == 0 and area_count > 1 else ()
        history.objectives.append((texts.fill(template, rng), children))
    for year in plan.years:
        history.sheets[year] = _sheet(history, year, rng)
        count = rng.randint(2, 4)
        history.expert_opinions[year] = tuple(
            texts.fill(t, rng) for t in rng.sample(list(seeds.common.expert_opinions), count)
        )
        history.evaluated_month[year] = rng.randint(6, 9)
        history.rationale[year] = rng.randrange(1000)
    return history
