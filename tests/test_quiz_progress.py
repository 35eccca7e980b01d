"""Saved quiz progress: the question fingerprint that decides when a saved answer is forgotten, and
the data the "My progress" page is built from. The browser side is in test_browser_progress.py."""

from __future__ import annotations

import dataclasses
import json
import re

from drugresist.quiz import all_banks, load_bank, markup, to_html
from drugresist.quiz.progress import progress_data, progress_html, show_progress
from drugresist.quiz.render import question_hash


def _first(bank_id: str, kind: str):
    return next(q for q in load_bank(bank_id).questions if q.type == kind)


def test_hash_is_stable_and_short():
    question = _first("target_alteration", "single")
    assert question_hash(question) == question_hash(dataclasses.replace(question))
    assert re.fullmatch(r"[0-9a-f]{16}", question_hash(question))


def test_hash_changes_with_what_a_student_answers():
    single = _first("target_alteration", "single")
    base = question_hash(single)
    assert question_hash(dataclasses.replace(single, prompt=single.prompt + " Why?")) != base
    flipped = tuple(dataclasses.replace(o, correct=not o.correct) for o in single.options)
    assert question_hash(dataclasses.replace(single, options=flipped)) != base
    reworded = (dataclasses.replace(single.options[0], text=single.options[0].text + "!"), *single.options[1:])
    assert question_hash(dataclasses.replace(single, options=reworded)) != base
    numeric = next(q for bank in all_banks() for q in bank.questions  # a fixed-number numeric question
                   if q.type == "numeric" and q.answer is not None)
    assert question_hash(dataclasses.replace(numeric, answer=numeric.answer + 1)) != question_hash(numeric)
    assert question_hash(dataclasses.replace(numeric, tolerance=numeric.tolerance + 1)) != question_hash(numeric)


def test_hash_ignores_feedback_and_explanation():
    single = _first("target_alteration", "single")
    edited = dataclasses.replace(
        single,
        explanation=single.explanation + " More.",
        options=tuple(dataclasses.replace(o, feedback=o.feedback + " More.") for o in single.options),
        cite=(),
    )
    assert question_hash(edited) == question_hash(single)


def test_every_question_in_a_bank_has_a_distinct_hash_in_the_static_quiz():
    for bank in all_banks():
        page = to_html(bank)
        data = json.loads(re.search(r'class="drq-data">(.*?)</script>', page).group(1))
        hashes = [q["hash"] for q in data["questions"]]
        assert hashes == [question_hash(q) for q in bank.questions], bank.id
        assert len(set(hashes)) == len(hashes), bank.id


def test_progress_page_lists_every_bank_with_its_questions_and_link():
    from conftest import ROOT, toc_files

    banks = {bank.id: bank for bank in all_banks()}
    data = progress_data(list(banks.values()))
    in_toc_order = [name.split("/")[-1] for name in toc_files() if name.split("/")[-1] in banks]
    assert [b["bank"] for b in data["banks"]] == in_toc_order
    for entry in data["banks"]:
        bank = banks[entry["bank"]]
        assert entry["href"] == f"{bank.id}.html"
        heading = next(line for line in (ROOT / "book" / f"{bank.id}.md").read_text(encoding="utf-8").splitlines()
                       if line.startswith("# "))
        assert entry["title"] == heading[2:].strip()
        assert [q["id"] for q in entry["questions"]] == [q.id for q in bank.questions]
    page = progress_html(list(banks.values()))
    assert "<script src" not in page and "http" not in page.split("<script>")[0]


def test_progress_without_book_sources_falls_back_to_bank_titles(tmp_path):
    from drugresist.quiz.progress import chapter_order_and_titles

    assert chapter_order_and_titles(tmp_path) == {}
    bank = all_banks()[0]
    assert progress_data([bank], titles={})["banks"][0]["title"] == markup.to_plain(bank.title)


def test_progress_displays_in_all_three_media():
    bundle = show_progress()._repr_mimebundle_()
    assert "drq-progress" in bundle["text/html"]
    assert "browser" in bundle["text/plain"]
    latex = next(v for k, v in bundle.items() if "latex" in k)
    assert "<" not in latex and "browser" in latex
