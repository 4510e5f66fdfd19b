"""The ``hyoka`` command.

Exit status: 0 the document(s) were read (with or without findings; for ``hyoka check``: no
finding of severity error; for ``hyoka render``: the output was written); 1 ``hyoka check`` found
at least one error; 2 an input is not an evaluation report, a file cannot be read or written, a
rule profile cannot be used, a render cannot be made as asked (binary output without ``-o``), or
a web workspace command failed (``hyoka serve`` before ``hyoka migrate``, an unknown user, the
database unreachable), or an option or argument cannot be used (``--to docx``, a missing ``--role``:
``hyoka.cli.usage``); one line on stderr: ``hyoka: error: <what is wrong, where>``; 3 an unexpected failure
(``hyoka: internal error: …``, the traceback only with ``HYOKA_DEBUG=1``); 130 interrupted.
Never a traceback otherwise.

``hyoka migrate``, ``serve``, ``users create`` and ``token`` run Django in a child process
(``hyoka.cli.server``): this module imports no Django.

What a command needs is imported when it runs. Defining the commands, all that ``hyoka --help``
does, loads typer and the light modules of this package only; ``hyoka import`` of a text file adds
the model and the text importer, not the rules, the renderers, openpyxl or the corpus generator;
``hyoka check`` draws its text without rich (``hyoka.cli.check_text``); rich is imported where
something else is drawn with it (the summary, progress bars, the portfolio).

``-o`` is read the same way by every command (``hyoka.services.files.output_target``): a path that
ends in ``/`` or is an existing directory is a directory, created if missing.

``tests/cli/test_startup.py`` keeps the start light, ``benchmarks/startup.py`` measures it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from hyoka.cli import server
from hyoka.cli.corpus import corpus_app
from hyoka.cli.cycle import next_cycle_command
from hyoka.cli.guard import (
    EXIT_BAD_INPUT,
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    report_error,
    report_internal,
    run,
    silence_stdout,
    stderr_line,
    user_errors,
    write_stdout,
)
from hyoka.cli.messages import Lang, resolve_lang, t
from hyoka.cli.portfolio import report_app
from hyoka.cli.server import ServerError
from hyoka.cli.usage import BadChoice, command_group, output_option

if TYPE_CHECKING:
    from rich.console import Console

    from hyoka.core import Issue
    from hyoka.renderers.formats import Format as OutputFormat
    from hyoka.services import CheckOutcome, ImportResult, RenderOutput

__all__ = ["app", "main"]

DEFAULT_PROFILE = "mofa-2020"
"""``hyoka.services.DEFAULT_PROFILE``, for the options' help without loading the rules (kept equal
by a test)."""


# --- the services the commands run, imported when first called ---------------------------------
# Names of this module (not ``from hyoka.services import …`` at the top), so that a test can replace
# one with ``monkeypatch.setattr(main, "import_file", …)``.


def import_file(path: Path, *, layout: str | None = None) -> ImportResult:
    """``hyoka.services.import_file``."""
    from hyoka.services import import_file as run

    return run(path, layout=layout)


def check_file(path: Path, profile: str | Path | None = None, *, layout: str | None = None) -> CheckOutcome:
    """``hyoka.services.check_file``."""
    from hyoka.services import check_file as run

    return run(path, profile, layout=layout)


def render_file(path: Path, to: str, **options: Any) -> RenderOutput:
    """``hyoka.services.render_file`` (its options: ``review``, ``profile``, ``lang``)."""
    from hyoka.services import render_file as run

    return run(path, to, **options)


def unknown_profile(profile: str | None, lang: Lang) -> bool:
    """Whether ``--profile`` names no bundled profile (and is no path: no ``/``, no ``.toml``),
    said in one line in ``lang`` (the rules' own message is English)."""
    if profile is None or "/" in profile or os.sep in profile or profile.endswith(".toml"):
        return False
    from hyoka.services import bundled_profiles

    known = bundled_profiles()
    if profile in known:
        return False
    stderr_line(f"hyoka: error: {t('unknown_profile', lang, name=profile, known=', '.join(known))}")
    return True


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"


app = command_group(
    "hyoka",
    "政策評価書を読み込み、点検し、書き出します (import, check and export policy evaluation reports).",
)


# --- hyoka import ---------------------------------------------------------------------------


def _print_findings(result: ImportResult, lang: Lang, file: str, console: Console | None = None) -> None:
    from hyoka.cli.check_text import finding_line

    for issue in result.findings:
        stderr_line(finding_line(issue, lang, file=file, report=result.report), console)


def _import_one(
    path: Path, output: str | None, issues: bool, fmt: Format, lang: Lang, layout: str | None = None
) -> int:
    from hyoka.services import findings_to_json, output_file, report_to_json, write_output

    result = import_file(path) if layout is None else import_file(path, layout=layout)
    report_json = report_to_json(result.report)
    if output is not None:
        write_output(output_file(output, f"{path.stem}.json"), report_json)
    findings_as_json = issues and fmt is Format.JSON
    if findings_as_json:
        write_stdout(findings_to_json(result.findings, file=str(path)))
    elif output is None:
        write_stdout(report_json)
    if issues and fmt is Format.TEXT:
        _print_findings(result, lang, str(path))
    return EXIT_OK


def _import_many(
    paths: list[Path], output: str | None, issues: bool, fmt: Format, lang: Lang, layout: str | None = None
) -> int:
    from rich.console import Console

    from hyoka.cli.render import file_progress
    from hyoka.services import ensure_directory, files_findings_to_json, report_to_json, write_output

    if output is None:
        stderr_line(f"hyoka: error: {t('several_need_output', lang)}")
        return EXIT_BAD_INPUT
    folder = Path(output)
    ensure_directory(folder)
    written: dict[str, str] = {}
    collected: list[tuple[str | None, list[Issue]]] = []
    failed = internal = 0
    console = Console(stderr=True, highlight=False)
    with file_progress(console) as progress:
        task = progress.add_task(t("importing", lang), total=len(paths), file="")
        for path in paths:
            progress.update(task, file=path.name)
            target = folder / f"{path.stem}.json"
            try:
                other = written.get(str(target))
                if other is not None:
                    stderr_line(
                        f"hyoka: error: {path}: {t('output_taken', lang, out=target, other=other)}", console
                    )
                    failed += 1
                    continue
                result = import_file(path) if layout is None else import_file(path, layout=layout)
                write_output(target, report_to_json(result.report))
                written[str(target)] = str(path)
                collected.append((str(path), result.findings))
                if issues and fmt is Format.TEXT:
                    _print_findings(result, lang, str(path), console)
            except user_errors() as exc:
                report_error(exc, lang, console)
                failed += 1
            except Exception as exc:
                report_internal(exc, console, where=str(path))
                internal += 1
            finally:
                progress.advance(task)
    if issues and fmt is Format.JSON:
        write_stdout(files_findings_to_json(collected))
    bad = failed + internal
    stderr_line(t("batch_done", lang, total=len(paths), ok=len(paths) - bad, failed=bad, out=folder))
    if internal:
        return EXIT_INTERNAL
    return EXIT_BAD_INPUT if failed else EXIT_OK


LangOption = Annotated[
    Lang | None,
    typer.Option(
        "--lang", help="表示の言語 ja|en（既定: 環境変数 HYOKA_LANG、なければ ja）", show_default=False
    ),
]
LayoutOption = Annotated[
    str | None,
    typer.Option(
        "--layout",
        metavar="NAME",
        help="文書の様式の名前（既定: 文書から判定。様式の一覧は docs/layouts.md）",
        show_default=False,
    ),
]


@app.command("import")
def import_command(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE",
            help="評価書のファイル（PDF、PDF から抽出したテキスト、hyoka の Excel（.xlsx）または JSON）。"
            "--into ではディレクトリも（再帰的に）",
        ),
    ],
    output: Annotated[
        str | None,
        output_option(
            "出力先。ファイル 1 つならファイル（/ で終わるか既存のディレクトリなら、その中の "
            "<名前>.json）、複数ならディレクトリ。ディレクトリはなければ作成"
        ),
    ] = None,
    issues: Annotated[
        bool, typer.Option("--issues", help="読み込み時の指摘を表示する（text: 標準エラー、json: 標準出力）")
    ] = False,
    fmt: Annotated[
        Format, typer.Option("--format", help="--issues の形式: text（人向け）または json")
    ] = Format.TEXT,
    into: Annotated[
        str | None,
        typer.Option(
            "--into",
            metavar="DATABASE",
            help="データベースに一括で取り込む: URL（sqlite:///…、postgresql://…）またはデータディレクトリ"
            "（HYOKA_DATA_DIR）。並列、再実行で続きから（docs/bulk-import.md）",
            show_default=False,
        ),
    ] = None,
    publish: Annotated[
        bool, typer.Option("--publish", help="--into: 公表済みの評価書として保存する（承認・公表を記録）")
    ] = False,
    user: Annotated[
        str | None,
        typer.Option(
            "--user",
            metavar="NAME",
            help="--into: 作成者として記録する利用者（既定: hyoka-import）",
            show_default=False,
        ),
    ] = None,
    bureau: Annotated[
        str | None,
        typer.Option(
            "--bureau", metavar="B", help="--into: 担当部局（既定: 文書のもの）", show_default=False
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="--into: 並列に読むプロセスの数（既定: 使えるコア数）",
            show_default=False,
        ),
    ] = None,
    layout: LayoutOption = None,
    lang: LangOption = None,
) -> None:
    """評価書を読み込み、JSON で書き出す。--into ではデータベースに一括で取り込む (import reports)."""
    language = resolve_lang(lang)

    def body() -> int:
        if into is not None:
            if output is not None or issues or fmt is not Format.TEXT:
                stderr_line(f"hyoka: error: {t('into_conflicts', language)}")
                return EXIT_BAD_INPUT
            from hyoka.cli.bulk import import_into

            return import_into(
                files, into, publish=publish, user=user, bureau=bureau, jobs=jobs, lang=language
            )
        given = [
            name
            for name, value in (
                ("--publish", publish or None),
                ("--user", user),
                ("--bureau", bureau),
                ("--jobs", jobs),
            )
            if value is not None
        ]
        if given:
            stderr_line(f"hyoka: error: {t('into_only', language, option=given[0])}")
            return EXIT_BAD_INPUT
        if len(files) == 1:
            return _import_one(files[0], output, issues, fmt, language, layout)
        return _import_many(files, output, issues, fmt, language, layout)

    run(language, body)


