"""Combination therapy: why resistance to two drugs at once is unlikely, and how drugs interact.

Two groups of models.

**1. Pre-existing resistance (how likely is a tumour to contain a cell resistant to everything?)**

A tumour grows from one cell to ``N`` cells. At each division a daughter cell may acquire a
mutation that makes it resistant to a drug. Mutations arise at random, before and independently
of treatment (luria1943mutations); the drug only selects them.

* *Simple Poisson model.* A tumour that grew from one cell to ``N`` cells went through ``N - 1``
  divisions. If each division produces a cell resistant to drug 1 with probability ``u``, the
  number of resistance mutations is close to Poisson with mean ``u (N - 1)``, and the probability
  that there is none is ``exp(-u (N - 1))``. The chapter states the Goldie-Coldman argument
  (goldie1979mathematic) in this form, with ``alpha`` for ``u`` (derived here, not copied from the
  1979 paper, whose exact expression the course could not check); for large ``N`` it is
  ``exp(-N u)``. For **two** drugs the chapter's simplification is that a cell becomes resistant
  to both only if both mutations happen in the same division, with probability ``u1 * u2``, so the
  probability of no doubly resistant cell is ``exp(-N u1 u2)``. This ignores that a cell resistant
  to one drug founds a clone that keeps dividing and can acquire the second mutation later, and it
  ignores cell death; both make doubly resistant cells *more* likely than the simple formula says.
* *Branching-process model of Bozic et al. (bozic2013evolutionary).* Cells divide at rate ``b`` and
  die at rate ``d`` per day (``b = 0.14``, ``d = 0.13`` in the paper). Equation (1) of the paper
  gives the probability that dual therapy eradicates a lesion of ``M`` cells as the product of four
  terms: no resistant lineage arising by one mutation (a cross-resistance mutation; ``n12`` of them)
  or by two mutations, before or during treatment. During treatment, sensitive cells die at rate
  ``d'`` (``d' = 0.17`` in the paper). :func:`eradication_probability_dual` implements equation (1)
  as published; :func:`eradication_probability_mono` is the same calculation for one drug with
  ``n`` resistance mutations. The per-drug numbers come from the paper: point-mutation rate
  ``u = 1e-9`` per base pair per division, and about 50 point mutations able to confer resistance
  to a typical targeted drug.

**2. Drug interaction (is the combination more than the sum of its parts?)**

* *Bliss independence*: if two drugs act independently, the fraction of cells *not* affected by
  the pair is the product of the fractions not affected by each, so the expected combined effect
  is ``E_A + E_B - E_A * E_B`` (effects as fractions between 0 and 1).
* *Loewe additivity*: a drug cannot interact with itself, so two drugs are additive when doses
  ``a`` and ``b`` that together give effect ``E`` satisfy ``a / A_E + b / B_E = 1``, where ``A_E``
  and ``B_E`` are the doses of each drug alone that give ``E``. The left-hand side is the
  combination index: below 1 means synergy, above 1 antagonism.
* An illustrative interaction surface (:func:`interaction_surface_effect`) with one parameter
  ``alpha`` (0 additive in Loewe's sense, positive synergistic, negative antagonistic), for two
  drugs with Hill dose-response curves of the same steepness. It is a teaching construction, not
  a model fitted to any drug pair.

Units: tumour sizes are numbers of cells; mutation rates are probabilities per cell division (per
base pair where the name says so); birth and death rates are per day; doses are in any unit, the
same for a dose and its EC50; effects are fractions of the maximal effect (0 to 1). Functions
accept numbers or numpy arrays and broadcast, except the two root-finding functions, which take
scalars. Nothing here is random except :func:`simulate_fluctuation_test`, which takes a fixed seed.
"""

from __future__ import annotations

import math

import numpy as np

from drugresist.models.checks import (
    ArrayLike,
    as_output,
    require_open_fraction,
    require_finite,
    require_fraction,
    require_nonnegative,
    require_positive,
)

#: Point-mutation rate in cancer cells, per base pair per cell division (bozic2013evolutionary).
POINT_MUTATION_RATE_PER_BP = 1e-9
#: Number of point mutations able to confer resistance to a typical targeted drug (bozic2013evolutionary).
RESISTANCE_MUTATIONS_PER_DRUG = 50
#: Cell birth (division) rate before treatment, per day (bozic2013evolutionary; 7 days between divisions).
BIRTH_RATE_PER_DAY = 0.14
#: Cell death rate before treatment, per day (bozic2013evolutionary; net growth 0.01 per day).
DEATH_RATE_PER_DAY = 0.13
#: Death rate of sensitive cells during treatment, per day (bozic2013evolutionary, Table 1 and Figure 3).
DEATH_RATE_TREATED_PER_DAY = 0.17

