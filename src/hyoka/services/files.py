"""Reading input files and writing output files, with every OS failure turned into one line."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from hyoka.core.i18n import bilingual, gettext_noop, pgettext_en, pgettext_noop
from hyoka.services.errors import InputError, OutputError

__all__ = [
    "MAX_INPUT_BYTES",
    "ensure_directory",
    "names_directory",
    "output_file",
    "output_target",
    "read_input",
    "write_output",
]

MAX_INPUT_BYTES = 64 * 1024 * 1024
"""A report's text is about 100 kB; anything past this is not one (and /dev/zero must end)."""


_REASON = "files.reason"
"""The msgctxt of the reasons an OS error gives (their English in the catalog)."""


def _reason(exc: OSError) -> dict[str, str]:
    """The values ``reason`` (日本語) and ``reason_en`` (the catalog's English) for an OS error."""
    if isinstance(exc, FileNotFoundError):
        text = pgettext_noop(_REASON, "ファイルがありません")
    elif isinstance(exc, IsADirectoryError):
        text = pgettext_noop(_REASON, "ファイルではなくディレクトリです")
    elif isinstance(exc, NotADirectoryError):
        text = pgettext_noop(_REASON, "パスの途中がディレクトリではありません")
    elif isinstance(exc, PermissionError):
        text = pgettext_noop(_REASON, "権限がありません")
    elif exc.errno == errno.ENOSPC:
        text = pgettext_noop(_REASON, "ディスクに空きがありません")
    else:
        text = pgettext_noop(_REASON, "OS のエラーです（{detail}）")
    detail = exc.strerror or type(exc).__name__
    return {"reason": text.format(detail=detail), "reason_en": pgettext_en(_REASON, text, detail=detail)}


def _input_error(text: str, where: str, **values: object) -> InputError:
    message, message_en = bilingual(text, **values)
    return InputError(message, message_en=message_en, where=where)


def _output_error(text: str, where: str, **values: object) -> OutputError:
    message, message_en = bilingual(text, **values)
    return OutputError(message, message_en=message_en, where=where)


_CANNOT_WRITE = gettext_noop("書き込めません: {reason}")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def read_input(path: Path) -> bytes:
    """The bytes of the file at ``path``. Raises InputError (one line, with the path) if it
    cannot be read: missing, a directory, not permitted, larger than MAX_INPUT_BYTES."""
    where = str(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise _input_error(gettext_noop("読み込めません: {reason}"), where, **_reason(exc)) from None
    if len(data) > MAX_INPUT_BYTES:
        raise _input_error(
            gettext_noop("ファイルが大きすぎます（上限 {limit} MiB）。評価書ではありません"),
            where,
            limit=MAX_INPUT_BYTES // (1024 * 1024),
        )
    return data


def ensure_directory(path: Path) -> None:
    """Create the directory ``path`` (and its parents) if missing. Raises OutputError if it is a
    file or cannot be created."""
    where = str(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise _output_error(
            gettext_noop("出力先はディレクトリでなければなりません（ファイルがあります）"), where
        ) from None
    except OSError as exc:
        raise _output_error(
            gettext_noop("ディレクトリを作れません: {reason}"), where, **_reason(exc)
        ) from None


def names_directory(target: str | os.PathLike[str]) -> bool:
    """Whether an output path as a person typed it (``-o OUT``) names a directory: it ends in ``/``
    or is an existing directory (or a link to one). Read from the text, before ``Path`` drops the
    trailing ``/``."""
    text = os.fspath(target)
    return text.endswith(("/", os.sep)) or os.path.isdir(text)


def output_target(target: str | os.PathLike[str]) -> Path:
    """The path ``-o target`` names, as every command reads it: a directory when it names one
    (``names_directory``), created with its parents if missing; otherwise the file ``target`` (its
    directory is not created: a typing error there is reported, not silently made). Raises
    OutputError when the directory cannot be created."""
    path = Path(target)
    if names_directory(target):
        ensure_directory(path)
    return path


def output_file(target: str | os.PathLike[str], name: str) -> Path:
    """Where ``-o target`` writes one result whose suggested file name is ``name``: ``target/name``
    when ``target`` names a directory (created if missing), else ``target`` itself — a regular file
    replaced atomically, or a special file such as ``/dev/null`` written into (``write_output``)."""
    path = output_target(target)
    return path / name if names_directory(target) else path


def _is_special(path: Path) -> bool:
    """Whether ``path`` (or what a symbolic link there points to) exists and is neither a regular
    file nor a directory: a device (``/dev/null``, ``/dev/stdout``), a FIFO, a socket."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False  # missing, or not reachable: the ordinary path reports why
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _write_special(path: Path, data: bytes) -> None:
    """Write into an existing special file, as a shell's ``>`` does: it stays what it is."""
    where = str(path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NOCTTY)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise _output_error(_CANNOT_WRITE, where, **_reason(exc)) from None


def write_output(path: Path, text: str | bytes) -> None:
    """Write ``text`` (a str as UTF-8, bytes as they are) to ``path``, atomically (a temporary file
    beside it, then renamed): a failed write never leaves half a file. An existing special file
    (a device such as ``/dev/null``, a FIFO, a socket; or a symbolic link to one) is written into
    instead, never replaced. Raises OutputError (one line, with the path)."""
    where = str(path)
    if _is_special(path):
        _write_special(path, text.encode("utf-8") if isinstance(text, str) else text)
        return
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _output_error(_CANNOT_WRITE, where, **_reason(exc)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o666 & ~_umask())
            handle.write(text.encode("utf-8") if isinstance(text, str) else text)
        os.replace(tmp_name, path)
    except OSError as exc:
        Path(tmp_name).unlink(missing_ok=True)
        raise _output_error(_CANNOT_WRITE, where, **_reason(exc)) from None
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
