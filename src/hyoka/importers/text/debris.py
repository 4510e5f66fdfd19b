"""Step 3: remove page debris and join what page breaks cut.

PDF extraction leaves separator lines (「-----\t---」) and blank lines at page breaks, and cuts
sentences there: 「…他地域との外交」 ⏎ 「を含めた日本外交全体の…」. A cut is recognised by
its shape: a body line (running text with 「、」 or 「。」, or longer than any heading) that
does not end a sentence, followed after a gap by a line that does not start an item or heading
(``hyoka.core.page_break``, the test the text renderer cuts lines by).
"""

from __future__ import annotations

import re

from hyoka.core.page_break import continues_after_break
from hyoka.importers.text.normalise import Line

__all__ = ["is_debris", "join_cut_lines"]

_DEBRIS = re.compile(r"^[\s\-—_=|]*-{3,}[\s\-—_=|]*$")


def is_debris(text: str) -> bool:
    return bool(_DEBRIS.match(text))


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
        if gap and out and line.text not in heads and continues_after_break(out[-1].text, line.text):
            prev = out[-1]
            out[-1] = Line(prev.text + line.text, prev.first, line.last, prev.indent)
        else:
            out.append(line)
        gap = False
    return out
