"""Numbers in the chapters' figure alt texts and captions come from the model (issue 23 §1).

The alt text and caption of a chapter figure are written in the page's cell metadata, by hand. So
that a change of a model parameter cannot leave a stale number there:

* for a figure that has an alt function (the text its explorer shows, computed from the model),
  every number the page quotes in the figure's alt text and caption is either one the alt function
  computes for the same call or one listed below as a stated input of the figure (an axis range, a
  parameter the call passes), and the inputs listed are checked against the figure's call;
* for a figure without one, each quoted model number is recomputed from the model below, one test
  per number;
* a model number a chapter quotes in its prose (an exercise's answer, a gain in days) is
  recomputed from the model, one test per number (PROSE below).
"""

from __future__ import annotations

import importlib
import inspect
import re

import numpy as np
import pytest
from conftest import ROOT

NUMBER = re.compile(r"(?<![\w.^])-?\d+(?:,\d{3})*(?:\.\d+)?")
CELL = re.compile(r"```\{code-cell\}[^\n]*\n---\n(.*?)\n---\n(.*?)```", re.S)


def _figure_cells() -> dict[tuple[str, str], dict[str, str]]:
    """(page, the call's last line) -> {'alt', 'caption', 'code'} for every figure cell with alt text."""
    cells = {}
    for page in sorted((ROOT / "book").glob("*.md")):
        for meta, code in CELL.findall(page.read_text(encoding="utf-8")):
            alt = re.search(r"^    alt: (.*)$", meta, re.M)
            if alt is None:
                continue
            caption = re.search(r"^    caption: (.*)$", meta, re.M)
            call = code.strip().splitlines()[-1].strip()
            cells[(page.name, call)] = {"alt": alt.group(1).strip('"'),
                                        "caption": caption.group(1).strip('"') if caption else "", "code": code}
    return cells


CELLS = _figure_cells()
#: The model module of a figure module, where the names differ.
MODELS = {"case_closed": "liquid_biopsy"}


def numbers(text: str) -> set[float]:
    """The numbers written in a text ('1,000' is 1000; '10^9' gives 10 and 9; math markup removed)."""
    text = re.sub(r"\{cite:[pt]\}`[^`]*`", "", text)  # citation keys hold years
    text = re.sub(r"\$[^$]*\$", "", text)  # math symbols (e.g. $10^{-9}$) are checked as inputs
    return {float(n.replace(",", "")) for n in NUMBER.findall(text)}


def _close(value: float, pool: set[float]) -> bool:
    return any(np.isclose(value, p, rtol=1e-9, atol=1e-12) for p in pool)


