"""Figures and explorer for the chapter "Stromal protection: when neighbours rescue the tumour".

All parameters are illustrative (see ``drugresist.models.stromal_protection``): factor and blocker
concentrations are in multiples of their own binding constants, the drug's IC50 is 1 µM.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from drugresist.explorer import Explorer, Slider
from drugresist.models.stromal_protection import (
    factor_profile,
    fraction_killed,
    ic50_shift,
    kill_with_distance,
    protected_distance_um,
    receptor_occupancy,
    surviving_fraction_of_region,
)
from drugresist.style import PALETTE, legend_above, new_figure

IC50_UM = 1.0
HILL = 1.5
MAX_SHIFT = 20.0
REGION_UM = 200.0
_DOSES = np.logspace(-2, 3, 200)


def plot_protection(factor_at_stroma: float = 10.0, decay_length_um: float = 50.0, drug_uM: float = 5.0,
                    blocker: float = 0.0) -> Figure:
    """Left: factor and kill against distance from the stroma. Right: dose-response next to and far from it."""
    x = np.linspace(0.0, REGION_UM, 300)
    fig, (left, right) = new_figure(ncols=2, width_in=9.6, height_in=4.4, layout=None)
    fig.subplots_adjust(left=0.08, right=0.97, bottom=0.13, top=0.80, wspace=0.3)
    occupancy = receptor_occupancy(factor_profile(x, factor_at_stroma, decay_length_um), blocker)
    left.plot(x, occupancy, color=PALETTE["blue"], linestyle="--", label="receptors occupied by the factor")
    kill = kill_with_distance(x, drug_uM, factor_at_stroma, decay_length_um, blocker, IC50_UM, HILL, MAX_SHIFT)
    left.plot(x, kill, color=PALETTE["vermillion"], linestyle="-", label=f"cells killed by {drug_uM:g} µM")
    unprotected = float(fraction_killed(drug_uM, IC50_UM, HILL))
    left.axhline(unprotected, color=PALETTE["black"], linewidth=1, linestyle=":", label="killed without stroma")
    left.set_xlim(0, REGION_UM)
    left.set_ylim(0, 1.02)
    left.set_xlabel("Distance from the stromal cells (µm)")
    left.set_ylabel("Fraction")
    legend_above(left)
    shift_near = float(ic50_shift(factor_at_stroma, MAX_SHIFT, blocker))
    right.semilogx(_DOSES, fraction_killed(_DOSES, IC50_UM, HILL), color=PALETTE["black"], linestyle=":",
                   label=f"alone: IC50 {IC50_UM:g} µM")
    right.semilogx(_DOSES, fraction_killed(_DOSES, IC50_UM, HILL, shift_near), color=PALETTE["vermillion"],
                   linestyle="-", label=f"next to stroma: IC50 {IC50_UM * shift_near:.3g} µM")
    right.axvline(drug_uM, color=PALETTE["black"], linewidth=1, alpha=0.6)
    right.set_ylim(0, 1.02)
    right.set_xlabel("Drug concentration (µM, log scale)")
    right.set_ylabel("Fraction of cells killed")
    legend_above(right)
    survival = surviving_fraction_of_region(REGION_UM, drug_uM, factor_at_stroma, decay_length_um, blocker,
                                            IC50_UM, HILL, MAX_SHIFT)
    fig.suptitle(f"{survival:.0%} of cells within {REGION_UM:g} µm survive {drug_uM:g} µM "
                 f"(without stroma {1 - unprotected:.0%}); illustrative parameters", fontsize=10)
    return fig


def protection_alt(factor_at_stroma: float = 10.0, decay_length_um: float = 50.0, drug_uM: float = 5.0,
                   blocker: float = 0.0) -> str:
    """Alt text for :func:`plot_protection` stating the numbers it shows."""
    unprotected = float(fraction_killed(drug_uM, IC50_UM, HILL))
    near = float(kill_with_distance(0.0, drug_uM, factor_at_stroma, decay_length_um, blocker, IC50_UM, HILL, MAX_SHIFT))
    shift_near = float(ic50_shift(factor_at_stroma, MAX_SHIFT, blocker))
    half = float(protected_distance_um(factor_at_stroma, decay_length_um, 0.5, blocker))
    survival = surviving_fraction_of_region(REGION_UM, drug_uM, factor_at_stroma, decay_length_um, blocker,
                                            IC50_UM, HILL, MAX_SHIFT)
    text = (
        f"Left: against distance from the stromal cells, the share of receptors occupied by the survival factor "
        f"is above one half within {half:.0f} micrometres and falls further out, while the fraction of cancer "
        f"cells killed by {drug_uM:g} micromolar drug rises from {near:.0%} next to the stroma towards "
        f"{unprotected:.0%}, the kill without stroma. Right: dose-response curves; next to the stroma the IC50 "
        f"is {shift_near:.3g} times higher than the {IC50_UM:g} micromolar of cells alone. Across the first "
        f"{REGION_UM:g} micrometres {survival:.0%} of cells survive, against {1 - unprotected:.0%} without stroma."
    )
    if blocker > 0:
        text += f" A ligand-blocking antibody or decoy at {blocker:g} times its binding constant is present."
    return text


def stromal_explorer() -> Explorer:
    """Sliders: factor at the stroma, its decay length, the drug dose and a ligand-blocking antibody or decoy."""
    return Explorer(
        plot=plot_protection,
        sliders=[
            Slider("factor_at_stroma", "Factor at the stroma (× its K)", 0, 50, 1, 10),
            Slider("decay_length_um", "Factor decay length (µm)", 10, 150, 10, 50),
            Slider("drug_uM", "Drug concentration (µM)", 0.5, 50, 0.5, 5),
            Slider("blocker", "HGF-blocking antibody or decoy (× its K)", 0, 100, 5, 0),
        ],
        presets=[
            {},
            {"decay_length_um": 150},
            {"drug_uM": 40},
            {"blocker": 50},
            {"factor_at_stroma": 0},
        ],
        alt=protection_alt,
        title="A survival factor from stromal cells",
    )
