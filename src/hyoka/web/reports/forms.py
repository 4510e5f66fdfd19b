"""The forms of the writing pages: upload, section editing, opinions, workflow, comments, diff.

A section form is built from the report it edits: each field's initial value is the text the
report holds, and ``apply()`` writes back only the fields whose text the person changed (a field
left as it was keeps its value exactly, with its source lines and the way it was printed). A
field missing from the submission counts as unchanged. Numbers are read with
``hyoka.core.parse_cell``, so 「1,234」「△14」「84%」 and 「-」 (nothing to report) work, and a
value that is not a number is an error on its own field.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pydantic import ValidationError as ModelValidationError

from hyoka.core import (
    AmountError,
    BudgetYear,
    Cell,
    CellStatus,
    EvaluationReport,
    ExpertOpinion,
    Objective,
    Paragraph,
    parse_cell,
)
from hyoka.services import (
    ImportResult,
    LimitExceeded,
    NotAReportError,
    import_upload,
)
from hyoka.web.reports import display, storable
from hyoka.web.reports.folding import FIRST_YEAR, LAST_YEAR
from hyoka.web.reports.permissions import can_import, membership

__all__ = [
    "SECTIONS",
    "CommentForm",
    "DiffForm",
    "ImportForm",
    "ImportSaveForm",
    "OpinionForm",
    "SectionForm",
    "TransitionForm",
    "cell_text",
    "textarea",
    "year_field",
]

SECTIONS: dict[str, Any] = {
    "overview": _("基本情報"),
    "objectives": _("施策目標"),
    "budget": _("施策の予算額・執行額等"),
    "areas": _("個別分野"),
    "indicators": _("測定指標"),
    "judgment": _("評価結果"),
    "means": _("達成手段"),
    "budget_sheet": _("政策評価調書"),
    "analysis": _("施策の分析"),
    "next_steps": _("次期目標等への反映の方向性"),
    "opinions": _("学識経験を有する者の知見の活用"),
}
"""The sections a report is edited (and commented on) by, with their headings, in the editor's
order; ``sections.sections_for`` says which a report's kind has."""

BUDGET_COLUMNS: tuple[tuple[str, Any], ...] = (
    ("initial", _("当初予算(a)")),
    ("supplementary", _("補正予算(b)")),
    ("carryover", _("繰越し等(c)")),
    ("total", _("合計(a+b+c)")),
    ("executed", _("執行額")),
)
OBJECTIVE_LEVELS = 4
EXTRA_ROWS = 2
# --- values as text and back ------------------------------------------------------------------


def cell_text(cell: Cell | None) -> str:
    """A cell as a person types it: as printed when known (「△14」), else its number or 「-」."""
    if cell is None:
        return ""
    if cell.raw:
        return cell.raw
    if cell.value is not None:
        return str(cell.value)
    return "-" if cell.status is CellStatus.NOTHING_TO_REPORT else ""


def _lines(text: str) -> list[str]:
    return [
        line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()
    ]


def paragraphs_text(paragraphs: Iterable[Paragraph]) -> str:
    """One paragraph per line."""
    return "\n".join(line for p in paragraphs for line in _lines(p.text))


def text_paragraphs(text: str, originals: list[Paragraph]) -> list[Paragraph]:
    """Lines back to paragraphs. A line equal to an original paragraph is that paragraph (its
    number, level and citations kept); a changed line takes the place of the original at its
    position (keeping number and level); other lines are new paragraphs."""
    lines = _lines(text)
    if lines == _lines(paragraphs_text(originals)):
        return list(originals)
    used: set[int] = set()
    result: list[Paragraph] = []
    for index, line in enumerate(lines):
        same = next((i for i, p in enumerate(originals) if i not in used and p.text.strip() == line), None)
        if same is not None:
            used.add(same)
            result.append(originals[same])
        elif (
            index < len(originals)
            and index not in used
            and not any(originals[index].text.strip() == later for later in lines[index + 1 :])
        ):
            used.add(index)
            old = originals[index]
            means = [m for m in old.means if m.raw in line]
            result.append(old.model_copy(update={"text": line, "means": means}))
        else:
            result.append(Paragraph(text=line))
    return result


# --- fields --------------------------------------------------------------------------------------


