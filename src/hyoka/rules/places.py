"""Where a finding is, in the reader's words: a JSON pointer into a report named as a person names
the place, 「測定指標1-4 達成状況（令和元年度 (2019年度)）」 for ``/areas/0/indicators/3/years/1/mark``, or
in English "Indicator 1-4, achievement (FY2019 (Reiwa 1))": a year reads as on every page
(``hyoka.core.fiscal_year_label``).

Findings keep their pointer (the data, the API, the database); pages and the command show this
instead. The pointer is walked through the report itself, so an indicator is named by its id as the
document writes it, a budget year by its fiscal year, an area by its number. Every field of the model
has a name here (a test walks the model); the English is the catalog's, under the msgctxt ``place``
(docs/architecture.md, "Translation"; docs/findings/README.md, "How a finding is shown").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, get_args

from pydantic import BaseModel

from hyoka.core import EvaluationReport, Paragraph, fiscal_year_label, means_key
from hyoka.core.i18n import SOURCE_LANGUAGE, pgettext_en, pgettext_noop
from hyoka.core.numbering import indicator_reference

__all__ = ["CONTEXT", "FIELD_NAMES", "TRANSPARENT", "Place", "field_name_at", "place_name", "place_of"]

CONTEXT = "place"
"""The msgctxt of every name here: the same Japanese reads otherwise elsewhere in the catalog."""


FIELD_NAMES: dict[str, str] = {
    "source": pgettext_noop(CONTEXT, "取込元の行"),
    "schema_version": pgettext_noop(CONTEXT, "スキーマの版"),
    "kind": pgettext_noop(CONTEXT, "種類"),
    "ministry": pgettext_noop(CONTEXT, "府省名"),
    "report_code": pgettext_noop(CONTEXT, "整理番号"),
    "measure_number": pgettext_noop(CONTEXT, "施策番号"),
    "title": pgettext_noop(CONTEXT, "施策名"),
    "evaluation_year": pgettext_noop(CONTEXT, "評価実施年度"),
    "window": pgettext_noop(CONTEXT, "評価対象年度"),
    "objectives": pgettext_noop(CONTEXT, "施策の目標"),
    "budget": pgettext_noop(CONTEXT, "予算"),
    "judgment": pgettext_noop(CONTEXT, "目標達成度の測定結果"),
    "other_judgments": pgettext_noop(CONTEXT, "府省独自の判定"),
    "results_summary": pgettext_noop(CONTEXT, "総括表"),
    "notes": pgettext_noop(CONTEXT, "注"),
    "expert_opinions": pgettext_noop(CONTEXT, "有識者の所見"),
    "bureau": pgettext_noop(CONTEXT, "担当部局名"),
    "evaluated_on": pgettext_noop(CONTEXT, "政策評価実施時期"),
    "areas": pgettext_noop(CONTEXT, "個別分野"),
    "budget_sheet": pgettext_noop(CONTEXT, "政策評価調書"),
    "means": pgettext_noop(CONTEXT, "達成手段"),
    "means_unit": pgettext_noop(CONTEXT, "達成手段の金額の単位"),
    "outline": pgettext_noop(CONTEXT, "施策の概要"),
    "target_rationale": pgettext_noop(CONTEXT, "目標設定の考え方・根拠"),
    "responsible": pgettext_noop(CONTEXT, "作成責任者名"),
    "planned_evaluation": pgettext_noop(CONTEXT, "政策評価実施予定時期"),
    "first": pgettext_noop(CONTEXT, "最初の行"),
    "last": pgettext_noop(CONTEXT, "最後の行"),
    "number": pgettext_noop(CONTEXT, "番号"),
    "text": pgettext_noop(CONTEXT, "本文"),
    "unit": pgettext_noop(CONTEXT, "単位"),
    "fiscal_year": pgettext_noop(CONTEXT, "年度"),
    "initial": pgettext_noop(CONTEXT, "当初予算"),
    "supplementary": pgettext_noop(CONTEXT, "補正予算"),
    "carryover": pgettext_noop(CONTEXT, "繰越し等"),
    "total": pgettext_noop(CONTEXT, "合計"),
    "executed": pgettext_noop(CONTEXT, "執行額"),
    "legend": pgettext_noop(CONTEXT, "区分の名称"),
    "tier": pgettext_noop(CONTEXT, "区分"),
    "label": pgettext_noop(CONTEXT, "区分名"),
    "letter": pgettext_noop(CONTEXT, "記号"),
    "monitoring_only": pgettext_noop(CONTEXT, "モニタリングのみ"),
    "rationale": pgettext_noop(CONTEXT, "判断根拠"),
    "origin": pgettext_noop(CONTEXT, "出所"),
    "area_number": pgettext_noop(CONTEXT, "分野番号"),
    "area_title": pgettext_noop(CONTEXT, "分野名"),
    "indicator_id": pgettext_noop(CONTEXT, "指標番号"),
    "name": pgettext_noop(CONTEXT, "名称"),
    "is_main": pgettext_noop(CONTEXT, "主要な指標の別"),
    "recorded_grade": pgettext_noop(CONTEXT, "達成状況"),
    "mark": pgettext_noop(CONTEXT, "記号"),
    "group": pgettext_noop(CONTEXT, "意見を聴取した会合"),
    "cabinet_policies": pgettext_noop(CONTEXT, "関連する内閣の重要政策"),
    "indicators": pgettext_noop(CONTEXT, "測定指標"),
    "reference_indicators": pgettext_noop(CONTEXT, "参考指標"),
    "analysis": pgettext_noop(CONTEXT, "施策の分析"),
    "next_steps": pgettext_noop(CONTEXT, "次期目標等への反映の方向性"),
    "sources": pgettext_noop(CONTEXT, "作成にあたって使用した資料"),
    "level": pgettext_noop(CONTEXT, "段落の階層"),
    "means_number": pgettext_noop(CONTEXT, "達成手段の番号"),
    "date": pgettext_noop(CONTEXT, "日付"),
    "section": pgettext_noop(CONTEXT, "該当箇所"),
    "id": pgettext_noop(CONTEXT, "指標番号"),
    "direction": pgettext_noop(CONTEXT, "目標の方向"),
    "data_source": pgettext_noop(CONTEXT, "出典"),
    "series": pgettext_noop(CONTEXT, "系列"),
    "mid_term_target": pgettext_noop(CONTEXT, "中期目標"),
    "baseline": pgettext_noop(CONTEXT, "基準値"),
    "baseline_year": pgettext_noop(CONTEXT, "基準年度"),
    "selection_reason": pgettext_noop(CONTEXT, "測定指標の選定理由・目標値の設定根拠"),
    "key": pgettext_noop(CONTEXT, "記号"),
    "target_year": pgettext_noop(CONTEXT, "目標年度"),
    "target_year_text": pgettext_noop(CONTEXT, "目標年度（記載どおり）"),
    "upper": pgettext_noop(CONTEXT, "上限"),
    "inferred_from": pgettext_noop(CONTEXT, "値を補った本文"),
    "target_text": pgettext_noop(CONTEXT, "年度目標"),
    "progress": pgettext_noop(CONTEXT, "施策の進捗状況・実績"),
    "targets": pgettext_noop(CONTEXT, "年度目標値"),
    "actuals": pgettext_noop(CONTEXT, "実績値"),
    "achievement_rate": pgettext_noop(CONTEXT, "達成率"),
    "heading": pgettext_noop(CONTEXT, "見出し"),
    "measure": pgettext_noop(CONTEXT, "施策"),
    "publisher": pgettext_noop(CONTEXT, "発行者"),
    "url": pgettext_noop(CONTEXT, "URL"),
    "policy_name": pgettext_noop(CONTEXT, "政策名"),
    "evaluation_method": pgettext_noop(CONTEXT, "評価方式"),
    "achievement": pgettext_noop(CONTEXT, "政策目標の達成度合い"),
    "current_year": pgettext_noop(CONTEXT, "当初予算額の年度"),
    "next_year": pgettext_noop(CONTEXT, "概算要求額の年度"),
    "totals": pgettext_noop(CONTEXT, "合計"),
    "items": pgettext_noop(CONTEXT, "事項"),
    "subtotals": pgettext_noop(CONTEXT, "小計"),
    "current_initial": pgettext_noop(CONTEXT, "当初予算額"),
    "next_request": pgettext_noop(CONTEXT, "概算要求額"),
    "current_initial_inclusive": pgettext_noop(CONTEXT, "当初予算額（内数）"),
    "next_request_inclusive": pgettext_noop(CONTEXT, "概算要求額（内数）"),
    "account": pgettext_noop(CONTEXT, "会計"),
    "organization": pgettext_noop(CONTEXT, "組織・勘定"),
    "item": pgettext_noop(CONTEXT, "項"),
    "sub_item": pgettext_noop(CONTEXT, "事項"),
    "other_sheet_ref": pgettext_noop(CONTEXT, "他に記載のある個別票"),
    "review_number": pgettext_noop(CONTEXT, "行政事業レビュー事業番号"),
    "started": pgettext_noop(CONTEXT, "開始年度"),
    "account_type": pgettext_noop(CONTEXT, "会計区分"),
    "raw": pgettext_noop(CONTEXT, "記載どおりの値"),
}
"""A field's name by its key, wherever it is (``_BY_RECORD`` names the exceptions)."""

