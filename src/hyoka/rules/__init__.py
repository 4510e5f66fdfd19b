"""Grading and checks: pure functions over ``hyoka.core``, with rule profiles as data files.

``check_report(report, profile)`` proposes a grade for every quantitative indicator and the
overall judgment, and runs the H1–H5 checks of docs/rules.md; it never changes the report.
"""

from hyoka.rules.codes import CODES, FindingCode
from hyoka.rules.engine import CheckResult, check_report
from hyoka.rules.grading import IndicatorProposal, Verdict, propose_indicator_grade
from hyoka.rules.judgment import JudgmentProposal, propose_judgment
from hyoka.rules.profile import DEFAULT_PROFILE, ProfileError, RuleProfile, load_profile, parse_profile

__all__ = [
    "CODES",
    "DEFAULT_PROFILE",
    "CheckResult",
    "FindingCode",
    "IndicatorProposal",
    "JudgmentProposal",
    "ProfileError",
    "RuleProfile",
    "Verdict",
    "check_report",
    "load_profile",
    "parse_profile",
    "propose_indicator_grade",
    "propose_judgment",
]
