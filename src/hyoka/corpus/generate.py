"""The corpus use case: generate N reports from a seed, plant errors at given rates, write them out.

``generate_reports`` yields each report with the errors planted in it; ``write_corpus`` writes one
file per report (PDF-extracted-style text by ``hyoka.renderers.text.render_text``, or our JSON) and
``manifest.json``: the seed, the rates, the counts and, per file, the ministry, measure, year and
the planted errors with the code and location the checker should report. Same arguments, same
bytes: every choice is drawn from the seed, nothing from the clock or the machine.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from hyoka.core import EvaluationReport
from hyoka.core.i18n import bilingual, gettext_noop
from hyoka.corpus.build import build_report
from hyoka.corpus.errors import CorpusError
from hyoka.corpus.history import MeasureHistory, make_history
from hyoka.corpus.planting import DEFAULT_RATES, FAMILIES, PlantedError, plant
from hyoka.corpus.portfolio import ReportPlan, plan_reports, rng_for
from hyoka.corpus.seeds import Seeds, load_seeds
from hyoka.renderers.text import render_text
from hyoka.rules import RuleProfile, load_profile
from hyoka.services.files import ensure_directory, write_output

__all__ = [
    "MANIFEST",
    "MANIFEST_VERSION",
    "CorpusError",
    "CorpusFormat",
    "GeneratedReport",
    "generate_reports",
    "planted_indices",
    "render_corpus_file",
    "write_corpus",
]

MANIFEST = "manifest.json"
MANIFEST_VERSION = 1


class CorpusFormat(StrEnum):
    TEXT = "text"
    JSON = "json"

    @property
    def suffix(self) -> str:
        return ".txt" if self is CorpusFormat.TEXT else ".json"


@dataclass(frozen=True)
class GeneratedReport:
    plan: ReportPlan
    report: EvaluationReport
    planted: tuple[PlantedError, ...]

    def manifest_entry(self, fmt: CorpusFormat) -> dict[str, Any]:
        measure = self.plan.measure
        return {
            "file": self.plan.stem + fmt.suffix,
            "ministry": measure.ministry.name,
            "measure": measure.number,
            "title": self.report.title,
            "year": self.plan.year,
            "window": list(self.report.window),
            "planted": [p.to_json() for p in self.planted],
        }


def planted_indices(count: int, seed: int, rates: dict[str, float]) -> dict[str, frozenset[int]]:
    """For each family, the reports (by index) chosen to get one error: round(rate × count) of them."""
    chosen: dict[str, frozenset[int]] = {}
    for family in FAMILIES:
        k = round(rates.get(family, 0.0) * count)
        chosen[family] = frozenset(rng_for(seed, "plant", family).sample(range(count), k))
    return chosen


def generate_reports(
    count: int,
    seed: int,
    rates: dict[str, float] | None = None,
    *,
    seeds: Seeds | None = None,
    profile: RuleProfile | None = None,
) -> Iterator[GeneratedReport]:
    """The corpus's reports in order, each with its planted errors (``rates``: DEFAULT_RATES)."""
    seeds = seeds or load_seeds()
    profile = profile or load_profile()
    rates = DEFAULT_RATES if rates is None else rates
    try:
        plans = plan_reports(count, seed, seeds)
    except ValueError as exc:
        raise CorpusError(
            *bilingual(gettext_noop("--reports {count}: 作れない数です({problem})"), count=count, problem=exc)
        ) from None
    chosen = planted_indices(count, seed, rates)
    history: MeasureHistory | None = None
    for plan in plans:
        if history is None or history.plan is not plan.measure:
            history = make_history(plan.measure, seeds)
        built = build_report(history, plan.year, profile, seeds)
        families = [f for f in FAMILIES if plan.index in chosen[f]]
        planted = (
            plant(built, families, profile, seeds, rng_for(seed, "plant", plan.index)) if families else []
        )
        yield GeneratedReport(plan, built.report, tuple(planted))


def render_corpus_file(report: EvaluationReport, fmt: CorpusFormat) -> bytes:
    """One report's file: the text a PDF extraction gives (UTF-8), or our JSON (``hyoka import``'s)."""
    if fmt is CorpusFormat.TEXT:
        return render_text(report).encode("utf-8")
    return (report.model_dump_json(indent=1) + "\n").encode("utf-8")


def _check_output(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise CorpusError(
            *bilingual(
                gettext_noop("{out}: 出力先はディレクトリでなければなりません(ファイルがあります)"), out=out
            )
        )
    if out.is_dir() and any(out.iterdir()):
        raise CorpusError(
            *bilingual(
                gettext_noop(
                    "{out}: 出力先のディレクトリが空ではありません"
                    "(新しいか空のディレクトリを指定してください)"
                ),
                out=out,
            )
        )


def write_corpus(
    out: Path,
    count: int,
    seed: int,
    rates: dict[str, float] | None = None,
    *,
    fmt: CorpusFormat = CorpusFormat.TEXT,
    seeds: Seeds | None = None,
    profile: RuleProfile | None = None,
    progress: Callable[[GeneratedReport], None] | None = None,
) -> dict[str, Any]:
    """Write the corpus into ``out`` (new or empty) and return the manifest written beside it.

    Raises CorpusError when ``out`` is a file or a directory that is not empty, or the corpus
    cannot be made; OutputError (``hyoka.services``) when a file cannot be written."""
    _check_output(out)
    seeds = seeds or load_seeds()
    profile = profile or load_profile()
    rates = dict(DEFAULT_RATES if rates is None else rates)
    ensure_directory(out)
    files: list[dict[str, Any]] = []
    ministries: set[str] = set()
    measures: set[tuple[str, str]] = set()
    families: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    for generated in generate_reports(count, seed, rates, seeds=seeds, profile=profile):
        path = out / (generated.plan.stem + fmt.suffix)
        write_output(path, render_corpus_file(generated.report, fmt))
        files.append(generated.manifest_entry(fmt))
        ministries.add(generated.report.ministry)
        measures.add((generated.report.ministry, generated.report.measure_number))
        families.update(p.family for p in generated.planted)
        codes.update(p.code for p in generated.planted)
        if progress is not None:
            progress(generated)
    manifest = {
        "manifest_version": MANIFEST_VERSION,
        "generator": "hyoka corpus generate",
        "seed": seed,
        "reports": count,
        "format": fmt.value,
        "profile": profile.name,
        "plant": {f: rates.get(f, 0.0) for f in FAMILIES},
        "counts": {
            "ministries": len(ministries),
            "measures": len(measures),
            "reports": len(files),
            "planted": {f: families.get(f, 0) for f in FAMILIES},
            "codes": dict(sorted(codes.items())),
        },
        "files": files,
    }
    write_output(out / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    return manifest
