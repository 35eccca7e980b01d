"""The combination-therapy models against closed forms, limits and published values."""

import math

import numpy as np
import pytest

from drugresist.models import combination_therapy as ct


# ----- mutation probabilities and the simple Poisson model ------------------------------------
def test_fluctuation_simulation_limits_and_reproducibility():
    # no mutation: no resistant cell; every daughter mutant: the whole culture, 2**g cells
    assert np.all(ct.simulate_fluctuation_test(10, 12, 0.0) == 0)
    assert np.all(ct.simulate_fluctuation_test(10, 12, 1.0) == 2**12)
    first = ct.simulate_fluctuation_test(30, 18, 1e-5, seed=7)
    np.testing.assert_array_equal(first, ct.simulate_fluctuation_test(30, 18, 1e-5, seed=7))
    assert first.shape == (30,) and np.all((first >= 0) & (first <= 2**18))


def test_fluctuation_simulation_shows_jackpots():
    # expected mean g u 2**g ~ 21 cells, but jackpots make the variance far exceed the mean (a Poisson
    # count would have variance = mean) and pull the median below the mean
    counts = ct.simulate_fluctuation_test(400, 20, 1e-6, seed=3)
    assert counts.var() > 5 * counts.mean()
    assert np.median(counts) < counts.mean()
def test_per_division_probability_is_rate_times_number_of_mutations():
    # bozic2013evolutionary: 1e-9 per bp and 50 mutations -> 5e-8 per division
    assert ct.resistance_probability_per_division() == pytest.approx(5e-8)
    assert ct.resistance_probability_per_division(2e-9, 10) == pytest.approx(2e-8)
    assert ct.resistance_probability_per_division(1e-9, 0) == 0.0


def test_expected_mutations_is_u_times_number_of_divisions():
    # growing from 1 to N cells takes N - 1 divisions
    assert ct.expected_resistance_mutations(1, 1e-3) == 0.0
    assert ct.expected_resistance_mutations(1001, 1e-3) == pytest.approx(1.0)
    assert ct.expected_resistance_mutations(1e9 + 1, 5e-8) == pytest.approx(50.0)


def test_no_mutation_means_certainly_no_resistant_cell():
    sizes = np.array([1.0, 1e6, 1e12])
    np.testing.assert_allclose(ct.prob_no_resistant_mono(sizes, 0.0), 1.0)
    np.testing.assert_allclose(ct.prob_no_resistant_dual(sizes, 0.0, 1e-7), 1.0)
    np.testing.assert_allclose(ct.goldie_coldman_probability(sizes, 0.0), 1.0)


def test_simple_model_closed_forms():
    # N u = 1 -> e^-1 ; N u1 u2 = 2 -> e^-2
    assert ct.prob_no_resistant_mono(1e7, 1e-7) == pytest.approx(math.exp(-1.0))
    assert ct.prob_no_resistant_dual(2e14, 1e-7, 1e-7) == pytest.approx(math.exp(-2.0))


def test_dual_equals_mono_with_the_product_of_probabilities():
    sizes = np.logspace(3, 15, 13)
    np.testing.assert_allclose(ct.prob_no_resistant_dual(sizes, 5e-8, 4e-8), ct.prob_no_resistant_mono(sizes, 2e-15))


def test_two_drugs_always_beat_one_and_probability_falls_with_size():
    sizes = np.logspace(2, 16, 60)
    mono = ct.prob_no_resistant_mono(sizes, 5e-8)
    dual = ct.prob_no_resistant_dual(sizes, 5e-8, 5e-8)
    assert np.all(dual >= mono)
    assert np.all(np.diff(mono) <= 0) and np.all(np.diff(dual) <= 0)


