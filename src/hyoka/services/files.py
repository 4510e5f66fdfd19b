"""Reading input files and writing output files, with every OS failure turned into one line."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from hyoka.services.errors import InputError, OutputError

__all__ = ["MAX_INPUT_BYTES", "ensure_directory", "read_input", "write_output"]

MAX_INPUT_BYTES = 64 * 1024 * 1024
"""A report's text is about 100 kB; anything past this is not one (and /dev/zero must end)."""


def _reason(exc: OSError) -> tuple[str, str]:
    """(日本語, English) for an OS error."""
    if isinstance(exc, FileNotFoundError):
        return "ファイルがありません", "no such file"
    if isinstance(exc, IsADirectoryError):
        return "ファイルではなくディレクトリです", "is a directory, not a file"
    if isinstance(exc, NotADirectoryError):
        return "パスの途中がディレクトリではありません", "a part of the path is not a directory"
    if isinstance(exc, PermissionError):
        return "権限がありません", "permission denied"
    if exc.errno == errno.ENOSPC:
        return "ディスクに空きがありません", "no space left on the device"
    detail = exc.strerror or type(exc).__name__
    return f"OS のエラーです（{detail}）", f"OS error ({detail})"


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
        ja, en = _reason(exc)
        raise InputError(f"読み込めません: {ja}", message_en=f"cannot read: {en}", where=where) from None
    if len(data) > MAX_INPUT_BYTES:
        limit = MAX_INPUT_BYTES // (1024 * 1024)
        raise InputError(
            f"ファイルが大きすぎます（上限 {limit} MiB）。評価書ではありません",
            message_en=f"file too large (limit {limit} MiB), not an evaluation report",
            where=where,
        )
    return data


def ensure_directory(path: Path) -> None:
    """Create the directory ``path`` (and its parents) if missing. Raises OutputError if it is a
    file or cannot be created."""
    where = str(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(
            "出力先はディレクトリでなければなりません（ファイルがあります）",
            message_en="the output must be a directory (a file is there)",
            where=where,
        ) from None
    except OSError as exc:
        ja, en = _reason(exc)
        raise OutputError(
            f"ディレクトリを作れません: {ja}", message_en=f"cannot create the directory: {en}", where=where
        ) from None


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
        ja, en = _reason(exc)
        raise OutputError(f"書き込めません: {ja}", message_en=f"cannot write: {en}", where=where) from None


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
        ja, en = _reason(exc)
        raise OutputError(f"書き込めません: {ja}", message_en=f"cannot write: {en}", where=where) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o666 & ~_umask())
            handle.write(text.encode("utf-8") if isinstance(text, str) else text)
        os.replace(tmp_name, path)
    except OSError as exc:
        Path(tmp_name).unlink(missing_ok=True)
        ja, en = _reason(exc)
        raise OutputError(f"書き込めません: {ja}", message_en=f"cannot write: {en}", where=where) from None
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
