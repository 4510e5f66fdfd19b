"""Option and argument errors as one line ``hyoka: error: …`` in the chosen language, exit status 2.

typer (its copy of click) reports a bad option as a usage box in English: ``Usage: …``, ``Try …``,
``Error: Invalid value for '--to': …``. Every ``hyoka`` command's group is :class:`Group`, which
runs the command line with click's own error display turned off and turns each of click's usage
errors into one of this module's messages, built from what the error carries (the option, the
value given, the values allowed), never from click's English text. The language is ``--lang`` as
written on the command line (it may not have been read yet when the error happens), else
``HYOKA_LANG``, as for every other message (``hyoka.cli.messages``).

``hyoka`` alone, or a group without its command (``hyoka users``), still shows the help.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Sequence
from enum import Enum
from typing import Any

import typer
from typer._click.exceptions import (  # typer's copy of click: the errors it raises
    BadOptionUsage,
    BadParameter,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
from typer.core import TyperGroup

from hyoka.cli.messages import Lang, one_line, resolve_lang, t

__all__ = ["BadChoice", "Group", "args_lang", "command_group", "output_option", "usage_error_text"]

EXIT_USAGE = 2
"""An option or argument that cannot be used: the status of every other input error."""
EXIT_INTERRUPTED = 130


class BadChoice(BadParameter):
    """A value that is not one of an option's choices, from an option's own ``parser``."""

    def __init__(self, value: str, choices: Sequence[str]) -> None:
        super().__init__(f"{value!r} is not one of {', '.join(map(repr, choices))}.")
        self.value = value
        self.choices = tuple(choices)


class UnknownCommand(UsageError):
    """``hyoka nosuch``: the name given and the commands there are."""

    def __init__(self, name: str, commands: Sequence[str], ctx: Any) -> None:
        super().__init__(f"No such command {name!r}.", ctx)
        self.name = name
        self.commands = tuple(commands)


class Group(TyperGroup):
    """The group of every ``hyoka`` command (``typer.Typer(cls=Group)``): usage errors in one line."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(args) if args is not None else sys.argv[1:]
        try:
            code = super().main(
                argv,
                prog_name,
                complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
        except NoArgsIsHelpError as exc:  # `hyoka`, `hyoka users`: the help, as before
            exc.show()
            code = exc.exit_code
        except UsageError as exc:
            sys.stderr.write(f"hyoka: error: {usage_error_text(exc, args_lang(argv))}\n")
            sys.stderr.flush()
            code = EXIT_USAGE
        except typer.Abort:
            code = EXIT_INTERRUPTED
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)

    def get_help_option(self, ctx: Any) -> Any:
        return _said_in_japanese(super().get_help_option(ctx))

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """A command, its ``--help`` described as the rest of the help is (click's own words are
        English): the option is made here once and kept by the command (click caches it)."""
        command = super().get_command(ctx, cmd_name)
        if command is not None and not isinstance(command, Group):
            _said_in_japanese(command.get_help_option(ctx))
        return command

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except UsageError as exc:
            if type(exc) is UsageError and args:  # click's "No such command"
                raise UnknownCommand(args[0], sorted(self.commands), ctx) from None
            raise


HELP_OPTION = "この説明を表示して終了する"
"""``--help`` in the help, as ``--version`` reads (「版を表示して終了する」)."""


def _said_in_japanese(option: Any) -> Any:
    if option is not None:
        option.help = HELP_OPTION
    return option