LN2 = math.log(2.0)


# ----------------------------------------------------------------------------------------------
# Mutation probabilities
# ----------------------------------------------------------------------------------------------
def resistance_probability_per_division(
    rate_per_bp: ArrayLike = POINT_MUTATION_RATE_PER_BP, n_mutations: ArrayLike = RESISTANCE_MUTATIONS_PER_DRUG
) -> float | np.ndarray:
    """Probability ``u`` that a division produces a cell resistant to one drug: ``rate_per_bp * n``.

    ``rate_per_bp`` is the point-mutation rate per base pair per division (a probability, 0 to 1);
    ``n_mutations`` (>= 0) is the number of distinct point mutations that confer resistance. The
    defaults, 1e-9 and 50, are from bozic2013evolutionary and give ``u = 5e-8``.
    """
    rate = require_fraction("rate_per_bp", rate_per_bp)
    n = require_nonnegative("n_mutations", n_mutations)
    u = rate * n
    if np.any(u > 1):
        raise ValueError(f"rate_per_bp * n_mutations must be at most 1 (a probability), got {u!r}")
    return as_output(u)


def expected_resistance_mutations(n_cells: ArrayLike, u_per_division: ArrayLike) -> float | np.ndarray:
    """Expected number of resistance mutations while one cell grows into ``n_cells`` (no cell death).

    Growing from 1 to ``N`` cells takes ``N - 1`` divisions, each producing a resistant cell with
    probability ``u``, so the expectation is ``u (N - 1)``. Each such mutation founds a resistant
    clone, so the number of resistant *cells* is larger (see :func:`expected_resistant_cells`).
    """
    n = _require_cells("n_cells", n_cells)
    u = require_fraction("u_per_division", u_per_division)
    return as_output(u * (n - 1.0))


def simulate_fluctuation_test(
    n_cultures: int = 50, generations: int = 20, u_per_division: float = 1e-6, seed: int = 1
) -> np.ndarray:
    """Resistant cells in each of ``n_cultures`` cultures grown from one sensitive cell (Luria-Delbrueck).

    Every generation each cell divides in two; each daughter of a sensitive cell is resistant with
    probability ``u_per_division``, and resistant cells breed true. After ``generations``
    generations a culture has ``2**generations`` cells. A mutation early in a culture's history
    leaves a large resistant clone (a "jackpot"), a late one a single cell, so the counts vary far
    more between cultures than a Poisson distribution with the same mean would. Random, but with a
    fixed ``seed`` the result is reproducible. A teaching simulation of the idea behind
    luria1943mutations, not a model of their experiment.
    """
    from drugresist.models.checks import require_integer

    n = require_integer("n_cultures", n_cultures, 1)
    g = require_integer("generations", generations, 0)
    if g > 40:
        raise ValueError(f"generations must be at most 40 (2**40 cells per culture), got {generations!r}")
    u = float(require_fraction("u_per_division", u_per_division))
    rng = np.random.default_rng(require_integer("seed", seed, 0))
    sensitive = np.ones(n, dtype=np.int64)
    resistant = np.zeros(n, dtype=np.int64)
    for _ in range(g):
        daughters = 2 * sensitive
        new = rng.binomial(daughters, u)
        sensitive = daughters - new
        resistant = 2 * resistant + new
    return resistant


# ----------------------------------------------------------------------------------------------
# Simple Poisson model and Goldie-Coldman
# ----------------------------------------------------------------------------------------------
def prob_no_resistant_mono(n_cells: ArrayLike, u_per_division: ArrayLike) -> float | np.ndarray:
    """Probability (0 to 1) that a tumour of ``n_cells`` cells holds no cell resistant to one drug.

    Poisson approximation ``exp(-N u)``, with ``u`` the probability per division of a resistance
    mutation (:func:`resistance_probability_per_division`). For one drug this is also the
    probability, in bozic2013evolutionary, that no resistant lineage arises and survives before
    treatment (their ``p1`` with ``n`` mutations).
    """
    n = _require_cells("n_cells", n_cells)
    u = require_fraction("u_per_division", u_per_division)
    return as_output(np.exp(-n * u))


