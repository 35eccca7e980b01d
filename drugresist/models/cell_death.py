"""Apoptosis and BH3 mimetics: competitive binding of a drug and BIM to BCL-2, with MCL-1 beside it.

The model (a textbook equilibrium picture, simplified on purpose):

* BIM, a pro-apoptotic BH3-only protein (total ``bim_nM``), binds two anti-apoptotic proteins:
  BCL-2 (total ``bcl2_nM``, dissociation constant ``kd_bim_bcl2_nM``) and MCL-1 (total
  ``mcl1_nM``, dissociation constant ``kd_bim_mcl1_nM``). BIM that is bound is held in check;
  free BIM is the apoptotic signal.
* A BH3 mimetic such as venetoclax (concentration ``drug_nM``, dissociation constant
  ``kd_drug_nM``) binds the same groove of BCL-2 as BIM, and does not bind MCL-1
  (souers2013abt199). The drug is assumed to be in excess (free drug = total drug), so it simply
  makes BCL-2 look weaker to BIM: BIM's apparent dissociation constant for BCL-2 becomes
  ``kd_bim_bcl2 * (1 + drug / kd_drug)``, the same competition factor as in the Cheng-Prusoff
  relation (cheng1973relationship).
* The BIM mass balance

      bim_total = b + bcl2 * b / (K2' + b) + mcl1 * b / (Km + b)

  is solved for the free BIM concentration ``b`` (nM). Its left side minus its right side is
  strictly monotone in ``b`` on ``[0, bim_total]``, so a bracketed bisection always converges.
* The cell is taken to start apoptosis when free BIM reaches ``threshold_nM``. The drug
  concentration that gets it there has a closed form (:func:`trigger_dose_nM`), proportional to
  ``kd_drug``: a mutation that weakens drug binding f-fold (BCL2 G101V, about 180-fold,
  blombery2019acquisition) raises the trigger dose exactly f-fold, while extra MCL-1 raises it
  non-linearly and can put apoptosis out of the drug's reach.

Every numerical default is illustrative, not a measured value. Units: all concentrations and
dissociation constants in nM. Functions accept numbers or numpy arrays and broadcast.
"""

from __future__ import annotations

import numpy as np

from drugresist.models.checks import ArrayLike, as_output, require_nonnegative, require_positive
from drugresist.models.kinetics import invert_increasing

#: Illustrative defaults (nM): not measured values.
BCL2_NM = 100.0
MCL1_NM = 0.0
BIM_NM = 80.0
KD_BIM_BCL2_NM = 1.0
KD_BIM_MCL1_NM = 1.0
KD_DRUG_NM = 0.1
THRESHOLD_NM = 10.0

_BISECTION_STEPS = 100  # halvings of [0, total]: far below double precision


def apparent_bim_kd_nM(kd_bim_bcl2_nM: ArrayLike, drug_nM: ArrayLike, kd_drug_nM: ArrayLike) -> float | np.ndarray:
    """BIM's apparent dissociation constant for BCL-2 (nM) when a competing drug is present.

    ``Kd_BIM * (1 + D / Kd_drug)``: with the drug in excess, BCL-2 molecules holding drug are
    unavailable to BIM, exactly as in competitive inhibition (the Cheng-Prusoff factor).
    """
    k = require_positive("kd_bim_bcl2_nM", kd_bim_bcl2_nM)
    d = require_nonnegative("drug_nM", drug_nM)
    kd = require_positive("kd_drug_nM", kd_drug_nM)
    return as_output(k * (1.0 + d / kd))


def drug_occupancy_of_bcl2(
    drug_nM: ArrayLike, kd_drug_nM: ArrayLike, free_bim_nM: ArrayLike, kd_bim_bcl2_nM: ArrayLike
) -> float | np.ndarray:
    """Fraction (0 to 1) of BCL-2 molecules holding drug: ``(D/Kd) / (1 + D/Kd + b/K_BIM)``.

    ``free_bim_nM`` is the free BIM concentration ``b``; all concentrations in nM.
    """
    d = require_nonnegative("drug_nM", drug_nM)
    kd = require_positive("kd_drug_nM", kd_drug_nM)
    b = require_nonnegative("free_bim_nM", free_bim_nM)
    k = require_positive("kd_bim_bcl2_nM", kd_bim_bcl2_nM)
    drug_term = d / kd
    return as_output(drug_term / (1.0 + drug_term + b / k))


