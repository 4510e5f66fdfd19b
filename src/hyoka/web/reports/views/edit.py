"""The writing pages: import by upload, editing by section, expert opinions, the workflow
buttons, history and diffs, and comments. Each view checks permission (404 when the report must
not be seen at all, 403 when it may be seen but not changed), then calls forms, storage and the
services; it holds no rule of its own."""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hyoka.core import EvaluationReport, Issue
from hyoka.services import ImportResult, check_report_result, summarize
from hyoka.web.reports import storage
from hyoka.web.reports.carry_forward import briefs_for
from hyoka.web.reports.diff import ABSENT, diff_models
from hyoka.web.reports.display import lang
from hyoka.web.reports.forms import (
    ACTION_LABELS,
    SECTIONS,
    CommentForm,
    DiffForm,
    ImportForm,
    ImportSaveForm,
    OpinionForm,
    SectionForm,
    TransitionForm,
    cell_text,
    section_form,
)
from hyoka.web.reports.models import Comment, FindingFact, Report, Revision, Role
from hyoka.web.reports.permissions import Action, can, can_import, can_see, membership, role
from hyoka.web.reports.shown import shown

PENDING_KEY = "hyoka_pending_imports"
PENDING_MAX_CHARS = 4_000_000
"""a previewed import larger than this is not kept in the session: the file is chosen again to save"""
PENDING_MAX_COUNT = 3
OPINION_REASON = "有識者の所見を追加"

SECTION_LOCATIONS = {
    "objectives": re.compile(r"^/objectives(/|$)"),
    "budget": re.compile(r"^/budget(/|$)"),
    "indicators": re.compile(r"^/areas/\d+/indicators(/|$)"),
    "analysis": re.compile(r"^/areas/\d+/analysis(/|$)"),
    "next_steps": re.compile(r"^/areas/\d+/next_steps(/|$)"),
    "opinions": re.compile(r"^/expert_opinions(/|$)"),
}


# --- shared helpers ------------------------------------------------------------------------------


def _report(request: HttpRequest, pk: int) -> Report:
    """The report, or 404 when it does not exist for this person."""
    report: Report = get_object_or_404(
        Report.objects.select_related("ministry", "bureau", "current_revision__author"), pk=pk
    )
    if not can_see(request.user, report):
        raise Http404
    return report


def _trail(request: HttpRequest, pk: int) -> Report:
    """The report whose internal trail (revisions, diffs, workflow history) this person reads, or
    404: for everyone else only the published revision exists (``Action.TRAIL``)."""
    report = _report(request, pk)
    if not can(request.user, Action.TRAIL, report):
        raise Http404
    return report


def _require(request: HttpRequest, action: Action, report: Report) -> None:
    if not can(request.user, action, report):
        raise PermissionDenied


def _current(report: Report) -> Revision:
    revision: Revision | None = report.current_revision
    if revision is None:  # pragma: no cover - storage always sets it
        raise Http404
    return revision


def _when(revision: Revision) -> str:
    return str(timezone.localtime(revision.created_at).strftime("%Y-%m-%d %H:%M:%S"))


def _author(revision: Revision) -> str:
    return str(revision.author.get_username()) if revision.author else "?"


def _conflict_message(newer: Revision) -> str:
    return str(
        _(
            "この報告書は、あなたが編集を始めた後に %(author)s さんが %(when)s に"
            "版 %(number)s として保存しています。"
            "あなたの入力は残してあります。印の付いた欄を確かめて、もう一度保存してください。"
        )
    ) % {"author": _author(newer), "when": _when(newer), "number": newer.number}


def _workflow(request: HttpRequest, report: Report) -> list[tuple[str, str]]:
    """The workflow buttons this person may press on this report now."""
    return [(a, str(label)) for a, label in ACTION_LABELS.items() if can(request.user, Action(a), report)]


def _transitions(report: Report) -> list[dict[str, Any]]:
    """The report's workflow trail, each step with its action's label."""
    return [
        {"t": t, "label": str(ACTION_LABELS.get(t.action, t.action))}
        for t in report.transitions.select_related("actor", "revision")
    ]


def _finding_rows(report: Report, section: str | None = None) -> tuple[list[FindingFact], list[FindingFact]]:
    """The report's findings: those in the section first, then the others."""
    facts = list(FindingFact.objects.filter(report=report).order_by("id"))
    pattern = SECTION_LOCATIONS.get(section or "")
    if pattern is None:
        return facts, []
    return [f for f in facts if pattern.match(f.location)], [
        f for f in facts if not pattern.match(f.location)
    ]


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


