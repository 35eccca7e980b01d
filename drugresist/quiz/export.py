"""Export question banks to learning platforms: Moodle XML, GIFT (Moodle and others that read
GIFT) and Canvas QTI (a ``.zip`` that Canvas imports, written with the text2qti library).

All three keep each option's feedback, the explanation (as general feedback) and a numeric
answer's tolerance. Text goes through the same safe markup as the book (HTML-escaped; math as
``\\(...\\)`` for Moodle's MathJax filter, as Canvas equation images in QTI), then through each
format's own escaping.
"""

from __future__ import annotations

import html
import math
import re
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from drugresist.quiz import markup
from drugresist.quiz.bank import Question, QuizBank, accepted_error, variants
from drugresist.quiz.generate import format_value
from drugresist.quiz.shuffle import print_orders

COURSE_CATEGORY = "Drug Resistance in Cancer"

# Moodle accepts only these grade fractions (percent) for an answer.
_MOODLE_FRACTIONS = [100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20,
                     16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0]


def _moodle_fraction(share: float) -> str:
    """The allowed Moodle fraction nearest to ``share`` percent (sign kept)."""
    nearest = min(_MOODLE_FRACTIONS, key=lambda allowed: abs(allowed - abs(share)))
    return f"{'-' if share < 0 and nearest else ''}{nearest}"


def _split_fractions(question: Question) -> list[str]:
    """Per-option grade: right options share 100%, wrong options share -100% (multiple answer)."""
    n_right = len(question.correct_indices)
    n_wrong = len(question.options) - n_right
    return [_moodle_fraction(100 / n_right) if o.correct else _moodle_fraction(-100 / n_wrong if n_wrong else 0)
            for o in question.options]


def _cdata_text(html_text: str) -> str:
    return "<text><![CDATA[" + html_text.replace("]]>", "]]]]><![CDATA[>") + "]]></text>"


def _numeric_miss_feedback(question: Question) -> str:
    assert question.feedback is not None
    return (f"If your answer was too low: {markup.to_html(question.feedback.too_low)} "
            f"If it was too high: {markup.to_html(question.feedback.too_high)}")


def _num(value: float | None) -> str:
    """A number as export text: up to 12 significant digits, whole numbers without a decimal point."""
    assert value is not None
    return format_value(float(value))


def _moodle_category(path: str) -> str:
    return '  <question type="category"><category><text>' + xml_escape(path) + "</text></category></question>"


def bank_category(bank: QuizBank) -> str:
    """The bank's category path (Moodle XML and GIFT); a generated question's pool is a
    subcategory of it named after the question id."""
    return f"$course$/{COURSE_CATEGORY}/{markup.to_plain(bank.title)}"


def _moodle_question(bank: QuizBank, question: Question, order: list[int], name: str, idnumber: str) -> list[str]:
    html = markup.to_html
    kind = "numerical" if question.type == "numeric" else "multichoice"
    out = [f'  <question type="{kind}">',
           f"    <name><text>{xml_escape(name)}</text></name>",
           f'    <questiontext format="html">{_cdata_text(html(question.prompt))}</questiontext>',
           f'    <generalfeedback format="html">{_cdata_text(html(question.explanation))}</generalfeedback>',
           "    <defaultgrade>1</defaultgrade>",
           f"    <idnumber>{xml_escape(idnumber)}</idnumber>"]
    if question.type == "numeric":
        assert question.feedback is not None
        out.append(f'    <answer fraction="100" format="moodle_auto_format"><text>{_num(question.answer)}</text>'
                   f'<feedback format="html">{_cdata_text(html(question.feedback.correct))}</feedback>'
                   f"<tolerance>{_num(accepted_error(question))}</tolerance></answer>")
        out.append('    <answer fraction="0" format="moodle_auto_format"><text>*</text>'
                   f'<feedback format="html">{_cdata_text(_numeric_miss_feedback(question))}</feedback>'
                   "<tolerance>0</tolerance></answer>")
        if question.unit:
            out.append(f"    <units><unit><multiplier>1</multiplier><unit_name>{xml_escape(question.unit)}"
                       "</unit_name></unit></units>")
            out.append("    <unitgradingtype>0</unitgradingtype><showunits>3</showunits><unitsleft>0</unitsleft>")
    else:
        single = question.type == "single"
        out.append(f"    <single>{'true' if single else 'false'}</single>")
        # Moodle shuffles when both this and the quiz's "Shuffle within questions" (on by default) are on
        out.append(f"    <shuffleanswers>{'false' if question.fixed_order else 'true'}</shuffleanswers>"
                   "<answernumbering>abc</answernumbering>")
        fractions = ["100" if o.correct else "0" for o in question.options] if single else _split_fractions(question)
        for identity in order:
            option = question.options[identity]
            out.append(f'    <answer fraction="{fractions[identity]}" format="html">{_cdata_text(html(option.text))}'
                       f'<feedback format="html">{_cdata_text(html(option.feedback))}</feedback></answer>')
    out.append("  </question>")
    return out


