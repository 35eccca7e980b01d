"""Two interconverting cell states under a drug: sensitive cells and reversibly drug-tolerant cells.

The model
---------
Two populations of tumour cells of one genotype, counted in cells:

* ``S``, drug-sensitive cells, which grow at ``g_S`` per day and, while the drug is given, are
  killed at ``k`` per day;
* ``T``, drug-tolerant (persister-like) cells, which grow slowly at ``g_T`` per day and are not
  killed by the drug.

No mutation is involved: cells switch state. A sensitive cell becomes tolerant at rate ``a`` per
day and a tolerant cell becomes sensitive again at rate ``b`` per day. Both switching rates
depend on the drug: the drug pushes cells into the tolerant state (``a`` larger on drug) and holds
them there (``b`` smaller on drug); off drug, tolerant cells relax back (``b`` larger). With
``x = (S, T)``

    dS/dt = (g_S - k - a) S + b T
    dT/dt = a S + (g_T - b) T

with ``k = 0`` and the off-drug switching rates when no drug is given. The system is linear with
constant coefficients on each interval of constant treatment, so it is solved exactly,
``x(t) = exp(A t) x(0)``, with the closed-form exponential of a 2 x 2 matrix.

The matrix ``A`` has non-negative off-diagonal entries, so its eigenvalues are real:

    lambda_+- = (tr A +- sqrt((A_11 - A_22)^2 + 4 a b)) / 2.

The larger one, ``lambda_+``, is the long-run growth rate of the whole population; in its
eigenvector the tolerant share is ``(lambda_+ - A_11) / (b + lambda_+ - A_11)`` (the *steady*
tolerant share). On drug, the smaller eigenvalue (close to ``A_11 = g_S - k - a``) sets how fast the
sensitive bulk is cleared; the larger one (close to ``A_22 = g_T - b``) is the slope of the tolerant
plateau.

Units: time in days, rates per day, cell numbers in cells. Every parameter value used with this
model in the course is **illustrative**, chosen to show the behaviour and not measured in any
tumour. The idea it encodes, a small subpopulation that survives a drug in a reversible tolerant
state and recovers sensitivity after a drug-free interval, is that of sharma2010chromatin; the
description of cell-state proportions by rates of transition between states is that of
gupta2011stochastic.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from scipy.linalg import expm

from drugresist.models.checks import (
    require_fraction,
    require_nonnegative,
    require_positive,
)


@dataclass(frozen=True)
class StateSwitching:
    """Rates (per day) of the two-state model. All defaults are illustrative.

    ``sensitive_growth_per_day``: net growth of sensitive cells without drug (``g_S``).
    ``tolerant_growth_per_day``: net growth of tolerant cells, with or without drug (``g_T``).
    ``kill_per_day``: extra death rate of sensitive cells while the drug is given (``k``, >= 0).
    ``to_tolerant_on_drug_per_day`` / ``to_tolerant_off_drug_per_day``: switching S -> T (``a``).
    ``to_sensitive_on_drug_per_day`` / ``to_sensitive_off_drug_per_day``: switching T -> S (``b``).

    Growth rates may be negative (a shrinking population) but must be finite; switching and kill
    rates must be zero or positive.
    """

    sensitive_growth_per_day: float = 0.03
    tolerant_growth_per_day: float = 0.008
    kill_per_day: float = 0.3
    to_tolerant_on_drug_per_day: float = 0.004
    to_tolerant_off_drug_per_day: float = 0.0002
    to_sensitive_on_drug_per_day: float = 0.001
    to_sensitive_off_drug_per_day: float = 0.05

    def __post_init__(self) -> None:
        for name in ("sensitive_growth_per_day", "tolerant_growth_per_day"):
            value = getattr(self, name)
            if not (isinstance(value, (int, float, np.floating, np.integer)) and math.isfinite(float(value))):
                raise ValueError(f"{name} must be a finite number, got {value!r}")
        require_nonnegative("kill_per_day", self.kill_per_day)
        require_nonnegative("to_tolerant_on_drug_per_day", self.to_tolerant_on_drug_per_day)
        require_nonnegative("to_tolerant_off_drug_per_day", self.to_tolerant_off_drug_per_day)
        require_nonnegative("to_sensitive_on_drug_per_day", self.to_sensitive_on_drug_per_day)
        require_nonnegative("to_sensitive_off_drug_per_day", self.to_sensitive_off_drug_per_day)

    def switching(self, on_drug: bool) -> tuple[float, float]:
        """``(a, b)``: the rates S -> T and T -> S (per day) on or off drug."""
        if on_drug:
            return float(self.to_tolerant_on_drug_per_day), float(self.to_sensitive_on_drug_per_day)
        return float(self.to_tolerant_off_drug_per_day), float(self.to_sensitive_off_drug_per_day)


def rate_matrix(model: StateSwitching, on_drug: bool) -> np.ndarray:
    """The 2 x 2 matrix ``A`` of ``dx/dt = A x`` for ``x = (S, T)`` (per day)."""
    a, b = model.switching(on_drug)
    kill = float(model.kill_per_day) if on_drug else 0.0
    return np.array(
        [
            [model.sensitive_growth_per_day - kill - a, b],
            [a, model.tolerant_growth_per_day - b],
        ],
        dtype=float,
    )


def eigenvalues_per_day(model: StateSwitching, on_drug: bool) -> tuple[float, float]:
    """The two eigenvalues ``(lambda_minus, lambda_plus)`` of the rate matrix, smaller first (per day).

    ``lambda_plus`` is the long-run growth rate of the population; on drug it is the slope of the
    tolerant plateau, and ``lambda_minus`` is the rate at which the sensitive bulk is cleared.
    """
    return _eigenvalues(rate_matrix(model, on_drug))


def _eigenvalues(matrix: np.ndarray) -> tuple[float, float]:
    a11, a12, a21, a22 = matrix[0, 0], matrix[0, 1], matrix[1, 0], matrix[1, 1]
    half_trace = 0.5 * (a11 + a22)
    radius = 0.5 * math.sqrt((a11 - a22) ** 2 + 4.0 * a12 * a21)
    return half_trace - radius, half_trace + radius


def steady_tolerant_fraction(model: StateSwitching, on_drug: bool) -> float:
    """Share of tolerant cells in the population's long-run composition (the dominant eigenvector).

    With no growth or kill (all growth rates equal), this reduces to ``a / (a + b)``. If no cell
    ever switches (``a = b = 0``) the composition is that of the faster-growing state.
    """
    matrix = rate_matrix(model, on_drug)
    a11, a12, a21, a22 = matrix[0, 0], matrix[0, 1], matrix[1, 0], matrix[1, 1]
    _, lam = _eigenvalues(matrix)
    if a12 == 0.0 and a21 == 0.0:
        return 1.0 if a22 > a11 else 0.0
    if a12 > 0.0:
        # eigenvector (a12, lam - a11)
        s, t = a12, lam - a11
    else:
        # b = 0: eigenvector (lam - a22, a21)
        s, t = lam - a22, a21
    return float(t / (s + t)) if (s + t) != 0 else 0.0


def propagate(matrix: np.ndarray, state: np.ndarray, days: float) -> np.ndarray:
    """``exp(A t) x`` (``t`` in days)."""
    t = float(require_nonnegative("days", days))
    return expm(np.asarray(matrix, dtype=float) * t) @ np.asarray(state, dtype=float)


def _propagate_many(matrix: np.ndarray, state: np.ndarray, days: np.ndarray) -> np.ndarray:
    """``exp(A t) x`` for each ``t`` in ``days`` (vectorised form of :func:`propagate`); shape (n, 2)."""
    lam_minus, lam_plus = _eigenvalues(matrix)
    gap = lam_plus - lam_minus
    x = np.asarray(state, dtype=float)
    ax = matrix @ x
    t = np.asarray(days, dtype=float)[:, None]
    if gap * float(np.max(t)) > 1e-9:
        e_plus, e_minus = np.exp(lam_plus * t), np.exp(lam_minus * t)
        return ((lam_plus * e_minus - lam_minus * e_plus) * x + (e_plus - e_minus) * ax) / gap
    lam = 0.5 * (lam_plus + lam_minus)
    return np.exp(lam * t) * (x + (ax - lam * x) * t)


@dataclass(frozen=True)
class SwitchingRun:
    """One simulated course: times (days), sensitive and tolerant cells, and whether the drug was on."""

    times_days: np.ndarray
    sensitive: np.ndarray
    tolerant: np.ndarray
    on_drug: np.ndarray  # bool per time point: drug given over the interval that ends there

    @property
    def total(self) -> np.ndarray:
        return self.sensitive + self.tolerant

    @property
    def tolerant_fraction(self) -> np.ndarray:
        total = self.total
        return np.where(total > 0, self.tolerant / np.where(total > 0, total, 1.0), 0.0)


Schedule = Sequence[tuple[float, bool]]


def holiday_schedule(first_course_days: float, holiday_days: float, total_days: float) -> list[tuple[float, bool]]:
    """Drug for ``first_course_days``, none for ``holiday_days``, then drug again until ``total_days``.

    Returns ``[(duration_days, on_drug), ...]`` with zero-length pieces left out. A holiday of 0
    days is continuous treatment.
    """
    first = float(require_nonnegative("first_course_days", first_course_days))
    holiday = float(require_nonnegative("holiday_days", holiday_days))
    total = float(require_positive("total_days", total_days))
    if first + holiday > total:
        raise ValueError(
            f"first_course_days + holiday_days must not exceed total_days, got {first:g} + {holiday:g} > {total:g}"
        )
    pieces = [(first, True), (holiday, False), (total - first - holiday, True)]
    return [(d, on) for d, on in pieces if d > 0]


def initial_state(model: StateSwitching, initial_cells: float = 1e9,
                  tolerant_fraction: float | None = None) -> np.ndarray:
    """``(S, T)`` at day 0. By default the untreated tumour's steady tolerant share is used."""
    cells = float(require_positive("initial_cells", initial_cells))
    share = steady_tolerant_fraction(model, on_drug=False) if tolerant_fraction is None else float(
        require_fraction("tolerant_fraction", tolerant_fraction))
    return np.array([cells * (1.0 - share), cells * share])


