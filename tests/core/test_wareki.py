"""和暦 ⇄ Western years, and fiscal years (年度) named the way the government names them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hyoka.core import EraYearError, fiscal_year_label, format_fiscal_year, parse_era_year, to_era, to_western

_TO_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("平成29年度", 2017),
        ("平成30年度", 2018),
        ("令和元年度", 2019),
        ("平成31年度", 2019),
        ("令和2年度", 2020),
        ("令和元年", 2019),
        ("平成元年", 1989),
        ("昭和64年", 1989),
        ("昭和元年", 1926),
        ("大正15年", 1926),
        ("大正元年", 1912),
        ("明治45年", 1912),
        ("明治元年", 1868),
        ("令和２年度", 2020),
        ("平成２９年度", 2017),
        ("平成 29 年度", 2017),
        (" 令和2年度 ", 2020),
    ],
)
def test_parse_era_year(text: str, year: int) -> None:
    assert parse_era_year(text) == year


def test_heisei_31_and_reiwa_gannen_are_the_same_fiscal_year() -> None:
    assert parse_era_year("平成31年度") == parse_era_year("令和元年度") == 2019


@pytest.mark.parametrize(
    ("text", "era", "year"),
    [
        ("2年度", "令和", 2020),
        ("元年度", "令和", 2019),
        ("２年度", "令和", 2020),
        ("29年度", "平成", 2017),
        ("30年", "平成", 2018),
    ],
)
def test_short_year_is_read_in_the_documents_era(text: str, era: str, year: int) -> None:
    assert parse_era_year(text, default_era=era) == year


def test_short_year_without_an_era_is_an_error_not_a_guess() -> None:
    with pytest.raises(EraYearError, match="names no era"):
        parse_era_year("2年度")


def test_an_era_in_the_text_wins_over_the_documents_era() -> None:
    assert parse_era_year("平成29年度", default_era="令和") == 2017


@pytest.mark.parametrize(
    "text",
    [
        "",
        "令和",
        "年度",
        "令和0年度",
        "西暦2020年",
        "2020年度",
        "平成二十九年度",
        "令和1000年度",
        "令和2年4月",
    ],
)
def test_not_an_era_year(text: str) -> None:
    with pytest.raises(EraYearError):
        parse_era_year(text, default_era="令和")


def test_unknown_default_era_is_an_error() -> None:
    with pytest.raises(EraYearError, match="unknown era"):
        parse_era_year("2年度", default_era="西暦")


@pytest.mark.parametrize(
    ("era", "year", "western"),
    [("平成", 29, 2017), ("平成", 31, 2019), ("令和", 1, 2019), ("昭和", 64, 1989), ("明治", 1, 1868)],
)
def test_to_western(era: str, year: int, western: int) -> None:
    assert to_western(era, year) == western


@pytest.mark.parametrize(("era", "year"), [("令和", 0), ("平成", -1), ("西暦", 1)])
def test_to_western_rejects(era: str, year: int) -> None:
    with pytest.raises(EraYearError):
        to_western(era, year)


@pytest.mark.parametrize(
    ("year", "era"),
    [
        (1868, ("明治", 1)),
        (1911, ("明治", 44)),
        (1912, ("大正", 1)),
        (1925, ("大正", 14)),
        (1926, ("昭和", 1)),
        (1988, ("昭和", 63)),
        (1989, ("平成", 1)),
        (2018, ("平成", 30)),
        (2019, ("令和", 1)),
        (2020, ("令和", 2)),
    ],
)
def test_to_era_names_the_era_in_force_at_the_end_of_the_year(year: int, era: tuple[str, int]) -> None:
    assert to_era(year) == era


def test_to_era_before_meiji_is_an_error() -> None:
    with pytest.raises(EraYearError):
        to_era(1867)


@pytest.mark.parametrize(
    ("year", "text"),
    [
        (2017, "平成29年度"),
        (2018, "平成30年度"),
        (2019, "令和元年度"),
        (2020, "令和2年度"),
        (1989, "平成元年度"),
        (1988, "昭和63年度"),
        (1868, "明治元年度"),
    ],
)
def test_format_fiscal_year(year: int, text: str) -> None:
    assert format_fiscal_year(year) == text


@pytest.mark.parametrize(
    ("year", "ja", "en"),
    [
        (2019, "令和元年度 (2019年度)", "FY2019 (Reiwa 1)"),
        (2018, "平成30年度 (2018年度)", "FY2018 (Heisei 30)"),
        (2020, "令和2年度 (2020年度)", "FY2020 (Reiwa 2)"),
        (2029, "令和11年度 (2029年度)", "FY2029 (Reiwa 11)"),
        (1989, "平成元年度 (1989年度)", "FY1989 (Heisei 1)"),
    ],
)
def test_fiscal_year_label_is_the_one_way_a_year_is_shown(year: int, ja: str, en: str) -> None:
    # 2019 is 令和元年度 although its April was still 平成, as the government names the year
    assert fiscal_year_label(year, "ja") == ja
    assert fiscal_year_label(year) == ja
    assert fiscal_year_label(year, "en") == en


@pytest.mark.fuzz
@given(year=st.integers(min_value=1868, max_value=2100), fullwidth=st.booleans())
def test_format_fiscal_year_round_trips(year: int, fullwidth: bool) -> None:
    text = format_fiscal_year(year)
    assert parse_era_year(text) == year
    if fullwidth:
        assert parse_era_year(text.translate(_TO_FULLWIDTH)) == year


def test_every_fiscal_year_from_meiji_to_2100_round_trips() -> None:
    failures = [y for y in range(1868, 2101) if parse_era_year(format_fiscal_year(y)) != y]
    assert failures == []