_BY_RECORD: dict[tuple[str, str], str] = {
    ("EvaluationReport", "kind"): pgettext_noop(CONTEXT, "文書の種類"),
    ("Indicator", "kind"): pgettext_noop(CONTEXT, "定量・定性の別"),
    ("Indicator", "name"): pgettext_noop(CONTEXT, "指標名"),
    ("SummaryEntry", "name"): pgettext_noop(CONTEXT, "指標名"),
    ("ReferenceIndicator", "name"): pgettext_noop(CONTEXT, "指標名"),
    ("Area", "title"): pgettext_noop(CONTEXT, "分野名"),
    ("Area", "number"): pgettext_noop(CONTEXT, "分野番号"),
    ("SourceEntry", "title"): pgettext_noop(CONTEXT, "資料名"),
    ("MeansYear", "budget"): pgettext_noop(CONTEXT, "予算額"),
    ("Paragraph", "means"): pgettext_noop(CONTEXT, "引用された達成手段"),
    ("Paragraph", "label"): pgettext_noop(CONTEXT, "見出し"),
    ("AchievementMeans", "outline"): pgettext_noop(CONTEXT, "達成手段の概要等"),
    ("AchievementMeans", "indicators"): pgettext_noop(CONTEXT, "関連する指標"),
    ("AchievementMeans", "name"): pgettext_noop(CONTEXT, "達成手段の名称"),
    ("IndicatorYear", "mark"): pgettext_noop(CONTEXT, "達成状況"),
    ("BudgetSheetSection", "kind"): pgettext_noop(CONTEXT, "区分"),
    ("BudgetSheetSection", "label"): pgettext_noop(CONTEXT, "区分名"),
    ("MeansCitation", "years"): pgettext_noop(CONTEXT, "年度"),
}

