"""Read a matplotlib figure back as numbers (a *scene*), and redraw one figure cheaply.

The explorers' plot functions stay the single source of truth: they draw an ordinary matplotlib
figure. This module

* :func:`reusing` lets a plot function run again on the axes of a figure it made before (so no new
  figure and axes are built: that is most of the cost of a redraw);
* :func:`extract` reads a figure back as plain numbers and strings (axes boxes, limits, ticks,
  line data in data coordinates, shaded areas, texts, heat-map values, legends), which the static
  book ships as JSON and draws in the browser (``static/drugresist-explorer.js``);
* :class:`FastCanvas` renders a figure that is redrawn many times, drawing the parts that did not
  change (axes, ticks, labels) only when they change.

Coordinates in a scene are in points (1/72 inch) from the figure's top-left corner, except the
data of lines, areas and images, which are in the axes' data coordinates.

Static explorer data, format version 2 (:data:`FORMAT_VERSION`)
---------------------------------------------------------------
This is the one description of the data the static book ships for an explorer; it is written by
:meth:`drugresist.explorer.Explorer.static_data` and read by ``static/drugresist-explorer.js``,
and ``tests/test_explorer_format.py`` runs the JS decoder (node) on data this module wrote.

The page carries the data as compact JSON, gzip-compressed and base64-encoded, in
``<script type="application/octet-stream" class="drugresist-explorer-data" data-encoding="gzip+base64">``.
The JSON object has

* ``version``: :data:`FORMAT_VERSION`; the script draws nothing from data of another version;
* ``title``; ``sliders``: ``[{name, label, values, default (index into values), text (each value
  as the page shows it)}]``;
* ``states``: one per grid point, first slider slowest (index = sum over sliders of
  ``index_k * product of the later sliders' stop counts``); a state is five indices
  ``[size, axes list, items list, legends list, sentences list]``: ``size`` into ``sizes``
  (``[width, height]`` in points), the others into ``lists``, each a list of indices into
  ``items`` (axes, plot items, legends) or ``sentences`` (the figure's description);
* ``items``: axes (box, limits, ticks, labels), legends (``entries``) and plot items. A plot item
  is its data keys (:data:`DATA_KEYS`: ``x``, ``y`` (indices into ``arrays``), ``xy`` (a text's
  place, points), ``s`` (index into ``sentences``), ``cells`` (index into ``arrays``), ``extent``)
  plus ``k``, an index into ``styles``, which holds the rest (``type``: line, area, text or image;
  ``ax``, ``cs`` (coordinate systems, e.g. ``dd`` = data x, data y), colour, alpha, width, ...);
* ``arrays``: a curve's values as ``[lo, hi, log, text]`` (:func:`encode`: two characters of
  :data:`DIGITS` per value, one of :data:`LEVELS` levels between ``lo`` and ``hi``, of log10
  values if ``log``; the code ``LEVELS`` is a gap), or a heat map's cells as a string of one
  :data:`DIGITS` character per cell, an index into its style's colour table (``.`` = no value).

:func:`resolve` reads one state back the way the script does.
"""

from __future__ import annotations

import contextlib
import contextvars
import io
import math
import re
from typing import Any, Iterator

import numpy as np
from matplotlib import colors as mcolors
from matplotlib.axes import Axes
from matplotlib.collections import Collection, PolyCollection
from matplotlib.contour import ContourSet
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Annotation, Text

#: Points per curve shipped to the browser (curves with more are thinned, ends kept).
MAX_POINTS = 90
#: Cells per side of a heat map shipped to the browser (larger maps are thinned).
MAX_CELLS = 40
#: Colours in a colour map's lookup table.
LUT_SIZE = 64

_reuse: contextvars.ContextVar[Figure | None] = contextvars.ContextVar("drugresist_reuse", default=None)


# ----- running a plot function again on the same figure -------------------------------------------

def reuse_target() -> Figure | None:
    """The figure :func:`drugresist.style.new_figure` should hand back instead of a new one, if any."""
    return _reuse.get()


def clear_for_reuse(fig: Figure) -> list[Axes]:
    """Remove what a plot function drew on ``fig`` (keep its base axes); return the base axes.

    Axes a plot function adds itself (a twin axis, a colour bar) are removed and made again.
    """
    base = list(getattr(fig, "_drugresist_base_axes", fig.axes))
    kept = []
    for ax in list(fig.axes):
        if ax in base:
            continue
        twin_of = [b for b in base if b in ax._twinned_axes.get_siblings(ax) and b is not ax]
        if twin_of and getattr(ax, "_colorbar", None) is None and ax.get_shared_x_axes().joined(ax, twin_of[0]):
            # a twin y axis (twinx): keep it, cleared, and hand it back when the plot asks again
            owner = twin_of[0]
            owner.twinx = (lambda twin=ax, owner=owner: _reuse_twin(owner, twin))  # type: ignore[method-assign]
            kept.append(ax)
        else:
            fig.delaxes(ax)
    for ax in [*base, *kept]:
        spec = getattr(ax, "_drugresist_spec", None)
        if spec is not None and ax.get_subplotspec() is not spec:
            ax.set_subplotspec(spec)
            ax._set_position(spec.get_position(fig))
            ax.set_anchor("C")
        for artist in [*ax.collections, *ax.lines, *ax.patches, *ax.texts, *ax.images, *ax.artists]:
            try:
                artist.remove()
            except ValueError:  # already gone with its owner (contour labels go with their contours)
                pass
        ax.legend_ = None
        ax.set_prop_cycle(None)  # colours and line styles start again, as on new axes
        for title in (ax.title, ax._left_title, ax._right_title):
            title.set_text("")
        ax.set_autoscale_on(True)
        ax.ignore_existing_data_limits = True
        ax.relim()
    for text in list(fig.texts):
        text.remove()
    fig._suptitle = None
    fig.legends.clear()
    return base


