"""Field-level differences between two revisions: their JSON compared leaf by leaf.

Each change names its place as a JSON pointer (RFC 6901) into the report, e.g.
``/areas/0/indicators/2/years/2/actuals/0/value/value``. Objects are compared key by key, lists
by index (an item past the end of the shorter list is added or removed), and a value whose JSON
type changed (a number that became a string, an object that became null) is one change at its
own path. ``where`` says the same place in the reader's terms where the document allows it
(「指標 1-3 › 2019年度」).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

__all__ = ["ABSENT", "Change", "diff_models", "pointer"]


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
