"""The ``hyoka`` command (typer + rich) over ``hyoka.services``."""

from hyoka.cli.main import app, main

__all__ = ["app", "main"]
