"""``hyoka corpus generate``: a seeded synthetic corpus with planted errors and its manifest.

Exit status: 0 written; 2 the corpus cannot be made as asked (bad ``--plant``, an output directory
that is not empty, more reports than the seeds allow, a file that cannot be written), one line on
stderr ``hyoka: error: …``; 3 an unexpected failure; 130 interrupted.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hyoka.cli.guard import EXIT_OK, run
from hyoka.cli.messages import Lang, resolve_lang, translated
from hyoka.cli.usage import command_group

if TYPE_CHECKING:  # the generator is imported when the command runs, not for every hyoka command
    from hyoka.corpus import GeneratedReport

__all__ = ["corpus_app"]

_MESSAGES: dict[str, str] = {
    "generating": "生成中",
    "done": (
        "{count} 件の評価書を {out} に書き出しました(府省 {ministries}、施策 {"
        "measures}、{fmt} 形式)。埋め込んだ誤り: {planted}。一覧: {manife"
        "st}"
    ),
}


def _t(key: str, lang: Lang, **values: object) -> str:
    return translated(_MESSAGES, "corpus", key, lang, **values)


corpus_app = command_group(
    "corpus",
    "合成の評価書コーパスを作る (make a synthetic corpus of evaluation reports).",
)


class FileFormat(StrEnum):
    """The values of ``hyoka.corpus.CorpusFormat``, for the option without loading the
    generator (kept equal by a test)."""

    TEXT = "text"
    JSON = "json"


_DEFAULT_PLANT = "H1=0.1,H2=0.1,H3=0.1,H4=0.1,H5=0.1"
"""``hyoka.corpus.DEFAULT_RATES`` as ``--plant`` writes it (kept equal by a test)."""


def _line(text: str) -> None:
    sys.stderr.write(" ".join(text.split()) + "\n")
    sys.stderr.flush()


@corpus_app.command("generate")
def generate_command(
    out: Annotated[Path, typer.Argument(metavar="OUT", help="出力先のディレクトリ(新規または空)")],
    reports: Annotated[int, typer.Option("--reports", min=1, help="評価書の数")] = 100,
    seed: Annotated[int, typer.Option("--seed", min=0, help="乱数の種(同じ種と引数なら同じ内容)")] = 0,
    plant: Annotated[
        str,
        typer.Option(
            "--plant",
            metavar="SPEC",
            help="系統ごとに誤りを埋め込む評価書の割合(例: H2=0.1,H3=0.1。指定のない系統は 0、"
            "none で誤りなし)",
        ),
    ] = _DEFAULT_PLANT,
    fmt: Annotated[
        FileFormat,
        typer.Option("--format", help="ファイルの形式: text(PDF から抽出したテキスト)または json"),
    ] = FileFormat.TEXT,
    lang: Annotated[
        Lang | None,
        typer.Option(
            "--lang", help="表示の言語 ja|en(既定: 環境変数 HYOKA_LANG、なければ ja)", show_default=False
        ),
    ] = None,
) -> None:
    """評価書のコーパスを生成し、埋め込んだ誤りの一覧 manifest.json とともに書き出す (generate a corpus)."""
    from hyoka.corpus import CorpusError

    language = resolve_lang(lang)
    run(language, lambda: _run(out, reports, seed, plant, fmt, language), extra=(CorpusError,))


def _run(out: Path, reports: int, seed: int, plant: str, fmt: FileFormat, lang: Lang) -> int:
    from rich.console import Console

    from hyoka.cli.render import file_progress
    from hyoka.corpus import MANIFEST, CorpusFormat, parse_rates, write_corpus

    console = Console(stderr=True, highlight=False)
    rates = parse_rates(plant)
    with file_progress(console, disable=not console.is_terminal) as progress:
        task = progress.add_task(_t("generating", lang), total=reports, file="")

        def advance(generated: GeneratedReport) -> None:
            progress.update(task, advance=1, file=generated.plan.stem)

        manifest = write_corpus(out, reports, seed, rates, fmt=CorpusFormat(fmt.value), progress=advance)
    counts = manifest["counts"]
    planted = ", ".join(f"{f} {n}" for f, n in counts["planted"].items())
    _line(
        _t(
            "done",
            lang,
            count=counts["reports"],
            out=out,
            ministries=counts["ministries"],
            measures=counts["measures"],
            fmt=fmt.value,
            planted=planted,
            manifest=out / MANIFEST,
        )
    )
    return EXIT_OK
