"""Closed-form and limiting-case tests of drugresist.models.dna_repair, and ValueError tests.

Expected values are worked out here by hand (formulas written out again, integrals done
numerically), never copied from running the code.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
import yaml

from drugresist.models import dna_repair as m

BANK = m.__file__.replace("models/dna_repair.py", "quizbanks/dna_repair.yaml")


def test_expected_reversion_events_is_u_times_divisions():
    # 1 -> N cells takes N - 1 divisions, each with chance u.
    assert m.expected_reversion_events(1e6, 1e-7) == pytest.approx(1e-7 * (1e6 - 1))
    assert m.expected_reversion_events(1, 1e-3) == 0.0


def test_prob_any_revertant_is_one_minus_poisson_zero_term():
    for n, u in ((1e6, 1e-7), (1e7, 1e-7), (2e5, 5e-6)):
        assert m.prob_any_revertant(n, u) == pytest.approx(1 - math.exp(-u * (n - 1)))
    # limits: a single cell has no revertant; a huge tumour almost surely has one
    assert m.prob_any_revertant(1, 1e-3) == 0.0
    assert m.prob_any_revertant(1e12, 1e-7) == pytest.approx(1.0)
    # small u N: probability close to u N
    assert m.prob_any_revertant(1e3, 1e-9) == pytest.approx(1e-9 * 999, rel=1e-5)


def test_expected_revertant_cells_without_death_is_u_n_ln_n():
    for n, u in ((1e9, 1e-7), (1e6, 1e-8)):
        assert m.expected_revertant_cells(n, u) == pytest.approx(u * n * math.log(n))


def test_expected_revertant_cells_matches_the_pure_birth_integral():
    # Deterministic pure birth at rate b: sensitive cells e^{b s}; revertants appear at rate
    # u b e^{b s} and each grows as e^{b (t - s)}. Expected revertants at time t:
    # integral_0^t u b e^{b s} e^{b (t-s)} ds, done here numerically, with N = e^{b t}.
    b, u, n = 0.7, 1e-6, 1e5
    t = math.log(n) / b
    s = np.linspace(0.0, t, 20001)
    integrand = u * b * np.exp(b * s) * np.exp(b * (t - s))
    integral = float(np.sum((integrand[1:] + integrand[:-1]) / 2 * np.diff(s)))
    assert m.expected_revertant_cells(n, u) == pytest.approx(integral, rel=1e-6)


def test_expected_revertant_cells_with_death_uses_bozic_correction():
    n, u, ratio = 1e9, 1e-7, 13 / 14          # d/b of bozic2013evolutionary: 0.13 / 0.14
    s = 1 - ratio
    assert m.expected_revertant_cells(n, u, ratio) == pytest.approx(n * u * math.log(n * s) / s)
    # death means more divisions per net cell, hence more revertants
    assert m.expected_revertant_cells(n, u, ratio) > m.expected_revertant_cells(n, u)


def test_treatment_curves_are_exponentials():
    assert m.deficient_cells(0, 1e9, 0.05) == pytest.approx(1e9)
    assert m.deficient_cells(math.log(2) / 0.05, 1e9, 0.05) == pytest.approx(5e8)
    assert m.revertant_cells(math.log(2) / 0.03, 100, 0.03) == pytest.approx(200)
    days = np.array([0.0, 10.0, 20.0])
    assert np.allclose(m.revertant_cells(days, 1.0, 0.1), np.exp(0.1 * days))


def test_nadir_is_where_the_derivative_vanishes():
    n, r0, k, g = 1e9, 2000.0, 0.05, 0.03
    t = m.nadir_day(n, r0, k, g)
    assert t == pytest.approx(math.log(k * n / (g * r0)) / (k + g))
    total = lambda x: n * math.exp(-k * x) + r0 * math.exp(g * x)  # noqa: E731
    assert total(t) < total(t - 1) and total(t) < total(t + 1)
    # revertants already dominating: the tumour grows from day 0
    assert m.nadir_day(1e3, 1e3, 0.01, 0.05) == 0.0


def test_relapse_day_solves_the_regrowth_equation():
    n, r0, k, g = 1e9, 2000.0, 0.05, 0.03
    t = m.relapse_day(n, r0, k, g)
    assert n * math.exp(-k * t) + r0 * math.exp(g * t) == pytest.approx(n, rel=1e-9)
    assert t > m.nadir_day(n, r0, k, g)
    # after many half-lives the sensitive cells are negligible: the approximation ln(N/R0)/g holds
    assert t == pytest.approx(math.log(n / r0) / g, rel=1e-6)
    assert m.relapse_day_approx(n, r0, g) == pytest.approx(math.log(n / r0) / g)


def test_relapse_day_when_sensitive_cells_die_slowly_is_earlier_than_the_approximation():
    n, r0, k, g = 1e6, 1e4, 0.01, 0.05
    t = m.relapse_day(n, r0, k, g)
    assert n * math.exp(-k * t) + r0 * math.exp(g * t) == pytest.approx(n, rel=1e-9)
    assert t < m.relapse_day_approx(n, r0, g)


def test_relapse_depends_weakly_on_size_and_on_log_of_reversion_rate():
    # With R0 = u N ln N, ln(N / R0) = -ln(u ln N): a 100-fold bigger tumour relapses only
    # ln(ln(1e11)/ln(1e9)) / g days sooner.
    g = 0.03
    t9 = m.relapse_day_approx(1e9, m.expected_revertant_cells(1e9, 1e-7), g)
    t11 = m.relapse_day_approx(1e11, m.expected_revertant_cells(1e11, 1e-7), g)
    assert t9 - t11 == pytest.approx(math.log(math.log(1e11) / math.log(1e9)) / g)
    # a 100-fold lower reversion rate adds ln(100)/g days
    t9_low = m.relapse_day_approx(1e9, m.expected_revertant_cells(1e9, 1e-9), g)
    assert t9_low - t9 == pytest.approx(math.log(100) / g)


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: m.prob_any_revertant(0.5, 1e-7), "n_cells"),
        (lambda: m.prob_any_revertant(1e9, 1.5), "reversion_per_division"),
        (lambda: m.expected_revertant_cells(1e9, -1e-7), "reversion_per_division"),
        (lambda: m.expected_reversion_events(1e9, 2.0), "reversion_per_division"),
        (lambda: m.expected_revertant_cells(1e9, 1e-7, 1.0), "death_to_birth_ratio"),
        (lambda: m.deficient_cells(10, 1e9, 0.0), "kill_per_day"),
        (lambda: m.deficient_cells(-1, 1e9, 0.05), "days"),
        (lambda: m.revertant_cells(10, -1, 0.03), "initial_revertants"),
        (lambda: m.revertant_cells(10, 1, -0.03), "growth_per_day"),
        (lambda: m.nadir_day(1e9, 0.0, 0.05, 0.03), "initial_revertants"),
        (lambda: m.relapse_day(1e9, 2e9, 0.05, 0.03), "initial_revertants"),
        (lambda: m.relapse_day_approx(-1, 10, 0.03), "n_cells"),
    ],
)
def test_nonsense_parameters_raise_value_error_naming_them(call, name):
    with pytest.raises(ValueError, match=name):
        call()


# ---- generated quiz questions, recomputed from the closed forms for every parameter combination ----
def _generated_questions() -> dict[str, dict]:
    with open(BANK, encoding="utf-8") as handle:
        bank = yaml.safe_load(handle)
    return {q["id"]: q for q in bank["questions"] if q["type"] == "numeric" and "compute" in q}


def _values(spec: dict) -> list[float]:
    if "values" in spec:
        return [float(v) for v in spec["values"]]
    low, high = spec["range"]
    steps = int(round((high - low) / spec["step"]))
    return [low + i * spec["step"] for i in range(steps + 1)]


def test_quiz_generated_answers_follow_the_closed_forms():
    questions = _generated_questions()
    closed_forms = {
        "reversion-events": lambda p: p["u"] * (p["N"] - 1),
        "prob-any-small-tumour": lambda p: 100 * (1 - math.exp(-p["u"] * (p["N"] - 1))),
        "revertant-cells": lambda p: p["u"] * p["N"] * math.log(p["N"]),
        "regrowth-days": lambda p: math.log(p["N"] / p["R0"]) / p["g"],
    }
    assert set(closed_forms) <= set(questions)
    for qid, closed in closed_forms.items():
        q = questions[qid]
        names = list(q["parameters"])
        for combo in itertools.product(*(_values(q["parameters"][n]) for n in names)):
            params = dict(zip(names, combo))
            spec = q["compute"]["answer"]
            module, function = spec["function"].split(":")
            assert module == "drugresist.models.dna_repair"
            args = {key: params[v] if isinstance(v, str) else v for key, v in spec["arguments"].items()}
            computed = float(getattr(m, function)(**args)) * spec.get("scale", 1)
            assert computed == pytest.approx(closed(params), rel=1e-9), (qid, params)
    # the naive method of prob-any-small-tumour (probability = expected events) falls outside the tolerance
    q = questions["prob-any-small-tumour"]
    for u in _values(q["parameters"]["u"]):
        for n in _values(q["parameters"]["N"]):
            right = round(100 * (1 - math.exp(-u * (n - 1))), 1)
            assert abs(100 * u * n - right) > q["tolerance"]
