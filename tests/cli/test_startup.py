"""What the ``hyoka`` command loads when it starts, so that ``--help``, ``import`` and ``check`` stay fast.

Not timed (``benchmarks/startup.py`` measures the start as whole processes): each case runs a fresh
interpreter, does one thing — imports ``hyoka.cli.main``, or runs a command through the console
script's own entry point ``hyoka.cli.main.main`` — and lists ``sys.modules``; the test names the
modules that must not be among them. Each command imports what it needs when it runs, and the
packages ``hyoka.services`` and ``hyoka.importers`` import their public names on first use.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from hyoka import importers, services
from hyoka.cli import corpus as cli_corpus
from hyoka.cli import main as cli_main

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "mofa-r2-I-2-hokubei.txt"

HEAVY = (
    "openpyxl",
    "pdfplumber",
    "pdfminer",
    "numpy",
    "PIL",
    "matplotlib",
    "weasyprint",
    "django",
    "ninja",
    "jinja2",
    "hyoka.importers.xlsx",
    "hyoka.importers.pdf",
    "hyoka.renderers",
    "hyoka.corpus",
    "hyoka.services.cycle",
    "hyoka.services.upload",
    "hyoka.web",
)
"""Never needed to define the commands, nor to import or check a text file."""

MODEL = (
    "hyoka.core",
    "hyoka.importers",
    "hyoka.rules",
    "hyoka.services.checking",
    "hyoka.services.importing",
)
"""The document model and what stands on it: not needed to define the commands or show their help
(nor pydantic, for ``hyoka --help``; typer itself imports it to read a command's options)."""

NOT_FOR_IMPORT = (
    "hyoka.rules",
    "hyoka.services.checking",
    "hyoka.services.summary",
    "hyoka.services.rendering",
    "hyoka.cli.render",
    "hyoka.cli.check_text",
    "hyoka.cli.bulk",
    "rich",
    "jsonschema_rs",
)
"""``hyoka import`` of a text file reads, validates and writes JSON: no rules, no tables, no
rule profiles, no rendering registry, no bulk import, no JSON Schema validator."""

NOT_FOR_CHECK = (
    "rich",
    "hyoka.cli.render",
    "hyoka.services.summary",
    "hyoka.services.rendering",
    "jsonschema_rs",
)
"""``hyoka check`` draws its text and its one table without rich (``hyoka.cli.check_text``)."""

_CHILD = """
import json, sys
out, *args = sys.argv[1:]
code = None
if args:
    from hyoka.cli.main import main
    try:
        main(args)
    except SystemExit as exc:
        code = exc.code
else:
    import hyoka.cli.main
loader = sys.modules.get("pydantic.plugin._loader")
searched = loader is not None and loader._plugins is not None
with open(out, "w", encoding="utf-8") as f:
    json.dump({"exit": code, "modules": sorted(sys.modules), "plugins_searched": searched}, f)
"""


def _run(tmp_path: Path, *args: str, plugins: str | None = None) -> dict[str, object]:
    """What a fresh interpreter reports after ``import hyoka.cli.main`` (no ``args``) or after
    running ``hyoka ARGS``: its modules, the command's exit status, whether pydantic searched the
    installed distributions for plugins (``PYDANTIC_DISABLE_PLUGINS`` left unset by the caller, or
    set to ``plugins``)."""
    out = tmp_path / "modules.json"
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if plugins is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = plugins
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(out), *args],
        capture_output=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    data: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return data


def _loaded(tmp_path: Path, *args: str) -> tuple[set[str], object]:
    """The modules loaded and the exit status (``_run``)."""
    data = _run(tmp_path, *args)
    modules = data["modules"]
    assert isinstance(modules, list)
    return set(modules), data["exit"]


def _present(modules: set[str], names: tuple[str, ...]) -> list[str]:
    """The modules of ``modules`` that are one of ``names`` or inside one of them."""
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


def test_importing_the_command_loads_no_heavy_module(tmp_path: Path) -> None:
    modules, _ = _loaded(tmp_path)
    assert "hyoka.cli.main" in modules
    assert _present(modules, (*HEAVY, *MODEL, "pydantic", "rich")) == []


def test_help_loads_no_model(tmp_path: Path) -> None:
    modules, code = _loaded(tmp_path, "--help")
    assert code == 0
    assert _present(modules, (*HEAVY, *MODEL, "pydantic")) == []


@pytest.mark.parametrize("command", ["import", "corpus", "report", "render", "next-cycle"])
def test_a_command_s_help_loads_no_model(tmp_path: Path, command: str) -> None:
    modules, code = _loaded(tmp_path, command, "--help")
    assert code == 0
    assert _present(modules, (*HEAVY, *MODEL)) == []


