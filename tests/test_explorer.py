"""Explorers: sliders redraw in a kernel; the static form is a working gallery; print gets a PNG."""

from __future__ import annotations

import base64
import re

import pytest

from drugresist.explorer import Explorer, Slider
from drugresist.figures.target_alteration import competition_explorer, ic50_shift_alt

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def explorer() -> Explorer:
    return competition_explorer()


def test_moving_a_slider_redraws_the_figure(explorer):
    box = explorer.widget()
    before = bytes(box.image.value)
    assert before.startswith(PNG_MAGIC)
    box.controls["atp_affinity_fold"].value = 60
    assert bytes(box.image.value) != before
    assert "60-fold higher ATP affinity" in box.children[-1].value


def test_static_gallery_has_one_frame_per_preset_with_alt_text_and_no_external_requests(explorer):
    out = explorer.to_html()
    assert out.count('type="radio"') == len(explorer.presets) == out.count("<img ")
    assert out.count(" hidden>") == len(explorer.presets) - 1
    alts = re.findall(r'alt="([^"]+)"', out)
    assert alts[1] == ic50_shift_alt(**explorer.presets[1]).replace("'", "&#x27;")
    assert all(len(a) > 60 for a in alts)
    assert "https://" not in out and "http://" not in out
    assert "launch button" in out
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', out)
    assert all(base64.b64decode(i).startswith(PNG_MAGIC) for i in images)


def test_mimebundle_has_widget_html_and_default_png(explorer):
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert base64.b64decode(bundle["image/png"]).startswith(PNG_MAGIC)
    assert bundle["text/html"].startswith('<div class="drugresist-explorer"')


def test_params_reject_unknown_names_and_out_of_range_values(explorer):
    with pytest.raises(ValueError, match="unknown parameter"):
        explorer.params(atp_affinity=3)
    with pytest.raises(ValueError, match="outside the slider range"):
        explorer.params(atp_affinity_fold=1000)


@pytest.mark.parametrize(
    "args, words",
    [
        (("x", "x", 1, 0, 0.1, 0.5), "min"),
        (("x", "x", 0, 1, 0, 0.5), "step"),
        (("x", "x", 0, 1, 0.1, 2), "default"),
        (("not a name", "x", 0, 1, 0.1, 0.5), "identifier"),
    ],
)
def test_bad_slider_specifications_raise(args, words):
    with pytest.raises(ValueError, match=words):
        Slider(*args)
