"""Item numbering in one place (issue 13): indicator ids in every ministry's numbering, outline
labels, and the sort key of an indicator id."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

import hyoka
from hyoka.core.numbering import (
    INDICATOR_ID,
    ITEM_START,
    MOFA_INDICATOR_ID,
    OUTLINE_LABEL,
    PAREN_ROMAN,
    outline_kind,
    outline_label,
    sort_key,
)


@pytest.mark.parametrize(
    "text", ["1-1", "10-2", "1", "I-9-1-1", "Ⅰ-9-1-1", "XII-3", "指標7", "達成目標1-指標3"]
)
def test_indicator_id_takes_every_numbering_in_use(text: str) -> None:
    assert re.fullmatch(INDICATOR_ID, text)


@pytest.mark.parametrize("text", ["", "1-", "-1", "指標", "指標-7", "目標1", "A-1", "1 - 1"])
def test_indicator_id_rejects(text: str) -> None:
    assert re.fullmatch(INDICATOR_ID, text) is None


def test_mofa_indicator_id_is_area_and_indicator_only() -> None:
    assert [bool(re.fullmatch(MOFA_INDICATOR_ID, t)) for t in ("1-3", "10-12", "1", "1-1-1", "指標7")] == [
        True,
        True,
        False,
        False,
        False,
    ]


@pytest.mark.parametrize(
    ("text", "label", "kind"),
    [
        ("1 日米関係", "1", "digit"),
        ("(1) 日米関係", "(1)", "paren-digit"),
        ("（１）　日米関係", "(1)", "paren-digit"),
        ("ア 安全保障", "ア", "kana"),
        ("(ア) 安全保障", "(ア)", "paren-kana"),
        ("一 総論", "一", "kanji"),
        ("① 一般の部", "①", "circled"),
        ("⑳", "⑳", "circled"),
    ],
)
def test_outline_label_and_kind(text: str, label: str, kind: str) -> None:
    assert outline_label(text) == label
    assert outline_kind(label) == kind


@pytest.mark.parametrize("text", ["日米関係", "11月の会談", "1-3の実績", "(注)", "アメリカ"])
def test_not_an_outline_label(text: str) -> None:
    assert outline_label(text) is None


def test_outline_label_regex_order_is_the_importers() -> None:
    assert [m.group(0) for m in re.finditer(OUTLINE_LABEL, "(1)(ア)十二①")] == ["(1)", "(ア)", "十二", "①"]


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("(1 ", True),
        ("(ア", True),
        ("1 日米", True),
        ("ア 安保", True),
        ("十二 総論", True),
        ("1-3 の", True),
        ("② 有識者", True),
        ("11月の", False),
        ("アメリカ", False),
        ("を含めた", False),
    ],
)
def test_item_start(text: str, starts: bool) -> None:
    assert bool(re.match(ITEM_START, text)) is starts


def test_sort_key_values() -> None:
    assert sort_key("Ⅰ-9-1-1") == ((1, 9, 1, 1), "I-9-1-1")
    assert sort_key("指標7") == ((7,), "指標7")
    assert sort_key("達成目標1-指標3") == ((1, 3), "達成目標1-指標3")
    assert sort_key("10-2") == ((10, 2), "10-2")
    assert sort_key("IV-1") == ((4, 1), "IV-1")
    assert sort_key("ⅩⅡ-1") == ((12, 1), "XII-1")
    assert sort_key("10-2") > sort_key("9-1")


def test_sort_key_orders_a_realistic_mixed_list() -> None:
    ids = [
        "10-2",
        "指標7",
        "2-1",
        "Ⅱ-1-1",
        "9-1",
        "1-10",
        "達成目標1-指標3",
        "1-3",
        "1-2",
        "1",
        "Ⅰ-9-1-1",
        "指標10",
    ]
    assert sorted(ids, key=sort_key) == [
        "1",
        "1-2",
        "1-3",
        "達成目標1-指標3",
        "Ⅰ-9-1-1",
        "1-10",
        "2-1",
        "Ⅱ-1-1",
        "指標7",
        "9-1",
        "指標10",
        "10-2",
    ]


@pytest.mark.parametrize(
    ("text", "found"), [("(ⅰ)", "(i)"), ("(ⅲ)", "(iii)"), ("(i)", "(i)"), ("(ii)", "(ii)")]
)
def test_paren_roman_is_a_sub_item_as_printed_and_as_typed(text: str, found: str) -> None:
    assert outline_kind(text) == "paren-roman"
    match = re.search(PAREN_ROMAN, unicodedata.normalize("NFKC", text))
    assert match is not None and match.group(0) == found


@pytest.mark.parametrize("text", ["(1)", "(I)", "(v", "(ア)", "(注)"])
def test_paren_roman_rejects(text: str) -> None:
    assert re.fullmatch(PAREN_ROMAN, text) is None


def test_sort_key_orders_sub_items_and_circled_items_by_their_numbers() -> None:
    ids = ["15⑤(ⅱ)", "16③", "15⑤(ⅰ)", "15⑩", "15②", "15⑤(ⅹ)", "15⑤(ⅳ)"]
    assert sorted(ids, key=sort_key) == ["15②", "15⑤(ⅰ)", "15⑤(ⅱ)", "15⑤(ⅳ)", "15⑤(ⅹ)", "15⑩", "16③"]
    assert sort_key("15⑤(ⅰ)") == ((15, 5, 1), "15⑤(i)")


# --- the guard: one home for the numbering patterns --------------------------------------------------

_NUMBERING_LITERALS = (r"[ivx]", r"[IVX]+-", r"[\u2460-\u2473]", "[ア-ン]")


def test_the_numbering_patterns_are_written_in_core_numbering_only() -> None:
    """PAREN_ROMAN, the Roman and circled numbers, the kana labels: their regex is written once
    (core/numbering.py) and imported everywhere else (the mlit reader's stop-gap ``_SUB`` moved here)."""
    source = Path(hyoka.__file__).resolve().parent
    home = source / "core" / "numbering.py"
    found = [
        f"{path.relative_to(source)}: {literal}"
        for path in sorted(source.rglob("*.py"))
        if path != home
        for literal in _NUMBERING_LITERALS
        if literal in path.read_text(encoding="utf-8")
    ]
    assert found == []
