"""The drug-inactivation model against closed forms and limits worked out by hand."""

import math

import numpy as np
import pytest
from conftest import checked_variant, generated_variants as _generated_variants

from drugresist.models import drug_inactivation as di
from drugresist.models.kinetics import invert_increasing, michaelis_menten_rate

# illustrative parameters: k_in, Va, Ka, Vi, Ki, k_out
K_IN, VA, KA, VI, KI, KOUT = 0.1, 1.0, 20.0, 0.5, 10.0, 0.05


def test_michaelis_menten_rate_half_at_km_and_limits():
    assert michaelis_menten_rate(20.0, 3.0, 20.0) == pytest.approx(1.5)
    assert michaelis_menten_rate(1e-6, 3.0, 20.0) == pytest.approx(3.0 / 20.0 * 1e-6, rel=1e-6)
    assert michaelis_menten_rate(1e9, 3.0, 20.0) == pytest.approx(3.0, rel=1e-6)
    assert michaelis_menten_rate(5.0, 0.0, 20.0) == 0.0


def test_invert_increasing_recovers_a_cube_root():
    x = invert_increasing(lambda v: v**3, np.array([8.0, 27.0]), 0.0, 10.0)
    np.testing.assert_allclose(x, [2.0, 3.0], rtol=1e-12)


def test_without_enzymes_inside_equals_outside():
    outside = np.array([0.0, 0.5, 7.0, 300.0])
    np.testing.assert_allclose(di.steady_state_prodrug_uM(outside, K_IN, 0.0, KA, 0.0, KI), outside, rtol=1e-12)


def test_steady_state_balances_the_fluxes():
    outside = np.array([0.1, 3.0, 50.0, 2000.0])
    p = di.steady_state_prodrug_uM(outside, K_IN, VA, KA, VI, KI)
    inflow = K_IN * (outside - p)
    removal = VA * p / (KA + p) + VI * p / (KI + p)
    np.testing.assert_allclose(inflow, removal, rtol=1e-9)
    np.testing.assert_allclose(di.outside_for_prodrug_uM(p, K_IN, VA, KA, VI, KI), outside, rtol=1e-9)


def test_linear_regime_share_activated_is_a_ratio_of_clearances():
    # CL_act = 1/20 = 0.05, CL_inact = 0.5/10 = 0.05, k_in = 0.1: share = 0.05 / 0.2 = 1/4
    assert di.fraction_activated_linear(K_IN, 0.05, 0.05) == pytest.approx(0.25)
    c = 1e-6
    active = di.steady_state_active_uM(c, K_IN, VA, KA, VI, KI, KOUT)
    # entry flux k_in C, a quarter of it activated, lost at k_out: A = 0.1 C * 0.25 / 0.05 = 0.5 C
    assert active == pytest.approx(0.5 * c, rel=1e-4)


def test_linear_fold_resistance_closed_forms():
    # dCK to 10%: (0.05/0.2) / (0.005/(0.1 + 0.005 + 0.05)) = 0.25 / (0.005/0.155) = 7.75
    assert di.fold_resistance_linear(K_IN, 0.05, 0.05, 0.1, 1.0) == pytest.approx(7.75)
    # CDA x10: (0.1 + 0.05 + 0.5) / (0.1 + 0.05 + 0.05) = 0.65 / 0.2 = 3.25
    assert di.fold_resistance_linear(K_IN, 0.05, 0.05, 1.0, 10.0) == pytest.approx(3.25)
    # unchanged cell: 1
    assert di.fold_resistance_linear(K_IN, 0.05, 0.05) == pytest.approx(1.0)


def test_linear_fold_limits():
    # activation the only exit that matters: a 10-fold drop barely registers until it competes
    assert di.fold_resistance_linear(1e-6, 100.0, 0.0, 0.1, 1.0) == pytest.approx(1.0, rel=1e-5)
    # activation a minor exit: fold = 1/f
    assert di.fold_resistance_linear(1.0, 1e-6, 0.0, 0.1, 1.0) == pytest.approx(10.0, rel=1e-5)
    # inactivation dominant: fold = g
    assert di.fold_resistance_linear(1e-9, 1e-6, 1.0, 1.0, 7.0) == pytest.approx(7.0, rel=1e-5)
    # inactivation negligible: no fold, whatever g
    assert di.fold_resistance_linear(1.0, 0.05, 1e-9, 1.0, 7.0) == pytest.approx(1.0, rel=1e-6)


