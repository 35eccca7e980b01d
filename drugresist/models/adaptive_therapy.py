"""Competition between drug-sensitive and drug-resistant cells under continuous or adaptive dosing.

The model
---------
Two populations share one carrying capacity ``K`` (Lotka-Volterra competition). Sensitive cells
``S`` grow at rate ``r_S`` and are killed by the drug at rate ``kill * dose`` (``dose`` is 0 or 1);
resistant cells ``R`` grow at rate ``r_R`` and are not killed:

    dS/dt = r_S S (1 - (S + c_SR R) / K) - kill * dose(t) * S
    dR/dt = r_R R (1 - (R + c_RS S) / K)

``c_RS`` is how strongly sensitive cells suppress resistant ones (competition felt by ``R`` from
``S``), ``c_SR`` the reverse. A resistant cell that grows more slowly than a sensitive one
(``r_R < r_S``) pays a *cost of resistance*.

Schedules: *continuous* gives the drug all the time; *adaptive* gives it until the total burden
``S + R`` falls to ``lower_fraction`` of the starting burden, stops, and restarts when the burden
has grown back to the starting burden (the rule of the prostate cancer pilot, which used PSA as
the burden; zhang2017integrating). Progression is the first time the burden exceeds
``progression_fraction`` (1.2 by default, a 20% rise) of the starting burden.

The equations are integrated with the classical fourth-order Runge-Kutta method with a fixed
step. The adaptive rule is applied at the exact moment the burden reaches a threshold, not at the
next step: a step in which the burden crosses (or, near a turning point, just touches) the threshold
is split at the crossing, found by bisection to about 1e-9 day, and the run continues with the new
dose. Deciding the dose only at the start of each step would delay every switch by up to one step;
those delays add up over the cycles, and whether a late cycle still reaches the stopping level can
then depend on the step (with 0.5-day steps the default adaptive progression moved by about 45
days). With the switch located exactly the results converge as the step shrinks, and the run is
fully deterministic. Switch times are added to the output times, so the output grid is not uniform.

Units: time in days, rates per day, cell numbers as fractions of the carrying capacity (K = 1
unless given). Every parameter value used with this model in the course is **illustrative**,
chosen to show the behaviour, not fitted to any patient or tumour.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from drugresist.models.checks import (
    ArrayLike,
    as_output,
    require_finite,
    require_fraction,
    require_nonnegative,
    require_positive,
)

SCHEDULES = ("none", "continuous", "adaptive")


@dataclass(frozen=True)
class Competition:
    """Parameters of the two-population model (rates per day, populations in units of K).

    Defaults are illustrative: resistant cells grow at two thirds of the sensitive rate (a cost of
    resistance), sensitive cells compete strongly with resistant ones, the drug kills sensitive
    cells faster than they can grow.
    """

    growth_sensitive_per_day: float = 0.03
    growth_resistant_per_day: float = 0.02
    kill_per_day: float = 0.06
    competition_on_resistant: float = 1.5
    competition_on_sensitive: float = 0.5
    capacity: float = 1.0

    def __post_init__(self) -> None:
        require_positive("growth_sensitive_per_day", self.growth_sensitive_per_day)
        require_positive("growth_resistant_per_day", self.growth_resistant_per_day)
        require_nonnegative("kill_per_day", self.kill_per_day)
        require_nonnegative("competition_on_resistant", self.competition_on_resistant)
        require_nonnegative("competition_on_sensitive", self.competition_on_sensitive)
        require_positive("capacity", self.capacity)


@dataclass(frozen=True)
class TherapyRun:
    """One simulated course: times (days), both populations and the dose given in each step."""

    schedule: str
    times_days: np.ndarray
    sensitive: np.ndarray
    resistant: np.ndarray
    dose: np.ndarray  # dose (0 or 1) from times_days[i] to times_days[i + 1]; last entry repeats

    @property
    def total(self) -> np.ndarray:
        return self.sensitive + self.resistant


def logistic(t_days: ArrayLike, n0: float, rate_per_day: float, capacity: float = 1.0) -> float | np.ndarray:
    """Closed-form logistic growth ``K n0 e^{rt} / (K + n0 (e^{rt} - 1))`` (same units as ``n0``)."""
    t = require_nonnegative("t_days", t_days)
    n0_ = float(require_positive("n0", n0))
    r = float(require_positive("rate_per_day", rate_per_day))
    k = float(require_positive("capacity", capacity))
    growth = np.exp(r * t)
    return as_output(k * n0_ * growth / (k + n0_ * (growth - 1.0)))


def logistic_time_to_reach(level: float, n0: float, rate_per_day: float, capacity: float = 1.0) -> float:
    """Days for logistic growth from ``n0`` to reach ``level``: ``ln(level (K - n0) / (n0 (K - level))) / r``.

    ``level`` must lie between ``n0`` and ``capacity`` (a logistic population never reaches K).
    """
    n0_ = float(require_positive("n0", n0))
    r = float(require_positive("rate_per_day", rate_per_day))
    k = float(require_positive("capacity", capacity))
    target = float(require_positive("level", level))
    if not n0_ <= target < k:
        raise ValueError(f"level must be at least n0 ({n0_}) and below the capacity ({k}), got {target}")
    if n0_ >= k:
        raise ValueError(f"n0 must be below the capacity ({k}), got {n0_}")
    return float(np.log(target * (k - n0_) / (n0_ * (k - target))) / r)


def coexistence_equilibrium(params: Competition) -> tuple[float, float]:
    """Untreated equilibrium ``(S*, R*)`` with both populations present (units of K).

    ``S* = K (1 - c_SR) / (1 - c_SR c_RS)`` and ``R* = K (1 - c_RS) / (1 - c_SR c_RS)``; it exists
    (both positive) only when both competition coefficients are below 1. Otherwise ``ValueError``.
    """
    a, b, k = params.competition_on_sensitive, params.competition_on_resistant, params.capacity
    if not (a < 1 and b < 1):
        raise ValueError(
            "coexistence needs both competition coefficients below 1, got "
            f"competition_on_sensitive={a}, competition_on_resistant={b}"
        )
    det = 1.0 - a * b
    return k * (1.0 - a) / det, k * (1.0 - b) / det


def _derivatives(s: float, r: float, dose: float, p: Competition) -> tuple[float, float]:
    ds = p.growth_sensitive_per_day * s * (1.0 - (s + p.competition_on_sensitive * r) / p.capacity)
    ds -= p.kill_per_day * dose * s
    dr = p.growth_resistant_per_day * r * (1.0 - (r + p.competition_on_resistant * s) / p.capacity)
    return ds, dr


def _rk4(s: float, r: float, dose: float, p: Competition, h: float) -> tuple[float, float]:
    """One classical Runge-Kutta step of length ``h`` with a constant dose."""
    k1 = _derivatives(s, r, dose, p)
    k2 = _derivatives(s + 0.5 * h * k1[0], r + 0.5 * h * k1[1], dose, p)
    k3 = _derivatives(s + 0.5 * h * k2[0], r + 0.5 * h * k2[1], dose, p)
    k4 = _derivatives(s + h * k3[0], r + h * k3[1], dose, p)
    return (s + h / 6.0 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]),
            r + h / 6.0 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]))


_SWITCH_TOLERANCE_DAYS = 1e-9


def _switch_time(s: float, r: float, dose: float, p: Competition, h: float, level: float,
                 sign: float, end: tuple[float, float]) -> float | None:
    """Time within the next ``h`` days at which the adaptive rule switches, or ``None``.

    The rule switches when ``g = sign * (S + R - level)`` falls to 0 (``sign`` +1: the drug is on and
    the burden falls to the stopping level; -1: the drug is off and the burden rises to the restart
    level); ``end`` is the state after the whole step. The state at ``tau`` inside the step is one RK4 step of length ``tau`` (as accurate as
    the step itself). Besides a sign change of ``g`` over the step, a turning point of the burden
    inside the step is checked, so a dip that just touches the level between two steps is not missed.
    """
    def g(tau: float) -> float:
        s1, r1 = _rk4(s, r, dose, p, tau)
        return sign * (s1 + r1 - level)

    def slope(tau: float) -> float:
        s1, r1 = _rk4(s, r, dose, p, tau)
        ds, dr = _derivatives(s1, r1, dose, p)
        return sign * (ds + dr)

    def bisect(f, low: float, high: float) -> float:
        # f(low) > 0 >= f(high)
        while high - low > _SWITCH_TOLERANCE_DAYS:
            mid = 0.5 * (low + high)
            if f(mid) > 0:
                low = mid
            else:
                high = mid
        return high

    s_end, r_end = end
    g_start = sign * (s + r - level)
    if g_start <= 0:  # only at a threshold already reached (cannot happen after a switch)
        return 0.0
    if sign * (s_end + r_end - level) <= 0:
        return bisect(g, 0.0, h)
    slope_start = sign * sum(_derivatives(s, r, dose, p))
    slope_end = sign * sum(_derivatives(s_end, r_end, dose, p))
    if slope_start < 0 < slope_end:  # g has a minimum inside the step: does it reach 0?
        t_min = bisect(lambda tau: -slope(tau), 0.0, h)
        if g(t_min) <= 0:
            return bisect(g, 0.0, t_min)
    return None


def simulate(
    schedule: str,
    params: Competition = Competition(),
    initial_burden: float = 0.75,
    resistant_fraction: float = 0.01,
    days: float = 1500.0,
    step_days: float = 0.5,
    lower_fraction: float = 0.5,
) -> TherapyRun:
    """Integrate the model for ``days`` under ``schedule`` ('none', 'continuous' or 'adaptive').

    ``initial_burden``: S + R at day 0 (units of K, below K); ``resistant_fraction``: R's share of it;
    ``lower_fraction``: the adaptive schedule stops the drug when the burden falls to this fraction
    of the starting burden and restarts it at the starting burden. Fixed-step RK4 with
    ``step_days``; each adaptive switch is located exactly and added to the output times.
    """
    if schedule not in SCHEDULES:
        raise ValueError(f"schedule must be one of {SCHEDULES}, got {schedule!r}")
    burden = float(require_positive("initial_burden", initial_burden))
    if burden >= params.capacity:
        raise ValueError(f"initial_burden must be below the capacity ({params.capacity}), got {burden}")
    fraction = float(require_fraction("resistant_fraction", resistant_fraction))
    horizon = float(require_positive("days", days))
    h = float(require_positive("step_days", step_days))
    if h > horizon:
        raise ValueError(f"step_days ({h}) must not exceed days ({horizon})")
    lower = float(require_fraction("lower_fraction", lower_fraction))
    if lower >= 1.0:
        raise ValueError(f"lower_fraction must be below 1 (a fall from the starting burden), got {lower}")
    steps = int(round(horizon / h))
    s, r = burden * (1.0 - fraction), burden * fraction
    on = schedule != "none"
    times, s_values, r_values, doses = [0.0], [s], [r], []
    for i in range(steps):
        t_end = (i + 1) * h
        t = times[-1]
        while True:
            dose = 1.0 if on else 0.0
            end = _rk4(s, r, dose, params, t_end - t)
            tau = None
            if schedule == "adaptive":
                # g > 0 while the current dose continues; the rule switches when g reaches 0
                level = lower * burden if on else burden
                sign = 1.0 if on else -1.0
                tau = _switch_time(s, r, dose, params, t_end - t, level, sign, end)
            if tau is None:
                s, r = end
                doses.append(dose)
                break
            s, r = _rk4(s, r, dose, params, tau)
            t += tau
            doses.append(dose)
            times.append(t)
            s_values.append(s)
            r_values.append(r)
            on = not on
        times.append(t_end)
        s_values.append(s)
        r_values.append(r)
    doses.append(doses[-1] if doses else 0.0)
    times_arr = np.array(times)
    s_arr, r_arr, dose_arr = np.array(s_values), np.array(r_values), np.array(doses)
    return TherapyRun(schedule, times_arr, s_arr, r_arr, dose_arr)


def time_to_progression_days(run: TherapyRun, progression_fraction: float = 1.2) -> float:
    """First time (days) the burden exceeds ``progression_fraction`` x the starting burden; ``inf`` if never.

    Linear interpolation between steps. ``progression_fraction`` must be above 1.
    """
    factor = float(require_finite("progression_fraction", progression_fraction))
    if factor <= 1.0:
        raise ValueError(f"progression_fraction must be above 1 (a rise over the start), got {factor}")
    threshold = factor * run.total[0]
    above = np.nonzero(run.total > threshold)[0]
    if above.size == 0:
        return float("inf")
    i = int(above[0])
    if i == 0:
        return 0.0
    t0, t1 = run.times_days[i - 1], run.times_days[i]
    y0, y1 = run.total[i - 1], run.total[i]
    return float(t0 + (threshold - y0) * (t1 - t0) / (y1 - y0))


def drug_days(run: TherapyRun, until_days: float | None = None) -> float:
    """Days on drug (the cumulative dose with dose 1 = one day of full-dose treatment) up to ``until_days``.

    ``until_days`` of ``None`` or infinity (a run that never progressed) counts the whole run.
    """
    if until_days is None or (isinstance(until_days, (int, float)) and until_days == float("inf")):
        end = float(run.times_days[-1])
    else:
        end = float(require_nonnegative("until_days", until_days))
    widths = np.diff(run.times_days)
    starts = run.times_days[:-1]
    covered = np.clip(end - starts, 0.0, widths)
    return float(np.sum(run.dose[:-1] * covered))