class CellField(forms.CharField):
    """A table cell as printed: a number (「1,234」「△14」「84%」), 「-」, or empty."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "size": 10}))
        super().__init__(**kwargs)

    def validate(self, value: Any) -> None:
        super().validate(value)
        try:
            parse_cell(value)
        except AmountError:
            raise ValidationError(
                _(
                    "「%(text)s」は数値として読めません"
                    "（例: 1,234 ／ △14 ／ 84%% ／ 該当なしは「-」 ／ 空欄）"
                ),
                code="not_a_number",
                params={"text": value},
            ) from None


def textarea(rows: int, cols: int = 80) -> forms.Textarea:
    """The text box of running text: 80 columns wide (a paragraph of the document), 60 in a dialog."""
    return forms.Textarea(attrs={"rows": rows, "cols": cols})


def year_field(label: Any) -> forms.IntegerField:
    """A fiscal year written in the Western calendar (令和2年度 → 2020), optional, within the years
    the workspace reads as one (``folding.FIRST_YEAR``–``LAST_YEAR``)."""
    return forms.IntegerField(label=label, min_value=FIRST_YEAR, max_value=LAST_YEAR, required=False)


class ParagraphsField(forms.CharField):
    """Running text, one paragraph per line (line endings normalised, blank lines dropped)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 50_000)
        kwargs.setdefault("widget", textarea(4))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        return "\n".join(_lines(str(super().to_python(value))))


@dataclass(frozen=True, slots=True)
class Beside:
    """What the rules propose for a field a person records (a grade, the judgment), and why."""

    proposed: str
    reason: str
    differs: bool = False
    """the recorded value is not the proposal"""


@dataclass(frozen=True, slots=True)
class Row:
    field: forms.BoundField
    note: str = ""
    """set after a conflict: what the newer revision holds in this field"""
    beside: Beside | None = None


@dataclass(frozen=True, slots=True)
class Fieldset:
    legend: str
    rows: list[Row]
    brief: tuple[str, ...] = ()
    """the next cycle's brief for the indicator, on the first fieldset of each indicator"""


class _AccessibleForm(forms.Form):
    """Marks invalid fields for assistive technology (aria-invalid, aria-describedby → the error)."""

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                bound = self[name]
                ids = widget.attrs.get("aria-describedby", "").split()
                if self.fields[name].help_text and f"{bound.id_for_label}_helptext" not in ids:
                    ids.append(f"{bound.id_for_label}_helptext")
                if f"{bound.auto_id}-error" not in ids:
                    ids.append(f"{bound.auto_id}-error")
                widget.attrs["aria-describedby"] = " ".join(ids)


# --- section forms ---------------------------------------------------------------------------------


