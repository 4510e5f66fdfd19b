"""Every finding code: gathered from the family modules that declare them, with their severities.

A family module (``rules/checks/<family>.py``) declares its own codes (``CODES = declare("H1", …)``,
``hyoka.rules.registry``); this module imports every family and offers the whole table, so nothing
lists a code twice. Every code has its page ``docs/findings/<code>.md`` (a test keeps them in step).
Import findings (H9) are made by the importers and declared in ``rules/import_codes.py``.

The severities' names, 誤り/注意/参考, are here too: the one mapping every display uses.
"""

from __future__ import annotations

from types import MappingProxyType

from hyoka.core import Severity
from hyoka.core.i18n import gettext_noop, translate
from hyoka.rules import import_codes
from hyoka.rules.checks import FAMILIES
from hyoka.rules.registry import FindingCode, lookup

__all__ = ["CODES", "FAMILY_MODULES", "SEVERITY_NAMES", "FindingCode", "code", "severity_name"]

FAMILY_MODULES = (*FAMILIES, import_codes)
"""The modules that declare codes: the checks' families (H1–H5), then the importers' (H9)."""

CODES: dict[str, FindingCode] = {c.code: c for module in FAMILY_MODULES for c in module.CODES}
"""Code → its record, in family order (H101 … H906)."""

SEVERITY_NAMES: MappingProxyType[Severity, str] = MappingProxyType(
    {
        Severity.ERROR: gettext_noop("誤り"),
        Severity.WARNING: gettext_noop("注意"),
        Severity.INFO: gettext_noop("参考"),
    }
)
"""How a severity is named to a person (Japanese msgids; the catalog's English: Error, Warning, Info)."""


def code(name: str) -> FindingCode:
    return lookup(name)


def severity_name(severity: Severity | str, lang: str = "ja") -> str:
    """「誤り」「注意」「参考」 (``en``: Error, Warning, Info) for a severity or its value."""
    return translate(SEVERITY_NAMES[Severity(severity)], lang)
