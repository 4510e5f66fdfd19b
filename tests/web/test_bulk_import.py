"""The bulk import's storage side (``hyoka.web.reports.bulk``) on the real database: a bulk-imported
report is stored with the same rows as a web upload of the file, a second run skips what the first
stored, a failing file is reported and skipped, an interrupted run resumes, and ``publish`` makes the
reports public. The command line end to end is ``tests/cli/test_bulk_cli.py``."""

from __future__ import annotations

import hashlib
import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.test import Client

from hyoka.core import EvaluationReport
from hyoka.web.auth import create_token
from hyoka.web.reports import bulk
from hyoka.web.reports.bulk import (
    SYSTEM_USER,
    BulkError,
    BulkImport,
    FileEvent,
    Outcome,
    find_files,
    resolve_user,
)
from hyoka.web.reports.models import (
    BudgetFact,
    FindingFact,
    ImportedFile,
    IndicatorFact,
    PublicPage,
    PublishedSearchText,
    Report,
    Revision,
    SearchText,
    Transition,
)
from hyoka.web.reports.search import search_reports

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "mofa-r2-I-2-hokubei.txt"
HEADING = "施策 I - 2 北米地域外交"


def sample_as(measure: str) -> bytes:
    """The sample with another measure number (施策 I - 2 → 施策 <measure>): another report."""
    text = SAMPLE.read_text(encoding="utf-8")
    assert text.count(HEADING) == 1
    return text.replace(HEADING, f"施策 {measure.replace('-', ' - ')} 北米地域外交").encode("utf-8")


def write(directory: Path, name: str, data: bytes) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


class Run:
    """A BulkImport over ``root`` that keeps the events it reported."""

    def __init__(self, root: Path, user: Any, **options: Any) -> None:
        self.events: list[FileEvent] = []
        options.setdefault("jobs", 1)
        self.bulk = BulkImport(find_files([root]), user=user, on_event=self.events.append, **options)

    def run(self) -> Any:
        return self.bulk.run()

    def outcomes(self) -> list[tuple[str, str]]:
        return [(e.name, e.outcome.value) for e in self.events]


def rows(report: Report) -> dict[str, Any]:
    """What is stored for one report, without ids and times."""
    revision = Revision.objects.get(report=report)
    fts: list[tuple[str, ...]] = []
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT text, report_id FROM reports_search_fts WHERE rowid = %s", [report.pk])
            fts = [tuple(row) for row in cursor.fetchall()]
    return {
        "report": (
            report.ministry.name,
            report.bureau.name if report.bureau else None,
            report.measure_number,
            report.evaluation_year,
            report.title,
            report.judgment,
            report.status,
            report.current_revision_id == revision.pk,
        ),
        "revision": (revision.number, revision.author.username if revision.author else None, revision.data),
        "indicators": list(
            IndicatorFact.objects.filter(report=report)
            .order_by("pk")
            .values_list(
                "indicator_id",
                "name",
                "is_main",
                "kind",
                "direction",
                "fiscal_year",
                "series",
                "target",
                "actual",
                "recorded_grade",
                "proposed_grade",
            )
        ),
        "budget": list(
            BudgetFact.objects.filter(report=report)
            .order_by("pk")
            .values_list("fiscal_year", "initial", "total", "executed")
        ),
        "findings": list(
            FindingFact.objects.filter(report=report)
            .order_by("pk")
            .values_list("code", "severity", "location", "message", "message_en")
        ),
        "search": (
            SearchText.objects.get(report=report).text,
            PublishedSearchText.objects.filter(report=report).values_list("text", flat=True).first() or "",
        ),
        "fts": [(text, int(report_id) - report.pk) for text, report_id in fts],
    }


class _Undo(Exception):
    pass


