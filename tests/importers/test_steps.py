"""The text importer's steps, each alone, on hand-written snippets."""

from __future__ import annotations

import pytest

from hyoka.core import EraYearError, Severity
from hyoka.importers import NotAReportError
from hyoka.importers.text.debris import is_debris, join_cut_lines
from hyoka.importers.text.decode import decode
from hyoka.importers.text.normalise import Line, normalise_lines, normalise_text
from hyoka.importers.text.paragraphs import split_label, strip_bullet
from hyoka.importers.text.years import parse_year_list

# --- normalise ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("平成 29 年度", "平成29年度"),
        ("令和 2 年度政策評価書", "令和2年度政策評価書"),
        ("1 - 3", "1-3"),
        ("(外務省 1 - I - 2)", "(外務省1-I-2)"),
        ("施策 I - 2 北米地域外交", "施策I-2北米地域外交"),
        ("- 1 日米間の協力関係の進展", "- 1 日米間の協力関係の進展"),  # an item keeps its space
        ("- (1) 日米ハイレベルでの対話の実施", "- (1) 日米ハイレベルでの対話の実施"),
        ("11 月のトランプ大統領による訪日", "11月のトランプ大統領による訪日"),  # a month, not item 11
        ("日米が 100%共にあり", "日米が100%共にあり"),
        ("小 計", "小計"),
        ("G 7 サミット", "G7サミット"),
        ("①一般の部 ②有識者の部", "①一般の部 ②有識者の部"),  # circled numbers kept, not NFKC'd to 1 2
        ("①76% ②86%", "①76% ②86%"),
        ("（注）副大統領を含む。", "(注)副大統領を含む。"),  # full-width brackets → ASCII
        ("ＡＣＳＡ１２３", "ACSA123"),
        ("- ・ 第 198 回国会施政方針演説", "- ・ 第198回国会施政方針演説"),
    ],
)
def test_normalise_text(raw: str, expected: str) -> None:
    assert normalise_text(raw) == expected


def test_normalise_text_keeps_cells_apart() -> None:
    assert normalise_text("平成 29 年度\t\t令和 元 年度") == "平成29年度\t\t令和元年度"


def test_normalise_lines_numbers_lines_and_blanks_them() -> None:
    lines = normalise_lines("一行目\r\n\r\n  北 米 局\n\u3000\n\t\t\n")
    assert lines == [
        Line("一行目", 1, 1, 0),
        Line("", 2, 2, 0),
        Line("北米局", 3, 3, 2),
        Line("", 4, 4, 0),
        Line("", 5, 5, 0),
    ]


# --- page debris and cut sentences ---------------------------------------------------------------

CUT_BODY = (
    "同時に、その健闘で稼いだ時間を、日米関係にばかり依拠する一本足打法の相対化にどう生かしていくのか、"
    "他地域との外交"
)


def joined(text: str) -> list[Line]:
    return join_cut_lines(normalise_lines(text))


@pytest.mark.parametrize(
    "text", ["-----------------\t---", "-------\t-----\t--------------\t--------", "----"]
)
def test_is_debris(text: str) -> None:
    assert is_debris(text)


@pytest.mark.parametrize("text", ["- 1 日米間", "1-3", "--年度", "—"])
def test_is_not_debris(text: str) -> None:
    assert not is_debris(text)


def test_sentence_cut_across_a_blank_line_joins() -> None:
    text = (
        "北朝鮮に政策を変更させ、核・ミサイル計画を放棄させるため、あらゆる方法で圧力を最大限まで高めていく必要性を"
        "\n\n改めて確認した。\n"
    )
    (line,) = joined(text)
    assert line.text.endswith("高めていく必要性を改めて確認した。")
    assert (line.first, line.last) == (1, 3)


def test_sentence_cut_across_a_separator_joins() -> None:
    (line,) = joined(CUT_BODY + "\n-----------------\t---\n\nを含めた日本外交全体の奥行きが問われている。\n")
    assert line.text == CUT_BODY + "を含めた日本外交全体の奥行きが問われている。"
    assert (line.first, line.last) == (1, 4)


@pytest.mark.parametrize(
    "text",
    [
        "施策の概要\n\n日米・日加政府間での共通の諸課題に関する協議・政策調整を実施する。\n",
        "平成29年度目標\n\n在米・在加日系人との関係、ネットワークを強化するため交流プログラムを実施する。\n",
        "評価結果(個別分野1)\n\n施策の分析\n",
    ],
)
def test_heading_followed_by_a_body_does_not_join(text: str) -> None:
    assert len(joined(text)) == 2


