"""The sample's HTML, parsed with ``html.parser``: the head, the CSS, the 調書 rows, the budget table,
the indicator tables, the evaluation sheet, and the review mode (findings and proposed grades)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import pytest

from hyoka.core import EvaluationReport
from hyoka.importers import ImportResult
from hyoka.renderers.charts import budget_chart, indicator_chart
from hyoka.renderers.html import ReportCharts, render_report_html
from hyoka.rules import check_report

VOID = {"meta", "br", "img", "link", "input", "hr", "col", "wbr"}


@dataclass(eq=False)  # nodes compare by identity: a tree with parent links has no useful ==
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list, repr=False)
    parent: Node | None = field(default=None, repr=False)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self) -> Any:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str, class_: str | None = None) -> list[Node]:
        return [n for n in self.iter() if n.tag == tag and (class_ is None or class_ in n.classes)]

    def cells(self) -> list[str]:
        """The text of a row's th and td, in order."""
        return [c.text() for c in self.children if isinstance(c, Node) and c.tag in ("th", "td")]


class TreeBuilder(HTMLParser):
    """A tree of the document (html.parser unescapes the text: ``&lt;`` is ``<`` here)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root
        self.decl: str | None = None

    def handle_decl(self, decl: str) -> None:
        self.decl = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, parent=self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Node(tag, {k: v or "" for k, v in attrs}, parent=self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None and node.parent is not None, f"unmatched </{tag}>"
        self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(html: str) -> TreeBuilder:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    assert builder.current is builder.root, f"<{builder.current.tag}> left open"
    return builder


@pytest.fixture(scope="module")
def report(sample_result: ImportResult) -> EvaluationReport:
    return sample_result.report


@pytest.fixture(scope="module")
def charts(report: EvaluationReport) -> ReportCharts:
    indicators = {
        ind.id: svg for area in report.areas for ind in area.indicators if (svg := indicator_chart(ind))
    }
    return ReportCharts(budget=budget_chart(report.budget), indicators=indicators)


@pytest.fixture(scope="module")
def html(report: EvaluationReport, charts: ReportCharts) -> str:
    return render_report_html(report, charts=charts)


@pytest.fixture(scope="module")
def doc(html: str) -> Node:
    return parse(html).root


@pytest.fixture(scope="module")
def review_html(report: EvaluationReport, charts: ReportCharts) -> str:
    result = check_report(report)
    return render_report_html(
        report,
        findings=result.findings,
        proposals=result.to_json()["proposals"],
        charts=charts,
        review=True,
    )


@pytest.fixture(scope="module")
def review_doc(review_html: str) -> Node:
    return parse(review_html).root


def section(doc: Node, class_: str) -> Node:
    (found,) = doc.find_all("section", class_)
    return found


def rows(table: Node) -> list[list[str]]:
    return [tr.cells() for tr in table.find_all("tr")]


# --- the document and its style ---------------------------------------------------------------------


def test_doctype_lang_and_charset(html: str, doc: Node) -> None:
    assert html.startswith('<!DOCTYPE html>\n<html lang="ja">\n<head>\n<meta charset="utf-8">\n')
    (meta,) = doc.find_all("meta")
    assert meta.attrs == {"charset": "utf-8"}
    (title,) = doc.find_all("title")
    assert title.text() == "外務省 1-I-2 北米地域外交 令和2年度政策評価書"


def test_css_names_the_japanese_font_and_aligns_numbers_right(doc: Node) -> None:
    (head,) = doc.find_all("head")
    (style,) = head.find_all("style")
    css = style.text()
    assert 'font-family: "Noto Sans CJK JP"' in css
    assert re.search(r"td\.num[^{]*\{[^}]*text-align: right", css)
    assert re.search(r"@page\s*\{[^@]*size: A4", css)
    assert "counter(page)" in css


def test_no_script_and_no_external_resource(html: str, doc: Node) -> None:
    assert not doc.find_all("script")
    assert not doc.find_all("link")
    assert "http://" not in "".join(n.attrs.get("src", "") for n in doc.iter())


# --- 政策評価調書 ----------------------------------------------------------------------------------


def test_budget_sheet_comes_first(doc: Node) -> None:
    body = doc.find_all("body")[0]
    first = next(c for c in body.children if isinstance(c, Node))
    assert first.tag == "section" and first.classes == {"budget-sheet"}
    assert first.find_all("h1")[0].text() == "政策評価調書(個別票)"


def test_budget_sheet_header_rows(doc: Node) -> None:
    sheet = section(doc, "budget-sheet")
    head, amounts = sheet.find_all("table")
    assert rows(head) == [
        ["政策名", "北米地域外交", "番号", "②"],
        ["評価方式", "総合・実績・事業", "政策目標の達成度合い", "相当程度進展あり"],
    ]
    (thead,) = amounts.find_all("thead")  # repeated on each page of the PDF
    assert rows(thead) == [
        ["", "予算科目", "他に記載のある個別票の番号", "予算額"],
        ["会計", "組織／勘定", "項", "事項", "2年度当初予算額", "3年度概算要求額"],
    ]


def test_budget_sheet_rows_with_inclusive_lines(doc: Node) -> None:
    (tbody,) = section(doc, "budget-sheet").find_all("tbody")
    inclusive = ["", "<", ">の内数", "<", ">の内数"]
    assert rows(tbody) == [
        [
            "政策評価の対象となっているもの",
            "一般",
            "外務本省",
            "地域別外交費",
            "北米地域外交に必要な経費",
            "",
            "274,346",
            "",
            "230,045",
            "",
        ],
        ["一般", "在外公館", "地域別外交費", "北米地域外交に必要な経費", "", "377,359", "", "342,153", ""],
        ["小計", "一般会計", "651,705", "", "572,198", ""],
        inclusive,
        ["特別会計", "", "", "", ""],
        inclusive,
        [
            "政策評価の対象となっていないが、ある政策に属すると整理できるもの",
            "小計",
            "一般会計",
            "",
            "",
            "",
            "",
        ],
        inclusive,
        ["特別会計", "", "", "", ""],
        inclusive,
        ["合計", "一般会計", "651,705", "", "572,198", ""],
        inclusive,
        ["特別会計", "", "", "", ""],
        inclusive,
    ]


def test_amounts_are_right_aligned_cells_with_separators(doc: Node) -> None:
    sheet = section(doc, "budget-sheet")
    numbers = [td.text() for td in sheet.find_all("td", "num") if td.text() not in ("", "<")]
    assert numbers == ["274,346", "230,045", "377,359", "342,153", "651,705", "572,198", "651,705", "572,198"]
    (cell,) = [td for td in sheet.find_all("td") if td.text() == "274,346"]
    assert cell.classes == {"num"}


# --- 政策評価書: the header, the budget, the evaluation sheet -----------------------------------------


def test_report_header(doc: Node) -> None:
    report = section(doc, "report")
    texts = [p.text() for p in report.children if isinstance(p, Node) and p.tag in ("p", "h1")]
    assert texts[:3] == ["施策 I-2 北米地域外交", "令和2年度政策評価書", "(外務省 1-I-2)"]


def test_budget_table(doc: Node) -> None:
    report = section(doc, "report")
    budget = next(t for t in report.find_all("table") if "施策の予算額・執行額等" in t.text())
    assert rows(budget) == [
        ["施策の予算額・執行額等", "区分", "平成29年度", "平成30年度", "令和元年度", "令和2年度"],
        ["予算の状況(百万円)", "当初予算(a)", "370", "678", "685", "652"],
        ["補正予算(b)", "0", "0", "0", ""],
        ["繰越し等(c)", "0", "0", "△14", ""],
        ["合計(a+b+c)", "370", "678", "671", ""],
        ["執行額(百万円)", "326", "544", "532", ""],
    ]
    assert next(th.text() for th in budget.find_all("th", "num")) == "平成29年度"
    (minus,) = [td for td in budget.find_all("td") if td.text() == "△14"]
    assert minus.classes == {"num"}
    assert all(td.classes == {"num"} for td in budget.find_all("td"))


def test_evaluation_sheet(doc: Node, report: EvaluationReport) -> None:
    sheet = next(t for t in section(doc, "report").find_all("table") if "評価結果(注1)" in t.text())
    table = rows(sheet)
    assert table[0] == [
        "評価結果(注1)",
        "目標達成度の測定の結果",
        "(各行政機関共通区分) 相当程度進展あり (B)",
        "(判断根拠) 主要な測定指標がおおむね目標に近い実績を示したことから、左記のとおり判定した。",
    ]
    assert table[1] == [
        "測定指標の平成29・30・令和元年度目標の達成状況(注2)",
        "個別分野1 北米諸国との政治分野での協力推進",
    ]
    summary = [r for r in table[2:] if len(r) == 3]
    assert summary == [
        [("*" if e.is_main else "") + e.indicator_id, e.name, e.recorded_grade or ""]
        for e in report.results_summary
    ]
    assert [r for r in table[2:] if len(r) == 1] == [
        ["個別分野2 北米諸国との経済分野での協力推進"],
        ["個別分野3 米国との安全保障分野での協力推進"],
    ]
    assert "提案" not in sheet.text()


def test_every_indicator_is_shown(doc: Node, report: EvaluationReport) -> None:
    headings = [n.text() for n in doc.iter() if n.tag in ("th", "h3") and n.text().startswith("測定指標")]
    for area in report.areas:
        for ind in area.indicators:
            name = f"測定指標{ind.id} {ind.name}{' *' if ind.is_main else ''}"
            assert headings.count(name) == 1, name


def test_indicator_table_headers_and_values(doc: Node) -> None:
    table = next(t for t in doc.find_all("table", "indicator") if "測定指標1-5" in t.text())
    header, years, columns, values = rows(table)
    assert header == [
        "測定指標1-5 米国における対日世論調査の結果(日本を友邦として信頼できると肯定的に回答した割合)"
    ]
    assert years[1:] == [
        "中期目標値",
        "平成29年度",
        "平成30年度",
        "令和元年度",
        "平成29・30・令和元年度目標の達成状況",
    ]
    assert columns == ["--年度", *["年度目標値", "実績値"] * 3, ""]
    # 令和元年度's actuals are not in the ministry's table: hyoka read them from the analysis (H902)
    assert values == [
        "—",
        "①76% ②86%",
        "①87% ②86%",
        "①84% ②88%",
        "①82% ②90%",
        "①84% ②89%",
        "①85%※ ②89%※",
        "b",
    ]
    year_cells = [th for th in table.find_all("th") if th.text() == "平成29年度"]
    assert year_cells[0].attrs["colspan"] == "2"


def test_inferred_values_are_marked_with_a_note(doc: Node) -> None:
    """Only 1-5's 令和元年度 actuals are hyoka's; their ※ is in hyoka's colour, and the note right
    after the table says where they came from."""
    marked = [n.text() for n in doc.find_all("span", "inferred-value")]
    assert marked == ["①85%※", "②89%※"]
    assert [n.text() for n in doc.find_all("span", "inferred")] == ["※", "※"]
    notes = [n.text() for n in doc.find_all("p", "inferred")]
    assert notes == ["※ hyoka が「施策の分析」から補った値です（府省の表には記載がありません）。"]
    (note,) = doc.find_all("p", "inferred")
    assert note.parent is not None
    siblings = [c for c in note.parent.children if isinstance(c, Node)]
    before = siblings[siblings.index(note) - 1]
    assert before.tag == "table" and "測定指標1-5" in before.text()


def test_charts_are_inline_svg(doc: Node, report: EvaluationReport) -> None:
    figures = doc.find_all("figure", "chart")
    assert len(figures) == 4  # the budget and 1-3, 1-4, 1-5
    for figure in figures:
        assert len(figure.find_all("svg")) == 1
    assert [f.attrs["aria-label"] for f in figures] == [
        "予算額・執行額の推移",
        "測定指標 1-3",
        "測定指標 1-4",
        "測定指標 1-5",
    ]


# --- review mode -----------------------------------------------------------------------------------


def test_plain_mode_shows_no_finding(html: str, doc: Node) -> None:
    assert not [n for n in doc.iter() if "review" in n.classes]
    assert "H301" not in html
    assert "提案" not in html
    assert "確認のための指摘" not in html


def test_review_lists_the_findings_first(review_doc: Node, report: EvaluationReport) -> None:
    findings = check_report(report).findings
    body = review_doc.find_all("body")[0]
    first = next(c for c in body.children if isinstance(c, Node))
    assert first.tag == "section"
    assert first.find_all("h2")[0].text() == f"確認のための指摘 ({len(findings)})"
    listed = first.find_all("p", "review")
    assert [p.text().split()[0] for p in listed] == [f.code for f in findings]


def test_review_shows_h301_at_indicator_1_4(review_doc: Node) -> None:
    table = next(t for t in review_doc.find_all("table", "indicator") if "測定指標1-4" in t.text())
    parent = table.parent
    assert parent is not None
    after = parent.children[parent.children.index(table) + 1 :]
    notes = []
    for node in after:
        if isinstance(node, Node):
            if node.tag == "p" and "review" in node.classes:
                notes.append(node)
            elif node.tag != "figure":
                break
    h301 = [p for p in notes if p.text().startswith("H301")]
    assert len(h301) == 1
    assert h301[0].classes == {"review", "warning"}
    assert "測定指標1-4の達成状況は「b」と記録されていますが、数値からの提案は「a」です" in h301[0].text()


def test_review_shows_the_proposed_grade_next_to_the_recorded(review_doc: Node) -> None:
    sheet = next(t for t in review_doc.find_all("table") if "評価結果(注1)" in t.text())
    grades = {r[0]: r[2] for r in rows(sheet) if len(r) == 3}
    assert grades["1-4"] == "b [提案: a]"
    assert grades["1-3"] == "b"  # the proposal agrees: nothing added
    assert grades["1-5"] == "b"
    judgment = rows(sheet)[0][2]
    assert judgment == "(各行政機関共通区分) 相当程度進展あり (B)"  # the proposal agrees: nothing added


def test_review_in_english_labels(report: EvaluationReport) -> None:
    result = check_report(report)
    html = render_report_html(
        report, findings=result.findings, proposals=result.to_json()["proposals"], review=True, lang="en"
    )
    assert "Findings for review" in html
    assert "[proposed: a]" in html


def test_evaluation_sheet_rowspans_cover_every_row(doc: Node) -> None:
    sheet = next(t for t in section(doc, "report").find_all("table") if "評価結果(注1)" in t.text())
    trs = sheet.find_all("tr")
    first = trs[0].find_all("th")[0]
    assert int(first.attrs["rowspan"]) == len(trs)
    inner = trs[1].find_all("th")[0]
    assert int(inner.attrs["rowspan"]) == len(trs) - 1
