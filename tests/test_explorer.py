"""Explorers: sliders redraw in a kernel; the static form ships the model's numbers at every grid
point and draws them in the browser (tests/test_browser.py); print gets the default PNG.

Every explorer a chapter shows is found automatically (scripts/benchmark.py's discovery), so a new
chapter's explorer is tested here without editing this file.
"""

from __future__ import annotations

import base64
import math
import html
import re
import sys

import numpy as np
import pytest

from conftest import ROOT
from drugresist import scene
from drugresist.explorer import Explorer, Slider, decode_payload
from drugresist.figures.target_alteration import competition_explorer, ic50_shift_alt

sys.path.insert(0, str(ROOT / "scripts"))
from benchmark import explorers  # noqa: E402

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
ALL = dict(explorers())
#: Budget per explorer in the static book: its data plus its share of the renderer script.
BUDGET_BYTES = 400_000


@pytest.fixture(scope="module")
def explorer() -> Explorer:
    return competition_explorer()


@pytest.fixture(scope="module")
def shipped() -> dict:
    """name -> (explorer, the data exactly as the page carries it, decoded again)."""
    out = {}
    for name, e in ALL.items():
        page = e.to_html()
        payload = re.search(r'class="drugresist-explorer-data"[^>]*>([^<]+)</script>', page).group(1)
        out[name] = (e, page, decode_payload(payload))
    return out


def test_moving_a_slider_redraws_the_figure(explorer):
    box = explorer.widget()
    before = bytes(box.image.value)
    assert before.startswith(PNG_MAGIC)
    box.controls["atp_affinity_fold"].value = 60
    assert bytes(box.image.value) != before
    assert "60-fold higher ATP affinity" in box.children[-1].value


@pytest.mark.parametrize("name", sorted(ALL))
def test_live_redraw_changes_the_picture_for_every_slider(name):
    e = ALL[name]
    render = e.live_renderer()
    first = render(e.defaults())
    assert first.startswith(PNG_MAGIC)
    for s in e.sliders:
        other = s.max if s.default != s.max else s.min
        assert render(e.params(**{s.name: other})) != first, f"{name}: moving {s.name} changed nothing"


@pytest.mark.parametrize("name", sorted(ALL))
def test_static_html_has_one_labelled_slider_per_parameter_and_a_live_description(name, shipped):
    e, page, data = shipped[name]
    assert page.count('type="range"') == len(e.sliders)
    for index, s in enumerate(e.sliders):
        sid = re.findall(r'<label for="([^"]+)">', page)[index]
        assert f'id="{sid}"' in page and html.escape(s.label) in page
    assert 'aria-live="polite"' in page
    assert "https://" not in page and "http://" not in page
    assert "live version is continuous" in page and "launch button" in page
    assert all(len(spec["values"]) >= 5 for spec in data["sliders"])
    assert len(data["states"]) == math.prod(len(spec["values"]) for spec in data["sliders"])
    for spec, s in zip(data["sliders"], e.sliders):
        assert spec["values"][spec["default"]] == s.default
        assert all(s.min <= v <= s.max for v in spec["values"])


@pytest.mark.parametrize("name", sorted(ALL))
def test_static_explorer_stays_within_its_budget(name, shipped):
    _, page, _ = shipped[name]
    script = sum((ROOT / "drugresist" / "static" / f).stat().st_size for f in ("drugresist-explorer.js", "drugresist-explorer.css"))
    assert len(page.encode("utf-8")) + script / max(1, len(ALL)) <= BUDGET_BYTES


def _lines_shipped(data: dict, state: list) -> dict[int, list[tuple[np.ndarray, np.ndarray, list, list]]]:
    """Per axes index, the shipped Line2D curves of one state (decoded), in drawing order."""
    out: dict[int, list] = {}
    for item_id in data["lists"][state[2]]:
        item = data["items"][item_id]
        style = data["styles"][item["k"]]
        if style.get("src") == "line":
            ex, ey = data["arrays"][item["x"]], data["arrays"][item["y"]]
            out.setdefault(style["ax"], []).append((scene.decode(ex), scene.decode(ey), ex, ey))
    return out


