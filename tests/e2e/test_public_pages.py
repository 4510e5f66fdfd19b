"""The public pages in a real browser (playwright driving Debian's chromium) against the real app
under gunicorn, at 1280 and 390 px: the journey list → report → indicator → PDF download; on every
page type (list, report, indicator, dashboard, login, terms, accessibility, and as an editor: edit,
diff, comments) no horizontal scrolling at 390 px, a focus ring of contrast ≥ 3:1 (computed from
the computed style, against the page behind and the focused element), ``lang`` attributes
(Japanese text marked in the English UI), breadcrumbs and the footer's links, and a few axe-like
checks (one h1, a main landmark, labelled controls, named links and images, unique ids).

The instance is this module's own (``public_server``): the sample published with
``hyoka_bulk_import --publish`` and a second revision saved, so the diff has changes; the session's
``app_server`` stays as the review flow expects it. Screenshots go to ``test-artifacts/e2e/``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import (
    PASSWORD,
    ROOT,
    SAMPLE,
    _django,
    _server_env,
    serve,
)

pytestmark = pytest.mark.e2e

TITLE = "北米地域外交"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
MIN_CONTRAST = 3.0
FOCUS_STEPS = 12
"""How many Tab presses each page's focus ring is measured on."""
IN_CONTENT = (
    "main a[href]",
    "main button",
    "main .table-scroll",
    "main input:not([type=hidden])",
    "main select",
    "main textarea",
    "main summary",
)
"""Controls in the page's content whose focus ring is measured too (the first of each kind)."""

_SECOND_REVISION = """
from django.contrib.auth.models import User
from hyoka.web.reports import storage
from hyoka.web.reports.models import Report
report = Report.objects.get()
data = storage.load(report.current_revision).model_dump(mode="json")
actual = data["areas"][0]["indicators"][2]["years"][2]["actuals"][0]
assert data["areas"][0]["indicators"][2]["id"] == "1-3", data["areas"][0]["indicators"][2]["id"]
actual["value"].update(value=27, raw="27")
long_address = "https://www.mofa.go.jp/mofaj/" + "a_long_address_without_any_break" * 4
data["areas"][0]["sources"][0]["url"] = long_address
model = type(storage.load(report.current_revision)).model_validate(data)
editor = User.objects.get(username="editor")
storage.save_revision(report.pk, report.current_revision.number, model, editor, "e2e")
print(report.pk)
"""


@pytest.fixture(scope="module")
def public_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """An instance of its own with the sample published (revision 1) and corrected (revision 2,
    a draft: the editor's diff has a change); yields its base URL and the report's id."""
    data_dir = tmp_path_factory.mktemp("hyoka-public")
    env = _server_env(data_dir)
    _django(env, "migrate", "--no-input")
    for name, role, bureau in (("editor", "editor", "北米局"), ("reviewer", "reviewer", None)):
        args = ["hyoka_users", "create", name, "--role", role, "--ministry", "外務省"]
        _django(env, *args, *(["--bureau", bureau] if bureau else []), extra_env={"HYOKA_PASSWORD": PASSWORD})
    _django(env, "hyoka_bulk_import", str(SAMPLE), "--publish", "--jobs", "1", "--user", "editor")
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + _SECOND_REVISION],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "hyoka.web.settings"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(f"second revision not saved:\n{done.stdout}\n{done.stderr}", pytrace=False)
    pk = int(done.stdout.strip().splitlines()[-1])
    with serve(data_dir, env) as base:
        yield base, pk


def _expect() -> Any:
    from playwright.sync_api import expect

    return expect


def _page(browser: Any, screenshot: Any, width: str, locale: str = "ja-JP") -> Any:
    w, h = WIDTHS[width]
    context = browser.new_context(accept_downloads=True, locale=locale, viewport={"width": w, "height": h})
    page = context.new_page()
    page.set_default_timeout(30_000)
    return screenshot.track(page)


# --- what every page is checked for --------------------------------------------------------------

_HORIZONTAL = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"

_FOCUS = """() => {
  const rgb = (c) => { const m = c.match(/[\\d.]+/g); return m ? m.map(Number) : [0, 0, 0, 0]; };
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const opaque = (c) => { const v = rgb(c); return v.length < 4 || v[3] > 0; };
  const behind = (el) => {
    for (let e = el.parentElement; e; e = e.parentElement) {
      const bg = getComputedStyle(e).backgroundColor;
      if (opaque(bg)) return rgb(bg);
    }
    return [255, 255, 255];
  };
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const own = opaque(s.backgroundColor) ? rgb(s.backgroundColor) : behind(el);
  const ring = rgb(s.outlineColor);
  return {
    what: el.tagName + " " + (el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 30),
    style: s.outlineStyle, width: parseFloat(s.outlineWidth),
    page: ratio(ring, behind(el)), element: ratio(ring, own),
  };
}"""