def test_import_of_a_text_file_loads_only_the_text_importer(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    modules, code = _loaded(tmp_path, "import", str(SAMPLE), "-o", str(out))
    assert code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["measure_number"]
    assert "hyoka.importers.text" in modules
    assert _present(modules, (*HEAVY, *NOT_FOR_IMPORT)) == []


def test_check_of_a_text_file_loads_no_heavy_module(tmp_path: Path) -> None:
    modules, code = _loaded(tmp_path, "check", str(SAMPLE))
    assert code in (0, 1)
    assert "hyoka.rules" in modules
    assert "hyoka.cli.check_text" in modules
    assert _present(modules, (*HEAVY, *NOT_FOR_CHECK)) == []


def test_a_usage_error_loads_no_model(tmp_path: Path) -> None:
    """A bad option is said in one line before anything is read; ``--to`` reads only the names of
    the formats (``hyoka.renderers.formats``), not a renderer."""
    modules, code = _loaded(tmp_path, "check", str(SAMPLE), "--format", "xml")
    assert code == 2
    assert _present(modules, (*HEAVY, *MODEL, "rich")) == []
    modules, code = _loaded(tmp_path, "render", str(SAMPLE), "--to", "docx")
    assert code == 2
    assert _present(modules, ("hyoka.renderers",)) == ["hyoka.renderers", "hyoka.renderers.formats"]
    assert (
        _present(modules, ("openpyxl", "numpy", "matplotlib", "weasyprint", "jinja2", *MODEL, "rich")) == []
    )


# --- what the lazy imports keep ----------------------------------------------------------------


@pytest.mark.parametrize("package", [services, importers], ids=lambda p: p.__name__)
def test_every_public_name_is_still_there(package: ModuleType) -> None:
    for name in package.__all__:
        value = getattr(package, name)
        module = getattr(value, "__module__", None)
        assert module is None or module.startswith("hyoka."), (name, module)
        assert name in dir(package)
    with pytest.raises(AttributeError):
        _ = package.no_such_name


def test_public_names_import_as_before() -> None:
    from hyoka.importers import import_pdf, import_xlsx
    from hyoka.importers.pdf import import_pdf as pdf_importer
    from hyoka.importers.xlsx import import_xlsx as xlsx_importer
    from hyoka.services import check_file, import_file, render_file, render_report
    from hyoka.services.checking import check_file as checking_check_file
    from hyoka.services.importing import import_file as importing_import_file
    from hyoka.services.rendering import render_file as rendering_render_file
    from hyoka.services.rendering import render_report as rendering_render_report

    assert import_pdf is pdf_importer
    assert import_xlsx is xlsx_importer
    assert check_file is checking_check_file
    assert import_file is importing_import_file
    assert render_file is rendering_render_file
    assert render_report is rendering_render_report


def test_the_command_s_copies_of_service_constants_are_equal() -> None:
    """The options' defaults and choices that the command states without importing the services."""
    from hyoka.corpus import DEFAULT_RATES, FAMILIES, CorpusFormat

    assert cli_main.DEFAULT_PROFILE == services.DEFAULT_PROFILE
    assert [f.value for f in cli_corpus.FileFormat] == [f.value for f in CorpusFormat]
    plant = ",".join(f"{f}={DEFAULT_RATES[f]:g}" for f in FAMILIES)
    assert plant == cli_corpus._DEFAULT_PLANT


def test_the_benchmark_rewrites_only_its_section_of_the_report(monkeypatch: pytest.MonkeyPatch) -> None:
    """``benchmarks/startup.py --update-docs``: the Start-up section replaced, the rest kept."""
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "startup.py"
    spec = importlib.util.spec_from_file_location("startup_benchmark", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    text = "# Performance\n\n## Start-up\n\nold table\n\n## Targets\n\nkept\n"
    assert module.with_section(text, ["## Start-up", "", "new table", ""]) == (
        "# Performance\n\n## Start-up\n\nnew table\n\n## Targets\n\nkept\n"
    )
    assert module.with_section("# P\n", ["## Start-up", "", "t"]) == "# P\n\n## Start-up\n\nt\n"


def test_import_does_not_search_for_pydantic_plugins(tmp_path: Path) -> None:
    """Pydantic's search of every distribution's metadata for plugins (about 15 ms) is skipped by
    the command (``hyoka.cli``); the first model it builds would otherwise make it."""
    out = tmp_path / "report.json"
    data = _run(tmp_path, "import", str(SAMPLE), "-o", str(out))
    assert (data["exit"], data["plugins_searched"]) == (0, False)
    modules = data["modules"]
    assert isinstance(modules, list)
    assert _present(set(modules), ("importlib.metadata", "email")) == []
    assert json.loads(out.read_text(encoding="utf-8"))["measure_number"] == "I-2"


def test_plugins_asked_for_are_searched(tmp_path: Path) -> None:
    """With ``PYDANTIC_DISABLE_PLUGINS`` set to anything but 'off' (here: empty), pydantic's own
    loader runs: the command's stand-in is only for when the search is off."""
    out = tmp_path / "report.json"
    data = _run(tmp_path, "import", str(SAMPLE), "-o", str(out), plugins="")
    assert (data["exit"], data["plugins_searched"]) == (0, True)
    modules = data["modules"]
    assert isinstance(modules, list)
    assert "importlib.metadata" in modules
