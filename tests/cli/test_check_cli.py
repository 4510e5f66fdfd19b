"""``hyoka check``, run as a real process (``python -m hyoka.cli``) and through CliRunner."""

from __future__ import annotations

import json
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hyoka.cli import main as cli_main
from hyoka.cli.main import app
from hyoka.cli.messages import Lang
from hyoka.cli.render import check_lines, finding_line, source_excerpt
from hyoka.core import Issue, Severity, SourceSpan
from hyoka.services import (
    CheckOutcome,
    check_file,
    check_imported,
    import_file,
    report_to_json,
    resolve_profile,
)

from .helpers import hyoka, one_line

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "mofa-r2-I-2-hokubei.txt"
BUNDLED = resources.files("hyoka.rules.profiles").joinpath("mofa-2020.toml").read_text(encoding="utf-8")

runner = CliRunner(env={"HYOKA_LANG": None, "HYOKA_DEBUG": None})


def expected_exit(outcome: CheckOutcome) -> int:
    return 1 if any(f.severity is Severity.ERROR for f in outcome.findings) else 0


def write_profile(tmp_path: Path, *replacements: tuple[str, str], name: str = "mine.toml") -> Path:
    text = BUNDLED
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def outcome() -> CheckOutcome:
    return check_file(SAMPLE)


@pytest.fixture(scope="module")
def sample_json() -> dict[str, Any]:
    done = hyoka("check", SAMPLE, "--format", "json")
    assert done.stderr == ""
    data: dict[str, Any] = json.loads(done.stdout)
    data["_exit"] = done.returncode
    return data


@pytest.fixture
def wrong_total(tmp_path: Path) -> Path:
    """The sample as hyoka JSON with 令和元年度's 合計 changed from 671 to 672 (685 + 0 − 14 = 671)."""
    data = json.loads(report_to_json(import_file(SAMPLE).report))
    assert data["budget"]["years"][2]["total"]["value"] == 671
    data["budget"]["years"][2]["total"]["value"] = 672
    path = tmp_path / "wrong-total.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


# --- the sample: exit status and JSON -----------------------------------------------------------


def test_exit_status_agrees_with_the_service(outcome: CheckOutcome, sample_json: dict[str, Any]) -> None:
    assert sample_json["_exit"] == expected_exit(outcome)
    text = hyoka("check", SAMPLE)
    assert (text.returncode, text.stderr) == (expected_exit(outcome), "")


def test_json_shape(outcome: CheckOutcome, sample_json: dict[str, Any]) -> None:
    assert set(sample_json) == {"_exit", "profile", "findings", "proposals"}
    assert sample_json["profile"] == "mofa-2020"
    assert set(sample_json["proposals"]) == {"indicators", "judgment"}
    assert sample_json["findings"] == [f.model_dump(mode="json") for f in outcome.findings]
    for proposal in sample_json["proposals"]["indicators"].values():
        assert set(proposal) == {"proposed", "recorded", "trace"}


def test_json_proposals(sample_json: dict[str, Any]) -> None:
    indicators = sample_json["proposals"]["indicators"]
    assert {k: indicators["1-4"][k] for k in ("proposed", "recorded")} == {"proposed": "a", "recorded": "b"}
    assert indicators["1-3"]["proposed"] == "b"
    judgment = sample_json["proposals"]["judgment"]
    assert judgment["proposed"]["label"] == "相当程度進展あり"
    assert judgment["recorded"]["label"] == "相当程度進展あり"


def test_json_findings(sample_json: dict[str, Any]) -> None:
    findings = sample_json["findings"]
    h301 = [f for f in findings if f["code"] == "H301"]
    assert [f["location"] for f in h301] == ["/areas/0/indicators/3/recorded_grade"]
    assert h301[0]["lines"] == {"first": 50, "last": 50}
    imported = [f.model_dump(mode="json") for f in import_file(SAMPLE).findings]
    assert findings[: len(imported)] == imported
    assert {f["code"] for f in imported} >= {"H902", "H904"}


def test_json_is_not_ascii_escaped() -> None:
    done = hyoka("check", SAMPLE, "--format", "json")
    assert "相当程度進展あり" in done.stdout
    assert "\\u" not in done.stdout


# --- the sample: text ---------------------------------------------------------------------------