TRANSPARENT: frozenset[tuple[str, str]] = frozenset(
    {
        ("Budget", "years"),
        ("Indicator", "years"),
        ("ReferenceIndicator", "years"),
        ("AchievementMeans", "years"),
        ("Objective", "children"),
        ("ExpertOpinions", "opinions"),
        ("ExpertOpinion", "text"),
        ("Paragraph", "text"),
        ("RecordedGrade", "letter"),
        ("SeriesValue", "value"),
        ("MidTermTarget", "values"),
        ("MidTermTarget", "text"),
        ("BudgetSheet", "sections"),
        ("IndicatorAnalysis", "paragraphs"),
        ("IndicatorNextSteps", "paragraphs"),
        ("Cell", "status"),
        ("Cell", "value"),
    }
)
"""Fields that add no word of their own: the place is their record's (``/budget/years/2`` is
「予算 令和2年度 (2020年度)」, ``…/recorded_grade/letter`` is the 達成状況 itself)."""

_INDICATOR = pgettext_noop(CONTEXT, "測定指標{id}")
_AREA = pgettext_noop(CONTEXT, "個別分野{number}")
_OBJECTIVE = pgettext_noop(CONTEXT, "施策の目標 {number}")
_REFERENCE = pgettext_noop(CONTEXT, "参考指標{number}")
_MEANS = pgettext_noop(CONTEXT, "達成手段{number}")
_ITEM = pgettext_noop(CONTEXT, "事項 {name}")
_SUBTOTAL = pgettext_noop(CONTEXT, "{account} 小計")
_TOTAL = pgettext_noop(CONTEXT, "{account} 合計")
_PARAGRAPH = pgettext_noop(CONTEXT, "第{number}段落")
_WHOLE = pgettext_noop(CONTEXT, "文書全体")
_SECTIONS = {
    "evaluated": pgettext_noop(CONTEXT, "政策評価の対象となっているもの"),
    "not_evaluated": pgettext_noop(CONTEXT, "政策評価の対象となっていないもの"),
}
_ACCOUNTS = {"一般会計": pgettext_noop(CONTEXT, "一般会計"), "特別会計": pgettext_noop(CONTEXT, "特別会計")}


