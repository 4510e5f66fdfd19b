"""Running text → Paragraphs: bullets dropped, enumerators kept as labels, nesting from their kinds."""

from __future__ import annotations

import re
from collections.abc import Sequence

from hyoka.core import EraYearError, MeansCitation, Paragraph
from hyoka.core.numbering import OUTLINE_LABEL
from hyoka.importers.text.context import ImportContext, span_of
from hyoka.importers.text.normalise import Line
from hyoka.importers.text.years import parse_year_list

__all__ = ["parse_means", "parse_paragraphs", "split_label", "strip_bullet"]

_BULLET = re.compile(r"^(?:[-・] ?)+")
_LABEL = re.compile(rf"^({OUTLINE_LABEL}) (?=\S)")
_MEANS = re.compile(r"\(([^():]*年度):((?:[^()]|\([^()]*\))*?)\)$")
_MEANS_NAME = re.compile(r"^(.*?)\((.*達成手段.*)\)$")


def strip_bullet(text: str) -> str:
    return _BULLET.sub("", text).strip()


def _kind(label: str) -> str:
    if label.startswith("("):
        return "paren-kana" if not label[1].isdigit() else "paren-digit"
    if label.isdigit():
        return "digit"
    if "\u2460" <= label[0] <= "\u2473":
        return "circled"
    if label[0] in "一二三四五六七八九十":
        return "kanji"
    return "kana"


def split_label(text: str) -> tuple[str | None, str]:
    """「- (1) 日米…」→ ("(1)", "日米…")."""
    body = strip_bullet(text)
    match = _LABEL.match(body)
    if match is None:
        return None, body
    return match.group(1), body[match.end() :].strip()


def parse_means(text: str, default_era: str) -> list[MeansCitation]:
    """The 達成手段 a paragraph cites at its end: 「(平成29・30・令和元年度:…(達成手段①))」."""
    match = _MEANS.search(text)
    if match is None:
        return []
    years_text, inner = match.groups()
    try:
        years = parse_year_list(years_text, default_era)
    except EraYearError:
        years = []
    named = _MEANS_NAME.match(inner.strip())
    name, number = (named.group(1), named.group(2)) if named else (inner.strip(), None)
    return [MeansCitation(years=years, name=name.strip(), means_number=number, raw=match.group(0))]


def parse_paragraphs(lines: Sequence[Line], ctx: ImportContext) -> list[Paragraph]:
    """Each line is a paragraph; a label's kind sets its level in order of first appearance."""
    kinds: list[str] = []
    out: list[Paragraph] = []
    last_level: int | None = None
    for line in lines:
        ctx.use(line)
        pieces = [piece for piece in line.text.split("\t") if piece.strip()]
        text = " ".join(pieces)
        label, body = split_label(text)
        if label is not None:
            kind = _kind(label)
            if kind in kinds:
                del kinds[kinds.index(kind) + 1 :]
            else:
                kinds.append(kind)
            level = len(kinds) - 1
            last_level = level
        else:
            level = 0 if last_level is None else last_level + 1
        if not body and label is None:
            continue
        out.append(
            Paragraph(
                label=label,
                level=level,
                text=body,
                means=parse_means(body, ctx.default_era),
                source=span_of([line]),
            )
        )
    return out
