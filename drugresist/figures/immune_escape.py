"""Figures and the explorer for the chapter "Hiding from the immune system".

All parameter values are illustrative (see ``drugresist.models.immune_escape``): a tumour of
10^11 cells, T-cell killing at a constant rate from day 0, a run of 600 days. The second target
is assumed to be lost as often as the first and independently of it, so the double-negative
fraction is the square of the single-negative one.

The numbers behind the explorer's figure come from :func:`immune_escape_curves`, a pure
function that both :func:`plot_escape` and :func:`escape_alt` call.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.figure import Figure

from drugresist.explorer import Explorer, Slider
from drugresist.models.immune_escape import (
    clone_relapse_time_days,
    dual_target_negative_fraction,
    escape_cells,
    fold_reduction_at_nadir,
    relapse_time_days,
    tumour_cells,
)
from drugresist.style import PALETTE, new_figure

DAYS = 600.0
POINTS = 601
INITIAL_CELLS = 1e11
Y_RANGE = (1.0, 1e13)

#: Illustrative defaults (not measured values).
LOG10_NEGATIVE_FRACTION = -5.0
KILL_PER_DAY = 0.3
GROWTH_PER_DAY = 0.05


def immune_escape_curves(log10_negative_fraction: float = LOG10_NEGATIVE_FRACTION,
                         kill_per_day: float = KILL_PER_DAY,
                         growth_per_day: float = GROWTH_PER_DAY) -> dict[str, np.ndarray | float]:
    """The numbers the explorer shows: cells over time for one target and for two, and the relapse days.

    Returns ``times_days``; ``single_total``, ``single_clone`` (the antigen-negative clone) and
    ``dual_total`` in cells (``nan`` below one cell, which a log axis cannot show); and the
    scalars ``negative_fraction``, ``dual_negative_fraction``, ``single_relapse_day``,
    ``dual_relapse_day``, ``single_clone_bound_day``, ``dual_clone_bound_day`` (days; ``inf`` if
    never), ``fold_reduction`` (single target, at the nadir) and ``dual_clone_cells_at_start``
    (expected double-negative cells on day 0; below one, a real tumour probably has none, while this
    deterministic model still lets the fraction of a cell regrow).
    """
    f = 10.0 ** log10_negative_fraction
    f2 = float(dual_target_negative_fraction(f, f))
    t = np.linspace(0.0, DAYS, POINTS)
    single = np.asarray(tumour_cells(t, INITIAL_CELLS, f, growth_per_day, kill_per_day))
    clone = np.asarray(escape_cells(t, INITIAL_CELLS, f, growth_per_day))
    dual = np.asarray(tumour_cells(t, INITIAL_CELLS, f2, growth_per_day, kill_per_day))
    return {
        "times_days": t,
        "single_total": _visible(single),
        "single_clone": _visible(clone),
        "dual_total": _visible(dual),
        "negative_fraction": f,
        "dual_negative_fraction": f2,
        "single_relapse_day": relapse_time_days(f, growth_per_day, kill_per_day),
        "dual_relapse_day": relapse_time_days(f2, growth_per_day, kill_per_day),
        "single_clone_bound_day": clone_relapse_time_days(f, growth_per_day),
        "dual_clone_bound_day": clone_relapse_time_days(f2, growth_per_day),
        "fold_reduction": fold_reduction_at_nadir(f, growth_per_day, kill_per_day),
        "dual_clone_cells_at_start": f2 * INITIAL_CELLS,
    }


def _visible(values: np.ndarray) -> np.ndarray:
    """Cell numbers for a log axis: below one cell is not drawn."""
    return np.where(values >= 1.0, values, np.nan)


def _day(value: float) -> str:
    if value == 0.0:
        return "never shrinks"
    if math.isinf(value) or value > DAYS:
        return f"not back by day {DAYS:.0f}"
    return f"back on day {value:.0f}"


def _fraction(value: float) -> str:
    """'1 in 100,000' up to a million, '1 in 10^10' beyond, '1 in 2,500' for values between powers of ten."""
    one_in = 1.0 / value
    power = math.log10(one_in)
    if abs(power - round(power)) < 1e-6:
        return f"1 in {10 ** round(power):,}" if power < 6.5 else f"1 in 10^{round(power)}"
    return f"1 in {float(f'{one_in:.2g}'):,.0f}"


def _fold(value: float) -> str:
    if value < 10:
        return f"{value:.1f}-fold"
    if value >= 1e5:
        return f"about 10^{math.log10(value):.0f}-fold"
    return f"about {float(f'{value:.2g}'):,.0f}-fold"


def plot_escape(log10_negative_fraction: float = LOG10_NEGATIVE_FRACTION,
                kill_per_day: float = KILL_PER_DAY,
                growth_per_day: float = GROWTH_PER_DAY) -> Figure:
    """Tumour cells (log scale) under T-cell killing: one target, its escape clone, and two targets."""
    c = immune_escape_curves(log10_negative_fraction, kill_per_day, growth_per_day)
    t = c["times_days"]
    fig, ax = new_figure(width_in=7.2, height_in=5.0, layout=None)  # fixed margins: redrawn by the explorer
    fig.subplots_adjust(left=0.11, right=0.97, bottom=0.25, top=0.87)
    ax.axhline(INITIAL_CELLS, color=PALETTE["black"], linewidth=0.8, alpha=0.6, label="size at the start")
    ax.semilogy(t, c["single_total"], color=PALETTE["blue"], linestyle="-", label="one target: whole tumour")
    ax.semilogy(t, c["single_clone"], color=PALETTE["blue"], linestyle=":", linewidth=1.6,
                label="one target: antigen-negative clone")
    ax.semilogy(t, c["dual_total"], color=PALETTE["vermillion"], linestyle="--", label="two targets: whole tumour")
    for day, colour in ((c["single_relapse_day"], PALETTE["blue"]), (c["dual_relapse_day"], PALETTE["vermillion"])):
        if 0 < day <= DAYS:
            ax.axvline(day, color=colour, linewidth=0.9, linestyle="-.", alpha=0.8)
    ax.set_xlim(0, DAYS)
    ax.set_ylim(*Y_RANGE)
    ax.set_xlabel("Days from the start of immunotherapy")
    ax.set_ylabel("Tumour cells (log scale)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, fontsize=8.5)
    dual_note = " (< 1 cell at the start)" if c["dual_clone_cells_at_start"] < 1 else ""
    ax.set_title(
        f"Escape clone {_fraction(c['negative_fraction'])} at the start; kill {kill_per_day:g}/day, "
        f"growth {growth_per_day:g}/day (illustrative)\nOne target: {_day(c['single_relapse_day'])}; "
        f"two targets: {_day(c['dual_relapse_day'])}{dual_note}",
        fontsize=9.5,
    )
    return fig


def escape_alt(log10_negative_fraction: float = LOG10_NEGATIVE_FRACTION,
               kill_per_day: float = KILL_PER_DAY,
               growth_per_day: float = GROWTH_PER_DAY) -> str:
    """Alt text for :func:`plot_escape` stating the numbers it shows."""
    c = immune_escape_curves(log10_negative_fraction, kill_per_day, growth_per_day)
    single, dual = c["single_relapse_day"], c["dual_relapse_day"]
    text = (
        f"Tumour cells on a log scale from 1 to 10^13 over {DAYS:.0f} days of immunotherapy, with a thin line at "
        f"the starting size of 10^11 cells. At the start {_fraction(c['negative_fraction'])} cells lacks the "
        f"target antigen; T cells kill the others at {kill_per_day:g} per day and all cells grow at "
        f"{growth_per_day:g} per day. "
    )
    if single == 0.0:
        return text + "The killing does not outpace growth, so the tumour never shrinks."
    text += (
        f"With one target the tumour shrinks {_fold(c['fold_reduction'])}, then regrows as the dotted "
        f"antigen-negative clone, which rises in a straight line on the log scale; the tumour is "
    )
    text += (f"back to its starting size on day {single:.0f}" if single <= DAYS
             else f"not back to its starting size by day {DAYS:.0f} (day {single:.0f} in the model)")
    text += (f". With a second target, escaped only by cells negative for both ({_fraction(c['dual_negative_fraction'])}), "
             f"the dashed curve falls lower and ")
    text += (f"is back on day {dual:.0f}" if dual <= DAYS
             else f"is not back by day {DAYS:.0f} (day {dual:.0f} in the model)")
    if c["dual_clone_cells_at_start"] < 1:
        text += (f". That fraction of 10^11 cells is about 10^{math.log10(c['dual_clone_cells_at_start']):.0f} of a cell: a real tumour "
                 "this size probably holds no double-negative cell at all, which this deterministic model cannot show")
    return text + "."


def plot_relapse_vs_fraction(growth_per_day: float = GROWTH_PER_DAY,
                             kills_per_day: tuple[float, ...] = (0.06, 0.1, 1.0)) -> Figure:
    """Relapse day against the escape clone's starting fraction (log axis), for several kill rates and two targets."""
    fractions = np.logspace(-9, -1, 161)
    fig, ax = new_figure(width_in=6.8, height_in=4.2)
    styles = ("-", "--", "-.")
    for kill, style, colour in zip(kills_per_day, styles, (PALETTE["sky"], PALETTE["blue"], PALETTE["black"])):
        days = [relapse_time_days(f, growth_per_day, kill) for f in fractions]
        ax.plot(fractions, days, color=colour, linestyle=style, label=f"one target, kill {kill:g}/day")
    dual = [relapse_time_days(float(dual_target_negative_fraction(f, f)), growth_per_day, kills_per_day[1])
            for f in fractions]
    ax.plot(fractions, dual, color=PALETTE["vermillion"], linestyle=":", linewidth=2.6,
            label=f"two targets, kill {kills_per_day[1]:g}/day")
    ax.set_xscale("log")
    ax.invert_xaxis()
    ax.set_xlabel("Starting fraction of escape cells (log scale; rarer to the right)")
    ax.set_ylabel("Day the tumour is back to its starting size")
    ax.set_ylim(0, 800)
    ax.legend(loc="upper left", fontsize=8.5)
    return fig


