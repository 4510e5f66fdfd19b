"""Every finding code has its docs page, and every page names a registered code."""

from __future__ import annotations

import re
from pathlib import Path

from hyoka.rules import CODES

DOCS = Path(__file__).resolve().parents[2] / "docs" / "findings"


def test_every_code_has_a_page_that_names_it() -> None:
    missing = [code for code in CODES if not (DOCS / f"{code}.md").exists()]
    assert missing == []
    for code, entry in CODES.items():
        page = (DOCS / f"{code}.md").read_text(encoding="utf-8")
        assert code in page.splitlines()[0], f"{code}.md does not start with its code"
        assert entry.severity.value in page, f"{code}.md does not state its severity"


def test_every_page_is_a_registered_code() -> None:
    pages = {p.stem for p in DOCS.glob("H*.md")}
    assert pages == set(CODES)


def test_the_index_lists_every_code() -> None:
    index = (DOCS / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"\bH[0-9]{3}\b", index))
    assert listed >= set(CODES)


def test_every_code_has_a_japanese_page_with_its_title_and_severity() -> None:
    """The site is Japanese by default: /findings/<code>/ shows docs/findings/ja/<code>.md."""
    from hyoka.core.i18n import translate
    from hyoka.rules import severity_name

    assert {p.stem for p in (DOCS / "ja").glob("H*.md")} == set(CODES)
    for code, entry in CODES.items():
        lines = (DOCS / "ja" / f"{code}.md").read_text(encoding="utf-8").splitlines()
        assert lines[0] == f"# {code} — {translate(entry.title, 'ja')}", code
        assert f"**重大度:** {severity_name(entry.severity)}" in lines[2], code
