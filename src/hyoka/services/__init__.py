"""The use cases shared by the ``hyoka`` command and the web: import, check, summarize, write.

Callers above this layer (cli, web) use this package and never ``hyoka.importers`` or
``hyoka.rules`` directly; the importer's result type and its one error, and the rules' result
type and profile error, are re-exported here.
"""

from hyoka.importers import ImportResult, NotAReportError
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
from hyoka.services.summary import BudgetLine, IndicatorLine, SheetTotal, Summary, summarize

__all__ = [
    "DEFAULT_PROFILE",
    "MAX_INPUT_BYTES",
    "BudgetLine",
    "CheckOutcome",
    "CheckResult",
    "ImportResult",
    "IndicatorLine",
    "InputError",
    "NotAReportError",
    "OutputError",
    "ProfileError",
    "SheetTotal",
    "Summary",
    "bundled_profiles",
    "check_file",
    "check_imported",
    "ensure_directory",
    "files_findings_to_json",
    "findings_to_json",
    "import_data",
    "import_file",
    "read_input",
    "report_to_json",
    "resolve_profile",
    "summarize",
    "write_output",
]
