"""Figures and the explorer for the chapter "Next-generation drugs: answering a known resistance mechanism".

Trial numbers below are the published results, each with its bib key. The curves drawn from them
are approximations that assume exponential survival (see ``drugresist.models.next_generation_drugs``);
they reproduce a median, not the shape of the published Kaplan-Meier curves.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import NullFormatter

from drugresist.explorer import Explorer, Slider
from drugresist.models.next_generation_drugs import (
    experimental_median,
    fraction_progression_free,
    implied_hazard_ratio,
)
from drugresist.style import PALETTE, new_figure

APPROXIMATION = "approximation assuming exponential survival"


@dataclass(frozen=True)
class Trial:
    """Published progression-free survival result of one randomised trial (medians in months)."""

    name: str
    population: str
    experimental: str
    control: str
    experimental_median_months: float
    control_median_months: float
    hazard_ratio: float
    ci_low: float
    ci_high: float
    cite: str


#: Median PFS (months) and PFS hazard ratio (95% CI) as reported by each trial.
TRIALS: dict[str, Trial] = {
    "AURA3": Trial(  # mok2017osimertinib
        "AURA3", "EGFR T790M-positive NSCLC after a first-line EGFR inhibitor",
        "osimertinib", "platinum-pemetrexed", 10.1, 4.4, 0.30, 0.23, 0.41, "mok2017osimertinib",
    ),
    "FLAURA": Trial(  # soria2018osimertinib
        "FLAURA", "untreated EGFR-mutant NSCLC",
        "osimertinib", "gefitinib or erlotinib", 18.9, 10.2, 0.46, 0.37, 0.57, "soria2018osimertinib",
    ),
    "EMERALD": Trial(  # bidard2022elacestrant, ESR1-mutant population
        "EMERALD", "ER+/HER2- breast cancer, ESR1-mutant",
        "elacestrant", "standard endocrine therapy", 3.8, 1.9, 0.55, 0.39, 0.77, "bidard2022elacestrant",
    ),
    "SOLAR-1": Trial(  # andre2019alpelisib, PIK3CA-mutant cohort
        "SOLAR-1", "HR+/HER2- breast cancer, PIK3CA-mutant",
        "alpelisib + fulvestrant", "placebo + fulvestrant", 11.0, 5.7, 0.65, 0.50, 0.85, "andre2019alpelisib",
    ),
}

#: Hazard ratios with 95% CI for the forest plot: (label, endpoint, HR, low, high, bib key).
#: FLAURA overall survival is shown without its interval (only the point estimate is used here).
FOREST_ROWS: list[tuple[str, str, float, float | None, float | None, str]] = [
    ("AURA3, osimertinib (T790M+)", "PFS", 0.30, 0.23, 0.41, "mok2017osimertinib"),
    ("FLAURA, osimertinib (first line)", "PFS", 0.46, 0.37, 0.57, "soria2018osimertinib"),
    ("FLAURA, osimertinib (first line)", "OS", 0.80, None, None, "ramalingam2020overall"),
    ("EMERALD, elacestrant: all patients", "PFS", 0.70, 0.55, 0.88, "bidard2022elacestrant"),
    ("EMERALD, elacestrant: ESR1-mutant", "PFS", 0.55, 0.39, 0.77, "bidard2022elacestrant"),
    ("SOLAR-1, alpelisib: PIK3CA-mutant", "PFS", 0.65, 0.50, 0.85, "andre2019alpelisib"),
    ("SOLAR-1, alpelisib: PIK3CA-non-mutant", "PFS", 0.85, 0.58, 1.25, "andre2019alpelisib"),
    ("SOLAR-1, alpelisib: PIK3CA-mutant", "OS", 0.86, 0.64, 1.15, "andre2021alpelisib"),
]


def _matching_trial(control_median_months: float, hazard_ratio: float) -> Trial | None:
    for trial in TRIALS.values():
        if math.isclose(trial.control_median_months, control_median_months, abs_tol=1e-6) and math.isclose(
            trial.hazard_ratio, hazard_ratio, abs_tol=1e-6
        ):
            return trial
    return None


def _time_axis_max(control_median_months: float, hazard_ratio: float) -> float:
    """A round axis length (multiple of 6 months, 12 to 60) showing both curves well."""
    longest = max(control_median_months, control_median_months / hazard_ratio)
    return float(min(60, max(12, 6 * math.ceil(3.0 * longest / 6))))


def plot_trial_curves(control_median_months: float = 4.4, hazard_ratio: float = 0.30) -> Figure:
    """Control and experimental progression-free curves from a control median and a hazard ratio.

    Exponential approximation: the experimental median is ``control median / HR``. If the two values
    are those of a trial in :data:`TRIALS`, the trial is named and its reported experimental median
    is marked for comparison.
    """
    fig, ax = new_figure(layout=None)  # fixed margins: this plot is redrawn by the explorer
    fig.subplots_adjust(left=0.11, right=0.97, bottom=0.13, top=0.86)
    t_max = _time_axis_max(control_median_months, hazard_ratio)
    t = np.linspace(0.0, t_max, 241)
    trial = _matching_trial(control_median_months, hazard_ratio)
    control_label = f"control ({trial.control})" if trial else "control"
    experimental_label = f"experimental ({trial.experimental})" if trial else "experimental"
    model_median = experimental_median(control_median_months, hazard_ratio)

    ax.plot(t, fraction_progression_free(t, control_median_months), color=PALETTE["vermillion"],
            linestyle="--", label=f"{control_label}, median {control_median_months:.3g} mo")
    ax.plot(t, fraction_progression_free(t, control_median_months, hazard_ratio), color=PALETTE["blue"],
            linestyle="-", label=f"{experimental_label}, model median {model_median:.3g} mo")
    ax.axhline(0.5, color=PALETTE["black"], linewidth=1, linestyle=":")
    for median, colour in ((control_median_months, PALETTE["vermillion"]), (model_median, PALETTE["blue"])):
        if median <= t_max:
            ax.plot([median, median], [0, 0.5], color=colour, linewidth=1, linestyle=":")
    if trial is not None and trial.experimental_median_months <= t_max:
        ax.plot([trial.experimental_median_months], [0.5], marker="D", markersize=8, color=PALETTE["green"],
                linestyle="none", label=f"reported experimental median {trial.experimental_median_months:g} mo")
    ax.set_xlim(0, t_max)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("Months since randomisation")
    ax.set_ylabel("Fraction progression-free")
    heading = f"{trial.name}: {trial.population}" if trial else f"Control median {control_median_months:.3g} months"
    ax.set_title(f"{heading}\n({APPROXIMATION}; HR {hazard_ratio:.2f})", fontsize=10.5)
    ax.legend(loc="best", fontsize=9)
    return fig


def trial_curves_alt(control_median_months: float = 4.4, hazard_ratio: float = 0.30) -> str:
    """Alt text for :func:`plot_trial_curves` that states what the figure shows."""
    model_median = experimental_median(control_median_months, hazard_ratio)
    trial = _matching_trial(control_median_months, hazard_ratio)
    start = f"{trial.name} preset. " if trial else ""
    text = (
        f"{start}Two falling curves of the fraction of patients progression-free against months, an "
        f"approximation assuming exponential survival. The control curve crosses one half at "
        f"{control_median_months:.3g} months; with a hazard ratio of {hazard_ratio:.2f} the experimental "
        f"curve crosses it at {model_median:.3g} months."
    )
    if trial is not None:
        text += (
            f" A marker shows the median the trial actually reported for {trial.experimental}, "
            f"{trial.experimental_median_months:g} months."
        )
    return text


def trials_explorer() -> Explorer:
    """Sliders for the control median and the hazard ratio, with one preset per trial."""
    aura3 = TRIALS["AURA3"]
    return Explorer(
        plot=plot_trial_curves,
        sliders=[
            Slider("control_median_months", "Control median PFS (months)", 1, 24, 0.1, aura3.control_median_months),
            Slider("hazard_ratio", "Hazard ratio (experimental / control)", 0.1, 1.5, 0.01, aura3.hazard_ratio),
        ],
        presets=[
            {"control_median_months": t.control_median_months, "hazard_ratio": t.hazard_ratio}
            for t in TRIALS.values()
        ],
        alt=trial_curves_alt,
        title="Reading a trial: median and hazard ratio",
    )


def plot_forest() -> Figure:
    """Reported hazard ratios with 95% confidence intervals (log scale), PFS and OS."""
    fig, ax = new_figure(width_in=7.8, height_in=4.6, layout=None)
    fig.subplots_adjust(left=0.43, right=0.80, bottom=0.12, top=0.90)
    n = len(FOREST_ROWS)
    for row, (_label, endpoint, hr, low, high, _key) in enumerate(FOREST_ROWS):
        y = n - 1 - row
        is_pfs = endpoint == "PFS"
        colour = PALETTE["blue"] if is_pfs else PALETTE["orange"]
        marker = "s" if is_pfs else "D"
        if low is not None and high is not None:
            ax.plot([low, high], [y, y], color=colour, linewidth=2, linestyle="-" if is_pfs else "--")
        ax.plot([hr], [y], marker=marker, markersize=8, color=colour, linestyle="none")
        interval = f" ({low:.2f}-{high:.2f})" if low is not None else " (CI not shown)"
        ax.text(1.03, y, f"{hr:.2f}{interval}", transform=ax.get_yaxis_transform(), va="center", fontsize=9)
    ax.axvline(1.0, color=PALETTE["black"], linewidth=1)
    ax.set_xscale("log")
    ax.set_xlim(0.18, 1.6)
    ticks = [0.2, 0.3, 0.5, 0.7, 1.0, 1.5]
    ax.set_xticks(ticks)
    ax.set_xticklabels([f"{x:g}" for x in ticks])
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_yticks(range(n))
    ax.set_yticklabels([f"{label} [{endpoint}]" for label, endpoint, *_ in reversed(FOREST_ROWS)], fontsize=9)
    ax.set_ylim(-0.7, n - 0.3)
    ax.set_xlabel("Hazard ratio (log scale); below 1 favours the new drug")
    ax.plot([], [], marker="s", color=PALETTE["blue"], linestyle="-", label="progression-free survival (PFS)")
    ax.plot([], [], marker="D", color=PALETTE["orange"], linestyle="--", label="overall survival (OS)")
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=2, fontsize=9, frameon=False)
    ax.grid(axis="y", visible=False)
    return fig


def implied_vs_reported() -> list[tuple[str, float, float, float, float]]:
    """For each trial: (name, control median, experimental median, implied HR, reported HR)."""
    return [
        (
            t.name,
            t.control_median_months,
            t.experimental_median_months,
            float(implied_hazard_ratio(t.control_median_months, t.experimental_median_months)),
            t.hazard_ratio,
        )
        for t in TRIALS.values()
    ]
