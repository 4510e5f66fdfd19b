"""Every kind of document renders to every registered format: the 評価書, the 政策評価調書 alone and
the 事前分析表 (in its own layout), from the real documents of ``samples/real`` and the sample; the
PDF is read back with pdfplumber for values read by hand from the documents, and is tagged."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pytest
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

from hyoka.core import DocumentKind, EvaluationReport, JudgmentOrigin
from hyoka.importers import import_bytes
from hyoka.renderers.formats import FORMATS
from hyoka.renderers.html import render_report_html
from hyoka.renderers.pdf import render_report_pdf
from hyoka.services import import_file, render_report
from hyoka.services.cycle import pre_analysis_draft

REAL = Path(__file__).resolve().parents[2] / "samples" / "real"

# One real document of each kind, with values read by hand from its text (samples/real/*.expected.toml)
KINDS = {
    "mhlw-r7-jizen-I-5-2": (
        DocumentKind.PRE_ANALYSIS,
        [
            "令和7年度実施施策に係る政策評価の事前分析表",
            "感染症による健康危機発生時に迅速かつ適切に対処する体制を整備すること",
            "健康危機管理体制の整備",
            "平成10年度",
            "002353",
            "感染症対策課長荒木裕人",
        ],
    ),
    "mhlw-r7-jizen-I-5-1": (
        DocumentKind.PRE_ANALYSIS,
        ["(35)予防接種事故救済給付費", "(昭和46年度)", "020280", "予防接種の接種率(麻しん)"],
    ),
    "cao-fsc-h28-chousho-12": (
        DocumentKind.BUDGET_SHEET,
        ["政策評価調書(個別票)", "食品健康影響評価技術研究の推進"],
    ),
    "mhlw-r7-jisseki-I-1-1": (
        DocumentKind.EVALUATION,
        ["歯科健診を実施している自治体数", "厚生労働省 総合判定"],
    ),
}


def _report(name: str) -> EvaluationReport:
    return import_file(REAL / f"{name}.txt").report


def _pdf_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


def _catalog(pdf: bytes) -> dict[str, object]:
    return {key: resolve1(value) for key, value in PDFDocument(PDFParser(io.BytesIO(pdf))).catalog.items()}


@pytest.fixture(scope="module")
def sample_report(sample_result) -> EvaluationReport:  # type: ignore[no-untyped-def]
    return sample_result.report


@pytest.mark.parametrize("name", sorted(KINDS))
def test_each_kind_is_imported_as_that_kind(name: str) -> None:
    assert _report(name).kind is KINDS[name][0]


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_kind_renders_to_every_format(name: str, fmt: str) -> None:
    report = _report(name)
    output = render_report(report, fmt)
    files = output.files
    assert files and all(files.values())
    if fmt == "json":
        assert EvaluationReport.model_validate(json.loads(output.files[output.suggested_name])) == report
    if fmt == "xlsx":  # the workbook reads back to the same document, its kind included
        back = import_bytes(output.files[output.suggested_name], name="x.xlsx").report
        assert back.kind is report.kind and back.means == report.means


@pytest.mark.parametrize("name", sorted(KINDS))
def test_the_pdf_holds_the_hand_read_values(name: str) -> None:
    text = _pdf_text(render_report_pdf(_report(name))).replace(" ", "").replace("\n", "")
    for expected in KINDS[name][1]:
        assert expected.replace(" ", "") in text, expected


def test_pre_analysis_has_its_own_layout() -> None:
    html = render_report_html(_report("mhlw-r7-jizen-I-5-2"))
    for label in (
        "<th>施策名</th>",
        "<th>施策の概要</th>",
        "<th>達成すべき目標</th>",
        "<th>目標設定の考え方・根拠</th>",
        "<th>担当部局名</th>",
        "<th>作成責任者名</th>",
        "<th>政策評価実施予定時期</th>",
        "行政事業レビュー事業番号",
        "関連する指標",
    ):
        assert label in html, label
    assert "政策評価書</h1>" not in html  # not the 評価書's layout
    assert "<td>(1) 健康危機管理体制の整備<br>(平成10年度)</td>" in html
    assert "<td>1</td>" in html and "<td>002353</td>" in html


def test_budget_sheet_alone_is_only_the_sheet() -> None:
    html = render_report_html(_report("cao-fsc-h28-chousho-12"))
    assert "政策評価調書(個別票)" in html
    assert "政策評価書</h1>" not in html and "事前分析表</h1>" not in html


@pytest.fixture(scope="module")
def draft_pdf(sample_report: EvaluationReport) -> bytes:
    return render_report_pdf(pre_analysis_draft(sample_report).draft)


def test_pre_analysis_pdf_shows_baseline_and_targets(draft_pdf: bytes) -> None:
    """The 事前分析表 drafted from the sample: 1-3's 基準値 26 of 令和元年度 (hyoka's, so marked ※
    with its note), the year of targets 令和3年度, and the 施策名."""
    text = _pdf_text(draft_pdf)
    flat = text.replace(" ", "").replace("\n", "")
    assert "令和3年度実施施策に係る政策評価の事前分析表" in flat
    assert "I-2北米地域外交" in flat
    assert "26※" in flat
    assert (
        "※hyokaが「令和2年度政策評価書の令和元年度実績値」から補った値です（府省の表には記載がありません）。"
        in flat
    )


@pytest.fixture(scope="module")
def sample_pdf(sample_report: EvaluationReport) -> bytes:
    return render_report_pdf(sample_report)


def test_inferred_value_is_printed_with_its_note(sample_pdf: bytes) -> None:
    """1-5's 令和元年度 actuals came from the analysis text (H902): in the PDF each has its ※ and
    the note follows the table."""
    lines = [line.replace(" ", "") for line in _pdf_text(sample_pdf).splitlines()]
    row = next(i for i, line in enumerate(lines) if "①85%※" in line)
    assert "②89%※" in lines[row] or "②89%※" in lines[row + 1]
    note = "※hyokaが「施策の分析」から補った値です（府省の表には記載がありません）。"
    assert note in lines[row : row + 10]  # after the table's last wrapped line
    assert sum(note in line for line in lines) == 1


def test_derived_judgment_is_marked(sample_report: EvaluationReport) -> None:
    judgment = sample_report.judgment.model_copy(update={"origin": JudgmentOrigin.DERIVED})
    report = sample_report.model_copy(update={"judgment": judgment})
    html = render_report_html(report)
    assert '相当程度進展あり (B)<span class="inferred mark">※</span>' in html
    assert (
        "※ 「各行政機関共通区分」の区分は、hyoka が評価書の他の区分から規則に従って導いたものです"
        "（府省の記載ではありません）。" in html
    )
    assert "導いたもの" not in render_report_html(sample_report)


def _pdfs(sample_pdf: bytes, draft_pdf: bytes) -> Iterator[bytes]:
    yield sample_pdf
    yield draft_pdf


def test_the_pdf_is_tagged(sample_pdf: bytes, draft_pdf: bytes) -> None:
    for pdf in _pdfs(sample_pdf, draft_pdf):
        catalog = _catalog(pdf)
        assert catalog["MarkInfo"] == {"Marked": True}
        assert catalog["Lang"] == b"ja"
        assert "StructTreeRoot" in catalog
        assert catalog["ViewerPreferences"] == {"DisplayDocTitle": True}
        assert b"pdfuaid" in resolve1(catalog["Metadata"]).get_data()


def test_the_pdf_title_names_the_document(sample_pdf: bytes) -> None:
    info = PDFDocument(PDFParser(io.BytesIO(sample_pdf))).info[0]
    assert info["Title"].decode("utf-16") == "外務省 1-I-2 北米地域外交 令和2年度政策評価書"
