"""``hyoka import DIR --into DATABASE`` end to end: the real command (and its Django child and
worker processes) on a temporary SQLite data directory — progress and summary text, exit codes,
and a run killed or interrupted half way that the next run completes without duplicates."""

from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hyoka.cli.main import app
from hyoka.importers import import_bytes

from .helpers import hyoka

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "mofa-r2-I-2-hokubei.txt"
HEADING = "施策 I - 2 北米地域外交"
WAIT_SECONDS = 120


def reports(directory: Path, count: int) -> Path:
    """``count`` reports as PDF-extracted text: the sample as the report of measures I-1, I-2, …"""
    directory.mkdir(parents=True, exist_ok=True)
    text = SAMPLE.read_text(encoding="utf-8")
    for number in range(1, count + 1):
        other = text.replace(HEADING, f"施策 I - {number} 北米地域外交")
        (directory / f"I-{number:03d}.txt").write_bytes(other.encode("utf-8"))
    return directory


def json_reports(directory: Path, count: int) -> Path:
    """The same as hyoka JSON (quicker to read: the resume test needs many)."""
    directory.mkdir(parents=True, exist_ok=True)
    model = import_bytes(SAMPLE.read_bytes(), name=SAMPLE.name).report
    for number in range(1, count + 1):
        other = model.model_copy(update={"measure_number": f"I-{number}"})
        (directory / f"I-{number:03d}.json").write_text(other.model_dump_json(), encoding="utf-8")
    return directory


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated data directory, copied for each test (migrating takes seconds)."""
    data = tmp_path_factory.mktemp("migrated")
    done = hyoka("migrate", env={"HYOKA_DATA_DIR": str(data)})
    assert done.returncode == 0, done.stderr
    return data


@pytest.fixture
def data_dir(migrated: Path, tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(migrated, target)
    return target


def query(data: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(f"file:{data / 'hyoka.sqlite3'}?mode=ro", uri=True, timeout=30) as db:
        return db.execute(sql).fetchall()


def count(data: Path, table: str) -> int:
    value = query(data, f"SELECT COUNT(*) FROM {table}")[0][0]
    assert isinstance(value, int)
    return value


SUMMARY_JA = re.compile(
    r"(\d+) 件: 保存 (\d+) 件、既に取り込み済み (\d+) 件、失敗 (\d+) 件（[\d.]+ 秒、[\d.]+ 件/秒）。"
    r"データベース: (.+)"
)


def test_import_into_a_data_directory_then_again(data_dir: Path, tmp_path: Path) -> None:
    inbox = reports(tmp_path / "in", 3)
    (inbox / "sub").mkdir()
    (inbox / "sub" / "memo.txt").write_text("これは評価書ではありません。\n", encoding="utf-8")
    (inbox / "manifest.json").write_text("{}", encoding="utf-8")

    first = hyoka("import", inbox, "--into", data_dir)
    assert first.returncode == 1, first.stderr
    lines = first.stderr.splitlines()
    assert lines[:-1] == [
        "取り込み中: 1/4 件（保存 1、取り込み済み 0、失敗 0）",
        "取り込み中: 2/4 件（保存 2、取り込み済み 0、失敗 0）",
        "取り込み中: 3/4 件（保存 3、取り込み済み 0、失敗 0）",
        "hyoka: error: sub/memo.txt: 評価書として読み込めません: "
        "評価書・政策評価調書・事前分析表として読める部分がありません（どのレイアウトの見出しも見つかりません）",
        "取り込み中: 4/4 件（保存 3、取り込み済み 0、失敗 1）",
    ]
    summary = SUMMARY_JA.fullmatch(lines[-1])
    assert summary is not None, lines[-1]
    assert summary.groups() == ("4", "3", "0", "1", str(data_dir.resolve() / "hyoka.sqlite3"))
    assert first.stdout == ""
    assert query(data_dir, "SELECT measure_number, status FROM reports_report ORDER BY measure_number") == [
        ("I-1", "draft"),
        ("I-2", "draft"),
        ("I-3", "draft"),
    ]
    assert query(data_dir, "SELECT DISTINCT reason FROM reports_revision ORDER BY reason") == [
        ("一括取り込み: I-001.txt",),
        ("一括取り込み: I-002.txt",),
        ("一括取り込み: I-003.txt",),
    ]
    assert query(
        data_dir, "SELECT DISTINCT u.username FROM reports_revision r JOIN auth_user u ON u.id = r.author_id"
    ) == [("hyoka-import",)]

    (inbox / "sub" / "memo.txt").unlink()
    again = hyoka("import", inbox, "--into", data_dir, "--lang", "en")
    assert again.returncode == 0, again.stderr
    last = again.stderr.splitlines()[-1]
    assert re.fullmatch(
        r"3 file\(s\): 0 stored, 3 already imported, 0 failed \([\d.]+ s, [\d.]+ files/s\); database: .+",
        last,
    ), last
    assert count(data_dir, "reports_report") == count(data_dir, "reports_importedfile") == 3


def test_usage_errors_the_command_finds_itself(data_dir: Path, tmp_path: Path) -> None:
    inbox = reports(tmp_path / "in", 1)
    empty = tmp_path / "empty"
    empty.mkdir()
    cases = [
        (
            ["import", str(inbox), "--into", str(tmp_path / "nowhere")],
            f"hyoka: error: {tmp_path / 'nowhere'} はデータディレクトリではありません"
            "（データベースの URL か、hyoka migrate を実行したディレクトリを指定してください）",
        ),
        (
            ["import", str(inbox), "--into", str(empty)],
            f"hyoka: error: データベース {empty.resolve() / 'hyoka.sqlite3'} がありません。"
            "先に `hyoka migrate` を実行してください",
        ),
        (
            ["import", str(inbox), "--into", "mysql://db/hyoka"],
            "hyoka: error: データベースの URL mysql://db/hyoka には対応していません"
            "（sqlite:/// または postgresql://）",
        ),
        (["import", str(inbox), "--publish"], "hyoka: error: --publish は --into と一緒に使います"),
        (
            ["import", str(inbox), "--into", str(data_dir), "-o", str(tmp_path / "out")],
            "hyoka: error: --into は -o/--output、--issues、--format と一緒には使えません",
        ),
    ]
    for args, message in cases:
        done = CliRunner().invoke(app, args, env={"HYOKA_LANG": "ja"})
        assert (done.exit_code, done.stderr) == (2, message + "\n"), args
    assert not (empty / "hyoka.sqlite3").exists()  # nothing created an empty database
    assert not (tmp_path / "out").exists()


def test_usage_errors_the_import_finds(data_dir: Path, tmp_path: Path) -> None:
    inbox = reports(tmp_path / "in", 1)
    empty = tmp_path / "empty"
    empty.mkdir()
    no_files = hyoka("import", empty, "--into", data_dir)
    assert (no_files.returncode, no_files.stderr) == (
        2,
        "hyoka: error: 取り込むファイルがありません（.txt、.pdf、.xlsx、.json）\n",
    )
    nobody = hyoka("import", inbox, "--into", data_dir, "--user", "nobody", "--lang", "en")
    assert (nobody.returncode, nobody.stderr) == (
        2,
        "hyoka: error: no user named nobody (create one with hyoka users create)\n",
    )
    (empty / "hyoka.sqlite3").write_bytes(b"")  # a database that was never migrated
    unmigrated = hyoka("import", inbox, "--into", f"sqlite:///{empty / 'hyoka.sqlite3'}")
    assert (unmigrated.returncode, unmigrated.stderr) == (
        2,
        "hyoka: error: データベースのマイグレーションが済んでいません。"
        "先に `hyoka migrate` を実行してください\n",
    )
    assert count(data_dir, "reports_report") == 0


def test_publish_stores_published_reports_and_the_workers_render_their_pages(
    data_dir: Path, tmp_path: Path
) -> None:
    inbox = json_reports(tmp_path / "in", 12)
    done = hyoka("import", inbox, "--into", data_dir, "--publish", "--jobs", "2")
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert "公開ページを作成中: 12/12 件の評価書" in lines
    assert lines[-1] == "公開ページ 24 件を作成しました"
    statuses = "SELECT status, COUNT(*) FROM reports_report GROUP BY status"
    assert query(data_dir, statuses) == [("published", 12)]
    assert query(data_dir, "SELECT page, lang, COUNT(*) FROM reports_publicpage GROUP BY page, lang") == [
        ("detail", "en", 12),
        ("detail", "ja", 12),
    ]
    assert query(
        data_dir,
        "SELECT t.action, u.username, COUNT(*) FROM reports_transition t "
        "JOIN auth_user u ON u.id = t.actor_id GROUP BY t.action, u.username ORDER BY t.action",
    ) == [("approve", "hyoka-import", 12), ("publish", "hyoka-import", 12), ("submit", "hyoka-import", 12)]


def _start(inbox: Path, data: Path) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"HYOKA_LANG", "HYOKA_DEBUG"}}
    return subprocess.Popen(
        [sys.executable, "-m", "hyoka.cli", "import", str(inbox), "--into", str(data), "--jobs", "2"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        start_new_session=True,
    )


def _wait_for_more_than(data: Path, stored: int, process: subprocess.Popen[str]) -> int:
    """Poll the database until more than ``stored`` files are committed (the run still going)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        now = count(data, "reports_importedfile")
        if now > stored:
            return now
        assert process.poll() is None, process.communicate()
        time.sleep(0.01)
    raise AssertionError("no file was committed in time")