def test_a_bulk_imported_report_is_stored_as_a_web_upload_stores_it(
    tmp_path: Path, people: dict[str, Any]
) -> None:
    data = SAMPLE.read_bytes()
    editor = people["editor"]
    try:
        with transaction.atomic():
            stream = io.BytesIO(data)
            stream.name = SAMPLE.name
            response = Client().post(
                "/api/reports/import",
                {"file": stream},
                headers={"Authorization": f"Bearer {create_token(editor)}"},
            )
            assert response.status_code == 201, response.content
            uploaded = Report.objects.get(pk=response.json()["id"])
            web = rows(uploaded)
            web_reason = Revision.objects.get(report=uploaded).reason
            raise _Undo
    except _Undo:
        pass
    assert not Report.objects.exists()

    write(tmp_path, SAMPLE.name, data)
    run = Run(tmp_path, editor)
    summary = run.run()
    assert (summary.total, summary.stored, summary.skipped, summary.failed) == (1, 1, 0, 0)
    bulk = Report.objects.get()
    assert rows(bulk) == web
    assert (web_reason, Revision.objects.get(report=bulk).reason) == (
        f"取込: {SAMPLE.name}",
        f"一括取り込み: {SAMPLE.name}",
    )
    # the rows themselves: the sample's budget years, its import findings (H904: two years read in
    # the document's era) before the rules' findings, and its indicators
    assert rows(bulk)["budget"][0] == (2017, Decimal("370"), Decimal("370"), Decimal("326"))
    assert [f[0] for f in rows(bulk)["findings"]][:2] == ["H904", "H904"]
    assert len(rows(bulk)["indicators"]) == len(web["indicators"]) > 0
    imported = ImportedFile.objects.get()
    assert (imported.digest, imported.path, imported.report_id) == (
        hashlib.sha256(data).hexdigest(),
        str((tmp_path / SAMPLE.name).resolve()),
        bulk.pk,
    )
    assert [r.pk for r in search_reports("日米首脳会談", Report.objects.all())] == [bulk.pk]


def test_a_second_run_skips_what_the_first_stored(tmp_path: Path, people: dict[str, Any]) -> None:
    for number in (1, 3, 4):
        write(tmp_path, f"I-{number}.txt", sample_as(f"I-{number}"))
    first = Run(tmp_path, people["editor"])
    assert (first.run().stored, first.outcomes()) == (
        3,
        [("I-1.txt", "stored"), ("I-3.txt", "stored"), ("I-4.txt", "stored")],
    )
    write(tmp_path, "more/II-1.txt", sample_as("II-1"))
    # jobs=2 inside the test's transaction: no pool (on PostgreSQL, forking closes the connection)
    second = Run(tmp_path, people["editor"], jobs=2)
    summary = second.run()
    assert (summary.total, summary.stored, summary.skipped, summary.failed) == (4, 1, 3, 0)
    assert second.outcomes() == [
        ("I-1.txt", "skipped"),
        ("I-3.txt", "skipped"),
        ("I-4.txt", "skipped"),
        ("more/II-1.txt", "stored"),
    ]
    skipped = second.events[0]
    assert skipped.problem is not None and skipped.report_id is not None
    assert skipped.problem.message == f"既に取り込み済み（報告書 {skipped.report_id}）"
    assert sorted(Report.objects.values_list("measure_number", flat=True)) == ["I-1", "I-3", "I-4", "II-1"]
    assert ImportedFile.objects.count() == Revision.objects.count() == 4


