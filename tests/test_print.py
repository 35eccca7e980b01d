"""Print deliverables, read back from the PDFs with pdftotext, page by page: the book, the handouts,
the answer keys (whole course and per chapter), and the quiz exports.

Builds them once per session with scripts/print_outputs.py (xelatex; see .ci/run for the packages).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from conftest import ROOT, toc_files
from drugresist.quiz import all_banks, markup, variants
from print_outputs import chapter_source, chapter_terms, chapters, cited_keys, glossary_entries, handout_pages

REPRS = ["<IPython.core.display", "IPython.core.display", "Widget(", "interactive(", "<Figure size",
         "<drugresist.", "object at 0x"]
LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}


def _normalise(text: str) -> str:
    for ligature, letters in LIGATURES.items():
        text = text.replace(ligature, letters)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"-\n(?=[a-z])", "", text)  # words hyphenated at a line end
    return re.sub(r"\s+", " ", text)


def _pdf_text(path: Path) -> str:
    """The text of the whole document, pages joined without their folios (see ``_pdf_pages``)."""
    return " ".join(_pdf_pages(path))


_FOLIO = re.compile(r"\n[ \t]*(?:[0-9]+|[ivxlc]+)[ \t]*\Z")


def _pdf_pages(path: Path) -> list[str]:
    """The text of each page (pdftotext ends every page with a form feed), without the page number
    printed alone on its last line, so that a sentence running on to the next page reads on (a
    clean-clone CI run found "Yes. The 4 model shows ..." where a feedback crossed a page break)."""
    result = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return [_normalise(_FOLIO.sub("", page.rstrip())) for page in result.stdout.split("\f")[:-1]]


def _definition_opening(definition: str) -> str:
    """The first words of a glossary definition as they print: roles as their text, no markup, up to any math."""
    text = re.sub(r"\{[a-z:]+\}`([^`<]*?)\s*(?:<[^>]*>)?`", r"\1", definition)
    text = text.split("$")[0].replace("*", "").replace("`", "")
    return _normalise(text).strip()[:50]


def _plain(text: str) -> str:
    """Quiz text as it reads in print, without the parts a PDF renders differently (math)."""
    return _normalise(markup.to_plain(text.split("$")[0])).strip()


@pytest.fixture(scope="session")
def print_outputs(tmp_path_factory, built_book) -> Path:
    """Every print deliverable, from the chapters the HTML build executed (its execution cache; the
    LaTeX builders print the same outputs), so the suite does not execute every notebook twice."""
    assert shutil.which("xelatex") and shutil.which("pdftotext"), "needs TeX and poppler-utils (see .ci/run)"
    out = tmp_path_factory.mktemp("print")
    seed = built_book["output"] / "_build" / ".jupyter_cache"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "print_outputs.py"), "all", "--out", str(out),
                             "--seed-cache", str(seed)],
                            capture_output=True, text=True, cwd=ROOT, timeout=3000)
    assert result.returncode == 0, (result.stdout + result.stderr)[-6000:]
    assert seed.is_dir() and "execution cache started from" in result.stdout
    return out


@pytest.fixture(scope="session")
def book_text(print_outputs) -> str:
    return _pdf_text(print_outputs / "drug-resistance-in-cancer.pdf")


def test_book_pdf_has_every_chapter_title_and_the_bibliography(book_text):
    for name in toc_files():
        source = ROOT / f"{name}.md"
        if source.exists():
            title = re.search(r"^# (.+)$", source.read_text(encoding="utf-8"), re.M).group(1)
            assert _normalise(title) in book_text, title
    assert "References" in book_text
    assert "10.1038/ng.2822" in book_text  # a DOI from the bibliography


def _printed(question):
    """The question as print shows it: a generated question's variant 0 (its numbers filled in)."""
    return variants(question)[0]


def test_book_pdf_prints_quizzes_as_questions_without_answers(book_text):
    for bank in all_banks():
        for question in map(_printed, bank.questions):
            assert _plain(question.prompt)[:30] in book_text, question.id
            for option in question.options:
                assert _normalise(markup.to_plain(option.feedback)) not in book_text, question.id
    assert "☐" in book_text or "□" in book_text  # the tick boxes


CHAPTERS = chapters()


