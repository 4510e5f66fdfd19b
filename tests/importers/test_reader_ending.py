"""The end every text reader shares (``hyoka.importers.text.assemble``): the ministry the document
names, else the layout's, else none, each said (H906) in the reader's own words; a value the model
refuses is the document's one-line error (``hyoka.importers.errors.validated``). Values read by hand
from samples/real/mhlw-r7-jisseki-I-1-1.txt and samples/real/cao-fsc-h28-chousho-12.txt."""

from __future__ import annotations

from pathlib import Path

import pytest

from hyoka.core import EvaluationReport, Issue
from hyoka.core.i18n import gettext_noop
from hyoka.importers.errors import NotAReportError, validated
from hyoka.importers.layout import load_layout
from hyoka.importers.text.assemble import MinistryAbsent, ministry_or_layout
from hyoka.importers.text.context import ImportContext
from hyoka.importers.text.debris import join_cut_lines
from hyoka.importers.text.normalise import Line, normalise_lines
from hyoka.importers.text.readers import budget_sheet_2016, mhlw

REAL = Path(__file__).resolve().parents[2] / "samples" / "real"
ABSENT = MinistryAbsent(
    from_layout=gettext_noop("本文に府省名がありません。様式「{layout}」の府省「{ministry}」としました。"),
    empty=gettext_noop("本文に府省名がありません。府省名は空欄です。"),
)


def _lines(sample: str) -> list[Line]:
    return join_cut_lines(normalise_lines((REAL / sample).read_text(encoding="utf-8")))


def _ministry_findings(findings: list[Issue]) -> list[tuple[str, str, str]]:
    return [(f.code, f.message, f.message_en or "") for f in findings if f.location == "/ministry"]


def test_a_named_ministry_is_kept_and_nothing_is_said() -> None:
    ctx = ImportContext(name="doc.txt")
    assert ministry_or_layout("総務省", load_layout("mhlw-jisseki"), ctx, ABSENT) == "総務省"
    assert ctx.findings == []


def test_without_a_named_ministry_the_layouts_is_taken_and_said() -> None:
    ctx = ImportContext(name="doc.txt")
    assert ministry_or_layout(None, load_layout("mhlw-jisseki"), ctx, ABSENT) == "厚生労働省"
    assert _ministry_findings(ctx.findings) == [
        (
            "H906",
            "本文に府省名がありません。"
            "様式「厚生労働省 実績評価書（令和の様式）」の府省「厚生労働省」としました。",
            "The text does not name its ministry; the ministry of the layout "
            "“厚生労働省 実績評価書（令和の様式）”, 厚生労働省, was used.",
        )
    ]


def test_the_mhlw_reader_with_a_layout_naming_no_ministry_leaves_it_empty() -> None:
    layout = load_layout("mhlw-jisseki").model_copy(update={"ministry": None})
    report, findings = mhlw.read(_lines("mhlw-r7-jisseki-I-1-1.txt"), name="doc.txt", layout=layout)
    assert report.ministry == ""
    assert _ministry_findings(findings) == [
        (
            "H906",
            "本文に府省名がありません。府省名は空欄です。",
            "The text does not name its ministry; the ministry is left empty.",
        )
    ]


def test_a_2016_budget_sheet_with_a_layout_naming_a_ministry_says_it_was_taken() -> None:
    layout = load_layout("budget-sheet-2016").model_copy(update={"ministry": "内閣府"})
    report, findings = budget_sheet_2016.read(
        _lines("cao-fsc-h28-chousho-12.txt"), name="doc.txt", layout=layout
    )
    assert report.ministry == "内閣府"
    assert [message for _, message, _ in _ministry_findings(findings)] == [
        "政策評価調書には府省名がありません。様式「政策評価調書（個別票1）平成2x年度の様式」の府省「内閣府」としました。"
    ]


def test_a_value_the_model_refuses_is_the_documents_one_line_error() -> None:
    with pytest.raises(NotAReportError) as caught:
        validated(
            lambda: EvaluationReport.model_validate({"measure_number": "I-1"}),
            what=gettext_noop("評価書として正しくありません"),
            where="doc.json",
        )
    assert caught.value.where == "doc.json"
    assert (
        caught.value.message
        == "評価書として正しくありません（/ministry の値が正しくありません。問題は全部で 3 件）"
    )
