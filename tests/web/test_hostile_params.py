"""Numbers past what the database holds, in a page's path or query, are a 404 or a refused filter,
never a 500 — anonymously or signed in (the API's bounds are in test_api_input.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

BIG = "9223372036854775808"  # 2**63: one past the largest 64-bit key
HUGE = "9" * 40


@pytest.mark.parametrize("number", [BIG, HUGE])
@pytest.mark.parametrize(
    "path",
    [
        "/reports/{n}/",
        "/reports/{n}/official.html",
        "/reports/{n}/download.pdf",
        "/reports/{n}/indicators/1-1/",
        "/reports/{n}/edit/",
        "/reports/{n}/history/",
        "/reports/{n}/diff/",
        "/reports/{n}/transition/",
        "/reports/{n}/comments/",
        "/reports/{n}/opinion/",
        "/reports/{n}/across-years/",
        "/reports/{n}/next-cycle/",
        "/reports/1/across-years/links/{n}/delete/",
    ],
)
def test_an_id_past_the_database_is_no_page(
    path: str, number: str, people: dict[str, Any], sample_report: Any
) -> None:
    signed_in = Client()
    signed_in.force_login(people["admin"])
    for client in (Client(), signed_in):
        assert client.get(path.format(n=number)).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {"page": BIG},
        {"fiscal_year": BIG},
        {"ministry": BIG},
        {"bureau": BIG},
        {"q": "日米", "page": HUGE},
    ],
)
def test_a_number_past_the_database_in_a_filter_is_refused(query: dict[str, str], sample_report: Any) -> None:
    assert Client().get("/", query).status_code == 200
    assert Client().get("/portfolio/", query).status_code == 200


def test_a_revision_past_the_database_is_no_page(sample_report: Any, people: dict[str, Any]) -> None:
    client = Client()
    client.force_login(people["editor"])
    assert client.get(f"/reports/{sample_report.pk}/", {"revision": BIG}).status_code == 404
    assert client.get(f"/reports/{sample_report.pk}/diff/", {"a": "1", "b": BIG}).status_code == 400


def test_an_edit_based_on_a_revision_past_the_database_is_refused(
    sample_report: Any, people: dict[str, Any]
) -> None:
    client = Client()
    client.force_login(people["editor"])
    url = f"/reports/{sample_report.pk}/edit/objectives/"
    assert client.post(url, {"base_revision": BIG, "reason": "x"}).status_code == 400
