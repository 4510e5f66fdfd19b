"""``hyoka next-cycle``: the draft as JSON (to a file or standard output) and the briefs as text."""

from __future__ import annotations

import json
from pathlib import Path

from hyoka.core import EvaluationReport
from hyoka.importers import ImportResult
from hyoka.services.cycle import next_cycle

from .helpers import hyoka, one_line

HEADING = (
    "次期の評価書の案: 外務省 1-I-2 北米地域外交 令和3年度 (2021年度)（評価対象: 平成30年度 (2018年度)〜"
    "令和2年度 (2020年度)）"
)


def test_draft_to_a_file_and_the_briefs_on_stdout(
    tmp_path: Path, sample_path: Path, sample_result: ImportResult
) -> None:
    out = tmp_path / "draft.json"
    result = hyoka("next-cycle", sample_path, "-o", out)
    assert result.returncode == 0, result.stderr
    assert one_line(result.stderr) == f"{out} に次期の評価書の案を書き出しました"
    draft = EvaluationReport.model_validate_json(out.read_text(encoding="utf-8"))
    assert draft == next_cycle(sample_result.report).draft
    lines = result.stdout.splitlines()
    assert lines[0] == HEADING
    assert lines[2] == "【施策】個別分野1 北米諸国との政治分野での協力推進"
    at = lines.index("【測定指標1-3】日米二国間会談数(首脳・外相レベル)(電話会談含む)")
    assert lines[at + 1] == (
        "  日米政府間での共通の諸課題に関する緊密な協議をハイレベルで維持することは重要であり、"
        "効果的な働きかけを行う上でも、日米間の首脳・外相を始めとする高いレベルで頻繁な意見交換を継続する。"
    )
    assert sum(line.startswith("【測定指標") for line in lines) == 9
    assert sum(line.startswith("【施策】") for line in lines) == 3
    # the draft's only error is the judgment, which is written at the end of the cycle
    check = hyoka("check", out, "--format", "json")
    assert check.returncode == 1
    errors = [f for f in json.loads(check.stdout)["findings"] if f["severity"] == "error"]
    assert [(f["code"], f["location"]) for f in errors] == [("H101", "/judgment")]


def test_draft_to_stdout_keeps_it_json_and_the_briefs_go_to_stderr(
    sample_path: Path, sample_result: ImportResult
) -> None:
    result = hyoka("next-cycle", sample_path, "--lang", "en")
    assert result.returncode == 0, result.stderr
    draft = EvaluationReport.model_validate_json(result.stdout)
    assert (draft.evaluation_year, draft.window) == (2021, [2018, 2019, 2020])
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "next cycle's draft: 外務省 1-I-2 北米地域外交 FY2021 (Reiwa 3); "
        "window FY2018 (Heisei 30) to FY2020 (Reiwa 2)"
    )
    assert "[indicator 3-2] 在日米軍の安定的な駐留のための施策の進展" in lines


def test_a_directory_output_and_a_bad_input(tmp_path: Path, sample_path: Path) -> None:
    result = hyoka("next-cycle", sample_path, "-o", tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "mofa-r2-I-2-hokubei-next.json").is_file()
    junk = tmp_path / "junk.txt"
    junk.write_text("これは評価書ではありません。\n", encoding="utf-8")
    bad = hyoka("next-cycle", junk, "-o", tmp_path / "x.json")
    assert bad.returncode == 2
    assert one_line(bad.stderr).startswith(f"hyoka: error: {junk}: ")
    assert bad.stdout == ""
    assert not (tmp_path / "x.json").exists()