# ----- figures with an alt function --------------------------------------------------------------
#: (page, call, module, alt function, arguments, other numbers the page states). Each other number
#: maps to an expression evaluated in the figure module's namespace (with ``np`` and the model as
#: ``m``) that recomputes it, or to a string starting with "given:" for a number that is no model
#: output (an axis range, a year in a citation).
WITH_ALT = [
    ("adaptive_therapy.md", "plot_schedules()", "adaptive_therapy", "schedules_alt", {}, {
        0.375: "INITIAL_BURDEN * 0.5",  # adaptive dosing stops at half the starting burden
        800: "given: the page's rounded duration of the resistant cells' low phase"}),
    ("case_closed.md", "plot_monitoring()", "case_closed", "monitoring_alt", {}, {
        0.005: "100 * m.mutant_allele_fraction(0.0)",
        0.1: "100 * m.RESISTANT_FRACTION",
        0.2: "given: the founder fraction at the response, rounded on the page",
        5: "given: a month count",
        2014: "given: a year in a cited source"}),
    ("cell_death.md", "plot_free_bim(mcl1_nM=50)", "cell_death", "free_bim_alt", {"mcl1_nM": 50}, {
        2: "given: a count in the caption"}),
    ("combination_therapy.md", "plot_resistance_probability()", "combination_therapy", "resistance_alt", {}, {
        0.14: "m.BIRTH_RATE_PER_DAY", 0.13: "m.DEATH_RATE_PER_DAY", 0.17: "m.DEATH_RATE_TREATED_PER_DAY"}),
    ("combination_therapy.md", "plot_synergy_map()", "combination_therapy", "synergy_alt", {}, {
        0.05: "_LEVELS[3]", 0.1: "_LEVELS[4]"}),
    ("dna_repair.md", "plot_revertants()", "dna_repair", "revertants_alt", {}, {
        0.05: "m.KILL_PER_DAY", 7: "-np.log10(revertant_curves()['reversion_per_division'])",
        10: "given: the base of 10^-7"}),
    ("drug_inactivation.md", "plot_fold_divergence(dck_activity_percent=30, cda_fold=10, target_active_uM=2.0)",
     "drug_inactivation", "explorer_alt", {"dck_activity_percent": 30, "cda_fold": 10, "target_active_uM": 2.0}, {
        0.01: "given: axis range", 10000: "given: axis range", 3: "given: about 3 times (3.2 below)",
        2.8: "m.fold_resistance(_TARGETS[0], *PARAMS, activation_fraction=0.3)",
        3.2: "m.fold_resistance(_TARGETS[0], *PARAMS, inactivation_fold=10)",
        4.1: "m.outside_needed_uM(2.0, *PARAMS)"}),
    ("hypoxia.md", "plot_tissue()", "hypoxia", "tissue_alt", {}, {
        0: "given: zero oxygen", 4: "100 * _numbers(40, CONSUMPTION_DEFAULT, 60, 200)['survive_oxic']",
        60: "given: the call's drug penetration length (its default)",
        0.35: "ALPHA_PER_GY", 3: "OER", 7.1: "CONSUMPTION_DEFAULT",
        400: "2 * 200", 2000: "m.OXYGEN_DIFFUSIVITY_UM2_PER_S"}),
    ("immune_escape.md", "plot_relapse_vs_fraction()", "immune_escape", "relapse_vs_fraction_alt", {}, {
        414: "m.relapse_time_days(1e-9, GROWTH_PER_DAY, 1.0)", 0.05: "GROWTH_PER_DAY"}),
    ("next_generation_drugs.md", "plot_trial_curves(control_median_months=4.4, hazard_ratio=0.30)",
     "next_generation_drugs", "trial_curves_alt", {"control_median_months": 4.4, "hazard_ratio": 0.30}, {
        2017: "given: a year in a cited source"}),
    ("plasticity.md", "plot_plasticity()", "plasticity", "plasticity_alt", {}, {
        60: "inspect.signature(plot_plasticity).parameters['holiday_days'].default"}),
    ("stem_cells.md", "plot_compartments()", "stem_cells", "compartments_alt", {}, {}),
    ("stem_cells.md", "plot_hierarchy()", "stem_cells", "hierarchy_alt", {}, {}),
    ("stromal_protection.md", "plot_protection()", "stromal_protection", "protection_alt", {}, {
        0: "given: axis range",
        0.91: "m.receptor_occupancy(m.factor_profile(0.0, 10.0, 50.0))",
        0.16: "m.receptor_occupancy(m.factor_profile(REGION_UM, 10.0, 50.0))",
        59: "100 * kill_with_distance(REGION_UM, 5.0, 10.0, 50.0, 0.0, IC50_UM, HILL, MAX_SHIFT)"}),
    ("target_alteration.md", "plot_ic50_shift(atp_affinity_fold=10)", "target_alteration", "ic50_shift_alt",
     {"atp_affinity_fold": 10}, {
        0.1: "given: axis range", 100000: "given: axis range", 1: "m.apparent_ic50(1.0, 0.0, 1.0)",
        100: "given: the sensitive Km in the caption, checked by the occupancy numbers",
        1000: "given: the ATP level in the caption, checked by the occupancy numbers"}),
]


