"""Template helpers every page uses: ``{% ja %}`` (marks Japanese document text in the English
pages), ``|fiscal_year`` and ``|era_date`` (a year or a date written one way: 令和2年度 (2020年度)),
``|role_name`` and ``|is_admin`` (the navigation's person),
``|level`` (a paragraph's nesting as a CSS class), and the breadcrumbs and footer of ``base.html``
(``reports/site.py``)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from hyoka.web.reports.display import date_label, english, ja_attr, role_label, year_label
from hyoka.web.reports.models import Role
from hyoka.web.reports.permissions import role
from hyoka.web.reports.site import breadcrumbs, contact

register = template.Library()

MAX_LEVEL = 4
"""Deeper paragraphs are indented as this level (a phone has no room for more)."""


@register.simple_tag
def ja() -> SafeString:
    """`` lang="ja"`` in the English pages (the report's own text is Japanese), else nothing
    (``display.ja_attr``)."""
    return ja_attr()


@register.filter
def fiscal_year(year: int | None) -> str:
    """2020 → 「令和2年度 (2020年度)」 (``display.year_label``)."""
    return year_label(year)


@register.filter
def era_date(day: Any) -> str:
    """2019-01-28 → 「平成31年1月28日 (2019年1月28日)」 (``display.date_label``)."""
    return date_label(day)


@register.filter
def role_name(user: Any) -> str:
    """The person's role in the active language (「管理者」, "Administrator"), 「」 for none."""
    return role_label(role(user))


@register.filter
def is_admin(user: Any) -> bool:
    """Whether the person is an administrator (who alone reads the deletion log)."""
    return role(user) == Role.ADMIN


@register.filter
def level(value: Any) -> int:
    """A paragraph's level for its class (``lv0`` … ``lv4``)."""
    try:
        return max(0, min(int(value), MAX_LEVEL))
    except (TypeError, ValueError):
        return 0


@register.inclusion_tag("site/breadcrumbs.html", takes_context=True)
def site_breadcrumbs(context: Any) -> dict[str, Any]:
    return {"crumbs": breadcrumbs(context), "english": english()}


@register.inclusion_tag("site/footer.html", takes_context=True)
def site_footer(context: Any) -> dict[str, Any]:
    return {"contact": contact()}
