"""Adaptive therapy model: closed forms, limiting cases, schedule logic and parameter checks."""

from __future__ import annotations

import math

import numpy as np
import pytest

from drugresist.models.adaptive_therapy import (
    Competition,
    coexistence_equilibrium,
    drug_days,
    logistic,
    logistic_time_to_reach,
    simulate,
    time_to_progression_days,
)


# ----- closed forms ------------------------------------------------------------------------------
def test_logistic_matches_its_differential_equation_and_limits():
    r, k, n0 = 0.05, 2.0, 0.1
    t = np.linspace(0, 300, 3001)
    n = logistic(t, n0, r, k)
    assert n[0] == pytest.approx(n0)
    assert n[-1] == pytest.approx(k, rel=1e-5)
    slope = np.gradient(n, t)
    assert np.allclose(slope[1:-1], (r * n * (1 - n / k))[1:-1], rtol=1e-3, atol=1e-7)


def test_logistic_is_exponential_while_small():
    # n << K: n(t) ~ n0 e^{rt}
    assert logistic(10.0, 1e-9, 0.1, 1.0) == pytest.approx(1e-9 * math.e, rel=1e-6)


def test_logistic_time_to_reach_inverts_logistic():
    n0, r, k = 0.02, 0.03, 1.0
    for level in (0.05, 0.5, 0.9):
        t = logistic_time_to_reach(level, n0, r, k)
        assert logistic(t, n0, r, k) == pytest.approx(level, rel=1e-9)


def test_logistic_doubling_time_when_small_is_ln2_over_r():
    assert logistic_time_to_reach(2e-9, 1e-9, 0.05) == pytest.approx(math.log(2) / 0.05, rel=1e-6)


def test_untreated_sensitive_cells_alone_follow_the_logistic_closed_form():
    p = Competition(growth_sensitive_per_day=0.04, kill_per_day=0.1)
    run = simulate("none", p, initial_burden=0.1, resistant_fraction=0.0, days=200, step_days=0.5)
    expected = logistic(run.times_days, 0.1, 0.04, 1.0)
    assert np.allclose(run.sensitive, expected, rtol=1e-7)
    assert np.all(run.resistant == 0)


def test_resistant_cells_alone_follow_the_logistic_whatever_the_schedule():
    p = Competition(growth_resistant_per_day=0.02)
    for schedule in ("none", "continuous", "adaptive"):
        run = simulate(schedule, p, initial_burden=0.2, resistant_fraction=1.0, days=300, step_days=1.0)
        assert np.allclose(run.resistant, logistic(run.times_days, 0.2, 0.02, 1.0), rtol=1e-6)


def test_sensitive_cells_alone_under_continuous_drug_decay_at_net_rate_when_small():
    # S << K: dS/dt ~ (r_S - kill) S, so S(t) ~ S0 e^{(r_S - kill) t}
    p = Competition(growth_sensitive_per_day=0.03, kill_per_day=0.08)
    run = simulate("continuous", p, initial_burden=1e-6, resistant_fraction=0.0, days=100, step_days=0.5)
    assert run.sensitive[-1] == pytest.approx(1e-6 * math.exp(-0.05 * 100), rel=1e-4)


def test_untreated_coexistence_equilibrium_is_reached():
    p = Competition(competition_on_resistant=0.6, competition_on_sensitive=0.4)
    s_star, r_star = coexistence_equilibrium(p)
    # by hand: det = 1 - 0.24 = 0.76; S* = 0.6/0.76, R* = 0.4/0.76
    assert (s_star, r_star) == pytest.approx((0.6 / 0.76, 0.4 / 0.76))
    run = simulate("none", p, initial_burden=0.3, resistant_fraction=0.5, days=5000, step_days=1.0)
    assert run.sensitive[-1] == pytest.approx(s_star, rel=1e-4)
    assert run.resistant[-1] == pytest.approx(r_star, rel=1e-4)


def test_no_coexistence_when_a_competitor_is_strong():
    with pytest.raises(ValueError, match="competition"):
        coexistence_equilibrium(Competition(competition_on_resistant=1.5))


def test_rk4_error_falls_with_the_fourth_power_of_the_step():
    p = Competition(growth_sensitive_per_day=0.2)
    exact = float(logistic(60.0, 0.01, 0.2, 1.0))
    errors = []
    for h in (4.0, 2.0):
        run = simulate("none", p, initial_burden=0.01, resistant_fraction=0.0, days=60, step_days=h)
        errors.append(abs(run.sensitive[-1] - exact))
    assert 10 < errors[0] / errors[1] < 24  # 2^4 = 16 for a fourth-order method