# --- hyoka summary --------------------------------------------------------------------------


@app.command("summary")
def summary_command(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="評価書のファイル")],
    lang: LangOption = None,
) -> None:
    """評価書の概要と指摘を表示する（指摘は hyoka check と同じ）(show a report's summary and findings)."""
    language = resolve_lang(lang)

    def body() -> int:
        from rich.console import Console

        from hyoka.cli.render import render_summary
        from hyoka.services import summarize

        # the findings hyoka check lists: the import's and the rules' (default profile)
        outcome = check_file(file)
        console = Console(highlight=False, emoji=False)
        report = outcome.imported.report
        render_summary(console, summarize(outcome.imported), outcome.findings, language, report)
        return EXIT_OK

    run(language, body)


# --- hyoka check ----------------------------------------------------------------------------


@app.command("check")
def check_command(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="評価書のファイル（PDF、テキスト、.xlsx または JSON）")
    ],
    fmt: Annotated[
        Format, typer.Option("--format", help="出力の形式: text（人向け）または json")
    ] = Format.TEXT,
    profile: Annotated[
        str | None,
        typer.Option(
            "--profile",
            metavar="NAME|PATH",
            help=f"ルールプロファイル: 同梱の名前（既定: {DEFAULT_PROFILE}）、または TOML ファイルのパス"
            "（/ を含むか .toml で終わるもの）",
            show_default=False,
        ),
    ] = None,
    layout: LayoutOption = None,
    lang: LangOption = None,
) -> None:
    """評価書を点検し、達成状況と測定結果を提案する (check a report; exit 1 when an error is found)."""
    language = resolve_lang(lang)

    def body() -> int:
        if unknown_profile(profile, language):
            return EXIT_BAD_INPUT
        outcome = check_file(file, profile) if layout is None else check_file(file, profile, layout=layout)
        if fmt is Format.JSON:
            import json

            write_stdout(json.dumps(outcome.to_json(), ensure_ascii=False, indent=2) + "\n")
        else:
            from hyoka.cli.check_text import check_text

            write_stdout(check_text(outcome, language))
        return EXIT_FINDINGS if outcome.has_errors else EXIT_OK

    run(language, body)


