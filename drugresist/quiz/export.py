"""Export question banks to learning platforms: Moodle XML and GIFT (Moodle, and others that read GIFT).

Both keep each option's feedback, the explanation (as general feedback) and a numeric answer's
tolerance. Text goes through the same safe markup as the book (HTML-escaped, math as ``\\(...\\)``,
which Moodle's MathJax filter renders), then through each format's own escaping.
"""

from __future__ import annotations

from xml.sax.saxutils import escape as xml_escape

from drugresist.quiz import markup
from drugresist.quiz.bank import Question, QuizBank

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


def to_moodle_xml(bank: QuizBank) -> str:
    """The bank as a Moodle XML quiz file, in a category named after the course and the bank."""
    html = markup.to_html
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>",
           '  <question type="category"><category><text>'
           + xml_escape(f"$course$/{COURSE_CATEGORY}/{markup.to_plain(bank.title)}")
           + "</text></category></question>"]
    for question in bank.questions:
        kind = "numerical" if question.type == "numeric" else "multichoice"
        out.append(f'  <question type="{kind}">')
        out.append(f"    <name><text>{xml_escape(question.id)}</text></name>")
        out.append(f'    <questiontext format="html">{_cdata_text(html(question.prompt))}</questiontext>')
        out.append(f'    <generalfeedback format="html">{_cdata_text(html(question.explanation))}</generalfeedback>')
        out.append("    <defaultgrade>1</defaultgrade>")
        out.append(f"    <idnumber>{xml_escape(bank.id + ':' + question.id)}</idnumber>")
        if question.type == "numeric":
            assert question.feedback is not None
            out.append(f'    <answer fraction="100" format="moodle_auto_format"><text>{question.answer:g}</text>'
                       f'<feedback format="html">{_cdata_text(html(question.feedback.correct))}</feedback>'
                       f"<tolerance>{question.tolerance:g}</tolerance></answer>")
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
            out.append("    <shuffleanswers>false</shuffleanswers><answernumbering>ABCD</answernumbering>")
            fractions = ["100" if o.correct else "0" for o in question.options] if single else _split_fractions(question)
            for option, fraction in zip(question.options, fractions):
                out.append(f'    <answer fraction="{fraction}" format="html">{_cdata_text(html(option.text))}'
                           f'<feedback format="html">{_cdata_text(html(option.feedback))}</feedback></answer>')
        out.append("  </question>")
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


def _gift_answers(question: Question) -> tuple[str, list[str]]:
    """The opening of a GIFT answer block and its answer lines."""
    if question.type == "numeric":
        assert question.feedback is not None and question.answer is not None
        catch_all = abs(question.answer) * 1e6 + 1e6  # any other number gets the "too low/high" feedback
        return "{#", [
            f"\t={question.answer:g}:{question.tolerance:g}#{_gift_html(question.feedback.correct)}",
            f"\t=%0%{question.answer:g}:{catch_all:.0f}#{gift_escape(_numeric_miss_feedback(question))}",
        ]
    if question.type == "single":
        return "{", [f"\t{'=' if o.correct else '~'}{_gift_html(o.text)}#{_gift_html(o.feedback)}" for o in question.options]
    return "{", [f"\t~%{fraction}%{_gift_html(o.text)}#{_gift_html(o.feedback)}"
                 for o, fraction in zip(question.options, _split_fractions(question))]


def to_gift(bank: QuizBank) -> str:
    """The bank in GIFT format, one question per block, HTML text, with feedback and tolerance."""
    lines = [f"// {markup.to_plain(bank.title)} (bank {bank.id}); exported from the course's YAML bank",
             f"$CATEGORY: $course$/{gift_escape(COURSE_CATEGORY)}/{gift_escape(markup.to_plain(bank.title))}", ""]
    for question in bank.questions:
        opening, answers = _gift_answers(question)
        lines += [f"::{gift_escape(question.id)}::[html]{_gift_html(question.prompt)} {opening}", *answers,
                  f"\t####{_gift_html(question.explanation)}", "}", ""]
    return "\n".join(lines)