_AXE_LIKE = """() => {
  const problems = [];
  const name = (e) => (e.getAttribute("aria-label") || e.textContent || e.getAttribute("title") || "").trim();
  const h1 = document.querySelectorAll("h1").length;
  if (h1 !== 1) problems.push("h1 count " + h1);
  if (!document.querySelector("main")) problems.push("no main");
  if (!document.documentElement.lang) problems.push("no lang");
  for (const a of document.querySelectorAll("a[href]")) {
    if (!name(a) && !a.querySelector("img[alt]:not([alt=''])")) problems.push("unnamed link " + a.href);
  }
  for (const b of document.querySelectorAll("button")) if (!name(b)) problems.push("unnamed button");
  for (const i of document.querySelectorAll("img")) {
    if (!i.hasAttribute("alt")) problems.push("img without alt " + i.src.slice(0, 40));
  }
  for (const s of document.querySelectorAll("main svg[role=img]")) {
    if (!s.getAttribute("aria-label")) problems.push("unnamed chart");
  }
  const controls = "input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea";
  for (const c of document.querySelectorAll(controls)) {
    const labelled = (c.id && document.querySelector(`label[for="${CSS.escape(c.id)}"]`))
      || c.closest("label") || c.getAttribute("aria-label") || c.getAttribute("aria-labelledby");
    if (!labelled) problems.push("unlabelled " + (c.name || c.id));
  }
  const ids = {};
  for (const e of document.querySelectorAll("[id]")) ids[e.id] = (ids[e.id] || 0) + 1;
  for (const [id, n] of Object.entries(ids)) if (n > 1) problems.push("duplicate id " + id);
  return problems;
}"""


def check_page(page: Any, width: str, what: str) -> None:
    """No horizontal scroll at 390 px; breadcrumbs and the footer's links; axe-like checks; the
    focus ring's contrast for the first Tab stops."""
    expect = _expect()
    if width == "phone":
        assert page.evaluate(_HORIZONTAL) <= 0, f"{what}: the page scrolls sideways at 390 px"
    expect(page.get_by_role("navigation", name="パンくずリスト")).to_be_visible()
    footer = page.get_by_role("contentinfo")
    expect(footer.get_by_role("link", name=re.compile("^利用規約"))).to_have_attribute("href", "/terms/")
    expect(footer.get_by_role("link", name="アクセシビリティ方針")).to_have_attribute(
        "href", "/accessibility/"
    )
    expect(footer.get_by_role("link", name=re.compile("^webmaster@"))).to_be_visible()
    assert page.evaluate(_AXE_LIKE) == [], what
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    measured = 0
    for _ in range(FOCUS_STEPS):
        page.keyboard.press("Tab")
        ring = page.evaluate(_FOCUS)
        if ring is None:
            continue
        measured += 1
        assert ring["style"] != "none" and ring["width"] >= 2, (what, ring)
        assert ring["page"] >= MIN_CONTRAST, (what, ring)
        assert ring["element"] >= MIN_CONTRAST, (what, ring)
    assert measured >= 3, what
    # and one of each kind of control in the content (after a Tab, so focus stays "visible")
    for selector in IN_CONTENT:
        target = page.locator(selector).first
        if not target.count() or not target.is_visible():
            continue
        target.focus()
        ring = page.evaluate(_FOCUS)
        assert ring is not None, (what, selector)
        assert ring["style"] != "none" and ring["width"] >= 2, (what, selector, ring)
        assert min(ring["page"], ring["element"]) >= MIN_CONTRAST, (what, selector, ring)
    # no focus left behind (a focused text field holds the full-page screenshot up)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")


