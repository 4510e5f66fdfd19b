"""Checking a report already in memory (the web workspace holds reports as models, not files)."""

from __future__ import annotations

from functools import cache

from hyoka.core import EvaluationReport
from hyoka.rules import CheckResult, RuleProfile, check_report, load_profile

__all__ = ["check_report_result"]


@cache
def _default_profile() -> RuleProfile:
    return load_profile()


def check_report_result(report: EvaluationReport, profile: RuleProfile | None = None) -> CheckResult:
    """``hyoka.rules.check_report`` with the default profile loaded once per process."""
    return check_report(report, profile or _default_profile())
