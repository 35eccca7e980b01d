"""The introduction's concept map: one marker per mechanism chapter, placed where it acts, with a clean layout."""

from __future__ import annotations

import json
import re

import yaml

from conftest import ROOT
from drugresist.figures.diagram import layout_problems
from drugresist.figures.intro import MARKERS, MECHANISMS, REGIONS, map_alt, plot_mechanism_map


def _mechanism_chapters() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    part = next(p for p in toc["parts"] if p["caption"] == "Mechanisms of resistance")
    return [c["file"].removeprefix("book/") for c in part["chapters"]]


def test_one_marker_per_mechanism_chapter_in_chapter_order():
    assert [chapter for chapter, _, _ in MECHANISMS] == _mechanism_chapters()
    assert set(MARKERS) == set(_mechanism_chapters())


def test_every_mechanism_has_one_of_the_four_places():
    assert list(REGIONS) == ["inside the cell", "at the membrane", "in the tissue", "in the immune system"]
    assert {place for _, _, place in MECHANISMS} == set(REGIONS)


def test_map_labels_fit_and_do_not_overlap():
    assert layout_problems(plot_mechanism_map()) == []


def test_markers_do_not_overlap_each_other():
    points = list(MARKERS.values())
    for i, (x1, y1) in enumerate(points):
        for x2, y2 in points[i + 1:]:
            assert (x1 - x2) ** 2 + (y1 - y2) ** 2 >= 0.7 ** 2, ((x1, y1), (x2, y2))


def test_intro_links_every_mechanism_chapter_and_uses_the_alt_text():
    text = (ROOT / "book" / "intro.md").read_text(encoding="utf-8")
    for chapter in _mechanism_chapters():
        assert "{doc}`" + chapter + "`" in text, chapter
    alt = re.search(r"alt: (\".*?\")\n", text.split("plot_mechanism_map()", 1)[0]).group(1)
    assert json.loads(alt) == map_alt(), "book/intro.md's alt text is not map_alt(): paste the new one"