def prob_no_resistant_dual(n_cells: ArrayLike, u1_per_division: ArrayLike, u2_per_division: ArrayLike) -> float | np.ndarray:
    """Probability (0 to 1) of no cell resistant to *both* drugs, simple model: ``exp(-N u1 u2)``.

    Simplification: a doubly resistant cell needs both mutations in the same division, with
    probability ``u1 * u2``; singly resistant clones are assumed not to grow and mutate further,
    and cells do not die. Both simplifications make this an optimistic (upper) estimate; see
    :func:`eradication_probability_dual` for the branching-process result.
    """
    n = _require_cells("n_cells", n_cells)
    u1 = require_fraction("u1_per_division", u1_per_division)
    u2 = require_fraction("u2_per_division", u2_per_division)
    return as_output(np.exp(-n * u1 * u2))


def goldie_coldman_probability(n_cells: ArrayLike, alpha_per_division: ArrayLike) -> float | np.ndarray:
    """Goldie-Coldman probability that a tumour of ``N`` cells contains no resistant cell.

    ``P = exp(-alpha (N - 1))`` with ``alpha`` the mutation rate to resistance per cell division
    (goldie1979mathematic, in the form the chapter states and derives: ``N - 1`` divisions, Poisson
    number of mutations). ``N`` >= 1; at ``N = 1`` the probability is 1.
    """
    n = _require_cells("n_cells", n_cells)
    alpha = require_fraction("alpha_per_division", alpha_per_division)
    return as_output(np.exp(-alpha * (n - 1.0)))


def size_at_probability(rate_per_cell: ArrayLike, prob: ArrayLike = 0.5) -> float | np.ndarray:
    """Tumour size (cells) at which ``exp(-N * rate)`` falls to ``prob``: ``N = -ln(prob) / rate``.

    ``rate_per_cell`` is ``u`` for one drug or ``u1 * u2`` for two (simple model), > 0. With the
    default ``prob = 0.5`` this is the size at which resistance becomes more likely than not,
    ``ln 2 / rate``. ``prob`` must lie strictly between 0 and 1.
    """
    rate = require_positive("rate_per_cell", rate_per_cell)
    p = require_open_fraction("prob", prob)
    return as_output(-np.log(p) / rate)


# ----------------------------------------------------------------------------------------------
# Branching-process model (Bozic et al. 2013, equation 1)
# ----------------------------------------------------------------------------------------------
def survival_probability(birth_per_day: ArrayLike = BIRTH_RATE_PER_DAY, death_per_day: ArrayLike = DEATH_RATE_PER_DAY) -> float | np.ndarray:
    """``s = 1 - d/b``: probability that the lineage of one cell never dies out (birth > death >= 0)."""
    b, d = _require_growing("birth_per_day", birth_per_day, "death_per_day", death_per_day)
    return as_output(1.0 - d / b)


def expected_resistant_cells(
    n_cells: ArrayLike,
    rate_per_bp: ArrayLike = POINT_MUTATION_RATE_PER_BP,
    n1: ArrayLike = RESISTANCE_MUTATIONS_PER_DRUG,
    n2: ArrayLike | None = None,
    n12: ArrayLike = 0,
    birth_per_day: ArrayLike = BIRTH_RATE_PER_DAY,
    death_per_day: ArrayLike = DEATH_RATE_PER_DAY,
) -> float | np.ndarray:
    """Expected number of resistant cells in a lesion of ``M = n_cells`` cells (bozic2013evolutionary).

    With ``mu = (u/s) ln(M s)``, ``u`` the per-base-pair rate and ``s = 1 - d/b``:
    one drug (``n2=None``): ``X = M n1 mu``; two drugs:
    ``X = M [n12 mu + (n1 n2 + n12/2 (n1 + n2 - n12)) mu**2]``. Requires ``M s > 1``.
    The factor ``ln(M s)/s`` counts the growth of resistant clones after they arise.
    """
    m = _require_cells("n_cells", n_cells)
    u = require_fraction("rate_per_bp", rate_per_bp)
    a = require_nonnegative("n1", n1)
    c = require_nonnegative("n12", n12)
    s = np.asarray(survival_probability(birth_per_day, death_per_day))
    if np.any(m * s <= 1):
        raise ValueError("n_cells * (1 - death/birth) must exceed 1 for this approximation")
    mu = u / s * np.log(m * s)
    if n2 is None:
        return as_output(m * a * mu)
    b2 = require_nonnegative("n2", n2)
    return as_output(m * (c * mu + (a * b2 + c / 2.0 * (a + b2 - c)) * mu**2))


