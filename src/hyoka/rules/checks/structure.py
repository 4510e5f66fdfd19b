"""H1 structure checks: required blocks, the results summary against the areas, and the window years.

* H101 a required block is missing (judgment, results summary, indicators, budget years);
* H102 an indicator only in the results summary, or only in its area;
* H103 the summary's grade differs from the section's recorded grade;
* H104 the summary's main flag (*) differs from the section's;
* H105 a fiscal year of the evaluation window without a target or without progress.
"""

from __future__ import annotations

from collections.abc import Sequence

from hyoka.core import (
    DocumentKind,
    EvaluationReport,
    Indicator,
    IndicatorKind,
    IndicatorYear,
    Issue,
    Paragraph,
    Record,
    SeriesValue,
    Severity,
)
from hyoka.core.i18n import gettext_en, gettext_noop
from hyoka.rules.findings import finding
from hyoka.rules.paths import indicators
from hyoka.rules.profile import RuleProfile
from hyoka.rules.reasons import year_values
from hyoka.rules.registry import declare

__all__ = ["CODES", "check_structure"]

CODES = declare(
    "H1",
    ("H101", Severity.ERROR, gettext_noop("必須の記載がない")),
    ("H102", Severity.ERROR, gettext_noop("指標が総括表と個別分野の一方にしかない")),
    ("H103", Severity.ERROR, gettext_noop("総括表と個別分野で達成状況が異なる")),
    ("H104", Severity.ERROR, gettext_noop("総括表と個別分野で主要指標(*)の別が異なる")),
    ("H105", Severity.WARNING, gettext_noop("評価対象年度の目標または実績がない")),
)
"""The codes this family emits (``hyoka.rules.codes.CODES`` gathers every family's)."""


def check_structure(report: EvaluationReport, profile: RuleProfile) -> list[Issue]:
    del profile  # no H1 check depends on a threshold or a legend
    issues: list[Issue] = []
    issues += _missing_blocks(report)
    issues += _summary_vs_areas(report)
    issues += _window_years(report)
    return issues


# --- H101 ----------------------------------------------------------------------------------------


def _missing(location: str, block: str, message: str, at: Record) -> Issue:
    """H101 for one block the report does not have: the context names the block."""
    return finding("H101", location, message, at=at, context={"block": block})


_BLOCKS: dict[DocumentKind, frozenset[str]] = {
    DocumentKind.EVALUATION: frozenset({"judgment", "results_summary", "areas", "budget"}),
    DocumentKind.PRE_ANALYSIS: frozenset({"areas"}),
    DocumentKind.BUDGET_SHEET: frozenset({"budget"}),
}
"""The blocks each kind of document has (docs/findings/H101.md): a 事前分析表 is written before the
window, so it has its 測定指標 but no judgment and no 総括表; a 調書 filed on its own is its budget."""


def _missing_blocks(report: EvaluationReport) -> list[Issue]:
    issues: list[Issue] = []
    required = _BLOCKS[report.kind]
    judgment = report.judgment
    if (
        "judgment" in required
        and judgment.tier is None
        and not judgment.monitoring_only
        and judgment.label is None
    ):
        issues.append(
            _missing(
                "/judgment",
                "judgment",
                gettext_noop("目標達成度の測定の結果(各行政機関共通区分)の記載がありません。"),
                judgment,
            )
        )
    if "results_summary" in required and not report.results_summary:
        issues.append(
            _missing(
                "/results_summary",
                "results_summary",
                gettext_noop("測定指標の目標の達成状況(総括表)の記載がありません。"),
                report,
            )
        )
    if "areas" in required:
        if not report.areas:
            issues.append(
                _missing("/areas", "areas", gettext_noop("個別分野(測定指標)の記載がありません。"), report)
            )
        elif not report.indicators():
            issues.append(
                _missing("/areas", "indicators", gettext_noop("測定指標の記載がありません。"), report)
            )
    if "budget" in required and not report.budget.years:
        issues.append(
            _missing(
                "/budget/years",
                "budget",
                gettext_noop("施策の予算額・執行額等の記載がありません。"),
                report.budget,
            )
        )
    return issues


# --- H102, H103, H104 ----------------------------------------------------------------------------


