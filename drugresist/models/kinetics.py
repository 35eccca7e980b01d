"""Kinetic helpers shared by more than one chapter's model.

* :func:`michaelis_menten_rate`: the rate ``Vmax * S / (Km + S)`` of a saturable enzyme or
  transporter (used by the efflux-pump and the drug-inactivation models).
* :func:`invert_increasing`: solve ``f(x) = y`` elementwise for an increasing function ``f`` by
  bisection, vectorised over numpy arrays (steady states and relapse days that have no closed form).

Units are whatever the caller uses, as long as they agree: ``substrate`` and ``km`` share one
concentration unit and the rate has the unit of ``vmax``.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from drugresist.models.checks import ArrayLike, as_output, require_nonnegative, require_positive


def michaelis_menten_rate(substrate: ArrayLike, vmax: ArrayLike, km: ArrayLike) -> float | np.ndarray:
    """Rate of a saturable process: ``Vmax S / (Km + S)``.

    ``substrate`` (concentration, >= 0), ``vmax`` (maximal rate, >= 0; zero means no enzyme) and
    ``km`` (Michaelis constant, > 0, same unit as ``substrate``). The rate is half of ``vmax`` at
    ``S = Km``, close to ``(Vmax/Km) S`` for ``S << Km`` and close to ``Vmax`` for ``S >> Km``.
    """
    s = require_nonnegative("substrate", substrate)
    v = require_nonnegative("vmax", vmax)
    k = require_positive("km", km)
    return as_output(v * s / (k + s))


def invert_increasing(
    function: Callable[[np.ndarray], np.ndarray],
    target: ArrayLike,
    low: ArrayLike,
    high: ArrayLike,
    iterations: int = 80,
) -> np.ndarray:
    """Elementwise ``x`` in ``[low, high]`` with ``function(x) = target``, by bisection.

    ``function`` must be increasing in ``x`` and vectorised (arrays in, arrays out, broadcasting
    with ``target``), with ``function(low) <= target <= function(high)``. Eighty halvings shrink
    the bracket by a factor of about 1e24, far below double precision for any sensible bracket.
    """
    y = np.asarray(target, dtype=float)
    lo = np.broadcast_to(np.asarray(low, dtype=float), y.shape).copy()
    hi = np.broadcast_to(np.asarray(high, dtype=float), y.shape).copy()
    for _ in range(iterations):
        mid = 0.5 * (lo + hi)
        below = function(mid) < y
        lo = np.where(below, mid, lo)
        hi = np.where(below, hi, mid)
    return 0.5 * (lo + hi)
