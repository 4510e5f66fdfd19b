"""The 測定指標 section: every field of each indicator — its name, kind, direction, whether it is
main, its 出典 and notes, its series, 基準値 and 中期目標, the 達成状況 recorded with the rules' proposal
and its reason beside it, and (where the report has them) 選定理由 — and of each fiscal year: 年度目標,
target and actual per series, progress, the year's 達成 mark and 達成率 (docs/model.md)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hyoka.core import (
    Direction,
    DocumentKind,
    EvaluationReport,
    Indicator,
    IndicatorKind,
    MidTermTarget,
    RecordedGrade,
    Series,
    SeriesValue,
    parse_cell,
)
from hyoka.services import check_report_result, resolve_profile
from hyoka.web.reports.display import judgment_label, year_label
from hyoka.web.reports.forms import (
    Beside,
    CellField,
    ParagraphsField,
    SectionForm,
    cell_text,
    paragraphs_text,
    text_paragraphs,
    textarea,
    year_field,
)
from hyoka.web.reports.proposals import grade_reason

__all__ = ["IndicatorsForm", "grade_choices"]

MAIN_CHOICES = (("1", _("主要な測定指標（*）")), ("0", _("主要な測定指標ではない")))
KIND_CHOICES = ((IndicatorKind.QUANTITATIVE.value, _("定量")), (IndicatorKind.QUALITATIVE.value, _("定性")))
DIRECTION_CHOICES = (
    (Direction.HIGHER.value, _("高いほどよい")),
    (Direction.LOWER.value, _("低いほどよい")),
    (Direction.AT_LEAST.value, _("以上であればよい")),
    (Direction.WITHIN_RANGE.value, _("範囲内")),
)


def grade_choices(current: str) -> list[tuple[str, str]]:
    """The letters of the rule profile's legend (「a（目標達成）」), none, and the letter the report
    holds when the legend does not have it (kept, so that saving other fields does not change it)."""
    legend = resolve_profile().legend
    choices = [("", str(_("（記載なし）")))]
    for letter in legend.letters:
        meaning = legend.meanings.get(letter, "")
        choices.append((letter, f"{letter}（{judgment_label(meaning)}）" if meaning else letter))
    if current and current not in legend.letters:
        choices.append((current, current))
    return choices


def _series_keys(indicator: Any, year: Any) -> list[str | None]:
    keys: list[str | None] = [s.key for s in indicator.series] or [None]
    for value in [*year.targets, *year.actuals]:
        if value.series not in keys:
            keys.append(value.series)
    return keys


def _definition_keys(indicator: Indicator) -> list[str | None]:
    """The series of the 基準値 and 中期目標値: the indicator's, and any a value names."""
    keys: list[str | None] = [s.key for s in indicator.series] or [None]
    mid = indicator.mid_term_target.values if indicator.mid_term_target else []
    for value in [*indicator.baseline, *mid]:
        if value.series not in keys:
            keys.append(value.series)
    return keys


def _unit(indicator: Indicator) -> str | None:
    """The unit the indicator's numbers carry (for a number typed where there was none)."""
    cells = [v.value for y in indicator.years for v in [*y.targets, *y.actuals]] + [
        v.value for v in indicator.baseline
    ]
    units = [c.unit for c in cells if c.unit]
    return units[0] if units else None


