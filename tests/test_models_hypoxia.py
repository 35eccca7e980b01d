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
    midpoint_oxygen_mmHg,
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


# --- the slab between two vessels: expected values derived here, independently of the model -------

def _two_vessel_profile(x, half, c0, m, d):
    """Solve D c'' = M on [0, H] with c(0) = c0, c'(H) = 0 and c >= 0, by hand.

    Integrating twice: c = c0 + A x + M x^2 / (2D). No flux at the midpoint gives A = -M H / D, so
    c = c0 - (M / 2D)(2 H x - x^2), valid while it stays >= 0, i.e. while c(H) = c0 - M H^2/(2D) >= 0.
    Otherwise oxygen runs out first, at L with c(L) = c'(L) = 0: c = c0 (1 - x/L)^2, 0 beyond.
    """
    length = math.sqrt(2 * d * c0 / m)
    x = np.asarray(x, dtype=float)
    if half < length:
        return c0 - m / (2 * d) * (2 * half * x - x**2)
    return np.where(x < length, c0 * (1 - x / length) ** 2, 0.0)


C0, M, D = VESSEL_PO2_MMHG, CONSUMPTION_MMHG_PER_S, OXYGEN_DIFFUSIVITY_UM2_PER_S   # L = 150 um


@pytest.mark.parametrize("half", [60.0, 100.0, 130.0, 149.0, 150.0, 151.0, 200.0, 300.0])
def test_slab_profile_matches_the_closed_form_on_both_sides_of_L(half):
    x = np.linspace(0.0, half, 1001)
    expected = _two_vessel_profile(x, half, C0, M, D)
    got = oxygen_profile_mmHg(x, C0, M, D, half_distance_um=half)
    assert np.allclose(got, expected, atol=1e-9)
    # and it is a solution: D c'' = M where oxygen is left, flat (no flux) at the midpoint
    oxic = expected > 1e-6
    second = np.gradient(np.gradient(got, x), x)
    assert np.allclose(second[oxic][3:-3], M / D, rtol=1e-3)
    assert abs(got[-1] - got[-2]) / (x[1] - x[0]) < 1e-2 * C0 / half


def test_close_vessels_never_run_out_of_oxygen():
    # H = 100 < L = 150: midpoint tension 40 - 40 (100/150)^2 = 40 (1 - 4/9) = 22.2 mmHg
    assert midpoint_oxygen_mmHg(100.0) == pytest.approx(40.0 * 5 / 9)
    assert oxygen_profile_mmHg(100.0, half_distance_um=100.0) == pytest.approx(40.0 * 5 / 9)
    assert distance_to_threshold_um(10.0, half_distance_um=100.0) == np.inf
    assert hypoxic_fraction(100.0) == 0.0        # the old one-vessel formula gave 25 %
    # mirrored onto the other vessel's half beyond the midpoint
    assert oxygen_profile_mmHg(200.0, half_distance_um=100.0) == pytest.approx(C0)
    assert oxygen_profile_mmHg(150.0, half_distance_um=100.0) == pytest.approx(
        oxygen_profile_mmHg(50.0, half_distance_um=100.0))


def test_hypoxic_fraction_just_below_L_by_hand():
    # H = 130: 40 - (40/150^2)(260 x - x^2) = 10  <=>  x^2 - 260 x + 16875 = 0  <=>  x = 130 - 5 = 125
    assert distance_to_threshold_um(10.0, half_distance_um=130.0) == pytest.approx(125.0)
    assert hypoxic_fraction(130.0) == pytest.approx(5.0 / 130.0)   # about 4 %; the old formula gave 42 %
    assert midpoint_oxygen_mmHg(130.0) == pytest.approx(40.0 * (1 - (130 / 150) ** 2))


@pytest.mark.parametrize("half", [80.0, 120.0, 128.0, 135.0, 150.0, 180.0, 250.0, 400.0])
@pytest.mark.parametrize("theta", [2.0, 10.0, 20.0])
def test_hypoxic_fraction_equals_the_share_of_a_fine_grid_below_threshold(half, theta):
    x = (np.arange(200000) + 0.5) / 200000 * half          # cell midpoints across the slab
    expected = float(np.mean(_two_vessel_profile(x, half, C0, M, D) < theta))
    assert hypoxic_fraction(half, theta) == pytest.approx(expected, abs=1e-4)


def test_hypoxic_fraction_is_continuous_at_L_and_never_falls_with_spacing():
    assert hypoxic_fraction(150.0 - 1e-6) == pytest.approx(hypoxic_fraction(150.0), abs=1e-5)
    halves = np.linspace(10, 500, 491)
    fractions = hypoxic_fraction(halves)
    assert np.all(np.diff(fractions) >= -1e-12)
    assert np.all((fractions >= 0) & (fractions <= 1))
    # the onset of hypoxia is where the midpoint reaches 10 mmHg: H = L sqrt(1 - 10/40) = 129.9 um
    onset = 150.0 * math.sqrt(0.75)
    assert hypoxic_fraction(onset - 0.1) == 0.0
    assert hypoxic_fraction(onset + 0.5) > 0.0


def test_slab_radiation_survival_uses_the_two_vessel_profile():
    # H = 100 < L: survival averaged over the closed-form profile, computed here
    x = np.linspace(0.0, 100.0, 2001)
    p = _two_vessel_profile(x, 100.0, C0, M, D)
    s = (3 * p + 3) / (3 * (p + 3))                          # OER 3, K 3 mmHg
    expected = float(np.mean(np.exp(-0.35 * 10.0 * s)))
    assert slab_radiation_survival(10.0, 100.0) == pytest.approx(expected, rel=1e-9)


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
