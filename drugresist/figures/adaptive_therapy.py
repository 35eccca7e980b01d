"""Figures and explorer for the chapter "Adaptive therapy: containing rather than eradicating".

Every parameter here is illustrative (see ``drugresist.models.adaptive_therapy``): burdens are in
units of the carrying capacity, time in days.
"""

from __future__ import annotations

import functools
import math

import numpy as np
from matplotlib.figure import Figure

from drugresist.explorer import Explorer, Slider
from drugresist.models.adaptive_therapy import Competition, drug_days, simulate, time_to_progression_days
from drugresist.style import PALETTE, new_figure

HORIZON_DAYS = 1500.0
INITIAL_BURDEN = 0.75
#: Spacing (days) of the points the curves are drawn with: the model's default step.
PLOT_STEP_DAYS = 0.5


@functools.lru_cache(maxsize=16)  # the figure and its alt text share one simulation
def _runs(resistant_percent: float, resistant_growth: float, competition: float, lower_percent: float):
    params = Competition(growth_resistant_per_day=resistant_growth, competition_on_resistant=competition)
    kwargs = dict(initial_burden=INITIAL_BURDEN, resistant_fraction=resistant_percent / 100.0,
                  days=HORIZON_DAYS, lower_fraction=lower_percent / 100.0)
    return simulate("continuous", params, **kwargs), simulate("adaptive", params, **kwargs)


def _summary(run) -> tuple[float, float]:
    ttp = time_to_progression_days(run)
    until = min(ttp, HORIZON_DAYS)
    return ttp, drug_days(run, until) / until if until > 0 else 0.0


def _days(value: float) -> str:
    return f"more than {HORIZON_DAYS:.0f} days" if math.isinf(value) else f"{value:.0f} days"


def _panel(ax, run, title: str) -> None:
    t = run.times_days
    on = run.dose > 0
    ax.fill_between(t, 0, 1.3, where=on, step="post", color=PALETTE["yellow"], alpha=0.35, linewidth=0,
                    label="drug given")
    # The run's output also holds each adaptive switch time (located exactly); the curves are drawn
    # on the regular grid of the model's step, which looks the same and keeps the explorer's data small.
    grid = np.linspace(0.0, float(t[-1]), int(round(float(t[-1]) / PLOT_STEP_DAYS)) + 1)
    ax.plot(grid, np.interp(grid, t, run.total), color=PALETTE["black"], linestyle="-", label="total burden")
    ax.plot(grid, np.interp(grid, t, run.sensitive), color=PALETTE["blue"], linestyle="--", label="sensitive cells")
    ax.plot(grid, np.interp(grid, t, run.resistant), color=PALETTE["vermillion"], linestyle="-.", label="resistant cells")
    ax.axhline(1.2 * run.total[0], color=PALETTE["black"], linewidth=1, linestyle=":")
    ttp = time_to_progression_days(run)
    if math.isfinite(ttp):
        ax.axvline(ttp, color=PALETTE["black"], linewidth=1, alpha=0.6)
    ax.set_ylim(0, 1.3)
    ax.set_xlim(0, HORIZON_DAYS)
    ax.set_title(title, fontsize=11, loc="left")
    ax.set_ylabel("Cells (fraction of capacity)")


def plot_schedules(resistant_percent: float = 1.0, resistant_growth: float = 0.02, competition: float = 1.5,
                   lower_percent: float = 50.0) -> Figure:
    """Burden, sensitive and resistant cells over time under continuous (top) and adaptive (bottom) dosing."""
    cont, adapt = _runs(resistant_percent, resistant_growth, competition, lower_percent)
    fig, (top, bottom) = new_figure(nrows=2, width_in=8.0, height_in=6.0, layout=None)
    fig.subplots_adjust(left=0.1, right=0.97, bottom=0.09, top=0.9, hspace=0.45)
    ttp_c, share_c = _summary(cont)
    ttp_a, share_a = _summary(adapt)
    _panel(top, cont, f"Continuous: progression at {_days(ttp_c)}, drug on {share_c:.0%} of days")
    _panel(bottom, adapt, f"Adaptive: progression at {_days(ttp_a)}, drug on {share_a:.0%} of days")
    bottom.set_xlabel("Days since treatment started")
    top.legend(loc="upper right", fontsize=8, ncol=2)
    fig.suptitle("Dotted line: progression (burden 20% above the start). Illustrative parameters.", fontsize=10)
    return fig


def schedules_alt(resistant_percent: float = 1.0, resistant_growth: float = 0.02, competition: float = 1.5,
                  lower_percent: float = 50.0) -> str:
    """Alt text for :func:`plot_schedules` stating the times to progression and drug use."""
    cont, adapt = _runs(resistant_percent, resistant_growth, competition, lower_percent)
    ttp_c, share_c = _summary(cont)
    ttp_a, share_a = _summary(adapt)
    return (
        "Two panels of tumour burden against time over 1500 days, starting at 0.75 of the carrying "
        f"capacity with {resistant_percent:g}% resistant cells. Top, continuous dosing: sensitive cells "
        f"fall away, resistant cells grow and the burden passes 20% above the start at {_days(ttp_c)}, "
        f"with the drug given on {share_c:.0%} of days until then. Bottom, adaptive dosing (stop at "
        f"{lower_percent:g}% of the start, restart at the start): the burden cycles between the two levels "
        f"and progression comes at {_days(ttp_a)}, with the drug given on {share_a:.0%} of days; "
        + ("the sensitive cells kept the resistant ones small for longer." if ttp_a > 1.05 * ttp_c
           else "pausing the drug gained little or nothing here.")
    )


def adaptive_explorer() -> Explorer:
    """Sliders: resistant cells at the start, their growth rate (cost), competition, the stopping level."""
    return Explorer(
        plot=plot_schedules,
        sliders=[
            Slider("resistant_percent", "Resistant cells at the start (%)", 0.1, 20, 0.1, 1.0),
            Slider("resistant_growth", "Growth rate of resistant cells (per day)", 0.005, 0.04, 0.005, 0.02),
            Slider("competition", "How strongly sensitive cells suppress resistant ones", 0, 2, 0.1, 1.5),
            Slider("lower_percent", "Adaptive: stop the drug at (% of start)", 10, 90, 5, 50),
        ],
        presets=[
            {},
            {"resistant_growth": 0.035},
            {"competition": 0.0},
            {"resistant_percent": 10.0},
            {"lower_percent": 20.0},
        ],
        alt=schedules_alt,
        title="Continuous versus adaptive dosing",
    )
