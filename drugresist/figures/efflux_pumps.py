"""Figures and the explorer for the chapter "Drug efflux pumps and multidrug resistance".

All parameter values are illustrative: chosen to show the shape of the effect, not measured for
any drug, pump or cell line.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from drugresist.explorer import Explorer, Slider
from drugresist.models.efflux_pumps import (
    external_ic50_uM,
    fraction_killed,
    intracellular_time_course,
    steady_state_intracellular,
)
from drugresist.style import PALETTE, new_figure

#: Illustrative defaults (not measured values).
K_IN_PER_MIN = 0.1  # passive permeability rate constant, per minute
KM_UM = 5.0  # pump Michaelis constant, uM
KI_UM = 1.0  # inhibitor's inhibition constant, uM
EC50_INSIDE_UM = 1.0  # intracellular level that kills half the cells, uM
HILL = 2.0  # Hill coefficient of killing

_OUTSIDE = np.logspace(-2, 3, 160)
_DECADES = [1e-3, 1e-2, 1e-1, 1, 10, 100, 1000]
_DECADE_LABELS = ["0.001", "0.01", "0.1", "1", "10", "100", "1000"]


def _series(vmax: float, inhibitor: float) -> list[tuple[str, float, float, str, str, str]]:
    """(label, Vmax, inhibitor, colour, line style, marker) for no pump, pump, pump + inhibitor."""
    series = [
        ("no pump", 0.0, 0.0, PALETTE["black"], ":", "s"),
        (f"pump, Vmax {vmax:g} µM/min", vmax, 0.0, PALETTE["vermillion"], "--", "o"),
    ]
    if inhibitor > 0:
        series.append((f"pump + inhibitor {inhibitor:g} µM", vmax, inhibitor, PALETTE["blue"], "-", "^"))
    return series


def _log_axis(ax, axis: str = "x") -> None:
    """Log scale with fixed decade ticks (faster to draw than matplotlib's automatic locator)."""
    if axis == "x":
        ax.set_xscale("log")
        ax.set_xticks(_DECADES, _DECADE_LABELS)
        ax.minorticks_off()
    else:
        ax.set_yscale("log")
        ax.set_yticks(_DECADES, _DECADE_LABELS)
        ax.minorticks_off()


def plot_accumulation(vmax_uM_per_min: float = 8.0, inhibitor_uM: float = 10.0) -> Figure:
    """Steady-state drug inside vs outside the cell (log-log): no pump, pump, pump + inhibitor."""
    fig, ax = new_figure()
    for label, vmax, inhibitor, colour, style, _ in _series(vmax_uM_per_min, inhibitor_uM):
        inside = steady_state_intracellular(_OUTSIDE, K_IN_PER_MIN, vmax, KM_UM, inhibitor, KI_UM)
        ax.plot(_OUTSIDE, inside, color=colour, linestyle=style, label=label)
    ax.axhline(KM_UM, color=PALETTE["green"], linewidth=1)
    ax.text(0.012, KM_UM * 1.3, f"pump Km = {KM_UM:g} µM", color=PALETTE["green"], fontsize=9)
    _log_axis(ax, "x")
    _log_axis(ax, "y")
    ax.set_xlim(1e-2, 1e3)
    ax.set_ylim(1e-3, 2e3)
    ax.set_xlabel("Drug outside the cell (µM, log scale)")
    ax.set_ylabel("Drug inside the cell (µM, log scale)")
    ax.legend(loc="upper left")
    return fig


def plot_time_course(outside_uM: float = 3.0, vmax_uM_per_min: float = 2.0, inhibitor_uM: float = 5.0) -> Figure:
    """Intracellular drug after adding ``outside_uM`` at time zero: no pump, pump, pump + inhibitor."""
    fig, ax = new_figure()
    times = np.linspace(0.0, 60.0, 121)
    for label, vmax, inhibitor, colour, style, _ in _series(vmax_uM_per_min, inhibitor_uM):
        course = intracellular_time_course(times, outside_uM, K_IN_PER_MIN, vmax, KM_UM, inhibitor, KI_UM)
        ax.plot(times, course, color=colour, linestyle=style, label=label)
        plateau = steady_state_intracellular(outside_uM, K_IN_PER_MIN, vmax, KM_UM, inhibitor, KI_UM)
        ax.annotate(f"{plateau:.2f} µM", xy=(60, plateau), xytext=(4, 0), textcoords="offset points",
                    va="center", color=colour, fontsize=9, annotation_clip=False)
    ax.set_xlim(0, 60)
    ax.set_ylim(0, outside_uM * 1.08)
    ax.set_xlabel("Time after adding the drug (minutes)")
    ax.set_ylabel("Drug inside the cell (µM)")
    ax.set_title(f"Drug outside held at {outside_uM:g} µM (illustrative parameters)")
    ax.legend(loc="center right", bbox_to_anchor=(0.97, 0.4))
    return fig


def plot_kill_curves(vmax_uM_per_min: float = 2.0, inhibitor_uM: float = 5.0) -> Figure:
    """Dose-response of cell kill against the external concentration, with each curve's IC50 marked."""
    fig, ax = new_figure()
    for label, vmax, inhibitor, colour, style, marker in _series(vmax_uM_per_min, inhibitor_uM):
        kill = fraction_killed(_OUTSIDE, K_IN_PER_MIN, vmax, KM_UM, EC50_INSIDE_UM, HILL, inhibitor, KI_UM)
        ic50 = external_ic50_uM(EC50_INSIDE_UM, K_IN_PER_MIN, vmax, KM_UM, inhibitor, KI_UM)
        ax.plot(_OUTSIDE, kill, color=colour, linestyle=style, label=f"{label}: IC$_{{50}}$ {ic50:.2g} µM")
        ax.plot([ic50], [0.5], marker=marker, color=colour, linestyle="none")
    ax.axhline(0.5, color=PALETTE["black"], linewidth=1, linestyle=":")
    _log_axis(ax, "x")
    ax.set_xlim(1e-2, 1e3)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("Drug outside the cell (µM, log scale)")
    ax.set_ylabel("Fraction of cells killed")
    # below the axes: inside, the legend would cover the curves wherever they rise
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), fontsize=9)
    return fig


