"""Rule profiles: the bundled default's values, errors that name the bad key, and a custom profile's window
strategy changing the proposal."""

from __future__ import annotations

from importlib import resources

import pytest

from hyoka.core import Cell, Indicator, IndicatorKind, IndicatorYear, SeriesValue
from hyoka.rules.grading import propose_indicator_grade
from hyoka.rules.profile import (
    DEFAULT_PROFILE,
    ProfileError,
    RuleProfile,
    WindowStrategy,
    load_profile,
    parse_profile,
)


def default_text() -> str:
    return (
        resources.files("hyoka.rules.profiles")
        .joinpath(f"{DEFAULT_PROFILE}.toml")
        .read_text(encoding="utf-8")
    )


def replaced(old: str, new: str) -> str:
    text = default_text()
    assert old in text, old
    return text.replace(old, new, 1)


def error_of(text: str) -> str:
    with pytest.raises(ProfileError) as info:
        parse_profile(text, source="custom.toml")
    message = str(info.value)
    assert message.startswith("custom.toml: ")
    return message


# --- the bundled default -------------------------------------------------------------------------


def test_default_profile_values() -> None:
    profile = load_profile()
    assert DEFAULT_PROFILE == "mofa-2020"
    assert profile.name == "mofa-2020"
    assert profile.title == "外務省 令和2年度 政策評価(目標管理型)"
    assert profile.legend.letters == ["s", "a", "b", "c", "d"]
    assert profile.legend.meanings == {
        "s": "目標超過達成",
        "a": "目標達成",
        "b": "相当程度進展あり",
        "c": "進展が大きくない",
        "d": "目標に向かっていない",
    }
    assert [(t.rank, t.label, t.letter, t.indicator_letter) for t in profile.tiers] == [
        (1, "目標超過達成", "S", "s"),
        (2, "目標達成", "A", "a"),
        (3, "相当程度進展あり", "B", "b"),
        (4, "進展が大きくない", "C", "c"),
        (5, "目標に向かっていない", "D", "d"),
    ]
    t = profile.thresholds
    assert (t.exceeded, t.achieved, t.near, t.far_above, t.low_execution, t.budget_rounding) == (
        1.20,
        1.00,
        0.80,
        1.50,
        0.50,
        0.5,
    )
    assert profile.window.strategy is WindowStrategy.ALL_YEARS
    assert profile.judgment.main_share_for_substantial == 1.0
    assert profile.judgment.weights == {}


def test_default_profile_lookups() -> None:
    profile = load_profile(DEFAULT_PROFILE)
    assert profile.tier_by_rank(3).label == "相当程度進展あり"
    tier = profile.tier_by_label("目標達成")
    assert tier is not None
    assert tier.letter == "A"
    assert profile.tier_by_label("相当な進展があった") is None  # another legend: never mapped silently
    assert profile.legend.rank("s") == 0
    assert profile.legend.rank("d") == 4
    with pytest.raises(ValueError):
        profile.legend.rank("B")


def test_default_text_parses_to_the_bundled_profile() -> None:
    assert parse_profile(default_text()) == load_profile()


def test_unknown_bundled_profile() -> None:
    with pytest.raises(ProfileError, match="no bundled rule profile named 'mofa-1999'"):
        load_profile("mofa-1999")


# --- errors name the key -------------------------------------------------------------------------


def test_unknown_key_is_named() -> None:
    message = error_of(replaced("[thresholds]", "[thresholds]\nbogus = 1"))
    assert "thresholds.bogus" in message
    assert "Extra inputs are not permitted" in message


def test_unknown_top_level_key_is_named() -> None:
    message = error_of(default_text() + '\nflavour = "sweet"\n')
    assert "flavour" in message


def test_thresholds_out_of_order() -> None:
    message = error_of(replaced("near = 0.80", "near = 1.10"))
    assert "thresholds" in message
    assert "near <= achieved <= exceeded" in message


def test_threshold_not_positive() -> None:
    message = error_of(replaced("near = 0.80", "near = 0"))
    assert "thresholds.near" in message


