"""Citation integrity: every cited key exists, every entry is cited, DOIs are well formed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pybtex.database import parse_file

from drugresist.quiz import all_banks

ROOT = Path(__file__).resolve().parent.parent
CITE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]+)`")
DOI = re.compile(r"^10\.\d{4,9}/[^\s]+$")


@pytest.fixture(scope="module")
def bibliography():
    return parse_file(str(ROOT / "references.bib"), bib_format="bibtex")


def _page_sources() -> dict[Path, str]:
    sources = {p: p.read_text(encoding="utf-8") for p in sorted((ROOT / "book").glob("*.md"))}
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        sources[notebook] = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return sources


def _cited_keys() -> dict[str, set[str]]:
    """bib key -> the files that cite it (pages, notebooks and quiz banks)."""
    cited: dict[str, set[str]] = {}
    for path, text in _page_sources().items():
        for match in CITE.finditer(text):
            for key in match.group(1).split(","):
                cited.setdefault(key.strip(), set()).add(path.name)
    for bank in all_banks():
        for question in bank.questions:
            for key in question.cite:
                cited.setdefault(key, set()).add(f"{bank.id}.yaml:{question.id}")
    return cited


def test_every_cited_key_is_in_references_bib(bibliography):
    missing = {k: sorted(v) for k, v in _cited_keys().items() if k not in bibliography.entries}
    assert not missing, f"cited but not in references.bib: {missing}"


def test_every_entry_is_cited_somewhere(bibliography):
    uncited = sorted(set(bibliography.entries) - set(_cited_keys()))
    assert not uncited, f"in references.bib but never cited: {uncited}"


def test_every_doi_is_well_formed(bibliography):
    bad = {k: e.fields["doi"] for k, e in bibliography.entries.items() if "doi" in e.fields and not DOI.match(e.fields["doi"])}
    assert not bad, f"malformed DOIs: {bad}"


def test_dois_are_unique(bibliography):
    dois = [e.fields["doi"].lower() for e in bibliography.entries.values() if "doi" in e.fields]
    assert len(dois) == len(set(dois))


def test_every_entry_has_the_fields_a_reader_needs(bibliography):
    for key, entry in bibliography.entries.items():
        assert entry.persons.get("author"), f"{key} has no author"
        for field in ("title", "year"):
            assert entry.fields.get(field), f"{key} has no {field}"
        assert entry.fields.get("journal") or entry.fields.get("publisher") or entry.fields.get("booktitle"), key


# Works named in a source essay's reference list that no bibliographic record knows
# (see shared/science/README.md): they must never be cited as evidence.
UNFOUND_WORKS = [("Kumar", "2019"), ("Narasimhan", "2022")]


def test_unfound_source_essay_works_are_not_in_the_bibliography(bibliography):
    for key, entry in bibliography.entries.items():
        first_author = entry.persons["author"][0].last_names[0] if entry.persons.get("author") else ""
        for surname, year in UNFOUND_WORKS:
            assert not (first_author == surname and entry.fields.get("year") == year), key
        if first_author == "Li" and entry.fields.get("year") == "2021":
            assert "Cancer Research" not in entry.fields.get("journal", ""), key


# Provenance lives inside the entry it describes (issue 21 §4): a comment above an entry drifts
# when entries are added or moved, a field does not.
def test_every_entry_records_where_it_was_verified(bibliography):
    missing = [k for k, e in bibliography.entries.items() if len(e.fields.get("x-verified", "").strip()) < 20]
    assert not missing, f"entries without an x-verified field saying where they were confirmed: {missing}"


def test_no_stray_provenance_comments_in_references_bib():
    lines = (ROOT / "references.bib").read_text(encoding="utf-8").splitlines()
    first_entry = next(i for i, line in enumerate(lines) if line.startswith("@"))
    stray = [i + 1 for i, line in enumerate(lines) if line.lstrip().startswith("%") and i > first_entry]
    assert not stray, f"comments between entries in references.bib (put provenance in x-verified): lines {stray}"


def test_sphinxcontrib_bibtex_style_does_not_print_the_provenance(bibliography):
    from pybtex.plugin import find_plugin

    style = find_plugin("pybtex.style.formatting", "alpha")()
    for entry in style.format_entries(bibliography.entries.values()):
        text = entry.text.render_as("text")
        assert "VERIFIED" not in text and "x-verified" not in text, entry.key
