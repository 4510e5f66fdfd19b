"""The workflow as each person lives it, in a real browser (playwright driving Debian's chromium)
against the real app under gunicorn: the editor imports the sample, edits it (a budget total that
no longer adds up: an error), submits (asked to confirm, the error listed) and lands on the report
page with the confirmation, not on a 403; the reviewer returns it with a reason, which heads the
editor's edit page; the editor corrects and submits again; the reviewer approves and publishes
(after the confirmation step) and shares the report with the experts; the expert finds it on their
start page and adds an opinion, which leaves the status as it was; the admin withdraws the
publication, after which the public gets the site's own 404 page.

Every page is screenshotted at 1280 px and at 390 px (``test-artifacts/e2e/<test>/``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.e2e  # skipped (conftest) only where /usr/bin/chromium is missing outside CI

TITLE = "北米地域外交"
TOTAL_2017 = "2017年度 合計(a+b+c)"
"""The budget field of fiscal 2017's total (370 in the sample: the sum of its parts)."""
RETURN_REASON = "平成29年度の予算の合計が内訳の和と一致しません。合計を確認してください。"
OPINION = "日米・日加の協議が活発に行われたことは高く評価できる。"
WITHDRAWAL = "公表資料の差し替えのため公表を取り消す。"


def _expect() -> Any:
    from playwright.sync_api import expect

    return expect