def relapse_vs_fraction_alt(growth_per_day: float = GROWTH_PER_DAY,
                            kills_per_day: tuple[float, ...] = (0.06, 0.1, 1.0)) -> str:
    """Alt text for :func:`plot_relapse_vs_fraction`."""
    at = {k: relapse_time_days(1e-6, growth_per_day, k) for k in kills_per_day}
    common = {k: relapse_time_days(0.1, growth_per_day, k) for k in kills_per_day}
    dual = relapse_time_days(1e-12, growth_per_day, kills_per_day[1])
    parts = ", ".join(f"{day:.0f} days with a kill rate of {k:g} per day" for k, day in at.items())
    weakest, strongest = min(kills_per_day), max(kills_per_day)
    return (
        "Relapse day against the starting fraction of escape cells on a log axis from 1 in 10 to 1 in a "
        "billion, rarer clones to the right. The three one-target lines rise as nearly straight lines that "
        f"almost coincide: for a clone of 1 in a million the tumour is back after {parts}. Only for common "
        f"clones does the weakest killing, barely above the growth rate, give an earlier relapse (day "
        f"{common[weakest]:.0f} instead of {common[strongest]:.0f} for 1 in 10). The dotted two-target line "
        f"rises twice as steeply: 1 in a million for each target gives {dual:.0f} days."
    )


