"""``hyoka report portfolio``: the portfolio dashboards in the terminal.

The cli layer never imports Django, so the management command ``hyoka_portfolio`` computes the
portfolio in a child process (every report of the database, current revisions, as an admin sees
them) and prints it as JSON; this module shows it as rich tables, or passes the JSON through with
``--format json``. ``--database`` names the database as ``hyoka import --into`` does (a URL or a
data directory; ``hyoka.cli.bulk.database_environment``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from hyoka.cli.guard import EXIT_BAD_INPUT, EXIT_OK, run, write_stdout
from hyoka.cli.messages import Lang, resolve_lang, translated
from hyoka.cli.server import ServerError, child_env, django_argv, error_detail
from hyoka.cli.usage import command_group

if TYPE_CHECKING:  # rich and the model are imported when the tables are drawn, not for every command
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

__all__ = ["PORTFOLIO_COMMAND", "load", "render_portfolio", "report_app"]

PORTFOLIO_COMMAND = "hyoka_portfolio"

EXIT_USAGE = EXIT_BAD_INPUT

_TEXT: dict[str, str] = {
    "judgments": "目標達成度の判定（府省・評価年度別の評価書数）",
    "grades": "記録された評定と提案の相違",
    "budget": "予算の執行率（評価書ごとの平均）",
    "lowest": "執行率の低い評価書",
    "disagreements": "相違のある指標",
    "audit": "目標の点検",
    "softened": "目標値の引下げ",
    "repeated_misses": "目標未達の連続",
    "far_above": "目標の大幅な超過",
    "main_without_numbers": "数値目標のない主要な指標",
    "ministry": "府省",
    "year": "評価年度",
    "fiscal_year": "年度",
    "total": "計",
    "other": "その他の区分",
    "none": "判定なし",
    "graded": "評定のある指標",
    "disagree": "相違",
    "rate": "割合",
    "reports": "評価書",
    "mean": "平均執行率",
    "min": "最低",
    "below": "{low} 未満",
    "report": "評価書",
    "indicator": "測定指標",
    "recorded": "記録",
    "proposed": "提案",
    "numbers": "数値",
    "page": "画面",
    "count": "{count} 件",
    "shown": "{count} 件中 先頭 {shown} 件",
    "qualitative": "定性的な指標",
    "no_numeric_target": "数値の目標値なし",
    "earlier_report": "{year}の評価書",
    "target_actual": "目標 {target} / 実績 {actual}",
    "no_reports": "評価書はありません",
    "unknown_ministry": "府省「{ministry}」の評価書はありません（あるのは {known}）",
    "unknown_year": "評価年度 {year} の評価書はありません（あるのは {known}）",
    "failed": "ポートフォリオを集計できません: {detail}",
}
_TIERS = {
    # the shared scale's letters (docs/rules.md §1) head the columns; the caption spells them out
    # (in English: the catalog's entries with msgctxt "portfolio.tier")
    "目標超過達成": "S",
    "目標達成": "A",
    "相当程度進展あり": "B",
    "進展が大きくない": "C",
    "目標に向かっていない": "D",
}


def _t(key: str, lang: Lang, **values: object) -> str:
    return translated(_TEXT, "portfolio", key, lang, **values)


class PortfolioError(ServerError):
    """A filter that names no report, or a child that failed: one line, exit status 2."""

    def text(self, lang: Lang) -> str:
        return _t(self.key, lang, **self.values)


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"


report_app = command_group(
    "report",
    "ポートフォリオの集計を表示する (portfolio reports over the web workspace's database).",
)


# --- the child ----------------------------------------------------------------------------------


def load(database: str | None, ministry: str | None, year: int | None, limit: int) -> dict[str, Any]:
    """The portfolio's JSON from ``hyoka_portfolio`` in a child process. A ministry or year that
    names no report is a PortfolioError (the command would show empty tables)."""
    from hyoka.cli.bulk import database_environment

    env = child_env()
    if database is not None:
        env = database_environment(database, env)
    args = ["--limit", str(limit)]
    if ministry is not None:
        args += ["--ministry", ministry]
    if year is not None:
        args += ["--year", str(year)]
    sys.stdout.flush()
    completed = subprocess.run(
        django_argv(PORTFOLIO_COMMAND, *args),
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
    )
    stderr = completed.stderr.decode("utf-8", errors="replace")
    if completed.returncode != 0:
        detail = error_detail(stderr) or f"exit status {completed.returncode}"
        if "no such table" in detail or ("relation" in detail and "does not exist" in detail):
            raise ServerError("needs_migrate")
        raise PortfolioError("failed", detail=detail)
    data: dict[str, Any] = json.loads(completed.stdout.decode("utf-8"))
    if ministry is not None and ministry not in data["ministries"]:
        raise PortfolioError(
            "unknown_ministry", ministry=ministry, known="、".join(data["ministries"]) or "-"
        )
    if year is not None and year not in data["years"]:
        raise PortfolioError("unknown_year", year=year, known=", ".join(map(str, data["years"])) or "-")
    return data


# --- the tables ---------------------------------------------------------------------------------


def _year(year: int | None, lang: Lang) -> str:
    from hyoka.core import fiscal_year_label

    if year is None:
        return ""
    return fiscal_year_label(year, lang.value)


def _rate(rate: float | None) -> str:
    return "-" if rate is None else f"{rate * 100:.1f}%"


def _num(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,}" if isinstance(value, int) else f"{value:,.6g}"


def _right(text: str) -> Text:
    from rich.text import Text

    return Text(text, justify="right")


def _report(report: dict[str, Any], lang: Lang) -> Text:
    from rich.text import Text

    return Text(
        f"{report['ministry']} {report['measure_number']} {report['title']}"
        f" ({_year(report['evaluation_year'], lang)}, #{report['id']})"
    )


def _column_label(column: str, lang: Lang) -> str:
    if column in _TIERS:
        return _TIERS[column]
    return _t(column, lang) if column in ("other", "none") else column


def _legend(lang: Lang) -> str:
    if lang is Lang.JA:
        return "  ".join(f"{letter} {label}" for label, letter in _TIERS.items())
    from hyoka.core.i18n import translate

    return "  ".join(
        f"{letter} {translate(label, lang.value, 'portfolio.tier')}" for label, letter in _TIERS.items()
    )


def _judgments(data: dict[str, Any], lang: Lang) -> Table:
    from rich.table import Table

    panel = data["judgments"]
    table = Table(
        title=_t("judgments", lang), title_justify="left", caption=_legend(lang), caption_justify="left"
    )
    table.add_column(_t("ministry", lang), no_wrap=True)
    table.add_column(_t("year", lang), no_wrap=True)
    for column in panel["columns"]:
        table.add_column(_column_label(column, lang), justify="right")
    table.add_column(_t("total", lang), justify="right")
    columns = panel["columns"]
    _add_panel_rows(
        table, panel, lang, lambda row: [*(str(row["counts"][c]) for c in columns), str(row["total"])]
    )
    return table


def _panel_table(title: str, headers: list[str], lang: Lang) -> Table:
    """A panel per ministry and year (grades, budget): the two keys, then its figures right-aligned."""
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for key in ("ministry", "year"):
        table.add_column(_t(key, lang))
    for header in headers:
        table.add_column(header, justify="right")
    return table


def _add_panel_rows(
    table: Table, panel: dict[str, Any], lang: Lang, figures: Callable[[dict[str, Any]], list[str]]
) -> None:
    """A panel's rows, one per ministry and year, then its total: the same two keys in every panel."""
    from rich.text import Text

    for row in [*panel["rows"], panel["total"]]:
        ministry = row["ministry"] if row["ministry"] is not None else _t("total", lang)
        table.add_row(Text(ministry), _year(row["evaluation_year"], lang), *figures(row))


