"""Mechanism diagrams: each returns a figure whose labels fit, do not overlap one another or the shapes
they do not name, print at 7 pt or more, and appear in their chapter page with alt text.

Fast: the figures are drawn with Agg and measured with the renderer's own text boxes; no book build.
"""

from __future__ import annotations

import re

import pytest
import yaml
from matplotlib.figure import Figure

from conftest import ROOT
from drugresist.figures.diagram import (
    MIN_PRINT_PT,
    PRINT_WIDTH_IN,
    drug,
    label,
    layout_problems,
    new_diagram,
    protein,
)
from drugresist.figures.mechanisms import DIAGRAMS

#: The drawn schematics of the three chapters that had one before the shared helpers.
OLDER_SCHEMATICS = {
    "dna_repair": "from drugresist.figures.dna_repair import plot_synthetic_lethality",
    "drug_inactivation": "from drugresist.figures.drug_inactivation import plot_pathway",
    "immune_escape": "from drugresist.figures.immune_escape import plot_mechanism",
}
STRATEGY_CHAPTERS_WITH_DIAGRAMS = ("combination_therapy", "adaptive_therapy")

CELL = re.compile(r"```\{code-cell\}[^\n]*\n(.*?)```", re.S)


def _mechanism_chapters() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    part = next(p for p in toc["parts"] if p["caption"] == "Mechanisms of resistance")
    return [c["file"].removeprefix("book/") for c in part["chapters"]]


def _cells(chapter: str) -> list[str]:
    return CELL.findall((ROOT / "book" / f"{chapter}.md").read_text(encoding="utf-8"))


def _front_matter(cell: str) -> dict:
    match = re.match(r"---\n(.*?)\n---\n", cell, re.S)
    return yaml.safe_load(match.group(1)) if match else {}


@pytest.mark.parametrize("name", list(DIAGRAMS))
def test_diagram_returns_a_clean_figure(name):
    function, _ = DIAGRAMS[name]
    fig = function()
    assert isinstance(fig, Figure)
    assert layout_problems(fig) == []


@pytest.mark.parametrize("name", list(DIAGRAMS))
def test_diagram_text_is_legible_when_printed_16_cm_wide(name):
    fig = DIAGRAMS[name][0]()
    scale = PRINT_WIDTH_IN / fig.get_figwidth()
    smallest = min(t.get_fontsize() for t in fig.findobj(lambda a: hasattr(a, "get_fontsize") and hasattr(a, "get_text")
                                                          and a.get_text()))
    assert smallest * scale >= MIN_PRINT_PT - 1e-9, f"{name}: {smallest * scale:.1f} pt at print size"


def test_diagram_background_is_white_for_the_dark_theme():
    for name, (function, _) in DIAGRAMS.items():
        fig = function()
        assert fig.get_facecolor()[:3] == (1.0, 1.0, 1.0), name


def test_the_layout_check_sees_overlaps_and_overflow():
    d = new_diagram(10.0, 5.0)
    protein(d, (5.0, 2.5), 2.0, 1.0, "box")
    label(d, (5.0, 2.9), "a label on a box it does not name")
    label(d, (5.2, 2.9), "another label on top")
    label(d, (9.9, 4.9), "running off the edge", ha="left")
    drug(d, (1.0, 1.0), name="pill")
    label(d, (1.0, 1.0), "x", names=("pill",))  # names its shape: allowed
    problems = layout_problems(d.fig)
    assert any("overlaps the shape 'box'" in p for p in problems)
    assert any("overlaps 'another label" in p for p in problems)
    assert any("runs outside" in p for p in problems)
    assert not any("'x'" in p for p in problems)


def test_small_text_is_refused():
    d = new_diagram(10.0, 5.0)
    with pytest.raises(ValueError, match="print below"):
        label(d, (5, 2.5), "tiny", size=6)


@pytest.mark.parametrize("chapter", sorted({c for _, c in DIAGRAMS.values()}))
def test_chapter_shows_its_diagrams_with_alt_text_and_caption(chapter):
    cells = _cells(chapter)
    for name, (function, home) in DIAGRAMS.items():
        if home != chapter:
            continue
        matching = [c for c in cells if f"import {function.__name__}" in c]
        assert matching, f"{chapter}.md has no cell showing {function.__name__}"
        meta = _front_matter(matching[0])
        assert "remove-input" in meta.get("tags", [])
        alt = meta["mystnb"]["image"]["alt"]
        assert 60 <= len(alt) <= 600, f"{function.__name__}: alt text of {len(alt)} characters"
        assert meta["mystnb"]["figure"]["caption"] and meta["mystnb"]["figure"]["name"].startswith("fig-")


def test_every_mechanism_chapter_has_a_mechanism_diagram():
    homes = {c for _, c in DIAGRAMS.values()}
    for chapter in _mechanism_chapters() + list(STRATEGY_CHAPTERS_WITH_DIAGRAMS):
        if chapter in OLDER_SCHEMATICS:
            assert any(OLDER_SCHEMATICS[chapter] in c for c in _cells(chapter)), chapter
        else:
            assert chapter in homes, f"{chapter} has no mechanism diagram"


@pytest.mark.parametrize("chapter", sorted({c for _, c in DIAGRAMS.values()}))
def test_diagram_has_a_longer_description_after_it(chapter):
    text = (ROOT / "book" / f"{chapter}.md").read_text(encoding="utf-8")
    for function, home in DIAGRAMS.values():
        if home != chapter:
            continue
        after = text.split(f"{function.__name__}()\n```", 1)[1].split("```{code-cell}", 1)[0]
        assert "```{admonition} Figure description\n:class: dropdown" in after, function.__name__