class IndicatorsForm(SectionForm):
    """Per indicator: its name, whether it is main, its 出典, the 達成状況 recorded (with the rules'
    proposal beside it) and, where the report has them, 選定理由; per fiscal year: 年度目標, target
    and actual per series, progress, and the year's 達成 mark and 達成率."""

    section = "indicators"

    def _indicators(self) -> list[Indicator]:
        return [ind for ind in self.model.indicators() if self.only in (None, "", ind.id)]

    def _has_marks(self) -> bool:
        """Whether the report records a 達成 mark or 達成率 per year (some ministries do)."""
        return any(
            y.mark is not None or y.achievement_rate is not None
            for ind in self.model.indicators()
            for y in ind.years
        )

    def _has_reasons(self) -> bool:
        return self.model.kind is DocumentKind.PRE_ANALYSIS or any(
            ind.selection_reason for ind in self.model.indicators()
        )

    def build(self) -> None:
        marks, reasons = self._has_marks(), self._has_reasons()
        for ind in self._indicators():
            names = self.fieldset(f"{ind.id} {ind.name} — {_('指標')}", ind.id)
            prefix = f"ind_{ind.id}"
            self.add(
                names,
                f"{prefix}_name",
                forms.CharField(label=f"{ind.id} {_('測定指標名')}", max_length=300, required=False),
                ind.name,
            )
            self.add(
                names,
                f"{prefix}_main",
                forms.ChoiceField(
                    label=f"{ind.id} {_('主要な測定指標')}", choices=MAIN_CHOICES, required=False
                ),
                "1" if ind.is_main else "0",
            )
            self.add(
                names,
                f"{prefix}_source",
                forms.CharField(label=f"{ind.id} {_('出典')}", max_length=300, required=False),
                ind.data_source or "",
            )
            self._definition(names, ind)
            letter = ind.recorded_grade.letter if ind.recorded_grade else ""
            self.add(
                names,
                f"{prefix}_grade",
                forms.ChoiceField(
                    label=f"{ind.id} {_('達成状況')}", choices=grade_choices(letter), required=False
                ),
                letter,
            )
            if reasons:
                self.add(
                    names,
                    f"{prefix}_reason",
                    ParagraphsField(
                        label=f"{ind.id} {_('測定指標の選定理由・目標値の設定根拠')}",
                        help_text=_("1段落を1行に書きます。"),
                    ),
                    paragraphs_text(ind.selection_reason),
                )
            series_names = {s.key: s.name for s in ind.series}
            for year in ind.years:
                fy = year.fiscal_year
                names = self.fieldset(f"{ind.id} {ind.name} — {year_label(fy)}", ind.id)
                prefix = f"ind_{ind.id}_{fy}"
                self.add(
                    names,
                    f"{prefix}_target_text",
                    ParagraphsField(
                        label=f"{ind.id} {fy}年度 年度目標", help_text=_("1段落を1行に書きます。")
                    ),
                    paragraphs_text(year.target_text),
                )
                for k, key in enumerate(_series_keys(ind, year)):
                    suffix = f" {key}{series_names.get(key, '')}" if key else ""
                    target = next((v for v in year.targets if v.series == key), None)
                    actual = next((v for v in year.actuals if v.series == key), None)
                    help_text = ""
                    if target is not None and target.upper is not None:
                        help_text = str(_("範囲の下限です。上限（%(upper)s）は変わりません。")) % {
                            "upper": cell_text(target.upper)
                        }
                    self.add(
                        names,
                        f"{prefix}_target_{k}",
                        CellField(label=f"{ind.id} {fy}年度 目標値{suffix}", help_text=help_text),
                        cell_text(target.value if target else None),
                    )
                    self.add(
                        names,
                        f"{prefix}_actual_{k}",
                        CellField(label=f"{ind.id} {fy}年度 実績値{suffix}"),
                        cell_text(actual.value if actual else None),
                    )
                self.add(
                    names,
                    f"{prefix}_progress",
                    ParagraphsField(
                        label=f"{ind.id} {fy}年度 施策の進捗状況・実績", help_text=_("1段落を1行に書きます。")
                    ),
                    paragraphs_text(year.progress),
                )
                if marks:
                    self.add(
                        names,
                        f"{prefix}_mark",
                        forms.CharField(
                            label=f"{ind.id} {fy}年度 {_('達成')}", max_length=20, required=False
                        ),
                        year.mark or "",
                    )
                    self.add(
                        names,
                        f"{prefix}_rate",
                        CellField(label=f"{ind.id} {fy}年度 {_('達成率（%）')}"),
                        cell_text(year.achievement_rate),
                    )

    def propose(self) -> None:
        """The rules' grade beside each indicator's 達成状況, with its reason."""
        proposals = check_report_result(self.model).indicators
        for ind in self._indicators():
            letter = ind.recorded_grade.letter if ind.recorded_grade else ""
            proposal = proposals.get(ind.id)
            proposed = (proposal.proposed if proposal else None) or ""
            self.besides[f"ind_{ind.id}_grade"] = Beside(
                proposed or "—",
                grade_reason(proposal),
                bool(letter and proposed and letter.lower() != proposed.lower()),
            )

    def _definition(self, names: list[str], ind: Indicator) -> None:
        """How the indicator is measured: kind, direction, notes, series names, 基準値 (with its
        year) and 中期目標 (text, year and values) per series."""
        prefix = f"ind_{ind.id}"
        choice = forms.ChoiceField
        self.add(
            names,
            f"{prefix}_kind",
            choice(label=f"{ind.id} {_('指標の種類')}", choices=KIND_CHOICES, required=False),
            ind.kind.value,
        )
        self.add(
            names,
            f"{prefix}_direction",
            choice(label=f"{ind.id} {_('望ましい方向')}", choices=DIRECTION_CHOICES, required=False),
            ind.direction.value,
        )
        self.add(
            names,
            f"{prefix}_notes",
            ParagraphsField(label=f"{ind.id} {_('注')}", help_text=_("注を1行に1つ書きます。")),
            "\n".join(ind.notes),
        )
        for k, series in enumerate(ind.series):
            self.add(
                names,
                f"{prefix}_series_{k}",
                forms.CharField(label=f"{ind.id} {_('系列')} {series.key}", max_length=300, required=False),
                series.name,
            )
        self.add(
            names,
            f"{prefix}_baseline_year",
            year_field(f"{ind.id} {_('基準年度（西暦）')}"),
            str(ind.baseline_year or ""),
        )
        mid = ind.mid_term_target
        keys = _definition_keys(ind)
        for k, key in enumerate(keys):
            base = next((v for v in ind.baseline if v.series == key), None)
            self.add(
                names,
                f"{prefix}_baseline_{k}",
                CellField(label=f"{ind.id} {_('基準値')}{key or ''}"),
                cell_text(base.value if base else None),
            )
        self.add(
            names,
            f"{prefix}_mid_text",
            forms.CharField(
                label=f"{ind.id} {_('中期目標')}",
                max_length=10_000,
                required=False,
                widget=textarea(2),
            ),
            (mid.text or "") if mid else "",
        )
        self.add(
            names,
            f"{prefix}_mid_year",
            year_field(f"{ind.id} {_('中期目標の目標年度（西暦）')}"),
            str(mid.target_year or "") if mid else "",
        )
        for k, key in enumerate(keys):
            value = next((v for v in mid.values if v.series == key), None) if mid else None
            self.add(
                names,
                f"{prefix}_mid_{k}",
                CellField(label=f"{ind.id} {_('中期目標値')}{key or ''}"),
                cell_text(value.value if value else None),
            )

    def _update_definition(self, ind: Indicator) -> None:
        prefix = f"ind_{ind.id}"
        if self.changed(f"{prefix}_kind") and self.text(f"{prefix}_kind"):
            ind.kind = IndicatorKind(self.text(f"{prefix}_kind"))
        if self.changed(f"{prefix}_direction") and self.text(f"{prefix}_direction"):
            ind.direction = Direction(self.text(f"{prefix}_direction"))
        if self.changed(f"{prefix}_notes"):
            ind.notes = [line for line in self.text(f"{prefix}_notes").split("\n") if line]
        ind.series = [
            Series(source=s.source, key=s.key, name=self.text(f"{prefix}_series_{k}").strip() or s.name)
            if self.changed(f"{prefix}_series_{k}")
            else s
            for k, s in enumerate(ind.series)
        ]
        if self.changed(f"{prefix}_baseline_year"):
            year = self.text(f"{prefix}_baseline_year").strip()
            ind.baseline_year = int(year) if year else None
        keys = _definition_keys(ind)
        unit = _unit(ind)
        ind.baseline = self._values(ind.baseline, keys, f"{prefix}_baseline", unit)
        mid_fields = [
            f"{prefix}_mid_text",
            f"{prefix}_mid_year",
            *(f"{prefix}_mid_{k}" for k in range(len(keys))),
        ]
        if not any(self.changed(name) for name in mid_fields):
            return
        mid = ind.mid_term_target or MidTermTarget()
        if self.changed(f"{prefix}_mid_text"):
            mid.text = self.text(f"{prefix}_mid_text").strip() or None
        if self.changed(f"{prefix}_mid_year"):
            year = self.text(f"{prefix}_mid_year").strip()
            mid.target_year = int(year) if year else None
            mid.target_year_text = None  # the year as written no longer says it
        mid.values = self._values(mid.values, keys, f"{prefix}_mid", unit)
        empty = not mid.text and mid.target_year is None and not mid.target_year_text and not mid.values
        ind.mid_term_target = None if empty else mid

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean()
        for ind in self._indicators():
            name = f"ind_{ind.id}_name"
            if self.submitted(name) and not self.text(name).strip() and name not in self.errors:
                self.add_error(name, _("測定指標名を入力してください。"))
        return data

    def _values(
        self, values: list[SeriesValue], keys: list[str | None], prefix: str, unit: str | None
    ) -> list[SeriesValue]:
        result = list(values)
        for k, key in enumerate(keys):
            name = f"{prefix}_{k}"
            if not self.changed(name):
                continue
            text = self.text(name)
            index = next((i for i, v in enumerate(result) if v.series == key), None)
            if index is None:
                if text:
                    result.append(SeriesValue(series=key, value=parse_cell(text, unit=unit)))
            else:
                old = result[index]
                cell = parse_cell(text, unit=old.value.unit)
                result[index] = old.model_copy(update={"value": cell, "inferred_from": None})
        return result

    def _grade(self, model: EvaluationReport, ind: Indicator) -> None:
        """The recorded 達成状況, and the summary table's row of the same indicator with it (the
        document prints the one grade in both places)."""
        name = f"ind_{ind.id}_grade"
        if not self.changed(name):
            return
        letter = self.text(name).strip()
        if not letter:
            ind.recorded_grade = None
        elif ind.recorded_grade is None:
            ind.recorded_grade = RecordedGrade(letter=letter, window=list(model.window))
        else:
            ind.recorded_grade = ind.recorded_grade.model_copy(update={"letter": letter})
        for entry in model.results_summary:
            if entry.indicator_id == ind.id:
                entry.recorded_grade = letter or None

    def update(self, model: EvaluationReport) -> None:
        wanted = {ind.id for ind in self._indicators()}
        for ind in model.indicators():
            if ind.id not in wanted:
                continue
            prefix = f"ind_{ind.id}"
            if self.changed(f"{prefix}_name") and self.text(f"{prefix}_name").strip():
                ind.name = self.text(f"{prefix}_name").strip()
                for entry in model.results_summary:
                    if entry.indicator_id == ind.id:
                        entry.name = ind.name
            if self.changed(f"{prefix}_main") and self.text(f"{prefix}_main"):
                ind.is_main = self.text(f"{prefix}_main") == "1"
                for entry in model.results_summary:
                    if entry.indicator_id == ind.id:
                        entry.is_main = ind.is_main
            if self.changed(f"{prefix}_source"):
                ind.data_source = self.text(f"{prefix}_source").strip() or None
            if self.changed(f"{prefix}_reason"):
                ind.selection_reason = text_paragraphs(self.text(f"{prefix}_reason"), ind.selection_reason)
            self._grade(model, ind)
            self._update_definition(ind)
            unit = _unit(ind)
            for year in ind.years:
                prefix = f"ind_{ind.id}_{year.fiscal_year}"
                keys = _series_keys(ind, year)
                if self.changed(f"{prefix}_target_text"):
                    year.target_text = text_paragraphs(self.text(f"{prefix}_target_text"), year.target_text)
                if self.changed(f"{prefix}_progress"):
                    year.progress = text_paragraphs(self.text(f"{prefix}_progress"), year.progress)
                year.targets = self._values(year.targets, keys, f"{prefix}_target", unit)
                year.actuals = self._values(year.actuals, keys, f"{prefix}_actual", unit)
                if self.changed(f"{prefix}_mark"):
                    year.mark = self.text(f"{prefix}_mark").strip() or None
                if self.changed(f"{prefix}_rate"):
                    rate = self.text(f"{prefix}_rate").strip()
                    year.achievement_rate = parse_cell(rate, unit="%") if rate else None
