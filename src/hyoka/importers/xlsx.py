"""Our Excel workbook (``hyoka.renderers.xlsx``, ``docs/excel-template.md``) → EvaluationReport.

With a valid 「JSON」 sheet the report starts from it, and the values a person may have edited in the
visible sheets are applied on top (the sheets win): the 予算 amounts, the 調書 amounts and the
指標データ targets, actuals and recorded grades. A value equal to the JSON's keeps the JSON's cell (its
printed text and unit), so an unedited workbook gives back exactly the report it was made from.

Without a 「JSON」 sheet (the template filled by hand) the report is built from the 評価書, 予算, 調書 and
指標データ sheets alone; the narratives are then empty.

A cell that is not a number where a number belongs is an H905 finding naming the sheet and the cell;
the cell is read as empty. Text that the importer could not place is an H901 finding. A file that is
not an xlsx, or an xlsx that is not our template, raises ``NotAReportError``.

The archive is bounded before openpyxl reads it (``LimitExceeded``): the number of files in it, the
uncompressed size of each and of all (as the ZIP's directory declares them, and again as they are
read, so a header that lies gains nothing), the XML elements in all, the sheets, and for each sheet
its rows, the cells of one row and the cells in all. The same bounds apply again to the rows and
columns openpyxl gives (a single cell in column XFD is 16,384 columns). The ``MAX_XLSX_…`` and
``MAX_SHEET_…`` constants below are the limits; docs/operations.md lists them.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from openpyxl import load_workbook  # type: ignore[import-untyped]
from pydantic import ValidationError

from hyoka.core import (
    AccountType,
    AmountError,
    Area,
    BudgetSheet,
    BudgetSheetAmounts,
    BudgetSheetItem,
    BudgetSheetLine,
    BudgetSheetSection,
    BudgetYear,
    Cell,
    CellStatus,
    Direction,
    DocumentKind,
    EraYearError,
    EvaluationReport,
    Indicator,
    IndicatorKind,
    IndicatorYear,
    Issue,
    Judgment,
    RecordedGrade,
    SectionKind,
    Series,
    SeriesValue,
    SummaryEntry,
    Tier,
    parse_cell,
    parse_era_year,
)
from hyoka.core.i18n import gettext_en, gettext_noop
from hyoka.core.import_codes import import_severity
from hyoka.core.numbering import MOFA_INDICATOR_ID
from hyoka.core.wareki import era_year_regex, western_year
from hyoka.core.workbook import (
    BUDGET_SHEET,
    DIRECTION_LABELS,
    INDICATOR_COLUMNS,
    INDICATOR_SHEET,
    JSON_SHEET,
    KIND_LABELS,
    MEANS_SHEET,
    PLAN_SHEET,
    REPORT_SHEET,
    SHEET_SHEET,
)
from hyoka.importers.errors import LimitExceeded, NotAReportError, invalid_report, not_a_report, validated
from hyoka.importers.result import ImportResult
from hyoka.importers.xlsx_plan import read_means, read_plan

__all__ = [
    "MAX_SHEET_COLUMNS",
    "MAX_SHEET_ROWS",
    "MAX_XLSX_BYTES",
    "MAX_XLSX_CELLS",
    "MAX_XLSX_ELEMENTS",
    "MAX_XLSX_ENTRIES",
    "MAX_XLSX_ENTRY_BYTES",
    "MAX_XLSX_SHEETS",
    "import_xlsx",
]

MAX_XLSX_ENTRIES = 500
"""files in the ZIP archive (ours has 13)."""

MAX_XLSX_ENTRY_BYTES = 16 * 1024 * 1024
"""uncompressed bytes of one file in the archive (our largest, the 「JSON」 sheet, is about 200 kB)."""

MAX_XLSX_BYTES = 64 * 1024 * 1024
"""uncompressed bytes of all the files in the archive."""

MAX_XLSX_ELEMENTS = 1_000_000
"""XML elements in all the files of the archive (each becomes an object in memory; ours has a few
thousand)."""

MAX_XLSX_SHEETS = 50
"""sheets of the workbook (ours has 5, a 事前分析表 7)."""

MAX_SHEET_ROWS = 20_000
"""rows of one sheet (ours have fewer than 100)."""

MAX_SHEET_COLUMNS = 256
"""columns of one sheet, up to column IV (ours use 16; a cell in column XFD is 16,384)."""

MAX_XLSX_CELLS = 500_000
"""cells of the workbook, every row counted as wide as its last cell."""

_CHUNK = 1024 * 1024
_XML_SUFFIXES = (".xml", ".rels")
_CELL_OR_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])")
_SHEET_ELEMENT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheet(?=[\s/>])")

_OUR_SHEETS = (SHEET_SHEET, BUDGET_SHEET, INDICATOR_SHEET, REPORT_SHEET, JSON_SHEET)
_SHOWN_SHEETS = (PLAN_SHEET, MEANS_SHEET)
"""the 事前分析表's sheets: with the JSON their values come from it; without it they are read
(``hyoka.importers.xlsx_plan``)"""

_ID = re.compile(rf"^{MOFA_INDICATOR_ID}$")
_UNIT = re.compile(r"\((千円|百万円)\)")
_ERA_MONTH = re.compile(rf"^{era_year_regex(era='era', number='number')}年([0-9]{{1,2}})月$")
_YEAR_MONTH = re.compile(r"^([0-9]{4})[-/.年]([0-9]{1,2})月?$")
_AREA = re.compile(r"^([0-9]+)[\s.．、:：]*(.*)$", re.S)
_TRUE = frozenset({"*", "＊", "○", "◯", "〇", "1", "true", "yes", "主要", "はい"})
_INCLUSIVE_MARKS = str.maketrans("", "", "<>＜＞〈〉")


def _norm(value: object) -> str:
    """A label as compared: NFKC, without any spaces."""
    if value is None:
        return ""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value)))


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class _Sheet:
    """A sheet's values, row by row (0-based indices; out of range reads as None)."""

    title: str
    rows: list[tuple[object, ...]]

    def get(self, row: int, col: int) -> object:
        if row < len(self.rows) and col < len(self.rows[row]):
            return self.rows[row][col]
        return None

    def text(self, row: int, col: int) -> str | None:
        """A text cell, stripped; a whole number typed where text belongs (a sheet number) as its digits."""
        value = self.get(row, col)
        if value is None or isinstance(value, bool):
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value).strip()
        return text or None

    def address(self, row: int, col: int) -> str:
        return f"{_column(col)}{row + 1}"

    def row_text(self, row: int) -> str:
        return "\t".join(
            "" if v is None else str(v) for v in (self.rows[row] if row < len(self.rows) else ())
        )

    def is_blank(self, row: int) -> bool:
        return all(v is None or (isinstance(v, str) and not v.strip()) for v in self.rows[row])


