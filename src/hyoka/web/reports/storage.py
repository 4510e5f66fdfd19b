"""Reports as documents: create from an import, save a revision with optimistic locking,
move through the workflow, and rebuild the projections — all in transactions.

Every change of a report's status writes a ``Transition`` row in the same transaction: the
workflow's steps, a correction that puts the report back to draft (``edit``), a withdrawal
(``withdraw``); sharing with the advisory group and an expert's opinion are logged the same way
although they change no status (an opinion is not an edit of the report's content:
docs/workspace.md, Workflow). A deleted report leaves a ``DeletionLog``.

Storage is below the pages: it imports no view and no page cache. What follows a publication or a
withdrawal (the stored public pages) subscribes to the signals it sends (``signals.py``)."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.utils.translation import gettext_lazy as _

from hyoka.core import SCHEMA_VERSION, Cell, EvaluationReport, ExpertOpinion, Issue
from hyoka.services import CheckResult, check_report_result
from hyoka.web.reports import kept_findings, storable
from hyoka.web.reports.display import STATUS_LABELS
from hyoka.web.reports.folding import fold
from hyoka.web.reports.models import (
    BudgetFact,
    Bureau,
    DeletionLog,
    FindingFact,
    IndicatorFact,
    Ministry,
    PublishedSearchText,
    Report,
    Revision,
    SearchText,
    Status,
    Transition,
)
from hyoka.web.reports.signals import report_published, report_withdrawn
from hyoka.web.reports.storable import NotStorable

__all__ = [
    "WORKFLOW_ACTIONS",
    "DuplicateReport",
    "NewReport",
    "NotStorable",
    "Projections",
    "StaleRevision",
    "TransitionError",
    "add_opinion",
    "create_report",
    "create_reports",
    "delete_report",
    "load",
    "load_json",
    "movable",
    "new_report",
    "projections",
    "rebuild_projections",
    "same_report",
    "save_revision",
    "search_text",
    "share",
    "transition",
]

log = logging.getLogger(__name__)

ACTIONS: dict[str, tuple[tuple[Any, ...], Any]] = {
    "submit": ((Status.DRAFT, Status.RETURNED), Status.SUBMITTED),
    "return": ((Status.SUBMITTED, Status.APPROVED), Status.RETURNED),
    "approve": ((Status.SUBMITTED,), Status.APPROVED),
    "publish": ((Status.APPROVED,), Status.PUBLISHED),
}
"""The workflow's steps: the statuses each may start from, and the status it leads to."""

WORKFLOW_ACTIONS = (*ACTIONS, "withdraw")
"""The steps ``transition`` takes: the workflow's, and the withdrawal of a publication (公表取消),
which any report with a published revision may undergo: it goes back to draft when it was
published, and keeps its status when a correction was in progress."""

NEEDS_COMMENT = ("return", "withdraw")
"""The steps that need a comment (the reason)."""


class StaleRevision(Exception):
    """A save based on a revision that is no longer the current one: nothing was written."""

    def __init__(self, current: Revision) -> None:
        self.current = current
        author = current.author.get_username() if current.author else "?"
        super().__init__(
            f"revision {current.number} by {author} at {current.created_at.isoformat()} is newer"
        )


class TransitionError(Exception):
    """A step the report's state does not allow (nothing written); ``str()`` is the reason in the
    active language."""


class DuplicateReport(Exception):
    """A new document of the ministry, measure, evaluation year and kind of a stored one: there is
    one document of each kind per measure and year, so nothing was written. The caller refuses, or
    (the person's explicit choice) saves the document as a new revision of ``existing``
    (docs/workspace.md)."""

    def __init__(self, existing: Report) -> None:
        self.existing = existing
        super().__init__(
            f"report {existing.pk} is {existing.ministry_id}/{existing.measure_number}/"
            f"{existing.evaluation_year}/{existing.kind} already"
        )


def same_report(
    ministry: str, measure_number: str, evaluation_year: int, kind: str, *, exclude: int | None = None
) -> Report | None:
    """The stored document of this ministry (by name), measure number, evaluation year and kind
    (its current values), if there is one, other than ``exclude``. The kinds are apart: a measure's
    評価書 and the 事前分析表 of its next window, or a 調書 filed on its own, stand side by side."""
    found = Report.objects.filter(
        ministry__name=ministry,
        measure_number=measure_number,
        evaluation_year=evaluation_year,
        kind=str(kind),
    ).select_related("ministry", "bureau")
    if exclude is not None:
        found = found.exclude(pk=exclude)
    return found.order_by("pk").first()


