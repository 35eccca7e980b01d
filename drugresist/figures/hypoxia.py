"""Figures and explorer for the chapter "Hypoxia: when oxygen and drug run out".

All parameters are illustrative (see ``drugresist.models.hypoxia``); the default oxygen supply and
consumption give the ~150 um penetration distance of thomlinson1955histological.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from drugresist.explorer import Explorer, Slider
from drugresist.models.hypoxia import (
    CONSUMPTION_MMHG_PER_S,
    HYPOXIA_THRESHOLD_MMHG,
    VESSEL_PO2_MMHG,
    distance_to_threshold_um,
    drug_profile,
    hypoxic_fraction,
    midpoint_oxygen_mmHg,
    oxygen_profile_mmHg,
    penetration_distance_um,
    radiation_survival,
)
from drugresist.style import PALETTE, new_figure

DOSE_GY = 10.0
DRUG_EFFECTIVE_FRACTION = 0.1
#: Radiation panel: alpha (per Gy), oxygen enhancement ratio and the oxygen tension of half effect
#: (mmHg), the defaults of ``radiation_survival`` (alpha and K illustrative; OER ~3 for X-rays).
ALPHA_PER_GY = 0.35
OER = 3.0
HALF_EFFECT_MMHG = 3.0
#: The default consumption on the slider's 0.5 mmHg/s grid of tenths: 7.1 mmHg/s (L = 150 µm to
#: the micrometre). The printed figure, the alt text and the explorer all start here.
CONSUMPTION_DEFAULT = round(CONSUMPTION_MMHG_PER_S, 1)


def _numbers(vessel_po2: float, consumption: float, drug_length: float, half_distance: float) -> dict[str, float]:
    length = float(penetration_distance_um(vessel_po2, consumption))
    return {
        "length": length,
        "midpoint": float(midpoint_oxygen_mmHg(half_distance, vessel_po2, consumption)),
        "x_hypoxic": float(distance_to_threshold_um(HYPOXIA_THRESHOLD_MMHG, vessel_po2, consumption,
                                                    half_distance_um=half_distance)),
        "hypoxic": float(hypoxic_fraction(half_distance, HYPOXIA_THRESHOLD_MMHG, vessel_po2, consumption)),
        "drug_reach": float(drug_length * np.log(1 / DRUG_EFFECTIVE_FRACTION)),
        "survive_oxic": float(_survival(vessel_po2)),
        "survive_anoxic": float(_survival(0.0)),
        "survive_far": float(_survival(max(float(midpoint_oxygen_mmHg(half_distance, vessel_po2, consumption)),
                                           0.0))),
    }


def _survival(po2):
    return radiation_survival(DOSE_GY, po2, ALPHA_PER_GY, OER, HALF_EFFECT_MMHG)


def _oxygen_headline(n: dict[str, float], half_distance: float) -> str:
    if n["length"] <= half_distance:
        return f"Oxygen runs out at {n['length']:.0f} µm"
    return f"Oxygen never runs out ({n['midpoint']:.0f} mmHg at the midpoint)"


def plot_tissue(vessel_po2_mmHg: float = VESSEL_PO2_MMHG, consumption_mmHg_per_s: float = CONSUMPTION_DEFAULT,
                drug_length_um: float = 60.0, half_distance_um: float = 200.0) -> Figure:
    """Left: oxygen and drug against distance from the vessel. Right: cells surviving 10 Gy by distance."""
    n = _numbers(vessel_po2_mmHg, consumption_mmHg_per_s, drug_length_um, half_distance_um)
    x = np.linspace(0.0, half_distance_um, 400)
    oxygen = oxygen_profile_mmHg(x, vessel_po2_mmHg, consumption_mmHg_per_s, half_distance_um=half_distance_um)
    fig, (left, right) = new_figure(ncols=2, width_in=9.6, height_in=4.2, layout=None)
    # wide gap: the left panel's right-hand (drug) axis label and the right panel's survival label
    # must not overlap
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.14, top=0.74, wspace=0.62)
    hypoxic_start = min(n["x_hypoxic"], half_distance_um)
    for ax in (left, right):
        ax.axvspan(hypoxic_start, half_distance_um, color=PALETTE["sky"], alpha=0.18, linewidth=0)
        ax.set_xlim(0, half_distance_um)
        ax.set_xlabel("Distance from the vessel wall (µm)")
    left.plot(x, oxygen, color=PALETTE["blue"], linestyle="-", label="oxygen (mmHg, left axis)")
    left.axhline(HYPOXIA_THRESHOLD_MMHG, color=PALETTE["black"], linewidth=1, linestyle=":")
    left.set_ylim(0, max(vessel_po2_mmHg, 12) * 1.05)
    left.set_ylabel("Oxygen tension (mmHg)")
    drug_axis = left.twinx()
    drug_axis.plot(x, 100 * drug_profile(x, drug_length_um), color=PALETTE["vermillion"], linestyle="--",
                   label="drug (% of vessel, right axis)")
    drug_axis.set_ylim(0, 105)
    drug_axis.set_ylabel("Drug (% of the level in the vessel)")
    drug_axis.grid(False)
    lines = left.get_lines()[:1] + drug_axis.get_lines()
    # above the panel: at some settings (close vessels, high supply) the oxygen curve runs along the
    # top of the axes, where a legend inside would hide it
    left.legend(lines, [line.get_label() for line in lines], loc="lower left", bbox_to_anchor=(0, 1.01),
                borderaxespad=0, ncol=1, fontsize=8, frameon=False)
    survival = _survival(oxygen)
    right.semilogy(x, survival, color=PALETTE["green"], linestyle="-")
    right.set_ylim(1e-2, 1)
    right.set_title(f"α = {ALPHA_PER_GY:g} per Gy, OER {OER:g}, half effect at {HALF_EFFECT_MMHG:g} mmHg",
                    fontsize=8)
    right.set_ylabel(f"Cells surviving {DOSE_GY:g} Gy (log scale)")
    fig.suptitle(
        f"{_oxygen_headline(n, half_distance_um)}; {n['hypoxic']:.0%} of this tissue is below "
        f"{HYPOXIA_THRESHOLD_MMHG:g} mmHg (shaded);\ndrug ≥ 10 % within {n['drug_reach']:.0f} µm "
        "(illustrative parameters)", fontsize=10)
    return fig


def tissue_alt(vessel_po2_mmHg: float = VESSEL_PO2_MMHG, consumption_mmHg_per_s: float = CONSUMPTION_DEFAULT,
               drug_length_um: float = 60.0, half_distance_um: float = 200.0) -> str:
    """Alt text for :func:`plot_tissue` stating the distances and fractions it shows."""
    n = _numbers(vessel_po2_mmHg, consumption_mmHg_per_s, drug_length_um, half_distance_um)
    if n["length"] <= half_distance_um:
        oxygen = (f"Left: oxygen tension falls from {vessel_po2_mmHg:g} mmHg at the vessel wall along a parabola "
                  f"and reaches zero at {n['length']:.0f} micrometres, before the midpoint between vessels at "
                  f"{half_distance_um:g} micrometres")
    else:
        oxygen = (f"Left: oxygen tension falls from {vessel_po2_mmHg:g} mmHg at the vessel wall along a parabola "
                  f"and levels off at {n['midpoint']:.0f} mmHg at the midpoint between vessels, "
                  f"{half_distance_um:g} micrometres away, so oxygen never runs out")
    if n["hypoxic"] > 0:
        hypoxic = (f"it drops below {HYPOXIA_THRESHOLD_MMHG:g} mmHg at {n['x_hypoxic']:.0f} micrometres, so "
                   f"{n['hypoxic']:.0%} of the {half_distance_um:g} micrometre slab is hypoxic")
    else:
        hypoxic = f"it stays above {HYPOXIA_THRESHOLD_MMHG:g} mmHg everywhere, so none of the slab is hypoxic"
    return (
        f"{oxygen}; {hypoxic}. The drug falls off exponentially and stays above 10% of its vessel level only "
        f"within {n['drug_reach']:.0f} micrometres. Right: the fraction of cells surviving a single "
        f"{DOSE_GY:g} Gy dose rises from {n['survive_oxic']:.1%} next to the vessel to {n['survive_far']:.1%} "
        f"at the midpoint ({n['survive_anoxic']:.0%} for anoxic cells)."
    )


def hypoxia_explorer() -> Explorer:
    """Sliders: vessel oxygen, oxygen consumption, drug penetration length, distance to the next vessel."""
    return Explorer(
        plot=plot_tissue,
        sliders=[
            Slider("vessel_po2_mmHg", "Oxygen at the vessel wall (mmHg)", 10, 100, 5, 40),
            Slider("consumption_mmHg_per_s", "Oxygen consumption (mmHg/s)", 1, 20, 0.5, CONSUMPTION_DEFAULT),
            Slider("drug_length_um", "Drug penetration length (µm)", 10, 300, 10, 60),
            Slider("half_distance_um", "Half the distance between vessels (µm)", 50, 400, 25, 200),
        ],
        presets=[
            {},
            {"vessel_po2_mmHg": 80},
            {"consumption_mmHg_per_s": 3.5},
            {"drug_length_um": 200},
            {"half_distance_um": 100},
            {"half_distance_um": 125},
        ],
        alt=tissue_alt,
        title="Oxygen, drug and radiation with distance from a vessel",
    )
