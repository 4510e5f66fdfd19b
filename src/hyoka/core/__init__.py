"""The document model: reports, 調書, fiscal years and 和暦, amounts, and the Issue record.

Imports nothing of ours and no framework; no file IO.
"""

from hyoka.core.amounts import AmountError, Cell, CellStatus, parse_cell, parse_number
from hyoka.core.base import FiscalYear, Record
from hyoka.core.budget_sheet import (
    AccountType,
    BudgetSheet,
    BudgetSheetAmounts,
    BudgetSheetItem,
    BudgetSheetLine,
    BudgetSheetSection,
    SectionKind,
)
from hyoka.core.indicator import (
    Direction,
    Indicator,
    IndicatorKind,
    IndicatorYear,
    MidTermTarget,
    RecordedGrade,
    ReferenceIndicator,
    ReferenceYear,
    Series,
    SeriesValue,
)
from hyoka.core.issue import Issue, Severity
from hyoka.core.narrative import MeansCitation, Paragraph
from hyoka.core.report import (
    SCHEMA_VERSION,
    Area,
    Budget,
    BudgetYear,
    CabinetPolicy,
    EvaluationReport,
    ExpertOpinion,
    ExpertOpinions,
    IndicatorAnalysis,
    IndicatorNextSteps,
    Judgment,
    NextSteps,
    Note,
    Objective,
    SourceEntry,
    SummaryEntry,
    Tier,
)
from hyoka.core.schema import report_schema, report_schema_json
from hyoka.core.source import SourceSpan
from hyoka.core.wareki import EraYearError, format_fiscal_year, parse_era_year, to_era, to_western

__all__ = [
    "SCHEMA_VERSION",
    "AccountType",
    "AmountError",
    "Area",
    "Budget",
    "BudgetSheet",
    "BudgetSheetAmounts",
    "BudgetSheetItem",
    "BudgetSheetLine",
    "BudgetSheetSection",
    "BudgetYear",
    "CabinetPolicy",
    "Cell",
    "CellStatus",
    "Direction",
    "EraYearError",
    "EvaluationReport",
    "ExpertOpinion",
    "ExpertOpinions",
    "FiscalYear",
    "Indicator",
    "IndicatorAnalysis",
    "IndicatorKind",
    "IndicatorNextSteps",
    "IndicatorYear",
    "Issue",
    "Judgment",
    "MeansCitation",
    "MidTermTarget",
    "NextSteps",
    "Note",
    "Objective",
    "Paragraph",
    "Record",
    "RecordedGrade",
    "ReferenceIndicator",
    "ReferenceYear",
    "SectionKind",
    "Series",
    "SeriesValue",
    "Severity",
    "SourceEntry",
    "SourceSpan",
    "SummaryEntry",
    "Tier",
    "format_fiscal_year",
    "parse_cell",
    "parse_era_year",
    "parse_number",
    "report_schema",
    "report_schema_json",
    "to_era",
    "to_western",
]
