"""Question banks: loading a chapter's YAML file, validating it, and grading answers.

A bank is a YAML mapping with ``id``, ``title`` and ``questions``; see CONTRIBUTING.md for the
schema (v2: objectives, level, fixed_order, relative tolerance and generated numeric questions).
:func:`load_bank` raises :class:`QuizBankError` naming the file, the question id and every
problem found, so a malformed bank never renders half a quiz.

A generated numeric question (``parameters`` + ``compute``) has ``generator`` set and no
``answer``; :func:`variants` gives the build's fixed, seeded set of concrete variants and
:func:`draw_variant` fresh ones (see :mod:`drugresist.quiz.generate`).
"""

from __future__ import annotations

import inspect
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Mapping, Sequence

import yaml

from drugresist.quiz import markup
from drugresist.quiz.generate import (
    ComputeStep,
    Generator,
    Parameter,
    QuizBankError,
    VariantError,
    draw_variant,
    format_spec_problem,
    resolve,
    seed_for,
    template_names,
    variants,
)

QuestionType = Literal["single", "multiple", "numeric"]
QUESTION_TYPES: tuple[str, ...] = ("single", "multiple", "numeric")
BANK_DIR = Path(__file__).resolve().parent.parent / "quizbanks"
_ID = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")

_BANK_KEYS = {"id", "title", "questions"}
LEVELS: tuple[str, ...] = ("recall", "understanding", "application", "analysis")
DEFAULT_VARIANTS = 20
_COMMON_KEYS = {"id", "type", "prompt", "explanation", "cite", "objectives", "level"}
_CHOICE_KEYS = _COMMON_KEYS | {"options", "fixed_order"}
_NUMERIC_KEYS = _COMMON_KEYS | {"answer", "tolerance", "relative_tolerance", "unit", "feedback",
                                "parameters", "compute", "variants"}
_PARAMETER_KEYS = {"values", "range", "step", "unit"}
_COMPUTE_KEYS = {"function", "arguments", "scale", "round"}
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
#: Modules a generated question may call: the course's own code only.
FUNCTION_PREFIX = "drugresist."
_OPTION_KEYS = {"text", "correct", "feedback"}
_NUMERIC_FEEDBACK_KEYS = {"correct", "too_low", "too_high"}




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
    objectives: tuple[int, ...] = ()
    level: str | None = None
    fixed_order: bool = False
    relative_tolerance: float = 0.0
    generator: Generator | None = None
    #: In a concrete variant of a generated question: the drawn parameters and computed values, in order.
    values: tuple[tuple[str, float], ...] = ()

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


# ----- grading (THE rule: quiz.js ports it; tests/data/grading_cases.yaml is run against both) ---

#: Feedback for an empty numeric answer.
BLANK_NUMBER = "Enter a number first."
#: Feedback for a numeric answer that :func:`parse_number` cannot read.
UNREADABLE_NUMBER = "Type a plain number with digits, e.g. 12.5, 0,4 or 1 000 (no units or letters)."
#: Feedback for a choice question checked with nothing chosen.
CHOOSE_ONE = "Choose an option first."
CHOOSE_SOME = "Choose at least one option first."

# Spaces accepted around a typed number and between thousands groups: space, no-break space,
# thin space, narrow no-break space.
_SPACES = " \u00a0\u2009\u202f"
_EXPONENT = r"([eE][+-]?[0-9]+)?$"
# Tried in order; the first that matches the whole text decides. Only ASCII digits 0-9.
_NUMBER_FORMS = (
    # 1,000 and 12,345,678.5: comma thousands groups (first group 1-3 digits, not starting with 0), dot decimals
    (re.compile(r"([1-9][0-9]{0,2}(?:,[0-9]{3})+)(\.[0-9]+)?" + _EXPONENT), ","),
    # 1 000 and 1 000,5 / 1 000.5: space thousands groups, either decimal mark
    (re.compile(r"([1-9][0-9]{0,2}(?: [0-9]{3})+)([.,][0-9]+)?" + _EXPONENT), " "),
    # 0.4, 0,4, 12, 12., .5, 1e-3: no grouping, either decimal mark
    (re.compile(r"([0-9]+)([.,][0-9]*)?" + _EXPONENT), ""),
    (re.compile(r"()([.,][0-9]+)" + _EXPONENT), ""),
)


