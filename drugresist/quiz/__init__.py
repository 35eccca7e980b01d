"""Quizzes from YAML question banks, shown in three media.

``show_quiz("target_alteration")`` returns a :class:`Quiz` whose display is a live ipywidgets
quiz in a kernel, a self-contained HTML+JS quiz in the static book and numbered questions with
boxes in print.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from drugresist.quiz.bank import (
    Grade,
    Option,
    Question,
    QuizBank,
    QuizBankError,
    all_banks,
    bank_ids,
    draw_variant,
    grade,
    is_within,
    load_bank,
    parse_bank,
    parse_number,
    variants,
)
from drugresist.quiz.render import to_html, to_latex, to_plain
from drugresist.quiz.shuffle import display_order, print_orders

#: The MIME type that carries the print (LaTeX) form; the book's Sphinx plugin renders it raw.
LATEX_MIME = "application/vnd.drugresist.print+latex"

__all__ = [
    "Grade", "LATEX_MIME", "Option", "Question", "Quiz", "QuizBank", "QuizBankError", "all_banks",
    "bank_ids", "display_order", "draw_variant", "print_orders", "grade", "is_within", "load_bank", "parse_bank", "parse_number", "show_quiz",
    "to_html", "to_latex", "to_plain", "variants",
]


class Quiz:
    """A displayable quiz. Build it with :func:`show_quiz`."""

    def __init__(self, bank: QuizBank, seed: int | None = None) -> None:
        self.bank = bank
        self.seed = seed

    def live(self):
        """A fresh :class:`drugresist.quiz.live.LiveQuiz` (widgets for a kernel; options shuffled
        per kernel session, or by ``seed`` when one was given)."""
        from drugresist.quiz.live import LiveQuiz

        return LiveQuiz(self.bank, seed=self.seed)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle: dict[str, Any] = {
            "text/plain": to_plain(self.bank),
            "text/html": to_html(self.bank),
            LATEX_MIME: to_latex(self.bank),
        }
        try:
            widget_bundle = self.live().widget._repr_mimebundle_(include=include, exclude=exclude)
        except Exception:  # no widget front end: the static forms are still complete
            widget_bundle = None
        if widget_bundle:
            bundle.update({k: v for k, v in widget_bundle.items() if k != "text/plain"})
        return bundle


def show_quiz(name_or_path: str | Path, seed: int | None = None) -> Quiz:
    """The quiz for a bank id (e.g. ``"target_alteration"``) or a path to a YAML bank. The live
    widget shuffles options per kernel session; pass ``seed`` for a reproducible order (tests)."""
    return Quiz(load_bank(name_or_path), seed=seed)
