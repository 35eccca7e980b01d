"""One source of truth for explorer parameters (issue 23 §1): every explorer's sliders declare its
parameters once, and the plot function's defaults (the chapter's default figure) and the alt
text's defaults are the sliders' defaults, for every explorer the figures package offers."""

from __future__ import annotations

import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))

from benchmark import explorers  # noqa: E402  (finds every *_explorer in drugresist.figures)

from drugresist.explorer import Explorer, Slider  # noqa: E402

EXPLORERS = explorers()


def test_every_explorer_is_checked():
    assert len(EXPLORERS) >= 15


@pytest.mark.parametrize("name,explorer", EXPLORERS, ids=[name for name, _ in EXPLORERS])
def test_plot_and_alt_defaults_are_the_sliders_defaults(name, explorer):
    assert explorer.default_mismatches() == [], name


@pytest.mark.parametrize("name,explorer", EXPLORERS, ids=[name for name, _ in EXPLORERS])
def test_presets_and_print_figure_start_from_the_sliders(name, explorer):
    # the print figure (Explorer.png) and the explorer's starting state are the slider defaults
    assert explorer.params() == explorer.defaults()
    for preset in explorer.presets:
        assert set(preset) == {s.name for s in explorer.sliders}


def test_a_drifted_default_is_caught():
    def plot(dose: float = 2.0):  # the slider below says 1.0
        return None

    def alt(dose: float = 1.0):
        return ""

    explorer = Explorer(plot, [Slider("dose", "Dose (mg)", 0, 5, 0.5, 1.0)], alt=alt)
    problems = explorer.default_mismatches()
    assert len(problems) == 1 and "dose=2.0" in problems[0] and "1.0" in problems[0]