def to_moodle_xml(bank: QuizBank) -> str:
    """The bank as a Moodle XML quiz file, in a category named after the course and the bank.

    Choice questions shuffle (``<shuffleanswers>true``; false for ``fixed_order``) and list their
    options in the print order. A generated question becomes a pool: a subcategory
    ``<bank category>/<question id>`` holding all its variants, for "Add a random question" from it.
    """
    category = bank_category(bank)
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>", _moodle_category(category)]
    orders = print_orders(bank)
    for question in bank.questions:
        if question.generator is None:
            out += _moodle_question(bank, question, orders[question.id], question.id, f"{bank.id}:{question.id}")
            continue
        out.append(_moodle_category(f"{category}/{question.id}"))
        for index, variant in enumerate(variants(question), start=1):
            out += _moodle_question(bank, variant, [], f"{question.id} v{index:02d}", f"{bank.id}:{question.id}:v{index:02d}")
        out.append(_moodle_category(category))
    out.append("</quiz>")
    return "\n".join(out) + "\n"


_GIFT_SPECIALS = "~=#{}:"


def gift_escape(text: str) -> str:
    """Escape GIFT's special characters (``~ = # { } :`` and the backslash) and line breaks."""
    escaped = text.replace("\\", "\\\\")
    for char in _GIFT_SPECIALS:
        escaped = escaped.replace(char, "\\" + char)
    return escaped.replace("\n", "\\n")


def _gift_html(text: str) -> str:
    return gift_escape(markup.to_html(text))


def _gift_answers(question: Question, order: list[int]) -> tuple[str, list[str]]:
    """The opening of a GIFT answer block and its answer lines (options in ``order``)."""
    if question.type == "numeric":
        assert question.feedback is not None and question.answer is not None
        catch_all = abs(question.answer) * 1e6 + 1e6  # any other number gets the "too low/high" feedback
        return "{#", [
            f"\t={_num(question.answer)}:{_num(accepted_error(question))}#{_gift_html(question.feedback.correct)}",
            f"\t=%0%{_num(question.answer)}:{catch_all:.0f}#{gift_escape(_numeric_miss_feedback(question))}",
        ]
    if question.type == "single":
        return "{", [f"\t{'=' if o.correct else '~'}{_gift_html(o.text)}#{_gift_html(o.feedback)}"
                     for o in (question.options[i] for i in order)]
    fractions = _split_fractions(question)
    return "{", [f"\t~%{fractions[i]}%{_gift_html(question.options[i].text)}#{_gift_html(question.options[i].feedback)}"
                 for i in order]


def _gift_question(question: Question, order: list[int], name: str) -> list[str]:
    opening, answers = _gift_answers(question, order)
    lines = []
    if question.fixed_order:
        lines.append("// fixed_order: GIFT cannot say it; after import, untick \"Shuffle the choices\" for this question")
    return lines + [f"::{gift_escape(name)}::[html]{_gift_html(question.prompt)} {opening}", *answers,
                    f"\t####{_gift_html(question.explanation)}", "}", ""]


