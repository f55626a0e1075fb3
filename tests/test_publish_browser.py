"""`dlkurs build` output in a real browser: Debian's Chromium driven by Playwright.

The site of two light lessons (0.1 and 1.2, quick-run for the build) is served
by a local ``http.server`` thread; every request that leaves it is blocked and
fails the test. Screenshots go to ``$DLKURS_ARTEFACTS/browser`` (or a pytest
temp folder); their paths are printed (``pytest -s`` shows them).

Skips, with the reason, when Playwright or ``/usr/bin/chromium`` is missing
(``.ci/run`` installs Chromium with apt-get when it is not there).
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from dlkurs.lessons import catalog

CHROMIUM = Path(os.environ.get("DLKURS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
LESSONS = ("0.1", "1.2")


def _playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright for Python is not installed (pip install -e '.[test]')")
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (Debian: apt-get install -y chromium)")
    return sync_playwright


@pytest.fixture(scope="session")
def artefacts(tmp_path_factory) -> Path:
    base = os.environ.get("DLKURS_ARTEFACTS")
    folder = Path(base) / "browser" if base else tmp_path_factory.mktemp("browser-artefacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """`dlkurs build 0.1 1.2` as a trainer runs it (no earlier runs: both are quick-run for the site)."""
    _playwright()  # no browser: skip before spending the build
    base = tmp_path_factory.mktemp("publish-browser")
    env = dict(os.environ, COLUMNS="160", DLKURS_OFFLINE="1", DLKURS_DATA=str(base / "data"),
               DLKURS_WORKSPACE=str(base / "ws"), DLKURS_PROGRESS_DB=str(base / "progress.sqlite"))
    env.pop("DLKURS_CATALOG", None)
    out = subprocess.run([sys.executable, "-m", "dlkurs", "build", *LESSONS, "--out", str(base / "site"),
                          "--runs", str(base / "runs")], capture_output=True, text=True, env=env, timeout=400)
    assert out.returncode == 0, out.stdout + out.stderr
    return base / "site"


@pytest.fixture(scope="session")
def server(built_site):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(built_site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def browser(built_site):
    sync_playwright = _playwright()
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Watch:
    """A page whose outside requests are blocked and recorded, and whose console errors are kept."""

    def __init__(self, browser, base: str, artefacts: Path):
        self.base, self.artefacts = base, artefacts
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        self.page.on("pageerror", lambda err: self.errors.append(str(err)))

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.base) or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def open(self, path: str):
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def shot(self, name: str) -> Path:
        path = self.artefacts / f"{name}.png"
        self.page.screenshot(path=str(path))
        print(f"Screenshot: {path}")
        return path

    def close(self):
        self.context.close()
        assert not self.outside, f"requests outside the local server: {self.outside}"
        assert not self.errors, f"JavaScript console errors: {self.errors}"


@pytest.fixture
def watch(browser, server, artefacts):
    w = Watch(browser, server, artefacts)
    yield w
    w.close()


def test_start_page_lists_every_catalog_lesson(watch, built_site):
    page = watch.open("index.html")
    text = page.locator("article").inner_text()
    for lesson in catalog():
        assert f"{lesson.id} {lesson.title}" in text, lesson.id
    for day in ("Tag 0", "Tag 1", "Tag 2", "Tag 3"):
        assert page.locator("article h2", has_text=day).count() == 1
    # the built lessons are links; the others are listed without one
    assert page.locator("article a", has_text="1.2 Jupyter & Markdown").count() == 1
    assert page.locator("article a", has_text="2.4").count() == 0
    watch.shot("startseite")


def test_lesson_page_shows_an_executed_plot_and_rendered_math(watch):
    page = watch.open("lektionen/0.1_einrichtung.html")
    plot = page.locator("article img[src*='_files/ausgabe']").first
    plot.scroll_into_view_if_needed()
    width, height = plot.evaluate("img => [img.naturalWidth, img.naturalHeight]")
    assert width > 100 and height > 100
    assert "Probelauf" in page.locator("article .admonition").first.inner_text()
    watch.shot("lektion-0.1-plot")
    page = watch.open("lektionen/1.2_jupyter-markdown.html")
    formula = page.locator("article math[display='block']").first
    formula.scroll_into_view_if_needed()
    box = formula.bounding_box()
    assert box and box["width"] > 50 and box["height"] > 15
    assert formula.locator("mfrac, msubsup, munderover").count() >= 1  # typeset, not "$…$" text
    assert "\\frac" not in page.locator("article p", has_text="Formeln schreibst du").inner_text()
    watch.shot("lektion-1.2-formel")


def test_search_finds_a_german_word_of_a_lesson(watch):
    page = watch.open("index.html")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    field = page.locator("input.md-search__input")
    links: list[str] = []
    for _ in range(20):  # the search worker loads its index in the background
        field.fill("")
        field.press_sequentially("Tastenkürzel", delay=20)
        page.wait_for_timeout(500)
        links = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
        if links:
            break
    assert any("1.2_jupyter-markdown.html" in link for link in links), links
    watch.shot("suche")


def test_next_lesson_navigation(watch):
    page = watch.open("lektionen/0.1_einrichtung.html")
    next_link = page.locator("a.md-footer__link--next")
    assert "1.2 Jupyter & Markdown" in next_link.inner_text()
    next_link.click()
    page.wait_for_url("**/lektionen/1.2_jupyter-markdown.html")
    assert "1.2 Jupyter & Markdown" in page.locator("article h1").inner_text()
    watch.shot("naechste-lektion")


def test_slide_deck_opens_and_advances_with_the_keyboard(watch):
    page = watch.open("folien/1.2_jupyter-markdown.html")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    assert page.evaluate("Reveal.getTotalSlides()") >= 5
    assert page.evaluate("Reveal.getSlidePastCount()") == 0
    watch.shot("folie-1")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("Reveal.getSlidePastCount() === 1")
    page.keyboard.press("Space")
    page.wait_for_function("Reveal.getSlidePastCount() === 2")
    assert "Weiter" in page.locator(".dlkurs-hilfe").inner_text()
    watch.shot("folie-3")
