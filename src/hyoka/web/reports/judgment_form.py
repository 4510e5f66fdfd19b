"""The 評価結果 section: the judgment (目標達成度合いの測定結果), whether the year is one of
monitoring only, its 判断根拠, and the ministry's own scale beside it (``other_judgments``), each with
the rules' proposal and its reason beside it (docs/model.md, "Judgments")."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hyoka.core import EvaluationReport, Judgment, JudgmentOrigin, Tier
from hyoka.services import check_report_result, resolve_profile
from hyoka.web.reports.display import judgment_label
from hyoka.web.reports.forms import Beside, SectionForm, textarea
from hyoka.web.reports.proposals import judgment_reason, proposed_tier

__all__ = ["JudgmentForm"]

MONITORING_CHOICES = (("0", _("判定する")), ("1", _("モニタリングのみ（判定しない）")))
ORIGIN_LABELS = {JudgmentOrigin.DOCUMENT: _("府省の記載"), JudgmentOrigin.DERIVED: _("hyoka が導いた値")}


class JudgmentForm(SectionForm):
    section = "judgment"

    def build(self) -> None:
        judgment = self.model.judgment
        result = check_report_result(self.model)
        proposal = result.judgment
        names = self.fieldset(str(_("目標達成度合いの測定結果")))
        current = judgment.label or (judgment.tier.value if judgment.tier else "")
        choices = [("", str(_("（判定なし）")))] + [(t.value, judgment_label(t.value)) for t in Tier]
        if current and current not in {t.value for t in Tier}:
            choices.append((current, current))
        self.add(
            names,
            "jd_tier",
            forms.ChoiceField(label=_("判定（各行政機関共通区分）"), choices=choices, required=False),
            current,
        )
        proposed = proposal.proposed.label if proposal.proposed is not None else ""
        self.besides["jd_tier"] = Beside(
            proposed_tier(proposal),
            judgment_reason(proposal),
            bool(current and proposed and current != proposed),
        )
        self.add(
            names,
            "jd_monitoring",
            forms.ChoiceField(label=_("モニタリング"), choices=MONITORING_CHOICES, required=False),
            "1" if judgment.monitoring_only else "0",
        )
        self.add(
            names,
            "jd_rationale",
            forms.CharField(label=_("判断根拠"), max_length=20_000, required=False, widget=textarea(6)),
            judgment.rationale or "",
        )
        own = {o.legend: o for o in proposal.own_scales}
        self.count = len(self.model.other_judgments) + 1
        for i in range(self.count):
            other = self.model.other_judgments[i] if i < len(self.model.other_judgments) else None
            legend = other.legend if other else ""
            title = (
                _("府省独自の区分: %(legend)s") % {"legend": legend} if other else _("府省独自の区分を追加")
            )
            names = self.fieldset(str(title))
            self.add(
                names,
                f"oj_{i}_legend",
                forms.CharField(
                    label=_("区分の名称 %(n)s") % {"n": i + 1},
                    max_length=300,
                    required=False,
                    help_text=_("例: 厚生労働省 総合判定。空にするとこの判定を削除します。"),
                ),
                legend,
            )
            self.add(
                names,
                f"oj_{i}_letter",
                forms.CharField(label=_("記号 %(n)s") % {"n": i + 1}, max_length=20, required=False),
                (other.letter or "") if other else "",
            )
            if other is not None and other.legend in own:
                scale = own[other.legend]
                letter = scale.proposed.letter if scale.proposed is not None else ""
                self.besides[f"oj_{i}_letter"] = Beside(
                    letter or "—",
                    str(_("規則による判定（%(tier)s）から区分の対応表で導いた記号"))
                    % {"tier": proposed_tier(proposal)},
                    bool(other.letter and letter and other.letter != letter),
                )
            self.add(
                names,
                f"oj_{i}_label",
                forms.CharField(label=_("表記 %(n)s") % {"n": i + 1}, max_length=300, required=False),
                (other.label or "") if other else "",
            )
            self.add(
                names,
                f"oj_{i}_rationale",
                forms.CharField(
                    label=_("判断根拠 %(n)s") % {"n": i + 1},
                    max_length=20_000,
                    required=False,
                    widget=textarea(3),
                    help_text=str(_("出所: %(origin)s")) % {"origin": ORIGIN_LABELS[other.origin]}
                    if other
                    else "",
                ),
                (other.rationale or "") if other else "",
            )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean()
        for i in range(len(self.model.other_judgments), self.count):  # a new row needs its name
            typed = any(self.text(f"oj_{i}_{part}").strip() for part in ("letter", "label", "rationale"))
            if typed and not self.text(f"oj_{i}_legend").strip():
                self.add_error(f"oj_{i}_legend", _("区分の名称を入力してください。"))
        return data

    def update(self, model: EvaluationReport) -> None:
        judgment = model.judgment
        if self.changed("jd_tier"):
            label = self.text("jd_tier").strip()
            tier = next((t for t in Tier if t.value == label), None)
            defined = resolve_profile().tier_by_label(label) if label else None
            judgment.tier = tier
            judgment.label = label or None
            judgment.letter = defined.letter if defined is not None else None
            judgment.origin = JudgmentOrigin.DOCUMENT
        if self.changed("jd_monitoring") and self.text("jd_monitoring"):
            judgment.monitoring_only = self.text("jd_monitoring") == "1"
        if self.changed("jd_rationale"):
            judgment.rationale = self.text("jd_rationale").strip() or None
        kept: list[Judgment] = []
        for i in range(self.count):
            old = model.other_judgments[i] if i < len(model.other_judgments) else None
            parts = ("legend", "letter", "label", "rationale")
            if not any(self.changed(f"oj_{i}_{part}") for part in parts):
                if old is not None:
                    kept.append(old)
                continue
            legend = self.text(f"oj_{i}_legend").strip()
            if not legend:
                continue
            values = {
                "legend": legend,
                "letter": self.text(f"oj_{i}_letter").strip() or None,
                "label": self.text(f"oj_{i}_label").strip() or None,
                "rationale": self.text(f"oj_{i}_rationale").strip() or None,
                "origin": JudgmentOrigin.DOCUMENT,
            }
            kept.append(old.model_copy(update=values) if old else Judgment(**values))
        model.other_judgments = kept