def _agrees(written: float, computed: float) -> bool:
    """``computed`` rounds to what the page wrote (to its last written digit, or within 5 %)."""
    text = f"{written:.10g}"
    decimals = len(text.split(".")[1]) if "." in text else 0
    return abs(computed - written) <= 0.5 * 10 ** -decimals + 1e-12 or abs(computed - written) <= 0.05 * abs(written)


@pytest.mark.parametrize("page,call,module,alt,kwargs,inputs", WITH_ALT, ids=[f"{p}:{c.split('(')[0]}" for p, c, *_ in WITH_ALT])
def test_alt_text_numbers_are_the_alt_functions(page, call, module, alt, kwargs, inputs):
    cell = CELLS.get((page, call))
    assert cell is not None, f"{page}: no figure cell ending in {call!r} with alt text"
    figure = importlib.import_module(f"drugresist.figures.{module}")
    computed = getattr(figure, alt)(**kwargs)
    namespace = {**vars(figure), "np": np, "inspect": inspect, "m": importlib.import_module(f"drugresist.models.{MODELS.get(module, module)}")}
    for value, how in inputs.items():
        if not how.startswith("given:"):
            assert _agrees(value, float(eval(how, namespace))), f"{page} {call}: {value} is now {eval(how, namespace)} ({how})"
    pool = numbers(computed) | set(inputs)
    for part in ("alt", "caption"):
        stale = sorted(n for n in numbers(cell[part]) if not _close(n, pool))
        assert not stale, (f"{page} {call}: the {part} quotes {stale}, which {alt}() no longer computes "
                           f"(it says: {computed})")


