"""Figures and explorer for the chapter "Cancer stem cells: the few that regrow the tumour".

All parameters are illustrative (see ``drugresist.models.stem_cells``): a tumour of 10^9 cells in
the balanced composition of the default hierarchy, therapy from day 0, a run of two years.
"""

from __future__ import annotations

import functools

import numpy as np
from matplotlib.figure import Figure

from drugresist.explorer import Explorer, Slider
from drugresist.models.stem_cells import (
    Hierarchy,
    HierarchyRun,
    fold_reduction_at_nadir,
    simulate,
    time_to_relapse_days,
)
from drugresist.style import PALETTE, legend_above, new_figure

DAYS = 730.0
POINTS = 366
INITIAL_CELLS = 1e9
Y_RANGE = (1.0, 1e12)


@functools.lru_cache(maxsize=64)  # the figure and its alt text ask for the same numbers
def _runs(kill_per_day: float, stem_cycling_fraction: float, stem_kill_per_day: float,
          therapy_days: float) -> tuple[HierarchyRun, HierarchyRun, HierarchyRun | None]:
    hierarchy = Hierarchy(stem_cycling_fraction=stem_cycling_fraction)
    common = dict(days=DAYS, points=POINTS, initial_cells=INITIAL_CELLS)
    untreated = simulate(hierarchy, kill_per_day=0.0, therapy_days=0.0, **common)
    conventional = simulate(hierarchy, kill_per_day=kill_per_day, therapy_days=therapy_days, **common)
    targeted = None
    if stem_kill_per_day > 0:
        targeted = simulate(hierarchy, kill_per_day=kill_per_day, stem_kill_per_day=stem_kill_per_day,
                            therapy_days=therapy_days, **common)
    return untreated, conventional, targeted


def _visible(values: np.ndarray) -> np.ndarray:
    """Cell numbers for a log axis: below one cell is not drawn."""
    return np.where(values >= 1.0, values, np.nan)


def _count(value: float) -> str:
    """A cell number in words a screen reader says well: '22 million', '4,100'."""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if value >= size:
            return f"{float(f'{value / size:.2g}'):g} {word}"
    return f"{value:,.0f}" if value >= 10 else f"{value:.2g}"


def _fold(fold: float) -> str:
    return f"{fold:.0f}-fold" if fold < 1e4 else f"about 10^{np.log10(fold):.0f}-fold"


def _relapse_text(run: HierarchyRun) -> str:
    """What the tumour does, as a verb phrase: 'shrinks 27-fold and is back to its start on day 145'."""
    if run.cured:
        return f"loses its last stem cell on day {run.extinction_day:.0f}, dies out and does not relapse"
    relapse = time_to_relapse_days(run)
    if relapse == 0.0:
        return "never shrinks below its starting size"
    fold = _fold(fold_reduction_at_nadir(run))
    if np.isinf(relapse):
        return f"shrinks {fold} and is not back to its starting size by day {DAYS:.0f}"
    return f"shrinks {fold} and is back to its starting size on day {relapse:.0f}"