def simulate(model: StateSwitching, schedule: Schedule, initial_cells: float = 1e9,
             tolerant_fraction: float | None = None, step_days: float = 1.0) -> SwitchingRun:
    """Follow the two states through a schedule of ``(duration_days, on_drug)`` pieces.

    Values are reported every ``step_days`` and at the end of each piece. Exact on every interval.
    """
    step = float(require_positive("step_days", step_days))
    if not schedule:
        raise ValueError("schedule must contain at least one (duration_days, on_drug) piece")
    state = initial_state(model, initial_cells, tolerant_fraction)
    times, sens, tol, drug = [0.0], [state[0]], [state[1]], [bool(schedule[0][1])]
    now = 0.0
    for duration, on in schedule:
        duration = float(require_nonnegative("duration_days", duration))
        matrix = rate_matrix(model, bool(on))
        n = max(1, int(math.ceil(duration / step - 1e-9)))
        offsets = np.minimum(np.arange(1, n + 1) * step, duration)
        states = _propagate_many(matrix, state, offsets)
        times.extend(now + offsets)
        sens.extend(states[:, 0])
        tol.extend(states[:, 1])
        drug.extend([bool(on)] * n)
        state = states[-1].copy()
        start = now
        now = start + duration
    return SwitchingRun(np.array(times), np.array(sens), np.array(tol), np.array(drug))