# --- import ------------------------------------------------------------------------------------


def _importer(request: HttpRequest) -> tuple[str | None, str | None]:
    """(ministry, bureau) this person imports for — (None, None) for an administrator, who may
    import any ministry's report into the document's bureau; 403 for those who may not import."""
    m = membership(request.user)
    if str(role(request.user)) == str(Role.ADMIN):
        return None, None
    ministry = m.ministry.name if m is not None and m.ministry is not None else ""
    if not ministry or not can_import(request.user, ministry):
        raise PermissionDenied
    assert m is not None
    return ministry, (m.bureau.name if m.bureau is not None else None)


def _entry(result: ImportResult, name: str, data: bytes) -> dict[str, Any]:
    return {
        "name": name,
        "format": result.source_format,
        "encoding": result.encoding,
        "digest": hashlib.sha256(data).hexdigest(),
        "model": result.report.model_dump_json(),
        "findings": [f.model_dump(mode="json") for f in result.findings],
    }


def _keep_pending(request: HttpRequest, entry: dict[str, Any]) -> str | None:
    """Keep a previewed import in the session; None when it is too large to keep."""
    if len(entry["model"]) + len(json.dumps(entry["findings"])) > PENDING_MAX_CHARS:
        return None
    pending = dict(request.session.get(PENDING_KEY, {}))
    while len(pending) >= PENDING_MAX_COUNT:
        pending.pop(next(iter(pending)))
    token = secrets.token_urlsafe(16)
    pending[token] = entry
    request.session[PENDING_KEY] = pending
    return token


def _pending(request: HttpRequest, token: str) -> dict[str, Any] | None:
    found: dict[str, Any] | None = request.session.get(PENDING_KEY, {}).get(token) if token else None
    return found


def _drop_pending(request: HttpRequest, token: str) -> None:
    pending = dict(request.session.get(PENDING_KEY, {}))
    if pending.pop(token, None) is not None:
        request.session[PENDING_KEY] = pending


def _restore(entry: dict[str, Any]) -> tuple[EvaluationReport, list[Issue]]:
    model = EvaluationReport.model_validate_json(entry["model"])
    return model, [Issue.model_validate(f) for f in entry["findings"]]


