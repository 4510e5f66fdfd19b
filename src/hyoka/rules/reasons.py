"""Why the rules propose what they propose, in words a person reads: Japanese, or English when chosen.

A proposal keeps its ``rule``, the trace's shorthand (``all_years: every year achieved``) that the
JSON, the findings' context and the tests read; beside it, its ``reason`` is a ``Reason``: a Japanese
template of the catalog with its values, shown with ``reason.text(lang)``
(「全年度で目標を達成（判定方法: 全年度）」, "The target was achieved in every year (method: every year
of the window)"). See docs/rules.md §2–§3 for the rules the reasons name, and docs/architecture.md,
"Translation".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from hyoka.core import fiscal_year_label
from hyoka.core.i18n import SOURCE_LANGUAGE, gettext_noop, pgettext_noop, translate

__all__ = [
    "STRATEGIES",
    "FiscalYear",
    "Reason",
    "Wording",
    "YearList",
    "final_year",
    "final_year_below",
    "final_year_rung",
    "judgment_reason",
    "no_judged_year",
    "qualitative",
    "rung_window",
    "window",
    "with_no_data",
    "year_values",
]


class Wording(Protocol):
    """A value that reads differently in each language."""

    def text(self, lang: str = SOURCE_LANGUAGE) -> str: ...


@dataclass(frozen=True)
class FiscalYear:
    """A fiscal year, as every page writes it (``hyoka.core.fiscal_year_label``): 「令和元年度
    (2019年度)」, ``FY2019 (Reiwa 1)``."""

    year: int

    def text(self, lang: str = SOURCE_LANGUAGE) -> str:
        return fiscal_year_label(self.year, SOURCE_LANGUAGE if lang == SOURCE_LANGUAGE else "en")


def year_values(name: str, year: int) -> dict[str, str]:
    """A fiscal year as a finding's message names it, both ways (``hyoka.rules.findings.finding``
    fills the Japanese template and the catalog's English with the same values): ``{name}`` is
    「令和元年度 (2019年度)」, ``{name}_en`` is ``FY2019 (Reiwa 1)`` (no Japanese in an English message)."""
    said = FiscalYear(year)
    return {name: said.text(SOURCE_LANGUAGE), f"{name}_en": said.text("en")}


@dataclass(frozen=True)
class YearList:
    """Fiscal years, listed as the pages list them: 「平成30年度 (2018年度)、令和元年度 (2019年度)」,
    ``FY2018 (Heisei 30), FY2019 (Reiwa 1)``."""

    years: tuple[int, ...]

    def text(self, lang: str = SOURCE_LANGUAGE) -> str:
        sep = "、" if lang == SOURCE_LANGUAGE else ", "
        return sep.join(FiscalYear(y).text(lang) for y in self.years)


@dataclass(frozen=True)
class Reason:
    """A Japanese template of the catalog (marked with ``gettext_noop`` or, with ``context``,
    ``pgettext_noop``) and its values; a value with a ``text(lang)`` (a ``Reason``, a
    ``FiscalYear``) is put in the same language."""

    template: str
    values: Mapping[str, object] = field(default_factory=dict)
    context: str | None = None

    def text(self, lang: str = SOURCE_LANGUAGE) -> str:
        values = {k: (v.text(lang) if hasattr(v, "text") else v) for k, v in self.values.items()}
        return translate(self.template, lang, self.context, **values)

    @property
    def ja(self) -> str:
        return self.text(SOURCE_LANGUAGE)

    @property
    def en(self) -> str:
        return self.text("en")

    def __str__(self) -> str:
        return self.ja


_STRATEGY = "rules.strategy"
"""The msgctxt of the window strategies' names."""
STRATEGIES: Mapping[str, str] = {
    "all_years": pgettext_noop(_STRATEGY, "全年度"),
    "majority": pgettext_noop(_STRATEGY, "過半の年度"),
    "final_year": pgettext_noop(_STRATEGY, "最終年度"),
}
"""The profile's ``window.strategy`` (docs/profiles.md) by name."""

_METHOD = gettext_noop("{what}（判定方法: {method}）")
_NO_DATA = gettext_noop("{reason}。データのない年度: {years}")

_LEVELS_EVERY = (
    gettext_noop("全年度で目標を超過"),
    gettext_noop("全年度で目標を達成"),
    gettext_noop("全年度で目標に近い水準以上"),
)
_LEVELS_MOST = (
    gettext_noop("{n}年度中{need}年度以上で目標を超過"),
    gettext_noop("{n}年度中{need}年度以上で目標を達成"),
    gettext_noop("{n}年度中{need}年度以上で目標に近い水準以上"),
)
_IMPROVING = gettext_noop("目標に近い水準に届かないが、最終年度は初年度（または基準値）より改善")
_NOT_IMPROVING = gettext_noop("目標に近い水準に届かず、改善もしていない")
_FINAL = gettext_noop("最終年度（{year}）は{verdict}")

