"""Print deliverables, read back from the PDFs with pdftotext: the book, the handouts, the answer key.

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
from drugresist.quiz import all_banks, markup

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
    result = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return _normalise(result.stdout)


def _plain(text: str) -> str:
    """Quiz text as it reads in print, without the parts a PDF renders differently (math)."""
    return _normalise(markup.to_plain(text.split("$")[0])).strip()


@pytest.fixture(scope="session")
def print_outputs(tmp_path_factory) -> Path:
    assert shutil.which("xelatex") and shutil.which("pdftotext"), "needs TeX and poppler-utils (see .ci/run)"
    out = tmp_path_factory.mktemp("print")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "print_outputs.py"), "all", "--out", str(out)],
                            capture_output=True, text=True, cwd=ROOT, timeout=3000)
    assert result.returncode == 0, (result.stdout + result.stderr)[-6000:]
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


def test_book_pdf_prints_quizzes_as_questions_without_answers(book_text):
    for bank in all_banks():
        for question in bank.questions:
            assert _plain(question.prompt)[:30] in book_text, question.id
            for option in question.options:
                assert _normalise(markup.to_plain(option.feedback)) not in book_text, question.id
    assert "☐" in book_text or "□" in book_text  # the tick boxes


@pytest.mark.parametrize("bank", all_banks(), ids=lambda b: b.id)
def test_handout_has_its_quiz_and_no_answers_or_solutions(print_outputs, bank):
    from print_outputs import exercises_with_solutions

    text = _pdf_text(print_outputs / "handouts" / f"{bank.id}.pdf")
    for question in bank.questions:
        assert _plain(question.prompt)[:30] in text, question.id
        assert _normalise(markup.to_plain(question.explanation))[:60] not in text, question.id
        for option in question.options:
            assert _normalise(markup.to_plain(option.feedback)) not in text, question.id
    source = (ROOT / "book" / f"{bank.id}.md").read_text(encoding="utf-8")
    exercises = exercises_with_solutions(source)
    assert exercises
    for _label, title, _exercise, solution in exercises:
        assert _normalise(title) in text
        first_words = _normalise(re.sub(r"[$`*{}]", "", solution.split("\n")[0]))[:40]
        assert first_words not in text, f"solution printed: {first_words}"


def test_answer_key_has_every_question_id_answer_and_solution(print_outputs):
    text = _pdf_text(print_outputs / "answer-key.pdf")
    for bank in all_banks():
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
