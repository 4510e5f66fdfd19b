"""The check use case: a file → its import findings, the rules' findings and the proposals.

``check_file(path, profile)`` imports the file (as ``import_file`` does), then runs
``hyoka.rules.check_report`` with the rule profile: a bundled one by name (``mofa-2020``) or a
TOML file by path. For an imported text document the outcome also keeps the source lines, so a
finding can be shown with the lines it points at.

``check_report_result(report)`` is the one way to check a report already in memory (the web holds
reports as models, not files); ``check_file`` and ``check_imported`` go through it too.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from hyoka.core import EvaluationReport, Issue, Severity, SourceSpan
from hyoka.importers import ImportResult
from hyoka.rules import (
    DEFAULT_PROFILE,
    CheckResult,
    ProfileError,
    RuleProfile,
    check_report,
    load_profile,
    parse_profile,
)
from hyoka.services.files import read_input
from hyoka.services.importing import import_data

__all__ = [
    "DEFAULT_PROFILE",
    "CheckOutcome",
    "CheckResult",
    "ProfileError",
    "bundled_profiles",
    "check_file",
    "check_imported",
    "check_report_result",
    "resolve_profile",
]


def bundled_profiles() -> list[str]:
    """The names of the rule profiles shipped with hyoka, sorted (``["mofa-2020"]``)."""
    folder = resources.files("hyoka.rules.profiles")
    return sorted(item.name.removesuffix(".toml") for item in folder.iterdir() if item.name.endswith(".toml"))


def _is_path(profile: str | Path) -> bool:
    """A ``Path``, or a string with a directory separator or ending in ``.toml``; other strings
    are the names of bundled profiles."""
    if isinstance(profile, Path):
        return True
    separators = {os.sep, "/"} | ({os.altsep} if os.altsep else set())
    return profile.endswith(".toml") or any(sep in profile for sep in separators)


def resolve_profile(profile: str | Path | None = None) -> RuleProfile:
    """The rule profile for ``profile``: None → the default (``mofa-2020``); a bundled name; or
    the path of a TOML file (a ``Path``, or a string with a ``/`` or ending in ``.toml``).

    Raises ProfileError (one line naming the file and the bad key) for a profile that cannot be
    used, and InputError when the profile's file cannot be read.
    """
    if profile is None:
        return load_profile(DEFAULT_PROFILE)
    if not _is_path(profile):
        name = str(profile)
        if name not in bundled_profiles():
            known = ", ".join(bundled_profiles())
            raise ProfileError(
                f"no bundled rule profile named {name!r} (bundled: {known}; or give the path of a .toml file)"
            )
        return load_profile(name)
    path = Path(profile)
    data = read_input(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProfileError(f"{path}: not UTF-8 text (undecodable byte at offset {exc.start})") from None
    return parse_profile(text, source=str(path))


@cache
def _default_profile() -> RuleProfile:
    return load_profile(DEFAULT_PROFILE)


def check_report_result(report: EvaluationReport, profile: RuleProfile | None = None) -> CheckResult:
    """The rules on a report in memory, with ``profile`` or the default one (loaded once a process)."""
    return check_report(report, profile or _default_profile())


@dataclass(frozen=True)
class CheckOutcome:
    """What ``hyoka check`` reports on one file."""

    name: str
    """the file as given (used in messages and finding lines)"""
    imported: ImportResult
    result: CheckResult
    source_lines: tuple[str, ...] = ()
    """the lines of an imported text document (line 1 first); empty for a JSON report"""

    @property
    def import_findings(self) -> list[Issue]:
        """What the importer found (H9)."""
        return list(self.imported.findings)

    @property
    def rule_findings(self) -> list[Issue]:
        """What the rules found (H1–H5)."""
        return list(self.result.findings)

    @property
    def findings(self) -> list[Issue]:
        """The import findings first, then the rules' findings."""
        return [*self.imported.findings, *self.result.findings]

    @property
    def profile(self) -> str:
        return self.result.profile

    @property
    def has_errors(self) -> bool:
        """Any finding of severity error, from the importer or the rules."""
        return any(issue.severity is Severity.ERROR for issue in self.findings)

    def counts(self) -> dict[str, int]:
        """Every severity (error, warning, info) with its count, in that order."""
        findings = self.findings
        return {s.value: sum(1 for issue in findings if issue.severity is s) for s in Severity}

    def source(self, span: SourceSpan | None, *, limit: int | None = None) -> list[tuple[int, str]]:
        """(line number, text) for the lines of ``span`` that the source has, at most ``limit``."""
        if span is None or not self.source_lines:
            return []
        last = min(span.last, len(self.source_lines))
        if limit is not None:
            last = min(last, span.first + limit - 1)
        return [(number, self.source_lines[number - 1]) for number in range(span.first, last + 1)]

    def to_json(self) -> dict[str, Any]:
        """``{"profile", "findings": [...], "proposals": {"indicators", "judgment"}}``: the shape of
        ``CheckResult.to_json()`` with the import findings first in ``findings``."""
        data = self.result.to_json()
        data["findings"] = [issue.model_dump(mode="json") for issue in self.findings]
        return data


def _lines(data: bytes, imported: ImportResult) -> tuple[str, ...]:
    """The document's lines as the text importer numbered them (decoded, then ``splitlines``)."""
    if imported.source_format != "text" or imported.encoding is None:
        return ()
    return tuple(data.decode(imported.encoding, errors="replace").lstrip("\ufeff").splitlines())


def check_imported(imported: ImportResult, profile: RuleProfile, *, name: str = "<input>") -> CheckOutcome:
    """The rules on an already imported report (no source lines)."""
    return CheckOutcome(name=name, imported=imported, result=check_report_result(imported.report, profile))


def check_file(path: Path, profile: str | Path | None = None, *, layout: str | None = None) -> CheckOutcome:
    """Import the file at ``path`` (with the layout named ``layout``, or the detected one) and
    check it with ``profile`` (see ``resolve_profile``).

    The profile is resolved first. Raises ProfileError for an unusable profile, InputError for a
    file (the report's or the profile's) that cannot be read and NotAReportError for input that
    is not an evaluation report; each has a one-line message naming the file.
    """
    rules = resolve_profile(profile)
    data = read_input(path)
    imported = import_data(data, name=str(path), layout=layout)
    return CheckOutcome(
        name=str(path),
        imported=imported,
        result=check_report_result(imported.report, rules),
        source_lines=_lines(data, imported),
    )
