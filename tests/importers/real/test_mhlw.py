"""厚生労働省 実績評価書 (令和の様式), layout ``mhlw-jisseki``, reader ``mhlw``: the three real excerpts in
samples/real/, imported by detection, with the values read by hand from each .txt (the .expected.toml
beside it), and checked with the ``mhlw`` rule profile.

Line numbers are the importer's: Python's ``splitlines`` also ends a line at the form feed that joins
the pages of mhlw-r7-jisseki-I-1-1.txt, so from its second page on they are one more per page than
an editor shows."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hyoka.core import DocumentKind, EvaluationReport, Tier
from hyoka.importers import ImportResult, import_bytes
from hyoka.importers.layout import detect_layout
from hyoka.importers.text.debris import join_cut_lines
from hyoka.importers.text.normalise import normalise_lines
from hyoka.services import check_file

ROOT = Path(__file__).resolve().parents[3]
REAL = ROOT / "samples" / "real"
SAMPLE = ROOT / "samples" / "mofa-r2-I-2-hokubei.txt"
I_1_1 = REAL / "mhlw-r7-jisseki-I-1-1.txt"
I_1_2 = REAL / "mhlw-r7-jisseki-I-1-2.txt"
I_11_2 = REAL / "mhlw-r7-jisseki-I-11-2.txt"


def _import(path: Path) -> ImportResult:
    return import_bytes(path.read_bytes(), name=path.name)


def _findings(result: ImportResult) -> list[tuple[str, str, tuple[int, int] | None]]:
    return [(i.code, i.location, (i.lines.first, i.lines.last) if i.lines else None) for i in result.findings]


def _indicators(report: EvaluationReport) -> list[tuple[int, str, str, str, list[str], str | None]]:
    return [
        (
            area.number,
            area.title,
            ind.id,
            ind.name,
            ind.notes,
            ind.recorded_grade.letter if ind.recorded_grade else None,
        )
        for area in report.areas
        for ind in area.indicators
    ]


def _value(cell: object) -> Decimal | None:
    return getattr(cell, "value", None)


def test_i_1_1_five_pages_with_the_judgment_on_both_scales() -> None:
    result = _import(I_1_1)
    report = result.report
    assert result.layout == "mhlw-jisseki"
    assert (report.kind, report.ministry, report.measure_number, report.title, report.evaluation_year) == (
        DocumentKind.EVALUATION,
        "厚生労働省",
        "I-1-1",  # 「施策目標Ⅰ-1-1」 in the banner's title; NFKC reads Ⅰ as I
        "",
        2025,  # the year after 令和6年度, the latest fiscal year the text names
    )
    assert report.budget.years == []
    # ③【相当程度進展あり】 (各行政機関共通区分) and B【目標達成に向けて進展あり】 (総合判定)
    judgment = report.judgment
    assert (judgment.legend, judgment.tier, judgment.label, judgment.letter) == (
        "各行政機関共通区分",
        Tier.SUBSTANTIAL_PROGRESS,
        "相当程度進展あり",
        "③",
    )
    assert [(j.legend, j.letter, j.label) for j in report.other_judgments] == [
        ("厚生労働省 総合判定", "B", "目標達成に向けて進展あり")
    ]
    rationale = report.other_judgments[0].rationale or ""
    assert rationale.startswith("(判定理由)\n【達成目標1:医療の質向上に資する医療の質評価・公表等の推進】")
    assert rationale.endswith("・ 指標4については、過去1年以内に自治")
    goal1 = "医療の質向上に資する医療の質評価・公表等の推進"
    goal2 = "地域の実情に応じた歯科口腔保健施策の推進"
    assert _indicators(report) == [
        # ids as written; 指標1 and 指標2 are only in the 判定理由 (their rows are not in the excerpt)
        (1, goal1, "指標1", "", [], "△"),
        (1, goal1, "指標2", "", [], "△"),
        # the name cell joined: 歯科健診を実施している自治 / 体数, between two other cells
        (2, goal2, "指標3", "歯科健診を実施している自治体数", ["(アウトプット)"], "○"),
        (2, goal2, "指標4", "", [], None),
        # page 13 follows page 5: its goal is not in the excerpt
        (0, "", "指標24", "将来の病床数の必要量との差異の解析を行った実施率", ["(アウトプット)"], None),
    ]
    assert all(ind.years == [] for ind in report.indicators())  # no value row is in the excerpt
    analysis = [(a.indicator_id, a.heading) for area in report.areas for a in area.analysis]
    assert analysis == [
        ("指標1", "有効性の評価"),
        ("指標2", "有効性の評価"),
        ("指標3", "有効性の評価"),
        ("指標4", "有効性の評価"),
    ]
    assert (
        report.areas[1].analysis[1].paragraphs[0].text
        == "指標4については、令和4年度、令和5年度ともに過去1年以内に"
    )
    assert _findings(result) == [
        # the mirror's banner on each of the five pages: one H907 each, consumed
        ("H907", "", (1, 11)),
        ("H907", "", (36, 46)),
        ("H907", "", (69, 79)),
        ("H907", "", (98, 108)),
        ("H907", "", (124, 134)),
        ("H906", "/measure_number", None),
        ("H906", "/title", None),
        ("H906", "/ministry", None),
        ("H906", "/evaluation_year", None),
        # the rows' other cells, interleaved line by line: kept, not assigned
        ("H902", "/areas/1/indicators/0", (49, 63)),
        ("H902", "/areas/2/indicators/0", (80, 94)),
        ("H906", "/areas/2/indicators/0", None),
        # 施策に関係する内閣の重要政策, the cells around 「達成目標1について」, and 指標3's cut text
        ("H901", "", (12, 17)),
        ("H901", "", (19, 27)),
        ("H901", "", (29, 33)),
        ("H901", "", (65, 66)),
    ]
    banner = result.findings[1]
    assert banner.input is not None and banner.input.startswith(
        "よむ、つかう、まなぶ。\n資料1-1_実績評価書案"
    )
    row = result.findings[9]
    assert row.input is not None and "(参考)令和5年度実績値(83.6%)は" in row.input


def test_i_1_1_check_with_the_mhlw_profile_proposes_exactly() -> None:
    outcome = check_file(I_1_1, "mhlw")
    proposals = outcome.to_json()["proposals"]
    assert {key: (p["proposed"], p["recorded"]) for key, p in proposals["indicators"].items()} == {
        "指標1": ("-", "△"),
        "指標2": ("-", "△"),
        "指標3": ("-", "○"),
        "指標4": ("-", None),
        "指標24": ("-", None),
    }
    assert all(
        p["trace"]["rule"] == "no year with a target and an actual" for p in proposals["indicators"].values()
    )
    judgment = proposals["judgment"]
    assert (judgment["proposed"], judgment["recorded"]) == (
        {"label": "相当程度進展あり", "letter": "③"},
        {"label": "相当程度進展あり", "letter": "③"},
    )
    assert judgment["trace"]["rule"] == "main indicators b or better (weighted share 1.00)"
    assert judgment["own_scales"] == [
        {
            "legend": "厚生労働省 総合判定",
            "source": "https://www.mhlw.go.jp/stf/shingi2/newpage_00152.html",
            "proposed": {"letter": "B", "label": "達成に向けて進展あり", "origin": "derived", "from_tier": 3},
            "recorded": {"letter": "B", "label": "目標達成に向けて進展あり", "origin": "document"},
            "recorded_agrees": True,
        }
    ]
    assert [(f.code, f.location) for f in outcome.rule_findings] == [
        ("H101", "/results_summary"),
        ("H101", "/budget/years"),
        ("H301", "/areas/0/indicators/0/recorded_grade"),
        ("H301", "/areas/0/indicators/1/recorded_grade"),
        ("H301", "/areas/1/indicators/0/recorded_grade"),
        ("H306", "/areas/1/indicators/1"),
        ("H306", "/areas/2/indicators/0"),
    ]


def test_i_1_2_a_row_without_its_id_is_kept_not_guessed() -> None:
    result = _import(I_1_2)
    report = result.report
    assert result.layout == "mhlw-jisseki"
    assert (report.kind, report.ministry, report.measure_number, report.title, report.evaluation_year) == (
        DocumentKind.EVALUATION,
        "厚生労働省",
        "I-1-2",
        "",
        2025,  # the year after 令和6年度 (「令和6年度から」)
    )
    assert [(a.number, a.title, a.indicators) for a in report.areas] == [
        (1, "医療機関の勤務環境に係る管理者(院長)の意識改革", [])
    ]
    assert report.judgment.tier is None and report.other_judgments == []
    assert report.budget.years == []
    assert _findings(result) == [
        ("H907", "", (1, 11)),
        ("H902", "", (14, 25)),
        ("H906", "/measure_number", None),
        ("H906", "/title", None),
        ("H906", "/ministry", None),
        ("H906", "/evaluation_year", None),
        ("H906", "/judgment", None),
    ]
    row = result.findings[1]
    # the name cell joined over three lines between two other cells; the page ends at 「受講者」
    assert row.context == {"name": "病院長等に対する労務管理に関するマネジメント研修の受講者"}
    assert (
        row.input is not None and "目標を1500人としており" in row.input and "目標は1,000人とし" in row.input
    )
    outcome = check_file(I_1_2, "mhlw")
    assert outcome.result.indicators == {}
    assert outcome.to_json()["proposals"]["judgment"]["proposed"] is None


def test_i_11_2_budget_table_with_year_headers_out_of_order() -> None:
    result = _import(I_11_2)
    report = result.report
    assert result.layout == "mhlw-jisseki"
    assert (report.kind, report.ministry, report.measure_number, report.title, report.evaluation_year) == (
        DocumentKind.EVALUATION,
        "厚生労働省",
        "I-11-2",
        "",
        2025,  # the budget table's last year
    )
    assert report.budget.unit == "千円"
    rows = [
        (
            y.fiscal_year,
            _value(y.initial),
            _value(y.supplementary),
            _value(y.carryover),
            _value(y.total),
            _value(y.executed),
        )
        for y in report.budget.years
    ]
    assert rows == [
        (2021, 6291780, -237714, 3035673, 9089739, 8028387),
        (2022, 5720202, -87, -5000, 5715115, 5065872),
        (2023, 5621768, -160, 0, 5621608, 5033980),
        (2024, 5700163, 1186572, 10800, 6897535, 5324022),
        # the current year: 当初 and 補正 only (the short rows are confirmed by a+b+c and 執行率)
        (2025, 5424377, 0, None, None, None),
    ]
    assert report.budget.years[0].supplementary.raw == "-237,714"
    assert [(a.number, a.title, a.indicators) for a in report.areas] == [(1, "", [])]
    assert _findings(result) == [
        ("H902", "/budget", (14, 18)),  # 令和4, 3, 5, 6, 7年度: read in ascending order
        ("H907", "", (1, 11)),
        ("H906", "/measure_number", None),
        ("H906", "/title", None),
        ("H906", "/ministry", None),
        ("H906", "/judgment", None),
        ("H906", "/areas/0/title", None),
        ("H901", "", (54, 58)),
        ("H901", "", (60, 67)),
    ]
    assert result.findings[0].context == {
        "header_order": [2022, 2021, 2023, 2024, 2025],
        "years": [2021, 2022, 2023, 2024, 2025],
    }
    outcome = check_file(I_11_2, "mhlw")
    assert not [f for f in outcome.rule_findings if f.code.startswith("H2")]  # a+b+c and 執行率 hold


def test_detection_of_the_mhlw_documents_takes_nothing_from_the_others() -> None:
    def detected(text: str) -> str | None:
        found = detect_layout([line.text for line in join_cut_lines(normalise_lines(text))])
        return found.layout.name if found else None

    sample = SAMPLE.read_text(encoding="utf-8")
    assert detected(sample) == "mofa-2020"
    assert detected("\n".join(sample.splitlines()[:27])) == "budget-sheet"
    for path in (I_1_1, I_1_2, I_11_2):
        assert detected(path.read_text(encoding="utf-8")) == "mhlw-jisseki"
