"""hyoka.services.checking: check_file, the rule profile by name or path, the outcome."""

from __future__ import annotations

import json
from dataclasses import replace
from importlib import resources
from pathlib import Path

import pytest

from hyoka.core import Severity, SourceSpan
from hyoka.importers import ImportResult
from hyoka.services import (
    DEFAULT_PROFILE,
    CheckOutcome,
    InputError,
    NotAReportError,
    ProfileError,
    bundled_profiles,
    check_file,
    check_imported,
    import_file,
    report_to_json,
    resolve_profile,
)

BUNDLED = resources.files("hyoka.rules.profiles").joinpath("mofa-2020.toml").read_text(encoding="utf-8")


def profile_text(*replacements: tuple[str, str]) -> str:
    """The bundled mofa-2020 profile with each (old, new) replaced once (failing if absent)."""
    text = BUNDLED
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def write_profile(tmp_path: Path, text: str, name: str = "mine.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def outcome() -> CheckOutcome:
    return check_file(Path(__file__).resolve().parents[2] / "samples" / "mofa-r2-I-2-hokubei.txt")


# --- check_file on the sample -------------------------------------------------------------------


def test_import_findings_come_first(outcome: CheckOutcome, sample_path: Path) -> None:
    imported = import_file(sample_path).findings
    assert outcome.import_findings == imported
    assert outcome.findings == [*imported, *outcome.result.findings]
    assert outcome.rule_findings == outcome.result.findings
    assert [f.code[:2] for f in outcome.import_findings] == ["H9"] * len(imported)
    assert {f.code for f in imported} >= {"H902", "H904"}


def test_sample_proposals(outcome: CheckOutcome) -> None:
    indicators = outcome.result.indicators
    assert (indicators["1-4"].proposed, indicators["1-4"].recorded) == ("a", "b")
    assert (indicators["1-3"].proposed, indicators["1-3"].recorded) == ("b", "b")
    assert indicators["1-1"].proposed is None
    judgment = outcome.result.judgment
    assert judgment.proposed is not None
    assert (judgment.proposed.label, judgment.proposed.letter) == ("相当程度進展あり", "B")
    assert (judgment.recorded_label, judgment.recorded_letter) == ("相当程度進展あり", "B")
    assert outcome.profile == DEFAULT_PROFILE == "mofa-2020"


def test_sample_h301_on_1_4(outcome: CheckOutcome) -> None:
    h301 = [f for f in outcome.findings if f.code == "H301"]
    assert [f.location for f in h301] == ["/areas/0/indicators/3/recorded_grade"]
    assert h301[0].severity is Severity.WARNING
    assert h301[0].context["proposed"] == "a"
    assert h301[0].context["recorded"] == "b"


def test_has_errors_and_counts(outcome: CheckOutcome) -> None:
    severities = [f.severity for f in outcome.findings]
    assert outcome.has_errors is (Severity.ERROR in severities)
    counts = outcome.counts()
    assert list(counts) == ["error", "warning", "info"]
    assert counts == {s.value: severities.count(s) for s in Severity}
    assert sum(counts.values()) == len(outcome.findings)


def test_to_json(outcome: CheckOutcome) -> None:
    data = outcome.to_json()
    assert set(data) == {"profile", "findings", "proposals"}
    assert data["profile"] == "mofa-2020"
    assert data["findings"] == [f.model_dump(mode="json") for f in outcome.findings]
    assert set(data["proposals"]) == {"indicators", "judgment"}
    one_four = data["proposals"]["indicators"]["1-4"]
    assert set(one_four) == {"proposed", "recorded", "trace"}
    assert (one_four["proposed"], one_four["recorded"]) == ("a", "b")
    assert [y["fiscal_year"] for y in one_four["trace"]["years"]] == [2017, 2018, 2019]
    judgment = data["proposals"]["judgment"]
    assert judgment["proposed"] == {"label": "相当程度進展あり", "letter": "B"}
    assert judgment["recorded"] == {"label": "相当程度進展あり", "letter": "B"}
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def test_source_lines_are_the_files_lines(outcome: CheckOutcome, sample_path: Path) -> None:
    lines = sample_path.read_text(encoding="utf-8").splitlines()
    assert outcome.source_lines == tuple(lines)
    h301 = next(f for f in outcome.findings if f.code == "H301")
    assert h301.lines == SourceSpan.line(50)
    assert outcome.source(h301.lines) == [(50, lines[49])]
    assert "1 - 4" in lines[49]


def test_source_limit_and_end_of_file(outcome: CheckOutcome) -> None:
    lines = outcome.source_lines
    assert outcome.source(SourceSpan(first=89, last=202), limit=3) == [
        (89, lines[88]),
        (90, lines[89]),
        (91, lines[90]),
    ]
    assert len(outcome.source(SourceSpan(first=89, last=202))) == 114
    end = len(lines)
    assert outcome.source(SourceSpan(first=end, last=end + 5)) == [(end, lines[-1])]
    assert outcome.source(SourceSpan.line(end + 1)) == []
    assert outcome.source(None) == []


# --- other inputs -------------------------------------------------------------------------------


def test_json_report_has_no_source_lines(sample_result: ImportResult, tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_text(report_to_json(sample_result.report), encoding="utf-8")
    checked = check_file(path)
    assert checked.imported.source_format == "json"
    assert checked.source_lines == ()
    assert checked.import_findings == []
    assert checked.source(SourceSpan.line(50)) == []
    assert checked.name == str(path)


def test_wrong_total_is_an_h201_error(sample_result: ImportResult, tmp_path: Path) -> None:
    data = json.loads(report_to_json(sample_result.report))
    assert data["budget"]["years"][2]["total"]["value"] == 671
    data["budget"]["years"][2]["total"]["value"] = 672
    path = tmp_path / "wrong.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    checked = check_file(path)
    assert checked.has_errors is True
    assert [f.location for f in checked.findings if f.code == "H201"] == ["/budget/years/2/total"]


def test_check_imported(sample_result: ImportResult) -> None:
    checked = check_imported(sample_result, resolve_profile(), name="sample.txt")
    assert checked.name == "sample.txt"
    assert checked.source_lines == ()
    assert checked.findings[: len(sample_result.findings)] == sample_result.findings
    assert checked.result.indicators["1-4"].proposed == "a"


def test_empty_file_is_not_a_report(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(NotAReportError) as caught:
        check_file(path)
    assert str(caught.value) == f"{path}: ファイルが空です"


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nothing.txt"
    with pytest.raises(InputError) as caught:
        check_file(path)
    assert caught.value.text("en") == f"{path}: cannot read: no such file"


# --- rule profiles ------------------------------------------------------------------------------


def test_bundled_profiles() -> None:
    assert bundled_profiles() == ["mhlw", "mofa-2020", "soumu"]
    assert resolve_profile().name == "mofa-2020"
    assert resolve_profile("mofa-2020") == resolve_profile(None)


def test_unknown_bundled_name() -> None:
    with pytest.raises(ProfileError) as caught:
        resolve_profile("nope")
    assert str(caught.value) == (
        "no bundled rule profile named 'nope' "
        "(bundled: mhlw, mofa-2020, soumu; or give the path of a .toml file)"
    )


def test_profile_from_a_path_or_a_string(tmp_path: Path) -> None:
    path = write_profile(tmp_path, profile_text(('name = "mofa-2020"', 'name = "mine"')))
    assert resolve_profile(path).name == "mine"
    assert resolve_profile(str(path)).name == "mine"


def test_a_string_with_a_slash_is_a_path(tmp_path: Path) -> None:
    path = write_profile(tmp_path, profile_text(('name = "mofa-2020"', 'name = "mine"')), name="mine")
    assert resolve_profile(str(path)).name == "mine"
    with pytest.raises(ProfileError):
        resolve_profile("mine")


def test_profile_unknown_key_names_it(tmp_path: Path) -> None:
    path = write_profile(tmp_path, profile_text(("far_above = 1.50", "far_above = 1.50\nfar_below = 0.1")))
    with pytest.raises(ProfileError) as caught:
        resolve_profile(path)
    assert str(caught.value) == f"{path}: thresholds.far_below: Extra inputs are not permitted"


def test_profile_thresholds_out_of_order(tmp_path: Path) -> None:
    path = write_profile(tmp_path, profile_text(("near = 0.80", "near = 1.10")))
    with pytest.raises(ProfileError) as caught:
        resolve_profile(path)
    assert str(caught.value) == (
        f"{path}: thresholds: Value error, thresholds must satisfy near <= achieved <= exceeded"
    )


def test_profile_not_toml(tmp_path: Path) -> None:
    path = write_profile(tmp_path, 'name = "x"\n[')
    with pytest.raises(ProfileError) as caught:
        resolve_profile(path)
    assert str(caught.value).startswith(f"{path}: not valid TOML: ")


def test_profile_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "sjis.toml"
    path.write_bytes(BUNDLED.encode("cp932"))
    with pytest.raises(ProfileError) as caught:
        resolve_profile(path)
    assert str(caught.value).startswith(f"{path}: not UTF-8 text (undecodable byte at offset ")


def test_profile_file_missing(tmp_path: Path) -> None:
    path = tmp_path / "none.toml"
    with pytest.raises(InputError) as caught:
        resolve_profile(path)
    assert caught.value.text("en") == f"{path}: cannot read: no such file"


def test_the_profile_is_resolved_before_the_report_is_read(tmp_path: Path) -> None:
    with pytest.raises(ProfileError):
        check_file(tmp_path / "missing.txt", "nope")


@pytest.mark.parametrize(
    ("strategy", "expected"),
    [
        # 1-3: exceeded, achieved, near; 1-4: exceeded, achieved, achieved;
        # 1-5 (two series): see docs/rules.md §5
        ("all_years", {"1-3": "b", "1-4": "a", "1-5": "b"}),
        ("final_year", {"1-3": "b", "1-4": "a", "1-5": "a"}),
        ("majority", {"1-3": "a", "1-4": "a", "1-5": "a"}),
    ],
)
def test_window_strategies(
    sample_path: Path, tmp_path: Path, strategy: str, expected: dict[str, str]
) -> None:
    path = write_profile(tmp_path, profile_text(('strategy = "all_years"', f'strategy = "{strategy}"')))
    checked = check_file(sample_path, path)
    proposed = {k: p.proposed for k, p in checked.result.indicators.items() if p.kind == "quantitative"}
    assert proposed == expected


def test_outcome_is_a_frozen_dataclass(outcome: CheckOutcome) -> None:
    again = replace(outcome, source_lines=("a",))
    assert again.source(SourceSpan(first=1, last=3)) == [(1, "a")]
    assert outcome.source_lines != again.source_lines
