"""The ``hyoka`` command (typer + rich) over ``hyoka.services``; the entry point is
``hyoka.cli.main:main``."""

from hyoka.cli.main import app

__all__ = ["app"]
