"""Differences between two revisions: ``field_changes`` per field a person sees, named by its place
(「測定指標1-4 実績値（令和元年度 (2019年度)）」, ``hyoka.rules.place_name``) and shown in words and
numbers as the pages show them (26 → 28, 「1,234」, 令和2年度 (2020年度)), for the diff page; and
``diff_models``, their JSON compared leaf by leaf, for the tests.

Each change names its place as a JSON pointer (RFC 6901) into the report, e.g.
``/areas/0/indicators/2/years/2/actuals/0/value/value``. Objects are compared key by key, lists
by index (an item past the end of the shorter list is added or removed), and a value whose JSON
type changed (a number that became a string, an object that became null) is one change at its
own path. ``where`` says the same place in the reader's terms where the document allows it
(「指標 1-3 › 2019年度」).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Final

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hyoka.core import Cell, EvaluationReport
from hyoka.rules import place_name
from hyoka.web.reports.display import cell_text, judgment_label, lang, year_label

__all__ = ["ABSENT", "Change", "FieldChange", "diff_models", "field_changes", "pointer"]


class _Absent:
    """The side of a change where the key or list item does not exist."""

    def __repr__(self) -> str:
        return "ABSENT"

    def __bool__(self) -> bool:
        return False


ABSENT: Final = _Absent()


@dataclass(frozen=True, slots=True)
class Change:
    path: str
    """JSON pointer of the changed value"""
    old: Any
    """the value before, or ABSENT when it was added"""
    new: Any
    """the value after, or ABSENT when it was removed"""
    where: str = field(default="", compare=False)
    """the enclosing indicator, year, area… in words (for display; not part of equality)"""

    @property
    def added(self) -> bool:
        return self.old is ABSENT

    @property
    def removed(self) -> bool:
        return self.new is ABSENT


def _escape(part: str | int) -> str:
    return str(part).replace("~", "~0").replace("/", "~1")


def pointer(parts: list[str | int]) -> str:
    """["areas", 0, "a/b"] → "/areas/0/a~1b" (the empty list is the whole document, "")."""
    return "".join("/" + _escape(p) for p in parts)


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if value is None:
        return "null"
    return type(value).__name__


def _label(node: Any) -> str:
    """How a reader names an object of the report: an indicator, a fiscal year, an area…"""
    if not isinstance(node, dict):
        return ""
    if isinstance(node.get("indicator_id"), str):
        return f"【{node['indicator_id']}】"
    if isinstance(node.get("id"), str):
        return f"指標 {node['id']}"
    if isinstance(node.get("fiscal_year"), int):
        return f"{node['fiscal_year']}年度"
    if "indicators" in node and isinstance(node.get("number"), int):
        return f"分野 {node['number']}"
    if isinstance(node.get("series"), str):
        return f"系列 {node['series']}"
    return ""


def _walk(old: Any, new: Any, parts: list[str | int], labels: list[str], out: list[Change]) -> None:
    where = " › ".join(labels)
    if _kind(old) != _kind(new):
        out.append(Change(pointer(parts), old, new, where))
        return
    if isinstance(old, dict):
        assert isinstance(new, dict)
        for key in [*old, *(k for k in new if k not in old)]:
            if key not in new:
                out.append(Change(pointer([*parts, key]), old[key], ABSENT, where))
            elif key not in old:
                out.append(Change(pointer([*parts, key]), ABSENT, new[key], where))
            else:
                _walk(old[key], new[key], [*parts, key], labels, out)
        return
    if isinstance(old, list):
        assert isinstance(new, list)
        for index in range(max(len(old), len(new))):
            if index >= len(new):
                out.append(Change(pointer([*parts, index]), old[index], ABSENT, where))
            elif index >= len(old):
                out.append(Change(pointer([*parts, index]), ABSENT, new[index], where))
            else:
                label = _label(new[index]) or _label(old[index])
                _walk(old[index], new[index], [*parts, index], [*labels, label] if label else labels, out)
        return
    if old != new:
        out.append(Change(pointer(parts), old, new, where))


def diff_models(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Every leaf that differs between two JSON documents, in document order."""
    out: list[Change] = []
    _walk(old, new, [], [], out)
    return out