class SectionForm(_AccessibleForm):
    """One section of a report, with the reason for the change and the revision it is based on."""

    section: ClassVar[str]
    reason = forms.CharField(
        label=_("変更理由"),
        max_length=2000,
        widget=textarea(2),
        help_text=_("この変更の理由を記入してください（履歴に残ります）。"),
    )
    base_revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(
        self,
        model: EvaluationReport,
        data: Any = None,
        *,
        base_revision: int | None = None,
        only: str | None = None,
    ) -> None:
        super().__init__(data, initial={"base_revision": base_revision})
        self.model = model
        self.only = only
        self.notes: dict[str, str] = {}
        self._sets: list[tuple[str, list[str]]] = []
        self._keys: dict[int, str] = {}
        self.briefs: dict[str, list[str]] = {}
        """indicator id → the paragraphs of its brief (set by the view before rendering)"""
        self.besides: dict[str, Beside] = {}
        """field name → the rules' proposal shown beside it"""
        self.build()
        # the person's fields first, then the reason (and the hidden base)
        self.order_fields([name for _legend, names in self._sets for name in names])

    # building ---------------------------------------------------------------------------------

    def build(self) -> None:
        raise NotImplementedError

    def propose(self) -> None:
        """Put the rules' proposals beside the fields a person records (``besides``). Called by the
        view just before the form is shown, never for a save that succeeds: the rules run once a
        save, for the projections."""

    def fieldset(self, legend: str, key: str = "") -> list[str]:
        names: list[str] = []
        if key:
            self._keys[len(self._sets)] = key
        self._sets.append((legend, names))
        return names

    def add(self, names: list[str], name: str, field: forms.Field, initial: str) -> None:
        field.initial = initial
        self.fields[name] = field
        names.append(name)

    @property
    def fieldsets(self) -> list[Fieldset]:
        shown: set[str] = set()
        result = []
        for n, (legend, names) in enumerate(self._sets):
            if not names:
                continue
            key = self._keys.get(n, "")
            brief = tuple(self.briefs.get(key, ())) if key and key not in shown else ()
            shown.add(key)
            rows = [Row(self[name], self.notes.get(name, ""), self.besides.get(name)) for name in names]
            result.append(Fieldset(legend, rows, brief))
        return result

    @property
    def content_fields(self) -> list[str]:
        return [name for _legend, names in self._sets for name in names]

    # reading the submission ------------------------------------------------------------------

    def submitted(self, name: str) -> bool:
        return self.is_bound and name in self.data

    def text(self, name: str) -> str:
        """The field's value: what was typed, or the initial text when it was not submitted."""
        if self.submitted(name) and name in self.cleaned_data:
            value = self.cleaned_data[name]
            return "" if value is None else str(value)  # an empty number field is empty text
        return str(self.fields[name].initial or "")

    def changed(self, name: str) -> bool:
        return name in self.fields and self.text(name) != str(self.fields[name].initial or "")

    # writing ------------------------------------------------------------------------------

    def update(self, model: EvaluationReport) -> None:
        raise NotImplementedError

    def apply(self) -> EvaluationReport | None:
        """The report with this form's changes; None (with a form error) when it is invalid."""
        assert self.is_valid()
        copy = self.model.model_copy(deep=True)
        try:
            self.update(copy)
            return EvaluationReport.model_validate(copy.model_dump())
        except ModelValidationError as exc:
            first = exc.errors()[0]
            where = "/" + "/".join(str(p) for p in first["loc"])
            self.add_error(
                None,
                _("報告書として不正な値です（%(where)s: %(msg)s）") % {"where": where, "msg": first["msg"]},
            )
            return None

    # conflicts ----------------------------------------------------------------------------

    @classmethod
    def merged(
        cls, origin: SectionForm, current: EvaluationReport, current_number: int, only: str | None = None
    ) -> SectionForm:
        """After a conflict: the form on the newer revision with the person's input kept.

        A field the person left as it was takes the newer revision's value; a field both changed
        keeps the person's input and notes the newer value; either way nothing typed is lost.
        """
        fresh = cls(current, base_revision=current_number, only=only)
        data = origin.data.copy()
        data["base_revision"] = str(current_number)
        notes: dict[str, str] = {}
        for name in fresh.content_fields:
            if name not in origin.fields or not origin.submitted(name):
                continue
            before = str(origin.fields[name].initial or "")
            newer = str(fresh.fields[name].initial or "")
            if before == newer:
                continue
            typed = origin.text(name)
            if typed == before:
                data[name] = newer
                notes[name] = str(_("新しい版で変更されていたため、新しい版の値にしました。"))
            elif typed != newer:
                notes[name] = str(_("新しい版の値:「%(value)s」（あなたの入力を残しています）")) % {
                    "value": newer or "—"
                }
        form = cls(current, data, base_revision=current_number, only=only)
        form.notes = notes
        form.is_valid()
        return form


