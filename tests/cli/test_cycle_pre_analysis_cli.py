"""``hyoka next-cycle --pre-analysis``: the next fiscal year's 事前分析表 as JSON, and the briefs."""

from __future__ import annotations

from pathlib import Path

from hyoka.core import DocumentKind, EvaluationReport
from hyoka.importers import ImportResult
from hyoka.services.cycle import pre_analysis_draft

from .helpers import hyoka, one_line


def test_pre_analysis_draft_to_a_file(tmp_path: Path, sample_path: Path, sample_result: ImportResult) -> None:
    out = tmp_path / "pre.json"
    result = hyoka("next-cycle", sample_path, "--pre-analysis", "-o", out)
    assert result.returncode == 0, result.stderr
    assert one_line(result.stderr) == f"{out} に次年度の事前分析表の案を書き出しました"
    draft = EvaluationReport.model_validate_json(out.read_text(encoding="utf-8"))
    assert draft.kind is DocumentKind.PRE_ANALYSIS
    assert draft == pre_analysis_draft(sample_result.report).draft
    lines = result.stdout.splitlines()
    assert lines[0] == "次年度の事前分析表の案: 外務省 1-I-2 北米地域外交 令和3年度 (2021年度)"
    assert sum(line.startswith("【測定指標") for line in lines) == 9


def test_pre_analysis_draft_into_a_directory(tmp_path: Path, sample_path: Path) -> None:
    result = hyoka("next-cycle", sample_path, "--pre-analysis", "-o", tmp_path, "--lang", "en")
    assert result.returncode == 0, result.stderr
    heading = "draft of the next fiscal year's pre-analysis table: 外務省 1-I-2 北米地域外交 FY2021 (Reiwa 3)"
    assert result.stdout.splitlines()[0] == heading
    assert (tmp_path / f"{sample_path.stem}-pre-analysis.json").is_file()