def test_every_chapter_with_a_quiz_gets_a_handout_and_an_answer_key(print_outputs):
    assert CHAPTERS, "no chapter in _toc.yml has a quiz bank"
    assert sorted(p.stem for p in (print_outputs / "handouts").glob("*.pdf")) == sorted(CHAPTERS)
    assert sorted(p.stem for p in (print_outputs / "answer-keys").glob("*.pdf")) == sorted(CHAPTERS)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_handout_is_a_short_article_without_empty_pages(print_outputs, chapter):
    pages = _pdf_pages(print_outputs / "handouts" / f"{chapter}.pdf")
    words = [len(page.split()) for page in pages]
    for number, count in enumerate(words[:-1], start=1):
        assert count >= 15, f"page {number} of {len(pages)} holds only {count} words"
    # about one page per 450 printed words, figures included: allow down to 350 words a page
    assert sum(words) / len(pages) >= 350, f"{len(pages)} pages for {sum(words)} words"
    title = re.search(r"^# (.+)$", chapter_source(chapter), re.M).group(1)
    first = pages[0]
    assert _normalise(title) in first and "Drug Resistance in Cancer" in first
    assert "Time to complete:" in first
    assert first.count(_normalise(title)) == 1  # the title once, no title page
    text = " ".join(pages)
    assert "CHAPTER" not in text and "Contents" not in text  # an article, not a book


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_handout_leaves_out_code_and_says_where_the_lab_is(print_outputs, chapter):
    text = _pdf_text(print_outputs / "handouts" / f"{chapter}.pdf")
    source = chapter_source(chapter)
    code_lines = re.findall(r"^(?:from drugresist\S* import|import drugresist)[^\n]*", source, re.M)
    assert code_lines, "the chapter has no code to leave out"
    for code_line in code_lines:  # prose may name a module; a whole import line is code
        assert _normalise(code_line).strip() not in text, code_line
    if (ROOT / "notebooks" / f"{chapter}_lab.ipynb").exists():
        assert f"notebooks/{chapter}_lab.ipynb" in text.replace(" ", "")


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_handout_has_only_its_own_key_terms_and_cited_references(print_outputs, chapter):
    from pybtex.database import parse_file

    text = _pdf_text(print_outputs / "handouts" / f"{chapter}.pdf")
    own = set(chapter_terms(chapter_source(chapter)))
    assert own, "the chapter links no glossary term"
    entries = glossary_entries()
    absent_checked = 0
    for term, (_names, definition) in entries.items():
        opening = _definition_opening(definition)
        if len(opening) < 30:
            continue
        if term in own:
            assert opening in text, f"key term {term!r} is missing"
        elif not any(name.lower() in own for name in _names):
            assert opening not in text, f"{term!r}, a key term of another chapter, is printed"
            absent_checked += 1
    assert absent_checked > 0

    cited = cited_keys("\n".join(handout_pages(chapter).values()))
    assert cited
    squeezed = re.sub(r"\s+", "", text).lower()
    bibliography = parse_file(str(ROOT / "references.bib"))
    for key, entry in bibliography.entries.items():
        doi = entry.fields.get("doi", "").lower()
        if not doi:
            continue
        if key in cited:
            assert doi in squeezed, f"cited reference {key} is missing"
        else:
            assert doi not in squeezed, f"{key} is printed but the chapter does not cite it"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_answer_key_has_every_question_id_and_solution(print_outputs, chapter):
    from print_outputs import exercises_with_solutions

    path = print_outputs / "answer-keys" / f"{chapter}.pdf"
    pages = _pdf_pages(path)
    assert len(pages) <= 8, f"{len(pages)} pages"
    text = " ".join(pages)
    squeezed = re.sub(r"[\s-]", "", text)  # words hyphenated at a line end, or not
    bank = next(b for b in all_banks() if b.id == chapter)
    for question in bank.questions:
        assert f"question id: {question.id}" in text, question.id
        for option in question.options:
            feedback = _plain(option.feedback)[:40]
            assert re.sub(r"[\s-]", "", feedback) in squeezed, (question.id, feedback)
    for label, _title, _exercise, _solution in exercises_with_solutions(chapter_source(chapter)):
        assert f"({label})" in text, label
    assert "For instructors only" in pages[0]


@pytest.mark.parametrize("bank", [b for b in all_banks() if b.id in CHAPTERS], ids=lambda b: b.id)
def test_handout_has_its_quiz_and_no_answers_or_solutions(print_outputs, bank):
    from print_outputs import exercises_with_solutions

    text = _pdf_text(print_outputs / "handouts" / f"{bank.id}.pdf")
    questions = [_printed(q) for q in bank.questions]
    for question in questions:
        assert _plain(question.prompt)[:30] in text, question.id
    # no answer in the quiz: from its first question to the exercises (an explanation may quote the
    # chapter's own prose, which the handout prints above the quiz)
    start = text.index(_plain(questions[0].prompt)[:30])
    end = text.find("Exercise", start)
    quiz = text[start:end if end > start else None]
    for question in questions:
        assert _normalise(markup.to_plain(question.explanation))[:60] not in quiz, question.id
        for option in question.options:
            assert _normalise(markup.to_plain(option.feedback)) not in quiz, question.id
    source = (ROOT / "book" / f"{bank.id}.md").read_text(encoding="utf-8")
    exercises = exercises_with_solutions(source)
    assert exercises
    for _label, title, _exercise, solution in exercises:
        assert _normalise(title) in text
        first_words = _normalise(re.sub(r"[$`*{}]", "", solution.split("\n")[0]))[:40]
        assert first_words not in text, f"solution printed: {first_words}"


