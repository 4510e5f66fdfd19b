"""The render use case: a file → its report → HTML, PDF, Excel, CSV, JSON or text, with a safe file name.

``render_file(path, to)`` imports the file (as ``import_file`` does: text, PDF, our xlsx or our
JSON), then renders it:

* ``html`` and ``pdf``: the report and the 調書 in the official layout, with the SVG charts (the
  budget chart and one per quantitative indicator); the PDF is that HTML laid out by WeasyPrint;
* ``xlsx``: the Excel workbook (also hyoka's input template);
* ``csv``: the three open-data tables (``indicators.csv``, ``budget.csv``, ``budget_sheet.csv``) as
  ``{file name: bytes}``; ``RenderOutput.zip_bytes()`` packs them;
* ``json``: the report as hyoka JSON (what ``hyoka import`` writes);
* ``text``: the report (and its 調書) as PDF-extracted text in MOFA's layout, which the text importer
  reads back to the same report (``hyoka.renderers.text``).

With ``review=True`` the rules run on the report (``hyoka.rules.check_report`` with ``profile``)
and their findings (after the importer's) and proposals go to the renderer: beside the numbers in
HTML and PDF, as the proposed grade in the xlsx and CSV indicator tables. JSON and text are always
the report alone (findings and proposals: ``hyoka check --format json``).

The renderers are imported when first used, so ``hyoka import`` and ``hyoka check`` do not pay for
matplotlib, WeasyPrint and openpyxl. So are the model, the importers, the rules and the file
helpers: importing this module loads none of them, so the ``hyoka`` command names ``RenderFormat``
among its options at no cost to its other commands.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hyoka.core import EvaluationReport, Issue
    from hyoka.importers import ImportResult
    from hyoka.renderers.html import ReportCharts
    from hyoka.rules import RuleProfile

__all__ = [
    "MAX_NAME_BYTES",
    "RenderError",
    "RenderFormat",
    "RenderOutput",
    "default_stem",
    "render_file",
    "render_imported",
    "render_report",
    "report_charts",
    "safe_filename",
    "write_rendered",
]


class RenderFormat(StrEnum):
    HTML = "html"
    PDF = "pdf"
    XLSX = "xlsx"
    CSV = "csv"
    JSON = "json"
    TEXT = "text"


_MEDIA_TYPES = {
    RenderFormat.HTML: "text/html; charset=utf-8",
    RenderFormat.PDF: "application/pdf",
    RenderFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    RenderFormat.CSV: "text/csv; charset=utf-8",
    RenderFormat.JSON: "application/json",
    RenderFormat.TEXT: "text/plain; charset=utf-8",
}
_ZIP_MEDIA_TYPE = "application/zip"
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
"""Every member of a zip gets this date, so the same report always gives the same archive."""


class RenderError(ValueError):
    """A render that cannot be made: an unknown format, or no Japanese font for the charts.

    Carries a Japanese message and its English equivalent; ``str()`` is the Japanese one line.
    """

    def __init__(self, message: str, *, message_en: str) -> None:
        self.message = message
        self.message_en = message_en
        super().__init__(message)

    def text(self, lang: str = "ja") -> str:
        return self.message_en if lang == "en" else self.message


@dataclass(frozen=True)
class RenderOutput:
    """What a render gives: the bytes of one file, or ``{file name: bytes}`` for the CSV tables."""

    data: bytes | dict[str, bytes]
    suggested_name: str
    """a safe file name from the report (``外務省_1-I-2_R2.pdf``; ``….zip`` for the CSV tables)"""
    media_type: str
    """of ``data`` (of each file for the CSV tables)"""
    findings: tuple[Issue, ...] = ()
    """the findings shown in review mode (import findings first); empty otherwise"""

    @property
    def is_binary(self) -> bool:
        """PDF and xlsx: never written to a terminal."""
        return isinstance(self.data, bytes) and not self.media_type.startswith(("text/", "application/json"))

    @property
    def files(self) -> dict[str, bytes]:
        """``{file name: bytes}``: the CSV tables, or the one file under its suggested name."""
        return dict(self.data) if isinstance(self.data, dict) else {self.suggested_name: self.data}

    def zip_bytes(self) -> bytes:
        """Every file in one zip archive (deflated, fixed dates: the same input gives the same bytes)."""
        import zipfile

        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, data in self.files.items():
                info = zipfile.ZipInfo(safe_filename(name), date_time=_ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, data)
        return buffer.getvalue()


# --- file names ----------------------------------------------------------------------------------

MAX_NAME_BYTES = 200
"""A file name's limit in UTF-8 bytes, extension included (file systems allow 255; Japanese takes
3 bytes a character, and the atomic writer adds a dozen for its temporary name)."""

_ERA_INITIALS = {"明治": "M", "大正": "T", "昭和": "S", "平成": "H", "令和": "R"}
_FORBIDDEN = re.compile(r'[<>:"/\\|?*]')
"""Path separators and the characters Windows forbids in a file name."""
_UNDERSCORES = re.compile(r"_{2,}")
_DOT_SEGMENT = re.compile(r"(?:(?<=_)|^)\.{2,}(?=_|$)")
"""``..`` (or more dots) between separators, once they are ``_``: ``.._.._etc`` → ``__etc``."""
_WINDOWS_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"COM{n}" for n in range(10)}
    | {f"LPT{n}" for n in range(10)}
)


def _cut_to_bytes(text: str, limit: int) -> str:
    """The longest prefix of ``text`` whose UTF-8 takes at most ``limit`` bytes (whole characters)."""
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    return encoded[: max(0, limit)].decode("utf-8", errors="ignore")


def safe_filename(
    name: str, *, suffix: str = "", max_bytes: int = MAX_NAME_BYTES, fallback: str = "report"
) -> str:
    """``name`` (from user data) made a safe file name, then ``suffix`` (ours, e.g. ``.pdf``) added.

    * path separators and the characters Windows forbids (``< > : " / \\ | ? *``), control and
      format characters (line breaks, bidi overrides, …) and whitespace become ``_``; ``..``
      between them is dropped; runs of ``_`` are folded into one;
    * no leading dots (no hidden file, no ``..``), no leading or trailing ``_``, spaces or dots;
    * a Windows device name (``CON``, ``NUL``, ``COM1``, …) gets a leading ``_``;
    * cut (at a whole character) so that the whole name takes at most ``max_bytes`` UTF-8 bytes;
    * nothing left → ``fallback`` (made safe the same way).

    ``../../etc/passwd`` → ``etc_passwd``; ``a/b<script>`` → ``a_b_script``.
    """
    text = unicodedata.normalize("NFC", name)
    text = "".join(
        "_" if ch.isspace() or unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"} else ch
        for ch in text
    )
    text = _FORBIDDEN.sub("_", text)
    text = _DOT_SEGMENT.sub("", text)
    text = _UNDERSCORES.sub("_", text)
    limit = max_bytes - len(suffix.encode("utf-8"))

    def tidy(value: str) -> str:
        return value.lstrip("._ ").rstrip("._ ")

    text = tidy(_cut_to_bytes(tidy(text), limit))
    if not text:
        text = "report" if fallback == "report" else safe_filename(fallback, max_bytes=limit)
    if text.split(".", 1)[0].upper() in _WINDOWS_DEVICES:
        text = "_" + text
    return text + suffix


def default_stem(report: EvaluationReport) -> str:
    """The default output name without its extension: the report code (with the ministry in front
    when the code lacks it) and the evaluation year as era initial and number, e.g.
    ``外務省_1-I-2_R2`` for 外務省 1-I-2 of 令和2年度; made safe with ``safe_filename``."""
    from hyoka.core import to_era

    code = report.report_code or report.measure_number
    if not code.startswith(report.ministry):
        code = f"{report.ministry} {code}"
    era, year = to_era(report.evaluation_year)
    when = f"_{_ERA_INITIALS.get(era, era)}{year}"
    return safe_filename(code, suffix=when, max_bytes=MAX_NAME_BYTES - len(".xlsx"))


# --- rendering -----------------------------------------------------------------------------------


def report_charts(report: EvaluationReport) -> ReportCharts:
    """The SVG charts of the report: the budget chart, and one for each quantitative indicator that
    has a number (by indicator id). Raises RenderError when no Japanese font is installed."""
    from hyoka.renderers.charts import ChartFontError, budget_chart, indicator_chart
    from hyoka.renderers.html import ReportCharts

    try:
        indicators: dict[str, str] = {}
        for area in report.areas:
            for indicator in area.indicators:
                svg = indicator_chart(indicator)
                if svg is not None:
                    indicators.setdefault(indicator.id, svg)
        return ReportCharts(budget=budget_chart(report.budget), indicators=indicators)
    except ChartFontError as exc:
        raise RenderError(
            f"グラフに使う日本語フォントがありません（{exc}）", message_en=f"cannot draw the charts: {exc}"
        ) from None


def _format(to: str | RenderFormat) -> RenderFormat:
    try:
        return RenderFormat(str(to).lower())
    except ValueError:
        known = ", ".join(f.value for f in RenderFormat)
        raise RenderError(
            f"出力形式 {to!r} には対応していません（{known} のいずれか）",
            message_en=f"unknown output format {to!r} (one of {known})",
        ) from None


def render_report(
    report: EvaluationReport,
    to: str | RenderFormat,
    *,
    findings: Sequence[Issue] = (),
    proposals: Mapping[str, Any] | None = None,
    review: bool = False,
    lang: str = "ja",
) -> RenderOutput:
    """Render ``report`` as ``to`` (html, pdf, xlsx, csv, json, text). ``findings`` and ``proposals`` (the
    ``proposals`` object of ``CheckResult.to_json()``) are used in review mode only."""
    fmt = _format(to)
    stem = default_stem(report)
    shown: tuple[Issue, ...] = tuple(findings) if review else ()
    proposed = proposals if review else None
    if fmt is RenderFormat.JSON:
        from hyoka.services.importing import report_to_json

        return RenderOutput(report_to_json(report).encode("utf-8"), stem + ".json", _MEDIA_TYPES[fmt])
    if fmt is RenderFormat.TEXT:
        from hyoka.renderers.text import render_text

        return RenderOutput(render_text(report).encode("utf-8"), stem + ".txt", _MEDIA_TYPES[fmt])
    if fmt is RenderFormat.CSV:
        from hyoka.renderers.opendata import csv_tables

        tables = {name: text.encode("utf-8") for name, text in csv_tables(report, proposals=proposed).items()}
        return RenderOutput(tables, stem + ".zip", _MEDIA_TYPES[fmt])
    if fmt is RenderFormat.XLSX:
        from hyoka.renderers.xlsx import render_report_xlsx

        return RenderOutput(render_report_xlsx(report, proposals=proposed), stem + ".xlsx", _MEDIA_TYPES[fmt])
    charts = report_charts(report)
    options: dict[str, Any] = {"findings": shown, "proposals": proposed, "review": review, "lang": lang}
    if fmt is RenderFormat.HTML:
        from hyoka.renderers.html import render_report_html

        html = render_report_html(report, charts=charts, **options)
        return RenderOutput(html.encode("utf-8"), stem + ".html", _MEDIA_TYPES[fmt], shown)
    from hyoka.renderers.pdf import render_report_pdf

    pdf = render_report_pdf(report, charts=charts, **options)
    return RenderOutput(pdf, stem + ".pdf", _MEDIA_TYPES[fmt], shown)


def _render_checked(
    imported: ImportResult,
    fmt: RenderFormat,
    *,
    review: bool,
    rules: RuleProfile | None,
    lang: str,
    name: str,
) -> RenderOutput:
    from hyoka.services.checking import check_imported, resolve_profile

    if not review or fmt in (RenderFormat.JSON, RenderFormat.TEXT):
        return render_report(imported.report, fmt, lang=lang)
    outcome = check_imported(imported, rules or resolve_profile(None), name=name)
    return render_report(
        imported.report,
        fmt,
        findings=outcome.findings,
        proposals=outcome.result.to_json()["proposals"],
        review=True,
        lang=lang,
    )


def render_imported(
    imported: ImportResult,
    to: str | RenderFormat,
    *,
    review: bool = False,
    profile: str | Path | None = None,
    lang: str = "ja",
    name: str = "<input>",
) -> RenderOutput:
    """Render an imported report; with ``review``, check it with ``profile`` (see
    ``resolve_profile``) first and show the import findings, the rules' findings and the proposals."""
    from hyoka.services.checking import resolve_profile

    fmt = _format(to)
    rules = resolve_profile(profile) if review or profile is not None else None
    return _render_checked(imported, fmt, review=review, rules=rules, lang=lang, name=name)


def render_file(
    path: Path,
    to: str | RenderFormat,
    *,
    review: bool = False,
    profile: str | Path | None = None,
    lang: str = "ja",
) -> RenderOutput:
    """Import the file at ``path`` and render it as ``to`` (see ``render_report``).

    The format and the profile (when given, even without ``review``) are checked before the file
    is read. Raises RenderError (unknown format, no Japanese font), ProfileError, InputError and
    NotAReportError; each has a one-line message.
    """
    from hyoka.services.checking import resolve_profile
    from hyoka.services.files import read_input
    from hyoka.services.importing import import_data

    fmt = _format(to)
    rules = resolve_profile(profile) if review or profile is not None else None
    imported = import_data(read_input(path), name=str(path))
    return _render_checked(imported, fmt, review=review, rules=rules, lang=lang, name=str(path))


# --- writing -------------------------------------------------------------------------------------


def write_rendered(output: RenderOutput, target: Path) -> list[Path]:
    """Write a render to ``target`` and return the files written.

    One file: to ``target``, or into it under the suggested name when it is an existing directory.
    The CSV tables: into one zip when ``target`` ends in ``.zip`` (and is not a directory), else
    each file into the directory ``target`` (created when missing). Every file is written
    atomically; raises OutputError (one line, with the path).
    """
    from hyoka.services.files import ensure_directory, write_output

    if isinstance(output.data, dict):
        if target.suffix.lower() == ".zip" and not target.is_dir():
            write_output(target, output.zip_bytes())
            return [target]
        ensure_directory(target)
        written = []
        for name, data in output.data.items():
            path = target / safe_filename(name)
            write_output(path, data)
            written.append(path)
        return written
    path = target / output.suggested_name if target.is_dir() else target
    write_output(path, output.data)
    return [path]
