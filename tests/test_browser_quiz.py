"""The static quiz's shuffling, generated numbers and grading rule in a real Chromium, on standalone
pages made with ``to_html`` (no book build), with the network cut off.

Two fresh browser profiles (two learners) see their own option orders and keep them across a
reload with their answers; a pinned order (``fixed_order``) is kept; with storage blocked the order
is drawn per page load; older saved progress is restored or dropped without an error; the keyboard
alone still answers a shuffled question; "New numbers" shows the next variant and grades it with the
answer computed here from the course's model; every case of the grading table gives the same
verdict and feedback as ``bank.grade``; always picking the first option scores near chance.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import statistics
import sys
from pathlib import Path

import pytest

import grading_table
import served
from conftest import DATA, ROOT
from test_browser import _text

pytest.importorskip("playwright.sync_api", reason="install requirements-dev.txt")

sys.path.insert(0, str(ROOT / "scripts"))
from quiz_first_option import SEED_KEY, chance, first_option_scores, write_page  # noqa: E402

BANK = "target_alteration"
PREFIX = "drugresist-quiz:v1:"


@contextlib.contextmanager
def _learner(browser, blocked_storage: bool = False):
    """A fresh browser profile (a new learner): every non-file request refused and recorded,
    page errors and console errors collected."""
    context = browser.new_context()
    if blocked_storage:
        context.add_init_script("Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('blocked', 'SecurityError'); }});")
    refused: list[str] = []
    context.route("**/*", lambda route: route.continue_() if served.is_local(route.request.url)
                  else (refused.append(route.request.url), route.abort()))
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield page
        assert errors == [] and refused == [], (errors, refused)
    finally:
        context.close()


def _page(tmp_path: Path, *banks) -> str:
    """The address of a page holding ``banks``' quizzes, served over HTTP (see ``served``)."""
    return served.url(write_page(tmp_path / "quiz.html", banks))


def _orders(page) -> list[list[int]]:
    """Per question, the option identities in the order shown ([] for numeric questions)."""
    return page.locator(".drq-question").evaluate_all(
        "items => items.map(item => Array.from(item.querySelectorAll('.drq-option input')).map(i => Number(i.value)))")


def _data(page, nth: int = 0) -> dict:
    return json.loads(page.locator(".drq-data").nth(nth).text_content())


def _pick(item, identities) -> None:
    for identity in identities:
        item.locator(f'.drq-option input[value="{identity}"]').check()
    item.locator(".drq-check").click()


def _right(question: dict) -> list[int]:
    return [i for i, correct in enumerate(question["correct"]) if correct]


def test_two_learners_see_their_own_orders_and_keep_them_across_a_reload(tmp_path, browser):
    from drugresist.quiz import load_bank

    bank = load_bank(BANK)
    url = _page(tmp_path, bank)
    seen = []
    with _learner(browser) as first, _learner(browser) as second:
        for page in (first, second):
            page.goto(url)
            seen.append(_orders(page))
            data = _data(page)
            chosen = {}
            for kind in ("single", "multiple"):
                index = next(i for i, q in enumerate(data["questions"]) if q["type"] == kind)
                chosen[index] = _right(data["questions"][index])
                _pick(page.locator(".drq-question").nth(index), chosen[index])
            assert page.locator(".drq-score-value").text_content() == "2"
            page.reload()
            assert _orders(page) == seen[-1], "the order changed on reload"
            items = page.locator(".drq-question")
            for index, identities in chosen.items():
                checked = items.nth(index).locator(".drq-option input").evaluate_all(
                    "inputs => inputs.filter(i => i.checked).map(i => Number(i.value))")
                assert sorted(checked) == identities
                assert "Correct." in items.nth(index).locator(".drq-feedback").text_content()
            assert page.locator(".drq-score-value").text_content() == "2"
            letters = items.nth(0).locator(".drq-letter").all_text_contents()
            assert letters == [f"{c}." for c in "ABCDEFGH"[:len(letters)]], "letters follow the order shown"
            seed = page.evaluate(f"() => localStorage.getItem('{SEED_KEY}')")
            assert seed and seed.isdigit()
    choice = [i for i, q in enumerate(bank.questions) if q.type != "numeric" and not q.fixed_order]
    differ = sum(seen[0][i] != seen[1][i] for i in choice)
    for i in choice:
        assert sorted(seen[0][i]) == list(range(len(bank.questions[i].options)))
    assert differ >= len(choice) / 2, f"only {differ} of {len(choice)} choice questions differ between two learners"


def test_a_pinned_order_is_never_shuffled(tmp_path, browser):
    from drugresist.quiz import load_bank

    bank = load_bank(BANK)
    pinned = tuple(dataclasses.replace(q, fixed_order=True) if q.type != "numeric" else q for q in bank.questions)
    url = _page(tmp_path, dataclasses.replace(bank, questions=pinned))
    for _ in range(3):
        with _learner(browser) as page:
            page.goto(url)
            assert all(order == sorted(order) for order in _orders(page))