def _consistent(data: Path) -> int:
    """Every stored report is whole: one revision, one ImportedFile, its projections; no duplicate."""
    reports_ = count(data, "reports_report")
    assert count(data, "reports_revision") == count(data, "reports_importedfile") == reports_
    assert count(data, "reports_searchtext") == reports_
    assert query(data, "SELECT COUNT(DISTINCT report_id) FROM reports_indicatorfact")[0][0] == reports_
    assert query(data, "SELECT COUNT(DISTINCT measure_number) FROM reports_report")[0][0] == reports_
    return reports_


def test_a_run_interrupted_or_killed_half_way_is_completed_by_the_next(
    data_dir: Path, tmp_path: Path
) -> None:
    total = 80
    inbox = json_reports(tmp_path / "in", total)

    # Ctrl-C (SIGINT to the command): the child commits what is ready, says so, exits 130
    first = _start(inbox, data_dir)
    _wait_for_more_than(data_dir, 0, first)
    first.send_signal(signal.SIGINT)
    _, stderr = first.communicate(timeout=WAIT_SECONDS)
    assert first.returncode == 130, stderr
    assert "中断しました: 80 件中 保存 " in stderr.splitlines()[-1]
    assert "同じコマンドをもう一度実行すると続きから取り込みます" in stderr.splitlines()[-1]
    after_interrupt = _consistent(data_dir)
    assert 0 < after_interrupt < total

    # SIGKILL of the whole process group: no clean-up at all; the open batch is lost, nothing else
    second = _start(inbox, data_dir)
    _wait_for_more_than(data_dir, after_interrupt, second)
    os.killpg(second.pid, signal.SIGKILL)
    second.communicate(timeout=WAIT_SECONDS)
    after_kill = _consistent(data_dir)
    assert after_interrupt < after_kill <= total

    third = hyoka("import", inbox, "--into", data_dir)
    assert third.returncode == 0, third.stderr
    summary = SUMMARY_JA.fullmatch(third.stderr.splitlines()[-1])
    assert summary is not None
    assert summary.groups()[:4] == (str(total), str(total - after_kill), str(after_kill), "0")
    assert _consistent(data_dir) == total
