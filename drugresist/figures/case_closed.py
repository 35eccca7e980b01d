"""Figures and explorer for the concluding chapter "The case, closed": liquid-biopsy monitoring.

The model is ``drugresist.models.liquid_biopsy``. Every parameter is **illustrative** except the
default limit of detection, 0.03 %, reported for one digital PCR assay for EGFR T790M in plasma
(wang2014quantification). Burdens are in units of the burden at the start of treatment.
"""

from __future__ import annotations

import functools

import math

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator

from drugresist.explorer import Explorer, Slider
from drugresist.models.liquid_biopsy import (
    ALLELE_SHARE,
    LOD_FRACTION,
    PROGRESSION_BURDEN,
    RESISTANT_FRACTION,
    RESISTANT_GROWTH_PER_DAY,
    SENSITIVE_KILL_PER_DAY,
    TUMOUR_DNA_FRACTION,
    detection_day,
    monitoring_curves,
    nadir_day,
    progression_day,
    total_burden,
)
from drugresist.style import PALETTE, new_figure

HORIZON_DAYS = 600.0
DAYS_PER_MONTH = 30.44
_DEFAULT_LOG10_FRACTION = math.log10(RESISTANT_FRACTION)
_DEFAULT_LOD_PERCENT = 100 * LOD_FRACTION


@functools.lru_cache(maxsize=64)  # the figure and its alt text ask for the same numbers
def _events(growth: float, kill: float, log10_fraction: float, lod_percent: float) -> dict[str, float]:
    f = 10.0 ** log10_fraction
    detect = detection_day(lod_percent / 100.0, growth, kill, f, TUMOUR_DNA_FRACTION, ALLELE_SHARE)
    progress = progression_day(growth, kill, f, PROGRESSION_BURDEN)
    nadir = nadir_day(growth, kill, f)
    return {
        "fraction": f,
        "detect": detect,
        "progress": progress,
        "lead": progress - detect if math.isfinite(detect) else -math.inf,
        "nadir": nadir,
        "nadir_burden": float(total_burden(nadir, growth, kill, f)),
    }


def _day_text(day: float) -> str:
    if not math.isfinite(day):
        return "never"
    if day > HORIZON_DAYS:
        return f"day {day:.0f} (beyond the {HORIZON_DAYS:.0f} days shown)"
    return f"day {day:.0f}"


def _lead_text(lead: float) -> str:
    if not math.isfinite(lead):
        return "the blood test never sees the clone"
    if lead >= 0:
        return f"the blood test leads the scan by {lead:.0f} days ({lead / DAYS_PER_MONTH:.1f} months)"
    return f"the blood test lags the scan by {-lead:.0f} days"


def _percent(value: float, _position: int) -> str:
    return f"{100 * value:g}%"


def _plain(value: float, _position: int) -> str:
    return f"{value:g}"      # plain labels (1, 0.1, 0.01) need no mathtext and draw faster


def _heading(ax, text: str) -> None:
    """A left-aligned panel heading (cheaper to lay out than an axes title)."""
    ax.text(0.0, 1.03, text, transform=ax.transAxes, fontsize=10, ha="left", va="bottom")


