"""The BH3-mimetic model against closed forms and limits worked out by hand."""

import math

import numpy as np
import pytest

from drugresist.models import cell_death as cd


def _quadratic_free(total, partner, kd):
    """Free ligand with one binding partner: b^2 + (kd + partner - total) b - total kd = 0."""
    p = kd + partner - total
    return (-p + math.sqrt(p * p + 4 * total * kd)) / 2


def test_no_partners_means_all_bim_is_free():
    assert cd.free_bim_nM(0.0, bcl2_nM=0.0, mcl1_nM=0.0, bim_nM=42.0) == pytest.approx(42.0)


def test_no_mcl1_no_drug_matches_the_quadratic():
    expected = _quadratic_free(80.0, 100.0, 1.0)
    assert cd.free_bim_nM(0.0, bcl2_nM=100.0, mcl1_nM=0.0, bim_nM=80.0, kd_bim_bcl2_nM=1.0) == pytest.approx(expected, rel=1e-9)


def test_drug_acts_through_the_cheng_prusoff_factor():
    # D = 9 Kd multiplies BIM's Kd for BCL-2 by 10: same as no drug with Kd_BIM = 10 nM
    expected = _quadratic_free(80.0, 100.0, 10.0)
    got = cd.free_bim_nM(0.9, bcl2_nM=100.0, mcl1_nM=0.0, bim_nM=80.0, kd_bim_bcl2_nM=1.0, kd_drug_nM=0.1)
    assert got == pytest.approx(expected, rel=1e-9)
    assert cd.apparent_bim_kd_nM(1.0, 0.9, 0.1) == pytest.approx(10.0)


def test_saturating_drug_leaves_only_mcl1_holding_bim():
    # BCL-2 fully blocked: the free BIM is that of BIM with MCL-1 alone
    expected = _quadratic_free(80.0, 50.0, 1.0)
    got = cd.free_bim_nM(1e9, bcl2_nM=100.0, mcl1_nM=50.0, bim_nM=80.0, kd_drug_nM=0.1)
    assert got == pytest.approx(expected, rel=1e-6)


def test_tight_binding_limit_is_stoichiometric_titration():
    # Kd -> 0: partners soak up BIM one for one; free = max(total - partners, 0)
    assert cd.free_bim_nM(0.0, bcl2_nM=30.0, mcl1_nM=20.0, bim_nM=80.0, kd_bim_bcl2_nM=1e-7,
                          kd_bim_mcl1_nM=1e-7) == pytest.approx(30.0, rel=1e-5)
    assert cd.free_bim_nM(0.0, bcl2_nM=100.0, mcl1_nM=0.0, bim_nM=80.0, kd_bim_bcl2_nM=1e-7) < 1e-5


def test_mass_balance_holds_and_free_bim_rises_with_drug():
    drug = np.logspace(-3, 4, 50)
    b = cd.free_bim_nM(drug, mcl1_nM=40.0)
    k2 = cd.KD_BIM_BCL2_NM * (1 + drug / cd.KD_DRUG_NM)
    total = b + cd.BCL2_NM * b / (k2 + b) + 40.0 * b / (cd.KD_BIM_MCL1_NM + b)
    np.testing.assert_allclose(total, cd.BIM_NM, rtol=1e-9)
    assert np.all(np.diff(b) > 0)


def test_trigger_dose_closed_form_and_it_reaches_the_threshold():
    # t = 10, bim = 80, bcl2 = 100, no MCL-1: R = 70, K2' = 1000/70 - 10 = 30/7, D = 0.1 (30/7 - 1) = 2.3/7
    dose = cd.trigger_dose_nM()
    assert dose == pytest.approx(0.1 * (30.0 / 7.0 - 1.0))
    assert cd.free_bim_nM(dose) == pytest.approx(cd.THRESHOLD_NM, rel=1e-9)
    with_mcl1 = cd.trigger_dose_nM(mcl1_nM=50.0)
    assert cd.free_bim_nM(with_mcl1, mcl1_nM=50.0) == pytest.approx(cd.THRESHOLD_NM, rel=1e-9)


def test_affinity_loss_raises_the_trigger_dose_by_exactly_that_factor():
    for mcl1 in (0.0, 30.0, 60.0):
        wild = cd.trigger_dose_nM(mcl1_nM=mcl1)
        mutant = cd.trigger_dose_nM(mcl1_nM=mcl1, kd_drug_nM=cd.KD_DRUG_NM * 180)
        assert cd.dose_fold_change(mutant, wild) == pytest.approx(180.0)


def test_mcl1_above_its_limit_puts_apoptosis_out_of_reach():
    # limit = (bim - t)(Km + t)/t = 70 * 11 / 10 = 77 nM
    assert cd.max_mcl1_for_apoptosis_nM() == pytest.approx(77.0)
    assert math.isinf(cd.trigger_dose_nM(mcl1_nM=77.5))
    assert math.isfinite(cd.trigger_dose_nM(mcl1_nM=76.5))
    assert cd.free_bim_nM(1e9, mcl1_nM=77.5) < cd.THRESHOLD_NM


def test_enough_bim_needs_no_drug():
    # BIM far above BCL-2: free BIM is above the threshold already
    assert cd.trigger_dose_nM(bim_nM=500.0) == 0.0


def test_occupancy_formula():
    # D/Kd = 4, b/K = 5: 4 / 10
    assert cd.drug_occupancy_of_bcl2(0.4, 0.1, 5.0, 1.0) == pytest.approx(0.4)


