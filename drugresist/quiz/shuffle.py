"""Option orders: shuffled per learner or session on screen, one balanced order in print.

An option's identity is its 0-based position in the YAML bank; an order is a list of identities
(the first is shown as A). ``fixed_order: true`` questions always show bank order.
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from typing import Any

#: No letter may key more than this share of a chapter's single-choice questions in print.
MAX_LETTER_SHARE = 0.4


def _rng(*parts: Any) -> random.Random:
    digest = hashlib.sha256("/".join(str(p) for p in parts).encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def display_order(question: Any, seed: int) -> list[int]:
    """A shuffled permutation of the option identities for a learner or session ``seed``
    (the identity order for ``fixed_order`` questions and numeric questions)."""
    order = list(range(len(question.options)))
    if not question.fixed_order and len(order) > 1:
        _rng("display", seed, question.id).shuffle(order)
    return order


def _order_with_key_at(question: Any, position: int, rng: random.Random) -> list[int]:
    (key,) = question.correct_indices
    others = [i for i in range(len(question.options)) if i != key]
    rng.shuffle(others)
    return others[:position] + [key] + others[position:]


def print_orders(bank: Any) -> dict[str, list[int]]:
    """The one deterministic option order per question that handouts, answer keys and exports use.

    Multiple-choice questions get a seeded shuffle. Single-choice questions are placed so that
    the keyed letters are as even as possible: the most constrained questions (fewest options)
    first, each key going to the least-used letter it can take (ties broken by a seed from the
    bank and question id); ``fixed_order`` questions keep bank order and count as they fall.
    With at least three options per question no letter keys more than 40 % of a chapter's
    single-choice questions (a chapter of two-option questions cannot do better than 50 %).
    """
    orders: dict[str, list[int]] = {}
    counts: Counter[int] = Counter()
    singles = []
    for question in bank.questions:
        identity = list(range(len(question.options)))
        if question.type == "numeric" or question.fixed_order:
            orders[question.id] = identity
            if question.type == "single":
                counts[min(question.correct_indices)] += 1
        elif question.type == "multiple":
            _rng("print", bank.id, question.id).shuffle(identity)
            orders[question.id] = identity
        else:
            singles.append(question)
    for question in sorted(singles, key=lambda q: len(q.options)):
        rng = _rng("print", bank.id, question.id)
        positions = list(range(len(question.options)))
        rng.shuffle(positions)
        position = min(positions, key=lambda p: counts[p])  # least used; ties: the seeded shuffle
        counts[position] += 1
        orders[question.id] = _order_with_key_at(question, position, rng)
    return {question.id: orders[question.id] for question in bank.questions}


def keyed_letters(bank: Any, orders: dict[str, list[int]] | None = None) -> dict[str, str]:
    """The printed answer letters of each choice question (e.g. ``"B"`` or ``"A, D"``)."""
    orders = print_orders(bank) if orders is None else orders
    letters = {}
    for question in bank.questions:
        if question.type == "numeric":
            continue
        order = orders[question.id]
        letters[question.id] = ", ".join(sorted("ABCDEFGHIJKLMNOPQRSTUVWXYZ"[order.index(i)]
                                                for i in question.correct_indices))
    return letters
