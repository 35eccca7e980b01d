"""Liquid-biopsy model: burdens, plasma fractions and event days against closed forms worked out here."""

from __future__ import annotations

import math

import numpy as np
import pytest

from drugresist.models.liquid_biopsy import (
    background_from_tumour_fraction,
    clone_share,
    day_clone_reaches_share,
    detection_day,
    founder_allele_fraction,
    late_lead_time_days,
    lead_time_days,
    monitoring_curves,
    mutant_allele_fraction,
    nadir_day,
    next_visit_day,
    progression_day,
    resistant_burden,
    sensitive_burden,
    total_burden,
)


# ----- burdens -----------------------------------------------------------------------------------
def test_burdens_by_hand():
    # f = 0.01, d = 0.05: S(20) = 0.99 e^{-1};  g = 0.02: R(50) = 0.01 e^{1}
    assert sensitive_burden(20.0, 0.05, 0.01) == pytest.approx(0.99 * math.exp(-1.0))
    assert resistant_burden(50.0, 0.02, 0.01) == pytest.approx(0.01 * math.e)
    assert total_burden(0.0, 0.02, 0.05, 0.01) == pytest.approx(1.0)          # the unit is the start


def test_arrays_broadcast():
    t = np.array([0.0, 10.0, 100.0])
    assert np.allclose(resistant_burden(t, 0.01, 0.1), 0.1 * np.exp(0.01 * t))
    assert np.asarray(total_burden(t)).shape == (3,)


def test_clone_share_is_the_ratio_of_exponentials_and_its_inverse():
    g, d, f = 0.02, 0.03, 1e-3
    t = np.linspace(0, 600, 61)
    ratio = f * np.exp(g * t) / (f * np.exp(g * t) + (1 - f) * np.exp(-d * t))
    assert np.allclose(clone_share(t, g, d, f), ratio, rtol=1e-12)
    assert clone_share(0.0, g, d, f) == pytest.approx(f)
    # half the tumour is resistant when f e^{gt} = (1-f) e^{-dt}: t = ln((1-f)/f) / (g+d)
    half = math.log((1 - f) / f) / (g + d)
    assert day_clone_reaches_share(0.5, g, d, f) == pytest.approx(half)
    for share in (0.01, 0.3, 0.99):
        assert clone_share(day_clone_reaches_share(share, g, d, f), g, d, f) == pytest.approx(share)
    assert day_clone_reaches_share(0.1, g, d, 0.2) == 0.0        # already above the share at the start


# ----- nadir and progression -----------------------------------------------------------------------
def test_nadir_is_where_the_burden_stops_falling():
    g, d, f = 0.02, 0.03, 1e-3
    expected = math.log(d * (1 - f) / (g * f)) / (g + d)        # -d S + g R = 0
    t_min = nadir_day(g, d, f)
    assert t_min == pytest.approx(expected)
    n = lambda t: total_burden(t, g, d, f)  # noqa: E731
    assert n(t_min) < n(t_min - 1.0) and n(t_min) < n(t_min + 1.0)
    assert nadir_day(0.02, 0.0, 1e-3) == 0.0                     # a drug that kills nothing: no response
    assert nadir_day(0.05, 0.01, 0.5) == 0.0                     # the clone outgrows the response


def test_progression_without_kill_has_an_exact_closed_form():
    # d = 0: N = (1 - f) + f e^{gt} = theta  =>  t = ln((theta - 1 + f) / f) / g
    g, f, theta = 0.02, 1e-3, 1.5
    assert progression_day(g, 0.0, f, theta) == pytest.approx(math.log((theta - 1 + f) / f) / g, rel=1e-9)


def test_progression_reaches_the_threshold_after_the_nadir():
    g, d, f = 0.02, 0.03, 1e-3
    t = progression_day(g, d, f, 1.0)
    assert t > nadir_day(g, d, f)
    assert total_burden(t, g, d, f) == pytest.approx(1.0, rel=1e-9)


def test_progression_tends_to_the_resistant_clone_alone_when_the_kill_is_fast():
    # sensitive cells vanish at once: f e^{gt} = theta  =>  t = ln(theta / f) / g
    g, f = 0.02, 1e-4
    assert progression_day(g, 2.0, f, 1.0) == pytest.approx(math.log(1.0 / f) / g, rel=1e-9)
    assert progression_day(g, 2.0, f, 3.0) == pytest.approx(math.log(3.0 / f) / g, rel=1e-9)


def test_progression_threshold_below_the_nadir_burden_returns_the_nadir():
    g, d, f = 0.02, 0.03, 1e-3
    assert progression_day(g, d, f, 0.001) == pytest.approx(nadir_day(g, d, f))


# ----- plasma ----------------------------------------------------------------------------------
def test_background_and_founder_fraction_at_the_start():
    assert background_from_tumour_fraction(0.1) == pytest.approx(9.0)
    assert background_from_tumour_fraction(1.0) == 0.0
    # N = 1 at day 0: h N / (N + beta) = h phi
    assert founder_allele_fraction(0.0, tumour_dna_fraction=0.1, allele_share=0.5) == pytest.approx(0.05)
    # the resistance mutation starts at h f phi
    assert mutant_allele_fraction(0.0, resistant_fraction=1e-3, tumour_dna_fraction=0.1,
                                  allele_share=0.5) == pytest.approx(0.5 * 1e-3 * 0.1)


