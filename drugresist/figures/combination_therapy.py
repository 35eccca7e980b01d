"""Figures and explorers for the chapter "Combination therapy: making resistance to everything unlikely".

Parameter sources: the point-mutation rate (1e-9 per base pair per division), the number of
resistance mutations per drug (50), the birth and death rates (0.14 and 0.13 per day), the death
rate of sensitive cells under treatment (0.17 per day) and the range of total tumour burdens of 22
patients (about 9e8 to 3e11 cells) are from bozic2013evolutionary. Everything in the drug-interaction
figures (EC50s, Hill coefficients, the interaction parameter alpha) is illustrative.
"""

from __future__ import annotations

import functools

import numpy as np
from matplotlib.figure import Figure

from drugresist.explorer import Explorer, Slider
from drugresist.models.combination_therapy import (
    bliss_excess,
    eradication_probability_dual,
    eradication_probability_mono,
    hill_effect,
    interaction_surface_effect,
    prob_no_resistant_dual,
    prob_no_resistant_mono,
    resistance_probability_per_division,
    size_at_eradication_probability,
    size_at_probability,
)
from drugresist.style import PALETTE, new_figure

#: Range of total tumour burden (cells) in the 22 patients analysed by bozic2013evolutionary.
PATIENT_BURDEN_CELLS = (9e8, 3e11)

_SIZES = np.logspace(2, 16, 160)
_SIZE_TICKS = [1e2, 1e4, 1e6, 1e8, 1e10, 1e12, 1e14, 1e16]
_SIZE_LABELS = ["10²", "10⁴", "10⁶", "10⁸", "10¹⁰", "10¹²", "10¹⁴", "10¹⁶"]


def _format_cells(n: float) -> str:
    """A cell number in readable scientific notation, e.g. '1.4 × 10^7' (plain text)."""
    if not np.isfinite(n):
        return "beyond 10^20"
    exponent = int(np.floor(np.log10(n)))
    mantissa = n / 10.0**exponent
    return f"{mantissa:.1f} × 10^{exponent}"


def _size_axis(ax) -> None:
    ax.set_xscale("log")
    ax.set_xticks(_SIZE_TICKS, _SIZE_LABELS)
    ax.minorticks_off()
    ax.set_xlim(_SIZES[0], _SIZES[-1])
    ax.set_ylim(-0.02, 1.05)
    ax.set_xlabel("Tumour size (cells, log scale)")


@functools.lru_cache(maxsize=64)  # the figure and its alt text ask for the same numbers
def _even_odds(kind: str, u: float, rate_per_bp: float, n: float) -> float:
    """Size at which the curve of this kind reaches one half (cells); inf if beyond the range."""
    try:
        if kind == "simple mono":
            return float(size_at_probability(u))
        if kind == "simple dual":
            return float(size_at_probability(u * u))
        if kind == "bozic mono":
            return size_at_eradication_probability(0.5, rate_per_bp, n, None)
        if kind == "bozic dual":
            return size_at_eradication_probability(0.5, rate_per_bp, n, n, 0)
        return size_at_eradication_probability(0.5, rate_per_bp, n, n, 1)
    except ValueError:
        return float("inf")


def plot_resistance_probability(log10_rate: float = -9.0, n_mutations: float = 50.0) -> Figure:
    """Probability of no resistant cell (simple model) and of eradication (Bozic model) vs tumour size.

    ``log10_rate`` is log10 of the point-mutation rate per base pair per division; ``n_mutations``
    the number of resistance mutations per drug (the same for both drugs).
    """
    rate = 10.0**log10_rate
    u = float(resistance_probability_per_division(rate, n_mutations))
    fig, (left, right) = new_figure(ncols=2, width_in=9.6, height_in=4.7, layout=None)
    fig.subplots_adjust(left=0.07, right=0.965, bottom=0.25, top=0.88, wspace=0.2)

    one = {"color": PALETTE["blue"], "linestyle": "-"}
    two = {"color": PALETTE["vermillion"], "linestyle": "--"}
    cross = {"color": PALETTE["green"], "linestyle": "-."}

    left.plot(_SIZES, prob_no_resistant_mono(_SIZES, u), label="one drug: exp(−N·u)", **one)
    left.plot(_SIZES, prob_no_resistant_dual(_SIZES, u, u), label="two drugs: exp(−N·u₁·u₂)", **two)
    for kind, style, marker in (("simple mono", one, "o"), ("simple dual", two, "s")):
        half = _even_odds(kind, u, rate, n_mutations)
        if half < _SIZES[-1]:
            left.plot([half], [0.5], marker=marker, color=style["color"], markersize=7)
    left.set_title("Simple model: no resistant cell present", fontsize=11)
    left.set_ylabel("Probability")
    _size_axis(left)
    left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=9)

    right.axvspan(*PATIENT_BURDEN_CELLS, color=PALETTE["yellow"], alpha=0.35, linewidth=0,
                  label="burden of 22 patients")
    right.plot(_SIZES, eradication_probability_mono(_SIZES, rate, n_mutations), label="one drug", **one)
    right.plot(_SIZES, eradication_probability_dual(_SIZES, rate, n_mutations, n_mutations, 0),
               label="two drugs, n₁₂ = 0", **two)
    right.plot(_SIZES, eradication_probability_dual(_SIZES, rate, n_mutations, n_mutations, 1),
               label="two drugs, n₁₂ = 1", **cross)
    for kind, style, marker in (("bozic mono", one, "o"), ("bozic dual", two, "s"), ("bozic cross", cross, "^")):
        half = _even_odds(kind, u, rate, n_mutations)
        if half < _SIZES[-1]:
            right.plot([half], [0.5], marker=marker, color=style["color"], markersize=7)
    right.set_title("Bozic et al. model: treatment eradicates the tumour", fontsize=11)
    _size_axis(right)
    right.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=9)

    fig.suptitle(
        f"Mutation rate {rate:.2g} per base pair per division, {n_mutations:g} resistance mutations per drug "
        f"(u = {u:.2g} per division)",
        fontsize=11,
    )
    return fig