def to_gift(bank: QuizBank) -> str:
    """The bank in GIFT format, one question per block, HTML text, with feedback and tolerance.

    Moodle's GIFT import gives choice questions the site's default "Shuffle within questions"
    (on unless an administrator changed it); options are written in the print order. A generated
    question becomes a pool: ``$CATEGORY: <bank category>/<question id>`` with all its variants.
    """
    category = f"$CATEGORY: {gift_escape(bank_category(bank))}"
    lines = [f"// {markup.to_plain(bank.title)} (bank {bank.id}); exported from the course's YAML bank",
             category, ""]
    orders = print_orders(bank)
    for question in bank.questions:
        if question.generator is None:
            lines += _gift_question(question, orders[question.id], question.id)
            continue
        lines += [f"// {question.id}: a pool of generated variants; add a random question from this category",
                  f"$CATEGORY: {gift_escape(bank_category(bank) + '/' + question.id)}", ""]
        for index, variant in enumerate(variants(question), start=1):
            lines += _gift_question(variant, [], f"{question.id} v{index:02d}")
        lines += [category, ""]
    return "\n".join(lines)


# ----- Canvas QTI (through text2qti) ---------------------------------------------------------------

# text2qti reads a Markdown-based plain text and runs Python-Markdown (with "smart" quotes and
# dashes) over every text. Quiz text is plain text, so every character that Markdown, its
# extensions or text2qti could read as syntax is written as an HTML character reference, which
# Markdown passes through unchanged and Canvas shows as the character itself.
_TEXT2QTI_LITERAL = set("\\`*_[]{}()#+-.!$%'\"|~^:=")

# text2qti writes a numeric answer's bounds with four decimals.
_TEXT2QTI_DECIMALS = 4


def _text2qti_literal(text: str) -> str:
    escaped = html.escape(re.sub(r"\s+", " ", text), quote=False)
    return "".join(f"&#{ord(c)};" if c in _TEXT2QTI_LITERAL else c for c in escaped)


def text2qti_text(text: str) -> str:
    """Quiz markup as text2qti input on one line: math as ``$...$`` (Canvas renders it as an
    equation image), emphasis and code as HTML, everything else literal."""
    parts = []
    for span in markup.parse(text):
        if span.kind == "math":
            parts.append("$" + re.sub(r"\s+", " ", span.text) + "$")
        elif span.kind == "emph":
            parts.append(f"<em>{_text2qti_literal(span.text)}</em>")
        elif span.kind == "code":
            parts.append(f"<code>{_text2qti_literal(span.text)}</code>")
        else:
            parts.append(_text2qti_literal(span.text))
    return "".join(parts)


def _numeric_instruction(question: Question) -> str:
    unit = f"; unit: {question.unit}" if question.unit else ""
    return f" <em>(Enter a number{_text2qti_literal(unit)}&#46;)</em>"


#: text2qti rounds a bound to four decimals; accepted when that moves it by at most this share of
#: the accepted error (e.g. answer 3.0994733 ± 0.1 is written [2.9995, 3.1995]); a tolerance below
#: 0.0005 with an answer of more than four decimals is refused.
_TEXT2QTI_MAX_SHIFT = 0.1


def _text2qti_tolerance(question: Question) -> float:
    return accepted_error(question)


def _check_text2qti_bounds(bank: QuizBank, question: Question) -> None:
    """Refuse an answer range that text2qti's four decimals would change noticeably."""
    assert question.answer is not None
    tolerance = _text2qti_tolerance(question)
    for bound in (question.answer - tolerance, question.answer + tolerance):
        shift = abs(round(bound, _TEXT2QTI_DECIMALS) - bound)
        if shift > 1e-9 * max(1.0, abs(bound)) and shift > _TEXT2QTI_MAX_SHIFT * tolerance:
            raise ValueError(f"{bank.id}: question {question.id}: the bound {bound:g} of its answer range needs more "
                             f"than {_TEXT2QTI_DECIMALS} decimals, which Canvas QTI export (text2qti) cannot write; "
                             "give the answer in a larger unit")
        if abs(bound) < 1e-4:
            raise ValueError(f"{bank.id}: question {question.id}: the bound {bound:g} of its answer range is below "
                             "0.0001 in size, which Canvas QTI (text2qti) cannot write; give the answer in a smaller unit")


