"""The use cases shared by the ``hyoka`` command and the web: import, check, summarize, render, write.

Callers above this layer (cli, web) use this package and never ``hyoka.importers`` or
``hyoka.rules`` directly; the importer's result type and its one error, and the rules' result
type and profile error, are re-exported here.
"""

from hyoka.importers import ImportResult, LimitExceeded, NotAReportError
from hyoka.services.checking import (
    DEFAULT_PROFILE,
    CheckOutcome,
    CheckResult,
    ProfileError,
    bundled_profiles,
    check_file,
    check_imported,
    resolve_profile,
)
from hyoka.services.errors import InputError, OutputError
from hyoka.services.files import MAX_INPUT_BYTES, ensure_directory, read_input, write_output
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
    default_stem,
    render_file,
    render_imported,
    render_report,
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
    "MAX_NAME_BYTES",
    "BudgetLine",
    "CheckOutcome",
    "CheckResult",
    "ImportResult",
    "IndicatorLine",
    "InputError",
    "LimitExceeded",
    "NotAReportError",
    "OutputError",
    "ProfileError",
    "RenderError",
    "RenderFormat",
    "RenderOutput",
    "SheetTotal",
    "Summary",
    "bundled_profiles",
    "check_file",
    "check_imported",
    "default_stem",
    "ensure_directory",
    "files_findings_to_json",
    "findings_to_json",
    "import_data",
    "import_file",
    "import_upload",
    "read_input",
    "render_file",
    "render_imported",
    "render_report",
    "report_charts",
    "report_to_json",
    "resolve_profile",
    "safe_filename",
    "summarize",
    "write_output",
    "write_rendered",
]
