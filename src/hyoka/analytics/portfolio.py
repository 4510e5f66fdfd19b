"""Portfolio dashboards: what a ministry and its reviewers need to see across hundreds of reports.

Four panels, computed by pure functions over plain rows (the web layer turns its query results
into these dataclasses; nothing here knows Django), so the web pages, the API and
``hyoka report portfolio`` show the same numbers:

* **judgments** — reports per ministry × evaluation year, counted per tier of the shared 5-tier
  scale (a label outside it is "other"; a report without one, e.g. monitoring only, is "none");
* **grade disagreement** — indicators whose recorded grade differs from the rules' proposal, per
  ministry × evaluation year, with the list;
* **budget execution** — executed ÷ total (a+b+c) of each report's latest fiscal year that has
  both, per ministry × evaluation year, and the lowest rates listed;
* **target audit** — ``hyoka.analytics.target_audit``.

A ``Portfolio`` is built once over everything a reader may see and then filtered by ministry and
evaluation year (``Portfolio.filtered``): comparisons across reports (a target softened since an
earlier report) are made before the filter, so filtering to one year still sees the year before.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, Protocol, TypeVar

from hyoka.analytics.target_audit import (
    AuditKind,
    AuditThresholds,
    IndicatorRow,
    IndicatorSummary,
    ReportRef,
    TargetAudit,
    audit_targets,
    indicator_url,
)
from hyoka.core import Tier
from hyoka.rules import RuleProfile

__all__ = [
    "JUDGMENT_COLUMNS",
    "LOW_EXECUTION",
    "BudgetGroup",
    "BudgetPanel",
    "BudgetRate",
    "BudgetRow",
    "GradeDisagreement",
    "GradeGroup",
    "GradePanel",
    "JudgmentCount",
    "JudgmentRow",
    "JudgmentTable",
    "Portfolio",
    "PortfolioThresholds",
    "budget_execution",
    "build_portfolio",
    "grade_disagreement",
    "judgments_by_ministry_year",
]

OTHER = "other"
NONE = "none"
JUDGMENT_COLUMNS: tuple[str, ...] = (*(t.value for t in Tier), OTHER, NONE)
"""The judgment panel's columns: the five tiers best first, then a label of another vocabulary
(never mapped silently onto the tiers, docs/rules.md §1), then no judgment (monitoring only, or none
yet)."""

LOW_EXECUTION = Decimal("0.5")
"""Below half of the budget executed is implausible enough for H2 to ask about it (the rule
profile's ``low_execution``); the budget panel counts such rates per row."""

_RATE_PLACES = Decimal("0.0001")


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _rate(value: Decimal | None) -> float | None:
    return None if value is None else float(value.quantize(_RATE_PLACES, rounding=ROUND_HALF_EVEN))


def _keep(report: ReportRef, ministry: str | None, year: int | None) -> bool:
    return (ministry is None or report.ministry == ministry) and (
        year is None or report.evaluation_year == year
    )


def _group_keep(
    ministry_name: str, evaluation_year: int | None, ministry: str | None, year: int | None
) -> bool:
    return (ministry is None or ministry_name == ministry) and (year is None or evaluation_year == year)


G = TypeVar("G", "JudgmentRow", "GradeGroup", "BudgetGroup")


def _per_ministry(rows: tuple[G, ...], total: Callable[[Iterable[G]], G]) -> tuple[G, ...]:
    """The rows of each ministry added up into one (evaluation year None), ministries in order."""
    groups: dict[str, list[G]] = {}
    for row in rows:
        groups.setdefault(row.ministry, []).append(row)
    return tuple(replace(total(members), ministry=ministry) for ministry, members in groups.items())


# --- judgments ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class JudgmentCount:
    """How many reports of a ministry and evaluation year carry a judgment label (a GROUP BY row)."""

    ministry: str
    evaluation_year: int
    judgment: str
    count: int


@dataclass(frozen=True, slots=True)
class JudgmentRow:
    """One ministry × evaluation year (the total row has ministry "" and year None): the count per
    column of ``JUDGMENT_COLUMNS``."""

    ministry: str
    evaluation_year: int | None
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)

    def count(self, column: str) -> int:
        return self.counts[JUDGMENT_COLUMNS.index(column)]

    def to_json(self) -> dict[str, Any]:
        return {
            "ministry": self.ministry or None,
            "evaluation_year": self.evaluation_year,
            "counts": dict(zip(JUDGMENT_COLUMNS, self.counts, strict=True)),
            "total": self.total,
        }


