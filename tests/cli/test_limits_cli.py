"""The limits on input on the command line: a hostile file is one line ``hyoka: error: …`` (in Japanese,
or English with ``--lang en`` / ``HYOKA_LANG=en``) and exit 2, never an internal error (exit 3);
``-o`` writes into special files instead of replacing them."""

from __future__ import annotations

import json
import os
import stat
import threading
from pathlib import Path

import pytest

from hostile_files import DEEP, xfd_workbook
from hyoka.importers import ImportResult

from .helpers import hyoka, one_line


def test_json_nested_100000_deep_is_one_line_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_bytes(DEEP)
    done = hyoka("import", path)
    assert done.returncode == 2, done.stderr
    assert (
        one_line(done.stderr) == f"hyoka: error: {path}: JSON の入れ子が深すぎます（100,000 段、上限 64 段）"
    )
    assert done.stdout == ""
    english = hyoka("check", path, "--lang", "en")
    assert english.returncode == 2
    assert (
        one_line(english.stderr) == f"hyoka: error: {path}: JSON nested too deeply (100,000 levels, limit 64)"
    )


def test_a_window_of_60000_years_is_one_line_and_exit_2(tmp_path: Path, sample_result: ImportResult) -> None:
    data = json.loads(sample_result.report.model_dump_json())
    data["window"] = [2019] * 60_000
    path = tmp_path / "window.json"
    path.write_text(json.dumps(data))
    done = hyoka("import", path)
    assert (done.returncode, one_line(done.stderr)) == (
        2,
        f"hyoka: error: {path}: /window の要素が多すぎます（60,000 個、上限 50 個）",
    )
    english = hyoka("import", path, env={"HYOKA_LANG": "en"})
    assert (english.returncode, one_line(english.stderr)) == (
        2,
        f"hyoka: error: {path}: too many entries in /window (60,000, limit 50)",
    )


def test_a_cell_in_column_xfd_on_200000_rows_is_one_line_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "xfd.xlsx"
    path.write_bytes(xfd_workbook(200_000))
    done = hyoka("import", path)
    assert (done.returncode, one_line(done.stderr)) == (
        2,
        f"hyoka: error: {path}: Excel（xlsx）の xl/worksheets/sheet1.xml の行が多すぎます（上限 20,000 行）",
    )
    wide = tmp_path / "wide.xlsx"
    wide.write_bytes(xfd_workbook(1))
    english = hyoka("render", wide, "--to", "html", "--lang", "en")
    assert (english.returncode, one_line(english.stderr)) == (
        2,
        f"hyoka: error: {wide}: too many columns in sheet '評価書' (16,384, limit 256)",
    )


def test_several_files_report_each_limit_and_go_on(tmp_path: Path, sample_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_bytes(DEEP)
    out = tmp_path / "out"
    done = hyoka("import", deep, sample_path, "-o", out)
    assert done.returncode == 2
    assert (
        f"hyoka: error: {deep}: JSON の入れ子が深すぎます（100,000 段、上限 64 段）"
        in done.stderr.splitlines()
    )
    assert sorted(p.name for p in out.iterdir()) == [f"{sample_path.stem}.json"]


def test_output_into_a_fifo(tmp_path: Path, sample_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def reader() -> None:
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    thread = threading.Thread(target=reader, daemon=True)  # never left blocked on the FIFO
    thread.start()
    done = hyoka("import", sample_path, "-o", fifo)
    thread.join(30)
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(received[0])["measure_number"] == "I-2"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="the device node is made as root")
def test_output_into_a_device_leaves_the_device(tmp_path: Path, sample_path: Path) -> None:
    device = tmp_path / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    done = hyoka("import", sample_path, "-o", device)
    assert (done.returncode, done.stderr) == (0, "")
    assert stat.S_ISCHR(os.lstat(device).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]
