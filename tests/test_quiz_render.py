"""Quiz text is escaped in every medium; the static quiz is self-contained; print hides answers."""

from __future__ import annotations

import json
import math
import re
from html.parser import HTMLParser

import pytest

from drugresist.quiz import LATEX_MIME, load_bank, show_quiz, to_html, to_latex, to_plain
from drugresist.quiz import markup


@pytest.fixture
def bank(sample_bank_path):
    return load_bank(sample_bank_path)


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.script_bodies: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.script_bodies.append(data)


def test_markup_to_html_escapes_tags_and_keeps_math_emphasis_code():
    out = markup.to_html('a <script>x</script> & *b* `c<d>` $x_1 < 2$')
    assert "<script>" not in out
    assert "&lt;script&gt;x&lt;/script&gt; &amp;" in out
    assert "<em>b</em>" in out and "<code>c&lt;d&gt;</code>" in out
    assert r'<span class="math notranslate nohighlight">\(x_1 &lt; 2\)</span>' in out


@pytest.mark.parametrize("char, escaped", [("%", r"\%"), ("&", r"\&"), ("_", r"\_"), ("#", r"\#"),
                                           ("$", r"\$"), ("{", r"\{"), ("\\", r"\textbackslash{}"),
                                           ("~", r"\textasciitilde{}"), ("^", r"\textasciicircum{}")])
def test_markup_to_latex_escapes_specials(char, escaped):
    text = f"a {char} b" if char != "$" else r"a \$ b"
    assert markup.to_latex(text) == f"a {escaped} b"


def test_markup_to_latex_keeps_math_and_formats():
    assert markup.to_latex("50% of *cells* use `ABCB1_x` and $K_m$") == r"50\% of \emph{cells} use \texttt{ABCB1\_x} and $K_m$"


def test_static_html_has_no_external_url_and_no_injected_script(bank):
    out = to_html(bank)
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", out)
    assert "http://" not in out and "https://" not in out
    collector = _Collector()
    collector.feed(out)
    scripts = [attrs for tag, attrs in collector.tags if tag == "script"]
    # exactly our three scripts: the JSON data, the grader and its call; none from the question text
    assert len(scripts) == 3
    assert all("src" not in attrs for attrs in scripts)
    assert 'alert("x")' not in "".join(collector.script_bodies[1:])
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in out


def test_static_html_data_round_trips_and_cannot_close_its_script(bank):
    out = to_html(bank)
    body = re.search(r'<script type="application/json" class="drq-data">(.*?)</script>', out, re.S).group(1)
    assert "<" not in body
    data = json.loads(body)
    assert [q["id"] for q in data["questions"]] == ["single-one", "multiple-two", "numeric-three"]
    assert data["questions"][0]["correct"] == [True, False, False]
    assert data["questions"][2]["answer"] == 100 and data["questions"][2]["tolerance"] == 1


def test_static_html_is_keyboard_usable_and_labelled(bank):
    out = to_html(bank)
    assert out.count("<fieldset>") == 3 and out.count("<legend>") == 3
    assert out.count('<button type="button" class="drq-check">') == 3
    assert 'role="status" aria-live="polite"' in out
    assert out.count('type="radio"') == 3 and out.count('type="checkbox"') == 3


def test_latex_numbers_questions_with_boxes_and_hides_answers(bank):
    student = to_latex(bank)
    assert student.count(r"\item ") == 3
    assert student.count(r"\item[$\square$]") == 6
    assert r"\rule{4cm}{0.4pt}" in student
    for hidden in ("Yes, this one is right.", "Because it is the right one.", "Too high.", "Answer: A"):
        assert hidden not in student
    assert r'Mind the <script>alert("x")</script> and 100\% \& $x_1$ signs.' in student


def _printed_letters(bank):
    from drugresist.quiz.shuffle import keyed_letters

    return keyed_letters(bank)


