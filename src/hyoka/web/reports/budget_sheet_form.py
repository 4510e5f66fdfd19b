"""The 政策評価調書 section: the sheet's heading (政策名, 番号, 評価方式, 政策目標の達成度合い, unit and
years) and every row it holds — each item's 会計 / 組織・勘定 / 項 / 事項 and its amounts (当初予算額,
概算要求額 and their 「の内数」), each 小計 and 合計 — as the 調書 prints them (docs/model.md)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hyoka.core import BudgetSheet, BudgetSheetAmounts, Cell, EvaluationReport, parse_cell
from hyoka.web.reports.forms import CellField, SectionForm, cell_text

__all__ = ["BudgetSheetForm"]

AMOUNTS: tuple[tuple[str, Any], ...] = (
    ("current_initial", _("当初予算額")),
    ("next_request", _("概算要求額")),
    ("current_initial_inclusive", _("当初予算額（内数）")),
    ("next_request_inclusive", _("概算要求額（内数）")),
)
HEADING: tuple[tuple[str, Any], ...] = (
    ("policy_name", _("政策名")),
    ("number", _("番号")),
    ("evaluation_method", _("評価方式")),
    ("achievement", _("政策目標の達成度合い")),
    ("unit", _("単位")),
)
YEARS: tuple[tuple[str, Any], ...] = (
    ("current_year", _("当初予算額の年度（西暦）")),
    ("next_year", _("概算要求額の年度（西暦）")),
)
ITEM_TEXTS: tuple[tuple[str, Any], ...] = (
    ("account", _("会計")),
    ("organization", _("組織／勘定")),
    ("item", _("項")),
    ("sub_item", _("事項")),
    ("other_sheet_ref", _("他に記載のある個別票の番号")),
)


def _year(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=1868, max_value=2200, required=False)


class BudgetSheetForm(SectionForm):
    section = "budget_sheet"

    def build(self) -> None:
        sheet = self.model.budget_sheet
        names = self.fieldset(str(_("政策評価調書")))
        for key, label in HEADING:
            value = getattr(sheet, key) if sheet else ("千円" if key == "unit" else "")
            self.add(
                names, f"bs_{key}", forms.CharField(label=label, max_length=300, required=False), value or ""
            )
        for key, label in (
            ("current_year", _("当初予算額の年度（西暦）")),
            ("next_year", _("概算要求額の年度（西暦）")),
        ):
            value = getattr(sheet, key) if sheet else None
            self.add(names, f"bs_{key}", _year(label), str(value or ""))
        if sheet is None:
            return
        for s, section in enumerate(sheet.sections):
            for i, row in enumerate(section.items):
                title = f"{section.label} {row.sub_item or row.item}"
                names = self.fieldset(title)
                for key, label in ITEM_TEXTS:
                    self.add(
                        names,
                        f"bs_{s}_{i}_{key}",
                        forms.CharField(label=f"{title} {label}", max_length=300, required=False),
                        getattr(row, key) or "",
                    )
                self._amounts(names, f"bs_{s}_{i}", title, row)
            for t, line in enumerate(section.subtotals):
                title = f"{section.label} {_('小計')} {line.account_type.value}"
                self._amounts(self.fieldset(title), f"bs_{s}_sub_{t}", title, line)
        for t, line in enumerate(sheet.totals):
            title = f"{_('合計')} {line.account_type.value}"
            self._amounts(self.fieldset(title), f"bs_total_{t}", title, line)

    def _amounts(self, names: list[str], prefix: str, title: str, row: BudgetSheetAmounts) -> None:
        for key, label in AMOUNTS:
            self.add(
                names, f"{prefix}_{key}", CellField(label=f"{title} {label}"), cell_text(getattr(row, key))
            )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean()
        if self.model.budget_sheet is not None:
            for name in ("bs_policy_name", "bs_unit"):
                if self.submitted(name) and not self.text(name).strip():
                    self.add_error(name, _("この欄は空にできません。"))
        return data

    def _set_amounts(self, prefix: str, row: BudgetSheetAmounts, unit: str) -> None:
        for key, _label in AMOUNTS:
            name = f"{prefix}_{key}"
            if self.changed(name):
                old: Cell = getattr(row, key)
                setattr(row, key, parse_cell(self.text(name), unit=old.unit or unit))

    def update(self, model: EvaluationReport) -> None:
        heading = {key: self.text(f"bs_{key}").strip() for key, _label in HEADING}
        years = {key: self.text(f"bs_{key}").strip() for key in ("current_year", "next_year")}
        touched = any(self.changed(f"bs_{key}") for key in [*heading, *years])
        if model.budget_sheet is None:
            if not (touched and heading["policy_name"]):
                return
            model.budget_sheet = BudgetSheet(policy_name=heading["policy_name"])
        sheet = model.budget_sheet
        for key, text in heading.items():
            if self.changed(f"bs_{key}"):
                required = key in ("policy_name", "unit")
                setattr(sheet, key, text if required else text or None)
        for key, text in years.items():
            if self.changed(f"bs_{key}"):
                setattr(sheet, key, int(text) if text else None)
        for s, section in enumerate(sheet.sections):
            for i, row in enumerate(section.items):
                for key, _label in ITEM_TEXTS:
                    name = f"bs_{s}_{i}_{key}"
                    if self.changed(name):
                        text = self.text(name).strip()
                        setattr(row, key, text if key != "other_sheet_ref" else text or None)
                self._set_amounts(f"bs_{s}_{i}", row, sheet.unit)
            for t, line in enumerate(section.subtotals):
                self._set_amounts(f"bs_{s}_sub_{t}", line, sheet.unit)
        for t, line in enumerate(sheet.totals):
            self._set_amounts(f"bs_total_{t}", line, sheet.unit)
