"""The registry of finding codes, filled by the modules that emit them.

Each family module (``rules/checks/<family>.py``, and ``rules/import_codes.py`` for the importers'
H9) declares its own codes with ``declare`` when it is imported; ``hyoka.rules.codes`` imports every
family and offers the gathered table as ``CODES``. So a new check is a change in its family module
(the code and its check), its page ``docs/findings/<code>.md`` and a test (docs/architecture.md,
"Adding a check"). A code declared twice is refused at import, naming both families.
"""

from __future__ import annotations

from dataclasses import dataclass

from hyoka.core import Severity
from hyoka.core.i18n import gettext_en

__all__ = ["FindingCode", "declare", "declared", "lookup"]


@dataclass(frozen=True, slots=True)
class FindingCode:
    """A code, its severity, its family (``H1`` … ``H9``) and its title: ``title`` is the Japanese,
    a msgid of the catalog; ``title_en`` is the catalog's English of it."""

    code: str
    severity: Severity
    family: str
    title: str

    @property
    def title_en(self) -> str:
        return gettext_en(self.title)


_REGISTERED: dict[str, FindingCode] = {}


def declare(family: str, *codes: tuple[str, Severity, str]) -> tuple[FindingCode, ...]:
    """Register a family's codes, each ``(code, severity, Japanese title marked with gettext_noop)``;
    returns them, for the module to keep as its ``CODES``."""
    made = tuple(FindingCode(name, severity, family, title) for name, severity, title in codes)
    for entry in made:
        if not entry.code.startswith(family):
            raise ValueError(
                f"finding code {entry.code} declared in family {family}: codes start with their family"
            )
        known = _REGISTERED.get(entry.code)
        if known is not None and known != entry:
            raise ValueError(f"finding code {entry.code} declared twice: in {known.family} and in {family}")
        _REGISTERED[entry.code] = entry
    return made


def lookup(name: str) -> FindingCode:
    """The registered code ``name``; KeyError naming it when no family declared it."""
    try:
        return _REGISTERED[name]
    except KeyError:
        raise KeyError(f"finding code {name} is not declared by any family module") from None


def declared() -> dict[str, FindingCode]:
    """Every code declared so far, in code order."""
    return dict(sorted(_REGISTERED.items()))
