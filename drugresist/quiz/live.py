"""The live quiz: ipywidgets with choices, a Check button per question, feedback and a running score."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from drugresist.quiz import markup
from drugresist.quiz.bank import Grade, Question, QuizBank, grade
from drugresist.quiz.render import instruction, letter


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

    def __init__(self, number: int, question: Question, on_graded) -> None:
        self.question = question
        self._on_graded = on_graded
        self.prompt = widgets.HTMLMath(
            f"<b>{number}.</b> {markup.to_html(question.prompt)} <i>({instruction(question)})</i>"
        )
        labels = [f"{letter(i)}. {markup.to_plain(o.text)}" for i, o in enumerate(question.options)]
        layout = widgets.Layout(width="auto")
        self.choice: widgets.RadioButtons | None = None
        self.boxes: list[widgets.Checkbox] = []
        self.number_input: widgets.Text | None = None
        if question.type == "single":
            self.choice = widgets.RadioButtons(options=[(label, i) for i, label in enumerate(labels)], value=None, layout=layout)
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
        self.box = widgets.VBox([self.prompt, *answer_widgets, self.button, self.feedback])

    def response(self) -> Any:
        if self.choice is not None:
            return self.choice.value
        if self.boxes:
            return [i for i, box in enumerate(self.boxes) if box.value]
        assert self.number_input is not None
        return self.number_input.value.strip().replace(",", ".") or None

    def check(self) -> Grade:
        self.last_grade = grade(self.question, self.response())
        self.feedback.value = feedback_html(self.last_grade)
        self._on_graded()
        return self.last_grade


class LiveQuiz:
    """All questions of a bank as widgets, with a running score (questions answered correctly)."""

    def __init__(self, bank: QuizBank) -> None:
        self.bank = bank
        self.score_label = widgets.HTML()
        self.questions = {
            q.id: LiveQuestion(n, q, self._update_score) for n, q in enumerate(bank.questions, start=1)
        }
        self._update_score()
        title = widgets.HTMLMath(f"<b>{markup.to_html(bank.title)}</b>")
        self.widget = widgets.VBox([title, self.score_label, *(q.box for q in self.questions.values())])

    @property
    def score(self) -> int:
        return sum(1 for q in self.questions.values() if q.last_grade is not None and q.last_grade.correct)

    def _update_score(self) -> None:
        self.score_label.value = f"<b>Score: {self.score} / {len(self.questions)}</b>"