def _summary_vs_areas(report: EvaluationReport) -> list[Issue]:
    """The summary against the areas. A side that is missing altogether is H101's; it is not
    repeated here once per indicator."""
    issues: list[Issue] = []
    by_id: dict[str, tuple[str, Indicator]] = {}
    for pointer, indicator in indicators(report):
        by_id.setdefault(indicator.id, (pointer, indicator))
    in_summary = {entry.indicator_id for entry in report.results_summary}

    for s, entry in enumerate(report.results_summary):
        where = f"/results_summary/{s}"
        found = by_id.get(entry.indicator_id)
        if found is None:
            if by_id:
                issues.append(
                    finding(
                        "H102",
                        where,
                        gettext_noop("総括表の測定指標{indicator}が、どの個別分野にもありません。"),
                        indicator=entry.indicator_id,
                        at=entry,
                        input=entry.indicator_id,
                        context={"indicator_id": entry.indicator_id, "name": entry.name},
                    )
                )
            continue
        pointer, indicator = found
        section_grade = indicator.recorded_grade.letter if indicator.recorded_grade is not None else None
        if (
            entry.recorded_grade is not None
            and section_grade is not None
            and entry.recorded_grade.strip() != section_grade.strip()
        ):
            issues.append(
                finding(
                    "H103",
                    where,
                    gettext_noop(
                        "測定指標{indicator}の達成状況が、総括表では「{summary_grade}」、"
                        "個別分野では「{section_grade}」で異なります。"
                    ),
                    indicator=entry.indicator_id,
                    summary_grade=entry.recorded_grade,
                    section_grade=section_grade,
                    at=entry,
                    input=entry.recorded_grade,
                    context={
                        "indicator_id": entry.indicator_id,
                        "summary_grade": entry.recorded_grade,
                        "section_grade": section_grade,
                        "indicator": pointer,
                    },
                )
            )
        if entry.is_main != indicator.is_main:
            issues.append(
                finding(
                    "H104",
                    where,
                    gettext_noop("測定指標{indicator}は、総括表では{summary}、個別分野では{section}です。"),
                    indicator=entry.indicator_id,
                    summary=_main_ja(entry.is_main),
                    section=_main_ja(indicator.is_main),
                    summary_en=gettext_en(_main_ja(entry.is_main)),
                    section_en=gettext_en(_main_ja(indicator.is_main)),
                    at=entry,
                    context={
                        "indicator_id": entry.indicator_id,
                        "summary_is_main": entry.is_main,
                        "section_is_main": indicator.is_main,
                        "indicator": pointer,
                    },
                )
            )

    if report.results_summary:
        for pointer, indicator in indicators(report):
            if indicator.id not in in_summary:
                issues.append(
                    finding(
                        "H102",
                        pointer,
                        gettext_noop("測定指標{indicator}が総括表(測定指標の目標の達成状況)にありません。"),
                        indicator=indicator.id,
                        at=indicator,
                        input=indicator.id,
                        context={"indicator_id": indicator.id, "name": indicator.name},
                    )
                )
    return issues


def _main_ja(is_main: bool) -> str:
    return gettext_noop("主要な測定指標(*)") if is_main else gettext_noop("主要な測定指標ではない(*なし)")


# --- H105 ----------------------------------------------------------------------------------------


def _window_years(report: EvaluationReport) -> list[Issue]:
    issues: list[Issue] = []
    for pointer, indicator in indicators(report):
        years = {year.fiscal_year: (y, year) for y, year in reversed(list(enumerate(indicator.years)))}
        for fiscal_year in report.window:
            found = years.get(fiscal_year)
            if found is None:
                issues.append(_year_missing(pointer, indicator, fiscal_year))
                continue
            y, year = found
            missing = _missing_parts(indicator.kind, year)
            if missing:
                issues.append(_year_incomplete(f"{pointer}/years/{y}", indicator, year, missing))
    return issues


def _missing_parts(kind: IndicatorKind, year: IndicatorYear) -> list[str]:
    if kind is IndicatorKind.QUANTITATIVE:
        return [] if _has_value(year.targets) else ["target"]
    missing: list[str] = []
    if _blank(year.target_text):
        missing.append("target")
    if _blank(year.progress):
        missing.append("progress")
    return missing


def _has_value(values: Sequence[SeriesValue]) -> bool:
    return any(v.value.is_value for v in values)


def _blank(paragraphs: Sequence[Paragraph]) -> bool:
    return all(not p.text.strip() for p in paragraphs)


_INCOMPLETE = {
    (True, ("target",)): gettext_noop("測定指標{indicator}の{era}に年度目標値の記載がありません。"),
    (False, ("target",)): gettext_noop("測定指標{indicator}の{era}に年度目標の記載がありません。"),
    (False, ("progress",)): gettext_noop(
        "測定指標{indicator}の{era}に施策の進捗状況・実績の記載がありません。"
    ),
    (False, ("target", "progress")): gettext_noop(
        "測定指標{indicator}の{era}に年度目標・施策の進捗状況・実績の記載がありません。"
    ),
}
"""H105's message for a year with parts missing, by (quantitative, the parts missing)."""


def _year_missing(pointer: str, indicator: Indicator, fiscal_year: int) -> Issue:
    return finding(
        "H105",
        pointer,
        gettext_noop("測定指標{indicator}に評価対象年度({era})の記載がありません。"),
        indicator=indicator.id,
        **year_values("era", fiscal_year),
        at=indicator,
        context={
            "indicator_id": indicator.id,
            "fiscal_year": fiscal_year,
            "kind": indicator.kind.value,
            "missing": ["year"],
        },
    )


def _year_incomplete(pointer: str, indicator: Indicator, year: IndicatorYear, missing: list[str]) -> Issue:
    return finding(
        "H105",
        pointer,
        _INCOMPLETE[indicator.kind is IndicatorKind.QUANTITATIVE, tuple(missing)],
        indicator=indicator.id,
        **year_values("era", year.fiscal_year),
        at=year,
        context={
            "indicator_id": indicator.id,
            "fiscal_year": year.fiscal_year,
            "kind": indicator.kind.value,
            "missing": missing,
        },
    )
