"""The overall judgment proposal (docs/rules.md §3) from each indicator's grade: the recorded one
where present, else the proposal; reference indicators never enter. Beside the shared tier, each
own scale of the profile (厚生労働省 総合判定 A/B/C) gets its letter by the profile's mapping, marked
``derived``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hyoka.core import EvaluationReport, Judgment, JudgmentOrigin
from hyoka.rules import reasons
from hyoka.rules.grading import IndicatorProposal
from hyoka.rules.profile import RuleProfile, TierDefinition

__all__ = [
    "JudgmentProposal",
    "OwnScaleJudgment",
    "OwnScaleProposal",
    "own_scale_proposals",
    "propose_judgment",
]


@dataclass(frozen=True)
class OwnScaleJudgment:
    """A letter of a ministry's own scale, where it comes from (``document``: the report says so;
    ``derived``: hyoka mapped it from the shared tier ``from_rank``) and the source of the mapping."""

    letter: str
    label: str | None
    origin: JudgmentOrigin
    from_rank: int | None = None

    def to_json(self) -> dict[str, Any]:
        shape: dict[str, Any] = {"letter": self.letter, "label": self.label, "origin": self.origin.value}
        if self.from_rank is not None:
            shape["from_tier"] = self.from_rank
        return shape


@dataclass(frozen=True)
class OwnScaleProposal:
    """One own scale beside the shared tiers: the proposal (derived from the proposed tier), the
    recorded letter (the report's, else derived from the recorded tier) and whether the report's own
    letter agrees with its shared tier by the mapping (None when either is missing)."""

    legend: str
    source: str | None
    proposed: OwnScaleJudgment | None
    recorded: OwnScaleJudgment | None
    recorded_agrees: bool | None

    def to_json(self) -> dict[str, Any]:
        return {
            "legend": self.legend,
            "source": self.source,
            "proposed": None if self.proposed is None else self.proposed.to_json(),
            "recorded": None if self.recorded is None else self.recorded.to_json(),
            "recorded_agrees": self.recorded_agrees,
        }


@dataclass
class JudgmentProposal:
    proposed: TierDefinition | None
    recorded_label: str | None
    recorded_letter: str | None
    rule: str
    indicators: list[dict[str, Any]] = field(default_factory=list)
    own_scales: list[OwnScaleProposal] = field(default_factory=list)
    reason: reasons.Reason | None = None
    """``rule`` in words, in either language (``reason.text(lang)``); set on every proposal the
    rules make."""

    def to_json(self) -> dict[str, Any]:
        shape: dict[str, Any] = {
            "proposed": None
            if self.proposed is None
            else {"label": self.proposed.label, "letter": self.proposed.letter},
            "recorded": {"label": self.recorded_label, "letter": self.recorded_letter},
            "trace": {"rule": self.rule, "indicators": self.indicators},
        }
        if self.own_scales:
            shape["own_scales"] = [o.to_json() for o in self.own_scales]
        return shape


def _recorded_rank(judgment: Judgment, profile: RuleProfile) -> int | None:
    if judgment.monitoring_only:
        return None
    for label in (judgment.label, None if judgment.tier is None else judgment.tier.value):
        tier = profile.tier_by_label(label) if label else None
        if tier is not None:
            return tier.rank
    return None


def own_scale_proposals(
    report: EvaluationReport, proposed: TierDefinition | None, profile: RuleProfile
) -> list[OwnScaleProposal]:
    """Each own scale of the profile, beside the shared tier."""
    out: list[OwnScaleProposal] = []
    recorded_rank = _recorded_rank(report.judgment, profile)
    for name in profile.own_scales():

        def derived(rank: int | None, legend: str = name) -> OwnScaleJudgment | None:
            grade = None if rank is None else profile.own_grade(legend, rank)
            if grade is None:
                return None
            return OwnScaleJudgment(grade.letter, grade.label, JudgmentOrigin.DERIVED, rank)

        written = next((j for j in report.other_judgments if j.legend == name and j.letter), None)
        recorded: OwnScaleJudgment | None
        agrees: bool | None = None
        if written is not None and written.letter is not None:
            recorded = OwnScaleJudgment(written.letter, written.label, written.origin)
            expected = derived(recorded_rank)
            if expected is not None:
                agrees = expected.letter == written.letter
        else:
            recorded = derived(recorded_rank)
        out.append(
            OwnScaleProposal(
                name, profile.source, derived(None if proposed is None else proposed.rank), recorded, agrees
            )
        )
    return out


def propose_judgment(
    report: EvaluationReport, proposals: dict[str, IndicatorProposal], profile: RuleProfile
) -> JudgmentProposal:
    """The shared tier by the rules, with each own scale beside it (see ``own_scale_proposals``)."""
    proposal = _propose_tier(report, proposals, profile)
    if profile.own_scale:
        proposal.own_scales = own_scale_proposals(report, proposal.proposed, profile)
    return proposal


def _propose_tier(
    report: EvaluationReport, proposals: dict[str, IndicatorProposal], profile: RuleProfile
) -> JudgmentProposal:
    recorded = (report.judgment.label, report.judgment.letter)
    if report.judgment.monitoring_only:
        return JudgmentProposal(
            None, *recorded, "monitoring only: no judgment", reason=reasons.judgment_reason("monitoring")
        )
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
        if letter is not None and letter in legend.letters and letter != legend.not_measured:
            graded.append((indicator.id, indicator.is_main, letter, weight))
    if not graded:
        return JudgmentProposal(
            None, *recorded, "no graded indicator", trace, reason=reasons.judgment_reason("no_graded")
        )
    rank = legend.rank
    a, b, c, d = (
        t.indicator_letter
        for t in (
            profile.tier_by_rank(2),
            profile.tier_by_rank(3),
            profile.tier_by_rank(4),
            profile.tier_by_rank(5),
        )
    )
    best = profile.tier_by_rank(1).indicator_letter
    main = [g for g in graded if g[1]] or [(i, True, letter, 1.0) for i, _, letter, _ in graded]
    if all(rank(letter) <= rank(a) for _, _, letter, _ in graded):
        if all(letter == best for _, _, letter, _ in main):
            return JudgmentProposal(
                profile.tier_by_rank(1),
                *recorded,
                "every indicator a or s, every main s",
                trace,
                reason=reasons.judgment_reason("all_best", a=a, best=best),
            )
        return JudgmentProposal(
            profile.tier_by_rank(2),
            *recorded,
            "every indicator a or s",
            trace,
            reason=reasons.judgment_reason("all_a", a=a),
        )
    # A legend whose tiers 4 and 5 share a letter (◎○△×) cannot tell 'moving away' from 'not close':
    # it never proposes 目標に向かっていない.
    if c != d and any(letter == d for _, _, letter, _ in main):
        return JudgmentProposal(
            profile.tier_by_rank(5),
            *recorded,
            "a main indicator is d",
            trace,
            reason=reasons.judgment_reason("main_d", d=d),
        )
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
            reason=reasons.judgment_reason("main_b", b=b, share=f"{share:.2f}"),
        )
    return JudgmentProposal(
        profile.tier_by_rank(4),
        *recorded,
        f"main indicators b or better only in part (weighted share {share:.2f})",
        trace,
        reason=reasons.judgment_reason("main_b_part", b=b, share=f"{share:.2f}"),
    )
