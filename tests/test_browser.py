"""The static book in a real browser (Debian's Chromium via Playwright) with the network cut off.

On every page: no console errors, no request leaving the machine, math typeset by the bundled
MathJax, no serious or critical accessibility violations (axe-core). On every chapter: a student
answers the static quiz with the mouse and with the keyboard alone, and uses the explorers'
sliders (SVG figures drawn from shipped numbers, no kernel).
"""

from __future__ import annotations

import html
import json
import re
import sys

import pytest

import served
from conftest import ROOT, toc_files

pytest.importorskip("playwright.sync_api", reason="install requirements-dev.txt")

sys.path.insert(0, str(ROOT / "scripts"))
from page_weight import PAGE_BUDGET_BYTES, book_pages, load_page  # noqa: E402


def _bank_ids() -> list[str]:
    from drugresist.quiz import bank_ids

    return list(bank_ids())


PAGES = toc_files()
BANKS = _bank_ids()


@pytest.fixture
def offline_page(browser):
    """A page whose every non-file request is blocked and recorded, with its console errors."""
    context = browser.new_context()
    blocked: list[str] = []
    errors: list[str] = []

    def route(route):
        if served.is_local(route.request.url):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.blocked = blocked  # type: ignore[attr-defined]
    page.errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()


def _open(page, built_html, name: str):
    page.goto((built_html / f"{name}.html").as_uri())
    page.wait_for_load_state("load")
    return page


def _text(html_fragment: str) -> str:
    """The visible text of a feedback fragment up to its first math (which MathJax re-renders)."""
    before_math = html_fragment.split('<span class="math')[0]
    return html.unescape(re.sub(r"<[^>]+>", "", before_math)).strip()


def _quiz_data(page) -> dict:
    return json.loads(page.locator(".drq-data").first.text_content())


@pytest.mark.parametrize("name", PAGES)
def test_page_reads_offline_without_console_errors_and_has_no_serious_accessibility_violations(
        built_html, offline_page, name):
    """One load of each page (issue 23: load each page once) for the console, the network, the
    images, and axe-core."""
    from axe_playwright_python.sync_playwright import Axe

    page = _open(offline_page, built_html, name)
    if page.locator(".math").count():
        page.wait_for_selector("mjx-container", timeout=15000)  # typeset by the MathJax in _static
    page.wait_for_timeout(300)
    assert page.errors == [], f"console errors on {name}: {page.errors}"
    assert page.blocked == [], f"{name} asked the network for {page.blocked}"
    assert page.locator("nav").count() > 0 and page.locator("img").evaluate_all(
        "imgs => imgs.filter(i => !i.closest('.drugresist-explorer-frame[hidden]')).every(i => i.complete && i.naturalWidth > 0)"
    )
    results = Axe().run(page)
    serious = [
        (v["id"], v["impact"], len(v["nodes"]))
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], f"{name}: {serious}"


@pytest.mark.parametrize("bank_id", BANKS)
def test_static_quiz_gives_feedback_and_score_offline(built_html, offline_page, bank_id):
    page = _open(offline_page, built_html, f"book/{bank_id}")
    data = _quiz_data(page)
    score = page.locator(".drq-score-value").first
    assert score.text_content() == "0"
    index, question = [(i, q) for i, q in enumerate(data["questions"]) if q["type"] == "single"][0]
    item = page.locator(".drq-question").nth(index)
    wrong = question["correct"].index(False)  # option identities: positions in the bank, not on screen
    right = question["correct"].index(True)

    item.locator(f'input[value="{wrong}"]').check()
    item.locator(".drq-check").click()
    feedback = item.locator(".drq-feedback")
    assert "Not quite." in feedback.text_content()  # said in words, not only by colour
    assert _text(question["feedback"][wrong])[:40] in feedback.text_content()
    assert score.text_content() == "0"

    item.locator(f'input[value="{right}"]').check()
    item.locator(".drq-check").click()
    assert "Correct." in feedback.text_content()
    assert _text(question["feedback"][right])[:40] in feedback.text_content()
    assert score.text_content() == "1"


@pytest.mark.parametrize("bank_id", BANKS)
def test_a_question_answered_with_the_keyboard_alone(built_html, offline_page, bank_id):
    page = _open(offline_page, built_html, f"book/{bank_id}")
    data = _quiz_data(page)
    index, question = [(i, q) for i, q in enumerate(data["questions"]) if q["type"] == "single"][-1]
    item = page.locator(".drq-question").nth(index)
    right = question["correct"].index(True)
    shown = item.locator("input").evaluate_all("inputs => inputs.map(i => Number(i.value))")  # the learner's order

    item.locator("input").first.focus()
    page.keyboard.press("Space")  # selects the first option
    for _ in range(shown.index(right)):
        page.keyboard.press("ArrowDown")  # moves the selection down the radio group
    check = item.locator(".drq-check")
    for _ in range(12):  # Tab out of the radio group (past any focusable math) to the Check button
        page.keyboard.press("Tab")
        if check.evaluate("button => document.activeElement === button"):
            break
    assert check.evaluate("button => document.activeElement === button"), "Check button not reachable by Tab"
    page.keyboard.press("Enter")
    assert item.locator(f'input[value="{right}"]').is_checked()
    assert "Correct." in item.locator(".drq-feedback").text_content()
    assert page.locator(".drq-score-value").first.text_content() == "1"