class ObjectivesForm(SectionForm):
    section = "objectives"

    def _flat(self) -> list[tuple[int, Objective]]:
        out: list[tuple[int, Objective]] = []

        def walk(items: list[Objective], level: int) -> None:
            for item in items:
                out.append((level, item))
                walk(item.children, level + 1)

        walk(self.model.objectives, 0)
        return out

    def build(self) -> None:
        flat = self._flat()
        self.rows = len(flat) + EXTRA_ROWS
        levels = [(str(n), _("第%(n)s階層") % {"n": n + 1}) for n in range(OBJECTIVE_LEVELS)]
        for i in range(self.rows):
            level, item = flat[i] if i < len(flat) else (0, None)
            legend = _("目標 %(n)s") % {"n": i + 1} if item else _("目標を追加")
            names = self.fieldset(str(legend))
            self.add(
                names,
                f"obj_{i}_level",
                forms.ChoiceField(
                    label=_("目標 %(n)s の階層") % {"n": i + 1}, choices=levels, required=False
                ),
                str(level),
            )
            self.add(
                names,
                f"obj_{i}_number",
                forms.CharField(label=_("目標 %(n)s の番号") % {"n": i + 1}, max_length=20, required=False),
                (item.number or "") if item else "",
            )
            self.add(
                names,
                f"obj_{i}_text",
                forms.CharField(
                    label=_("目標 %(n)s の本文") % {"n": i + 1},
                    max_length=5000,
                    required=False,
                    widget=textarea(2),
                    help_text=_("本文を空にするとこの目標を削除します。"),
                ),
                item.text if item else "",
            )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean()
        previous: int | None = None
        for i in range(self.rows):
            if not self.text(f"obj_{i}_text").strip():
                continue
            level = int(self.text(f"obj_{i}_level") or 0)
            limit = 0 if previous is None else previous + 1
            if level > limit:
                self.add_error(
                    f"obj_{i}_level", _("上の目標より2段以上深くはできません（最初の目標は第1階層）。")
                )
            previous = level
        return data

    def update(self, model: EvaluationReport) -> None:
        flat = self._flat()
        roots: list[Objective] = []
        stack: list[Objective] = []
        for i in range(self.rows):
            text = self.text(f"obj_{i}_text").strip()
            if not text:
                continue
            level = int(self.text(f"obj_{i}_level") or 0)
            source = flat[i][1].source if i < len(flat) else None
            item = Objective(source=source, number=self.text(f"obj_{i}_number").strip() or None, text=text)
            del stack[level:]
            (stack[-1].children if stack else roots).append(item)
            stack.append(item)
        model.objectives = roots


class BudgetForm(SectionForm):
    section = "budget"

    def build(self) -> None:
        budget = self.model.budget
        names = self.fieldset(str(_("単位")))
        self.add(
            names, "budget_unit", forms.CharField(label=_("単位"), max_length=20, required=False), budget.unit
        )
        for year in budget.years:
            fy = year.fiscal_year
            legend = display.year_label(fy)
            names = self.fieldset(legend)
            for column, label in BUDGET_COLUMNS:
                self.add(
                    names,
                    f"budget_{fy}_{column}",
                    CellField(label=f"{fy}年度 {label}"),
                    cell_text(getattr(year, column)),
                )
        names = self.fieldset(str(_("年度を追加")))
        self.add(
            names,
            "budget_new_year",
            year_field(_("追加する年度（西暦）")),
            "",
        )
        for column, label in BUDGET_COLUMNS:
            self.add(
                names,
                f"budget_new_{column}",
                CellField(label=_("追加する年度の%(col)s") % {"col": label}),
                "",
            )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean()
        if self.submitted("budget_unit") and not self.text("budget_unit").strip():
            self.add_error("budget_unit", _("単位を入力してください。"))
        year = data.get("budget_new_year")
        typed = any(self.text(f"budget_new_{c}") for c, _label in BUDGET_COLUMNS)
        if year is not None and any(y.fiscal_year == year for y in self.model.budget.years):
            there = _("%(year)sは既にあります。") % {"year": display.year_label(year)}
            self.add_error("budget_new_year", there)
        elif year is None and typed and "budget_new_year" not in self.errors:
            self.add_error("budget_new_year", _("金額を入力した年度を入力してください。"))
        return data

    def update(self, model: EvaluationReport) -> None:
        budget = model.budget
        unit = self.text("budget_unit").strip() or budget.unit
        budget.unit = unit
        for year in budget.years:
            for column, _label in BUDGET_COLUMNS:
                name = f"budget_{year.fiscal_year}_{column}"
                if self.changed(name):
                    old: Cell = getattr(year, column)
                    setattr(year, column, parse_cell(self.text(name), unit=old.unit or unit))
        new_year = self.cleaned_data.get("budget_new_year")
        if new_year is not None:
            cells = {c: parse_cell(self.text(f"budget_new_{c}"), unit=unit) for c, _label in BUDGET_COLUMNS}
            budget.years = sorted(
                [*budget.years, BudgetYear(fiscal_year=new_year, **cells)], key=lambda y: y.fiscal_year
            )


