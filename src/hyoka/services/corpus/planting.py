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
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any

from hyoka.core import (
    AccountType,
    Cell,
    CellStatus,
    Direction,
    Indicator,
    IndicatorKind,
    Paragraph,
    SeriesValue,
    Tier,
    format_fiscal_year,
)
from hyoka.rules import RuleProfile
from hyoka.services.corpus.build import (
    BuiltReport,
    narrative_seed,
    number_cell,
    rewrite_narrative,
    write_rationale,
)
from hyoka.services.corpus.errors import CorpusError
from hyoka.services.corpus.narrative import amount, style_of
from hyoka.services.corpus.recording import record_grade, record_judgment
from hyoka.services.corpus.seeds import Seeds

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


def _worse(direction: Direction) -> Callable[[Decimal, Decimal], bool]:
    """Is a target ``a`` softer than ``b`` (below it when higher is better)?"""
    return (lambda a, b: a > b) if direction is Direction.LOWER else (lambda a, b: a < b)


def _missed(target: Decimal | None, actual: Decimal | None, direction: Direction) -> bool:
    if target is None or actual is None:
        return False
    return actual > target if direction is Direction.LOWER else actual < target


# --- H5 target quality -----------------------------------------------------------------------------


def _h501(ctx: _Context) -> PlantedError | None:
    """A target lowered below the previous year's actual (the text follows the lowered target)."""
    candidates = []
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
    if not candidates:
        return None
    pointer, ind, y, key, new = ctx.rng.choice(candidates)
    year = ind.years[y]
    old = _value(year.targets, key)
    k = _set(year.targets, key, new, _unit(ind, ctx))
    _regrade(ctx, ind)
    ctx.taken.add(ind.id)
    era = format_fiscal_year(year.fiscal_year)
    return PlantedError(
        "H5",
        "H501",
        f"{pointer}/years/{y}/targets/{k}",
        "target_softened",
        f"測定指標{ind.id}{key or ''}の{era}の目標値を{amount(old or Decimal(0))}から{amount(new)}に"
        "引き下げ、"
        "前年度の実績値を下回る目標とした",
        {
            "indicator_id": ind.id,
            "fiscal_year": year.fiscal_year,
            "series": key,
            "before": _json(old),
            "after": _json(new),
        },
    )


def _h502(ctx: _Context) -> PlantedError | None:
    """After two missed years, the target left as it was (copied from the year before)."""
    candidates = []
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
    if not candidates:
        return None
    pointer, ind, y, key, copied = ctx.rng.choice(candidates)
    year = ind.years[y]
    old = _value(year.targets, key)
    k = _set(year.targets, key, copied, _unit(ind, ctx))
    _regrade(ctx, ind)
    ctx.taken.add(ind.id)
    return PlantedError(
        "H5",
        "H502",
        f"{pointer}/years/{y}/targets/{k}",
        "target_unchanged",
        f"測定指標{ind.id}{key or ''}は未達が続いたが、{format_fiscal_year(year.fiscal_year)}の目標値を"
        "前年度と同じ"
        f"{amount(copied)}のまま据え置いた",
        {
            "indicator_id": ind.id,
            "fiscal_year": year.fiscal_year,
            "series": key,
            "before": _json(old),
            "after": _json(copied),
        },
    )


