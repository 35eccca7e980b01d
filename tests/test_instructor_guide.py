"""The instructor guide assigns every chapter, and its table of times and quiz sizes agrees with
the chapters and the banks themselves (so the guide cannot drift when a chapter changes)."""

from __future__ import annotations

import re

from conftest import ROOT, toc_files
from drugresist.quiz.bank import bank_ids, load_bank

GUIDE = ROOT / "book" / "instructor_guide.md"
REFERENCE_PAGES = {"welcome", "how_to_use", "instructor_guide", "glossary", "references", "progress"}
DOC = re.compile(r"\{doc\}`([^`]+)`")
TIME = re.compile(r"about (\d+) minutes[^;.]*(?:;\s*(\d+) more for the lab)?")


def _section(title: str) -> str:
    return GUIDE.read_text(encoding="utf-8").split(f"## {title}", 1)[1].split("\n## ", 1)[0]


def _table_rows(title: str) -> list[list[str]]:
    rows = [line for line in _section(title).splitlines() if line.startswith("| ") and "{doc}" in line]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]


def _chapters() -> set[str]:
    return {name.split("/")[-1] for name in toc_files() if name.startswith("book/")} - REFERENCE_PAGES


def _chapter_minutes(name: str) -> tuple[int, int | None]:
    """(reading, lab) minutes as the chapter itself states them under Time to complete / Time."""
    text = (ROOT / "book" / f"{name}.md").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith(("**Time to complete:**", "**Time:**")))
    match = TIME.search(line)
    assert match, f"{name}: cannot read the time from {line!r}"
    return int(match.group(1)), int(match.group(2)) if match.group(2) else None


def test_every_chapter_is_assigned_in_the_syllabus():
    assigned = {target for row in _table_rows("A suggested syllabus") for target in DOC.findall(row[1])}
    missing = sorted(_chapters() - assigned)
    assert not missing, f"chapters not in the instructor guide's syllabus: {missing}"


def test_every_chapter_has_one_row_at_a_glance():
    listed = [DOC.findall(row[0])[0] for row in _table_rows("Chapters at a glance")]
    assert sorted(listed) == sorted(_chapters()), f"at a glance lists {sorted(listed)}"


def test_times_at_a_glance_are_the_chapters_own():
    for row in _table_rows("Chapters at a glance"):
        name = DOC.findall(row[0])[0]
        reading, lab = _chapter_minutes(name)
        assert row[1] == f"{reading} min", f"{name}: guide says {row[1]!r}, chapter says {reading} min"
        assert row[2] == (f"{lab} min" if lab else "–"), f"{name}: lab time {row[2]!r} vs chapter {lab}"


def test_quiz_sizes_at_a_glance_match_the_banks():
    seen = set()
    for row in _table_rows("Chapters at a glance"):
        name = DOC.findall(row[0])[0]
        expected = str(len(load_bank(name).questions)) if name in bank_ids() else "–"
        assert row[3] == expected, f"{name}: guide says {row[3]!r} questions, the bank holds {expected}"
        seen.add(name)
    assert set(bank_ids()) <= seen, f"banks not at a glance: {sorted(set(bank_ids()) - seen)}"


def test_exercise_counts_at_a_glance_match_the_chapters():
    for row in _table_rows("Chapters at a glance"):
        name = DOC.findall(row[0])[0]
        text = (ROOT / "book" / f"{name}.md").read_text(encoding="utf-8")
        count = len(re.findall(r"^```\{exercise\}", text, re.M))
        assert row[4] == str(count), f"{name}: guide says {row[4]!r} exercises, the chapter has {count}"


def _objective_count(name: str) -> int:
    """Numbered items in the chapter's Learning objectives admonition, counted here independently."""
    text = (ROOT / "book" / f"{name}.md").read_text(encoding="utf-8")
    block = text.split("{admonition} Learning objectives\n", 1)[1].split("\n```", 1)[0]
    return len(re.findall(r"^\d+\. ", block, re.M))


def test_objective_table_is_generated_in_the_guide_not_written_by_hand():
    section = _section("Quizzes")
    assert "from drugresist.quiz.guide import objective_table" in section and "objective_table()" in section
    assert "```{code-cell}" in section
    assert "test exactly those" not in GUIDE.read_text(encoding="utf-8")


def test_objective_table_lists_every_chapter_objective_with_the_questions_that_name_it():
    import yaml

    from drugresist.quiz.guide import objective_table

    table = objective_table()
    assert [c.bank_id for c in table.chapters] == [n.split("/")[-1] for n in toc_files() if n.split("/")[-1] in bank_ids()]
    html = table._repr_mimebundle_()["text/html"]
    for chapter in table.chapters:
        raw = yaml.safe_load((ROOT / "drugresist" / "quizbanks" / f"{chapter.bank_id}.yaml").read_text(encoding="utf-8"))
        assert len(chapter.rows) == _objective_count(chapter.bank_id), chapter.bank_id
        for row in chapter.rows:
            expected = [(i, q["id"]) for i, q in enumerate(raw["questions"], start=1) if row.number in q.get("objectives", [])]
            assert [(n, qid) for n, qid, _level in row.questions] == expected, (chapter.bank_id, row.number)
        levels = dict(chapter.levels)
        assert sum(levels.values()) == len(raw["questions"])
        assert f'href="{chapter.bank_id}.html"' in html
