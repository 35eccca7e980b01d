"""Every explorer's model holds its physical invariants over the whole of its slider ranges.

For each explorer the slider ranges are read from the explorer itself (``drugresist.figures.*``),
and the model is evaluated on a coarse grid of every combination of each slider's minimum, default
and maximum (and, for the ranges where a chapter's lesson turns, a few more values). At every point
the test checks what must hold whatever the parameters: fractions and probabilities in [0, 1],
concentrations and cell numbers >= 0, and monotonic where the chapter says so (oxygen falls with
distance, more drug kills more, a blocker protects less, ...). The grids are small and the
computations vectorised, so the whole file runs in seconds.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from drugresist.explorer import Explorer

EPS = 1e-9


def _values(slider, extra: int = 0) -> list[float]:
    """min, default, max of a slider, plus ``extra`` evenly spaced interior values."""
    values = {float(slider.min), float(slider.default), float(slider.max)}
    if extra:
        values.update(float(v) for v in np.linspace(slider.min, slider.max, extra + 2)[1:-1])
    return sorted(values)


def sweep(explorer: Explorer, extra: int = 0, **overrides) -> list[dict[str, float]]:
    """Every combination of the explorer's slider values (each slider's range read from the explorer)."""
    names = [s.name for s in explorer.sliders]
    grids = [overrides.get(s.name, _values(s, extra)) for s in explorer.sliders]
    return [dict(zip(names, combo)) for combo in itertools.product(*grids)]


def _fraction(values, name: str) -> None:
    array = np.asarray(values, dtype=float)
    finite = array[np.isfinite(array)]
    assert np.all(finite >= -EPS) and np.all(finite <= 1 + EPS), f"{name} outside [0, 1]: {finite.min()}..{finite.max()}"


def _nonnegative(values, name: str) -> None:
    array = np.asarray(values, dtype=float)
    finite = array[np.isfinite(array)]
    assert np.all(finite >= -EPS), f"{name} negative: {finite.min()}"
    assert not np.any(np.isneginf(array)), f"{name} is -inf"


def _nondecreasing(values, name: str, tol: float = 1e-9) -> None:
    array = np.asarray(values, dtype=float)
    assert np.all(np.diff(array) >= -tol * max(1.0, float(np.nanmax(np.abs(array))))), f"{name} decreases"


def _nonincreasing(values, name: str, tol: float = 1e-9) -> None:
    _nondecreasing(-np.asarray(values, dtype=float), name, tol)


# --- target alteration ------------------------------------------------------------------------------

def test_target_alteration_occupancy_over_the_slider_ranges():
    from drugresist.figures.target_alteration import competition_explorer
    from drugresist.figures.target_alteration import ATP_KM_UM
    from drugresist.models.target_alteration import apparent_ic50, drug_occupancy

    conc = np.logspace(-1, 5, 200)
    for p in sweep(competition_explorer(), extra=2):
        for km in (ATP_KM_UM, ATP_KM_UM / p["atp_affinity_fold"]):
            occ = drug_occupancy(conc, p["drug_kd_nM"], p["atp_conc_uM"], km)
            _fraction(occ, "drug occupancy")
            _nondecreasing(occ, "occupancy against drug")               # more drug binds more kinase
        sensitive = apparent_ic50(p["drug_kd_nM"], p["atp_conc_uM"], ATP_KM_UM)
        mutant = apparent_ic50(p["drug_kd_nM"], p["atp_conc_uM"], ATP_KM_UM / p["atp_affinity_fold"])
        assert mutant >= sensitive - EPS                                 # ATP affinity gain never sensitises


# --- efflux pumps -----------------------------------------------------------------------------------

def test_efflux_levels_and_kill_over_the_slider_ranges():
    from drugresist.figures import efflux_pumps as fig
    from drugresist.models.efflux_pumps import fraction_killed, intracellular_time_course, steady_state_intracellular

    outside = np.logspace(-2, 3, 60)
    explorer = fig.efflux_explorer()
    for p in sweep(explorer, extra=1):
        vmax, inhibitor, out = p["vmax_uM_per_min"], p["inhibitor_uM"], p["outside_uM"]
        inside = steady_state_intracellular(outside, fig.K_IN_PER_MIN, vmax, fig.KM_UM, inhibitor, fig.KI_UM)
        _nonnegative(inside, "drug inside")
        assert np.all(inside <= outside * (1 + 1e-9))                   # a pump can only lower the inside level
        _nondecreasing(inside, "inside against outside")
        without = steady_state_intracellular(outside, fig.K_IN_PER_MIN, vmax, fig.KM_UM, 0.0, fig.KI_UM)
        assert np.all(inside >= without * (1 - 1e-9))                    # an inhibitor never lowers it
        kill = fraction_killed(outside, fig.K_IN_PER_MIN, vmax, fig.KM_UM, fig.EC50_INSIDE_UM, fig.HILL,
                               inhibitor, fig.KI_UM)
        _fraction(kill, "fraction killed")
        _nondecreasing(kill, "kill against dose")
        course = intracellular_time_course(np.linspace(0, 60, 13), out, fig.K_IN_PER_MIN, vmax, fig.KM_UM,
                                           inhibitor, fig.KI_UM, max_step_min=0.5)
        _nonnegative(course, "time course")
        assert np.all(course <= out * (1 + 1e-6))
        _nondecreasing(course, "uptake over time", tol=1e-6)


# --- hypoxia ----------------------------------------------------------------------------------------

def test_hypoxia_profile_fraction_and_survival_over_the_slider_ranges():
    from drugresist.figures.hypoxia import hypoxia_explorer
    from drugresist.models.hypoxia import (
        drug_profile,
        hypoxic_fraction,
        midpoint_oxygen_mmHg,
        oxygen_profile_mmHg,
        radiation_survival,
    )

    explorer = hypoxia_explorer()
    spacing = next(s for s in explorer.sliders if s.name == "half_distance_um")
    halves = np.arange(spacing.min, spacing.max + spacing.step / 2, spacing.step)   # every slider stop
    for p in sweep(explorer, extra=1):
        c0, m, h = p["vessel_po2_mmHg"], p["consumption_mmHg_per_s"], p["half_distance_um"]
        x = np.linspace(0.0, h, 201)
        oxygen = oxygen_profile_mmHg(x, c0, m, half_distance_um=h)
        _nonnegative(oxygen, "oxygen")
        assert np.all(oxygen <= c0 + EPS)
        _nonincreasing(oxygen, "oxygen from vessel to midpoint")
        assert oxygen[-1] == pytest.approx(float(midpoint_oxygen_mmHg(h, c0, m)), abs=1e-9)
        _fraction(drug_profile(x, p["drug_length_um"]), "drug level")
        _fraction(radiation_survival(10.0, oxygen), "radiation survival")
        _nondecreasing(radiation_survival(10.0, oxygen), "survival away from the vessel")
        # the hypoxic fraction grows with vessel spacing (every stop of the slider) ...
        fractions = hypoxic_fraction(halves, 10.0, c0, m)
        _fraction(fractions, "hypoxic fraction")
        _nondecreasing(fractions, "hypoxic fraction against spacing")
    # ... and falls with oxygen supply, rises with consumption
    supply = next(s for s in explorer.sliders if s.name == "vessel_po2_mmHg")
    consumption = next(s for s in explorer.sliders if s.name == "consumption_mmHg_per_s")
    for h in halves:
        _nonincreasing([float(hypoxic_fraction(h, 10.0, c)) for c in np.arange(supply.min, supply.max + 1, supply.step)],
                       "hypoxic fraction against supply")
        _nondecreasing([float(hypoxic_fraction(h, 10.0, 40.0, m)) for m in
                        np.arange(consumption.min, consumption.max + 0.01, consumption.step)],
                       "hypoxic fraction against consumption")


# --- stromal protection -----------------------------------------------------------------------------

def test_stromal_kill_and_occupancy_over_the_slider_ranges():
    from drugresist.figures import stromal_protection as fig
    from drugresist.models.stromal_protection import (
        factor_profile,
        kill_with_distance,
        receptor_occupancy,
        surviving_fraction_of_region,
    )

    x = np.linspace(0.0, 300.0, 121)
    explorer = fig.stromal_explorer()
    for p in sweep(explorer, extra=1):
        args = (p["factor_at_stroma"], p["decay_length_um"])
        factor = factor_profile(x, *args)
        _nonnegative(factor, "factor")
        _nonincreasing(factor, "factor away from the stroma")
        occupancy = receptor_occupancy(factor, p["blocker"])
        _fraction(occupancy, "receptor occupancy")
        kill = kill_with_distance(x, p["drug_uM"], *args, p["blocker"], fig.IC50_UM, fig.HILL, fig.MAX_SHIFT)
        _fraction(kill, "fraction killed")
        _nondecreasing(kill, "kill away from the stroma")               # protection fades with distance
        _fraction(surviving_fraction_of_region(fig.REGION_UM, p["drug_uM"], *args, p["blocker"], fig.IC50_UM,
                                               fig.HILL, fig.MAX_SHIFT, points=201), "surviving fraction")
    blocker = next(s for s in explorer.sliders if s.name == "blocker")
    survival = [surviving_fraction_of_region(fig.REGION_UM, 5.0, 10.0, 50.0, b, fig.IC50_UM, fig.HILL,
                                             fig.MAX_SHIFT, points=201)
                for b in np.arange(blocker.min, blocker.max + 1, blocker.step)]
    _nonincreasing(survival, "survival against blocker")                # more blocker, less protection


# --- cancer stem cells ------------------------------------------------------------------------------

def test_stem_cell_compartments_over_the_slider_ranges():
    from drugresist.figures.stem_cells import _runs, stem_cell_explorer

    for p in sweep(stem_cell_explorer()):
        for run in _runs(p["kill_per_day"], p["stem_cycling_fraction"], p["stem_kill_per_day"], p["therapy_days"]):
            if run is None:
                continue
            for name in ("stem", "progenitor", "differentiated"):
                _nonnegative(getattr(run, name), name)
            total = run.total
            with np.errstate(invalid="ignore", divide="ignore"):
                share = np.where(total > 0, run.stem / np.where(total > 0, total, 1.0), 0.0)
            _fraction(share, "stem share")


# --- DNA repair -------------------------------------------------------------------------------------

def test_dna_repair_revertants_over_the_slider_ranges():
    from drugresist.figures.dna_repair import revertant_curves, revertant_explorer

    for p in sweep(revertant_explorer(), extra=1):
        c = revertant_curves(**p)
        for name in ("deficient", "revertant", "total"):
            _nonnegative(c[name], name)
        _nonincreasing(c["deficient"], "deficient cells under the PARP inhibitor")
        _nondecreasing(c["revertant"], "revertant cells")
        _fraction(c["prob_any"], "probability of a revertant")
        _fraction(c["prob_by_size"], "probability by size")
        _nondecreasing(c["prob_by_size"], "probability against tumour size")


# --- cell death -------------------------------------------------------------------------------------

def test_cell_death_free_bim_over_the_slider_ranges():
    from drugresist.figures.cell_death import cell_death_curves, mcl1_explorer

    for p in sweep(mcl1_explorer(), extra=1):
        c = cell_death_curves(**p)
        for name in ("reference_free_bim_nM", "cell_free_bim_nM"):
            _nonnegative(c[name], name)
            _nondecreasing(c[name], f"{name} against drug", tol=1e-7)   # the drug frees BIM
        assert np.all(c["cell_free_bim_nM"] <= p["bim_nM"] + 1e-6)      # never more free BIM than BIM
        assert c["cell_dose_nM"] >= 0 and (c["fold"] >= 0 or math.isnan(c["fold"]))


# --- drug inactivation ------------------------------------------------------------------------------

def test_drug_inactivation_levels_over_the_slider_ranges():
    from drugresist.figures.drug_inactivation import drug_inactivation_curves, inactivation_explorer

    for p in sweep(inactivation_explorer(), extra=1):
        c = drug_inactivation_curves(**p)
        for name in ("sensitive", "low_activation", "high_inactivation"):
            active = c[f"active_{name}"]
            _nonnegative(active, f"active drug ({name})")
            _nondecreasing(active, f"active drug against prodrug ({name})")
            assert np.all(active <= c[f"ceiling_{name}"] * (1 + 1e-9))
            assert c[f"needed_{name}"] >= 0
        for name in ("fold_low_activation", "fold_high_inactivation"):
            finite = np.asarray(c[name])[np.isfinite(c[name])]
            assert np.all(finite >= 1 - 1e-9), f"{name}: a resistant cell needs less drug"


# --- plasticity -------------------------------------------------------------------------------------

def test_plasticity_over_the_slider_ranges():
    from drugresist.figures.plasticity import plasticity_curves, plasticity_explorer

    for p in sweep(plasticity_explorer()):
        c = plasticity_curves(**p)
        for name in ("total_continuous", "total_holiday"):
            _nonnegative(c[name], name)
        for name in ("tolerant_pct_continuous", "tolerant_pct_holiday"):
            _fraction(np.asarray(c[name]) / 100, name)


# --- immune escape ----------------------------------------------------------------------------------

def test_immune_escape_over_the_slider_ranges():
    from drugresist.figures.immune_escape import escape_explorer, immune_escape_curves

    for p in sweep(escape_explorer(), extra=1):
        c = immune_escape_curves(**p)
        for name in ("single_total", "single_clone", "dual_total"):
            _nonnegative(c[name], name)
        _fraction(c["negative_fraction"], "antigen-negative fraction")
        _fraction(c["dual_negative_fraction"], "double-negative fraction")
        assert c["dual_negative_fraction"] <= c["negative_fraction"] + EPS
        assert c["dual_relapse_day"] >= c["single_relapse_day"] - 1e-6  # two targets never relapse sooner


# --- next-generation drugs (trial curves) -----------------------------------------------------------

def test_trial_curves_over_the_slider_ranges():
    from drugresist.figures.next_generation_drugs import trials_explorer
    from drugresist.models.next_generation_drugs import fraction_progression_free

    t = np.linspace(0.0, 60.0, 121)
    for p in sweep(trials_explorer(), extra=2):
        control = fraction_progression_free(t, p["control_median_months"])
        experimental = fraction_progression_free(t, p["control_median_months"], p["hazard_ratio"])
        for curve in (control, experimental):
            _fraction(curve, "progression-free fraction")
            _nonincreasing(curve, "progression-free fraction over time")
        if p["hazard_ratio"] <= 1:
            assert np.all(experimental >= control - EPS)


# --- combination therapy ----------------------------------------------------------------------------

def test_resistance_probabilities_over_the_slider_ranges():
    from drugresist.figures.combination_therapy import _SIZES, resistance_explorer
    from drugresist.models.combination_therapy import (
        prob_no_resistant_dual,
        prob_no_resistant_mono,
        resistance_probability_per_division,
    )

    for p in sweep(resistance_explorer(), extra=2):
        u = float(resistance_probability_per_division(10.0 ** p["log10_rate"], p["n_mutations"]))
        _fraction(u, "resistance probability per division")
        mono = prob_no_resistant_mono(_SIZES, u)
        dual = prob_no_resistant_dual(_SIZES, u, u)
        for curve in (mono, dual):
            _fraction(curve, "probability of no resistant cell")
            _nonincreasing(curve, "probability against tumour size")
        assert np.all(dual >= mono - EPS)                               # two drugs never worse than one


def test_synergy_surface_over_the_slider_ranges():
    from drugresist.figures.combination_therapy import _surfaces, synergy_explorer
    from drugresist.models.combination_therapy import interaction_surface_effect

    for p in sweep(synergy_explorer(), extra=1):
        x, y, excess = _surfaces(p["alpha"], p["hill"])
        effect = interaction_surface_effect(x, y, 1.0, 1.0, p["hill"], p["alpha"])
        _fraction(effect, "combined effect")
        assert np.all(np.abs(excess) <= 1 + EPS)
        _nondecreasing(effect[0, :], "effect against dose of drug A")
        _nondecreasing(effect[:, 0], "effect against dose of drug B")


# --- adaptive therapy -------------------------------------------------------------------------------

def test_adaptive_therapy_over_the_slider_ranges():
    from drugresist.figures.adaptive_therapy import _runs, adaptive_explorer

    for p in sweep(adaptive_explorer()):
        for run in _runs(p["resistant_percent"], p["resistant_growth"], p["competition"], p["lower_percent"]):
            _nonnegative(run.sensitive, "sensitive cells")
            _nonnegative(run.resistant, "resistant cells")
            assert np.all(np.isfinite(run.total))
            assert np.all(run.total <= 1.0 + 1e-6)                        # burden in fractions of capacity
            assert set(np.unique(run.dose)) <= {0.0, 1.0}


# --- case closed (liquid biopsy monitoring) ---------------------------------------------------------

def test_monitoring_over_the_slider_ranges():
    from drugresist.figures import case_closed as fig
    from drugresist.models.liquid_biopsy import monitoring_curves

    days = np.linspace(0.0, fig.HORIZON_DAYS, 61)
    for p in sweep(fig.monitoring_explorer()):
        growth, kill = p["resistant_growth_per_day"], p["sensitive_kill_per_day"]
        f = 10.0 ** p["log10_resistant_fraction"]
        c = monitoring_curves(days, growth, kill, f, fig.TUMOUR_DNA_FRACTION, fig.ALLELE_SHARE)
        for name in ("sensitive", "resistant", "total"):
            _nonnegative(c[name], name)
        _nonincreasing(c["sensitive"], "sensitive cells on the drug")
        _nondecreasing(c["resistant"], "resistant cells")
        _fraction(c["resistance_maf"], "mutant allele fraction")
        _fraction(c["founder_maf"], "founder allele fraction")
        e = fig._events(growth, kill, p["log10_resistant_fraction"], p["lod_percent"])
        assert e["nadir_burden"] >= 0


def test_every_explorer_is_swept():
    """A new explorer needs a sweep here: the list of explorer functions is the list tested above."""
    import importlib
    import pkgutil

    import drugresist.figures as figures

    import inspect

    found = set()
    for info in pkgutil.iter_modules(figures.__path__):
        module = importlib.import_module(f"drugresist.figures.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__ and inspect.signature(function).return_annotation in (
                "Explorer", Explorer
            ):
                found.add(f"{info.name}.{name}")
    covered = {
        "target_alteration.competition_explorer", "efflux_pumps.efflux_explorer", "hypoxia.hypoxia_explorer",
        "stromal_protection.stromal_explorer", "stem_cells.stem_cell_explorer", "dna_repair.revertant_explorer",
        "cell_death.mcl1_explorer", "drug_inactivation.inactivation_explorer", "plasticity.plasticity_explorer",
        "immune_escape.escape_explorer", "next_generation_drugs.trials_explorer",
        "combination_therapy.resistance_explorer", "combination_therapy.synergy_explorer",
        "adaptive_therapy.adaptive_explorer", "case_closed.monitoring_explorer",
    }
    assert found == covered, f"explorers without an invariant sweep: {sorted(found - covered)}"
