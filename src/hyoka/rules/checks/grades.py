"""H3: recorded grades against the rules' proposals, letters against the legend, labels against letters."""

from __future__ import annotations

from hyoka.core import DocumentKind, EvaluationReport, IndicatorKind, Issue, Severity
from hyoka.core.i18n import gettext_noop
from hyoka.rules.findings import finding
from hyoka.rules.grading import IndicatorProposal, Verdict, propose_indicator_grade, verdict_words
from hyoka.rules.judgment import JudgmentProposal, propose_judgment
from hyoka.rules.paths import indicators
from hyoka.rules.profile import RuleProfile
from hyoka.rules.reasons import FiscalYear, Reason, year_values
from hyoka.rules.registry import declare

__all__ = ["CODES", "check_grades", "grade_findings", "propose_all"]

CODES = declare(
    "H3",
    ("H301", Severity.WARNING, gettext_noop("記録された達成状況が規則による提案と異なる")),
    ("H302", Severity.WARNING, gettext_noop("目標達成度の測定結果が規則による提案と異なる")),
    ("H303", Severity.ERROR, gettext_noop("凡例にない記号")),
    ("H304", Severity.ERROR, gettext_noop("区分名と記号が一致しない")),
    ("H305", Severity.WARNING, gettext_noop("定量指標に実績値がない")),
    ("H306", Severity.WARNING, gettext_noop("達成状況の記載がない")),
)
"""The codes this family emits (``hyoka.rules.codes.CODES`` gathers every family's)."""


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
            # a 事前分析表 (or a 調書) is written before any grade is recorded
            if report.kind is DocumentKind.EVALUATION:
                out.append(
                    finding(
                        "H306",
                        pointer,
                        gettext_noop("測定指標{indicator}に達成状況の記載がありません。"),
                        indicator=indicator.id,
                        at=indicator,
                    )
                )
        elif grade.letter not in letters:
            out.append(
                finding(
                    "H303",
                    f"{pointer}/recorded_grade",
                    gettext_noop("測定指標{indicator}の達成状況「{letter}」は凡例({legend})にない記号です。"),
                    indicator=indicator.id,
                    letter=grade.letter,
                    legend="・".join(letters),
                    legend_en=", ".join(letters),
                    at=grade,
                    input=grade.letter,
                    context={"legend": letters},
                )
            )
        elif proposal.proposed is not None and proposal.proposed != grade.letter:
            rates, rates_en = _why(proposal)
            out.append(
                finding(
                    "H301",
                    f"{pointer}/recorded_grade",
                    gettext_noop(
                        "測定指標{indicator}の達成状況は「{letter}」と記録されていますが、数値からの提案は"
                        "「{proposed}」です({rates})。"
                    ),
                    indicator=indicator.id,
                    letter=grade.letter,
                    proposed=proposal.proposed,
                    rates=rates,
                    rates_en=rates_en,
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
                            gettext_noop("定量指標{indicator}に{era}の実績値がありません。"),
                            indicator=indicator.id,
                            **year_values("era", year),
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
                    gettext_noop("総括表の測定指標{indicator}の達成状況「{letter}」は凡例にない記号です。"),
                    indicator=entry.indicator_id,
                    letter=entry.recorded_grade,
                    at=entry,
                    input=entry.recorded_grade,
                    context={"legend": letters},
                )
            )
    out += _judgment_findings(report, profile, judgment)
    return out


def _lower(text: str) -> str:
    """A label inside a sentence: "Target exceeded" → "target exceeded"."""
    return text[:1].lower() + text[1:]


def _said(reason: Reason | None) -> tuple[str, str]:
    """A proposal's reason in Japanese and, inside a sentence, English (the rules set one on every
    proposal they make)."""
    assert reason is not None, "every proposal of the rules has its reason"
    return reason.text("ja"), _lower(reason.text("en"))


def _why(proposal: IndicatorProposal) -> tuple[str, str]:
    """Why the numbers propose what they do, in Japanese and English: each year's verdict, the year
    written the one way (「平成29年度 (2017年度) 目標超過、…」, "FY2017 (Heisei 29) target exceeded,
    …"), or, when no year has data to judge, the proposal's reason
    (「目標値と実績値のそろった年度がありません」)."""
    if all(t.verdict is Verdict.NO_DATA for t in proposal.trace):
        return _said(proposal.reason)
    said = [(FiscalYear(t.fiscal_year), verdict_words(t.verdict)) for t in proposal.trace]
    ja = "、".join(f"{year.text('ja')} {verdict.text('ja')}" for year, verdict in said)
    en = ", ".join(f"{year.text('en')} {_lower(verdict.text('en'))}" for year, verdict in said)
    return ja, en


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
                gettext_noop("目標達成度の測定結果の記号「{letter}」は区分({tiers})にありません。"),
                letter=recorded.letter,
                tiers="・".join(tier_letters),
                tiers_en=", ".join(tier_letters),
                at=recorded,
                input=recorded.letter,
            )
        )
    elif tier is not None and recorded.letter is not None and tier.letter != recorded.letter:
        out.append(
            finding(
                "H304",
                "/judgment",
                gettext_noop("区分「{label}」の記号は「{expected}」ですが、「{letter}」と記載されています。"),
                label=recorded.label,
                expected=tier.letter,
                letter=recorded.letter,
                at=recorded,
                input=f"{recorded.label} ({recorded.letter})",
                context={"label": recorded.label, "letter": recorded.letter, "expected_letter": tier.letter},
            )
        )
    proposed = judgment.proposed
    if proposed is not None and recorded.label is not None and proposed.label != recorded.label:
        reason, reason_en = _said(judgment.reason)
        out.append(
            finding(
                "H302",
                "/judgment",
                gettext_noop(
                    "目標達成度の測定結果は「{recorded}」と記録されていますが、指標の達成状況からの提案は"
                    "「{proposed}」です({reason})。"
                ),
                recorded=recorded.label,
                proposed=proposed.label,
                reason=reason,
                reason_en=reason_en,
                at=recorded,
                input=recorded.label,
                context={"recorded": recorded.label, "proposed": proposed.label, "rule": judgment.rule},
            )
        )
    return out


def check_grades(report: EvaluationReport, profile: RuleProfile) -> list[Issue]:
    proposals, judgment = propose_all(report, profile)
    return grade_findings(report, profile, proposals, judgment)
