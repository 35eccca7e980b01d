"""The shared grading table (tests/data/grading_cases.yaml, and the web branch's draft
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
    """One question per case: the sample bank's question named by id, or the inline mapping."""
    from drugresist.quiz import Question, load_bank
    from drugresist.quiz.bank import NumericFeedback, QuizBank

    sample = load_bank(DATA / "sample_bank.yaml")
    questions = []
    for number, case in enumerate(cases):
        spec = case["question"]
        if isinstance(spec, str):
            question = sample.question(spec)
        else:
            feedback = spec.get("feedback", {})
            question = Question(
                id="x", type=spec.get("type", "numeric"), prompt=spec.get("prompt", "A case."),
                explanation=spec.get("explanation", "Explained."), answer=float(spec["answer"]),
                tolerance=float(spec.get("tolerance", 0)), unit=spec.get("unit", ""),
                feedback=NumericFeedback(feedback.get("correct", "Right."), feedback.get("too_low", "Too low."),
                                         feedback.get("too_high", "Too high.")),
            )
            if spec.get("relative_tolerance"):
                question = dataclasses.replace(question, relative_tolerance=float(spec["relative_tolerance"]))
        questions.append(dataclasses.replace(question, id=f"case-{number}"))
    return QuizBank(id="grading_cases", title="Grading cases", questions=tuple(questions))


def as_typed(question, response):
    """What the page is given: a choice question's identities as a list, a numeric answer as text."""
    if question.type == "numeric":
        return "" if response is None else str(response)
    if response is None or response == "":
        return []
    return [int(i) for i in response] if isinstance(response, list) else [int(response)]
