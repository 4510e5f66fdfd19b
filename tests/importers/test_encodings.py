"""The sample in other encodings and newline conventions imports to the same report; bad input is
``NotAReportError`` with a message that names the input.

Two characters of the sample have no code in CP932 (nor in Shift_JIS or EUC-JP): U+2014 EM DASH
「—」 (the 「—」 cells of the indicator tables) and U+53D1 「发」, a simplified Chinese character in
「共同発表を发出し」 (a typo for 発). A file in those encodings would hold 「―」 (U+2015, the character
CP932 has for the dash) and 「発」 instead, so the encoded variants are compared with the UTF-8 import
of that same text. Shift_JIS proper (JIS X 0208) and EUC-JP also lack the circled numbers ①–⑤ and
「～」 (U+FF5E, whose JIS X 0208 code reads back as U+301C 「〜」); see ``JIS_X_0208_TEXT``.
"""

from __future__ import annotations

import random

import pytest

from hyoka.core import Severity
from hyoka.importers import ImportResult, NotAReportError, import_bytes

NAME = "mofa-r2-I-2-hokubei.txt"
NOT_IN_CP932 = {"\u2014": "\u2015", "\u53d1": "発"}
"""The sample's characters CP932 cannot encode → what a CP932 file has in their place."""
CIRCLED = {chr(0x2460 + i): f"({i + 1})" for i in range(5)}
"""①–⑤ → (1)–(5), for the encodings that have no circled numbers."""


def replace_all(text: str, table: dict[str, str]) -> str:
    return text.translate(str.maketrans(table))


def unencodable(text: str, codec: str) -> set[str]:
    out = set()
    for ch in set(text):
        try:
            ch.encode(codec)
        except UnicodeEncodeError:
            out.add(ch)
    return out


@pytest.fixture(scope="module")
def sample_text(sample_bytes: bytes) -> str:
    return sample_bytes.decode("utf-8")


@pytest.fixture(scope="module")
def cp932_text(sample_text: str) -> str:
    """The sample as a CP932 file holds it."""
    return replace_all(sample_text, NOT_IN_CP932)


@pytest.fixture(scope="module")
def jis_x_0208_text(cp932_text: str) -> str:
    """The sample with only JIS X 0208 characters: no circled numbers, 「～」 as 「〜」."""
    return replace_all(cp932_text, {**CIRCLED, "～": "〜"})


def utf8_json(text: str) -> str:
    return import_bytes(text.encode("utf-8"), name=NAME).report.model_dump_json()


def codes(result: ImportResult) -> list[str]:
    return [f.code for f in result.findings]


# --- what the sample holds ----------------------------------------------------------------------


def test_sample_characters_outside_cp932(sample_text: str) -> None:
    """If this changes, the sample changed: recheck NOT_IN_CP932."""
    assert unencodable(sample_text, "cp932") == set(NOT_IN_CP932)


def test_cp932_text_is_cp932(cp932_text: str) -> None:
    assert unencodable(cp932_text, "cp932") == set()


# --- same report from every encoding ------------------------------------------------------------


def test_utf8_with_bom(sample_text: str, sample_result: ImportResult) -> None:
    result = import_bytes(b"\xef\xbb\xbf" + sample_text.encode("utf-8"), name=NAME)
    assert result.report.model_dump_json() == sample_result.report.model_dump_json()
    assert codes(result) == codes(sample_result)
    assert result.encoding == "utf-8-sig"


@pytest.mark.parametrize("bom", [True, False], ids=["bom", "no-bom"])
def test_crlf_newlines(sample_text: str, sample_result: ImportResult, bom: bool) -> None:
    data = sample_text.replace("\n", "\r\n").encode("utf-8")
    result = import_bytes(b"\xef\xbb\xbf" + data if bom else data, name=NAME)
    assert result.report.model_dump_json() == sample_result.report.model_dump_json()
    assert result.findings == sample_result.findings


def test_utf16_with_bom(sample_text: str, sample_result: ImportResult) -> None:
    result = import_bytes(sample_text.encode("utf-16"), name=NAME)
    assert result.report.model_dump_json() == sample_result.report.model_dump_json()
    assert result.findings == sample_result.findings


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_cp932(cp932_text: str, newline: str) -> None:
    expected = import_bytes(cp932_text.encode("utf-8"), name=NAME)
    result = import_bytes(cp932_text.replace("\n", newline).encode("cp932"), name=NAME)
    assert result.encoding == "cp932"
    assert result.report.model_dump_json() == expected.report.model_dump_json()
    # exactly one H903 (info) is added, before the findings of the text
    assert result.findings[1:] == expected.findings
    h903 = result.findings[0]
    assert (h903.code, h903.severity) == ("H903", Severity.INFO)
    assert h903.context["encoding"] == "cp932"
    assert [f for f in result.findings if f.code == "H903"] == [h903]


