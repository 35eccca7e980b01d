"""The static explorer data format (issue 23 §1): one version, one description, and the JS
decoder (drugresist/static/drugresist-explorer.js, run by node's test runner) reads back what the
Python encoder wrote, for lines, areas, texts and images, as :func:`drugresist.scene.resolve` does;
and :func:`~drugresist.scene.resolve` gives back the figure's own numbers."""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess

import numpy as np
import pytest
from conftest import ROOT

from drugresist import scene
from drugresist.explorer import Explorer, Slider, encode_payload
from drugresist.style import new_figure

NODE = shutil.which("node") or "/usr/bin/node"


def plot_everything(level: float = 1.0):
    """A small figure with every kind of item: lines (with a gap, on a log axis), an area, texts, an image."""
    fig, (left, right) = new_figure(ncols=2, width_in=8, height_in=3.5, layout=None)
    x = np.linspace(0.0, 10.0, 50)
    y = level * np.exp(-x / 3)
    y[20] = np.nan
    left.semilogy(x, y, label="decay")
    left.plot(x, np.full_like(x, 0.5 * level), linestyle="--", label="half")
    left.axvspan(2.0, 3.0 + level, alpha=0.2)
    left.text(1.0, 0.02, f"level {level:g}")
    left.legend(loc="upper right")
    right.imshow(np.outer(np.linspace(0, level, 8), np.linspace(1, 2, 6)), origin="lower", cmap="viridis",
                 extent=(0, 6, 0, 8))
    fig.suptitle(f"Everything at level {level:g}")
    return fig


def everything_alt(level: float = 1.0) -> str:
    return f"A test figure at level {level:g}. It has every kind of item."


@pytest.fixture(scope="module")
def explorer():
    return Explorer(plot_everything, [Slider("level", "Level (a.u.)", 0.5, 2.5, 0.5, 1.0)], alt=everything_alt,
                    title="Format test")


@pytest.fixture(scope="module")
def data(explorer):
    return explorer.static_data()


def test_data_carries_the_format_version(data):
    assert data["version"] == scene.FORMAT_VERSION


def test_resolve_gives_back_the_figures_numbers(explorer, data):
    for index, params in enumerate(explorer.grid_points()):
        state = scene.resolve(data, index)
        fig = plot_everything(**params)
        left = fig.axes[0]
        line = next(i for i in state["items"] if i["type"] == "line" and i.get("cs") == "dd" and i["ax"] == 0
                    and i["y"][0] is not None and i["y"][0] > 0.9 * params["level"])
        x, y = left.lines[0].get_xdata(), left.lines[0].get_ydata()
        keep = np.isfinite(y)
        got_y = np.array([np.nan if v is None else v for v in line["y"]])
        assert np.isnan(got_y[20]) and np.allclose(got_y[keep], y[keep], rtol=2e-3)
        assert np.allclose(line["x"], x, atol=1e-2)
        texts = [i["s"] for i in state["items"] if i["type"] == "text"]
        assert f"level {params['level']:g}" in texts and f"Everything at level {params['level']:g}" in texts
        image = next(i for i in state["items"] if i["type"] == "image")
        assert image["shape"] == [8, 6] and len(image["cells"]) == 48 and image["extent"] == [0, 6, 0, 8]
        assert any(i["type"] == "area" for i in state["items"])
        assert state["alt"] == everything_alt(**params)


def test_resolve_refuses_another_version(data):
    with pytest.raises(ValueError, match="version"):
        scene.resolve({**data, "version": scene.FORMAT_VERSION + 1}, 0)


def test_the_scripts_header_points_to_the_one_description():
    script = (ROOT / "drugresist" / "static" / "drugresist-explorer.js").read_text(encoding="utf-8")
    header = script[: script.index("*/")]
    assert "application/json" not in header, "the header still describes the old JSON format"
    assert "drugresist/scene.py" in header and "gzip+base64" in header
    assert f"var FORMAT_VERSION = {scene.FORMAT_VERSION};" in script
    assert "Static explorer data, format version" in scene.__doc__


@pytest.mark.skipif(not shutil.which("node") and not __import__("os").path.exists(NODE), reason="node is not installed")
def test_the_js_decoder_reads_what_python_wrote(explorer, data, tmp_path):
    def plain(value):  # NaN as null, as JSON has no NaN
        return None if isinstance(value, float) and math.isnan(value) else value

    arrays = [[plain(float(v)) for v in scene.decode(a)] if isinstance(a, list) else "cells" for a in data["arrays"]]
    states = [scene.resolve(data, index) for index in range(len(data["states"]))]
    (tmp_path / "payload.txt").write_text(encode_payload(data), encoding="utf-8")
    (tmp_path / "expected.json").write_text(json.dumps({
        "version": scene.FORMAT_VERSION, "digits": scene.DIGITS, "levels": scene.LEVELS,
        "data_keys": list(scene.DATA_KEYS), "arrays": arrays, "states": states}), encoding="utf-8")
    result = subprocess.run([NODE, "--test", str(ROOT / "tests" / "js" / "explorer_decoder.test.js")],
                            capture_output=True, text=True, env={"DRUGRESIST_FIXTURE": str(tmp_path), "PATH": "/usr/bin:/bin"},
                            timeout=120)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert re.search(r"# pass 3\b", result.stdout), result.stdout[-2000:]