def test_goldie_coldman_is_one_for_a_single_cell_and_matches_its_formula():
    assert ct.goldie_coldman_probability(1, 0.3) == 1.0
    assert ct.goldie_coldman_probability(11, 0.1) == pytest.approx(math.exp(-1.0))
    # for large N it approaches the simple Poisson model exp(-N alpha)
    assert ct.goldie_coldman_probability(1e9, 1e-9) == pytest.approx(ct.prob_no_resistant_mono(1e9, 1e-9), rel=1e-8)


def test_goldie_coldman_falls_from_likely_to_unlikely_within_two_decades_of_size():
    # 1/alpha cells is the middle; 10x smaller P ~ 0.9, 10x larger P ~ e^-10
    alpha = 1e-6
    assert ct.goldie_coldman_probability(1e5, alpha) > 0.9
    assert ct.goldie_coldman_probability(1e7, alpha) < 1e-4


def test_size_at_probability_inverts_the_exponential():
    assert ct.size_at_probability(5e-8) == pytest.approx(math.log(2) / 5e-8)
    n = ct.size_at_probability(2.5e-15, 0.1)
    assert ct.prob_no_resistant_mono(n, 2.5e-15) == pytest.approx(0.1)


# ----- branching-process model (Bozic et al. 2013) --------------------------------------------
def test_survival_probability_with_the_papers_rates():
    assert ct.survival_probability(0.14, 0.13) == pytest.approx(1.0 / 14.0)
    assert ct.survival_probability(1.0, 0.0) == 1.0


def test_expected_resistant_cells_closed_forms():
    # no death: s = 1, mu = u ln M ; M = e^10: one drug X = M n u * 10
    m = math.exp(10.0)
    assert ct.expected_resistant_cells(m, 1e-9, 50, birth_per_day=1.0, death_per_day=0.0) == pytest.approx(m * 50 * 1e-8)
    mu = 1e-9 * 10.0
    dual = ct.expected_resistant_cells(m, 1e-9, 50, 40, 0, birth_per_day=1.0, death_per_day=0.0)
    assert dual == pytest.approx(m * 50 * 40 * mu**2)
    cross = ct.expected_resistant_cells(m, 1e-9, 50, 40, 2, birth_per_day=1.0, death_per_day=0.0)
    assert cross == pytest.approx(m * (2 * mu + (50 * 40 + 1.0 * (50 + 40 - 2)) * mu**2))


# Table 1 of bozic2013evolutionary: total tumour burden -> probability of treatment failure with
# dual therapy, n1 = n2 = 50, u = 1e-9, b = 0.14, d = 0.13, d' = 0.17. Burdens are given there to two
# significant figures, hence the tolerance.
TABLE_1 = [
    (2.6e11, 1.0, 0.283),
    (1.7e11, 1.0, 0.203),
    (2.2e10, 1.0, 0.028),
    (1.6e9, 0.881, 0.002),
    (1.3e9, 0.828, 0.002),
    (8.5e8, 0.677, 0.001),
]


@pytest.mark.parametrize("burden, failure_cross, failure_none", TABLE_1)
def test_dual_eradication_reproduces_bozic_table_1(burden, failure_cross, failure_none):
    assert 1 - ct.eradication_probability_dual(burden, n12=1) == pytest.approx(failure_cross, abs=0.01)
    assert 1 - ct.eradication_probability_dual(burden, n12=0) == pytest.approx(failure_none, abs=0.01)
    # monotherapy fails in every patient of the table
    assert 1 - ct.eradication_probability_mono(burden) == pytest.approx(1.0, abs=1e-6)


def test_mono_eradication_closed_form():
    # one drug with n mutations: no resistant lineage before or during treatment, exp(-M u n (1 - s/s'))
    s, s_t = 1 - 0.13 / 0.14, 1 - 0.17 / 0.14
    m = 1e8
    expected = math.exp(-m * 1e-9 * 50 * (1 - s / s_t))
    assert ct.eradication_probability_mono(m) == pytest.approx(expected)


