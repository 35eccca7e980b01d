"""No chapter relies on a later one: every link in a page's **Prerequisites:** paragraph points to a
page earlier in the table of contents, and to one read in the same session or an earlier one of
the instructor guide's session plan."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, toc_files

GUIDE = ROOT / "book" / "instructor_guide.md"
DOC = re.compile(r"\{doc\}`(?:[^`<]*<)?([^`<>]+)>?`")
PREREQ = "**Prerequisites:**"


def prerequisite_links(text: str) -> list[str]:
    """The {doc} targets in the paragraph that starts with **Prerequisites:** (empty if none)."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith(PREREQ)), None)
    if start is None:
        return []
    paragraph = []
    for line in lines[start:]:
        if not line.strip():
            break
        paragraph.append(line)
    return [target.split("/")[-1] for target in DOC.findall(" ".join(paragraph))]


def session_plan() -> dict[str, int]:
    """Chapter name -> session number, from the guide's 'A suggested syllabus' table."""
    section = GUIDE.read_text(encoding="utf-8").split("## A suggested syllabus", 1)[1].split("\n## ", 1)[0]
    sessions: dict[str, int] = {}
    for line in section.splitlines():
        match = re.match(r"\|\s*(\d+)\.", line)
        if match:
            reading = line.strip("|").split("|")[1]
            for target in DOC.findall(reading):
                sessions.setdefault(target.split("/")[-1], int(match.group(1)))
    return sessions


def _book_pages() -> list[str]:
    return [name.split("/")[-1] for name in toc_files() if name.startswith("book/")]


PAGES = [name for name in _book_pages()
         if prerequisite_links((ROOT / "book" / f"{name}.md").read_text(encoding="utf-8"))]


def test_the_parsers_find_what_they_should():
    assert prerequisite_links("x\n\n**Prerequisites:** {doc}`a` and\n{doc}`text <b>`.\n\n{doc}`c`") == ["a", "b"]
    assert len(PAGES) >= 12, PAGES
    plan = session_plan()
    assert plan["target_alteration"] == 2 and plan["case_closed"] == 9


@pytest.mark.parametrize("page", PAGES)
def test_prerequisites_come_earlier_in_the_table_of_contents(page):
    order = _book_pages()
    for target in prerequisite_links((ROOT / "book" / f"{page}.md").read_text(encoding="utf-8")):
        assert target in order, f"{page}: prerequisite {target!r} is not a page of the book"
        assert order.index(target) < order.index(page), (
            f"{page} lists {target!r} as a prerequisite, but {target!r} comes later in _toc.yml")


@pytest.mark.parametrize("page", PAGES)
def test_prerequisites_are_read_in_the_same_or_an_earlier_session(page):
    plan = session_plan()
    if page not in plan:
        pytest.skip(f"{page} is not in the session plan")
    for target in prerequisite_links((ROOT / "book" / f"{page}.md").read_text(encoding="utf-8")):
        assert target in plan, f"{page}: prerequisite {target!r} is not read in any session"
        assert plan[target] <= plan[page], (
            f"{page} (session {plan[page]}) lists {target!r}, which is read in session {plan[target]}")
