"""A stem-cell hierarchy under therapy that kills cycling cells: shrinkage, relapse, and a stem-targeted agent.

The model
---------
Three compartments of tumour cells, counted in cells:

* ``S``, cancer stem cells. The stem pool grows at its net self-renewal rate ``r_S`` and, by
  dividing asymmetrically, makes ``a`` progenitor cells per stem cell per day without losing
  itself;
* ``P``, progenitor (transit-amplifying) cells, which divide at rate ``p`` and leave the
  compartment by differentiating at rate ``d`` (``p < d + r_S``: progenitors cannot sustain
  themselves, they need the stem cells);
* ``D``, differentiated cells, which no longer divide and die at rate ``mu``.

Therapy that kills cycling cells (most chemotherapy and radiation) removes each compartment at
rate ``k * f``, where ``k`` is the kill rate of a fully cycling population and ``f`` the
compartment's *exposure*, the fraction of that kill rate its cells suffer: progenitors cycle
(``f_P`` near 1), differentiated cells do not (``f_D = 0``). For stem cells ``f_S`` (the
``stem_cycling_fraction`` parameter) is small, and it is an effective exposure, **not** the share
of stem cells in the cell cycle at any moment: the pool makes ``a`` progenitors per stem cell per
day and grows at ``r_S``, so on average its cells divide about ``a + r_S`` times a day (0.4 with
the defaults), which a pool with only 0.5 % of its cells dividing could not do. ``f_S`` lumps
together a quiescent reserve within the pool and the stem cells' other protections (drug pumps,
DNA repair, resistance to apoptosis: dean2005tumour); a model that separated the reserve would have
a quiescent and a cycling stem compartment exchanging cells. A stem-targeted agent adds a
kill rate ``k_T`` on ``S`` alone, whether the cells cycle or not. Both are given from day 0 to
day ``T`` (the therapy duration); afterwards the tumour grows untreated. During therapy

    dS/dt = (r_S - k f_S - k_T) S
    dP/dt = a S + (p - d - k f_P) P
    dD/dt = d P - (mu + k f_D) D

and after therapy the same equations with ``k = k_T = 0``. The system is linear and its matrix
is lower triangular, so it is solved exactly, ``x(t) = exp(A t) x(0)``, with a matrix
exponential (scaling and squaring of a Taylor series) on each interval of constant treatment.
The growth rates of the compartments are the diagonal entries of ``A``; the stem pool's rate
``r_S`` is the largest when untreated, so an untreated tumour settles into a fixed composition
(the *balanced* composition) and grows as ``exp(r_S t)``.

Extinction: a deterministic model has no whole cells. When the expected number of stem cells
falls below ``extinction_threshold_cells`` (one cell by default) the stem pool is set to zero:
the tumour is then counted as cured, and its remaining cells die out without regrowth.
Whether the last few cells die is a matter of chance that this model does not describe.

Units: time in days, rates per day, cell numbers in cells. Every parameter value used with this
model in the course is **illustrative**, chosen to show the behaviour, not measured in any
tumour. The ideas it encodes, a hierarchy with stem cells at its top, quiescent stem cells that
escape drugs aimed at dividing cells, and regrowth from the surviving stem cells, are those of
bonnet1997human, dean2005tumour, graham2002primitive and chen2012restricted.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from drugresist.models.checks import (
    ArrayLike,
    require_finite,
    require_fraction,
    require_integer,
    require_nonnegative,
    require_positive,
)


@dataclass(frozen=True)
class Hierarchy:
    """Rates (per day) and cycling fractions of the three compartments. All defaults are illustrative.

    ``stem_renewal_per_day``: net growth rate of the stem pool, untreated (``r_S``, > 0).
    ``progenitor_output_per_day``: progenitors made per stem cell per day (``a``, >= 0).
    ``progenitor_division_per_day``: division rate of progenitors (``p``, >= 0).
    ``progenitor_differentiation_per_day``: rate at which progenitors become differentiated cells (``d``).
    ``differentiated_death_per_day``: death rate of differentiated cells (``mu``, > 0).
    ``*_cycling_fraction``: each compartment's exposure to therapy against dividing cells, as a
    fraction of the kill rate of a fully cycling population (for stem cells an effective figure, not
    the share dividing at any moment; see the module docstring).

    A hierarchy needs the stem pool to grow faster than progenitors can on their own,
    ``r_S > p - d``; otherwise the progenitors would behave as stem cells and ``ValueError`` is raised.
    """

    stem_renewal_per_day: float = 0.015
    progenitor_output_per_day: float = 0.4
    progenitor_division_per_day: float = 0.45
    progenitor_differentiation_per_day: float = 0.46
    differentiated_death_per_day: float = 0.1
    stem_cycling_fraction: float = 0.005
    progenitor_cycling_fraction: float = 1.0
    differentiated_cycling_fraction: float = 0.0

    def __post_init__(self) -> None:
        require_positive("stem_renewal_per_day", self.stem_renewal_per_day)
        require_nonnegative("progenitor_output_per_day", self.progenitor_output_per_day)
        require_nonnegative("progenitor_division_per_day", self.progenitor_division_per_day)
        require_nonnegative("progenitor_differentiation_per_day", self.progenitor_differentiation_per_day)
        require_positive("differentiated_death_per_day", self.differentiated_death_per_day)
        require_fraction("stem_cycling_fraction", self.stem_cycling_fraction)
        require_fraction("progenitor_cycling_fraction", self.progenitor_cycling_fraction)
        require_fraction("differentiated_cycling_fraction", self.differentiated_cycling_fraction)
        if self.progenitor_net_per_day >= self.stem_renewal_per_day:
            raise ValueError(
                "progenitor_division_per_day - progenitor_differentiation_per_day must be below "
                f"stem_renewal_per_day for a hierarchy, got {self.progenitor_net_per_day:g} >= "
                f"{self.stem_renewal_per_day:g}"
            )

    @property
    def progenitor_net_per_day(self) -> float:
        """Net growth rate of progenitors without stem-cell input, ``p - d`` (negative in a hierarchy)."""
        return self.progenitor_division_per_day - self.progenitor_differentiation_per_day


@dataclass(frozen=True)
class HierarchyRun:
    """One simulated course: times (days) and the cells in each compartment."""

    times_days: np.ndarray
    stem: np.ndarray
    progenitor: np.ndarray
    differentiated: np.ndarray
    therapy_days: float
    extinction_day: float  # day the stem pool fell below the threshold; inf if it never did

    @property
    def total(self) -> np.ndarray:
        return self.stem + self.progenitor + self.differentiated

    @property
    def stem_fraction(self) -> np.ndarray:
        """Share of all tumour cells that are stem cells (0 once every cell is gone)."""
        total = self.total
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(total > 0, self.stem / np.where(total > 0, total, 1.0), 0.0)

    @property
    def cured(self) -> bool:
        """True if the stem pool fell below the extinction threshold."""
        return bool(np.isfinite(self.extinction_day))


def rate_matrix(hierarchy: Hierarchy, kill_per_day: float = 0.0, stem_kill_per_day: float = 0.0) -> np.ndarray:
    """The 3 x 3 matrix ``A`` of ``dx/dt = A x`` for ``x = (S, P, D)`` (per day).

    ``kill_per_day`` (``k``) is the kill rate of a fully cycling population; each compartment feels
    ``k`` times its cycling fraction. ``stem_kill_per_day`` (``k_T``) acts on stem cells only.
    """
    k = float(require_nonnegative("kill_per_day", kill_per_day))
    k_t = float(require_nonnegative("stem_kill_per_day", stem_kill_per_day))
    h = hierarchy
    return np.array(
        [
            [h.stem_renewal_per_day - k * h.stem_cycling_fraction - k_t, 0.0, 0.0],
            [h.progenitor_output_per_day, h.progenitor_net_per_day - k * h.progenitor_cycling_fraction, 0.0],
            [0.0, h.progenitor_differentiation_per_day,
             -h.differentiated_death_per_day - k * h.differentiated_cycling_fraction],
        ]
    )


def stem_net_rate_per_day(hierarchy: Hierarchy = Hierarchy(), kill_per_day: float = 0.0, stem_kill_per_day: float = 0.0) -> float:
    """Net growth rate of the stem pool under treatment, ``r_S - k f_S - k_T`` (per day)."""
    return float(rate_matrix(hierarchy, kill_per_day, stem_kill_per_day)[0, 0])


def balanced_composition(hierarchy: Hierarchy) -> np.ndarray:
    """Fractions ``(S, P, D)`` of an untreated tumour that has settled into steady exponential growth.

    Per stem cell there are ``a / (r_S - (p - d))`` progenitors and ``d P / (r_S + mu)``
    differentiated cells; the three numbers are divided by their sum.
    """
    h = hierarchy
    progenitors = h.progenitor_output_per_day / (h.stem_renewal_per_day - h.progenitor_net_per_day)
    differentiated = h.progenitor_differentiation_per_day * progenitors / (
        h.stem_renewal_per_day + h.differentiated_death_per_day
    )
    per_stem = np.array([1.0, progenitors, differentiated])
    return per_stem / per_stem.sum()


def _expm_stack(matrix: np.ndarray, dt: np.ndarray) -> np.ndarray:
    """``exp(matrix * t)`` for every ``t`` in ``dt`` (shape ``(n, 3, 3)``): scaling and squaring of a Taylor series.

    Kept by hand rather than ``scipy.linalg.expm``: a run asks for a few hundred times at once, and
    SciPy's expm on that stack made the stem-cell explorer's live redraw 40 times slower (1.6 s
    instead of 40 ms); this loop does all times in one set of 3 x 3 matrix products."""
    scaled = dt[:, None, None] * matrix[None, :, :]
    norm = float(np.max(np.abs(scaled).sum(axis=2))) if scaled.size else 0.0
    squarings = max(0, int(np.ceil(np.log2(norm / 0.25)))) if norm > 0.25 else 0
    scaled = scaled / 2.0**squarings
    result = np.broadcast_to(np.eye(3), scaled.shape).copy()
    term = result.copy()
    for order in range(1, 19):
        term = term @ scaled / order
        result = result + term
    for _ in range(squarings):
        result = result @ result
    return result


def propagate(state: ArrayLike, matrix: ArrayLike, t_days: ArrayLike) -> np.ndarray:
    """States ``exp(A t) x0`` at each time in ``t_days`` (>= 0); shape ``(n, 3)``."""
    x0 = require_nonnegative("state", state).reshape(3)
    a = require_finite("matrix", matrix).reshape(3, 3)
    t = np.atleast_1d(require_nonnegative("t_days", t_days)).astype(float)
    return _expm_stack(a, t) @ x0


def initial_state(hierarchy: Hierarchy, initial_cells: float = 1e9) -> np.ndarray:
    """Cells ``(S, P, D)`` of a tumour of ``initial_cells`` cells in the balanced composition."""
    n0 = float(require_positive("initial_cells", initial_cells))
    return n0 * balanced_composition(hierarchy)


def simulate(
    hierarchy: Hierarchy = Hierarchy(),
    kill_per_day: float = 2.0,
    stem_kill_per_day: float = 0.0,
    therapy_days: float = 120.0,
    days: float = 730.0,
    initial_cells: float = 1e9,
    points: int = 731,
    extinction_threshold_cells: float = 1.0,
) -> HierarchyRun:
    """Exact time course of the three compartments from a balanced tumour of ``initial_cells`` cells.

    Therapy (``kill_per_day`` on cycling cells and ``stem_kill_per_day`` on stem cells) runs from
    day 0 to ``therapy_days``; the run lasts ``days`` and is sampled at ``points`` evenly spaced times.
    If the stem pool falls below ``extinction_threshold_cells`` it is set to zero (cure); a threshold
    of 0 switches this off.
    """
    therapy = float(require_nonnegative("therapy_days", therapy_days))
    horizon = float(require_positive("days", days))
    n = require_integer("points", points, minimum=2)
    threshold = float(require_nonnegative("extinction_threshold_cells", extinction_threshold_cells))
    on = rate_matrix(hierarchy, kill_per_day, stem_kill_per_day)
    off = rate_matrix(hierarchy)
    x0 = initial_state(hierarchy, initial_cells)
    times = np.linspace(0.0, horizon, n)

    # The stem pool is a single exponential, so the day it crosses the threshold is exact.
    extinction = float("inf")
    growth_on = on[0, 0]
    if threshold > 0 and growth_on < 0 and x0[0] > threshold:
        crossing = np.log(x0[0] / threshold) / -growth_on
        if crossing <= therapy:
            extinction = float(crossing)

    states = np.empty((n, 3))
    before = times < min(therapy, extinction)
    states[before] = propagate(x0, on, times[before])
    if np.isfinite(extinction):
        x_ext = propagate(x0, on, [extinction])[0]
        x_ext[0] = 0.0
        during = (times >= extinction) & (times < therapy)
        states[during] = propagate(x_ext, on, times[during] - extinction)
        x_end = propagate(x_ext, on, [therapy - extinction])[0]
    else:
        x_end = propagate(x0, on, [therapy])[0]
    after = times >= therapy
    states[after] = propagate(x_end, off, times[after] - therapy)
    states = np.clip(states, 0.0, None)  # rounding can leave -1e-300 where a compartment is empty
    return HierarchyRun(times, states[:, 0], states[:, 1], states[:, 2], therapy, extinction)


def stem_cells_at_end_of_therapy(
    hierarchy: Hierarchy = Hierarchy(),
    kill_per_day: float = 2.0,
    stem_kill_per_day: float = 0.0,
    therapy_days: float = 120.0,
    initial_cells: float = 1e9,
) -> float:
    """Expected stem cells left when therapy stops: ``S0 exp((r_S - k f_S - k_T) T)`` (no extinction rule)."""
    therapy = float(require_nonnegative("therapy_days", therapy_days))
    s0 = initial_state(hierarchy, initial_cells)[0]
    return float(s0 * np.exp(stem_net_rate_per_day(hierarchy, kill_per_day, stem_kill_per_day) * therapy))


def therapy_days_to_cure(
    hierarchy: Hierarchy = Hierarchy(),
    kill_per_day: float = 2.0,
    stem_kill_per_day: float = 0.0,
    initial_cells: float = 1e9,
    threshold_cells: float = 1.0,
) -> float:
    """Days of therapy needed to bring the stem pool below ``threshold_cells``: ``ln(S0 / threshold) / (k f_S + k_T - r_S)``.

    ``inf`` when the stem pool does not shrink under the treatment (``k f_S + k_T <= r_S``).
    """
    threshold = float(require_positive("threshold_cells", threshold_cells))
    s0 = initial_state(hierarchy, initial_cells)[0]
    net = stem_net_rate_per_day(hierarchy, kill_per_day, stem_kill_per_day)
    if s0 <= threshold:
        return 0.0
    if net >= 0:
        return float("inf")
    return float(np.log(s0 / threshold) / -net)


def stem_share_of_survivors(stem_fraction: float, other_kill_fraction: float, stem_kill_fraction: float = 0.0) -> float:
    """Share of the cells surviving one treatment that are stem cells (a fraction, 0 to 1).

    A tumour whose share ``s`` of cells are stem cells loses ``k_O`` of its other cells and ``k_S`` of
    its stem cells: ``s (1 - k_S) / (s (1 - k_S) + (1 - s)(1 - k_O))``. Enrichment without any change
    in a single cell. ``ValueError`` if no cell survives.
    """
    s = float(require_fraction("stem_fraction", stem_fraction))
    other = float(require_fraction("other_kill_fraction", other_kill_fraction))
    stem = float(require_fraction("stem_kill_fraction", stem_kill_fraction))
    stem_left, other_left = s * (1.0 - stem), (1.0 - s) * (1.0 - other)
    if stem_left + other_left <= 0:
        raise ValueError("no cell survives the treatment, so the survivors have no composition")
    return stem_left / (stem_left + other_left)


def stem_pool_regrowth_days(stem_renewal_per_day: float, stem_kill_per_day: float, therapy_days: float) -> float:
    """Days after therapy stops until a stem pool is back at its starting size (days).

    The pool shrinks by ``exp((r_S - q) T)`` during ``T`` days of therapy and regrows at ``r_S``
    afterwards, which takes ``T (q - r_S) / r_S`` days; 0 if it never shrank (``q <= r_S``).
    """
    r = float(require_positive("stem_renewal_per_day", stem_renewal_per_day))
    q = float(require_nonnegative("stem_kill_per_day", stem_kill_per_day))
    t = float(require_nonnegative("therapy_days", therapy_days))
    return 0.0 if q <= r else t * (q - r) / r


def time_to_relapse_days(run: HierarchyRun, relapse_fraction: float = 1.0) -> float:
    """First day after the smallest tumour size at which the total is back to ``relapse_fraction`` x the start.

    0 if the tumour never shrank below that size; ``inf`` if it does not regrow within the run
    (for example after a cure). Linear interpolation on the logarithm between samples.
    """
    fraction = float(require_positive("relapse_fraction", relapse_fraction))
    total = run.total
    level = fraction * total[0]
    if np.all(total >= level):
        return 0.0
    nadir = int(np.argmin(total))
    above = np.nonzero(total[nadir:] >= level)[0]
    if above.size == 0:
        return float("inf")
    i = nadir + int(above[0])
    t0, t1 = run.times_days[i - 1], run.times_days[i]
    y0, y1 = np.log(total[i - 1]), np.log(total[i])
    return float(t0 + (np.log(level) - y0) * (t1 - t0) / (y1 - y0))


def fold_reduction_at_nadir(run: HierarchyRun) -> float:
    """Starting size divided by the smallest size reached (1 if the tumour never shrank)."""
    smallest = float(np.min(run.total))
    return float(run.total[0] / smallest) if smallest > 0 else float("inf")
