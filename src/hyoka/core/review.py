"""The review: what the rules say about a report, as it travels to the renderers.

In review mode a rendering shows, beside the recorded numbers, the findings (``Issue``) and the
rules' proposals: a proposed grade and the achievement rates per indicator, and a proposed overall
judgment. ``Review`` carries them as typed records, so that no renderer has to guess the shape of
the rules' JSON. It is built from that JSON (``Review.from_check_json``, the shape of
``CheckResult.to_json()``, which is what ``hyoka check --format json`` prints and the API's check
endpoint answers), or field by field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from hyoka.core.issue import Issue

__all__ = ["IndicatorReview", "ProposedTier", "Review", "SeriesRate"]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SeriesRate(_Frozen):
    """The achievement rate the rules computed for one fiscal year and series (None: not computable)."""

    fiscal_year: int
    series: str | None = Field(default=None, description="the series key (①, ②, …); None for one series")
    rate: Decimal | None = None


class IndicatorReview(_Frozen):
    """The rules on one indicator: the proposed grade (a letter of the legend), the recorded one,
    and the rates of the trace, year by year."""

    indicator_id: str
    proposed: str | None = None
    recorded: str | None = None
    rates: tuple[SeriesRate, ...] = ()

    def rate(self, fiscal_year: int, series: str | None) -> Decimal | None:
        """The rate for that year and series; None when the trace has none."""
        return next((r.rate for r in self.rates if (r.fiscal_year, r.series) == (fiscal_year, series)), None)


class ProposedTier(_Frozen):
    """The proposed overall judgment: a tier of the 5-tier scale by label and letter."""

    label: str
    letter: str


class Review(_Frozen):
    """The findings and the rules' proposals shown with a report in review mode."""

    findings: tuple[Issue, ...] = Field(default=(), description="import findings first, then the rules'")
    indicators: tuple[IndicatorReview, ...] = ()
    judgment: ProposedTier | None = Field(default=None, description="the proposed judgment, if any")

    def indicator(self, indicator_id: str) -> IndicatorReview | None:
        return next((i for i in self.indicators if i.indicator_id == indicator_id), None)

    @classmethod
    def from_proposals(cls, proposals: Mapping[str, Any], *, findings: Sequence[Issue] = ()) -> Review:
        """From the ``proposals`` object of ``CheckResult.to_json()`` (``{"indicators": {ID: {"proposed",
        "recorded", "trace": {"years": [{"fiscal_year", "series": [{"series", "rate"}, …]}, …]}}},
        "judgment": {"proposed": {"label", "letter"} | null, …}}``) and the findings to show."""
        indicators = []
        for indicator_id, proposal in (proposals.get("indicators") or {}).items():
            trace = proposal.get("trace") or {}
            rates = [
                SeriesRate(
                    fiscal_year=int(year["fiscal_year"]),
                    series=entry.get("series"),
                    rate=_decimal(entry.get("rate")),
                )
                for year in trace.get("years") or ()
                for entry in year.get("series") or ()
            ]
            indicators.append(
                IndicatorReview(
                    indicator_id=str(indicator_id),
                    proposed=proposal.get("proposed"),
                    recorded=proposal.get("recorded"),
                    rates=tuple(rates),
                )
            )
        tier = (proposals.get("judgment") or {}).get("proposed")
        judgment = ProposedTier(label=tier["label"], letter=tier["letter"]) if tier else None
        return cls(findings=tuple(findings), indicators=tuple(indicators), judgment=judgment)

    @classmethod
    def from_check_json(cls, result: Mapping[str, Any]) -> Review:
        """From the whole of ``CheckResult.to_json()``: its findings and its proposals."""
        findings = [Issue.model_validate(f) for f in result.get("findings") or ()]
        return cls.from_proposals(result.get("proposals") or {}, findings=findings)

    def proposals_json(self) -> dict[str, Any]:
        """The proposals in the shape of ``CheckResult.to_json()["proposals"]``, with what a renderer
        reads of it (per indicator the proposed and recorded grade and each rate; the proposed
        judgment): for the renderers that take that shape (HTML, PDF, xlsx)."""
        indicators: dict[str, Any] = {}
        for indicator in self.indicators:
            years: dict[int, list[dict[str, Any]]] = {}
            for entry in indicator.rates:
                years.setdefault(entry.fiscal_year, []).append(
                    {"series": entry.series, "rate": _number(entry.rate)}
                )
            indicators[indicator.indicator_id] = {
                "proposed": indicator.proposed,
                "recorded": indicator.recorded,
                "trace": {"years": [{"fiscal_year": y, "series": s} for y, s in years.items()]},
            }
        judgment = (
            None if self.judgment is None else {"label": self.judgment.label, "letter": self.judgment.letter}
        )
        return {"indicators": indicators, "judgment": {"proposed": judgment}}


def _decimal(value: object) -> Decimal | None:
    """A JSON number (int or float, as the rules write a rate) as the Decimal it was printed as."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int | float):
        return Decimal(str(value))
    raise TypeError(f"a rate is a number, not {type(value).__name__}")


def _number(value: Decimal | None) -> int | float | None:
    """Back to the JSON number the rules write: an int when whole, else a float."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
