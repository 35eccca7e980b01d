"""Liquid-biopsy monitoring: a resistant clone seen in the blood before it is seen on a scan.

The model
---------
At the start of a treatment (day 0) the tumour holds a burden of 1 (the unit is the starting
burden), of which a fraction ``f`` belongs to a resistant clone. On treatment the sensitive cells
decline exponentially at net rate ``d`` per day and the resistant clone grows at net rate ``g``
per day:

    S(t) = (1 - f) exp(-d t),    R(t) = f exp(g t),    N(t) = S(t) + R(t).

Tumour cells shed DNA into the blood; the model takes the shed amount to be proportional to the
number of tumour cells (the same per-cell rate for both populations) and the plasma to be at
steady state, because circulating DNA is cleared within hours while the tumour changes over days.
Normal cells contribute a constant background of cell-free DNA. If the tumour makes up a fraction
``phi`` of the cell-free DNA at day 0, the background equals ``beta = (1 - phi) / phi`` in units of
the starting burden. A mutation carried on ``h`` of the copies of its locus in each cell that has
it (``h = 1/2`` for a heterozygous mutation in a diploid region) then has the plasma
**mutant allele fraction**

    resistance mutation:  m(t) = h R(t) / (N(t) + beta)
    founder mutation:     M(t) = h N(t) / (N(t) + beta)   (carried by every tumour cell)

and the resistant clone's share of the tumour is the ratio of exponentials

    R / N = 1 / (1 + ((1 - f) / f) exp(-(g + d) t)).

Events
------
* **molecular detection**: the first day on which ``m(t)`` reaches the assay's limit of detection
  ``L``. ``m`` rises monotonically towards ``h``, so the day is unique, and never comes if
  ``L >= h``. With no background (``phi = 1``) and ``h = 1`` it has the closed form
  ``ln(L (1 - f) / ((1 - L) f)) / (g + d)``.
* **nadir**: the day of the smallest burden, ``ln(d (1 - f) / (g f)) / (g + d)`` (day 0 if the
  burden never falls).
* **radiographic progression**: the first day after the nadir on which the burden has grown back to
  ``theta`` times the starting burden (``theta = 1``: back to its size at the start).
* **lead time**: progression day minus detection day. Once the sensitive cells are gone and the
  tumour DNA is small beside the background, ``R`` alone sets both events and
  ``lead = ln(theta h / (L beta)) / g``: it does not depend on how rare the clone was at the start.

Event days without a closed form are found by bisection on functions that are monotone on the
interval searched (``m(t)``; ``ln N(t)`` after the nadir), evaluated in a form that cannot
overflow, so the results are deterministic to about 1e-9 day.

Units: time in days, rates per day, burdens in units of the starting burden, fractions between 0
and 1. Every default value here is **illustrative**, except the limit of detection, 0.03 %
(3e-4), which is the detection limit reported for one digital PCR assay for EGFR T790M in plasma
(wang2014quantification). The growth and decline rates are of the size measured for melanoma
lesions by bozic2013evolutionary (0.01 per day before treatment, shrinking at 0.03 per day on a
BRAF inhibitor) but are not fitted to any patient.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.optimize import brentq

from drugresist.models.checks import (
    ArrayLike,
    as_output,
    require_open_fraction,
    require_fraction,
    require_nonnegative,
    require_positive,
)

#: Illustrative defaults (see the module docstring).
RESISTANT_GROWTH_PER_DAY = 0.02
SENSITIVE_KILL_PER_DAY = 0.03
RESISTANT_FRACTION = 1e-3
TUMOUR_DNA_FRACTION = 0.1
ALLELE_SHARE = 0.5
#: Limit of detection of a digital PCR assay for EGFR T790M in plasma, about 0.03 %
#: (wang2014quantification).
LOD_FRACTION = 3e-4
PROGRESSION_BURDEN = 1.0

_MAX_DAYS = 1e7


# ----- parameter checks ------------------------------------------------------------------------
def _positive_fraction(name: str, value: float) -> float:
    """A fraction above 0 and at most 1."""
    v = float(require_fraction(name, value))
    if v <= 0.0:
        raise ValueError(f"{name} must be above 0 (and at most 1), got {value!r}")
    return v


def _rates(resistant_growth_per_day: float, sensitive_kill_per_day: float) -> tuple[float, float]:
    g = float(require_positive("resistant_growth_per_day", resistant_growth_per_day))
    d = float(require_nonnegative("sensitive_kill_per_day", sensitive_kill_per_day))
    return g, d


def background_from_tumour_fraction(tumour_dna_fraction: float) -> float:
    """Normal cell-free DNA, in units of the starting tumour burden: ``(1 - phi) / phi``.

    ``tumour_dna_fraction`` (``phi``) is the share of the plasma's cell-free DNA that comes from the
    tumour on day 0; 1 means no background at all.
    """
    phi = _positive_fraction("tumour_dna_fraction", tumour_dna_fraction)
    return (1.0 - phi) / phi


# ----- burdens ---------------------------------------------------------------------------------
def sensitive_burden(
    t_days: ArrayLike,
    sensitive_kill_per_day: float = SENSITIVE_KILL_PER_DAY,
    resistant_fraction: float = RESISTANT_FRACTION,
) -> float | np.ndarray:
    """Sensitive cells, ``(1 - f) exp(-d t)``, in units of the starting burden."""
    t = require_nonnegative("t_days", t_days)
    d = float(require_nonnegative("sensitive_kill_per_day", sensitive_kill_per_day))
    f = float(require_open_fraction("resistant_fraction", resistant_fraction))
    return as_output((1.0 - f) * np.exp(-d * t))


def resistant_burden(
    t_days: ArrayLike,
    resistant_growth_per_day: float = RESISTANT_GROWTH_PER_DAY,
    resistant_fraction: float = RESISTANT_FRACTION,
) -> float | np.ndarray:
    """Resistant cells, ``f exp(g t)``, in units of the starting burden."""
    t = require_nonnegative("t_days", t_days)
    g = float(require_positive("resistant_growth_per_day", resistant_growth_per_day))
    f = float(require_open_fraction("resistant_fraction", resistant_fraction))
    return as_output(f * np.exp(g * t))


def total_burden(
    t_days: ArrayLike,
    resistant_growth_per_day: float = RESISTANT_GROWTH_PER_DAY,
    sensitive_kill_per_day: float = SENSITIVE_KILL_PER_DAY,
    resistant_fraction: float = RESISTANT_FRACTION,
) -> float | np.ndarray:
    """Whole tumour, ``S(t) + R(t)``, in units of the starting burden."""
    s = sensitive_burden(t_days, sensitive_kill_per_day, resistant_fraction)
    r = resistant_burden(t_days, resistant_growth_per_day, resistant_fraction)
    return as_output(np.asarray(s) + np.asarray(r))


def clone_share(
    t_days: ArrayLike,
    resistant_growth_per_day: float = RESISTANT_GROWTH_PER_DAY,
    sensitive_kill_per_day: float = SENSITIVE_KILL_PER_DAY,
    resistant_fraction: float = RESISTANT_FRACTION,
) -> float | np.ndarray:
    """The resistant clone's share of the tumour, ``R / N = 1 / (1 + ((1-f)/f) exp(-(g+d) t))``."""
    t = require_nonnegative("t_days", t_days)
    g, d = _rates(resistant_growth_per_day, sensitive_kill_per_day)
    f = float(require_open_fraction("resistant_fraction", resistant_fraction))
    return as_output(1.0 / (1.0 + (1.0 - f) / f * np.exp(-(g + d) * t)))