def log_in(page: Any, base: str, name: str, password: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("ユーザー名").fill(name)
    page.get_by_label("パスワード").fill(password)
    page.get_by_role("button", name="ログイン").click()
    _expect()(page.get_by_role("button", name="ログアウト")).to_be_visible()


def message(page: Any) -> Any:
    """The page's messages (what the last step did)."""
    return page.locator("ul.messages")


def status_of(page: Any) -> Any:
    """The 状況 of the report page."""
    term = page.get_by_role("term").filter(has_text=re.compile("^状況$"))
    return term.locator("xpath=following-sibling::dd[1]")


def actions(page: Any) -> Any:
    """The report page's 「この評価書でできること」."""
    return page.get_by_role("region", name="この評価書でできること")


def press(page: Any, action: str, comment: str = "") -> None:
    """Press a workflow button of the page (with a comment when given)."""
    form = page.locator("form.workflow")
    if comment:
        form.get_by_label(re.compile("^コメント")).fill(comment)
    form.get_by_role("button", name=action, exact=True).click()


def confirm(page: Any, action: str) -> None:
    """The confirmation step: its heading, then its button."""
    _expect()(page.get_by_role("heading", level=1, name=f"「{action}」の確認")).to_be_visible()
    page.get_by_role("button", name=f"「{action}」する").click()


def fits_a_phone(page: Any) -> None:
    """At 390 px wide the page does not scroll sideways (tables scroll in their own box)."""
    page.set_viewport_size({"width": 390, "height": 844})
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert width <= 390, f"{page.url} is {width} px wide at 390 px"


def landed(page: Any, report_url: str, text: str, status: str) -> None:
    """On the report's page, with the step's message and the new status."""
    expect = _expect()
    expect(page).to_have_url(report_url)
    expect(page.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    expect(message(page)).to_contain_text(text)
    expect(status_of(page)).to_have_text(status)


def test_workflow_journeys(
    app_server: str, password: str, sample: Path, new_page: Callable[[], Any], screenshot: Any
) -> None:
    expect = _expect()
    base = app_server
    shots = screenshot.both

    # --- the editor imports the sample --------------------------------------------------------------
    editor = new_page()
    log_in(editor, base, "editor", password)
    editor.get_by_role("navigation", name="サイト").get_by_role("link", name="取込", exact=True).click()
    editor.get_by_label("報告書ファイル").set_input_files(str(sample))
    editor.get_by_role("button", name="読み込んで確認").click()
    expect(editor.get_by_role("heading", name=re.compile(r"^取込の確認"))).to_be_visible()
    shots(editor, "editor-import-preview")
    editor.get_by_role("button", name="保存", exact=True).click()
    expect(editor.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    expect(status_of(editor)).to_have_text("作成中")
    report_url = editor.url
    assert re.search(r"/reports/\d+/$", report_url), report_url
    edit_url = f"{report_url}edit/budget/"
    # only the step the editor may take now
    expect(actions(editor).get_by_role("button", name="提出", exact=True)).to_be_visible()
    for other in ("差戻し", "承認", "公表", "公表取消"):
        expect(editor.get_by_role("button", name=other, exact=True)).to_have_count(0)
    shots(editor, "editor-report-draft")

    # --- edits a budget total so that it no longer adds up -----------------------------------------
    editor.goto(edit_url)
    total = editor.get_by_label(TOTAL_2017)
    expect(total).to_have_value("370")
    total.fill("999")
    editor.get_by_label("変更理由").fill("補正後の予算額に更新")
    editor.get_by_role("button", name="保存", exact=True).click()
    expect(message(editor)).to_contain_text("版 2 を保存しました")
    shots(editor, "editor-edited-budget")

    # --- submits from the edit page: asked to confirm, with the open error listed -------------------
    press(editor, "提出")
    expect(
        editor.get_by_text("この評価書には未解決の誤りが1件あります。このまま提出しますか。")
    ).to_be_visible()
    expect(editor.get_by_role("table", name="未解決の誤り")).to_contain_text("H201")
    shots(editor, "editor-submit-confirmation")
    fits_a_phone(editor)
    confirm(editor, "提出")
    landed(editor, report_url, "「提出」しました。", "提出済")
    expect(editor.get_by_text("403 Forbidden")).to_have_count(0)
    expect(editor.locator("form.workflow")).to_have_count(0)  # nothing more for the editor to press
    shots(editor, "editor-submitted")

    # --- the reviewer returns it with a reason --------------------------------------------------------
    reviewer = new_page()
    log_in(reviewer, base, "reviewer", password)
    reviewer.goto(report_url)
    expect(status_of(reviewer)).to_have_text("提出済")
    shots(reviewer, "reviewer-report-submitted")
    press(reviewer, "差戻し", RETURN_REASON)
    landed(reviewer, report_url, "「差戻し」しました。", "差戻し")
    shots(reviewer, "reviewer-returned")

    # --- the editor sees the reason at the top of the edit page, corrects and submits again --------
    editor.goto(edit_url)
    reason = editor.get_by_role("note").filter(has_text="差戻しの理由")
    expect(reason).to_contain_text(RETURN_REASON)
    expect(reason).to_contain_text("reviewer")
    shots(editor, "editor-sees-return-reason")
    editor.get_by_label(TOTAL_2017).fill("370")
    editor.get_by_label("変更理由").fill("合計を内訳の和に訂正")
    editor.get_by_role("button", name="保存", exact=True).click()
    expect(message(editor)).to_contain_text("版 3 を保存しました")
    editor.goto(report_url)
    press(editor, "提出", "合計を訂正しました。")
    landed(editor, report_url, "「提出」しました。", "提出済")  # no open error: no confirmation step
    shots(editor, "editor-resubmitted")

    # --- the reviewer approves, then publishes after the confirmation step -------------------------
    reviewer.goto(report_url)
    press(reviewer, "承認")
    landed(reviewer, report_url, "「承認」しました。", "承認済")
    shots(reviewer, "reviewer-approved")
    press(reviewer, "公表")
    expect(
        reviewer.get_by_text("公表すると、誰でも（ログインしていない人も）この版を読めるようになります。")
    ).to_be_visible()
    shots(reviewer, "reviewer-publish-confirmation")
    fits_a_phone(reviewer)
    confirm(reviewer, "公表")
    landed(reviewer, report_url, "「公表」しました。", "公表済")
    shots(reviewer, "reviewer-published")

    # --- and shares it with the experts --------------------------------------------------------------
    actions(reviewer).get_by_role("button", name="有識者と共有", exact=True).click()
    expect(message(reviewer)).to_contain_text("政策評価アドバイザー・グループ（有識者）と共有しました。")
    expect(actions(reviewer).get_by_role("button", name="有識者との共有を解除")).to_be_visible()
    shots(reviewer, "reviewer-shared")

    # --- the expert finds it on the start page and adds an opinion; the status stays --------------
    expert = new_page()
    log_in(expert, base, "expert", password)
    expert.goto(base + "/")
    inbox = expert.get_by_role("region", name="意見を求められている評価書")
    expect(inbox.get_by_role("link", name=re.compile(TITLE))).to_be_visible()
    shots(expert, "expert-start-page")
    fits_a_phone(expert)
    inbox.get_by_role("link", name="所見を追加する").click()
    expect(expert.get_by_role("heading", level=1, name="学識経験を有する者の知見の活用")).to_be_visible()
    expert.get_by_role("textbox", name=re.compile("^所見")).fill(OPINION)
    shots(expert, "expert-opinion-form")
    fits_a_phone(expert)
    expert.get_by_role("button", name="所見を追加").click()
    landed(expert, report_url, "所見を追加しました。評価書の状態（公表済）は変わりません。", "公表済")
    shots(expert, "expert-opinion-added")

    # --- the admin withdraws the publication -------------------------------------------------------
    admin = new_page()
    log_in(admin, base, "admin", password)
    admin.goto(report_url)
    expect(actions(admin).get_by_role("button", name="公表取消", exact=True)).to_be_visible()
    shots(admin, "admin-report-published")
    press(admin, "公表取消", WITHDRAWAL)
    expect(admin.get_by_label("公表取消の理由（必須）")).to_have_value(WITHDRAWAL)
    shots(admin, "admin-withdraw-confirmation")
    fits_a_phone(admin)
    confirm(admin, "公表取消")
    landed(admin, report_url, "「公表取消」しました。", "作成中")
    trail = admin.get_by_role("region", name="状況の履歴")
    expect(trail).to_contain_text(WITHDRAWAL)
    for step in ("提出", "差戻し", "承認", "公表", "有識者と共有", "所見を追加", "公表取消"):
        expect(trail.get_by_role("cell", name=step, exact=True).first).to_be_visible()
    shots(admin, "admin-withdrawn")

    # --- the public no longer reads it: the site's own 404 page -----------------------------------
    visitor = new_page()
    response = visitor.goto(report_url)
    assert response is not None and response.status == 404
    expect(visitor.get_by_role("heading", level=1, name="ページが見つかりません")).to_be_visible()
    expect(visitor.get_by_role("navigation", name="サイト")).to_be_visible()
    assert visitor.evaluate("document.documentElement.lang") == "ja"
    shots(visitor, "public-404-after-withdrawal")
    fits_a_phone(visitor)