class AnalysisForm(SectionForm):
    section = "analysis"

    def build(self) -> None:
        for a, area in enumerate(self.model.areas):
            names = self.fieldset(f"{area.number} {area.title}")
            for k, entry in enumerate(area.analysis):
                self.add(
                    names,
                    f"an_{a}_{k}",
                    ParagraphsField(label=f"【{entry.heading}】", widget=textarea(8)),
                    paragraphs_text(entry.paragraphs),
                )

    def update(self, model: EvaluationReport) -> None:
        for a, area in enumerate(model.areas):
            for k, entry in enumerate(area.analysis):
                if self.changed(f"an_{a}_{k}"):
                    entry.paragraphs = text_paragraphs(self.text(f"an_{a}_{k}"), entry.paragraphs)


class NextStepsForm(SectionForm):
    section = "next_steps"

    def build(self) -> None:
        for a, area in enumerate(self.model.areas):
            names = self.fieldset(f"{area.number} {area.title}")
            self.add(
                names,
                f"ns_{a}_measure",
                ParagraphsField(label=f"{area.number} 【施策】", widget=textarea(6)),
                paragraphs_text(area.next_steps.measure),
            )
            for k, entry in enumerate(area.next_steps.indicators):
                self.add(
                    names,
                    f"ns_{a}_{k}",
                    ParagraphsField(label=f"【測定指標 {entry.heading}】"),
                    paragraphs_text(entry.paragraphs),
                )

    def update(self, model: EvaluationReport) -> None:
        for a, area in enumerate(model.areas):
            steps = area.next_steps
            if self.changed(f"ns_{a}_measure"):
                steps.measure = text_paragraphs(self.text(f"ns_{a}_measure"), steps.measure)
            for k, entry in enumerate(steps.indicators):
                if self.changed(f"ns_{a}_{k}"):
                    entry.paragraphs = text_paragraphs(self.text(f"ns_{a}_{k}"), entry.paragraphs)


class OpinionsForm(SectionForm):
    section = "opinions"

    def build(self) -> None:
        opinions = self.model.expert_opinions
        names = self.fieldset(str(_("意見を聴取した者")))
        self.add(
            names,
            "op_group",
            forms.CharField(label=_("意見を聴取した者"), max_length=300, required=False),
            opinions.group or "",
        )
        self.count = len(opinions.opinions) + 1
        names = self.fieldset(str(_("所見")))
        for i in range(self.count):
            item = opinions.opinions[i] if i < len(opinions.opinions) else None
            self.add(
                names,
                f"op_{i}",
                forms.CharField(
                    label=_("所見 %(n)s") % {"n": i + 1} if item else _("所見を追加"),
                    max_length=10_000,
                    required=False,
                    widget=textarea(3),
                    help_text=_("空にするとこの所見を削除します。") if item else "",
                ),
                item.text if item else "",
            )

    def update(self, model: EvaluationReport) -> None:
        opinions = model.expert_opinions
        if self.changed("op_group"):
            opinions.group = self.text("op_group").strip() or None
        kept: list[ExpertOpinion] = []
        for i in range(self.count):
            name = f"op_{i}"
            old = opinions.opinions[i] if i < len(opinions.opinions) else None
            if not self.changed(name):
                if old is not None:
                    kept.append(old)
                continue
            text = self.text(name).strip()
            if text:
                kept.append(old.model_copy(update={"text": text}) if old else ExpertOpinion(text=text))
        opinions.opinions = kept


# --- other forms -------------------------------------------------------------------------------


