"""The target audit across a portfolio: were the targets set to be met, or set to be easy?

Pure functions over plain rows (one row per indicator × fiscal year × series, as the web layer's
``IndicatorFact`` projection holds them), so the same rules serve the dashboard, the API and
``hyoka report portfolio``. Four lists, each entry naming the report, the indicator, the year(s)
and the numbers:

* **softened targets** — a quantitative indicator whose target for a year is worse (lower; higher
  when lower is better) than the best target set for an earlier year in the same report, or than
  the same year's target in an earlier report of the same measure;
* **repeated misses** — the actual short of the target in ``REPEATED_MISS_YEARS`` or more
  consecutive fiscal years;
* **far above target** — in the last year with both numbers, an actual at or above ``far_above`` ×
  the target (lower is better: at or below the target ÷ ``far_above``): the target may be too easy;
* **main indicators without numbers** — a 主要 indicator that is qualitative or has no numeric
  annual target in any year.

Direction: ``higher`` (and an empty direction, the rules' default) and ``at_least`` read higher as
better, ``lower`` inverts; ``within_range`` has no single better side, so only the last list
applies to it. Numbers are exact ``Decimal``s; a missing number is never read as zero.

These differ from the per-report H5 checks on purpose: H501 compares a target with the previous
year's *actual* inside one report; the audit compares targets with earlier *targets*, also across
reports, which only a portfolio can see.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from enum import StrEnum
from typing import Any
from urllib.parse import quote

from hyoka.rules import RuleProfile

__all__ = [
    "REPEATED_MISS_YEARS",
    "AuditKind",
    "AuditThresholds",
    "IndicatorRow",
    "IndicatorSummary",
    "ReportRef",
    "TargetAudit",
    "TargetAuditEntry",
    "YearValues",
    "audit_targets",
    "far_above_target",
    "indicator_url",
    "main_without_numbers",
    "repeated_misses",
    "softened_targets",
]

REPEATED_MISS_YEARS = 2
"""Two consecutive misses make a pattern rather than a bad year: the guideline expects a target
that is missed to be reconsidered, and a second miss in a row says it was not."""

_RATIO_PLACES = Decimal("0.001")


class AuditKind(StrEnum):
    SOFTENED = "softened"
    REPEATED_MISSES = "repeated_misses"
    FAR_ABOVE = "far_above"
    MAIN_WITHOUT_NUMBERS = "main_without_numbers"


@dataclass(frozen=True, slots=True)
class ReportRef:
    """A report as the portfolio names it: enough to show it and link to it."""

    id: int
    ministry: str
    measure_number: str
    evaluation_year: int
    title: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "ministry": self.ministry,
            "measure_number": self.measure_number,
            "evaluation_year": self.evaluation_year,
            "title": self.title,
        }


@dataclass(slots=True)
class IndicatorRow:
    """One indicator × fiscal year × series of a report (the ``IndicatorFact`` projection)."""

    report: ReportRef
    indicator_id: str
    name: str
    kind: str
    direction: str
    fiscal_year: int | None
    series: str
    target: Decimal | None
    actual: Decimal | None
    is_main: bool = False
    recorded_grade: str = ""
    proposed_grade: str = ""


@dataclass(slots=True)
class IndicatorSummary:
    """One main (主要) indicator of a report: its kind and whether any year has a numeric target
    (the web layer counts them in SQL rather than reading every year's row)."""

    report: ReportRef
    indicator_id: str
    name: str
    kind: str
    has_numeric_target: bool


@dataclass(slots=True)
class YearValues:
    fiscal_year: int
    target: Decimal | None
    actual: Decimal | None

    def to_json(self) -> dict[str, Any]:
        return {
            "fiscal_year": self.fiscal_year,
            "target": _number(self.target),
            "actual": _number(self.actual),
        }


@dataclass(slots=True)
class TargetAuditEntry:
    """One finding of the audit.

    ``years`` holds the numbers involved, oldest first: for a softened target the earlier target
    and the softened one (``earlier_report`` is set when the earlier target is in another report);
    for repeated misses each year of the run; for far above target the last year. ``ratio`` is
    actual ÷ target (target ÷ actual when lower is better) for far above target. ``reason`` says
    why a main indicator has no numbers: ``qualitative`` or ``no_numeric_target``.
    """

    kind: AuditKind
    report: ReportRef
    indicator_id: str
    name: str
    series: str = ""
    direction: str = ""
    years: tuple[YearValues, ...] = ()
    earlier_report: ReportRef | None = None
    ratio: Decimal | None = None
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "report": self.report.to_json(),
            "indicator_id": self.indicator_id,
            "name": self.name,
            "series": self.series,
            "direction": self.direction,
            "years": [y.to_json() for y in self.years],
            "earlier_report": self.earlier_report.to_json() if self.earlier_report else None,
            "ratio": _number(self.ratio),
            "reason": self.reason,
            "url": indicator_url(self.report.id, self.indicator_id),
        }


