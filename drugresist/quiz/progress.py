"""The "My progress" page: what this browser has saved of the student's quiz answers.

The static quizzes save each checked answer in the browser's ``localStorage`` (see ``quiz.js``);
this page reads it back and lists every chapter's quiz with the questions answered and correct,
a link to the chapter, a CSV download an instructor could collect, and a reset. Nothing leaves
the browser. In a live kernel and in print the page says what it is for instead.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Sequence

import yaml

from drugresist.quiz import markup
from drugresist.quiz.bank import BANK_DIR, QuizBank, all_banks
from drugresist.quiz.render import _asset, _json_for_script, question_hash

PLAIN_NOTE = (
    "In the web version of the book this page lists, for every chapter, how many quiz questions you "
    "have answered and how many correctly. Your answers are kept by your own browser, on your own "
    "device; nothing is sent anywhere."
)


#: The book's root folder (holding _toc.yml and book/), when the package runs from the repository.
BOOK_ROOT = BANK_DIR.parent.parent
_HEADING = re.compile(r"^# (.+)$", re.MULTILINE)


def chapter_order_and_titles(root: Path = BOOK_ROOT) -> dict[str, str]:
    """Chapter name -> its title (the page's first ``# `` heading), in table-of-contents order.

    Empty when the book's sources are not there (the package installed on its own)."""
    toc_path = root / "_toc.yml"
    if not toc_path.is_file():
        return {}
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    titles: dict[str, str] = {}
    for part in toc.get("parts", []):
        for chapter in part.get("chapters", []):
            source = root / f"{chapter['file']}.md"
            match = _HEADING.search(source.read_text(encoding="utf-8")) if source.is_file() else None
            if match:
                titles[Path(chapter["file"]).name] = match.group(1).strip()
    return titles


def progress_data(banks: Sequence[QuizBank], chapter_href: str = "{bank}.html",
                  titles: dict[str, str] | None = None) -> dict[str, Any]:
    """What the page's script needs: per bank its id, chapter title, link and (question id, hash)
    pairs; banks in the order of ``titles`` (the book's), any others after them by id."""
    titles = chapter_order_and_titles() if titles is None else titles
    order = {name: index for index, name in enumerate(titles)}
    banks = sorted(banks, key=lambda bank: (order.get(bank.id, len(order)), bank.id))
    return {
        "banks": [
            {
                "bank": bank.id,
                "title": titles.get(bank.id) or markup.to_plain(bank.title),
                "href": chapter_href.format(bank=bank.id),
                "questions": [{"id": q.id, "hash": question_hash(q)} for q in bank.questions],
            }
            for bank in banks
        ]
    }


def progress_html(banks: Sequence[QuizBank], chapter_href: str = "{bank}.html") -> str:
    """A self-contained table of quiz progress with download and reset buttons (no external requests)."""
    data = _json_for_script(progress_data(banks, chapter_href))
    return (
        '<div class="drq-progress" id="drq-progress">'
        f"<style>{_asset('quiz.css')}</style>"
        '<table class="drq-progress-table"><caption>Your quiz progress, as saved by this browser</caption>'
        '<thead><tr><th scope="col">Chapter</th><th scope="col">Questions</th>'
        '<th scope="col">Answered</th><th scope="col">Correct</th></tr></thead><tbody></tbody></table>'
        '<p class="drq-progress-total" aria-live="polite"></p>'
        '<p class="drq-progress-status" role="status"></p>'
        '<p><button type="button" class="drq-check drq-progress-download">Download my progress (CSV)</button> '
        '<button type="button" class="drq-check drq-progress-reset">Reset my progress</button></p>'
        f'<script type="application/json" class="drq-progress-data">{data}</script>'
        f"<script>{_asset('quiz.js')}</script>"
        '<script>drugresistProgress(document.getElementById("drq-progress"));</script>'
        "</div>"
    )


class Progress:
    """Displayable progress page: HTML table in the book, a sentence in a kernel and in print."""

    def __init__(self, banks: Sequence[QuizBank]) -> None:
        self.banks = list(banks)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        from drugresist.quiz import LATEX_MIME

        return {
            "text/plain": PLAIN_NOTE,
            "text/html": progress_html(self.banks),
            LATEX_MIME: markup.escape_latex(PLAIN_NOTE) + "\n",
        }


def show_progress() -> Progress:
    """The progress table for every quiz bank in the course."""
    return Progress(all_banks())
