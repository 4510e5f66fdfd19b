"""The one era table and the era patterns built from it (issue 13): every era, 元年, the boundaries,
abbreviations, full-width digits, spaced-out characters; and a guard that no other module under src/
spells out its own set of eras."""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

import pytest

from hyoka.core.wareki import (
    ERA,
    ERA_ABBREVIATED,
    ERA_NAMES,
    ERAS,
    EraYearError,
    era_named,
    era_prefix,
    era_year_number,
    era_year_regex,
    format_era_date,
    format_era_initial,
    format_fiscal_year,
    format_year_list,
    parse_era_year,
    to_western,
    western_year,
)

SRC = Path(__file__).resolve().parents[2] / "src" / "hyoka"
ERA_MODULE = SRC / "core" / "wareki.py"


def test_the_era_table() -> None:
    assert [(e.name, e.start, e.initial, e.abbreviation, e.offset) for e in ERAS] == [
        ("明治", date(1868, 10, 23), "M", "明", 1867),
        ("大正", date(1912, 7, 30), "T", "大", 1911),
        ("昭和", date(1926, 12, 25), "S", "昭", 1925),
        ("平成", date(1989, 1, 8), "H", "平", 1988),
        ("令和", date(2019, 5, 1), "R", "令", 2018),
    ]
    assert ERA_NAMES == ("明治", "大正", "昭和", "平成", "令和")


def test_the_patterns_are_built_from_the_table() -> None:
    assert ERA == "(?:明治|大正|昭和|平成|令和)"
    assert ERA_ABBREVIATED == "(?:明治|大正|昭和|平成|令和|[明M大T昭S平H令R])"
    assert era_year_regex() == "(?:明治|大正|昭和|平成|令和)(?:元|[0-9]{1,2})"
    assert era_year_regex(era="e", number="n", optional_era=True, digits="+") == (
        "(?P<e>(?:明治|大正|昭和|平成|令和))?(?P<n>元|[0-9]+)"
    )
    assert era_year_regex(fullwidth=True) == "(?:明治|大正|昭和|平成|令和)(?:元|[0-9０-９]{1,2})"


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("明治元年", 1868),
        ("明治45年", 1912),
        ("大正元年", 1912),
        ("大正15年", 1926),
        ("昭和元年", 1926),
        ("昭和64年", 1989),
        ("平成元年度", 1989),
        ("平成31年度", 2019),
        ("令和元年度", 2019),
        ("令和2年度", 2020),
        ("令和２年度", 2020),
        ("平成２９年度", 2017),
        ("平 成 2 4 年 度", 2012),
        ("令　和　元　年　度", 2019),
        ("R2年度", 2020),
        ("H28年度", 2016),
        ("S64年", 1989),
        ("Ｒ２年度", 2020),
        ("令2年度", 2020),
        ("平元年", 1989),
        ("明1年", 1868),
    ],
)
def test_parse_every_era_and_form(text: str, year: int) -> None:
    assert parse_era_year(text) == year


def test_boundaries() -> None:
    assert parse_era_year("平成31年度") == parse_era_year("令和元年度") == 2019
    assert parse_era_year("昭和64年") == parse_era_year("平成元年") == 1989
    assert format_fiscal_year(2019) == "令和元年度"
    assert format_fiscal_year(1989) == "平成元年度"


@pytest.mark.parametrize(
    ("text", "default_era", "year"),
    [("25年度", "平成", 2013), ("2年度", "令和", 2020), ("元年度", "令和", 2019), ("２５年度", "H", 2013)],
)
def test_a_bare_year_is_read_in_the_callers_era(text: str, default_era: str, year: int) -> None:
    assert parse_era_year(text, default_era=default_era) == year


def test_a_bare_year_without_the_callers_era_is_an_error() -> None:
    with pytest.raises(EraYearError, match="names no era"):
        parse_era_year("25年度")


@pytest.mark.parametrize("text", ["R2", "令和", "大化2年", "X2年度", "令和2年4月", "令和0年度", "最大2年"])
def test_not_an_era_year(text: str) -> None:
    with pytest.raises(EraYearError):
        parse_era_year(text)


@pytest.mark.parametrize(
    ("name", "era"),
    [("令和", "令和"), ("令", "令和"), ("R", "令和"), ("H", "平成"), ("昭", "昭和"), ("M", "明治")],
)
def test_era_named(name: str, era: str) -> None:
    assert era_named(name).name == era


