"""The editor acts on the checker's main finding, in a real browser (playwright driving Debian's
chromium) against the real app under gunicorn: H301 says 測定指標1-4 is recorded 「b」 while the
numbers say 「a」; the editor opens the indicator, sees the rules' proposal and its reason beside
the 達成状況, records 「a」, and the finding goes; then corrects the judgment's 判断根拠 in 評価結果 beside
its proposal, and reads the change in the diff in words and numbers. The import's findings stay on
the page until marked resolved. Screenshots at 1280 and 390 px in ``test-artifacts/e2e/``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.e2e  # skipped (conftest) only where /usr/bin/chromium is missing outside CI

GRADE_LABEL = "1-4 達成状況"
RATIONALE = (
    "主要な測定指標の全てで目標に近い実績を上げ、1-4 は全年度で目標を達成したことから、左記のとおり判定した。"
)


def _expect() -> Any:
    from playwright.sync_api import expect

    return expect


def _log_in(page: Any, base: str, name: str, password: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("ユーザー名").fill(name)
    page.get_by_label("パスワード").fill(password)
    page.get_by_role("button", name="ログイン").click()
    _expect()(page.get_by_role("button", name="ログアウト")).to_be_visible()


def _no_sideways_scroll(page: Any) -> None:
    """At the phone's width the page itself never scrolls sideways (tables scroll in their box)."""
    page.set_viewport_size({"width": 390, "height": 844})
    wide = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert wide <= 0, f"{page.url} is {wide}px wider than a 390px screen"


def _import_sample(page: Any, base: str, sample: Path) -> str:
    """Upload the sample, save it from the preview; the new report's URL."""
    page.goto(f"{base}/reports/import/")
    page.get_by_label("報告書ファイル").set_input_files(str(sample))
    page.get_by_role("button", name="読み込んで確認").click()
    page.get_by_role("button", name="保存", exact=True).click()
    assert re.search(r"/reports/\d+/$", page.url), page.url
    return str(page.url)


def _section(page: Any, name: str) -> None:
    page.get_by_role("navigation", name="編集する節").get_by_role("link", name=name, exact=True).click()


def test_editor_fixes_a_grade_flagged_by_h301_and_the_judgment(
    app_server: str, password: str, sample: Path, new_page: Callable[[], Any], screenshot: Any
) -> None:
    expect = _expect()
    base = app_server
    editor = new_page()
    _log_in(editor, base, "editor", password)
    report_url = _import_sample(editor, base, sample)

    # --- 測定指標1-4: recorded b, the proposal a beside it with its reason --------------------------
    editor.goto(report_url + "edit/indicators/?indicator=1-4")
    grade = editor.get_by_label(GRADE_LABEL)
    expect(grade).to_have_value("b")
    proposal = editor.locator("#id_ind_1-4_grade_proposal")
    expect(proposal).to_contain_text("規則による提案: a")
    expect(proposal).to_contain_text("記録と異なります")
    expect(proposal).to_contain_text("全年度で目標を達成")
    expect(proposal).to_contain_text("平成29年度 (2017年度) 目標超過")
    findings = editor.get_by_role("table", name="この節の指摘")
    expect(findings.get_by_role("cell", name="H301", exact=True)).to_be_visible()
    # the import's own findings are listed apart, each with its button
    expect(editor.get_by_role("heading", name="取込時の指摘")).to_be_visible()
    expect(editor.get_by_role("button", name="解決済みにする")).to_have_count(3)
    grade.scroll_into_view_if_needed()
    screenshot.both(editor, "grade-with-proposal")
    _no_sideways_scroll(editor)

    grade.select_option("a")
    editor.get_by_label("変更理由").fill("1-4 は全年度で目標以上のため、達成状況を a に訂正")
    editor.get_by_role("button", name="保存", exact=True).click()
    expect(editor.get_by_role("status")).to_contain_text("版 2 を保存しました")
    expect(editor.get_by_label(GRADE_LABEL)).to_have_value("a")
    expect(editor.locator("#id_ind_1-4_grade_proposal")).not_to_contain_text("記録と異なります")
    expect(editor.get_by_role("cell", name="H301", exact=True)).to_have_count(0)
    # the import findings are still there after the save
    expect(editor.get_by_role("button", name="解決済みにする")).to_have_count(3)
    screenshot.both(editor, "grade-fixed")

    # --- 評価結果: the judgment and its 判断根拠 beside the proposal ------------------------------------
    _section(editor, "評価結果")
    tier = editor.get_by_label("判定（各行政機関共通区分）")
    expect(tier).to_have_value("相当程度進展あり")
    expect(editor.locator("#id_jd_tier_proposal")).to_contain_text("規則による提案: 相当程度進展あり（B）")
    editor.get_by_label("判断根拠", exact=True).fill(RATIONALE)
    editor.get_by_label("変更理由").fill("判断根拠に 1-4 の訂正を反映")
    screenshot.both(editor, "judgment-with-proposal")
    _no_sideways_scroll(editor)
    editor.get_by_role("button", name="保存", exact=True).click()
    expect(editor.get_by_role("status")).to_contain_text("版 3 を保存しました")
    expect(editor.get_by_label("判断根拠", exact=True)).to_have_value(RATIONALE)

    # --- one import finding marked resolved ----------------------------------------------------------
    editor.get_by_role("button", name="解決済みにする").first.click()
    expect(editor.get_by_role("status")).to_contain_text("を解決済みにしました。")
    expect(editor.get_by_role("button", name="解決済みにする")).to_have_count(2)
    expect(editor.get_by_role("cell", name=re.compile(r"^解決済み（editor、"))).to_have_count(1)

    # --- the diff in words and numbers ---------------------------------------------------------------
    editor.goto(report_url + "diff/?a=1&b=3")
    table = editor.get_by_role("table", name="3 件の変更")
    rows = table.get_by_role("row")
    expect(rows.nth(1)).to_contain_text("目標達成度の測定結果 判断根拠")
    expect(rows.nth(1)).to_contain_text(RATIONALE)
    expect(rows.nth(2)).to_contain_text("総括表 測定指標1-4 達成状況")
    grade_row = table.get_by_role("row").filter(
        has=editor.get_by_role("rowheader", name="測定指標1-4 達成状況", exact=True)
    )
    expect(grade_row.get_by_role("cell")).to_have_text(["b", "a"])
    expect(editor.locator("body")).not_to_contain_text("/areas/")
    screenshot.both(editor, "diff-in-words")
    _no_sideways_scroll(editor)
