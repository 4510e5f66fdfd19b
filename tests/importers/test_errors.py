"""The importers' refusals carry their Japanese and their English (issue 14: NotAReportError was
English only); both survive the pipe from the upload's child process (pickle)."""

from __future__ import annotations

import pickle

import pytest

from hyoka.core import EvaluationReport
from hyoka.importers import LimitExceeded, NotAReportError, import_bytes
from hyoka.importers.errors import not_a_report, validated


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


def test_a_value_the_model_refuses_is_said_in_both_languages_with_its_values() -> None:
    """The Excel importer's header (the 評価書 sheet) is built through ``validated`` with a msgid
    naming the sheet: both lines name it, the Japanese one in Japanese."""
    with pytest.raises(NotAReportError) as caught:
        validated(
            lambda: EvaluationReport(ministry="外務省", measure_number="", title="", evaluation_year=3000),
            what="シート「{sheet}」: 評価書の項目に誤りがあります",
            where="in.xlsx",
            sheet="評価書",
        )
    assert (str(caught.value), caught.value.text("en")) == (
        "in.xlsx: シート「評価書」: 評価書の項目に誤りがあります"
        "（/evaluation_year の値が正しくありません。問題は全部で 1 件）",
        "in.xlsx: sheet 「評価書」: invalid header at /evaluation_year: "
        "Input should be less than or equal to 2200 (1 problem(s) in all)",
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
