"""Drug accumulation in a cell with a saturable efflux pump such as P-glycoprotein.

The model
---------
One well-mixed cell in a large bath of drug held at the external concentration ``C_out``. The
drug crosses the membrane passively in both directions with one permeability rate constant
``k_in`` (per minute, the same inwards and outwards), and a pump removes it from the cell at a
Michaelis-Menten rate ``Vmax * C / (Km + C)``, where ``C`` is the intracellular concentration.
A competitive pump inhibitor at concentration ``I`` with inhibition constant ``Ki`` competes with
the drug for the pump's binding site and raises the pump's apparent ``Km`` to
``Km_app = Km * (1 + I / Ki)``. So

    dC/dt = k_in * (C_out - C) - Vmax * C / (Km_app + C).

At steady state this is the quadratic

    k_in * C**2 + (k_in * Km_app - k_in * C_out + Vmax) * C - k_in * C_out * Km_app = 0,

whose one non-negative root is the steady-state intracellular concentration (the other root is
negative). Cell killing, when asked for, is a Hill function of the intracellular concentration.

Assumptions: the outside concentration is constant (the bath is much larger than the cell); the
drug is not bound, metabolised or trapped inside the cell; the pump is the only active transport;
the inhibitor itself is not depleted. All parameter values used with this model in the course
are **illustrative**, chosen to show the shape of the behaviour, not measured for any drug, pump
or cell line.

Units: concentrations in uM, rate constants per minute, ``Vmax`` in uM per minute (the rate of
change of the intracellular concentration when the pump is saturated), times in minutes.
"""

from __future__ import annotations

import numpy as np
from scipy.integrate import solve_ivp

from drugresist.models.checks import (
    ArrayLike,
    as_output,
    require_finite,
    require_fraction,
    require_nonnegative,
    require_positive,
)
from drugresist.models.kinetics import michaelis_menten_rate


def _km_app(km_uM: ArrayLike, inhibitor_uM: ArrayLike, ki_uM: ArrayLike) -> np.ndarray:
    return np.asarray(apparent_km(km_uM, inhibitor_uM, ki_uM), dtype=float)


def apparent_km(km_uM: ArrayLike, inhibitor_uM: ArrayLike = 0.0, ki_uM: ArrayLike = 1.0) -> float | np.ndarray:
    """The pump's apparent Km (uM) with a competitive inhibitor present: ``Km (1 + I / Ki)``.

    ``km_uM`` and ``ki_uM`` must be positive, ``inhibitor_uM`` zero or positive (all in uM).
    """
    km = require_positive("km_uM", km_uM)
    inhibitor = require_nonnegative("inhibitor_uM", inhibitor_uM)
    ki = require_positive("ki_uM", ki_uM)
    return as_output(km * (1.0 + inhibitor / ki))


def pump_efflux_uM_per_min(
    inside_uM: ArrayLike,
    vmax_uM_per_min: ArrayLike,
    km_uM: ArrayLike,
    inhibitor_uM: ArrayLike = 0.0,
    ki_uM: ArrayLike = 1.0,
) -> float | np.ndarray:
    """Rate at which the pump lowers the intracellular concentration (uM/min): ``Vmax C / (Km_app + C)``."""
    inside = require_nonnegative("inside_uM", inside_uM)
    vmax = require_nonnegative("vmax_uM_per_min", vmax_uM_per_min)
    km_app = _km_app(km_uM, inhibitor_uM, ki_uM)
    return as_output(np.asarray(michaelis_menten_rate(inside, vmax, km_app)))


def net_rate_uM_per_min(
    inside_uM: ArrayLike,
    outside_uM: ArrayLike,
    k_in_per_min: ArrayLike,
    vmax_uM_per_min: ArrayLike,
    km_uM: ArrayLike,
    inhibitor_uM: ArrayLike = 0.0,
    ki_uM: ArrayLike = 1.0,
) -> float | np.ndarray:
    """dC/dt (uM/min): passive exchange ``k_in (C_out - C)`` minus pump efflux. Zero at steady state."""
    inside = require_nonnegative("inside_uM", inside_uM)
    outside = require_nonnegative("outside_uM", outside_uM)
    k_in = require_positive("k_in_per_min", k_in_per_min)
    efflux = np.asarray(pump_efflux_uM_per_min(inside, vmax_uM_per_min, km_uM, inhibitor_uM, ki_uM))
    return as_output(k_in * (outside - inside) - efflux)