def test_cp932_differs_from_the_sample_only_in_the_replaced_characters(
    cp932_text: str, sample_result: ImportResult
) -> None:
    """「―」 is read as 「nothing to report」 as 「—」 is; only the raw text of those cells differs."""
    result = import_bytes(cp932_text.encode("cp932"), name=NAME)
    assert result.report.model_dump_json() == replace_all(
        sample_result.report.model_dump_json(), NOT_IN_CP932
    )


def test_shift_jis_2004(cp932_text: str) -> None:
    """Shift_JIS with JIS X 0213 (shift_jis_2004) has ①–⑤ at CP932's codes; 「～」 is written 「〜」 and
    reads back as 「～」."""
    text = replace_all(cp932_text, {"～": "〜"})
    assert unencodable(text, "shift_jis_2004") == set()
    result = import_bytes(text.encode("shift_jis_2004"), name=NAME)
    assert result.report.model_dump_json() == utf8_json(cp932_text)
    assert codes(result) == ["H903", *codes(import_bytes(cp932_text.encode("utf-8"), name=NAME))]


def test_shift_jis_jis_x_0208(jis_x_0208_text: str) -> None:
    """Shift_JIS proper has no circled numbers: the JIS X 0208 variant of the sample."""
    assert unencodable(jis_x_0208_text, "shift_jis") == set()
    result = import_bytes(jis_x_0208_text.encode("shift_jis"), name=NAME)
    assert result.encoding == "cp932"
    # 0x8160 (〜 in Shift_JIS) is 「～」 in CP932
    assert result.report.model_dump_json() == utf8_json(replace_all(jis_x_0208_text, {"〜": "～"}))
    assert codes(result).count("H903") == 1


def test_euc_jp(jis_x_0208_text: str) -> None:
    """EUC-JP has no circled numbers either: the JIS X 0208 variant of the sample."""
    assert unencodable(jis_x_0208_text, "euc_jp") == set()
    result = import_bytes(jis_x_0208_text.encode("euc_jp"), name=NAME)
    assert result.encoding == "euc_jp"
    assert result.report.model_dump_json() == utf8_json(jis_x_0208_text)
    h903 = [f for f in result.findings if f.code == "H903"]
    assert len(h903) == 1
    assert h903[0].context["encoding"] == "euc_jp"


# --- not a report -------------------------------------------------------------------------------

BAD_NAME = "not-a-report.txt"


def random_undecodable_bytes() -> bytes:
    """Random bytes that neither UTF-8, CP932 nor EUC-JP reads (checked, not assumed)."""
    data = random.Random(20200901).randbytes(512)
    for codec in ("utf-8", "cp932", "euc_jp"):
        with pytest.raises(UnicodeDecodeError):
            data.decode(codec)
    assert not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))
    return data


NEWS = (
    "気象庁によりますと、発達した低気圧の影響で、北日本を中心に今夜から明日にかけて大雪や暴風となる"
    "おそれがあります。交通機関への影響も予想されるため、最新の情報に注意してください。\n"
    "また、東京都内では午前中から冷たい雨が降り続き、最高気温は平年を大きく下回りました。\n"
)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b" \n\t\r\n  ", id="whitespace"),
        pytest.param("\u3000\n\u3000".encode(), id="ideographic-space"),
        pytest.param(b"\xef\xbb\xbf", id="bom-only"),
        pytest.param(b"\x00\x01binary", id="binary"),
        pytest.param(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", id="zip-header"),
        pytest.param(random_undecodable_bytes(), id="undecodable"),
        pytest.param(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", id="pdf"),
        pytest.param(b'{"name": "hyoka", "items": [1, 2, 3]}', id="json-other-shape"),
        pytest.param(b'{"measure_number": "I-2"}', id="json-incomplete-report"),
        pytest.param(b'{"measure_number": ', id="json-invalid"),
        pytest.param(b"[1, 2, 3]", id="json-array"),
        pytest.param(NEWS.encode("utf-8"), id="news-utf8"),
        pytest.param(NEWS.encode("cp932"), id="news-cp932"),
        pytest.param("施策名\t北米地域外交\n".encode(), id="sheet-without-header"),
    ],
)
def test_not_a_report(data: bytes) -> None:
    with pytest.raises(NotAReportError) as caught:
        import_bytes(data, name=BAD_NAME)
    assert caught.value.where == BAD_NAME
    message = str(caught.value)
    assert message.startswith(f"{BAD_NAME}: ")
    assert "\n" not in message
