"""Logging in and out, with login throttling.

After ``settings.HYOKA_LOGIN_ATTEMPTS`` failed attempts within ``HYOKA_LOGIN_WINDOW_SECONDS`` for
the same user name or from the same address, the login page answers 429 without checking the
password, until the window (counted from the first failure) has passed. The counters live in the
Django cache (shared by every app server only if the cache is); a successful login clears its user
name's counter (not the address's).

The address is ``REMOTE_ADDR``; behind ``settings.HYOKA_PROXY_COUNT`` trusted reverse proxies
(default 0), it is the entry that many places from the right of ``X-Forwarded-For`` (else every
client would share the load balancer's address, and five failures would lock everyone out).
"""

from __future__ import annotations

import hashlib
import unicodedata
from typing import Any

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView, LogoutView
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

__all__ = ["ThrottledLoginView", "client_address", "login", "login_name", "logout"]

_PREFIX = "hyoka:login-failures:"


def client_address(request: HttpRequest) -> str:
    """The client's address, as seen by the first of ``HYOKA_PROXY_COUNT`` trusted proxies."""
    hops = int(getattr(settings, "HYOKA_PROXY_COUNT", 0))
    if hops > 0:
        forwarded = [a.strip() for a in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return str(request.META.get("REMOTE_ADDR", ""))


def login_name(raw: object) -> str:
    """The user name as the login form reads it (Django's ``UsernameField``: surrounding spaces
    stripped, Unicode NFKC, so 「ｎａｍｅ」 and 「name 」 are 「name」), then case-folded: the key
    of its throttle counter. The same normalisation as the login's, or a variant of the name
    would get a counter of its own and five more attempts."""
    field = AuthenticationForm.base_fields["username"]
    name = str(field.to_python(str(raw))) if raw is not None else ""
    return unicodedata.normalize("NFKC", name.casefold())[:150]


def _keys(request: HttpRequest) -> tuple[str, str]:
    """The cache keys of the two counters: the user name (``login_name``) and the client address."""
    name = login_name(request.POST.get("username", ""))
    address = client_address(request)
    return (
        _PREFIX + "user:" + hashlib.sha256(name.encode("utf-8")).hexdigest(),
        _PREFIX + "addr:" + hashlib.sha256(address.encode("utf-8")).hexdigest(),
    )


def _blocked(keys: tuple[str, ...]) -> bool:
    limit = int(settings.HYOKA_LOGIN_ATTEMPTS)
    return any(int(cache.get(key, 0)) >= limit for key in keys)


def _record_failure(keys: tuple[str, ...]) -> None:
    window = int(settings.HYOKA_LOGIN_WINDOW_SECONDS)
    for key in keys:
        cache.add(key, 0, timeout=window)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)


class ThrottledLoginView(LoginView):
    template_name = "registration/login.html"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        keys = _keys(request)
        if _blocked(keys):
            minutes = max(1, int(settings.HYOKA_LOGIN_WINDOW_SECONDS) // 60)
            context = {
                **self.get_context_data(form=self.get_form_class()(request)),
                "throttled": _(
                    "ログインの失敗が続いたため、しばらく受け付けません。%(minutes)d分ほど後にもう一度お試しください。"
                )
                % {"minutes": minutes},
            }
            response = render(request, self.template_name, context, status=429)
            response["Retry-After"] = str(int(settings.HYOKA_LOGIN_WINDOW_SECONDS))
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: Any) -> HttpResponse:
        _record_failure(_keys(self.request))
        return super().form_invalid(form)

    def form_valid(self, form: Any) -> HttpResponse:
        cache.delete(_keys(self.request)[0])
        return super().form_valid(form)


login = ThrottledLoginView.as_view()
logout = LogoutView.as_view()


@require_GET
def language(request: HttpRequest, code: str) -> HttpResponse:
    """Switch the interface language by a plain link (no form, so public pages carry no CSRF
    token and can be cached); then back to ``next`` when it is a page of this site."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response