# --- hyoka render ---------------------------------------------------------------------------


def render_choices() -> tuple[str, ...]:
    """What ``--to`` accepts: the name of every registered format (``hyoka.services.render_formats``)."""
    from hyoka.services import render_formats

    return tuple(f.name for f in render_formats())


def _output_format_name(value: str) -> str:
    """``--to``: read against the registry when a value is given, not when the command is defined
    or its help shown (which loads no renderer); another name is a usage error listing the choices."""
    names = render_choices()
    if value in names:
        return value
    raise BadChoice(value, names)


def _render_format(to: str | None, output: str | None) -> OutputFormat | None:
    """``--to``, else what the name given to ``-o`` says (``.pdf`` → pdf, ``.zip`` → csv, …)."""
    from hyoka.services import names_directory, render_format, render_format_for_suffix

    if to is not None:
        return render_format(to)
    if output is None or names_directory(output):
        return None
    return render_format_for_suffix(Path(output).suffix)


@app.command("render")
def render_command(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="評価書のファイル（PDF、テキスト、.xlsx または JSON）")
    ],
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            parser=_output_format_name,
            metavar="FORMAT",
            help="出力の形式: html、pdf、xlsx、csv（3 つの表）、json、text（PDF から抽出した形のテキスト）"
            "など登録された形式（省略時は -o の拡張子から）",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        str | None,
        output_option(
            "出力先のファイル（/ で終わるか既存のディレクトリなら、その中の "
            "<府省>_<番号>_<年度>.<形式>。ディレクトリはなければ作成）。csv はディレクトリか .zip。"
            "html、json と text は省略すると標準出力"
        ),
    ] = None,
    review: Annotated[
        bool,
        typer.Option(
            "--review",
            help="点検の指摘と規則による提案を数値の横に併記する（html、pdf。xlsx と csv は提案のみ）",
        ),
    ] = False,
    profile: Annotated[
        str | None,
        typer.Option(
            "--profile",
            metavar="NAME|PATH",
            help=f"--review のルールプロファイル: 同梱の名前（既定: {DEFAULT_PROFILE}）、"
            "または TOML ファイルのパス",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    """評価書を HTML、PDF、Excel、CSV、JSON、テキストで書き出す (render: html, pdf, xlsx, csv, json, text)."""
    language = resolve_lang(lang)

    def body() -> int:
        fmt = _render_format(to, output)
        if fmt is None:
            stderr_line(f"hyoka: error: {t('render_needs_format', language)}")
            return EXIT_BAD_INPUT
        if output is None and fmt.binary:
            stderr_line(f"hyoka: error: {t('binary_needs_output', language, fmt=fmt.name)}")
            return EXIT_BAD_INPUT
        if output is None and fmt.several_files:
            stderr_line(f"hyoka: error: {t('csv_needs_output', language)}")
            return EXIT_BAD_INPUT
        if review and unknown_profile(profile, language):
            return EXIT_BAD_INPUT
        rendered = render_file(file, fmt.name, review=review, profile=profile, lang=language.value)
        if output is None:
            assert isinstance(rendered.data, bytes) and not rendered.is_binary
            write_stdout(rendered.data.decode("utf-8"))
            return EXIT_OK
        from hyoka.cli.render import written_line
        from hyoka.services import output_target, write_rendered

        written = write_rendered(rendered, output_target(output))
        shown = len(rendered.findings) if review and fmt.shows_findings else None
        stderr_line(written_line(written, language, shown=shown))
        return EXIT_OK

    run(language, body)


app.command("next-cycle")(next_cycle_command)


# --- the web workspace: hyoka migrate, serve, users create, token ------------------------------


class UserRole(StrEnum):
    """The roles of ``hyoka.web.reports.models.Role`` (kept equal by a test; no Django here)."""

    VIEWER = "viewer"
    EDITOR = "editor"
    REVIEWER = "reviewer"
    EXPERT = "expert"
    ADMIN = "admin"


@app.command("migrate")
def migrate_command(lang: LangOption = None) -> None:
    """データベースを作成・更新する（適用したマイグレーションを表示）(create or upgrade the database).

    SQLite under HYOKA_DATA_DIR (default ./.hyoka-data), or PostgreSQL through DATABASE_URL.
    """
    language = resolve_lang(lang)

    def body() -> int:
        database = server.migrate()
        write_stdout(t("migrated", language, db=database) + "\n")
        return EXIT_OK

    run(language, body)


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option("--host", help="待ち受けるアドレス")] = server.DEFAULT_HOST,
    port: Annotated[
        int, typer.Option("--port", min=1, max=65535, help="待ち受けるポート")
    ] = server.DEFAULT_PORT,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="gunicorn のワーカープロセスの数")
    ] = server.DEFAULT_WORKERS,
    dev: Annotated[
        bool,
        typer.Option(
            "--dev", help="開発用: gunicorn の代わりに Django の runserver（自動再読み込み、DEBUG）"
        ),
    ] = False,
    lang: LangOption = None,
) -> None:
    """Web 画面と API を公開する（gunicorn）(serve the web workspace with gunicorn).

    Refuses to start (exit 2) while the database needs `hyoka migrate`. The access log goes to
    standard output, errors to standard error.
    """
    language = resolve_lang(lang)

    def body() -> int:
        if server.migrations_pending():
            raise ServerError("needs_migrate")
        server.check_port(host, port)
        env = server.child_env()
        address = server.bind_address(host, port)
        if dev:
            env.setdefault("HYOKA_DEBUG", "1")
            argv = server.runserver_argv(host, port)
            stderr_line(t("serving_dev", language, address=address))
        else:
            argv = server.gunicorn_argv(host, port, workers)
            db = server.database_label()
            stderr_line(t("serving", language, address=address, workers=workers, db=db))
        server.exec_server(argv, env)
        return EXIT_OK  # pragma: no cover - exec does not return

    run(language, body)


