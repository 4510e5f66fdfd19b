"""`hyoka report portfolio`: the portfolio of every report (an admin's scope: current revisions,
drafts included) as one JSON document on stdout, for the command line to show as tables.

A ministry or year with no report gives empty panels; ``ministries`` and ``years`` in the output
(always unfiltered) let the caller say so."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hyoka.web.reports.views.portfolio import ADMIN_SCOPE, load_portfolio


class Command(BaseCommand):
    help = "Print the portfolio (judgments, grades, budget execution, target audit) of all reports as JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--ministry", default=None, help="府省名（完全一致）")
        parser.add_argument("--year", type=int, default=None, help="評価年度（西暦）")
        parser.add_argument("--limit", type=int, default=20, help="各一覧の件数（先頭から）")

    def handle(self, *args: Any, **options: Any) -> None:
        ministry, year, limit = options["ministry"], options["year"], options["limit"]
        if limit < 0:
            raise CommandError(f"--limit must be 0 or more, not {limit}")
        portfolio = load_portfolio(ADMIN_SCOPE)
        data = portfolio.filtered(ministry, year).to_json(limit)
        self.stdout.write(json.dumps(data, ensure_ascii=False))
