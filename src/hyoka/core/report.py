"""政策評価書, 政策評価調書 and 事前分析表 of one measure (施策) for one evaluation year.

One record holds all three kinds of document (``kind``): they share the measure, its indicators,
its budget and its 達成手段, and a document of one kind often carries parts of another (the
評価書 with its 調書). A part the document does not hold stays empty; the importer says so in a
finding. See docs/model.md.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, Literal

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
    MAX_JUDGMENTS,
    MAX_OBJECTIVE_DEPTH,
    MAX_PARAGRAPHS,
    MAX_YEARS,
    Name,
    Text,
)
from hyoka.core.means import AchievementMeans
from hyoka.core.narrative import Paragraph

__all__ = [
    "READABLE_SCHEMA_VERSIONS",
    "SCHEMA_VERSION",
    "Area",
    "Budget",
    "BudgetYear",
    "CabinetPolicy",
    "DocumentKind",
    "EvaluationReport",
    "ExpertOpinion",
    "ExpertOpinions",
    "IndicatorAnalysis",
    "IndicatorNextSteps",
    "Judgment",
    "JudgmentOrigin",
    "NextSteps",
    "Note",
    "Objective",
    "SourceEntry",
    "SummaryEntry",
    "Tier",
    "objective_depth",
]

SCHEMA_VERSION: Literal["2"] = "2"
"""2 (令和8年12月): the document kind, 達成手段, ids in any numbering, per-year marks and 達成率,
a ministry's own judgment beside the shared one, the 事前分析表's fields. Every field added has a
default, so a version 1 document reads unchanged and is upgraded as it is read."""

READABLE_SCHEMA_VERSIONS = ("1", "2")


class DocumentKind(StrEnum):
    """Which document this is. The model is the same; what the document holds differs."""

    EVALUATION = "評価書"
    """政策評価書 (実績評価書, 事後評価書): the results of the evaluation window, judged."""
    BUDGET_SHEET = "政策評価調書"
    """政策評価調書 filed on its own with the budget request: the measure's budget lines."""
    PRE_ANALYSIS = "事前分析表"
    """事前分析表: the targets, indicators and 達成手段 set before the window, not yet judged."""


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


class JudgmentOrigin(StrEnum):
    """Where a judgment comes from: the document, or hyoka (derived from another scale by a rule
    profile's mapping; shown marked as hyoka's, never as if the ministry had written it)."""

    DOCUMENT = "document"
    DERIVED = "derived"


class Judgment(Record):
    """目標達成度の測定の結果. ``tier`` None with ``monitoring_only`` for a monitoring year.

    ``legend`` names the scale: 各行政機関共通区分 (the shared five tiers, ``tier``) or a
    ministry's own (厚生労働省's 総合判定 A/B/C: ``letter`` and ``label``, with ``tier`` None)."""

    legend: Name = Field(default="各行政機関共通区分")
    tier: Tier | None = None
    label: Name | None = Field(default=None, description="the label as printed")
    letter: Name | None = None
    monitoring_only: bool = False
    rationale: Text | None = Field(default=None, description="判断根拠")
    origin: JudgmentOrigin = JudgmentOrigin.DOCUMENT


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
    """One document of one measure for one evaluation year: a 評価書, a 調書 or a 事前分析表.

    ``measure_number`` and ``title`` are empty strings when the document does not state them (a
    調書 cut from its report); the importer reports that as a finding."""

    schema_version: Literal["1", "2"] = Field(
        default=SCHEMA_VERSION, description="the model version written; version 1 is read as 2"
    )
    kind: DocumentKind = DocumentKind.EVALUATION
    ministry: Name
    report_code: Name | None = Field(default=None, description="e.g. 外務省 1-I-2")
    measure_number: Name = Field(description="e.g. I-2; empty when not stated")
    title: Name = Field(description="施策名 (政策名); empty when not stated")
    evaluation_year: FiscalYear
    window: list[FiscalYear] = Field(
        default_factory=list, max_length=MAX_YEARS, description="fiscal years evaluated"
    )
    objectives: list[Objective] = Field(default_factory=list, max_length=MAX_ENTRIES)
    budget: Budget = Field(default_factory=Budget)
    judgment: Judgment = Field(default_factory=Judgment)
    other_judgments: list[Judgment] = Field(
        default_factory=list,
        max_length=MAX_JUDGMENTS,
        description="a ministry's own scale, beside the shared one",
    )
    results_summary: list[SummaryEntry] = Field(default_factory=list, max_length=MAX_ENTRIES)
    notes: list[Note] = Field(default_factory=list, max_length=MAX_ENTRIES)
    expert_opinions: ExpertOpinions = Field(default_factory=ExpertOpinions)
    bureau: Name | None = Field(default=None, description="担当部局名")
    evaluated_on: YearMonth | None = Field(default=None, description="政策評価実施時期")
    areas: list[Area] = Field(default_factory=list, max_length=MAX_AREAS)
    budget_sheet: BudgetSheet | None = None
    means: list[AchievementMeans] = Field(
        default_factory=list, max_length=MAX_ENTRIES, description="達成手段"
    )
    means_unit: Name = Field(default="百万円", description="the unit of the 達成手段 amounts")
    outline: list[Paragraph] = Field(
        default_factory=list, max_length=MAX_PARAGRAPHS, description="施策の概要 (of the whole measure)"
    )
    target_rationale: list[Paragraph] = Field(
        default_factory=list, max_length=MAX_PARAGRAPHS, description="目標設定の考え方・根拠"
    )
    responsible: Name | None = Field(default=None, description="作成責任者名")
    planned_evaluation: Name | None = Field(default=None, description="政策評価実施予定時期, as written")

    @model_validator(mode="before")
    @classmethod
    def _upgrade(cls, data: Any) -> Any:
        """Read every readable schema version as the current one; refuse a newer one by name."""
        if not isinstance(data, dict):
            return data
        version = data.get("schema_version", SCHEMA_VERSION)
        if version not in READABLE_SCHEMA_VERSIONS:
            raise PydanticCustomError(
                "schema_version",
                "schema_version {version} is not one this hyoka reads (it reads {readable})",
                {"version": str(version)[:20], "readable": ", ".join(READABLE_SCHEMA_VERSIONS)},
            )
        if version != SCHEMA_VERSION:
            data = {**data, "schema_version": SCHEMA_VERSION}
        return data

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
