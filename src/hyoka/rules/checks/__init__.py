"""The consistency checks of RULES.md §4, one module per family. Each check is a pure function
``(report, profile) -> list[Issue]``; ``ALL_CHECKS`` is the order the engine runs them in."""

from __future__ import annotations

from collections.abc import Callable

from hyoka.core import EvaluationReport, Issue
from hyoka.rules.checks.arithmetic import check_arithmetic
from hyoka.rules.checks.grades import check_grades
from hyoka.rules.checks.narrative import check_narrative
from hyoka.rules.checks.structure import check_structure
from hyoka.rules.checks.target_quality import check_target_quality
from hyoka.rules.profile import RuleProfile

__all__ = [
    "ALL_CHECKS",
    "Check",
    "check_arithmetic",
    "check_grades",
    "check_narrative",
    "check_structure",
    "check_target_quality",
]

Check = Callable[[EvaluationReport, RuleProfile], list[Issue]]

ALL_CHECKS: tuple[Check, ...] = (
    check_structure,
    check_arithmetic,
    check_grades,
    check_narrative,
    check_target_quality,
)
