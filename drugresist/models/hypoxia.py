"""Oxygen and drug penetration from a blood vessel into tumour tissue, and what they do to therapy.

The model
---------
Tissue is a slab between two parallel vessel walls, a distance ``2H`` apart; by symmetry we follow
one half, from a vessel wall at ``x = 0`` to the midpoint ``x = H`` (``H`` is the *half-spacing*).
Oxygen diffuses with diffusion coefficient ``D`` and is consumed by the cells at a constant rate
``M`` wherever any is left (zero-order consumption). At steady state ``D c'' = M`` with ``c(0) = c0``.

With a single vessel (or vessels so far apart that oxygen runs out before the midpoint), the
boundary condition is no flux where the oxygen runs out, and the profile is

    c(x) = c0 (1 - x/L)^2                  for 0 <= x <= L,   c(x) = 0 beyond,

with the **penetration distance** ``L = sqrt(2 D c0 / M)``. This holds whenever ``H >= L``.

If the vessels are closer (``H < L``), the no-flux point is the midpoint itself (oxygen arrives
from both sides), and the profile never reaches zero:

    c(x) = c0 - (M / 2D) (2 H x - x^2)     for 0 <= x <= H,

with its minimum ``c0 - M H^2 / (2D)`` = ``c0 (1 - H^2/L^2)`` at the midpoint. Both cases are
``c0 - (M / 2D)(2 s x - x^2)`` with ``s = min(H, L)``. The distance at which the oxygen tension
falls to a threshold ``theta`` is ``s - sqrt(s^2 - 2 D (c0 - theta) / M)`` (``L - sqrt(2 D theta / M)``
when ``H >= L``); when the midpoint tension is above ``theta`` it is never reached.

A drug that diffuses with coefficient ``D_d`` and is removed by binding or uptake with a
first-order rate constant ``k`` falls off exponentially, ``C(x) = C0 exp(-x / lambda)`` with
``lambda = sqrt(D_d / k)`` (steady state, tissue much thicker than ``lambda``).

Radiation: the dose needed for a given kill is larger without oxygen by the oxygen enhancement
ratio ``OER``. The relative radiosensitivity at oxygen tension ``p`` is modelled with the
Alper-Howard-Flanders form ``(OER p + K) / (OER (p + K))``, 1 when well oxygenated and
``1 / OER`` when anoxic, and cell survival after a single dose ``d`` as ``exp(-alpha d s(p))``.

Units: distances in um, oxygen tension in mmHg, diffusion coefficients in um^2/s, oxygen
consumption in mmHg/s, drug removal rates per second, radiation dose in Gy, ``alpha`` per Gy.
Parameter values used with this model in the course are **illustrative**; the default oxygen
parameters are chosen so that oxygen penetrates about 150 um, the distance Thomlinson and Gray
inferred from the necrosis pattern in human lung cancers (thomlinson1955histological).
"""

from __future__ import annotations

import numpy as np

from drugresist.models.checks import (
    ArrayLike,
    as_output,
    require_nonnegative,
    require_positive,
)

#: Illustrative defaults: oxygen diffusion coefficient in tissue (um^2/s), vessel oxygen tension
#: (mmHg) and a consumption rate (mmHg/s) that together give a penetration distance of 150 um.
OXYGEN_DIFFUSIVITY_UM2_PER_S = 2000.0
VESSEL_PO2_MMHG = 40.0
CONSUMPTION_MMHG_PER_S = 2 * OXYGEN_DIFFUSIVITY_UM2_PER_S * VESSEL_PO2_MMHG / 150.0**2
#: Hypoxia threshold (mmHg): a common operational definition (hughes2019tumor).
HYPOXIA_THRESHOLD_MMHG = 10.0


def penetration_distance_um(
    vessel_po2_mmHg: ArrayLike,
    consumption_mmHg_per_s: ArrayLike,
    diffusivity_um2_per_s: ArrayLike = OXYGEN_DIFFUSIVITY_UM2_PER_S,
) -> float | np.ndarray:
    """Distance (um) from the vessel at which oxygen runs out: ``sqrt(2 D c0 / M)``."""
    c0 = require_nonnegative("vessel_po2_mmHg", vessel_po2_mmHg)
    m = require_positive("consumption_mmHg_per_s", consumption_mmHg_per_s)
    d = require_positive("diffusivity_um2_per_s", diffusivity_um2_per_s)
    return as_output(np.sqrt(2.0 * d * c0 / m))


def _slab_scale(length, half_distance_um):
    """``s = min(H, L)``: where the no-flux point of the profile lies (``L`` for a single vessel)."""
    if half_distance_um is None:
        return length
    half = require_positive("half_distance_um", half_distance_um)
    return np.minimum(half, length)