@dataclass(frozen=True, slots=True)
class JudgmentTable:
    rows: tuple[JudgmentRow, ...]
    total: JudgmentRow

    def filtered(self, ministry: str | None, year: int | None) -> JudgmentTable:
        rows = tuple(r for r in self.rows if _group_keep(r.ministry, r.evaluation_year, ministry, year))
        return JudgmentTable(rows, _judgment_total(rows))

    def by_ministry(self) -> JudgmentTable:
        """One row per ministry (evaluation year None): the years added up."""
        return replace(self, rows=_per_ministry(self.rows, _judgment_total))

    def to_json(self) -> dict[str, Any]:
        return {
            "columns": list(JUDGMENT_COLUMNS),
            "rows": [r.to_json() for r in self.rows],
            "total": self.total.to_json(),
        }


def _column(label: str) -> int:
    if not label:
        return JUDGMENT_COLUMNS.index(NONE)
    if label in JUDGMENT_COLUMNS[: len(Tier)]:
        return JUDGMENT_COLUMNS.index(label)
    return JUDGMENT_COLUMNS.index(OTHER)


def _judgment_total(rows: Iterable[JudgmentRow]) -> JudgmentRow:
    sums = [0] * len(JUDGMENT_COLUMNS)
    for row in rows:
        for i, n in enumerate(row.counts):
            sums[i] += n
    return JudgmentRow("", None, tuple(sums))


def judgments_by_ministry_year(counts: Iterable[JudgmentCount]) -> JudgmentTable:
    """Reports per ministry × evaluation year and judgment column, ministries by name, years
    ascending; the total row over all of them."""
    cells: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0] * len(JUDGMENT_COLUMNS))
    for c in counts:
        cells[(c.ministry, c.evaluation_year)][_column(c.judgment.strip())] += c.count
    rows = tuple(JudgmentRow(m, y, tuple(n)) for (m, y), n in sorted(cells.items()))
    return JudgmentTable(rows, _judgment_total(rows))


# --- recorded grades against proposed -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GradeDisagreement:
    """An indicator whose recorded grade differs from the rules' proposal."""

    report: ReportRef
    indicator_id: str
    name: str
    is_main: bool
    recorded: str
    proposed: str

    def to_json(self) -> dict[str, Any]:
        return {
            "report": self.report.to_json(),
            "indicator_id": self.indicator_id,
            "name": self.name,
            "is_main": self.is_main,
            "recorded": self.recorded,
            "proposed": self.proposed,
            "url": indicator_url(self.report.id, self.indicator_id),
        }


@dataclass(frozen=True, slots=True)
class GradeGroup:
    """Indicators with both a recorded and a proposed grade (``graded``) and how many of them
    disagree, for one ministry × evaluation year (the total: ministry "" and year None)."""

    ministry: str
    evaluation_year: int | None
    graded: int
    disagreements: int

    @property
    def rate(self) -> Decimal | None:
        return Decimal(self.disagreements) / Decimal(self.graded) if self.graded else None

    def to_json(self) -> dict[str, Any]:
        return {
            "ministry": self.ministry or None,
            "evaluation_year": self.evaluation_year,
            "graded": self.graded,
            "disagreements": self.disagreements,
            "rate": _rate(self.rate),
        }


@dataclass(frozen=True, slots=True)
class GradePanel:
    rows: tuple[GradeGroup, ...]
    total: GradeGroup
    disagreements: tuple[GradeDisagreement, ...]

    def filtered(
        self,
        ministry: str | None,
        year: int | None,
        disagreements: tuple[GradeDisagreement, ...] | None = None,
    ) -> GradePanel:
        """The rows and list of one ministry and/or year (``disagreements``: the list already filtered)."""
        rows = tuple(r for r in self.rows if _group_keep(r.ministry, r.evaluation_year, ministry, year))
        if disagreements is None:
            disagreements = tuple(d for d in self.disagreements if _keep(d.report, ministry, year))
        return GradePanel(rows, _grade_total(rows), disagreements)

    def by_ministry(self) -> GradePanel:
        """One row per ministry (evaluation year None): the years added up."""
        return replace(self, rows=_per_ministry(self.rows, _grade_total))

    def to_json(self, limit: int | None = None) -> dict[str, Any]:
        return {
            "rows": [r.to_json() for r in self.rows],
            "total": self.total.to_json(),
            "disagreements": [d.to_json() for d in self.disagreements[:limit]],
        }


