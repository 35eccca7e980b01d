"""The static book in a real browser (Debian's Chromium via Playwright) with the network cut off.

A student answers the quiz with the mouse and with the keyboard alone, and uses the explorer's
no-kernel gallery; no request may leave the machine for any of it.
"""

from __future__ import annotations

import json
import os
import re
import shutil

import pytest

playwright_sync = pytest.importorskip("playwright.sync_api", reason="install requirements-dev.txt")

CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


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
    """A page whose every non-file request is blocked and recorded."""
    context = browser.new_context()
    blocked: list[str] = []

    def route(route):
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.blocked = blocked  # type: ignore[attr-defined]
    yield page
    context.close()


def _text(html_fragment: str) -> str:
    """The visible text of a feedback fragment up to its first math (which MathJax re-renders)."""
    before_math = html_fragment.split('<span class="math')[0]
    return re.sub(r"<[^>]+>", "", before_math).replace("&amp;", "&").strip()


def _quiz_data(page) -> dict:
    return json.loads(page.locator(".drq-data").first.text_content())


def test_static_quiz_gives_feedback_and_score_offline(built_html, offline_page):
    page = offline_page
    page.goto((built_html / "book" / "target_alteration.html").as_uri())
    data = _quiz_data(page)
    score = page.locator(".drq-score-value").first
    assert score.text_content() == "0"

    choice_questions = [(i, q) for i, q in enumerate(data["questions"]) if q["type"] == "single"]
    index, question = choice_questions[0]
    item = page.locator(".drq-question").nth(index)
    wrong = question["correct"].index(False)
    right = question["correct"].index(True)

    item.locator("input").nth(wrong).check()
    item.locator(".drq-check").click()
    feedback = item.locator(".drq-feedback")
    assert "Not quite." in feedback.text_content()
    assert _text(question["feedback"][wrong])[:40] in feedback.text_content()
    assert score.text_content() == "0"

    item.locator("input").nth(right).check()
    item.locator(".drq-check").click()
    assert "Correct." in feedback.text_content()
    assert _text(question["feedback"][right])[:40] in feedback.text_content()
    assert score.text_content() == "1"


def test_a_question_answered_with_the_keyboard_alone(built_html, offline_page):
    page = offline_page
    page.goto((built_html / "book" / "target_alteration.html").as_uri())
    data = _quiz_data(page)
    index, question = [(i, q) for i, q in enumerate(data["questions"]) if q["type"] == "single"][1]
    item = page.locator(".drq-question").nth(index)
    right = question["correct"].index(True)

    item.locator("input").first.focus()
    page.keyboard.press("Space")  # selects the first option
    for _ in range(right):
        page.keyboard.press("ArrowDown")  # moves the selection down the radio group
    page.keyboard.press("Tab")  # leaves the radio group for the Check button
    page.keyboard.press("Enter")
    assert item.locator("input").nth(right).is_checked()
    assert "Correct." in item.locator(".drq-feedback").text_content()
    assert page.locator(".drq-score-value").first.text_content() == "1"


def test_numeric_question_in_the_browser(built_html, offline_page):
    page = offline_page
    page.goto((built_html / "book" / "target_alteration.html").as_uri())
    data = _quiz_data(page)
    index, question = [(i, q) for i, q in enumerate(data["questions"]) if q["type"] == "numeric"][0]
    item = page.locator(".drq-question").nth(index)
    field = item.locator("input")
    field.fill(str(question["answer"] + 10 * question["tolerance"] + 1))
    field.press("Enter")
    assert _text(question["too_high"])[:40] in item.locator(".drq-feedback").text_content()
    field.fill(str(question["answer"]))
    item.locator(".drq-check").click()
    assert "Correct." in item.locator(".drq-feedback").text_content()


def test_explorer_gallery_switches_frames_offline(built_html, offline_page):
    page = offline_page
    page.goto((built_html / "book" / "target_alteration.html").as_uri())
    explorer = page.locator(".drugresist-explorer").first
    frames = explorer.locator(".drugresist-explorer-frame")
    assert frames.nth(0).is_visible() and not frames.nth(1).is_visible()
    explorer.locator("input[type=radio]").nth(1).check()
    assert frames.nth(1).is_visible() and not frames.nth(0).is_visible()
    image_ok = frames.nth(1).locator("img").evaluate("img => img.complete && img.naturalWidth > 100")
    assert image_ok


def test_chapter_reads_fully_offline_with_math_rendered(built_html, offline_page):
    page = offline_page
    page.goto((built_html / "book" / "target_alteration.html").as_uri())
    page.wait_for_selector("mjx-container", timeout=15000)  # MathJax, served from the book, typeset the math
    assert page.locator(".drq-question").count() > 0
    assert page.blocked == [], f"the page asked the network for {page.blocked}"
