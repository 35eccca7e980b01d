"""A prodrug that the cell must activate, and an enzyme that inactivates it first.

The model
---------
One well-mixed cell in a large bath of prodrug held at the external concentration ``C_out``
(for example cytarabine, ara-C). The prodrug crosses the membrane in both directions with one
rate constant ``k_in`` (per minute). Inside, at concentration ``P``, two enzymes compete for it:

* an **activating** enzyme (for ara-C: deoxycytidine kinase, dCK) converts it at the
  Michaelis-Menten rate ``Va P / (Ka + P)`` towards the active metabolite (for ara-C: ara-CTP);
* an **inactivating** enzyme (for ara-C: cytidine deaminase, CDA) destroys it at the rate
  ``Vi P / (Ki + P)``.

The active metabolite, at concentration ``A``, is lost at a first-order rate ``k_out`` (per
minute; dephosphorylation, dilution by growth). So

    dP/dt = k_in (C_out - P) - Va P / (Ka + P) - Vi P / (Ki + P)
    dA/dt = Va P / (Ka + P) - k_out A.

At steady state ``A = Va P / (k_out (Ka + P))``, and the outside level that holds the cell at a
given ``P`` is explicit, ``C_out = P + (Va P/(Ka + P) + Vi P/(Ki + P)) / k_in``; the model inverts
it numerically when it needs ``P`` for a given ``C_out``.

Two closed forms carry the chapter:

* **Linear regime** (``P`` far below both Km values). Each enzyme acts as a clearance, ``Va/Ka``
  and ``Vi/Ki`` (per minute), and of every molecule that enters the cell the fraction
  ``CL_act / (k_in + CL_act + CL_inact)`` is activated. The fold resistance of a changed cell is
  the ratio of these fractions (sensitive over resistant).
* **Saturation.** Activation can never exceed ``Va``, so ``A`` can never exceed ``Va / k_out``:
  a cell that has lost most of its activating enzyme has a ceiling that no dose breaks through.
  Inactivation can never remove more than ``Vi`` per minute, so a high enough dose swamps an
  inactivating enzyme, as it swamps a pump.

Assumptions: constant outside level; the activating step is rate-limiting and everything after
it is lumped into the active pool; the two enzymes do not compete with other substrates; no
pumps. Every numerical value used with this model in the course is **illustrative**, chosen to
show the shape of the behaviour, not measured for cytarabine or any cell line.

Units: concentrations in uM, rate constants per minute, ``Vmax`` values in uM per minute (the
rate of change of the intracellular concentration when the enzyme is saturated).
"""

from __future__ import annotations

import numpy as np

from drugresist.models.checks import ArrayLike, as_output, require_nonnegative, require_positive
from drugresist.models.kinetics import invert_increasing, michaelis_menten_rate


def _removal_uM_per_min(prodrug, vmax_act, km_act, vmax_inact, km_inact):
    return np.asarray(michaelis_menten_rate(prodrug, vmax_act, km_act)) + np.asarray(
        michaelis_menten_rate(prodrug, vmax_inact, km_inact)
    )


def outside_for_prodrug_uM(
    prodrug_uM: ArrayLike,
    k_in_per_min: ArrayLike,
    vmax_act_uM_per_min: ArrayLike,
    km_act_uM: ArrayLike,
    vmax_inact_uM_per_min: ArrayLike,
    km_inact_uM: ArrayLike,
) -> float | np.ndarray:
    """External level (uM) that holds the intracellular prodrug at ``prodrug_uM`` at steady state.

    ``C_out = P + (Va P/(Ka + P) + Vi P/(Ki + P)) / k_in``: what flows in net must be what the two
    enzymes remove. Without enzymes ``C_out = P``.
    """
    p = require_nonnegative("prodrug_uM", prodrug_uM)
    k = require_positive("k_in_per_min", k_in_per_min)
    removal = _removal_uM_per_min(p, vmax_act_uM_per_min, km_act_uM, vmax_inact_uM_per_min, km_inact_uM)
    return as_output(p + removal / k)


