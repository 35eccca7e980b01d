"""Render a question bank for print (LaTeX), for the static book (HTML+JS) and as plain text."""

from __future__ import annotations

import hashlib
import itertools
import json
from html import escape
from importlib import resources

from drugresist.quiz import markup
from drugresist.quiz.bank import Question, QuizBank, accepted_error, variants
from drugresist.quiz.shuffle import print_orders

_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_quiz_counter = itertools.count(1)


def letter(index: int) -> str:
    return _LETTERS[index]


def instruction(question: Question) -> str:
    """The one-line instruction under a prompt (plain text)."""
    return {
        "single": "Choose one answer.",
        "multiple": "Choose all that apply.",
        "numeric": "Enter a number" + (f"; unit: {question.unit}." if question.unit else "."),
    }[question.type]


def correct_answer_plain(question: Question, order: list[int] | None = None) -> str:
    """The correct answer as plain text, e.g. ``"B"`` or ``"100 ± 1 fold"``; letters follow
    ``order`` (option identities in the printed order; default bank order)."""
    if question.type == "numeric":
        unit = f" {question.unit}" if question.unit else ""
        error = accepted_error(question)
        tolerance = f" ± {error:g}" if error else ""
        return f"{question.answer:g}{tolerance}{unit}"
    order = list(range(len(question.options))) if order is None else order
    return ", ".join(sorted(letter(order.index(i)) for i in question.correct_indices))


def printed_questions(bank: QuizBank) -> list[Question]:
    """The questions as print shows them: a generated question as its variant 0."""
    return [variants(question)[0] for question in bank.questions]


def printed(bank: QuizBank) -> list[tuple[Question, list[int]]]:
    """Each question as print shows it (variant 0) with its print order of option identities:
    handouts, both answer keys and the plain text all use these (see ``shuffle.print_orders``)."""
    orders = print_orders(bank)
    return [(question, orders[question.id]) for question in printed_questions(bank)]


# ----- plain text --------------------------------------------------------------------------------


def to_plain(bank: QuizBank, answer_key: bool = False) -> str:
    """Numbered questions as plain text (the fallback in any medium that shows only text)."""
    lines = [bank.title, ""]
    for number, (question, order) in enumerate(printed(bank), start=1):
        lines.append(f"{number}. {markup.to_plain(question.prompt)} ({instruction(question)})")
        for position, identity in enumerate(order):
            lines.append(f"   [ ] {letter(position)}. {markup.to_plain(question.options[identity].text)}")
        if question.type == "numeric":
            lines.append("   Answer: ____________")
        if answer_key:
            lines.append(f"   Answer: {correct_answer_plain(question, order)}. {markup.to_plain(question.explanation)}")
        lines.append("")
    return "\n".join(lines)


# ----- LaTeX -------------------------------------------------------------------------------------


# Lists without the paragraph spacing Sphinx's LaTeX sets (parskip), so a quiz stays compact.
_TIGHT_LIST = r"\setlength{\itemsep}{1pt}\setlength{\parskip}{0pt}\setlength{\topsep}{2pt}"


def to_latex(bank: QuizBank, answer_key: bool = False) -> str:
    """Numbered questions with tick boxes for print; answers only when ``answer_key`` is true.

    In the answer key each option is printed once, its box filled when it is correct, with its
    feedback after it; then the correct answer, the question id and the explanation.
    """
    tex = markup.to_latex
    out = [
        r"\par\medskip\noindent\textbf{" + tex(bank.title) + r"}\par",
        r"\begin{enumerate}" + _TIGHT_LIST,
    ]
    for question, order in printed(bank):
        out.append(r"\item " + tex(question.prompt) + r" \emph{(" + markup.escape_latex(instruction(question)) + r")}")
        if question.options:
            out.append(r"\begin{itemize}" + _TIGHT_LIST)
            for position, identity in enumerate(order):
                option = question.options[identity]
                if answer_key:
                    box = r"$\blacksquare$" if option.correct else r"$\square$"
                    out.append(r"\item[" + box + "] " + letter(position) + ". " + tex(option.text)
                               + " \u2014 \\emph{" + tex(option.feedback) + "}")  # em dash: no TeX ligatures
                else:
                    out.append(r"\item[$\square$] " + letter(position) + ". " + tex(option.text))
            out.append(r"\end{itemize}")
        elif not answer_key:
            unit = " " + markup.escape_latex(question.unit) if question.unit else ""
            out.append(r"\par\smallskip Answer: \rule{4cm}{0.4pt}" + unit)
        if answer_key:
            out.append(r"\par\smallskip\textbf{Answer: " + markup.escape_latex(correct_answer_plain(question, order)) + r".} "
                       + r"(question id: \texttt{" + markup.escape_latex(question.id) + r"}) ")
            out.append(tex(question.explanation))
            if question.type == "numeric":
                assert question.feedback is not None
                out.append(r"\par\emph{Feedback:} correct: " + tex(question.feedback.correct) + "; too low: "
                           + tex(question.feedback.too_low) + "; too high: " + tex(question.feedback.too_high))
        out.append(r"\smallskip")
    out.append(r"\end{enumerate}")
    return "\n".join(out) + "\n"