# ----- figures without an alt function: one recomputation per quoted number ----------------------
#: (page, call, the alt text or caption's words around the number with {} for it, the number as
#: written, module, expression recomputing it in the figure module's namespace as above).
QUOTED = [
    ("cell_death.md", "plot_dose_vs_mcl1()", "wild-type BCL-2 starts at {} nM", 0.33, "cell_death",
     "m.trigger_dose_nM(mcl1_nM=0.0)"),
    ("cell_death.md", "plot_dose_vs_mcl1()", "rises slowly to about {} nM at 50 nM MCL-1", 3, "cell_death",
     "m.trigger_dose_nM(mcl1_nM=50.0)"),
    ("cell_death.md", "plot_dose_vs_mcl1()", "steeply towards infinity near {} nM", 77, "cell_death",
     "m.max_mcl1_for_apoptosis_nM()"),
    ("cell_death.md", "plot_dose_vs_mcl1()", "becomes infinite above {} nM", 77, "cell_death",
     "m.max_mcl1_for_apoptosis_nM()"),
    ("cell_death.md", "plot_dose_vs_mcl1()", "lies exactly {}-fold higher", 180, "cell_death",
     "m.trigger_dose_nM(mcl1_nM=30.0, kd_drug_nM=m.KD_DRUG_NM * G101V_FOLD) / m.trigger_dose_nM(mcl1_nM=30.0)"),
    ("cell_death.md", "plot_dose_vs_mcl1()", "starting at {} nM", 59, "cell_death",
     "m.trigger_dose_nM(mcl1_nM=0.0, kd_drug_nM=m.KD_DRUG_NM * G101V_FOLD)"),
    ("efflux_pumps.md", "plot_accumulation(vmax_uM_per_min=8.0, inhibitor_uM=10.0)",
     "the curve lies about {} times below the diagonal at low", 17, "efflux_pumps",
     "0.01 / m.steady_state_intracellular(0.01, K_IN_PER_MIN, 8.0, KM_UM, 0.0, KI_UM)"),
    ("efflux_pumps.md", "plot_accumulation(vmax_uM_per_min=8.0, inhibitor_uM=10.0)",
     "the curve lies only about {} times below the diagonal", 2.5, "efflux_pumps",
     "0.01 / m.steady_state_intracellular(0.01, K_IN_PER_MIN, 8.0, KM_UM, 10.0, KI_UM)"),
    ("efflux_pumps.md", "plot_time_course(outside_uM=3.0, vmax_uM_per_min=2.0, inhibitor_uM=5.0)",
     "levels off within about 10 minutes at {} micromolar", 0.66, "efflux_pumps",
     "m.steady_state_intracellular(3.0, K_IN_PER_MIN, 2.0, KM_UM, 0.0, KI_UM)"),
    ("efflux_pumps.md", "plot_time_course(outside_uM=3.0, vmax_uM_per_min=2.0, inhibitor_uM=5.0)",
     "levels off after about 25 minutes at {} micromolar", 1.84, "efflux_pumps",
     "m.steady_state_intracellular(3.0, K_IN_PER_MIN, 2.0, KM_UM, 5.0, KI_UM)"),
    ("efflux_pumps.md", "plot_kill_curves(vmax_uM_per_min=2.0, inhibitor_uM=5.0)",
     "Without a pump half the cells are killed at {} micromolar", 1, "efflux_pumps",
     "m.external_ic50_uM(EC50_INSIDE_UM, K_IN_PER_MIN, 0.0, KM_UM, 0.0, KI_UM)"),
    ("efflux_pumps.md", "plot_kill_curves(vmax_uM_per_min=2.0, inhibitor_uM=5.0)",
     "with half-kill at {} micromolar", 4.3, "efflux_pumps",
     "m.external_ic50_uM(EC50_INSIDE_UM, K_IN_PER_MIN, 2.0, KM_UM, 0.0, KI_UM)"),
    ("efflux_pumps.md", "plot_kill_curves(vmax_uM_per_min=2.0, inhibitor_uM=5.0)",
     "raises the external IC50 {}-fold", 4.3, "efflux_pumps",
     "m.external_ic50_uM(EC50_INSIDE_UM, K_IN_PER_MIN, 2.0, KM_UM, 0.0, KI_UM) / EC50_INSIDE_UM"),
    ("efflux_pumps.md", "plot_kill_curves(vmax_uM_per_min=2.0, inhibitor_uM=5.0)",
     "inhibitor half-kill is at {} micromolar", 1.6, "efflux_pumps",
     "m.external_ic50_uM(EC50_INSIDE_UM, K_IN_PER_MIN, 2.0, KM_UM, 5.0, KI_UM)"),
    ("target_alteration.md", "plot_dose_response()", "still only at about {} and", 0.1, "target_alteration",
     "m.effect(0.1, 10.0, 0.5)"),
    ("target_alteration.md", "plot_dose_response()", "and {} at the two ends", 0.9, "target_alteration",
     "m.effect(1000.0, 10.0, 0.5)"),
    ("plasticity.md", "plot_states()", "grow {} per day and are killed", 0.03, "plasticity",
     "m.StateSwitching().sensitive_growth_per_day"),
    ("plasticity.md", "plot_states()", "killed by the drug at {} per day", 0.3, "plasticity",
     "m.StateSwitching().kill_per_day"),
    ("plasticity.md", "plot_states()", "slow-cycling, grow {} per day", 0.008, "plasticity",
     "m.StateSwitching().tolerant_growth_per_day"),
    ("plasticity.md", "plot_states()", "drug pushes, {} per day on drug", 0.004, "plasticity",
     "m.StateSwitching().to_tolerant_on_drug_per_day"),
    ("plasticity.md", "plot_states()", "and {} per day off drug", 0.0002, "plasticity",
     "m.StateSwitching().to_tolerant_off_drug_per_day"),
    ("plasticity.md", "plot_states()", "off drug reverts, {} per day", 0.05, "plasticity",
     "m.StateSwitching().to_sensitive_off_drug_per_day"),
    ("plasticity.md", "plot_states()", "and {} per day on drug", 0.001, "plasticity",
     "m.StateSwitching().to_sensitive_on_drug_per_day"),
]


@pytest.mark.parametrize("page,call,words,written,module,how", QUOTED,
                         ids=[f"{p}:{c.split('(')[0]}:{w.format(n)}" for p, c, w, n, *_ in QUOTED])
