"""The static book in a real browser (Debian's Chromium via Playwright) with the network cut off.

On every page: no console errors, no request leaving the machine, math typeset by the bundled
MathJax, no serious or critical accessibility violations (axe-core). On every chapter: a student
answers the static quiz with the mouse and with the keyboard alone, and uses the explorers'
sliders (SVG figures drawn from shipped numbers, no kernel).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil

import pytest

from conftest import toc_files

playwright_sync = pytest.importorskip("playwright.sync_api", reason="install requirements-dev.txt")

CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def _bank_ids() -> list[str]:
    from drugresist.quiz import bank_ids

    return list(bank_ids())


PAGES = toc_files()
BANKS = _bank_ids()


def _chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    assert path, "Chromium is needed for the browser tests: apt-get install chromium (see .ci/run)"
    return path


@pytest.fixture(scope="module")
def browser():
    with playwright_sync.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def offline_page(browser):
    """A page whose every non-file request is blocked and recorded, with its console errors."""
    context = browser.new_context()
    blocked: list[str] = []
    errors: list[str] = []

    def route(route):
        if route.request.url.startswith(("file:", "data:")):
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
def test_page_reads_offline_without_console_errors(built_html, offline_page, name):
    page = _open(offline_page, built_html, name)
    if page.locator(".math").count():
        page.wait_for_selector("mjx-container", timeout=15000)  # typeset by the MathJax in _static
    page.wait_for_timeout(300)
    assert page.errors == [], f"console errors on {name}: {page.errors}"
    assert page.blocked == [], f"{name} asked the network for {page.blocked}"
    assert page.locator("nav").count() > 0 and page.locator("img").evaluate_all(
        "imgs => imgs.filter(i => !i.closest('.drugresist-explorer-frame[hidden]')).every(i => i.complete && i.naturalWidth > 0)"
    )


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_serious_accessibility_violations(built_html, offline_page, name):
    from axe_playwright_python.sync_playwright import Axe

    page = _open(offline_page, built_html, name)
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
    wrong = question["correct"].index(False)
    right = question["correct"].index(True)

    item.locator("input").nth(wrong).check()
    item.locator(".drq-check").click()
    feedback = item.locator(".drq-feedback")
    assert "Not quite." in feedback.text_content()  # said in words, not only by colour
    assert _text(question["feedback"][wrong])[:40] in feedback.text_content()
    assert score.text_content() == "0"

    item.locator("input").nth(right).check()
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

    item.locator("input").first.focus()
    page.keyboard.press("Space")  # selects the first option
    for _ in range(right):
        page.keyboard.press("ArrowDown")  # moves the selection down the radio group
    check = item.locator(".drq-check")
    for _ in range(12):  # Tab out of the radio group (past any focusable math) to the Check button
        page.keyboard.press("Tab")
        if check.evaluate("button => document.activeElement === button"):
            break
    assert check.evaluate("button => document.activeElement === button"), "Check button not reachable by Tab"
    page.keyboard.press("Enter")
    assert item.locator("input").nth(right).is_checked()
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
    field = item.locator("input")
    field.fill(str(question["answer"] + 10 * question["tolerance"] + abs(question["answer"]) + 1))
    field.press("Enter")
    assert _text(question["too_high"])[:40] in item.locator(".drq-feedback").text_content()
    field.fill(str(question["answer"]))
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


@pytest.mark.parametrize("name", PAGES)
def test_explorers_show_the_combination_of_all_sliders(built_html, offline_page, name):
    """Moving a second slider keeps the first where it was: the figure is that of both settings."""
    page = _open(offline_page, built_html, name)
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