def test_text_findings_grouped_by_severity(outcome: CheckOutcome) -> None:
    done = hyoka("check", SAMPLE)
    lines = done.stdout.splitlines()
    finding_rows = [line for line in lines if line.startswith(f"{SAMPLE}:")]
    ordered = sorted(outcome.findings, key=lambda f: list(Severity).index(f.severity))
    report = outcome.imported.report
    assert finding_rows == [finding_line(f, Lang.JA, file=str(SAMPLE), report=report) for f in ordered]
    counts = outcome.counts()
    names = {"error": "誤り", "warning": "注意", "info": "参考"}
    headers = [line for line in lines if line.split(" (")[0] in names.values()]
    assert headers == [f"{names[s]} ({n})" for s, n in counts.items() if n]
    assert lines[-1] == (
        f"指摘 {len(outcome.findings)} 件（誤り {counts['error']} 件、注意 {counts['warning']} 件、"
        f"参考 {counts['info']} 件）"
    )


def test_text_shows_the_source_lines(outcome: CheckOutcome) -> None:
    lines = hyoka("check", SAMPLE).stdout.splitlines()
    h301 = next(f for f in outcome.findings if f.code == "H301")
    row = lines.index(f"{SAMPLE}:50: H301 注意 測定指標1-4 達成状況: {h301.message}")
    source = SAMPLE.read_text(encoding="utf-8").splitlines()[49]
    assert lines[row + 1] == f"    50 | {source.rstrip().expandtabs(4)}"
    assert lines[row + 1].startswith("    50 | ")
    assert "日加二国間会談数" in lines[row + 1]


def test_text_names_a_years_place_the_one_way() -> None:
    # a finding's place names its year as every page does: 令和元年度 (2019年度), FY2019 (Reiwa 1)
    prefix = f"{SAMPLE}:344: H501 "
    ja = [
        line.removeprefix(prefix)
        for line in hyoka("check", SAMPLE).stdout.splitlines()
        if line.startswith(prefix)
    ]
    assert [line.partition("）: ")[0] + "）" for line in ja] == [
        "注意 測定指標1-4 年度目標値（平成30年度 (2018年度)）",
        "注意 測定指標1-4 年度目標値（令和元年度 (2019年度)）",
    ]
    en = hyoka("check", SAMPLE, "--lang", "en").stdout.splitlines()
    assert [
        line.removeprefix(prefix).partition("): ")[0] + ")" for line in en if line.startswith(prefix)
    ] == [
        "Warning Indicator 1-4, target (FY2018 (Heisei 30))",
        "Warning Indicator 1-4, target (FY2019 (Reiwa 1))",
    ]


def test_text_long_spans_show_three_lines(outcome: CheckOutcome) -> None:
    lines = hyoka("check", SAMPLE).stdout.splitlines()
    long = [f for f in outcome.findings if f.lines is not None and f.lines.last - f.lines.first >= 3]
    assert long, "the sample has a finding spanning several lines"
    issue = long[0]
    assert issue.lines is not None
    row = lines.index(finding_line(issue, Lang.JA, file=str(SAMPLE), report=outcome.imported.report))
    first = issue.lines.first
    width = len(str(first + 2))
    assert [line.split(" | ")[0] for line in lines[row + 1 : row + 5]] == [
        f"    {first:>{width}}",
        f"    {first + 1:>{width}}",
        f"    {first + 2:>{width}}",
        f"    {' ' * width}",
    ]
    hidden = issue.lines.last - issue.lines.first + 1 - 3
    assert lines[row + 4] == f"    {' ' * width} | … ほか {hidden} 行"


def test_text_proposals_table(outcome: CheckOutcome) -> None:
    out = hyoka("check", SAMPLE).stdout
    assert "規則による提案（ルールプロファイル mofa-2020）" in out
    rows = {cells[0]: cells[1:] for cells in _table_rows(out)}
    assert rows["1-3"] == ["b", "b", ""]
    assert rows["1-4"] == ["b", "a", "≠"]
    assert rows["目標達成度の測定の結果"] == ["相当程度進展あり (B)", "相当程度進展あり (B)", ""]
    quantitative = {k for k, p in outcome.result.indicators.items() if p.kind == "quantitative"}
    assert set(rows) == {"指標", *quantitative, "目標達成度の測定の結果"}


def _table_rows(out: str) -> list[list[str]]:
    return [
        [cell.strip() for cell in line.rstrip()[1:-1].replace("┃", "│").split("│")]
        for line in out.splitlines()
        if line.startswith(("│", "┃"))
    ]