def day_clone_reaches_share(
    share: float,
    resistant_growth_per_day: float = RESISTANT_GROWTH_PER_DAY,
    sensitive_kill_per_day: float = SENSITIVE_KILL_PER_DAY,
    resistant_fraction: float = RESISTANT_FRACTION,
) -> float:
    """Day on which ``R / N`` reaches ``share``: ``ln(share (1-f) / ((1-share) f)) / (g + d)``.

    Day 0 if the clone already holds that share at the start.
    """
    p = float(require_open_fraction("share", share))
    g, d = _rates(resistant_growth_per_day, sensitive_kill_per_day)
    f = float(require_open_fraction("resistant_fraction", resistant_fraction))
    return max(0.0, math.log(p * (1.0 - f) / ((1.0 - p) * f)) / (g + d))


# ----- plasma ----------------------------------------------------------------------------------
def mutant_allele_fraction(
    t_days: ArrayLike,
    resistant_growth_per_day: float = RESISTANT_GROWTH_PER_DAY,
    sensitive_kill_per_day: float = SENSITIVE_KILL_PER_DAY,
    resistant_fraction: float = RESISTANT_FRACTION,
    tumour_dna_fraction: float = TUMOUR_DNA_FRACTION,
    allele_share: float = ALLELE_SHARE,
) -> float | np.ndarray:
    """Plasma fraction of fragments at the locus carrying the resistance mutation, ``h R / (N + beta)``.

    Written as ``h / (1 + ((1-f)/f) e^{-(g+d)t} + (beta/f) e^{-gt})`` so that it cannot overflow.
    """
    t = require_nonnegative("t_days", t_days)
    g, d = _rates(resistant_growth_per_day, sensitive_kill_per_day)
    f = float(require_open_fraction("resistant_fraction", resistant_fraction))
    beta = background_from_tumour_fraction(tumour_dna_fraction)
    h = _positive_fraction("allele_share", allele_share)
    denominator = 1.0 + (1.0 - f) / f * np.exp(-(g + d) * t) + beta / f * np.exp(-g * t)
    return as_output(h / denominator)


