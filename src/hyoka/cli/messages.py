"""The command's user-visible text: Japanese by default, English with ``--lang en`` or ``HYOKA_LANG=en``."""

from __future__ import annotations

import os
from enum import StrEnum

__all__ = ["Lang", "one_line", "resolve_lang", "t"]


class Lang(StrEnum):
    JA = "ja"
    EN = "en"


_MESSAGES: dict[str, tuple[str, str]] = {
    # errors and progress
    "several_need_output": (
        "複数のファイルを読むときは -o/--output に出力先のディレクトリを指定してください",
        "several input files need -o/--output DIR, a directory to write <name>.json into",
    ),
    "output_taken": (
        "出力先 {out} には、この実行で {other} の結果をすでに書きました。スキップします",
        "the output {out} was already written for {other} in this run; skipped",
    ),
    "importing": ("読み込み中", "importing"),
    "batch_done": (
        "{total} 件中 {ok} 件を読み込みました（失敗 {failed} 件）。出力先: {out}",
        "{ok} of {total} files imported ({failed} failed), written to {out}",
    ),
    "lines": ("行", "lines"),
    # render
    "binary_needs_output": (
        "バイナリ出力には -o が必要です: {fmt} は -o/--output で出力先のファイルを指定してください"
        "（端末には書き出しません）",
        "binary output needs -o: give -o/--output FILE for {fmt} (it is never written to the terminal)",
    ),
    "csv_needs_output": (
        "CSV は 3 つの表になります。-o/--output に出力先のディレクトリか .zip ファイルを指定してください",
        "csv gives three tables: give -o/--output DIR (one file each) or -o FILE.zip (one archive)",
    ),
    "render_needs_format": (
        "出力形式を --to html|pdf|xlsx|csv|json|text で指定してください",
        "give the output format: --to html|pdf|xlsx|csv|json|text",
    ),
    "written": ("{out} に書き出しました", "wrote {out}"),
    "written_review": (
        "{out} に書き出しました（指摘 {count} 件を併記）",
        "wrote {out} ({count} finding(s) shown)",
    ),
    # the web workspace: migrate, serve, users, token
    "needs_migrate": (
        "データベースのマイグレーションが済んでいません。先に `hyoka migrate` を実行してください",
        "the database needs migrating: run `hyoka migrate` first",
    ),
    "django_failed": ("{what} に失敗しました: {detail}", "{what} failed: {detail}"),
    "migrated": ("データベースは最新です: {db}", "the database is up to date: {db}"),
    "port_in_use": (
        "{address} は使用中です。--port で別のポートを指定してください",
        "{address} is already in use: choose another with --port",
    ),
    "cannot_bind": ("{address} で待ち受けできません: {detail}", "cannot listen on {address}: {detail}"),
    "bad_host": ("ホスト {host} が見つかりません: {detail}", "unknown host {host}: {detail}"),
    "serving": (
        "http://{address}/ で公開します（gunicorn、ワーカー {workers}、データベース {db}）。"
        "Ctrl-C で停止します",
        "serving http://{address}/ (gunicorn, {workers} worker(s), database {db}); Ctrl-C to stop",
    ),
    "serving_dev": (
        "http://{address}/ で開発用サーバー（Django の runserver）を起動します。本番には使わないでください",
        "development server (Django's runserver) at http://{address}/; never for production",
    ),
    "token_shown_once": (
        "{name} の API トークンです。表示はこの一度だけです（保存されるのはハッシュのみ）",
        "an API token for {name}; shown this once only (only its hash is stored)",
    ),
    # summary
    "header": ("評価書", "Evaluation report"),
    "ministry": ("府省", "Ministry"),
    "report_code": ("評価書番号", "Report code"),
    "measure": ("施策", "Measure"),
    "evaluation_year": ("評価年度", "Evaluation year"),
    "window": ("対象年度", "Years evaluated"),
    "bureau": ("担当部局", "Bureau"),
    "evaluated_on": ("政策評価実施時期", "Evaluated in"),
    "areas": ("個別分野の数", "Areas"),
    "source": ("読み込み元", "Read from"),
    "judgment": ("目標達成度の測定の結果", "Judgment"),
    "budget": ("施策の予算額・執行額等", "Budget and execution"),
    "fiscal_year": ("年度", "Fiscal year"),
    "initial": ("当初予算(a)", "Initial (a)"),
    "total": ("合計(a+b+c)", "Total (a+b+c)"),
    "executed": ("執行額", "Executed"),
    "unit": ("単位: {unit}", "unit: {unit}"),
    "indicators": ("測定指標", "Indicators"),
    "area": ("分野", "Area"),
    "indicator_id": ("指標", "No."),
    "main": ("主要", "Main"),
    "kind": ("種類", "Kind"),
    "name": ("名称", "Name"),
    "grade": ("達成状況", "Grade"),
    "quantitative": ("定量", "quantitative"),
    "qualitative": ("定性", "qualitative"),
    "sheet": ("政策評価調書（個別票）の合計", "Budget sheet (調書) totals"),
    "account_type": ("会計", "Account"),
    "current_initial": ("{year} 当初予算額", "{year} initial budget"),
    "next_request": ("{year} 概算要求額", "{year} budget request"),
    "no_sheet": ("調書はありません", "no budget sheet"),
    "none": ("なし", "none"),
    "findings": ("指摘 {count} 件", "{count} finding(s)"),
    "no_findings": ("指摘はありません", "no findings"),
    "error": ("エラー", "error"),
    "warning": ("警告", "warning"),
    "info": ("情報", "info"),
    # check
    "proposals": (
        "規則による提案（ルールプロファイル {profile}）",
        "Proposals of the rules (profile {profile})",
    ),
    "recorded": ("記録", "Recorded"),
    "proposed": ("提案", "Proposed"),
    "differs": ("相違", "Differs"),
    "no_proposal": ("提案なし", "no proposal"),
    "more_lines": ("… ほか {count} 行", "… {count} more line(s)"),
    "check_counts": (
        "指摘 {total} 件（エラー {error} 件、警告 {warning} 件、情報 {info} 件）",
        "{total} finding(s): {error} error(s), {warning} warning(s), {info} info",
    ),
    # import --into (bulk import into the database)
    "into_conflicts": (
        "--into は -o/--output、--issues、--format と一緒には使えません",
        "--into cannot be combined with -o/--output, --issues or --format",
    ),
    "into_only": (
        "{option} は --into と一緒に使います",
        "{option} is only for --into (a bulk import into the database)",
    ),
    "database_bad_url": (
        "データベースの URL {database} には対応していません（sqlite:/// または postgresql://）",
        "unsupported database URL {database} (use sqlite:/// or postgresql://)",
    ),
    "data_dir_missing": (
        "{path} はデータディレクトリではありません（データベースの URL か、hyoka migrate を実行した"
        "ディレクトリを指定してください）",
        "{path} is not a data directory (give a database URL or a directory where hyoka migrate ran)",
    ),
    "needs_migrate_at": (
        "データベース {db} がありません。先に `hyoka migrate` を実行してください",
        "there is no database {db}: run `hyoka migrate` first",
    ),
    "rate": ("{rate:.1f} 件/秒", "{rate:.1f} files/s"),
    "bulk_progress": (
        "取り込み中: {done}/{total} 件（保存 {stored}、取り込み済み {skipped}、失敗 {failed}）",
        "importing: {done}/{total} ({stored} stored, {skipped} already imported, {failed} failed)",
    ),
    "bulk_done": (
        "{total} 件: 保存 {stored} 件、既に取り込み済み {skipped} 件、失敗 {failed} 件"
        "（{seconds} 秒、{rate} 件/秒）。データベース: {db}",
        "{total} file(s): {stored} stored, {skipped} already imported, {failed} failed "
        "({seconds} s, {rate} files/s); database: {db}",
    ),
    "bulk_interrupted": (
        "中断しました: {total} 件中 保存 {stored} 件、既に取り込み済み {skipped} 件、失敗 {failed} 件"
        "（{seconds} 秒）。同じコマンドをもう一度実行すると続きから取り込みます",
        "interrupted: of {total} file(s), {stored} stored, {skipped} already imported, {failed} failed "
        "({seconds} s); run the same command again to resume",
    ),
    "rendering_pages": ("公開ページを作成中", "rendering public pages"),
    "pages_progress": (
        "公開ページを作成中: {done}/{total} 件の評価書",
        "rendering public pages: {done}/{total} report(s)",
    ),
    "pages_done": ("公開ページ {pages} 件を作成しました", "{pages} public page(s) rendered"),
    "bulk_killed": (
        "取り込みが中断されました（{detail}）。保存済みの分は残っています。もう一度実行すると続きから"
        "取り込みます",
        "the import was stopped ({detail}); what was stored is kept: run it again to resume",
    ),
}


def t(key: str, lang: Lang, /, **values: object) -> str:
    """The message ``key`` in ``lang``, with ``values`` filled in."""
    ja, en = _MESSAGES[key]
    text = en if lang is Lang.EN else ja
    return text.format(**values) if values else text


def one_line(text: str) -> str:
    """``text`` with line breaks shown as \\n, so a message is always exactly one line."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


def resolve_lang(option: Lang | None) -> Lang:
    """``--lang`` when given, else ``HYOKA_LANG`` (en, en_US… → English), else Japanese."""
    if option is not None:
        return option
    env = os.environ.get("HYOKA_LANG", "").strip().lower()
    return Lang.EN if env.startswith("en") else Lang.JA
