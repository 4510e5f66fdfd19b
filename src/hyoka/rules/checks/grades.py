"""H3: recorded grades against the rules' proposals, letters against the legend, labels against letters."""

from __future__ import annotations

from hyoka.core import EvaluationReport, IndicatorKind, Issue, format_fiscal_year
from hyoka.rules.findings import finding
from hyoka.rules.grading import VERDICT_JA, IndicatorProposal, propose_indicator_grade
from hyoka.rules.judgment import JudgmentProposal, propose_judgment
from hyoka.rules.paths import indicators
from hyoka.rules.profile import RuleProfile

__all__ = ["check_grades", "grade_findings", "propose_all"]


def propose_all(
    report: EvaluationReport, profile: RuleProfile
) -> tuple[dict[str, IndicatorProposal], JudgmentProposal]:
    proposals = {ind.id: propose_indicator_grade(ind, report.window, profile) for ind in report.indicators()}
    return proposals, propose_judgment(report, proposals, profile)


def grade_findings(
    report: EvaluationReport,
    profile: RuleProfile,
    proposals: dict[str, IndicatorProposal],
    judgment: JudgmentProposal,
) -> list[Issue]:
    out: list[Issue] = []
    letters = profile.legend.letters
    for pointer, indicator in indicators(report):
        grade = indicator.recorded_grade
        proposal = proposals[indicator.id]
        if grade is None:
            out.append(
                finding(
                    "H306",
                    pointer,
                    f"測定指標{indicator.id}に達成状況の記載がありません。",
                    f"Indicator {indicator.id} has no recorded grade.",
                    at=indicator,
                )
            )
        elif grade.letter not in letters:
            out.append(
                finding(
                    "H303",
                    f"{pointer}/recorded_grade",
                    f"測定指標{indicator.id}の達成状況「{grade.letter}」は凡例"
                    f"({'・'.join(letters)})にない記号です。",
                    f"Indicator {indicator.id}'s grade {grade.letter!r} is not in the legend "
                    f"({', '.join(letters)}).",
                    at=grade,
                    input=grade.letter,
                    context={"legend": letters},
                )
            )
        elif proposal.proposed is not None and proposal.proposed != grade.letter:
            rates = "、".join(
                f"{format_fiscal_year(t.fiscal_year)} {VERDICT_JA[t.verdict]}" for t in proposal.trace
            )
            out.append(
                finding(
                    "H301",
                    f"{pointer}/recorded_grade",
                    f"測定指標{indicator.id}の達成状況は「{grade.letter}」と記録されていますが、数値からの提案は"
                    f"「{proposal.proposed}」です({rates})。",
                    f"Indicator {indicator.id} is recorded {grade.letter!r}; the numbers propose "
                    f"{proposal.proposed!r} ({proposal.rule}).",
                    at=grade,
                    input=grade.letter,
                    context={"recorded": grade.letter, "proposed": proposal.proposed, "rule": proposal.rule},
                )
            )
        if indicator.kind is IndicatorKind.QUANTITATIVE:
            by_year = {y.fiscal_year: y for y in indicator.years}
            for year in report.window:
                record = by_year.get(year)
                if record is None or not any(sv.value.is_value for sv in record.actuals):
                    out.append(
                        finding(
                            "H305",
                            pointer,
                            f"定量指標{indicator.id}に{format_fiscal_year(year)}の実績値がありません。",
                            f"Quantitative indicator {indicator.id} has no actual for FY{year}.",
                            at=record or indicator,
                            context={"fiscal_year": year},
                        )
                    )
    for s, entry in enumerate(report.results_summary):
        if entry.recorded_grade is not None and entry.recorded_grade not in letters:
            out.append(
                finding(
                    "H303",
                    f"/results_summary/{s}/recorded_grade",
                    f"総括表の測定指標{entry.indicator_id}の達成状況「{entry.recorded_grade}」は"
                    "凡例にない記号です。",
                    f"The summary's grade {entry.recorded_grade!r} for {entry.indicator_id} "
                    "is not in the legend.",
                    at=entry,
                    input=entry.recorded_grade,
                    context={"legend": letters},
                )
            )
    out += _judgment_findings(report, profile, judgment)
    return out


def _judgment_findings(
    report: EvaluationReport, profile: RuleProfile, judgment: JudgmentProposal
) -> list[Issue]:
    out: list[Issue] = []
    recorded = report.judgment
    tier_letters = [t.letter for t in profile.tiers]
    tier = profile.tier_by_label(recorded.label) if recorded.label else None
    if recorded.letter is not None and recorded.letter not in tier_letters:
        out.append(
            finding(
                "H303",
                "/judgment/letter",
                f"目標達成度の測定結果の記号「{recorded.letter}」は区分"
                f"({'・'.join(tier_letters)})にありません。",
                f"The judgment letter {recorded.letter!r} is not one of the tiers "
                f"({', '.join(tier_letters)}).",
                at=recorded,
                input=recorded.letter,
            )
        )
    elif tier is not None and recorded.letter is not None and tier.letter != recorded.letter:
        out.append(
            finding(
                "H304",
                "/judgment",
                f"区分「{recorded.label}」の記号は「{tier.letter}」ですが、"
                f"「{recorded.letter}」と記載されています。",
                f"The tier {recorded.label!r} has the letter {tier.letter!r}, "
                f"but {recorded.letter!r} is written.",
                at=recorded,
                input=f"{recorded.label} ({recorded.letter})",
                context={"label": recorded.label, "letter": recorded.letter, "expected_letter": tier.letter},
            )
        )
    proposed = judgment.proposed
    if proposed is not None and recorded.label is not None and proposed.label != recorded.label:
        out.append(
            finding(
                "H302",
                "/judgment",
                f"目標達成度の測定結果は「{recorded.label}」と記録されていますが、指標の達成状況からの提案は"
                f"「{proposed.label}」です({judgment.rule})。",
                f"The judgment is recorded as {recorded.label!r}; the indicators' grades propose "
                f"{proposed.label!r} ({judgment.rule}).",
                at=recorded,
                input=recorded.label,
                context={"recorded": recorded.label, "proposed": proposed.label, "rule": judgment.rule},
            )
        )
    return out


def check_grades(report: EvaluationReport, profile: RuleProfile) -> list[Issue]:
    proposals, judgment = propose_all(report, profile)
    return grade_findings(report, profile, proposals, judgment)
