"""diff_models: leaf-level changes between two JSON documents, as JSON pointers; field_changes:
one row per field a person changed, named and shown in words and numbers as the pages show them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import translation

from hyoka.core import Cell, Judgment, Note, Tier
from hyoka.web.reports.diff import ABSENT, Change, diff_models, field_changes, pointer


def test_equal_documents_have_no_changes() -> None:
    doc = {"a": [1, {"b": None}], "c": "x"}
    assert diff_models(doc, {"a": [1, {"b": None}], "c": "x"}) == []


def test_nested_dicts_give_the_pointer_of_each_changed_leaf() -> None:
    old = {
        "budget": {"unit": "百万円", "years": [{"fiscal_year": 2019, "total": {"value": 671, "raw": "671"}}]}
    }
    new = {
        "budget": {"unit": "百万円", "years": [{"fiscal_year": 2019, "total": {"value": 672, "raw": "672"}}]}
    }
    changes = diff_models(old, new)
    assert changes == [
        Change("/budget/years/0/total/value", 671, 672),
        Change("/budget/years/0/total/raw", "671", "672"),
    ]
    assert [c.where for c in changes] == ["2019年度", "2019年度"]


def test_keys_added_and_removed() -> None:
    changes = diff_models({"a": 1, "b": 2}, {"b": 2, "c": {"d": 3}})
    assert changes == [Change("/a", 1, ABSENT), Change("/c", ABSENT, {"d": 3})]
    assert (changes[0].removed, changes[0].added, changes[1].added) == (True, False, True)


def test_list_growth_and_shrink_compare_by_index() -> None:
    assert diff_models({"xs": [1, 2]}, {"xs": [1, 2, 3, 4]}) == [
        Change("/xs/2", ABSENT, 3),
        Change("/xs/3", ABSENT, 4),
    ]
    assert diff_models({"xs": [1, 2, 3]}, {"xs": [9]}) == [
        Change("/xs/0", 1, 9),
        Change("/xs/1", 2, ABSENT),
        Change("/xs/2", 3, ABSENT),
    ]


def test_scalar_type_changes_are_one_change_at_their_path() -> None:
    assert diff_models({"v": 1}, {"v": "1"}) == [Change("/v", 1, "1")]
    assert diff_models({"v": 1}, {"v": True}) == [Change("/v", 1, True)]
    assert diff_models({"v": None}, {"v": 0}) == [Change("/v", None, 0)]
    assert diff_models({"v": {"x": 1}}, {"v": [1]}) == [Change("/v", {"x": 1}, [1])]
    assert diff_models({"v": [1]}, {"v": None}) == [Change("/v", [1], None)]
    # an integer and a float of the same value are the same JSON number
    assert diff_models({"v": 1}, {"v": 1.0}) == []
    assert diff_models({"v": 1}, {"v": 1.5}) == [Change("/v", 1, 1.5)]


def test_pointer_escapes_tilde_and_slash() -> None:
    assert pointer(["a/b", "c~d", 0]) == "/a~1b/c~0d/0"
    assert diff_models({"a/b": 1}, {"a/b": 2}) == [Change("/a~1b", 1, 2)]


def test_where_names_the_indicator_and_year() -> None:
    indicator = {"id": "1-3", "years": [{"fiscal_year": 2019, "actuals": [{"series": None, "value": 26}]}]}
    changed = {"id": "1-3", "years": [{"fiscal_year": 2019, "actuals": [{"series": None, "value": 28}]}]}
    old = {"areas": [{"number": 1, "indicators": [indicator]}]}
    new = {"areas": [{"number": 1, "indicators": [changed]}]}
    [change] = diff_models(old, new)
    assert change == Change("/areas/0/indicators/0/years/0/actuals/0/value", 26, 28)
    assert change.where == "分野 1 › 指標 1-3 › 2019年度"


def test_absent_is_falsy_and_distinct_from_null() -> None:
    assert not ABSENT
    assert repr(ABSENT) == "ABSENT"
    assert diff_models({"a": None}, {}) == [Change("/a", None, ABSENT)]


# --- field_changes: one row per field, in words and numbers ---------------------------------------


def _sample() -> Any:
    from hyoka.importers import import_bytes

    from .conftest import SAMPLE

    return import_bytes(SAMPLE.read_bytes(), name=SAMPLE.name).report


def test_each_changed_field_is_one_row_named_and_shown_as_the_pages_show_it() -> None:
    before = _sample()
    after = before.model_copy(deep=True)
    actual = after.indicator("1-4").years[2].actuals[0]
    after.indicator("1-4").years[2].actuals[0] = actual.model_copy(
        update={"value": actual.value.model_copy(update={"value": Decimal(9), "raw": "9"})}
    )
    grade = after.indicator("1-4").recorded_grade
    assert grade is not None
    grade.letter = "a"
    after.results_summary[3].recorded_grade = "a"
    after.judgment.tier = Tier.ACHIEVED
    after.window = [2018, 2019]
    total = after.budget.years[2].total
    after.budget.years[2].total = total.model_copy(update={"value": Decimal(1234), "raw": "1,234"})
    after.areas[0].analysis[0].paragraphs[1].text = "日加関係は着実に進展した。"
    five = after.indicator("1-5").years[2].actuals[1]
    after.indicator("1-5").years[2].actuals[1] = five.model_copy(
        update={"value": five.value.model_copy(update={"value": Decimal(91), "raw": "91%"})}
    )
    changes = field_changes(before, after)
    assert [(c.place, c.old, c.new) for c in changes] == [
        (
            "評価対象年度",
            "平成29年度 (2017年度)、平成30年度 (2018年度)、令和元年度 (2019年度)",
            "平成30年度 (2018年度)、令和元年度 (2019年度)",
        ),
        ("予算 令和元年度 (2019年度) 合計", "671", "1,234"),
        ("目標達成度の測定結果 区分", "相当程度進展あり", "目標達成"),
        ("総括表 測定指標1-4 達成状況", "b", "a"),
        ("測定指標1-4 実績値（令和元年度 (2019年度)）", "7", "9"),
        ("測定指標1-4 達成状況", "b", "a"),
        ("測定指標1-5 実績値（令和元年度 (2019年度)、②有識者の部）", "89%", "91%"),
        (
            "測定指標1-1 施策の分析（第2段落）",
            before.areas[0].analysis[0].paragraphs[1].text,
            "日加関係は着実に進展した。",
        ),
    ]
    assert [c.path for c in changes][:2] == ["/window", "/budget/years/2/total"]


def test_records_are_matched_by_what_identifies_them_and_added_or_removed_whole() -> None:
    before = _sample()
    after = before.model_copy(deep=True)
    del after.areas[0].indicators[1]  # 1-2 removed: 1-3 … stay themselves, not shifted
    after.notes.append(Note(mark="(注3)", text="会談数には電話会談を含む。"))
    after.other_judgments = [Judgment(legend="外務省 独自区分", letter="B")]
    changes = field_changes(before, after)
    assert [(c.place, c.old, c.new, c.added, c.removed) for c in changes] == [
        ("府省独自の判定 外務省 独自区分", "（なし）", "外務省 独自区分 B", True, False),
        ("注 4", "（なし）", "(注3) 会談数には電話会談を含む。", True, False),
        ("測定指標1-2", "1-2 日米・日加間の相互理解の進展", "（なし）", False, True),
    ]


def test_a_cell_emptied_and_a_flag_read_as_words_in_the_pages_language() -> None:
    before = _sample()
    after = before.model_copy(deep=True)
    after.budget.years[0].executed = Cell.empty()
    after.indicator("1-3").is_main = True
    after.judgment.monitoring_only = True
    changes = field_changes(before, after)
    assert [(c.place, c.old, c.new) for c in changes] == [
        ("予算 平成29年度 (2017年度) 執行額", "326", "（空欄）"),
        ("目標達成度の測定結果 モニタリングのみ", "いいえ", "はい"),
        ("測定指標1-3 主要な指標の別", "いいえ", "はい"),
    ]
    with translation.override("en"):
        assert [(c.place, c.old, c.new) for c in field_changes(before, after)] == [
            ("Budget, FY2017 (Heisei 29), executed", "326", "(empty)"),
            ("Overall judgment, monitoring only", "No", "Yes"),
            ("Indicator 1-3, main flag", "No", "Yes"),
        ]
