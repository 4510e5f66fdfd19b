"""diff_models: field-level changes between two JSON documents, as JSON pointers."""

from __future__ import annotations

from hyoka.web.reports.diff import ABSENT, Change, diff_models, pointer


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