def _grade_total(rows: Iterable[GradeGroup]) -> GradeGroup:
    graded = disagreeing = 0
    for row in rows:
        graded += row.graded
        disagreeing += row.disagreements
    return GradeGroup("", None, graded, disagreeing)


def _report_order(report: ReportRef) -> tuple[Any, ...]:
    return (report.ministry, report.measure_number, report.evaluation_year, report.id)


def grade_disagreement(rows: Iterable[IndicatorRow]) -> GradePanel:
    """Per indicator (its rows repeat the grades for every year and series: the first row counts),
    compare the recorded letter with the proposed one, ignoring case; an indicator missing either
    is not graded. The list: main indicators first, then by report and indicator."""
    seen: set[tuple[int, str]] = set()
    groups: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    found: list[GradeDisagreement] = []
    for row in rows:
        key = (row.report.id, row.indicator_id)
        if key in seen:
            continue
        seen.add(key)
        recorded, proposed = row.recorded_grade.strip(), row.proposed_grade.strip()
        if not recorded or not proposed:
            continue
        group = groups[(row.report.ministry, row.report.evaluation_year)]
        group[0] += 1
        if recorded.lower() != proposed.lower():
            group[1] += 1
            found.append(
                GradeDisagreement(row.report, row.indicator_id, row.name, row.is_main, recorded, proposed)
            )
    table = tuple(GradeGroup(m, y, g, d) for (m, y), (g, d) in sorted(groups.items()))
    found.sort(key=lambda d: (not d.is_main, _report_order(d.report), d.indicator_id))
    return GradePanel(table, _grade_total(table), tuple(found))


# --- budget execution ------------------------------------------------------------------------------------


@dataclass(slots=True)
class BudgetRow:
    """施策の予算額・執行額等 of one report for one fiscal year (the ``BudgetFact`` projection)."""

    report: ReportRef
    fiscal_year: int
    total: Decimal | None
    executed: Decimal | None


@dataclass(frozen=True, slots=True)
class BudgetRate:
    """A report's execution rate: executed ÷ total of its latest fiscal year that has both."""

    report: ReportRef
    fiscal_year: int
    total: Decimal
    executed: Decimal
    rate: Decimal

    def to_json(self) -> dict[str, Any]:
        return {
            "report": self.report.to_json(),
            "fiscal_year": self.fiscal_year,
            "total": _number(self.total),
            "executed": _number(self.executed),
            "rate": _rate(self.rate),
            "url": f"/reports/{self.report.id}/",
        }


@dataclass(frozen=True, slots=True)
class BudgetGroup:
    """The rates of one ministry × evaluation year (the total: ministry "" and year None): how many
    reports, their mean (each report counts once: amounts are in each report's own unit, so
    they are not summed across reports), the lowest, and how many are below ``low_execution``."""

    ministry: str
    evaluation_year: int | None
    reports: int
    rate_sum: Decimal
    lowest: Decimal | None
    below_low: int

    @property
    def mean(self) -> Decimal | None:
        return self.rate_sum / self.reports if self.reports else None

    def to_json(self) -> dict[str, Any]:
        return {
            "ministry": self.ministry or None,
            "evaluation_year": self.evaluation_year,
            "reports": self.reports,
            "mean_rate": _rate(self.mean),
            "lowest_rate": _rate(self.lowest),
            "below_low_execution": self.below_low,
        }


