"""The efflux-pump model against closed-form and limiting-case results worked out by hand here.

Parameters are illustrative: k_in 0.1 per min, Vmax 2 uM/min, Km 5 uM (so Vmax/Km = 0.4 per min).
"""

import math

import numpy as np
import pytest

from drugresist.models import efflux_pumps as ep

K, VMAX, KM = 0.1, 2.0, 5.0  # per min, uM/min, uM (illustrative)


# ----- steady state ------------------------------------------------------------------------------
def test_without_a_pump_inside_equals_outside():
    outside = np.array([0.0, 0.3, 7.0, 250.0])
    np.testing.assert_allclose(ep.steady_state_intracellular(outside, K, 0.0, KM), outside)


def test_low_concentration_limit_is_a_fixed_fraction():
    # C << Km: efflux ~ (Vmax/Km) C, so k (Co - C) = (Vmax/Km) C and C/Co = k / (k + Vmax/Km) = 0.1/0.5
    for outside in (1e-9, 1e-6):
        assert ep.steady_state_intracellular(outside, K, VMAX, KM) / outside == pytest.approx(0.2, rel=1e-5)


def test_saturated_pump_removes_at_most_vmax():
    # C >> Km: efflux ~ Vmax, so k (Co - C) = Vmax and C = Co - Vmax/k = 1e5 - 20
    assert ep.steady_state_intracellular(1e5, K, VMAX, KM) == pytest.approx(1e5 - 20.0, abs=0.01)


def test_steady_state_residual_is_zero_and_root_solves_the_quadratic():
    rng = np.random.default_rng(1)
    outside = 10 ** rng.uniform(-3, 3, 200)
    k = 10 ** rng.uniform(-2, 1, 200)
    vmax = 10 ** rng.uniform(-2, 2, 200)
    km = 10 ** rng.uniform(-1, 2, 200)
    inside = ep.steady_state_intracellular(outside, k, vmax, km)
    residual = k * (outside - inside) - vmax * inside / (km + inside)  # written out, not the module's
    np.testing.assert_allclose(residual / (k * outside), 0.0, atol=1e-9)
    assert np.all((inside > 0) & (inside < outside))
    for co in (0.5, 3.0, 40.0):
        c = ep.steady_state_intracellular(co, K, VMAX, KM)
        assert K * c**2 + (K * KM - K * co + VMAX) * c - K * co * KM == pytest.approx(0.0, abs=1e-9)
        assert ep.net_rate_uM_per_min(c, co, K, VMAX, KM) == pytest.approx(0.0, abs=1e-10)


def test_steady_state_matches_numpy_polynomial_root():
    co = 4.0
    roots = np.roots([K, K * KM - K * co + VMAX, -K * co * KM])
    positive = roots[roots > 0].real
    assert len(positive) == 1
    assert ep.steady_state_intracellular(co, K, VMAX, KM) == pytest.approx(positive[0], rel=1e-12)


def test_more_pump_less_drug_inside_and_more_outside_more_inside():
    levels = ep.steady_state_intracellular(2.0, K, np.array([0.0, 0.5, 2.0, 8.0]), KM)
    assert np.all(np.diff(levels) < 0)
    rising = ep.steady_state_intracellular(np.logspace(-3, 3, 50), K, VMAX, KM)
    assert np.all(np.diff(rising) > 0)


# ----- inhibitor ---------------------------------------------------------------------------------
def test_inhibitor_at_zero_equals_no_inhibitor():
    outside = np.array([0.1, 2.0, 30.0])
    np.testing.assert_array_equal(
        ep.steady_state_intracellular(outside, K, VMAX, KM, 0.0, 0.7), ep.steady_state_intracellular(outside, K, VMAX, KM)
    )


def test_inhibitor_at_ki_is_the_same_as_doubling_km():
    assert ep.apparent_km(KM, 3.0, 1.5) == pytest.approx(KM * 3.0)
    assert ep.steady_state_intracellular(2.0, K, VMAX, KM, 1.5, 1.5) == pytest.approx(
        ep.steady_state_intracellular(2.0, K, VMAX, 2 * KM)
    )


def test_huge_inhibitor_approaches_no_pump_monotonically():
    levels = [ep.steady_state_intracellular(2.0, K, VMAX, KM, i, 1.0) for i in (0, 1, 10, 100, 1e4, 1e9)]
    assert levels == sorted(levels)
    # Km_app = 5e9: the pump's first-order rate Vmax/Km_app = 4e-10 per min is negligible next to k = 0.1
    assert levels[-1] == pytest.approx(2.0, rel=1e-8)


