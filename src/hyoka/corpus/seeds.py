"""The corpus generator's vocabulary, read from ``samples/corpus/seeds.toml`` and checked on load.

The vocabulary is data so that a person can widen it without touching the generator. Every text
must already be what the importer reads back (NFKC-normal, no spaces, no tabs), and may use only
the known placeholders; a text that breaks a rule is reported with its key, never silently fixed.
"""

from __future__ import annotations

import string
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hyoka.core import Direction
from hyoka.corpus.errors import CorpusError

__all__ = [
    "DEFAULT_SEEDS",
    "BreakdownSeed",
    "CommonSeed",
    "DomainSeed",
    "MinistrySeed",
    "QualitativeSeed",
    "QuantitativeSeed",
    "ReferenceSeed",
    "SeedError",
    "Seeds",
    "load_seeds",
]

DEFAULT_SEEDS = Path(__file__).resolve().parents[3] / "samples" / "corpus" / "seeds.toml"
"""``samples/corpus/seeds.toml`` of the source tree hyoka runs from."""

PLACEHOLDERS = frozenset({"subject", "measure", "area", "activity", "actor", "ministry"})


class SeedError(CorpusError):
    """The seeds file cannot be used: the message names the file and the key (the same in ja and en)."""


@dataclass(frozen=True)
class QuantitativeSeed:
    name: str
    alt: str | None
    unit: str
    direction: Direction
    scale: tuple[int, int]
    decimals: int
    series: tuple[str, ...]
    width: int

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"


@dataclass(frozen=True)
class QualitativeSeed:
    name: str
    alt: str | None
    targets: tuple[str, ...]
    progress: tuple[str, ...]


@dataclass(frozen=True)
class BreakdownSeed:
    lead: str
    unit: str
    verb: str
    parts: tuple[str, ...]


@dataclass(frozen=True)
class ReferenceSeed:
    name: str
    unit: str
    scale: tuple[int, int]


@dataclass(frozen=True)
class DomainSeed:
    key: str
    subjects: tuple[str, ...]
    measures: tuple[str, ...]
    areas: tuple[str, ...]
    objectives: tuple[str, ...]
    outline: tuple[str, ...]
    activities: tuple[str, ...]
    actors: tuple[str, ...]
    items: tuple[str, ...]
    special: str | None
    qualitative: tuple[QualitativeSeed, ...]
    quantitative: tuple[QuantitativeSeed, ...]
    breakdowns: tuple[BreakdownSeed, ...]
    references: tuple[ReferenceSeed, ...]


@dataclass(frozen=True)
class MinistrySeed:
    name: str
    slug: str
    bureaus: tuple[str, ...]
    domains: tuple[str, ...]
    organizations: tuple[str, ...]
    expert_group: str


@dataclass(frozen=True)
class CommonSeed:
    rationale: dict[str, tuple[str, ...]]
    measure_next_steps: tuple[str, ...]
    indicator_next_steps: tuple[str, ...]
    analysis_close: tuple[str, ...]
    qualitative_analysis: tuple[str, ...]
    expert_opinions: tuple[str, ...]
    cabinet_policies: tuple[str, ...]


@dataclass(frozen=True)
class Seeds:
    path: str
    url_base: str
    evaluation_years: tuple[int, int]
    window_years: int
    common: CommonSeed
    ministries: tuple[MinistrySeed, ...]
    domains: dict[str, DomainSeed]


