"""``python -m hyoka.cli``: the same as the ``hyoka`` command."""

from hyoka.cli.main import main

main()
