"""The static book in a real browser (Debian's Chromium via Playwright) with the network cut off.

On every page: no console errors, no request leaving the machine, math typeset by the bundled
MathJax, no serious or critical accessibility violations (axe-core). On every chapter: a student
answers the static quiz with the mouse and with the keyboard alone, and uses the explorers'
no-kernel galleries.
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


@pytest.mark.parametrize("name", PAGES)
def test_every_explorer_gallery_switches_frames_offline(built_html, offline_page, name):
    page = _open(offline_page, built_html, name)
    explorers = page.locator(".drugresist-explorer")
    for e in range(explorers.count()):
        explorer = explorers.nth(e)
        frames = explorer.locator(".drugresist-explorer-frame")
        radios = explorer.locator("input[type=radio]")
        assert frames.count() == radios.count() >= 2
        assert frames.nth(0).is_visible() and not frames.nth(1).is_visible()
        radios.nth(1).check()
        assert frames.nth(1).is_visible() and not frames.nth(0).is_visible()
        assert frames.nth(1).locator("img").evaluate("img => img.complete && img.naturalWidth > 100")
        assert "launch button" in explorer.locator(".drugresist-explorer-hint").text_content()
