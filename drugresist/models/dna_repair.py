"""DNA repair and PARP inhibitors: how long until *BRCA* revertants regrow the tumour?

The chapter's model follows a tumour of homologous-recombination-deficient cells (for example
cells with a frameshift mutation in *BRCA2*) treated with a PARP inhibitor. Each division of a
deficient cell has a small probability ``u`` of producing a daughter whose *BRCA* reading frame
is restored by a second, "reversion" mutation (edwards2008resistance, sakai2008secondary). Such a
revertant can repair by homologous recombination again, so the PARP inhibitor no longer kills it.

Three pieces, each with a closed form the tests check independently:

1. **Before treatment** (the Luria-Delbrueck and Goldie-Coldman ideas of the chapter on
   combination therapy, reused from :mod:`drugresist.models.combination_therapy`, not re-derived):
   growing from one cell to ``N`` cells takes ``N - 1`` divisions, so the expected number of
   reversion *events* is ``u (N - 1)`` and the probability that at least one revertant exists is
   ``1 - exp(-u (N - 1))``. Because revertants that arise early keep dividing, the expected number
   of revertant *cells* is larger: ``u N ln N`` for a tumour without cell death, and
   ``N u ln(N s) / s`` with ``s = 1 - d/b`` when cells also die (bozic2013evolutionary's
   expression for one resistance mutation).
2. **Under the PARP inhibitor**: deficient cells die at net rate ``k`` per day,
   ``S(t) = N exp(-k t)``; revertants grow at net rate ``g`` per day, ``R(t) = R0 exp(g t)``.
   New reversions during treatment are ignored (the chapter says so).
3. **Read-outs**: the day of the nadir (smallest tumour), ``t* = ln(k S0 / (g R0)) / (k + g)``;
   the day on which the tumour is back to its starting size (a simple stand-in for clinical
   progression), solved exactly, and its approximation ``ln(N / R0) / g`` when the sensitive
   cells are long gone by then.

Units: cell numbers are counts; ``u`` is a probability per cell division; rates are per day;
times are days. All default parameter values are **illustrative**, chosen to give curves of a
sensible shape; none is a measured value for any tumour or drug.
"""

from __future__ import annotations

import math

import numpy as np

from drugresist.models.checks import (
    ArrayLike,
    as_output,
    require_fraction,
    require_nonnegative,
    require_positive,
)
from drugresist.models.kinetics import invert_increasing
from drugresist.models.combination_therapy import (
    expected_resistance_mutations,
    expected_resistant_cells,
    goldie_coldman_probability,
)

#: Illustrative tumour size at the start of PARP-inhibitor treatment (cells).
TUMOUR_CELLS = 1e9
#: Illustrative probability per division that a deficient cell gives rise to a BRCA revertant.
REVERSION_PER_DIVISION = 1e-7
#: Illustrative net death rate of HR-deficient cells under the PARP inhibitor (per day).
KILL_PER_DAY = 0.05
#: Illustrative net growth rate of revertant cells under the PARP inhibitor (per day).
REVERTANT_GROWTH_PER_DAY = 0.03


# ----------------------------------------------------------------------------------------------
# Before treatment: revertants already present
# ----------------------------------------------------------------------------------------------
def expected_reversion_events(n_cells: ArrayLike, reversion_per_division: ArrayLike) -> float | np.ndarray:
    """Expected number of reversion mutations while one cell grows into ``n_cells`` cells.

    ``u (N - 1)``: one chance per division, ``N - 1`` divisions (no cell death). This is
    :func:`drugresist.models.combination_therapy.expected_resistance_mutations` with the reversion
    as the resistance mutation.
    """
    return expected_resistance_mutations(n_cells, require_fraction("reversion_per_division", reversion_per_division))


def prob_any_revertant(n_cells: ArrayLike, reversion_per_division: ArrayLike) -> float | np.ndarray:
    """Probability (0 to 1) that a tumour of ``n_cells`` cells holds at least one revertant.

    ``1 - exp(-u (N - 1))``, the complement of the Goldie-Coldman probability of no resistant
    cell (:func:`drugresist.models.combination_therapy.goldie_coldman_probability`).
    """
    u = require_fraction("reversion_per_division", reversion_per_division)
    return as_output(1.0 - np.asarray(goldie_coldman_probability(n_cells, u)))