def test_answer_key_has_every_question_id_answer_and_solution(print_outputs):
    text = _pdf_text(print_outputs / "answer-key.pdf")
    for bank in (b for b in all_banks() if b.id in CHAPTERS):
        for question in bank.questions:
            assert f"question id: {question.id}" in text, question.id
        from print_outputs import exercises_with_solutions

        for label, _title, _exercise, _solution in exercises_with_solutions(
                (ROOT / "book" / f"{bank.id}.md").read_text(encoding="utf-8")):
            assert f"({label})" in text, label


def test_no_pdf_shows_an_object_repr(print_outputs):
    for pdf in print_outputs.rglob("*.pdf"):
        if "work" in pdf.relative_to(print_outputs).parts:
            continue
        text = _pdf_text(pdf)
        for bad in REPRS:
            assert bad not in text, f"{bad} in {pdf.name}"


def test_quiz_exports_are_written(print_outputs):
    for bank in all_banks():
        assert (print_outputs / "quiz-export" / f"{bank.id}.moodle.xml").stat().st_size > 500
        assert (print_outputs / "quiz-export" / f"{bank.id}.gift.txt").stat().st_size > 200
        assert (print_outputs / "quiz-export" / f"{bank.id}.canvas-qti.zip").stat().st_size > 1000


# ----- building side by side -------------------------------------------------------------------


def test_builds_side_by_side_keep_their_order_and_really_overlap():
    import threading
    import time

    from print_outputs import run_side_by_side

    running, most = [0], [0]
    lock = threading.Lock()

    def build(n):
        def run():
            with lock:
                running[0] += 1
                most[0] = max(most[0], running[0])
            time.sleep(0.05)
            with lock:
                running[0] -= 1
            return n
        return run

    assert run_side_by_side([build(n) for n in range(6)], jobs=2) == list(range(6))
    assert most[0] == 2
    most[0] = 0
    assert run_side_by_side([build(n) for n in range(3)], jobs=1) == [0, 1, 2]
    assert most[0] == 1


def test_a_failing_build_side_by_side_fails_the_run():
    from print_outputs import run_side_by_side

    def fails():
        raise SystemExit("PDF build failed for hypoxia")

    with pytest.raises(SystemExit, match="hypoxia"):
        run_side_by_side([lambda: 1, fails, lambda: 3], jobs=2)
    with pytest.raises(ValueError, match="jobs must be at least 1, got 0"):
        run_side_by_side([lambda: 1], jobs=0)


def test_a_print_run_starts_from_another_builds_cache_only_when_it_has_none(tmp_path):
    from print_outputs import _cache, seed_cache

    seed = tmp_path / "html-cache"
    (seed / "executed").mkdir(parents=True)
    (seed / "global.db").write_text("cache", encoding="utf-8")
    out = tmp_path / "print"
    assert seed_cache(out, tmp_path / "missing") is False and not _cache(out).exists()
    assert seed_cache(out, seed) is True
    assert (_cache(out) / "global.db").read_text(encoding="utf-8") == "cache"
    (seed / "global.db").write_text("newer", encoding="utf-8")
    assert seed_cache(out, seed) is False, "a run's own cache is never replaced"
    assert (_cache(out) / "global.db").read_text(encoding="utf-8") == "cache"


def _diagram_captions() -> list[tuple[str, str, str]]:
    """(name, chapter, the caption's opening words as print shows them) of every mechanism diagram."""
    import yaml

    from drugresist.figures.mechanisms import DIAGRAMS

    rows = []
    for name, (function, chapter) in DIAGRAMS.items():
        text = (ROOT / "book" / f"{chapter}.md").read_text(encoding="utf-8")
        cell = next(c for c in re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```", text, re.S)
                    if f"import {function.__name__}" in c)
        caption = yaml.safe_load(re.match(r"---\n(.*?)\n---\n", cell, re.S).group(1))["mystnb"]["figure"]["caption"]
        rows.append((name, chapter, _plain(caption)[:40]))
    return rows


@pytest.mark.parametrize("name, chapter, caption", _diagram_captions(), ids=[r[0] for r in _diagram_captions()])
def test_mechanism_diagram_is_in_its_handout_and_the_book_pdf(print_outputs, book_text, name, chapter, caption):
    assert caption in _pdf_text(print_outputs / "handouts" / f"{chapter}.pdf"), f"{name} missing from the handout"
    assert caption in book_text, f"{name} missing from the book PDF"
