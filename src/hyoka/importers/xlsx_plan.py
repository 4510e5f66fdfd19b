"""The 「基準値・目標値」 and 「達成手段」 sheets of hyoka's workbook, read when there is no 「JSON」
sheet (the template filled by hand; docs/excel-template.md). With the JSON they are not read: their
values come from it, as the renderer wrote them (``hyoka.renderers.xlsx_plan``).

「基準値・目標値」 adds to the indicators that 「指標データ」 made: 基準値 and 基準年度, 目標値 and
目標年度, the texts of the 年度ごとの目標値, 出典 and the 選定理由; a 年度ごとの目標値 number is
taken only where 「指標データ」 has none. 「達成手段」 gives the report's 達成手段. A 「※」 that hyoka
wrote beside a value it had supplied is dropped: without the JSON the value is the person's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any, Protocol

from hyoka.core import (
    AchievementMeans,
    Cell,
    CellStatus,
    EvaluationReport,
    IndicatorYear,
    MeansYear,
    MidTermTarget,
    SeriesValue,
)
from hyoka.core.i18n import gettext_noop
from hyoka.core.narrative import Paragraph

__all__ = ["read_means", "read_plan"]

_REASON = "測定指標の選定理由及び目標値(水準・目標年度)の設定の根拠"
_UNIT = re.compile(r"単位[:：]\s*([^)）]+)")


class SheetLike(Protocol):
    """What these readers need of the importer's sheet (``hyoka.importers.xlsx._Sheet``)."""

    title: str
    rows: list[tuple[object, ...]]

    def get(self, row: int, col: int) -> object: ...

    def text(self, row: int, col: int) -> str | None: ...

    def row_text(self, row: int) -> str: ...

    def is_blank(self, row: int) -> bool: ...


class ReaderLike(Protocol):
    """What these readers need of the importer's reader (``hyoka.importers.xlsx._Reader``)."""

    def number(self, sheet: Any, row: int, col: int, location: str, unit: str | None = None) -> Cell: ...

    def unplaced(
        self, sheet: Any, row: int, text: str, why: str, col: int | None = None, **values: object
    ) -> None: ...


def _norm(value: object) -> str:
    if value is None:
        return ""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value)))


def _header(sheet: SheetLike, label: str) -> tuple[int, dict[str, int]] | None:
    """The header row (the first of the first ten rows with ``label``) and its labelled columns."""
    for row in range(min(len(sheet.rows), 10)):
        labels = {_norm(v): col for col, v in reversed(list(enumerate(sheet.rows[row]))) if _norm(v)}
        if _norm(label) in labels:
            return row, labels
    return None


def _table(
    sheet: SheetLike, reader: ReaderLike, label: str, missing: str
) -> tuple[int, dict[str, int]] | None:
    """The header row and columns of the sheet's table (``_header``); None for a blank sheet (not
    filled in, nothing to read) and for one without that header row, said so (``missing``, a msgid)."""
    if all(sheet.is_blank(row) for row in range(len(sheet.rows))):
        return None
    found = _header(sheet, label)
    if found is None:
        reader.unplaced(sheet, 0, sheet.row_text(0), missing)
    return found


def _rows(
    sheet: SheetLike, head: int, columns: dict[str, int]
) -> Iterator[tuple[int, Callable[[str], str | None]]]:
    """The filled rows of the table under the two header rows at ``head``, each with its text under
    a label (None where the sheet has no such column or the cell is empty)."""
    for row in range(head + 2, len(sheet.rows)):
        if sheet.is_blank(row):
            continue

        def text(label: str, row: int = row) -> str | None:
            c = columns.get(_norm(label))
            return sheet.text(row, c) if c is not None else None

        yield row, text


def _paragraphs(text: str | None) -> list[Paragraph]:
    return [Paragraph(text=line.strip()) for line in (text or "").splitlines() if line.strip()]


def _unmarked(text: str | None) -> str | None:
    """A text without the 「※」 hyoka put beside a value it supplied."""
    return text.rstrip("※").strip() or None if text else None


def _number(reader: ReaderLike, sheet: SheetLike, row: int, col: int | None, where: str) -> Cell | None:
    """A number cell (H905 through the reader when it is not one); None for no column or an empty cell."""
    if col is None or sheet.get(row, col) is None:
        return None
    return reader.number(sheet, row, col, where)


def _blank(cell: Cell) -> bool:
    return cell.status is CellStatus.EMPTY and not cell.raw


def _put(values: list[SeriesValue], key: str | None, cell: Cell | None, *, only_blank: bool = False) -> None:
    if cell is None:
        return
    for value in values:
        if value.series == key:
            if not only_blank or _blank(value.value):
                value.value = cell
            return
    values.append(SeriesValue(series=key, value=cell))


