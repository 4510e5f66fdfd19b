"""The 政策評価調書 section adds and removes rows (issue 11): an 事項 of a 区分, a 区分 with its 小計
lines, a 合計 line. Each test edits through the form as a browser submits it, asserts the stored
revision's exact values and the H204/H205 findings the save ran, and that the earlier revision still
holds what was removed. Bad input is a form error naming the field and its row, nothing saved."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from hyoka.core import AccountType, BudgetSheet, BudgetSheetItem, DocumentKind, EvaluationReport, SectionKind
from hyoka.web.reports import storage
from hyoka.web.reports.forms import Beside
from hyoka.web.reports.models import FindingFact, Report, Revision

from .editing import SectionPage, client_for, page_form, section_page, text
from .test_pages_edit import revision_count

pytestmark = pytest.mark.django_db

EVALUATED = "政策評価の対象となっているもの"
NOT_EVALUATED = "政策評価の対象となっていないが、ある政策に属すると整理できるもの"
NOT_A_NUMBER = "「%s」は数値として読めません（例: 1,234 ／ △14 ／ 84%% ／ 該当なしは「-」 ／ 空欄）"


def sheet_of(report: Report, number: int | None = None) -> BudgetSheet:
    fresh = Report.objects.get(pk=report.pk)
    revision = (
        fresh.current_revision if number is None else Revision.objects.get(report=report, number=number)
    )
    assert revision is not None
    model: EvaluationReport = storage.load(revision)
    assert model.budget_sheet is not None
    return model.budget_sheet


def sheet_findings(report: Report) -> list[tuple[str, str, str]]:
    return list(
        FindingFact.objects.filter(report=report, code__in=("H204", "H205"))
        .order_by("id")
        .values_list("code", "location", "message")
    )


def rows(sheet: BudgetSheet) -> list[tuple[str, str, str, Decimal | None, Decimal | None]]:
    return [
        (section.label, item.organization, item.sub_item, item.current_initial.value, item.next_request.value)
        for section in sheet.sections
        for item in section.items
    ]


def lines(sheet: BudgetSheet) -> list[tuple[str, str, Decimal | None]]:
    """Every 小計 (by its 区分's label) and 合計 (「合計」) with its account type and 当初予算額."""
    return [
        (section.label, line.account_type.value, line.current_initial.value)
        for section in sheet.sections
        for line in section.subtotals
    ] + [("合計", line.account_type.value, line.current_initial.value) for line in sheet.totals]


SAMPLE_ROWS = [
    (EVALUATED, "外務本省", "北米地域外交に必要な経費", Decimal(274346), Decimal(230045)),
    (EVALUATED, "在外公館", "北米地域外交に必要な経費", Decimal(377359), Decimal(342153)),
]


@pytest.fixture
def editor(people: dict[str, Any]) -> Any:
    return client_for(people["editor"])


@pytest.fixture
def sheet_page(sample_report: Report, editor: Any) -> SectionPage:
    """The sample's 調書 section, edited by the editor."""
    return section_page(editor, sample_report, "budget_sheet")


def test_the_page_offers_a_blank_row_for_each_list(sheet_page: SectionPage) -> None:
    page = sheet_page.get()
    form = page_form(text(page))
    # the sample: 区分1 with two items and two 小計, 区分2 with none and two 小計, two 合計
    assert (form["bs_0_kind"], form["bs_0_label"], form["bs_1_kind"]) == (
        "evaluated",
        EVALUATED,
        "not_evaluated",
    )
    assert (form["bs_0_1_organization"], form["bs_0_2_sub_item"], form["bs_1_0_sub_item"]) == (
        "在外公館",
        "",
        "",
    )
    assert (form["bs_0_sub_1_account_type"], form["bs_0_sub_2_account_type"]) == ("特別会計", "")
    assert (form["bs_2_kind"], form["bs_total_1_account_type"], form["bs_total_2_account_type"]) == (
        "",
        "特別会計",
        "",
    )
    assert "bs_2_0_sub_item" not in form and "bs_3_kind" not in form
    legends = [f.legend for f in page.context["form"].fieldsets]
    assert legends == [
        "政策評価調書",
        f"区分1 {EVALUATED}",
        "区分1 第1行 外務本省 北米地域外交に必要な経費",
        "区分1 第2行 在外公館 北米地域外交に必要な経費",
        "区分1に事項を追加",
        "区分1 小計（一般会計）",
        "区分1 小計（特別会計）",
        "区分1 追加する小計",
        f"区分2 {NOT_EVALUATED}",
        "区分2に事項を追加",
        "区分2 小計（一般会計）",
        "区分2 小計（特別会計）",
        "区分2 追加する小計",
        "区分を追加",
        "合計（一般会計）",
        "合計（特別会計）",
        "追加する合計",
    ]
    html = text(page)
    assert '<option value="" selected>（この区分を削除）</option>' not in html
    assert '<option value="">（この区分を削除）</option>' in html
    assert "事項を空にするとこの行を削除します。" in html
    # the sample's sheet adds up: nothing proposed beside its amounts
    assert page.context["form"].besides == {}


def test_an_item_added_to_a_section_is_stored_and_h204_fires(
    sample_report: Report, sheet_page: SectionPage
) -> None:
    response = sheet_page.post(
        {
            "bs_0_2_account": "一般",
            "bs_0_2_organization": "外務本省",
            "bs_0_2_item": "地域別外交費",
            "bs_0_2_sub_item": "日米交流事業に必要な経費",
            "bs_0_2_current_initial": "1,000",
            "bs_0_2_next_request": "2,000",
            "reason": "事項の追加",
        }
    )
    assert response.status_code == 302, response.context["form"].errors
    sheet = sheet_of(sample_report)
    assert rows(sheet) == [
        *SAMPLE_ROWS,
        (EVALUATED, "外務本省", "日米交流事業に必要な経費", Decimal(1000), Decimal(2000)),
    ]
    added = sheet.sections[0].items[2]
    assert added == BudgetSheetItem(
        account="一般",
        organization="外務本省",
        item="地域別外交費",
        sub_item="日米交流事業に必要な経費",
        current_initial=added.current_initial,
        next_request=added.next_request,
        current_initial_inclusive=added.current_initial_inclusive,
        next_request_inclusive=added.next_request_inclusive,
    )
    assert (added.current_initial.raw, added.current_initial.unit, added.other_sheet_ref) == (
        "1,000",
        "千円",
        None,
    )
    assert (added.current_initial_inclusive.status.value, added.current_initial_inclusive.raw) == (
        "empty",
        "",
    )
    # the 一般会計 小計 no longer adds up, in both columns; the 合計 still equals the 小計
    assert sheet_findings(sample_report) == [
        (
            "H204",
            "/budget_sheet/sections/0/subtotals/0",
            f"調書「{EVALUATED}」の小計(一般会計)の当初予算額 651,705千円が、"
            "事項の和 652,705千円と一致しません。",
        ),
        (
            "H204",
            "/budget_sheet/sections/0/subtotals/0",
            f"調書「{EVALUATED}」の小計(一般会計)の概算要求額 572,198千円が、"
            "事項の和 574,198千円と一致しません。",
        ),
    ]
    assert rows(sheet_of(sample_report, 1)) == SAMPLE_ROWS  # the history keeps the sheet as it was
    # beside the 小計's amounts: the sum the rules expect, with the finding as the reason
    page = sheet_page.get()
    assert page.context["form"].besides == {
        "bs_0_sub_0_current_initial": Beside("652,705千円", sheet_findings(sample_report)[0][2], True),
        "bs_0_sub_0_next_request": Beside("574,198千円", sheet_findings(sample_report)[1][2], True),
    }
    html = text(page)
    assert '<strong>規則による提案: 652,705千円</strong> <span class="badge">記録と異なります</span>' in html
    assert page_form(html)["bs_0_3_sub_item"] == ""  # the next blank row
    # correcting the 小計 and the 合計 as proposed: no H204/H205 left
    fixed = sheet_page.post(
        {
            "bs_0_sub_0_current_initial": "652,705",
            "bs_0_sub_0_next_request": "574,198",
            "bs_total_0_current_initial": "652,705",
            "bs_total_0_next_request": "574,198",
            "reason": "小計と合計の訂正",
        },
        page_form(html),
    )
    assert fixed.status_code == 302
    assert sheet_findings(sample_report) == []


def test_an_item_removed_is_gone_from_the_new_revision_only(
    sample_report: Report, sheet_page: SectionPage
) -> None:
    response = sheet_page.post({"bs_0_1_sub_item": " ", "reason": "在外公館分を別の調書へ"})
    assert response.status_code == 302, response.context["form"].errors
    assert rows(sheet_of(sample_report)) == SAMPLE_ROWS[:1]
    assert rows(sheet_of(sample_report, 1)) == SAMPLE_ROWS
    assert revision_count(sample_report) == 2
    assert sheet_findings(sample_report) == [
        (
            "H204",
            "/budget_sheet/sections/0/subtotals/0",
            f"調書「{EVALUATED}」の小計(一般会計)の当初予算額 651,705千円が、"
            "事項の和 274,346千円と一致しません。",
        ),
        (
            "H204",
            "/budget_sheet/sections/0/subtotals/0",
            f"調書「{EVALUATED}」の小計(一般会計)の概算要求額 572,198千円が、"
            "事項の和 230,045千円と一致しません。",
        ),
    ]
    # the remaining item keeps its source line: it is the same row, not a new one
    assert (
        sheet_of(sample_report).sections[0].items[0].source
        == sheet_of(sample_report, 1).sections[0].items[0].source
    )


def test_a_section_is_added_with_its_subtotals_and_another_removed(
    sample_report: Report, sheet_page: SectionPage
) -> None:
    added = sheet_page.post({"bs_2_kind": "not_evaluated", "reason": "区分の追加"})
    assert added.status_code == 302, added.context["form"].errors
    sheet = sheet_of(sample_report)
    assert [(s.kind, s.label, len(s.items)) for s in sheet.sections] == [
        (SectionKind.EVALUATED, EVALUATED, 2),
        (SectionKind.NOT_EVALUATED, NOT_EVALUATED, 0),
        (SectionKind.NOT_EVALUATED, NOT_EVALUATED, 0),
    ]
    new = sheet.sections[2]
    assert [
        (line.account_type, line.current_initial.status.value, line.current_initial.unit)
        for line in new.subtotals
    ] == [
        (AccountType.GENERAL, "empty", "千円"),
        (AccountType.SPECIAL, "empty", "千円"),
    ]
    assert sheet_findings(sample_report) == []  # empty 小計 over no items add up

    # an item in the new 区分 without a 小計 amount: H204 says the 小計 is missing
    page = sheet_page.form()
    assert (page["bs_2_kind"], page["bs_2_0_sub_item"], page["bs_2_sub_1_account_type"]) == (
        "not_evaluated",
        "",
        "特別会計",
    )
    item = sheet_page.post(
        {
            "bs_2_label": "その他",
            "bs_2_0_account": "特別",
            "bs_2_0_organization": "エネルギー対策特別会計",
            "bs_2_0_item": "事務取扱費",
            "bs_2_0_sub_item": "北米との協力に必要な経費",
            "bs_2_0_current_initial": "500",
            "bs_2_0_next_request": "-",
            "reason": "事項の追加",
        },
        page,
    )
    assert item.status_code == 302, item.context["form"].errors
    assert sheet_findings(sample_report) == [
        (
            "H204",
            "/budget_sheet/sections/2/subtotals/1",
            "調書「その他」の小計(特別会計)の当初予算額の記載がありませんが、事項の和は500千円です。",
        ),
    ]

    # removing 区分2 (the sample's empty one) removes its 小計 with it
    removed = sheet_page.post({"bs_1_kind": "", "reason": "空の区分を削除"})
    assert removed.status_code == 302, removed.context["form"].errors
    sheet = sheet_of(sample_report)
    assert [(s.kind, s.label) for s in sheet.sections] == [
        (SectionKind.EVALUATED, EVALUATED),
        (SectionKind.NOT_EVALUATED, "その他"),
    ]
    assert lines(sheet) == [
        (EVALUATED, "一般会計", Decimal(651705)),
        (EVALUATED, "特別会計", None),
        ("その他", "一般会計", None),
        ("その他", "特別会計", None),
        ("合計", "一般会計", Decimal(651705)),
        ("合計", "特別会計", None),
    ]
    assert [(s.label, len(s.subtotals)) for s in sheet_of(sample_report, 1).sections] == [
        (EVALUATED, 2),
        (NOT_EVALUATED, 2),
    ]
    assert [code for code, _where, _message in sheet_findings(sample_report)] == ["H204"]
    assert revision_count(sample_report) == 4


def test_removing_the_section_with_the_items_leaves_the_total_unaccounted(
    sample_report: Report, sheet_page: SectionPage
) -> None:
    response = sheet_page.post({"bs_0_kind": "", "reason": "区分の削除"})
    assert response.status_code == 302, response.context["form"].errors
    sheet = sheet_of(sample_report)
    assert ([s.label for s in sheet.sections], rows(sheet)) == ([NOT_EVALUATED], [])
    assert sheet_findings(sample_report) == [
        (
            "H205",
            "/budget_sheet/totals/0",
            "調書の合計(一般会計)の当初予算額 651,705千円が、小計の和 0千円と一致しません。",
        ),
        (
            "H205",
            "/budget_sheet/totals/0",
            "調書の合計(一般会計)の概算要求額 572,198千円が、小計の和 0千円と一致しません。",
        ),
    ]


def test_a_total_line_is_removed_and_added_with_an_allowed_account_type(
    sample_report: Report, sheet_page: SectionPage
) -> None:
    removed = sheet_page.post({"bs_total_1_account_type": "", "reason": "特別会計の合計を削除"})
    assert removed.status_code == 302, removed.context["form"].errors
    assert [line.account_type for line in sheet_of(sample_report).totals] == [AccountType.GENERAL]

    form = sheet_page.form()
    assert (form["bs_total_1_account_type"], "bs_total_2_account_type" in form) == ("", False)
    added = sheet_page.post(
        {
            "bs_total_1_account_type": "特別会計",
            "bs_total_1_current_initial": "100",
            "reason": "合計の追加",
        },
        form,
    )
    assert added.status_code == 302, added.context["form"].errors
    assert lines(sheet_of(sample_report))[-2:] == [
        ("合計", "一般会計", Decimal(651705)),
        ("合計", "特別会計", Decimal(100)),
    ]
    assert sheet_findings(sample_report) == [
        (
            "H205",
            "/budget_sheet/totals/1",
            "調書の合計(特別会計)の当初予算額 100千円が、小計の和 0千円と一致しません。",
        ),
    ]
    assert revision_count(sample_report) == 3


def test_an_account_type_not_allowed_or_twice_is_a_form_error(
    sample_report: Report, sheet_page: SectionPage
) -> None:
    form = sheet_page.form()
    unknown = sheet_page.post(
        {"bs_total_2_account_type": "地方会計", "bs_total_2_current_initial": "5", "reason": "x"}, form
    )
    assert unknown.status_code == 400
    assert unknown.context["form"].errors == {
        "bs_total_2_account_type": ["正しく選択してください。 地方会計 は候補にありません。"]
    }
    twice = sheet_page.post(
        {
            "bs_total_2_account_type": "一般会計",
            "bs_0_sub_2_account_type": "特別会計",
            "bs_1_sub_2_current_initial": "5",
            "reason": "x",
        },
        form,
    )
    assert twice.status_code == 400
    assert twice.context["form"].errors == {
        "bs_0_sub_2_account_type": ["この区分の小計に特別会計は既にあります。"],
        "bs_1_sub_2_account_type": ["会計区分を選んでください。"],
        "bs_total_2_account_type": ["合計に一般会計は既にあります。"],
    }
    html = text(twice)
    assert "区分1 追加する小計 会計区分: この区分の小計に特別会計は既にあります。" in html
    assert revision_count(sample_report) == 1


def test_an_amount_that_is_not_a_number_names_its_field_and_row(
    sample_report: Report, sheet_page: SectionPage
) -> None:
    response = sheet_page.post(
        {
            "bs_0_2_account": "一般",
            "bs_0_2_sub_item": "日米交流事業に必要な経費",
            "bs_0_2_current_initial": "千円くらい",
            "bs_0_1_next_request": "34万",
            "reason": "事項の追加",
        }
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "bs_0_1_next_request": [NOT_A_NUMBER % "34万"],
        "bs_0_2_current_initial": [NOT_A_NUMBER % "千円くらい"],
    }
    html = text(response)
    assert f"区分1 第3行 当初予算額: {NOT_A_NUMBER % '千円くらい'}" in html
    assert f"区分1 第2行 概算要求額: {NOT_A_NUMBER % '34万'}" in html
    assert "保存されていません。" in html
    assert revision_count(sample_report) == 1
    assert rows(sheet_of(sample_report)) == SAMPLE_ROWS


def test_a_new_row_needs_its_item_and_a_new_section_its_kind(
    sample_report: Report, sheet_page: SectionPage
) -> None:
    response = sheet_page.post({"bs_1_0_organization": "外務本省", "bs_2_label": "その他", "reason": "x"})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "bs_1_0_sub_item": ["事項を入力してください。"],
        "bs_2_kind": ["区分の種類を選んでください。"],
    }
    assert revision_count(sample_report) == 1


