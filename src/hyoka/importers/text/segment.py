"""Step 4: segment the document into blocks: 調書, report header, evaluation sheet, areas."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from hyoka.core.wareki import ERA_NAMES, era_year_regex
from hyoka.importers.layout import Layout
from hyoka.importers.text.area import AREA_HEADING
from hyoka.importers.text.normalise import Line

__all__ = ["Blocks", "document_era", "segment"]

_ERA_OF_REPORT = re.compile(rf"{era_year_regex(era='era', digits='+')}年度政策評価書")
_ANY_ERA = re.compile(rf"{era_year_regex(era='era', digits='+')}年")


@dataclass
class Blocks:
    budget_sheet: list[Line] = field(default_factory=list)
    header: list[Line] = field(default_factory=list)
    evaluation: list[Line] = field(default_factory=list)
    areas: list[list[Line]] = field(default_factory=list)


def document_era(lines: Sequence[Line]) -> str:
    """The era short years (「2年度」) are read in: the report's own year, else the latest era the
    document names, else 令和 (a document that names no era is read as a current one)."""
    for line in lines:
        if match := _ERA_OF_REPORT.search(line.text):
            return str(match.group(1))
    named = {era for line in lines for era in _ANY_ERA.findall(line.text)}
    return max(named, key=ERA_NAMES.index) if named else "令和"


def _starts(line: Line, labels: Sequence[str]) -> bool:
    return any(line.text.startswith(label) for label in labels)


def segment(lines: Sequence[Line], layout: Layout) -> Blocks:
    """The blocks the layout's labels start (docs/layouts.md, ``[labels]``)."""
    blocks = Blocks()
    area = layout.area_pattern or AREA_HEADING
    headers = layout.header_patterns
    labels = layout.labels
    area_starts = [i for i, line in enumerate(lines) if not line.is_table and area.match(line.text)]
    first_area = area_starts[0] if area_starts else len(lines)
    before = lines[:first_area]
    sheet_start = next((i for i, line in enumerate(before) if _starts(line, labels.budget_sheet)), None)
    eval_start = next((i for i, line in enumerate(before) if _starts(line, labels.evaluation)), None)
    eval_end = next(
        (i for i, line in enumerate(before) if _starts(line, labels.evaluation_end)), first_area - 1
    )
    header_idx = [i for i, line in enumerate(before) if any(h.match(line.text) for h in headers)]
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
