"""Drug efflux by a saturable pump such as P-glycoprotein, and its competitive inhibition.

The drug crosses the membrane passively in both directions with one rate constant ``k``
(per minute), and a pump removes it from the cell at a Michaelis-Menten rate
``Vmax * C / (Km + C)``. A competitive pump inhibitor at concentration ``I`` with inhibition
constant ``Ki`` raises the pump's apparent ``Km`` to ``Km * (1 + I / Ki)``. At steady state

    k * (C_out - C) = Vmax * C / (Km_app + C),

a quadratic in the intracellular concentration ``C`` whose positive root is the answer. All
parameter values used in the course with this model are illustrative, not measured.

Units: concentrations in uM, ``k`` per minute, ``Vmax`` in uM per minute.
"""

from __future__ import annotations

import numpy as np

from drugresist.models.checks import ArrayLike, as_output, require_nonnegative, require_positive


def apparent_km(km_uM: ArrayLike, inhibitor_uM: ArrayLike = 0.0, ki_uM: ArrayLike = 1.0) -> float | np.ndarray:
    """The pump's apparent Km (uM) in the presence of a competitive inhibitor: ``Km (1 + I/Ki)``."""
    km = require_positive("km_uM", km_uM)
    inhibitor = require_nonnegative("inhibitor_uM", inhibitor_uM)
    ki = require_positive("ki_uM", ki_uM)
    return as_output(km * (1.0 + inhibitor / ki))


def steady_state_intracellular(
    outside_uM: ArrayLike,
    k_per_min: ArrayLike,
    vmax_uM_per_min: ArrayLike,
    km_uM: ArrayLike,
    inhibitor_uM: ArrayLike = 0.0,
    ki_uM: ArrayLike = 1.0,
) -> float | np.ndarray:
    """Steady-state intracellular drug concentration (uM) with passive exchange and pump efflux.

    The positive root of ``k C^2 + (k Km_app - k C_out + Vmax) C - k C_out Km_app = 0``. With no
    pump (``vmax_uM_per_min = 0``) it equals the outside concentration.
    """
    outside = require_nonnegative("outside_uM", outside_uM)
    k = require_positive("k_per_min", k_per_min)
    vmax = require_nonnegative("vmax_uM_per_min", vmax_uM_per_min)
    km_app = np.asarray(apparent_km(km_uM, inhibitor_uM, ki_uM), dtype=float)
    b = k * km_app - k * outside + vmax
    # for b > 0 the textbook root subtracts two nearly equal numbers; 2kC_out Km / (b + sqrt(D)) is the same
    # root without that loss of precision
    discriminant = b * b + 4.0 * k * k * outside * km_app
    root = (-b + np.sqrt(discriminant)) / (2.0 * k)
    stable = np.where(b > 0, 2.0 * k * outside * km_app / (b + np.sqrt(discriminant) + 1e-300), root)
    return as_output(np.maximum(stable, 0.0))


def net_flux_uM_per_min(
    inside_uM: ArrayLike,
    outside_uM: ArrayLike,
    k_per_min: ArrayLike,
    vmax_uM_per_min: ArrayLike,
    km_uM: ArrayLike,
    inhibitor_uM: ArrayLike = 0.0,
    ki_uM: ArrayLike = 1.0,
) -> float | np.ndarray:
    """Rate of change of the intracellular concentration (uM/min): passive influx minus pump efflux."""
    inside = require_nonnegative("inside_uM", inside_uM)
    outside = require_nonnegative("outside_uM", outside_uM)
    k = require_positive("k_per_min", k_per_min)
    vmax = require_nonnegative("vmax_uM_per_min", vmax_uM_per_min)
    km_app = np.asarray(apparent_km(km_uM, inhibitor_uM, ki_uM), dtype=float)
    return as_output(k * (outside - inside) - vmax * inside / (km_app + inside))


def outside_needed_uM(
    target_inside_uM: ArrayLike,
    k_per_min: ArrayLike,
    vmax_uM_per_min: ArrayLike,
    km_uM: ArrayLike,
    inhibitor_uM: ArrayLike = 0.0,
    ki_uM: ArrayLike = 1.0,
) -> float | np.ndarray:
    """Outside concentration (uM) that holds the inside at ``target_inside_uM`` at steady state.

    From the steady-state balance: ``C_out = C + Vmax C / (k (Km_app + C))``.
    """
    target = require_nonnegative("target_inside_uM", target_inside_uM)
    k = require_positive("k_per_min", k_per_min)
    vmax = require_nonnegative("vmax_uM_per_min", vmax_uM_per_min)
    km_app = np.asarray(apparent_km(km_uM, inhibitor_uM, ki_uM), dtype=float)
    return as_output(target + vmax * target / (k * (km_app + target)))


def fold_resistance(
    target_inside_uM: ArrayLike,
    k_per_min: ArrayLike,
    vmax_uM_per_min: ArrayLike,
    km_uM: ArrayLike,
    inhibitor_uM: ArrayLike = 0.0,
    ki_uM: ArrayLike = 1.0,
) -> float | np.ndarray:
    """How many times more outside drug a pumping cell needs to reach the same inside level.

    ``1 + Vmax / (k (Km_app + C_target))`` (dimensionless). It is largest when the target level is
    far below Km (the pump is not saturated) and falls towards 1 as the pump saturates or is inhibited.
    """
    target = require_positive("target_inside_uM", target_inside_uM)
    return as_output(outside_needed_uM(target, k_per_min, vmax_uM_per_min, km_uM, inhibitor_uM, ki_uM) / target)
