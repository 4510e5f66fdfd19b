"""Editing by section: each section's form, the findings beside it, and the save with its
conflict check. Each view checks permission (404 when the report must not be seen at all, 403 when
it may be seen but not changed), then calls forms, storage and the services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hyoka.web.reports import storage
from hyoka.web.reports.carry_forward import briefs_for
from hyoka.web.reports.display import lang
from hyoka.web.reports.forms import (
    SECTIONS,
    SectionForm,
    section_form,
)
from hyoka.web.reports.models import FindingFact, Report, Revision
from hyoka.web.reports.permissions import Action
from hyoka.web.reports.views.common import (
    conflict_message,
    current_revision,
    finding_rows,
    require,
    visible_report,
    workflow_actions,
)


@login_required
def edit_index(request: HttpRequest, pk: int) -> HttpResponse:
    report = visible_report(request, pk)
    require(request, Action.EDIT, report)
    return redirect("report-edit", pk=report.pk, section="objectives")


@login_required
@require_http_methods(["GET", "POST"])
def edit_section(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    """Edit one section; a save needs a reason and names its base revision (optimistic locking)."""
    report = visible_report(request, pk)
    try:
        form_class = section_form(section)
    except KeyError:
        raise Http404 from None
    require(request, Action.EDIT, report)
    only = (request.GET.get("indicator") or None) if section == "indicators" else None
    current = current_revision(report)
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
                    current = current_revision(report)
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
    in_section, others = finding_rows(report, section)
    indicator_ids = [ind.id for ind in storage.load(current).indicators()] if section == "indicators" else []
    context = {
        "report": report,
        "current": current,
        "section": section,
        "section_title": SECTIONS[section],
        "sections": list(SECTIONS.items()),
        "form": form,
        "conflict": conflict,
        "conflict_message": conflict_message(conflict) if conflict else "",
        "origin_number": origin.number if conflict else None,
        "findings": in_section,
        "other_findings": others,
        "indicator_ids": indicator_ids,
        "only": only or "",
        "workflow_actions": workflow_actions(request, report),
    }
    return render(request, "reports/edit.html", context, status=status)
