"""How the pages write values for people: fiscal years, numbers, cells, the judgment and the
workflow status in the active language. One home for every view (and template helper) that shows
them, so that a year or a number reads the same on every page."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from hyoka.core import Cell, Severity, fiscal_year_label
from hyoka.core.wareki import ERAS, format_era_date
from hyoka.rules.codes import SEVERITY_NAMES
from hyoka.web.reports.models import Report, Role, Status
from hyoka.web.reports.permissions import sees_current

__all__ = [
    "ACTION_NAMES",
    "ERA_ROMAJI",
    "JUDGMENT_LABELS",
    "ROLE_LABELS",
    "SEVERITY_LABELS",
    "STATUS_LABELS",
    "amount_text",
    "cell_text",
    "date_label",
    "english",
    "ja_attr",
    "judgment_label",
    "judgment_written_as_is",
    "lang",
    "number_text",
    "role_label",
    "status_label",
    "year_label",
]

STATUS_LABELS = {
    Status.DRAFT: _("作成中"),
    Status.SUBMITTED: _("提出済"),
    Status.RETURNED: pgettext_lazy("status", "差戻し"),
    Status.APPROVED: _("承認済"),
    Status.PUBLISHED: _("公表済"),
}
ACTION_NAMES = {
    "submit": _("提出"),
    "return": _("差戻し"),
    "approve": _("承認"),
    "publish": _("公表"),
    "withdraw": _("公表取消"),
    "edit": _("編集（作成中に戻す）"),
    "share": _("有識者と共有"),
    "unshare": _("有識者との共有を解除"),
    "opinion": _("所見を追加"),
}
"""Every step of a report's trail (``Transition.action``) by its name."""
ROLE_LABELS = {
    Role.VIEWER: pgettext_lazy("role", "閲覧者"),
    Role.EDITOR: pgettext_lazy("role", "作成者"),
    Role.REVIEWER: pgettext_lazy("role", "評価担当(審査)"),
    Role.EXPERT: pgettext_lazy("role", "有識者"),
    Role.ADMIN: pgettext_lazy("role", "管理者"),
}
"""A person's role (``Membership.role``) in the active language."""
SEVERITY_LABELS = {s.value: _(SEVERITY_NAMES[s]) for s in Severity}
"""誤り/注意/参考: the rules' one naming of the severities (``hyoka.rules.codes.SEVERITY_NAMES``)."""
JUDGMENT_LABELS = {
    "目標超過達成": _("目標超過達成"),
    "目標達成": _("目標達成"),
    "相当程度進展あり": _("相当程度進展あり"),
    "進展が大きくない": _("進展が大きくない"),
    "目標に向かっていない": _("目標に向かっていない"),
}


def english() -> bool:
    """Whether the active language is English (else Japanese)."""
    return (get_language() or "ja").startswith("en")


_LANG_JA = mark_safe(' lang="ja"')
_NOTHING = mark_safe("")


def ja_attr() -> SafeString:
    """`` lang="ja"`` in the English pages, else nothing: put on each element whose text is the
    documents' own Japanese (a title, a ministry's or bureau's name, a passage), so that a screen
    reader reads it as Japanese (the ``{% ja %}`` tag of the templates)."""
    return _LANG_JA if english() else _NOTHING


def lang() -> str:
    """The active language as the renderers and messages name it: ``ja`` or ``en``."""
    return "en" if english() else "ja"


ERA_ROMAJI = {era.name: era.romaji for era in ERAS}
"""Each era's name in the English pages."""


def year_label(year: int | None) -> str:
    """A fiscal year written one way on every page, the era year with the Western year beside it:
    2020 → 「令和2年度 (2020年度)」, in English 「FY2020 (Reiwa 2)」; None → 「」. The form is core's
    (``hyoka.core.fiscal_year_label``), shared with the command and the findings' places."""
    if year is None:
        return ""
    return fiscal_year_label(year, lang())


def date_label(day: date | None) -> str:
    """A date written one way: 2019-01-28 → 「平成31年1月28日 (2019年1月28日)」, in English
    「2019-01-28」; None → 「」."""
    if day is None:
        return ""
    if english():
        return day.isoformat()
    return f"{format_era_date(day)} ({day.year}年{day.month}月{day.day}日)"


def number_text(value: Decimal | None, unit: str | None = None) -> str:
    """Decimal('18.000000') → 「18」, 1234.5 → 「1,234.5」; a unit of % is written after it."""
    if value is None:
        return ""
    text = f"{int(value):,}" if value == value.to_integral_value() else f"{value.normalize():,f}"
    return text + ("%" if unit == "%" else "")


def cell_text(cell: Cell | None) -> str:
    """A cell as written: its number, or the text the ministry wrote (「-」 for nothing to report)."""
    if cell is None:
        return ""
    if cell.is_value:
        return number_text(cell.value, cell.unit)
    return cell.raw or ("-" if cell.status == "nothing_to_report" else "")


def amount_text(cell: Cell | None) -> str:
    """A table amount as the ministries print it: 274346 → 「274,346」, −14 → 「△14」, 「-」 for
    nothing to report, 「」 for an empty cell."""
    if cell is None:
        return ""
    if cell.is_value and cell.value is not None and cell.value < 0:
        return "△" + number_text(-cell.value, cell.unit)
    return cell_text(cell)


def judgment_label(label: str | None) -> str:
    """One of the five tiers in the active language (another ministry's label as written)."""
    return str(JUDGMENT_LABELS.get(label or "", label or ""))


def judgment_written_as_is(label: str | None) -> bool:
    """Whether ``judgment_label`` shows the label as the ministry wrote it (not one of the five
    tiers, which are translated): Japanese document text in the English pages."""
    return bool(label) and label not in JUDGMENT_LABELS


def role_label(role: str | None) -> str:
    """A role in the active language (an unknown one as stored, none as 「」)."""
    if not role:
        return ""
    try:
        return str(ROLE_LABELS[Role(role)])
    except ValueError:
        return role


def status_label(user: Any, report: Report) -> str:
    """The workflow status as far as the user may know it: outside their scope, 公表済."""
    status = report.status if sees_current(user, report) else Status.PUBLISHED
    return str(STATUS_LABELS.get(Status(status), status))