# ----- schedules ---------------------------------------------------------------------------------
def test_continuous_gives_the_drug_every_day_and_none_never():
    cont = simulate("continuous", days=100, step_days=0.5)
    none = simulate("none", days=100, step_days=0.5)
    assert drug_days(cont) == pytest.approx(100.0)
    assert drug_days(none) == 0.0


def _switch_indices(run):
    """Output indices at which the dose goes off (1 -> 0) and on (0 -> 1)."""
    off = np.nonzero((run.dose[:-2] == 1) & (run.dose[1:-1] == 0))[0] + 1
    on = np.nonzero((run.dose[:-2] == 0) & (run.dose[1:-1] == 1))[0] + 1
    return off, on


def test_adaptive_stops_at_the_lower_threshold_and_restarts_at_the_start_level():
    run = simulate("adaptive", lower_fraction=0.5, days=600, step_days=0.5)
    start = run.total[0]
    switches_off, switches_on = _switch_indices(run)
    assert switches_off.size >= 2 and switches_on.size >= 1
    # each switch is located on its threshold, not at the next step
    assert np.allclose(run.total[switches_off], 0.5 * start, rtol=1e-8)
    assert np.allclose(run.total[switches_on], start, rtol=1e-8)
    # the burden stays between the thresholds until resistance takes over
    first_cycle = slice(0, switches_on[0] + 1)
    assert run.total[first_cycle].max() <= start * (1 + 1e-8)
    assert run.total[first_cycle].min() >= 0.5 * start * (1 - 1e-8)


def test_adaptive_cycle_without_resistant_cells_matches_the_closed_forms():
    # R = 0. On drug, dS/dt = a S - b S^2 with a = r_S - kill < 0 and b = r_S / K, so the time from
    # S0 to S1 is ln(S1 (a - b S0) / (S0 (a - b S1))) / a. Off drug, S grows logistically at r_S.
    p = Competition()
    start, lower = 0.75, 0.5
    run = simulate("adaptive", p, initial_burden=start, resistant_fraction=0.0, days=300, step_days=0.5,
                   lower_fraction=lower)
    a = p.growth_sensitive_per_day - p.kill_per_day
    b = p.growth_sensitive_per_day / p.capacity
    s0, s1 = start, lower * start
    t_on = math.log(s1 * (a - b * s0) / (s0 * (a - b * s1))) / a
    t_off = logistic_time_to_reach(s0, s1, p.growth_sensitive_per_day, p.capacity)
    switches_off, switches_on = _switch_indices(run)
    times_off, times_on = run.times_days[switches_off], run.times_days[switches_on]
    period = t_on + t_off
    assert times_off[:3] == pytest.approx(t_on + period * np.arange(3), abs=1e-5)
    assert times_on[:3] == pytest.approx(period * np.arange(1, 4), abs=1e-5)
    assert drug_days(run, times_on[2]) == pytest.approx(3 * t_on, abs=1e-5)


def test_default_adaptive_result_converges_as_the_step_shrinks():
    # With the switches located exactly, halving the step must change the time to progression by
    # well under a day and keep the number of cycles (with a switch decided only at the start of each
    # step, 0.5- and 0.2-day steps differed by about 45 days, because a late cycle just did or did
    # not reach the stopping level).
    results = []
    for h in (1.0, 0.5, 0.25, 0.125):
        run = simulate("adaptive", step_days=h)
        ttp = time_to_progression_days(run)
        results.append((ttp, drug_days(run, ttp), _switch_indices(run)[0].size))
    for (ttp1, dd1, n1), (ttp2, dd2, n2) in zip(results, results[1:]):
        assert abs(ttp1 - ttp2) < 0.01
        assert abs(dd1 - dd2) < 0.01
        assert n1 == n2


def test_a_coarse_step_finds_the_same_cycles_as_a_fine_one():
    coarse, fine = simulate("adaptive", step_days=4.0), simulate("adaptive", step_days=0.05)
    assert _switch_indices(coarse)[0].size == _switch_indices(fine)[0].size
    assert time_to_progression_days(coarse) == pytest.approx(time_to_progression_days(fine), abs=0.5)


def test_a_dip_that_reaches_the_stopping_level_only_inside_a_step_is_caught():
    # On drug from S = 0.11, R = 0.3 the burden falls, turns and rises again within 10 days; both
    # ends of the step lie above a level set just under the minimum, and the switch is still found.
    from drugresist.models.adaptive_therapy import _rk4, _switch_time

    p, s, r, h = Competition(), 0.11, 0.3, 10.0
    taus = np.linspace(0.0, h, 2001)
    totals = np.array([sum(_rk4(s, r, 1.0, p, tau)) for tau in taus])
    lowest = totals.min()
    assert totals[0] > lowest + 1e-3 and totals[-1] > lowest + 1e-3
    end = _rk4(s, r, 1.0, p, h)
    tau = _switch_time(s, r, 1.0, p, h, lowest + 1e-7, 1.0, end)
    assert tau is not None and 0 < tau < taus[totals.argmin()]
    assert sum(_rk4(s, r, 1.0, p, tau)) == pytest.approx(lowest + 1e-7, abs=1e-10)
    assert _switch_time(s, r, 1.0, p, h, lowest - 1e-7, 1.0, end) is None


