"""A sentence cut by a page break in PDF-extracted text: when a line goes on after the gap.

Extraction cuts a sentence where the page ends (「…他地域との外交」 ⏎ 「を含めた日本外交全体の…」). The
text importer joins the two halves again by this test (``hyoka.importers.text.debris``) and the text
renderer cuts a long line only where this test joins it back (``hyoka.renderers.text``): one test, so
the round trip holds. The texts are NFKC-normalised, as the importer reads them.
"""

from __future__ import annotations

import re

from hyoka.core.numbering import ITEM_START
from hyoka.core.wareki import ERA

__all__ = ["BODY_WIDTH", "HEADING_WIDTH", "continues_after_break"]

BODY_WIDTH = 20
"""Characters from which a cell with 「、」 or 「。」 is running text, not a label."""
HEADING_WIDTH = 60
"""Characters from which a cell is running text whatever it holds: longer than any heading."""

_SENTENCE_END = ("。", ")", "」", "』", "】", "*", ":", "。)", "）", "：")
_NEW_ITEM = re.compile(rf"^(?:[-・*【<]|\((?:注\s*[0-9]*|※|出典)|\(<?https?:|{ITEM_START}|https?:)")
_HEADINGS = (
    "施策の概要",
    "関連する内閣の重要政策",
    "測定指標",
    "参考指標",
    "中期目標",
    "施策の進捗状況",
    "評価結果",
    "施策の分析",
    "次期目標等",
    "作成にあたって",
    "個別分野",
    "担当部局名",
)
_YEAR_HEADING = re.compile(rf"^{ERA}[0-9元・]+.*年度(?:目標|目標の達成状況)")


def continues_after_break(prev: str, nxt: str) -> bool:
    """Whether ``nxt``, found after a gap (a blank or page-debris line), goes on ``prev``'s sentence:
    ``prev``'s last cell is running text (「、」 or 「。」 and ``BODY_WIDTH`` characters, or
    ``HEADING_WIDTH``) that does not end a sentence, and ``nxt`` is no table row and starts no item,
    heading or year heading."""
    last_cell = prev.rsplit("\t", maxsplit=1)[-1]
    body = ("、" in last_cell or "。" in last_cell) and len(last_cell) >= BODY_WIDTH
    if "\t" in nxt or not (body or len(last_cell) >= HEADING_WIDTH):
        return False
    if prev.endswith(_SENTENCE_END):
        return False
    if _NEW_ITEM.match(nxt) or _YEAR_HEADING.match(nxt):
        return False
    return not nxt.startswith(_HEADINGS)