def test_without_mutation_eradication_is_certain():
    assert ct.eradication_probability_mono(1e12, 0.0) == 1.0
    assert ct.eradication_probability_dual(1e12, 0.0) == 1.0
    assert ct.eradication_probability_dual(1e12, 1e-9, 0, 0, 0) == 1.0


def test_eradication_falls_with_size_and_cross_resistance_hurts():
    sizes = np.logspace(7, 13, 40)
    none = ct.eradication_probability_dual(sizes, n12=0)
    cross = ct.eradication_probability_dual(sizes, n12=1)
    mono = ct.eradication_probability_mono(sizes)
    assert np.all(np.diff(none) < 0)
    assert np.all(cross <= none) and np.all(mono <= cross)


def test_size_at_even_odds_is_where_the_probability_is_one_half():
    for kwargs in ({"n2": None}, {}, {"n12": 1}):
        size = ct.size_at_eradication_probability(0.5, **kwargs)
        if kwargs.get("n2", 50) is None:
            assert ct.eradication_probability_mono(size) == pytest.approx(0.5, abs=1e-9)
        else:
            assert ct.eradication_probability_dual(size, n12=kwargs.get("n12", 0)) == pytest.approx(0.5, abs=1e-9)


def test_size_at_even_odds_mono_closed_form():
    # log p = -M u n (1 - s/s')  ->  M = ln 2 / (u n (1 - s/s'))
    s, s_t = 1 - 0.13 / 0.14, 1 - 0.17 / 0.14
    expected = math.log(2) / (1e-9 * 50 * (1 - s / s_t))
    assert ct.size_at_eradication_probability(0.5, n2=None) == pytest.approx(expected, rel=1e-9)


def test_size_at_eradication_probability_is_deterministic_and_ordered():
    first = ct.size_at_eradication_probability(0.5)
    assert ct.size_at_eradication_probability(0.5) == first
    assert ct.size_at_eradication_probability(0.5, n2=None) < ct.size_at_eradication_probability(0.5, n12=1) < first


# ----- drug interaction -----------------------------------------------------------------------
def test_bliss_with_one_inactive_drug_returns_the_other():
    effects = np.array([0.0, 0.2, 0.5, 1.0])
    np.testing.assert_allclose(ct.bliss_expected(effects, 0.0), effects)
    np.testing.assert_allclose(ct.bliss_expected(0.0, effects), effects)


def test_bliss_closed_forms():
    # 0.5 and 0.5: half the cells survive each, a quarter survive both -> 0.75
    assert ct.bliss_expected(0.5, 0.5) == pytest.approx(0.75)
    assert ct.bliss_expected(0.2, 0.3) == pytest.approx(1 - 0.8 * 0.7)
    assert ct.bliss_expected(1.0, 0.4) == pytest.approx(1.0)
    assert ct.bliss_excess(0.9, 0.5, 0.5) == pytest.approx(0.15)
    assert ct.bliss_excess(0.6, 0.5, 0.5) == pytest.approx(-0.15)


def test_hill_effect_and_its_inverse():
    assert ct.hill_effect(3.0, 3.0, 2.0) == pytest.approx(0.5)
    assert ct.hill_effect(0.0, 3.0) == 0.0
    # E = 0.8 with h = 2: dose = EC50 * sqrt(4) = 2 EC50
    assert ct.hill_dose_for_effect(0.8, 5.0, 2.0) == pytest.approx(10.0)
    doses = np.array([0.1, 1.0, 7.0])
    np.testing.assert_allclose(ct.hill_dose_for_effect(ct.hill_effect(doses, 2.0, 1.5), 2.0, 1.5), doses)


@pytest.mark.parametrize("fraction_a", [0.0, 0.25, 0.5, 0.9, 1.0])
def test_loewe_index_is_one_on_the_additivity_isobole(fraction_a):
    # a/A50 + b/B50 = 1 at effect 0.5, whatever the Hill coefficients
    a50, b50 = 4.0, 30.0
    a, b = fraction_a * a50, (1 - fraction_a) * b50
    assert ct.loewe_combination_index(a, b, 0.5, a50, b50, 1.7, 0.6) == pytest.approx(1.0)