def eradication_probability_mono(
    n_cells: ArrayLike,
    rate_per_bp: ArrayLike = POINT_MUTATION_RATE_PER_BP,
    n_mutations: ArrayLike = RESISTANCE_MUTATIONS_PER_DRUG,
    birth_per_day: ArrayLike = BIRTH_RATE_PER_DAY,
    death_per_day: ArrayLike = DEATH_RATE_PER_DAY,
    death_treated_per_day: ArrayLike = DEATH_RATE_TREATED_PER_DAY,
) -> float | np.ndarray:
    """Probability (0 to 1) that one drug eradicates a lesion of ``M`` cells (bozic2013evolutionary).

    No resistant lineage may arise and survive before treatment, ``exp(-M u n)``, or during it,
    ``exp(M u n s/s')``, with ``s = 1 - d/b`` and ``s' = 1 - d'/b`` < 0 (treatment is assumed to
    change only the death rate of sensitive cells, as in the paper's default).
    """
    m = _require_cells("n_cells", n_cells)
    u = require_fraction("rate_per_bp", rate_per_bp)
    n = require_nonnegative("n_mutations", n_mutations)
    s, s_t = _rates(birth_per_day, death_per_day, death_treated_per_day)
    return as_output(np.exp(-m * u * n) * np.exp(m * u * n * s / s_t))


def eradication_probability_dual(
    n_cells: ArrayLike,
    rate_per_bp: ArrayLike = POINT_MUTATION_RATE_PER_BP,
    n1: ArrayLike = RESISTANCE_MUTATIONS_PER_DRUG,
    n2: ArrayLike = RESISTANCE_MUTATIONS_PER_DRUG,
    n12: ArrayLike = 0,
    birth_per_day: ArrayLike = BIRTH_RATE_PER_DAY,
    death_per_day: ArrayLike = DEATH_RATE_PER_DAY,
    death_treated_per_day: ArrayLike = DEATH_RATE_TREATED_PER_DAY,
) -> float | np.ndarray:
    """Probability (0 to 1) that two drugs given together eradicate a lesion (bozic2013evolutionary, eq. 1).

    ``p = p1_before * p1_during * p2_before * p2_during`` where, with ``M`` cells, ``u`` the
    per-base-pair rate, ``s = 1 - d/b``, ``s' = 1 - d'/b`` and ``k = (s' - s)/(s s')``:

    * ``p1_before = exp(-M u n12)``, ``p1_during = exp(M u n12 s/s')`` (one cross-resistance mutation);
    * ``p2_before = exp(M u**2 k [n1 (n2+n12) ln(1/(sM) + u (n2+n12) k) + n2 (n1+n12) ln(1/(sM) + u (n1+n12) k)])``;
    * ``p2_during = exp(-M u**2 (2 n1 n2 + n12 (n1+n2)) s / s'**2)`` (two mutations in turn).
    """
    m = _require_cells("n_cells", n_cells)
    u = require_fraction("rate_per_bp", rate_per_bp)
    a = require_nonnegative("n1", n1)
    b2 = require_nonnegative("n2", n2)
    c = require_nonnegative("n12", n12)
    s, s_t = _rates(birth_per_day, death_per_day, death_treated_per_day)
    k = (s_t - s) / (s * s_t)
    log_p1 = -m * u * c + m * u * c * s / s_t
    log_p2_before = m * u**2 * k * (
        a * (b2 + c) * np.log(1.0 / (s * m) + u * (b2 + c) * k)
        + b2 * (a + c) * np.log(1.0 / (s * m) + u * (a + c) * k)
    )
    log_p2_during = -m * u**2 * (2.0 * a * b2 + c * (a + b2)) * s / s_t**2
    return as_output(np.exp(log_p1 + log_p2_before + log_p2_during))


