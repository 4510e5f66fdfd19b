"""文部科学省's 実績評価 pages of the 平成20年代 (layout mext-jisseki): samples/real/mext-h20-jisseki-1-1.txt
and samples/real/mext-h21-hyoukasho-seisaku3.txt, values read by hand from the text. The letters are
文部科学省's own scale S/A/B/C, never mapped to the shared five tiers; ids keep the U+2010 hyphen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hyoka.core import DocumentKind, IndicatorKind, Issue
from hyoka.importers import import_bytes
from hyoka.services import check_file

REAL = Path(__file__).resolve().parents[3] / "samples" / "real"
H20 = REAL / "mext-h20-jisseki-1-1.txt"
H21 = REAL / "mext-h21-hyoukasho-seisaku3.txt"
SAMPLE = REAL.parent / "mofa-r2-I-2-hokubei.txt"


def _absent(findings: list[Issue]) -> list[str]:
    return [f.location for f in findings if f.code == "H906"]


def test_mext_h20_jisseki_1_1() -> None:
    result = import_bytes(H20.read_bytes(), name=H20.name)
    report = result.report
    assert result.layout == "mext-jisseki"
    assert (report.kind, report.ministry, report.measure_number, report.title) == (
        DocumentKind.EVALUATION,
        "文部科学省",
        "1-1",
        "教育改革に関する基本的な政策の推進等",
    )
    assert (report.evaluation_year, report.window) == (2008, [2007])
    assert report.bureau == "生涯学習政策局調査企画課(神代浩)"
    assert [o.text for o in report.objectives] == [
        "改正教育基本法の理念の下、豊かな人間性を備えた創造的な人材育成のための教育改革を推進するため、"
        "教育改革について周知・啓発を図る。また、教育統計調査及び国際研究協力活動等の着実な実施を図る。"
    ]
    assert [(n.mark, n.text) for n in report.notes] == [
        (
            "評価の判断基準",
            "各達成目標の平均から判断(S=4,A=3、B=2、C=1として計算)。 S=3.4~4.0 A=2.6~3.3 B=1.8~2.5 C=1.0~1.7",
        )
    ]
    assert report.judgment.tier is None
    assert report.other_judgments == []  # the 総合評価 comes after the excerpt's end
    indicators = report.indicators()
    assert [(i.id, i.kind, i.recorded_grade and i.recorded_grade.letter) for i in indicators] == [
        ("達成目標1\u20101\u20101", IndicatorKind.QUALITATIVE, "A"),
        ("達成目標1\u20101\u20102", IndicatorKind.QUALITATIVE, "A"),
    ]
    first, second = indicators
    assert first.name.startswith("改正教育基本法や、同法を受けて行われた制度改正の内容の周知・普及により")
    assert first.recorded_grade is not None and first.recorded_grade.window == [2007]
    (year,) = first.years
    assert year.fiscal_year == 2007
    assert [(p.level, p.text) for p in year.progress] == [
        (0, "改正教育基本法をはじめとする教育改革の趣旨の広報啓発の実施"),
        (
            1,
            "平成18年12月に改正された教育基本法の概要、趣旨等を掲載したパンフレットを作成し、"
            "都道府県・市町村教育委員会等を通じ、全国の学校等に配付・周知した。",
        ),
        (
            1,
            "また、「教育改革セミナー」を全国7カ所で開催し、改正教育基本法や教育改革の推進状況に関する"
            "広報・啓発を行った。(想定どおり達成)",
        ),
        (0, "教育改革の推進に必要な調査研究の実施"),
        (
            1,
            "教育振興基本計画の策定等に資するため、国内外の実態調査や、民間調査研究機関を活用し、"
            "調査研究を行った。(想定どおり達成)",
        ),
    ]
    assert second.name.endswith("それらを文部科学省にお")  # the excerpt is cut there
    assert second.years == []
    assert _absent(result.findings) == ["/evaluation_year", "/ministry", "/other_judgments", "/judgment"]
    unplaced = [f.input for f in result.findings if f.code == "H901"]
    assert unplaced == [
        "(基準年度:毎年度・達成年度:毎年度)",
        "関係課(課長名)\n生涯学習政策局政策課(栗山雅秀)",
    ]


def test_mext_h21_hyoukasho_seisaku3() -> None:
    result = import_bytes(H21.read_bytes(), name=H21.name)
    report = result.report
    assert result.layout == "mext-jisseki"
    assert (report.kind, report.ministry, report.measure_number, report.title) == (
        DocumentKind.EVALUATION,
        "文部科学省",
        "3",
        "義務教育の機会均等と水準の維持向上",
    )
    assert (report.evaluation_year, report.window) == (2009, [2008])
    assert report.bureau == "初等中等教育局財務課(高橋道和)"
    assert report.judgment.tier is None
    assert [(j.legend, j.letter, j.tier) for j in report.other_judgments] == [
        ("文部科学省 総合評価", "S", None)
    ]
    (area,) = report.areas
    (measure,) = area.indicators
    assert (measure.id, measure.name, measure.kind) == (
        "施策3\u20101",
        "義務教育に必要な教職員の確保",
        IndicatorKind.QUALITATIVE,
    )
    assert measure.recorded_grade is not None
    assert (measure.recorded_grade.letter, measure.recorded_grade.window) == ("S", [2008])
    (year,) = measure.years
    assert year.fiscal_year == 2008
    assert [p.text[:12] for p in year.progress] == ["公立義務教育諸学校におけ", "教員が子ども一人一人に向"]
    assert [(c.name, c.date, c.section) for c in area.cabinet_policies] == [
        ("教育振興基本計画", None, "3\u20101(第3章p22 4~8行目、p25 1~21行目、p39 10~19行目)"),
        ("骨太08", None, "3\u20101(第5章p26 16~23行目)"),
        ("参・文教科学委員会附帯決議", dt.date(2008, 3, 31), "3\u20101"),
    ]
    assert [p.text[:12] for p in area.next_steps.measure] == ["全国すべての地域において"]
    assert [p.text[:12] for p in report.outline] == ["全国すべての地域において"]
    assert [(n.mark, n.text) for n in report.notes] == [("備考", "特になし")]
    assert _absent(result.findings) == ["/evaluation_year", "/ministry", "/judgment"]
    unplaced = [f.input for f in result.findings if f.code == "H901"]
    assert unplaced == ["お問合せ先\n大臣官房政策課評価室\n-- 登録:平成21年以前--"]


def test_mext_pages_check_with_the_default_profile() -> None:
    for path in (H20, H21):
        assert check_file(path).imported.layout == "mext-jisseki"


def test_the_sample_and_its_budget_sheet_keep_their_layouts() -> None:
    assert import_bytes(SAMPLE.read_bytes(), name=SAMPLE.name).layout == "mofa-2020"
    head = "\n".join(SAMPLE.read_text(encoding="utf-8").split("\n")[:27]).encode("utf-8")
    assert import_bytes(head, name="chousho.txt").layout == "budget-sheet"