def steady_state_prodrug_uM(
    outside_uM: ArrayLike,
    k_in_per_min: ArrayLike,
    vmax_act_uM_per_min: ArrayLike,
    km_act_uM: ArrayLike,
    vmax_inact_uM_per_min: ArrayLike,
    km_inact_uM: ArrayLike,
) -> float | np.ndarray:
    """Steady-state intracellular prodrug (uM) for an external level ``outside_uM``.

    The root in ``[0, C_out]`` of :func:`outside_for_prodrug_uM` ``= C_out`` (that function
    increases with ``P``, so the root is unique), found by bisection. Arguments broadcast.
    """
    outside = require_nonnegative("outside_uM", outside_uM)
    k = require_positive("k_in_per_min", k_in_per_min)
    va = require_nonnegative("vmax_act_uM_per_min", vmax_act_uM_per_min)
    ka = require_positive("km_act_uM", km_act_uM)
    vi = require_nonnegative("vmax_inact_uM_per_min", vmax_inact_uM_per_min)
    ki = require_positive("km_inact_uM", km_inact_uM)
    outside, k, va, ka, vi, ki = np.broadcast_arrays(outside, k, va, ka, vi, ki)

    def balance(p: np.ndarray) -> np.ndarray:
        return p + (va * p / (ka + p) + vi * p / (ki + p)) / k

    return as_output(invert_increasing(balance, outside, 0.0, outside))


def steady_state_active_uM(
    outside_uM: ArrayLike,
    k_in_per_min: ArrayLike,
    vmax_act_uM_per_min: ArrayLike,
    km_act_uM: ArrayLike,
    vmax_inact_uM_per_min: ArrayLike,
    km_inact_uM: ArrayLike,
    k_out_per_min: ArrayLike,
) -> float | np.ndarray:
    """Steady-state active metabolite (uM): ``Va P / (k_out (Ka + P))`` at the steady-state ``P``."""
    k_out = require_positive("k_out_per_min", k_out_per_min)
    p = np.asarray(
        steady_state_prodrug_uM(
            outside_uM, k_in_per_min, vmax_act_uM_per_min, km_act_uM, vmax_inact_uM_per_min, km_inact_uM
        )
    )
    return as_output(np.asarray(michaelis_menten_rate(p, vmax_act_uM_per_min, km_act_uM)) / k_out)


def active_ceiling_uM(vmax_act_uM_per_min: ArrayLike, k_out_per_min: ArrayLike) -> float | np.ndarray:
    """Highest active-metabolite level (uM) any dose can give: ``Va / k_out`` (saturated activation)."""
    va = require_nonnegative("vmax_act_uM_per_min", vmax_act_uM_per_min)
    k_out = require_positive("k_out_per_min", k_out_per_min)
    return as_output(va / k_out)


def prodrug_for_active_uM(
    target_active_uM: ArrayLike, vmax_act_uM_per_min: ArrayLike, km_act_uM: ArrayLike, k_out_per_min: ArrayLike
) -> float | np.ndarray:
    """Intracellular prodrug (uM) that sustains ``target_active_uM`` of active metabolite.

    Solving ``Va P/(Ka + P) = k_out A`` for ``P``: ``P = Ka k_out A / (Va - k_out A)``. Where the
    target is at or above the ceiling ``Va / k_out`` no prodrug level is enough, and the result is
    ``inf``.
    """
    a = require_nonnegative("target_active_uM", target_active_uM)
    va = require_nonnegative("vmax_act_uM_per_min", vmax_act_uM_per_min)
    ka = require_positive("km_act_uM", km_act_uM)
    k_out = require_positive("k_out_per_min", k_out_per_min)
    demand = k_out * a
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(demand < va, ka * demand / (va - demand), np.inf)
    return as_output(np.where(a == 0, 0.0, p))


def outside_needed_uM(
    target_active_uM: ArrayLike,
    k_in_per_min: ArrayLike,
    vmax_act_uM_per_min: ArrayLike,
    km_act_uM: ArrayLike,
    vmax_inact_uM_per_min: ArrayLike,
    km_inact_uM: ArrayLike,
    k_out_per_min: ArrayLike,
) -> float | np.ndarray:
    """External prodrug level (uM) that holds the active metabolite at ``target_active_uM``.

    ``C_out = P* + (k_out A* + Vi P*/(Ki + P*)) / k_in`` with ``P*`` from
    :func:`prodrug_for_active_uM`; ``inf`` where the target is above the activation ceiling.
    """
    a = require_nonnegative("target_active_uM", target_active_uM)
    k = require_positive("k_in_per_min", k_in_per_min)
    vi = require_nonnegative("vmax_inact_uM_per_min", vmax_inact_uM_per_min)
    ki = require_positive("km_inact_uM", km_inact_uM)
    k_out = require_positive("k_out_per_min", k_out_per_min)
    p = np.asarray(prodrug_for_active_uM(a, vmax_act_uM_per_min, km_act_uM, k_out))
    finite = np.isfinite(p)
    p_safe = np.where(finite, p, 0.0)
    needed = p_safe + (k_out * a + vi * p_safe / (ki + p_safe)) / k
    return as_output(np.where(finite, needed, np.inf))