def plot_monitoring(
    resistant_growth_per_day: float = RESISTANT_GROWTH_PER_DAY,
    sensitive_kill_per_day: float = SENSITIVE_KILL_PER_DAY,
    log10_resistant_fraction: float = _DEFAULT_LOG10_FRACTION,
    lod_percent: float = _DEFAULT_LOD_PERCENT,
) -> Figure:
    """Top: tumour burden (log) with the scan's threshold. Bottom: plasma mutant allele fractions."""
    e = _events(resistant_growth_per_day, sensitive_kill_per_day, log10_resistant_fraction, lod_percent)
    days = np.linspace(0.0, HORIZON_DAYS, 301)
    c = monitoring_curves(days, resistant_growth_per_day, sensitive_kill_per_day, e["fraction"],
                          TUMOUR_DNA_FRACTION, ALLELE_SHARE)
    fig, (top, bottom) = new_figure(nrows=2, width_in=7.4, height_in=6.4, layout=None)
    fig.subplots_adjust(left=0.13, right=0.97, bottom=0.22, top=0.89, hspace=0.4)
    for ax in (top, bottom):
        ax.set_xlim(0, HORIZON_DAYS)
        if math.isfinite(e["detect"]) and math.isfinite(e["progress"]) and e["detect"] < e["progress"]:
            ax.axvspan(e["detect"], min(e["progress"], HORIZON_DAYS), color=PALETTE["yellow"], alpha=0.3,
                       linewidth=0, label="lead time" if ax is top else None)
        if e["detect"] <= HORIZON_DAYS:
            ax.axvline(e["detect"], color=PALETTE["vermillion"], linewidth=1.2, linestyle=(0, (4, 2)))
        if e["progress"] <= HORIZON_DAYS:
            ax.axvline(e["progress"], color=PALETTE["black"], linewidth=1.2, linestyle=(0, (1, 1)))

    top.semilogy(days, c["total"], color=PALETTE["black"], linestyle="-", label="whole tumour (what a scan sees)")
    top.semilogy(days, c["sensitive"], color=PALETTE["blue"], linestyle="--", label="sensitive cells")
    top.semilogy(days, c["resistant"], color=PALETTE["vermillion"], linestyle="-.", label="resistant clone")
    top.axhline(PROGRESSION_BURDEN, color=PALETTE["black"], linewidth=1, linestyle=":",
                label="starting size (scan calls progression)")
    top.set_ylim(max(1e-5, min(1e-2, e["fraction"] / 3)), 5)
    top.set_ylabel("Burden (start = 1, log)")
    _heading(top, f"Scan: the tumour regrows to its starting size on {_day_text(e['progress'])}")

    bottom.semilogy(days, c["founder_maf"], color=PALETTE["green"], linestyle="-",
                    label="founder mutation (every tumour cell)")
    bottom.semilogy(days, c["resistance_maf"], color=PALETTE["vermillion"], linestyle="-.",
                    label="resistance mutation (the clone)")
    bottom.axhline(lod_percent / 100.0, color=PALETTE["purple"], linewidth=1.2, linestyle="--",
                   label=f"limit of detection {lod_percent:g}%")
    bottom.set_ylim(1e-5, 1)
    bottom.yaxis.set_major_formatter(FuncFormatter(_percent))
    top.yaxis.set_major_formatter(FuncFormatter(_plain))
    bottom.set_ylabel("Plasma mutant allele fraction")
    bottom.set_xlabel("Days since the start of treatment")
    _heading(bottom, f"Blood: the resistance mutation becomes detectable on {_day_text(e['detect'])}")
    for ax in (top, bottom):   # a few labelled decades and no minor ticks keep the redraw fast
        ax.yaxis.set_major_locator(LogLocator(base=10.0, numticks=5 if ax is top else 6))
        ax.yaxis.set_minor_locator(NullLocator())
    handles, labels = [], []
    for ax in (top, bottom):
        h, lab = ax.get_legend_handles_labels()
        handles += h
        labels += lab
    fig.legend(handles, labels, loc="lower center", bbox_to_anchor=(0.5, 0.005), ncol=3, fontsize=8, frameon=False)
    fig.suptitle(f"{_lead_text(e['lead']).capitalize()}. Illustrative parameters.", fontsize=11)
    return fig


def monitoring_alt(
    resistant_growth_per_day: float = RESISTANT_GROWTH_PER_DAY,
    sensitive_kill_per_day: float = SENSITIVE_KILL_PER_DAY,
    log10_resistant_fraction: float = _DEFAULT_LOG10_FRACTION,
    lod_percent: float = _DEFAULT_LOD_PERCENT,
) -> str:
    """Alt text for :func:`plot_monitoring`, with the event days it shows."""
    e = _events(resistant_growth_per_day, sensitive_kill_per_day, log10_resistant_fraction, lod_percent)
    return (
        f"Two panels against days since the start of treatment, 0 to {HORIZON_DAYS:.0f}. Top, tumour burden "
        f"on a log scale: sensitive cells fall at {sensitive_kill_per_day:g} per day while a resistant clone, "
        f"{e['fraction']:.0e} of the tumour at the start, grows at {resistant_growth_per_day:g} per day; the "
        f"whole tumour shrinks to {e['nadir_burden']:.2g} of its starting size at day {e['nadir']:.0f} and "
        f"regrows to its starting size, where a scan would call progression, on {_day_text(e['progress'])}. "
        "Bottom, plasma mutant allele fractions on a log scale: the founder mutation carried by every tumour "
        "cell falls with the response and then rises again; the resistance mutation rises steadily and "
        f"crosses the {lod_percent:g}% limit of detection on {_day_text(e['detect'])}. Shading marks the "
        f"interval between the two events: {_lead_text(e['lead'])}."
    )


def monitoring_explorer() -> Explorer:
    """Sliders: the clone's growth rate, the drug's kill rate on sensitive cells, the clone's
    starting share (log10) and the assay's limit of detection."""
    return Explorer(
        plot=plot_monitoring,
        sliders=[
            Slider("resistant_growth_per_day", "Growth rate of the resistant clone (per day)", 0.005, 0.05, 0.005,
                   RESISTANT_GROWTH_PER_DAY),
            Slider("sensitive_kill_per_day", "Decline rate of sensitive cells on the drug (per day)", 0.005, 0.1,
                   0.005, SENSITIVE_KILL_PER_DAY),
            Slider("log10_resistant_fraction", "Resistant share at the start (log10)", -6, -1, 0.5,
                   _DEFAULT_LOG10_FRACTION),
            Slider("lod_percent", "Limit of detection of the blood test (%)", 0.01, 2.0, 0.01, _DEFAULT_LOD_PERCENT),
        ],
        presets=[
            {},
            {"lod_percent": 1.0},
            {"log10_resistant_fraction": -5.0},
            {"resistant_growth_per_day": 0.04},
        ],
        alt=monitoring_alt,
        title="A resistant clone in the blood and on the scan",
    )
