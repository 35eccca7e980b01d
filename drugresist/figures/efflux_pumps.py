"""Figures and the explorer for the chapter "Drug efflux pumps and multidrug resistance".

All parameter values are illustrative: chosen to show the shape of the effect, not measured.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from drugresist.explorer import Explorer, Slider
from drugresist.models.efflux_pumps import fold_resistance, steady_state_intracellular
from drugresist.style import PALETTE, new_figure

#: Illustrative defaults: passive exchange per minute, pump Km and inhibitor Ki in uM.
K_PER_MIN = 0.1
KM_UM = 5.0
KI_UM = 1.0
TARGET_INSIDE_UM = 1.0  # the inside level taken as "enough to kill" when computing fold resistance


def plot_accumulation(vmax_uM_per_min: float = 2.0, inhibitor_uM: float = 0.0) -> Figure:
    """Inside vs outside drug concentration (log-log) without a pump, with it, and with the inhibitor."""
    fig, ax = new_figure(layout=None)  # fixed margins: redrawn by the explorer
    fig.subplots_adjust(left=0.12, right=0.97, bottom=0.13, top=0.89)
    outside = np.logspace(-2, 3, 300)
    curves = [
        ("no pump", 0.0, 0.0, PALETTE["black"], ":"),
        ("P-gp pump", vmax_uM_per_min, 0.0, PALETTE["vermillion"], "--"),
    ]
    if inhibitor_uM > 0:
        curves.append((f"pump + inhibitor {inhibitor_uM:g} µM", vmax_uM_per_min, inhibitor_uM, PALETTE["blue"], "-"))
    for label, vmax, inhibitor, colour, style in curves:
        inside = steady_state_intracellular(outside, K_PER_MIN, vmax, KM_UM, inhibitor, KI_UM)
        ax.plot(outside, np.maximum(inside, 1e-4), color=colour, linestyle=style, label=label)
    ax.axhline(TARGET_INSIDE_UM, color=PALETTE["green"], linewidth=1)
    ax.text(0.012, TARGET_INSIDE_UM * 1.25, "level needed to kill (illustrative)", color=PALETTE["green"], fontsize=9)
    fold = fold_resistance(TARGET_INSIDE_UM, K_PER_MIN, vmax_uM_per_min, KM_UM)
    title = f"Fold resistance: pump {fold:.1f}"
    if inhibitor_uM > 0:
        inhibited = fold_resistance(TARGET_INSIDE_UM, K_PER_MIN, vmax_uM_per_min, KM_UM, inhibitor_uM, KI_UM)
        title += f", pump + inhibitor {inhibited:.1f}"
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_ylim(1e-3, 2e3)
    ax.set_xlabel("Drug outside the cell (µM, log scale)")
    ax.set_ylabel("Drug inside the cell (µM, log scale)")
    ax.set_title(title + " (illustrative parameters)")
    ax.legend(loc="upper left")
    return fig


def accumulation_alt(vmax_uM_per_min: float = 2.0, inhibitor_uM: float = 0.0) -> str:
    """Alt text for :func:`plot_accumulation` stating what it shows."""
    fold = fold_resistance(TARGET_INSIDE_UM, K_PER_MIN, vmax_uM_per_min, KM_UM)
    text = (
        "Log-log plot of drug inside against drug outside the cell. Without a pump the two are equal; "
        f"with a pump of Vmax {vmax_uM_per_min:g} µM per minute the inside level falls below the outside at low "
        "concentrations and catches up when the pump saturates at high ones. "
        f"Reaching the killing level takes {fold:.1f} times more drug outside."
    )
    if inhibitor_uM > 0:
        inhibited = fold_resistance(TARGET_INSIDE_UM, K_PER_MIN, vmax_uM_per_min, KM_UM, inhibitor_uM, KI_UM)
        text += (f" With {inhibitor_uM:g} µM of a competitive pump inhibitor the curve moves back towards no pump "
                 f"and only {inhibited:.1f} times more drug is needed.")
    return text


def efflux_explorer() -> Explorer:
    """Sliders for the pump's Vmax (its expression level) and the inhibitor concentration."""
    return Explorer(
        plot=plot_accumulation,
        sliders=[
            Slider("vmax_uM_per_min", "Pump Vmax (µM/min)", 0, 10, 0.5, 2.0),
            Slider("inhibitor_uM", "Pump inhibitor (µM)", 0, 20, 0.5, 0.0),
        ],
        presets=[
            {},
            {"vmax_uM_per_min": 8.0},
            {"inhibitor_uM": 2.0},
            {"vmax_uM_per_min": 8.0, "inhibitor_uM": 10.0},
        ],
        alt=accumulation_alt,
        title="Pump and inhibitor",
    )
