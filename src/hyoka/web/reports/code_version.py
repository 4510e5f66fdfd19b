"""The running code's version, for what is kept rendered: a stored public page or a rendered
download is valid only while the code that made it is the code running."""

from __future__ import annotations

import hashlib
import logging
from functools import cache
from importlib import resources
from typing import Any

from django.db import DatabaseError, IntegrityError, transaction

__all__ = ["fingerprint", "keep_rendered"]

log = logging.getLogger(__name__)


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


def keep_rendered(manager: Any, what: str, defaults: dict[str, Any], **lookup: Any) -> None:
    """Keep what was rendered (the row ``lookup`` names, updated or created with ``defaults``)
    stamped with this code's ``fingerprint``. A concurrent store of the same row or a busy database
    only means the next request renders it again, so neither is an error for this request: it is
    logged, ``what`` saying which rendering was not kept."""
    try:
        with transaction.atomic():
            manager.update_or_create(**lookup, defaults={"fingerprint": fingerprint(), **defaults})
    except (IntegrityError, DatabaseError) as exc:
        log.warning("%s not kept: %s", what, exc)
