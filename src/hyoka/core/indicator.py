"""測定指標 and 参考指標: targets, progress and actuals per fiscal year and per series."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from hyoka.core.amounts import Cell
from hyoka.core.base import FiscalYear, Record
from hyoka.core.limits import MAX_ENTRIES, MAX_PARAGRAPHS, MAX_SERIES, MAX_YEARS, Name, Text
from hyoka.core.narrative import Paragraph

__all__ = [
    "Direction",
    "Indicator",
    "IndicatorKind",
    "IndicatorYear",
    "MidTermTarget",
    "RecordedGrade",
    "ReferenceIndicator",
    "ReferenceYear",
    "Series",
    "SeriesValue",
]


class IndicatorKind(StrEnum):
    QUANTITATIVE = "quantitative"
    QUALITATIVE = "qualitative"


class Direction(StrEnum):
    """Which way is better. Stored on the indicator; the rules read it."""

    HIGHER = "higher"
    LOWER = "lower"
    WITHIN_RANGE = "within_range"
    AT_LEAST = "at_least"


class Series(Record):
    """A series of one indicator, e.g. ① 一般の部 and ② 有識者の部."""

    key: Name = Field(description="its mark in the tables, e.g. ①")
    name: Name


class SeriesValue(Record):
    """A number for one series (``series`` is None for a single-series indicator)."""

    series: Name | None = None
    value: Cell
    upper: Cell | None = Field(
        default=None, description="for a target to stay within a range: its upper bound (value is the lower)"
    )
    inferred_from: Text | None = Field(
        default=None, description="set when the value was not in its table cell but stated in the text"
    )


class MidTermTarget(Record):
    """中期目標(値): the text or value, and the target year when stated (「--年度」 stays None)."""

    text: Text | None = None
    target_year: FiscalYear | None = None
    target_year_text: Name | None = None
    values: list[SeriesValue] = Field(default_factory=list, max_length=MAX_SERIES)


class IndicatorYear(Record):
    """One fiscal year of an indicator: the annual target, the progress, and the numbers; and,
    where a ministry records them per year, its 達成 mark (◎○△×-, 達成/未達成) and 達成率."""

    fiscal_year: FiscalYear
    target_text: list[Paragraph] = Field(
        default_factory=list, max_length=MAX_PARAGRAPHS, description="年度目標"
    )
    progress: list[Paragraph] = Field(
        default_factory=list, max_length=MAX_PARAGRAPHS, description="施策の進捗状況・実績"
    )
    targets: list[SeriesValue] = Field(default_factory=list, max_length=MAX_SERIES, description="年度目標値")
    actuals: list[SeriesValue] = Field(default_factory=list, max_length=MAX_SERIES, description="実績値")
    mark: Name | None = Field(
        default=None, description="the year's 達成 mark as written: ◎, ○, △, ×, -, 達成"
    )
    achievement_rate: Cell | None = Field(default=None, description="達成率 (%) as written")


class RecordedGrade(Record):
    """The grade the ministry recorded (達成状況) for the evaluation window."""

    letter: Name = Field(min_length=1, description="as printed; the rules check it against the legend")
    window: list[FiscalYear] = Field(default_factory=list, max_length=MAX_YEARS)


class Indicator(Record):
    """A 測定指標. ``id`` is kept as the document writes it, in whatever numbering the ministry
    uses (1-3, 1, Ⅰ-9-1-1, 指標7, 達成目標1-指標3); ``sort_key`` orders ids of any numbering."""

    id: Name = Field(pattern=r"\S", description="as written, e.g. 1-3, 指標7, Ⅰ-9-1-1 (not blank)")
    name: Name
    is_main: bool = Field(default=False, description="主要な測定指標 (*)")
    kind: IndicatorKind
    direction: Direction = Direction.HIGHER
    notes: list[Text] = Field(default_factory=list, max_length=MAX_ENTRIES, description="注")
    data_source: Name | None = Field(default=None, description="出典")
    series: list[Series] = Field(default_factory=list, max_length=MAX_SERIES)
    mid_term_target: MidTermTarget | None = None
    baseline: list[SeriesValue] = Field(
        default_factory=list, max_length=MAX_SERIES, description="基準値, per series"
    )
    baseline_year: FiscalYear | None = Field(default=None, description="the year of the 基準値")
    years: list[IndicatorYear] = Field(default_factory=list, max_length=MAX_YEARS)
    recorded_grade: RecordedGrade | None = None
    selection_reason: list[Paragraph] = Field(
        default_factory=list, max_length=MAX_PARAGRAPHS, description="測定指標の選定理由・目標値の設定根拠"
    )


class ReferenceYear(Record):
    fiscal_year: FiscalYear
    actuals: list[SeriesValue] = Field(default_factory=list, max_length=MAX_SERIES)


class ReferenceIndicator(Record):
    """参考指標: shown for context, never graded."""

    name: Name
    notes: list[Text] = Field(default_factory=list, max_length=MAX_ENTRIES)
    data_source: Name | None = None
    series: list[Series] = Field(default_factory=list, max_length=MAX_SERIES)
    years: list[ReferenceYear] = Field(default_factory=list, max_length=MAX_YEARS)
