"""Values an analysis states in words, per year and series: 「一般の部で85%(目標値84%)」.

The importer uses them to place the cells of a table row that lost a cell in extraction
(H902); the rules compare them with the table (H4).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from itertools import combinations

from hyoka.core import Paragraph, Series, SeriesValue
from hyoka.importers.text.indicator_table import Slot
from hyoka.importers.text.years import fiscal_year_in

__all__ = ["StatedValues", "align_cells", "stated_values"]

StatedValues = dict[tuple[Slot, str], Decimal]
"""(slot, series key) → the value the text states for it."""

_NUM = r"([0-9]+(?:\.[0-9]+)?)%"


def _stem(name: str) -> str:
    return name.strip()


def stated_values(paragraphs: Sequence[Paragraph], series: Sequence[Series]) -> StatedValues:
    """Scan sentences; a sentence belongs to the first fiscal year it names, else the one before."""
    found: StatedValues = {}
    year: int | None = None
    for paragraph in paragraphs:
        for sentence in paragraph.text.split("。"):
            year = fiscal_year_in(sentence) or year
            if year is None:
                continue
            for s in series:
                name = re.escape(_stem(s.name))
                for match in re.finditer(rf"{name}で{_NUM}(?:\(目標値{_NUM}\))?", sentence):
                    found[(Slot(year, "actual"), s.key)] = Decimal(match.group(1))
                    if match.group(2):
                        found[(Slot(year, "target"), s.key)] = Decimal(match.group(2))
                for match in re.finditer(rf"{name}では目標値\({_NUM}\)", sentence):
                    found[(Slot(year, "target"), s.key)] = Decimal(match.group(1))
    return found


def _score(values: Sequence[Sequence[SeriesValue]], slots: Sequence[Slot], stated: StatedValues) -> int:
    score = 0
    for slot, cell_values in zip(slots, values, strict=True):
        for value in cell_values:
            said = stated.get((slot, value.series or ""))
            if said is None or value.value.value is None:
                continue
            score += 1 if said == value.value.value else -1
    return score


def align_cells(
    values: Sequence[list[SeriesValue]], slots: Sequence[Slot], stated: StatedValues
) -> tuple[list[Slot], int, bool]:
    """Place ``values`` (fewer than slots, in order) into slots, choosing the placement that
    agrees best with the stated values. Returns the slots used, the score, and whether the
    best placement was unique."""
    if len(values) >= len(slots):
        return list(slots[: len(values)]), 0, True
    best: list[tuple[int, list[Slot]]] = []
    for chosen in combinations(range(len(slots)), len(values)):
        used = [slots[i] for i in chosen]
        best.append((_score(values, used, stated), used))
    best.sort(key=lambda item: -item[0])
    unique = len(best) == 1 or best[0][0] > best[1][0]
    return best[0][1], best[0][0], unique
