"""Immune-escape model: exponential solutions, nadir, relapse time and its limits, a second target, checks.

Expected values are worked out by hand from

    P(t) = (1 - f) n0 e^{(r - k) t},   N(t) = f n0 e^{(r - k_N) t},

never copied from running the code.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import checked_variant, generated_variants as _generated_variants

from drugresist.models.immune_escape import (
    clone_relapse_time_days,
    doubling_time_days,
    dual_target_negative_fraction,
    escape_cells,
    escape_share,
    fold_reduction_at_nadir,
    nadir_day,
    relapse_time_days,
    tumour_cells,
    visible_cells,
)


def test_visible_cells_decay_exponentially_under_constant_killing():
    # n0 1e9, f 1e-4, r 0.05, k 0.55: P(t) = (1 - 1e-4) 1e9 e^{-0.5 t}; halves every ln2/0.5 days
    p0 = (1 - 1e-4) * 1e9
    assert visible_cells(0.0, 1e9, 1e-4, 0.05, 0.55) == pytest.approx(p0)
    assert visible_cells(math.log(2) / 0.5, 1e9, 1e-4, 0.05, 0.55) == pytest.approx(p0 / 2)
    assert visible_cells(10.0, 1e9, 1e-4, 0.05, 0.55) == pytest.approx(p0 * math.exp(-5.0))


def test_escape_clone_grows_exponentially_and_ignores_the_killing_of_others():
    # N(t) = 1e-4 * 1e9 * e^{0.05 t} = 1e5 e^{0.05 t}; at t = 20 ln 10 it is 1e6
    assert escape_cells(0.0, 1e9, 1e-4, 0.05) == pytest.approx(1e5)
    assert escape_cells(20 * math.log(10), 1e9, 1e-4, 0.05) == pytest.approx(1e6)
    # partial killing k_N = 0.03 leaves a net 0.02 per day
    assert escape_cells(50.0, 1e9, 1e-4, 0.05, 0.03) == pytest.approx(1e5 * math.e)


def test_tumour_is_the_sum_and_grows_at_r_without_killing():
    t = np.array([0.0, 10.0, 100.0])
    assert tumour_cells(t, 1e9, 0.01, 0.05, 0.0) == pytest.approx(1e9 * np.exp(0.05 * t))
    assert tumour_cells(7.0, 1e9, 0.01, 0.05, 0.4) == pytest.approx(
        0.99e9 * math.exp(-0.35 * 7) + 0.01e9 * math.exp(0.05 * 7))


def test_clone_relapse_time_closed_form():
    # ln(1/1e-6) / 0.05 = 6 ln 10 / 0.05 = 276.31 days
    assert clone_relapse_time_days(1e-6, 0.05) == pytest.approx(6 * math.log(10) / 0.05)
    assert clone_relapse_time_days(1e-6, 0.05) == pytest.approx(276.31, abs=0.01)
    # a clone still killed at 0.02 per day grows at 0.03: ln(1e6) / 0.03
    assert clone_relapse_time_days(1e-6, 0.05, 0.02) == pytest.approx(6 * math.log(10) / 0.03)
    assert math.isinf(clone_relapse_time_days(1e-6, 0.05, 0.05))


def test_each_tenfold_rarer_clone_adds_one_ln10_over_r():
    step = clone_relapse_time_days(1e-7, 0.05) - clone_relapse_time_days(1e-6, 0.05)
    assert step == pytest.approx(math.log(10) / 0.05)


def test_nadir_closed_form_and_it_is_a_minimum():
    f, r, k = 1e-5, 0.05, 0.5
    expected = math.log((1 - f) * (k - r) / (f * r)) / k
    t = nadir_day(f, r, k)
    assert t == pytest.approx(expected)
    below = tumour_cells(t, 1.0, f, r, k)
    assert below < tumour_cells(t - 1.0, 1.0, f, r, k)
    assert below < tumour_cells(t + 1.0, 1.0, f, r, k)


def test_no_shrinkage_when_killing_does_not_beat_growth():
    assert nadir_day(1e-5, 0.05, 0.04) == 0.0
    assert relapse_time_days(1e-5, 0.05, 0.04) == 0.0


def test_no_relapse_when_the_clone_does_not_grow():
    assert math.isinf(nadir_day(1e-5, 0.05, 0.5, 0.06))
    assert math.isinf(relapse_time_days(1e-5, 0.05, 0.5, 0.06))


def test_relapse_time_solves_the_equation_and_lies_below_the_clone_bound():
    f, r, k = 1e-5, 0.05, 0.3
    t = relapse_time_days(f, r, k)
    assert (1 - f) * math.exp((r - k) * t) + f * math.exp(r * t) == pytest.approx(1.0, rel=1e-9)
    assert nadir_day(f, r, k) < t < clone_relapse_time_days(f, r)


def test_relapse_time_tends_to_the_clone_bound_for_strong_killing():
    bound = clone_relapse_time_days(1e-5, 0.05)
    gaps = [bound - relapse_time_days(1e-5, 0.05, k) for k in (0.06, 0.08, 0.12)]
    assert gaps[0] > gaps[1] > gaps[2] > 0
    # near the bound (230 days) the visible cells are (1-f) e^{-(k-r) t}; with k = 5 that is < 1e-300
    assert relapse_time_days(1e-5, 0.05, 5.0) == pytest.approx(bound, abs=1e-9)


def test_weak_killing_the_small_gap_by_first_order_expansion():
    # near the bound t_c, 1 = f e^{r t} + (1-f) e^{(r-k) t}; write t = t_c - d:
    # e^{-r d} + (1-f) e^{(r-k) t_c} ~ 1  =>  d ~ (1-f) e^{(r-k) t_c} / r
    f, r, k = 1e-5, 0.05, 0.1
    t_c = math.log(1 / f) / r
    d = (1 - f) * math.exp((r - k) * t_c) / r
    assert clone_relapse_time_days(f, r) - relapse_time_days(f, r, k) == pytest.approx(d, rel=0.01)


def test_fold_reduction_at_nadir_by_hand():
    f, r, k = 1e-5, 0.05, 0.5
    t = math.log((1 - f) * (k - r) / (f * r)) / k
    total = (1 - f) * math.exp((r - k) * t) + f * math.exp(r * t)
    assert fold_reduction_at_nadir(f, r, k) == pytest.approx(1 / total)
    assert fold_reduction_at_nadir(1e-5, 0.05, 0.04) == pytest.approx(1.0)


def test_escape_share_starts_at_f_and_tends_to_one():
    assert escape_share(0.0, 1e-5, 0.05, 0.5) == pytest.approx(1e-5)
    assert escape_share(200.0, 1e-5, 0.05, 0.5) == pytest.approx(1.0, abs=1e-9)
    # equal killing of both kinds: the share stays f
    assert escape_share(100.0, 1e-3, 0.05, 0.2, 0.2) == pytest.approx(1e-3)


def test_second_target_multiplies_fractions_and_adds_relapse_times():
    f1, f2, r = 1e-4, 1e-3, 0.05
    assert dual_target_negative_fraction(f1, f2) == pytest.approx(1e-7)
    both = clone_relapse_time_days(dual_target_negative_fraction(f1, f2), r)
    assert both == pytest.approx(clone_relapse_time_days(f1, r) + clone_relapse_time_days(f2, r))
    assert both == pytest.approx(7 * math.log(10) / 0.05)


def test_doubling_time():
    assert doubling_time_days(0.05) == pytest.approx(13.863, abs=1e-3)


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: visible_cells(-1.0, 1e9, 1e-5, 0.05, 0.5), "time_days"),
        (lambda: visible_cells(1.0, 0.0, 1e-5, 0.05, 0.5), "initial_cells"),
        (lambda: visible_cells(1.0, 1e9, 0.0, 0.05, 0.5), "negative_fraction"),
        (lambda: visible_cells(1.0, 1e9, 1.0, 0.05, 0.5), "negative_fraction"),
        (lambda: escape_cells(1.0, 1e9, 1e-5, 0.0), "growth_per_day"),
        (lambda: relapse_time_days(1e-5, 0.05, -0.1), "kill_per_day"),
        (lambda: relapse_time_days(1e-5, 0.05, 0.5, -0.1), "clone_kill_per_day"),
        (lambda: relapse_time_days(1e-5, 0.05, 0.5, 0.6), "clone_kill_per_day"),
        (lambda: clone_relapse_time_days(float("nan"), 0.05), "negative_fraction"),
        (lambda: dual_target_negative_fraction(1e-4, 1.5), "second_negative_fraction"),
        (lambda: doubling_time_days(0.0), "growth_per_day"),
    ],
)
def test_nonsense_raises_value_error_naming_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_quiz_generated_answers_match_closed_forms():
    closed = {
        "relapse-time": lambda e: math.log(1 / e["f"]) / e["r"],
        "dual-time": lambda e: (math.log(1 / e["f1"]) + math.log(1 / e["f2"])) / e["r"],
        "partial-escape": lambda e: math.log(1 / e["f"]) / (e["r"] - e["k_n"]),
    }
    worked = (230.3, 276.3, 184.2, 322.4, 368.4, 138.2, 46.1)  # the chapter's own relapse numbers
    seen = set()
    for q, env in _generated_variants("immune_escape"):
        seen.add(q["id"])
        tol = checked_variant(q, env, closed, worked)
        if q["id"] == "relapse-time":
            assert abs(math.log10(1 / env["f"]) / env["r"] - env["answer"]) > tol  # log10 is too low
        if q["id"] == "dual-time":
            assert abs(env["one_target"] - env["answer"]) > tol  # one target only
            assert abs(math.log(1 / (env["f1"] + env["f2"])) / env["r"] - env["answer"]) > tol  # fractions added
        if q["id"] == "partial-escape":
            assert abs(env["full_escape"] - env["answer"]) > tol  # the clone's killing ignored
    assert seen == set(closed)


def test_fixed_number_choice_questions_hold():
    # rarer-clone: a clone 100 times rarer at r = 0.04 per day relapses ln(100)/0.04 = 115 days later
    assert clone_relapse_time_days(1e-6, 0.04) - clone_relapse_time_days(1e-4, 0.04) == pytest.approx(
        math.log(100) / 0.04)
    assert round(math.log(100) / 0.04) == 115 and round(2 / 0.04) == 50 and round(math.log(100) / 0.05) == 92
    # kill-independence: five times faster killing hardly moves the relapse
    assert abs(relapse_time_days(1e-5, 0.05, 1.5) - relapse_time_days(1e-5, 0.05, 0.3)) < 3
    assert fold_reduction_at_nadir(1e-5, 0.05, 1.5) > 5 * fold_reduction_at_nadir(1e-5, 0.05, 0.3)
    # weak-killing: k below r, the tumour never shrinks
    assert nadir_day(1e-5, 0.05, 0.04) == 0.0 and relapse_time_days(1e-5, 0.05, 0.04) == 0.0
    # what-delays: the starting size cancels
    assert tumour_cells(200.0, 1e12, 1e-5, 0.05, 0.3) / 1e12 == pytest.approx(
        tumour_cells(200.0, 1e11, 1e-5, 0.05, 0.3) / 1e11)