def test_full_fold_tends_to_linear_fold_at_low_targets():
    low = 1e-6
    assert di.fold_resistance(low, K_IN, VA, KA, VI, KI, KOUT, 0.1, 1.0) == pytest.approx(7.75, rel=1e-4)
    assert di.fold_resistance(low, K_IN, VA, KA, VI, KI, KOUT, 1.0, 10.0) == pytest.approx(3.25, rel=1e-4)


def test_prodrug_and_outside_needed_closed_forms():
    # A* = 10 uM: k_out A* = 0.5 = Va/2, so P* = Ka = 20 uM
    assert di.prodrug_for_active_uM(10.0, VA, KA, KOUT) == pytest.approx(20.0)
    # C_out = 20 + (0.5 + 0.5 * 20/30) / 0.1 = 20 + 5 + 10/3
    assert di.outside_needed_uM(10.0, K_IN, VA, KA, VI, KI, KOUT) == pytest.approx(25.0 + 10.0 / 3.0)
    # and the forward model gives back the target from that outside level
    outside = di.outside_needed_uM(10.0, K_IN, VA, KA, VI, KI, KOUT)
    assert di.steady_state_active_uM(outside, K_IN, VA, KA, VI, KI, KOUT) == pytest.approx(10.0, rel=1e-9)


def test_activation_ceiling_is_va_over_k_out_and_cannot_be_passed():
    assert di.active_ceiling_uM(VA, KOUT) == pytest.approx(20.0)
    assert di.active_ceiling_uM(0.3 * VA, KOUT) == pytest.approx(6.0)
    huge = di.steady_state_active_uM(1e7, K_IN, VA, KA, VI, KI, KOUT)
    assert huge < 20.0 and huge == pytest.approx(20.0, rel=1e-3)
    assert math.isinf(di.prodrug_for_active_uM(20.0, VA, KA, KOUT))
    assert math.isinf(di.outside_needed_uM(7.0, K_IN, 0.3 * VA, KA, VI, KI, KOUT))
    assert math.isinf(di.fold_resistance(7.0, K_IN, VA, KA, VI, KI, KOUT, 0.3, 1.0))


def test_saturation_makes_inactivation_fold_fall_and_activation_fold_rise():
    targets = np.array([0.01, 1.0, 5.0, 10.0, 19.0])
    cda = di.fold_resistance(targets, K_IN, VA, KA, VI, KI, KOUT, 1.0, 10.0)
    assert np.all(np.diff(cda) < 0)
    # near the ceiling P* is huge, so the saturated inactivating enzyme hardly matters
    assert di.fold_resistance(19.999, K_IN, VA, KA, VI, KI, KOUT, 1.0, 10.0) == pytest.approx(1.0, abs=0.01)
    dck = di.fold_resistance(np.array([0.01, 1.0, 3.0, 5.0]), K_IN, VA, KA, VI, KI, KOUT, 0.3, 1.0)
    assert np.all(np.diff(dck) > 0)


