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

The formats are the records of ``hyoka.renderers.formats`` (name, suffix, media type, labels, render
function, whether it takes the review): ``render_formats()`` lists them, ``render_format(name)``
finds one, and every list of formats (the command's ``--to``, the API's export, the report page's
downloads) is built from them. ``RenderFormat`` names the built-in ones (a test keeps it equal to
the registry's built-in names); any registered name is accepted where a format is asked for.

The renderers are imported when first used, so ``hyoka import`` and ``hyoka check`` do not pay for
matplotlib, WeasyPrint and openpyxl. So are the model, the importers, the rules, the file helpers
and the format registry: importing this module loads none of them, so the ``hyoka`` command can
import it at no cost to its other commands.
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
    from hyoka.core import EvaluationReport, Issue, Review
    from hyoka.importers import ImportResult
    from hyoka.renderers.formats import ChartPlan, Format
    from hyoka.renderers.html import ReportCharts
    from hyoka.rules import RuleProfile

__all__ = [
    "MAX_NAME_BYTES",
    "RenderError",
    "RenderFormat",
    "RenderOutput",
    "chart_plan",
    "chart_problem",
    "default_stem",
    "render_file",
    "render_format",
    "render_format_for_suffix",
    "render_formats",
    "render_imported",
    "render_report",
    "report_chart",
    "report_charts",
    "safe_filename",
    "write_rendered",
]


class RenderFormat(StrEnum):
    """The names of the built-in formats (``hyoka.renderers.formats``; kept equal by a test)."""

    HTML = "html"
    PDF = "pdf"
    XLSX = "xlsx"
    CSV = "csv"
    JSON = "json"
    TEXT = "text"


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
    from hyoka.core.wareki import format_era_initial

    code = report.report_code or report.measure_number
    if not code.startswith(report.ministry):
        code = f"{report.ministry} {code}"
    when = f"_{format_era_initial(report.evaluation_year)}"
    return safe_filename(code, suffix=when, max_bytes=MAX_NAME_BYTES - len(".xlsx"))


# --- rendering -----------------------------------------------------------------------------------


def report_charts(report: EvaluationReport) -> ReportCharts:
    """The SVG charts of the report: the budget chart, and one for each quantitative indicator that
    has a number (by indicator id). Raises RenderError when no Japanese font is installed."""
    from hyoka.renderers.formats import RenderUnavailable
    from hyoka.renderers.formats import report_charts as charts_of

    try:
        return charts_of(report)
    except RenderUnavailable as exc:
        raise RenderError(exc.message, message_en=exc.message_en) from None


def chart_plan(report: EvaluationReport) -> ChartPlan:
    """Which charts ``report_charts`` would draw (the budget's, the indicators' ids), without
    drawing any: a page links to each chart instead of waiting for all of them."""
    from hyoka.renderers.formats import chart_plan as plan_of

    return plan_of(report)


def report_chart(report: EvaluationReport, indicator_id: str | None = None) -> str | None:
    """One chart of ``report_charts`` as SVG: the budget's (``indicator_id`` None) or that
    indicator's; None when there is none. Raises RenderError when no Japanese font is installed."""
    from hyoka.renderers.formats import RenderUnavailable
    from hyoka.renderers.formats import report_chart as chart_of

    try:
        return chart_of(report, indicator_id)
    except RenderUnavailable as exc:
        raise RenderError(exc.message, message_en=exc.message_en) from None


def chart_problem() -> RenderError | None:
    """Why this machine draws no chart (no Japanese font), or None when it can draw them."""
    from hyoka.renderers.formats import chart_font_problem

    problem = chart_font_problem()
    return None if problem is None else RenderError(problem.message, message_en=problem.message_en)


def render_formats() -> tuple[Format, ...]:
    """Every registered format, in order (the built-in ones: html, pdf, xlsx, csv, json, text)."""
    from hyoka.renderers.formats import FORMATS

    return tuple(FORMATS.values())


def render_format(to: str | Format) -> Format:
    """The format named ``to`` (in any case); raises RenderError naming the known ones."""
    from hyoka.renderers.formats import Format, UnknownFormat, format_named

    if isinstance(to, Format):
        return to
    try:
        return format_named(str(to).lower())
    except UnknownFormat as exc:
        from hyoka.core.i18n import bilingual, gettext_noop

        message, message_en = bilingual(
            gettext_noop("出力形式 {name!r} には対応していません（{known} のいずれか）"),
            name=to,
            known=", ".join(exc.names),
        )
        raise RenderError(message, message_en=message_en) from None


def render_format_for_suffix(suffix: str) -> Format | None:
    """The format an output file's suffix names (``.pdf`` → pdf, ``.zip`` → csv); None for none."""
    from hyoka.renderers.formats import format_for_suffix

    return format_for_suffix(suffix)


def render_report(
    report: EvaluationReport,
    to: str | Format,
    *,
    findings: Sequence[Issue] = (),
    proposals: Mapping[str, Any] | None = None,
    review: bool | Review = False,
    lang: str = "ja",
) -> RenderOutput:
    """Render ``report`` as ``to`` (a registered format: html, pdf, xlsx, csv, json, text).

    ``review`` is the review to show (``hyoka.core.Review``: findings and proposals), or True to
    build it from ``findings`` and ``proposals`` (the ``proposals`` object of
    ``CheckResult.to_json()``); it goes only to the formats that take it (``Format.takes_review``),
    and ``RenderOutput.findings`` are the findings shown (``Format.shows_findings``)."""
    from hyoka.renderers.formats import RenderUnavailable

    fmt = render_format(to)
    shown = _review(review, findings, proposals) if fmt.takes_review else None
    stem = default_stem(report)
    try:
        data = fmt.renderer(report, review=shown, lang=lang)
    except RenderUnavailable as exc:
        raise RenderError(exc.message, message_en=exc.message_en) from None
    listed = shown.findings if shown is not None and fmt.shows_findings else ()
    return RenderOutput(data, stem + fmt.suffix, fmt.media_type, listed)


def _review(
    review: bool | Review, findings: Sequence[Issue], proposals: Mapping[str, Any] | None
) -> Review | None:
    from hyoka.core import Review

    if isinstance(review, Review):
        return review
    if not review:
        return None
    return Review.from_proposals(proposals or {}, findings=findings)


def _render_checked(
    imported: ImportResult,
    fmt: Format,
    *,
    review: bool,
    rules: RuleProfile | None,
    lang: str,
    name: str,
) -> RenderOutput:
    from hyoka.core import Review
    from hyoka.services.checking import check_imported, resolve_profile

    if not review or not fmt.takes_review:
        return render_report(imported.report, fmt, lang=lang)
    outcome = check_imported(imported, rules or resolve_profile(None), name=name)
    checked = Review.from_proposals(outcome.result.to_json()["proposals"], findings=outcome.findings)
    return render_report(imported.report, fmt, review=checked, lang=lang)


def _format_and_rules(
    to: str | Format, *, review: bool, profile: str | Path | None
) -> tuple[Format, RuleProfile | None]:
    """The format and the profile of a rendering, resolved before anything is read or drawn: an
    unknown format or a profile that cannot be read fails at once (a profile given without
    ``review`` is checked too), and the profile is read only when it is given or used."""
    from hyoka.services.checking import resolve_profile

    return render_format(to), resolve_profile(profile) if review or profile is not None else None


def render_imported(
    imported: ImportResult,
    to: str | Format,
    *,
    review: bool = False,
    profile: str | Path | None = None,
    lang: str = "ja",
    name: str = "<input>",
) -> RenderOutput:
    """Render an imported report; with ``review``, check it with ``profile`` (see
    ``resolve_profile``) first and show the import findings, the rules' findings and the proposals."""
    fmt, rules = _format_and_rules(to, review=review, profile=profile)
    return _render_checked(imported, fmt, review=review, rules=rules, lang=lang, name=name)


def render_file(
    path: Path,
    to: str | Format,
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
    from hyoka.services.files import read_input
    from hyoka.services.importing import import_data

    fmt, rules = _format_and_rules(to, review=review, profile=profile)
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
