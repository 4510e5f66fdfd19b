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
    EvaluationReport,
    Indicator,
    IndicatorKind,
    IndicatorYear,
    Issue,
    Paragraph,
    SeriesValue,
    format_fiscal_year,
)
from hyoka.rules.findings import finding
from hyoka.rules.paths import indicators
from hyoka.rules.profile import RuleProfile

__all__ = ["check_structure"]


def check_structure(report: EvaluationReport, profile: RuleProfile) -> list[Issue]:
    del profile  # no H1 check depends on a threshold or a legend
    issues: list[Issue] = []
    issues += _missing_blocks(report)
    issues += _summary_vs_areas(report)
    issues += _window_years(report)
    return issues


# --- H101 ----------------------------------------------------------------------------------------


def _missing_blocks(report: EvaluationReport) -> list[Issue]:
    issues: list[Issue] = []
    judgment = report.judgment
    if judgment.tier is None and not judgment.monitoring_only and judgment.label is None:
        issues.append(
            finding(
                "H101",
                "/judgment",
                "目標達成度の測定の結果(各行政機関共通区分)の記載がありません。",
                "The judgment (目標達成度の測定の結果) is missing.",
                at=judgment,
                context={"block": "judgment"},
            )
        )
    if not report.results_summary:
        issues.append(
            finding(
                "H101",
                "/results_summary",
                "測定指標の目標の達成状況(総括表)の記載がありません。",
                "The results summary (測定指標の目標の達成状況) is missing.",
                at=report,
                context={"block": "results_summary"},
            )
        )
    if not report.areas:
        issues.append(
            finding(
                "H101",
                "/areas",
                "個別分野(測定指標)の記載がありません。",
                "No area and no indicator (測定指標) is recorded.",
                at=report,
                context={"block": "areas"},
            )
        )
    elif not report.indicators():
        issues.append(
            finding(
                "H101",
                "/areas",
                "測定指標の記載がありません。",
                "No indicator (測定指標) is recorded in any area.",
                at=report,
                context={"block": "indicators"},
            )
        )
    if not report.budget.years:
        issues.append(
            finding(
                "H101",
                "/budget/years",
                "施策の予算額・執行額等の記載がありません。",
                "The budget table (施策の予算額・執行額等) is missing.",
                at=report.budget,
                context={"block": "budget"},
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
                        f"総括表の測定指標{entry.indicator_id}が、どの個別分野にもありません。",
                        f"Indicator {entry.indicator_id} of the results summary is in no area.",
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
                    f"測定指標{entry.indicator_id}の達成状況が、総括表では「{entry.recorded_grade}」、"
                    f"個別分野では「{section_grade}」で異なります。",
                    f"Indicator {entry.indicator_id} is graded {entry.recorded_grade!r} in the summary "
                    f"but {section_grade!r} in its section.",
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
                    f"測定指標{entry.indicator_id}は、総括表では{_main_ja(entry.is_main)}、"
                    f"個別分野では{_main_ja(indicator.is_main)}です。",
                    f"Indicator {entry.indicator_id} is {_main_en(entry.is_main)} in the summary "
                    f"but {_main_en(indicator.is_main)} in its section.",
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
                        f"測定指標{indicator.id}が総括表(測定指標の目標の達成状況)にありません。",
                        f"Indicator {indicator.id} is not in the results summary.",
                        at=indicator,
                        input=indicator.id,
                        context={"indicator_id": indicator.id, "name": indicator.name},
                    )
                )
    return issues


def _main_ja(is_main: bool) -> str:
    return "主要な測定指標(*)" if is_main else "主要な測定指標ではない(*なし)"


def _main_en(is_main: bool) -> str:
    return "a main indicator (*)" if is_main else "not a main indicator (no *)"


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


_PART_JA = {"target": "年度目標", "progress": "施策の進捗状況・実績"}
_PART_JA_QUANT = {"target": "年度目標値"}


def _year_missing(pointer: str, indicator: Indicator, fiscal_year: int) -> Issue:
    era = format_fiscal_year(fiscal_year)
    return finding(
        "H105",
        pointer,
        f"測定指標{indicator.id}に評価対象年度({era})の記載がありません。",
        f"Indicator {indicator.id} has no entry for {era} (FY{fiscal_year}), a year of the window.",
        at=indicator,
        context={
            "indicator_id": indicator.id,
            "fiscal_year": fiscal_year,
            "kind": indicator.kind.value,
            "missing": ["year"],
        },
    )


def _year_incomplete(pointer: str, indicator: Indicator, year: IndicatorYear, missing: list[str]) -> Issue:
    era = format_fiscal_year(year.fiscal_year)
    names = _PART_JA_QUANT if indicator.kind is IndicatorKind.QUANTITATIVE else _PART_JA
    what_ja = "・".join(names[m] for m in missing)
    what_en = " and ".join("no target" if m == "target" else "no progress" for m in missing)
    return finding(
        "H105",
        pointer,
        f"測定指標{indicator.id}の{era}に{what_ja}の記載がありません。",
        f"Indicator {indicator.id} has {what_en} for {era} (FY{year.fiscal_year}).",
        at=year,
        context={
            "indicator_id": indicator.id,
            "fiscal_year": year.fiscal_year,
            "kind": indicator.kind.value,
            "missing": missing,
        },
    )