def oxygen_profile_mmHg(
    distance_um: ArrayLike,
    vessel_po2_mmHg: float = VESSEL_PO2_MMHG,
    consumption_mmHg_per_s: float = CONSUMPTION_MMHG_PER_S,
    diffusivity_um2_per_s: float = OXYGEN_DIFFUSIVITY_UM2_PER_S,
    half_distance_um: float | None = None,
) -> float | np.ndarray:
    """Steady-state oxygen tension (mmHg) at ``distance_um`` from the vessel wall.

    Without ``half_distance_um``: one vessel, ``c0 (1 - x/L)^2`` and 0 beyond ``L``. With it: the
    slab between two vessels ``2H`` apart, symmetric about the midpoint ``H`` (distances beyond ``H``
    are mirrored onto the other vessel's half); for ``H < L`` the oxygen never runs out.
    """
    x = require_nonnegative("distance_um", distance_um)
    c0 = float(require_nonnegative("vessel_po2_mmHg", vessel_po2_mmHg))
    m = float(require_positive("consumption_mmHg_per_s", consumption_mmHg_per_s))
    d = float(require_positive("diffusivity_um2_per_s", diffusivity_um2_per_s))
    length = np.sqrt(2.0 * d * c0 / m)
    scale = _slab_scale(length, half_distance_um)
    if half_distance_um is not None:
        half = float(half_distance_um)
        x = np.abs(np.mod(x + half, 2.0 * half) - half)        # fold onto [0, H] (mirror at the midpoint)
    within = np.minimum(x, scale)
    profile = np.maximum(c0 - m * within * (2.0 * scale - within) / (2.0 * d), 0.0)
    return as_output(np.where(x >= length, 0.0, profile))


def midpoint_oxygen_mmHg(
    half_distance_um: ArrayLike,
    vessel_po2_mmHg: float = VESSEL_PO2_MMHG,
    consumption_mmHg_per_s: float = CONSUMPTION_MMHG_PER_S,
    diffusivity_um2_per_s: float = OXYGEN_DIFFUSIVITY_UM2_PER_S,
) -> float | np.ndarray:
    """Lowest oxygen tension (mmHg) in the slab, at the midpoint: ``max(c0 - M H^2 / (2D), 0)``."""
    half = require_positive("half_distance_um", half_distance_um)
    c0 = float(require_nonnegative("vessel_po2_mmHg", vessel_po2_mmHg))
    m = float(require_positive("consumption_mmHg_per_s", consumption_mmHg_per_s))
    d = float(require_positive("diffusivity_um2_per_s", diffusivity_um2_per_s))
    return as_output(np.maximum(c0 - m * half**2 / (2.0 * d), 0.0))


def distance_to_threshold_um(
    threshold_mmHg: ArrayLike,
    vessel_po2_mmHg: float = VESSEL_PO2_MMHG,
    consumption_mmHg_per_s: float = CONSUMPTION_MMHG_PER_S,
    diffusivity_um2_per_s: float = OXYGEN_DIFFUSIVITY_UM2_PER_S,
    half_distance_um: ArrayLike | None = None,
) -> float | np.ndarray:
    """Distance (um) at which oxygen falls to ``threshold_mmHg`` (0 if ``c0 <= theta``).

    One vessel: ``L - sqrt(2 D theta / M)``. Between two vessels with half-spacing ``H``:
    ``s - sqrt(s^2 - 2 D (c0 - theta) / M)`` with ``s = min(H, L)``, and ``inf`` where the midpoint
    tension stays above ``theta`` (the threshold is never reached).
    """
    theta = require_nonnegative("threshold_mmHg", threshold_mmHg)
    c0 = float(require_nonnegative("vessel_po2_mmHg", vessel_po2_mmHg))
    m = float(require_positive("consumption_mmHg_per_s", consumption_mmHg_per_s))
    d = float(require_positive("diffusivity_um2_per_s", diffusivity_um2_per_s))
    length = np.sqrt(2.0 * d * c0 / m)
    scale = _slab_scale(length, half_distance_um)
    drop = np.maximum(c0 - theta, 0.0)                        # how far the tension must fall
    discriminant = scale**2 - 2.0 * d * drop / m
    with np.errstate(invalid="ignore"):
        distance = np.where(discriminant >= 0, scale - np.sqrt(np.maximum(discriminant, 0.0)), np.inf)
    return as_output(np.clip(distance, 0.0, None))


