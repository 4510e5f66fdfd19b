"""H4 plantings (narrative): text at odds with itself or the table (``rules/checks/narrative.py``).

A stated total that does not match its stated parts (H401), a value in the text that differs from the
table (H402). Only the text changes; the table is left alone, as when a person edits one and not the
other.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from hyoka.core import (
    Direction,
    IndicatorKind,
    Paragraph,
    format_fiscal_year,
)
from hyoka.corpus.build import (
    narrative_seed,
)
from hyoka.corpus.narrative import amount, style_of
from hyoka.corpus.planting.context import (
    PlantedError,
    _Context,
    _digits_changed,
    _free_quantitative,
    _indicators,
    _json,
    _value,
)


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
