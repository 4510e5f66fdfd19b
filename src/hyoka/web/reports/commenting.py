"""What a comment is on: the whole report, one of its sections, or one of its indicators, chosen
from a list of the report's own names (「測定指標1-4 日米二国間会談数…」), and where it is shown:
beside that section on the report page and on the section's edit page.

A comment's target (``Comment.section``) is ``general``, a section's key (``indicators``) or
``indicator:<id>`` (``indicator:1-4``: by the indicator's id, which survives a reordering). Comments
written before the list was offered may hold a JSON pointer (``/areas/0/indicators/2``): they are
shown under the section the pointer lies in."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _

from hyoka.core import EvaluationReport
from hyoka.web.reports.forms import SECTIONS

__all__ = ["GENERAL", "anchor", "section_of", "target_label", "targets"]

GENERAL = "general"
INDICATOR = "indicator:"

_POINTER_SECTIONS = {
    "objectives": re.compile(r"^/objectives(/|$)"),
    "budget": re.compile(r"^/budget(/|$)"),
    "indicators": re.compile(r"^/areas/\d+/indicators(/|$)"),
    "analysis": re.compile(r"^/areas/\d+/analysis(/|$)"),
    "next_steps": re.compile(r"^/areas/\d+/next_steps(/|$)"),
    "opinions": re.compile(r"^/expert_opinions(/|$)"),
}
"""The sections of the JSON pointers that comments held before the list was offered."""


def _indicator_label(indicator_id: str, name: str = "") -> str:
    label = _("測定指標%(id)s") % {"id": indicator_id}
    return f"{label} {name[:40]}" if name else label


def targets(model: EvaluationReport | None) -> list[tuple[str, str]]:
    """The choices of the comment form: the whole report, each section, each indicator."""
    found = [(GENERAL, str(_("全体"))), *((key, str(label)) for key, label in SECTIONS.items())]
    if model is not None:
        found += [(f"{INDICATOR}{ind.id}", _indicator_label(ind.id, ind.name)) for ind in model.indicators()]
    return found


def target_label(target: str, model: EvaluationReport | None = None) -> str:
    """A comment's target in words: 「全体」, 「測定指標」, 「測定指標1-4 日米二国間会談数…」."""
    if target == GENERAL:
        return str(_("全体"))
    if target in SECTIONS:
        return str(SECTIONS[target])
    if target.startswith(INDICATOR):
        indicator_id = target[len(INDICATOR) :]
        names: dict[str, Any] = {ind.id: ind.name for ind in model.indicators()} if model else {}
        return _indicator_label(indicator_id, names.get(indicator_id, ""))
    section = section_of(target)
    where = str(SECTIONS[section]) if section else str(_("全体"))
    return f"{where} {target}"


def section_of(target: str) -> str | None:
    """The section a target lies in (None for the whole report)."""
    if target in SECTIONS:
        return target
    if target.startswith(INDICATOR):
        return "indicators"
    for section, pattern in _POINTER_SECTIONS.items():
        if pattern.match(target):
            return section
    return None


_SECTION_ANCHORS = {"objectives": "objectives", "budget": "budget", "opinions": "experts"}
"""The report page's anchors of the sections that have one of their own (``report_content``)."""


def anchor(target: str, model: EvaluationReport | None) -> str:
    """The anchor of the target on the report page (``report_content``: ``#budget``,
    ``#indicator-1-1-4``), or "" when it has none (the whole report, a section spread over areas)."""
    if target in _SECTION_ANCHORS:
        return _SECTION_ANCHORS[target]
    if target.startswith(INDICATOR) and model is not None:
        indicator_id = target[len(INDICATOR) :]
        for area in model.areas:
            if any(ind.id == indicator_id for ind in area.indicators):
                return f"indicator-{area.number}-{indicator_id}"
    return ""
