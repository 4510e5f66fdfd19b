"""Bugs found on real documents, each a test named after what it reproduces."""

from __future__ import annotations

from hyoka.importers import ImportResult


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
