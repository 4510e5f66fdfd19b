"""Rule profiles: the legend, the 5 tiers, the thresholds and the window strategy, as data.

A profile is a TOML file validated on load; a bad file gets a ``ProfileError`` naming the key.
"""

from __future__ import annotations

import tomllib
from enum import StrEnum
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

__all__ = [
    "DEFAULT_PROFILE",
    "Legend",
    "ProfileError",
    "RuleProfile",
    "Thresholds",
    "TierDefinition",
    "WindowStrategy",
    "load_profile",
    "parse_profile",
]

DEFAULT_PROFILE = "mofa-2020"


class ProfileError(ValueError):
    """A rule profile that cannot be used; the message names the key and what is wrong."""


class WindowStrategy(StrEnum):
    ALL_YEARS = "all_years"
    FINAL_YEAR = "final_year"
    MAJORITY = "majority"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Legend(_Strict):
    letters: list[str] = Field(min_length=2, description="best first")
    meanings: dict[str, str]

    @model_validator(mode="after")
    def _complete(self) -> Legend:
        if len(set(self.letters)) != len(self.letters):
            raise ValueError("letters repeat")
        missing = [letter for letter in self.letters if letter not in self.meanings]
        if missing:
            raise ValueError(f"no meaning for {', '.join(missing)}")
        return self

    def rank(self, letter: str) -> int:
        """0 for the best letter; raises KeyError for a letter outside the legend."""
        return self.letters.index(letter)


class TierDefinition(_Strict):
    rank: int = Field(ge=1, le=5)
    label: str
    letter: str
    indicator_letter: str


class Thresholds(_Strict):
    exceeded: float = Field(gt=0)
    achieved: float = Field(gt=0)
    near: float = Field(gt=0)
    far_above: float = Field(gt=0)
    low_execution: float = Field(ge=0, le=1)
    budget_rounding: float = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Thresholds:
        if not self.near <= self.achieved <= self.exceeded:
            raise ValueError("thresholds must satisfy near <= achieved <= exceeded")
        return self


class Window(_Strict):
    strategy: WindowStrategy = WindowStrategy.ALL_YEARS


class JudgmentRules(_Strict):
    main_share_for_substantial: float = Field(default=1.0, gt=0, le=1)
    weights: dict[str, float] = Field(default_factory=dict)


class RuleProfile(_Strict):
    name: str
    title: str
    legend: Legend
    tiers: list[TierDefinition] = Field(min_length=5, max_length=5)
    thresholds: Thresholds
    window: Window = Field(default_factory=Window)
    judgment: JudgmentRules = Field(default_factory=JudgmentRules)

    @model_validator(mode="after")
    def _tiers(self) -> RuleProfile:
        if sorted(t.rank for t in self.tiers) != [1, 2, 3, 4, 5]:
            raise ValueError("tiers.rank: the tiers must have ranks 1 to 5, once each")
        for index, tier in enumerate(self.tiers):
            if tier.indicator_letter not in self.legend.letters:
                raise ValueError(
                    f"tiers.{index}.indicator_letter: indicator_letter {tier.indicator_letter!r} "
                    "is not in the legend"
                )
        return self

    def tier_by_rank(self, rank: int) -> TierDefinition:
        return next(t for t in self.tiers if t.rank == rank)

    def tier_by_label(self, label: str) -> TierDefinition | None:
        return next((t for t in self.tiers if t.label == label), None)


def _where(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc) or "(top level)"


def parse_profile(text: str, *, source: str = "<profile>") -> RuleProfile:
    """TOML text → RuleProfile, or ProfileError naming the bad key."""
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{source}: not valid TOML: {exc}") from None
    try:
        return RuleProfile.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{_where(e['loc'])}: {e['msg']}" if e["loc"] else str(e["msg"]).removeprefix("Value error, ")
            for e in exc.errors()
        )
        raise ProfileError(f"{source}: {problems}") from None


def load_profile(name: str = DEFAULT_PROFILE) -> RuleProfile:
    """A bundled profile by name (``mofa-2020``)."""
    try:
        text = resources.files("hyoka.rules.profiles").joinpath(f"{name}.toml").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        raise ProfileError(f"no bundled rule profile named {name!r}") from None
    return parse_profile(text, source=f"{name}.toml")
