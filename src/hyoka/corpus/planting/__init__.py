"""Planted inconsistencies: the mistakes people make in these reports, one per family and report.

Each planting changes a clean report the way a person gets it wrong — a 合計 that does not add up,
a 調書 row that breaks its 小計, a recorded grade kinder than the numbers, a judgment one tier too
high, a narrative value that differs from the table, a target lowered below last year's actual —
and records what the checker should say: the family, the exact code and the location (the JSON
pointer our findings use). A planting is made so that the mistake is the only thing wrong: where a
person would carry a change through (a changed number rewrites the text written from it, a kinder
grade moves the judgment that rests on it), the generator carries it through too, and a planting
that would break a second rule is not made at that place.

The families are planted in the order H5, H4, H3, H1, H2 (later ones never undo earlier ones), and
no indicator gets two plantings.

One module per family, named like the checks in ``hyoka.rules.checks``: structure (H1),
arithmetic (H2), grades (H3), narrative (H4), target_quality (H5); context holds what they share.
"""

from __future__ import annotations

import random

from hyoka.corpus.build import BuiltReport
from hyoka.corpus.errors import CorpusError
from hyoka.corpus.planting.arithmetic import _h201, _h202, _h203, _h204, _h205, _h206
from hyoka.corpus.planting.context import PlantedError, Planter, _Context
from hyoka.corpus.planting.grades import _h301, _h302, _h303, _h304, _h305
from hyoka.corpus.planting.narrative import _h401, _h402
from hyoka.corpus.planting.structure import _h102, _h103, _h104, _h105
from hyoka.corpus.planting.target_quality import _h501, _h502, _h503, _h504
from hyoka.corpus.seeds import Seeds
from hyoka.rules import RuleProfile

__all__ = [
    "DEFAULT_RATES",
    "FAMILIES",
    "PLANTERS",
    "PLANT_ORDER",
    "PlantedError",
    "PlantingError",
    "parse_rates",
    "plant",
]

FAMILIES = ("H1", "H2", "H3", "H4", "H5")
PLANT_ORDER = ("H5", "H4", "H3", "H1", "H2")
DEFAULT_RATES: dict[str, float] = dict.fromkeys(FAMILIES, 0.1)
"""Without ``--plant``: one report in ten gets an error of each family."""


class PlantingError(CorpusError):
    """A ``--plant`` specification that cannot be read; the message says what is wrong."""


def parse_rates(text: str) -> dict[str, float]:
    """「H2=0.1,H3=0.05」 → {H1: 0, H2: 0.1, H3: 0.05, H4: 0, H5: 0}; 「none」 → all 0; 「all=0.2」 → all 0.2.

    A family not named gets no planted error."""
    spec = text.strip()
    if spec.lower() == "none":
        return dict.fromkeys(FAMILIES, 0.0)
    rates = dict.fromkeys(FAMILIES, 0.0)
    known = ", ".join(FAMILIES)
    if not spec:
        raise PlantingError(
            "--plant が空です。H2=0.1,H3=0.1 のように 系統=割合 を指定するか、none としてください",
            "empty --plant: give FAMILY=RATE pairs such as H2=0.1,H3=0.1, or none",
        )
    seen: set[str] = set()
    for part in spec.split(","):
        family, sep, value = (p.strip() for p in part.partition("="))
        if not sep or not family or not value:
            raise PlantingError(
                f"--plant {text}: 「{part.strip()}」は 系統=割合 の形ではありません(例: H2=0.1)",
                f"--plant {text}: {part.strip()!r} is not FAMILY=RATE (e.g. H2=0.1)",
            )
        family = family.upper()
        if family != "ALL" and family not in FAMILIES:
            raise PlantingError(
                f"--plant {text}: 系統「{family}」はありません(指定できるもの: {known}, all)",
                f"--plant {text}: unknown family {family!r} (known: {known}, all)",
            )
        try:
            rate = float(value)
        except ValueError:
            raise PlantingError(
                f"--plant {text}: {family} の割合「{value}」が数値ではありません",
                f"--plant {text}: the rate of {family} is not a number: {value!r}",
            ) from None
        if not 0.0 <= rate <= 1.0:
            raise PlantingError(
                f"--plant {text}: {family} の割合は 0 から 1 までです({value} は指定できません)",
                f"--plant {text}: the rate of {family} must be from 0 to 1, not {value}",
            )
        if family in seen:
            raise PlantingError(
                f"--plant {text}: {family} が 2 回指定されています",
                f"--plant {text}: {family} is given twice",
            )
        seen.add(family)
        for f in FAMILIES if family == "ALL" else (family,):
            rates[f] = rate
    return rates


PLANTERS: dict[str, tuple[tuple[Planter, float], ...]] = {
    "H1": ((_h102, 0.2), (_h103, 0.3), (_h104, 0.2), (_h105, 0.3)),
    "H2": ((_h201, 0.25), (_h202, 0.1), (_h203, 0.1), (_h204, 0.25), (_h205, 0.15), (_h206, 0.15)),
    "H3": ((_h301, 0.35), (_h302, 0.3), (_h303, 0.1), (_h304, 0.1), (_h305, 0.15)),
    "H4": ((_h401, 0.4), (_h402, 0.6)),
    "H5": ((_h501, 0.35), (_h502, 0.15), (_h503, 0.3), (_h504, 0.2)),
}


def plant(
    built: BuiltReport, families: list[str], profile: RuleProfile, seeds: Seeds, rng: random.Random
) -> list[PlantedError]:
    """Plant one error of each family in ``families`` (in PLANT_ORDER): a kind is drawn by weight
    among those the report allows; a family the report allows no kind of is left out."""
    ctx = _Context(built, profile, seeds, rng, set())
    planted: list[PlantedError] = []
    for family in PLANT_ORDER:
        if family not in families:
            continue
        planters = list(PLANTERS[family])
        while planters:
            planter, _w = rng.choices(planters, weights=[w for _, w in planters])[0]
            planters = [(p, w) for p, w in planters if p is not planter]
            error = planter(ctx)
            if error is not None:
                planted.append(error)
                break
    return planted
