"""Figures and explorer for the chapter "Changing identity: lineage plasticity and drug-tolerant persisters".

All parameters are illustrative (see ``drugresist.models.plasticity``): a tumour of 10^9 cells in
the untreated steady composition, a first course of 90 days, then either continuous treatment or a
drug holiday followed by re-treatment, over 540 days.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from drugresist.explorer import Explorer, Slider
from drugresist.models.plasticity import (
    StateSwitching,
    eigenvalues_per_day,
    holiday_schedule,
    simulate,
    steady_tolerant_fraction,
)
from drugresist.style import PALETTE, legend_above, new_figure

DAYS = 540.0
FIRST_COURSE_DAYS = 90.0
INITIAL_CELLS = 1e9
Y_RANGE = (1e6, 1e10)
#: Every run starts from the same tumour: the untreated steady composition of the default model
#: (about 0.28 % tolerant cells), whatever the slider values, so that runs can be compared.
START_TOLERANT_FRACTION = steady_tolerant_fraction(StateSwitching(), on_drug=False)


def plasticity_curves(kill_per_day: float = 0.3, to_sensitive_off_drug_per_day: float = 0.05,
                      holiday_days: float = 60.0) -> dict[str, np.ndarray | float]:
    """The numbers behind :func:`plot_plasticity`: continuous treatment against a drug holiday.

    Arrays (one value per day): ``times_days``, ``total_continuous``, ``total_holiday`` (cells),
    ``tolerant_pct_continuous``, ``tolerant_pct_holiday`` (percent of cells that are tolerant).
    Scalars: ``holiday_start``/``holiday_end`` (days), ``start_tolerant_pct``, ``plateau_rate_per_day``
    and ``clearance_rate_per_day`` (the two on-drug eigenvalues), ``nadir_continuous`` (cells, during
    the first course), ``end_continuous``/``end_holiday`` (cells on the last day),
    ``tolerant_pct_at_holiday_end`` (percent, when treatment resumes), ``holiday_peak`` (cells, the
    largest size during the holiday).
    """
    model = StateSwitching(kill_per_day=kill_per_day, to_sensitive_off_drug_per_day=to_sensitive_off_drug_per_day)
    start = dict(initial_cells=INITIAL_CELLS, tolerant_fraction=START_TOLERANT_FRACTION)
    continuous = simulate(model, [(DAYS, True)], **start)
    holiday = simulate(model, holiday_schedule(FIRST_COURSE_DAYS, holiday_days, DAYS), **start)
    clearance, plateau = eigenvalues_per_day(model, on_drug=True)
    first = int(FIRST_COURSE_DAYS)
    end_holiday = int(FIRST_COURSE_DAYS + holiday_days)
    return {
        "times_days": continuous.times_days,
        "total_continuous": continuous.total,
        "total_holiday": holiday.total,
        "tolerant_pct_continuous": 100 * continuous.tolerant_fraction,
        "tolerant_pct_holiday": 100 * holiday.tolerant_fraction,
        "holiday_start": FIRST_COURSE_DAYS,
        "holiday_end": FIRST_COURSE_DAYS + holiday_days,
        "start_tolerant_pct": 100 * START_TOLERANT_FRACTION,
        "plateau_rate_per_day": plateau,
        "clearance_rate_per_day": clearance,
        "nadir_continuous": float(np.min(continuous.total[: first + 1])),
        "end_continuous": float(continuous.total[-1]),
        "end_holiday": float(holiday.total[-1]),
        "tolerant_pct_at_holiday_end": float(100 * holiday.tolerant_fraction[end_holiday]),
        "holiday_peak": float(np.max(holiday.total[first:end_holiday + 1])),
    }


def _count(value: float) -> str:
    """A cell number in words: '21 million', '1.3 billion'."""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if value >= size:
            return f"{float(f'{value / size:.2g}'):g} {word}"
    return f"{value:,.0f}"


def plot_plasticity(kill_per_day: float = 0.3, to_sensitive_off_drug_per_day: float = 0.05,
                    holiday_days: float = 60.0) -> Figure:
    """Left: tumour cells (log scale), continuous treatment and a drug holiday. Right: tolerant share (%)."""
    c = plasticity_curves(kill_per_day, to_sensitive_off_drug_per_day, holiday_days)
    t = c["times_days"]
    fig, (left, right) = new_figure(ncols=2, width_in=9.8, height_in=4.6, layout=None)
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.12, top=0.78, wspace=0.28)
    for ax in (left, right):
        if holiday_days > 0:
            ax.axvspan(c["holiday_start"], c["holiday_end"], color=PALETTE["yellow"], alpha=0.25, linewidth=0,
                       label="drug holiday")
        ax.set_xlim(0, DAYS)
        ax.set_xlabel("Days from the start of treatment")
    left.semilogy(t, c["total_continuous"], color=PALETTE["blue"], linestyle="--", label="continuous drug")
    left.semilogy(t, c["total_holiday"], color=PALETTE["vermillion"], linestyle="-",
                  label=f"holiday of {holiday_days:g} days")
    left.axhline(INITIAL_CELLS, color=PALETTE["black"], linewidth=0.8, alpha=0.6, label="size at the start")
    left.set_ylim(*Y_RANGE)
    left.set_ylabel("Tumour cells (log scale)")
    legend_above(left)
    right.plot(t, c["tolerant_pct_continuous"], color=PALETTE["blue"], linestyle="--", label="continuous drug")
    right.plot(t, c["tolerant_pct_holiday"], color=PALETTE["vermillion"], linestyle="-",
               label=f"holiday of {holiday_days:g} days")
    right.set_ylim(0, 100)
    right.set_ylabel("Tolerant cells among tumour cells (%)")
    legend_above(right)
    fig.suptitle(
        f"Drug kills sensitive cells at {kill_per_day:g}/day; tolerant cells revert off drug at "
        f"{to_sensitive_off_drug_per_day:g}/day\nOn the last day: {_count(c['end_continuous'])} cells with "
        f"continuous drug, {_count(c['end_holiday'])} with the holiday (illustrative parameters)",
        fontsize=9.5,
    )
    return fig


def plasticity_alt(kill_per_day: float = 0.3, to_sensitive_off_drug_per_day: float = 0.05,
                   holiday_days: float = 60.0) -> str:
    """Alt text for :func:`plot_plasticity` stating the numbers it shows."""
    c = plasticity_curves(kill_per_day, to_sensitive_off_drug_per_day, holiday_days)
    text = (
        f"Two panels over {DAYS:.0f} days. First panel, tumour cells on a log scale, starting at 1 billion with "
        f"{c['start_tolerant_pct']:.2g} percent tolerant cells. With continuous drug the sensitive cells are "
        f"cleared at {-c['clearance_rate_per_day']:.2g} per day and the tumour falls to "
        f"{_count(c['nadir_continuous'])} cells, then rests on a plateau of tolerant cells that grows at "
        f"{c['plateau_rate_per_day']:.2g} per day, to {_count(c['end_continuous'])} cells on day {DAYS:.0f}."
    )
    if holiday_days > 0:
        text += (
            f" With a drug holiday from day {c['holiday_start']:g} to day {c['holiday_end']:g} (shaded) the tumour "
            f"regrows during the holiday to {_count(c['holiday_peak'])} cells, shrinks again when the drug resumes "
            f"and ends at "
            f"{_count(c['end_holiday'])} cells. Second panel, the share of tolerant cells rises to almost 100 percent on "
            f"drug; during the holiday it falls, to {c['tolerant_pct_at_holiday_end']:.2g} percent when the drug "
            f"resumes, and then rises again."
        )
    else:
        text += " With no holiday the two schedules are the same. Second panel, the share of tolerant cells rises to almost 100 percent on drug."
    return text


def plot_states(kill_per_day: float = 0.3) -> Figure:
    """Diagram of the two states and the four rates that connect them (illustrative values)."""
    m = StateSwitching(kill_per_day=kill_per_day)
    fig, ax = new_figure(width_in=7.2, height_in=3.2)
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 4.4)
    ax.axis("off")
    boxes = {
        "S": (0.4, 1.2, "Sensitive\n(depends on the drug target)", PALETTE["sky"]),
        "T": (6.1, 1.2, "Tolerant\n(persister, slow-cycling)", PALETTE["orange"]),
    }
    for x, y, label, colour in boxes.values():
        ax.add_patch(FancyBboxPatch((x, y), 3.5, 1.6, boxstyle="round,pad=0.1", facecolor=colour, alpha=0.35,
                                    edgecolor=PALETTE["black"]))
        ax.text(x + 1.75, y + 0.8, label, ha="center", va="center", fontsize=10)
    ax.add_patch(FancyArrowPatch((4.0, 2.45), (6.0, 2.45), arrowstyle="-|>", mutation_scale=16, linewidth=1.6))
    ax.add_patch(FancyArrowPatch((6.0, 1.55), (4.0, 1.55), arrowstyle="-|>", mutation_scale=16, linewidth=1.6))
    ax.text(5.0, 2.65, f"drug pushes: {m.to_tolerant_on_drug_per_day:g}/day\n(off drug {m.to_tolerant_off_drug_per_day:g}/day)",
            ha="center", va="bottom", fontsize=8.5)
    ax.text(5.0, 1.35, f"off drug, reverts: {m.to_sensitive_off_drug_per_day:g}/day\n(on drug {m.to_sensitive_on_drug_per_day:g}/day)",
            ha="center", va="top", fontsize=8.5)
    ax.text(2.15, 3.3, f"grows {m.sensitive_growth_per_day:g}/day; drug kills {kill_per_day:g}/day",
            ha="center", fontsize=8.5)
    ax.text(7.85, 3.3, f"grows {m.tolerant_growth_per_day:g}/day; drug does not kill", ha="center", fontsize=8.5)
    ax.text(5.0, 0.25, "Same genome in both states: switching needs no mutation (illustrative rates)",
            ha="center", fontsize=8.5, style="italic")
    return fig


def plasticity_explorer() -> Explorer:
    """Sliders: kill rate of sensitive cells, reversion rate off drug, length of the drug holiday."""
    return Explorer(
        plot=plot_plasticity,
        sliders=[
            Slider("kill_per_day", "Kill rate of sensitive cells (per day)", 0.05, 0.6, 0.05, 0.3),
            Slider("to_sensitive_off_drug_per_day", "Reversion to sensitive, off drug (per day)", 0.0, 0.1, 0.005, 0.05),
            Slider("holiday_days", "Drug holiday after day 90 (days)", 0, 150, 10, 60),
        ],
        presets=[
            {},
            {"holiday_days": 0},
            {"to_sensitive_off_drug_per_day": 0.0},
            {"holiday_days": 150},
            {"kill_per_day": 0.6},
        ],
        alt=plasticity_alt,
        title="Sensitive and tolerant cells under a drug, with and without a holiday",
    )