# --- the tests -----------------------------------------------------------------------------------


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_the_public_journey(
    public_server: tuple[str, int], browser: Any, screenshot: Any, width: str
) -> None:
    base, pk = public_server
    expect = _expect()
    page = _page(browser, screenshot, width)
    page.goto(base + "/")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    check_page(page, width, "list")
    screenshot(page, f"{width}-list")
    page.get_by_role("link", name=TITLE, exact=True).first.click()
    expect(page.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    # the report itself: its table of contents, sections, charts; the published revision
    toc = page.get_by_role("navigation", name="目次")
    expect(toc.get_by_role("link", name="施策目標")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="評価結果")).to_be_visible()
    expect(page.get_by_role("img", name="予算額・執行額の推移のグラフ")).to_be_visible()
    # each chart is an image the browser fetches (lazily) and draws: a broken one would still be visible
    charts = page.locator("figure.chart img")
    expect(charts).to_have_count(4)
    for index in range(4):
        charts.nth(index).scroll_into_view_if_needed()
        charts.nth(index).evaluate("image => image.decode()")  # rejected (an error here) unless it draws
    assert charts.evaluate_all("images => images.map(i => i.naturalWidth > 0)") == [True] * 4
    table = page.get_by_role("table", name="測定指標1-3の目標値と実績値")
    row = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name="令和元年度 (2019年度)"))
    expect(row.get_by_role("cell")).to_have_text(["30", "26"])  # the published revision, not the draft's 27
    expect(
        page.get_by_text("hyoka が補った値：表になく、「施策の分析」の記述から読み取った値です。")
    ).to_be_visible()
    crumbs = page.get_by_role("navigation", name="パンくずリスト")
    expect(crumbs).to_contain_text("トップ")
    expect(crumbs).to_contain_text("北米地域外交（令和2年度 (2020年度)）")
    check_page(page, width, "report")
    screenshot(page, f"{width}-report")
    # an indicator
    page.get_by_role("link", name="測定指標1-5のページ").click()
    expect(page).to_have_url(re.compile(r"/indicators/1-5/$"))
    expect(page.get_by_role("img", name=re.compile("^測定指標1-5 .* のグラフ$"))).to_be_visible()
    expect(
        page.get_by_role("navigation", name="パンくずリスト").get_by_role(
            "link", name=re.compile(f"^{TITLE}")
        )
    ).to_be_visible()
    check_page(page, width, "indicator")
    screenshot(page, f"{width}-indicator-1-5")
    # a qualitative indicator: its texts with their numbers, no number table
    page.goto(f"{base}/reports/{pk}/indicators/1-1/")
    expect(page.get_by_text(re.compile(r"^\(1\) 及び\(2\)平成29年度は")).first).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("目標値と実績値"))).to_have_count(0)
    check_page(page, width, "qualitative indicator")
    # the PDF, from the report page's downloads
    page.go_back()
    page.go_back()
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF（公式様式）").click()
    path = download.value.path()
    assert path is not None and Path(path).read_bytes()[:5] == b"%PDF-"
    # the official layout stays one link away
    expect(page.get_by_role("link", name="公式様式で開く")).to_have_attribute(
        "href", f"/reports/{pk}/official.html"
    )
    for name, heading in (("dashboard", "ダッシュボード"), ("login", "ログイン")):
        page.goto(f"{base}/{'portfolio' if name == 'dashboard' else name}/")
        expect(page.get_by_role("heading", level=1, name=heading)).to_be_visible()
        check_page(page, width, name)
        screenshot(page, f"{width}-{name}")
    for url, heading in (("/terms/", "利用規約とデータの引用"), ("/accessibility/", "アクセシビリティ方針")):
        page.goto(base + url)
        expect(page.get_by_role("heading", level=1, name=heading)).to_be_visible()
        check_page(page, width, url)
    screenshot(page, f"{width}-accessibility")
    page.context.close()


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_the_editors_pages_fit_the_screen(
    public_server: tuple[str, int], browser: Any, screenshot: Any, width: str
) -> None:
    base, pk = public_server
    expect = _expect()
    page = _page(browser, screenshot, width)
    page.goto(base + "/login/")
    page.get_by_label("ユーザー名").fill("editor")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    expect(page.get_by_role("button", name="ログアウト")).to_be_visible()
    pages = {
        "report-draft": f"/reports/{pk}/",
        "edit-indicators": f"/reports/{pk}/edit/indicators/",
        "edit-budget": f"/reports/{pk}/edit/budget/",
        "diff": f"/reports/{pk}/diff/",
        "comments": f"/reports/{pk}/comments/",
        "history": f"/reports/{pk}/history/",
    }
    for name, url in pages.items():
        response = page.goto(base + url)
        assert response is not None and response.status == 200, name
        check_page(page, width, name)
        screenshot(page, f"{width}-editor-{name}")
    # the diff shows the corrected actual
    page.goto(base + pages["diff"])
    expect(page.locator("main")).to_contain_text("27")
    page.context.close()


def test_japanese_text_is_marked_in_the_english_ui(
    public_server: tuple[str, int], browser: Any, screenshot: Any
) -> None:
    base, pk = public_server
    expect = _expect()
    page = _page(browser, screenshot, "phone", locale="en-US")
    page.goto(f"{base}/lang/en/?next=/reports/{pk}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_attribute("lang", "ja")
    expect(page.get_by_role("heading", level=2, name="Contents")).to_be_visible()
    # every paragraph of the report's own text is marked Japanese
    unmarked = page.evaluate(
        "() => [...document.querySelectorAll('main p.para')]"
        ".filter(p => p.closest('[lang]').lang !== 'ja').length"
    )
    assert unmarked == 0
    assert page.evaluate(_HORIZONTAL) <= 0
    screenshot(page, "phone-report-english")
    page.context.close()