def _lock_measure_year(ministry: str, measure_number: str, evaluation_year: int, kind: str) -> None:
    """Serialise the writers of one (ministry, measure, year) until the transaction ends, so two
    imports of the same report cannot both find none: SQLite's transactions already hold the
    write lock (IMMEDIATE, settings.py); on PostgreSQL a transaction-level advisory lock."""
    if connection.vendor != "postgresql":
        return
    key = f"hyoka-report:{ministry}:{measure_number}:{evaluation_year}:{kind}".encode()
    number = int.from_bytes(hashlib.sha256(key).digest()[:8], "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [number])


def _refuse_duplicates(items: Sequence[NewReport]) -> None:
    """DuplicateReport for the first item whose ministry, measure, year and kind are stored already."""
    for item in sorted(items, key=lambda i: (i.ministry, i.measure_number, i.evaluation_year, i.kind)):
        _lock_measure_year(item.ministry, item.measure_number, item.evaluation_year, item.kind)
    seen: set[tuple[str, str, int, str]] = set()
    for item in items:
        key = (item.ministry, item.measure_number, item.evaluation_year, item.kind)
        existing = same_report(*key)
        if existing is not None:
            raise DuplicateReport(existing)
        if key in seen:
            raise ValueError(f"two new reports of {key} in one batch")
        seen.add(key)


def load(revision: Revision) -> EvaluationReport:
    return EvaluationReport.model_validate(revision.data)


def load_json(revision: Revision) -> dict[str, Any]:
    """The revision's document as JSON, as ``load(revision).model_dump(mode="json")`` gives it: the
    stored data itself when written in this schema version (it was made so), else read and written
    again in the current version (an older revision is never shown in the old shape)."""
    data: dict[str, Any] = revision.data
    if data.get("schema_version") == SCHEMA_VERSION:
        return data
    return load(revision).model_dump(mode="json")


@dataclass(frozen=True)
class NewReport:
    """Everything revision 1 of a new report stores, computed without the database (``new_report``):
    a bulk import makes these in its worker processes and stores a batch with ``create_reports``."""

    ministry: str
    bureau: str | None
    measure_number: str
    evaluation_year: int
    title: str
    judgment: str
    reason: str
    kind: str
    document: dict[str, Any]
    """The revision's data: the model as JSON."""
    projections: Projections


def new_report(
    model: EvaluationReport,
    reason: str,
    bureau: str | None = None,
    *,
    findings: list[Issue] | None = None,
    checked: CheckResult | None = None,
) -> NewReport:
    """Revision 1 of ``model`` made ready to store; ``bureau`` (a name) overrides the document's 担当部局.
    Raises NotStorable when the workspace cannot store one of its values (``storable``)."""
    storable.check(model, bureau)
    return NewReport(
        ministry=model.ministry,
        bureau=bureau or model.bureau or None,
        measure_number=model.measure_number,
        evaluation_year=model.evaluation_year,
        title=model.title,
        judgment=model.judgment.label or "",
        reason=reason,
        kind=model.kind.value,
        document=model.model_dump(mode="json"),
        projections=projections(model, findings, checked=checked),
    )


@transaction.atomic
def create_reports(items: Sequence[NewReport], user: Any) -> list[Report]:
    """Revision 1 of several new reports, written with one statement per table (a bulk import's
    batch; ``create_report`` is the batch of one): the same rows as one at a time. Raises
    DuplicateReport, writing nothing, when one of them is stored already."""
    _refuse_duplicates(items)
    ministries: dict[str, Ministry] = {}
    bureaus: dict[tuple[str, str], Bureau] = {}
    reports: list[Report] = []
    for item in items:
        if item.ministry not in ministries:
            ministries[item.ministry] = Ministry.objects.get_or_create(name=item.ministry)[0]
        ministry = ministries[item.ministry]
        bureau = None
        if item.bureau:
            key = (item.ministry, item.bureau)
            if key not in bureaus:
                bureaus[key] = Bureau.objects.get_or_create(ministry=ministry, name=item.bureau)[0]
            bureau = bureaus[key]
        reports.append(
            Report(
                ministry=ministry,
                bureau=bureau,
                kind=item.kind,
                measure_number=item.measure_number,
                evaluation_year=item.evaluation_year,
                title=item.title,
                judgment=item.judgment,
            )
        )
    Report.objects.bulk_create(reports)
    revisions = Revision.objects.bulk_create(
        Revision(report=report, number=1, author=user, reason=item.reason, data=item.document)
        for report, item in zip(reports, items, strict=True)
    )
    for report, revision in zip(reports, revisions, strict=True):
        report.current_revision = revision
    Report.objects.bulk_update(reports, ["current_revision"])
    _insert_projections([(report, item.projections) for report, item in zip(reports, items, strict=True)])
    kept_findings.keep_new(
        [(r, v, item.projections.findings) for r, v, item in zip(reports, revisions, items, strict=True)]
    )
    SearchText.objects.bulk_create(
        SearchText(report=report, text=item.projections.text)
        for report, item in zip(reports, items, strict=True)
    )
    _index_texts([(report.pk, item.projections.text) for report, item in zip(reports, items, strict=True)])
    return reports


def create_report(
    model: EvaluationReport,
    user: Any,
    reason: str,
    bureau: str | None = None,
    *,
    findings: list[Issue] | None = None,
    checked: CheckResult | None = None,
) -> Report:
    """Revision 1 of a new report; ``bureau`` (a name) overrides the document's 担当部局.
    ``findings`` (the import's) and ``checked`` (the rules' result, when already computed) go into
    its projections."""
    return create_reports([new_report(model, reason, bureau, findings=findings, checked=checked)], user)[0]


def save_revision(
    report_id: int,
    base_revision: int,
    model: EvaluationReport,
    user: Any,
    reason: str,
    *,
    findings: list[Issue] | None = None,
    checked: CheckResult | None = None,
    storable_checked: bool = False,
) -> Revision:
    """Save ``model`` on top of revision ``base_revision``; StaleRevision when it is not current.
    ``findings``: an import's, when the revision comes from a file (kept in the projections);
    ``checked``: the rules' result for ``model`` when the caller has it, so they do not run twice.

    A published report stays readable as published; its correction is a new draft revision.
    Raises NotStorable (nothing written) when the workspace cannot store one of its values;
    ``storable_checked``: the caller has just found none with ``storable.problems`` (the API
    answers them as validation errors first), so the report is not walked again.
    """
    if not storable_checked:
        storable.check(model)
    # what reads no row is done before the transaction: on SQLite a transaction holds the one write
    # lock from its start (IMMEDIATE), so every writer waits while it runs (docs/performance.md)
    data = model.model_dump(mode="json")
    rows = projections(model, findings, checked=checked)
    return _write_revision(report_id, base_revision, model, user, reason, data, rows, findings)


@transaction.atomic
def _write_revision(
    report_id: int,
    base_revision: int,
    model: EvaluationReport,
    user: Any,
    reason: str,
    data: dict[str, Any],
    rows: Projections,
    findings: list[Issue] | None,
) -> Revision:
    """``save_revision``'s writes, in one transaction: ``data`` and ``rows`` are ``model``'s JSON
    and query rows, made before it."""
    report = Report.objects.select_for_update().get(pk=report_id)
    # the current revision's number and author only: its document (``data``) is not read back
    current = Revision.objects.defer("data").select_related("author").get(pk=report.current_revision_id)
    if current.number != base_revision:
        raise StaleRevision(current)
    revision = Revision.objects.create(
        report=report,
        number=current.number + 1,
        parent=current,
        author=user,
        reason=reason,
        data=data,
    )
    report.current_revision = revision
    report.title = model.title
    report.judgment = model.judgment.label or ""
    report.measure_number = model.measure_number
    report.evaluation_year = model.evaluation_year
    report.kind = model.kind.value
    if report.status in (Status.PUBLISHED, Status.APPROVED, Status.SUBMITTED):
        # an edit of the content needs the review again: logged as a step of its own
        _log(report, "edit", str(Status.DRAFT), revision, user, reason)
    report.save()
    rebuild_projections(report, model, findings, rows=rows)
    return revision


def _log(report: Report, action: str, target: str, revision: Revision, user: Any, comment: str) -> Transition:
    """The ``Transition`` row of a step from the report's status to ``target`` (the same status for
    what changes none: sharing, an opinion), and the report's new status (saved by the caller)."""
    record = Transition.objects.create(
        report=report,
        action=action,
        from_status=report.status,
        to_status=target,
        revision=revision,
        actor=user,
        comment=comment,
    )
    report.status = target
    return record


OPINION_REASON = "有識者の所見を追加"
"""The reason of an opinion's revision (the history shows it as written)."""


@transaction.atomic
def add_opinion(report_id: int, text: str, user: Any) -> Revision:
    """An expert's opinion appended to 学識経験を有する者の知見の活用 of the current revision, as a new
    revision. An opinion is not an edit of the report's content: the status stays as it is (an
    approved report stays approved; a published one keeps its published revision, and the opinion
    is published with the next publication). Appending commutes with any other change, so there
    is no base revision to check. Logged as an ``opinion`` step. NotStorable: nothing written."""
    report = Report.objects.select_for_update().get(pk=report_id)
    current = report.current_revision
    assert current is not None
    model = load(current)
    model.expert_opinions.opinions = [*model.expert_opinions.opinions, ExpertOpinion(text=text)]
    storable.check(model)
    revision = Revision.objects.create(
        report=report,
        number=current.number + 1,
        parent=current,
        author=user,
        reason=OPINION_REASON,
        data=model.model_dump(mode="json"),
    )
    report.current_revision = revision
    _log(report, "opinion", report.status, revision, user, "")
    report.save()
    rebuild_projections(report, model)
    return revision


def movable(report: Report, action: str) -> bool:
    """Whether the report's state allows the step ``action`` (whoever asks)."""
    if action == "withdraw":
        return report.published_revision_id is not None
    if action in ACTIONS:
        return report.status in ACTIONS[action][0]
    return False


@transaction.atomic
def transition(
    report_id: int, action: str, user: Any, comment: str = "", *, bulk: bool = False
) -> Transition:
    """Move the report through the workflow. A publication is announced by the ``report_published``
    signal (``signals.py``) once its rows are written, inside this transaction; ``bulk=True`` tells
    the receivers that it is one of many made at once, whose follow-up the publisher does itself
    (the bulk import renders the public pages in parallel afterwards)."""
    report = Report.objects.select_for_update().get(pk=report_id)
    if action not in WORKFLOW_ACTIONS:
        raise TransitionError(_("「%(action)s」という操作はありません。") % {"action": action})
    if not movable(report, action):
        if action == "withdraw":
            raise TransitionError(_("公表されていない評価書の公表は取り消せません。"))
        raise TransitionError(
            _("状態が「%(status)s」の評価書にはこの操作を行えません。")
            % {"status": STATUS_LABELS.get(Status(report.status), report.status)}
        )
    if action in NEEDS_COMMENT and not comment.strip():
        raise TransitionError(_("この操作には理由（コメント）が必要です。"))
    assert report.current_revision is not None
    if action == "withdraw":
        return _withdraw(report, user, comment)
    record = _log(report, action, ACTIONS[action][1], report.current_revision, user, comment)
    if record.to_status == Status.PUBLISHED:
        _publish(report)
    report.save()
    if record.to_status == Status.PUBLISHED:
        _announce_publication(report, bulk=bulk)
    return record


def _withdraw(report: Report, user: Any, comment: str) -> Transition:
    """公表取消: the public no longer reads the report (no published revision, title, search text);
    ``report_withdrawn`` lets the stored public pages and files go, in this transaction. A report
    that was published goes back to draft; one whose correction was in progress keeps its status."""
    withdrawn = report.published_revision
    assert withdrawn is not None
    target = str(Status.DRAFT) if report.status == Status.PUBLISHED else report.status
    assert report.current_revision is not None
    record = _log(report, "withdraw", target, report.current_revision, user, comment)
    report.published_revision = None
    report.published_title = ""
    report.published_judgment = ""
    report.published_measure_number = ""
    report.published_evaluation_year = None
    report.save()
    PublishedSearchText.objects.filter(report=report).delete()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM reports_search_fts_published WHERE rowid = %s", [report.pk])
    report_withdrawn.send(Report, report_id=report.pk, revision_id=withdrawn.pk)
    return record


@transaction.atomic
def share(report_id: int, user: Any, shared: bool) -> Transition:
    """Share the report with the advisory group (政策評価アドバイザー・グループ), or stop: logged as a
    ``share``/``unshare`` step that changes no status. TransitionError when it already is so."""
    report = Report.objects.select_for_update().get(pk=report_id)
    if report.shared_with_experts == shared:
        raise TransitionError(
            _("すでに有識者と共有しています。") if shared else _("有識者とは共有していません。")
        )
    assert report.current_revision is not None
    record = _log(report, "share" if shared else "unshare", report.status, report.current_revision, user, "")
    report.shared_with_experts = shared
    report.save()
    return record


class NotDeletable(TransitionError):
    """A report that was published (or is being corrected after publication) is withdrawn, never
    deleted: its published revision is part of the public record."""


@transaction.atomic
def delete_report(report_id: int, user: Any, reason: str) -> DeletionLog:
    """Delete a report that has no published revision, with its revisions, trail and projections;
    what it was (and its last revision's document) stays in a ``DeletionLog`` row. NotDeletable
    (nothing written) when it has a published revision or no reason is given."""
    report = (
        Report.objects.select_for_update(of=("self",)).select_related("ministry", "bureau").get(pk=report_id)
    )
    if report.published_revision_id is not None:
        raise NotDeletable(_("公表された評価書は削除できません。先に公表を取り消してください。"))
    if not reason.strip():
        raise NotDeletable(_("削除の理由を記入してください。"))
    current = report.current_revision
    assert current is not None
    record = DeletionLog.objects.create(
        report_id=report.pk,
        ministry=report.ministry.name,
        bureau=report.bureau.name if report.bureau else "",
        measure_number=report.measure_number,
        evaluation_year=report.evaluation_year,
        title=report.title,
        status=report.status,
        revisions=report.revisions.count(),
        data=current.data,
        actor=user,
        reason=reason.strip(),
    )
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for table in ("reports_search_fts", "reports_search_fts_published"):
                cursor.execute(f"DELETE FROM {table} WHERE rowid = %s", [report.pk])
    Report.objects.filter(carried_from=report).update(carried_from=None)
    # the rows that protect the revisions from a deletion (the report's pointer, the trail, each
    # revision's parent) go first: the report's own, deleted with it
    report.current_revision = None
    report.save(update_fields=["current_revision"])
    report.transitions.all().delete()
    report.revisions.update(parent=None)
    report.delete()
    return record


def _publish(report: Report) -> None:
    """The current revision becomes what the public reads: its title, judgment and search text."""
    report.published_revision = report.current_revision
    report.published_title = report.title
    report.published_judgment = report.judgment
    report.published_measure_number = report.measure_number
    report.published_evaluation_year = report.evaluation_year
    text = SearchText.objects.filter(report=report).values_list("text", flat=True).first() or ""
    PublishedSearchText.objects.update_or_create(report=report, defaults={"text": text})
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM reports_search_fts_published WHERE rowid = %s", [report.pk])
            cursor.execute(
                "INSERT INTO reports_search_fts_published (rowid, text, report_id) VALUES (%s, %s, %s)",
                [report.pk, text, report.pk],
            )


def _announce_publication(report: Report, *, bulk: bool) -> None:
    """``report_published`` for ``report``, just published: a receiver's failure is logged, never
    raised (it must not undo the publication; what needs the commit waits for it, ``on_commit``)."""
    answers = report_published.send_robust(
        Report, report_id=report.pk, revision_id=report.published_revision_id, bulk=bulk
    )
    for receiver, answer in answers:
        if isinstance(answer, Exception):
            log.error(
                "receiver %r of report_published failed for report %s",
                receiver,
                report.pk,
                exc_info=(type(answer), answer, answer.__traceback__),
            )


def _number(cell: Cell) -> Decimal | None:
    return cell.value if cell.is_value else None


def search_text(model: EvaluationReport) -> str:
    """The text search reads for a revision (``SearchText``): every narrative, folded
    (docs/search.md); ``hyoka_search_text`` rebuilds the stored ones from it."""
    return _narratives(model)


def _narratives(model: EvaluationReport) -> str:
    parts: list[str] = [model.title, model.judgment.rationale or ""]
    parts += [o.text for o in model.objectives]
    parts += [o.text for o in model.expert_opinions.opinions]
    for area in model.areas:
        parts.append(area.title)
        parts += [p.text for p in area.outline]
        for ind in area.indicators:
            parts.append(ind.name)
            for year in ind.years:
                parts += [p.text for p in year.target_text + year.progress]
        for entry in area.analysis:
            parts += [p.text for p in entry.paragraphs]
        parts += [p.text for p in area.next_steps.measure]
        for steps in area.next_steps.indicators:
            parts += [p.text for p in steps.paragraphs]
    # what the other kinds hold (issue 14): the 事前分析表's outline, rationale and 達成手段, the
    # 調書's 事項 (docs/search.md)
    parts += [p.text for p in model.outline + model.target_rationale]
    for means in model.means:
        parts.append(means.name)
        parts += [p.text for p in means.outline]
    if model.budget_sheet is not None:
        parts += [i.sub_item for section in model.budget_sheet.sections for i in section.items]
    # ends with a line break: the trigram index then holds one for a 2-character term at the very
    # end too, which the search of 2-character terms relies on (see search.py); folded as every
    # query is (folding.py: ＴＰＰ finds TPP)
    return fold("".join(f"{p}\n" for p in parts if p))


@dataclass(frozen=True)
class Projections:
    """The projection rows of one revision as field values (no report yet), computed without the
    database: a bulk import computes them in its worker processes."""

    indicators: list[dict[str, Any]]
    budget: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    text: str


def projections(
    model: EvaluationReport, findings: list[Issue] | None = None, *, checked: CheckResult | None = None
) -> Projections:
    """The query rows of ``model`` (and of the import's ``findings`` and the rules' findings;
    ``checked``: the rules' result for ``model`` when the caller has it, so they do not run twice)."""
    result = checked if checked is not None else check_report_result(model)
    proposals = result.indicators
    facts: list[dict[str, Any]] = []
    for ind in model.indicators():
        common = {
            "indicator_id": ind.id,
            "name": ind.name[:300],
            "is_main": ind.is_main,
            "kind": ind.kind.value,
            "direction": ind.direction.value,
            "recorded_grade": ind.recorded_grade.letter if ind.recorded_grade else "",
            "proposed_grade": (proposals[ind.id].proposed if ind.id in proposals else None) or "",
        }
        rows = 0
        for year in ind.years:
            targets = {v.series or "": _number(v.value) for v in year.targets}
            actuals = {v.series or "": _number(v.value) for v in year.actuals}
            for key in dict.fromkeys([*targets, *actuals]) or [""]:
                facts.append(
                    {
                        **common,
                        "fiscal_year": year.fiscal_year,
                        "series": key,
                        "target": targets.get(key),
                        "actual": actuals.get(key),
                    }
                )
                rows += 1
        if rows == 0:
            facts.append({**common, "fiscal_year": None})
    budget = [
        {
            "fiscal_year": y.fiscal_year,
            "initial": _number(y.initial),
            "total": _number(y.total),
            "executed": _number(y.executed),
        }
        for y in model.budget.years
    ]
    finding_rows = [
        {
            "code": f.code,
            "severity": f.severity.value,
            "location": f.location[:300],
            "message": f.message,
            "message_en": f.message_en,
        }
        for f in [*(findings or []), *result.findings]
    ]
    return Projections(facts, budget, finding_rows, _narratives(model))


def _insert_projections(pairs: Sequence[tuple[Report, Projections]]) -> None:
    """The fact rows of reports that have none (new, or just cleared): one statement per table."""
    IndicatorFact.objects.bulk_create(
        IndicatorFact(report=r, **row) for r, p in pairs for row in p.indicators
    )
    BudgetFact.objects.bulk_create(BudgetFact(report=r, **row) for r, p in pairs for row in p.budget)
    FindingFact.objects.bulk_create(FindingFact(report=r, **row) for r, p in pairs for row in p.findings)


def _index_texts(texts: Sequence[tuple[int, str]]) -> None:
    """The full-text rows (SQLite's FTS5 table; PostgreSQL searches ``SearchText`` itself)."""
    if connection.vendor == "sqlite" and texts:
        with connection.cursor() as cursor:
            cursor.executemany("DELETE FROM reports_search_fts WHERE rowid = %s", [[pk] for pk, _ in texts])
            cursor.executemany(
                "INSERT INTO reports_search_fts (rowid, text, report_id) VALUES (%s, %s, %s)",
                [[pk, text, pk] for pk, text in texts],
            )


def rebuild_projections(
    report: Report,
    model: EvaluationReport,
    findings: list[Issue] | None = None,
    *,
    checked: CheckResult | None = None,
    rows: Projections | None = None,
) -> None:
    """The query tables for one report, from its current revision (and the rules' findings;
    ``checked``: the rules' result for ``model`` when the caller has it, so they do not run twice;
    ``rows``: the query rows themselves, made before the caller's transaction)."""
    if rows is None:
        rows = projections(model, findings, checked=checked)
    IndicatorFact.objects.filter(report=report).delete()
    BudgetFact.objects.filter(report=report).delete()
    FindingFact.objects.filter(report=report).delete()
    _insert_projections([(report, rows)])
    kept_findings.after_rebuild(report, findings)  # the import findings not yet resolved
    SearchText.objects.update_or_create(report=report, defaults={"text": rows.text})
    _index_texts([(report.pk, rows.text)])
