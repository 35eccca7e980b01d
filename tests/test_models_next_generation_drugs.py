"""The survival-curve models against closed-form results worked out by hand."""

import math

import numpy as np
import pytest
from conftest import checked_variant, generated_variants as _generated_variants

from drugresist.models import next_generation_drugs as ng


@pytest.mark.parametrize("median", [0.5, 1.9, 4.4, 10.2, 38.6])
def test_curve_is_one_half_at_its_median(median):
    assert ng.fraction_progression_free(median, median) == pytest.approx(0.5)


@pytest.mark.parametrize("median, hr", [(4.4, 0.30), (10.2, 0.46), (1.9, 0.55), (5.7, 1.3)])
def test_experimental_curve_is_one_half_at_control_median_over_hr(median, hr):
    m_exp = ng.experimental_median(median, hr)
    assert m_exp == pytest.approx(median / hr)
    assert ng.fraction_progression_free(m_exp, median, hr) == pytest.approx(0.5)


def test_hazard_is_ln2_over_median_and_gives_a_quarter_at_two_medians():
    assert ng.hazard_from_median(2.0) == pytest.approx(math.log(2) / 2.0)
    # two half-lives: 1/2 * 1/2 ; three: 1/8 ; time zero: everyone progression-free
    assert ng.fraction_progression_free(8.0, 4.0) == pytest.approx(0.25)
    assert ng.fraction_progression_free(12.0, 4.0) == pytest.approx(0.125)
    assert ng.fraction_progression_free(0.0, 4.0) == 1.0


def test_hazard_ratio_one_gives_identical_curves():
    t = np.linspace(0, 40, 81)
    np.testing.assert_allclose(ng.fraction_progression_free(t, 7.0, 1.0), ng.fraction_progression_free(t, 7.0))
    assert ng.experimental_median(7.0, 1.0) == pytest.approx(7.0)


def test_proportional_hazards_power_relation():
    # S_exp(t) = S_ctrl(t) ** HR at every time point
    t = np.array([1.0, 3.0, 10.0, 25.0])
    control = ng.fraction_progression_free(t, 6.0)
    np.testing.assert_allclose(ng.fraction_progression_free(t, 6.0, 0.4), control**0.4)


def test_curves_decrease_in_time_and_lower_hr_lies_above():
    t = np.linspace(0, 60, 200)
    control = ng.fraction_progression_free(t, 5.0)
    better = ng.fraction_progression_free(t, 5.0, 0.5)
    assert np.all(np.diff(control) < 0)
    assert np.all(np.diff(better) < 0)
    assert np.all(better[1:] > control[1:])
    assert np.all((control > 0) & (control <= 1))


def test_implied_hazard_ratio_is_the_ratio_of_medians():
    # AURA3 medians 4.4 (chemotherapy) and 10.1 (osimertinib) months (mok2017osimertinib)
    assert ng.implied_hazard_ratio(4.4, 10.1) == pytest.approx(4.4 / 10.1)
    # it is the ratio of the two constant hazards ln2/m_exp over ln2/m_ctrl
    ratio = ng.hazard_from_median(10.1) / ng.hazard_from_median(4.4)
    assert ng.implied_hazard_ratio(4.4, 10.1) == pytest.approx(ratio)
    # and it inverts experimental_median
    assert ng.implied_hazard_ratio(6.0, ng.experimental_median(6.0, 0.37)) == pytest.approx(0.37)
    assert ng.implied_hazard_ratio(5.0, 5.0) == pytest.approx(1.0)


def test_hazard_ratio_from_fractions_inverts_the_power_relation():
    # if S_ctrl = 1/4 and S_exp = 1/2 at the same time, HR = ln(1/2) / ln(1/4) = 1/2
    assert ng.hazard_ratio_from_fractions(0.5, 0.25) == pytest.approx(0.5)
    s_ctrl = ng.fraction_progression_free(12.0, 3.0)
    s_exp = ng.fraction_progression_free(12.0, 3.0, 0.7)
    assert ng.hazard_ratio_from_fractions(s_exp, s_ctrl) == pytest.approx(0.7)


def test_median_from_fraction_inverts_the_curve():
    # a quarter left at 10 months means two halvings: median 5 months
    assert ng.median_from_fraction(10.0, 0.25) == pytest.approx(5.0)
    assert ng.median_from_fraction(7.0, 0.5) == pytest.approx(7.0)


def test_approximate_curve_passes_through_the_median_and_starts_at_one():
    t, s = ng.approximate_curve(4.0, t_max_months=16.0, n_points=161)
    assert t[0] == 0.0 and s[0] == 1.0 and t[-1] == pytest.approx(16.0)
    assert s[40] == pytest.approx(0.5)  # t = 4.0 months
    assert s[-1] == pytest.approx(1 / 16)  # four halvings
    t2, s2 = ng.approximate_curve(4.0, hazard_ratio=0.5)
    assert t2[-1] == pytest.approx(32.0)  # default: four experimental medians
    assert s2[-1] == pytest.approx(1 / 16)