def resistance_alt(log10_rate: float = -9.0, n_mutations: float = 50.0) -> str:
    """Alt text for :func:`plot_resistance_probability`, with the sizes at which each curve reaches one half."""
    rate = 10.0**log10_rate
    u = float(resistance_probability_per_division(rate, n_mutations))
    halves = {k: _format_cells(_even_odds(k, u, rate, n_mutations))
              for k in ("simple mono", "simple dual", "bozic mono", "bozic dual", "bozic cross")}
    return (
        "Two panels of S-shaped curves falling from 1 to 0 as tumour size grows along a log axis from "
        f"100 to 10^16 cells, for a mutation rate of {rate:.2g} per base pair and {n_mutations:g} "
        "resistance mutations per drug. First panel, simple model: the probability of no resistant cell falls "
        f"to one half at {halves['simple mono']} cells for one drug and at {halves['simple dual']} cells "
        "for two drugs. Second panel, the branching-process model of Bozic and colleagues, probability that "
        f"treatment eradicates the tumour: one half at {halves['bozic mono']} cells for one drug, "
        f"{halves['bozic dual']} cells for two drugs without cross-resistance and "
        f"{halves['bozic cross']} cells when one mutation gives resistance to both. A shaded band marks "
        "the total tumour burden of 22 patients, 9 × 10^8 to 3 × 10^11 cells."
    )


def resistance_explorer() -> Explorer:
    """Sliders for the mutation rate and the number of resistance mutations per drug."""
    return Explorer(
        plot=plot_resistance_probability,
        sliders=[
            Slider("log10_rate", "log10 mutation rate per base pair per division", -10.0, -8.0, 0.1, -9.0),
            Slider("n_mutations", "Resistance mutations per drug", 1.0, 200.0, 1.0, 50.0),
        ],
        presets=[
            {},
            {"n_mutations": 5.0},
            {"log10_rate": -8.0},
        ],
        alt=resistance_alt,
        title="Pre-existing resistance: one drug or two",
    )


# ----------------------------------------------------------------------------------------------
# Drug interaction
# ----------------------------------------------------------------------------------------------
_GRID = np.linspace(0.0, 3.0, 76)  # doses in multiples of each drug's EC50 (illustrative units)
_LEVELS = [-0.2, -0.1, -0.05, 0.05, 0.1, 0.2, 0.3]
_VMAX = 0.3