def test_adaptive_uses_less_drug_and_delays_progression_when_sensitive_cells_suppress_resistant_ones():
    p = Competition()  # illustrative defaults: costly resistance, strong competition on R
    cont, adapt = simulate("continuous", p), simulate("adaptive", p)
    ttp_cont, ttp_adapt = time_to_progression_days(cont), time_to_progression_days(adapt)
    assert ttp_adapt > 1.5 * ttp_cont
    assert drug_days(adapt, ttp_cont) < drug_days(cont, ttp_cont)


def test_without_competition_on_resistant_cells_adaptive_gains_nothing():
    # R grows as if alone (logistic) whatever S does, so progression time is set by R alone, and
    # pausing treatment can only let S add to the burden.
    p = Competition(competition_on_resistant=0.0)
    cont, adapt = simulate("continuous", p), simulate("adaptive", p)
    assert time_to_progression_days(adapt) <= time_to_progression_days(cont) + 1.0


def test_continuous_progression_time_approaches_the_resistant_logistic_when_kill_is_overwhelming():
    p = Competition(kill_per_day=5.0, competition_on_sensitive=0.0)
    run = simulate("continuous", p, initial_burden=0.5, resistant_fraction=0.02, days=1500, step_days=0.05)
    # S vanishes within days; R (0.01 of K) grows logistically to 1.2 x 0.5 = 0.6
    expected = logistic_time_to_reach(0.6, 0.01, p.growth_resistant_per_day)
    assert time_to_progression_days(run) == pytest.approx(expected, rel=0.02)


def test_no_resistant_cells_means_adaptive_never_progresses_within_the_horizon():
    run = simulate("adaptive", resistant_fraction=0.0, days=1500)
    assert time_to_progression_days(run) == math.inf


def test_populations_stay_non_negative_and_below_capacity():
    for schedule in ("none", "continuous", "adaptive"):
        run = simulate(schedule)
        assert np.all(run.sensitive >= 0) and np.all(run.resistant >= 0)
        assert np.all(run.resistant <= 1.0 + 1e-9)


def test_time_to_progression_interpolates_between_steps():
    run = simulate("none", Competition(growth_sensitive_per_day=0.05), initial_burden=0.1,
                   resistant_fraction=0.0, days=100, step_days=0.5)
    assert time_to_progression_days(run) == pytest.approx(logistic_time_to_reach(0.12, 0.1, 0.05), abs=0.01)


def test_drug_days_counts_partial_steps():
    run = simulate("continuous", days=10, step_days=1.0)
    assert drug_days(run, 2.5) == pytest.approx(2.5)


def test_drug_days_until_never_counts_the_whole_run():
    run = simulate("continuous", days=10, step_days=1.0)
    assert drug_days(run, math.inf) == pytest.approx(10.0)
    with pytest.raises(ValueError, match="until_days"):
        drug_days(run, -1.0)


# ----- bad input ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("field", "value"),
    [("growth_sensitive_per_day", 0.0), ("growth_resistant_per_day", -0.1), ("kill_per_day", -1.0),
     ("competition_on_resistant", -0.5), ("competition_on_sensitive", float("nan")), ("capacity", 0.0)],
)
def test_competition_rejects_nonsense(field, value):
    with pytest.raises(ValueError, match=field):
        Competition(**{field: value})


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [({"schedule": "weekly"}, "schedule"), ({"initial_burden": 1.5}, "initial_burden"),
     ({"initial_burden": 0.0}, "initial_burden"), ({"resistant_fraction": 1.2}, "resistant_fraction"),
     ({"days": 0.0}, "days"), ({"step_days": -1.0}, "step_days"), ({"step_days": 5000.0}, "step_days"),
     ({"lower_fraction": 1.0}, "lower_fraction")],
)
def test_simulate_rejects_nonsense(kwargs, name):
    arguments = {"schedule": "adaptive", **kwargs}
    with pytest.raises(ValueError, match=name):
        simulate(**arguments)


def test_progression_fraction_must_exceed_one():
    with pytest.raises(ValueError, match="progression_fraction"):
        time_to_progression_days(simulate("none", days=10), 0.9)


def test_logistic_time_rejects_levels_out_of_reach():
    with pytest.raises(ValueError, match="level"):
        logistic_time_to_reach(1.0, 0.1, 0.1, 1.0)
    with pytest.raises(ValueError, match="level"):
        logistic_time_to_reach(0.05, 0.1, 0.1, 1.0)
