"""The bulk import's messages go through the one catalog: the Japanese is the msgid, the English
the catalog's, and a person sees the one of their language (``hyoka bulk-import --lang``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hyoka.web.reports.bulk import BulkError, BulkImport, Problem, SourceFile, find_files, resolve_user

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "mofa-r2-I-2-hokubei.txt"


def test_an_unknown_user_is_named_in_either_language() -> None:
    with pytest.raises(BulkError) as missing:
        resolve_user("nobody")
    assert (missing.value.code, missing.value.message, missing.value.message_en) == (
        "unknown_user",
        "利用者 nobody はいません（hyoka users create で作成してください）",
        "no user named nobody (create one with hyoka users create)",
    )
    assert str(missing.value) == missing.value.message_en


def test_a_missing_path_is_named_in_either_language(tmp_path: Path) -> None:
    with pytest.raises(BulkError) as missing:
        find_files([tmp_path / "nope"])
    assert (missing.value.message, missing.value.message_en) == (
        f"{tmp_path / 'nope'}: ファイルもディレクトリもありません",
        f"{tmp_path / 'nope'}: no such file or directory",
    )


def test_a_file_stored_twice_in_one_run_is_skipped_with_both_texts(tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_bytes(SAMPLE.read_bytes())
    second.write_bytes(SAMPLE.read_bytes())
    files = [SourceFile(str(first), "a.txt"), SourceFile(str(second), "b.txt")]
    events = []
    BulkImport(files, user=resolve_user(None), jobs=1, on_event=events.append).run()
    copy, stored = events  # a copy is skipped before any file is read
    assert (copy.name, stored.name) == ("b.txt", "a.txt")
    assert stored.problem is None
    assert copy.problem == Problem("a.txt と同じ内容です", "the same contents as a.txt")
    again: list = []
    BulkImport(files[:1], user=resolve_user(None), jobs=1, on_event=again.append).run()
    assert again[0].problem == Problem(
        f"既に取り込み済み（報告書 {stored.report_id}）", f"already imported (report {stored.report_id})"
    )
    assert again[0].to_json()["message_en"] == f"already imported (report {stored.report_id})"


def test_a_problem_is_made_from_the_catalog() -> None:
    assert Problem.of("データベースに保存できません: {detail}", detail="disk full") == Problem(
        "データベースに保存できません: disk full", "cannot be stored: disk full"
    )
