"""Question banks: loading a chapter's YAML file, validating it, and grading answers.

A bank is a YAML mapping with ``id``, ``title`` and ``questions``; see CONTRIBUTING.md for the
schema. :func:`load_bank` raises :class:`QuizBankError` naming the file, the question id and
every problem found, so a malformed bank never renders half a quiz.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Mapping, Sequence

import yaml

from drugresist.quiz import markup

QuestionType = Literal["single", "multiple", "numeric"]
QUESTION_TYPES: tuple[str, ...] = ("single", "multiple", "numeric")
BANK_DIR = Path(__file__).resolve().parent.parent / "quizbanks"
_ID = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")

_BANK_KEYS = {"id", "title", "questions"}
_COMMON_KEYS = {"id", "type", "prompt", "explanation", "cite"}
_CHOICE_KEYS = _COMMON_KEYS | {"options"}
_NUMERIC_KEYS = _COMMON_KEYS | {"answer", "tolerance", "unit", "feedback"}
_OPTION_KEYS = {"text", "correct", "feedback"}
_NUMERIC_FEEDBACK_KEYS = {"correct", "too_low", "too_high"}


class QuizBankError(ValueError):
    """A question bank is malformed. The message names the file, the question and the problem."""


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class NumericFeedback:
    correct: str
    too_low: str
    too_high: str


@dataclass(frozen=True)
class Question:
    id: str
    type: QuestionType
    prompt: str
    explanation: str
    options: tuple[Option, ...] = ()
    answer: float | None = None
    tolerance: float = 0.0
    unit: str = ""
    feedback: NumericFeedback | None = None
    cite: tuple[str, ...] = ()

    @property
    def correct_indices(self) -> frozenset[int]:
        return frozenset(i for i, option in enumerate(self.options) if option.correct)


@dataclass(frozen=True)
class QuizBank:
    id: str
    title: str
    questions: tuple[Question, ...]
    source: Path | None = None

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)


@dataclass(frozen=True)
class Grade:
    """The result of checking one answer: whether it is right and the feedback to show (quiz markup)."""

    correct: bool
    feedback: tuple[str, ...] = field(default_factory=tuple)


# ----- grading (shared by the live widget; the static HTML's script implements the same rules) --


def _with_explanation(question: Question, result: Grade) -> Grade:
    """Once an answer is right, the question's explanation follows its feedback."""
    if result.correct:
        return Grade(True, (*result.feedback, question.explanation))
    return result


def grade(question: Question, response: Any) -> Grade:
    """Grade a response: an option index (single), a collection of indices (multiple) or a number."""
    if question.type == "single":
        if response is None:
            return Grade(False, ("Choose an option first.",))
        option = question.options[int(response)]
        return _with_explanation(question, Grade(option.correct, (option.feedback,)))
    if question.type == "multiple":
        chosen = sorted(set(int(i) for i in (response or ())))
        if not chosen:
            return Grade(False, ("Choose at least one option first.",))
        feedback = [question.options[i].feedback for i in chosen]
        missed = len(question.correct_indices - set(chosen))
        if missed:
            feedback.append(f"You missed {missed} correct option{'s' if missed > 1 else ''}.")
        return _with_explanation(question, Grade(set(chosen) == question.correct_indices, tuple(feedback)))
    assert question.feedback is not None and question.answer is not None
    try:
        value = float(response)
    except (TypeError, ValueError):
        return Grade(False, ("Enter a number first.",))
    if not math.isfinite(value):
        return Grade(False, ("Enter a number first.",))
    if abs(value - question.answer) <= question.tolerance:
        return _with_explanation(question, Grade(True, (question.feedback.correct,)))
    return Grade(False, (question.feedback.too_low if value < question.answer else question.feedback.too_high,))


# ----- loading and validation -------------------------------------------------------------------


class _Problems:
    def __init__(self, source: str) -> None:
        self.source = source
        self.items: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.items.append(f"{where}: {message}")

    def raise_if_any(self) -> None:
        if self.items:
            lines = "\n  - ".join(self.items)
            raise QuizBankError(f"Malformed quiz bank {self.source}:\n  - {lines}")


