"""Stromal protection model: closed forms, limits, the blocker, and parameter checks."""

from __future__ import annotations

import math

import numpy as np
import pytest

from drugresist.models.stromal_protection import (
    factor_decay_length_um,
    factor_profile,
    fraction_killed,
    ic50_shift,
    kill_with_distance,
    protected_distance_um,
    receptor_occupancy,
    surviving_fraction_of_region,
)


def test_decay_length_is_square_root_of_diffusion_over_removal():
    assert factor_decay_length_um(100.0, 0.04) == pytest.approx(50.0)       # sqrt(100 / 0.04)
    assert factor_decay_length_um(400.0, 0.04) == pytest.approx(100.0)      # 4x D -> 2x length


def test_factor_profile_is_exponential():
    assert factor_profile(0.0, 8.0, 30.0) == pytest.approx(8.0)
    assert factor_profile(30.0, 8.0, 30.0) == pytest.approx(8.0 / math.e)
    assert factor_profile(30.0 * math.log(2), 8.0, 30.0) == pytest.approx(4.0)   # halves every lambda ln 2
    x = np.linspace(0, 300, 301)
    assert np.all(np.diff(factor_profile(x, 8.0, 30.0)) < 0)


def test_occupancy_by_hand_and_with_a_competitive_blocker():
    assert receptor_occupancy(1.0) == pytest.approx(0.5)                    # S = K_S
    assert receptor_occupancy(3.0) == pytest.approx(0.75)
    assert receptor_occupancy(0.0) == 0.0
    # a blocker at B = K_B doubles the apparent K_S: S = 2 gives half occupancy
    assert receptor_occupancy(2.0, blocker=1.0) == pytest.approx(0.5)
    assert receptor_occupancy(1e9, blocker=1e3) == pytest.approx(1.0, rel=1e-5)   # surmountable


def test_ic50_shift_limits():
    assert ic50_shift(0.0) == 1.0
    assert ic50_shift(1e12, max_shift=20.0) == pytest.approx(20.0, rel=1e-9)
    assert ic50_shift(1.0, max_shift=20.0) == pytest.approx(1 + 19 * 0.5)
    assert ic50_shift(5.0, max_shift=1.0) == 1.0                             # a factor without effect
    assert ic50_shift(10.0, blocker=1e9) == pytest.approx(1.0, abs=1e-6)     # fully blocked


def test_kill_is_half_at_the_shifted_ic50():
    shift = ic50_shift(3.0)
    assert fraction_killed(2.0 * shift, 2.0, 1.5, shift) == pytest.approx(0.5)
    assert fraction_killed(0.0, 2.0) == 0.0


def test_kill_rises_with_distance_from_the_stroma_to_the_unprotected_value():
    x = np.linspace(0, 600, 121)
    kill = kill_with_distance(x, drug_uM=5.0)
    assert np.all(np.diff(kill) > 0)
    unprotected = fraction_killed(5.0, 1.0, 1.5)
    assert kill[-1] == pytest.approx(unprotected, rel=1e-3)


def test_no_factor_means_no_protection_anywhere():
    x = np.linspace(0, 200, 11)
    assert np.allclose(kill_with_distance(x, 5.0, factor_at_stroma=0.0), fraction_killed(5.0, 1.0, 1.5))


def test_region_survival_matches_closed_form_without_factor():
    expected = 1 - 5.0**1.5 / (5.0**1.5 + 1.0)
    assert surviving_fraction_of_region(200.0, 5.0, factor_at_stroma=0.0) == pytest.approx(expected)


def test_blocker_restores_killing_monotonically():
    survival = [surviving_fraction_of_region(200.0, 5.0, blocker=b) for b in (0.0, 1.0, 10.0, 100.0, 1e6)]
    assert all(a > b for a, b in zip(survival, survival[1:]))
    assert survival[-1] == pytest.approx(surviving_fraction_of_region(200.0, 5.0, factor_at_stroma=0.0), rel=1e-4)


def test_protected_distance_closed_form():
    # half occupancy needs S = K_S = 1; S0 = 10 with lambda = 50 um -> x = 50 ln 10
    assert protected_distance_um(10.0, 50.0) == pytest.approx(50.0 * math.log(10.0))
    # a blocker at 9 K_B needs S = 10 for half occupancy: reached only at the stroma itself
    assert protected_distance_um(10.0, 50.0, blocker=9.0) == pytest.approx(0.0)
    assert protected_distance_um(0.5, 50.0) == 0.0
    x = float(protected_distance_um(10.0, 50.0, occupancy_level=0.8))
    assert receptor_occupancy(factor_profile(x, 10.0, 50.0)) == pytest.approx(0.8)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: factor_decay_length_um(0.0, 0.1), "diffusivity_um2_per_s"),
        (lambda: factor_decay_length_um(100.0, -1.0), "removal_per_s"),
        (lambda: factor_profile(-1.0, 1.0, 10.0), "distance_um"),
        (lambda: factor_profile(1.0, -1.0, 10.0), "factor_at_stroma"),
        (lambda: receptor_occupancy(1.0, blocker=-2.0), "blocker"),
        (lambda: receptor_occupancy(1.0, k_factor=0.0), "k_factor"),
        (lambda: ic50_shift(1.0, max_shift=0.5), "max_shift"),
        (lambda: fraction_killed(1.0, 0.0), "ic50_uM"),
        (lambda: fraction_killed(1.0, 1.0, shift=0.5), "shift"),
        (lambda: fraction_killed(float("inf"), 1.0), "drug_uM"),
        (lambda: surviving_fraction_of_region(0.0, 1.0), "width_um"),
        (lambda: protected_distance_um(10.0, 50.0, occupancy_level=1.0), "occupancy_level"),
    ],
)
def test_nonsense_parameters_raise_value_error_naming_them(call, name):
    with pytest.raises(ValueError, match=name):
        call()
