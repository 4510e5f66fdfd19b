"""The review flow end to end, in a real browser (playwright driving Debian's chromium) against the
real app under gunicorn: an editor uploads the sample, corrects a value and submits; a reviewer
returns it with a comment, then (after the editor submits again) approves and publishes; an
anonymous visitor finds it by searching 日米 and downloads the PDF; the visitor's dashboard counts
its published judgment; the editor drafts the next cycle from it and sees the briefs beside the
new targets.

Pages are driven by their accessible names (labels, roles, link and button texts). A screenshot of
each step is kept in ``test-artifacts/e2e/``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.e2e  # skipped (conftest) only where /usr/bin/chromium is missing outside CI

TITLE = "北米地域外交"
"""The sample's 施策名 (its page heading and its link in the list)."""
ACTUAL_LABEL = "1-3 2019年度 実績値"
"""The field of indicator 1-3 (日米二国間会談数), fiscal 2019 actual: 26 in the sample."""
REASON = "1-3 の令和元年度実績を会談記録で再確認し、26件を27件に訂正"
RETURN_COMMENT = "1-3 の実績値を訂正した根拠（会談記録）を進捗状況に書き添えてください。"


def _expect() -> Any:
    from playwright.sync_api import expect

    return expect


def log_in(page: Any, base: str, name: str, password: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("ユーザー名").fill(name)
    page.get_by_label("パスワード").fill(password)
    page.get_by_role("button", name="ログイン").click()
    _expect()(page.get_by_role("button", name="ログアウト")).to_be_visible()


def report_nav(page: Any, name: str) -> None:
    """Follow one of the report's own pages (報告書, 編集, 履歴, コメント, ワークフロー)."""
    page.get_by_role("navigation", name="報告書のページ").get_by_role("link", name=name, exact=True).click()


def meta(page: Any, term: str) -> Any:
    """The definition of ``term`` in the report page's list of facts (「状況」 → 「作成中」)."""
    found = page.get_by_role("term").filter(has_text=re.compile(f"^{re.escape(term)}$"))
    return found.locator("xpath=following-sibling::dd[1]")


def status_of(page: Any) -> Any:
    """The 状況 of the report page."""
    return meta(page, "状況")


def workflow(page: Any, action: str, comment: str = "") -> None:
    """Press a workflow button on the ワークフロー page, with an optional comment (公表 asks for a
    confirmation first); the step ends on the report's page with its message."""
    report_nav(page, "ワークフロー")
    if comment:
        page.get_by_label(re.compile("^コメント")).fill(comment)
    page.get_by_role("button", name=action, exact=True).click()
    if action == "公表":
        page.get_by_role("button", name=f"「{action}」する").click()
    _expect()(page.locator("ul.messages")).to_contain_text(f"「{action}」しました。")


def search(page: Any, base: str, q: str) -> None:
    page.goto(base + "/")
    page.get_by_role("searchbox", name="検索語").fill(q)
    page.get_by_role("button", name="検索", exact=True).click()
    _expect()(page.get_by_role("heading", name="検索結果")).to_be_visible()


def test_review_flow(
    app_server: str, password: str, sample: Path, new_page: Callable[[], Any], screenshot: Any
) -> None:
    expect = _expect()
    base = app_server

    # --- the editor (外務省 北米局) uploads the sample ---------------------------------------------
    editor = new_page()
    log_in(editor, base, "editor", password)
    screenshot(editor, "editor-logged-in")
    editor.get_by_role("navigation", name="サイト").get_by_role("link", name="取込", exact=True).click()
    editor.get_by_label("報告書ファイル").set_input_files(str(sample))
    editor.get_by_role("button", name="読み込んで確認").click()
    expect(editor.get_by_role("heading", name=re.compile(r"^取込の確認"))).to_be_visible()
    for code in ("H902", "H301"):  # one finding of the reader, one of the rules
        expect(editor.get_by_role("cell", name=code, exact=True).first).to_be_visible()
    screenshot(editor, "import-preview")
    editor.get_by_role("button", name="保存", exact=True).click()
    expect(editor.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    expect(editor.get_by_role("status")).to_contain_text("取り込みました（版 1）")
    expect(status_of(editor)).to_have_text("作成中")
    report_url = editor.url
    assert re.search(r"/reports/\d+/$", report_url), report_url
    screenshot(editor, "imported-draft")

    # --- corrects 1-3's 2019 actual (26 → 27) with a reason ----------------------------------------
    report_nav(editor, "編集")
    editor.get_by_role("navigation", name="編集する節").get_by_role("link", name="測定指標").click()
    editor.get_by_label("表示する指標").select_option("1-3")
    editor.get_by_role("button", name="表示", exact=True).click()
    actual = editor.get_by_label(ACTUAL_LABEL)
    expect(actual).to_have_value("26")
    actual.fill("27")
    editor.get_by_label("変更理由").fill(REASON)
    screenshot(editor, "editing-1-3")
    editor.get_by_role("button", name="保存", exact=True).click()
    expect(editor.get_by_role("status")).to_contain_text("版 2 を保存しました")
    expect(editor.get_by_label(ACTUAL_LABEL)).to_have_value("27")
    screenshot(editor, "saved-revision-2")

    report_nav(editor, "報告書")
    expect(meta(editor, "表示中の版")).to_contain_text("第2版")
    # the report page (the report itself as HTML): 1-3's table reads 27 for 令和元年度 ...
    table_1_3 = editor.get_by_role("table", name="測定指標1-3の目標値と実績値")
    table_1_3.scroll_into_view_if_needed()
    row = table_1_3.get_by_role("row").filter(has=editor.get_by_role("rowheader", name="令和元年度"))
    # the year's target and actual
    expect(row.get_by_role("cell")).to_have_text(["30", "27"])
    screenshot(editor, "report-shows-27")
    # ... and so does the indicator's own page, linked from the report page
    editor.get_by_role("link", name="測定指標1-3のページ").click()
    expect(editor).to_have_url(re.compile(r"/indicators/1-3/$"))
    row = editor.get_by_role("row").filter(has=editor.get_by_role("rowheader", name="令和元年度"))
    expect(row.get_by_role("cell").nth(1)).to_have_text("27")
    screenshot(editor, "indicator-1-3-shows-27")
    editor.goto(report_url)

    # --- and submits -------------------------------------------------------------------------------
    workflow(editor, "提出")
    report_nav(editor, "報告書")
    expect(status_of(editor)).to_have_text("提出済")
    screenshot(editor, "submitted")

    # --- the reviewer (外務省) returns it with a comment -------------------------------------------
    reviewer = new_page()
    log_in(reviewer, base, "reviewer", password)
    reviewer.goto(report_url)
    expect(status_of(reviewer)).to_have_text("提出済")
    workflow(reviewer, "差戻し", RETURN_COMMENT)
    report_nav(reviewer, "履歴")
    returned = reviewer.get_by_role("row").filter(has_text="差戻し").filter(has_text=RETURN_COMMENT)
    expect(returned).to_have_count(1)
    expect(returned).to_contain_text("reviewer")
    screenshot(reviewer, "returned-history")
    report_nav(reviewer, "報告書")
    expect(status_of(reviewer)).to_have_text("差戻し")
    history = reviewer.get_by_role("region", name="状況の履歴")
    expect(history).to_contain_text(RETURN_COMMENT)
    screenshot(reviewer, "returned-report")

    # --- an anonymous visitor does not find the unpublished report -------------------------------
    visitor = new_page()
    search(visitor, base, "日米")
    expect(visitor.get_by_role("link", name=TITLE)).to_have_count(0)
    expect(visitor.get_by_text("該当する評価書はありません。")).to_be_visible()
    screenshot(visitor, "anonymous-search-before-publish")

    # --- the editor sees the comment and submits again; the reviewer approves and publishes -------
    editor.goto(report_url)
    expect(status_of(editor)).to_have_text("差戻し")
    expect(editor.get_by_role("region", name="状況の履歴")).to_contain_text(RETURN_COMMENT)
    workflow(editor, "提出", "根拠は進捗状況に追記予定です。")
    screenshot(editor, "resubmitted")

    reviewer.goto(report_url)
    expect(status_of(reviewer)).to_have_text("提出済")
    workflow(reviewer, "承認")
    report_nav(reviewer, "報告書")
    expect(status_of(reviewer)).to_have_text("承認済")
    screenshot(reviewer, "approved")
    workflow(reviewer, "公表")
    report_nav(reviewer, "報告書")
    expect(status_of(reviewer)).to_have_text("公表済")
    history = reviewer.get_by_role("region", name="状況の履歴")
    for step in ("提出", "差戻し", "承認", "公表"):
        expect(history.get_by_role("cell", name=step, exact=True).first).to_be_visible()
    screenshot(reviewer, "published")

    # --- the anonymous visitor finds it by searching 日米 and downloads the PDF ---------------------
    search(visitor, base, "日米")
    expect(visitor.get_by_role("status")).to_contain_text("1件の評価書")
    found = visitor.get_by_role("link", name=TITLE)
    expect(found).to_have_count(1)
    screenshot(visitor, "anonymous-search-found")
    found.click()
    expect(visitor.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    expect(status_of(visitor)).to_have_text("公表済")
    expect(visitor.get_by_role("button", name="ログアウト")).to_have_count(0)
    screenshot(visitor, "anonymous-report")
    with visitor.expect_download(timeout=120_000) as download_info:
        visitor.get_by_role("link", name="PDF（公式様式）").click()
    download = download_info.value
    assert download.failure() is None
    assert download.suggested_filename.endswith(".pdf"), download.suggested_filename
    body = Path(download.path()).read_bytes()
    assert body.startswith(b"%PDF"), body[:20]
    assert len(body) > 10_000
    screenshot(visitor, "anonymous-downloaded-pdf")

    # --- the portfolio: the visitor's dashboard counts the published judgment ----------------------
    site = visitor.get_by_role("navigation", name="サイト")
    site.get_by_role("link", name="ダッシュボード", exact=True).click()
    expect(visitor.get_by_role("heading", level=1, name="ダッシュボード")).to_be_visible()
    judgments = visitor.get_by_role("table", name="府省別の評価書の数（判定の区分ごと）")
    row = judgments.get_by_role("row").filter(has_text="外務省")
    # S A B C D, other scale, none, total: the sample is 相当程度進展あり (B)
    expect(row.locator("td")).to_have_text(["0", "0", "1", "0", "0", "0", "0", "1"])
    screenshot(visitor, "anonymous-dashboard")

    # --- the next cycle: the editor drafts next year's report from the published one ---------------
    report_nav(editor, "報告書")
    editor.get_by_role("button", name="次期の評価書を作成").click()
    expect(editor.get_by_role("status")).to_contain_text("次期の評価書の案を作成しました（版 1）")
    expect(editor.get_by_role("heading", level=1, name=re.compile(r"^編集"))).to_be_visible()
    briefs = editor.get_by_role("complementary")
    expect(briefs.first).to_contain_text("前期の「次期目標等への反映の方向性」")
    new_target = editor.get_by_label("1-3 2020年度 目標値")
    expect(new_target).to_have_value("")
    screenshot(editor, "next-cycle-draft-with-briefs")
    report_nav(editor, "報告書")
    expect(status_of(editor)).to_have_text("作成中")
    expect(meta(editor, "評価年度")).to_have_text("令和3年度 (2021年度)")