def fold_reduction_at_nadir(run: SwitchingRun) -> float:
    """Starting size divided by the smallest size reached (1 if the tumour never shrinks)."""
    return float(run.total[0] / np.min(run.total))


def days_to_regrow(run: SwitchingRun) -> float:
    """First day after the nadir on which the tumour is back to its starting size; ``inf`` if never."""
    nadir = int(np.argmin(run.total))
    back = np.nonzero(run.total[nadir:] >= run.total[0])[0]
    return float(run.times_days[nadir + back[0]]) if back.size else math.inf


def clearance_days(fold: float, rate_per_day: float) -> float:
    """Days for a population shrinking at ``rate_per_day`` (< 0) to fall ``fold``-fold: ln(fold)/|rate|."""
    f = float(require_positive("fold", fold))
    if f < 1:
        raise ValueError(f"fold must be at least 1, got {fold!r}")
    rate = float(rate_per_day)
    if not rate < 0:
        raise ValueError(f"rate_per_day must be negative (a shrinking population), got {rate_per_day!r}")
    return math.log(f) / -rate


def tolerance_half_life_days(model: StateSwitching) -> float:
    """Off drug, ignoring growth differences: days for an excess of tolerant cells to halve, ln 2/(a + b).

    This is exact when both states grow at the same rate, and a guide otherwise.
    """
    a, b = model.switching(on_drug=False)
    if a + b <= 0:
        raise ValueError("to_tolerant_off_drug_per_day + to_sensitive_off_drug_per_day must be positive")
    return math.log(2.0) / (a + b)


