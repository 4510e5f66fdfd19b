"""The grades and the judgment a careful person records from a generated report's numbers.

The generator records what the rules propose (``hyoka.rules.propose_indicator_grade`` and
``propose_judgment``, docs/rules.md §2–§3): the ladder of verdicts and tiers is written once, in the
rules. A clean corpus is therefore clean by construction for H301/H302; what the corpus tests is that
every other family finds exactly the errors planted, and that the planted grades and judgments
(``planting/grades.py``) are found. Only the ``all_years`` window strategy is used: the generator
refuses a profile with another one.
"""

from __future__ import annotations

from dataclasses import dataclass

from hyoka.core import EvaluationReport, Indicator, IndicatorKind, RecordedGrade, Tier
from hyoka.rules import RuleProfile, Verdict, propose_indicator_grade, propose_judgment
from hyoka.rules.profile import WindowStrategy

__all__ = [
    "Level",
    "WindowGrade",
    "YearGrade",
    "grade_indicator",
    "record_grade",
    "record_grades",
    "record_judgment",
    "tier_for",
]

Level = Verdict
"""A year's verdict (docs/rules.md §2): the rules' own ``Verdict``."""


@dataclass(frozen=True)
class YearGrade:
    """A year of the window with a target and an actual, and its verdict (the worst series')."""

    fiscal_year: int
    level: Verdict


@dataclass(frozen=True)
class WindowGrade:
    """The letter for the window (None: no year with both numbers) and the years judged."""

    letter: str | None
    years: tuple[YearGrade, ...]


def grade_indicator(indicator: Indicator, window: list[int], profile: RuleProfile) -> WindowGrade:
    """The letter the rules propose for a quantitative indicator over ``window``, with each judged
    year's verdict (None and no year: no year with both numbers)."""
    if profile.window.strategy is not WindowStrategy.ALL_YEARS:
        raise ValueError(
            f"the corpus generator records grades by all_years only, not {profile.window.strategy}"
        )
    proposal = propose_indicator_grade(indicator, window, profile)
    years = tuple(
        YearGrade(t.fiscal_year, t.verdict) for t in proposal.trace if t.verdict is not Verdict.NO_DATA
    )
    return WindowGrade(proposal.proposed if years else None, years)


def tier_for(report: EvaluationReport, profile: RuleProfile) -> Tier:
    """docs/rules.md §3 from the recorded grades: the tier the rules propose when every grade is
    the recorded one (the profile's weights on main indicators)."""
    proposal = propose_judgment(report, {}, profile)
    if proposal.proposed is None:
        raise ValueError(f"a report without a graded indicator has no judgment ({proposal.rule})")
    return Tier(proposal.proposed.label)


def record_grade(report: EvaluationReport, indicator: Indicator, profile: RuleProfile) -> None:
    """Record a quantitative indicator's grade from its numbers, in its section and the summary."""
    letter = grade_indicator(indicator, report.window, profile).letter
    indicator.recorded_grade = (
        None if letter is None else RecordedGrade(letter=letter, window=list(report.window))
    )
    for entry in report.results_summary:
        if entry.indicator_id == indicator.id:
            entry.recorded_grade = letter


def record_judgment(report: EvaluationReport, profile: RuleProfile, tier: Tier | None = None) -> None:
    """Record the judgment (label, letter; the 調書's 達成度合い too): ``tier``, else the one the
    recorded grades give."""
    tier = tier or tier_for(report, profile)
    letter = next(t.letter for t in profile.tiers if t.label == tier.value)
    judgment = report.judgment
    judgment.tier, judgment.label, judgment.letter = tier, tier.value, letter
    if report.budget_sheet is not None:
        report.budget_sheet.achievement = tier.value


def record_grades(report: EvaluationReport, profile: RuleProfile) -> None:
    """Record every quantitative indicator's grade (section and summary) and the judgment, in place.

    Qualitative indicators keep the grade the generator gave them: no rule proposes one."""
    for indicator in report.indicators():
        if indicator.kind is IndicatorKind.QUANTITATIVE:
            record_grade(report, indicator, profile)
        else:
            for entry in report.results_summary:
                if entry.indicator_id == indicator.id and indicator.recorded_grade is not None:
                    entry.recorded_grade = indicator.recorded_grade.letter
    record_judgment(report, profile)
