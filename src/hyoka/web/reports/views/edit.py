"""Editing by section: each section's form, the findings beside it, and the save with its
conflict check. Each view checks permission (404 when the report must not be seen at all, 403 when
it may be seen but not changed), then calls forms, storage and the services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hyoka.core import EvaluationReport
from hyoka.web.reports import kept_findings, storage
from hyoka.web.reports.carry_forward import briefs_for
from hyoka.web.reports.display import lang, year_label
from hyoka.web.reports.finding_table import finding_table
from hyoka.web.reports.forms import SECTIONS, SectionForm
from hyoka.web.reports.listing import kind_label
from hyoka.web.reports.models import FindingFact, Report, Revision
from hyoka.web.reports.permissions import Action, can
from hyoka.web.reports.sections import section_form, sections_for
from hyoka.web.reports.views.common import (
    conflict_message,
    current_revision,
    finding_rows,
    require,
    safe_next,
    visible_report,
    workflow_actions,
)


@login_required
def edit_index(request: HttpRequest, pk: int) -> HttpResponse:
    report = visible_report(request, pk)
    require(request, Action.EDIT, report)
    first = sections_for(storage.load(current_revision(report)))[0][0]
    return redirect("report-edit", pk=report.pk, section=first)


def _duplicate(form: SectionForm, report: Report, model: EvaluationReport) -> bool:
    """A change of measure number or evaluation year onto another stored report's: a form error
    (one report per ministry, measure and year; docs/workspace.md)."""
    if (model.measure_number, model.evaluation_year) == (
        form.model.measure_number,
        form.model.evaluation_year,
    ):
        return False
    other = storage.same_report(
        model.ministry, model.measure_number, model.evaluation_year, model.kind, exclude=report.pk
    )
    if other is None:
        return False
    form.add_error(
        None,
        _("%(ministry)s の施策 %(measure)s・評価年度 %(year)s の%(kind)sは既にあります（%(title)s）。")
        % {
            "ministry": model.ministry,
            "measure": model.measure_number,
            "year": year_label(model.evaluation_year),
            "kind": kind_label(model.kind),
            "title": other.title,
        },
    )
    return True


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
    sections = sections_for(storage.load(current))
    if section not in dict(sections):
        raise Http404
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
            if _duplicate(form, report, model):
                status = 409
            elif model == form.model:
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
    form.propose()  # the rules' proposals beside the grades and the judgment
    shown = storage.load(current)
    in_section, others = (finding_table(rows, shown) for rows in finding_rows(report, section))
    indicator_ids = [ind.id for ind in storage.load(current).indicators()] if section == "indicators" else []
    context = {
        "report": report,
        "current": current,
        "section": section,
        "section_title": SECTIONS[section],
        "sections": sections,
        "form": form,
        "conflict": conflict,
        "conflict_message": conflict_message(conflict) if conflict else "",
        "origin_number": origin.number if conflict else None,
        "findings": in_section,
        "other_findings": others,
        "indicator_ids": indicator_ids,
        "only": only or "",
        "workflow_actions": workflow_actions(request, report),
        **kept_findings.page_context(request.user, report),
    }
    return render(request, "reports/edit.html", context, status=status)


@login_required
@require_http_methods(["POST"])
def resolve_finding(request: HttpRequest, pk: int, finding: int) -> HttpResponse:
    """Mark one import finding resolved (who and when are kept); back to the page it was pressed on."""
    report = visible_report(request, pk)
    if not can(request.user, Action.TRAIL, report):
        raise Http404
    if not kept_findings.may_resolve(request.user, report):
        raise PermissionDenied
    resolved = kept_findings.resolve(report, finding, request.user)
    if resolved is None:
        messages.info(request, _("この指摘は既に解決済みか、見つかりません。"))
    else:
        messages.success(
            request,
            _("取込時の指摘 %(code)s（%(place)s）を解決済みにしました。")
            % {"code": resolved.code, "place": kept_findings.place_of(report, resolved.location)},
        )
    return redirect(safe_next(request, reverse("report-detail", args=[report.pk])))