def _close(shipped: np.ndarray, encoded: list, model: np.ndarray) -> bool:
    """Shipped values equal the model's to the encoding's rounding (NaN where the model has none)."""
    log = bool(encoded[2])
    with np.errstate(all="ignore"):
        m = np.where(model > 0, np.log10(model), np.nan) if log else model.astype(float)
        s = np.log10(shipped) if log else shipped
    gap = ~np.isfinite(m)
    return bool(np.all(np.isnan(s[gap])) and np.allclose(s[~gap], m[~gap], rtol=0, atol=scene.resolution(encoded) * 1.01 + 1e-12))


@pytest.mark.parametrize("name", sorted(ALL))
def test_shipped_numbers_equal_the_model_at_every_grid_point(name, shipped):
    """At every grid point, every curve the page draws is the model's curve (to rounding): each
    shipped point is a point of the matplotlib line the plot function draws at those parameters."""
    e, _, data = shipped[name]
    fig = None
    for params, state in zip(e.grid_points(), data["states"]):
        fig = e.plot(**params) if fig is None else scene.redraw_on(fig, e.plot, params)
        lines = _lines_shipped(data, state)
        for ax_index, ax in enumerate(fig.axes):
            drawn = [line for line in ax.lines if line.get_visible() and len(line.get_xdata())]
            assert len(lines.get(ax_index, [])) == len(drawn), f"{name} {params}: axes {ax_index}"
            for (sx, sy, ex, ey), line in zip(lines.get(ax_index, []), drawn):
                x, y = np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)
                # which model points were shipped: all of them, or (a thinned curve, x increasing)
                # for each shipped x the model point nearest to it
                if len(x) == len(sx):
                    index = np.arange(len(x))
                else:
                    assert np.all(np.diff(x) >= 0), f"{name}: a thinned curve whose x is not sorted"
                    right = np.clip(np.searchsorted(x, sx), 1, len(x) - 1)
                    index = np.where(np.abs(x[right - 1] - sx) <= np.abs(x[right] - sx), right - 1, right)
                assert _close(sx, ex, x[index]), f"{name} {params}: x of a curve on axes {ax_index}"
                assert _close(sy, ey, y[index]), f"{name} {params}: y of a curve on axes {ax_index}"
    assert len(data["states"]) == len(e.grid_points())


def test_shipped_curve_is_the_closed_form_occupancy():
    """Independent of matplotlib: the golden explorer's sensitive-kinase curve is the closed-form
    competitive occupancy [D]/Kd / (1 + [D]/Kd + [ATP]/Km) at every grid point."""
    e = competition_explorer()
    data = e.static_data()
    for params, state in zip(e.grid_points(), data["states"]):
        (x, y, ex, ey), *_ = _lines_shipped(data, state)[0]
        kd, atp, km = params["drug_kd_nM"], params["atp_conc_uM"], 100.0
        expected = (x / kd) / (1 + x / kd + atp / km)
        # x is shipped as log10 values: its rounding moves y by at most the steepest slope of the
        # curve against log10(x), ln(10) / 4, times the x rounding
        slack = scene.resolution(ey) + math.log(10) / 4 * scene.resolution(ex)
        assert np.allclose(y, expected, rtol=0, atol=slack * 1.01)


@pytest.mark.parametrize("name", sorted(ALL))
def test_a_redrawn_figure_equals_a_new_one(name):
    """The live and build-time path (one figure redrawn in place) draws what a new figure draws."""
    e = ALL[name]
    rng = np.random.default_rng(0)
    points = e.grid_points()
    fig = e.figure()
    for k in rng.choice(len(points), size=min(4, len(points)), replace=False):
        fig = scene.redraw_on(fig, e.plot, points[k])
        again, new = scene.extract(fig, scene.Interner()), scene.extract(e.plot(**points[k]), scene.Interner())
        assert again == new, f"{name} at {points[k]}"


