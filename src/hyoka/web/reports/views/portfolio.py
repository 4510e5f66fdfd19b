"""The portfolio dashboard and its lists (judgments, grades recorded against proposed, budget
execution, the target audit), and the loading of a reader's portfolio, which the API and the
``hyoka_portfolio`` command use too.

Who sees what. The public and viewers must never see an unpublished number: their judgments are
the published judgments of the published reports, and their numbers (indicators, grades, budget)
come only from reports whose current revision is the published one, because the projections are
those of the current revision. Signed-in editors, reviewers, experts and admins count the reports
of their scope (``permissions.current_scope``) with their current revision, drafts included, and
everything else they may see as the public does.

Speed. The panels are computed by ``hyoka.analytics.portfolio`` over rows read in a few queries
(about a second for 10,000 reports), once per scope and state of the reports: the result is kept
in this process, keyed by the scope and the newest ``Report.updated_at`` of the reports the scope
sees (with their count and the hand links), so every other view only filters it and renders.
Anonymous pages are cached whole besides (``public_cache``).
"""

from __future__ import annotations

import gc
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any, TypeVar

from django import forms
from django.core.cache import cache as django_cache
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, F, Max, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from hyoka.analytics import (
    JUDGMENT_COLUMNS,
    AuditKind,
    BudgetRow,
    IndicatorRow,
    IndicatorSummary,
    JudgmentCount,
    Portfolio,
    PortfolioThresholds,
    ReportRef,
    build_portfolio,
)
from hyoka.core import Tier
from hyoka.services import resolve_profile
from hyoka.web.reports.display import number_text, year_label
from hyoka.web.reports.models import BudgetFact, IndicatorFact, IndicatorLink, Ministry, Report, Role
from hyoka.web.reports.permissions import current_scope, role
from hyoka.web.reports.public_cache import public_cache
from hyoka.web.reports.widgets import DocumentSelect

T = TypeVar("T")

__all__ = [
    "ADMIN_SCOPE",
    "LISTS",
    "PAGE_SIZE",
    "PANEL_ROWS",
    "PortfolioScope",
    "dashboard",
    "list_json",
    "load_portfolio",
    "portfolio_json",
    "portfolio_list",
    "portfolio_state",
    "scope_for",
]

PAGE_SIZE = 50
PANEL_ROWS = 5
"""Entries of each list shown on the dashboard; the rest are on the list's own pages."""

PORTFOLIO_SECONDS = 600
"""How long a rendered panel stays in Django's cache at most (its key changes with the reports anyway)."""

_MEMO_SIZE = 8
"""Portfolios kept per process: the public's, an admin's, and a few ministries' and bureaus'."""

GRADES = "grades"
BUDGET = "budget"
LISTS: dict[str, Any] = {
    AuditKind.SOFTENED.value: _("目標値の引下げ"),
    AuditKind.REPEATED_MISSES.value: _("目標未達の連続"),
    AuditKind.FAR_ABOVE.value: _("目標の大幅な超過"),
    AuditKind.MAIN_WITHOUT_NUMBERS.value: _("数値目標のない主要な指標"),
    GRADES: _("記録された評定と提案の相違"),
    BUDGET: _("予算の執行率（低い順）"),
}
"""Every list of the portfolio, by its slug in the URL, with its heading."""

AUDIT_HELP: dict[str, Any] = {
    AuditKind.SOFTENED.value: _(
        "定量的な指標で、ある年度の目標値が、それより前の年度の目標値、または同じ施策の前の評価書で"
        "同じ年度に設定した目標値より低いもの（小さいほど良い指標では高いもの）。"
    ),
    AuditKind.REPEATED_MISSES.value: _("実績値が目標値に届かない年度が2年度以上続いたもの。"),
    AuditKind.FAR_ABOVE.value: _(
        "実績値のある最後の年度に、実績値が目標値の1.5倍以上のもの（小さいほど良い指標では1/1.5以下）。"
        "目標が低すぎた可能性があります。"
    ),
    AuditKind.MAIN_WITHOUT_NUMBERS.value: _(
        "主要な測定指標のうち、定性的なもの、または数値の目標値がないもの。"
    ),
}