def test_to_western_takes_abbreviations_and_western_year_takes_the_number_as_written() -> None:
    assert to_western("H", 31) == to_western("令", 1) == 2019
    assert western_year("令和", "元") == 2019
    assert western_year("平成", "２９") == 2017
    assert [era_year_number(n) for n in ("元", "1", "29", "６４")] == [1, 1, 29, 64]
    with pytest.raises(EraYearError):
        era_year_number("二")
    with pytest.raises(EraYearError):
        western_year("平成", "0")


@pytest.mark.parametrize(
    ("text", "era"),
    [
        ("令和2年度", "令和"),
        ("令2年度", "令和"),
        ("R2年度", "令和"),
        ("平元年", "平成"),
        ("2年度", None),
        ("元年度", None),
    ],
)
def test_era_prefix(text: str, era: str | None) -> None:
    assert era_prefix(text) == era


def test_formatting() -> None:
    assert format_year_list([2017, 2018, 2019]) == "平成29・30・令和元年度"
    assert format_year_list([2021, 2022, 2023]) == "令和3・4・5年度"
    assert format_year_list([1988, 1989]) == "昭和63・平成元年度"
    assert format_year_list([]) == ""
    assert [format_era_initial(y) for y in (1868, 1912, 1926, 1989, 2019, 2020)] == [
        "M1",
        "T1",
        "S1",
        "H1",
        "R1",
        "R2",
    ]
    assert format_era_date(date(2019, 5, 1)) == "令和元年5月1日"
    assert format_era_date(date(2019, 4, 30)) == "平成31年4月30日"
    assert format_era_date(date(1989, 1, 7), with_day=False) == "昭和64年1月"


def test_the_shared_patterns_find_era_years_in_running_text() -> None:
    pattern = re.compile(rf"{era_year_regex(era='era', number='number')}年度")
    found = [(m["era"], m["number"]) for m in pattern.finditer("昭和63年度から平成元年度、令和2年度まで")]
    assert found == [("昭和", "63"), ("平成", "元"), ("令和", "2")]
    # running text never takes an abbreviation: 「最大2年度」 is not 大正2年度
    assert pattern.search("最大2年度") is None


# --- the guard: one home for the era set -----------------------------------------------------------

_NAMES = "|".join(ERA_NAMES)
_ERA_IN_REGEX = re.compile(rf"(?:{_NAMES})\)?\s*\||\|\s*\(?(?:\?:)?(?:{_NAMES})|\[[^\]]*(?:{_NAMES})[^\]]*\]")
"""An era name in a regex alternation (「平成|令和」) or character class (「[0-9平成令和]」)."""


def era_sets(source: str) -> list[tuple[int, str]]:
    """The places in a module's source that spell out eras themselves: a string (not a docstring)
    with an era name in a regex alternation or character class, or a tuple, list, set or dict of
    two or more era names."""
    tree = ast.parse(source)
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            if _ERA_IN_REGEX.search(node.value):
                found.append((node.lineno, node.value))
        elif isinstance(node, ast.Tuple | ast.List | ast.Set | ast.Dict):
            items = node.keys if isinstance(node, ast.Dict) else node.elts
            names = [i.value for i in items if isinstance(i, ast.Constant) and i.value in ERA_NAMES]
            if len(names) >= 2:
                found.append((node.lineno, "・".join(names)))
    return found


@pytest.mark.parametrize(
    "source",
    [
        'X = re.compile(r"(昭和|平成|令和)(元|[0-9]+)年")',
        'X = re.compile(r"^(?:平成|令和)[0-9]+年度")',
        'X = rf"(?:{A}|令和)"',
        'X = re.compile(r"[0-9元・平成令和]*年度")',
        'if label.startswith(("平成", "令和")): pass',
        'INITIALS = {"平成": "H", "令和": "R"}',
    ],
)
def test_the_guard_finds_an_era_set(source: str) -> None:
    assert era_sets(source) != []


def test_the_guard_leaves_docstrings_and_single_eras_alone() -> None:
    source = '"""「平成29・30・令和元年度」 (平成|令和)."""\nX = "令和"\nY = f"{ERA}[0-9]+年"\n'
    assert era_sets(source) == []


def test_no_module_but_the_era_module_spells_out_its_own_eras() -> None:
    offenders = {
        str(path.relative_to(SRC)): hits
        for path in sorted(SRC.rglob("*.py"))
        if path != ERA_MODULE and (hits := era_sets(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}