@dataclass(frozen=True)
class Place:
    """A place in both languages: ``ja`` (「予算 令和2年度 (2020年度) 当初予算」) and ``en``."""

    ja: str
    en: str

    def text(self, lang: str = SOURCE_LANGUAGE) -> str:
        return self.ja if lang == SOURCE_LANGUAGE else self.en


@dataclass
class _Words:
    """The place so far: its parts (a name each) and the qualifiers said after them in brackets."""

    parts: list[tuple[str, str]] = field(default_factory=list)
    qualifiers: list[tuple[str, str]] = field(default_factory=list)
    series: dict[str, str] = field(default_factory=dict)

    def add(self, ja: str, en: str) -> None:
        self.parts.append((ja, en))

    def named(self, text: str, **values: object) -> None:
        self.add(text.format(**values), pgettext_en(CONTEXT, text, **values))

    def replace_last(self, text: str, **values: object) -> None:
        if self.parts:
            self.parts.pop()
        self.named(text, **values)

    def append_to_last(self, ja: str, en: str) -> None:
        last_ja, last_en = self.parts.pop() if self.parts else ("", "")
        self.add(f"{last_ja} {ja}".strip(), f"{last_en} {en}".strip())

    def qualify(self, ja: str, en: str) -> None:
        self.qualifiers.append((ja, en))

    def place(self) -> Place:
        if not self.parts and not self.qualifiers:
            self.named(_WHOLE)
        ja = " ".join(p for p, _ in self.parts)
        en = ", ".join(p for _, p in self.parts)
        if self.qualifiers:
            ja += "（" + "、".join(q for q, _ in self.qualifiers) + "）"
            en += " (" + ", ".join(q for _, q in self.qualifiers) + ")"
        return Place(ja.strip(), en[:1].upper() + en[1:])


def _year(year: int) -> tuple[str, str]:
    return fiscal_year_label(year, SOURCE_LANGUAGE), fiscal_year_label(year, "en")


def _series(words: _Words, key: str | None) -> None:
    if key:
        name = words.series.get(key, "")
        words.qualify(f"{key}{name}", f"{key} {name}".strip())


