"""Downloads of a revision in any registered format (``hyoka.services.render_formats``: HTML, PDF,
Excel, CSV, JSON, text), for the report page and the API alike.

A revision never changes, so what it renders to depends only on the format, the language and the
code: a format that is slow to make (``Format.slow``: the PDF, which takes seconds to lay out) is
kept (``RenderedFile``, keyed by revision, format and language, valid while its ``fingerprint`` is
the running code's) and served again from one indexed read. The cheap formats are rendered each
time. The media type sent is the format's ``file_media_type`` (a zip for the CSV tables, text with
its charset). See docs/publication.md ("Downloads").
"""

from __future__ import annotations

from dataclasses import dataclass

from hyoka.services import render_format, render_formats, render_report
from hyoka.web.reports import storage
from hyoka.web.reports.code_version import fingerprint, keep_rendered
from hyoka.web.reports.models import RenderedFile, Revision

__all__ = ["Download", "download", "download_formats", "download_links", "is_kept"]


def download_formats() -> tuple[str, ...]:
    """The formats a revision is downloaded in (``download.{fmt}``, the API's ``export.{fmt}``):
    every registered one, by name."""
    return tuple(f.name for f in render_formats())


def download_links(lang: str) -> list[tuple[str, str]]:
    """The report page's download links: (format, its label in ``lang``), in the registry's order."""
    return [(f.name, f.label(lang)) for f in render_formats()]


def is_kept(fmt: str) -> bool:
    """Whether the rendering of ``fmt`` is kept: a format that takes long to make (``Format.slow``:
    the PDF, about 2–4 s). Raises RenderError for an unknown format."""
    return render_format(fmt).slow


@dataclass(frozen=True)
class Download:
    """A file to send: its bytes, its suggested name and media type (charset included for JSON)."""

    data: bytes
    name: str
    media_type: str


def _render(revision: Revision, fmt: str, lang: str) -> Download:
    media_type = render_format(fmt).file_media_type
    output = render_report(storage.load(revision), fmt, lang=lang)
    if isinstance(output.data, dict):  # several files (the CSV tables): one zip
        return Download(output.zip_bytes(), output.suggested_name, media_type)
    return Download(output.data, output.suggested_name, media_type)


def download(revision: Revision, fmt: str, lang: str) -> Download:
    """The revision as ``fmt`` in ``lang``: the kept rendering when there is one for this code,
    else rendered (and kept, when ``is_kept``). Raises RenderError like ``render_report``."""
    if not is_kept(fmt):
        return _render(revision, fmt, lang)
    code = fingerprint()
    kept = (
        RenderedFile.objects.filter(revision=revision, format=fmt, lang=lang, fingerprint=code)
        .values_list("body", "name", "media_type")
        .first()
    )
    if kept is not None:
        body, name, media_type = kept
        return Download(bytes(body), name, media_type)
    made = _render(revision, fmt, lang)
    keep_rendered(
        RenderedFile.objects,
        f"rendered {fmt} of revision {revision.pk}",
        {"name": made.name, "media_type": made.media_type, "body": made.data},
        revision=revision,
        format=fmt,
        lang=lang,
    )
    return made