@dataclass(frozen=True, slots=True)
class BudgetPanel:
    rows: tuple[BudgetGroup, ...]
    total: BudgetGroup
    lowest: tuple[BudgetRate, ...]
    """Every report's rate, the lowest first."""
    low_execution: Decimal

    def filtered(
        self, ministry: str | None, year: int | None, lowest: tuple[BudgetRate, ...] | None = None
    ) -> BudgetPanel:
        """The rows and list of one ministry and/or year (``lowest``: the list already filtered)."""
        rows = tuple(r for r in self.rows if _group_keep(r.ministry, r.evaluation_year, ministry, year))
        if lowest is None:
            lowest = tuple(r for r in self.lowest if _keep(r.report, ministry, year))
        return replace(self, rows=rows, total=_budget_total(rows), lowest=lowest)

    def by_ministry(self) -> BudgetPanel:
        """One row per ministry (evaluation year None): the years added up."""
        return replace(self, rows=_per_ministry(self.rows, _budget_total))

    def to_json(self, limit: int | None = None) -> dict[str, Any]:
        return {
            "low_execution": _rate(self.low_execution),
            "rows": [r.to_json() for r in self.rows],
            "total": self.total.to_json(),
            "lowest": [r.to_json() for r in self.lowest[:limit]],
        }


def _budget_total(rows: Iterable[BudgetGroup]) -> BudgetGroup:
    count = below = 0
    rate_sum = Decimal(0)
    lowest: Decimal | None = None
    for row in rows:
        count += row.reports
        rate_sum += row.rate_sum
        below += row.below_low
        if row.lowest is not None and (lowest is None or row.lowest < lowest):
            lowest = row.lowest
    return BudgetGroup("", None, count, rate_sum, lowest, below)


def budget_execution(rows: Iterable[BudgetRow], low_execution: Decimal = LOW_EXECUTION) -> BudgetPanel:
    """One rate per report: its latest fiscal year with an executed amount and a total above zero
    (the years after it are budgets not yet spent). Grouped per ministry × evaluation year."""
    latest: dict[int, BudgetRow] = {}
    for row in rows:
        if row.executed is None or row.total is None or row.total <= 0:
            continue
        kept = latest.get(row.report.id)
        if kept is None or row.fiscal_year > kept.fiscal_year:
            latest[row.report.id] = row
    rates: list[BudgetRate] = []
    for row in latest.values():
        assert row.executed is not None and row.total is not None
        rates.append(
            BudgetRate(row.report, row.fiscal_year, row.total, row.executed, row.executed / row.total)
        )
    groups: dict[tuple[str, int], list[BudgetRate]] = defaultdict(list)
    for rate in rates:
        groups[(rate.report.ministry, rate.report.evaluation_year)].append(rate)
    table = tuple(
        BudgetGroup(
            m,
            y,
            len(members),
            sum((r.rate for r in members), Decimal(0)),
            min(r.rate for r in members),
            sum(1 for r in members if r.rate < low_execution),
        )
        for (m, y), members in sorted(groups.items())
    )
    rates.sort(key=lambda r: (r.rate, _report_order(r.report)))
    return BudgetPanel(table, _budget_total(table), tuple(rates), low_execution)


# --- the portfolio -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PortfolioThresholds:
    """The numbers of the panels that come from the rule profile, so that the portfolio and a
    report's own check agree (far above target = H503, low execution = H2)."""

    audit: AuditThresholds = field(default_factory=AuditThresholds)
    low_execution: Decimal = LOW_EXECUTION

    @classmethod
    def from_profile(cls, profile: RuleProfile) -> PortfolioThresholds:
        return cls(
            audit=AuditThresholds.from_profile(profile),
            low_execution=Decimal(str(profile.thresholds.low_execution)),
        )


class _Lists(Protocol):
    @property
    def report(self) -> ReportRef: ...


L = TypeVar("L", bound=_Lists)


def _positions(entries: Sequence[L]) -> dict[tuple[str, int], list[int]]:
    """Where each ministry × evaluation year's entries are in a list (in list order)."""
    found: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, entry in enumerate(entries):
        found[(entry.report.ministry, entry.report.evaluation_year)].append(i)
    return found


def _select(
    entries: tuple[L, ...],
    positions: dict[tuple[str, int], list[int]],
    ministry: str | None,
    year: int | None,
) -> tuple[L, ...]:
    """The entries of one ministry and/or year, in list order, without reading the others."""
    picked = [idx for (m, y), idx in positions.items() if _group_keep(m, y, ministry, year)]
    if len(picked) == 1:
        return tuple(entries[i] for i in picked[0])
    return tuple(entries[i] for i in sorted(i for idx in picked for i in idx))