@dataclass(frozen=True, slots=True)
class AuditThresholds:
    """The audit's numbers: ``far_above`` is the rule profile's (the H503 threshold, 1.5 in
    mofa-2020), so a report's check and the portfolio agree on what is far above a target."""

    far_above: Decimal = Decimal("1.5")
    repeated_miss_years: int = REPEATED_MISS_YEARS

    @classmethod
    def from_profile(cls, profile: RuleProfile) -> AuditThresholds:
        return cls(far_above=Decimal(str(profile.thresholds.far_above)))


@dataclass(frozen=True, slots=True)
class TargetAudit:
    """The four lists, each in its display order."""

    softened: tuple[TargetAuditEntry, ...] = ()
    repeated_misses: tuple[TargetAuditEntry, ...] = ()
    far_above: tuple[TargetAuditEntry, ...] = ()
    main_without_numbers: tuple[TargetAuditEntry, ...] = ()

    def entries(self, kind: AuditKind) -> tuple[TargetAuditEntry, ...]:
        found: tuple[TargetAuditEntry, ...] = getattr(self, kind.value)
        return found


# --- helpers ---------------------------------------------------------------------------------------


def indicator_url(report_id: int, indicator_id: str) -> str:
    """The indicator page an entry leads to (the web's ``indicator-detail`` route)."""
    return f"/reports/{report_id}/indicators/{quote(indicator_id, safe='')}/"


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _lower_is_better(direction: str) -> bool:
    return direction == "lower"


def _worse(a: Decimal, b: Decimal, direction: str) -> bool:
    """Is ``a`` strictly worse than ``b``?"""
    return a > b if direction == "lower" else a < b


_SeriesKey = tuple[int, str, str]  # report id, indicator id, series


def _by_series(rows: Iterable[IndicatorRow]) -> dict[_SeriesKey, list[IndicatorRow]]:
    """Rows with a better side (quantitative, not ``within_range``, with a fiscal year) per report ×
    indicator × series, by fiscal year; a year repeated in the projection keeps its first row."""
    grouped: dict[_SeriesKey, dict[int, IndicatorRow]] = {}
    for row in rows:
        year = row.fiscal_year
        if year is None or row.kind != "quantitative" or row.direction == "within_range":
            continue
        key = (row.report.id, row.indicator_id, row.series)
        years = grouped.get(key)
        if years is None:
            grouped[key] = {year: row}
        elif year not in years:
            years[year] = row
    return {
        key: list(years.values()) if len(years) == 1 else [years[y] for y in sorted(years)]
        for key, years in grouped.items()
    }


def _values(row: IndicatorRow) -> YearValues:
    return YearValues(row.fiscal_year or 0, row.target, row.actual)


def _entry(kind: AuditKind, row: IndicatorRow, **fields: Any) -> TargetAuditEntry:
    return TargetAuditEntry(
        kind=kind,
        report=row.report,
        indicator_id=row.indicator_id,
        name=row.name,
        series=row.series,
        direction=row.direction,
        **fields,
    )


def _report_order(entry: TargetAuditEntry) -> tuple[Any, ...]:
    r = entry.report
    first = entry.years[0].fiscal_year if entry.years else 0
    return (r.ministry, r.measure_number, r.evaluation_year, r.id, entry.indicator_id, entry.series, first)


# --- softened targets --------------------------------------------------------------------------------


_Link = tuple[tuple[int, str], tuple[int, str]]
"""A hand link: ((earlier report id, indicator id), (later report id, indicator id))."""
_LineageKey = tuple[str, str, str, str]  # ministry, measure number, indicator id, name


