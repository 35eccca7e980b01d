"""Oxygen and drug penetration from a blood vessel into tumour tissue, and what they do to therapy.

The model
---------
Tissue is a slab that receives oxygen from a vessel wall at ``x = 0``. Oxygen diffuses with
diffusion coefficient ``D`` and is consumed by the cells at a constant rate ``M`` wherever any is
left (zero-order consumption). At steady state ``D c'' = M``; with ``c(0) = c0`` and no flux at the
point where oxygen runs out, the profile is

    c(x) = c0 - M x (2L - x) / (2D)        for 0 <= x <= L,   c(x) = 0 beyond,

with the **penetration distance** ``L = sqrt(2 D c0 / M)``. Cells beyond ``L`` get no oxygen; the
distance at which the oxygen tension falls to a threshold ``theta`` is ``L - sqrt(2 D theta / M)``.

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


def oxygen_profile_mmHg(
    distance_um: ArrayLike,
    vessel_po2_mmHg: float = VESSEL_PO2_MMHG,
    consumption_mmHg_per_s: float = CONSUMPTION_MMHG_PER_S,
    diffusivity_um2_per_s: float = OXYGEN_DIFFUSIVITY_UM2_PER_S,
) -> float | np.ndarray:
    """Steady-state oxygen tension (mmHg) at ``distance_um`` from the vessel wall (0 beyond ``L``)."""
    x = require_nonnegative("distance_um", distance_um)
    c0 = float(require_nonnegative("vessel_po2_mmHg", vessel_po2_mmHg))
    m = float(require_positive("consumption_mmHg_per_s", consumption_mmHg_per_s))
    d = float(require_positive("diffusivity_um2_per_s", diffusivity_um2_per_s))
    length = np.sqrt(2.0 * d * c0 / m)
    within = np.minimum(x, length)
    profile = np.maximum(c0 - m * within * (2.0 * length - within) / (2.0 * d), 0.0)
    return as_output(np.where(x >= length, 0.0, profile))


def distance_to_threshold_um(
    threshold_mmHg: ArrayLike,
    vessel_po2_mmHg: float = VESSEL_PO2_MMHG,
    consumption_mmHg_per_s: float = CONSUMPTION_MMHG_PER_S,
    diffusivity_um2_per_s: float = OXYGEN_DIFFUSIVITY_UM2_PER_S,
) -> float | np.ndarray:
    """Distance (um) at which oxygen falls to ``threshold_mmHg``: ``L - sqrt(2 D theta / M)`` (0 if c0 <= theta)."""
    theta = require_nonnegative("threshold_mmHg", threshold_mmHg)
    c0 = float(require_nonnegative("vessel_po2_mmHg", vessel_po2_mmHg))
    m = float(require_positive("consumption_mmHg_per_s", consumption_mmHg_per_s))
    d = float(require_positive("diffusivity_um2_per_s", diffusivity_um2_per_s))
    length = np.sqrt(2.0 * d * c0 / m)
    return as_output(np.clip(length - np.sqrt(2.0 * d * theta / m), 0.0, None))


def hypoxic_fraction(
    half_distance_um: ArrayLike,
    threshold_mmHg: float = HYPOXIA_THRESHOLD_MMHG,
    vessel_po2_mmHg: float = VESSEL_PO2_MMHG,
    consumption_mmHg_per_s: float = CONSUMPTION_MMHG_PER_S,
    diffusivity_um2_per_s: float = OXYGEN_DIFFUSIVITY_UM2_PER_S,
) -> float | np.ndarray:
    """Fraction of a slab of thickness ``half_distance_um`` (vessel to the midpoint between two
    vessels) whose oxygen tension is below ``threshold_mmHg`` (anoxic tissue included)."""
    half = require_positive("half_distance_um", half_distance_um)
    x_theta = distance_to_threshold_um(threshold_mmHg, vessel_po2_mmHg, consumption_mmHg_per_s, diffusivity_um2_per_s)
    return as_output(np.clip((half - x_theta) / half, 0.0, 1.0))


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
) -> float:
    """Mean surviving fraction over a slab of tissue ``half_distance_um`` thick after one dose."""
    half = float(require_positive("half_distance_um", half_distance_um))
    x = np.linspace(0.0, half, points)
    p = oxygen_profile_mmHg(x, vessel_po2_mmHg, consumption_mmHg_per_s)
    return float(np.mean(radiation_survival(dose_Gy, p, alpha_per_Gy, oer)))
