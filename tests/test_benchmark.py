"""The benchmark finds every explorer in the package (and nothing that is not one)."""

from __future__ import annotations

import re
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))


def test_benchmark_times_every_explorer_that_a_chapter_shows():
    from benchmark import explorers

    from drugresist.explorer import Explorer

    found = dict(explorers())
    assert all(isinstance(e, Explorer) for e in found.values())
    shown = set()
    for page in (ROOT / "book").glob("*.md"):
        for module, function in re.findall(r"from drugresist\.figures\.(\w+) import (\w+_explorer)\b", page.read_text(encoding="utf-8")):
            shown.add(f"{module}.{function}")
    assert shown, "no chapter shows an explorer?"
    assert shown <= set(found), f"explorers shown in chapters but not benchmarked: {sorted(shown - set(found))}"


def test_explorer_redraws_are_reported_against_the_floor_measured_in_the_same_run():
    import numpy as np
    from benchmark import FloorRenderer, floor_ratios

    from drugresist.explorer import Explorer, Slider
    from drugresist.style import new_figure

    def plot(k: float = 1.0):
        fig, ax = new_figure(layout=None)
        ax.plot(np.linspace(0, 1, 50), k * np.linspace(0, 1, 50))
        return fig

    floor = FloorRenderer()
    assert floor()[:8] == b"\x89PNG\r\n\x1a\n"
    r = floor_ratios(Explorer(plot, [Slider("k", "k", 0.5, 2, 0.5, 1.0)], alt=lambda k=1.0: "x"), repeats=1, per_slider=3)
    assert r["moves"] == 3 and r["floor_ms"] > 0
    assert np.isclose(r["median_x"], r["median_ms"] / r["floor_ms"]) and r["p90_x"] >= r["median_x"]
