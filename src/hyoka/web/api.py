"""The REST API (django-ninja), mounted at /api/; OpenAPI at /api/openapi.json."""

from __future__ import annotations

from ninja import NinjaAPI

api = NinjaAPI(title="hyoka API", version="1", urls_namespace="api")
