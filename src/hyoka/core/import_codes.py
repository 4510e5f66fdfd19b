"""The import findings' codes (H9) with their severities: one table, read by the importers when they
make a finding and by the rules' table of every code (``hyoka.rules.codes.CODES``).

It lives in core because the importers and the rules are layers beside each other: an importer never
chooses a severity of its own, so one code always has one severity (docs/findings/README.md).
"""

from __future__ import annotations

from types import MappingProxyType

from hyoka.core.i18n import gettext_noop
from hyoka.core.issue import Severity

__all__ = ["IMPORT_CODES", "import_severity"]

IMPORT_CODES: tuple[tuple[str, Severity, str], ...] = (
    ("H901", Severity.WARNING, gettext_noop("どの項目にも当てはまらない記載")),
    ("H902", Severity.WARNING, gettext_noop("表の行の欄数が見出しと合わない")),
    ("H903", Severity.INFO, gettext_noop("文字コードを判定した")),
    ("H904", Severity.INFO, gettext_noop("元号を推定した")),
    ("H905", Severity.WARNING, gettext_noop("数値でない値")),
    ("H906", Severity.WARNING, gettext_noop("文書にない部分")),
    ("H907", Severity.INFO, gettext_noop("文書の内容でない行を読み飛ばした")),
)
"""``(code, severity, Japanese title)``, the title a msgid of the catalog."""

_SEVERITIES = MappingProxyType({code: severity for code, severity, _ in IMPORT_CODES})


def import_severity(code: str) -> Severity:
    """The severity of the import finding ``code`` (KeyError for a code not in ``IMPORT_CODES``)."""
    return _SEVERITIES[code]
