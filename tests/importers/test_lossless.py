"""Losslessness: every sentence of the sample is in the imported JSON or in an H901 finding.

Both sides are compared after normalising: NFKC (circled numbers kept), no whitespace, no
leading bullets or enumerators. Dates and fiscal years stored as numbers are also rendered
back in 和暦, as the document prints them. Structural labels (headings, table headers) are
not content: they are counted apart and reported.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hyoka.core import format_fiscal_year, to_era
from hyoka.core.wareki import era_of
from hyoka.importers import ImportResult, import_bytes

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "mofa-r2-I-2-hokubei.txt"
_CIRCLED = re.compile(r"([\u2460-\u2473])")
_LEAD = re.compile(
    r"^(?:[-・*]\s*)*(?:(?:\([0-9]+\)|[0-9]+|\([ア-ン]\)|[ア-ン]|[一二三四五六七八九十]+|[\u2460-\u2473])\s+)?"
)
_DEBRIS = re.compile(r"^[\s\-—_=|]*-{3,}[\s\-—_=|]*$")
# Headings, table headers and form labels: structure, stored as the fields they name.
_LABEL = re.compile(
    r"^(?:施策の概要|【測定指標.*】|測定指標の.*|関連する内閣の重要政策.*|中期目標.*|(?:平成|令和)[0-9元]+年度目標|施策の進捗状況・実績|"
    r"(?:平成|令和)(?:[0-9元・]|平成|令和)+年度目標の達成状況.*|評価結果.*|施策の分析|次期目標等への反映の方向性|"
    r"【施策.*】|【測定指標】|作成にあたって使用した資料その他の情報|個別分野[0-9].*|測定指標[0-9]+-[0-9]+.*|"
    r"参考指標.*|政策評価調書.*|【政策ごとの予算額】|政策名|番号|評価方式|政策目標の達成度合い|\((?:千円|百万円)\)|"
    r"予算科目|他に記載のある個別票の番号|予算額|会計|組織/勘定|項|事項|[0-9]+年度当初予算額|[0-9]+年度概算要求額|"
    r"政策評価の対象.*|小計|合計|一般会計|特別会計|<|>の内数|施策名\(※\)|施策目標|施策の予算額・執行額等|区分|"
    r"(?:平成|令和)[0-9元]+年度|予算の状況\(百万円\)|当初予算\(a\)|補正予算\(b\)|繰越し等\(c\)|合計\(a\+b\+c\)|"
    r"執行額\(百万円\)|目標達成度の測定の結果|学識経験を有する者の知見の活用|担当部局名|政策評価実施時期|"
    r"中期目標値|年度目標値|実績値|--年度|実績値|令和[0-9]+年度政策評価書|\(外務省.*\)|施策[IVX]+-[0-9]+.*)$"
)


def nfkc(text: str) -> str:
    parts = _CIRCLED.split(text)
    return "".join(p if i % 2 else unicodedata.normalize("NFKC", p) for i, p in enumerate(parts))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", nfkc(text))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}", value):
            era, year = to_era(int(value[:4]))
            yield f"{era}{'元' if year == 1 else year}年{int(value[5:])}月"
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            day = dt.date.fromisoformat(value)
            era_ = era_of(day)
            era, year = era_.name, day.year - era_.offset
            yield f"{era}{'元' if year == 1 else year}年{day.month}月{day.day}日"
    elif isinstance(value, dict):
        for key, item in value.items():
            if key == "fiscal_year" and isinstance(item, int):
                yield format_fiscal_year(item)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def haystack(result: ImportResult) -> str:
    pieces = list(_strings(result.report.model_dump(mode="json")))
    pieces += [finding.input or "" for finding in result.findings if finding.code == "H901"]
    return "\x00".join(squash(piece) for piece in pieces)


_SPLIT = re.compile(r"\(出典:|\(判断根拠\)|\(<?|>?\)|[\u2460-\u2473]|(?<=\))・|\(注[0-9]*\)|\(※\)")


def kept(piece: str, hay: str) -> bool:
    """In a field as it stands, or split at the parentheses and marks where fields divide it."""
    if piece in hay:
        return True
    subs = [sub for sub in _SPLIT.split(piece) if sub]
    return bool(subs) and all(sub in hay for sub in subs)


def units(text: str) -> Iterator[tuple[int, str, bool]]:
    """(line number, piece, is_sentence) for every cell piece of the source; a sentence ends with 。"""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or _DEBRIS.match(line):
            continue
        for cell in line.split("\t"):
            pieces = cell.split("。")
            for index, piece in enumerate(pieces):
                body = squash(_LEAD.sub("", _LEAD.sub("", nfkc(piece).strip())))
                if body:
                    yield number, body, index < len(pieces) - 1


def test_every_sentence_of_the_sample_is_kept() -> None:
    data = SAMPLE.read_bytes()
    result = import_bytes(data, name=SAMPLE.name)
    hay = haystack(result)
    sentences = [(n, p) for n, p, is_sentence in units(data.decode("utf-8")) if is_sentence]
    missing = [(n, p) for n, p in sentences if not kept(p, hay)]
    assert len(sentences) == 509
    assert missing == []


def test_every_fragment_is_a_field_or_a_label() -> None:
    """Headings and cells too: what is not a known label must be in a field."""
    data = SAMPLE.read_bytes()
    result = import_bytes(data, name=SAMPLE.name)
    hay = haystack(result)
    fragments = [(n, p) for n, p, is_sentence in units(data.decode("utf-8")) if not is_sentence]
    labels = [(n, p) for n, p in fragments if _LABEL.match(p)]
    content = [(n, p) for n, p in fragments if not _LABEL.match(p)]
    missing = [(n, p) for n, p in content if not kept(p, hay)]
    share_in_fields = 1 - len(missing) / len(content)
    print(f"fragments: {len(fragments)}, labels: {len(labels)}, content in fields: {share_in_fields:.1%}")
    assert missing == []


def test_text_that_fits_no_field_is_reported_with_its_lines() -> None:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    stray = "この行はどの欄にも当てはまらない記載である。"
    lines.insert(32, stray)  # between the report code and the evaluation sheet
    result = import_bytes("\n".join(lines).encode("utf-8"), name="stray.txt")
    h901 = [f for f in result.findings if f.code == "H901"]
    assert len(h901) == 1
    assert h901[0].input == stray
    assert h901[0].lines is not None
    assert (h901[0].lines.first, h901[0].lines.last) == (33, 33)
    assert h901[0].severity.value == "warning"
