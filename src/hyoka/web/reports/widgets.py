"""Form controls whose choices are the documents' own words (a ministry's names): each such
``<option>`` is marked ``lang="ja"`` in the English pages, as the ``{% ja %}`` tag marks the
documents' text elsewhere (issue 11: screen readers read it as Japanese)."""

from __future__ import annotations

from typing import Any

from django import forms

from hyoka.web.reports.display import english

__all__ = ["DocumentSelect"]


class DocumentSelect(forms.Select):
    """A ``<select>`` whose options (all but the empty 「すべて」) are Japanese document text."""

    def create_option(
        self,
        name: str,
        value: Any,
        label: Any,
        selected: Any,
        index: int,
        subindex: int | None = None,
        attrs: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        option: dict[str, Any] = super().create_option(name, value, label, selected, index, subindex, attrs)
        if english() and value not in ("", None):
            option["attrs"] = {**option["attrs"], "lang": "ja"}
        return option
