"""政策評価調書（個別票）: the budget items of a policy, filed with the budget request (unit 千円)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from hyoka.core.amounts import Cell
from hyoka.core.base import FiscalYear, Record
from hyoka.core.limits import MAX_ENTRIES, Name

__all__ = [
    "AccountType",
    "BudgetSheet",
    "BudgetSheetAmounts",
    "BudgetSheetItem",
    "BudgetSheetLine",
    "BudgetSheetSection",
    "SectionKind",
]


class AccountType(StrEnum):
    GENERAL = "一般会計"
    SPECIAL = "特別会計"


class SectionKind(StrEnum):
    EVALUATED = "evaluated"
    """政策評価の対象となっているもの"""
    NOT_EVALUATED = "not_evaluated"
    """政策評価の対象となっていないが、ある政策に属すると整理できるもの"""


class BudgetSheetAmounts(Record):
    """The two amount columns: this year's initial budget and next year's request.

    「の内数」 amounts (a share of a larger item counted elsewhere) are kept apart: they are
    never added into a subtotal or total.
    """

    current_initial: Cell = Field(default_factory=Cell.empty)
    next_request: Cell = Field(default_factory=Cell.empty)
    current_initial_inclusive: Cell = Field(default_factory=Cell.empty, description="<…>の内数")
    next_request_inclusive: Cell = Field(default_factory=Cell.empty, description="<…>の内数")


class BudgetSheetItem(BudgetSheetAmounts):
    """A row: 会計 / 組織・勘定 / 項 / 事項, a reference to another sheet, and its amounts."""

    account: Name = Field(description="会計, e.g. 一般")
    organization: Name = Field(description="組織／勘定")
    item: Name = Field(description="項")
    sub_item: Name = Field(description="事項")
    other_sheet_ref: Name | None = Field(default=None, description="他に記載のある個別票の番号")


class BudgetSheetLine(BudgetSheetAmounts):
    """A 小計 or 合計 line for one account type."""

    account_type: AccountType


class BudgetSheetSection(Record):
    kind: SectionKind
    label: Name
    items: list[BudgetSheetItem] = Field(default_factory=list, max_length=MAX_ENTRIES)
    subtotals: list[BudgetSheetLine] = Field(
        default_factory=list, max_length=MAX_ENTRIES, description="小計 per account type"
    )


class BudgetSheet(Record):
    policy_name: Name
    number: Name | None = Field(default=None, description="番号, e.g. ②")
    evaluation_method: Name | None = Field(default=None, description="評価方式")
    achievement: Name | None = Field(default=None, description="政策目標の達成度合い")
    unit: Name = "千円"
    current_year: FiscalYear | None = Field(default=None, description="当初予算額の年度")
    next_year: FiscalYear | None = Field(default=None, description="概算要求額の年度")
    sections: list[BudgetSheetSection] = Field(default_factory=list, max_length=MAX_ENTRIES)
    totals: list[BudgetSheetLine] = Field(
        default_factory=list, max_length=MAX_ENTRIES, description="合計 per account type"
    )
