"""SVG charts: an indicator's targets against its actuals, and the budget against its execution.

Charts are SVG strings, sized for an A4 page (16 cm x 7 cm), drawn with matplotlib's object API
(``matplotlib.figure.Figure`` and the SVG canvas, no pyplot, no global backend switch).

* **Japanese font.** Named by its file: Noto Sans CJK JP from the system font list (Debian
  ``fonts-noto-cjk``), else any font there that has Japanese glyphs; none is an error
  (:class:`ChartFontError`) that names the package to install.
* **Text stays text** (``svg.fonttype = "none"``): the SVG names the font family instead of
  embedding glyph outlines, so files stay small, text stays searchable and selectable, and the PDF
  renderer draws it with its own CJK font.
* **Deterministic.** A fixed ``svg.hashsalt`` and no date in the metadata: the same input gives
  byte-identical output.
* **Safe.** User text (indicator names, series names) is written by matplotlib's XML writer, which
  escapes it; math parsing is off for it, so a ``$`` is printed as it is.
* **Drawn once.** ``savefig`` would draw a figure twice (once to lay it out, once to write it),
  each time measuring every text with FreeType on the CJK font; here one draw does both
  (``_write_svg``, ``_SVGCanvas``), with the cyclic garbage collector paused
  (``hyoka.renderers.collector``): the same bytes, the sample's four charts in 0.15 s instead of
  0.22 s.

The few rcParams that matplotlib reads only from its global settings (``svg.*``) are set with
``rc_context`` under a module lock, so concurrent renders in one process do not interfere.
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache, wraps
from typing import Any, ParamSpec, TypeVar

import matplotlib
from matplotlib import backend_bases, font_manager
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_mixed import MixedModeRenderer
from matplotlib.backends.backend_svg import FigureCanvasSVG, RendererSVG
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.text import Text

from hyoka.core import Budget, Cell, Indicator, IndicatorKind, SeriesValue, format_fiscal_year
from hyoka.renderers.collector import collector_paused
from hyoka.renderers.series import find

__all__ = [
    "CHART_SIZE_CM",
    "ChartFontError",
    "JapaneseFont",
    "budget_chart",
    "execution_rate",
    "has_budget_chart",
    "has_indicator_chart",
    "indicator_chart",
    "indicator_unit",
    "japanese_font",
]

CHART_SIZE_CM = (16.0, 7.0)
"""Width and height of a chart, in centimetres (fits an A4 page with 2.5 cm margins)."""

PREFERRED_FONT = "Noto Sans CJK JP"
FONT_PACKAGE = "fonts-noto-cjk"
TITLE_MAX_CHARS = 44

_CM_PER_INCH = 2.54
_BASE_SIZE = 8.0
_COLOURS = ("#1f5fa8", "#d9822b", "#3a8f4a", "#8e44ad", "#b03a2e", "#5d6d7e")
_BUDGET_COLOURS = {"initial": "#9ab8dc", "total": "#1f5fa8", "executed": "#d9822b"}
_JAPANESE_PROBE = "年度目標実績"
_RC: dict[str, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "hyoka",
    "svg.id": None,
    "path.simplify": True,
    "axes.unicode_minus": True,
}
_INK = "#333333"
"""Chart text and axes are dark grey, never black: the PDF importer reads black text and black
rules only, so a chart in a rendered PDF does not come back as stray lines or tables (H901)."""
_LOCK = threading.Lock()


class ChartFontError(RuntimeError):
    """No font with Japanese glyphs is installed."""


@dataclass(frozen=True, slots=True)
class JapaneseFont:
    """The font used for every text of a chart: its family name (written into the SVG), its file, and
    the face in the file (a .ttc collection holds several: JP, KR, SC, …)."""

    family: str
    path: str
    face_index: int = 0

    @classmethod
    def of(cls, entry: font_manager.FontEntry) -> JapaneseFont:
        return cls(entry.name, str(entry.fname), entry.index)

    def properties(self, size: float = _BASE_SIZE) -> FontProperties:
        return FontProperties(
            family=[self.family], fname=font_manager.FontPath(self.path, self.face_index), size=size
        )


def _has_japanese(entry: font_manager.FontEntry) -> bool:
    try:
        charmap = font_manager.get_font(font_manager.FontPath(str(entry.fname), entry.index)).get_charmap()
    except (OSError, RuntimeError, ValueError):
        return False
    return all(ord(ch) in charmap for ch in _JAPANESE_PROBE)


def _find_japanese_font(entries: Iterable[font_manager.FontEntry]) -> JapaneseFont:
    """Noto Sans CJK JP (regular, upright) first, then any Japanese-capable font; else an error."""
    ordered = sorted(entries, key=lambda e: (e.name, str(e.fname), e.style, str(e.weight)))

    def regular(entry: font_manager.FontEntry) -> bool:
        return entry.style == "normal" and entry.weight in (400, "normal", "regular")

    named = sorted((e for e in ordered if e.name == PREFERRED_FONT), key=lambda e: not regular(e))
    if named:
        return JapaneseFont.of(named[0])
    candidates = sorted(ordered, key=lambda e: (not regular(e), "CJK JP" not in e.name, "CJK" not in e.name))
    for entry in candidates:
        if _has_japanese(entry):
            return JapaneseFont.of(entry)
    raise ChartFontError(
        f"no Japanese font found for the charts: install {PREFERRED_FONT} "
        f"(Debian/Ubuntu: apt-get install {FONT_PACKAGE}); if it is installed, "
        "delete matplotlib's font cache so that it is found"
    )


@lru_cache(maxsize=1)
def japanese_font() -> JapaneseFont:
    """The Japanese font of the charts, looked up once in matplotlib's system font list."""
    return _find_japanese_font(font_manager.fontManager.ttflist)