def _one_state_model(sensitive_growth_per_day: float, tolerant_growth_per_day: float, kill_per_day: float,
                     to_tolerant_per_day: float, to_sensitive_per_day: float) -> StateSwitching:
    """A model whose on-drug rates are the given ones (the off-drug rates are not used)."""
    return StateSwitching(
        sensitive_growth_per_day=sensitive_growth_per_day, tolerant_growth_per_day=tolerant_growth_per_day,
        kill_per_day=kill_per_day, to_tolerant_on_drug_per_day=to_tolerant_per_day,
        to_sensitive_on_drug_per_day=to_sensitive_per_day,
    )


def clearance_rate_per_day(sensitive_growth_per_day: float, tolerant_growth_per_day: float, kill_per_day: float,
                           to_tolerant_per_day: float, to_sensitive_per_day: float) -> float:
    """The smaller eigenvalue ``lambda_-`` (per day) of the rate matrix with these rates, one number.

    The same as ``eigenvalues_per_day(model, on_drug=True)[0]`` for a model with these on-drug rates;
    written with plain numbers so that a quiz question can call it (a kill rate of 0 gives the
    off-drug matrix).
    """
    model = _one_state_model(sensitive_growth_per_day, tolerant_growth_per_day, kill_per_day,
                             to_tolerant_per_day, to_sensitive_per_day)
    return eigenvalues_per_day(model, on_drug=True)[0]


def plateau_rate_per_day(sensitive_growth_per_day: float, tolerant_growth_per_day: float, kill_per_day: float,
                         to_tolerant_per_day: float, to_sensitive_per_day: float) -> float:
    """The larger eigenvalue ``lambda_+`` (per day) of the rate matrix with these rates, one number.

    On drug it is the slope of the tolerant plateau; see :func:`clearance_rate_per_day`.
    """
    model = _one_state_model(sensitive_growth_per_day, tolerant_growth_per_day, kill_per_day,
                             to_tolerant_per_day, to_sensitive_per_day)
    return eigenvalues_per_day(model, on_drug=True)[1]


def steady_tolerant_share(sensitive_growth_per_day: float, tolerant_growth_per_day: float, kill_per_day: float,
                          to_tolerant_per_day: float, to_sensitive_per_day: float) -> float:
    """Steady tolerant share (0 to 1) with these rates, one number; ``a/(a+b)`` when growth rates are equal.

    The same as ``steady_tolerant_fraction(model, on_drug=True)`` for a model with these on-drug rates.
    """
    model = _one_state_model(sensitive_growth_per_day, tolerant_growth_per_day, kill_per_day,
                             to_tolerant_per_day, to_sensitive_per_day)
    return steady_tolerant_fraction(model, on_drug=True)
