"""Figures as the book ships them: palette PNGs that look the same as matplotlib's and weigh a third."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from drugresist.figures.mechanisms import adaptive_diagram
from drugresist.style import figure_to_png, palette_png


def _rgba(fig, transparent: bool = False) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, metadata={"Software": None}, transparent=transparent)
    return buffer.getvalue()


def test_a_diagram_is_a_palette_png_with_the_same_pixels_to_the_eye():
    fig = adaptive_diagram()
    original, shipped = _rgba(fig), figure_to_png(fig)
    assert shipped == figure_to_png(fig), "deterministic"
    before, after = Image.open(io.BytesIO(original)), Image.open(io.BytesIO(shipped))
    assert after.mode == "P" and after.size == before.size
    assert len(shipped) < 0.5 * len(original)
    difference = np.abs(np.asarray(before.convert("RGB"), int) - np.asarray(after.convert("RGB"), int))
    assert difference.mean() < 0.5 and np.percentile(difference, 99.9) < 20


def test_a_transparent_png_keeps_its_alpha_channel():
    png = _rgba(adaptive_diagram(), transparent=True)
    assert palette_png(png) == png
