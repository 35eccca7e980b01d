"""Drug-target alteration: dose-response and competition with ATP.

Two textbook models:

* the Hill dose-response curve, ``effect = c**h / (c**h + IC50**h)``;
* competitive binding of an ATP-site kinase inhibitor. Drug (concentration D, dissociation
  constant Kd) and ATP (concentration A, Michaelis constant Km) compete for the same site, so
  the fraction of kinase bound by drug is ``(D/Kd) / (1 + D/Kd + A/Km)`` and the drug
  concentration that halves kinase activity is ``Kd * (1 + A/Km)`` (the Cheng-Prusoff relation).

A mutation such as EGFR T790M that raises the kinase's affinity for ATP (lowers Km) therefore
raises the apparent IC50 even when the drug still binds tightly (yun2008t790m). Every numerical
default in this module is illustrative, not a measured value.

Units: drug concentrations and Kd in nM; ATP concentration and Km in uM. Functions accept
numbers or numpy arrays and broadcast.
"""

from __future__ import annotations

import numpy as np

from drugresist.models.checks import ArrayLike, as_output, require_nonnegative, require_positive


def effect(conc: ArrayLike, ic50: ArrayLike, hill: ArrayLike = 1.0) -> float | np.ndarray:
    """Fraction of the maximal drug effect (0 to 1) from the Hill equation.

    Parameters
    ----------
    conc : drug concentration (any unit, e.g. nM), >= 0.
    ic50 : concentration giving half the maximal effect, same unit as ``conc``, > 0.
    hill : Hill coefficient (dimensionless steepness), > 0.
    """
    c = require_nonnegative("conc", conc)
    k = require_positive("ic50", ic50)
    h = require_positive("hill", hill)
    ratio = (c / k) ** h
    return as_output(ratio / (1.0 + ratio))


def drug_occupancy(
    drug_conc_nM: ArrayLike, drug_kd_nM: ArrayLike, atp_conc_uM: ArrayLike, atp_km_uM: ArrayLike
) -> float | np.ndarray:
    """Fraction (0 to 1) of kinase molecules bound by a drug that competes with ATP.

    ``(D/Kd) / (1 + D/Kd + A/Km)`` with D the drug concentration (nM), Kd the drug's
    dissociation constant (nM), A the ATP concentration (uM) and Km the kinase's ATP Michaelis
    constant (uM), treated as its dissociation constant for ATP.
    """
    d = require_nonnegative("drug_conc_nM", drug_conc_nM)
    kd = require_positive("drug_kd_nM", drug_kd_nM)
    a = require_nonnegative("atp_conc_uM", atp_conc_uM)
    km = require_positive("atp_km_uM", atp_km_uM)
    drug_term = d / kd
    return as_output(drug_term / (1.0 + drug_term + a / km))


def atp_occupancy(
    drug_conc_nM: ArrayLike, drug_kd_nM: ArrayLike, atp_conc_uM: ArrayLike, atp_km_uM: ArrayLike
) -> float | np.ndarray:
    """Fraction (0 to 1) of kinase molecules bound by ATP, i.e. active, under drug competition.

    ``(A/Km) / (1 + D/Kd + A/Km)``; units as in :func:`drug_occupancy`.
    """
    d = require_nonnegative("drug_conc_nM", drug_conc_nM)
    kd = require_positive("drug_kd_nM", drug_kd_nM)
    a = require_nonnegative("atp_conc_uM", atp_conc_uM)
    km = require_positive("atp_km_uM", atp_km_uM)
    atp_term = a / km
    return as_output(atp_term / (1.0 + d / kd + atp_term))


def apparent_ic50(drug_kd_nM: ArrayLike, atp_conc_uM: ArrayLike, atp_km_uM: ArrayLike) -> float | np.ndarray:
    """Drug concentration (nM) that halves ATP binding: ``Kd * (1 + A/Km)`` (Cheng-Prusoff).

    Units: ``drug_kd_nM`` in nM, ``atp_conc_uM`` and ``atp_km_uM`` in uM.
    """
    kd = require_positive("drug_kd_nM", drug_kd_nM)
    a = require_nonnegative("atp_conc_uM", atp_conc_uM)
    km = require_positive("atp_km_uM", atp_km_uM)
    return as_output(kd * (1.0 + a / km))


def ic50_fold_change(ic50_resistant: ArrayLike, ic50_sensitive: ArrayLike) -> float | np.ndarray:
    """Fold resistance: ``IC50(resistant) / IC50(sensitive)`` (dimensionless; same units for both)."""
    resistant = require_positive("ic50_resistant", ic50_resistant)
    sensitive = require_positive("ic50_sensitive", ic50_sensitive)
    return as_output(resistant / sensitive)


def resistance_fold_from_atp_affinity(
    atp_affinity_fold: ArrayLike, atp_conc_uM: ArrayLike, atp_km_uM: ArrayLike
) -> float | np.ndarray:
    """Fold rise in apparent IC50 when a mutation divides the ATP Km by ``atp_affinity_fold``.

    The drug's Kd is unchanged. With ``f`` the affinity gain, A the ATP concentration (uM) and
    Km the sensitive kinase's ATP Km (uM): ``(1 + f*A/Km) / (1 + A/Km)``. It lies between 1
    (no ATP) and ``f`` (ATP far above Km).
    """
    f = require_positive("atp_affinity_fold", atp_affinity_fold)
    a = require_nonnegative("atp_conc_uM", atp_conc_uM)
    km = require_positive("atp_km_uM", atp_km_uM)
    return as_output((1.0 + f * a / km) / (1.0 + a / km))
