"""SVG charts: well-formed XML, Japanese text kept as text in Noto Sans CJK JP, the sample's values,
A4 size, byte-identical output, escaped user text, and a clear error without a Japanese font."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import matplotlib
import pytest
from matplotlib import font_manager

from hyoka.core import (
    Budget,
    BudgetYear,
    Cell,
    CellStatus,
    Direction,
    EvaluationReport,
    Indicator,
    IndicatorKind,
    IndicatorYear,
    SeriesValue,
)
from hyoka.importers import ImportResult
from hyoka.renderers.charts import (
    ChartFontError,
    budget_chart,
    execution_rate,
    indicator_chart,
    japanese_font,
)

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def report(sample_result: ImportResult) -> EvaluationReport:
    return sample_result.report


def texts(svg: str) -> list[str]:
    """The text elements of an SVG, in document order (after checking it parses)."""
    root = ET.fromstring(svg)
    return [el.text or "" for el in root.iter(f"{SVG}text")]


def font_families(svg: str) -> set[str]:
    root = ET.fromstring(svg)
    found = set()
    for el in root.iter(f"{SVG}text"):
        match = re.search(r"font-family: ([^;]+)", el.get("style", ""))
        assert match is not None
        found.add(match.group(1))
    return found


def quantitative(name: str = "指標", **year: list[SeriesValue]) -> Indicator:
    return Indicator(
        id="9-9",
        name=name,
        kind=IndicatorKind.QUANTITATIVE,
        years=[IndicatorYear(fiscal_year=2019, **year)],  # type: ignore[arg-type]
    )


# indicator charts ------------------------------------------------------------------------------------------


def test_indicator_chart_of_two_series(report: EvaluationReport) -> None:
    svg = indicator_chart(report.indicator("1-5"))
    assert svg is not None
    found = texts(svg)
    for expected in (
        "測定指標1-5 米国における対日世論調査の結果",
        "平成29年度",
        "平成30年度",
        "令和元年度",
        "①一般の部 目標値",
        "①一般の部 実績値",
        "②有識者の部 目標値",
        "②有識者の部 実績値",
        "(%)",
    ):
        assert expected in found
    # the actuals are labelled on their bars: ① 87 82 85, ② 86 90 89
    assert [t for t in found if t in {"87", "82", "85", "86", "90", "89"}] == [
        "87",
        "82",
        "85",
        "86",
        "90",
        "89",
    ]
    assert font_families(svg) == {"'Noto Sans CJK JP'"}


def test_indicator_chart_of_one_series(report: EvaluationReport) -> None:
    svg = indicator_chart(report.indicator("1-3"))
    assert svg is not None
    found = texts(svg)
    assert "測定指標1-3 日米二国間会談数(首脳・外相レベル)(電話会談含む)" in found
    assert {"目標値", "実績値", "41", "30", "26"} <= set(found)
    assert not any(t.startswith("(") and t.endswith(")") for t in found)  # the cells name no unit
    with_unit = indicator_chart(report.indicator("1-3"), unit="回")
    assert with_unit is not None
    assert "(回)" in texts(with_unit)


def test_text_stays_text_and_the_chart_is_a4_sized(report: EvaluationReport) -> None:
    svg = indicator_chart(report.indicator("1-5"))
    assert svg is not None
    root = ET.fromstring(svg)
    assert root.get("width") == "453.543307pt"  # 16 cm
    assert root.get("height") == "198.425197pt"  # 7 cm
    assert not re.search(r'id="(Noto|DejaVu)', svg)  # no embedded glyph outlines
    assert "<dc:date>" not in svg
    assert len(svg.encode("utf-8")) < 30_000


def test_qualitative_or_numberless_indicator_has_no_chart(report: EvaluationReport) -> None:
    assert indicator_chart(report.indicator("1-1")) is None
    blank = SeriesValue(value=Cell(status=CellStatus.NOTHING_TO_REPORT, raw="-"))
    assert indicator_chart(quantitative(targets=[blank], actuals=[SeriesValue(value=Cell.empty())])) is None
    assert indicator_chart(quantitative()) is None


def test_range_target_draws_its_upper_bound() -> None:
    indicator = quantitative(
        targets=[SeriesValue(value=Cell.of(80, "%"), upper=Cell.of(90, "%"))],
        actuals=[SeriesValue(value=Cell.of(Decimal("85.5"), "%"))],
    ).model_copy(update={"direction": Direction.WITHIN_RANGE})
    svg = indicator_chart(indicator)
    assert svg is not None
    assert {"目標値", "目標値(上限)", "実績値", "85.5", "(%)"} <= set(texts(svg))


def test_user_text_is_escaped_and_printed_as_written() -> None:
    indicator = quantitative(
        name="<script>alert(1)</script>$x^2$&'q'",
        targets=[SeriesValue(value=Cell.of(1))],
        actuals=[SeriesValue(value=Cell.of(2))],
    )
    svg = indicator_chart(indicator)
    assert svg is not None
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert "<script" not in svg
    root = ET.fromstring(svg)
    assert not [el for el in root.iter() if el.tag.endswith("script")]
    assert "測定指標9-9 <script>alert(1)</script>$x^2$&'q'" in texts(svg)


def test_long_names_are_shortened() -> None:
    name = "とても長い測定指標の名前であって一行に収まらないものの例として用意した文字列です" * 2
    svg = indicator_chart(
        quantitative(
            name=name, targets=[SeriesValue(value=Cell.of(1))], actuals=[SeriesValue(value=Cell.of(1))]
        )
    )
    assert svg is not None
    title = next(t for t in texts(svg) if t.startswith("測定指標9-9 "))
    assert title == "測定指標9-9 " + name[:35] + "…"
    assert len(title) == 44


# budget chart ----------------------------------------------------------------------------------------------


def test_budget_chart_of_the_sample(report: EvaluationReport) -> None:
    svg = budget_chart(report.budget)
    assert svg is not None
    found = texts(svg)
    assert [t for t in found if t.startswith("執行率")] == ["執行率 88.1%", "執行率 80.2%", "執行率 79.3%"]
    assert {
        "平成29年度",
        "令和元年度",
        "令和2年度",
        "(百万円)",
        "当初予算(a)",
        "合計(a+b+c)",
        "執行額",
    } <= set(found)
    assert {"685", "671", "532", "652"} <= set(found)
    assert font_families(svg) == {"'Noto Sans CJK JP'"}


def test_execution_rate_is_rounded_half_up() -> None:
    assert execution_rate(Cell.of(532), Cell.of(671)) == Decimal("79.3")
    assert execution_rate(Cell.of(1), Cell.of(8)) == Decimal("12.5")
    assert execution_rate(Cell.of(1), Cell.of(16)) == Decimal("6.3")
    assert execution_rate(Cell.empty(), Cell.of(671)) is None
    assert execution_rate(Cell.of(1), Cell.of(0)) is None


def test_budget_without_numbers_has_no_chart() -> None:
    assert budget_chart(Budget()) is None
    assert budget_chart(Budget(years=[BudgetYear(fiscal_year=2020)])) is None


def test_charts_are_deterministic(report: EvaluationReport) -> None:
    assert budget_chart(report.budget) == budget_chart(report.budget)
    assert indicator_chart(report.indicator("1-5")) == indicator_chart(report.indicator("1-5"))


# font ------------------------------------------------------------------------------------------------------


@pytest.fixture
def fresh_font_lookup() -> Iterator[None]:
    japanese_font.cache_clear()
    yield
    japanese_font.cache_clear()


def test_the_font_is_noto_sans_cjk_jp_by_file() -> None:
    font = japanese_font()
    assert font.family == "Noto Sans CJK JP"
    assert font.path.endswith("NotoSansCJK-Regular.ttc")
    assert font_manager.get_font(font.properties().get_file()).family_name == "Noto Sans CJK JP"


@pytest.mark.usefixtures("fresh_font_lookup")
def test_without_noto_jp_any_japanese_font_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    others = [e for e in font_manager.fontManager.ttflist if e.name in {"DejaVu Sans", "Noto Sans CJK KR"}]
    assert {e.name for e in others} == {"DejaVu Sans", "Noto Sans CJK KR"}
    monkeypatch.setattr(font_manager.fontManager, "ttflist", others)
    font = japanese_font()
    kr = next(e for e in others if e.name == "Noto Sans CJK KR")
    assert (font.family, font.path, font.face_index) == ("Noto Sans CJK KR", kr.fname, kr.index)
    assert font_manager.get_font(font.properties().get_file()).family_name == "Noto Sans CJK KR"


@pytest.mark.usefixtures("fresh_font_lookup")
def test_without_a_japanese_font_the_error_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    latin = [e for e in font_manager.fontManager.ttflist if e.name == "DejaVu Sans"]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", latin)
    with pytest.raises(ChartFontError, match="apt-get install fonts-noto-cjk"):
        budget_chart(Budget(years=[BudgetYear(fiscal_year=2020, initial=Cell.of(1))]))


def test_rendering_leaves_global_settings_alone_and_is_thread_safe(report: EvaluationReport) -> None:
    before = {key: matplotlib.rcParams[key] for key in ("svg.fonttype", "svg.hashsalt", "font.family")}
    expected = budget_chart(report.budget)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: budget_chart(report.budget), range(8)))
    assert results == [expected] * 8
    assert {key: matplotlib.rcParams[key] for key in before} == before