def test_in_english_the_rows_are_named_in_english(editor: Any, sheet_page: SectionPage) -> None:
    editor.cookies["django_language"] = "en"
    page = sheet_page.get()
    html = text(page)
    legends = [f.legend for f in page.context["form"].fieldsets]
    assert legends[2:5] == [
        "Section 1 row 1 外務本省 北米地域外交に必要な経費",
        "Section 1 row 2 在外公館 北米地域外交に必要な経費",
        "Add an item to section 1",
    ]
    assert legends[-4:] == [
        "Add a section",
        "Total (general account)",
        "Total (special account)",
        "New total",
    ]
    assert '<label for="id_bs_0_2_sub_item">Section 1 row 3 Item</label>' in html
    assert '<option value="">(remove this section)</option>' in html
    assert '<option value="" selected>(do not add)</option>' in html


def test_a_sheet_is_started_with_a_section_and_a_total_in_one_save(
    people: dict[str, Any], sample_model: EvaluationReport
) -> None:
    """A 調書 whose sheet was not read: the heading, a 区分 and a 合計 line are typed at once."""
    empty = sample_model.model_copy(update={"kind": DocumentKind.BUDGET_SHEET, "budget_sheet": None})
    report = storage.create_report(empty, people["editor"], "調書の取込")
    edit = section_page(client_for(people["editor"]), report, "budget_sheet")
    form = edit.form()
    assert (form["bs_policy_name"], form["bs_unit"], form["bs_0_kind"], form["bs_total_0_account_type"]) == (
        "",
        "千円",
        "",
        "",
    )
    assert "bs_0_0_sub_item" not in form and "bs_1_kind" not in form
    nameless = edit.post({"bs_0_kind": "evaluated", "reason": "調書の入力"}, form)
    assert nameless.status_code == 400
    assert nameless.context["form"].errors == {"bs_policy_name": ["調書を作るには政策名を入力してください。"]}
    assert revision_count(report) == 1
    response = edit.post(
        {
            "bs_policy_name": "北米地域外交",
            "bs_0_kind": "evaluated",
            "bs_total_0_account_type": "一般会計",
            "bs_total_0_current_initial": "651,705",
            "reason": "調書の入力",
        },
        form,
    )
    assert response.status_code == 302, response.context["form"].errors
    sheet = sheet_of(report)
    assert (sheet.policy_name, sheet.unit) == ("北米地域外交", "千円")
    assert lines(sheet) == [
        (EVALUATED, "一般会計", None),
        (EVALUATED, "特別会計", None),
        ("合計", "一般会計", Decimal(651705)),
    ]
    assert sheet_findings(report) == [
        (
            "H205",
            "/budget_sheet/totals/0",
            "調書の合計(一般会計)の当初予算額 651,705千円が、小計の和 0千円と一致しません。",
        ),
    ]


def test_in_english_the_proposal_beside_a_subtotal_reads_in_english(
    editor: Any, sheet_page: SectionPage
) -> None:
    assert sheet_page.post({"bs_0_1_sub_item": "", "reason": "在外公館分を削除"}).status_code == 302
    editor.cookies["django_language"] = "en"
    beside = sheet_page.get().context["form"].besides["bs_0_sub_0_current_initial"]
    assert (beside.proposed, beside.reason, beside.differs) == (
        "274,346 千円",
        f"The 調書 subtotal (一般会計) of section '{EVALUATED}': the current initial budget is 651,705 千円, "
        "but the items add up to 274,346 千円.",
        True,
    )