@pytest.mark.parametrize("bank_id", BANKS)
def test_numeric_question_in_the_browser(built_html, offline_page, bank_id):
    page = _open(offline_page, built_html, f"book/{bank_id}")
    data = _quiz_data(page)
    numeric = [(i, q) for i, q in enumerate(data["questions"]) if q["type"] == "numeric"]
    assert numeric, f"{bank_id} has no numeric question"
    index, question = numeric[0]
    item = page.locator(".drq-question").nth(index)
    variant = {**question.get("common", {}), **question["variants"][int(item.get_attribute("data-variant"))]}  # the learner's numbers
    field = item.locator('input[type="text"]')
    field.fill(str(variant["answer"] + 10 * variant["tolerance"] + abs(variant["answer"]) + 1))
    field.press("Enter")
    assert _text(variant["too_high"])[:40] in item.locator(".drq-feedback").text_content()
    field.fill(str(variant["answer"]))
    item.locator(".drq-check").click()
    assert "Correct." in item.locator(".drq-feedback").text_content()


def _wait_for_explorers(page) -> int:
    """Number of explorers on the page, once every one has drawn its figure."""
    explorers = page.locator(".drugresist-explorer")
    count = explorers.count()
    if count:
        page.wait_for_function(
            "n => document.querySelectorAll('.drugresist-explorer[data-ready=true]').length === n", arg=count, timeout=15000
        )
    return count


@pytest.mark.parametrize("name", PAGES)
def test_every_explorer_slider_redraws_within_100_ms_offline(built_html, offline_page, name):
    """Every slider of every explorer: a key press redraws the SVG figure within 100 ms (measured in
    the page from the keydown to the end of the redraw), its value and unit and the aria-live
    description follow, and nothing is asked of the network."""
    page = _open(offline_page, built_html, name)
    for e in range(_wait_for_explorers(page)):
        explorer = page.locator(".drugresist-explorer").nth(e)
        assert explorer.locator(".drugresist-explorer-plot svg path, .drugresist-explorer-plot svg rect").count() > 2
        alt = explorer.locator(".drugresist-explorer-alt")
        assert alt.get_attribute("aria-live") == "polite"
        sliders = explorer.locator("input[type=range]")
        assert sliders.count() >= 1
        changed = 0
        for k in range(sliders.count()):
            slider = sliders.nth(k)
            label = explorer.locator(f"label[for='{slider.get_attribute('id')}']")
            assert label.count() == 1 and label.text_content().strip()
            before_alt, before_svg = alt.text_content(), explorer.locator(".drugresist-explorer-plot").inner_html()
            before_value = slider.get_attribute("aria-valuetext")
            at_end = slider.input_value() == slider.get_attribute("max")
            slider.evaluate("s => s.addEventListener('keydown', () => { s.closest('.drugresist-explorer').dataset.keyAt = performance.now(); }, {once: true})")
            slider.focus()
            page.keyboard.press("ArrowLeft" if at_end else "ArrowRight")
            timing = explorer.evaluate("x => Number(x.dataset.drawnAt) - Number(x.dataset.keyAt)")
            assert 0 <= timing < 100, f"{name}, explorer {e}, slider {k}: {timing:.1f} ms from key press to redraw"
            assert slider.get_attribute("aria-valuetext") != before_value
            assert explorer.locator("output").nth(k).text_content() == slider.get_attribute("aria-valuetext")
            assert explorer.locator(".drugresist-explorer-plot").inner_html() != before_svg, f"{name}: slider {k} did not redraw"
            changed += alt.text_content() != before_alt
        assert changed >= 1, f"{name}, explorer {e}: the description never changed"
        assert "launch button" in explorer.locator(".drugresist-explorer-hint").text_content()
    assert page.errors == [], f"console errors on {name}: {page.errors}"
    assert page.blocked == [], f"{name} asked the network for {page.blocked}"
    _explorers_show_the_combination_of_all_sliders(page)


def _explorers_show_the_combination_of_all_sliders(page) -> None:
    """Moving a second slider keeps the first where it was: the figure is that of both settings
    (checked on the page the redraw test already loaded)."""
    for e in range(_wait_for_explorers(page)):
        explorer = page.locator(".drugresist-explorer").nth(e)
        sliders = explorer.locator("input[type=range]")
        if sliders.count() < 2:
            continue
        sliders.nth(0).focus()
        page.keyboard.press("End")
        sliders.nth(1).focus()
        page.keyboard.press("Home")
        assert sliders.nth(0).input_value() == sliders.nth(0).get_attribute("max")
        state = explorer.evaluate("x => x.drugresistExplorer.stateIndex()")
        counts = explorer.evaluate("x => x.drugresistExplorer.data.sliders.map(s => s.values.length)")
        values = [int(sliders.nth(k).input_value()) for k in range(sliders.count())]
        expected = 0
        for value, count in zip(values, counts):
            expected = expected * count + value
        assert state == expected