class _Reader:
    """Typed access to the TOML tables, each error naming the file and the dotted key."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, key: str, what: str) -> SeedError:
        return SeedError(f"{self.path}: {key}: {what}")

    def table(self, data: dict[str, Any], key: str, where: str) -> dict[str, Any]:
        value = data.get(key)
        if not isinstance(value, dict):
            raise self.fail(f"{where}{key}", "a table is required")
        return value

    def text(self, value: Any, key: str) -> str:
        if not isinstance(value, str) or not value:
            raise self.fail(key, "a non-empty string is required")
        if unicodedata.normalize("NFKC", value) != value:
            fixed = unicodedata.normalize("NFKC", value)
            raise self.fail(key, f"not NFKC-normal text (the importer would read {fixed!r})")
        if any(ch.isspace() for ch in value):
            raise self.fail(key, f"contains a space or tab: {value!r}")
        try:
            names = {field for _, field, _, _ in string.Formatter().parse(value) if field is not None}
        except ValueError as exc:
            raise self.fail(key, f"bad placeholder syntax ({exc}): {value!r}") from None
        unknown = names - PLACEHOLDERS
        if unknown:
            raise self.fail(key, f"unknown placeholder(s) {sorted(unknown)} in {value!r}")
        return value

    def optional_text(self, data: dict[str, Any], key: str, where: str) -> str | None:
        return None if data.get(key) is None else self.text(data[key], f"{where}{key}")

    def texts(self, data: dict[str, Any], key: str, where: str, *, required: bool = True) -> tuple[str, ...]:
        value = data.get(key, [] if not required else None)
        if not isinstance(value, list) or (required and not value):
            raise self.fail(f"{where}{key}", "a non-empty list of strings is required")
        return tuple(self.text(item, f"{where}{key}[{i}]") for i, item in enumerate(value))

    def pair(self, data: dict[str, Any], key: str, where: str) -> tuple[int, int]:
        value = data.get(key)
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
            or not 0 < value[0] <= value[1]
        ):
            raise self.fail(
                f"{where}{key}", "a pair [low, high] of positive integers, low ≤ high, is required"
            )
        return value[0], value[1]

    def integer(self, data: dict[str, Any], key: str, where: str, default: int, low: int, high: int) -> int:
        value = data.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise self.fail(f"{where}{key}", f"an integer from {low} to {high} is required")
        return value

    def items(self, data: dict[str, Any], key: str, where: str) -> list[tuple[str, dict[str, Any]]]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(f"{where}{key}", "a list of tables is required")
        return [(f"{where}{key}[{i}].", v) for i, v in enumerate(value)]


def _quantitative(r: _Reader, data: dict[str, Any], where: str) -> QuantitativeSeed:
    try:
        direction = Direction(data.get("direction", "higher"))
    except ValueError:
        known = ", ".join(d.value for d in Direction)
        raise r.fail(f"{where}direction", f"one of {known} is required") from None
    unit = r.text(data.get("unit"), f"{where}unit")
    series = r.texts(data, "series", where, required=False)
    if len(series) == 1 or len(series) > 3:
        raise r.fail(f"{where}series", "two or three series names (or none) are required")
    if series and unit != "%":
        raise r.fail(f"{where}series", "series are for surveys: the unit must be %")
    width = r.integer(data, "width", where, 0, 0, 1000)
    if (direction is Direction.WITHIN_RANGE) != (width > 0):
        raise r.fail(f"{where}width", "a range width is required with within_range, and only with it")
    return QuantitativeSeed(
        name=r.text(data.get("name"), f"{where}name"),
        alt=r.optional_text(data, "alt", where),
        unit=unit,
        direction=direction,
        scale=r.pair(data, "scale", where),
        decimals=r.integer(data, "decimals", where, 0, 0, 1),
        series=series,
        width=width,
    )


def _domain(r: _Reader, key: str, data: dict[str, Any]) -> DomainSeed:
    where = f"domains.{key}."
    qualitative = tuple(
        QualitativeSeed(
            name=r.text(q.get("name"), f"{w}name"),
            alt=r.optional_text(q, "alt", w),
            targets=r.texts(q, "targets", w),
            progress=r.texts(q, "progress", w),
        )
        for w, q in r.items(data, "qualitative", where)
    )
    quantitative = tuple(_quantitative(r, q, w) for w, q in r.items(data, "quantitative", where))
    if not qualitative or not quantitative:
        raise r.fail(f"{where}quantitative", "a domain needs qualitative and quantitative indicators")
    breakdowns = tuple(
        BreakdownSeed(
            lead=r.text(b.get("lead"), f"{w}lead"),
            unit=r.text(b.get("unit"), f"{w}unit"),
            verb=r.text(b.get("verb"), f"{w}verb"),
            parts=r.texts(b, "parts", w),
        )
        for w, b in r.items(data, "breakdowns", where)
    )
    for b in breakdowns:
        if len(b.parts) < 2:
            raise r.fail(f"{where}breakdowns", "a breakdown needs at least two parts")
    references = tuple(
        ReferenceSeed(
            name=r.text(x.get("name"), f"{w}name"),
            unit=r.text(x.get("unit"), f"{w}unit"),
            scale=r.pair(x, "scale", w),
        )
        for w, x in r.items(data, "references", where)
    )
    special = r.optional_text(data, "special", where)
    if special is not None and "特別" not in special:
        raise r.fail(f"{where}special", "a special account's name must contain 「特別」")
    return DomainSeed(
        key=key,
        subjects=r.texts(data, "subjects", where),
        measures=r.texts(data, "measures", where),
        areas=r.texts(data, "areas", where),
        objectives=r.texts(data, "objectives", where),
        outline=r.texts(data, "outline", where),
        activities=r.texts(data, "activities", where),
        actors=r.texts(data, "actors", where),
        items=r.texts(data, "items", where),
        special=special,
        qualitative=qualitative,
        quantitative=quantitative,
        breakdowns=breakdowns,
        references=references,
    )


def _common(r: _Reader, data: dict[str, Any]) -> CommonSeed:
    where = "common."
    rationale_table = r.table(data, "rationale", where)
    rationale = {
        tier: r.texts(rationale_table, tier, f"{where}rationale.") for tier in sorted(rationale_table)
    }
    return CommonSeed(
        rationale=rationale,
        measure_next_steps=r.texts(data, "measure_next_steps", where),
        indicator_next_steps=r.texts(data, "indicator_next_steps", where),
        analysis_close=r.texts(data, "analysis_close", where),
        qualitative_analysis=r.texts(data, "qualitative_analysis", where),
        expert_opinions=r.texts(data, "expert_opinions", where),
        cabinet_policies=r.texts(data, "cabinet_policies", where),
    )


def load_seeds(path: Path | None = None) -> Seeds:
    """Read and check the seeds file (default ``samples/corpus/seeds.toml``). Raises SeedError."""
    path = path or DEFAULT_SEEDS
    r = _Reader(str(path))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SeedError(f"{path}: cannot read the corpus seeds ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise SeedError(f"{path}: not UTF-8 text (undecodable byte at offset {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise SeedError(f"{path}: not valid TOML ({exc})") from None
    meta = r.table(data, "meta", "")
    url_base = meta.get("url_base")
    if not isinstance(url_base, str) or not url_base.startswith("https://"):
        raise r.fail("meta.url_base", "an https:// address is required")
    years = r.pair(meta, "evaluation_years", "meta.")
    if years[0] < 1990 or years[1] > 2100:
        raise r.fail("meta.evaluation_years", "years from 1990 to 2100 are required")
    domains = {key: _domain(r, key, d) for key, d in r.table(data, "domains", "").items()}
    ministries: list[MinistrySeed] = []
    slugs: set[str] = set()
    for where, m in r.items(data, "ministries", ""):
        ministry = MinistrySeed(
            name=r.text(m.get("name"), f"{where}name"),
            slug=r.text(m.get("slug"), f"{where}slug"),
            bureaus=r.texts(m, "bureaus", where),
            domains=r.texts(m, "domains", where),
            organizations=r.texts(m, "organizations", where),
            expert_group=r.text(m.get("expert_group"), f"{where}expert_group"),
        )
        if not ministry.slug.isascii() or ministry.slug in slugs:
            raise r.fail(f"{where}slug", f"a unique ASCII slug is required, not {ministry.slug!r}")
        slugs.add(ministry.slug)
        unknown = [d for d in ministry.domains if d not in domains]
        if unknown:
            raise r.fail(f"{where}domains", f"unknown domain(s) {unknown}")
        ministries.append(ministry)
    if not ministries:
        raise r.fail("ministries", "at least one ministry is required")
    return Seeds(
        path=str(path),
        url_base=url_base.rstrip("/"),
        evaluation_years=years,
        window_years=r.integer(meta, "window_years", "meta.", 3, 1, 5),
        common=_common(r, r.table(data, "common", "")),
        ministries=tuple(ministries),
        domains=domains,
    )