def _preview(
    request: HttpRequest, entry: dict[str, Any], token: str | None, status: int = 200
) -> HttpResponse:
    model, import_findings = _restore(entry)
    checked = check_report_result(model)
    summary = summarize(
        ImportResult(
            report=model, findings=import_findings, encoding=entry["encoding"], source_format=entry["format"]
        )
    )
    indicators = [
        {
            "line": line,
            "proposed": checked.indicators[line.id].proposed if line.id in checked.indicators else None,
        }
        for line in summary.indicators
    ]
    budget = [
        {
            "year": b.fiscal_year,
            "initial": cell_text(b.initial),
            "total": cell_text(b.total),
            "executed": cell_text(b.executed),
        }
        for b in summary.budget_years
    ]
    findings = [("import", f) for f in import_findings] + [("rules", f) for f in checked.findings]
    existing = storage.same_report(model.ministry, model.measure_number, model.evaluation_year)
    _ministry, bureau = _importer(request)
    other_bureau = bool(bureau and model.bureau and bureau != model.bureau)
    context = {
        "entry": entry,
        "summary": summary,
        "indicators": indicators,
        "budget": budget,
        "findings": findings,
        "judgment_proposal": checked.judgment,
        "existing": existing,
        "existing_title": shown(request.user, existing).title
        if existing and can_see(request.user, existing)
        else "",
        "may_revise": existing is not None and can(request.user, Action.EDIT, existing),
        "other_bureau": other_bureau,
        "my_bureau": bureau or "",
        "token": token,
        "save_form": ImportSaveForm(initial={"token": token or "", "digest": entry["digest"]}),
    }
    return render(request, "reports/import_preview.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    """Step 1: upload a file; it is read and checked, and the preview is shown before saving."""
    _importer(request)
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            assert form.result is not None
            entry = _entry(form.result, form.cleaned_data["file"].name, form.data_bytes)
            token = _keep_pending(request, entry)
            if token is not None:
                return redirect("report-import-preview", token=token)
            return _preview(request, entry, None)
    else:
        form = ImportForm(user=request.user)
    return render(
        request,
        "reports/import.html",
        {"form": form, "max_upload": settings.HYOKA_MAX_UPLOAD},
        status=400 if form.is_bound else 200,
    )


@login_required
def import_preview(request: HttpRequest, token: str) -> HttpResponse:
    """Step 2: the parsed report and all its findings; nothing is saved yet."""
    _importer(request)
    entry = _pending(request, token)
    if entry is None:
        messages.error(
            request,
            _(
                "この取込のプレビューは見つかりません（保存済みか、期限切れです）。ファイルを選び直してください。"
            ),
        )
        return redirect("report-import")
    return _preview(request, entry, token)


@login_required
@require_POST
def import_save(request: HttpRequest) -> HttpResponse:
    """Step 3: store the previewed report as revision 1 (reason 「取込: ファイル名」)."""
    _ministry, bureau = _importer(request)
    form = ImportSaveForm(request.POST, request.FILES)
    if not form.is_valid():
        return HttpResponseBadRequest()
    token = form.cleaned_data["token"]
    if request.POST.get("cancel"):
        _drop_pending(request, token)
        messages.info(request, _("取込を取り消しました。"))
        return redirect("report-import")
    entry = _pending(request, token)
    if entry is None:
        upload = form.cleaned_data.get("file")
        if upload is None:
            messages.error(
                request,
                _(
                    "この取込のプレビューは見つかりません（保存済みか、期限切れです）。ファイルを選び直してください。"
                ),
            )
            return redirect("report-import")
        again = ImportForm({}, {"file": upload}, user=request.user)
        if not again.is_valid():
            return render(
                request,
                "reports/import.html",
                {"form": again, "max_upload": settings.HYOKA_MAX_UPLOAD},
                status=400,
            )
        assert again.result is not None
        entry = _entry(again.result, upload.name, again.data_bytes)
        if entry["digest"] != form.cleaned_data["digest"]:
            messages.warning(
                request,
                _(
                    "選んだファイルはプレビューしたファイルと異なります。このファイルのプレビューを表示します。"
                ),
            )
            return _preview(request, entry, _keep_pending(request, entry))
    model, import_findings = _restore(entry)
    if not can_import(request.user, model.ministry):  # checked on upload; the person's role may have changed
        raise PermissionDenied
    reason = f"取込: {entry['name']}"
    title = f"{model.measure_number} {model.title}"
    if request.POST.get("revise"):
        return _import_as_revision(request, entry, token, model, import_findings)
    try:  # revision 1 with its projections (the import's findings and the rules'), built once
        report = storage.create_report(model, request.user, reason, bureau=bureau, findings=import_findings)
    except storage.NotStorable as refused:
        messages.error(request, refused.text(lang()))
        return _preview(request, entry, token, status=422)
    except storage.DuplicateReport:
        messages.error(
            request,
            _(
                "同じ府省・施策番号・評価年度の評価書が既にあるため、新しい評価書としては保存できません。"
                "既存の評価書の新しい版として保存するか、取り消してください。"
            ),
        )
        return _preview(request, entry, token, status=409)
    _drop_pending(request, token)
    messages.success(request, _("「%(title)s」を取り込みました（版 1）。") % {"title": title})
    return redirect("report-detail", report.pk)


def _import_as_revision(
    request: HttpRequest, entry: dict[str, Any], token: str, model: EvaluationReport, findings: list[Issue]
) -> HttpResponse:
    """The person's explicit choice for a document of a stored report's ministry, measure and
    year: a new revision of that report (if they may edit it), based on its current revision."""
    existing = storage.same_report(model.ministry, model.measure_number, model.evaluation_year)
    if existing is None or str(existing.pk) != request.POST.get("revise"):
        messages.error(request, _("新しい版にする評価書が見つかりません。もう一度確認してください。"))
        return _preview(request, entry, token, status=409)
    if not can(request.user, Action.EDIT, existing):
        raise PermissionDenied
    base = _current(existing).number
    try:
        revision = storage.save_revision(
            existing.pk, base, model, request.user, f"取込: {entry['name']}", findings=findings
        )
    except storage.NotStorable as refused:
        messages.error(request, refused.text(lang()))
        return _preview(request, entry, token, status=422)
    except storage.StaleRevision as exc:
        messages.error(request, _conflict_message(exc.current))
        return _preview(request, entry, token, status=409)
    _drop_pending(request, token)
    messages.success(
        request,
        _("「%(title)s」を既存の評価書の新しい版（版 %(number)s）として保存しました。")
        % {"title": f"{model.measure_number} {model.title}", "number": revision.number},
    )
    return redirect("report-detail", existing.pk)


# --- editing -------------------------------------------------------------------------------------


@login_required
def edit_index(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    _require(request, Action.EDIT, report)
    return redirect("report-edit", pk=report.pk, section="objectives")


@login_required
@require_http_methods(["GET", "POST"])
def edit_section(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    """Edit one section; a save needs a reason and names its base revision (optimistic locking)."""
    report = _report(request, pk)
    try:
        form_class = section_form(section)
    except KeyError:
        raise Http404 from None
    _require(request, Action.EDIT, report)
    only = (request.GET.get("indicator") or None) if section == "indicators" else None
    current = _current(report)
    conflict: Revision | None = None
    status = 200
    form: SectionForm
    origin: Revision = current
    if request.method == "POST":
        try:
            base = int(request.POST.get("base_revision", ""))
        except ValueError:
            return HttpResponseBadRequest()
        if not 1 <= base <= 2**31 - 1:  # a revision number (a 32-bit column), not a database error
            return HttpResponseBadRequest()
        found = report.revisions.filter(number=base).first()
        if found is None:
            return HttpResponseBadRequest()
        origin = found
        form = form_class(storage.load(origin), request.POST, base_revision=origin.number, only=only)
        if form.is_valid() and (model := form.apply()) is not None:
            if model == form.model:
                messages.info(request, _("変更がないため、保存しませんでした。"))
            else:
                was = report.status
                try:
                    revision = storage.save_revision(
                        report.pk, origin.number, model, request.user, form.cleaned_data["reason"]
                    )
                except storage.NotStorable as refused:  # e.g. a value longer than its column
                    form.add_error(None, refused.text(lang()))
                    status = 422
                except storage.StaleRevision as stale:
                    conflict = stale.current
                    form = form_class.merged(form, storage.load(conflict), conflict.number, only=only)
                    status = 409
                    report.refresh_from_db()
                    current = _current(report)
                else:
                    count = FindingFact.objects.filter(report=report).count()
                    text = _("版 %(number)s を保存しました。指摘を再確認しました（%(count)s 件）。") % {
                        "number": revision.number,
                        "count": count,
                    }
                    if was != Report.objects.values_list("status", flat=True).get(pk=report.pk):
                        text += " " + _("状態は「作成中」に戻りました。")
                    messages.success(request, text)
                    return redirect(request.get_full_path())
        else:
            status = 400
    else:
        form = form_class(storage.load(current), base_revision=current.number, only=only)
    if section == "indicators":  # the next cycle's briefs beside the new targets
        form.briefs = {k: [p.text for p in v] for k, v in briefs_for(report, request.user).items()}
    in_section, others = _finding_rows(report, section)
    indicator_ids = [ind.id for ind in storage.load(current).indicators()] if section == "indicators" else []
    context = {
        "report": report,
        "current": current,
        "section": section,
        "section_title": SECTIONS[section],
        "sections": list(SECTIONS.items()),
        "form": form,
        "conflict": conflict,
        "conflict_message": _conflict_message(conflict) if conflict else "",
        "origin_number": origin.number if conflict else None,
        "findings": in_section,
        "other_findings": others,
        "indicator_ids": indicator_ids,
        "only": only or "",
        "workflow_actions": _workflow(request, report),
    }
    return render(request, "reports/edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def add_opinion(request: HttpRequest, pk: int) -> HttpResponse:
    """An expert adds an opinion: a new revision with the opinion appended."""
    report = _report(request, pk)
    _require(request, Action.ADD_OPINION, report)
    current = _current(report)
    model = storage.load(current)
    conflict: Revision | None = None
    status = 200
    if request.method == "POST":
        # appending commutes with any other change, so it is applied to the latest revision
        form = OpinionForm(model, request.POST, base_revision=current.number)
        if form.is_valid() and (changed := form.apply()) is not None:
            try:
                storage.save_revision(report.pk, current.number, changed, request.user, OPINION_REASON)
            except storage.NotStorable as refused:
                form.add_error(None, refused.text(lang()))
                status = 422
            except storage.StaleRevision as stale:
                conflict = stale.current
                status = 409
            else:
                messages.success(request, _("所見を追加しました。"))
                return redirect("report-opinion", pk=report.pk)
        else:
            status = 400
    else:
        form = OpinionForm(model, base_revision=current.number)
    context = {
        "report": report,
        "current": current,
        "form": form,
        "opinions": model.expert_opinions,
        "conflict": conflict,
        "conflict_message": _conflict_message(conflict) if conflict else "",
    }
    return render(request, "reports/opinion.html", context, status=status)


# --- workflow --------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def transition(request: HttpRequest, pk: int) -> HttpResponse:
    """The workflow buttons: submit, return (with a comment), approve, publish; and the trail of
    the workflow (for those who work on the report only, like the history)."""
    report = _trail(request, pk)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in ACTION_LABELS:
            return HttpResponseBadRequest()
        _require(request, Action(action), report)
        form = TransitionForm(request.POST)
        if form.is_valid():
            label = ACTION_LABELS[action]
            try:
                storage.transition(report.pk, action, request.user, form.cleaned_data["comment"].strip())
            except storage.TransitionError as exc:
                messages.error(
                    request,
                    _("「%(action)s」できませんでした: %(reason)s") % {"action": label, "reason": exc},
                )
            else:
                messages.success(request, _("「%(action)s」しました。") % {"action": label})
            return redirect(_safe_next(request, reverse("report-history", args=[report.pk])))
        status = 400
    else:
        form = TransitionForm()
        status = 200
    context = {
        "report": report,
        "transition_form": form,
        "workflow_actions": _workflow(request, report),
        "transitions": _transitions(report),
    }
    return render(request, "reports/transition.html", context, status=status)


# --- history and diffs -----------------------------------------------------------------------------


@login_required
def history(request: HttpRequest, pk: int) -> HttpResponse:
    report = _trail(request, pk)
    revisions = list(report.revisions.select_related("author").order_by("-number"))
    context = {
        "report": report,
        "revisions": revisions,
        "transitions": _transitions(report),
        "diff_form": DiffForm(initial={"a": max(1, revisions[0].number - 1), "b": revisions[0].number}),
        "numbers": [r.number for r in revisions],
        "workflow_actions": _workflow(request, report),
    }
    return render(request, "reports/history.html", context)


def _document(revision: Revision) -> dict[str, Any]:
    """A revision's JSON in the model's field order (PostgreSQL's jsonb does not keep key order)."""
    return storage.load(revision).model_dump(mode="json")


def _shown(value: Any) -> str:
    if value is ABSENT:
        return str(_("（なし）"))
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, indent=1 if isinstance(value, dict | list) else None)


@login_required
def diff(request: HttpRequest, pk: int) -> HttpResponse:
    """Field-level changes between two revisions (?a=1&b=2; by default the last change)."""
    report = _trail(request, pk)
    latest = _current(report).number
    form = DiffForm(request.GET or {"a": max(1, latest - 1), "b": latest})
    numbers = list(report.revisions.order_by("-number").values_list("number", flat=True))
    if not form.is_valid():
        return render(
            request, "reports/diff.html", {"report": report, "form": form, "numbers": numbers}, status=400
        )
    old = get_object_or_404(
        Revision.objects.select_related("author"), report=report, number=form.cleaned_data["a"]
    )
    new = get_object_or_404(
        Revision.objects.select_related("author"), report=report, number=form.cleaned_data["b"]
    )
    changes = [
        {
            "path": c.path,
            "where": c.where,
            "old": _shown(c.old),
            "new": _shown(c.new),
            "added": c.added,
            "removed": c.removed,
        }
        for c in diff_models(_document(old), _document(new))
    ]
    context = {"report": report, "form": form, "numbers": numbers, "old": old, "new": new, "changes": changes}
    return render(request, "reports/diff.html", context)


# --- comments ------------------------------------------------------------------------------------


def _section_label(section: str) -> str:
    if section == "general":
        return str(_("全体"))
    return str(SECTIONS.get(section, section))


@login_required
@require_http_methods(["GET", "POST"])
def comments(request: HttpRequest, pk: int) -> HttpResponse:
    """Comment threads by section (a named section or a JSON pointer), and a form to add one."""
    report = _report(request, pk)
    _require(request, Action.COMMENT, report)
    status = 200
    if request.method == "POST":
        form = CommentForm(request.POST)
        if form.is_valid():
            comment = Comment.objects.create(
                report=report,
                section=form.target,
                author=request.user,
                text=form.cleaned_data["text"].strip(),
            )
            messages.success(request, _("コメントを追加しました。"))
            return redirect(f"{request.path}#comment-{comment.pk}")
        status = 400
    else:
        initial_section = request.GET.get("section", "general")
        if initial_section.startswith("/"):
            form = CommentForm(initial={"pointer": initial_section})
        else:
            form = CommentForm(initial={"section": initial_section})
    threads: dict[str, list[Comment]] = {}
    for comment in report.comments.select_related("author"):
        threads.setdefault(comment.section, []).append(comment)
    context = {
        "report": report,
        "form": form,
        "threads": [{"section": s, "label": _section_label(s), "comments": c} for s, c in threads.items()],
    }
    return render(request, "reports/comments.html", context, status=status)
