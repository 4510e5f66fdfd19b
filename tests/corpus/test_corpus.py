"""hyoka.corpus: reproducible generated reports, clean by the rules, planted errors found."""

from __future__ import annotations

import itertools
import json
from collections import Counter
from pathlib import Path

import pytest

from hyoka.core import Direction, EvaluationReport, IndicatorKind, to_era
from hyoka.corpus import (
    FAMILIES,
    MANIFEST,
    CorpusError,
    CorpusFormat,
    GeneratedReport,
    PlantingError,
    generate_reports,
    load_seeds,
    parse_rates,
    render_corpus_file,
    write_corpus,
)
from hyoka.corpus.seeds import SeedError
from hyoka.importers import import_bytes
from hyoka.rules import CODES, check_report, load_profile

NONE = dict.fromkeys(FAMILIES, 0.0)
PROFILE = load_profile()


@pytest.fixture(scope="module")
def forty() -> list[GeneratedReport]:
    return list(generate_reports(40, 7, NONE))


@pytest.fixture(scope="module")
def planted() -> list[GeneratedReport]:
    """Every report gets one error of every family."""
    return list(generate_reports(80, 11, dict.fromkeys(FAMILIES, 1.0)))


# --- reproducibility -------------------------------------------------------------------------------


def _files(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def test_same_seed_gives_the_same_bytes(tmp_path: Path) -> None:
    write_corpus(tmp_path / "a", 6, 42)
    write_corpus(tmp_path / "b", 6, 42)
    a, b = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert len(a) == 7
    assert a == b


def test_different_seeds_differ(tmp_path: Path) -> None:
    one = write_corpus(tmp_path / "a", 6, 1, fmt=CorpusFormat.JSON)
    two = write_corpus(tmp_path / "b", 6, 2, fmt=CorpusFormat.JSON)
    assert [f["file"] for f in one["files"]] != [f["file"] for f in two["files"]]


# --- variety ---------------------------------------------------------------------------------------


def test_variety_on_forty_reports(forty: list[GeneratedReport]) -> None:
    reports = [g.report for g in forty]
    assert len(reports) == 40
    ministries = Counter(r.ministry for r in reports)
    assert len(ministries) == 3
    measures = {(r.ministry, r.measure_number) for r in reports}
    per_ministry = Counter(m for m, _ in measures)
    assert all(5 <= n <= 40 for n in per_ministry.values()), per_ministry
    assert len({(r.ministry, r.measure_number, r.evaluation_year) for r in reports}) == 40
    for r in reports:
        assert 1 <= len(r.areas) <= 4
        assert all(2 <= len(a.indicators) <= 8 for a in r.areas)
        assert 2016 <= r.evaluation_year <= 2025
        assert r.window == [r.evaluation_year - 3, r.evaluation_year - 2, r.evaluation_year - 1]
        assert [y.fiscal_year for y in r.budget.years] == [*r.window, r.evaluation_year]
        assert r.budget_sheet is not None and r.budget_sheet.current_year == r.evaluation_year
    indicators = [i for r in reports for i in r.indicators()]
    assert {i.kind for i in indicators} == {IndicatorKind.QUANTITATIVE, IndicatorKind.QUALITATIVE}
    assert {Direction.HIGHER, Direction.LOWER} <= {i.direction for i in indicators}
    assert any(len(i.series) >= 2 for i in indicators)
    years = [y for r in reports for y in r.budget.years if y.total.is_value]
    assert any(y.supplementary.value for y in years)
    assert any(y.carryover.value is not None and y.carryover.value < 0 for y in years)
    items = [i for r in reports if r.budget_sheet for s in r.budget_sheet.sections for i in s.items]
    assert any(i.current_initial_inclusive.is_value and not i.current_initial.is_value for i in items)
    eras = [{to_era(y)[0] for y in r.window} for r in reports]
    assert {"平成", "令和"} in eras
    assert {r.judgment.label for r in reports} >= {"目標達成", "相当程度進展あり"}


def test_successive_years_of_a_measure_share_their_years(forty: list[GeneratedReport]) -> None:
    by_measure: dict[tuple[str, str], list[EvaluationReport]] = {}
    for g in forty:
        by_measure.setdefault((g.report.ministry, g.report.measure_number), []).append(g.report)
    runs = [sorted(rs, key=lambda r: r.evaluation_year) for rs in by_measure.values() if len(rs) >= 2]
    assert runs
    for run in runs:
        for earlier, later in itertools.pairwise(run):
            assert later.evaluation_year == earlier.evaluation_year + 1
            assert [i.id for i in earlier.indicators()] == [i.id for i in later.indicators()]
            for a, b in zip(earlier.indicators(), later.indicators(), strict=True):
                shared = {y.fiscal_year: y for y in a.years}
                for year in b.years:
                    if year.fiscal_year in shared:
                        assert year.targets == shared[year.fiscal_year].targets
                        assert year.actuals == shared[year.fiscal_year].actuals
            shared_budget = {y.fiscal_year: y.initial for y in earlier.budget.years}
            assert all(y.initial == shared_budget[y.fiscal_year] for y in later.budget.years[:2])


# --- clean reports --------------------------------------------------------------------------------


def test_clean_reports_read_back_with_no_finding(forty: list[GeneratedReport]) -> None:
    """Through the text writer and the real importer: no import finding, no rule finding, the
    recorded grades are the proposed ones and the judgment is the proposed one."""
    for g in forty[:30]:
        imported = import_bytes(render_corpus_file(g.report, CorpusFormat.TEXT), name=g.plan.stem)
        assert imported.findings == [], g.plan.stem
        result = check_report(imported.report, PROFILE)
        assert result.findings == [], (g.plan.stem, [(f.code, f.location) for f in result.findings])
        for indicator in imported.report.indicators():
            proposal = result.indicators[indicator.id]
            if indicator.kind is IndicatorKind.QUANTITATIVE:
                assert indicator.recorded_grade is not None
                assert proposal.proposed == indicator.recorded_grade.letter
        assert result.judgment.proposed is not None
        assert result.judgment.proposed.label == imported.report.judgment.label


# --- planted errors ------------------------------------------------------------------------------


def _readable(error: dict[str, object]) -> bool:
    """Whether the narrative check reads the text the error was planted in (docs/corpus.md)."""
    detail = error["detail"]
    assert isinstance(detail, dict)
    if error["code"] == "H401":
        return detail["form"] != "explained"
    if error["code"] == "H402":
        phrasing = detail["phrasing"]
        return phrasing in ("plain", "versus") or (phrasing == "target_only" and detail["what"] == "target")
    return True


def test_every_planted_error_is_reported_where_planted(planted: list[GeneratedReport]) -> None:
    codes: Counter[str] = Counter()
    families: Counter[str] = Counter()
    for g in planted:
        findings = check_report(g.report, PROFILE).findings
        at = {(f.code, f.location) for f in findings}
        expected = set()
        for error in g.planted:
            codes[error.code] += 1
            if _readable(error.to_json()):
                assert (error.code, error.location) in at, (g.plan.stem, error)
                expected.add((error.code, error.location))
        assert at <= expected | {(e.code, e.location) for e in g.planted}, (g.plan.stem, at - expected)
        families.update({e.family for e in g.planted})
    # one error of each family per report, unless no indicator is left free for it (H1 comes late)
    assert all(families[f] == 80 for f in ("H2", "H3", "H4", "H5")), families
    assert families["H1"] == 76, families
    rule_codes = {c for c, info in CODES.items() if info.family in FAMILIES and c not in ("H101", "H306")}
    assert set(codes) == rule_codes


def test_a_planted_error_carries_through_what_a_person_would_change(planted: list[GeneratedReport]) -> None:
    """A kinder recorded grade moves the judgment with it: H301 alone, never H302 as well."""
    for g in planted:
        if any(e.code == "H301" for e in g.planted) and not any(e.code == "H302" for e in g.planted):
            assert "H302" not in {f.code for f in check_report(g.report, PROFILE).findings}


def test_manifest(tmp_path: Path) -> None:
    manifest = write_corpus(tmp_path / "c", 12, 5, {"H2": 0.5, "H3": 0.25}, fmt=CorpusFormat.JSON)
    on_disk = json.loads((tmp_path / "c" / MANIFEST).read_text(encoding="utf-8"))
    assert on_disk == manifest
    assert manifest["manifest_version"] == 1
    assert (manifest["seed"], manifest["reports"], manifest["format"]) == (5, 12, "json")
    assert manifest["plant"] == {"H1": 0.0, "H2": 0.5, "H3": 0.25, "H4": 0.0, "H5": 0.0}
    assert manifest["counts"]["planted"] == {"H1": 0, "H2": 6, "H3": 3, "H4": 0, "H5": 0}
    assert sum(manifest["counts"]["codes"].values()) == 9
    assert len(manifest["files"]) == 12
    assert sorted(p.name for p in (tmp_path / "c").iterdir()) == sorted(
        [MANIFEST, *(f["file"] for f in manifest["files"])]
    )
    for entry in manifest["files"]:
        assert set(entry) == {"file", "ministry", "measure", "title", "year", "window", "planted"}
        assert entry["file"] == f"{entry['file'].split('-')[0]}-{entry['measure']}-{entry['year']}.json"
        report = EvaluationReport.model_validate_json((tmp_path / "c" / entry["file"]).read_bytes())
        assert (report.ministry, report.measure_number, report.evaluation_year) == (
            entry["ministry"],
            entry["measure"],
            entry["year"],
        )
        for error in entry["planted"]:
            assert set(error) == {"family", "code", "location", "kind", "description", "detail"}
            assert CODES[error["code"]].family == error["family"]
            assert error["location"].startswith("/")


def test_output_directory_must_be_new_or_empty(tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x.txt").write_text("x", encoding="utf-8")
    with pytest.raises(CorpusError) as info:
        write_corpus(tmp_path / "full", 3, 1)
    assert (
        info.value.text("en")
        == f"{tmp_path / 'full'}: the output directory is not empty (give a new or empty directory)"
    )
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(CorpusError, match="出力先はディレクトリでなければなりません"):
        write_corpus(tmp_path / "file", 3, 1)


def test_more_reports_than_the_seeds_allow() -> None:
    with pytest.raises(CorpusError) as info:
        next(generate_reports(9000, 1))
    assert (
        info.value.text("en")
        == "--reports 9000: at most 8,000 reports fit the seeds (20 ministries × 40 measures × 10 years)"
    )


# --- --plant --------------------------------------------------------------------------------------


def test_parse_rates() -> None:
    assert parse_rates("H2=0.1,H3=0.05") == {"H1": 0.0, "H2": 0.1, "H3": 0.05, "H4": 0.0, "H5": 0.0}
    assert parse_rates(" h1 = 1 ") == {"H1": 1.0, "H2": 0.0, "H3": 0.0, "H4": 0.0, "H5": 0.0}
    assert parse_rates("none") == dict.fromkeys(FAMILIES, 0.0)
    assert parse_rates("all=0.2") == dict.fromkeys(FAMILIES, 0.2)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("", "empty --plant: give FAMILY=RATE pairs such as H2=0.1,H3=0.1, or none"),
        ("H2", "--plant H2: 'H2' is not FAMILY=RATE (e.g. H2=0.1)"),
        ("H7=0.1", "--plant H7=0.1: unknown family 'H7' (known: H1, H2, H3, H4, H5, all)"),
        ("H2=ten", "--plant H2=ten: the rate of H2 is not a number: 'ten'"),
        ("H2=1.5", "--plant H2=1.5: the rate of H2 must be from 0 to 1, not 1.5"),
        ("H2=nan", "--plant H2=nan: the rate of H2 must be from 0 to 1, not nan"),
        ("H2=0.1,h2=0.2", "--plant H2=0.1,h2=0.2: H2 is given twice"),
    ],
)
def test_bad_plant_specs(spec: str, message: str) -> None:
    with pytest.raises(PlantingError) as info:
        parse_rates(spec)
    assert info.value.text("en") == message
    assert info.value.text("ja") != message


def test_seeds_are_checked(tmp_path: Path) -> None:
    seeds = load_seeds()
    assert len(seeds.ministries) == 20
    bad = tmp_path / "seeds.toml"
    text = (Path(seeds.path)).read_text(encoding="utf-8")
    bad.write_text(text.replace('"{subject}地域外交"', '"{subject} 地域外交"', 1), encoding="utf-8")
    with pytest.raises(SeedError) as info:
        load_seeds(bad)
    assert (
        str(info.value)
        == f"{bad}: domains.diplomacy.measures[0]: contains a space or tab: '{{subject}} 地域外交'"
    )