def plot_hierarchy(kill_per_day: float = 2.0, stem_cycling_fraction: float = 0.005,
                   stem_kill_per_day: float = 0.2, therapy_days: float = 120.0) -> Figure:
    """Left: total tumour cells (log scale) untreated, with conventional therapy, and with a stem-targeted agent.
    Right: the share of stem cells among the tumour cells."""
    untreated, conventional, targeted = _runs(kill_per_day, stem_cycling_fraction, stem_kill_per_day, therapy_days)
    t = conventional.times_days
    fig, (left, right) = new_figure(ncols=2, width_in=9.8, height_in=4.8, layout=None)
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.115, top=0.74, wspace=0.28)
    for ax in (left, right):
        if therapy_days > 0:
            ax.axvspan(0, min(therapy_days, DAYS), color=PALETTE["sky"], alpha=0.15, linewidth=0)
        ax.set_xlim(0, DAYS)
        ax.set_xlabel("Days from the start of therapy")
    left.semilogy(t, _visible(untreated.total), color=PALETTE["black"], linestyle=":", label="untreated")
    left.semilogy(t, _visible(conventional.total), color=PALETTE["blue"], linestyle="--",
                  label="therapy against cycling cells")
    right.plot(t, 100 * conventional.stem_fraction, color=PALETTE["blue"], linestyle="--",
               label="therapy against cycling cells")
    if targeted is not None:
        left.semilogy(t, _visible(targeted.total), color=PALETTE["vermillion"], linestyle="-",
                      label=f"+ stem-targeted agent ({stem_kill_per_day:g}/day)")
        right.plot(t, 100 * targeted.stem_fraction, color=PALETTE["vermillion"], linestyle="-",
                   label=f"+ stem-targeted agent ({stem_kill_per_day:g}/day)")
    right.plot(t, 100 * untreated.stem_fraction, color=PALETTE["black"], linestyle=":", label="untreated")
    left.axhline(INITIAL_CELLS, color=PALETTE["black"], linewidth=0.8, alpha=0.6, label="size at the start")
    left.set_ylim(*Y_RANGE)
    left.set_ylabel("Tumour cells (log scale)")
    legend_above(left)
    right.set_ylim(0, 100)
    right.set_ylabel("Stem cells among tumour cells (%)")
    right.legend(loc="upper right", fontsize=8)
    lines = [f"Therapy for {therapy_days:g} days (shaded): the tumour {_relapse_text(conventional)}"]
    if targeted is not None:
        lines.append(f"With the stem-targeted agent it {_relapse_text(targeted)}")
    lines.append("Illustrative parameters; curves stop below one cell")
    fig.suptitle("\n".join(lines), fontsize=9.5)
    return fig


def hierarchy_alt(kill_per_day: float = 2.0, stem_cycling_fraction: float = 0.005,
                  stem_kill_per_day: float = 0.2, therapy_days: float = 120.0) -> str:
    """Alt text for :func:`plot_hierarchy` stating the numbers it shows."""
    untreated, conventional, targeted = _runs(kill_per_day, stem_cycling_fraction, stem_kill_per_day, therapy_days)
    end_t = int(np.searchsorted(conventional.times_days, therapy_days, side="right")) - 1
    text = (
        f"Two panels over {DAYS:.0f} days; therapy against cycling cells is given for the first {therapy_days:g} "
        f"days (shaded). First panel, tumour cells on a log scale from one cell to 10^12, with a thin line at the "
        f"starting size of 10^9 cells: the untreated tumour grows steadily; with therapy it "
        f"{_relapse_text(conventional)}."
    )
    if targeted is not None:
        text += (f" With a stem-targeted agent added (kill rate {stem_kill_per_day:g} per day on stem cells) it "
                 f"{_relapse_text(targeted)}.")
    text += (f" Second panel, the share of stem cells among the tumour cells starts at {100 * untreated.stem_fraction[0]:.1f} "
             f"percent and stays there without treatment; with therapy against cycling cells it "
             f"{_share_text(conventional, end_t)}")
    if targeted is not None:
        text += f"; with the stem-targeted agent it {_share_text(targeted, end_t)}"
    return text + "."


def _share_text(run: HierarchyRun, end_t: int) -> str:
    """How the stem share moves during therapy, as a verb phrase."""
    if run.cured:
        return "falls to zero once the stem cells are gone"
    start = 100 * float(run.stem_fraction[0])
    peak = 100 * float(np.max(run.stem_fraction[: end_t + 1]))
    if peak <= 1.05 * start:
        return f"falls during therapy, to {100 * float(run.stem_fraction[end_t]):.2g} percent"
    return f"rises to {peak:.0f} percent during therapy and falls back after it stops"


