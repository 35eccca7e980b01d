"""Quiz progress saved in the browser, in a real Chromium with the network cut off (pages served over
local HTTP, as the published book is: see ``served``).

A student answers, reloads and finds the answers, feedback and score again; an edited question
starts afresh while the others are restored; with storage blocked the quiz still works; the
"My progress" page counts what was saved, downloads it as CSV and resets it.
"""

from __future__ import annotations

import dataclasses
import json

import pytest

import served
from test_browser import offline_page  # noqa: F401  (the page fixture shared with the page tests)

pytest.importorskip("playwright.sync_api", reason="install requirements-dev.txt")

BANK = "target_alteration"


def _standalone(path, bank) -> None:
    """A page holding only the static quiz of ``bank`` (as the book shows it)."""
    from drugresist.quiz import to_html

    path.write_text(f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>quiz</title></head>"
                    f"<body><main>{to_html(bank)}</main></body></html>", encoding="utf-8")


def _open(page, built_html, name: str):
    """The book's page ``name`` over HTTP: what was saved on one page must be there on the next."""
    page.goto(served.url(built_html / f"{name}.html"))
    return page


def _data(page) -> dict:
    return json.loads(page.locator(".drq-data").first.text_content())


def _answer(page, bank_data: dict, kind: str, right: bool) -> int:
    """Answer the first question of ``kind`` right or wrong, press Check; return its index. Options
    are found by identity (their position in the bank), wherever the learner's order shows them."""
    index, question = next((i, q) for i, q in enumerate(bank_data["questions"]) if q["type"] == kind)
    item = page.locator(".drq-question").nth(index)
    if kind == "numeric":
        variant = {**question.get("common", {}), **question["variants"][int(item.get_attribute("data-variant"))]}
        value = variant["answer"] if right else variant["answer"] + 10 * variant["tolerance"] + abs(variant["answer"]) + 1
        item.locator('input[type="text"]').fill(str(value))
    else:
        item.locator(f'input[value="{question["correct"].index(right)}"]').check()
    item.locator(".drq-check").click()
    return index


def test_answers_and_score_survive_a_reload(tmp_path, offline_page):
    from drugresist.quiz import load_bank

    page_file = tmp_path / "quiz.html"
    _standalone(page_file, load_bank(BANK))
    page = offline_page
    page.goto(served.url(page_file))
    data = _data(page)
    single = _answer(page, data, "single", right=True)
    numeric = _answer(page, data, "numeric", right=False)
    assert page.locator(".drq-score-value").text_content() == "1"

    page.reload()
    items = page.locator(".drq-question")
    right = data["questions"][single]["correct"].index(True)
    assert items.nth(single).locator(f'input[value="{right}"]').is_checked()
    assert "Correct." in items.nth(single).locator(".drq-feedback").text_content()
    assert items.nth(numeric).locator("input").input_value() != ""
    assert "Not quite." in items.nth(numeric).locator(".drq-feedback").text_content()
    assert page.locator(".drq-score-value").text_content() == "1"
    assert page.errors == [] and page.blocked == []


def test_editing_a_question_resets_that_question_only(tmp_path, offline_page):
    from drugresist.quiz import load_bank

    bank = load_bank(BANK)
    page_file = tmp_path / "quiz.html"
    _standalone(page_file, bank)
    page = offline_page
    page.goto(served.url(page_file))
    data = _data(page)
    singles = [i for i, q in enumerate(data["questions"]) if q["type"] == "single"][:2]
    for index in singles:
        question = data["questions"][index]
        item = page.locator(".drq-question").nth(index)
        item.locator(f'input[value="{question["correct"].index(True)}"]').check()
        item.locator(".drq-check").click()
    assert page.locator(".drq-score-value").text_content() == "2"

    edited, kept = singles
    questions = list(bank.questions)
    questions[edited] = dataclasses.replace(questions[edited], prompt=questions[edited].prompt + " (revised)")
    _standalone(page_file, dataclasses.replace(bank, questions=tuple(questions)))
    page.reload()
    items = page.locator(".drq-question")
    assert "(revised)" in items.nth(edited).text_content()
    assert not any(items.nth(edited).locator("input").nth(i).is_checked() for i in range(items.nth(edited).locator("input").count()))
    assert items.nth(edited).locator(".drq-feedback").text_content() == ""
    assert "Correct." in items.nth(kept).locator(".drq-feedback").text_content()
    assert page.locator(".drq-score-value").text_content() == "1"
    stored = json.loads(page.evaluate(f"() => localStorage.getItem('drugresist-quiz:v1:{BANK}')"))
    assert data["questions"][edited]["id"] not in stored["answers"]
    assert data["questions"][kept]["id"] in stored["answers"]


def test_quiz_works_when_storage_is_blocked(tmp_path, browser):
    from drugresist.quiz import load_bank

    page_file = tmp_path / "quiz.html"
    _standalone(page_file, load_bank(BANK))
    context = browser.new_context()
    context.add_init_script("Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('blocked', 'SecurityError'); }});")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served.url(page_file))
    data = _data(page)
    index = _answer(page, data, "single", right=True)
    assert "Correct." in page.locator(".drq-question").nth(index).locator(".drq-feedback").text_content()
    assert page.locator(".drq-score-value").text_content() == "1"
    page.reload()
    assert page.locator(".drq-score-value").text_content() == "0"
    assert errors == []
    context.close()


def test_progress_page_counts_downloads_and_resets(built_html, offline_page):
    from drugresist.quiz import all_banks

    page = _open(offline_page, built_html, f"book/{BANK}")
    seed = page.evaluate("() => localStorage.getItem('drugresist-quiz-learner:v1')")
    data = _data(page)
    _answer(page, data, "single", right=True)
    _answer(page, data, "numeric", right=False)

    page = _open(offline_page, built_html, "book/progress")
    rows = page.locator(".drq-progress-table tbody tr")
    assert rows.count() == len(all_banks())
    row = page.locator(f'.drq-progress-table tr[data-bank="{BANK}"]')
    cells = [row.locator("td").nth(i).text_content() for i in range(4)]
    assert cells[1:] == [str(len(data["questions"])), "2", "1"]
    assert row.locator("a").get_attribute("href") == f"{BANK}.html"
    total = sum(len(b.questions) for b in all_banks())
    assert page.locator(".drq-progress-total").text_content() == f"In all: 2 of {total} questions answered, 1 correct."

    with page.expect_download() as download:
        page.locator(".drq-progress-download").click()
    lines = open(download.value.path(), encoding="utf-8").read().splitlines()
    assert lines[0] == "chapter,question_id,result,answer,saved_at"
    assert len(lines) == 3 and all(line.startswith(f'"{BANK}",') for line in lines[1:])
    assert sorted(line.split(",")[2] for line in lines[1:]) == ['"correct"', '"not yet correct"']

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(".drq-progress-reset").click()
    assert [row.locator("td").nth(i).text_content() for i in (2, 3)] == ["0", "0"]
    page = _open(offline_page, built_html, f"book/{BANK}")
    assert page.locator(".drq-score-value").first.text_content() == "0"
    assert page.errors == [] and page.blocked == []