_RUNG_EVERY = gettext_noop("全年度で「{letter}」以上")
_RUNG_MOST = gettext_noop("{n}年度中{need}年度以上で「{letter}」以上")
_RUNG_IMPROVING = gettext_noop("どの区分の基準にも届かないが、最終年度は初年度（または基準値）より改善")
_RUNG_NOT_IMPROVING = gettext_noop("どの区分の基準にも届かず、改善もしていない")
_FINAL_RUNG = gettext_noop("最終年度（{year}）は「{letter}」（{verdict}）")
_FINAL_BELOW = gettext_noop("最終年度（{year}）はどの区分の基準にも届かない（{verdict}）")


def _by(what: Reason, strategy: str) -> Reason:
    return Reason(_METHOD, {"what": what, "method": Reason(STRATEGIES[strategy], context=_STRATEGY)})


def qualitative() -> Reason:
    return Reason(gettext_noop("定性的な指標のため、規則による提案はありません"))


def no_judged_year() -> Reason:
    return Reason(gettext_noop("目標値と実績値のそろった年度がありません"))


def window(strategy: str, level: int | None, *, need: int, n: int, improving: bool = False) -> Reason:
    """All years or a majority: ``level`` 0 exceeded, 1 achieved, 2 at least near in ``need`` of
    ``n`` years; None below near (``improving``: the last year better than the first)."""
    if level is None:
        return _by(Reason(_IMPROVING if improving else _NOT_IMPROVING), strategy)
    if strategy == "all_years":
        return _by(Reason(_LEVELS_EVERY[level]), strategy)
    return _by(Reason(_LEVELS_MOST[level], {"n": n, "need": need}), strategy)


def final_year(year: int, verdict: Wording) -> Reason:
    return _by(Reason(_FINAL, {"year": FiscalYear(year), "verdict": verdict}), "final_year")


def rung_window(strategy: str, letter: str | None, *, need: int, n: int, improving: bool = False) -> Reason:
    """A legend with 達成率 cut-offs, all years or a majority: ``letter`` reached in ``need`` of ``n``
    years; None below every cut-off (``improving``: the last year better than the first)."""
    if letter is None:
        return _by(Reason(_RUNG_IMPROVING if improving else _RUNG_NOT_IMPROVING), strategy)
    if strategy == "all_years":
        return _by(Reason(_RUNG_EVERY, {"letter": letter}), strategy)
    return _by(Reason(_RUNG_MOST, {"letter": letter, "n": n, "need": need}), strategy)


def final_year_rung(year: int, letter: str, verdict: Wording) -> Reason:
    return _by(
        Reason(_FINAL_RUNG, {"year": FiscalYear(year), "letter": letter, "verdict": verdict}), "final_year"
    )


def final_year_below(year: int, verdict: Wording) -> Reason:
    return _by(Reason(_FINAL_BELOW, {"year": FiscalYear(year), "verdict": verdict}), "final_year")


def with_no_data(reason: Reason, years: Sequence[int]) -> Reason:
    """The reason, and the years of the window the rules could not judge."""
    return Reason(_NO_DATA, {"reason": reason, "years": YearList(tuple(years))}) if years else reason


_JUDGMENT = {
    "monitoring": gettext_noop("モニタリングのみの年度のため、判定しません"),
    "no_graded": gettext_noop("達成状況の記載された指標がありません"),
    "all_best": gettext_noop("全指標が「{a}」以上で、主要な指標がすべて「{best}」"),
    "all_a": gettext_noop("全指標が「{a}」以上"),
    "main_d": gettext_noop("主要な指標に「{d}」がある"),
    "main_b": gettext_noop("主要な指標が「{b}」以上（重み付きの割合 {share}）"),
    "main_b_part": gettext_noop("「{b}」以上の主要な指標は一部のみ（重み付きの割合 {share}）"),
}


def judgment_reason(case: str, **values: object) -> Reason:
    """The overall judgment's reason (docs/rules.md §3) by its case: ``monitoring``, ``no_graded``,
    ``all_best`` (a, best), ``all_a`` (a), ``main_d`` (d), ``main_b`` and ``main_b_part`` (b, share)."""
    return Reason(_JUDGMENT[case], values)
