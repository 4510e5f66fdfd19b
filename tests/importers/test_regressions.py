"""Bugs found on real documents, each a test named after what it reproduces."""

from __future__ import annotations

from hyoka.core import Cell, CellStatus, Direction, Tier
from hyoka.importers import ImportResult, import_bytes


def test_section_grade_line_naming_two_eras_is_read_as_the_grade(sample_result: ImportResult) -> None:
    """「平成29・30・令和元年度目標の達成状況：b」 names 令和 inside the year list; it was read as
    progress text and the grade copied from the summary instead."""
    report = sample_result.report
    lines = {
        ind.id: ind.recorded_grade.source.first
        for ind in report.indicators()
        if ind.recorded_grade is not None and ind.recorded_grade.source is not None
    }
    assert {key: lines[key] for key in ("1-1", "1-2", "2-1", "2-2", "3-1", "3-2")} == {
        "1-1": 202,
        "1-2": 334,
        "2-1": 608,
        "2-2": 673,
        "3-1": 854,
        "3-2": 898,
    }
    first_graded = next(ind for ind in report.indicators() if ind.recorded_grade is not None)
    assert first_graded.recorded_grade is not None
    assert first_graded.recorded_grade.window == [2017, 2018, 2019]
    progress = [p.text for ind in report.indicators() for y in ind.years for p in y.progress]
    assert not [text for text in progress if "目標の達成状況" in text]


