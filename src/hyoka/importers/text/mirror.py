"""The wrapper a mirror site prints on every page of a document it republishes (「よむ、つかう、まなぶ。」
… 「テキストをコピーしてご利用いただく際は…」): page debris, never the ministry's content.

Every reader of a layout met through that site (厚生労働省's 実績評価書 and 事前分析表, docs/layouts.md)
recognises it here and reports it the same way: one H907 per page's wrapper, its text kept in the
finding (docs/findings/H907.md). The debris step never joins a cut sentence to it (``text/debris.py``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from hyoka.core.i18n import gettext_noop
from hyoka.importers.text.context import ImportContext, span_of
from hyoka.importers.text.normalise import Line

__all__ = ["MIRROR_FIRST", "is_mirror_line", "mirror_end", "skip_mirror"]

MIRROR_FIRST = "よむ、つかう、まなぶ。"
"""The wrapper's first line."""

_MIRROR_LINES = (
    re.compile(r"^資料.*\( ?[0-9]+ ?ページ\)$"),
    re.compile(r"^出典$"),
    re.compile(r"^公開元URL ?\|"),
    re.compile(r"^出典情報 ?\|"),
    re.compile(r"^ページ画像$"),
    re.compile(r"^ダウンロードした画像を利用する際は"),
    re.compile(r"^低解像度画像をダウンロード$"),
    re.compile(r"^プレーンテキスト$"),
    re.compile(r"^資料テキストはコンピュータによる自動処理で生成されており"),
    re.compile(r"^テキストをコピーしてご利用いただく際は"),
)
"""The lines that may follow it, in any order; the first other line is the document's again."""


def is_mirror_line(text: str) -> bool:
    """Whether ``text`` is a line of the wrapper."""
    return text == MIRROR_FIRST or any(p.match(text) for p in _MIRROR_LINES)


def mirror_end(lines: Sequence[Line], start: int) -> int:
    """The index after the wrapper whose first line is ``lines[start]``."""
    end = start + 1
    while end < len(lines) and any(p.match(lines[end].text) for p in _MIRROR_LINES):
        end += 1
    return end


def skip_mirror(ctx: ImportContext, wrapper: Sequence[Line]) -> None:
    """Report one page's wrapper (H907, its text kept) and mark its lines read."""
    ctx.report(
        "H907",
        "",
        wrapper,
        gettext_noop(
            "{span}行目は、文書を掲載したサイトが各ページの先頭に付けた見出しです(本文ではありません)。"
            "読み込まず、内容はこの指摘に保存しました。"
        ),
        input="\n".join(line.text for line in wrapper),
        span=str(span_of(wrapper)),
    )
    ctx.use_all(wrapper)