class _Lineage:
    """Which indicators of a measure's reports are the same indicator: by id and name, and joined
    by hand links for a renamed or renumbered one (union-find over the id-and-name keys)."""

    def __init__(self, links: Iterable[_Link], keys: dict[tuple[int, str], _LineageKey]) -> None:
        self._parent: dict[_LineageKey, _LineageKey] = {}
        for earlier, later in links:
            if earlier in keys and later in keys:
                self._union(keys[earlier], keys[later])

    def find(self, key: _LineageKey) -> _LineageKey:
        while (parent := self._parent.get(key, key)) != key:
            self._parent[key] = self._parent.get(parent, parent)
            key = parent
        return key

    def _union(self, a: _LineageKey, b: _LineageKey) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)


def _softened_within(series: dict[_SeriesKey, list[IndicatorRow]]) -> list[TargetAuditEntry]:
    """A year's target worse than the best target of an earlier year of the same report."""
    found: list[TargetAuditEntry] = []
    for rows in series.values():
        best: IndicatorRow | None = None
        best_target = Decimal(0)
        for row in rows:
            target = row.target
            if target is None:
                continue
            if best is not None and (
                target > best_target if row.direction == "lower" else target < best_target
            ):
                found.append(_entry(AuditKind.SOFTENED, row, years=(_values(best), _values(row))))
            else:
                best, best_target = row, target  # as good as the best so far: the latest year that set it
    return found


def _lineage_key(row: IndicatorRow) -> _LineageKey:
    return (row.report.ministry, row.report.measure_number, row.indicator_id, row.name)


def _softened_across(
    series: dict[_SeriesKey, list[IndicatorRow]], links: Iterable[_Link]
) -> list[TargetAuditEntry]:
    """A year's target worse than the same year's target in the nearest earlier report of the same
    measure (same ministry and measure number) that set one for that year."""
    keys = {(rows[0].report.id, rows[0].indicator_id): _lineage_key(rows[0]) for rows in series.values()}
    lineage = _Lineage(links, keys)
    # indicator lineage × series × fiscal year → the rows of each report that set a target
    chains: dict[tuple[_LineageKey, str, int], list[IndicatorRow]] = defaultdict(list)
    for (report_id, indicator_id, series_key), rows in series.items():
        key = lineage.find(keys[(report_id, indicator_id)])
        for row in rows:
            if row.target is not None:
                chains[(key, series_key, row.fiscal_year or 0)].append(row)
    found: list[TargetAuditEntry] = []
    for chain in chains.values():
        if len(chain) < 2:
            continue
        chain.sort(key=lambda r: (r.report.evaluation_year, r.report.id))
        for index in range(1, len(chain)):
            row = chain[index]
            year = row.report.evaluation_year
            earlier = next((e for e in reversed(chain[:index]) if e.report.evaluation_year < year), None)
            if earlier is None or earlier.target is None or row.target is None:
                continue
            if _worse(row.target, earlier.target, row.direction):
                found.append(
                    _entry(
                        AuditKind.SOFTENED,
                        row,
                        years=(_values(earlier), _values(row)),
                        earlier_report=earlier.report,
                    )
                )
    return found


def _softness(entry: TargetAuditEntry) -> Decimal:
    """How much a target was lowered, relative to the earlier one (0 when it cannot be said)."""
    before, after = entry.years[0].target, entry.years[-1].target
    if before is None or after is None or before == 0:
        return Decimal(0)
    return abs(before - after) / abs(before)


def _softened(
    series: dict[_SeriesKey, list[IndicatorRow]], links: Iterable[_Link]
) -> tuple[TargetAuditEntry, ...]:
    found = _softened_within(series) + _softened_across(series, links)
    return tuple(sorted(found, key=lambda e: (-_softness(e), _report_order(e))))


def softened_targets(
    rows: Iterable[IndicatorRow], links: Iterable[_Link] = ()
) -> tuple[TargetAuditEntry, ...]:
    """Softened targets, the largest relative softening first. ``links`` are hand links
    ``((earlier report id, indicator id), (later report id, indicator id))``."""
    return _softened(_by_series(rows), links)


# --- repeated misses ---------------------------------------------------------------------------------