def test_text_in_english(outcome: CheckOutcome) -> None:
    by_option = hyoka("check", SAMPLE, "--lang", "en")
    by_env = hyoka("check", SAMPLE, env={"HYOKA_LANG": "en"})
    assert by_option.stdout == by_env.stdout
    lines = by_option.stdout.splitlines()
    h301 = next(f for f in outcome.findings if f.code == "H301")
    assert f"{SAMPLE}:50: H301 Warning Indicator 1-4, achievement: {h301.message_en}" in lines
    assert "Proposals of the rules (profile mofa-2020)" in by_option.stdout
    counts = outcome.counts()
    assert lines[-1] == (
        f"{len(outcome.findings)} finding(s): {counts['error']} error(s), {counts['warning']} warning(s), "
        f"{counts['info']} info"
    )


# --- errors in the report -----------------------------------------------------------------------


def test_wrong_total_exits_1_with_h201(wrong_total: Path) -> None:
    done = hyoka("check", wrong_total, "--format", "json")
    assert (done.returncode, done.stderr) == (1, "")
    findings = json.loads(done.stdout)["findings"]
    h201 = [f for f in findings if f["code"] == "H201"]
    assert [(f["severity"], f["location"]) for f in h201] == [("error", "/budget/years/2/total")]


def test_wrong_total_as_text(wrong_total: Path) -> None:
    done = hyoka("check", wrong_total, "--lang", "en")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0] == "Error (1)"
    # a JSON report: the finding names the file, not the lines of the text it was imported from
    assert lines[1].startswith(f"{wrong_total}: H201 Error Budget, FY2019 (Reiwa 1), total: ")
    assert not lines[2].startswith("    ")
    assert lines[-1].split(": ")[1].startswith("1 error(s)")


# --- profiles -----------------------------------------------------------------------------------


def test_bundled_profile_by_name(outcome: CheckOutcome) -> None:
    done = hyoka("check", SAMPLE, "--profile", "mofa-2020", "--format", "json")
    assert (done.returncode, done.stderr) == (expected_exit(outcome), "")
    assert json.loads(done.stdout)["profile"] == "mofa-2020"


def test_profile_from_a_file(tmp_path: Path) -> None:
    path = write_profile(
        tmp_path, ('name = "mofa-2020"', 'name = "mine"'), ('strategy = "all_years"', 'strategy = "majority"')
    )
    done = hyoka("check", SAMPLE, "--profile", path, "--format", "json")
    assert done.stderr == ""
    data = json.loads(done.stdout)
    assert data["profile"] == "mine"
    assert data["proposals"]["indicators"]["1-3"]["proposed"] == "a"
    assert done.returncode == expected_exit(check_file(SAMPLE, path))


def test_unknown_bundled_profile() -> None:
    done = hyoka("check", SAMPLE, "--profile", "nope")
    assert (done.returncode, done.stdout) == (2, "")
    assert one_line(done.stderr) == (
        "hyoka: error: 同梱のルールプロファイル nope はありません"
        "（同梱: mhlw, mofa-2020, soumu。TOML ファイルならそのパスを指定してください）"
    )
    done = hyoka("render", SAMPLE, "--to", "html", "--review", "--profile", "nope", "--lang", "en")
    assert (done.returncode, done.stdout) == (2, "")
    assert one_line(done.stderr) == (
        "hyoka: error: no bundled rule profile named nope "
        "(bundled: mhlw, mofa-2020, soumu; or give the path of a .toml file)"
    )


def test_profile_with_an_unknown_key(tmp_path: Path) -> None:
    path = write_profile(tmp_path, ("far_above = 1.50", "far_above = 1.50\nfar_below = 0.1"))
    done = hyoka("check", SAMPLE, "--profile", path)
    assert (done.returncode, done.stdout) == (2, "")
    assert (
        one_line(done.stderr) == f"hyoka: error: {path}: thresholds.far_below: Extra inputs are not permitted"
    )


def test_profile_with_thresholds_out_of_order(tmp_path: Path) -> None:
    path = write_profile(tmp_path, ("near = 0.80", "near = 1.10"))
    done = hyoka("check", SAMPLE, "--profile", path, "--format", "json")
    assert (done.returncode, done.stdout) == (2, "")
    assert one_line(done.stderr) == (
        f"hyoka: error: {path}: thresholds: Value error, thresholds must satisfy near <= achieved <= exceeded"
    )