def steady_state_intracellular(
    outside_uM: ArrayLike,
    k_in_per_min: ArrayLike,
    vmax_uM_per_min: ArrayLike,
    km_uM: ArrayLike,
    inhibitor_uM: ArrayLike = 0.0,
    ki_uM: ArrayLike = 1.0,
) -> float | np.ndarray:
    """Steady-state intracellular drug concentration (uM).

    The non-negative root of ``k C^2 + b C - k C_out Km_app = 0`` with
    ``b = k Km_app - k C_out + Vmax`` (``k`` is ``k_in_per_min``):

        C = (-b + sqrt(b^2 + 4 k^2 C_out Km_app)) / (2 k)
          = 2 k C_out Km_app / (b + sqrt(b^2 + 4 k^2 C_out Km_app)).

    The two forms are equal; the code uses the second when ``b > 0`` because the first then
    subtracts two nearly equal numbers and loses precision. Without a pump
    (``vmax_uM_per_min = 0``) the result equals ``outside_uM``. Arguments broadcast.
    """
    outside = require_nonnegative("outside_uM", outside_uM)
    k = require_positive("k_in_per_min", k_in_per_min)
    vmax = require_nonnegative("vmax_uM_per_min", vmax_uM_per_min)
    km_app = _km_app(km_uM, inhibitor_uM, ki_uM)
    b = k * km_app - k * outside + vmax
    root_d = np.sqrt(b * b + 4.0 * k * k * outside * km_app)
    with np.errstate(divide="ignore", invalid="ignore"):
        textbook = (-b + root_d) / (2.0 * k)
        stable = 2.0 * k * outside * km_app / (b + root_d)
    inside = np.where(b > 0, stable, textbook)
    return as_output(np.clip(inside, 0.0, outside))


def intracellular_time_course(
    times_min: ArrayLike,
    outside_uM: ArrayLike,
    k_in_per_min: ArrayLike,
    vmax_uM_per_min: ArrayLike,
    km_uM: ArrayLike,
    inhibitor_uM: ArrayLike = 0.0,
    ki_uM: ArrayLike = 1.0,
    initial_inside_uM: ArrayLike = 0.0,
    max_step_min: float = 0.5,
) -> np.ndarray:
    """Intracellular concentration (uM) at each time in ``times_min`` after the drug is added.

    Numerical integration of ``dC/dt`` from ``C(0) = initial_inside_uM`` with SciPy's
    ``solve_ivp`` (explicit Runge-Kutta 4(5), relative and absolute tolerance 1e-10 and steps no
    longer than ``max_step_min`` minutes, default 0.5). ``times_min`` must be zero or positive and
    non-decreasing. The other concentration and rate arguments may be arrays that broadcast
    together; the result has shape ``(len(times_min),) + broadcast shape``.

    There is no explicit formula for ``C(t)`` with a saturable pump (the time to reach a given
    level has a closed form, but it cannot be inverted in elementary functions); without a pump
    the solution is ``C_out + (C(0) - C_out) exp(-k_in t)``.
    """
    times = np.atleast_1d(require_nonnegative("times_min", times_min))
    if times.ndim != 1 or np.any(np.diff(times) < 0):
        raise ValueError(f"times_min must be a one-dimensional, non-decreasing sequence, got {times_min!r}")
    step = float(require_positive("max_step_min", max_step_min))
    outside = require_nonnegative("outside_uM", outside_uM)
    k = require_positive("k_in_per_min", k_in_per_min)
    vmax = require_nonnegative("vmax_uM_per_min", vmax_uM_per_min)
    km_app = _km_app(km_uM, inhibitor_uM, ki_uM)
    inside = require_nonnegative("initial_inside_uM", initial_inside_uM)
    inside, outside, k, vmax, km_app = np.broadcast_arrays(inside, outside, k, vmax, km_app)
    inside = inside.astype(float).copy()

    def rate(_t: float, c: np.ndarray) -> np.ndarray:
        c = np.maximum(c.reshape(inside.shape), 0.0)  # a stage may overshoot below zero from a tiny start
        return (k * (outside - c) - vmax * c / (km_app + c)).ravel()

    if times[-1] == 0.0:
        return np.broadcast_to(inside, (times.size,) + inside.shape).copy()
    solution = solve_ivp(rate, (0.0, float(times[-1])), inside.ravel(), t_eval=times, max_step=step,
                         rtol=1e-10, atol=1e-10)
    return np.maximum(solution.y.T.reshape((times.size,) + inside.shape), 0.0)


def outside_needed_uM(
    target_inside_uM: ArrayLike,
    k_in_per_min: ArrayLike,
    vmax_uM_per_min: ArrayLike,
    km_uM: ArrayLike,
    inhibitor_uM: ArrayLike = 0.0,
    ki_uM: ArrayLike = 1.0,
) -> float | np.ndarray:
    """External concentration (uM) that holds the cell at ``target_inside_uM`` at steady state.

    Solving the steady-state balance for ``C_out``: ``C_out = C + Vmax C / (k_in (Km_app + C))``.
    """
    target = require_nonnegative("target_inside_uM", target_inside_uM)
    k = require_positive("k_in_per_min", k_in_per_min)
    vmax = require_nonnegative("vmax_uM_per_min", vmax_uM_per_min)
    km_app = _km_app(km_uM, inhibitor_uM, ki_uM)
    return as_output(target + vmax * target / (k * (km_app + target)))


