"""The efflux-pump model against closed-form and limiting-case results derived by hand."""

import math

import numpy as np
import pytest

from drugresist.models import efflux_pumps as ep

K, VMAX, KM = 0.1, 2.0, 5.0  # per min, uM/min, uM (illustrative)


def test_without_a_pump_inside_equals_outside():
    outside = np.array([0.0, 0.3, 7.0, 250.0])
    np.testing.assert_allclose(ep.steady_state_intracellular(outside, K, 0.0, KM), outside)


def test_low_concentration_limit_is_linear():
    # C << Km: efflux ~ (Vmax/Km) C, so k (Co - C) = (Vmax/Km) C and C/Co = k / (k + Vmax/Km) = 0.1/0.5
    ratio = ep.steady_state_intracellular(1e-6, K, VMAX, KM) / 1e-6
    assert ratio == pytest.approx(0.2, rel=1e-5)


def test_saturated_pump_removes_at_most_vmax():
    # C >> Km: efflux ~ Vmax, so k (Co - C) = Vmax and C = Co - Vmax/k = 1e4 - 20
    assert ep.steady_state_intracellular(1e4, K, VMAX, KM) == pytest.approx(1e4 - 20.0, rel=1e-3)


def test_steady_state_satisfies_the_balance_and_the_quadratic():
    for outside in (0.5, 3.0, 40.0):
        inside = ep.steady_state_intracellular(outside, K, VMAX, KM)
        assert ep.net_flux_uM_per_min(inside, outside, K, VMAX, KM) == pytest.approx(0.0, abs=1e-10)
        quadratic = K * inside**2 + (K * KM - K * outside + VMAX) * inside - K * outside * KM
        assert quadratic == pytest.approx(0.0, abs=1e-9)
        assert 0 < inside < outside


def test_competitive_inhibitor_raises_km_and_restores_accumulation():
    assert ep.apparent_km(KM, 3.0, 1.5) == pytest.approx(KM * 3.0)
    assert ep.steady_state_intracellular(2.0, K, VMAX, KM, 0.0, 1.0) == ep.steady_state_intracellular(2.0, K, VMAX, KM)
    levels = [ep.steady_state_intracellular(2.0, K, VMAX, KM, i, 1.0) for i in (0, 1, 10, 100, 1e6)]
    assert levels == sorted(levels)
    assert levels[-1] == pytest.approx(2.0, rel=1e-3)  # a saturating inhibitor: as if no pump


def test_fold_resistance_closed_form():
    # 1 + Vmax / (k (Km + C*)) with C* = 1: 1 + 2 / (0.1 * 6) = 1 + 10/3
    assert ep.fold_resistance(1.0, K, VMAX, KM) == pytest.approx(1 + 10 / 3)
    assert ep.fold_resistance(1.0, K, 0.0, KM) == pytest.approx(1.0)
    # inhibitor with I = Ki doubles Km: 1 + 2 / (0.1 * 11)
    assert ep.fold_resistance(1.0, K, VMAX, KM, 1.0, 1.0) == pytest.approx(1 + 2 / 1.1)


def test_outside_needed_inverts_the_steady_state():
    outside = ep.outside_needed_uM(1.7, K, VMAX, KM)
    assert ep.steady_state_intracellular(outside, K, VMAX, KM) == pytest.approx(1.7)


def test_more_pump_means_less_drug_inside():
    levels = ep.steady_state_intracellular(2.0, K, np.array([0.0, 0.5, 2.0, 8.0]), KM)
    assert np.all(np.diff(levels) < 0)


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: ep.steady_state_intracellular(-1.0, K, VMAX, KM), "outside_uM"),
        (lambda: ep.steady_state_intracellular(1.0, 0.0, VMAX, KM), "k_per_min"),
        (lambda: ep.steady_state_intracellular(1.0, K, -1.0, KM), "vmax_uM_per_min"),
        (lambda: ep.steady_state_intracellular(1.0, K, VMAX, 0.0), "km_uM"),
        (lambda: ep.steady_state_intracellular(1.0, K, VMAX, KM, -2.0), "inhibitor_uM"),
        (lambda: ep.apparent_km(KM, 1.0, 0.0), "ki_uM"),
        (lambda: ep.fold_resistance(0.0, K, VMAX, KM), "target_inside_uM"),
        (lambda: ep.steady_state_intracellular(math.nan, K, VMAX, KM), "outside_uM"),
        (lambda: ep.net_flux_uM_per_min(-1.0, 1.0, K, VMAX, KM), "inside_uM"),
    ],
)
def test_nonsensical_parameters_raise_value_error_naming_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()
