"""docs/rules.md §5 on the real sample, and errors planted in copies of its text.

Each plant edits one line of the sample text, imports the copy, and checks it: the planted
error must be found with its code, location and source line, and nothing else may change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hyoka.core import Issue
from hyoka.importers import import_bytes
from hyoka.rules import CheckResult, check_report

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "mofa-r2-I-2-hokubei.txt"
TEXT = SAMPLE.read_text(encoding="utf-8")


def _check(text: str) -> CheckResult:
    return check_report(import_bytes(text.encode("utf-8"), name="planted.txt").report)


def _key(f: Issue) -> tuple[str, str, int | None]:
    return (f.code, f.location, f.lines.first if f.lines else None)


@pytest.fixture(scope="module")
def baseline() -> CheckResult:
    return _check(TEXT)


def _plant(line: int, old: str, new: str) -> str:
    lines = TEXT.split("\n")
    assert old in lines[line - 1], f"line {line} does not hold {old!r}"
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return "\n".join(lines)


def test_sample_proposals(baseline: CheckResult) -> None:
    proposed = {key: (p.proposed, p.recorded) for key, p in baseline.indicators.items()}
    assert proposed == {
        "1-1": (None, "b"),
        "1-2": (None, "b"),
        "1-3": ("b", "b"),
        "1-4": ("a", "b"),
        "1-5": ("b", "b"),
        "2-1": (None, "s"),
        "2-2": (None, "b"),
        "3-1": (None, "b"),
        "3-2": (None, "b"),
    }
    assert baseline.judgment.proposed is not None
    assert (baseline.judgment.proposed.label, baseline.judgment.proposed.letter) == ("相当程度進展あり", "B")
    assert (baseline.judgment.recorded_label, baseline.judgment.recorded_letter) == ("相当程度進展あり", "B")


def test_sample_findings(baseline: CheckResult) -> None:
    codes = [f.code for f in baseline.findings]
    assert not [f for f in baseline.findings if f.severity.value == "error"]
    assert not [c for c in codes if c.startswith(("H2", "H4"))]
    h301 = [f for f in baseline.findings if f.code == "H301"]
    assert [(f.location, f.context["recorded"], f.context["proposed"]) for f in h301] == [
        ("/areas/0/indicators/3/recorded_grade", "b", "a")
    ]
    softened = {(f.location, f.context.get("fiscal_year")) for f in baseline.findings if f.code == "H501"}
    assert {loc.split("/years")[0] for loc, _ in softened} >= {
        "/areas/0/indicators/2",
        "/areas/0/indicators/3",
    }
    assert "/areas/0/indicators/2" in {loc.split("/years")[0] for loc, year in softened if year == 2018}
    far_above = {f.location.split("/years")[0] for f in baseline.findings if f.code == "H503"}
    assert "/areas/0/indicators/2" in far_above


PLANTS = [
    # (name, line, old, new, expected new findings as (code, location, a source line they cover))
    ("wrong 合計", 40, "\t671\t", "\t672\t", [("H201", "/budget/years/2/total", 40)]),
    (
        "調書 row breaks its 小計",
        12,
        "274,346",
        "274,347",
        [("H204", "/budget_sheet/sections/0/subtotals/0", 14)],
    ),
    (
        "tier label with the wrong letter",
        45,
        "相当程度進展あり (B)",
        "相当程度進展あり (A)",
        [("H304", "/judgment", 45)],
    ),
    (
        "changed actual disagrees with the recorded grade",
        339,
        "\t30\t26\t",
        "\t30\t20\t",
        [("H301", "/areas/0/indicators/2/recorded_grade", 49)],
    ),
]


@pytest.mark.parametrize(("name", "line", "old", "new", "expected"), PLANTS, ids=[p[0] for p in PLANTS])
def test_planted_error_is_found_and_nothing_else(
    baseline: CheckResult, name: str, line: int, old: str, new: str, expected: list[tuple[str, str, int]]
) -> None:
    planted = _check(_plant(line, old, new))
    before = {_key(f) for f in baseline.findings}
    new = [f for f in planted.findings if _key(f) not in before]
    assert sorted((f.code, f.location) for f in new) == sorted((code, loc) for code, loc, _ in expected), name
    for finding, (_, _, source_line) in zip(sorted(new, key=_key), sorted(expected), strict=True):
        assert finding.lines is not None
        assert finding.lines.first <= source_line <= finding.lines.last, name
    assert before - {_key(f) for f in planted.findings} == set(), name


def test_planted_narrative_total(baseline: CheckResult) -> None:
    line = next(n for n, text in enumerate(TEXT.split("\n"), 1) if "招へい1,220名" in text)
    planted = _check(_plant(line, "招へい1,220名", "招へい1,230名"))
    new = [f for f in planted.findings if _key(f) not in {_key(g) for g in baseline.findings}]
    assert [(f.code, f.lines.first if f.lines else None) for f in new] == [("H401", line)]
    assert new[0].context["total"] == 1230


def test_planted_main_flag_only_in_the_section(baseline: CheckResult) -> None:
    planted = _check(_plant(204, "日米・日加間の相互理解の進展", "日米・日加間の相互理解の進展 *"))
    new = [f for f in planted.findings if _key(f) not in {_key(g) for g in baseline.findings}]
    # 1-2 becomes a main indicator: the summary disagrees (H104), and a main indicator
    # now has no numeric target (H504, info).
    assert sorted(f.code for f in new) == ["H104", "H504"]
    (h104,) = [f for f in new if f.code == "H104"]
    assert h104.lines is not None
    assert h104.lines.first in (48, 204)
