"""The ``hyoka`` command, run as a real process (``python -m hyoka.cli``) and through CliRunner."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hyoka.cli import main as cli_main
from hyoka.cli.main import app, main
from hyoka.cli.messages import Lang
from hyoka.cli.render import finding_line
from hyoka.core import (
    AccountType,
    Area,
    Budget,
    BudgetSheet,
    BudgetSheetLine,
    BudgetYear,
    Cell,
    EvaluationReport,
    Indicator,
    IndicatorKind,
    Judgment,
    RecordedGrade,
    Tier,
)
from hyoka.services import check_file, import_file, report_to_json

from .helpers import hyoka, one_line

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "mofa-r2-I-2-hokubei.txt"
NOT_A_REPORT_JSON = "評価書の JSON ではありません（measure_number がありません）"


def build_report(title: str = "北米地域外交") -> EvaluationReport:
    return EvaluationReport(
        ministry="外務省",
        report_code="外務省 1-I-2",
        measure_number="I-2",
        title=title,
        evaluation_year=2020,
        window=[2017, 2018, 2019],
        budget=Budget(
            years=[
                BudgetYear(fiscal_year=2019, initial=Cell.of(685), total=Cell.of(671), executed=Cell.of(532)),
            ]
        ),
        judgment=Judgment(tier=Tier.SUBSTANTIAL_PROGRESS, label="相当程度進展あり", letter="B"),
        bureau="北米局",
        evaluated_on="2020-08",
        areas=[
            Area(
                number=1,
                title="北米諸国との政治分野での協力推進",
                indicators=[
                    Indicator(
                        id="1-1",
                        name="日米・日加両政府間の協力関係の進展 [注]",
                        is_main=True,
                        kind=IndicatorKind.QUALITATIVE,
                        recorded_grade=RecordedGrade(letter="b", window=[2017, 2018, 2019]),
                    )
                ],
            )
        ],
        budget_sheet=BudgetSheet(
            policy_name=title,
            current_year=2020,
            next_year=2021,
            totals=[
                BudgetSheetLine(
                    account_type=AccountType.GENERAL,
                    current_initial=Cell.of(651705),
                    next_request=Cell.of(572198),
                )
            ],
        ),
    )


@pytest.fixture
def report_file(tmp_path: Path) -> Path:
    path = tmp_path / "hokubei.json"
    path.write_text(build_report().model_dump_json(), encoding="utf-8")
    return path


runner = CliRunner(env={"HYOKA_LANG": None, "HYOKA_DEBUG": None})


# --- version and help ---------------------------------------------------------------------------


def test_version() -> None:
    done = hyoka("--version")
    assert (done.returncode, done.stdout, done.stderr) == (0, f"hyoka {version('hyoka')}\n", "")


def test_main_exits_with_the_status() -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0


# --- hyoka import: one file ---------------------------------------------------------------------


def test_import_json_round_trip(report_file: Path, tmp_path: Path) -> None:
    first = hyoka("import", report_file)
    assert (first.returncode, first.stderr) == (0, "")
    assert first.stdout == report_to_json(build_report())
    again = tmp_path / "again.json"
    again.write_text(first.stdout, encoding="utf-8")
    second = hyoka("import", again)
    assert (second.returncode, second.stderr) == (0, "")
    assert second.stdout == first.stdout


def test_import_output_is_not_ascii_escaped(report_file: Path) -> None:
    done = hyoka("import", report_file)
    assert '"title": "北米地域外交"' in done.stdout
    assert '"ministry": "外務省"' in done.stdout
    assert "\\u" not in done.stdout


def test_import_output_is_utf8_whatever_the_locale(report_file: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "hyoka.cli", "import", str(report_file)],
        capture_output=True,
        env={**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "ascii", "PYTHONUTF8": "0"},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout == report_to_json(build_report()).encode("utf-8")


def test_import_to_an_output_file(report_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    done = hyoka("import", report_file, "-o", out)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert out.read_text(encoding="utf-8") == report_to_json(build_report())


def test_import_to_an_existing_directory_writes_stem_json(report_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    done = hyoka("import", report_file, "--output", out)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert (out / "hokubei.json").read_text(encoding="utf-8") == report_to_json(build_report())


def test_import_into_a_missing_directory_fails_in_one_line(report_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "missing" / "out.json"
    done = hyoka("import", report_file, "-o", out, "--lang", "en")
    assert done.returncode == 2
    assert done.stdout == ""
    assert one_line(done.stderr) == f"hyoka: error: {out}: cannot write: no such file"


def test_issues_as_json(report_file: Path) -> None:
    done = hyoka("import", report_file, "--issues", "--format", "json")
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout) == {"findings": []}


def test_issues_as_json_with_output_still_writes_the_report(report_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    done = hyoka("import", report_file, "--issues", "--format", "json", "-o", out)
    assert done.returncode == 0
    assert json.loads(done.stdout) == {"findings": []}
    assert out.read_text(encoding="utf-8") == report_to_json(build_report())


def test_issues_as_text_without_findings_prints_nothing_more(report_file: Path) -> None:
    done = hyoka("import", report_file, "--issues")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == report_to_json(build_report())


# --- hyoka import: input that is not a report --------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    done = hyoka("import", path)
    assert (done.returncode, done.stdout) == (2, "")
    assert one_line(done.stderr) == f"hyoka: error: {path}: ファイルが空です"
    done = hyoka("import", path, "--lang", "en")
    assert one_line(done.stderr) == f"hyoka: error: {path}: the file is empty"


def test_binary_bytes(tmp_path: Path) -> None:
    path = tmp_path / "garbage.bin"
    path.write_bytes(b"\x00\xff\x00garbage")
    done = hyoka("import", path)
    assert (done.returncode, done.stdout) == (2, "")
    assert one_line(done.stderr).startswith(f"hyoka: error: {path}: ")


def test_missing_path(tmp_path: Path) -> None:
    path = tmp_path / "nothing.txt"
    done = hyoka("import", path)
    assert (done.returncode, done.stdout) == (2, "")
    assert one_line(done.stderr) == f"hyoka: error: {path}: 読み込めません: ファイルがありません"


def test_missing_path_in_english(tmp_path: Path) -> None:
    path = tmp_path / "nothing.txt"
    by_env = hyoka("import", path, env={"HYOKA_LANG": "en"})
    by_option = hyoka("import", path, "--lang", "en")
    for done in (by_env, by_option):
        assert done.returncode == 2
        assert one_line(done.stderr) == f"hyoka: error: {path}: cannot read: no such file"


def test_a_directory(tmp_path: Path) -> None:
    done = hyoka("import", tmp_path, "--lang", "en")
    assert (done.returncode, done.stdout) == (2, "")
    assert one_line(done.stderr) == f"hyoka: error: {tmp_path}: cannot read: is a directory, not a file"


def test_json_of_another_shape(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"a":1}', encoding="utf-8")
    done = hyoka("import", path)
    assert (done.returncode, done.stdout) == (2, "")
    assert one_line(done.stderr) == f"hyoka: error: {path}: {NOT_A_REPORT_JSON}"
    done = hyoka("import", path, "--lang", "en")
    assert one_line(done.stderr) == (
        f"hyoka: error: {path}: JSON that is not an evaluation report (no measure_number)"
    )


def test_invalid_report_json(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"measure_number": "I-2"}', encoding="utf-8")
    done = hyoka("import", path, "--lang", "en")
    assert done.returncode == 2
    assert one_line(done.stderr).startswith(f"hyoka: error: {path}: invalid report at /")


def test_a_file_name_with_a_line_break_stays_one_line(tmp_path: Path) -> None:
    path = tmp_path / "a\nb.txt"
    path.write_bytes(b"")
    done = hyoka("import", path)
    assert done.returncode == 2
    assert one_line(done.stderr) == f"hyoka: error: {tmp_path}/a\\nb.txt: ファイルが空です"


# --- hyoka import: several files ----------------------------------------------------------------


def test_several_files_need_an_output_directory(report_file: Path) -> None:
    done = hyoka("import", report_file, report_file)
    assert (done.returncode, done.stdout) == (2, "")
    assert one_line(done.stderr) == (
        "hyoka: error: 複数のファイルを読むときは -o/--output に出力先のディレクトリを指定してください"
    )
    english = hyoka("import", report_file, report_file, env={"HYOKA_LANG": "en"})
    assert english.returncode == 2
    assert one_line(english.stderr) == (
        "hyoka: error: several input files need -o/--output DIR, a directory to write <name>.json into"
    )


def test_several_files_write_one_json_each(tmp_path: Path) -> None:
    inputs = []
    for stem, title in (("a", "北米地域外交"), ("b", "中南米地域外交"), ("c", "欧州地域外交")):
        path = tmp_path / f"{stem}.json"
        path.write_text(build_report(title).model_dump_json(), encoding="utf-8")
        inputs.append(path)
    out = tmp_path / "out" / "deeper"
    done = hyoka("import", *inputs, "-o", out, "--lang", "en")
    assert (done.returncode, done.stdout) == (0, "")
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "b.json", "c.json"]
    assert (out / "b.json").read_text(encoding="utf-8") == report_to_json(build_report("中南米地域外交"))
    assert done.stderr.splitlines()[-1] == f"3 of 3 files imported (0 failed), written to {out}"


def test_several_files_a_failing_file_is_skipped(report_file: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    out = tmp_path / "out"
    done = hyoka("import", empty, report_file, missing, "-o", out, "--lang", "en")
    assert (done.returncode, done.stdout) == (2, "")
    lines = done.stderr.splitlines()
    assert f"hyoka: error: {empty}: the file is empty" in lines
    assert f"hyoka: error: {missing}: cannot read: no such file" in lines
    assert lines[-1] == f"1 of 3 files imported (2 failed), written to {out}"
    assert [p.name for p in out.iterdir()] == ["hokubei.json"]


def test_several_files_with_the_same_name_do_not_overwrite(report_file: Path, tmp_path: Path) -> None:
    other_dir = tmp_path / "other"
    other_dir.mkdir()
    other = other_dir / "hokubei.json"
    other.write_text(build_report("別の施策").model_dump_json(), encoding="utf-8")
    out = tmp_path / "out"
    done = hyoka("import", report_file, other, "-o", out, "--lang", "en")
    assert done.returncode == 2
    assert (
        f"hyoka: error: {other}: the output {out / 'hokubei.json'} was already written for {report_file} "
        "in this run; skipped"
    ) in done.stderr.splitlines()
    assert (out / "hokubei.json").read_text(encoding="utf-8") == report_to_json(build_report())


def test_several_files_output_onto_a_file(report_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "taken"
    out.write_text("x", encoding="utf-8")
    done = hyoka("import", report_file, report_file, "-o", out, "--lang", "en")
    assert done.returncode == 2
    assert one_line(done.stderr) == f"hyoka: error: {out}: the output must be a directory (a file is there)"


def test_several_files_issues_as_json(report_file: Path, tmp_path: Path) -> None:
    second = tmp_path / "second.json"
    second.write_text(build_report("中南米地域外交").model_dump_json(), encoding="utf-8")
    done = hyoka("import", report_file, second, "-o", tmp_path / "out", "--issues", "--format", "json")
    assert done.returncode == 0
    assert json.loads(done.stdout) == {"findings": []}


# --- unexpected failures (CliRunner, with the service replaced) --------------------------------


def test_internal_error_is_one_line_and_exit_3(report_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(path: Path) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli_main, "import_file", broken)
    result = runner.invoke(app, ["import", str(report_file)])
    assert result.exit_code == 3
    assert result.stdout == ""
    assert one_line(result.stderr) == "hyoka: internal error: RuntimeError: boom"


def test_internal_error_shows_the_traceback_with_hyoka_debug(
    report_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(path: Path) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli_main, "check_file", broken)  # summary lists hyoka check's findings
    result = runner.invoke(app, ["summary", str(report_file)], env={"HYOKA_DEBUG": "1"})
    assert result.exit_code == 3
    lines = result.stderr.splitlines()
    assert lines[0] == "hyoka: internal error: RuntimeError: boom"
    assert lines[1] == "Traceback (most recent call last):"
    assert lines[-1] == "RuntimeError: boom"


def test_internal_error_in_a_batch_goes_on_and_exits_3(
    report_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = import_file
    second = tmp_path / "second.json"
    second.write_text(build_report().model_dump_json(), encoding="utf-8")

    def sometimes(path: Path) -> object:
        if path == report_file:
            raise RuntimeError("boom")
        return real(path)

    monkeypatch.setattr(cli_main, "import_file", sometimes)
    out = tmp_path / "out"
    result = runner.invoke(app, ["import", str(report_file), str(second), "-o", str(out), "--lang", "en"])
    assert result.exit_code == 3
    assert f"hyoka: internal error: {report_file}: RuntimeError: boom" in result.stderr.splitlines()
    assert [p.name for p in out.iterdir()] == ["second.json"]


def test_interrupt_exits_130(report_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(path: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_main, "import_file", interrupted)
    result = runner.invoke(app, ["import", str(report_file)])
    assert result.exit_code == 130
    assert result.stdout == ""


# --- hyoka summary ------------------------------------------------------------------------------


def test_summary_of_a_json_report(report_file: Path) -> None:
    done = hyoka("summary", report_file)
    assert (done.returncode, done.stderr) == (0, "")
    out = done.stdout
    assert "I-2 北米地域外交" in out
    assert "目標達成度の測定の結果: 相当程度進展あり (B)" in out
    assert "令和2年度 (2020年度)" in out
    assert "平成29年度 (2017年度)、平成30年度 (2018年度)、令和元年度 (2019年度)" in out
    assert "日米・日加両政府間の協力関係の進展 [注]" in out
    assert "651,705" in out
    assert "572,198" in out
    assert "北米局" in out
    findings = check_file(report_file).findings  # as hyoka check counts them
    # its 調書 has a 合計 and no sections: nothing to add up, so no H205 (two before)
    assert sorted(f.code for f in findings) == ["H101", "H105", "H105", "H105", "H504"]
    assert "指摘 5 件" in out
    assert "H504 参考 測定指標1-1: " in out


def test_summary_in_english(report_file: Path) -> None:
    done = hyoka("summary", report_file, "--lang", "en")
    assert done.returncode == 0
    assert "Judgment: 相当程度進展あり (B)" in done.stdout
    assert "5 finding(s)" in done.stdout


def test_no_findings_is_said(capsys: pytest.CaptureFixture[str]) -> None:
    from rich.console import Console

    from hyoka.cli.render import render_findings

    report = import_file(SAMPLE).report
    for lang, expected in (
        (Lang.JA, "指摘 0 件\n指摘はありません\n"),
        (Lang.EN, "0 finding(s)\nno findings\n"),
    ):
        render_findings(Console(highlight=False, emoji=False, color_system=None), [], lang, report=report)
        assert capsys.readouterr().out == expected


def test_summary_of_a_missing_file(tmp_path: Path) -> None:
    done = hyoka("summary", tmp_path / "x.txt")
    assert (done.returncode, done.stdout) == (2, "")
    assert (
        one_line(done.stderr) == f"hyoka: error: {tmp_path / 'x.txt'}: 読み込めません: ファイルがありません"
    )


def test_summary_of_json_of_another_shape(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"b": [1, 2]}', encoding="utf-8")
    done = hyoka("summary", path)
    assert done.returncode == 2
    assert one_line(done.stderr) == f"hyoka: error: {path}: {NOT_A_REPORT_JSON}"


# --- the reference document (needs the text importer) -------------------------------------------


def test_import_sample() -> None:
    done = hyoka("import", SAMPLE)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["measure_number"] == "I-2"
    assert data["title"] == "北米地域外交"
    assert data["ministry"] == "外務省"
    assert data["judgment"]["letter"] == "B"


def test_import_sample_round_trip(tmp_path: Path) -> None:
    first = hyoka("import", SAMPLE, "-o", tmp_path / "sample.json")
    assert first.returncode == 0, first.stderr
    again = hyoka("import", tmp_path / "sample.json")
    assert again.returncode == 0
    assert again.stdout == (tmp_path / "sample.json").read_text(encoding="utf-8")


def test_import_sample_issues_as_json() -> None:
    done = hyoka("import", SAMPLE, "--issues", "--format", "json")
    assert done.returncode == 0, done.stderr
    expected = [{"file": str(SAMPLE), **f.model_dump(mode="json")} for f in import_file(SAMPLE).findings]
    assert json.loads(done.stdout) == {"findings": expected}


def test_import_sample_issues_as_text() -> None:
    done = hyoka("import", SAMPLE, "--issues", "--lang", "en")
    assert done.returncode == 0
    assert json.loads(done.stdout)["measure_number"] == "I-2"
    imported = import_file(SAMPLE)
    expected = [finding_line(f, Lang.EN, file=str(SAMPLE), report=imported.report) for f in imported.findings]
    assert done.stderr.splitlines() == expected
    assert all(line.startswith(f"{SAMPLE}:") for line in done.stderr.splitlines())


def test_summary_of_the_sample() -> None:
    done = hyoka("summary", SAMPLE)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "I-2 北米地域外交" in out
    assert "目標達成度の測定の結果: 相当程度進展あり (B)" in out
    assert "651,705" in out
    assert "572,198" in out
    assert "北米局" in out
    outcome = check_file(SAMPLE)
    findings = outcome.findings  # the same as hyoka check's: the import's and the rules'
    assert len(findings) > len(import_file(SAMPLE).findings)
    assert f"指摘 {len(findings)} 件" in out
    check = hyoka("check", SAMPLE)
    assert check.stdout.splitlines()[-1].startswith(f"指摘 {len(findings)} 件（")
    for finding in findings:
        assert "  " + finding_line(finding, Lang.JA, report=outcome.imported.report) in out.splitlines()
