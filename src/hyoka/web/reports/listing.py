"""The report list and its search (the page ``/``): the filters, each report's document kind, and
the passage of its text where the search terms are (docs/search.md).

The filters' HTML is written here rather than by Django's widget templates: with about a hundred
choices (bureaus, years) they cost more than the search itself (15 ms of a 40 ms page on the
benchmark's corpus), and a new search is always a page not cached.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Max, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from hyoka.core import DocumentKind
from hyoka.web.reports.display import (
    STATUS_LABELS,
    ja_attr,
    judgment_label,
    judgment_written_as_is,
    lang,
    status_label,
    year_label,
)
from hyoka.web.reports.models import Bureau, Ministry, Report, Role, Status
from hyoka.web.reports.permissions import current_scope, membership, role, sees_current, visible_reports
from hyoka.web.reports.public_cache import PUBLIC_PAGE_SECONDS
from hyoka.web.reports.search import MAX_QUERY_CHARS, SearchQuery, parse_query, search_visible, snippets
from hyoka.web.reports.shown import matches, shown, status_is

__all__ = [
    "KIND_LABELS",
    "PAGE_SIZE",
    "SEARCH_PAGE_SIZE",
    "ReportFilterForm",
    "kind_label",
    "list_context",
    "rows_html",
]

PAGE_SIZE = 50
SEARCH_PAGE_SIZE = 20
"""A page of search results: each row has its passage (a row a few lines tall; 50 would make a phone
page of some 20,000 px), and the passages are read for the page's reports only."""

KIND_LABELS = {
    DocumentKind.EVALUATION.value: pgettext_lazy("document kind", "評価書"),
    DocumentKind.BUDGET_SHEET.value: pgettext_lazy("document kind", "政策評価調書"),
    DocumentKind.PRE_ANALYSIS.value: pgettext_lazy("document kind", "事前分析表"),
}
"""The document kinds (``Report.kind``) in the order the filter offers them."""


def kind_label(kind: str) -> str:
    """A document kind as the reader's language names it (an unknown kind as stored)."""
    return str(KIND_LABELS.get(kind, kind))