@dataclass
class _Reader:
    name: str
    findings: list[Issue] = field(default_factory=list)

    def fail(self, message: str, **values: object) -> NotAReportError:
        """``message``: a Japanese template marked with ``gettext_noop``, filled in with ``values``."""
        return not_a_report(message, where=self.name, **values)

    def number(
        self,
        sheet: _Sheet,
        row: int,
        col: int,
        location: str,
        unit: str | None = None,
        *,
        inclusive: bool = False,
    ) -> Cell:
        """A numeric cell → Cell. Text that is not a number: H905, and the cell is read as empty."""
        value = sheet.get(row, col)
        if value is None:
            return Cell(status=CellStatus.EMPTY, unit=unit)
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
            if number.is_finite():
                return Cell(status=CellStatus.VALUE, value=number, unit=unit, raw=_number_text(number))
        text = str(value).strip()
        if isinstance(value, str):
            if inclusive:
                text = (
                    unicodedata.normalize("NFKC", text)
                    .replace("の内数", "")
                    .translate(_INCLUSIVE_MARKS)
                    .strip()
                )
            try:
                return parse_cell(text, unit)
            except AmountError:
                pass
        template = gettext_noop(
            "「{sheet}」シートの{cell}: 数値であるべき欄に数値でない値「{text}」があります。"
            "空欄として読み込みました。"
        )
        values = {"sheet": sheet.title, "cell": sheet.address(row, col), "text": text}
        self.findings.append(
            Issue(
                code="H905",
                severity=import_severity("H905"),
                location=location,
                message=template.format(**values),
                message_en=gettext_en(template, **values),
                input=text,
                context={"sheet": sheet.title, "cell": sheet.address(row, col)},
            )
        )
        return Cell(status=CellStatus.EMPTY, unit=unit, raw=text)

    def unplaced(
        self, sheet: _Sheet, row: int, text: str, why: str, col: int | None = None, **values: object
    ) -> None:
        """H901: text in the workbook that fits no field of the report. ``why`` is the Japanese
        template of the reason (a msgid marked with ``gettext_noop``), filled in with ``values``."""
        template = (
            gettext_noop("「{sheet}」シートの{row}行目: {why}。内容はこの指摘に保存しました。")
            if col is None
            else gettext_noop("「{sheet}」シートの{cell}: {why}。内容はこの指摘に保存しました。")
        )
        shown = {
            "sheet": sheet.title,
            "row": row + 1,
            "cell": sheet.address(row, col) if col is not None else "",
            "why": why.format(**values) if values else why,
            "why_en": gettext_en(why, **values),
        }
        context: dict[str, object] = {"sheet": sheet.title, "row": row + 1}
        if col is not None:
            context["cell"] = sheet.address(row, col)
        self.findings.append(
            Issue(
                code="H901",
                severity=import_severity("H901"),
                location="",
                message=template.format(**shown),
                message_en=gettext_en(template, **shown),
                input=text,
                context=context,
            )
        )


def _number_text(value: Decimal) -> str:
    return f"{value:f}"


def _merge(old: Cell, new: Cell) -> Cell:
    """The sheet's cell, unless it says the same as the JSON's (then the JSON's, with its printed text)."""
    if (
        old.status is new.status
        and old.value == new.value
        and (new.status is CellStatus.VALUE or old.raw == new.raw)
    ):
        return old
    if new.unit is None and old.unit is not None:
        return new.model_copy(update={"unit": old.unit})
    return new


def _is_blank(cell: Cell) -> bool:
    return cell.status is CellStatus.EMPTY and not cell.raw


# --- the workbook ---------------------------------------------------------------------------------


def _sheet_rows(ws: object, cells: int, name: str) -> tuple[list[tuple[object, ...]], int]:
    """The rows of a read-only worksheet, bounded (rows, columns, cells of the workbook so far);
    returns them and the workbook's cell count with them."""
    title = str(getattr(ws, "title", ""))
    rows: list[tuple[object, ...]] = []
    for row in ws.iter_rows(values_only=True):  # type: ignore[attr-defined]
        if len(rows) >= MAX_SHEET_ROWS:
            raise LimitExceeded.of(
                gettext_noop("「{title}」シートの行が多すぎます（上限 {maximum:,} 行）"),
                limit="sheet_rows",
                value=len(rows) + 1,
                maximum=MAX_SHEET_ROWS,
                where=name,
                title=title,
            )
        if len(row) > MAX_SHEET_COLUMNS:
            raise LimitExceeded.of(
                gettext_noop("「{title}」シートの列が多すぎます（{value:,} 列、上限 {maximum:,} 列）"),
                limit="sheet_columns",
                value=len(row),
                maximum=MAX_SHEET_COLUMNS,
                where=name,
                title=title,
            )
        cells += len(row)
        if cells > MAX_XLSX_CELLS:
            raise _too_many_cells(cells, name)
        rows.append(tuple(row))
    return rows, cells


def _too_many_cells(cells: int, name: str) -> LimitExceeded:
    return LimitExceeded.of(
        gettext_noop("Excel（xlsx）のセルが多すぎます（{value:,} 個以上、上限 {maximum:,} 個）"),
        limit="cells",
        value=cells,
        maximum=MAX_XLSX_CELLS,
        where=name,
    )


def _too_many_sheets(count: int, name: str) -> LimitExceeded:
    return LimitExceeded.of(
        gettext_noop("Excel（xlsx）のシートが多すぎます（{value:,} 枚、上限 {maximum} 枚）"),
        limit="sheets",
        value=count,
        maximum=MAX_XLSX_SHEETS,
        where=name,
    )