def test_with_storage_blocked_the_order_is_drawn_per_page_load(tmp_path, browser):
    from drugresist.quiz import load_bank

    url = _page(tmp_path, load_bank(BANK))
    with _learner(browser, blocked_storage=True) as page:
        page.goto(url)
        before = _orders(page)
        data = _data(page)
        index = next(i for i, q in enumerate(data["questions"]) if q["type"] == "single")
        _pick(page.locator(".drq-question").nth(index), _right(data["questions"][index]))
        assert "Correct." in page.locator(".drq-question").nth(index).locator(".drq-feedback").text_content()
        orders = [before]
        for _ in range(2):
            page.reload()
            orders.append(_orders(page))
        assert page.locator(".drq-score-value").text_content() == "0"
    assert orders[0] != orders[1] or orders[1] != orders[2]


def test_progress_saved_before_shuffling_is_restored_or_dropped(tmp_path, browser):
    """Progress saved by the earlier quiz.js (option index = YAML position, no variants, no seed)
    is restored; an answer naming an option that does not exist is dropped, without an error."""
    from drugresist.quiz import load_bank
    from drugresist.quiz.render import question_hash

    bank = load_bank(DATA / "sample_bank.yaml")
    hashes = {q.id: question_hash(q) for q in bank.questions}
    old = {"answers": {
        "single-one": {"hash": hashes["single-one"], "answer": [0], "correct": True, "saved": "2026-11-30T10:00:00Z"},
        "multiple-two": {"hash": hashes["multiple-two"], "answer": [7, "x"], "correct": False, "saved": "2026-11-30T10:00:00Z"},
        "numeric-three": {"hash": hashes["numeric-three"], "answer": "100", "correct": True, "saved": "2026-11-30T10:00:00Z"},
        "removed-question": {"hash": "0123456789abcdef", "answer": [1], "correct": True},
    }}
    url = _page(tmp_path, bank)
    with _learner(browser) as page:
        page.goto(url)
        page.evaluate("([key, value]) => localStorage.setItem(key, value)", [PREFIX + bank.id, json.dumps(old)])
        page.reload()
        items = page.locator(".drq-question")
        assert items.nth(0).locator('input[value="0"]').is_checked()
        assert "Correct." in items.nth(0).locator(".drq-feedback").text_content()
        assert items.nth(1).locator("input:checked").count() == 0 and items.nth(1).locator(".drq-feedback").text_content() == ""
        assert items.nth(2).locator('input[type="text"]').input_value() == "100"
        assert page.locator(".drq-score-value").text_content() == "2"
        stored = json.loads(page.evaluate(f"() => localStorage.getItem('{PREFIX + bank.id}')"))
        assert sorted(stored["answers"]) == ["numeric-three", "single-one"]


def test_a_shuffled_question_answered_with_the_keyboard_alone(tmp_path, browser):
    from drugresist.quiz import load_bank

    url = _page(tmp_path, load_bank(BANK))
    with _learner(browser) as page:
        page.goto(url)
        data = _data(page)
        index = [i for i, q in enumerate(data["questions"]) if q["type"] == "single"][-1]
        item = page.locator(".drq-question").nth(index)
        position = _orders(page)[index].index(_right(data["questions"][index])[0])
        item.locator("input").first.focus()
        page.keyboard.press("Space")  # selects the first option shown
        for _ in range(position):
            page.keyboard.press("ArrowDown")  # moves down the radio group, in the order shown
        check = item.locator(".drq-check")
        for _ in range(12):
            page.keyboard.press("Tab")
            if check.evaluate("button => document.activeElement === button"):
                break
        page.keyboard.press("Enter")
        assert "Correct." in item.locator(".drq-feedback").text_content()
        assert page.locator(".drq-score-value").text_content() == "1"


# ----- generated numbers ---------------------------------------------------------------------------


def _generated_questions() -> list[tuple[str, str]]:
    """(bank, question id, whether to try every variant): the sample bank's generated questions and
    the first of every course bank that has one."""
    from drugresist.quiz import all_banks, load_bank

    found = []
    sample = DATA / "generated_bank.yaml"
    banks = ([load_bank(sample)] if sample.is_file() else []) + all_banks()
    for bank in banks:
        generated = [q.id for q in bank.questions if q.generator is not None]
        found += [pytest.param(str(bank.source), qid, bank.id == "generated_bank", id=f"{bank.id}-{qid}")
                  for qid in (generated if bank.id == "generated_bank" else generated[:1])]
    return found or [pytest.param("", "", False, marks=pytest.mark.skip(reason="no generated question yet"))]


def _model_answer(question, variant) -> float:
    """The variant's answer recomputed here: each compute step's course function called with the
    variant's drawn parameters, then scaled and rounded as the bank says."""
    from drugresist.quiz.generate import resolve

    values = {name: value for name, value in variant.values if name in {p.name for p in question.generator.parameters}}
    for step in question.generator.compute:
        kwargs = {key: values[ref] if isinstance(ref, str) else ref for key, ref in step.arguments}
        result = float(resolve(step.function)(**kwargs)) * step.scale
        values[step.name] = round(result, step.round) if step.round is not None else result
    return values["answer"]


