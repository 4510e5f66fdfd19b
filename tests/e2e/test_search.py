"""Search as the public types it, in a real browser at 390 px (issue 11): ＴＰＰ (full-width), ｶﾅﾀﾞ
(half-width katakana) and 令和2年度 (a fiscal year) typed into the list's search box find the
published sample, with the passage where the words are marked; no horizontal scrolling. The
instance is this module's own: the sample imported and published with ``hyoka_bulk_import``.
Screenshots go to ``test-artifacts/e2e/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .conftest import PASSWORD, SAMPLE, _django, _server_env, serve

pytestmark = pytest.mark.e2e

TITLE = "北米地域外交"
PHONE = {"width": 390, "height": 844}
_HORIZONTAL = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture(scope="module")
def search_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An instance with the sample published; yields its base URL."""
    data_dir = tmp_path_factory.mktemp("hyoka-search")
    env = _server_env(data_dir)
    _django(env, "migrate", "--no-input")
    args = [
        "hyoka_users",
        "create",
        "editor",
        "--role",
        "editor",
        "--ministry",
        "外務省",
        "--bureau",
        "北米局",
    ]
    _django(env, *args, extra_env={"HYOKA_PASSWORD": PASSWORD})
    _django(env, "hyoka_bulk_import", str(SAMPLE), "--publish", "--jobs", "1", "--user", "editor")
    with serve(data_dir, env, "/healthz") as base:
        yield base


def _search(page: Any, query: str) -> None:
    """Type the query into the search box as a person would, and submit with Enter."""
    box = page.get_by_label("検索語")
    box.fill("")
    box.type(query)
    box.press("Enter")
    page.wait_for_load_state("load")


@pytest.mark.parametrize(
    ("query", "marked", "note"),
    [
        ("ＴＰＰ", ["TPP"], ""),
        ("ｶﾅﾀﾞ", ["カナダ"], ""),
        ("令和2年度 ｶﾅﾀﾞ", ["カナダ"], "評価年度: 令和2年度 (2020年度)"),
        ("ＴＰＰ 令和2年度 ｶﾅﾀﾞ", ["TPP", "カナダ"], "評価年度: 令和2年度 (2020年度)"),
    ],
    ids=["full-width", "half-width-kana", "year-and-kana", "all-three"],
)
def test_what_the_public_types_finds_the_sample_with_a_marked_passage(
    search_server: str, browser: Any, screenshot: Any, query: str, marked: list[str], note: str
) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(locale="ja-JP", viewport=PHONE)
    try:
        page = screenshot.track(context.new_page())
        page.set_default_timeout(30_000)
        page.goto(f"{search_server}/")
        _search(page, query)
        results = page.locator("table.reports tbody tr")
        expect(results).to_have_count(1)
        expect(results.get_by_role("link", name=TITLE)).to_be_visible()
        status = page.get_by_role("status")
        expect(status).to_contain_text("1件の評価書")
        if note:
            expect(status).to_contain_text(note)
        snippet = results.locator("p.snippet")
        expect(snippet).to_be_visible()
        marks = snippet.locator("mark")
        assert marks.count() >= 1
        assert set(marks.all_inner_texts()) <= set(marked) and marks.first.inner_text() in marked
        assert page.evaluate(_HORIZONTAL) <= 0, "horizontal scrolling at 390 px"
        assert page.get_by_label("検索語").input_value() == query  # the query stays in the box
        screenshot(page, "phone-" + "-".join(marked))
    finally:
        context.close()


def test_a_word_in_no_report_finds_nothing(search_server: str, browser: Any, screenshot: Any) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(locale="ja-JP", viewport=PHONE)
    try:
        page = screenshot.track(context.new_page())
        page.goto(f"{search_server}/")
        _search(page, "令和元年度 ｶﾅﾀﾞ")  # the sample is of 令和2年度
        expect(page.get_by_text("該当する評価書はありません。")).to_be_visible()
        screenshot(page, "phone-nothing")
    finally:
        context.close()
