"""Which reports a corpus holds: ministries, their measures, and the years each measure is evaluated.

A ministry gets 5–40 measures (fewer only when the corpus is too small to give it five); a measure
is evaluated in 1–10 consecutive years, so that successive reports of the same 施策 exist for the
"measure across years" views. Every choice comes from the corpus seed; each measure then has its
own seed, so that its history does not depend on the order in which reports are made.
"""

from __future__ import annotations

import hashlib
import math
import random
from dataclasses import dataclass

from hyoka.corpus.seeds import DomainSeed, MinistrySeed, Seeds

__all__ = ["MAX_MEASURES", "MIN_MEASURES", "MeasurePlan", "ReportPlan", "capacity", "plan_reports", "rng_for"]

MIN_MEASURES = 5
MAX_MEASURES = 40
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def rng_for(seed: int, *parts: object) -> random.Random:
    """A generator of its own for one part of the corpus (stable across runs and Python versions)."""
    digest = hashlib.sha256(repr((seed, *parts)).encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


@dataclass(frozen=True)
class MeasurePlan:
    """One 施策 of one ministry and the evaluation years of its successive reports."""

    ministry: MinistrySeed
    policy: int
    """the 政策 it belongs to, 1-based (the Roman numeral of its number)"""
    number: str
    """e.g. ``II-3``"""
    domain: DomainSeed
    subject: str
    title: str
    bureau: str
    years: tuple[int, ...]
    seed: int


@dataclass(frozen=True)
class ReportPlan:
    index: int
    measure: MeasurePlan
    year: int

    @property
    def stem(self) -> str:
        """The file name without suffix: ``mofa-II-3-2020`` (ASCII, unique in a corpus)."""
        return f"{self.measure.ministry.slug}-{self.measure.number}-{self.year}"


def capacity(seeds: Seeds) -> int:
    """The most reports a corpus can hold: every measure of every ministry in every year."""
    low, high = seeds.evaluation_years
    return len(seeds.ministries) * MAX_MEASURES * (high - low + 1)


def _shares(total: int, parts: int, cap: int, rng: random.Random) -> list[int]:
    """``total`` split into ``parts`` uneven shares, each at least 1 and at most ``cap``."""
    weights = [rng.uniform(0.5, 1.5) for _ in range(parts)]
    scale = total / sum(weights)
    shares = [max(1, min(cap, math.floor(w * scale))) for w in weights]
    while sum(shares) != total:
        i = rng.randrange(parts)
        if sum(shares) < total and shares[i] < cap:
            shares[i] += 1
        elif sum(shares) > total and shares[i] > 1:
            shares[i] -= 1
    return shares


def _lengths(reports: int, measures: int, span: int, rng: random.Random) -> list[int]:
    """How many successive years each measure is evaluated: ``reports`` over ``measures``."""
    lengths = [1] * measures
    for _ in range(reports - measures):
        open_ = [i for i, n in enumerate(lengths) if n < span]
        lengths[rng.choice(open_)] += 1
    return lengths


def _numbers(count: int, rng: random.Random) -> list[tuple[int, str]]:
    """Measure numbers ``I-1``, ``I-2``, … ``II-1``: 3–8 measures per 政策."""
    numbers: list[tuple[int, str]] = []
    policy = 0
    while len(numbers) < count:
        policy += 1
        numeral = ROMAN[policy - 1] if policy <= len(ROMAN) else str(policy)
        for n in range(1, rng.randint(3, 8) + 1):
            numbers.append((policy, f"{numeral}-{n}"))
    return numbers[:count]


def _titles(
    ministry: MinistrySeed, seeds: Seeds, count: int, rng: random.Random
) -> list[tuple[DomainSeed, str, str]]:
    """(domain, subject, title) for each measure: distinct titles first, repeats once all are used."""
    combos = [
        (seeds.domains[d], subject, template)
        for d in ministry.domains
        for subject in seeds.domains[d].subjects
        for template in seeds.domains[d].measures
    ]
    rng.shuffle(combos)
    chosen = [combos[i % len(combos)] for i in range(count)]
    return [(domain, subject, template.format(subject=subject)) for domain, subject, template in chosen]


def plan_reports(count: int, seed: int, seeds: Seeds) -> list[ReportPlan]:
    """The reports of a corpus of ``count``: ministry by ministry, measure by measure, year by year."""
    if count < 1:
        raise ValueError("a corpus needs at least one report")
    if count > capacity(seeds):
        raise ValueError(
            f"at most {capacity(seeds):,} reports fit the seeds ({len(seeds.ministries)} ministries × "
            f"{MAX_MEASURES} measures × {seeds.evaluation_years[1] - seeds.evaluation_years[0] + 1} years)"
        )
    rng = rng_for(seed, "portfolio")
    first, last = seeds.evaluation_years
    span = last - first + 1
    per_ministry = MAX_MEASURES * span
    wanted = max(
        min(3, math.ceil(count / MIN_MEASURES)), math.ceil(count / 45), math.ceil(count / per_ministry)
    )
    ministries = rng.sample(list(seeds.ministries), min(wanted, len(seeds.ministries)))
    shares = _shares(count, len(ministries), per_ministry, rng)
    plans: list[ReportPlan] = []
    for ministry, share in zip(ministries, shares, strict=True):
        average = rng.uniform(1.5, 3.0)
        measures = max(
            math.ceil(share / span), min(share, MIN_MEASURES, MAX_MEASURES), round(share / average)
        )
        measures = min(measures, MAX_MEASURES, share)
        lengths = _lengths(share, measures, span, rng)
        titles = _titles(ministry, seeds, measures, rng)
        numbers = _numbers(measures, rng)
        for (policy, number), (domain, subject, title), length in zip(numbers, titles, lengths, strict=True):
            start = rng.randint(first, last - length + 1)
            measure = MeasurePlan(
                ministry=ministry,
                policy=policy,
                number=number,
                domain=domain,
                subject=subject,
                title=title,
                bureau=rng.choice(ministry.bureaus),
                years=tuple(range(start, start + length)),
                seed=rng.getrandbits(63),
            )
            plans.extend(ReportPlan(0, measure, year) for year in measure.years)
    return [ReportPlan(i, p.measure, p.year) for i, p in enumerate(plans)]