TIER_LABELS: dict[str, Any] = {
    Tier.EXCEEDED.value: _("目標超過達成"),
    Tier.ACHIEVED.value: _("目標達成"),
    Tier.SUBSTANTIAL_PROGRESS.value: _("相当程度進展あり"),
    Tier.LIMITED_PROGRESS.value: _("進展が大きくない"),
    Tier.NOT_PROGRESSING.value: _("目標に向かっていない"),
    "other": _("その他の区分"),
    "none": _("判定なし"),
}
REASONS: dict[str, Any] = {"qualitative": _("定性的な指標"), "no_numeric_target": _("数値の目標値なし")}


# --- the reader's scope and the portfolio ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PortfolioScope:
    """Whose portfolio: ``current`` selects the reports whose current revision the reader works on
    (None: every report, an admin); every other published report counts as the public sees it."""

    key: str
    current: Q | None

    @property
    def everything(self) -> bool:
        return self.current is None


ADMIN_SCOPE = PortfolioScope("all", None)


def scope_for(user: Any) -> PortfolioScope:
    if role(user) == Role.ADMIN:
        return ADMIN_SCOPE
    current = current_scope(user)
    return PortfolioScope(f"current:{current}", current)


def _published_as_is() -> Q:
    """Published reports with no correction in progress: their facts are the published numbers."""
    return Q(published_revision__isnull=False, published_revision_id=F("current_revision_id"))


def _visible(scope: PortfolioScope) -> QuerySet[Report]:
    if scope.current is None:
        return Report.objects.all()
    return Report.objects.filter(scope.current | Q(published_revision__isnull=False))


def _fact_reports(scope: PortfolioScope) -> QuerySet[Report]:
    if scope.current is None:
        return Report.objects.all()
    return Report.objects.filter(scope.current | _published_as_is())


def _stamp(scope: PortfolioScope) -> tuple[Any, ...]:
    """What the scope's portfolio depends on: its reports (newest update, how many) and the hand
    links between indicators. A save, a transition or a deletion changes it."""
    visible = _visible(scope).aggregate(newest=Max("updated_at"), count=Count("id"))
    links = IndicatorLink.objects.aggregate(newest=Max("id"), count=Count("id"))
    return (visible["newest"], visible["count"], links["newest"], links["count"])


@cache
def _thresholds() -> PortfolioThresholds:
    return PortfolioThresholds.from_profile(resolve_profile())


def _decimal(value: Any) -> Decimal | None:
    """A number from the database cursor as Decimal (SQLite gives int or float, PostgreSQL Decimal)."""
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(str(value))