def parse_number(text: Any) -> float | None:
    """Read a typed number, or None if it is blank or not a plain finite number.

    The rule (CONTRIBUTING.md "Grading numeric answers"; quiz.js implements the same):
    surrounding spaces are ignored; one leading ``+``, ``-`` or ``−`` (U+2212) sign; ASCII digits;
    the decimal mark is ``.`` or ``,``; thousands may be grouped by ``,`` (then ``.`` is the decimal
    mark; "1,000" is one thousand, "0,4" and "1,5" are decimals) or by spaces (space, U+00A0,
    U+2009, U+202F); an exponent ``e3``/``E-3`` is allowed. Anything else (units, letters, ``0x10``,
    ``inf``, ``nan``, two signs, an overflow to infinity) is not a number. A number (int/float, not
    bool) is taken as it is if finite.
    """
    if isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        return float(text) if math.isfinite(text) else None
    if not isinstance(text, str):
        return None
    body = text.strip(_SPACES + "\t\n\r")
    if not body:
        return None
    sign = ""
    if body[0] in "+-\u2212":
        sign = "-" if body[0] != "+" else ""
        body = body[1:]
    for space in _SPACES[1:]:
        body = body.replace(space, " ")
    for pattern, group_separator in _NUMBER_FORMS:
        match = pattern.match(body)
        if match:
            whole, fraction, exponent = match.group(1), match.group(2) or "", match.group(3) or ""
            if group_separator:
                whole = whole.replace(group_separator, "")
            fraction = fraction.replace(",", ".")
            if fraction == ".":
                fraction = ""
            value = float(f"{sign}{whole or '0'}{fraction}{exponent}")
            return value if math.isfinite(value) else None
    return None


def accepted_error(question: Question) -> float:
    """The largest accepted distance from the answer (before floating-point slack)."""
    assert question.answer is not None
    return max(question.tolerance, question.relative_tolerance * abs(question.answer))


_PLURAL_WORD_UNIT = re.compile(r"[a-z]+(?: [a-z]+)*[^s]s")


def unit_spellings(unit: str) -> tuple[str, ...]:
    """The spellings of a question's unit a typed answer may end with: the unit itself and, for a
    plural unit made of lower-case words ("days", "stem cells"), its singular ("day", "stem cell").
    Symbols ("µm²/s", "nM") are never changed: their case and letters carry meaning."""
    return (unit, unit[:-1]) if _PLURAL_WORD_UNIT.fullmatch(unit) else (unit,)


def without_unit(text: Any, unit: str) -> Any:
    """The typed text without one trailing copy of the question's own unit, so that "53 %" reads as
    53 when the unit is "%" and "5 days" or "1 day" as 5 or 1 when it is "days" (a spelling from
    :func:`unit_spellings`, spaces before it allowed; any other unit or text stays and makes the
    answer unreadable). Non-text is returned as is."""
    if not unit or not isinstance(text, str):
        return text
    body = text.strip(_SPACES + "\t\n\r")
    for spelling in unit_spellings(unit):
        if body.endswith(spelling) and len(body) > len(spelling):
            return body[: -len(spelling)].rstrip(_SPACES)
    return text


def is_within(question: Question, value: float) -> bool:
    """Inclusive tolerance with floating-point slack: ``|value - answer| <= max(tolerance,
    relative_tolerance*|answer|) * (1 + 1e-9) + 1e-12``."""
    assert question.answer is not None
    return abs(value - question.answer) <= accepted_error(question) * (1 + 1e-9) + 1e-12


def _with_explanation(question: Question, result: Grade) -> Grade:
    """Once an answer is right, the question's explanation follows its feedback."""
    if result.correct:
        return Grade(True, (*result.feedback, question.explanation))
    return result


