"""The document model: strict records, exact numbers written to JSON as plain numbers, line spans."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from hyoka.core import (
    Budget,
    BudgetYear,
    Cell,
    CellStatus,
    EvaluationReport,
    Indicator,
    IndicatorKind,
    Issue,
    Severity,
    SourceSpan,
    parse_cell,
)


def _report(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "ministry": "外務省",
        "report_code": "外務省 1-I-2",
        "measure_number": "I-2",
        "title": "北米地域外交",
        "evaluation_year": 2020,
        "window": [2017, 2018, 2019],
    }
    data.update(extra)
    return data


# Cell ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "number"),
    [
        (Cell.of(1220), 1220),
        (Cell.of(Decimal("1220.00")), 1220),
        (Cell.of(Decimal("85.5")), 85.5),
        (parse_cell("△14"), -14),
        (parse_cell("0"), 0),
    ],
)
def test_cell_writes_a_plain_json_number(cell: Cell, number: int | float) -> None:
    dumped = json.loads(cell.model_dump_json())
    assert dumped["value"] == number
    assert type(dumped["value"]) is type(number)


def test_cell_json_text_has_no_quoted_number() -> None:
    assert Cell.of(1220).model_dump_json() == '{"status":"value","value":1220,"unit":null,"raw":"1220"}'


def test_cell_keeps_an_exact_decimal_in_python() -> None:
    assert Cell.of("85.5").model_dump()["value"] == Decimal("85.5")


@pytest.mark.parametrize("cell", [Cell.of(1220), Cell.of(Decimal("85.5")), parse_cell("-"), Cell.empty()])
def test_cell_json_round_trip(cell: Cell) -> None:
    assert Cell.model_validate_json(cell.model_dump_json()) == cell


def test_cell_with_status_value_but_no_value_is_rejected() -> None:
    with pytest.raises(ValidationError, match="exactly when its status is 'value'"):
        Cell(status=CellStatus.VALUE)
    with pytest.raises(ValidationError):
        Cell.model_validate_json('{"status": "value"}')


def test_cell_with_a_value_but_another_status_is_rejected() -> None:
    with pytest.raises(ValidationError):
        Cell(status=CellStatus.EMPTY, value=Decimal(0))


def test_cell_is_immutable() -> None:
    cell = Cell.of(5)
    with pytest.raises(ValidationError):
        cell.value = Decimal(6)  # type: ignore[misc]
    assert cell.value == 5


# extra fields -------------------------------------------------------------------------------------


def test_cell_rejects_extra_fields() -> None:
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        Cell.model_validate({"status": "empty", "colour": "red"})


def test_report_rejects_extra_fields() -> None:
    EvaluationReport.model_validate(_report())
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        EvaluationReport.model_validate(_report(grade="b"))


def test_nested_record_rejects_extra_fields() -> None:
    budget = {"years": [{"fiscal_year": 2019, "initial": {"status": "empty"}, "executed_rate": 90}]}
    with pytest.raises(ValidationError) as excinfo:
        EvaluationReport.model_validate(_report(budget=budget))
    assert [e["loc"] for e in excinfo.value.errors()] == [("budget", "years", 0, "executed_rate")]


def test_issue_rejects_extra_fields() -> None:
    with pytest.raises(ValidationError):
        Issue.model_validate(
            {
                "code": "H901",
                "severity": "warning",
                "location": "/",
                "message": "どの欄にも当てはまらない記述",
                "message_en": "text that fits no field",
                "hint": "x",
            }
        )


# SourceSpan ---------------------------------------------------------------------------------------


def test_source_span_rejects_last_before_first() -> None:
    with pytest.raises(ValidationError, match="ends before it starts"):
        SourceSpan(first=5, last=4)


def test_source_span_lines_start_at_one() -> None:
    with pytest.raises(ValidationError):
        SourceSpan(first=0, last=1)


def test_source_span_of_one_line_and_join() -> None:
    one = SourceSpan.line(346)
    assert (one.first, one.last, str(one)) == (346, 346, "346")
    joined = one.join(SourceSpan(first=347, last=349))
    assert joined == SourceSpan(first=346, last=349)
    assert str(joined) == "346-349"
    assert one.join(None) is one


# EvaluationReport ---------------------------------------------------------------------------------


def test_report_json_round_trip_keeps_numbers_exact() -> None:
    report = EvaluationReport.model_validate(
        _report(
            budget=Budget(
                years=[
                    BudgetYear(
                        fiscal_year=2019,
                        initial=Cell.of(685, unit="百万円"),
                        supplementary=parse_cell("0"),
                        carryover=parse_cell("△14"),
                        total=Cell.of(671),
                        executed=parse_cell("-"),
                    )
                ]
            ).model_dump()
        )
    )
    text = report.model_dump_json()
    assert json.loads(text)["budget"]["years"][0]["carryover"]["value"] == -14
    again = EvaluationReport.model_validate_json(text)
    assert again == report
    assert again.budget.years[0].carryover.value == Decimal(-14)


@pytest.mark.parametrize("year", [1867, 2201])
def test_fiscal_year_out_of_range_is_rejected(year: int) -> None:
    with pytest.raises(ValidationError):
        EvaluationReport.model_validate(_report(evaluation_year=year))


def test_assignment_is_validated() -> None:
    report = EvaluationReport.model_validate(_report())
    with pytest.raises(ValidationError):
        report.evaluation_year = 1800
    assert report.evaluation_year == 2020


def test_indicator_lookup() -> None:
    indicator = {"id": "1-3", "name": "日米首脳・外相会談数", "kind": "quantitative"}
    report = EvaluationReport.model_validate(
        _report(areas=[{"number": 1, "title": "米国との政治分野での協力推進", "indicators": [indicator]}])
    )
    assert report.indicator("1-3").kind is IndicatorKind.QUANTITATIVE
    assert [i.id for i in report.indicators()] == ["1-3"]
    with pytest.raises(KeyError):
        report.indicator("1-9")


@pytest.mark.parametrize("indicator_id", ["", " ", "\u3000"])
def test_indicator_id_blank_is_refused(indicator_id: str) -> None:
    with pytest.raises(ValidationError):
        Indicator(id=indicator_id, name="x", kind=IndicatorKind.QUALITATIVE)


@pytest.mark.parametrize("indicator_id", ["1-3", "1", "Ⅰ-9-1-1", "指標7", "達成目標1-指標3", "1.3", "I-3"])
def test_indicator_id_is_kept_as_written_in_any_numbering(indicator_id: str) -> None:
    """Issue 14: every ministry's numbering is a valid id (schema 2); before, only ``1-3`` was."""
    assert Indicator(id=indicator_id, name="x", kind=IndicatorKind.QUALITATIVE).id == indicator_id


