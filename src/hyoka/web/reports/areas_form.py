"""The 個別分野 section: each area's title and 施策の概要, its 関連する内閣の重要政策 (a speech or plan,
its date and the section cited), its 参考指標 (name, 出典, notes and the actual of each year and
series) and its 作成にあたって使用した資料その他の情報 (docs/model.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hyoka.core import (
    Area,
    CabinetPolicy,
    EvaluationReport,
    ReferenceIndicator,
    SeriesValue,
    SourceEntry,
    parse_cell,
)
from hyoka.web.reports.display import year_label
from hyoka.web.reports.forms import (
    CellField,
    ParagraphsField,
    SectionForm,
    cell_text,
    paragraphs_text,
    text_paragraphs,
)

__all__ = ["AreasForm"]


def _char(label: str, max_length: int = 300, **kwargs: Any) -> forms.CharField:
    return forms.CharField(label=label, max_length=max_length, required=False, **kwargs)


def _date(label: str) -> forms.DateField:
    return forms.DateField(
        label=label, required=False, input_formats=["%Y-%m-%d"], help_text=_("年-月-日（例: 2020-01-20）")
    )


def _ref_keys(ref: ReferenceIndicator) -> list[str | None]:
    keys: list[str | None] = [s.key for s in ref.series] or [None]
    for year in ref.years:
        for value in year.actuals:
            if value.series not in keys:
                keys.append(value.series)
    return keys


class AreasForm(SectionForm):
    section = "areas"

    def build(self) -> None:
        for a, area in enumerate(self.model.areas):
            head = _("個別分野%(n)s") % {"n": area.number}
            names = self.fieldset(f"{head} {area.title}")
            self.add(names, f"area_{a}_title", _char(f"{head} {_('個別分野名')}"), area.title)
            self.add(
                names,
                f"area_{a}_outline",
                ParagraphsField(label=f"{head} {_('施策の概要')}", help_text=_("1段落を1行に書きます。")),
                paragraphs_text(area.outline),
            )
            self._policies(a, area, str(head))
            self._references(a, area, str(head))
            self._sources(a, area, str(head))

    def _policies(self, a: int, area: Area, head: str) -> None:
        names = self.fieldset(f"{head} {_('関連する内閣の重要政策')}")
        for i in range(len(area.cabinet_policies) + 1):
            policy = area.cabinet_policies[i] if i < len(area.cabinet_policies) else None
            n = i + 1
            self.add(
                names,
                f"cp_{a}_{i}_name",
                _char(
                    _("%(head)s 重要政策 %(n)s の名称") % {"head": head, "n": n},
                    help_text=_("名称を空にするとこの行を削除します。") if policy else "",
                ),
                policy.name if policy else "",
            )
            self.add(
                names,
                f"cp_{a}_{i}_date",
                _date(_("%(head)s 重要政策 %(n)s の日付") % {"head": head, "n": n}),
                policy.date.isoformat() if policy and policy.date else "",
            )
            self.add(
                names,
                f"cp_{a}_{i}_section",
                _char(_("%(head)s 重要政策 %(n)s の該当箇所") % {"head": head, "n": n}),
                (policy.section or "") if policy else "",
            )

    def _sources(self, a: int, area: Area, head: str) -> None:
        names = self.fieldset(f"{head} {_('作成にあたって使用した資料その他の情報')}")
        for i in range(len(area.sources) + 1):
            entry = area.sources[i] if i < len(area.sources) else None
            n = i + 1
            label = {"head": head, "n": n}
            self.add(
                names,
                f"src_{a}_{i}_title",
                _char(
                    _("%(head)s 資料 %(n)s の名称") % label,
                    help_text=_("名称を空にするとこの行を削除します。") if entry else "",
                ),
                entry.title if entry else "",
            )
            self.add(
                names,
                f"src_{a}_{i}_publisher",
                _char(_("%(head)s 資料 %(n)s の発行者") % label),
                (entry.publisher or "") if entry else "",
            )
            self.add(
                names,
                f"src_{a}_{i}_url",
                _char(_("%(head)s 資料 %(n)s の URL") % label, max_length=2000),
                (entry.url or "") if entry else "",
            )
            self.add(
                names,
                f"src_{a}_{i}_date",
                _date(_("%(head)s 資料 %(n)s の日付") % label),
                entry.date.isoformat() if entry and entry.date else "",
            )

    def _references(self, a: int, area: Area, head: str) -> None:
        for r, ref in enumerate(area.reference_indicators):
            title = _("%(head)s 参考指標 %(n)s") % {"head": head, "n": r + 1}
            names = self.fieldset(f"{title} {ref.name}")
            self.add(names, f"ref_{a}_{r}_name", _char(f"{title} {_('名称')}"), ref.name)
            self.add(names, f"ref_{a}_{r}_source", _char(f"{title} {_('出典')}"), ref.data_source or "")
            self.add(
                names,
                f"ref_{a}_{r}_notes",
                ParagraphsField(label=f"{title} {_('注')}", help_text=_("注を1行に1つ書きます。")),
                "\n".join(ref.notes),
            )
            series = {s.key: s.name for s in ref.series}
            for year in ref.years:
                for k, key in enumerate(_ref_keys(ref)):
                    value = next((v for v in year.actuals if v.series == key), None)
                    suffix = f" {key}{series.get(key, '')}" if key else ""
                    self.add(
                        names,
                        f"ref_{a}_{r}_{year.fiscal_year}_{k}",
                        CellField(label=f"{title} {year_label(year.fiscal_year)} {_('実績値')}{suffix}"),
                        cell_text(value.value if value else None),
                    )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean()
        for a, area in enumerate(self.model.areas):
            name = f"area_{a}_title"
            if self.submitted(name) and not self.text(name).strip():
                self.add_error(name, _("個別分野名を入力してください。"))
            extra = len(area.cabinet_policies)
            if (
                self.text(f"cp_{a}_{extra}_date") or self.text(f"cp_{a}_{extra}_section").strip()
            ) and not self.text(f"cp_{a}_{extra}_name").strip():
                self.add_error(f"cp_{a}_{extra}_name", _("重要政策の名称を入力してください。"))
            extra = len(area.sources)
            typed = any(self.text(f"src_{a}_{extra}_{part}").strip() for part in ("publisher", "url", "date"))
            if typed and not self.text(f"src_{a}_{extra}_title").strip():
                self.add_error(f"src_{a}_{extra}_title", _("資料の名称を入力してください。"))
        return data

    def _date_of(self, name: str) -> dt.date | None:
        text = self.text(name).strip()
        return dt.date.fromisoformat(text) if text else None

    def update(self, model: EvaluationReport) -> None:
        for a, area in enumerate(model.areas):
            if self.changed(f"area_{a}_title") and self.text(f"area_{a}_title").strip():
                area.title = self.text(f"area_{a}_title").strip()
                for entry in model.results_summary:
                    if entry.area_number == area.number:
                        entry.area_title = area.title
            if self.changed(f"area_{a}_outline"):
                area.outline = text_paragraphs(self.text(f"area_{a}_outline"), area.outline)
            area.cabinet_policies = self._updated_policies(a, area)
            area.sources = self._updated_sources(a, area)
            for r, ref in enumerate(area.reference_indicators):
                self._update_reference(a, r, ref)

    def _updated_policies(self, a: int, area: Area) -> list[CabinetPolicy]:
        kept: list[CabinetPolicy] = []
        for i in range(len(area.cabinet_policies) + 1):
            old = area.cabinet_policies[i] if i < len(area.cabinet_policies) else None
            parts = [f"cp_{a}_{i}_{p}" for p in ("name", "date", "section")]
            if not any(self.changed(name) for name in parts):
                if old is not None:
                    kept.append(old)
                continue
            name = self.text(f"cp_{a}_{i}_name").strip()
            if not name:
                continue
            values = {
                "name": name,
                "date": self._date_of(f"cp_{a}_{i}_date"),
                "section": self.text(f"cp_{a}_{i}_section").strip() or None,
            }
            kept.append(old.model_copy(update=values) if old else CabinetPolicy(**values))
        return kept

    def _updated_sources(self, a: int, area: Area) -> list[SourceEntry]:
        kept: list[SourceEntry] = []
        for i in range(len(area.sources) + 1):
            old = area.sources[i] if i < len(area.sources) else None
            parts = [f"src_{a}_{i}_{p}" for p in ("title", "publisher", "url", "date")]
            if not any(self.changed(name) for name in parts):
                if old is not None:
                    kept.append(old)
                continue
            title = self.text(f"src_{a}_{i}_title").strip()
            if not title:
                continue
            values = {
                "title": title,
                "publisher": self.text(f"src_{a}_{i}_publisher").strip() or None,
                "url": self.text(f"src_{a}_{i}_url").strip() or None,
                "date": self._date_of(f"src_{a}_{i}_date"),
            }
            kept.append(old.model_copy(update=values) if old else SourceEntry(**values))
        return kept

    def _update_reference(self, a: int, r: int, ref: ReferenceIndicator) -> None:
        prefix = f"ref_{a}_{r}"
        if self.changed(f"{prefix}_name") and self.text(f"{prefix}_name").strip():
            ref.name = self.text(f"{prefix}_name").strip()
        if self.changed(f"{prefix}_source"):
            ref.data_source = self.text(f"{prefix}_source").strip() or None
        if self.changed(f"{prefix}_notes"):
            ref.notes = [line for line in self.text(f"{prefix}_notes").split("\n") if line]
        keys = _ref_keys(ref)
        units = [v.value.unit for y in ref.years for v in y.actuals if v.value.unit]
        unit = units[0] if units else None
        for year in ref.years:
            values = list(year.actuals)
            for k, key in enumerate(keys):
                name = f"{prefix}_{year.fiscal_year}_{k}"
                if not self.changed(name):
                    continue
                index = next((i for i, v in enumerate(values) if v.series == key), None)
                if index is None:
                    values.append(SeriesValue(series=key, value=parse_cell(self.text(name), unit=unit)))
                else:
                    old = values[index]
                    cell = parse_cell(self.text(name), unit=old.value.unit)
                    values[index] = old.model_copy(update={"value": cell, "inferred_from": None})
            year.actuals = values
