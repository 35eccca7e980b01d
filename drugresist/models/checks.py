"""Parameter checks shared by every model.

Each function takes the parameter's name and value (a number or an array-like), raises
``ValueError`` naming the parameter and the rule it broke, and otherwise returns the value as a
float numpy array (a 0-d array for a scalar), so models can call it once and then compute.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

ArrayLike = npt.ArrayLike


def require_finite(name: str, value: ArrayLike) -> np.ndarray:
    """Return ``value`` as a float array; raise ``ValueError`` if any element is NaN or infinite."""
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{name} must be a number or an array of numbers, got {value!r}") from error
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite (no NaN or infinity), got {value!r}")
    return array


def require_nonnegative(name: str, value: ArrayLike) -> np.ndarray:
    """Finite and >= 0 (a concentration, a time, a distance)."""
    array = require_finite(name, value)
    if np.any(array < 0):
        raise ValueError(f"{name} must be zero or positive, got {value!r}")
    return array


def require_positive(name: str, value: ArrayLike) -> np.ndarray:
    """Finite and > 0 (an IC50, a rate constant, a Hill coefficient)."""
    array = require_finite(name, value)
    if np.any(array <= 0):
        raise ValueError(f"{name} must be positive (greater than zero), got {value!r}")
    return array


def require_fraction(name: str, value: ArrayLike) -> np.ndarray:
    """Finite and between 0 and 1 inclusive (a probability, a fraction of cells)."""
    array = require_finite(name, value)
    if np.any((array < 0) | (array > 1)):
        raise ValueError(f"{name} must be between 0 and 1, got {value!r}")
    return array



def require_open_fraction(name: str, value: ArrayLike) -> np.ndarray:
    """Finite and strictly between 0 and 1 (a share that must be neither none nor all)."""
    array = require_finite(name, value)
    if np.any((array <= 0) | (array >= 1)):
        raise ValueError(f"{name} must be strictly between 0 and 1, got {value!r}")
    return array


def require_integer(name: str, value: int, minimum: int = 0) -> int:
    """An integer (not a bool) that is at least ``minimum`` (a number of cells or of steps)."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise ValueError(f"{name} must be an integer, got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value!r}")
    return int(value)


def as_output(array: np.ndarray) -> float | np.ndarray:
    """Return a Python float for a 0-d result and the array otherwise."""
    return float(array) if np.ndim(array) == 0 else array
