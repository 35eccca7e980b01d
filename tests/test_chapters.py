"""Every chapter says when its evidence was last reviewed, in one format, right under its time line.

A chapter is every page in a numbered part of the table of contents (which includes the case
chapter), plus any other book page that states a time to complete (the introduction and
"Checking the sources"). The line must come right after the time line, separated by one blank
line, and read exactly ``**Evidence reviewed:** <Month> <YYYY>``.
"""

from __future__ import annotations

import calendar
import re

import pytest
import yaml

from conftest import ROOT

TIME_PREFIXES = ("**Time to complete:**", "**Time:**")
REVIEWED_PREFIX = "**Evidence reviewed:**"
MONTHS = [calendar.month_name[number] for number in range(1, 13)]
REVIEWED = re.compile(r"^\*\*Evidence reviewed:\*\* (?P<month>[A-Z][a-z]+) (?P<year>\d{4})$")


def _numbered_chapters() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [
        chapter["file"]
        for part in toc.get("parts", [])
        if part.get("numbered")
        for chapter in part["chapters"]
    ]


def _timed_pages() -> list[str]:
    pages = []
    for path in sorted((ROOT / "book").glob("*.md")):
        lines = path.read_text(encoding="utf-8").splitlines()
        if any(line.startswith(TIME_PREFIXES) for line in lines):
            pages.append(f"book/{path.stem}")
    return pages


def _chapters() -> list[str]:
    return sorted(set(_numbered_chapters()) | set(_timed_pages()))


def test_the_numbered_parts_include_the_case_chapter():
    assert "book/case_closed" in _numbered_chapters()
    assert len(_numbered_chapters()) >= 9


@pytest.mark.parametrize("page", _chapters())
def test_chapter_states_its_review_date_under_its_time(page):
    lines = (ROOT / f"{page}.md").read_text(encoding="utf-8").splitlines()
    time_lines = [index for index, line in enumerate(lines) if line.startswith(TIME_PREFIXES)]
    assert len(time_lines) == 1, f"{page}: expected one time line, found {len(time_lines)}"
    reviewed = [index for index, line in enumerate(lines) if line.startswith(REVIEWED_PREFIX)]
    assert len(reviewed) == 1, f"{page}: expected one '{REVIEWED_PREFIX}' line, found {len(reviewed)}"
    time_index, reviewed_index = time_lines[0], reviewed[0]
    assert reviewed_index == time_index + 2 and lines[time_index + 1] == "", (
        f"{page}: the review date must follow the time line after one blank line"
    )
    match = REVIEWED.match(lines[reviewed_index])
    assert match, f"{page}: {lines[reviewed_index]!r} is not '**Evidence reviewed:** <Month> <YYYY>'"
    assert match["month"] in MONTHS, f"{page}: {match['month']!r} is not a month name"
    assert 2020 <= int(match["year"]) <= 2100, f"{page}: implausible year {match['year']}"


def test_review_line_format_rejects_near_misses():
    for bad in (
        "**Evidence reviewed:** Dec 2026",
        "**Evidence reviewed:** December, 2026",
        "**Evidence reviewed:** 2026-12",
        "**Evidence reviewed:**  December 2026",
        "Evidence reviewed: December 2026",
    ):
        match = REVIEWED.match(bad)
        assert not match or match["month"] not in MONTHS, bad
    assert REVIEWED.match("**Evidence reviewed:** December 2026")