def test_quoted_number_is_the_models(page, call, words, written, module, how):
    cell = CELLS.get((page, call))
    assert cell is not None, f"{page}: no figure cell ending in {call!r} with alt text"
    phrase = words.format(f"{written:g}")
    assert phrase in cell["alt"] or phrase in cell["caption"], f"{page} {call}: {phrase!r} is no longer on the page"
    figure = importlib.import_module(f"drugresist.figures.{module}")
    namespace = {**vars(figure), "np": np, "m": importlib.import_module(f"drugresist.models.{MODELS.get(module, module)}")}
    value = float(eval(how, namespace))
    assert _agrees(written, value), f"{page} {call}: the page says {phrase!r}; the model now gives {value:.4g} ({how})"


def test_the_target_alteration_atp_figure_numbers():
    """The ATP-affinity figure is drawn in the page's own cell; its alt text's numbers."""
    from drugresist.models.target_alteration import resistance_fold_from_atp_affinity

    alt = next(c["alt"] for (page, _), c in CELLS.items() if page == "target_alteration.md" and "ATP concentration" in c["alt"])
    assert "passes 5.5 at 100 µM" in alt and "dashed line at 10" in alt
    assert _agrees(5.5, resistance_fold_from_atp_affinity(10, 100.0, 100.0))
    assert _agrees(10, resistance_fold_from_atp_affinity(10, 1e9, 100.0))


def test_forest_plot_alt_text_quotes_only_the_figures_hazard_ratios():
    """The forest plot shows reported trial numbers (not a model): its alt text quotes the table the
    figure draws (FOREST_ROWS), so a corrected number there shows up as a stale one here."""
    from drugresist.figures.next_generation_drugs import FOREST_ROWS

    cell = CELLS[("next_generation_drugs.md", "plot_forest()")]
    table = {float(v) for _label, _end, *values, _key in FOREST_ROWS for v in values if v is not None}
    quoted = {n for n in numbers(cell["alt"]) if n < 5}  # ratios; larger numbers are years and percentages
    assert quoted and quoted <= table | {1.0}, f"not in FOREST_ROWS: {sorted(quoted - table - {1.0})}"


#: Figure cells whose alt text and caption hold no model numbers (schematics: their digits are
#: labels such as "1" and "2" of numbered markers, HIF-1α, 5′-nucleotidase, a year).
SCHEMATICS = {"adaptive_diagram()", "cell_death_diagram()", "combination_diagram()", "plot_synthetic_lethality()",
              "plot_pathway()", "efflux_diagram()", "hypoxia_diagram()", "plot_mechanism()", "plot_mechanism_map()",
              "plasticity_diagram()", "stem_cells_diagram()", "stromal_diagram()", "target_esr1_diagram()",
              "target_kinase_diagram()"}


def test_every_figure_with_alt_text_is_checked_here():
    covered = {(p, c) for p, c, *_ in WITH_ALT} | {(p, c) for p, c, *_ in QUOTED}
    covered |= {("next_generation_drugs.md", "plot_forest()")}
    unchecked = sorted((p, c) for (p, c), cell in CELLS.items()
                       if (p, c) not in covered and c not in SCHEMATICS and "resistance_fold_from_atp_affinity" not in cell["code"])
    assert not unchecked, f"figure cells whose alt-text numbers no test checks: {unchecked}"


# ----- numbers in a chapter's prose that a model computes ----------------------------------------
def _page_text(page: str) -> str:
    """The page's text with every run of whitespace made one space (a phrase may wrap a line)."""
    return re.sub(r"\s+", " ", (ROOT / "book" / page).read_text(encoding="utf-8"))


def _adaptive_ttp(schedule: str, resistant_fraction: float = 0.01, **changes) -> float:
    """Days to progression in the adaptive-therapy model at its defaults, with ``changes`` to Competition."""
    from drugresist.models import adaptive_therapy as m

    run = m.simulate(schedule, m.Competition(**changes), resistant_fraction=resistant_fraction)
    return m.time_to_progression_days(run)


