"""Item numbering: indicator ids and outline labels, the one home of their patterns.

Indicator ids (測定指標の番号) as the ministries write them: ``1-1`` (MOFA: area-indicator), ``1``,
``Ⅰ-9-1-1`` (policy in Roman numerals, then levels), ``指標7``, ``達成目標1-指標3``. Outline labels
(見出し番号) of running text: ``1``, ``(1)``, ``ア``, ``(ア)``, ``一``, ``①``.

The regex fragments here are for text normalised with NFKC (circled numbers kept), as the importers
read it: ``（１）`` is then ``(1)`` and ``Ⅰ`` is ``I``. ``outline_label`` and ``sort_key`` take text
as written and normalise it themselves.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "CIRCLED",
    "CIRCLED_RANGE",
    "DIGIT",
    "INDICATOR_ID",
    "ITEM_START",
    "KANA",
    "KANJI",
    "MOFA_INDICATOR_ID",
    "OUTLINE_LABEL",
    "PAREN_DIGIT",
    "PAREN_KANA",
    "PAREN_ROMAN",
    "ROMAN",
    "indicator_reference",
    "outline_kind",
    "outline_label",
    "sort_key",
]

# --- outline labels ---------------------------------------------------------------------------------

DIGIT = "[0-9]+"
"""「1」「12」."""
PAREN_DIGIT = r"\([0-9]+\)"
"""「(1)」 (「（１）」 before NFKC)."""
KANA = "[ア-ン]"
"""「ア」「イ」."""
PAREN_KANA = r"\([ア-ン]\)"
"""「(ア)」."""
KANJI = "[一二三四五六七八九十]+"
"""「一」「十二」."""
CIRCLED_RANGE = "\u2460-\u2473"
"""The circled numbers as the inside of a character class (for ``[^…]`` and classes with more in them)."""
CIRCLED = f"[{CIRCLED_RANGE}]"
"""「①」 … 「⑳」 (NFKC would make them digits: the importers keep them)."""
ROMAN = "[IVX]+"
"""「I」「IV」「XII」: Roman numerals after NFKC (「Ⅰ」 U+2160 → 「I」), as in 施策I-2."""
PAREN_ROMAN = r"\([ivx]+\)"
"""「(ⅰ)」「(ⅱ)」 (「(i)」「(ii)」 after NFKC), and 「(i)」 as typed: the sub-items of an item, as
国土交通省's 業績指標 「⑤都市公園における(ⅰ)園路及び広場、(ⅱ)駐車場…」. Not an ``OUTLINE_LABEL``: it
numbers parts of an item, not lines."""

OUTLINE_LABEL = f"(?:{PAREN_DIGIT}|{DIGIT}|{PAREN_KANA}|{KANA}|{KANJI}|{CIRCLED})"
"""Regex: one outline label, without the space that follows it in a line."""

# --- indicator ids ----------------------------------------------------------------------------------

MOFA_INDICATOR_ID = f"{DIGIT}-{DIGIT}"
"""Regex: an indicator id in MOFA's numbering, area-indicator: 「1-3」「10-2」. The text and Excel
importers read this form today."""
_ROMAN = "[\u2160-\u216bIVX]+"
INDICATOR_ID = f"(?:達成目標{DIGIT}-指標{DIGIT}|指標{DIGIT}|{_ROMAN}(?:-{DIGIT})+|{DIGIT}(?:-{DIGIT})*)"
"""Regex: an indicator id in any numbering in use: 「1-1」「1」「Ⅰ-9-1-1」 (「I-9-1-1」 after NFKC),
「指標7」「達成目標1-指標3」."""

ITEM_START = rf"(?:\((?:{DIGIT}|{KANA})|(?:{DIGIT}|{KANA}|{KANJI}) |{MOFA_INDICATOR_ID}|{CIRCLED})"
"""Regex: the numbering that starts a new item at the beginning of a line — 「(1」「(ア」, a label
and its space (「1 」「ア 」「一 」), an indicator id 「1-3」, 「①」. The text importer's test for a
line cut by a page break (``importers/text/debris.py``) and the text renderer's mirror of it
(``renderers/text.py``) both use it."""

_KIND_PATTERNS = (
    ("paren-digit", re.compile(f"^{PAREN_DIGIT}$")),
    ("paren-kana", re.compile(f"^{PAREN_KANA}$")),
    ("digit", re.compile(f"^{DIGIT}$")),
    ("circled", re.compile(f"^{CIRCLED}$")),
    ("kanji", re.compile(f"^{KANJI}$")),
    ("kana", re.compile(f"^{KANA}$")),
    ("paren-roman", re.compile(f"^{PAREN_ROMAN}$")),
)
_LABEL_AT_START = re.compile(rf"^({OUTLINE_LABEL})(?: |\u3000|$)")
_CIRCLED_SPLIT = re.compile(f"({CIRCLED})")


def _nfkc(text: str) -> str:
    """NFKC, except that circled numbers stay circled."""
    parts = _CIRCLED_SPLIT.split(text)
    return "".join(p if i % 2 else unicodedata.normalize("NFKC", p) for i, p in enumerate(parts))


def outline_kind(label: str) -> str | None:
    """The kind of an outline label: 「(1)」 paren-digit, 「(ア)」 paren-kana, 「1」 digit, 「①」
    circled, 「一」 kanji, 「ア」 kana, 「(ⅰ)」 paren-roman; None for anything else. Text as written
    (「（１）」) is read."""
    label = _nfkc(label.strip())
    return next((kind for kind, pattern in _KIND_PATTERNS if pattern.match(label)), None)


def outline_label(text: str) -> str | None:
    """The outline label a line starts with, normalised: 「（１）　日米」 → 「(1)」, 「① 日米」 → 「①」;
    None when the line starts with none (a label is followed by a space or ends the line)."""
    match = _LABEL_AT_START.match(_nfkc(text.strip()))
    return match.group(1) if match else None


# --- sorting ----------------------------------------------------------------------------------------

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
_PART = re.compile(rf"[0-9]+|{ROMAN}|[ivx]+|{CIRCLED}")


def _roman(numeral: str) -> int:
    total = 0
    for here, after in zip(numeral, [*numeral[1:], ""], strict=True):
        value = _ROMAN_VALUES[here]
        total += -value if after and _ROMAN_VALUES[after] > value else value
    return total


def sort_key(indicator_id: str) -> tuple[tuple[int, ...], str]:
    """A key that orders indicator ids of any numbering by their numbers, level by level:
    「9-1」 < 「10-2」, 「Ⅰ-9-1-1」 → (1, 9, 1, 1), 「指標7」 → (7,), 「達成目標1-指標3」 → (1, 3) (beside
    「1-3」), 「15⑤(ⅰ)」 → (15, 5, 1). Ids with the same numbers are ordered by their text; an id without
    numbers comes first."""
    text = _nfkc(indicator_id).strip()
    numbers = tuple(_number(p) for p in _PART.findall(text))
    return numbers, text


def _number(part: str) -> int:
    if part.isascii() and part.isdigit():
        return int(part)
    if re.fullmatch(CIRCLED, part):
        return ord(part) - 0x2460 + 1
    return _roman(part.upper())


_BARE_NUMBER = re.compile(r"^[0-9０-９IVXⅠ-Ⅻ]")


def indicator_reference(indicator_id: str) -> str:
    """An indicator id as it follows 「測定指標」 in a sentence or a place: a number as it is
    (「測定指標1-4」), an id that names itself in words in brackets (「測定指標「指標1」」, not
    「測定指標指標1」)."""
    return indicator_id if _BARE_NUMBER.match(indicator_id) else f"「{indicator_id}」"