def plot_explorer(vmax_uM_per_min: float = 2.0, inhibitor_uM: float = 0.0, outside_uM: float = 3.0) -> Figure:
    """Two panels: inside vs outside (log-log) and kill vs outside, with the chosen dose marked."""
    fig, (left, right) = new_figure(ncols=2, width_in=9.6, height_in=4.2, layout=None)
    fig.subplots_adjust(left=0.09, right=0.97, bottom=0.14, top=0.86, wspace=0.28)
    for label, vmax, inhibitor, colour, style, marker in _series(vmax_uM_per_min, inhibitor_uM):
        inside = steady_state_intracellular(_OUTSIDE, K_IN_PER_MIN, vmax, KM_UM, inhibitor, KI_UM)
        left.plot(_OUTSIDE, inside, color=colour, linestyle=style, label=label)
        here = steady_state_intracellular(outside_uM, K_IN_PER_MIN, vmax, KM_UM, inhibitor, KI_UM)
        left.plot([outside_uM], [here], marker=marker, color=colour, linestyle="none")
        ratio = (inside / EC50_INSIDE_UM) ** HILL
        right.plot(_OUTSIDE, ratio / (1 + ratio), color=colour, linestyle=style, label=label)
        kill = fraction_killed(outside_uM, K_IN_PER_MIN, vmax, KM_UM, EC50_INSIDE_UM, HILL, inhibitor, KI_UM)
        right.plot([outside_uM], [kill], marker=marker, color=colour, linestyle="none")
    for ax in (left, right):
        ax.axvline(outside_uM, color=PALETTE["black"], linewidth=1, alpha=0.6)
        _log_axis(ax, "x")
        ax.set_xlim(1e-2, 1e3)
        ax.set_xlabel("Drug outside the cell (µM, log scale)")
    _log_axis(left, "y")
    left.set_ylim(1e-3, 2e3)
    left.set_ylabel("Drug inside the cell (µM, log scale)")
    left.legend(loc="upper left", fontsize=9)
    right.axhline(0.5, color=PALETTE["black"], linewidth=1, linestyle=":")
    right.set_ylim(0, 1.02)
    right.set_ylabel("Fraction of cells killed")
    no_pump = fraction_killed(outside_uM, K_IN_PER_MIN, 0.0, KM_UM, EC50_INSIDE_UM, HILL)
    pump = fraction_killed(outside_uM, K_IN_PER_MIN, vmax_uM_per_min, KM_UM, EC50_INSIDE_UM, HILL)
    title = f"At {outside_uM:g} µM outside: killed {no_pump:.0%} without pump, {pump:.0%} with pump"
    if inhibitor_uM > 0:
        inhibited = fraction_killed(outside_uM, K_IN_PER_MIN, vmax_uM_per_min, KM_UM, EC50_INSIDE_UM, HILL,
                                    inhibitor_uM, KI_UM)
        title += f", {inhibited:.0%} with pump + inhibitor"
    fig.suptitle(title + " (illustrative parameters)", fontsize=11)
    return fig


