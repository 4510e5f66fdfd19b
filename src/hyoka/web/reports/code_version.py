"""The running code's version, for what is kept rendered: a stored public page or a rendered
download is valid only while the code that made it is the code running."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["fingerprint"]


@cache
def fingerprint() -> str:
    """A digest of every file of the installed ``hyoka`` package: anything stored from a render is
    stale as soon as any template, translation or line of code that could have shaped it changes."""
    digest = hashlib.sha256()
    root = resources.files("hyoka")

    def walk(node: Any, prefix: str) -> None:
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            name = f"{prefix}/{child.name}"
            if child.is_dir():
                if child.name != "__pycache__":
                    walk(child, name)
            elif not child.name.endswith((".pyc", ".pyo")):
                digest.update(name.encode("utf-8") + b"\0")
                digest.update(child.read_bytes())

    walk(root, "")
    return digest.hexdigest()
