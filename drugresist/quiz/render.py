"""Render a question bank for print (LaTeX), for the static book (HTML+JS) and as plain text."""

from __future__ import annotations

import hashlib
import itertools
import json
import re
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
    numeric answer, tolerance and unit (for generated numbers, every variant's). Editing any of these
    changes it (a saved answer to the old question is then forgotten); editing feedback, explanation
    or citations, or pinning or shuffling the options' order, does not."""
    content: dict = {
        "type": question.type,
        "prompt": question.prompt,
        "options": [[option.text, option.correct] for option in question.options],
        "answer": question.answer,
        "tolerance": question.tolerance,
        "unit": question.unit,
    }
    relative = question.relative_tolerance
    if relative:  # only when used, so the fingerprints of older questions (and their saved answers) stay
        content["relative_tolerance"] = relative
    if question.generator is not None:
        content["variants"] = [[v.prompt, v.answer, v.tolerance, v.relative_tolerance]
                               for v in variants(question)]
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def _numeric_variant(variant: Question, generated: bool) -> dict:
    html = markup.to_html
    assert variant.feedback is not None
    data: dict = {
        "answer": variant.answer,
        "tolerance": variant.tolerance,
        "relative_tolerance": variant.relative_tolerance,
        "correct": html(variant.feedback.correct),
        "too_low": html(variant.feedback.too_low),
        "too_high": html(variant.feedback.too_high),
    }
    if generated:  # a fixed question's prompt and explanation are in the page once
        data.update(prompt=html(variant.prompt), explanation=html(variant.explanation))
    return data


def _question_data(question: Question) -> dict:
    """What quiz.js needs for one question. Choice questions list their options' correctness and
    feedback by identity (the option's position in the YAML), whatever order the learner sees;
    numeric questions list their variants (one for fixed numbers)."""
    html = markup.to_html
    data: dict = {
        "id": question.id,
        "type": question.type,
        "hash": question_hash(question),
        "explanation": html(question.explanation),
    }
    if question.type == "numeric":
        generated = question.generator is not None
        if question.unit:  # a trailing copy of it is ignored when grading (bank.without_unit)
            data["unit"] = question.unit
        data["variants"] = [_numeric_variant(v, generated) for v in variants(question)]
        if len(data["variants"]) > 1:  # what every variant shares is written once
            common = {key: value for key, value in data["variants"][0].items()
                      if all(v[key] == value for v in data["variants"][1:])}
            data["common"] = common
            data["variants"] = [{k: v for k, v in variant.items() if k not in common} for variant in data["variants"]]
    else:
        data.update(
            correct=[option.correct for option in question.options],
            feedback=[html(option.feedback) for option in question.options],
        )
        if question.fixed_order:
            data["fixed_order"] = True
    return data


def _json_for_script(value: object) -> str:
    """JSON that is safe inside a <script> element (no '<' can close it)."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _question_html(uid: str, number: int, question: Question) -> str:
    """One question. Options are written in bank order with their identity as the input's value;
    quiz.js reorders them for the learner (and relabels the letters) before the page is shown.
    A generated question shows variant 0 until quiz.js puts in the learner's current one."""
    html = markup.to_html
    name = f"{uid}-q{number}"
    shown = variants(question) if question.type == "numeric" else (question,)
    parts = [
        f'<li class="drq-question" data-qid="{escape(question.id)}" data-type="{question.type}">',
        f'<fieldset><legend><span class="drq-number">{number}.</span> <span class="drq-prompt">{html(shown[0].prompt)}</span> '
        f'<span class="drq-instruction">({escape(instruction(question))})</span></legend>',
    ]
    input_type = "radio" if question.type == "single" else "checkbox"
    for index, option in enumerate(question.options):
        parts.append(
            f'<label class="drq-option"><input type="{input_type}" name="{name}" value="{index}"> '
            f'<span><span class="drq-letter">{letter(index)}.</span> {html(option.text)}</span></label>'
        )
    if question.type == "numeric":
        unit = f" <span>{escape(question.unit)}</span>" if question.unit else ""
        parts.append(
            f'<label class="drq-numeric">Your answer: <input type="text" inputmode="decimal" '
            f'name="{name}" autocomplete="off">{unit}</label>'
        )
    parts.append("</fieldset>")
    parts.append(f'<button type="button" class="drq-check">Check question {number}</button>')
    if len(shown) > 1:
        parts.append(f' <button type="button" class="drq-new">New numbers for question {number}</button>')
    parts.append('<div class="drq-feedback" role="status" aria-live="polite"></div>')
    parts.append("</li>")
    return "".join(parts)


_BLOCK_COMMENT = re.compile(r"^[ \t]*/\*.*?\*/[ \t]*\n", re.MULTILINE | re.DOTALL)
_LINE_COMMENT = re.compile(r"(?<=[;{}])[ \t]+//[^\n\"']*$", re.MULTILINE)


def _asset(name: str) -> str:
    """A packaged file's text; a script loses its comments and indentation (it is inlined in every
    chapter page; the readable source is the package's quiz.js)."""
    text = resources.files("drugresist.quiz").joinpath(name).read_text(encoding="utf-8")
    if name.endswith(".js"):
        text = _LINE_COMMENT.sub("", _BLOCK_COMMENT.sub("", text))
        text = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    return text


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