def test_latex_answer_key_switch_shows_answers(bank):
    key = to_latex(bank, answer_key=True)
    letters = _printed_letters(bank)
    assert r"\textbf{Answer: " + letters["single-one"] + ".}" in key
    assert r"\textbf{Answer: " + letters["multiple-two"] + ".}" in key
    assert r"\textbf{Answer: 100 ± 1 fold.}" in key
    assert "Because it is the right one." in key and "No, this is wrong too." in key


def test_plain_text_form(bank):
    text = to_plain(bank)
    assert text.startswith("A sample bank for the tests")
    assert "1. Which is right?" in text and re.search(r"\[ \] [ABC]\. A wrong one with code", text)
    assert "Answer: " + _printed_letters(bank)["single-one"] + "." not in text
    assert "Answer: 100 ± 1 fold." in to_plain(bank, answer_key=True)


def test_quiz_mimebundle_carries_all_three_media(sample_bank_path):
    bundle = show_quiz(sample_bank_path)._repr_mimebundle_()
    assert bundle["text/html"].startswith('<div class="drq-quiz"')
    assert bundle[LATEX_MIME].count(r"\item[$\square$]") == 6
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "A sample bank" in bundle["text/plain"]


# ----- print orders (handouts, both answer keys, plain text) ---------------------------------------


def _printed_options(latex):
    """(letter, text) of every printed option, in print order."""
    return re.findall(r"\\item\[\$\\(?:square|blacksquare)\$\] ([A-Z])\. ([^\n]*?)(?: \u2014 |$)", latex, re.M)


def test_print_orders_are_deterministic_and_respect_fixed_order():
    from conftest import DATA
    from drugresist.quiz import print_orders

    bank = load_bank(DATA / "generated_bank.yaml")
    assert print_orders(bank)["ordered-ranges"] == [0, 1, 2]
    sample = load_bank(DATA / "sample_bank.yaml")
    assert print_orders(sample) == print_orders(load_bank(DATA / "sample_bank.yaml"))
    assert sorted(print_orders(sample)["single-one"]) == [0, 1, 2]


def test_handout_and_answer_key_print_the_same_letters(bank):
    student = _printed_options(to_latex(bank))
    key = to_latex(bank, answer_key=True)
    assert [text for _, text in student] == [text for _, text in _printed_options(key)]
    filled = re.findall(r"\\item\[\$\\blacksquare\$\] ([A-Z])\. ", key)
    letters = _printed_letters(bank)
    assert filled == [letters["single-one"], *letters["multiple-two"].split(", ")]
    right = [text for letter, text in student if letter == letters["single-one"]]
    assert right and right[0].startswith("The right one")


def test_every_chapter_prints_balanced_keys_that_the_answer_key_matches():
    from collections import Counter

    from drugresist.quiz import all_banks, print_orders
    from drugresist.quiz.shuffle import keyed_letters

    first_is_right = total = 0
    for chapter in all_banks():
        orders = print_orders(chapter)
        letters = keyed_letters(chapter, orders)
        singles = [letters[q.id] for q in chapter.questions if q.type == "single"]
        three_or_more = all(len(q.options) >= 3 for q in chapter.questions if q.type == "single")
        share = max(Counter(singles).values()) / len(singles)
        # the best possible with k-option questions: ceil(n / k) of n
        best = max(math.ceil(len(singles) / min(len(q.options) for q in chapter.questions if q.type == "single")) / len(singles), 0.4)
        assert share <= best + 1e-9, (chapter.id, Counter(singles))
        if three_or_more and len(singles) not in (1, 2, 4, 7):
            assert share <= 0.4, (chapter.id, Counter(singles))
        key = to_latex(chapter, answer_key=True)
        for question in chapter.questions:
            if question.type != "numeric":
                assert f"Answer: {letters[question.id]}.}}" in key.replace("\\textbf{", ""), question.id
                total += 1
                first_is_right += question.options[orders[question.id][0]].correct and question.type == "single"
    assert first_is_right < 0.5 * total
