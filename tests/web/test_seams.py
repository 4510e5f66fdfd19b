"""The seams between storage and the pages (issue 13): a publication is announced by a signal that
the public pages subscribe to, storage imports no view, the web package has no import cycle, and
a save runs the rules once."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grimp
import pytest
from django.test import Client
from django.urls import reverse

from hyoka.core import EvaluationReport
from hyoka.services import checking
from hyoka.web.auth import create_token
from hyoka.web.reports import storable, storage
from hyoka.web.reports.models import FindingFact, PublicPage, Report, Revision
from hyoka.web.reports.public_pages import on_report_published
from hyoka.web.reports.signals import report_published

from .editing import client_for, edit_url, page_form, text
from .test_pages_edit import ACTUAL_1_3_2019, sample_upload

ROOT = Path(__file__).resolve().parents[2]


# --- the publication signal ----------------------------------------------------------------------


@pytest.fixture
def announced() -> Iterator[list[dict[str, Any]]]:
    """Every ``report_published`` sent while the test runs, with its sender and arguments."""
    seen: list[dict[str, Any]] = []

    def receiver(sender: Any, **kwargs: Any) -> None:
        seen.append({"sender": sender, **{k: v for k, v in kwargs.items() if k != "signal"}})

    report_published.connect(receiver, dispatch_uid="test-seams")
    yield seen
    report_published.disconnect(dispatch_uid="test-seams")


def _walk(report: Report, people: dict[str, Any], actions: list[tuple[str, str]], capture: Any) -> None:
    with capture(execute=True):
        for action, who in actions:
            storage.transition(report.pk, action, people[who])


@pytest.mark.django_db
def test_publication_sends_report_published_once_and_the_pages_follow_the_commit(
    sample_report: Report,
    people: dict[str, Any],
    announced: list[dict[str, Any]],
    django_capture_on_commit_callbacks: Any,
) -> None:
    capture = django_capture_on_commit_callbacks
    _walk(sample_report, people, [("submit", "editor"), ("approve", "reviewer")], capture)
    assert announced == []  # submitting and approving publish nothing
    with capture(execute=False) as pending:
        storage.transition(sample_report.pk, "publish", people["reviewer"])
    revision = Revision.objects.get(report=sample_report, number=1)
    assert announced == [
        {"sender": Report, "report_id": sample_report.pk, "revision_id": revision.pk, "bulk": False}
    ]
    assert PublicPage.objects.count() == 0  # the public pages wait for the commit
    for callback in pending:
        callback()
    assert len(announced) == 1
    assert sorted(PublicPage.objects.values_list("page", "lang")) == [("detail", "en"), ("detail", "ja")]


@pytest.mark.django_db
def test_a_bulk_publication_is_announced_as_such_and_leaves_the_pages_to_the_importer(
    sample_report: Report,
    people: dict[str, Any],
    announced: list[dict[str, Any]],
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as pending:
        for action in ("submit", "approve", "publish"):
            storage.transition(sample_report.pk, action, people["admin"], bulk=True)
    assert [(a["report_id"], a["bulk"]) for a in announced] == [(sample_report.pk, True)]
    assert (pending, PublicPage.objects.count()) == ([], 0)


@pytest.mark.django_db
def test_the_public_pages_are_rendered_by_the_signals_receiver(
    sample_report: Report, people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    steps = [("submit", "editor"), ("approve", "reviewer"), ("publish", "reviewer")]
    assert report_published.disconnect(dispatch_uid="hyoka-public-pages", sender=Report)
    try:
        _walk(sample_report, people, steps, django_capture_on_commit_callbacks)
    finally:
        report_published.connect(on_report_published, sender=Report, dispatch_uid="hyoka-public-pages")
    assert PublicPage.objects.count() == 0  # without the subscription, storage renders nothing
    storage.save_revision(
        sample_report.pk, 1, storage.load(sample_report.current_revision), people["editor"], "x"
    )
    _walk(sample_report, people, steps, django_capture_on_commit_callbacks)
    assert sorted(PublicPage.objects.values_list("page", "lang", "revision__number")) == [
        ("detail", "en", 2),
        ("detail", "ja", 2),
    ]


@pytest.mark.django_db
def test_a_failing_receiver_does_not_undo_the_publication(
    sample_report: Report, people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    def broken(sender: Any, **kwargs: Any) -> None:
        raise RuntimeError("receiver failed")

    report_published.connect(broken, dispatch_uid="test-broken")
    try:
        steps = [("submit", "editor"), ("approve", "reviewer"), ("publish", "reviewer")]
        _walk(sample_report, people, steps, django_capture_on_commit_callbacks)
    finally:
        report_published.disconnect(dispatch_uid="test-broken")
    report = Report.objects.get(pk=sample_report.pk)
    assert (report.status, report.published_revision_id) == ("published", report.current_revision_id)
    assert PublicPage.objects.filter(report=report).count() == 2  # the other receiver still ran


# --- imports -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("hyoka", cache_dir=None)


def test_web_and_cli_use_services_and_analytics_by_their_public_names() -> None:
    """``hyoka.services`` and ``hyoka.analytics`` are used through the package, never a module of
    theirs (docs/architecture.md, "Layers"): what they export is their contract. Read from the
    source, as ``from hyoka.analytics import measure_history`` names the function, not the module."""
    statement = re.compile(r"^\s*(?:from|import)\s+hyoka\.(?:services|analytics)\.\w+", re.MULTILINE)
    inside = sorted(
        f"{path.relative_to(ROOT)}: {match.group(0).strip()}"
        for top in ("web", "cli")
        for path in (ROOT / "src" / "hyoka" / top).rglob("*.py")
        for match in statement.finditer(path.read_text(encoding="utf-8"))
    )
    assert inside == []


@pytest.mark.parametrize(
    "importer",
    ["hyoka.web.reports.storage", "hyoka.web.reports.public_pages", "hyoka.web.reports.report_pages"],
)
def test_storage_and_the_public_pages_import_no_view(graph: grimp.ImportGraph, importer: str) -> None:
    chain = graph.find_shortest_chain(importer=importer, imported="hyoka.web.reports.views", as_packages=True)
    assert chain is None, " → ".join(chain or ())
    assert not graph.direct_import_exists(
        importer="hyoka.web.reports.storage", imported="hyoka.web.reports.public_pages"
    )


def test_setting_up_django_and_loading_storage_loads_no_view() -> None:
    code = (
        "import sys, django; django.setup(); import hyoka.web.reports.storage; "
        "print(sorted(m for m in sys.modules if m.startswith('hyoka.web.reports.views')))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "hyoka.web.settings"}
    done = subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def _sibling_edges(graph: grimp.ImportGraph, package: str) -> dict[str, set[str]]:
    """Child → the children it imports, among the children of ``package`` (each child standing for
    itself and everything under it), as import-linter's ``acyclic_siblings`` contract sees them."""
    children = graph.find_children(package)
    owner = {m: child for child in children for m in graph.find_descendants(child) | {child}}
    edges: dict[str, set[str]] = {child: set() for child in children}
    for module, child in owner.items():
        for imported in graph.find_modules_directly_imported_by(module):
            other = owner.get(imported)
            if other is not None and other != child:
                edges[child].add(other)
    return edges


