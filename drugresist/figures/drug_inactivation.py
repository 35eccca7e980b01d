"""Figures and the explorer for the chapter "Destroying or not activating the drug".

Every parameter value here is **illustrative**: chosen to show the shape of the behaviour, not
measured for cytarabine, deoxycytidine kinase, cytidine deaminase or any cell line.

The numbers behind the explorer figure come from one pure function,
:func:`drug_inactivation_curves`, which both :func:`plot_explorer` and :func:`explorer_alt` call.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from drugresist.explorer import Explorer, Slider
from drugresist.models.drug_inactivation import (
    active_ceiling_uM,
    fold_resistance,
    outside_needed_uM,
    steady_state_active_uM,
)
from drugresist.style import PALETTE, new_figure

#: Illustrative defaults (not measured values).
K_IN_PER_MIN = 0.1  # membrane exchange of the prodrug, per minute
VMAX_ACT = 1.0  # activating enzyme (dCK-like) Vmax, uM per minute
KM_ACT = 20.0  # activating enzyme Km, uM
VMAX_INACT = 0.5  # inactivating enzyme (CDA-like) Vmax, uM per minute
KM_INACT = 10.0  # inactivating enzyme Km, uM
K_OUT_PER_MIN = 0.05  # loss of the active metabolite, per minute
PARAMS = (K_IN_PER_MIN, VMAX_ACT, KM_ACT, VMAX_INACT, KM_INACT, K_OUT_PER_MIN)

_OUTSIDE = np.logspace(-2, 4, 161)
_TARGETS = np.logspace(-2, np.log10(19.9), 161)
_DECADES = [1e-2, 1e-1, 1, 10, 100, 1000, 1e4]
_DECADE_LABELS = ["0.01", "0.1", "1", "10", "100", "1000", "10⁴"]


def drug_inactivation_curves(
    dck_activity_percent: float = 30.0, cda_fold: float = 10.0, target_active_uM: float = 2.0
) -> dict[str, np.ndarray | float]:
    """The numbers behind the explorer figure (pure; no plotting).

    Three cells share every parameter except two: the *sensitive* cell, a cell that keeps only
    ``dck_activity_percent`` % of the activating enzyme, and a cell with ``cda_fold`` times the
    inactivating enzyme. Returns arrays over the external prodrug grid (``outside``, uM) and over
    the grid of target active levels (``targets``, uM), and scalars at ``target_active_uM``.
    """
    keep = dck_activity_percent / 100.0
    k_in, va, ka, vi, ki, k_out = PARAMS
    cells = {
        "sensitive": (va, vi),
        "low_activation": (va * keep, vi),
        "high_inactivation": (va, vi * cda_fold),
    }
    out: dict[str, np.ndarray | float] = {"outside": _OUTSIDE, "targets": _TARGETS, "target": float(target_active_uM)}
    for name, (vmax_act, vmax_inact) in cells.items():
        out[f"active_{name}"] = steady_state_active_uM(_OUTSIDE, k_in, vmax_act, ka, vmax_inact, ki, k_out)
        out[f"ceiling_{name}"] = float(active_ceiling_uM(vmax_act, k_out))
        out[f"needed_{name}"] = float(outside_needed_uM(target_active_uM, k_in, vmax_act, ka, vmax_inact, ki, k_out))
    out["fold_low_activation"] = fold_resistance(_TARGETS, k_in, va, ka, vi, ki, k_out, keep, 1.0)
    out["fold_high_inactivation"] = fold_resistance(_TARGETS, k_in, va, ka, vi, ki, k_out, 1.0, cda_fold)
    out["fold_low_activation_at_target"] = float(fold_resistance(target_active_uM, k_in, va, ka, vi, ki, k_out, keep, 1.0))
    out["fold_high_inactivation_at_target"] = float(
        fold_resistance(target_active_uM, k_in, va, ka, vi, ki, k_out, 1.0, cda_fold)
    )
    return out


def _series(dck_activity_percent: float, cda_fold: float) -> list[tuple[str, str, str, str]]:
    return [
        ("sensitive", "sensitive cell", PALETTE["black"], "-"),
        ("low_activation", f"activating enzyme at {dck_activity_percent:g}%", PALETTE["vermillion"], "--"),
        ("high_inactivation", f"inactivating enzyme ×{cda_fold:g}", PALETTE["blue"], "-."),
    ]


def _log_x(ax) -> None:
    ax.set_xscale("log")
    ax.set_xticks(_DECADES, _DECADE_LABELS)
    ax.minorticks_off()


def plot_explorer(dck_activity_percent: float = 30.0, cda_fold: float = 10.0, target_active_uM: float = 2.0) -> Figure:
    """Left: active metabolite against external prodrug (log-log). Right: fold resistance against target."""
    data = drug_inactivation_curves(dck_activity_percent, cda_fold, target_active_uM)
    fig, (left, right) = new_figure(ncols=2, width_in=9.6, height_in=4.2, layout=None)
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.14, top=0.86, wspace=0.26)
    for name, label, colour, style in _series(dck_activity_percent, cda_fold):
        left.plot(data["outside"], data[f"active_{name}"], color=colour, linestyle=style, label=label)
        left.axhline(data[f"ceiling_{name}"], color=colour, linewidth=0.8, linestyle=":")
    left.axhline(target_active_uM, color=PALETTE["green"], linewidth=1.2)
    _log_x(left)
    left.set_yscale("log")
    left.set_yticks([1e-3, 1e-2, 1e-1, 1, 10, 100], ["0.001", "0.01", "0.1", "1", "10", "100"])
    left.minorticks_off()
    left.set_xlim(1e-2, 1e4)
    left.set_ylim(1e-3, 60)
    left.set_xlabel("Prodrug outside the cell (µM, log scale)")
    left.set_ylabel("Active metabolite in the cell (µM, log scale)")
    left.legend(loc="lower right", fontsize=9)
    for name, colour, style in (
        ("low_activation", PALETTE["vermillion"], "--"),
        ("high_inactivation", PALETTE["blue"], "-."),
    ):
        fold = np.where(np.isfinite(data[f"fold_{name}"]), data[f"fold_{name}"], np.nan)
        right.plot(data["targets"], fold, color=colour, linestyle=style)
    right.axvline(data["ceiling_low_activation"], color=PALETTE["vermillion"], linewidth=0.8, linestyle=":")
    right.axvline(target_active_uM, color=PALETTE["green"], linewidth=1.2)
    right.axhline(1.0, color=PALETTE["black"], linewidth=0.8)
    _log_x(right)
    right.set_xticks([1e-2, 1e-1, 1, 10], ["0.01", "0.1", "1", "10"])
    right.set_xlim(1e-2, 20)
    right.set_yscale("log")
    right.set_yticks([1, 2, 5, 10, 20, 50, 100], ["1", "2", "5", "10", "20", "50", "100"])
    right.minorticks_off()
    right.set_ylim(0.9, 100)
    right.set_xlabel("Active metabolite needed to kill (µM, log scale)")
    right.set_ylabel("Fold resistance (log scale)")

    def fmt(value: float) -> str:
        return "no dose reaches it" if not np.isfinite(value) else f"{value:.2g}-fold"

    fig.suptitle(
        f"To hold {target_active_uM:g} µM of active drug: activating enzyme at {dck_activity_percent:g}% "
        f"{fmt(data['fold_low_activation_at_target'])}, inactivating enzyme ×{cda_fold:g} "
        f"{fmt(data['fold_high_inactivation_at_target'])} (illustrative)",
        fontsize=10.5,
    )
    return fig


def explorer_alt(dck_activity_percent: float = 30.0, cda_fold: float = 10.0, target_active_uM: float = 2.0) -> str:
    """Alt text for :func:`plot_explorer` stating the numbers it shows."""
    d = drug_inactivation_curves(dck_activity_percent, cda_fold, target_active_uM)

    def needed(name: str) -> str:
        value = d[f"needed_{name}"]
        return "no external level is enough" if not np.isfinite(value) else f"it takes {value:.3g} µM outside"

    def fold(name: str) -> str:
        value = d[f"fold_{name}_at_target"]
        return "infinite" if not np.isfinite(value) else f"{value:.3g}-fold"

    return (
        "Left: log-log plot of the active metabolite inside the cell against the prodrug outside, for a "
        "sensitive cell, a cell with less activating enzyme and a cell with more inactivating enzyme; "
        "dotted lines mark each cell's ceiling, the most active drug any dose can give: "
        f"{d['ceiling_sensitive']:.3g} µM for the sensitive cell and the cell with more inactivating enzyme, "
        f"{d['ceiling_low_activation']:.3g} µM for the cell with {dck_activity_percent:g}% of the activating enzyme. "
        f"A green line marks the target of {target_active_uM:g} µM. To reach it, {needed('sensitive')} for the "
        f"sensitive cell; for the low-activation cell {needed('low_activation')}; for the cell with "
        f"{cda_fold:g} times the inactivating enzyme {needed('high_inactivation')}. "
        "Right: fold resistance against the target level. The low-activation curve rises and ends at its "
        "ceiling; the high-inactivation curve falls towards 1 as the target rises. At the chosen target the "
        f"fold resistance is {fold('low_activation')} and {fold('high_inactivation')}."
    )


def inactivation_explorer() -> Explorer:
    """Sliders: activating-enzyme level, inactivating-enzyme rise, target level of active drug."""
    return Explorer(
        plot=plot_explorer,
        sliders=[
            Slider("dck_activity_percent", "Activating enzyme left (% of normal)", 5, 100, 5, 30),
            Slider("cda_fold", "Inactivating enzyme (fold of normal)", 1, 30, 1, 10),
            Slider("target_active_uM", "Active drug needed to kill (µM)", 0.1, 19, 0.1, 2.0),
        ],
        presets=[
            {},
            {"target_active_uM": 0.1},
            {"target_active_uM": 10.0},
            {"dck_activity_percent": 10.0, "target_active_uM": 1.0},
            {"dck_activity_percent": 100.0, "cda_fold": 1.0},
        ],
        alt=explorer_alt,
        title="Activation against inactivation",
    )


def _box(ax, xy, text, colour, width=0.2, height=0.1):
    x, y = xy
    ax.add_patch(
        FancyBboxPatch((x - width / 2, y - height / 2), width, height, boxstyle="round,pad=0.012",
                       facecolor="white", edgecolor=colour, linewidth=1.8)
    )
    ax.text(x, y, text, ha="center", va="center", fontsize=9.5, color=PALETTE["black"])


def _arrow(ax, start, end, colour, label=None, offset=(0.0, 0.03), style="-|>"):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle=style, mutation_scale=14, color=colour, linewidth=1.6))
    if label:
        mx, my = (start[0] + end[0]) / 2 + offset[0], (start[1] + end[1]) / 2 + offset[1]
        ax.text(mx, my, label, ha="center", va="center", fontsize=8.5, color=colour)


def plot_pathway() -> Figure:
    """Schematic: cytarabine enters the cell, dCK starts its activation, CDA and NT5C2-like steps undo it."""
    fig, ax = new_figure(width_in=8.0, height_in=4.2)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.axis("off")
    ax.add_patch(FancyBboxPatch((0.2, 0.06), 0.78, 0.86, boxstyle="round,pad=0.01", facecolor="#f4f4f4",
                                edgecolor=PALETTE["black"], linewidth=1.2))
    ax.text(0.59, 0.88, "inside the leukaemia cell", ha="center", fontsize=9, style="italic")
    _box(ax, (0.09, 0.62), "ara-C\n(outside)", PALETTE["black"], width=0.15)
    _box(ax, (0.33, 0.62), "ara-C", PALETTE["black"], width=0.13)
    _box(ax, (0.58, 0.62), "ara-CMP", PALETTE["vermillion"], width=0.14)
    _box(ax, (0.84, 0.62), "ara-CTP\n(active)", PALETTE["vermillion"], width=0.16)
    _box(ax, (0.84, 0.22), "into DNA:\nsynthesis stops", PALETTE["vermillion"], width=0.18, height=0.12)
    _box(ax, (0.33, 0.22), "ara-U\n(inactive)", PALETTE["blue"], width=0.14, height=0.12)
    _arrow(ax, (0.165, 0.64), (0.265, 0.64), PALETTE["black"], "transporter", (0.0, 0.05))
    _arrow(ax, (0.265, 0.595), (0.165, 0.595), PALETTE["black"])
    _arrow(ax, (0.395, 0.64), (0.51, 0.64), PALETTE["vermillion"], "dCK\n(first step)", (0.0, 0.08))
    _arrow(ax, (0.51, 0.595), (0.395, 0.595), PALETTE["blue"], "5′-nucleotidase", (0.0, -0.06))
    _arrow(ax, (0.65, 0.62), (0.76, 0.62), PALETTE["vermillion"], "two more\nkinases", (0.0, 0.08))
    _arrow(ax, (0.84, 0.565), (0.84, 0.285), PALETTE["vermillion"])
    _arrow(ax, (0.33, 0.57), (0.33, 0.285), PALETTE["blue"], "CDA", (0.045, 0.0))
    ax.text(0.59, 0.40, "activation (orange) must outrun\ninactivation (blue)", ha="center", va="center",
            fontsize=9.5)
    return fig


def plot_fold_divergence(dck_activity_percent: float = 30.0, cda_fold: float = 10.0, target_active_uM: float = 2.0) -> Figure:
    """The explorer's figure at one setting, for the chapter's static figure (same numbers, same alt text)."""
    return plot_explorer(dck_activity_percent, cda_fold, target_active_uM)
