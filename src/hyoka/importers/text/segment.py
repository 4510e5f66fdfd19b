"""Step 4: segment the document into blocks: 調書, report header, evaluation sheet, areas."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from hyoka.importers.text.area import AREA_HEADING
from hyoka.importers.text.normalise import Line

__all__ = ["Blocks", "document_era", "segment"]

_HEADER = re.compile(
    r"^(?:施策[IVX]+-[0-9]+|(?:平成|令和)(?:元|[0-9]+)年度政策評価書$|\(\S+?[0-9]+-[IVX]+-[0-9]+\)$)"
)
_ERA_OF_REPORT = re.compile(r"(平成|令和)(?:元|[0-9]+)年度政策評価書")
_ANY_ERA = re.compile(r"(昭和|平成|令和)(?:元|[0-9]+)年")


@dataclass
class Blocks:
    budget_sheet: list[Line] = field(default_factory=list)
    header: list[Line] = field(default_factory=list)
    evaluation: list[Line] = field(default_factory=list)
    areas: list[list[Line]] = field(default_factory=list)


def document_era(lines: Sequence[Line]) -> str:
    """The era short years (「2年度」) are read in: the report's own year, else the latest era named."""
    latest = "令和"
    for line in lines:
        if match := _ERA_OF_REPORT.search(line.text):
            return match.group(1)
    for line in lines:
        for era in _ANY_ERA.findall(line.text):
            latest = max(latest, era, key=("昭和", "平成", "令和").index)
    return latest


def segment(lines: Sequence[Line]) -> Blocks:
    blocks = Blocks()
    area_starts = [i for i, line in enumerate(lines) if not line.is_table and AREA_HEADING.match(line.text)]
    first_area = area_starts[0] if area_starts else len(lines)
    sheet_start = next(
        (i for i, line in enumerate(lines[:first_area]) if line.text.startswith("政策評価調書")), None
    )
    eval_start = next(
        (i for i, line in enumerate(lines[:first_area]) if line.text.startswith("施策名")), None
    )
    eval_end = next(
        (i for i, line in enumerate(lines[:first_area]) if line.text.startswith("担当部局名")), first_area - 1
    )
    header_idx = [i for i, line in enumerate(lines[:first_area]) if _HEADER.match(line.text)]
    if sheet_start is not None:
        end = min(
            [i for i in [*header_idx, eval_start] if i is not None and i > sheet_start], default=first_area
        )
        blocks.budget_sheet = list(lines[sheet_start:end])
    blocks.header = [lines[i] for i in header_idx]
    if eval_start is not None:
        blocks.evaluation = list(lines[eval_start : eval_end + 1])
    for n, start in enumerate(area_starts):
        end = area_starts[n + 1] if n + 1 < len(area_starts) else len(lines)
        blocks.areas.append(list(lines[start:end]))
    return blocks
