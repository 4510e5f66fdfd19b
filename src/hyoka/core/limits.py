"""The bounds of the document model: how many entries each list may hold and how long a text may be.

A real report has a few 個別分野, fewer than 100 indicators, an evaluation window of a few years and
paragraphs of a few hundred characters; the bounds are far above that, and low enough that no list
or text can make importing, checking or rendering a stored report slow (a window of 15,000 years
made every check take seconds). Every list of the model has one of these bounds and every text one
of the two text bounds; the JSON Schema publishes them (``maxItems``, ``maxLength``) and a value past
one fails validation (``too_long``, ``string_too_long``; ``objective_depth`` for objectives nested
too deeply). docs/operations.md ("Limits on input") lists them with the importers' limits.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

__all__ = [
    "MAX_AREAS",
    "MAX_ENTRIES",
    "MAX_INDICATORS",
    "MAX_JUDGMENTS",
    "MAX_NAME_CHARS",
    "MAX_OBJECTIVE_DEPTH",
    "MAX_PARAGRAPHS",
    "MAX_SERIES",
    "MAX_TEXT_CHARS",
    "MAX_YEARS",
    "Name",
    "Text",
]

MAX_AREAS = 100
"""個別分野 of a report (a real one has a handful)."""

MAX_JUDGMENTS = 10
"""A ministry's own judgments beside the shared one (厚生労働省 has one: 総合判定)."""

MAX_INDICATORS = 200
"""per 個別分野: its 測定指標, its 参考指標, and the analysis and next-step entries (one per indicator)."""

MAX_YEARS = 50
"""fiscal years in any list: the evaluation window, a recorded grade's window, the years of an indicator
or of the budget, the years a citation names (a window is at most about 10 years)."""

MAX_SERIES = 20
"""series of an indicator (①②…), and the values of one target, actual or baseline (one per series)."""

MAX_PARAGRAPHS = 1_000
"""paragraphs of one run of text (施策の概要, the progress of one year, one analysis, …)."""

MAX_ENTRIES = 1_000
"""any other list: objectives and their children, notes, expert opinions, sources, cabinet policies,
rows of the results summary, the notes of an indicator, citations of a paragraph, the sections, items
and lines of the 調書."""

MAX_OBJECTIVE_DEPTH = 8
"""施策目標 nested in one another (「1」 with 「(1)」 under it is 2)."""

MAX_TEXT_CHARS = 100_000
"""characters of one running text: a paragraph, an opinion, a note, a rationale."""

MAX_NAME_CHARS = 10_000
"""characters of any other text: names, titles, labels, numbers, units, URLs, a cell as printed."""

Text = Annotated[str, Field(max_length=MAX_TEXT_CHARS)]
"""A running text (at most MAX_TEXT_CHARS characters)."""

Name = Annotated[str, Field(max_length=MAX_NAME_CHARS)]
"""A one-line text (at most MAX_NAME_CHARS characters)."""