def _surfaces(alpha: float, hill: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    x, y = np.meshgrid(_GRID, _GRID)
    observed = interaction_surface_effect(x, y, 1.0, 1.0, hill, alpha)
    excess = bliss_excess(observed, hill_effect(x, 1.0, hill), hill_effect(y, 1.0, hill))
    return x, y, excess


def plot_synergy_map(alpha: float = 2.0, hill: float = 1.5) -> Figure:
    """Isobologram at 50 % effect and a heat map of the excess over Bliss independence.

    Both drugs have Hill dose-response curves with EC50 = 1 (doses in multiples of EC50) and the same
    Hill coefficient ``hill``; ``alpha`` sets the interaction on the illustrative surface of
    :func:`drugresist.models.combination_therapy.interaction_surface_effect`.
    """
    fig, (iso, heat) = new_figure(ncols=2, width_in=9.6, height_in=4.3, layout=None)
    fig.subplots_adjust(left=0.07, right=0.93, bottom=0.13, top=0.88, wspace=0.25)

    # isobologram: dose pairs that give 50 % effect
    line = np.linspace(0.0, 1.0, 101)
    iso.plot(line, 1.0 - line, color=PALETTE["blue"], linestyle="--", label="Loewe additivity: $a/A_{50} + b/B_{50} = 1$")
    # Bliss 50 %: (1 + x^h)(1 + y^h) = 2  ->  y = (2 / (1 + x^h) - 1)^(1/h) for x <= 1
    bliss_y = np.clip(2.0 / (1.0 + line**hill) - 1.0, 0.0, None) ** (1.0 / hill)
    iso.plot(line, bliss_y, color=PALETTE["orange"], linestyle=":", linewidth=2.6, label="Bliss independence")
    xs, ys = np.meshgrid(np.linspace(0.0, 1.6, 81), np.linspace(0.0, 1.6, 81))
    observed = interaction_surface_effect(xs, ys, 1.0, 1.0, hill, alpha)
    iso.contour(xs, ys, observed, levels=[0.5], colors=[PALETTE["purple"]], linewidths=2.4)
    iso.plot([], [], color=PALETTE["purple"], linewidth=2.4, label=f"this combination (α = {alpha:g})")
    iso.set_xlim(0, 1.6)
    iso.set_ylim(0, 1.6)
    iso.set_aspect("equal")
    iso.set_xlabel("Dose of drug A (multiples of its EC50)")
    iso.set_ylabel("Dose of drug B (multiples of its EC50)")
    iso.set_title("Dose pairs giving a 50 % effect", fontsize=11)
    iso.legend(loc="upper right", fontsize=8.5)

    # heat map of the excess over Bliss
    x, y, excess = _surfaces(alpha, hill)
    mesh = heat.imshow(excess, cmap="PuOr", vmin=-_VMAX, vmax=_VMAX, origin="lower",
                       extent=(_GRID[0], _GRID[-1], _GRID[0], _GRID[-1]), interpolation="nearest")
    contours = heat.contour(x, y, excess, levels=_LEVELS, colors="black", linewidths=0.9)
    heat.clabel(contours, fmt="%+.1f", fontsize=8)
    heat.set_aspect("equal")
    heat.grid(False)
    heat.set_xlabel("Dose of drug A (multiples of its EC50)")
    heat.set_ylabel("Dose of drug B (multiples of its EC50)")
    heat.set_title("Observed effect minus Bliss expectation", fontsize=11)
    bar = fig.colorbar(mesh, ax=heat, fraction=0.046, pad=0.03)
    bar.set_label("excess (purple: synergy, orange: antagonism)", fontsize=9)
    fig.suptitle(f"Illustrative drug pair: Hill coefficient {hill:g}, interaction α = {alpha:g}", fontsize=11)
    return fig


def synergy_alt(alpha: float = 2.0, hill: float = 1.5) -> str:
    """Alt text for :func:`plot_synergy_map`."""
    _, _, excess = _surfaces(alpha, hill)
    low, high = float(np.min(excess)), float(np.max(excess))
    if alpha > 0:
        shape = "bows inward, below the straight Loewe line (synergy in Loewe's sense)"
    elif alpha < 0:
        shape = "bows outward, above the straight Loewe line (antagonism in Loewe's sense)"
    else:
        shape = "lies on the straight Loewe line (Loewe additivity)"
    return (
        f"Two panels for an illustrative drug pair with Hill coefficient {hill:g} and interaction "
        f"parameter {alpha:g}. First panel, an isobologram with both axes in multiples of each drug's EC50 from "
        "0 to 1.6: the straight dashed line from (1, 0) to (0, 1) is Loewe additivity, the dotted curve "
        f"is Bliss independence, and the solid curve of dose pairs giving a 50% effect {shape}. Second panel, "
        "a heat map over doses 0 to 3 times EC50 of the observed effect minus the Bliss expectation, "
        f"in a purple-to-orange diverging colour scale with labelled contours; it ranges from {low:+.2f} "
        f"to {high:+.2f}, purple where the pair does better than Bliss predicts and orange where worse."
    )


def synergy_explorer() -> Explorer:
    """Sliders for the interaction parameter and the Hill coefficient of the synergy map."""
    return Explorer(
        plot=plot_synergy_map,
        sliders=[
            # stops in the static book: the heat map and its contours are the heaviest data in the book
            Slider("alpha", "Interaction α (0 = Loewe additive)", -1.0, 4.0, 0.1, 2.0,
                   stops=(-1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 3.0, 4.0)),
            Slider("hill", "Hill coefficient of both drugs", 0.5, 3.0, 0.1, 1.5, stops=(0.5, 1.0, 1.5, 2.0, 2.5, 3.0)),
        ],
        presets=[{}, {"alpha": 0.0, "hill": 1.0}, {"alpha": 0.0, "hill": 2.5}, {"alpha": -0.8}],
        alt=synergy_alt,
        title="Synergy, additivity and antagonism",
    )