def expected_revertant_cells(
    n_cells: ArrayLike, reversion_per_division: ArrayLike, death_to_birth_ratio: ArrayLike = 0.0
) -> float | np.ndarray:
    """Expected number of revertant cells in a tumour of ``n_cells`` cells at the start of treatment.

    Revertants are assumed to grow like the deficient cells before treatment. Without cell death
    (``death_to_birth_ratio = 0``) this is ``u N ln N``; with death at ``d/b`` of the birth rate it
    is ``N u ln(N s) / s`` with ``s = 1 - d/b``, bozic2013evolutionary's expected number of cells
    resistant through one mutation (:func:`drugresist.models.combination_therapy.expected_resistant_cells`
    with a single reversion "site" of rate ``u``). ``death_to_birth_ratio`` lies in [0, 1).
    """
    u = require_fraction("reversion_per_division", reversion_per_division)
    ratio = require_fraction("death_to_birth_ratio", death_to_birth_ratio)
    if np.any(ratio >= 1):
        raise ValueError(f"death_to_birth_ratio must be below 1 (the tumour must grow), got {death_to_birth_ratio!r}")
    return expected_resistant_cells(
        n_cells, rate_per_bp=u, n1=1, birth_per_day=1.0, death_per_day=ratio
    )


# ----------------------------------------------------------------------------------------------
# Under the PARP inhibitor
# ----------------------------------------------------------------------------------------------
def deficient_cells(days: ArrayLike, n_cells: ArrayLike, kill_per_day: ArrayLike) -> float | np.ndarray:
    """HR-deficient cells on the PARP inhibitor: ``N exp(-k t)`` (``t`` in days, ``k`` > 0 per day)."""
    t = require_nonnegative("days", days)
    n = require_positive("n_cells", n_cells)
    k = require_positive("kill_per_day", kill_per_day)
    return as_output(n * np.exp(-k * t))


def revertant_cells(days: ArrayLike, initial_revertants: ArrayLike, growth_per_day: ArrayLike) -> float | np.ndarray:
    """Revertant cells on the PARP inhibitor: ``R0 exp(g t)`` (unaffected by the drug; ``g`` > 0 per day)."""
    t = require_nonnegative("days", days)
    r0 = require_nonnegative("initial_revertants", initial_revertants)
    g = require_positive("growth_per_day", growth_per_day)
    return as_output(r0 * np.exp(g * t))


def nadir_day(n_cells: float, initial_revertants: float, kill_per_day: float, growth_per_day: float) -> float:
    """Day on which ``N exp(-k t) + R0 exp(g t)`` is smallest: ``ln(k N / (g R0)) / (k + g)``.

    Setting the derivative ``-k N exp(-k t) + g R0 exp(g t)`` to zero gives the formula; if it is
    negative (revertants already dominate) the tumour grows from day 0 and the nadir is day 0.
    """
    n, r0, k, g = _treatment_args(n_cells, initial_revertants, kill_per_day, growth_per_day)
    return max(0.0, math.log(k * n / (g * r0)) / (k + g))


def relapse_day_approx(n_cells: float, initial_revertants: float, growth_per_day: float) -> float:
    """Approximate day the tumour regrows to ``N`` cells: ``ln(N / R0) / g`` (revertants alone).

    Good when the deficient cells have long died out by then (``k`` much larger than ``g``).
    Requires ``0 < R0 < N``.
    """
    n = float(require_positive("n_cells", n_cells))
    r0 = float(require_positive("initial_revertants", initial_revertants))
    g = float(require_positive("growth_per_day", growth_per_day))
    if r0 >= n:
        raise ValueError(f"initial_revertants must be below n_cells, got {r0!r} >= {n!r}")
    return math.log(n / r0) / g


def relapse_day(n_cells: float, initial_revertants: float, kill_per_day: float, growth_per_day: float) -> float:
    """Day after the nadir on which ``N exp(-k t) + R0 exp(g t)`` is back to ``N`` (exact, by bisection).

    The starting size ``N`` is a simple stand-in for clinical progression. Requires ``0 < R0 < N``,
    so that the tumour first shrinks. The answer lies between the nadir and the approximation
    :func:`relapse_day_approx`, which ignores the sensitive cells still present.
    """
    n, r0, k, g = _treatment_args(n_cells, initial_revertants, kill_per_day, growth_per_day)
    if r0 >= n:
        raise ValueError(f"initial_revertants must be below n_cells, got {r0!r} >= {n!r}")

    def excess(t):  # total / N - 1, increasing after the nadir
        return np.exp(-k * t) + (r0 / n) * np.exp(g * t) - 1.0

    low, high = nadir_day(n, r0, k, g), relapse_day_approx(n, r0, g)
    if excess(low) >= 0:  # no shrinkage to speak of
        return low
    return float(invert_increasing(excess, 0.0, low, high, iterations=200))


def _treatment_args(n_cells: float, initial_revertants: float, kill_per_day: float,
                    growth_per_day: float) -> tuple[float, float, float, float]:
    return (
        float(require_positive("n_cells", n_cells)),
        float(require_positive("initial_revertants", initial_revertants)),
        float(require_positive("kill_per_day", kill_per_day)),
        float(require_positive("growth_per_day", growth_per_day)),
    )
