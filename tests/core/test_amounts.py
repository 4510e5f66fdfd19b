"""Numbers as printed in the reports, and the three kinds of blank cell kept apart."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hyoka.core import AmountError, Cell, CellStatus, parse_cell, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("△14", Decimal(-14)),
        ("▲14", Decimal(-14)),
        ("-14", Decimal(-14)),
        ("1,220", Decimal(1220)),
        ("274,346", Decimal(274346)),
        ("651,705", Decimal(651705)),
        ("６５２", Decimal(652)),
        ("１，２２０", Decimal(1220)),
        ("85%", Decimal(85)),
        ("８５％", Decimal(85)),
        ("0", Decimal(0)),
        ("1.5", Decimal("1.5")),
        ("1,234.5", Decimal("1234.5")),
        (" 370 ", Decimal(370)),
    ],
)
def test_parse_number(text: str, value: Decimal) -> None:
    parsed = parse_number(text)
    assert isinstance(parsed, Decimal)
    assert parsed == value


@pytest.mark.parametrize(
    "text",
    ["1,22", "abc", "", "△", "%", "6 5 2", "1,2345", "12,345,67", "1e3", "NaN", "十四"],
)
def test_not_a_number(text: str) -> None:
    with pytest.raises(AmountError):
        parse_number(text)


def test_zero_is_a_value() -> None:
    cell = parse_cell("0")
    assert cell.status is CellStatus.VALUE
    assert cell.is_value
    assert cell.value == 0


@pytest.mark.parametrize("text", ["-", "—", "－"])
def test_dash_is_nothing_to_report(text: str) -> None:
    cell = parse_cell(text)
    assert cell.status is CellStatus.NOTHING_TO_REPORT
    assert cell.value is None
    assert cell.raw == text


@pytest.mark.parametrize("text", ["", "  ", None])
def test_blank_is_empty(text: str | None) -> None:
    cell = parse_cell(text)
    assert cell.status is CellStatus.EMPTY
    assert cell.value is None


def test_zero_dash_and_blank_are_three_different_cells() -> None:
    cells = [parse_cell("0"), parse_cell("-"), parse_cell("")]
    assert [c.status for c in cells] == [CellStatus.VALUE, CellStatus.NOTHING_TO_REPORT, CellStatus.EMPTY]
    assert len({c.status for c in cells}) == 3


def test_parse_cell_keeps_the_text_and_the_unit() -> None:
    cell = parse_cell("△14", unit="百万円")
    assert cell == Cell(status=CellStatus.VALUE, value=Decimal(-14), unit="百万円", raw="△14")


def test_parse_cell_rejects_text_that_is_not_a_number() -> None:
    with pytest.raises(AmountError):
        parse_cell("abc")


# Also beyond 28 significant digits: see the exactness test below.
_INTS = st.integers()


@pytest.mark.fuzz
@given(n=_INTS)
def test_comma_grouped_integers_round_trip(n: int) -> None:
    assert parse_number(f"{n:,}") == n


@pytest.mark.fuzz
@given(n=_INTS.filter(lambda n: n != 0), mark=st.sampled_from(["△", "▲"]))
def test_triangle_marks_a_negative(n: int, mark: str) -> None:
    assert parse_number(mark + f"{abs(n):,}") == -abs(n)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("10,000,000,000,000,000,000,000,000,001", 10_000_000_000_000_000_000_000_000_001),
        ("△10,000,000,000,000,000,000,000,000,001", -10_000_000_000_000_000_000_000_000_001),
    ],
)
def test_more_than_28_digits_are_kept_exact(text: str, value: int) -> None:
    assert parse_number(text) == value
