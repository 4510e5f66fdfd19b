"""What the workspace can store of a report, beyond the document model: the texts that go into
columns of limited length (the report's row and its projections), the numbers that go into
decimal columns, and no U+0000 anywhere (PostgreSQL stores it in neither text nor jsonb; SQLite
would, so both refuse it alike). ``storage`` checks every new report and every revision with
``check`` before writing, so every way in — the pages, the API, a bulk import, the next cycle —
refuses the same documents with the same reason, and none ends in a database error.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from hyoka.core import Cell, EvaluationReport
from hyoka.web.reports.models import Bureau, IndicatorFact, Ministry, Report

__all__ = ["MAX_CELL_VALUE", "STORED_MAX_LENGTH", "NotStorable", "StorageProblem", "check", "problems"]

_STORED_IN: dict[tuple[str, str], tuple[Any, str, str, str]] = {
    ("EvaluationReport", "ministry"): (Ministry, "name", "府省名", "ministry name"),
    ("EvaluationReport", "bureau"): (Bureau, "name", "担当部局名", "bureau name"),
    ("EvaluationReport", "measure_number"): (Report, "measure_number", "施策番号", "measure number"),
    ("EvaluationReport", "title"): (Report, "title", "施策名", "measure title"),
    ("Judgment", "label"): (Report, "judgment", "目標達成度の区分", "judgment label"),
    ("Indicator", "id"): (IndicatorFact, "indicator_id", "測定指標の番号", "indicator number"),
    ("SeriesValue", "series"): (IndicatorFact, "series", "系列の記号", "series mark"),
    ("RecordedGrade", "letter"): (IndicatorFact, "recorded_grade", "達成状況の記号", "grade letter"),
}
"""The texts of the report that a save writes into a column of limited length, by the model and
field they come from: the column, and the field's name in Japanese and English."""

STORED_MAX_LENGTH: dict[tuple[str, str], int] = {
    key: model._meta.get_field(column).max_length for key, (model, column, _ja, _en) in _STORED_IN.items()
}
"""The longest such text (the document model allows far longer ones, ``hyoka.core.limits``)."""

_AMOUNT = IndicatorFact._meta.get_field("target")
MAX_CELL_VALUE = 10 ** (_AMOUNT.max_digits - _AMOUNT.decimal_places - 1)
"""A cell's number is stored in decimal columns (24 digits, 6 of them decimals): |value| < 10^17,
so that even rounded to 6 decimals it fits."""


@dataclass(frozen=True)
class StorageProblem:
    """One value the workspace cannot store: where (``path`` into the report's JSON, ending with the
    field), what (``kind``: ``string_too_long``, ``cell_too_large``, ``string_nul``) and the limit."""

    path: tuple[str | int, ...]
    kind: str
    limit: int | None
    message: str
    message_en: str


def _shown(text: str) -> str:
    return text if len(text) <= 20 else text[:20] + "…"


def _too_long(path: tuple[str | int, ...], key: tuple[str, str], text: str) -> StorageProblem:
    _model, _column, ja, en = _STORED_IN[key]
    limit = STORED_MAX_LENGTH[key]
    return StorageProblem(
        path,
        "string_too_long",
        limit,
        f"{ja}が長すぎます（{_shown(text)}: {len(text)} 文字、上限 {limit} 文字）",
        f"the {en} is too long ({_shown(text)}: {len(text)} characters, at most {limit})",
    )


def _nul(path: tuple[str | int, ...]) -> StorageProblem:
    where = "/" + "/".join(str(p) for p in path)
    return StorageProblem(
        path,
        "string_nul",
        None,
        f"NUL 文字（U+0000）は保存できません（{where}）",
        f"a NUL character (U+0000) cannot be stored ({where})",
    )


def _too_large(path: tuple[str | int, ...], value: Decimal) -> StorageProblem:
    return StorageProblem(
        path,
        "cell_too_large",
        MAX_CELL_VALUE,
        f"数値が大きすぎます（{value:,f}。絶対値は 10 の 17 乗未満）",
        f"the number is too large ({value:,f}; its absolute value must be under 10^17)",
    )


def problems(report: EvaluationReport, bureau: str | None = None) -> list[StorageProblem]:
    """Every value of ``report`` (and of ``bureau``, a bureau name given instead of the document's)
    that the workspace cannot store, in document order (empty: it can store the report)."""
    found: list[StorageProblem] = []
    _walk(report, [], found)
    if bureau is not None:
        key = ("EvaluationReport", "bureau")
        if len(bureau) > STORED_MAX_LENGTH[key]:
            found.append(_too_long(("bureau",), key, bureau))
        if "\x00" in bureau:
            found.append(_nul(("bureau",)))
    return found


_FIELDS: dict[type[BaseModel], tuple[tuple[str, int | None], ...]] = {}
"""Per model class: its fields in order, each with its stored length limit (None: no column)."""


def _fields(cls: type[BaseModel]) -> tuple[tuple[str, int | None], ...]:
    plan = _FIELDS.get(cls)
    if plan is None:
        kind = cls.__name__
        plan = _FIELDS[cls] = tuple((name, STORED_MAX_LENGTH.get((kind, name))) for name in cls.model_fields)
    return plan


def _walk(value: Any, path: list[str | int], found: list[StorageProblem]) -> None:
    """Depth first in document order; ``path`` is extended and restored in place, and turned into a
    tuple only for a problem, since a save walks every value of the report (the model bounds the
    depth, ``hyoka.core.limits``)."""
    if isinstance(value, str):
        if "\x00" in value:
            found.append(_nul(tuple(path)))
    elif isinstance(value, Cell):
        if value.value is not None and abs(value.value) >= MAX_CELL_VALUE:
            found.append(_too_large((*path, "value"), value.value))
        for name in ("raw", "unit"):
            text = getattr(value, name)
            if text and "\x00" in text:
                found.append(_nul((*path, name)))
    elif isinstance(value, BaseModel):
        cls = type(value)
        for name, limit in _fields(cls):
            item = getattr(value, name)
            if limit is not None and isinstance(item, str) and len(item) > limit:
                found.append(_too_long((*path, name), (cls.__name__, name), item))
            if item is None or isinstance(item, bool | int | float | Decimal):
                continue
            path.append(name)
            _walk(item, path, found)
            path.pop()
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            path.append(i)
            _walk(item, path, found)
            path.pop()
    elif isinstance(value, dict):
        for key, item in value.items():
            path.append(str(key))
            _walk(item, path, found)
            path.pop()


class NotStorable(ValueError):
    """A report with values the workspace cannot store (``problems``): nothing was written.
    ``str()`` is the first problem in Japanese, with how many there are in all."""

    def __init__(self, found: list[StorageProblem]) -> None:
        self.problems = found
        more = f"（ほか {len(found) - 1} 件）" if len(found) > 1 else ""
        more_en = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        self.message = found[0].message + more
        self.message_en = found[0].message_en + more_en
        super().__init__(self.message)

    def text(self, lang: str = "ja") -> str:
        return self.message_en if lang == "en" else self.message


def check(report: EvaluationReport, bureau: str | None = None) -> None:
    """NotStorable unless the workspace can store ``report`` (see ``problems``)."""
    found = problems(report, bureau)
    if found:
        raise NotStorable(found)
