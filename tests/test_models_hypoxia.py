"""Hypoxia model: the oxygen and drug profiles against their closed forms, limits and checks."""

from __future__ import annotations

import math

import numpy as np
import pytest

from drugresist.models.hypoxia import (
    CONSUMPTION_MMHG_PER_S,
    OXYGEN_DIFFUSIVITY_UM2_PER_S,
    VESSEL_PO2_MMHG,
    distance_to_threshold_um,
    drug_penetration_length_um,
    drug_profile,
    hypoxic_fraction,
    oxygen_profile_mmHg,
    penetration_distance_um,
    radiation_survival,
    relative_radiosensitivity,
    slab_radiation_survival,
)


def test_default_parameters_give_the_150_micrometre_distance():
    # sqrt(2 D c0 / M) with M chosen as 2 D c0 / 150^2
    assert penetration_distance_um(VESSEL_PO2_MMHG, CONSUMPTION_MMHG_PER_S) == pytest.approx(150.0)


def test_penetration_distance_by_hand():
    # D = 2000 um^2/s, c0 = 40 mmHg, M = 10 mmHg/s: sqrt(2 * 2000 * 40 / 10) = sqrt(16000)
    assert penetration_distance_um(40.0, 10.0, 2000.0) == pytest.approx(math.sqrt(16000.0))


def test_penetration_scales_with_square_root_of_supply_over_consumption():
    base = penetration_distance_um(40.0, 5.0)
    assert penetration_distance_um(160.0, 5.0) == pytest.approx(2 * base)   # 4x supply -> 2x distance
    assert penetration_distance_um(40.0, 20.0) == pytest.approx(base / 2)   # 4x consumption -> half


def test_profile_solves_the_diffusion_equation_with_zero_flux_at_the_edge():
    m, d, c0 = 4.0, 1500.0, 30.0
    length = math.sqrt(2 * d * c0 / m)
    x = np.linspace(0, length, 4001)
    c = oxygen_profile_mmHg(x, c0, m, d)
    assert c[0] == pytest.approx(c0)
    assert c[-1] == pytest.approx(0.0, abs=1e-9)
    second = np.gradient(np.gradient(c, x), x)
    assert np.allclose(second[5:-5], m / d, rtol=1e-3)          # D c'' = M
    slope_at_edge = (c[-1] - c[-2]) / (x[-1] - x[-2])
    assert abs(slope_at_edge) < 1e-3 * c0 / length               # no flux where oxygen runs out


def test_profile_is_zero_beyond_the_penetration_distance_and_decreasing_before():
    x = np.linspace(0, 400, 801)
    c = oxygen_profile_mmHg(x)
    assert np.all(np.diff(c) <= 0)
    assert np.all(c[x >= 150.0] == 0.0)


def test_profile_at_half_distance_is_a_quarter_of_the_vessel_value():
    # c(L/2) = c0 - M (L/2)(3L/2)/(2D) = c0 - (3/4) c0 ... = c0/4
    assert oxygen_profile_mmHg(75.0) == pytest.approx(VESSEL_PO2_MMHG / 4)


def test_threshold_distance_closed_form_and_consistency():
    # theta = c0/4 is reached at L - L sqrt(1/4) = L/2
    assert distance_to_threshold_um(VESSEL_PO2_MMHG / 4) == pytest.approx(75.0)
    for theta in (1.0, 5.0, 20.0):
        x = distance_to_threshold_um(theta)
        assert oxygen_profile_mmHg(x) == pytest.approx(theta, rel=1e-9)
    assert distance_to_threshold_um(0.0) == pytest.approx(150.0)
    assert distance_to_threshold_um(VESSEL_PO2_MMHG) == pytest.approx(0.0)
    assert distance_to_threshold_um(2 * VESSEL_PO2_MMHG) == 0.0   # vessel already below threshold


def test_hypoxic_fraction_by_hand_and_limits():
    # threshold 10 of 40 mmHg is reached at 75 um; a 150 um slab is half hypoxic, a 300 um slab 3/4
    assert hypoxic_fraction(150.0) == pytest.approx(0.5)
    assert hypoxic_fraction(300.0) == pytest.approx(0.75)
    assert hypoxic_fraction(50.0) == 0.0                          # thinner than the oxic rim
    assert hypoxic_fraction(1e6) == pytest.approx(1.0, abs=1e-4)  # far from any vessel
    fractions = hypoxic_fraction(np.linspace(10, 500, 50))
    assert np.all(np.diff(fractions) >= 0)


def test_drug_penetration_length_and_profile():
    assert drug_penetration_length_um(400.0, 0.01) == pytest.approx(200.0)   # sqrt(400 / 0.01)
    assert drug_penetration_length_um(1600.0, 0.01) == pytest.approx(400.0)  # 4x D -> 2x length
    assert drug_profile(0.0, 50.0) == 1.0
    assert drug_profile(50.0, 50.0) == pytest.approx(math.exp(-1))
    assert drug_profile(50.0 * math.log(10), 50.0) == pytest.approx(0.1)     # one tenth at lambda ln 10


def test_radiosensitivity_limits():
    assert relative_radiosensitivity(0.0, oer=3.0) == pytest.approx(1 / 3)
    assert relative_radiosensitivity(1e9, oer=3.0) == pytest.approx(1.0, rel=1e-6)
    assert relative_radiosensitivity(3.0, oer=3.0, half_effect_mmHg=3.0) == pytest.approx((9 + 3) / (3 * 6))
    assert relative_radiosensitivity(5.0, oer=1.0) == pytest.approx(1.0)     # no oxygen effect


def test_anoxic_cells_need_oer_times_the_dose_for_the_same_kill():
    oxic = radiation_survival(2.0, 1e9, alpha_per_Gy=0.3, oer=3.0)
    anoxic = radiation_survival(6.0, 0.0, alpha_per_Gy=0.3, oer=3.0)
    assert anoxic == pytest.approx(oxic, rel=1e-6)


def test_slab_survival_rises_with_thickness_and_hypoxic_cells_dominate():
    survival = [slab_radiation_survival(10.0, h) for h in (100.0, 150.0, 300.0)]
    assert survival[0] < survival[1] < survival[2]
    # a slab much thicker than L is mostly anoxic: survival approaches the anoxic value
    anoxic = radiation_survival(10.0, 0.0)
    assert slab_radiation_survival(10.0, 1e5) == pytest.approx(anoxic, rel=0.02)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: penetration_distance_um(-1.0, 5.0), "vessel_po2_mmHg"),
        (lambda: penetration_distance_um(40.0, 0.0), "consumption_mmHg_per_s"),
        (lambda: penetration_distance_um(40.0, 5.0, -2.0), "diffusivity_um2_per_s"),
        (lambda: oxygen_profile_mmHg(-5.0), "distance_um"),
        (lambda: distance_to_threshold_um(-1.0), "threshold_mmHg"),
        (lambda: hypoxic_fraction(0.0), "half_distance_um"),
        (lambda: drug_penetration_length_um(400.0, 0.0), "removal_per_s"),
        (lambda: drug_profile(10.0, 0.0), "penetration_length_um"),
        (lambda: relative_radiosensitivity(5.0, oer=0.5), "oer"),
        (lambda: radiation_survival(-2.0, 5.0), "dose_Gy"),
        (lambda: radiation_survival(2.0, float("nan")), "po2_mmHg"),
    ],
)
def test_nonsense_parameters_raise_value_error_naming_them(call, name):
    with pytest.raises(ValueError, match=name):
        call()