# ----- static HTML -------------------------------------------------------------------------------


def question_hash(question: Question) -> str:
    """A short fingerprint of what a student answers: type, prompt, options and which are correct,
    numeric answer, tolerance and unit. Editing any of these changes it (a saved answer to the old
    question is then forgotten); editing feedback, explanation or citations does not."""
    content = {
        "type": question.type,
        "prompt": question.prompt,
        "options": [[option.text, option.correct] for option in question.options],
        "answer": question.answer,
        "tolerance": question.tolerance,
        "unit": question.unit,
    }
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def _question_data(question: Question) -> dict:
    html = markup.to_html
    data: dict = {
        "id": question.id,
        "type": question.type,
        "hash": question_hash(question),
        "explanation": html(question.explanation),
    }
    if question.type == "numeric":
        assert question.feedback is not None
        data.update(
            answer=question.answer,
            tolerance=question.tolerance,
            correct=html(question.feedback.correct),
            too_low=html(question.feedback.too_low),
            too_high=html(question.feedback.too_high),
        )
    else:
        data.update(
            correct=[option.correct for option in question.options],
            feedback=[html(option.feedback) for option in question.options],
        )
    return data


def _json_for_script(value: object) -> str:
    """JSON that is safe inside a <script> element (no '<' can close it)."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _question_html(uid: str, number: int, question: Question) -> str:
    html = markup.to_html
    name = f"{uid}-q{number}"
    parts = [
        f'<li class="drq-question" data-qid="{escape(question.id)}" data-type="{question.type}">',
        f'<fieldset><legend><span class="drq-number">{number}.</span> {html(question.prompt)} <span class="drq-instruction">({escape(instruction(question))})</span></legend>',
    ]
    input_type = "radio" if question.type == "single" else "checkbox"
    for index, option in enumerate(question.options):
        parts.append(
            f'<label class="drq-option"><input type="{input_type}" name="{name}" value="{index}"> '
            f"<span>{letter(index)}. {html(option.text)}</span></label>"
        )
    if question.type == "numeric":
        unit = f" <span>{escape(question.unit)}</span>" if question.unit else ""
        parts.append(
            f'<label class="drq-numeric">Your answer: <input type="text" inputmode="decimal" '
            f'name="{name}" autocomplete="off">{unit}</label>'
        )
    parts.append("</fieldset>")
    parts.append(f'<button type="button" class="drq-check">Check question {number}</button>')
    parts.append('<div class="drq-feedback" role="status" aria-live="polite"></div>')
    parts.append("</li>")
    return "".join(parts)


def _asset(name: str) -> str:
    return resources.files("drugresist.quiz").joinpath(name).read_text(encoding="utf-8")


def to_html(bank: QuizBank) -> str:
    """A self-contained interactive quiz: HTML, inline CSS and inline JavaScript, no external requests."""
    uid = f"drq-{bank.id}-{next(_quiz_counter)}"
    total = len(bank.questions)
    questions = "".join(_question_html(uid, n, q) for n, q in enumerate(bank.questions, start=1))
    data = _json_for_script({"bank": bank.id, "questions": [_question_data(q) for q in bank.questions]})
    return (
        f'<div class="drq-quiz" id="{uid}" data-bank="{escape(bank.id)}">'
        f"<style>{_asset('quiz.css')}</style>"
        f'<p class="drq-title"><strong>{markup.to_html(bank.title)}</strong></p>'
        f'<p class="drq-score" aria-live="polite">Score: <span class="drq-score-value">0</span> / {total}</p>'
        f'<ol class="drq-questions">{questions}</ol>'
        f'<script type="application/json" class="drq-data">{data}</script>'
        f"<script>{_asset('quiz.js')}</script>"
        f'<script>drugresistQuiz(document.getElementById("{uid}"));</script>'
        f"</div>"
    )
