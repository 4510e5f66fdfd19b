"""The one test of a sentence cut by a page break, which the text importer joins by and the text
renderer cuts by (``hyoka.core.page_break``)."""

from __future__ import annotations

import pytest

from hyoka.core.page_break import BODY_WIDTH, HEADING_WIDTH, continues_after_break

BODY = "日米・日加政府間での共通の諸課題に関する協議・政策調整を実施し、他地域との外交"
"""Running text (「、」, at least BODY_WIDTH characters) that does not end a sentence."""


def test_running_text_goes_on_after_the_break() -> None:
    assert len(BODY) >= BODY_WIDTH
    assert continues_after_break(BODY, "を含めた日本外交全体の奥行きが問われている。")


@pytest.mark.parametrize(
    ("prev", "nxt"),
    [
        (BODY + "。", "次の文。"),  # the sentence ended
        (BODY + "）", "次の文。"),  # a full-width parenthesis ends it too (the renderer's stored text)
        (BODY, "測定指標"),  # a heading
        (BODY, "令和2年度目標"),  # a year heading
        (BODY, "1-3 指標"),  # an item
        (BODY, "(注) 注記"),  # a note
        (BODY, "を含めた\t表の行"),  # a table row
        ("短い、見出し", "を含めた日本外交全体の奥行きが問われている。"),  # a label, not running text
        ("施策目標" * 5, "を含めた日本外交全体の奥行きが問われている。"),  # no 「、」「。」, short
    ],
)
def test_what_does_not_go_on(prev: str, nxt: str) -> None:
    assert not continues_after_break(prev, nxt)


def test_a_long_line_goes_on_without_punctuation() -> None:
    prev = "施" * HEADING_WIDTH
    assert continues_after_break(prev, "策の続き")
    assert not continues_after_break(prev[:-1], "策の続き")


def test_only_the_last_cell_of_a_row_counts() -> None:
    assert continues_after_break("政策名\t" + BODY, "を含めた日本外交全体の奥行きが問われている。")
    assert not continues_after_break(BODY + "\t短い", "を含めた日本外交全体の奥行きが問われている。")
