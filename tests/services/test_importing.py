"""hyoka.services: import_file, the JSON writers and the summary."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from hyoka.core import (
    AccountType,
    Area,
    Budget,
    BudgetSheet,
    BudgetSheetLine,
    BudgetYear,
    Cell,
    CellStatus,
    EvaluationReport,
    Indicator,
    IndicatorKind,
    Issue,
    Judgment,
    RecordedGrade,
    Severity,
    SourceSpan,
    Tier,
)
from hyoka.services import (
    MAX_INPUT_BYTES,
    BudgetLine,
    ImportResult,
    IndicatorLine,
    InputError,
    NotAReportError,
    OutputError,
    SheetTotal,
    ensure_directory,
    files_findings_to_json,
    findings_to_json,
    import_file,
    report_to_json,
    summarize,
    write_output,
)

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "mofa-r2-I-2-hokubei.txt"


def build_report() -> EvaluationReport:
    return EvaluationReport(
        ministry="外務省",
        report_code="外務省 1-I-2",
        measure_number="I-2",
        title="北米地域外交",
        evaluation_year=2020,
        window=[2017, 2018, 2019],
        budget=Budget(
            unit="百万円",
            years=[
                BudgetYear(
                    fiscal_year=2019,
                    initial=Cell.of(685),
                    carryover=Cell.of(-14),
                    total=Cell.of(671),
                    executed=Cell.of(532),
                ),
                BudgetYear(fiscal_year=2020, initial=Cell.of(652)),
            ],
        ),
        judgment=Judgment(tier=Tier.SUBSTANTIAL_PROGRESS, label="相当程度進展あり", letter="B"),
        bureau="北米局",
        evaluated_on="2020-08",
        areas=[
            Area(
                number=1,
                title="北米諸国との政治分野での協力推進",
                indicators=[
                    Indicator(
                        id="1-1",
                        name="共通の諸課題における日米・日加両政府間の協力関係の進展",
                        is_main=True,
                        kind=IndicatorKind.QUALITATIVE,
                        recorded_grade=RecordedGrade(letter="b", window=[2017, 2018, 2019]),
                    ),
                    Indicator(id="1-3", name="日米二国間会談数", kind=IndicatorKind.QUANTITATIVE),
                ],
            ),
            Area(number=2, title="北米諸国との経済分野での協力推進"),
        ],
        budget_sheet=BudgetSheet(
            policy_name="北米地域外交",
            current_year=2020,
            next_year=2021,
            totals=[
                BudgetSheetLine(
                    account_type=AccountType.GENERAL,
                    current_initial=Cell.of(651705),
                    next_request=Cell.of(572198),
                ),
                BudgetSheetLine(account_type=AccountType.SPECIAL),
            ],
        ),
    )


def issue(code: str, severity: Severity, line: int | None = None) -> Issue:
    return Issue(
        code=code,
        severity=severity,
        location="/areas/0/indicators/1",
        lines=SourceSpan.line(line) if line else None,
        message="実績値がありません",
        message_en="no actual value",
    )


@pytest.fixture
def report_file(tmp_path: Path) -> Path:
    path = tmp_path / "report.json"
    path.write_text(build_report().model_dump_json(), encoding="utf-8")
    return path


# --- import_file --------------------------------------------------------------------------------


def test_import_file_reads_our_json(report_file: Path) -> None:
    result = import_file(report_file)
    assert result.report == build_report()
    assert result.findings == []
    assert result.source_format == "json"


def test_json_round_trip_is_identical(report_file: Path, tmp_path: Path) -> None:
    first = report_to_json(import_file(report_file).report)
    again = tmp_path / "again.json"
    again.write_text(first, encoding="utf-8")
    assert report_to_json(import_file(again).report) == first


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "nothing.txt"
    with pytest.raises(InputError) as caught:
        import_file(path)
    assert str(caught.value) == f"{path}: 読み込めません: ファイルがありません"
    assert caught.value.text("en") == f"{path}: cannot read: no such file"
    assert isinstance(caught.value, ValueError)


def test_directory_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        import_file(tmp_path)
    assert caught.value.text("en") == f"{tmp_path}: cannot read: is a directory, not a file"


def test_unreadable_file_is_an_input_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("x", encoding="utf-8")

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(InputError) as caught:
        import_file(path)
    assert caught.value.text("en") == f"{path}: cannot read: permission denied"
    assert str(caught.value) == f"{path}: 読み込めません: 権限がありません"


def test_too_large_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_INPUT_BYTES + 1)
    with pytest.raises(InputError) as caught:
        import_file(path)
    assert caught.value.text("en") == f"{path}: file too large (limit 64 MiB), not an evaluation report"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "ファイルが空です"),
        (b"  \n\t\n", "ファイルが空です"),
        (b'{"a": 1}', "評価書の JSON ではありません（measure_number がありません）"),
    ],
)
def test_not_a_report(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    with pytest.raises(NotAReportError) as caught:
        import_file(path)
    assert str(caught.value) == f"{path}: {expected}"


def test_binary_is_not_a_report(tmp_path: Path) -> None:
    path = tmp_path / "garbage.bin"
    path.write_bytes(b"\x00\xff\x00garbage")
    with pytest.raises(NotAReportError) as caught:
        import_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message


# --- JSON writers -------------------------------------------------------------------------------


def test_report_json_keeps_japanese_and_ends_with_newline() -> None:
    text = report_to_json(build_report())
    assert '"title": "北米地域外交"' in text
    assert "\\u" not in text
    assert text.endswith("}\n")
    assert json.loads(text)["judgment"]["label"] == "相当程度進展あり"


def test_findings_json() -> None:
    findings = [issue("H101", Severity.WARNING, 45)]
    data = json.loads(findings_to_json(findings))
    assert data == {
        "findings": [
            {
                "code": "H101",
                "severity": "warning",
                "location": "/areas/0/indicators/1",
                "lines": {"first": 45, "last": 45},
                "message": "実績値がありません",
                "message_en": "no actual value",
                "input": None,
                "context": {},
            }
        ]
    }
    assert "実績値がありません" in findings_to_json(findings)


def test_findings_json_names_the_file() -> None:
    text = files_findings_to_json(
        [
            ("a.txt", [issue("H101", Severity.WARNING)]),
            ("b.txt", []),
            ("c.txt", [issue("H201", Severity.ERROR)]),
        ]
    )
    data = json.loads(text)
    assert [(f["file"], f["code"]) for f in data["findings"]] == [("a.txt", "H101"), ("c.txt", "H201")]
    assert next(iter(data["findings"][0])) == "file"
    assert json.loads(findings_to_json([])) == {"findings": []}


# --- files --------------------------------------------------------------------------------------


def test_write_output_is_utf8_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    write_output(target, "北米\n")
    assert target.read_bytes() == "北米\n".encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_write_output_into_a_missing_directory_fails_in_one_line(tmp_path: Path) -> None:
    target = tmp_path / "no" / "out.json"
    with pytest.raises(OutputError) as caught:
        write_output(target, "x")
    assert caught.value.text("en") == f"{target}: cannot write: no such file"


def test_write_output_onto_a_directory_fails(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    with pytest.raises(OutputError) as caught:
        write_output(tmp_path / "d", "x")
    assert caught.value.text("en") == f"{tmp_path / 'd'}: cannot write: is a directory, not a file"
    assert [p.name for p in tmp_path.iterdir()] == ["d"]


def test_ensure_directory(tmp_path: Path) -> None:
    ensure_directory(tmp_path / "a" / "b")
    assert (tmp_path / "a" / "b").is_dir()
    (tmp_path / "f").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError) as caught:
        ensure_directory(tmp_path / "f")
    assert caught.value.text("en") == f"{tmp_path / 'f'}: the output must be a directory (a file is there)"


# --- summary ------------------------------------------------------------------------------------


def test_summarize() -> None:
    findings = [
        issue("H201", Severity.ERROR),
        issue("H101", Severity.WARNING, 12),
        issue("H101", Severity.WARNING, 30),
    ]
    summary = summarize(ImportResult(report=build_report(), findings=findings, encoding="utf-8"))
    assert (summary.ministry, summary.report_code, summary.measure_number, summary.title) == (
        "外務省",
        "外務省 1-I-2",
        "I-2",
        "北米地域外交",
    )
    assert summary.evaluation_year == 2020
    assert summary.window == (2017, 2018, 2019)
    assert (summary.judgment_label, summary.judgment_letter) == ("相当程度進展あり", "B")
    assert (summary.bureau, summary.evaluated_on, summary.area_count) == ("北米局", "2020-08", 2)
    assert summary.indicators == (
        IndicatorLine(
            area_number=1,
            area_title="北米諸国との政治分野での協力推進",
            id="1-1",
            name="共通の諸課題における日米・日加両政府間の協力関係の進展",
            is_main=True,
            kind="qualitative",
            grade="b",
        ),
        IndicatorLine(
            area_number=1,
            area_title="北米諸国との政治分野での協力推進",
            id="1-3",
            name="日米二国間会談数",
            is_main=False,
            kind="quantitative",
            grade=None,
        ),
    )
    assert summary.budget_unit == "百万円"
    assert summary.budget_years == (
        BudgetLine(fiscal_year=2019, initial=Cell.of(685), total=Cell.of(671), executed=Cell.of(532)),
        BudgetLine(fiscal_year=2020, initial=Cell.of(652), total=Cell.empty(), executed=Cell.empty()),
    )
    assert summary.has_budget_sheet is True
    assert (summary.sheet_unit, summary.sheet_current_year, summary.sheet_next_year) == ("千円", 2020, 2021)
    assert summary.sheet_totals == (
        SheetTotal(account_type="一般会計", current_initial=Cell.of(651705), next_request=Cell.of(572198)),
        SheetTotal(account_type="特別会計", current_initial=Cell.empty(), next_request=Cell.empty()),
    )
    assert summary.findings_by_severity == {"error": 1, "warning": 2, "info": 0}
    assert summary.findings_by_code == {"H101": 2, "H201": 1}
    assert summary.finding_count == 3
    assert (summary.source_format, summary.encoding) == ("text", "utf-8")


def test_summarize_a_bare_report() -> None:
    report = EvaluationReport(ministry="外務省", measure_number="I-1", title="地域外交", evaluation_year=2020)
    summary = summarize(ImportResult(report=report, source_format="json"))
    assert summary.judgment_label is None
    assert summary.judgment_letter is None
    assert summary.indicators == ()
    assert summary.budget_years == ()
    assert summary.has_budget_sheet is False
    assert summary.sheet_totals == ()
    assert summary.findings_by_severity == {"error": 0, "warning": 0, "info": 0}
    assert summary.findings_by_code == {}


def test_summary_takes_the_tier_name_when_no_label_was_kept() -> None:
    report = build_report()
    report.judgment = Judgment(tier=Tier.ACHIEVED, letter="A")
    assert summarize(ImportResult(report=report)).judgment_label == "目標達成"


# --- the reference document (needs the text importer) -------------------------------------------


def test_sample_imports_as_measure_i_2() -> None:
    result = import_file(SAMPLE)
    report = result.report
    assert result.source_format == "text"
    assert (report.ministry, report.measure_number, report.title) == ("外務省", "I-2", "北米地域外交")
    assert report.evaluation_year == 2020
    assert report.judgment.tier is Tier.SUBSTANTIAL_PROGRESS
    assert report.judgment.letter == "B"


def test_sample_summary() -> None:
    summary = summarize(import_file(SAMPLE))
    assert summary.window == (2017, 2018, 2019)
    assert summary.area_count == 3
    assert [(i.id, i.is_main, i.grade) for i in summary.indicators] == [
        ("1-1", True, "b"),
        ("1-2", False, "b"),
        ("1-3", False, "b"),
        ("1-4", False, "b"),
        ("1-5", False, "b"),
        ("2-1", True, "s"),
        ("2-2", False, "b"),
        ("3-1", True, "b"),
        ("3-2", True, "b"),
    ]
    assert [(b.fiscal_year, b.initial.value) for b in summary.budget_years] == [
        (2017, Decimal(370)),
        (2018, Decimal(678)),
        (2019, Decimal(685)),
        (2020, Decimal(652)),
    ]
    assert [(b.total.value, b.executed.value) for b in summary.budget_years[:3]] == [
        (Decimal(370), Decimal(326)),
        (Decimal(678), Decimal(544)),
        (Decimal(671), Decimal(532)),
    ]
    assert summary.budget_years[3].total.status is CellStatus.EMPTY
    general = summary.sheet_totals[0]
    assert (general.account_type, general.current_initial.value, general.next_request.value) == (
        "一般会計",
        Decimal(651705),
        Decimal(572198),
    )
    assert (summary.sheet_current_year, summary.sheet_next_year) == (2020, 2021)