def test_mutant_fraction_matches_its_definition_and_rises_monotonically():
    g, d, f, phi, h = 0.02, 0.03, 1e-3, 0.2, 0.5
    beta = (1 - phi) / phi
    t = np.linspace(0, 800, 401)
    s, r = (1 - f) * np.exp(-d * t), f * np.exp(g * t)
    assert np.allclose(mutant_allele_fraction(t, g, d, f, phi, h), h * r / (s + r + beta), rtol=1e-12)
    assert np.allclose(founder_allele_fraction(t, g, d, f, phi, h), h * (s + r) / (s + r + beta), rtol=1e-12)
    assert np.all(np.diff(mutant_allele_fraction(t, g, d, f, phi, h)) > 0)
    assert mutant_allele_fraction(5000.0, g, d, f, phi, h) == pytest.approx(h)   # no overflow; ceiling h


def test_curves_bundle_the_same_numbers():
    curves = monitoring_curves([0.0, 100.0])
    assert np.allclose(curves["total"], curves["sensitive"] + curves["resistant"])
    assert curves["resistance_maf"][1] == pytest.approx(mutant_allele_fraction(100.0))


# ----- detection -------------------------------------------------------------------------------
def test_detection_without_background_is_the_clone_share_closed_form():
    # phi = 1 (no normal DNA) and h = 1: m = R/N, so m = L at ln(L (1-f) / ((1-L) f)) / (g+d)
    g, d, f, lod = 0.02, 0.03, 1e-4, 1e-2
    expected = math.log(lod * (1 - f) / ((1 - lod) * f)) / (g + d)
    assert detection_day(lod, g, d, f, 1.0, 1.0) == pytest.approx(expected, rel=1e-9)


def test_detection_without_kill_has_an_exact_closed_form():
    # d = 0: h R = L (1 - f + beta + R)  =>  R = L (1 - f + beta) / (h - L)
    g, f, phi, h, lod = 0.02, 1e-3, 0.1, 0.5, 3e-4
    beta = (1 - phi) / phi
    expected = math.log(lod * (1 - f + beta) / ((h - lod) * f)) / g
    assert detection_day(lod, g, 0.0, f, phi, h) == pytest.approx(expected, rel=1e-9)


def test_detection_day_is_where_the_fraction_meets_the_limit():
    t = detection_day(3e-4)
    assert mutant_allele_fraction(t) == pytest.approx(3e-4, rel=1e-9)
    assert detection_day(1e-3) > t                        # a less sensitive test sees it later


def test_detection_edge_cases():
    assert detection_day(0.5, allele_share=0.5) == math.inf   # the fraction never exceeds h
    assert detection_day(0.01, resistant_fraction=0.5) == 0.0  # already detectable at the start
    assert lead_time_days(0.6, allele_share=0.5) == -math.inf


# ----- lead time -------------------------------------------------------------------------------
def test_lead_time_is_progression_minus_detection():
    assert lead_time_days() == pytest.approx(progression_day() - detection_day())


def test_late_lead_time_limit_and_independence_from_the_starting_share():
    # fast kill (S gone early) and a large background (N << beta at detection):
    # lead -> ln(theta h / (L beta)) / g, whatever f is
    g, d, phi, h, lod, theta = 0.02, 0.5, 0.01, 0.5, 1e-3, 1.0
    beta = (1 - phi) / phi
    expected = math.log(theta * h / (lod * beta)) / g
    assert late_lead_time_days(lod, g, phi, h, theta) == pytest.approx(expected)
    for f in (1e-3, 1e-6):
        assert lead_time_days(lod, g, d, f, phi, h, theta) == pytest.approx(expected, abs=0.5)


def test_lead_time_turns_negative_for_an_insensitive_test():
    # a limit above the plasma fraction reached at progression: the scan sees it first
    at_progression = mutant_allele_fraction(progression_day())
    assert lead_time_days(min(0.49, 2 * at_progression)) < 0


# ----- visits ----------------------------------------------------------------------------------
def test_next_visit_day():
    assert next_visit_day(85.0, 56.0) == 112.0
    assert next_visit_day(112.0, 56.0) == 112.0
    assert next_visit_day(0.0, 56.0) == 0.0
    assert next_visit_day(math.inf, 56.0) == math.inf


# ----- parameter checks ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: resistant_burden(1.0, -0.01), "resistant_growth_per_day"),
        (lambda: sensitive_burden(1.0, -0.1), "sensitive_kill_per_day"),
        (lambda: total_burden(-1.0), "t_days"),
        (lambda: clone_share(1.0, resistant_fraction=0.0), "resistant_fraction"),
        (lambda: clone_share(1.0, resistant_fraction=1.0), "resistant_fraction"),
        (lambda: detection_day(0.0), "lod_fraction"),
        (lambda: detection_day(1e-3, tumour_dna_fraction=0.0), "tumour_dna_fraction"),
        (lambda: mutant_allele_fraction(1.0, allele_share=1.5), "allele_share"),
        (lambda: progression_day(progression_burden=0.0), "progression_burden"),
        (lambda: day_clone_reaches_share(1.0), "share"),
        (lambda: next_visit_day(10.0, 0.0), "interval_days"),
        (lambda: next_visit_day(-1.0, 7.0), "event_day"),
        (lambda: nadir_day(float("nan")), "resistant_growth_per_day"),
    ],
)
def test_nonsense_raises_value_error_naming_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


# ----- figure and explorer -----------------------------------------------------------------------
def test_explorer_alt_text_reports_the_model_days():
    from drugresist.figures.case_closed import monitoring_alt, monitoring_explorer

    explorer = monitoring_explorer()
    assert 3 <= len(explorer.presets) <= 6
    text = monitoring_alt()
    assert f"day {detection_day():.0f}" in text and f"day {progression_day():.0f}" in text
    insensitive = monitoring_alt(lod_percent=1.0)
    assert f"day {detection_day(0.01):.0f}" in insensitive