def test_profile_file_missing(tmp_path: Path) -> None:
    path = tmp_path / "none.toml"
    done = hyoka("check", SAMPLE, "--profile", path, "--lang", "en")
    assert (done.returncode, done.stdout) == (2, "")
    assert one_line(done.stderr) == f"hyoka: error: {path}: cannot read: no such file"


# --- input that is not a report -----------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    for fmt in ("text", "json"):
        done = hyoka("check", path, "--format", fmt)
        assert (done.returncode, done.stdout) == (2, "")
        assert one_line(done.stderr) == f"hyoka: error: {path}: ファイルが空です"


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nothing.txt"
    done = hyoka("check", path)
    assert (done.returncode, done.stdout) == (2, "")
    assert one_line(done.stderr) == f"hyoka: error: {path}: 読み込めません: ファイルがありません"


def test_json_of_another_shape(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"a":1}', encoding="utf-8")
    done = hyoka("check", path, "--lang", "en")
    assert (done.returncode, done.stdout) == (2, "")
    assert one_line(done.stderr) == (
        f"hyoka: error: {path}: JSON that is not an evaluation report (no measure_number)"
    )


def test_bad_format_is_a_usage_error() -> None:
    done = hyoka("check", SAMPLE, "--format", "xml")
    assert (done.returncode, done.stdout) == (2, "")
    assert one_line(done.stderr) == (
        "hyoka: error: --format に xml は指定できません（指定できる値: text, json）。"
        "使い方: hyoka check --help"
    )


# --- CliRunner ----------------------------------------------------------------------------------


def test_cli_runner_json(outcome: CheckOutcome) -> None:
    result = runner.invoke(app, ["check", str(SAMPLE), "--format", "json"])
    assert result.exit_code == expected_exit(outcome)
    assert json.loads(result.stdout)["proposals"]["indicators"]["1-4"]["proposed"] == "a"


def test_cli_runner_exit_1_on_an_error(wrong_total: Path) -> None:
    result = runner.invoke(app, ["check", str(wrong_total)])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == "誤り (1)"


def test_internal_error_is_one_line_and_exit_3(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(path: Path, profile: str | None) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli_main, "check_file", broken)
    result = runner.invoke(app, ["check", str(SAMPLE)])
    assert result.exit_code == 3
    assert result.stdout == ""
    assert one_line(result.stderr) == "hyoka: internal error: RuntimeError: boom"


# --- the source excerpt -------------------------------------------------------------------------


def _issue(first: int, last: int) -> Issue:
    return Issue(
        code="H901",
        severity=Severity.WARNING,
        location="/areas/0",
        lines=SourceSpan(first=first, last=last),
        message="どの項目にも当てはまりません",
        message_en="fits no field",
    )


@pytest.fixture
def synthetic() -> CheckOutcome:
    imported = import_file(SAMPLE)
    checked = check_imported(imported, resolve_profile(), name="doc.txt")
    source = ("一行目", "\tタブ\tの行", "x" * 130, "四行目", "五行目", "")
    return replace(checked, source_lines=source)


def test_excerpt_cuts_long_lines_and_expands_tabs(synthetic: CheckOutcome) -> None:
    assert source_excerpt(synthetic, _issue(1, 3), Lang.JA) == [
        "    1 | 一行目",
        "    2 |     タブ  の行",
        "    3 | " + "x" * 120 + "…",
    ]


def test_excerpt_shows_at_most_three_lines(synthetic: CheckOutcome) -> None:
    assert source_excerpt(synthetic, _issue(2, 5), Lang.EN)[3:] == ["      | … 1 more line(s)"]
    assert source_excerpt(synthetic, _issue(3, 6), Lang.JA)[3:] == ["      | … ほか 1 行"]
    assert len(source_excerpt(synthetic, _issue(1, 40), Lang.JA)) == 4


def test_excerpt_outside_the_source(synthetic: CheckOutcome) -> None:
    assert source_excerpt(synthetic, _issue(7, 9), Lang.JA) == []
    assert check_lines(synthetic, _issue(7, 9), Lang.JA) == [
        "doc.txt:7-9: H901 注意 個別分野1: どの項目にも当てはまりません"
    ]


def test_check_lines_of_a_json_report_leave_the_lines_out(synthetic: CheckOutcome) -> None:
    as_json = replace(synthetic, name="doc.json", source_lines=())
    assert check_lines(as_json, _issue(1, 3), Lang.EN) == ["doc.json: H901 Warning Area 1: fits no field"]
