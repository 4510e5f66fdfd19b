"""総務省's 主要な政策に係る評価書 (layout soumu): samples/real/soumu-h26-hyoukasho-seisaku2.txt, values read
by hand from the text (its .expected.toml says where the hand reading and the reader part)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hyoka.core import CellStatus, DocumentKind
from hyoka.importers import import_bytes
from hyoka.services import check_file

REAL = Path(__file__).resolve().parents[3] / "samples" / "real"
DOCUMENT = REAL / "soumu-h26-hyoukasho-seisaku2.txt"
SAMPLE = REAL.parent / "mofa-r2-I-2-hokubei.txt"


def _value(cell: object) -> Decimal | None:
    return getattr(cell, "value", None)


def test_soumu_h26_seisaku2() -> None:
    result = import_bytes(DOCUMENT.read_bytes(), name=DOCUMENT.name)
    report = result.report
    assert result.layout == "soumu"
    assert (report.kind, report.ministry, report.report_code) == (
        DocumentKind.EVALUATION,
        "総務省",
        "総務省 25-②",
    )
    assert (report.measure_number, report.title, report.evaluation_year) == (
        "2",
        "適正な行政管理の実施",
        2014,
    )
    assert report.judgment.monitoring_only is True
    assert report.judgment.tier is None
    assert [p.text for p in report.outline] == [
        "行政組織や行政運営の見直し・改善を図るとともに、各省に共通する行政制度を管理することにより、"
        "行政の総合的かつ効率的・効果的な実施を推進する。"
    ]
    assert [o.text for o in report.objectives] == [
        "機構・定員等の審査に関する取組及び電子政府の取組を進めることにより、行政運営の改善・効率化を実現する。"
        "また、行政手続制度、行政不服審査制度及び国の行政機関等の情報公開・個人情報保護制度を適正かつ円滑に"
        "運用することにより、行政の信頼性の確保及び透明性の向上を図る。"
    ]
    budget = report.budget
    assert budget.unit == "千円"
    rows = [
        (
            year.fiscal_year,
            _value(year.initial),
            _value(year.supplementary),
            _value(year.carryover),
            _value(year.total),
            _value(year.executed),
        )
        for year in budget.years
    ]
    assert rows == [
        (2011, Decimal(288180), Decimal(23940), Decimal(-23940), Decimal(288180), None),
        (2012, Decimal(287349), Decimal(0), Decimal(23940), Decimal(311289), None),
        (2013, Decimal(285731), Decimal(0), Decimal(0), Decimal(285731), None),
        (2014, Decimal(217306), Decimal(0), None, None, None),
    ]
    assert budget.years[0].carryover.raw == "-23,940"
    # Two 執行額 for three past years: which year lacks one the text does not say. Left empty, kept.
    assert all(year.executed.status is CellStatus.EMPTY for year in budget.years)
    h902 = [f for f in result.findings if f.code == "H902"]
    assert [(f.input, f.context["unresolved"]) for f in h902] == [
        ("-23,940 23,940 0", []),
        ("288,180 311,289 285,731 124,913 237,189", ["124,913", "237,189"]),
    ]
    assert h902[1].context["alignment"] == {
        "2011/total": "288,180",
        "2012/total": "311,289",
        "2013/total": "285,731",
    }
    assert report.areas == []
    assert [f.location for f in result.findings if f.code == "H906"] == ["/areas"]
    unplaced = [f.input for f in result.findings if f.code == "H901"]
    assert unplaced[0] == "すべて印刷される場合はこちらへ。 -総務省"
    assert unplaced[1] is not None and unplaced[1].startswith("施政方針演説等の名称\n")
    assert unplaced[2] is not None and unplaced[2].startswith("国民に広く申し立ての道を開く")


def test_soumu_h26_seisaku2_checks_with_the_soumu_profile() -> None:
    outcome = check_file(DOCUMENT, "soumu")
    assert outcome.imported.layout == "soumu"


def test_the_sample_and_its_budget_sheet_keep_their_layouts() -> None:
    assert import_bytes(SAMPLE.read_bytes(), name=SAMPLE.name).layout == "mofa-2020"
    head = "\n".join(SAMPLE.read_text(encoding="utf-8").split("\n")[:27]).encode("utf-8")
    assert import_bytes(head, name="chousho.txt").layout == "budget-sheet"
