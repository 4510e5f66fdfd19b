"""Grading and checks: pure functions over ``hyoka.core``, with rule profiles as data files.

``check_report(report, profile)`` proposes a grade for every quantitative indicator and the
overall judgment, and runs the H1–H5 checks of docs/rules.md; it never changes the report. Each
proposal says why in words (``reason``, a ``Reason``); ``place_name`` names a finding's pointer and
``severity_name`` its severity in the reader's language.
"""

from hyoka.rules.codes import CODES, FindingCode, severity_name
from hyoka.rules.engine import CheckResult, check_report
from hyoka.rules.grading import IndicatorProposal, Verdict, propose_indicator_grade
from hyoka.rules.judgment import JudgmentProposal, propose_judgment
from hyoka.rules.places import Place, place_name, place_of
from hyoka.rules.profile import DEFAULT_PROFILE, ProfileError, RuleProfile, load_profile, parse_profile
from hyoka.rules.reasons import Reason

__all__ = [
    "CODES",
    "DEFAULT_PROFILE",
    "CheckResult",
    "FindingCode",
    "IndicatorProposal",
    "JudgmentProposal",
    "Place",
    "ProfileError",
    "Reason",
    "RuleProfile",
    "Verdict",
    "check_report",
    "load_profile",
    "parse_profile",
    "place_name",
    "place_of",
    "propose_indicator_grade",
    "propose_judgment",
    "severity_name",
]