def _raw_rows(queryset: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """The rows of a ``values_list`` query straight from the cursor: the ORM's per-value
    conversion costs more than the query for 100,000 rows."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _judgment_counts(scope: PortfolioScope) -> list[JudgmentCount]:
    """Reports per ministry, evaluation year and judgment: the current judgment of the reports in
    scope, the published judgment of every other published report."""
    groups: list[QuerySet[Any]] = []
    if scope.current is None:
        groups.append(Report.objects.values_list("ministry__name", "evaluation_year", "judgment"))
    else:
        groups.append(
            Report.objects.filter(scope.current).values_list("ministry__name", "evaluation_year", "judgment")
        )
        groups.append(
            Report.objects.filter(published_revision__isnull=False)
            .exclude(scope.current)
            .values_list("ministry__name", "published_evaluation_year", "published_judgment")
        )
    counts: list[JudgmentCount] = []
    for group in groups:
        for ministry, year, label, n in group.annotate(n=Count("id")).order_by():
            counts.append(JudgmentCount(ministry, year, label or "", n))
    return counts


def _build(scope: PortfolioScope) -> Portfolio:
    reports = _fact_reports(scope)
    refs = {
        pk: ReportRef(pk, ministry, measure, year, title)
        for pk, ministry, measure, year, title in reports.values_list(
            "id", "ministry__name", "measure_number", "evaluation_year", "title"
        )
    }
    ids = reports.values("id")
    facts = IndicatorFact.objects.filter(report__in=ids, kind="quantitative").values_list(
        "report_id",
        "indicator_id",
        "name",
        "is_main",
        "direction",
        "fiscal_year",
        "series",
        "target",
        "actual",
        "recorded_grade",
        "proposed_grade",
    )
    indicators = [
        IndicatorRow(
            report=refs[report_id],
            indicator_id=indicator_id,
            name=name,
            kind="quantitative",
            direction=direction,
            fiscal_year=fiscal_year,
            series=series,
            target=_decimal(target),
            actual=_decimal(actual),
            is_main=bool(is_main),
            recorded_grade=recorded,
            proposed_grade=proposed,
        )
        for (
            report_id,
            indicator_id,
            name,
            is_main,
            direction,
            fiscal_year,
            series,
            target,
            actual,
            recorded,
            proposed,
        ) in _raw_rows(facts)
        if report_id in refs
    ]
    mains = [
        IndicatorSummary(refs[report_id], indicator_id, name, kind, targets > 0)
        for report_id, indicator_id, name, kind, targets in _raw_rows(
            IndicatorFact.objects.filter(report__in=ids, is_main=True)
            .values_list("report_id", "indicator_id", "name", "kind")
            .annotate(targets=Count("target"))
            .order_by()
        )
        if report_id in refs
    ]
    budget = [
        BudgetRow(refs[report_id], fiscal_year, _decimal(total), _decimal(executed))
        for report_id, fiscal_year, total, executed in _raw_rows(
            BudgetFact.objects.filter(report__in=ids).values_list(
                "report_id", "fiscal_year", "total", "executed"
            )
        )
        if report_id in refs
    ]
    links = [
        ((earlier, earlier_indicator), (later, later_indicator))
        for earlier, earlier_indicator, later, later_indicator in IndicatorLink.objects.filter(
            earlier__in=ids, later__in=ids
        ).values_list("earlier_id", "earlier_indicator", "later_id", "later_indicator")
    ]
    return build_portfolio(_judgment_counts(scope), indicators, mains, budget, _thresholds(), links)


_memo: OrderedDict[tuple[Any, ...], Portfolio] = OrderedDict()
_memo_lock = threading.Lock()


def portfolio_state(scope: PortfolioScope) -> tuple[Any, ...]:
    """The key of the scope's portfolio as the reports now stand (the database, the scope, the
    stamp): every cache of the portfolio and of what is made from it is keyed by it."""
    return (connection.alias, connection.settings_dict.get("NAME"), scope.key, *_stamp(scope))


def load_portfolio(scope: PortfolioScope, state: tuple[Any, ...] | None = None) -> Portfolio:
    """The scope's whole portfolio, computed once per ``portfolio_state`` (see the module)."""
    key = state or portfolio_state(scope)
    with _memo_lock:
        found = _memo.get(key)
        if found is not None:
            _memo.move_to_end(key)
            return found
    # Hundreds of thousands of small objects, all kept: the cyclic garbage collector would traverse
    # them again and again while they are made (it doubled the time on 10,000 reports), and then in
    # every full collection of a later request (a 140 ms pause). They hold no reference cycles
    # (reference counting frees them when the memo drops them), so they are moved out of its sight.
    # gc.freeze() freezes every object of the process: the collection just before it frees the
    # cyclic garbage of earlier requests, which would otherwise be frozen (never freed) with them.
    collecting = gc.isenabled()
    gc.disable()
    try:
        built = _build(scope)
    finally:
        gc.collect()
        gc.freeze()
        if collecting:
            gc.enable()
    with _memo_lock:
        _memo[key] = built
        while len(_memo) > _MEMO_SIZE:
            _memo.popitem(last=False)
    return built


def cached(state: tuple[Any, ...], what: str, compute: Callable[[], T]) -> T:
    """``compute()`` kept in Django's cache under the portfolio's state and ``what`` (the filters,
    the page, the language): a repeated view costs one cache read, for signed-in readers too."""
    raw = "|".join(map(str, (*state, what)))
    key = "hyoka:portfolio:" + hashlib.sha256(raw.encode("utf-8")).hexdigest()
    found: T | None = django_cache.get(key)
    if found is None:
        found = compute()
        django_cache.set(key, found, PORTFOLIO_SECONDS)
    return found


# --- presentation helpers ------------------------------------------------------------------------------


def _num(value: Decimal | None) -> str:
    return number_text(value) or "—"