def _adaptive_gain(**changes) -> float:
    return _adaptive_ttp("adaptive", **changes) - _adaptive_ttp("continuous", **changes)


#: (page, the prose's words around the number with {} for it, the number as written, a function
#: recomputing it from the model). Whitespace in the page is collapsed.
PROSE = [
    ("adaptive_therapy.md", "gain from adaptive dosing shrinks from about {} to about", 740, lambda: _adaptive_gain()),
    ("adaptive_therapy.md", "shrinks from about 740 to about {} days", 450,
     lambda: _adaptive_gain(growth_resistant_per_day=0.03)),
    ("adaptive_therapy.md", "Compare with the simulated {} days", 382, lambda: _adaptive_ttp("continuous")),
    ("adaptive_therapy.md", "The simulation gives about {} days", 382, lambda: _adaptive_ttp("continuous")),
    ("adaptive_therapy.md", "progress at the same time (about {} days)", 354,
     lambda: _adaptive_ttp("continuous", competition_on_resistant=0.0)),
    ("adaptive_therapy.md", "progress at the same time (about {} days)", 354,
     lambda: _adaptive_ttp("adaptive", competition_on_resistant=0.0)),
    ("adaptive_therapy.md", "No cost: about {} against", 264, lambda: _adaptive_ttp("continuous", growth_resistant_per_day=0.03)),
    ("adaptive_therapy.md", "No cost: about 264 against {} days", 718,
     lambda: _adaptive_ttp("adaptive", growth_resistant_per_day=0.03)),
    ("adaptive_therapy.md", "advantage shrinks (about {} against", 263, lambda: _adaptive_ttp("continuous", resistant_fraction=0.10)),
    ("adaptive_therapy.md", "advantage shrinks (about 263 against {} days)", 430,
     lambda: _adaptive_ttp("adaptive", resistant_fraction=0.10)),
]


@pytest.mark.parametrize("page,words,written,model", PROSE, ids=[f"{p}:{w.format(n)}" for p, w, n, _ in PROSE])
def test_prose_number_is_the_models(page, words, written, model):
    phrase = words.format(f"{written:g}")
    assert phrase in _page_text(page), f"{page}: {phrase!r} is no longer on the page"
    value = float(model())
    assert _agrees(written, value), f"{page}: the page says {phrase!r}; the model now gives {value:.4g}"


def test_adaptive_alt_text_cycle_count_and_early_phases():
    """The adaptive figure's alt text states in words what the alt function does not compute: the
    burden cycles 'about a dozen times' before progression, sensitive cells fall 'to almost zero
    within about 100 days' under continuous dosing, resistant cells 'stay small for about 800 days'."""
    from drugresist.models import adaptive_therapy as m

    alt = CELLS[("adaptive_therapy.md", "plot_schedules()")]["alt"]
    assert "about a dozen times" in alt and "almost zero within about 100 days" in alt and "small for about 800 days" in alt
    adaptive, continuous = m.simulate("adaptive"), m.simulate("continuous")
    ttp = m.time_to_progression_days(adaptive)
    on = adaptive.dose[:-1] > 0
    stops = adaptive.times_days[1:-1][on[:-1] & ~on[1:]]  # the drug is paused at the stopping level
    assert 10 <= np.sum(stops < ttp) <= 14, f"the burden falls to the stopping level {np.sum(stops < ttp)} times"
    sensitive = np.interp(100.0, continuous.times_days, continuous.sensitive) / continuous.sensitive[0]
    assert sensitive < 0.05, f"continuous dosing leaves {sensitive:.0%} of the sensitive cells at day 100"
    resistant = np.interp(800.0, adaptive.times_days, adaptive.resistant) / adaptive.total[0]
    assert resistant < 0.25, f"resistant cells are {resistant:.0%} of the starting burden at day 800"