def grade(question: Question, response: Any) -> Grade:
    """Grade a response: an option identity (single; its 0-based position in the YAML), a
    collection of identities (multiple), or a number or typed text (numeric, read by
    :func:`parse_number` after :func:`without_unit`). A generated question is graded as its variant 0."""
    if question.generator is not None:
        question = variants(question)[0]
    if question.type == "single":
        if response is None or (isinstance(response, str) and not response.strip()):
            return Grade(False, (CHOOSE_ONE,))
        option = question.options[int(response)]
        return _with_explanation(question, Grade(option.correct, (option.feedback,)))
    if question.type == "multiple":
        chosen = sorted(set(int(i) for i in (response or ())))
        if not chosen:
            return Grade(False, (CHOOSE_SOME,))
        feedback = [question.options[i].feedback for i in chosen]
        missed = len(question.correct_indices - set(chosen))
        if missed:
            feedback.append(f"You missed {missed} correct option{'s' if missed > 1 else ''}.")
        return _with_explanation(question, Grade(set(chosen) == question.correct_indices, tuple(feedback)))
    assert question.feedback is not None and question.answer is not None
    if response is None or (isinstance(response, str) and not response.strip(_SPACES + "\t\n\r")):
        return Grade(False, (BLANK_NUMBER,))
    value = parse_number(without_unit(response, question.unit))
    if value is None:
        return Grade(False, (UNREADABLE_NUMBER,))
    if is_within(question, value):
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


def _objectives_and_level(problems: _Problems, where: str, raw: Mapping[str, Any]) -> tuple[tuple[int, ...], str | None]:
    """``objectives`` and ``level``: optional in the loader (the check reports them missing)."""
    objectives: tuple[int, ...] = ()
    if "objectives" in raw:
        value = raw["objectives"]
        if isinstance(value, int) and not isinstance(value, bool):
            value = [value]
        if (not isinstance(value, list) or not value
                or not all(isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in value)):
            problems.add(where, f"'objectives' must be a list of objective numbers (1, 2, ...), got {value!r}")
        else:
            objectives = tuple(value)
    level = raw.get("level")
    if level is not None and level not in LEVELS:
        problems.add(where, f"'level' must be one of {list(LEVELS)}, got {level!r}")
        level = None
    return objectives, level


def _templates_allowed(problems: _Problems, where: str, fields: Mapping[str, str], names: set[str] | None) -> None:
    """Every ``{{name}}`` in ``fields`` must be known (``names``); none is allowed if ``names`` is None."""
    for key, text in fields.items():
        for name, spec in template_names(text):
            if names is None:
                problems.add(where, f"'{key}' has the template {{{{{name}}}}} but the question has no "
                                    "'parameters' and 'compute' (write the number itself)")
            elif name not in names:
                problems.add(where, f"'{key}': unknown template name {{{{{name}}}}}; known names: {sorted(names)}")
            bad_spec = format_spec_problem(spec)
            if bad_spec:
                problems.add(where, f"'{key}': template {{{{{name}}}}}: {bad_spec}")


def _parameters(problems: _Problems, where: str, raw: Any) -> tuple[Parameter, ...]:
    if not isinstance(raw, Mapping) or not raw:
        problems.add(where, f"'parameters' must be a mapping of names to {{values: [...]}} or "
                            f"{{range: [low, high], step: s}}, got {raw!r}")
        return ()
    parameters = []
    for name, spec in raw.items():
        pwhere = f"{where}, parameter '{name}'"
        if not isinstance(name, str) or not _NAME.match(name):
            problems.add(pwhere, "a parameter name must be letters, digits and _ (not starting with a digit)")
            continue
        if not isinstance(spec, Mapping):
            problems.add(pwhere, "must be a mapping with 'values' or 'range' and 'step'")
            continue
        _unknown_keys(problems, pwhere, spec, _PARAMETER_KEYS)
        unit = spec.get("unit", "")
        if not isinstance(unit, str):
            problems.add(pwhere, f"'unit' must be text, got {unit!r}")
            unit = ""
        values: list[float] = []
        if ("values" in spec) == ("range" in spec):
            problems.add(pwhere, "needs exactly one of 'values' or 'range'")
            continue
        if "values" in spec:
            raw_values = spec["values"]
            if "step" in spec:
                problems.add(pwhere, "'step' goes with 'range', not with 'values'")
            if (not isinstance(raw_values, list) or not raw_values
                    or not all(_finite(v) for v in raw_values)):
                problems.add(pwhere, f"'values' must be a non-empty list of finite numbers, got {raw_values!r}")
                continue
            values = list(raw_values)
            if len(set(values)) != len(values):
                problems.add(pwhere, "'values' lists a value twice")
        else:
            bounds, step = spec["range"], spec.get("step")
            if not isinstance(bounds, list) or len(bounds) != 2 or not all(_finite(v) for v in bounds):
                problems.add(pwhere, f"'range' must be [low, high] (two finite numbers), got {bounds!r}")
                continue
            if not _finite(step) or step <= 0:
                problems.add(pwhere, f"'range' needs a positive 'step', got {step!r}")
                continue
            low, high = bounds
            if high < low:
                problems.add(pwhere, f"'range' must be [low, high] with low <= high, got {bounds!r}")
                continue
            count = math.floor((high - low) / step + 1e-9) + 1
            if count > 100_000:
                problems.add(pwhere, f"'range' with this 'step' gives {count} values; use a larger step")
                continue
            decimals = max(_decimals(low), _decimals(step))
            integral = all(isinstance(v, int) for v in (low, high, step))
            values = [(low + k * step) if integral else round(low + k * step, decimals) for k in range(count)]
        parameters.append(Parameter(name, tuple(values), unit))
    return tuple(parameters)


