"""A summary of an imported report: the facts a reader checks first, and counts of the findings."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from hyoka.core import Cell, EvaluationReport, Issue, Severity
from hyoka.importers import ImportResult

__all__ = ["BudgetLine", "IndicatorLine", "SheetTotal", "Summary", "summarize"]


@dataclass(frozen=True, slots=True)
class IndicatorLine:
    """A 測定指標 with the grade the ministry recorded for it."""

    area_number: int
    area_title: str
    id: str
    name: str
    is_main: bool
    kind: str
    """quantitative | qualitative"""
    grade: str | None
    """the recorded grade letter (s a b c d), None when none was recorded"""


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """施策の予算額・執行額等 for one fiscal year (unit in ``Summary.budget_unit``)."""

    fiscal_year: int
    initial: Cell
    total: Cell
    executed: Cell


@dataclass(frozen=True, slots=True)
class SheetTotal:
    """A 合計 line of the 調書 for one account type (unit in ``Summary.sheet_unit``)."""

    account_type: str
    current_initial: Cell
    next_request: Cell


@dataclass(frozen=True, slots=True)
class Summary:
    ministry: str
    report_code: str | None
    measure_number: str
    title: str
    evaluation_year: int
    window: tuple[int, ...]
    judgment_label: str | None
    """as printed, or the tier's name when no label was kept"""
    judgment_letter: str | None
    bureau: str | None
    evaluated_on: str | None
    """YYYY-MM"""
    area_count: int
    indicators: tuple[IndicatorLine, ...]
    budget_unit: str
    budget_years: tuple[BudgetLine, ...]
    has_budget_sheet: bool
    sheet_unit: str | None
    sheet_current_year: int | None
    sheet_next_year: int | None
    sheet_totals: tuple[SheetTotal, ...]
    findings_by_severity: dict[str, int]
    """every severity (error, warning, info) with its count, in that order"""
    findings_by_code: dict[str, int]
    """codes in order"""
    source_format: str
    encoding: str | None

    @property
    def finding_count(self) -> int:
        return sum(self.findings_by_severity.values())


def _indicators(report: EvaluationReport) -> tuple[IndicatorLine, ...]:
    return tuple(
        IndicatorLine(
            area_number=area.number,
            area_title=area.title,
            id=ind.id,
            name=ind.name,
            is_main=ind.is_main,
            kind=ind.kind.value,
            grade=ind.recorded_grade.letter if ind.recorded_grade else None,
        )
        for area in report.areas
        for ind in area.indicators
    )


def _finding_counts(findings: list[Issue]) -> tuple[dict[str, int], dict[str, int]]:
    by_severity = Counter(issue.severity.value for issue in findings)
    by_code = Counter(issue.code for issue in findings)
    return (
        {severity.value: by_severity.get(severity.value, 0) for severity in Severity},
        dict(sorted(by_code.items())),
    )


def summarize(result: ImportResult) -> Summary:
    report = result.report
    judgment = report.judgment
    label = judgment.label or (judgment.tier.value if judgment.tier else None)
    sheet = report.budget_sheet
    by_severity, by_code = _finding_counts(result.findings)
    return Summary(
        ministry=report.ministry,
        report_code=report.report_code,
        measure_number=report.measure_number,
        title=report.title,
        evaluation_year=report.evaluation_year,
        window=tuple(report.window),
        judgment_label=label,
        judgment_letter=judgment.letter,
        bureau=report.bureau,
        evaluated_on=report.evaluated_on,
        area_count=len(report.areas),
        indicators=_indicators(report),
        budget_unit=report.budget.unit,
        budget_years=tuple(
            BudgetLine(fiscal_year=y.fiscal_year, initial=y.initial, total=y.total, executed=y.executed)
            for y in report.budget.years
        ),
        has_budget_sheet=sheet is not None,
        sheet_unit=sheet.unit if sheet else None,
        sheet_current_year=sheet.current_year if sheet else None,
        sheet_next_year=sheet.next_year if sheet else None,
        sheet_totals=tuple(
            SheetTotal(
                account_type=line.account_type.value,
                current_initial=line.current_initial,
                next_request=line.next_request,
            )
            for line in (sheet.totals if sheet else [])
        ),
        findings_by_severity=by_severity,
        findings_by_code=by_code,
        source_format=result.source_format,
        encoding=result.encoding,
    )
