"""The findings' public pages (/findings/, /findings/<code>/): every code, its Japanese title,
severity and family, and its documentation page in the reader's language (docs/findings/ja/<code>.md,
docs/findings/<code>.md in English) rendered from Markdown, with links to other findings leading to
their pages (issue 11: the dashboard links the finding's page; no English page in Japanese)."""

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
    assert listed == list(CODES) and len(listed) == 30
    assert (
        '<tr class="severity-warning"><th scope="row"><a href="/findings/H301/">H301</a></th>'
        "<td>注意</td><td>記録された達成状況が規則による提案と異なる</td></tr>"
    ) in page


_ENGLISH_WORDS = re.compile(r"[A-Za-z]{2,}(?:[ ,;:]+[A-Za-z]{2,}){3,}")
"""Four English words in a row: a sentence or phrase of English, not a name such as `hyoka check`
or the legend's letters (s, a, b, c, d)."""


def _prose(html: str) -> str:
    """The page's text outside code (``<pre>``, ``<code>``) and tags: what a person reads as prose."""
    text = re.sub(r"<pre>.*?</pre>|<code>.*?</code>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", text)


@pytest.mark.parametrize("code", list(CODES))
def test_every_code_has_its_page_in_japanese(code: str) -> None:
    response = Client().get(f"/findings/{code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{code} " in html
    assert '<section aria-labelledby="finding-doc">' in html and "<h2>意味</h2>" in html
    body = html.split('<section aria-labelledby="finding-doc">')[1].split("</section>")[0]
    assert _ENGLISH_WORDS.findall(_prose(body)) == []
    assert not re.search(r'href="[^"]*\.md', html)  # no link to a file of the repository


@pytest.mark.parametrize("code", list(CODES))
def test_every_code_has_its_page_in_english(code: str) -> None:
    client = Client()
    client.get("/lang/en/")
    html = client.get(f"/findings/{code}/").content.decode()
    assert "<h2>What it means</h2>" in html  # the English documentation's own sections
    assert not re.search(r'href="[^"]*\.md', html)


def test_a_page_shows_the_documentation_with_links_to_other_findings() -> None:
    html = Client().get("/findings/H301/").content.decode()
    assert "<h1>H301 記録された達成状況が規則による提案と異なる</h1>" in html
    assert "<dt>重大度</dt><dd>注意</dd>" in html
    assert "<dt>分類</dt><dd>評定（記録された達成状況と規則による提案）</dd>" in html
    assert '<a href="/findings/H306/">H306</a>' in html
    # a link to another document (../../rules.md) keeps its text only
    assert "rules.md" in html and 'href="../../rules.md"' not in html
    assert '<a href="/findings/">指摘の一覧</a>' in html  # breadcrumbs
    assert (DOCS_DIR / "H301.md").is_file()


def test_markup_in_the_documentation_is_escaped(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    from pathlib import Path

    from hyoka.web.reports.views import findings

    docs = Path(str(tmp_path))
    (docs / "ja").mkdir()
    (docs / "ja" / "H101.md").write_text(
        "# H101\n\n<script>alert(1)</script> [x](javascript:alert(1))\n", "utf-8"
    )
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
    assert '(that is <a href="/findings/H306/">H306</a>)' in html
    assert "from the numbers (rules.md §2)" in html
