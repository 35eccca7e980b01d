"""Immune escape: a rare antigen-negative clone under T-cell killing, its relapse time, and a second target.

The model
---------
A tumour of ``n0`` cells holds a majority of cells that T cells can see (antigen-positive, ``P``)
and a rare clone that they cannot (``N``: cells that have lost the target antigen, as in
CD19-negative relapse after CAR-T cells, or lost antigen presentation, as with *B2M* loss), a
fraction ``f`` of the tumour at the start. Both kinds of cell grow at the same net rate ``r``
when nobody kills them. Immunotherapy adds T cells that kill every cell they can see at a
constant rate ``k`` (the *constant-effector limit*: the T-cell response is assumed to be already
expanded and to persist at full strength). The escape clone may still be killed at a lower rate
``k_N`` (0 for complete antigen loss; between 0 and ``k`` for a clone that is only partly hidden,
for instance one that no longer responds to interferon-gamma):

    dP/dt = (r - k) P,        dN/dt = (r - k_N) N,

so, exactly,

    P(t) = (1 - f) n0 exp((r - k) t),     N(t) = f n0 exp((r - k_N) t).

With ``k > r`` the visible cells decay exponentially and the invisible clone grows exponentially.
The tumour shrinks to a nadir and then regrows, and the regrown tumour is made of the escape
clone. The *relapse time* here is the day the whole tumour is back to its starting size. For
strong killing the visible cells are negligible by then, and the relapse time tends to the time
the clone alone needs to reach the starting size,

    t_clone = ln(1 / f) / (r - k_N),

which does not depend on ``k`` at all: stronger killing deepens the response but does not delay
an antigen-negative relapse. The exact relapse time of the whole tumour is a little shorter and
is found numerically (bisection; the total is a sum of two exponentials, so it crosses its
starting size once after the nadir).

A second target (a CAR that recognises two antigens, or two therapies aimed at two different
antigens) can only be escaped by a cell negative for both. If the two losses arise
independently, the double-negative fraction is ``f1 * f2``, and in the strong-killing limit the
relapse times add: ``ln(1/(f1 f2))/r = ln(1/f1)/r + ln(1/f2)/r``. The independence assumption is
the same one the combination-therapy chapter makes for two drugs (Goldie and Coldman).

Units: time in days, rates per day, cells in cells, fractions dimensionless. Every numerical value
used with this model in the course is **illustrative**, chosen to show the behaviour, not measured
in a patient. The ideas it encodes (selection of antigen-negative or antigen-presentation-deficient
clones under T-cell pressure) follow sotillo2015convergence, orlando2018genetic,
zaretsky2016mutations and sadefeldman2017resistance.
"""

from __future__ import annotations

import math

import numpy as np

from drugresist.models.kinetics import invert_increasing
from drugresist.models.checks import (
    ArrayLike,
    as_output,
    require_nonnegative,
    require_open_fraction,
    require_positive,
)

#: Bisection steps for the exact relapse time (relative precision far below a day).
_BISECTION_STEPS = 200


def visible_cells(time_days: ArrayLike, initial_cells: float, negative_fraction: float,
                  growth_per_day: float, kill_per_day: float) -> float | np.ndarray:
    """Antigen-positive (visible) cells at ``time_days``: ``(1 - f) n0 exp((r - k) t)``, in cells.

    ``initial_cells`` n0 (cells, > 0), ``negative_fraction`` f (strictly between 0 and 1),
    ``growth_per_day`` r (> 0) and ``kill_per_day`` k (>= 0), both per day; time in days (>= 0).
    """
    t = require_nonnegative("time_days", time_days)
    n0 = float(require_positive("initial_cells", initial_cells))
    f = float(require_open_fraction("negative_fraction", negative_fraction))
    r = float(require_positive("growth_per_day", growth_per_day))
    k = float(require_nonnegative("kill_per_day", kill_per_day))
    return as_output((1.0 - f) * n0 * np.exp((r - k) * t))


def escape_cells(time_days: ArrayLike, initial_cells: float, negative_fraction: float,
                 growth_per_day: float, clone_kill_per_day: float = 0.0) -> float | np.ndarray:
    """Escape-clone cells at ``time_days``: ``f n0 exp((r - k_N) t)``, in cells.

    ``clone_kill_per_day`` k_N (per day, >= 0) is the killing the clone still suffers: 0 for a
    clone that has lost the antigen completely. Other units as in :func:`visible_cells`.
    """
    t = require_nonnegative("time_days", time_days)
    n0 = float(require_positive("initial_cells", initial_cells))
    f = float(require_open_fraction("negative_fraction", negative_fraction))
    r = float(require_positive("growth_per_day", growth_per_day))
    k_n = float(require_nonnegative("clone_kill_per_day", clone_kill_per_day))
    return as_output(f * n0 * np.exp((r - k_n) * t))


def tumour_cells(time_days: ArrayLike, initial_cells: float, negative_fraction: float,
                 growth_per_day: float, kill_per_day: float,
                 clone_kill_per_day: float = 0.0) -> float | np.ndarray:
    """All tumour cells (visible plus escape clone) at ``time_days``, in cells."""
    _require_clone_kill_at_most_kill(kill_per_day, clone_kill_per_day)
    return as_output(
        np.asarray(visible_cells(time_days, initial_cells, negative_fraction, growth_per_day, kill_per_day))
        + np.asarray(escape_cells(time_days, initial_cells, negative_fraction, growth_per_day, clone_kill_per_day))
    )