def test_vectorised_inputs_broadcast():
    out = ng.fraction_progression_free(np.array([[0.0], [6.0]]), np.array([3.0, 6.0, 12.0]))
    assert out.shape == (2, 3)
    assert out[1, 1] == pytest.approx(0.5)
    np.testing.assert_allclose(ng.experimental_median([4.4, 10.2], [0.30, 0.46]), [4.4 / 0.30, 10.2 / 0.46])


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: ng.hazard_from_median(0.0), "median_months"),
        (lambda: ng.hazard_from_median(-3.0), "median_months"),
        (lambda: ng.fraction_progression_free(-1.0, 4.0), "t_months"),
        (lambda: ng.fraction_progression_free(1.0, 0.0), "median_months"),
        (lambda: ng.fraction_progression_free(1.0, 4.0, 0.0), "hazard_ratio"),
        (lambda: ng.fraction_progression_free(1.0, 4.0, -0.5), "hazard_ratio"),
        (lambda: ng.fraction_progression_free(math.nan, 4.0), "t_months"),
        (lambda: ng.fraction_progression_free([1.0, -2.0], 4.0), "t_months"),
        (lambda: ng.experimental_median(4.4, math.nan), "hazard_ratio"),
        (lambda: ng.experimental_median(math.inf, 0.3), "control_median_months"),
        (lambda: ng.implied_hazard_ratio(4.4, 0.0), "experimental_median_months"),
        (lambda: ng.implied_hazard_ratio(-4.4, 10.1), "control_median_months"),
        (lambda: ng.hazard_ratio_from_fractions(0.0, 0.5), "experimental_fraction"),
        (lambda: ng.hazard_ratio_from_fractions(0.5, 1.0), "control_fraction"),
        (lambda: ng.hazard_ratio_from_fractions(1.2, 0.5), "experimental_fraction"),
        (lambda: ng.median_from_fraction(0.0, 0.5), "t_months"),
        (lambda: ng.median_from_fraction(12.0, 1.0), "fraction"),
        (lambda: ng.approximate_curve(0.0), "median_months"),
        (lambda: ng.approximate_curve(4.0, t_max_months=-1.0), "t_max_months"),
        (lambda: ng.approximate_curve(4.0, n_points=1), "n_points"),
        (lambda: ng.approximate_curve(4.0, hazard_ratio=math.nan), "hazard_ratio"),
        (lambda: ng.experimental_median("ten", 0.5), "control_median_months"),
    ],
)
def test_nonsensical_parameters_raise_value_error_naming_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_explorer_presets_and_figure_title_say_approximation():
    from drugresist.figures.next_generation_drugs import TRIALS, plot_trial_curves, trials_explorer

    explorer = trials_explorer()
    assert len(explorer.presets) == len(TRIALS) == 4
    fig = plot_trial_curves(**explorer.presets[1])
    assert "approximation assuming exponential survival" in fig.axes[0].get_title()
    assert "FLAURA" in fig.axes[0].get_title()
    assert "approximation" in explorer.alt(**explorer.presets[0])


def test_quiz_generated_answers_match_closed_forms():
    closed = {
        # S_exp(t) = exp(-HR ln2 t / m), in %
        "fraction-at-time": lambda e: 100 * math.exp(-e["hr"] * math.log(2) * e["t"] / e["m"]),
        "model-median": lambda e: e["m"] / e["hr"],
        "implied-hr": lambda e: e["m_ctrl"] / e["m_exp"],
        "landmark-hr": lambda e: math.log(e["s_exp"]) / math.log(e["s_ctrl"]),
    }
    # numbers printed in the chapter that a generated answer must not coincide with
    worked = {
        "fraction-at-time": (15.1, 56.7, 20.0, 47.0, 22.3, 9.4, 26.8, 8.2),
        "model-median": (14.7, 22.2, 3.3, 4.4, 10.1, 10.2, 18.9, 3.8, 1.9, 11.0, 5.7, 7.3, 3.1, 15.0, 17.8, 10.9),
        "implied-hr": (0.44, 0.54, 0.50, 0.52, 0.53, 0.63, 0.42, 0.49, 0.30, 0.46, 0.55, 0.65, 0.70),
        "landmark-hr": (0.44, 0.54, 0.50, 0.52, 0.53, 0.63, 0.30, 0.46, 0.55, 0.65, 0.70),
    }
    seen = set()
    for q, env in _generated_variants("next_generation_drugs"):
        seen.add(q["id"])
        tol = checked_variant(q, env, closed, worked.get(q["id"], ()))
        ans = env["answer"]
        if q["id"] == "fraction-at-time":
            assert env["control"] < ans - tol  # leaving out the HR is too low
            assert 100 * (1 - env["hr"] * (1 - env["control"] / 100)) > ans + tol  # scaling the fraction: too high
        if q["id"] == "model-median":
            assert env["m"] * env["hr"] < ans - tol  # multiplying by the HR is too low
            assert env["m"] / env["hr"] ** 2 > ans + tol
        if q["id"] == "implied-hr":
            assert env["m_exp"] / env["m_ctrl"] > ans + tol  # the inverse is too high
            assert ans < 1
        if q["id"] == "landmark-hr":
            assert env["s_ctrl"] / env["s_exp"] < ans - tol  # plain ratio of fractions: too low
            assert math.log(100 * env["s_exp"]) / math.log(100 * env["s_ctrl"]) > ans + tol  # logs of %
            assert math.log(env["s_ctrl"]) / math.log(env["s_exp"]) > ans + tol  # control on top
    assert seen == set(closed)


def test_fixed_numbers_in_choice_questions():
    # why-differ: SOLAR-1 medians 11.0 and 5.7 imply about 0.52; its inverse is about 1.92
    assert ng.implied_hazard_ratio(5.7, 11.0) == pytest.approx(0.52, abs=0.005)
    assert 1 / 0.52 == pytest.approx(1.92, abs=0.005)
    # hr-meaning: 1/0.62 is about 1.6
    assert 1 / 0.62 == pytest.approx(1.6, abs=0.02)
