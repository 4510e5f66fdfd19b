"""The importers' refusals carry their Japanese and their English (issue 14: NotAReportError was
English only); both survive the pipe from the upload's child process (pickle)."""

from __future__ import annotations

import pickle

import pytest

from hyoka.importers import LimitExceeded, NotAReportError, import_bytes
from hyoka.importers.errors import not_a_report


def test_a_refusal_is_japanese_by_default_and_english_when_asked() -> None:
    with pytest.raises(NotAReportError) as caught:
        import_bytes(b"", name="empty.txt")
    refused = caught.value
    assert (str(refused), refused.text(), refused.text("en")) == (
        "empty.txt: ファイルが空です",
        "empty.txt: ファイルが空です",
        "empty.txt: the file is empty",
    )
    assert (refused.message, refused.message_en, refused.where) == (
        "ファイルが空です",
        "the file is empty",
        "empty.txt",
    )


def test_a_library_s_english_detail_is_in_the_english_line_only() -> None:
    with pytest.raises(NotAReportError) as caught:
        import_bytes(b'{"measure_number": ', name="cut.json")
    assert (caught.value.message, caught.value.message_en) == (
        "JSON として読めません（1 行 20 列）",
        "invalid JSON at line 1 column 20: Expecting value",
    )


@pytest.mark.parametrize(
    "error",
    [
        not_a_report("ファイルが空です", where="a.txt"),
        not_a_report("テキストではなくバイナリデータです"),
        LimitExceeded.of(
            "Excel（xlsx）のシートが多すぎます（{value:,} 枚、上限 {maximum} 枚）",
            limit="sheets",
            value=300,
            maximum=256,
        ),
    ],
)
def test_a_refusal_pickles_with_both_languages(error: NotAReportError) -> None:
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error)
    assert (str(back), back.text("en"), back.where) == (str(error), error.text("en"), error.where)
    assert back.message_en != back.message
