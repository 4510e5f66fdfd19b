"""The consistency checks of docs/rules.md §4, one module per family. Each check is a pure function
``(report, profile) -> list[Issue]``; ``hyoka.rules.engine`` runs them in family order, sharing
the grade proposals between the H3 check and the result. Each family module declares the codes it
emits (its ``CODES``); ``FAMILIES`` lists the modules, for ``hyoka.rules.codes`` to gather them."""

from hyoka.rules.checks import arithmetic, grades, narrative, structure, target_quality
from hyoka.rules.checks.arithmetic import check_arithmetic
from hyoka.rules.checks.grades import check_grades
from hyoka.rules.checks.narrative import check_narrative
from hyoka.rules.checks.structure import check_structure
from hyoka.rules.checks.target_quality import check_target_quality

FAMILIES = (structure, arithmetic, grades, narrative, target_quality)
"""The family modules in code order (H1 … H5)."""

__all__ = [
    "FAMILIES",
    "check_arithmetic",
    "check_grades",
    "check_narrative",
    "check_structure",
    "check_target_quality",
]
