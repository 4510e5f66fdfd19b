"""A package's public names imported from their modules on first use (PEP 562).

``hyoka.services`` and ``hyoka.importers`` re-export names whose modules are slow to import (the
rules, the renderers, openpyxl, the PDF importer); each defines its module ``__getattr__`` and
``__dir__`` with ``lazy_names``, so that importing the package costs nothing and a caller pays only
for what it uses. It stands beside the layers, not in core, because importing ``hyoka.core`` loads
the document model, which ``hyoka --help`` must not (``tests/cli/test_startup.py``); it imports
nothing of hyoka.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, MutableMapping

__all__ = ["lazy_names"]


def lazy_names(
    namespace: MutableMapping[str, object], modules: Mapping[str, str]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """The module ``__getattr__`` and ``__dir__`` of the package whose ``globals()`` is ``namespace``:
    a name of ``modules`` (name → the module that defines it) is imported on first use and kept in
    ``namespace``, so this runs once a name; ``__dir__`` lists ``namespace`` and ``__all__``."""
    package = namespace["__name__"]

    def __getattr__(name: str) -> object:
        module = modules.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        public = namespace.get("__all__")
        return sorted({*namespace, *(public if isinstance(public, list | tuple) else ())})

    return __getattr__, __dir__
