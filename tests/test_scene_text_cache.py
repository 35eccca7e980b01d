"""The live renderer draws each distinct text once (drugresist.scene._cached_draw_text): the
picture is the one Agg draws glyph by glyph, to the pixel but for antialiased edges."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from drugresist import scene
from drugresist.style import new_figure


def _figure(shift: float):
    fig, ax = new_figure(width_in=5, height_in=3.2, layout=None)
    ax.plot([0, 1, 2], [0, shift, 4], label="a curve with a label")
    ax.set_xlim(0, 2 + shift)
    ax.set_xlabel("Days from the start of therapy")
    ax.set_ylabel("Tumour cells (log scale)")
    ax.set_title(f"Shift {shift:g}: IC$_{{50}}$ text and math")
    ax.legend(loc="upper left")
    return fig


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png))).astype(int)


def test_cached_text_draws_what_agg_draws(monkeypatch):
    cached = [scene.FastCanvas(dpi=72).png(_figure(s)) for s in (0.5, 1.0, 1.5)]
    monkeypatch.setattr(scene, "_with_text_cache", lambda renderer: renderer)
    plain = [scene.FastCanvas(dpi=72).png(_figure(s)) for s in (0.5, 1.0, 1.5)]
    for a, b in zip(cached, plain):
        a, b = _pixels(a), _pixels(b)
        assert a.shape == b.shape
        differ = np.abs(a - b).max(axis=-1)
        assert differ.max() <= 20 and (differ > 0).sum() <= 0.03 * differ.size


def test_a_text_is_rasterised_once():
    scene._TEXT_BITMAPS.clear()
    canvas = scene.FastCanvas(dpi=72)
    canvas.png(_figure(0.5))
    first = len(scene._TEXT_BITMAPS)
    canvas.png(_figure(0.7))  # new limits: the background is drawn again, its texts come from the cache
    assert first > 5 and len(scene._TEXT_BITMAPS) < 2 * first
