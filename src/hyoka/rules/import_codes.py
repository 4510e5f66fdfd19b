"""The import findings' codes (H9): made by the importers, declared here so that one table, ``CODES``,
names every code. Their severities and titles are core's (``hyoka.core.import_codes``): the
importers are a layer beside the rules and read the severity from there when they make a finding."""

from __future__ import annotations

from hyoka.core.import_codes import IMPORT_CODES
from hyoka.rules.registry import declare

__all__ = ["CODES"]

CODES = declare("H9", *IMPORT_CODES)
"""The codes the importers emit (``hyoka.rules.codes.CODES`` gathers them with the rules' families)."""
