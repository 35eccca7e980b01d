"""Reading a trial: survival curves under proportional hazards and exponential survival.

Randomised trials of next-generation drugs report their result as two medians (median
progression-free survival, PFS, in each arm) and a hazard ratio (HR). This module turns those
numbers into approximate survival curves so that a reader can see what they mean, and compares
the HR implied by the medians with the HR the trial reports.

The model rests on two assumptions, and both are simplifications:

* **exponential survival**: the hazard (the rate at which patients who are still progression-free
  progress, per month) is constant in time, so the fraction still progression-free after ``t``
  months is ``S(t) = exp(-lam * t)`` with ``lam = ln 2 / median``;
* **proportional hazards**: the experimental arm's hazard is the control arm's hazard multiplied by
  a constant hazard ratio ``HR``, so ``S_exp(t) = S_ctrl(t) ** HR`` at every time ``t``.

Under both, the experimental median is ``control median / HR`` and the HR implied by two medians
is ``median_control / median_experimental``. Real Kaplan-Meier curves are not exponential (they
often have a plateau or a long tail), so every curve built here is an **approximation** for
teaching, not a reconstruction of a trial's data. The relation ``S_exp = S_ctrl ** HR`` needs only
proportional hazards, not exponential survival, which :func:`hazard_ratio_from_fractions` uses.

Units: times and medians in months; hazards in events per month; hazard ratios and fractions are
dimensionless. Functions accept numbers or numpy arrays and broadcast. No parameter in this module
is taken from a paper; trial numbers used with it live in ``drugresist.figures.next_generation_drugs``
with their citations.
"""

from __future__ import annotations

import math

import numpy as np

from drugresist.models.checks import (
    ArrayLike,
    as_output,
    require_fraction,
    require_integer,
    require_nonnegative,
    require_positive,
)

LN2 = math.log(2.0)


def hazard_from_median(median_months: ArrayLike) -> float | np.ndarray:
    """Constant hazard (events per month) of an exponential curve with this median (months).

    ``lam = ln 2 / median``: half the patients have progressed by the median, and
    ``exp(-lam * median) = 1/2``.
    """
    median = require_positive("median_months", median_months)
    return as_output(LN2 / median)


def fraction_progression_free(
    t_months: ArrayLike, median_months: ArrayLike, hazard_ratio: ArrayLike = 1.0
) -> float | np.ndarray:
    """Fraction (0 to 1) still progression-free at ``t_months`` under exponential survival.

    ``median_months`` is the median of the reference (control) curve; ``hazard_ratio`` multiplies
    its hazard (1 gives the control curve itself, below 1 a slower-falling experimental curve):
    ``S(t) = exp(-HR * ln2 / median * t) = S_control(t) ** HR``.

    Parameters
    ----------
    t_months : time since randomisation (months), >= 0.
    median_months : median of the control curve (months), > 0.
    hazard_ratio : experimental hazard / control hazard (dimensionless), > 0.
    """
    t = require_nonnegative("t_months", t_months)
    median = require_positive("median_months", median_months)
    hr = require_positive("hazard_ratio", hazard_ratio)
    return as_output(np.exp(-hr * LN2 / median * t))


def experimental_median(control_median_months: ArrayLike, hazard_ratio: ArrayLike) -> float | np.ndarray:
    """Median (months) of the experimental arm implied by a control median and a hazard ratio.

    Under exponential survival and proportional hazards the experimental hazard is
    ``HR * ln2 / m_control``, so its median is ``m_control / HR``.
    """
    median = require_positive("control_median_months", control_median_months)
    hr = require_positive("hazard_ratio", hazard_ratio)
    return as_output(median / hr)


def implied_hazard_ratio(
    control_median_months: ArrayLike, experimental_median_months: ArrayLike
) -> float | np.ndarray:
    """Hazard ratio implied by two medians if both curves were exponential (dimensionless).

    ``(ln2 / m_experimental) / (ln2 / m_control) = m_control / m_experimental``. Compare it with
    the hazard ratio a trial reports (estimated from all events, usually with a Cox model): the two
    differ when the real curves are not exponential.
    """
    control = require_positive("control_median_months", control_median_months)
    experimental = require_positive("experimental_median_months", experimental_median_months)
    return as_output(control / experimental)


def hazard_ratio_from_fractions(
    experimental_fraction: ArrayLike, control_fraction: ArrayLike
) -> float | np.ndarray:
    """Hazard ratio implied by the fractions progression-free in two arms at the same time point.

    Under proportional hazards alone (no exponential assumption), ``S_exp(t) = S_ctrl(t) ** HR`` at
    every ``t``, so ``HR = ln S_exp(t) / ln S_ctrl(t)``. Both fractions must lie strictly between
    0 and 1.
    """
    experimental = require_fraction("experimental_fraction", experimental_fraction)
    control = require_fraction("control_fraction", control_fraction)
    for name, value in (("experimental_fraction", experimental), ("control_fraction", control)):
        if np.any((value <= 0) | (value >= 1)):
            raise ValueError(f"{name} must be strictly between 0 and 1, got {value!r}")
    return as_output(np.log(experimental) / np.log(control))


def median_from_fraction(t_months: ArrayLike, fraction: ArrayLike) -> float | np.ndarray:
    """Median (months) of the exponential curve that passes through ``fraction`` at ``t_months``.

    From ``fraction = exp(-ln2 * t / median)``: ``median = ln2 * t / (-ln fraction)``. ``t_months``
    must be > 0 and ``fraction`` strictly between 0 and 1.
    """
    t = require_positive("t_months", t_months)
    s = require_fraction("fraction", fraction)
    if np.any((s <= 0) | (s >= 1)):
        raise ValueError(f"fraction must be strictly between 0 and 1, got {fraction!r}")
    return as_output(LN2 * t / -np.log(s))


def approximate_curve(
    median_months: float, t_max_months: float | None = None, n_points: int = 241, hazard_ratio: float = 1.0
) -> tuple[np.ndarray, np.ndarray]:
    """An APPROXIMATE survival curve reconstructed from a median alone (months).

    This assumes exponential survival (constant hazard), which real curves do not follow: it
    reproduces the median exactly and nothing else about the trial. Returns ``(t_months, fraction)``
    arrays of ``n_points`` points from 0 to ``t_max_months`` (default: four experimental medians).
    ``hazard_ratio`` scales the hazard of the curve whose median is given (1: that curve itself).
    """
    median = float(require_positive("median_months", median_months))
    hr = float(require_positive("hazard_ratio", hazard_ratio))
    n = require_integer("n_points", n_points, minimum=2)
    if t_max_months is None:
        t_max = 4.0 * median / hr
    else:
        t_max = float(require_positive("t_max_months", t_max_months))
    t = np.linspace(0.0, t_max, n)
    return t, np.exp(-hr * LN2 / median * t)
