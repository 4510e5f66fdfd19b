"""The shape of hyoka's Excel workbook, which is both an export and the input template: its
sheet names, the columns of 指標データ and the labels of kinds and directions. One definition, read
by the Excel renderer that writes the workbook and by the Excel importer that reads it back."""

from __future__ import annotations

from hyoka.core.indicator import Direction, IndicatorKind

__all__ = [
    "BUDGET_SHEET",
    "DIRECTION_LABELS",
    "INDICATOR_COLUMNS",
    "INDICATOR_SHEET",
    "JSON_SHEET",
    "KIND_LABELS",
    "MEANS_SHEET",
    "PLAN_SHEET",
    "REPORT_SHEET",
    "SHEET_SHEET",
]

SHEET_SHEET = "調書"
BUDGET_SHEET = "予算"
INDICATOR_SHEET = "指標データ"
REPORT_SHEET = "評価書"
JSON_SHEET = "JSON"
PLAN_SHEET = "基準値・目標値"
"""the 事前分析表's indicator columns (基準値, 目標値, 年度ごとの目標値); written, not read back"""
MEANS_SHEET = "達成手段"
"""the 達成手段 table; written, not read back"""

INDICATOR_COLUMNS: tuple[str, ...] = (
    "個別分野",
    "指標ID",
    "指標名",
    "主要",
    "種類",
    "方向",
    "年度",
    "年度(和暦)",
    "系列",
    "系列名",
    "目標値",
    "実績値",
    "単位",
    "達成率",
    "達成状況(記録)",
    "達成状況(提案)",
)

KIND_LABELS: dict[IndicatorKind, str] = {
    IndicatorKind.QUANTITATIVE: "定量",
    IndicatorKind.QUALITATIVE: "定性",
}
DIRECTION_LABELS: dict[Direction, str] = {
    Direction.HIGHER: "高いほど良い",
    Direction.LOWER: "低いほど良い",
    Direction.WITHIN_RANGE: "範囲内",
    Direction.AT_LEAST: "以上で達成",
}
