"""The consistency checks of docs/rules.md §4, one module per family. Each check is a pure function
``(report, profile) -> list[Issue]``; ``hyoka.rules.engine`` runs them in family order, sharing
the grade proposals between the H3 check and the result."""

from hyoka.rules.checks.arithmetic import check_arithmetic
from hyoka.rules.checks.grades import check_grades
from hyoka.rules.checks.narrative import check_narrative
from hyoka.rules.checks.structure import check_structure
from hyoka.rules.checks.target_quality import check_target_quality

__all__ = [
    "check_arithmetic",
    "check_grades",
    "check_narrative",
    "check_structure",
    "check_target_quality",
]