def test_more_inactivation_never_raises_the_active_level():
    outside = np.logspace(-2, 3, 20)
    low = di.steady_state_active_uM(outside, K_IN, VA, KA, VI, KI, KOUT)
    high = di.steady_state_active_uM(outside, K_IN, VA, KA, 10 * VI, KI, KOUT)
    assert np.all(high <= low + 1e-12)


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: michaelis_menten_rate(-1.0, 1.0, 1.0), "substrate"),
        (lambda: michaelis_menten_rate(1.0, 1.0, 0.0), "km"),
        (lambda: di.steady_state_prodrug_uM(-1.0, K_IN, VA, KA, VI, KI), "outside_uM"),
        (lambda: di.steady_state_prodrug_uM(1.0, 0.0, VA, KA, VI, KI), "k_in_per_min"),
        (lambda: di.steady_state_prodrug_uM(1.0, K_IN, -VA, KA, VI, KI), "vmax_act_uM_per_min"),
        (lambda: di.steady_state_prodrug_uM(1.0, K_IN, VA, KA, VI, math.nan), "km_inact_uM"),
        (lambda: di.steady_state_active_uM(1.0, K_IN, VA, KA, VI, KI, 0.0), "k_out_per_min"),
        (lambda: di.active_ceiling_uM(VA, -1.0), "k_out_per_min"),
        (lambda: di.prodrug_for_active_uM(-2.0, VA, KA, KOUT), "target_active_uM"),
        (lambda: di.fold_resistance(0.0, K_IN, VA, KA, VI, KI, KOUT), "target_active_uM"),
        (lambda: di.fold_resistance(1.0, K_IN, VA, KA, VI, KI, KOUT, 1.5, 1.0), "activation_fraction"),
        (lambda: di.fold_resistance(1.0, K_IN, VA, KA, VI, KI, KOUT, 0.5, 0.0), "inactivation_fold"),
        (lambda: di.fraction_activated_linear(K_IN, -0.1, 0.0), "clearance_act_per_min"),
        (lambda: di.fold_resistance_linear(K_IN, 0.05, 0.05, 0.0, 1.0), "activation_fraction"),
        (lambda: di.fold_resistance_linear(K_IN, 0.05, 0.05, 2.0, 1.0), "activation_fraction"),
        (lambda: di.outside_for_prodrug_uM("x", K_IN, VA, KA, VI, KI), "prodrug_uM"),
    ],
)
def test_nonsensical_parameters_raise_value_error_naming_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_quiz_generated_answers_match_closed_forms():
    closed = {
        # share activated: CL_act / (k_in + CL_act + CL_inact)
        "share-activated": lambda e: e["cl_act"] / (e["k_in"] + e["cl_act"] + e["cl_inact"]),
        # fold for a drop to a fraction f of the activating enzyme: ratio of the two shares
        "linear-fold-dck": lambda e: (e["cl_act"] / (e["k_in"] + e["cl_act"] + e["cl_inact"]))
        / (e["keep"] * e["cl_act"] / (e["k_in"] + e["keep"] * e["cl_act"] + e["cl_inact"])),
        # fold for g times the inactivating enzyme: ratio of the sums of exits
        "linear-fold-cda": lambda e: (e["k_in"] + e["cl_act"] + e["g"] * e["cl_inact"])
        / (e["k_in"] + e["cl_act"] + e["cl_inact"]),
        # smallest kept share of the activating enzyme, in %: f Va / k_out = target
        "ceiling-minimum-enzyme": lambda e: 100 * e["target"] * e["k_out"] / e["va"],
    }
    # answers printed in the chapter (worked example, code output, exercise solutions)
    worked = {
        "share-activated": (0.25, 0.125),
        "linear-fold-dck": (7.75, 1.875, 2.75),
        "linear-fold-cda": (3.25, 1.375),
        "ceiling-minimum-enzyme": (25.0, 30.0),
    }
    seen = set()
    for q, env in _generated_variants("drug_inactivation"):
        seen.add(q["id"])
        tol = checked_variant(q, env, closed, worked.get(q["id"], ()))
        if q["id"] == "linear-fold-dck":
            assert abs(1 / env["keep"] - env["answer"]) > tol  # the naive 1/f
        if q["id"] == "linear-fold-cda":
            assert abs(env["g"] - env["answer"]) > tol  # the naive g
        if q["id"] == "share-activated":
            assert abs(env["cl_act"] / (env["cl_act"] + env["cl_inact"]) - env["answer"]) > tol  # no membrane exit
        if q["id"] == "ceiling-minimum-enzyme":
            assert env["target"] < env["ceiling"]  # some clone can still be killed
            assert env["ceiling"] != pytest.approx(20.0)  # not the chapter's worked ceiling
    assert seen == set(closed)