def clone_relapse_time_days(negative_fraction: float, growth_per_day: float,
                            clone_kill_per_day: float = 0.0) -> float:
    """Days for the escape clone alone to reach the tumour's starting size: ``ln(1/f) / (r - k_N)``.

    The strong-killing limit of the relapse time; it does not depend on the kill rate of the
    visible cells. ``inf`` if the clone does not grow (``k_N >= r``). Rates per day.
    """
    f = float(require_open_fraction("negative_fraction", negative_fraction))
    r = float(require_positive("growth_per_day", growth_per_day))
    k_n = float(require_nonnegative("clone_kill_per_day", clone_kill_per_day))
    net = r - k_n
    return math.inf if net <= 0 else math.log(1.0 / f) / net


def nadir_day(negative_fraction: float, growth_per_day: float, kill_per_day: float,
              clone_kill_per_day: float = 0.0) -> float:
    """Day on which the tumour is smallest, in days (0 if it never shrinks; ``inf`` if it never regrows).

    Setting the derivative of ``(1-f) exp((r-k) t) + f exp((r-k_N) t)`` to zero gives
    ``t* = ln((1-f)(k-r) / (f (r-k_N))) / (k - k_N)`` when ``k > r > k_N``.
    """
    f = float(require_open_fraction("negative_fraction", negative_fraction))
    r = float(require_positive("growth_per_day", growth_per_day))
    k = float(require_nonnegative("kill_per_day", kill_per_day))
    k_n = _require_clone_kill_at_most_kill(k, clone_kill_per_day)
    slope_at_start = (1.0 - f) * (r - k) + f * (r - k_n)
    if slope_at_start >= 0:
        return 0.0
    if r - k_n <= 0:
        return math.inf
    return math.log((1.0 - f) * (k - r) / (f * (r - k_n))) / (k - k_n)


def relapse_time_days(negative_fraction: float, growth_per_day: float, kill_per_day: float,
                      clone_kill_per_day: float = 0.0) -> float:
    """Day on which the whole tumour is back to its starting size after shrinking, in days.

    0 if the tumour never shrinks (killing too weak for the visible cells); ``inf`` if it never
    regrows (the clone does not grow either). Otherwise the root after the nadir of
    ``(1-f) exp((r-k) t) + f exp((r-k_N) t) = 1``, found by bisection; it lies between the
    nadir and :func:`clone_relapse_time_days`.
    """
    f = float(require_open_fraction("negative_fraction", negative_fraction))
    r = float(require_positive("growth_per_day", growth_per_day))
    k = float(require_nonnegative("kill_per_day", kill_per_day))
    k_n = _require_clone_kill_at_most_kill(k, clone_kill_per_day)
    low = nadir_day(f, r, k, k_n)
    if low == 0.0 or math.isinf(low):
        return low
    high = clone_relapse_time_days(f, r, k_n)

    def excess(t):  # total / starting size - 1, increasing after the nadir
        return (1.0 - f) * np.exp((r - k) * t) + f * np.exp((r - k_n) * t) - 1.0

    return float(invert_increasing(excess, 0.0, low, high, iterations=_BISECTION_STEPS))


def fold_reduction_at_nadir(negative_fraction: float, growth_per_day: float, kill_per_day: float,
                            clone_kill_per_day: float = 0.0) -> float:
    """How many times smaller the tumour is at its nadir than at the start (dimensionless, >= 1)."""
    t = nadir_day(negative_fraction, growth_per_day, kill_per_day, clone_kill_per_day)
    if math.isinf(t):
        return math.inf
    total = tumour_cells(t, 1.0, negative_fraction, growth_per_day, kill_per_day, clone_kill_per_day)
    return 1.0 / float(total)


def escape_share(time_days: ArrayLike, negative_fraction: float, growth_per_day: float,
                 kill_per_day: float, clone_kill_per_day: float = 0.0) -> float | np.ndarray:
    """Fraction (0 to 1) of the tumour made of the escape clone at ``time_days``.

    ``f e^{(r-k_N)t} / ((1-f) e^{(r-k)t} + f e^{(r-k_N)t})``; it rises from f towards 1 when
    the clone is killed less than the visible cells.
    """
    clone = np.asarray(escape_cells(time_days, 1.0, negative_fraction, growth_per_day, clone_kill_per_day))
    total = np.asarray(tumour_cells(time_days, 1.0, negative_fraction, growth_per_day, kill_per_day,
                                    clone_kill_per_day))
    return as_output(clone / total)


def dual_target_negative_fraction(first_negative_fraction: ArrayLike,
                                  second_negative_fraction: ArrayLike) -> float | np.ndarray:
    """Fraction of cells negative for both of two targets, if the two losses are independent: ``f1 * f2``.

    Cells that keep either antigen are still seen; only double-negative cells escape a CAR (or a
    pair of therapies) aimed at both. Dimensionless fractions strictly between 0 and 1.
    """
    f1 = require_open_fraction("first_negative_fraction", first_negative_fraction)
    f2 = require_open_fraction("second_negative_fraction", second_negative_fraction)
    return as_output(f1 * f2)


def doubling_time_days(growth_per_day: float) -> float:
    """Days for a population growing at ``growth_per_day`` (per day, > 0) to double: ``ln 2 / r``."""
    r = float(require_positive("growth_per_day", growth_per_day))
    return math.log(2.0) / r


def _require_clone_kill_at_most_kill(kill_per_day: float, clone_kill_per_day: float) -> float:
    """The escape clone is, by definition, killed no faster than the visible cells."""
    k = float(require_nonnegative("kill_per_day", kill_per_day))
    k_n = float(require_nonnegative("clone_kill_per_day", clone_kill_per_day))
    if k_n > k:
        raise ValueError(
            f"clone_kill_per_day must not exceed kill_per_day ({k_n!r} > {k!r}): the escape clone "
            "is the one the T cells see less well"
        )
    return k_n
