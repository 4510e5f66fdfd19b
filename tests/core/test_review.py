"""The review record (``hyoka.core.Review``): built from the rules' JSON, looked up by indicator,
written back in the shape the HTML, PDF and xlsx renderers read; frozen and strict."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from hyoka.core import IndicatorReview, Issue, ProposedTier, Review, SeriesRate, Severity

PROPOSALS: dict[str, Any] = {
    "indicators": {
        "1-4": {
            "proposed": "a",
            "recorded": "b",
            "trace": {
                "kind": "quantitative",
                "rule": "all_years: every year achieved",
                "years": [
                    {
                        "fiscal_year": 2017,
                        "verdict": "exceeded",
                        "series": [
                            {"series": None, "target": 5, "actual": 10, "rate": 2, "verdict": "exceeded"}
                        ],
                    },
                    {
                        "fiscal_year": 2018,
                        "verdict": "achieved",
                        "series": [
                            {"series": "①", "target": 7, "actual": 8, "rate": 1.1429, "verdict": "achieved"},
                            {"series": "②", "target": 7, "actual": None, "rate": None, "verdict": "no_data"},
                        ],
                    },
                ],
            },
        },
        "2-1": {
            "proposed": None,
            "recorded": "s",
            "trace": {"kind": "qualitative", "rule": "-", "years": []},
        },
    },
    "judgment": {
        "proposed": {"label": "相当程度進展あり", "letter": "B"},
        "recorded": {"label": "相当程度進展あり", "letter": "B"},
        "trace": {"rule": "main indicators b or better", "indicators": []},
    },
}

FINDING = Issue(
    code="H301",
    severity=Severity.WARNING,
    location="/areas/0/indicators/3",
    message="記録された評価と規則による提案が異なります",
    message_en="the recorded grade differs from the proposal",
)

EXPECTED = Review(
    findings=(FINDING,),
    indicators=(
        IndicatorReview(
            indicator_id="1-4",
            proposed="a",
            recorded="b",
            rates=(
                SeriesRate(fiscal_year=2017, series=None, rate=Decimal("2")),
                SeriesRate(fiscal_year=2018, series="①", rate=Decimal("1.1429")),
                SeriesRate(fiscal_year=2018, series="②", rate=None),
            ),
        ),
        IndicatorReview(indicator_id="2-1", proposed=None, recorded="s"),
    ),
    judgment=ProposedTier(label="相当程度進展あり", letter="B"),
)


def test_from_proposals_reads_every_field() -> None:
    assert Review.from_proposals(PROPOSALS, findings=[FINDING]) == EXPECTED


def test_from_check_json_takes_the_findings_too() -> None:
    result = {"profile": "mofa-2020", "findings": [FINDING.model_dump(mode="json")], "proposals": PROPOSALS}
    assert Review.from_check_json(result) == EXPECTED


def test_lookups() -> None:
    review = EXPECTED
    found = review.indicator("1-4")
    assert found is not None and found.proposed == "a"
    assert review.indicator("9-9") is None
    assert found.rate(2017, None) == Decimal("2")
    assert found.rate(2018, "①") == Decimal("1.1429")
    assert found.rate(2018, "②") is None
    assert found.rate(2019, None) is None


def test_proposals_json_is_what_the_renderers_read() -> None:
    assert EXPECTED.proposals_json() == {
        "indicators": {
            "1-4": {
                "proposed": "a",
                "recorded": "b",
                "trace": {
                    "years": [
                        {"fiscal_year": 2017, "series": [{"series": None, "rate": 2}]},
                        {
                            "fiscal_year": 2018,
                            "series": [{"series": "①", "rate": 1.1429}, {"series": "②", "rate": None}],
                        },
                    ]
                },
            },
            "2-1": {"proposed": None, "recorded": "s", "trace": {"years": []}},
        },
        "judgment": {"proposed": {"label": "相当程度進展あり", "letter": "B"}},
    }
    rate = EXPECTED.proposals_json()["indicators"]["1-4"]["trace"]["years"][0]["series"][0]["rate"]
    assert type(rate) is int  # a whole rate is written as the rules write it


def test_proposals_json_reads_back_to_the_same_review() -> None:
    again = Review.from_proposals(EXPECTED.proposals_json(), findings=EXPECTED.findings)
    assert again == EXPECTED


def test_an_empty_review() -> None:
    empty = Review.from_proposals({})
    assert empty == Review()
    assert (empty.findings, empty.indicators, empty.judgment) == ((), (), None)
    assert empty.proposals_json() == {"indicators": {}, "judgment": {"proposed": None}}
    no_judgment = Review.from_proposals({"indicators": {}, "judgment": {"proposed": None}})
    assert no_judgment.judgment is None


def test_the_record_is_frozen_and_strict() -> None:
    with pytest.raises(ValidationError):
        EXPECTED.judgment = None  # type: ignore[misc]
    with pytest.raises(ValidationError):
        IndicatorReview(indicator_id="1-1", grade="a")  # type: ignore[call-arg]
    with pytest.raises(ValidationError):
        SeriesRate(fiscal_year=2019, series=None, rate="many")  # type: ignore[arg-type]


def test_a_rate_that_is_not_a_number_is_refused() -> None:
    broken = {"indicators": {"1-1": {"trace": {"years": [{"fiscal_year": 2019, "series": [{"rate": "1"}]}]}}}}
    with pytest.raises(TypeError, match="a rate is a number, not str"):
        Review.from_proposals(broken)
