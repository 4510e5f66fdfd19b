"""Layouts: how one family of published documents is laid out, as data (like a rule profile).

A ``Layout`` is a TOML file under ``hyoka/importers/layouts/``, validated on load: its name, the
ministry and document kinds it covers, the reader (the parsing pipeline) that reads it, the
labels that start each block, and the markers by which it is recognised. The text, PDF and
rendered-text importers all go through ``choose_layout``: a layout named by the caller
(``hyoka import --layout NAME``), otherwise the one whose markers the document matches best.
The chosen layout is reported with the import. See docs/layouts.md.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from hyoka.core import DocumentKind
from hyoka.core.i18n import bilingual, gettext_noop
from hyoka.core.wareki import ERA

__all__ = [
    "DETECT_LINES",
    "Detection",
    "Layout",
    "LayoutError",
    "Marker",
    "Reader",
    "bundled_layouts",
    "choose_layout",
    "compiled",
    "detect_layout",
    "expand",
    "load_layout",
    "parse_layout",
]

DETECT_LINES = 400
"""Markers are looked for in the document's first lines only: a layout shows itself in its
headings, and a long document must not cost a scan per layout."""


class LayoutError(ValueError):
    """A layout that cannot be used (a bad file, an unknown name); the message names the key.
    ``message`` is Japanese, ``message_en`` English (as ``NotAReportError``); ``str()`` the Japanese."""

    def __init__(self, text: str, /, **values: object) -> None:
        self.message, self.message_en = bilingual(text, **values)
        super().__init__(self.message)

    def text(self, lang: str = "ja") -> str:
        """The one-line message in ``lang`` (ja or en)."""
        return self.message_en if lang == "en" else self.message


class Reader(StrEnum):
    """The parsing pipelines; a layout chooses one and gives it its labels."""

    MOFA = "mofa"
    """外務省's 評価書 with its 調書 in front (the 令和2年度 form): header, evaluation sheet, 個別分野."""
    BUDGET_SHEET = "budget_sheet"
    """A 政策評価調書 (個別票) on its own: the measure's budget lines by 予算科目."""
    BUDGET_SHEET_2016 = "budget_sheet_2016"
    """The 平成2x 政策評価調書 (個別票1): 予算額・執行額 by year, 概算要求額, 政策目標の達成度合い."""
    MHLW = "mhlw"
    """厚生労働省 実績評価書: 達成目標, 指標1..n with 基準値 and 達成率, 総合判定 beside ①–⑤."""
    MLIT = "mlit"
    """国土交通省 政策チェックアップ 施策目標個票: 業績指標 with 初期値, 目標値 and 評価 marks."""
    SOUMU = "soumu"
    """総務省 and the standard 様式 (政策評価書, モニタリング): 政策 with its 予算額・執行額."""
    MEXT = "mext"
    """文部科学省 実績評価書 of the 平成20年代: 達成目標 with S/A/B/C."""
    PRE_ANALYSIS = "pre_analysis"
    """事前分析表: 施策の概要, 達成すべき目標, 測定指標 with 基準値/目標値, 達成手段."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def expand(pattern: str) -> str:
    """A layout's regular expression with ``{era}`` replaced by the one era pattern of
    ``hyoka.core.wareki`` (明治…令和), so that no layout writes its own era set."""
    return pattern.replace("{era}", ERA)


class Marker(_Strict):
    """A regular expression a line of the layout's documents matches, and what it is worth.
    ``{era}`` in it stands for any era written in full (see ``expand``)."""

    pattern: str
    weight: int = Field(default=1, ge=1, le=100)

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        try:
            re.compile(expand(pattern))
        except re.error as exc:
            raise ValueError(f"not a regular expression: {exc}") from None
        return pattern


class Labels(_Strict):
    """The labels that start the blocks the reader looks for (the start of a normalised line)."""

    budget_sheet: list[str] = Field(default_factory=list, description="the 調書's first line")
    evaluation: list[str] = Field(default_factory=list, description="the evaluation sheet's first row")
    evaluation_end: list[str] = Field(default_factory=list, description="the evaluation sheet's last row")
    header: list[str] = Field(
        default_factory=list, description="regular expressions of the report header's lines"
    )
    area: str | None = Field(default=None, description="regular expression of a 個別分野 heading")

    @field_validator("header")
    @classmethod
    def _header_compiles(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            Marker(pattern=pattern)
        return patterns

    @field_validator("area")
    @classmethod
    def _area_compiles(cls, pattern: str | None) -> str | None:
        if pattern is not None:
            Marker(pattern=pattern)
        return pattern


class Layout(_Strict):
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = Field(min_length=1, description="what a person calls the form, in Japanese")
    ministry: str | None = Field(default=None, description="None: the standard form several ministries use")
    kinds: list[DocumentKind] = Field(min_length=1)
    reader: Reader
    unit: str = Field(default="百万円", description="the unit amounts are in when the document does not say")
    measure_word: str = Field(
        default="施策", description="施策, or 政策 where a ministry evaluates at that level"
    )
    source: str = Field(min_length=1, description="where the form comes from (URL and what it is)")
    markers: list[Marker] = Field(min_length=1)
    labels: Labels = Field(default_factory=Labels)

    @property
    def header_patterns(self) -> list[re.Pattern[str]]:
        return [compiled(pattern) for pattern in self.labels.header]

    @property
    def area_pattern(self) -> re.Pattern[str] | None:
        return compiled(self.labels.area) if self.labels.area is not None else None


@cache
def compiled(pattern: str) -> re.Pattern[str]:
    """A layout's regular expression, expanded and compiled once a process."""
    return re.compile(expand(pattern))


