"""H3 plantings (grades): a grade or judgment that the numbers do not give (``rules/checks/grades.py``).

A recorded grade kinder (now and then harsher) than the numbers (H301), a judgment one tier away from
what the grades give (H302), a judgment letter outside the tiers (H303) or of a neighbouring tier
(H304), the last year's actual left blank (H305). The judgment and its wording follow a changed grade.
"""

from __future__ import annotations

from typing import Any

from hyoka.core import (
    Cell,
    CellStatus,
    Tier,
    format_fiscal_year,
)
from hyoka.corpus.build import (
    write_rationale,
)
from hyoka.corpus.planting.context import (
    PlantedError,
    _Context,
    _free_quantitative,
    _regrade,
    _summary_index,
)
from hyoka.corpus.recording import record_judgment


def _h301(ctx: _Context) -> PlantedError | None:
    """A recorded grade kinder (now and then harsher) than the numbers; the judgment follows it."""
    letters = ctx.profile.legend.letters
    candidates = [(p, ind) for p, _a, _i, ind in _free_quantitative(ctx) if ind.recorded_grade is not None]
    if not candidates:
        return None
    pointer, ind = ctx.rng.choice(candidates)
    assert ind.recorded_grade is not None
    old = ind.recorded_grade.letter
    rank = letters.index(old)
    kinder = rank > 0 and (rank == len(letters) - 1 or ctx.rng.random() < 0.8)
    new = letters[rank - 1] if kinder else letters[rank + 1]
    ind.recorded_grade.letter = new
    s = _summary_index(ctx.report, ind.id)
    if s is not None:
        ctx.report.results_summary[s].recorded_grade = new
    record_judgment(ctx.report, ctx.profile)
    write_rationale(ctx.built, ctx.seeds)
    ctx.taken.add(ind.id)
    return PlantedError(
        "H3",
        "H301",
        f"{pointer}/recorded_grade",
        "grade_kinder" if kinder else "grade_harsher",
        f"測定指標{ind.id}の達成状況を、数値からは「{old}」のところ「{new}」と記録した",
        {"indicator_id": ind.id, "numbers": old, "recorded": new},
    )


def _tiers(ctx: _Context) -> list[Any]:
    return sorted(ctx.profile.tiers, key=lambda t: t.rank)


def _h302(ctx: _Context) -> PlantedError | None:
    """The judgment recorded one tier away from what the grades give (its wording follows it)."""
    tiers = _tiers(ctx)
    judgment = ctx.report.judgment
    current = next(i for i, t in enumerate(tiers) if t.label == judgment.label)
    kinder = current > 0 and (current == len(tiers) - 1 or ctx.rng.random() < 0.75)
    new = tiers[current - 1] if kinder else tiers[current + 1]
    old = judgment.label
    record_judgment(ctx.report, ctx.profile, Tier(new.label))
    write_rationale(ctx.built, ctx.seeds)
    return PlantedError(
        "H3",
        "H302",
        "/judgment",
        "judgment_kinder" if kinder else "judgment_harsher",
        f"目標達成度の測定結果を、指標の達成状況からは「{old}」のところ「{new.label}」と記録した",
        {"proposed": old, "recorded": new.label},
    )


def _h303(ctx: _Context) -> PlantedError | None:
    """The judgment's letter written from the indicator legend (「相当程度進展あり (b)」)."""
    judgment = ctx.report.judgment
    if judgment.letter is None:
        return None
    old = judgment.letter
    new = old.lower() if old.lower() != old else old + "'"
    judgment.letter = new
    return PlantedError(
        "H3",
        "H303",
        "/judgment/letter",
        "judgment_letter_outside",
        f"目標達成度の測定結果の記号を、区分にない「{new}」と記載した",
        {"before": old, "after": new},
    )


def _h304(ctx: _Context) -> PlantedError | None:
    """A tier label with the letter of a neighbouring tier (「相当程度進展あり (A)」)."""
    tiers = _tiers(ctx)
    judgment = ctx.report.judgment
    current = next(i for i, t in enumerate(tiers) if t.label == judgment.label)
    neighbours = [tiers[j] for j in (current - 1, current + 1) if 0 <= j < len(tiers)]
    other = ctx.rng.choice(neighbours)
    old = judgment.letter
    judgment.letter = other.letter
    return PlantedError(
        "H3",
        "H304",
        "/judgment",
        "judgment_letter_mismatch",
        f"目標達成度の測定結果「{judgment.label}」の記号を「{other.letter}」と記載した(正しくは「{old}」)",
        {"label": judgment.label, "letter": other.letter, "expected": old},
    )


def _h305(ctx: _Context) -> PlantedError | None:
    """The last year's actual left blank; the grade is recorded from the years that have one."""
    candidates = [
        (p, ind)
        for p, _a, _i, ind in _free_quantitative(ctx)
        if len(ind.years) >= 2 and ind.years[-1].fiscal_year in ctx.report.window
    ]
    if not candidates:
        return None
    pointer, ind = ctx.rng.choice(candidates)
    year = ind.years[-1]
    for sv in year.actuals:
        sv.value = Cell(status=CellStatus.EMPTY, unit=sv.value.unit, raw="")
    _regrade(ctx, ind)
    ctx.taken.add(ind.id)
    return PlantedError(
        "H3",
        "H305",
        pointer,
        "actual_missing",
        f"定量指標{ind.id}の{format_fiscal_year(year.fiscal_year)}の実績値を空欄のままとした",
        {"indicator_id": ind.id, "fiscal_year": year.fiscal_year},
    )
