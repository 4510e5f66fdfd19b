"""A measure across years: the successive reports of one 施策 side by side.

Each report evaluates a window of fiscal years, and successive windows overlap (2017–2019, then
2018–2020), so one indicator's targets and actuals are told again by the next report. This joins
them: indicators are matched from each report to the next one, and each matched indicator gets
one series (fiscal year × series → target and actual). Where two reports give a value for the
same year, the later report's value is shown and a disagreement is flagged, never hidden.

Matching, for each pair of successive reports (earlier → later), one-to-one, in this order:

1. a hand link (a person said: this indicator became that one — a rename);
2. the same id and the same name;
3. the same name under another id (renumbered).

The same id under another name is not matched: a renamed indicator may measure something else,
so a person decides, by a hand link. What is left on either side is listed (``gaps``), for
that person to see. A pure function over the models: no IO, no Django. See docs/cycle.md.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from itertools import pairwise

from hyoka.core import EvaluationReport, Indicator, Judgment, SeriesValue

__all__ = [
    "Conflict",
    "Gap",
    "HandLink",
    "IndicatorHistory",
    "MatchedBy",
    "MeasureHistory",
    "MeasureMismatchError",
    "MeasureReport",
    "Member",
    "Point",
    "measure_history",
]


class MeasureMismatchError(ValueError):
    """Reports of different measures (or ministries) given as one measure's history."""


class MatchedBy(StrEnum):
    LINK = "link"
    ID_AND_NAME = "id_and_name"
    NAME = "name"


@dataclass(frozen=True, slots=True)
class MeasureReport:
    """One report of the measure; ``key`` names it in the result (the web's report id)."""

    key: int
    report: EvaluationReport


@dataclass(frozen=True, slots=True)
class HandLink:
    """A person's link: ``earlier_indicator`` of report ``earlier`` is ``later_indicator`` of
    the next report ``later``."""

    earlier: int
    earlier_indicator: str
    later: int
    later_indicator: str


@dataclass(frozen=True, slots=True)
class Member:
    """An indicator of one report in a matched chain, and how it was matched to the one before
    (None for the first)."""

    report: int
    indicator_id: str
    name: str
    matched_by: MatchedBy | None


@dataclass(frozen=True, slots=True)
class Point:
    """One fiscal year × series: the target and actual shown, and the report each came from."""

    target: Decimal | None = None
    actual: Decimal | None = None
    target_from: int | None = None
    actual_from: int | None = None


@dataclass(frozen=True, slots=True)
class Conflict:
    """Reports that give different values for the same year, series and row (target or actual):
    ``values`` are (report, value) in report order; the last one is shown."""

    fiscal_year: int
    series: str | None
    row: str
    values: tuple[tuple[int, Decimal], ...]


@dataclass(slots=True)
class IndicatorHistory:
    members: list[Member]
    kind: str
    is_main: bool
    series: list[tuple[str | None, str]]
    """(mark, name) of each series, the latest report's; (None, "") for a single series"""
    units: dict[str | None, str]
    points: dict[tuple[int, str | None], Point] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    grades: dict[int, str | None] = field(default_factory=dict)
    """the recorded grade per report the indicator is in (None when not recorded)"""

    @property
    def name(self) -> str:
        return self.members[-1].name

    @property
    def indicator_id(self) -> str:
        return self.members[-1].indicator_id

    @property
    def years(self) -> list[int]:
        return sorted({fy for fy, _series in self.points})

    def point(self, fiscal_year: int, series: str | None) -> Point:
        return self.points.get((fiscal_year, series), Point())


@dataclass(frozen=True, slots=True)
class Gap:
    """Between two successive reports: the indicators of the earlier one with no successor
    (``ended``) and of the later one with no predecessor (``started``), as (id, name)."""

    earlier: int
    later: int
    ended: list[tuple[str, str]]
    started: list[tuple[str, str]]


@dataclass(slots=True)
class MeasureHistory:
    reports: list[MeasureReport]
    indicators: list[IndicatorHistory]
    gaps: list[Gap]
    ignored_links: list[HandLink]
    """links that name an indicator or a pair of reports not found as successive here"""

    @property
    def judgments(self) -> list[tuple[int, int, Judgment]]:
        """(report, evaluation year, judgment) per report, in order."""
        return [(r.key, r.report.evaluation_year, r.report.judgment) for r in self.reports]

    @property
    def fiscal_years(self) -> list[int]:
        return sorted({fy for ind in self.indicators for fy in ind.years})


