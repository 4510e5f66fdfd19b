"""Import by upload: the file is read and previewed with its findings, kept in the session
until saved, and saved as a new report or, by the person's choice, a new revision of the stored one."""

from __future__ import annotations

import hashlib
import json
import secrets
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hyoka.core import EvaluationReport, Issue
from hyoka.services import ImportResult, check_report_result, summarize
from hyoka.web.reports import storage
from hyoka.web.reports.display import judgment_label, lang, year_label
from hyoka.web.reports.finding_table import finding_table
from hyoka.web.reports.forms import (
    ImportForm,
    ImportSaveForm,
    cell_text,
)
from hyoka.web.reports.models import Role
from hyoka.web.reports.permissions import Action, can, can_import, can_see, membership, role
from hyoka.web.reports.shown import shown
from hyoka.web.reports.views.common import (
    conflict_message,
    current_revision,
)

PENDING_KEY = "hyoka_pending_imports"

PENDING_MAX_CHARS = 4_000_000
"""a previewed import larger than this is not kept in the session: the file is chosen again to save"""

PENDING_MAX_COUNT = 3


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
            "year": year_label(b.fiscal_year),
            "initial": cell_text(b.initial),
            "total": cell_text(b.total),
            "executed": cell_text(b.executed),
        }
        for b in summary.budget_years
    ]
    findings = [("import", f) for f in finding_table(import_findings, model)] + [
        ("rules", f) for f in finding_table(checked.findings, model)
    ]
    existing = storage.same_report(model.ministry, model.measure_number, model.evaluation_year, model.kind)
    _ministry, bureau = _importer(request)
    other_bureau = bool(bureau and model.bureau and bureau != model.bureau)
    context = {
        "entry": entry,
        "summary": summary,
        # every year written one way (display.year_label): 令和2年度 (2020年度), FY2020 (Reiwa 2)
        "evaluation_year": year_label(summary.evaluation_year),
        "window": ("、" if lang() == "ja" else ", ").join(year_label(y) for y in summary.window),
        "judgment": judgment_label(summary.judgment_label),
        "proposed_judgment": judgment_label(checked.judgment.proposed.label)
        if checked.judgment.proposed
        else "",
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
                "同じ府省・施策番号・評価年度・種類の文書が既にあるため、新しい文書としては保存できません。"
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
    existing = storage.same_report(model.ministry, model.measure_number, model.evaluation_year, model.kind)
    if existing is None or str(existing.pk) != request.POST.get("revise"):
        messages.error(request, _("新しい版にする評価書が見つかりません。もう一度確認してください。"))
        return _preview(request, entry, token, status=409)
    if not can(request.user, Action.EDIT, existing):
        raise PermissionDenied
    base = current_revision(existing).number
    try:
        revision = storage.save_revision(
            existing.pk, base, model, request.user, f"取込: {entry['name']}", findings=findings
        )
    except storage.NotStorable as refused:
        messages.error(request, refused.text(lang()))
        return _preview(request, entry, token, status=422)
    except storage.StaleRevision as exc:
        messages.error(request, conflict_message(exc.current))
        return _preview(request, entry, token, status=409)
    _drop_pending(request, token)
    messages.success(
        request,
        _("「%(title)s」を既存の評価書の新しい版（版 %(number)s）として保存しました。")
        % {"title": f"{model.measure_number} {model.title}", "number": revision.number},
    )
    return redirect("report-detail", existing.pk)
