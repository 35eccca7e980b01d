"""Generated numeric questions: parameters drawn from lists or ranges, answers computed by the
course's own model functions, and templates (``{{name}}`` or ``{{name:.1f}}``) filled with them.

A question with a :class:`Generator` is abstract: :func:`variants` turns it into the build's fixed
set of concrete variants (seeded by bank id + question id, so every build, handout, answer key and
export agrees; variant 0 is the printed one), :func:`draw_variant` into a fresh one (the notebook's
"New numbers"). A concrete variant is an ordinary numeric question (``generator`` is None).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib
import itertools
import math
import random
import re
from dataclasses import dataclass
from typing import Any, Callable

#: ``{{name}}`` or ``{{name:format-spec}}``; the spec is Python's (e.g. ``.1f``, ``.3g``, ``,``).
TEMPLATE = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?::([^{}]*?))?\s*\}\}")
#: The format of a value whose template gives no spec: up to 12 significant digits, no trailing zeros.
DEFAULT_FORMAT = ".12g"
#: Draws tried per wanted variant before settling for fewer distinct ones.
_ATTEMPTS_PER_VARIANT = 50


class QuizBankError(ValueError):
    """A question bank is malformed. The message names the file, the question and the problem."""


class VariantError(QuizBankError):
    """A generated question could not be computed (e.g. its model raised ValueError for a draw)."""


@dataclass(frozen=True)
class Parameter:
    name: str
    values: tuple[float, ...]
    unit: str = ""


@dataclass(frozen=True)
class ComputeStep:
    name: str
    function: str  # "module:attribute"
    #: (keyword, reference): a reference is a parameter/earlier compute name (str) or a literal number.
    arguments: tuple[tuple[str, str | float], ...]
    scale: float = 1.0
    round: int | None = None


@dataclass(frozen=True)
class Generator:
    parameters: tuple[Parameter, ...]
    compute: tuple[ComputeStep, ...]
    count: int
    seed: int
    source: str = ""  # "file, question 'id'", for error messages

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.parameters) + tuple(c.name for c in self.compute)

    def combinations(self) -> int:
        return math.prod(len(p.values) for p in self.parameters)


def seed_for(bank_id: str, question_id: str) -> int:
    """The deterministic seed of a generated question's variants."""
    digest = hashlib.sha256(f"{bank_id}/{question_id}".encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")


def template_names(text: str) -> list[tuple[str, str | None]]:
    """The ``(name, spec)`` of every template in ``text``."""
    return [(m.group(1), m.group(2)) for m in TEMPLATE.finditer(text)]


def format_spec_problem(spec: str | None) -> str | None:
    """Why a format spec cannot format a number, or None if it can."""
    if not spec:
        return None
    try:
        format(1.5, spec)
    except (ValueError, TypeError) as error:
        return f"format '{spec}' cannot format a number ({error})"
    return None


def format_value(value: float, spec: str | None = None) -> str:
    if isinstance(value, float) and value.is_integer() and not spec:
        value = int(value)
    return format(value, spec or DEFAULT_FORMAT)


def fill(text: str, values: dict[str, float]) -> str:
    """Replace every template in ``text`` by its formatted value."""
    return TEMPLATE.sub(lambda m: format_value(values[m.group(1)], m.group(2)), text)


@functools.lru_cache(maxsize=None)
def resolve(function: str) -> Callable[..., Any]:
    """The callable named ``module:attribute`` (raises ImportError/AttributeError/ValueError)."""
    module_name, _, attribute = function.partition(":")
    if not module_name or not attribute:
        raise ValueError(f"'{function}' must be written module:function")
    target: Any = importlib.import_module(module_name)
    for part in attribute.split("."):
        target = getattr(target, part)
    if not callable(target):
        raise ValueError(f"'{function}' is not a function")
    return target


def _scalar(result: Any) -> float:
    try:
        import numpy as np

        array = np.asarray(result, dtype=float)
        if array.size != 1:
            raise ValueError(f"returned {array.size} values, not one number")
        value = float(array.reshape(()))
    except TypeError as error:
        raise ValueError(f"returned {result!r}, not a number") from error
    if not math.isfinite(value):
        raise ValueError(f"returned {value}, not a finite number")
    return value


def compute_values(generator: Generator, drawn: dict[str, float]) -> dict[str, float]:
    """The drawn parameters plus every compute entry, in order. A model's ValueError propagates."""
    values = dict(drawn)
    for step in generator.compute:
        kwargs = {key: values[ref] if isinstance(ref, str) else ref for key, ref in step.arguments}
        result = _scalar(resolve(step.function)(**kwargs)) * step.scale
        if step.round is not None:
            result = round(result, step.round)
            if step.round <= 0:
                result = float(int(result))
        values[step.name] = result
    return values


def _concrete(question: Any, values: dict[str, float]) -> Any:
    feedback = question.feedback
    if feedback is not None:
        feedback = dataclasses.replace(
            feedback, correct=fill(feedback.correct, values), too_low=fill(feedback.too_low, values),
            too_high=fill(feedback.too_high, values),
        )
    return dataclasses.replace(
        question, prompt=fill(question.prompt, values), explanation=fill(question.explanation, values),
        feedback=feedback, answer=values["answer"], generator=None, values=tuple(values.items()),
    )


def _draw(generator: Generator, rng: random.Random) -> tuple[float, ...]:
    return tuple(rng.choice(p.values) for p in generator.parameters)


def _build(question: Any, combo: tuple[float, ...], index: int | None) -> Any:
    generator: Generator = question.generator
    drawn = {p.name: v for p, v in zip(generator.parameters, combo)}
    try:
        values = compute_values(generator, drawn)
    except (ValueError, ArithmeticError, TypeError) as error:
        shown = ", ".join(f"{k}={format_value(v)}" for k, v in drawn.items())
        which = f"variant {index}" if index is not None else "a drawn variant"
        raise VariantError(f"{generator.source}: {which} ({shown}) cannot be computed: "
                           f"{type(error).__name__}: {error}") from error
    return _concrete(question, values)


@functools.lru_cache(maxsize=None)
def _variants(question: Any) -> tuple[Any, ...]:
    generator: Generator = question.generator
    rng = random.Random(generator.seed)
    if generator.combinations() <= generator.count:
        combos = list(itertools.product(*(p.values for p in generator.parameters)))
        rng.shuffle(combos)
    else:
        combos, seen = [], set()
        for _ in range(generator.count * _ATTEMPTS_PER_VARIANT):
            combo = _draw(generator, rng)
            if combo not in seen:
                seen.add(combo)
                combos.append(combo)
                if len(combos) == generator.count:
                    break
    return tuple(_build(question, combo, index) for index, combo in enumerate(combos))


def variants(question: Any) -> tuple[Any, ...]:
    """The build's fixed set of concrete variants of a question (``(question,)`` if not generated).

    Deterministic: seeded by bank id + question id; distinct parameter draws; ``count`` of them
    (fewer only if the parameters allow fewer combinations). Variant 0 is the printed one.
    Raises :class:`VariantError` naming the file, question, variant and values if a model raises.
    """
    if getattr(question, "generator", None) is None:
        return (question,)
    return _variants(question)


def draw_variant(question: Any, rng: random.Random) -> Any:
    """A fresh concrete variant drawn with ``rng`` (the question itself if it is not generated)."""
    if getattr(question, "generator", None) is None:
        return question
    return _build(question, _draw(question.generator, rng), None)
