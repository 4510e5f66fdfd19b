"""The scaffold every ``hyoka`` command runs its body in: errors to one line on stderr and an exit status.

A command computes its language, defines ``body() -> int`` and ends with ``run(lang, body)``:

* the user's errors (``NotAReportError``, ``InputError``, ``OutputError``, ``ProfileError``,
  ``RenderError``, ``ServerError`` and the command's own ``extra``) → ``hyoka: error: <message>``
  and 2 (``LimitExceeded`` is a ``NotAReportError``);
* anything else → ``hyoka: internal error: <type>: <message>`` and 3 (the traceback only with
  ``HYOKA_DEBUG=1``);
* Ctrl-C → 130; a closed pipe (``hyoka import x | head``) → 1, quietly.

No traceback otherwise. The services are imported when an error is being handled, not before.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, NoReturn

import typer

from hyoka.cli.messages import Lang, one_line
from hyoka.cli.server import ServerError

if TYPE_CHECKING:
    from rich.console import Console

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_FINDINGS",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "guarded",
    "report_error",
    "report_internal",
    "run",
    "silence_stdout",
    "stderr_line",
    "user_errors",
    "write_stdout",
]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


def user_errors(extra: tuple[type[Exception], ...] = ()) -> tuple[type[Exception], ...]:
    """The errors that are the user's to fix (exit 2, one line): imported when one is being handled
    (by then the service that raises it has been loaded)."""
    from hyoka.services import InputError, NotAReportError, OutputError, ProfileError, RenderError

    return (NotAReportError, InputError, OutputError, ProfileError, RenderError, ServerError, *extra)


def write_stdout(text: str) -> None:
    """UTF-8 to stdout whatever the locale says."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    else:  # pragma: no cover - a text-only stdout
        sys.stdout.write(text)
        sys.stdout.flush()


def stderr_line(text: str, console: Console | None = None) -> None:
    """Exactly one line on stderr (through the progress display's console while one is shown)."""
    line = one_line(text)
    if console is None:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    else:
        console.print(line, markup=False, highlight=False, emoji=False, soft_wrap=True)


def error_text(exc: Exception, lang: Lang) -> str:
    """The error's one-line message in ``lang`` (``str()`` for an error without a ``text``)."""
    text = getattr(exc, "text", None)
    if callable(text):
        return str(text(lang))
    return str(exc)


def report_error(exc: Exception, lang: Lang, console: Console | None = None) -> None:
    stderr_line(f"hyoka: error: {error_text(exc, lang)}", console)


def report_internal(exc: BaseException, console: Console | None = None, *, where: str | None = None) -> None:
    detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    prefix = f"{where}: " if where else ""
    stderr_line(f"hyoka: internal error: {prefix}{detail}", console)
    if os.environ.get("HYOKA_DEBUG") == "1":
        traceback.print_exception(exc, file=sys.stderr)


def silence_stdout() -> None:
    """After a broken pipe (``hyoka import x | head``): point stdout at /dev/null so that the
    interpreter's final flush does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # pragma: no cover - no real stdout
        pass


def guarded(lang: Lang, body: Callable[[], int], *, extra: tuple[type[Exception], ...] = ()) -> int:
    """Run a command's body: user errors → one line and 2, anything else → one line and 3."""
    try:
        return body()
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        silence_stdout()
        return 1
    except user_errors(extra) as exc:
        report_error(exc, lang)
        return EXIT_BAD_INPUT
    except Exception as exc:
        report_internal(exc)
        return EXIT_INTERNAL


def run(lang: Lang, body: Callable[[], int], *, extra: tuple[type[Exception], ...] = ()) -> NoReturn:
    """``guarded`` as the command's exit status."""
    raise typer.Exit(guarded(lang, body, extra=extra))