def _grades(data: dict[str, Any], lang: Lang) -> Table:
    panel = data["grades"]
    headers = [_t(key, lang) for key in ("graded", "disagree", "rate")]
    table = _panel_table(_t("grades", lang), headers, lang)
    _add_panel_rows(
        table, panel, lang, lambda row: [str(row["graded"]), str(row["disagreements"]), _rate(row["rate"])]
    )
    return table


def _budget(data: dict[str, Any], lang: Lang) -> Table:
    panel = data["budget"]
    headers = [_t(key, lang) for key in ("reports", "mean", "min")]
    headers.append(_t("below", lang, low=_rate(panel["low_execution"])))
    table = _panel_table(_t("budget", lang), headers, lang)
    _add_panel_rows(
        table,
        panel,
        lang,
        lambda row: [
            str(row["reports"]),
            _rate(row["mean_rate"]),
            _rate(row["lowest_rate"]),
            str(row["below_low_execution"]),
        ],
    )
    return table


def _list_title(key: str, shown: int, count: int, lang: Lang) -> str:
    part = _t("shown", lang, shown=shown, count=count)
    return f"{_t(key, lang)} ({part})" if lang is Lang.EN else f"{_t(key, lang)}（{part}）"


def _disagreements(data: dict[str, Any], lang: Lang) -> Table:
    from rich.table import Table
    from rich.text import Text

    items = data["grades"]["disagreements"]
    table = Table(
        title=_list_title("disagreements", len(items), data["grades"]["count"], lang), title_justify="left"
    )
    for key in ("report", "indicator", "recorded", "proposed", "page"):
        table.add_column(_t(key, lang))
    for item in items:
        table.add_row(
            _report(item["report"], lang),
            Text(f"{item['indicator_id']} {item['name']}"),
            item["recorded"],
            item["proposed"],
            item["url"],
        )
    return table