def args_lang(args: Sequence[str]) -> Lang:
    """``--lang`` as written in ``args`` (``--lang en``, ``--lang=en``), else ``HYOKA_LANG``."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value in (Lang.JA.value, Lang.EN.value):
            return Lang(value)
    return resolve_lang(None)


def _name(param: Any) -> str:
    """An option as its names (``--jobs/-j``), an argument as its metavar (``FILE``)."""
    if getattr(param, "param_type_name", None) == "option" and param.opts:
        return "/".join([*param.opts, *param.secondary_opts])
    return str(getattr(param, "metavar", None) or (param.name or "").upper())


def _choices(param: Any) -> tuple[str, ...]:
    descriptor = getattr(param, "type_descriptor", None)
    choices = getattr(descriptor, "choices", None) or ()
    return tuple(str(c.value) if isinstance(c, Enum) else str(c) for c in choices)


def _help_hint(exc: UsageError, lang: Lang) -> str:
    ctx = exc.ctx
    return t("see_help", lang, command=ctx.command_path) if ctx is not None else ""


def _bad_parameter(exc: BadParameter, lang: Lang) -> str:
    """A value that cannot be used: a choice, a number out of range, not a number."""
    param = exc.param
    option = _name(param) if param is not None else "?"
    if isinstance(exc, BadChoice):
        return t("bad_choice", lang, option=option, value=exc.value, choices=", ".join(exc.choices))
    first: dict[str, Any] = {}
    errors = getattr(exc.__cause__, "errors", None)  # typer converts with pydantic
    if callable(errors):
        found = errors()
        first = found[0] if found else {}
    value = str(first.get("input", ""))
    kind = str(first.get("type", ""))
    limits = first.get("ctx") or {}
    choices = _choices(param)
    if choices:
        return t("bad_choice", lang, option=option, value=value, choices=", ".join(choices))
    if kind == "int_parsing":
        return t("not_integer", lang, option=option, value=value)
    if kind in ("float_parsing", "decimal_parsing"):
        return t("not_number", lang, option=option, value=value)
    if kind in ("greater_than_equal", "greater_than"):
        limit = limits.get("ge", limits.get("gt"))
        return t("too_small", lang, option=option, value=value, limit=limit)
    if kind in ("less_than_equal", "less_than"):
        limit = limits.get("le", limits.get("lt"))
        return t("too_large", lang, option=option, value=value, limit=limit)
    return t("bad_value", lang, option=option, value=value, detail=exc.message)


def _missing(exc: MissingParameter, lang: Lang) -> str:
    param = exc.param
    name = _name(param) if param is not None else "?"
    if getattr(param, "param_type_name", None) == "argument":
        return t("missing_argument", lang, argument=name)
    choices = _choices(param)
    if choices:
        return t("missing_option_choices", lang, option=name, choices=", ".join(choices))
    return t("missing_option", lang, option=name)


_EXTRA = r"^Got unexpected extra argument(?:\(s\)|s)? \((?P<args>.*)\)$"


def _message(exc: UsageError, lang: Lang) -> str:
    if isinstance(exc, MissingParameter):
        return _missing(exc, lang)
    if isinstance(exc, BadParameter):
        return _bad_parameter(exc, lang)
    if isinstance(exc, NoSuchOption):
        similar = sorted(exc.possibilities or ())
        if similar:
            return t("no_such_option_similar", lang, option=exc.option_name, similar=", ".join(similar))
        return t("no_such_option", lang, option=exc.option_name)
    if isinstance(exc, BadOptionUsage):
        key = "takes_no_value" if "does not take" in exc.message else "needs_value"
        return t(key, lang, option=exc.option_name)
    if isinstance(exc, UnknownCommand):
        similar = difflib.get_close_matches(exc.name, exc.commands)
        if similar:
            return t("no_such_command_similar", lang, command=exc.name, similar=", ".join(similar))
        return t("no_such_command", lang, command=exc.name)
    if match := re.match(_EXTRA, exc.message, re.S):
        return t("extra_arguments", lang, arguments=match["args"])
    if exc.message.startswith("Missing command"):
        return t("missing_command", lang)
    return t("bad_usage", lang, detail=exc.message)


def usage_error_text(exc: UsageError, lang: Lang) -> str:
    """The one-line message of a usage error, with where to find the command's help."""
    text = _message(exc, lang) + _help_hint(exc, lang)
    return one_line(text)


def command_group(name: str, help: str) -> typer.Typer:
    """A ``hyoka`` command group (``hyoka``, ``hyoka users``…): every group is built the same way.

    Help without a command, no shell completion, no rich traceback, click's plain help (typer's rich
    help imports rich, markdown-it and pygments, which cost a person more than the rest of
    ``hyoka --help``: docs/performance.md, "Start-up") and usage errors in one line (:class:`Group`).
    """
    return typer.Typer(
        name=name,
        help=help,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        cls=Group,
    )


def output_option(help: str) -> Any:
    """The ``--output``/``-o`` option of a command that writes a file: one spelling for every command."""
    return typer.Option("--output", "-o", metavar="OUT", help=help, show_default=False)