# --- changes per field, in words ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One change a person made, as a reader sees it: the field's place in words, and its value
    before and after as the pages show it (``（なし）`` where it did not exist)."""

    path: str
    """JSON pointer of the field (a cell, a text of paragraphs, a value; a record added or removed)"""
    place: str
    old: str
    new: str
    added: bool = False
    removed: bool = False


_ITEM_KEYS = ("fiscal_year", "id", "indicator_id", "legend", "series", "mark", "key", "number")
"""What identifies an item of a list of records, in order of preference, when every item of both
lists has it and no two share it: an indicator is matched by its id, a year by its fiscal year, so
that removing the first of three does not show as three changes."""


def _matching_key(old: list[Any], new: list[Any]) -> str | None:
    items = [*old, *new]
    if not items or not all(isinstance(i, dict) for i in items):
        return None
    for key in _ITEM_KEYS:
        present = all(key in i and i[key] is not None for i in items)
        if present and all(len({repr(i[key]) for i in side}) == len(side) for side in (old, new)):
            return key
    return None


def _strip_source(node: Any) -> Any:
    """The node without the import's source spans (where a value came from is not its content)."""
    if isinstance(node, dict):
        return {k: _strip_source(v) for k, v in node.items() if k != "source"}
    if isinstance(node, list):
        return [_strip_source(v) for v in node]
    return node


class _Differ:
    def __init__(self, old: EvaluationReport, new: EvaluationReport) -> None:
        self.old, self.new = old, new
        self.language = lang()
        self.out: list[FieldChange] = []

    def change(self, parts: list[str | int], key: str, old: Any, new: Any) -> None:
        absent_old, absent_new = old is ABSENT, new is ABSENT
        report = self.old if absent_new else self.new
        where = place_name(report, pointer(parts), self.language)
        self.out.append(
            FieldChange(
                pointer(parts),
                where,
                str(_("（なし）")) if absent_old else value_text(key, old),
                str(_("（なし）")) if absent_new else value_text(key, new),
                added=absent_old,
                removed=absent_new,
            )
        )

    def walk(self, old: Any, new: Any, parts: list[str | int], key: str) -> None:
        if _strip_source(old) == _strip_source(new):
            return
        atomic = (
            is_cell(old)
            or is_cell(new)
            or is_paragraphs(key, old if isinstance(old, list) else new)
            or _kind(old) != _kind(new)
            or not isinstance(old, dict | list)
        )
        if (
            is_paragraphs(key, old) and is_paragraphs(key, new) and len(old) == len(new)
        ):  # the same paragraphs, some rewritten: each rewritten one is a change
            for index, (before, after) in enumerate(zip(old, new, strict=True)):
                if _strip_source(before) != _strip_source(after):
                    self.change([*parts, index], key, before, after)
        elif atomic:
            self.change(parts, key, old, new)
        elif isinstance(old, dict):
            assert isinstance(new, dict)
            for k in [*old, *(k for k in new if k not in old)]:
                if k != "source":
                    self.walk(old.get(k, ABSENT), new.get(k, ABSENT), [*parts, k], k)
        else:
            assert isinstance(old, list) and isinstance(new, list)
            self.walk_list(old, new, parts, key)

    def walk_list(self, old: list[Any], new: list[Any], parts: list[str | int], key: str) -> None:
        if not any(isinstance(i, dict) for i in [*old, *new]):
            self.change(parts, key, old, new)  # a list of plain values (years, ids) is one field
            return
        match = _matching_key(old, new)
        if match is None:
            for index in range(max(len(old), len(new))):
                before = old[index] if index < len(old) else ABSENT
                after = new[index] if index < len(new) else ABSENT
                self.item(before, after, [*parts, index], key)
            return
        new_at = {repr(item[match]): i for i, item in enumerate(new)}
        old_keys = {repr(item[match]) for item in old}
        for index, item in enumerate(old):
            at = new_at.get(repr(item[match]))
            if at is None:
                self.item(item, ABSENT, [*parts, index], key)
            else:
                self.item(item, new[at], [*parts, at], key)
        for index, item in enumerate(new):
            if repr(item[match]) not in old_keys:
                self.item(ABSENT, item, [*parts, index], key)

    def item(self, old: Any, new: Any, parts: list[str | int], key: str) -> None:
        if old is ABSENT or new is ABSENT:
            self.change(parts, key, old, new)
        else:
            self.walk(old, new, parts, key)


