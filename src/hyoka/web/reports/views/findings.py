"""The findings' pages, public: ``/findings/`` lists every code, ``/findings/<code>/`` shows one —
its title, severity and family, and its documentation page rendered from Markdown in the reader's
language (docs/findings/ja/<code>.md in Japanese, docs/findings/<code>.md in English), so that a
finding shown anywhere (a report, the dashboard) can link to what it means and how to act on it.

The documentation is read from the checkout's ``docs/findings`` (the workspace runs from one, as
docs/operations.md says); its links to other findings lead to their pages here, its links to other
documents are kept as their text. Markdown's raw HTML is not rendered (``html`` off): the pages are
the project's own, but a page of the site never passes HTML through from a file.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from markdown_it import MarkdownIt
from markdown_it.token import Token

from hyoka.rules.codes import CODES, SEVERITY_NAMES
from hyoka.web.reports.public_cache import public_cache

__all__ = ["DOCS_DIR", "FAMILY_NAMES", "doc_path", "finding_index", "finding_page", "finding_url"]

DOCS_DIR = Path(__file__).resolve().parents[5] / "docs" / "findings"
"""docs/findings of the checkout this code runs from: the English pages; the Japanese in ``ja/``."""


def doc_path(code: str, lang: str) -> Path:
    """The documentation page of ``code`` in ``lang`` (Japanese for any language but English)."""
    return DOCS_DIR / f"{code}.md" if lang == "en" else DOCS_DIR / "ja" / f"{code}.md"


FAMILY_NAMES = {
    "H1": _("構成（必須の記載、総括表と個別分野の対応）"),
    "H2": _("計算（予算の合計、執行額、調書の小計）"),
    "H3": _("評定（記録された達成状況と規則による提案）"),
    "H4": _("記述（本文の数値と表の数値）"),
    "H5": _("目標の質（目標値の引下げ、実績を大きく下回る目標）"),
    "H9": _("取込（読み取れなかった箇所、補った値）"),
}
"""The families of codes (docs/findings/README.md), in Japanese."""

_FINDING_LINK = re.compile(r"^(?P<code>H[0-9]{3})\.md(?P<anchor>#[-\w]*)?$")


def finding_url(code: str) -> str:
    """The page of a finding code: ``/findings/H301/``."""
    return f"/findings/{code}/"


def _relink(tokens: list[Token]) -> None:
    """Links to another finding's page lead to its page here; links to other documents (``../rules.md``)
    are dropped, their text kept; links to the web (https) are kept as they are."""
    for token in tokens:
        if token.children:
            kept: list[Token] = []
            dropped = 0
            for child in token.children:
                if child.type == "link_open":
                    href = str(child.attrGet("href") or "")
                    match = _FINDING_LINK.match(href)
                    if match is not None:
                        child.attrSet(
                            "href", finding_url(match.group("code")) + (match.group("anchor") or "")
                        )
                    elif not href.startswith(("https://", "http://", "#")):
                        dropped += 1
                        continue
                elif child.type == "link_close" and dropped:
                    dropped -= 1
                    continue
                kept.append(child)
            token.children = kept


@cache
def _rendered(code: str, lang: str) -> SafeString:
    """The documentation page of ``code`` in ``lang`` as HTML (read and rendered once per process)."""
    source = doc_path(code, lang).read_text(encoding="utf-8")
    # the page's own title (「# H301 — …」) is the page heading already
    source = re.sub(r"\A# [^\n]*\n", "", source)
    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens = parser.parse(source)
    _relink(tokens)
    # html off: every text of the file is escaped by the renderer
    return mark_safe(parser.renderer.render(tokens, parser.options, {}))


def _summary(code: str) -> dict[str, Any]:
    found = CODES[code]
    return {
        "code": found.code,
        "title": gettext(found.title),
        "severity": gettext(SEVERITY_NAMES[found.severity]),
        "severity_value": found.severity.value,
        "family": FAMILY_NAMES.get(found.family, found.family),
        "url": finding_url(found.code),
    }


@require_GET
@public_cache
def finding_index(request: HttpRequest) -> HttpResponse:
    """Every finding code, by family."""
    families: dict[str, list[dict[str, Any]]] = {}
    for code in CODES:
        families.setdefault(CODES[code].family, []).append(_summary(code))
    groups = [{"family": FAMILY_NAMES.get(f, f), "codes": rows} for f, rows in families.items()]
    return render(request, "reports/findings/index.html", {"groups": groups})


@require_GET
@public_cache
def finding_page(request: HttpRequest, code: str) -> HttpResponse:
    """One finding code: what it means, its example, how to fix it (404 for an unknown code)."""
    lang = "en" if get_language() == "en" else "ja"
    if code not in CODES or not doc_path(code, lang).is_file():
        raise Http404
    crumbs = [
        {"href": reverse("report-list"), "text": _("政策評価書の一覧")},
        {"href": reverse("finding-index"), "text": _("指摘の一覧")},
        {"href": "", "text": code},
    ]
    context = {"finding": _summary(code), "body": _rendered(code, lang), "crumbs": crumbs}
    return render(request, "reports/findings/page.html", context)