def test_inhibitor_needed_reaches_the_target_fold():
    for target_fold in (1.5, 2.0, 3.0):
        inhibitor = ep.inhibitor_needed_uM(target_fold, 1.0, K, VMAX, KM, 0.5)
        assert ep.fold_resistance(1.0, K, VMAX, KM, inhibitor, 0.5) == pytest.approx(target_fold)
    # pump alone gives 1 + 2 / (0.1 * 6) = 4.33 < 10, so no inhibitor is needed
    assert ep.inhibitor_needed_uM(10.0, 1.0, K, VMAX, KM) == 0.0
    # more pump needs more inhibitor for the same target
    doses = ep.inhibitor_needed_uM(1.5, 1.0, K, np.array([2.0, 4.0, 8.0]), KM)
    assert np.all(np.diff(doses) > 0)


# ----- fold resistance and killing ---------------------------------------------------------------
def test_fold_resistance_closed_form():
    # 1 + Vmax / (k (Km + C*)) with C* = 1: 1 + 2 / (0.1 * 6) = 1 + 10/3
    assert ep.fold_resistance(1.0, K, VMAX, KM) == pytest.approx(1 + 10 / 3)
    assert ep.fold_resistance(1.0, K, 0.0, KM) == pytest.approx(1.0)
    # inhibitor with I = Ki doubles Km: 1 + 2 / (0.1 * 11)
    assert ep.fold_resistance(1.0, K, VMAX, KM, 1.0, 1.0) == pytest.approx(1 + 2 / 1.1)
    # falls as the target rises towards saturation
    assert np.all(np.diff(ep.fold_resistance(np.array([0.1, 1.0, 10.0, 100.0]), K, VMAX, KM)) < 0)


def test_outside_needed_inverts_the_steady_state():
    for target in (0.01, 1.7, 80.0):
        outside = ep.outside_needed_uM(target, K, VMAX, KM)
        assert ep.steady_state_intracellular(outside, K, VMAX, KM) == pytest.approx(target)


def test_half_kill_at_external_ic50_for_any_hill_coefficient():
    ec50 = 1.0
    ic50_out = ep.external_ic50_uM(ec50, K, VMAX, KM)
    assert ic50_out == pytest.approx(1 + 10 / 3)  # same closed form as the fold resistance, times EC50 = 1
    for hill in (0.5, 1.0, 3.0):
        assert ep.fraction_killed(ic50_out, K, VMAX, KM, ec50, hill) == pytest.approx(0.5)
    assert ep.fraction_killed(ec50, K, 0.0, KM, ec50, 2.0) == pytest.approx(0.5)  # no pump: IC50 = EC50


def test_kill_at_90_percent_and_inside_for_kill():
    # Hill 2: 90 % kill needs C = EC50 * sqrt(9) = 3 EC50
    assert ep.inside_for_kill_uM(0.9, 2.0, 2.0) == pytest.approx(6.0)
    assert ep.inside_for_kill_uM(0.5, 2.0, 3.7) == pytest.approx(2.0)
    outside = ep.outside_needed_uM(6.0, K, VMAX, KM)
    assert ep.fraction_killed(outside, K, VMAX, KM, 2.0, 2.0) == pytest.approx(0.9)


def test_kill_rises_with_dose_and_falls_with_pump():
    doses = np.logspace(-2, 3, 40)
    kill = ep.fraction_killed(doses, K, VMAX, KM, 1.0, 2.0)
    assert np.all(np.diff(kill) > 0) and kill[0] < 0.01 and kill[-1] > 0.99
    assert ep.fraction_killed(3.0, K, 8.0, KM, 1.0, 2.0) < ep.fraction_killed(3.0, K, 2.0, KM, 1.0, 2.0)


# ----- time course -------------------------------------------------------------------------------
def test_time_course_without_pump_is_the_exponential_approach():
    times = np.array([0.0, 1.0, 5.0, 6.931471805599453, 30.0])
    course = ep.intracellular_time_course(times, 4.0, K, 0.0, KM)
    np.testing.assert_allclose(course, 4.0 * (1 - np.exp(-K * times)), rtol=1e-9, atol=1e-12)
    assert course[3] == pytest.approx(2.0)  # half-way at ln 2 / k


def test_time_course_in_the_linear_regime_has_rate_k_plus_vmax_over_km():
    # C << Km: dC/dt = k Co - (k + Vmax/Km) C, so C = Co k/(k+V/K) (1 - exp(-(k+V/K) t)) with k+V/K = 0.5
    times = np.linspace(0, 20, 9)
    co = 1e-6
    expected = co * 0.2 * (1 - np.exp(-0.5 * times))
    np.testing.assert_allclose(ep.intracellular_time_course(times, co, K, VMAX, KM), expected, rtol=1e-5)


