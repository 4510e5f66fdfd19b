"""A corpus of many varied reports made from the bundled sample, loaded fast, for the web benchmarks.

    .venv/bin/python benchmarks/corpus.py --data-dir /tmp/hyoka-bench            # 10,000 reports
    .venv/bin/python benchmarks/corpus.py --data-dir /tmp/hyoka-bench --count 500 --seed 7

The database is the one the app would use with ``HYOKA_DATA_DIR=DIR`` (SQLite; ``DATABASE_URL``
is honoured too, though the full-text table is SQLite's). It is migrated first; the reports are
added to what is there. A manifest (``corpus.json`` in the data directory) records the counts, the
ids of the published reports, the seed and the timings; ``benchmarks/web.py`` reads it.

How the reports vary (all from one seed, so a corpus is reproducible):

* **variants** — the sample rewritten for one of 8 partner countries (日米 → 日英, 米国 → 英国, 北米
  → 欧州 …; the sample's own wording is one of the 8, so about 1 report in 8 mentions 日米), shifted
  to an evaluation year from 2015 to 2024, and keeping a random share (10–40 %) of its narrative
  paragraphs. Each variant is validated by the document model and checked by the rules once; its
  narratives, facts, findings and proposals are those of the variant (``storage.projections``).
* **reports** — a variant with its own ministry and bureau (12 ministries, 3–6 bureaus each), measure
  number (``I-1`` … ``X-12``; unique with ministry and year), title (policy area × aim), judgment
  (5 tiers) and indicator actuals (each integer actual scaled by a per-report factor of 0.6–1.4);
  status 80 % published, the rest draft, submitted, returned or approved; created over the
  evaluation year.

Loading bypasses ``storage.create_report`` (which validates and checks each report: ~20 ms, so
minutes for 10,000) but writes the same rows: ``Report``, ``Revision`` (the full document JSON),
the projections (``IndicatorFact``, ``BudgetFact``, ``FindingFact``), ``SearchText``,
``PublishedSearchText`` and, on SQLite, the FTS5 trigram tables, in batches with ``bulk_create``
inside one transaction per batch.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import os
import random
import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "mofa-r2-I-2-hokubei.txt"
MANIFEST = "corpus.json"
DEFAULT_COUNT = 10_000
DEFAULT_SEED = 2026
BATCH = 250

THEMES: list[tuple[str, str, str]] = [
    # (pair, country, region) replacing 日米, 米国 and 北米 in the sample's text
    ("日米", "米国", "北米"),
    ("日英", "英国", "欧州"),
    ("日独", "ドイツ", "欧州"),
    ("日仏", "フランス", "欧州"),
    ("日豪", "豪州", "大洋州"),
    ("日印", "インド", "南西アジア"),
    ("日韓", "韓国", "北東アジア"),
    ("日伯", "ブラジル", "中南米"),
]
YEARS = list(range(2015, 2025))
KEEP_SHARE = (0.1, 0.4)
"""Each variant keeps this share (uniform) of the sample's narrative paragraphs."""

