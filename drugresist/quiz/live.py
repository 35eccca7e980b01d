"""The live quiz: ipywidgets with choices, a Check button per question, feedback and a running score.

Options are shown in an order of their own for every kernel session (``seed=None``: a random
session seed made once per kernel) or for a given ``seed`` (tests); a widget's value is always
the option's identity (its position in the YAML), never its position on screen. A generated
numeric question starts at its variant 0 and draws fresh numbers on **New numbers**.
"""

from __future__ import annotations

import random
from typing import Any

import ipywidgets as widgets

from drugresist.quiz import markup
from drugresist.quiz.bank import Grade, Question, QuizBank, draw_variant, grade, variants
from drugresist.quiz.render import instruction, letter
from drugresist.quiz.shuffle import display_order

#: One seed per kernel session, so a re-displayed quiz keeps its order within the session.
SESSION_SEED = random.SystemRandom().randrange(2**32)
#: Draws tried to find numbers that differ from the current ones.
_NEW_NUMBER_TRIES = 20


def feedback_html(result: Grade) -> str:
    """Feedback as HTML; the verdict is spelled out so colour is never the only signal."""
    verdict = "&#10003; Correct." if result.correct else "&#10007; Not quite."
    colour = "#009E73" if result.correct else "#D55E00"
    body = " ".join(markup.to_html(message) for message in result.feedback)
    return (
        f'<div style="border-left:6px solid {colour};padding:0.3em 0.8em;background:#f4f4f4;color:#111">'
        f"<b>{verdict}</b> {body}</div>"
    )


class LiveQuestion:
    """The widgets of one question; ``check()`` grades the current answer and shows feedback."""

    def __init__(self, number: int, question: Question, on_graded, seed: int = 0) -> None:
        self.source = question  # as in the bank (a generated question keeps its generator)
        self.question = variants(question)[0]  # what is shown and graded now
        self.number = number
        self._on_graded = on_graded
        self._rng = random.Random(f"{seed}/{question.id}")
        self.order = display_order(question, seed)
        self.prompt = widgets.HTMLMath(self._prompt_html())
        labels = [f"{letter(position)}. {markup.to_plain(question.options[identity].text)}"
                  for position, identity in enumerate(self.order)]
        layout = widgets.Layout(width="auto")
        self.choice: widgets.RadioButtons | None = None
        self.boxes: list[widgets.Checkbox] = []
        self.number_input: widgets.Text | None = None
        self.new_numbers: widgets.Button | None = None
        if question.type == "single":
            self.choice = widgets.RadioButtons(
                options=[(label, identity) for label, identity in zip(labels, self.order)], value=None, layout=layout)
            answer_widgets: list[widgets.Widget] = [self.choice]
        elif question.type == "multiple":
            self.boxes = [widgets.Checkbox(value=False, description=label, indent=False, layout=layout) for label in labels]
            answer_widgets = list(self.boxes)
        else:
            self.number_input = widgets.Text(placeholder="a number", description=question.unit or "Answer")
            answer_widgets = [self.number_input]
        self.button = widgets.Button(description="Check", button_style="primary", tooltip=f"Check question {number}")
        self.feedback = widgets.HTMLMath("")
        self.last_grade: Grade | None = None
        self.button.on_click(lambda _button: self.check())
        buttons: list[widgets.Widget] = [self.button]
        if question.generator is not None:
            self.new_numbers = widgets.Button(description="New numbers", tooltip=f"New numbers for question {number}")
            self.new_numbers.on_click(lambda _button: self.draw_new_numbers())
            buttons.append(self.new_numbers)
        self.box = widgets.VBox([self.prompt, *answer_widgets, widgets.HBox(buttons), self.feedback])

    def _prompt_html(self) -> str:
        return (f"<b>{self.number}.</b> {markup.to_html(self.question.prompt)} "
                f"<i>({instruction(self.question)})</i>")

    def box_for(self, identity: int) -> widgets.Checkbox:
        """The checkbox of the option with this identity (its position in the YAML)."""
        return self.boxes[self.order.index(identity)]

    def response(self) -> Any:
        if self.choice is not None:
            return self.choice.value
        if self.boxes:
            return sorted(identity for identity, box in zip(self.order, self.boxes) if box.value)
        assert self.number_input is not None
        return self.number_input.value

    def check(self) -> Grade:
        self.last_grade = grade(self.question, self.response())
        self.feedback.value = feedback_html(self.last_grade)
        self._on_graded()
        return self.last_grade

    def draw_new_numbers(self) -> Question:
        """Fresh numbers for a generated question: the answer box and feedback are reset."""
        current = self.question
        for _ in range(_NEW_NUMBER_TRIES):
            self.question = draw_variant(self.source, self._rng)
            if self.question.prompt != current.prompt:
                break
        self.prompt.value = self._prompt_html()
        if self.number_input is not None:
            self.number_input.value = ""
        self.feedback.value = ""
        self.last_grade = None
        self._on_graded()
        return self.question


class LiveQuiz:
    """All questions of a bank as widgets, with a running score (questions answered correctly)."""

    def __init__(self, bank: QuizBank, seed: int | None = None) -> None:
        self.bank = bank
        self.seed = SESSION_SEED if seed is None else seed
        self.score_label = widgets.HTML()
        self.questions = {
            q.id: LiveQuestion(n, q, self._update_score, self.seed) for n, q in enumerate(bank.questions, start=1)
        }
        self._update_score()
        title = widgets.HTMLMath(f"<b>{markup.to_html(bank.title)}</b>")
        self.widget = widgets.VBox([title, self.score_label, *(q.box for q in self.questions.values())])

    @property
    def score(self) -> int:
        return sum(1 for q in self.questions.values() if q.last_grade is not None and q.last_grade.correct)

    def _update_score(self) -> None:
        self.score_label.value = f"<b>Score: {self.score} / {len(self.questions)}</b>"
