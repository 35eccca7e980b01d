"""Figures and the explorer for the chapter "Refusing to die: apoptosis and BH3 mimetics".

All parameters are illustrative (see ``drugresist.models.cell_death``) except the size of the
affinity loss of BCL2 G101V, about 180-fold (blombery2019acquisition).
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from drugresist.explorer import Explorer, Slider
from drugresist.models import cell_death as cd
from drugresist.style import PALETTE, legend_above, new_figure, title_pad_above_legend

DRUG_RANGE_NM = (1e-3, 1e5)
G101V_FOLD = 180.0  # blombery2019acquisition: ~180-fold lower venetoclax affinity


def _dose_text(dose: float) -> str:
    if np.isinf(dose):
        return "out of reach"
    if dose == 0:
        return "0 nM"
    return f"{dose:.3g} nM"


def cell_death_curves(mcl1_nM: float = 0.0, affinity_loss_fold: float = 1.0, bim_nM: float = cd.BIM_NM) -> dict:
    """The numbers behind :func:`plot_free_bim`: free BIM against drug for a reference cell and this cell.

    Reference: wild-type BCL-2, no MCL-1, the default BIM total. This cell: MCL-1 ``mcl1_nM``,
    drug Kd multiplied by ``affinity_loss_fold`` (a BCL2 mutation), BIM total ``bim_nM``.
    Returns arrays ``drug_nM``, ``reference_free_bim_nM``, ``cell_free_bim_nM`` and scalars
    ``threshold_nM``, ``reference_dose_nM``, ``cell_dose_nM``, ``fold`` (inf if out of reach),
    ``cell_plateau_nM`` (free BIM with BCL-2 fully blocked) and the parameters.
    """
    drug = np.logspace(np.log10(DRUG_RANGE_NM[0]), np.log10(DRUG_RANGE_NM[1]), 300)
    kd = cd.KD_DRUG_NM * affinity_loss_fold
    reference = cd.free_bim_nM(drug)
    cell = cd.free_bim_nM(drug, mcl1_nM=mcl1_nM, bim_nM=bim_nM, kd_drug_nM=kd)
    reference_dose = cd.trigger_dose_nM()
    cell_dose = cd.trigger_dose_nM(mcl1_nM=mcl1_nM, bim_nM=bim_nM, kd_drug_nM=kd)
    plateau = cd.free_bim_nM(0.0, bcl2_nM=0.0, mcl1_nM=mcl1_nM, bim_nM=bim_nM)
    fold = np.inf if np.isinf(cell_dose) else (cell_dose / reference_dose if reference_dose > 0 else np.nan)
    return {
        "drug_nM": drug,
        "reference_free_bim_nM": reference,
        "cell_free_bim_nM": cell,
        "threshold_nM": cd.THRESHOLD_NM,
        "reference_dose_nM": float(reference_dose),
        "cell_dose_nM": float(cell_dose),
        "fold": float(fold),
        "cell_plateau_nM": float(plateau),
        "mcl1_nM": float(mcl1_nM),
        "affinity_loss_fold": float(affinity_loss_fold),
        "bim_nM": float(bim_nM),
    }


def plot_free_bim(mcl1_nM: float = 0.0, affinity_loss_fold: float = 1.0, bim_nM: float = cd.BIM_NM) -> Figure:
    """Free BIM (nM) against drug concentration (log axis) for a reference cell and a resistant one."""
    c = cell_death_curves(mcl1_nM, affinity_loss_fold, bim_nM)
    fig, ax = new_figure(height_in=4.6, layout=None)  # fixed margins: redrawn by the explorer
    fig.subplots_adjust(left=0.11, right=0.97, bottom=0.115, top=0.80)
    ax.plot(c["drug_nM"], c["reference_free_bim_nM"], color=PALETTE["blue"], linestyle="--",
            label="sensitive: wild-type BCL-2, no MCL-1")
    ax.plot(c["drug_nM"], c["cell_free_bim_nM"], color=PALETTE["vermillion"], linestyle="-",
            label=f"this cell: MCL-1 {mcl1_nM:g} nM, affinity loss x{affinity_loss_fold:g}, BIM {bim_nM:g} nM")
    ax.axhline(c["threshold_nM"], color=PALETTE["black"], linestyle=":", linewidth=1,
               label=f"apoptosis threshold ({c['threshold_nM']:g} nM free BIM)")
    for dose, colour in ((c["reference_dose_nM"], PALETTE["blue"]), (c["cell_dose_nM"], PALETTE["vermillion"])):
        if np.isfinite(dose) and dose > 0:
            ax.axvline(dose, color=colour, linestyle=":", linewidth=1)
    ax.set_xscale("log")
    ax.set_xlim(*DRUG_RANGE_NM)
    ax.set_ylim(0, max(cd.BIM_NM, bim_nM) * 1.05)
    ax.set_xlabel("BH3-mimetic concentration (nM, log scale)")
    ax.set_ylabel("Free BIM (nM)")
    ax.set_title(f"Threshold dose: sensitive {_dose_text(c['reference_dose_nM'])}, "
                 f"this cell {_dose_text(c['cell_dose_nM'])} (illustrative)", fontsize=9,
                 pad=title_pad_above_legend(3))
    legend_above(ax, ncol=1)
    return fig


def free_bim_alt(mcl1_nM: float = 0.0, affinity_loss_fold: float = 1.0, bim_nM: float = cd.BIM_NM) -> str:
    """Alt text for :func:`plot_free_bim` stating the numbers it shows."""
    c = cell_death_curves(mcl1_nM, affinity_loss_fold, bim_nM)
    affinity = ("drug affinity unchanged" if affinity_loss_fold == 1
                else f"drug affinity {affinity_loss_fold:g}-fold lower")
    text = (
        "Two rising curves of free BIM against BH3-mimetic concentration on a log axis from 0.001 to "
        f"100000 nM, with a dotted line at the apoptosis threshold of {c['threshold_nM']:g} nM free BIM. "
        f"The sensitive cell (dashed) starts at {c['reference_free_bim_nM'][0]:.2g} nM free BIM, crosses the "
        f"threshold at {_dose_text(c['reference_dose_nM'])} and rises towards {cd.BIM_NM:g} nM. "
        f"This cell (MCL-1 {mcl1_nM:g} nM, {affinity}, BIM {bim_nM:g} nM, solid) "
        f"levels off at {c['cell_plateau_nM']:.3g} nM free BIM"
    )
    if np.isinf(c["fold"]):
        return text + ", below the threshold: no dose of a drug that binds only BCL-2 reaches it."
    if c["cell_dose_nM"] == 0:
        return text + " and is above the threshold even without drug."
    text += f" and reaches the threshold at {_dose_text(c['cell_dose_nM'])}"
    if np.isfinite(c["fold"]) and c["cell_dose_nM"] > 0:
        return text + f", {c['fold']:.3g} times the sensitive dose."
    return text + "."


def plot_dose_vs_mcl1(bim_nM: float = cd.BIM_NM) -> Figure:
    """Trigger dose (nM, log axis) against MCL-1 level, for wild-type BCL-2 and for G101V."""
    limit = cd.max_mcl1_for_apoptosis_nM(bim_nM=bim_nM)
    mcl1 = np.linspace(0.0, limit * 0.995, 300)
    fig, ax = new_figure()
    ax.semilogy(mcl1, cd.trigger_dose_nM(mcl1_nM=mcl1, bim_nM=bim_nM), color=PALETTE["blue"],
                label="wild-type BCL-2")
    ax.semilogy(mcl1, cd.trigger_dose_nM(mcl1_nM=mcl1, bim_nM=bim_nM, kd_drug_nM=cd.KD_DRUG_NM * G101V_FOLD),
                color=PALETTE["vermillion"], linestyle="--", label="BCL-2 G101V (drug affinity 180-fold lower)")
    ax.axvspan(limit, limit * 1.3, color=PALETTE["sky"], alpha=0.25, linewidth=0,
               label=f"MCL-1 above {limit:g} nM: out of reach")
    ax.set_xlim(0, limit * 1.3)
    ax.set_xlabel("MCL-1 (nM)")
    ax.set_ylabel("Trigger dose (nM, log scale)")
    ax.set_ylim(0.1, 1e5)
    ax.legend(loc="upper left", fontsize=8)
    return fig


def mcl1_explorer() -> Explorer:
    """Sliders for MCL-1, the drug-affinity loss of a BCL2 mutation and total BIM; redraws :func:`plot_free_bim`."""
    return Explorer(
        plot=plot_free_bim,
        sliders=[
            Slider("mcl1_nM", "MCL-1 (nM)", 0, 100, 1, 0),
            Slider("affinity_loss_fold", "Drug-affinity loss of BCL-2 (fold)", 1, 500, 1, 1),
            Slider("bim_nM", "Total BIM (nM)", 20, 150, 5, cd.BIM_NM),
        ],
        presets=[
            {},
            {"affinity_loss_fold": G101V_FOLD},
            {"mcl1_nM": 50},
            {"mcl1_nM": 80},
            {"bim_nM": 40},
        ],
        alt=free_bim_alt,
        title="A BH3 mimetic against BCL-2, with MCL-1 beside it",
    )