# Issue --------------------------------------------------------------------------------------------


def test_issue_json_shape() -> None:
    issue = Issue(
        code="H904",
        severity=Severity.INFO,
        location="/areas/0/indicators/0/years/1",
        lines=SourceSpan.line(120),
        message="「2年度」を令和2年度(2020年度)と読みました。",
        message_en="Read 「2年度」 as 令和2年度 (FY2020).",
        input="2年度",
        context={"era": "令和", "fiscal_year": 2020},
    )
    assert json.loads(issue.model_dump_json()) == {
        "code": "H904",
        "severity": "info",
        "location": "/areas/0/indicators/0/years/1",
        "lines": {"first": 120, "last": 120},
        "message": "「2年度」を令和2年度(2020年度)と読みました。",
        "message_en": "Read 「2年度」 as 令和2年度 (FY2020).",
        "input": "2年度",
        "context": {"era": "令和", "fiscal_year": 2020},
    }
    assert issue.text() == issue.message
    assert issue.text("en") == issue.message_en


@pytest.mark.parametrize("code", ["X901", "H9011", "H90", "h901"])
def test_issue_code_pattern(code: str) -> None:
    with pytest.raises(ValidationError):
        Issue(code=code, severity=Severity.INFO, location="/", message="m", message_en="m")
