"""Shared parameter checks: each bad value raises ValueError naming the parameter and the rule."""

from __future__ import annotations

import numpy as np
import pytest

from drugresist.models.checks import require_fraction, require_open_fraction


@pytest.mark.parametrize("bad", [0.0, 1.0, -0.1, 1.5, float("nan"), [0.5, 1.0]])
def test_open_fraction_rejects_the_ends_and_outside(bad):
    with pytest.raises(ValueError, match="share must"):
        require_open_fraction("share", bad)


def test_open_fraction_accepts_values_strictly_inside():
    assert np.allclose(require_open_fraction("share", [1e-9, 0.5, 1 - 1e-9]), [1e-9, 0.5, 1 - 1e-9])


def test_closed_fraction_accepts_the_ends_that_the_open_one_refuses():
    assert np.allclose(require_fraction("share", [0.0, 1.0]), [0.0, 1.0])