def fold_resistance(
    target_active_uM: ArrayLike,
    k_in_per_min: ArrayLike,
    vmax_act_uM_per_min: ArrayLike,
    km_act_uM: ArrayLike,
    vmax_inact_uM_per_min: ArrayLike,
    km_inact_uM: ArrayLike,
    k_out_per_min: ArrayLike,
    activation_fraction: ArrayLike = 1.0,
    inactivation_fold: ArrayLike = 1.0,
) -> float | np.ndarray:
    """How many times more external prodrug a changed cell needs to reach ``target_active_uM``.

    The changed cell keeps ``activation_fraction`` (0 to 1] of the activating enzyme's ``Vmax``
    and has ``inactivation_fold`` (>= 1 for a rise, any positive value allowed) times the
    inactivating enzyme's ``Vmax``; everything else is the same. Result: dimensionless, ``inf``
    when the target lies above the changed cell's ceiling. ``target_active_uM`` must be positive.
    """
    a = require_positive("target_active_uM", target_active_uM)
    keep = require_positive("activation_fraction", activation_fraction)
    if np.any(keep > 1):
        raise ValueError(f"activation_fraction must be at most 1 (a drop in activation), got {activation_fraction!r}")
    rise = require_positive("inactivation_fold", inactivation_fold)
    va = require_nonnegative("vmax_act_uM_per_min", vmax_act_uM_per_min)
    vi = require_nonnegative("vmax_inact_uM_per_min", vmax_inact_uM_per_min)
    sensitive = np.asarray(
        outside_needed_uM(a, k_in_per_min, va, km_act_uM, vi, km_inact_uM, k_out_per_min)
    )
    changed = np.asarray(
        outside_needed_uM(a, k_in_per_min, va * keep, km_act_uM, vi * rise, km_inact_uM, k_out_per_min)
    )
    with np.errstate(invalid="ignore"):
        return as_output(changed / sensitive)


def fraction_activated_linear(
    k_in_per_min: ArrayLike, clearance_act_per_min: ArrayLike, clearance_inact_per_min: ArrayLike
) -> float | np.ndarray:
    """Share (0 to 1) of the prodrug entering the cell that is activated, in the linear regime.

    Inside the cell a molecule has three exits, each with a rate constant: back out (``k_in``),
    activation (``CL_act = Va/Ka``) or inactivation (``CL_inact = Vi/Ki``). The share that takes
    the activation exit is ``CL_act / (k_in + CL_act + CL_inact)``.
    """
    k = require_positive("k_in_per_min", k_in_per_min)
    cl_act = require_nonnegative("clearance_act_per_min", clearance_act_per_min)
    cl_inact = require_nonnegative("clearance_inact_per_min", clearance_inact_per_min)
    return as_output(cl_act / (k + cl_act + cl_inact))


def fold_resistance_linear(
    k_in_per_min: ArrayLike,
    clearance_act_per_min: ArrayLike,
    clearance_inact_per_min: ArrayLike,
    activation_fraction: ArrayLike = 1.0,
    inactivation_fold: ArrayLike = 1.0,
) -> float | np.ndarray:
    """Fold resistance at low doses: the ratio of the activated shares, sensitive over changed.

    ``[CL_act / (k_in + CL_act + CL_inact)] / [f CL_act / (k_in + f CL_act + g CL_inact)]`` with
    ``f = activation_fraction`` and ``g = inactivation_fold``. It lies between 1 and ``1/f`` for a
    drop in activation alone, and between 1 and ``g`` for a rise in inactivation alone.
    """
    k = require_positive("k_in_per_min", k_in_per_min)
    cl_act = require_positive("clearance_act_per_min", clearance_act_per_min)
    cl_inact = require_nonnegative("clearance_inact_per_min", clearance_inact_per_min)
    f = require_positive("activation_fraction", activation_fraction)
    if np.any(f > 1):
        raise ValueError(f"activation_fraction must be at most 1 (a drop in activation), got {activation_fraction!r}")
    g = require_positive("inactivation_fold", inactivation_fold)
    sensitive = cl_act / (k + cl_act + cl_inact)
    changed = f * cl_act / (k + f * cl_act + g * cl_inact)
    return as_output(sensitive / changed)
