"""Step 3: remove page debris and join what page breaks cut.

PDF extraction leaves separator lines (「-----\t---」) and blank lines at page breaks, and cuts
sentences there: 「…他地域との外交」 ⏎ 「を含めた日本外交全体の…」. A cut is recognised by
its shape: a body line (running text with 「、」 or 「。」, or longer than any heading) that
does not end a sentence, followed after a gap by a line that does not start an item or heading.
"""

from __future__ import annotations

import re

from hyoka.core.numbering import ITEM_START
from hyoka.core.wareki import ERA
from hyoka.importers.text.normalise import Line

__all__ = ["is_debris", "join_cut_lines"]

_DEBRIS = re.compile(r"^[\s\-—_=|]*-{3,}[\s\-—_=|]*$")
_SENTENCE_END = ("。", ")", "」", "』", "】", "*", ":", "。)")
_BODY_WIDTH = 20
_HEADING_WIDTH = 60
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


def is_debris(text: str) -> bool:
    return bool(_DEBRIS.match(text))


def _continues(prev: Line, nxt: Line) -> bool:
    last_cell = prev.text.split("\t")[-1]
    body = ("、" in last_cell or "。" in last_cell) and len(last_cell) >= _BODY_WIDTH
    if nxt.is_table or not (body or len(last_cell) >= _HEADING_WIDTH):
        return False
    if prev.text.endswith(_SENTENCE_END):
        return False
    if _NEW_ITEM.match(nxt.text) or _YEAR_HEADING.match(nxt.text):
        return False
    return not nxt.text.startswith(_HEADINGS)


def _page_heads(lines: list[Line]) -> set[str]:
    """The texts that start a page (the document, or a line after a gap) more than once: a running
    header or a site's banner printed on every page, never the continuation of a cut sentence."""
    heads: dict[str, int] = {}
    gap = True
    for line in lines:
        if not line.text or is_debris(line.text):
            gap = True
            continue
        if gap:
            heads[line.text] = heads.get(line.text, 0) + 1
        gap = False
    return {text for text, count in heads.items() if count > 1}


def join_cut_lines(lines: list[Line]) -> list[Line]:
    """Drop blank and debris lines; join a line cut by a page break to its continuation (never to
    the head every page repeats, see ``_page_heads``)."""
    out: list[Line] = []
    gap = False
    heads = _page_heads(lines)
    for line in lines:
        if not line.text or is_debris(line.text):
            gap = True
            continue
        if gap and out and line.text not in heads and _continues(out[-1], line):
            prev = out[-1]
            out[-1] = Line(prev.text + line.text, prev.first, line.last, prev.indent)
        else:
            out.append(line)
        gap = False
    return out