def test_finished_sentence_does_not_join() -> None:
    lines = joined(
        CUT_BODY
        + "が問われている。\n\nその全体構想との関連で、各地域との外交を評価する包括枠があるとよい。\n"
    )
    assert len(lines) == 2


def test_next_item_does_not_join() -> None:
    lines = joined(CUT_BODY + "\n\n- 2 日本人学生のインターンシップ支援事業を実施する。\n")
    assert [line.text[:3] for line in lines] == [CUT_BODY[:3], "- 2"]


def test_table_row_does_not_join() -> None:
    lines = joined(CUT_BODY + "\n\n\t—\t18\t41\n")
    assert len(lines) == 2


def test_debris_and_blank_lines_are_dropped_without_a_gap_to_join() -> None:
    lines = joined("施策名\t北米地域外交\n\n-------\t-----\n担当部局名\t北米局\n")
    assert [(line.text, line.first) for line in lines] == [
        ("施策名\t北米地域外交", 1),
        ("担当部局名\t北米局", 4),
    ]


# --- labels and bullets ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label", "body"),
    [
        ("- (1) 日米ハイレベルでの対話の実施", "(1)", "日米ハイレベルでの対話の実施"),
        ("- 1 日米間の協力関係の進展", "1", "日米間の協力関係の進展"),
        ("2 日加間の協力関係の進展", "2", "日加間の協力関係の進展"),
        ("ア 日米経済対話", "ア", "日米経済対話"),
        ("(イ) 日加経済対話", "(イ)", "日加経済対話"),
        ("五 戦後日本外交の総決算", "五", "戦後日本外交の総決算"),
        ("① 一般の部", "①", "一般の部"),
        ("- ・ 第198回国会外交演説", None, "第198回国会外交演説"),
        ("11月のトランプ大統領による訪日", None, "11月のトランプ大統領による訪日"),
        ("日米間の協力", None, "日米間の協力"),
    ],
)
def test_split_label(text: str, label: str | None, body: str) -> None:
    assert split_label(text) == (label, body)


def test_strip_bullet() -> None:
    assert strip_bullet("- ・日米貿易協定") == "日米貿易協定"
    assert strip_bullet("・ ・ 二重") == "二重"


# --- era years in running text ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("平成29・30・令和元年度", [2017, 2018, 2019]),
        ("平成29年度、平成30年度及び令和元年度", [2017, 2018, 2019]),
        ("平成30・令和元年度", [2018, 2019]),
        ("平成29年度", [2017]),
        ("令和元年度", [2019]),
        ("平成28年度から令和元年度", [2016, 2019]),
    ],
)
def test_parse_year_list(text: str, years: list[int]) -> None:
    assert parse_year_list(text) == years


def test_parse_year_list_short_years_take_the_default_era() -> None:
    assert parse_year_list("2・3年度", default_era="令和") == [2020, 2021]
    with pytest.raises(EraYearError):
        parse_year_list("2・3年度")


# --- decode -------------------------------------------------------------------------------------

TEXT = "令和2年度政策評価書\n北米地域外交 ①②\n"


def test_decode_utf8() -> None:
    assert decode(TEXT.encode("utf-8")) == (TEXT, "utf-8", [])


def test_decode_utf8_with_bom() -> None:
    assert decode(b"\xef\xbb\xbf" + TEXT.encode("utf-8")) == (TEXT, "utf-8-sig", [])


def test_decode_cp932_reports_h903() -> None:
    text, encoding, findings = decode(TEXT.encode("cp932"), name="x.txt")
    assert (text, encoding) == (TEXT, "cp932")
    (h903,) = findings
    assert (h903.code, h903.severity) == ("H903", Severity.INFO)
    assert h903.context == {"encoding": "cp932", "utf8_error_at_byte": 0}
    assert "CP932" in h903.message
    assert "CP932" in h903.message_en


def test_decode_euc_jp_reports_h903() -> None:
    text = "令和2年度政策評価書\n"  # 「書」 ends in a byte CP932 reads as a lead byte: not CP932
    decoded, encoding, findings = decode(text.encode("euc_jp"))
    assert (decoded, encoding) == (text, "euc_jp")
    assert [(f.code, f.context["encoding"]) for f in findings] == [("H903", "euc_jp")]


@pytest.mark.parametrize("data", [b"\x00\x01binary", b"text\x00with nul", b"\xef\xbb\xbfa\x02b"])
def test_decode_binary_is_not_a_report(data: bytes) -> None:
    with pytest.raises(NotAReportError, match=r"^x\.bin: テキストではなくバイナリデータです$"):
        decode(data, name="x.bin")