# ----- page weight: what a reader's browser downloads (issue 12: at most 2.5 MB per page) -------


@pytest.fixture(scope="module")
def page_loads(built_html, browser) -> dict:
    """Every built page loaded once in a fresh context: the local files each one fetched."""
    return {page.relative_to(built_html).as_posix(): load_page(browser, page) for page in book_pages(built_html)}


def test_every_page_with_its_assets_stays_within_2_5_mb(page_loads):
    assert len(page_loads) >= len(PAGES)
    heavy = {name: load.total_bytes for name, load in page_loads.items() if load.total_bytes > PAGE_BUDGET_BYTES}
    assert heavy == {}, f"pages over {PAGE_BUDGET_BYTES / 1e6} MB with their assets (bytes): {heavy}"
    assert all(load.refused == [] for load in page_loads.values())


def test_no_page_loads_the_icon_script_or_the_search_index_it_does_not_use(page_loads):
    for name, load in page_loads.items():
        fetched = {path.name for path in load.files}
        assert "fontawesome.js" not in fetched, name
        if name != "search.html":
            assert not fetched & {"searchindex.js", "searchtools.js"}, f"{name} fetched the search index"
    assert "searchindex.js" in {path.name for path in page_loads["search.html"].files}


def test_mathjax_loads_exactly_where_a_page_has_math(built_html, page_loads):
    from drugresist.sphinx_plugin import page_has_math

    with_math = 0
    for name, load in page_loads.items():
        fetched_mathjax = any("mathjax" in path.parts for path in load.files)
        has_math = page_has_math((built_html / name).read_text(encoding="utf-8"))
        assert fetched_mathjax == has_math, f"{name}: math on the page {has_math}, MathJax fetched {fetched_mathjax}"
        with_math += has_math
    assert 10 <= with_math < len(page_loads), "every chapter has math; the welcome page and the index have none"


def test_math_is_typeset_with_hidden_mathml_for_screen_readers(built_html, offline_page):
    page = _open(offline_page, built_html, "book/target_alteration")
    page.wait_for_selector("mjx-container", timeout=15000)
    page.evaluate("() => MathJax.startup.promise")
    typeset = page.locator("mjx-container").count()
    assert typeset == page.locator("span.math, div.math").count()
    assert page.locator("mjx-container mjx-assistive-mml math").count() == typeset
    assert page.errors == [] and page.blocked == []


def test_icons_are_drawn_from_the_theme_web_fonts(built_html, offline_page):
    """The header's icons, the sidebar's and the search dialog's: each an <i> whose ::before holds a
    Font Awesome code point in a loaded Font Awesome font, with room on the page."""
    page = _open(offline_page, built_html, "book/target_alteration")
    page.evaluate("() => document.fonts.ready.then(() => null)")
    icons = page.evaluate("""() => [...document.querySelectorAll('.bd-header-article i[class*="fa-"], .search-button-field i')]
        .filter(i => i.offsetParent !== null)
        .map(i => { const b = getComputedStyle(i, '::before'); const r = i.getBoundingClientRect();
                    return {cls: i.className, family: b.fontFamily, content: b.content, width: r.width,
                            size: parseFloat(getComputedStyle(i).fontSize)}; })""")
    assert len(icons) >= 5, icons
    for icon in icons:  # (fa-lg sets a line height of 0.05 em, so the height of an <i> says nothing)
        assert "Font Awesome" in icon["family"], icon
        assert icon["content"] not in ("none", "normal", '""'), icon
        assert icon["width"] > 8 and icon["size"] >= 12, icon
    assert page.evaluate("""() => document.fonts.check('900 16px "Font Awesome 6 Free"') &&
                                 [...document.fonts].some(f => f.family.includes('Font Awesome') && f.status === 'loaded')""")
    page.keyboard.press("Control+k")
    glass = page.locator("#pst-search-dialog .fa-magnifying-glass").bounding_box()
    field = page.locator("#pst-search-dialog input[name=q]").bounding_box()
    assert glass["x"] + glass["width"] <= field["x"] + 1, "the search icon sits on the search text"
    assert page.errors == [] and page.blocked == []


def test_search_page_finds_a_drug_offline(built_html, offline_page):
    """The search page still has its index. Read from disk (file://), Chromium refuses the fetches
    with which Sphinx's search adds a snippet of each page to its result; a served book shows them."""
    page = offline_page
    page.goto((built_html / "search.html").as_uri() + "?q=osimertinib")
    page.wait_for_selector("#search-results li a", timeout=15000)
    found = page.locator("#search-results li a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert any("next_generation_drugs" in href for href in found), found
    snippet_fetches = ("Access to fetch at 'file:", "Failed to load resource: net::ERR_FAILED", "Failed to fetch")
    assert [e for e in page.errors if not e.startswith(snippet_fetches)] == []
    assert page.blocked == []