users_app = command_group(
    "users",
    "利用者を管理する (manage the people who use the web workspace).",
)
app.add_typer(users_app, name="users")
app.add_typer(report_app, name="report")
app.add_typer(corpus_app, name="corpus")


@users_app.command("create")
def users_create_command(
    name: Annotated[str, typer.Argument(metavar="NAME", help="ログイン名")],
    role: Annotated[UserRole, typer.Option("--role", help="役割", show_default=False)],
    ministry: Annotated[
        str | None,
        typer.Option("--ministry", metavar="M", help="府省（admin 以外は必須）", show_default=False),
    ] = None,
    bureau: Annotated[
        str | None,
        typer.Option("--bureau", metavar="B", help="部局（editor は必須）", show_default=False),
    ] = None,
    lang: LangOption = None,
) -> None:
    """利用者を作成する（パスワードは HYOKA_PASSWORD、なければ生成して表示）(create a user with a role)."""
    language = resolve_lang(lang)

    def body() -> int:
        if role is not UserRole.ADMIN and not ministry:
            raise ServerError("ministry_required", role=role.value)
        if role is UserRole.EDITOR and not bureau:
            raise ServerError("bureau_required")
        printed = server.users_create(name, role.value, ministry, bureau)
        password = next(
            (line.partition(":")[2].strip() for line in printed.splitlines() if line.startswith("password:")),
            None,
        )
        if password is None:  # pragma: no cover - the child always says it
            write_stdout(printed)
            return EXIT_OK
        if password == "(HYOKA_PASSWORD)":
            password = t("password_from_env", language)
        values = {"name": name, "role": role.value, "ministry": ministry or "-", "bureau": bureau}
        created = t("user_created_bureau" if bureau else "user_created", language, **values)
        write_stdout(f"{created}\n{t('password', language, password=password)}\n")
        return EXIT_OK

    run(language, body)