@dataclass(frozen=True, slots=True)
class Portfolio:
    """The four panels over a set of reports, and the ministries and evaluation years present
    (for the filters). ``ministry`` and ``evaluation_year`` say which filter made it."""

    judgments: JudgmentTable
    grades: GradePanel
    budget: BudgetPanel
    audit: TargetAudit
    ministries: tuple[str, ...]
    years: tuple[int, ...]
    ministry: str | None = None
    evaluation_year: int | None = None

    _index: dict[str, dict[tuple[str, int], list[int]]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """Per list, where each ministry × year's entries are: made on the first filter, so that every
    later filter reads only the entries it keeps (a portfolio is filtered on every page view)."""

    def _pick(
        self, name: str, entries: tuple[L, ...], ministry: str | None, year: int | None
    ) -> tuple[L, ...]:
        positions = self._index.get(name)
        if positions is None:
            positions = self._index[name] = _positions(entries)
        return _select(entries, positions, ministry, year)

    def filtered(self, ministry: str | None = None, evaluation_year: int | None = None) -> Portfolio:
        if ministry is None and evaluation_year is None:
            return self
        year = evaluation_year
        audit = TargetAudit(
            **{
                kind.value: self._pick(kind.value, self.audit.entries(kind), ministry, year)
                for kind in AuditKind
            }
        )
        return Portfolio(
            judgments=self.judgments.filtered(ministry, year),
            grades=self.grades.filtered(
                ministry, year, self._pick("grades", self.grades.disagreements, ministry, year)
            ),
            budget=self.budget.filtered(
                ministry, year, self._pick("budget", self.budget.lowest, ministry, year)
            ),
            audit=audit,
            ministries=self.ministries,
            years=self.years,
            ministry=ministry,
            evaluation_year=year,
        )

    def by_ministry(self) -> Portfolio:
        """The panels with one row per ministry (the years added up), the lists unchanged: the
        dashboard's first level, from which each ministry opens on its years."""
        return replace(
            self,
            judgments=self.judgments.by_ministry(),
            grades=self.grades.by_ministry(),
            budget=self.budget.by_ministry(),
        )

    def audit_counts(self) -> dict[AuditKind, int]:
        return {kind: len(self.audit.entries(kind)) for kind in AuditKind}

    def to_json(self, limit: int | None = None) -> dict[str, Any]:
        """Everything as JSON-ready data; each list cut to its first ``limit`` entries (all when
        None), with its full length in ``count``."""
        return {
            "filters": {"ministry": self.ministry, "evaluation_year": self.evaluation_year},
            "ministries": list(self.ministries),
            "years": list(self.years),
            "judgments": self.judgments.to_json(),
            "grades": {**self.grades.to_json(limit), "count": len(self.grades.disagreements)},
            "budget": {**self.budget.to_json(limit), "count": len(self.budget.lowest)},
            "audit": {
                kind.value: {
                    "count": len(self.audit.entries(kind)),
                    "entries": [e.to_json() for e in self.audit.entries(kind)[:limit]],
                }
                for kind in AuditKind
            },
        }


def build_portfolio(
    judgments: Iterable[JudgmentCount],
    indicators: Sequence[IndicatorRow],
    main_indicators: Iterable[IndicatorSummary],
    budget: Iterable[BudgetRow],
    thresholds: PortfolioThresholds | None = None,
    links: Iterable[tuple[tuple[int, str], tuple[int, str]]] = (),
) -> Portfolio:
    """All four panels. ``judgments`` may cover more reports than the facts (the public sees the
    published judgment of every published report, but the numbers only of reports whose current
    revision is the published one): the filters list the ministries and years of either."""
    limits = thresholds or PortfolioThresholds()
    table = judgments_by_ministry_year(judgments)
    grades = grade_disagreement(indicators)
    panel = budget_execution(budget, limits.low_execution)
    audit = audit_targets(indicators, main_indicators, limits.audit, links)
    ministries = {r.ministry for r in table.rows} | {r.ministry for r in grades.rows}
    ministries |= {r.ministry for r in panel.rows}
    years = {r.evaluation_year for r in table.rows if r.evaluation_year is not None}
    years |= {r.evaluation_year for r in grades.rows if r.evaluation_year is not None}
    years |= {r.evaluation_year for r in panel.rows if r.evaluation_year is not None}
    return Portfolio(table, grades, panel, audit, tuple(sorted(ministries)), tuple(sorted(years)))