MINISTRIES: dict[str, list[str]] = {
    "外務省": ["北米局", "欧州局", "アジア大洋州局", "中東アフリカ局", "経済局", "国際協力局"],
    "財務省": ["主計局", "主税局", "関税局", "理財局", "国際局"],
    "経済産業省": ["経済産業政策局", "通商政策局", "貿易経済協力局", "産業技術環境局", "製造産業局"],
    "文部科学省": ["初等中等教育局", "高等教育局", "科学技術・学術政策局", "研究振興局"],
    "厚生労働省": ["医政局", "健康・生活衛生局", "労働基準局", "職業安定局", "老健局"],
    "農林水産省": ["農産局", "畜産局", "経営局", "農村振興局"],
    "国土交通省": ["総合政策局", "都市局", "道路局", "住宅局", "港湾局", "航空局"],
    "環境省": ["地球環境局", "水・大気環境局", "自然環境局"],
    "総務省": ["自治行政局", "情報流通行政局", "統計局"],
    "法務省": ["民事局", "刑事局", "出入国在留管理庁"],
    "防衛省": ["防衛政策局", "整備計画局", "人事教育局"],
    "内閣府": ["政策統括官（経済財政運営担当）", "男女共同参画局", "沖縄振興局"],
}
AREAS = [
    "地域外交",
    "経済連携",
    "国際協力",
    "税制",
    "財政投融資",
    "中小企業",
    "産業技術",
    "資源・エネルギー",
    "初等中等教育",
    "高等教育",
    "科学技術・イノベーション",
    "医療提供体制",
    "雇用",
    "高齢者福祉",
    "食料安全保障",
    "農山漁村",
    "交通インフラ",
    "住宅・都市",
    "気候変動対策",
    "生物多様性",
    "地方行政",
    "情報通信",
    "司法制度",
    "出入国在留管理",
    "防衛力整備",
    "男女共同参画",
    "防災",
    "観光",
    "文化芸術",
    "海洋政策",
]
AIMS = ["の推進", "の強化", "の充実", "の確保", "の促進", "に向けた取組", "の基盤整備", "の国際展開"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
JUDGMENTS: list[tuple[str, str, float]] = [
    # (label, letter, weight)
    ("目標超過達成", "A", 0.10),
    ("目標達成", "B", 0.30),
    ("相当程度進展あり", "C", 0.35),
    ("進展が大きくない", "D", 0.18),
    ("目標に向かっていない", "E", 0.07),
]
STATUSES: list[tuple[str, float]] = [
    ("published", 0.80),
    ("draft", 0.08),
    ("submitted", 0.05),
    ("returned", 0.03),
    ("approved", 0.04),
]
_YEAR_KEYS = {"evaluation_year", "fiscal_year", "current_year", "next_year", "target_year", "baseline_year"}
_YEAR_LIST_KEYS = {"window", "years"}
_NARRATIVE_LISTS = {"outline", "target_text", "progress", "paragraphs", "measure"}
"""Lists of paragraphs that a variant thins out (only when more than one is left)."""


# --- variants: the sample rewritten, validated and checked once -----------------------------------


@dataclass
class Variant:
    theme: int
    year: int
    document: dict[str, Any]
    narratives_tail: str
    """The narratives (as ``storage`` builds them) without their first line, the title."""
    indicator_facts: list[dict[str, Any]]
    budget_facts: list[dict[str, Any]]
    finding_facts: list[dict[str, Any]]
    actual_paths: list[tuple[tuple[Any, ...], str, int, str]] = field(default_factory=list)
    """Integer actuals: (path to the value cell, indicator id, fiscal year, series key)."""


def _replace_text(value: Any, theme: tuple[str, str, str]) -> Any:
    if isinstance(value, str):
        pair, country, region = theme
        return value.replace("日米", pair).replace("米国", country).replace("北米", region)
    if isinstance(value, list):
        return [_replace_text(v, theme) for v in value]
    if isinstance(value, dict):
        return {k: _replace_text(v, theme) for k, v in value.items()}
    return value


def _shift_years(value: Any, delta: int) -> Any:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if key in _YEAR_KEYS and isinstance(item, int) and not isinstance(item, bool):
                out[key] = item + delta
            elif key in _YEAR_LIST_KEYS and isinstance(item, list) and all(isinstance(y, int) for y in item):
                out[key] = [y + delta for y in item]
            elif key == "evaluated_on" and isinstance(item, str) and re.match(r"^\d{4}-", item):
                out[key] = f"{int(item[:4]) + delta}{item[4:]}"
            else:
                out[key] = _shift_years(item, delta)
        return out
    if isinstance(value, list):
        return [_shift_years(v, delta) for v in value]
    return value


def _thin(value: Any, rng: random.Random, keep: float) -> Any:
    """Drop paragraphs from the narrative lists at random, always keeping the first."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if key in _NARRATIVE_LISTS and isinstance(item, list) and len(item) > 1:
                out[key] = [item[0], *(p for p in item[1:] if rng.random() < keep)]
            else:
                out[key] = _thin(item, rng, keep)
        return out
    if isinstance(value, list):
        return [_thin(v, rng, keep) for v in value]
    return value


def _actual_paths(document: dict[str, Any]) -> list[tuple[tuple[Any, ...], str, int, str]]:
    paths = []
    for a, area in enumerate(document["areas"]):
        for i, ind in enumerate(area["indicators"]):
            if ind.get("kind") != "quantitative":
                continue
            for y, year in enumerate(ind["years"]):
                for v, value in enumerate(year["actuals"]):
                    cell = value["value"]
                    if cell["status"] == "value" and isinstance(cell["value"], int) and cell["value"] > 0:
                        path = ("areas", a, "indicators", i, "years", y, "actuals", v, "value")
                        paths.append((path, ind["id"], year["fiscal_year"], value.get("series") or ""))
    return paths


def make_variants(seed: int) -> list[Variant]:
    """One variant per theme × evaluation year (80), each validated and checked once."""
    from hyoka.core import EvaluationReport
    from hyoka.importers import import_bytes
    from hyoka.web.reports.storage import projections

    sample = import_bytes(SAMPLE.read_bytes(), name=SAMPLE.name).report.model_dump(mode="json")
    rng = random.Random(seed)
    variants = []
    for t, theme in enumerate(THEMES):
        themed = _replace_text(sample, theme)
        for year in YEARS:
            document = _thin(
                _shift_years(themed, year - sample["evaluation_year"]), rng, rng.uniform(*KEEP_SHARE)
            )
            model = EvaluationReport.model_validate(document)  # a variant must be a valid document
            document = model.model_dump(mode="json")
            rows = projections(model)  # the rows storage itself would write
            first, _newline, tail = rows.text.partition("\n")
            assert first == model.title, "the narratives start with the title"
            variant = Variant(t, year, document, tail, rows.indicators, rows.budget, rows.findings)
            variant.actual_paths = _actual_paths(document)
            variants.append(variant)
    return variants


# --- reports: a variant with its own names and numbers ---------------------------------------------


@dataclass
class Planned:
    """One report to load: its columns, its document and its projection rows."""

    ministry: str
    bureau: str
    measure_number: str
    evaluation_year: int
    title: str
    judgment: str
    status: str
    created_at: dt.datetime
    document: dict[str, Any]
    search_text: str
    indicator_facts: list[dict[str, Any]]
    budget_facts: list[dict[str, Any]]
    finding_facts: list[dict[str, Any]]


def _weighted(rng: random.Random, items: list[Any], weights: list[float]) -> Any:
    return rng.choices(items, weights=weights, k=1)[0]


def _set_path(document: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    """A copy of ``document`` with ``value`` at ``path``: only the containers on the path are copied."""
    root = copy.copy(document)
    node: Any = root
    for key in path[:-1]:
        child = copy.copy(node[key])
        node[key] = child
        node = child
    node[path[-1]] = value
    return root


def plan(count: int, seed: int, variants: list[Variant]) -> Iterator[Planned]:
    rng = random.Random(seed + 1)
    combos = [
        (ministry, f"{roman}-{n}", year)
        for ministry in MINISTRIES
        for roman in ROMAN
        for n in range(1, 13)
        for year in YEARS
    ]
    if count > len(combos):
        raise SystemExit(f"at most {len(combos)} distinct reports (ministry × measure × year)")
    rng.shuffle(combos)
    by_year: dict[int, list[Variant]] = {}
    for variant in variants:
        by_year.setdefault(variant.year, []).append(variant)
    tz = dt.timezone(dt.timedelta(hours=9))
    for ministry, measure, year in combos[:count]:
        variant = rng.choice(by_year[year])
        bureau = rng.choice(MINISTRIES[ministry])
        area = rng.choice(AREAS)
        title = f"{THEMES[variant.theme][2]}{area}" if ministry == "外務省" else area
        title += rng.choice(AIMS)
        label, letter, _w = _weighted(rng, JUDGMENTS, [w for *_x, w in JUDGMENTS])
        status = _weighted(rng, [s for s, _w in STATUSES], [w for _s, w in STATUSES])
        document = copy.copy(variant.document)
        document.update(
            ministry=ministry,
            bureau=bureau,
            measure_number=measure,
            report_code=f"{ROMAN.index(measure.split('-')[0]) + 1}-{measure}",
            title=title,
            judgment={**document["judgment"], "tier": label, "label": label, "letter": letter},
        )
        factor = rng.uniform(0.6, 1.4)
        actuals: dict[tuple[str, int, str], Decimal] = {}
        for path, indicator_id, fiscal_year, series in variant.actual_paths:
            node: Any = document
            for key in path:
                node = node[key]
            new = max(1, round(node["value"] * factor))
            document = _set_path(document, path, {**node, "value": new, "raw": f"{new:,}"})
            actuals[(indicator_id, fiscal_year, series)] = Decimal(new)
        indicator_facts = [
            {**f, "actual": actuals.get((f["indicator_id"], f["fiscal_year"], f["series"]), f.get("actual"))}
            for f in variant.indicator_facts
        ]
        created = dt.datetime(year, 4, 1, 9, tzinfo=tz) + dt.timedelta(minutes=rng.randrange(365 * 24 * 60))
        yield Planned(
            ministry=ministry,
            bureau=bureau,
            measure_number=measure,
            evaluation_year=year,
            title=title,
            judgment=label,
            status=status,
            created_at=created,
            document=document,
            search_text=f"{title}\n{variant.narratives_tail}",
            indicator_facts=indicator_facts,
            budget_facts=variant.budget_facts,
            finding_facts=variant.finding_facts,
        )


# --- loading ------------------------------------------------------------------------------------


def _next_id(model: Any) -> int:
    from django.db.models import Max

    return int(model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


def load(planned: Iterator[Planned], *, batch: int = BATCH, progress: bool = True) -> dict[str, Any]:
    """Write the planned reports in batches; returns counts and the published reports' ids."""
    from django.contrib.auth.models import User
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from hyoka.web.reports.models import (
        BudgetFact,
        Bureau,
        FindingFact,
        IndicatorFact,
        Ministry,
        PublishedSearchText,
        Report,
        Revision,
        SearchText,
    )

    author = User.objects.get_or_create(username="corpus")[0]
    ministries = {name: Ministry.objects.get_or_create(name=name)[0].pk for name in MINISTRIES}
    bureaus = {
        (name, bureau): Bureau.objects.get_or_create(ministry_id=ministries[name], name=bureau)[0].pk
        for name, names in MINISTRIES.items()
        for bureau in names
    }
    sqlite = connection.vendor == "sqlite"
    next_report, next_revision = _next_id(Report), _next_id(Revision)
    published: list[int] = []
    counts = {"reports": 0, "indicator_facts": 0, "budget_facts": 0, "finding_facts": 0, "search_chars": 0}
    started = time.perf_counter()

    def flush(rows: list[Planned]) -> None:
        nonlocal next_report, next_revision
        reports, revisions = [], []
        report_stamps: list[tuple[dt.datetime, dt.datetime, int]] = []
        revision_stamps: list[tuple[dt.datetime, int]] = []
        indicator_facts, budget_facts, finding_facts, texts = [], [], [], []
        public_texts: list[PublishedSearchText] = []
        for p in rows:
            report_id, revision_id = next_report, next_revision
            next_report += 1
            next_revision += 1
            is_published = p.status == "published"
            reports.append(
                Report(
                    pk=report_id,
                    ministry_id=ministries[p.ministry],
                    bureau_id=bureaus[(p.ministry, p.bureau)],
                    measure_number=p.measure_number,
                    evaluation_year=p.evaluation_year,
                    title=p.title,
                    judgment=p.judgment,
                    published_title=p.title if is_published else "",
                    published_judgment=p.judgment if is_published else "",
                    published_measure_number=p.measure_number if is_published else "",
                    published_evaluation_year=p.evaluation_year if is_published else None,
                    status=p.status,
                    current_revision_id=revision_id,
                    published_revision_id=revision_id if is_published else None,
                )
            )
            revisions.append(
                Revision(
                    pk=revision_id,
                    report_id=report_id,
                    number=1,
                    author=author,
                    reason="取込: corpus",
                    data=p.document,
                )
            )
            report_stamps.append((p.created_at, p.created_at, report_id))
            revision_stamps.append((p.created_at, revision_id))
            indicator_facts += [IndicatorFact(report_id=report_id, **f) for f in p.indicator_facts]
            budget_facts += [BudgetFact(report_id=report_id, **f) for f in p.budget_facts]
            finding_facts += [FindingFact(report_id=report_id, **f) for f in p.finding_facts]
            texts.append(SearchText(report_id=report_id, text=p.search_text))
            if is_published:
                public_texts.append(PublishedSearchText(report_id=report_id, text=p.search_text))
            counts["search_chars"] += len(p.search_text)
            if is_published:
                published.append(report_id)
        with transaction.atomic():
            # Report → Revision and back: the foreign keys are checked at commit
            Report.objects.bulk_create(reports)
            Revision.objects.bulk_create(revisions)
            IndicatorFact.objects.bulk_create(indicator_facts)
            BudgetFact.objects.bulk_create(budget_facts)
            FindingFact.objects.bulk_create(finding_facts)
            SearchText.objects.bulk_create(texts)
            PublishedSearchText.objects.bulk_create(public_texts)
            with connection.cursor() as cursor:
                # auto_now(_add) stamps every row with the load time: spread them over the year
                cursor.executemany(
                    "UPDATE reports_report SET created_at = %s, updated_at = %s WHERE id = %s",
                    report_stamps,
                )
                cursor.executemany(
                    "UPDATE reports_revision SET created_at = %s WHERE id = %s",
                    revision_stamps,
                )
                if sqlite:
                    cursor.executemany(
                        "INSERT INTO reports_search_fts (rowid, text, report_id) VALUES (%s, %s, %s)",
                        [(t.report_id, t.text, t.report_id) for t in texts],
                    )
                    cursor.executemany(
                        "INSERT INTO reports_search_fts_published (rowid, text, report_id) "
                        "VALUES (%s, %s, %s)",
                        [(t.report_id, t.text, t.report_id) for t in public_texts],
                    )
        counts["reports"] += len(rows)
        counts["indicator_facts"] += len(indicator_facts)
        counts["budget_facts"] += len(budget_facts)
        counts["finding_facts"] += len(finding_facts)
        if progress:
            elapsed = time.perf_counter() - started
            print(f"  {counts['reports']:>6} reports loaded ({elapsed:.0f} s)", file=sys.stderr)

    pending: list[Planned] = []
    for p in planned:
        pending.append(p)
        if len(pending) >= batch:
            flush(pending)
            pending = []
    if pending:
        flush(pending)
    # the reports and revisions were given their ids: move PostgreSQL's sequences past them, so the
    # app's own inserts (a saved revision) get new ids (SQLite needs nothing: it takes the largest)
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [Report, Revision]):
            cursor.execute(statement)
    return {**counts, "published_ids": published}