def test_loewe_index_below_one_inside_and_above_one_outside_the_isobole():
    assert ct.loewe_combination_index(1.0, 5.0, 0.5, 4.0, 30.0) == pytest.approx(1 / 4 + 5 / 30)
    assert ct.loewe_combination_index(4.0, 30.0, 0.5, 4.0, 30.0) == pytest.approx(2.0)


def test_loewe_additive_effect_of_a_drug_combined_with_itself_is_that_drug():
    # "sham combination": half the dose as A, half as B, same drug -> the effect of the whole dose
    doses = np.array([0.5, 2.0, 9.0])
    np.testing.assert_allclose(ct.loewe_additive_effect(doses / 2, doses / 2, 3.0, 3.0, 1.3), ct.hill_effect(doses, 3.0, 1.3))


def test_interaction_surface_limits_and_closed_forms():
    # alpha = 0 is Loewe additive: x = y = 1, h = 1 -> z = 2 -> 2/3
    assert ct.interaction_surface_effect(1.0, 1.0, 1.0, 1.0, 1.0, 0.0) == pytest.approx(2 / 3)
    # alpha = 2, x = y = 1: r = (2 + sqrt(4 + 8)) / 2 = 1 + sqrt(3)
    r = 1 + math.sqrt(3)
    assert ct.interaction_surface_effect(1.0, 1.0, 1.0, 1.0, 1.0, 2.0) == pytest.approx(r / (1 + r))
    # alpha = -1: the stronger drug alone
    assert ct.interaction_surface_effect(2.0, 0.5, 1.0, 1.0, 2.0, -1.0) == pytest.approx(ct.hill_effect(2.0, 1.0, 2.0))
    # one drug absent: the other drug's own curve, whatever alpha
    assert ct.interaction_surface_effect(0.0, 3.0, 1.0, 2.0, 1.5, 3.0) == pytest.approx(ct.hill_effect(3.0, 2.0, 1.5))


def test_combination_index_on_the_surface_matches_its_closed_form():
    x, y, alpha, h = 0.7, 1.3, 1.5, 1.2
    total = x + y
    r = (total + math.sqrt(total**2 + 4 * alpha * x * y)) / 2
    effect = ct.interaction_surface_effect(x, y, 1.0, 1.0, h, alpha)
    ci = ct.loewe_combination_index(x, y, effect, 1.0, 1.0, h, h)
    assert ci == pytest.approx(1 - alpha * x * y / r**2)
    assert ci < 1
    additive = ct.interaction_surface_effect(x, y, 1.0, 1.0, h, 0.0)
    assert ct.loewe_combination_index(x, y, additive, 1.0, 1.0, h, h) == pytest.approx(1.0)


def test_more_synergy_means_more_effect():
    values = [ct.interaction_surface_effect(1.0, 1.0, 1.0, 1.0, 1.0, a) for a in (-1, -0.5, 0, 1, 3)]
    assert values == sorted(values)


def test_loewe_and_bliss_disagree_for_hill_one_drugs():
    # h = 1, x = y = 1: Loewe additive 2/3, Bliss expects 1 - (1/2)(1/2) = 3/4
    additive = ct.loewe_additive_effect(1.0, 1.0, 1.0, 1.0, 1.0)
    assert additive - ct.bliss_expected(0.5, 0.5) == pytest.approx(2 / 3 - 3 / 4)


