"""The use cases shared by the ``hyoka`` command and the web: import, summarize, write.

Callers above this layer (cli, web) use this package and never ``hyoka.importers`` directly;
the importer's result type and its one error are re-exported here.
"""

from hyoka.importers import ImportResult, NotAReportError
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
    "MAX_INPUT_BYTES",
    "BudgetLine",
    "ImportResult",
    "IndicatorLine",
    "InputError",
    "NotAReportError",
    "OutputError",
    "SheetTotal",
    "Summary",
    "ensure_directory",
    "files_findings_to_json",
    "findings_to_json",
    "import_data",
    "import_file",
    "read_input",
    "report_to_json",
    "summarize",
    "write_output",
]
