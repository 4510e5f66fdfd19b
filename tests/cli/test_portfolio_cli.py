"""``hyoka report portfolio``: the real command on a temporary SQLite data directory holding the
sample as a published report (migrated and loaded once for the module)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import hyoka, one_line

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "mofa-r2-I-2-hokubei.txt"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated workspace with the sample published (``hyoka_demo``)."""
    folder = tmp_path_factory.mktemp("portfolio-data")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["HYOKA_DATA_DIR"] = str(folder)
    for args in (["migrate", "--no-input"], ["hyoka_demo", str(SAMPLE)]):
        subprocess.run(
            [sys.executable, "-m", "django", *args, "--settings=hyoka.web.settings"],
            env=env,
            check=True,
            capture_output=True,
            timeout=120,
        )
    return folder


def test_json_is_the_portfolio_of_the_database(data_dir: Path) -> None:
    result = hyoka("report", "portfolio", "--database", data_dir, "--format", "json", "--limit", "1")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["filters"] == {"ministry": None, "evaluation_year": None}
    assert (data["ministries"], data["years"]) == (["外務省"], [2020])
    assert data["judgments"]["total"]["counts"]["相当程度進展あり"] == 1
    assert data["grades"]["total"] == {
        "ministry": None,
        "evaluation_year": None,
        "graded": 3,
        "disagreements": 1,
        "rate": 0.3333,
    }
    [disagreement] = data["grades"]["disagreements"]
    assert (disagreement["indicator_id"], disagreement["recorded"], disagreement["proposed"]) == (
        "1-4",
        "b",
        "a",
    )
    assert data["budget"]["total"]["mean_rate"] == 0.7928
    assert {kind: found["count"] for kind, found in data["audit"].items()} == {
        "softened": 0,
        "repeated_misses": 0,
        "far_above": 0,
        "main_without_numbers": 4,
    }
    assert [e["indicator_id"] for e in data["audit"]["main_without_numbers"]["entries"]] == ["1-1"]


def test_tables_in_japanese_and_english(data_dir: Path) -> None:
    ja = hyoka(
        "report", "portfolio", "--ministry", "外務省", "--year", "2020", env={"HYOKA_DATA_DIR": str(data_dir)}
    )
    assert ja.returncode == 0, ja.stderr
    assert "目標達成度の判定（府省・評価年度別の評価書数）" in ja.stdout
    assert "│ 外務省 │ 令和2年度 (2020年度) │              3 │    1 │ 33.3% │" in ja.stdout
    assert "数値目標のない主要な指標（4 件中 先頭 4 件）" in ja.stdout
    assert "/reports/1/indicators/1-4/" in ja.stdout
    assert "目標値の引下げ: 0 件" in ja.stdout
    en = hyoka("report", "portfolio", "--database", data_dir, "--lang", "en")
    assert en.returncode == 0, en.stderr
    assert "Judgments (reports per ministry and year)" in en.stdout
    assert "S exceeded  A achieved  B substantial progress" in en.stdout
    assert "Main indicators without numbers (first 4 of 4)" in en.stdout
    assert "│ 外務省   │ FY2020 (Reiwa 2) │       1 │     79.3% │  79.3% │           0 │" in en.stdout


def test_a_filter_that_names_no_report_is_an_error(data_dir: Path) -> None:
    result = hyoka("report", "portfolio", "--database", data_dir, "--ministry", "財務省")
    assert result.returncode == 2
    assert one_line(result.stderr) == "hyoka: error: 府省「財務省」の評価書はありません（あるのは 外務省）"
    year = hyoka("report", "portfolio", "--database", data_dir, "--year", "2019", "--lang", "en")
    assert year.returncode == 2
    assert one_line(year.stderr) == "hyoka: error: no report evaluated in 2019 (there are: 2020)"


def test_a_database_that_cannot_be_used(tmp_path: Path) -> None:
    missing = hyoka("report", "portfolio", "--database", tmp_path / "nowhere", "--lang", "en")
    assert missing.returncode == 2
    assert one_line(missing.stderr).startswith("hyoka: error: ")
    assert str(tmp_path / "nowhere") in missing.stderr
    empty = hyoka("report", "portfolio", "--database", tmp_path, "--lang", "en")
    assert empty.returncode == 2
    assert "hyoka migrate" in one_line(empty.stderr)


def test_an_entry_names_its_earlier_report_s_year_the_one_way() -> None:
    """The year of the report a row's numbers come from, in each language's one form (never 「FYFY2020」
    or a bare 「2020」)."""
    from hyoka.cli.messages import Lang
    from hyoka.cli.portfolio import _numbers

    entry = {
        "kind": "no_progress",
        "years": [{"fiscal_year": 2019, "target": 30, "actual": 26}],
        "earlier_report": {"evaluation_year": 2020},
        "ratio": None,
    }
    assert [_numbers(entry, lang) for lang in (Lang.JA, Lang.EN)] == [
        "令和元年度 (2019年度) 目標 30 / 実績 26 (令和2年度 (2020年度)の評価書)",
        "FY2019 (Reiwa 1) target 30 / actual 26 (report of FY2020 (Reiwa 2))",
    ]
