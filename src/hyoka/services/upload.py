"""Importing an uploaded file within a time and memory budget, so that one upload never holds a
web worker longer than ``seconds`` nor makes it grow by more than ``memory_bytes``.

The import runs in a forked child process: its address space may grow by at most ``memory_bytes``
over what the process already maps (``RLIMIT_AS``), and the parent waits for its answer at most
``seconds``, then kills it. The answer comes back pickled through a pipe: the ``ImportResult``, or the
``NotAReportError`` (``LimitExceeded`` included) the importer raised, re-raised here as itself. A child
out of memory (a ``MemoryError``, or killed without answering) is ``LimitExceeded`` with ``limit``
``memory``; a child out of time is ``LimitExceeded`` with ``limit`` ``seconds``. The child is always
reaped (no zombie is left), whichever way it ends, and the function may be called from any thread.
A child whose parent died ends by itself (a CPU-time limit and an alarm a little past ``seconds``).

Linux (and other POSIX systems with ``fork``); the web settings ``HYOKA_IMPORT_SECONDS`` and
``HYOKA_IMPORT_MEMORY_MB`` choose the budget, see docs/operations.md ("Limits on input").
"""

from __future__ import annotations

import contextlib
import math
import os
import pickle
import resource
import select
import signal
import time
from typing import Any, NoReturn

from hyoka.core.i18n import gettext_noop
from hyoka.importers import ImportResult, LimitExceeded, NotAReportError, import_bytes

__all__ = ["DEFAULT_IMPORT_MEMORY_BYTES", "DEFAULT_IMPORT_SECONDS", "import_upload"]

DEFAULT_IMPORT_SECONDS = 20.0
"""wall-clock seconds an import may take (below gunicorn's default worker timeout of 30 s)."""

DEFAULT_IMPORT_MEMORY_BYTES = 1536 * 1024 * 1024
"""bytes of address space an import may add to the process (1.5 GiB)."""

_CHUNK = 1024 * 1024
_SIGNALS = ("SIGTERM", "SIGINT", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGWINCH", "SIGALRM", "SIGCHLD")


def import_upload(
    data: bytes,
    *,
    name: str,
    seconds: float = DEFAULT_IMPORT_SECONDS,
    memory_bytes: int = DEFAULT_IMPORT_MEMORY_BYTES,
) -> ImportResult:
    """Import ``data`` (as ``import_data`` does) in a child process within ``seconds`` and
    ``memory_bytes``. Raises NotAReportError (and LimitExceeded, with ``limit`` ``seconds`` or
    ``memory`` when the budget ran out) like ``import_data``."""
    read_fd, write_fd = os.pipe()
    try:
        pid = os.fork()
    except BaseException:
        os.close(read_fd)
        os.close(write_fd)
        raise
    if pid == 0:  # pragma: no cover - the child (its coverage is not collected)
        os.close(read_fd)
        _child(write_fd, data, name, seconds, memory_bytes)
    os.close(write_fd)
    payload: bytes | None = None
    try:
        payload = _receive(read_fd, time.monotonic() + seconds)
    finally:
        os.close(read_fd)
        if payload is None:  # out of time (or the parent is being interrupted): the child must go
            _kill(pid)
        _, status = os.waitpid(pid, 0)
    if payload is None:
        raise _out_of_time(seconds, name)
    outcome = _unpickle(payload) if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0 else None
    if outcome is None:
        raise _out_of_memory(memory_bytes, name)  # killed (by the kernel, for memory) or broke down
    kind, value = outcome
    if kind == "ok" and isinstance(value, ImportResult):
        return value
    if kind == "memory":
        raise _out_of_memory(memory_bytes, name)
    if isinstance(value, BaseException):
        raise value
    raise RuntimeError(f"the import failed in its child process: {value}")


def _receive(fd: int, deadline: float) -> bytes | None:
    """Everything the child writes until it closes the pipe; None if the deadline passes first."""
    chunks: list[bytes] = []
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLHUP | select.POLLERR)
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        if not poller.poll(max(1, math.ceil(left * 1000))):
            continue
        chunk = os.read(fd, _CHUNK)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # already gone
        os.kill(pid, signal.SIGKILL)


def _unpickle(payload: bytes) -> tuple[str, Any] | None:
    try:
        outcome = pickle.loads(payload)  # our own child's answer, through our own pipe
    except Exception:
        return None
    if isinstance(outcome, tuple) and len(outcome) == 2 and isinstance(outcome[0], str):
        return outcome
    return None


def _out_of_time(seconds: float, name: str) -> LimitExceeded:
    return LimitExceeded.of(
        gettext_noop("読み込みが制限時間（{seconds:g} 秒）内に終わりませんでした"),
        limit="seconds",
        value=None,
        maximum=math.ceil(seconds),
        where=name,
        seconds=seconds,
    )


def _out_of_memory(memory_bytes: int, name: str) -> LimitExceeded:
    return LimitExceeded.of(
        gettext_noop("読み込みに必要なメモリが上限（{mib:,} MiB）を超えました"),
        limit="memory",
        value=None,
        maximum=memory_bytes,
        where=name,
        mib=memory_bytes // (1024 * 1024),
    )


# --- the child -------------------------------------------------------------------------------------


def _mapped_bytes() -> int:
    """The address space the process maps now (0 when it cannot be known)."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):  # pragma: no cover - not Linux
        return 0


def _limit(kind: int, value: int) -> None:
    _, hard = resource.getrlimit(kind)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(kind, (value, value))


def _child(
    fd: int, data: bytes, name: str, seconds: float, memory_bytes: int
) -> NoReturn:  # pragma: no cover
    """Run the import and write its outcome to ``fd``; never returns."""
    code = 0
    try:
        for signame in _SIGNALS:  # the parent's handlers (a web server's) are not the child's
            if hasattr(signal, signame):
                signal.signal(getattr(signal, signame), signal.SIG_DFL)
        grace = math.ceil(seconds) + 2
        signal.alarm(grace)  # ends the child should its parent die without killing it
        _limit(resource.RLIMIT_CPU, grace)
        _limit(resource.RLIMIT_CORE, 0)  # a child ended by a limit leaves no core file behind
        _limit(resource.RLIMIT_AS, _mapped_bytes() + memory_bytes)
        outcome: tuple[str, Any]
        try:
            outcome = ("ok", import_bytes(data, name=name))
        except MemoryError:
            outcome = ("memory", None)
        except NotAReportError as exc:
            outcome = ("error", exc)
        except Exception as exc:  # a defect: the parent raises it (or its description) as it is
            outcome = ("error", exc)
        del data
        try:
            payload = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            payload = pickle.dumps(("memory", None))
        except Exception:  # an exception that cannot be pickled: its description
            payload = pickle.dumps(("error", f"{type(outcome[1]).__name__}: {outcome[1]}"))
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
    except BaseException:
        code = 1
    finally:
        os._exit(code)
