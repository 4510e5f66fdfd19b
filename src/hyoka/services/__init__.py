"""The use cases shared by the ``hyoka`` command and the web: import, check, summarize, render, write.

Callers above this layer (cli, web) use this package and never ``hyoka.importers`` or
``hyoka.rules`` directly; the importer's result type and its one error, and the rules' result
type and profile error, are re-exported here.

Each name is imported from its module when first used (PEP 562), so that importing this package
costs nothing and a caller pays only for the use cases it runs: ``hyoka import`` of a text file
does not load the rules, the renderers or the upload budget, ``hyoka --help`` not even the model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hyoka.lazy import lazy_names

if TYPE_CHECKING:
    from hyoka.importers import ImportResult, LimitExceeded, NotAReportError
    from hyoka.importers.json_report import MAX_JSON_DEPTH, json_depth
    from hyoka.services.checking import (
        DEFAULT_PROFILE,
        CheckOutcome,
        CheckResult,
        ProfileError,
        bundled_profiles,
        check_file,
        check_imported,
        check_report_result,
        resolve_profile,
    )
    from hyoka.services.cycle import NextCycle, cycle_briefs, new_window, next_cycle, pre_analysis_draft
    from hyoka.services.errors import InputError, OutputError
    from hyoka.services.files import (
        MAX_INPUT_BYTES,
        ensure_directory,
        names_directory,
        output_file,
        output_target,
        read_input,
        write_output,
    )
    from hyoka.services.importing import (
        files_findings_to_json,
        findings_to_json,
        import_data,
        import_file,
        report_to_json,
    )
    from hyoka.services.rendering import (
        MAX_NAME_BYTES,
        RenderError,
        RenderFormat,
        RenderOutput,
        chart_plan,
        chart_problem,
        default_stem,
        render_file,
        render_format,
        render_format_for_suffix,
        render_formats,
        render_imported,
        render_report,
        report_chart,
        report_charts,
        safe_filename,
        write_rendered,
    )
    from hyoka.services.summary import BudgetLine, IndicatorLine, SheetTotal, Summary, summarize
    from hyoka.services.upload import DEFAULT_IMPORT_MEMORY_BYTES, DEFAULT_IMPORT_SECONDS, import_upload

__all__ = [
    "DEFAULT_IMPORT_MEMORY_BYTES",
    "DEFAULT_IMPORT_SECONDS",
    "DEFAULT_PROFILE",
    "MAX_INPUT_BYTES",
    "MAX_JSON_DEPTH",
    "MAX_NAME_BYTES",
    "BudgetLine",
    "CheckOutcome",
    "CheckResult",
    "ImportResult",
    "IndicatorLine",
    "InputError",
    "LimitExceeded",
    "NextCycle",
    "NotAReportError",
    "OutputError",
    "ProfileError",
    "RenderError",
    "RenderFormat",
    "RenderOutput",
    "SheetTotal",
    "Summary",
    "bundled_profiles",
    "chart_plan",
    "chart_problem",
    "check_file",
    "check_imported",
    "check_report_result",
    "cycle_briefs",
    "default_stem",
    "ensure_directory",
    "files_findings_to_json",
    "findings_to_json",
    "import_data",
    "import_file",
    "import_upload",
    "json_depth",
    "names_directory",
    "new_window",
    "next_cycle",
    "output_file",
    "output_target",
    "pre_analysis_draft",
    "read_input",
    "render_file",
    "render_format",
    "render_format_for_suffix",
    "render_formats",
    "render_imported",
    "render_report",
    "report_chart",
    "report_charts",
    "report_to_json",
    "resolve_profile",
    "safe_filename",
    "summarize",
    "write_output",
    "write_rendered",
]

_MODULES: dict[str, tuple[str, ...]] = {
    "hyoka.importers": ("ImportResult", "LimitExceeded", "NotAReportError"),
    "hyoka.importers.json_report": ("MAX_JSON_DEPTH", "json_depth"),
    "hyoka.services.checking": (
        "DEFAULT_PROFILE",
        "CheckOutcome",
        "CheckResult",
        "ProfileError",
        "bundled_profiles",
        "check_file",
        "check_imported",
        "check_report_result",
        "resolve_profile",
    ),
    "hyoka.services.errors": ("InputError", "OutputError"),
    "hyoka.services.files": (
        "MAX_INPUT_BYTES",
        "ensure_directory",
        "names_directory",
        "output_file",
        "output_target",
        "read_input",
        "write_output",
    ),
    "hyoka.services.importing": (
        "files_findings_to_json",
        "findings_to_json",
        "import_data",
        "import_file",
        "report_to_json",
    ),
    "hyoka.services.cycle": ("NextCycle", "cycle_briefs", "new_window", "next_cycle", "pre_analysis_draft"),
    "hyoka.services.rendering": (
        "MAX_NAME_BYTES",
        "RenderError",
        "RenderFormat",
        "RenderOutput",
        "default_stem",
        "render_file",
        "render_format",
        "render_format_for_suffix",
        "render_formats",
        "render_imported",
        "render_report",
        "chart_plan",
        "chart_problem",
        "report_chart",
        "report_charts",
        "safe_filename",
        "write_rendered",
    ),
    "hyoka.services.summary": ("BudgetLine", "IndicatorLine", "SheetTotal", "Summary", "summarize"),
    "hyoka.services.upload": ("DEFAULT_IMPORT_MEMORY_BYTES", "DEFAULT_IMPORT_SECONDS", "import_upload"),
}
__getattr__, __dir__ = lazy_names(
    globals(), {name: module for module, names in _MODULES.items() for name in names}
)