def _finite(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _decimals(value: float) -> int:
    text = repr(float(value))
    if "e" in text:
        mantissa, exponent = text.split("e")
        return max(0, len(mantissa.split(".")[1].rstrip("0")) - int(exponent))
    return len(text.split(".")[1].rstrip("0"))


def _signature_problem(function: Any, kwargs: Mapping[str, Any]) -> str | None:
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):  # a builtin without a signature: cannot check here
        return None
    accepts_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in signature.parameters.values())
    if not accepts_any:
        named = {name for name, p in signature.parameters.items()
                 if p.kind in (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)}
        unknown = sorted(set(kwargs) - named)
        if unknown:
            return f"does not take the argument(s) {unknown}; it takes {sorted(named)}"
    try:
        signature.bind(**kwargs)
    except TypeError as error:
        return str(error)
    return None


def _compute(problems: _Problems, where: str, raw: Any, parameter_names: set[str]) -> tuple[ComputeStep, ...]:
    if not isinstance(raw, Mapping) or not raw:
        problems.add(where, "'compute' must be a mapping of names (at least 'answer') to "
                            "{function: module:name, arguments: {...}}")
        return ()
    steps = []
    known = set(parameter_names)
    for name, spec in raw.items():
        cwhere = f"{where}, compute '{name}'"
        if not isinstance(name, str) or not _NAME.match(name):
            problems.add(cwhere, "a compute name must be letters, digits and _ (not starting with a digit)")
            continue
        if name in known:
            problems.add(cwhere, "the name is already a parameter or an earlier compute entry")
        if not isinstance(spec, Mapping):
            problems.add(cwhere, "must be a mapping with 'function' and 'arguments'")
            continue
        _unknown_keys(problems, cwhere, spec, _COMPUTE_KEYS)
        function_name = spec.get("function")
        function = None
        if not isinstance(function_name, str) or ":" not in function_name:
            problems.add(cwhere, f"'function' must be written module:function, got {function_name!r}")
        elif not function_name.startswith(FUNCTION_PREFIX):
            problems.add(cwhere, f"'function' must be one of the course's own functions ({FUNCTION_PREFIX}...), "
                                 f"got {function_name!r}")
        else:
            try:
                function = resolve(function_name)
            except ImportError as error:
                problems.add(cwhere, f"the function {function_name} does not exist: cannot import its module ({error})")
            except AttributeError:
                problems.add(cwhere, f"the function {function_name} does not exist in its module")
            except ValueError as error:
                problems.add(cwhere, str(error))
        arguments_raw = spec.get("arguments", {})
        arguments: list[tuple[str, str | float]] = []
        if not isinstance(arguments_raw, Mapping):
            problems.add(cwhere, f"'arguments' must map the function's keyword arguments to parameter "
                                 f"names or numbers, got {arguments_raw!r}")
            arguments_raw = {}
        for keyword, reference in arguments_raw.items():
            if isinstance(reference, str):
                if reference not in known:
                    problems.add(cwhere, f"argument '{keyword}' refers to '{reference}', which is neither a "
                                         f"parameter nor an earlier compute entry (known: {sorted(known)})")
            elif not _finite(reference):
                problems.add(cwhere, f"argument '{keyword}' must be a parameter name or a number, got {reference!r}")
                continue
            arguments.append((str(keyword), reference if isinstance(reference, str) else float(reference)))
        if function is not None:
            problem = _signature_problem(function, dict(arguments))
            if problem:
                problems.add(cwhere, f"the function {function_name} {problem}")
        scale = spec.get("scale", 1)
        if not _finite(scale) or scale == 0:
            problems.add(cwhere, f"'scale' must be a non-zero number, got {scale!r}")
            scale = 1
        rounding = spec.get("round")
        if rounding is not None and (not isinstance(rounding, int) or isinstance(rounding, bool)):
            problems.add(cwhere, f"'round' must be a whole number of decimals, got {rounding!r}")
            rounding = None
        steps.append(ComputeStep(name, str(function_name), tuple(arguments), float(scale), rounding))
        known.add(name)
    if "answer" not in raw:
        problems.add(where, "'compute' must have an 'answer' entry")
    return tuple(steps)


