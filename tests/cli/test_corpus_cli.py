"""hyoka corpus generate: files and manifest, the summary line, errors with exit status 2."""

from __future__ import annotations

import json
from pathlib import Path

from hyoka.importers import import_bytes

from .helpers import hyoka, one_line


def test_generate_text(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    result = hyoka("corpus", "generate", "--reports", "5", "--seed", "3", "--plant", "H2=0.4", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    files = [f["file"] for f in manifest["files"]]
    assert sorted(p.name for p in out.iterdir()) == sorted(["manifest.json", *files])
    assert all(name.endswith(".txt") for name in files)
    assert manifest["counts"]["planted"] == {"H1": 0, "H2": 2, "H3": 0, "H4": 0, "H5": 0}
    counts = manifest["counts"]
    assert one_line(result.stderr) == (
        f"5 件の評価書を {out} に書き出しました(府省 {counts['ministries']}、施策 {counts['measures']}、"
        "text 形式)。"
        f"埋め込んだ誤り: H1 0, H2 2, H3 0, H4 0, H5 0。一覧: {out / 'manifest.json'}"
    )
    first = out / files[0]
    imported = import_bytes(first.read_bytes(), name=first.name)
    assert imported.source_format == "text"
    assert imported.report.measure_number == manifest["files"][0]["measure"]


def test_generate_json_in_english(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    result = hyoka(
        "corpus", "generate", "--reports", "3", "--format", "json", "--plant", "none", "--lang", "en", out
    )
    assert result.returncode == 0, result.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["seed"] == 0 and manifest["format"] == "json"
    assert one_line(result.stderr).startswith(f"wrote 3 report(s) to {out} (")
    assert one_line(result.stderr).endswith(
        f"json); planted errors: H1 0, H2 0, H3 0, H4 0, H5 0; list: {out / 'manifest.json'}"
    )


def test_output_not_empty(tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_text("x", encoding="utf-8")
    result = hyoka("corpus", "generate", "--reports", "2", tmp_path, env={"HYOKA_LANG": "en"})
    assert result.returncode == 2
    assert one_line(result.stderr) == (
        f"hyoka: error: {tmp_path}: the output directory is not empty (give a new or empty directory)"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.txt"]


def test_bad_plant(tmp_path: Path) -> None:
    result = hyoka("corpus", "generate", "--plant", "H2=2", "--lang", "en", tmp_path / "c")
    assert result.returncode == 2
    assert one_line(result.stderr) == "hyoka: error: --plant H2=2: the rate of H2 must be from 0 to 1, not 2"
    assert not (tmp_path / "c").exists()


def test_reports_must_be_positive(tmp_path: Path) -> None:
    result = hyoka("corpus", "generate", "--reports", "0", tmp_path / "c")
    assert result.returncode == 2
    assert "--reports" in result.stderr
    assert not (tmp_path / "c").exists()
