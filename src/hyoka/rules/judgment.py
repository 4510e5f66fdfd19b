"""The overall judgment proposal (docs/rules.md §3) from each indicator's grade: the recorded one
where present, else the proposal; reference indicators never enter."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hyoka.core import EvaluationReport
from hyoka.rules.grading import IndicatorProposal
from hyoka.rules.profile import RuleProfile, TierDefinition

__all__ = ["JudgmentProposal", "propose_judgment"]


@dataclass
class JudgmentProposal:
    proposed: TierDefinition | None
    recorded_label: str | None
    recorded_letter: str | None
    rule: str
    indicators: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "proposed": None
            if self.proposed is None
            else {"label": self.proposed.label, "letter": self.proposed.letter},
            "recorded": {"label": self.recorded_label, "letter": self.recorded_letter},
            "trace": {"rule": self.rule, "indicators": self.indicators},
        }


def propose_judgment(
    report: EvaluationReport, proposals: dict[str, IndicatorProposal], profile: RuleProfile
) -> JudgmentProposal:
    recorded = (report.judgment.label, report.judgment.letter)
    if report.judgment.monitoring_only:
        return JudgmentProposal(None, *recorded, "monitoring only: no judgment")
    legend = profile.legend
    weights = profile.judgment.weights
    graded: list[tuple[str, bool, str, float]] = []
    trace: list[dict[str, Any]] = []
    for indicator in report.indicators():
        proposal = proposals.get(indicator.id)
        letter = indicator.recorded_grade.letter if indicator.recorded_grade else None
        source = "recorded"
        if letter is None and proposal is not None and proposal.proposed is not None:
            letter, source = proposal.proposed, "proposed"
        weight = weights.get(indicator.id, 1.0) if indicator.is_main else 0.0
        trace.append(
            {"id": indicator.id, "main": indicator.is_main, "grade": letter, "from": source, "weight": weight}
        )
        if letter is not None and letter in legend.letters:
            graded.append((indicator.id, indicator.is_main, letter, weight))
    if not graded:
        return JudgmentProposal(None, *recorded, "no graded indicator", trace)
    rank = legend.rank
    a, b, d = (
        t.indicator_letter
        for t in (profile.tier_by_rank(2), profile.tier_by_rank(3), profile.tier_by_rank(5))
    )
    best = profile.tier_by_rank(1).indicator_letter
    main = [g for g in graded if g[1]] or [(i, True, letter, 1.0) for i, _, letter, _ in graded]
    if all(rank(letter) <= rank(a) for _, _, letter, _ in graded):
        if all(letter == best for _, _, letter, _ in main):
            return JudgmentProposal(
                profile.tier_by_rank(1), *recorded, "every indicator a or s, every main s", trace
            )
        return JudgmentProposal(profile.tier_by_rank(2), *recorded, "every indicator a or s", trace)
    if any(letter == d for _, _, letter, _ in main):
        return JudgmentProposal(profile.tier_by_rank(5), *recorded, "a main indicator is d", trace)
    weighted = sum(w for *_, w in main) > 0
    total = sum(w for *_, w in main) if weighted else float(len(main))
    good = sum((w if weighted else 1.0) for _, _, letter, w in main if rank(letter) <= rank(b))
    share = good / total
    if share >= profile.judgment.main_share_for_substantial:
        return JudgmentProposal(
            profile.tier_by_rank(3),
            *recorded,
            f"main indicators b or better (weighted share {share:.2f})",
            trace,
        )
    return JudgmentProposal(
        profile.tier_by_rank(4),
        *recorded,
        f"main indicators b or better only in part (weighted share {share:.2f})",
        trace,
    )