class ImportForm(_AccessibleForm):
    """Upload a report file. ``clean`` reads it: ``self.result`` is the import, and the person
    must be allowed to import the document's ministry (``permissions.can_import``)."""

    file = forms.FileField(
        label=_("報告書ファイル"),
        help_text=_("テキスト、PDF、Excel（xlsx）、JSON の政策評価書。"),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.result: ImportResult | None = None
        self.data_bytes = b""

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = settings.HYOKA_MAX_UPLOAD
        if upload.size > limit:
            raise ValidationError(
                _("ファイルが大きすぎます（%(size)s バイト、上限 %(limit)s バイト）。"),
                code="too_large",
                params={"size": f"{upload.size:,}", "limit": f"{limit:,}"},
            )
        data = upload.read()
        try:  # in a child process, within the time and memory budget (docs/operations.md)
            result = import_upload(
                data,
                name=upload.name,
                seconds=settings.HYOKA_IMPORT_SECONDS,
                memory_bytes=settings.HYOKA_IMPORT_MEMORY_MB * 1024 * 1024,
            )
        except LimitExceeded as exc:
            raise ValidationError(exc.text(display.lang()), code="too_large") from None
        except NotAReportError as exc:
            raise ValidationError(exc.text(display.lang()), code="not_a_report") from None
        found = storable.problems(result.report)
        if found:  # refused now, not after the preview: the workspace cannot store it
            raise ValidationError(storable.NotStorable(found).text(display.lang()), code="not_storable")
        if not can_import(self.user, result.report.ministry):
            m = membership(self.user)
            raise ValidationError(
                _("この報告書の府省（%(theirs)s）はあなたの所属府省（%(ours)s）と異なるため取り込めません。"),
                code="other_ministry",
                params={
                    "theirs": result.report.ministry,
                    "ours": m.ministry.name if m and m.ministry else "—",
                },
            )
        self.result = result
        self.data_bytes = data
        return upload


class ImportSaveForm(forms.Form):
    """Save a previewed import: the preview's token, or (when the preview could not be kept) the
    same file chosen again, checked against the digest of the previewed one."""

    token = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    digest = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    file = forms.FileField(label=_("プレビューしたファイル（もう一度選択）"), required=False)


class OpinionForm(SectionForm):
    """An expert adds one opinion (appended to 学識経験を有する者の知見の活用)."""

    section = "opinion"
    reason = None  # the reason is fixed: 「有識者の所見を追加」

    def build(self) -> None:
        names = self.fieldset(str(_("所見を追加")))
        self.add(
            names,
            "text",
            forms.CharField(label=_("所見"), max_length=10_000, widget=textarea(6)),
            "",
        )

    def update(self, model: EvaluationReport) -> None:
        text = self.text("text").strip()
        model.expert_opinions.opinions = [*model.expert_opinions.opinions, ExpertOpinion(text=text)]


ACTION_LABELS: dict[str, Any] = {
    name: display.ACTION_NAMES[name] for name in ("submit", "return", "approve", "publish", "withdraw")
}
"""The workflow's buttons (``storage.WORKFLOW_ACTIONS``) by their labels."""


class TransitionForm(_AccessibleForm):
    """A workflow step. ``confirmed``: the person has seen the confirmation step (公表, 公表取消, and
    a submission with open errors ask for one)."""

    action = forms.ChoiceField(label=_("操作"), choices=list(ACTION_LABELS.items()))
    comment = forms.CharField(
        label=_("コメント"),
        required=False,
        max_length=2000,
        widget=textarea(2, cols=60),
        help_text=_("差戻しと公表取消のときは必須です。"),
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean()
        if not (data.get("comment") or "").strip():
            if data.get("action") == "return":
                self.add_error("comment", _("差戻しには理由をコメントに記入してください。"))
            elif data.get("action") == "withdraw":
                self.add_error("comment", _("公表取消には理由をコメントに記入してください。"))
        return data


class DeleteForm(_AccessibleForm):
    """Delete a report never published: the reason is kept in the deletion log."""

    reason = forms.CharField(label=_("削除の理由"), max_length=2000, widget=textarea(2, cols=60))


class CommentForm(_AccessibleForm):
    """A comment on the whole report, a section or an indicator, chosen from ``targets`` (the
    report's own names: ``commenting.targets``)."""

    section = forms.ChoiceField(label=_("対象"), initial="general")
    text = forms.CharField(label=_("コメント"), max_length=5000, widget=textarea(4))

    def __init__(self, *args: Any, targets: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = targets

    @property
    def target(self) -> str:
        """What the comment is on (``Comment.section``)."""
        return str(self.cleaned_data["section"])


class DiffForm(forms.Form):
    # revision numbers are 32-bit columns: a larger number is refused here, not by the database
    a = forms.IntegerField(label=_("比較元の版"), min_value=1, max_value=2**31 - 1)
    b = forms.IntegerField(label=_("比較先の版"), min_value=1, max_value=2**31 - 1)
