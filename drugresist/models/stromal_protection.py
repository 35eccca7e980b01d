"""Protection of cancer cells by a survival factor that stromal cells secrete.

The model
---------
Stromal cells (for example fibroblasts) at ``x = 0`` secrete a growth factor such as HGF. It
diffuses with coefficient ``D`` and is removed (bound, internalised, degraded) with first-order
rate ``k``, so at steady state its concentration falls off as

    S(x) = S0 exp(-x / lambda),    lambda = sqrt(D / k).

Cancer cells carry the factor's receptor (for HGF, MET). The fraction of receptors occupied is
``S / (S + K_S)``; with a blocker that competes with the factor for binding, at concentration ``B``
(inhibition constant ``K_B``), it is ``S / (S + K_S (1 + B / K_B))``. For HGF the blocker is a
*ligand-blocking* agent: an antibody against MET's HGF-binding site, or a decoy (soluble receptor,
anti-HGF antibody) in excess, which lowers free HGF by ``1 + B / K_B`` and gives the same formula. A
MET *kinase* inhibitor does not fit it: it acts inside the cell, leaves HGF binding unchanged and is
not outcompeted by more HGF; in this model it would lower ``F_max`` instead. An occupied receptor sends a survival signal that
raises the drug concentration needed to kill the cell: the drug's IC50 is multiplied by

    shift = 1 + (F_max - 1) * occupancy,

which is 1 with no factor and at most ``F_max`` when every receptor is occupied. Killing by the
drug at concentration ``C`` is a Hill function, ``C^h / (C^h + (IC50 * shift)^h)``.

Units: distances in um, factor and blocker concentrations in multiples of their own K (so
``K_S = K_B = 1`` by default), drug concentrations in uM. Every parameter value used with this model
in the course is **illustrative**; the mechanism (stromal HGF activating MET and protecting
BRAF-mutant melanoma cells from RAF inhibitors, reversed by blocking HGF or MET) is from
straussman2012tumour.
"""

from __future__ import annotations

import numpy as np

from drugresist.models.checks import ArrayLike, as_output, require_nonnegative, require_positive


def factor_decay_length_um(diffusivity_um2_per_s: ArrayLike, removal_per_s: ArrayLike) -> float | np.ndarray:
    """Decay length (um) of a secreted factor: ``sqrt(D / k)``."""
    d = require_positive("diffusivity_um2_per_s", diffusivity_um2_per_s)
    k = require_positive("removal_per_s", removal_per_s)
    return as_output(np.sqrt(d / k))


def factor_profile(distance_um: ArrayLike, factor_at_stroma: ArrayLike, decay_length_um: ArrayLike) -> float | np.ndarray:
    """Factor concentration (multiples of K_S) at ``distance_um`` from the stroma: ``S0 exp(-x / lambda)``."""
    x = require_nonnegative("distance_um", distance_um)
    s0 = require_nonnegative("factor_at_stroma", factor_at_stroma)
    lam = require_positive("decay_length_um", decay_length_um)
    return as_output(s0 * np.exp(-x / lam))


def receptor_occupancy(factor: ArrayLike, blocker: ArrayLike = 0.0, k_factor: ArrayLike = 1.0,
                       k_blocker: ArrayLike = 1.0) -> float | np.ndarray:
    """Fraction of receptors bound by the factor with a competitive blocker: ``S / (S + K_S (1 + B / K_B))``."""
    s = require_nonnegative("factor", factor)
    b = require_nonnegative("blocker", blocker)
    ks = require_positive("k_factor", k_factor)
    kb = require_positive("k_blocker", k_blocker)
    return as_output(s / (s + ks * (1.0 + b / kb)))


def ic50_shift(factor: ArrayLike, max_shift: ArrayLike = 20.0, blocker: ArrayLike = 0.0) -> float | np.ndarray:
    """Fold increase of the drug's IC50 caused by the survival signal: ``1 + (F_max - 1) * occupancy``.

    ``max_shift`` (F_max) must be at least 1: the signal protects, it never sensitises.
    """
    f_max = require_positive("max_shift", max_shift)
    if np.any(f_max < 1):
        raise ValueError(f"max_shift must be at least 1 (a survival signal cannot sensitise), got {max_shift!r}")
    return as_output(1.0 + (f_max - 1.0) * np.asarray(receptor_occupancy(factor, blocker), dtype=float))


def fraction_killed(drug_uM: ArrayLike, ic50_uM: ArrayLike, hill: ArrayLike = 1.5, shift: ArrayLike = 1.0) -> float | np.ndarray:
    """Fraction of cells killed: ``C^h / (C^h + (IC50 * shift)^h)``."""
    c = require_nonnegative("drug_uM", drug_uM)
    ic50 = require_positive("ic50_uM", ic50_uM)
    h = require_positive("hill", hill)
    s = require_positive("shift", shift)
    if np.any(s < 1):
        raise ValueError(f"shift must be at least 1, got {shift!r}")
    effective = ic50 * s
    return as_output(c**h / (c**h + effective**h))


def kill_with_distance(
    distance_um: ArrayLike,
    drug_uM: float,
    factor_at_stroma: float = 10.0,
    decay_length_um: float = 50.0,
    blocker: float = 0.0,
    ic50_uM: float = 1.0,
    hill: float = 1.5,
    max_shift: float = 20.0,
) -> float | np.ndarray:
    """Fraction of cancer cells killed at each distance (um) from the stroma."""
    s = factor_profile(distance_um, factor_at_stroma, decay_length_um)
    return fraction_killed(drug_uM, ic50_uM, hill, ic50_shift(s, max_shift, blocker))


def surviving_fraction_of_region(
    width_um: float,
    drug_uM: float,
    factor_at_stroma: float = 10.0,
    decay_length_um: float = 50.0,
    blocker: float = 0.0,
    ic50_uM: float = 1.0,
    hill: float = 1.5,
    max_shift: float = 20.0,
    points: int = 2001,
) -> float:
    """Mean fraction of cells surviving across a band ``width_um`` wide next to the stroma."""
    width = float(require_positive("width_um", width_um))
    x = np.linspace(0.0, width, points)
    killed = kill_with_distance(x, drug_uM, factor_at_stroma, decay_length_um, blocker, ic50_uM, hill, max_shift)
    return float(np.mean(1.0 - killed))


def protected_distance_um(factor_at_stroma: ArrayLike, decay_length_um: ArrayLike, occupancy_level: float = 0.5,
                          blocker: float = 0.0) -> float | np.ndarray:
    """Distance (um) within which receptor occupancy exceeds ``occupancy_level``.

    Occupancy ``q`` needs ``S = q K (1 + B/K_B) / (1 - q)``, reached at ``x = lambda ln(S0 / S)`` (0 if
    the factor at the stroma is already below it).
    """
    s0 = require_nonnegative("factor_at_stroma", factor_at_stroma)
    lam = require_positive("decay_length_um", decay_length_um)
    q = float(require_positive("occupancy_level", occupancy_level))
    if q >= 1:
        raise ValueError(f"occupancy_level must be below 1, got {occupancy_level!r}")
    b = float(require_nonnegative("blocker", blocker))
    needed = q * (1.0 + b) / (1.0 - q)
    with np.errstate(divide="ignore"):
        distance = lam * np.log(np.where(s0 > 0, s0, 1e-300) / needed)
    return as_output(np.clip(distance, 0.0, None))