def size_at_eradication_probability(
    prob: float = 0.5,
    rate_per_bp: float = POINT_MUTATION_RATE_PER_BP,
    n1: float = RESISTANCE_MUTATIONS_PER_DRUG,
    n2: float | None = RESISTANCE_MUTATIONS_PER_DRUG,
    n12: float = 0,
    birth_per_day: float = BIRTH_RATE_PER_DAY,
    death_per_day: float = DEATH_RATE_PER_DAY,
    death_treated_per_day: float = DEATH_RATE_TREATED_PER_DAY,
) -> float:
    """Lesion size (cells) at which the eradication probability falls to ``prob`` (default 0.5).

    One drug if ``n2`` is None (:func:`eradication_probability_mono` with ``n1`` mutations), two
    otherwise (:func:`eradication_probability_dual`). Deterministic bracketing on ``log10(M)`` between
    10 and 1e20 cells (five rounds of 1001 points each); scalars only. Raises ``ValueError`` if the probability does not
    cross ``prob`` in that range (for example when no resistance mutation exists).
    """
    p = float(require_open_fraction("prob", prob))

    def log_p(log10_m: np.ndarray) -> np.ndarray:
        m = 10.0**log10_m
        if n2 is None:
            value = eradication_probability_mono(m, rate_per_bp, n1, birth_per_day, death_per_day, death_treated_per_day)
        else:
            value = eradication_probability_dual(
                m, rate_per_bp, n1, n2, n12, birth_per_day, death_per_day, death_treated_per_day
            )
        return np.log(np.maximum(np.asarray(value, dtype=float), 1e-300))

    lo, hi = 1.0, 20.0
    target = math.log(p)
    ends = log_p(np.array([lo, hi]))
    if not ends[0] > target > ends[1]:
        raise ValueError(f"the eradication probability does not fall to {p} between 1e1 and 1e20 cells")
    # Narrow the bracket on log10(M) by a factor of 1000 per round with one vectorised call on
    # 1001 evenly spaced points (the probability falls with M); five rounds reach double precision.
    for _ in range(5):
        grid = np.linspace(lo, hi, 1001)
        above = log_p(grid) > target
        last_above = int(np.flatnonzero(above)[-1])
        lo, hi = grid[last_above], grid[min(last_above + 1, grid.size - 1)]
        if hi <= lo:
            break
    return float(10.0 ** (0.5 * (lo + hi)))


# ----------------------------------------------------------------------------------------------
# Drug interaction: Bliss, Loewe, an illustrative interaction surface
# ----------------------------------------------------------------------------------------------
def hill_effect(dose: ArrayLike, ec50: ArrayLike, hill: ArrayLike = 1.0) -> float | np.ndarray:
    """Fraction of the maximal effect (0 to 1), Hill curve ``d**h / (d**h + EC50**h)``."""
    d = require_nonnegative("dose", dose)
    k = require_positive("ec50", ec50)
    h = require_positive("hill", hill)
    ratio = (d / k) ** h
    return as_output(ratio / (1.0 + ratio))


def hill_dose_for_effect(effect: ArrayLike, ec50: ArrayLike, hill: ArrayLike = 1.0) -> float | np.ndarray:
    """Dose of one drug alone that gives ``effect`` (strictly between 0 and 1): ``EC50 (E/(1-E))**(1/h)``."""
    e = require_open_fraction("effect", effect)
    k = require_positive("ec50", ec50)
    h = require_positive("hill", hill)
    return as_output(k * (e / (1.0 - e)) ** (1.0 / h))


def bliss_expected(effect_a: ArrayLike, effect_b: ArrayLike) -> float | np.ndarray:
    """Combined effect expected if the drugs act independently (Bliss): ``E_A + E_B - E_A E_B``.

    Effects are fractions (0 to 1) of cells affected. Equivalent to multiplying the fractions
    *not* affected: ``1 - (1 - E_A)(1 - E_B)``.
    """
    ea = require_fraction("effect_a", effect_a)
    eb = require_fraction("effect_b", effect_b)
    return as_output(ea + eb - ea * eb)


def bliss_excess(observed: ArrayLike, effect_a: ArrayLike, effect_b: ArrayLike) -> float | np.ndarray:
    """Observed combined effect minus the Bliss expectation: > 0 synergy, < 0 antagonism (Bliss sense)."""
    obs = require_fraction("observed", observed)
    return as_output(obs - np.asarray(bliss_expected(effect_a, effect_b)))