def free_bim_nM(
    drug_nM: ArrayLike = 0.0,
    *,
    bcl2_nM: ArrayLike = BCL2_NM,
    mcl1_nM: ArrayLike = MCL1_NM,
    bim_nM: ArrayLike = BIM_NM,
    kd_bim_bcl2_nM: ArrayLike = KD_BIM_BCL2_NM,
    kd_bim_mcl1_nM: ArrayLike = KD_BIM_MCL1_NM,
    kd_drug_nM: ArrayLike = KD_DRUG_NM,
) -> float | np.ndarray:
    """Free BIM (nM) at equilibrium, solving the BIM mass balance by bisection.

    ``bim = b + bcl2 * b / (K2' + b) + mcl1 * b / (Km + b)`` with
    ``K2' = kd_bim_bcl2 * (1 + drug / kd_drug)`` and ``Km = kd_bim_mcl1``. The free BIM lies
    between 0 and the total; the shared bisection (:func:`drugresist.models.kinetics.invert_increasing`)
    halves that bracket to double precision (exactly zero when there is no BIM). All concentrations in nM.
    """
    d = require_nonnegative("drug_nM", drug_nM)
    b2 = require_nonnegative("bcl2_nM", bcl2_nM)
    m1 = require_nonnegative("mcl1_nM", mcl1_nM)
    total = require_nonnegative("bim_nM", bim_nM)
    k2 = require_positive("kd_bim_bcl2_nM", kd_bim_bcl2_nM)
    km = require_positive("kd_bim_mcl1_nM", kd_bim_mcl1_nM)
    kd = require_positive("kd_drug_nM", kd_drug_nM)
    k2_apparent = k2 * (1.0 + d / kd)
    shape = np.broadcast(d, b2, m1, total, k2, km, kd).shape
    target = np.broadcast_to(total, shape).astype(float)

    def bound_plus_free(b: np.ndarray) -> np.ndarray:  # total BIM implied by free BIM b; increasing
        return b + b2 * b / (k2_apparent + b) + m1 * b / (km + b)

    return as_output(invert_increasing(bound_plus_free, target, 0.0, target, iterations=_BISECTION_STEPS))


def free_bim_fraction(drug_nM: ArrayLike = 0.0, **params: ArrayLike) -> float | np.ndarray:
    """Free BIM as a fraction (0 to 1) of total BIM; keyword parameters as in :func:`free_bim_nM`."""
    total = require_positive("bim_nM", params.get("bim_nM", BIM_NM))
    return as_output(np.asarray(free_bim_nM(drug_nM, **params)) / total)


def trigger_dose_nM(
    *,
    bcl2_nM: ArrayLike = BCL2_NM,
    mcl1_nM: ArrayLike = MCL1_NM,
    bim_nM: ArrayLike = BIM_NM,
    kd_bim_bcl2_nM: ArrayLike = KD_BIM_BCL2_NM,
    kd_bim_mcl1_nM: ArrayLike = KD_BIM_MCL1_NM,
    kd_drug_nM: ArrayLike = KD_DRUG_NM,
    threshold_nM: ArrayLike = THRESHOLD_NM,
) -> float | np.ndarray:
    """Drug concentration (nM) at which free BIM reaches ``threshold_nM`` (closed form).

    At free BIM ``t`` the BIM left over for BCL-2 is ``R = bim - t - mcl1 * t / (Km + t)``.

    * ``R <= 0``: MCL-1 alone holds so much BIM that the threshold is out of reach: ``inf``.
    * otherwise BCL-2 must hold exactly ``R``, which needs ``K2' = bcl2 * t / R - t``; if that is
      not above ``kd_bim_bcl2`` the threshold is reached with no drug at all: ``0``;
    * else ``D = kd_drug * (K2' / kd_bim_bcl2 - 1)``, proportional to the drug's Kd.

    All concentrations in nM.
    """
    b2 = require_nonnegative("bcl2_nM", bcl2_nM)
    m1 = require_nonnegative("mcl1_nM", mcl1_nM)
    total = require_nonnegative("bim_nM", bim_nM)
    k2 = require_positive("kd_bim_bcl2_nM", kd_bim_bcl2_nM)
    km = require_positive("kd_bim_mcl1_nM", kd_bim_mcl1_nM)
    kd = require_positive("kd_drug_nM", kd_drug_nM)
    t = require_positive("threshold_nM", threshold_nM)
    left_for_bcl2 = total - t - m1 * t / (km + t)
    reachable = left_for_bcl2 > 0
    safe_left = np.where(reachable, left_for_bcl2, 1.0)
    k2_needed = b2 * t / safe_left - t
    dose = np.where(k2_needed <= k2, 0.0, kd * (k2_needed / k2 - 1.0))
    return as_output(np.where(reachable, dose, np.inf))


def max_mcl1_for_apoptosis_nM(
    *, bim_nM: ArrayLike = BIM_NM, kd_bim_mcl1_nM: ArrayLike = KD_BIM_MCL1_NM, threshold_nM: ArrayLike = THRESHOLD_NM
) -> float | np.ndarray:
    """The MCL-1 level (nM) above which no amount of a BCL-2-only drug reaches the threshold.

    ``(bim - t) * (Km + t) / t``: even with BCL-2 fully blocked, MCL-1 above this level holds
    enough BIM to keep free BIM below ``t``. Zero if the BIM total is not above the threshold.
    """
    total = require_nonnegative("bim_nM", bim_nM)
    km = require_positive("kd_bim_mcl1_nM", kd_bim_mcl1_nM)
    t = require_positive("threshold_nM", threshold_nM)
    return as_output(np.maximum(total - t, 0.0) * (km + t) / t)


def dose_fold_change(resistant_dose_nM: ArrayLike, sensitive_dose_nM: ArrayLike) -> float | np.ndarray:
    """Fold rise in trigger dose: ``resistant / sensitive`` (dimensionless; both in nM, both > 0).

    An infinite resistant dose (threshold out of reach) gives ``inf``.
    """
    resistant = np.asarray(resistant_dose_nM, dtype=float)
    if np.any(np.isnan(resistant)) or np.any(resistant <= 0):
        raise ValueError(f"resistant_dose_nM must be positive (greater than zero), got {resistant_dose_nM!r}")
    sensitive = require_positive("sensitive_dose_nM", sensitive_dose_nM)
    return as_output(resistant / sensitive)