def _lowest(data: dict[str, Any], lang: Lang) -> Table:
    from rich.table import Table

    items = data["budget"]["lowest"]
    table = Table(
        title=_list_title("lowest", len(items), data["budget"]["count"], lang), title_justify="left"
    )
    table.add_column(_t("report", lang))
    table.add_column(_t("fiscal_year", lang))
    table.add_column(_t("rate", lang), justify="right")
    table.add_column(_t("numbers", lang), justify="right")
    table.add_column(_t("page", lang))
    for item in items:
        table.add_row(
            _report(item["report"], lang),
            _year(item["fiscal_year"], lang),
            _rate(item["rate"]),
            f"{_num(item['executed'])} / {_num(item['total'])}",
            item["url"],
        )
    return table


def _numbers(entry: dict[str, Any], lang: Lang) -> str:
    if entry["kind"] == "main_without_numbers":
        return _t(entry["reason"], lang)
    parts = [
        f"{_year(y['fiscal_year'], lang)} "
        + _t("target_actual", lang, target=_num(y["target"]), actual=_num(y["actual"]))
        for y in entry["years"]
    ]
    if entry["earlier_report"] is not None:
        from hyoka.core import fiscal_year_label

        year = entry["earlier_report"]["evaluation_year"]
        labels = {"year": fiscal_year_label(year), "year_en": fiscal_year_label(year, "en")}
        earlier = _t("earlier_report", lang, **labels)
        parts[0] += f" ({earlier})"
    if entry["ratio"] is not None:
        parts.append(f"× {entry['ratio']}")
    return "; ".join(parts)


def _audit(data: dict[str, Any], kind: str, lang: Lang) -> Table:
    from rich.table import Table
    from rich.text import Text

    found = data["audit"][kind]
    table = Table(title=_list_title(kind, len(found["entries"]), found["count"], lang), title_justify="left")
    for key in ("report", "indicator", "numbers", "page"):
        table.add_column(_t(key, lang))
    for entry in found["entries"]:
        series = f" {entry['series']}" if entry["series"] else ""
        table.add_row(
            _report(entry["report"], lang),
            Text(f"{entry['indicator_id']}{series} {entry['name']}"),
            Text(_numbers(entry, lang)),
            entry["url"],
        )
    return table


def render_portfolio(data: dict[str, Any], lang: Lang, console: Console) -> None:
    """Every panel as a table, then the first entries of each list with the page each leads to."""
    from rich.text import Text

    if not data["judgments"]["rows"] and not data["budget"]["rows"] and not data["grades"]["rows"]:
        console.print(_t("no_reports", lang))
        return
    console.print(_judgments(data, lang))
    console.print(_grades(data, lang))
    if data["grades"]["disagreements"]:
        console.print(_disagreements(data, lang))
    console.print(_budget(data, lang))
    if data["budget"]["lowest"]:
        console.print(_lowest(data, lang))
    console.print(Text(_t("audit", lang), style="bold"))
    for kind in ("softened", "repeated_misses", "far_above", "main_without_numbers"):
        found = data["audit"][kind]
        if found["entries"]:
            console.print(_audit(data, kind, lang))
        else:
            console.print(Text(f"{_t(kind, lang)}: {_t('count', lang, count=found['count'])}"))


# --- the command --------------------------------------------------------------------------------


@report_app.command("portfolio")
def portfolio_command(
    ministry: Annotated[
        str | None, typer.Option("--ministry", metavar="M", help="府省名（完全一致）", show_default=False)
    ] = None,
    year: Annotated[
        int | None,
        typer.Option("--year", metavar="Y", help="評価年度（西暦。令和2年度 → 2020）", show_default=False),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="table: 表 / json: そのまま")] = Format.TABLE,
    database: Annotated[
        str | None,
        typer.Option(
            "--database",
            metavar="DATABASE",
            help="データベースの URL（sqlite:///… postgresql://…）かデータディレクトリ"
            "（省略時は HYOKA_DATA_DIR / DATABASE_URL）",
            show_default=False,
        ),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=0, help="各一覧に表示する件数")] = 20,
    lang: Annotated[Lang | None, typer.Option("--lang", help="表示言語 (ja, en)", show_default=False)] = None,
) -> None:
    """判定・評定の相違・執行率・目標の点検を府省・年度別に表示する (the portfolio dashboards).

    Exit status: 0 shown; 2 the database cannot be used, or the ministry or year names no report.
    """
    language = resolve_lang(lang)

    def body() -> int:
        data = load(database, ministry, year, limit)
        if fmt is Format.JSON:
            write_stdout(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
            return EXIT_OK
        from rich.console import Console

        render_portfolio(data, language, Console(highlight=False, emoji=False))
        return EXIT_OK

    run(language, body)
