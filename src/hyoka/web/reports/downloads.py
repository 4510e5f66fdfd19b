"""Downloads of a revision (PDF, Excel, CSV, JSON), for the report page and the API alike.

A revision never changes, so what it renders to depends only on the format, the language and the
code: a PDF, which takes seconds to lay out, is kept (``RenderedFile``, keyed by revision, format and
language, valid while its ``fingerprint`` is the running code's) and served again from one indexed
read. The cheap formats are rendered each time. See docs/publication.md ("Downloads").
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import DatabaseError, IntegrityError, transaction

from hyoka.services import render_report
from hyoka.web.reports import storage
from hyoka.web.reports.code_version import fingerprint
from hyoka.web.reports.models import RenderedFile, Revision

__all__ = ["KEPT_FORMATS", "Download", "download"]

log = logging.getLogger(__name__)

KEPT_FORMATS = frozenset({"pdf"})
"""The formats whose rendering is kept: those that take long to make (the PDF: about 2–4 s)."""

_ZIP_MEDIA_TYPE = "application/zip"


@dataclass(frozen=True)
class Download:
    """A file to send: its bytes, its suggested name and media type (charset included for JSON)."""

    data: bytes
    name: str
    media_type: str


def _render(revision: Revision, fmt: str, lang: str) -> Download:
    output = render_report(storage.load(revision), fmt, lang=lang)
    if isinstance(output.data, dict):  # the CSV tables: one zip
        return Download(output.zip_bytes(), output.suggested_name, _ZIP_MEDIA_TYPE)
    media_type = output.media_type
    if media_type == "application/json":
        media_type = "application/json; charset=utf-8"
    return Download(output.data, output.suggested_name, media_type)


def download(revision: Revision, fmt: str, lang: str) -> Download:
    """The revision as ``fmt`` in ``lang``: the kept rendering when there is one for this code,
    else rendered (and kept, for KEPT_FORMATS). Raises RenderError like ``render_report``."""
    if fmt not in KEPT_FORMATS:
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
    try:
        with transaction.atomic():
            RenderedFile.objects.update_or_create(
                revision=revision,
                format=fmt,
                lang=lang,
                defaults={
                    "fingerprint": code,
                    "name": made.name,
                    "media_type": made.media_type,
                    "body": made.data,
                },
            )
    except (IntegrityError, DatabaseError) as exc:  # kept by a concurrent request, or a busy database
        log.warning("rendered %s of revision %s not kept: %s", fmt, revision.pk, exc)
    return made
