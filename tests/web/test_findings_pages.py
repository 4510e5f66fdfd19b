"""The findings' public pages (/findings/, /findings/<code>/): every code, its Japanese title,
severity and family, and its documentation page rendered from docs/findings/<code>.md, with links
to other findings leading to their pages (issue 11: the dashboard links the finding's page)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from hyoka.rules.codes import CODES
from hyoka.web.reports.views.findings import DOCS_DIR

pytestmark = pytest.mark.django_db


def test_the_index_lists_every_code_with_its_page() -> None:
    page = Client().get("/findings/").content.decode()
    assert "<h1>指摘の一覧</h1>" in page
    listed = re.findall(r'<th scope="row"><a href="/findings/(H\d{3})/">\1</a></th>', page)
    assert listed == list(CODES) and len(listed) == 29
    assert (
        '<tr class="severity-warning"><th scope="row"><a href="/findings/H301/">H301</a></th>'
        "<td>注意</td><td>記録された達成状況が規則による提案と異なる</td></tr>"
    ) in page


@pytest.mark.parametrize("code", list(CODES))
def test_every_code_has_its_page(code: str) -> None:
    response = Client().get(f"/findings/{code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{code} " in html
    assert '<section aria-labelledby="finding-doc" lang="en">' in html
    assert "<h2>What it means</h2>" in html  # the documentation's own sections
    assert not re.search(r'href="[^"]*\.md', html)  # no link to a file of the repository


def test_a_page_shows_the_documentation_with_links_to_other_findings() -> None:
    html = Client().get("/findings/H301/").content.decode()
    assert "<h1>H301 記録された達成状況が規則による提案と異なる</h1>" in html
    assert "<dt>重大度</dt><dd>注意</dd>" in html
    assert "<dt>分類</dt><dd>評定（記録された達成状況と規則による提案）</dd>" in html
    assert '(that is <a href="/findings/H306/">H306</a>)' in html
    # a link to another document (../rules.md) keeps its text only
    assert "from the numbers (rules.md §2)" in html
    assert '<a href="/findings/">指摘の一覧</a>' in html  # breadcrumbs
    assert (DOCS_DIR / "H301.md").is_file()


def test_markup_in_the_documentation_is_escaped(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    from pathlib import Path

    from hyoka.web.reports.views import findings

    docs = Path(str(tmp_path))
    (docs / "H101.md").write_text("# H101\n\n<script>alert(1)</script> [x](javascript:alert(1))\n", "utf-8")
    monkeypatch.setattr(findings, "DOCS_DIR", docs)
    findings._rendered.cache_clear()
    try:
        html = Client().get("/findings/H101/").content.decode()
    finally:
        findings._rendered.cache_clear()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript' not in html  # markdown-it refuses the link: its text only


def test_an_unknown_code_is_404() -> None:
    client = Client()
    assert client.get("/findings/H999/").status_code == 404
    assert client.get("/findings/h301/").status_code == 404
    assert client.get("/findings/..%2F..%2FREADME/").status_code == 404


def test_english() -> None:
    client = Client()
    client.get("/lang/en/")
    html = client.get("/findings/H301/").content.decode()
    assert "<dt>Severity</dt><dd>Warning</dd>" in html
    assert "A recorded indicator grade differs from the proposal" in html
