"""Figures and explorer for the chapter "Repairing the damage: DNA repair and PARP inhibitors".

The numbers behind the explorer come from one pure function, :func:`revertant_curves`, which both
the plot and its alt text call. All parameters are illustrative (see
``drugresist.models.dna_repair``).
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from drugresist.explorer import Explorer, Slider
from drugresist.models.dna_repair import (
    KILL_PER_DAY,
    REVERTANT_GROWTH_PER_DAY,
    deficient_cells,
    expected_revertant_cells,
    nadir_day,
    prob_any_revertant,
    relapse_day,
    revertant_cells,
)
from drugresist.style import PALETTE, legend_above, new_figure

DAYS = 720.0
POINTS = 361
Y_RANGE = (1.0, 1e13)
SIZE_RANGE = (1e3, 1e12)


def revertant_curves(log10_cells: float = 9.0, log10_reversion: float = -7.0,
                     growth_per_day: float = REVERTANT_GROWTH_PER_DAY,
                     kill_per_day: float = KILL_PER_DAY) -> dict[str, np.ndarray | float]:
    """The numbers the explorer draws, for a tumour of ``10**log10_cells`` HR-deficient cells.

    Returns ``days`` (0 to 720), the expected ``deficient``, ``revertant`` and ``total`` cells
    under the PARP inhibitor, the expected revertants at the start ``r0``, the probability
    ``prob_any`` that at least one exists, ``nadir_day``/``nadir_cells``, ``relapse_day``
    (the day the total is back to its starting size; ``nan`` if not within 720 days) and, for
    the right-hand panel, ``sizes`` with ``prob_by_size`` (probability of at least one revertant
    at each size). Rates are per day.
    """
    n = 10.0 ** log10_cells
    u = 10.0 ** log10_reversion
    days = np.linspace(0.0, DAYS, POINTS)
    r0 = float(expected_revertant_cells(n, u))
    deficient = np.asarray(deficient_cells(days, n, kill_per_day))
    revertant = np.asarray(revertant_cells(days, r0, growth_per_day))
    total = deficient + revertant
    t_nadir = nadir_day(n, r0, kill_per_day, growth_per_day)
    nadir_cells = float(deficient_cells(t_nadir, n, kill_per_day) + revertant_cells(t_nadir, r0, growth_per_day))
    t_relapse = relapse_day(n, r0, kill_per_day, growth_per_day) if r0 < n else 0.0
    if t_relapse > DAYS:
        t_relapse = float("nan")
    sizes = np.logspace(np.log10(SIZE_RANGE[0]), np.log10(SIZE_RANGE[1]), 200)
    return {
        "days": days, "deficient": deficient, "revertant": revertant, "total": total,
        "n_cells": n, "reversion_per_division": u, "r0": r0,
        "prob_any": float(prob_any_revertant(n, u)),
        "nadir_day": t_nadir, "nadir_cells": nadir_cells, "relapse_day": t_relapse,
        "sizes": sizes, "prob_by_size": np.asarray(prob_any_revertant(sizes, u)),
    }


def _visible(values: np.ndarray) -> np.ndarray:
    """Cell numbers for a log axis: below one cell is not drawn."""
    return np.where(values >= 1.0, values, np.nan)


def _count(value: float) -> str:
    """A cell number in words a screen reader says well: '2.1 thousand', '22 million'."""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand")):
        if value >= size:
            return f"{float(f'{value / size:.2g}'):g} {word}"
    return f"{value:.2g}"


def plot_revertants(log10_cells: float = 9.0, log10_reversion: float = -7.0,
                    growth_per_day: float = REVERTANT_GROWTH_PER_DAY) -> Figure:
    """Left: deficient, revertant and total cells under a PARP inhibitor. Right: P(any revertant) by size."""
    c = revertant_curves(log10_cells, log10_reversion, growth_per_day)
    fig, (left, right) = new_figure(ncols=2, width_in=9.6, height_in=4.6, layout=None)
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.12, top=0.76, wspace=0.3)
    left.axhline(c["n_cells"], color=PALETTE["black"], linestyle=":", linewidth=1, label="starting size")
    left.semilogy(c["days"], _visible(c["deficient"]), color=PALETTE["blue"], linestyle="--",
                  label="HR-deficient (killed)")
    left.semilogy(c["days"], _visible(c["revertant"]), color=PALETTE["vermillion"], linestyle="-.",
                  label="revertants (resistant)")
    left.semilogy(c["days"], _visible(c["total"]), color=PALETTE["black"], linestyle="-", label="whole tumour")
    if np.isfinite(c["relapse_day"]):
        left.axvline(c["relapse_day"], color=PALETTE["green"], linestyle="-", linewidth=1,
                     label=f"back to start, day {c['relapse_day']:.0f}")
    left.set(xlim=(0, DAYS), ylim=Y_RANGE, xlabel="Days on the PARP inhibitor", ylabel="Cells (log scale)")
    legend_above(left)
    right.semilogx(c["sizes"], c["prob_by_size"], color=PALETTE["vermillion"], linestyle="-")
    right.axvline(c["n_cells"], color=PALETTE["black"], linestyle=":", linewidth=1, label="this tumour")
    right.set(xlim=SIZE_RANGE, ylim=(0, 1.05), xlabel="Cells at the start of treatment (log scale)",
              ylabel="P(at least one revertant)")
    legend_above(right)
    fig.suptitle(
        f"10^{log10_cells:g} cells, reversion 10^{log10_reversion:g} per division, revertants grow "
        f"{growth_per_day:g} per day\nIllustrative parameters; curves stop below one cell", fontsize=9.5)
    return fig


def revertants_alt(log10_cells: float = 9.0, log10_reversion: float = -7.0,
                   growth_per_day: float = REVERTANT_GROWTH_PER_DAY) -> str:
    """Alt text for :func:`plot_revertants`, stating the numbers it shows."""
    c = revertant_curves(log10_cells, log10_reversion, growth_per_day)
    text = (
        f"Two panels. First panel, cells on a log scale over {DAYS:.0f} days of a PARP inhibitor for a tumour that starts "
        f"with {_count(c['n_cells'])} HR-deficient cells and, on average, {_count(c['r0'])} revertant cells. "
        f"The deficient cells fall steadily; the revertants grow at {growth_per_day:g} per day. The whole "
        f"tumour shrinks to its smallest size, {_count(c['nadir_cells'])} cells, on day {c['nadir_day']:.0f}"
    )
    if np.isfinite(c["relapse_day"]):
        text += f", and is back to its starting size on day {c['relapse_day']:.0f}, made almost entirely of revertants"
    else:
        text += f", and is not back to its starting size within {DAYS:.0f} days"
    if c["r0"] < 1:
        text += (". Fewer than one revertant cell is expected, so most such tumours hold none and would not "
                 "regrow in this model; the curves show the average over many tumours")
    prob = "essentially 1" if c["prob_any"] > 0.999 else f"{c['prob_any']:.2g}"
    text += (
        f". Second panel, the probability that at least one revertant is present at the start rises from near 0 to 1 "
        f"as the tumour grows from a thousand to a trillion cells; at this tumour's size it is {prob}."
    )
    return text


def revertant_explorer() -> Explorer:
    """Sliders: tumour size, reversion rate and revertant growth rate (three, all illustrative)."""
    return Explorer(
        plot=plot_revertants,
        sliders=[
            Slider("log10_cells", "Tumour cells at start (log10)", 6, 12, 0.5, 9),
            Slider("log10_reversion", "Reversion per division (log10)", -9, -5, 0.5, -7),
            Slider("growth_per_day", "Revertant growth (per day)", 0.01, 0.1, 0.005, REVERTANT_GROWTH_PER_DAY),
        ],
        presets=[
            {},
            {"log10_cells": 11},
            {"log10_cells": 7},
            {"log10_reversion": -9},
            {"growth_per_day": 0.06},
        ],
        alt=revertants_alt,
        title="BRCA revertants under a PARP inhibitor",
    )


# ----------------------------------------------------------------------------------------------
# Mechanism diagram: synthetic lethality
# ----------------------------------------------------------------------------------------------
_CASES = (
    ("BRCA working, PARP working", "single-strand breaks fixed by PARP;\nany broken forks fixed by HR", True),
    ("BRCA lost, PARP working", "PARP still fixes single-strand\nbreaks: few forks break", True),
    ("BRCA working, PARP inhibited", "unrepaired breaks collapse forks;\nHR repairs them", True),
    ("BRCA lost, PARP inhibited", "forks collapse and HR is missing:\nbreaks persist, the cell dies", False),
)


def plot_synthetic_lethality() -> Figure:
    """Four boxes: a cell survives the loss of BRCA or of PARP activity, but not of both."""
    fig, ax = new_figure(width_in=7.6, height_in=4.2, layout=None)
    fig.subplots_adjust(left=0.02, right=0.98, bottom=0.02, top=0.98)
    ax.set_axis_off()
    ax.set(xlim=(0, 2), ylim=(0, 2))
    for index, (title, body, survives) in enumerate(_CASES):
        col, row = index % 2, 1 - index // 2
        colour = PALETTE["green"] if survives else PALETTE["vermillion"]
        ax.add_patch(FancyBboxPatch((col + 0.05, row + 0.06), 0.9, 0.86, boxstyle="round,pad=0.02",
                                    facecolor=colour, alpha=0.12, edgecolor=colour, linewidth=2))
        ax.text(col + 0.5, row + 0.78, title, ha="center", va="center", fontsize=10.5, weight="bold")
        ax.text(col + 0.5, row + 0.48, body, ha="center", va="center", fontsize=9.5)
        ax.text(col + 0.5, row + 0.18, "cell survives" if survives else "cell dies", ha="center", va="center",
                fontsize=11, weight="bold", color=colour)
    return fig
