"""The internal trail of a report — every revision, the diffs between them, the workflow history
with reviewers' return comments, authors and reasons — is for those who work on it (its bureau's
editors, its ministry's reviewers, the experts it is shared with, admins). Everyone else, the
public and other ministries alike, reads the published revision only, even once it is published."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hyoka.core import EvaluationReport
from hyoka.web.reports import storage
from hyoka.web.reports.models import Report

pytestmark = pytest.mark.django_db

REMOVED = "公表前に削除した下書きの文言"
RETURN_COMMENT = "差戻し理由: 指標1-4の評定を再確認のこと"


@pytest.fixture
def published(sample_report: Report, people: dict[str, Any], sample_model: EvaluationReport) -> Report:
    """Revision 1 with a sentence removed in revision 2; returned once with a comment; published."""
    first = sample_model.model_copy(deep=True)
    first.areas[0].outline[0].text = REMOVED
    storage.save_revision(sample_report.pk, 1, first, people["editor"], "下書き")
    storage.save_revision(sample_report.pk, 2, sample_model, people["editor"], "下書きの文言を削除")
    storage.transition(sample_report.pk, "submit", people["editor"])
    storage.transition(sample_report.pk, "return", people["reviewer"], RETURN_COMMENT)
    for action, who in (("submit", "editor"), ("approve", "reviewer"), ("publish", "reviewer")):
        storage.transition(sample_report.pk, action, people[who])
    return Report.objects.get(pk=sample_report.pk)


def _pages(report: Report) -> list[str]:
    pk = report.pk
    return [f"/reports/{pk}/diff/?a=2&b=3", f"/reports/{pk}/history/", f"/reports/{pk}/transition/"]


@pytest.mark.parametrize(
    "person", ["editor_other_bureau", "editor_other_ministry", "reviewer_other_ministry", "viewer", "expert"]
)
def test_others_do_not_read_the_trail(person: str, people: dict[str, Any], published: Report) -> None:
    client = Client()
    client.force_login(people[person])
    for url in _pages(published):
        response = client.get(url)
        assert response.status_code == 404, url
        body = response.content.decode()
        assert REMOVED not in body and RETURN_COMMENT not in body
        # the 404 page is in the site's layout (the person's own name in its header): its content
        # names no one
        main = body.split('<main id="main">', 1)[1].split("</main>", 1)[0]
        assert "reviewer" not in main and "editor" not in main
    # the published revision is theirs to read, and nothing older
    assert client.get(f"/reports/{published.pk}/").status_code == 200
    assert client.get(f"/reports/{published.pk}/", {"revision": "2"}).status_code == 404
    assert client.get(f"/api/reports/{published.pk}", {"revision": 2}).status_code == 404


def test_the_public_is_sent_to_log_in(published: Report) -> None:
    for url in _pages(published):
        response = Client().get(url)
        assert (response.status_code, response["Location"].split("?")[0]) == (302, "/login/")


@pytest.mark.parametrize("person", ["editor", "reviewer", "admin"])
def test_those_who_work_on_it_read_the_trail(person: str, people: dict[str, Any], published: Report) -> None:
    client = Client()
    client.force_login(people[person])
    diff, history, workflow = (client.get(url) for url in _pages(published))
    assert (diff.status_code, history.status_code, workflow.status_code) == (200, 200, 200)
    assert REMOVED in diff.content.decode()
    assert RETURN_COMMENT in history.content.decode() and RETURN_COMMENT in workflow.content.decode()


def test_an_expert_reads_the_trail_of_a_shared_report(people: dict[str, Any], published: Report) -> None:
    published.shared_with_experts = True
    published.save()
    client = Client()
    client.force_login(people["expert"])
    assert RETURN_COMMENT in client.get(f"/reports/{published.pk}/history/").content.decode()