def _h503(ctx: _Context) -> PlantedError | None:
    """An actual far above its target in the last year (a target set too low)."""
    candidates = []
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
    if not candidates:
        return None
    pointer, ind, y, key, new = ctx.rng.choice(candidates)
    year = ind.years[y]
    old = _value(year.actuals, key)
    k = _set(year.actuals, key, new, _unit(ind, ctx))
    _regrade(ctx, ind)
    ctx.taken.add(ind.id)
    return PlantedError(
        "H5",
        "H503",
        f"{pointer}/years/{y}/actuals/{k}",
        "actual_far_above",
        f"測定指標{ind.id}{key or ''}の{format_fiscal_year(year.fiscal_year)}の実績値が目標値の1.5倍以上"
        f"({amount(new)})となる、低すぎる目標",
        {
            "indicator_id": ind.id,
            "fiscal_year": year.fiscal_year,
            "series": key,
            "before": _json(old),
            "after": _json(new),
        },
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


# --- H4 narrative ----------------------------------------------------------------------------------


def _h401(ctx: _Context) -> PlantedError | None:
    """A stated total that no longer matches its stated parts (one figure mistyped)."""
    candidates = []
    for pointer, _a, _i, ind in _indicators(ctx.report):
        if ind.kind is not IndicatorKind.QUALITATIVE or ind.id in ctx.taken:
            continue
        history = ctx.built.indicator_history(ind.id)
        for y, year in enumerate(ind.years):
            breakdown = history.breakdowns.get(year.fiscal_year)
            if breakdown is not None and year.progress and year.progress[-1].text == breakdown.text():
                candidates.append((pointer, ind, y, year, breakdown))
    if not candidates:
        return None
    pointer, ind, y, year, breakdown = ctx.rng.choice(candidates)
    if ctx.rng.random() < 0.6:
        total = next(v for v in _digits_changed(breakdown.total, ctx.rng) if v > 0)
        changed = replace(breakdown, total=total)
        what = f"合計を{breakdown.total:,}から{total:,}に"
    else:
        k = ctx.rng.randrange(len(breakdown.parts))
        label, n = breakdown.parts[k]
        new = next(v for v in _digits_changed(n, ctx.rng) if v > 0)
        parts = tuple((lab, new if j == k else m) for j, (lab, m) in enumerate(breakdown.parts))
        changed = replace(breakdown, parts=parts)
        what = f"内訳の{label}を{n:,}から{new:,}に"
    p = len(year.progress) - 1
    year.progress[p] = Paragraph(text=changed.text())
    ctx.taken.add(ind.id)
    return PlantedError(
        "H4",
        "H401",
        f"{pointer}/years/{y}/progress/{p}",
        f"breakdown_{breakdown.form}",
        f"測定指標{ind.id}の{format_fiscal_year(year.fiscal_year)}の実績の記述で、{what}誤記した",
        {"indicator_id": ind.id, "fiscal_year": year.fiscal_year, "form": breakdown.form},
    )


_READ_UNITS = ("%", "回", "件", "名", "人")
"""The units the narrative check reads a stated count or share in (``hyoka.core.stated_values``)."""


def _h402(ctx: _Context) -> PlantedError | None:
    """A value in the text that differs from the table (mistyped, or last year's figure left in)."""
    candidates = []
    for pointer, a, _i, ind in _free_quantitative(ctx):
        history = ctx.built.indicator_history(ind.id)
        unit = history.quantitative.unit
        if unit not in _READ_UNITS or ind.direction is Direction.WITHIN_RANGE:
            continue
        area = ctx.report.areas[a]
        texts: list[tuple[str, Paragraph, int | None]] = []
        for k, analysis in enumerate(area.analysis):
            if analysis.indicator_id == ind.id and analysis.paragraphs:
                texts.append((f"/areas/{a}/analysis/{k}/paragraphs/0", analysis.paragraphs[0], None))
        for y, year in enumerate(ind.years):
            for p, paragraph in enumerate(year.progress):
                texts.append((f"{pointer}/years/{y}/progress/{p}", paragraph, year.fiscal_year))
        for where, paragraph, only in texts:
            for year in ind.years:
                if only is not None and year.fiscal_year != only:
                    continue
                named: list[tuple[str | None, str]] = [(s.key, s.name) for s in ind.series]
                for key, name in named or [(None, "")]:
                    for what, values in (("actual", year.actuals), ("target", year.targets)):
                        value = _value(values, key)
                        if value is not None:
                            candidates.append(
                                (
                                    where,
                                    paragraph,
                                    only is not None,
                                    ind,
                                    year.fiscal_year,
                                    key,
                                    name,
                                    what,
                                    value,
                                    unit,
                                )
                            )
    ctx.rng.shuffle(candidates)
    for where, paragraph, own_year, ind, fiscal_year, _key, name, what, value, unit in candidates:
        sentences = paragraph.text.split("。")
        era = format_fiscal_year(fiscal_year)
        token = f"{amount(value)}{unit}"
        for index, sentence in enumerate(sentences):
            if not (own_year or era in sentence) or (name and name not in sentence):
                continue
            part = sentence.split(name, 1)[1].split("、")[0] if name else sentence
            start = _token_at(part, token, what)
            if start is None:
                continue
            step = Decimal("0.1") if value != value.to_integral_value() else Decimal(1)
            options = [Decimal(v) * step for v in _digits_changed(int(value / step), ctx.rng) if v > 0]
            if not options:
                continue
            new = options[0]
            offset = sentence.index(part) + start
            sentences[index] = sentence[:offset] + f"{amount(new)}{unit}" + sentence[offset + len(token) :]
            paragraph.text = "。".join(sentences)
            ctx.taken.add(ind.id)
            what_ja = "実績値" if what == "actual" else "目標値"
            return PlantedError(
                "H4",
                "H402",
                where,
                f"stated_{what}_{style_of(ctx.built.indicator_history(ind.id), narrative_seed(ctx.built))}",
                f"測定指標{ind.id}{_key or ''}の{era}の{what_ja}を、本文では{amount(new)}と記載した"
                f"(表は{amount(value)})",
                {
                    "indicator_id": ind.id,
                    "fiscal_year": fiscal_year,
                    "series": _key,
                    "what": what,
                    "table": _json(value),
                    "stated": _json(new),
                    "phrasing": style_of(ctx.built.indicator_history(ind.id), narrative_seed(ctx.built)),
                },
            )
    return None


def _token_at(text: str, token: str, what: str) -> int | None:
    """Where ``token`` (「41回」) stands in ``text`` as the actual or the target: the only such number,
    the target being the one after 「目標」."""
    starts = [m.start() for m in re.finditer(rf"(?<![0-9.,]){re.escape(token)}(?![0-9])", text)]
    if len(starts) != 1:
        return None
    start = starts[0]
    is_target = text[max(0, start - 4) : start].rstrip("(").endswith(("目標値", "目標は", "目標"))
    return start if is_target == (what == "target") else None


# --- H3 grades ---------------------------------------------------------------------------------------


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


# --- H1 structure -----------------------------------------------------------------------------------


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


# --- H2 arithmetic ---------------------------------------------------------------------------------


def _budget_years(ctx: _Context) -> list[tuple[int, Any]]:
    return [
        (y, year)
        for y, year in enumerate(ctx.report.budget.years)
        if year.total.is_value and year.executed.is_value
    ]


def _money_cell(value: int, unit: str | None) -> Cell:
    raw = f"△{-value:,}" if value < 0 else f"{value:,}"
    return Cell(status=CellStatus.VALUE, value=Decimal(value), unit=unit, raw=raw)


def _int(cell: Cell) -> int:
    assert cell.value is not None
    return int(cell.value)


def _h201(ctx: _Context) -> PlantedError | None:
    """合計(a+b+c) that does not add up: a mistyped total, or one that left out b or c."""
    low = ctx.profile.thresholds.low_execution
    options = []
    for y, year in _budget_years(ctx):
        a, b, c = _int(year.initial), _int(year.supplementary), _int(year.carryover)
        executed = _int(year.executed)
        totals = [(v, "typo") for v in _digits_changed(a + b + c, ctx.rng)[:4]]
        totals += [(a + b, "carryover_left_out")] if c else []
        totals += [(a + c, "supplementary_left_out")] if b else []
        for total, kind in totals:
            if total != a + b + c and total > 0 and executed <= total and executed / total >= low:
                options.append((y, year, total, kind))
    if not options:
        return None
    y, year, total, kind = ctx.rng.choice(options)
    old = _int(year.total)
    year.total = _money_cell(total, year.total.unit)
    era = format_fiscal_year(year.fiscal_year)
    return PlantedError(
        "H2",
        "H201",
        f"/budget/years/{y}/total",
        f"budget_total_{kind}",
        f"{era}の予算の合計(a+b+c)を{old:,}ではなく{total:,}と記載した",
        {"fiscal_year": year.fiscal_year, "before": old, "after": total},
    )


def _h202(ctx: _Context) -> PlantedError | None:
    """執行額 above the total (the total and the amount executed mixed up, or a digit too many)."""
    options = _budget_years(ctx)
    if not options:
        return None
    y, year = ctx.rng.choice(options)
    total, old = _int(year.total), _int(year.executed)
    new = total + max(1, round(total * ctx.rng.uniform(0.01, 0.15)))
    year.executed = _money_cell(new, year.executed.unit)
    return PlantedError(
        "H2",
        "H202",
        f"/budget/years/{y}/executed",
        "executed_over_total",
        f"{format_fiscal_year(year.fiscal_year)}の執行額を予算の合計{total:,}を超える{new:,}と記載した",
        {"fiscal_year": year.fiscal_year, "before": old, "after": new},
    )


def _h203(ctx: _Context) -> PlantedError | None:
    """執行額 with its last digit dropped: an implausibly low execution rate."""
    low = ctx.profile.thresholds.low_execution
    options = [
        (y, year)
        for y, year in _budget_years(ctx)
        if _int(year.executed) >= 10 and (_int(year.executed) // 10) / _int(year.total) < low
    ]
    if not options:
        return None
    y, year = ctx.rng.choice(options)
    old = _int(year.executed)
    new = old // 10
    year.executed = _money_cell(new, year.executed.unit)
    return PlantedError(
        "H2",
        "H203",
        f"/budget/years/{y}/executed",
        "executed_digit_dropped",
        f"{format_fiscal_year(year.fiscal_year)}の執行額{old:,}の末尾の桁が落ち{new:,}となった",
        {"fiscal_year": year.fiscal_year, "before": old, "after": new},
    )


def _account(item: Any) -> AccountType:
    return AccountType.GENERAL if item.account.startswith("一般") else AccountType.SPECIAL


def _h204(ctx: _Context) -> PlantedError | None:
    """A 調書 row that breaks its 小計: a mistyped amount, or a 小計 (and 合計) that left a row out."""
    sheet = ctx.report.budget_sheet
    if sheet is None:
        return None
    options = []
    for s, section in enumerate(sheet.sections):
        for item in section.items:
            j = next(j for j, line in enumerate(section.subtotals) if line.account_type is _account(item))
            for column in ("current_initial", "next_request"):
                if getattr(item, column).is_value:
                    options.append(("typo", s, j, item, column))
        for j, line in enumerate(section.subtotals):
            rows = [i for i in section.items if _account(i) is line.account_type and i.next_request.is_value]
            if len(rows) >= 2:
                options.append(("row_left_out", s, j, ctx.rng.choice(rows), "next_request"))
    if not options:
        return None
    kind, s, j, item, column = ctx.rng.choice(options)
    cell = getattr(item, column)
    old = _int(cell)
    if kind == "typo":
        new = next(v for v in _digits_changed(old, ctx.rng) if v > 0)
        setattr(item, column, _money_cell(new, cell.unit))
        what = f"事項「{item.sub_item}」の{old:,}を{new:,}と誤記した"
    else:
        line = sheet.sections[s].subtotals[j]
        total = next(t for t in sheet.totals if t.account_type is line.account_type)
        for target in (line, total):
            target.next_request = _money_cell(_int(target.next_request) - old, target.next_request.unit)
        what = f"概算要求額の小計と合計から事項「{item.sub_item}」({old:,})を漏らした"
    return PlantedError(
        "H2",
        "H204",
        f"/budget_sheet/sections/{s}/subtotals/{j}",
        f"sheet_{kind}",
        f"調書で{what}",
        {"column": column, "amount": old},
    )


def _h205(ctx: _Context) -> PlantedError | None:
    """A 調書 合計 that is not the sum of its 小計 (a mistyped 概算要求額, or a small slip)."""
    sheet = ctx.report.budget_sheet
    if sheet is None:
        return None
    options = [(k, line) for k, line in enumerate(sheet.totals) if line.next_request.is_value]
    if not options:
        return None
    k, line = ctx.rng.choice(options)
    old = _int(line.next_request)
    new = next(v for v in _digits_changed(old, ctx.rng) if v > 0)
    line.next_request = _money_cell(new, line.next_request.unit)
    return PlantedError(
        "H2",
        "H205",
        f"/budget_sheet/totals/{k}",
        "sheet_total_typo",
        f"調書の合計({line.account_type.value})の概算要求額を{old:,}ではなく{new:,}と記載した",
        {"column": "next_request", "before": old, "after": new},
    )


def _h206(ctx: _Context) -> PlantedError | None:
    """The report's initial budget of the evaluation year mistyped: it no longer matches the 調書."""
    sheet = ctx.report.budget_sheet
    if sheet is None or sheet.current_year is None:
        return None
    thousand = sum(_int(t.current_initial) for t in sheet.totals if t.current_initial.is_value)
    tolerance = Decimal(str(ctx.profile.thresholds.budget_rounding))
    for year in ctx.report.budget.years:
        if year.fiscal_year == sheet.current_year and year.initial.is_value:
            old = _int(year.initial)
            for new in _digits_changed(old, ctx.rng):
                if new > 0 and abs(Decimal(thousand) / 1000 - new) > tolerance:
                    year.initial = _money_cell(new, year.initial.unit)
                    return PlantedError(
                        "H2",
                        "H206",
                        "/budget_sheet/totals",
                        "budget_initial_typo",
                        f"{format_fiscal_year(year.fiscal_year)}の当初予算を{old:,}ではなく{new:,}と記載した"
                        f"(調書は{thousand:,}千円)",
                        {"fiscal_year": year.fiscal_year, "before": old, "after": new, "sheet": thousand},
                    )
    return None


# ---------------------------------------------------------------------------------------------------

PLANTERS: dict[str, tuple[tuple[Planter, float], ...]] = {
    "H1": ((_h102, 0.2), (_h103, 0.3), (_h104, 0.2), (_h105, 0.3)),
    "H2": ((_h201, 0.25), (_h202, 0.1), (_h203, 0.1), (_h204, 0.25), (_h205, 0.15), (_h206, 0.15)),
    "H3": ((_h301, 0.35), (_h302, 0.3), (_h303, 0.1), (_h304, 0.1), (_h305, 0.15)),
    "H4": ((_h401, 0.4), (_h402, 0.6)),
    "H5": ((_h501, 0.35), (_h502, 0.15), (_h503, 0.3), (_h504, 0.2)),
}


def _json(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


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
