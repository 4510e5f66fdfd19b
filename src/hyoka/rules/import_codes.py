"""The import findings' codes (H9): made by the importers, declared here so that one table, ``CODES``,
names every code (the importers are a layer beside the rules and cannot declare them themselves)."""

from __future__ import annotations

from hyoka.core import Severity
from hyoka.core.i18n import gettext_noop
from hyoka.rules.registry import declare

__all__ = ["CODES"]

CODES = declare(
    "H9",
    ("H901", Severity.WARNING, gettext_noop("どの項目にも当てはまらない記載")),
    ("H902", Severity.WARNING, gettext_noop("表の行の欄数が見出しと合わない")),
    ("H903", Severity.INFO, gettext_noop("文字コードを判定した")),
    ("H904", Severity.INFO, gettext_noop("元号を推定した")),
    ("H905", Severity.WARNING, gettext_noop("数値でない値")),
    ("H906", Severity.WARNING, gettext_noop("文書にない部分")),
)
"""The codes the importers emit (``hyoka.rules.codes.CODES`` gathers them with the rules' families)."""
