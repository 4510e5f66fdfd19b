"""Schema 2 (issue 14): document kinds, 達成手段 and their citations, a ministry's own judgment,
per-year marks and 達成率, and the reading of version 1 documents."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from hyoka.core import (
    SCHEMA_VERSION,
    AchievementMeans,
    DocumentKind,
    EvaluationReport,
    IndicatorYear,
    Judgment,
    JudgmentOrigin,
    MeansCitation,
    MeansYear,
    Tier,
    means_key,
    parse_cell,
    resolve_citation,
)


def _v1(**extra: Any) -> dict[str, Any]:
    """A version 1 document as hyoka wrote it before schema 2 (no kind, no 達成手段)."""
    return {
        "schema_version": "1",
        "ministry": "外務省",
        "measure_number": "I-2",
        "title": "北米地域外交",
        "evaluation_year": 2020,
        **extra,
    }


def test_version_1_reads_as_the_current_version_with_every_new_part_empty() -> None:
    report = EvaluationReport.model_validate(_v1())
    assert SCHEMA_VERSION == "2"
    assert report.schema_version == "2"
    assert report.kind is DocumentKind.EVALUATION
    assert report.means == []
    assert report.other_judgments == []
    assert report.judgment.origin is JudgmentOrigin.DOCUMENT
    assert report.model_dump(mode="json")["schema_version"] == "2"


@pytest.mark.parametrize("version", ["3", "0", "1.5"])
def test_a_version_this_hyoka_does_not_read_is_refused_by_name(version: str) -> None:
    with pytest.raises(ValidationError) as caught:
        EvaluationReport.model_validate(_v1(schema_version=version))
    assert caught.value.errors()[0]["msg"] == (
        f"schema_version {version} is not one this hyoka reads (it reads 1, 2)"
    )


def test_document_kinds_are_the_three_documents_of_the_system() -> None:
    assert [kind.value for kind in DocumentKind] == ["評価書", "政策評価調書", "事前分析表"]
    sheet = EvaluationReport.model_validate(_v1(kind="政策評価調書", measure_number="", title=""))
    assert sheet.kind is DocumentKind.BUDGET_SHEET
    assert (sheet.measure_number, sheet.title) == ("", "")


def test_a_ministrys_own_judgment_sits_beside_the_shared_one() -> None:
    report = EvaluationReport.model_validate(
        _v1(
            judgment={"tier": "目標達成", "label": "②目標達成"},
            other_judgments=[
                {"legend": "厚生労働省 総合判定", "letter": "A", "label": "目標達成"},
                {"legend": "厚生労働省 総合判定", "letter": "B", "origin": "derived"},
            ],
        )
    )
    assert report.judgment.tier is Tier.ACHIEVED
    assert [(j.legend, j.letter, j.tier, j.origin) for j in report.other_judgments] == [
        ("厚生労働省 総合判定", "A", None, JudgmentOrigin.DOCUMENT),
        ("厚生労働省 総合判定", "B", None, JudgmentOrigin.DERIVED),
    ]
    assert Judgment().legend == "各行政機関共通区分"


def test_a_year_keeps_its_mark_and_achievement_rate_as_written() -> None:
    year = IndicatorYear(fiscal_year=2019, mark="◎", achievement_rate=parse_cell("104.2"))
    assert year.mark == "◎"
    assert year.achievement_rate is not None
    assert year.achievement_rate.value == Decimal("104.2")


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("1", "1"),
        ("達成手段１", "1"),
        ("(1)", "1"),
        ("（１２）", "12"),
        ("①", "1"),
        ("⑫", "12"),
        ("平成29年度達成手段③", "3"),
    ],
)
def test_means_key_reads_every_way_a_means_is_numbered(written: str, key: str) -> None:
    assert means_key(written) == key


def _means() -> list[AchievementMeans]:
    return [
        AchievementMeans(
            number="1",
            name="北米諸国との政治分野での協力推進",
            years=[MeansYear(fiscal_year=2020, budget=parse_cell("1,234"), executed=parse_cell("1,100"))],
            indicators=["1-1", "1-2"],
            review_number="0012",
        ),
        AchievementMeans(number="2", name="日米安全保障体制の強化"),
        AchievementMeans(name="番号のない手段"),
    ]


def test_a_citation_resolves_to_its_means_by_number_then_by_name() -> None:
    means = _means()
    by_number = MeansCitation(name="違う名前", means_number="①", raw="(達成手段①)")
    by_name = MeansCitation(name="番号のない手段", raw="(番号のない手段)")
    missing = MeansCitation(name="ない手段", means_number="9", raw="(達成手段9)")
    assert resolve_citation(by_number, means) is means[0]
    assert resolve_citation(by_name, means) is means[2]
    assert resolve_citation(missing, means) is None
    assert means[0].years[0].budget.value == Decimal(1234)
    assert means[0].indicators == ["1-1", "1-2"]


def test_the_pre_analysis_fields_round_trip() -> None:
    report = EvaluationReport.model_validate(
        _v1(
            kind="事前分析表",
            outline=[{"text": "北米諸国との関係を強化する。"}],
            target_rationale=[{"text": "日米同盟は外交の基軸である。"}],
            responsible="北米局長 山田太郎",
            planned_evaluation="令和5年8月",
            means=[{"number": "1", "name": "北米諸国との政治分野での協力推進"}],
        )
    )
    again = EvaluationReport.model_validate(report.model_dump(mode="json"))
    assert again == report
    assert again.kind is DocumentKind.PRE_ANALYSIS
    assert again.responsible == "北米局長 山田太郎"
    assert again.means[0].name == "北米諸国との政治分野での協力推進"