def _generator(problems: _Problems, where: str, raw: Mapping[str, Any], bank_id: str, qid: str) -> Generator | None:
    parameters = _parameters(problems, where, raw.get("parameters"))
    compute = _compute(problems, where, raw.get("compute"), {p.name for p in parameters})
    count = raw.get("variants", DEFAULT_VARIANTS)
    if not isinstance(count, int) or isinstance(count, bool) or not 2 <= count <= 500:
        problems.add(where, f"'variants' must be a whole number from 2 to 500, got {count!r}")
        count = DEFAULT_VARIANTS
    return Generator(parameters, compute, count, seed_for(bank_id, qid), source=f"{problems.source}, {where}")


def _question(problems: _Problems, index: int, raw: Any, seen: set[str], bank_id: str = "") -> Question | None:
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
    objectives, level = _objectives_and_level(problems, where, raw)
    if qtype == "numeric":
        generated = "parameters" in raw or "compute" in raw
        generator = None
        answer = None
        if generated:
            if "answer" in raw:
                problems.add(where, "give either a fixed 'answer' or 'parameters' and 'compute', not both")
            for key in ("parameters", "compute"):
                if key not in raw:
                    problems.add(where, f"a generated question needs '{key}' as well")
            generator = _generator(problems, where, raw, bank_id, str(qid))
        else:
            answer = _number(problems, where, raw, "answer")
            if "variants" in raw:
                problems.add(where, "'variants' needs 'parameters' and 'compute'")
        tolerance = _number(problems, where, raw, "tolerance", required=False)
        if tolerance is not None and tolerance < 0:
            problems.add(where, f"'tolerance' must be zero or positive, got {tolerance:g}")
        relative = _number(problems, where, raw, "relative_tolerance", required=False)
        if relative is not None and not 0 <= relative < 1:
            problems.add(where, f"'relative_tolerance' must be a fraction from 0 to below 1, got {relative:g}")
        unit = raw.get("unit", "")
        if not isinstance(unit, str):
            problems.add(where, f"'unit' must be text, got {unit!r}")
            unit = ""
        feedback = _numeric_feedback(problems, where, raw)
        fields = {"prompt": prompt, "explanation": explanation}
        if feedback is not None:
            fields.update({f"feedback {k}": getattr(feedback, k) for k in sorted(_NUMERIC_FEEDBACK_KEYS)})
        _templates_allowed(problems, where, fields, set(generator.names) if generator is not None else None)
        return Question(
            id=str(qid), type="numeric", prompt=prompt, explanation=explanation, answer=answer,
            tolerance=tolerance or 0.0, unit=unit, feedback=feedback, cite=cite, objectives=objectives,
            level=level, relative_tolerance=relative or 0.0, generator=generator,
        )
    options = _options(problems, where, raw, qtype)
    fixed_order = raw.get("fixed_order", False)
    if not isinstance(fixed_order, bool):
        problems.add(where, f"'fixed_order' must be true or false, got {fixed_order!r}")
        fixed_order = False
    fields = {"prompt": prompt, "explanation": explanation}
    for number, option in enumerate(options, start=1):
        fields.update({f"option {number} text": option.text, f"option {number} feedback": option.feedback})
    _templates_allowed(problems, where, fields, None)
    return Question(id=str(qid), type=qtype, prompt=prompt, explanation=explanation, options=options, cite=cite,
                    objectives=objectives, level=level, fixed_order=fixed_order)


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
            question = _question(problems, index, raw, seen, str(bank_id))
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
