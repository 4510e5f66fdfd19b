"""The command's user-visible text: Japanese by default, English with ``--lang en`` or ``HYOKA_LANG=en``.

Each message is its Japanese text (a gettext msgid, a ``str.format`` template) under a key; the English
is the catalog's (``hyoka/locale/en/LC_MESSAGES/django.po``, msgctxt ``cli.<key>``), read by
``hyoka.core.i18n`` when English is asked for (docs/architecture.md, "Translation").
"""

from __future__ import annotations

import os
from enum import StrEnum

__all__ = ["Lang", "one_line", "resolve_lang", "t", "translated"]


class Lang(StrEnum):
    JA = "ja"
    EN = "en"


_MESSAGES: dict[str, str] = {
    # errors and progress
    "several_need_output": "複数のファイルを読むときは -o/--output に出力先のディレクトリを指定してください",
    "output_taken": "出力先 {out} には、この実行で {other} の結果をすでに書きました。スキップします",
    "importing": "読み込み中",
    "batch_done": "{total} 件中 {ok} 件を読み込みました（失敗 {failed} 件）。出力先: {out}",
    "lines": "行",
    # options and arguments that cannot be used (hyoka.cli.usage)
    "bad_choice": "{option} に {value} は指定できません（指定できる値: {choices}）",
    "not_integer": "{option} には整数を指定してください（{value} は整数ではありません）",
    "not_number": "{option} には数値を指定してください（{value} は数値ではありません）",
    "too_small": "{option} には {limit} 以上を指定してください（{value} が指定されました）",
    "too_large": "{option} には {limit} 以下を指定してください（{value} が指定されました）",
    "bad_value": "{option} に {value} は指定できません",
    "missing_option": "{option} を指定してください",
    "missing_option_choices": "{option} を指定してください（指定できる値: {choices}）",
    "missing_argument": "{argument} を指定してください",
    "no_such_option": "{option} というオプションはありません",
    "no_such_option_similar": "{option} というオプションはありません（似たもの: {similar}）",
    "needs_value": "{option} には値が必要です",
    "takes_no_value": "{option} は値をとりません",
    "no_such_command": "{command} というコマンドはありません",
    "no_such_command_similar": "{command} というコマンドはありません（似たもの: {similar}）",
    "missing_command": "コマンドを指定してください",
    "extra_arguments": "余分な引数があります: {arguments}",
    "bad_usage": "コマンドの使い方が正しくありません",
    "see_help": "。使い方: {command} --help",
    # render
    "binary_needs_output": (
        "バイナリ出力には -o が必要です: {fmt} は -o/--output で出力先のファイルを指定してください（"
        "端末には書き出しません）"
    ),
    "csv_needs_output": (
        "CSV は 3 つの表になります。-o/--output に出力先のディレクトリか .zip ファイルを指定してください"
    ),
    "unknown_profile": (
        "同梱のルールプロファイル {name} はありません（同梱: {known}。"
        "TOML ファイルならそのパスを指定してください）"
    ),
    "render_needs_format": "出力形式を --to html|pdf|xlsx|csv|json|text で指定してください",
    "written": "{out} に書き出しました",
    "written_review": "{out} に書き出しました（指摘 {count} 件を併記）",
    # the web workspace: migrate, serve, users, token
    "needs_migrate": (
        "データベースのマイグレーションが済んでいません。先に `hyoka migrate` を実行してください"
    ),
    "django_failed": "{what} に失敗しました: {detail}",
    "migrated": "データベースは最新です: {db}",
    "port_in_use": "{address} は使用中です。--port で別のポートを指定してください",
    "cannot_bind": "{address} で待ち受けできません: {detail}",
    "bad_host": "ホスト {host} が見つかりません: {detail}",
    "serving": (
        "http://{address}/ で公開します（gunicorn、ワーカー {workers}、データベース {db}）。Ctrl-C で"
        "停止します"
    ),
    "serving_dev": (
        "http://{address}/ で開発用サーバー（Django の runserver）を起動します。本番には使わないでください"
    ),
    "ministry_required": "役割 {role} には --ministry（府省）が必要です",
    "bureau_required": "editor には --bureau（部局）が必要です（editor は自分の部局の評価書を書きます）",
    "user_exists": "利用者 {name} はすでにあります",
    "no_such_user": "利用者 {name} はいません（hyoka users create で作成してください）",
    "user_inactive": "利用者 {name} は無効になっています。無効な利用者にはトークンを発行しません",
    "user_created": "利用者 {name} を作成しました（役割 {role}、府省 {ministry}）",
    "user_created_bureau": "利用者 {name} を作成しました（役割 {role}、府省 {ministry}、部局 {bureau}）",
    "password": "パスワード: {password}",
    "password_from_env": "（環境変数 HYOKA_PASSWORD のもの）",
    "token_shown_once": "{name} の API トークンです。表示はこの一度だけです（保存されるのはハッシュのみ）",
    # summary
    "header": "評価書",
    "ministry": "府省",
    "report_code": "評価書番号",
    "measure": "施策",
    "evaluation_year": "評価年度",
    "window": "対象年度",
    "bureau": "担当部局",
    "evaluated_on": "政策評価実施時期",
    "areas": "個別分野の数",
    "source": "読み込み元",
    "judgment": "目標達成度の測定の結果",
    "budget": "施策の予算額・執行額等",
    "fiscal_year": "年度",
    "initial": "当初予算(a)",
    "total": "合計(a+b+c)",
    "executed": "執行額",
    "unit": "単位: {unit}",
    "indicators": "測定指標",
    "area": "分野",
    "indicator_id": "指標",
    "main": "主要",
    "kind": "種類",
    "name": "名称",
    "grade": "達成状況",
    "quantitative": "定量",
    "qualitative": "定性",
    "sheet": "政策評価調書（個別票）の合計",
    "account_type": "会計",
    "current_initial": "{year} 当初予算額",
    "next_request": "{year} 概算要求額",
    "no_sheet": "調書はありません",
    "none": "なし",
    "findings": "指摘 {count} 件",
    "no_findings": "指摘はありません",
    # check
    "proposals": "規則による提案（ルールプロファイル {profile}）",
    "layout_used": "様式 {layout} として読みました（docs/layouts.md）",
    "recorded": "記録",
    "proposed": "提案",
    "differs": "相違",
    "no_proposal": "提案なし",
    "more_lines": "… ほか {count} 行",
    "check_counts": "指摘 {total} 件（誤り {error} 件、注意 {warning} 件、参考 {info} 件）",
    # import --into (bulk import into the database)
    "into_conflicts": "--into は -o/--output、--issues、--format と一緒には使えません",
    "into_only": "{option} は --into と一緒に使います",
    "database_bad_url": (
        "データベースの URL {database} には対応していません（sqlite:/// または postgresql://）"
    ),
    "data_dir_missing": (
        "{path} はデータディレクトリではありません（データベースの URL か、hyoka migrate を実行したデ"
        "ィレクトリを指定してください）"
    ),
    "needs_migrate_at": "データベース {db} がありません。先に `hyoka migrate` を実行してください",
    "rate": "{rate:.1f} 件/秒",
    "bulk_progress": "取り込み中: {done}/{total} 件（保存 {stored}、取り込み済み {skipped}、失敗 {failed}）",
    "bulk_done": (
        "{total} 件: 保存 {stored} 件、既に取り込み済み {skipped} 件、失敗 {"
        "failed} 件（{seconds} 秒、{rate} 件/秒）。データベース: {db}"
    ),
    "bulk_interrupted": (
        "中断しました: {total} 件中 保存 {stored} 件、既に取り込み済み {skipped"
        "} 件、失敗 {failed} 件（{seconds} 秒）。同じコマンドをもう一度実行すると続きか"
        "ら取り込みます"
    ),
    "rendering_pages": "公開ページを作成中",
    "pages_progress": "公開ページを作成中: {done}/{total} 件の評価書",
    "pages_done": "公開ページ {pages} 件を作成しました",
    "bulk_killed": (
        "取り込みが中断されました（{detail}）。保存済みの分は残っています。もう一度実行すると続きから"
        "取り込みます"
    ),
}


def translated(table: dict[str, str], context: str, key: str, lang: Lang, /, **values: object) -> str:
    """The message ``key`` of ``table`` (key → Japanese msgid) in ``lang``, with ``values`` filled in.

    The English is the catalog's entry with msgctxt ``<context>.<key>`` (the same Japanese can read
    differently in English in two places). The catalog is read only when English is asked for."""
    text = table[key]
    if lang is not Lang.JA:
        from hyoka.core.i18n import translate

        return translate(text, lang.value, f"{context}.{key}", **values)
    return text.format(**values) if values else text


def t(key: str, lang: Lang, /, **values: object) -> str:
    """The message ``key`` in ``lang``, with ``values`` filled in."""
    return translated(_MESSAGES, "cli", key, lang, **values)


def one_line(text: str) -> str:
    """``text`` with line breaks shown as \\n, so a message is always exactly one line."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


def resolve_lang(option: Lang | None) -> Lang:
    """``--lang`` when given, else ``HYOKA_LANG`` (en, en_US… → English), else Japanese."""
    if option is not None:
        return option
    env = os.environ.get("HYOKA_LANG", "").strip().lower()
    return Lang.EN if env.startswith("en") else Lang.JA