def test_failing_files_are_reported_and_skipped_and_the_batch_goes_on(
    tmp_path: Path, people: dict[str, Any], sample_model: EvaluationReport
) -> None:
    write(tmp_path, "a-good.txt", sample_as("I-1"))
    write(tmp_path, "b-empty.txt", b"   \n")
    write(tmp_path, "c-broken.json", b'{"ministry": ')
    write(tmp_path, "d-letter.txt", "拝啓 お世話になっております。".encode())
    write(tmp_path, "e-same-report.txt", sample_as("I-1") + b"\n")  # other bytes, the same report
    write(tmp_path, "f-copy.txt", sample_as("I-1"))  # the same bytes as a-good.txt
    long_title = sample_model.model_copy(update={"measure_number": "I-9", "title": "北米" * 151})
    write(tmp_path, "g-long-title.json", long_title.model_dump_json().encode("utf-8"))
    long_id = sample_model.model_copy(update={"measure_number": "I-8"}, deep=True)
    long_id.areas[0].indicators[0].id = "1-" + "1234567890" * 6 + "123"
    write(tmp_path, "g-long-indicator-id.json", long_id.model_dump_json().encode("utf-8"))
    write(tmp_path, "h-good.txt", sample_as("I-7"))
    run = Run(tmp_path, people["editor"])
    summary = run.run()
    assert (summary.total, summary.stored, summary.skipped, summary.failed) == (9, 2, 1, 6)
    assert sorted(run.outcomes()) == [
        ("a-good.txt", "stored"),
        ("b-empty.txt", "failed"),
        ("c-broken.json", "failed"),
        ("d-letter.txt", "failed"),
        ("e-same-report.txt", "failed"),
        ("f-copy.txt", "skipped"),
        ("g-long-indicator-id.json", "failed"),
        ("g-long-title.json", "failed"),
        ("h-good.txt", "stored"),
    ]
    messages = {e.name: (e.problem.message, e.problem.message_en) for e in run.events if e.problem}
    assert messages["b-empty.txt"] == (
        "評価書として読み込めません: ファイルが空です",
        "not an evaluation report: the file is empty",
    )
    assert messages["c-broken.json"][1].startswith("not an evaluation report: invalid JSON at line 1")
    assert messages["e-same-report.txt"] == (
        "a-good.txt と同じ府省・施策番号・評価年度・種類の文書です",
        "a document of the same ministry, measure, year and kind as a-good.txt",
    )
    assert messages["f-copy.txt"] == ("a-good.txt と同じ内容です", "the same contents as a-good.txt")
    assert messages["g-long-title.json"] == (
        f"施策名が長すぎます（{'北米' * 10}…: 302 文字、上限 300 文字）",
        f"the measure title is too long ({'北米' * 10}…: 302 characters, at most 300)",
    )
    assert messages["g-long-indicator-id.json"] == (
        "測定指標の番号が長すぎます（1-123456789012345678…: 65 文字、上限 64 文字）",
        "the indicator number is too long (1-123456789012345678…: 65 characters, at most 64)",
    )
    assert sorted(Report.objects.values_list("measure_number", flat=True)) == ["I-1", "I-7"]

    # in a later run, a report already in the database is named by its id
    again = Run(tmp_path, people["editor"])
    again.run()
    stored_id = Report.objects.get(measure_number="I-1").pk
    same = next(e for e in again.events if e.name == "e-same-report.txt")
    assert (same.outcome, same.report_id) == (Outcome.FAILED, stored_id)
    assert same.problem is not None
    assert same.problem.message == (
        f"同じ府省・施策番号・評価年度・種類の文書が既にあります（報告書 {stored_id}）。"
        "修正は画面から新しい版として保存してください"
    )


