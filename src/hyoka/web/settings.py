"""Django settings, all from the environment. SQLite under ``HYOKA_DATA_DIR`` by default,
PostgreSQL through ``DATABASE_URL``. ``HYOKA_PRODUCTION=1`` turns on the deployment settings
(secure cookies, HSTS, SSL redirect); secrets never live in the repository."""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

DATA_DIR = Path(os.environ.get("HYOKA_DATA_DIR", Path.cwd() / ".hyoka-data")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)
PRODUCTION = os.environ.get("HYOKA_PRODUCTION") == "1"


def _secret_key() -> str:
    """From HYOKA_SECRET_KEY; else one generated once and kept in the data directory (mode 600)."""
    if key := os.environ.get("HYOKA_SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("HYOKA_DEBUG") == "1" and not PRODUCTION
ALLOWED_HOSTS = [
    h for h in os.environ.get("HYOKA_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "hyoka.web.reports",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "hyoka.web.reports.middleware.ContentSecurityPolicy",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "hyoka.web.urls"
WSGI_APPLICATION = "hyoka.web.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).parent / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'hyoka.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].setdefault("OPTIONS", {})
    # Every transaction takes the write lock when it begins (IMMEDIATE), so two writers queue on
    # the busy timeout instead of one failing with "database is locked" when its read turns into a
    # write; WAL lets readers go on meanwhile. In WAL mode synchronous=NORMAL never corrupts the
    # database and loses nothing when the server process dies; only the last commits before a power
    # loss or an OS crash may be lost. HYOKA_SQLITE_SYNCHRONOUS=FULL makes every commit durable at
    # the price of an fsync each. See docs/operations.md ("Concurrent writes").
    _SYNCHRONOUS = os.environ.get("HYOKA_SQLITE_SYNCHRONOUS", "NORMAL").upper()
    if _SYNCHRONOUS not in ("NORMAL", "FULL", "EXTRA"):
        raise ImproperlyConfigured(
            f"HYOKA_SQLITE_SYNCHRONOUS は NORMAL、FULL、EXTRA のいずれかです（{_SYNCHRONOUS!r}）"
        )
    DATABASES["default"]["OPTIONS"].update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": f"PRAGMA journal_mode=WAL; PRAGMA synchronous={_SYNCHRONOUS};",
        }
    )
elif DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # A save adds its report's search text to the trigram index's pending list; the save that fills
    # the list (32 MB, migration 0014) merges it into the index, sorting it in work_mem pieces: with
    # the server's default 4 MB that save took up to ~3 s, with 64 MB about 1 s (docs/operations.md,
    # "Concurrent writes"; docs/performance.md, "Writes"). Set per connection, so it needs no server
    # configuration; HYOKA_PG_WORK_MEM changes it (a PostgreSQL memory size, such as 16MB).
    _WORK_MEM = os.environ.get("HYOKA_PG_WORK_MEM", "64MB").strip()
    if not re.fullmatch(r"[1-9][0-9]*(kB|MB|GB)", _WORK_MEM):
        raise ImproperlyConfigured(
            f"HYOKA_PG_WORK_MEM は 64MB のように数と単位（kB、MB、GB）で指定します（{_WORK_MEM!r}）"
        )
    _OPTIONS = DATABASES["default"].setdefault("OPTIONS", {})
    _OPTIONS["options"] = f"{_OPTIONS.get('options', '')} -c work_mem={_WORK_MEM}".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語"), ("en", "English")]
LOCALE_PATHS = [Path(__file__).parent.parent / "locale"]  # the one catalog of hyoka (hyoka.core.i18n)
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"

# Uploads: what a report file may weigh, in bytes.
HYOKA_MAX_UPLOAD = int(os.environ.get("HYOKA_MAX_UPLOAD", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = HYOKA_MAX_UPLOAD + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = HYOKA_MAX_UPLOAD
# An upload is read in a child process within this time and this much more memory (keep the seconds
# below gunicorn's --timeout, 30 s by default); docs/operations.md ("Limits on input").
HYOKA_IMPORT_SECONDS = float(os.environ.get("HYOKA_IMPORT_SECONDS", "20"))
HYOKA_IMPORT_MEMORY_MB = int(os.environ.get("HYOKA_IMPORT_MEMORY_MB", "1536"))
# Login throttling: failed attempts per user name and per address within the window.
HYOKA_LOGIN_ATTEMPTS = 5
HYOKA_LOGIN_WINDOW_SECONDS = 300

# Behind this many trusted reverse proxies (a load balancer: 1), the client's address for the login
# throttling is taken from X-Forwarded-For (views/account.py); 0: REMOTE_ADDR.
HYOKA_PROXY_COUNT = int(os.environ.get("HYOKA_PROXY_COUNT", "0"))

# The contact in every page's footer: an e-mail address or an http(s) URL (reports/site.py).
HYOKA_CONTACT = os.environ.get("HYOKA_CONTACT", "")

# The cache holds the login-throttling counters. By default each process has its own (so with N
# gunicorn workers an address gets up to N times the attempts); HYOKA_CACHE=database keeps them in
# a table of the database (`hyoka migrate` creates it), shared by every worker and every server.
if os.environ.get("HYOKA_CACHE") == "database":
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "hyoka_cache"}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