def _element(words: _Words, record: str, key: str, element: Any, index: int) -> None:
    """Name the item ``index`` of the list ``key`` of a ``record``."""
    handler = _ELEMENTS.get((record, key))
    if handler is not None and element is not None:
        handler(words, element, index)
    elif isinstance(element, Paragraph):
        words.qualify(_PARAGRAPH.format(number=index + 1), pgettext_en(CONTEXT, _PARAGRAPH, number=index + 1))
    else:
        words.append_to_last(str(index + 1), str(index + 1))


def _indicator(words: _Words, element: Any, index: int) -> None:
    del index
    words.parts.clear()
    words.named(_INDICATOR, id=indicator_reference(element.id))
    words.series = {s.key: s.name for s in element.series}


def _about_indicator(what: str) -> Callable[[_Words, Any, int], None]:
    def name(words: _Words, element: Any, index: int) -> None:
        del index
        words.parts.clear()
        words.named(_INDICATOR, id=indicator_reference(element.indicator_id))
        words.named(what)

    return name


def _summary(words: _Words, element: Any, index: int) -> None:
    del index
    words.named(_INDICATOR, id=indicator_reference(element.indicator_id))


def _objective(words: _Words, element: Any, index: int) -> None:
    words.replace_last(_OBJECTIVE, number=element.number or index + 1)


def _child(words: _Words, element: Any, index: int) -> None:
    number = element.number or str(index + 1)
    words.append_to_last(number, number)


def _area(words: _Words, element: Any, index: int) -> None:
    del index
    words.replace_last(_AREA, number=element.number)


def _reference(words: _Words, element: Any, index: int) -> None:
    words.replace_last(_REFERENCE, number=index + 1)
    words.series = {s.key: s.name for s in element.series}


def _means(words: _Words, element: Any, index: int) -> None:
    number = means_key(element.number) if element.number else str(index + 1)
    words.replace_last(_MEANS, number=number)


def _budget_year(words: _Words, element: Any, index: int) -> None:
    del index
    words.add(*_year(element.fiscal_year))


def _window_year(words: _Words, element: Any, index: int) -> None:
    del index
    words.append_to_last(*_year(element))


def _indicator_year(words: _Words, element: Any, index: int) -> None:
    del index
    words.qualify(*_year(element.fiscal_year))


def _series_value(words: _Words, element: Any, index: int) -> None:
    del index
    _series(words, element.series)


def _series_entry(words: _Words, element: Any, index: int) -> None:
    del index
    _series(words, element.key)


def _other_judgment(words: _Words, element: Any, index: int) -> None:
    del index
    words.append_to_last(element.legend, element.legend)


def _section(words: _Words, element: Any, index: int) -> None:
    """The section's label as the document writes it; in English, what kind of section it is."""
    del index
    words.add(element.label, pgettext_en(CONTEXT, _SECTIONS[element.kind.value]))


def _sheet_item(words: _Words, element: Any, index: int) -> None:
    del index
    words.replace_last(_ITEM, name=element.sub_item)


def _account_line(text: str) -> Callable[[_Words, Any, int], None]:
    def name(words: _Words, element: Any, index: int) -> None:
        del index
        account = str(element.account_type)
        known = _ACCOUNTS.get(account)
        if words.parts:
            words.parts.pop()
        account_en = pgettext_en(CONTEXT, known) if known else account
        words.add(text.format(account=account), pgettext_en(CONTEXT, text, account=account_en))

    return name


def _id(words: _Words, element: Any, index: int) -> None:
    del index
    words.append_to_last(str(element), str(element))