def _percent(rate: Decimal | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def _bar(rate: Decimal | None) -> str:
    """The width of a rate's bar (CSS), capped at 100%."""
    if rate is None:
        return "0%"
    return f"{min(max(rate, Decimal(0)), Decimal(1)) * 100:.1f}%"


class PortfolioFilterForm(forms.Form):
    """The dashboard's filters (GET); the choices are the ministries and years of the portfolio."""

    ministry = forms.TypedChoiceField(
        label=_("府省"), required=False, coerce=int, empty_value=None, widget=DocumentSelect
    )
    fiscal_year = forms.TypedChoiceField(label=_("評価年度"), required=False, coerce=int, empty_value=None)

    def __init__(self, data: Any, *, ministries: list[tuple[int, str]], years: list[int]) -> None:
        super().__init__(data, label_suffix="")
        every = _("すべて")
        self.fields["ministry"].choices = [("", every), *ministries]
        self.fields["fiscal_year"].choices = [("", every)] + [(y, year_label(y)) for y in reversed(years)]


@dataclass
class _Filters:
    form: PortfolioFilterForm
    ministry: str | None
    ministry_id: int | None
    year: int | None

    @property
    def query(self) -> str:
        parts = []
        if self.ministry_id is not None:
            parts.append(f"ministry={self.ministry_id}")
        if self.year is not None:
            parts.append(f"fiscal_year={self.year}")
        return "&".join(parts)


def _choices(scope: PortfolioScope, state: tuple[Any, ...]) -> tuple[list[tuple[int, str]], list[int]]:
    """The filters' choices: (ministry id, name) and the evaluation years of the portfolio."""

    def compute() -> tuple[list[tuple[int, str]], list[int]]:
        portfolio = load_portfolio(scope, state)
        ids = dict(Ministry.objects.filter(name__in=portfolio.ministries).values_list("name", "id"))
        return [(ids[n], n) for n in portfolio.ministries if n in ids], list(portfolio.years)

    return cached(state, "choices", compute)


def _filters(request: HttpRequest, scope: PortfolioScope, state: tuple[Any, ...]) -> _Filters:
    ministries, years = _choices(scope, state)
    form = PortfolioFilterForm(request.GET or None, ministries=ministries, years=years)
    ministry_id = year = None
    name = None
    if form.is_bound and form.is_valid():  # an invalid filter is shown with its error and not applied
        ministry_id = form.cleaned_data.get("ministry")
        year = form.cleaned_data.get("fiscal_year")
        name = dict(ministries).get(ministry_id) if ministry_id is not None else None
    return _Filters(form, name, ministry_id, year)


def _list_link(ids: dict[str, int], ministry: str, year: int | None, judgment: str = "") -> str:
    """The list of reports for a row (the list page's own filters)."""
    parts = [f"ministry={ids[ministry]}"] if ministry in ids else []
    if year is not None:
        parts.append(f"fiscal_year={year}")
    if judgment:
        parts.append(f"judgment={judgment}")  # a tier's label: as an IRI, a third of its percent-encoding
    return reverse("report-list") + "?" + "&".join(parts)


def _panel_link(kind: str, ids: dict[str, int], ministry: str, year: int | None) -> str:
    """One of the portfolio's lists, filtered to a row of a panel."""
    parts = [f"ministry={ids[ministry]}"] if ministry in ids else []
    if year is not None:
        parts.append(f"fiscal_year={year}")
    return reverse("portfolio-list", args=[kind]) + "?" + "&".join(parts)


def _scope_note(request: HttpRequest) -> Any:
    if scope_for(request.user).current is None:
        return _("すべての評価書を、作成中のものも含めて現在の版で集計しています。")
    if role(request.user) in (None, str(Role.VIEWER)):
        return _(
            "公表済みの評価書だけを集計しています（判定は公表された判定、数値は公表後に訂正中でない評価書のもの）。"
        )
    return _(
        "担当する評価書は作成中の版も含めて集計し、そのほかは公表済みの評価書を公表された内容で集計しています。"
    )


@dataclass(frozen=True)
class _Level:
    """What the panels' rows are: ministries (no ministry chosen; each opens the dashboard on its
    years) or the years of the chosen ministry. ``year`` is the year filter, if any."""

    ids: dict[str, int]
    per_ministry: bool
    year: int | None

    def label(self, ministry: str, year: int | None) -> str:
        return ministry if self.per_ministry else year_label(year)

    def drill(self, ministry: str) -> str:
        """The dashboard of a ministry row (its years), keeping the year filter."""
        if not self.per_ministry or ministry not in self.ids:
            return ""
        year = f"&fiscal_year={self.year}" if self.year is not None else ""
        return f"{reverse('portfolio')}?ministry={self.ids[ministry]}{year}"

    def row_year(self, year: int | None) -> int | None:
        return self.year if self.per_ministry else year


def _judgment_rows(portfolio: Portfolio, level: _Level) -> list[dict[str, Any]]:
    rows = []
    for row in portfolio.judgments.rows:
        year = level.row_year(row.evaluation_year)
        cells = []
        for column, count in zip(JUDGMENT_COLUMNS, row.counts, strict=True):
            tier = column not in ("other", "none")
            link = _list_link(level.ids, row.ministry, year, column if tier else "")
            cells.append({"count": count, "link": link if count else ""})
        rows.append(
            {
                "label": level.label(row.ministry, row.evaluation_year),
                "drill": level.drill(row.ministry),
                "cells": cells,
                "total": row.total,
                "link": _list_link(level.ids, row.ministry, year),
            }
        )
    return rows


def _rate_row(rate: Decimal | None) -> dict[str, str]:
    return {"text": _percent(rate), "bar": _bar(rate)}


def _entry_row(entry: Any) -> dict[str, Any]:
    """An audit entry for the templates: the report, the indicator and the numbers as text."""
    return {
        "entry": entry,
        "report_year": year_label(entry.report.evaluation_year),
        "years": [
            {"year": year_label(y.fiscal_year), "target": _num(y.target), "actual": _num(y.actual)}
            for y in entry.years
        ],
        "earlier_year": year_label(entry.earlier_report.evaluation_year) if entry.earlier_report else "",
        "ratio": _num(entry.ratio) if entry.ratio is not None else "",
        "reason": REASONS.get(entry.reason, ""),
    }


def _grade_row(item: Any) -> dict[str, Any]:
    return {"entry": item, "report_year": year_label(item.report.evaluation_year)}


def _budget_row(item: Any) -> dict[str, Any]:
    return {
        "entry": item,
        "report_year": year_label(item.report.evaluation_year),
        "year": year_label(item.fiscal_year),
        "total": _num(item.total),
        "executed": _num(item.executed),
        "rate": _rate_row(item.rate),
    }


def _list_rows(kind: str, portfolio: Portfolio) -> list[Any]:
    if kind == GRADES:
        return list(portfolio.grades.disagreements)
    if kind == BUDGET:
        return list(portfolio.budget.lowest)
    return list(portfolio.audit.entries(AuditKind(kind)))


def _present(kind: str, items: list[Any]) -> list[dict[str, Any]]:
    if kind == GRADES:
        return [_grade_row(i) for i in items]
    if kind == BUDGET:
        return [_budget_row(i) for i in items]
    return [_entry_row(i) for i in items]


def _panels_context(portfolio: Portfolio, suffix: str, year: int | None) -> dict[str, Any]:
    level = _Level(dict(Ministry.objects.values_list("name", "id")), portfolio.ministry is None, year)
    if level.per_ministry:
        portfolio = portfolio.by_ministry()
    return {
        "suffix": suffix,
        "per_ministry": level.per_ministry,
        "columns": [TIER_LABELS[c] for c in JUDGMENT_COLUMNS],
        "judgments": _judgment_rows(portfolio, level),
        "judgment_total": portfolio.judgments.total,
        "grades": [
            {
                "group": g,
                "label": level.label(g.ministry, g.evaluation_year),
                "drill": level.drill(g.ministry),
                "rate": _rate_row(g.rate),
                "link": _panel_link(GRADES, level.ids, g.ministry, level.row_year(g.evaluation_year)),
            }
            for g in portfolio.grades.rows
        ],
        "grade_total": portfolio.grades.total,
        "grade_total_rate": _rate_row(portfolio.grades.total.rate),
        "disagreements": [_grade_row(d) for d in portfolio.grades.disagreements[:PANEL_ROWS]],
        "disagreement_count": len(portfolio.grades.disagreements),
        "budget": [
            {
                "group": b,
                "label": level.label(b.ministry, b.evaluation_year),
                "drill": level.drill(b.ministry),
                "mean": _rate_row(b.mean),
                "lowest": _percent(b.lowest),
                "link": _panel_link(BUDGET, level.ids, b.ministry, level.row_year(b.evaluation_year)),
            }
            for b in portfolio.budget.rows
        ],
        "budget_total": portfolio.budget.total,
        "budget_total_mean": _rate_row(portfolio.budget.total.mean),
        "low_execution": _percent(portfolio.budget.low_execution),
        "lowest": [_budget_row(b) for b in portfolio.budget.lowest[:PANEL_ROWS]],
        "lowest_count": len(portfolio.budget.lowest),
        "audit": [
            {
                "kind": kind.value,
                "title": LISTS[kind.value],
                "help": AUDIT_HELP[kind.value],
                "count": len(portfolio.audit.entries(kind)),
                "rows": [_entry_row(e) for e in portfolio.audit.entries(kind)[:PANEL_ROWS]],
            }
            for kind in AuditKind
        ],
    }


# --- the pages -----------------------------------------------------------------------------------------


@require_GET
@public_cache
def dashboard(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    state = portfolio_state(scope)
    filters = _filters(request, scope, state)
    suffix = f"?{filters.query}" if filters.query else ""

    def panels() -> str:
        portfolio = load_portfolio(scope, state).filtered(filters.ministry, filters.year)
        context = _panels_context(portfolio, suffix, filters.year)
        return render_to_string("reports/portfolio/panels.html", context, request)

    html = cached(state, f"panels|{filters.query}|{get_language()}", panels)
    context = {"form": filters.form, "scope_note": _scope_note(request), "panels": mark_safe(html)}
    return render(request, "reports/portfolio/dashboard.html", context)


@require_GET
@public_cache
def portfolio_list(request: HttpRequest, kind: str) -> HttpResponse:
    """One list of the portfolio (an audit list, the grade disagreements, the execution rates), paged."""
    if kind not in LISTS:
        raise Http404
    scope = scope_for(request.user)
    state = portfolio_state(scope)
    filters = _filters(request, scope, state)
    asked = request.GET.get("page", "")
    number = asked if asked.isdigit() and len(asked) <= 6 else "1"

    def table() -> str:
        portfolio = load_portfolio(scope, state).filtered(filters.ministry, filters.year)
        page = Paginator(_list_rows(kind, portfolio), PAGE_SIZE).get_page(number)
        context = {
            "kind": kind,
            "title": LISTS[kind],
            "query": filters.query,
            "page": page,
            "rows": _present(kind, list(page.object_list)),
        }
        return render_to_string("reports/portfolio/list_table.html", context, request)

    html = cached(state, f"list|{kind}|{filters.query}|{number}|{get_language()}", table)
    context = {
        "kind": kind,
        "title": LISTS[kind],
        "help": AUDIT_HELP.get(kind, ""),
        "form": filters.form,
        "scope_note": _scope_note(request),
        "table": mark_safe(html),
    }
    return render(request, "reports/portfolio/list.html", context)


# --- JSON (the API and the hyoka_portfolio command) ----------------------------------------------------


def portfolio_json(
    scope: PortfolioScope, ministry: str | None, year: int | None, limit: int | None
) -> dict[str, Any]:
    """The portfolio as JSON (``Portfolio.to_json``), filtered by ministry name and evaluation year,
    each list cut to ``limit`` entries; kept in the cache like the pages."""
    state = portfolio_state(scope)

    def compute() -> dict[str, Any]:
        return load_portfolio(scope, state).filtered(ministry, year).to_json(limit)

    return cached(state, f"json|{ministry}|{year}|{limit}", compute)


def list_json(
    scope: PortfolioScope, kind: str, ministry: str | None, year: int | None, limit: int, offset: int
) -> dict[str, Any]:
    """One list of the portfolio (``LISTS``), filtered and sliced: ``{"count", "items"}``."""
    state = portfolio_state(scope)

    def compute() -> dict[str, Any]:
        items = _list_rows(kind, load_portfolio(scope, state).filtered(ministry, year))
        return {"count": len(items), "items": [i.to_json() for i in items[offset : offset + limit]]}

    return cached(state, f"list-json|{kind}|{ministry}|{year}|{limit}|{offset}", compute)
