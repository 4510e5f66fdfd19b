"""The OpenAPI document against the server: schemathesis runs every check on every operation.

The schema is the app's own ``/api/openapi.json``, loaded from the WSGI application; the calls go
through the same WSGI application in process, on the test database (pytest-django), so it runs on
SQLite and on PostgreSQL alike. An admin (Bearer token) calls every operation, writes included; the
anonymous public calls every read. Two thirds of the positive cases are pointed at the stored sample
report, so reads, checks, exports, saves and workflow steps run on a real report, not only on 404s.

Every failure is either a server bug or a wrong declaration. Two statuses are added to
schemathesis's defaults, both documented answers of the API: 413 (a body over the size limit, which
schemathesis's negative bodies can be) as a rejection, and 422 as an answer to a schema-valid import
(any file is schema-valid; one that is not a report is a 422, docs/api.md). Strings are generated
without U+0000: the API refuses it everywhere (PostgreSQL cannot store it; test_api_input.py), and
the API's own parameters say so (``pattern``), but the report model's texts (hyoka.core) do not yet.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from hyoka.web.auth import create_token
from hyoka.web.reports import storage
from hyoka.web.reports.models import Report

pytestmark = pytest.mark.django_db

CONFIG = SchemathesisConfig.from_str(
    """
[generation]
allow-x00 = false

[checks.negative_data_rejection]
expected-statuses = [
    "400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429", "5xx",
]

[[operations]]
include-path = "/api/reports/import"
checks.positive_data_acceptance.expected-statuses = ["2xx", "401", "403", "404", "409", "413", "422", "5xx"]
"""
)
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application(), config=CONFIG)
reads = schema.include(method="GET")

EXAMPLES = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,  # the same cases on every run and in CI
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.filter_too_much,
    ],
)
RUN: dict[str, Any] = {"examples": 0, "seconds": 0.0, "statuses": {}}
"""Totals over the module, printed at its end (``pytest -s``)."""


@pytest.fixture(scope="module", autouse=True)
def _totals() -> Iterator[None]:
    yield
    statuses = ", ".join(f"{status}: {n}" for status, n in sorted(RUN["statuses"].items()))
    print(f"\nschemathesis: {RUN['examples']} examples in {RUN['seconds']:.1f} s ({statuses})")


def _ordered_spans(value: Any) -> None:
    """Every ``SourceSpan`` in the body as ``first`` ≤ ``last``: a rule between two fields, which
    JSON Schema cannot state (the model refuses a reversed span with 422)."""
    if isinstance(value, dict):
        first, last = value.get("first"), value.get("last")
        if set(value) == {"first", "last"} and all(type(n) in (int, float) for n in (first, last)):
            value["first"], value["last"] = min(first, last), max(first, last)
        for item in value.values():
            _ordered_spans(item)
    elif isinstance(value, list):
        for item in value:
            _ordered_spans(item)


def _on_sample(case: Any, report: Report) -> None:
    """Point two thirds of the positive cases at the sample report. A save then starts from the report's
    current revision and keeps its ministry (the server refuses a change of ministry with 422, a
    rule of the workspace, not of the schema)."""
    if case.meta is None or case.meta.generation.mode.is_negative:
        return
    given = str((case.path_parameters or {}).get("id"))
    if not given.isdigit():
        return
    if int(given) % 3 != 2:  # a third keep their id: mostly 404s
        case.path_parameters["id"] = report.pk
    if case.operation.path != "/api/reports/{id}/revisions" or not isinstance(case.body, dict):
        return
    _ordered_spans(case.body)
    if str(case.path_parameters["id"]) == str(report.pk) and isinstance(case.body.get("report"), dict):
        report.refresh_from_db()
        case.body["base_revision"] = report.current_revision.number
        case.body["report"]["ministry"] = report.ministry.name


def _call(case: Any, headers: dict[str, str], report: Report) -> None:
    _on_sample(case, report)
    start = time.perf_counter()
    response = case.call_and_validate(headers=headers)
    RUN["seconds"] += time.perf_counter() - start
    RUN["examples"] += 1
    RUN["statuses"][response.status_code] = RUN["statuses"].get(response.status_code, 0) + 1


@pytest.fixture(autouse=True)
def _one_connection() -> Iterator[None]:
    """Keep the test's database connection across the WSGI calls, as Django's test client does: the
    handler would close it at the end of each request (it is inside the test's transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def admin(people: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {create_token(people['admin'])}"}


@pytest.fixture
def published(sample_report: Report, people: dict[str, Any]) -> Report:
    storage.transition(sample_report.pk, "submit", people["editor"])
    storage.transition(sample_report.pk, "approve", people["reviewer"])
    storage.transition(sample_report.pk, "publish", people["reviewer"])
    return sample_report


@schema.parametrize()
@EXAMPLES
def test_every_operation_as_an_admin(case: Any, admin: dict[str, str], sample_report: Report) -> None:
    _call(case, admin, sample_report)


@reads.parametrize()
@EXAMPLES
def test_every_read_anonymously(case: Any, published: Report) -> None:
    _call(case, {}, published)
