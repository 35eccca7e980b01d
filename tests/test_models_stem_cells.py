"""Stem-cell hierarchy model: closed-form solutions of the linear system, limits, cure and relapse, checks.

Every expected value here is worked out by hand from the equations

    dS/dt = g_S S,   dP/dt = a S + g_P P,   dD/dt = d P + g_D D,

whose exact solutions are sums of exponentials (the rates g are the diagonal of the matrix).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from drugresist.models.stem_cells import (
    Hierarchy,
    balanced_composition,
    fold_reduction_at_nadir,
    initial_state,
    propagate,
    rate_matrix,
    simulate,
    stem_cells_at_end_of_therapy,
    stem_net_rate_per_day,
    therapy_days_to_cure,
    time_to_relapse_days,
)

H = Hierarchy()  # r_S 0.015, a 0.4, p 0.45, d 0.46, mu 0.1, f_S 0.005, f_P 1, f_D 0


def chain_solution(s0, p0, d0, g1, g2, g3, a, d, t):
    """Exact solution of the three-compartment chain for distinct rates g1, g2, g3 (independent of the model)."""
    s = s0 * math.exp(g1 * t)
    p = p0 * math.exp(g2 * t) + a * s0 * (math.exp(g1 * t) - math.exp(g2 * t)) / (g1 - g2)
    three = (
        math.exp(g1 * t) / ((g1 - g2) * (g1 - g3))
        + math.exp(g2 * t) / ((g2 - g1) * (g2 - g3))
        + math.exp(g3 * t) / ((g3 - g1) * (g3 - g2))
    )
    dd = d0 * math.exp(g3 * t) + d * p0 * (math.exp(g2 * t) - math.exp(g3 * t)) / (g2 - g3) + a * d * s0 * three
    return s, p, dd


def test_balanced_composition_by_hand():
    # per stem cell: P = a / (r_S - (p - d)) = 0.4 / 0.025 = 16; D = d P / (r_S + mu) = 0.46 * 16 / 0.115 = 64
    assert balanced_composition(H) == pytest.approx(np.array([1.0, 16.0, 64.0]) / 81.0)
    assert initial_state(H, 81e6) == pytest.approx([1e6, 16e6, 64e6])


def test_untreated_balanced_tumour_grows_as_exp_of_stem_renewal_with_fixed_composition():
    run = simulate(H, kill_per_day=0.0, therapy_days=0.0, days=200.0, points=5)
    x0 = initial_state(H)
    for i, t in enumerate(run.times_days):
        growth = math.exp(0.015 * t)
        assert run.stem[i] == pytest.approx(x0[0] * growth, rel=1e-10)
        assert run.progenitor[i] == pytest.approx(x0[1] * growth, rel=1e-10)
        assert run.differentiated[i] == pytest.approx(x0[2] * growth, rel=1e-10)
    assert np.allclose(run.stem_fraction, 1.0 / 81.0)


def test_stem_cells_follow_a_single_exponential_during_and_after_therapy():
    run = simulate(H, kill_per_day=2.0, stem_kill_per_day=0.05, therapy_days=100.0, days=300.0, points=7)
    s0 = initial_state(H)[0]
    on = 0.015 - 2.0 * 0.005 - 0.05                       # r_S - k f_S - k_T = -0.045 per day
    for t, s in zip(run.times_days, run.stem):
        expected = s0 * math.exp(on * t) if t <= 100 else s0 * math.exp(on * 100) * math.exp(0.015 * (t - 100))
        assert s == pytest.approx(expected, rel=1e-9)
    assert stem_net_rate_per_day(H, 2.0, 0.05) == pytest.approx(on)
    assert stem_cells_at_end_of_therapy(H, 2.0, 0.05, 100.0) == pytest.approx(s0 * math.exp(on * 100))


@pytest.mark.parametrize("t", [0.5, 3.0, 17.0, 60.0])
def test_progenitors_and_differentiated_cells_match_the_exact_chain_solution_under_therapy(t):
    s0, p0, d0 = initial_state(H)
    g1 = 0.015 - 2.0 * 0.005                                # stem rate on therapy
    g2 = (0.45 - 0.46) - 2.0 * 1.0                          # progenitors, fully cycling
    g3 = -0.1                                               # differentiated cells do not cycle
    expected = chain_solution(s0, p0, d0, g1, g2, g3, 0.4, 0.46, t)
    got = propagate([s0, p0, d0], rate_matrix(H, 2.0), [t])[0]
    assert got == pytest.approx(np.array(expected), rel=1e-9)


def test_matrix_exponential_is_a_semigroup_and_identity_at_zero():
    a = rate_matrix(H, 1.3, 0.07)
    x0 = np.array([3.0, 5.0, 7.0])
    assert propagate(x0, a, [0.0])[0] == pytest.approx(x0)
    two_steps = propagate(propagate(x0, a, [40.0])[0], a, [85.0])[0]
    assert two_steps == pytest.approx(propagate(x0, a, [125.0])[0], rel=1e-9)


def test_untreated_growth_approaches_the_stem_renewal_rate_from_any_start():
    # A tumour started from stem cells alone settles into the balanced composition and grows at r_S.
    late = propagate([1.0, 0.0, 0.0], rate_matrix(H), [1000.0, 1100.0])
    slope = math.log(late[1].sum() / late[0].sum()) / 100.0
    assert slope == pytest.approx(0.015, rel=1e-6)
    assert late[1] / late[1].sum() == pytest.approx(balanced_composition(H), rel=1e-6)


def test_stem_share_under_long_therapy_tends_to_the_treated_eigenvector():
    # On therapy the stem pool is the slowest-decaying (here growing) compartment, g = 0.005 per day.
    # Per stem cell: P = a / (g - g_P) = 0.4 / (0.005 + 2.01); D = d P / (g + mu) = 0.46 P / 0.105.
    g = 0.005
    p = 0.4 / (g + 2.01)
    d = 0.46 * p / (g + 0.1)
    run = simulate(H, kill_per_day=2.0, therapy_days=730.0, days=730.0, points=731)
    assert run.stem_fraction[700] == pytest.approx(1.0 / (1.0 + p + d), rel=1e-6)
    # enrichment: the share of stem cells rises from 1/81 during therapy
    assert run.stem_fraction[0] == pytest.approx(1 / 81)
    assert run.stem_fraction[120] > 30 * run.stem_fraction[0]


def test_pure_stem_tumour_relapse_time_and_nadir_closed_form():
    # No progenitor output: the tumour is the stem pool. It shrinks at q - r_S for T days and regrows
    # at r_S, so it is back to its start at t* = q T / r_S; the nadir is exp((q - r_S) T).
    h = Hierarchy(stem_renewal_per_day=0.02, progenitor_output_per_day=0.0, progenitor_division_per_day=0.0,
                  progenitor_differentiation_per_day=0.1, stem_cycling_fraction=0.1)
    run = simulate(h, kill_per_day=1.0, therapy_days=50.0, days=400.0, points=801, extinction_threshold_cells=0.0)
    q = 1.0 * 0.1
    assert time_to_relapse_days(run) == pytest.approx(q * 50.0 / 0.02, rel=1e-9)     # 250 days
    assert fold_reduction_at_nadir(run) == pytest.approx(math.exp((q - 0.02) * 50.0), rel=1e-9)
    # relapse to half the starting size comes ln 2 / r_S days earlier
    assert time_to_relapse_days(run, 0.5) == pytest.approx(250.0 - math.log(2) / 0.02, rel=1e-9)


def test_zero_stem_kill_means_relapse_and_no_cure():
    h = Hierarchy(stem_cycling_fraction=0.0)
    run = simulate(h, kill_per_day=3.0, stem_kill_per_day=0.0, therapy_days=200.0)
    assert not run.cured
    assert run.total.min() < run.total[0] / 10          # a deep response ...
    assert run.total[-1] > run.total[0]                 # ... and still a relapse
    assert run.stem[200] == pytest.approx(initial_state(h)[0] * math.exp(0.015 * 200), rel=1e-9)
    assert therapy_days_to_cure(h, 3.0, 0.0) == math.inf


def test_stem_kill_above_renewal_cures_after_the_closed_form_duration():
    s0 = initial_state(H)[0]
    net = 0.015 - 2.0 * 0.005 - 0.2                       # -0.195 per day
    needed = math.log(s0) / -net
    assert therapy_days_to_cure(H, 2.0, 0.2) == pytest.approx(needed)
    cured = simulate(H, kill_per_day=2.0, stem_kill_per_day=0.2, therapy_days=needed + 1.0)
    assert cured.cured and cured.extinction_day == pytest.approx(needed)
    assert time_to_relapse_days(cured) == math.inf
    assert np.all(cured.stem[cured.times_days > needed] == 0.0)
    assert np.all(np.diff(cured.total[cured.times_days > needed]) <= 0)   # nothing regrows
    # stopped 5 days early, about e^(0.195 * 5) = 2.7 stem cells are left, and they regrow the tumour
    short = simulate(H, kill_per_day=2.0, stem_kill_per_day=0.2, therapy_days=needed - 5.0, days=3000.0, points=3001)
    assert not short.cured
    assert short.stem[int(needed - 5.0) + 1] == pytest.approx(math.exp(0.195 * 5.0), rel=0.05)
    assert short.total[-1] > short.total[0]


def test_stem_targeted_agent_delays_relapse_monotonically():
    times = [time_to_relapse_days(simulate(H, stem_kill_per_day=kt, days=1500.0, points=1501))
             for kt in (0.0, 0.01, 0.03, 0.05)]
    assert all(a < b for a, b in zip(times, times[1:]))


def test_more_quiescent_stem_cells_survive_therapy_better():
    survivors = [stem_cells_at_end_of_therapy(Hierarchy(stem_cycling_fraction=f), 2.0, 0.0, 120.0)
                 for f in (0.2, 0.05, 0.005, 0.0)]
    assert all(a < b for a, b in zip(survivors, survivors[1:]))


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: Hierarchy(stem_renewal_per_day=0.0), "stem_renewal_per_day"),
        (lambda: Hierarchy(progenitor_output_per_day=-1.0), "progenitor_output_per_day"),
        (lambda: Hierarchy(differentiated_death_per_day=0.0), "differentiated_death_per_day"),
        (lambda: Hierarchy(stem_cycling_fraction=1.5), "stem_cycling_fraction"),
        (lambda: Hierarchy(progenitor_cycling_fraction=-0.1), "progenitor_cycling_fraction"),
        (lambda: Hierarchy(progenitor_division_per_day=1.0, progenitor_differentiation_per_day=0.5),
         "progenitor_division_per_day - progenitor_differentiation_per_day"),
        (lambda: rate_matrix(H, kill_per_day=-1.0), "kill_per_day"),
        (lambda: rate_matrix(H, stem_kill_per_day=float("nan")), "stem_kill_per_day"),
        (lambda: simulate(H, therapy_days=-1.0), "therapy_days"),
        (lambda: simulate(H, days=0.0), "days"),
        (lambda: simulate(H, points=1), "points"),
        (lambda: simulate(H, initial_cells=0.0), "initial_cells"),
        (lambda: simulate(H, extinction_threshold_cells=-1.0), "extinction_threshold_cells"),
        (lambda: propagate([1.0, -1.0, 0.0], rate_matrix(H), [1.0]), "state"),
        (lambda: propagate([1.0, 1.0, 0.0], rate_matrix(H), [-1.0]), "t_days"),
        (lambda: therapy_days_to_cure(H, threshold_cells=0.0), "threshold_cells"),
        (lambda: time_to_relapse_days(simulate(H, points=11), relapse_fraction=0.0), "relapse_fraction"),
    ],
)
def test_nonsense_parameters_raise_value_error_naming_them(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_explorer_presets_and_alt_text_state_what_the_model_computes():
    from drugresist.figures.stem_cells import hierarchy_alt, stem_cell_explorer

    explorer = stem_cell_explorer()
    assert 3 <= len(explorer.presets) <= 6
    relapse = time_to_relapse_days(simulate(H, kill_per_day=2.0, therapy_days=120.0, days=730.0, points=366))
    text = hierarchy_alt(stem_kill_per_day=0.2)
    assert f"back to its starting size on day {relapse:.0f}" in text
    cure_day = therapy_days_to_cure(H, 2.0, 0.2)
    assert f"loses its last stem cell on day {cure_day:.0f}" in text


def test_quiz_generated_questions_state_the_models_renewal_rate_and_follow_closed_forms():
    """The generated stem-cell questions print r_S = 0.015 in their prompts; it must stay the model's value,
    and their answers follow ln(S0)/(k_T - r_S) and S0 exp(-(k_T - r_S) T) with S0 from the balanced composition."""
    import yaml

    from drugresist.models.stem_cells import stem_cells_at_end_of_therapy

    bank_path = __import__("drugresist.models.stem_cells", fromlist=["x"]).__file__.replace(
        "models/stem_cells.py", "quizbanks/stem_cells.yaml")
    with open(bank_path, encoding="utf-8") as handle:
        questions = {q["id"]: q for q in yaml.safe_load(handle)["questions"]}
    r_s = Hierarchy().stem_renewal_per_day
    for qid in ("cure-days", "stem-left"):
        assert "$r_S$ = 0.015 per day" in questions[qid]["prompt"]
    assert r_s == 0.015
    n_cells, k_t, days = 2e9, 0.07, 60.0
    s0 = n_cells * balanced_composition(Hierarchy())[0]
    assert therapy_days_to_cure(Hierarchy(), kill_per_day=0.0, stem_kill_per_day=k_t,
                                initial_cells=n_cells) == pytest.approx(math.log(s0) / (k_t - r_s))
    assert stem_cells_at_end_of_therapy(Hierarchy(), kill_per_day=0.0, stem_kill_per_day=k_t, therapy_days=days,
                                        initial_cells=n_cells) == pytest.approx(s0 * math.exp(-(k_t - r_s) * days))


def test_quiz_stem_net_rate_states_the_models_values_and_rejects_the_wrong_methods():
    """stem-net-rate prints r_S = 0.015 and f_S = 0.005: they must stay the model's defaults. In every
    variant the answer is r_S - k f_S, and the reviewers' wrong methods (r_S left out, k f_S added,
    the full k subtracted, r_S alone, the sign flipped) fall outside the tolerance."""
    from conftest import checked_variant, generated_variants

    h = Hierarchy()
    assert (h.stem_renewal_per_day, h.stem_cycling_fraction) == (0.015, 0.005)
    closed = {"stem-net-rate": lambda e: 0.015 - 0.005 * e["k"]}
    seen = 0
    for q, env in generated_variants("stem_cells"):
        if q["id"] != "stem-net-rate":
            continue
        assert "$r_S$ = 0.015 per day" in q["prompt"] and "$f_S$ = 0.005" in q["prompt"]
        tol = checked_variant(q, env, closed, worked=(0.005, -0.005, 0.01, -0.08, 0.0))
        k, answer = env["k"], env["answer"]
        for wrong in (-0.005 * k, 0.015 + 0.005 * k, 0.015 - k, 0.015, -answer):
            assert abs(wrong - answer) > tol, (env, wrong)
        seen += 1
    assert seen == 6


def test_quiz_enrichment_and_relapse_questions_follow_closed_forms_and_reject_the_wrong_methods():
    """enrichment-number and relapse-days draw their numbers (review round 2). In every variant the
    answer is the closed form, none is a number the chapter prints, and the slips the reviewers list
    are graded wrong: for the enrichment, the surviving share applied to the whole tumour, no
    enrichment at all, 100 %, stem cells over surviving other cells, a fraction instead of a
    percentage; for the relapse day (counted from the day therapy stops, review round 3), counting
    from the start of therapy instead, the kill rate used as the net rate with or without that
    count (the round-3 double slip -q T / r_S, which once gave the key), and regrowth at q - r_S.
    No variant's exact answer is a half day, so "round to the nearest day" has one answer."""
    from conftest import checked_variant, generated_variants

    from drugresist.models.stem_cells import (
        stem_pool_regrowth_days,
        stem_share_of_survivors,
    )

    closed = {
        "enrichment-number": lambda e: 100 * e["s"] / (e["s"] + (1 - e["s"]) * (1 - e["k"])),
        "relapse-days": lambda e: e["T"] * (e["q"] - e["r"]) / e["r"],
    }
    wrong = {
        "enrichment-number": lambda e: (100 * e["s"] / (e["s"] + 1 - e["k"]), 100 * e["s"], 100.0,
                                        100 * e["s"] / ((1 - e["s"]) * (1 - e["k"])), e["answer"] / 100),
        "relapse-days": lambda e: (e["T"] + e["T"] * (e["q"] - e["r"]) / e["r"],  # counted from day 0
                                   e["T"] * e["q"] / e["r"],  # -q as the net rate, counted from the stop
                                   e["T"] + e["T"] * e["q"] / e["r"],  # -q as the net rate, from day 0
                                   e["T"]),  # regrowth at q - r_S instead of r_S
    }
    worked = {"enrichment-number": (1.2, 48.0), "relapse-days": (145.0, 25.0, 84.0, 201.0, 202.0)}  # the chapter's
    seen = {qid: 0 for qid in closed}
    for q, env in generated_variants("stem_cells"):
        if q["id"] not in closed:
            continue
        tol = checked_variant(q, env, closed, worked=worked[q["id"]])
        if q["id"] == "relapse-days":
            exact = closed["relapse-days"](env)
            assert abs(exact - round(exact)) < 1e-6, (env, exact)  # whole: no tie to round
            assert env["answer"] == round(exact)
        for value in wrong[q["id"]](env):
            assert abs(value - env["answer"]) > tol, (q["id"], env, value)
        seen[q["id"]] += 1
    assert seen == {"enrichment-number": 16, "relapse-days": 36}
    assert stem_share_of_survivors(0.1, 0.9) == pytest.approx(1e8 / (1e8 + 9e7))
    assert stem_pool_regrowth_days(0.025, 0.02, 60) == 0.0  # a pool that never shrank
    assert stem_pool_regrowth_days(0.02, 0.09, 40) == pytest.approx(40 * 0.07 / 0.02)
    with pytest.raises(ValueError):
        stem_share_of_survivors(0.5, 1.0, 1.0)
