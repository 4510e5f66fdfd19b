"""``-o`` the same way in every command (``hyoka.services.files.output_target``): a path ending in
``/`` or an existing directory is a directory, created if missing, and the file goes in under its
default name; any other path is the file itself (an existing special file such as /dev/null is
written into, a regular file replaced atomically: tests/cli/test_limits_cli.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from hyoka.services import render_file
from hyoka.services.files import names_directory, output_file, output_target

from .helpers import hyoka, one_line

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "mofa-r2-I-2-hokubei.txt"
NAME = "外務省_1-I-2_R2"


def test_the_readme_example_writes_into_a_new_directory_and_reads_back(tmp_path: Path) -> None:
    """README "Publishing": ``hyoka render … --to pdf -o out/`` then ``hyoka import out/<name>.pdf``."""
    done = hyoka("render", SAMPLE, "--to", "pdf", "-o", "out/", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert one_line(done.stderr) == f"out/{NAME}.pdf に書き出しました"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"{NAME}.pdf"]
    again = hyoka("import", f"out/{NAME}.pdf", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["measure_number"] == "I-2"


@pytest.mark.parametrize(("fmt", "suffix"), [("html", "html"), ("xlsx", "xlsx"), ("json", "json")])
def test_render_into_a_missing_nested_directory(tmp_path: Path, fmt: str, suffix: str) -> None:
    out = tmp_path / "a" / "b"
    done = hyoka("render", SAMPLE, "--to", fmt, "-o", f"{out}/")
    assert done.returncode == 0, done.stderr
    assert [p.name for p in out.iterdir()] == [f"{NAME}.{suffix}"]


def test_render_csv_into_a_directory_named_like_a_zip(tmp_path: Path) -> None:
    out = tmp_path / "tables.zip"
    done = hyoka("render", SAMPLE, "--to", "csv", "-o", f"{out}/")
    assert done.returncode == 0, done.stderr
    assert out.is_dir()
    tables = render_file(SAMPLE, "csv").data
    assert isinstance(tables, dict) and "indicators.csv" in tables
    assert sorted(p.name for p in out.iterdir()) == sorted(tables)


def test_render_without_to_into_a_directory_asks_for_the_format(tmp_path: Path) -> None:
    done = hyoka("render", SAMPLE, "-o", f"{tmp_path}/new/", "--lang", "en")
    assert (done.returncode, done.stdout) == (2, "")
    assert one_line(done.stderr) == "hyoka: error: give the output format: --to html|pdf|xlsx|csv|json|text"


def test_import_one_file_into_a_missing_directory(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    done = hyoka("import", SAMPLE, "-o", f"{out}/")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert json.loads((out / f"{SAMPLE.stem}.json").read_text(encoding="utf-8"))["measure_number"] == "I-2"


def test_import_to_a_file_whose_directory_is_missing_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "missing" / "x.json"
    done = hyoka("import", SAMPLE, "-o", out)
    assert done.returncode == 2
    assert one_line(done.stderr) == f"hyoka: error: {out}: 書き込めません: ファイルがありません"
    assert not (tmp_path / "missing").exists()


def test_next_cycle_into_a_missing_directory(tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    done = hyoka("next-cycle", SAMPLE, "-o", f"{out}/")
    assert done.returncode == 0, done.stderr
    assert [p.name for p in out.iterdir()] == [f"{SAMPLE.stem}-next.json"]


def test_a_directory_that_cannot_be_made_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    done = hyoka("import", SAMPLE, "-o", f"{blocker}/sub/", "--lang", "en")
    assert (done.returncode, done.stdout) == (2, "")
    assert one_line(done.stderr).startswith(f"hyoka: error: {blocker}/sub: cannot create the directory: ")


def test_dev_null_is_written_into_not_replaced() -> None:
    before = os.lstat("/dev/null")
    done = hyoka("import", SAMPLE, "-o", "/dev/null")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    after = os.lstat("/dev/null")
    assert (after.st_ino, after.st_mode, after.st_rdev) == (before.st_ino, before.st_mode, before.st_rdev)


def test_the_helper(tmp_path: Path) -> None:
    existing = tmp_path / "there"
    existing.mkdir()
    assert names_directory(f"{tmp_path}/new/") and names_directory(existing)
    assert not names_directory(tmp_path / "new") and not names_directory("/dev/null")
    assert output_file(existing, "r.json") == existing / "r.json"
    assert output_file(f"{tmp_path}/made/", "r.json") == tmp_path / "made" / "r.json"
    assert (tmp_path / "made").is_dir()
    assert output_file(tmp_path / "f.json", "r.json") == tmp_path / "f.json"
    assert output_target(f"{tmp_path}/x/y/") == tmp_path / "x" / "y"
    assert (tmp_path / "x" / "y").is_dir()
    assert not (tmp_path / "f.json").exists()