@contextmanager
def _fast_writes() -> Iterator[None]:
    """On SQLite, no journal and no fsync while loading (a crash leaves a corpus to rebuild, nothing
    else), then back to the app's WAL. The full-text tables keep their default merging, and nothing
    is optimised or analysed afterwards: the database is as the app itself would have left it."""
    from django.db import connection

    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode=OFF")
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.execute("PRAGMA cache_size=-262144")  # 256 MiB
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")


def build(data_dir: Path | None, count: int, seed: int, *, progress: bool = True) -> dict[str, Any]:
    """Migrate the database of ``data_dir`` and load ``count`` reports; writes and returns the
    manifest. Sets up Django, so call it once per process."""
    if data_dir is not None:
        data_dir.mkdir(parents=True, exist_ok=True)
        os.environ["HYOKA_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hyoka.web.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    timings: dict[str, float] = {}
    start = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    timings["migrate_s"] = time.perf_counter() - start
    start = time.perf_counter()
    variants = make_variants(seed)
    timings["variants_s"] = time.perf_counter() - start
    start = time.perf_counter()
    with _fast_writes():
        counts = load(plan(count, seed, variants), progress=progress)
    timings["load_s"] = time.perf_counter() - start
    published = counts.pop("published_ids")
    database = settings.DATABASES["default"]
    manifest = {
        "count": count,
        "seed": seed,
        "published": len(published),
        "published_ids": published,
        "variants": len(variants),
        **counts,
        "database": connection.vendor,
        "database_bytes": _size(Path(str(database["NAME"]))) if connection.vendor == "sqlite" else None,
        "timings": {k: round(v, 1) for k, v in timings.items()},
        "built": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    }
    if data_dir is not None:
        (data_dir / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return manifest


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data-dir", type=Path, required=True, help="HYOKA_DATA_DIR of the corpus")
    parser.add_argument(
        "--count", type=int, default=DEFAULT_COUNT, help=f"reports (default {DEFAULT_COUNT:,})"
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})"
    )
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")
    started = time.perf_counter()
    manifest = build(args.data_dir, args.count, args.seed)
    summary = {k: v for k, v in manifest.items() if k != "published_ids"}
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    print(f"corpus of {args.count:,} reports built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
