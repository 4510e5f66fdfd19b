"""The CSV tables' column dictionary: each column's Japanese title (the header row people read) and
its English key (the stable name programs use), as docs/open-data.md lists them.

A second header row would break every CSV reader, so the English keys are in a file of their own,
``columns.csv``, shipped with the tables: one row per table × column, ``ファイル,列名,キー`` (file, the
Japanese title as in the header, the English key). A program reads it once and maps the header.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

__all__ = ["COLUMNS_FILE", "COLUMN_TITLES", "column_rows", "titles"]

COLUMNS_FILE = "columns.csv"

_AMOUNTS = {
    "initial": "当初予算(a)",
    "supplementary": "補正予算(b)",
    "carryover": "繰越し等(c)",
    "total": "合計(a+b+c)",
    "executed": "執行額",
    "current_initial": "当初予算額",
    "current_initial_inclusive": "当初予算額（の内数）",
    "next_request": "概算要求額",
    "next_request_inclusive": "概算要求額（の内数）",
}

COLUMN_TITLES: Mapping[str, str] = MappingProxyType(
    {
        "measure_number": "施策番号",
        "report_code": "評価書番号",
        "evaluation_year": "評価年度",
        "document_kind": "文書の種類",
        "area": "個別分野番号",
        "area_title": "個別分野名",
        "indicator_id": "測定指標番号",
        "indicator_name": "測定指標名",
        "is_main": "主要な測定指標",
        "kind": "指標の種類",
        "direction": "望ましい方向",
        "fiscal_year": "年度",
        "fiscal_year_ja": "年度（和暦）",
        "series": "系列",
        "series_name": "系列名",
        "target": "年度目標値",
        "target_upper": "年度目標値（上限）",
        "actual": "実績値",
        "unit": "単位",
        "target_status": "年度目標値の状態",
        "actual_status": "実績値の状態",
        "target_inferred_from": "年度目標値の読取り元",
        "actual_inferred_from": "実績値の読取り元",
        "baseline": "基準値",
        "baseline_status": "基準値の状態",
        "baseline_inferred_from": "基準値の読取り元",
        "baseline_year": "基準年度",
        "baseline_year_ja": "基準年度（和暦）",
        "final_target": "目標値",
        "final_target_upper": "目標値（上限）",
        "final_target_status": "目標値の状態",
        "final_target_inferred_from": "目標値の読取り元",
        "final_target_text": "目標（文章）",
        "final_target_year": "目標年度",
        "final_target_year_ja": "目標年度（和暦）",
        "final_target_year_text": "目標年度（記載）",
        "rate": "達成率",
        "grade_recorded": "達成状況（記録）",
        "grade_proposed": "達成状況（提案）",
        "section": "区分",
        "section_label": "区分の見出し",
        "line_type": "行の種類",
        "account": "会計",
        "organization": "組織／勘定",
        "item": "項",
        "sub_item": "事項",
        "other_sheet_ref": "他に記載のある個別票の番号",
        "account_type": "会計区分",
        "current_year": "当年度",
        "next_year": "要求年度",
        "means_number": "達成手段番号",
        "means_name": "達成手段の名称",
        "means_started": "開始年度",
        "means_budget": "予算額",
        "means_budget_status": "予算額の状態",
        "means_indicators": "関連する指標",
        "review_number": "行政事業レビュー事業番号",
        "means_outline": "達成手段の概要等",
        "means_notes": "達成手段の注記",
        **_AMOUNTS,
        **{f"{key}_status": f"{title}の状態" for key, title in _AMOUNTS.items()},
    }
)
"""English key → Japanese title, for every column of every table (a key has one title everywhere)."""


def titles(columns: Sequence[str]) -> list[str]:
    """The header row of a table: the Japanese title of each of its columns (keys), in order."""
    return [COLUMN_TITLES[key] for key in columns]


def column_rows(tables: Mapping[str, Sequence[str]]) -> list[tuple[str, str, str]]:
    """The rows of ``columns.csv`` for tables (file name → column keys): file, title, key."""
    return [(name, COLUMN_TITLES[key], key) for name, columns in tables.items() for key in columns]