def _text2qti_question(bank: QuizBank, question: Question, order: list[int], title: str, number: int) -> list[str]:
    lines = [f"Title: {title}", "Points: 1"]
    if question.type == "numeric":
        assert question.feedback is not None and question.answer is not None
        _check_text2qti_bounds(bank, question)
        too_low, too_high = (text2qti_text(question.feedback.too_low), text2qti_text(question.feedback.too_high))
        return lines + [f"{number}.  {text2qti_text(question.prompt)}{_numeric_instruction(question)}",
                        f"... {text2qti_text(question.explanation)}",
                        f"+   {text2qti_text(question.feedback.correct)}",
                        f"-   If your answer was too low: {too_low} If it was too high: {too_high}",
                        f"=   {float(question.answer)!r} +- {_text2qti_tolerance(question)!r}", ""]
    lines += [f"{number}.  {text2qti_text(question.prompt)}", f"... {text2qti_text(question.explanation)}"]
    for position, identity in enumerate(order):
        option = question.options[identity]
        if question.type == "single":
            marker = f"{'*' if option.correct else ''}{'abcdefghijklmnopqrstuvwxyz'[position]})"
        else:
            marker = "[*]" if option.correct else "[ ]"
        lines += [f"{marker} {text2qti_text(option.text)}", f"... {text2qti_text(option.feedback)}"]
    return lines + [""]


def to_text2qti(bank: QuizBank) -> str:
    """The bank in text2qti's plain-text quiz format: one titled question per entry (the title is
    the question id), per-option feedback, the explanation as general feedback, a numeric
    answer as ``answer +- tolerance`` with its correct and incorrect feedback.

    ``Shuffle answers: true`` (text2qti sets shuffling for the whole quiz only, so a
    ``fixed_order`` question is shuffled in Canvas too; its options must make sense in any order).
    A generated question becomes a question group that picks 1 of all its variants."""
    # text2qti keeps the quiz title as plain text (it only escapes it for XML)
    lines = [f"Quiz title: {' '.join(markup.to_plain(bank.title).split())}",
             f"Quiz description: {_text2qti_literal(f'{COURSE_CATEGORY}. Exported from the course question bank {bank.id}.')}",
             "Shuffle answers: true", ""]
    orders = print_orders(bank)
    number = 0
    for question in bank.questions:
        if not re.fullmatch(r"[A-Za-z0-9_-]+", question.id):
            raise ValueError(f"{bank.id}: question id {question.id!r} cannot be a Canvas question title")
        if question.generator is None:
            number += 1
            lines += _text2qti_question(bank, question, orders[question.id], question.id, number)
            continue
        lines += ["GROUP", "pick: 1", "points per question: 1", ""]
        for index, variant in enumerate(variants(question), start=1):
            number += 1
            lines += _text2qti_question(bank, variant, [], f"{question.id}-v{index:02d}", number)
        lines += ["END_GROUP", ""]
    return "\n".join(lines)


def to_canvas_qti(bank: QuizBank) -> bytes:
    """The bank as a Canvas QTI 1.2 package (the bytes of a ``.zip`` that Canvas imports under
    Settings > Import course content > QTI .zip file). Needs the ``text2qti`` package."""
    try:
        from text2qti.config import Config
        from text2qti.qti import QTI
        from text2qti.quiz import Quiz
    except ImportError as error:  # pragma: no cover - the dev requirements install it
        raise ImportError("Canvas QTI export needs text2qti: pip install -r requirements-dev.txt") from error
    # A fresh Config reads no file from the home folder and needs no Canvas address: math becomes
    # equation images that Canvas draws from its own /equation_images/ service.
    quiz = Quiz(to_text2qti(bank), config=Config(), source_name=f"{bank.id} (exported bank)")
    return QTI(quiz).zip_bytes()


def write_canvas_qti(bank: QuizBank, path: Path) -> Path:
    path.write_bytes(to_canvas_qti(bank))
    return path
