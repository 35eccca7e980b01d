"""The target-alteration models against closed-form results worked out by hand."""

import math

import numpy as np
import pytest

from drugresist.models import target_alteration as ta


@pytest.mark.parametrize("ic50", [0.01, 1.0, 37.0, 1e4])
@pytest.mark.parametrize("hill", [0.5, 1.0, 2.5])
def test_hill_curve_is_one_half_at_its_ic50(ic50, hill):
    assert ta.effect(ic50, ic50, hill) == pytest.approx(0.5)


def test_hill_curve_closed_form_values():
    # c = 3 * IC50 with h = 2: 9 / (9 + 1) = 0.9 ; c = IC50 / 3 with h = 1: (1/3) / (4/3) = 0.25
    assert ta.effect(30.0, 10.0, 2.0) == pytest.approx(0.9)
    assert ta.effect(10.0 / 3.0, 10.0, 1.0) == pytest.approx(0.25)
    assert ta.effect(0.0, 10.0, 1.0) == 0.0


def test_hill_curve_is_increasing_and_bounded():
    conc = np.logspace(-3, 3, 200)
    values = ta.effect(conc, 1.0, 1.7)
    assert np.all(np.diff(values) > 0)
    assert np.all((values >= 0) & (values < 1))


def test_steeper_hill_curve_is_lower_below_and_higher_above_ic50():
    assert ta.effect(0.5, 1.0, 3.0) < ta.effect(0.5, 1.0, 1.0)
    assert ta.effect(2.0, 1.0, 3.0) > ta.effect(2.0, 1.0, 1.0)


def test_occupancy_matches_its_formula():
    # D = 5 nM, Kd = 1 nM, A = 1000 uM, Km = 100 uM: 5 / (1 + 5 + 10) = 5 / 16
    assert ta.drug_occupancy(5.0, 1.0, 1000.0, 100.0) == pytest.approx(5.0 / 16.0)
    assert ta.atp_occupancy(5.0, 1.0, 1000.0, 100.0) == pytest.approx(10.0 / 16.0)


def test_occupancies_and_free_enzyme_sum_to_one():
    d, kd, a, km = 3.0, 2.0, 500.0, 50.0
    free = 1.0 / (1.0 + d / kd + a / km)
    assert ta.drug_occupancy(d, kd, a, km) + ta.atp_occupancy(d, kd, a, km) + free == pytest.approx(1.0)


def test_without_atp_occupancy_is_a_hill_curve_with_ic50_equal_to_kd():
    conc = np.array([0.1, 1.0, 10.0])
    np.testing.assert_allclose(ta.drug_occupancy(conc, 1.0, 0.0, 100.0), ta.effect(conc, 1.0, 1.0))


def test_apparent_ic50_is_cheng_prusoff_and_half_occupies_the_kinase():
    kd, a, km = 2.0, 1000.0, 100.0
    ic50 = ta.apparent_ic50(kd, a, km)
    assert ic50 == pytest.approx(2.0 * (1.0 + 1000.0 / 100.0))
    # at D = Kd (1 + A/Km): D/Kd = 1 + A/Km, so occupancy = (1 + A/Km) / (2 (1 + A/Km)) = 1/2
    assert ta.drug_occupancy(ic50, kd, a, km) == pytest.approx(0.5)


def test_higher_atp_affinity_raises_apparent_ic50():
    kd, a, km = 1.0, 1000.0, 100.0
    values = [ta.apparent_ic50(kd, a, km / f) for f in (1, 2, 10, 100)]
    assert values == sorted(values)
    assert values[0] < values[-1]


def test_fold_change_and_fold_from_affinity_agree():
    kd, a, km, f = 1.0, 1000.0, 100.0, 10.0
    direct = ta.ic50_fold_change(ta.apparent_ic50(kd, a, km / f), ta.apparent_ic50(kd, a, km))
    assert ta.resistance_fold_from_atp_affinity(f, a, km) == pytest.approx(direct)
    assert direct == pytest.approx((1 + 100) / (1 + 10))


def test_fold_from_affinity_limits():
    # no ATP: no shift; ATP far above Km: the shift approaches the affinity gain itself
    assert ta.resistance_fold_from_atp_affinity(10.0, 0.0, 100.0) == pytest.approx(1.0)
    assert ta.resistance_fold_from_atp_affinity(10.0, 1e9, 100.0) == pytest.approx(10.0, rel=1e-6)
    assert ta.resistance_fold_from_atp_affinity(1.0, 500.0, 100.0) == pytest.approx(1.0)


def test_vectorised_inputs_broadcast():
    out = ta.apparent_ic50(np.array([1.0, 2.0]), 1000.0, np.array([[100.0], [10.0]]))
    assert out.shape == (2, 2)
    assert out[1, 1] == pytest.approx(2.0 * 101.0)


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: ta.effect(-1.0, 10.0), "conc"),
        (lambda: ta.effect(1.0, 0.0), "ic50"),
        (lambda: ta.effect(1.0, 10.0, 0.0), "hill"),
        (lambda: ta.effect(math.nan, 10.0), "conc"),
        (lambda: ta.effect([1.0, -2.0], 10.0), "conc"),
        (lambda: ta.drug_occupancy(1.0, -1.0, 100.0, 10.0), "drug_kd_nM"),
        (lambda: ta.drug_occupancy(1.0, 1.0, -100.0, 10.0), "atp_conc_uM"),
        (lambda: ta.apparent_ic50(1.0, 100.0, 0.0), "atp_km_uM"),
        (lambda: ta.apparent_ic50(math.inf, 100.0, 10.0), "drug_kd_nM"),
        (lambda: ta.ic50_fold_change(0.0, 1.0), "ic50_resistant"),
        (lambda: ta.ic50_fold_change(1.0, math.nan), "ic50_sensitive"),
        (lambda: ta.resistance_fold_from_atp_affinity(0.0, 100.0, 10.0), "atp_affinity_fold"),
        (lambda: ta.effect("ten", 10.0), "conc"),
    ],
)
def test_nonsensical_parameters_raise_value_error_naming_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()
