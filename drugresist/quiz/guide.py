"""The instructor guide's table of which quiz questions test which learning objective, generated
from the banks and the chapters (so it cannot drift from them): per chapter, each numbered
objective with the questions that name it (their number in the quiz and their id) and the
chapter's level mix. ``objective_table()`` displays as HTML in the web book, as LaTeX in print
and as text elsewhere."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html import escape
from typing import Any, Sequence

from drugresist.quiz import markup
from drugresist.quiz.bank import LEVELS, QuizBank, bank_ids, load_bank
from drugresist.quiz.check import read_objectives


@dataclass(frozen=True)
class ObjectiveRow:
    number: int
    text: str  # the objective as the chapter states it (plain text, markdown emphasis removed)
    questions: tuple[tuple[int, str, str | None], ...]  # (number in the quiz, id, level)


@dataclass(frozen=True)
class ChapterCoverage:
    bank_id: str
    title: str
    rows: tuple[ObjectiveRow, ...]
    levels: tuple[tuple[str, int], ...]
    unlinked: tuple[tuple[int, str], ...]  # questions that name no objective of the chapter


def _plain_objective(text: str) -> str:
    return " ".join(text.replace("**", "").replace("*", "").replace("`", "").split())


def _chapter_title(bank: QuizBank) -> str:
    """The chapter page's own title (its first ``# `` heading), else the bank's title."""
    from drugresist.quiz.check import chapter_page

    page = chapter_page(bank.id)
    if page is not None:
        for line in page.read_text(encoding="utf-8").splitlines():
            if line.startswith("# "):
                return _plain_objective(line[2:])
    return markup.to_plain(bank.title)


def coverage(bank: QuizBank, objectives: Sequence[str] | None = None) -> ChapterCoverage:
    """Which questions of ``bank`` test each objective of its chapter."""
    if objectives is None:
        objectives = read_objectives(bank.id) or []
    rows = []
    for number, text in enumerate(objectives, start=1):
        questions = tuple((position, q.id, q.level) for position, q in enumerate(bank.questions, start=1)
                          if number in q.objectives)
        rows.append(ObjectiveRow(number, _plain_objective(text), questions))
    levels = Counter(q.level or "unlabelled" for q in bank.questions)
    unlinked = tuple((position, q.id) for position, q in enumerate(bank.questions, start=1)
                     if not any(1 <= n <= len(objectives) for n in q.objectives))
    return ChapterCoverage(bank.id, _chapter_title(bank), tuple(rows),
                           tuple((level, levels[level]) for level in (*LEVELS, "unlabelled") if levels[level]),
                           unlinked)


def _level_mix(chapter: ChapterCoverage) -> str:
    return ", ".join(f"{level} {count}" for level, count in chapter.levels)


def _question_list(row: ObjectiveRow) -> str:
    return ", ".join(f"{position} ({qid})" for position, qid, _level in row.questions) or "none yet"


class ObjectiveTable:
    """Displayable coverage of every chapter's objectives by its quiz questions."""

    def __init__(self, chapters: Sequence[ChapterCoverage]) -> None:
        self.chapters = list(chapters)

    def to_plain(self) -> str:
        lines = []
        for chapter in self.chapters:
            lines.append(f"{chapter.title} ({chapter.bank_id}); levels: {_level_mix(chapter)}")
            for row in chapter.rows:
                lines.append(f"  {row.number}. {row.text} -> questions {_question_list(row)}")
            if chapter.unlinked:
                lines.append("  not linked to an objective: " + ", ".join(f"{p} ({q})" for p, q in chapter.unlinked))
        return "\n".join(lines)

    def to_html(self) -> str:
        parts = ['<div class="drq-objectives">']
        for chapter in self.chapters:
            parts.append(f'<p><strong><a href="{escape(chapter.bank_id)}.html">{escape(chapter.title)}</a></strong> '
                         f"(levels: {escape(_level_mix(chapter))})</p>")
            parts.append('<table class="table"><thead><tr><th>objective</th><th>quiz questions (number and id)</th>'
                         "</tr></thead><tbody>")
            for row in chapter.rows:
                parts.append(f"<tr><td>{row.number}. {escape(row.text)}</td><td>{escape(_question_list(row))}</td></tr>")
            if chapter.unlinked:
                parts.append("<tr><td>not linked to an objective</td><td>"
                             + escape(", ".join(f"{p} ({q})" for p, q in chapter.unlinked)) + "</td></tr>")
            parts.append("</tbody></table>")
        parts.append("</div>")
        return "".join(parts)

    def to_latex(self) -> str:
        tex = markup.escape_latex
        out = []
        for chapter in self.chapters:
            out.append(r"\par\medskip\noindent\textbf{" + tex(chapter.title) + "} (levels: " + tex(_level_mix(chapter)) + r")\par")
            out.append(r"\begin{itemize}\setlength{\itemsep}{1pt}\setlength{\parskip}{0pt}")
            for row in chapter.rows:
                out.append(r"\item " + f"{row.number}. " + tex(row.text) + r" \emph{Questions:} " + tex(_question_list(row)))
            if chapter.unlinked:
                out.append(r"\item \emph{Not linked to an objective:} "
                           + tex(", ".join(f"{p} ({q})" for p, q in chapter.unlinked)))
            out.append(r"\end{itemize}")
        return "\n".join(out) + "\n"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        from drugresist.quiz import LATEX_MIME

        return {"text/plain": self.to_plain(), "text/html": self.to_html(), LATEX_MIME: self.to_latex()}


def objective_table(banks: Sequence[str] | None = None) -> ObjectiveTable:
    """The table for the given bank ids (default: every bank, in the book's chapter order)."""
    if banks is None:
        banks = _book_order(bank_ids())
    return ObjectiveTable([coverage(load_bank(name)) for name in banks])


def _book_order(ids: Sequence[str]) -> list[str]:
    """Bank ids in the order of _toc.yml (banks not in it last, alphabetically)."""
    from pathlib import Path

    import yaml

    toc_path = Path(__file__).resolve().parent.parent.parent / "_toc.yml"
    order: list[str] = []
    if toc_path.is_file():
        toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
        for part in toc.get("parts", []):
            order += [chapter["file"].split("/")[-1] for chapter in part.get("chapters", [])]
    ranked = [name for name in order if name in ids]
    return ranked + sorted(set(ids) - set(ranked))