def measure_history(reports: Sequence[MeasureReport], links: Sequence[HandLink] = ()) -> MeasureHistory:
    """The history of one measure from its reports (any order: they are sorted by evaluation
    year, then key) and the hand links between successive ones."""
    ordered = sorted(reports, key=lambda r: (r.report.evaluation_year, r.key))
    _same_measure(ordered)
    chains: dict[tuple[int, str], list[Member]] = {}
    for ind in ordered[0].report.indicators() if ordered else []:
        chains[(ordered[0].key, ind.id)] = [Member(ordered[0].key, ind.id, ind.name, None)]
    used: set[HandLink] = set()
    gaps: list[Gap] = []
    for earlier, later in pairwise(ordered):
        matches, pair_used = _match(earlier, later, links)
        used |= pair_used
        matched_earlier = {e for e, _l, _how in matches}
        matched_later = {lid: (e, how) for e, lid, how in matches}
        for ind in later.report.indicators():
            member = Member(later.key, ind.id, ind.name, None)
            found = matched_later.get(ind.id)
            if found is None:
                chains[(later.key, ind.id)] = [member]
                continue
            earlier_id, how = found
            chain = chains.pop((earlier.key, earlier_id))
            chain.append(Member(later.key, ind.id, ind.name, how))
            chains[(later.key, ind.id)] = chain
        gaps.append(
            Gap(
                earlier=earlier.key,
                later=later.key,
                ended=[(i.id, i.name) for i in earlier.report.indicators() if i.id not in matched_earlier],
                started=[(i.id, i.name) for i in later.report.indicators() if i.id not in matched_later],
            )
        )
    by_key = {r.key: r.report for r in ordered}
    order = {r.key: n for n, r in enumerate(ordered)}
    histories = [
        _history(chain, by_key)
        for chain in sorted(
            chains.values(),
            key=lambda c: (order[c[0].report], _position(by_key[c[0].report], c[0].indicator_id)),
        )
    ]
    return MeasureHistory(
        reports=ordered,
        indicators=histories,
        gaps=[g for g in gaps if g.ended or g.started],
        ignored_links=[link for link in links if link not in used],
    )


# --- matching --------------------------------------------------------------------------------------


def _same_measure(reports: list[MeasureReport]) -> None:
    identities = {(r.report.ministry, r.report.measure_number) for r in reports}
    if len(identities) > 1:
        shown = ", ".join(f"{m} {n}" for m, n in sorted(identities))
        raise MeasureMismatchError(f"the reports are of more than one measure: {shown}")


def _normal(name: str) -> str:
    """Names compared as printed, up to width and spacing (PDF extraction varies them)."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def _match(
    earlier: MeasureReport, later: MeasureReport, links: Sequence[HandLink]
) -> tuple[list[tuple[str, str, MatchedBy]], set[HandLink]]:
    """(earlier id, later id, how) one-to-one, and the hand links used."""
    old = {i.id: i for i in earlier.report.indicators()}
    new = {i.id: i for i in later.report.indicators()}
    matches: list[tuple[str, str, MatchedBy]] = []
    used: set[HandLink] = set()

    def take(e: str, lid: str, how: MatchedBy) -> None:
        matches.append((e, lid, how))
        del old[e]
        del new[lid]

    for link in links:
        if (link.earlier, link.later) != (earlier.key, later.key):
            continue
        if link.earlier_indicator in old and link.later_indicator in new:
            take(link.earlier_indicator, link.later_indicator, MatchedBy.LINK)
            used.add(link)
    for e in list(old):
        if e in new and _normal(old[e].name) == _normal(new[e].name):
            take(e, e, MatchedBy.ID_AND_NAME)
    for e in list(old):
        name = _normal(old[e].name)
        same = [lid for lid, ind in new.items() if _normal(ind.name) == name]
        if len(same) == 1:
            take(e, same[0], MatchedBy.NAME)
    return matches, used


def _position(report: EvaluationReport, indicator_id: str) -> int:
    return next(n for n, ind in enumerate(report.indicators()) if ind.id == indicator_id)


# --- one indicator's series ---------------------------------------------------------------------------


def _history(chain: list[Member], reports: dict[int, EvaluationReport]) -> IndicatorHistory:
    last: Indicator = reports[chain[-1].report].indicator(chain[-1].indicator_id)
    history = IndicatorHistory(
        members=chain,
        kind=last.kind.value,
        is_main=last.is_main,
        series=[(s.key, s.name) for s in last.series],
        units={},
    )
    seen: dict[tuple[int, str | None, str], list[tuple[int, Decimal]]] = {}
    for member in chain:
        ind = reports[member.report].indicator(member.indicator_id)
        history.grades[member.report] = ind.recorded_grade.letter if ind.recorded_grade else None
        for year in ind.years:
            for row, values in (("target", year.targets), ("actual", year.actuals)):
                for value in values:
                    _note(history, seen, member.report, year.fiscal_year, row, value)
    for (fy, series, row), told in sorted(seen.items(), key=lambda kv: (kv[0][0], kv[0][1] or "", kv[0][2])):
        if len({v for _r, v in told}) > 1:
            history.conflicts.append(Conflict(fy, series, row, tuple(told)))
    declared = {key for key, _name in history.series}
    for _fy, series in sorted(history.points, key=lambda k: (k[0], k[1] or "")):
        if series not in declared:
            history.series.append((series, ""))
            declared.add(series)
    if not history.series:
        history.series.append((None, ""))
    return history


def _note(
    history: IndicatorHistory,
    seen: dict[tuple[int, str | None, str], list[tuple[int, Decimal]]],
    report: int,
    fiscal_year: int,
    row: str,
    value: SeriesValue,
) -> None:
    """A report's value for one year, series and row: a later report's value replaces an
    earlier one's; an empty cell or 「-」 replaces nothing."""
    cell = value.value
    if not cell.is_value or cell.value is None:
        return
    if cell.unit:
        history.units[value.series] = cell.unit
    seen.setdefault((fiscal_year, value.series, row), []).append((report, cell.value))
    point = history.point(fiscal_year, value.series)
    if row == "target":
        point = Point(cell.value, point.actual, report, point.actual_from)
    else:
        point = Point(point.target, cell.value, point.target_from, report)
    history.points[(fiscal_year, value.series)] = point