def _too_large(entry: str | None, size: int, maximum: int, limit: str, name: str) -> LimitExceeded:
    """A file in the archive (``entry``), or the whole workbook (None), too large uncompressed."""
    return LimitExceeded.of(
        gettext_noop("Excel（xlsx）が展開すると大きすぎます（{value:,} バイト以上、上限 {maximum:,} バイト）")
        if entry is None
        else gettext_noop(
            "Excel（xlsx）の中の {entry} が展開すると大きすぎます"
            "（{value:,} バイト以上、上限 {maximum:,} バイト）"
        ),
        limit=limit,
        value=size,
        maximum=maximum,
        where=name,
        entry=entry,
    )


@dataclass
class _ArchiveScan:
    """What reading the archive's files has counted so far."""

    name: str
    size: int = 0
    elements: int = 0
    cells: int = 0

    def entry(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes | None:
        """Read one file, bounded; its bytes when it is xl/workbook.xml (None otherwise)."""
        entry = info.filename
        xml = entry.lower().endswith(_XML_SUFFIXES)
        keep = entry == "xl/workbook.xml"
        kept: list[bytes] = []
        size = rows = in_row = 0
        carry = b""
        with archive.open(info) as handle:
            while chunk := handle.read(_CHUNK):
                size += len(chunk)
                self.size += len(chunk)
                if size > MAX_XLSX_ENTRY_BYTES:
                    raise _too_large(
                        entry,
                        size,
                        MAX_XLSX_ENTRY_BYTES,
                        "entry_bytes",
                        self.name,
                    )
                if self.size > MAX_XLSX_BYTES:
                    raise _too_large(
                        None,
                        self.size,
                        MAX_XLSX_BYTES,
                        "uncompressed_bytes",
                        self.name,
                    )
                if keep:
                    kept.append(chunk)
                if not xml:
                    continue
                self.elements += chunk.count(b"<") - chunk.count(b"</")
                if self.elements > MAX_XLSX_ELEMENTS:
                    raise LimitExceeded.of(
                        gettext_noop(
                            "Excel（xlsx）の XML 要素が多すぎます（{value:,} 個以上、上限 {maximum:,} 個）"
                        ),
                        limit="xml_elements",
                        value=self.elements,
                        maximum=MAX_XLSX_ELEMENTS,
                        where=self.name,
                    )
                # rows and cells as written (<row>, <c>); a tag is never cut: the text from the last
                # "<" on waits for the next chunk (its first bytes are all the pattern needs)
                buffer = carry + chunk
                cut = buffer.rfind(b"<")
                head, carry = (buffer[:cut], buffer[cut : cut + 64]) if cut >= 0 else (buffer, b"")
                rows, in_row = self._cells(head, entry, rows, in_row)
        if carry:
            self._cells(carry, entry, rows, in_row)
        return b"".join(kept) if keep else None

    def _cells(self, text: bytes, entry: str, rows: int, in_row: int) -> tuple[int, int]:
        for match in _CELL_OR_ROW.finditer(text):
            if match.group(1) == b"row":
                rows += 1
                in_row = 0
                if rows > MAX_SHEET_ROWS:
                    raise LimitExceeded.of(
                        gettext_noop("Excel（xlsx）の {entry} の行が多すぎます（上限 {maximum:,} 行）"),
                        limit="sheet_rows",
                        value=rows,
                        maximum=MAX_SHEET_ROWS,
                        where=self.name,
                        entry=entry,
                    )
                continue
            in_row += 1
            self.cells += 1
            if in_row > MAX_SHEET_COLUMNS:
                raise LimitExceeded.of(
                    gettext_noop("Excel（xlsx）の {entry} の一行のセルが多すぎます（上限 {maximum:,} 列）"),
                    limit="sheet_columns",
                    value=in_row,
                    maximum=MAX_SHEET_COLUMNS,
                    where=self.name,
                    entry=entry,
                )
            if self.cells > MAX_XLSX_CELLS:
                raise _too_many_cells(self.cells, self.name)
        return rows, in_row


def _check_archive(archive: zipfile.ZipFile, name: str) -> None:
    """Bound the archive before anything parses it: its directory first (files, declared sizes),
    then every file as it is read (real sizes, XML elements, rows and cells, sheets)."""
    infos = archive.infolist()
    if len(infos) > MAX_XLSX_ENTRIES:
        raise LimitExceeded.of(
            gettext_noop("Excel（xlsx）の中のファイルが多すぎます（{value:,} 個、上限 {maximum} 個）"),
            limit="entries",
            value=len(infos),
            maximum=MAX_XLSX_ENTRIES,
            where=name,
        )
    for info in infos:
        if info.file_size > MAX_XLSX_ENTRY_BYTES:
            raise _too_large(
                info.filename,
                info.file_size,
                MAX_XLSX_ENTRY_BYTES,
                "entry_bytes",
                name,
            )
    declared = sum(info.file_size for info in infos)
    if declared > MAX_XLSX_BYTES:
        raise _too_large(None, declared, MAX_XLSX_BYTES, "uncompressed_bytes", name)
    scan = _ArchiveScan(name)
    for info in infos:
        if info.is_dir():
            continue
        workbook = scan.entry(archive, info)
        if workbook is not None:
            sheets = len(_SHEET_ELEMENT.findall(workbook))
            if sheets > MAX_XLSX_SHEETS:
                raise _too_many_sheets(sheets, name)


def _read_book(data: bytes, name: str) -> dict[str, _Sheet]:
    if not data.startswith(b"PK\x03\x04"):
        raise not_a_report(
            gettext_noop("Excel ブック（xlsx）ではありません: ZIP アーカイブではありません"), where=name
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = set(archive.namelist())
    except Exception as exc:  # BadZipFile, EOFError, NotImplementedError…: all mean a damaged archive
        raise not_a_report(
            gettext_noop("Excel ブック（xlsx）ではありません: ZIP アーカイブが壊れています"),
            where=name,
            detail=_first_line(exc),
        ) from None
    if "xl/workbook.xml" not in members or "[Content_Types].xml" not in members:
        raise not_a_report(
            gettext_noop("Excel ブック（xlsx）ではありません: xl/workbook.xml のない ZIP アーカイブです"),
            where=name,
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_archive(archive, name)
    except (LimitExceeded, MemoryError):
        raise
    except Exception as exc:  # a damaged member (bad CRC, bad deflate data, a truncated archive)
        raise not_a_report(
            gettext_noop("Excel ブック（xlsx）ではありません: ZIP アーカイブが壊れています"),
            where=name,
            detail=_first_line(exc),
        ) from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                if len(book.worksheets) > MAX_XLSX_SHEETS:
                    raise _too_many_sheets(len(book.worksheets), name)
                sheets: dict[str, _Sheet] = {}
                cells = 0
                for ws in book.worksheets:
                    ws.reset_dimensions()
                    rows, cells = _sheet_rows(ws, cells, name)
                    sheets[str(ws.title)] = _Sheet(str(ws.title), rows)
            finally:
                book.close()
    except (NotAReportError, MemoryError):
        raise
    except Exception as exc:  # openpyxl raises many kinds on a damaged file; all mean the same here
        raise not_a_report(
            gettext_noop("読めない Excel ブックです"),
            where=name,
            detail=_first_line(f"{type(exc).__name__}: {exc}"),
        ) from None
    return sheets


def _from_json(sheet: _Sheet, reader: _Reader) -> EvaluationReport | None:
    text = "".join(v for row in sheet.rows for v in row[:1] if isinstance(v, str))
    if not text.strip():
        return None
    try:
        return EvaluationReport.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors()[0]
        path = "/" + "/".join(str(p) for p in first["loc"])
        reader.unplaced(
            sheet,
            0,
            text[:200],
            gettext_noop("JSONとして読めません({path}: {msg})。表示されているシートだけから読み込みました"),
            col=0,
            path=path,
            msg=first["msg"],
        )
        return None


# --- 評価書 ---------------------------------------------------------------------------------------

_HEADER_KEYS = {
    _norm(k): k
    for k in (
        "府省",
        "評価書番号",
        "施策番号",
        "施策名",
        "評価年度",
        "対象年度",
        "担当部局名",
        "政策評価実施時期",
        "目標達成度の測定の結果",
        "判断根拠",
        "文書の種類",
        "作成責任者名",
        "政策評価実施予定時期",
    )
}


def _fiscal_year(value: object) -> int | None:
    """2020, 「2020」, 「令和2年度」, 「令和元年」 → 2020; None for anything else."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return value if 1868 <= value <= 2200 else None
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if re.fullmatch(r"[0-9]{4}(年度?)?", text):
        year = int(text[:4])
        return year if 1868 <= year <= 2200 else None
    try:
        return parse_era_year(text)
    except EraYearError:
        return None


def _year_month(value: object) -> str | None:
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.year:04d}-{value.month:02d}"
    text = _norm(value)
    if not text:
        return None
    match = _ERA_MONTH.match(text)
    if match:
        try:
            year = western_year(match.group(1), match.group(2))
        except EraYearError:
            return None
        month = int(match.group(3))
    else:
        found = _YEAR_MONTH.match(text)
        if found is None:
            return None
        year, month = int(found.group(1)), int(found.group(2))
    return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None


def _tier(label: str | None) -> Tier | None:
    key = _norm(label)
    return next((t for t in Tier if _norm(t.value) == key), None)


def _header(sheet: _Sheet, reader: _Reader) -> EvaluationReport:
    values: dict[str, tuple[int, str | None, str | None]] = {}
    for row in range(len(sheet.rows)):
        key = _HEADER_KEYS.get(_norm(sheet.get(row, 0)))
        if key is not None:
            values[key] = (row, sheet.text(row, 1), sheet.text(row, 2))
        elif row > 0 and not sheet.is_blank(row):
            reader.unplaced(sheet, row, sheet.row_text(row), gettext_noop("評価書の項目ではありません"))

    def required(key: str) -> tuple[int, str]:
        row, value, _ = values.get(key, (-1, None, None))
        if value is None:
            where = f"{sheet.address(row, 1)}" if row >= 0 else "A"
            raise reader.fail(
                gettext_noop("シート「{sheet}」: 「{key}」の値がありません（{cell}）"),
                sheet=sheet.title,
                key=key,
                cell=where,
            )
        return row, value

    def optional(key: str) -> str | None:
        return values.get(key, (-1, None, None))[1]

    row, year_text = required("評価年度")
    year = _fiscal_year(sheet.get(row, 1))
    if year is None:
        raise reader.fail(
            gettext_noop(
                "シート「{sheet}」のセル {cell}: 「{text}」は年度ではありません（令和2年度 または 2020）"
            ),
            sheet=sheet.title,
            cell=sheet.address(row, 1),
            text=year_text,
        )
    window: list[int] = []
    if "対象年度" in values:
        row, text, _ = values["対象年度"]
        for part in re.split(r"[、,，・\s]+", text or ""):
            if not part:
                continue
            found = _fiscal_year(part)
            if found is None:
                raise reader.fail(
                    gettext_noop("シート「{sheet}」のセル {cell}: 「{text}」は年度ではありません"),
                    sheet=sheet.title,
                    cell=sheet.address(row, 1),
                    text=part,
                )
            window.append(found)
    evaluated_on = None
    if "政策評価実施時期" in values:
        row, text, _ = values["政策評価実施時期"]
        evaluated_on = _year_month(sheet.get(row, 1))
        if text is not None and evaluated_on is None:
            raise reader.fail(
                gettext_noop(
                    "シート「{sheet}」のセル {cell}: 「{text}」は年月ではありません"
                    "（令和2年9月 または 2020-09）"
                ),
                sheet=sheet.title,
                cell=sheet.address(row, 1),
                text=text,
            )
    _, label, letter = values.get("目標達成度の測定の結果", (-1, None, None))
    kind = DocumentKind.EVALUATION
    if optional("文書の種類") is not None:
        row, text, _ = values["文書の種類"]
        found_kind = next((k for k in DocumentKind if _norm(k.value) == _norm(text)), None)
        if found_kind is None:
            reader.unplaced(
                sheet,
                row,
                sheet.row_text(row),
                gettext_noop("文書の種類(評価書・政策評価調書・事前分析表)が読めません"),
                1,
            )
        kind = found_kind or kind
    # only a 評価書 must name its measure; a 調書 or 事前分析表 cut from its document may not
    named = required if kind is DocumentKind.EVALUATION else lambda key: (-1, optional(key) or "")
    return validated(
        lambda: EvaluationReport(
            kind=kind,
            ministry=required("府省")[1],
            report_code=optional("評価書番号"),
            measure_number=named("施策番号")[1],
            title=named("施策名")[1],
            responsible=optional("作成責任者名"),
            planned_evaluation=optional("政策評価実施予定時期"),
            evaluation_year=year,
            window=window,
            bureau=optional("担当部局名"),
            evaluated_on=evaluated_on,
            judgment=Judgment(tier=_tier(label), label=label, letter=letter, rationale=optional("判断根拠")),
        ),
        what=gettext_noop("シート「{sheet}」: 評価書の項目に誤りがあります"),
        where=reader.name,
        sheet=sheet.title,
    )


# --- 予算 -----------------------------------------------------------------------------------------

_BUDGET_FIELDS: tuple[tuple[str, str], ...] = (
    ("当初予算", "initial"),
    ("補正予算", "supplementary"),
    ("繰越", "carryover"),
    ("合計", "total"),
    ("執行額", "executed"),
)


def _budget_field(label: str) -> str | None:
    return next((attr for key, attr in _BUDGET_FIELDS if key in label), None)


def _apply_budget(report: EvaluationReport, sheet: _Sheet, reader: _Reader) -> None:
    head = next((r for r in range(len(sheet.rows)) if _norm(sheet.get(r, 0)) == "区分"), None)
    if head is None:
        raise reader.fail(
            gettext_noop("シート「{sheet}」: 見出しの行がありません（A 列に「区分」）"), sheet=sheet.title
        )
    columns: list[tuple[int, int]] = []
    for col in range(2, len(sheet.rows[head])):
        value = sheet.get(head, col)
        if value is None:
            continue
        year = _fiscal_year(value)
        if year is None:
            reader.unplaced(
                sheet,
                head,
                str(value),
                gettext_noop("年度として読めない見出しです"),
                col,
            )
        else:
            columns.append((col, year))
    unit = report.budget.unit
    had_years = bool(report.budget.years)
    rows: list[tuple[int, str]] = []
    for row in range(head + 1, len(sheet.rows)):
        label_a, label_b = _norm(sheet.get(row, 0)), _norm(sheet.get(row, 1))
        found = _UNIT.search(label_a)
        if found:
            unit = found.group(1)
        attr = _budget_field(label_b) or _budget_field(label_a)
        if attr is not None:
            rows.append((row, attr))
        elif not sheet.is_blank(row) and row > head:
            reader.unplaced(sheet, row, sheet.row_text(row), gettext_noop("予算の行として読めません"))
    existing = {y.fiscal_year: (i, y) for i, y in enumerate(report.budget.years)}
    for col, year in columns:
        index, old = existing.get(year, (len(report.budget.years), None))
        cells = {
            attr: reader.number(sheet, row, col, f"/budget/years/{index}/{attr}", unit) for row, attr in rows
        }
        if old is None:
            if any(not _is_blank(c) for c in cells.values()):
                report.budget.years.append(BudgetYear(fiscal_year=year, **cells))
                existing[year] = (index, report.budget.years[-1])
            continue
        for attr, cell in cells.items():
            merged = _merge(getattr(old, attr), cell)
            if merged is not getattr(old, attr):
                setattr(old, attr, merged)
    if not had_years:
        report.budget.unit = unit


# --- 調書 -----------------------------------------------------------------------------------------

_SHEET_FIELDS = ("政策名", "番号", "評価方式", "政策目標の達成度合い")
_ACCOUNT_TYPES = {_norm(a.value): a for a in AccountType}
_AMOUNTS = ("current_initial", "next_request", "current_initial_inclusive", "next_request_inclusive")


@dataclass
class _ParsedSheet:
    fields: dict[str, str] = field(default_factory=dict)
    unit: str = "千円"
    current_year: int | None = None
    next_year: int | None = None
    sections: list[BudgetSheetSection] = field(default_factory=list)
    totals: list[BudgetSheetLine] = field(default_factory=list)

    def shape(self) -> tuple[object, ...]:
        return _shape(self.sections, self.totals)


def _shape(sections: Sequence[BudgetSheetSection], totals: Sequence[BudgetSheetLine]) -> tuple[object, ...]:
    return (
        tuple((s.kind, len(s.items), tuple(t.account_type for t in s.subtotals)) for s in sections),
        tuple(t.account_type for t in totals),
    )


def _year_prefix(text: str) -> int | None:
    match = re.match(rf"^({era_year_regex()}年度|[0-9]{{4}}年度)", _norm(text))
    return _fiscal_year(match.group(1)) if match else None


def _parse_sheet(sheet: _Sheet, reader: _Reader) -> _ParsedSheet:
    parsed = _ParsedSheet()
    head = next((r for r in range(len(sheet.rows)) if _norm(sheet.get(r, 1)) == "会計"), None)
    if head is None:
        raise reader.fail(
            gettext_noop("シート「{sheet}」: 見出しの行がありません（B 列に「会計」）"), sheet=sheet.title
        )
    current_col, next_col = 6, 8
    for col in range(len(sheet.rows[head])):
        label = _norm(sheet.get(head, col))
        if "当初予算額" in label:
            current_col, parsed.current_year = col, _year_prefix(label)
        elif "概算要求額" in label:
            next_col, parsed.next_year = col, _year_prefix(label)
    for row in range(head):
        cells = sheet.rows[row]
        for col, value in enumerate(cells):
            key = _norm(value)
            found = _UNIT.fullmatch(key)
            if found:
                parsed.unit = found.group(1)
            for name in _SHEET_FIELDS:
                if key == _norm(name) and (text := sheet.text(row, col + 1)) is not None:
                    parsed.fields[name] = text
    section: BudgetSheetSection | None = None
    last: BudgetSheetAmounts | None = None
    last_where = ""
    in_totals = False
    unit = parsed.unit

    def amounts(row: int, where: str, *, inclusive: bool = False) -> dict[str, Cell]:
        suffix = "_inclusive" if inclusive else ""
        return {
            f"current_initial{suffix}": reader.number(
                sheet, row, current_col, f"{where}/current_initial{suffix}", unit, inclusive=inclusive
            ),
            f"next_request{suffix}": reader.number(
                sheet, row, next_col, f"{where}/next_request{suffix}", unit, inclusive=inclusive
            ),
        }

    def account_line(
        row: int, account: AccountType | None, where: str, into: list[BudgetSheetLine]
    ) -> BudgetSheetLine | None:
        """A 小計 or 合計 row's line, added ``into`` its list; None, reported, when its account
        type (F列) cannot be read."""
        if account is None:
            reader.unplaced(sheet, row, sheet.row_text(row), gettext_noop("会計の種類(F列)が読めません"))
            return None
        line = BudgetSheetLine(account_type=account, **amounts(row, where))
        into.append(line)
        return line

    def new_section(label: str) -> BudgetSheetSection:
        kind = SectionKind.NOT_EVALUATED if "なっていない" in _norm(label) else SectionKind.EVALUATED
        parsed.sections.append(BudgetSheetSection(kind=kind, label=label))
        return parsed.sections[-1]

    for row in range(head + 1, len(sheet.rows)):
        if sheet.is_blank(row):
            continue
        label_a = sheet.text(row, 0)
        marks = _norm(sheet.get(row, current_col + 1)) + _norm(sheet.get(row, next_col + 1))
        account = _ACCOUNT_TYPES.get(_norm(sheet.get(row, 5)))
        subject = [sheet.text(row, col) for col in range(1, 5)]
        if "の内数" in marks:
            if last is None:
                reader.unplaced(
                    sheet,
                    row,
                    sheet.row_text(row),
                    gettext_noop("どの行の「の内数」か分かりません"),
                )
                continue
            for attr, cell in amounts(row, last_where, inclusive=True).items():
                setattr(last, attr, cell)
            continue
        if label_a is not None and _norm(label_a) == "合計":
            in_totals = True
        elif label_a is not None:
            in_totals = False
            section = new_section(label_a)
            last = None
        if in_totals:
            where = f"/budget_sheet/totals/{len(parsed.totals)}"
            if (line := account_line(row, account, where, parsed.totals)) is not None:
                last, last_where = line, where
            continue
        is_subtotal = _norm(subject[0]) == "小計" or (
            account is not None and not any(subject[1:]) and subject[0] is None
        )
        if section is None:
            section = new_section("政策評価の対象となっているもの")
        s = len(parsed.sections) - 1
        if is_subtotal:
            where = f"/budget_sheet/sections/{s}/subtotals/{len(section.subtotals)}"
            if (line := account_line(row, account, where, section.subtotals)) is not None:
                last, last_where = line, where
        elif any(subject):
            last_where = f"/budget_sheet/sections/{s}/items/{len(section.items)}"
            item = BudgetSheetItem(
                account=subject[0] or "",
                organization=subject[1] or "",
                item=subject[2] or "",
                sub_item=subject[3] or "",
                other_sheet_ref=sheet.text(row, 5),
                **amounts(row, last_where),
            )
            section.items.append(item)
            last = item
        elif (
            label_a is None or sheet.get(row, current_col) is not None or sheet.get(row, next_col) is not None
        ):
            reader.unplaced(sheet, row, sheet.row_text(row), gettext_noop("調書の行として読めません"))
    return parsed


def _apply_sheet(report: EvaluationReport, sheet: _Sheet, reader: _Reader, *, from_json: bool) -> None:
    parsed = _parse_sheet(sheet, reader)
    old = report.budget_sheet
    if old is not None and from_json and _shape(old.sections, old.totals) == parsed.shape():
        pairs: list[tuple[BudgetSheetAmounts, BudgetSheetAmounts]] = []
        for old_section, new_section in zip(old.sections, parsed.sections, strict=True):
            pairs += zip(old_section.items, new_section.items, strict=True)
            pairs += zip(old_section.subtotals, new_section.subtotals, strict=True)
        pairs += zip(old.totals, parsed.totals, strict=True)
        for before, after in pairs:
            for attr in _AMOUNTS:
                merged = _merge(getattr(before, attr), getattr(after, attr))
                if merged is not getattr(before, attr):
                    setattr(before, attr, merged)
        return
    if from_json and old is not None:
        old.sections, old.totals = parsed.sections, parsed.totals
        return
    if not parsed.sections and not parsed.totals and (from_json or set(parsed.fields) <= {"政策名"}):
        return
    report.budget_sheet = BudgetSheet(
        policy_name=parsed.fields.get("政策名") or report.title,
        number=parsed.fields.get("番号"),
        evaluation_method=parsed.fields.get("評価方式"),
        achievement=parsed.fields.get("政策目標の達成度合い"),
        unit=parsed.unit,
        current_year=parsed.current_year,
        next_year=parsed.next_year,
        sections=parsed.sections,
        totals=parsed.totals,
    )


# --- 指標データ -------------------------------------------------------------------------------------

_KINDS = {
    **{label: kind for kind, label in KIND_LABELS.items()},
    **{f"{label}的": kind for kind, label in KIND_LABELS.items()},
    **{kind.value: kind for kind in IndicatorKind},
}
_DIRECTIONS = {
    **{label: d for d, label in DIRECTION_LABELS.items()},
    **{d.value: d for d in Direction},
}
_COLUMNS = {_norm(k): k for k in INDICATOR_COLUMNS}
_REQUIRED_COLUMNS = ("指標ID", "目標値", "実績値")


@dataclass
class _Row:
    index: int
    indicator_id: str
    fiscal_year: int | None
    series: str | None
    target_col: int
    actual_col: int
    unit: str | None
    grade: str | None


def _indicator_rows(
    sheet: _Sheet, reader: _Reader, known: Sequence[str] = ()
) -> tuple[dict[str, int], list[_Row]]:
    """The rows of 指標データ. An 指標ID is one of ``known`` (the JSON's ids, in any numbering: 「④」,
    「指標7」), compared as written and then without width or spaces; else it is like 「1-3」, or is
    any id on a row whose 個別分野 gives the area's number (「1 …」)."""
    by_norm = {_norm(indicator_id): indicator_id for indicator_id in known}
    head = next(
        (r for r in range(min(len(sheet.rows), 10)) if any(_norm(v) == "指標ID" for v in sheet.rows[r])), None
    )
    if head is None:
        raise reader.fail(
            gettext_noop("シート「{sheet}」: 「指標ID」のある見出しの行がありません"), sheet=sheet.title
        )
    columns: dict[str, int] = {}
    for col, value in enumerate(sheet.rows[head]):
        key = _COLUMNS.get(_norm(value))
        if key is not None and key not in columns:
            columns[key] = col
    for key in _REQUIRED_COLUMNS:
        if key not in columns:
            raise reader.fail(
                gettext_noop("シート「{sheet}」の {row} 行目: 「{key}」の列がありません"),
                sheet=sheet.title,
                row=head + 1,
                key=key,
            )

    def text(row: int, key: str) -> str | None:
        return sheet.text(row, columns[key]) if key in columns else None

    rows: list[_Row] = []
    for row in range(head + 1, len(sheet.rows)):
        if sheet.is_blank(row):
            continue
        written = text(row, "指標ID") or ""
        indicator_id = written if written in known else by_norm.get(_norm(written), _norm(written))
        if indicator_id not in by_norm.values() and not _ID.match(indicator_id):
            indicator_id = written  # an id in another numbering (「④」「指標7」) as written
        numbered = bool(indicator_id) and _AREA.match(text(row, "個別分野") or "") is not None
        if indicator_id not in by_norm.values() and not _ID.match(indicator_id) and not numbered:
            reader.unplaced(
                sheet,
                row,
                sheet.row_text(row),
                gettext_noop(
                    "指標ID「{indicator_id}」が読めません(「1-3」の形で、文字列として入力してください)"
                ),
                indicator_id=indicator_id,
            )
            continue
        year = _fiscal_year(sheet.get(row, columns["年度"])) if "年度" in columns else None
        if year is None and "年度(和暦)" in columns:
            year = _fiscal_year(text(row, "年度(和暦)"))
        given = sheet.get(row, columns["年度"]) if "年度" in columns else None
        if year is None and (given is not None or text(row, "年度(和暦)")):
            reader.unplaced(sheet, row, sheet.row_text(row), gettext_noop("年度が読めません"))
            continue
        rows.append(
            _Row(
                index=row,
                indicator_id=indicator_id,
                fiscal_year=year,
                series=text(row, "系列"),
                target_col=columns["目標値"],
                actual_col=columns["実績値"],
                unit=text(row, "単位"),
                grade=text(row, "達成状況(記録)"),
            )
        )
    return columns, rows


def _put(values: list[SeriesValue], key: str | None, cell: Cell) -> None:
    """Set the value of series ``key``: the JSON's SeriesValue is kept unless the number changed."""
    for value in values:
        if value.series == key:
            merged = _merge(value.value, cell)
            if merged is not value.value:
                value.value = merged
                value.inferred_from = None
            return
    if not _is_blank(cell):
        values.append(SeriesValue(series=key, value=cell))


def _apply_grade(report: EvaluationReport, indicator: Indicator, letters: Sequence[str | None]) -> None:
    old = indicator.recorded_grade.letter if indicator.recorded_grade else None
    given = [letter for letter in letters if letter]
    new = next((g for g in given if g != old), old) if given else None
    if new == old:
        return
    indicator.recorded_grade = (
        RecordedGrade(
            letter=new,
            window=list(indicator.recorded_grade.window if indicator.recorded_grade else report.window),
        )
        if new
        else None
    )
    for entry in report.results_summary:
        if entry.indicator_id == indicator.id:
            entry.recorded_grade = new


def _values(sheet: _Sheet, reader: _Reader, row: _Row, where: str) -> tuple[Cell, Cell]:
    target = reader.number(sheet, row.index, row.target_col, f"{where}/targets", row.unit)
    actual = reader.number(sheet, row.index, row.actual_col, f"{where}/actuals", row.unit)
    return target, actual


def _apply_indicators(report: EvaluationReport, sheet: _Sheet, reader: _Reader) -> None:
    _, rows = _indicator_rows(sheet, reader, [ind.id for ind in report.indicators()])
    places = {
        ind.id: (a, i, ind) for a, area in enumerate(report.areas) for i, ind in enumerate(area.indicators)
    }
    grades: dict[str, list[str | None]] = {}
    for row in rows:
        place = places.get(row.indicator_id)
        if place is None:
            reader.unplaced(
                sheet,
                row.index,
                sheet.row_text(row.index),
                gettext_noop("指標「{indicator_id}」はこの評価書にありません"),
                indicator_id=row.indicator_id,
            )
            continue
        a, i, indicator = place
        grades.setdefault(indicator.id, []).append(row.grade)
        if row.fiscal_year is None:
            continue
        y = next((k for k, yr in enumerate(indicator.years) if yr.fiscal_year == row.fiscal_year), None)
        index = len(indicator.years) if y is None else y
        target, actual = _values(sheet, reader, row, f"/areas/{a}/indicators/{i}/years/{index}")
        if y is None:
            if _is_blank(target) and _is_blank(actual):
                continue
            indicator.years.append(IndicatorYear(fiscal_year=row.fiscal_year))
        year = indicator.years[index]
        _put(year.targets, row.series, target)
        _put(year.actuals, row.series, actual)
    for indicator_id, letters in grades.items():
        _apply_grade(report, places[indicator_id][2], letters)


def _build_indicators(report: EvaluationReport, sheet: _Sheet, reader: _Reader) -> None:
    """A workbook without JSON: areas, indicators, their series and years, from the rows alone."""
    columns, rows = _indicator_rows(sheet, reader)

    def text(row: int, key: str) -> str | None:
        return sheet.text(row, columns[key]) if key in columns else None

    areas: dict[int, Area] = {}
    indicators: dict[str, tuple[int, int, Indicator]] = {}
    for row in rows:
        if row.indicator_id not in indicators:
            mofa = _ID.match(row.indicator_id)
            area_number = int(row.indicator_id.split("-")[0]) if mofa else 1
            area_title = ""
            found = _AREA.match(text(row.index, "個別分野") or "")
            if found:
                area_number, area_title = int(found.group(1)), found.group(2).strip()
            elif text(row.index, "個別分野"):
                area_title = text(row.index, "個別分野") or ""
            if area_number not in areas:
                areas[area_number] = Area(number=area_number, title=area_title)
            area = areas[area_number]
            kind_text = _norm(text(row.index, "種類"))
            kind = _KINDS.get(kind_text.lower())
            if kind is None:
                if kind_text:
                    reader.unplaced(
                        sheet,
                        row.index,
                        kind_text,
                        gettext_noop("種類(定量・定性)が読めません"),
                        columns["種類"],
                    )
                kind = IndicatorKind.QUANTITATIVE
            direction_text = _norm(text(row.index, "方向"))
            direction = _DIRECTIONS.get(direction_text.lower())
            if direction is None:
                if direction_text:
                    reader.unplaced(
                        sheet,
                        row.index,
                        direction_text,
                        gettext_noop("方向が読めません"),
                        columns["方向"],
                    )
                direction = Direction.HIGHER
            area.indicators.append(
                Indicator(
                    id=row.indicator_id,
                    name=text(row.index, "指標名") or "",
                    is_main=_norm(text(row.index, "主要")).lower() in _TRUE,
                    kind=kind,
                    direction=direction,
                )
            )
            indicators[row.indicator_id] = (
                list(areas).index(area_number),
                len(area.indicators) - 1,
                area.indicators[-1],
            )
        a, i, indicator = indicators[row.indicator_id]
        if row.series is not None and all(s.key != row.series for s in indicator.series):
            indicator.series.append(Series(key=row.series, name=text(row.index, "系列名") or ""))
        if row.grade and indicator.recorded_grade is None:
            indicator.recorded_grade = RecordedGrade(letter=row.grade, window=list(report.window))
        if row.fiscal_year is None:
            continue
        y = next((k for k, yr in enumerate(indicator.years) if yr.fiscal_year == row.fiscal_year), None)
        if y is None:
            indicator.years.append(IndicatorYear(fiscal_year=row.fiscal_year))
            y = len(indicator.years) - 1
        target, actual = _values(sheet, reader, row, f"/areas/{a}/indicators/{i}/years/{y}")
        _put(indicator.years[y].targets, row.series, target)
        _put(indicator.years[y].actuals, row.series, actual)
    report.areas = list(areas.values())
    report.results_summary = [
        SummaryEntry(
            area_number=area.number,
            area_title=area.title or None,
            indicator_id=ind.id,
            name=ind.name,
            is_main=ind.is_main,
            recorded_grade=ind.recorded_grade.letter if ind.recorded_grade else None,
        )
        for area in report.areas
        for ind in area.indicators
    ]


# --- the importer ---------------------------------------------------------------------------------


def import_xlsx(data: bytes, *, name: str = "<input>") -> ImportResult:
    """Read hyoka's Excel workbook; see the module docstring and docs/excel-template.md."""
    book = _read_book(data, name)
    if not any(title in book for title in _OUR_SHEETS):
        raise not_a_report(
            gettext_noop(
                "hyoka のひな形ではない Excel ブックです: "
                "シート「{report}」も「{json}」もありません（シート: {sheets}）"
            ),
            where=name,
            report=REPORT_SHEET,
            json=JSON_SHEET,
            sheets="、".join(book) or "—",
        )
    reader = _Reader(name)
    report = _from_json(book[JSON_SHEET], reader) if JSON_SHEET in book else None
    from_json = report is not None
    if report is None:
        if REPORT_SHEET not in book:
            raise not_a_report(
                gettext_noop(
                    "hyoka のひな形ではない Excel ブックです: "
                    "シート「{report}」がありません（正しいシート「{json}」もありません）"
                ),
                where=name,
                report=REPORT_SHEET,
                json=JSON_SHEET,
            )
        report = _header(book[REPORT_SHEET], reader)
    try:
        if BUDGET_SHEET in book:
            _apply_budget(report, book[BUDGET_SHEET], reader)
        if SHEET_SHEET in book:
            _apply_sheet(report, book[SHEET_SHEET], reader, from_json=from_json)
        if INDICATOR_SHEET in book:
            if from_json:
                _apply_indicators(report, book[INDICATOR_SHEET], reader)
            else:
                _build_indicators(report, book[INDICATOR_SHEET], reader)
        if not from_json and PLAN_SHEET in book:
            read_plan(report, book[PLAN_SHEET], reader, _fiscal_year)
        if not from_json and MEANS_SHEET in book:
            read_means(report, book[MEANS_SHEET], reader, _fiscal_year)
    except ValidationError as exc:
        raise invalid_report(exc, what=gettext_noop("ブックの値が正しくありません"), where=name) from None
    except (InvalidOperation, ValueError) as exc:
        if isinstance(exc, NotAReportError):
            raise
        raise not_a_report(
            gettext_noop("ブックに正しくない値があります"), where=name, detail=_first_line(exc)
        ) from None
    known = (*_OUR_SHEETS, *_SHOWN_SHEETS)
    for title, sheet in book.items():
        if title not in known and any(not sheet.is_blank(r) for r in range(len(sheet.rows))):
            reader.unplaced(
                sheet,
                0,
                "\n".join(sheet.row_text(r) for r in range(len(sheet.rows)) if not sheet.is_blank(r))[:2000],
                gettext_noop("テンプレートにないシートです(読み込んでいません)"),
            )
    return ImportResult(report=report, findings=reader.findings, encoding=None, source_format="xlsx")


def _first_line(detail: object) -> str:
    """A library's own error text (English), cut to its first line: the English message's detail."""
    lines = str(detail).splitlines()
    return lines[0] if lines else ""
