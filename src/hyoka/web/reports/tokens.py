"""API tokens, made and stored: ``create_token(user)`` makes one (``secrets.token_urlsafe(32)``),
returned once; only its SHA-256 in hex (``digest``) is stored (``ApiToken.digest``), so a leaked
database does not leak tokens. ``hyoka.web.auth`` reads them back from a request; ``manage.py
hyoka_token`` makes one for a user."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from hyoka.web.reports.models import ApiToken

__all__ = ["create_token", "digest"]


def digest(token: str) -> str:
    """The stored form of a token: its SHA-256 in hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(user: Any) -> str:
    """A new API token for ``user``. The raw token is returned here once and never stored."""
    token = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, digest=digest(token))
    return token