def _cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the directed graph ``edges``, or None."""
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> list[str] | None:
        for nxt in sorted(edges[node]):
            if nxt in path:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in done and (found := visit(nxt, [*path, nxt])):
                return found
        done.add(node)
        return None

    for start in sorted(edges):
        if start not in done and (found := visit(start, [start])):
            return found
    return None


def test_no_import_cycle_between_siblings_in_the_web_package(graph: grimp.ImportGraph) -> None:
    packages = [
        "hyoka.web",
        *sorted(m for m in graph.find_descendants("hyoka.web") if graph.find_children(m)),
    ]
    cycles = {p: c for p in packages if (c := _cycle(_sibling_edges(graph, p)))}
    assert cycles == {}


# --- the rules once per save ---------------------------------------------------------------------


@pytest.fixture
def rule_runs(monkeypatch: pytest.MonkeyPatch) -> list[EvaluationReport]:
    """The reports ``hyoka.rules.check_report`` ran on (through ``check_report_result``, the one way
    the web checks a report): a spy around the real call."""
    runs: list[EvaluationReport] = []
    real = checking.check_report

    def spy(report: EvaluationReport, *args: Any, **kwargs: Any) -> Any:
        runs.append(report)
        return real(report, *args, **kwargs)

    monkeypatch.setattr(checking, "check_report", spy)
    return runs


@pytest.fixture
def storable_walks(monkeypatch: pytest.MonkeyPatch) -> list[EvaluationReport]:
    walks: list[EvaluationReport] = []
    real = storable.problems

    def spy(report: EvaluationReport, *args: Any, **kwargs: Any) -> Any:
        walks.append(report)
        return real(report, *args, **kwargs)

    monkeypatch.setattr(storable, "problems", spy)
    return walks


@pytest.mark.django_db
def test_a_save_in_the_edit_page_runs_the_rules_once(
    sample_report: Report, people: dict[str, Any], rule_runs: list[EvaluationReport]
) -> None:
    client = client_for(people["editor"])
    form = page_form(text(client.get(edit_url(sample_report, "indicators"))))
    rule_runs.clear()
    response = client.post(
        edit_url(sample_report, "indicators"), form | {ACTUAL_1_3_2019: "28", "reason": "確定値"}
    )
    assert response.status_code == 302
    assert len(rule_runs) == 1
    assert rule_runs[0] == storage.load(Revision.objects.get(report=sample_report, number=2))


@pytest.mark.django_db
def test_saving_an_import_builds_the_projections_once_and_runs_the_rules_once(
    people: dict[str, Any], rule_runs: list[EvaluationReport], monkeypatch: pytest.MonkeyPatch
) -> None:
    client = client_for(people["editor"])
    preview = client.get(client.post(reverse("report-import"), {"file": sample_upload()})["Location"])
    built: list[int] = []
    real = storage.projections
    monkeypatch.setattr(storage, "projections", lambda *a, **k: built.append(1) or real(*a, **k))
    rule_runs.clear()
    saved = client.post(reverse("report-import-save"), page_form(text(preview), "token") | {"save": "1"})
    assert saved.status_code == 302
    assert (len(built), len(rule_runs)) == (1, 1)
    report = Report.objects.get()
    codes = set(FindingFact.objects.filter(report=report).values_list("code", flat=True))
    assert {"H902", "H904", "H301"} <= codes  # the import's findings and the rules', once each
    assert FindingFact.objects.filter(report=report, code="H301").count() == len(
        [f for f in checking.check_report_result(rule_runs[0]).findings if f.code == "H301"]
    )


@pytest.mark.django_db
def test_an_api_save_checks_what_can_be_stored_once_and_runs_the_rules_once(
    sample_report: Report,
    people: dict[str, Any],
    sample_model: EvaluationReport,
    rule_runs: list[EvaluationReport],
    storable_walks: list[EvaluationReport],
) -> None:
    changed = sample_model.model_copy(deep=True)
    changed.title = "題名の訂正"
    response = Client().post(
        f"/api/reports/{sample_report.pk}/revisions",
        {"base_revision": 1, "reason": "訂正", "report": changed.model_dump(mode="json")},
        content_type="application/json",
        headers={"Authorization": f"Bearer {create_token(people['editor'])}"},
    )
    assert response.status_code == 201, response.content
    assert (len(storable_walks), len(rule_runs)) == (1, 1)