def founder_allele_fraction(
    t_days: ArrayLike,
    resistant_growth_per_day: float = RESISTANT_GROWTH_PER_DAY,
    sensitive_kill_per_day: float = SENSITIVE_KILL_PER_DAY,
    resistant_fraction: float = RESISTANT_FRACTION,
    tumour_dna_fraction: float = TUMOUR_DNA_FRACTION,
    allele_share: float = ALLELE_SHARE,
) -> float | np.ndarray:
    """Plasma fraction for a founder mutation that every tumour cell carries, ``h N / (N + beta)``."""
    n = np.asarray(total_burden(t_days, resistant_growth_per_day, sensitive_kill_per_day, resistant_fraction))
    beta = background_from_tumour_fraction(tumour_dna_fraction)
    h = _positive_fraction("allele_share", allele_share)
    return as_output(h * n / (n + beta))


# ----- event days ------------------------------------------------------------------------------
def _bisect(increasing, low: float, high: float) -> float:
    """The day in [low, high] where the increasing function ``increasing`` reaches 0 (it is < 0 at
    ``low`` and >= 0 at ``high``): Brent's method, to 1e-12 relative."""
    return float(brentq(increasing, low, high, xtol=1e-12, rtol=1e-12))


def _upper_bracket(increasing, start: float) -> float:
    """A day at or after ``start`` where ``increasing`` is >= 0 (inf if none before _MAX_DAYS)."""
    high = max(start, 0.0) + 1.0
    while increasing(high) < 0.0:
        high = 2.0 * high
        if high > _MAX_DAYS:
            return math.inf
    return high


def nadir_day(
    resistant_growth_per_day: float = RESISTANT_GROWTH_PER_DAY,
    sensitive_kill_per_day: float = SENSITIVE_KILL_PER_DAY,
    resistant_fraction: float = RESISTANT_FRACTION,
) -> float:
    """Day of the smallest tumour burden: ``ln(d (1-f) / (g f)) / (g + d)``, or 0 if it never falls.

    ``dN/dt = -d S + g R`` is zero there; the burden falls at first only if ``d (1-f) > g f``.
    """
    g, d = _rates(resistant_growth_per_day, sensitive_kill_per_day)
    f = float(require_open_fraction("resistant_fraction", resistant_fraction))
    if d * (1.0 - f) <= g * f:
        return 0.0
    return math.log(d * (1.0 - f) / (g * f)) / (g + d)


def progression_day(
    resistant_growth_per_day: float = RESISTANT_GROWTH_PER_DAY,
    sensitive_kill_per_day: float = SENSITIVE_KILL_PER_DAY,
    resistant_fraction: float = RESISTANT_FRACTION,
    progression_burden: float = PROGRESSION_BURDEN,
) -> float:
    """First day at or after the nadir on which the burden reaches ``progression_burden``.

    ``progression_burden`` is a multiple of the starting burden (1: back to the size at the start).
    If the burden at the nadir is already at or above it, the nadir day is returned.
    """
    g, d = _rates(resistant_growth_per_day, sensitive_kill_per_day)
    f = float(require_open_fraction("resistant_fraction", resistant_fraction))
    theta = float(require_positive("progression_burden", progression_burden))
    log_s0, log_r0, log_theta = math.log(1.0 - f), math.log(f), math.log(theta)

    def excess(t: float) -> float:  # ln N(t) - ln theta, increasing after the nadir
        return float(np.logaddexp(log_s0 - d * t, log_r0 + g * t)) - log_theta

    start = nadir_day(g, d, f)
    if excess(start) >= 0.0:
        return start
    high = _upper_bracket(excess, start)
    return high if math.isinf(high) else _bisect(excess, start, high)


def detection_day(
    lod_fraction: float = LOD_FRACTION,
    resistant_growth_per_day: float = RESISTANT_GROWTH_PER_DAY,
    sensitive_kill_per_day: float = SENSITIVE_KILL_PER_DAY,
    resistant_fraction: float = RESISTANT_FRACTION,
    tumour_dna_fraction: float = TUMOUR_DNA_FRACTION,
    allele_share: float = ALLELE_SHARE,
) -> float:
    """First day on which the resistance mutation's plasma fraction reaches ``lod_fraction``.

    Day 0 if it is already detectable at the start; ``inf`` if ``lod_fraction >= allele_share``,
    the ceiling the fraction approaches when the resistant clone is the whole tumour.
    """
    lod = float(require_open_fraction("lod_fraction", lod_fraction))
    g, d = _rates(resistant_growth_per_day, sensitive_kill_per_day)
    f = float(require_open_fraction("resistant_fraction", resistant_fraction))
    beta = background_from_tumour_fraction(tumour_dna_fraction)
    h = _positive_fraction("allele_share", allele_share)
    if lod >= h:
        return math.inf

    def margin(t: float) -> float:  # increasing: h / m(t) falls towards 1
        denominator = 1.0 + (1.0 - f) / f * math.exp(-(g + d) * t) + beta / f * math.exp(-g * t)
        return math.log(h) - math.log(denominator) - math.log(lod)

    if margin(0.0) >= 0.0:
        return 0.0
    high = _upper_bracket(margin, 0.0)
    return high if math.isinf(high) else _bisect(margin, 0.0, high)