def _text(problems: _Problems, where: str, mapping: Mapping[str, Any], key: str) -> str:
    """A required text field; numbers are accepted as text, booleans and empties are not."""
    if key not in mapping or mapping[key] is None:
        problems.add(where, f"missing '{key}'")
        return ""
    value = mapping[key]
    if isinstance(value, bool):
        problems.add(where, f"'{key}' must be text, got {value!r} (put the text in quotes)")
        return ""
    if isinstance(value, (int, float)):
        value = str(value)
    if not isinstance(value, str):
        problems.add(where, f"'{key}' must be text, got {type(value).__name__}")
        return ""
    if not value.strip():
        problems.add(where, f"'{key}' is empty")
        return ""
    try:
        markup.parse(value)
    except markup.MarkupError as error:
        problems.add(where, f"'{key}': {error}")
    return value.strip()


def _number(problems: _Problems, where: str, mapping: Mapping[str, Any], key: str, required: bool = True) -> float | None:
    if key not in mapping:
        if required:
            problems.add(where, f"missing '{key}'")
        return None
    value = mapping[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        problems.add(where, f"'{key}' must be a finite number, got {value!r}")
        return None
    return float(value)


def _unknown_keys(problems: _Problems, where: str, mapping: Mapping[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(mapping) - allowed)
    if unknown:
        problems.add(where, f"unknown field(s) {unknown}; allowed: {sorted(allowed)}")


def _options(problems: _Problems, where: str, raw: Mapping[str, Any], qtype: str) -> tuple[Option, ...]:
    options_raw = raw.get("options")
    if not isinstance(options_raw, list) or len(options_raw) < 2:
        problems.add(where, "'options' must be a list of at least 2 options")
        return ()
    options = []
    for number, option_raw in enumerate(options_raw, start=1):
        owhere = f"{where}, option {number}"
        if not isinstance(option_raw, Mapping):
            problems.add(owhere, "must be a mapping with text, correct and feedback")
            continue
        _unknown_keys(problems, owhere, option_raw, _OPTION_KEYS)
        text = _text(problems, owhere, option_raw, "text")
        feedback = _text(problems, owhere, option_raw, "feedback")
        correct = option_raw.get("correct")
        if not isinstance(correct, bool):
            problems.add(owhere, f"'correct' must be true or false, got {correct!r}")
            correct = False
        options.append(Option(text, correct, feedback))
    n_correct = sum(option.correct for option in options)
    if qtype == "single" and n_correct != 1:
        problems.add(where, f"a single-choice question needs exactly one correct option, found {n_correct}")
    if qtype == "multiple" and n_correct < 1:
        problems.add(where, "a multiple-choice question needs at least one correct option, found 0")
    texts = [option.text for option in options]
    if len(set(texts)) != len(texts):
        problems.add(where, "two options have the same text")
    return tuple(options)


def _numeric_feedback(problems: _Problems, where: str, raw: Mapping[str, Any]) -> NumericFeedback | None:
    feedback_raw = raw.get("feedback")
    if not isinstance(feedback_raw, Mapping):
        problems.add(where, "numeric questions need 'feedback' with correct, too_low and too_high")
        return None
    _unknown_keys(problems, f"{where}, feedback", feedback_raw, _NUMERIC_FEEDBACK_KEYS)
    texts = {key: _text(problems, f"{where}, feedback", feedback_raw, key) for key in sorted(_NUMERIC_FEEDBACK_KEYS)}
    return NumericFeedback(**texts)


def _question(problems: _Problems, index: int, raw: Any, seen: set[str]) -> Question | None:
    if not isinstance(raw, Mapping):
        problems.add(f"question {index}", "must be a mapping")
        return None
    qid = raw.get("id")
    where = f"question '{qid}'" if isinstance(qid, str) else f"question {index}"
    if not isinstance(qid, str) or not _ID.match(qid):
        problems.add(where, f"'id' must be lowercase letters, digits and dashes, got {qid!r}")
    elif qid in seen:
        problems.add(where, "duplicate question id")
    else:
        seen.add(qid)
    qtype = raw.get("type")
    if qtype not in QUESTION_TYPES:
        problems.add(where, f"'type' must be one of {list(QUESTION_TYPES)}, got {qtype!r}")
        return None
    _unknown_keys(problems, where, raw, _NUMERIC_KEYS if qtype == "numeric" else _CHOICE_KEYS)
    prompt = _text(problems, where, raw, "prompt")
    explanation = _text(problems, where, raw, "explanation")
    cite_raw = raw.get("cite", [])
    if isinstance(cite_raw, str):
        cite_raw = [cite_raw]
    if not isinstance(cite_raw, list) or not all(isinstance(k, str) and k.strip() for k in cite_raw):
        problems.add(where, f"'cite' must be a list of bibliography keys, got {cite_raw!r}")
        cite_raw = []
    cite = tuple(k.strip() for k in cite_raw)
    if qtype == "numeric":
        answer = _number(problems, where, raw, "answer")
        tolerance = _number(problems, where, raw, "tolerance", required=False)
        if tolerance is not None and tolerance < 0:
            problems.add(where, f"'tolerance' must be zero or positive, got {tolerance:g}")
        unit = raw.get("unit", "")
        if not isinstance(unit, str):
            problems.add(where, f"'unit' must be text, got {unit!r}")
            unit = ""
        feedback = _numeric_feedback(problems, where, raw)
        return Question(
            id=str(qid), type="numeric", prompt=prompt, explanation=explanation, answer=answer,
            tolerance=tolerance or 0.0, unit=unit, feedback=feedback, cite=cite,
        )
    options = _options(problems, where, raw, qtype)
    return Question(id=str(qid), type=qtype, prompt=prompt, explanation=explanation, options=options, cite=cite)


def parse_bank(data: Any, source: str, expected_id: str | None = None) -> QuizBank:
    """Validate already-parsed YAML ``data``; ``source`` names it in error messages."""
    problems = _Problems(source)
    if not isinstance(data, Mapping):
        problems.add("bank", "the file must be a mapping with id, title and questions")
        problems.raise_if_any()
    _unknown_keys(problems, "bank", data, _BANK_KEYS)
    bank_id = data.get("id")
    if not isinstance(bank_id, str) or not _ID.match(bank_id):
        problems.add("bank", f"'id' must be lowercase letters, digits, dashes or underscores, got {bank_id!r}")
    elif expected_id is not None and bank_id != expected_id:
        problems.add("bank", f"'id' is {bank_id!r} but the file is named {expected_id!r}.yaml")
    title = _text(problems, "bank", data, "title")
    questions_raw = data.get("questions")
    questions: list[Question] = []
    if not isinstance(questions_raw, list) or not questions_raw:
        problems.add("bank", "'questions' must be a non-empty list")
    else:
        seen: set[str] = set()
        for index, raw in enumerate(questions_raw, start=1):
            question = _question(problems, index, raw, seen)
            if question is not None:
                questions.append(question)
    problems.raise_if_any()
    return QuizBank(id=str(bank_id), title=title, questions=tuple(questions), source=Path(source))


def bank_path(name_or_path: str | Path) -> Path:
    """Resolve a bank id (``"target_alteration"``) or a path to the YAML file's path."""
    path = Path(name_or_path)
    if path.suffix in {".yaml", ".yml"}:
        return path
    return BANK_DIR / f"{name_or_path}.yaml"


def load_bank(name_or_path: str | Path) -> QuizBank:
    """Load and validate a bank by id or path. Raises :class:`QuizBankError` on any problem."""
    path = bank_path(name_or_path)
    if not path.is_file():
        available = sorted(p.stem for p in BANK_DIR.glob("*.yaml"))
        raise QuizBankError(f"Quiz bank {path} does not exist; available banks: {available}")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise QuizBankError(f"Malformed quiz bank {path}: not valid YAML: {error}") from error
    return parse_bank(data, str(path), expected_id=path.stem)


def all_banks() -> list[QuizBank]:
    """Every bank shipped with the package, sorted by id."""
    return [load_bank(path) for path in sorted(BANK_DIR.glob("*.yaml"))]


def bank_ids() -> Sequence[str]:
    return sorted(p.stem for p in BANK_DIR.glob("*.yaml"))
