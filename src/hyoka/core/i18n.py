"""Translation: the one GNU gettext catalog of hyoka, read with the standard library.

The source language is Japanese: a message's msgid is its Japanese text (a ``str.format`` template
with named placeholders, ``測定指標{indicator}に…``) and its English is the ``en`` catalog's msgstr,
``hyoka/locale/en/LC_MESSAGES/django.po`` (compiled to ``django.mo``; the web reads the same catalog
through Django's ``LOCALE_PATHS``). See docs/architecture.md, "Translation".

Mark a message where it is written with ``gettext_noop`` (the name Django's ``makemessages`` looks
for), translate it where it is shown with ``translate``. The only file read is the package's own
compiled catalog.
"""

from __future__ import annotations

import gettext
from functools import lru_cache
from pathlib import Path

__all__ = [
    "DOMAIN",
    "LOCALE_DIR",
    "SOURCE_LANGUAGE",
    "bilingual",
    "catalog",
    "gettext_en",
    "gettext_noop",
    "pgettext_en",
    "pgettext_noop",
    "translate",
]

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
"""``src/hyoka/locale``: ``<lang>/LC_MESSAGES/django.po`` and its compiled ``django.mo``."""

DOMAIN = "django"
"""The catalog's domain: Django's name, so that the web finds the same file."""

SOURCE_LANGUAGE = "ja"


def gettext_noop(text: str) -> str:
    """Marks ``text`` (Japanese) as a msgid of the catalog; returns it unchanged."""
    return text


def pgettext_noop(context: str, text: str) -> str:
    """Marks ``text`` (Japanese) as a msgid of the catalog under the msgctxt ``context`` (a short
    Japanese text, such as a word used in several messages, that reads differently elsewhere);
    returns it unchanged."""
    del context
    return text


@lru_cache(maxsize=8)
def catalog(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of ``lang`` (no catalog: the Japanese comes back unchanged).
    ``catalog.cache_clear()`` after pointing ``LOCALE_DIR`` elsewhere (tests do)."""
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def translate(text: str, lang: str, context: str | None = None, /, **values: object) -> str:
    """The Japanese ``text`` in ``lang`` (``ja``: itself), with ``values`` filled in by name
    (``str.format``: format specs such as ``{count:,}`` and conversions such as ``{name!r}`` apply).

    ``context`` is the entry's msgctxt, for a Japanese text that has more than one English."""
    if lang != SOURCE_LANGUAGE:
        found = catalog(lang)
        text = found.pgettext(context, text) if context is not None else found.gettext(text)
    return text.format(**values) if values else text


def gettext_en(text: str, /, **values: object) -> str:
    """``translate(text, "en", **values)``: the English of a Japanese message."""
    return translate(text, "en", None, **values)


def pgettext_en(context: str, text: str, /, **values: object) -> str:
    """``translate(text, "en", context, **values)``: the English of a Japanese text under a msgctxt."""
    return translate(text, "en", context, **values)


def bilingual(text: str, /, **values: object) -> tuple[str, str]:
    """(Japanese, English) of a message: ``text`` (the msgid, marked with ``gettext_noop``) filled in
    with ``values``, and the catalog's English of it filled in with the same ``values``. For the
    errors that carry both (``message``, ``message_en``). A value that reads differently in English
    is passed twice, the English one under a name of its own (``reason``, ``reason_en``)."""
    return (text.format(**values) if values else text), gettext_en(text, **values)
