"""Definitions and references where the reader is (issue 22 §2), in Chromium with the network cut off.

A glossary term and a citation on a chapter page show their tooltip (sphinx-tippy, Tippy.js served
from the book) on hover, on keyboard focus (Escape hides it) and on a tap in a phone-sized touch
context (the first tap shows the tip instead of leaving the page); axe finds nothing serious with a
tip open; every figure links to its own image file, which opens full size on a click, tap or
Enter (drugresist.sphinx_plugin.FigureZoom); and at a 390 px viewport every explorer's
figure text is at least 10 px high, while a desktop viewport keeps the desktop layout.
"""

from __future__ import annotations

import re
import sys

import pytest

from conftest import ROOT, toc_files

pytest.importorskip("playwright.sync_api", reason="install requirements-dev.txt")

sys.path.insert(0, str(ROOT / "scripts"))
from page_weight import PAGE_BUDGET_BYTES, load_page  # noqa: E402

CHAPTER = "book/hypoxia"
"""A chapter with glossary terms, citations, figures and a two-panel explorer."""
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 1, "is_mobile": True, "has_touch": True}
MIN_FIGURE_TEXT_PX = 10.0
TERM = "article a[href*='glossary.html#term-']"
CITATION = "article a[href*='references.html#']"


def _offline(browser, **context_options):
    """A new page whose non-file requests are blocked and recorded, with its console errors."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.blocked, page.errors = [], []  # type: ignore[attr-defined]

    def route(route):
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            page.blocked.append(route.request.url)  # type: ignore[attr-defined]
            route.abort()

    context.route("**/*", route)
    page.on("console", lambda message: page.errors.append(message.text) if message.type == "error" else None)  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: page.errors.append(str(error)))  # type: ignore[attr-defined]
    return page


def _open(page, built_html, name: str):
    page.goto((built_html / f"{name}.html").as_uri())
    page.wait_for_load_state("load")
    # sphinx-tippy creates its tips in window.onload: wait until a term link has one
    page.wait_for_function(f"() => !!document.querySelector({TERM!r})._tippy", timeout=10000)
    return page


def _tip_of(link):
    """The open tip of this link (Tippy gives each tip's root the id ``tippy-<n>`` when it creates it).

    Not "any open tip": the tip of a link focused a moment before may still be fading out beside it
    (a clean-clone CI run once found two, the citation's and the previous cross-reference's).
    """
    root_id = link.evaluate("a => a._tippy.popper.id")
    return link.page.locator(f"#{root_id} .tippy-box[data-state=visible]")


def _bibliography_text(built_html, href: str) -> str:
    """The text of the bibliography entry a citation link points to."""
    from bs4 import BeautifulSoup

    page, anchor = href.split("#", 1)
    soup = BeautifulSoup((built_html / "book" / page).read_text(encoding="utf-8"), "html.parser")
    entry = soup.find(id=anchor)
    assert entry is not None, href
    return " ".join(entry.find("p").get_text(" ").split())


def _glossary_text(built_html, href: str) -> str:
    from bs4 import BeautifulSoup

    page, anchor = href.split("#", 1)
    soup = BeautifulSoup((built_html / "book" / page).read_text(encoding="utf-8"), "html.parser")
    term = soup.find(id=anchor)
    assert term is not None and term.name == "dt", href
    return " ".join(term.find_next_sibling("dd").get_text(" ").split())


def _words(text: str, n: int = 6) -> str:
    return " ".join(re.sub(r"\s+", " ", text).split()[:n])


@pytest.fixture
def chapter(browser, built_html):
    page = _open(_offline(browser), built_html, CHAPTER)
    yield page
    page.context.close()


@pytest.mark.parametrize("selector", [TERM, CITATION], ids=["glossary-term", "citation"])
def test_tip_shows_on_hover_and_on_keyboard_focus_offline(built_html, chapter, selector):
    page = chapter
    link = page.locator(selector).first
    href = link.get_attribute("href")
    expected = _glossary_text(built_html, href) if "glossary" in href else _bibliography_text(built_html, href)

    link.hover()
    tip = _tip_of(link)
    tip.wait_for(state="visible", timeout=5000)
    shown = " ".join(tip.inner_text().split())
    assert _words(expected) in shown, f"tip for {href} shows {shown[:200]!r}, expected {expected[:120]!r}"
    assert link.get_attribute("aria-describedby"), "the tip is not announced as the link's description"
    page.mouse.move(0, 0)
    tip.wait_for(state="detached", timeout=5000)

    # keyboard: Tab onto the link (focus), the tip shows; Escape hides it; the page did not change
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == href
    tip.wait_for(state="visible", timeout=5000)
    assert _words(expected) in " ".join(tip.inner_text().split())
    page.keyboard.press("Escape")
    tip.wait_for(state="detached", timeout=5000)
    assert page.url.endswith(f"{CHAPTER}.html")
    assert page.errors == [] and page.blocked == [], (page.errors, page.blocked)


def test_a_tap_shows_the_tip_on_a_phone(browser, built_html):
    page = _open(_offline(browser, **PHONE), built_html, CHAPTER)
    try:
        for selector in (TERM, CITATION):
            link = page.locator(selector).first
            link.scroll_into_view_if_needed()
            link.tap()
            tip = _tip_of(link)
            tip.wait_for(state="visible", timeout=5000)
            assert page.url.endswith(f"{CHAPTER}.html"), f"the first tap on {selector} left the page"
            box = tip.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390 + 0.5, f"tip off screen: {box}"
            page.locator("article h1").first.tap()  # a tap elsewhere closes it
            tip.wait_for(state="detached", timeout=5000)
        assert page.errors == [] and page.blocked == [], (page.errors, page.blocked)
    finally:
        page.context.close()


def test_no_serious_accessibility_violation_with_a_tip_open(chapter):
    from axe_playwright_python.sync_playwright import Axe

    term = chapter.locator(TERM).first
    term.focus()
    _tip_of(term).wait_for(state="visible", timeout=5000)
    results = Axe().run(chapter)
    serious = [(v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_tip_scripts_are_local_and_the_page_stays_within_budget(browser, built_html):
    load = load_page(browser, built_html / f"{CHAPTER}.html")
    assert load.refused == []
    assert load.total_bytes <= PAGE_BUDGET_BYTES
    text = (built_html / f"{CHAPTER}.html").read_text(encoding="utf-8")
    assert "_static/vendor/tippy-bundle.umd.min.js" in text
    assert not re.search(r'<script[^>]*\bsrc="(https?:)?//', text), "a script from the network"


UNLINKED_FIGURES = """() => Array.from(document.querySelectorAll('article figure img, article .cell_output img'))
  .filter(i => !i.closest('a.drugresist-zoom')).map(i => i.getAttribute('src'))"""


def test_every_figure_opens_full_size_from_the_keyboard(browser, built_html):
    page = _offline(browser)
    try:
        page.goto((built_html / f"{CHAPTER}.html").as_uri())
        page.wait_for_load_state("load")
        assert page.evaluate(UNLINKED_FIGURES) == [], "a figure that does not link to its full-size file"
        assert page.locator(".drugresist-explorer a.drugresist-zoom").count() == 0, "explorers keep their controls"
        link = page.locator("article a.drugresist-zoom").first
        label = link.get_attribute("aria-label") or ""
        assert label.startswith("Open the figure full size: ") and len(label) > 40, label
        href = link.evaluate("a => a.href")
        assert "/_images/" in href, href
        link.focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url == href
        assert page.evaluate("() => document.images.length === 1 && document.images[0].naturalWidth > 0")
        assert page.errors == [] and page.blocked == [], (page.errors, page.blocked)
    finally:
        page.context.close()


FIGURE_TEXT = """svg => Array.from(svg.querySelectorAll('text')).filter(t => t.textContent.trim()).map(t => {
  const r = t.getBoundingClientRect(), turned = /rotate\\((-?9|27)0/.test(t.getAttribute('transform') || '');
  return {text: t.textContent, px: turned ? r.width : r.height};
})"""


def _explorer_pages() -> list[str]:
    """Pages whose source shows an explorer (a chapter calls ``..._explorer()``; a lab may)."""
    pages = []
    for name in toc_files():
        source = next((ROOT / f"{name}{ext}" for ext in (".md", ".ipynb") if (ROOT / f"{name}{ext}").exists()), None)
        if source is not None and re.search(r"_explorer\(", source.read_text(encoding="utf-8")):
            pages.append(name)
    return pages


@pytest.mark.parametrize("name", _explorer_pages())
def test_explorer_figure_text_is_at_least_10_px_on_a_phone(browser, built_html, name):
    page = _offline(browser, **PHONE)
    try:
        page.goto((built_html / f"{name}.html").as_uri())
        page.wait_for_load_state("load")
        explorers = page.locator(".drugresist-explorer")
        count = explorers.count()
        if count == 0:
            pytest.skip(f"no explorer on {name}")
        page.wait_for_function("n => document.querySelectorAll('.drugresist-explorer[data-ready=true]').length === n",
                               arg=count, timeout=15000)
        for e in range(count):
            svg = explorers.nth(e).locator(".drugresist-explorer-plot svg")
            svg.scroll_into_view_if_needed()
            width = svg.evaluate("s => s.getBoundingClientRect().width")
            assert width <= 390, f"{name} explorer {e}: figure {width} px wide"
            small = [t for t in svg.evaluate(FIGURE_TEXT) if t["px"] < MIN_FIGURE_TEXT_PX]
            assert small == [], f"{name} explorer {e}: figure text under {MIN_FIGURE_TEXT_PX} px: {small[:5]}"
        assert page.errors == [], page.errors
    finally:
        page.context.close()


def test_explorers_keep_the_desktop_layout_on_a_desktop(browser, built_html):
    page = _offline(browser, viewport={"width": 1280, "height": 900})
    try:
        page.goto((built_html / f"{CHAPTER}.html").as_uri())
        page.wait_for_load_state("load")
        page.wait_for_selector(".drugresist-explorer[data-ready=true]")
        assert page.locator(".drugresist-explorer[data-layout=narrow]").count() == 0
        assert page.locator(".drugresist-explorer[data-layout=wide]").count() >= 1
    finally:
        page.context.close()