_ELEMENTS: dict[tuple[str, str], Callable[[_Words, Any, int], None]] = {
    ("EvaluationReport", "objectives"): _objective,
    ("Objective", "children"): _child,
    ("EvaluationReport", "window"): _window_year,
    ("EvaluationReport", "areas"): _area,
    ("EvaluationReport", "results_summary"): _summary,
    ("EvaluationReport", "other_judgments"): _other_judgment,
    ("EvaluationReport", "means"): _means,
    ("Budget", "years"): _budget_year,
    ("AchievementMeans", "years"): _budget_year,
    ("AchievementMeans", "indicators"): _id,
    ("Area", "indicators"): _indicator,
    ("Area", "reference_indicators"): _reference,
    ("Area", "analysis"): _about_indicator(FIELD_NAMES["analysis"]),
    ("NextSteps", "indicators"): _about_indicator(FIELD_NAMES["next_steps"]),
    ("Indicator", "years"): _indicator_year,
    ("ReferenceIndicator", "years"): _indicator_year,
    ("Indicator", "baseline"): _series_value,
    ("Indicator", "series"): _series_entry,
    ("ReferenceIndicator", "series"): _series_entry,
    ("IndicatorYear", "targets"): _series_value,
    ("IndicatorYear", "actuals"): _series_value,
    ("ReferenceYear", "actuals"): _series_value,
    ("MidTermTarget", "values"): _series_value,
    ("BudgetSheet", "sections"): _section,
    ("BudgetSheet", "totals"): _account_line(_TOTAL),
    ("BudgetSheetSection", "items"): _sheet_item,
    ("BudgetSheetSection", "subtotals"): _account_line(_SUBTOTAL),
}
"""How an item of a list is named, by its record and list; other items: a paragraph by its number
(a qualifier, 「第2段落」), anything else by its position after the list's name."""


def _field_name(record: str, key: str) -> str | None:
    if (record, key) in TRANSPARENT:
        return None
    return _BY_RECORD.get((record, key), FIELD_NAMES.get(key))


def _segments(pointer: str) -> list[str]:
    """RFC 6901: "/areas/0/a~1b" → ["areas", "0", "a/b"]; "" and "/" → []."""
    if pointer in ("", "/"):
        return []
    return [s.replace("~1", "/").replace("~0", "~") for s in pointer.lstrip("/").split("/")]


def place_of(report: EvaluationReport, pointer: str) -> Place:
    """The place ``pointer`` names in ``report``, in both languages. A pointer that goes further
    than the report (an item no longer there, a key the model does not have) is named as far as it
    goes; "" is the whole document."""
    words = _Words()
    node: Any = report
    record, key = type(report).__name__, ""
    for segment in _segments(pointer):
        if isinstance(node, BaseModel):
            if segment not in type(node).model_fields:
                break
            record, key = type(node).__name__, segment
            name = _field_name(record, key)
            if name is not None:
                words.named(name)
            node = getattr(node, segment)
        elif isinstance(node, list) and segment.isdigit():
            index = int(segment)
            element = node[index] if index < len(node) else None
            _element(words, record, key, element, index)
            if element is None:
                break
            node = element
        else:
            break
    return words.place()


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The record a field holds, through ``list[…]``, ``… | None`` and ``Annotated[…]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


def field_name_at(segments: Sequence[str | int]) -> str | None:
    """The Japanese name of the field a path into a report ends on, by the model's records alone:
    ``["areas", 0, "title"]`` → 「分野名」, ``["budget", "years", 0, "initial", "value"]`` →
    「当初予算」 (a transparent field takes its record's name). For a report that did not validate
    (the API's 422), so there is no data to walk; ``None`` when the path names no field."""
    model: type[BaseModel] | None = EvaluationReport
    name = None
    for segment in segments:
        if isinstance(segment, int) or segment.isdigit():
            continue
        if model is None or segment not in model.model_fields:
            break
        name = _field_name(model.__name__, segment) or name
        model = _model_in(model.model_fields[segment].annotation)
    return name


def place_name(report: EvaluationReport, pointer: str, lang: str = SOURCE_LANGUAGE) -> str:
    """``place_of(report, pointer)`` in ``lang``: 「測定指標1-4 達成状況（令和元年度 (2019年度)）」,
    "Indicator 1-4, achievement (FY2019 (Reiwa 1))"."""
    return place_of(report, pointer).text(lang)
