"""Who is calling the API: a bearer token (API clients), the Django session (the browser), or nobody.

* ``create_token(user)`` makes a token (``hyoka.web.reports.tokens``, re-exported here):
  ``secrets.token_urlsafe(32)``, returned once; only its SHA-256 (hex) is stored
  (``ApiToken.digest``), so a leaked database does not leak tokens.
* ``BearerToken``: ``Authorization: Bearer TOKEN``; an unknown token or an inactive user is refused
  (401); ``last_used_at`` is kept (written at most once a minute per token).
* ``SessionCookie``: the browser's session; an unsafe method (POST, …) must carry the CSRF token,
  else 403. A request without a logged-in session is not checked for CSRF: it simply has no
  session (so an anonymous write is a 401, not a CSRF 403).
* ``anonymous``: for reads only; succeeds when the request sends no ``Authorization`` header at
  all (a wrong token is a 401, never a silent downgrade to anonymous).

``WRITE`` and ``READ`` are the ``auth=`` lists of the API's operations; the views find the user
with ``caller(request)``.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from hyoka.web.reports.models import ApiToken
from hyoka.web.reports.tokens import create_token, digest

__all__ = ["READ", "WRITE", "BearerToken", "SessionCookie", "anonymous", "caller", "create_token", "digest"]

_LAST_USED_PRECISION = timedelta(minutes=1)


class BearerToken(HttpBearer):
    """``Authorization: Bearer TOKEN`` → the token's user (active users only)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        token = token.strip()
        if not token:
            return None
        found = ApiToken.objects.select_related("user").filter(digest=digest(token)).first()
        if found is None or not found.user.is_active:
            return None
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at >= _LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        return found.user


class SessionCookie(APIKeyCookie):
    """The logged-in browser session; CSRF-checked for unsafe methods."""

    param_name: str = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def __call__(self, request: HttpRequest) -> Any | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any | None:
        user = request.user
        return user if user.is_authenticated else None

    def _get_key(self, request: HttpRequest) -> str | None:
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(403, "CSRF トークンがないか正しくありません")
        key: str | None = request.COOKIES.get(self.param_name)
        return key


def anonymous(request: HttpRequest) -> Any | None:
    """Nobody: allowed for reads when the request claims no identity."""
    if "authorization" in request.headers:
        return None
    return AnonymousUser()


def caller(request: HttpRequest) -> Any:
    """The user the request was authenticated as (``AnonymousUser`` for an anonymous read)."""
    return getattr(request, "auth", None) or AnonymousUser()


WRITE = [BearerToken(), SessionCookie()]
READ = [*WRITE, anonymous]
