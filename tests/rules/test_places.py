"""A finding's pointer named in the reader's words (``hyoka.rules.places``), on the sample report."""

from __future__ import annotations

import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from hyoka.core import EvaluationReport
from hyoka.corpus import FAMILIES, generate_reports
from hyoka.importers import import_bytes
from hyoka.rules import check_report
from hyoka.rules.places import _BY_RECORD, FIELD_NAMES, TRANSPARENT, field_name_at, place_name, place_of

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "mofa-r2-I-2-hokubei.txt"


@pytest.fixture(scope="module")
def sample() -> EvaluationReport:
    return import_bytes(SAMPLE.read_bytes(), name=SAMPLE.name).report


@pytest.mark.parametrize(
    ("pointer", "ja", "en"),
    [
        (
            "/areas/0/indicators/3/years/2/mark",
            "測定指標1-4 達成状況（令和元年度 (2019年度)）",
            "Indicator 1-4, achievement (FY2019 (Reiwa 1))",
        ),
        ("/areas/0/indicators/3/recorded_grade", "測定指標1-4 達成状況", "Indicator 1-4, achievement"),
        ("/areas/0/indicators/3/recorded_grade/letter", "測定指標1-4 達成状況", "Indicator 1-4, achievement"),
        ("/objectives/1", "施策の目標 2", "Objective 2"),
        (
            "/budget/years/3/initial",
            "予算 令和2年度 (2020年度) 当初予算",
            "Budget, FY2020 (Reiwa 2), initial budget",
        ),
        (
            "/budget/years/1/executed",
            "予算 平成30年度 (2018年度) 執行額",
            "Budget, FY2018 (Heisei 30), executed",
        ),
        ("/expert_opinions", "有識者の所見", "Experts' opinions"),
        ("/expert_opinions/opinions/0", "有識者の所見 1", "Experts' opinions 1"),
        (
            "/results_summary/3/recorded_grade",
            "総括表 測定指標1-4 達成状況",
            "Results summary, indicator 1-4, achievement",
        ),
        (
            "/areas/0/indicators/4/years/2/targets/0",
            "測定指標1-5 年度目標値（令和元年度 (2019年度)、①一般の部）",
            "Indicator 1-5, target (FY2019 (Reiwa 1), ① 一般の部)",
        ),
        (
            "/areas/0/indicators/4/years/2/actuals/1/value",
            "測定指標1-5 実績値（令和元年度 (2019年度)、②有識者の部）",
            "Indicator 1-5, actual (FY2019 (Reiwa 1), ② 有識者の部)",
        ),
        ("/areas/1/outline/0", "個別分野2 施策の概要（第1段落）", "Area 2, outline (paragraph 1)"),
        (
            "/areas/0/analysis/2/paragraphs/1",
            "測定指標1-3 施策の分析（第2段落）",
            "Indicator 1-3, analysis (paragraph 2)",
        ),
        (
            "/budget_sheet/totals/0/current_initial",
            "政策評価調書 一般会計 合計 当初予算額",
            "Budget sheet, general account total, initial budget",
        ),
        (
            "/budget_sheet/sections/0/subtotals/0",
            "政策評価調書 政策評価の対象となっているもの 一般会計 小計",
            "Budget sheet, items evaluated, general account subtotal",
        ),
        ("/judgment", "目標達成度の測定結果", "Overall judgment"),
        ("/areas/2/indicators/1", "測定指標3-2", "Indicator 3-2"),
        ("", "文書全体", "The whole document"),
    ],
)
def test_places_in_both_languages(sample: EvaluationReport, pointer: str, ja: str, en: str) -> None:
    assert place_name(sample, pointer) == ja
    assert place_name(sample, pointer, "en") == en
    assert place_of(sample, pointer).text("ja") == ja


def test_a_pointer_past_the_report_is_named_as_far_as_it_goes(sample: EvaluationReport) -> None:
    assert place_name(sample, "/areas/0/indicators/9") == "個別分野1 測定指標 10"
    assert place_name(sample, "/areas/0/indicators/3/nothing") == "測定指標1-4"
    assert place_name(sample, "/") == "文書全体"


@pytest.mark.parametrize(
    ("path", "name"),
    [
        (["title"], "施策名"),
        (["areas", 0, "title"], "分野名"),
        (["areas", "0", "indicators", 2, "name"], "指標名"),
        (["budget", "years", 0, "initial", "value"], "当初予算"),
        (["budget_sheet", "totals", 0, "next_request"], "概算要求額"),
        (["areas", 0, "indicators", 2, "years", 1, "mark"], "達成状況"),
        (["areas", 0, "no_such_field"], "個別分野"),
        (["no_such_field"], None),
        ([], None),
    ],
)
def test_a_field_is_named_by_the_model_alone(path: list[str | int], name: str | None) -> None:
    """The API's 422 names the field of a report that did not validate, so has no data to walk."""
    assert field_name_at(path) == name


def test_the_indicator_id_is_used_as_written(sample: EvaluationReport) -> None:
    report = sample.model_copy(deep=True)
    report.areas[0].indicators[3].id = "指標7"
    # an id that names itself is bracketed after 測定指標, never 「測定指標指標7」
    assert (
        place_name(report, "/areas/0/indicators/3/years/0/actuals/0")
        == "測定指標「指標7」 実績値（平成29年度 (2017年度)）"
    )
    report.areas[0].indicators[3].id = "Ⅰ-9-1-1"
    assert place_name(report, "/areas/0/indicators/3", "en") == "Indicator Ⅰ-9-1-1"


def _records(model: type[BaseModel], seen: dict[str, type[BaseModel]]) -> None:
    if model.__name__ in seen:
        return
    seen[model.__name__] = model
    for info in model.model_fields.values():
        stack = [info.annotation]
        while stack:
            kind = stack.pop()
            stack.extend(typing.get_args(kind))
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                _records(kind, seen)


def test_every_field_of_the_model_has_a_name() -> None:
    seen: dict[str, type[BaseModel]] = {}
    _records(EvaluationReport, seen)
    assert len(seen) >= 30
    unnamed = [
        f"{name}.{key}"
        for name, model in seen.items()
        for key in model.model_fields
        if (name, key) not in TRANSPARENT and (name, key) not in _BY_RECORD and key not in FIELD_NAMES
    ]
    assert unnamed == []


def test_every_finding_of_the_sample_and_of_a_planted_corpus_is_named_without_a_pointer(
    sample: EvaluationReport,
) -> None:
    reports = [sample, *(g.report for g in generate_reports(30, 3, dict.fromkeys(FAMILIES, 1.0)))]
    codes: set[str] = set()
    for report in reports:
        for finding in check_report(report).findings:
            for lang in ("ja", "en"):
                text = place_name(report, finding.location, lang)
                assert "/" not in text and "areas" not in text, (finding.location, text)
                assert text not in ("文書全体", "The whole document") or finding.location in ("", "/")
            codes.add(finding.code)
    assert len(codes) >= 15, sorted(codes)