def _repeated(series: dict[_SeriesKey, list[IndicatorRow]], min_years: int) -> tuple[TargetAuditEntry, ...]:
    found: list[TargetAuditEntry] = []

    def close(run: list[IndicatorRow]) -> None:
        if len(run) >= min_years:
            found.append(_entry(AuditKind.REPEATED_MISSES, run[-1], years=tuple(_values(r) for r in run)))

    for rows in series.values():
        run: list[IndicatorRow] = []
        for row in rows:
            target, actual = row.target, row.actual
            missed = (
                target is not None
                and actual is not None
                and (actual > target if row.direction == "lower" else actual < target)
            )
            if not missed:
                close(run)
                run = []
            elif run and (run[-1].fiscal_year or 0) + 1 == row.fiscal_year:
                run.append(row)
            else:
                close(run)
                run = [row]
        close(run)
    return tuple(sorted(found, key=lambda e: (-len(e.years), _report_order(e))))


def repeated_misses(
    rows: Iterable[IndicatorRow], min_years: int = REPEATED_MISS_YEARS
) -> tuple[TargetAuditEntry, ...]:
    """Runs of ``min_years`` or more consecutive fiscal years that missed their targets; a year
    without both numbers ends a run. The longest runs first."""
    return _repeated(_by_series(rows), min_years)


# --- far above target --------------------------------------------------------------------------------


def _ratio(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    if denominator == 0:
        return None
    return (numerator / denominator).quantize(_RATIO_PLACES, rounding=ROUND_HALF_EVEN)


def _far(series: dict[_SeriesKey, list[IndicatorRow]], far_above: Decimal) -> tuple[TargetAuditEntry, ...]:
    found: list[TargetAuditEntry] = []
    for rows in series.values():
        measured = [r for r in rows if r.target is not None and r.actual is not None]
        if not measured:
            continue
        last = measured[-1]
        target, actual = last.target, last.actual
        assert target is not None and actual is not None
        if target <= 0 or actual < 0:
            continue
        if _lower_is_better(last.direction):
            far, ratio = actual * far_above <= target, _ratio(target, actual)
        else:
            far, ratio = actual >= far_above * target, _ratio(actual, target)
        if far:
            found.append(_entry(AuditKind.FAR_ABOVE, last, years=(_values(last),), ratio=ratio))

    def order(entry: TargetAuditEntry) -> tuple[Any, ...]:
        return (entry.ratio is not None, -(entry.ratio or 0), _report_order(entry))

    return tuple(sorted(found, key=order))


def far_above_target(rows: Iterable[IndicatorRow], far_above: Decimal) -> tuple[TargetAuditEntry, ...]:
    """In each series' last year with both a target and an actual: actual ≥ far_above × target
    (lower is better: actual × far_above ≤ target). A target of zero or below gives no ratio and is
    not read. The largest ratio first (an actual of zero against a lower-is-better target, which
    has no ratio, before all)."""
    return _far(_by_series(rows), far_above)


# --- main indicators without numbers -----------------------------------------------------------------


def main_without_numbers(indicators: Iterable[IndicatorSummary]) -> tuple[TargetAuditEntry, ...]:
    """Main indicators that are qualitative or have no numeric target, by report."""
    found = [
        TargetAuditEntry(
            kind=AuditKind.MAIN_WITHOUT_NUMBERS,
            report=i.report,
            indicator_id=i.indicator_id,
            name=i.name,
            reason="qualitative" if i.kind == "qualitative" else "no_numeric_target",
        )
        for i in indicators
        if i.kind == "qualitative" or not i.has_numeric_target
    ]
    return tuple(sorted(found, key=_report_order))


def audit_targets(
    rows: Iterable[IndicatorRow],
    main_indicators: Iterable[IndicatorSummary],
    thresholds: AuditThresholds | None = None,
    links: Iterable[_Link] = (),
) -> TargetAudit:
    """The four lists over a portfolio's indicator rows and its main indicators."""
    limits = thresholds or AuditThresholds()
    series = _by_series(rows)
    return TargetAudit(
        softened=_softened(series, links),
        repeated_misses=_repeated(series, limits.repeated_miss_years),
        far_above=_far(series, limits.far_above),
        main_without_numbers=main_without_numbers(main_indicators),
    )