def _choices(first: Any, pairs: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    return [("", first), *pairs]


class ReportFilterForm(forms.Form):
    """The list's filters (GET). Choices are built from the reports the user may see."""

    q = forms.CharField(
        label=_("検索語"),
        required=False,
        max_length=MAX_QUERY_CHARS,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kind = forms.ChoiceField(label=_("文書の種類"), required=False)
    ministry = forms.TypedChoiceField(label=_("府省"), required=False, coerce=int, empty_value=None)
    fiscal_year = forms.TypedChoiceField(label=_("評価年度"), required=False, coerce=int, empty_value=None)
    judgment = forms.ChoiceField(label=_("目標達成度"), required=False)
    bureau = forms.TypedChoiceField(label=_("担当部局"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("状況"), required=False)

    def __init__(self, data: Any, *, user: Any, visible: QuerySet[Report], statuses: list[str]) -> None:
        super().__init__(data, label_suffix="")
        every = _("すべて")
        self.choices_key, choices = filter_choices(user, visible)
        self.fields["kind"].choices = _choices(every, list(KIND_LABELS.items()))
        self.fields["ministry"].choices = _choices(every, choices["ministry"])
        self.fields["fiscal_year"].choices = _choices(
            every, [(y, year_label(y)) for y in choices["fiscal_year"]]
        )
        self.fields["judgment"].choices = _choices(
            every, [(j, judgment_label(j)) for j in choices["judgment"]]
        )
        self.fields["bureau"].choices = _choices(every, choices["bureau"])
        self.fields["status"].choices = _choices(every, [(s, STATUS_LABELS[Status(s)]) for s in statuses])

    def fields_html(self) -> list[dict[str, Any]]:
        """Each filter as the template writes it: label, control (HTML) and errors. The same
        markup as Django's widgets (``id_<name>``, the bound value selected), written directly."""
        shown_fields = []
        for bound in self:
            value = bound.value()
            selected = "" if value is None else str(value)
            attrs = format_html(' name="{}" id="{}"', bound.html_name, bound.id_for_label)
            if bound.errors:
                attrs = format_html('{} aria-invalid="true"', attrs)
            if isinstance(bound.field, forms.ChoiceField):
                memo = (self.choices_key, get_language(), bound.name, selected, bool(bound.errors))
                control = _SELECTS.get(memo) or _remember(
                    memo, _select(attrs, bound.field, selected, DOCUMENT_CHOICES.get(bound.name))
                )
            else:
                control = format_html(
                    '<input type="search"{} value="{}" maxlength="{}">', attrs, selected, MAX_QUERY_CHARS
                )
            shown_fields.append(
                {
                    "name": bound.name,
                    "id": bound.id_for_label,
                    "label": bound.label,
                    "control": control,
                    "errors": bound.errors,
                }
            )
        return shown_fields


_SELECTS: OrderedDict[tuple[Any, ...], SafeString] = OrderedDict()
"""A filter's ``<select>`` as written for a scope's choices (``filter_choices``' key, which changes
with any report), a language and a chosen value: the same for every new search (this process's,
at most ``SELECTS_MEMO``)."""
SELECTS_MEMO = 500


def _always(key: Any) -> bool:
    return True


DOCUMENT_CHOICES: dict[str, Callable[[Any], bool]] = {
    "ministry": _always,
    "bureau": _always,
    "judgment": judgment_written_as_is,
}
"""Filters whose choices are the documents' own words, and which of them are (a ministry's and a
bureau's names; a judgment as a ministry wrote it, not one of the five translated tiers): marked
``lang="ja"`` in the English pages."""


def _select(
    attrs: SafeString, field: forms.ChoiceField, selected: str, written: Callable[[Any], bool] | None = None
) -> SafeString:
    ja = ja_attr()
    options = format_html_join(
        "",
        '<option value="{}"{}{}>{}</option>',
        (
            (
                key,
                SafeString(" selected") if str(key) == selected else "",
                ja if written is not None and key != "" and written(key) else "",
                label,
            )
            for key, label in field.choices
        ),
    )
    return format_html("<select{}>{}</select>", attrs, options)


def _remember(memo: tuple[Any, ...], control: SafeString) -> SafeString:
    _SELECTS[memo] = control
    while len(_SELECTS) > SELECTS_MEMO:
        _SELECTS.popitem(last=False)
    return control


def filter_choices(user: Any, visible: QuerySet[Report]) -> tuple[str, dict[str, list[Any]]]:
    """The values the filters offer, and the key they are kept under: those of the reports the
    user may see. Four DISTINCT queries over every visible report (about 15 ms with 10,000), so kept
    in the cache per scope until any report changes (the key holds the newest ``updated_at``, as
    the public page cache does)."""
    m = membership(user)
    scope_key = f"{m.role}:{m.ministry_id}:{m.bureau_id}" if m is not None else "public"
    stamp = Report.objects.aggregate(newest=Max("updated_at"))["newest"]
    key = f"hyoka:filter-choices:{scope_key}:{stamp.isoformat() if stamp else '-'}"
    cached: dict[str, list[Any]] | None = cache.get(key)
    if cached is not None:
        return key, cached
    ministries = Ministry.objects.filter(reports__in=visible).distinct().order_by("name")
    if role(user) == Role.ADMIN:
        current, published = visible, visible.none()
    else:
        scope = current_scope(user)
        current, published = visible.filter(scope), visible.exclude(scope)
    # outside the scope, the published revision's year and judgment (a correction in progress
    # must not add its values to the public's choices)
    years = set(current.values_list("evaluation_year", flat=True).distinct())
    years |= set(published.values_list("published_evaluation_year", flat=True).distinct())
    current_labels = current.exclude(judgment="").values_list("judgment", flat=True).distinct()
    published_labels = (
        published.exclude(published_judgment="").values_list("published_judgment", flat=True).distinct()
    )
    bureaus = (
        Bureau.objects.filter(reports__in=visible)
        .select_related("ministry")
        .distinct()
        .order_by("ministry__name", "name")
    )
    choices: dict[str, list[Any]] = {
        "ministry": [(ministry.pk, ministry.name) for ministry in ministries],
        "fiscal_year": sorted((y for y in years if y is not None), reverse=True),
        "judgment": sorted(set(current_labels) | set(published_labels)),
        "bureau": [(b.pk, f"{b.ministry.name} {b.name}") for b in bureaus],
    }
    cache.set(key, choices, PUBLIC_PAGE_SECONDS)
    return key, choices


def statuses(user: Any) -> list[str]:
    """The statuses a user may see: public readers see published reports only."""
    if role(user) in (None, str(Role.VIEWER)):
        return [str(Status.PUBLISHED)]
    return [str(s) for s in Status.values]


def filtered(user: Any, reports: QuerySet[Report], data: dict[str, Any]) -> QuerySet[Report]:
    """``reports`` narrowed by the filters' cleaned values (each as the user may know it)."""
    if data.get("kind"):
        reports = reports.filter(kind=data["kind"])
    if data.get("ministry") is not None:
        reports = reports.filter(ministry_id=data["ministry"])
    if data.get("fiscal_year") is not None:
        reports = reports.filter(matches(user, "evaluation_year", data["fiscal_year"]))
    if data.get("judgment"):
        reports = reports.filter(matches(user, "judgment", data["judgment"]))
    if data.get("bureau") is not None:
        reports = reports.filter(bureau_id=data["bureau"])
    if data.get("status"):
        reports = reports.filter(status_is(user, data["status"]))
    return reports


def _rows(user: Any, page: Page[Report], query: SearchQuery) -> list[dict[str, Any]]:
    """The page's reports as the table shows them, each with its kind and its search passage."""
    reports = list(page.object_list)
    current = {r.pk for r in reports if sees_current(user, r)}
    published = [r.pk for r in reports if r.pk not in current]
    passages = snippets(query, sorted(current), published) if query.terms else {}
    kinds = {kind: str(label) for kind, label in KIND_LABELS.items()}
    rows = []
    for r in reports:
        known = shown(user, r)
        updated = timezone.localtime(r.updated_at)
        rows.append(
            {
                "report": r,
                "kind": kinds.get(r.kind, r.kind),
                "measure_number": known.measure_number,
                "title": known.title,
                "year": year_label(known.evaluation_year),
                "judgment": judgment_label(known.judgment),
                "judgment_as_written": judgment_written_as_is(known.judgment),
                "status": status_label(user, r),
                "snippet": passages.get(r.pk),
                # written here: the template's date filter costs 0.1 ms a call, 10 ms a page
                "updated": updated.strftime("%Y-%m-%d %H:%M"),
                "updated_iso": updated.isoformat(),
            }
        )
    return rows


_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]")
"""Kana or kanji: a search term written in Japanese (marked ``lang="ja"`` in the English pages)."""

_PK_MARK = 987654321
"""A stand-in id: the report page's address is reversed once a page and the ids put in."""


def rows_html(rows: list[dict[str, Any]]) -> SafeString:
    """The table's rows as HTML, written here rather than by a template loop: 50 rows of 8 cells
    cost about 3 ms through the template engine, a third of a new search's work (docs/search.md)."""
    before, after = reverse("report-detail", args=[_PK_MARK]).split(str(_PK_MARK))
    ja = ja_attr()  # the documents' own words (names, titles, passages) in the English pages
    return format_html_join(
        "\n",
        "<tr><td{}>{}{}</td><td>{}</td><td>{}</td>"
        '<th scope="row"><a href="{}"{}>{}</a>{}</th>'
        '<td>{}</td><td{}>{}</td><td>{}</td><td><time datetime="{}">{}</time></td></tr>',
        (
            (
                ja,
                row["report"].ministry.name,
                format_html('<br><span class="muted">{}</span>', row["report"].bureau.name)
                if row["report"].bureau
                else "",
                row["kind"],
                row["measure_number"],
                f"{before}{row['report'].pk}{after}",
                ja,
                row["title"],
                format_html('<p class="snippet muted"{}>{}</p>', ja, row["snippet"])
                if row["snippet"]
                else "",
                row["year"],
                ja if row["judgment_as_written"] else "",
                row["judgment"],
                row["status"],
                row["updated_iso"],
                row["updated"],
            )
            for row in rows
        ),
    )


def list_context(request: HttpRequest) -> dict[str, Any]:
    """What ``reports/list.html`` shows for this request: the filters, the page of results (with
    kinds and passages), and the query with the years it names."""
    user = request.user
    visible = visible_reports(user)
    form = ReportFilterForm(request.GET or None, user=user, visible=visible, statuses=statuses(user))
    reports = visible
    q = ""
    if form.is_bound:
        form.is_valid()  # an invalid filter is shown with its error and not applied
        q = form.cleaned_data.get("q") or ""
        reports = filtered(user, reports, form.cleaned_data)
    query = parse_query(q)
    reports = search_visible(query, reports, current_scope(user)).select_related("ministry", "bureau")
    size = SEARCH_PAGE_SIZE if query.terms else PAGE_SIZE
    page = Paginator(reports, size).get_page(request.GET.get("page"))
    rows = _rows(user, page, query)
    return {
        "form": form,
        "filters": form.fields_html(),
        "page": page,
        "rows": rows,
        "rows_html": rows_html(rows),
        "q": q,
        "q_html": format_html("<span{}>{}</span>", ja_attr(), q) if ja_attr() and _JAPANESE.search(q) else q,
        "years": ("、" if lang() == "ja" else ", ").join(year_label(y) for y in query.years),
    }
