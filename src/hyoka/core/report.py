"""政策評価書: one measure (施策), one evaluation year, with its 調書 when filed together."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from hyoka.core.amounts import Cell
from hyoka.core.base import FiscalYear, Record, YearMonth
from hyoka.core.budget_sheet import BudgetSheet
from hyoka.core.indicator import Indicator, ReferenceIndicator
from hyoka.core.limits import (
    MAX_AREAS,
    MAX_ENTRIES,
    MAX_INDICATORS,
    MAX_OBJECTIVE_DEPTH,
    MAX_PARAGRAPHS,
    MAX_YEARS,
    Name,
    Text,
)
from hyoka.core.narrative import Paragraph

__all__ = [
    "SCHEMA_VERSION",
    "Area",
    "Budget",
    "BudgetYear",
    "CabinetPolicy",
    "EvaluationReport",
    "ExpertOpinion",
    "ExpertOpinions",
    "IndicatorAnalysis",
    "IndicatorNextSteps",
    "Judgment",
    "NextSteps",
    "Note",
    "Objective",
    "SourceEntry",
    "SummaryEntry",
    "Tier",
    "objective_depth",
]

SCHEMA_VERSION = "1"


class Tier(StrEnum):
    """各行政機関共通区分: the 5-tier judgment shared by every ministry."""

    EXCEEDED = "目標超過達成"
    ACHIEVED = "目標達成"
    SUBSTANTIAL_PROGRESS = "相当程度進展あり"
    LIMITED_PROGRESS = "進展が大きくない"
    NOT_PROGRESSING = "目標に向かっていない"


class Objective(Record):
    """施策目標, numbered and nested: 「1 …」 with 「(1) …」 under it."""

    number: Name | None = None
    text: Text
    children: list[Objective] = Field(default_factory=list, max_length=MAX_ENTRIES)


def objective_depth(objectives: list[Objective]) -> int:
    """How deeply objectives are nested (none: 0, 「1」 alone: 1, 「1」 with 「(1)」 under it: 2)."""
    depth = 0
    level = [(o, 1) for o in objectives]
    while level:
        objective, at = level.pop()
        depth = max(depth, at)
        level.extend((child, at + 1) for child in objective.children)
    return depth


class BudgetYear(Record):
    """施策の予算額・執行額等 for one fiscal year (unit in ``Budget.unit``)."""

    fiscal_year: FiscalYear
    initial: Cell = Field(default_factory=Cell.empty, description="当初予算(a)")
    supplementary: Cell = Field(default_factory=Cell.empty, description="補正予算(b)")
    carryover: Cell = Field(default_factory=Cell.empty, description="繰越し等(c)")
    total: Cell = Field(default_factory=Cell.empty, description="合計(a+b+c)")
    executed: Cell = Field(default_factory=Cell.empty, description="執行額")


class Budget(Record):
    unit: Name = "百万円"
    years: list[BudgetYear] = Field(default_factory=list, max_length=MAX_YEARS)


class Judgment(Record):
    """目標達成度の測定の結果. ``tier`` None with ``monitoring_only`` for a monitoring year."""

    legend: Name = Field(default="各行政機関共通区分")
    tier: Tier | None = None
    label: Name | None = Field(default=None, description="the label as printed")
    letter: Name | None = None
    monitoring_only: bool = False
    rationale: Text | None = Field(default=None, description="判断根拠")


class SummaryEntry(Record):
    """A row of the results summary (測定指標の…目標の達成状況)."""

    area_number: int | None = None
    area_title: Name | None = None
    indicator_id: Name
    name: Name
    is_main: bool = False
    recorded_grade: Name | None = None


class Note(Record):
    """(注1), (注2), (※): a note on the evaluation sheet."""

    mark: Name
    text: Text


class ExpertOpinion(Record):
    text: Text


class ExpertOpinions(Record):
    """学識経験を有する者の知見の活用: the group heard, and each opinion as its own entry."""

    group: Name | None = None
    opinions: list[ExpertOpinion] = Field(default_factory=list, max_length=MAX_ENTRIES)


class CabinetPolicy(Record):
    """関連する内閣の重要政策: a speech or plan, its date and the section cited."""

    name: Name
    date: dt.date | None = None
    section: Name | None = None


class IndicatorAnalysis(Record):
    """施策の分析 for one indicator (【測定指標 1-1 …】)."""

    indicator_id: Name
    heading: Name
    paragraphs: list[Paragraph] = Field(default_factory=list, max_length=MAX_PARAGRAPHS)


class IndicatorNextSteps(Record):
    indicator_id: Name
    heading: Name
    paragraphs: list[Paragraph] = Field(default_factory=list, max_length=MAX_PARAGRAPHS)


class NextSteps(Record):
    """次期目標等への反映の方向性: for the measure (【施策】) and for each indicator (【測定指標】)."""

    measure: list[Paragraph] = Field(default_factory=list, max_length=MAX_PARAGRAPHS)
    indicators: list[IndicatorNextSteps] = Field(default_factory=list, max_length=MAX_INDICATORS)


class SourceEntry(Record):
    """作成にあたって使用した資料その他の情報: a publication or page, with its URL and date."""

    publisher: Name | None = Field(default=None, description="e.g. 外務省ホームページ")
    title: Name
    url: Name | None = None
    date: dt.date | None = None


class Area(Record):
    """個別分野: a sub-area of a measure with its own indicators and results."""

    number: int
    title: Name
    outline: list[Paragraph] = Field(
        default_factory=list, max_length=MAX_PARAGRAPHS, description="施策の概要"
    )
    cabinet_policies: list[CabinetPolicy] = Field(default_factory=list, max_length=MAX_ENTRIES)
    indicators: list[Indicator] = Field(default_factory=list, max_length=MAX_INDICATORS)
    reference_indicators: list[ReferenceIndicator] = Field(default_factory=list, max_length=MAX_INDICATORS)
    analysis: list[IndicatorAnalysis] = Field(default_factory=list, max_length=MAX_INDICATORS)
    next_steps: NextSteps = Field(default_factory=NextSteps)
    sources: list[SourceEntry] = Field(default_factory=list, max_length=MAX_ENTRIES)


class EvaluationReport(Record):
    """政策評価書 of one measure for one evaluation year."""

    schema_version: Name = SCHEMA_VERSION
    ministry: Name
    report_code: Name | None = Field(default=None, description="e.g. 外務省 1-I-2")
    measure_number: Name = Field(description="e.g. I-2")
    title: Name = Field(description="施策名")
    evaluation_year: FiscalYear
    window: list[FiscalYear] = Field(
        default_factory=list, max_length=MAX_YEARS, description="fiscal years evaluated"
    )
    objectives: list[Objective] = Field(default_factory=list, max_length=MAX_ENTRIES)
    budget: Budget = Field(default_factory=Budget)
    judgment: Judgment = Field(default_factory=Judgment)
    results_summary: list[SummaryEntry] = Field(default_factory=list, max_length=MAX_ENTRIES)
    notes: list[Note] = Field(default_factory=list, max_length=MAX_ENTRIES)
    expert_opinions: ExpertOpinions = Field(default_factory=ExpertOpinions)
    bureau: Name | None = Field(default=None, description="担当部局名")
    evaluated_on: YearMonth | None = Field(default=None, description="政策評価実施時期")
    areas: list[Area] = Field(default_factory=list, max_length=MAX_AREAS)
    budget_sheet: BudgetSheet | None = None

    @model_validator(mode="after")
    def _objectives_depth(self) -> EvaluationReport:
        depth = objective_depth(self.objectives)
        if depth > MAX_OBJECTIVE_DEPTH:
            raise PydanticCustomError(
                "objective_depth",
                "objectives are nested {actual_depth} deep, at most {max_depth} allowed",
                {"actual_depth": depth, "max_depth": MAX_OBJECTIVE_DEPTH},
            )
        return self

    def indicators(self) -> list[Indicator]:
        return [ind for area in self.areas for ind in area.indicators]

    def indicator(self, indicator_id: str) -> Indicator:
        for ind in self.indicators():
            if ind.id == indicator_id:
                return ind
        raise KeyError(indicator_id)
