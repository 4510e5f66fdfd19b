"""The finding codes are declared by the modules that emit them and gathered in one table: a new
check is its family module, its docs page and a test (docs/architecture.md, "Adding a check")."""

from __future__ import annotations

import ast
import pkgutil
import re
from pathlib import Path
from types import ModuleType

import pytest

import hyoka.importers
import hyoka.rules.checks
from hyoka.core import Severity
from hyoka.rules import CODES
from hyoka.rules.codes import FAMILY_MODULES, SEVERITY_NAMES, code, severity_name
from hyoka.rules.registry import declare, declared, lookup

DOCS = Path(__file__).resolve().parents[2] / "docs" / "findings"
_CODE = re.compile(r"^H[0-9]{3}$")


def _emitted(module: ModuleType) -> set[str]:
    """The codes a module's source names as string literals (``finding("H101", …)``, table keys),
    outside its own ``CODES = declare(…)``."""
    assert module.__file__ is not None
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    declaration = [
        node
        for node in tree.body
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "CODES" for t in node.targets)
    ]
    assert len(declaration) == 1, module.__name__
    inside = {id(node) for node in ast.walk(declaration[0])}
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and id(node) not in inside
        and isinstance(node.value, str)
        and _CODE.match(node.value)
    }


def test_every_check_module_is_a_family_whose_codes_are_gathered() -> None:
    modules = {
        name for _, name, _ in pkgutil.iter_modules(hyoka.rules.checks.__path__) if not name.startswith("_")
    }
    assert modules == {m.__name__.rsplit(".", 1)[1] for m in hyoka.rules.checks.FAMILIES}
    assert modules == {"structure", "arithmetic", "grades", "narrative", "target_quality"}
    for module in FAMILY_MODULES:
        assert module.CODES, module.__name__
        assert all(CODES[c.code] is c for c in module.CODES), module.__name__


def test_codes_are_unique_and_all_gathered() -> None:
    listed = [c.code for module in FAMILY_MODULES for c in module.CODES]
    assert len(listed) == len(set(listed)) == 30
    assert set(listed) == set(CODES) == set(declared())
    assert list(CODES) == sorted(CODES)


def test_each_family_emits_only_its_own_codes_and_every_one_of_them() -> None:
    for module in hyoka.rules.checks.FAMILIES:
        own = {c.code for c in module.CODES}
        (family,) = {c.family for c in module.CODES}
        assert _emitted(module) == own, module.__name__
        assert all(name.startswith(family) for name in own)


def test_the_importers_emit_every_import_code() -> None:
    root = Path(hyoka.importers.__file__).resolve().parent
    text = "\n".join(p.read_text(encoding="utf-8") for p in root.rglob("*.py"))
    h9 = {c for c, entry in CODES.items() if entry.family == "H9"}
    assert h9 == {"H901", "H902", "H903", "H904", "H905", "H906", "H907"}
    assert all(f'"{c}"' in text for c in h9)


def test_every_code_has_its_page_and_a_title_in_both_languages() -> None:
    for name, entry in CODES.items():
        assert (DOCS / f"{name}.md").exists(), name
        assert entry.title and entry.title_en and entry.title != entry.title_en, name
    assert code("H303").title == "凡例にない記号"
    assert code("H303").title_en == "A letter outside the legend"
    assert code("H503").severity is Severity.INFO


def test_a_code_declared_twice_or_outside_its_family_is_refused() -> None:
    with pytest.raises(ValueError, match="H101 declared twice: in H1 and in H1"):
        declare("H1", ("H101", Severity.INFO, "別の題"))
    with pytest.raises(ValueError, match="H299 declared in family H1"):
        declare("H1", ("H299", Severity.INFO, "題"))
    assert "H299" not in declared()
    with pytest.raises(KeyError, match="H998 is not declared by any family module"):
        lookup("H998")


def test_severities_are_named_in_one_place() -> None:
    assert [severity_name(s) for s in Severity] == ["誤り", "注意", "参考"]
    assert [severity_name(s.value, "en") for s in Severity] == ["Error", "Warning", "Info"]
    assert set(SEVERITY_NAMES) == set(Severity)