def escape_explorer() -> Explorer:
    """Sliders: the escape clone's starting fraction (log10), the T-cell kill rate and the growth rate."""
    return Explorer(
        plot=plot_escape,
        sliders=[
            Slider("log10_negative_fraction", "Escape clone at the start (log10 fraction)", -9, -1, 1,
                   LOG10_NEGATIVE_FRACTION),
            Slider("kill_per_day", "T-cell kill rate (per day)", 0.02, 1.0, 0.02, KILL_PER_DAY),
            Slider("growth_per_day", "Tumour growth rate (per day)", 0.01, 0.1, 0.01, GROWTH_PER_DAY),
        ],
        presets=[
            {},
            {"kill_per_day": 1.0},
            {"log10_negative_fraction": -3},
            {"log10_negative_fraction": -8},
            {"growth_per_day": 0.02},
            {"kill_per_day": 0.04},
        ],
        alt=escape_alt,
        title="An antigen-negative clone under T-cell killing",
    )


def plot_mechanism() -> Figure:
    """Schematic: what a killer T cell and a CAR-T cell need from a cancer cell, and the three escapes (red crosses)."""
    from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

    fig, (left, right) = new_figure(ncols=2, width_in=9.6, height_in=4.6, layout=None)
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.9, wspace=0.05)
    for ax, title in ((left, "Checkpoint inhibitors: a killer T cell released"),
                      (right, "CAR-T cells: an engineered receptor")):
        ax.set_xlim(0, 10)
        ax.set_ylim(0, 10)
        ax.set_axis_off()
        ax.set_title(title, fontsize=11)
        # schematic only: positions are not to scale

    def cell(ax, x, y, w, h, colour, label):
        ax.add_patch(FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0.2,rounding_size=0.8",
                                    facecolor=colour, edgecolor=PALETTE["black"], alpha=0.25, linewidth=1.2))
        ax.text(x + w / 2, y + h / 2, label, ha="center", va="center", fontsize=10, fontweight="bold")

    def cross(ax, x, y):
        ax.plot([x - 0.3, x + 0.3], [y - 0.3, y + 0.3], color=PALETTE["vermillion"], linewidth=3.2, linestyle="-")
        ax.plot([x - 0.3, x + 0.3], [y + 0.3, y - 0.3], color=PALETTE["vermillion"], linewidth=3.2, linestyle="-")

    def arrow(ax, start, end, colour=PALETTE["black"], style="-|>"):
        ax.add_patch(FancyArrowPatch(start, end, arrowstyle=style, mutation_scale=14, color=colour, linewidth=1.4))

    # Left: T cell above, cancer cell below
    cell(left, 1.0, 7.0, 8.0, 1.6, PALETTE["sky"], "killer T cell")
    cell(left, 1.0, 0.6, 8.0, 2.2, PALETTE["orange"], "")
    left.text(5.0, 1.0, "melanoma cell", ha="center", va="center", fontsize=10, fontweight="bold")
    # TCR reads peptide on MHC I (with B2M)
    left.text(2.1, 6.2, "T-cell\nreceptor", ha="right", va="center", fontsize=8.5)
    left.plot([2.3, 2.3], [7.0, 5.4], color=PALETTE["blue"], linewidth=3, linestyle="-")
    left.add_patch(Circle((2.3, 5.1), 0.3, color=PALETTE["green"]))
    left.text(2.9, 5.05, "peptide", fontsize=8.5, va="center")
    left.plot([2.3, 2.3], [4.8, 2.8], color=PALETTE["black"], linewidth=3, linestyle="-")
    left.text(2.45, 3.6, "MHC class I\n+ B2M", fontsize=8.5, va="center")
    cross(left, 1.7, 3.4)
    # PD-1 / PD-L1 brake
    left.plot([5.0, 5.0], [7.0, 5.6], color=PALETTE["blue"], linewidth=3, linestyle="-")
    left.plot([5.0, 5.0], [4.4, 2.8], color=PALETTE["purple"], linewidth=3, linestyle="-")
    left.text(5.15, 6.3, "PD-1", fontsize=8.5)
    left.text(5.15, 3.5, "PD-L1", fontsize=8.5)
    left.text(5.0, 5.0, "brake\n(anti-PD-1\nreleases it)", ha="center", va="center", fontsize=7.5)
    # IFN-gamma -> JAK1/2 -> more MHC I and PD-L1
    arrow(left, (7.8, 7.0), (7.8, 3.0), PALETTE["blue"])
    left.text(7.65, 5.0, "interferon-γ", ha="right", va="center", fontsize=8.5, rotation=90)
    left.text(8.4, 2.3, "JAK1 / JAK2", ha="right", va="center", fontsize=8.5)
    cross(left, 8.9, 2.3)
    left.text(4.6, 1.75, "answer: PD-L1, slower growth", ha="center", fontsize=7.5)

    # Right: CAR-T cell above, leukaemia cell below
    cell(right, 1.0, 7.0, 8.0, 1.6, PALETTE["sky"], "CAR-T cell")
    cell(right, 1.0, 0.6, 8.0, 2.2, PALETTE["orange"], "")
    right.text(5.0, 1.3, "B-cell leukaemia cell", ha="center", va="center", fontsize=10, fontweight="bold")
    right.plot([5.0, 5.0], [7.0, 5.0], color=PALETTE["blue"], linewidth=3, linestyle="-")
    right.text(5.2, 6.1, "chimeric antigen receptor", fontsize=8.5, va="center")
    right.add_patch(Circle((5.0, 4.6), 0.35, color=PALETTE["green"]))
    right.plot([5.0, 5.0], [4.25, 2.8], color=PALETTE["black"], linewidth=3, linestyle="-")
    right.text(5.2, 3.5, "CD19", fontsize=8.5, va="center")
    cross(right, 4.3, 3.6)
    right.text(5.0, 0.05, "red crosses: escapes found in patients (B2M, JAK1/JAK2, CD19)", ha="center",
               fontsize=8, color=PALETTE["vermillion"])
    return fig