def read_plan(
    report: EvaluationReport,
    sheet: SheetLike,
    reader: ReaderLike,
    fiscal_year: Callable[[object], int | None],
) -> None:
    """「基準値・目標値」 onto the indicators of ``report`` (made from 「指標データ」 before)."""
    found = _table(sheet, reader, "指標ID", gettext_noop("「指標ID」のある見出しの行がありません"))
    if found is None:
        return
    head, columns = found
    col = columns.get
    first_year = col(_norm("年度ごとの目標値"))
    ends = [c for c in columns.values() if first_year is not None and c > first_year]
    last_year = min(ends) if ends else (first_year + 1 if first_year is not None else None)
    years: dict[int, int] = {}
    if first_year is not None and last_year is not None:
        for c in range(first_year, last_year):
            year = fiscal_year(sheet.get(head + 1, c))
            if year is not None:
                years[c] = year
    places = {
        ind.id: (a, i, ind) for a, area in enumerate(report.areas) for i, ind in enumerate(area.indicators)
    }
    id_col = columns[_norm("指標ID")]
    for row, text in _rows(sheet, head, columns):
        indicator_id = sheet.text(row, id_col)
        if indicator_id is None:
            if (sheet.text(row, 0) or "").startswith("※"):
                continue  # the renderer's note under the table
            indicator_id = ""
        place = places.get(indicator_id) or places.get(_norm(indicator_id))
        if place is None:
            reader.unplaced(
                sheet,
                row,
                sheet.row_text(row),
                gettext_noop("指標「{indicator_id}」はこの評価書にありません"),
                indicator_id=indicator_id,
            )
            continue
        a, i, indicator = place
        where = f"/areas/{a}/indicators/{i}"
        key = text("系列")
        _put(indicator.baseline, key, _number(reader, sheet, row, col("基準値"), f"{where}/baseline"))
        base_year = _unmarked(text("基準年度"))
        if base_year is not None:
            indicator.baseline_year = fiscal_year(base_year)
            if indicator.baseline_year is None:
                reader.unplaced(
                    sheet, row, base_year, gettext_noop("基準年度が読めません"), col(_norm("基準年度"))
                )
        goal_cell = col(_norm("目標値"))
        goal_value = sheet.get(row, goal_cell) if goal_cell is not None else None
        goal_year = text("目標年度")
        if goal_value is not None or goal_year is not None:
            goal = indicator.mid_term_target or MidTermTarget()
            is_text = isinstance(goal_value, str) and _is_words(goal_value)
            if is_text:
                goal.text = str(goal_value).strip()
            else:
                _put(goal.values, key, _number(reader, sheet, row, goal_cell, f"{where}/mid_term_target"))
                upper = _number(reader, sheet, row, col(_norm("目標値(上限)")), f"{where}/mid_term_target")
                if upper is not None and goal.values:
                    target = next((v for v in goal.values if v.series == key), None)
                    if target is not None:
                        target.upper = upper
            if goal_year is not None:
                goal.target_year_text = goal_year
                goal.target_year = fiscal_year(goal_year)
            indicator.mid_term_target = goal
        for c, year in years.items():
            value = sheet.get(row, c)
            if value is None:
                continue
            entry = next((y for y in indicator.years if y.fiscal_year == year), None)
            if entry is None:
                entry = IndicatorYear(fiscal_year=year)
                indicator.years.append(entry)
                indicator.years.sort(key=lambda y: y.fiscal_year)
            if isinstance(value, str) and _is_words(value):
                if not entry.target_text:
                    entry.target_text = _paragraphs(value)
            else:
                _put(entry.targets, key, _number(reader, sheet, row, c, f"{where}/years"), only_blank=True)
        if text("出典"):
            indicator.data_source = text("出典")
        if not indicator.selection_reason:
            indicator.selection_reason = _paragraphs(
                text("測定指標の選定理由及び目標値(水準・目標年度)の設定の根拠")
            )


def _is_words(value: str) -> bool:
    """A cell typed as words (「増加させる」), not a number written as text (「1,234」「△5」「-」)."""
    text = _norm(_unmarked(value) or "")
    return bool(text) and re.fullmatch(r"[△▲\-−－+]?[0-9０-９,，.．]+%?|[-―—－]", text) is None


def read_means(
    report: EvaluationReport,
    sheet: SheetLike,
    reader: ReaderLike,
    fiscal_year: Callable[[object], int | None],
) -> None:
    """「達成手段」 as the report's 達成手段 (and ``means_unit`` from 「(単位: …)」 above the table)."""
    found = _table(
        sheet, reader, "達成手段の名称", gettext_noop("「達成手段の名称」のある見出しの行がありません")
    )
    if found is None:
        return
    head, columns = found
    for row in range(head):
        for value in sheet.rows[row]:
            unit = _UNIT.search(unicodedata.normalize("NFKC", str(value or "")))
            if unit:
                report.means_unit = unit.group(1).strip()
    pairs: list[tuple[int, int]] = []
    for c, value in enumerate(sheet.rows[head]):
        year = fiscal_year(value)
        if year is not None and _norm(sheet.get(head + 1, c)) == "予算額":
            pairs.append((c, year))
    means: list[AchievementMeans] = []
    for row, text in _rows(sheet, head, columns):
        name = text("達成手段の名称")
        if name is None:
            reader.unplaced(sheet, row, sheet.row_text(row), gettext_noop("達成手段の名称がありません"))
            continue
        where = f"/means/{len(means)}/years"
        years: list[MeansYear] = []
        for c, year in pairs:
            budget = _number(reader, sheet, row, c, f"{where}/{len(years)}/budget") or Cell.empty()
            executed = _number(reader, sheet, row, c + 1, f"{where}/{len(years)}/executed") or Cell.empty()
            if not (_blank(budget) and _blank(executed)):
                years.append(MeansYear(fiscal_year=year, budget=budget, executed=executed))

        related = text("関連する指標")
        notes = text("注")
        means.append(
            AchievementMeans(
                number=text("番号"),
                name=name,
                started=text("開始年度"),
                years=years,
                indicators=[p.strip() for p in re.split(r"[、,，]", related) if p.strip()] if related else [],
                review_number=text("行政事業レビュー事業番号"),
                outline=_paragraphs(text("達成手段の概要等")),
                notes=[line.strip() for line in notes.splitlines() if line.strip()] if notes else [],
            )
        )
    report.means = means
