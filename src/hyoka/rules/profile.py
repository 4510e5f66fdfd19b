"""Rule profiles: the legend, the 5 tiers, the thresholds, the window strategy and a ministry's own
judgment scale, as data.

A profile is a TOML file validated on load; a bad file gets a ``ProfileError`` naming the key.
See docs/profiles.md for every key.
"""

from __future__ import annotations

import tomllib
from enum import StrEnum
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError

__all__ = [
    "DEFAULT_PROFILE",
    "Grade",
    "Legend",
    "OwnScaleGrade",
    "Percentages",
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


def _located(where: str, message: str) -> PydanticCustomError:
    """A validation error whose message starts with the key it is about (``legend.grades.2.…: …``)."""
    return PydanticCustomError("profile", "{where}: {message}", {"where": where, "message": message})


class Grade(_Strict):
    """One grade of a legend written as ``[[legend.grades]]``: its letter or mark, its meaning and,
    as data, the cut-offs at or above which it applies."""

    letter: str = Field(min_length=1)
    meaning: str
    rate_at_least: float | None = Field(
        default=None,
        gt=0,
        description="達成率 in percent (actual ÷ target × 100) at or above which it applies",
    )
    points_at_least: float | None = Field(
        default=None,
        description="percentage indicators: actual − target (percentage points) at or above which it applies",
    )
    not_measured: bool = Field(default=False, description="the mark for 'not measured' (-): never a rung")


class Legend(_Strict):
    """The indicator legend, best first: either ``letters`` with ``meanings`` (the 5 rungs of the
    verdicts, by ``[thresholds]``) or ``[[legend.grades]]`` of any length, with 達成率 cut-offs as data.
    Both forms fill ``letters``, ``meanings`` and ``grades``."""

    letters: list[str] = Field(default_factory=list, description="best first")
    meanings: dict[str, str] = Field(default_factory=dict)
    grades: list[Grade] = Field(default_factory=list, description="best first")

    @model_validator(mode="before")
    @classmethod
    def _one_form(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        if "grades" in data:
            if "letters" in data or "meanings" in data:
                raise _located("legend", "give either letters and meanings, or [[legend.grades]], not both")
            grades = data["grades"]
            if isinstance(grades, list) and all(isinstance(g, dict) for g in grades):
                data = {
                    **data,
                    "letters": [g.get("letter") for g in grades],
                    "meanings": {g.get("letter"): g.get("meaning") for g in grades if g.get("letter")},
                }
        elif "letters" not in data:
            raise _located("legend", "give letters and meanings, or [[legend.grades]]")
        return data

    @model_validator(mode="after")
    def _complete(self) -> Legend:
        if len(self.letters) < 2:
            raise _located("legend.letters", "a legend needs at least 2 letters")
        if len(set(self.letters)) != len(self.letters):
            raise ValueError("letters repeat")
        missing = [letter for letter in self.letters if letter not in self.meanings]
        if missing:
            raise ValueError(f"no meaning for {', '.join(missing)}")
        if not self.grades:
            object.__setattr__(
                self,
                "grades",
                [Grade(letter=letter, meaning=self.meanings[letter]) for letter in self.letters],
            )
        else:
            self._check_grades()
        return self

    def _check_grades(self) -> None:
        grades = self.grades
        where = "legend.grades"
        unmeasured = [i for i, g in enumerate(grades) if g.not_measured]
        if len(unmeasured) > 1:
            raise _located(f"{where}.{unmeasured[1]}.not_measured", "only one grade may mean 'not measured'")
        if unmeasured and unmeasured[0] != len(grades) - 1:
            raise _located(
                f"{where}.{unmeasured[0]}.not_measured", "the 'not measured' grade must be the last"
            )
        for i, g in enumerate(grades):
            if g.not_measured and (g.rate_at_least is not None or g.points_at_least is not None):
                raise _located(f"{where}.{i}", "the 'not measured' grade takes no cut-off")
        ranked = [g for g in grades if not g.not_measured]
        if len(ranked) < 2:
            raise _located(where, "a legend needs at least 2 grades besides 'not measured'")
        rungs = [g for g in ranked if g.rate_at_least is not None]
        if not rungs:
            for i, g in enumerate(ranked):
                if g.points_at_least is not None:
                    raise _located(f"{where}.{i}.points_at_least", "points_at_least needs rate_at_least")
            return
        if ranked[: len(rungs)] != rungs:
            first = next(i for i, g in enumerate(ranked) if g.rate_at_least is None)
            raise _located(
                f"{where}.{first}.rate_at_least",
                "the grades with a cut-off come first, best first, before those without one",
            )
        for i in range(1, len(rungs)):
            above, below = rungs[i - 1].rate_at_least, rungs[i].rate_at_least
            assert above is not None and below is not None
            if below >= above:
                raise _located(
                    f"{where}.{i}.rate_at_least", "cut-offs must decrease from the best grade down"
                )
        with_points = [g.points_at_least is not None for g in rungs]
        if any(with_points) and not all(with_points):
            i = with_points.index(False)
            raise _located(
                f"{where}.{i}.points_at_least",
                "give points_at_least on every grade with a cut-off, or on none",
            )
        for i in range(1, len(rungs) if all(with_points) else 0):
            above_p, below_p = rungs[i - 1].points_at_least, rungs[i].points_at_least
            assert above_p is not None and below_p is not None
            if below_p >= above_p:
                raise _located(
                    f"{where}.{i}.points_at_least", "cut-offs must decrease from the best grade down"
                )
        rest = len(ranked) - len(rungs)
        if rest not in (1, 2):
            raise _located(
                where,
                "after the grades with a cut-off, give one grade for 'below every cut-off', or two: "
                f"improving, then not improving (found {rest})",
            )
        for i, g in enumerate(ranked[len(rungs) :], start=len(rungs)):
            if g.points_at_least is not None:
                raise _located(f"{where}.{i}.points_at_least", "points_at_least needs rate_at_least")

    def rank(self, letter: str) -> int:
        """0 for the best letter; raises ValueError for a letter outside the legend."""
        return self.letters.index(letter)

    @property
    def rungs(self) -> list[Grade]:
        """The grades with a 達成率 cut-off, best first; empty when the thresholds decide."""
        return [g for g in self.grades if g.rate_at_least is not None]

    @property
    def below(self) -> list[Grade]:
        """With cut-offs: the grade(s) below every cut-off (improving, then not improving)."""
        if not self.rungs:
            return []
        return [g for g in self.grades if g.rate_at_least is None and not g.not_measured]

    @property
    def not_measured(self) -> str | None:
        """The mark that means 'not measured' (-), when the legend has one."""
        return next((g.letter for g in self.grades if g.not_measured), None)

    @property
    def uses_points(self) -> bool:
        """Whether the legend's cut-offs have a percentage-point form."""
        rungs = self.rungs
        return bool(rungs) and all(g.points_at_least is not None for g in rungs)


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
    exceeded_points: float | None = Field(
        default=None,
        description="percentage indicators: actual − target at or above this (points) is exceeded",
    )
    achieved_points: float | None = Field(default=None, description="… achieved; 0 when not given")
    near_points: float | None = Field(default=None, description="… near")
    far_above_points: float | None = Field(
        default=None,
        gt=0,
        description="percentage indicators: actual − target (points) at or above this is H503 (far above)",
    )

    @model_validator(mode="after")
    def _ordered(self) -> Thresholds:
        if not self.near <= self.achieved <= self.exceeded:
            raise ValueError("thresholds must satisfy near <= achieved <= exceeded")
        given = [self.exceeded_points, self.achieved_points, self.near_points]
        if any(v is not None for v in given):
            if self.exceeded_points is None or self.near_points is None:
                raise _located(
                    "thresholds",
                    "give exceeded_points and near_points together (achieved_points defaults to 0)",
                )
            achieved = 0.0 if self.achieved_points is None else self.achieved_points
            if not self.near_points <= achieved <= self.exceeded_points:
                raise _located(
                    "thresholds",
                    "point thresholds must satisfy near_points <= achieved_points <= exceeded_points",
                )
        return self

    @property
    def uses_points(self) -> bool:
        return self.exceeded_points is not None


class Percentages(_Strict):
    """How an indicator measured in percent is recognised (docs/profiles.md, "Percentage indicators")."""

    units: list[str] = Field(default_factory=lambda: ["%", "％", "パーセント"])
    name_markers: list[str] = Field(default_factory=lambda: ["率", "割合", "％", "%"])


class Window(_Strict):
    strategy: WindowStrategy = WindowStrategy.ALL_YEARS


class JudgmentRules(_Strict):
    main_share_for_substantial: float = Field(default=1.0, gt=0, le=1)
    weights: dict[str, float] = Field(default_factory=dict)


class OwnScaleGrade(_Strict):
    """One letter of a ministry's own judgment scale (厚生労働省 総合判定 A) and the shared tiers
    (ranks ①–⑤) that map to it."""

    legend: str = Field(min_length=1, description="the scale's name, e.g. 厚生労働省 総合判定")
    letter: str = Field(min_length=1)
    label: str
    tiers: list[int] = Field(min_length=1, description="the ranks (1–5) of the shared tiers mapped to it")
    note: str = ""


class RuleProfile(_Strict):
    name: str
    title: str
    source: str | None = Field(default=None, description="where the profile's rules come from (a URL)")
    source_note: str | None = Field(default=None, description="which number comes from where")
    legend: Legend
    tiers: list[TierDefinition] = Field(min_length=5, max_length=5)
    thresholds: Thresholds
    percentages: Percentages = Field(default_factory=Percentages)
    window: Window = Field(default_factory=Window)
    judgment: JudgmentRules = Field(default_factory=JudgmentRules)
    own_scale: list[OwnScaleGrade] = Field(default_factory=list)

    @model_validator(mode="after")
    def _tiers(self) -> RuleProfile:
        if sorted(t.rank for t in self.tiers) != [1, 2, 3, 4, 5]:
            raise ValueError("tiers.rank: the tiers must have ranks 1 to 5, once each")
        unmeasured = self.legend.not_measured
        for index, tier in enumerate(self.tiers):
            if tier.indicator_letter not in self.legend.letters:
                raise ValueError(
                    f"tiers.{index}.indicator_letter: indicator_letter {tier.indicator_letter!r} "
                    "is not in the legend"
                )
            if tier.indicator_letter == unmeasured:
                raise ValueError(
                    f"tiers.{index}.indicator_letter: {unmeasured!r} means 'not measured', not a tier"
                )
        for name, grades in self.own_scales().items():
            ranks = sorted(r for g in grades for r in g.tiers)
            if ranks != [1, 2, 3, 4, 5]:
                raise ValueError(
                    f"own_scale: the scale {name!r} must map each shared tier (ranks 1 to 5) once, "
                    f"not {ranks}"
                )
            letters = [g.letter for g in grades]
            if len(set(letters)) != len(letters):
                raise ValueError(f"own_scale: the scale {name!r} repeats a letter")
        return self

    def tier_by_rank(self, rank: int) -> TierDefinition:
        return next(t for t in self.tiers if t.rank == rank)

    def tier_by_label(self, label: str) -> TierDefinition | None:
        return next((t for t in self.tiers if t.label == label), None)

    def own_scales(self) -> dict[str, list[OwnScaleGrade]]:
        """The ministry's own scales by name, each letter in the profile's order."""
        scales: dict[str, list[OwnScaleGrade]] = {}
        for grade in self.own_scale:
            scales.setdefault(grade.legend, []).append(grade)
        return scales

    def own_grade(self, legend: str, rank: int) -> OwnScaleGrade | None:
        """The letter of the scale ``legend`` that the shared tier ``rank`` maps to."""
        return next((g for g in self.own_scales().get(legend, []) if rank in g.tiers), None)


def _where(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc) or "(top level)"


def _problem(error: Any) -> str:
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "profile":
        # the message names its key already; prefix the table it sits in when it is nested
        inner = str(error["ctx"]["where"])
        outer = _where(error["loc"])
        return message if not error["loc"] or inner.startswith(outer) else f"{outer}.{message}"
    return f"{_where(error['loc'])}: {error['msg']}" if error["loc"] else message


def parse_profile(text: str, *, source: str = "<profile>") -> RuleProfile:
    """TOML text → RuleProfile, or ProfileError naming the bad key."""
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{source}: not valid TOML: {exc}") from None
    try:
        return RuleProfile.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(_problem(e) for e in exc.errors())
        raise ProfileError(f"{source}: {problems}") from None


def load_profile(name: str = DEFAULT_PROFILE) -> RuleProfile:
    """A bundled profile by name (``mofa-2020``, ``mhlw``, ``soumu``)."""
    try:
        text = resources.files("hyoka.rules.profiles").joinpath(f"{name}.toml").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        raise ProfileError(f"no bundled rule profile named {name!r}") from None
    return parse_profile(text, source=f"{name}.toml")
