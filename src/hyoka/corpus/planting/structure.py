"""H1 plantings (structure): a summary or a year out of step (``rules/checks/structure.py``).

An indicator left out of the summary (H102), a summary grade (H103) or * (H104) that differs from the
section, a qualitative indicator's year without its progress or left out (H105).
"""

from __future__ import annotations

from hyoka.core import (
    Indicator,
    IndicatorKind,
    format_fiscal_year,
)
from hyoka.corpus.planting.context import (
    PlantedError,
    _Context,
    _indicators,
    _summary_index,
)


def _free_summary(ctx: _Context) -> list[tuple[int, Indicator, str]]:
    return [
        (s, ind, pointer)
        for pointer, _a, _i, ind in _indicators(ctx.report)
        if ind.id not in ctx.taken and (s := _summary_index(ctx.report, ind.id)) is not None
    ]


def _h102(ctx: _Context) -> PlantedError | None:
    """An indicator left out of the results summary."""
    candidates = _free_summary(ctx)
    if not candidates:
        return None
    s, ind, pointer = ctx.rng.choice(candidates)
    del ctx.report.results_summary[s]
    ctx.taken.add(ind.id)
    return PlantedError(
        "H1",
        "H102",
        pointer,
        "summary_row_missing",
        f"総括表から測定指標{ind.id}の行が抜けた",
        {"indicator_id": ind.id},
    )


def _h103(ctx: _Context) -> PlantedError | None:
    """The summary's grade differs from the section's (copied from the row above, or mistyped)."""
    letters = ctx.profile.legend.letters
    candidates = [(s, ind) for s, ind, _p in _free_summary(ctx) if ind.recorded_grade is not None]
    if not candidates:
        return None
    s, ind = ctx.rng.choice(candidates)
    assert ind.recorded_grade is not None
    old = ind.recorded_grade.letter
    rank = letters.index(old) if old in letters else 0
    new = ctx.rng.choice([letters[j] for j in (rank - 1, rank + 1) if 0 <= j < len(letters)])
    ctx.report.results_summary[s].recorded_grade = new
    ctx.taken.add(ind.id)
    return PlantedError(
        "H1",
        "H103",
        f"/results_summary/{s}",
        "summary_grade_differs",
        f"総括表の測定指標{ind.id}の達成状況を「{new}」と記載した(個別分野では「{old}」)",
        {"indicator_id": ind.id, "summary": new, "section": old},
    )


def _h104(ctx: _Context) -> PlantedError | None:
    """The summary's * (main) differs from the section's."""
    candidates = _free_summary(ctx)
    if not candidates:
        return None
    s, ind, _p = ctx.rng.choice(candidates)
    entry = ctx.report.results_summary[s]
    entry.is_main = not entry.is_main
    ctx.taken.add(ind.id)
    return PlantedError(
        "H1",
        "H104",
        f"/results_summary/{s}",
        "summary_main_differs",
        f"総括表で測定指標{ind.id}の「*」を{'付けた' if entry.is_main else '落とした'}(個別分野と異なる)",
        {"indicator_id": ind.id, "summary_is_main": entry.is_main},
    )


def _h105(ctx: _Context) -> PlantedError | None:
    """A qualitative indicator's year left without its progress (or the year left out)."""
    candidates = [
        (pointer, ind)
        for pointer, _a, _i, ind in _indicators(ctx.report)
        if ind.kind is IndicatorKind.QUALITATIVE and ind.id not in ctx.taken and len(ind.years) >= 2
    ]
    if not candidates:
        return None
    pointer, ind = ctx.rng.choice(candidates)
    y = ctx.rng.randrange(len(ind.years))
    year = ind.years[y]
    ctx.taken.add(ind.id)
    era = format_fiscal_year(year.fiscal_year)
    if ctx.rng.random() < 0.7:
        year.progress = []
        return PlantedError(
            "H1",
            "H105",
            f"{pointer}/years/{y}",
            "progress_missing",
            f"測定指標{ind.id}の{era}の施策の進捗状況・実績を記載しなかった",
            {"indicator_id": ind.id, "fiscal_year": year.fiscal_year},
        )
    del ind.years[y]
    return PlantedError(
        "H1",
        "H105",
        pointer,
        "year_missing",
        f"測定指標{ind.id}の{era}の欄を記載しなかった",
        {"indicator_id": ind.id, "fiscal_year": year.fiscal_year},
    )
