"""sample → HTML → PDF (WeasyPrint) → import (pdfplumber → text pipeline) gives the same report.

Every field is compared except where a value came from (source lines, the text a cell was
read from, and whether a value was inferred from the narrative).
"""

from __future__ import annotations

import shutil
import subprocess
from typing import Any

import pytest

from hyoka.core import EvaluationReport
from hyoka.importers import ImportResult, import_bytes
from hyoka.renderers.pdf import render_report_pdf

_PROVENANCE = {"source", "inferred_from", "raw"}


def _facts(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _facts(v) for k, v in value.items() if k not in _PROVENANCE}
    if isinstance(value, list):
        return [_facts(v) for v in value]
    return value


@pytest.fixture(scope="module")
def sample_pdf(sample_result: ImportResult) -> bytes:
    return render_report_pdf(sample_result.report)


@pytest.fixture(scope="module")
def reimported(sample_pdf: bytes) -> ImportResult:
    return import_bytes(sample_pdf, name="sample.pdf")


def test_pdf_round_trip_gives_the_same_report(sample_result: ImportResult, reimported: ImportResult) -> None:
    assert reimported.source_format == "pdf"
    direct: EvaluationReport = sample_result.report
    assert _facts(reimported.report.model_dump(mode="json")) == _facts(direct.model_dump(mode="json"))


def test_pdf_round_trip_key_figures(reimported: ImportResult) -> None:
    report = reimported.report
    y2019 = next(y for y in report.budget.years if y.fiscal_year == 2019)
    assert [y2019.initial.value, y2019.carryover.value, y2019.total.value, y2019.executed.value] == [
        685,
        -14,
        671,
        532,
    ]
    ind = report.indicator("1-5")
    actual_2019 = next(y for y in ind.years if y.fiscal_year == 2019).actuals
    assert [(v.series, v.value.value) for v in actual_2019] == [("①", 85), ("②", 89)]
    assert report.budget_sheet is not None
    assert [t.current_initial.value for t in report.budget_sheet.totals] == [651705, None]


def test_pdf_reimport_makes_no_finding_but_the_short_years(reimported: ImportResult) -> None:
    """The rendered 1-5 row is whole again, so the H902 of the extracted sample is gone."""
    assert sorted(f.code for f in reimported.findings) == ["H904", "H904"]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")
def test_pdf_text_holds_the_key_figures_and_names(sample_pdf: bytes, tmp_path: Any) -> None:
    path = tmp_path / "sample.pdf"
    path.write_bytes(sample_pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    for expected in (
        "政策評価調書",
        "北米地域外交",
        "274,346",
        "651,705",
        "572,198",
        "△14",
        "相当程度進展あり",
        "日米二国間会談数",
        "①84%",
        "②89%",
        "北米局",
        "令和2年9月",
        "平成29年度",
    ):
        assert expected in text, expected


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils (pdffonts) is not installed")
def test_pdf_fonts_are_embedded_subsets(sample_pdf: bytes, tmp_path: Any) -> None:
    path = tmp_path / "sample.pdf"
    path.write_bytes(sample_pdf)
    rows = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, check=True, text=True
    ).stdout.splitlines()[2:]
    assert rows, "no fonts"
    for row in rows:
        assert "Noto-Sans-CJK-JP" in row or "DejaVu" in row, row
        emb, sub = row.split()[-5], row.split()[-4]
        assert (emb, sub) == ("yes", "yes"), row
