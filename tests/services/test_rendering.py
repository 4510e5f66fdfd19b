"""hyoka.services.rendering: safe file names, the default name, each format, review mode, writing."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from hyoka.core import EvaluationReport
from hyoka.importers import ImportResult
from hyoka.renderers.opendata import BOM, CSV_FILES
from hyoka.services import (
    MAX_NAME_BYTES,
    InputError,
    NotAReportError,
    OutputError,
    ProfileError,
    RenderError,
    RenderFormat,
    RenderOutput,
    check_file,
    default_stem,
    import_data,
    render_file,
    render_imported,
    render_report,
    report_charts,
    report_to_json,
    safe_filename,
    write_rendered,
)

# --- safe_filename ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("外務省 1-I-2_R2", "外務省_1-I-2_R2"),
        ("../../etc/passwd", "etc_passwd"),
        ("a/b<script>", "a_b_script"),
        ("..\\..\\Windows\\system32", "Windows_system32"),
        ('a:b*c?d"e|f', "a_b_c_d_e_f"),
        (".hidden", "hidden"),
        ("...", "report"),
        ("", "report"),
        ("   ", "report"),
        ("line\nbreak\ttab\x00nul\x7fdel", "line_break_tab_nul_del"),
        ("\u202etxt.exe", "txt.exe"),  # a bidi override hides the real extension
        ("trailing. . ", "trailing"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("com1", "_com1"),
        ("console", "console"),
        ("全角／スラッシュ", "全角／スラッシュ"),  # not a separator anywhere
        ("ｶﾞ", "ｶﾞ"),
    ],
)
def test_safe_filename(name: str, expected: str) -> None:
    assert safe_filename(name) == expected


def test_safe_filename_adds_the_suffix_after_cleaning() -> None:
    assert safe_filename("../x", suffix=".pdf") == "x.pdf"
    assert safe_filename("", suffix=".pdf") == "report.pdf"
    assert safe_filename("", suffix=".pdf", fallback="../報告") == "報告.pdf"


@pytest.mark.parametrize("char", ["x", "あ", "𠮷"])
def test_safe_filename_is_length_limited_at_whole_characters(char: str) -> None:
    name = safe_filename(char * 500, suffix=".xlsx")
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert name.endswith(".xlsx")
    stem = name.removesuffix(".xlsx")
    assert set(stem) == {char}
    assert len((stem + char).encode("utf-8")) + len(b".xlsx") > MAX_NAME_BYTES


def test_safe_filename_never_has_a_separator_or_control_character() -> None:
    nasty = "".join(chr(c) for c in range(0, 0x80)) + "\u2028\u2029\u200e\ufeff"
    name = safe_filename(nasty * 3)
    assert "/" not in name and "\\" not in name
    assert all(ch.isprintable() for ch in name)
    assert not name.startswith(".")


# --- the default name --------------------------------------------------------------------------------


def test_default_stem_of_the_sample(sample_result: ImportResult) -> None:
    assert default_stem(sample_result.report) == "外務省_1-I-2_R2"


def _with(report: EvaluationReport, **changes: object) -> EvaluationReport:
    return report.model_copy(update=changes)


def test_default_stem_without_a_report_code(sample_result: ImportResult) -> None:
    report = _with(sample_result.report, report_code=None, evaluation_year=2018)
    assert default_stem(report) == "外務省_I-2_H30"


def test_default_stem_adds_the_ministry_when_the_code_lacks_it(sample_result: ImportResult) -> None:
    report = _with(sample_result.report, report_code="1-I-2", evaluation_year=2019)
    assert default_stem(report) == "外務省_1-I-2_R1"


@pytest.mark.parametrize("hostile", ["../../etc/passwd", "a/b<script>", "..", "/", "x\n\r\x00y"])
def test_default_stem_from_hostile_data_is_safe(sample_result: ImportResult, hostile: str) -> None:
    report = _with(sample_result.report, report_code=None, ministry=hostile, measure_number=hostile)
    stem = default_stem(report)
    assert stem == safe_filename(stem)
    assert "/" not in stem and "\n" not in stem and not stem.startswith(".")
    assert stem.endswith("_R2")


def test_default_name_of_every_format_stays_in_the_directory(
    sample_result: ImportResult, tmp_path: Path
) -> None:
    report = _with(sample_result.report, report_code="../../../tmp/evil", title="../../etc/passwd")
    output = render_report(report, "json")
    assert output.suggested_name == "外務省_tmp_evil_R2.json"
    (written,) = write_rendered(output, tmp_path)
    assert written.parent == tmp_path


# --- formats -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def html_output(sample_path: Path) -> RenderOutput:
    return render_file(sample_path, "html")


def test_html(html_output: RenderOutput) -> None:
    assert html_output.suggested_name == "外務省_1-I-2_R2.html"
    assert html_output.media_type == "text/html; charset=utf-8"
    assert not html_output.is_binary
    assert html_output.findings == ()
    assert isinstance(html_output.data, bytes)
    html = html_output.data.decode("utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert 'class="review' not in html


def test_html_includes_the_charts(html_output: RenderOutput) -> None:
    assert isinstance(html_output.data, bytes)
    html = html_output.data.decode("utf-8")
    assert html.count('<figure class="chart"') == 4
    assert html.count("<svg ") == 4
    assert "執行率 88.1%" in html


def test_report_charts_of_the_sample(sample_result: ImportResult) -> None:
    charts = report_charts(sample_result.report)
    assert charts.budget is not None and charts.budget.lstrip().startswith("<?xml")
    assert list(charts.indicators) == ["1-3", "1-4", "1-5"]


def test_review_html_shows_findings_and_proposals(sample_path: Path) -> None:
    output = render_file(sample_path, "html", review=True)
    outcome = check_file(sample_path)
    assert list(output.findings) == outcome.findings
    assert isinstance(output.data, bytes)
    html = output.data.decode("utf-8")
    assert html.count('<p class="review') == 2 * len(outcome.findings)  # listed first, then in place
    assert "H301" in html
    assert 'b <span class="review">[提案: a]</span>' in html


def test_review_in_english(sample_path: Path) -> None:
    output = render_file(sample_path, "html", review=True, lang="en")
    assert isinstance(output.data, bytes)
    assert "Findings for review" in output.data.decode("utf-8")


def test_json_is_the_model_json(sample_path: Path, sample_result: ImportResult) -> None:
    for review in (False, True):
        output = render_file(sample_path, RenderFormat.JSON, review=review)
        assert output.data == report_to_json(sample_result.report).encode("utf-8")
        assert output.suggested_name == "外務省_1-I-2_R2.json"
        assert output.media_type == "application/json"
        assert output.findings == ()


def test_csv_gives_the_three_tables(sample_path: Path) -> None:
    output = render_file(sample_path, "csv")
    assert isinstance(output.data, dict)
    assert tuple(output.data) == CSV_FILES
    assert output.suggested_name == "外務省_1-I-2_R2.zip"
    assert output.media_type == "text/csv; charset=utf-8"
    for data in output.data.values():
        assert data.startswith(BOM.encode("utf-8"))
        assert not data.startswith((BOM * 2).encode("utf-8"))


def _proposed_1_4(output: RenderOutput) -> set[str]:
    assert isinstance(output.data, dict)
    lines = output.data["indicators.csv"].decode("utf-8-sig").splitlines()
    header = lines[0].split(",")
    index = header.index("達成状況（提案）")  # grade_proposed (columns.csv)
    return {line.split(",")[index] for line in lines[1:] if ",1-4," in line}


def test_csv_review_fills_the_proposed_grade(sample_path: Path) -> None:
    assert _proposed_1_4(render_file(sample_path, "csv")) == {""}
    assert _proposed_1_4(render_file(sample_path, "csv", review=True)) == {"a"}


def test_zip_of_the_csv_tables_is_deterministic(sample_path: Path) -> None:
    output = render_file(sample_path, "csv")
    first, second = output.zip_bytes(), output.zip_bytes()
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.namelist() == list(CSV_FILES)
        assert isinstance(output.data, dict)
        for name in CSV_FILES:
            assert archive.read(name) == output.data[name]


def test_xlsx_is_binary_and_reads_back(sample_path: Path, sample_result: ImportResult) -> None:
    output = render_file(sample_path, "xlsx")
    assert output.is_binary
    assert output.suggested_name == "外務省_1-I-2_R2.xlsx"
    assert output.media_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert isinstance(output.data, bytes) and output.data.startswith(b"PK\x03\x04")
    again = import_data(output.data, name="sample.xlsx")
    assert again.source_format == "xlsx"
    assert again.report == sample_result.report


def test_render_imported_with_a_profile(sample_result: ImportResult) -> None:
    output = render_imported(sample_result, "html", review=True, profile="mofa-2020")
    assert any(f.code == "H301" for f in output.findings)
    with pytest.raises(ProfileError):
        render_imported(sample_result, "html", review=True, profile="nope")


# --- errors -------------------------------------------------------------------------------------------


def test_unknown_format(sample_path: Path) -> None:
    with pytest.raises(RenderError) as caught:
        render_file(sample_path, "docx")
    assert caught.value.text("en") == "unknown output format 'docx' (one of html, pdf, xlsx, csv, json, text)"
    assert "\n" not in str(caught.value)


def test_format_and_profile_are_checked_before_the_file_is_read(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    with pytest.raises(RenderError):
        render_file(missing, "docx")
    with pytest.raises(ProfileError):
        render_file(missing, "html", profile="nope")
    with pytest.raises(InputError):
        render_file(missing, "html")


def test_not_a_report(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("hello", encoding="utf-8")
    with pytest.raises(NotAReportError):
        render_file(path, "html")


def test_no_japanese_font_is_a_render_error(
    sample_result: ImportResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hyoka.renderers import charts

    def no_font(*args: object, **kwargs: object) -> str:
        raise charts.ChartFontError("no Japanese font found for the charts: install Noto Sans CJK JP")

    monkeypatch.setattr(charts, "budget_chart", no_font)
    with pytest.raises(RenderError) as caught:
        render_report(sample_result.report, "html")
    assert caught.value.text("en").startswith("cannot draw the charts: no Japanese font found")


def test_importing_services_does_not_load_the_heavy_renderers() -> None:
    code = "import sys, hyoka.services; print(sorted({'matplotlib', 'weasyprint'} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout.replace("'", '"')) == []


# --- writing ------------------------------------------------------------------------------------------


def _one(data: bytes = b"%PDF-1.7 x") -> RenderOutput:
    return RenderOutput(data, "外務省_1-I-2_R2.pdf", "application/pdf")


def _tables() -> RenderOutput:
    return RenderOutput({"a.csv": b"1", "b.csv": b"2"}, "x.zip", "text/csv; charset=utf-8")


def test_write_one_file(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    assert write_rendered(_one(), target) == [target]
    assert target.read_bytes() == b"%PDF-1.7 x"


def test_write_into_an_existing_directory_uses_the_suggested_name(tmp_path: Path) -> None:
    assert write_rendered(_one(), tmp_path) == [tmp_path / "外務省_1-I-2_R2.pdf"]


def test_write_tables_into_a_directory(tmp_path: Path) -> None:
    target = tmp_path / "new" / "dir"
    assert write_rendered(_tables(), target) == [target / "a.csv", target / "b.csv"]
    assert (target / "b.csv").read_bytes() == b"2"


def test_write_tables_as_a_zip(tmp_path: Path) -> None:
    target = tmp_path / "tables.ZIP"
    assert write_rendered(_tables(), target) == [target]
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == ["a.csv", "b.csv"]


def test_write_tables_onto_a_file_fails(tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError):
        write_rendered(_tables(), target)


def test_write_into_a_missing_directory_fails_in_one_line(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "out.pdf"
    with pytest.raises(OutputError) as caught:
        write_rendered(_one(), target)
    assert "\n" not in str(caught.value)
    assert not target.parent.exists()
