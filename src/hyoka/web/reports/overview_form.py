"""The 基本情報 section: what names the report (施策名, 施策番号, 評価年度, the years evaluated), who
made it and when, and the measure's own texts: 施策の概要 and 目標設定の考え方・根拠 (the 事前分析表's),
作成責任者名 and 政策評価実施予定時期, and the sheet's notes (注). The 事前分析表's fields are shown
for that kind of document, and for any report that holds them (docs/model.md)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hyoka.core import DocumentKind, EvaluationReport, Note
from hyoka.web.reports.folding import FIRST_YEAR, LAST_YEAR
from hyoka.web.reports.forms import (
    ParagraphsField,
    SectionForm,
    paragraphs_text,
    text_paragraphs,
    textarea,
    year_field,
)

__all__ = ["OverviewForm", "parse_years"]

_YEAR_MONTH = re.compile(r"^([0-9]{4})-(0[1-9]|1[0-2])$")


def parse_years(text: str) -> list[int]:
    """「2017, 2018 2019」 → [2017, 2018, 2019]; ValidationError naming the first that is not a year."""
    years: list[int] = []
    for part in re.split(r"[,、，\s]+", text.strip()):
        if not part:
            continue
        if not part.isdigit() or not FIRST_YEAR <= int(part) <= LAST_YEAR:
            raise ValidationError(
                _("「%(part)s」は西暦の年度として読めません（例: 2017, 2018, 2019）。"),
                code="not_a_year",
                params={"part": part},
            )
        years.append(int(part))
    return sorted(set(years))


class YearsField(forms.CharField):
    """Fiscal years as Western years separated by commas or spaces."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)

    def validate(self, value: Any) -> None:
        super().validate(value)
        parse_years(str(value or ""))


class OverviewForm(SectionForm):
    section = "overview"

    def _pre_analysis(self, *values: Any) -> bool:
        return self.model.kind is DocumentKind.PRE_ANALYSIS or any(bool(v) for v in values)

    def build(self) -> None:
        m = self.model
        names = self.fieldset(str(_("施策")))
        self.add(
            names, "ov_title", forms.CharField(label=_("施策名"), max_length=300, required=False), m.title
        )
        self.add(
            names,
            "ov_measure",
            forms.CharField(label=_("施策番号"), max_length=32, required=False),
            m.measure_number,
        )
        self.add(
            names,
            "ov_code",
            forms.CharField(label=_("整理番号"), max_length=100, required=False),
            m.report_code or "",
        )
        self.add(
            names,
            "ov_year",
            year_field(_("評価年度（西暦）")),
            str(m.evaluation_year),
        )
        self.add(
            names,
            "ov_window",
            YearsField(
                label=_("評価対象年度（西暦）"),
                help_text=_("カンマまたは空白で区切ります（例: 2017, 2018, 2019）。"),
            ),
            ", ".join(str(y) for y in m.window),
        )
        names = self.fieldset(str(_("作成")))
        self.add(
            names,
            "ov_bureau",
            forms.CharField(label=_("担当部局名"), max_length=100, required=False),
            m.bureau or "",
        )
        self.add(
            names,
            "ov_evaluated",
            forms.CharField(
                label=_("政策評価実施時期"), max_length=7, required=False, help_text=_("年-月（例: 2020-08）")
            ),
            m.evaluated_on or "",
        )
        if self._pre_analysis(m.responsible, m.planned_evaluation):
            self.add(
                names,
                "ov_responsible",
                forms.CharField(label=_("作成責任者名"), max_length=300, required=False),
                m.responsible or "",
            )
            self.add(
                names,
                "ov_planned",
                forms.CharField(label=_("政策評価実施予定時期"), max_length=300, required=False),
                m.planned_evaluation or "",
            )
        if self._pre_analysis(m.outline, m.target_rationale):
            names = self.fieldset(str(_("施策の概要・目標設定の考え方")))
            self.add(
                names,
                "ov_outline",
                ParagraphsField(label=_("施策の概要"), help_text=_("1段落を1行に書きます。")),
                paragraphs_text(m.outline),
            )
            self.add(
                names,
                "ov_rationale",
                ParagraphsField(label=_("目標設定の考え方・根拠"), help_text=_("1段落を1行に書きます。")),
                paragraphs_text(m.target_rationale),
            )
        self.note_count = len(m.notes) + 1
        names = self.fieldset(str(_("注")))
        for i in range(self.note_count):
            note = m.notes[i] if i < len(m.notes) else None
            self.add(
                names,
                f"note_{i}_mark",
                forms.CharField(label=_("注 %(n)s の記号") % {"n": i + 1}, max_length=20, required=False),
                note.mark if note else "",
            )
            self.add(
                names,
                f"note_{i}_text",
                forms.CharField(
                    label=_("注 %(n)s の本文") % {"n": i + 1},
                    max_length=10_000,
                    required=False,
                    widget=textarea(2),
                    help_text=_("本文を空にするとこの注を削除します。") if note else "",
                ),
                note.text if note else "",
            )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean()
        if self.submitted("ov_year") and not self.text("ov_year").strip() and "ov_year" not in self.errors:
            self.add_error("ov_year", _("評価年度を入力してください。"))
        evaluated = self.text("ov_evaluated").strip()
        if evaluated and not _YEAR_MONTH.match(evaluated):
            self.add_error("ov_evaluated", _("「年-月」の形で入力してください（例: 2020-08）。"))
        for i in range(self.note_count):
            if self.text(f"note_{i}_text").strip() and not self.text(f"note_{i}_mark").strip():
                self.add_error(f"note_{i}_mark", _("注の記号を入力してください（例: (注1)）。"))
        return data

    def update(self, model: EvaluationReport) -> None:
        if self.changed("ov_title"):
            model.title = self.text("ov_title").strip()
        if self.changed("ov_measure"):
            model.measure_number = self.text("ov_measure").strip()
        if self.changed("ov_code"):
            model.report_code = self.text("ov_code").strip() or None
        if self.changed("ov_year") and self.text("ov_year").strip():
            model.evaluation_year = int(self.text("ov_year"))
        if self.changed("ov_window"):
            model.window = parse_years(self.text("ov_window"))
        if self.changed("ov_bureau"):
            model.bureau = self.text("ov_bureau").strip() or None
        if self.changed("ov_evaluated"):
            model.evaluated_on = self.text("ov_evaluated").strip() or None
        if self.changed("ov_responsible"):
            model.responsible = self.text("ov_responsible").strip() or None
        if self.changed("ov_planned"):
            model.planned_evaluation = self.text("ov_planned").strip() or None
        if self.changed("ov_outline"):
            model.outline = text_paragraphs(self.text("ov_outline"), model.outline)
        if self.changed("ov_rationale"):
            model.target_rationale = text_paragraphs(self.text("ov_rationale"), model.target_rationale)
        notes: list[Note] = []
        for i in range(self.note_count):
            old = model.notes[i] if i < len(model.notes) else None
            if not (self.changed(f"note_{i}_mark") or self.changed(f"note_{i}_text")):
                if old is not None:
                    notes.append(old)
                continue
            text = self.text(f"note_{i}_text").strip()
            if text:
                mark = self.text(f"note_{i}_mark").strip()
                notes.append(
                    old.model_copy(update={"mark": mark, "text": text}) if old else Note(mark=mark, text=text)
                )
        model.notes = notes
