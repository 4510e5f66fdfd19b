"""Editing a report through its pages as a browser does: a page's form read with the values a
browser would submit, and a section's edit page posted back with some fields changed (log in, GET
the section, POST its form with the changes)."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from django.test import Client
from django.urls import reverse

from hyoka.web.reports.models import Report


class _FormFields(HTMLParser):
    """The fields of each form of a page, with the values a browser would submit."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, str]] = []
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append({})
            return
        if not self.forms:
            return
        fields = self.forms[-1]
        name = a.get("name", "")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file", "checkbox"):
            fields[name] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            fields[name] = ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select is not None and (self._select not in fields or "selected" in a):
            fields[self._select] = a.get("value", "")

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self.forms[-1][self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._textarea is not None:
            name = self._textarea
            # a browser drops the newline right after <textarea>
            self.forms[-1][name] = self.forms[-1][name].removeprefix("\n")
            self._textarea = None
        elif tag == "select":
            self._select = None


def page_form(html: str, marker: str = "base_revision") -> dict[str, str]:
    """The submission of the page's form that has the field ``marker``, as a browser sends it."""
    parser = _FormFields()
    parser.feed(html)
    [form] = [f for f in parser.forms if marker in f]
    return form


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def edit_url(report: Report, section: str) -> str:
    return reverse("report-edit", args=[report.pk, section])


def text(response: Any) -> str:
    return str(response.content.decode())


@dataclass(frozen=True)
class SectionPage:
    """The edit page of one section of a report, for the person logged in on ``client``."""

    client: Client
    url: str

    def get(self) -> Any:
        return self.client.get(self.url)

    def form(self) -> dict[str, str]:
        """The section's form as the page shows it now, as a browser submits it."""
        return page_form(text(self.get()))

    def post(self, changes: dict[str, str], form: dict[str, str] | None = None) -> Any:
        """``form`` (by default the page's form as it is now) submitted with ``changes``."""
        return self.client.post(self.url, (self.form() if form is None else form) | changes)


def section_page(client: Client, report: Report, section: str, query: str = "") -> SectionPage:
    """``section`` of ``report`` (``query``: e.g. ``?indicator=1-4``, one indicator's page)."""
    return SectionPage(client, edit_url(report, section) + query)
