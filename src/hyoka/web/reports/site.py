"""What every page carries around its content: the breadcrumbs (where the page sits, from its URL
name and the report it is about) and the footer's publisher, terms of use and contact.

The contact is the operator's (``HYOKA_CONTACT``: an e-mail address or an http(s) URL; see
docs/operations.md). Without it, the site's ``webmaster@`` address (RFC 2142) at the first host
of ``HYOKA_ALLOWED_HOSTS`` that is a name is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hyoka.web.reports.display import year_label
from hyoka.web.reports.models import Report
from hyoka.web.reports.shown import shown

__all__ = ["Contact", "Crumb", "breadcrumbs", "contact"]

_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$|^[^@\s<>\"]+@[A-Za-z0-9.-]+$")


@dataclass(frozen=True)
class Contact:
    """The footer's contact: where the link goes and what it shows."""

    href: str
    text: str


def contact() -> Contact:
    """The operator's contact (``HYOKA_CONTACT``), or ``webmaster@`` the site's host name."""
    value = str(getattr(settings, "HYOKA_CONTACT", "") or "").strip()
    if not value:
        hosts = [h.lstrip(".") for h in settings.ALLOWED_HOSTS if h not in ("*", "testserver")]
        names = [h for h in hosts if h and not h.replace(".", "").isdigit()]
        value = f"webmaster@{names[0] if names else 'localhost'}"
    if value.startswith(("https://", "http://")):
        return Contact(value, urlsplit(value).netloc + urlsplit(value).path.rstrip("/"))
    if value.startswith("mailto:"):
        value = value.removeprefix("mailto:")
    if _EMAIL.match(value):
        return Contact(f"mailto:{value}", value)
    raise ImproperlyConfigured(
        f"HYOKA_CONTACT={value!r} is neither an e-mail address nor an http(s) URL (docs/operations.md)"
    )


@dataclass(frozen=True)
class Crumb:
    """A step of the breadcrumbs: its text, its link (None: the page itself), whether it is
    Japanese document text (a report's title: ``lang="ja"`` in the English pages)."""

    text: str
    href: str | None = None
    document_text: bool = False


_PAGES = {
    "portfolio": gettext_lazy("ダッシュボード"),
    "login": gettext_lazy("ログイン"),
    "report-import": gettext_lazy("報告書の取込"),
    "report-import-preview": gettext_lazy("取込の確認"),
    "report-import-save": gettext_lazy("報告書の取込"),
    "terms": gettext_lazy("利用規約とデータの引用"),
    "accessibility": gettext_lazy("アクセシビリティ方針"),
    "deletion-log": gettext_lazy("削除の記録"),
}
"""Pages directly under the top page, by URL name."""

_REPORT_PAGES = {
    "report-edit-index": gettext_lazy("編集"),
    "report-edit": gettext_lazy("編集"),
    "report-opinion": gettext_lazy("有識者の所見"),
    "report-transition": gettext_lazy("ワークフロー"),
    "report-history": gettext_lazy("履歴"),
    "report-diff": gettext_lazy("差分"),
    "report-comments": gettext_lazy("コメント"),
    "measure-across-years": gettext_lazy("年度をまたいだ比較"),
    "report-next-cycle": gettext_lazy("次期の評価書"),
}
"""Pages of one report, under the report's page, by URL name."""


def _report_title(context: Any, report: Report, user: Any) -> str:
    model = context.get("model")
    if model is not None and getattr(model, "title", None) is not None and context.get("report") is report:
        title, year = model.title, model.evaluation_year
    else:
        known = shown(user, report)
        title, year = known.title, known.evaluation_year
    return f"{title or report.measure_number}（{year_label(year)}）"


def breadcrumbs(context: Any) -> list[Crumb]:
    """The trail from the top page (the list) to the page of ``context``: its request's URL name
    tells which page it is, the ``report`` in the context which report. Pages rendered ahead of any
    visitor have a ``report_pages.Reader`` as their request, resolved by its path."""
    request = context.get("request")
    top = Crumb(_("トップ"), reverse("report-list"))
    if request is None:
        return [top]
    match = getattr(request, "resolver_match", None)
    if match is None:
        path = getattr(request, "path_info", None) or urlsplit(request.get_full_path()).path
        try:
            match = resolve(path)
        except Resolver404:
            return [top]
    name = match.url_name or ""
    if name == "report-list":
        return [Crumb(_("トップ"))]
    if name in _PAGES:
        return [top, Crumb(str(_PAGES[name]))]
    if name == "portfolio-list":
        return [
            top,
            Crumb(str(_PAGES["portfolio"]), reverse("portfolio")),
            Crumb(str(context.get("title", ""))),
        ]
    report = context.get("report")
    if not isinstance(report, Report):
        return [top]
    user = getattr(request, "user", None)
    title = _report_title(context, report, user)
    if name == "report-detail":
        return [top, Crumb(title, document_text=True)]
    trail = [top, Crumb(title, reverse("report-detail", args=[report.pk]), document_text=True)]
    if name == "indicator-detail":
        indicator = context.get("indicator")
        text = _("測定指標%(id)s") % {"id": getattr(indicator, "id", "")}
        return [*trail, Crumb(text)]
    if name in _REPORT_PAGES:
        return [*trail, Crumb(str(_REPORT_PAGES[name]))]
    return trail