# ----- bad parameters -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: ct.resistance_probability_per_division(-1e-9, 50), "rate_per_bp"),
        (lambda: ct.resistance_probability_per_division(1e-9, -1), "n_mutations"),
        (lambda: ct.resistance_probability_per_division(0.1, 50), "at most 1"),
        (lambda: ct.resistance_probability_per_division(float("nan"), 50), "rate_per_bp"),
        (lambda: ct.prob_no_resistant_mono(0.5, 1e-7), "n_cells"),
        (lambda: ct.prob_no_resistant_mono(float("nan"), 1e-7), "n_cells"),
        (lambda: ct.prob_no_resistant_mono(1e6, -1e-7), "u_per_division"),
        (lambda: ct.prob_no_resistant_dual(1e6, 1e-7, 2.0), "u2_per_division"),
        (lambda: ct.prob_no_resistant_dual(1e6, float("nan"), 1e-7), "u1_per_division"),
        (lambda: ct.goldie_coldman_probability(1e6, -0.1), "alpha_per_division"),
        (lambda: ct.goldie_coldman_probability(0, 1e-6), "n_cells"),
        (lambda: ct.size_at_probability(0.0), "rate_per_cell"),
        (lambda: ct.size_at_probability(-1e-8), "rate_per_cell"),
        (lambda: ct.size_at_probability(1e-8, 1.0), "prob"),
        (lambda: ct.size_at_probability(1e-8, float("nan")), "prob"),
        (lambda: ct.survival_probability(0.0, 0.0), "birth_per_day"),
        (lambda: ct.survival_probability(0.14, 0.14), "death_per_day"),
        (lambda: ct.survival_probability(0.14, -0.01), "death_per_day"),
        (lambda: ct.eradication_probability_dual(1e9, death_treated_per_day=0.1), "death_treated_per_day"),
        (lambda: ct.eradication_probability_dual(1e9, n12=-1), "n12"),
        (lambda: ct.eradication_probability_mono(1e9, float("nan")), "rate_per_bp"),
        (lambda: ct.expected_resistant_cells(5.0), "n_cells"),
        (lambda: ct.size_at_eradication_probability(0.0), "prob"),
        (lambda: ct.size_at_eradication_probability(0.5, 0.0), "does not fall"),
        (lambda: ct.bliss_expected(1.2, 0.1), "effect_a"),
        (lambda: ct.bliss_expected(0.2, float("nan")), "effect_b"),
        (lambda: ct.bliss_excess(-0.1, 0.1, 0.1), "observed"),
        (lambda: ct.hill_effect(-1.0, 1.0), "dose"),
        (lambda: ct.hill_effect(1.0, 0.0), "ec50"),
        (lambda: ct.hill_dose_for_effect(1.0, 1.0), "effect"),
        (lambda: ct.hill_dose_for_effect(0.0, 1.0), "effect"),
        (lambda: ct.loewe_combination_index(1.0, 1.0, 0.5, -2.0, 1.0), "ec50"),
        (lambda: ct.loewe_combination_index(1.0, 1.0, 0.5, 1.0, 1.0, 0.0), "hill"),
        (lambda: ct.loewe_combination_index(-1.0, 1.0, 0.5, 1.0, 1.0), "dose_a"),
        (lambda: ct.interaction_surface_effect(1.0, 1.0, 1.0, 1.0, 1.0, -1.5), "alpha"),
        (lambda: ct.interaction_surface_effect(1.0, 1.0, 1.0, 1.0, 1.0, float("nan")), "alpha"),
        (lambda: ct.interaction_surface_effect(1.0, 1.0, 1.0, 0.0, 1.0, 0.0), "ec50_b"),
        (lambda: ct.simulate_fluctuation_test(0), "n_cultures"),
        (lambda: ct.simulate_fluctuation_test(5, 2.5), "generations"),
        (lambda: ct.simulate_fluctuation_test(5, 41), "generations"),
        (lambda: ct.simulate_fluctuation_test(5, 10, -0.1), "u_per_division"),
        (lambda: ct.simulate_fluctuation_test(5, 10, float("nan")), "u_per_division"),
    ],
)
def test_nonsensical_parameters_raise_value_error_naming_the_problem(call, name):
    with pytest.raises(ValueError, match=name):
        call()
