"""The instructor guide's syllabus covers every chapter and states each quiz's true size."""

from __future__ import annotations

import re

from conftest import ROOT, toc_files
from drugresist.quiz.bank import bank_ids, load_bank

GUIDE = ROOT / "book" / "instructor_guide.md"


def _syllabus_rows() -> list[str]:
    text = GUIDE.read_text(encoding="utf-8")
    table = text.split("## A suggested syllabus", 1)[1].split("\n## ", 1)[0]
    return [line for line in table.splitlines() if line.startswith("| ") and "{doc}" in line]


def test_every_chapter_is_assigned_in_the_syllabus():
    assigned = {target for row in _syllabus_rows() for target in re.findall(r"\{doc\}`([^`]+)`", row)}
    chapters = {name.split("/")[-1] for name in toc_files() if name.startswith("book/")}
    reference_pages = {"welcome", "how_to_use", "instructor_guide", "glossary", "references"}
    missing = sorted(chapters - reference_pages - assigned)
    assert not missing, f"chapters not in the instructor guide's syllabus: {missing}"


def test_quiz_sizes_in_the_syllabus_match_the_banks():
    checked = set()
    for row in _syllabus_rows():
        banks = [t for t in re.findall(r"\{doc\}`([^`]+)`", row) if t in bank_ids()]
        sizes_text = re.search(r"\(([\d ,and]+) questions\)", row)
        if not banks:
            continue
        assert sizes_text, f"row assigns {banks} but gives no quiz size: {row}"
        sizes = [int(n) for n in re.findall(r"\d+", sizes_text.group(1))]
        expected = [len(load_bank(b).questions) for b in banks]
        assert sizes == expected, f"{banks}: guide says {sizes}, banks hold {expected}"
        checked.update(banks)
    assert checked == set(bank_ids()), f"banks with no stated size: {sorted(set(bank_ids()) - checked)}"
