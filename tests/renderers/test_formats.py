"""The format registry (``hyoka.renderers.formats``): its exact contents, and every list of formats
built from it — the services', ``hyoka render --to``, the report page's downloads and the API's
``export.{fmt}`` — including a format registered here."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from typer.testing import CliRunner

from hyoka.core import EvaluationReport, Review
from hyoka.importers import ImportResult
from hyoka.renderers import formats
from hyoka.renderers.formats import (
    FORMATS,
    Format,
    UnknownFormat,
    format_for_suffix,
    format_named,
    format_names,
    register_format,
    unregister_format,
)
from hyoka.rules import check_report
from hyoka.services import RenderError, RenderFormat, render_report, report_to_json
from hyoka.services.rendering import render_format, render_formats

BUILT_IN = ("html", "pdf", "xlsx", "csv", "json", "text")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _row(f: Format) -> tuple[Any, ...]:
    return (
        f.name,
        f.suffixes,
        f.media_type,
        f.file_media_type,
        f.label_ja,
        f.label_en,
        f.takes_review,
        f.shows_findings,
        f.binary,
        f.several_files,
        f.slow,
    )


def test_the_built_in_formats_exactly() -> None:
    assert [_row(f) for f in FORMATS.values()] == [
        (
            "html",
            (".html", ".htm"),
            "text/html; charset=utf-8",
            "text/html; charset=utf-8",
            "HTML（公式様式）",
            "HTML (official layout)",
            True,
            True,
            False,
            False,
            False,
        ),
        (
            "pdf",
            (".pdf",),
            "application/pdf",
            "application/pdf",
            "PDF（公式様式）",
            "PDF (official layout)",
            True,
            True,
            True,
            False,
            True,
        ),
        ("xlsx", (".xlsx",), XLSX, XLSX, "Excel", "Excel", True, False, True, False, False),
        (
            "csv",
            (".zip",),
            "text/csv; charset=utf-8",
            "application/zip",
            "CSV（zip）",
            "CSV (zip)",
            True,
            False,
            False,
            True,
            False,
        ),
        (
            "json",
            (".json",),
            "application/json",
            "application/json; charset=utf-8",
            "JSON",
            "JSON",
            False,
            False,
            False,
            False,
            False,
        ),
        (
            "text",
            (".txt",),
            "text/plain; charset=utf-8",
            "text/plain; charset=utf-8",
            "テキスト（PDF から抽出した形）",
            "Text (as extracted from a PDF)",
            False,
            False,
            False,
            False,
            False,
        ),
    ]
    assert format_names() == BUILT_IN


def test_render_format_names_the_built_in_formats() -> None:
    assert [f.value for f in RenderFormat] == list(BUILT_IN)


def test_lookups() -> None:
    assert format_named("pdf") is FORMATS["pdf"]
    with pytest.raises(UnknownFormat) as caught:
        format_named("docx")
    assert str(caught.value) == "unknown output format 'docx' (one of html, pdf, xlsx, csv, json, text)"
    assert caught.value.names == BUILT_IN
    assert format_for_suffix(".HTM") is FORMATS["html"]
    assert format_for_suffix(".zip") is FORMATS["csv"]
    assert format_for_suffix(".txt") is FORMATS["text"]
    assert format_for_suffix(".docx") is None
    assert FORMATS["html"].label("en") == "HTML (official layout)"
    assert FORMATS["html"].label("ja") == FORMATS["html"].label() == "HTML（公式様式）"


def test_registration_is_checked() -> None:
    with pytest.raises(ValueError, match="'pdf' is already registered"):
        register_format(Format("pdf", ".pdf2", "application/pdf", "PDF", "PDF", "x:y"))
    with pytest.raises(ValueError, match=r"suffix \.pdf is pdf's"):
        register_format(Format("pdfa", ".pdf", "application/pdf", "PDF/A", "PDF/A", "x:y"))
    with pytest.raises(ValueError, match="not lower case ASCII"):
        Format("PDF", ".pdf", "application/pdf", "PDF", "PDF", "x:y")
    with pytest.raises(ValueError, match="suffix 'pdf'"):
        Format("pdfa", "pdf", "application/pdf", "PDF", "PDF", "x:y")
    with pytest.raises(ValueError, match="is not 'module:function'"):
        Format("pdfa", ".pdfa", "application/pdf", "PDF", "PDF", "nothing")
    assert format_names() == BUILT_IN


def test_naming_the_formats_loads_no_renderer() -> None:
    code = (
        "import sys, hyoka.renderers.formats as f; f.format_named('pdf').renderer;"
        "print(sorted(m for m in sys.modules if m.startswith(('hyoka.renderers.', 'matplotlib', 'weasyprint',"
        " 'openpyxl', 'jinja2', 'pydantic', 'hyoka.core'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['hyoka.renderers.formats']"


# --- every list is the registry ------------------------------------------------------------------


def _api_export() -> tuple[list[str], dict[str, Any]]:
    from hyoka.web.api import api

    operation = api.get_openapi_schema()["paths"]["/api/reports/{id}/export.{fmt}"]["get"]
    enum = next(p for p in operation["parameters"] if p["name"] == "fmt")["schema"]["enum"]
    responses = {str(status): answer for status, answer in operation["responses"].items()}
    return enum, responses["200"]["content"]


def test_every_list_is_the_registry() -> None:
    from hyoka.cli.main import render_choices
    from hyoka.web.reports.downloads import download_formats, download_links

    assert tuple(f.name for f in render_formats()) == BUILT_IN
    assert render_choices() == BUILT_IN
    assert download_formats() == BUILT_IN
    assert download_links("ja") == [(f.name, f.label_ja) for f in FORMATS.values()]
    assert download_links("en")[1] == ("pdf", "PDF (official layout)")
    enum, content = _api_export()
    assert tuple(enum) == BUILT_IN
    binary = {"schema": {"type": "string", "format": "binary"}}
    assert content == {
        "text/html": {"schema": {"type": "string"}},
        "application/pdf": binary,
        XLSX: binary,
        "application/zip": binary,
        "application/json": {"schema": {"$ref": "#/components/schemas/EvaluationReport"}},
        "text/plain": {"schema": {"type": "string"}},
    }


# --- a format registered here --------------------------------------------------------------------

_calls: list[tuple[str, Review | None, str]] = []


def render_markdown(report: EvaluationReport, *, review: Review | None, lang: str) -> bytes:
    """A render function named by ``"module:function"``: imported when first called."""
    _calls.append((report.measure_number, review, lang))
    return f"# {report.title}\n".encode()


MARKDOWN = Format(
    "markdown",
    ".md",
    "text/markdown; charset=utf-8",
    "Markdown",
    "Markdown",
    f"{__name__}:render_markdown",
    takes_review=True,
)


@pytest.fixture
def markdown() -> Iterator[Format]:
    register_format(MARKDOWN)
    _calls.clear()
    try:
        yield MARKDOWN
    finally:
        unregister_format("markdown")


def test_a_registered_format_is_in_every_list(markdown: Format) -> None:
    from hyoka.cli.main import render_choices
    from hyoka.web.reports.downloads import download_formats, download_links, is_kept

    assert format_names() == (*BUILT_IN, "markdown")
    assert render_format("markdown") is markdown
    assert render_formats()[-1] is markdown
    assert render_choices() == (*BUILT_IN, "markdown")
    assert download_formats() == (*BUILT_IN, "markdown")
    assert download_links("en")[-1] == ("markdown", "Markdown")
    assert format_for_suffix(".md") is markdown
    assert not is_kept("markdown") and is_kept("pdf")


def test_a_registered_format_renders(markdown: Format, sample_result: ImportResult) -> None:
    report = sample_result.report
    output = render_report(report, "markdown", lang="en")
    assert (output.data, output.suggested_name, output.media_type) == (
        "# 北米地域外交\n".encode(),
        "外務省_1-I-2_R2.md",
        "text/markdown; charset=utf-8",
    )
    review = Review.from_check_json(check_report(report).to_json())
    render_report(report, "markdown", review=review)
    assert _calls == [("I-2", None, "en"), ("I-2", review, "ja")]


def test_the_command_renders_a_registered_format(markdown: Format, sample_path: Any) -> None:
    from hyoka.cli.main import app

    result = CliRunner().invoke(app, ["render", str(sample_path), "--to", "markdown"])
    assert (result.exit_code, result.stdout) == (0, "# 北米地域外交\n")
    unknown = CliRunner().invoke(app, ["render", str(sample_path), "--to", "docx"])
    assert unknown.exit_code == 2
    assert unknown.stderr == (
        "hyoka: error: --to に docx は指定できません"
        "（指定できる値: html, pdf, xlsx, csv, json, text, markdown）。"
        "使い方: hyoka render --help\n"
    )


def test_an_unregistered_format_is_gone() -> None:
    with pytest.raises(RenderError) as caught:
        render_format("markdown")
    assert (
        caught.value.text("en")
        == "unknown output format 'markdown' (one of html, pdf, xlsx, csv, json, text)"
    )


# --- the review goes to the formats that take it -------------------------------------------------


def _cells(data: bytes | dict[str, bytes]) -> dict[str, list[tuple[Any, ...]]]:
    import io

    from openpyxl import load_workbook

    assert isinstance(data, bytes)
    book = load_workbook(io.BytesIO(data))
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def test_a_review_renders_as_the_rules_json_did(sample_result: ImportResult) -> None:
    """The typed review gives the bytes the rules' JSON gave, in every format that takes it."""
    report = sample_result.report
    result = check_report(report)
    review = Review.from_check_json(result.to_json())
    for name in ("html", "xlsx", "csv"):
        typed = render_report(report, name, review=review)
        plain = render_report(
            report, name, findings=result.findings, proposals=result.to_json()["proposals"], review=True
        )
        if name == "xlsx":  # the workbook's bytes hold the time it was made: compare its cells
            assert _cells(typed.data) == _cells(plain.data)
            rows = _cells(typed.data)["指標データ"]
            assert {row[15] for row in rows if row[1] == "1-4"} == {"a"}  # the proposed grade
        else:
            assert typed == plain, name
    assert render_report(report, "html", review=review).findings == tuple(result.findings)
    assert render_report(report, "csv", review=review).findings == ()


def test_formats_that_take_no_review_get_none(sample_result: ImportResult) -> None:
    report = sample_result.report
    review = Review.from_check_json(check_report(report).to_json())
    assert formats.FORMATS["json"].renderer(report, review=None, lang="ja") == report_to_json(report).encode()
    assert render_report(report, "json", review=review).data == report_to_json(report).encode()
    assert render_report(report, "text", review=review) == render_report(report, "text")
