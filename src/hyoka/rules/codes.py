"""The registry of finding codes the rules emit: code, severity, family and title.

Every code here has its page ``docs/findings/<code>.md`` (a test keeps them in step). Import
findings (H9) are made by the importers; they are listed here too, so one table names them all.
"""

from __future__ import annotations

from dataclasses import dataclass

from hyoka.core import Severity

__all__ = ["CODES", "FindingCode", "code"]


@dataclass(frozen=True, slots=True)
class FindingCode:
    code: str
    severity: Severity
    family: str
    title: str
    title_en: str


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

CODES: dict[str, FindingCode] = {
    c.code: c
    for c in (
        # H1 structure
        FindingCode("H101", _E, "H1", "必須の記載がない", "A required block is missing"),
        FindingCode(
            "H102",
            _E,
            "H1",
            "指標が総括表と個別分野の一方にしかない",
            "An indicator is only in the summary or only in its area",
        ),
        FindingCode(
            "H103",
            _E,
            "H1",
            "総括表と個別分野で達成状況が異なる",
            "The summary's grade differs from the section's",
        ),
        FindingCode(
            "H104",
            _E,
            "H1",
            "総括表と個別分野で主要指標(*)の別が異なる",
            "The summary's main flag (*) differs from the section's",
        ),
        FindingCode(
            "H105",
            _W,
            "H1",
            "評価対象年度の目標または実績がない",
            "A year of the window has no target or no progress",
        ),
        # H2 arithmetic
        FindingCode(
            "H201", _E, "H2", "予算の合計が内訳の和と一致しない", "A budget total differs from a+b+c"
        ),
        FindingCode("H202", _E, "H2", "執行額が予算の合計を超えている", "Executed exceeds the total budget"),
        FindingCode("H203", _W, "H2", "執行率が極端に低い", "An implausibly low execution rate"),
        FindingCode(
            "H204",
            _E,
            "H2",
            "調書の小計が事項の和と一致しない",
            "A 調書 subtotal differs from the sum of its items",
        ),
        FindingCode(
            "H205",
            _E,
            "H2",
            "調書の合計が小計の和と一致しない",
            "A 調書 total differs from the sum of its subtotals",
        ),
        FindingCode(
            "H206",
            _W,
            "H2",
            "調書の当初予算額と評価書の予算額が一致しない",
            "The 調書's initial budget disagrees with the report's budget table",
        ),
        # H3 grades
        FindingCode(
            "H301",
            _W,
            "H3",
            "記録された達成状況が規則による提案と異なる",
            "A recorded indicator grade differs from the proposal",
        ),
        FindingCode(
            "H302",
            _W,
            "H3",
            "目標達成度の測定結果が規則による提案と異なる",
            "The recorded overall judgment differs from the proposal",
        ),
        FindingCode("H303", _E, "H3", "凡例にない記号", "A letter outside the legend"),
        FindingCode("H304", _E, "H3", "区分名と記号が一致しない", "A tier label and its letter disagree"),
        FindingCode("H305", _W, "H3", "定量指標に実績値がない", "A quantitative indicator has no actual"),
        FindingCode("H306", _W, "H3", "達成状況の記載がない", "An indicator without a recorded grade"),
        # H4 narrative
        FindingCode(
            "H401",
            _E,
            "H4",
            "本文の合計が内訳の和と一致しない",
            "A stated total differs from its stated breakdown",
        ),
        FindingCode(
            "H402",
            _E,
            "H4",
            "本文の数値が表の値と一致しない",
            "A value stated in the text differs from the table",
        ),
        # H5 target quality
        FindingCode(
            "H501",
            _W,
            "H5",
            "目標値が前年度の実績を下回っている",
            "A target below the previous year's actual (softened)",
        ),
        FindingCode(
            "H502",
            _W,
            "H5",
            "未達が続いても目標値が変わらない",
            "A target left unchanged after repeated misses",
        ),
        FindingCode("H503", _I, "H5", "実績が目標を大きく上回っている", "An actual far above its target"),
        FindingCode(
            "H504", _I, "H5", "主要な指標に数値目標がない", "A main indicator without a numeric target"
        ),
        # H9 import (made by the importers)
        FindingCode("H901", _W, "H9", "どの項目にも当てはまらない記載", "Text that fits no field"),
        FindingCode(
            "H902", _W, "H9", "表の行の欄数が見出しと合わない", "A table row that does not fit its header"
        ),
        FindingCode("H903", _I, "H9", "文字コードを判定した", "The encoding was detected"),
        FindingCode("H904", _I, "H9", "元号を推定した", "An era was inferred"),
        FindingCode("H905", _W, "H9", "数値でない値", "A value that is not a number"),
        FindingCode("H906", _W, "H9", "文書にない部分", "A part the document does not hold"),
    )
}


def code(name: str) -> FindingCode:
    return CODES[name]
