"""The 達成手段 section: the table of the programmes through which the measure works, each with its
number and name, 予算額 and 執行額 by year, 関連する指標, 行政事業レビュー事業番号, 開始年度 and outline
(docs/model.md, "達成手段"). Shown for a 事前分析表 and for any report that has the table."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hyoka.core import AchievementMeans, Cell, EvaluationReport, MeansYear, parse_cell
from hyoka.web.reports.display import year_label
from hyoka.web.reports.forms import (
    CellField,
    ParagraphsField,
    SectionForm,
    cell_text,
    paragraphs_text,
    text_paragraphs,
    year_field,
)

__all__ = ["MeansForm"]

_SEPARATORS = re.compile(r"[,、，\s]+")


def _ids(text: str) -> list[str]:
    return [part for part in _SEPARATORS.split(text.strip()) if part]


class MeansForm(SectionForm):
    section = "means"

    def _years(self) -> list[int]:
        return sorted({y.fiscal_year for entry in self.model.means for y in entry.years})

    def build(self) -> None:
        names = self.fieldset(str(_("単位")))
        self.add(
            names,
            "means_unit",
            forms.CharField(label=_("達成手段の金額の単位"), max_length=20, required=False),
            self.model.means_unit,
        )
        years = self._years()
        self.count = len(self.model.means) + 1
        for i in range(self.count):
            entry = self.model.means[i] if i < len(self.model.means) else None
            n = i + 1
            legend = (
                _("達成手段 %(number)s %(name)s") % {"number": entry.number or n, "name": entry.name}
                if entry
                else _("達成手段を追加")
            )
            names = self.fieldset(str(legend))
            self.add(
                names,
                f"mn_{i}_number",
                forms.CharField(label=_("達成手段 %(n)s の番号") % {"n": n}, max_length=20, required=False),
                (entry.number or "") if entry else "",
            )
            self.add(
                names,
                f"mn_{i}_name",
                forms.CharField(
                    label=_("達成手段 %(n)s の名称") % {"n": n},
                    max_length=300,
                    required=False,
                    help_text=_("名称を空にするとこの達成手段を削除します。") if entry else "",
                ),
                entry.name if entry else "",
            )
            held = {y.fiscal_year: y for y in entry.years} if entry else {}
            for fy in years:
                year = held.get(fy)
                self.add(
                    names,
                    f"mn_{i}_{fy}_budget",
                    CellField(label=_("達成手段 %(n)s %(year)s 予算額") % {"n": n, "year": year_label(fy)}),
                    cell_text(year.budget if year else None),
                )
                self.add(
                    names,
                    f"mn_{i}_{fy}_executed",
                    CellField(label=_("達成手段 %(n)s %(year)s 執行額") % {"n": n, "year": year_label(fy)}),
                    cell_text(year.executed if year else None),
                )
            self.add(
                names,
                f"mn_{i}_indicators",
                forms.CharField(
                    label=_("達成手段 %(n)s の関連する指標") % {"n": n},
                    max_length=500,
                    required=False,
                    help_text=_("指標の番号をカンマで区切ります（例: 1-1, 1-2）。"),
                ),
                ", ".join(entry.indicators) if entry else "",
            )
            self.add(
                names,
                f"mn_{i}_review",
                forms.CharField(
                    label=_("達成手段 %(n)s の行政事業レビュー事業番号") % {"n": n},
                    max_length=100,
                    required=False,
                ),
                (entry.review_number or "") if entry else "",
            )
            self.add(
                names,
                f"mn_{i}_started",
                forms.CharField(
                    label=_("達成手段 %(n)s の開始年度") % {"n": n}, max_length=100, required=False
                ),
                (entry.started or "") if entry else "",
            )
            self.add(
                names,
                f"mn_{i}_outline",
                ParagraphsField(
                    label=_("達成手段 %(n)s の概要等") % {"n": n}, help_text=_("1段落を1行に書きます。")
                ),
                paragraphs_text(entry.outline) if entry else "",
            )
        names = self.fieldset(str(_("年度を追加")))
        self.add(
            names,
            "means_new_year",
            year_field(_("予算額・執行額の欄を追加する年度（西暦）")),
            "",
        )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean()
        if self.submitted("means_unit") and not self.text("means_unit").strip():
            self.add_error("means_unit", _("単位を入力してください。"))
        new_year = data.get("means_new_year")
        if new_year is not None and new_year in self._years():
            self.add_error("means_new_year", _("%(year)sは既にあります。") % {"year": year_label(new_year)})
        for i in range(self.count):
            typed = any(
                self.text(name).strip()
                for name in self.content_fields
                if name.startswith(f"mn_{i}_") and name != f"mn_{i}_name"
            )
            if i >= len(self.model.means) and typed and not self.text(f"mn_{i}_name").strip():
                self.add_error(f"mn_{i}_name", _("達成手段の名称を入力してください。"))
        return data

    def _entry(self, i: int, old: AchievementMeans | None, unit: str | None) -> AchievementMeans | None:
        """Entry ``i`` as typed (None when its name is empty: removed); ``unit``: the unit the
        table's cells carry, for a new cell."""
        name = self.text(f"mn_{i}_name").strip()
        if not name:
            return None
        years: dict[int, MeansYear] = {y.fiscal_year: y for y in old.years} if old else {}
        for fy in self._years():
            for column in ("budget", "executed"):
                field = f"mn_{i}_{fy}_{column}"
                if not self.changed(field):
                    continue
                year = years.get(fy) or MeansYear(fiscal_year=fy)
                before: Cell = getattr(year, column)
                years[fy] = year.model_copy(
                    update={column: parse_cell(self.text(field), unit=before.unit or unit)}
                )
        values: dict[str, Any] = {
            "number": self.text(f"mn_{i}_number").strip() or None,
            "name": name,
            "years": [years[fy] for fy in sorted(years)],
            "indicators": _ids(self.text(f"mn_{i}_indicators")),
            "review_number": self.text(f"mn_{i}_review").strip() or None,
            "started": self.text(f"mn_{i}_started").strip() or None,
        }
        if old is None:
            return AchievementMeans(**values, outline=text_paragraphs(self.text(f"mn_{i}_outline"), []))
        if self.changed(f"mn_{i}_outline"):
            values["outline"] = text_paragraphs(self.text(f"mn_{i}_outline"), old.outline)
        return old.model_copy(update=values)

    def update(self, model: EvaluationReport) -> None:
        model.means_unit = self.text("means_unit").strip() or model.means_unit
        units = [c.unit for e in model.means for y in e.years for c in (y.budget, y.executed) if c.unit]
        unit = units[0] if units else None
        entries: list[AchievementMeans] = []
        for i in range(self.count):
            old = model.means[i] if i < len(model.means) else None
            if old is not None and not any(
                self.changed(name) for name in self.content_fields if name.startswith(f"mn_{i}_")
            ):
                entries.append(old)
                continue
            entry = self._entry(i, old, unit)
            if entry is not None:
                entries.append(entry)
        new_year = self.cleaned_data.get("means_new_year")
        if new_year is not None:
            entries = [
                e.model_copy(
                    update={
                        "years": sorted(
                            [*e.years, MeansYear(fiscal_year=new_year)], key=lambda y: y.fiscal_year
                        )
                    }
                )
                for e in entries
            ]
        model.means = entries