def _reuse_twin(owner: Axes, twin: Axes) -> Axes:
    """``owner.twinx()`` on a reused figure: the twin it made before (once; later calls make new ones)."""
    del owner.twinx  # back to the method
    return twin


@contextlib.contextmanager
def reusing(fig: Figure) -> Iterator[None]:
    """Within this block, ``new_figure`` returns ``fig`` (cleared) with its base axes."""
    token = _reuse.set(fig)
    try:
        yield
    finally:
        _reuse.reset(token)


def redraw_on(fig: Figure, plot, params: dict[str, float]) -> Figure:
    """Run ``plot(**params)`` on the axes of ``fig`` (made earlier by the same plot function)."""
    with reusing(fig):
        out = plot(**params)
    if out is not fig:  # the plot function did not use new_figure: take its figure as it is
        return out
    return fig


# ----- figure -> numbers --------------------------------------------------------------------------

_SUPERSCRIPT = str.maketrans("0123456789-+−.", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺⁻·")
_SUBSCRIPT = str.maketrans("0123456789-+", "₀₁₂₃₄₅₆₇₈₉₋₊")
_TEX_SYMBOLS = {r"\alpha": "α", r"\beta": "β", r"\gamma": "γ", r"\mu": "µ", r"\times": "×", r"\cdot": "·",
                r"\pm": "±", r"\leq": "≤", r"\geq": "≥", r"\infty": "∞", r"\%": "%", r"\ ": " ", r"\,": " "}


def plain_text(text: str) -> str:
    """Matplotlib text with mathtext (``$...$``) turned into plain Unicode, e.g. ``IC$_{50}$`` -> ``IC₅₀``."""
    def math(match: re.Match) -> str:
        s = match.group(1)
        s = re.sub(r"\^\{([^{}]*)\}", lambda m: m.group(1).translate(_SUPERSCRIPT), s)
        s = re.sub(r"_\{([^{}]*)\}", lambda m: m.group(1).translate(_SUBSCRIPT), s)
        s = re.sub(r"\\math(?:default|rm|it|bf)\{([^{}]*)\}", r"\1", s)
        for tex, char in _TEX_SYMBOLS.items():
            s = s.replace(tex, char)
        s = re.sub(r"\^\{([^{}]*)\}", lambda m: m.group(1).translate(_SUPERSCRIPT), s)
        s = re.sub(r"\^(\S)", lambda m: m.group(1).translate(_SUPERSCRIPT), s)
        s = re.sub(r"_\{([^{}]*)\}", lambda m: m.group(1).translate(_SUBSCRIPT), s)
        s = re.sub(r"_(\S)", lambda m: m.group(1).translate(_SUBSCRIPT), s)
        return s.replace("{", "").replace("}", "").replace("\\", "")

    return re.sub(r"\$([^$]*)\$", math, text)


def _hex(colour: Any, alpha: float | None = None) -> str:
    return mcolors.to_hex(colour, keep_alpha=False)


def _opacity(artist, colour: Any = None) -> float:
    alpha = artist.get_alpha()
    if alpha is None and colour is not None:
        alpha = mcolors.to_rgba(colour)[3]
    return round(float(1.0 if alpha is None else alpha), 3)


def _thin(n: int, limit: int) -> np.ndarray:
    if n <= limit:
        return np.arange(n)
    return np.unique(np.round(np.linspace(0, n - 1, limit)).astype(int))


#: Version of the static explorer data (see the module docstring); the script checks it.
FORMAT_VERSION = 2
#: The characters of the encoded arrays and heat-map cells (the script has the same table; the
#: node test compares them).
DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_DIGITS = DIGITS
#: Levels of the quantised arrays (two characters per value; the last code marks a gap).
LEVELS = 64 * 64 - 1
#: Keys of a plot item that hold its data (the rest is its style, stored once for many items).
DATA_KEYS = ("x", "y", "xy", "s", "cells", "extent")


def encode(values: np.ndarray, log: bool = False) -> list:
    """An array as ``[lo, hi, log, text]``: each value quantised to one of 4095 levels between the
    array's own minimum and maximum (of log10 values if ``log``), two characters per value; NaN,
    infinite (and, on a log axis, non-positive) values are gaps. See :func:`decode`."""
    v = np.asarray(values, dtype=float).ravel()
    with np.errstate(divide="ignore", invalid="ignore"):
        w = np.log10(np.where(v > 0, v, np.nan)) if log else v.copy()
    finite = np.isfinite(w)
    if not finite.any():
        return [0, 0, int(log), "__" * v.size]
    lo, hi = float(np.min(w[finite])), float(np.max(w[finite]))
    lo, hi = float(f"{lo:.7g}"), float(f"{hi:.7g}")
    span = hi - lo
    codes = np.full(v.size, LEVELS, dtype=int)
    if span > 0:
        codes[finite] = np.clip(np.round((w[finite] - lo) / span * (LEVELS - 1)), 0, LEVELS - 1).astype(int)
    else:
        codes[finite] = 0
    text = "".join(_DIGITS[c // 64] + _DIGITS[c % 64] for c in codes)
    return [lo, hi, int(log), text]


def decode(encoded: list) -> np.ndarray:
    """The inverse of :func:`encode` (to its resolution): a float array with NaN in the gaps."""
    lo, hi, log, text = encoded
    codes = np.array([_DIGITS.index(text[i]) * 64 + _DIGITS.index(text[i + 1]) for i in range(0, len(text), 2)])
    values = lo + codes / (LEVELS - 1) * (hi - lo)
    values = np.where(codes == LEVELS, np.nan, values)
    return 10.0 ** values if log else values


def resolution(encoded: list) -> float:
    """The largest rounding error of an encoded array, in its own units (log10 units if log)."""
    lo, hi = encoded[0], encoded[1]
    # half a level, plus the rounding of lo and hi to 7 significant digits
    return (hi - lo) / (LEVELS - 1) / 2 + 5e-7 * max(abs(lo), abs(hi))


def simplify(display_xy: np.ndarray, tolerance: float = 0.8, rounds: int = 4) -> np.ndarray:
    """Indices of the points to keep so that the drawn line moves by at most ``tolerance`` (display
    units): in each of ``rounds`` passes, every other point that lies within ``tolerance / rounds``
    of the chord between its neighbours is dropped (vectorised). Gaps (NaN) and ends are kept."""
    p = np.asarray(display_xy, dtype=float)
    keep = np.arange(len(p))
    step = tolerance / rounds
    for r in range(rounds):
        if keep.size <= 2:
            break
        q = p[keep]
        prev, here, nxt = q[:-2], q[1:-1], q[2:]
        chord = nxt - prev
        length = np.hypot(chord[:, 0], chord[:, 1])
        with np.errstate(all="ignore"):
            cross = np.abs(chord[:, 0] * (here[:, 1] - prev[:, 1]) - chord[:, 1] * (here[:, 0] - prev[:, 0]))
            dist = np.where(length > 0, cross / length, np.hypot(*(here - prev).T))
        ok = np.isfinite(dist) & (dist <= step)
        ok &= (np.arange(ok.size) % 2) == (r % 2)  # never two neighbours in one pass
        drop = np.concatenate([[False], ok, [False]])
        keep = keep[~drop]
    return keep


def _numbers(values: np.ndarray, log: bool = False) -> list:
    return encode(values, log)


class _Context:
    def __init__(self, fig: Figure, renderer) -> None:
        self.fig = fig
        self.renderer = renderer
        self.width_pt = fig.get_figwidth() * 72.0
        self.height_pt = fig.get_figheight() * 72.0
        self.scale = 72.0 / fig.dpi  # display pixels -> points

    def points(self, display_xy: np.ndarray) -> np.ndarray:
        """Display coordinates (pixels, bottom-left origin) to points from the top-left corner."""
        xy = np.atleast_2d(np.asarray(display_xy, dtype=float)) * self.scale
        return np.column_stack([xy[:, 0], self.height_pt - xy[:, 1]])


def _coordinate_system(ax: Axes, transform) -> str | None:
    """'dd' data/data, 'ad' axes-fraction x / data y, 'da', 'aa'; None if none of these."""
    if transform == ax.transData:
        return "dd"
    if transform == ax.get_xaxis_transform():
        return "da"
    if transform == ax.get_yaxis_transform():
        return "ad"
    if transform == ax.transAxes:
        return "aa"
    return None


def _dashes(artist) -> list[float] | None:
    pattern = getattr(artist, "_dash_pattern", (0, None))
    seq = pattern[1] if pattern else None
    return [round(float(s), 2) for s in seq] if seq else None


def _ticks(axis, lo: float, hi: float) -> list[list]:
    locs = np.asarray(axis.get_majorticklocs(), dtype=float)
    a, b = min(lo, hi), max(lo, hi)
    span = abs(b - a) or 1.0
    if axis.get_scale() == "log":
        keep = (locs >= a / 1.0001) & (locs <= b * 1.0001)
    else:
        keep = (locs >= a - 1e-9 * span) & (locs <= b + 1e-9 * span)
    locs = locs[keep]
    labels = axis.get_major_formatter().format_ticks(list(locs))
    return [[float(f"{v:.6g}"), plain_text(str(s))] for v, s in zip(locs, labels)]


def _grid_on(axis) -> bool:
    kw = getattr(axis, "_major_tick_kw", {})
    if "gridOn" in kw:
        return bool(kw["gridOn"])
    import matplotlib

    which = matplotlib.rcParams["axes.grid.axis"]
    return bool(matplotlib.rcParams["axes.grid"]) and which in ("both", axis.axis_name)


def _axes_item(ax: Axes, c: _Context) -> dict:
    ax.apply_aspect()
    box = ax.get_position()
    x0, x1 = box.x0 * c.width_pt, box.x1 * c.width_pt
    top, bottom = (1 - box.y1) * c.height_pt, (1 - box.y0) * c.height_pt
    xlim, ylim = ax.get_xlim(), ax.get_ylim()
    item: dict[str, Any] = {
        "type": "axes",
        "box": [round(x0, 2), round(top, 2), round(x1 - x0, 2), round(bottom - top, 2)],
        "x": {"lim": [float(f"{v:.6g}") for v in xlim], "log": ax.get_xscale() == "log",
              "ticks": _ticks(ax.xaxis, *xlim) if ax.xaxis.get_visible() else [],
              "label": plain_text(ax.get_xlabel()), "grid": _grid_on(ax.xaxis),
              "side": ax.xaxis.get_ticks_position() if ax.xaxis.get_ticks_position() in ("top", "bottom") else "bottom"},
        "y": {"lim": [float(f"{v:.6g}") for v in ylim], "log": ax.get_yscale() == "log",
              "ticks": _ticks(ax.yaxis, *ylim) if ax.yaxis.get_visible() else [],
              "label": plain_text(ax.get_ylabel()), "grid": _grid_on(ax.yaxis),
              "side": ax.yaxis.get_label_position()},
        "spines": [name for name, spine in ax.spines.items() if spine.get_visible()],
        "font": round(float(ax.xaxis.label.get_fontsize()), 1),
        "tickfont": round(float(ax.xaxis.get_major_ticks()[0].label1.get_fontsize()), 1) if ax.xaxis.get_major_ticks() else 10.0,
    }
    if not ax.axison:
        item["x"]["ticks"] = item["y"]["ticks"] = []
        item["spines"] = []
    colorbar = getattr(ax, "_colorbar", None)
    if colorbar is not None:
        item["colorbar"] = {"lut": _lut(colorbar.cmap), "vertical": colorbar.orientation == "vertical"}
    return item


def _lut(cmap) -> list[str]:
    return [mcolors.to_hex(cmap(i / (LUT_SIZE - 1))) for i in range(LUT_SIZE)]


def _text_item(text: Text, c: _Context) -> dict | None:
    s = text.get_text()
    if not s or not text.get_visible():
        return None
    if isinstance(text, Annotation):
        text.update_positions(c.renderer)
        if not text._check_xy(c.renderer):
            return None
    xy = c.points(text.get_transform().transform(text.get_unitless_position()))[0]
    return {
        "type": "text", "xy": [round(float(xy[0]), 2), round(float(xy[1]), 2)], "s": plain_text(s),
        "size": round(float(text.get_fontsize()), 1), "color": _hex(text.get_color()),
        "ha": text.get_horizontalalignment(), "va": text.get_verticalalignment(),
        "rot": round(float(text.get_rotation()), 1),
        "weight": "bold" if str(text.get_fontweight()) in ("bold", "700", "heavy") else "normal",
    }


def _line_item(line: Line2D, ax_index: int, ax: Axes, c: _Context, arrays: "Interner") -> dict | None:
    if not line.get_visible():
        return None
    x, y = np.asarray(line.get_xdata(), dtype=float), np.asarray(line.get_ydata(), dtype=float)
    if x.size == 0:
        return None
    system = _coordinate_system(ax, line.get_transform())
    if system is None:  # some other transform: ship display coordinates in points
        xy = c.points(line.get_transform().transform(np.column_stack([x, y])))
        x, y, system = xy[:, 0], xy[:, 1], "pp"
    # the same points of every curve (not a simplified subset): curves of one explorer usually share
    # their x values (a time or dose grid), which are then shipped once for all grid points
    keep = _thin(x.size, MAX_POINTS)
    marker = line.get_marker()
    linestyle = line.get_linestyle()
    item = {
        "type": "line", "src": "line", "ax": ax_index, "cs": system,
        "x": arrays.add(_numbers(x[keep], system[0] == "d" and ax.get_xscale() == "log")),
        "y": arrays.add(_numbers(y[keep], system[1] == "d" and ax.get_yscale() == "log")),
        "color": _hex(line.get_color()), "alpha": _opacity(line, line.get_color()),
        "lw": round(float(line.get_linewidth()), 2) if linestyle not in ("None", "none", " ", "") else 0,
        "dash": _dashes(line),
        "z": float(line.get_zorder()),
    }
    if marker not in (None, "None", "none", "", " "):
        item["marker"] = str(marker)
        item["ms"] = round(float(line.get_markersize()), 1)
    return item


def _polygon_item(xy: np.ndarray, system: str, ax_index: int, face, alpha: float, arrays: "Interner", z: float,
                  ax: Axes | None = None, simplified: bool = False) -> dict:
    keep = np.arange(len(xy)) if simplified else _simplified(xy, ax, system)
    logx = ax is not None and system[0] == "d" and ax.get_xscale() == "log" and bool(np.all(xy[keep, 0] > 0))
    logy = ax is not None and system[1] == "d" and ax.get_yscale() == "log" and bool(np.all(xy[keep, 1] > 0))
    return {"type": "area", "ax": ax_index, "cs": system, "x": arrays.add(_numbers(xy[keep, 0], logx)),
            "y": arrays.add(_numbers(xy[keep, 1], logy)), "color": _hex(face), "alpha": alpha, "z": z}


def _simplified(xy: np.ndarray, ax: Axes | None, system: str) -> np.ndarray:
    """Indices of the vertices worth shipping (straight runs dropped, at most 4 * MAX_POINTS)."""
    keep = _thin(len(xy), 4 * MAX_POINTS)
    if ax is not None and system in ("dd", "ad", "da", "aa"):
        transform = {"dd": ax.transData, "da": ax.get_xaxis_transform(), "ad": ax.get_yaxis_transform(),
                     "aa": ax.transAxes}[system]
        with np.errstate(all="ignore"):
            keep = keep[simplify(transform.transform(xy[keep]) * 72.0 / ax.figure.dpi)]
    return keep


def _segment_arrays(segment: np.ndarray, ax: Axes, system: str, arrays: "Interner") -> tuple[int, int]:
    keep = _thin(len(segment), MAX_POINTS)
    return (arrays.add(_numbers(segment[keep, 0], system[0] == "d" and ax.get_xscale() == "log")),
            arrays.add(_numbers(segment[keep, 1], system[1] == "d" and ax.get_yscale() == "log")))


def _patch_items(patch: Patch, ax_index: int, ax: Axes, c: _Context, arrays: "Interner") -> list[dict]:
    if not patch.get_visible():
        return []
    system = _coordinate_system(ax, patch.get_data_transform())
    xy = patch.get_patch_transform().transform(patch.get_path().vertices)
    if system is None:
        xy, system = c.points(patch.get_transform().transform(patch.get_path().vertices)), "pp"
    face = patch.get_facecolor()
    return [_polygon_item(xy, system, ax_index, face, _opacity(patch, face), arrays, float(patch.get_zorder()), ax)]


def _collection_items(coll: Collection, ax_index: int, ax: Axes, c: _Context, arrays: "Interner") -> list[dict]:
    if not coll.get_visible():
        return []
    system = _coordinate_system(ax, coll.get_transform())
    items: list[dict] = []
    if isinstance(coll, ContourSet) or (not isinstance(coll, PolyCollection) and len(coll.get_facecolors()) == 0):
        edges = coll.get_edgecolors()
        widths = coll.get_linewidths()
        for k, path in enumerate(coll.get_paths()):
            colour = edges[k % len(edges)] if len(edges) else "black"
            width = float(widths[k % len(widths)]) if len(widths) else 1.0
            for segment in path.to_polygons(closed_only=False):
                if len(segment) < 2:
                    continue
                xs, ys = _segment_arrays(segment, ax, system or "dd", arrays)
                items.append({"type": "line", "ax": ax_index, "cs": system or "dd", "x": xs, "y": ys,
                              "color": _hex(colour), "alpha": round(float(mcolors.to_rgba(colour)[3]), 3),
                              "lw": round(width, 2), "dash": None, "z": float(coll.get_zorder())})
        return items
    faces = coll.get_facecolors()
    by_face: dict[str, list[np.ndarray]] = {}
    alphas: dict[str, float] = {}
    for k, path in enumerate(coll.get_paths()):
        face = faces[k % len(faces)] if len(faces) else "black"
        key = mcolors.to_hex(face, keep_alpha=True)
        alphas[key] = round(float(mcolors.to_rgba(face)[3]), 3)
        by_face.setdefault(key, []).extend(p for p in path.to_polygons() if len(p) >= 3)
    for key, polygons in by_face.items():  # one item per colour: polygons separated by a gap (NaN)
        pieces = []
        for polygon in polygons:
            kept = polygon[_simplified(polygon, ax, system or "dd")]
            pieces += [kept, np.full((1, 2), np.nan)]
        joined = np.concatenate(pieces[:-1])
        items.append(_polygon_item(joined, system or "dd", ax_index, key[:7], alphas[key], arrays,
                                   float(coll.get_zorder()), ax, simplified=True))
    return items


def _image_item(image: AxesImage, ax_index: int, arrays: "Interner") -> dict:
    values = np.ma.filled(np.ma.asarray(image.get_array(), dtype=float), np.nan)
    rows, cols = _thin(values.shape[0], MAX_CELLS), _thin(values.shape[1], MAX_CELLS)
    values = values[np.ix_(rows, cols)]
    scaled = np.clip(np.asarray(image.norm(values), dtype=float), 0, 1)
    index = np.where(np.isfinite(scaled), np.round(scaled * (LUT_SIZE - 1)), -1).astype(int)
    return {"type": "image", "ax": ax_index, "extent": [float(f"{v:.6g}") for v in image.get_extent()],
            "origin": image.origin, "shape": list(index.shape),
            "cells": arrays.add("".join(_DIGITS[i] if i >= 0 else "." for i in index.ravel())),
            "lut": _lut(image.get_cmap()), "z": float(image.get_zorder())}


def _legend_item(legend: Legend) -> dict:
    entries = []
    for handle, text in zip(legend.legend_handles, legend.get_texts()):
        label = plain_text(text.get_text())
        if not label:
            continue
        entry: dict[str, Any] = {"label": label}
        if isinstance(handle, Line2D):
            entry.update(kind="line", color=_hex(handle.get_color()), dash=_dashes(handle),
                         lw=round(float(handle.get_linewidth()), 2) if handle.get_linestyle() not in ("None", "none", "") else 0,
                         marker=str(handle.get_marker()) if handle.get_marker() not in (None, "None", "none", "") else None)
        else:
            face = handle.get_facecolor() if hasattr(handle, "get_facecolor") else "grey"
            face = face[0] if np.ndim(face) == 2 and len(face) else face
            entry.update(kind="patch", color=_hex(face), alpha=_opacity(handle, face))
        entries.append(entry)
    return {"type": "legend", "entries": entries}


class Interner:
    """A table of unique values: :meth:`add` returns the index of a value, storing it once."""

    def __init__(self) -> None:
        self.values: list[Any] = []
        self._index: dict[str, int] = {}

    def add(self, value: Any) -> int:
        import json

        key = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
        if key not in self._index:
            self._index[key] = len(self.values)
            self.values.append(value)
        return self._index[key]


def extract(fig: Figure, arrays: Interner) -> dict[str, list[dict]]:
    """The figure as numbers: ``{"size": [w, h] (points), "axes": [...], "items": [...], "legends": [...]}``.

    Arrays (curve data, heat-map cells) go into ``arrays`` and are referred to by index.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    c = _Context(fig, fig.canvas.get_renderer())
    axes_items, items, legends = [], [], []
    for index, ax in enumerate(fig.axes):
        axes_items.append(_axes_item(ax, c))
        colorbar = getattr(ax, "_colorbar", None)
        for line in ax.lines:
            item = _line_item(line, index, ax, c, arrays)
            if item:
                items.append(item)
        for patch in ax.patches:
            items += _patch_items(patch, index, ax, c, arrays)
        if colorbar is None:
            for coll in ax.collections:
                items += _collection_items(coll, index, ax, c, arrays)
            for image in ax.images:
                items.append(_image_item(image, index, arrays))
        for text in [ax.title, ax._left_title, ax._right_title, *ax.texts]:
            item = _text_item(text, c)
            if item:
                items.append(item)
        if ax.get_legend() is not None:
            legends.append(_legend_item(ax.get_legend()))
    for text in fig.texts:
        item = _text_item(text, c)
        if item:
            items.append(item)
    for legend in fig.legends:
        legends.append(_legend_item(legend))
    items.sort(key=lambda i: i.get("z", 3.0))
    return {"size": [round(c.width_pt, 2), round(c.height_pt, 2)], "axes": axes_items, "items": items, "legends": legends}


def resolve(data: dict, index: int) -> dict:
    """State ``index`` of static explorer data read back as the script reads it (format above):
    ``{"size", "axes", "items", "legends", "alt"}``, each plot item its style and data in one
    dict, with ``x``/``y`` decoded (gaps as None), ``s`` the text and ``cells`` the cell string."""
    if data.get("version") != FORMAT_VERSION:
        raise ValueError(f"static explorer data of version {data.get('version')!r}, expected {FORMAT_VERSION}")
    size, axes, items, legends, sentences = data["states"][index]

    def item(i: int) -> dict:
        raw = dict(data["items"][i])
        out = {**data["styles"][raw.pop("k")], **raw} if "k" in raw else raw
        for key in ("x", "y"):
            if key in out and isinstance(out[key], int):
                out[key] = [None if math.isnan(v) else float(v) for v in decode(data["arrays"][out[key]])]
        if "s" in out:
            out["s"] = data["sentences"][out["s"]]
        if "cells" in out:
            out["cells"] = data["arrays"][out["cells"]]
        return out

    return {"size": data["sizes"][size], "axes": [item(i) for i in data["lists"][axes]],
            "items": [item(i) for i in data["lists"][items]], "legends": [item(i) for i in data["lists"][legends]],
            "alt": " ".join(data["sentences"][i] for i in data["lists"][sentences])}


# ----- fast repeated rendering (live kernel) ------------------------------------------------------

def _foreground(fig: Figure) -> list:
    """The artists a plot function draws (everything but the axes, ticks and axis labels)."""
    out = []
    for ax in fig.axes:
        if getattr(ax, "_colorbar", None) is not None:
            continue
        out += [*ax.patches, *ax.collections, *ax.images, *ax.lines, *ax.texts, *ax.artists]
        out += [t for t in (ax.title, ax._left_title, ax._right_title) if t.get_text()]
        if ax.get_legend() is not None:
            out.append(ax.get_legend())
    out += [*fig.texts, *fig.legends]
    return out


def _background_key(fig: Figure) -> tuple:
    key: list = [tuple(np.round(fig.get_size_inches(), 3))]
    for ax in fig.axes:
        ax.apply_aspect()
        key.append((tuple(np.round(ax.get_position().bounds, 4)), ax.get_xlim(), ax.get_ylim(), ax.get_xscale(),
                    ax.get_yscale(), ax.get_xlabel(), ax.get_ylabel(), ax.yaxis.get_label_position(),
                    tuple(ax.xaxis.get_majorticklocs()), tuple(ax.yaxis.get_majorticklocs()),
                    tuple(ax.xaxis.get_major_formatter().format_ticks(list(ax.xaxis.get_majorticklocs()))),
                    tuple(ax.yaxis.get_major_formatter().format_ticks(list(ax.yaxis.get_majorticklocs()))),
                    tuple(ax.yaxis.get_minorticklocs()) if ax.get_yscale() == "log" else (),
                    tuple(ax.xaxis.get_minorticklocs()) if ax.get_xscale() == "log" else (),
                    getattr(ax, "_colorbar", None) is not None))
    return tuple(key)


def _overlay_signature(artist, fig: Figure) -> tuple | None:
    """What a text or legend looks like, if that can be told without drawing it (None: draw it)."""
    if isinstance(artist, Annotation):
        return None
    if isinstance(artist, Text):
        position = tuple(np.round(artist.get_transform().transform(artist.get_unitless_position()), 2))
        return ("text", artist.get_text(), position, mcolors.to_hex(artist.get_color(), keep_alpha=True),
                artist.get_fontsize(), artist.get_rotation(), artist.get_horizontalalignment(),
                artist.get_verticalalignment(), str(artist.get_fontweight()), artist.get_zorder())
    if isinstance(artist, Legend):
        if artist._loc in (0, "best"):  # placed by the data: depends on more than its entries
            return None
        parent = artist.axes.get_position().bounds if artist.axes is not None else ()
        handles = []
        for handle in artist.legend_handles:
            if isinstance(handle, Line2D):
                handles.append(("line", mcolors.to_hex(handle.get_color()), str(handle.get_linestyle()),
                                handle.get_linewidth(), str(handle.get_marker())))
            else:
                handles.append(("patch", str(getattr(handle, "get_facecolor", lambda: "")())))
        anchor = artist.get_bbox_to_anchor().bounds
        return ("legend", tuple(t.get_text() for t in artist.get_texts()), tuple(handles), str(artist._loc),
                tuple(np.round(anchor, 2)), tuple(np.round(parent, 4)), artist._ncols, artist.get_zorder())
    return None


#: Texts already drawn, as one coverage bitmap each (see :func:`_cached_draw_text`).
_TEXT_BITMAPS: dict[tuple, tuple[np.ndarray, int, int] | None] = {}
_TEXT_BITMAPS_MAX = 4096
#: Sub-pixel placement kept in a text bitmap's key (sixteenths of a pixel: the cached text differs
#: from Agg's by at most 13 of 255 levels at glyph edges; quarter pixels moved edges visibly).
_SUBPIXEL = 16


class _GlyphCollector:
    """Stands in for Agg's C++ renderer while a text is drawn: keeps the glyph bitmaps."""

    def __init__(self) -> None:
        self.pieces: list[tuple[np.ndarray, int, int]] = []

    def draw_text_image(self, image, left, bottom, angle, gc) -> None:
        self.pieces.append((np.array(image, dtype=np.uint8, copy=True), int(left), int(bottom)))


def _compose(pieces: list[tuple[np.ndarray, int, int]]) -> tuple[np.ndarray, int, int] | None:
    """Glyph bitmaps (coverage, each placed by its left and bottom pixel) as one bitmap."""
    pieces = [p for p in pieces if p[0].size]
    if not pieces:
        return None
    left = min(x for _, x, _ in pieces)
    right = max(x + image.shape[1] for image, x, _ in pieces)
    top = min(bottom - image.shape[0] for image, _, bottom in pieces)
    bottom = max(b for _, _, b in pieces)
    out = np.zeros((bottom - top, right - left), dtype=np.uint8)
    for image, x, b in pieces:
        rows = slice(b - image.shape[0] - top, b - top)
        cols = slice(x - left, x - left + image.shape[1])
        np.maximum(out[rows, cols], image, out=out[rows, cols])
    return out, left, bottom


def _cached_draw_text(renderer, gc, x, y, s, prop, angle, ismath=False, mtext=None):
    """Agg's ``draw_text`` with each distinct text laid out and rasterised once.

    Matplotlib (3.11) lays out and renders a text glyph by glyph on every draw: tick labels and
    axis labels, drawn again with every new axes layout, were a third of an explorer's redraw.
    Here the glyphs of a text are rendered once into one coverage bitmap, kept by what decides
    their pixels (string, font, size, angle, resolution, quarter-pixel placement) and stamped in
    the gc's colour with Agg's own ``draw_text_image``. Mathtext and unsmoothed text are drawn
    as usual."""
    from matplotlib.backends.backend_agg import RendererAgg

    if ismath or not gc.get_antialiased() or mtext is not None and (mtext.get_fontfeatures() or mtext.get_language()):
        return RendererAgg.draw_text(renderer, gc, x, y, s, prop, angle, ismath, mtext)
    ix, iy = math.floor(x), math.floor(y)
    fx, fy = round((x - ix) * _SUBPIXEL), round((y - iy) * _SUBPIXEL)
    key = (s, hash(prop), prop.get_size_in_points(), round(float(angle), 3), renderer.dpi, fx, fy)
    entry = _TEXT_BITMAPS.get(key, False)
    if entry is False:
        real = renderer._renderer
        collector = _GlyphCollector()
        renderer._renderer = collector
        try:
            RendererAgg.draw_text(renderer, gc, ix + fx / _SUBPIXEL, iy + fy / _SUBPIXEL, s, prop, angle, False, mtext)
        finally:
            renderer._renderer = real
        composed = _compose(collector.pieces)
        # the bitmap's place relative to the text's whole-pixel anchor (Agg's y runs down)
        entry = None if composed is None else (composed[0], composed[1] - ix, composed[2] - iy)
        if len(_TEXT_BITMAPS) >= _TEXT_BITMAPS_MAX:
            _TEXT_BITMAPS.pop(next(iter(_TEXT_BITMAPS)))
        _TEXT_BITMAPS[key] = entry
    if entry is not None:
        image, dx, dy = entry
        renderer._renderer.draw_text_image(image, ix + dx, iy + dy, 0, gc)


def _with_text_cache(renderer):
    """``renderer`` (an Agg renderer) drawing texts through :func:`_cached_draw_text`."""
    if getattr(renderer, "_drugresist_text_cache", False):
        return renderer
    renderer.draw_text = _cached_draw_text.__get__(renderer)
    renderer._drugresist_text_cache = True
    return renderer


class FastCanvas:
    """Renders one figure again and again: axes, ticks and labels are drawn once per distinct
    layout and kept; texts and legends are drawn once per distinct look and kept as small
    transparent tiles; only the curves, areas and images are drawn on each call."""

    def __init__(self, dpi: float = 80.0, cache_size: int = 32) -> None:
        self.dpi = dpi
        self.cache_size = cache_size
        self._backgrounds: dict[tuple, Any] = {}
        self._tiles: dict[tuple, tuple[int, int, np.ndarray] | None] = {}

    def _tile(self, artist, signature: tuple, size: tuple[int, int]):
        """The artist drawn alone on a transparent canvas, cropped: (column, row, RGBA array)."""
        key = (signature, size, self.dpi)
        if key in self._tiles:
            return self._tiles[key]
        from matplotlib.backends.backend_agg import RendererAgg

        width, height = size
        renderer = _with_text_cache(RendererAgg(width, height, self.dpi))
        renderer.clear()
        artist.draw(renderer)
        box = artist.get_window_extent(renderer)
        rgba = np.asarray(renderer.buffer_rgba())
        x0, x1 = max(0, int(box.x0) - 3), min(width, int(np.ceil(box.x1)) + 3)
        y0, y1 = max(0, height - int(np.ceil(box.y1)) - 3), min(height, height - int(box.y0) + 3)
        tile = (x0, y0, rgba[y0:y1, x0:x1].copy()) if x1 > x0 and y1 > y0 else None
        if len(self._tiles) >= 8 * self.cache_size:
            self._tiles.pop(next(iter(self._tiles)))
        self._tiles[key] = tile
        return tile

    def png(self, fig: Figure) -> bytes:
        """PNG bytes of ``fig`` as it is now."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from PIL import Image

        if fig.dpi != self.dpi:
            fig.set_dpi(self.dpi)
        canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
        foreground = _foreground(fig)
        key = _background_key(fig)
        background = self._backgrounds.get(key)
        _with_text_cache(canvas.get_renderer())
        if background is None:
            visible = [a.get_visible() for a in foreground]
            for artist in foreground:
                artist.set_visible(False)
            canvas.draw()
            background = canvas.copy_from_bbox(fig.bbox)
            for artist, was in zip(foreground, visible):
                artist.set_visible(was)
            if len(self._backgrounds) >= self.cache_size:
                self._backgrounds.pop(next(iter(self._backgrounds)))
            self._backgrounds[key] = background
        canvas.restore_region(background)
        renderer = canvas.get_renderer()
        size = canvas.get_width_height()
        overlays = []
        for artist in sorted(foreground, key=lambda a: a.get_zorder()):
            if not artist.get_visible():
                continue
            signature = _overlay_signature(artist, fig)
            if signature is None:
                artist.draw(renderer)
            else:  # texts and legends go on top, from the tile cache
                overlays.append((artist, signature))
        pixels = np.asarray(canvas.buffer_rgba()).copy()
        for artist, signature in overlays:
            tile = self._tile(artist, signature, size)
            if tile is None:
                continue
            x0, y0, rgba = tile
            region = pixels[y0:y0 + rgba.shape[0], x0:x0 + rgba.shape[1]]
            alpha = rgba[..., 3:4].astype(np.float32) / 255.0
            region[..., :3] = (rgba[..., :3] * alpha + region[..., :3] * (1.0 - alpha)).astype(np.uint8)
        # the figure is opaque: RGB encodes a quarter fewer bytes than RGBA, and faster
        opaque = bool(np.all(pixels[..., 3] == 255))
        image = Image.fromarray(np.ascontiguousarray(pixels[..., :3]), "RGB") if opaque else Image.fromarray(pixels, "RGBA")
        buffer = io.BytesIO()
        image.save(buffer, format="png", compress_level=1)
        return buffer.getvalue()