def test_tier_letter_not_in_legend_names_the_key() -> None:
    message = error_of(replaced('indicator_letter = "a"', 'indicator_letter = "x"'))
    assert "indicator_letter 'x' is not in the legend" in message
    # the bad key is tiers[1].indicator_letter; the message must say where, not "(top level)"
    assert "tiers.1.indicator_letter" in message


def test_rank_above_five() -> None:
    message = error_of(replaced("rank = 5", "rank = 6"))
    assert "tiers.4.rank" in message


def test_rank_below_one() -> None:
    message = error_of(replaced("rank = 1", "rank = 0"))
    assert "tiers.0.rank" in message


def test_rank_repeated() -> None:
    message = error_of(replaced("rank = 4", "rank = 3"))
    assert "tiers" in message
    assert "ranks 1 to 5, once each" in message


def test_unknown_strategy() -> None:
    message = error_of(replaced('strategy = "all_years"', 'strategy = "sometimes"'))
    assert "window.strategy" in message


def test_main_share_out_of_range() -> None:
    message = error_of(replaced("main_share_for_substantial = 1.0", "main_share_for_substantial = 1.5"))
    assert "judgment.main_share_for_substantial" in message


def test_legend_letter_without_meaning() -> None:
    message = error_of(replaced('d = "目標に向かっていない"', ""))
    assert "legend" in message
    assert "no meaning for d" in message


def test_not_toml() -> None:
    message = error_of("name = \n[[[")
    assert "not valid TOML" in message
    assert "line 1" in message


# --- a custom window strategy changes the proposal -----------------------------------------------


def indicator(*pairs: tuple[int, int]) -> Indicator:
    return Indicator(
        id="1-1",
        name="会談数",
        kind=IndicatorKind.QUANTITATIVE,
        years=[
            IndicatorYear(
                fiscal_year=2017 + n,
                targets=[SeriesValue(value=Cell.of(target))],
                actuals=[SeriesValue(value=Cell.of(actual))],
            )
            for n, (target, actual) in enumerate(pairs)
        ],
    )


def with_strategy(strategy: str) -> RuleProfile:
    profile = parse_profile(replaced('strategy = "all_years"', f'strategy = "{strategy}"'))
    assert profile.window.strategy is WindowStrategy(strategy)
    return profile


WINDOW = [2017, 2018, 2019]


def test_strategy_changes_the_proposal_exceeded_twice_then_near() -> None:
    ind = indicator((10, 13), (10, 12), (10, 9))  # exceeded, exceeded, near
    all_years = propose_indicator_grade(ind, WINDOW, load_profile())
    majority = propose_indicator_grade(ind, WINDOW, with_strategy("majority"))
    final = propose_indicator_grade(ind, WINDOW, with_strategy("final_year"))
    assert (all_years.proposed, all_years.rule) == ("b", "all_years: every year at least near")
    assert (majority.proposed, majority.rule) == ("s", "majority: 2 of 3 years exceeded")
    assert (final.proposed, final.rule) == ("b", "final_year: 2019 near")


def test_strategy_changes_the_proposal_near_twice_then_exceeded() -> None:
    ind = indicator((10, 9), (10, 8), (10, 15))  # near, near, exceeded
    assert propose_indicator_grade(ind, WINDOW, load_profile()).proposed == "b"
    assert propose_indicator_grade(ind, WINDOW, with_strategy("majority")).proposed == "b"
    final = propose_indicator_grade(ind, WINDOW, with_strategy("final_year"))
    assert (final.proposed, final.rule) == ("s", "final_year: 2019 exceeded")


def test_custom_thresholds_change_the_verdict() -> None:
    ind = indicator((10, 11), (10, 11), (10, 11))  # rate 1.1 every year
    assert propose_indicator_grade(ind, WINDOW, load_profile()).proposed == "a"
    strict = parse_profile(replaced("exceeded = 1.20", "exceeded = 1.10"))
    assert propose_indicator_grade(ind, WINDOW, strict).proposed == "s"