def test_an_interrupted_run_keeps_what_it_committed_and_the_next_run_does_the_rest(
    tmp_path: Path, people: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(1, 6):
        write(tmp_path, f"I-{number}.txt", sample_as(f"I-{number}"))
    monkeypatch.setattr(bulk, "BATCH_FILES", 1)  # a commit per file, so that the stop falls between two
    committed: list[FileEvent] = []
    run = BulkImport(
        find_files([tmp_path]),
        user=people["editor"],
        jobs=1,
        on_event=committed.append,
        should_stop=lambda: len(committed) >= 2,  # as a signal would, after two files
    )
    summary = run.run()
    assert (summary.total, summary.stored, summary.interrupted) == (5, 2, True)
    assert sorted(Report.objects.values_list("measure_number", flat=True)) == ["I-1", "I-2"]

    rest = Run(tmp_path, people["editor"])
    summary = rest.run()
    assert (summary.stored, summary.skipped, summary.interrupted) == (3, 2, False)
    assert sorted(Report.objects.values_list("measure_number", flat=True)) == [
        "I-1",
        "I-2",
        "I-3",
        "I-4",
        "I-5",
    ]
    assert ImportedFile.objects.count() == 5


def test_publish_stores_them_as_published_reports_with_their_public_pages(
    tmp_path: Path, people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    write(tmp_path, "I-1.txt", sample_as("I-1"))
    write(tmp_path, "I-5.txt", sample_as("I-5"))
    user = resolve_user(None)
    pages: list[tuple[int, int]] = []
    with django_capture_on_commit_callbacks() as callbacks:
        summary = BulkImport(
            find_files([tmp_path]), user=user, jobs=1, publish=True, on_pages=lambda *p: pages.append(p)
        ).run()
    assert (summary.stored, summary.pages, pages, callbacks) == (2, 4, [(2, 2)], [])  # rendered by the run
    for report in Report.objects.order_by("measure_number"):
        assert (report.status, report.published_revision_id, report.published_title) == (
            "published",
            report.current_revision_id,
            "北米地域外交",
        )
        assert list(
            Transition.objects.filter(report=report).values_list(
                "action", "from_status", "to_status", "actor"
            )
        ) == [
            ("submit", "draft", "submitted", user.pk),
            ("approve", "submitted", "approved", user.pk),
            ("publish", "approved", "published", user.pk),
        ]
        assert sorted(PublicPage.objects.filter(report=report).values_list("page", "lang")) == [
            ("detail", "en"),
            ("detail", "ja"),
        ]
        text = SearchText.objects.get(report=report)
        assert PublishedSearchText.objects.get(report=report).text == text.text != ""
        page = Client().get(f"/reports/{report.pk}/")
        assert page.status_code == 200
        assert "北米地域外交" in page.content.decode("utf-8")
    public = search_reports("日米首脳会談", Report.objects.all(), published=True)
    assert sorted(r.measure_number for r in public) == ["I-1", "I-5"]


def test_the_author_is_the_named_user_or_the_system_account(people: dict[str, Any]) -> None:
    assert resolve_user("reviewer") == people["reviewer"]
    with pytest.raises(BulkError) as missing:
        resolve_user("nobody")
    assert (missing.value.code, missing.value.message) == (
        "unknown_user",
        "利用者 nobody はいません（hyoka users create で作成してください）",
    )
    system = resolve_user(None)
    assert (system.username, system.has_usable_password(), hasattr(system, "membership")) == (
        SYSTEM_USER,
        False,
        False,
    )
    assert resolve_user(None) == system
    assert User.objects.filter(username=SYSTEM_USER).count() == 1


def test_find_files_walks_directories_and_takes_named_files_as_they_are(tmp_path: Path) -> None:
    for name in (
        "a.txt",
        "b.PDF",
        "c.xlsx",
        "manifest.json",
        "notes.md",
        ".hidden.txt",
        ".git/x.json",
        "y/2020/z.json",
        "y/readme",
    ):
        write(tmp_path, name, b"x")
    named = write(tmp_path / "elsewhere", "report.data", b"x")
    found = find_files([tmp_path / "y", tmp_path, named, tmp_path / "a.txt"])
    assert [f.name for f in found] == ["2020/z.json", "a.txt", "b.PDF", "c.xlsx", str(named)]
    assert found[0].path == str((tmp_path / "y/2020/z.json").resolve())
    with pytest.raises(BulkError) as missing:
        find_files([tmp_path / "nope"])
    assert missing.value.message_en == f"{tmp_path / 'nope'}: no such file or directory"
    assert re.fullmatch(r".*: ファイルもディレクトリもありません", missing.value.message)


def test_a_file_the_workspace_cannot_store_fails_alone_and_the_rest_of_its_batch_is_stored(
    tmp_path: Path, people: dict[str, Any], sample_model: EvaluationReport
) -> None:
    write(tmp_path, "a.txt", sample_as("I-1"))
    refused = sample_model.model_copy(update={"measure_number": "I-2", "title": "北米\x00地域外交"})
    write(tmp_path, "b.json", refused.model_dump_json().encode("utf-8"))
    write(tmp_path, "c.txt", sample_as("I-3"))
    run = Run(tmp_path, people["editor"])
    summary = run.run()
    assert (summary.stored, summary.failed) == (2, 1)
    assert run.outcomes() == [("a.txt", "stored"), ("b.json", "failed"), ("c.txt", "stored")]
    problem = run.events[1].problem
    # refused before the database (which on PostgreSQL would fail on the NUL), alike on SQLite
    assert problem is not None
    assert (problem.message, problem.message_en) == (
        "NUL 文字（U+0000）は保存できません（/title）",
        "a NUL character (U+0000) cannot be stored (/title)",
    )
    assert sorted(Report.objects.values_list("measure_number", flat=True)) == ["I-1", "I-3"]
    assert ImportedFile.objects.count() == 2


def test_bureau_overrides_the_documents_bureau(tmp_path: Path, people: dict[str, Any]) -> None:
    write(tmp_path, "I-1.txt", sample_as("I-1"))
    assert Run(tmp_path, people["editor"], bureau="欧州局").run().stored == 1
    report = Report.objects.get()
    assert (report.ministry.name, report.bureau.name if report.bureau else None) == ("外務省", "欧州局")
    assert Revision.objects.get(report=report).data["bureau"] == "北米局"  # the document is as it was
