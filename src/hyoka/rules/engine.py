"""Run everything on a report: the proposals and all the checks, in one result."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hyoka.core import EvaluationReport, Issue
from hyoka.rules.checks import check_arithmetic, check_narrative, check_structure, check_target_quality
from hyoka.rules.checks.grades import grade_findings, propose_all
from hyoka.rules.grading import IndicatorProposal
from hyoka.rules.judgment import JudgmentProposal
from hyoka.rules.profile import RuleProfile, load_profile

__all__ = ["CheckResult", "check_report"]


@dataclass
class CheckResult:
    findings: list[Issue]
    indicators: dict[str, IndicatorProposal]
    judgment: JudgmentProposal
    profile: str

    @property
    def has_errors(self) -> bool:
        return any(f.severity.value == "error" for f in self.findings)

    def to_json(self) -> dict[str, Any]:
        """The shape of ``hyoka check --format json`` and of the API's check endpoint."""
        return {
            "profile": self.profile,
            "findings": [f.model_dump(mode="json") for f in self.findings],
            "proposals": {
                "indicators": {key: p.to_json() for key, p in self.indicators.items()},
                "judgment": self.judgment.to_json(),
            },
        }


def check_report(report: EvaluationReport, profile: RuleProfile | None = None) -> CheckResult:
    profile = profile or load_profile()
    proposals, judgment = propose_all(report, profile)
    findings = [
        *check_structure(report, profile),
        *check_arithmetic(report, profile),
        *grade_findings(report, profile, proposals, judgment),
        *check_narrative(report, profile),
        *check_target_quality(report, profile),
    ]
    return CheckResult(findings=findings, indicators=proposals, judgment=judgment, profile=profile.name)