def plot_compartments(kill_per_day: float = 2.0, stem_cycling_fraction: float = 0.005,
                      therapy_days: float = 120.0, days: float = 240.0) -> Figure:
    """Stem, progenitor and differentiated cells (log scale) during and after therapy against cycling cells."""
    run = simulate(Hierarchy(stem_cycling_fraction=stem_cycling_fraction), kill_per_day=kill_per_day,
                   therapy_days=therapy_days, days=days, points=int(days) + 1, initial_cells=INITIAL_CELLS)
    fig, ax = new_figure(width_in=6.8, height_in=4.2)
    ax.axvspan(0, min(therapy_days, days), color=PALETTE["sky"], alpha=0.15, linewidth=0, label="therapy")
    ax.semilogy(run.times_days, run.total, color=PALETTE["black"], linestyle="-", linewidth=1.4, label="all tumour cells")
    ax.semilogy(run.times_days, run.differentiated, color=PALETTE["green"], linestyle="-.", label="differentiated")
    ax.semilogy(run.times_days, run.progenitor, color=PALETTE["orange"], linestyle="--", label="progenitor")
    ax.semilogy(run.times_days, run.stem, color=PALETTE["vermillion"], linestyle="-", label="stem")
    ax.set_xlim(0, days)
    ax.set_ylim(1e5, 1e10)
    ax.set_xlabel("Days from the start of therapy")
    ax.set_ylabel("Cells (log scale)")
    ax.legend(loc="lower right", fontsize=8, ncol=2)
    return fig


def compartments_alt(kill_per_day: float = 2.0, stem_cycling_fraction: float = 0.005,
                     therapy_days: float = 120.0, days: float = 240.0) -> str:
    """Alt text for :func:`plot_compartments`."""
    run = simulate(Hierarchy(stem_cycling_fraction=stem_cycling_fraction), kill_per_day=kill_per_day,
                   therapy_days=therapy_days, days=days, points=int(days) + 1, initial_cells=INITIAL_CELLS)
    end = int(round(therapy_days))
    during = slice(0, end + 1)
    relapse = time_to_relapse_days(run)
    text = (
        f"Cells on a log scale over {days:g} days, therapy for the first {therapy_days:g} days (shaded). Before "
        f"therapy there are {_count(run.differentiated[0])} differentiated cells, {_count(run.progenitor[0])} "
        f"progenitors and {_count(run.stem[0])} stem cells. During therapy the progenitors fall within a few days "
        f"to {_count(run.progenitor[during].min())}, the differentiated cells decline over weeks to "
        f"{_count(run.differentiated[during].min())}, and the total falls from {_count(run.total[0])} to "
        f"{_count(run.total[during].min())}, while the stem cells barely change: {_count(run.stem[end])} at day "
        f"{end}. After therapy stops, progenitors and then differentiated cells climb back"
    )
    if np.isfinite(relapse) and relapse > 0:
        text += f", and the total is back to its starting size on day {relapse:.0f}"
    return text + "."


def stem_cell_explorer() -> Explorer:
    """Sliders: kill rate of cycling cells, stem cells' exposure, stem-targeted kill, therapy duration.

    Its defaults are those of the printed figure (:func:`plot_hierarchy`).
    """
    return Explorer(
        plot=plot_hierarchy,
        sliders=[
            Slider("kill_per_day", "Kill rate of cycling cells (per day)", 0, 4, 0.25, 2),
            Slider("stem_cycling_fraction", "Stem cells' exposure to the drug (fraction)", 0, 0.2, 0.005, 0.005),
            Slider("stem_kill_per_day", "Stem-targeted kill (per day)", 0, 0.3, 0.01, 0.2),
            Slider("therapy_days", "Therapy duration (days)", 0, 365, 15, 120),
        ],
        presets=[
            {},
            {"stem_kill_per_day": 0.05},
            {"stem_kill_per_day": 0.2, "therapy_days": 60},
            {"stem_kill_per_day": 0.0, "kill_per_day": 4},
            {"stem_kill_per_day": 0.0, "stem_cycling_fraction": 0.1},
        ],
        alt=hierarchy_alt,
        title="A stem-cell hierarchy under therapy",
    )
