"""The editor adds an 事項 to the 政策評価調書 in a real browser (playwright driving Debian's chromium)
against the real app under gunicorn: the new row is typed in the blank row of 区分1, the save checks
the sheet again and H204 says the 一般会計 小計 no longer adds up, with the sum the rules expect
beside the 小計; correcting the 小計 and the 合計 as proposed clears it; then the row is removed again.
Screenshots at 1280 and 390 px in ``test-artifacts/e2e/``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .test_edit_journeys import _expect, _import_sample, _log_in, _no_sideways_scroll, _section

pytestmark = pytest.mark.e2e  # skipped (conftest) only where /usr/bin/chromium is missing outside CI

NEW_ROW = "区分1 第3行"
SUBTOTAL = "区分1 小計（一般会計）"


def test_editor_adds_an_item_to_the_budget_sheet_and_h204_speaks(
    app_server: str, password: str, sample: Path, new_page: Callable[[], Any], screenshot: Any
) -> None:
    expect = _expect()
    base = app_server
    editor = new_page()
    _log_in(editor, base, "editor", password)
    report_url = _import_sample(editor, base, sample)

    # --- the blank row of 区分1 --------------------------------------------------------------------
    editor.goto(report_url + "edit/")
    _section(editor, "政策評価調書")
    added = editor.get_by_role("group", name="区分1に事項を追加")
    expect(added).to_be_visible()
    for label, value in (
        ("会計", "一般"),
        ("組織／勘定", "外務本省"),
        ("項", "地域別外交費"),
        ("事項", "日米交流事業に必要な経費"),
        ("当初予算額", "1,000"),
        ("概算要求額", "2,000"),
    ):
        editor.get_by_label(f"{NEW_ROW} {label}", exact=True).fill(value)
    editor.get_by_label("変更理由").fill("日米交流事業を追加")
    added.scroll_into_view_if_needed()
    screenshot.both(editor, "budget-sheet-new-item")
    _no_sideways_scroll(editor)
    editor.get_by_role("button", name="保存", exact=True).click()

    # --- saved: the row is a row of its own, H204 beside the 小計 -----------------------------------
    expect(editor.get_by_role("status")).to_contain_text("版 2 を保存しました")
    expect(editor.get_by_role("group", name=f"{NEW_ROW} 外務本省 日米交流事業に必要な経費")).to_be_visible()
    expect(editor.get_by_label(f"{NEW_ROW} 当初予算額", exact=True)).to_have_value("1,000")
    expect(editor.get_by_role("group", name="区分1に事項を追加")).to_be_visible()  # the next blank row
    proposal = editor.locator("#id_bs_0_sub_0_current_initial_proposal")
    expect(proposal).to_contain_text("規則による提案: 652,705千円")
    expect(proposal).to_contain_text("記録と異なります")
    expect(proposal).to_contain_text("事項の和 652,705千円と一致しません")
    expect(editor.locator("#id_bs_0_sub_0_next_request_proposal")).to_contain_text(
        "規則による提案: 574,198千円"
    )
    findings = editor.get_by_role("table", name="この節の指摘")
    expect(findings.get_by_role("cell", name="H204", exact=True)).to_have_count(2)
    proposal.scroll_into_view_if_needed()
    screenshot.both(editor, "budget-sheet-h204-beside-the-subtotal")
    _no_sideways_scroll(editor)

    # --- the 小計 and 合計 corrected as proposed: H204 goes -------------------------------------------
    editor.get_by_label(f"{SUBTOTAL} 当初予算額", exact=True).fill("652,705")
    editor.get_by_label(f"{SUBTOTAL} 概算要求額", exact=True).fill("574,198")
    editor.get_by_label("合計（一般会計） 当初予算額", exact=True).fill("652,705")
    editor.get_by_label("合計（一般会計） 概算要求額", exact=True).fill("574,198")
    editor.get_by_label("変更理由").fill("小計と合計に日米交流事業を反映")
    editor.get_by_role("button", name="保存", exact=True).click()
    expect(editor.get_by_role("status")).to_contain_text("版 3 を保存しました")
    expect(editor.locator("#id_bs_0_sub_0_current_initial_proposal")).to_have_count(0)
    expect(editor.get_by_role("cell", name="H204", exact=True)).to_have_count(0)

    # --- the row removed again: H204 back, revision 2 still holds it ----------------------------------
    editor.get_by_label(f"{NEW_ROW} 事項", exact=True).fill("")
    editor.get_by_label("変更理由").fill("日米交流事業は別の調書へ")
    editor.get_by_role("button", name="保存", exact=True).click()
    expect(editor.get_by_role("status")).to_contain_text("版 4 を保存しました")
    expect(editor.get_by_role("group", name="区分1に事項を追加")).to_be_visible()
    expect(editor.get_by_label(f"{NEW_ROW} 事項", exact=True)).to_have_value("")
    expect(editor.get_by_role("cell", name="H204", exact=True)).to_have_count(2)
    editor.goto(report_url + "diff/?a=3&b=4")
    expect(editor.locator("main")).to_contain_text("日米交流事業に必要な経費")
    screenshot.both(editor, "budget-sheet-row-removed-diff")
