"""Two-state switching model: closed forms of the 2 x 2 linear system, limits, schedules and checks.

Every expected value is worked out here from the equations

    dS/dt = (g_S - k - a) S + b T,     dT/dt = a S + (g_T - b) T,

independently of the model code: decoupled exponentials when nobody switches, the relaxation
f(t) = f* + (f0 - f*) exp(-(a + b) t) when both states grow alike, the trace and determinant of
the matrix, and a plain Runge-Kutta integration of the equations.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import checked_variant, generated_variants as _generated_variants

from drugresist.models.plasticity import (
    StateSwitching,
    clearance_days,
    days_to_regrow,
    eigenvalues_per_day,
    fold_reduction_at_nadir,
    holiday_schedule,
    initial_state,
    propagate,
    rate_matrix,
    simulate,
    steady_tolerant_fraction,
    tolerance_half_life_days,
)

M = StateSwitching()  # g_S 0.03, g_T 0.008, k 0.3, a_on 0.004, a_off 0.0002, b_on 0.001, b_off 0.05


def rk4(a11, a12, a21, a22, s0, t0, days, steps=20000):
    """Independent numerical solution of the two equations (classical Runge-Kutta)."""
    h = days / steps
    s, t = s0, t0

    def f(s, t):
        return a11 * s + a12 * t, a21 * s + a22 * t

    for _ in range(steps):
        k1 = f(s, t)
        k2 = f(s + h / 2 * k1[0], t + h / 2 * k1[1])
        k3 = f(s + h / 2 * k2[0], t + h / 2 * k2[1])
        k4 = f(s + h * k3[0], t + h * k3[1])
        s += h / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0])
        t += h / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1])
    return s, t


def test_rate_matrix_entries_by_hand():
    on = rate_matrix(M, on_drug=True)
    assert on == pytest.approx(np.array([[0.03 - 0.3 - 0.004, 0.001], [0.004, 0.008 - 0.001]]))
    off = rate_matrix(M, on_drug=False)
    assert off == pytest.approx(np.array([[0.03 - 0.0002, 0.05], [0.0002, 0.008 - 0.05]]))


def test_no_switching_gives_two_independent_exponentials():
    m = StateSwitching(to_tolerant_on_drug_per_day=0, to_tolerant_off_drug_per_day=0,
                       to_sensitive_on_drug_per_day=0, to_sensitive_off_drug_per_day=0)
    run = simulate(m, [(100.0, True)], initial_cells=1e6, tolerant_fraction=0.1)
    for i, day in enumerate(run.times_days):
        # to a millionth of a cell: the closed form subtracts terms of the size of the whole population
        assert run.sensitive[i] == pytest.approx(9e5 * math.exp((0.03 - 0.3) * day), rel=1e-9, abs=1e-6)
        assert run.tolerant[i] == pytest.approx(1e5 * math.exp(0.008 * day), rel=1e-9)
    assert eigenvalues_per_day(m, True) == pytest.approx((0.03 - 0.3, 0.008))
    # without switching the composition is that of the faster state: tolerant on drug, sensitive off
    assert steady_tolerant_fraction(m, True) == 1.0
    assert steady_tolerant_fraction(m, False) == 0.0


def test_pure_switching_relaxes_to_a_over_a_plus_b_and_conserves_cells():
    a, b = 0.03, 0.07
    m = StateSwitching(sensitive_growth_per_day=0.0, tolerant_growth_per_day=0.0, kill_per_day=0.0,
                       to_tolerant_on_drug_per_day=a, to_sensitive_on_drug_per_day=b)
    assert steady_tolerant_fraction(m, True) == pytest.approx(a / (a + b))
    assert eigenvalues_per_day(m, True) == pytest.approx((-(a + b), 0.0), abs=1e-15)
    run = simulate(m, [(60.0, True)], initial_cells=1000.0, tolerant_fraction=0.0)
    f_star = a / (a + b)
    for i, day in enumerate(run.times_days):
        assert run.total[i] == pytest.approx(1000.0, rel=1e-12)
        assert run.tolerant_fraction[i] == pytest.approx(f_star * (1 - math.exp(-(a + b) * day)), abs=1e-12)


def test_equal_growth_only_rescales_the_pure_switching_solution():
    # g_S = g_T = g and k = 0: x(t) = e^{g t} x_switching(t)
    a, b, g = 0.01, 0.04, 0.02
    m = StateSwitching(sensitive_growth_per_day=g, tolerant_growth_per_day=g, kill_per_day=0.0,
                       to_tolerant_off_drug_per_day=a, to_sensitive_off_drug_per_day=b)
    run = simulate(m, [(50.0, False)], initial_cells=1.0, tolerant_fraction=1.0)
    f_star = a / (a + b)
    for i, day in enumerate(run.times_days):
        assert run.total[i] == pytest.approx(math.exp(g * day), rel=1e-12)
        assert run.tolerant_fraction[i] == pytest.approx(f_star + (1 - f_star) * math.exp(-(a + b) * day), rel=1e-10)
    assert tolerance_half_life_days(m) == pytest.approx(math.log(2) / (a + b))


@pytest.mark.parametrize("on_drug", [True, False])
def test_eigenvalues_match_trace_and_determinant(on_drug):
    a = rate_matrix(M, on_drug)
    lo, hi = eigenvalues_per_day(M, on_drug)
    assert lo + hi == pytest.approx(a[0, 0] + a[1, 1], rel=1e-12)
    assert lo * hi == pytest.approx(a[0, 0] * a[1, 1] - a[0, 1] * a[1, 0], rel=1e-10)
    assert lo < hi


def test_dominant_eigenvalue_lies_above_both_diagonal_rates():
    # a matrix with positive off-diagonals has its largest eigenvalue above max(A11, A22)
    for on in (True, False):
        a = rate_matrix(M, on)
        assert eigenvalues_per_day(M, on)[1] > max(a[0, 0], a[1, 1])


def test_steady_share_is_an_eigenvector_and_is_reached_in_the_long_run():
    for on in (True, False):
        share = steady_tolerant_fraction(M, on)
        a = rate_matrix(M, on)
        lam = eigenvalues_per_day(M, on)[1]
        v = np.array([1 - share, share])
        assert a @ v == pytest.approx(lam * v, rel=1e-10, abs=1e-14)
    run = simulate(M, [(2000.0, True)], initial_cells=1.0, tolerant_fraction=0.0, step_days=100.0)
    assert run.tolerant_fraction[-1] == pytest.approx(steady_tolerant_fraction(M, True), rel=1e-9)


def test_closed_form_agrees_with_runge_kutta_on_and_off_drug():
    for on in (True, False):
        a = rate_matrix(M, on)
        s, t = rk4(a[0, 0], a[0, 1], a[1, 0], a[1, 1], 1e6, 1e3, 80.0)
        assert propagate(a, np.array([1e6, 1e3]), 80.0) == pytest.approx([s, t], rel=1e-8)


def test_equal_eigenvalue_branch_matches_its_formula():
    # A = [[-1, 0], [1, -1]] has the double eigenvalue -1: exp(A t) x = e^{-t} (x + (A + I) x t)
    a = np.array([[-1.0, 0.0], [1.0, -1.0]])
    x = np.array([2.0, 3.0])
    t = 1.5
    expected = math.exp(-t) * np.array([2.0, 3.0 + 2.0 * t])
    assert propagate(a, x, t) == pytest.approx(expected, rel=1e-12)


def test_untreated_tumour_keeps_its_composition_and_grows_at_the_dominant_rate():
    lam = eigenvalues_per_day(M, on_drug=False)[1]
    run = simulate(M, [(100.0, False)], initial_cells=1e9)
    assert run.tolerant_fraction == pytest.approx(np.full(run.times_days.size, steady_tolerant_fraction(M, False)))
    assert run.total[-1] == pytest.approx(1e9 * math.exp(lam * 100.0), rel=1e-10)


def test_on_drug_the_bulk_clears_and_the_plateau_grows_at_the_dominant_eigenvalue():
    lo, hi = eigenvalues_per_day(M, on_drug=True)
    assert lo < 0 < hi
    run = simulate(M, [(400.0, True)], initial_cells=1e9)
    # late on, the total grows at hi per day
    assert math.log(run.total[400] / run.total[300]) / 100.0 == pytest.approx(hi, rel=1e-6)
    assert fold_reduction_at_nadir(run) > 10
    assert run.tolerant_fraction[100] > 0.99


def test_holiday_schedule_pieces_and_errors():
    assert holiday_schedule(90, 60, 540) == [(90.0, True), (60.0, False), (390.0, True)]
    assert holiday_schedule(90, 0, 540) == [(90.0, True), (450.0, True)]
    with pytest.raises(ValueError, match="total_days"):
        holiday_schedule(90, 500, 540)
    with pytest.raises(ValueError, match="holiday_days"):
        holiday_schedule(90, -1, 540)


def test_a_holiday_of_zero_days_is_continuous_treatment():
    a = simulate(M, holiday_schedule(90, 0, 300))
    b = simulate(M, [(300.0, True)])
    assert a.total[-1] == pytest.approx(b.total[-1], rel=1e-10)


def test_a_holiday_restores_sensitivity_only_if_tolerant_cells_revert():
    # with reversion, the tolerant share falls during the holiday; without it (b_off = 0 and no
    # switching into T), tolerant cells stay tolerant and only the few sensitive cells regrow
    run = simulate(M, holiday_schedule(90, 60, 300))
    assert run.tolerant_fraction[150] < 0.05 < 0.99 < run.tolerant_fraction[90]
    stuck = StateSwitching(to_sensitive_off_drug_per_day=0.0, to_tolerant_off_drug_per_day=0.0)
    run_stuck = simulate(stuck, holiday_schedule(90, 60, 300))
    t90, t150 = run_stuck.tolerant[90], run_stuck.tolerant[150]
    assert t150 == pytest.approx(t90 * math.exp(0.008 * 60), rel=1e-10)


def test_regrowth_and_clearance_days():
    run = simulate(StateSwitching(tolerant_growth_per_day=0.02), [(400.0, True)])
    day = days_to_regrow(run)
    assert np.isfinite(day) and run.total[int(day)] >= run.total[0] > run.total[int(day) - 1]
    assert days_to_regrow(simulate(M, [(50.0, True)])) == math.inf
    assert clearance_days(1000.0, -0.27) == pytest.approx(math.log(1000) / 0.27)


def test_initial_state_uses_the_untreated_steady_share():
    x = initial_state(M, 1e9)
    assert x.sum() == pytest.approx(1e9)
    assert x[1] / 1e9 == pytest.approx(steady_tolerant_fraction(M, False))


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"kill_per_day": -0.1}, "kill_per_day"),
        ({"to_tolerant_on_drug_per_day": -1e-3}, "to_tolerant_on_drug_per_day"),
        ({"to_sensitive_off_drug_per_day": float("nan")}, "to_sensitive_off_drug_per_day"),
        ({"sensitive_growth_per_day": float("inf")}, "sensitive_growth_per_day"),
    ],
)
def test_nonsense_parameters_raise_naming_the_parameter(kwargs, name):
    with pytest.raises(ValueError, match=name):
        StateSwitching(**kwargs)


def test_nonsense_run_arguments_raise():
    with pytest.raises(ValueError, match="initial_cells"):
        simulate(M, [(10.0, True)], initial_cells=0)
    with pytest.raises(ValueError, match="tolerant_fraction"):
        simulate(M, [(10.0, True)], tolerant_fraction=1.5)
    with pytest.raises(ValueError, match="schedule"):
        simulate(M, [])
    with pytest.raises(ValueError, match="duration_days"):
        simulate(M, [(-5.0, True)])
    with pytest.raises(ValueError, match="rate_per_day"):
        clearance_days(10.0, 0.1)
    with pytest.raises(ValueError, match="fold"):
        clearance_days(0.5, -0.1)


def test_explorer_curves_and_alt_text_state_the_same_numbers():
    from drugresist.figures.plasticity import plasticity_alt, plasticity_curves, plasticity_explorer

    c = plasticity_curves()
    assert c["plateau_rate_per_day"] == pytest.approx(eigenvalues_per_day(M, True)[1])
    assert c["total_continuous"][0] == pytest.approx(1e9)
    alt = plasticity_alt()
    assert f"{c['plateau_rate_per_day']:.2g}" in alt
    assert "holiday" in alt
    explorer = plasticity_explorer()
    assert len(explorer.sliders) == 3
    assert explorer.png()[:4] == b"\x89PNG"


def _eigen_closed_form(e):
    """(lambda_-, lambda_+) from the trace and determinant of [[g_S - k - a, b], [a, g_T - b]]."""
    a11, a22 = e["g_s"] - e["kill"] - e["a"], e["g_t"] - e["b"]
    tr, det = a11 + a22, a11 * a22 - e["a"] * e["b"]
    root = math.sqrt(tr * tr / 4 - det)
    return tr / 2 - root, tr / 2 + root


def test_scalar_eigenvalue_and_share_functions_match_the_model_and_closed_forms():
    from drugresist.models.plasticity import clearance_rate_per_day, plateau_rate_per_day, steady_tolerant_share

    lam = eigenvalues_per_day(M, on_drug=True)
    assert clearance_rate_per_day(0.03, 0.008, 0.3, 0.004, 0.001) == pytest.approx(lam[0], rel=1e-12)
    assert plateau_rate_per_day(0.03, 0.008, 0.3, 0.004, 0.001) == pytest.approx(lam[1], rel=1e-12)
    e = {"g_s": 0.02, "kill": 0.4, "g_t": 0.012, "a": 0.005, "b": 0.002}
    lo, hi = _eigen_closed_form(e)
    assert clearance_rate_per_day(0.02, 0.012, 0.4, 0.005, 0.002) == pytest.approx(lo, rel=1e-12)
    assert plateau_rate_per_day(0.02, 0.012, 0.4, 0.005, 0.002) == pytest.approx(hi, rel=1e-12)
    assert steady_tolerant_share(0.0, 0.0, 0.0, 0.003, 0.012) == pytest.approx(0.003 / 0.015)
    with pytest.raises(ValueError, match="kill_per_day"):
        clearance_rate_per_day(0.02, 0.01, -0.1, 0.005, 0.002)


def test_quiz_generated_answers_match_closed_forms():
    def clearance(e):
        return math.log(e["fold"]) / -_eigen_closed_form(e)[0]

    def doubling(e):
        return math.log(2) / _eigen_closed_form(e)[1]

    closed = {
        "steady-share": lambda e: 100 * e["a"] / (e["a"] + e["b"]),  # pure switching: a/(a+b)
        "clearance-days": clearance,
        "plateau-doubling": doubling,
    }
    # answers printed in the chapter (text, code output, exercise solutions)
    worked = {"steady-share": (10.0, 20.0, 0.28), "clearance-days": (25.2, 33.6), "plateau-doubling": (99.0,)}
    seen = set()
    for q, env in _generated_variants("plasticity"):
        seen.add(q["id"])
        tol = checked_variant(q, env, closed, worked.get(q["id"], ()))
        if q["id"] == "steady-share":
            assert abs(100 * e_ratio(env) - env["answer"]) > tol  # a/b instead of a/(a+b)
            assert env["answer"] != pytest.approx(10.0) and env["answer"] != pytest.approx(20.0)
        if q["id"] == "clearance-days":
            assert abs(math.log(env["fold"]) / env["kill"] - env["answer"]) > tol  # the kill rate alone
            assert abs(math.log10(env["fold"]) / -env["lam_minus"] - env["answer"]) > tol  # log10
        if q["id"] == "plateau-doubling":
            assert env["lam_plus"] > 0
            assert abs(math.log(2) / env["g_t"] - env["answer"]) > tol  # g_T instead of lambda_+
            assert abs(env["answer"] - 99) > tol  # not the chapter's worked doubling time
    assert seen == set(closed)


def e_ratio(env):
    return env["a"] / env["b"]


def test_the_holiday_length_and_kill_rate_questions_hold_in_the_model():
    start = steady_tolerant_fraction(M, on_drug=False)
    fast = StateSwitching(to_sensitive_off_drug_per_day=0.08)
    end = {}
    for holiday in (0, 20, 60, 120):
        run = simulate(fast, holiday_schedule(90, holiday, 540), tolerant_fraction=start)
        end[holiday] = run.total[-1]
        if holiday == 20:
            assert run.tolerant_fraction[110] == pytest.approx(0.16, abs=0.01)
        if holiday == 60:
            assert run.tolerant_fraction[150] < 0.01
    assert min(end, key=end.get) == 60
    assert end[0] / 1e6 == pytest.approx(752, abs=2) and end[20] / 1e6 == pytest.approx(168, abs=2)
    assert end[60] / 1e6 == pytest.approx(44, abs=1) and end[120] / 1e6 == pytest.approx(150, abs=2)
    assert math.log(2) / (0.0002 + 0.08) == pytest.approx(9, abs=0.5)  # "halves about every 9 days"
    # kill rate 0.3 -> 0.45: deeper nadir, (almost) the same plateau slope
    base = simulate(M, [(900, True)])
    strong_model = StateSwitching(kill_per_day=0.45)
    strong = simulate(strong_model, [(900, True)])
    assert fold_reduction_at_nadir(strong) > fold_reduction_at_nadir(base)
    assert eigenvalues_per_day(strong_model, on_drug=True)[1] == pytest.approx(
        eigenvalues_per_day(M, on_drug=True)[1], rel=0.01)


def test_the_useless_holiday_question_holds_in_the_model():
    start = steady_tolerant_fraction(M, on_drug=False)
    continuous = simulate(M, [(540.0, True)], tolerant_fraction=start)  # does not depend on b_off
    stuck = StateSwitching(to_sensitive_off_drug_per_day=0.0)
    holiday = simulate(stuck, holiday_schedule(90, 60, 540), tolerant_fraction=start)
    assert holiday.tolerant_fraction[150] > 0.95
    assert holiday.total[-1] > continuous.total[-1]
    fast = simulate(StateSwitching(to_sensitive_off_drug_per_day=0.1), holiday_schedule(90, 60, 540),
                    tolerant_fraction=start)
    assert fast.total[-1] < continuous.total[-1] / 10


def test_the_chapter_states_the_alt_text_the_figure_function_computes():
    from pathlib import Path

    from drugresist.figures.plasticity import plasticity_alt

    page = (Path(__file__).resolve().parent.parent / "book" / "plasticity.md").read_text(encoding="utf-8")
    assert f"alt: {plasticity_alt()}" in page