def test_time_course_matches_the_implicit_closed_form():
    # dC/dt = -k (C - C+)(C - C-)/(Km + C); separating variables from C(0) = 0 gives
    # t(C) = -(1/k) [A ln((C+ - C)/C+) + B ln((C - C-)/(-C-))], A = (Km + C+)/(C+ - C-), B = (Km + C-)/(C- - C+)
    co = 6.0
    c_minus, c_plus = sorted(np.roots([K, K * KM - K * co + VMAX, -K * co * KM]).real)
    a = (KM + c_plus) / (c_plus - c_minus)
    b = (KM + c_minus) / (c_minus - c_plus)
    levels = np.array([0.25, 0.5, 0.9, 0.99]) * c_plus
    times = -(a * np.log((c_plus - levels) / c_plus) + b * np.log((levels - c_minus) / -c_minus)) / K
    course = ep.intracellular_time_course(times, co, K, VMAX, KM)
    np.testing.assert_allclose(course, levels, rtol=1e-7)


def test_time_course_settles_at_the_steady_state_for_several_doses():
    outside = np.array([0.5, 5.0, 50.0])
    course = ep.intracellular_time_course([0.0, 400.0], outside, K, VMAX, KM, 2.0, 1.0)
    np.testing.assert_array_equal(course[0], 0.0)
    np.testing.assert_allclose(course[1], ep.steady_state_intracellular(outside, K, VMAX, KM, 2.0, 1.0), rtol=1e-9)
    assert course.shape == (2, 3)


def test_time_course_from_above_comes_down():
    course = ep.intracellular_time_course(np.linspace(0, 100, 21), 1.0, K, VMAX, KM, initial_inside_uM=5.0)
    assert course[0] == 5.0 and np.all(np.diff(course[:6]) < 0) and np.all(np.diff(course) <= 0)
    assert course[-1] == pytest.approx(ep.steady_state_intracellular(1.0, K, VMAX, KM), rel=1e-4)


# ----- bad parameters ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: ep.steady_state_intracellular(-1.0, K, VMAX, KM), "outside_uM"),
        (lambda: ep.steady_state_intracellular(math.nan, K, VMAX, KM), "outside_uM"),
        (lambda: ep.steady_state_intracellular(1.0, 0.0, VMAX, KM), "k_in_per_min"),
        (lambda: ep.steady_state_intracellular(1.0, -0.1, VMAX, KM), "k_in_per_min"),
        (lambda: ep.steady_state_intracellular(1.0, math.inf, VMAX, KM), "k_in_per_min"),
        (lambda: ep.steady_state_intracellular(1.0, K, -1.0, KM), "vmax_uM_per_min"),
        (lambda: ep.steady_state_intracellular(1.0, K, math.nan, KM), "vmax_uM_per_min"),
        (lambda: ep.steady_state_intracellular(1.0, K, VMAX, 0.0), "km_uM"),
        (lambda: ep.steady_state_intracellular(1.0, K, VMAX, KM, -2.0), "inhibitor_uM"),
        (lambda: ep.steady_state_intracellular(1.0, K, VMAX, KM, math.nan), "inhibitor_uM"),
        (lambda: ep.apparent_km(KM, 1.0, 0.0), "ki_uM"),
        (lambda: ep.fold_resistance(0.0, K, VMAX, KM), "target_inside_uM"),
        (lambda: ep.outside_needed_uM(-1.0, K, VMAX, KM), "target_inside_uM"),
        (lambda: ep.net_rate_uM_per_min(-1.0, 1.0, K, VMAX, KM), "inside_uM"),
        (lambda: ep.pump_efflux_uM_per_min(1.0, -VMAX, KM), "vmax_uM_per_min"),
        (lambda: ep.fraction_killed(1.0, K, VMAX, KM, 0.0), "ec50_inside_uM"),
        (lambda: ep.fraction_killed(1.0, K, VMAX, KM, 1.0, 0.0), "hill"),
        (lambda: ep.inside_for_kill_uM(0.0, 1.0), "fraction"),
        (lambda: ep.inside_for_kill_uM(1.0, 1.0), "fraction"),
        (lambda: ep.inside_for_kill_uM(1.5, 1.0), "fraction"),
        (lambda: ep.external_ic50_uM(-1.0, K, VMAX, KM), "ec50_inside_uM"),
        (lambda: ep.inhibitor_needed_uM(1.0, 1.0, K, VMAX, KM), "target_fold"),
        (lambda: ep.inhibitor_needed_uM(math.nan, 1.0, K, VMAX, KM), "target_fold"),
        (lambda: ep.inhibitor_needed_uM(2.0, 1.0, K, VMAX, KM, 0.0), "ki_uM"),
        (lambda: ep.intracellular_time_course([0.0, 2.0, 1.0], 1.0, K, VMAX, KM), "times_min"),
        (lambda: ep.intracellular_time_course([-1.0, 2.0], 1.0, K, VMAX, KM), "times_min"),
        (lambda: ep.intracellular_time_course([0.0, 1.0], 1.0, K, VMAX, KM, max_step_min=0.0), "max_step_min"),
        (lambda: ep.intracellular_time_course([0.0, 1.0], 1.0, K, VMAX, KM, initial_inside_uM=-1.0), "initial_inside_uM"),
    ],
)
def test_nonsensical_parameters_raise_value_error_naming_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()
