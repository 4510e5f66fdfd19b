"""Every proposal carries its reason in words, Japanese by default and English when chosen, beside
the trace's shorthand ``rule`` (which stays as it was)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hyoka.core import Direction, Judgment, RecordedGrade
from hyoka.importers import import_bytes
from hyoka.rules import check_report, load_profile
from hyoka.rules.grading import propose_indicator_grade
from hyoka.rules.judgment import propose_judgment
from hyoka.rules.reasons import FiscalYear, Reason, YearList

from .test_grading import WINDOW, window_of
from .test_profile import with_strategy
from .test_profiles_legends import FIVE, indicator, profile_of

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "mofa-r2-I-2-hokubei.txt"
MOFA = load_profile()


def both(reason: Reason | None) -> tuple[str, str]:
    assert reason is not None
    return reason.text("ja"), reason.text("en")


@pytest.mark.parametrize(
    ("pairs", "baseline", "ja", "en"),
    [
        (
            ((10, 13), (10, 12), (10, 12)),
            None,
            "全年度で目標を超過（判定方法: 全年度）",
            "The target was exceeded in every year (method: every year of the window)",
        ),
        (
            ((10, 10), (10, 11), (10, 10)),
            None,
            "全年度で目標を達成（判定方法: 全年度）",
            "The target was achieved in every year (method: every year of the window)",
        ),
        (
            ((10, 9), (10, 11), (10, 10)),
            None,
            "全年度で目標に近い水準以上（判定方法: 全年度）",
            "Every year was near the target or better (method: every year of the window)",
        ),
        (
            ((10, 5), (10, 6), (10, 7)),
            4,
            "目標に近い水準に届かないが、最終年度は初年度（または基準値）より改善（判定方法: 全年度）",
            "Not near the target, but the last year is better than the first (or the baseline)"
            " (method: every year of the window)",
        ),
        (
            ((10, 5), (10, 4), (10, 3)),
            None,
            "目標に近い水準に届かず、改善もしていない（判定方法: 全年度）",
            "Not near the target, and not improving (method: every year of the window)",
        ),
    ],
)
def test_every_year_reasons(pairs: tuple, baseline: int | None, ja: str, en: str) -> None:
    proposal = propose_indicator_grade(window_of(*pairs, baseline=baseline), WINDOW, MOFA)
    assert both(proposal.reason) == (ja, en)


def test_the_rule_shorthand_is_unchanged_beside_the_reason() -> None:
    proposal = propose_indicator_grade(window_of((10, 10), (10, 11), (10, 10)), WINDOW, MOFA)
    assert proposal.rule == "all_years: every year achieved"
    assert str(proposal.reason) == "全年度で目標を達成（判定方法: 全年度）"


def test_majority_and_final_year_reasons() -> None:
    ind = indicator(("10", "13"), ("10", "12"), ("10", "9"))
    majority = propose_indicator_grade(ind, WINDOW, with_strategy("majority"))
    final = propose_indicator_grade(ind, WINDOW, with_strategy("final_year"))
    assert both(majority.reason) == (
        "3年度中2年度以上で目標を超過（判定方法: 過半の年度）",
        "The target was exceeded in at least 2 of 3 years (method: a majority of the years)",
    )
    assert both(final.reason) == (
        "最終年度（令和元年度 (2019年度)）は目標に近い（判定方法: 最終年度）",
        "The final year (FY2019 (Reiwa 1)): Near the target (method: the final year)",
    )


def test_reasons_with_cut_offs() -> None:
    pairs = (("10", "13"), ("10", "12"), ("10", "7"))
    tiers = ("S", "A", "B", "C", "D")
    every = propose_indicator_grade(indicator(*pairs), WINDOW, profile_of(FIVE, tiers))
    majority = propose_indicator_grade(
        indicator(*pairs), WINDOW, profile_of(FIVE, tiers, strategy="majority")
    )
    final = propose_indicator_grade(indicator(*pairs), WINDOW, profile_of(FIVE, tiers, strategy="final_year"))
    assert both(every.reason) == (
        "どの区分の基準にも届かず、改善もしていない（判定方法: 全年度）",
        "Below every cut-off, and not improving (method: every year of the window)",
    )
    assert both(majority.reason) == (
        "3年度中2年度以上で「S」以上（判定方法: 過半の年度）",
        "At least 2 of 3 years at S or better (method: a majority of the years)",
    )
    assert both(final.reason) == (
        "最終年度（令和元年度 (2019年度)）はどの区分の基準にも届かない（後退）（判定方法: 最終年度）",
        "The final year (FY2019 (Reiwa 1)) is below every cut-off (Regressing) (method: the final year)",
    )


def test_years_without_data_are_named() -> None:
    proposal = propose_indicator_grade(window_of((10, 10)), WINDOW, MOFA)
    assert proposal.rule == "all_years: every year achieved (no data: 2018, 2019)"
    assert both(proposal.reason) == (
        "全年度で目標を達成（判定方法: 全年度）。データのない年度: 平成30年度 (2018年度)、"
        "令和元年度 (2019年度)",
        "The target was achieved in every year (method: every year of the window); no data: "
        "FY2018 (Heisei 30), FY2019 (Reiwa 1)",
    )
    none = propose_indicator_grade(window_of((None, 10)), WINDOW, MOFA)
    assert both(none.reason) == (
        "目標値と実績値のそろった年度がありません",
        "No year has both a target and an actual",
    )


def test_the_sample_reasons_and_judgment() -> None:
    report = import_bytes(SAMPLE.read_bytes(), name=SAMPLE.name).report
    result = check_report(report)
    assert {key: p.reason.ja for key, p in result.indicators.items() if p.reason is not None} == {
        "1-1": "定性的な指標のため、規則による提案はありません",
        "1-2": "定性的な指標のため、規則による提案はありません",
        "1-3": "全年度で目標に近い水準以上（判定方法: 全年度）",
        "1-4": "全年度で目標を達成（判定方法: 全年度）",
        "1-5": "全年度で目標に近い水準以上（判定方法: 全年度）",
        "2-1": "定性的な指標のため、規則による提案はありません",
        "2-2": "定性的な指標のため、規則による提案はありません",
        "3-1": "定性的な指標のため、規則による提案はありません",
        "3-2": "定性的な指標のため、規則による提案はありません",
    }
    assert result.indicators["1-1"].reason is not None
    assert result.indicators["1-1"].reason.en == "A qualitative indicator: the rules propose no grade"
    assert both(result.judgment.reason) == (
        "主要な指標が「b」以上（重み付きの割合 1.00）",
        "Main indicators at b or better (weighted share 1.00)",
    )


def test_judgment_reasons_name_the_profiles_letters() -> None:
    report = import_bytes(SAMPLE.read_bytes(), name=SAMPLE.name).report
    for ind in report.indicators():
        ind.recorded_grade = RecordedGrade(letter="s" if ind.is_main else "a", window=WINDOW)
    assert both(propose_judgment(report, {}, MOFA).reason) == (
        "全指標が「a」以上で、主要な指標がすべて「s」",
        "Every indicator at a or better, every main indicator s",
    )
    main = next(ind for ind in report.indicators() if ind.is_main)
    main.recorded_grade = RecordedGrade(letter="d", window=WINDOW)
    assert both(propose_judgment(report, {}, MOFA).reason) == (
        "主要な指標に「d」がある",
        "A main indicator is d",
    )
    report.judgment = Judgment(monitoring_only=True)
    assert both(propose_judgment(report, {}, MOFA).reason) == (
        "モニタリングのみの年度のため、判定しません",
        "A monitoring year: no judgment",
    )


def test_year_words() -> None:
    assert (FiscalYear(2019).text(), FiscalYear(2019).text("en")) == (
        "令和元年度 (2019年度)",
        "FY2019 (Reiwa 1)",
    )
    assert YearList((2018, 2019)).text() == "平成30年度 (2018年度)、令和元年度 (2019年度)"
    assert YearList((2018, 2019)).text("en") == "FY2018 (Heisei 30), FY2019 (Reiwa 1)"
    assert Direction.HIGHER  # the direction of window_of's indicators: higher is better
