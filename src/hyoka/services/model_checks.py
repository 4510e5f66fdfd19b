"""Checking a report already in memory (the web workspace holds reports as models, not files)."""

from __future__ import annotations

from hyoka.core import EvaluationReport
from hyoka.rules import CheckResult, RuleProfile, check_report, load_profile

__all__ = ["check_report_result"]

_DEFAULT: RuleProfile | None = None


def check_report_result(report: EvaluationReport, profile: RuleProfile | None = None) -> CheckResult:
    """``hyoka.rules.check_report`` with the default profile loaded once per process."""
    global _DEFAULT
    if profile is None:
        if _DEFAULT is None:
            _DEFAULT = load_profile()
        profile = _DEFAULT
    return check_report(report, profile)