def test_encode_decode_round_trip_keeps_gaps_and_resolution():
    values = np.array([0.0, 0.5, np.nan, 1.0, np.inf])
    encoded = scene.encode(values)
    back = scene.decode(encoded)
    assert np.isnan(back[2]) and np.isnan(back[4])
    assert np.allclose(back[[0, 1, 3]], [0, 0.5, 1], atol=scene.resolution(encoded) * 1.01)
    logged = scene.encode(np.array([1e-5, 1e-3, 1.0]), log=True)
    assert np.allclose(np.log10(scene.decode(logged)), [-5, -3, 0], atol=scene.resolution(logged) * 1.01)


def test_plain_text_turns_mathtext_into_unicode():
    assert scene.plain_text(r"$\mathdefault{10^{-2}}$") == "10⁻²"
    assert scene.plain_text("IC$_{50}$ of 3 nM") == "IC₅₀ of 3 nM"
    assert scene.plain_text("α = 2, 50 %") == "α = 2, 50 %"


def test_mimebundle_in_an_html_build_has_widget_static_form_and_default_png(explorer, monkeypatch):
    from drugresist.explorer import STATIC_FORM_ENV

    monkeypatch.setenv(STATIC_FORM_ENV, "1")
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert base64.b64decode(bundle["image/png"]).startswith(PNG_MAGIC)
    assert bundle["text/html"].startswith('<div class="drugresist-explorer"')


@pytest.mark.parametrize("setting", [None, "0"])
def test_a_students_kernel_and_a_print_build_skip_the_static_grid(explorer, monkeypatch, setting):
    """Binder, JupyterLab (variable unset) and the LaTeX build ("0") get the widget and the default
    figure, without running the plot function at every grid point."""
    from drugresist.explorer import STATIC_FORM_ENV

    if setting is None:
        monkeypatch.delenv(STATIC_FORM_ENV, raising=False)
    else:
        monkeypatch.setenv(STATIC_FORM_ENV, setting)
    calls = []
    monkeypatch.setattr(type(explorer), "static_data", lambda self: calls.append(1) or {})
    bundle = explorer._repr_mimebundle_()
    assert "text/html" not in bundle and calls == []
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert base64.b64decode(bundle["image/png"]).startswith(PNG_MAGIC)


def test_default_description_is_in_the_page_without_script(explorer):
    assert ic50_shift_alt().replace("'", "&#x27;") in explorer.to_html()


def test_params_reject_unknown_names_and_out_of_range_values(explorer):
    with pytest.raises(ValueError, match="unknown parameter"):
        explorer.params(atp_affinity=3)
    with pytest.raises(ValueError, match="outside the slider range"):
        explorer.params(atp_affinity_fold=1000)


def test_slider_units_and_stops():
    s = Slider("po2", "Oxygen at the vessel wall (mmHg)", 10, 100, 5, 40)
    assert s.unit == "mmHg" and s.with_unit(40) == "40 mmHg"
    assert Slider("p", "Share (%)", 0, 100, 1, 20).with_unit(20) == "20%"
    assert Slider("a", "Interaction α (0 = Loewe additive)", -1, 4, 0.1, 2).unit == ""
    stops = s.grid(5)
    assert len(stops) == 5 and 40 in stops and stops[0] == 10 and stops[-1] == 100
    assert all(abs((v - 10) / 5 - round((v - 10) / 5)) < 1e-9 for v in stops)


