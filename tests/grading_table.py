"""The shared grading table (tests/data/grading_cases.yaml, plus the web branch's extra cases in
grading_cases_web.yaml) as a bank with one question per case, for bank.grade and for quiz.js."""

from __future__ import annotations

import dataclasses

import yaml

from conftest import DATA


def cases() -> list[dict]:
    cases = []
    for name in ("grading_cases.yaml", "grading_cases_web.yaml"):
        if (DATA / name).is_file():
            cases += yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    return cases


def case_bank(cases):
    """One question per case (a bank question mapping, read by the bank's own loader), ids made unique."""
    from drugresist.quiz import parse_bank
    from drugresist.quiz.bank import QuizBank

    questions = []
    for number, case in enumerate(cases):
        question = parse_bank({"id": "cases", "title": "Cases", "questions": [case["question"]]}, "grading cases").questions[0]
        questions.append(dataclasses.replace(question, id=f"case-{number}"))
    return QuizBank(id="grading_cases", title="Grading cases", questions=tuple(questions))


def as_typed(question, response):
    """What the page is given: a choice question's identities as a list, a numeric answer as text."""
    if question.type == "numeric":
        return "" if response is None else str(response)
    if response is None or response == "":
        return []
    return [int(i) for i in response] if isinstance(response, list) else [int(response)]
