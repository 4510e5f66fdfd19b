"""The rules' proposals in the reader's words, for the editor to see beside what they record: a
grade beside each indicator's 達成状況, a tier beside the judgment, each with its reason — the
rules' own words for how they decided (``reason``, in the page's language), with the verdict of
each year of the window for a grade and the grades the judgment rests on. See docs/rules.md for the
rules themselves."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hyoka.rules import IndicatorProposal, JudgmentProposal
from hyoka.web.reports.display import judgment_label, lang, year_label

__all__ = ["VERDICT_LABELS", "grade_reason", "judgment_reason", "proposed_tier"]

VERDICT_LABELS = {
    "exceeded": gettext_lazy("目標超過"),
    "achieved": gettext_lazy("目標達成"),
    "near": gettext_lazy("目標に近い"),
    "progressing": gettext_lazy("基準より改善"),
    "below_near": gettext_lazy("目標から遠い"),
    "regressing": gettext_lazy("後退"),
    "no_data": gettext_lazy("データなし"),
}
"""A year's verdict (``hyoka.rules.Verdict``) in words."""


def _separator() -> str:
    return ", " if lang() == "en" else "、"


def _words(proposal: IndicatorProposal | JudgmentProposal) -> str:
    return proposal.reason.text(lang()) if proposal.reason is not None else proposal.rule


def grade_reason(proposal: IndicatorProposal | None) -> str:
    """Why the rules propose this grade: 「全年度で目標を達成（判定方法: 全年度）: 平成29年度 (2017年度)
    目標超過、…」; for a qualitative indicator, that there is no proposal."""
    if proposal is None:
        return _("定性的な指標のため、規則による提案はありません。")
    years = _separator().join(
        f"{year_label(t.fiscal_year)} {VERDICT_LABELS[t.verdict.value]}" for t in proposal.trace
    )
    if not years:
        return _words(proposal)
    return _("%(how)s: %(years)s") % {"how": _words(proposal), "years": years}


def proposed_tier(proposal: JudgmentProposal) -> str:
    """The proposed judgment as a person reads it: 「相当程度進展あり（B）」, or 「—」 for none."""
    if proposal.proposed is None:
        return "—"
    return f"{judgment_label(proposal.proposed.label)}（{proposal.proposed.letter}）"


def judgment_reason(proposal: JudgmentProposal) -> str:
    """Why the rules propose this judgment, with the grades of the indicators it rests on
    (「1-1* b」: main, recorded; 「（提案）」 where the rules' proposal stood in for a missing grade)."""
    grades = _separator().join(_grade_entry(entry) for entry in proposal.indicators if entry.get("grade"))
    why = _words(proposal)
    if not grades:
        return why
    return _("%(why)s。各指標の達成状況: %(grades)s") % {"why": why, "grades": grades}


def _grade_entry(entry: dict[str, Any]) -> str:
    main = "*" if entry.get("main") else ""
    source = "" if entry.get("from") == "recorded" else _("（提案）")
    return f"{entry['id']}{main} {entry['grade']}{source}"