@app.command("token")
def token_command(
    name: Annotated[str, typer.Argument(metavar="NAME", help="ログイン名")],
    lang: LangOption = None,
) -> None:
    """API トークンを発行して標準出力に表示する（一度だけ）(make an API token for a user, shown once)."""
    language = resolve_lang(lang)

    def body() -> int:
        write_stdout(server.token(name))
        stderr_line(t("token_shown_once", language, name=name))
        return EXIT_OK

    run(language, body)


# --- hyoka --version ------------------------------------------------------------------------


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("hyoka")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


def _version_callback(value: bool) -> None:
    if value:
        write_stdout(f"hyoka {_version()}\n")
        raise typer.Exit(EXIT_OK)


@app.callback()
def root(
    show_version: Annotated[
        bool,
        typer.Option("--version", callback=_version_callback, is_eager=True, help="版を表示して終了する"),
    ] = False,
) -> None:
    """hyoka: 目標管理型の政策評価のためのシステム."""


def main(argv: Sequence[str] | None = None) -> None:
    """The console script: runs the command and exits with its status, never with a traceback."""
    try:
        app(args=list(argv) if argv is not None else None, prog_name="hyoka")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        silence_stdout()
        sys.exit(1)
    except Exception as exc:
        report_internal(exc)
        sys.exit(EXIT_INTERNAL)
