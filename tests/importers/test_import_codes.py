"""One import code, one severity, whatever reads the document: the importers take it from
``hyoka.core.import_codes``, the table the rules' ``CODES`` declares too (docs/findings/README.md)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from hyoka.core import Severity
from hyoka.core.import_codes import IMPORT_CODES, import_severity
from hyoka.importers import import_bytes
from hyoka.importers.errors import NotAReportError
from hyoka.rules import CODES

REAL = Path(__file__).resolve().parents[2] / "samples" / "real"
SAMPLE = REAL.parent / "mofa-r2-I-2-hokubei.txt"


def _findings(path: Path) -> list[tuple[str, Severity]]:
    try:
        result = import_bytes(path.read_bytes(), name=path.name)
    except NotAReportError:
        return []  # the excerpts with no block (tests/importers/real/test_refused.py)
    return [(f.code, f.severity) for f in result.findings]


def test_the_rules_table_declares_the_importers_severities() -> None:
    assert [(c, s) for c, s, _ in IMPORT_CODES] == [
        (code.code, code.severity) for code in CODES.values() if code.family == "H9"
    ]
    assert [c for c, _, _ in IMPORT_CODES] == ["H901", "H902", "H903", "H904", "H905", "H906", "H907"]


@pytest.mark.parametrize("path", [SAMPLE, *sorted(REAL.glob("*.txt"))], ids=lambda p: p.stem)
def test_every_finding_has_its_codes_severity(path: Path) -> None:
    findings = _findings(path)
    assert [(code, severity) for code, severity in findings if severity is not import_severity(code)] == []


def test_the_mirror_wrapper_is_h907_in_every_reader() -> None:
    """The same site's wrapper, before one code for it: H906 (参考) in the 事前分析表, H901 (注意)
    in the 実績評価書."""
    jizen = Counter(_findings(REAL / "mhlw-r7-jizen-I-5-1.txt"))
    jisseki = Counter(_findings(REAL / "mhlw-r7-jisseki-I-1-1.txt"))
    assert jizen[("H907", Severity.INFO)] == 3
    assert jisseki[("H907", Severity.INFO)] == 5
