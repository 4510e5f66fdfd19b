"""Values an analysis states in words, per year and series: 「一般の部で85%(目標値84%)」.

The importer uses them to place the cells of a table row that lost a cell in extraction
(H902); the rules compare them with the table (H4).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from itertools import combinations

from hyoka.core import Paragraph, Series, SeriesValue
from hyoka.core.stated_values import stated_values as core_stated_values
from hyoka.importers.text.indicator_table import Slot

__all__ = ["StatedValues", "align_cells", "stated_values"]

StatedValues = dict[tuple[Slot, str], Decimal]
"""(slot, series key) → the value the text states for it."""


def stated_values(paragraphs: Sequence[Paragraph], series: Sequence[Series]) -> StatedValues:
    """The values the analysis states, keyed by table slot and series (see hyoka.core.stated_values)."""
    return {(Slot(v.year, v.what), v.series): v.value for v in core_stated_values(paragraphs, series)}


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