def field_changes(old: EvaluationReport, new: EvaluationReport) -> list[FieldChange]:
    """The changes from ``old`` to ``new`` (two revisions), one per field a person sees, each named
    by its place in the page's language (``hyoka.rules.place_name``, as the findings are): a cell is
    one field (its number and its printed text together), a rewritten paragraph is one, a list of
    years is one; records in lists are matched by what identifies them (id, fiscal year); an added
    or removed record is one change. Source spans are not content."""
    differ = _Differ(old, new)
    differ.walk(old.model_dump(mode="json"), new.model_dump(mode="json"), [], "")
    return differ.out


# --- values as the pages show them ------------------------------------------------------------

_PARAGRAPH_LISTS = {
    "outline",
    "target_text",
    "progress",
    "paragraphs",
    "measure",
    "selection_reason",
    "target_rationale",
}
_YEAR_KEYS = {"fiscal_year", "evaluation_year", "baseline_year", "target_year", "current_year", "next_year"}
_DIRECTIONS = {
    "higher": gettext_lazy("高いほどよい"),
    "lower": gettext_lazy("低いほどよい"),
    "within_range": gettext_lazy("範囲内"),
    "at_least": gettext_lazy("以上であればよい"),
}
_KINDS = {"quantitative": gettext_lazy("定量"), "qualitative": gettext_lazy("定性")}


_CELL_KEYS = {"status", "value", "unit", "raw", "source"}


def is_cell(node: Any) -> bool:
    """A table cell of the model (``Cell``) as JSON."""
    return (
        isinstance(node, dict)
        and "status" in node
        and set(node) <= {"status", "value", "unit", "raw", "source"}
    )


def is_paragraphs(key: str, node: Any) -> bool:
    return key in _PARAGRAPH_LISTS and isinstance(node, list)


def value_text(key: str, value: Any) -> str:
    """A value as the pages show it: a cell as its number (「1,234」「84%」) or text, paragraphs one
    per line, a year as 令和2年度 (2020年度), a tier in the page's language, yes/no for a flag."""
    if value is None:
        return str(_("（なし）"))
    if is_cell(value):
        cell = Cell.model_validate({k: v for k, v in value.items() if k != "source"})
        return cell_text(cell) or str(_("（空欄）"))
    if isinstance(value, bool):
        return str(_("はい") if value else _("いいえ"))
    if key in _YEAR_KEYS and isinstance(value, int):
        return year_label(value)
    if key == "window" and isinstance(value, list):
        return "、".join(year_label(y) for y in value if isinstance(y, int))
    if key == "tier" and isinstance(value, str):
        return judgment_label(value)
    if key == "direction" and isinstance(value, str):
        return str(_DIRECTIONS.get(value, value))
    if key == "kind" and isinstance(value, str):
        return str(_KINDS.get(value, value))
    if isinstance(value, Decimal | int | float):
        return str(value)
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "\n".join(_summary(item) for item in value)
    return _summary(value)


def _summary(node: Any) -> str:
    """A record in a line: its id or year and its name or text."""
    if not isinstance(node, dict):
        return "" if node is None else str(node)
    if is_cell(node):
        return value_text("", node)
    if isinstance(node.get("text"), str):
        label = node.get("label") or node.get("mark") or node.get("number")
        return f"{label} {node['text']}" if label else str(node["text"])
    head = [
        str(node[k])
        for k in ("id", "indicator_id", "number", "key", "legend", "series")
        if isinstance(node.get(k), str | int) and not isinstance(node.get(k), bool)
    ]
    if isinstance(node.get("fiscal_year"), int):
        head.append(year_label(node["fiscal_year"]))
    for k in ("name", "title", "letter", "label"):
        if isinstance(node.get(k), str):
            head.append(str(node[k]))
            break
    if "value" in node and is_cell(node["value"]):
        head.append(value_text("", node["value"]))
    return " ".join(head) if head else str(_("（記録）"))
