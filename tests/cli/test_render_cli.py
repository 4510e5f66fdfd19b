"""``hyoka render``, run as a real process (``python -m hyoka.cli``) and through CliRunner; and
``hyoka import`` / ``hyoka check`` on the PDF and the xlsx that ``hyoka render`` wrote."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hyoka.cli import main as cli_main
from hyoka.cli.main import app
from hyoka.renderers.opendata import CSV_FILES
from hyoka.services import RenderError, check_file, import_file, report_to_json

from .helpers import hyoka, one_line

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "mofa-r2-I-2-hokubei.txt"
NAME = "外務省_1-I-2_R2"

runner = CliRunner(env={"HYOKA_LANG": None, "HYOKA_DEBUG": None})


# --- what `hyoka render` wrote, read back by `hyoka import` and `hyoka check` ---------------------------


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample rendered to PDF and xlsx into one directory under their default names."""
    out = tmp_path_factory.mktemp("rendered")
    for fmt in ("pdf", "xlsx"):
        done = hyoka("render", SAMPLE, "--to", fmt, "-o", out, "--lang", "en")
        assert (done.returncode, done.stdout) == (0, "")
        assert one_line(done.stderr) == f"wrote {out / f'{NAME}.{fmt}'}"
    return out


def test_pdf_is_a4_with_page_numbers_and_embedded_fonts(rendered: Path) -> None:
    pdf = rendered / f"{NAME}.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    if shutil.which("pdfinfo") is None:
        pytest.skip("poppler-utils is not installed")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all("Noto" in row[0] for row in rows)
    assert all(row[-5:-2] == ["yes", "yes", "yes"] for row in rows)  # embedded, subset, unicode


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")
def test_pdf_text_holds_the_figures_names_and_chart_text(rendered: Path) -> None:
    text = subprocess.run(
        ["pdftotext", "-layout", str(rendered / f"{NAME}.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for expected in (
        "政策評価調書",
        "北米地域外交",
        "274,346",
        "651,705",
        "△14",
        "相当程度進展あり",
        "北米局",
    ):
        assert expected in text, expected
    assert "執行率 88.1%" in text  # the budget chart, drawn as text
    assert "1 / " in text  # page numbers


def test_import_reads_the_rendered_pdf(rendered: Path) -> None:
    done = hyoka("import", rendered / f"{NAME}.pdf")
    assert (done.returncode, done.stderr) == (0, "")
    report = json.loads(done.stdout)
    assert report["measure_number"] == "I-2"
    years = {y["fiscal_year"]: y for y in report["budget"]["years"]}
    assert years[2019]["carryover"]["value"] == -14
    assert years[2019]["executed"]["value"] == 532


def test_import_reads_the_rendered_xlsx_exactly(rendered: Path) -> None:
    done = hyoka("import", rendered / f"{NAME}.xlsx")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == report_to_json(import_file(SAMPLE).report)


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_check_reads_the_rendered_file(rendered: Path, fmt: str) -> None:
    done = hyoka("check", rendered / f"{NAME}.{fmt}", "--format", "json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    codes = [f["code"] for f in result["findings"]]
    assert "H301" in codes
    assert not [f for f in result["findings"] if f["severity"] == "error"]
    assert result["proposals"]["indicators"]["1-4"]["proposed"] == "a"
    assert result["proposals"]["judgment"]["proposed"] == {"label": "相当程度進展あり", "letter": "B"}


# --- text output to stdout ------------------------------------------------------------------------------


def test_html_to_stdout() -> None:
    done = hyoka("render", SAMPLE, "--to", "html")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("<!DOCTYPE html>")
    assert done.stdout.count("<svg ") == 4
    assert 'class="review' not in done.stdout


def test_json_to_stdout_is_the_model_json() -> None:
    done = hyoka("render", SAMPLE, "--to", "json")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == report_to_json(import_file(SAMPLE).report)


def test_review_html_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "review.html"
    result = runner.invoke(app, ["render", str(SAMPLE), "-o", str(out), "--review"])
    assert result.exit_code == 0, result.output
    count = len(check_file(SAMPLE).findings)
    assert result.stderr == f"{out} に書き出しました（指摘 {count} 件を併記）\n"
    html = out.read_text(encoding="utf-8")
    assert "H301" in html and 'b <span class="review">[提案: a]</span>' in html


def test_review_with_a_profile_file(tmp_path: Path) -> None:
    profile = tmp_path / "bad.toml"
    profile.write_text("not = [toml", encoding="utf-8")
    done = hyoka("render", SAMPLE, "--to", "html", "--review", "--profile", profile)
    assert (done.returncode, done.stdout) == (2, "")
    assert one_line(done.stderr).startswith(f"hyoka: error: {profile}")


# --- binary formats and CSV need -o ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_binary_output_needs_o(fmt: str) -> None:
    done = hyoka("render", SAMPLE, "--to", fmt, "--lang", "en")
    assert (done.returncode, done.stdout) == (2, "")
    assert one_line(done.stderr) == (
        f"hyoka: error: binary output needs -o: give -o/--output FILE for {fmt} "
        "(it is never written to the terminal)"
    )


def test_binary_output_needs_o_in_japanese() -> None:
    result = runner.invoke(app, ["render", str(SAMPLE), "--to", "pdf"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert one_line(result.stderr).startswith("hyoka: error: バイナリ出力には -o が必要です")


def test_csv_needs_o() -> None:
    done = hyoka("render", SAMPLE, "--to", "csv", "--lang", "en")
    assert (done.returncode, done.stdout) == (2, "")
    assert one_line(done.stderr) == (
        "hyoka: error: csv gives three tables: "
        "give -o/--output DIR (one file each) or -o FILE.zip (one archive)"
    )


def test_csv_into_a_directory(tmp_path: Path) -> None:
    out = tmp_path / "tables"
    result = runner.invoke(app, ["render", str(SAMPLE), "--to", "csv", "-o", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(CSV_FILES)
    written = ", ".join(str(out / name) for name in CSV_FILES)
    assert result.stderr == f"wrote {written}\n"
    assert (out / "budget.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_csv_as_a_zip_inferred_from_the_name(tmp_path: Path) -> None:
    out = tmp_path / "tables.zip"
    result = runner.invoke(app, ["render", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as archive:
        assert archive.namelist() == list(CSV_FILES)


@pytest.mark.parametrize(("suffix", "start"), [(".html", b"<!DOCTYPE html>"), (".json", b"{")])
def test_format_inferred_from_the_output_name(tmp_path: Path, suffix: str, start: bytes) -> None:
    out = tmp_path / f"report{suffix}"
    result = runner.invoke(app, ["render", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(start)


def test_xlsx_into_an_existing_directory_under_the_default_name(tmp_path: Path) -> None:
    result = runner.invoke(app, ["render", str(SAMPLE), "--to", "xlsx", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == [f"{NAME}.xlsx"]


# --- bad input and options ----------------------------------------------------------------------------


def test_no_format_and_no_output() -> None:
    done = hyoka("render", SAMPLE, "--lang", "en")
    assert (done.returncode, done.stdout) == (2, "")
    assert one_line(done.stderr) == "hyoka: error: give the output format: --to html|pdf|xlsx|csv|json|text"


def test_no_format_and_an_unknown_output_suffix(tmp_path: Path) -> None:
    result = runner.invoke(app, ["render", str(SAMPLE), "-o", str(tmp_path / "x.docx"), "--lang", "en"])
    assert result.exit_code == 2
    assert one_line(result.stderr) == "hyoka: error: give the output format: --to html|pdf|xlsx|csv|json|text"


def test_unknown_format_is_a_usage_error() -> None:
    done = hyoka("render", SAMPLE, "--to", "docx")
    assert (done.returncode, done.stdout) == (2, "")
    assert one_line(done.stderr) == (
        "hyoka: error: --to に docx は指定できません（指定できる値: html, pdf, xlsx, csv, json, text）。"
        "使い方: hyoka render --help"
    )


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nothing.txt"
    done = hyoka("render", path, "--to", "html", "--lang", "en")
    assert (done.returncode, done.stdout) == (2, "")
    assert one_line(done.stderr) == f"hyoka: error: {path}: cannot read: no such file"


def test_not_a_report(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"a": 1}', encoding="utf-8")
    done = hyoka("render", path, "--to", "html")
    assert (done.returncode, done.stdout) == (2, "")
    assert one_line(done.stderr).startswith(f"hyoka: error: {path}: ")


def test_unwritable_output(tmp_path: Path) -> None:
    out = tmp_path / "missing" / "x.html"
    result = runner.invoke(app, ["render", str(SAMPLE), "--to", "html", "-o", str(out), "--lang", "en"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert one_line(result.stderr).startswith(f"hyoka: error: {out}: cannot write: ")


def test_unknown_profile() -> None:
    done = hyoka("render", SAMPLE, "--to", "html", "--profile", "nope")
    assert (done.returncode, done.stdout) == (2, "")
    assert one_line(done.stderr).startswith("hyoka: error: no bundled rule profile named 'nope'")


def test_render_error_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_font(*args: object, **kwargs: object) -> object:
        raise RenderError("日本語フォントがありません", message_en="cannot draw the charts: no Japanese font")

    monkeypatch.setattr(cli_main, "render_file", no_font)
    result = runner.invoke(app, ["render", str(SAMPLE), "--to", "html", "--lang", "en"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "hyoka: error: cannot draw the charts: no Japanese font\n"


def test_hostile_names_stay_in_the_output_directory(tmp_path: Path) -> None:
    report = import_file(SAMPLE).report.model_copy(
        update={"report_code": None, "ministry": "../../", "measure_number": "a/b<script>\n"}
    )
    source = tmp_path / "hostile.json"
    source.write_text(report_to_json(report), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = runner.invoke(app, ["render", str(source), "--to", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert [p.name for p in out.iterdir()] == ["a_b_script_R2.json"]


def test_internal_error_is_one_line_and_exit_3(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli_main, "render_file", boom)
    result = runner.invoke(app, ["render", str(SAMPLE), "--to", "html"])
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == "hyoka: internal error: RuntimeError: boom\n"