@pytest.mark.parametrize(
    "call",
    [
        lambda: cd.free_bim_nM(-1.0),
        lambda: cd.free_bim_nM(1.0, kd_drug_nM=0.0),
        lambda: cd.free_bim_nM(1.0, mcl1_nM=-5.0),
        lambda: cd.trigger_dose_nM(threshold_nM=0.0),
        lambda: cd.trigger_dose_nM(kd_bim_mcl1_nM=-1.0),
        lambda: cd.apparent_bim_kd_nM(0.0, 1.0, 1.0),
        lambda: cd.max_mcl1_for_apoptosis_nM(bim_nM=float("nan")),
        lambda: cd.dose_fold_change(0.0, 1.0),
        lambda: cd.dose_fold_change(1.0, -1.0),
        lambda: cd.free_bim_fraction(1.0, bim_nM=0.0),
    ],
)
def test_nonsense_raises_value_error(call):
    with pytest.raises(ValueError):
        call()


def test_quiz_generated_answers_follow_the_closed_forms():
    """Every variant of the generated cell_death questions, recomputed by hand from the chapter's formulas."""
    import itertools

    import yaml

    path = cd.__file__.replace("models/cell_death.py", "quizbanks/cell_death.yaml")
    with open(path, encoding="utf-8") as handle:
        questions = {q["id"]: q for q in yaml.safe_load(handle)["questions"] if "compute" in q}

    def trigger(bim, mcl1, kd_drug=0.1, bcl2=100.0, k2=1.0, km=1.0, t=10.0):
        left = bim - t - mcl1 * t / (km + t)
        assert left > 0  # every drawn variant has a finite trigger dose
        needed = bcl2 * t / left - t
        assert needed > k2  # and needs some drug
        return kd_drug * (needed / k2 - 1.0)

    closed_forms = {
        "trigger-dose": lambda p: trigger(p["B"], p["M"]),
        "mutant-dose": lambda p: trigger(80.0, p["M"], kd_drug=p["kdm"]),
        "mcl1-limit": lambda p: (p["B"] - p["t"]) * (p["Km"] + p["t"]) / p["t"],
    }
    assert set(closed_forms) <= set(questions)
    for qid, closed in closed_forms.items():
        q = questions[qid]
        names = list(q["parameters"])
        for combo in itertools.product(*(q["parameters"][n]["values"] for n in names)):
            params = dict(zip(names, (float(v) for v in combo)))
            spec = q["compute"]["answer"]
            args = {key: params[v] if isinstance(v, str) else v for key, v in spec["arguments"].items()}
            computed = float(getattr(cd, spec["function"].split(":")[1])(**args))
            assert computed == pytest.approx(closed(params), rel=1e-9), (qid, params)
    # the sensitive dose printed in mutant-dose's prompt is the default cell's, 0.1 nM Kd
    for m1 in questions["mutant-dose"]["parameters"]["M"]["values"]:
        assert float(cd.trigger_dose_nM(mcl1_nM=m1)) == pytest.approx(trigger(80.0, float(m1)))


def test_figure_numbers_come_from_the_model_and_the_alt_text_states_them():
    from drugresist.figures.cell_death import cell_death_curves, free_bim_alt, mcl1_explorer

    g101v = cell_death_curves(affinity_loss_fold=180)
    assert g101v["fold"] == pytest.approx(180.0)
    assert g101v["cell_dose_nM"] == pytest.approx(cd.trigger_dose_nM(kd_drug_nM=cd.KD_DRUG_NM * 180))
    high = cell_death_curves(mcl1_nM=80)
    assert math.isinf(high["fold"]) and high["cell_plateau_nM"] < cd.THRESHOLD_NM
    assert "59.1 nM" in free_bim_alt(affinity_loss_fold=180)
    assert "no dose" in free_bim_alt(mcl1_nM=80)
    explorer = mcl1_explorer()
    assert len(explorer.sliders) <= 4 and len(explorer.presets) >= 3


def test_quiz_trigger_dose_rejects_the_reviewers_wrong_methods_in_every_variant():
    """trigger-dose: subtracting all of MCL-1 instead of the share it holds at the threshold,
    leaving out the -1 in D* = K_d (K'/K_2 - 1) or the -t in K' = [BCL-2] t/R - t, and leaving out
    MCL-1 altogether are each graded wrong in every variant (review round 2)."""
    from conftest import checked_variant, generated_variants

    def trigger(bim, mcl1, held=10.0 / 11.0, minus_one=1.0, minus_t=10.0):
        needed = 100.0 * 10.0 / (bim - 10.0 - mcl1 * held) - minus_t
        return 0.1 * (needed - minus_one)

    closed = {"trigger-dose": lambda e: trigger(e["B"], e["M"])}
    seen = 0
    for q, env in generated_variants("cell_death"):
        if q["id"] != "trigger-dose":
            continue
        tol = checked_variant(q, env, closed, worked=(0.33, 2.97, 2.2))
        b, m = env["B"], env["M"]
        for wrong in (trigger(b, m, held=1.0), trigger(b, m, minus_one=0.0), trigger(b, m, minus_t=0.0),
                      trigger(b, m, held=0.0)):
            assert abs(wrong - env["answer"]) > tol, (env, wrong)
        seen += 1
    assert seen == 12
