"""``hyoka next-cycle REPORT_FILE [-o OUT.json] [--pre-analysis]``: the next cycle's draft, offline.

The draft is the next year's 評価書 (``next_cycle``), or with ``--pre-analysis`` the next fiscal
year's 事前分析表 (``pre_analysis_draft``: its 基準値 taken from the latest actuals, marked as
hyoka's).

The file is imported as ``hyoka import`` reads it, ``hyoka.services.cycle`` makes the draft,
and the draft is written as hyoka JSON (to ``-o`` or standard output). The briefs — the report's
次期目標等への反映の方向性, per area and per indicator — are printed for the person writing the new
targets: on standard output when the draft goes to a file, on standard error when the draft's
JSON takes standard output (so that ``hyoka next-cycle a.txt > draft.json`` stays valid JSON).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hyoka.cli.guard import run, stderr_line
from hyoka.cli.messages import Lang, resolve_lang, translated
from hyoka.cli.usage import output_option

if TYPE_CHECKING:  # the model and the services are imported when the command runs
    from hyoka.core import EvaluationReport, Paragraph
    from hyoka.services import NextCycle

__all__ = ["briefs_text", "next_cycle_command"]

_TEXT: dict[str, str] = {
    "heading": "次期の評価書の案: {code} {title} {year}（評価対象: {first}〜{last}）",
    "area": "【施策】個別分野{number} {title}",
    "indicator": "【測定指標{id}】{name}",
    "none": "（次期目標等への反映の方向性の記載はありません）",
    "written": "{out} に次期の評価書の案を書き出しました",
    "pre_heading": "次年度の事前分析表の案: {code} {title} {year}",
    "pre_written": "{out} に次年度の事前分析表の案を書き出しました",
}


def _t(key: str, lang: Lang, **values: object) -> str:
    return translated(_TEXT, "next-cycle", key, lang, **values)


def _paragraphs(paragraphs: list[Paragraph]) -> list[str]:
    return [f"  {'  ' * p.level}{p.label + ' ' if p.label else ''}{p.text}" for p in paragraphs]


def briefs_text(cycle: NextCycle, lang: Lang) -> str:
    """The briefs as text: a heading naming the draft, then each area's and indicator's brief."""
    from hyoka.core import DocumentKind, fiscal_year_label

    draft: EvaluationReport = cycle.draft
    window = draft.window or [draft.evaluation_year]
    code = draft.report_code or f"{draft.ministry} {draft.measure_number}"
    year, year_en = fiscal_year_label(draft.evaluation_year), fiscal_year_label(draft.evaluation_year, "en")
    lines = [
        _t("pre_heading", lang, code=code, title=draft.title, year=year, year_en=year_en)
        if draft.kind is DocumentKind.PRE_ANALYSIS
        else _t(
            "heading",
            lang,
            code=code,
            title=draft.title,
            year=year,
            year_en=year_en,
            first=fiscal_year_label(window[0]),
            last=fiscal_year_label(window[-1]),
            first_en=fiscal_year_label(window[0], "en"),
            last_en=fiscal_year_label(window[-1], "en"),
        )
    ]
    for area in draft.areas:
        if area.number in cycle.area_briefs:
            lines += ["", _t("area", lang, number=area.number, title=area.title)]
            lines += _paragraphs(cycle.area_briefs[area.number])
        for ind in area.indicators:
            lines += ["", _t("indicator", lang, id=ind.id, name=ind.name)]
            lines += _paragraphs(cycle.briefs.get(ind.id, [])) or [f"  {_t('none', lang)}"]
    return "\n".join(lines) + "\n"


def _write(stream: object, text: str) -> None:
    """UTF-8 whatever the locale says."""
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    else:  # pragma: no cover - a text-only stream
        stream.write(text)  # type: ignore[attr-defined]


def next_cycle_command(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="REPORT_FILE", help="公表された評価書のファイル（PDF、テキスト、.xlsx または JSON）"
        ),
    ],
    output: Annotated[
        str | None,
        output_option(
            "次期の評価書の案（JSON）の出力先（/ で終わるか既存のディレクトリなら、その中の "
            "<名前>-next.json）。省略すると標準出力（方向性は標準エラー）"
        ),
    ] = None,
    pre_analysis: Annotated[
        bool,
        typer.Option(
            "--pre-analysis",
            help="次年度の評価書の代わりに次年度の事前分析表の案を作る"
            "（基準値は直近の実績値から。hyoka が補った値として記録）",
        ),
    ] = False,
    lang: Annotated[
        Lang | None,
        typer.Option(
            "--lang", help="表示の言語 ja|en（既定: 環境変数 HYOKA_LANG、なければ ja）", show_default=False
        ),
    ] = None,
) -> None:
    """次期の評価書（または事前分析表）の案を作り、次期目標等への反映の方向性を表示する
    (draft the next cycle)."""
    from hyoka.services import (
        import_file,
        next_cycle,
        output_file,
        pre_analysis_draft,
        report_to_json,
        write_output,
    )

    language = resolve_lang(lang)

    def body() -> int:
        report = import_file(file).report
        cycle = pre_analysis_draft(report) if pre_analysis else next_cycle(report)
        draft_json = report_to_json(cycle.draft)
        if output is None:
            _write(sys.stdout, draft_json)
            _write(sys.stderr, briefs_text(cycle, language))
            return 0
        suffix = "-pre-analysis" if pre_analysis else "-next"
        target = output_file(output, f"{file.stem}{suffix}.json")
        write_output(target, draft_json)
        _write(sys.stdout, briefs_text(cycle, language))
        stderr_line(_t("pre_written" if pre_analysis else "written", language, out=target))
        return 0

    run(language, body)
