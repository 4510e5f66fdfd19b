"""A report's content as the report page shows it: its sections in reading order (施策目標, 予算,
評価結果, 学識経験を有する者の知見, each 個別分野 with its 測定指標, 分析, 次期目標 and 資料), a table
of contents, and the tables laid out for a narrow screen (one row per fiscal year).

Values hyoka inferred are marked, never shown as if the ministry had written them: a number read
from the analysis text instead of its table cell (``SeriesValue.inferred_from``, import finding
H902) and a judgment derived from a ministry's own scale (``JudgmentOrigin.DERIVED``) carry a ※
and a note 「hyoka が補った値」. The charts are images linked by address (``charts.chart_links``),
each drawn at its own request, so the page is rendered without drawing any.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

from hyoka.core import (
    AccountType,
    DocumentKind,
    EvaluationReport,
    Indicator,
    IndicatorKind,
    JudgmentOrigin,
    SeriesValue,
)
from hyoka.core.wareki import fiscal_year_span_en, format_era_date, format_year_list
from hyoka.web.reports.charts import ChartLinks, chart_image
from hyoka.web.reports.display import amount_text as amount
from hyoka.web.reports.display import judgment_label, lang, year_label

__all__ = [
    "IndicatorTable",
    "TocEntry",
    "indicator_table",
    "report_content",
]

INFERRED_MARK = "※"


@dataclass(frozen=True)
class TocEntry:
    """A line of the table of contents: the anchor, the heading and the entries under it."""

    anchor: str
    title: str
    children: list[TocEntry] = field(default_factory=list)
    document_text: str = ""
    """The report's own words after the title (an area's name): Japanese in every language."""


@dataclass(frozen=True)
class ValueText:
    """A cell as shown: the text, and the note when hyoka inferred it (empty when written)."""

    text: str
    inferred: str = ""


@dataclass
class IndicatorTable:
    """A quantitative indicator's numbers, one row per fiscal year: (year, targets, actuals, mark),
    each cell a list of ValueText (one per series); the series legend and the inferred values'
    notes. ``rows`` is empty for a qualitative indicator (it has no number table)."""

    series: list[str]
    rows: list[dict[str, Any]]
    baseline: list[ValueText]
    baseline_year: str
    mid_term: list[ValueText]
    mid_term_year: str
    """The mid-term target's year (``year_label``), else the document's words for it (「--年度」):
    ``mid_term_year_is_text`` tells which (the words are Japanese in every language)."""
    mid_term_year_is_text: bool
    inferred: list[str]

    @property
    def has_marks(self) -> bool:
        return any(row["mark"] or row["rate"] for row in self.rows)

    @property
    def has_verdicts(self) -> bool:
        return any(row["verdict"] for row in self.rows)


# --- values ---------------------------------------------------------------------------------------


SOURCE_LABELS = {"施策の分析": gettext_lazy("施策の分析")}
"""Where the importers read an inferred value from (``inferred_from``), in the active language."""


def _value(v: SeriesValue, with_series: bool) -> ValueText:
    text = amount(v.value) or v.value.raw
    if v.upper is not None and v.upper.is_value:
        text = f"{text}~{amount(v.upper)}"
    if with_series and v.series:
        text = f"{v.series} {text}"
    if v.inferred_from:
        return ValueText(
            text,
            _("hyoka が補った値：表になく、「%(source)s」の記述から読み取った値です。")
            % {"source": SOURCE_LABELS.get(v.inferred_from, v.inferred_from)},
        )
    return ValueText(text)


def _values(values: Sequence[SeriesValue], with_series: bool) -> list[ValueText]:
    return [_value(v, with_series) for v in values]


def indicator_table(ind: Indicator, verdicts: dict[int, str] | None = None) -> IndicatorTable:
    """The numbers of ``ind`` for the page (no rows for a qualitative indicator, nor for a
    quantitative one without any number); ``verdicts``: the rules' verdict per fiscal year, shown
    in a column of its own (the indicator page)."""
    with_series = len(ind.series) > 1 or any(v.series for y in ind.years for v in [*y.targets, *y.actuals])
    rows: list[dict[str, Any]] = []
    inferred: list[str] = []
    if ind.kind is IndicatorKind.QUANTITATIVE:
        for y in ind.years:
            targets = _values(y.targets, with_series)
            actuals = _values(y.actuals, with_series)
            for cell in [*targets, *actuals]:
                if cell.inferred and cell.inferred not in inferred:
                    inferred.append(cell.inferred)
            rows.append(
                {
                    "year": year_label(y.fiscal_year),
                    "targets": targets,
                    "actuals": actuals,
                    "mark": y.mark or "",
                    "rate": amount(y.achievement_rate),
                    "verdict": (verdicts or {}).get(y.fiscal_year, ""),
                }
            )
        if not any(cell.text for row in rows for cell in [*row["targets"], *row["actuals"]]):
            rows = []
    mid = ind.mid_term_target
    table = IndicatorTable(
        series=[f"{s.key} {s.name}" for s in ind.series],
        rows=rows,
        baseline=_values(ind.baseline, with_series),
        baseline_year=year_label(ind.baseline_year),
        mid_term=_values(mid.values, with_series) if mid else [],
        mid_term_year=year_label(mid.target_year) if mid and mid.target_year else "",
        mid_term_year_is_text=False,
        inferred=inferred,
    )
    if mid and not mid.target_year and mid.target_year_text:
        table.mid_term_year, table.mid_term_year_is_text = mid.target_year_text, True
    return table


# --- the report -----------------------------------------------------------------------------------


UNIT_LABELS = {"百万円": gettext_lazy("百万円"), "千円": gettext_lazy("千円")}
"""The budget units the ministries use, in the active language (any other as written)."""


def _budget(model: EvaluationReport) -> dict[str, Any] | None:
    years = model.budget.years
    if not years:
        return None
    unit = str(UNIT_LABELS.get(model.budget.unit, model.budget.unit))
    return {
        "unit": unit,
        "rows": [
            {
                "year": year_label(y.fiscal_year),
                "cells": [
                    amount(y.initial),
                    amount(y.supplementary),
                    amount(y.carryover),
                    amount(y.total),
                    amount(y.executed),
                ],
            }
            for y in years
        ],
    }


def _sheet_amount(cell: Any, inclusive: Any) -> str:
    """An amount of the 調書, with its 「<…>の内数」 share when it has one."""
    text = amount(cell)
    share = amount(inclusive)
    if not share:
        return text
    return f"{text} {_('<%(amount)s>の内数') % {'amount': share}}".strip()


_ACCOUNT_TYPES = {
    AccountType.GENERAL: pgettext_lazy("budget sheet", "一般会計"),
    AccountType.SPECIAL: pgettext_lazy("budget sheet", "特別会計"),
}
"""The account type of a 小計 or 合計 line: the form's own word, in the reader's language."""

_SECTION_LABELS = {
    "政策評価の対象となっているもの": pgettext_lazy("budget sheet", "政策評価の対象となっているもの"),
    "政策評価の対象となっていないが、ある政策に属すると整理できるもの": pgettext_lazy(
        "budget sheet", "政策評価の対象となっていないが、ある政策に属すると整理できるもの"
    ),
}
"""The form's two 区分 headings as the 調書 prints them, in the reader's language; a heading a
ministry wrote otherwise is its own text, shown as written."""


def _section_label(label: str) -> tuple[str, bool]:
    known = _SECTION_LABELS.get(label)
    return (str(known), False) if known is not None else (label, True)


def _budget_sheet(model: EvaluationReport) -> dict[str, Any] | None:
    """The 政策評価調書 (個別票): its heading facts and one row per budget line, then the subtotals
    and totals (the lines without 会計/組織/項/事項). Each cell says whether it is the ministry's
    own text (its 会計, 組織, 項, 事項: Japanese, ``lang="ja"`` in the English pages) or the form's
    word (the 区分 headings, 小計, 合計, the account type of their lines: in the reader's language)."""
    sheet = model.budget_sheet
    if sheet is None:
        return None
    rows: list[dict[str, Any]] = []

    def line(label: tuple[str, bool], cells: list[tuple[str, bool]], what: Any) -> None:
        rows.append(
            {
                "label": {"text": label[0], "document": label[1]},
                "cells": [{"text": text, "document": document and bool(text)} for text, document in cells],
                "current": _sheet_amount(what.current_initial, what.current_initial_inclusive),
                "next": _sheet_amount(what.next_request, what.next_request_inclusive),
            }
        )

    def account(what: Any) -> tuple[str, bool]:
        return str(_ACCOUNT_TYPES.get(what.account_type, what.account_type.value)), False

    blank = ("", False)
    for section in sheet.sections:
        label = _section_label(section.label)
        for item in section.items:
            cells = [item.account, item.organization, item.item, item.sub_item]
            line(label, [(text, True) for text in cells], item)
        for sub in section.subtotals:
            line(label, [(pgettext("budget sheet", "小計"), False), account(sub), blank, blank], sub)
    for total in sheet.totals:
        line((pgettext("budget sheet", "合計"), False), [account(total), blank, blank, blank], total)
    return {
        "sheet": sheet,
        "unit": str(UNIT_LABELS.get(sheet.unit, sheet.unit)),
        "current_year": year_label(sheet.current_year),
        "next_year": year_label(sheet.next_year),
        "rows": rows,
    }


def _summary(model: EvaluationReport) -> list[dict[str, Any]]:
    """The results summary grouped by 個別分野: [{number, area (its title), rows: [{id, name,
    is_main, grade}]}]."""
    groups: list[dict[str, Any]] = []
    known = {ind.id for ind in model.indicators()}
    for entry in model.results_summary:
        number = entry.area_number
        area = (entry.area_title or "") if number else ""
        if not groups or (groups[-1]["number"], groups[-1]["area"]) != (number, area):
            groups.append({"number": number, "area": area, "rows": []})
        groups[-1]["rows"].append(
            {
                "id": entry.indicator_id,
                "name": entry.name,
                "is_main": entry.is_main,
                "grade": entry.recorded_grade or "",
                "linked": entry.indicator_id in known,
            }
        )
    return groups


def _indicator(ind: Indicator, area: int, charts: ChartLinks) -> dict[str, Any]:
    chart = charts.indicators.get(ind.id)
    anchor = f"indicator-{area}-{ind.id}"
    label = _("測定指標%(id)s %(name)s のグラフ") % {"id": ind.id, "name": ind.name}
    grade = ind.recorded_grade
    return {
        "indicator": ind,
        "anchor": anchor,
        "quantitative": ind.kind is IndicatorKind.QUANTITATIVE,
        "table": indicator_table(ind),
        "chart": chart_image(chart, label) if chart else "",
        "grade": grade.letter if grade else "",
        "grade_window": year_label_list(grade.window) if grade else "",
        "texts": [
            {"year": year_label(y.fiscal_year), "targets": y.target_text, "progress": y.progress}
            for y in ind.years
            if y.target_text or y.progress
        ],
    }


def year_label_list(years: Sequence[int]) -> str:
    """A window of years: 「平成29・30・令和元年度 (2017–2019年度)」 (English: 「FY2017–2019
    (Heisei 29 – Reiwa 1)」, by ``fiscal_year_span_en``)."""
    years = list(years)
    if not years:
        return ""
    if lang() == "en":
        return fiscal_year_span_en(years)
    span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    return f"{format_year_list(years)} ({span}年度)"


def report_content(model: EvaluationReport, charts: ChartLinks) -> dict[str, Any]:
    """Everything the report page shows of the report itself, with its table of contents."""
    toc: list[TocEntry] = []
    sheet = _budget_sheet(model)
    if sheet:
        toc.append(TocEntry("budget-sheet", _("政策評価調書（個別票）")))
    if model.objectives:
        toc.append(TocEntry("objectives", _("施策目標")))
    if model.outline or model.target_rationale:
        toc.append(TocEntry("outline", pgettext("report page", "施策の概要")))
    budget = _budget(model)
    if budget:
        toc.append(TocEntry("budget", _("予算額・執行額")))
    judgment = model.judgment
    results = (
        model.kind is DocumentKind.EVALUATION
        or bool(judgment.label or judgment.rationale or model.results_summary or model.notes)
        or bool(model.other_judgments)
    )
    if results:
        toc.append(TocEntry("results", _("評価結果")))
    opinions = model.expert_opinions
    if opinions.opinions:
        toc.append(TocEntry("experts", _("学識経験を有する者の知見の活用")))
    if model.means:
        toc.append(TocEntry("means", pgettext("report page", "達成手段")))
    areas = []
    for area in model.areas:
        anchor = f"area-{area.number}"
        indicators = [_indicator(ind, area.number, charts) for ind in area.indicators]
        children = [TocEntry(i["anchor"], f"{i['indicator'].id} {i['indicator'].name}") for i in indicators]
        if area.analysis:
            children.append(TocEntry(f"{anchor}-analysis", _("施策の分析")))
        if area.next_steps.measure or area.next_steps.indicators:
            children.append(TocEntry(f"{anchor}-next", _("次期目標等への反映の方向性")))
        if area.sources:
            children.append(TocEntry(f"{anchor}-sources", _("作成にあたって使用した資料その他の情報")))
        toc.append(TocEntry(anchor, _("個別分野%(area)s") % {"area": area.number}, children, area.title))
        areas.append({"area": area, "anchor": anchor, "indicators": indicators})
    derived = judgment.origin is JudgmentOrigin.DERIVED
    evaluated = ""
    if model.evaluated_on:
        year, month = int(model.evaluated_on[:4]), int(model.evaluated_on[5:7])
        era_month = format_era_date(dt.date(year, month, 1), with_day=False)
        evaluated = f"{year}-{month:02d}" if lang() == "en" else f"{era_month} ({year}年{month}月)"

    return {
        "toc": toc,
        "results": results,
        "budget_sheet": sheet,
        "budget": budget,
        "budget_chart": chart_image(charts.budget, _("予算額・執行額の推移のグラフ"))
        if charts.budget
        else "",
        "judgment": {
            "label": judgment_label(judgment.label)
            or (_("モニタリング") if judgment.monitoring_only else ""),
            "letter": judgment.letter or "",
            "legend": judgment.legend,
            "rationale": judgment.rationale or "",
            "inferred": _("hyoka が補った値：府省独自の区分から、規則の対応表で導いた区分です。")
            if derived
            else "",
        },
        "other_judgments": [
            {
                "legend": j.legend,
                "label": j.label or "",
                "letter": j.letter or "",
                "rationale": j.rationale or "",
            }
            for j in model.other_judgments
        ],
        "window": year_label_list(model.window),
        "summary": _summary(model),
        "notes": model.notes,
        "opinions": opinions,
        "evaluated_on": evaluated,
        "areas": areas,
        "means": model.means,
        "inferred_mark": INFERRED_MARK,
    }