# ---------------------------------------------------------------------------------------------------------
# numbers and labels


def _value(cell: Cell | None) -> float | None:
    return float(cell.value) if cell is not None and cell.value is not None else None


def _number_label(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def execution_rate(executed: Cell, total: Cell) -> Decimal | None:
    """執行額 / 合計(a+b+c) as a percentage with one decimal (rounded half up); None without both."""
    if executed.value is None or total.value is None or total.value <= 0:
        return None
    return (executed.value * 100 / total.value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def indicator_unit(indicator: Indicator) -> str | None:
    """The unit of the indicator's cells (%, 回, …) when they name exactly one; else None."""
    cells: list[SeriesValue] = [*indicator.baseline]
    if indicator.mid_term_target is not None:
        cells.extend(indicator.mid_term_target.values)
    for year in indicator.years:
        cells.extend(year.targets)
        cells.extend(year.actuals)
    units = {v.value.unit for v in cells if v.value.unit} | {
        v.upper.unit for v in cells if v.upper is not None and v.upper.unit
    }
    return units.pop() if len(units) == 1 else None


_TRAILING_PAREN = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")


def _short_title(indicator: Indicator, limit: int = TITLE_MAX_CHARS) -> str:
    """「測定指標1-3 名前」; a long name loses its trailing parentheses first, then is cut with 「…」."""
    prefix = f"測定指標{indicator.id} "
    name = indicator.name.strip()
    while len(prefix) + len(name) > limit and _TRAILING_PAREN.search(name):
        shorter = _TRAILING_PAREN.sub("", name)
        if not shorter:
            break
        name = shorter
    if len(prefix) + len(name) > limit:
        name = name[: max(1, limit - len(prefix) - 1)] + "…"
    return prefix + name


# ---------------------------------------------------------------------------------------------------------
# drawing


class _Figure(Figure):
    """A figure that lends the renderer it is being drawn with to its canvas while it draws."""

    _drawing_with: RendererBase | None = None

    def draw(self, renderer: RendererBase) -> None:
        self._drawing_with = renderer
        try:
            super().draw(renderer)
        finally:
            self._drawing_with = None


class _SVGCanvas(FigureCanvasSVG):
    """The SVG canvas, handing the layout the renderer the figure is being drawn with.

    Constrained layout measures the texts (tick labels, title, legend) with the renderer that
    ``Figure._get_renderer`` gives. ``FigureCanvasSVG`` has none of its own, so matplotlib makes a
    new one for every request, by a dry print of the figure, and a new renderer measures every
    text anew (matplotlib caches text metrics per renderer): FreeType on the CJK font. The layout
    runs inside the draw (``_write_svg``), so layout and drawing share one renderer and each text
    is measured once.
    """

    def get_renderer(self) -> RendererBase:
        drawing: RendererBase | None = getattr(self.figure, "_drawing_with", None)
        if drawing is not None:
            return drawing
        # outside a draw (nothing here asks then): matplotlib's own way, a dry print
        found: RendererBase = backend_bases._get_renderer(self.figure)  # type: ignore[attr-defined]
        return found


def _target_line(
    ax: Axes,
    xs: list[float],
    values: list[float | None],
    colour: str,
    label: str,
    style: tuple[str, str, float],
) -> None:
    """A series' targets (or their upper bounds) as a line over its bars, broken where a year has
    none; nothing when no year has one. ``style``: the line's style, its marker and its width."""
    if all(v is None for v in values):
        return
    linestyle, marker, linewidth = style
    ax.plot(
        xs,
        [float("nan") if v is None else v for v in values],
        linestyle=linestyle,
        marker=marker,
        markersize=4,
        linewidth=linewidth,
        color=colour,
        zorder=3,
        label=label,
    )


def _new_figure() -> tuple[Figure, Axes]:
    width, height = CHART_SIZE_CM
    fig = _Figure(figsize=(width / _CM_PER_INCH, height / _CM_PER_INCH), layout="constrained")
    _SVGCanvas(fig)
    ax = fig.add_subplot()
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", linewidth=0.4, color="#cccccc")
    ax.tick_params(labelsize=_BASE_SIZE)
    ax.set_axisbelow(True)
    return fig, ax


def _unit_label(ax: Axes, unit: str) -> None:
    """The unit, upright, at the top of the y axis: 「(百万円)」."""
    ax.set_ylabel(f"({unit})", rotation=0, ha="right", va="bottom", fontsize=_BASE_SIZE - 1)
    ax.yaxis.set_label_coords(0.0, 1.01)


def _finish(fig: Figure, font: JapaneseFont) -> str:
    """Give every text the Japanese font (keeping its size) and no mathtext; write the SVG."""
    for text in fig.findobj(Text):
        assert isinstance(text, Text)
        text.set_fontproperties(font.properties(float(text.get_fontsize())))
        text.set_parse_math(False)
        text.set_color(_INK)
    for ax in fig.axes:
        for spine in ax.spines.values():
            spine.set_edgecolor(_INK)
        ax.tick_params(colors=_INK)
    buffer = io.StringIO()
    with _LOCK, matplotlib.rc_context(_RC):  # type: ignore[arg-type]
        _write_svg(fig, buffer)
    return buffer.getvalue()


def _write_svg(fig: Figure, out: io.StringIO) -> None:
    """What ``fig.savefig(out, format="svg", metadata={"Date": None})`` writes, in one draw.

    With a layout engine, ``savefig`` first draws the whole figure without output (with a
    renderer of its own, made by a dry print) to run the layout, then draws it again, layout
    off, with the SVG renderer. Here one draw runs the layout, with the renderer it draws with
    (see ``_SVGCanvas``), and writes the SVG as ``FigureCanvasSVG.print_svg`` does (the figure at
    72 dpi, images at the figure's dpi): the same bytes (``tests/renderers/test_pdf_speed.py``
    compares them with ``savefig``'s), in two thirds of the time.
    """
    image_dpi = fig.dpi
    width, height = fig.get_size_inches()
    fig.dpi = 72
    try:
        renderer = MixedModeRenderer(
            fig,
            width,
            height,
            image_dpi,
            RendererSVG(width * 72, height * 72, out, image_dpi=image_dpi, metadata={"Date": None}),
        )
        fig.draw(renderer)  # type: ignore[arg-type]  # as print_svg: it stands in for its RendererSVG
        renderer.finalize()
    finally:
        fig.dpi = image_dpi


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _drawing(chart: Callable[_P, _R]) -> Callable[_P, _R]:
    """A chart drawn with the cyclic garbage collector paused (``hyoka.renderers.collector``):
    a figure is thousands of objects in reference cycles."""

    @wraps(chart)
    def draw(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with collector_paused():
            return chart(*args, **kwargs)

    return draw


def _series_keys(indicator: Indicator) -> list[str | None]:
    keys: list[str | None] = [s.key for s in indicator.series]
    for year in indicator.years:
        for v in (*year.targets, *year.actuals):
            if v.series not in keys:
                keys.append(v.series)
    return keys or [None]


_Rows = dict[str | None, dict[str, list[float | None]]]


def _indicator_rows(indicator: Indicator) -> _Rows | None:
    """Per series key: its targets, their upper bounds and its actuals, year by year; None when
    the indicator has no chart (a qualitative one, or one without a single number)."""
    if indicator.kind is IndicatorKind.QUALITATIVE or not indicator.years:
        return None
    rows: _Rows = {}
    for key in _series_keys(indicator):
        found: dict[str, list[float | None]] = {"target": [], "upper": [], "actual": []}
        for year in indicator.years:
            target = find(year.targets, key)
            found["target"].append(_value(target.value) if target else None)
            found["upper"].append(_value(target.upper) if target else None)
            actual = find(year.actuals, key)
            found["actual"].append(_value(actual.value) if actual else None)
        rows[key] = found
    if all(v is None for row in rows.values() for values in row.values() for v in values):
        return None
    return rows


def has_indicator_chart(indicator: Indicator) -> bool:
    """Whether ``indicator_chart`` draws a chart for the indicator (told without drawing it)."""
    return _indicator_rows(indicator) is not None


@_drawing
def indicator_chart(indicator: Indicator, *, unit: str | None = None) -> str | None:
    """Targets (dashed line, markers) against actuals (bars) per fiscal year and series, as SVG.

    ``unit`` labels the y axis; by default the unit of the indicator's cells, if they name one.
    None for a qualitative indicator and for one without a single number.
    """
    rows = _indicator_rows(indicator)
    if rows is None:
        return None
    keys = list(rows)
    names: dict[str | None, str] = {s.key: f"{s.key}{s.name}" for s in indicator.series}
    years = [y.fiscal_year for y in indicator.years]

    font = japanese_font()
    fig, ax = _new_figure()
    x = list(range(len(years)))
    width = 0.7 / len(keys)
    for i, key in enumerate(keys):
        colour = _COLOURS[i % len(_COLOURS)]
        label = names.get(key, key or "")
        prefix = f"{label} " if label else ""
        offset = (i - (len(keys) - 1) / 2) * width
        row = rows[key]
        bars_x = [x[j] + offset for j, v in enumerate(row["actual"]) if v is not None]
        bars_y = [v for v in row["actual"] if v is not None]
        if bars_y:
            bars = ax.bar(bars_x, bars_y, width * 0.9, color=colour, alpha=0.55, label=f"{prefix}実績値")
            ax.bar_label(bars, labels=[_number_label(v) for v in bars_y], padding=4, fontsize=_BASE_SIZE - 1)
        xs = [xx + offset for xx in x]
        _target_line(ax, xs, row["target"], colour, f"{prefix}目標値", ("--", "o", 1.2))
        _target_line(ax, xs, row["upper"], colour, f"{prefix}目標値(上限)", (":", "v", 1.0))
    ax.set_xticks(x, [format_fiscal_year(y) for y in years])
    ax.set_xlim(-0.6, len(years) - 0.4)
    ax.margins(y=0.15)
    ax.set_ylim(bottom=min(0.0, ax.get_ylim()[0]))
    unit = unit if unit is not None else indicator_unit(indicator)
    if unit:
        _unit_label(ax, unit)
    ax.set_title(_short_title(indicator), loc="left", fontsize=_BASE_SIZE + 1, pad=14)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, prop=font.properties(7))
    return _finish(fig, font)


def _budget_parts(budget: Budget) -> list[tuple[str, str, list[float | None]]] | None:
    """The budget chart's three bar series, year by year; None when no year has a number."""
    years = budget.years
    parts: list[tuple[str, str, list[float | None]]] = [
        ("initial", "当初予算(a)", [_value(y.initial) for y in years]),
        ("total", "合計(a+b+c)", [_value(y.total) for y in years]),
        ("executed", "執行額", [_value(y.executed) for y in years]),
    ]
    if all(v is None for _, _, values in parts for v in values):
        return None
    return parts


def has_budget_chart(budget: Budget) -> bool:
    """Whether ``budget_chart`` draws a chart for the budget (told without drawing it)."""
    return _budget_parts(budget) is not None


@_drawing
def budget_chart(budget: Budget) -> str | None:
    """当初予算, 合計(a+b+c) and 執行額 per fiscal year as bars, with 執行率 (執行額/合計) above each year.

    None when no year has a number.
    """
    parts = _budget_parts(budget)
    if parts is None:
        return None
    years = budget.years

    font = japanese_font()
    fig, ax = _new_figure()
    x = list(range(len(years)))
    width = 0.26
    for i, (key, label, values) in enumerate(parts):
        offset = (i - 1) * width
        bars_x = [x[j] + offset for j, v in enumerate(values) if v is not None]
        bars_y = [v for v in values if v is not None]
        bars = ax.bar(bars_x, bars_y, width * 0.92, color=_BUDGET_COLOURS[key], label=label)
        ax.bar_label(bars, labels=[_number_label(v) for v in bars_y], padding=1.5, fontsize=_BASE_SIZE - 2)
    highest = max(v for _, _, values in parts for v in values if v is not None)
    ax.set_ylim(bottom=min(0.0, ax.get_ylim()[0]), top=max(highest, 0.0) * 1.3 or 1.0)
    for j, year in enumerate(years):
        rate = execution_rate(year.executed, year.total)
        if rate is not None:
            ax.annotate(
                f"執行率 {rate}%",
                xy=(x[j], max(highest, 0.0) * 1.16),
                ha="center",
                va="bottom",
                color="#333333",
                fontsize=_BASE_SIZE - 1,
            )
    ax.set_xticks(x, [format_fiscal_year(y.fiscal_year) for y in years])
    ax.set_xlim(-0.6, len(years) - 0.4)
    _unit_label(ax, budget.unit)
    ax.set_title("施策の予算額・執行額", loc="left", fontsize=_BASE_SIZE + 1, pad=14)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, prop=font.properties(7))
    return _finish(fig, font)
