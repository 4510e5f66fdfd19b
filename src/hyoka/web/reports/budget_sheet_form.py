"""The 政策評価調書 section: the sheet's heading (政策名, 番号, 評価方式, 政策目標の達成度合い, unit and
years) and every row it holds — its 区分 (sections), each item's 会計 / 組織・勘定 / 項 / 事項 and its
amounts (当初予算額, 概算要求額 and their 「の内数」), each 小計 and 合計 — as the 調書 prints them
(docs/model.md).

Rows are added and removed as in the other sections: each list ends with one blank row (typing in it
adds a row), and emptying a row's key removes it from the new revision (the history keeps it). The
key of an item is its 事項; of a 区分 its kind; of a 小計 or 合計 line its 会計区分. A new 区分 comes
with an empty 小計 line per account type, as the 調書 prints them. Where the rules find a 小計 or
合計 that does not add up (H204, H205), the sum they expect is shown beside its amount."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hyoka.core import (
    AccountType,
    BudgetSheet,
    BudgetSheetAmounts,
    BudgetSheetItem,
    BudgetSheetLine,
    BudgetSheetSection,
    Cell,
    EvaluationReport,
    SectionKind,
    parse_cell,
)
from hyoka.services import check_report_result
from hyoka.web.reports.display import lang, number_text
from hyoka.web.reports.forms import Beside, CellField, SectionForm, cell_text, year_field

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
KIND_LABELS: dict[str, Any] = {
    SectionKind.EVALUATED.value: _("政策評価の対象となっているもの"),
    SectionKind.NOT_EVALUATED.value: _("政策評価の対象となっていないが、ある政策に属すると整理できるもの"),
}
STANDARD_LABELS: dict[str, str] = {
    SectionKind.EVALUATED.value: "政策評価の対象となっているもの",
    SectionKind.NOT_EVALUATED.value: "政策評価の対象となっていないが、ある政策に属すると整理できるもの",
}
"""The label the 調書 prints for each kind of 区分 (the document's words, never translated)."""
ACCOUNT_LABELS: dict[str, Any] = {
    AccountType.GENERAL.value: _("一般会計"),
    AccountType.SPECIAL.value: _("特別会計"),
}


def _text(label: str, **kwargs: Any) -> forms.CharField:
    return forms.CharField(label=label, max_length=300, required=False, **kwargs)


def _kind_field(label: str, new: bool) -> forms.ChoiceField:
    empty = _("（追加しない）") if new else _("（この区分を削除）")
    help_text = (
        _("種類を選ぶと区分を追加します（一般会計・特別会計の小計の行が付きます）。")
        if new
        else _("「（この区分を削除）」を選ぶと、区分をその事項・小計とともに削除します。")
    )
    return forms.ChoiceField(
        label=label,
        choices=[("", empty), *KIND_LABELS.items()],
        required=False,
        help_text=help_text,
    )


def _account_type_field(label: str, new: bool) -> forms.ChoiceField:
    empty = _("（追加しない）") if new else _("（この行を削除）")
    return forms.ChoiceField(
        label=label,
        choices=[("", empty), *ACCOUNT_LABELS.items()],
        required=False,
        help_text="" if new else _("「（この行を削除）」を選ぶとこの行を削除します。"),
    )


class BudgetSheetForm(SectionForm):
    section = "budget_sheet"

    # building ---------------------------------------------------------------------------------

    def _sheet(self) -> BudgetSheet:
        """The sheet the rows are built from (an empty one when the report has none yet)."""
        return self.model.budget_sheet or BudgetSheet(policy_name="")

    def build(self) -> None:
        sheet = self.model.budget_sheet
        names = self.fieldset(str(_("政策評価調書")))
        for key, label in HEADING:
            value = getattr(sheet, key) if sheet else ("千円" if key == "unit" else "")
            self.add(names, f"bs_{key}", _text(label), value or "")
        for key, label in YEARS:
            value = getattr(sheet, key) if sheet else None
            self.add(names, f"bs_{key}", year_field(label), str(value or ""))
        sections = self._sheet().sections
        for s in range(len(sections) + 1):
            self._section(s, sections[s] if s < len(sections) else None)
        totals = self._sheet().totals
        for t in range(len(totals) + 1):
            line = totals[t] if t < len(totals) else None
            title = str(
                _("合計（%(type)s）") % {"type": ACCOUNT_LABELS[line.account_type.value]}
                if line
                else _("追加する合計")
            )
            self._line(self.fieldset(title), f"bs_total_{t}", title, line)

    def _section(self, s: int, section: BudgetSheetSection | None) -> None:
        head = str(_("区分%(n)s") % {"n": s + 1})
        if section is None:
            names = self.fieldset(str(_("区分を追加")))
            head = str(_("追加する区分"))
        else:
            names = self.fieldset(f"{head} {section.label}")
        self.add(
            names,
            f"bs_{s}_kind",
            _kind_field(f"{head} {_('区分の種類')}", section is None),
            section.kind.value if section else "",
        )
        self.add(
            names,
            f"bs_{s}_label",
            _text(f"{head} {_('区分の名称')}", help_text=_("空にすると種類の名称になります。")),
            section.label if section else "",
        )
        if section is None:
            return
        for i in range(len(section.items) + 1):
            row = section.items[i] if i < len(section.items) else None
            title = str(_("区分%(s)s 第%(i)s行") % {"s": s + 1, "i": i + 1})
            legend = (
                f"{title} {row.organization} {row.sub_item or row.item}".strip()
                if row
                else str(_("区分%(s)sに事項を追加") % {"s": s + 1})
            )
            names = self.fieldset(legend)
            for key, label in ITEM_TEXTS:
                help_text = _("事項を空にするとこの行を削除します。") if row and key == "sub_item" else ""
                self.add(
                    names,
                    f"bs_{s}_{i}_{key}",
                    _text(f"{title} {label}", help_text=help_text),
                    (getattr(row, key) or "") if row else "",
                )
            self._amounts(names, f"bs_{s}_{i}", title, row)
        for t in range(len(section.subtotals) + 1):
            line = section.subtotals[t] if t < len(section.subtotals) else None
            title = str(
                _("区分%(s)s 小計（%(type)s）")
                % {"s": s + 1, "type": ACCOUNT_LABELS[line.account_type.value]}
                if line
                else _("区分%(s)s 追加する小計") % {"s": s + 1}
            )
            self._line(self.fieldset(title), f"bs_{s}_sub_{t}", title, line)

    def _line(self, names: list[str], prefix: str, title: str, line: BudgetSheetLine | None) -> None:
        self.add(
            names,
            f"{prefix}_account_type",
            _account_type_field(f"{title} {_('会計区分')}", line is None),
            line.account_type.value if line else "",
        )
        self._amounts(names, prefix, title, line)

    def _amounts(self, names: list[str], prefix: str, title: str, row: BudgetSheetAmounts | None) -> None:
        for key, label in AMOUNTS:
            self.add(
                names,
                f"{prefix}_{key}",
                CellField(label=f"{title} {label}"),
                cell_text(getattr(row, key)) if row else "",
            )

    def propose(self) -> None:
        """Beside each 小計 or 合計 amount the rules find wrong (H204, H205): the sum they expect,
        with the finding as its reason."""
        if self.model.budget_sheet is None:
            return
        unit = self.model.budget_sheet.unit
        space = " " if lang() == "en" else ""  # 274,346千円, 274,346 千円 as the findings write them
        for issue in check_report_result(self.model).findings:
            if issue.code not in ("H204", "H205"):
                continue
            parts = issue.location.strip("/").split("/")  # budget_sheet/sections/S/subtotals/L | …/totals/L
            prefix = f"bs_{parts[2]}_sub_{parts[4]}" if issue.code == "H204" else f"bs_total_{parts[2]}"
            expected = issue.context["items_sum" if issue.code == "H204" else "subtotals_sum"]
            self.besides[f"{prefix}_{issue.context['column']}"] = Beside(
                f"{number_text(Decimal(str(expected)))}{space}{unit}", issue.text(lang()), True
            )

    # checking ---------------------------------------------------------------------------------

    def _typed(self, prefix: str, keys: list[str]) -> bool:
        return any(self.text(f"{prefix}_{key}").strip() for key in keys)

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean()
        sheet = self._sheet()
        if self.model.budget_sheet is not None:
            for name in ("bs_policy_name", "bs_unit"):
                if self.submitted(name) and not self.text(name).strip():
                    self.add_error(name, _("この欄は空にできません。"))
        amounts = [key for key, _label in AMOUNTS]
        texts = [key for key, _label in ITEM_TEXTS]
        added = len(sheet.sections)
        if (
            self._typed(f"bs_{added}", ["label"])
            and not self.text(f"bs_{added}_kind")
            and f"bs_{added}_kind" not in self.errors
        ):
            self.add_error(f"bs_{added}_kind", _("区分の種類を選んでください。"))
        for s, section in enumerate(sheet.sections):
            new = len(section.items)
            if (
                self._typed(f"bs_{s}_{new}", texts + amounts)
                and not self.text(f"bs_{s}_{new}_sub_item").strip()
            ):
                self.add_error(f"bs_{s}_{new}_sub_item", _("事項を入力してください。"))
            self._check_lines(
                f"bs_{s}_sub", len(section.subtotals), _("この区分の小計に%(type)sは既にあります。")
            )
        self._check_lines("bs_total", len(sheet.totals), _("合計に%(type)sは既にあります。"))
        if self.model.budget_sheet is None and not self.text("bs_policy_name").strip():
            rows = self.text(f"bs_{added}_kind") or self.text("bs_total_0_account_type")
            if rows:
                self.add_error("bs_policy_name", _("調書を作るには政策名を入力してください。"))
        return data

    def _check_lines(self, prefix: str, count: int, duplicate: Any) -> None:
        """A new line needs its 会計区分; an account type has one line in a list."""
        seen: set[str] = set()
        for t in range(count + 1):
            name = f"{prefix}_{t}_account_type"
            if name in self.errors:  # not one of the choices: said already
                continue
            kind = self.text(name)
            if not kind:
                if t == count and self._typed(f"{prefix}_{t}", [key for key, _label in AMOUNTS]):
                    self.add_error(name, _("会計区分を選んでください。"))
                continue
            if kind in seen:
                self.add_error(name, duplicate % {"type": ACCOUNT_LABELS[kind]})
            seen.add(kind)

    # writing ----------------------------------------------------------------------------------

    def update(self, model: EvaluationReport) -> None:
        heading = {key: self.text(f"bs_{key}").strip() for key, _label in HEADING}
        years = {key: self.text(f"bs_{key}").strip() for key, _label in YEARS}
        if model.budget_sheet is None:
            if not heading["policy_name"]:
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
        sections: list[BudgetSheetSection] = []
        for s in range(len(sheet.sections) + 1):
            kept = self._updated_section(
                s, sheet.sections[s] if s < len(sheet.sections) else None, sheet.unit
            )
            if kept is not None:
                sections.append(kept)
        sheet.sections = sections
        sheet.totals = self._updated_lines("bs_total", sheet.totals, sheet.unit)

    def _updated_section(
        self, s: int, section: BudgetSheetSection | None, unit: str
    ) -> BudgetSheetSection | None:
        """Section ``s`` as typed; None when it is removed (or the blank one left blank)."""
        kind = self.text(f"bs_{s}_kind")
        if not kind:
            return None
        label = self.text(f"bs_{s}_label").strip() or STANDARD_LABELS[kind]
        if section is None:
            lines = [
                BudgetSheetLine(
                    account_type=account, **{key: parse_cell("", unit=unit) for key, _label in AMOUNTS}
                )
                for account in AccountType
            ]
            return BudgetSheetSection(kind=SectionKind(kind), label=label, subtotals=lines)
        if self.changed(f"bs_{s}_kind"):
            section.kind = SectionKind(kind)
        if self.changed(f"bs_{s}_label") or self.changed(f"bs_{s}_kind"):
            section.label = label
        items: list[BudgetSheetItem] = []
        for i in range(len(section.items) + 1):
            item = self._updated_item(
                f"bs_{s}_{i}", section.items[i] if i < len(section.items) else None, unit
            )
            if item is not None:
                items.append(item)
        section.items = items
        section.subtotals = self._updated_lines(f"bs_{s}_sub", section.subtotals, unit)
        return section

    def _updated_item(self, prefix: str, row: BudgetSheetItem | None, unit: str) -> BudgetSheetItem | None:
        """The item as typed; None when its 事項 was emptied (removed) or the blank row left blank."""
        if not self.text(f"{prefix}_sub_item").strip():
            return None
        texts = {key: self.text(f"{prefix}_{key}").strip() for key, _label in ITEM_TEXTS}
        if row is None:
            cells = {key: parse_cell(self.text(f"{prefix}_{key}"), unit=unit) for key, _label in AMOUNTS}
            return BudgetSheetItem(**(texts | {"other_sheet_ref": texts["other_sheet_ref"] or None}), **cells)
        for key, text in texts.items():
            if self.changed(f"{prefix}_{key}"):
                setattr(row, key, text if key != "other_sheet_ref" else text or None)
        self._set_amounts(prefix, row, unit)
        return row

    def _updated_lines(self, prefix: str, lines: list[BudgetSheetLine], unit: str) -> list[BudgetSheetLine]:
        """The 小計 or 合計 lines as typed: a line whose 会計区分 was emptied is removed, the blank
        line is added when a 会計区分 was chosen for it."""
        kept: list[BudgetSheetLine] = []
        for t in range(len(lines) + 1):
            name = f"{prefix}_{t}"
            account = self.text(f"{name}_account_type")
            if not account:
                continue
            if t == len(lines):
                cells = {key: parse_cell(self.text(f"{name}_{key}"), unit=unit) for key, _label in AMOUNTS}
                kept.append(BudgetSheetLine(account_type=AccountType(account), **cells))
                continue
            line = lines[t]
            if self.changed(f"{name}_account_type"):
                line.account_type = AccountType(account)
            self._set_amounts(name, line, unit)
            kept.append(line)
        return kept

    def _set_amounts(self, prefix: str, row: BudgetSheetAmounts, unit: str) -> None:
        for key, _label in AMOUNTS:
            name = f"{prefix}_{key}"
            if self.changed(name):
                old: Cell = getattr(row, key)
                setattr(row, key, parse_cell(self.text(name), unit=old.unit or unit))
