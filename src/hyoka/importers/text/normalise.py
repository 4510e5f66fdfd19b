"""Step 2: normalise each line: NFKC (circled numbers kept), and undo PDF extraction's spacing.

PDF extraction puts spaces around digits and between characters that the printed page set
apart (「平成 29 年度」「1 - 3」「小 計」). Japanese running text has no spaces, so a space next
to a Japanese character is removed, except before a bullet 「・」 or a circled number and after
「。」, where it separates items. A leading enumerator keeps its space: 「1 日米間の…」 is
item 1, while 「11 月の…」 is a month.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from hyoka.core.numbering import CIRCLED, CIRCLED_RANGE, OUTLINE_LABEL

__all__ = ["Line", "normalise_lines", "normalise_text"]

_CIRCLED = re.compile(f"({CIRCLED})")
_WIDE = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_SPACE_BETWEEN = re.compile(
    rf"(?<=[{_WIDE}])(?<!。)[ \u3000]+(?![・{CIRCLED_RANGE}])|(?<![。 ])[ \u3000]+(?=[{_WIDE}])(?!・)"
)
_DASH_JOIN = re.compile(r"(?<=[0-9A-Z]) ?([-+]) ?(?=[0-9A-Z])")
_LETTER_DIGIT = re.compile(r"(?<![A-Za-z])([A-Z]) (?=[0-9])")
_MULTISPACE = re.compile(r" {2,}")
_SPACES = re.compile(r" +")
_PREFIX = re.compile(
    r"^(?P<bullet>(?:[-・] ?)*)"
    rf"(?P<enum>{OUTLINE_LABEL}"
    r" (?![月年回名件か%\-+]))?"
)


@dataclass(frozen=True, slots=True)
class Line:
    """A normalised line of the source: its text, indentation, and the source lines it covers."""

    text: str
    first: int
    last: int
    indent: int = 0

    @property
    def cells(self) -> list[str]:
        return self.text.split("\t")

    @property
    def is_table(self) -> bool:
        return "\t" in self.text


def _nfkc(text: str) -> str:
    if unicodedata.is_normalized("NFKC", text):  # most lines: nothing to change (a circled number is not)
        return text
    parts = _CIRCLED.split(text)
    return "".join(p if i % 2 else unicodedata.normalize("NFKC", p) for i, p in enumerate(parts))


def _collapse(text: str) -> str:
    if " " not in text:  # every pattern below removes a space; without one the text stays as it is
        return text
    text = _MULTISPACE.sub(" ", text)
    text = _DASH_JOIN.sub(r"\1", text)
    text = _LETTER_DIGIT.sub(r"\1", text)
    return _SPACE_BETWEEN.sub("", text)


def _normalise_cell(cell: str) -> str:
    cell = cell.strip(" ")
    if " " not in cell:  # a bullet prefix without spaces and a text without them are kept as they are
        return cell
    match = _PREFIX.match(cell)
    prefix = match.group(0) if match else ""
    rest = cell[len(prefix) :]
    bullet = _SPACES.sub(" ", prefix)
    return (bullet + _collapse(rest)).rstrip(" ")


def normalise_text(text: str) -> str:
    """One line or cell of text, as the importer stores it."""
    return "\t".join(_normalise_cell(c) for c in _nfkc(text).split("\t"))


def normalise_lines(text: str) -> list[Line]:
    """Split into lines (any newline convention) and normalise each; line numbers are 1-based."""
    lines: list[Line] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        raw = raw.rstrip("\r\n \u3000")
        stripped = raw.lstrip(" \u3000")
        indent = len(raw) - len(stripped)
        text_ = normalise_text(stripped) if stripped.strip() else ""
        lines.append(Line(text_ if text_.strip("\t ") else "", number, number, indent))
    return lines
