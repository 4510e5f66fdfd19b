"""Random and mutated input: the importer returns an ``ImportResult`` or raises ``NotAReportError``,
nothing else; a returned report serialises, reads back, and every finding validates.

The random runs are marked ``fuzz`` (``pytest -m "not fuzz"`` skips them); about 200 examples per
property plus a seeded run of 300 mutations keep the module under half a minute. The small damaged
samples at the end are what the runs found: each must meet the same contract.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hyoka.core import EvaluationReport, Issue
from hyoka.importers import ImportResult, NotAReportError, import_bytes, import_text

SAMPLE_TEXT = (Path(__file__).resolve().parents[2] / "samples" / "mofa-r2-I-2-hokubei.txt").read_text("utf-8")
SAMPLE_LINES = SAMPLE_TEXT.split("\n")
FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def check_contract(run: Callable[[str], ImportResult], name: str = "fuzz.txt") -> str:
    """Run an import of the input called ``name``; return "report" or "not_a_report". Anything else
    raised fails the test."""
    try:
        result = run(name)
    except NotAReportError as exc:
        assert exc.where == name, "a NotAReportError names the input"
        assert str(exc).startswith(f"{name}: ")
        return "not_a_report"
    assert isinstance(result, ImportResult)
    assert isinstance(result.report, EvaluationReport)
    for finding in result.findings:
        assert Issue.model_validate(finding.model_dump()) == finding
        assert Issue.model_validate_json(finding.model_dump_json()) == finding
    text = result.report.model_dump_json()
    assert EvaluationReport.model_validate_json(text) == result.report
    return "report"


# --- (a) random text -----------------------------------------------------------------------------

FRAGMENTS = [
    "施策I-2 北米地域外交",
    "令和2年度政策評価書",
    "平成31年度政策評価書",
    "(外務省1-I-2)",
    "施策名\t北米地域外交",
    "施策目標\t1 目標 (1) 子目標",
    "施策の予算額・執行額等\t区分\t\t平成29年度\t令和元年度",
    "\t予算の状況(百万円)\t当初予算(a)\t370\t△14",
    "評価結果\t目標達成度の測定の結果\t(各行政機関共通区分) 相当程度進展あり (B)",
    "\t\t* 1-1\t名前\tb",
    "学識経験を有する者の知見の活用\t(グループ) ・意見",
    "担当部局名\t北米局\t政策評価実施時期\t令和2年9月",
    "個別分野1 北米",
    "測定指標1-1 指標 *",
    "測定指標1-3 会談数\t\t",
    "\t中期目標値\t平成29年度\t\t平成30年度\t\t平成29・30年度目標の達成状況",
    "\t--年度\t年度目標値\t実績値\t年度目標値\t実績値",
    "\t—\t18\t41\t①76% ②86%\t30",
    "中期目標(--年度)",
    "平成29年度目標",
    "施策の進捗状況・実績",
    "平成29・30・令和元年度目標の達成状況: b",
    "参考指標: 調査\t実績値",
    "施策の分析",
    "【測定指標1-1 指標 *】",
    "(平成29・30・令和元年度:協力推進(達成手段①))",
    "次期目標等への反映の方向性",
    "【測定指標】",
    "作成にあたって使用した資料その他の情報",
    "(https://www.mofa.go.jp/)",
    "政策評価調書(個別票)",
    "政策名\t北米\t番号\t②",
    "\t会計\t組織\t項\t事項\t\t2年度 当初予算額\t\t3年度 概算要求額",
    "政策評価の対象となっているもの\t一般\t本省\t項\t事項\t\t274,346\t\t230,045",
    "合計\t\t\t\t\t一般会計\t651,705\t\t572,198",
    "\t\t\t\t\t\t<\t>の内数\t<\t>の内数",
    "-----------------\t---",
    "令和0年度",
    "令和999年度",
    "平成 29 年度",
    "1 - 3",
    "①②③",
    "\t",
    "",
    " ",
    "\u3000",
]

line_text = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40))
random_text = st.one_of(
    st.text(max_size=2000),
    st.lists(line_text, max_size=60).map("\n".join),
)


@pytest.mark.fuzz
@FUZZ
@given(random_text)
def test_random_text(text: str) -> None:
    check_contract(lambda name: import_text(text, name=name), "fuzz.txt")


# --- (b) mutations of the sample ----------------------------------------------------------------

NOISE = st.lists(
    st.sampled_from(["\t", " ", "\u3000", "-", "①", "△", "%", "年度", "x", "0", "\r"]), min_size=1, max_size=6
).map("".join)


Mutation = tuple[str, int, int, str]
"""(kind, line index, a length or position or second index, noise): data, so a failing example prints."""

mutation = st.tuples(
    st.sampled_from(["delete", "duplicate", "swap", "insert", "truncate"]),
    st.integers(0, len(SAMPLE_LINES) - 1),
    st.integers(0, 1000),
    st.one_of(NOISE, st.text(min_size=1, max_size=5)),
)


def mutate(lines: list[str], change: Mutation) -> list[str]:
    """One change to the lines of a text: delete or duplicate a run of lines, swap two lines, insert
    characters into a line, or truncate the text."""
    kind, i, k, noise = change
    out = list(lines)
    if not out:
        return out
    i = min(i, len(out) - 1)
    if kind == "delete":
        del out[i : i + 1 + k % 40]
    elif kind == "duplicate":
        out[i:i] = out[i : i + 1 + k % 10]
    elif kind == "swap":
        j = k % len(out)
        out[i], out[j] = out[j], out[i]
    elif kind == "insert":
        p = min(k, len(out[i]))
        out[i] = out[i][:p] + noise + out[i][p:]
    else:
        text = "\n".join(out)
        out = text[: len(text) * k // 1000].split("\n")
    return out


def apply(changes: list[Mutation]) -> str:
    lines = list(SAMPLE_LINES)
    for change in changes:
        lines = mutate(lines, change)
    return "\n".join(lines)


@pytest.mark.fuzz
@FUZZ
@given(st.lists(mutation, min_size=1, max_size=4))
def test_mutated_sample(changes: list[Mutation]) -> None:
    text = apply(changes)
    check_contract(lambda name: import_text(text, name=name), "mutated.txt")


# --- (c) random bytes ---------------------------------------------------------------------------

random_bytes = st.one_of(
    st.binary(max_size=2000),
    random_text.map(lambda text: text.encode("utf-8")),
    random_text.map(lambda text: text.encode("cp932", errors="replace")),
    st.tuples(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"{", b"%PDF"]), st.binary()).map(
        b"".join
    ),
)


@pytest.mark.fuzz
@FUZZ
@given(random_bytes)
def test_random_bytes(data: bytes) -> None:
    check_contract(lambda name: import_bytes(data, name=name), "fuzz.bin")


# --- a seeded run: 300 mutations, outcomes counted --------------------------------------------


def seeded_change(rng: random.Random) -> Mutation:
    kind = rng.choice(["delete", "duplicate", "swap", "insert", "truncate"])
    noise = "".join(rng.choice("\t \u3000-①②△%年度x0()") for _ in range(rng.randint(1, 6)))
    return kind, rng.randrange(len(SAMPLE_LINES)), rng.randrange(1001), noise


def seeded_run(seed: int) -> tuple[str, str]:
    rng = random.Random(seed)
    changes = [seeded_change(rng) for _ in range(rng.randint(1, 3))]
    text = apply(changes)
    try:
        return check_contract(lambda name: import_text(text, name=name), f"seed-{seed}.txt"), ""
    except Exception as exc:  # the run counts every failure, then reports them together
        return "unexpected", f"seed {seed} {changes}: {type(exc).__name__}: {str(exc)[:200]}"


@pytest.mark.fuzz
def test_seeded_fuzz_run() -> None:
    outcomes: Counter[str] = Counter()
    failures: list[str] = []
    for seed in range(300):
        outcome, detail = seeded_run(seed)
        outcomes[outcome] += 1
        if detail:
            failures.append(detail)
    print(f"seeded fuzz run: {dict(outcomes)}")
    assert outcomes["unexpected"] == 0, "\n".join(failures[:20])
    assert outcomes["report"] > 0, "mutations of the sample should mostly still import"


# --- found by the runs: small damage to the sample, each must meet the contract -------------------


def edited(old: str, new: str, *, count: int = 1) -> str:
    assert old in SAMPLE_TEXT, old
    return SAMPLE_TEXT.replace(old, new, count)


def truncated_after(line: str) -> str:
    assert line in SAMPLE_TEXT, line
    return SAMPLE_TEXT[: SAMPLE_TEXT.index(line) + len(line)]


REFERENCE_HEADING = "参考指標：米国における対日世論調査の結果(日米安保条約を維持すべきとの回答の割合)"


@pytest.mark.parametrize(
    "text",
    [
        # a grade cell longer than a letter: RecordedGrade(letter=...) raises ValidationError
        pytest.param(
            edited("両政府間の協力関係の進展\tb\n", "両政府間の協力関係の進展\tb(注3)\n"),
            id="summary-grade-note",
        ),
        pytest.param(
            edited("\t—\t18\t41\t30\t30\t30\t26\t", "\t—\t18\t41\t30\t30\t30\t26\tb(注)"),
            id="table-grade-note",
        ),
        # era year 0 (「令和0年」): EraYearError escapes
        pytest.param(edited("令和 2 年度政策評価書", "令和 0 年度政策評価書"), id="report-year-0"),
        pytest.param(edited("令和元年度目標\n", "令和0年度目標\n"), id="indicator-year-0"),
        pytest.param(edited("実施時期\t令和2年9月", "実施時期\t令和0年9月"), id="evaluated-on-year-0"),
        # a fiscal year past 2200 (a doubled digit): ValidationError escapes
        pytest.param(
            edited("平成 29 年度\t平成 30 年度", "平成 290 年度\t平成 30 年度"), id="budget-year-290"
        ),
        pytest.param(edited("平成 29 年度目標", "平成 290 年度目標"), id="indicator-year-290"),
        pytest.param(edited("\t中期目標値\t平成29年度", "\t中期目標値\t平成290年度"), id="table-year-290"),
        # a 参考指標 heading with no table after it (a truncated file): IndexError
        pytest.param(truncated_after(REFERENCE_HEADING), id="reference-heading-at-end"),
    ],
)
def test_damaged_sample(text: str) -> None:
    check_contract(lambda name: import_text(text, name=name), "damaged.txt")
