"""The running text of a generated report that states numbers: written from the model's tables.

A quantitative indicator's analysis (施策の分析) states each year's actual and target, and its progress
text (施策の進捗状況・実績), when it has one, states that year's; both are written from the numbers in
the report, in the phrasings the narrative check reads (``hyoka.core.stated_values``):
「令和元年度の実績値は26回(目標値30回)となり、…」, 「一般の部で85%(目標値84%)」. Because they are
written from the tables, a planting that changes a number rewrites them (the person who changed the
table wrote the text from it), and a planting that changes only the text leaves the table alone.
"""

from __future__ import annotations

from decimal import Decimal

from hyoka.core import Direction, Indicator, IndicatorYear, Paragraph, SeriesValue, format_fiscal_year
from hyoka.core.wareki import format_year_list
from hyoka.corpus.history import IndicatorHistory, Texts
from hyoka.corpus.portfolio import rng_for
from hyoka.corpus.recording import Level, grade_indicator
from hyoka.corpus.seeds import CommonSeed
from hyoka.rules import RuleProfile

__all__ = ["amount", "analysis_paragraphs", "progress_paragraphs", "style_of", "window_label"]

_PHRASE = {
    Level.EXCEEDED: "目標を大きく上回る成果を上げた",
    Level.ACHIEVED: "目標を達成した",
    Level.NEAR: "目標をわずかに達成できなかった",
}
_MISSED = "目標を達成できなかった"


def amount(value: Decimal) -> str:
    """1220 → 「1,220」, 85.3 → 「85.3」 (as the tables and the text print numbers)."""
    return f"{value:,}"


def window_label(window: list[int]) -> str:
    """[2017, 2018, 2019] → 「平成29・30・令和元年度」; [2021, 2022, 2023] → 「令和3・4・5年度」."""
    return format_year_list(window) or "年度"


def _value(sv: SeriesValue | None) -> Decimal | None:
    return sv.value.value if sv is not None and sv.value.is_value else None


_STYLES = (("plain", 0.35), ("versus", 0.3), ("loose", 0.2), ("target_only", 0.15))
"""How an indicator's text states its numbers. The narrative check reads 「実績値は41回」 and
「目標値18回」 (and 「一般の部で85%(目標値84%)」); people also write 「41回の実績(目標は18回)」, which
it does not read: a value mistyped there is a planted error the checker cannot find."""


def style_of(history: IndicatorHistory, seed: int) -> str:
    """The phrasing an indicator's text uses, fixed per indicator and report."""
    rng = rng_for(seed, "style", history.id)
    style = rng.choices([name for name, _ in _STYLES], weights=[w for _, w in _STYLES])[0]
    if history.series:
        return "loose" if style == "loose" else "plain"
    return style


def _phrase(style: str, actual: str, goal: str) -> str:
    """One year's numbers in a style (``goal``: 「目標値18回」 or 「目標範囲…」; loose: 「目標は18回」)."""
    if style == "versus":
        return f"{goal}に対し、実績値は{actual}"
    if style == "loose":
        return f"{actual}の実績({goal.replace('目標値', '目標は')})"
    if style == "target_only":
        return f"{goal}に対して{actual}の実績"
    return f"実績値は{actual}({goal})"


def _stated(indicator: Indicator, history: IndicatorHistory, year: IndicatorYear, style: str) -> str | None:
    """「実績値は26回(目標値30回)」 or 「一般の部で85%(目標値84%)、…」 for one year (None: nothing stated)."""
    unit = history.quantitative.unit
    targets = {sv.series: sv for sv in year.targets}
    actuals = {sv.series: _value(sv) for sv in year.actuals}
    if history.series:
        parts = []
        for key, name in history.series:
            target, actual = _value(targets.get(key)), actuals.get(key)
            if target is None or actual is None:
                continue
            if style == "loose":
                parts.append(f"{name}は{amount(actual)}%(目標{amount(target)}%)")
            else:
                parts.append(f"{name}で{amount(actual)}%(目標値{amount(target)}%)")
        return "、".join(parts) or None
    target_sv = targets.get(None)
    target, actual = _value(target_sv), actuals.get(None)
    if target is None:
        return None
    if indicator.direction is Direction.WITHIN_RANGE and target_sv is not None:
        upper = target_sv.upper.value if target_sv.upper is not None else None
        goal = f"目標範囲{amount(target)}{unit}~{amount(upper if upper is not None else target)}{unit}"
    else:
        goal = f"目標値{amount(target)}{unit}"
    if actual is None:
        return f"実績値は集計中であり({goal})"
    return _phrase(style, f"{amount(actual)}{unit}", goal)


def progress_paragraphs(
    indicator: Indicator, history: IndicatorHistory, year: IndicatorYear, texts: Texts, seed: int
) -> list[Paragraph]:
    """The year's progress of a quantitative indicator that has progress text: what was done, the numbers."""
    if not history.progress_text:
        return []
    rng = rng_for(seed, "progress", history.id, year.fiscal_year)
    done = texts.fill("{activity}を実施した。", rng)
    stated = _stated(indicator, history, year, style_of(history, seed))
    return [Paragraph(text=done if stated is None else f"{done}{stated}となった。")]


def analysis_paragraphs(
    indicator: Indicator,
    history: IndicatorHistory,
    window: list[int],
    profile: RuleProfile,
    texts: Texts,
    common: CommonSeed,
    seed: int,
) -> list[Paragraph]:
    """施策の分析 of a quantitative indicator: one sentence per year of the window, then a remark."""
    rng = rng_for(seed, "analysis", history.id)
    levels = {y.fiscal_year: y.level for y in grade_indicator(indicator, window, profile).years}
    style = style_of(history, seed)
    sentences = []
    for year in sorted(indicator.years, key=lambda y: y.fiscal_year):
        if year.fiscal_year not in window:
            continue
        stated = _stated(indicator, history, year, style)
        if stated is None:
            continue
        level = levels.get(year.fiscal_year)
        phrase = "評価は次年度に行う" if level is None else _PHRASE.get(level, _MISSED)
        era = format_fiscal_year(year.fiscal_year)
        sentences.append(f"{era}は、{stated}となり、{phrase}。")
    paragraphs = []
    if sentences:
        paragraphs.append(Paragraph(text=f"{indicator.name}については、" + "".join(sentences)))
    paragraphs.append(Paragraph(text=texts.fill(rng.choice(common.analysis_close), rng)))
    return paragraphs
