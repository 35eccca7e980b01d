"""Figures and the explorer for the chapter "When the target changes".

All parameter values here are illustrative (chosen to show the shape of the effect), except the
direction and size of the ATP-affinity change, which follow yun2008t790m (T790M raises the ATP
affinity of EGFR L858R more than 10-fold).
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from drugresist.explorer import Explorer, Slider
from drugresist.models.target_alteration import apparent_ic50, drug_occupancy, effect
from drugresist.style import PALETTE, legend_above, new_figure, title_pad_above_legend

#: Illustrative defaults (not measured values).
DRUG_KD_NM = 1.0
ATP_CONC_UM = 1000.0
ATP_KM_UM = 100.0


def plot_dose_response(ic50_nM: float = 10.0, hills: tuple[float, ...] = (0.5, 1.0, 3.0)) -> Figure:
    """Hill dose-response curves for several Hill coefficients sharing one IC50 (nM)."""
    fig, ax = new_figure()
    conc = np.logspace(-1, 3, 400) * ic50_nM / 10.0
    for hill in hills:
        ax.plot(conc, effect(conc, ic50_nM, hill), label=f"Hill coefficient {hill:g}")
    ax.axvline(ic50_nM, color=PALETTE["black"], linewidth=1, linestyle=":")
    ax.axhline(0.5, color=PALETTE["black"], linewidth=1, linestyle=":")
    ax.annotate(f"IC$_{{50}}$ = {ic50_nM:g} nM", xy=(ic50_nM, 0.5), xytext=(ic50_nM * 3, 0.2),
                arrowprops={"arrowstyle": "->"})
    ax.set_xscale("log")
    ax.set_xlabel("Drug concentration (nM, log scale)")
    ax.set_ylabel("Fraction of maximal inhibition")
    ax.set_ylim(0, 1.02)
    ax.legend(loc="upper left")
    return fig


def plot_ic50_shift(
    atp_affinity_fold: float = 10.0,
    atp_conc_uM: float = ATP_CONC_UM,
    drug_kd_nM: float = DRUG_KD_NM,
    atp_km_uM: float = ATP_KM_UM,
) -> Figure:
    """Drug occupancy of a sensitive kinase and of a mutant whose ATP Km is ``atp_affinity_fold`` lower."""
    fig, ax = new_figure(layout=None)  # fixed margins: this plot is redrawn by the explorer
    fig.subplots_adjust(left=0.11, right=0.97, bottom=0.13, top=0.85)
    conc = np.logspace(-1, 5, 400)
    mutant_km = atp_km_uM / atp_affinity_fold
    for label, km, colour, style in (
        ("sensitive kinase", atp_km_uM, PALETTE["blue"], "-"),
        (f"mutant, ATP affinity x{atp_affinity_fold:g}", mutant_km, PALETTE["vermillion"], "--"),
    ):
        ax.plot(conc, drug_occupancy(conc, drug_kd_nM, atp_conc_uM, km), color=colour, linestyle=style, label=label)
        ic50 = apparent_ic50(drug_kd_nM, atp_conc_uM, km)
        ax.plot([ic50], [drug_occupancy(ic50, drug_kd_nM, atp_conc_uM, km)], marker="o", color=colour)
        ax.annotate(f"{ic50:.3g} nM", xy=(ic50, 0.5), xytext=(4, -16), textcoords="offset points", color=colour)
    ax.axhline(0.5, color=PALETTE["black"], linewidth=1, linestyle=":")
    ax.set_xscale("log")
    ax.set_xlabel("Drug concentration (nM, log scale)")
    ax.set_ylabel("Fraction of kinase bound by drug")
    ax.set_ylim(0, 1.02)
    ax.set_title(f"Cellular ATP {atp_conc_uM:g} µM, drug Kd {drug_kd_nM:g} nM (illustrative)",
                 pad=title_pad_above_legend(1))
    legend_above(ax)
    return fig


def ic50_shift_alt(
    atp_affinity_fold: float = 10.0,
    atp_conc_uM: float = ATP_CONC_UM,
    drug_kd_nM: float = DRUG_KD_NM,
    atp_km_uM: float = ATP_KM_UM,
) -> str:
    """Alt text for :func:`plot_ic50_shift` that states what the figure shows."""
    sensitive = apparent_ic50(drug_kd_nM, atp_conc_uM, atp_km_uM)
    mutant = apparent_ic50(drug_kd_nM, atp_conc_uM, atp_km_uM / atp_affinity_fold)
    return (
        "Two S-shaped curves of the fraction of kinase bound by drug against drug concentration on a "
        f"log scale. The sensitive kinase is half-occupied at {sensitive:.3g} nM; the mutant with "
        f"{atp_affinity_fold:g}-fold higher ATP affinity needs {mutant:.3g} nM, "
        f"{mutant / sensitive:.3g} times more drug."
    )


def competition_explorer() -> Explorer:
    """Sliders for ATP-affinity gain, ATP concentration and drug Kd, redrawing :func:`plot_ic50_shift`."""
    return Explorer(
        plot=plot_ic50_shift,
        sliders=[
            Slider("atp_affinity_fold", "ATP affinity gain of the mutant (fold)", 1, 100, 1, 10),
            Slider("atp_conc_uM", "ATP concentration (µM)", 0, 5000, 50, ATP_CONC_UM),
            Slider("drug_kd_nM", "Drug Kd (nM)", 0.1, 20, 0.1, DRUG_KD_NM),
        ],
        presets=[
            {"atp_affinity_fold": 10},
            {"atp_affinity_fold": 1},
            {"atp_affinity_fold": 50},
            {"atp_affinity_fold": 10, "atp_conc_uM": 100},
        ],
        alt=ic50_shift_alt,
        title="Competition with ATP",
    )
