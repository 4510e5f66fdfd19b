"""The export formats: one ``Format`` record per format, in one registry that every list is built from.

A record names the format (``html``), its file suffix, its media type, its label in Japanese and
English, the function that renders a report in it, and how it behaves: whether it takes the review
(the rules' findings and proposals, ``hyoka.core.Review``), whether it shows the findings, whether
its bytes are binary (never written to a terminal), whether it is several files (the CSV tables: one
zip) and whether it is slow to make (worth keeping once made). The ``hyoka render --to`` choices, the
API's ``export.{fmt}``, the report page's downloads and ``hyoka.services.render_report`` all read
this registry, as datasette registers even its built-in output renderers.

Built in, in this order: ``html``, ``pdf``, ``xlsx``, ``csv``, ``json``, ``text``. Adding a format is
one entry in ``_BUILT_IN`` (its render function given as ``"module:function"``, imported on first
use) or ``register_format`` from code that runs before the lists are read; see docs/architecture.md
("Adding an export format").

Importing this module imports no renderer (nor the model): each render function imports its
renderer when it is called, so a program can name the formats at no cost.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from hyoka.core import EvaluationReport, Indicator, Review
    from hyoka.renderers.html import ReportCharts

__all__ = [
    "FORMATS",
    "ChartPlan",
    "Format",
    "RenderFunction",
    "RenderUnavailable",
    "Rendered",
    "UnknownFormat",
    "chart_font_problem",
    "chart_plan",
    "format_for_suffix",
    "format_named",
    "format_names",
    "register_format",
    "report_chart",
    "report_charts",
    "unregister_format",
]

Rendered = bytes | dict[str, bytes]
"""What a render function gives: the bytes of one file, or ``{file name: bytes}`` for several."""


class RenderFunction(Protocol):
    """Renders ``report``; ``review`` is given only to a format that ``takes_review``, in review mode."""

    def __call__(self, report: EvaluationReport, *, review: Review | None, lang: str) -> Rendered: ...


class RenderUnavailable(RuntimeError):
    """A render that cannot be made here: something it needs is not installed (the Japanese font of
    the charts). Carries a Japanese message and its English equivalent; ``str()`` is the Japanese."""

    def __init__(self, message: str, *, message_en: str) -> None:
        self.message = message
        self.message_en = message_en
        super().__init__(message)


class UnknownFormat(ValueError):
    """No format of that name is registered; ``names`` are those that are."""

    def __init__(self, name: str, names: tuple[str, ...]) -> None:
        self.name = name
        self.names = names
        super().__init__(f"unknown output format {name!r} (one of {', '.join(names)})")


def _lazy(target: str) -> RenderFunction:
    """``"module:function"`` as a render function that imports ``module`` when first called."""
    module_name, _, attribute = target.partition(":")
    if not module_name or not attribute:
        raise ValueError(f"render function {target!r} is not 'module:function'")

    def render(report: EvaluationReport, *, review: Review | None, lang: str) -> Rendered:
        function: RenderFunction = getattr(importlib.import_module(module_name), attribute)
        return function(report, review=review, lang=lang)

    render.__qualname__ = render.__name__ = f"render[{target}]"
    return render


@dataclass(frozen=True)
class Format:
    """One export format. ``render`` is a render function, or ``"module:function"`` naming one
    (imported when the format is first rendered)."""

    name: str
    """what ``--to``, ``export.{fmt}`` and ``download.{fmt}`` say: lower case ASCII"""
    suffix: str
    """of the file made, dot included (``.zip`` for several files)"""
    media_type: str
    """of the rendered data (of each file, for several files), as ``RenderOutput.media_type``"""
    label_ja: str
    label_en: str
    render: RenderFunction | str = field(repr=False, compare=False)
    takes_review: bool = False
    """in review mode, the renderer gets the review (findings and proposals); else never"""
    shows_findings: bool = False
    """in review mode, the findings are shown (beside the numbers), not only the proposals"""
    binary: bool = False
    """bytes that are not text: never written to a terminal"""
    several_files: bool = False
    """``{file name: bytes}``, sent and written as one zip (or into a directory)"""
    slow: bool = False
    """seconds to make: worth keeping once made (the web keeps a revision's rendering)"""
    other_suffixes: tuple[str, ...] = ()
    """further suffixes that name this format in an output file name (``.htm``)"""

    def __post_init__(self) -> None:
        if not (self.name.isascii() and self.name.isidentifier() and self.name == self.name.lower()):
            raise ValueError(f"format name {self.name!r} is not lower case ASCII")
        for suffix in (self.suffix, *self.other_suffixes):
            if not suffix.startswith(".") or suffix != suffix.lower():
                raise ValueError(f"format {self.name}: suffix {suffix!r} is not '.' and lower case")
        if isinstance(self.render, str):
            object.__setattr__(self, "render", _lazy(self.render))

    @property
    def renderer(self) -> RenderFunction:
        """The render function (a ``"module:function"`` given as ``render`` is resolved on call)."""
        assert not isinstance(self.render, str)  # __post_init__ made it a function
        return self.render

    def label(self, lang: str = "ja") -> str:
        return self.label_en if lang == "en" else self.label_ja

    @property
    def suffixes(self) -> tuple[str, ...]:
        return (self.suffix, *self.other_suffixes)

    @property
    def file_media_type(self) -> str:
        """The media type of the one file sent or written: ``application/zip`` for several files,
        text with its charset (``application/json; charset=utf-8``)."""
        if self.several_files:
            return "application/zip"
        if self.binary or "charset=" in self.media_type:
            return self.media_type
        return f"{self.media_type}; charset=utf-8"

    @property
    def bare_media_type(self) -> str:
        """``file_media_type`` without its parameters (as the OpenAPI document lists it)."""
        return self.file_media_type.split(";", 1)[0].strip()


# --- the built-in render functions ---------------------------------------------------------------


def _font_unavailable(exc: Exception) -> RenderUnavailable:
    from hyoka.core.i18n import bilingual, gettext_noop

    message, message_en = bilingual(
        gettext_noop("グラフに使う日本語フォントがありません（{problem}）"), problem=str(exc)
    )
    return RenderUnavailable(message, message_en=message_en)


def _charted(report: EvaluationReport) -> dict[str, Indicator]:
    """By id, in the report's order, the indicator whose chart the report shows: the first of that
    id that has one (``chart_plan``, ``report_chart`` and ``report_charts`` all choose by this)."""
    from hyoka.renderers.charts import has_indicator_chart

    charted: dict[str, Indicator] = {}
    for area in report.areas:
        for indicator in area.indicators:
            if indicator.id not in charted and has_indicator_chart(indicator):
                charted[indicator.id] = indicator
    return charted


@dataclass(frozen=True)
class ChartPlan:
    """Which charts ``report_charts`` draws for a report, told without drawing them: whether the
    budget has one, and the ids of the indicators that have one (in the report's order)."""

    budget: bool
    indicators: tuple[str, ...]


def chart_plan(report: EvaluationReport) -> ChartPlan:
    """The report's charts, named without drawing: a page can link to each (one request each)."""
    from hyoka.renderers.charts import has_budget_chart

    return ChartPlan(budget=has_budget_chart(report.budget), indicators=tuple(_charted(report)))


def report_chart(report: EvaluationReport, indicator_id: str | None = None) -> str | None:
    """One of ``report_charts``: the budget chart (``indicator_id`` None) or that indicator's (the
    first indicator with the id that has one); None when it has none. RenderUnavailable when no
    Japanese font is installed."""
    from hyoka.renderers.charts import ChartFontError, budget_chart, indicator_chart

    try:
        if indicator_id is None:
            return budget_chart(report.budget)
        indicator = _charted(report).get(indicator_id)
        return indicator_chart(indicator) if indicator is not None else None
    except ChartFontError as exc:
        raise _font_unavailable(exc) from None


def chart_font_problem() -> RenderUnavailable | None:
    """Why no chart can be drawn on this machine (no Japanese font), or None when they can."""
    from hyoka.renderers.charts import ChartFontError, japanese_font

    try:
        japanese_font()
    except ChartFontError as exc:
        return _font_unavailable(exc)
    return None


def report_charts(report: EvaluationReport) -> ReportCharts:
    """The SVG charts of the report: the budget chart, and one for each quantitative indicator that
    has a number (by indicator id). Raises RenderUnavailable when no Japanese font is installed."""
    from hyoka.renderers.charts import ChartFontError, budget_chart, indicator_chart
    from hyoka.renderers.html import ReportCharts

    try:
        indicators: dict[str, str] = {}
        for indicator_id, indicator in _charted(report).items():
            svg = indicator_chart(indicator)
            if svg is not None:
                indicators[indicator_id] = svg
        return ReportCharts(budget=budget_chart(report.budget), indicators=indicators)
    except ChartFontError as exc:
        raise _font_unavailable(exc) from None


def _page_arguments(report: EvaluationReport, review: Review | None) -> dict[str, Any]:
    """What the HTML and the PDF (the HTML page, printed) are drawn with, so that both show the
    same: the report's charts and, for the review copy, its findings and the rules' proposals."""
    arguments: dict[str, Any] = {"charts": report_charts(report)}
    if review is not None:
        arguments |= {"findings": review.findings, "proposals": review.proposals_json(), "review": True}
    return arguments


def _render_html(report: EvaluationReport, *, review: Review | None, lang: str) -> Rendered:
    from hyoka.renderers.html import render_report_html

    return render_report_html(report, lang=lang, **_page_arguments(report, review)).encode("utf-8")


def _render_pdf(report: EvaluationReport, *, review: Review | None, lang: str) -> Rendered:
    from hyoka.renderers.pdf import render_report_pdf

    return render_report_pdf(report, lang=lang, **_page_arguments(report, review))


def _render_xlsx(report: EvaluationReport, *, review: Review | None, lang: str) -> Rendered:
    from hyoka.renderers.xlsx import render_report_xlsx

    return render_report_xlsx(report, proposals=review.proposals_json() if review is not None else None)


def _render_csv(report: EvaluationReport, *, review: Review | None, lang: str) -> Rendered:
    from hyoka.renderers.opendata import csv_tables

    return {name: text.encode("utf-8") for name, text in csv_tables(report, review).items()}


def _render_json(report: EvaluationReport, *, review: Review | None, lang: str) -> Rendered:
    # hyoka JSON, byte for byte what ``hyoka import`` writes (hyoka.services.report_to_json)
    return (report.model_dump_json(indent=2) + "\n").encode("utf-8")


def _render_text(report: EvaluationReport, *, review: Review | None, lang: str) -> Rendered:
    from hyoka.renderers.text import render_text

    return render_text(report).encode("utf-8")


_BUILT_IN = (
    Format(
        "html",
        ".html",
        "text/html; charset=utf-8",
        "HTML（公式様式）",
        "HTML (official layout)",
        _render_html,
        takes_review=True,
        shows_findings=True,
        other_suffixes=(".htm",),
    ),
    Format(
        "pdf",
        ".pdf",
        "application/pdf",
        "PDF（公式様式）",
        "PDF (official layout)",
        _render_pdf,
        takes_review=True,
        shows_findings=True,
        binary=True,
        slow=True,
    ),
    Format(
        "xlsx",
        ".xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel",
        "Excel",
        _render_xlsx,
        takes_review=True,
        binary=True,
    ),
    Format(
        "csv",
        ".zip",
        "text/csv; charset=utf-8",
        "CSV（zip）",
        "CSV (zip)",
        _render_csv,
        takes_review=True,
        several_files=True,
    ),
    Format("json", ".json", "application/json", "JSON", "JSON", _render_json),
    Format(
        "text",
        ".txt",
        "text/plain; charset=utf-8",
        "テキスト（PDF から抽出した形）",
        "Text (as extracted from a PDF)",
        _render_text,
    ),
)

# --- the registry --------------------------------------------------------------------------------

_REGISTRY: dict[str, Format] = {}

FORMATS: Mapping[str, Format] = MappingProxyType(_REGISTRY)
"""Every registered format by name, in registration order (the built-in ones first). A live view:
a format registered later is in it."""


def register_format(fmt: Format, *, replace: bool = False) -> Format:
    """Add ``fmt`` to the registry (last); raises ValueError when its name or one of its suffixes
    is taken, unless ``replace`` (then it takes the old one's place). Returns ``fmt``."""
    for other in _REGISTRY.values():
        if other.name == fmt.name:
            continue
        taken = set(other.suffixes) & set(fmt.suffixes)
        if taken:
            raise ValueError(f"format {fmt.name}: suffix {', '.join(sorted(taken))} is {other.name}'s")
    if fmt.name in _REGISTRY and not replace:
        raise ValueError(f"format {fmt.name!r} is already registered")
    _REGISTRY[fmt.name] = fmt
    return fmt


def unregister_format(name: str) -> Format:
    """Remove the format ``name`` from the registry and return it (KeyError when there is none)."""
    return _REGISTRY.pop(name)


def format_names() -> tuple[str, ...]:
    return tuple(_REGISTRY)


def format_named(name: str) -> Format:
    """The format ``name`` (exactly: ``html``, not ``HTML``); raises UnknownFormat."""
    try:
        return _REGISTRY[name]
    except KeyError:
        raise UnknownFormat(name, format_names()) from None


def format_for_suffix(suffix: str) -> Format | None:
    """The format a file name's suffix names (``.pdf`` → pdf, ``.zip`` → csv, ``.htm`` → html), in any
    case; None for none."""
    wanted = suffix.lower()
    return next((f for f in _REGISTRY.values() if wanted in f.suffixes), None)


def _register_built_in() -> None:
    for fmt in _BUILT_IN:
        register_format(fmt)


_register_built_in()