def loewe_combination_index(
    dose_a: ArrayLike,
    dose_b: ArrayLike,
    effect: ArrayLike,
    ec50_a: ArrayLike,
    ec50_b: ArrayLike,
    hill_a: ArrayLike = 1.0,
    hill_b: ArrayLike = 1.0,
) -> float | np.ndarray:
    """Loewe combination index ``a / A_E + b / B_E`` for doses ``a``, ``b`` that together give ``effect``.

    ``A_E`` and ``B_E`` are the doses of each drug alone (Hill curves with the given EC50s and Hill
    coefficients) that give the same effect. 1 = additive (the doses lie on the isobole), < 1 =
    synergy, > 1 = antagonism. ``effect`` must be strictly between 0 and 1.
    """
    a = require_nonnegative("dose_a", dose_a)
    b = require_nonnegative("dose_b", dose_b)
    a_e = np.asarray(hill_dose_for_effect(effect, ec50_a, hill_a))
    b_e = np.asarray(hill_dose_for_effect(effect, ec50_b, hill_b))
    return as_output(a / a_e + b / b_e)


def loewe_additive_effect(
    dose_a: ArrayLike, dose_b: ArrayLike, ec50_a: ArrayLike, ec50_b: ArrayLike, hill: ArrayLike = 1.0
) -> float | np.ndarray:
    """Effect that Loewe additivity predicts for two Hill drugs with the *same* Hill coefficient.

    With ``z = a/EC50_A + b/EC50_B`` the pair acts like one drug at ``z`` times its EC50, so the
    effect is ``z**h / (1 + z**h)``.
    """
    return interaction_surface_effect(dose_a, dose_b, ec50_a, ec50_b, hill, 0.0)


def interaction_surface_effect(
    dose_a: ArrayLike,
    dose_b: ArrayLike,
    ec50_a: ArrayLike,
    ec50_b: ArrayLike,
    hill: ArrayLike = 1.0,
    alpha: ArrayLike = 0.0,
) -> float | np.ndarray:
    """Effect (0 to 1) of a combination on an illustrative interaction surface (teaching construction).

    With ``x = a/EC50_A``, ``y = b/EC50_B`` and ``r = (E/(1-E))**(1/h)``, the surface is defined by
    ``x/r + y/r + alpha x y / r**2 = 1``, whose positive root is
    ``r = [(x + y) + sqrt((x + y)**2 + 4 alpha x y)] / 2``; then ``E = r**h / (1 + r**h)``.
    ``alpha = 0`` is Loewe additivity, ``alpha > 0`` synergy, ``-1 <= alpha < 0`` antagonism
    (``alpha = -1`` gives the effect of the stronger drug alone). Both drugs share one Hill
    coefficient. The Loewe combination index on this surface is ``1 - alpha x y / r**2``.
    """
    x = require_nonnegative("dose_a", dose_a) / require_positive("ec50_a", ec50_a)
    y = require_nonnegative("dose_b", dose_b) / require_positive("ec50_b", ec50_b)
    h = require_positive("hill", hill)
    al = require_finite("alpha", alpha)
    if np.any(al < -1):
        raise ValueError(f"alpha must be at least -1, got {alpha!r}")
    total = x + y
    r = 0.5 * (total + np.sqrt(np.maximum(total**2 + 4.0 * al * x * y, 0.0)))
    rh = r**h
    return as_output(rh / (1.0 + rh))


# ----------------------------------------------------------------------------------------------
# helpers
# ----------------------------------------------------------------------------------------------
def _require_cells(name: str, value: ArrayLike) -> np.ndarray:
    """A number of cells: finite and at least 1."""
    array = require_finite(name, value)
    if np.any(array < 1):
        raise ValueError(f"{name} must be at least 1 (a number of cells), got {value!r}")
    return array


def _require_growing(b_name: str, birth: ArrayLike, d_name: str, death: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Birth rate > 0, death rate >= 0 and below the birth rate (a growing tumour)."""
    b = require_positive(b_name, birth)
    d = require_nonnegative(d_name, death)
    if np.any(d >= b):
        raise ValueError(f"{d_name} must be below {b_name} (the tumour must grow before treatment)")
    return b, d


def _rates(birth: ArrayLike, death: ArrayLike, death_treated: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """``s = 1 - d/b`` (> 0) and ``s' = 1 - d'/b`` (< 0: treatment shrinks sensitive cells)."""
    b, d = _require_growing("birth_per_day", birth, "death_per_day", death)
    d_t = require_positive("death_treated_per_day", death_treated)
    if np.any(d_t <= b):
        raise ValueError("death_treated_per_day must exceed birth_per_day (treatment must shrink sensitive cells)")
    return 1.0 - d / b, 1.0 - d_t / b