def _import_edited(sample_bytes: bytes, *edits: tuple[str, str]) -> ImportResult:
    """The sample with each ``old`` text replaced by ``new`` (each must occur in it)."""
    text = sample_bytes.decode("utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    return import_bytes(text.encode("utf-8"), name="edited-sample.txt")


_NOTE_LINE = "(※)本施策は、個別分野を設定しており、"
_ROW_1_3 = "\t—\t18\t41\t30\t30\t30\t26\t"


def test_judgment_row_right_after_the_budget_table_is_read(sample_bytes: bytes) -> None:
    """A report without the (※) note has its 評価結果 row right after the budget table; the
    budget table took the row in and the judgment was lost."""
    text = sample_bytes.decode("utf-8")
    start = text.index(_NOTE_LINE)
    end = text.index("\n", start)
    result = _import_edited(sample_bytes, (text[start:end], ""))
    report = result.report
    assert (report.judgment.tier, report.judgment.letter) == (Tier.SUBSTANTIAL_PROGRESS, "B")
    assert (
        report.judgment.rationale
        == "主要な測定指標がおおむね目標に近い実績を示したことから、左記のとおり判定した。"
    )
    assert [note.mark for note in report.notes] == ["注1", "注2"]
    assert [b.total.value for b in report.budget.years] == [370, 678, 671, None]


def test_targets_written_as_at_most_ika_make_a_lower_is_better_indicator(sample_bytes: bytes) -> None:
    """「18以下」 in a 年度目標値 cell is a target stating its direction (lower is better); it was
    read as a value that is not a number (H905) and the target lost."""
    result = _import_edited(sample_bytes, (_ROW_1_3, "\t—\t18以下\t41\t30 以下\t30\t30以下\t26\t"))
    indicator = result.report.indicator("1-3")
    assert indicator.direction is Direction.LOWER
    targets = [
        (y.targets[0].value.value, y.targets[0].value.raw, y.targets[0].upper) for y in indicator.years
    ]
    assert targets == [(18, "18", None), (30, "30", None), (30, "30", None)]
    assert [y.actuals[0].value.value for y in indicator.years] == [41, 30, 26]
    assert [f.code for f in result.findings if f.location.startswith("/areas/0/indicators/2")] == []


def test_targets_written_as_a_range_or_at_least_ijou_keep_their_bounds(sample_bytes: bytes) -> None:
    """「80%~90%」 is a target range (value and upper bound), 「5以上」 a level to stay at or above."""
    result = _import_edited(
        sample_bytes,
        (_ROW_1_3, "\t—\t16~20\t41\t28～32\t30\t30〜35\t26\t"),
        ("\t—\t5\t10\t7\t8\t7\t7\t", "\t6以上\t5以上\t10\t7以上\t8\t7以上\t7\t"),
    )
    ranged = result.report.indicator("1-3")
    assert ranged.direction is Direction.WITHIN_RANGE
    bounds = [(y.targets[0].value.value, y.targets[0].upper) for y in ranged.years]
    assert [(low, upper.value if upper else None) for low, upper in bounds] == [(16, 20), (28, 32), (30, 35)]
    at_least = result.report.indicator("1-4")
    assert at_least.direction is Direction.AT_LEAST
    assert [y.targets[0].value.value for y in at_least.years] == [5, 7, 7]
    assert at_least.mid_term_target is not None
    assert [v.value.value for v in at_least.mid_term_target.values] == [6]
    assert not [
        f
        for f in result.findings
        if f.location.startswith(("/areas/0/indicators/2", "/areas/0/indicators/3"))
    ]


def test_targets_stating_different_directions_are_reported(sample_bytes: bytes) -> None:
    """A table whose targets state two directions keeps the first and says so (H905)."""
    result = _import_edited(sample_bytes, (_ROW_1_3, "\t—\t18以下\t41\t30以上\t30\t30以下\t26\t"))
    indicator = result.report.indicator("1-3")
    assert indicator.direction is Direction.LOWER
    assert [y.targets[0].value.value for y in indicator.years] == [18, 30, 30]
    found = [f for f in result.findings if f.location == "/areas/0/indicators/2/years"]
    assert [(f.code, f.input, f.context) for f in found] == [
        ("H905", "30以上", {"direction": "lower", "stated": "at_least"})
    ]
    # the directions in words of the reader's language, never the model's English values
    assert [(f.message, f.message_en) for f in found] == [
        (
            "目標値「30以上」の書き方が示す方向(以上で達成)が、最初の目標値の方向(低いほど良い)と異なります。"
            "方向は低いほど良いとして読み込みました。",
            "Target '30以上' states the direction at least the target, unlike the first target "
            "(lower is better); the indicator was read as lower is better.",
        )
    ]


_MID_2023 = "\t令和5年度\t年度目標値\t実績値\t年度目標値\t実績値\t年度目標値\t実績値\t\n\t—\t18"


def test_mid_term_target_year_stated_in_era_is_read_as_a_fiscal_year(sample_bytes: bytes) -> None:
    """「中期目標(令和5年度)」 names the year of the mid-term target; only its text was kept."""
    result = _import_edited(
        sample_bytes,
        ("中期目標(一年度)\n\n我が国の外交", "中期目標(令和5年度)\n\n我が国の外交"),
        ("\t--年度\t年度目標値\t実績値\t年度目標値\t実績値\t年度目標値\t実績値\t\n\t—\t18", _MID_2023),
    )
    qualitative = result.report.indicator("1-1").mid_term_target
    quantitative = result.report.indicator("1-3").mid_term_target
    assert qualitative is not None and quantitative is not None
    assert (qualitative.target_year_text, qualitative.target_year) == ("令和5年度", 2023)
    assert (quantitative.target_year_text, quantitative.target_year) == ("令和5年度", 2023)
    assert result.report.indicator("1-4").mid_term_target.target_year is None  # type: ignore[union-attr]


_HEAD_1_3 = (
    "(注)副大統領を含む。\t中期目標値\t平成29年度\t\t平成30年度\t\t令和元年度\t\t"
    "平成29・30・令和元年度目標の達成状況"
)
_LABELS_1_3 = "\t--年度\t年度目標値\t実績値\t年度目標値\t実績値\t年度目標値\t実績値\t"


def test_yearly_target_and_progress_text_under_a_table_are_read(sample_bytes: bytes) -> None:
    """A quantitative indicator with its 年度目標 and 施策の進捗状況・実績 written under the table (as
    later MOFA reports do): the lines after the table were taken as the table's data row."""
    yearly = "\n\n平成30年度目標\n\n首脳・外相会談を30回行う。\n\n施策の進捗状況・実績\n\n"
    yearly += "1 首脳会談を13回行った。\n"
    result = _import_edited(sample_bytes, (_ROW_1_3 + "\n", _ROW_1_3 + yearly))
    indicator = result.report.indicator("1-3")
    assert [y.actuals[0].value.value for y in indicator.years] == [41, 30, 26]
    assert [[p.text for p in y.target_text] for y in indicator.years] == [
        [],
        ["首脳・外相会談を30回行う。"],
        [],
    ]
    assert [(p.label, p.text) for p in indicator.years[1].progress] == [("1", "首脳会談を13回行った。")]
    assert [f for f in result.findings if f.location.startswith("/areas/0/indicators/2")] == []
    assert [f.code for f in result.findings if f.code == "H901"] == []


def test_baseline_column_of_an_indicator_table_is_read(sample_bytes: bytes) -> None:
    """A 基準値 column (with its year) before 中期目標値, as in later MOFA tables: the columns were
    read at fixed places, so every value shifted by one."""
    result = _import_edited(
        sample_bytes,
        (_HEAD_1_3, _HEAD_1_3.replace("\t中期目標値", "\t基準値\t中期目標値")),
        (_LABELS_1_3 + "\n" + _ROW_1_3, "\t平成28年度" + _LABELS_1_3 + "\n\t35" + _ROW_1_3),
    )
    indicator = result.report.indicator("1-3")
    assert [(b.series, b.value.value, b.value.raw) for b in indicator.baseline] == [(None, 35, "35")]
    assert indicator.baseline_year == 2016
    assert [(y.targets[0].value.value, y.actuals[0].value.value) for y in indicator.years] == [
        (18, 41),
        (30, 30),
        (30, 26),
    ]
    assert indicator.recorded_grade is not None and indicator.recorded_grade.letter == "b"
    assert indicator.mid_term_target is not None and indicator.mid_term_target.target_year_text == "--年度"
    assert [f for f in result.findings if f.location.startswith("/areas/0/indicators/2")] == []


def test_mid_term_target_without_a_year_reads_as_none(sample_bytes: bytes) -> None:
    """「中期目標()」 states no year: it was kept as an empty text, unlike an empty table cell (None)."""
    result = _import_edited(sample_bytes, ("中期目標(一年度)\n\n我が国の外交", "中期目標()\n\n我が国の外交"))
    mid = result.report.indicator("1-1").mid_term_target
    assert mid is not None and (mid.target_year_text, mid.target_year) == (None, None)
    assert mid.text is not None and mid.text.startswith("我が国の外交")


_ROW_1_5 = "\t—\t\t①76% ②86%\t①87% ②86%\t①84% ②88%\t①82% ②90%\t①84% ②89%\t"


def test_blank_actual_in_a_row_that_fits_its_header_is_read_as_blank(sample_bytes: bytes) -> None:
    """A 実績値 left blank (not yet known) in a row with every cell in place: it was taken for a cell
    lost in extraction (H902) and the values moved to fill it."""
    result = _import_edited(
        sample_bytes,
        (_ROW_1_3, "\t—\t18\t41\t30\t30\t30\t\t"),
        (_ROW_1_5, "\t—\t①76% ②86%\t①87% ②86%\t①84% ②88%\t①82% ②90%\t①84% ②89%\t\t"),
    )
    meetings = result.report.indicator("1-3")
    assert [[a.value.value for a in y.actuals] for y in meetings.years] == [[41], [30], [None]]
    assert meetings.years[2].actuals[0].value == Cell(status=CellStatus.EMPTY)
    survey = result.report.indicator("1-5")
    assert [(a.series, a.value) for a in survey.years[2].actuals] == [
        ("①", Cell(status=CellStatus.EMPTY, unit="%")),
        ("②", Cell(status=CellStatus.EMPTY, unit="%")),
    ]
    assert [[t.value.value for t in y.targets] for y in survey.years] == [[76, 86], [84, 88], [84, 89]]
    assert [f for f in result.findings if f.location.startswith("/areas/0/indicators/")] == []


def test_judgment_letter_in_lower_case_is_read(sample_bytes: bytes) -> None:
    """「相当程度進展あり (b)」 (the indicator legend's letter): the whole judgment cell was not read."""
    result = _import_edited(sample_bytes, ("相当程度進展あり (B)", "相当程度進展あり (b)"))
    judgment = result.report.judgment
    assert (judgment.tier, judgment.label, judgment.letter) == (
        Tier.SUBSTANTIAL_PROGRESS,
        "相当程度進展あり",
        "b",
    )


def test_a_sentence_cut_at_a_page_end_is_not_joined_to_the_banner_every_page_repeats() -> None:
    """samples/real/mhlw-r7-jisseki-I-1-1.txt: the page ending 「…過去1年以内に自治」 was joined to the
    next page's mirror banner 「よむ、つかう、まなぶ。」 and the readers split it off again. The debris step
    now leaves a head that every page repeats alone (``text/debris.py``, ``_page_heads``)."""
    from hyoka.importers.text.debris import join_cut_lines
    from hyoka.importers.text.normalise import normalise_lines

    page = "よむ、つかう、まなぶ。\n本文の最初の行です。\n"
    cut = "・ 指標4については、過去1年以内に自治体の研修を受けた者の割合であり、令和5年度の自治"
    lines = join_cut_lines(normalise_lines(f"{page}{cut}\n\f\n{page}体の数は増えた。\n"))
    assert [(line.text, line.first, line.last) for line in lines] == [
        ("よむ、つかう、まなぶ。", 1, 1),
        ("本文の最初の行です。", 2, 2),
        (cut, 3, 3),
        ("よむ、つかう、まなぶ。", 6, 6),
        ("本文の最初の行です。", 7, 7),
        ("体の数は増えた。", 8, 8),
    ]
    # one page: a line after a gap that is no page's repeated head is still joined as before
    once = join_cut_lines(normalise_lines(f"{cut}\n\n体の数は増えた。\n"))
    assert [(line.text, line.first, line.last) for line in once] == [(f"{cut}体の数は増えた。", 1, 3)]


def test_analysis_of_an_indicator_the_area_does_not_hold_is_not_the_previous_one_s(
    sample_bytes: bytes,
) -> None:
    """測定指標1-4's table removed, its 【測定指標 1-4 …】 analysis kept: that text was added to 1-3's
    analysis, whose numbers (10 meetings, target 5) then made two false H402 against 1-3's table.
    It is nobody's: kept as unplaced text (H901), and 1-3's analysis is its own."""
    lines = sample_bytes.decode("utf-8").splitlines(keepends=True)
    table = "".join(lines[340:345])  # lines 341-345: 測定指標1-4's table
    assert table.startswith("測定指標1-4 日加二国間会談数")
    result = _import_edited(sample_bytes, (table, ""))
    assert [i.id for i in result.report.areas[0].indicators] == ["1-1", "1-2", "1-3", "1-5"]
    analysis = {a.indicator_id: a for a in result.report.areas[0].analysis}
    assert "1-4" not in analysis
    assert all("日加二国間会談数" not in p.text for p in analysis["1-3"].paragraphs)
    unplaced = [
        f for f in result.findings if f.code == "H901" and f.lines is not None and f.lines.first >= 368
    ]
    assert [(f.lines.first, f.lines.last) for f in unplaced if f.lines is not None][:1] == [(368, 370)]
    from hyoka.rules import check_report

    checked = check_report(result.report)
    assert [f for f in checked.findings if f.code == "H402" and "/indicators/2" in f.location] == []
