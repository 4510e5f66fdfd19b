"""The synthetic corpus: seeded, reproducible evaluation reports with planted inconsistencies.

``write_corpus(OUT, N, SEED, rates)`` writes N reports (several ministries with 5–40 measures each,
successive years of the same measures, 1–4 areas of 2–8 indicators, budgets and 調書) and a
manifest of the errors planted in them, so that the checker's precision and recall can be
measured (``benchmarks/quality.py``). The vocabulary is data: ``samples/corpus/seeds.toml``.
See ``docs/corpus.md``.
"""

from hyoka.corpus.errors import CorpusError
from hyoka.corpus.generate import (
    MANIFEST,
    MANIFEST_VERSION,
    CorpusFormat,
    GeneratedReport,
    generate_reports,
    render_corpus_file,
    write_corpus,
)
from hyoka.corpus.planting import DEFAULT_RATES, FAMILIES, PlantedError, PlantingError, parse_rates
from hyoka.corpus.seeds import DEFAULT_SEEDS, SeedError, Seeds, load_seeds

__all__ = [
    "DEFAULT_RATES",
    "DEFAULT_SEEDS",
    "FAMILIES",
    "MANIFEST",
    "MANIFEST_VERSION",
    "CorpusError",
    "CorpusFormat",
    "GeneratedReport",
    "PlantedError",
    "PlantingError",
    "SeedError",
    "Seeds",
    "generate_reports",
    "load_seeds",
    "parse_rates",
    "render_corpus_file",
    "write_corpus",
]