def hypoxic_fraction(
    half_distance_um: ArrayLike,
    threshold_mmHg: float = HYPOXIA_THRESHOLD_MMHG,
    vessel_po2_mmHg: float = VESSEL_PO2_MMHG,
    consumption_mmHg_per_s: float = CONSUMPTION_MMHG_PER_S,
    diffusivity_um2_per_s: float = OXYGEN_DIFFUSIVITY_UM2_PER_S,
) -> float | np.ndarray:
    """Fraction of the slab from a vessel to the midpoint between two vessels (half-spacing
    ``half_distance_um``) whose oxygen tension is below ``threshold_mmHg`` (anoxic tissue included).

    Uses the symmetric two-vessel profile: 0 when the midpoint tension is above the threshold."""
    half = require_positive("half_distance_um", half_distance_um)
    x_theta = distance_to_threshold_um(
        threshold_mmHg, vessel_po2_mmHg, consumption_mmHg_per_s, diffusivity_um2_per_s, half
    )
    with np.errstate(invalid="ignore"):
        fraction = np.where(np.isfinite(x_theta), (half - np.minimum(x_theta, half)) / half, 0.0)
    return as_output(np.clip(fraction, 0.0, 1.0))


def drug_penetration_length_um(diffusivity_um2_per_s: ArrayLike, removal_per_s: ArrayLike) -> float | np.ndarray:
    """Decay length (um) of a drug removed at a first-order rate while it diffuses: ``sqrt(D_d / k)``."""
    d = require_positive("diffusivity_um2_per_s", diffusivity_um2_per_s)
    k = require_positive("removal_per_s", removal_per_s)
    return as_output(np.sqrt(d / k))


def drug_profile(distance_um: ArrayLike, penetration_length_um: ArrayLike) -> float | np.ndarray:
    """Drug concentration relative to the vessel, ``exp(-x / lambda)`` (dimensionless)."""
    x = require_nonnegative("distance_um", distance_um)
    lam = require_positive("penetration_length_um", penetration_length_um)
    return as_output(np.exp(-x / lam))


def relative_radiosensitivity(
    po2_mmHg: ArrayLike, oer: ArrayLike = 3.0, half_effect_mmHg: ArrayLike = 3.0
) -> float | np.ndarray:
    """Radiosensitivity relative to fully oxygenated cells: ``(OER p + K) / (OER (p + K))``.

    1 for well-oxygenated cells, ``1 / OER`` for anoxic ones. ``oer`` must be at least 1. Defaults:
    OER 3, approximately the measured value for X-rays (yonekura2014icrp, ICRP
    Publication 127); K 3 mmHg is illustrative.
    """
    p = require_nonnegative("po2_mmHg", po2_mmHg)
    ratio = require_positive("oer", oer)
    if np.any(ratio < 1):
        raise ValueError(f"oer must be at least 1 (oxygen does not protect), got {oer!r}")
    k = require_positive("half_effect_mmHg", half_effect_mmHg)
    return as_output((ratio * p + k) / (ratio * (p + k)))


def radiation_survival(
    dose_Gy: ArrayLike, po2_mmHg: ArrayLike, alpha_per_Gy: float = 0.35, oer: float = 3.0,
    half_effect_mmHg: float = 3.0,
) -> float | np.ndarray:
    """Fraction of cells surviving a single dose: ``exp(-alpha d s(p))`` (illustrative alpha)."""
    dose = require_nonnegative("dose_Gy", dose_Gy)
    alpha = require_positive("alpha_per_Gy", alpha_per_Gy)
    s = relative_radiosensitivity(po2_mmHg, oer, half_effect_mmHg)
    return as_output(np.exp(-alpha * dose * s))


def slab_radiation_survival(
    dose_Gy: float,
    half_distance_um: float,
    vessel_po2_mmHg: float = VESSEL_PO2_MMHG,
    consumption_mmHg_per_s: float = CONSUMPTION_MMHG_PER_S,
    alpha_per_Gy: float = 0.35,
    oer: float = 3.0,
    points: int = 2001,
    half_effect_mmHg: float = 3.0,
) -> float:
    """Mean surviving fraction after one dose over the slab from a vessel to the midpoint between
    two vessels (half-spacing ``half_distance_um``), with the symmetric two-vessel oxygen profile."""
    half = float(require_positive("half_distance_um", half_distance_um))
    x = np.linspace(0.0, half, points)
    p = oxygen_profile_mmHg(x, vessel_po2_mmHg, consumption_mmHg_per_s, half_distance_um=half)
    return float(np.mean(radiation_survival(dose_Gy, p, alpha_per_Gy, oer, half_effect_mmHg)))