@pytest.mark.parametrize("source, question_id, every_variant", _generated_questions())
def test_new_numbers_shows_the_next_variant_and_grades_it_with_the_model(tmp_path, browser, source, question_id,
                                                                         every_variant):
    """New numbers, a wrong and a right answer: once in a course bank's question; round every
    variant of the sample bank's generated questions."""
    from drugresist.quiz import load_bank

    bank = load_bank(source)
    index, question = next((i, q) for i, q in enumerate(bank.questions) if q.id == question_id)
    from drugresist.quiz import markup
    from drugresist.quiz.bank import variants

    concrete = variants(question)
    url = _page(tmp_path, bank)
    with _learner(browser) as page:
        page.goto(url)
        item = page.locator(".drq-question").nth(index)
        prompt = item.locator(".drq-prompt")
        start = int(item.get_attribute("data-variant"))
        assert _text(prompt.inner_html())[:60] == _text(markup.to_html(concrete[start].prompt))[:60]
        field = item.locator('input[type="text"]')
        field.fill("1e9")
        item.locator(".drq-check").click()
        assert "Not quite." in item.locator(".drq-feedback").text_content()

        for _ in range(len(concrete) if every_variant else 1):
            before = prompt.text_content()
            item.locator(".drq-new").click()
            now = int(item.get_attribute("data-variant"))
            assert now == (start + 1) % len(concrete)
            start = now
            assert prompt.text_content() != before, "New numbers did not change the numbers"
            assert field.input_value() == "" and "Not quite." not in item.locator(".drq-feedback").text_content()
            expected = _model_answer(question, concrete[now])
            assert expected == pytest.approx(concrete[now].answer, rel=1e-9, abs=1e-12)
            allowed = max(concrete[now].tolerance, concrete[now].relative_tolerance * abs(expected))
            field.fill(f"{expected + 3 * allowed + abs(expected) * 0.5 + 1:.6g}")
            item.locator(".drq-check").click()
            assert "Not quite." in item.locator(".drq-feedback").text_content(), (now, expected)
            field.fill(f"{expected:.12g}")
            item.locator(".drq-check").click()
            assert "Correct." in item.locator(".drq-feedback").text_content(), (now, expected)

        page.reload()  # the variant and its answer are remembered
        assert int(item.get_attribute("data-variant")) == now
        assert field.input_value() == f"{expected:.12g}"
        assert "Correct." in item.locator(".drq-feedback").text_content()


# ----- one grading rule --------------------------------------------------------------------------


_RUN_CASES = """cases => cases.map((c, n) => {
  const item = document.querySelectorAll('.drq-question')[n];
  if (item.dataset.type === 'numeric') { item.querySelector('input[type="text"]').value = c.response; }
  else { item.querySelectorAll('.drq-option input').forEach(i => { i.checked = c.response.indexOf(Number(i.value)) >= 0; }); }
  item.querySelector('.drq-check').click();
  const box = item.querySelector('.drq-feedback');
  return [box.classList.contains('drq-correct'), box.textContent];
})"""


def test_every_grading_case_gives_the_same_verdict_in_quiz_js(tmp_path, browser):
    cases = grading_table.cases()
    assert len(cases) >= 40
    bank = grading_table.case_bank(cases)
    url = _page(tmp_path, bank)
    responses = [{"response": grading_table.as_typed(question, case["response"])} for question, case in zip(bank.questions, cases)]
    with _learner(browser) as page:
        page.goto(url)
        results = page.evaluate(_RUN_CASES, responses)
    wrong = []
    for case, (correct, text) in zip(cases, results):
        expected = case.get("feedback_contains")
        if correct != case["correct"] or (expected and _text(expected) not in text):
            wrong.append((case["question"], case["response"], case["correct"], expected, text[:120]))
    assert wrong == [], "\n".join(map(repr, wrong))


# ----- gaming -------------------------------------------------------------------------------------


def test_always_picking_the_first_option_scores_near_chance(tmp_path, browser):
    """Per bank over 8 learners: the always-first score is within sampling noise of chance; over all
    banks it is within 6 points (scripts/quiz_first_option.py prints the table for 20 learners)."""
    from drugresist.quiz import all_banks

    banks = all_banks()
    scores = first_option_scores(browser, banks, range(101, 109), tmp_path)
    for bank in banks:
        assert statistics.fmean(scores[bank.id]) <= chance(bank) + 0.25, (bank.id, scores[bank.id])
    overall = statistics.fmean(v for values in scores.values() for v in values)
    assert overall <= statistics.fmean(chance(b) for b in banks) + 0.06, overall


def test_a_shuffled_quiz_with_new_numbers_has_no_serious_accessibility_violations(tmp_path, browser):
    from axe_playwright_python.sync_playwright import Axe

    from drugresist.quiz import load_bank

    url = _page(tmp_path, load_bank(BANK), load_bank(DATA / "generated_bank.yaml"))
    with _learner(browser) as page:
        page.goto(url)
        page.locator(".drq-new").first.click()
        results = Axe().run(page)
    serious = [(v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []
