"""One plotting style for every figure in the course.

Colours are the Okabe-Ito palette, which stays distinguishable with the common forms of colour
blindness; lines also differ in style so that no figure relies on colour alone.
"""

from __future__ import annotations

import matplotlib

import io

import numpy as np

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

#: Okabe-Ito colours, by name.
PALETTE: dict[str, str] = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}

#: The order in which series take colours and line styles.
SERIES_COLOURS: list[str] = [PALETTE[k] for k in ("blue", "vermillion", "green", "orange", "purple", "sky", "black")]
SERIES_LINESTYLES: list[str] = ["-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1, 1, 1)), "-"]  # type: ignore[list-item]

RC_PARAMS: dict[str, object] = {
    "figure.figsize": (6.4, 4.0),
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "legend.fontsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "lines.linewidth": 2.2,
    "axes.prop_cycle": matplotlib.cycler(color=SERIES_COLOURS, linestyle=SERIES_LINESTYLES),
}


def apply_style() -> None:
    """Apply the course style to matplotlib globally (idempotent)."""
    plt.rcParams.update(RC_PARAMS)


def new_figure(
    ncols: int = 1, nrows: int = 1, width_in: float = 6.4, height_in: float = 4.0, layout: str | None = "constrained"
):
    """Return ``(fig, axes)`` in the course style, not registered with pyplot's figure manager.

    Figures made here are not kept open by pyplot, so an explorer can redraw many times without
    leaking memory. Sizes are in inches. ``layout=None`` skips matplotlib's constrained layout
    (about 40 % of the drawing time): use it, with ``fig.subplots_adjust``, for explorer plots.
    """
    apply_style()
    from drugresist.scene import clear_for_reuse, reuse_target

    fig = reuse_target()
    if fig is not None and getattr(fig, "_drugresist_shape", None) == (nrows, ncols, width_in, height_in, layout):
        base = clear_for_reuse(fig)  # an explorer redrawing: same figure and axes, artists cleared
        axes = base[0] if len(base) == 1 else np.array(base).reshape(nrows, ncols) if nrows > 1 and ncols > 1 else np.array(base)
        return fig, axes
    fig = Figure(figsize=(width_in, height_in), layout=layout)
    axes = fig.subplots(nrows, ncols)
    fig._drugresist_shape = (nrows, ncols, width_in, height_in, layout)  # type: ignore[attr-defined]
    fig._drugresist_base_axes = list(np.ravel(axes))  # type: ignore[attr-defined]
    for ax in fig._drugresist_base_axes:  # a colour bar replaces its axes' subplot spec; keep the first
        ax._drugresist_spec = ax.get_subplotspec()
    return fig, axes


def figure_to_png(fig: Figure, dpi: int = 110) -> bytes:
    """Render a figure to PNG bytes (deterministic: no software or date metadata), as a palette
    PNG (:func:`palette_png`): the same pixels to the eye, about a third of the bytes."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return palette_png(buffer.getvalue())


PNG_COLOURS = 256
"""A palette PNG's colours. The course's figures are flat Okabe-Ito fills, lines and text; a
figure has a few thousand distinct colours, nearly all of them the anti-aliased edges, and 256
chosen by median cut (no dithering) leave each pixel within a few levels of 255 of its colour
(the mean difference is under 0.2 levels), so text stays as crisp on screen and in print."""


def palette_png(png: bytes, colours: int = PNG_COLOURS) -> bytes:
    """An opaque PNG as a palette PNG of at most ``colours`` colours, if that is smaller; a PNG
    with any transparent pixel is returned unchanged (a palette would lose its alpha channel)."""
    from PIL import Image

    image = Image.open(io.BytesIO(png))
    if "A" in image.getbands() and image.getextrema()[image.getbands().index("A")][0] < 255:
        return png
    palette = image.convert("RGB").quantize(colors=colours, method=Image.Quantize.MEDIANCUT,
                                            dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    palette.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue() if buffer.tell() < len(png) else png


def _show_figures_in_ipython() -> None:
    """Let a cell whose last value is a Figure display it as a PNG.

    Figures made by :func:`new_figure` are not registered with pyplot, so the inline backend does
    not show them by itself; this registers a PNG formatter for them in a running IPython kernel.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: nothing to register
        return
    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["image/png"].for_type(Figure, figure_to_png)


_show_figures_in_ipython()


LEGEND_ROW_PT = 8 * 1.75
"""Height of one row of an 8-point legend, in points (text plus spacing)."""


def legend_above(ax, ncol: int = 2, fontsize: float = 8.0):
    """A frameless legend in the margin just above ``ax``, aligned with its left edge.

    For explorer figures: at some slider setting their curves cross every corner of the axes, so a
    legend inside would hide one. Leave room with the figure's top margin (about
    :data:`LEGEND_ROW_PT` per row) and, for a title above it, use :func:`title_pad_above_legend`.
    """
    return ax.legend(loc="lower left", bbox_to_anchor=(0, 1.01), borderaxespad=0, ncol=ncol,
                     fontsize=fontsize, frameon=False)


def title_pad_above_legend(rows: int) -> float:
    """The ``pad`` (points) that puts an axes title just above a :func:`legend_above` legend."""
    if rows < 1:
        raise ValueError(f"rows must be at least 1, got {rows}")
    return rows * LEGEND_ROW_PT + 8.0
