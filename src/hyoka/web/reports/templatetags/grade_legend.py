"""``{% grade_legend_rows as rows %}``: the letters of the indicator legend (s, a, b, c, d) with
their meanings from the rule profile the workspace checks with, in the page's language; for
``reports/grade_legend.html``, which any page may include."""

from __future__ import annotations

from functools import cache

from django import template
from django.utils.translation import gettext

from hyoka.services import resolve_profile

register = template.Library()


@cache
def _legend() -> tuple[tuple[str, str], ...]:
    """The default profile's legend, read once a process: (letter, Japanese meaning), best first."""
    return tuple((g.letter, g.meaning) for g in resolve_profile().legend.grades)


@register.simple_tag
def grade_legend_rows() -> list[tuple[str, str]]:
    """(letter, meaning in the page's language) for every grade of the legend, best first."""
    return [(letter, gettext(meaning)) for letter, meaning in _legend()]