@pytest.mark.parametrize(
    "args, kwargs, words",
    [
        (("x", "x", 1, 0, 0.1, 0.5), {}, "min"),
        (("x", "x", 0, 1, 0, 0.5), {}, "step"),
        (("x", "x", 0, 1, 0.1, 2), {}, "default"),
        (("not a name", "x", 0, 1, 0.1, 0.5), {}, "identifier"),
        (("x", "x", 0, 1, 0.1, 0.5), {"stops": (0, 0.5, 1)}, "at least 5"),
        (("x", "x", 0, 1, 0.1, 0.5), {"stops": (0, 0.2, 0.4, 0.6, 1)}, "include the default"),
    ],
)
def test_bad_slider_specifications_raise(args, kwargs, words):
    with pytest.raises(ValueError, match=words):
        Slider(*args, **kwargs)


# ----- legends that hide nothing -----------------------------------------------------------------


def _legend_clashes(fig) -> list[str]:
    """Curve points hidden under a legend inside its axes, and legends overlapping a title."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    titles = [t for t in [fig._suptitle] + [ax.title for ax in fig.axes] if t is not None and t.get_text()]
    clashes = []
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is None:
            continue
        box, frame = legend.get_window_extent(renderer), ax.get_window_extent(renderer)
        for title in titles:
            if box.overlaps(title.get_window_extent(renderer)):
                clashes.append(f"legend of '{ax.get_ylabel()}' overlaps the title '{title.get_text()[:40]}'")
        for line in ax.get_lines():
            xy = line.get_xydata()
            finite = np.isfinite(xy).all(axis=1)
            if finite.sum() < 2:
                continue
            px = ax.transData.transform(xy[finite])
            in_axes = (px[:, 0] >= frame.x0) & (px[:, 0] <= frame.x1) & (px[:, 1] >= frame.y0) & (px[:, 1] <= frame.y1)
            hidden = in_axes & (px[:, 0] > box.x0) & (px[:, 0] < box.x1) & (px[:, 1] > box.y0) & (px[:, 1] < box.y1)
            if hidden.any():
                clashes.append(f"{hidden.sum()} points of '{line.get_label()}' under the legend of '{ax.get_ylabel()}'")
    return clashes


@pytest.mark.parametrize("name", [name for name, _ in explorers()])
def test_no_legend_hides_a_curve_or_a_title_at_any_preset(name):
    explorer = dict(explorers())[name]
    for preset in explorer.presets:
        clashes = _legend_clashes(explorer.figure(**preset))
        assert clashes == [], f"{name} at {preset or 'the defaults'}: {clashes}"


def test_the_legend_check_sees_a_legend_on_a_curve():
    from drugresist.style import new_figure

    fig, ax = new_figure(layout=None)
    ax.plot([0, 1], [0.95, 0.95], label="a line along the top")
    ax.set_ylim(0, 1)
    ax.legend(loc="upper left")
    assert any("under the legend" in clash for clash in _legend_clashes(fig))
    fig, ax = new_figure(layout=None)
    ax.plot([0, 1], [0.95, 0.95], label="a line along the top")
    ax.set_title("A title", pad=0)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0))
    assert any("overlaps the title" in clash for clash in _legend_clashes(fig))


def test_title_pad_above_legend_rejects_no_rows():
    from drugresist.style import title_pad_above_legend

    with pytest.raises(ValueError, match="rows must be at least 1"):
        title_pad_above_legend(0)
    assert title_pad_above_legend(2) > title_pad_above_legend(1) > 0


def _chapter_plot_functions() -> list[tuple[str, object]]:
    """Every ``plot_*`` function of drugresist.figures that can be called with its defaults."""
    import importlib
    import inspect
    import pkgutil

    import drugresist.figures

    found = []
    for info in pkgutil.iter_modules(drugresist.figures.__path__):
        module = importlib.import_module(f"drugresist.figures.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("plot_") and function.__module__ == module.__name__ and all(
                    p.default is not p.empty for p in inspect.signature(function).parameters.values()):
                found.append((f"{info.name}.{name}", function))
    return found


@pytest.mark.parametrize("name, plot", _chapter_plot_functions(), ids=lambda v: v if isinstance(v, str) else "")
def test_no_chapter_figure_legend_hides_a_curve_or_a_title(name, plot):
    assert _legend_clashes(plot()) == [], name
