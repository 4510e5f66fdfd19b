"""The ``hyoka`` command (typer + rich) over ``hyoka.services``; the entry point is
``hyoka.cli.main:main``.

Pydantic looks for plugins in every installed distribution's metadata the first time a model is
built: about 15 ms of each command's start (docs/performance.md, "Start-up"). hyoka uses none, so
the command skips the search unless ``PYDANTIC_DISABLE_PLUGINS`` is set otherwise (pydantic's own
setting: an empty value, or plugin names, brings the search back).
"""

import os

os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from hyoka.cli.main import app

__all__ = ["app"]