def lead_time_days(
    lod_fraction: float = LOD_FRACTION,
    resistant_growth_per_day: float = RESISTANT_GROWTH_PER_DAY,
    sensitive_kill_per_day: float = SENSITIVE_KILL_PER_DAY,
    resistant_fraction: float = RESISTANT_FRACTION,
    tumour_dna_fraction: float = TUMOUR_DNA_FRACTION,
    allele_share: float = ALLELE_SHARE,
    progression_burden: float = PROGRESSION_BURDEN,
) -> float:
    """Days by which the blood test precedes the scan: progression day minus detection day.

    Negative if the assay only sees the clone after the scan does; ``-inf`` if it never does.
    """
    detect = detection_day(lod_fraction, resistant_growth_per_day, sensitive_kill_per_day, resistant_fraction,
                           tumour_dna_fraction, allele_share)
    progress = progression_day(resistant_growth_per_day, sensitive_kill_per_day, resistant_fraction,
                               progression_burden)
    if math.isinf(detect):
        return -math.inf
    return progress - detect


def late_lead_time_days(
    lod_fraction: float = LOD_FRACTION,
    resistant_growth_per_day: float = RESISTANT_GROWTH_PER_DAY,
    tumour_dna_fraction: float = TUMOUR_DNA_FRACTION,
    allele_share: float = ALLELE_SHARE,
    progression_burden: float = PROGRESSION_BURDEN,
) -> float:
    """Closed-form lead time once the sensitive cells are gone: ``ln(theta h / (L beta)) / g``.

    Valid when, at both events, the sensitive cells are negligible beside the resistant ones and,
    at detection, the tumour's DNA is small beside the normal background (``N << beta``). Then
    detection comes at ``ln(L beta / (h f)) / g`` and progression at ``ln(theta / f) / g``, and ``f``
    cancels.
    """
    lod = float(require_open_fraction("lod_fraction", lod_fraction))
    g = float(require_positive("resistant_growth_per_day", resistant_growth_per_day))
    phi = float(require_open_fraction("tumour_dna_fraction", tumour_dna_fraction))
    beta = (1.0 - phi) / phi
    h = _positive_fraction("allele_share", allele_share)
    theta = float(require_positive("progression_burden", progression_burden))
    return math.log(theta * h / (lod * beta)) / g


def next_visit_day(event_day: float, interval_days: float) -> float:
    """The first scheduled visit (day 0, ``interval``, ``2 interval``, ...) at or after ``event_day``.

    A change is only seen when someone looks: blood draws and scans are taken at intervals.
    """
    interval = float(require_positive("interval_days", interval_days))
    if isinstance(event_day, (int, float)) and event_day == math.inf:
        return math.inf                      # an event that never happens is never seen
    event = float(require_nonnegative("event_day", event_day))
    visits = math.ceil(event / interval - 1e-12)
    return visits * interval


def monitoring_curves(
    t_days: ArrayLike,
    resistant_growth_per_day: float = RESISTANT_GROWTH_PER_DAY,
    sensitive_kill_per_day: float = SENSITIVE_KILL_PER_DAY,
    resistant_fraction: float = RESISTANT_FRACTION,
    tumour_dna_fraction: float = TUMOUR_DNA_FRACTION,
    allele_share: float = ALLELE_SHARE,
) -> dict[str, np.ndarray]:
    """Everything the figure draws, on the days ``t_days``: burdens and plasma fractions."""
    t = np.atleast_1d(require_nonnegative("t_days", t_days))
    args = (resistant_growth_per_day, sensitive_kill_per_day, resistant_fraction)
    plasma = (*args, tumour_dna_fraction, allele_share)
    return {
        "days": t,
        "sensitive": np.atleast_1d(sensitive_burden(t, sensitive_kill_per_day, resistant_fraction)),
        "resistant": np.atleast_1d(resistant_burden(t, resistant_growth_per_day, resistant_fraction)),
        "total": np.atleast_1d(total_burden(t, *args)),
        "resistance_maf": np.atleast_1d(mutant_allele_fraction(t, *plasma)),
        "founder_maf": np.atleast_1d(founder_allele_fraction(t, *plasma)),
    }