def fold_resistance(
    target_inside_uM: ArrayLike,
    k_in_per_min: ArrayLike,
    vmax_uM_per_min: ArrayLike,
    km_uM: ArrayLike,
    inhibitor_uM: ArrayLike = 0.0,
    ki_uM: ArrayLike = 1.0,
) -> float | np.ndarray:
    """How many times more external drug a pumping cell needs to reach ``target_inside_uM``.

    Without a pump the outside level needed equals the target, so the ratio is
    ``1 + Vmax / (k_in (Km_app + C_target))`` (dimensionless). It is largest when the target is
    far below Km (the pump is not saturated) and falls towards 1 as the pump saturates or is
    inhibited. If killing depends only on the intracellular level, this is also the shift of the
    external dose needed for any given kill (take ``C_target`` = the intracellular level that
    gives that kill; see :func:`inside_for_kill_uM`).
    """
    target = require_positive("target_inside_uM", target_inside_uM)
    needed = np.asarray(outside_needed_uM(target, k_in_per_min, vmax_uM_per_min, km_uM, inhibitor_uM, ki_uM))
    return as_output(needed / target)


def fraction_killed(
    outside_uM: ArrayLike,
    k_in_per_min: ArrayLike,
    vmax_uM_per_min: ArrayLike,
    km_uM: ArrayLike,
    ec50_inside_uM: ArrayLike,
    hill: ArrayLike = 1.0,
    inhibitor_uM: ArrayLike = 0.0,
    ki_uM: ArrayLike = 1.0,
) -> float | np.ndarray:
    """Fraction of cells killed (0 to 1) at steady state: a Hill function of the inside level.

    ``C^h / (EC50^h + C^h)`` with ``C`` the steady-state intracellular concentration,
    ``EC50 = ec50_inside_uM`` the intracellular level that kills half the cells and ``h = hill``.
    """
    ec50 = require_positive("ec50_inside_uM", ec50_inside_uM)
    h = require_positive("hill", hill)
    inside = np.asarray(
        steady_state_intracellular(outside_uM, k_in_per_min, vmax_uM_per_min, km_uM, inhibitor_uM, ki_uM)
    )
    ratio = (inside / ec50) ** h
    return as_output(ratio / (1.0 + ratio))


def inside_for_kill_uM(fraction: ArrayLike, ec50_inside_uM: ArrayLike, hill: ArrayLike = 1.0) -> float | np.ndarray:
    """Intracellular level (uM) that kills ``fraction`` of the cells: ``EC50 (f / (1 - f))^(1/h)``.

    ``fraction`` must lie strictly between 0 and 1.
    """
    f = require_fraction("fraction", fraction)
    if np.any((f <= 0) | (f >= 1)):
        raise ValueError(f"fraction must be strictly between 0 and 1, got {fraction!r}")
    ec50 = require_positive("ec50_inside_uM", ec50_inside_uM)
    h = require_positive("hill", hill)
    return as_output(ec50 * (f / (1.0 - f)) ** (1.0 / h))


def external_ic50_uM(
    ec50_inside_uM: ArrayLike,
    k_in_per_min: ArrayLike,
    vmax_uM_per_min: ArrayLike,
    km_uM: ArrayLike,
    inhibitor_uM: ArrayLike = 0.0,
    ki_uM: ArrayLike = 1.0,
) -> float | np.ndarray:
    """External concentration (uM) that kills half the cells: the one that holds the inside at EC50.

    Independent of the Hill coefficient, because half-kill happens at ``C = EC50`` whatever ``h``.
    """
    ec50 = require_positive("ec50_inside_uM", ec50_inside_uM)
    return outside_needed_uM(ec50, k_in_per_min, vmax_uM_per_min, km_uM, inhibitor_uM, ki_uM)


def inhibitor_needed_uM(
    target_fold: ArrayLike,
    target_inside_uM: ArrayLike,
    k_in_per_min: ArrayLike,
    vmax_uM_per_min: ArrayLike,
    km_uM: ArrayLike,
    ki_uM: ArrayLike = 1.0,
) -> float | np.ndarray:
    """Competitive-inhibitor concentration (uM) that brings the fold resistance down to ``target_fold``.

    From ``target_fold = 1 + Vmax / (k_in (Km (1 + I/Ki) + C))``:
    ``I = Ki ((Vmax / (k_in (target_fold - 1)) - C) / Km - 1)``, and 0 when the pump alone already
    gives no more than ``target_fold``. ``target_fold`` must be greater than 1: removing the
    pump's effect entirely would take an infinite inhibitor concentration.
    """
    fold = require_finite("target_fold", target_fold)
    if np.any(fold <= 1):
        raise ValueError(f"target_fold must be greater than 1, got {target_fold!r}")
    target = require_positive("target_inside_uM", target_inside_uM)
    k = require_positive("k_in_per_min", k_in_per_min)
    vmax = require_nonnegative("vmax_uM_per_min", vmax_uM_per_min)
    km = require_positive("km_uM", km_uM)
    ki = require_positive("ki_uM", ki_uM)
    km_app_needed = vmax / (k * (fold - 1.0)) - target
    return as_output(np.maximum(ki * (km_app_needed / km - 1.0), 0.0))
