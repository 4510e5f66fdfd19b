"""The ``hyoka`` command (typer + rich) over ``hyoka.services``; the entry point is
``hyoka.cli.main:main``.

Pydantic looks for plugins in every installed distribution's metadata the first time a model is
built, and its plugin loader imports ``importlib.metadata`` (and ``email`` through it) merely to be
able to: together about 30 ms of each command's start (docs/performance.md, "Start-up"). hyoka uses
no plugin, so the command turns the search off (``PYDANTIC_DISABLE_PLUGINS``, pydantic's own setting:
set otherwise — empty, or plugin names — it brings the search back) and, while it is off, answers the
import of the loader with a module whose ``get_plugins`` answers what pydantic's own answers then:
none (``_NoPluginLoader``; ``tests/cli/test_startup.py`` checks both ways).
"""

import os
import sys
from collections.abc import Iterable
from importlib import import_module
from importlib.machinery import ModuleSpec
from types import ModuleType

os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

_LOADER = "pydantic.plugin._loader"
_PLUGINS_OFF = ("__all__", "1", "true")
"""The values with which pydantic's ``get_plugins`` returns no plugin without searching."""


class _NoPluginLoader:
    """An import hook for pydantic's plugin loader alone, used only while plugins are off: the module
    it makes is imported when pydantic first builds a model, as the real one would be."""

    @classmethod
    def find_spec(cls, name: str, path: object = None, target: object = None) -> ModuleSpec | None:
        if name != _LOADER or os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in _PLUGINS_OFF:
            return None
        return ModuleSpec(name, cls)  # type: ignore[arg-type]  # a loader by its methods

    @staticmethod
    def create_module(spec: ModuleSpec) -> None:
        return None  # the default module

    @staticmethod
    def exec_module(module: ModuleType) -> None:
        module.__dict__.update(get_plugins=_get_plugins, _plugins=None)


def _get_plugins() -> Iterable[object]:
    """None while plugins are off when asked (typer turns them off for a moment, whatever the
    user's setting); else pydantic's own loader, imported now in this one's place."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") in _PLUGINS_OFF:
        return ()
    if _NoPluginLoader in sys.meta_path:
        sys.meta_path.remove(_NoPluginLoader)
    sys.modules.pop(_LOADER, None)
    real: Iterable[object] = import_module(_LOADER).get_plugins()
    return real


if _LOADER not in sys.modules:
    sys.meta_path.insert(0, _NoPluginLoader)

from hyoka.cli.main import app  # noqa: E402 (after the hook is in place)

__all__ = ["app"]
