"""The introduction's mechanism map has one box per mechanism chapter, and the boxes fit and do not overlap."""

from __future__ import annotations

import yaml

from conftest import ROOT
from drugresist.figures.intro import _BOX_HEIGHT, _BOX_WIDTH, MECHANISMS, box_centres


def _mechanism_chapters() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    part = next(p for p in toc["parts"] if p["caption"] == "Mechanisms of resistance")
    return [c["file"] for c in part["chapters"]]


def test_one_box_per_mechanism_chapter():
    assert len(MECHANISMS) == len(_mechanism_chapters())


def test_boxes_lie_inside_the_axes_and_do_not_overlap():
    centres = box_centres(len(MECHANISMS))
    for x, y in centres:
        assert 0 <= x - _BOX_WIDTH / 2 and x + _BOX_WIDTH / 2 <= 1
        assert 0 <= y - _BOX_HEIGHT / 2 and y + _BOX_HEIGHT / 2 <= 1
    for i, (x1, y1) in enumerate(centres):
        for x2, y2 in centres[i + 1:]:
            assert abs(x1 - x2) >= _BOX_WIDTH or abs(y1 - y2) >= _BOX_HEIGHT, ((x1, y1), (x2, y2))


def test_box_centres_split_into_two_columns():
    assert box_centres(1) == [(0.16, 0.5)]
    left, right = box_centres(5)[:3], box_centres(5)[3:]
    assert {x for x, _ in left} == {0.16} and {x for x, _ in right} == {0.84}
    assert [y for _, y in left] == sorted((y for _, y in left), reverse=True)