def _where(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc) or "(top level)"


def parse_layout(text: str, *, source: str = "<layout>") -> Layout:
    """TOML text → Layout, or LayoutError naming the file and the bad key."""
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LayoutError(
            gettext_noop("{source}: TOML として読めません"), source=source, detail=exc
        ) from None
    try:
        return Layout.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{_where(e['loc'])}: {str(e['msg']).removeprefix('Value error, ')}" for e in exc.errors()
        )
        keys = "、".join(_where(e["loc"]) for e in exc.errors())
        raise LayoutError(
            gettext_noop("{source}: レイアウトとして正しくない項目があります（{keys}）"),
            source=source,
            keys=keys,
            problems=problems,
        ) from None


@cache
def bundled_layouts() -> list[str]:
    """The names of the layouts shipped with hyoka, sorted (read once a process: they ship with it)."""
    folder = resources.files("hyoka.importers.layouts")
    return sorted(item.name.removesuffix(".toml") for item in folder.iterdir() if item.name.endswith(".toml"))


@cache
def load_layout(name: str) -> Layout:
    """A bundled layout by name; LayoutError (listing the bundled ones) for another name."""
    if name not in bundled_layouts():
        raise LayoutError(
            gettext_noop("「{name}」という名前のレイアウトはありません（レイアウト: {layouts}）"),
            name=name,
            layouts=", ".join(bundled_layouts()),
        )
    text = resources.files("hyoka.importers.layouts").joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return parse_layout(text, source=f"{name}.toml")


class Detection(BaseModel):
    """The layout chosen for a document, its score, and the runner-up's (for the report)."""

    model_config = ConfigDict(frozen=True)

    layout: Layout
    score: int
    forced: bool = False
    scores: dict[str, int] = Field(default_factory=dict)


@cache
def _multiline(pattern: str) -> re.Pattern[str]:
    """A marker compiled to search every line at once (``^``/``$`` at each line's ends)."""
    return re.compile(expand(pattern), re.MULTILINE)


def _marks(pattern: str, head: Sequence[str], text: str) -> bool:
    """Whether a marker matches one of the lines ``head`` (``text``: them joined by newlines).

    One search of the joined text answers most markers at C speed: where it finds nothing, no line
    holds the marker. A match there is confirmed on a line of its own (a pattern such as ``\\s*``
    may reach across a line end in the joined text, which per line it cannot)."""
    found = _multiline(pattern).search(text)
    if found is None:
        return False
    start = text.rfind("\n", 0, found.start()) + 1
    end = text.find("\n", found.start())
    line = text[start:] if end < 0 else text[start:end]
    single = compiled(pattern)
    return single.search(line) is not None or any(single.search(each) for each in head)


def detect_layout(lines: Sequence[str]) -> Detection | None:
    """The bundled layout whose markers the document's first lines match best (ties go to the
    layout listed first by name); None when no marker of any layout matches."""
    head = lines[:DETECT_LINES]
    text = "\n".join(head)
    scores: dict[str, int] = {}
    for name in bundled_layouts():
        layout = load_layout(name)
        scores[name] = sum(marker.weight for marker in layout.markers if _marks(marker.pattern, head, text))
    best = max(scores, key=lambda name: scores[name], default=None)
    if best is None or scores[best] == 0:
        return None
    return Detection(layout=load_layout(best), score=scores[best], scores=scores)


def choose_layout(lines: Sequence[str], forced: str | None = None) -> Detection | None:
    """``forced`` (a bundled layout's name) when given, else ``detect_layout``."""
    if forced is not None:
        return Detection(layout=load_layout(forced), score=0, forced=True)
    return detect_layout(lines)
