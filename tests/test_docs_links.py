"""The repository stands alone: its code and documents cite its own documents (docs/rules.md,
docs/design.md, …), never a file outside it, and every relative link in the documents resolves."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXT_SUFFIXES = {".py", ".md", ".toml", ".html", ".txt", ".cfg", ".sh"}
OUTSIDE = re.compile(r"\.\./shared|(?<![\w/])(?:RULES|DESIGN)\.md")
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def _files() -> list[Path]:
    found = [ROOT / "README.md", ROOT / "Makefile"]
    for folder in ("src", "tests", "docs", "benchmarks", "scripts", "samples"):
        found += [p for p in (ROOT / folder).rglob("*") if p.suffix in TEXT_SUFFIXES and p.is_file()]
    return [p for p in found if p != Path(__file__).resolve()]


def test_nothing_cites_a_file_outside_the_repository() -> None:
    citing = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in _files()
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert citing == []


def test_every_relative_link_of_the_documents_resolves() -> None:
    broken = []
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]:
        for target in LINK.findall(path.read_text(encoding="utf-8")):
            if "://" in target or target.startswith(("mailto:", "/")):  # the web site's own paths
                continue
            if not (path.parent / target).exists():
                broken.append(f"{path.relative_to(ROOT)} → {target}")
    assert broken == []
