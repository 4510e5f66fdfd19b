"""Layouts as data (issue 14): the bundled TOML files load, a bad file is refused naming its key,
and a document's layout is detected from its own lines (the sample, and its 調書 cut from it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hyoka.core import DocumentKind
from hyoka.importers.layout import (
    LayoutError,
    Reader,
    bundled_layouts,
    choose_layout,
    detect_layout,
    load_layout,
    parse_layout,
)
from hyoka.importers.text.debris import join_cut_lines
from hyoka.importers.text.normalise import normalise_lines

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "mofa-r2-I-2-hokubei.txt"


BUNDLED = [
    "budget-sheet",
    "budget-sheet-2016",
    "mext-jisseki",
    "mhlw-jisseki",
    "mlit-checkup",
    "mofa-2020",
    "pre-analysis",
    "soumu",
]
"""Every layout shipped (docs/layouts.md)."""

MINIMAL = """
name = "test-form"
title = "試験用の様式"
kinds = ["評価書"]
reader = "mofa"
source = "tests"
markers = [{ pattern = '^試験$' }]
"""


def _lines() -> list[str]:
    return [line.text for line in join_cut_lines(normalise_lines(SAMPLE.read_text(encoding="utf-8")))]


def test_the_bundled_layouts_load_with_their_reader_and_kinds() -> None:
    assert bundled_layouts() == BUNDLED
    report = load_layout("mofa-2020")
    assert (report.reader, report.kinds, report.unit, report.ministry) == (
        Reader.MOFA,
        [DocumentKind.EVALUATION],
        "百万円",
        "外務省",
    )
    sheet = load_layout("budget-sheet")
    assert (sheet.reader, sheet.kinds, sheet.unit) == (
        Reader.BUDGET_SHEET,
        [DocumentKind.BUDGET_SHEET],
        "千円",
    )


def test_the_sample_is_read_as_the_mofa_2020_report_and_its_budget_sheet_alone_as_a_budget_sheet() -> None:
    lines = _lines()
    whole = detect_layout(lines)
    assert whole is not None
    assert (whole.layout.name, whole.score, whole.scores) == (
        "mofa-2020",
        28,
        {**dict.fromkeys(BUNDLED, 0), "budget-sheet": 9, "mofa-2020": 28},
    )
    sheet_end = lines.index("施策I-2北米地域外交")
    alone = detect_layout(lines[:sheet_end])
    assert alone is not None
    assert (alone.layout.name, alone.score, alone.scores) == (
        "budget-sheet",
        9,
        {**dict.fromkeys(BUNDLED, 0), "budget-sheet": 9, "mofa-2020": 0},
    )


def test_a_document_no_layout_recognises_is_none() -> None:
    assert detect_layout(["議事録", "開会の挨拶"]) is None
    assert detect_layout([]) is None


def test_a_marker_matches_within_one_line_never_across_a_line_end() -> None:
    # mhlw-jisseki's marker 「^(?:総合判定)?\s*\(判定結果\)\s*[ABC]【」: its \s* must not join two lines,
    # though the lines are searched together first.
    assert detect_layout(["(判定結果)", "A【目標達成】"]) is None
    found = detect_layout(["前文", "(判定結果) A【目標達成】"])
    assert found is not None
    assert (found.layout.name, found.score) == ("mhlw-jisseki", 5)


def test_a_forced_layout_is_used_whatever_the_markers_say() -> None:
    chosen = choose_layout(["議事録"], forced="budget-sheet")
    assert chosen is not None
    assert (chosen.layout.name, chosen.forced) == ("budget-sheet", True)


def test_an_unknown_layout_name_lists_the_bundled_ones() -> None:
    with pytest.raises(LayoutError) as caught:
        load_layout("mhlw-1999")
    assert (str(caught.value), caught.value.text("en")) == (
        f"「mhlw-1999」という名前のレイアウトはありません（レイアウト: {', '.join(BUNDLED)}）",
        f"no layout named 'mhlw-1999' (layouts: {', '.join(BUNDLED)})",
    )


def test_a_minimal_layout_parses_with_its_defaults() -> None:
    layout = parse_layout(MINIMAL, source="test.toml")
    assert (layout.name, layout.unit, layout.measure_word, layout.labels.area) == (
        "test-form",
        "百万円",
        "施策",
        None,
    )


@pytest.mark.parametrize(
    ("change", "keys", "message"),
    [
        (
            ('reader = "mofa"', 'reader = "ocr"'),
            "reader",
            "test.toml: reader: Input should be 'mofa', 'budget_sheet', 'budget_sheet_2016', 'mhlw', 'mlit', "
            "'soumu', 'mext' or 'pre_analysis'",
        ),
        (
            ("pattern = '^試験$'", "pattern = '(試験'"),
            "markers.0.pattern",
            "test.toml: markers.0.pattern: not a regular expression: "
            "missing ), unterminated subpattern at position 0",
        ),
        (
            ('kinds = ["評価書"]', "kinds = []"),
            "kinds",
            "test.toml: kinds: List should have at least 1 item after validation, not 0",
        ),
        (
            ('name = "test-form"', 'name = "Test Form"'),
            "name",
            "test.toml: name: String should match pattern '^[a-z0-9][a-z0-9-]*$'",
        ),
        (
            ("title = ", "titel = "),
            "title、titel",
            "test.toml: title: Field required; titel: Extra inputs are not permitted",
        ),
    ],
)
def test_a_bad_layout_is_refused_naming_the_key(change: tuple[str, str], keys: str, message: str) -> None:
    with pytest.raises(LayoutError) as caught:
        parse_layout(MINIMAL.replace(*change), source="test.toml")
    assert (str(caught.value), caught.value.text("en")) == (
        f"test.toml: レイアウトとして正しくない項目があります（{keys}）",
        message,
    )


def test_a_layout_that_is_not_toml_says_so() -> None:
    with pytest.raises(LayoutError) as caught:
        parse_layout("name = ", source="bad.toml")
    assert str(caught.value) == "bad.toml: TOML として読めません"
    assert caught.value.text("en").startswith("bad.toml: not valid TOML: ")


@pytest.mark.parametrize(
    ("texts", "era"),
    [
        (["平成27年度は", "平成28年度概算要求"], "平成"),
        (["平成30年度", "令和元年度"], "令和"),
        (["昭和64年", "平成元年"], "平成"),
        (["25年度", "26年度"], "令和"),
        (["令和2年度政策評価書", "平成29年度"], "令和"),
    ],
)
def test_short_years_are_read_in_the_latest_era_the_document_names(texts: list[str], era: str) -> None:
    """Before, any document without a 「…年度政策評価書」 line was read as 令和, even one that names
    only 平成 years (a 平成28年度 調書's 「25年度」 became 令和7年度)."""
    from hyoka.importers.text.normalise import Line
    from hyoka.importers.text.segment import document_era

    assert document_era([Line(text, n, n, 0) for n, text in enumerate(texts, 1)]) == era