def explorer_alt(vmax_uM_per_min: float = 2.0, inhibitor_uM: float = 0.0, outside_uM: float = 3.0) -> str:
    """Alt text for :func:`plot_explorer` stating the numbers it shows."""
    def numbers(vmax: float, inhibitor: float) -> tuple[float, float, float]:
        inside = steady_state_intracellular(outside_uM, K_IN_PER_MIN, vmax, KM_UM, inhibitor, KI_UM)
        kill = fraction_killed(outside_uM, K_IN_PER_MIN, vmax, KM_UM, EC50_INSIDE_UM, HILL, inhibitor, KI_UM)
        ic50 = external_ic50_uM(EC50_INSIDE_UM, K_IN_PER_MIN, vmax, KM_UM, inhibitor, KI_UM)
        return inside, kill, ic50

    inside0, kill0, ic0 = numbers(0.0, 0.0)
    inside1, kill1, ic1 = numbers(vmax_uM_per_min, 0.0)
    text = (
        "Left: log-log plot of drug inside against drug outside the cell; right: fraction of cells "
        f"killed against drug outside. A vertical line marks {outside_uM:g} µM outside. Without a pump "
        f"the inside level is also {inside0:.3g} µM, {kill0:.0%} of cells are killed and the external "
        f"IC50 is {ic0:.3g} µM. With a pump of Vmax {vmax_uM_per_min:g} µM per minute the inside level is "
        f"{inside1:.3g} µM, {kill1:.0%} are killed and the IC50 is {ic1:.3g} µM."
    )
    if inhibitor_uM > 0:
        inside2, kill2, ic2 = numbers(vmax_uM_per_min, inhibitor_uM)
        text += (
            f" Adding {inhibitor_uM:g} µM of a competitive pump inhibitor raises the inside level to "
            f"{inside2:.3g} µM, the kill to {kill2:.0%} and brings the IC50 back to {ic2:.3g} µM."
        )
    return text


def efflux_explorer() -> Explorer:
    """Sliders: pump Vmax (its expression level), inhibitor concentration, external drug concentration."""
    return Explorer(
        plot=plot_explorer,
        sliders=[
            Slider("vmax_uM_per_min", "Pump Vmax, i.e. expression (µM/min)", 0, 10, 0.5, 2.0),
            Slider("inhibitor_uM", "Pump inhibitor (µM)", 0, 20, 0.5, 0.0),
            Slider("outside_uM", "Drug outside the cell (µM)", 0.5, 50, 0.5, 3.0),
        ],
        presets=[
            {},
            {"vmax_uM_per_min": 8.0},
            {"vmax_uM_per_min": 8.0, "outside_uM": 30.0},
            {"vmax_uM_per_min": 8.0, "inhibitor_uM": 10.0},
            {"vmax_uM_per_min": 0.0, "inhibitor_uM": 10.0},
        ],
        alt=explorer_alt,
        title="Pump, inhibitor and dose",
    )
